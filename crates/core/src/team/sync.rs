//! Joining a team, and syncing: push the outbox, then pull what is new on the server.
//!
//! Idempotent at every step. Global ids are given and committed locally before a push,
//! so a push repeated after a crash sends the same ids, and the server finds what it
//! already holds (`Pushed::Unchanged`). A batch's outbox entries are removed, and a pull
//! batch's sequence number recorded, in the same local transaction as what they
//! describe; a sync stopped between the server's commit and the local one does the same
//! work again and ends in the same state.

use std::collections::HashSet;
use std::sync::mpsc;

use crate::store::Connection;
use uuid::Uuid;

use super::TeamError;
use super::connection::ServerAddress;
use super::postgres::PgServer;
use super::server::{Incoming, IncomingConcept, Outgoing, OutgoingConcept, Pushed, TeamServer};
use super::shared::{SharedConcept, SharedUnit};
use crate::Timestamp;
use crate::store::fuzzy_index::Vocabulary;
use crate::store::team::{self as local, Pending, TeamLink};
use crate::store::units::{self, TranslationUnit, UnitForms, UnitId, Variant, Writer};
use crate::store::{bulk, concepts};

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
    /// Glossary concepts sent and settled on the server.
    pub concepts_pushed: u64,
    /// Of those, concepts a glossary on the server held under the same id, merged.
    pub concepts_merged: u64,
    /// Of those, concepts changed on the server since this copy was based on it.
    pub concept_conflicts: u64,
    /// Concept changes from the server written here.
    pub concepts_pulled: u64,
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
        pull_concepts(conn, server, &mut report)?;
        let unsent = local::pending(conn)?.total();
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
    push_concepts(conn, server, &mut report)?;
    pull(conn, server, on_step, &mut report)?;
    pull_concepts(conn, server, &mut report)?;
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
        report.pulled += join_pull(conn, server, last_seq, on_step)?;
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

/// Push the queued concept changes, as [`push`] does units'.
fn push_concepts(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    report: &mut SyncReport,
) -> Result<(), TeamError> {
    let tx = crate::store::begin(conn)?;
    local::assign_concept_guids(&tx, || Uuid::new_v4().to_string())?;
    crate::store::commit(tx)?;

    let mut after = 0;
    loop {
        let queued = local::queued_concepts(conn, after, PUSH_BATCH)?;
        let Some(last) = queued.last() else { break };
        after = last.concept;
        let mut sent = Vec::with_capacity(queued.len());
        let mut changes = Vec::with_capacity(queued.len());
        for q in queued {
            let (Some(content), Some(id)) = (shared_concept(conn, q.concept)?, q.guid.as_deref())
            else {
                continue;
            };
            changes.push(OutgoingConcept {
                guid: guid(id)?,
                base_revision: q.revision,
                content: Some(content),
            });
            sent.push(q);
        }
        let outcomes = server.push_concepts(&changes)?;
        let tx = crate::store::begin(conn)?;
        local::quiet(&tx)?;
        for ((q, change), outcome) in sent.iter().zip(&changes).zip(outcomes) {
            let id = change.guid.to_string();
            match outcome {
                Pushed::Added { revision } | Pushed::Unchanged { revision } => {
                    local::concept_pushed(&tx, q.concept, q.stamp, &id, revision)?;
                }
                Pushed::Updated { revision, conflict } => {
                    local::concept_pushed(&tx, q.concept, q.stamp, &id, revision)?;
                    report.concept_conflicts += u64::from(conflict);
                }
                Pushed::Merged { into, revision } => {
                    // The merged concept comes back with the pull; revision 0 there
                    // would refuse it, so this copy is based on the one before.
                    let into = into.to_string();
                    if local::concept_by_guid(&tx, &into)?.is_some_and(|(row, ..)| row != q.concept)
                    {
                        concepts::delete_concept(&tx, q.concept).map_err(concept_error)?;
                        local::unqueue_concept(&tx, q.concept)?;
                    } else {
                        local::concept_pushed(&tx, q.concept, q.stamp, &into, revision - 1)?;
                    }
                    report.concepts_merged += 1;
                }
                Pushed::Deleted => local::unqueue_concept(&tx, q.concept)?,
            }
            report.concepts_pushed += 1;
        }
        local::loud(&tx)?;
        crate::store::commit(tx)?;
    }

    let mut after = String::new();
    loop {
        let queued = local::queued_concept_deletions(conn, &after, PUSH_BATCH)?;
        let Some(last) = queued.last() else { break };
        after.clone_from(&last.guid);
        let changes = queued
            .iter()
            .map(|d| {
                Ok(OutgoingConcept {
                    guid: guid(&d.guid)?,
                    base_revision: d.revision,
                    content: None,
                })
            })
            .collect::<Result<Vec<_>, TeamError>>()?;
        server.push_concepts(&changes)?;
        report.concepts_pushed += changes.len() as u64;
        let tx = crate::store::begin(conn)?;
        for d in &queued {
            local::concept_deletion_pushed(&tx, &d.guid, d.stamp)?;
        }
        crate::store::commit(tx)?;
    }
    Ok(())
}

/// Concept `row` as the server holds concepts, if it exists.
fn shared_concept(
    conn: &Connection,
    row: concepts::ConceptRow,
) -> Result<Option<SharedConcept>, TeamError> {
    let (Some(entry), Some(meta)) = (
        concepts::concept(conn, row)?,
        local::concept_metadata(conn, row)?,
    ) else {
        return Ok(None);
    };
    let glossary = crate::store::glossary::name(conn, entry.glossary)?;
    Ok(Some(SharedConcept::new(&glossary, &entry.concept, &meta)))
}

/// A concept the glossary refuses, from the server: damaged there.
fn concept_error(e: concepts::ConceptError) -> TeamError {
    match e {
        concepts::ConceptError::Store(e) => TeamError::Store(e),
        other => TeamError::Damaged(format!("a concept: {other}")),
    }
}

/// Pull the server's concept changes since the last, through the glossary's own
/// writing functions, a transaction per batch.
fn pull_concepts(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    report: &mut SyncReport,
) -> Result<(), TeamError> {
    let mut last_seq = local::last_concept_seq(conn)?;
    loop {
        let batch = server.pull_concepts(last_seq, PULL_BATCH)?;
        let tx = crate::store::begin(conn)?;
        local::quiet(&tx)?;
        for change in &batch {
            report.concepts_pulled += u64::from(apply_concept(&tx, change)?);
            last_seq = last_seq.max(change.seq);
        }
        local::concepts_pulled_to(&tx, last_seq, Timestamp::now())?;
        local::loud(&tx)?;
        crate::store::commit(tx)?;
        if batch.len() < PULL_BATCH {
            return Ok(());
        }
    }
}

/// Write one pulled concept change; whether it changed anything here.
fn apply_concept(
    tx: &crate::store::Transaction,
    change: &IncomingConcept,
) -> Result<bool, TeamError> {
    let id = change.guid.to_string();
    let here = local::concept_by_guid(tx, &id)?;
    match (&change.content, here) {
        // A change waits to be pushed: it will replace the server's version.
        (_, Some((_, _, true))) => Ok(false),
        (None, Some((row, ..))) => {
            concepts::delete_concept(tx, row).map_err(concept_error)?;
            Ok(true)
        }
        (None, None) => Ok(false),
        (Some(_), Some((_, revision, false))) if revision >= change.revision => Ok(false),
        (Some(content), here) => {
            let glossary = crate::store::glossary::ensure(tx, &content.glossary, 0)?;
            let concept = content.concept()?;
            // This machine's copy, or a concept with its id in that glossary (the same
            // file imported here before it was shared).
            let row = match here {
                Some((row, ..)) => Some(row),
                None => local::concept_with_id(tx, glossary, &content.id)?,
            };
            let row = match row {
                Some(row) => {
                    if let Some(other) = local::concept_with_id(tx, glossary, &content.id)?
                        && other != row
                    {
                        // Another concept here has the id the server's now has.
                        concepts::delete_concept(tx, other).map_err(concept_error)?;
                        local::unqueue_concept(tx, other)?;
                    }
                    local::move_concept(tx, row, glossary)?;
                    concepts::save_concept(tx, row, &concept, content.changed_by.as_deref())
                        .map_err(concept_error)?;
                    row
                }
                None => {
                    concepts::add_concept(tx, glossary, &concept, content.created_by.as_deref())
                        .map_err(concept_error)?
                }
            };
            local::set_concept_metadata(tx, row, &content.metadata())?;
            local::set_concept_shared(tx, row, &id, change.revision)?;
            Ok(true)
        }
    }
}

/// Pulled changes in flight from the thread reading the server to the one writing them.
const JOIN_BATCH: usize = 256;

/// What the thread reading the server sends the one writing, when joining.
enum Joined {
    /// Changes as they came, each new unit with the forms it is indexed by.
    Batch(Vec<Arrival>),
    /// Everything was received, up to this sequence number: commit.
    Done(i64),
}

/// One pulled change on its way to the writing thread.
struct Arrival {
    change: Incoming,
    /// The unit and its forms, for a unit not seen before in this pull; `None` for a
    /// change of a unit that came before.
    new: Option<(TranslationUnit, UnitForms)>,
}

/// The first pull into an empty memory (joining): the whole pull is one bulk write, as
/// an import is (a rollback journal when nothing else has the database open, secondary
/// indexes built once at the end); stopped, it starts over. The server's rows are read
/// and decoded, and the units' forms computed, on this thread while a second one writes
/// them, as a TMX import parses on one thread and writes on another. How many changes
/// were written.
fn join_pull(
    conn: &mut Connection,
    server: &mut dyn TeamServer,
    after: i64,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
) -> Result<u64, TeamError> {
    bulk::with_rollback_journal(conn, "team join", |conn| {
        std::thread::scope(|scope| {
            let (give_vocabulary, vocabulary) = mpsc::sync_channel(1);
            let (send, receive) = mpsc::sync_channel(16);
            let writing = scope.spawn(move || write_joined(conn, &give_vocabulary, receive));
            // The writer loads the vocabulary inside its transaction; no vocabulary
            // means it failed first.
            let read = match vocabulary.recv() {
                Ok(vocabulary) => read_joined(server, after, vocabulary, &send, on_step),
                Err(_) => Err(None),
            };
            drop(send);
            let written = writing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match read {
                Ok(()) => written,
                // The writer stopped first: its error says why.
                Err(None) => written.and(Err(TeamError::Cancelled)),
                Err(Some(e)) => Err(e),
            }
        })
    })
}

/// Read every change after `after` from `server` and send them to the writer, new
/// units with their forms; `Err(None)` when the writer stopped taking them.
fn read_joined(
    server: &mut dyn TeamServer,
    after: i64,
    mut vocabulary: Vocabulary,
    send: &mpsc::SyncSender<Joined>,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
) -> Result<(), Option<TeamError>> {
    let mut seen = HashSet::new();
    let mut batch = Vec::with_capacity(JOIN_BATCH);
    let (mut last_seq, mut received) = (after, 0u64);
    let mut writer_stopped = false;
    let read = server.pull_all(after, &mut |change| {
        last_seq = last_seq.max(change.seq);
        received += 1;
        let first = seen.insert(change.guid);
        match &change.content {
            Some(content) if first => {
                let unit = content.to_unit(None);
                let forms = UnitForms::with_ids(&unit, &mut vocabulary);
                batch.push(Arrival {
                    change,
                    new: Some((unit, forms)),
                });
            }
            // A unit deleted before this pull began: nothing to write.
            None if first => {}
            _ => batch.push(Arrival { change, new: None }),
        }
        if batch.len() == JOIN_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(JOIN_BATCH));
            if send.send(Joined::Batch(full)).is_err() {
                writer_stopped = true;
                return Err(TeamError::Cancelled);
            }
        }
        if received % PULL_BATCH as u64 == 0 {
            on_step(Step::Pulled { done: received })?;
        }
        Ok(())
    });
    match read {
        Err(_) if writer_stopped => Err(None),
        Err(e) => Err(Some(e)),
        Ok(()) => {
            let sent = send
                .send(Joined::Batch(batch))
                .and_then(|()| send.send(Joined::Done(last_seq)));
            sent.map_err(|_| None)
        }
    }
}

/// The writing side of [`join_pull`]: everything received, in one transaction,
/// committed only when the reader says it is all there. How many changes were written.
fn write_joined(
    conn: &mut Connection,
    give_vocabulary: &mpsc::SyncSender<Vocabulary>,
    receive: mpsc::Receiver<Joined>,
) -> Result<u64, TeamError> {
    let mut w = Writer::begin(conn)?;
    w.bulk()?;
    local::quiet(w.transaction())?;
    if give_vocabulary.send(w.vocabulary()?).is_err() {
        return Err(TeamError::Cancelled);
    }
    let mut pulled = 0;
    // Units that came again (changed on the server during a batched pull) are written
    // after all the others: their words get token ids the ordinary way, which must not
    // take ids the reader's vocabulary has given out.
    let mut again = Vec::new();
    for message in receive {
        match message {
            Joined::Batch(arrivals) => {
                for Arrival { change, new } in arrivals {
                    let Some((unit, forms)) = new else {
                        again.push(change);
                        continue;
                    };
                    w.add_tokens(forms.new_tokens())?;
                    let id = w.insert_with_forms(&unit, &forms)?;
                    let guid = change.guid.to_string();
                    local::set_shared(w.transaction(), id, &guid, change.revision)?;
                    pulled += 1;
                }
            }
            Joined::Done(last_seq) => {
                for change in &again {
                    pulled += u64::from(apply(&mut w, change, true)?);
                }
                local::pulled_to(w.transaction(), last_seq, Timestamp::now())?;
                local::loud(w.transaction())?;
                w.commit()?;
                return Ok(pulled);
            }
        }
    }
    // The reader stopped before the end: dropping the writer rolls it all back.
    Err(TeamError::Cancelled)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LanguageTag;
    use crate::store::units::UnitMetadata;

    /// A server that answers pulls from a fixed list of changes, as a batched server
    /// does when units change during a long pull: a unit may come twice. Its
    /// connection drops once a pull asks for changes after `drops_at`.
    struct Replay {
        changes: Vec<Incoming>,
        drops_at: i64,
    }

    impl Replay {
        fn new(changes: Vec<Incoming>) -> Self {
            Self {
                changes,
                drops_at: i64::MAX,
            }
        }
    }

    impl TeamServer for Replay {
        fn can_push(&self) -> bool {
            false
        }

        fn push(&mut self, _: &[Outgoing]) -> Result<Vec<Pushed>, TeamError> {
            unreachable!("a reader does not push")
        }

        fn push_concepts(&mut self, _: &[OutgoingConcept]) -> Result<Vec<Pushed>, TeamError> {
            unreachable!("a reader does not push")
        }

        fn pull_concepts(&mut self, _: i64, _: usize) -> Result<Vec<IncomingConcept>, TeamError> {
            Ok(Vec::new())
        }

        fn pull(&mut self, after: i64, limit: usize) -> Result<Vec<Incoming>, TeamError> {
            if after >= self.drops_at {
                return Err(TeamError::Server("connection lost".into()));
            }
            Ok(self
                .changes
                .iter()
                .filter(|c| c.seq > after)
                .take(limit)
                .cloned()
                .collect())
        }
    }

    fn shared(ru: &str, en: &str) -> Option<SharedUnit> {
        let lang = |t| LanguageTag::parse(t).unwrap();
        let unit = TranslationUnit {
            variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
            meta: UnitMetadata::new("translation", Timestamp(1)),
        };
        Some(SharedUnit::from(&unit))
    }

    fn change(n: u128, seq: i64, revision: i64, content: Option<SharedUnit>) -> Incoming {
        Incoming {
            guid: Uuid::from_u128(n),
            seq,
            revision,
            content,
        }
    }

    fn joined() -> Connection {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::begin(&mut conn).unwrap();
        let link = local::TeamLink {
            server: "host=/run/postgresql".into(),
            team: "desk".into(),
            user: "anna".into(),
            last_seq: 0,
            last_sync_at: None,
            joined_at: Timestamp(5),
        };
        local::join(&tx, &link).unwrap();
        tx.commit().unwrap();
        conn
    }

    /// Every unit's (guid, revision, en text), sorted.
    fn contents(conn: &Connection) -> Vec<(String, i64, String)> {
        let en = LanguageTag::parse("en").unwrap();
        let mut all: Vec<_> = units::ids(conn, &units::UnitFilter::default())
            .unwrap()
            .into_iter()
            .map(|id| {
                let u = units::get(conn, id).unwrap().unwrap();
                let (guid, revision): (String, i64) = conn
                    .query_row(
                        "SELECT guid, team_revision FROM unit WHERE id = ?1",
                        [id.0],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                (guid, revision, u.variant(&en).unwrap().text.clone())
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn joining_in_bulk_ends_as_pulling_batch_by_batch_when_units_come_twice() {
        let changes = vec![
            change(1, 1, 1, shared("Да.", "Yes.")),
            change(2, 2, 1, shared("Нет.", "No.")),
            // Deleted before the pull began: nothing to write.
            change(3, 3, 2, None),
            change(4, 4, 1, shared("Может быть.", "Maybe.")),
            // Changed and deleted during the pull: they come again.
            change(1, 5, 2, shared("Да.", "Yes!")),
            change(2, 6, 2, None),
        ];
        let mut bulk = joined();
        let report = sync(
            &mut bulk,
            &mut Replay::new(changes.clone()),
            &mut |_| Ok(()),
        )
        .unwrap();
        // The reference: the ordinary pull, into a memory that is not empty.
        let mut reference = joined();
        let mut w = Writer::begin(&mut reference).unwrap();
        local::quiet(w.transaction()).unwrap();
        let other = shared("Спасибо.", "Thank you.").unwrap().to_unit(None);
        let other = w.insert(&other).unwrap();
        local::loud(w.transaction()).unwrap();
        w.commit().unwrap();
        sync(&mut reference, &mut Replay::new(changes), &mut |_| Ok(())).unwrap();
        let mut w = Writer::begin(&mut reference).unwrap();
        local::quiet(w.transaction()).unwrap();
        w.delete(other).unwrap();
        local::loud(w.transaction()).unwrap();
        w.commit().unwrap();

        let expected = vec![
            (Uuid::from_u128(1).to_string(), 2, "Yes!".to_string()),
            (Uuid::from_u128(4).to_string(), 1, "Maybe.".to_string()),
        ];
        assert_eq!(contents(&bulk), expected);
        assert_eq!(contents(&reference), expected);
        assert_eq!(local::link(&bulk).unwrap().unwrap().last_seq, 6);
        assert_eq!(local::pending(&bulk).unwrap(), Pending::default());
        assert_eq!(report.pulled, 5, "3 new units, a change and a deletion");
        // The replaced text is kept as an earlier version, as any pull keeps it.
        let versions: i64 = bulk
            .query_row("SELECT count(*) FROM unit_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(versions, 1);
    }

    #[test]
    fn a_pull_keeps_a_language_the_servers_copy_lacks() {
        let mut conn = joined();
        let az = LanguageTag::parse("az").unwrap();
        let mut w = Writer::begin(&mut conn).unwrap();
        local::quiet(w.transaction()).unwrap();
        let mut unit = shared("Да.", "Yes.").unwrap().to_unit(None);
        unit.variants.push(Variant::new(az.clone(), "Bəli."));
        let id = w.insert(&unit).unwrap();
        let guid = Uuid::from_u128(1).to_string();
        local::set_shared(w.transaction(), id, &guid, 1).unwrap();
        local::loud(w.transaction()).unwrap();
        w.commit().unwrap();
        // The server's next revision has no Azerbaijani (written where it was never
        // added, or removed there): the text the translator has here stays.
        let corrected = vec![change(1, 2, 2, shared("Да.", "Yes!"))];
        let report = sync(&mut conn, &mut Replay::new(corrected), &mut |_| Ok(())).unwrap();
        assert_eq!(report.pulled, 1);
        let after = units::get(&conn, id).unwrap().unwrap();
        let en = LanguageTag::parse("en").unwrap();
        assert_eq!(after.variant(&en).unwrap().text, "Yes!");
        assert_eq!(after.variant(&az).unwrap().text, "Bəli.");
        assert_eq!(
            local::pending(&conn).unwrap(),
            Pending::default(),
            "keeping it is not a change to push"
        );
    }

    #[test]
    fn a_join_stopped_midway_writes_nothing_and_runs_again_from_the_start() {
        let n = PULL_BATCH as u128 + 10;
        let changes: Vec<_> = (1..=n)
            .map(|i| {
                change(
                    i,
                    i as i64,
                    1,
                    shared(&format!("Да {i}."), &format!("Yes {i}.")),
                )
            })
            .collect();
        let mut conn = joined();
        let dropped = sync(
            &mut conn,
            &mut Replay {
                changes: changes.clone(),
                drops_at: PULL_BATCH as i64,
            },
            &mut |_| Ok(()),
        );
        assert!(matches!(dropped, Err(TeamError::Server(_))), "{dropped:?}");
        assert!(
            contents(&conn).is_empty(),
            "nothing of a stopped join is kept"
        );
        let cancelled = sync(
            &mut conn,
            &mut Replay::new(changes.clone()),
            &mut |step| match step {
                Step::Pulled { .. } => Err(TeamError::Cancelled),
                Step::Pushed { .. } => Ok(()),
            },
        );
        assert!(
            matches!(cancelled, Err(TeamError::Cancelled)),
            "{cancelled:?}"
        );
        assert!(contents(&conn).is_empty());
        assert_eq!(local::link(&conn).unwrap().unwrap().last_seq, 0);
        let report = sync(&mut conn, &mut Replay::new(changes), &mut |_| Ok(())).unwrap();
        assert_eq!(report.pulled, n as u64);
        assert_eq!(contents(&conn).len(), n as usize);
        assert_eq!(local::link(&conn).unwrap().unwrap().last_seq, n as i64);
    }
}
