//! The team's server on PostgreSQL: the schema `dragoman` and its migrations, teams and
//! their members, and [`PgServer`], the [`TeamServer`] a sync talks to.
//!
//! Every value travels as a query parameter; the only SQL built from a name (a role in
//! `CREATE ROLE` and `GRANT`, which take no parameters) is quoted by the server's own
//! `format('%I')`.

use postgres::{Client, Transaction};
use uuid::Uuid;

use super::connection::ServerAddress;
use super::server::{Incoming, Outgoing, Pushed, TeamServer};
use super::shared::SharedUnit;
use super::{Access, TeamError};

/// The server schema's migrations, in order: migration *i* brings it to version *i*.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_team.sql")];

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
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS dragoman;
         CREATE TABLE IF NOT EXISTS dragoman.migration (
             version    integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
         );",
    )?;
    // Two admins initialising at once: the second waits, then finds the work done.
    tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_SPACE])?;
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

impl TeamServer for PgServer {
    fn can_push(&self) -> bool {
        self.access == Access::Write
    }

    fn push(&mut self, changes: &[Outgoing]) -> Result<Vec<Pushed>, TeamError> {
        if !self.can_push() {
            return Err(TeamError::ReadOnly {
                team: self.team.clone(),
                user: self.user.clone(),
                unsent: changes.len() as u64,
            });
        }
        let mut tx = self.client.transaction()?;
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&LOCK_SPACE, &(self.team_id as i32)],
        )?;
        let mut done = Vec::with_capacity(changes.len());
        for change in changes {
            done.push(push_one(&mut tx, self.team_id, change)?);
        }
        tx.commit()?;
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
}

fn shared(json: serde_json::Value) -> Result<SharedUnit, TeamError> {
    serde_json::from_value(json).map_err(|e| TeamError::Damaged(e.to_string()))
}

/// A unit row as a push reads it, locked.
struct Stored {
    revision: i64,
    content: serde_json::Value,
    deleted: bool,
}

fn stored(tx: &mut Transaction, guid: &Uuid) -> Result<Option<Stored>, TeamError> {
    Ok(tx
        .query_opt(
            "SELECT revision, content, deleted FROM dragoman.unit WHERE guid = $1 FOR UPDATE",
            &[guid],
        )?
        .map(|r| Stored {
            revision: r.get(0),
            content: r.get(1),
            deleted: r.get(2),
        }))
}

/// Keep unit `guid`'s version `old` in its history.
fn keep_version(
    tx: &mut Transaction,
    team: i64,
    guid: &Uuid,
    old: &Stored,
    conflict: bool,
) -> Result<(), TeamError> {
    tx.execute(
        "INSERT INTO dragoman.unit_history (guid, team_id, revision, content, deleted, conflict)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            guid,
            &team,
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
    tx: &mut Transaction,
    guid: &Uuid,
    content: &SharedUnit,
    revision: i64,
) -> Result<i64, TeamError> {
    let json = serde_json::to_value(content).map_err(|e| TeamError::Damaged(e.to_string()))?;
    tx.execute(
        "UPDATE dragoman.unit SET content = $2, content_hash = $3, revision = $4,
                seq = nextval('dragoman.change_seq'), deleted = false,
                changed_by = current_user, changed_at = now()
         WHERE guid = $1",
        &[guid, &json, &content.content_hash(), &(revision + 1)],
    )?;
    Ok(revision + 1)
}

/// The live unit of `team` with `content`'s texts, other than `except`, locked.
fn same_texts(
    tx: &mut Transaction,
    team: i64,
    content: &SharedUnit,
    except: &Uuid,
) -> Result<Option<(Uuid, Stored)>, TeamError> {
    let row = tx.query_opt(
        "SELECT guid, revision, content FROM dragoman.unit
         WHERE team_id = $1 AND content_hash = $2 AND NOT deleted AND guid <> $3 FOR UPDATE",
        &[&team, &content.content_hash(), except],
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
    tx: &mut Transaction,
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
    write_revision(tx, into, &merged, existing.revision)
}

/// Mark unit `guid` deleted, as its next revision.
fn delete(tx: &mut Transaction, guid: &Uuid) -> Result<(), TeamError> {
    tx.execute(
        "UPDATE dragoman.unit SET deleted = true, revision = revision + 1,
                seq = nextval('dragoman.change_seq'), changed_by = current_user,
                changed_at = now()
         WHERE guid = $1",
        &[guid],
    )?;
    Ok(())
}

fn push_one(tx: &mut Transaction, team: i64, change: &Outgoing) -> Result<Pushed, TeamError> {
    let guid = &change.guid;
    let row = stored(tx, guid)?;
    let Some(content) = &change.content else {
        let Some(row) = row.filter(|r| !r.deleted) else {
            return Ok(Pushed::Deleted);
        };
        keep_version(tx, team, guid, &row, change.base_revision < row.revision)?;
        delete(tx, guid)?;
        return Ok(Pushed::Deleted);
    };
    let json = serde_json::to_value(content).map_err(|e| TeamError::Damaged(e.to_string()))?;
    if let Some(row) = &row
        && !row.deleted
        && row.content == json
    {
        return Ok(Pushed::Unchanged {
            revision: row.revision,
        });
    }
    if let Some((into, existing)) = same_texts(tx, team, content, guid)? {
        let revision = merge_into(tx, &into, &existing, content)?;
        if let Some(row) = row.filter(|r| !r.deleted) {
            // The pushed unit now says what another one does: one of them goes.
            keep_version(tx, team, guid, &row, false)?;
            delete(tx, guid)?;
        }
        return Ok(Pushed::Merged { into, revision });
    }
    match row {
        None => {
            tx.execute(
                "INSERT INTO dragoman.unit (guid, team_id, content, content_hash, revision, seq)
                 VALUES ($1, $2, $3, $4, 1, nextval('dragoman.change_seq'))",
                &[guid, &team, &json, &content.content_hash()],
            )?;
            Ok(Pushed::Added { revision: 1 })
        }
        Some(row) => {
            let conflict = change.base_revision < row.revision;
            keep_version(tx, team, guid, &row, conflict)?;
            let revision = write_revision(tx, guid, content, row.revision)?;
            Ok(Pushed::Updated { revision, conflict })
        }
    }
}
