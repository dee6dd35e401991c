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
use dragoman_core::formats::table::TableError as MemoryTableError;
use dragoman_core::formats::tmx_read::TmxError;
use dragoman_core::formats::xliff_read::XliffError;
use dragoman_core::glossary::GlossariesError;
use dragoman_core::glossary::file::GlossaryFileError;
use dragoman_core::glossary::table::TableError as GlossaryTableError;
use dragoman_core::glossary::tbx::TbxError;
use dragoman_core::lang::LangError;
use dragoman_core::limits::{Exceeded, Limit};
use dragoman_core::segment::SegmentError;
use dragoman_core::source::SourceError;
use dragoman_core::store::concepts::{ConceptError, ConceptPlace as CorePlace, ImportError};
use dragoman_core::store::{StoreError, sqlite_reason};
use dragoman_core::team::TeamError;
use dragoman_core::text::TextError;
use dragoman_core::tm::exchange::ExchangeError;
use dragoman_core::tm::fragments::FragmentError;
use dragoman_core::tm::maintenance::MaintenanceError;
use dragoman_core::translate::TranslateError;
use serde::Serialize;

/// Why a command failed.
///
/// Fields carry data only (names, numbers, a file name, a line), never an English
/// sentence, so the UI words every case in its own language. The one exception is a
/// `detail`: what a parser, SQLite or the SRX reader said about a damaged file, which
/// has no translation and is shown quoted, as evidence, inside the UI's own sentence.
#[derive(Debug, Clone, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum AppError {
    /// The user has no home or data directory, so there is nowhere to keep the database.
    #[error("no data directory for this user")]
    NoDataDirectory,
    /// The database was written by a newer Dragoman: the user must update to open it.
    #[error("the memory has schema version {found}; this build supports up to {supported}")]
    SchemaTooNew {
        /// The database's schema version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The database file cannot be opened or created (permissions, a full disk).
    #[error("{path}: cannot open the memory: {detail}")]
    CannotOpen {
        /// The database file.
        path: String,
        /// SQLite's reason, quoted as it wrote it.
        detail: String,
    },
    /// The memory's file or folder cannot be written (a read-only folder, file or disk).
    #[error("the memory is read-only")]
    ReadOnlyMemory {
        /// The database file, when known.
        path: Option<String>,
    },
    /// The disk holding the memory is full; the change was not kept.
    #[error("the disk holding the memory is full")]
    DiskFull {
        /// The database file, when known.
        path: Option<String>,
    },
    /// The file is another program's SQLite database; it was left unchanged.
    #[error("{path}: an SQLite database of another program, not Dragoman's")]
    NotDragoman {
        /// The database file.
        path: String,
    },
    /// There is no database at the path given (only reads were asked for).
    #[error("no memory at {path}")]
    NoMemory {
        /// The path given.
        path: String,
    },
    /// Another process held the database past the busy timeout.
    #[error("{path}: the database is busy")]
    DatabaseBusy {
        /// The database file.
        path: String,
        /// The file a command-line import holding it is importing, if that is what holds it.
        importing: Option<String>,
        /// When that import began, `HH:MM` UTC.
        since: Option<String>,
    },
    /// The database is damaged or a query failed inside SQLite.
    #[error("the memory cannot be used: {detail}")]
    MemoryDamaged {
        /// SQLite's (or the integrity check's) words, quoted as written.
        detail: String,
    },
    /// A language tag sent by the UI or found in a file is not a valid tag.
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
    /// No glossary has the name asked for (renamed or deleted meanwhile).
    #[error("no glossary named {name:?}")]
    NoSuchGlossaryName {
        /// The name asked for.
        name: String,
    },
    /// The concept asked for is not in the database (deleted meanwhile).
    #[error("no concept {row}")]
    NoSuchConcept {
        /// The row asked for.
        row: u32,
    },
    /// The translation unit asked for is not in the memory (deleted meanwhile).
    #[error("no translation unit {id}")]
    NoSuchUnit {
        /// The id asked for.
        id: u32,
    },
    /// The grid and the project disagree (a bead, column or segment that is no longer
    /// there, a split inside a character, …): the UI only sends edits its grid offers,
    /// so the grid is out of date and a reload is the user's way out. Nothing changed.
    #[error("the grid is out of date")]
    OutOfDate,
    /// A segment or a confirmed translation cannot be blank.
    #[error("a segment cannot be blank")]
    BlankText,
    /// Undo with an empty history.
    #[error("nothing to undo")]
    NothingToUndo,
    /// Redo with nothing undone.
    #[error("nothing to redo")]
    NothingToRedo,
    /// A memory edit would leave a language's text of a unit empty.
    #[error("the {lang} text cannot be empty")]
    EmptyText {
        /// The language of the empty text.
        lang: String,
    },
    /// A merge in the Memory view was given fewer than two different units.
    #[error("a merge needs two or more different units")]
    NothingToMerge,
    /// A new translation with no source text.
    #[error("the source text is empty")]
    EmptySource,
    /// A new translation whose target languages are none, too many or the source's.
    #[error("choose one or two target languages other than the source")]
    TargetLanguages,
    /// A job made from pasted text has no original document to write its translation into.
    #[error("this job keeps no original document")]
    NoOriginal,
    /// The document changed since its job was made, so the translation cannot be
    /// written back into it.
    #[error("{file}: the document does not match its segments")]
    DocumentChanged {
        /// The document's name.
        file: String,
    },
    /// The XLIFF file names no target language and none was chosen: the UI asks for one.
    #[error("the file names no target language: choose one")]
    NoTargetLanguage,
    /// A glossary needs a name.
    #[error("a glossary needs a name")]
    EmptyName,
    /// Another glossary has this name: the UI asks for a different one.
    #[error("a glossary named {name:?} already exists")]
    GlossaryExists {
        /// The name asked for.
        name: String,
    },
    /// A concept with no term.
    #[error("a concept needs at least one term")]
    NoTerms,
    /// A concept's term whose text is empty.
    #[error("term {position}: the text is empty")]
    EmptyTerm {
        /// The term's position in the concept, from 1.
        position: u32,
    },
    /// A concept gives the same term twice in one language: the UI names the term.
    #[error("the {lang} term {text:?} is given twice")]
    DuplicateTerm {
        /// The term's language.
        lang: String,
        /// The term as given.
        text: String,
    },
    /// A concept holds a character XML 1.0 cannot carry (a control character, usually
    /// from a paste): the UI says where, so the translator can delete it.
    #[error("{place:?}: U+{code} at character {position} cannot be stored")]
    UnstorableInConcept {
        /// Where in the concept.
        place: ConceptPlace,
        /// The character's 1-based position there.
        position: u32,
        /// Its code point, as `0007`.
        code: String,
    },
    /// A segment (or its note, property, markup or context) holds a character XML 1.0
    /// cannot carry; nothing of the write was kept.
    #[error("the {lang} {field}: U+{code} at character {position} cannot be stored")]
    UnstorableInSegment {
        /// The segment's language.
        lang: String,
        /// `text`, `markup`, `note`, `property` or `context`.
        field: String,
        /// The character's 1-based position there.
        position: u32,
        /// Its code point, as `0007`.
        code: String,
    },
    /// Two concepts of one glossary (or of one imported file) have the same id.
    #[error("another concept has the id {id:?}")]
    DuplicateConceptId {
        /// The id.
        id: String,
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
    /// A limit setting names no limit, or its value is not a whole number of at least 1.
    #[error("not a setting of limit {key:?}")]
    BadLimit {
        /// The limit's key as sent.
        key: String,
    },
    /// A command was given a work id that is not waiting to start: never given by
    /// `start_work`, or already used by other work.
    #[error("no work {id} waiting to start")]
    NoSuchWork {
        /// The id given.
        id: u32,
    },
    /// A file has no text at all.
    #[error("{file}: the file is empty")]
    EmptyFile {
        /// The file's name.
        file: String,
    },
    /// A file is not text (binary data, or not in the character set it claims).
    #[error("{file}: not a text file")]
    NotText {
        /// The file's name.
        file: String,
    },
    /// A text file that is not valid UTF-8 from `line` on: the user saves it as UTF-8.
    #[error("{file}: invalid UTF-8 at line {line}")]
    NotUtf8 {
        /// The file's name.
        file: String,
        /// The first bad line, from 1.
        line: u32,
    },
    /// A text file holding, at `line`, a private-use character (`code_point`) of the
    /// range Dragoman's segments use for inline codes.
    #[error("{file}: line {line}: U+{code_point:04X} is kept for inline codes")]
    ReservedCharacter {
        /// The file's name.
        file: String,
        /// The line, from 1.
        line: u32,
        /// The character's code point.
        #[serde(rename = "codePoint")]
        code_point: u32,
    },
    /// A file goes beyond one of the limits on what Dragoman reads (too large, nested
    /// too deep, a segment or line too long, …); nothing of it was used. The UI says
    /// the limit can be raised in the app's limits (or with the `dragoman` command's
    /// `--max`).
    #[error("{file}: beyond the {limit:?} limit of {max}")]
    LimitExceeded {
        /// The file's name.
        file: String,
        /// Where, when the reader knows.
        line: Option<u32>,
        /// The limit.
        limit: LimitKind,
        /// Its value: bytes for the byte limits, a count for the others (saturated at
        /// the largest `u32`).
        max: u32,
    },
    /// A file is not of the format its name or the chosen importer says.
    #[error("{file}: not a {expected:?} file")]
    WrongFormat {
        /// The file's name.
        file: String,
        /// The format it should have been.
        expected: FileFormat,
    },
    /// A glossary file whose extension names no format Dragoman reads.
    #[error("{file}: unknown glossary format")]
    UnknownFormat {
        /// The file's name.
        file: String,
    },
    /// A table (CSV/TSV) whose header row does not name the language columns.
    #[error("{file}: the header row names no languages")]
    TableHeader {
        /// The file's name.
        file: String,
    },
    /// An XML file declares entities, which Dragoman refuses to expand for safety.
    #[error("{file}: line {line}: entity declarations are refused")]
    EntitiesRefused {
        /// The file's name.
        file: String,
        /// The declaration's line.
        line: u32,
    },
    /// A file is malformed where a parser says. Nothing was imported.
    #[error("{file}: line {line:?}: {detail}")]
    Malformed {
        /// The file's name.
        file: String,
        /// Where, when the parser knows.
        line: Option<u32>,
        /// The parser's own description of the fault (an XML, HTML, CSV or TBX reader's
        /// words): it quotes the file's element or character and has no translation, so
        /// the UI shows it quoted inside a sentence in the user's language.
        detail: String,
    },
    /// A file cannot be read from disk.
    #[error("{file}: cannot read ({problem:?})")]
    ReadFailed {
        /// The file's name.
        file: String,
        /// Why, as far as the UI can tell the user.
        problem: IoProblem,
    },
    /// An export cannot be written.
    #[error("cannot write {path:?} ({problem:?})")]
    WriteFailed {
        /// The folder or file, when known.
        path: Option<String>,
        /// Why, as far as the UI can tell the user.
        problem: IoProblem,
    },
    /// Imported SRX rules cannot be used to segment a text.
    #[error("segmentation rules: {detail}")]
    InvalidRules {
        /// The SRX reader's words: the line and element, or the rule's regex and what
        /// the regex engine refuses in it. It quotes the user's own file, so it stays as
        /// written, quoted inside the UI's sentence.
        detail: String,
    },
    /// The SRX rules have no language map for a text's language.
    #[error("no segmentation rules for {lang}")]
    NoRulesForLanguage {
        /// The text's language.
        lang: String,
    },
    /// The team server's connection string cannot be read.
    #[error("the team server's connection string: {detail}")]
    TeamAddress {
        /// What the parser said, quoted.
        detail: String,
    },
    /// The connection string holds a password, which Dragoman never stores.
    #[error("the connection string holds a password")]
    TeamPasswordInAddress,
    /// The team server cannot be reached, or refused the login.
    #[error("cannot connect to {server}: {detail}")]
    TeamUnreachable {
        /// The connection string.
        server: String,
        /// What the client or server said, quoted.
        detail: String,
    },
    /// The team server answered but refused the login (no such role, a wrong or missing
    /// password, a `pg_hba.conf` rule).
    #[error("{server} refused the login: {detail}")]
    TeamRefused {
        /// The connection string.
        server: String,
        /// What the server (or the client, for a missing password) said, quoted.
        detail: String,
    },
    /// The server is not on this machine and does not offer TLS, which Dragoman requires.
    #[error("{server} offers no TLS")]
    TeamTlsRequired {
        /// The connection string.
        server: String,
    },
    /// TLS could not be set up (the system's certificates).
    #[error("TLS: {detail}")]
    TeamTls {
        /// What rustls said, quoted.
        detail: String,
    },
    /// The server has no team schema yet.
    #[error("the server has no team schema")]
    TeamNoSchema,
    /// The server's team schema is of another version than this build's.
    #[error("the server's team schema is version {found}, this build uses {supported}")]
    TeamSchemaVersion {
        /// On the server.
        found: i32,
        /// This build's.
        supported: i32,
    },
    /// No such team, or the user is not a member of it (the server does not say which).
    #[error("{user} is not a member of team {team:?}")]
    TeamNotMember {
        /// The team.
        team: String,
        /// The role connected as.
        user: String,
    },
    /// A member with read access has local changes: the team's were pulled, these
    /// stay here unsent.
    #[error("{user} has read access to team {team:?}: {unsent} changes not sent")]
    TeamReadOnly {
        /// The team.
        team: String,
        /// The role connected as.
        user: String,
        /// Changes waiting here.
        unsent: u32,
    },
    /// The memory has not joined a team.
    #[error("the memory has not joined a team")]
    TeamNotJoined,
    /// The memory has joined another team already.
    #[error("the memory has joined team {team:?} on {server}")]
    TeamOther {
        /// The team it has joined.
        team: String,
        /// Its server.
        server: String,
    },
    /// A query failed on the team server, or it holds a unit Dragoman cannot read.
    #[error("team server: {detail}")]
    TeamServer {
        /// What the server said, quoted.
        detail: String,
    },
    /// The user cancelled the work; nothing was changed.
    #[error("cancelled")]
    Cancelled,
    /// The work stopped before finishing: a bug, reported rather than hung on.
    #[error("interrupted: {message}")]
    Interrupted {
        /// What stopped it (for a bug report, not for the user to act on).
        message: String,
    },
}

/// A limit on what Dragoman reads (see `dragoman_core::limits::Limit`).
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum LimitKind {
    /// Bytes of a file read whole.
    FileBytes,
    /// Bytes a DOCX or XLSX unpacks to.
    UnpackedBytes,
    /// Entries in a DOCX or XLSX archive.
    ZipEntries,
    /// Cells of a table (a worksheet, a CSV or TSV file).
    TableCells,
    /// How deep XML elements nest.
    Depth,
    /// Attributes on one XML element.
    Attributes,
    /// Bytes of one segment or line.
    SegmentBytes,
    /// SRX rules for one language.
    SrxRules,
}

impl From<Limit> for LimitKind {
    fn from(limit: Limit) -> Self {
        match limit {
            Limit::FileBytes => Self::FileBytes,
            Limit::UnpackedBytes => Self::UnpackedBytes,
            Limit::ZipEntries => Self::ZipEntries,
            Limit::TableCells => Self::TableCells,
            Limit::Depth => Self::Depth,
            Limit::Attributes => Self::Attributes,
            Limit::SegmentBytes => Self::SegmentBytes,
            Limit::SrxRules => Self::SrxRules,
        }
    }
}

/// `file` went beyond a limit, at `line` when known.
fn limit(file: &str, line: Option<usize>, e: Exceeded) -> AppError {
    AppError::LimitExceeded {
        file: file.to_string(),
        line: line.map(|l| l as u32),
        limit: e.limit.into(),
        max: u32::try_from(e.max).unwrap_or(u32::MAX),
    }
}

/// A file format a file was expected to be in.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// A Word document.
    Docx,
    /// A translation memory.
    Tmx,
    /// A termbase.
    Tbx,
    /// A bilingual exchange file.
    Xliff,
}

/// Why a file could not be read or written, in the terms the user can act on; the OS's
/// own message is English and not translatable, so only its kind crosses.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum IoProblem {
    /// The file or folder is not there.
    NotFound,
    /// The user may not read or write there.
    PermissionDenied,
    /// The disk or the quota is full.
    StorageFull,
    /// Anything else.
    Other,
}

impl From<&std::io::Error> for IoProblem {
    fn from(e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Self::PermissionDenied,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                Self::StorageFull
            }
            _ => Self::Other,
        }
    }
}

impl AppError {
    /// Writing `path` (a file or folder, when known) failed with `e`.
    pub(crate) fn write_failed(path: Option<&std::path::Path>, e: &std::io::Error) -> Self {
        Self::WriteFailed {
            path: path.map(|p| p.display().to_string()),
            problem: e.into(),
        }
    }

    /// Importing the memory file `file` failed with `e`.
    pub(crate) fn memory_import(file: &str, e: ExchangeError) -> Self {
        match e {
            ExchangeError::Cancelled => Self::Cancelled,
            ExchangeError::Store(e) => e.into(),
            ExchangeError::Tmx(e) => tmx(file, e),
            ExchangeError::Table(e) => memory_table(file, e),
            ExchangeError::Text(e) => text(file, e),
            ExchangeError::Limit(e) => limit(file, None, e),
            ExchangeError::Read(e) => Self::ReadFailed {
                file: file.to_string(),
                problem: (&e).into(),
            },
            ExchangeError::MalformedBeads { line, message } => Self::Malformed {
                file: file.to_string(),
                line: Some(line as u32),
                detail: message,
            },
            // An import writes only to the database, whose failures are `Store`.
            ExchangeError::Write(e) => Self::write_failed(None, &e),
        }
    }

    /// Exporting the memory to `path` failed with `e`.
    pub(crate) fn memory_export(path: &std::path::Path, e: ExchangeError) -> Self {
        match e {
            ExchangeError::Cancelled => Self::Cancelled,
            ExchangeError::Store(e) => e.into(),
            ExchangeError::Write(e) | ExchangeError::Read(e) => Self::write_failed(Some(path), &e),
            // An export reads no file; these come from imports only.
            e @ (ExchangeError::Tmx(_)
            | ExchangeError::Table(_)
            | ExchangeError::Text(_)
            | ExchangeError::Limit(_)
            | ExchangeError::MalformedBeads { .. }) => Self::Interrupted {
                message: e.to_string(),
            },
        }
    }
}

/// A text file's fault `e`, in `file`.
fn text(file: &str, e: TextError) -> AppError {
    let file = file.to_string();
    match e {
        TextError::Empty => AppError::EmptyFile { file },
        TextError::Binary { .. } | TextError::InvalidUtf16 { .. } => AppError::NotText { file },
        TextError::InvalidUtf8 { line, .. } => AppError::NotUtf8 {
            file,
            line: line as u32,
        },
        TextError::LineTooLong { line, exceeded } => limit(&file, Some(line), exceeded),
        TextError::ReservedCharacter { line, code_point } => AppError::ReservedCharacter {
            file,
            line: line as u32,
            code_point,
        },
    }
}

/// A TMX reader's fault `e`, in `file`.
fn tmx(file: &str, e: TmxError) -> AppError {
    let file = file.to_string();
    match e {
        TmxError::MalformedTmx { line, message } | TmxError::InvalidEncoding { line, message } => {
            AppError::Malformed {
                file,
                line: Some(line as u32),
                detail: message,
            }
        }
        TmxError::NotTmx { .. } => AppError::WrongFormat {
            file,
            expected: FileFormat::Tmx,
        },
        TmxError::EntityDeclaration { line } => AppError::EntitiesRefused {
            file,
            line: line as u32,
        },
        TmxError::Limit { line, exceeded } => limit(&file, Some(line), exceeded),
        TmxError::Io(e) => AppError::ReadFailed {
            file,
            problem: (&e).into(),
        },
    }
}

/// A memory table's (TSV/CSV) fault `e`, in `file`.
fn memory_table(file: &str, e: MemoryTableError) -> AppError {
    let file = file.to_string();
    match e {
        MemoryTableError::BadHeader { .. } | MemoryTableError::TooFewLanguages => {
            AppError::TableHeader { file }
        }
        MemoryTableError::Limit(exceeded) => limit(&file, None, exceeded),
        MemoryTableError::UnclosedQuote { line } => AppError::Malformed {
            file,
            line: Some(line as u32),
            detail: "\"".into(),
        },
    }
}

/// Where in a concept a refused character is, for the UI to word.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "part", rename_all = "camelCase")]
pub enum ConceptPlace {
    /// The concept's id.
    Id,
    /// A descriptive field.
    Field {
        /// The field's name.
        name: String,
    },
    /// A term's text.
    Term {
        /// The term's 1-based position in the concept.
        term: u32,
    },
    /// A term's note.
    Note {
        /// The term's 1-based position in the concept.
        term: u32,
    },
    /// A term's part of speech.
    PartOfSpeech {
        /// The term's 1-based position in the concept.
        term: u32,
    },
}

impl From<CorePlace> for ConceptPlace {
    fn from(p: CorePlace) -> Self {
        match p {
            CorePlace::Id => Self::Id,
            CorePlace::Field(name) => Self::Field { name },
            CorePlace::Term(n) => Self::Term { term: n as u32 },
            CorePlace::Note(n) => Self::Note { term: n as u32 },
            CorePlace::PartOfSpeech(n) => Self::PartOfSpeech { term: n as u32 },
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NoDataDirectory => Self::NoDataDirectory,
            StoreError::SchemaTooNew {
                found, supported, ..
            } => Self::SchemaTooNew { found, supported },
            StoreError::CannotOpen { path, cause } => Self::CannotOpen {
                path,
                detail: sqlite_reason(&cause),
            },
            StoreError::NoFolder { path, reason } => Self::CannotOpen {
                path,
                detail: reason,
            },
            StoreError::ReadOnly { path } => Self::ReadOnlyMemory { path },
            StoreError::DiskFull { path } => Self::DiskFull { path },
            StoreError::NotDragoman { path } => Self::NotDragoman { path },
            StoreError::NoMemory { path } => Self::NoMemory { path },
            StoreError::Busy { path, by } => {
                let (importing, since) = by.map(|b| (b.file, b.since)).unzip();
                Self::DatabaseBusy {
                    path,
                    importing,
                    since,
                }
            }
            StoreError::Unstorable(u) => Self::UnstorableInSegment {
                lang: u.lang,
                field: u.field.into(),
                position: u.position as u32,
                code: format!("{:04X}", u.code),
            },
            StoreError::Damaged(detail) => Self::MemoryDamaged { detail },
            StoreError::Database(e) => Self::MemoryDamaged {
                detail: sqlite_reason(&e),
            },
        }
    }
}

impl From<TeamError> for AppError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::BadServer { reason } => Self::TeamAddress { detail: reason },
            TeamError::PasswordInUrl => Self::TeamPasswordInAddress,
            // tokio-postgres words a server refusing TLS so (its error kinds are private).
            TeamError::Connect { server, reason } if reason.contains("does not support TLS") => {
                Self::TeamTlsRequired { server }
            }
            // tokio-postgres's words for a server it could not reach or lost; anything
            // else was said by a server that answered (or is a missing password).
            TeamError::Connect { server, reason }
                if ["error connecting", "timeout waiting", "error communicating"]
                    .iter()
                    .any(|unreached| reason.starts_with(unreached)) =>
            {
                Self::TeamUnreachable {
                    server,
                    detail: reason,
                }
            }
            TeamError::Connect { server, reason } => Self::TeamRefused {
                server,
                detail: reason,
            },
            TeamError::Tls(detail) => Self::TeamTls { detail },
            TeamError::NoSchema => Self::TeamNoSchema,
            TeamError::ServerTooNew { found, supported }
            | TeamError::ServerTooOld { found, supported } => {
                Self::TeamSchemaVersion { found, supported }
            }
            TeamError::NoTeam { team, user } => Self::TeamNotMember { team, user },
            TeamError::ReadOnly { team, user, unsent } => Self::TeamReadOnly {
                team,
                user,
                unsent: u32::try_from(unsent).unwrap_or(u32::MAX),
            },
            TeamError::NotJoined => Self::TeamNotJoined,
            TeamError::OtherTeam { team, server } => Self::TeamOther { team, server },
            TeamError::Cancelled => Self::Cancelled,
            TeamError::Server(detail) | TeamError::Damaged(detail) => Self::TeamServer { detail },
            TeamError::Store(e) => e.into(),
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

impl From<SegmentError> for AppError {
    fn from(e: SegmentError) -> Self {
        match e {
            SegmentError::NoRulesForLanguage { lang } => Self::NoRulesForLanguage { lang },
            // The rules have no file name here; the reader's words, limits included,
            // name the line and the limit.
            e @ (SegmentError::MalformedXml { .. }
            | SegmentError::Limit { .. }
            | SegmentError::NotSrx { .. }
            | SegmentError::UnexpectedElement { .. }
            | SegmentError::UnexpectedText { .. }
            | SegmentError::MissingAttribute { .. }
            | SegmentError::InvalidAttribute { .. }
            | SegmentError::UnknownRuleSet { .. }
            | SegmentError::InvalidLanguagePattern { .. }
            | SegmentError::UnsupportedPattern { .. }
            | SegmentError::InvalidPattern { .. }) => Self::InvalidRules {
                detail: e.to_string(),
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
            EditorError::Rules { source, .. } => source.into(),
            EditorError::Write(e) => Self::write_failed(None, &e),
            // The workbook library's failure is not the user's to act on beyond retrying.
            EditorError::Workbook(message) => Self::Interrupted { message },
            EditorError::BlankText { .. } => Self::BlankText,
            EditorError::NothingToUndo => Self::NothingToUndo,
            EditorError::NothingToRedo => Self::NothingToRedo,
            // The UI only sends edits its grid offers; these mean the grid and the
            // project disagree, which the user can only retry after a reload.
            EditorError::AlignmentMismatch { .. }
            | EditorError::NoSuchBead { .. }
            | EditorError::NoSuchColumn { .. }
            | EditorError::NoSuchSegment { .. }
            | EditorError::NoNextSegment { .. }
            | EditorError::NoPreviousSegment { .. }
            | EditorError::BadSplitOffset { .. }
            | EditorError::NotAtBeadEdge { .. } => Self::OutOfDate,
        }
    }
}

impl From<SourceError> for AppError {
    fn from(e: SourceError) -> Self {
        match e {
            SourceError::Mismatch { name, .. } => Self::DocumentChanged { file: name },
            SourceError::Xliff { name, message } => Self::Malformed {
                file: name,
                line: None,
                detail: message,
            },
            SourceError::Text { name, source } => text(&name, source),
            SourceError::NotDocx { name, .. } | SourceError::MissingPart { name, .. } => {
                Self::WrongFormat {
                    file: name,
                    expected: FileFormat::Docx,
                }
            }
            SourceError::MalformedXml {
                name,
                part,
                message,
                ..
            } => Self::Malformed {
                file: name,
                line: None,
                detail: format!("{part}: {message}"),
            },
            SourceError::MalformedHtml {
                name,
                line,
                message,
            } => Self::Malformed {
                file: name,
                line: Some(line as u32),
                detail: message,
            },
            SourceError::BadCharset { name, .. } => Self::NotText { file: name },
            SourceError::Limit { name, exceeded } => limit(&name, None, exceeded),
            SourceError::NoText { name } => Self::EmptyFile { file: name },
        }
    }
}

impl From<TranslateError> for AppError {
    fn from(e: TranslateError) -> Self {
        match e {
            TranslateError::Store(e) => e.into(),
            TranslateError::Lang(e) => e.into(),
            TranslateError::Source(e) => e.into(),
            TranslateError::Rules(e) => e.into(),
            TranslateError::NoSuchJob(id) => Self::NoSuchJob { id: id as u32 },
            TranslateError::NoTargetLanguage => Self::NoTargetLanguage,
            TranslateError::Cancelled => Self::Cancelled,
            TranslateError::Write(e) => Self::write_failed(None, &e),
            TranslateError::NoOriginal => Self::NoOriginal,
            TranslateError::Xliff { name, source } => xliff(name, source),
            TranslateError::TargetLanguages => Self::TargetLanguages,
            TranslateError::EmptySource => Self::EmptySource,
            TranslateError::BlankTarget => Self::BlankText,
            TranslateError::Fragment(e) => e.into(),
            // The segment editor only sends segments and languages of the job it shows.
            TranslateError::TargetCount(_)
            | TranslateError::NoSuchSegment(_)
            | TranslateError::NotATarget(_) => Self::OutOfDate,
        }
    }
}

impl From<FragmentError> for AppError {
    fn from(e: FragmentError) -> Self {
        match e {
            FragmentError::Store(e) => e.into(),
            FragmentError::SameLanguage(_) => Self::TargetLanguages,
            // A job's fragment lookup answers none before the alignment is learned.
            FragmentError::NotTrained { .. } => Self::OutOfDate,
        }
    }
}

/// An XLIFF reader's fault `e`, in `file`.
fn xliff(file: String, e: XliffError) -> AppError {
    match e {
        XliffError::Text(e) => text(&file, e),
        XliffError::Malformed { line, message } => AppError::Malformed {
            file,
            line: Some(line as u32),
            detail: message,
        },
        XliffError::EntityDeclaration { line } => AppError::EntitiesRefused {
            file,
            line: line as u32,
        },
        XliffError::Limit { line, exceeded } => limit(&file, Some(line), exceeded),
        XliffError::NotXliff(_) => AppError::WrongFormat {
            file,
            expected: FileFormat::Xliff,
        },
        XliffError::BadLanguage { tag, .. } => AppError::InvalidLanguage { tag },
        XliffError::TooManyCodes { line, .. }
        | XliffError::TargetCodes { line, .. }
        | XliffError::Unwritable { line, .. } => AppError::Malformed {
            file,
            line: Some(line as u32),
            detail: e.to_string(),
        },
        XliffError::UnknownVersion(_) => AppError::Malformed {
            file,
            line: None,
            detail: e.to_string(),
        },
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
            ConceptError::EmptyName => Self::EmptyName,
            ConceptError::NoTerms => Self::NoTerms,
            ConceptError::EmptyTerm { position } => Self::EmptyTerm {
                position: position as u32,
            },
            ConceptError::DuplicateConceptId(id) => Self::DuplicateConceptId { id },
            ConceptError::Unstorable {
                place,
                position,
                code,
            } => Self::UnstorableInConcept {
                place: place.into(),
                position: position as u32,
                code: format!("{code:04X}"),
            },
        }
    }
}

impl From<MaintenanceError> for AppError {
    fn from(e: MaintenanceError) -> Self {
        match e {
            MaintenanceError::Store(e) => e.into(),
            MaintenanceError::NoSuchUnit(id) => Self::NoSuchUnit { id: id as u32 },
            MaintenanceError::EmptyText { lang, .. } => Self::EmptyText { lang },
            MaintenanceError::NothingToMerge => Self::NothingToMerge,
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
            GlossariesError::File { name, source } => glossary_file(name, source),
            GlossariesError::UnknownFormat(file) => Self::UnknownFormat { file },
            GlossariesError::NoSuchName(name) => Self::NoSuchGlossaryName { name },
        }
    }
}

/// A glossary file's fault `e`, in `file`.
fn glossary_file(file: String, e: GlossaryFileError) -> AppError {
    match e {
        GlossaryFileError::Text(e) => text(&file, e),
        GlossaryFileError::Tbx(e) => match e {
            TbxError::MalformedTbx { line, message } => AppError::Malformed {
                file,
                line: Some(line as u32),
                detail: message,
            },
            TbxError::EntitiesRefused { line } => AppError::EntitiesRefused {
                file,
                line: line as u32,
            },
            TbxError::Limit { line, exceeded } => limit(&file, Some(line), exceeded),
            TbxError::NotTbx { .. } => AppError::WrongFormat {
                file,
                expected: FileFormat::Tbx,
            },
            TbxError::BadLanguage { value, .. } => AppError::InvalidLanguage { tag: value },
            TbxError::TermOutsideLanguage { line } => AppError::Malformed {
                file,
                line: Some(line as u32),
                detail: "<term>".into(),
            },
        },
        GlossaryFileError::Table(e) => match e {
            GlossaryTableError::Malformed { line, message } => AppError::Malformed {
                file,
                line: Some(line as u32),
                detail: message,
            },
            GlossaryTableError::NoHeader
            | GlossaryTableError::NoLanguageColumns
            | GlossaryTableError::MissingIdColumn(_) => AppError::TableHeader { file },
            GlossaryTableError::DuplicateConcept { id, .. } => AppError::DuplicateConceptId { id },
            GlossaryTableError::Limit(exceeded) => limit(&file, None, exceeded),
        },
        // Writing a glossary file is an export; the command names the path it writes.
        GlossaryFileError::Write(e) => AppError::write_failed(None, &e),
        GlossaryFileError::Xlsx(message) => AppError::Interrupted { message },
        // The file names no languages; the dialog asks for them.
        GlossaryFileError::OmegaTLanguages => AppError::TableHeader { file },
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
