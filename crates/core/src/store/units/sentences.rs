//! Units of several sentences, matched sentence by sentence.
//!
//! News translators often keep two sentences in one unit, while a new document is cut
//! sentence by sentence: the unit then matches none of its segments. So when a unit's
//! variants each cut (by the built-in rules) into the same number of sentences, two or
//! more, and their lengths pair them one to one, each sentence is stored as a
//! `sentence` row with its position and indexed like a variant (exact form and fuzzy
//! postings); a lookup matches a query against the sentences too and offers the
//! sentence at the same position in the target language.
//!
//! Rows are derived from the unit's variants: written with the unit, removed with it,
//! and cut again whenever one of its variants changes. A variant with inline codes is
//! not cut, since its codes could not follow its sentences.
//!
//! **Why lengths, not the aligner**: on the dev news, pairs of consecutive sentences
//! joined into one unit all pass the length test, and it rejects the same pairs with
//! one side's sentences swapped as often as the aligner does (`dragoman-bench
//! sentences`, docs/benchmarks.md), at a small fraction of its cost: the aligner
//! builds two documents and starts threads for each unit.

use rusqlite::{Transaction, params};

use super::{UnitId, Variant};
use crate::lang::LanguageTag;
use crate::normal::Normalized;
use crate::segment::Segmenter;
use crate::store::StoreError;
use crate::store::fuzzy_index::{self, IndexBuffer};

/// Gale and Church's variance of the length difference per character.
const VARIANCE: f64 = 6.8;

/// The largest standardised length difference ([`length_misfit`]) of sentences paired
/// one to one: about one pair in a hundred of a normal misfit is above it (measured in
/// docs/benchmarks.md).
pub const MAX_MISFIT: f64 = 2.6;

/// The sentences of `variants` that pair one to one, by language: for the largest set
/// of languages whose variants cut into the same number (two or more) of sentences,
/// those whose lengths pair with the first of them. Empty when fewer than two
/// languages remain.
pub fn cut(variants: &[Variant]) -> Vec<(&LanguageTag, Vec<&str>)> {
    let mut cuts: Vec<(&LanguageTag, Vec<&str>)> = variants
        .iter()
        .filter(|v| v.tags.is_empty() && may_hold_several(&v.text))
        .map(|v| {
            let sentences = Segmenter::builtin_shared(&v.lang)
                .split(&v.text)
                .iter()
                .map(|s| s.text(&v.text))
                .collect();
            (&v.lang, sentences)
        })
        .filter(|(_, sentences): &(_, Vec<&str>)| sentences.len() >= 2)
        .collect();
    // The sentence count most languages agree on.
    let count = cuts
        .iter()
        .map(|(_, s)| s.len())
        .max_by_key(|&n| cuts.iter().filter(|(_, s)| s.len() == n).count());
    cuts.retain(|(_, s)| Some(s.len()) == count);
    let Some((_, first)) = cuts.first() else {
        return Vec::new();
    };
    let first = first.clone();
    let mut kept: Vec<(&LanguageTag, Vec<&str>)> = cuts
        .into_iter()
        .enumerate()
        .filter(|(i, (_, s))| *i == 0 || length_misfit(&first, s) <= MAX_MISFIT)
        .map(|(_, cut)| cut)
        .collect();
    if kept.len() < 2 {
        kept.clear();
    }
    kept
}

/// The largest standardised length difference between the sentences of `a` and `b`
/// paired in order (Gale and Church's `δ`, with the ratio of the two sides' lengths):
/// about a standard normal for sentences that translate each other, large when a
/// boundary falls elsewhere on one side.
pub fn length_misfit(a: &[&str], b: &[&str]) -> f64 {
    let chars = |s: &[&str]| -> Vec<f64> { s.iter().map(|t| t.chars().count() as f64).collect() };
    let (la, lb) = (chars(a), chars(b));
    let ratio = lb.iter().sum::<f64>() / la.iter().sum::<f64>().max(1.0);
    la.iter()
        .zip(&lb)
        .map(|(&x, &y)| {
            let y = y / ratio.max(f64::MIN_POSITIVE);
            let mean = f64::max((x + y) / 2.0, 1.0);
            ((y - x) / (VARIANCE * mean).sqrt()).abs()
        })
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
