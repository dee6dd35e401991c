//! The posterior probability of a bead: the share of all alignments, weighted by
//! `exp(−cost / T)`, that pass through it.
//!
//! The search keeps only the cheapest path; forward–backward over the same cells and
//! bead costs sums over every path instead. A bead whose neighbourhood could as well be
//! cut another way (a headline paired with the first sentence while the sentence could
//! pair with its translation and the headline go alone) then gets a probability near
//! one half however strong its own evidence, which a local margin misses: the margin
//! compares ways into one cell, the posterior compares whole alignments.
//!
//! Cells are entered in an order where every bead's start precedes its end (row-major
//! over a band, which both searches use), so the backward pass is one sweep in reverse
//! over the edges the forward pass kept. Edges whose weight is below the best edge into
//! the cell by more than [`CUTOFF`] nats are never priced exactly, as the search skips
//! beads that cannot win: they would add under `e^−CUTOFF` of the mass.

/// Edges this many nats below the best edge into a cell are left out.
const CUTOFF: f32 = 7.0;

/// `ln(e^a + e^b)`, with `−∞` as zero.
fn log_add(a: f32, b: f32) -> f32 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f32::NEG_INFINITY {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// A bead into a cell that the forward pass may price: the cell it starts from, a lower
/// bound on its cost, and whatever the exact pricing needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<P> {
    /// Index of the start cell.
    pub from: usize,
    /// A lower bound on the bead's cost.
    pub bound: f32,
    /// The bead's shape and the cost function's partial result.
    pub detail: P,
}

/// The forward pass's sums, filled cell by cell.
#[derive(Debug)]
pub(crate) struct Lattice {
    temperature: f32,
    /// `ln` of the weight of all paths from the first cell to each cell.
    alpha: Vec<f32>,
    /// The kept edges, `(start cell, ln weight)`, grouped by end cell.
    edges: Vec<(u32, f32)>,
    /// One past the last edge of each cell entered so far.
    ends: Vec<usize>,
}

impl Lattice {
    /// An empty lattice of `cells` cells, the first one the start.
    pub fn new(cells: usize, temperature: f32) -> Self {
        let mut alpha = vec![f32::NEG_INFINITY; cells];
        if let Some(first) = alpha.first_mut() {
            *first = 0.0;
        }
        Self {
            temperature,
            alpha,
            edges: Vec::new(),
            ends: Vec::with_capacity(cells),
        }
    }

    /// Enter the next cell, `at`, from its `candidates`; `exact` prices one.
    pub fn enter<P: Copy>(
        &mut self,
        at: usize,
        candidates: &mut [Candidate<P>],
        mut exact: impl FnMut(&Candidate<P>) -> f32,
    ) {
        assert_eq!(at, self.ends.len(), "cells are entered in order");
        let t = self.temperature;
        let alpha = &self.alpha;
        let key = |c: &Candidate<P>| alpha[c.from] - c.bound / t;
        candidates.sort_unstable_by(|x, y| key(y).total_cmp(&key(x)));
        let mut best = f32::NEG_INFINITY;
        let mut sum = if at == 0 { 0.0 } else { f32::NEG_INFINITY };
        for c in candidates.iter() {
            let upper = key(c);
            if upper == f32::NEG_INFINITY || upper < best - CUTOFF {
                break;
            }
            let w = -exact(c) / t;
            let through = self.alpha[c.from] + w;
            best = best.max(through);
            sum = log_add(sum, through);
            self.edges.push((c.from as u32, w));
        }
        self.alpha[at] = sum;
        self.ends.push(self.edges.len());
    }

    /// The backward pass, once every cell is entered; the last cell is the end.
    pub fn finish(self) -> Posterior {
        let cells = self.alpha.len();
        let mut beta = vec![f32::NEG_INFINITY; cells];
        if let Some(last) = beta.last_mut() {
            *last = 0.0;
        }
        for at in (0..self.ends.len()).rev() {
            let start = if at == 0 { 0 } else { self.ends[at - 1] };
            let here = beta[at];
            if here == f32::NEG_INFINITY {
                continue;
            }
            for &(from, w) in &self.edges[start..self.ends[at]] {
                let from = from as usize;
                beta[from] = log_add(beta[from], w + here);
            }
        }
        let total = self.alpha.last().copied().unwrap_or(f32::NEG_INFINITY);
        Posterior {
            temperature: self.temperature,
            alpha: self.alpha,
            beta,
            total,
        }
    }
}

/// Forward and backward sums over a lattice.
#[derive(Debug)]
pub(crate) struct Posterior {
    temperature: f32,
    alpha: Vec<f32>,
    beta: Vec<f32>,
    total: f32,
}

impl Posterior {
    /// The probability of the bead from cell `from` to cell `to` costing `cost`.
    pub fn bead(&self, from: usize, to: usize, cost: f32) -> f32 {
        if !self.total.is_finite() {
            return 0.0;
        }
        let ln = self.alpha[from] - cost / self.temperature + self.beta[to] - self.total;
        ln.exp().clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_add_adds_in_the_log_domain() {
        assert!((log_add(2f32.ln(), 3f32.ln()) - 5f32.ln()).abs() < 1e-6);
        assert_eq!(log_add(f32::NEG_INFINITY, 1.5), 1.5);
        assert_eq!(
            log_add(f32::NEG_INFINITY, f32::NEG_INFINITY),
            f32::NEG_INFINITY
        );
    }

    #[test]
    fn two_ways_of_equal_cost_split_the_mass() {
        // Cells 0 → 1 → 2 and 0 → 2 directly, both paths costing 2.
        let mut lattice = Lattice::new(3, 1.0);
        lattice.enter::<()>(0, &mut [], |_| 0.0);
        let one = |from, bound| Candidate {
            from,
            bound,
            detail: (),
        };
        lattice.enter(1, &mut [one(0, 1.0)], |c| c.bound);
        lattice.enter(2, &mut [one(1, 1.0), one(0, 2.0)], |c| c.bound);
        let posterior = lattice.finish();
        assert!((posterior.bead(0, 2, 2.0) - 0.5).abs() < 1e-6);
        assert!((posterior.bead(0, 1, 1.0) - 0.5).abs() < 1e-6);
        assert!((posterior.bead(1, 2, 1.0) - 0.5).abs() < 1e-6);
    }
}
