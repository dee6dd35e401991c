//! The spreadsheet layout of a glossary, shared by CSV, TSV and XLSX: a header row;
//! columns named by language tags hold terms (synonyms separated by `;`); one column
//! identifies the concept; the other columns become concept fields. This is the layout
//! translators keep in spreadsheets and that OmegaT and memoQ users exchange.

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use super::{Concept, Term};
use crate::lang::LanguageTag;

/// Why a glossary table could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TableError {
    /// The file is not a well-formed table (an unclosed quote, a row of the wrong width,
    /// a workbook that cannot be opened).
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line (row) of the problem.
        line: u64,
        /// What is wrong there.
        message: String,
    },
    /// The workbook goes beyond one of the [`Limits`](crate::limits::Limits).
    #[error(transparent)]
    Limit(#[from] crate::limits::Exceeded),
    /// The table has no header row.
    #[error("the table is empty (expected a header row such as id,en,ru,az)")]
    NoHeader,
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

/// The language a column holds, if its name is a language code.
fn column_language(name: &str) -> Option<LanguageTag> {
    // Language columns are ISO 639 codes (two or three letters, maybe with script or
    // region) or a language's name; other words such as "subject" or "note" are fields.
    let name = name.trim();
    if FIELD_NAMES.contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    LanguageTag::from_header(name)
}

/// Build concepts from a header and rows given with their 1-based line numbers. The
/// concept id comes from `id_column` (default `id`); a row without one is named by its
/// line; rows without terms are skipped.
pub fn concepts(
    header: &[String],
    rows: impl IntoIterator<Item = Result<(u64, Vec<String>), TableError>>,
    id_column: Option<&str>,
) -> Result<Vec<Concept>, TableError> {
    let langs: Vec<Option<LanguageTag>> = header.iter().map(|h| column_language(h)).collect();
    if langs.iter().all(Option::is_none) {
        return Err(TableError::NoLanguageColumns);
    }
    let id_name = id_column.unwrap_or("id");
    let id_index = header.iter().position(|h| h.trim() == id_name);
    if id_column.is_some() && id_index.is_none() {
        return Err(TableError::MissingIdColumn(id_name.to_string()));
    }
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for row in rows {
        let (line, cells) = row?;
        let mut concept = Concept::default();
        for (k, value) in cells.iter().enumerate().take(header.len()) {
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
            return Err(TableError::DuplicateConcept {
                id: concept.id,
                line,
                first,
            });
        }
        seen.insert(concept.id.clone(), line);
        out.push(concept);
    }
    Ok(out)
}

/// The table of `concepts`: a header (`id`, one column per language in `langs`, then
/// every field name in order) and one row per concept, synonyms joined by `; `.
pub fn rows(concepts: &[Concept], langs: &[LanguageTag]) -> (Vec<String>, Vec<Vec<String>>) {
    let fields: BTreeSet<&str> = concepts
        .iter()
        .flat_map(|c| c.fields.keys().map(String::as_str))
        .collect();
    let mut header = vec!["id".to_string()];
    header.extend(langs.iter().map(|l| l.to_string()));
    header.extend(fields.iter().map(|f| f.to_string()));
    let body = concepts
        .iter()
        .map(|c| {
            let mut row = vec![c.id.clone()];
            row.extend(langs.iter().map(|l| {
                c.terms_in(l)
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            }));
            row.extend(
                fields
                    .iter()
                    .map(|f| c.fields.get(*f).cloned().unwrap_or_default()),
            );
            row
        })
        .collect();
    (header, body)
}
