//! Fragment matches: the runs of words a segment shares with stored source segments,
//! each with its translation, the span of the stored target that corresponds to it.
//!
//! A sentence-level fuzzy match rarely reaches 70% for the formulas diplomatic texts
//! are built from ("обменялись мнениями по актуальным вопросам …"), so the memory would
//! stay silent where the translator wants the approved wording. Two parts:
//!
//! - **Word alignment** ([`model`]): fast_align-style EM learned over the memory's own
//!   units in both directions, symmetrised, with numbers and glossary terms as anchors.
//!   [`train`] stores the pruned translation tables and every unit's links beside the
//!   memory (migration 0017); a lookup never trains. Units added later are aligned with
//!   the stored tables, by the next [`train`] (which retrains from scratch only once the
//!   memory has grown by [`RETRAIN_GROWTH`] since the last training) or, until then, on
//!   the fly when a lookup meets them.
//! - **Fragment lookup** ([`fragments`]): the longest runs of three words or more, not
//!   all function words, that occur in stored source segments (inflected forms match),
//!   found through the fuzzy candidate index; each occurrence's target span is the one
//!   phrase extraction allows (no link leaves the box), and occurrences with the same
//!   target are merged with a count. [`fragments_exhaustive`] scans every unit and is
//!   the reference the tests hold the fast path to.

mod find;
pub mod model;

use std::collections::HashMap;

use thiserror::Error;

pub use find::{Fragment, FragmentQuery, fragments, fragments_exhaustive};
pub use model::Link;
use model::{Anchors, Model, SentencePair, Table, Vocabulary, match_keys};

use crate::Timestamp;
use crate::align::TermPair;
use crate::lang::LanguageTag;
use crate::normal::Normalized;
use crate::store::{self, Connection, StoreError, Transaction, word_links};

/// Why training or a fragment lookup failed.
#[derive(Debug, Error)]
pub enum FragmentError {
    /// The memory could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No word alignment was trained for the language pair.
    #[error(
        "no word alignment is trained for {src}–{tgt}: run `dragoman tm train-align --src {src} --tgt {tgt}`"
    )]
    NotTrained {
        /// The source language asked for.
        src: LanguageTag,
        /// The target language asked for.
        tgt: LanguageTag,
    },
    /// Source and target are the same language.
    #[error("source and target are both {0}")]
    SameLanguage(LanguageTag),
}

/// Growth of the memory (units in the pair, relative to those trained on) past which
/// [`train`] learns the tables again rather than aligning only the new units with the
/// stored ones: new units bring words the old tables never saw, and below a quarter
/// more data EM's estimates move little.
pub const RETRAIN_GROWTH: f64 = 0.25;

/// At most this many units (the newest) are trained on: EM's memory and time grow with
/// the corpus, and past this size the tables of a translator's domain change little.
/// All units are still aligned.
pub const MAX_TRAINING_UNITS: usize = 200_000;

/// What [`train`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Training {
    /// Whether the tables were learned again (otherwise only new units were aligned).
    pub retrained: bool,
    /// Units the tables were learned from (0 when not retrained).
    pub trained_on: u64,
    /// Units whose links were stored.
    pub aligned: u64,
}

/// The pair's languages in storage order (the one that sorts first is `a`), and whether
/// `src` is `a`.
fn ordered<'a>(
    src: &'a LanguageTag,
    tgt: &'a LanguageTag,
) -> (&'a LanguageTag, &'a LanguageTag, bool) {
    if src.as_str() <= tgt.as_str() {
        (src, tgt, true)
    } else {
        (tgt, src, false)
    }
}

/// Glossary term pairs between `a` and `b` as match keys (words of `a`, words of `b`).
fn term_keys(
    a: &LanguageTag,
    b: &LanguageTag,
    terms: &[TermPair],
) -> Vec<(Vec<String>, Vec<String>)> {
    let keys =
        |lang: &LanguageTag, text: &str| match_keys(lang, &Normalized::new(lang, text).words);
    terms
        .iter()
        .filter_map(|t| {
            if t.source_lang == *a && t.target_lang == *b {
                Some((keys(a, &t.source), keys(b, &t.target)))
            } else if t.source_lang == *b && t.target_lang == *a {
                Some((keys(a, &t.target), keys(b, &t.source)))
            } else {
                None
            }
        })
        .filter(|(x, y)| !x.is_empty() && !y.is_empty())
        .collect()
}

/// A segment pair's words as the model reads them: match keys and which are numbers.
struct Keyed {
    keys: Vec<String>,
    numbers: Vec<bool>,
}

impl Keyed {
    fn new(lang: &LanguageTag, text: &str) -> Self {
        let words = Normalized::new(lang, text).words;
        Self {
            numbers: words.iter().map(|w| w.is_number()).collect(),
            keys: match_keys(lang, &words),
        }
    }
}

/// Word pairs of a language pair turned into the model's sentence pairs.
pub struct Corpus {
    a: LanguageTag,
    b: LanguageTag,
    terms: Vec<(Vec<String>, Vec<String>)>,
    vocab_a: Vocabulary,
    vocab_b: Vocabulary,
    /// The pairs, `a` as source.
    pub pairs: Vec<SentencePair>,
}

impl Corpus {
    /// An empty corpus of `a` (source) and `b` (target) with the glossary's `terms`.
    pub fn new(a: &LanguageTag, b: &LanguageTag, terms: &[TermPair]) -> Self {
        Self {
            a: a.clone(),
            b: b.clone(),
            terms: term_keys(a, b, terms),
            vocab_a: Vocabulary::default(),
            vocab_b: Vocabulary::default(),
            pairs: Vec::new(),
        }
    }

    /// Add the pair of texts `a_text` (in `a`) and `b_text` (in `b`).
    pub fn push(&mut self, a_text: &str, b_text: &str) {
        let (x, y) = (Keyed::new(&self.a, a_text), Keyed::new(&self.b, b_text));
        let anchors = Anchors::find(&x.keys, &x.numbers, &y.keys, &y.numbers, &self.terms);
        let pair = SentencePair {
            src: x.keys.iter().map(|k| self.vocab_a.intern(k)).collect(),
            tgt: y.keys.iter().map(|k| self.vocab_b.intern(k)).collect(),
            anchors,
        };
        self.pairs.push(pair);
    }

    /// Train both directions on the pairs.
    pub fn train(&self) -> Model {
        Model::train(&self.pairs)
    }

    /// A table's pruned entries as keys: `(from key, to key, t)`, the null word as ''.
    fn stored(table: &Table, from: &Vocabulary, to: &Vocabulary) -> Vec<(String, String, f32)> {
        table
            .pruned()
            .into_iter()
            .map(|(e, f, p)| {
                let e = if e == model::NULL { "" } else { from.word(e) };
                (e.to_string(), to.word(f).to_string(), p)
            })
            .collect()
    }
}

/// Learn the word alignment of `src` and `tgt` over the memory, or bring it up to date,
/// and store it with every unit's links.
///
/// Without `full`, a pair already trained whose units grew by less than
/// [`RETRAIN_GROWTH`] keeps its tables and only the units not yet aligned are aligned
/// with them; otherwise (or with `full`) the tables are learned again from the newest
/// [`MAX_TRAINING_UNITS`] units and every unit is aligned anew. `terms` are the
/// glossary's term pairs, used as anchors.
pub fn train(
    conn: &mut Connection,
    src: &LanguageTag,
    tgt: &LanguageTag,
    terms: &[TermPair],
    full: bool,
) -> Result<Training, FragmentError> {
    if src == tgt {
        return Err(FragmentError::SameLanguage(src.clone()));
    }
    let (a, b, _) = ordered(src, tgt);
    let units = word_links::pair_count(conn, a, b)?;
    let known = word_links::model(conn, a, b)?;
    let retrain =
        full || known.is_none_or(|m| units as f64 > m.units as f64 * (1.0 + RETRAIN_GROWTH));
    let tx = store::begin(conn)?;
    if !retrain {
        let aligned = align_unlinked(&tx, a, b, terms)?;
        store::commit(tx)?;
        return Ok(Training {
            retrained: false,
            trained_on: 0,
            aligned,
        });
    }
    let pairs = word_links::variant_pairs(&tx, a, b, false, MAX_TRAINING_UNITS)?;
    let mut corpus = Corpus::new(a, b, terms);
    for p in &pairs {
        corpus.push(&p.a_text, &p.b_text);
    }
    let model = corpus.train();
    // The growth that triggers the next training is counted from the whole memory,
    // not from the sample trained on.
    word_links::replace_model(
        &tx,
        a,
        b,
        word_links::ModelInfo {
            units,
            trained_at: Timestamp::now().0,
        },
        &Corpus::stored(&model.forward, &corpus.vocab_a, &corpus.vocab_b),
        &Corpus::stored(&model.backward, &corpus.vocab_b, &corpus.vocab_a),
    )?;
    for (p, pair) in pairs.iter().zip(&corpus.pairs) {
        word_links::save_links(&tx, p.a, p.b, &model.align(pair))?;
    }
    // Units beyond the training sample are aligned with the tables just stored.
    let rest = align_unlinked(&tx, a, b, terms)?;
    store::commit(tx)?;
    Ok(Training {
        retrained: true,
        trained_on: pairs.len() as u64,
        aligned: pairs.len() as u64 + rest,
    })
}

/// Align the units of `a` and `b` without stored links with the stored tables, and
/// store their links; returns how many.
fn align_unlinked(
    tx: &Transaction,
    a: &LanguageTag,
    b: &LanguageTag,
    terms: &[TermPair],
) -> Result<u64, StoreError> {
    let pending = word_links::variant_pairs(tx, a, b, true, usize::MAX)?;
    let mut aligner = StoredAligner::new(a, b, terms);
    for p in &pending {
        let links = aligner.align(tx, &p.a_text, &p.b_text)?;
        word_links::save_links(tx, p.a, p.b, &links)?;
    }
    Ok(pending.len() as u64)
}

/// Aligns segment pairs with the stored tables of `a` and `b`, reading each word's
/// translations once.
pub(crate) struct StoredAligner {
    a: LanguageTag,
    b: LanguageTag,
    terms: Vec<(Vec<String>, Vec<String>)>,
    a_to_b: HashMap<String, Vec<(String, f32)>>,
    b_to_a: HashMap<String, Vec<(String, f32)>>,
}

impl StoredAligner {
    pub(crate) fn new(a: &LanguageTag, b: &LanguageTag, terms: &[TermPair]) -> Self {
        Self {
            a: a.clone(),
            b: b.clone(),
            terms: term_keys(a, b, terms),
            a_to_b: HashMap::new(),
            b_to_a: HashMap::new(),
        }
    }

    /// The stored `t(to | from)` of match keys, `from` in `a` when `from_a` (else in
    /// `b`); 0 for a pair the pruned table lacks.
    pub(crate) fn probability(
        &mut self,
        conn: &Connection,
        from_a: bool,
        from: &str,
        to: &str,
    ) -> Result<f32, StoreError> {
        let (from_lang, to_lang, cache) = if from_a {
            (&self.a, &self.b, &mut self.a_to_b)
        } else {
            (&self.b, &self.a, &mut self.b_to_a)
        };
        if !cache.contains_key(from) {
            let found = word_links::translations(conn, from_lang, to_lang, from)?;
            cache.insert(from.to_string(), found);
        }
        Ok(cache[from]
            .iter()
            .find(|(k, _)| k == to)
            .map_or(0.0, |&(_, p)| p))
    }

    /// The links of `a_text` (in `a`) and `b_text` (in `b`).
    pub(crate) fn align(
        &mut self,
        conn: &Connection,
        a_text: &str,
        b_text: &str,
    ) -> Result<Vec<Link>, StoreError> {
        let (x, y) = (Keyed::new(&self.a, a_text), Keyed::new(&self.b, b_text));
        let mut va = Vocabulary::default();
        let mut vb = Vocabulary::default();
        let pair = SentencePair {
            src: x.keys.iter().map(|k| va.intern(k)).collect(),
            tgt: y.keys.iter().map(|k| vb.intern(k)).collect(),
            anchors: Anchors::find(&x.keys, &x.numbers, &y.keys, &y.numbers, &self.terms),
        };
        let mut model = Model::default();
        for (from_lang, to_lang, cache, from, to, table) in [
            (
                &self.a,
                &self.b,
                &mut self.a_to_b,
                &va,
                &vb,
                &mut model.forward,
            ),
            (
                &self.b,
                &self.a,
                &mut self.b_to_a,
                &vb,
                &va,
                &mut model.backward,
            ),
        ] {
            for e in (0..from.len() as u32).map(Some).chain([None]) {
                let key = e.map_or("", |e| from.word(e));
                if !cache.contains_key(key) {
                    let found = word_links::translations(conn, from_lang, to_lang, key)?;
                    cache.insert(key.to_string(), found);
                }
                for (f, p) in &cache[key] {
                    if let Some(f) = to.id(f) {
                        table.set(e.unwrap_or(model::NULL), f, *p);
                    }
                }
            }
        }
        Ok(model.align(&pair))
    }
}

#[cfg(test)]
mod tests;
