//! Concordance over the memory, for the Translate view's search box: every stored segment
//! containing a word or phrase, in any language, newest first.

use dragoman_core::tm::Memory;
use dragoman_core::tm::concordance::ConcordanceHit;
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// A run of a hit's text: an occurrence of the phrase or the text between two.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TextPiece {
    /// The text, as stored.
    pub text: String,
    /// Whether it is an occurrence of the phrase.
    pub hit: bool,
}

/// A segment containing the phrase, cut into pieces so the UI highlights occurrences
/// without converting byte offsets to its own string indices.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ConcordanceView {
    /// The unit it belongs to.
    pub unit: u32,
    /// The segment's language.
    pub lang: String,
    /// The segment, cut at each occurrence.
    pub pieces: Vec<TextPiece>,
    /// The unit's other variants, `[language, text]`.
    pub translations: Vec<(String, String)>,
    /// When the unit last changed, as `YYYY-MM-DD`.
    pub changed: String,
}

impl From<ConcordanceHit> for ConcordanceView {
    fn from(hit: ConcordanceHit) -> Self {
        let mut pieces = Vec::new();
        let mut at = 0;
        for &(start, end) in &hit.highlights {
            if start > at {
                pieces.push(TextPiece {
                    text: hit.text[at..start].to_owned(),
                    hit: false,
                });
            }
            pieces.push(TextPiece {
                text: hit.text[start..end].to_owned(),
                hit: true,
            });
            at = end;
        }
        if at < hit.text.len() {
            pieces.push(TextPiece {
                text: hit.text[at..].to_owned(),
                hit: false,
            });
        }
        Self {
            unit: hit.unit.0 as u32,
            lang: hit.lang.to_string(),
            pieces,
            translations: hit
                .translations
                .into_iter()
                .map(|(lang, text)| (lang.to_string(), text))
                .collect(),
            changed: hit.changed_at.date(),
        }
    }
}

/// The memory's segments containing `phrase` (any inflected form with `inflected`), at most
/// `limit`, most recently changed first.
#[tauri::command]
#[specta::specta]
pub async fn search_concordance(
    workspace: State<'_, Workspace>,
    phrase: String,
    inflected: bool,
    limit: u32,
) -> Result<Vec<ConcordanceView>, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let hits = Memory::open(&database)?.concordance(&phrase, inflected, limit as usize)?;
        Ok(hits.into_iter().map(ConcordanceView::from).collect())
    })
    .await
}
