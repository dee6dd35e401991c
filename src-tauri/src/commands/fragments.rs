//! The Translate view's fragment matches: runs of the current segment the memory holds,
//! with their translations, and learning the word alignment they are read from.

use dragoman_core::LanguageTag;
use dragoman_core::tm::fragments::Fragment;
use serde::Serialize;
use tauri::State;

use super::translate::on_job;
use crate::error::AppError;
use crate::workspace::Workspace;

/// A run of the current segment that stored segments hold, with its translation.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FragmentView {
    /// The run as the segment writes it.
    pub source: String,
    /// Its translation, a span of a stored target: what inserting it puts in.
    pub target: String,
    /// Byte offset of the run in the segment's source (inline codes as markers).
    pub start: u32,
    /// Byte offset just past the run.
    pub end: u32,
    /// How many units hold the run with this translation.
    pub units: u32,
    /// The newest of them.
    pub unit: u32,
}

impl From<Fragment> for FragmentView {
    fn from(f: Fragment) -> Self {
        Self {
            source: f.source,
            target: f.target,
            start: f.start as u32,
            end: f.end as u32,
            units: f.units as u32,
            unit: f.unit.0 as u32,
        }
    }
}

/// The fragments of job `id`'s segment `segment` with translations into `lang`, best
/// first (one per Ctrl+Shift+digit); none until the word alignment is learned.
#[tauri::command]
#[specta::specta]
pub async fn lookup_fragments(
    workspace: State<'_, Workspace>,
    id: u32,
    segment: u32,
    lang: String,
) -> Result<Vec<FragmentView>, AppError> {
    on_job(&workspace, id, move |job, conn| {
        let lang = LanguageTag::parse(&lang)?;
        let found = job.fragments(conn, segment as usize, &lang)?;
        Ok(found.into_iter().map(FragmentView::from).collect())
    })
    .await
}

/// Learn, or bring up to date, the memory's word alignment for job `id`'s languages;
/// returns how many units were aligned. The view asks when it opens a job.
#[tauri::command]
#[specta::specta]
pub async fn learn_word_alignment(
    workspace: State<'_, Workspace>,
    id: u32,
) -> Result<u32, AppError> {
    on_job(&workspace, id, |job, conn| {
        Ok(job.learn_word_alignment(conn)? as u32)
    })
    .await
}
