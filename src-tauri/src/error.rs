//! The one error type every command returns, shaped for the UI.
//!
//! Core errors are typed per area; here they are classified into the situations the UI
//! reacts to differently. Serialised as `{ "kind": "...", ...fields }`, so the
//! TypeScript side switches on `kind` and the generated bindings list every case.
//!
//! Each `From` below names every variant of its core error, with no catch-all arm (the
//! core's error enums are exhaustive for this reason): a new core error fails to compile
//! here until someone decides what the UI should do with it, instead of reaching the UI
//! as an English message inside a translated sentence.

use dragoman_core::align::AlignError;
use dragoman_core::editor::EditorError;
use dragoman_core::glossary::GlossariesError;
use dragoman_core::lang::LangError;
use dragoman_core::source::SourceError;
use dragoman_core::store::StoreError;
use dragoman_core::store::concepts::{ConceptError, ImportError};
use dragoman_core::tm::maintenance::MaintenanceError;
use dragoman_core::translate::TranslateError;
use serde::Serialize;

/// Why a command failed.
#[derive(Debug, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum AppError {
    /// The user has no home or data directory, so there is nowhere to keep the database.
    #[error("no data directory for this user")]
    NoDataDirectory,
    /// The database file cannot be opened, created or written: permissions, a full disk,
    /// a damaged file, or one written by a newer Dragoman.
    #[error("{message}")]
    MemoryUnavailable {
        /// What went wrong, for the user.
        message: String,
    },
    /// A language tag sent by the UI is not a valid tag.
    #[error("not a language tag: {tag:?}")]
    InvalidLanguage {
        /// The tag as sent.
        tag: String,
    },
    /// Alignment was asked for fewer than two or more than three texts.
    #[error("alignment takes 2 or 3 texts, not {count}")]
    TextCount {
        /// How many texts were sent.
        count: u32,
    },
    /// The aligner failed for a reason this build does not classify.
    #[error("alignment failed: {message}")]
    AlignmentFailed {
        /// What the aligner said.
        message: String,
    },
    /// The alignment project asked for is not in the database (deleted meanwhile).
    #[error("no alignment project {id}")]
    NoSuchProject {
        /// The id asked for.
        id: u32,
    },
    /// The translation job asked for is not in the database (deleted meanwhile).
    #[error("no translation job {id}")]
    NoSuchJob {
        /// The id asked for.
        id: u32,
    },
    /// The glossary asked for is not in the database (deleted meanwhile).
    #[error("no glossary {id}")]
    NoSuchGlossary {
        /// The id asked for.
        id: u32,
    },
    /// The concept asked for is not in the database (deleted meanwhile).
    #[error("no concept {row}")]
    NoSuchConcept {
        /// The row asked for.
        row: u32,
    },
    /// A glossary file cannot be imported (malformed, not the format chosen); the
    /// message names the file and the line or element. Nothing was imported.
    #[error("{message}")]
    UnreadableGlossary {
        /// What is wrong and where, for the user.
        message: String,
    },
    /// The translation unit asked for is not in the memory (deleted meanwhile).
    #[error("no translation unit {id}")]
    NoSuchUnit {
        /// The id asked for.
        id: u32,
    },
    /// An edit that does not apply where it was asked (merging the last segment with a
    /// next one, splitting at an edge, …); nothing changed.
    #[error("{message}")]
    InvalidEdit {
        /// Why, for the user.
        message: String,
    },
    /// An export could not be written.
    #[error("{message}")]
    ExportFailed {
        /// The folder or file and why.
        message: String,
    },
    /// A dropped or picked document cannot be read (not TXT/DOCX/HTML, damaged,
    /// malformed); the message names the file and where.
    #[error("{message}")]
    UnreadableDocument {
        /// What is wrong, for the user.
        message: String,
    },
    /// An imported SRX file cannot be used to segment a text.
    #[error("{message}")]
    InvalidRules {
        /// The text the rules were for and what is wrong with them.
        message: String,
    },
    /// The XLIFF file names no target language and none was chosen: the UI asks for one.
    #[error("the file names no target language: choose one")]
    NoTargetLanguage,
    /// Another glossary has this name: the UI asks for a different one.
    #[error("a glossary named {name:?} already exists")]
    GlossaryExists {
        /// The name asked for.
        name: String,
    },
    /// A concept gives the same term twice in one language: the UI names the term.
    #[error("the {lang} term {text:?} is given twice")]
    DuplicateTerm {
        /// The term's language.
        lang: String,
        /// The term as given.
        text: String,
    },
    /// A date sent by the UI is not a `YYYY-MM-DD` day.
    #[error("not a date: {date:?}")]
    InvalidDate {
        /// The date as sent.
        date: String,
    },
    /// A file is larger than the app takes: the UI says how large a file may be.
    #[error("the file is {megabytes} MB; the app takes files up to {limit} MB")]
    FileTooLarge {
        /// The file's size, in MB rounded up.
        megabytes: u32,
        /// The largest size taken, in MB.
        limit: u32,
    },
    /// A command was given an upload that is not held: never sent, or already read by
    /// another command. Nothing was read; the user picks the file again.
    #[error("no upload {id}")]
    NoSuchUpload {
        /// The id given.
        id: u32,
    },
    /// A command was given a work id that is not waiting to start: never given by
    /// `start_work`, or already used by other work.
    #[error("no work {id} waiting to start")]
    NoSuchWork {
        /// The id given.
        id: u32,
    },
    /// The user cancelled the work; nothing was changed.
    #[error("cancelled")]
    Cancelled,
    /// The work stopped before finishing: a bug, reported rather than hung on.
    #[error("interrupted: {message}")]
    Interrupted {
        /// What stopped it.
        message: String,
    },
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NoDataDirectory => Self::NoDataDirectory,
            e @ (StoreError::SchemaTooNew { .. }
            | StoreError::CannotOpen { .. }
            | StoreError::Damaged(_)
            | StoreError::Database(_)) => Self::MemoryUnavailable {
                message: e.to_string(),
            },
        }
    }
}

impl From<LangError> for AppError {
    fn from(e: LangError) -> Self {
        match e {
            LangError::Malformed(tag) => Self::InvalidLanguage { tag },
        }
    }
}

impl From<AlignError> for AppError {
    fn from(e: AlignError) -> Self {
        match e {
            AlignError::DocumentCount(count) => Self::TextCount {
                count: count as u32,
            },
        }
    }
}

impl From<EditorError> for AppError {
    fn from(e: EditorError) -> Self {
        match e {
            EditorError::Store(e) => e.into(),
            EditorError::Align(e) => e.into(),
            EditorError::DocumentCount(count) => Self::TextCount {
                count: count as u32,
            },
            EditorError::NoSuchProject(id) => Self::NoSuchProject { id: id as u32 },
            EditorError::Cancelled => Self::Cancelled,
            e @ EditorError::Rules { .. } => Self::InvalidRules {
                message: e.to_string(),
            },
            EditorError::Write(e) => Self::ExportFailed {
                message: e.to_string(),
            },
            EditorError::Workbook(message) => Self::ExportFailed { message },
            // The UI only sends edits its grid offers; these mean the grid and the
            // project disagree, which the user can only retry after a reload.
            e @ (EditorError::AlignmentMismatch { .. }
            | EditorError::NoSuchBead { .. }
            | EditorError::NoSuchColumn { .. }
            | EditorError::NoSuchSegment { .. }
            | EditorError::NoNextSegment { .. }
            | EditorError::NoPreviousSegment { .. }
            | EditorError::BadSplitOffset { .. }
            | EditorError::NotAtBeadEdge { .. }
            | EditorError::BlankText { .. }
            | EditorError::NothingToUndo
            | EditorError::NothingToRedo) => Self::InvalidEdit {
                message: e.to_string(),
            },
        }
    }
}

impl From<SourceError> for AppError {
    fn from(e: SourceError) -> Self {
        match e {
            // Writing a translation back into the document it was cut from.
            e @ SourceError::Mismatch { .. } => Self::ExportFailed {
                message: e.to_string(),
            },
            e @ (SourceError::Text { .. }
            | SourceError::NotDocx { .. }
            | SourceError::MissingPart { .. }
            | SourceError::MalformedXml { .. }
            | SourceError::MalformedHtml { .. }
            | SourceError::BadCharset { .. }
            | SourceError::NoText { .. }) => Self::UnreadableDocument {
                message: e.to_string(),
            },
        }
    }
}

impl From<TranslateError> for AppError {
    fn from(e: TranslateError) -> Self {
        match e {
            TranslateError::Store(e) => e.into(),
            TranslateError::Lang(e) => e.into(),
            TranslateError::Source(e) => e.into(),
            TranslateError::NoSuchJob(id) => Self::NoSuchJob { id: id as u32 },
            TranslateError::NoTargetLanguage => Self::NoTargetLanguage,
            TranslateError::Cancelled => Self::Cancelled,
            e @ TranslateError::Rules(_) => Self::InvalidRules {
                message: e.to_string(),
            },
            e @ (TranslateError::Write(_) | TranslateError::NoOriginal) => Self::ExportFailed {
                message: e.to_string(),
            },
            e @ TranslateError::Xliff(_) => Self::UnreadableDocument {
                message: e.to_string(),
            },
            // The New translation form and the segment editor do not send these; a
            // message is enough for the rare case they get through.
            e @ (TranslateError::TargetLanguages
            | TranslateError::EmptySource
            | TranslateError::TargetCount(_)
            | TranslateError::NoSuchSegment(_)
            | TranslateError::NotATarget(_)
            | TranslateError::BlankTarget) => Self::InvalidEdit {
                message: e.to_string(),
            },
        }
    }
}

impl From<ConceptError> for AppError {
    fn from(e: ConceptError) -> Self {
        match e {
            ConceptError::Store(e) => e.into(),
            ConceptError::NoSuchConcept(row) => Self::NoSuchConcept { row: row as u32 },
            ConceptError::NoSuchGlossary(id) => Self::NoSuchGlossary { id: id as u32 },
            ConceptError::GlossaryExists(name) => Self::GlossaryExists { name },
            ConceptError::DuplicateTerm { lang, text } => Self::DuplicateTerm { lang, text },
            e @ (ConceptError::EmptyName
            | ConceptError::NoTerms
            | ConceptError::EmptyTerm { .. }
            | ConceptError::DuplicateConceptId(_)) => Self::InvalidEdit {
                message: e.to_string(),
            },
        }
    }
}

impl From<MaintenanceError> for AppError {
    fn from(e: MaintenanceError) -> Self {
        match e {
            MaintenanceError::Store(e) => e.into(),
            MaintenanceError::NoSuchUnit(id) => Self::NoSuchUnit { id: id as u32 },
            e @ (MaintenanceError::EmptyText { .. } | MaintenanceError::NothingToMerge) => {
                Self::InvalidEdit {
                    message: e.to_string(),
                }
            }
        }
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Cancelled => Self::Cancelled,
            ImportError::Store(e) => e.into(),
        }
    }
}

impl From<GlossariesError> for AppError {
    fn from(e: GlossariesError) -> Self {
        match e {
            GlossariesError::Concept(e) => e.into(),
            GlossariesError::Cancelled => Self::Cancelled,
            GlossariesError::Store(e) => e.into(),
            e @ (GlossariesError::File { .. }
            | GlossariesError::UnknownFormat(_)
            | GlossariesError::NoSuchName(_)) => Self::UnreadableGlossary {
                message: e.to_string(),
            },
        }
    }
}

/// Run blocking work (SQLite, segmentation, alignment) on Tauri's blocking pool, so
/// the window's event loop and the IPC thread stay responsive while it runs.
pub(crate) async fn off_the_ui_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Interrupted {
            message: e.to_string(),
        })?
}
