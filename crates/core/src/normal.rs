//! The forms of a segment that matching compares; the translator's text is never
//! replaced by them.
//!
//! - The **exact form**: Unicode NFC, whitespace runs collapsed to one space and trimmed.
//!   Inline codes are not part of the text at all (they are kept beside it), so two
//!   segments that differ only in formatting have the same exact form. Case and
//!   punctuation are kept: they make the difference between 100% and "nearly exact".
//! - The **words**: the exact form cut at Unicode word boundaries (UAX #29, so
//!   `27.09.2018` and `3,5` stay one word), punctuation and spaces dropped, each folded
//!   for its language ([`LanguageTag::fold`]: Turkic `İ/I`, Russian `ё`). A word that
//!   starts with a digit is a *number*: it compares equal to any other number by its
//!   key `#`, and differing numbers are penalised separately (see `docs/matching.md`).

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::lang::LanguageTag;
use crate::words::word_indices;

/// The key every number is compared by.
pub const NUMBER_KEY: &str = "#";

/// One word of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written in the exact form (case kept).
    pub text: String,
    /// What it is compared by: the folded word, or [`NUMBER_KEY`] for a number.
    pub key: String,
}

impl Word {
    /// Whether the word is a number.
    pub fn is_number(&self) -> bool {
        self.key == NUMBER_KEY
    }
}

/// A segment in the forms matching compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// NFC, whitespace collapsed: the exact-match key.
    pub exact: String,
    /// The words, in order.
    pub words: Vec<Word>,
    /// Everything between the words (punctuation and single spaces), concatenated: two
    /// segments with the same words differ in punctuation or spacing iff this differs.
    pub residue: String,
}

impl Normalized {
    /// Normalise `text`, written in `lang`.
    pub fn new(lang: &LanguageTag, text: &str) -> Self {
        let exact = exact_form(text);
        let folding = lang.folding();
        let mut words = Vec::new();
        let mut residue = String::new();
        // What lies between the words is exactly the word bounds that hold no word.
        let mut after = 0;
        for (offset, piece) in word_indices(&exact) {
            residue.push_str(&exact[after..offset]);
            after = offset + piece.len();
            let numeric = piece.chars().next().is_some_and(char::is_numeric);
            let key = if numeric {
                NUMBER_KEY.to_string()
            } else {
                let mut key = String::with_capacity(piece.len());
                folding.fold_into(piece, &mut key);
                key
            };
            words.push(Word {
                text: piece.to_string(),
                key,
            });
        }
        residue.push_str(&exact[after..]);
        Self {
            exact,
            words,
            residue,
        }
    }

    /// The comparison keys of the words, in order.
    pub fn keys(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.key.as_str()).collect()
    }

    /// The numbers, as written, in order.
    pub fn numbers(&self) -> Vec<&str> {
        self.words
            .iter()
            .filter(|w| w.is_number())
            .map(|w| w.text.as_str())
            .collect()
    }

    /// The distinct word keys with how often each occurs, in first-occurrence order:
    /// what the candidate index stores and probes.
    pub fn key_counts(&self) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for w in &self.words {
            match counts.iter_mut().find(|(k, _)| *k == w.key) {
                Some((_, n)) => *n += 1,
                None => counts.push((&w.key, 1)),
            }
        }
        counts
    }
}

/// NFC with whitespace runs collapsed to one space and the ends trimmed.
pub fn exact_form(text: &str) -> String {
    // Nearly all text arrives in NFC already, and the quick check costs a fraction of
    // composing: approving and importing take the exact form of every segment and its
    // neighbours.
    let nfc = if surely_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `text` is made only of characters that are in NFC whatever surrounds them:
/// below the combining diacritics (Latin, Azerbaijani letters included) or Cyrillic
/// letters. No canonical composition starts from two of them, and none is a combining
/// mark, so such text is its own NFC; checking this takes no table lookups.
fn surely_nfc(text: &str) -> bool {
    text.chars()
        .all(|c| c < '\u{300}' || ('\u{400}'..='\u{482}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    proptest::proptest! {
        /// Words and residue are the word bounds with and without a letter or digit.
        #[test]
        fn words_and_residue_partition_the_word_bounds(
            text in "[aİıəЁж0-9 .,:'’_\u{301}\u{AD}«»!-]{0,20}"
        ) {
            use unicode_segmentation::UnicodeSegmentation;
            let normal = Normalized::new(&lang("az"), &text);
            let (mut words, mut residue) = (Vec::new(), String::new());
            for piece in normal.exact.split_word_bounds() {
                if piece.chars().any(char::is_alphanumeric) {
                    words.push(piece);
                } else {
                    residue.push_str(piece);
                }
            }
            let found: Vec<&str> = normal.words.iter().map(|w| w.text.as_str()).collect();
            proptest::prop_assert_eq!(found, words);
            proptest::prop_assert_eq!(normal.residue, residue);
        }
    }

    /// [`exact_form`] as first written: compose, then collapse.
    fn exact_form_reference(text: &str) -> String {
        let nfc: String = text.nfc().collect();
        nfc.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn exact_form_matches_the_reference(
            text in "[\\t\\n \u{21}-\u{2ff}\u{300}-\u{36f}\u{400}-\u{4ff}\u{a0}\u{1100}-\u{1175}\u{ac00}\u{2000}-\u{200a}]{0,40}"
        ) {
            proptest::prop_assert_eq!(exact_form(&text), exact_form_reference(&text));
        }
    }

    #[test]
    fn the_surely_nfc_characters_are_stable_starters_that_never_compose() {
        use unicode_normalization::char::{canonical_combining_class, compose};
        let set: Vec<char> = ('\0'..'\u{300}').chain('\u{400}'..='\u{482}').collect();
        assert!(set.iter().all(|&c| surely_nfc(&c.to_string())));
        assert!(!surely_nfc("\u{483}") && !surely_nfc("и\u{306}"));
        for &a in &set {
            assert_eq!(canonical_combining_class(a), 0, "{a:?} is a starter");
            assert_eq!(is_nfc_quick([a].into_iter()), IsNormalized::Yes, "{a:?}");
            for &b in &set {
                assert_eq!(compose(a, b), None, "{a:?} + {b:?} compose");
            }
        }
    }

    #[test]
    fn exact_form_is_nfc_with_collapsed_spaces() {
        // "й" decomposed (и + combining breve) and a no-break space.
        assert_eq!(exact_form("  Мои\u{306}\u{a0} дом\n\t"), "Мой дом");
    }

    #[test]
    fn words_are_folded_for_their_language_and_numbers_share_a_key() {
        let n = Normalized::new(&lang("az"), "İLHAM Əliyev 27.09.2018-ci ildə BAKIYA gəldi.");
        assert_eq!(
            n.keys(),
            ["ilham", "əliyev", "#", "ci", "ildə", "bakıya", "gəldi"]
        );
        assert_eq!(n.numbers(), ["27.09.2018"]);
        assert_eq!(n.residue, "  -   .");
        let ru = Normalized::new(&lang("ru"), "Ёлки, ёлки!");
        assert_eq!(ru.keys(), ["елки", "елки"]);
        assert_eq!(ru.key_counts(), [("елки", 2)]);
    }
}
