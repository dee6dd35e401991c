//! Aligning three documents as one decision per bead.
//!
//! Three pairwise alignments can disagree (ru↔en says 2-1 where az↔en says 1-1), and
//! then no bead table holds all three. So the three documents are searched together: a
//! 3-D dynamic programme over cells `(i, j, k)` (segments consumed in each document),
//! where a bead's cost is the sum of its three pairwise costs ([`PairScorer::cost`],
//! an empty pair side costing nothing, a one-sided pair an omission).
//!
//! Pricing each pair by its cheapest sub-alignment inside the bead (so that a 2-1-2
//! bead counts as two 1-1 beads between the first and third documents) was tried and
//! dropped: it makes large beads nearly free in the pairs that can split them, and the
//! search then prefers them (three-way F1 fell from 0.96 to 0.80).
//!
//! A full 3-D table is cubic, so the search is banded: row `i` keeps the columns `j`
//! near the first↔second pairwise path and the columns `k` near the first↔third one,
//! widened (as in two dimensions) where the joint path presses against the band.
//! The pairwise alignments also supply each pair's learned links and length model.

use std::ops::Range;

use super::AlignOptions;
use super::anchors::Prepared;
use super::confidence::TEMPERATURE;
use super::dp::{self, Band, MARGIN_CAP};
use super::pair::align_pair;
use super::posterior::{Candidate, Lattice};
use super::score::{PAIR_SHAPES, PairScorer};

/// Half-width of the band around each pairwise path.
const WIDTH: usize = 3;
/// Cells above this count are never allocated (about 300 MB of tables).
const MAX_CELLS: usize = 30_000_000;

/// The bead shapes searched between three documents: up to three segments per side,
/// each pair's view a pairwise bead shape (so no 3-3); a bead with one empty side holds
/// at most two per other side (a 1-1-0 omission, or a
/// 2-1-0 with a join); a bead with two empty sides is a single leftover segment.
/// Ordered by size, so that a tie goes to the simpler bead.
pub(crate) fn shapes() -> Vec<[usize; 3]> {
    // Every pair's view of the bead must be a shape the pairwise model prices.
    let known = |a: usize, b: usize| a == 0 || b == 0 || PAIR_SHAPES.contains(&(a, b));
    let mut out = Vec::new();
    for a in 0..=3 {
        for b in 0..=3 {
            for c in 0..=3 {
                let s = [a, b, c];
                let keep = match s.iter().filter(|&&x| x == 0).count() {
                    0 => known(a, b) && known(a, c) && known(b, c),
                    1 => s.iter().all(|&x| x <= 2),
                    2 => a + b + c == 1,
                    _ => false,
                };
                if keep {
                    out.push(s);
                }
            }
        }
    }
    out.sort_by_key(|s| {
        (
            s.iter().sum::<usize>(),
            s.iter().filter(|&&x| x == 0).count(),
        )
    });
    out
}

/// A 3-D band: the `j` columns of row `i` from one 2-D band, the `k` columns from
/// another, every combination searched.
struct Band3 {
    j: Band,
    k: Band,
    offset: Vec<usize>,
}

impl Band3 {
    fn new(j: Band, k: Band, n: usize) -> Self {
        let mut offset = Vec::with_capacity(n + 2);
        let mut total = 0;
        for i in 0..=n {
            offset.push(total);
            let (jl, jh) = j.row(i);
            let (kl, kh) = k.row(i);
            total += (jh + 1 - jl) * (kh + 1 - kl);
        }
        offset.push(total);
        Self { j, k, offset }
    }

    fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }

    fn index(&self, [i, j, k]: [usize; 3]) -> Option<usize> {
        let (jl, jh) = self.j.row(i);
        let (kl, kh) = self.k.row(i);
        (j >= jl && j <= jh && k >= kl && k <= kh)
            .then(|| self.offset[i] + (j - jl) * (kh + 1 - kl) + (k - kl))
    }
}

/// The three pairwise scorers, each with the documents it joins, pricing beads together.
struct TripleCost<'s> {
    pairs: [(&'s PairScorer, usize, usize); 3],
}

impl TripleCost<'_> {
    /// A lower bound on the bead's cost, and each pair's partial result.
    fn bound(&self, from: [usize; 3], to: [usize; 3]) -> (f32, [f32; 3]) {
        let mut total = 0.0;
        let mut partials = [0.0; 3];
        for (p, &(s, x, y)) in self.pairs.iter().enumerate() {
            let (bound, partial) = s.bound(from[x], to[x], from[y], to[y]);
            total += bound;
            partials[p] = partial;
        }
        (total, partials)
    }

    /// The exact cost, given the partial results of [`TripleCost::bound`].
    fn finish(&self, from: [usize; 3], to: [usize; 3], partials: [f32; 3]) -> f32 {
        self.pairs
            .iter()
            .zip(partials)
            .map(|(&(s, x, y), partial)| s.finish(from[x], to[x], from[y], to[y], partial))
            .sum()
    }
}

/// One bead of a three-way path.
#[derive(Debug, Clone, Copy)]
struct Step3 {
    start: [usize; 3],
    end: [usize; 3],
}

fn search(
    band: &Band3,
    end: [usize; 3],
    shapes: &[[usize; 3]],
    cost: &TripleCost<'_>,
) -> Option<Vec<Step3>> {
    let cells = band.cells();
    let mut candidates: Vec<(f32, u8, usize, [f32; 3])> = Vec::with_capacity(shapes.len());
    let mut best = vec![f32::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    best[band.index([0, 0, 0])?] = 0.0;
    for i in 0..=end[0] {
        let (jl, jh) = band.j.row(i);
        let (kl, kh) = band.k.row(i);
        for j in jl..=jh {
            for k in kl..=kh {
                let here = [i, j, k];
                if here == [0, 0, 0] {
                    continue;
                }
                // As in two dimensions: bounds first, exact costs in order of bound.
                candidates.clear();
                for (s, shape) in shapes.iter().enumerate() {
                    if (0..3).any(|d| shape[d] > here[d]) {
                        continue;
                    }
                    let from = [i - shape[0], j - shape[1], k - shape[2]];
                    let Some(prev) = band.index(from) else {
                        continue;
                    };
                    if !best[prev].is_finite() {
                        continue;
                    }
                    let (bound, partial) = cost.bound(from, here);
                    candidates.push((best[prev] + bound, s as u8, prev, partial));
                }
                candidates.sort_unstable_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
                let (mut first, mut second, mut arg) = (f32::INFINITY, f32::INFINITY, u8::MAX);
                for &(bound, s, prev, partial) in &candidates {
                    // The runner-up is kept only to prune as the two-dimensional
                    // search does, so that both find the same paths.
                    if bound >= second.min(first + MARGIN_CAP) {
                        break;
                    }
                    let shape = shapes[s as usize];
                    let from = [i - shape[0], j - shape[1], k - shape[2]];
                    let c = best[prev] + cost.finish(from, here, partial);
                    if c < first || (c == first && s < arg) {
                        second = first;
                        first = c;
                        arg = s;
                    } else if c < second {
                        second = c;
                    }
                }
                let at = band.offset[i] + (j - jl) * (kh + 1 - kl) + (k - kl);
                best[at] = first;
                back[at] = arg;
            }
        }
    }
    let last = band.index(end)?;
    if !best[last].is_finite() {
        return None;
    }
    let mut steps = Vec::new();
    let mut here = end;
    while here != [0, 0, 0] {
        let at = band.index(here)?;
        let shape = shapes[back[at] as usize];
        let from = [here[0] - shape[0], here[1] - shape[1], here[2] - shape[2]];
        steps.push(Step3 {
            start: from,
            end: here,
        });
        here = from;
    }
    steps.reverse();
    Some(steps)
}

/// The posterior probability of each of `steps` over every path through `band`
/// ([`super::posterior`]), as [`dp::posteriors`] does in two dimensions.
fn posteriors(
    band: &Band3,
    shapes: &[[usize; 3]],
    cost: &TripleCost<'_>,
    steps: &[Step3],
    temperature: f32,
) -> Vec<f32> {
    let Some(last) = steps.last().map(|s| s.end) else {
        return Vec::new();
    };
    let mut lattice = Lattice::new(band.cells(), temperature);
    let mut candidates = Vec::with_capacity(shapes.len());
    for i in 0..=last[0] {
        let (jl, jh) = band.j.row(i);
        let (kl, kh) = band.k.row(i);
        for j in jl..=jh {
            for k in kl..=kh {
                let here = [i, j, k];
                candidates.clear();
                for shape in shapes {
                    if (0..3).any(|d| shape[d] > here[d]) {
                        continue;
                    }
                    let from = [i - shape[0], j - shape[1], k - shape[2]];
                    let Some(prev) = band.index(from) else {
                        continue;
                    };
                    let (bound, partials) = cost.bound(from, here);
                    candidates.push(Candidate {
                        from: prev,
                        bound,
                        detail: (from, partials),
                    });
                }
                let at = band.offset[i] + (j - jl) * (kh + 1 - kl) + (k - kl);
                lattice.enter(at, &mut candidates, |c| {
                    cost.finish(c.detail.0, here, c.detail.1)
                });
            }
        }
    }
    let posterior = lattice.finish();
    steps
        .iter()
        .map(|s| match (band.index(s.start), band.index(s.end)) {
            (Some(from), Some(to)) => {
                let (_, partials) = cost.bound(s.start, s.end);
                posterior.bead(from, to, cost.finish(s.start, s.end, partials))
            }
            _ => 0.0,
        })
        .collect()
}

/// Align three prepared documents into beads: each bead's sides (one range of segments
/// per document) and its posterior probability.
pub(crate) fn align_three(
    docs: [&Prepared; 3],
    opts: &AlignOptions,
) -> Vec<(Vec<Range<usize>>, f32)> {
    let (ab, ac, bc) = std::thread::scope(|scope| {
        let ab = scope.spawn(|| align_pair(docs[0], docs[1], opts));
        let ac = scope.spawn(|| align_pair(docs[0], docs[2], opts));
        let bc = align_pair(docs[1], docs[2], opts);
        (super::join(ab), super::join(ac), bc)
    });
    let scorers: [(&PairScorer, usize, usize); 3] =
        [(&ab.scorer, 0, 1), (&ac.scorer, 0, 2), (&bc.scorer, 1, 2)];
    let cost = TripleCost { pairs: scorers };
    let end = [
        docs[0].segments.len(),
        docs[1].segments.len(),
        docs[2].segments.len(),
    ];
    let shapes = shapes();
    let centre_j = dp::points(&ab.steps);
    let centre_k = dp::points(&ac.steps);
    let mut widths_j = vec![WIDTH; end[0] + 1];
    let mut widths_k = vec![WIDTH; end[0] + 1];
    let make = |wj: &[usize], wk: &[usize]| {
        Band3::new(
            Band::around(&centre_j, end[0], end[1], wj),
            Band::around(&centre_k, end[0], end[2], wk),
            end[0],
        )
    };
    let mut band = make(&widths_j, &widths_k);
    let steps = loop {
        let Some(steps) = search(&band, end, &shapes, &cost) else {
            widths_j.iter_mut().for_each(|w| *w *= 2);
            widths_k.iter_mut().for_each(|w| *w *= 2);
            band = make(&widths_j, &widths_k);
            if band.cells() > MAX_CELLS {
                // Not even the widest affordable band holds a path: give every segment
                // a bead of its own rather than fail.
                return singletons(end);
            }
            continue;
        };
        let mut pressed = false;
        for s in &steps {
            let [i, j, k] = s.end;
            if band.j.near_edge(i, j) {
                widths_j[i] *= 2;
                pressed = true;
            }
            if band.k.near_edge(i, k) {
                widths_k[i] *= 2;
                pressed = true;
            }
        }
        if !pressed {
            break steps;
        }
        let wider = make(&widths_j, &widths_k);
        if wider.cells() > MAX_CELLS {
            break steps;
        }
        band = wider;
    };
    let posteriors = posteriors(&band, &shapes, &cost, &steps, TEMPERATURE);
    steps
        .into_iter()
        .zip(posteriors)
        .map(|(s, posterior)| ((0..3).map(|d| s.start[d]..s.end[d]).collect(), posterior))
        .collect()
}

/// Every segment in a bead of its own, probability zero: the answer when no search fits.
fn singletons(end: [usize; 3]) -> Vec<(Vec<Range<usize>>, f32)> {
    (0..3)
        .flat_map(|d| {
            (0..end[d]).map(move |x| {
                let sides = (0..3)
                    .map(|e| if e == d { x..x + 1 } else { 0..0 })
                    .collect();
                (sides, 0.0)
            })
        })
        .collect()
}
