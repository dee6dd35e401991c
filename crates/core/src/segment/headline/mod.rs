//! Headline boundaries: where a title or subheading without final punctuation runs into
//! the next sentence on the same line ("…on changing country's name Voters will vote…").
//!
//! No SRX rule can find these: the only mark is a capital after a lower-case word, and in
//! running text that is usually a proper name ("прибыл в Баку", "said President Trump").
//! What tells the two apart is evidence from the rest of the document, which a rule that
//! sees 256 bytes around one position cannot weigh. So this is a separate step after the
//! rules, on by default for the built-in rules only: a user's SRX file gets exactly what
//! it says unless [`Segmenter::with_headline_breaks`](super::Segmenter::with_headline_breaks)
//! asks for it.
//!
//! A gap between two words on one line becomes a boundary when the word before it ends in
//! a letter (no punctuation), the word after it is capitalised and is not an acronym, an
//! abbreviation or an opening quotation, and one of these holds:
//!
//! - the word after is a **sentence starter** of the language: a short list of function
//!   words (pronouns, prepositions, conjunctions, determiners, numerals, sentence adverbs)
//!   that are not names;
//! - the word after is a **common word**: the document also writes it in lower case, in
//!   some inflected form (compared by [stem keys](crate::stem::Stemmer); in English also
//!   as the verb of an agent noun, "Voters" beside "vote"), and capitalises it nowhere
//!   else inside a sentence: "Voters" after a headline is the "voters" of the article,
//!   while "Юго-Запада" capitalised twice mid-sentence is a name even if "юго-запада"
//!   occurs too;
//! - in Azerbaijani, which puts the verb last, the word before is a **finite verb** with
//!   an ending no noun shares (evidential past "-ıb", plural past "-dılar", "-malıdır"):
//!   the sentence ends there whatever follows ("…dörd nəfər saxlanılıb Somersetdə…").
//!
//! Guards keep names whole; each exists because a name looks exactly like a sentence
//! start here:
//!
//! - the word before cannot end a sentence (a preposition, article or conjunction: "в
//!   Москве", "in The Guardian", "və Bakı");
//! - a common word followed by another capital opens a name or is a title before one
//!   ("said President Trump", "Şimali Makedoniya", "Европейский Союз"). It starts a
//!   sentence only where titles are written in lower case (Russian, Azerbaijani) and the
//!   text shows the word is no part of a name: it writes it small before a name
//!   elsewhere ("президент Дональд Трамп"), or, in Russian, whose adjectives show by
//!   their endings, it is a noun before a word never written small ("…зрителей Показания
//!   Бретта Кавано…"): a Russian name capitalises its first word only, unless the next
//!   is a name itself, and adjectives open geographic names ("Северная Корея");
//! - a Russian adjective in the genitive continues a name ("поместий Шотландского
//!   нагорья", "решения Верховного суда"); sentences seldom open with one;
//! - sentence starters may precede a name ("В Барселоне прошёл…"), except articles and
//!   possessives, which make a name or honorific of it ("The Guardian", "Её Величества");
//!   "The" before an acronym is still a sentence start ("…their minds The FBI…");
//! - a sentence does not start inside brackets or guillemets opened after the last final
//!   punctuation ("(Drought Areas May Benefit)", "«Сказал Президент»");
//! - after a capitalised word only sentence starters count, and only when a lower-case
//!   word follows them or the name after them ("…Geiger Counter And now…", "…West Virginia The
//!   President obliquely…"): English headlines capitalise every major word ("Why Trump
//!   Will Win", "Dies To Ensure Hundreds On Plane"), and a numeral or "A" after a name is
//!   part of it ("World War Two", "Group A").
//!
//! Russian, Azerbaijani (Latin script) and English have word lists; other languages get
//! no headline boundaries.

use std::collections::{HashMap, HashSet};

use crate::lang::LanguageTag;
use crate::stem::Stemmer;
use words::{AZERBAIJANI, ENGLISH, RUSSIAN};

mod words;

/// The headline step for one language: its word lists and stemmer.
#[derive(Debug, Clone)]
pub(super) struct HeadlineRules {
    lang: LanguageTag,
    stemmer: Stemmer,
    starters: HashSet<&'static str>,
    non_final: HashSet<&'static str>,
    name_openers: HashSet<&'static str>,
    /// Words a title-case headline leaves in lower case; empty for languages without
    /// title case.
    title_case_words: HashSet<&'static str>,
    final_verb_endings: Vec<&'static str>,
    adjective_endings: Vec<&'static str>,
    genitive_adjective_endings: Vec<&'static str>,
    agent_suffixes: Vec<&'static str>,
}

impl HeadlineRules {
    /// The rules for `lang`, if it has word lists.
    pub(super) fn for_language(lang: &LanguageTag) -> Option<Self> {
        let cyrillic = lang.as_str().split('-').any(|subtag| subtag == "Cyrl");
        let lists = match lang.primary() {
            "ru" => &RUSSIAN,
            "az" if !cyrillic => &AZERBAIJANI,
            "en" => &ENGLISH,
            _ => return None,
        };
        let set = |words: &'static str| words.split_whitespace().collect::<HashSet<_>>();
        Some(Self {
            lang: lang.clone(),
            stemmer: Stemmer::for_language(&LanguageTag::parse(lang.primary()).ok()?),
            starters: set(lists.starters),
            non_final: set(lists.non_final),
            name_openers: set(lists.name_openers),
            title_case_words: set(lists.title_case_words),
            final_verb_endings: lists.final_verb_endings.split_whitespace().collect(),
            adjective_endings: lists.adjective_endings.split_whitespace().collect(),
            genitive_adjective_endings: lists
                .genitive_adjective_endings
                .split_whitespace()
                .collect(),
            agent_suffixes: lists.agent_suffixes.split_whitespace().collect(),
        })
    }

    /// What `text` (the whole text being split) says about its words.
    pub(super) fn evidence(&self, text: &str) -> Evidence {
        // Count surface forms first, then stem each distinct form once: folding and
        // stemming every token would dominate the time of the whole segmentation.
        let mut lower_words = HashSet::new();
        let mut named_words: HashMap<&str, usize> = HashMap::new();
        let mut before_name_words = HashSet::new();
        for line in text.lines() {
            let mut sentence_start = true;
            let mut bare_lower: Option<&str> = None;
            for token in line.split_whitespace() {
                let word = leading_word(token.trim_start_matches(is_opening));
                if let Some(word) = word {
                    if starts_lower(word) {
                        lower_words.insert(word);
                    } else if starts_upper(word) && !sentence_start {
                        *named_words.entry(word).or_default() += 1;
                        before_name_words.extend(bare_lower);
                    }
                }
                bare_lower = word.filter(|w| w.len() == token.len() && starts_lower(w));
                sentence_start = ends_clause(token);
            }
        }
        let mut keys = KeyCache::default();
        let mut lower = HashSet::new();
        for word in lower_words {
            lower.extend(
                keys.get(&self.stemmer, &self.lang.fold(word))
                    .iter()
                    .cloned(),
            );
        }
        let mut capitalised: HashMap<String, usize> = HashMap::new();
        for (word, count) in named_words {
            for key in keys.get(&self.stemmer, &self.lang.fold(word)) {
                *capitalised.entry(key.clone()).or_default() += count;
            }
        }
        let mut before_names = HashSet::new();
        for word in before_name_words {
            before_names.extend(
                keys.get(&self.stemmer, &self.lang.fold(word))
                    .iter()
                    .cloned(),
            );
        }
        Evidence {
            keys,
            lower,
            capitalised,
            before_names,
        }
    }

    /// Byte offsets in `paragraph` where a headline ends and a sentence begins: the start
    /// of the sentence's first word.
    pub(super) fn breaks(&self, paragraph: &str, evidence: &mut impl WordEvidence) -> Vec<usize> {
        let tokens = tokens(paragraph);
        let mut out = Vec::new();
        let mut brackets = 0i32;
        for (i, pair) in tokens.windows(2).enumerate() {
            let (before, (start, word)) = (pair[0], pair[1]);
            brackets = if ends_sentence(before.1) {
                0
            } else {
                brackets + bracket_balance(before.1)
            };
            if brackets > 0 {
                continue; // Inside brackets or guillemets the sentence goes on.
            }
            if paragraph[before.0 + before.1.len()..start].contains('\n') {
                continue; // The line rules decide at line breaks.
            }
            let next = tokens.get(i + 2).map(|t| t.1);
            let next_after = tokens.get(i + 3).map(|t| t.1);
            if self.starts_sentence(before.1, word, next, next_after, evidence) {
                out.push(start);
            }
        }
        out
    }

    /// Whether `token`, after `before` and followed by `next`, opens a sentence.
    fn starts_sentence(
        &self,
        before: &str,
        token: &str,
        next: Option<&str>,
        next_after: Option<&str>,
        evidence: &mut impl WordEvidence,
    ) -> bool {
        // Most gaps precede a lower-case word: rule those out before any allocation.
        let Some(word) = leading_word(token) else {
            return false; // An opening quote or bracket, a number: not evidence.
        };
        if !starts_upper(word) || is_acronym(word) || is_abbreviation(word, &token[word.len()..]) {
            return false;
        }
        if !before.trim_end_matches(is_closing).ends_with(is_letter) {
            return false;
        }
        let Some(previous) = leading_word(before.trim_matches(is_edge_punctuation)) else {
            return false;
        };
        if self.non_final.contains(self.lang.fold(previous).as_str()) {
            return false;
        }
        let folded = self.lang.fold(word);
        let starter = self.starters.contains(folded.as_str());
        if word.chars().count() <= 2 && !starter {
            return false; // Initials and short names: "Ye", "Li", "Xi".
        }
        let next_word = next
            .map(|t| t.trim_start_matches(is_opening))
            .and_then(leading_word);
        // A name continues only when the word has nothing after it ("Trump," ends it).
        let next_capitalised = word.len() == token.len() && next_word.is_some_and(starts_upper);
        let next_lower = next_word.is_some_and(starts_lower);
        if !starts_lower(previous) {
            if !starter {
                return false;
            }
            if next_lower {
                return self.starts_after_capital(&folded, next_word);
            }
            // A starter and a name after a capitalised word: a sentence start when a
            // lower-case word follows the name, which no title-case run has ("…and ITV У
            // Уиллоуби нет…", "…West Virginia The President obliquely…"). "The" is the one
            // name opener allowed here: after a capital there is no verb for it to follow
            // as in "said The Guardian".
            let after_name = next_after
                .map(|t| t.trim_start_matches(is_opening))
                .and_then(leading_word);
            return next_capitalised
                && (folded == "the" || !self.name_openers.contains(folded.as_str()))
                && after_name.is_some_and(starts_lower)
                && self.starts_after_capital(&folded, after_name);
        }
        if !next_capitalised && self.is_final_verb(previous) {
            return true;
        }
        if starter {
            if next_capitalised && self.name_openers.contains(folded.as_str()) {
                return folded == "the" && next_word.is_some_and(is_acronym);
            }
            return true;
        }
        // A genitive adjective continues a name ("поместий Шотландского нагорья",
        // "решения Верховного суда"); a sentence seldom opens with one.
        if ends_with_any(&folded, &self.genitive_adjective_endings) {
            return false;
        }
        // A common word before a capital opens a name or is a title before one; see the
        // module doc for when the text shows it starts a sentence instead.
        if next_capitalised {
            if !self.title_case_words.is_empty() || !self.is_common_word(evidence, &folded) {
                return false;
            }
            let noun_before_name = !self.adjective_endings.is_empty()
                && !ends_with_any(&folded, &self.adjective_endings)
                && next_word.is_some_and(|next| {
                    !evidence.is_written_lower(&self.stemmer, &self.lang.fold(next))
                });
            return noun_before_name || evidence.introduces_names(&self.stemmer, &folded);
        }
        self.is_common_word(evidence, &folded)
    }

    /// Whether `folded` (capitalised after a lower-case word) is a common word: the text
    /// writes it in lower case somewhere, in some inflected form or, for a plural English
    /// agent noun, as the verb it is made from ("Voters" beside "vote", which the stemmer
    /// keeps apart; singular ones are common surnames: Parker, Walker), and capitalises it
    /// inside a sentence nowhere else.
    fn is_common_word(&self, evidence: &mut impl WordEvidence, folded: &str) -> bool {
        if evidence.is_named_elsewhere(&self.stemmer, folded) {
            return false;
        }
        if evidence.is_written_lower(&self.stemmer, folded) {
            return true;
        }
        let Some(singular) = folded.strip_suffix('s') else {
            return false;
        };
        self.agent_suffixes.iter().any(|suffix| {
            singular.strip_suffix(suffix).is_some_and(|verb| {
                verb.chars().count() >= 3 && evidence.is_written_lower(&self.stemmer, verb)
            })
        })
    }

    /// Whether `word` is a finite verb that ends its sentence in a verb-final language: a
    /// capitalised word after it starts the next one, name or not ("…dörd nəfər
    /// saxlanılıb Somersetdə…"). A converb in "-ıb" can also stand before a name inside
    /// a sentence, but then mostly before a full name, which the caller leaves whole.
    fn is_final_verb(&self, word: &str) -> bool {
        // Only the ending is compared: "İ" and "I" cannot occur in a lower-case word.
        word.chars().count() >= 4 && ends_with_any(word, &self.final_verb_endings)
    }

    /// Whether a starter after a capitalised word opens a sentence: in title-case
    /// languages only the words a title leaves in lower case do, and never "a" or a
    /// numeral, which label what precedes them ("Group A", "World War Two").
    fn starts_after_capital(&self, folded: &str, next_word: Option<&str>) -> bool {
        if self.title_case_words.is_empty() {
            return true;
        }
        let next = next_word.map(|w| self.lang.fold(w)).unwrap_or_default();
        folded != "a" && !is_numeral(folded) && !self.title_case_words.contains(next.as_str())
    }
}

/// What a text says about a capitalised word found after a lower-case one.
pub(super) trait WordEvidence {
    /// Whether the text writes `folded` in lower case somewhere, in any inflected form.
    fn is_written_lower(&mut self, stemmer: &Stemmer, folded: &str) -> bool;

    /// Whether the text capitalises `folded` (in any inflected form) inside a sentence
    /// somewhere else than at the position asked about, which counts once.
    fn is_named_elsewhere(&mut self, stemmer: &Stemmer, folded: &str) -> bool;

    /// Whether the text writes `folded`, in lower case, right before a capitalised word:
    /// a title or noun that introduces names ("президент Дональд Трамп").
    fn introduces_names(&mut self, stemmer: &Stemmer, folded: &str) -> bool;
}

/// What one text says about its words, gathered in one pass: which it writes in lower
/// case, and which it capitalises inside sentences.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    keys: KeyCache,
    /// Stem keys of lower-case words.
    lower: HashSet<String>,
    /// Stem keys of capitalised words not at a sentence start, with their counts.
    capitalised: HashMap<String, usize>,
    /// Stem keys of lower-case words written right before a capitalised word.
    before_names: HashSet<String>,
}

impl WordEvidence for Evidence {
    fn is_written_lower(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = self.keys.get(stemmer, folded);
        keys.iter().any(|k| self.lower.contains(k))
    }

    fn is_named_elsewhere(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = self.keys.get(stemmer, folded);
        keys.iter()
            .any(|k| self.capitalised.get(k).is_some_and(|&n| n > 1))
    }

    fn introduces_names(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = self.keys.get(stemmer, folded);
        keys.iter().any(|k| self.before_names.contains(k))
    }
}

/// Stem keys of folded words, computed once per distinct word.
#[derive(Debug, Default)]
struct KeyCache(HashMap<String, Vec<String>>);

impl KeyCache {
    fn get(&mut self, stemmer: &Stemmer, folded: &str) -> &Vec<String> {
        if !self.0.contains_key(folded) {
            let mut keys = stemmer.keys(folded);
            keys.sort();
            keys.dedup();
            self.0.insert(folded.to_string(), keys);
        }
        &self.0[folded]
    }
}

/// Whitespace-separated tokens of `text` with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    text.split_whitespace()
        .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
        .collect()
}

/// The word `token` starts with: a letter, then letters, digits, and apostrophes or
/// hyphens between them ("it's", "Юго-Запада", "ABŞ-ın"); `None` if it starts otherwise.
fn leading_word(token: &str) -> Option<&str> {
    let mut chars = token.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !is_letter(first) {
        return None;
    }
    let mut end = first.len_utf8();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-')
            && chars
                .peek()
                .is_some_and(|&(_, n)| is_letter(n) || n.is_ascii_digit());
        if !(is_letter(c) || c.is_ascii_digit() || joins) {
            break;
        }
        end = i + c.len_utf8();
    }
    Some(&token[..end])
}

/// Whether `c` is a letter, answered without Unicode table look-ups for the Latin and
/// Cyrillic letters that make up nearly all of the text: every word of the text passes
/// through here, and the general look-up dominated the step's time.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'Ѐ'..='ӿ' => true,
        '×' | '÷' => false,
        'À'..='ɏ' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

fn ends_with_any(word: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| word.ends_with(e))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Two or more letters, all capitals ("ITV", "США"): an acronym, which is a name.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic());
    word.chars().count() > 1 && letters.clone().all(char::is_uppercase)
}

/// Whether `word` followed by `rest` of its token is an abbreviation ("A.I.", "No.1",
/// "Sen."), which the SRX rules have already judged.
fn is_abbreviation(word: &str, rest: &str) -> bool {
    let Some(after_dot) = rest.strip_prefix('.') else {
        return false;
    };
    after_dot.starts_with(char::is_alphanumeric) || word.chars().count() <= 3
}

fn is_numeral(folded: &str) -> bool {
    const NUMERALS: &str = "one two three four five six seven eight nine ten";
    NUMERALS.split(' ').any(|n| n == folded)
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '„' | '“' | '‘' | '(' | '[')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '“' | '’' | ')' | ']')
}

fn is_edge_punctuation(c: char) -> bool {
    is_opening(c) || is_closing(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…')
}

/// Brackets and guillemets `token` opens, less those it closes.
fn bracket_balance(token: &str) -> i32 {
    token
        .chars()
        .map(|c| match c {
            '(' | '[' | '«' => 1,
            ')' | ']' | '»' => -1,
            _ => 0,
        })
        .sum()
}

/// Whether `token` ends in final punctuation, possibly inside closing quotes or brackets.
fn ends_sentence(token: &str) -> bool {
    token
        .trim_end_matches(is_closing)
        .ends_with(['.', '?', '!', '…'])
}

/// Whether the word after `token` starts a clause: after final punctuation, a colon or a
/// dash, a capital says nothing about being a name.
fn ends_clause(token: &str) -> bool {
    token
        .trim_end_matches(is_closing)
        .ends_with(['.', '?', '!', '…', ':', ';', '—', '–', '-'])
}

#[cfg(test)]
mod tests;
