//! The Translate view: translation jobs, memory matches per segment, confirming into the
//! memory, pre-translation.
//!
//! Each command reopens the job from the database: the core writes every change before
//! it answers, so the database is the only copy and nothing is cached between commands.

use std::io::Write;

use dragoman_core::LanguageTag;
use dragoman_core::Timestamp;
use dragoman_core::formats::xliff::XliffVersion;
use dragoman_core::source::SourceFormat;
use dragoman_core::store;
use dragoman_core::store::Connection;
use dragoman_core::tm::{Match, MatchKind, UnitId, WordChange};
use dragoman_core::translate::{
    JobExport, JobId, JobInfo, JobIssue, JobSegment, QaItem, SegmentStatus, TargetText,
    TranslateError, TranslationJob,
};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use super::upload::{UploadId, Uploads};
use super::work::{LongWork, Progress, WorkId, reporter};
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// Where a target text stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TargetStatus {
    /// Not translated yet.
    Empty,
    /// Filled by pre-translation from a match of this score (101, 100 or fuzzy).
    Pretranslated {
        /// The match's score.
        score: u32,
    },
    /// Changed by the translator, not confirmed.
    Edited,
    /// Confirmed and in the memory.
    Confirmed,
}

/// A segment's translation into one target language.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TargetView {
    /// The text.
    pub text: String,
    /// Where it stands.
    pub status: TargetStatus,
}

impl From<&TargetText> for TargetView {
    fn from(t: &TargetText) -> Self {
        let status = match t.status {
            SegmentStatus::Pretranslated { score } => TargetStatus::Pretranslated {
                score: u32::from(score.0),
            },
            SegmentStatus::Edited => TargetStatus::Edited,
            SegmentStatus::Confirmed => TargetStatus::Confirmed,
            _ => TargetStatus::Empty,
        };
        Self {
            text: t.text.clone(),
            status,
        }
    }
}

/// A source segment with a translation per target language.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SegmentView {
    /// The source paragraph it belongs to.
    pub paragraph: u32,
    /// The source text.
    pub source: String,
    /// One per target language of the job.
    pub targets: Vec<TargetView>,
}

impl From<&JobSegment> for SegmentView {
    fn from(s: &JobSegment) -> Self {
        Self {
            paragraph: s.paragraph,
            source: s.source.clone(),
            targets: s.targets.iter().map(TargetView::from).collect(),
        }
    }
}

/// A translation job as the Translate view opens it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JobView {
    /// Its id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The source language.
    pub src: String,
    /// The target languages, one or two.
    pub targets: Vec<String>,
    /// The segments in order.
    pub segments: Vec<SegmentView>,
    /// The format of the document it was cut from (`text`, `docx`, `html`), which the
    /// export can write it back into; none for a job from XLIFF.
    pub original: Option<String>,
}

impl From<&TranslationJob> for JobView {
    fn from(j: &TranslationJob) -> Self {
        Self {
            id: j.id.0 as u32,
            name: j.name.clone(),
            src: j.src.to_string(),
            targets: j.targets.iter().map(|t| t.to_string()).collect(),
            segments: j.segments.iter().map(SegmentView::from).collect(),
            original: j.original.map(|f| f.name().to_string()),
        }
    }
}

/// A job in the list of jobs.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JobSummary {
    /// Its id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The source language.
    pub src: String,
    /// The target languages.
    pub targets: Vec<String>,
    /// How many segments it has.
    pub segments: u32,
}

impl From<JobInfo> for JobSummary {
    fn from(j: JobInfo) -> Self {
        Self {
            id: j.id.0 as u32,
            name: j.name,
            src: j.src,
            targets: j.targets,
            segments: j.segments as u32,
        }
    }
}

/// One word of a match's word diff, read from the stored source to the new one.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DiffWord {
    /// In both.
    Same {
        /// The word.
        word: String,
    },
    /// Only in the new source.
    Inserted {
        /// The word.
        word: String,
    },
    /// Only in the stored source.
    Deleted {
        /// The word.
        word: String,
    },
    /// The stored word `from` stands where the new source has `to`.
    Changed {
        /// The stored word.
        from: String,
        /// The new source's word.
        to: String,
    },
}

impl From<WordChange> for DiffWord {
    fn from(c: WordChange) -> Self {
        match c {
            WordChange::Same { word } => Self::Same { word },
            WordChange::Inserted { word } => Self::Inserted { word },
            WordChange::Deleted { word } => Self::Deleted { word },
            WordChange::Changed { from, to } => Self::Changed { from, to },
        }
    }
}

/// What a memory match was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum MatchKindView {
    /// A stored unit.
    Unit,
    /// One sentence of a stored unit that holds several.
    Sentence,
    /// Consecutive units, one for each sentence of the segment, joined.
    Joined,
}

/// A memory match for the current segment.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MatchView {
    /// The memory unit it comes from, whose use inserting it counts (the first of a
    /// joined match).
    pub unit: u32,
    /// What it was made from.
    pub kind: MatchKindView,
    /// 101 (same segment in the same context), 100 (exact) or below (fuzzy).
    pub score: u32,
    /// The stored source.
    pub source: String,
    /// The stored translation, what inserting the match puts in the target.
    pub target: String,
    /// The word diff between the stored source and the segment.
    pub diff: Vec<DiffWord>,
    /// Where the unit came from (`alignment`, `translation`, `import:file.tmx`).
    pub origin: String,
    /// When it last changed, as YYYY-MM-DD (UTC).
    pub date: String,
}

impl From<Match> for MatchView {
    fn from(m: Match) -> Self {
        Self {
            unit: m.unit.0 as u32,
            kind: match m.kind {
                MatchKind::Unit => MatchKindView::Unit,
                MatchKind::Sentence { .. } => MatchKindView::Sentence,
                MatchKind::Joined { .. } => MatchKindView::Joined,
            },
            score: u32::from(m.score.0),
            source: m.source,
            target: m.target,
            diff: m.diff.into_iter().map(DiffWord::from).collect(),
            origin: m.meta.origin,
            date: m.meta.changed_at.date(),
        }
    }
}

/// Open the database and job `id`, and run `work` on them off the UI thread.
pub(crate) async fn on_job<T: Send + 'static>(
    workspace: &Workspace,
    id: u32,
    work: impl FnOnce(&mut TranslationJob, &mut Connection) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let mut conn = store::open(&database)?;
        let mut job = TranslationJob::open(&conn, JobId(i64::from(id)))?;
        work(&mut job, &mut conn)
    })
    .await
}

/// A new job's source and target languages, parsed.
fn languages(src: &str, targets: &[String]) -> Result<(LanguageTag, Vec<LanguageTag>), AppError> {
    let targets = targets
        .iter()
        .map(|t| LanguageTag::parse(t))
        .collect::<Result<_, _>>()?;
    Ok((LanguageTag::parse(src)?, targets))
}

/// Segment `text` (in `src`) with the SRX rules `srx` (the built-in ones without) and
/// save it as a job translated into `targets` (one or two languages).
#[tauri::command]
#[specta::specta]
pub async fn new_translation(
    workspace: State<'_, Workspace>,
    name: String,
    src: String,
    targets: Vec<String>,
    text: String,
    srx: Option<String>,
) -> Result<JobView, AppError> {
    let database = workspace.database()?.to_path_buf();
    let limits = workspace.limits();
    off_the_ui_thread(move || {
        let (src, targets) = languages(&src, &targets)?;
        let mut conn = store::open(&database)?;
        let srx = srx.as_deref();
        let now = Timestamp::now();
        let job = TranslationJob::create(&mut conn, &name, src, targets, &text, srx, &limits, now)?;
        Ok(JobView::from(&job))
    })
    .await
}

/// Read a TXT, DOCX or HTML document (file `file`, whose name gives its format, sent as
/// `upload`), segment it with the SRX rules `srx` (the built-in ones without) and save it
/// as job `name` that keeps the document, so its translation can be exported in the
/// same format.
#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)] // the shell's state, then one field of the form each
pub async fn new_translation_from_document(
    workspace: State<'_, Workspace>,
    uploads: State<'_, Uploads>,
    name: String,
    file: String,
    upload: UploadId,
    src: String,
    targets: Vec<String>,
    srx: Option<String>,
) -> Result<JobView, AppError> {
    let bytes = uploads.take(upload)?;
    let database = workspace.database()?.to_path_buf();
    let limits = workspace.limits();
    off_the_ui_thread(move || {
        let (src, targets) = languages(&src, &targets)?;
        let mut conn = store::open(&database)?;
        let job = TranslationJob::create_from_document(
            &mut conn,
            &name,
            &file,
            &bytes,
            src,
            targets,
            srx.as_deref(),
            &limits,
            Timestamp::now(),
        )?;
        Ok(JobView::from(&job))
    })
    .await
}

/// Save an XLIFF 1.2/2.x file (sent as `upload`) as a job with the file's own segments, languages
/// and targets; `tgt` is the target language when the file names none. The file is kept:
/// the job's "original" export writes its targets back into it.
#[tauri::command]
#[specta::specta]
pub async fn new_translation_from_xliff(
    workspace: State<'_, Workspace>,
    uploads: State<'_, Uploads>,
    name: String,
    upload: UploadId,
    tgt: Option<String>,
) -> Result<JobView, AppError> {
    let bytes = uploads.take(upload)?;
    let database = workspace.database()?.to_path_buf();
    let limits = workspace.limits();
    off_the_ui_thread(move || {
        let tgt = tgt.as_deref().map(LanguageTag::parse).transpose()?;
        let mut conn = store::open(&database)?;
        let now = Timestamp::now();
        let job = TranslationJob::import_xliff(&mut conn, &name, &bytes, tgt, &limits, now)?;
        Ok(JobView::from(&job))
    })
    .await
}

/// Every translation job, most recently changed first.
#[tauri::command]
#[specta::specta]
pub async fn list_translations(
    workspace: State<'_, Workspace>,
) -> Result<Vec<JobSummary>, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let jobs = TranslationJob::list(&store::open(&database)?)?;
        Ok(jobs.into_iter().map(JobSummary::from).collect())
    })
    .await
}

/// Job `id` as saved.
#[tauri::command]
#[specta::specta]
pub async fn open_translation(
    workspace: State<'_, Workspace>,
    id: u32,
) -> Result<JobView, AppError> {
    on_job(&workspace, id, |job, _| Ok(JobView::from(&*job))).await
}

/// The memory's matches for segment `segment` into `lang`, best first (at most nine,
/// one per Ctrl+digit, scoring at least `min`).
#[tauri::command]
#[specta::specta]
pub async fn lookup_matches(
    workspace: State<'_, Workspace>,
    id: u32,
    segment: u32,
    lang: String,
    min: u32,
) -> Result<Vec<MatchView>, AppError> {
    on_job(&workspace, id, move |job, conn| {
        let lang = LanguageTag::parse(&lang)?;
        let min = min.clamp(1, 101) as u8;
        let found = job.matches(conn, segment as usize, &lang, min, 9)?;
        Ok(found.matches.into_iter().map(MatchView::from).collect())
    })
    .await
}

/// Save the translator's unconfirmed `text` for segment `segment` in `lang`.
#[tauri::command]
#[specta::specta]
pub async fn edit_translation(
    workspace: State<'_, Workspace>,
    id: u32,
    segment: u32,
    lang: String,
    text: String,
) -> Result<TargetView, AppError> {
    on_job(&workspace, id, move |job, conn| {
        let lang = LanguageTag::parse(&lang)?;
        let saved = job.edit(conn, segment as usize, &lang, &text, Timestamp::now())?;
        Ok(TargetView::from(saved))
    })
    .await
}

/// Confirm `text` as segment `segment`'s translation into `lang`: saved and written to
/// the memory, with the neighbouring segments as context, before this returns.
#[tauri::command]
#[specta::specta]
pub async fn confirm_translation(
    workspace: State<'_, Workspace>,
    id: u32,
    segment: u32,
    lang: String,
    text: String,
) -> Result<TargetView, AppError> {
    let author = workspace.author();
    let confirmed = on_job(&workspace, id, move |job, conn| {
        let lang = LanguageTag::parse(&lang)?;
        job.confirm(
            conn,
            segment as usize,
            &lang,
            &text,
            author.as_deref(),
            Timestamp::now(),
        )?;
        Ok(TargetView {
            text,
            status: TargetStatus::Confirmed,
        })
    })
    .await?;
    workspace.team().soon();
    Ok(confirmed)
}

/// Count a use of memory unit `unit`: the translator inserted its match into a target.
#[tauri::command]
#[specta::specta]
pub async fn record_match_use(workspace: State<'_, Workspace>, unit: u32) -> Result<(), AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let mut conn = store::open(&database)?;
        TranslationJob::record_match_use(&mut conn, UnitId(i64::from(unit)), Timestamp::now())?;
        Ok(())
    })
    .await
}

/// What a pre-translation filled, and the job as it now reads.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Pretranslation {
    /// Targets filled from 101% matches.
    pub context: u32,
    /// Targets filled from 100% matches.
    pub exact: u32,
    /// Targets filled from fuzzy matches.
    pub fuzzy: u32,
    /// Targets left empty.
    pub empty: u32,
    /// The job.
    pub job: JobView,
}

/// Fill every empty or pre-translated target with its best match scoring at least
/// `min`, reporting progress; `cancel_work` of `work` stops it with nothing written.
#[tauri::command]
#[specta::specta]
pub async fn pretranslate(
    workspace: State<'_, Workspace>,
    long_work: State<'_, LongWork>,
    id: u32,
    min: u32,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<Pretranslation, AppError> {
    let cancel = long_work.claim(work)?;
    on_job(&workspace, id, move |job, conn| {
        let mut report = reporter(&progress, &cancel);
        let min = min.clamp(1, 101) as u8;
        let r = job.pretranslate(conn, min, Timestamp::now(), &mut report)?;
        Ok(Pretranslation {
            context: r.context,
            exact: r.exact,
            fuzzy: r.fuzzy,
            empty: r.empty,
            job: JobView::from(&*job),
        })
    })
    .await
}

/// A file format a translation job exports to.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum JobFormat {
    /// Bilingual XLIFF 2.1, for CAT tools.
    Xliff21,
    /// Bilingual XLIFF 1.2, for older CAT tools.
    Xliff12,
    /// TMX 1.4b of the translated segments.
    Tmx,
    /// The target text as plain text.
    Text,
    /// The document the job was cut from in its own format (TXT, DOCX, HTML), or the
    /// XLIFF it was imported from with its targets written back.
    Original,
}

/// A file a job's export wrote.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExportedJob {
    /// Where it is.
    pub path: String,
    /// How many segments have a translation in it.
    pub translated: u32,
}

/// Export job `id` in target language `lang` as `format` into the exports folder, named
/// after the job and the language; an existing file is never overwritten.
#[tauri::command]
#[specta::specta]
pub async fn export_translation(
    workspace: State<'_, Workspace>,
    id: u32,
    lang: String,
    format: JobFormat,
) -> Result<ExportedJob, AppError> {
    let folder = workspace.exports()?.to_path_buf();
    let limits = workspace.limits();
    let (core, ext) = match format {
        JobFormat::Xliff21 => (JobExport::Xliff(XliffVersion::V2_1), "xlf"),
        JobFormat::Xliff12 => (JobExport::Xliff(XliffVersion::V1_2), "xliff"),
        JobFormat::Tmx => (JobExport::Tmx, "tmx"),
        JobFormat::Text => (JobExport::Text, "txt"),
        JobFormat::Original => (JobExport::Original, ""),
    };
    on_job(&workspace, id, move |job, conn| {
        let lang = LanguageTag::parse(&lang)?;
        let ext = match core {
            // An XLIFF goes back under its own extension, for the tool that wrote it.
            JobExport::Original => match job.original.ok_or(TranslateError::NoOriginal)? {
                SourceFormat::Xliff => ["xlf", "xliff", "sdlxliff", "mqxliff"]
                    .into_iter()
                    .find(|e| job.name.to_ascii_lowercase().ends_with(&format!(".{e}")))
                    .unwrap_or("xlf"),
                format => format.extension(),
            },
            _ => ext,
        };
        // "forum.docx" exports as "forum.en.docx", not "forum.docx.en.docx".
        let name = job
            .name
            .strip_suffix(&format!(".{ext}"))
            .unwrap_or(&job.name);
        let stem = format!("{name}.{lang}");
        // Written whole before the file is made, so a failed export leaves no file.
        let mut bytes = Vec::new();
        let translated = job.export(conn, &lang, core, &limits, &mut bytes)?;
        let (path, mut file) = crate::export::create_unique(&folder, &stem, ext)?;
        file.write_all(&bytes).map_err(TranslateError::Write)?;
        let path = path.display().to_string();
        Ok(ExportedJob {
            path,
            translated: translated as u32,
        })
    })
    .await
}

/// What a QA item finds wrong with a target.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum QaIssueView {
    /// A source term's concept has no term in the target.
    MissingTerm {
        /// The term as the source writes it.
        source_term: String,
        /// The glossary's usable target terms, preferred first.
        expected: Vec<String>,
    },
    /// The target uses a forbidden term.
    ForbiddenTerm {
        /// The term as the target writes it.
        term: String,
    },
    /// Numbers differ.
    Numbers {
        /// The source's numbers missing from the target.
        missing: Vec<String>,
        /// The target's numbers not in the source.
        extra: Vec<String>,
    },
    /// The target's inline codes differ from the source's (as tokens `<1>`, `</1>`, `<1/>`).
    Codes {
        /// The source's codes missing from the target.
        missing: Vec<String>,
        /// Codes the target has that the source does not, or twice.
        extra: Vec<String>,
        /// Codes closed before they open or crossing another pair.
        misnested: Vec<String>,
    },
    /// The target is empty.
    Empty,
    /// The target is the source copied.
    Untranslated,
    /// The same source is translated differently in these other segments.
    InconsistentTarget {
        /// The other segments (0-based).
        others: Vec<u32>,
    },
    /// The same target translates other sources in these segments.
    InconsistentSource {
        /// The other segments (0-based).
        others: Vec<u32>,
    },
}

/// One problem the QA check found.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct QaItemView {
    /// The segment (0-based).
    pub segment: u32,
    /// The target language.
    pub lang: String,
    /// What is wrong.
    pub issue: QaIssueView,
}

impl QaItemView {
    fn new(item: QaItem, job: &TranslationJob) -> Self {
        let segments = |others: Vec<usize>| others.into_iter().map(|o| o as u32).collect();
        let issue = match item.issue {
            JobIssue::MissingTerm {
                source_term,
                expected,
            } => QaIssueView::MissingTerm {
                source_term,
                expected,
            },
            JobIssue::ForbiddenTerm { term } => QaIssueView::ForbiddenTerm { term },
            JobIssue::Numbers { missing, extra } => QaIssueView::Numbers { missing, extra },
            JobIssue::Codes {
                missing,
                extra,
                misnested,
            } => QaIssueView::Codes {
                missing,
                extra,
                misnested,
            },
            JobIssue::Empty => QaIssueView::Empty,
            JobIssue::Untranslated => QaIssueView::Untranslated,
            JobIssue::InconsistentTarget { others } => QaIssueView::InconsistentTarget {
                others: segments(others),
            },
            JobIssue::InconsistentSource { others } => QaIssueView::InconsistentSource {
                others: segments(others),
            },
        };
        Self {
            segment: item.segment as u32,
            lang: job.targets[item.target].to_string(),
            issue,
        }
    }
}

/// Check job `id` against the enabled glossaries and itself (terms, numbers, empty and
/// copied targets, the same source translated differently; with `same_target`, also the
/// same target for different sources), in segment order.
#[tauri::command]
#[specta::specta]
pub async fn check_translation(
    workspace: State<'_, Workspace>,
    id: u32,
    same_target: bool,
) -> Result<Vec<QaItemView>, AppError> {
    on_job(&workspace, id, move |job, conn| {
        let items = job.check_with_glossaries(conn, same_target)?;
        Ok(items.into_iter().map(|i| QaItemView::new(i, job)).collect())
    })
    .await
}
