//! Reading parallel sentences from spreadsheets: TSV or CSV whose header row names a
//! language per column (`ru`, `az`, `en`), one unit per row.
//!
//! CSV follows RFC 4180 (fields in double quotes may hold the delimiter, newlines and
//! doubled quotes); TSV fields are taken as they are, tabs and newlines being their
//! delimiters. Lines are reported 1-based in the file, so a rejected row can be found.
//! A table of more cells than [`Limit::TableCells`] allows is refused as it is read.

use thiserror::Error;

use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limit, Limits};

/// Why a table could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TableError {
    /// The header row does not name a language in every column.
    #[error("line 1: column {column} is headed {found:?}, not a language tag (e.g. ru, az, en)")]
    BadHeader {
        /// 1-based column.
        column: usize,
        /// The header cell.
        found: String,
    },
    /// The header names fewer than two languages, or one twice.
    #[error("line 1: the header must name two or more different languages")]
    TooFewLanguages,
    /// The table has more cells than the limit allows.
    #[error(transparent)]
    Limit(#[from] Exceeded),
    /// A quoted CSV field is not closed before the end of the file.
    #[error("line {line}: a quoted field is not closed")]
    UnclosedQuote {
        /// 1-based line where the field starts.
        line: usize,
    },
}

/// A row of the table: its line and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based line where the row starts.
    pub line: usize,
    /// The cells, as many as the row has (not necessarily one per language).
    pub cells: Vec<String>,
}

/// The languages of the header and the rows below it; blank rows are left out.
pub fn read_table(
    text: &str,
    delimiter: char,
    limits: &Limits,
) -> Result<(Vec<LanguageTag>, Vec<TableRow>), TableError> {
    let mut cells = Cells {
        read: 0,
        max: limits.get(Limit::TableCells),
    };
    let mut rows = if delimiter == '\t' {
        tsv_rows(text, &mut cells)?
    } else {
        csv_rows(text, delimiter, &mut cells)?
    }
    .into_iter();
    let header = rows.next().map(|r| r.cells).unwrap_or_default();
    let mut langs: Vec<LanguageTag> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let lang = LanguageTag::from_header(cell).ok_or_else(|| TableError::BadHeader {
            column: i + 1,
            found: cell.clone(),
        })?;
        if langs.contains(&lang) {
            return Err(TableError::TooFewLanguages);
        }
        langs.push(lang);
    }
    if langs.len() < 2 {
        return Err(TableError::TooFewLanguages);
    }
    let rows = rows
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok((langs, rows))
}

/// Cells read so far, against the limit.
struct Cells {
    read: u64,
    max: u64,
}

impl Cells {
    /// The row `row` has been read.
    fn row(&mut self, row: TableRow) -> Result<TableRow, TableError> {
        self.read += row.cells.len() as u64;
        if self.read > self.max {
            return Err(TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max: self.max,
            }));
        }
        Ok(row)
    }
}

fn tsv_rows(text: &str, count: &mut Cells) -> Result<Vec<TableRow>, TableError> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            count.row(TableRow {
                line: i + 1,
                cells: line.split('\t').map(str::to_string).collect(),
            })
        })
        .collect()
}

fn csv_rows(text: &str, delimiter: char, count: &mut Cells) -> Result<Vec<TableRow>, TableError> {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut row_line, mut quote_line) = (1, 1, 0);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() => {
                quoted = true;
                quote_line = line;
            }
            c if quoted => cell.push(c),
            c if c == delimiter => cells.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                rows.push(count.row(TableRow {
                    line: row_line,
                    cells: std::mem::take(&mut cells),
                })?);
                row_line = line;
            }
            c => cell.push(c),
        }
    }
    if quoted {
        return Err(TableError::UnclosedQuote { line: quote_line });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push(count.row(TableRow {
            line: row_line,
            cells,
        })?);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_table(
        text: &str,
        delimiter: char,
    ) -> Result<(Vec<LanguageTag>, Vec<TableRow>), TableError> {
        super::read_table(text, delimiter, &Limits::default())
    }

    /// A table of more cells than the limit is refused, in either format.
    #[test]
    fn refuses_more_cells_than_the_limit() {
        let limits = Limits::default().with(Limit::TableCells, 5);
        for (text, delimiter) in [
            ("en\tru\na\tб\nc\tд\n", '\t'),
            ("en,ru\na,б\n\"c\",д\n", ','),
        ] {
            let e = super::read_table(text, delimiter, &limits).unwrap_err();
            assert_eq!(
                e,
                TableError::Limit(Exceeded {
                    limit: Limit::TableCells,
                    max: 5
                })
            );
            let (_, rows) =
                super::read_table(text, delimiter, &limits.with(Limit::TableCells, 6)).unwrap();
            assert_eq!(rows.len(), 2);
        }
    }

    #[test]
    fn reads_csv_with_quotes_and_newlines() {
        let text = "ru,az-Latn,en\r\n\"Да, конечно.\",\"Bəli.\",\"Yes, \"\"of course\"\".\"\n\n\"Две\nстроки\",İki,Two\n";
        let (langs, rows) = read_table(text, ',').unwrap();
        assert_eq!(
            langs.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            ["ru", "az", "en"]
        );
        assert_eq!(
            rows[0].cells,
            ["Да, конечно.", "Bəli.", "Yes, \"of course\"."]
        );
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].cells, ["Две\nстроки", "İki", "Two"]);
    }

    #[test]
    fn reads_tsv_and_refuses_bad_headers() {
        let (langs, rows) = read_table("en\tru\nYes.\tДа.\n", '\t').unwrap();
        assert_eq!(langs.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(
            read_table("en\tsource text\n", '\t'),
            Err(TableError::BadHeader {
                column: 2,
                found: "source text".into()
            })
        );
        assert_eq!(
            read_table("en\ten-GB\n", '\t'),
            Err(TableError::TooFewLanguages)
        );
        assert_eq!(
            read_table("en,ru\n\"open,x\n", ','),
            Err(TableError::UnclosedQuote { line: 2 })
        );
    }

    #[test]
    fn headers_may_name_the_languages_but_other_words_are_refused() {
        let (langs, _) = read_table(
            "English\tRussian\tAzərbaycan dili\nYes.\tДа.\tBəli.\n",
            '\t',
        )
        .unwrap();
        let tags: Vec<&str> = langs.iter().map(LanguageTag::as_str).collect();
        assert_eq!(tags, ["en", "ru", "az"]);
        // Tag-shaped words of five to eight letters were taken for languages.
        assert_eq!(
            read_table("source\ttarget\n", '\t'),
            Err(TableError::BadHeader {
                column: 1,
                found: "source".into()
            })
        );
    }
}
