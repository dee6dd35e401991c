//! What the commands share: where the user's database is, and the alignment projects
//! open in the editor.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dragoman_core::Timestamp;
use dragoman_core::editor::{AlignmentProject, ProjectId};
use dragoman_core::limits::{Limit, Limits};
use dragoman_core::store;
use dragoman_core::store::Connection;
use dragoman_core::store::{backup, settings};

use crate::error::AppError;
use crate::team::TeamSync;

/// The app's state, managed by Tauri and handed to commands as `State<Workspace>`.
///
/// It holds a path, not a connection: each command opens the database on the blocking
/// pool, so no lock is held across commands and tests can point it anywhere.
#[derive(Debug, Clone)]
pub struct Workspace {
    database: Option<PathBuf>,
    exports: Option<PathBuf>,
    /// The database's limits once read ([`Self::limits`]).
    limits: Arc<Mutex<Option<Limits>>>,
    /// The team memory's background sync.
    team: TeamSync,
}

impl Workspace {
    /// A workspace over the database at `path`.
    pub fn at(path: PathBuf) -> Self {
        let exports = path.parent().map(|dir| dir.join("exports"));
        Self {
            database: Some(path),
            exports,
            limits: Arc::default(),
            team: TeamSync::default(),
        }
    }

    /// A workspace over the user's database in the platform data directory; without a
    /// data directory every command that needs the database fails with
    /// [`AppError::NoDataDirectory`], while alignment still works.
    pub fn for_user() -> Self {
        let documents = directories::UserDirs::new().and_then(|u| {
            u.document_dir()
                .map(|d| d.to_path_buf())
                .or_else(|| Some(u.home_dir().to_path_buf()))
        });
        Self {
            database: store::default_path().ok(),
            exports: documents.map(|d| d.join("Dragoman")),
            limits: Arc::default(),
            team: TeamSync::default(),
        }
    }

    /// The folder exports are written to: `Documents/Dragoman` for the user (the home
    /// folder when there is no Documents folder), `exports/` beside the database otherwise.
    pub fn exports(&self) -> Result<&Path, AppError> {
        self.exports.as_deref().ok_or(AppError::NoDataDirectory)
    }

    /// Who is working: the name recorded with the units and concepts they make.
    pub fn author(&self) -> Option<String> {
        dragoman_core::author::from_environment()
    }

    /// What a file the app reads may hold (`docs/limits.md`): the defaults with the
    /// settings the database keeps, read once. Without a database yet (or when it
    /// cannot be read, which the command itself will then report) the defaults.
    pub fn limits(&self) -> Limits {
        let mut cached = self.cached_limits();
        if let Some(limits) = *cached {
            return limits;
        }
        let read = self
            .database()
            .ok()
            .filter(|path| path.is_file())
            .and_then(|path| store::open_existing(path).ok())
            .and_then(|conn| settings::limits(&conn).ok());
        *cached = read;
        read.unwrap_or_default()
    }

    /// Set `limit` to `value` (its default with `None`) in the database, for every file
    /// the app reads from now on; returns the limits as they now are.
    pub fn set_limit(&self, limit: Limit, value: Option<u64>) -> Result<Limits, AppError> {
        let mut conn = store::open(self.database()?)?;
        settings::set_limit(&mut conn, limit, value)?;
        let limits = settings::limits(&conn)?;
        *self.cached_limits() = Some(limits);
        Ok(limits)
    }

    fn cached_limits(&self) -> std::sync::MutexGuard<'_, Option<Limits>> {
        // A plain value: a thread that panicked holding the lock left it whole.
        self.limits.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The team memory's background sync of the database.
    pub fn team(&self) -> &TeamSync {
        &self.team
    }

    /// The database file.
    pub fn database(&self) -> Result<&Path, AppError> {
        self.database.as_deref().ok_or(AppError::NoDataDirectory)
    }

    /// Today's copy of the database in `backups/` beside it, unless it is made already
    /// or there is no database yet; copies older than a week are deleted. Returns the
    /// copy made.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>, AppError> {
        let database = self.database()?;
        if !database.is_file() {
            return Ok(None);
        }
        let conn = store::open_existing(database)?;
        let copies = database.with_file_name("backups");
        Ok(backup::daily(&conn, &copies, Timestamp::now())?)
    }

    /// Make the daily copy now and check every hour whether a new day needs one, for as
    /// long as the app runs. A failed copy is reported and tried again an hour later:
    /// it must never stop the translator's work.
    pub fn keep_daily_backups(self) {
        loop {
            if let Err(e) = self.daily_backup() {
                eprintln!("dragoman: daily backup: {e}");
            }
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

/// The alignment projects the editor has open, kept in memory between commands so an
/// edit does not reload thousands of beads; every change is saved by the core before a
/// command returns, so this is a cache of the database, never the only copy.
#[derive(Debug, Clone, Default)]
pub struct OpenProjects(Arc<Mutex<HashMap<u32, AlignmentProject>>>);

impl OpenProjects {
    /// Run `work` on project `id` (loaded from the database on first use) with a
    /// connection to that database. Projects are worked on one at a time, so edits
    /// apply in the order they were sent.
    pub(crate) fn with<T>(
        &self,
        database: &Path,
        id: u32,
        work: impl FnOnce(&mut AlignmentProject, &mut Connection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = store::open(database)?;
        let mut open = self.0.lock().map_err(|_| AppError::Interrupted {
            message: "an earlier edit failed part-way; restart the app".to_string(),
        })?;
        let project = match open.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(AlignmentProject::open(&conn, ProjectId(i64::from(id)))?)
            }
        };
        work(project, &mut conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_copy_is_made_beside_the_database_once_a_day_and_never_makes_one() {
        let dir = std::env::temp_dir().join(format!("dragoman-daily-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let database = dir.join("dragoman.sqlite");
        let workspace = Workspace::at(database.clone());
        assert_eq!(workspace.daily_backup().unwrap(), None);
        assert!(!database.exists(), "no database is made to copy it");

        drop(store::open(&database).unwrap());
        let copy = workspace.daily_backup().unwrap().expect("today's copy");
        assert_eq!(copy.parent(), Some(dir.join("backups").as_path()));
        assert_eq!(
            copy.file_name().unwrap().to_string_lossy(),
            backup::daily_name(Timestamp::now())
        );
        assert!(store::open_existing(&copy).is_ok(), "a Dragoman database");
        assert_eq!(workspace.daily_backup().unwrap(), None, "once a day");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
