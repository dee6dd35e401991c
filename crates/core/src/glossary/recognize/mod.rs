//! Finding glossary terms in a segment, in any inflected form.
//!
//! Each term is turned into a sequence of word keys ([`Stemmer::lemma_key`] of each folded
//! word) and stored in a trie over interned keys: one hash lookup per word and step, so
//! the cost per segment depends on the segment, not on the glossary's size. A word of the
//! segment may have several keys (Azerbaijani endings are ambiguous), so the walk follows
//! each of them. Where hits overlap, the one covering more words wins ("межрегиональный
//! форум" over "форум"). Short all-capital terms (abbreviations such as "ООН", "BMT") match
//! only as written, so "ЕС" (EU) is not found in "ес". Single words with no exact hit get a
//! fuzzy chance (spelling and transliteration variants), with a lower score.

use std::collections::HashMap;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Concept, MatchMode, Term};
use crate::lang::LanguageTag;
use crate::stem::Stemmer;

/// Score of a hit where the text has the term exactly as written (after folding).
pub const EXACT: f32 = 1.0;
/// Score of a hit on an inflected form.
pub const INFLECTED: f32 = 0.95;
/// Fuzzy hits score their string similarity times this, so they rank below the rest.
const FUZZY_WEIGHT: f32 = 0.9;
/// The least similarity (normalised Levenshtein) for a fuzzy hit.
const FUZZY_MIN: f64 = 0.85;

/// A term found in a segment.
#[derive(Debug, Clone, PartialEq)]
pub struct TermHit {
    /// The byte span of the term's words in the segment.
    pub span: Range<usize>,
    /// Index of the concept in the glossary the index was built from.
    pub concept: usize,
    /// Index of the matched term within the concept's terms.
    pub term: usize,
    /// [`EXACT`], [`INFLECTED`], or lower for a fuzzy hit.
    pub score: f32,
}

/// How one word of a term meets the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordRule {
    /// Any inflected form ([`Stemmer`]).
    Inflected,
    /// As written, ignoring case.
    Exact,
    /// As written, case included.
    Verbatim,
    /// Any word that begins with it, ignoring case.
    Prefix,
}

/// The words of a term with the rule each is matched by, from its match mode and
/// custom-stem `|` marks.
pub(crate) fn word_rules(term: &Term) -> Vec<(&str, WordRule)> {
    let text = term.text.as_str();
    let custom = text.contains('|');
    let mode = match term.match_mode {
        MatchMode::Automatic if is_abbreviation(text) => MatchMode::CaseSensitive,
        mode => mode,
    };
    text.unicode_word_indices()
        .map(|(offset, w)| {
            let rule = if custom {
                if text[offset + w.len()..].starts_with('|') {
                    WordRule::Prefix
                } else {
                    WordRule::Exact
                }
            } else {
                match mode {
                    MatchMode::Automatic => WordRule::Inflected,
                    MatchMode::Exact => WordRule::Exact,
                    MatchMode::CaseSensitive => WordRule::Verbatim,
                    MatchMode::Prefix => WordRule::Prefix,
                }
            };
            (w, rule)
        })
        .collect()
}

#[derive(Debug)]
struct IndexedTerm {
    concept: usize,
    term: usize,
    /// The term's words folded, to tell an exact hit from an inflected one.
    folded: Vec<String>,
    rules: Vec<WordRule>,
    /// A one-word proper name ("Того", "Дания"): only a capitalised word can be it, so
    /// the pronoun "того" and the noun "данные" never are.
    proper: bool,
}

/// The terms of one language of a glossary, ready to be found in text.
#[derive(Debug)]
pub struct TermIndex {
    lang: LanguageTag,
    stemmer: Stemmer,
    /// Interned word keys: stems of folded words, or abbreviations as written.
    keys: HashMap<String, u32>,
    /// Trie edges: (node, key) → child node; node 0 is the root.
    edges: HashMap<(u32, u32), u32>,
    /// Terms ending at a node.
    ends: HashMap<u32, Vec<usize>>,
    terms: Vec<IndexedTerm>,
    /// Single-word terms by [`prefix`], for fuzzy matching.
    fuzzy: HashMap<String, Vec<usize>>,
    /// Whether any term has a prefix word, so text words need their prefixes looked up.
    has_prefix_words: bool,
}

/// A word of the text being searched.
struct Word<'t> {
    offset: usize,
    text: &'t str,
    folded: String,
    /// Interned keys the word may match: its stems, itself folded and as written, and
    /// its beginnings when some term has a prefix word.
    keys: Vec<u32>,
}

fn is_abbreviation(term: &str) -> bool {
    let letters = term.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && !term.chars().any(char::is_lowercase)
}

/// The fuzzy bucket of a folded word: its first three letters with the letters that
/// spelling variants most often swap made plain (`Azərbaycan`, `Azerbaycan`).
fn prefix(folded: &str) -> String {
    folded
        .chars()
        .take(3)
        .map(|c| match c {
            'ə' | 'é' | 'è' => 'e',
            'ı' | 'í' => 'i',
            'ö' => 'o',
            'ü' => 'u',
            'ş' => 's',
            'ç' => 'c',
            'ğ' => 'g',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

impl TermIndex {
    /// Index the terms of `concepts` in `lang`.
    pub fn build(concepts: &[Concept], lang: &LanguageTag) -> Self {
        let mut index = Self {
            lang: lang.clone(),
            stemmer: Stemmer::for_language(lang),
            keys: HashMap::new(),
            edges: HashMap::new(),
            ends: HashMap::new(),
            terms: Vec::new(),
            fuzzy: HashMap::new(),
            has_prefix_words: false,
        };
        for (c, concept) in concepts.iter().enumerate() {
            for (t, term) in concept.terms.iter().enumerate() {
                if &term.lang == lang {
                    index.insert(c, t, term);
                }
            }
        }
        index
    }

    /// The language whose terms this index holds.
    pub fn lang(&self) -> &LanguageTag {
        &self.lang
    }

    fn intern(&mut self, key: String) -> u32 {
        let next = self.keys.len() as u32;
        *self.keys.entry(key).or_insert(next)
    }

    fn insert(&mut self, concept: usize, term: usize, entry: &Term) {
        let words = word_rules(entry);
        if words.is_empty() {
            return;
        }
        let folded: Vec<String> = words.iter().map(|(w, _)| self.lang.fold(w)).collect();
        let mut node = 0;
        for ((word, rule), f) in words.iter().zip(&folded) {
            let key = match rule {
                WordRule::Inflected => self.stemmer.lemma_key(f),
                WordRule::Exact => format!("={f}"),
                WordRule::Verbatim => format!("@{word}"),
                WordRule::Prefix => format!("^{f}"),
            };
            self.has_prefix_words |= *rule == WordRule::Prefix;
            let key = self.intern(key);
            let fresh = self.edges.len() as u32 + 1;
            node = *self.edges.entry((node, key)).or_insert(fresh);
        }
        let rules: Vec<WordRule> = words.iter().map(|(_, r)| *r).collect();
        let id = self.terms.len();
        let inflected_word = rules == [WordRule::Inflected];
        if inflected_word && folded[0].chars().count() >= 5 {
            self.fuzzy.entry(prefix(&folded[0])).or_default().push(id);
        }
        self.ends.entry(node).or_default().push(id);
        let proper = inflected_word && entry.text.starts_with(char::is_uppercase);
        self.terms.push(IndexedTerm {
            concept,
            term,
            folded,
            rules,
            proper,
        });
    }

    /// The terms found in `text`, in text order, overlaps resolved to the longest.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        // One buffer for the marked keys ("=word", "@Word", "^wo") of every word, so a
        // lookup does not allocate.
        let mut marked = String::new();
        let mut lookup = |mark: char, word: &str, keys: &mut Vec<u32>| {
            marked.clear();
            marked.push(mark);
            marked.push_str(word);
            keys.extend(self.keys.get(marked.as_str()).copied());
        };
        let words: Vec<Word> = text
            .unicode_word_indices()
            .map(|(offset, w)| {
                let folded = self.lang.fold(w);
                let mut keys: Vec<u32> = self
                    .stemmer
                    .keys(&folded)
                    .iter()
                    .filter_map(|k| self.keys.get(k).copied())
                    .collect();
                lookup('=', &folded, &mut keys);
                lookup('@', w, &mut keys);
                if self.has_prefix_words {
                    for (end, c) in folded.char_indices() {
                        lookup('^', &folded[..end + c.len_utf8()], &mut keys);
                    }
                }
                Word {
                    offset,
                    text: w,
                    folded,
                    keys,
                }
            })
            .collect();
        let mut hits = Vec::new();
        for start in 0..words.len() {
            let found = hits.len();
            self.walk(0, start, start, &words, &mut hits);
            if hits.len() == found {
                self.fuzzy_hits(&words[start], &mut hits);
            }
        }
        resolve_overlaps(hits)
    }

    /// Follow the trie from `node` with the words from `at` on, recording each term
    /// that ends on the way.
    fn walk(&self, node: u32, start: usize, at: usize, words: &[Word], out: &mut Vec<TermHit>) {
        if at > start {
            for &id in self.ends.get(&node).into_iter().flatten() {
                let term = &self.terms[id];
                if !self.fits(term, &words[start..at]) {
                    continue;
                }
                let exact = words[start..at]
                    .iter()
                    .zip(&term.folded)
                    .all(|(w, f)| &w.folded == f);
                out.push(TermHit {
                    span: words[start].offset..words[at - 1].offset + words[at - 1].text.len(),
                    concept: term.concept,
                    term: term.term,
                    score: if exact { EXACT } else { INFLECTED },
                });
            }
        }
        let Some(word) = words.get(at) else { return };
        for key in &word.keys {
            if let Some(&child) = self.edges.get(&(node, *key)) {
                self.walk(child, start, at + 1, words, out);
            }
        }
    }

    /// Whether the words a term's keys led to are really its forms: the ending fits the
    /// term's inflection (Russian declensions) and a proper name is capitalised.
    fn fits(&self, term: &IndexedTerm, words: &[Word]) -> bool {
        if term.proper && !words[0].text.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        words
            .iter()
            .zip(&term.folded)
            .zip(&term.rules)
            .all(|((w, lemma), rule)| {
                *rule != WordRule::Inflected || self.stemmer.accepts(&w.folded, lemma)
            })
    }

    fn fuzzy_hits(&self, word: &Word, out: &mut Vec<TermHit>) {
        for &id in self.fuzzy.get(&prefix(&word.folded)).into_iter().flatten() {
            let term = &self.terms[id];
            let (lemma, folded) = (term.folded[0].as_str(), word.folded.as_str());
            // A spelling variant changes letters; a word that only adds letters to the
            // term or drops its last ones is another word ("Amerikan" American,
            // "камеру" a camera against "Камерун"), and inflection is the stemmer's job.
            // And a proper name is capitalised, as for exact hits ("kanalda" is no Kanada).
            let lower = !word.text.starts_with(char::is_uppercase);
            if folded.starts_with(lemma) || lemma.starts_with(folded) || (term.proper && lower) {
                continue;
            }
            let similarity = strsim::normalized_levenshtein(lemma, folded);
            if similarity >= FUZZY_MIN {
                out.push(TermHit {
                    span: word.offset..word.offset + word.text.len(),
                    concept: term.concept,
                    term: term.term,
                    score: similarity as f32 * FUZZY_WEIGHT,
                });
            }
        }
    }
}

/// Keep the hits that cover the most text (best score first among equals) and drop
/// those overlapping them; hits of other concepts on the very same span stay, since a
/// glossary may give one term two meanings.
fn resolve_overlaps(mut hits: Vec<TermHit>) -> Vec<TermHit> {
    hits.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(b.score.total_cmp(&a.score))
    });
    let mut kept: Vec<TermHit> = Vec::new();
    for hit in hits {
        let blocked = kept.iter().any(|k| {
            let overlap = k.span.start < hit.span.end && hit.span.start < k.span.end;
            overlap && (k.span != hit.span || k.concept == hit.concept)
        });
        if !blocked {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| (h.span.start, h.concept, h.term));
    kept
}

#[cfg(test)]
mod tests;
