//! The cost of a bead between two documents: the one number the search minimises.
//!
//! `cost = prior(shape) + length misfit − lexical evidence + paragraph mismatch`, all in
//! nats-like units so they add up:
//!
//! - the **prior** makes 1-1 beads the norm and every other shape pay for its rarity;
//!   a 1-0 bead pays [`OMISSION`], a null-link cost set so that a 1-1 bead with no
//!   lexical support but a plausible length still beats an omission pair (1-0 + 0-1);
//! - the **length misfit** is the Gale–Church cost of the merged sides
//!   ([`super::length`]);
//! - the **lexical evidence** is a log-likelihood ratio over the anchors of the *merged*
//!   sides ([`MatchScore`]). Each anchor has a link reliability `q` (how often a
//!   translation keeps its partner: high for numbers and names, lower for cognates and
//!   learned pairs) and a chance rate `p` (how often a partner turns up in a random
//!   side of that many segments, from the documents' own frequencies). A one-to-one
//!   matching pairs the anchors; a matched anchor adds `ln(q / p)`, an unmatched one
//!   `ln((1 − q) / (1 − p))`, which is negative. So a segment merged into a bead where
//!   it does not belong pays for every anchor it brings, an omitted segment pays
//!   nothing but [`OMISSION`], and a frequent word counts for little either way;
//! - a **paragraph mismatch** (one side opens a paragraph, the other does not, or a side
//!   runs across a paragraph end) costs [`PARAGRAPH`]: a soft anchor, since translators
//!   do split and join paragraphs.

use super::anchors::{Links, Prepared};
use super::length::LengthModel;
use super::lexicon::TermAnchors;

/// Cost of leaving one segment unmatched.
pub(crate) const OMISSION: f32 = 4.5;
/// The weight of the lexical log-likelihood ratio against the length and shape costs;
/// below one because anchors of one sentence are not independent.
const EVIDENCE: f32 = 0.7;
/// Cost of a paragraph mismatch.
const PARAGRAPH: f32 = 2.0;
/// How many anchors of a side take part in matching; longer sides are cut here, which
/// only ever loses evidence in very long segments.
const MAX_SIDE_ANCHORS: usize = 96;
/// Sides up to this many segments have their chance rates precomputed; longer sides
/// (only in three-way beads with omissions) use this size's.
const MAX_SIDE: usize = 3;

/// The bead shapes searched between two documents.
pub(crate) const PAIR_SHAPES: [(usize, usize); 10] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (3, 2),
    (2, 3),
];

/// The prior cost of a bead with `a` and `b` segments, both non-zero.
fn prior(a: usize, b: usize) -> f32 {
    match (a.min(b), a.max(b)) {
        (1, 1) => 0.0,
        (1, 2) => 2.3,
        (2, 2) => 5.5,
        (1, 3) => 5.5,
        (2, 3) => 7.5,
        (small, large) => 2.0 * (small + large) as f32,
    }
}

/// The lexical evidence that two sides translate each other: a log-likelihood ratio in
/// nats, positive when the sides share more anchors than chance would give them.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub(crate) struct MatchScore(pub f32);

/// What the scorer knows of one anchor type: for a partner side of `k + 1` segments,
/// `ln p` of finding a partner there by chance, and the log-ratio of missing one.
#[derive(Debug, Clone, Copy, Default)]
struct AnchorOdds {
    ln_chance: [f32; MAX_SIDE],
    miss: [f32; MAX_SIDE],
}

impl AnchorOdds {
    /// Odds of an anchor whose best link has reliability `q` and whose partners occur
    /// in a share `p` of the other document's segments.
    fn new(q: f32, p: f32) -> Self {
        let mut odds = Self::default();
        for k in 0..MAX_SIDE {
            let pk = 1.0 - (1.0 - p).powi(k as i32 + 1);
            odds.ln_chance[k] = pk.ln();
            // Where chance already explains a partner as well as translation does, a
            // missing partner says nothing.
            odds.miss[k] = ((1.0 - q) / (1.0 - pk)).ln().min(0.0);
        }
        odds
    }
}

/// Scores beads between two prepared documents.
#[derive(Debug, Clone)]
pub(crate) struct PairScorer {
    cum_a: Vec<u32>,
    cum_b: Vec<u32>,
    para_a: Vec<bool>,
    para_b: Vec<bool>,
    anchors_a: Vec<Vec<u32>>,
    anchors_b: Vec<Vec<u32>>,
    /// A 128-bit Bloom filter of each b segment's anchor types: most anchors of a find
    /// no partner in a side, and the filter says so without a scan.
    bloom_b: Vec<u128>,
    odds_a: Vec<AnchorOdds>,
    odds_b: Vec<AnchorOdds>,
    /// Per side size, prefix sums of the miss log-ratios of each segment's anchors.
    miss_a: [Vec<f32>; MAX_SIDE],
    miss_b: [Vec<f32>; MAX_SIDE],
    /// Per size of the b side, prefix sums over a's segments of the most each anchor
    /// can gain by a match: with the miss sums, an upper bound on the evidence that
    /// lets the search skip beads that cannot win ([`super::dp::BeadCost`]).
    gain_a: [Vec<f32>; MAX_SIDE],
    /// The same for b's segments, per size of the a side.
    gain_b: [Vec<f32>; MAX_SIDE],
    /// `(b type, ln q)` per a type, most reliable first.
    links: Vec<Vec<(u32, f32)>>,
    raw_links: Links,
    /// The length model of the pair.
    pub length: LengthModel,
}

/// The Bloom filter bit of an anchor type.
fn bloom_bit(t: u32) -> u128 {
    1u128 << (t.wrapping_mul(0x9E37_79B9) >> 25)
}

fn prefix_sums(chars: &[u32]) -> Vec<u32> {
    let mut cum = Vec::with_capacity(chars.len() + 1);
    cum.push(0);
    let mut total = 0;
    for &c in chars {
        total += c;
        cum.push(total);
    }
    cum
}

/// For each side size, prefix sums over segments of their anchors' miss log-ratios.
fn miss_sums(anchors: &[Vec<u32>], odds: &[AnchorOdds]) -> [Vec<f32>; MAX_SIDE] {
    std::array::from_fn(|k| {
        let mut cum = Vec::with_capacity(anchors.len() + 1);
        let mut total = 0.0;
        cum.push(total);
        for ids in anchors {
            total += ids.iter().map(|&t| odds[t as usize].miss[k]).sum::<f32>();
            cum.push(total);
        }
        cum
    })
}

/// Prefix sums over segments of their anchors' `gain`.
fn gain_sums(anchors: &[Vec<u32>], gain: impl Fn(u32) -> f32) -> Vec<f32> {
    let mut cum = Vec::with_capacity(anchors.len() + 1);
    let mut total = 0.0;
    cum.push(total);
    for ids in anchors {
        total += ids.iter().map(|&t| gain(t)).sum::<f32>();
        cum.push(total);
    }
    cum
}

/// How many segments of `anchors` hold each anchor type, for types `0..types`.
fn segment_counts(anchors: &[Vec<u32>], types: usize) -> Vec<u32> {
    let mut counts = vec![0u32; types];
    let mut seen = Vec::new();
    for ids in anchors {
        seen.clear();
        seen.extend_from_slice(ids);
        seen.sort_unstable();
        seen.dedup();
        for &t in &seen {
            counts[t as usize] += 1;
        }
    }
    counts
}

impl PairScorer {
    /// A scorer for `a` and `b` with the given links and term anchors.
    pub fn new(a: &Prepared, b: &Prepared, links: Links, terms: &TermAnchors) -> Self {
        let cum_a = prefix_sums(&a.chars);
        let cum_b = prefix_sums(&b.chars);
        let length = LengthModel::estimate(
            u64::from(*cum_a.last().unwrap_or(&0)),
            u64::from(*cum_b.last().unwrap_or(&0)),
        );
        let mut scorer = Self {
            cum_a,
            cum_b,
            para_a: a.para_start.clone(),
            para_b: b.para_start.clone(),
            anchors_a: Vec::new(),
            anchors_b: Vec::new(),
            bloom_b: Vec::new(),
            odds_a: Vec::new(),
            odds_b: Vec::new(),
            miss_a: Default::default(),
            miss_b: Default::default(),
            gain_a: Default::default(),
            gain_b: Default::default(),
            links: Vec::new(),
            raw_links: Links::default(),
            length,
        };
        scorer.set_links(a, b, links, terms);
        scorer
    }

    /// Replace the links (after learning): keep on each side only the tokens that can
    /// match something, and work out every anchor type's odds.
    pub fn set_links(&mut self, a: &Prepared, b: &Prepared, mut links: Links, terms: &TermAnchors) {
        links.sort();
        let types_a = links.by_a.len();
        let types_b = links
            .by_a
            .iter()
            .flatten()
            .map(|&(t, _)| t as usize + 1)
            .max()
            .unwrap_or(0)
            .max(b.types.len());
        let mut q_b = vec![0.0f32; types_b];
        for list in &links.by_a {
            for &(t, q) in list {
                q_b[t as usize] = q_b[t as usize].max(q);
            }
        }
        let keep = |ids: &[u32], extra: &[u32], linked: &dyn Fn(u32) -> bool| -> Vec<u32> {
            ids.iter()
                .chain(extra)
                .copied()
                .filter(|&t| linked(t))
                .collect()
        };
        self.anchors_a = a
            .segments
            .iter()
            .zip(&terms.a)
            .map(|(ids, extra)| keep(ids, extra, &|t| !links.by_a[t as usize].is_empty()))
            .collect();
        self.anchors_b = b
            .segments
            .iter()
            .zip(&terms.b)
            .map(|(ids, extra)| {
                keep(ids, extra, &|t| {
                    q_b.get(t as usize).is_some_and(|&q| q > 0.0)
                })
            })
            .collect();
        self.bloom_b = self
            .anchors_b
            .iter()
            .map(|ids| ids.iter().fold(0u128, |f, &t| f | bloom_bit(t)))
            .collect();
        let df_a = segment_counts(&self.anchors_a, types_a);
        let df_b = segment_counts(&self.anchors_b, types_b);
        let share = |count: u32, n: usize| ((count as f32 + 0.5) / (n as f32 + 1.0)).min(0.95);
        // Chance that a random segment of the other document holds a partner.
        let mut partners_b = vec![0u32; types_b];
        let mut partners_a = vec![0u32; types_a];
        for (ta, list) in links.by_a.iter().enumerate() {
            for &(tb, _) in list {
                partners_a[ta] += df_b[tb as usize];
                partners_b[tb as usize] += df_a[ta];
            }
        }
        let (n, m) = (a.segments.len(), b.segments.len());
        self.odds_a = links
            .by_a
            .iter()
            .zip(&partners_a)
            .map(|(list, &c)| {
                let q = list.first().map_or(0.0, |l| l.1);
                AnchorOdds::new(q, share(c, m))
            })
            .collect();
        self.odds_b = q_b
            .iter()
            .zip(&partners_b)
            .map(|(&q, &c)| AnchorOdds::new(q, share(c, n)))
            .collect();
        self.miss_a = miss_sums(&self.anchors_a, &self.odds_a);
        self.miss_b = miss_sums(&self.anchors_b, &self.odds_b);
        self.links = links
            .by_a
            .iter()
            .map(|list| list.iter().map(|&(t, q)| (t, q.ln())).collect())
            .collect();
        let best_gain = |t: u32, k: usize| {
            let oa = &self.odds_a[t as usize];
            self.links[t as usize]
                .iter()
                .map(|&(u, ln_q)| {
                    let ob = &self.odds_b[u as usize];
                    2.0 * ln_q - oa.ln_chance[k] - oa.miss[k] - ob.ln_chance[0] - ob.miss[0]
                })
                .fold(0.0f32, f32::max)
        };
        self.gain_a = std::array::from_fn(|k| gain_sums(&self.anchors_a, |t| best_gain(t, k)));
        // For b, the best over the links that reach each type.
        let mut best_gain_b = vec![[0.0f32; MAX_SIDE]; self.odds_b.len()];
        for (t, list) in self.links.iter().enumerate() {
            let oa = &self.odds_a[t];
            for &(u, ln_q) in list {
                let ob = &self.odds_b[u as usize];
                for (k, slot) in best_gain_b[u as usize].iter_mut().enumerate() {
                    let gain =
                        2.0 * ln_q - ob.ln_chance[k] - ob.miss[k] - oa.ln_chance[0] - oa.miss[0];
                    *slot = slot.max(gain);
                }
            }
        }
        self.gain_b =
            std::array::from_fn(|k| gain_sums(&self.anchors_b, |u| best_gain_b[u as usize][k]));
        self.raw_links = links;
    }

    /// The length diagonal of the pair, the first pass's centre line.
    pub fn diagonal(&self) -> Vec<(usize, usize)> {
        super::dp::length_diagonal(&self.cum_a, &self.cum_b, self.length.ratio)
    }

    /// The current links.
    pub fn links(&self) -> &Links {
        &self.raw_links
    }

    /// Number of segments of the two documents.
    pub fn len(&self) -> (usize, usize) {
        (self.cum_a.len() - 1, self.cum_b.len() - 1)
    }

    /// Characters in segments `i0..i1` of a and `j0..j1` of b.
    pub fn lengths(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (u32, u32) {
        (
            self.cum_a[i1] - self.cum_a[i0],
            self.cum_b[j1] - self.cum_b[j0],
        )
    }

    /// The lexical evidence between the merged sides `i0..i1` and `j0..j1`, both
    /// non-empty.
    pub fn evidence(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> MatchScore {
        if i0 == i1 || j0 == j1 {
            return MatchScore(0.0);
        }
        let ka = (i1 - i0).min(MAX_SIDE) - 1;
        let kb = (j1 - j0).min(MAX_SIDE) - 1;
        let mut total =
            self.miss_a[kb][i1] - self.miss_a[kb][i0] + self.miss_b[ka][j1] - self.miss_b[ka][j0];
        let bloom = self.bloom_b[j0..j1].iter().fold(0u128, |f, &b| f | b);
        let mut side = [0u32; MAX_SIDE_ANCHORS];
        let mut len = 0;
        for ids in &self.anchors_b[j0..j1] {
            for &t in ids {
                if len < MAX_SIDE_ANCHORS {
                    side[len] = t;
                    len += 1;
                }
            }
        }
        // Matched anchors of b are overwritten with u32::MAX, which no type id reaches.
        for ids in &self.anchors_a[i0..i1] {
            for &t in ids {
                for &(target, ln_q) in &self.links[t as usize] {
                    if bloom & bloom_bit(target) == 0 {
                        continue;
                    }
                    if let Some(slot) = side[..len].iter_mut().find(|s| **s == target) {
                        *slot = u32::MAX;
                        let oa = &self.odds_a[t as usize];
                        let ob = &self.odds_b[target as usize];
                        total += 2.0 * ln_q
                            - oa.ln_chance[kb]
                            - oa.miss[kb]
                            - ob.ln_chance[ka]
                            - ob.miss[ka];
                        break;
                    }
                }
            }
        }
        MatchScore(total)
    }

    /// The cost of a bead with both sides non-empty from its form alone: shape prior,
    /// length misfit and paragraph mismatch, without the lexical evidence.
    pub fn form_cost(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let (la, lb) = self.lengths(i0, i1, j0, j1);
        let mut cost = prior(i1 - i0, j1 - j0) + self.length.cost(la, lb);
        if self.para_a[i0] != self.para_b[j0] {
            cost += PARAGRAPH;
        }
        let inner = self.para_a[i0 + 1..i1].iter().filter(|&&p| p).count()
            + self.para_b[j0 + 1..j1].iter().filter(|&&p| p).count();
        cost + PARAGRAPH * inner as f32
    }

    /// The cost of the bead `i0..i1` × `j0..j1` (either side may be empty). The
    /// searches use [`PairScorer::bound`] and [`PairScorer::finish`]; this is for the
    /// exhaustive reference in tests.
    #[cfg(test)]
    pub fn cost(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let (_, form) = self.bound(i0, i1, j0, j1);
        self.finish(i0, i1, j0, j1, form)
    }

    /// A lower bound on the cost, and the cost without evidence: the most evidence a
    /// bead can have is every anchor of its smaller-potential side matched at its best.
    pub(crate) fn bound(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (f32, f32) {
        let (a, b) = (i1 - i0, j1 - j0);
        if a == 0 || b == 0 {
            let cost = OMISSION * (a + b) as f32;
            return (cost, cost);
        }
        let form = self.form_cost(i0, i1, j0, j1);
        let (ka, kb) = (a.min(MAX_SIDE) - 1, b.min(MAX_SIDE) - 1);
        let misses =
            self.miss_a[kb][i1] - self.miss_a[kb][i0] + self.miss_b[ka][j1] - self.miss_b[ka][j0];
        let gains = (self.gain_a[kb][i1] - self.gain_a[kb][i0])
            .min(self.gain_b[ka][j1] - self.gain_b[ka][j0]);
        (form - EVIDENCE * (misses + gains), form)
    }

    /// The exact cost, given the cost without evidence.
    pub(crate) fn finish(&self, i0: usize, i1: usize, j0: usize, j1: usize, form: f32) -> f32 {
        if i0 == i1 || j0 == j1 {
            return form;
        }
        form - EVIDENCE * self.evidence(i0, i1, j0, j1).0
    }
}

impl super::dp::BeadCost for PairScorer {
    fn bound(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (f32, f32) {
        PairScorer::bound(self, i0, i1, j0, j1)
    }

    fn finish(&self, i0: usize, i1: usize, j0: usize, j1: usize, partial: f32) -> f32 {
        PairScorer::finish(self, i0, i1, j0, j1, partial)
    }
}

/// The scorer without lexical evidence: the coarse pass's cost, cheap enough for a
/// wide band.
pub(crate) struct FormOnly<'s>(pub &'s PairScorer);

impl super::dp::BeadCost for FormOnly<'_> {
    fn bound(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> (f32, f32) {
        let cost = if i0 == i1 || j0 == j1 {
            OMISSION * (i1 - i0 + j1 - j0) as f32
        } else {
            self.0.form_cost(i0, i1, j0, j1)
        };
        (cost, cost)
    }

    fn finish(&self, _: usize, _: usize, _: usize, _: usize, partial: f32) -> f32 {
        partial
    }
}
