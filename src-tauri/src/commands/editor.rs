//! The alignment editor: opening a project, editing it, undo and redo, approving.
//!
//! The core's [`AlignmentProject`] saves every step before it answers, so these commands
//! only translate shapes: an edit comes in as an [`EditRequest`], and what changed goes
//! back as [`Patch`]es of the bead list, so a 10,000-bead grid is not resent per key.

use dragoman_core::Timestamp;
use dragoman_core::editor::{self, AlignmentProject, EditBead, NewText, SegmentRef, Splice, Step};
use dragoman_core::store;
use serde::{Deserialize, Serialize};

use dragoman_core::store::Connection;
use tauri::State;
use tauri::ipc::Channel;

use super::alignment::TextToAlign;
use super::work::{Cancel, LongWork, Progress, WorkId, reporter};
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::{OpenProjects, Workspace};

/// A bead as the grid shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct BeadView {
    /// Per column, the bead's segment texts there.
    pub sides: Vec<Vec<String>>,
    /// The aligner's confidence, in `[0, 1]`.
    pub confidence: f32,
    /// An anchor for "realign the rest".
    pub confirmed: bool,
    /// In the memory as it reads now.
    pub approved: bool,
}

impl From<&EditBead> for BeadView {
    fn from(b: &EditBead) -> Self {
        Self {
            sides: b.segments.clone(),
            confidence: b.confidence,
            confirmed: b.confirmed,
            approved: b.approved,
        }
    }
}

fn views(beads: &[EditBead]) -> Vec<BeadView> {
    beads.iter().map(BeadView::from).collect()
}

/// An alignment project as the editor opens it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AlignmentView {
    /// The project's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The language of each column.
    pub langs: Vec<String>,
    /// The document each column came from.
    pub documents: Vec<String>,
    /// The beads in order.
    pub beads: Vec<BeadView>,
    /// Whether there is a step to undo.
    pub can_undo: bool,
    /// Whether there is a step to redo.
    pub can_redo: bool,
}

impl From<&AlignmentProject> for AlignmentView {
    fn from(p: &AlignmentProject) -> Self {
        let a = &p.alignment;
        Self {
            id: p.id.0 as u32,
            name: p.name.clone(),
            langs: a.languages().iter().map(|l| l.to_string()).collect(),
            documents: a.documents().to_vec(),
            beads: views(a.beads()),
            can_undo: !p.history.undo.is_empty(),
            can_redo: !p.history.redo.is_empty(),
        }
    }
}

/// Replace `remove` beads at `at` by `beads`.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Patch {
    /// Index of the first bead replaced.
    pub at: u32,
    /// How many beads are replaced.
    pub remove: u32,
    /// The beads put there.
    pub beads: Vec<BeadView>,
}

/// What one edit, undo or redo changed, as patches to apply in order.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The patches, each relative to the beads as the previous one left them.
    pub patches: Vec<Patch>,
    /// Whether there is now a step to undo.
    pub can_undo: bool,
    /// Whether there is now a step to redo.
    pub can_redo: bool,
}

impl Change {
    fn new(step: &Step, forward: bool, project: &AlignmentProject) -> Self {
        let patch = |s: &Splice| {
            let (gone, put) = if forward {
                (&s.before, &s.after)
            } else {
                (&s.after, &s.before)
            };
            Patch {
                at: s.at as u32,
                remove: gone.len() as u32,
                beads: views(put),
            }
        };
        let patches = if forward {
            step.splices.iter().map(patch).collect()
        } else {
            step.splices.iter().rev().map(patch).collect()
        };
        Self {
            patches,
            can_undo: !project.history.undo.is_empty(),
            can_redo: !project.history.redo.is_empty(),
        }
    }
}

/// A segment of the grid.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
pub struct SegmentAt {
    /// Its bead.
    pub bead: u32,
    /// Its column.
    pub side: u32,
    /// Its place in the cell.
    pub segment: u32,
}

impl From<SegmentAt> for SegmentRef {
    fn from(s: SegmentAt) -> Self {
        SegmentRef {
            bead: s.bead as usize,
            column: s.side as usize,
            segment: s.segment as usize,
        }
    }
}

/// An edit the translator asks for.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum EditRequest {
    /// Join the segment with the next one in its column.
    MergeNext {
        /// The segment.
        at: SegmentAt,
    },
    /// Join the segment with the previous one in its column.
    MergePrevious {
        /// The segment.
        at: SegmentAt,
    },
    /// Cut the segment in two.
    Split {
        /// The segment.
        at: SegmentAt,
        /// Where, as a UTF-8 byte offset of its text.
        offset: u32,
    },
    /// Move the cell's first segment to the end of the previous bead.
    ShiftUp {
        /// The segment.
        at: SegmentAt,
    },
    /// Move the cell's last segment to the start of the next bead.
    ShiftDown {
        /// The segment.
        at: SegmentAt,
    },
    /// Replace the segment's text.
    EditText {
        /// The segment.
        at: SegmentAt,
        /// Its new text.
        text: String,
    },
    /// Remove a bead.
    DeleteBead {
        /// Its index.
        bead: u32,
    },
    /// Put an empty bead before bead `at` (at the end when `at` is the bead count).
    InsertBead {
        /// Where.
        at: u32,
    },
    /// Confirm a bead or take the confirmation back.
    SetConfirmed {
        /// Its index.
        bead: u32,
        /// Confirmed or not.
        confirmed: bool,
    },
    /// Realign everything between confirmed beads.
    RealignRest,
}

impl From<EditRequest> for editor::Edit {
    fn from(r: EditRequest) -> Self {
        use editor::Edit;
        match r {
            EditRequest::MergeNext { at } => Edit::MergeWithNext { at: at.into() },
            EditRequest::MergePrevious { at } => Edit::MergeWithPrevious { at: at.into() },
            EditRequest::Split { at, offset } => Edit::Split {
                at: at.into(),
                offset: offset as usize,
            },
            EditRequest::ShiftUp { at } => Edit::ShiftUp { at: at.into() },
            EditRequest::ShiftDown { at } => Edit::ShiftDown { at: at.into() },
            EditRequest::EditText { at, text } => Edit::EditText {
                at: at.into(),
                text,
            },
            EditRequest::DeleteBead { bead } => Edit::DeleteBead {
                bead: bead as usize,
            },
            EditRequest::InsertBead { at } => Edit::InsertBead { at: at as usize },
            EditRequest::SetConfirmed { bead, confirmed } => Edit::SetConfirmed {
                bead: bead as usize,
                confirmed,
            },
            EditRequest::RealignRest => Edit::RealignRest,
        }
    }
}

/// Run `work` on project `id` with a connection to the user's database, on the blocking
/// pool: what every command on an open project does.
pub(crate) async fn on_project<T: Send + 'static>(
    workspace: &Workspace,
    projects: &OpenProjects,
    id: u32,
    work: impl FnOnce(&mut AlignmentProject, &mut Connection) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let (database, projects) = (workspace.database()?.to_path_buf(), projects.clone());
    off_the_ui_thread(move || projects.with(&database, id, work)).await
}

/// Open (resume) the alignment project `id` where it was left.
#[tauri::command]
#[specta::specta]
pub async fn open_alignment(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    id: u32,
) -> Result<AlignmentView, AppError> {
    on_project(&workspace, &projects, id, |p, _| {
        Ok(AlignmentView::from(&*p))
    })
    .await
}

/// Make an edit and save it; returns what changed.
#[tauri::command]
#[specta::specta]
pub async fn edit_alignment(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    id: u32,
    edit: EditRequest,
) -> Result<Change, AppError> {
    on_project(&workspace, &projects, id, move |p, conn| {
        let step = p.edit(conn, &edit.into(), Timestamp::now())?.clone();
        Ok(Change::new(&step, true, p))
    })
    .await
}

/// Undo (`redo == false`) or redo the last step and save it; returns what changed.
#[tauri::command]
#[specta::specta]
pub async fn undo_alignment(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    id: u32,
    redo: bool,
) -> Result<Change, AppError> {
    on_project(&workspace, &projects, id, move |p, conn| {
        let step = if redo {
            p.redo(conn, Timestamp::now())
        } else {
            p.undo(conn, Timestamp::now())
        };
        let step = step?.clone();
        Ok(Change::new(&step, redo, p))
    })
    .await
}

/// What approving did, and the project as it reads after.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    /// Units added to the memory.
    pub added: u32,
    /// Beads the memory already held as identical units.
    pub duplicates: u32,
    /// Beads approved before, left alone.
    pub already_approved: u32,
    /// Beads with text in fewer than two columns, which make no unit.
    pub too_few_sides: u32,
    /// The project after approving.
    pub alignment: AlignmentView,
}

/// Approve the confirmed beads, and those at or above `min_confidence` when given, into
/// the memory in one transaction, reporting progress on `progress`; `cancel_work` of
/// `work` stops it with nothing written.
#[tauri::command]
#[specta::specta]
pub async fn approve_alignment(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    long_work: State<'_, LongWork>,
    id: u32,
    min_confidence: Option<f32>,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<Approval, AppError> {
    let cancel = long_work.claim(work)?;
    let which = match min_confidence {
        Some(min) => editor::Approve::MinConfidence { min },
        None => editor::Approve::Confirmed,
    };
    let author = workspace.author();
    let approval = on_project(&workspace, &projects, id, move |p, conn| {
        Approval::make(p, conn, which, author.as_deref(), &progress, &cancel)
    })
    .await?;
    workspace.team().soon();
    Ok(approval)
}

impl Approval {
    /// Approve `which` beads of `p` as `author`, sending progress on `progress` and stopping when
    /// `cancel` is requested.
    fn make(
        p: &mut AlignmentProject,
        conn: &mut Connection,
        which: editor::Approve,
        author: Option<&str>,
        progress: &Channel<Progress>,
        cancel: &Cancel,
    ) -> Result<Self, AppError> {
        let mut report = reporter(progress, cancel);
        let now = Timestamp::now();
        let r = p.approve_with_progress(conn, which, author, now, &mut report)?;
        Ok(Self {
            added: r.added as u32,
            duplicates: r.duplicates as u32,
            already_approved: r.already_approved as u32,
            too_few_sides: r.too_few_sides as u32,
            alignment: AlignmentView::from(&*p),
        })
    }
}

/// Segment two or three texts (each by its language's built-in rules or its imported
/// SRX), align them and keep the result as a new project called `name`, reporting each
/// step on `progress`; `cancel_work` of `work` stops it with nothing saved.
#[tauri::command]
#[specta::specta]
pub async fn new_alignment(
    workspace: State<'_, Workspace>,
    long_work: State<'_, LongWork>,
    name: String,
    texts: Vec<TextToAlign>,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<AlignmentView, AppError> {
    let cancel = long_work.claim(work)?;
    let database = workspace.database()?.to_path_buf();
    let limits = workspace.limits();
    off_the_ui_thread(move || {
        let texts = texts
            .into_iter()
            .map(NewText::try_from)
            .collect::<Result<_, _>>()?;
        let mut conn = store::open(&database)?;
        let mut report = reporter(&progress, &cancel);
        let now = Timestamp::now();
        let project =
            AlignmentProject::align_new(&mut conn, &name, texts, now, &limits, &mut report)?;
        Ok(AlignmentView::from(&project))
    })
    .await
}

/// An alignment project as the project list shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    /// The project's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The language of each column.
    pub langs: Vec<String>,
    /// Beads, confirmed beads and approved beads.
    pub beads: u32,
    /// Of which confirmed.
    pub confirmed: u32,
    /// Of which approved.
    pub approved: u32,
}

/// Every alignment project, most recently changed first.
#[tauri::command]
#[specta::specta]
pub async fn list_alignments(
    workspace: State<'_, Workspace>,
) -> Result<Vec<ProjectSummary>, AppError> {
    let database = workspace.database()?.to_path_buf();
    off_the_ui_thread(move || {
        let projects = AlignmentProject::list(&store::open(&database)?)?;
        Ok(projects
            .into_iter()
            .map(|p| ProjectSummary {
                id: p.id.0 as u32,
                name: p.name,
                langs: p.languages.iter().map(|l| l.to_string()).collect(),
                beads: p.beads as u32,
                confirmed: p.confirmed as u32,
                approved: p.approved as u32,
            })
            .collect())
    })
    .await
}

/// A file format an alignment exports to.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// TMX 1.4b, which Trados, memoQ and OmegaT import.
    Tmx,
    /// Tab-separated values with a header of language tags.
    Tsv,
    /// An Excel workbook with the same layout.
    Xlsx,
}

/// A file an export wrote.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Exported {
    /// Where it is.
    pub path: String,
    /// How many beads it holds.
    pub beads: u32,
}

/// Export the project as `format` into the exports folder, named after the project; an
/// existing file is never overwritten (a number is added instead).
#[tauri::command]
#[specta::specta]
pub async fn export_alignment(
    workspace: State<'_, Workspace>,
    projects: State<'_, OpenProjects>,
    id: u32,
    format: ExportFormat,
) -> Result<Exported, AppError> {
    let folder = workspace.exports()?.to_path_buf();
    let (core, ext) = match format {
        ExportFormat::Tmx => (editor::ExportFormat::Tmx, "tmx"),
        ExportFormat::Tsv => (editor::ExportFormat::Tsv, "tsv"),
        ExportFormat::Xlsx => (editor::ExportFormat::Xlsx, "xlsx"),
    };
    on_project(&workspace, &projects, id, move |p, _| {
        let (path, mut file) = crate::export::create_unique(&folder, &p.name, ext)?;
        let beads = editor::export(&p.alignment, core, &mut file)?;
        let path = path.display().to_string();
        Ok(Exported {
            path,
            beads: beads as u32,
        })
    })
    .await
}
