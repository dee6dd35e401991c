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
    #[error(
        "the header names no language column (expected columns such as en, ru, az; \
         an OmegaT glossary has no header: give its languages, --langs ru,en)"
    )]
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
/// line; rows without terms are skipped; consecutive rows with the same id are one
/// concept (one term a row), the same id further on is an error.
pub fn concepts(
    header: &[String],
    rows: impl IntoIterator<Item = Result<(u64, Vec<String>), TableError>>,
    id_column: Option<&str>,
) -> Result<Vec<Concept>, TableError> {
    let id_name = id_column.unwrap_or("id");
    let id_index = header.iter().position(|h| h.trim() == id_name);
    if id_column.is_some() && id_index.is_none() {
        return Err(TableError::MissingIdColumn(id_name.to_string()));
    }
    // A second `id` beside the concept ids is Indonesian, as Dragoman writes its column.
    let indonesian = |k: usize, h: &str| id_name == "id" && h.trim() == "id" && Some(k) != id_index;
    let langs: Vec<Option<LanguageTag>> = header
        .iter()
        .enumerate()
        .map(|(k, h)| {
            if indonesian(k, h) {
                LanguageTag::parse("id").ok()
            } else {
                column_language(h)
            }
        })
        .collect();
    if langs.iter().all(Option::is_none) {
        return Err(TableError::NoLanguageColumns);
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
        // A row right after one of the same concept continues it: a table written one
        // term a row (memoQ's layout, [`Synonyms::Rows`]).
        if let Some(previous) = out.last_mut().filter(|p: &&mut Concept| p.id == concept.id) {
            previous.terms.extend(concept.terms);
            for (name, value) in concept.fields {
                previous.fields.entry(name).or_insert(value);
            }
            continue;
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

/// How synonyms (several terms of a language in one concept) are laid out in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synonyms {
    /// In one cell, joined by `; `: Dragoman's and most spreadsheets' way.
    #[default]
    Joined,
    /// Each in a column of its own, the language tag repeated in the header: what
    /// memoQ's CSV import maps column by column.
    Columns,
    /// Each on a row of its own, the concept's id and fields repeated: one term a row.
    Rows,
}

/// The columns a table is written with and how synonyms are laid out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableLayout {
    /// The columns in order, by header name: `id`, language tags, field names. `None`
    /// writes `id`, each language, then every field; a list may leave `id` out or put
    /// it last (OmegaT and memoQ take the first columns for terms).
    pub columns: Option<Vec<String>>,
    /// Where synonyms go.
    pub synonyms: Synonyms,
}

/// What a column of a written table holds.
enum Column {
    Id,
    Terms(LanguageTag),
    Field(String),
}

/// The table of `concepts` laid out by `layout`: a header and the rows. Without chosen
/// columns: `id`, one column per language in `langs`, then every field name in order.
pub fn rows(
    concepts: &[Concept],
    langs: &[LanguageTag],
    layout: &TableLayout,
) -> (Vec<String>, Vec<Vec<String>>) {
    let columns: Vec<Column> = match &layout.columns {
        Some(names) => names
            .iter()
            .map(|name| match (name.trim(), column_language(name)) {
                ("id", _) => Column::Id,
                (_, Some(lang)) => Column::Terms(lang),
                (field, None) => Column::Field(field.to_string()),
            })
            .collect(),
        None => {
            let fields: BTreeSet<&str> = concepts
                .iter()
                .flat_map(|c| c.fields.keys().map(String::as_str))
                .collect();
            std::iter::once(Column::Id)
                .chain(langs.iter().cloned().map(Column::Terms))
                .chain(fields.iter().map(|f| Column::Field(f.to_string())))
                .collect()
        }
    };
    // How many columns each language column becomes: one, or its most synonyms.
    let width = |column: &Column| match (column, layout.synonyms) {
        (Column::Terms(lang), Synonyms::Columns) => concepts
            .iter()
            .map(|c| c.terms_in(lang).count())
            .max()
            .unwrap_or(0)
            .max(1),
        _ => 1,
    };
    let widths: Vec<usize> = columns.iter().map(width).collect();
    let mut header = Vec::new();
    for (column, &n) in columns.iter().zip(&widths) {
        let name = match column {
            Column::Id => "id".to_string(),
            Column::Terms(lang) => lang.to_string(),
            Column::Field(f) => f.clone(),
        };
        header.extend(std::iter::repeat_n(name, n));
    }
    let mut body = Vec::new();
    for c in concepts {
        let terms = |lang: &LanguageTag| -> Vec<String> {
            c.terms_in(lang).map(|t| t.text.clone()).collect()
        };
        let lines = match layout.synonyms {
            Synonyms::Rows => columns
                .iter()
                .map(|col| match col {
                    Column::Terms(lang) => c.terms_in(lang).count(),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
                .max(1),
            _ => 1,
        };
        for line in 0..lines {
            let mut row = Vec::new();
            for (column, &n) in columns.iter().zip(&widths) {
                match column {
                    Column::Id => row.push(c.id.clone()),
                    Column::Field(f) => row.push(c.fields.get(f).cloned().unwrap_or_default()),
                    Column::Terms(lang) => {
                        let mut cells = terms(lang);
                        match layout.synonyms {
                            Synonyms::Joined => row.push(cells.join("; ")),
                            Synonyms::Columns => {
                                cells.resize(n, String::new());
                                row.extend(cells);
                            }
                            Synonyms::Rows => {
                                row.push(cells.get(line).cloned().unwrap_or_default())
                            }
                        }
                    }
                }
            }
            body.push(row);
        }
    }
    (header, body)
}
