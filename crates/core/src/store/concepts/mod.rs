//! Editing glossaries one concept at a time, as a term base editor does: creating and
//! configuring glossaries, searching concepts by any of their terms, adding, changing and
//! deleting concepts, importing a file with a report, and which term suggestions the
//! translator has rejected. Each write function runs in the caller's
//! transaction, so an edit or an import is all or nothing.

use std::collections::HashSet;
use std::ops::ControlFlow;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use thiserror::Error;

use super::StoreError;
use super::glossary::{ConceptPolicy, GlossaryId, import};
use super::term::{Concept, Term};
use crate::Timestamp;
use crate::glossary::concept_id;
use crate::lang::LanguageTag;
use crate::text::forbidden_xml_char;

/// A concept's row identifier, unique across glossaries.
pub type ConceptRow = i64;

/// Why a glossary or concept could not be changed; nothing was.
#[derive(Debug, Error)]
pub enum ConceptError {
    /// The concept was deleted meanwhile, or never existed.
    #[error("no concept {0}")]
    NoSuchConcept(ConceptRow),
    /// The glossary was deleted meanwhile, or never existed.
    #[error("no glossary {0}")]
    NoSuchGlossary(GlossaryId),
    /// Glossary names are unique.
    #[error("a glossary named {0:?} already exists")]
    GlossaryExists(String),
    /// A glossary's name is empty or only spaces.
    #[error("a glossary needs a name")]
    EmptyName,
    /// A concept without terms names nothing.
    #[error("a concept needs at least one term")]
    NoTerms,
    /// A term's text is empty or only spaces.
    #[error("term {position}: the text is empty")]
    EmptyTerm {
        /// 1-based position of the term in the concept.
        position: usize,
    },
    /// The same term is given twice in one language.
    #[error("the {lang} term {text:?} is given twice")]
    DuplicateTerm {
        /// The language.
        lang: String,
        /// The term.
        text: String,
    },
    /// A term, note or field holds a character XML 1.0 cannot carry (a control
    /// character from a paste), which no TBX export could write.
    #[error(
        "{place}: U+{code:04X} at character {position} is a control character a glossary \
         cannot hold; remove it"
    )]
    Unstorable {
        /// Where in the concept.
        place: ConceptPlace,
        /// 1-based position of the character there.
        position: usize,
        /// The character's code point.
        code: u32,
    },
    /// Another concept of the glossary has this identifier.
    #[error("another concept of this glossary has the id {0:?}")]
    DuplicateConceptId(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ConceptError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// A term as stored for searching: folded as its language folds, without `|` marks.
pub(crate) fn folded(term: &Term) -> String {
    term.lang.fold(&term.plain())
}

/// Fold the terms written before terms were stored folded (migration 7).
pub(crate) fn fold_stored_terms(tx: &Transaction) -> Result<(), StoreError> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, lang, text FROM term")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE term SET folded = ?2 WHERE id = ?1")?;
    for (id, lang, text) in rows {
        let lang = LanguageTag::parse(&lang).map_err(|e| StoreError::Damaged(e.to_string()))?;
        update.execute(params![id, folded(&Term::new(lang, text))])?;
    }
    Ok(())
}

/// A new, empty glossary named `name` (trimmed).
pub fn create_glossary(
    tx: &Transaction,
    name: &str,
    priority: i64,
) -> Result<GlossaryId, ConceptError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ConceptError::EmptyName);
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM glossary WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(ConceptError::GlossaryExists(name.to_string()));
    }
    Ok(super::glossary::ensure(tx, name, priority)?)
}

/// Set a glossary's priority and whether recognition uses it.
pub fn configure_glossary(
    tx: &Transaction,
    id: GlossaryId,
    priority: i64,
    enabled: bool,
) -> Result<(), ConceptError> {
    let changed = tx.execute(
        "UPDATE glossary SET priority = ?2, enabled = ?3 WHERE id = ?1",
        params![id, priority, enabled],
    )?;
    if changed == 0 {
        return Err(ConceptError::NoSuchGlossary(id));
    }
    Ok(())
}

/// Which concepts to list, and which page of them.
#[derive(Debug, Clone, Default)]
pub struct ConceptQuery {
    /// Only this glossary's concepts (every glossary's when `None`).
    pub glossary: Option<GlossaryId>,
    /// Concepts with a term containing this text, folded (every concept when empty).
    pub text: String,
    /// How many matching concepts to pass over.
    pub offset: u64,
    /// How many to return at most.
    pub limit: u64,
}

/// A stored concept with where it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptEntry {
    /// Its row.
    pub row: ConceptRow,
    /// Its glossary.
    pub glossary: GlossaryId,
    /// The concept.
    pub concept: Concept,
}

/// One page of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptPage {
    /// How many concepts match in all.
    pub total: u64,
    /// The page's concepts, in the order they were added.
    pub concepts: Vec<ConceptEntry>,
}

/// The concepts matching `query`, a page at a time. The text is folded as each of the
/// three folding rules would fold it (Turkic I, Russian ё, the rest), so "İSTANBUL"
/// finds "İstanbul" in Azerbaijani and "ЁЛКА" finds "елка" in Russian.
pub fn search(conn: &Connection, query: &ConceptQuery) -> Result<ConceptPage, StoreError> {
    let text = query.text.trim();
    let limit = query.limit.min(i64::MAX as u64) as i64;
    let offset = query.offset.min(i64::MAX as u64) as i64;
    let (total, rows): (u64, Vec<ConceptRow>) = if text.is_empty() {
        let total: i64 = conn.query_row(
            "SELECT count(*) FROM concept WHERE ?1 IS NULL OR glossary_id = ?1",
            [query.glossary],
            |r| r.get(0),
        )?;
        let rows = conn
            .prepare(
                "SELECT id FROM concept WHERE ?1 IS NULL OR glossary_id = ?1 \
                 ORDER BY id LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![query.glossary, limit, offset], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        (total as u64, rows)
    } else {
        let mut folds: Vec<String> = ["az", "ru", "en"]
            .iter()
            .map(|l| {
                LanguageTag::parse(l)
                    .map(|tag| tag.fold(text))
                    .map_err(|e| StoreError::Damaged(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        folds.sort();
        folds.dedup();
        // One pass over the term table in row order (a concept-by-concept lookup took
        // ten times as long at 300,000 terms); the matching ids are few bytes each.
        let any = (0..folds.len())
            .map(|i| format!("instr(t.folded, ?{}) > 0", i + 2))
            .collect::<Vec<_>>()
            .join(" OR ");
        let mut args: Vec<rusqlite::types::Value> = vec![query.glossary.into()];
        args.extend(folds.into_iter().map(rusqlite::types::Value::from));
        let ids: Vec<ConceptRow> = conn
            .prepare(&format!(
                "SELECT DISTINCT t.concept_id FROM term t JOIN concept c ON c.id = t.concept_id \
                 WHERE (?1 IS NULL OR c.glossary_id = ?1) AND ({any}) ORDER BY t.concept_id"
            ))?
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let page = ids
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .copied()
            .collect();
        (ids.len() as u64, page)
    };
    let concepts = rows
        .into_iter()
        .map(|row| concept(conn, row)?.ok_or_else(|| StoreError::Damaged(format!("concept {row}"))))
        .collect::<Result<_, _>>()?;
    Ok(ConceptPage { total, concepts })
}

/// The concept in row `row`, if there is one.
pub fn concept(conn: &Connection, row: ConceptRow) -> Result<Option<ConceptEntry>, StoreError> {
    let Some((glossary, id)) = conn
        .prepare_cached("SELECT glossary_id, external_id FROM concept WHERE id = ?1")?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let fields = conn
        .prepare_cached("SELECT name, value FROM concept_field WHERE concept_id = ?1")?
        .query_map([row], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut terms = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT lang, text, status, part_of_speech, note, match_mode FROM term \
         WHERE concept_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([row])?;
    while let Some(r) = rows.next()? {
        terms.push(super::glossary::term_of_row(
            &r.get::<_, String>(0)?,
            r.get(1)?,
            &r.get::<_, String>(2)?,
            r.get(3)?,
            r.get(4)?,
            &r.get::<_, String>(5)?,
        )?);
    }
    Ok(Some(ConceptEntry {
        row,
        glossary,
        concept: Concept { id, fields, terms },
    }))
}

/// Trim the terms and check there is something to store: at least one term, none empty,
/// none twice in a language. What the translator wrote is otherwise kept as written.
pub fn checked(concept: &Concept) -> Result<Concept, ConceptError> {
    let mut out = concept.clone();
    if out.terms.is_empty() {
        return Err(ConceptError::NoTerms);
    }
    let mut seen = HashSet::new();
    for (i, term) in out.terms.iter_mut().enumerate() {
        term.text = term.text.trim().to_string();
        term.part_of_speech = term.part_of_speech.take().filter(|p| !p.trim().is_empty());
        term.note = term.note.take().filter(|n| !n.trim().is_empty());
        if term.plain().trim().is_empty() {
            return Err(ConceptError::EmptyTerm { position: i + 1 });
        }
        if !seen.insert((term.lang.clone(), term.text.clone())) {
            return Err(ConceptError::DuplicateTerm {
                lang: term.lang.to_string(),
                text: term.text.clone(),
            });
        }
    }
    out.id = out.id.trim().to_string();
    refuse_unstorable(&out)?;
    Ok(out)
}

/// A place in a concept, to say where a refused character is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConceptPlace {
    /// The concept's id.
    Id,
    /// The descriptive field of this name.
    Field(String),
    /// The text of the term at this 1-based position.
    Term(usize),
    /// The note of that term.
    Note(usize),
    /// Its part of speech.
    PartOfSpeech(usize),
}

impl std::fmt::Display for ConceptPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Id => write!(f, "the concept's id"),
            Self::Field(name) => write!(f, "field {name}"),
            Self::Term(n) => write!(f, "term {n}"),
            Self::Note(n) => write!(f, "note of term {n}"),
            Self::PartOfSpeech(n) => write!(f, "part of speech of term {n}"),
        }
    }
}

/// The first character of `concept` that XML 1.0 cannot carry, named by where it is.
fn refuse_unstorable(concept: &Concept) -> Result<(), ConceptError> {
    let mut places = vec![(ConceptPlace::Id, concept.id.as_str())];
    for (name, value) in &concept.fields {
        places.push((ConceptPlace::Field(name.clone()), value));
    }
    for (i, term) in concept.terms.iter().enumerate() {
        places.push((ConceptPlace::Term(i + 1), &term.text));
        if let Some(note) = &term.note {
            places.push((ConceptPlace::Note(i + 1), note));
        }
        if let Some(pos) = &term.part_of_speech {
            places.push((ConceptPlace::PartOfSpeech(i + 1), pos));
        }
    }
    match places
        .into_iter()
        .find_map(|(place, text)| Some((place, text, forbidden_xml_char(text)?)))
    {
        Some((place, text, (at, c))) => Err(ConceptError::Unstorable {
            place,
            position: text[..at].chars().count() + 1,
            code: c as u32,
        }),
        None => Ok(()),
    }
}

/// Add `concept` to glossary `glossary` as a new concept; its id, when empty, is a made
/// one ([`new_id`]). Returns the new row.
pub fn add_concept(
    tx: &Transaction,
    glossary: GlossaryId,
    concept: &Concept,
    author: Option<&str>,
) -> Result<ConceptRow, ConceptError> {
    let mut concept = checked(concept)?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM glossary WHERE id = ?1)",
        [glossary],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(ConceptError::NoSuchGlossary(glossary));
    }
    let id_taken = |id: &str| -> Result<bool, rusqlite::Error> {
        tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM concept WHERE glossary_id = ?1 AND external_id = ?2)",
            params![glossary, id],
            |r| r.get(0),
        )
    };
    if concept.id.is_empty() {
        concept.id = new_id(tx, glossary)?;
    } else if id_taken(&concept.id)? {
        return Err(ConceptError::DuplicateConceptId(concept.id));
    }
    import(
        tx,
        glossary,
        &[concept.clone()],
        ConceptPolicy::Merge,
        author,
    )?;
    Ok(tx.query_row(
        "SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2",
        params![glossary, concept.id],
        |r| r.get(0),
    )?)
}

/// A made id ([`concept_id::fresh`]) that no concept of `glossary` has.
pub fn new_id(tx: &Transaction, glossary: GlossaryId) -> Result<String, ConceptError> {
    loop {
        let id = concept_id::fresh();
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM concept WHERE glossary_id = ?1 AND external_id = ?2)",
            params![glossary, id],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(id);
        }
    }
}

/// The id of a concept of `glossary` that has `term` (its language and text as
/// written), the first stored when several do.
pub fn id_holding(
    tx: &Transaction,
    glossary: GlossaryId,
    term: &Term,
) -> Result<Option<String>, ConceptError> {
    Ok(tx
        .query_row(
            "SELECT c.external_id FROM concept c JOIN term t ON t.concept_id = c.id \
         WHERE c.glossary_id = ?1 AND t.lang = ?2 AND t.text = ?3 ORDER BY c.id LIMIT 1",
            params![glossary, term.lang.as_str(), term.text],
            |r| r.get(0),
        )
        .optional()?)
}

/// Replace the terms, fields and id of the concept in row `row` with `concept`'s.
pub fn save_concept(
    tx: &Transaction,
    row: ConceptRow,
    concept: &Concept,
    author: Option<&str>,
) -> Result<(), ConceptError> {
    let concept = checked(concept)?;
    let glossary: GlossaryId = tx
        .query_row(
            "SELECT glossary_id FROM concept WHERE id = ?1",
            [row],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(ConceptError::NoSuchConcept(row))?;
    if !concept.id.is_empty() {
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2 AND id <> ?3",
                params![glossary, concept.id, row],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            return Err(ConceptError::DuplicateConceptId(concept.id));
        }
        tx.execute(
            "UPDATE concept SET external_id = ?2 WHERE id = ?1",
            params![row, concept.id],
        )?;
    }
    tx.execute("DELETE FROM term WHERE concept_id = ?1", [row])?;
    tx.execute("DELETE FROM concept_field WHERE concept_id = ?1", [row])?;
    super::glossary::write_content(tx, row, &concept)?;
    tx.execute(
        "UPDATE concept SET changed_at = ?2, changed_by = ?3 WHERE id = ?1",
        params![row, Timestamp::now().0, author],
    )?;
    Ok(())
}

/// Delete the concept in row `row` with its terms and fields.
pub fn delete_concept(tx: &Transaction, row: ConceptRow) -> Result<(), ConceptError> {
    if tx.execute("DELETE FROM concept WHERE id = ?1", [row])? == 0 {
        return Err(ConceptError::NoSuchConcept(row));
    }
    Ok(())
}

/// A concept an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedConcept {
    /// The concept's id in the file (its TBX id, its table row's id).
    pub concept: String,
    /// Why it was left out.
    pub reason: String,
}

/// What an import did, concept by concept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New concepts.
    pub added: usize,
    /// Known concepts that gained terms or fields, or were replaced.
    pub merged: usize,
    /// Known concepts left as they were.
    pub skipped: usize,
    /// Concepts not stored because they name nothing usable.
    pub rejected: Vec<RejectedConcept>,
    /// Lines of a table shorter than its header, read with the missing cells empty
    /// (filled by the glossary import, which reads the file).
    pub short_rows: Vec<u64>,
}

/// Import `concepts` into glossary `glossary` by `policy`, leaving out (and reporting)
/// those without a usable term, calling `progress(done, total)` as it goes; a `Break`
/// from it stops the import with an error, so the caller's transaction is dropped.
pub fn import_reporting(
    tx: &Transaction,
    glossary: GlossaryId,
    concepts: &[Concept],
    policy: ConceptPolicy,
    author: Option<&str>,
    mut progress: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<ImportReport, ImportError> {
    const CHUNK: usize = 500;
    let mut report = ImportReport::default();
    let mut usable = Vec::with_capacity(concepts.len());
    for concept in concepts {
        match checked(concept) {
            Ok(c) => usable.push(c),
            Err(e) => report.rejected.push(RejectedConcept {
                concept: concept.id.clone(),
                reason: e.to_string(),
            }),
        }
    }
    let total = usable.len();
    for (i, chunk) in usable.chunks(CHUNK).enumerate() {
        if progress(i * CHUNK, total).is_break() {
            return Err(ImportError::Cancelled);
        }
        let done = import(tx, glossary, chunk, policy, author)?;
        report.added += done.added;
        report.merged += done.updated;
        report.skipped += done.skipped;
    }
    let _ = progress(total, total);
    Ok(report)
}

/// Why an import stopped; nothing was stored.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Remember that the translator rejected the suggestion filed under `key`.
pub fn reject_suggestion(tx: &Transaction, key: &str, at: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO rejected_suggestion (key, rejected_at) VALUES (?1, ?2)",
        params![key, at.0],
    )?;
    Ok(())
}

/// The keys of every suggestion the translator rejected.
pub fn rejected_suggestions(conn: &Connection) -> Result<HashSet<String>, StoreError> {
    Ok(conn
        .prepare("SELECT key FROM rejected_suggestion")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Every glossary term as `(language, folded text)`: what the glossaries already know.
pub fn known_terms(conn: &Connection) -> Result<HashSet<(String, String)>, StoreError> {
    Ok(conn
        .prepare("SELECT lang, folded FROM term")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests;
