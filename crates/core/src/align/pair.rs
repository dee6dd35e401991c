//! Aligning two documents: the first pass, learning, and the second pass.
//!
//! 0. **Coarse pass.** Lengths, shapes and paragraphs only, which is cheap enough for a
//!    wide band around the length diagonal ([`dp::length_diagonal`]). Its path strays
//!    from the right one only locally, so it is a good centre for the next band.
//! 1. **First pass.** Links from numbers, marks, names and cognates (and the caller's
//!    terms), in a narrow band around the coarse path.
//! 2. **Learning.** The length variance is re-estimated from the confident 1-1 beads,
//!    and word pairs are learned from the same beads ([`lexicon::learn`]).
//! 3. **Second pass.** The same search with the richer score, in a narrow band around
//!    the first path.
//!
//! Every band widens where the path presses against its edge ([`banded_search`]).

use super::AlignOptions;
use super::anchors::{Links, Prepared, link_types};
use super::dp::{self, Band, Step, banded_search};
use super::lexicon::{self, TermAnchors};
use super::score::{FormOnly, PAIR_SHAPES, PairScorer};

/// The shapes of the coarse pass, which only needs to come near the right path.
const COARSE_SHAPES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];
/// The first pass searches only the first shapes of [`PAIR_SHAPES`] (up to 2-2): it
/// is a centre line and a source of 1-1 beads to learn from, and the rarer shapes
/// cost the most to score.
const FIRST_SHAPES: usize = 6;
/// Half-width of the first pass's band around the coarse path.
const FIRST_WIDTH: usize = 4;
/// Half-width of the second pass's band around the first path.
const REFINE_WIDTH: usize = 3;
/// A 1-1 bead of the first pass with at least this margin is trusted for learning.
const TRUSTED_MARGIN: f32 = 1.0;

/// The outcome of aligning two documents.
#[derive(Debug, Clone)]
pub(crate) struct PairAlignment {
    /// The scorer of the final pass, with learned links and length model.
    pub scorer: PairScorer,
    /// The final path.
    pub steps: Vec<Step>,
    /// The band the final path was found in.
    band: Band,
}

impl PairAlignment {
    /// The posterior probability of each bead of the final path ([`dp::posteriors`]).
    pub fn posteriors(&self, temperature: f32) -> Vec<f32> {
        dp::posteriors(
            &self.band,
            &PAIR_SHAPES,
            &self.scorer,
            &self.steps,
            temperature,
        )
    }
}

/// Align `a` with `b`.
pub(crate) fn align_pair(a: &Prepared, b: &Prepared, opts: &AlignOptions) -> PairAlignment {
    // The coarse pass needs only lengths, so it runs while the links are built.
    let (mut scorer, terms, coarse) = std::thread::scope(|scope| {
        let coarse = scope.spawn(|| {
            let form = PairScorer::new(a, b, Links::none(a), &TermAnchors::none(a, b));
            let (n, m) = form.len();
            let centre = form.diagonal();
            banded_search(n, m, &centre, opts.band, &COARSE_SHAPES, &FormOnly(&form)).0
        });
        let mut links = link_types(a, b);
        let terms = lexicon::add_terms(a, b, &opts.lexicon, &mut links);
        let scorer = PairScorer::new(a, b, links, &terms);
        let coarse = super::join(coarse);
        (scorer, terms, coarse)
    });
    let (n, m) = scorer.len();
    let first = banded_search(
        n,
        m,
        &dp::points(&coarse),
        FIRST_WIDTH,
        &PAIR_SHAPES[..FIRST_SHAPES],
        &scorer,
    )
    .0;
    let trusted: Vec<(usize, usize)> = first
        .iter()
        .filter(|s| s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1 && s.margin >= TRUSTED_MARGIN)
        .map(|s| (s.i0, s.j0))
        .collect();
    let lengths: Vec<(u32, u32)> = trusted
        .iter()
        .map(|&(i, j)| scorer.lengths(i, i + 1, j, j + 1))
        .collect();
    scorer.length.refit(lengths.into_iter());
    if opts.learn_lexicon {
        let mut links = scorer.links().clone();
        lexicon::learn(a, b, &trusted, &mut links);
        scorer.set_links(a, b, links, &terms);
    }
    let (steps, band) = banded_search(
        n,
        m,
        &dp::points(&first),
        REFINE_WIDTH,
        &PAIR_SHAPES,
        &scorer,
    );
    PairAlignment {
        scorer,
        steps,
        band,
    }
}
