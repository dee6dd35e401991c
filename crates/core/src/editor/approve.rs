//! Approving beads into the translation memory.
//!
//! Each chosen bead with text in two or more columns becomes a unit of origin
//! `alignment`, its variants the bead's text per language with the neighbouring beads'
//! text as context, all in one transaction with the beads' `approved` marks. Beads
//! already approved are not sent again, and a unit the memory already holds identically
//! is not added twice (the memory's duplicate check), so approving again only adds what
//! changed. The marks are not part of the undo history: the memory keeps the units
//! whatever the editor undoes.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use super::EditorError;
use super::grid::EditableAlignment;
use super::project::AlignmentProject;
use crate::Timestamp;
use crate::store::units::Writer;
use crate::store::{Connection, alignments, settings};
use crate::tm::exchange::{ImportReport, store_confirmed};
use crate::tm::{TranslationUnit, UnitMetadata, Variant, origin};

/// How often, in beads, an approval reports its progress.
pub const PROGRESS_EVERY: usize = 256;

/// Which beads to approve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "beads", rename_all = "snake_case")]
pub enum Approve {
    /// The confirmed beads.
    Confirmed,
    /// Every bead whose confidence is at least `min`, and the confirmed ones.
    MinConfidence {
        /// The threshold, in `[0, 1]`.
        min: f32,
    },
}

/// What approving did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalReport {
    /// Units added to the memory.
    pub added: u64,
    /// Beads the memory already held as identical units (not added again).
    pub duplicates: u64,
    /// Chosen beads already marked approved, left alone.
    pub already_approved: u64,
    /// Chosen beads with text in fewer than two columns, which make no unit.
    pub too_few_sides: u64,
}

impl AlignmentProject {
    /// Approve the beads `which` selects into the memory held in the same store, as
    /// `user` at `now`.
    pub fn approve(
        &mut self,
        conn: &mut Connection,
        which: Approve,
        user: Option<&str>,
        now: Timestamp,
    ) -> Result<ApprovalReport, EditorError> {
        self.approve_with_progress(
            conn,
            which,
            user,
            now,
            &mut |_, _| ControlFlow::Continue(()),
        )
    }

    /// [`approve`](Self::approve), telling `progress` how many beads of how many were
    /// looked at every [`PROGRESS_EVERY`] beads and at the end. When `progress` breaks,
    /// the approval stops with [`EditorError::Cancelled`] and nothing is written: the
    /// transaction is never committed.
    pub fn approve_with_progress(
        &mut self,
        conn: &mut Connection,
        which: Approve,
        user: Option<&str>,
        now: Timestamp,
        progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
    ) -> Result<ApprovalReport, EditorError> {
        let a = &self.alignment;
        let total = a.beads().len();
        let mut report = ApprovalReport::default();
        let mut memory = ImportReport::default();
        let mut approved = Vec::new();
        let mut writer = Writer::begin(conn)?;
        let several = settings::flag(writer.transaction(), settings::SEVERAL_TRANSLATIONS)?;
        // Thousands of beads are a bulk write, as an import is.
        writer.bulk()?;
        for (b, bead) in a.beads().iter().enumerate() {
            if b % PROGRESS_EVERY == 0 && progress(b, total).is_break() {
                return Err(EditorError::Cancelled);
            }
            let chosen = bead.confirmed
                || matches!(which, Approve::MinConfidence { min } if bead.confidence >= min);
            if !chosen {
                continue;
            }
            if bead.approved {
                report.already_approved += 1;
                continue;
            }
            let Some(unit) = unit_of(a, b, user, now) else {
                report.too_few_sides += 1;
                continue;
            };
            let added = memory.added;
            let src = a.languages().first();
            store_confirmed(&mut writer, &unit, src, several, &mut memory)?;
            if memory.added == added {
                report.duplicates += 1;
            }
            approved.push(b);
        }
        if progress(total, total).is_break() {
            return Err(EditorError::Cancelled);
        }
        alignments::mark_approved(writer.transaction(), self.id, &approved, now)?;
        writer.commit()?;
        report.added = memory.added;
        for b in approved {
            self.alignment.beads[b].approved = true;
        }
        Ok(report)
    }
}

/// Bead `b` as a translation unit, or `None` when it has text in fewer than two columns.
pub(super) fn unit_of(
    a: &EditableAlignment,
    b: usize,
    user: Option<&str>,
    now: Timestamp,
) -> Option<TranslationUnit> {
    let context = |bead: Option<usize>, column: usize| {
        bead.filter(|&n| n < a.beads().len())
            .map(|n| a.side_text(n, column))
            .filter(|t| !t.is_empty())
    };
    let variants: Vec<Variant> = a
        .languages()
        .iter()
        .enumerate()
        .filter(|&(c, _)| !a.beads()[b].segments[c].is_empty())
        .map(|(c, lang)| {
            let mut v = Variant::new(lang.clone(), a.side_text(b, c));
            v.prev_segment = context(b.checked_sub(1), c);
            v.next_segment = context(Some(b + 1), c);
            v
        })
        .collect();
    if variants.len() < 2 {
        return None;
    }
    let mut meta = UnitMetadata::new(origin::ALIGNMENT, now);
    meta.document = Some(a.documents().join(" | "));
    meta.created_by = user.map(str::to_string);
    meta.changed_by = meta.created_by.clone();
    Some(TranslationUnit { variants, meta })
}
