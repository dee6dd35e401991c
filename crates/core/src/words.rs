//! Words of a text by the Unicode word boundaries (UAX #29), with a fast path for the
//! text Dragoman mostly reads.
//!
//! [`UnicodeSegmentation::unicode_word_indices`] looks every character up in the word
//! break tables; term recognition and the memory's normalisation split every segment
//! they see, and that lookup was a fifth of recognition's time. Russian, Azerbaijani and
//! English news text uses a small set of characters whose word break classes are known:
//! Latin and Cyrillic letters, ASCII digits, spaces and common punctuation. When every
//! character of a text is in that set, its words are found by the few rules of UAX #29
//! that those classes can meet (letters and digits join, `.` `'` `’` join letters, `:`
//! and `·` join letters, `.` `,` `;` `'` `’` join digits); anything else — combining
//! marks, soft hyphens, other scripts, emoji — sends the whole text to the full
//! segmenter, so the result is always the same as [`UnicodeSegmentation`]'s.

use std::ops::Range;

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The word break class of a character of the fast path's set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: Latin and Cyrillic letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// MidLetter: joins two letters.
    MidLetter,
    /// MidNum: joins two digits.
    MidNum,
    /// MidNumLet and Single_Quote: joins two letters or two digits.
    MidNumLet,
    /// Spaces and punctuation that join nothing.
    Other,
}

/// The classes of the ASCII characters, by code.
const ASCII: [Option<Class>; 128] = {
    let mut table = [Some(Class::Other); 128];
    let mut code = 0;
    while code < 128 {
        table[code] = match code as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Some(Class::Letter),
            b'0'..=b'9' => Some(Class::Digit),
            b'.' | b'\'' => Some(Class::MidNumLet),
            b':' => Some(Class::MidLetter),
            b',' | b';' => Some(Class::MidNum),
            // ExtendNumLet joins anything; rare enough to leave to the tables.
            b'_' => None,
            _ => Some(Class::Other),
        };
        code += 1;
    }
    table
};

/// The class of `c`, or `None` when only the full segmenter knows how it breaks.
fn class(c: char) -> Option<Class> {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' => Class::MidNumLet,
        '\u{B7}' => Class::MidLetter,
        // No-break space, « », en and em dash, typographic quotes, ellipsis.
        '\u{A0}'
        | '\u{AB}'
        | '\u{BB}'
        | '\u{2013}'
        | '\u{2014}'
        | '\u{201C}'..='\u{201E}'
        | '\u{2026}' => Class::Other,
        // The letters of Latin-1 to Latin Extended-B, IPA (`ə`) and Cyrillic, all ALetter;
        // `×`, `÷`, `҂` and the Cyrillic combining marks are left out.
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='\u{2AF}' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}' => {
            Class::Letter
        }
        _ => return None,
    })
}

fn is_word(class: Class) -> bool {
    matches!(class, Class::Letter | Class::Digit)
}

/// Whether `mid` between `before` and `after` keeps them in one word.
fn joins(before: Class, mid: Class, after: Class) -> bool {
    match (before, after) {
        (Class::Letter, Class::Letter) => matches!(mid, Class::MidLetter | Class::MidNumLet),
        (Class::Digit, Class::Digit) => matches!(mid, Class::MidNum | Class::MidNumLet),
        _ => false,
    }
}

/// The words of a text with their byte offsets, as
/// [`UnicodeSegmentation::unicode_word_indices`] gives them.
pub fn word_indices(text: &str) -> WordIndices<'_> {
    if text.chars().all(|c| class(c).is_some()) {
        WordIndices::Fast(FastWords { text, at: 0 })
    } else {
        WordIndices::Full(text.unicode_word_indices())
    }
}

/// The iterator of [`word_indices`].
pub enum WordIndices<'t> {
    /// Every character has a known class.
    Fast(FastWords<'t>),
    /// The full segmenter.
    Full(UnicodeWordIndices<'t>),
}

impl<'t> Iterator for WordIndices<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Fast(words) => words.next(),
            Self::Full(words) => words.next(),
        }
    }
}

/// Words of a text whose every character has a known word break class.
pub struct FastWords<'t> {
    text: &'t str,
    at: usize,
}

impl FastWords<'_> {
    fn class_at(&self, at: usize) -> Option<(Class, usize)> {
        let byte = *self.text.as_bytes().get(at)?;
        if byte.is_ascii() {
            return Some((ASCII[usize::from(byte)]?, 1));
        }
        let c = self.text[at..].chars().next()?;
        Some((class(c)?, c.len_utf8()))
    }
}

impl<'t> Iterator for FastWords<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        // Up to the first letter or digit.
        let mut last = loop {
            let (class, len) = self.class_at(self.at)?;
            if is_word(class) {
                break class;
            }
            self.at += len;
        };
        let start = self.at;
        self.at += self.text[start..].chars().next().map_or(1, char::len_utf8);
        while let Some((class, len)) = self.class_at(self.at) {
            if is_word(class) {
                last = class;
                self.at += len;
                continue;
            }
            match self.class_at(self.at + len) {
                Some((after, after_len)) if joins(last, class, after) => {
                    last = after;
                    self.at += len + after_len;
                }
                _ => break,
            }
        }
        Some((start, &self.text[start..self.at]))
    }
}

/// Characters that join two words into one term word when they stand between letters:
/// hyphens ("Inter-regional", "российско-азербайджанский") and apostrophes ("Cote
/// d'Ivoire" has two words, "O’Brien" one). UAX #29 breaks at hyphens; a term must not.
fn joins_term_word(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}')
}

/// The words of `text` as a term sees them: [`word_indices`] words, with those joined by
/// a single hyphen or apostrophe made one. Byte ranges, in order.
pub fn term_words(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, word) in word_indices(text) {
        let end = start + word.len();
        if let Some(last) = out.last_mut() {
            let mut between = text[last.end..start].chars();
            if between.next().is_some_and(joins_term_word) && between.next().is_none() {
                last.end = end;
                continue;
            }
        }
        out.push(start..end);
    }
    out
}

/// A selection `selected` (byte offsets, in either order) of `text` grown to whole
/// [`term_words`]: a selection inside a word or across part of one takes the whole word,
/// and the spaces and punctuation around the words are left out. `None` when no word
/// is touched.
pub fn snap(text: &str, selected: Range<usize>) -> Option<Range<usize>> {
    let (from, to) = (
        selected.start.min(selected.end),
        selected.start.max(selected.end),
    );
    let touched = |w: &Range<usize>| {
        if from == to {
            w.start <= from && from <= w.end
        } else {
            w.start < to && from < w.end
        }
    };
    let words = term_words(text);
    let first = words.iter().find(|w| touched(w))?;
    let last = words.iter().rev().find(|w| touched(w))?;
    Some(first.start..last.end)
}

/// Whether `span` of `text` starts and ends at [`term_words`] boundaries: it is whole
/// words, not a piece cut out of one ("Inter" of "Inter-regional").
pub fn is_whole_words(text: &str, span: Range<usize>) -> bool {
    let words = term_words(text);
    words.iter().any(|w| w.start == span.start) && words.iter().any(|w| w.end == span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    fn fast(text: &str) -> Option<Vec<(usize, &str)>> {
        match word_indices(text) {
            WordIndices::Fast(words) => Some(words.collect()),
            WordIndices::Full(_) => None,
        }
    }

    #[test]
    fn joins_as_uax29_does() {
        for text in [
            "U.S. talks, 1,000.5 km; don't stop: S:t Paul",
            "Azərbaycan Respublikasının Prezidenti İlham Əliyev",
            "«Межрегиональный форум» — 12.05.2024, 3;4 a.1 1.a",
            "a..b ...x. y' 'z ’q’ e·l",
            "",
            "  ,  ",
        ] {
            assert_eq!(
                fast(text).as_deref(),
                Some(&reference(text)[..]),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_letter_of_the_fast_set_is_one_to_the_tables() {
        let letters = ('\u{80}'..='\u{52F}').filter(|&c| class(c) == Some(Class::Letter));
        let mut count = 0;
        for c in letters {
            // Only a letter (ALetter) joins a letter across a full stop; a combining
            // mark would join `x` before it, but not this.
            let text = format!("{c}.x{c}");
            assert_eq!(reference(&text), [(0, text.as_str())], "U+{:04X}", c as u32);
            count += 1;
        }
        assert!(count > 600, "{count}");
    }

    #[test]
    fn leaves_other_characters_to_the_tables() {
        for text in [
            "snake_case",
            "cafe\u{301}",
            "soft\u{AD}hyphen",
            "日本語",
            "a😀b",
        ] {
            assert!(fast(text).is_none(), "{text:?}");
            assert_eq!(word_indices(text).collect::<Vec<_>>(), reference(text));
        }
    }

    #[test]
    fn takes_the_fast_path_on_news_text() {
        // The NTREX-128 excerpt of the segmentation tests (CC BY-SA 4.0; see its README).
        let fixtures = [
            include_str!("../tests/fixtures/ntrex/rus.tsv"),
            include_str!("../tests/fixtures/ntrex/aze.tsv"),
            include_str!("../tests/fixtures/ntrex/eng.tsv"),
        ];
        let (mut lines, mut fast_lines) = (0, 0);
        for line in fixtures.iter().flat_map(|f| f.lines()) {
            lines += 1;
            let words: Vec<_> = word_indices(line).collect();
            assert_eq!(words, reference(line), "{line}");
            fast_lines += usize::from(fast(line).is_some());
        }
        assert!(lines > 300);
        assert!(
            fast_lines * 100 >= lines * 90,
            "{fast_lines} of {lines} lines fast"
        );
    }

    proptest::proptest! {
        #[test]
        fn matches_the_full_segmenter(
            text in "[aZəİıЁжé0-9 .,;:'’‘·_\u{A0}«»—…“„\u{301}\u{AD}!?()\\-№²ª日]{0,24}"
        ) {
            let words: Vec<_> = word_indices(&text).collect();
            proptest::prop_assert_eq!(words, reference(&text));
        }

        #[test]
        fn the_fast_path_matches_the_full_segmenter(
            text in "[aZəİıЁжé0-9 .,;:'’‘·\u{A0}«»—…“„!?()\\-]{0,24}"
        ) {
            let words = fast(&text);
            proptest::prop_assert_eq!(words.as_deref(), Some(&reference(&text)[..]));
        }
    }

    #[test]
    fn term_words_keep_hyphens_and_apostrophes() {
        let text = "Tenth Russian-Azerbaijani Inter-regional Forum, O’Brien's (x)";
        let words: Vec<&str> = term_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            words,
            [
                "Tenth",
                "Russian-Azerbaijani",
                "Inter-regional",
                "Forum",
                "O’Brien's",
                "x"
            ]
        );
        // A dash between spaces joins nothing.
        let dashed = "форум - встреча";
        assert_eq!(term_words(dashed).len(), 2);
    }

    #[test]
    fn a_selection_snaps_to_whole_words() {
        let text = "Генеральной Ассамблеи ООН, «Inter-regional forum».";
        let at = |s: &str| text.find(s).unwrap();
        // Inside a word, across part of two: whole words.
        let sloppy = at("енеральн")..at("ссамбле") + "ссамбле".len();
        assert_eq!(&text[snap(text, sloppy).unwrap()], "Генеральной Ассамблеи");
        // Punctuation and spaces around the words trimmed.
        let wide = at("ООН") - 1..at("«") + "«".len();
        assert_eq!(&text[snap(text, wide).unwrap()], "ООН");
        assert_eq!(
            &text[snap(text, at("regional")..at("regional") + 3).unwrap()],
            "Inter-regional"
        );
        // Backwards selections and a caret inside a word.
        let back = at("forum") + 2..at("Inter");
        assert_eq!(&text[snap(text, back).unwrap()], "Inter-regional forum");
        assert_eq!(
            &text[snap(text, at("ООН") + 2..at("ООН") + 2).unwrap()],
            "ООН"
        );
        // Only punctuation selected.
        assert_eq!(snap(text, at("»")..at("»") + "».".len()), None);
    }

    #[test]
    fn whole_words_are_told_from_fragments() {
        let text = "Tenth Russian-Azerbaijani Inter-regional Forum";
        let span = |s: &str| text.find(s).unwrap()..text.find(s).unwrap() + s.len();
        assert!(is_whole_words(
            text,
            span("Russian-Azerbaijani Inter-regional")
        ));
        assert!(!is_whole_words(
            text,
            span("Tenth Russian-Azerbaijani Inter")
        ));
        assert!(!is_whole_words(text, span("Azerbaijani")));
    }

    proptest::proptest! {
        /// A snapped span is whole words and covers the part of the selection that
        /// touches a word.
        #[test]
        fn snapped_spans_are_whole_words(
            text in "[a-zа-я’' ,.-]{0,30}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let bound = |i: usize| (0..=i.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let (a, b) = (bound(a), bound(b));
            if let Some(span) = snap(&text, a.min(b)..a.max(b)) {
                proptest::prop_assert!(is_whole_words(&text, span.clone()));
                proptest::prop_assert!(span.start < span.end);
            }
        }
    }
}
