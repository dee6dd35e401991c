//! The alignment editor without its window: what the desktop app calls to let a
//! translator fix an alignment, keep it, approve it into the memory and export it.
//!
//! ## Design
//!
//! - [`EditableAlignment`] (`grid.rs`) is built from the aligner's [`Alignment`] and owns
//!   its segment texts, since the translator rewrites, splits and joins them; each
//!   [`EditBead`] has a column per document, a confidence, a `confirmed` flag (an anchor)
//!   and an `approved` flag (in the memory as it reads).
//! - Every change is an [`Edit`] (`edit.rs`, `realign.rs`) that first computes its effect
//!   as [`Splice`]s of the bead list (replace this run of beads by that one) and fails
//!   with an [`EditorError`] before touching anything. A [`Step`] keeps the splices with
//!   both sides, so one record undoes and redoes (`history.rs`), and the store applies a
//!   splice to its rows instead of rewriting the alignment.
//! - [`AlignmentProject`] (`project.rs`) ties an alignment and its [`History`] to the
//!   store: each edit, undo and redo is written in its own transaction before it is
//!   acknowledged, so closing the app or a crash loses nothing and the undo history
//!   survives a restart.
//! - Approving (`approve.rs`) turns beads into translation units of origin `alignment`
//!   in one transaction; export (`export.rs`) writes TMX 1.4b, TSV and XLSX.
//!
//! [`Alignment`]: crate::document::Alignment

mod approve;
mod create;
mod edit;
mod export;
mod grid;
mod history;
mod project;
mod realign;

#[cfg(test)]
mod tests;

use thiserror::Error;

pub use approve::{ApprovalReport, Approve, PROGRESS_EVERY};
pub use create::NewText;
pub use edit::Edit;
pub use export::{ExportFormat, export};
pub use grid::{EditBead, EditableAlignment, SegmentRef, join_segments};
pub use history::{HISTORY_LIMIT, History, Splice, Step};
pub use project::{AlignmentProject, ProjectId, ProjectInfo};

use crate::align::AlignError;
use crate::store::StoreError;

/// Why an editor operation failed. A failed operation changes nothing, in memory or
/// in the store.
#[derive(Debug, Error)]
pub enum EditorError {
    /// An alignment has two or three documents; the count given is reported.
    #[error("an alignment has 2 or 3 texts, not {0}")]
    DocumentCount(usize),
    /// A bead of the aligner's output does not fit the documents given with it.
    #[error("bead {bead} does not fit the documents")]
    AlignmentMismatch {
        /// Index of the bead.
        bead: usize,
    },
    /// The bead index is past the end.
    #[error("there is no bead {bead}")]
    NoSuchBead {
        /// The index given.
        bead: usize,
    },
    /// The column index is not one of the alignment's texts.
    #[error("there is no column {column}")]
    NoSuchColumn {
        /// The index given.
        column: usize,
    },
    /// The bead has no such segment in that column.
    #[error("bead {} has no segment {} in column {}", at.bead, at.segment, at.column)]
    NoSuchSegment {
        /// The segment asked for.
        at: SegmentRef,
    },
    /// Merging with the next segment, but the column has none after this one.
    #[error("no segment follows this one in its column")]
    NoNextSegment {
        /// The segment.
        at: SegmentRef,
    },
    /// Merging with the previous segment, but the column has none before this one.
    #[error("no segment precedes this one in its column")]
    NoPreviousSegment {
        /// The segment.
        at: SegmentRef,
    },
    /// A split offset that is not strictly inside the text at a character boundary, or
    /// that would leave a part with nothing but spaces.
    #[error("cannot split the segment at byte {offset}")]
    BadSplitOffset {
        /// The segment.
        at: SegmentRef,
        /// The offset given.
        offset: usize,
    },
    /// Shifting a segment that is not the first (up) or last (down) of its bead's
    /// column: moving it would put segments out of order.
    #[error("only the first segment of a bead shifts up and only the last shifts down")]
    NotAtBeadEdge {
        /// The segment.
        at: SegmentRef,
    },
    /// A segment's new text is blank.
    #[error("a segment cannot be blank")]
    BlankText {
        /// The segment.
        at: SegmentRef,
    },
    /// Undo with no step left to undo.
    #[error("nothing to undo")]
    NothingToUndo,
    /// Redo with no undone step left to redo (a new edit drops the undone steps).
    #[error("nothing to redo")]
    NothingToRedo,
    /// No alignment project has this id.
    #[error("there is no alignment project {0}")]
    NoSuchProject(i64),
    /// Realigning a stretch failed.
    #[error(transparent)]
    Align(#[from] AlignError),
    /// A text's SRX segmentation rules could not be used.
    #[error("segmentation rules for {document}: {source}")]
    Rules {
        /// The text the rules were for.
        document: String,
        /// What is wrong with them.
        source: crate::segment::SegmentError,
    },
    /// The caller asked to stop; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An export could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// The XLSX export could not be built.
    #[error("cannot build the workbook: {0}")]
    Workbook(String),
}
