//! Opening the demo project.

use serde::Serialize;
use tauri::State;

use crate::demo;
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// The project a first start opens.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoProject {
    /// The project's title.
    pub title: String,
    /// The database file, so the user can find it.
    pub database: String,
    /// The demo alignment project, to open with `open_alignment`.
    pub alignment: u32,
    /// Glossaries imported into the database by this call (empty after the first start).
    pub imported_glossaries: Vec<String>,
}

/// Create the user's database on first start, with the starter glossaries, a few
/// approved units and the aligned sample; later starts find them there.
#[tauri::command]
#[specta::specta]
pub async fn open_demo(workspace: State<'_, Workspace>) -> Result<DemoProject, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let prepared = demo::prepare_database(&database)?;
        Ok(DemoProject {
            title: demo::TITLE.to_string(),
            database: database.display().to_string(),
            alignment: prepared.project,
            imported_glossaries: prepared.glossaries,
        })
    })
    .await
}
