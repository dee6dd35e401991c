//! Finding glossary terms in text, and proposing new ones from an alignment.

use dragoman_core::LanguageTag;
use dragoman_core::editor::AlignmentProject;
use dragoman_core::glossary::memory_terms::new_terms;
use dragoman_core::glossary::recognize::{TermHit, TermIndex};
use dragoman_core::glossary::{
    Concept, Glossaries, GlossariesError, GlossaryTarget, Term, TermStatus,
};
use dragoman_core::stem::lemma::dictionary_form;
use dragoman_core::store::Connection;
use dragoman_core::words::snap;

use serde::{Deserialize, Serialize};
use tauri::State;

use super::editor::on_project;
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::{OpenProjects, Workspace};

/// A term of another language for the same concept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Translation {
    /// Its language tag.
    pub lang: String,
    /// The term.
    pub text: String,
}

/// Words of a text standing inside a term found in it, between two of the term's words.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct InsertedWords {
    /// Byte offset of the first of them in the text.
    pub start: u32,
    /// Byte offset one past the last.
    pub end: u32,
    /// The words as the text writes them, for lists that show the term without its text.
    pub text: String,
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TermMatch {
    /// Byte offset of the term's first word in the text.
    pub start: u32,
    /// Byte offset one past its last word.
    pub end: u32,
    /// Words of the text standing inside the term, one entry for each place between
    /// its words that has some ("российско-азербайджанском" in "межрегиональном
    /// российско-азербайджанском форуме"): the term is split. Empty when its words are
    /// together.
    pub inserted: Vec<InsertedWords>,
    /// The concept's id in its glossary.
    pub concept: String,
    /// The glossary term that matched, in dictionary form.
    pub term: String,
    /// The concept's usable terms in the other languages, preferred first.
    pub translations: Vec<Translation>,
    /// The concept's forbidden terms in the other languages, for the UI to flag: a
    /// translator must see what not to write, not only what to write.
    pub forbidden: Vec<Translation>,
}

impl TermMatch {
    fn new(hit: &TermHit, text: &str, concepts: &[Concept], lang: &LanguageTag) -> Self {
        let concept = &concepts[hit.concept];
        let (forbidden, mut others): (Vec<_>, Vec<_>) = concept
            .terms
            .iter()
            .filter(|t| &t.lang != lang)
            .partition(|t| t.status == TermStatus::Forbidden);
        others.sort_by_key(|t| (t.lang.clone(), t.status as u8));
        let translation = |t: &&Term| Translation {
            lang: t.lang.to_string(),
            text: t.plain(),
        };
        Self {
            start: hit.span.start as u32,
            end: hit.span.end as u32,
            inserted: hit
                .inserted
                .iter()
                .map(|span| InsertedWords {
                    start: span.start as u32,
                    end: span.end as u32,
                    text: text[span.clone()].to_string(),
                })
                .collect(),
            concept: concept.id.clone(),
            term: concept.terms[hit.term].plain(),
            translations: others.iter().map(translation).collect(),
            forbidden: forbidden.iter().map(translation).collect(),
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
        let loaded = Glossaries::open(&database)?.load(&[])?;
        let concepts: Vec<Concept> = loaded.into_iter().map(|s| s.concept).collect();
        let index = TermIndex::build(&concepts, &lang);
        Ok(texts
            .iter()
            .map(|text| {
                let hits = index.find(text);
                hits.iter()
                    .map(|h| TermMatch::new(h, text, &concepts, &lang))
                    .collect()
            })
            .collect())
    })
    .await
}

/// A term candidate found in an alignment.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TermSuggestion {
    /// Its proposed dictionary form in each language.
    pub terms: Vec<Translation>,
    /// In how many beads the forms occur together.
    pub frequency: u32,
    /// Beads that show them together (at most five).
    pub examples: Vec<u32>,
}

impl TermSuggestion {
    /// The best candidates found in the project's beads, each bead read as one unit,
    /// without those the glossaries already hold or recognise or the translator rejected.
    fn from_project(p: &AlignmentProject, conn: &Connection) -> Result<Vec<Self>, AppError> {
        let a = &p.alignment;
        let texts: Vec<Vec<String>> = (0..a.beads().len())
            .map(|b| (0..a.columns()).map(|c| a.side_text(b, c)).collect())
            .collect();
        let units: Vec<Vec<Option<&str>>> = texts
            .iter()
            .map(|row| {
                row.iter()
                    .map(|t| Some(t.as_str()).filter(|t| !t.is_empty()))
                    .collect()
            })
            .collect();
        let found = new_terms(conn, &units, a.languages(), 2)?;
        Ok(found
            .into_iter()
            .take(SUGGESTIONS)
            .map(|s| Self {
                terms: s
                    .terms
                    .into_iter()
                    .map(|(lang, text)| Translation {
                        lang: lang.to_string(),
                        text,
                    })
                    .collect(),
                frequency: s.frequency as u32,
                examples: s.examples.into_iter().map(|e| e as u32).collect(),
            })
            .collect())
    }
}

/// At most this many suggestions: a side panel, not a report.
const SUGGESTIONS: usize = 50;

/// Term candidates found in the beads of alignment project `id`: forms that occur
/// together in at least two beads, best first, new to the glossaries.
#[tauri::command]
#[specta::specta]
pub async fn suggest_terms(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    id: u32,
) -> Result<Vec<TermSuggestion>, AppError> {
    on_project(&workspace, &projects, id, |p, conn| {
        TermSuggestion::from_project(p, conn)
    })
    .await
}

/// Add a concept with `terms` (one or more, any languages) to glossary `glossary`, or
/// when `None` to the glossary of accepted terms (made named `accepted_name`, the
/// interface language's name for it, when there is none yet); returns the name of the
/// glossary and the concept's id. A concept holding the same first term is merged into
/// rather than duplicated; a new one gets a made id, never its term.
#[tauri::command]
#[specta::specta]
pub async fn accept_term(
    workspace: State<'_, Workspace>,
    terms: Vec<Translation>,
    glossary: Option<String>,
    accepted_name: String,
) -> Result<AddedTerm, AppError> {
    let database = workspace.database()?.to_path_buf();
    let author = workspace.author();
    off_the_ui_thread(move || {
        let mut concept = Concept::default();
        for t in terms.iter().filter(|t| !t.text.trim().is_empty()) {
            concept
                .terms
                .push(Term::new(LanguageTag::parse(&t.lang)?, t.text.trim()));
        }
        let mut glossaries = Glossaries::open(&database)?;
        let into = match glossary {
            Some(name) => {
                let info = glossaries.list()?.into_iter().find(|g| g.name == name);
                GlossaryTarget::Id(info.ok_or(GlossariesError::NoSuchName(name))?.id)
            }
            None => GlossaryTarget::Accepted {
                name: accepted_name,
            },
        };
        let added = glossaries.add_terms(&into, &concept, author.as_deref())?;
        Ok(AddedTerm {
            glossary: added.glossary,
            concept: added.id,
        })
    })
    .await
}

/// Where [`accept_term`] stored the terms.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct AddedTerm {
    /// The glossary's name.
    pub glossary: String,
    /// The concept's id in it.
    pub concept: String,
}

/// A selection of a text, grown to whole words, with the dictionary form proposed for
/// it. Offsets count UTF-16 code units, as the page's selections do.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TermForm {
    /// Where the words start in the text.
    pub start: u32,
    /// Where they end.
    pub end: u32,
    /// The words as the text writes them.
    pub selected: String,
    /// Their proposed dictionary form, for the translator to accept or edit.
    pub proposed: String,
}

/// The words of `text` that the selection from `start` to `end` (UTF-16 offsets, in
/// either order) touches, and their dictionary form in language `lang`; `None` when the
/// selection holds no word.
#[tauri::command]
#[specta::specta]
pub fn term_form(
    lang: String,
    text: String,
    start: u32,
    end: u32,
) -> Result<Option<TermForm>, AppError> {
    let lang = LanguageTag::parse(&lang)?;
    let byte_at = |unit: u32| {
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if units >= unit as usize {
                return at;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let unit_at = |byte: usize| text[..byte].encode_utf16().count() as u32;
    Ok(snap(&text, byte_at(start)..byte_at(end)).map(|span| {
        let selected = text[span.clone()].to_string();
        TermForm {
            start: unit_at(span.start),
            end: unit_at(span.end),
            proposed: dictionary_form(&lang, &selected),
            selected,
        }
    }))
}
