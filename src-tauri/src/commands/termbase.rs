//! Managing glossaries, as a term base editor does: glossaries and their settings,
//! concepts searched, edited and deleted, term suggestions from the memory reviewed, and
//! glossary files imported and exported. Recognition reads the database on every
//! `find_terms`, so an edit here shows in the editors once the UI empties its cache.

use std::io::Write;

use dragoman_core::LanguageTag;
use dragoman_core::glossary::file::GlossaryFile;
use dragoman_core::glossary::memory_terms::SuggestionQuery;
use dragoman_core::glossary::table::{Synonyms, TableLayout};
use dragoman_core::glossary::{
    Concept, Glossaries, GlossarySource, GlossaryTarget, MatchMode, Term, TermStatus,
};
use dragoman_core::store::concepts::{ConceptEntry, ConceptQuery, ImportReport};
use dragoman_core::store::glossary as stored;
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use super::glossary::Translation;
use super::upload::{UploadId, Uploads};
use super::work::{LongWork, Progress, WorkId, reporter};
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// A glossary as the Glossary view lists it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct GlossaryView {
    /// Its row.
    pub id: u32,
    /// Its unique name.
    pub name: String,
    /// Higher first when glossaries disagree.
    pub priority: i32,
    /// Whether the editors' term recognition uses it.
    pub enabled: bool,
    /// How many concepts it holds.
    pub concepts: u32,
}

/// Run `work` on the user's glossaries, off the UI thread.
async fn on_glossaries<T: Send + 'static>(
    workspace: &Workspace,
    work: impl FnOnce(&mut Glossaries) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || work(&mut Glossaries::open(&database)?)).await
}

/// Every glossary, highest priority first.
#[tauri::command]
#[specta::specta]
pub async fn list_glossaries(
    workspace: State<'_, Workspace>,
) -> Result<Vec<GlossaryView>, AppError> {
    on_glossaries(&workspace, move |glossaries| {
        Ok(glossaries
            .list()?
            .into_iter()
            .map(|g| GlossaryView {
                id: g.id as u32,
                name: g.name,
                priority: g.priority as i32,
                enabled: g.enabled,
                concepts: g.concepts as u32,
            })
            .collect())
    })
    .await
}

/// A new, empty glossary; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn create_glossary(
    workspace: State<'_, Workspace>,
    name: String,
    priority: i32,
) -> Result<u32, AppError> {
    on_glossaries(&workspace, move |glossaries| {
        Ok(glossaries.create(&name, priority.into())? as u32)
    })
    .await
}

/// Set a glossary's priority and whether recognition uses it.
#[tauri::command]
#[specta::specta]
pub async fn configure_glossary(
    workspace: State<'_, Workspace>,
    id: u32,
    priority: i32,
    enabled: bool,
) -> Result<(), AppError> {
    on_glossaries(&workspace, move |glossaries| {
        Ok(glossaries.configure(id.into(), priority.into(), enabled)?)
    })
    .await
}

/// How a term may be used, as TBX's administrative status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum TermUse {
    /// The term to use.
    Preferred,
    /// Acceptable, not the first choice.
    Admitted,
    /// Discouraged; use another term.
    Deprecated,
    /// Replaced by a newer term.
    Superseded,
    /// Must not be used.
    Forbidden,
}

/// How a term is found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum TermMatching {
    /// Inflected forms.
    Automatic,
    /// As written, ignoring case.
    Exact,
    /// As written, case included.
    CaseSensitive,
    /// Words beginning with the term's words.
    Prefix,
}

/// One term of a concept as the editor shows and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TermView {
    /// Its language tag.
    pub lang: String,
    /// The term in dictionary form, as written (`|` marks a custom stem's end).
    pub text: String,
    /// How it may be used.
    pub status: TermUse,
    /// Part of speech, if given.
    pub part_of_speech: Option<String>,
    /// A note on usage, if given.
    pub note: Option<String>,
    /// How it is found in text.
    pub match_mode: TermMatching,
}

/// A concept as the Glossary view shows and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ConceptView {
    /// Its row (0 for a concept not stored yet).
    pub row: u32,
    /// Its glossary.
    pub glossary: u32,
    /// Its identifier in the glossary's files (empty: made from its first term).
    pub id: String,
    /// Its terms, in order.
    pub terms: Vec<TermView>,
    /// Descriptive fields (subject, definition, note…) as name and value.
    pub fields: Vec<(String, String)>,
}

impl From<ConceptEntry> for ConceptView {
    fn from(e: ConceptEntry) -> Self {
        let terms = e
            .concept
            .terms
            .into_iter()
            .map(|t| TermView {
                lang: t.lang.to_string(),
                text: t.text,
                status: match t.status {
                    TermStatus::Preferred => TermUse::Preferred,
                    TermStatus::Admitted => TermUse::Admitted,
                    TermStatus::Deprecated => TermUse::Deprecated,
                    TermStatus::Superseded => TermUse::Superseded,
                    TermStatus::Forbidden => TermUse::Forbidden,
                },
                part_of_speech: t.part_of_speech,
                note: t.note,
                match_mode: match t.match_mode {
                    MatchMode::Automatic => TermMatching::Automatic,
                    MatchMode::Exact => TermMatching::Exact,
                    MatchMode::CaseSensitive => TermMatching::CaseSensitive,
                    MatchMode::Prefix => TermMatching::Prefix,
                },
            })
            .collect();
        Self {
            row: e.row as u32,
            glossary: e.glossary as u32,
            id: e.concept.id,
            terms,
            fields: e.concept.fields.into_iter().collect(),
        }
    }
}

impl TryFrom<ConceptView> for Concept {
    type Error = AppError;

    fn try_from(v: ConceptView) -> Result<Self, AppError> {
        let terms = v
            .terms
            .into_iter()
            .map(|t| {
                Ok(Term {
                    lang: LanguageTag::parse(&t.lang)?,
                    text: t.text,
                    status: match t.status {
                        TermUse::Preferred => TermStatus::Preferred,
                        TermUse::Admitted => TermStatus::Admitted,
                        TermUse::Deprecated => TermStatus::Deprecated,
                        TermUse::Superseded => TermStatus::Superseded,
                        TermUse::Forbidden => TermStatus::Forbidden,
                    },
                    part_of_speech: t.part_of_speech,
                    note: t.note,
                    match_mode: match t.match_mode {
                        TermMatching::Automatic => MatchMode::Automatic,
                        TermMatching::Exact => MatchMode::Exact,
                        TermMatching::CaseSensitive => MatchMode::CaseSensitive,
                        TermMatching::Prefix => MatchMode::Prefix,
                    },
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(Concept {
            id: v.id,
            fields: v.fields.into_iter().collect(),
            terms,
        })
    }
}

/// A page of concepts found.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ConceptPage {
    /// How many concepts match in all.
    pub total: u32,
    /// This page's concepts.
    pub concepts: Vec<ConceptView>,
}

/// The concepts of glossary `glossary` (every glossary's when `None`) with a term
/// containing `text` in any language, case and letter variants folded; `limit` of them
/// after the first `offset`.
#[tauri::command]
#[specta::specta]
pub async fn search_concepts(
    workspace: State<'_, Workspace>,
    glossary: Option<u32>,
    text: String,
    offset: u32,
    limit: u32,
) -> Result<ConceptPage, AppError> {
    on_glossaries(&workspace, move |glossaries| {
        let query = ConceptQuery {
            glossary: glossary.map(i64::from),
            text,
            offset: offset.into(),
            limit: limit.into(),
        };
        let page = glossaries.search(&query)?;
        Ok(ConceptPage {
            total: page.total as u32,
            concepts: page.concepts.into_iter().map(ConceptView::from).collect(),
        })
    })
    .await
}

/// Store `concept`: a new one in its glossary when its row is 0, else replacing the
/// stored one's terms and fields. Returns it as stored.
#[tauri::command]
#[specta::specta]
pub async fn save_concept(
    workspace: State<'_, Workspace>,
    concept: ConceptView,
) -> Result<ConceptView, AppError> {
    let author = workspace.author();
    on_glossaries(&workspace, move |glossaries| {
        let (row, glossary) = (i64::from(concept.row), i64::from(concept.glossary));
        let concept = Concept::try_from(concept)?;
        let row = (row != 0).then_some(row);
        Ok(glossaries
            .save(glossary, row, &concept, author.as_deref())?
            .into())
    })
    .await
}

/// Delete the concept in row `row`.
#[tauri::command]
#[specta::specta]
pub async fn delete_concept(workspace: State<'_, Workspace>, row: u32) -> Result<(), AppError> {
    on_glossaries(&workspace, move |glossaries| {
        Ok(glossaries.delete_concept(row.into())?)
    })
    .await
}

/// A term candidate found in the memory.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MemorySuggestion {
    /// Its proposed dictionary form in each language.
    pub terms: Vec<Translation>,
    /// In how many units the forms occur together.
    pub frequency: u32,
}

/// At most this many suggestions at once: a review list, not a report.
const MEMORY_SUGGESTIONS: usize = 100;

/// Term candidates from the memory's units in `langs` (two or three), best first:
/// forms found together in at least two units, leaving out rejected ones and those a
/// glossary already holds.
#[tauri::command]
#[specta::specta]
pub async fn suggest_memory_terms(
    workspace: State<'_, Workspace>,
    langs: Vec<String>,
) -> Result<Vec<MemorySuggestion>, AppError> {
    on_glossaries(&workspace, move |glossaries| {
        let query = SuggestionQuery {
            langs: langs
                .iter()
                .map(|l| LanguageTag::parse(l))
                .collect::<Result<_, _>>()?,
            min_frequency: 2,
            limit: MEMORY_SUGGESTIONS,
            origin: None,
        };
        Ok(glossaries
            .suggestions(&query)?
            .into_iter()
            .map(|s| MemorySuggestion {
                terms: s
                    .terms
                    .into_iter()
                    .map(|(lang, text)| Translation {
                        lang: lang.to_string(),
                        text,
                    })
                    .collect(),
                frequency: s.frequency as u32,
            })
            .collect())
    })
    .await
}

/// Remember that the suggestion of `terms` is not a term, so it is never proposed again.
#[tauri::command]
#[specta::specta]
pub async fn reject_suggestion(
    workspace: State<'_, Workspace>,
    terms: Vec<Translation>,
) -> Result<(), AppError> {
    on_glossaries(&workspace, move |glossaries| {
        let terms: Vec<(LanguageTag, String)> = terms
            .into_iter()
            .map(|t| Ok((LanguageTag::parse(&t.lang)?, t.text)))
            .collect::<Result<_, AppError>>()?;
        Ok(glossaries.reject(&terms)?)
    })
    .await
}

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum GlossaryFormat {
    /// TermBase eXchange: TBX-Basic v3 written, either version read.
    Tbx,
    /// TermBase eXchange, TBX-Basic v2 (`martif`), for OmegaT and translate-toolkit.
    Tbx2,
    /// OmegaT's glossary: no header, source and target term and a comment.
    Omegat,
    /// Comma-separated table.
    Csv,
    /// Tab-separated table.
    Tsv,
    /// Excel workbook.
    Xlsx,
}

/// What to do with an imported concept whose id the glossary already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ConceptPolicy {
    /// Add the terms and fields it lacks.
    Merge,
    /// Replace it.
    Overwrite,
    /// Leave it as it is.
    Skip,
}

/// A concept an import left out, and why.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RejectedConcept {
    /// Its id in the file.
    pub concept: String,
    /// Why.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct GlossaryImport {
    /// New concepts.
    pub added: u32,
    /// Known concepts that gained terms or fields, or were replaced.
    pub merged: u32,
    /// Known concepts left as they were.
    pub skipped: u32,
    /// Concepts left out.
    pub rejected: Vec<RejectedConcept>,
    /// Lines of a table shorter than its header, read with the missing cells empty.
    pub short_rows: Vec<u32>,
}

impl From<ImportReport> for GlossaryImport {
    fn from(r: ImportReport) -> Self {
        Self {
            added: r.added as u32,
            merged: r.merged as u32,
            skipped: r.skipped as u32,
            rejected: r
                .rejected
                .into_iter()
                .map(|c| RejectedConcept {
                    concept: c.concept,
                    reason: c.reason,
                })
                .collect(),
            short_rows: r.short_rows.into_iter().map(|l| l as u32).collect(),
        }
    }
}

impl From<GlossaryFormat> for GlossaryFile {
    fn from(format: GlossaryFormat) -> Self {
        match format {
            GlossaryFormat::Tbx => Self::Tbx,
            GlossaryFormat::Tbx2 => Self::Tbx2,
            GlossaryFormat::Omegat => Self::OmegaT,
            GlossaryFormat::Csv => Self::Csv,
            GlossaryFormat::Tsv => Self::Tsv,
            GlossaryFormat::Xlsx => Self::Xlsx,
        }
    }
}

/// A glossary file the user picked to import: its name and how to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct GlossaryFileChoice {
    /// The file's name, for messages.
    pub name: String,
    /// Its format.
    pub format: GlossaryFormat,
    /// An OmegaT glossary's source and target language (it names none); empty otherwise.
    pub langs: Vec<String>,
}

/// Import the glossary file `file` sent as `upload` into glossary `glossary`, deciding
/// about known concepts by `policy`, in one transaction, reporting progress on
/// `progress`; a malformed file or `cancel_work` of `work` changes nothing.
#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)] // the shell's state, then one question of the import dialog each
pub async fn import_glossary(
    workspace: State<'_, Workspace>,
    long_work: State<'_, LongWork>,
    uploads: State<'_, Uploads>,
    glossary: u32,
    upload: UploadId,
    file: GlossaryFileChoice,
    policy: ConceptPolicy,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<GlossaryImport, AppError> {
    let GlossaryFileChoice {
        name,
        format,
        langs,
    } = file;
    let langs = languages(&langs)?;
    let cancel = long_work.claim(work)?;
    let bytes = uploads.take(upload)?;
    let author = workspace.author();
    let limits = workspace.limits();
    on_glossaries(&workspace, move |glossaries| {
        let policy = match policy {
            ConceptPolicy::Merge => stored::ConceptPolicy::Merge,
            ConceptPolicy::Overwrite => stored::ConceptPolicy::Overwrite,
            ConceptPolicy::Skip => stored::ConceptPolicy::Skip,
        };
        let source = GlossarySource {
            name: &name,
            bytes: &bytes,
            format: Some(format.into()),
            id_column: None,
            langs: &langs,
            limits: &limits,
        };
        let into = GlossaryTarget::Id(glossary.into());
        let report = glossaries.import(
            source,
            &into,
            policy,
            author.as_deref(),
            reporter(&progress, &cancel),
        )?;
        Ok(report.into())
    })
    .await
}

/// A glossary file written for the user.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExportedGlossary {
    /// Where it was written.
    pub path: String,
    /// How many concepts it holds.
    pub concepts: u32,
}

/// Where a table puts synonyms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SynonymLayout {
    /// In one cell, joined by `; `.
    Joined,
    /// Each in a column of its own, the language repeated in the header (memoQ).
    Columns,
    /// Each on a row of its own, the id repeated.
    Rows,
}

/// How an exported table is laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TableChoice {
    /// The columns in order (`id`, language tags, field names); none for all of them.
    pub columns: Option<Vec<String>>,
    /// Where synonyms go.
    pub synonyms: SynonymLayout,
}

impl From<TableChoice> for TableLayout {
    fn from(choice: TableChoice) -> Self {
        Self {
            columns: choice.columns,
            synonyms: match choice.synonyms {
                SynonymLayout::Joined => Synonyms::Joined,
                SynonymLayout::Columns => Synonyms::Columns,
                SynonymLayout::Rows => Synonyms::Rows,
            },
        }
    }
}

/// The language tags `langs`, checked.
fn languages(langs: &[String]) -> Result<Vec<LanguageTag>, AppError> {
    langs
        .iter()
        .map(|l| LanguageTag::parse(l).map_err(AppError::from))
        .collect()
}

/// Write glossary `glossary` (every glossary, into one file, with `None`) as `format` to
/// a new file in `Documents/Dragoman`: a table laid out by `table`, its language columns
/// (an OmegaT glossary's source and target) `langs`, every language when empty.
#[tauri::command]
#[specta::specta]
pub async fn export_glossary(
    workspace: State<'_, Workspace>,
    glossary: Option<u32>,
    format: GlossaryFormat,
    langs: Vec<String>,
    table: TableChoice,
) -> Result<ExportedGlossary, AppError> {
    let langs = languages(&langs)?;
    let folder = workspace.exports()?.to_path_buf();
    on_glossaries(&workspace, move |glossaries| {
        let listed = glossaries.list()?;
        let names: Vec<String> = match glossary {
            Some(id) => vec![
                listed
                    .into_iter()
                    .find(|g| g.id == i64::from(id))
                    .ok_or(AppError::NoSuchGlossary { id })?
                    .name,
            ],
            None => listed.into_iter().map(|g| g.name).collect(),
        };
        let stem = match glossary {
            Some(_) => names[0].clone(),
            None => "glossaries".to_string(),
        };
        let format = GlossaryFile::from(format);
        let (bytes, concepts) = glossaries.export(
            &names,
            format,
            (!langs.is_empty()).then_some(&langs[..]),
            &table.into(),
        )?;
        let (path, mut file) = crate::export::create_unique(&folder, &stem, format.extension())?;
        file.write_all(&bytes)
            .map_err(|e| AppError::write_failed(Some(&path), &e))?;
        Ok(ExportedGlossary {
            path: path.display().to_string(),
            concepts: concepts as u32,
        })
    })
    .await
}
