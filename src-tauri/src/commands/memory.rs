//! The Memory view: browsing the translation memory a page at a time, editing, deleting
//! and merging units, statistics, and importing and exporting TMX and TSV/CSV.
//!
//! Times cross IPC as TMX dates (`20250101T120000Z`) and dates the UI's date inputs
//! give (`2025-01-01`); unit ids as `u32`, as the other views' ids.

use std::collections::HashSet;

use dragoman_core::LanguageTag;
use dragoman_core::Timestamp;
use dragoman_core::store::team_conflict::ConflictText;
use dragoman_core::store::units::UnitFilter;
use dragoman_core::store::units::versions::UnitVersion;
use dragoman_core::tm::exchange::{self, ImportReport};
use dragoman_core::tm::maintenance::{Browse, Likeness, UnitConditions, UnitDetails};
use dragoman_core::tm::{ImportOptions, Memory, TranslationUnit, UnitId};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use super::upload::{UploadId, Uploads};
use super::work::{Cancel, LongWork, Progress, WorkId, reporter};
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// A unit's text in one language.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct VariantView {
    /// Its language tag.
    pub lang: String,
    /// The text as stored.
    pub text: String,
}

/// A translation unit as the Memory view lists it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UnitView {
    /// The unit's id.
    pub id: u32,
    /// One per language, in the order stored.
    pub variants: Vec<VariantView>,
    /// Where it came from (`alignment`, `translation`, `import:<file>`).
    pub origin: String,
    /// When it was created, as a TMX date.
    pub created_at: String,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed, as a TMX date.
    pub changed_at: String,
    /// Who changed it last.
    pub changed_by: Option<String>,
    /// How often a translator used it.
    pub use_count: u32,
    /// When a translator last used it, as a TMX date.
    pub last_used_at: Option<String>,
    /// Its client.
    pub client: Option<String>,
    /// Its subject domain.
    pub domain: Option<String>,
    /// Its project.
    pub project: Option<String>,
    /// Its notes, in order.
    pub notes: Vec<String>,
    /// Whether the team's sync replaced a text of it in a conflict (see `unit_versions`).
    pub conflict: bool,
}

impl UnitView {
    fn new(id: UnitId, u: &TranslationUnit) -> Self {
        let m = &u.meta;
        Self {
            id: id.0 as u32,
            variants: u
                .variants
                .iter()
                .map(|v| VariantView {
                    lang: v.lang.to_string(),
                    text: v.text.clone(),
                })
                .collect(),
            origin: m.origin.clone(),
            created_at: m.created_at.to_tmx(),
            created_by: m.created_by.clone(),
            changed_at: m.changed_at.to_tmx(),
            changed_by: m.changed_by.clone(),
            use_count: m.use_count,
            last_used_at: m.last_used_at.map(|t| t.to_tmx()),
            client: m.client.clone(),
            domain: m.domain.clone(),
            project: m.project.clone(),
            notes: m.notes.clone(),
            conflict: false,
        }
    }
}

/// Which units to show: every condition given must hold.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryQuery {
    /// Words in any language's text.
    pub text: Option<String>,
    /// With `text`, its inflected forms too.
    pub inflected: bool,
    /// Units with text in each of these languages.
    pub langs: Vec<String>,
    /// The origin, or its start followed by `*`.
    pub origin: Option<String>,
    /// Changed on or after this day (`YYYY-MM-DD`).
    pub changed_from: Option<String>,
    /// Changed on or before this day (`YYYY-MM-DD`).
    pub changed_to: Option<String>,
    /// The client.
    pub client: Option<String>,
    /// The subject domain.
    pub domain: Option<String>,
    /// The project.
    pub project: Option<String>,
}

fn day(date: Option<&str>, end: bool) -> Result<Option<Timestamp>, AppError> {
    let Some(date) = date.filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let start = Timestamp::parse_date(date).ok_or_else(|| AppError::InvalidDate {
        date: date.to_string(),
    })?;
    // "To" a day includes that whole day.
    Ok(Some(if end {
        Timestamp(start.0 + 86_400)
    } else {
        start
    }))
}

fn langs(tags: &[String]) -> Result<Vec<LanguageTag>, AppError> {
    Ok(tags
        .iter()
        .map(|t| LanguageTag::parse(t))
        .collect::<Result<_, _>>()?)
}

fn given(s: &Option<String>) -> Option<String> {
    s.clone().filter(|s| !s.trim().is_empty())
}

impl MemoryQuery {
    fn browse(&self, after: Option<u32>, limit: u32) -> Result<Browse, AppError> {
        Ok(Browse {
            text: given(&self.text),
            inflected: self.inflected,
            conditions: UnitConditions {
                langs: langs(&self.langs)?,
                origin: given(&self.origin),
                changed_since: day(self.changed_from.as_deref(), false)?,
                changed_before: day(self.changed_to.as_deref(), true)?,
                client: given(&self.client),
                domain: given(&self.domain),
                project: given(&self.project),
            },
            after: after.map(|a| UnitId(i64::from(a))),
            limit: limit.clamp(1, 500) as usize,
        })
    }

    fn filter(&self) -> Result<UnitFilter, AppError> {
        Ok(UnitFilter {
            ids: Vec::new(),
            langs: langs(&self.langs)?,
            origin: given(&self.origin),
            changed_since: day(self.changed_from.as_deref(), false)?,
            changed_before: day(self.changed_to.as_deref(), true)?,
        })
    }
}

/// A page of units, newest first.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MemoryPage {
    /// The units.
    pub units: Vec<UnitView>,
    /// Where the next page starts (its `after`), when units may follow.
    pub next: Option<u32>,
}

async fn on_memory<T: Send + 'static>(
    workspace: &Workspace,
    work: impl FnOnce(&mut Memory) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || work(&mut Memory::open(&database)?)).await
}

/// Up to `limit` units `query` selects, below unit `after` (the last one shown).
#[tauri::command]
#[specta::specta]
pub async fn browse_memory(
    workspace: State<'_, Workspace>,
    query: MemoryQuery,
    after: Option<u32>,
    limit: u32,
) -> Result<MemoryPage, AppError> {
    let browse = query.browse(after, limit)?;
    on_memory(&workspace, move |memory| {
        let page = memory.browse(&browse)?;
        let conflicted: HashSet<UnitId> = memory.conflicted()?.into_iter().collect();
        Ok(MemoryPage {
            units: page
                .units
                .iter()
                .map(|(id, u)| UnitView {
                    conflict: conflicted.contains(id),
                    ..UnitView::new(*id, u)
                })
                .collect(),
            next: page.next.map(|id| id.0 as u32),
        })
    })
    .await
}

/// Set unit `id`'s text in `lang`; the memory's indexes follow.
#[tauri::command]
#[specta::specta]
pub async fn edit_unit_text(
    workspace: State<'_, Workspace>,
    id: u32,
    lang: String,
    text: String,
) -> Result<UnitView, AppError> {
    let lang = LanguageTag::parse(&lang)?;
    let author = workspace.author();
    on_memory(&workspace, move |memory| {
        let unit = UnitId(i64::from(id));
        let edited = memory.set_text(unit, &lang, &text, author.as_deref())?;
        Ok(UnitView::new(unit, &edited))
    })
    .await
}

/// A text a unit held before a correction replaced it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UnitVersionView {
    /// The language.
    pub lang: String,
    /// The text as it was.
    pub text: String,
    /// When it was written, `YYYY-MM-DD`.
    pub written: String,
    /// Who wrote it, when known.
    pub written_by: Option<String>,
    /// When it was replaced, `YYYY-MM-DD`.
    pub replaced: String,
    /// Replaced by a team member's conflicting change (made on an older version).
    pub conflict: bool,
    /// The team member whose change replaced it, for a conflict.
    pub replaced_by: Option<String>,
}

/// Unit `id`'s earlier texts, the latest replaced first: its own corrections and the
/// texts team conflicts replaced (one entry where both hold the same text).
#[tauri::command]
#[specta::specta]
pub async fn unit_versions(
    workspace: State<'_, Workspace>,
    id: u32,
) -> Result<Vec<UnitVersionView>, AppError> {
    on_memory(&workspace, move |memory| {
        let unit = UnitId(i64::from(id));
        let mut versions: Vec<(Timestamp, UnitVersionView)> = memory
            .versions(unit)?
            .into_iter()
            .map(|v| (v.replaced_at, UnitVersionView::own(v)))
            .collect();
        for c in memory.conflicts(unit)? {
            match versions
                .iter_mut()
                .find(|(_, v)| v.lang == c.lang && v.text == c.text)
            {
                Some((_, same)) => {
                    same.conflict = true;
                    same.replaced_by = Some(c.replaced_by);
                }
                None => versions.push((c.replaced_at, UnitVersionView::conflict(c))),
            }
        }
        versions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        Ok(versions.into_iter().map(|(_, v)| v).collect())
    })
    .await
}

impl UnitVersionView {
    fn own(v: UnitVersion) -> Self {
        Self {
            lang: v.lang,
            text: v.text,
            written: v.written_at.date(),
            written_by: v.written_by,
            replaced: v.replaced_at.date(),
            conflict: false,
            replaced_by: None,
        }
    }

    fn conflict(c: ConflictText) -> Self {
        Self {
            lang: c.lang,
            text: c.text,
            written: c.written_at.date(),
            written_by: c.written_by,
            replaced: c.replaced_at.date(),
            conflict: true,
            replaced_by: Some(c.replaced_by),
        }
    }
}

/// The units holding a text a team conflict replaced, the latest conflict first.
#[tauri::command]
#[specta::specta]
pub async fn conflicted_units(workspace: State<'_, Workspace>) -> Result<MemoryPage, AppError> {
    on_memory(&workspace, move |memory| {
        let mut units = Vec::new();
        for id in memory.conflicted()? {
            if let Some(u) = memory.unit(id)? {
                units.push(UnitView {
                    conflict: true,
                    ..UnitView::new(id, &u)
                });
            }
        }
        Ok(MemoryPage { units, next: None })
    })
    .await
}

/// Whether the memory keeps several translations of one source.
#[tauri::command]
#[specta::specta]
pub async fn keeps_several_translations(workspace: State<'_, Workspace>) -> Result<bool, AppError> {
    on_memory(
        &workspace,
        |memory| Ok(memory.keeps_several_translations()?),
    )
    .await
}

/// Keep several translations of one source (`true`), or correct the one kept (`false`).
#[tauri::command]
#[specta::specta]
pub async fn keep_several_translations(
    workspace: State<'_, Workspace>,
    several: bool,
) -> Result<(), AppError> {
    on_memory(&workspace, move |memory| {
        Ok(memory.keep_several_translations(several)?)
    })
    .await
}

/// A unit's details as the edit form sends them.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct DetailsEdit {
    /// The client ("" for none).
    pub client: String,
    /// The subject domain ("" for none).
    pub domain: String,
    /// The project ("" for none).
    pub project: String,
    /// The notes, in order.
    pub notes: Vec<String>,
}

/// Replace unit `id`'s client, domain, project and notes.
#[tauri::command]
#[specta::specta]
pub async fn edit_unit_details(
    workspace: State<'_, Workspace>,
    id: u32,
    details: DetailsEdit,
) -> Result<UnitView, AppError> {
    let details = UnitDetails {
        client: Some(details.client),
        domain: Some(details.domain),
        project: Some(details.project),
        notes: details
            .notes
            .into_iter()
            .filter(|n| !n.trim().is_empty())
            .collect(),
    };
    let author = workspace.author();
    on_memory(&workspace, move |memory| {
        let unit = UnitId(i64::from(id));
        let edited = memory.set_details(unit, &details, author.as_deref())?;
        Ok(UnitView::new(unit, &edited))
    })
    .await
}

/// Delete the units `ids` in one transaction; returns how many there were.
#[tauri::command]
#[specta::specta]
pub async fn delete_units(workspace: State<'_, Workspace>, ids: Vec<u32>) -> Result<u32, AppError> {
    let ids: Vec<UnitId> = ids.into_iter().map(|id| UnitId(i64::from(id))).collect();
    on_memory(&workspace, move |memory| {
        Ok(memory.delete(&ids)?.deleted as u32)
    })
    .await
}

/// Units alike in a language pair.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DuplicateGroupView {
    /// `true` when identical after normalisation (safe to merge), `false` when the
    /// source is the same and the targets differ (the translator picks).
    pub identical: bool,
    /// The units, oldest first.
    pub units: Vec<UnitView>,
}

/// Up to 100 groups of duplicate units between `src` and `tgt`.
#[tauri::command]
#[specta::specta]
pub async fn find_duplicates(
    workspace: State<'_, Workspace>,
    src: String,
    tgt: String,
) -> Result<Vec<DuplicateGroupView>, AppError> {
    let (src, tgt) = (LanguageTag::parse(&src)?, LanguageTag::parse(&tgt)?);
    on_memory(&workspace, move |memory| {
        let mut groups = Vec::new();
        for g in memory.duplicates(&src, &tgt, 100)? {
            let mut units = Vec::new();
            for id in g.units {
                if let Some(u) = memory.unit(id)? {
                    units.push(UnitView::new(id, &u));
                }
            }
            groups.push(DuplicateGroupView {
                identical: g.likeness == Likeness::Identical,
                units,
            });
        }
        Ok(groups)
    })
    .await
}

/// Merge the units `others` into unit `keep`, which stays.
#[tauri::command]
#[specta::specta]
pub async fn merge_units(
    workspace: State<'_, Workspace>,
    keep: u32,
    others: Vec<u32>,
) -> Result<UnitView, AppError> {
    let others: Vec<UnitId> = others.into_iter().map(|id| UnitId(i64::from(id))).collect();
    on_memory(&workspace, move |memory| {
        let keep = UnitId(i64::from(keep));
        let merged = memory.merge(keep, &others)?;
        Ok(UnitView::new(keep, &merged))
    })
    .await
}

/// A count under a name (a language pair "en–ru", an origin).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Counted {
    /// What is counted.
    pub name: String,
    /// How many units.
    pub units: u32,
}

/// What the memory holds.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryStats {
    /// Translation units.
    pub units: u32,
    /// Units per language pair, most first.
    pub pairs: Vec<Counted>,
    /// Units per origin, most first.
    pub origins: Vec<Counted>,
    /// The earliest creation, as a TMX date.
    pub first_created: Option<String>,
    /// The latest change, as a TMX date.
    pub last_changed: Option<String>,
    /// The database file's size in bytes (as a float: files may pass 4 GiB).
    pub file_bytes: f64,
}

/// Count what the memory holds.
#[tauri::command]
#[specta::specta]
pub async fn memory_stats(workspace: State<'_, Workspace>) -> Result<MemoryStats, AppError> {
    on_memory(&workspace, |memory| {
        let o = memory.overview()?;
        let counted = |name: String, n: u64| Counted {
            name,
            units: n as u32,
        };
        Ok(MemoryStats {
            units: o.units as u32,
            pairs: o
                .pairs
                .into_iter()
                .map(|(a, b, n)| counted(format!("{a}–{b}"), n))
                .collect(),
            origins: o
                .origins
                .into_iter()
                .map(|(name, n)| counted(name, n))
                .collect(),
            first_created: o.span.map(|s| s.0.to_tmx()),
            last_changed: o.span.map(|s| s.1.to_tmx()),
            file_bytes: o.file_bytes as f64,
        })
    })
    .await
}

/// What to do with an imported unit the memory already has.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum DuplicatePolicy {
    /// Identical units are not added again; their metadata is merged.
    Skip,
    /// A unit replaces the stored units with its source segment.
    Overwrite,
    /// Every unit is added.
    Keep,
}

/// A unit an import left out.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RejectedUnit {
    /// Its line in the file.
    pub line: u32,
    /// Why.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportSummary {
    /// Units added.
    pub added: u32,
    /// Units already stored, nothing new.
    pub skipped: u32,
    /// Units already stored whose metadata was merged in.
    pub merged: u32,
    /// Units that replaced stored ones.
    pub overwritten: u32,
    /// Units left out, with their lines.
    pub rejected: Vec<RejectedUnit>,
}

impl From<ImportReport> for ImportSummary {
    fn from(r: ImportReport) -> Self {
        Self {
            added: r.added as u32,
            skipped: r.skipped as u32,
            merged: r.merged as u32,
            overwritten: r.overwritten as u32,
            rejected: r
                .rejected
                .into_iter()
                .map(|r| RejectedUnit {
                    line: r.line as u32,
                    reason: r.reason,
                })
                .collect(),
        }
    }
}

/// Import the memory file `name` (TMX or a table, told by its name and content) sent as
/// `upload`, in one transaction, reporting progress on `progress`; `cancel_work` of
/// `work` rolls it back.
#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)] // the shell's state, then one question of the import dialog each
pub async fn import_memory(
    workspace: State<'_, Workspace>,
    long_work: State<'_, LongWork>,
    uploads: State<'_, Uploads>,
    upload: UploadId,
    name: String,
    policy: DuplicatePolicy,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<ImportSummary, AppError> {
    let cancel = long_work.claim(work)?;
    let bytes = uploads.take(upload)?;
    import_memory_file(&workspace, cancel, name, policy, bytes, progress).await
}

/// [`import_memory`] once the file's bytes and its cancel flag are in hand.
async fn import_memory_file(
    workspace: &Workspace,
    cancel: Cancel,
    name: String,
    policy: DuplicatePolicy,
    bytes: Vec<u8>,
    progress: Channel<Progress>,
) -> Result<ImportSummary, AppError> {
    let policy = match policy {
        DuplicatePolicy::Skip => exchange::DuplicatePolicy::Skip,
        DuplicatePolicy::Overwrite => exchange::DuplicatePolicy::Overwrite,
        DuplicatePolicy::Keep => exchange::DuplicatePolicy::Keep,
    };
    let limits = workspace.limits();
    on_memory(workspace, move |memory| {
        let mut report = reporter(&progress, &cancel);
        let options = ImportOptions {
            policy,
            at: Timestamp::now(),
            alone: false,
            limits,
        };
        let total = bytes.len();
        let imported = memory
            .import(&name, &bytes[..], &options, |done, rows| match rows {
                Some(rows) => report(done as usize, rows as usize),
                // A TMX file's units are not counted before parsing; its bytes are, and
                // a unit is some hundreds of them.
                None => report((done as usize * 300).min(total), total),
            })
            .map_err(|e| AppError::memory_import(&name, e))?;
        Ok(imported.into())
    })
    .await
}

/// A memory export's file format.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum MemoryFormat {
    /// TMX 1.4b.
    Tmx,
    /// A column per language.
    Tsv,
}

/// Where an export went.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExportedMemory {
    /// The file written.
    pub path: String,
    /// Units in it.
    pub units: u32,
}

/// Write the units `query` selects (its languages, origin and dates) as `format` to a
/// new file in the exports folder.
#[tauri::command]
#[specta::specta]
pub async fn export_memory(
    workspace: State<'_, Workspace>,
    query: MemoryQuery,
    format: MemoryFormat,
) -> Result<ExportedMemory, AppError> {
    let folder = workspace.exports()?.to_path_buf();
    let filter = query.filter()?;
    on_memory(&workspace, move |memory| {
        let stem = if filter.langs.is_empty() {
            "memory".to_string()
        } else {
            let tags: Vec<&str> = filter.langs.iter().map(LanguageTag::as_str).collect();
            format!("memory.{}", tags.join("-"))
        };
        let (path, file) = match format {
            MemoryFormat::Tmx => crate::export::create_unique(&folder, &stem, "tmx")?,
            MemoryFormat::Tsv => crate::export::create_unique(&folder, &stem, "tsv")?,
        };
        let out = std::io::BufWriter::new(file);
        let units = match format {
            MemoryFormat::Tmx => memory.export_tmx(&filter, filter.langs.first().cloned(), out),
            MemoryFormat::Tsv => memory.export_table(&filter, &filter.langs, out),
        }
        .map_err(|e| AppError::memory_export(&path, e))?;
        Ok(ExportedMemory {
            path: path.display().to_string(),
            units: units as u32,
        })
    })
    .await
}
