//! Units of several sentences, matched sentence by sentence.
//!
//! News translators often keep two sentences in one unit, while a new document is cut
//! sentence by sentence: the unit then matches none of its segments. So when two or
//! more of a unit's variants cut (by the built-in rules) into sentences that pair by
//! their lengths into two pieces or more ([`cut`]: a piece is a sentence, or two where
//! one language wrote two sentences and another one), each piece is stored as a
//! `sentence` row with its position and indexed like a variant (exact form and fuzzy
//! postings); a lookup matches a query against them too and offers the piece at the
//! same position in the target language.
//!
//! Rows are derived from the unit's variants: written with the unit, removed with it,
//! and cut again whenever one of its variants changes. A variant with inline codes is
//! not cut, since its codes could not follow its sentences.
//!
//! **Why lengths, not the aligner**: on the dev news, every pair of consecutive rows
//! joined into one unit pairs by lengths as the aligner pairs it, at a fraction of its
//! cost (the aligner builds two documents and starts threads for each unit); what
//! lengths cannot tell is the same sentences swapped on one side, which the aligner's
//! anchors catch more often and which translators do not write (`dragoman-bench
//! sentences`, docs/benchmarks.md).

use std::ops::Range;

use rusqlite::{Transaction, params};

use super::{UnitId, Variant};
use crate::lang::LanguageTag;
use crate::normal::Normalized;
use crate::segment::Segmenter;
use crate::store::StoreError;
use crate::store::fuzzy_index::{self, IndexBuffer};

/// Gale and Church's variance of the length difference per character.
const VARIANCE: f64 = 6.8;

/// The largest standardised length difference ([`length_misfit`]) of paired sentences:
/// on the dev news no pair of sentences that translate each other is above 1.95
/// (docs/benchmarks.md).
pub const MAX_MISFIT: f64 = 2.6;

/// What a pair of one sentence and two costs beyond their length misfit: Gale and
/// Church's prior odds of a 1-1 pair against a 2-1 pair, about 10 to 1, as `−ln`.
const MERGE_COST: f64 = 2.3;

/// The sentences of `variants` paired across languages, by language: each language's
/// list has the same number (two or more) of pieces, piece `i` of each translating
/// piece `i` of the others. A piece is a sentence, or two where one language wrote two
/// sentences and another one; pieces are slices of the variant's text.
///
/// The first variant that cuts into two sentences or more is the pivot; each other one
/// is paired with it by lengths (1-1, 1-2 and 2-1, every pair within [`MAX_MISFIT`]),
/// and the boundaries all kept languages share cut the pieces. Empty when fewer than two
/// languages or two pieces remain.
pub fn cut(variants: &[Variant]) -> Vec<(&LanguageTag, Vec<&str>)> {
    let cuts: Vec<(&Variant, Vec<Range<usize>>)> = variants
        .iter()
        .filter(|v| v.tags.is_empty() && may_hold_several(&v.text))
        .map(|v| {
            let spans = Segmenter::builtin_shared(&v.lang)
                .split(&v.text)
                .iter()
                .map(|s| s.start..s.end)
                .collect();
            (v, spans)
        })
        .filter(|(_, spans): &(_, Vec<_>)| spans.len() >= 2)
        .collect();
    let Some(((pivot, pivot_spans), others)) = cuts.split_first() else {
        return Vec::new();
    };
    let chars = |v: &Variant, spans: &[Range<usize>]| -> Vec<f64> {
        spans
            .iter()
            .map(|r| v.text[r.clone()].chars().count() as f64)
            .collect()
    };
    let pivot_chars = chars(pivot, pivot_spans);
    // Pivot boundaries (sentences before them) every kept language shares, and for each
    // kept language, its boundary at each pivot boundary.
    let mut shared: Vec<usize> = (1..pivot_spans.len()).collect();
    let mut kept: Vec<Paired<'_, '_>> = Vec::new();
    for (v, spans) in others {
        let Some(pairs) = pair_lengths(&pivot_chars, &chars(v, spans)) else {
            continue;
        };
        let ends: Vec<(usize, usize)> = pairs
            .iter()
            .scan((0, 0), |(p, q), &(dp, dq)| {
                *p += dp;
                *q += dq;
                Some((*p, *q))
            })
            .collect();
        let common: Vec<usize> = shared
            .iter()
            .copied()
            .filter(|b| ends.iter().any(|&(p, _)| p == *b))
            .collect();
        if common.is_empty() {
            continue;
        }
        shared = common;
        kept.push((v, spans, ends));
    }
    if kept.is_empty() {
        return Vec::new();
    }
    let mut out = vec![(&pivot.lang, pieces(pivot, pivot_spans, shared.clone()))];
    for (v, spans, ends) in kept {
        let bounds = shared
            .iter()
            .map(|b| {
                ends.iter()
                    .find(|&&(p, _)| p == *b)
                    .expect("a shared boundary")
                    .1
            })
            .collect();
        out.push((&v.lang, pieces(v, spans, bounds)));
    }
    out
}

/// A variant paired with the pivot: its sentences' spans, and at the end of each pair,
/// how many sentences of the pivot and of the variant came before.
type Paired<'v, 's> = (&'v Variant, &'s [Range<usize>], Vec<(usize, usize)>);

/// The text of `v` cut into pieces at `bounds` (counts of its sentences `spans` before
/// each cut, ascending).
fn pieces<'v>(v: &'v Variant, spans: &[Range<usize>], bounds: Vec<usize>) -> Vec<&'v str> {
    let mut out = Vec::with_capacity(bounds.len() + 1);
    let mut from = 0;
    for to in bounds.into_iter().chain([spans.len()]) {
        out.push(&v.text[spans[from].start..spans[to - 1].end]);
        from = to;
    }
    out
}

/// The pairing of sentences of `a` and `b` characters long, in order, as (sentences of
/// `a`, sentences of `b`) per pair: 1-1, 1-2 or 2-1, least length misfit and merges
/// first (a small dynamic programme); `None` when no pairing keeps every pair within
/// [`MAX_MISFIT`].
fn pair_lengths(a: &[f64], b: &[f64]) -> Option<Vec<(usize, usize)>> {
    const SHAPES: [(usize, usize); 3] = [(1, 1), (1, 2), (2, 1)];
    let ratio = b.iter().sum::<f64>() / a.iter().sum::<f64>().max(1.0);
    let (n, m) = (a.len(), b.len());
    // cost[i][j]: the cheapest pairing of the first i and j sentences, and its last shape.
    let mut cost = vec![vec![(f64::INFINITY, 0); m + 1]; n + 1];
    cost[0][0].0 = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for (s, &(p, q)) in SHAPES.iter().enumerate() {
                if i < p || j < q || cost[i - p][j - q].0.is_infinite() {
                    continue;
                }
                let x: f64 = a[i - p..i].iter().sum();
                let y: f64 = b[j - q..j].iter().sum();
                let d = delta(x, y, ratio);
                if d > MAX_MISFIT {
                    continue;
                }
                let merge = if p + q > 2 { MERGE_COST } else { 0.0 };
                let c = cost[i - p][j - q].0 + d * d / 2.0 + merge;
                if c < cost[i][j].0 {
                    cost[i][j] = (c, s);
                }
            }
        }
    }
    if cost[n][m].0.is_infinite() {
        return None;
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (p, q) = SHAPES[cost[i][j].1];
        pairs.push((p, q));
        i -= p;
        j -= q;
    }
    pairs.reverse();
    Some(pairs)
}

/// Gale and Church's standardised difference of `x` and `y` characters, `y` first
/// divided by the language pair's length `ratio`: about a standard normal for
/// sentences that translate each other.
fn delta(x: f64, y: f64, ratio: f64) -> f64 {
    let y = y / ratio.max(f64::MIN_POSITIVE);
    let mean = f64::max((x + y) / 2.0, 1.0);
    ((y - x) / (VARIANCE * mean).sqrt()).abs()
}

/// The largest standardised length difference between the sentences of `a` and `b`
/// paired one to one in order (Gale and Church's `δ`, with the ratio of the two sides'
/// lengths): large when a boundary falls elsewhere on one side.
pub fn length_misfit(a: &[&str], b: &[&str]) -> f64 {
    let chars = |s: &[&str]| -> Vec<f64> { s.iter().map(|t| t.chars().count() as f64).collect() };
    let (la, lb) = (chars(a), chars(b));
    let ratio = lb.iter().sum::<f64>() / la.iter().sum::<f64>().max(1.0);
    la.iter()
        .zip(&lb)
        .map(|(&x, &y)| delta(x, y, ratio))
        .fold(0.0, f64::max)
}

/// Whether `text` may hold more than one sentence: a sentence end or a line break with
/// more text after it. Most units are one sentence, and this spares them the
/// segmenter.
fn may_hold_several(text: &str) -> bool {
    text.char_indices().any(|(i, c)| {
        matches!(c, '.' | '!' | '?' | '…' | '\n')
            && text[i + c.len_utf8()..].chars().any(char::is_alphanumeric)
    })
}

/// Store and index the sentences of unit `unit`, whose variants are `variants`.
pub(super) fn index(
    tx: &Transaction,
    unit: UnitId,
    variants: &[Variant],
    index: &mut IndexBuffer,
) -> Result<(), StoreError> {
    for (lang, sentences) in cut(variants) {
        for (position, text) in sentences.into_iter().enumerate() {
            let words = Normalized::new(lang, text);
            let Some(ids) = index.known_ids(tx, lang, &words)? else {
                continue;
            };
            tx.prepare_cached(
                "INSERT INTO sentence (unit_id, lang, position, text, normalized, word_ids)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                unit.0,
                lang.as_str(),
                position as i64,
                text,
                words.exact,
                fuzzy_index::encode(&ids)
            ])?;
            index.post_sentence(tx, tx.last_insert_rowid(), &ids)?;
        }
    }
    Ok(())
}

/// Remove unit `unit`'s sentences with their postings (which must have been flushed).
pub(super) fn remove(tx: &Transaction, unit: UnitId) -> Result<(), StoreError> {
    let stored: Vec<(i64, Vec<u8>)> = tx
        .prepare_cached("SELECT id, word_ids FROM sentence WHERE unit_id = ?1")?
        .query_map([unit.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, word_ids) in stored {
        fuzzy_index::remove_sentence(tx, id, &fuzzy_index::decode(&word_ids))?;
    }
    tx.prepare_cached("DELETE FROM sentence WHERE unit_id = ?1")?
        .execute([unit.0])?;
    Ok(())
}

/// Cut and index the sentences of every unit already stored: the step of the migration
/// that brought sentences in. Only units with two variants that may hold several
/// sentences are read whole, so that most of a large memory costs one scan of its
/// variants' texts.
pub(crate) fn index_stored(tx: &Transaction) -> Result<(), StoreError> {
    let mut candidates: Vec<(UnitId, Vec<Variant>)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT unit_id, lang, text FROM variant WHERE tags = '' ORDER BY unit_id, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut current: Option<(UnitId, Vec<Variant>)> = None;
        while let Some(row) = rows.next()? {
            let unit = UnitId(row.get(0)?);
            let text: &str = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            if current.as_ref().is_none_or(|(u, _)| *u != unit) {
                candidates.extend(current.take().filter(|(_, v)| v.len() >= 2));
                current = Some((unit, Vec::new()));
            }
            if may_hold_several(text) {
                let lang: String = row.get(1)?;
                let lang = LanguageTag::parse(&lang)
                    .map_err(|e| StoreError::Damaged(format!("stored language {lang:?}: {e}")))?;
                let text = text.to_string();
                if let Some((_, variants)) = &mut current {
                    variants.push(Variant::new(lang, text));
                }
            }
        }
        candidates.extend(current.take().filter(|(_, v)| v.len() >= 2));
    }
    let mut buffer = IndexBuffer::new();
    for (unit, variants) in candidates {
        index(tx, unit, &variants, &mut buffer)?;
    }
    buffer.flush(tx)
}
