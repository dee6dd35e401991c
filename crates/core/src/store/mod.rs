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
    #[error("{path}: cannot open the memory: {source}")]
    CannotOpen {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// No platform data directory could be determined (no home directory).
    #[error("no data directory for this user; pass --db PATH")]
    NoDataDirectory,
    /// A stored value is not what Dragoman wrote (a hand-edited or damaged file).
    #[error("damaged memory: {0}")]
    Damaged(String),
    /// A query or write failed (disk full, file locked by another program, …).
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
}

/// Where the user's memory lives: `dragoman.sqlite` in the platform data directory
/// (`~/.local/share/dragoman` on Linux, `~/Library/Application Support/org.dragoman.Dragoman`
/// on macOS, `%APPDATA%\dragoman\Dragoman\data` on Windows).
pub fn default_path() -> Result<PathBuf, StoreError> {
    let dirs = directories::ProjectDirs::from("org", "dragoman", "Dragoman")
        .ok_or(StoreError::NoDataDirectory)?;
    Ok(dirs.data_dir().join("dragoman.sqlite"))
}

/// Open (creating if needed) the database at `path` and bring its schema up to date.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let name = path.display().to_string();
    let cannot = |source| StoreError::CannotOpen {
        path: name.clone(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| cannot(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
    }
    let mut conn = Connection::open(path).map_err(cannot)?;
    // A second process writing (the app while a script imports) waits instead of failing.
    conn.busy_timeout(BUSY_TIMEOUT).map_err(cannot)?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(cannot)?;
    // Lookups read a few hundred scattered rows; memory-mapped reads spare a system call
    // and a copy for each page. Imports write postings all over the index's B-tree; a
    // page cache of up to 256 MiB (taken only as pages are used) keeps them in memory:
    // importing 100,000 units took 80 s with SQLite's default 2 MiB, 41–52 s with this.
    conn.query_row("PRAGMA mmap_size = 2147418112", [], |_| Ok(()))
        .map_err(cannot)?;
    conn.execute_batch("PRAGMA cache_size = -262144")
        .map_err(cannot)?;
    prepare(&mut conn, &name)?;
    Ok(conn)
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
pub fn begin(conn: &mut Connection) -> Result<Transaction<'_>, StoreError> {
    Ok(conn.transaction()?)
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
    let tx = conn.transaction()?;
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
}
