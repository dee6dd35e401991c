//! The team's server on PostgreSQL: the schema `dragoman` and its migrations, teams and
//! their members, and [`PgServer`], the [`TeamServer`] a sync talks to.
//!
//! Every value travels as a query parameter; the only SQL built from a name (a role in
//! `CREATE ROLE` and `GRANT`, which take no parameters) is quoted by the server's own
//! `format('%I')`.

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{Json, ToSql, Type};
use postgres::{Client, Statement, Transaction};
use uuid::Uuid;

use super::connection::ServerAddress;
use super::server::{Incoming, IncomingConcept, Outgoing, OutgoingConcept, Pushed, TeamServer};
use super::shared::{SharedConcept, SharedUnit};
use super::{Access, TeamError, server_reason};

/// The server schema's migrations, in order: migration *i* brings it to version *i*.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_team.sql"),
    include_str!("migrations/0002_concepts.sql"),
];

/// The server schema version this build reads and writes.
pub const SERVER_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Advisory lock keys: the first names Dragoman ("drag"), the second the team (or 0 for
/// the schema's migrations).
const LOCK_SPACE: i32 = 0x6472_6167;

/// Create or migrate the schema (as its owner, an admin) and the team `team`; returns
/// the schema version.
pub fn init(address: &ServerAddress, team: &str) -> Result<i32, TeamError> {
    let mut client = address.connect()?;
    let mut tx = client.transaction()?;
    // Two admins initialising at once: the second waits, then finds the work done. First
    // of all: `CREATE SCHEMA IF NOT EXISTS` run by two at once fails in one of them.
    tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_SPACE])?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS dragoman;
         CREATE TABLE IF NOT EXISTS dragoman.migration (
             version    integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
         );",
    )?;
    let found = version(&mut tx)?;
    if found > SERVER_SCHEMA_VERSION {
        return Err(TeamError::ServerTooNew {
            found,
            supported: SERVER_SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO dragoman.migration (version) VALUES ($1)",
            &[&(i as i32 + 1)],
        )?;
    }
    tx.execute(
        "INSERT INTO dragoman.team (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
        &[&team],
    )?;
    tx.commit()?;
    Ok(SERVER_SCHEMA_VERSION)
}

/// Make `role` a member of `team` with `access`, creating the role (a login without a
/// password: the service sets one, or uses peer or certificate authentication) when it
/// does not exist. Run as the admin.
pub fn grant(
    address: &ServerAddress,
    team: &str,
    role: &str,
    access: Access,
) -> Result<(), TeamError> {
    let mut client = address.connect()?;
    check_version(&mut client)?;
    let mut tx = client.transaction()?;
    let team_id: i64 = tx
        .query_opt("SELECT id FROM dragoman.team WHERE name = $1", &[&team])?
        .map(|r| r.get(0))
        .ok_or_else(|| TeamError::NoTeam {
            team: team.to_string(),
            user: address.user().to_string(),
        })?;
    let exists = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )?
        .get::<_, bool>(0);
    if !exists {
        let create: String = tx
            .query_one("SELECT format('CREATE ROLE %I LOGIN', $1::text)", &[&role])?
            .get(0);
        tx.batch_execute(&create)?;
    }
    let join: String = tx
        .query_one(
            "SELECT format('GRANT dragoman_member TO %I', $1::text)",
            &[&role],
        )?
        .get(0);
    tx.batch_execute(&join)?;
    tx.execute(
        "INSERT INTO dragoman.member (team_id, role, access) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, role) DO UPDATE SET access = excluded.access",
        &[&team_id, &role, &access.as_str()],
    )?;
    tx.commit()?;
    Ok(())
}

/// The schema version recorded on the server (0 when there is no schema yet).
fn version(client: &mut impl postgres::GenericClient) -> Result<i32, TeamError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('dragoman.migration') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM dragoman.migration",
            &[],
        )?
        .get(0))
}

/// Refuse a server whose schema this build does not read.
fn check_version(client: &mut Client) -> Result<(), TeamError> {
    let found = version(client)?;
    match found {
        0 => Err(TeamError::NoSchema),
        v if v > SERVER_SCHEMA_VERSION => Err(TeamError::ServerTooNew {
            found,
            supported: SERVER_SCHEMA_VERSION,
        }),
        v if v < SERVER_SCHEMA_VERSION => Err(TeamError::ServerTooOld {
            found,
            supported: SERVER_SCHEMA_VERSION,
        }),
        _ => Ok(()),
    }
}

/// One client's connection to one team.
pub struct PgServer {
    client: Client,
    team: String,
    team_id: i64,
    user: String,
    access: Access,
}

impl PgServer {
    /// Connect to `team` at `address` as a member of it.
    pub fn connect(address: &ServerAddress, team: &str) -> Result<Self, TeamError> {
        let mut client = address.connect()?;
        check_version(&mut client)?;
        // Row-level security shows a role only its own memberships.
        let row = client.query_opt(
            "SELECT t.id, m.access FROM dragoman.team t
             JOIN dragoman.member m ON m.team_id = t.id AND m.role = current_user
             WHERE t.name = $1",
            &[&team],
        )?;
        let Some(row) = row else {
            return Err(TeamError::NoTeam {
                team: team.to_string(),
                user: address.user().to_string(),
            });
        };
        let access: String = row.get(1);
        Ok(Self {
            client,
            team: team.to_string(),
            team_id: row.get(0),
            user: address.user().to_string(),
            access: if access == "write" {
                Access::Write
            } else {
                Access::Read
            },
        })
    }
}

impl PgServer {
    /// A transaction holding the team's push lock, for a writer; `ReadOnly` (with
    /// `unsent` changes) for a reader.
    fn push_transaction(&mut self, unsent: usize) -> Result<Transaction<'_>, TeamError> {
        if !self.can_push() {
            return Err(TeamError::ReadOnly {
                team: self.team.clone(),
                user: self.user.clone(),
                unsent: unsent as u64,
            });
        }
        let mut tx = self.client.transaction()?;
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&LOCK_SPACE, &(self.team_id as i32)],
        )?;
        Ok(tx)
    }

    /// Add `units`, none of them on the server yet, in one transaction by `COPY`: an
    /// admin's first load of a service's existing memory, thousands of times fewer
    /// round trips than a push. A unit whose texts the team holds already is left
    /// out (the server's copy stays as it is, unmerged). How many were added.
    pub fn load_units(
        &mut self,
        units: &mut dyn Iterator<Item = SharedUnit>,
    ) -> Result<u64, TeamError> {
        let team_id = self.team_id;
        let mut tx = self.push_transaction(0)?;
        tx.batch_execute(
            "CREATE TEMP TABLE loading (guid uuid, content jsonb, content_hash bytea)
             ON COMMIT DROP",
        )?;
        let copy = tx.copy_in("COPY loading (guid, content, content_hash) FROM STDIN BINARY")?;
        let mut writer = BinaryCopyInWriter::new(copy, &[Type::UUID, Type::JSONB, Type::BYTEA]);
        for unit in units {
            let hash = unit.content_hash();
            writer.write(&[&Uuid::new_v4(), &Json(&unit), &hash])?;
        }
        writer.finish()?;
        let added = tx.execute(
            "INSERT INTO dragoman.unit (guid, team_id, content, content_hash, revision, seq)
             SELECT guid, $1, content, content_hash, 1, nextval('dragoman.change_seq')
             FROM loading
             ON CONFLICT (team_id, content_hash) WHERE NOT deleted DO NOTHING",
            &[&team_id],
        )?;
        tx.commit()?;
        Ok(added)
    }
}

impl TeamServer for PgServer {
    fn can_push(&self) -> bool {
        self.access == Access::Write
    }

    fn push(&mut self, changes: &[Outgoing]) -> Result<Vec<Pushed>, TeamError> {
        let team_id = self.team_id;
        let tx = self.push_transaction(changes.len())?;
        let mut push = Push::prepare(tx, team_id)?;
        let mut done = Vec::with_capacity(changes.len());
        for change in changes {
            done.push(push.one(change)?);
        }
        push.tx.commit()?;
        Ok(done)
    }

    fn pull(&mut self, after: i64, limit: usize) -> Result<Vec<Incoming>, TeamError> {
        let rows = self.client.query(
            "SELECT guid, seq, revision, CASE WHEN deleted THEN NULL ELSE content END
             FROM dragoman.unit WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&self.team_id, &after, &(limit as i64)],
        )?;
        rows.into_iter()
            .map(|r| {
                let content: Option<serde_json::Value> = r.get(3);
                Ok(Incoming {
                    guid: r.get(0),
                    seq: r.get(1),
                    revision: r.get(2),
                    content: content.map(shared).transpose()?,
                })
            })
            .collect()
    }

    fn push_concepts(&mut self, changes: &[OutgoingConcept]) -> Result<Vec<Pushed>, TeamError> {
        let team_id = self.team_id;
        let tx = self.push_transaction(changes.len())?;
        let mut push = ConceptPush::prepare(tx, team_id)?;
        let mut done = Vec::with_capacity(changes.len());
        for change in changes {
            done.push(push.one(change)?);
        }
        push.tx.commit()?;
        Ok(done)
    }

    fn pull_concepts(
        &mut self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<IncomingConcept>, TeamError> {
        let rows = self.client.query(
            "SELECT guid, seq, revision, CASE WHEN deleted THEN NULL ELSE content END
             FROM dragoman.concept WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&self.team_id, &after, &(limit as i64)],
        )?;
        rows.into_iter()
            .map(|r| {
                let content: Option<serde_json::Value> = r.get(3);
                Ok(IncomingConcept {
                    guid: r.get(0),
                    seq: r.get(1),
                    revision: r.get(2),
                    content: content.map(decoded).transpose()?,
                })
            })
            .collect()
    }

    fn pull_all(
        &mut self,
        after: i64,
        each: &mut dyn FnMut(Incoming) -> Result<(), TeamError>,
    ) -> Result<(), TeamError> {
        // One query, its rows streamed as the server sends them: no round trip per
        // batch, and one snapshot, so each unit comes once. The content is decoded
        // straight from jsonb into the unit, with no JSON tree between.
        let mut rows = self.client.query_raw(
            "SELECT guid, seq, revision, CASE WHEN deleted THEN NULL ELSE content END
             FROM dragoman.unit WHERE team_id = $1 AND seq > $2 ORDER BY seq",
            [&self.team_id as &(dyn ToSql + Sync), &after],
        )?;
        while let Some(r) = rows.next()? {
            let content: Option<Json<SharedUnit>> = r
                .try_get(3)
                .map_err(|e| TeamError::Damaged(server_reason(&e)))?;
            each(Incoming {
                guid: r.try_get(0)?,
                seq: r.try_get(1)?,
                revision: r.try_get(2)?,
                content: content.map(|Json(unit)| unit),
            })?;
        }
        Ok(())
    }
}

fn shared(json: serde_json::Value) -> Result<SharedUnit, TeamError> {
    decoded(json)
}

fn decoded<T: serde::de::DeserializeOwned>(json: serde_json::Value) -> Result<T, TeamError> {
    serde_json::from_value(json).map_err(|e| TeamError::Damaged(e.to_string()))
}

fn json(content: &impl serde::Serialize) -> Result<serde_json::Value, TeamError> {
    serde_json::to_value(content).map_err(|e| TeamError::Damaged(e.to_string()))
}

/// A concept row as a push reads it, locked.
struct StoredConcept {
    revision: i64,
    glossary: String,
    content: serde_json::Value,
    deleted: bool,
}

/// One push batch of concepts, as [`Push`] is for units.
struct ConceptPush<'c> {
    tx: Transaction<'c>,
    team: i64,
    stored: Statement,
    same_id: Statement,
    insert: Statement,
    keep_version: Statement,
    write_revision: Statement,
    delete: Statement,
}

impl<'c> ConceptPush<'c> {
    fn prepare(mut tx: Transaction<'c>, team: i64) -> Result<Self, TeamError> {
        Ok(Self {
            stored: tx.prepare(
                "SELECT revision, glossary, content, deleted FROM dragoman.concept
                 WHERE guid = $1 FOR UPDATE",
            )?,
            same_id: tx.prepare(
                "SELECT guid, revision, glossary, content FROM dragoman.concept
                 WHERE team_id = $1 AND glossary = $2 AND concept_id = $3 AND NOT deleted
                       AND guid <> $4
                 FOR UPDATE",
            )?,
            insert: tx.prepare(
                "INSERT INTO dragoman.concept
                     (guid, team_id, glossary, concept_id, content, revision, seq)
                 VALUES ($1, $2, $3, $4, $5, 1, nextval('dragoman.change_seq'))",
            )?,
            keep_version: tx.prepare(
                "INSERT INTO dragoman.concept_history
                     (guid, team_id, revision, glossary, content, deleted, conflict)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )?,
            write_revision: tx.prepare(
                "UPDATE dragoman.concept SET glossary = $2, concept_id = $3, content = $4,
                        revision = $5, seq = nextval('dragoman.change_seq'), deleted = false,
                        changed_by = current_user, changed_at = now()
                 WHERE guid = $1",
            )?,
            delete: tx.prepare(
                "UPDATE dragoman.concept SET deleted = true, revision = revision + 1,
                        seq = nextval('dragoman.change_seq'), changed_by = current_user,
                        changed_at = now()
                 WHERE guid = $1",
            )?,
            tx,
            team,
        })
    }

    fn stored(&mut self, guid: &Uuid) -> Result<Option<StoredConcept>, TeamError> {
        Ok(self
            .tx
            .query_opt(&self.stored, &[guid])?
            .map(|r| StoredConcept {
                revision: r.get(0),
                glossary: r.get(1),
                content: r.get(2),
                deleted: r.get(3),
            }))
    }

    fn keep_version(
        &mut self,
        guid: &Uuid,
        old: &StoredConcept,
        conflict: bool,
    ) -> Result<(), TeamError> {
        self.tx.execute(
            &self.keep_version,
            &[
                guid,
                &self.team,
                &old.revision,
                &old.glossary,
                &old.content,
                &old.deleted,
                &conflict,
            ],
        )?;
        Ok(())
    }

    fn write_revision(
        &mut self,
        guid: &Uuid,
        content: &SharedConcept,
        revision: i64,
    ) -> Result<i64, TeamError> {
        self.tx.execute(
            &self.write_revision,
            &[
                guid,
                &content.glossary,
                &content.id,
                &json(content)?,
                &(revision + 1),
            ],
        )?;
        Ok(revision + 1)
    }

    fn one(&mut self, change: &OutgoingConcept) -> Result<Pushed, TeamError> {
        let guid = &change.guid;
        let row = self.stored(guid)?;
        let Some(content) = &change.content else {
            let Some(row) = row.filter(|r| !r.deleted) else {
                return Ok(Pushed::Deleted);
            };
            self.keep_version(guid, &row, change.base_revision < row.revision)?;
            self.tx.execute(&self.delete, &[guid])?;
            return Ok(Pushed::Deleted);
        };
        let json = json(content)?;
        if let Some(row) = &row
            && !row.deleted
            && row.content == json
        {
            return Ok(Pushed::Unchanged {
                revision: row.revision,
            });
        }
        let same = self
            .tx
            .query_opt(
                &self.same_id,
                &[&self.team, &content.glossary, &content.id, guid],
            )?
            .map(|r| {
                (
                    r.get::<_, Uuid>(0),
                    StoredConcept {
                        revision: r.get(1),
                        glossary: r.get(2),
                        content: r.get(3),
                        deleted: false,
                    },
                )
            });
        if let Some((into, existing)) = same {
            // The same concept (its glossary's id) shared from two machines: one concept.
            let mut merged: SharedConcept = decoded(existing.content.clone())?;
            let before = merged.clone();
            merged.merge(content);
            let mut revision = existing.revision;
            if merged != before {
                self.keep_version(&into, &existing, false)?;
                revision = self.write_revision(&into, &merged, existing.revision)?;
            }
            if let Some(row) = row.filter(|r| !r.deleted) {
                self.keep_version(guid, &row, false)?;
                self.tx.execute(&self.delete, &[guid])?;
            }
            return Ok(Pushed::Merged { into, revision });
        }
        match row {
            None => {
                self.tx.execute(
                    &self.insert,
                    &[guid, &self.team, &content.glossary, &content.id, &json],
                )?;
                Ok(Pushed::Added { revision: 1 })
            }
            Some(row) => {
                let conflict = change.base_revision < row.revision;
                self.keep_version(guid, &row, conflict)?;
                let revision = self.write_revision(guid, content, row.revision)?;
                Ok(Pushed::Updated { revision, conflict })
            }
        }
    }
}

/// A unit row as a push reads it, locked.
struct Stored {
    revision: i64,
    content: serde_json::Value,
    deleted: bool,
}

/// One push batch: its transaction, holding the team's lock, and its statements,
/// prepared once per batch rather than once per unit (half the round trips).
struct Push<'c> {
    tx: Transaction<'c>,
    team: i64,
    stored: Statement,
    same_texts: Statement,
    insert: Statement,
    keep_version: Statement,
    write_revision: Statement,
    delete: Statement,
}

impl<'c> Push<'c> {
    fn prepare(mut tx: Transaction<'c>, team: i64) -> Result<Self, TeamError> {
        Ok(Self {
            stored: tx.prepare(
                "SELECT revision, content, deleted FROM dragoman.unit WHERE guid = $1 FOR UPDATE",
            )?,
            same_texts: tx.prepare(
                "SELECT guid, revision, content FROM dragoman.unit
                 WHERE team_id = $1 AND content_hash = $2 AND NOT deleted AND guid <> $3
                 FOR UPDATE",
            )?,
            insert: tx.prepare(
                "INSERT INTO dragoman.unit (guid, team_id, content, content_hash, revision, seq)
                 VALUES ($1, $2, $3, $4, 1, nextval('dragoman.change_seq'))",
            )?,
            keep_version: tx.prepare(
                "INSERT INTO dragoman.unit_history
                     (guid, team_id, revision, content, deleted, conflict)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )?,
            write_revision: tx.prepare(
                "UPDATE dragoman.unit SET content = $2, content_hash = $3, revision = $4,
                        seq = nextval('dragoman.change_seq'), deleted = false,
                        changed_by = current_user, changed_at = now()
                 WHERE guid = $1",
            )?,
            delete: tx.prepare(
                "UPDATE dragoman.unit SET deleted = true, revision = revision + 1,
                        seq = nextval('dragoman.change_seq'), changed_by = current_user,
                        changed_at = now()
                 WHERE guid = $1",
            )?,
            tx,
            team,
        })
    }

    fn stored(&mut self, guid: &Uuid) -> Result<Option<Stored>, TeamError> {
        Ok(self.tx.query_opt(&self.stored, &[guid])?.map(|r| Stored {
            revision: r.get(0),
            content: r.get(1),
            deleted: r.get(2),
        }))
    }

    /// Keep unit `guid`'s version `old` in its history.
    fn keep_version(&mut self, guid: &Uuid, old: &Stored, conflict: bool) -> Result<(), TeamError> {
        self.tx.execute(
            &self.keep_version,
            &[
                guid,
                &self.team,
                &old.revision,
                &old.content,
                &old.deleted,
                &conflict,
            ],
        )?;
        Ok(())
    }

    /// Write `content` as unit `guid`'s next revision after `revision`.
    fn write_revision(
        &mut self,
        guid: &Uuid,
        content: &SharedUnit,
        revision: i64,
    ) -> Result<i64, TeamError> {
        self.tx.execute(
            &self.write_revision,
            &[
                guid,
                &json(content)?,
                &content.content_hash(),
                &(revision + 1),
            ],
        )?;
        Ok(revision + 1)
    }

    /// The team's live unit with `content`'s texts, other than `except`, locked.
    fn same_texts(
        &mut self,
        content: &SharedUnit,
        except: &Uuid,
    ) -> Result<Option<(Uuid, Stored)>, TeamError> {
        let row = self.tx.query_opt(
            &self.same_texts,
            &[&self.team, &content.content_hash(), except],
        )?;
        Ok(row.map(|r| {
            (
                r.get(0),
                Stored {
                    revision: r.get(1),
                    content: r.get(2),
                    deleted: false,
                },
            )
        }))
    }

    /// Fold `content` into unit `into` (same texts); its revision afterwards.
    fn merge_into(
        &mut self,
        into: &Uuid,
        existing: &Stored,
        content: &SharedUnit,
    ) -> Result<i64, TeamError> {
        let mut merged = shared(existing.content.clone())?;
        let before = merged.clone();
        merged.merge(content);
        if merged == before {
            return Ok(existing.revision);
        }
        self.write_revision(into, &merged, existing.revision)
    }

    /// Mark unit `guid` deleted, as its next revision.
    fn delete(&mut self, guid: &Uuid) -> Result<(), TeamError> {
        self.tx.execute(&self.delete, &[guid])?;
        Ok(())
    }

    fn one(&mut self, change: &Outgoing) -> Result<Pushed, TeamError> {
        let guid = &change.guid;
        let row = self.stored(guid)?;
        let Some(content) = &change.content else {
            let Some(row) = row.filter(|r| !r.deleted) else {
                return Ok(Pushed::Deleted);
            };
            self.keep_version(guid, &row, change.base_revision < row.revision)?;
            self.delete(guid)?;
            return Ok(Pushed::Deleted);
        };
        let json = json(content)?;
        if let Some(row) = &row
            && !row.deleted
            && row.content == json
        {
            return Ok(Pushed::Unchanged {
                revision: row.revision,
            });
        }
        if let Some((into, existing)) = self.same_texts(content, guid)? {
            let revision = self.merge_into(&into, &existing, content)?;
            if let Some(row) = row.filter(|r| !r.deleted) {
                // The pushed unit now says what another one does: one of them goes.
                self.keep_version(guid, &row, false)?;
                self.delete(guid)?;
            }
            return Ok(Pushed::Merged { into, revision });
        }
        match row {
            None => {
                self.tx.execute(
                    &self.insert,
                    &[guid, &self.team, &json, &content.content_hash()],
                )?;
                Ok(Pushed::Added { revision: 1 })
            }
            Some(row) => {
                let conflict = change.base_revision < row.revision;
                self.keep_version(guid, &row, conflict)?;
                let revision = self.write_revision(guid, content, row.revision)?;
                Ok(Pushed::Updated { revision, conflict })
            }
        }
    }
}

/// What the app's Team panel and conflict list ask of the server beside a sync.
impl PgServer {
    /// Whether this member may push.
    pub fn access(&self) -> Access {
        self.access
    }

    /// How many of the team's units changed after sequence number `after`: what a pull
    /// from there has to bring, for a progress bar.
    pub fn waiting(&mut self, after: i64) -> Result<u64, TeamError> {
        let count: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM dragoman.unit WHERE team_id = $1 AND seq > $2",
                &[&self.team_id, &after],
            )?
            .get(0);
        Ok(count as u64)
    }

    /// Up to `limit` versions of the team's units that conflicting changes replaced,
    /// from history entries after `after`, in entry order.
    pub fn replaced_in_conflicts(
        &mut self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<super::conflicts::Replaced>, TeamError> {
        let rows = self.client.query(
            "SELECT id, guid, content, replaced_by::text,
                    extract(epoch FROM replaced_at)::bigint
             FROM dragoman.unit_history
             WHERE team_id = $1 AND conflict AND NOT deleted AND id > $2
             ORDER BY id LIMIT $3",
            &[&self.team_id, &after, &(limit as i64)],
        )?;
        rows.into_iter()
            .map(|r| {
                Ok(super::conflicts::Replaced {
                    history_id: r.get(0),
                    guid: r.get(1),
                    content: shared(r.get(2))?,
                    replaced_by: r.get(3),
                    replaced_at: crate::Timestamp(r.get(4)),
                })
            })
            .collect()
    }
}
