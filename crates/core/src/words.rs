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
}
