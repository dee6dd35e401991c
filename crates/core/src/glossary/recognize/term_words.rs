//! The words terms and text are matched by: how each is cut into words, how a word is
//! folded into its match key (apostrophes, "&", "Saint"), which spelling variants of a
//! term are indexed (hyphenated pairs written solid), and the rule each word of a term
//! is matched by (inflected, exact, prefix, izafet head…).

use super::split::is_space;
use super::{MatchMode, Term};
use crate::lang::Folding;
use crate::stem::{Stemmer, az};
use crate::words::word_indices;

/// The apostrophes texts write, all read as `'` ("Côte d’Ivoire" = "Côte d'Ivoire").
const APOSTROPHES: [char; 6] = ['\'', '\u{2019}', '\u{2018}', '\u{2BC}', '`', '\u{B4}'];

/// How many hyphens of a term are also tried written solid: each doubles the term's
/// paths in the index, and no term of a real glossary has more.
const MAX_JOINS: usize = 3;

/// The key of the first word of an English name that begins with "Saint" or "St".
pub(super) const SAINT: &str = "#saint";

/// The words terms and text are matched by: [`word_indices`], and in English a lone `&`
/// between words as a word of its own, which [`fold_word`] reads as "and" ("Bosnia &
/// Herzegovina"); the word splitter skips it as punctuation.
pub(crate) fn match_words(text: &str, english: bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut end = 0;
    for (offset, word) in word_indices(text) {
        let gap = &text[end..offset];
        if english
            && gap.trim() == "&"
            && let Some(at) = gap.find('&')
        {
            out.push((end + at, "&"));
        }
        end = offset + word.len();
        out.push((offset, word));
    }
    out
}

/// The abbreviation an English word of the text is a form of: "NATO's", "the EU’s"
/// (possessive, any apostrophe) and "IDPs" (plural) are "NATO", "EU", "IDP", which as
/// short all-capital terms match only as written.
pub(crate) fn english_abbreviation_base(word: &str) -> Option<&str> {
    let base = word
        .strip_suffix('s')
        .map(|w| w.strip_suffix(APOSTROPHES).unwrap_or(w))?;
    let capitals = base.chars().all(|c| c.is_uppercase());
    (capitals && base.chars().count() >= 2).then_some(base)
}

/// Append a word of [`match_words`] folded for matching: [`Folding::fold_into`], every
/// apostrophe as `'`, and `&` as "and". Only recognition folds so; the memory's keys keep
/// [`Folding`] alone.
pub(crate) fn fold_word(folding: Folding, word: &str, out: &mut String) {
    if word == "&" {
        out.push_str("and");
    } else if word.contains(APOSTROPHES) {
        for piece in word.split_inclusive(APOSTROPHES) {
            match piece.strip_suffix(APOSTROPHES) {
                Some(letters) => {
                    folding.fold_into(letters, out);
                    out.push('\'');
                }
                None => folding.fold_into(piece, out),
            }
        }
    } else {
        folding.fold_into(word, out);
    }
}

/// [`fold_word`] into a new string.
pub(crate) fn folded_word(folding: Folding, word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_word(folding, word, &mut out);
    out
}

/// What two words stand for written as one, when only `gap` is between them: a hyphen
/// drops out ("inter-regional" = "interregional"); an apostrophe the word splitter took
/// for punctuation (`` ` ``, `´`) stays as `'`. A space never joins: read as one word,
/// "for a" became the plural "fora" of forum, and a term's last word took the next one
/// ("Евросоюз и") on the NTREX dev rows.
pub(crate) fn joint(gap: &str) -> Option<&'static str> {
    match gap {
        "-" | "\u{2010}" | "\u{2011}" => Some(""),
        _ if gap.chars().count() == 1 && gap.starts_with(APOSTROPHES) => Some("'"),
        _ => None,
    }
}

/// The paths a term may take through the index: its words and rules, and for each set
/// of its hyphenated pairs of inflected words (up to [`MAX_JOINS`]) the same with those
/// pairs written solid, marked `true`. Each word says whether the term has only a space
/// before it, where a word of the text may stand inside the term ([`super::split`]).
pub(crate) fn term_variants(term: &Term, folding: Folding) -> Vec<(Vec<PathWord>, bool)> {
    let rules = word_rules(term);
    let english = Stemmer::for_language(&term.lang) == Stemmer::English;
    let offsets: Vec<usize> = match_words(&term.text, english)
        .iter()
        .map(|(o, _)| *o)
        .collect();
    let joins: Vec<(usize, &str)> = (1..rules.len())
        .filter_map(|i| {
            let both = rules[i - 1].1 == WordRule::Inflected && rules[i].1 == WordRule::Inflected;
            let gap = &term.text[offsets[i - 1] + rules[i - 1].0.len()..offsets[i]];
            Some((i, joint(gap).filter(|_| both)?))
        })
        .take(MAX_JOINS)
        .collect();
    (0..1usize << joins.len())
        .map(|set| {
            let mut words: Vec<PathWord> = Vec::with_capacity(rules.len());
            for (i, (word, rule)) in rules.iter().enumerate() {
                let folded = folded_word(folding, word);
                let joined = joins
                    .iter()
                    .enumerate()
                    .find(|(bit, (at, _))| *at == i && set & (1 << bit) != 0);
                match (joined, words.last_mut()) {
                    (Some((_, (_, joint))), Some(last)) => {
                        last.written.push_str(word);
                        last.folded.push_str(joint);
                        last.folded.push_str(&folded);
                    }
                    _ => words.push(PathWord {
                        written: word.to_string(),
                        folded,
                        rule: *rule,
                        spaced: i > 0
                            && is_space(
                                &term.text[offsets[i - 1] + rules[i - 1].0.len()..offsets[i]],
                            ),
                    }),
                }
            }
            (words, set != 0)
        })
        .flat_map(|(words, joined)| {
            // A last word that looks like an izafet head may as well be a plain noun
            // whose stem ends in that vowel: "xüsusi elçi" (special envoy) is an
            // adjective and "elçi", found as "elçilər" and "elçisi", not as "elç" with a
            // possessive. Both readings are tried; one hit a concept is kept on a span.
            let plain = words
                .last()
                .filter(|w| w.rule == WordRule::IzafetHead)
                .map(|_| {
                    let mut plain = words.clone();
                    if let Some(last) = plain.last_mut() {
                        last.rule = WordRule::Inflected;
                    }
                    (plain, joined)
                });
            std::iter::once((words, joined)).chain(plain)
        })
        .collect()
}

/// A word of a term's path through the index: one word of the term, or a hyphenated
/// pair written solid.
#[derive(Clone)]
pub(crate) struct PathWord {
    pub(crate) written: String,
    pub(crate) folded: String,
    pub(crate) rule: WordRule,
    /// The term has a space before this word, and nothing else.
    pub(crate) spaced: bool,
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
    /// The last word of a multi-word Azerbaijani term that ends in the third person
    /// possessive, the head of an izafet (`nümayəndə heyəti`): its forms are built on
    /// the base under the possessive, plural and case (`heyətlərinin`, `heyətində`),
    /// and keep the possessive ([`az::izafet_head_accepts`]).
    IzafetHead,
    /// "Saint" or "St" beginning an English name of more than one word ("Saint Lucia",
    /// "St. Kitts"): either, as written. Only there: elsewhere "St." is a street.
    Saint,
}

/// The words of a term with the rule each is matched by, from its match mode and
/// custom-stem `|` marks.
pub(crate) fn word_rules(term: &Term) -> Vec<(&str, WordRule)> {
    let mut rules = mode_rules(term);
    // Only the last word of a multi-word term heads an izafet; a single word ending in
    // `-ı` is as often the stem itself (`Bakı` is no possessive of `Bak`), and earlier
    // words are inflected as any noun (`nümayəndə heyətinin rəhbəri`).
    if rules.len() > 1
        && Stemmer::for_language(&term.lang) == Stemmer::Azerbaijani
        && let Some((last, rule @ WordRule::Inflected)) = rules.last_mut()
        && az::izafet_base(&term.lang.fold(last)).is_some()
    {
        *rule = WordRule::IzafetHead;
    }
    if rules.len() > 1
        && Stemmer::for_language(&term.lang) == Stemmer::English
        && matches!(rules[0], ("Saint" | "St", WordRule::Inflected))
    {
        rules[0].1 = WordRule::Saint;
    }
    rules
}

/// [`word_rules`] before izafet heads are told apart.
fn mode_rules(term: &Term) -> Vec<(&str, WordRule)> {
    let text = term.text.as_str();
    let custom = text.contains('|');
    let mode = match term.match_mode {
        MatchMode::Automatic if is_abbreviation(text) => MatchMode::CaseSensitive,
        mode => mode,
    };
    let english = Stemmer::for_language(&term.lang) == Stemmer::English;
    match_words(text, english)
        .into_iter()
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

/// Whether a term is a short all-capital abbreviation, matched only as written.
fn is_abbreviation(term: &str) -> bool {
    // The lower-case test first: it settles most terms at their second letter.
    !term.chars().any(char::is_lowercase)
        && (2..=6).contains(&term.chars().filter(|c| c.is_alphabetic()).count())
}
