//! Sentence alignment of two or three versions of a text.
//!
//! ## Design
//!
//! The aligner finds the cheapest sequence of beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1,
//! 2-3, 3-2, 1-0, 0-1; for three documents every sensible combination of 0–3 segments
//! per side) by dynamic programming. A bead's cost (`score.rs`) adds:
//!
//! - a Gale–Church **length** misfit, its ratio and variance taken from the documents
//!   (`length.rs`);
//! - **lexical anchors** shared by the merged sides (`anchors.rs`): numbers (in one
//!   canonical spelling, dates and quantity words included), punctuation, names and
//!   cognates matched across scripts by transliteration (`translit.rs`), the caller's
//!   term pairs and word pairs learned from the documents (`lexicon.rs`);
//! - a **shape prior** and a null-link cost for omissions;
//! - a **paragraph** mismatch cost: paragraph ends are soft anchors.
//!
//! Two passes, as in hunalign (`pair.rs`): the first on a band around the length
//! diagonal, then word pairs are learned from its confident 1-1 beads and the second
//! pass searches a narrow band around the first path (`dp.rs`). Bands widen wherever
//! the path presses against their edge, so time and memory grow about linearly.
//!
//! Three documents are aligned jointly (`three.rs`): one bead is one decision for all
//! three, scored by the sum of its pairwise costs, so the ru↔en, az↔en and ru↔az links
//! it implies always agree.
//!
//! Each bead gets a confidence in `[0, 1]`: its posterior probability over all the
//! alignments the search's band holds (`posterior.rs`, forward–backward over the same
//! bead costs), lowered by a few signals of the usual mistakes (`confidence.rs`).
//!
//! ```
//! use dragoman_core::align::{AlignOptions, align};
//! use dragoman_core::{Document, LanguageTag, segment};
//!
//! let doc = |lang: &str, text: &str| Document {
//!     name: lang.into(),
//!     lang: LanguageTag::parse(lang).unwrap(),
//!     text: text.into(),
//!     segments: segment::presegmented(text),
//! };
//! let ru = doc("ru", "Президент Ильхам Алиев прибыл в Баку.\nПереговоры длились 3 часа.\n");
//! let en = doc("en", "President Ilham Aliyev arrived in Baku.\nThe talks lasted 3 hours.\n");
//! let alignment = align(&[ru, en], &AlignOptions::default()).unwrap();
//! assert_eq!(alignment.shapes(), ["1-1", "1-1"]);
//! ```

mod anchors;
mod confidence;
mod dp;
mod length;
mod lexicon;
mod pair;
mod posterior;
mod score;
mod three;
mod tokens;
mod translit;

#[cfg(test)]
mod tests;

use thiserror::Error;

pub use lexicon::TermPair;

use crate::document::{Alignment, Bead, Document};

/// Settings of an alignment run.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Term pairs known to translate each other (from a glossary or a memory); a
    /// segment pair sharing one is strong evidence. Pairs whose languages do not match
    /// the documents are ignored; either direction works.
    pub lexicon: Vec<TermPair>,
    /// Learn word pairs from a first pass and realign with them (on by default).
    pub learn_lexicon: bool,
    /// Initial half-width, in segments, of the first pass's search band around the
    /// length diagonal. The band widens by itself where needed, so this only trades a
    /// little speed for fewer re-searches.
    pub band: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            lexicon: Vec::new(),
            learn_lexicon: true,
            band: 64,
        }
    }
}

/// Why documents could not be aligned.
#[derive(Debug, Error)]
pub enum AlignError {
    /// Alignment takes two or three documents; the count given is reported.
    #[error("alignment takes 2 or 3 documents, not {0}")]
    DocumentCount(usize),
}

/// Align two or three documents into beads.
///
/// Every segment of every document lands in exactly one bead, in order. A document
/// without segments is fine: the others' segments then get beads of their own.
pub fn align(docs: &[Document], opts: &AlignOptions) -> Result<Alignment, AlignError> {
    let (prepared, beads) = match docs {
        [a, b] => {
            let (a, b) = prepare_both(a, b);
            let pair = pair::align_pair(&a, &b, opts);
            let beads = pair
                .steps
                .iter()
                .zip(pair.posteriors(confidence::TEMPERATURE))
                .map(|(s, posterior)| (vec![s.i0..s.i1, s.j0..s.j1], posterior))
                .collect();
            (vec![a, b], beads)
        }
        [a, b, c] => {
            let (a, b, c) = std::thread::scope(|scope| {
                let third = scope.spawn(|| anchors::prepare(c));
                let (a, b) = prepare_both(a, b);
                (a, b, join(third))
            });
            let beads = three::align_three([&a, &b, &c], opts);
            (vec![a, b, c], beads)
        }
        _ => return Err(AlignError::DocumentCount(docs.len())),
    };
    let prepared: Vec<&anchors::Prepared> = prepared.iter().collect();
    let beads = confidence::confidences(&prepared, &beads)
        .into_iter()
        .zip(beads)
        .map(|(confidence, (sides, _))| Bead { sides, confidence })
        .collect();
    Ok(Alignment { beads })
}

/// Prepare two documents on two threads.
fn prepare_both(a: &Document, b: &Document) -> (anchors::Prepared, anchors::Prepared) {
    std::thread::scope(|scope| {
        let second = scope.spawn(|| anchors::prepare(b));
        (anchors::prepare(a), join(second))
    })
}

/// The result of a scoped thread, passing its panic on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
