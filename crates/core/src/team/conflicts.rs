//! Conflicts as the translator sees them: the server keeps every version a conflicting
//! change replaced in its history, flagged ([`super::postgres`]); after a sync, the
//! replaced texts of the units this memory holds are copied here
//! ([`crate::store::team_conflict`]), so every member's Memory view marks those units
//! and shows what was replaced, by whom and when, offline, whichever machine lost.

use crate::store::Connection;
use uuid::Uuid;

use super::TeamError;
use super::postgres::PgServer;
use super::shared::SharedUnit;
use crate::Timestamp;
use crate::store::team as local;
use crate::store::team_conflict::{self, ConflictText};
use crate::store::units;

/// History entries read per query, each batch copied in one local transaction.
const BATCH: usize = 1000;

/// A version of a unit that a conflicting change replaced, as the server's history
/// holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The history entry's number, in the order the server wrote them.
    pub history_id: i64,
    /// The unit's global id.
    pub guid: Uuid,
    /// The replaced version.
    pub content: SharedUnit,
    /// The member whose push replaced it.
    pub replaced_by: String,
    /// When.
    pub replaced_at: Timestamp,
}

/// Copy the texts conflicts replaced in units this memory holds, from the server's
/// history entries after the last copied; how many texts were copied. A text the unit
/// holds again (the conflict changed only other languages or metadata) is not one.
pub fn copy(conn: &mut Connection, server: &mut PgServer) -> Result<u64, TeamError> {
    let mut after = team_conflict::last_copied(conn)?;
    let mut copied = 0;
    loop {
        let batch = server.replaced_in_conflicts(after, BATCH)?;
        let tx = crate::store::begin(conn)?;
        for r in &batch {
            after = after.max(r.history_id);
            let Some((unit, ..)) = local::by_guid(&tx, &r.guid.to_string())? else {
                continue;
            };
            let Some(now) = units::get(&tx, unit)? else {
                continue;
            };
            for v in &r.content.variants {
                if now.variant(&v.lang).is_some_and(|held| held.text == v.text) {
                    continue;
                }
                let text = ConflictText {
                    lang: v.lang.to_string(),
                    text: v.text.clone(),
                    written_at: Timestamp(r.content.changed_at),
                    written_by: r.content.changed_by.clone(),
                    replaced_by: r.replaced_by.clone(),
                    replaced_at: r.replaced_at,
                };
                team_conflict::record(&tx, r.history_id, unit, &text)?;
                copied += 1;
            }
        }
        team_conflict::copied_to(&tx, after)?;
        crate::store::commit(tx)?;
        if batch.len() < BATCH {
            return Ok(copied);
        }
    }
}

/// Unlink the memory from its team; its units stay, as the translator's own. Whether
/// it was linked.
pub fn leave(conn: &mut Connection) -> Result<bool, TeamError> {
    let tx = crate::store::begin(conn)?;
    let linked = local::leave(&tx)?;
    crate::store::commit(tx)?;
    Ok(linked)
}
