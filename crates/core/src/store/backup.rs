//! Copies of the database, and putting one back.
//!
//! A copy is made with SQLite's online backup API, page by page from a consistent
//! snapshot, while the memory stays open: `dragoman backup FILE`, and a daily copy the
//! app makes on start, kept for a week ([`daily`]). A copy is written beside its final
//! name and renamed once SQLite's quick check passes, so a crash or a full disk never
//! leaves a half copy under that name. Restoring checks the copy first (it must be a
//! Dragoman memory this build can read and pass the integrity check), keeps the memory
//! being replaced as a copy of its own, then copies the pages into the open database,
//! which other connections see as one change.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::{SCHEMA_VERSION, StoreError, is_foreign, migrate, schema_version};
use crate::Timestamp;

/// Pages copied per step: about 4 MB, between which writers may take the lock.
const PAGES_PER_STEP: i32 = 1024;

/// How many daily copies [`daily`] keeps.
pub const DAILY_KEPT: i64 = 7;

/// Copy the database `conn` has open to `dest`, replacing a file there.
pub fn backup(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let name = dest.display().to_string();
    if conn.path().is_some_and(|p| Path::new(p) == dest) {
        return Err(StoreError::Damaged(format!(
            "{name}: a backup cannot be written over the memory itself"
        )));
    }
    let part = with_suffix(dest, ".part");
    let _ = std::fs::remove_file(&part);
    let copied = copy_pages(conn, &part).and_then(|()| {
        std::fs::rename(&part, dest).map_err(|e| StoreError::NoFolder {
            path: name.clone(),
            reason: e.to_string(),
        })
    });
    if copied.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    copied
}

fn copy_pages(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut copy = Connection::open(to)?;
    Backup::new(conn, &mut copy)?.run_to_completion(
        PAGES_PER_STEP,
        Duration::from_millis(5),
        None,
    )?;
    // The copy is read back once: what was written is what SQLite can read.
    check(&copy, "quick_check", to)?;
    copy.execute_batch("PRAGMA journal_mode = DELETE")?;
    Ok(())
}

/// `PRAGMA integrity_check` or `quick_check` of `conn`, as an error naming `file`.
fn check(conn: &Connection, pragma: &str, file: &Path) -> Result<(), StoreError> {
    let answer: String = conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?;
    if answer == "ok" {
        return Ok(());
    }
    Err(StoreError::Damaged(format!(
        "{}: the copy fails SQLite's integrity check ({answer})",
        file.display()
    )))
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the memory as it was before the restore was kept.
    pub previous: PathBuf,
}

/// Replace the database `conn` has open with the copy at `from`, after checking it; the
/// memory as it was is first copied to `<database>.before-restore-<date>`.
pub fn restore(conn: &mut Connection, from: &Path) -> Result<Restored, StoreError> {
    let name = from.display().to_string();
    if !from.is_file() {
        return Err(StoreError::NoMemory { path: name });
    }
    let source =
        Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|cause| {
            StoreError::CannotOpen {
                path: name.clone(),
                cause,
            }
        })?;
    // Whatever SQLite cannot read in the copy is said of the copy, by its name.
    let of_copy = |e: StoreError| match e {
        StoreError::Database(cause) => StoreError::CannotOpen {
            path: name.clone(),
            cause,
        },
        other => other,
    };
    let version = schema_version(&source).map_err(of_copy)?;
    if is_foreign(&source).map_err(|e| of_copy(e.into()))? || version == 0 {
        return Err(StoreError::NotDragoman { path: name });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: name,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    check(&source, "integrity_check", from).map_err(of_copy)?;
    let live = conn.path().map(PathBuf::from).unwrap_or_default();
    let previous = with_suffix(
        &live,
        &format!(".before-restore-{}", Timestamp::now().to_tmx()),
    );
    backup(conn, &previous)?;
    Backup::new(&source, conn)?.run_to_completion(
        PAGES_PER_STEP,
        Duration::from_millis(5),
        None,
    )?;
    // A copy from an older Dragoman is brought up to this build's schema.
    migrate(conn, &live.display().to_string())?;
    Ok(Restored { previous })
}

/// The daily copy of the database `conn` has open, in `dir`: made unless `today`'s
/// exists, then copies older than [`DAILY_KEPT`] days are deleted. Returns the new
/// copy's path, if one was made.
pub fn daily(
    conn: &Connection,
    dir: &Path,
    today: Timestamp,
) -> Result<Option<PathBuf>, StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::NoFolder {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let file = dir.join(daily_name(today));
    let made = if file.exists() {
        None
    } else {
        backup(conn, &file)?;
        Some(file)
    };
    let oldest_kept = Timestamp(today.0 - (DAILY_KEPT - 1) * 86_400).date();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let day = name
            .strip_prefix("dragoman-")
            .and_then(|n| n.strip_suffix(".sqlite"))
            .filter(|d| Timestamp::parse_date(d).is_some());
        if day.is_some_and(|d| d < oldest_kept.as_str()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(made)
}

/// The name of the daily copy of `day`: `dragoman-YYYY-MM-DD.sqlite`.
pub fn daily_name(day: Timestamp) -> String {
    format!("dragoman-{}.sqlite", day.date())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LanguageTag;
    use crate::store::units::{self, TranslationUnit, UnitMetadata, Variant, Writer};
    use crate::store::{dump_memory, open};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dragoman-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn add(conn: &mut Connection, texts: &[&str]) {
        let lang = |t: &str| LanguageTag::parse(t).unwrap();
        let mut w = Writer::begin(conn).unwrap();
        for text in texts {
            w.insert(&TranslationUnit {
                variants: vec![
                    Variant::new(lang("en"), *text),
                    Variant::new(lang("ru"), format!("{text} (ru)")),
                ],
                meta: UnitMetadata::new(units::origin::ALIGNMENT, Timestamp(1)),
            })
            .unwrap();
        }
        w.commit().unwrap();
    }

    #[test]
    fn a_restored_copy_is_the_memory_as_it_was_and_the_replaced_one_is_kept() {
        let dir = scratch("backup_restore");
        let mut conn = open(&dir.join("dragoman.sqlite")).unwrap();
        add(
            &mut conn,
            &["The talks were held in Baku.", "The forum opened."],
        );
        let at_backup = dump_memory(&conn).unwrap();
        let copy = dir.join("copy.sqlite");
        backup(&conn, &copy).unwrap();
        assert!(!with_suffix(&copy, ".part").exists(), "no part file left");
        add(&mut conn, &["A third unit, written after the copy."]);
        let changed = dump_memory(&conn).unwrap();
        assert_ne!(changed, at_backup);

        let restored = restore(&mut conn, &copy).unwrap();
        assert_eq!(dump_memory(&conn).unwrap(), at_backup, "the copy is back");
        assert_eq!(super::super::verify(&conn).unwrap(), Vec::<String>::new());
        let kept = Connection::open(&restored.previous).unwrap();
        assert_eq!(
            dump_memory(&kept).unwrap(),
            changed,
            "what it replaced is kept"
        );
        // Another connection sees the restored memory too.
        let other = open(&dir.join("dragoman.sqlite")).unwrap();
        assert_eq!(dump_memory(&other).unwrap(), at_backup);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_copy_that_is_not_a_sound_dragoman_memory_is_refused_and_nothing_changes() {
        let dir = scratch("restore_refused");
        let mut conn = open(&dir.join("dragoman.sqlite")).unwrap();
        add(&mut conn, &["Kept."]);
        let before = dump_memory(&conn).unwrap();
        let good = dir.join("good.sqlite");
        backup(&conn, &good).unwrap();
        let bytes = std::fs::read(&good).unwrap();

        let noise = dir.join("noise.sqlite");
        std::fs::write(
            &noise,
            b"not a database at all, just some words".repeat(200),
        )
        .unwrap();
        let truncated = dir.join("truncated.sqlite");
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let foreign = dir.join("foreign.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE contacts (name TEXT)")
            .unwrap();
        let missing = dir.join("missing.sqlite");
        for (copy, what) in [
            (&noise, "noise"),
            (&truncated, "truncated"),
            (&foreign, "foreign"),
            (&missing, "missing"),
        ] {
            let err = restore(&mut conn, copy).unwrap_err();
            match what {
                "foreign" => assert!(matches!(err, StoreError::NotDragoman { .. }), "{err:?}"),
                "missing" => assert!(matches!(err, StoreError::NoMemory { .. }), "{err:?}"),
                _ => assert!(
                    matches!(err, StoreError::CannotOpen { .. } | StoreError::Damaged(_)),
                    "{what}: {err:?}"
                ),
            }
            assert_eq!(dump_memory(&conn).unwrap(), before, "{what}: unchanged");
        }
        let no_previous = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains("before-restore"));
        assert!(
            no_previous,
            "a refused restore keeps no copy of the live memory"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn daily_copies_are_made_once_a_day_and_kept_for_a_week() {
        let dir = scratch("daily");
        let mut conn = open(&dir.join("dragoman.sqlite")).unwrap();
        add(&mut conn, &["Daily."]);
        let copies = dir.join("backups");
        std::fs::create_dir_all(&copies).unwrap();
        for day in ["2026-11-20", "2026-11-30", "2026-12-01", "2026-12-06"] {
            std::fs::write(copies.join(format!("dragoman-{day}.sqlite")), b"old").unwrap();
        }
        std::fs::write(copies.join("notes.txt"), b"not a copy").unwrap();
        let today = Timestamp::parse_date("2026-12-07").unwrap();
        let made = daily(&conn, &copies, today).unwrap();
        assert_eq!(made, Some(copies.join("dragoman-2026-12-07.sqlite")));
        assert_eq!(daily(&conn, &copies, today).unwrap(), None, "once a day");
        let mut names: Vec<String> = std::fs::read_dir(&copies)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "dragoman-2026-12-01.sqlite",
                "dragoman-2026-12-06.sqlite",
                "dragoman-2026-12-07.sqlite",
                "notes.txt"
            ]
        );
        let copy = Connection::open(copies.join("dragoman-2026-12-07.sqlite")).unwrap();
        assert_eq!(dump_memory(&copy).unwrap(), dump_memory(&conn).unwrap());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
