//! Glossaries as CSV or TSV: a header row; columns named by language tags hold terms
//! (synonyms separated by `;`); one column identifies the concept; the others become
//! concept fields. This is the layout translators keep in spreadsheets and that
//! OmegaT and memoQ users exchange.

use std::collections::BTreeMap;

use thiserror::Error;

use super::{Concept, Term};
use crate::lang::LanguageTag;

/// Why a CSV glossary could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum GlossaryCsvError {
    /// The file is not well-formed CSV (an unclosed quote, a row of the wrong width).
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line of the problem.
        line: u64,
        /// What is wrong there.
        message: String,
    },
    /// No header column is a language tag, so there are no terms to read.
    #[error("the header names no language column (expected columns such as en, ru, az)")]
    NoLanguageColumns,
    /// The column chosen to identify concepts is not in the header.
    #[error("no column named {0:?} in the header")]
    MissingIdColumn(String),
    /// Two rows give the same concept identifier.
    #[error("line {line}: concept {id:?} already defined on line {first}")]
    DuplicateConcept {
        /// The repeated identifier.
        id: String,
        /// Line of the repeat.
        line: u64,
        /// Line of the first definition.
        first: u64,
    },
}

/// Short column names that are concept fields although they look like language codes.
const FIELD_NAMES: &[&str] = &["id", "pos", "ref", "url", "tag"];

/// Read a glossary from CSV (`delimiter` `b','`) or TSV (`b'\t'`). The concept id comes
/// from `id_column` (default `id`); a row without one is numbered by its line.
pub fn read(
    data: &str,
    delimiter: u8,
    id_column: Option<&str>,
) -> Result<Vec<Concept>, GlossaryCsvError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(data.as_bytes());
    let header = reader.headers().map_err(malformed)?.clone();
    let langs: Vec<Option<LanguageTag>> = header
        .iter()
        .map(|name| {
            let name = name.trim();
            // Language columns are ISO 639 codes (two or three letters, maybe with script
            // or region); longer names such as "subject" or "note" are fields.
            let tag = LanguageTag::parse(name).ok()?;
            let is_code = (2..=3).contains(&tag.primary().len());
            (is_code && !FIELD_NAMES.contains(&name.to_ascii_lowercase().as_str())).then_some(tag)
        })
        .collect();
    if langs.iter().all(Option::is_none) {
        return Err(GlossaryCsvError::NoLanguageColumns);
    }
    let id_name = id_column.unwrap_or("id");
    let id_index = header.iter().position(|h| h.trim() == id_name);
    if id_column.is_some() && id_index.is_none() {
        return Err(GlossaryCsvError::MissingIdColumn(id_name.to_string()));
    }
    let mut concepts = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(malformed)?;
        let line = record.position().map_or(0, |p| p.line());
        let mut concept = Concept::default();
        for (k, value) in record.iter().enumerate() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match (&langs[k], Some(k) == id_index) {
                (_, true) => concept.id = value.to_string(),
                (Some(lang), false) => concept.terms.extend(
                    value
                        .split(';')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(|t| Term::new(lang.clone(), t)),
                ),
                (None, false) => {
                    concept
                        .fields
                        .insert(header[k].trim().to_string(), value.to_string());
                }
            }
        }
        if concept.terms.is_empty() {
            continue;
        }
        if concept.id.is_empty() {
            concept.id = format!("line-{line}");
        }
        if let Some(&first) = seen.get(&concept.id) {
            return Err(GlossaryCsvError::DuplicateConcept {
                id: concept.id,
                line,
                first,
            });
        }
        seen.insert(concept.id.clone(), line);
        concepts.push(concept);
    }
    Ok(concepts)
}

fn malformed(e: ::csv::Error) -> GlossaryCsvError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => e.to_string(),
    };
    GlossaryCsvError::Malformed { line, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_terms_synonyms_and_fields() {
        let data = "id,subject,en,ru,az\n\
                    dip-030,international,United Nations;UN,Организация Объединенных Наций;ООН,Birləşmiş Millətlər Təşkilatı;BMT\n\
                    dip-001,diplomacy,inter-regional forum,\"межрегиональный форум\",\n";
        let concepts = read(data, b',', None).unwrap();
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
        let concepts = read(data, b'\t', Some("code")).unwrap();
        assert_eq!(concepts[0].id, "AZ");
        assert_eq!(concepts[0].terms[0].lang.as_str(), "en", "tags normalised");
        assert_eq!(concepts[0].fields["comment"], "CLDR");
    }

    #[test]
    fn errors_name_the_line() {
        let ragged = "id,en,ru\n1,forum,форум\n2,treaty\n";
        assert_eq!(
            read(ragged, b',', None),
            Err(GlossaryCsvError::Malformed {
                line: 3,
                message: "2 fields where the header has 3".into()
            })
        );
        let dup = "id,en\n1,forum\n1,treaty\n";
        assert_eq!(
            read(dup, b',', None),
            Err(GlossaryCsvError::DuplicateConcept {
                id: "1".into(),
                line: 3,
                first: 2
            })
        );
        assert_eq!(
            read("id,subject\n1,x\n", b',', None),
            Err(GlossaryCsvError::NoLanguageColumns)
        );
        assert_eq!(
            read("id,en\n1,x\n", b',', Some("code")),
            Err(GlossaryCsvError::MissingIdColumn("code".into()))
        );
    }

    #[test]
    fn the_starter_glossaries_read_cleanly() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../glossary/");
        for (file, count) in [("diplomatic.csv", 55), ("countries.csv", 263)] {
            let data = std::fs::read_to_string(format!("{root}{file}")).unwrap();
            let concepts = read(&data, b',', None).unwrap();
            assert_eq!(concepts.len(), count, "{file}");
            assert!(
                concepts.iter().all(|c| c.terms.len() >= 3),
                "{file}: every concept in en, ru, az"
            );
        }
    }
}
