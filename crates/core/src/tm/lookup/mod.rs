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

use std::collections::HashMap;

use serde::Serialize;

use super::score::{MatchScore, WordChange, score, similarity, word_diff};
use super::{UnitId, UnitMetadata};
use crate::lang::LanguageTag;
use crate::normal::{Normalized, exact_form};
use crate::store::segments::{self, MatchedPair, SourceSegment};
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

/// One match: a stored unit, how well its source fits the query, and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// The unit.
    pub unit: UnitId,
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
    let mut ids = segments::with_exact_form(conn, query.src, &normalized.exact)?;
    let ceiling = if query.prev.is_some() {
        MatchScore::CONTEXT
    } else {
        MatchScore::EXACT
    };
    let mut hits = Vec::new();
    for (read, chunk) in ids.chunks(query.top.max(1)).enumerate() {
        hits.extend(score_all(conn, query, &normalized, chunk, None)?);
        if hits.iter().filter(|h| h.score >= ceiling).count() >= query.top {
            let scored = ((read + 1) * query.top.max(1)).min(ids.len());
            return finish(conn, query, &normalized, hits, scored);
        }
    }
    let exact = hits.iter().filter(|h| h.score >= MatchScore::EXACT).count();
    if query.min >= MatchScore::EXACT.0 || exact >= query.top {
        return finish(conn, query, &normalized, hits, ids.len());
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
    let mut fuzzy = Vec::new();
    if n > 0 {
        let mut words: Vec<_> = known
            .into_iter()
            .zip(counts.iter().map(|&(_, c)| c))
            .collect();
        words.sort_by_key(|(w, _)| w.map_or(0, |w| w.df));
        let t = usize::from(query.min.clamp(1, 100));
        fuzzy = candidates(conn, &words, n, t)?;
    }
    // The exact-form segments are scored already.
    ids.sort_unstable();
    fuzzy.retain(|id| ids.binary_search(id).is_err());
    fuzzy.sort_unstable();
    hits.extend(score_all(
        conn,
        query,
        &normalized,
        &fuzzy,
        Some(&word_ids),
    )?);
    finish(conn, query, &normalized, hits, ids.len() + fuzzy.len())
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
            fuzzy_index::postings(conn, word, shared, upto, &mut postings)?;
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
            fuzzy_index::postings(conn, word, shared, longest, &mut postings)?;
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
    let ids = segments::in_language(conn, query.src)?;
    let normalized = Normalized::new(query.src, query.text);
    let hits = score_all(conn, query, &normalized, &ids, None)?;
    finish(conn, query, &normalized, hits, ids.len())
}

/// A stored source segment that reached the threshold.
struct Hit {
    score: MatchScore,
    unit: i64,
    words: Normalized,
}

/// The variants of `ids` that reach the query's threshold, scored; with `word_ids` (the
/// query's token ids), those whose edit similarity, an upper bound of the score, is
/// below the threshold are skipped before their text is read.
fn score_all(
    conn: &Connection,
    query: &Query,
    normalized: &Normalized,
    ids: &[i64],
    word_ids: Option<&[i64]>,
) -> Result<Vec<Hit>, StoreError> {
    let prev = query.prev.map(exact_form);
    let next = query.next.map(exact_form);
    let mut hits = Vec::new();
    let bound = query.min.min(MatchScore::EXACT.0);
    for &id in ids {
        if let Some(word_ids) = word_ids
            && similarity(word_ids, &fuzzy_index::word_ids(conn, id)?) < bound
        {
            continue;
        }
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
        let words = Normalized::new(query.src, &stored);
        let tags: Vec<String> = tags.split_whitespace().map(str::to_string).collect();
        let mut s = score(normalized, query.tags, &words, &tags);
        let in_context = prev.is_some()
            && prev == stored_prev
            && (next.is_none() || stored_next.is_none() || next == stored_next);
        if s == MatchScore::EXACT && in_context {
            s = MatchScore::CONTEXT;
        }
        if s.0 >= query.min {
            hits.push(Hit {
                score: s,
                unit,
                words,
            });
        }
    }
    Ok(hits)
}

/// The best `query.top` of `hits` with their texts, metadata and diffs; `candidates`
/// is how many stored segments were compared.
fn finish(
    conn: &Connection,
    query: &Query,
    normalized: &Normalized,
    mut hits: Vec<Hit>,
    candidates: usize,
) -> Result<Lookup, StoreError> {
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(b.unit.cmp(&a.unit)));
    hits.truncate(query.top);
    let mut matches = Vec::with_capacity(hits.len());
    for hit in hits {
        let MatchedPair {
            source,
            target,
            target_markup,
            meta,
        } = segments::pair(conn, hit.unit, query.src, query.tgt)?;
        matches.push(Match {
            unit: UnitId(hit.unit),
            score: hit.score,
            source,
            target,
            target_markup,
            diff: word_diff(normalized, &hit.words),
            meta,
        });
    }
    Ok(Lookup {
        matches,
        candidates,
    })
}

#[cfg(test)]
mod tests;
