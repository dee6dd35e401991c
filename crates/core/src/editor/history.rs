//! Undo and redo: every edit is recorded as splices of the bead list.
//!
//! A [`Splice`] replaces a run of beads by another run and keeps both, so the same
//! record undoes (put `before` back) and redoes (put `after` back) the change, and the
//! store can apply it to its rows without rewriting the whole alignment.

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::grid::EditableAlignment;
pub use crate::store::alignments::Splice;

/// One undoable change: the edit the translator asked for and the splices it made, each
/// relative to the beads as the previous splice left them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What was asked for, for "Undo merge" labels.
    pub edit: Edit,
    /// What changed, in the order it was applied.
    pub splices: Vec<Splice>,
}

impl EditableAlignment {
    /// Make `splice`'s change.
    pub(super) fn splice_forward(&mut self, splice: &Splice) {
        let end = splice.at + splice.before.len();
        self.beads
            .splice(splice.at..end, splice.after.iter().cloned());
    }

    /// Take `splice`'s change back.
    pub(super) fn splice_backward(&mut self, splice: &Splice) {
        let end = splice.at + splice.after.len();
        self.beads
            .splice(splice.at..end, splice.before.iter().cloned());
    }

    /// Take back a step made on this alignment (the last one not yet undone).
    pub fn undo_step(&mut self, step: &Step) {
        for splice in step.splices.iter().rev() {
            self.splice_backward(splice);
        }
    }

    /// Make a step again after it was undone.
    pub fn redo_step(&mut self, step: &Step) {
        for splice in &step.splices {
            self.splice_forward(splice);
        }
    }
}

/// How many steps can be undone. A step keeps copies of the beads it replaced, and a
/// realign keeps whole stretches, so an unbounded history would grow the database
/// with every session; a thousand steps is far more than anyone undoes.
pub const HISTORY_LIMIT: usize = 1000;

/// The steps that can be undone, most recent last, and those that can be redone, the
/// next to redo last. A new step clears the redo stack: redoing past it would apply
/// splices to beads they were not made on. Past [`HISTORY_LIMIT`] steps the oldest is
/// forgotten.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Steps to undo, most recent last.
    pub undo: Vec<Step>,
    /// Steps to redo, next last.
    pub redo: Vec<Step>,
}

impl History {
    /// Record a step just made.
    pub fn push(&mut self, step: Step) {
        if self.undo.len() == HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.undo.push(step);
        self.redo.clear();
    }

    /// Undo the most recent step on `alignment`, returning it; `None` when there is none.
    pub fn undo(&mut self, alignment: &mut EditableAlignment) -> Option<&Step> {
        let step = self.undo.pop()?;
        alignment.undo_step(&step);
        self.redo.push(step);
        self.redo.last()
    }

    /// Redo the step undone last on `alignment`, returning it; `None` when there is none.
    pub fn redo(&mut self, alignment: &mut EditableAlignment) -> Option<&Step> {
        let step = self.redo.pop()?;
        alignment.redo_step(&step);
        self.undo.push(step);
        self.undo.last()
    }
}

impl History {
    /// The history as the store keeps it, each step read back from its record.
    pub(super) fn from_stored(
        stored: crate::store::alignments::StoredHistory,
        project: crate::store::alignments::ProjectId,
    ) -> Result<Self, super::EditorError> {
        let read = |records: Vec<String>| {
            records
                .iter()
                .map(|r| serde_json::from_str(r))
                .collect::<Result<Vec<Step>, _>>()
                .map_err(|e| {
                    crate::store::StoreError::Damaged(format!(
                        "alignment {} history: {e}",
                        project.0
                    ))
                })
        };
        Ok(Self {
            undo: read(stored.undo)?,
            redo: read(stored.redo)?,
        })
    }
}
