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

/// A small tmpfs at `dir`, unmounted when dropped; `None` where the test may not mount
/// (not root, or no mount permission in a container).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<Self> {
        std::fs::create_dir_all(dir).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Self(dir.to_path_buf()))
    }

    fn make_read_only(&self) {
        let status = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk and a read-only one, made real with a small tmpfs: the messages say so,
/// instead of "disk I/O error 4874" or "unable to open database file", and a full disk
/// keeps the memory as it was. The disk holds the small memory whole (its WAL folded
/// in on closing, as the schema has grown) but not the big import.
#[test]
fn a_full_disk_and_a_read_only_folder_are_named() {
    let dir = scratch("small_disk");
    let Some(disk) = SmallDisk::mount(&dir.join("disk"), "1200k") else {
        eprintln!("skipped: this user cannot mount a tmpfs (the test needs root)");
        return;
    };
    let db = dir.join("disk/dragoman.sqlite").display().to_string();
    let small = dir.join("small.tsv");
    std::fs::write(&small, "en\tru\nYes.\tДа.\n").unwrap();
    let out = run(&["tm", "--db", &db, "import", small.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let big = dir.join("big.tsv");
    let rows: String = (0..8000)
        .map(|i| format!("Sentence {i} of a long memory.\tПредложение {i} большой памяти.\n"))
        .collect();
    std::fs::write(&big, format!("en\tru\n{rows}")).unwrap();
    let out = run(&["tm", "--db", &db, "import", big.to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("the disk holding the memory is full"),
        "{}",
        out.stderr
    );
    let stats = run(&["tm", "--db", &db, "--json", "stats"]);
    assert!(stats.stdout.contains("\"units\":1"), "{}", stats.stdout);
    disk.make_read_only();
    for args in [
        vec!["tm", "--db", &db, "stats"],
        vec!["tm", "--db", &db, "import", small.to_str().unwrap()],
    ] {
        let out = run(&args);
        assert_eq!(out.code, Some(2), "{args:?}");
        assert!(
            out.stderr.contains("the memory is read-only"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

/// `backup` while the memory is in use, more work, then `restore`: the memory is as it
/// was at the copy, and what it replaced is kept beside it.
#[test]
fn a_backup_restores_the_memory_as_it_was() {
    let dir = scratch("backup_restore");
    let db = memory(&dir);
    let first = dir.join("first.tsv");
    std::fs::write(
        &first,
        "en\tru\nYes.\tДа.\nThe forum opened.\tФорум открылся.\n",
    )
    .unwrap();
    assert_eq!(
        run(&["tm", "--db", &db, "import", first.to_str().unwrap()]).code,
        Some(0)
    );
    let stats = || run(&["tm", "--db", &db, "--json", "stats"]).stdout;
    let export = |name: &str| {
        let file = dir.join(name).display().to_string();
        let out = run(&["tm", "--db", &db, "export", "--langs", "en,ru", &file]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        // The header says when the file was written, which differs between two exports.
        let tmx = std::fs::read_to_string(file).unwrap();
        let at = tmx.find(" creationdate=").expect("a header date");
        format!(
            "{}{}",
            &tmx[..at],
            &tmx[at + " creationdate=\"20261207T000000Z\"".len()..]
        )
    };
    let before = (stats(), export("before.tmx"));
    let copy = dir.join("copy.sqlite").display().to_string();
    let out = run(&["backup", "--db", &db, &copy, "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let more = dir.join("more.tsv");
    std::fs::write(&more, "en\tru\nA later unit.\tПозже.\n").unwrap();
    assert_eq!(
        run(&["tm", "--db", &db, "import", more.to_str().unwrap()]).code,
        Some(0)
    );
    assert_ne!(stats(), before.0);

    let out = run(&["restore", "--db", &db, &copy, "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let done: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!((stats(), export("after.tmx")), before);
    let previous = done["previous"].as_str().unwrap();
    assert!(previous.contains(".before-restore-"), "{previous}");
    let kept = run(&["tm", "--db", previous, "--json", "stats"]);
    assert_ne!(
        kept.stdout, before.0,
        "the replaced memory, with the later unit"
    );

    let noise = dir.join("noise.sqlite");
    std::fs::write(&noise, "no database here\n".repeat(100)).unwrap();
    let out = run(&["restore", "--db", &db, noise.to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("noise.sqlite"), "{}", out.stderr);
    assert_eq!(stats(), before.0, "a refused copy changes nothing");
}
