//! The edit operations. Each one first works out its splices from the current beads,
//! failing without touching anything, and only then applies them.
//!
//! A bead whose text changes loses its `approved` mark: the memory holds the old text,
//! so the bead must be approved again. A bead that an edit leaves without any segment
//! disappears; only [`Edit::InsertBead`] makes an empty bead on purpose.

use serde::{Deserialize, Serialize};

use super::EditorError;
use super::grid::{EditBead, EditableAlignment, SegmentRef, join_segments};
use super::history::{Splice, Step};
use crate::align::AlignOptions;
use crate::store::StoreError;
use crate::store::units::Unstorable;

/// An operation the translator asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Join the segment with the next one in its column, in this bead or a later one.
    MergeWithNext {
        /// The segment.
        at: SegmentRef,
    },
    /// Join the segment with the previous one in its column, in this bead or an earlier
    /// one; the joined segment stays where the previous one was.
    MergeWithPrevious {
        /// The segment.
        at: SegmentRef,
    },
    /// Cut the segment in two at a byte offset of its text; both parts stay in the bead.
    Split {
        /// The segment.
        at: SegmentRef,
        /// Byte offset in the segment's UTF-8 text, strictly inside it.
        offset: usize,
    },
    /// Move the first segment of a bead's column to the end of the previous bead's
    /// column (a new bead when there is none before).
    ShiftUp {
        /// The segment; it must be the first in its bead's column.
        at: SegmentRef,
    },
    /// Move the last segment of a bead's column to the start of the next bead's column
    /// (a new bead when there is none after).
    ShiftDown {
        /// The segment; it must be the last in its bead's column.
        at: SegmentRef,
    },
    /// Replace the segment's text.
    EditText {
        /// The segment.
        at: SegmentRef,
        /// Its new text; it must not be blank.
        text: String,
    },
    /// Remove a bead with all its segments.
    DeleteBead {
        /// Index of the bead.
        bead: usize,
    },
    /// Put an empty bead before bead `at` (at the end when `at` is the bead count).
    InsertBead {
        /// Where the new bead goes.
        at: usize,
    },
    /// Confirm a bead (make it an anchor) or take the confirmation back.
    SetConfirmed {
        /// Index of the bead.
        bead: usize,
        /// Confirmed or not.
        confirmed: bool,
    },
    /// Realign everything between confirmed beads, with the aligner's default options.
    RealignRest,
}

impl EditableAlignment {
    /// Make `edit`, returning the step that undoes and redoes it. On error nothing
    /// changes.
    pub fn apply(&mut self, edit: &Edit) -> Result<Step, EditorError> {
        let splices = match edit {
            Edit::MergeWithNext { at } => vec![self.merge_with_next(*at)?],
            Edit::MergeWithPrevious { at } => {
                let previous = self.previous_segment(*at)?;
                vec![self.merge_with_next(previous)?]
            }
            Edit::Split { at, offset } => vec![self.split(*at, *offset)?],
            Edit::ShiftUp { at } => vec![self.shift_up(*at)?],
            Edit::ShiftDown { at } => vec![self.shift_down(*at)?],
            Edit::EditText { at, text } => vec![self.edit_text(*at, text)?],
            Edit::DeleteBead { bead } => vec![Splice {
                at: *bead,
                before: vec![self.bead(*bead)?.clone()],
                after: Vec::new(),
            }],
            Edit::InsertBead { at } => {
                if *at > self.beads.len() {
                    return Err(EditorError::NoSuchBead { bead: *at });
                }
                vec![Splice {
                    at: *at,
                    before: Vec::new(),
                    after: vec![EditBead::empty(self.columns())],
                }]
            }
            Edit::SetConfirmed { bead, confirmed } => {
                let before = self.bead(*bead)?.clone();
                let mut after = before.clone();
                after.confirmed = *confirmed;
                vec![Splice {
                    at: *bead,
                    before: vec![before],
                    after: vec![after],
                }]
            }
            Edit::RealignRest => self.realign_splices(&AlignOptions::default())?,
        };
        for splice in &splices {
            self.splice_forward(splice);
        }
        Ok(Step {
            edit: edit.clone(),
            splices,
        })
    }

    fn bead(&self, bead: usize) -> Result<&EditBead, EditorError> {
        self.beads.get(bead).ok_or(EditorError::NoSuchBead { bead })
    }

    /// The segment before `at` in its column, in the same bead or the nearest earlier
    /// bead with a segment in that column.
    fn previous_segment(&self, at: SegmentRef) -> Result<SegmentRef, EditorError> {
        self.segment(at)?;
        if at.segment > 0 {
            return Ok(SegmentRef {
                segment: at.segment - 1,
                ..at
            });
        }
        let bead = (0..at.bead)
            .rev()
            .find(|&b| !self.beads[b].segments[at.column].is_empty())
            .ok_or(EditorError::NoPreviousSegment { at })?;
        Ok(SegmentRef {
            bead,
            column: at.column,
            segment: self.beads[bead].segments[at.column].len() - 1,
        })
    }

    fn merge_with_next(&self, at: SegmentRef) -> Result<Splice, EditorError> {
        let text = self.segment(at)?;
        let lang = &self.languages[at.column];
        let (c, s) = (at.column, at.segment);
        let mut first = self.beads[at.bead].clone();
        first.approved = false;
        if s + 1 < first.segments[c].len() {
            let next = first.segments[c].remove(s + 1);
            first.segments[c][s] = join_segments(lang, text, &next);
            return Ok(Splice {
                at: at.bead,
                before: vec![self.beads[at.bead].clone()],
                after: vec![first],
            });
        }
        let last = (at.bead + 1..self.beads.len())
            .find(|&b| !self.beads[b].segments[c].is_empty())
            .ok_or(EditorError::NoNextSegment { at })?;
        let before = self.beads[at.bead..=last].to_vec();
        let mut after = before.clone();
        let mut donor = after.pop().expect("the range holds the next bead");
        donor.approved = false;
        let next = donor.segments[c].remove(0);
        first.segments[c][s] = join_segments(lang, text, &next);
        after[0] = first;
        if !donor.is_empty() {
            after.push(donor);
        }
        Ok(Splice {
            at: at.bead,
            before,
            after,
        })
    }

    fn split(&self, at: SegmentRef, offset: usize) -> Result<Splice, EditorError> {
        let text = self.segment(at)?;
        if offset == 0 || offset >= text.len() || !text.is_char_boundary(offset) {
            return Err(EditorError::BadSplitOffset { at, offset });
        }
        let (left, right) = (text[..offset].trim_end(), text[offset..].trim_start());
        if left.is_empty() || right.is_empty() {
            return Err(EditorError::BadSplitOffset { at, offset });
        }
        let mut bead = self.beads[at.bead].clone();
        bead.approved = false;
        let column = &mut bead.segments[at.column];
        column[at.segment] = left.to_string();
        column.insert(at.segment + 1, right.to_string());
        Ok(Splice {
            at: at.bead,
            before: vec![self.beads[at.bead].clone()],
            after: vec![bead],
        })
    }

    fn shift_up(&self, at: SegmentRef) -> Result<Splice, EditorError> {
        self.segment(at)?;
        if at.segment != 0 {
            return Err(EditorError::NotAtBeadEdge { at });
        }
        let mut source = self.beads[at.bead].clone();
        source.approved = false;
        let moved = source.segments[at.column].remove(0);
        let (start, mut target) = match at.bead.checked_sub(1) {
            Some(b) => (b, self.beads[b].clone()),
            None => (at.bead, EditBead::empty(self.columns())),
        };
        target.approved = false;
        target.segments[at.column].push(moved);
        let mut after = vec![target];
        if !source.is_empty() {
            after.push(source);
        }
        Ok(Splice {
            at: start,
            before: self.beads[start..=at.bead].to_vec(),
            after,
        })
    }

    fn shift_down(&self, at: SegmentRef) -> Result<Splice, EditorError> {
        self.segment(at)?;
        if at.segment + 1 != self.beads[at.bead].segments[at.column].len() {
            return Err(EditorError::NotAtBeadEdge { at });
        }
        let mut source = self.beads[at.bead].clone();
        source.approved = false;
        let moved = source.segments[at.column]
            .pop()
            .expect("the segment exists");
        let next = at.bead + 1;
        let (end, mut target) = match self.beads.get(next) {
            Some(bead) => (next, bead.clone()),
            None => (at.bead, EditBead::empty(self.columns())),
        };
        target.approved = false;
        target.segments[at.column].insert(0, moved);
        let mut after = Vec::with_capacity(2);
        if !source.is_empty() {
            after.push(source);
        }
        after.push(target);
        Ok(Splice {
            at: at.bead,
            before: self.beads[at.bead..=end].to_vec(),
            after,
        })
    }

    fn edit_text(&self, at: SegmentRef, text: &str) -> Result<Splice, EditorError> {
        self.segment(at)?;
        let text = text.trim();
        if text.is_empty() {
            return Err(EditorError::BlankText { at });
        }
        if let Some(bad) = Unstorable::in_text(&self.languages[at.column], text) {
            return Err(StoreError::Unstorable(bad).into());
        }
        let mut bead = self.beads[at.bead].clone();
        bead.approved = false;
        bead.segments[at.column][at.segment] = text.to_string();
        Ok(Splice {
            at: at.bead,
            before: vec![self.beads[at.bead].clone()],
            after: vec![bead],
        })
    }
}
