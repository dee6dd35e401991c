//! Earlier versions of units' texts: what a correction replaced, newest first.

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::{UnitId, UnitMetadata, Variant};
use crate::Timestamp;
use crate::store::StoreError;

/// A text a unit held in one language before a correction replaced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitVersion {
    /// The language.
    pub lang: String,
    /// The text as it was, inline codes left out.
    pub text: String,
    /// When it was written (the unit's last change before the correction).
    pub written_at: Timestamp,
    /// Who wrote it, when known.
    pub written_by: Option<String>,
    /// When the correction replaced it.
    pub replaced_at: Timestamp,
}

/// Keep `old`, unit `id`'s variant as it stood under metadata `meta`, as replaced at
/// `at`.
pub fn record(
    tx: &Transaction,
    id: UnitId,
    old: &Variant,
    meta: &UnitMetadata,
    at: Timestamp,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO unit_version (unit_id, lang, text, markup, written_at, written_by, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.0,
        old.lang.as_str(),
        old.text,
        old.markup,
        meta.changed_at.0,
        meta.changed_by,
        at.0
    ])?;
    Ok(())
}

/// Unit `id`'s earlier versions, the latest replaced first.
pub fn list(conn: &Connection, id: UnitId) -> Result<Vec<UnitVersion>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT lang, text, written_at, written_by, replaced_at FROM unit_version
         WHERE unit_id = ?1 ORDER BY replaced_at DESC, id DESC",
    )?;
    let rows = select.query_map([id.0], |r| {
        Ok(UnitVersion {
            lang: r.get(0)?,
            text: r.get(1)?,
            written_at: Timestamp(r.get(2)?),
            written_by: r.get(3)?,
            replaced_at: Timestamp(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
