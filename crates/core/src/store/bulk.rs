//! Long bulk writes (a TMX import of a million units) with a rollback journal instead of
//! the write-ahead log, when nothing else has the database open.
//!
//! In WAL mode every page such a transaction writes goes to the log first and is copied
//! into the database by the checkpoint at its end, and once the transaction outgrows the
//! page cache each read of a page it wrote searches the log's index, which grows with
//! it: for a million units those searches, building the indexes over the log and the
//! checkpoint were about a third of the import. With a rollback journal, pages new to
//! the file are written once, straight into it, and need no journal entry; pages that
//! existed are journalled first, so a kill still leaves the database as it was (the next
//! open rolls the hot journal back).
//!
//! The journal mode can change only while no other connection has the database open;
//! otherwise the write runs in WAL mode as any other. Until it ends, other processes
//! cannot open the database (they wait for the busy timeout and fail), which is why only
//! the CLI's imports, not the app's, ask for it. So that they can say why, the write is
//! described meanwhile in a note beside the database (`FILE-busy`, [`holder`]): the
//! database itself cannot be read while it is locked.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use super::StoreError;

/// Run `write` on `conn` with a rollback journal if no other connection has the
/// database open, and in WAL mode otherwise; WAL mode is restored after it, whether it
/// succeeded or not. `file` names what is written, for others who find the database
/// locked meanwhile.
pub fn with_rollback_journal<T, E: From<StoreError>>(
    conn: &mut Connection,
    file: &str,
    write: impl FnOnce(&mut Connection) -> Result<T, E>,
) -> Result<T, E> {
    if !switch(conn, "delete").map_err(E::from)? {
        return write(conn);
    }
    let _note = conn.path().map(|db| Note::write(Path::new(db), file));
    let mapped: i64 = conn
        .query_row("PRAGMA mmap_size", [], |r| r.get(0))
        .map_err(|e| E::from(e.into()))?;
    // The journal is synced before the database is written over. Pages are read
    // without memory-mapping meanwhile: a mapped file of 2 GB counts as the process's
    // memory, and reading the pages the write itself spilled gains nothing from it.
    let result = conn
        .execute_batch("PRAGMA synchronous = FULL; PRAGMA mmap_size = 0")
        .map_err(|e| E::from(e.into()))
        .and_then(|()| write(conn));
    let restored = switch(conn, "wal").and_then(|back| {
        conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL; PRAGMA mmap_size = {mapped}"
        ))?;
        if back {
            Ok(())
        } else {
            Err(StoreError::Damaged(
                "could not return the database to WAL mode".into(),
            ))
        }
    });
    let value = result?;
    restored.map_err(E::from)?;
    Ok(value)
}

/// A bulk write in progress, as its note describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkWrite {
    /// The file being imported.
    pub file: String,
    /// When it began, `HH:MM` UTC.
    pub since: String,
}

/// The bulk write holding the database at `db` locked, if one is running.
pub fn holder(db: &Path) -> Option<BulkWrite> {
    let note = std::fs::read_to_string(note_path(db)).ok()?;
    let (file, since) = note.trim_end().rsplit_once('\n')?;
    Some(BulkWrite {
        file: file.to_string(),
        since: since.to_string(),
    })
}

fn note_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-busy");
    PathBuf::from(name)
}

/// The note of a running bulk write, removed when it ends (a kill leaves it behind; it
/// then names a write that is over, which the next bulk write replaces).
struct Note(PathBuf);

impl Note {
    /// Best effort: a note that cannot be written costs only the better message.
    fn write(db: &Path, file: &str) -> Self {
        let path = note_path(db);
        let secs = crate::Timestamp::now().0.rem_euclid(86_400);
        let since = format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60);
        let _ = std::fs::write(&path, format!("{file}\n{since}\n"));
        Self(path)
    }
}

impl Drop for Note {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Set the journal mode to `mode`; whether it took.
fn switch(conn: &Connection, mode: &str) -> Result<bool, StoreError> {
    // Leaving WAL mode must not wait: a lock held means another connection, and the
    // write then stays in WAL mode. Returning to it waits, as a reader opening meanwhile
    // holds its lock for a moment and must not make the import fail at its end.
    if mode != "wal" {
        conn.busy_timeout(Duration::ZERO)?;
    }
    let set = conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| {
        r.get::<_, String>(0)
    });
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    match set {
        Ok(now) => Ok(now.eq_ignore_ascii_case(mode)),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LanguageTag;
    use crate::Timestamp;
    use crate::store::units::{TranslationUnit, UnitMetadata, Variant};

    fn mode(conn: &Connection) -> String {
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    }

    fn fresh(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("dragoman-bulk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("memory.sqlite")
    }

    fn store_one(conn: &mut Connection) -> Result<(), StoreError> {
        let unit = TranslationUnit {
            variants: vec![
                Variant::new(LanguageTag::parse("ru").unwrap(), "Да."),
                Variant::new(LanguageTag::parse("en").unwrap(), "Yes."),
            ],
            meta: UnitMetadata::new("import:a.tmx", Timestamp(1)),
        };
        let tx = conn.transaction()?;
        crate::store::units::insert(&tx, &unit)?;
        tx.commit()?;
        Ok(())
    }

    #[test]
    fn a_lone_connection_writes_with_a_journal_and_returns_to_wal() {
        let path = fresh("lone");
        let mut conn = crate::store::open(&path).unwrap();
        let inside = with_rollback_journal(&mut conn, "a.tmx", |conn| {
            store_one(conn)?;
            Ok::<_, StoreError>(mode(conn))
        })
        .unwrap();
        assert_eq!(inside, "delete");
        assert_eq!(mode(&conn), "wal");
        let failed = with_rollback_journal(&mut conn, "a.tmx", |_| {
            Err::<(), _>(StoreError::Damaged("stop".into()))
        });
        assert!(failed.is_err());
        assert_eq!(mode(&conn), "wal", "restored after a failed write too");
        let mapped: i64 = conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .unwrap();
        assert!(mapped > 0, "memory-mapped reads again");
        drop(conn);
        let reopened = crate::store::open(&path).unwrap();
        assert_eq!(crate::store::units::stats(&reopened).unwrap().units, 1);
        assert_eq!(
            crate::store::verify(&reopened).unwrap(),
            Vec::<String>::new()
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn with_another_connection_open_the_write_stays_in_wal_mode() {
        let path = fresh("shared");
        let mut conn = crate::store::open(&path).unwrap();
        let other = crate::store::open(&path).unwrap();
        let inside = with_rollback_journal(&mut conn, "a.tmx", |conn| {
            store_one(conn)?;
            Ok::<_, StoreError>(mode(conn))
        })
        .unwrap();
        assert_eq!(inside, "wal");
        assert_eq!(crate::store::units::stats(&other).unwrap().units, 1);
        drop((conn, other));
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
