//! Texts a team conflict replaced, copied from the server's history (migration 0015):
//! the Memory view marks and lists the units holding them, and shows them beside the
//! unit's own earlier versions, offline.

use rusqlite::{Connection, Transaction, params};

use super::StoreError;
use super::units::UnitId;
use crate::Timestamp;

/// A unit's text in one language, as it stood before a conflicting change replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictText {
    /// The language.
    pub lang: String,
    /// The replaced text.
    pub text: String,
    /// When it was written.
    pub written_at: Timestamp,
    /// Who wrote it, when known.
    pub written_by: Option<String>,
    /// The member whose change replaced it.
    pub replaced_by: String,
    /// When the change reached the server.
    pub replaced_at: Timestamp,
}

/// The last server history entry copied (0 before the first, or without a team).
pub fn last_copied(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT coalesce(max(last_conflict), 0) FROM team_link",
        [],
        |r| r.get(0),
    )?)
}

/// Keep `text`, replaced in unit `unit` by the conflict of history entry `history_id`
/// (once: copying an entry again changes nothing).
pub fn record(
    tx: &Transaction,
    history_id: i64,
    unit: UnitId,
    text: &ConflictText,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO team_conflict
             (history_id, unit_id, lang, text, written_at, written_by, replaced_by, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        history_id,
        unit.0,
        text.lang,
        text.text,
        text.written_at.0,
        text.written_by,
        text.replaced_by,
        text.replaced_at.0
    ])?;
    Ok(())
}

/// History entries up to `history_id` are copied.
pub fn copied_to(tx: &Transaction, history_id: i64) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE team_link SET last_conflict = max(last_conflict, ?1)")?
        .execute([history_id])?;
    Ok(())
}

/// Unit `unit`'s texts replaced by conflicts, the latest replaced first.
pub fn of_unit(conn: &Connection, unit: UnitId) -> Result<Vec<ConflictText>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT lang, text, written_at, written_by, replaced_by, replaced_at FROM team_conflict
         WHERE unit_id = ?1 ORDER BY replaced_at DESC, id DESC",
    )?;
    let rows = select.query_map([unit.0], |r| {
        Ok(ConflictText {
            lang: r.get(0)?,
            text: r.get(1)?,
            written_at: Timestamp(r.get(2)?),
            written_by: r.get(3)?,
            replaced_by: r.get(4)?,
            replaced_at: Timestamp(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every unit holding a text a conflict replaced, the latest conflict first.
pub fn units(conn: &Connection) -> Result<Vec<UnitId>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT unit_id FROM team_conflict GROUP BY unit_id ORDER BY max(replaced_at) DESC, unit_id DESC",
    )?;
    let rows = select.query_map([], |r| Ok(UnitId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
