//! Alignment projects: the `alignment_*` tables holding the editor's beads, segment
//! texts and undo history.
//!
//! The editor's changes arrive as splices (replace the beads from `at` on by others),
//! so a write touches the replaced rows and renumbers the positions after them, never
//! the whole project.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::Timestamp;
use crate::lang::LanguageTag;

/// An alignment project's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProjectId(pub i64);

/// What a project list shows of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectInfo {
    /// Its id.
    pub id: ProjectId,
    /// The name the translator gave it.
    pub name: String,
    /// The language of each text.
    pub languages: Vec<LanguageTag>,
    /// The name of each text's document.
    pub documents: Vec<String>,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it was last edited.
    pub changed_at: Timestamp,
    /// How many beads it has.
    pub beads: u64,
    /// How many of them are confirmed.
    pub confirmed: u64,
    /// How many of them are approved.
    pub approved: u64,
}

/// One row of the editor: for each column, the texts of its segments there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditBead {
    /// Per column (document), the segment texts in order; empty where that document has
    /// nothing in this bead.
    pub segments: Vec<Vec<String>>,
    /// How sure the aligner was, in `[0, 1]`; 0 for beads the translator made.
    pub confidence: f32,
    /// The translator confirmed this bead: it is an anchor "realign the rest" keeps.
    pub confirmed: bool,
    /// The bead, as it reads now, is in the translation memory.
    pub approved: bool,
}

/// The beads `before` at index `at` were replaced by the beads `after`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Splice {
    /// Index of the first bead replaced.
    pub at: usize,
    /// The beads that were there.
    pub before: Vec<EditBead>,
    /// The beads put there instead.
    pub after: Vec<EditBead>,
}

/// A project's undo history as stored: each step as the editor recorded it (JSON), the
/// steps to undo most recent last, those to redo next last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredHistory {
    /// Steps to undo, most recent last.
    pub undo: Vec<String>,
    /// Steps to redo, next last.
    pub redo: Vec<String>,
}

/// Store a new project with its texts and beads and an empty history.
pub fn insert(
    tx: &Transaction,
    name: &str,
    languages: &[LanguageTag],
    documents: &[String],
    beads: &[EditBead],
    now: Timestamp,
) -> Result<ProjectId, StoreError> {
    tx.execute(
        "INSERT INTO alignment_project (name, created_at, changed_at) VALUES (?1, ?2, ?2)",
        params![name, now.0],
    )?;
    let id = ProjectId(tx.last_insert_rowid());
    let mut text = tx.prepare_cached(
        "INSERT INTO alignment_text (project_id, side, lang, document) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (side, (lang, document)) in languages.iter().zip(documents).enumerate() {
        text.execute(params![id.0, side as i64, lang.as_str(), document])?;
    }
    insert_beads(tx, id, 0, beads)?;
    Ok(id)
}

fn insert_beads(
    tx: &Transaction,
    id: ProjectId,
    at: usize,
    beads: &[EditBead],
) -> Result<(), StoreError> {
    let mut bead_row = tx.prepare_cached(
        "INSERT INTO alignment_bead (project_id, position, confidence, confirmed, approved) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut segment_row = tx.prepare_cached(
        "INSERT INTO alignment_segment (bead_id, side, position, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (k, bead) in beads.iter().enumerate() {
        bead_row.execute(params![
            id.0,
            (at + k) as i64,
            f64::from(bead.confidence),
            bead.confirmed,
            bead.approved
        ])?;
        let bead_id = tx.last_insert_rowid();
        for (side, segments) in bead.segments.iter().enumerate() {
            for (position, text) in segments.iter().enumerate() {
                segment_row.execute(params![bead_id, side as i64, position as i64, text])?;
            }
        }
    }
    Ok(())
}

/// Make `splice`'s change to the project's rows: `removed` beads from `at` on are
/// replaced by `inserted`.
pub fn splice_beads(
    tx: &Transaction,
    id: ProjectId,
    at: usize,
    removed: usize,
    inserted: &[EditBead],
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM alignment_bead WHERE project_id = ?1 AND position >= ?2 AND position < ?3",
        params![id.0, at as i64, (at + removed) as i64],
    )?;
    let delta = inserted.len() as i64 - removed as i64;
    if delta != 0 {
        // Two passes through negative positions: one UPDATE moving rows in place would
        // collide with (project_id, position)'s uniqueness halfway.
        tx.execute(
            "UPDATE alignment_bead SET position = -1 - (position + ?3) \
             WHERE project_id = ?1 AND position >= ?2",
            params![id.0, (at + removed) as i64, delta],
        )?;
        tx.execute(
            "UPDATE alignment_bead SET position = -1 - position \
             WHERE project_id = ?1 AND position < 0",
            params![id.0],
        )?;
    }
    insert_beads(tx, id, at, inserted)
}

/// Apply a step's splices forward (`undo = false`) or backward to the project's rows.
fn apply_step(
    tx: &Transaction,
    id: ProjectId,
    splices: &[Splice],
    undo: bool,
) -> Result<(), StoreError> {
    let apply = |s: &Splice| {
        let (removed, inserted) = if undo {
            (&s.after, &s.before)
        } else {
            (&s.before, &s.after)
        };
        splice_beads(tx, id, s.at, removed.len(), inserted)
    };
    if undo {
        splices.iter().rev().try_for_each(apply)
    } else {
        splices.iter().try_for_each(apply)
    }
}

fn touch(tx: &Transaction, id: ProjectId, now: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE alignment_project SET changed_at = ?2 WHERE id = ?1",
        params![id.0, now.0],
    )?;
    Ok(())
}

/// Record a step just made: its `splices` applied to the beads, and `record` (the step
/// as the editor writes it) on top of the history. The redo stack is dropped, and the
/// oldest steps past the `keep` most recent.
pub fn push_step(
    tx: &Transaction,
    id: ProjectId,
    splices: &[Splice],
    record: &str,
    keep: usize,
    now: Timestamp,
) -> Result<(), StoreError> {
    apply_step(tx, id, splices, false)?;
    tx.execute(
        "DELETE FROM alignment_step WHERE project_id = ?1 AND undone = 1",
        params![id.0],
    )?;
    tx.execute(
        "INSERT INTO alignment_step (project_id, seq, undone, step) VALUES \
         (?1, (SELECT coalesce(max(seq), 0) + 1 FROM alignment_step WHERE project_id = ?1), \
          0, ?2)",
        params![id.0, record],
    )?;
    tx.execute(
        "DELETE FROM alignment_step WHERE project_id = ?1 AND seq <= \
         (SELECT max(seq) FROM alignment_step WHERE project_id = ?1) - ?2",
        params![id.0, keep as i64],
    )?;
    touch(tx, id, now)
}

/// Record that the most recent step was undone (`undo = true`) or the next undone one
/// redone; `splices` are that step's, applied to the beads.
pub fn move_step(
    tx: &Transaction,
    id: ProjectId,
    splices: &[Splice],
    undo: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    apply_step(tx, id, splices, undo)?;
    let sql = if undo {
        "UPDATE alignment_step SET undone = 1 WHERE project_id = ?1 AND seq = \
         (SELECT max(seq) FROM alignment_step WHERE project_id = ?1 AND undone = 0)"
    } else {
        "UPDATE alignment_step SET undone = 0 WHERE project_id = ?1 AND seq = \
         (SELECT min(seq) FROM alignment_step WHERE project_id = ?1 AND undone = 1)"
    };
    tx.execute(sql, params![id.0])?;
    touch(tx, id, now)
}

/// Mark the beads at `positions` approved.
pub fn mark_approved(
    tx: &Transaction,
    id: ProjectId,
    positions: &[usize],
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "UPDATE alignment_bead SET approved = 1 WHERE project_id = ?1 AND position = ?2",
    )?;
    for &position in positions {
        stmt.execute(params![id.0, position as i64])?;
    }
    touch(tx, id, now)
}

/// Every project, most recently changed first.
pub fn list(conn: &Connection) -> Result<Vec<ProjectInfo>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM alignment_project ORDER BY changed_at DESC, id")?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .filter_map(|id| info(conn, ProjectId(id)).transpose())
        .collect()
}

/// A project's list entry, or `None` when there is no such project.
pub fn info(conn: &Connection, id: ProjectId) -> Result<Option<ProjectInfo>, StoreError> {
    let Some((name, created, changed)) = conn
        .query_row(
            "SELECT name, created_at, changed_at FROM alignment_project WHERE id = ?1",
            [id.0],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT lang, document FROM alignment_text WHERE project_id = ?1 ORDER BY side",
    )?;
    let texts: Vec<(String, String)> = stmt
        .query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut languages = Vec::with_capacity(texts.len());
    let mut documents = Vec::with_capacity(texts.len());
    for (lang, document) in texts {
        languages.push(
            LanguageTag::parse(&lang)
                .map_err(|e| StoreError::Damaged(format!("alignment {}: {e}", id.0)))?,
        );
        documents.push(document);
    }
    let (beads, confirmed, approved): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(confirmed), 0), coalesce(sum(approved), 0) \
         FROM alignment_bead WHERE project_id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(Some(ProjectInfo {
        id,
        name,
        languages,
        documents,
        created_at: Timestamp(created),
        changed_at: Timestamp(changed),
        beads: beads as u64,
        confirmed: confirmed as u64,
        approved: approved as u64,
    }))
}

/// A project's beads in order, each with a column per text (`columns` of them).
pub fn beads(
    conn: &Connection,
    id: ProjectId,
    columns: usize,
) -> Result<Vec<EditBead>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT b.position, b.confidence, b.confirmed, b.approved, s.side, s.text \
         FROM alignment_bead b LEFT JOIN alignment_segment s ON s.bead_id = b.id \
         WHERE b.project_id = ?1 ORDER BY b.position, s.side, s.position",
    )?;
    let mut rows = stmt.query([id.0])?;
    let mut beads: Vec<EditBead> = Vec::new();
    let mut last_position = None;
    while let Some(row) = rows.next()? {
        let position: i64 = row.get(0)?;
        if last_position != Some(position) {
            last_position = Some(position);
            if position as usize != beads.len() {
                return Err(StoreError::Damaged(format!(
                    "alignment {}: bead at position {position} after {} beads",
                    id.0,
                    beads.len()
                )));
            }
            beads.push(EditBead {
                segments: vec![Vec::new(); columns],
                confidence: row.get::<_, f64>(1)? as f32,
                confirmed: row.get(2)?,
                approved: row.get(3)?,
            });
        }
        if let Some(side) = row.get::<_, Option<i64>>(4)? {
            let bead = beads.last_mut().expect("pushed above");
            let column = bead.segments.get_mut(side as usize).ok_or_else(|| {
                StoreError::Damaged(format!("alignment {}: segment on side {side}", id.0))
            })?;
            column.push(row.get(5)?);
        }
    }
    Ok(beads)
}

/// A project's undo history.
pub fn history(conn: &Connection, id: ProjectId) -> Result<StoredHistory, StoreError> {
    let mut stmt =
        conn.prepare("SELECT undone, step FROM alignment_step WHERE project_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([id.0])?;
    let mut history = StoredHistory::default();
    while let Some(row) = rows.next()? {
        let undone: bool = row.get(0)?;
        let step: String = row.get(1)?;
        if undone {
            history.redo.push(step);
        } else {
            history.undo.push(step);
        }
    }
    // Rows come lowest seq first; the next step to redo (lowest seq) goes on top.
    history.redo.reverse();
    Ok(history)
}

/// How many beads all projects hold together.
pub fn stored_beads(conn: &Connection) -> Result<u64, StoreError> {
    Ok(
        conn.query_row("SELECT count(*) FROM alignment_bead", [], |r| {
            r.get::<_, i64>(0)
        })? as u64,
    )
}

/// Delete a project with its beads and history; `false` when there was none.
pub fn delete(tx: &Transaction, id: ProjectId) -> Result<bool, StoreError> {
    Ok(tx.execute("DELETE FROM alignment_project WHERE id = ?1", [id.0])? > 0)
}
