//! Sentence alignment (placeholder interface; the real aligner replaces this).

use thiserror::Error;

use crate::document::{Alignment, Bead, Document};

/// Settings of an alignment run.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {}

/// Why documents could not be aligned.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum AlignError {
    /// Alignment takes two or three documents.
    #[error("alignment takes 2 or 3 documents, not {0}")]
    DocumentCount(usize),
}

/// Align two or three documents into beads.
pub fn align(docs: &[Document], _opts: &AlignOptions) -> Result<Alignment, AlignError> {
    if !(2..=3).contains(&docs.len()) {
        return Err(AlignError::DocumentCount(docs.len()));
    }
    let n = docs.iter().map(|d| d.segments.len()).max().unwrap_or(0);
    let beads = (0..n)
        .map(|i| Bead {
            sides: docs
                .iter()
                .map(|d| i.min(d.segments.len())..(i + 1).min(d.segments.len()))
                .collect(),
            confidence: 0.0,
        })
        .collect();
    Ok(Alignment { beads })
}
