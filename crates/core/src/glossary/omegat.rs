//! OmegaT's glossary files: UTF-8 text (`.txt`, `.utf8`, `.tab`), no header, one entry a
//! line, tab-separated source term, target term and an optional comment; lines starting
//! with `#` are comments. The file names no languages, so the translator gives them.

use super::table::TableError;
use super::{Concept, Term};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limit, Limits};

/// The concept field an entry's comment goes into.
const COMMENT: &str = "note";

/// Read an OmegaT glossary whose columns are in `source` and `target`: each line a
/// concept named by its line (`line-7`), the comment its note.
pub fn read(
    data: &str,
    source: &LanguageTag,
    target: &LanguageTag,
    limits: &Limits,
) -> Result<Vec<Concept>, TableError> {
    let max = limits.get(Limit::TableCells);
    let mut cells = 0u64;
    let mut concepts = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        cells += fields.len() as u64;
        if cells > max {
            return Err(TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max,
            }));
        }
        let mut concept = Concept {
            id: format!("line-{}", i + 1),
            ..Concept::default()
        };
        for (lang, text) in [source, target].into_iter().zip(&fields) {
            if !text.is_empty() {
                concept.terms.push(Term::new(lang.clone(), *text));
            }
        }
        if fields.get(2).is_some_and(|c| !c.is_empty()) {
            // Tabs after the third column are part of the comment.
            concept.fields.insert(COMMENT.into(), fields[2..].join(" "));
        }
        if !concept.terms.is_empty() {
            concepts.push(concept);
        }
    }
    Ok(concepts)
}

/// Write `concepts` as an OmegaT glossary from `source` to `target`: a line for each
/// source term and each target term a translator may use (OmegaT knows no statuses, so
/// deprecated, superseded and forbidden targets are left out), the concept's note as the
/// comment. Terms go out as inserted, without memoQ's stem marks.
pub fn write(
    mut out: impl std::io::Write,
    concepts: &[Concept],
    source: &LanguageTag,
    target: &LanguageTag,
) -> std::io::Result<()> {
    // A tab or a line break inside a cell would shift or split OmegaT's columns.
    let cell = |text: &str| text.replace(['\t', '\r', '\n'], " ");
    for concept in concepts {
        let comment = concept.fields.get(COMMENT).map(|c| cell(c));
        for s in concept.terms_in(source) {
            for t in concept.terms_in(target).filter(|t| t.status.usable()) {
                write!(out, "{}\t{}", cell(&s.plain()), cell(&t.plain()))?;
                if let Some(comment) = &comment {
                    write!(out, "\t{comment}")?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::TermStatus;

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn reads_two_and_three_column_lines_and_skips_comments() {
        let data = include_str!("../../../../tests/fixtures/omegat/glossary.txt");
        let concepts = read(data, &lang("ru"), &lang("en"), &Limits::default()).unwrap();
        let shown: Vec<(String, Vec<String>, Option<&str>)> = concepts
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.terms
                        .iter()
                        .map(|t| format!("{}:{}", t.lang, t.text))
                        .collect(),
                    c.fields.get("note").map(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "line-3".to_string(),
                    vec![
                        "ru:межрегиональный форум".to_string(),
                        "en:inter-regional forum".into()
                    ],
                    None
                ),
                (
                    "line-4".to_string(),
                    vec!["ru:договор".to_string(), "en:treaty".into()],
                    Some("international law")
                ),
                (
                    "line-6".to_string(),
                    vec!["ru:Азербайджан".to_string(), "en:Azerbaijan".into()],
                    Some("country")
                ),
                ("line-7".to_string(), vec!["ru:саммит".to_string()], None),
            ]
        );
    }

    #[test]
    fn writes_usable_pairs_and_reads_them_back() {
        let mut banned = Term::new(lang("en"), "top meeting");
        banned.status = TermStatus::Forbidden;
        let concept = Concept {
            id: "c1".into(),
            fields: [("note".to_string(), "one\tline\nonly".to_string())].into(),
            terms: vec![
                Term::new(lang("ru"), "саммит|"),
                Term::new(lang("en"), "summit"),
                banned,
                Term::new(lang("en"), "summit meeting"),
            ],
        };
        let mut out = Vec::new();
        write(&mut out, &[concept], &lang("ru"), &lang("en")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "саммит\tsummit\tone line only\nсаммит\tsummit meeting\tone line only\n"
        );
        let back = read(&text, &lang("ru"), &lang("en"), &Limits::default()).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].terms[1].text, "summit meeting");
        assert_eq!(back[1].fields["note"], "one line only");
    }

    #[test]
    fn refuses_more_cells_than_the_limit() {
        let data = "a\tb\n".repeat(10);
        let limits = Limits::default().with(Limit::TableCells, 19);
        assert!(matches!(
            read(&data, &lang("ru"), &lang("en"), &limits),
            Err(TableError::Limit(_))
        ));
        let limits = limits.with(Limit::TableCells, 20);
        assert_eq!(
            read(&data, &lang("ru"), &lang("en"), &limits)
                .unwrap()
                .len(),
            10
        );
    }
}
