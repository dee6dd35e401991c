//! Finding glossary terms in text.

use dragoman_core::LanguageTag;
use dragoman_core::glossary::recognize::{TermHit, TermIndex};
use dragoman_core::glossary::{Concept, TermStatus};
use dragoman_core::store::{self, glossary as stored};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// A term of another language for the same concept.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Translation {
    /// Its language tag.
    pub lang: String,
    /// The term.
    pub text: String,
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TermMatch {
    /// Byte offset of the term's first word in the text.
    pub start: u32,
    /// Byte offset one past its last word.
    pub end: u32,
    /// The concept's id in its glossary.
    pub concept: String,
    /// The glossary term that matched, in dictionary form.
    pub term: String,
    /// The concept's usable terms in the other languages, preferred first.
    pub translations: Vec<Translation>,
}

impl TermMatch {
    fn new(hit: &TermHit, concepts: &[Concept], lang: &LanguageTag) -> Self {
        let concept = &concepts[hit.concept];
        let mut others: Vec<_> = concept
            .terms
            .iter()
            .filter(|t| &t.lang != lang && t.status != TermStatus::Forbidden)
            .collect();
        others.sort_by_key(|t| (t.lang.clone(), t.status as u8));
        Self {
            start: hit.span.start as u32,
            end: hit.span.end as u32,
            concept: concept.id.clone(),
            term: concept.terms[hit.term].plain(),
            translations: others
                .into_iter()
                .map(|t| Translation {
                    lang: t.lang.to_string(),
                    text: t.plain(),
                })
                .collect(),
        }
    }
}

/// The terms of the enabled glossaries found in each of `texts`, written in `lang`, with
/// their translations: one answer per text, in order. One call for a screenful of
/// segments builds the term index once.
#[tauri::command]
#[specta::specta]
pub async fn find_terms(
    workspace: State<'_, Workspace>,
    lang: String,
    texts: Vec<String>,
) -> Result<Vec<Vec<TermMatch>>, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let lang = LanguageTag::parse(&lang)?;
        let loaded = stored::load(&store::open(&database)?, &[])?;
        let concepts: Vec<Concept> = loaded.into_iter().map(|s| s.concept).collect();
        let index = TermIndex::build(&concepts, &lang);
        Ok(texts
            .iter()
            .map(|text| {
                let hits = index.find(text);
                hits.iter()
                    .map(|h| TermMatch::new(h, &concepts, &lang))
                    .collect()
            })
            .collect())
    })
    .await
}
