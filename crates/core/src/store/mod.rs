//! Dragoman's database: one SQLite file per user, holding the translation memory, the
//! glossaries and the alignment projects.
//!
//! The file lives in the platform data directory ([`default_path`]); the command line
//! and tests may point elsewhere. It is opened in WAL mode (readers never wait for the
//! writer) with foreign keys on. The schema is the sum of numbered migrations in
//! `store/migrations/NNNN_*.sql`; SQLite's `user_version` records how many are applied.
//! Opening applies the missing ones in one transaction, and refuses a file written by a
//! newer Dragoman rather than guessing at a schema it does not know.
//!
//! The store is the ground floor: every SQL statement of Dragoman is in this module, and
//! it depends only on the crate's leaf value types, never on a domain area. The plain
//! row types (units and variants, concepts and terms, beads, job segments) are defined
//! here and re-exported by the areas as their vocabulary.
//!
//! Each table or aggregate has its own module. Functions that only read take a
//! [`Connection`]; functions that write take a [`Transaction`] ([`begin`], [`commit`]),
//! so a caller sees in the type that a write happens and where its transaction ends.
//! Units are the exception: they are written only through [`units::Writer`], which owns
//! its transaction and the index buffer, because a unit's indexes must be kept in step
//! with it.

pub mod alignments;
pub mod backup;
pub mod browse;
pub mod bulk;
pub mod concepts;
pub mod concordance;
mod failure;
pub mod fuzzy_index;
pub mod glossary;
pub mod inspect;
pub mod memory_header;
pub mod segments;
pub mod settings;
pub mod team;
pub mod team_conflict;
pub mod term;
pub mod translations;
pub mod units;
pub mod word_links;

use std::path::{Path, PathBuf};

pub use failure::{StoreError, sqlite_reason};
use failure::{is_busy, opening_failed};
pub use inspect::{dump_memory, dump_schema, verify};
pub use rusqlite::{Connection, Transaction};
use rusqlite::{OpenFlags, TransactionBehavior};

/// One step of the schema: SQL, and for the data SQL alone cannot bring along, a Rust
/// step run right after it in the same transaction.
struct Migration {
    sql: &'static str,
    step: Option<Step>,
}

/// What a migration does to the data in Rust after its SQL.
type Step = fn(&Transaction) -> Result<(), StoreError>;

impl Migration {
    const fn sql(sql: &'static str) -> Self {
        Self { sql, step: None }
    }

    const fn then(self, step: Step) -> Self {
        Self {
            sql: self.sql,
            step: Some(step),
        }
    }
}

/// The migrations, in order; migration *i* (1-based) brings the schema to version *i*.
const MIGRATIONS: &[Migration] = &[
    Migration::sql(include_str!("migrations/0001_translation_memory.sql")),
    Migration::sql(include_str!("migrations/0002_glossary.sql")),
    Migration::sql(include_str!("migrations/0003_alignment.sql")),
    Migration::sql(include_str!("migrations/0004_posting_blocks.sql")),
    Migration::sql(include_str!("migrations/0005_memory_header.sql")),
    Migration::sql(include_str!("migrations/0006_translation_job.sql")),
    // SQLite's lower() knows neither Cyrillic nor Turkic I: terms are folded in Rust.
    Migration::sql(include_str!("migrations/0007_glossary_editing.sql"))
        .then(concepts::fold_stored_terms),
    Migration::sql(include_str!("migrations/0008_translation_original.sql")),
    Migration::sql(include_str!("migrations/0009_exact_index_units.sql")),
    Migration::sql(include_str!("migrations/0010_setting.sql")),
    Migration::sql(include_str!("migrations/0011_unit_version.sql")),
    Migration::sql(include_str!("migrations/0012_superseded_terms.sql")),
    Migration::sql(include_str!("migrations/0013_xliff_original.sql")),
    Migration::sql(include_str!("migrations/0014_team.sql")),
    Migration::sql(include_str!("migrations/0015_team_conflict.sql")),
    Migration::sql(include_str!("migrations/0016_team_concepts.sql")),
    Migration::sql(include_str!("migrations/0017_word_alignment.sql")),
    Migration::sql(include_str!("migrations/0018_sentences.sql"))
        .then(units::index_stored_sentences),
];

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Where the user's memory lives: `dragoman.sqlite` in the platform data directory
/// (`~/.local/share/dragoman` on Linux, `~/Library/Application Support/org.dragoman.Dragoman`
/// on macOS, `%APPDATA%\dragoman\Dragoman\data` on Windows).
pub fn default_path() -> Result<PathBuf, StoreError> {
    let dirs = directories::ProjectDirs::from("org", "dragoman", "Dragoman")
        .ok_or(StoreError::NoDataDirectory)?;
    Ok(dirs.data_dir().join("dragoman.sqlite"))
}

/// Open (creating it and its folders if needed) the database at `path` and bring its
/// schema up to date, for commands that write.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::NoFolder {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    open_with(path, OpenFlags::default())
}

/// Open the database at `path`, which must exist, and bring its schema up to date: for
/// commands that only read, so that a mistyped path is an error rather than a new,
/// empty memory answering "no match".
pub fn open_existing(path: &Path) -> Result<Connection, StoreError> {
    if !path.is_file() {
        return Err(StoreError::NoMemory {
            path: path.display().to_string(),
        });
    }
    open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
}

fn open_with(path: &Path, flags: OpenFlags) -> Result<Connection, StoreError> {
    let name = path.display().to_string();
    let failed = |e| opening_failed(e, path);
    let mut conn = Connection::open_with_flags(path, flags).map_err(failed)?;
    // First, so that every statement below waits for another process's lock too.
    conn.busy_timeout(BUSY_TIMEOUT).map_err(failed)?;
    // Before anything that writes: the WAL pragma alone rewrites the file's header.
    if is_foreign(&conn).map_err(failed)? {
        return Err(StoreError::NotDragoman { path: name });
    }
    use_wal(&conn).map_err(failed)?;
    // Lookups read a few hundred scattered rows; memory-mapped reads spare a system call
    // and a copy for each page. Imports write postings all over the index's B-tree; a
    // page cache of up to 256 MiB (taken only as pages are used) keeps them in memory:
    // importing 100,000 units took 80 s with SQLite's default 2 MiB, 41–52 s with this.
    conn.query_row("PRAGMA mmap_size = 2147418112", [], |_| Ok(()))
        .map_err(failed)?;
    conn.execute_batch("PRAGMA cache_size = -262144")
        .map_err(failed)?;
    prepare(&mut conn, &name).map_err(|e| match e {
        StoreError::Database(e) | StoreError::CannotOpen { cause: e, .. } => failed(e),
        other => other,
    })?;
    Ok(conn)
}

/// Whether the database has tables but is not Dragoman's: `user_version` 0 (a Dragoman
/// file has a version from its first migration on) or no `unit` table. Migrating it
/// would add Dragoman's tables to another program's file.
fn is_foreign(conn: &Connection) -> Result<bool, rusqlite::Error> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let (objects, units): (i64, i64) = conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name = 'unit') \
         FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(objects > 0 && (version == 0 || units == 0))
}

/// Put the database in WAL mode unless it already is. Reading the mode waits for locks
/// like any statement; changing it needs the database to itself and SQLite does not wait
/// for that (a second process opened during a CLI import, which runs with a rollback
/// journal, failed at once), so a busy change is retried here until [`BUSY_TIMEOUT`].
fn use_wal(conn: &Connection) -> Result<(), rusqlite::Error> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        return Ok(());
    }
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())) {
            Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            other => return other,
        }
    }
}

/// How long a connection waits for another's write lock before failing.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A fresh in-memory database with every migration applied, for tests.
pub fn open_in_memory() -> Result<Connection, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    prepare(&mut conn, ":memory:")?;
    Ok(conn)
}

fn prepare(conn: &mut Connection, name: &str) -> Result<(), StoreError> {
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        .map_err(|cause| StoreError::CannotOpen {
            path: name.to_string(),
            cause,
        })?;
    migrate(conn, name)
}

/// Begin a write: what is done through the transaction is kept by [`commit`], and none
/// of it when the transaction is dropped first (an error, a cancel, a panic).
///
/// The write lock is taken at once: a transaction that read first and then wanted to
/// write would fail at once when another process held the lock (SQLite cannot wait for
/// it without risking a deadlock), instead of waiting the busy timeout for it.
///
/// A lock still held after the busy timeout (five seconds) is [`StoreError::Busy`],
/// naming the file and what holds it, as when opening: not a bare "database is locked".
pub fn begin(conn: &mut Connection) -> Result<Transaction<'_>, StoreError> {
    let path = conn.path().map(PathBuf::from);
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| match path {
            Some(path) if is_busy(&e) => opening_failed(e, &path),
            _ => StoreError::Database(e),
        })
}

/// Keep what `tx` wrote.
pub fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
    Ok(tx.commit()?)
}

/// The schema version recorded in the file (0 for a new file).
pub fn schema_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn migrate(conn: &mut Connection, name: &str) -> Result<(), StoreError> {
    let found = schema_version(conn).map_err(|e| match e {
        StoreError::Database(cause) => StoreError::CannotOpen {
            path: name.to_string(),
            cause,
        },
        other => other,
    })?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: name.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // All missing migrations or none: a crash halfway leaves the old version intact.
    let tx = begin(conn)?;
    // Another process may have migrated while this one waited for the lock.
    let found = schema_version(&tx)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    for migration in &MIGRATIONS[found as usize..] {
        tx.execute_batch(migration.sql)?;
        if let Some(step) = migration.step {
            step(&tx)?;
        }
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
