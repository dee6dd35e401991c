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
pub mod browse;
pub mod bulk;
pub mod concepts;
pub mod concordance;
pub mod fuzzy_index;
pub mod glossary;
pub mod inspect;
pub mod memory_header;
pub mod segments;
pub mod term;
pub mod translations;
pub mod units;

use std::path::{Path, PathBuf};

pub use rusqlite::{Connection, Transaction};
use rusqlite::{OpenFlags, TransactionBehavior};
use thiserror::Error;

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
];

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Why the database could not be opened, read or written.
///
/// No message carries SQL: a statement SQLite refused is named by SQLite's reason alone
/// (a migration failing on a damaged schema printed kilobytes of it).
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file was written by a newer Dragoman whose schema this build does not know.
    #[error(
        "{path}: the memory has schema version {found}, this Dragoman supports up to \
         {supported}; update Dragoman to open it"
    )]
    SchemaTooNew {
        /// The database file.
        path: String,
        /// The version found in the file.
        found: u32,
        /// [`SCHEMA_VERSION`].
        supported: u32,
    },
    /// The file exists but is not a database (or is damaged), or cannot be created.
    #[error("{path}: cannot open the memory: {}", sqlite_reason(source))]
    CannotOpen {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file is an SQLite database of another program; it was left as it was.
    #[error(
        "{path}: this SQLite database belongs to another program, not to Dragoman; \
         it was left unchanged (check --db)"
    )]
    NotDragoman {
        /// The database file.
        path: String,
    },
    /// A command that only reads was pointed at a file that does not exist.
    #[error("no memory at {path} (check --db; importing into it creates it)")]
    NoMemory {
        /// The path given.
        path: String,
    },
    /// Another connection held the database for longer than the busy timeout (five seconds).
    #[error(
        "{path}: the database is busy ({}); try again when it has finished",
        busy_with(by)
    )]
    Busy {
        /// The database file.
        path: String,
        /// The bulk import holding it, when one does (see [`bulk`]); otherwise another
        /// Dragoman is writing.
        by: Option<bulk::BulkWrite>,
    },
    /// No platform data directory could be determined (no home directory).
    #[error("no data directory for this user; pass --db PATH")]
    NoDataDirectory,
    /// A stored value is not what Dragoman wrote (a hand-edited or damaged file).
    #[error("damaged memory: {0}")]
    Damaged(String),
    /// A query or write failed (disk full, file locked by another program, …).
    #[error("database: {}", sqlite_reason(.0))]
    Database(#[from] rusqlite::Error),
}

fn busy_with(by: &Option<bulk::BulkWrite>) -> String {
    match by {
        Some(b) => format!("an import of {} is running since {} UTC", b.file, b.since),
        None => "another Dragoman is writing".into(),
    }
}

/// What SQLite said, without the statement it said it about.
pub fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

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
        std::fs::create_dir_all(dir).map_err(|e| StoreError::CannotOpen {
            path: path.display().to_string(),
            source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
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
        StoreError::Database(e) | StoreError::CannotOpen { source: e, .. } => failed(e),
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

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// `e`, met while opening `path`, as the store reports it: a lock held past the timeout
/// is [`StoreError::Busy`] naming what holds it, anything else [`StoreError::CannotOpen`].
fn opening_failed(e: rusqlite::Error, path: &Path) -> StoreError {
    let path_name = path.display().to_string();
    if is_busy(&e) {
        return StoreError::Busy {
            path: path_name,
            by: bulk::holder(path),
        };
    }
    StoreError::CannotOpen {
        path: path_name,
        source: e,
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
        .map_err(|source| StoreError::CannotOpen {
            path: name.to_string(),
            source,
        })?;
    migrate(conn, name)
}

/// Begin a write: what is done through the transaction is kept by [`commit`], and none
/// of it when the transaction is dropped first (an error, a cancel, a panic).
///
/// The write lock is taken at once: a transaction that read first and then wanted to
/// write would fail at once when another process held the lock (SQLite cannot wait for
/// it without risking a deadlock), instead of waiting the busy timeout for it.
pub fn begin(conn: &mut Connection) -> Result<Transaction<'_>, StoreError> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
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
        StoreError::Database(source) => StoreError::CannotOpen {
            path: name.to_string(),
            source,
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
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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

/// What is wrong with the database: SQLite's `integrity_check`, FTS5's own check of the
/// concordance index, and the translation memory's indexes against its variants (every
/// variant indexed once, no index entry for a variant that is gone, each word's `df`
/// equal to its postings). Empty when all is well. It reads every table: for tests and
/// for checking a memory by hand, not for every open.
pub fn verify(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    if let Err(e) = conn.execute(
        "INSERT INTO variant_fts (variant_fts, rank) VALUES ('integrity-check', 0)",
        [],
    ) {
        problems.push(format!("concordance index: {e}"));
    }
    let checks = [
        (
            "variants without their word ids",
            "SELECT count(*) FROM variant v
             WHERE NOT EXISTS (SELECT 1 FROM variant_words w WHERE w.variant_id = v.id)",
        ),
        (
            "concordance entries more or fewer than variants",
            "SELECT abs((SELECT count(*) FROM variant_fts) - (SELECT count(*) FROM variant))",
        ),
    ];
    for (what, sql) in checks {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        if n != 0 {
            problems.push(format!("{what}: {n}"));
        }
    }
    // The posting blocks are blobs, checked here rather than in SQL.
    let mut variant = conn.prepare("SELECT 1 FROM variant WHERE id = ?1")?;
    let (mut gone, mut disordered) = (0, 0);
    let mut df: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    let mut blocks = conn.prepare("SELECT token_id, first_id, ids FROM posting_block")?;
    let mut rows = blocks.query([])?;
    while let Some(row) = rows.next()? {
        let ids = fuzzy_index::decode_block(&row.get::<_, Vec<u8>>(2)?);
        *df.entry(row.get(0)?).or_default() += ids.len() as i64;
        if ids.first() != Some(&row.get(1)?) || ids.windows(2).any(|w| w[0] >= w[1]) {
            disordered += 1;
        }
        for id in ids {
            if !variant.exists([id])? {
                gone += 1;
            }
        }
    }
    if gone > 0 {
        problems.push(format!("postings of variants that are gone: {gone}"));
    }
    if disordered > 0 {
        problems.push(format!(
            "posting blocks out of order or misnamed: {disordered}"
        ));
    }
    let mut tokens = conn.prepare("SELECT id, df FROM token")?;
    let wrong_df = tokens
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(id, n)| df.get(id).copied().unwrap_or(0) != *n)
        .count();
    if wrong_df > 0 {
        problems.push(format!(
            "words whose df is not their number of postings: {wrong_df}"
        ));
    }
    Ok(problems)
}

/// Everything the memory holds, indexes included, as text: units with their variants,
/// the words with their counts, the postings and word ids by word, the concordance
/// index's entries. Two memories with the same dump answer every lookup alike: for
/// tests that compare two ways of writing the same units.
pub fn dump_memory(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM unit ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        let unit = units::get(conn, units::UnitId(id))?;
        out.push(format!("unit {id}: {unit:?}"));
    }
    let mut rows = |sql: &str| -> Result<(), StoreError> {
        let mut stmt = conn.prepare(sql)?;
        let n = stmt.column_count();
        let lines = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|cells| cells.join(" "))
            })?
            .collect::<Result<Vec<String>, _>>()?;
        out.extend(lines);
        Ok(())
    };
    rows("SELECT id, normalized, prev_segment, next_segment FROM variant ORDER BY id")?;
    rows("SELECT id, lang, word, df FROM token ORDER BY id")?;
    rows("SELECT token_id, len, first_id, hex(ids) FROM posting_block ORDER BY 1, 2, 3")?;
    rows("SELECT variant_id, hex(word_ids) FROM variant_words ORDER BY 1")?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms \
         USING fts5vocab(main, variant_fts, 'instance')",
    )?;
    rows("SELECT term, doc, col, offset FROM temp.fts_terms ORDER BY 1, 2, 3, 4")?;
    Ok(out)
}

/// The schema as SQL, table by table in name order: what the migrations built.
pub fn dump_schema(conn: &Connection) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'variant_fts_%' \
         ORDER BY type DESC, name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = String::new();
    for sql in rows {
        out.push_str(&sql?);
        out.push_str(";\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_has_every_migration() {
        let conn = open_in_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let schema = dump_schema(&conn).unwrap();
        for table in [
            "CREATE TABLE unit",
            "CREATE TABLE variant",
            "CREATE TABLE posting_block",
            "CREATE TABLE alignment_bead",
            "CREATE TABLE alignment_step",
        ] {
            assert!(schema.contains(table), "{table} missing from\n{schema}");
        }
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are enforced");
    }

    /// The schema every migration together builds, pinned: a migration that changes it
    /// shows the change in review as a diff of `snapshots/*__schema.snap`.
    #[test]
    fn schema_after_every_migration() {
        let conn = open_in_memory().unwrap();
        insta::assert_snapshot!("schema", dump_schema(&conn).unwrap());
    }

    #[test]
    fn file_store_is_wal_and_reopens_without_migrating_again() {
        let dir = std::env::temp_dir().join(format!("dragoman-store-{}", std::process::id()));
        let path = dir.join("nested/tm.sqlite");
        let conn = open(&path).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        conn.execute_batch("INSERT INTO unit (created_at, changed_at, origin) VALUES (1, 1, 'x')")
            .unwrap();
        drop(conn);
        let conn = open(&path).unwrap();
        let units: i64 = conn
            .query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
            .unwrap();
        assert_eq!(units, 1, "reopening keeps the data");
        drop(conn);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_newer_schema_naming_both_versions() {
        let dir = std::env::temp_dir().join(format!("dragoman-newer-{}", std::process::id()));
        let path = dir.join("tm.sqlite");
        drop(open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        drop(conn);
        let err = open(&path).unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, StoreError::SchemaTooNew { found, supported, .. }
                if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
            "{message}"
        );
        assert!(message.contains("tm.sqlite"), "{message}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_file_that_is_not_a_database() {
        let dir = std::env::temp_dir().join(format!("dragoman-notdb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tm.sqlite");
        std::fs::write(
            &path,
            "this is a text file, not a database, and it is long enough",
        )
        .unwrap();
        let err = open(&path).unwrap_err();
        assert!(matches!(err, StoreError::CannotOpen { .. }), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_version_6_glossary_gets_its_terms_folded_by_the_step_beside_migration_7() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..6] {
            conn.execute_batch(migration.sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO glossary (id, name, created_at) VALUES (1, 'Old', 0);
             INSERT INTO concept (id, glossary_id, external_id, created_at, changed_at)
                 VALUES (1, 1, 'c1', 0, 0);
             INSERT INTO term (concept_id, lang, text, position)
                 VALUES (1, 'az', 'İstanbul|', 0);",
        )
        .unwrap();
        migrate(&mut conn, "v6").unwrap();
        let folded: String = conn
            .query_row("SELECT folded FROM term", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            folded, "istanbul",
            "Turkic İ folded, the stem mark left out"
        );
    }

    #[test]
    fn a_version_2_memory_gets_its_postings_regrouped_into_blocks() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..2] {
            conn.execute_batch(migration.sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 2").unwrap();
        // Three hundred one-word English units, postings as version 2 wrote them: more
        // than one block's worth for the shared word.
        let tx = conn.transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO token (id, lang, word, df) VALUES (1, 'en', 'forum', 300), \
             (2, 'ru', 'форум', 300)",
        )
        .unwrap();
        for unit in 1..=300i64 {
            tx.execute(
                "INSERT INTO unit (id, created_at, changed_at, origin) VALUES (?1, 0, 0, 'x')",
                [unit],
            )
            .unwrap();
            for (offset, lang, text, token) in [(0, "en", "Forum", 1i64), (1000, "ru", "Форум", 2)]
            {
                let variant = unit + offset;
                tx.execute(
                    "INSERT INTO variant (id, unit_id, lang, text, normalized) \
                     VALUES (?1, ?2, ?3, ?4, ?4)",
                    rusqlite::params![variant, unit, lang, text],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO variant_words (variant_id, word_ids) VALUES (?1, ?2)",
                    rusqlite::params![variant, fuzzy_index::encode(&[token])],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO posting (token_id, len, variant_id) VALUES (?1, 1, ?2)",
                    [token, variant],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO variant_fts (rowid, folded) VALUES (?1, ?2)",
                    rusqlite::params![variant, text.to_lowercase()],
                )
                .unwrap();
            }
        }
        tx.commit().unwrap();
        migrate(&mut conn, "v2").unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let blocks: Vec<(i64, i64, i64)> = conn
            .prepare("SELECT token_id, first_id, length(ids) / 4 FROM posting_block ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            blocks,
            [(1, 1, 256), (1, 257, 44), (2, 1001, 256), (2, 1257, 44)],
            "256 ids to a block, each list in id order"
        );
        assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dragoman-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("memory.sqlite")
    }

    #[test]
    fn refuses_another_programs_database_and_leaves_it_unchanged() {
        let path = scratch("foreign");
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch(
                "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); \
                 INSERT INTO notes (body) VALUES ('mine');",
            )
            .unwrap();
        drop(other);
        let before = std::fs::read(&path).unwrap();
        for err in [open(&path).unwrap_err(), open_existing(&path).unwrap_err()] {
            assert!(matches!(err, StoreError::NotDragoman { .. }), "{err}");
            assert!(err.to_string().contains("memory.sqlite"), "{err}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn opening_an_existing_memory_creates_nothing_at_a_wrong_path() {
        let dir = scratch("missing");
        let path = dir.join("typo/memory.sqlite");
        let err = open_existing(&path).unwrap_err();
        assert!(matches!(err, StoreError::NoMemory { .. }), "{err}");
        assert!(err.to_string().contains("typo"), "{err}");
        assert!(!dir.join("typo").exists(), "no folder made");
        drop(open(&path).unwrap());
        drop(open_existing(&path).expect("the memory once it exists"));
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_schema_migrations_cannot_fit_is_reported_without_sql() {
        let path = scratch("oddschema");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE unit (x); PRAGMA user_version = 3;")
            .unwrap();
        drop(conn);
        let message = open(&path).unwrap_err().to_string();
        assert!(
            message.len() < 300 && !message.contains("CREATE"),
            "{message}"
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    /// Hold `path`'s write lock from another connection for `held`, then commit.
    fn hold_write_lock(path: &Path, held: std::time::Duration) -> std::thread::JoinHandle<()> {
        let mut holder = open(path).unwrap();
        let (locked, is_locked) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let tx = begin(&mut holder).unwrap();
            tx.execute_batch("INSERT INTO glossary (name, created_at) VALUES ('held', 0)")
                .unwrap();
            locked.send(()).unwrap();
            std::thread::sleep(held);
            commit(tx).unwrap();
        });
        is_locked.recv().unwrap();
        thread
    }

    #[test]
    fn a_second_writer_waits_for_the_first_instead_of_failing() {
        let path = scratch("writers");
        let mut second = open(&path).unwrap();
        let first = hold_write_lock(&path, std::time::Duration::from_millis(1500));
        let started = std::time::Instant::now();
        // Read, then write: a deferred transaction failed here at once.
        let tx = begin(&mut second).unwrap();
        let n: i64 = tx
            .query_row("SELECT count(*) FROM glossary", [], |r| r.get(0))
            .unwrap();
        tx.execute(
            "INSERT INTO glossary (name, created_at) VALUES ('second', 0)",
            [],
        )
        .unwrap();
        commit(tx).unwrap();
        assert!(started.elapsed() >= std::time::Duration::from_millis(1000));
        assert_eq!(n, 1, "the first writer's row was committed before");
        first.join().unwrap();
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    /// Run a bulk write of `file` on `path` that keeps the database for `held`; returns
    /// once it holds the lock.
    fn bulk_write(
        path: &Path,
        file: &'static str,
        held: std::time::Duration,
    ) -> std::thread::JoinHandle<()> {
        let mut conn = open(path).unwrap();
        let (locked, is_locked) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            bulk::with_rollback_journal(&mut conn, file, |conn| {
                let tx = begin(conn)?;
                tx.execute_batch("INSERT INTO glossary (name, created_at) VALUES ('bulk', 0)")?;
                locked.send(()).unwrap();
                std::thread::sleep(held);
                commit(tx)
            })
            .unwrap();
            let mode: String = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal", "back in WAL mode although a reader came by");
        });
        is_locked.recv().unwrap();
        thread
    }

    #[test]
    fn opening_during_a_bulk_write_waits_for_it() {
        let path = scratch("bulkwait");
        drop(open(&path).unwrap());
        let bulk = bulk_write(&path, "big.tmx", std::time::Duration::from_millis(1500));
        let started = std::time::Instant::now();
        let reader = open_existing(&path).expect("opened once the import ended");
        assert!(started.elapsed() >= std::time::Duration::from_millis(1000));
        let n: i64 = reader
            .query_row("SELECT count(*) FROM glossary", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        bulk.join().unwrap();
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_bulk_write_longer_than_the_timeout_is_named_to_who_waited() {
        let path = scratch("bulkbusy");
        drop(open(&path).unwrap());
        let bulk = bulk_write(
            &path,
            "big.tmx",
            BUSY_TIMEOUT + std::time::Duration::from_secs(1),
        );
        let started = std::time::Instant::now();
        let err = open_existing(&path).unwrap_err();
        assert!(started.elapsed() >= BUSY_TIMEOUT);
        assert!(
            matches!(&err, StoreError::Busy { by: Some(b), .. } if b.file == "big.tmx"),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("an import of big.tmx is running since"),
            "{err}"
        );
        bulk.join().unwrap();
        assert!(
            bulk::holder(&path).is_none(),
            "the note is gone with the import"
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
