//! Finding glossary terms in a segment, in any inflected form.
//!
//! Each term is turned into a sequence of word keys ([`Stemmer::lemma_key`] of each folded
//! word, or for the izafet head ending an Azerbaijani term the key of its base under the
//! possessive, [`az::izafet_key`]) and stored in a trie over interned keys: one hash
//! lookup per word and step, so the cost per segment depends on the segment, not on the
//! glossary's size. A word of the
//! segment may have several keys (Azerbaijani endings are ambiguous), so the walk follows
//! each of them. Where hits overlap, the one covering more words wins ("межрегиональный
//! форум" over "форум"). Short all-capital terms (abbreviations such as "ООН", "BMT") match
//! only as written, so "ЕС" (EU) is not found in "ес". Single words with no exact hit get a
//! fuzzy chance (spelling and transliteration variants), with a lower score.
//!
//! Spelling variants meet on both sides of the match, in the keys only (what is shown
//! and highlighted is always the text as written): two words joined by a hyphen are also
//! one word written solid ("inter-regional" = "interregional"), never two words a space
//! apart; every kind of apostrophe is `'`; in English a lone "&" is the word "and", and
//! "St" is "Saint" as the first word of a name. How terms and text are cut into words
//! and folded is the `term_words` module's part.
//!
//! A term may also be found split by a word standing inside it ("в межрегиональном
//! российско-азербайджанском форуме" is "межрегиональный форум"), in Russian and English:
//! the walk of the trie may step over up to two words of the text between two of the
//! term's words, where the `split` module's rules allow them there. The hit covers the
//! whole span, says which words were inserted, and scores [`SPLIT`]. Overlaps are resolved
//! as for any hit, the longest first, so the split "межрегиональный … форум" wins over
//! the "форум" inside it; on the very same span a contiguous hit wins over a split one.

use std::cell::OnceCell;
use std::ops::Range;

use foldhash::HashMap;

use super::{Concept, MatchMode, Term};
use crate::lang::{Folding, LanguageTag};
use crate::stem::{KeyScratch, Stemmer, az};

mod overlaps;
mod split;
mod term_words;

use split::{MAX_INSERTED, Splitting, Unit};
use term_words::{
    PathWord, SAINT, WordRule, english_abbreviation_base, fold_word, joint, match_words,
    term_variants,
};

/// Score of a hit where the text has the term exactly as written (after folding).
pub const EXACT: f32 = 1.0;
/// Score of a hit on an inflected form.
pub const INFLECTED: f32 = 0.95;
/// Score of a hit with words inserted between the term's words, exact or inflected: below
/// every hit of the term's words together, above every fuzzy hit (whose score is its
/// similarity, under 1, times a weight no greater than this).
pub const SPLIT: f32 = 0.9;
/// Fuzzy hits score their string similarity times this, so they rank below the rest.
const FUZZY_WEIGHT: f32 = 0.9;
const _: () = assert!(FUZZY_WEIGHT <= SPLIT && SPLIT < INFLECTED && INFLECTED < EXACT);
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
    /// [`EXACT`], [`INFLECTED`], [`SPLIT`], or lower for a fuzzy hit.
    pub score: f32,
    /// The byte spans of the text's words standing inside the term, one for each place
    /// between two of its words that has some ("российско-азербайджанском" in
    /// "межрегиональном российско-азербайджанском форуме"); empty when the term's words
    /// are together.
    pub inserted: Vec<Range<usize>>,
}

impl TermHit {
    /// Whether words of the text stand inside the term.
    pub fn is_split(&self) -> bool {
        !self.inserted.is_empty()
    }
}

/// A shape of term found on a span, before overlaps are resolved.
struct Candidate {
    span: Range<usize>,
    score: f32,
    shape: u32,
    /// 0 when the term's words are together; else one more than the index of the
    /// inserted words ([`TermHit::inserted`]) in [`Found::inserted`]. A segment has a
    /// few hundred candidates at the most and seldom a split one, which keeps them small.
    inserted: u32,
}

impl Candidate {
    fn is_split(&self) -> bool {
        self.inserted != 0
    }
}

/// The candidates found in a segment, and the words inserted into the split ones.
struct Found {
    candidates: Vec<Candidate>,
    inserted: Vec<Vec<Range<usize>>>,
    /// By entry of `inserted`: the byte spans of the conjunctions among those words,
    /// when the term is split by a coordinated word ("economic and humanitarian
    /// cooperation"); the terms inside it on either side of them are found too.
    conjunctions: Vec<Vec<Range<usize>>>,
}

/// What the terms ending at one trie node need checked against the text: terms with the
/// same words and rules (synonyms shared by several concepts, a concept listed in two
/// glossaries) are checked once.
#[derive(Debug)]
struct Shape {
    /// The term's words folded, to tell an exact hit from an inflected one.
    folded: Vec<String>,
    rules: Vec<WordRule>,
    /// A one-word proper name ("Того", "Дания"): only a capitalised word can be it, so
    /// the pronoun "того" and the noun "данные" never are.
    proper: bool,
    /// Some hyphenated pair of the term's words is written solid here, so no hit of
    /// this shape is the term exactly as written.
    joined: bool,
    /// Letters in the one word of a fuzzy-matchable term.
    letters: usize,
    /// Bit `i`: a word of the text may stand before the term's word `i`.
    inserts: u32,
    /// Written with a capital: a name, which takes fewer words inside it
    /// ([`Splitting::allows`]).
    name: bool,
    /// `(concept, term)` of every term of this shape.
    terms: Vec<(usize, usize)>,
}

/// The terms of one language of a glossary, ready to be found in text.
#[derive(Debug)]
pub struct TermIndex {
    lang: LanguageTag,
    folding: Folding,
    stemmer: Stemmer,
    /// Interned word keys: stems of folded words, or abbreviations as written.
    keys: HashMap<String, u32>,
    /// Trie edges: (node, key) → child node; node 0 is the root.
    edges: HashMap<(u32, u32), u32>,
    /// Shapes of the terms ending at each node, by node.
    ends: Vec<Vec<u32>>,
    /// By node: some term going on from it may have a word of the text inserted there.
    inserts: Vec<bool>,
    splitting: Splitting,
    shapes: Vec<Shape>,
    /// Shapes of single-word terms by [`prefix`], for fuzzy matching, shortest first.
    fuzzy: HashMap<[char; 3], Vec<u32>>,
    /// Which kinds of marked key some term has, so text words skip the lookups no term
    /// can answer.
    has_exact_words: bool,
    has_verbatim_words: bool,
    has_prefix_words: bool,
    has_saint_words: bool,
    /// Some term may have a word of the text inserted into it.
    has_inserts: bool,
    /// English: "&" is a word.
    english: bool,
}

/// A word of the text being searched; its folded form and keys are ranges of buffers
/// shared by the segment's words, so a segment costs a few allocations, not a few a word.
struct Word<'t> {
    offset: usize,
    text: &'t str,
    folded: Range<usize>,
    /// Interned keys the word may match: its stems, itself folded and as written, and
    /// its beginnings when some term has a prefix word.
    keys: Range<usize>,
    capitalised: bool,
    /// Two words of the text read as one ([`joint`]).
    joined: bool,
}

/// A segment's words and the buffers their folded forms and keys live in.
struct Words<'t> {
    text: &'t str,
    words: Vec<Word<'t>>,
    /// By word: that word and the next read as one, where they may be and some term
    /// has a key for it.
    joined: Vec<Option<Word<'t>>>,
    /// By word: the end (a word index) of the word inserted into a term there, 0 when
    /// none may be; worked out the first time a walk asks, since a word is asked again
    /// for every term that could go on past it.
    inserted: Vec<OnceCell<Option<(usize, Unit)>>>,
    folded: String,
    keys: Vec<u32>,
}

impl Words<'_> {
    fn folded(&self, word: &Word) -> &str {
        &self.folded[word.folded.clone()]
    }

    fn keys(&self, word: &Word) -> &[u32] {
        &self.keys[word.keys.clone()]
    }
}

/// The text words a walk of the trie has taken: the term's words, and the words standing
/// inside it.
#[derive(Default)]
struct Path<'w, 't> {
    words: Vec<&'w Word<'t>>,
    /// Each inserted word (a range of the text's words: a compound has several) with the
    /// index in `words` of the term's word after it, and what kind of word it is.
    inserted: Vec<(usize, Range<usize>, Unit)>,
}

impl Path<'_, '_> {
    /// The byte spans of the inserted words, those at one place between the term's
    /// words as one span.
    fn inserted_spans(&self, words: &Words) -> Vec<Range<usize>> {
        let mut spans: Vec<(usize, Range<usize>)> = Vec::new();
        for (before, inserted, _) in &self.inserted {
            let (first, last) = (&words.words[inserted.start], &words.words[inserted.end - 1]);
            let span = first.offset..last.offset + last.text.len();
            match spans.last_mut() {
                Some((at, s)) if at == before => s.end = span.end,
                _ => spans.push((*before, span)),
            }
        }
        spans.into_iter().map(|(_, span)| span).collect()
    }

    /// The byte spans of the inserted conjunctions.
    fn conjunction_spans(&self, words: &Words) -> Vec<Range<usize>> {
        self.inserted
            .iter()
            .filter(|(.., unit)| *unit == Unit::Conjunction)
            .map(|(_, inserted, _)| {
                let (first, last) = (&words.words[inserted.start], &words.words[inserted.end - 1]);
                first.offset..last.offset + last.text.len()
            })
            .collect()
    }
}

/// The fuzzy bucket of a folded word: its first three letters with the letters that
/// spelling variants most often swap made plain (`Azərbaycan`, `Azerbaycan`).
fn prefix(folded: &str) -> [char; 3] {
    let mut out = ['\0'; 3];
    for (slot, c) in out.iter_mut().zip(folded.chars()) {
        *slot = match c {
            'ə' | 'é' | 'è' => 'e',
            'ı' | 'í' => 'i',
            'ö' => 'o',
            'ü' => 'u',
            'ş' => 's',
            'ç' => 'c',
            'ğ' => 'g',
            'ё' => 'е',
            c => c,
        };
    }
    out
}

impl TermIndex {
    /// Index the terms of `concepts` in `lang`.
    pub fn build(concepts: &[Concept], lang: &LanguageTag) -> Self {
        let mut index = Self {
            lang: lang.clone(),
            folding: lang.folding(),
            stemmer: Stemmer::for_language(lang),
            keys: HashMap::default(),
            edges: HashMap::default(),
            ends: vec![Vec::new()],
            inserts: vec![false],
            splitting: Splitting::for_stemmer(Stemmer::for_language(lang)),
            shapes: Vec::new(),
            fuzzy: HashMap::default(),
            has_exact_words: false,
            has_verbatim_words: false,
            has_prefix_words: false,
            has_saint_words: false,
            has_inserts: false,
            english: Stemmer::for_language(lang) == Stemmer::English,
        };
        for (c, concept) in concepts.iter().enumerate() {
            for (t, term) in concept.terms.iter().enumerate() {
                if &term.lang == lang {
                    index.insert(c, t, term);
                }
            }
        }
        // By length, so that a word is compared with the terms of about its length only.
        for bucket in index.fuzzy.values_mut() {
            bucket.sort_by_key(|&s| index.shapes[s as usize].letters);
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
        let proper = entry.text.starts_with(char::is_uppercase);
        let splits = self.splitting.splits();
        for (words, joined) in term_variants(entry, self.folding) {
            self.insert_path(concept, term, &words, joined, proper, splits);
        }
    }

    /// Add one path of a term ([`term_variants`]) to the trie.
    fn insert_path(
        &mut self,
        concept: usize,
        term: usize,
        words: &[PathWord],
        joined: bool,
        capitalised: bool,
        splits: bool,
    ) {
        if words.is_empty() {
            return;
        }
        // Where a word of the text may stand inside the term: where the term has a space,
        // before a word a modifier can modify.
        let inserts = (1..words.len())
            .filter(|&i| {
                splits && words[i].spaced && self.splitting.takes_modifier(&words[i].folded)
            })
            .fold(0u32, |bits, i| bits | 1 << i);
        self.has_inserts |= inserts != 0;
        let mut node = 0;
        for (
            i,
            PathWord {
                written,
                folded: f,
                rule,
                ..
            },
        ) in words.iter().enumerate()
        {
            if inserts & 1 << i != 0 {
                self.inserts[node as usize] = true;
            }
            let key = match rule {
                WordRule::Inflected => self.stemmer.lemma_key(f),
                WordRule::IzafetHead => {
                    az::izafet_key(f).expect("word_rules marks only possessive heads")
                }
                WordRule::Exact => format!("={f}"),
                WordRule::Verbatim => format!("@{written}"),
                WordRule::Prefix => format!("^{f}"),
                WordRule::Saint => SAINT.to_string(),
            };
            self.has_exact_words |= *rule == WordRule::Exact;
            self.has_verbatim_words |= *rule == WordRule::Verbatim;
            self.has_prefix_words |= *rule == WordRule::Prefix;
            self.has_saint_words |= *rule == WordRule::Saint;
            let key = self.intern(key);
            let fresh = self.ends.len() as u32;
            node = *self.edges.entry((node, key)).or_insert(fresh);
            if node == fresh {
                self.ends.push(Vec::new());
                self.inserts.push(false);
            }
        }
        let folded: Vec<String> = words.iter().map(|w| w.folded.clone()).collect();
        let rules: Vec<WordRule> = words.iter().map(|w| w.rule).collect();
        let inflected_word = rules == [WordRule::Inflected];
        let proper = inflected_word && capitalised;
        let ends = &self.ends[node as usize];
        let same = ends.iter().copied().find(|&s| {
            let shape = &self.shapes[s as usize];
            shape.proper == proper
                && shape.name == capitalised
                && shape.joined == joined
                && shape.inserts == inserts
                && shape.rules == rules
                && shape.folded == folded
        });
        if let Some(s) = same {
            self.shapes[s as usize].terms.push((concept, term));
            return;
        }
        let id = self.shapes.len() as u32;
        let letters = folded[0].chars().count();
        if inflected_word && !joined && letters >= 5 {
            self.fuzzy.entry(prefix(&folded[0])).or_default().push(id);
        }
        self.ends[node as usize].push(id);
        self.shapes.push(Shape {
            folded,
            rules,
            proper,
            joined,
            letters,
            inserts,
            name: capitalised,
            terms: vec![(concept, term)],
        });
    }

    /// Fold the words of `text` and find their keys, into buffers shared by all words.
    fn words<'t>(&self, text: &'t str) -> Words<'t> {
        // Room for news text's words (six bytes or more each, with the space) and a few
        // keys a word, so that the buffers seldom grow.
        let words = text.len() / 6 + 1;
        let mut out = Words {
            text,
            words: Vec::with_capacity(words),
            joined: Vec::with_capacity(words),
            inserted: Vec::new(),
            folded: String::with_capacity(text.len()),
            keys: Vec::with_capacity(words * 4),
        };
        // Marked keys ("=word", "@Word", "^wo") are written into `marked`; the stemmer
        // keeps its own buffers in `scratch`.
        let (mut marked, mut scratch) = (String::new(), KeyScratch::default());
        for (offset, w) in match_words(text, self.english) {
            let folded_at = out.folded.len();
            fold_word(self.folding, w, &mut out.folded);
            let folded = &out.folded[folded_at..];
            let keys = &mut out.keys;
            let keys_at = keys.len();
            self.folded_keys(folded, true, &mut scratch, &mut marked, keys);
            if self.has_verbatim_words {
                let base = self.english.then(|| english_abbreviation_base(w)).flatten();
                for written in std::iter::once(w).chain(base) {
                    marked.clear();
                    marked.push('@');
                    marked.push_str(written);
                    keys.extend(self.keys.get(marked.as_str()).copied());
                }
            }
            if self.has_saint_words && matches!(w, "Saint" | "St") {
                keys.extend(self.keys.get(SAINT).copied());
            }
            out.words.push(Word {
                offset,
                text: w,
                folded: folded_at..out.folded.len(),
                keys: keys_at..keys.len(),
                capitalised: w.starts_with(char::is_uppercase),
                joined: false,
            });
        }
        let mut solid = String::new();
        for pair in out.words.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = &text[a.offset + a.text.len()..b.offset];
            let joint = joint(gap).filter(|_| a.text != "&" && b.text != "&");
            let Some(joint) = joint else {
                out.joined.push(None);
                continue;
            };
            solid.clear();
            solid.push_str(&out.folded[a.folded.clone()]);
            solid.push_str(joint);
            solid.push_str(&out.folded[b.folded.clone()]);
            let keys_at = out.keys.len();
            // No prefix keys: a prefix term would take the next word with it ("мирн" in
            // "мирная и"), and it meets the first word alone already.
            self.folded_keys(&solid, false, &mut scratch, &mut marked, &mut out.keys);
            // Most pairs are no word of any term: they keep no key and no text.
            if out.keys.len() == keys_at {
                out.joined.push(None);
                continue;
            }
            let folded_at = out.folded.len();
            out.folded.push_str(&solid);
            out.joined.push(Some(Word {
                offset: a.offset,
                text: &text[a.offset..b.offset + b.text.len()],
                folded: folded_at..out.folded.len(),
                keys: keys_at..out.keys.len(),
                capitalised: a.capitalised,
                joined: true,
            }));
        }
        if self.has_inserts {
            out.inserted.resize_with(out.words.len(), OnceCell::new);
        }
        out
    }

    /// The keys of a folded word: its stems, itself marked exact, and its beginnings
    /// marked as prefixes (where `prefixes`), as far as some term has them.
    fn folded_keys(
        &self,
        folded: &str,
        prefixes: bool,
        scratch: &mut KeyScratch,
        marked: &mut String,
        keys: &mut Vec<u32>,
    ) {
        let keys_at = keys.len();
        self.stemmer.for_each_key(folded, scratch, |k| {
            if let Some(&id) = self.keys.get(k)
                && !keys[keys_at..].contains(&id)
            {
                keys.push(id);
            }
        });
        let mut lookup = |mark: char, word: &str| {
            marked.clear();
            marked.push(mark);
            marked.push_str(word);
            keys.extend(self.keys.get(marked.as_str()).copied());
        };
        if self.has_exact_words {
            lookup('=', folded);
        }
        if prefixes && self.has_prefix_words {
            for (end, c) in folded.char_indices() {
                lookup('^', &folded[..end + c.len_utf8()]);
            }
        }
    }

    /// The terms found in `text`, in text order, overlaps resolved to the longest.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let words = self.words(text);
        let mut found = Found {
            candidates: Vec::with_capacity(words.words.len() * 2),
            inserted: Vec::new(),
            conjunctions: Vec::new(),
        };
        let mut path = Path::default();
        for start in 0..words.words.len() {
            let before = found.candidates.len();
            self.walk(0, start, &mut path, &words, &mut found);
            if found.candidates.len() == before {
                self.fuzzy_hits(&words, &words.words[start], &mut found.candidates);
            }
        }
        self.resolve_overlaps(found)
    }

    /// Follow the trie from `node` with the words from `at` on, each word alone or
    /// joined with the next, or stepping over a word inserted into the term, recording
    /// each shape of term that ends on the way; `path` holds the words that led to `node`.
    fn walk<'w, 't>(
        &self,
        node: u32,
        at: usize,
        path: &mut Path<'w, 't>,
        words: &'w Words<'t>,
        out: &mut Found,
    ) {
        // A term ends on one of its own words, never on an inserted one.
        let inserted_last = path
            .inserted
            .last()
            .is_some_and(|(before, ..)| *before == path.words.len());
        if let (Some(first), Some(last), false) =
            (path.words.first(), path.words.last(), inserted_last)
        {
            for &s in &self.ends[node as usize] {
                let shape = &self.shapes[s as usize];
                if !self.fits(shape, path, words) {
                    continue;
                }
                let span = first.offset..last.offset + last.text.len();
                if !path.inserted.is_empty() {
                    out.inserted.push(path.inserted_spans(words));
                    out.conjunctions.push(path.conjunction_spans(words));
                    out.candidates.push(Candidate {
                        span,
                        score: SPLIT,
                        shape: s,
                        inserted: out.inserted.len() as u32,
                    });
                    continue;
                }
                let exact = !shape.joined
                    && path
                        .words
                        .iter()
                        .zip(&shape.folded)
                        .all(|(w, f)| !w.joined && words.folded(w) == f);
                out.candidates.push(Candidate {
                    span,
                    score: if exact { EXACT } else { INFLECTED },
                    shape: s,
                    inserted: 0,
                });
            }
        }
        let alone = words.words.get(at).map(|w| (w, at + 1));
        let joined = words
            .joined
            .get(at)
            .and_then(Option::as_ref)
            .map(|w| (w, at + 2));
        for (word, next) in alone.into_iter().chain(joined) {
            for key in words.keys(word) {
                if let Some(&child) = self.edges.get(&(node, *key)) {
                    path.words.push(word);
                    self.walk(child, next, path, words, out);
                    path.words.pop();
                }
            }
        }
        // The path ends at the word before `at`: a term's word or an inserted one.
        if self.inserts[node as usize]
            && path.inserted.len() < MAX_INSERTED
            && !path.words.is_empty()
            && let Some((inserted, unit)) = self.inserted_at(words, at)
        {
            let next = inserted.end;
            path.inserted.push((path.words.len(), inserted, unit));
            self.walk(node, next, path, words, out);
            path.inserted.pop();
        }
    }

    /// The word inserted at word `at` of the text (not the first), as a range of words,
    /// with what kind of word it is, if it may stand inside a term.
    fn inserted_at(&self, words: &Words, at: usize) -> Option<(Range<usize>, Unit)> {
        let (end, unit) = (*words.inserted.get(at)?.get_or_init(|| {
            let word = |i: usize| words.words.get(i).map(|w| (w.offset, w.text));
            let previous = &words.words[at - 1];
            let after = previous.offset + previous.text.len();
            let inserted = split::inserted_at(words.text, word, at, after)?;
            let parts = words.words[inserted.clone()]
                .iter()
                .map(|w| (w.text, words.folded(w)));
            Some((inserted.end, self.splitting.unit(parts)?))
        }))?;
        Some((at..end, unit))
    }

    /// Whether the words a term's keys led to are really its forms: the ending fits the
    /// term's inflection (Russian declensions), an izafet head keeps its possessive, and
    /// a proper name is capitalised; and where words stand inside the term, the term
    /// allows them there and each agrees with the term's word after it.
    fn fits(&self, shape: &Shape, path: &Path, words: &Words) -> bool {
        if shape.proper && !path.words[0].capitalised {
            return false;
        }
        let inflects =
            path.words
                .iter()
                .zip(&shape.folded)
                .zip(&shape.rules)
                .all(|((w, lemma), rule)| match rule {
                    WordRule::Inflected => self.stemmer.accepts(words.folded(w), lemma),
                    WordRule::IzafetHead => az::izafet_head_accepts(words.folded(w), lemma),
                    _ => true,
                });
        let term_word = |i: usize| {
            let form = words.folded(path.words[i]);
            (form, shape.folded[i].as_str(), shape.rules[i])
        };
        inflects
            && path
                .inserted
                .chunk_by(|a, b| a.0 == b.0)
                .all(|gap| self.gap_fits(shape, gap, words, &term_word))
    }

    /// Whether the words standing at one place inside a term (all before the term's
    /// word `gap[0].0`) may stand there, and the modifiers among them agree with the
    /// term's words around them.
    fn gap_fits<'a>(
        &self,
        shape: &Shape,
        gap: &[(usize, Range<usize>, Unit)],
        words: &Words,
        term_word: &impl Fn(usize) -> (&'a str, &'a str, WordRule),
    ) -> bool {
        let before = gap[0].0;
        let units: Vec<Unit> = gap.iter().map(|(.., unit)| *unit).collect();
        let after_preposition = self.splitting.is_preposition(&shape.folded[before - 1]);
        shape.inserts & 1 << before != 0
            && self.splitting.allows(&units, after_preposition, shape.name)
            && gap
                .iter()
                .filter(|(.., unit)| *unit == Unit::Modifier)
                .all(|(_, inserted, _)| {
                    let head = words.folded(&words.words[inserted.end - 1]);
                    self.splitting
                        .agrees(head, term_word(before - 1), term_word(before))
                })
    }

    fn fuzzy_hits(&self, words: &Words, word: &Word, out: &mut Vec<Candidate>) {
        let folded = words.folded(word);
        let Some(bucket) = self.fuzzy.get(&prefix(folded)) else {
            return;
        };
        let chars: Vec<char> = folded.chars().collect();
        let letters = chars.len();
        let mut row = Vec::with_capacity(letters + 1);
        // Terms more than a sixth shorter or longer cannot reach FUZZY_MIN (the exact
        // bound is below); the bucket is sorted by length.
        let length = |s: &u32| self.shapes[*s as usize].letters;
        let from = bucket.partition_point(|s| length(s) * 6 < letters * 5);
        let to = bucket.partition_point(|s| length(s) * 5 <= letters * 6);
        for &s in &bucket[from..to.max(from)] {
            let shape = &self.shapes[s as usize];
            let lemma = shape.folded[0].as_str();
            // A spelling variant changes letters; a word that only adds letters to the
            // term or drops its last ones is another word ("Amerikan" American,
            // "камеру" a camera against "Камерун"), and inflection is the stemmer's job.
            // And a proper name is capitalised, as for exact hits ("kanalda" is no Kanada).
            if folded.starts_with(lemma)
                || lemma.starts_with(folded)
                || (shape.proper && !word.capitalised)
            {
                continue;
            }
            // The edit distance is at least the difference in length, and at least one
            // (the word is not the term), so most of the bucket (all of it for words
            // under seven letters) is ruled out before the distance is computed; the
            // bound is the same expression as the similarity's, so nothing that reaches
            // FUZZY_MIN is.
            let longer = letters.max(shape.letters);
            let least = letters.abs_diff(shape.letters).max(1);
            let at_best = 1.0 - least as f64 / longer as f64;
            if at_best < FUZZY_MIN {
                continue;
            }
            let similarity = |distance: usize| 1.0 - distance as f64 / longer as f64;
            let max = (least..longer)
                .take_while(|&d| similarity(d) >= FUZZY_MIN)
                .last()
                .unwrap_or(0);
            if let Some(distance) = distance_within(lemma, &chars, max, &mut row) {
                out.push(Candidate {
                    span: word.offset..word.offset + word.text.len(),
                    score: similarity(distance) as f32 * FUZZY_WEIGHT,
                    shape: s,
                    inserted: 0,
                });
            }
        }
    }
}

/// The Levenshtein distance in letters between `a` and `b` if it is at most `max`, as
/// [`strsim::levenshtein`] counts it. The table is filled row by row, and a row whose
/// every cell exceeds `max` ends the search: most of a fuzzy bucket parts from the word
/// within a few letters. `row` is scratch space kept by the caller.
fn distance_within(a: &str, b: &[char], max: usize, row: &mut Vec<usize>) -> Option<usize> {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let cell = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = cell;
            least = least.min(cell);
        }
        if least > max {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests;
