//! Finding a segment's fragments in the memory, and their translations.
//!
//! ## Which runs are fragments
//!
//! A query word and a stored word *match* when they are the same folded word, or share a
//! stem key of four letters or more that begins both ("обменялись мнениями" meets
//! "обменяться мнениями" through "обмен…", "мнениям…"), or are numbers written alike. A
//! *run* is a stretch of three or more query words matching as many consecutive stored
//! words, one by one, holding at least one content word (not a number, not on the
//! language's [stop list](stop_words)). The fragments of a query are its runs found in
//! some stored source segment that no other found run contains.
//!
//! ## Why the candidate index finds every fragment
//!
//! A run contains three consecutive query words `i, i+1, i+2` with a content word among
//! them, matched by three stored words: the stored segment holds one of the index's
//! words matching each. The fuzzy index's words matching query word `q` are those equal
//! to it or beginning with its shortest stem key of four letters or more (any shared key
//! begins both words and is at least that long), found by one range scan of the token
//! table. So the segments to read are, for each such window of three, those in the
//! posting lists of all three positions; the lists are intersected rarest first, and a
//! list much longer than the candidates found so far is not read (the candidates are
//! then checked on their word ids, which only costs more reads). Newest first, each
//! candidate's word ids are checked for a run, and those with one are read and matched
//! on their text, until [`MAX_HOLDERS`] segments holding a run are found.
//! [`fragments_exhaustive`] does the last step for every stored segment, newest first,
//! with the same bound.
//!
//! ## The translation of an occurrence
//!
//! The stored links of the unit (or, for a unit not yet aligned, links computed on the
//! fly from the stored tables) give the target words linked to the run's source words;
//! their span is the fragment's translation when it is *consistent*: no word in it is
//! linked to a source word outside the run (phrase extraction's rule, Och and Ney 2004).
//! An occurrence without a consistent span is not offered. Occurrences of the same run
//! with the same translation (folded) are one fragment, counted; other translations are
//! fragments of their own.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::model::match_key;
use super::{FragmentError, StoredAligner, ordered};
use crate::align::TermPair;
use crate::lang::LanguageTag;
use crate::normal::{NUMBER_KEY, Normalized, exact_form};
use crate::stem::Stemmer;
use crate::store::fuzzy_index::Segments;
use crate::store::{Connection, fuzzy_index, segments, word_links};
use crate::tm::UnitId;
use crate::words::word_indices;

/// The fewest words in a fragment.
pub const MIN_WORDS: usize = 3;
/// The newest units holding a run whose translations are read: enough to tell the
/// usual translation from the odd one, while a formula held by thousands of units costs
/// no more to show.
pub const MAX_OCCURRENCES: usize = 50;
/// The newest stored segments holding a run of the query (by variant, newest first)
/// that a lookup reads: a query full of formulas a million-unit memory holds thousands
/// of times still costs no more than the Translate view's budget allows.
pub const MAX_HOLDERS: usize = 100;
/// The least confidence (mean link score) of a fragment: below it the span is more the
/// diagonal prior's guess than the tables' (on held-out news, fragments below it were
/// nearly all wrong).
pub const MIN_CONFIDENCE: f64 = 0.2;
/// The least score of a link holding an edge word of a translation.
const EDGE_MIN: f64 = 0.1;
/// A posting list is read only while it is at most this many times longer than the
/// candidates found so far in its window (as the fuzzy lookup does).
const READ_RATIO: usize = 64;
/// The longest stored segment read (in words), the fuzzy index's lengths bounded.
const LONGEST: usize = 100_000;

/// A segment to find fragments for.
#[derive(Debug, Clone)]
pub struct FragmentQuery<'a> {
    /// The language of `text`.
    pub src: &'a LanguageTag,
    /// The language of the translations wanted.
    pub tgt: &'a LanguageTag,
    /// The segment.
    pub text: &'a str,
    /// How many fragments to return at most.
    pub top: usize,
    /// The glossary's term pairs, anchors for aligning units not yet aligned.
    pub terms: &'a [TermPair],
}

impl<'a> FragmentQuery<'a> {
    /// A query for `text` returning up to nine fragments (Ctrl+Shift+1…9 in the app).
    pub fn new(src: &'a LanguageTag, tgt: &'a LanguageTag, text: &'a str) -> Self {
        Self {
            src,
            tgt,
            text,
            top: 9,
            terms: &[],
        }
    }
}

/// A run of the query found in the memory, with one of its translations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fragment {
    /// The run as written in the query.
    pub source: String,
    /// Its translation: the span of a stored target (whitespace collapsed).
    pub target: String,
    /// Byte offset in the query where the run starts.
    pub start: usize,
    /// Byte offset in the query just past the run's last word.
    pub end: usize,
    /// How many units hold the run with this translation (of the newest
    /// `MAX_OCCURRENCES` holding the run).
    pub units: usize,
    /// Ranking: longer runs, more units and surer alignments score higher; in `(0, 1)`.
    pub score: f64,
    /// How sure the alignment is of the translation, in `[0, 1]`: the mean score of the
    /// links inside the fragment (the geometric mean of the two directions' translation
    /// probabilities), averaged over its units.
    pub confidence: f64,
    /// The newest unit holding it.
    pub unit: UnitId,
}

/// The function words of a language: a run of them alone is no fragment. Folded.
pub fn stop_words(lang: &LanguageTag) -> &'static [&'static str] {
    match lang.primary() {
        "ru" => &[
            "а",
            "без",
            "бы",
            "был",
            "была",
            "были",
            "было",
            "быть",
            "в",
            "вам",
            "вас",
            "во",
            "вот",
            "все",
            "всего",
            "всех",
            "вы",
            "где",
            "да",
            "для",
            "до",
            "его",
            "ее",
            "ей",
            "ему",
            "если",
            "есть",
            "еще",
            "же",
            "за",
            "здесь",
            "и",
            "из",
            "или",
            "им",
            "ими",
            "их",
            "к",
            "как",
            "ко",
            "когда",
            "кто",
            "ли",
            "между",
            "меня",
            "мне",
            "мы",
            "на",
            "над",
            "нам",
            "нас",
            "не",
            "него",
            "нее",
            "ней",
            "нет",
            "ни",
            "них",
            "но",
            "о",
            "об",
            "он",
            "она",
            "они",
            "оно",
            "от",
            "по",
            "под",
            "пор",
            "после",
            "при",
            "раз",
            "с",
            "свой",
            "своей",
            "своих",
            "себе",
            "себя",
            "сих",
            "со",
            "так",
            "также",
            "там",
            "то",
            "того",
            "тоже",
            "той",
            "том",
            "тому",
            "только",
            "тот",
            "ту",
            "тут",
            "у",
            "уже",
            "чем",
            "что",
            "чтобы",
            "эти",
            "этим",
            "это",
            "этого",
            "этой",
            "этом",
            "этот",
            "эту",
            "я",
            "который",
            "которые",
            "которая",
            "которое",
            "котором",
            "которых",
            "которого",
            "которой",
            "самом",
            "деле",
            "числе",
        ],
        "az" => &[
            "amma", "artıq", "belə", "bir", "bu", "bunu", "bunun", "çox", "da", "daha", "də",
            "edib", "edən", "etdi", "etmək", "görə", "hər", "həm", "ilə", "isə", "ki", "kimi",
            "lakin", "mən", "o", "olan", "olaraq", "oldu", "olduğu", "olmaq", "olub", "onlar",
            "onu", "onun", "qədər", "sonra", "şey", "üçün", "və", "ya", "deyə", "biz",
        ],
        "en" => &[
            "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been",
            "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he",
            "her", "him", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no",
            "not", "of", "on", "or", "our", "out", "said", "she", "so", "than", "that", "the",
            "their", "them", "there", "these", "they", "this", "those", "to", "up", "us", "was",
            "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
        ],
        _ => &[],
    }
}

/// A query word: where it is, as written, and its folded key (or [`NUMBER_KEY`]).
#[derive(Debug, Clone)]
struct QueryWord {
    start: usize,
    end: usize,
    text: String,
    key: String,
    content: bool,
}

/// The query's words with their byte offsets in the text as given.
fn query_words(lang: &LanguageTag, text: &str) -> Vec<QueryWord> {
    let folding = lang.folding();
    let stops = stop_words(lang);
    word_indices(text)
        .map(|(at, piece)| {
            let number = piece.chars().next().is_some_and(char::is_numeric);
            let key = if number {
                NUMBER_KEY.to_string()
            } else {
                let mut key = String::new();
                folding.fold_into(piece, &mut key);
                key
            };
            QueryWord {
                start: at,
                end: at + piece.len(),
                text: piece.to_string(),
                content: !number && !stops.contains(&key.as_str()),
                key,
            }
        })
        .collect()
}

/// Decides whether two folded words match, remembering each word's stem keys.
struct WordMatcher {
    stemmer: Stemmer,
    russian: bool,
    keys: HashMap<String, Vec<String>>,
    /// Each word's class ids: one for the word itself, one per prefix key. Two words
    /// match when they share one, so the comparisons of a run search cost no lookup.
    classes: HashMap<String, Vec<u32>>,
    interned: HashMap<String, u32>,
}

/// Endings of Russian verb forms (after the reflexive `-ся`/`-сь`), longest first: the
/// stemmer reads declensions only, and formulas are built on verbs ("обменялись
/// мнениями", "обменяться мнениями").
const RUSSIAN_VERB_ENDINGS: &[&str] = &[
    "ешь", "ишь", "ете", "ите", "ть", "ла", "ло", "ли", "ет", "ют", "ит", "ят", "ем", "им", "ут",
    "ат", "л",
];

/// The base of a Russian verb form: the word less its reflexive suffix and ending.
fn russian_verb_base(word: &str) -> Option<&str> {
    let word = word
        .strip_suffix("ся")
        .or_else(|| word.strip_suffix("сь"))
        .unwrap_or(word);
    RUSSIAN_VERB_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e))
}

impl WordMatcher {
    fn new(lang: &LanguageTag) -> Self {
        Self {
            stemmer: Stemmer::for_language(lang),
            russian: lang.primary() == "ru",
            keys: HashMap::new(),
            classes: HashMap::new(),
            interned: HashMap::new(),
        }
    }

    /// The stem keys (and for Russian the verb base) of four letters or more that begin
    /// `word`.
    fn prefix_keys(&mut self, word: &str) -> &[String] {
        if !self.keys.contains_key(word) {
            let mut keys = self.stemmer.keys(word);
            if self.russian {
                keys.extend(russian_verb_base(word).map(str::to_string));
            }
            keys.retain(|k| k.chars().count() >= 4 && word.starts_with(k.as_str()));
            self.keys.insert(word.to_string(), keys);
        }
        &self.keys[word]
    }

    /// The class ids of folded word `word` (not a number).
    fn classes(&mut self, word: &str) -> Vec<u32> {
        if let Some(c) = self.classes.get(word) {
            return c.clone();
        }
        // The word itself is interned apart from the keys, which it may spell alike.
        let names: Vec<String> = std::iter::once(format!("={word}"))
            .chain(self.prefix_keys(word).iter().cloned())
            .collect();
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            let next = self.interned.len() as u32;
            ids.push(*self.interned.entry(name).or_insert(next));
        }
        self.classes.insert(word.to_string(), ids.clone());
        ids
    }

    /// Whether folded words `a` and `b` (neither a number) match: the same word, or a
    /// shared prefix key.
    fn same(&mut self, a: &str, b: &str) -> bool {
        let theirs = self.classes(b);
        self.classes(a).iter().any(|k| theirs.contains(k))
    }

    /// How a word is compared: a number by its text, another word by its classes.
    fn form<'w>(&mut self, key: &str, text: &'w str) -> Form<'w> {
        if key == NUMBER_KEY {
            Form::Number(text)
        } else {
            Form::Word(self.classes(key))
        }
    }
}

/// A word as [`runs`] compares it.
enum Form<'w> {
    Number(&'w str),
    Word(Vec<u32>),
}

impl Form<'_> {
    fn matches(&self, other: &Form) -> bool {
        match (self, other) {
            (Form::Number(a), Form::Number(b)) => a == b,
            (Form::Word(a), Form::Word(b)) => a.iter().any(|k| b.contains(k)),
            _ => false,
        }
    }
}

/// A run found in a stored segment: query words `q..q + len` match stored words
/// `s..s + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    q: usize,
    s: usize,
    len: usize,
}

/// The maximal runs of `query` in the stored words `stored` (diagonals of matching words
/// that cannot be extended), of [`MIN_WORDS`] or more holding a content word.
fn runs(
    query: &[QueryWord],
    stored: &[crate::normal::Word],
    matcher: &mut WordMatcher,
) -> Vec<Run> {
    let (n, m) = (query.len(), stored.len());
    let theirs: Vec<Form> = stored
        .iter()
        .map(|w| matcher.form(&w.key, &w.text))
        .collect();
    let mut hit = vec![false; n * m];
    for (i, q) in query.iter().enumerate() {
        let ours = matcher.form(&q.key, &q.text);
        for (j, w) in theirs.iter().enumerate() {
            hit[i * m + j] = ours.matches(w);
        }
    }
    let mut out = Vec::new();
    for i in 0..n {
        for j in 0..m {
            // A run starts where the diagonal before it does not match.
            if !hit[i * m + j] || (i > 0 && j > 0 && hit[(i - 1) * m + j - 1]) {
                continue;
            }
            let mut len = 0;
            while i + len < n && j + len < m && hit[(i + len) * m + j + len] {
                len += 1;
            }
            if len >= MIN_WORDS && query[i..i + len].iter().any(|w| w.content) {
                out.push(Run { q: i, s: j, len });
            }
        }
    }
    out
}

/// A stored source segment holding runs of the query.
struct Holder {
    unit: i64,
    source_variant: i64,
    source: String,
    target_variant: i64,
    target: String,
    runs: Vec<Run>,
}

/// The fragments of `query`, through the fuzzy candidate index.
pub fn fragments(conn: &Connection, query: &FragmentQuery) -> Result<Vec<Fragment>, FragmentError> {
    check_trained(conn, query)?;
    let words = query_words(query.src, query.text);
    let mut matcher = WordMatcher::new(query.src);
    let (candidates, sets) = candidates(conn, query.src, &words, &mut matcher)?;
    let mut holders = Vec::new();
    for id in candidates {
        // Checked on their word ids before their text is read.
        if !has_window(&words, &sets, &fuzzy_index::word_ids(conn, id)?) {
            continue;
        }
        if let Some(h) = holder(conn, query, &words, &mut matcher, id)? {
            holders.push(h);
            if holders.len() == MAX_HOLDERS {
                break;
            }
        }
    }
    finish(conn, query, &words, holders)
}

/// The fragments of `query`, reading every stored segment in its language: the slow
/// reference [`fragments`] must agree with.
pub fn fragments_exhaustive(
    conn: &Connection,
    query: &FragmentQuery,
) -> Result<Vec<Fragment>, FragmentError> {
    check_trained(conn, query)?;
    let words = query_words(query.src, query.text);
    let mut matcher = WordMatcher::new(query.src);
    let mut ids = segments::in_language(conn, Segments::Variants, query.src)?;
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let mut holders = Vec::new();
    for id in ids {
        if let Some(h) = holder(conn, query, &words, &mut matcher, id)? {
            holders.push(h);
            if holders.len() == MAX_HOLDERS {
                break;
            }
        }
    }
    finish(conn, query, &words, holders)
}

fn check_trained(conn: &Connection, query: &FragmentQuery) -> Result<(), FragmentError> {
    if query.src == query.tgt {
        return Err(FragmentError::SameLanguage(query.src.clone()));
    }
    let (a, b, _) = ordered(query.src, query.tgt);
    if word_links::model(conn, a, b)?.is_none() {
        return Err(FragmentError::NotTrained {
            src: query.src.clone(),
            tgt: query.tgt.clone(),
        });
    }
    Ok(())
}

/// Source variant `id` with its translation and its runs of the query, if it has a
/// variant in the target language and a run.
fn holder(
    conn: &Connection,
    query: &FragmentQuery,
    words: &[QueryWord],
    matcher: &mut WordMatcher,
    id: i64,
) -> Result<Option<Holder>, FragmentError> {
    let Some(found) = word_links::source_with_target(conn, id, query.src, query.tgt)? else {
        return Ok(None);
    };
    let stored = Normalized::new(query.src, &found.source).words;
    let runs = runs(words, &stored, matcher);
    if runs.is_empty() {
        return Ok(None);
    }
    Ok(Some(Holder {
        unit: found.unit,
        source_variant: id,
        source: found.source,
        target_variant: found.target_variant,
        target: found.target,
        runs,
    }))
}

/// The stored segments that may hold a run of `words` (a superset: each is checked),
/// newest first, and the index's words matching each query word.
fn candidates(
    conn: &Connection,
    lang: &LanguageTag,
    words: &[QueryWord],
    matcher: &mut WordMatcher,
) -> Result<(Vec<i64>, Vec<HashSet<i64>>), FragmentError> {
    let n = words.len();
    if n < MIN_WORDS {
        return Ok((Vec::new(), Vec::new()));
    }
    // The index's words matching each query word, with their summed df.
    let mut tokens: Vec<(Vec<fuzzy_index::IndexedWord>, u64)> = Vec::with_capacity(n);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(&earlier) = seen.get(w.key.as_str()) {
            tokens.push(tokens[earlier].clone());
            continue;
        }
        seen.insert(&w.key, i);
        let mut found = Vec::new();
        let shortest = if w.key == NUMBER_KEY {
            None
        } else {
            matcher
                .prefix_keys(&w.key)
                .iter()
                .min_by_key(|k| k.len())
                .cloned()
        };
        match shortest {
            Some(prefix) => {
                for (id, word, df) in word_links::tokens_with_prefix(conn, lang, &prefix)? {
                    if matcher.same(&word, &w.key) {
                        found.push(fuzzy_index::IndexedWord { id, df });
                    }
                }
            }
            None => found.extend(fuzzy_index::word(conn, lang, &w.key)?),
        }
        let df = found.iter().map(|t| t.df).sum();
        tokens.push((found, df));
    }
    // Each position's posting list, read once, ascending.
    let mut lists: HashMap<usize, Vec<i64>> = HashMap::new();
    let mut read = |i: usize| -> Result<Vec<i64>, FragmentError> {
        if let Some(l) = lists.get(&i) {
            return Ok(l.clone());
        }
        let mut postings = Vec::new();
        for &t in &tokens[i].0 {
            fuzzy_index::postings(
                conn,
                Segments::Variants,
                t,
                MIN_WORDS,
                LONGEST,
                &mut postings,
            )?;
        }
        let mut ids: Vec<i64> = postings.into_iter().map(|(id, _)| id).collect();
        ids.sort_unstable();
        ids.dedup();
        lists.insert(i, ids.clone());
        Ok(ids)
    };
    let mut all: HashSet<i64> = HashSet::new();
    for i in 0..=n - MIN_WORDS {
        if !words[i..i + MIN_WORDS].iter().any(|w| w.content) {
            continue;
        }
        let mut window: Vec<usize> = (i..i + MIN_WORDS).collect();
        window.sort_by_key(|&p| tokens[p].1);
        let mut found = read(window[0])?;
        for &p in &window[1..] {
            if found.is_empty() || tokens[p].1 as usize > READ_RATIO * found.len() {
                break;
            }
            let other = read(p)?;
            found.retain(|id| other.binary_search(id).is_ok());
        }
        all.extend(found);
    }
    let sets = tokens
        .iter()
        .map(|(t, _)| t.iter().map(|w| w.id).collect())
        .collect();
    let mut newest_first: Vec<i64> = all.into_iter().collect();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    Ok((newest_first, sets))
}

/// Whether token ids `ids` hold three consecutive words matching three consecutive
/// query words with a content word among them (by token: numbers all alike).
fn has_window(words: &[QueryWord], sets: &[HashSet<i64>], ids: &[i64]) -> bool {
    let n = words.len();
    (0..=n - MIN_WORDS)
        .filter(|&i| words[i..i + MIN_WORDS].iter().any(|w| w.content))
        .any(|i| {
            ids.windows(MIN_WORDS)
                .any(|w| (0..MIN_WORDS).all(|k| sets[i + k].contains(&w[k])))
        })
}

/// One stored occurrence of a fragment's run, with its translation.
struct Occurrence {
    unit: i64,
    target: String,
    target_key: String,
    confidence: f64,
}

/// The fragments from the runs `holders` hold: the runs no other contains, each with
/// the translations of its newest [`MAX_OCCURRENCES`] occurrences, merged, ranked.
fn finish(
    conn: &Connection,
    query: &FragmentQuery,
    words: &[QueryWord],
    mut holders: Vec<Holder>,
) -> Result<Vec<Fragment>, FragmentError> {
    holders.sort_by_key(|h| std::cmp::Reverse(h.unit));
    let spans: HashSet<(usize, usize)> = holders
        .iter()
        .flat_map(|h| h.runs.iter().map(|r| (r.q, r.q + r.len)))
        .collect();
    let mut maximal: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(a, b)| {
            !spans
                .iter()
                .any(|&(c, d)| c <= a && b <= d && (c, d) != (a, b))
        })
        .collect();
    maximal.sort_unstable();
    let (a_lang, b_lang, src_is_a) = ordered(query.src, query.tgt);
    let mut aligner = StoredAligner::new(a_lang, b_lang, query.terms);
    let mut keys = KeyCache::new(query.src, query.tgt);
    let mut links: HashMap<i64, Vec<ScoredLink>> = HashMap::new();
    // (query span, target key) → occurrences, in first-seen (newest unit) order.
    let mut groups: Vec<((usize, usize), Vec<Occurrence>)> = Vec::new();
    let mut order: HashMap<(usize, usize, String), usize> = HashMap::new();
    let mut counted: HashSet<(usize, usize, i64)> = HashSet::new();
    for (qa, qb) in maximal {
        let mut taken = 0;
        for h in &holders {
            let Some(run) = h.runs.iter().find(|r| r.q <= qa && qb <= r.q + r.len) else {
                continue;
            };
            if taken == MAX_OCCURRENCES {
                break;
            }
            taken += 1;
            if let std::collections::hash_map::Entry::Vacant(entry) = links.entry(h.source_variant)
            {
                entry.insert(scored_links(
                    conn,
                    query,
                    h,
                    src_is_a,
                    &mut aligner,
                    &mut keys,
                )?);
            }
            let found = longest_translated(
                query.tgt,
                words,
                h,
                run,
                (qa, qb),
                &links[&h.source_variant],
            );
            let Some((span, occurrence)) = found else {
                continue;
            };
            // Two runs may fall back to the same part of one unit.
            if !counted.insert((span.0, span.1, h.unit)) {
                continue;
            }
            let key = (span.0, span.1, occurrence.target_key.clone());
            let next = groups.len();
            let g = *order.entry(key).or_insert(next);
            if g == next {
                groups.push((span, Vec::new()));
            }
            groups[g].1.push(occurrence);
        }
    }
    let mut fragments = Vec::new();
    for ((qa, qb), occurrences) in groups {
        let units = occurrences.len();
        let confidence = occurrences.iter().map(|o| o.confidence).sum::<f64>() / units as f64;
        if confidence < MIN_CONFIDENCE {
            continue;
        }
        let start = words[qa].start;
        let end = words[qb - 1].end;
        fragments.push(Fragment {
            source: query.text[start..end].to_string(),
            target: occurrences[0].target.clone(),
            start,
            end,
            units,
            score: score(qb - qa, units, confidence),
            confidence: (confidence * 1000.0).round() / 1000.0,
            unit: UnitId(occurrences[0].unit),
        });
    }
    fragments.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.start.cmp(&b.start))
            .then(a.target.cmp(&b.target))
    });
    fragments.truncate(query.top);
    Ok(fragments)
}

/// The translation of query words `span` in holder `h`, whose run `run` contains them:
/// that of the whole span if it has a consistent one of at least [`MIN_CONFIDENCE`],
/// else that of its longest (then leftmost) part of [`MIN_WORDS`] or more holding a
/// content word that has one; with the query span it covers.
fn longest_translated(
    tgt: &LanguageTag,
    words: &[QueryWord],
    h: &Holder,
    run: &Run,
    span: (usize, usize),
    links: &[ScoredLink],
) -> Option<((usize, usize), Occurrence)> {
    for len in (MIN_WORDS..=span.1 - span.0).rev() {
        for qa in span.0..=span.1 - len {
            if !words[qa..qa + len].iter().any(|w| w.content) {
                continue;
            }
            let s = run.s + (qa - run.q);
            if let Some(o) = translate(tgt, h, (s, s + len), links)
                && o.confidence >= MIN_CONFIDENCE
            {
                return Some(((qa, qa + len), o));
            }
        }
    }
    None
}

/// The fragment score: `confidence · L/(L+3) · u/(u+1)` for `L` words held by `u` units.
/// Each factor grows towards 1: a longer run, more units agreeing and a surer alignment
/// all rank higher, none alone dominates.
fn score(len: usize, units: usize, confidence: f64) -> f64 {
    let s = confidence * len as f64 / (len as f64 + 3.0) * units as f64 / (units as f64 + 1.0);
    (s * 1000.0).round() / 1000.0
}

/// The model's match keys of the words met in one lookup, each computed once.
struct KeyCache {
    stemmers: [Stemmer; 2],
    known: [HashMap<String, String>; 2],
}

impl KeyCache {
    fn new(src: &LanguageTag, tgt: &LanguageTag) -> Self {
        Self {
            stemmers: [Stemmer::for_language(src), Stemmer::for_language(tgt)],
            known: [HashMap::new(), HashMap::new()],
        }
    }

    /// The match keys of `words`, source words if `source`, else target words.
    fn of(&mut self, source: bool, words: &[crate::normal::Word]) -> Vec<String> {
        let side = usize::from(!source);
        words
            .iter()
            .map(|w| {
                if w.is_number() {
                    return match_key(&self.stemmers[side], w);
                }
                if let Some(k) = self.known[side].get(&w.key) {
                    return k.clone();
                }
                let k = match_key(&self.stemmers[side], w);
                self.known[side].insert(w.key.clone(), k.clone());
                k
            })
            .collect()
    }
}

/// A link `(source word, target word)` with how sure the tables are of it.
type ScoredLink = ((u16, u16), f64);

/// The links of `h`'s unit, stored or (for a unit not aligned yet) computed from the
/// stored tables, oriented source to target, each scored by the geometric mean of the
/// tables' translation probabilities in both directions: a link the diagonal prior
/// made between words the tables do not pair scores near 0. A number linked to the same
/// number scores 1.
fn scored_links(
    conn: &Connection,
    query: &FragmentQuery,
    h: &Holder,
    src_is_a: bool,
    aligner: &mut StoredAligner,
    keys: &mut KeyCache,
) -> Result<Vec<ScoredLink>, FragmentError> {
    let (va, vb) = if src_is_a {
        (h.source_variant, h.target_variant)
    } else {
        (h.target_variant, h.source_variant)
    };
    let stored = match word_links::links(conn, va, vb)? {
        Some(l) => l,
        None if src_is_a => aligner.align(conn, &h.source, &h.target)?,
        None => aligner.align(conn, &h.target, &h.source)?,
    };
    let src_keys = keys.of(true, &Normalized::new(query.src, &h.source).words);
    let tgt_keys = keys.of(false, &Normalized::new(query.tgt, &h.target).words);
    let mut out = Vec::with_capacity(stored.len());
    for (x, y) in stored {
        let (s, t) = if src_is_a { (x, y) } else { (y, x) };
        let (Some(sk), Some(tk)) = (src_keys.get(usize::from(s)), tgt_keys.get(usize::from(t)))
        else {
            continue;
        };
        let score = if sk == tk && sk.starts_with(|c: char| c.is_numeric()) {
            1.0
        } else {
            let forward = aligner.probability(conn, src_is_a, sk, tk)?;
            let backward = aligner.probability(conn, !src_is_a, tk, sk)?;
            (f64::from(forward) * f64::from(backward)).sqrt()
        };
        out.push(((s, t), score));
    }
    Ok(out)
}

/// The translation of stored source words `box_` (start, end) of `h`, given its scored
/// links: the target span they link to when no link leaves the box, with the mean
/// score of the box's links as its confidence.
fn translate(
    tgt: &LanguageTag,
    h: &Holder,
    box_: (usize, usize),
    links: &[ScoredLink],
) -> Option<Occurrence> {
    let inside = |s: u16| (box_.0..box_.1).contains(&usize::from(s));
    let within: Vec<&ScoredLink> = links.iter().filter(|l| inside(l.0.0)).collect();
    let mut lo = within.iter().map(|l| usize::from(l.0.1)).min()?;
    let mut hi = within.iter().map(|l| usize::from(l.0.1)).max()?;
    if links
        .iter()
        .any(|&((s, t), _)| (lo..=hi).contains(&usize::from(t)) && !inside(s))
    {
        return None;
    }
    // An edge word held only by links the tables hardly support is the diagonal prior's
    // guess ("в Нью-Йорке" → "in New York, which"): left out. Trimming keeps the span
    // consistent, as its words link only inside the box.
    let best = |t: usize| {
        within
            .iter()
            .filter(|l| usize::from(l.0.1) == t)
            .map(|l| l.1)
            .fold(0.0, f64::max)
    };
    while lo < hi && best(lo) < EDGE_MIN {
        lo += 1;
    }
    while hi > lo && best(hi) < EDGE_MIN {
        hi -= 1;
    }
    let kept: Vec<f64> = within
        .iter()
        .filter(|l| (lo..=hi).contains(&usize::from(l.0.1)))
        .map(|l| l.1)
        .collect();
    if kept.is_empty() {
        return None;
    }
    let confidence = kept.iter().sum::<f64>() / kept.len() as f64;
    let exact = exact_form(&h.target);
    let spans: Vec<(usize, usize)> = word_indices(&exact)
        .map(|(at, w)| (at, at + w.len()))
        .collect();
    let (&(from, _), &(_, to)) = (spans.get(lo)?, spans.get(hi)?);
    let target = exact[from..to].to_string();
    Some(Occurrence {
        unit: h.unit,
        target_key: tgt.fold(&target),
        target,
        confidence,
    })
}
