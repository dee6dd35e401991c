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

#[test]
fn a_writer_waiting_past_the_timeout_is_told_the_database_is_busy() {
    let path = scratch("writerbusy");
    let mut second = open(&path).unwrap();
    let first = hold_write_lock(&path, BUSY_TIMEOUT + std::time::Duration::from_secs(1));
    let err = begin(&mut second).unwrap_err();
    assert!(
        matches!(&err, StoreError::Busy { path: p, by: None } if p == &path.display().to_string()),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("another Dragoman is writing"),
        "{err}"
    );
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

/// A unit of `n` words, different for each `i`, to fill pages with.
fn wordy_unit(i: usize, n: usize) -> units::TranslationUnit {
    let lang = |t: &str| crate::lang::LanguageTag::parse(t).unwrap();
    let text: String = (0..n).map(|k| format!("word{i}x{k} ")).collect();
    units::TranslationUnit {
        variants: vec![
            units::Variant::new(lang("en"), format!("{text}.")),
            units::Variant::new(lang("ru"), format!("{text}!")),
        ],
        meta: units::UnitMetadata::new(units::origin::ALIGNMENT, crate::Timestamp(0)),
    }
}

#[test]
fn a_full_disk_is_named_and_the_write_is_not_kept() {
    let path = scratch("diskfull");
    let mut conn = open(&path).unwrap();
    // SQLite answers SQLITE_FULL when the file would pass this many pages, as it does
    // when the disk has no room left.
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    conn.query_row(
        &format!("PRAGMA max_page_count = {}", pages + 20),
        [],
        |_| Ok(()),
    )
    .unwrap();
    let mut writer = units::Writer::begin(&mut conn).unwrap();
    let err = (0..10_000)
        .map(|i| writer.insert(&wordy_unit(i, 40)).map(|_| ()))
        .find_map(Result::err)
        .expect("the writes outgrow the limit");
    drop(writer);
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    assert!(
        err.to_string().contains("disk holding the memory is full"),
        "{err}"
    );
    assert_eq!(units::stats(&conn).unwrap().units, 0, "nothing of it kept");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn writing_through_a_read_only_connection_is_named() {
    let path = scratch("readonly");
    drop(open(&path).unwrap());
    let mut conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let err = units::Writer::begin(&mut conn)
        .and_then(|mut w| w.insert(&wordy_unit(0, 3)).map(|_| ()))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("the memory is read-only"),
        "{err}"
    );
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn sqlite_says_its_reason_once() {
    let e = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some("database disk image is malformed".into()),
    );
    assert_eq!(sqlite_reason(&e), "database disk image is malformed");
    let err = StoreError::from(e);
    assert_eq!(
        err.to_string(),
        "database: database disk image is malformed"
    );
    assert!(
        std::error::Error::source(&err).is_none(),
        "said once, not again as a cause"
    );
}
