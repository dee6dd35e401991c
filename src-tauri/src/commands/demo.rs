//! Opening the demo project.

use serde::Serialize;
use tauri::State;

use super::alignment::LanguageText;
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
    /// The texts to align, one per language, in column order.
    pub texts: Vec<LanguageText>,
    /// Glossaries imported into the database by this call (empty after the first start).
    pub imported_glossaries: Vec<String>,
}

/// Create the user's database on first start, with the starter glossaries, and return
/// the bundled sample project.
#[tauri::command]
#[specta::specta]
pub async fn open_demo(workspace: State<'_, Workspace>) -> Result<DemoProject, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let imported_glossaries = demo::prepare_database(&database)?;
        Ok(DemoProject {
            title: demo::TITLE.to_string(),
            database: database.display().to_string(),
            texts: demo::SAMPLE
                .map(|(lang, text)| LanguageText::new(lang, text))
                .to_vec(),
            imported_glossaries,
        })
    })
    .await
}
