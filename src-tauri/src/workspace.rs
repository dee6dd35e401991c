//! What the commands share: where the user's database is.

use std::path::{Path, PathBuf};

use dragoman_core::store;

use crate::error::AppError;

/// The app's state, managed by Tauri and handed to commands as `State<Workspace>`.
///
/// It holds a path, not a connection: each command opens the database on the blocking
/// pool, so no lock is held across commands and tests can point it anywhere.
#[derive(Debug, Clone)]
pub struct Workspace {
    database: Option<PathBuf>,
}

impl Workspace {
    /// A workspace over the database at `path`.
    pub fn at(path: PathBuf) -> Self {
        Self {
            database: Some(path),
        }
    }

    /// A workspace over the user's database in the platform data directory; without a
    /// data directory every command that needs the database fails with
    /// [`AppError::NoDataDirectory`], while alignment still works.
    pub fn for_user() -> Self {
        Self {
            database: store::default_path().ok(),
        }
    }

    /// The database file.
    pub fn database(&self) -> Result<&Path, AppError> {
        self.database.as_deref().ok_or(AppError::NoDataDirectory)
    }
}
