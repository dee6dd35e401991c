//! Glossaries as CSV or TSV, in the [table layout](super::table).

use super::Concept;
use super::table::{self, TableError, TableLayout};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limit, Limits};

/// Read a glossary from CSV (`delimiter` `b','`) or TSV (`b'\t'`), of no more cells
/// than `limits` allow. The concept id comes from `id_column` (default `id`).
pub fn read(
    data: &str,
    delimiter: u8,
    id_column: Option<&str>,
    limits: &Limits,
) -> Result<Vec<Concept>, TableError> {
    read_reporting(data, delimiter, id_column, limits).map(|(concepts, _)| concepts)
}

/// [`read`], with the lines of the rows shorter than the header. Spreadsheets and
/// OmegaT leave a row's empty cells at its end out; such a row is read with the missing
/// cells empty, and its line is reported so the translator can check it.
pub fn read_reporting(
    data: &str,
    delimiter: u8,
    id_column: Option<&str>,
    limits: &Limits,
) -> Result<(Vec<Concept>, Vec<u64>), TableError> {
    // A row may be short, so a quote left open would quietly take the rest of the file
    // into one cell: it is looked for first.
    if let Some(line) = unclosed_quote(data, delimiter) {
        return Err(TableError::Malformed {
            line,
            message: "a quoted field is not closed".into(),
        });
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(data.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(malformed)?
        .iter()
        .map(str::to_string)
        .collect();
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(TableError::NoHeader);
    }
    // The header's cells count, as a worksheet's do.
    let max = limits.get(Limit::TableCells);
    let mut cells = header.len() as u64;
    let mut short = Vec::new();
    let width = header.len();
    let rows = reader.records().map(|record| {
        let record = record.map_err(malformed)?;
        cells += record.len() as u64;
        if cells > max {
            return Err(TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max,
            }));
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() > width {
            return Err(TableError::Malformed {
                line,
                message: format!("{} fields where the header has {width}", record.len()),
            });
        }
        if record.len() < width {
            short.push(line);
        }
        Ok((
            line,
            record
                .iter()
                .map(|cell| unguarded(cell).to_string())
                .collect(),
        ))
    });
    let concepts = table::concepts(&header, rows, id_column)?;
    Ok((concepts, short))
}

/// Write `concepts` as CSV or TSV with a column per language of `langs`, or the
/// columns and synonyms of `layout`.
pub fn write(
    out: impl std::io::Write,
    delimiter: u8,
    concepts: &[Concept],
    langs: &[LanguageTag],
    layout: &TableLayout,
) -> std::io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let (header, rows) = table::rows(concepts, langs, layout);
    writer.write_record(&header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| guarded(cell).into_owned()))?;
    }
    writer.flush()
}

/// What makes a spreadsheet read a cell as a formula ("=HYPERLINK(…)", "-2+cmd|…"): a
/// glossary's CSV is opened in Excel or LibreOffice, and a term must never run there.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// `cell` as written to a file: one that a spreadsheet would take for a formula is
/// preceded by an apostrophe, which spreadsheets hide and [`unguarded`] removes.
fn guarded(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `cell` as read from a file: the apostrophe [`guarded`] wrote is taken away again.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn malformed(e: ::csv::Error) -> TableError {
    let line = e.position().map_or(0, |p| p.line());
    TableError::Malformed {
        line,
        message: e.to_string(),
    }
}

/// The line where a quoted field opens that the file never closes: the reader would
/// take the rest of the file into it. CSV quoting: a quote opens a field only at its start; inside, `""` is a quote.
fn unclosed_quote(data: &str, delimiter: u8) -> Option<u64> {
    let (mut line, mut opened, mut quoted, mut at_field_start) = (1u64, 0u64, false, true);
    let mut bytes = data.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_field_start {
            quoted = true;
            opened = line;
        }
        if b == b'\n' {
            line += 1;
        }
        at_field_start = !quoted && (b == delimiter || b == b'\n');
    }
    quoted.then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_terms_synonyms_and_fields() {
        let data = "id,subject,en,ru,az\n\
                    dip-030,international,United Nations;UN,Организация Объединенных Наций;ООН,Birləşmiş Millətlər Təşkilatı;BMT\n\
                    dip-001,diplomacy,inter-regional forum,\"межрегиональный форум\",\n";
        let concepts = read(data, b',', None, &Limits::default()).unwrap();
        assert_eq!(concepts.len(), 2);
        let un = &concepts[0];
        assert_eq!(un.id, "dip-030");
        assert_eq!(un.fields["subject"], "international");
        let ru = LanguageTag::parse("ru").unwrap();
        let ru_terms: Vec<&str> = un.terms_in(&ru).map(|t| t.text.as_str()).collect();
        assert_eq!(ru_terms, ["Организация Объединенных Наций", "ООН"]);
        assert_eq!(concepts[1].terms.len(), 2, "the empty az cell adds no term");
    }

    #[test]
    fn reads_tsv_with_another_id_column() {
        let data = "code\ten-US\tru-RU\tcomment\nAZ\tAzerbaijan\tАзербайджан\tCLDR\n";
        let concepts = read(data, b'\t', Some("code"), &Limits::default()).unwrap();
        assert_eq!(concepts[0].id, "AZ");
        assert_eq!(concepts[0].terms[0].lang.as_str(), "en", "tags normalised");
        assert_eq!(concepts[0].fields["comment"], "CLDR");
    }

    #[test]
    fn short_rows_are_read_with_empty_cells_and_reported() {
        let short = "id,en,ru,note\n1,forum,форум,x\n2,treaty\n3,talks,переговоры,y\n";
        let (concepts, lines) = read_reporting(short, b',', None, &Limits::default()).unwrap();
        assert_eq!(lines, [3]);
        assert_eq!(concepts.len(), 3);
        assert_eq!(concepts[1].terms.len(), 1);
        assert!(concepts[1].fields.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let ragged = "id,en,ru\n1,forum,форум\n2,treaty,договор,x\n";
        assert_eq!(
            read(ragged, b',', None, &Limits::default()),
            Err(TableError::Malformed {
                line: 3,
                message: "4 fields where the header has 3".into()
            })
        );
        let dup = "id,en\n1,forum\n2,talks\n1,treaty\n";
        assert_eq!(
            read(dup, b',', None, &Limits::default()),
            Err(TableError::DuplicateConcept {
                id: "1".into(),
                line: 4,
                first: 2
            })
        );
        assert_eq!(
            read("id,subject\n1,x\n", b',', None, &Limits::default()),
            Err(TableError::NoLanguageColumns)
        );
        assert_eq!(
            read("id,en\n1,x\n", b',', Some("code"), &Limits::default()),
            Err(TableError::MissingIdColumn("code".into()))
        );
    }

    #[test]
    fn the_starter_glossaries_read_cleanly() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../glossary/");
        for (file, count) in [("diplomatic.csv", 329), ("countries.csv", 259)] {
            let data = std::fs::read_to_string(format!("{root}{file}")).unwrap();
            let concepts = read(&data, b',', None, &Limits::default()).unwrap();
            assert_eq!(concepts.len(), count, "{file}");
            assert!(
                concepts.iter().all(|c| c.terms.len() >= 3),
                "{file}: every concept in en, ru, az"
            );
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let data = include_str!("../../../../glossary/diplomatic.csv");
        let concepts = read(data, b',', None, &Limits::default()).unwrap();
        let langs: Vec<LanguageTag> = ["en", "ru", "az"]
            .iter()
            .map(|t| LanguageTag::parse(t).unwrap())
            .collect();
        for delimiter in [b',', b'\t'] {
            let mut out = Vec::new();
            write(
                &mut out,
                delimiter,
                &concepts,
                &langs,
                &TableLayout::default(),
            )
            .unwrap();
            let again = std::str::from_utf8(&out).unwrap();
            let again = read(again, delimiter, None, &Limits::default()).unwrap();
            assert_eq!(again, concepts);
        }
    }

    #[test]
    fn a_term_a_spreadsheet_would_run_is_written_inert_and_read_back_as_it_was() {
        let en = LanguageTag::parse("en").unwrap();
        let concept = Concept {
            id: "=1+1".into(),
            terms: [
                "=HYPERLINK(\"http://x\")",
                "-2+3",
                "@SUM(A1)",
                "+7",
                "'quoted'",
                "-",
            ]
            .into_iter()
            .map(|t| super::super::Term::new(en.clone(), t))
            .collect(),
            ..Concept::default()
        };
        let mut out = Vec::new();
        write(
            &mut out,
            b',',
            std::slice::from_ref(&concept),
            &[en],
            &TableLayout::default(),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let row = text.lines().nth(1).unwrap();
        for cell in row.split(',').filter(|c| !c.is_empty()) {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?} in {row}");
        }
        assert_eq!(
            read(&text, b',', None, &Limits::default()).unwrap(),
            [concept]
        );
    }

    #[test]
    fn an_unclosed_quote_is_named_with_the_line_it_opens_on() {
        let data = "id,en,ru\nc1,treaty,договор\nc2,\"memo,меморандум\nc3,forum,форум\n";
        assert_eq!(
            read(data, b',', None, &Limits::default()),
            Err(TableError::Malformed {
                line: 3,
                message: "a quoted field is not closed".into()
            })
        );
        // Quotes inside a field and doubled quotes are no unclosed field.
        assert_eq!(unclosed_quote("a,b\"c\n\"x\"\"y\",z\n", b','), None);
    }

    /// A table of more cells than the limit is refused as it is read: fifteen million
    /// one-cell rows (45 MB of CSV) would otherwise become fifteen million concepts.
    #[test]
    fn refuses_more_cells_than_the_limit() {
        let data = format!("en\n{}", "forum\n".repeat(100));
        let limits = Limits::default().with(Limit::TableCells, 100);
        assert_eq!(
            read(&data, b',', None, &limits),
            Err(TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max: 100
            }))
        );
        let limits = limits.with(Limit::TableCells, 101);
        assert_eq!(read(&data, b',', None, &limits).unwrap().len(), 100);
    }
}
