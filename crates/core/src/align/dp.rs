//! Banded dynamic programming over bead shapes, for two documents.
//!
//! A full table for two 10,000-segment documents has 10⁸ cells; the right path stays
//! close to a diagonal, so the search only fills a [`Band`]: for each row `i` (segments
//! of the first document consumed) a range of columns `j`. [`banded_search`] starts from
//! a centre line (the length diagonal, or an earlier pass's path) and a half-width; when
//! the best path comes near the band's edge, the band may have cut off a better path,
//! so the band is doubled around those rows and the search repeated. Time and memory
//! are thus linear in the documents' length times the band's width.
//!
//! Each cell also records the *margin*: how much worse the second-best way into the
//! cell was. [`posteriors`] runs forward–backward over the band the search ended with.

use super::posterior::{Candidate, Lattice};

/// For each row `i` in `0..=n`, the inclusive range of columns searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    m: usize,
}

/// Cells above this count are never allocated: past it, the band stops widening and
/// the best path found so far is kept (about 300 MB of tables).
const MAX_CELLS: usize = 30_000_000;
/// A path this close to the band's edge may have been cut off by it.
const EDGE: usize = 1;

impl Band {
    fn from_ranges(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Self {
        let n = lo.len() - 1;
        lo[0] = 0;
        hi[n] = m;
        for r in (0..n).rev() {
            lo[r] = lo[r].min(lo[r + 1]);
        }
        for r in 1..=n {
            hi[r] = hi[r].max(hi[r - 1]);
            // Keep consecutive rows in touch, so every row can be entered.
            lo[r] = lo[r].min(hi[r - 1] + 1);
        }
        let mut offset = Vec::with_capacity(n + 2);
        let mut total = 0;
        for r in 0..=n {
            offset.push(total);
            total += hi[r] + 1 - lo[r];
        }
        offset.push(total);
        Self { lo, hi, offset, m }
    }

    /// Every cell of an `(n + 1) × (m + 1)` table.
    pub fn full(n: usize, m: usize) -> Self {
        Self::from_ranges(vec![0; n + 1], vec![m; n + 1], m)
    }

    /// The cells within `widths[i]` columns of the centre line through `points` (pairs
    /// `(i, j)` in path order from `(0, 0)` to `(n, m)`).
    pub fn around(points: &[(usize, usize)], n: usize, m: usize, widths: &[usize]) -> Self {
        let mut cmin = vec![usize::MAX; n + 1];
        let mut cmax = vec![0; n + 1];
        let mut mark = |r: usize, j: usize| {
            cmin[r] = cmin[r].min(j);
            cmax[r] = cmax[r].max(j);
        };
        for pair in points.windows(2) {
            let ((pi, pj), (qi, qj)) = (pair[0], pair[1]);
            for r in pi..=qi {
                mark(r, pj);
                mark(r, qj);
            }
        }
        if let Some(&(i, j)) = points.first() {
            mark(i, j);
        }
        let lo = (0..=n)
            .map(|r| {
                if cmin[r] == usize::MAX {
                    0
                } else {
                    cmin[r].saturating_sub(widths[r])
                }
            })
            .collect();
        let hi = (0..=n)
            .map(|r| {
                if cmin[r] == usize::MAX {
                    m
                } else {
                    (cmax[r] + widths[r]).min(m)
                }
            })
            .collect();
        Self::from_ranges(lo, hi, m)
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }

    /// Whether the band is the whole table.
    pub fn is_full(&self) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == self.m)
    }

    /// The columns of row `i`.
    pub fn row(&self, i: usize) -> (usize, usize) {
        (self.lo[i], self.hi[i])
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }

    /// Whether `(i, j)` lies within [`EDGE`] of a side of the band that is not a side of
    /// the table.
    pub fn near_edge(&self, i: usize, j: usize) -> bool {
        (self.lo[i] > 0 && j < self.lo[i] + EDGE) || (self.hi[i] < self.m && j + EDGE > self.hi[i])
    }
}

/// Prices beads for the search, in two steps so that most beads never need the
/// expensive part: a cheap lower bound first, the exact cost only for beads whose
/// bound could still beat the best two ways into a cell.
pub(crate) trait BeadCost {
    /// A lower bound on the cost of the bead `i0..i1` × `j0..j1`, and a partial result
    /// that [`BeadCost::finish`] may reuse.
    fn bound(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (f32, f32);
    /// The exact cost of the bead, given the partial result of [`BeadCost::bound`].
    fn finish(&self, i0: usize, i1: usize, j0: usize, j1: usize, partial: f32) -> f32;
}

impl<F: Fn(usize, usize, usize, usize) -> f32> BeadCost for F {
    fn bound(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (f32, f32) {
        let c = self(i0, i1, j0, j1);
        (c, c)
    }

    fn finish(&self, _: usize, _: usize, _: usize, _: usize, partial: f32) -> f32 {
        partial
    }
}

/// Margins are computed exactly up to this; a decision won by more is sure anyway.
pub(crate) const MARGIN_CAP: f32 = 8.0;

/// The most shapes a search takes.
const MAX_SHAPES: usize = 16;

/// One bead of a path: segments `i0..i1` of the first document with `j0..j1` of the
/// second, and the margin of the decision that ended it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    /// First segment of the first document.
    pub i0: usize,
    /// One past its last segment.
    pub i1: usize,
    /// First segment of the second document.
    pub j0: usize,
    /// One past its last segment.
    pub j1: usize,
    /// Second-best minus best cost of reaching the bead's end (infinite when there was
    /// no other way).
    pub margin: f32,
}

/// The cheapest path through `band` from `(0, 0)` to `(n, m)` using `shapes`, where
/// `cost(i0, i1, j0, j1)` prices a bead. `None` when the band holds no path.
pub(crate) fn search(
    band: &Band,
    shapes: &[(usize, usize)],
    cost: &impl BeadCost,
) -> Option<Vec<Step>> {
    assert!(
        shapes.len() <= MAX_SHAPES,
        "at most {MAX_SHAPES} bead shapes"
    );
    let n = band.lo.len() - 1;
    let m = band.m;
    let cells = band.cells();
    let mut best = vec![f32::INFINITY; cells];
    let mut margin = vec![f32::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    best[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            // Bounds first, then exact costs in order of bound, while a bead could
            // still beat the runner-up (which matters for the path or the margin).
            let mut candidates = [(0.0f32, 0u8, 0usize, 0.0f32); MAX_SHAPES];
            let mut count = 0;
            for (s, &(da, db)) in shapes.iter().enumerate() {
                if da > i || db > j {
                    continue;
                }
                let Some(prev) = band.index(i - da, j - db) else {
                    continue;
                };
                if !best[prev].is_finite() {
                    continue;
                }
                let (bound, partial) = cost.bound(i - da, i, j - db, j);
                candidates[count] = (best[prev] + bound, s as u8, prev, partial);
                count += 1;
            }
            candidates[..count].sort_unstable_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            let (mut first, mut second, mut arg) = (f32::INFINITY, f32::INFINITY, u8::MAX);
            for &(bound, s, prev, partial) in &candidates[..count] {
                // Past this no bead can win or be the runner-up, or the runner-up is so
                // far behind that its exact cost does not matter: the best bound left
                // stands in for it, so a margin is exact up to MARGIN_CAP and never
                // overstated.
                if bound >= second.min(first + MARGIN_CAP) {
                    second = second.min(bound);
                    break;
                }
                let (da, db) = shapes[s as usize];
                let c = best[prev] + cost.finish(i - da, i, j - db, j, partial);
                // Ties go to the earlier shape, as in a plain scan of the shapes.
                if c < first || (c == first && s < arg) {
                    second = first;
                    first = c;
                    arg = s;
                } else if c < second {
                    second = c;
                }
            }
            let at = band.offset[i] + j - band.lo[i];
            best[at] = first;
            margin[at] = second - first;
            back[at] = arg;
        }
    }
    let end = band.index(n, m)?;
    if !best[end].is_finite() {
        return None;
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let at = band.index(i, j)?;
        let (da, db) = shapes[back[at] as usize];
        steps.push(Step {
            i0: i - da,
            i1: i,
            j0: j - db,
            j1: j,
            margin: margin[at],
        });
        i -= da;
        j -= db;
    }
    steps.reverse();
    Some(steps)
}

/// The posterior probability of each of `steps`, a path through `band`, over all
/// paths through the band priced by `cost` at `temperature` ([`super::posterior`]).
pub(crate) fn posteriors(
    band: &Band,
    shapes: &[(usize, usize)],
    cost: &impl BeadCost,
    steps: &[Step],
    temperature: f32,
) -> Vec<f32> {
    let n = band.lo.len() - 1;
    let mut lattice = Lattice::new(band.cells(), temperature);
    let mut candidates = Vec::with_capacity(shapes.len());
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            candidates.clear();
            for &(da, db) in shapes {
                if da > i || db > j {
                    continue;
                }
                let Some(from) = band.index(i - da, j - db) else {
                    continue;
                };
                let (bound, partial) = cost.bound(i - da, i, j - db, j);
                candidates.push(Candidate {
                    from,
                    bound,
                    detail: (da, db, partial),
                });
            }
            lattice.enter(band.offset[i] + j - band.lo[i], &mut candidates, |c| {
                let (da, db, partial) = c.detail;
                cost.finish(i - da, i, j - db, j, partial)
            });
        }
    }
    let posterior = lattice.finish();
    steps
        .iter()
        .map(|s| match (band.index(s.i0, s.j0), band.index(s.i1, s.j1)) {
            (Some(from), Some(to)) => {
                let (_, partial) = cost.bound(s.i0, s.i1, s.j0, s.j1);
                posterior.bead(from, to, cost.finish(s.i0, s.i1, s.j0, s.j1, partial))
            }
            _ => 0.0,
        })
        .collect()
}

/// The path's corner points, `(0, 0)` first.
pub(crate) fn points(steps: &[Step]) -> Vec<(usize, usize)> {
    std::iter::once((0, 0))
        .chain(steps.iter().map(|s| (s.i1, s.j1)))
        .collect()
}

/// Search a band of half-width `width` around the centre line `centre`. Where the path
/// runs near the band's edge, the width there doubles and the band stretches to cover
/// the path too; the search repeats until the path keeps off the edges or the band is
/// the whole table (or too big to allocate).
pub(crate) fn banded_search(
    n: usize,
    m: usize,
    centre: &[(usize, usize)],
    width: usize,
    shapes: &[(usize, usize)],
    cost: &impl BeadCost,
) -> (Vec<Step>, Band) {
    let mut widths = vec![width.max(1); n + 1];
    let mut centre = centre.to_vec();
    let mut band = Band::around(&centre, n, m, &widths);
    loop {
        let Some(steps) = search(&band, shapes, cost) else {
            widths.iter_mut().for_each(|w| *w *= 2);
            band = next_band(&centre, n, m, &widths);
            continue;
        };
        let edges: Vec<usize> = points(&steps)
            .into_iter()
            .filter(|&(i, j)| band.near_edge(i, j))
            .map(|(i, _)| i)
            .collect();
        if edges.is_empty() || band.is_full() {
            return (steps, band);
        }
        // Quadruple the width around each edge row, and across the gaps between edge rows
        // that lie close together: a path pressing here and there along a stretch is
        // trying to leave the band along all of it.
        let old = widths.clone();
        let mut start = 0;
        while start < edges.len() {
            let mut end = start;
            while end + 1 < edges.len() && edges[end + 1] - edges[end] <= 8 * old[edges[end]] {
                end += 1;
            }
            let grow = 4 * edges[start..=end]
                .iter()
                .map(|&e| old[e])
                .max()
                .unwrap_or(1);
            let from = edges[start].saturating_sub(grow);
            let to = (edges[end] + grow).min(n);
            for w in &mut widths[from..=to] {
                *w = (*w).max(grow);
            }
            start = end + 1;
        }
        // The band also follows the path where it went: a slow drift away from the
        // centre line is then caught up with in a few rounds, not one width at a time.
        centre.extend(points(&steps));
        centre.sort_unstable();
        centre.dedup();
        let wider = next_band(&centre, n, m, &widths);
        if wider.cells() > MAX_CELLS || wider == band {
            return (steps, band);
        }
        band = wider;
    }
}

/// The band for `widths`, or the full table once the widths reach across it.
fn next_band(centre: &[(usize, usize)], n: usize, m: usize, widths: &[usize]) -> Band {
    if widths.iter().all(|&w| w > n.max(m)) {
        Band::full(n, m)
    } else {
        Band::around(centre, n, m, widths)
    }
}

/// The centre line of two documents' lengths: for each row, the column where the
/// cumulative lengths, scaled by `ratio`, agree.
pub(crate) fn length_diagonal(cum_a: &[u32], cum_b: &[u32], ratio: f64) -> Vec<(usize, usize)> {
    let m = cum_b.len() - 1;
    let mut points: Vec<(usize, usize)> = cum_a
        .iter()
        .enumerate()
        .map(|(i, &ca)| {
            let target = f64::from(ca) * ratio;
            let j = cum_b.partition_point(|&cb| f64::from(cb) < target).min(m);
            let nearer = if j > 0 && target - f64::from(cum_b[j - 1]) < f64::from(cum_b[j]) - target
            {
                j - 1
            } else {
                j
            };
            (i, nearer)
        })
        .collect();
    if let Some(last) = points.last_mut() {
        last.1 = m;
    }
    points
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The slow, obviously right search: every cell, no band.
    pub(crate) fn reference(
        n: usize,
        m: usize,
        shapes: &[(usize, usize)],
        cost: &impl Fn(usize, usize, usize, usize) -> f32,
    ) -> (f32, Vec<(usize, usize, usize, usize)>) {
        let mut best = vec![vec![f32::INFINITY; m + 1]; n + 1];
        let mut back = vec![vec![None; m + 1]; n + 1];
        best[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                for &(da, db) in shapes {
                    if (da, db) == (0, 0) || da > i || db > j {
                        continue;
                    }
                    let c = best[i - da][j - db] + cost(i - da, i, j - db, j);
                    if c < best[i][j] {
                        best[i][j] = c;
                        back[i][j] = Some((da, db));
                    }
                }
            }
        }
        let mut path = Vec::new();
        let (mut i, mut j) = (n, m);
        while let Some((da, db)) = back[i][j] {
            path.push((i - da, i, j - db, j));
            i -= da;
            j -= db;
        }
        path.reverse();
        (best[n][m], path)
    }

    pub(crate) fn path_cost(
        steps: &[Step],
        cost: &impl Fn(usize, usize, usize, usize) -> f32,
    ) -> f32 {
        steps.iter().map(|s| cost(s.i0, s.i1, s.j0, s.j1)).sum()
    }

    /// A bead as `(i0, i1, j0, j1)`.
    type Bead = (usize, usize, usize, usize);

    /// Every path from `(0, 0)` to `(n, m)` with its beads and total cost.
    fn all_paths(
        (i, j): (usize, usize),
        (n, m): (usize, usize),
        shapes: &[(usize, usize)],
        cost: &impl Fn(usize, usize, usize, usize) -> f32,
        path: &mut Vec<Bead>,
        out: &mut Vec<(Vec<Bead>, f32)>,
    ) {
        if (i, j) == (n, m) {
            let total = path.iter().map(|&(a, b, c, d)| cost(a, b, c, d)).sum();
            out.push((path.clone(), total));
            return;
        }
        for &(da, db) in shapes {
            if i + da <= n && j + db <= m {
                path.push((i, i + da, j, j + db));
                all_paths((i + da, j + db), (n, m), shapes, cost, path, out);
                path.pop();
            }
        }
    }

    /// Forward–backward gives each bead of the best path the share of `exp(−cost / T)`
    /// that enumerating every path gives it.
    #[test]
    fn posteriors_match_enumerating_every_path() {
        let shapes = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];
        for seed in 0..20u32 {
            let (n, m) = (3 + seed as usize % 3, 3 + seed as usize / 7);
            // Cheap near the diagonal, dearer away from it, with seeded noise.
            let cost = |i0: usize, i1: usize, j0: usize, j1: usize| {
                let h = (i0 * 31 + i1 * 17 + j0 * 13 + j1 * 7) as u32
                    ^ seed.wrapping_mul(2_654_435_761);
                let noise = (h.wrapping_mul(2_246_822_519) >> 24) as f32 / 64.0;
                i0.abs_diff(j0) as f32 + (i1 - i0 + j1 - j0) as f32 + noise
            };
            let (steps, band) = banded_search(n, m, &[(0, 0), (n, m)], n.max(m), &shapes, &cost);
            assert!(band.is_full());
            for temperature in [0.5, 2.0] {
                let mut paths = Vec::new();
                all_paths((0, 0), (n, m), &shapes, &cost, &mut Vec::new(), &mut paths);
                let z: f64 = paths
                    .iter()
                    .map(|(_, c)| (-f64::from(*c) / f64::from(temperature)).exp())
                    .sum();
                let fast = posteriors(&band, &shapes, &cost, &steps, temperature);
                for (s, got) in steps.iter().zip(fast) {
                    let bead = (s.i0, s.i1, s.j0, s.j1);
                    let mass: f64 = paths
                        .iter()
                        .filter(|(p, _)| p.contains(&bead))
                        .map(|(_, c)| (-f64::from(*c) / f64::from(temperature)).exp())
                        .sum();
                    let want = (mass / z) as f32;
                    // Edges far below the best into a cell are left out (CUTOFF).
                    assert!(
                        (got - want).abs() < 1e-2,
                        "seed {seed}, T {temperature}, bead {bead:?}: {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn band_around_a_diagonal_is_monotone_and_bounded() {
        let points: Vec<_> = (0..=10).map(|i| (i, i)).collect();
        let band = Band::around(&points, 10, 10, &[2; 11]);
        // Row 5 holds the path's corners (4, 4)…(6, 6) around it, then 2 either side.
        assert_eq!(band.lo[5], 2);
        assert_eq!(band.hi[5], 8);
        assert_eq!((band.lo[0], band.hi[10]), (0, 10));
        assert!(band.lo.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            band.cells(),
            (0..=10).map(|r| band.hi[r] + 1 - band.lo[r]).sum::<usize>()
        );
    }

    #[test]
    fn widening_finds_a_path_far_from_the_diagonal() {
        // Ten extra segments at the start of b: the right path leaves the diagonal by 10.
        let (n, m) = (30, 40);
        let cost = |i0: usize, i1: usize, j0: usize, j1: usize| match (i1 - i0, j1 - j0) {
            (1, 1) if j0 == i0 + 10 => 0.0,
            (1, 1) => 5.0,
            _ => 3.0 * (i1 - i0 + j1 - j0) as f32,
        };
        let diagonal: Vec<_> = (0..=n).map(|i| (i, i * m / n)).collect();
        let (steps, _) = banded_search(n, m, &diagonal, 2, &[(1, 1), (1, 0), (0, 1)], &cost);
        let (best, _) = reference(n, m, &[(1, 1), (1, 0), (0, 1)], &cost);
        assert_eq!(path_cost(&steps, &cost), best);
    }

    #[test]
    fn length_diagonal_follows_cumulative_lengths() {
        let cum_a = [0, 10, 20, 30];
        let cum_b = [0, 20, 25, 40, 60];
        let points = length_diagonal(&cum_a, &cum_b, 2.0);
        assert_eq!(points, [(0, 0), (1, 1), (2, 3), (3, 4)]);
    }
}
