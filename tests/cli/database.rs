use std::path::Path;
use std::time::{Duration, Instant};

use dragoman_tests::run;

use crate::scratch;

/// A fresh Dragoman memory at `dir/dragoman.sqlite`, made by the command itself.
fn memory(dir: &Path) -> String {
    let db = dir.join("dragoman.sqlite").display().to_string();
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "add",
        "--glossary",
        "g",
        "--term",
        "en=treaty",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    db
}

/// Hold `db`'s write lock from this process for `held`, the journal mode set to `mode`
/// first (`delete` is what `dragoman tm import` writes with when alone); returns once
/// the lock is held.
fn hold_lock(db: &str, mode: &'static str, held: Duration) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let (locked, is_locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |_| Ok(()))
            .unwrap();
        conn.execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO glossary (name, created_at) VALUES ('held', 0);",
        )
        .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(held);
        conn.execute_batch("COMMIT").unwrap();
    });
    is_locked.recv().unwrap();
    holder
}

#[test]
fn a_second_writer_waits_for_the_lock() {
    let db = memory(&scratch("lock_writer"));
    let holder = hold_lock(&db, "wal", Duration::from_millis(1500));
    let started = Instant::now();
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "add",
        "--glossary",
        "g",
        "--term",
        "en=accord",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "it waited"
    );
    holder.join().unwrap();
}

#[test]
fn a_reader_during_a_bulk_import_waits_for_it() {
    let db = memory(&scratch("lock_reader"));
    let holder = hold_lock(&db, "delete", Duration::from_millis(1500));
    let started = Instant::now();
    let out = run(&["glossary", "--db", &db, "list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "it waited"
    );
    assert!(out.stdout.contains("held"), "{}", out.stdout);
    holder.join().unwrap();
}

#[test]
fn another_programs_database_is_left_unchanged() {
    let dir = scratch("foreign_db");
    let db = dir.join("other.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let name = db.display().to_string();
    for args in [
        vec!["tm", "--db", &name, "stats"],
        vec![
            "glossary",
            "--db",
            &name,
            "add",
            "--glossary",
            "g",
            "--term",
            "en=x",
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("another program"), "{}", out.stderr);
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
}

#[test]
fn a_mistyped_path_for_a_read_is_an_error_and_creates_nothing() {
    let dir = scratch("typo_db");
    let db = dir.join("typo/dragoman.sqlite").display().to_string();
    let source = dir.join("new.txt");
    std::fs::write(&source, "Yes.\n").unwrap();
    let out = dir.join("new.xlf").display().to_string();
    for args in [
        vec![
            "pretranslate",
            source.to_str().unwrap(),
            "--src",
            "en",
            "--tgt",
            "ru",
            "--db",
            &db,
            "--out",
            &out,
        ],
        vec![
            "tm", "--db", &db, "lookup", "--src", "en", "--tgt", "ru", "Yes.",
        ],
        vec!["tm", "--db", &db, "stats"],
        vec!["glossary", "--db", &db, "list"],
    ] {
        let out = run(&args);
        assert_ne!(out.code, Some(0), "{args:?}");
        assert!(out.stderr.contains("no memory at"), "{}", out.stderr);
    }
    assert!(!dir.join("typo").exists(), "no folder made");
    assert!(!dir.join("new.xlf").exists(), "no pretranslation written");
}
