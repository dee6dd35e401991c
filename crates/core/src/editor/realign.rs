//! "Realign the rest": confirmed beads stay as they are and split the alignment into
//! stretches; the aligner runs again on each stretch of unconfirmed beads, taking its
//! segments in each column as they now read (presegmented input: the translator's
//! splits and joins are kept). Only unconfirmed beads are replaced, in one undoable step.

use super::EditorError;
use super::edit::Edit;
use super::grid::{EditBead, EditableAlignment};
use super::history::{Splice, Step};
use crate::align::{AlignOptions, align};
use crate::document::{Document, Segment};

impl EditableAlignment {
    /// Realign every stretch between confirmed beads with `opts` (for example with term
    /// pairs from a glossary), as one step.
    pub fn realign_rest(&mut self, opts: &AlignOptions) -> Result<Step, EditorError> {
        let splices = self.realign_splices(opts)?;
        for splice in &splices {
            self.splice_forward(splice);
        }
        Ok(Step {
            edit: Edit::RealignRest,
            splices,
        })
    }

    /// The splices realigning each stretch, last stretch first so that applying them in
    /// order never moves a stretch not yet replaced.
    pub(super) fn realign_splices(&self, opts: &AlignOptions) -> Result<Vec<Splice>, EditorError> {
        let mut splices = Vec::new();
        let mut end = self.beads.len();
        while end > 0 {
            if self.beads[end - 1].confirmed {
                end -= 1;
                continue;
            }
            let start = self.beads[..end]
                .iter()
                .rposition(|b| b.confirmed)
                .map_or(0, |i| i + 1);
            let before = &self.beads[start..end];
            let after = self.realign_stretch(before, opts)?;
            if after != before {
                splices.push(Splice {
                    at: start,
                    before: before.to_vec(),
                    after,
                });
            }
            end = start;
        }
        Ok(splices)
    }

    fn realign_stretch(
        &self,
        stretch: &[EditBead],
        opts: &AlignOptions,
    ) -> Result<Vec<EditBead>, EditorError> {
        let docs: Vec<Document> = (0..self.columns())
            .map(|c| self.stretch_document(stretch, c))
            .collect();
        if docs.iter().all(|d| d.segments.is_empty()) {
            return Ok(stretch.to_vec());
        }
        let alignment = align(&docs, opts)?;
        Ok(alignment
            .beads
            .iter()
            .map(|bead| {
                let segments: Vec<Vec<String>> = bead
                    .sides
                    .iter()
                    .zip(&docs)
                    .map(|(r, d)| r.clone().map(|i| d.segment_text(i).to_string()).collect())
                    .collect();
                // A bead the aligner puts back exactly as it was approved is still in
                // the memory as it reads.
                let approved = stretch
                    .iter()
                    .any(|old| old.approved && old.segments == segments);
                EditBead {
                    segments,
                    confidence: bead.confidence,
                    confirmed: false,
                    approved,
                }
            })
            .collect())
    }

    /// Column `column` of a stretch as a document of its segments, one per line, all in
    /// one paragraph: paragraph breaks are not kept in the editor.
    fn stretch_document(&self, stretch: &[EditBead], column: usize) -> Document {
        let mut text = String::new();
        let mut segments = Vec::new();
        for segment in stretch.iter().flat_map(|b| &b.segments[column]) {
            let start = text.len();
            text.push_str(segment);
            segments.push(Segment {
                start,
                end: text.len(),
                paragraph: 0,
            });
            text.push('\n');
        }
        Document {
            name: self.documents[column].clone(),
            lang: self.languages[column].clone(),
            text,
            segments,
        }
    }
}
