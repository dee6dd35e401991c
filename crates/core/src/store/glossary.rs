//! Glossaries in the database: creating them, importing concepts (one transaction per
//! import), and loading the enabled ones for term recognition.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::StoreError;
use super::term::{Concept, MatchMode, Term, TermStatus};
use crate::Timestamp;
use crate::lang::LanguageTag;

/// A glossary's row identifier.
pub type GlossaryId = i64;

/// A glossary as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryInfo {
    /// Row identifier.
    pub id: GlossaryId,
    /// Unique name.
    pub name: String,
    /// Higher first when glossaries disagree.
    pub priority: i64,
    /// Whether recognition uses it.
    pub enabled: bool,
    /// How many concepts it holds.
    pub concepts: i64,
}

/// What to do with an imported concept whose id the glossary already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConceptPolicy {
    /// Add the terms and fields it lacks; keep what is there.
    #[default]
    Merge,
    /// Replace the stored concept with the imported one.
    Overwrite,
    /// Keep the stored concept untouched.
    Skip,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConceptImport {
    /// New concepts.
    pub added: usize,
    /// Existing concepts that gained terms or fields, or were replaced.
    pub updated: usize,
    /// Existing concepts left as they were.
    pub skipped: usize,
}

pub(crate) fn status_name(status: TermStatus) -> &'static str {
    match status {
        TermStatus::Preferred => "preferred",
        TermStatus::Admitted => "admitted",
        TermStatus::Deprecated => "deprecated",
        TermStatus::Superseded => "superseded",
        TermStatus::Forbidden => "forbidden",
    }
}

fn mode_of(name: &str) -> Result<MatchMode, StoreError> {
    MatchMode::from_name(name)
        .ok_or_else(|| StoreError::Damaged(format!("unknown match mode {name:?}")))
}

fn status_of(name: &str) -> Result<TermStatus, StoreError> {
    Ok(match name {
        "preferred" => TermStatus::Preferred,
        "admitted" => TermStatus::Admitted,
        "deprecated" => TermStatus::Deprecated,
        "superseded" => TermStatus::Superseded,
        "forbidden" => TermStatus::Forbidden,
        other => {
            return Err(StoreError::Damaged(format!(
                "unknown term status {other:?}"
            )));
        }
    })
}

/// A term from its stored columns.
pub(crate) fn term_of_row(
    lang: &str,
    text: String,
    status: &str,
    part_of_speech: Option<String>,
    note: Option<String>,
    match_mode: &str,
) -> Result<Term, StoreError> {
    Ok(Term {
        lang: LanguageTag::parse(lang).map_err(|e| StoreError::Damaged(e.to_string()))?,
        text,
        status: status_of(status)?,
        part_of_speech,
        note,
        match_mode: mode_of(match_mode)?,
    })
}

/// The name of the glossary stored as `id`, if there is one.
pub fn name_of(conn: &Connection, id: GlossaryId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT name FROM glossary WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The name of the glossary stored as `id`, which must exist.
pub fn name(conn: &Connection, id: GlossaryId) -> Result<String, StoreError> {
    Ok(
        conn.query_row("SELECT name FROM glossary WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// The glossary named `name`, created with `priority` when it does not exist yet.
pub fn ensure(tx: &Transaction, name: &str, priority: i64) -> Result<GlossaryId, StoreError> {
    if let Some(id) = tx
        .query_row("SELECT id FROM glossary WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?
    {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO glossary (name, priority, created_at) VALUES (?1, ?2, ?3)",
        params![name, priority, Timestamp::now().0],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Use a glossary in recognition or not.
pub fn set_enabled(tx: &Transaction, name: &str, enabled: bool) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE glossary SET enabled = ?2 WHERE name = ?1",
        params![name, enabled],
    )? == 1)
}

/// Every glossary, highest priority first.
pub fn list(conn: &Connection) -> Result<Vec<GlossaryInfo>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT g.id, g.name, g.priority, g.enabled, \
                (SELECT count(*) FROM concept c WHERE c.glossary_id = g.id) \
         FROM glossary g ORDER BY g.priority DESC, g.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(GlossaryInfo {
            id: r.get(0)?,
            name: r.get(1)?,
            priority: r.get(2)?,
            enabled: r.get(3)?,
            concepts: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Store `concepts` in glossary `glossary`, deciding about known ids by `policy`.
/// Runs in the caller's transaction: an import is all or nothing.
pub fn import(
    tx: &Transaction,
    glossary: GlossaryId,
    concepts: &[Concept],
    policy: ConceptPolicy,
    author: Option<&str>,
) -> Result<ConceptImport, StoreError> {
    let now = Timestamp::now().0;
    let mut report = ConceptImport::default();
    for concept in concepts {
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2",
                params![glossary, concept.id],
                |r| r.get(0),
            )
            .optional()?;
        let row = match (existing, policy) {
            (Some(_), ConceptPolicy::Skip) => {
                report.skipped += 1;
                continue;
            }
            (Some(row), ConceptPolicy::Overwrite) => {
                tx.execute("DELETE FROM term WHERE concept_id = ?1", [row])?;
                tx.execute("DELETE FROM concept_field WHERE concept_id = ?1", [row])?;
                row
            }
            (Some(row), ConceptPolicy::Merge) => row,
            (None, _) => {
                tx.execute(
                    "INSERT INTO concept (glossary_id, external_id, created_at, created_by, changed_at, changed_by) \
                     VALUES (?1, ?2, ?3, ?4, ?3, ?4)",
                    params![glossary, concept.id, now, author],
                )?;
                report.added += 1;
                let row = tx.last_insert_rowid();
                write_content(tx, row, concept)?;
                continue;
            }
        };
        if write_content(tx, row, concept)? || policy == ConceptPolicy::Overwrite {
            tx.execute(
                "UPDATE concept SET changed_at = ?2, changed_by = ?3 WHERE id = ?1",
                params![row, now, author],
            )?;
            report.updated += 1;
        } else {
            report.skipped += 1;
        }
    }
    Ok(report)
}

/// Add the concept's fields and terms that the stored concept `row` lacks; whether any were.
pub(crate) fn write_content(
    tx: &Transaction,
    row: i64,
    concept: &Concept,
) -> Result<bool, StoreError> {
    let mut changed = 0;
    for (name, value) in &concept.fields {
        changed += tx.execute(
            "INSERT OR IGNORE INTO concept_field (concept_id, name, value) VALUES (?1, ?2, ?3)",
            params![row, name, value],
        )?;
    }
    let first: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM term WHERE concept_id = ?1",
        [row],
        |r| r.get(0),
    )?;
    for (position, term) in (first..).zip(&concept.terms) {
        changed += tx.execute(
            "INSERT OR IGNORE INTO term \
             (concept_id, lang, text, status, part_of_speech, note, position, match_mode, folded) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                row,
                term.lang.as_str(),
                term.text,
                status_name(term.status),
                term.part_of_speech,
                term.note,
                position,
                term.match_mode.name(),
                super::concepts::folded(term)
            ],
        )?;
    }
    Ok(changed > 0)
}

/// A concept as loaded, with the glossary it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConcept {
    /// The glossary's name.
    pub glossary: String,
    /// The concept.
    pub concept: Concept,
}

/// The concepts of the named glossaries, or of every enabled one when `names` is empty,
/// glossaries by priority (highest first), concepts in import order.
pub fn load(conn: &Connection, names: &[String]) -> Result<Vec<StoredConcept>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.external_id, g.name FROM concept c JOIN glossary g ON g.id = c.glossary_id \
         WHERE (?1 = '' AND g.enabled = 1) OR instr(?1, char(31) || g.name || char(31)) > 0 \
         ORDER BY g.priority DESC, g.name, c.id",
    )?;
    let wanted = if names.is_empty() {
        String::new()
    } else {
        format!("\u{1f}{}\u{1f}", names.join("\u{1f}"))
    };
    let heads: Vec<(i64, String, String)> = stmt
        .query_map([&wanted], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut terms: BTreeMap<i64, Vec<Term>> = BTreeMap::new();
    let mut fields: BTreeMap<i64, BTreeMap<String, String>> = BTreeMap::new();
    let mut term_stmt = conn.prepare(
        "SELECT t.concept_id, t.lang, t.text, t.status, t.part_of_speech, t.note, t.match_mode FROM term t \
         JOIN concept c ON c.id = t.concept_id JOIN glossary g ON g.id = c.glossary_id \
         WHERE (?1 = '' AND g.enabled = 1) OR instr(?1, char(31) || g.name || char(31)) > 0 \
         ORDER BY t.concept_id, t.position",
    )?;
    let mut rows = term_stmt.query([&wanted])?;
    while let Some(r) = rows.next()? {
        terms.entry(r.get(0)?).or_default().push(term_of_row(
            &r.get::<_, String>(1)?,
            r.get(2)?,
            &r.get::<_, String>(3)?,
            r.get(4)?,
            r.get(5)?,
            &r.get::<_, String>(6)?,
        )?);
    }
    let mut field_stmt = conn.prepare(
        "SELECT f.concept_id, f.name, f.value FROM concept_field f \
         JOIN concept c ON c.id = f.concept_id JOIN glossary g ON g.id = c.glossary_id \
         WHERE (?1 = '' AND g.enabled = 1) OR instr(?1, char(31) || g.name || char(31)) > 0",
    )?;
    let mut rows = field_stmt.query([&wanted])?;
    while let Some(r) = rows.next()? {
        fields
            .entry(r.get(0)?)
            .or_default()
            .insert(r.get(1)?, r.get(2)?);
    }
    Ok(heads
        .into_iter()
        .map(|(row, id, glossary)| StoredConcept {
            glossary,
            concept: Concept {
                id,
                fields: fields.remove(&row).unwrap_or_default(),
                terms: terms.remove(&row).unwrap_or_default(),
            },
        })
        .collect())
}
