//! Finding the best matches for a segment: exact, context and fuzzy, in any direction
//! between a unit's languages.
//!
//! ## Why the candidate index finds every match
//!
//! Let the query have `n` words and a stored segment `m`, `L = max(n, m)`, `d` their
//! word edit distance and `t` the threshold. Every score is at most the edit similarity
//! `100·(L − d)/L` ([`score`](super::score) only subtracts penalties), so a match needs
//! `L − d ≥ ⌈L·t/100⌉ ≥ k := ⌈n·t/100⌉`. An edit script of cost `d` leaves at least
//! `L − d` word pairs untouched, so the two segments share at least `k` words (counted
//! with repetition, numbers as one key). Hence:
//!
//! - **length**: `⌈n·t/100⌉ ≤ m ≤ ⌊100·n/t⌋`;
//! - **prefix**: order the query's distinct words rarest first and take them until they
//!   cover `n − k + 1` of its `n` words; a segment holding none of them shares at most
//!   `k − 1` words with the query and cannot match. A longer segment (`m > n`) needs
//!   `⌈m·t/100⌉` shared words, so a shorter prefix serves it: the word preceded by `c`
//!   query words in that order is needed only for `m ≤ ⌊100·(n − c)/t⌋`.
//!
//! So the lookup reads the postings of those few rare words, within the length window;
//! a count filter (see `candidates`) drops candidates that cannot share enough words;
//! each remaining candidate's edit similarity is computed on the token ids stored with
//! it, and only those reaching the threshold have their text read and fully scored.
//! [`lookup_exhaustive`] scores every segment and is kept as the reference the tests hold
//! the index to. Exact matches are looked up first by their exact form, which covers
//! segments without words ("—", "***") and, when enough of them score 100, spares the
//! fuzzy search altogether (see [`lookup`]).
//!
//! ## Sentences of units, and joined units
//!
//! A unit of several sentences whose languages pair them one to one has each sentence
//! indexed as well (`store::units::sentences`): the same exact-form and fuzzy lookups
//! run over them, and a match of one gives the sentence at the same position of the
//! target ([`MatchKind::Sentence`]). The other way round, a query of two to four
//! sentences held exactly by two or more units gets those units' targets joined
//! ([`MatchKind::Joined`], see `joined`).

use std::collections::HashMap;

use serde::Serialize;

use super::score::{MatchScore, WordChange, score, similarity, word_diff};
use super::{UnitId, UnitMetadata};
use crate::lang::LanguageTag;
use crate::normal::{Normalized, exact_form};
use crate::segment::Segmenter;
use crate::store::fuzzy_index::Segments;
use crate::store::segments::{self, MatchedPair, SourceSegment, SourceSentence};
use crate::store::{Connection, StoreError, fuzzy_index};

/// The default lowest score worth showing (Trados's default).
pub const DEFAULT_THRESHOLD: u8 = 70;

/// A segment to find matches for.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// The language of `text`.
    pub src: &'a LanguageTag,
    /// The language the translator needs: only units with a variant in it match.
    pub tgt: &'a LanguageTag,
    /// The segment, inline codes left out.
    pub text: &'a str,
    /// The names of its inline elements, in order.
    pub tags: &'a [String],
    /// The segment before it, for context matches.
    pub prev: Option<&'a str>,
    /// The segment after it, for context matches.
    pub next: Option<&'a str>,
    /// The lowest score to return, 1–101.
    pub min: u8,
    /// How many matches to return at most.
    pub top: usize,
}

impl<'a> Query<'a> {
    /// A plain query for `text` with the default threshold and five matches.
    pub fn new(src: &'a LanguageTag, tgt: &'a LanguageTag, text: &'a str) -> Self {
        Self {
            src,
            tgt,
            text,
            tags: &[],
            prev: None,
            next: None,
            min: DEFAULT_THRESHOLD,
            top: 5,
        }
    }
}

/// What a match was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MatchKind {
    /// A stored unit: its source and target.
    Unit,
    /// One sentence of a unit that holds several, and the sentence at the same position
    /// of its target.
    Sentence {
        /// The sentence's place among the unit's, from 0.
        position: u32,
    },
    /// Consecutive units, one for each sentence of the query, their texts joined.
    Joined {
        /// The units, in the query's order; the first is the match's `unit`.
        units: Vec<UnitId>,
    },
}

impl MatchKind {
    /// Among matches of equal score, whole units come first, then sentences of units,
    /// then joined units: the less a match was assembled, the more it is worth.
    fn rank(&self) -> u8 {
        match self {
            Self::Unit => 0,
            Self::Sentence { .. } => 1,
            Self::Joined { .. } => 2,
        }
    }
}

/// One match: a stored unit (or a sentence of one, or units joined), how well its
/// source fits the query, and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// The unit (the first unit of a joined match).
    pub unit: UnitId,
    /// What the match was made from.
    pub kind: MatchKind,
    /// How well its source variant fits the query.
    pub score: MatchScore,
    /// The source variant's text as stored.
    pub source: String,
    /// The target variant's text as stored.
    pub target: String,
    /// The target's TMX markup, when it has inline codes.
    pub target_markup: Option<String>,
    /// What differs between the stored source and the query, word by word.
    pub diff: Vec<WordChange>,
    /// The unit's metadata.
    pub meta: UnitMetadata,
}

impl Match {
    /// Every unit the match was made from.
    pub fn units(&self) -> Vec<UnitId> {
        match &self.kind {
            MatchKind::Joined { units } => units.clone(),
            _ => vec![self.unit],
        }
    }
}

/// The result of a lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lookup {
    /// The best matches, best first; ties go to the most recently added unit.
    pub matches: Vec<Match>,
    /// How many stored segments' words were compared with the query's (the rest of the
    /// memory was never read).
    pub candidates: usize,
}

/// The best matches for `query`, through the candidate index.
///
/// Segments with the query's exact form are scored first, from the exact-match index.
/// Only they can score 100 or 101 (any other segment differs in its words, case or
/// punctuation and scores at most 99), so when `query.top` of them reach 100, or the
/// query asks for nothing below 100, they are the whole answer and the fuzzy
/// candidates are never read: a pre-translation asking for the best match of a segment
/// the memory holds costs one index probe.
///
/// The index lists them newest unit first, and ties rank the newest first, so reading
/// stops once `query.top` of them have the highest score one can have (101 with a
/// context, 100 without): a segment the memory holds a thousand times costs a few row
/// reads, not a thousand.
pub fn lookup(conn: &Connection, query: &Query) -> Result<Lookup, StoreError> {
    let normalized = Normalized::new(query.src, query.text);
    let form = &normalized.exact;
    let mut ids = segments::with_exact_form(conn, Segments::Variants, query.src, form)?;
    let ceiling = if query.prev.is_some() {
        MatchScore::CONTEXT
    } else {
        MatchScore::EXACT
    };
    let mut hits = Vec::new();
    for (read, chunk) in ids.chunks(query.top.max(1)).enumerate() {
        hits.extend(score_all(
            conn,
            query,
            &normalized,
            Segments::Variants,
            chunk,
            None,
        )?);
        if hits.iter().filter(|h| h.score >= ceiling).count() >= query.top {
            let scored = ((read + 1) * query.top.max(1)).min(ids.len());
            return finish(conn, query, &normalized, hits, None, scored);
        }
    }
    // Whole units rank first at equal scores, so sentences are read only when the
    // units' exact matches are not enough.
    let mut sentence_ids = segments::with_exact_form(conn, Segments::Sentences, query.src, form)?;
    hits.extend(score_all(
        conn,
        query,
        &normalized,
        Segments::Sentences,
        &sentence_ids,
        None,
    )?);
    let exact = hits.iter().filter(|h| h.score >= MatchScore::EXACT).count();
    let joined = if exact < query.top {
        joined(conn, query)?
    } else {
        None
    };
    let exact_read = ids.len() + sentence_ids.len();
    if query.min >= MatchScore::EXACT.0 || exact >= query.top {
        return finish(conn, query, &normalized, hits, joined, exact_read);
    }
    let n = normalized.words.len();
    let counts = normalized.key_counts();
    let mut known = Vec::with_capacity(counts.len());
    for (key, _) in &counts {
        known.push(fuzzy_index::word(conn, query.src, key)?);
    }
    // The query's words as token ids; a word the memory has never seen gets an id no
    // stored word has.
    let word_ids: Vec<i64> = normalized
        .words
        .iter()
        .map(|w| {
            let i = counts
                .iter()
                .position(|(k, _)| *k == w.key)
                .expect("counted");
            known[i].map_or(-1 - i as i64, |word| word.id)
        })
        .collect();
    let mut words: Vec<_> = known
        .into_iter()
        .zip(counts.iter().map(|&(_, c)| c))
        .collect();
    // A sentence's words are counted with its variant's, so variants' `df` orders the
    // sentences' lists too.
    words.sort_by_key(|(w, _)| w.map_or(0, |w| w.df));
    let t = usize::from(query.min.clamp(1, 100));
    let mut compared = exact_read;
    for (segments, scored) in [
        (Segments::Variants, &mut ids),
        (Segments::Sentences, &mut sentence_ids),
    ] {
        let mut fuzzy = if n > 0 {
            candidates(conn, segments, &words, n, t)?
        } else {
            Vec::new()
        };
        // The exact-form segments are scored already.
        scored.sort_unstable();
        fuzzy.retain(|id| scored.binary_search(id).is_err());
        fuzzy.sort_unstable();
        compared += fuzzy.len();
        hits.extend(score_all(
            conn,
            query,
            &normalized,
            segments,
            &fuzzy,
            Some(&word_ids),
        )?);
    }
    finish(conn, query, &normalized, hits, joined, compared)
}

/// The most sentences a query may have to be answered by joined units: a segment of
/// more is a paragraph the segmenter could not cut, not a translator's joined line.
const MOST_JOINED: usize = 4;

/// The most units read for each run of sentences of a joined match, newest first.
const UNITS_PER_SENTENCE: usize = 16;

/// What a joined match of units not known to be consecutive loses: their targets
/// joined may read worse than one translation (a pronoun, a repeated name), so it
/// ranks with the nearly exact matches and below a unit translating the whole segment.
pub const JOIN_PENALTY: u8 = 1;

/// A match joining stored units that together hold the query's sentences (cut by the
/// built-in rules) in order, each unit's source the exact form of one sentence or of a
/// run of consecutive ones; their sources and targets are joined with a space, as
/// Russian, Azerbaijani and English write consecutive sentences.
///
/// Units known to be consecutive are preferred: the next segment stored with one is the
/// next one's source, or the previous segment stored with the next is this one's
/// (alignment and translation store them); then fewer units, then newer ones. A match
/// of units all known consecutive scores 100, any other [`JOIN_PENALTY`] less. memoQ
/// assembles such "fragment" hits after its TM matches without a score, and Trados
/// offers nothing for them; a score lets pre-translation fill the segment. Only exact
/// matches are joined: a fuzzy part's differences would hide in the join.
fn joined(conn: &Connection, query: &Query) -> Result<Option<Match>, StoreError> {
    if !query.tags.is_empty() {
        return Ok(None);
    }
    let cut = Segmenter::builtin_shared(query.src).split(query.text);
    let n = cut.len();
    if !(2..=MOST_JOINED).contains(&n) {
        return Ok(None);
    }
    let sentences: Vec<String> = cut.iter().map(|s| exact_form(s.text(query.text))).collect();
    // Joined with single spaces, sentences `i..j` have the exact form of their text.
    let span = |i: usize, j: usize| sentences[i..j].join(" ");
    // The units holding each run of sentences short of the whole query, newest first.
    let mut units: HashMap<(usize, usize), Vec<SourceSegment>> = HashMap::new();
    for i in 0..n {
        for j in i + 1..=n {
            if j - i == n {
                continue;
            }
            let mut found = Vec::new();
            for id in segments::with_exact_form(conn, Segments::Variants, query.src, &span(i, j))? {
                if found.len() == UNITS_PER_SENTENCE {
                    break;
                }
                if let Some(segment) = segments::source_of_pair(conn, id, query.src, query.tgt)?
                    && segment.tags.is_empty()
                {
                    found.push(segment);
                }
            }
            if !found.is_empty() {
                units.insert((i, j), found);
            }
        }
    }
    // The best chain ending with unit `k` of run `(i, j)`: (links unknown, units), and
    // the unit before it.
    type Key = (usize, usize, usize);
    let mut best: HashMap<Key, ((usize, usize), Option<Key>)> = HashMap::new();
    for j in 1..=n {
        for i in 0..j {
            let Some(held) = units.get(&(i, j)) else {
                continue;
            };
            for (k, b) in held.iter().enumerate() {
                let mut choice: Option<((usize, usize), Option<Key>)> =
                    (i == 0).then_some(((0, 1), None));
                for h in 0..i {
                    let Some(before) = units.get(&(h, i)) else {
                        continue;
                    };
                    for (m, a) in before.iter().enumerate() {
                        let Some(&((unlinked, count), _)) = best.get(&(h, i, m)) else {
                            continue;
                        };
                        let linked = a.next.as_deref() == Some(span(i, j).as_str())
                            || b.prev.as_deref() == Some(span(h, i).as_str());
                        let cost = (unlinked + usize::from(!linked), count + 1);
                        if choice.is_none_or(|(c, _)| cost < c) {
                            choice = Some((cost, Some((h, i, m))));
                        }
                    }
                }
                if let Some(choice) = choice {
                    best.insert((i, j, k), choice);
                }
            }
        }
    }
    let Some((&last, &((unlinked, _), _))) = best
        .iter()
        .filter(|((_, j, _), _)| *j == n)
        .min_by_key(|&(&(i, _, k), &(cost, _))| (cost, std::cmp::Reverse(i), k))
    else {
        return Ok(None);
    };
    let score = if unlinked == 0 {
        MatchScore::EXACT
    } else {
        MatchScore(MatchScore::EXACT.0 - JOIN_PENALTY)
    };
    if score.0 < query.min {
        return Ok(None);
    }
    let mut chain = Vec::new();
    let mut at = Some(last);
    while let Some(key @ (i, j, k)) = at {
        chain.push(units[&(i, j)][k].unit);
        at = best[&key].1;
    }
    chain.reverse();
    let mut pairs = Vec::with_capacity(chain.len());
    for &unit in &chain {
        pairs.push(segments::pair(conn, unit, query.src, query.tgt)?);
    }
    let join =
        |text: &dyn Fn(&MatchedPair) -> &str| pairs.iter().map(text).collect::<Vec<_>>().join(" ");
    let source = join(&|p| &p.source);
    let target = join(&|p| &p.target);
    let normalized = Normalized::new(query.src, query.text);
    let diff = word_diff(&normalized, &Normalized::new(query.src, &source));
    let meta = pairs.swap_remove(0).meta;
    Ok(Some(Match {
        unit: UnitId(chain[0]),
        kind: MatchKind::Joined {
            units: chain.into_iter().map(UnitId).collect(),
        },
        score,
        source,
        target,
        target_markup: None,
        diff,
        meta,
    }))
}

/// The stored segments that can reach threshold `t` against a query of `n` words whose
/// distinct words, rarest first, are `words` (index entry, occurrences in the query).
///
/// The rarest words' postings give every possible match (the prefix argument above).
/// Counting, for each candidate, how many query words it can share then prunes it
/// early: its shared words are at most those of its words seen in the postings read so
/// far plus all query words whose postings were not read for its length. More posting
/// lists are read, rarest first, while a list is at most 64 times longer than the
/// candidate list: a posting read in a sequential scan costs a small fraction of a
/// candidate read at random (at 1,000,000 units, 4× gave a mean lookup of 13 ms, 16×
/// 9 ms, 64× 4–6 ms, 256× no better; see docs/benchmarks.md).
fn candidates(
    conn: &Connection,
    segments: Segments,
    words: &[(Option<fuzzy_index::IndexedWord>, usize)],
    n: usize,
    t: usize,
) -> Result<Vec<i64>, StoreError> {
    let shared = (n * t).div_ceil(100);
    let longest = n * 100 / t;
    // Shared words needed by a segment of `len` words.
    let need = |len: usize| (n.max(len) * t).div_ceil(100);
    // For each candidate: its length and how many query words it was seen to hold.
    let mut found: HashMap<i64, (usize, usize)> = HashMap::new();
    // (longest length read, occurrences in the query) of each word whose postings were read.
    let mut read: Vec<(usize, usize)> = Vec::new();
    let mut postings = Vec::new();
    let mut covered = 0;
    let mut rest = words.iter();
    for &(word, count) in rest.by_ref() {
        // Longer candidates need more shared words, so fewer of the rarest words suffice
        // for them: this word is needed only up to this length.
        let upto = (n - covered) * 100 / t;
        covered += count;
        if let Some(word) = word {
            postings.clear();
            fuzzy_index::postings(conn, segments, word, shared, upto, &mut postings)?;
            for &(id, len) in &postings {
                found.entry(id).or_insert((len, 0)).1 += count;
            }
        }
        read.push((upto, count));
        if covered > n - shared {
            break;
        }
    }
    let prune = |found: &mut HashMap<i64, (usize, usize)>, read: &[(usize, usize)]| {
        found.retain(|_, &mut (len, seen)| {
            let unread = n - read
                .iter()
                .filter(|(upto, _)| *upto >= len)
                .map(|(_, count)| count)
                .sum::<usize>();
            seen + unread >= need(len)
        });
    };
    prune(&mut found, &read);
    for &(word, count) in rest {
        let df = word.map_or(0, |w| w.df) as usize;
        if found.is_empty() || df > 64 * found.len() {
            break;
        }
        if let Some(word) = word {
            postings.clear();
            fuzzy_index::postings(conn, segments, word, shared, longest, &mut postings)?;
            for (id, _) in &postings {
                if let Some((_, seen)) = found.get_mut(id) {
                    *seen += count;
                }
            }
        }
        read.push((longest, count));
        prune(&mut found, &read);
    }
    Ok(found.into_keys().collect())
}

/// The best matches for `query`, scoring every segment in the source language: the
/// slow reference [`lookup`] must agree with.
pub fn lookup_exhaustive(conn: &Connection, query: &Query) -> Result<Lookup, StoreError> {
    let normalized = Normalized::new(query.src, query.text);
    let mut hits = Vec::new();
    let mut compared = 0;
    for segments in [Segments::Variants, Segments::Sentences] {
        let ids = segments::in_language(conn, segments, query.src)?;
        hits.extend(score_all(conn, query, &normalized, segments, &ids, None)?);
        compared += ids.len();
    }
    let joined = joined(conn, query)?;
    finish(conn, query, &normalized, hits, joined, compared)
}

/// A stored source segment that reached the threshold.
struct Hit {
    score: MatchScore,
    unit: i64,
    kind: MatchKind,
    words: Normalized,
}

/// The variants of `ids` that reach the query's threshold, scored; with `word_ids` (the
/// query's token ids), those whose edit similarity, an upper bound of the score, is
/// below the threshold are skipped before their text is read.
fn score_all(
    conn: &Connection,
    query: &Query,
    normalized: &Normalized,
    segments: Segments,
    ids: &[i64],
    word_ids: Option<&[i64]>,
) -> Result<Vec<Hit>, StoreError> {
    let prev = query.prev.map(exact_form);
    let next = query.next.map(exact_form);
    let mut hits = Vec::new();
    let bound = query.min.min(MatchScore::EXACT.0);
    for &id in ids {
        if let Some(word_ids) = word_ids {
            let stored = match segments {
                Segments::Variants => fuzzy_index::word_ids(conn, id)?,
                Segments::Sentences => fuzzy_index::sentence_word_ids(conn, id)?,
            };
            if similarity(word_ids, &stored) < bound {
                continue;
            }
        }
        let (unit, stored, tags, kind, in_context) = match segments {
            Segments::Variants => {
                let Some(SourceSegment {
                    unit,
                    normalized: stored,
                    tags,
                    prev: stored_prev,
                    next: stored_next,
                }) = segments::source_of_pair(conn, id, query.src, query.tgt)?
                else {
                    continue;
                };
                let in_context = prev.is_some()
                    && prev == stored_prev
                    && (next.is_none() || stored_next.is_none() || next == stored_next);
                let tags: Vec<String> = tags.split_whitespace().map(str::to_string).collect();
                (unit, stored, tags, MatchKind::Unit, in_context)
            }
            // A sentence has no inline codes (units with codes are not cut) and no
            // stored neighbours of its own.
            Segments::Sentences => {
                let Some(SourceSentence {
                    unit,
                    position,
                    normalized: stored,
                }) = segments::sentence_of_pair(conn, id, query.src, query.tgt)?
                else {
                    continue;
                };
                (
                    unit,
                    stored,
                    Vec::new(),
                    MatchKind::Sentence { position },
                    false,
                )
            }
        };
        let words = Normalized::new(query.src, &stored);
        let mut s = score(normalized, query.tags, &words, &tags);
        if s == MatchScore::EXACT && in_context {
            s = MatchScore::CONTEXT;
        }
        if s.0 >= query.min {
            hits.push(Hit {
                score: s,
                unit,
                kind,
                words,
            });
        }
    }
    Ok(hits)
}

/// The best `query.top` of `hits` and `joined` with their texts, metadata and diffs;
/// `candidates` is how many stored segments were compared.
fn finish(
    conn: &Connection,
    query: &Query,
    normalized: &Normalized,
    mut hits: Vec<Hit>,
    joined: Option<Match>,
    candidates: usize,
) -> Result<Lookup, StoreError> {
    let position = |k: &MatchKind| match k {
        MatchKind::Sentence { position } => *position,
        _ => 0,
    };
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.kind.rank().cmp(&b.kind.rank()))
            .then(b.unit.cmp(&a.unit))
            .then(position(&a.kind).cmp(&position(&b.kind)))
    });
    hits.truncate(query.top);
    let mut matches = Vec::with_capacity(hits.len() + 1);
    for hit in hits {
        let MatchedPair {
            source,
            target,
            target_markup,
            meta,
        } = match hit.kind {
            MatchKind::Sentence { position } => {
                segments::sentence_pair(conn, hit.unit, position, query.src, query.tgt)?
            }
            _ => segments::pair(conn, hit.unit, query.src, query.tgt)?,
        };
        matches.push(Match {
            unit: UnitId(hit.unit),
            kind: hit.kind,
            score: hit.score,
            source,
            target,
            target_markup,
            diff: word_diff(normalized, &hit.words),
            meta,
        });
    }
    if let Some(joined) = joined {
        // After every match of its score or better.
        let at = matches
            .iter()
            .position(|m| m.score < joined.score)
            .unwrap_or(matches.len());
        matches.insert(at, joined);
        matches.truncate(query.top);
    }
    Ok(Lookup {
        matches,
        candidates,
    })
}

#[cfg(test)]
mod tests;
