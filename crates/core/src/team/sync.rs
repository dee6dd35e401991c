//! Joining a team, and syncing: push the outbox, then pull what is new on the server.
//!
//! Idempotent at every step. Global ids are given and committed locally before a push,
//! so a push repeated after a crash sends the same ids, and the server finds what it
//! already holds (`Pushed::Unchanged`). A batch's outbox entries are removed, and a pull
//! batch's sequence number recorded, in the same local transaction as what they
//! describe; a sync stopped between the server's commit and the local one does the same
//! work again and ends in the same state.

use rusqlite::Connection;
use uuid::Uuid;

use super::TeamError;
use super::connection::ServerAddress;
use super::postgres::PgServer;
use super::server::{Incoming, Outgoing, Pushed, TeamServer};
use super::shared::SharedUnit;
use crate::Timestamp;
use crate::store::team::{self as local, Pending, TeamLink};
use crate::store::units::{self, UnitId, Variant, Writer};

/// Units per push: one server transaction each.
const PUSH_BATCH: usize = 500;
/// Changes per pull: one local transaction each, except when joining.
const PULL_BATCH: usize = 5000;

/// What a sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Local changes sent and settled on the server (added, changed, merged, deleted
    /// units, and those an interrupted sync had delivered already).
    pub pushed: u64,
    /// Of those, units the server already held with the same texts, merged into them.
    pub merged: u64,
    /// Of those, units changed on the server since this copy was based on it: the
    /// push won, the replaced version is in the server's history.
    pub conflicts: u64,
    /// Changes from the server written here.
    pub pulled: u64,
}

/// How far a sync has come, for progress and cancelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A batch of changes was committed on the server, not yet recorded here.
    Pushed {
        /// Changes pushed so far, this batch included.
        done: u64,
    },
    /// A batch of the server's changes was written here (when joining with an empty
    /// memory, all of them are committed together at the end).
    Pulled {
        /// Changes pulled so far.
        done: u64,
    },
}

/// Link the memory `conn` to `team` at `address`, checked by connecting as a member,
/// and queue every unit it holds for the first sync. Joining the same team again
/// changes nothing.
pub fn join(
    conn: &mut Connection,
    address: &ServerAddress,
    team: &str,
    at: Timestamp,
) -> Result<TeamLink, TeamError> {
    if address.has_password() {
        return Err(TeamError::PasswordInUrl);
    }
    if let Some(link) = local::link(conn)? {
        if link.server == address.as_str() && link.team == team {
            return Ok(link);
        }
        return Err(TeamError::OtherTeam {
            team: link.team,
            server: link.server,
        });
    }
    PgServer::connect(address, team)?;
    let link = TeamLink {
        server: address.as_str().to_string(),
        team: team.to_string(),
        user: address.user().to_string(),
        last_seq: 0,
        last_sync_at: None,
        joined_at: at,
    };
    let tx = crate::store::begin(conn)?;
    local::join(&tx, &link)?;
    crate::store::commit(tx)?;
    Ok(link)
}

/// The memory's link and the changes waiting for a push (no network).
pub fn status(conn: &Connection) -> Result<(TeamLink, Pending), TeamError> {
    let link = local::link(conn)?.ok_or(TeamError::NotJoined)?;
    Ok((link, local::pending(conn)?))
}

/// Push the memory's queued changes to `server`, then pull the server's changes since
/// the last pull (only pull, for a member who may not push: its own changes stay
/// queued and are reported as [`TeamError::ReadOnly`]). `on_step` hears of each batch; an error from it stops the sync there.
pub fn sync(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
) -> Result<SyncReport, TeamError> {
    let link = local::link(conn)?.ok_or(TeamError::NotJoined)?;
    let mut report = SyncReport::default();
    if !server.can_push() {
        // A reader pulls all the same; what it changed here stays here, and it is told.
        pull(conn, server, on_step, &mut report)?;
        let pending = local::pending(conn)?;
        let unsent = pending.changed + pending.deleted;
        if unsent > 0 {
            return Err(TeamError::ReadOnly {
                team: link.team,
                user: link.user,
                unsent,
            });
        }
        return Ok(report);
    }
    push(conn, server, on_step, &mut report)?;
    pull(conn, server, on_step, &mut report)?;
    Ok(report)
}

fn guid(text: &str) -> Result<Uuid, TeamError> {
    Uuid::parse_str(text).map_err(|_| {
        TeamError::Store(crate::store::StoreError::Damaged(format!(
            "a unit's team id {text:?} is not a UUID"
        )))
    })
}

fn push(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
    report: &mut SyncReport,
) -> Result<(), TeamError> {
    // Committed before anything is sent: a push repeated after a crash sends these ids.
    let tx = crate::store::begin(conn)?;
    local::assign_guids(&tx, || Uuid::new_v4().to_string())?;
    crate::store::commit(tx)?;

    let mut after = UnitId(0);
    loop {
        let queued = local::queued_units(conn, after, PUSH_BATCH)?;
        let Some(last) = queued.last() else { break };
        after = last.unit;
        let mut sent = Vec::with_capacity(queued.len());
        let mut changes = Vec::with_capacity(queued.len());
        for q in queued {
            let (Some(unit), Some(id)) = (units::get(conn, q.unit)?, q.guid.as_deref()) else {
                continue;
            };
            changes.push(Outgoing {
                guid: guid(id)?,
                base_revision: q.revision,
                content: Some(SharedUnit::from(&unit)),
            });
            sent.push(q);
        }
        let outcomes = server.push(&changes)?;
        on_step(Step::Pushed {
            done: report.pushed + outcomes.len() as u64,
        })?;
        let mut w = Writer::begin(conn)?;
        local::quiet(w.transaction())?;
        for ((q, change), outcome) in sent.iter().zip(&changes).zip(outcomes) {
            let id = change.guid.to_string();
            match outcome {
                Pushed::Added { revision } | Pushed::Unchanged { revision } => {
                    local::pushed(w.transaction(), q.unit, q.stamp, &id, revision)?;
                }
                Pushed::Updated { revision, conflict } => {
                    local::pushed(w.transaction(), q.unit, q.stamp, &id, revision)?;
                    report.conflicts += u64::from(conflict);
                }
                Pushed::Merged { into, revision } => {
                    let into = into.to_string();
                    if local::by_guid(w.transaction(), &into)?.is_some_and(|(u, ..)| u != q.unit) {
                        // This memory holds the unit it was merged into: one is enough.
                        w.delete(q.unit)?;
                        local::unqueue(w.transaction(), q.unit)?;
                    } else {
                        local::pushed(w.transaction(), q.unit, q.stamp, &into, revision)?;
                    }
                    report.merged += 1;
                }
                Pushed::Deleted => local::unqueue(w.transaction(), q.unit)?,
            }
            report.pushed += 1;
        }
        local::loud(w.transaction())?;
        w.commit()?;
    }

    let mut after = String::new();
    loop {
        let queued = local::queued_deletions(conn, &after, PUSH_BATCH)?;
        let Some(last) = queued.last() else { break };
        after.clone_from(&last.guid);
        let changes = queued
            .iter()
            .map(|d| {
                Ok(Outgoing {
                    guid: guid(&d.guid)?,
                    base_revision: d.revision,
                    content: None,
                })
            })
            .collect::<Result<Vec<_>, TeamError>>()?;
        server.push(&changes)?;
        report.pushed += changes.len() as u64;
        on_step(Step::Pushed {
            done: report.pushed,
        })?;
        let tx = crate::store::begin(conn)?;
        for d in &queued {
            local::deletion_pushed(&tx, &d.guid, d.stamp)?;
        }
        crate::store::commit(tx)?;
    }
    Ok(())
}

fn pull(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
    report: &mut SyncReport,
) -> Result<(), TeamError> {
    let mut last_seq = local::link(conn)?.ok_or(TeamError::NotJoined)?.last_seq;
    if local::memory_is_empty(conn)? {
        // Joining with an empty memory: the whole pull is one bulk write, as an import
        // is (secondary indexes built once at the end); stopped, it starts over.
        let mut w = Writer::begin(conn)?;
        w.bulk()?;
        local::quiet(w.transaction())?;
        loop {
            let batch = server.pull(last_seq, PULL_BATCH)?;
            for change in &batch {
                report.pulled += u64::from(apply(&mut w, change, true)?);
                last_seq = last_seq.max(change.seq);
            }
            if batch.len() < PULL_BATCH {
                break;
            }
            on_step(Step::Pulled {
                done: report.pulled,
            })?;
        }
        local::pulled_to(w.transaction(), last_seq, Timestamp::now())?;
        local::loud(w.transaction())?;
        w.commit()?;
        return Ok(());
    }
    loop {
        let batch = server.pull(last_seq, PULL_BATCH)?;
        let mut w = Writer::begin(conn)?;
        local::quiet(w.transaction())?;
        for change in &batch {
            report.pulled += u64::from(apply(&mut w, change, false)?);
            last_seq = last_seq.max(change.seq);
        }
        local::pulled_to(w.transaction(), last_seq, Timestamp::now())?;
        local::loud(w.transaction())?;
        w.commit()?;
        if batch.len() < PULL_BATCH {
            return Ok(());
        }
        on_step(Step::Pulled {
            done: report.pulled,
        })?;
    }
}

/// Write one pulled change; whether it changed anything here. `joining`: the memory
/// held nothing before this pull, so no unit can be there already under another id.
fn apply(w: &mut Writer, change: &Incoming, joining: bool) -> Result<bool, TeamError> {
    let id = change.guid.to_string();
    // Looked up even when joining: a unit changed on the server during a long pull
    // comes again in a later batch.
    let here = local::by_guid(w.transaction(), &id)?;
    match (&change.content, here) {
        // A change of this unit waits to be pushed: it will replace the server's, whose
        // version the server keeps in the unit's history.
        (_, Some((_, _, true))) => Ok(false),
        (None, Some((unit, ..))) => Ok(w.delete(unit)?),
        (None, None) => Ok(false),
        (Some(_), Some((_, revision, false))) if revision >= change.revision => Ok(false),
        (Some(content), Some((unit, ..))) => {
            update(w, unit, content)?;
            local::set_shared(w.transaction(), unit, &id, change.revision)?;
            Ok(true)
        }
        (Some(content), None) => {
            let unit = content.to_unit(None);
            let same = if joining {
                None
            } else {
                w.find_identical(&unit)?
            };
            let unit = match same {
                // A unit written here before it reached the server: the same unit.
                Some(same) if local::guid_of(w.transaction(), same)?.is_none() => same,
                _ => w.insert(&unit)?,
            };
            local::set_shared(w.transaction(), unit, &id, change.revision)?;
            Ok(true)
        }
    }
}

/// Bring local unit `unit` to the server's `content`: each replaced text is kept as an
/// earlier version (decision 0014), the metadata is the server's, the use counts stay.
fn update(w: &mut Writer, unit: UnitId, content: &SharedUnit) -> Result<(), TeamError> {
    let Some(before) = w.get(unit)? else {
        return Ok(());
    };
    let at = Timestamp(content.changed_at);
    for v in &content.variants {
        let new = Variant::from(v);
        match before.variant(&new.lang) {
            Some(old) if *old == new => {}
            Some(old) if old.text == new.text && old.markup == new.markup => {
                w.replace_variant(unit, &new)?;
            }
            _ => {
                w.correct_variant(unit, &new, content.changed_by.as_deref(), at)?;
            }
        }
    }
    w.update_metadata(unit, &content.metadata(Some(&before.meta)))?;
    Ok(())
}
