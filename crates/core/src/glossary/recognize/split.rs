//! Terms split by inserted words: "в межрегиональном российско-азербайджанском форуме" is
//! the term "межрегиональный форум" with a modifier standing between its words, as are
//! "the inter-regional Azerbaijani-Russian forum" and "a joint Russian-Azerbaijani
//! statement".
//!
//! Up to [`MAX_INSERTED`] words may stand inside a term, between two of its words that
//! the term writes a space apart, never before its first word or after its last. A
//! hyphenated compound ("российско-азербайджанский", "Russian–Azerbaijani") counts as one
//! word. Only a space may part an inserted word from its neighbours: a comma, a full stop,
//! a bracket, a quote or a dash between spaces ends the phrase, and so the term. What may
//! be inserted depends on the language ([`Splitting`]):
//!
//! - Russian: an adjective or participle ("всеобъемлющее", "развивающейся"), the last part
//!   of a compound counting ("российско-азербайджанском"), that agrees in gender, number
//!   and case with the term's word after it ([`ru::agrees`]): "транспортного
//!   международного коридора" is the transport corridor, "транспортного международных
//!   коридора" is not a phrase. A noun cannot stand there, capitalised or not.
//! - English: an adjective by its ending or a short list ("comprehensive", "joint"), a
//!   hyphenated compound, or a capitalised word (names, nationalities: "Russian",
//!   "Caspian"). English has no agreement to check, so its rules stay narrow: no word in
//!   -ed or -ing (more often a verb than a participle there), no noun used as a modifier.
//! - Azerbaijani: never. Its terms are mostly izafet compounds ("nəqliyyat dəhlizi",
//!   "nümayəndə heyəti") that take no word inside, and a modifier goes before the whole
//!   compound ("Azərbaycan-Rusiya hökumətlərarası komissiyası"). On the NTREX dev rows
//!   the four places where a starter term's words stand one or two words apart are no
//!   such term ("Prezident ara seçkilərdə" is a president in by-elections).
//!
//! Never inserted in any language: function words ("of", "the", "and", "и", "в", "на",
//! "этого", "нашей"), numbers, and anything with a digit. A term written with a capital
//! is a name ("Совет Безопасности", "Prime Minister") and is never split: "Совет
//! национальной безопасности" is another body.

use crate::stem::{Stemmer, ru};

use super::term_words::WordRule;

/// The most words that may stand inside one term.
pub(super) const MAX_INSERTED: usize = 2;

/// What may stand inside a term in a language's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Splitting {
    /// Terms are found with their words together only.
    Never,
    /// Adjectives and participles that agree with the term's next word.
    Russian,
    /// Adjectives, hyphenated compounds and capitalised words.
    English,
    /// Only a coordinated word: "iqtisadi və humanitar əməkdaşlıq".
    Azerbaijani,
}

/// What one word (or compound) standing inside a term is; a place inside a term takes
/// the sequences [`Splitting::allows`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// An adjective, participle, hyphenated compound or (English) capitalised word.
    Modifier,
    /// "and", "or", "и", "или", "və", "ya": a coordinated word stands beside the term's
    /// own ("economic and humanitarian cooperation" is economic cooperation).
    Conjunction,
    /// An article or possessive after a preposition of the term ("head of the Russian
    /// delegation", "presentation of her credentials").
    Determiner,
    /// Any other word of letters: in English a noun modifying the next ("strategic
    /// energy partnership"), elsewhere only a coordinated word ("Министерство науки и
    /// образования").
    Content,
}

/// Coordinating conjunctions, by language.
const ENGLISH_CONJUNCTIONS: &[&str] = &["and", "or"];
const RUSSIAN_CONJUNCTIONS: &[&str] = &["и", "или"];
const AZERBAIJANI_CONJUNCTIONS: &[&str] = &["və", "ya"];

/// English words that are no noun modifying the next: number words and adverbs without
/// -ly ("past five months", "will ever bring"). Sorted.
const ENGLISH_NOT_CONTENT: &[&str] = &[
    "again",
    "almost",
    "already",
    "always",
    "billion",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "even",
    "ever",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "hundred",
    "just",
    "million",
    "never",
    "nine",
    "nineteen",
    "ninety",
    "now",
    "often",
    "one",
    "perhaps",
    "quite",
    "rather",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "still",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "three",
    "together",
    "twelve",
    "twenty",
    "two",
];

/// English determiners that may follow a preposition inside a term. Sorted.
const ENGLISH_DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "the", "their", "this", "your",
];

/// Russian words of three letters or more that are never a coordinated word: pronouns,
/// adverbs, particles, prepositions, forms of "быть". Sorted.
const RUSSIAN_FUNCTION_WORDS: &[&str] = &[
    "без",
    "будет",
    "был",
    "была",
    "были",
    "было",
    "вас",
    "весь",
    "вне",
    "все",
    "всех",
    "вся",
    "всё",
    "где",
    "для",
    "его",
    "ее",
    "если",
    "есть",
    "еще",
    "ещё",
    "её",
    "или",
    "как",
    "когда",
    "кто",
    "между",
    "над",
    "нам",
    "нас",
    "них",
    "она",
    "они",
    "оно",
    "под",
    "после",
    "при",
    "про",
    "так",
    "также",
    "там",
    "тем",
    "только",
    "уже",
    "чем",
    "через",
    "что",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
];

/// Azerbaijani words that are never a coordinated word: pronouns, postpositions,
/// particles. Sorted.
const AZERBAIJANI_FUNCTION_WORDS: &[&str] = &[
    "bu", "bunu", "da", "də", "həm", "ilə", "isə", "kimi", "o", "onu", "üzrə", "üçün",
];

/// English words that are never a modifier inside a term, though some end like
/// adjectives or are written with a capital at the start of a clause ("several",
/// "unless", "These"). Sorted, as are the lists below: they are searched by halves.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "another", "any", "are", "as", "at", "be",
    "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "each",
    "either", "every", "few", "for", "from", "had", "has", "have", "he", "her", "here", "his", "i",
    "if", "in", "into", "is", "it", "its", "many", "may", "might", "more", "most", "much", "must",
    "my", "neither", "no", "nor", "not", "of", "on", "once", "only", "or", "other", "our", "over",
    "own", "same", "several", "shall", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "under", "unless", "until", "upon", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "whose", "will", "with", "would", "you", "your",
];

/// Endings of English adjectives: "regional", "strategic", "comprehensive", "mutual",
/// "numerous", "sustainable", "parliamentary", "advisory", "permanent", "relevant",
/// "Caspian".
const ENGLISH_ADJECTIVE_ENDINGS: &[&str] = &[
    "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ory", "ant", "ent", "ian",
];

/// Words with those endings that are verbs or nouns a modifier would not be ("agreement",
/// "represent", "receive", "reveal").
const ENGLISH_NOT_ADJECTIVES: &[&str] = &[
    "appeal",
    "arrive",
    "conceal",
    "deal",
    "derive",
    "give",
    "grant",
    "heal",
    "live",
    "meant",
    "perceive",
    "prevent",
    "receive",
    "represent",
    "reveal",
    "seal",
    "sent",
    "spent",
    "steal",
    "survive",
    "want",
    "went",
];

/// English adjectives without those endings that modify nouns in statements of talks.
const ENGLISH_ADJECTIVES: &[&str] = &[
    "broad", "close", "common", "deep", "direct", "eastern", "free", "full", "further", "great",
    "high", "joint", "key", "large", "long", "main", "major", "modern", "new", "northern", "open",
    "senior", "southern", "strong", "western", "wide",
];

impl Splitting {
    pub(super) fn for_stemmer(stemmer: Stemmer) -> Self {
        match stemmer {
            Stemmer::Russian => Self::Russian,
            Stemmer::English => Self::English,
            Stemmer::Azerbaijani => Self::Azerbaijani,
            _ => Self::Never,
        }
    }

    /// Whether a term may be found with words inside it at all. A name (a term written
    /// with a capital) takes fewer: see [`allows`](Self::allows).
    pub(super) fn splits(self) -> bool {
        self != Self::Never
    }

    /// Whether `gap`, the units standing at one place inside a term, may stand there.
    /// `after_preposition`: the term's word before the place is a function word ("head
    /// of … delegation"). `name`: the term is written with a capital ("Совет
    /// Безопасности"), which an inserted modifier would make another body ("Совет
    /// национальной безопасности"); a name takes only a coordinated word before its next
    /// one ("Ministry of Science and Education") and, in English, an article.
    pub(super) fn allows(self, gap: &[Unit], after_preposition: bool, name: bool) -> bool {
        use Unit::{Conjunction, Content, Determiner, Modifier};
        let coordinated_before = matches!(gap, [Modifier | Content, Conjunction]);
        if name {
            return match self {
                Self::Russian | Self::English => {
                    coordinated_before
                        || (self == Self::English && after_preposition && gap == [Determiner])
                }
                _ => false,
            };
        }
        match self {
            Self::Never => false,
            Self::Russian => {
                coordinated_before
                    || matches!(
                        gap,
                        [Modifier] | [Modifier, Modifier] | [Conjunction, Modifier]
                    )
            }
            Self::English => {
                coordinated_before
                    || matches!(
                        gap,
                        [Modifier]
                            | [Modifier, Modifier]
                            | [Content]
                            | [Modifier, Content]
                            | [Conjunction, Modifier | Content]
                    )
                    || (after_preposition
                        && matches!(gap, [Determiner] | [Determiner, Modifier | Content]))
            }
            Self::Azerbaijani => matches!(gap, [Conjunction, Content]),
        }
    }

    /// Whether the term's word `folded` is a function word ("of", "in"), after which an
    /// article may stand inside the term.
    pub(super) fn is_preposition(self, folded: &str) -> bool {
        self == Self::English && is_in(ENGLISH_FUNCTION_WORDS, folded)
    }

    /// Whether a word may stand before a term's word whose folded form is `folded`: not
    /// before a preposition or a conjunction of the term ("memorandum of understanding",
    /// "соглашение о сотрудничестве"); a modifier modifies what comes after it.
    pub(super) fn takes_modifier(self, folded: &str) -> bool {
        match self {
            Self::Never => false,
            // Russian prepositions and conjunctions have one or two letters, as do
            // pronouns; no noun or adjective of a term has.
            Self::Russian => folded.chars().count() > 2,
            Self::English => !is_in(ENGLISH_FUNCTION_WORDS, folded),
            Self::Azerbaijani => !is_in(AZERBAIJANI_FUNCTION_WORDS, folded),
        }
    }

    /// What the words of one compound, each as written and folded (one word, or the
    /// parts of a hyphenated compound), are as a unit standing inside a term; `None`
    /// when they may not stand there at all.
    pub(super) fn unit<'a>(
        self,
        parts: impl ExactSizeIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Option<Unit> {
        let count = parts.len();
        // Words begin with a letter or a digit; a number is never inside a term, nor a
        // word with a digit in it ("2024-го", "G20").
        let word = |w: &str| {
            w.chars().next().is_some_and(char::is_alphabetic)
                && !w.bytes().any(|b| b.is_ascii_digit())
        };
        if count == 0 || !parts.clone().all(|(written, _)| word(written)) {
            return None;
        }
        let (written, folded) = parts.last().expect("one part or more");
        let single = count == 1;
        let letters = folded.chars().count();
        match self {
            Self::Never => None,
            Self::Russian => {
                if single && RUSSIAN_CONJUNCTIONS.contains(&folded) {
                    Some(Unit::Conjunction)
                } else if ru::is_modifier(folded) {
                    Some(Unit::Modifier)
                } else if single && letters >= 3 && !is_in(RUSSIAN_FUNCTION_WORDS, folded) {
                    Some(Unit::Content)
                } else {
                    None
                }
            }
            Self::English => {
                if single && ENGLISH_CONJUNCTIONS.contains(&folded) {
                    Some(Unit::Conjunction)
                } else if single && is_in(ENGLISH_DETERMINERS, folded) {
                    Some(Unit::Determiner)
                } else if is_in(ENGLISH_FUNCTION_WORDS, folded) {
                    None
                } else if !single
                    || written.starts_with(char::is_uppercase)
                    || english_adjective(folded)
                {
                    Some(Unit::Modifier)
                } else {
                    // A word in -ed is a verb's past more often than a modifier
                    // ("the joint signed statement"), one in -ly an adverb.
                    let content = letters >= 2
                        && !folded.ends_with("ed")
                        && !folded.ends_with("ly")
                        && !is_in(ENGLISH_NOT_CONTENT, folded);
                    content.then_some(Unit::Content)
                }
            }
            Self::Azerbaijani => {
                if single && AZERBAIJANI_CONJUNCTIONS.contains(&folded) {
                    Some(Unit::Conjunction)
                } else if is_in(AZERBAIJANI_FUNCTION_WORDS, folded) || letters < 2 {
                    None
                } else {
                    Some(Unit::Content)
                }
            }
        }
    }

    /// Whether a modifier whose last word folded is `head` agrees with the term's words
    /// around it, each given as (folded text word, folded term's word, its rule).
    pub(super) fn agrees(
        self,
        head: &str,
        before: (&str, &str, WordRule),
        after: (&str, &str, WordRule),
    ) -> bool {
        fn inflected<'a>(
            (form, lemma, rule): (&'a str, &'a str, WordRule),
        ) -> Option<(&'a str, &'a str)> {
            (rule == WordRule::Inflected).then_some((form, lemma))
        }
        match (self, inflected(after)) {
            (Self::Russian, Some(after)) => ru::agrees(head, inflected(before), after),
            _ => true,
        }
    }
}

/// Whether a folded, lower-case English word reads as an adjective.
fn english_adjective(folded: &str) -> bool {
    if is_in(ENGLISH_ADJECTIVES, folded) {
        return true;
    }
    folded.chars().count() >= 5
        && ENGLISH_ADJECTIVE_ENDINGS
            .iter()
            .any(|e| folded.ends_with(e))
        && !folded.ends_with("ment")
        && !is_in(ENGLISH_NOT_ADJECTIVES, folded)
}

/// Whether `word` is in `sorted`, a sorted list.
fn is_in(sorted: &[&str], word: &str) -> bool {
    sorted.binary_search(&word).is_ok()
}

/// Whether `gap`, the text between two words, parts words of one phrase: spaces only.
pub(super) fn is_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

/// Whether `gap`, the text between two words, joins them into a compound: one hyphen
/// or an en dash, with no space ("российско-азербайджанский", "Russian–Azerbaijani").
pub(super) fn is_link(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2010}" | "\u{2011}" | "\u{2013}")
}

/// The word inserted at word `at` of a text, as the range of its words (a compound's
/// parts joined by [`is_link`]), when only a space parts it from the term's word before it
/// (which ends at byte `after`) and from a word after it. `word(i)` is word `i` of the
/// text with its byte offset.
pub(super) fn inserted_at<'t>(
    text: &str,
    word: impl Fn(usize) -> Option<(usize, &'t str)>,
    at: usize,
    after: usize,
) -> Option<std::ops::Range<usize>> {
    let (offset, first) = word(at)?;
    if !is_space(&text[after..offset]) {
        return None;
    }
    let mut end = at + 1;
    let mut end_byte = offset + first.len();
    loop {
        let (next, w) = word(end)?;
        let gap = &text[end_byte..next];
        if is_space(gap) {
            return Some(at..end);
        }
        if !is_link(gap) {
            return None;
        }
        end += 1;
        end_byte = next + w.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(splitting: Splitting, compound: &str) -> Option<Unit> {
        let lang = match splitting {
            Splitting::Russian => crate::lang::LanguageTag::parse("ru"),
            _ => crate::lang::LanguageTag::parse("en"),
        }
        .unwrap();
        let parts: Vec<(String, String)> = compound
            .split(['-', '–'])
            .map(|p| (p.to_string(), lang.fold(p)))
            .collect();
        splitting.unit(parts.iter().map(|(w, f)| (w.as_str(), f.as_str())))
    }

    fn modifier(splitting: Splitting, compound: &str) -> bool {
        unit(splitting, compound) == Some(Unit::Modifier)
    }

    #[test]
    fn the_word_lists_are_sorted() {
        for list in [
            ENGLISH_FUNCTION_WORDS,
            ENGLISH_NOT_ADJECTIVES,
            ENGLISH_ADJECTIVES,
            ENGLISH_DETERMINERS,
            ENGLISH_NOT_CONTENT,
            RUSSIAN_FUNCTION_WORDS,
            AZERBAIJANI_FUNCTION_WORDS,
        ] {
            assert!(list.is_sorted(), "{list:?}");
        }
    }

    #[test]
    fn modifiers_by_language() {
        for word in [
            "российско-азербайджанском",
            "всеобъемлющее",
            "Каспийского",
            "международного",
        ] {
            assert!(modifier(Splitting::Russian, word), "{word}");
        }
        for word in [
            "Баку",
            "форума",
            "и",
            "этого",
            "2024-го",
            "подписали",
            "Россия",
        ] {
            assert!(!modifier(Splitting::Russian, word), "{word}");
        }
        for word in [
            "Russian-Azerbaijani",
            "Azerbaijani–Russian",
            "comprehensive",
            "Caspian",
            "joint",
            "regional",
            "long-term",
            "UN",
        ] {
            assert!(modifier(Splitting::English, word), "{word}");
        }
        for word in [
            "the",
            "of",
            "and",
            "The",
            "several",
            "agreement",
            "signed",
            "meeting",
            "receive",
            "energy",
            "2024",
            "G20",
            "trade",
        ] {
            assert!(!modifier(Splitting::English, word), "{word}");
        }
        assert!(!modifier(Splitting::Never, "regional"));
    }

    #[test]
    fn an_inserted_word_stands_between_spaces() {
        let words = |text: &'static str| {
            let list: Vec<(usize, &str)> = crate::words::word_indices(text).collect();
            move |i: usize| list.get(i).copied()
        };
        let text = "the inter-regional Russian-Azerbaijani forum";
        assert_eq!(inserted_at(text, words(text), 3, 18), Some(3..5));
        // Not inside a compound of the term, nor at its end.
        assert_eq!(inserted_at(text, words(text), 2, 9), None);
        let last = "the regional Russian-Azerbaijani";
        assert_eq!(inserted_at(last, words(last), 2, 12), None);
        for text in [
            "regional, Russian forum",
            "regional Russian, forum",
            "regional — Russian forum",
            "regional (Russian) forum",
            "regional «Russian» forum",
        ] {
            assert_eq!(inserted_at(text, words(text), 1, 8), None, "{text}");
        }
        let tab = "regional\u{a0}Russian forum";
        assert_eq!(inserted_at(tab, words(tab), 1, 8), Some(1..2));
    }

    #[test]
    fn words_are_told_apart_for_what_may_stand_around_them() {
        use Unit::{Conjunction, Content, Determiner};
        for (splitting, word, want) in [
            (Splitting::English, "and", Some(Conjunction)),
            (Splitting::English, "the", Some(Determiner)),
            (Splitting::English, "her", Some(Determiner)),
            (Splitting::English, "energy", Some(Content)),
            (Splitting::English, "signed", None),
            (Splitting::English, "exactly", None),
            (Splitting::English, "five", None),
            (Splitting::English, "of", None),
            (Splitting::English, "2024", None),
            (Splitting::Russian, "и", Some(Conjunction)),
            (Splitting::Russian, "науки", Some(Content)),
            (Splitting::Russian, "этого", None),
            (Splitting::Russian, "в", None),
            (Splitting::Azerbaijani, "və", Some(Conjunction)),
            (Splitting::Azerbaijani, "humanitar", Some(Content)),
            (Splitting::Azerbaijani, "üzrə", None),
        ] {
            assert_eq!(unit(splitting, word), want, "{word}");
        }
    }

    #[test]
    fn places_inside_a_term_take_modifiers_coordinated_words_and_articles() {
        use Unit::{Conjunction, Content, Determiner, Modifier};
        let en = Splitting::English;
        assert!(en.allows(&[Conjunction, Modifier], false, false));
        assert!(en.allows(&[Content], false, false));
        assert!(en.allows(&[Content, Conjunction], false, false));
        assert!(en.allows(&[Determiner, Modifier], true, false));
        // An article only after a preposition of the term; never a conjunction alone,
        // nor two nouns.
        assert!(!en.allows(&[Determiner], false, false));
        assert!(!en.allows(&[Conjunction], false, false));
        assert!(!en.allows(&[Content, Content], false, false));
        // A name takes only a coordinated word before its next, or an article.
        assert!(en.allows(&[Content, Conjunction], false, true));
        assert!(en.allows(&[Determiner], true, true));
        assert!(!en.allows(&[Modifier], false, true));
        let ru = Splitting::Russian;
        assert!(ru.allows(&[Conjunction, Modifier], false, false));
        assert!(!ru.allows(&[Content], false, false));
        assert!(!ru.allows(&[Conjunction, Content], false, false));
        let az = Splitting::Azerbaijani;
        assert!(az.allows(&[Conjunction, Content], false, false));
        assert!(!az.allows(&[Content], false, false));
        assert!(!Splitting::Never.allows(&[Modifier], false, false));
    }
}
