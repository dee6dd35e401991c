//! This database's side of a team memory: the link to the team's server, the units'
//! global ids and server revisions, and the outbox of changes to push.
//!
//! The outbox is filled by triggers (migration 0014) in the same transaction as each
//! change. What the sync itself writes (pulled units, ids given back by the server) is
//! written between [`quiet`] and [`loud`], inside the sync's own transaction, so it does
//! not come back as a change to push.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use super::concepts::ConceptRow;
use super::glossary::GlossaryId;
use super::units::UnitId;
use crate::Timestamp;

/// The team this database belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLink {
    /// The server's connection string, without a password.
    pub server: String,
    /// The team's name on the server.
    pub team: String,
    /// The PostgreSQL role this database syncs as.
    pub user: String,
    /// The server's sequence number of the last change pulled (0 before the first pull).
    pub last_seq: i64,
    /// When the last sync ended.
    pub last_sync_at: Option<Timestamp>,
    /// When the database joined the team.
    pub joined_at: Timestamp,
}

/// The link, if this database has joined a team.
pub fn link(conn: &Connection) -> Result<Option<TeamLink>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT server, team, user, last_seq, last_sync_at, joined_at FROM team_link",
        )?
        .query_row([], |r| {
            Ok(TeamLink {
                server: r.get(0)?,
                team: r.get(1)?,
                user: r.get(2)?,
                last_seq: r.get(3)?,
                last_sync_at: r.get::<_, Option<i64>>(4)?.map(Timestamp),
                joined_at: Timestamp(r.get(5)?),
            })
        })
        .optional()?)
}

/// Link the database to a team and queue every unit it holds, so that the first sync
/// shares the memory the translator brings. Joining the same team again changes
/// nothing; the caller refuses another team.
pub fn join(tx: &Transaction, link: &TeamLink) -> Result<(), StoreError> {
    let added = tx.execute(
        "INSERT INTO team_link (id, server, team, user, last_seq, last_sync_at, joined_at)
         VALUES (1, ?1, ?2, ?3, 0, NULL, ?4) ON CONFLICT (id) DO NOTHING",
        params![link.server, link.team, link.user, link.joined_at.0],
    )?;
    if added == 1 {
        tx.execute(
            "INSERT OR IGNORE INTO team_outbox (unit_id, stamp) SELECT id, random() FROM unit",
            [],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO team_concept_outbox (concept_id, stamp)
             SELECT id, random() FROM concept",
            [],
        )?;
    }
    Ok(())
}

/// Unlink the database from its team: the units and concepts stay, as the translator's
/// own, with no global id, queue or copied conflicts left of the team (joining again,
/// or another team, shares them afresh). Whether it was linked.
pub fn leave(tx: &Transaction) -> Result<bool, StoreError> {
    // The link goes first: with it gone, the triggers queue nothing below.
    let linked = tx.execute("DELETE FROM team_link", [])? > 0;
    tx.execute_batch(
        "DELETE FROM team_outbox;
         DELETE FROM team_tombstone;
         DELETE FROM team_conflict;
         DELETE FROM team_concept_outbox;
         DELETE FROM team_concept_tombstone;
         UPDATE unit SET guid = NULL, team_revision = 0 WHERE guid IS NOT NULL;
         UPDATE concept SET guid = NULL, team_revision = 0 WHERE guid IS NOT NULL;",
    )?;
    Ok(linked)
}

/// Changes waiting to be pushed: units added or changed, and units deleted; glossary
/// concepts likewise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pending {
    /// Units added or changed.
    pub changed: u64,
    /// Units deleted after they were shared.
    pub deleted: u64,
    /// Concepts added or changed.
    pub concepts_changed: u64,
    /// Concepts deleted after they were shared.
    pub concepts_deleted: u64,
}

impl Pending {
    /// Every change waiting.
    pub fn total(&self) -> u64 {
        self.changed + self.deleted + self.concepts_changed + self.concepts_deleted
    }
}

/// How many changes wait for a push.
pub fn pending(conn: &Connection) -> Result<Pending, StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM team_outbox), (SELECT count(*) FROM team_tombstone),
                (SELECT count(*) FROM team_concept_outbox),
                (SELECT count(*) FROM team_concept_tombstone)",
        [],
        |r| {
            Ok(Pending {
                changed: r.get::<_, i64>(0)? as u64,
                deleted: r.get::<_, i64>(1)? as u64,
                concepts_changed: r.get::<_, i64>(2)? as u64,
                concepts_deleted: r.get::<_, i64>(3)? as u64,
            })
        },
    )?)
}

/// Stop queueing what this transaction writes: it comes from the server.
pub fn quiet(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute("INSERT OR IGNORE INTO team_quiet (id) VALUES (1)", [])?;
    Ok(())
}

/// Queue changes again: called before the commit of a transaction [`quiet`] began, so
/// that the marker is never committed.
pub fn loud(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute("DELETE FROM team_quiet", [])?;
    Ok(())
}

/// Give each queued unit that has no global id one from `new_guid`; how many got one.
pub fn assign_guids(
    tx: &Transaction,
    mut new_guid: impl FnMut() -> String,
) -> Result<u64, StoreError> {
    let ids: Vec<i64> = tx
        .prepare(
            "SELECT u.id FROM team_outbox o JOIN unit u ON u.id = o.unit_id
             WHERE u.guid IS NULL ORDER BY u.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut set = tx.prepare_cached("UPDATE unit SET guid = ?2 WHERE id = ?1")?;
    for &id in &ids {
        set.execute(params![id, new_guid()])?;
    }
    Ok(ids.len() as u64)
}

/// A queued change of a unit that still exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedUnit {
    /// The local unit.
    pub unit: UnitId,
    /// The outbox entry's stamp, to remove exactly this entry once pushed.
    pub stamp: i64,
    /// Its global id ([`assign_guids`] gives one before a push).
    pub guid: Option<String>,
    /// The server revision the local copy is based on (0 if never pushed).
    pub revision: i64,
}

/// Up to `limit` queued units with a local id above `after`, in id order.
pub fn queued_units(
    conn: &Connection,
    after: UnitId,
    limit: usize,
) -> Result<Vec<QueuedUnit>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT o.unit_id, o.stamp, u.guid, u.team_revision
         FROM team_outbox o JOIN unit u ON u.id = o.unit_id
         WHERE o.unit_id > ?1 ORDER BY o.unit_id LIMIT ?2",
    )?;
    let rows = select.query_map(params![after.0, limit as i64], |r| {
        Ok(QueuedUnit {
            unit: UnitId(r.get(0)?),
            stamp: r.get(1)?,
            guid: r.get(2)?,
            revision: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A queued deletion of a unit that was shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedDeletion {
    /// The unit's global id.
    pub guid: String,
    /// The server revision the deleted copy was based on.
    pub revision: i64,
    /// The entry's stamp.
    pub stamp: i64,
}

/// Up to `limit` queued deletions with a global id above `after`, in id order.
pub fn queued_deletions(
    conn: &Connection,
    after: &str,
    limit: usize,
) -> Result<Vec<QueuedDeletion>, StoreError> {
    deletions(conn, "team_tombstone", after, limit)
}

/// Up to `limit` entries of tombstone table `table` with a global id above `after`.
fn deletions(
    conn: &Connection,
    table: &str,
    after: &str,
    limit: usize,
) -> Result<Vec<QueuedDeletion>, StoreError> {
    let mut select = conn.prepare_cached(&format!(
        "SELECT guid, revision, stamp FROM {table} WHERE guid > ?1 ORDER BY guid LIMIT ?2"
    ))?;
    let rows = select.query_map(params![after, limit as i64], |r| {
        Ok(QueuedDeletion {
            guid: r.get(0)?,
            revision: r.get(1)?,
            stamp: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether the memory holds no unit (a first pull into it may write in bulk).
pub fn memory_is_empty(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM unit)", [], |r| r.get(0))?)
}

/// Unit `unit`'s outbox entry `stamp` was pushed: the unit is now `guid` at server
/// revision `revision`. An entry whose stamp changed (the unit changed again during the
/// push) stays queued.
pub fn pushed(
    tx: &Transaction,
    unit: UnitId,
    stamp: i64,
    guid: &str,
    revision: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE unit SET guid = ?2, team_revision = ?3 WHERE id = ?1")?
        .execute(params![unit.0, guid, revision])?;
    tx.prepare_cached("DELETE FROM team_outbox WHERE unit_id = ?1 AND stamp = ?2")?
        .execute(params![unit.0, stamp])?;
    Ok(())
}

/// Take unit `unit` off the outbox whatever its stamp (it was deleted as a duplicate).
pub fn unqueue(tx: &Transaction, unit: UnitId) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM team_outbox WHERE unit_id = ?1")?
        .execute([unit.0])?;
    Ok(())
}

/// The deletion of `guid`, queued with `stamp`, was pushed.
pub fn deletion_pushed(tx: &Transaction, guid: &str, stamp: i64) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM team_tombstone WHERE guid = ?1 AND stamp = ?2")?
        .execute(params![guid, stamp])?;
    Ok(())
}

/// The local unit with global id `guid`, with its server revision and whether a change
/// of it waits in the outbox.
pub fn by_guid(conn: &Connection, guid: &str) -> Result<Option<(UnitId, i64, bool)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT u.id, u.team_revision, EXISTS (SELECT 1 FROM team_outbox o WHERE o.unit_id = u.id)
             FROM unit u WHERE u.guid = ?1",
        )?
        .query_row([guid], |r| Ok((UnitId(r.get(0)?), r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Unit `unit`'s global id, if it has one.
pub fn guid_of(conn: &Connection, unit: UnitId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT guid FROM unit WHERE id = ?1")?
        .query_row([unit.0], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Record that unit `unit` is the server's `guid` at `revision` (a pulled unit).
pub fn set_shared(
    tx: &Transaction,
    unit: UnitId,
    guid: &str,
    revision: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE unit SET guid = ?2, team_revision = ?3 WHERE id = ?1")?
        .execute(params![unit.0, guid, revision])?;
    Ok(())
}

/// Changes up to sequence number `seq` are pulled, as of `at`.
pub fn pulled_to(tx: &Transaction, seq: i64, at: Timestamp) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE team_link SET last_seq = max(last_seq, ?1), last_sync_at = ?2")?
        .execute(params![seq, at.0])?;
    Ok(())
}

// Glossary concepts: the same bookkeeping as units, in tables of their own (migration
// 0015), keyed by the concept's row.

/// Who created and last changed a concept, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptMetadata {
    /// When it was created.
    pub created_at: Timestamp,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed.
    pub changed_at: Timestamp,
    /// Who last changed it.
    pub changed_by: Option<String>,
}

/// Concept `row`'s metadata, if it exists.
pub fn concept_metadata(
    conn: &Connection,
    row: ConceptRow,
) -> Result<Option<ConceptMetadata>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT created_at, created_by, changed_at, changed_by FROM concept WHERE id = ?1",
        )?
        .query_row([row], |r| {
            Ok(ConceptMetadata {
                created_at: Timestamp(r.get(0)?),
                created_by: r.get(1)?,
                changed_at: Timestamp(r.get(2)?),
                changed_by: r.get(3)?,
            })
        })
        .optional()?)
}

/// Set concept `row`'s metadata to `meta` (a pulled concept's, the server's).
pub fn set_concept_metadata(
    tx: &Transaction,
    row: ConceptRow,
    meta: &ConceptMetadata,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE concept SET created_at = ?2, created_by = ?3, changed_at = ?4, changed_by = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        row,
        meta.created_at.0,
        meta.created_by,
        meta.changed_at.0,
        meta.changed_by
    ])?;
    Ok(())
}

/// Give each queued concept that has no global id one from `new_guid`; how many got one.
pub fn assign_concept_guids(
    tx: &Transaction,
    mut new_guid: impl FnMut() -> String,
) -> Result<u64, StoreError> {
    let rows: Vec<i64> = tx
        .prepare(
            "SELECT c.id FROM team_concept_outbox o JOIN concept c ON c.id = o.concept_id
             WHERE c.guid IS NULL ORDER BY c.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut set = tx.prepare_cached("UPDATE concept SET guid = ?2 WHERE id = ?1")?;
    for &row in &rows {
        set.execute(params![row, new_guid()])?;
    }
    Ok(rows.len() as u64)
}

/// A queued change of a concept that still exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedConcept {
    /// The concept's row.
    pub concept: ConceptRow,
    /// The outbox entry's stamp.
    pub stamp: i64,
    /// Its global id ([`assign_concept_guids`] gives one before a push).
    pub guid: Option<String>,
    /// The server revision the local copy is based on (0 if never pushed).
    pub revision: i64,
}

/// Up to `limit` queued concepts with a row above `after`, in row order.
pub fn queued_concepts(
    conn: &Connection,
    after: ConceptRow,
    limit: usize,
) -> Result<Vec<QueuedConcept>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT o.concept_id, o.stamp, c.guid, c.team_revision
         FROM team_concept_outbox o JOIN concept c ON c.id = o.concept_id
         WHERE o.concept_id > ?1 ORDER BY o.concept_id LIMIT ?2",
    )?;
    let rows = select.query_map(params![after, limit as i64], |r| {
        Ok(QueuedConcept {
            concept: r.get(0)?,
            stamp: r.get(1)?,
            guid: r.get(2)?,
            revision: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Up to `limit` queued deletions of shared concepts with a global id above `after`.
pub fn queued_concept_deletions(
    conn: &Connection,
    after: &str,
    limit: usize,
) -> Result<Vec<QueuedDeletion>, StoreError> {
    deletions(conn, "team_concept_tombstone", after, limit)
}

/// Concept `row`'s outbox entry `stamp` was pushed: the concept is now `guid` at server
/// revision `revision`; an entry whose stamp changed meanwhile stays queued.
pub fn concept_pushed(
    tx: &Transaction,
    row: ConceptRow,
    stamp: i64,
    guid: &str,
    revision: i64,
) -> Result<(), StoreError> {
    set_concept_shared(tx, row, guid, revision)?;
    tx.prepare_cached("DELETE FROM team_concept_outbox WHERE concept_id = ?1 AND stamp = ?2")?
        .execute(params![row, stamp])?;
    Ok(())
}

/// Take concept `row` off the outbox whatever its stamp (deleted as a duplicate).
pub fn unqueue_concept(tx: &Transaction, row: ConceptRow) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM team_concept_outbox WHERE concept_id = ?1")?
        .execute([row])?;
    Ok(())
}

/// The deletion of concept `guid`, queued with `stamp`, was pushed.
pub fn concept_deletion_pushed(tx: &Transaction, guid: &str, stamp: i64) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM team_concept_tombstone WHERE guid = ?1 AND stamp = ?2")?
        .execute(params![guid, stamp])?;
    Ok(())
}

/// The local concept with global id `guid`, with its server revision and whether a
/// change of it waits in the outbox.
pub fn concept_by_guid(
    conn: &Connection,
    guid: &str,
) -> Result<Option<(ConceptRow, i64, bool)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.team_revision,
                    EXISTS (SELECT 1 FROM team_concept_outbox o WHERE o.concept_id = c.id)
             FROM concept c WHERE c.guid = ?1",
        )?
        .query_row([guid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The concept of glossary `glossary` whose id there is `id`, if there is one.
pub fn concept_with_id(
    conn: &Connection,
    glossary: GlossaryId,
    id: &str,
) -> Result<Option<ConceptRow>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2")?
        .query_row(params![glossary, id], |r| r.get(0))
        .optional()?)
}

/// Move concept `row` to glossary `glossary` (a pulled concept whose glossary differs).
pub fn move_concept(
    tx: &Transaction,
    row: ConceptRow,
    glossary: GlossaryId,
) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE concept SET glossary_id = ?2 WHERE id = ?1")?
        .execute(params![row, glossary])?;
    Ok(())
}

/// Record that concept `row` is the server's `guid` at `revision`.
pub fn set_concept_shared(
    tx: &Transaction,
    row: ConceptRow,
    guid: &str,
    revision: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE concept SET guid = ?2, team_revision = ?3 WHERE id = ?1")?
        .execute(params![row, guid, revision])?;
    Ok(())
}

/// The server's sequence number of the last concept change pulled.
pub fn last_concept_seq(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .query_row("SELECT last_concept_seq FROM team_link", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// Concept changes up to sequence number `seq` are pulled, as of `at`.
pub fn concepts_pulled_to(tx: &Transaction, seq: i64, at: Timestamp) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE team_link SET last_concept_seq = max(last_concept_seq, ?1), last_sync_at = ?2",
    )?
    .execute(params![seq, at.0])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LanguageTag;
    use crate::store::units::{TranslationUnit, UnitMetadata, Variant, Writer};

    fn unit(ru: &str, en: &str) -> TranslationUnit {
        let lang = |t| LanguageTag::parse(t).unwrap();
        TranslationUnit {
            variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
            meta: UnitMetadata::new("translation", Timestamp(1)),
        }
    }

    fn add(conn: &mut Connection, ru: &str, en: &str) -> UnitId {
        let mut w = Writer::begin(conn).unwrap();
        let id = w.insert(&unit(ru, en)).unwrap();
        w.commit().unwrap();
        id
    }

    fn queued(conn: &Connection) -> Vec<i64> {
        queued_units(conn, UnitId(0), 100)
            .unwrap()
            .into_iter()
            .map(|q| q.unit.0)
            .collect()
    }

    fn joined(conn: &mut Connection) {
        let tx = crate::store::begin(conn).unwrap();
        let link = TeamLink {
            server: "host=/run/postgresql".into(),
            team: "desk".into(),
            user: "anna".into(),
            last_seq: 0,
            last_sync_at: None,
            joined_at: Timestamp(5),
        };
        join(&tx, &link).unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn nothing_is_queued_before_joining_and_joining_queues_every_unit() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let first = add(&mut conn, "Да.", "Yes.");
        assert!(queued(&conn).is_empty());
        joined(&mut conn);
        assert_eq!(queued(&conn), [first.0]);
        assert_eq!(link(&conn).unwrap().unwrap().team, "desk");
    }

    #[test]
    fn every_write_path_queues_its_unit_in_the_same_transaction() {
        let mut conn = crate::store::open_in_memory().unwrap();
        joined(&mut conn);
        let a = add(&mut conn, "Да.", "Yes.");
        let b = add(&mut conn, "Нет.", "No.");
        assert_eq!(queued(&conn), [a.0, b.0]);
        let tx = crate::store::begin(&mut conn).unwrap();
        assert_eq!(
            assign_guids(&tx, || "g-".to_string() + &random_suffix()).unwrap(),
            2
        );
        for q in queued_units(&tx, UnitId(0), 10).unwrap() {
            pushed(&tx, q.unit, q.stamp, q.guid.as_deref().unwrap(), 1).unwrap();
        }
        tx.commit().unwrap();
        assert!(queued(&conn).is_empty(), "pushed entries are gone");

        // A use is the translator's own; a correction is shared.
        let tx = crate::store::begin(&mut conn).unwrap();
        crate::store::units::record_use(&tx, a, Timestamp(9)).unwrap();
        tx.commit().unwrap();
        assert!(queued(&conn).is_empty());
        let mut w = Writer::begin(&mut conn).unwrap();
        let en = Variant::new(LanguageTag::parse("en").unwrap(), "Yes!");
        assert!(
            w.correct_variant(a, &en, Some("anna"), Timestamp(10))
                .unwrap()
        );
        w.commit().unwrap();
        assert_eq!(queued(&conn), [a.0]);

        // A rolled-back change queues nothing.
        {
            let mut w = Writer::begin(&mut conn).unwrap();
            w.insert(&unit("Может быть.", "Maybe.")).unwrap();
        }
        assert_eq!(queued(&conn), [a.0]);

        // A deleted unit that was shared leaves a tombstone with its global id.
        let guid = guid_of(&conn, b).unwrap().unwrap();
        let mut w = Writer::begin(&mut conn).unwrap();
        assert!(w.delete(b).unwrap());
        w.commit().unwrap();
        let deletions = queued_deletions(&conn, "", 10).unwrap();
        assert_eq!(deletions.len(), 1);
        assert_eq!(
            (deletions[0].guid.as_str(), deletions[0].revision),
            (guid.as_str(), 1)
        );
        assert_eq!(
            pending(&conn).unwrap(),
            Pending {
                changed: 1,
                deleted: 1,
                ..Pending::default()
            }
        );
    }

    #[test]
    fn what_the_sync_writes_while_quiet_is_not_queued() {
        let mut conn = crate::store::open_in_memory().unwrap();
        joined(&mut conn);
        let mut w = Writer::begin(&mut conn).unwrap();
        quiet(w.transaction()).unwrap();
        let id = w.insert(&unit("Да.", "Yes.")).unwrap();
        set_shared(w.transaction(), id, "g-1", 3).unwrap();
        loud(w.transaction()).unwrap();
        w.commit().unwrap();
        assert!(queued(&conn).is_empty());
        assert_eq!(by_guid(&conn, "g-1").unwrap(), Some((id, 3, false)));
        add(&mut conn, "Нет.", "No.");
        assert_eq!(
            queued(&conn).len(),
            1,
            "queueing resumes after the quiet transaction"
        );
    }

    /// A distinct suffix per call, for global ids in tests.
    fn random_suffix() -> String {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        NEXT.fetch_add(1, Ordering::Relaxed).to_string()
    }
}
