//! Resolving overlapping candidates into hits: the longest cover wins, and the terms
//! inside a split term that take in its inserted words are kept beside it.

use std::ops::Range;

use super::{Candidate, Found, TermHit, TermIndex};

impl TermIndex {
    /// The hits of the candidates that cover the most text, as [`TermHit`]s.
    ///
    /// A hit is kept when no hit kept before it overlaps it, save hits of other
    /// concepts on the very same span (a glossary may give one term two meanings); hits
    /// are taken longest first, then best score, earliest. The fate of a span is settled
    /// by its best candidate, so the distinct spans are resolved (a few a word, where a
    /// span can carry hundreds of candidates) and only the kept ones are expanded into
    /// their terms. `found` comes in text order of the spans' starts, as
    /// [`find`](Self::find) walks.
    pub(super) fn resolve_overlaps(&self, found: Found) -> Vec<TermHit> {
        let Found {
            candidates: found,
            inserted,
            conjunctions,
        } = found;
        let words_inside = |c: &Candidate| match c.inserted {
            0 => Vec::new(),
            i => inserted[i as usize - 1].clone(),
        };
        // Each distinct span with its best score, and whether the term's words are
        // together in some candidate on it.
        let mut spans: Vec<(Range<usize>, f32, bool)> = Vec::new();
        for c in &found {
            let same_start = spans.iter_mut().rev();
            match same_start
                .take_while(|(span, ..)| span.start == c.span.start)
                .find(|(span, ..)| *span == c.span)
            {
                Some((_, best, together)) => {
                    *best = best.max(c.score);
                    *together |= !c.is_split();
                }
                None => spans.push((c.span.clone(), c.score, !c.is_split())),
            }
        }
        // Distinct spans never tie in this order.
        spans.sort_unstable_by(|(a, a_score, _), (b, b_score, _)| {
            b.len()
                .cmp(&a.len())
                .then(b_score.total_cmp(a_score))
                .then(a.start.cmp(&b.start))
        });
        // The spans kept never overlap one another, so they are kept in text order and
        // a span is checked against its neighbours by binary search.
        let mut kept: Vec<(Range<usize>, bool)> = Vec::new();
        for (span, _, together) in spans {
            let next = kept.partition_point(|(k, _)| k.end <= span.start);
            if kept.get(next).is_none_or(|(k, _)| k.start >= span.end) {
                kept.insert(next, (span, together));
            }
        }
        // At most one kept span starts at any offset, so what is left is grouped by span.
        // Where some term's words are together on a span, a term split on the very same
        // span is another reading of those words, and the less likely one.
        let (mut found, dropped): (Vec<Candidate>, Vec<Candidate>) =
            found.into_iter().partition(|c| {
                let at = kept.partition_point(|(k, _)| k.start < c.span.start);
                kept.get(at)
                    .is_some_and(|(k, together)| *k == c.span && (!together || !c.is_split()))
            });
        let inside = self.inside_coordinations(&found, dropped, &inserted, &conjunctions);
        if !inside.is_empty() {
            found.extend(inside);
            found.sort_by_key(|c| (c.span.start, c.span.end));
        }
        // At most one hit a term of the kept candidates' shapes.
        let most = found
            .iter()
            .map(|c| self.shapes[c.shape as usize].terms.len())
            .sum();
        let mut hits = Vec::with_capacity(most);
        // One hit a concept on a span: its best, then its first term. Sorting
        // (concept, best score first, term, candidate) moves a few words an entry
        // instead of whole hits: a span can carry hundreds of concepts. Scores are
        // positive, and positive floats order as their bits.
        let mut order: Vec<(usize, u32, usize, usize)> = Vec::new();
        for group in found.chunk_by(|a, b| a.span == b.span) {
            let span = &group[0].span;
            if let [c] = group {
                // One shape's terms are already in (concept, term) order, one a concept.
                let terms = &self.shapes[c.shape as usize].terms;
                hits.extend(terms.iter().map(|&(concept, term)| TermHit {
                    span: span.clone(),
                    concept,
                    term,
                    score: c.score,
                    inserted: words_inside(c),
                }));
                continue;
            }
            order.clear();
            for (i, c) in group.iter().enumerate() {
                let best = u32::MAX - c.score.to_bits();
                let terms = &self.shapes[c.shape as usize].terms;
                order.extend(
                    terms
                        .iter()
                        .map(|&(concept, term)| (concept, best, term, i)),
                );
            }
            order.sort_unstable();
            let mut last = None;
            for &(concept, _, term, i) in &order {
                if last != Some(concept) {
                    last = Some(concept);
                    hits.push(TermHit {
                        span: span.clone(),
                        concept,
                        term,
                        score: group[i].score,
                        inserted: words_inside(&group[i]),
                    });
                }
            }
        }
        hits
    }

    /// The candidates standing inside a kept term split by a coordinated word, on either
    /// side of its conjunction ("humanitarian cooperation" in "economic and humanitarian
    /// cooperation", "heads of state" in "heads of state and government"): both terms
    /// are in the text. Such a candidate takes in an inserted word ("форума" alone, the
    /// head both share, is no second term). They are resolved among themselves as any,
    /// longest first; a span qualifies only when every candidate kept on it is so split.
    fn inside_coordinations(
        &self,
        kept: &[Candidate],
        dropped: Vec<Candidate>,
        inserted: &[Vec<Range<usize>>],
        conjunctions: &[Vec<Range<usize>>],
    ) -> Vec<Candidate> {
        let conjunctions_of = |c: &Candidate| match c.inserted {
            0 => &[][..],
            i => &conjunctions[i as usize - 1][..],
        };
        let inserted_of = |c: &Candidate| match c.inserted {
            0 => &[][..],
            i => &inserted[i as usize - 1][..],
        };
        let mut out = Vec::new();
        for group in kept.chunk_by(|a, b| a.span == b.span) {
            if group.iter().any(|c| conjunctions_of(c).is_empty()) {
                continue;
            }
            let outer = &group[0].span;
            let apart = |a: &Range<usize>, b: &Range<usize>| a.end <= b.start || b.end <= a.start;
            let clear = |span: &Range<usize>| {
                group
                    .iter()
                    .flat_map(conjunctions_of)
                    .all(|conj| apart(conj, span))
                    && group
                        .iter()
                        .flat_map(inserted_of)
                        .any(|words| !apart(words, span))
            };
            let mut nested: Vec<&Candidate> = dropped
                .iter()
                .filter(|c| {
                    !c.is_split()
                        && c.span != *outer
                        && outer.start <= c.span.start
                        && c.span.end <= outer.end
                        && clear(&c.span)
                })
                .collect();
            nested.sort_by(|a, b| {
                b.span
                    .len()
                    .cmp(&a.span.len())
                    .then(b.score.total_cmp(&a.score))
                    .then(a.span.start.cmp(&b.span.start))
            });
            let mut spans: Vec<Range<usize>> = Vec::new();
            for c in nested {
                let free = spans
                    .iter()
                    .all(|k| *k == c.span || k.end <= c.span.start || c.span.end <= k.start);
                if free {
                    if !spans.contains(&c.span) {
                        spans.push(c.span.clone());
                    }
                    out.push(Candidate {
                        span: c.span.clone(),
                        score: c.score,
                        shape: c.shape,
                        inserted: 0,
                    });
                }
            }
        }
        out
    }
}
