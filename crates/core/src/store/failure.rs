//! What a failed SQLite call means for the person who made it: the store's error type,
//! and the classification of SQLite's codes into the situations a message can name
//! (busy, full disk, read-only file or folder) instead of "disk I/O error 4874".

use std::fs::OpenOptions;
use std::path::Path;

use rusqlite::{ErrorCode, ffi};
use thiserror::Error;

use super::{bulk, units};

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
        /// [`SCHEMA_VERSION`](super::SCHEMA_VERSION).
        supported: u32,
    },
    /// The file exists but is not a database (or is damaged), or cannot be created.
    #[error("{path}: cannot open the memory: {}", sqlite_reason(cause))]
    CannotOpen {
        /// The database file.
        path: String,
        /// What SQLite said (not a `source`: the message already says it).
        cause: rusqlite::Error,
    },
    /// The folder for a new memory could not be made.
    #[error("{path}: cannot make the memory's folder: {reason}")]
    NoFolder {
        /// The database file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// The memory's file or folder cannot be written (a read-only folder, file or disk):
    /// Dragoman writes even to read (its log and index beside the file).
    #[error(
        "{}the memory is read-only: its file or folder cannot be written (copy it to a \
         folder you can write to, or check its permissions)",
        path.as_ref().map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    ReadOnly {
        /// The database file, when known.
        path: Option<String>,
    },
    /// The disk holding the memory is full; what was being written was not kept.
    #[error(
        "{}the disk holding the memory is full: nothing of this change was kept; free some \
         space and try again",
        path.as_ref().map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    DiskFull {
        /// The database file, when known.
        path: Option<String>,
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
    /// A segment holds a character no memory can hold (XML 1.0 cannot carry it, so no
    /// TMX or XLIFF export could): refused, nothing of the write is kept.
    #[error(
        "the {} {} has U+{:04X} at character {}, a control character a memory cannot \
         hold; remove it",
        .0.lang,
        .0.field,
        .0.code,
        .0.position
    )]
    Unstorable(units::Unstorable),
    /// No platform data directory could be determined (no home directory).
    #[error("no data directory for this user; pass --db PATH")]
    NoDataDirectory,
    /// A stored value is not what Dragoman wrote (a hand-edited or damaged file).
    #[error("damaged memory: {0}")]
    Damaged(String),
    /// A query or write failed for another reason (a damaged file, a failing disk).
    /// Not a `source`: the message already says what SQLite said.
    #[error("database: {}", sqlite_reason(.0))]
    Database(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if is_full(&e) {
            return Self::DiskFull { path: None };
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => Self::ReadOnly { path: None },
            _ => Self::Database(e),
        }
    }
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
        // SQLite's own words, once: rusqlite's display adds "Error code N: " before the
        // same words again.
        rusqlite::Error::SqliteFailure(code, message) => {
            message.clone().unwrap_or_else(|| code.to_string())
        }
        other => other.to_string(),
    }
}

pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// A full disk: SQLite's own code, or its shared-memory index failing to grow (what a
/// reader of a WAL database meets on a full disk).
fn is_full(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(code, _) => {
            code.code == ErrorCode::DiskFull || code.extended_code == ffi::SQLITE_IOERR_SHMSIZE
        }
        _ => false,
    }
}

/// `e`, met while opening `path`, as the store reports it: a lock held past the timeout
/// is [`StoreError::Busy`] naming what holds it, a full disk or a file or folder that
/// cannot be written says so, anything else is [`StoreError::CannotOpen`].
pub(super) fn opening_failed(e: rusqlite::Error, path: &Path) -> StoreError {
    let path_name = path.display().to_string();
    if is_busy(&e) {
        return StoreError::Busy {
            path: path_name,
            by: bulk::holder(path),
        };
    }
    if is_full(&e) {
        return StoreError::DiskFull {
            path: Some(path_name),
        };
    }
    let may_be_read_only = matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    );
    if may_be_read_only && !writable(path) {
        return StoreError::ReadOnly {
            path: Some(path_name),
        };
    }
    StoreError::CannotOpen {
        path: path_name,
        cause: e,
    }
}

/// Whether the database file (when it exists) and its folder can be written: SQLite
/// says only "unable to open database file" for either. Asked only after opening failed.
fn writable(path: &Path) -> bool {
    let file_ok = !path.exists() || OpenOptions::new().append(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".dragoman-write-check-{}", std::process::id()));
    let dir_ok = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if dir_ok {
        let _ = std::fs::remove_file(&probe);
    }
    file_ok && dir_ok
}
