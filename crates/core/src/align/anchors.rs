//! Lexical anchors: the tokens of one document that can vouch for a segment of another.
//!
//! A document is first [`prepare`]d: every segment becomes a list of token *types*
//! (distinct folded words, canonical numbers, mark classes), with lengths and paragraph
//! starts on the side. [`link_types`] then joins the types of two documents that mean the
//! same thing, each link with a weight that says how much a shared pair is worth:
//!
//! - numbers, by canonical value (`1,5` = `1.5`, `10 000` = `10,000`), and calendar and
//!   quantity words mapped to numbers (`сентября` = `September` = `sentyabr` = the 9 of
//!   `27.09.2018`; `млн` = `million` = `milyon`);
//! - punctuation classes (`?`, `!`, `:`, quotes of any style, parentheses, `%`);
//! - names and cognates, by phonetic key across scripts ([`super::translit`]).
//!
//! Learned word pairs and the caller's terms are added later by [`super::lexicon`].

use std::collections::HashMap;

use super::tokens::{TokenKind, tokenize};
use super::translit::{phonetic_key, similar};
use crate::document::Document;
use crate::lang::LanguageTag;

/// One distinct token of a document.
#[derive(Debug, Clone)]
pub(crate) struct TokenType {
    /// What kind of token it is.
    pub kind: TokenKind,
    /// The folded word, canonical number or mark class.
    pub text: String,
    /// Phonetic key of a word (empty for numbers and marks).
    pub key: String,
    /// Whether the word is mostly capitalised where a capital is not forced by the
    /// start of a segment: a name.
    pub name_like: bool,
}

/// A document reduced to what the aligner compares.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// The document's language.
    pub lang: LanguageTag,
    /// Length of each segment in characters (plus one for the space that joins it to the
    /// next, so merged sides add up).
    pub chars: Vec<u32>,
    /// Whether each segment opens a paragraph (the very first segment does not count).
    pub para_start: Vec<bool>,
    /// Token type ids of each segment, in text order.
    pub segments: Vec<Vec<u32>>,
    /// The distinct tokens.
    pub types: Vec<TokenType>,
}

/// Calendar and quantity words, by language, with the number they stand for. A folded
/// word matches an entry when it starts with the stem and adds at most `extra` letters
/// (case endings: сентября, sentyabrın).
struct QuantityWord {
    stem: &'static str,
    extra: usize,
    value: &'static str,
}

const fn q(stem: &'static str, extra: usize, value: &'static str) -> QuantityWord {
    QuantityWord { stem, extra, value }
}

const EN_QUANTITIES: &[QuantityWord] = &[
    q("january", 0, "month:1"),
    q("february", 0, "month:2"),
    q("march", 0, "month:3"),
    q("april", 0, "month:4"),
    q("june", 0, "month:6"),
    q("july", 0, "month:7"),
    q("august", 0, "month:8"),
    q("september", 0, "month:9"),
    q("october", 0, "month:10"),
    q("november", 0, "month:11"),
    q("december", 0, "month:12"),
    q("two", 0, "2"),
    q("three", 0, "3"),
    q("four", 0, "4"),
    q("five", 0, "5"),
    q("six", 0, "6"),
    q("seven", 0, "7"),
    q("eight", 0, "8"),
    q("nine", 0, "9"),
    q("ten", 0, "10"),
    q("hundred", 1, "x100"),
    q("thousand", 1, "x1000"),
    q("million", 1, "x1000000"),
    q("billion", 1, "x1000000000"),
    q("percent", 0, "%"),
];

const RU_QUANTITIES: &[QuantityWord] = &[
    q("январ", 2, "month:1"),
    q("феврал", 2, "month:2"),
    q("март", 2, "month:3"),
    q("апрел", 2, "month:4"),
    q("мая", 0, "month:5"),
    q("май", 0, "month:5"),
    q("июн", 2, "month:6"),
    q("июл", 2, "month:7"),
    q("август", 2, "month:8"),
    q("сентябр", 2, "month:9"),
    q("октябр", 2, "month:10"),
    q("ноябр", 2, "month:11"),
    q("декабр", 2, "month:12"),
    q("два", 0, "2"),
    q("две", 0, "2"),
    q("двух", 0, "2"),
    q("три", 0, "3"),
    q("трех", 0, "3"),
    q("четыре", 0, "4"),
    q("четырех", 0, "4"),
    q("пять", 0, "5"),
    q("пяти", 0, "5"),
    q("шест", 1, "6"),
    q("сем", 1, "7"),
    q("восем", 1, "8"),
    q("девят", 1, "9"),
    q("десят", 1, "10"),
    q("тыс", 4, "x1000"),
    q("млн", 0, "x1000000"),
    q("миллион", 3, "x1000000"),
    q("млрд", 0, "x1000000000"),
    q("миллиард", 3, "x1000000000"),
    q("процент", 3, "%"),
];

const AZ_QUANTITIES: &[QuantityWord] = &[
    q("yanvar", 4, "month:1"),
    q("fevral", 4, "month:2"),
    q("mart", 4, "month:3"),
    q("aprel", 4, "month:4"),
    q("may", 4, "month:5"),
    q("iyun", 4, "month:6"),
    q("iyul", 4, "month:7"),
    q("avqust", 4, "month:8"),
    q("sentyabr", 4, "month:9"),
    q("oktyabr", 4, "month:10"),
    q("noyabr", 4, "month:11"),
    q("dekabr", 4, "month:12"),
    q("iki", 0, "2"),
    q("üç", 0, "3"),
    q("dörd", 0, "4"),
    q("beş", 0, "5"),
    q("altı", 0, "6"),
    q("yeddi", 0, "7"),
    q("səkkiz", 0, "8"),
    q("doqquz", 0, "9"),
    q("yüz", 0, "x100"),
    q("min", 0, "x1000"),
    q("milyon", 4, "x1000000"),
    q("milyard", 4, "x1000000000"),
    q("faiz", 4, "%"),
];

/// The number a calendar or quantity word stands for, if it is one. English "May" counts
/// only when capitalised mid-sentence, as the verb is far more common.
fn quantity_word(word: &str, lang: &LanguageTag, capitalized: bool) -> Option<&'static str> {
    if lang.primary() == "en" && word == "may" {
        return capitalized.then_some("month:5");
    }
    let table = match lang.primary() {
        "en" => EN_QUANTITIES,
        "ru" => RU_QUANTITIES,
        "az" => AZ_QUANTITIES,
        _ => return None,
    };
    table
        .iter()
        .find(|e| {
            word.strip_prefix(e.stem)
                .is_some_and(|rest| rest.chars().count() <= e.extra)
        })
        .map(|e| e.value)
}

/// Reduce a document to lengths, paragraph starts and token types.
pub(crate) fn prepare(doc: &Document) -> Prepared {
    let mut index: HashMap<(TokenKind, String), u32> = HashMap::new();
    let mut types: Vec<TokenType> = Vec::new();
    // Per type: capitalised occurrences not at a segment start, and lower-case ones.
    let mut case_votes: Vec<(u32, u32)> = Vec::new();
    let mut segments = Vec::with_capacity(doc.segments.len());
    let mut chars = Vec::with_capacity(doc.segments.len());
    let mut para_start = Vec::with_capacity(doc.segments.len());
    let mut last_paragraph = None;
    for segment in &doc.segments {
        let text = segment.text(&doc.text);
        chars.push(text.chars().count() as u32 + 1);
        para_start.push(last_paragraph.is_some_and(|p| p != segment.paragraph));
        last_paragraph = Some(segment.paragraph);
        let mut ids = Vec::new();
        for (position, token) in tokenize(text, &doc.lang).into_iter().enumerate() {
            let (kind, text) = match token.kind {
                TokenKind::Word => {
                    match quantity_word(&token.text, &doc.lang, token.capitalized && position > 0) {
                        Some(v) if v == "%" => (TokenKind::Mark, v.to_string()),
                        Some(v) => (TokenKind::Number, v.to_string()),
                        None => (TokenKind::Word, token.text),
                    }
                }
                kind => (kind, token.text),
            };
            let id = *index.entry((kind, text.clone())).or_insert_with(|| {
                let key = if kind == TokenKind::Word {
                    phonetic_key(&text, &doc.lang)
                } else {
                    String::new()
                };
                types.push(TokenType {
                    kind,
                    text,
                    key,
                    name_like: false,
                });
                case_votes.push((0, 0));
                (types.len() - 1) as u32
            });
            if kind == TokenKind::Word {
                let votes = &mut case_votes[id as usize];
                if !token.capitalized {
                    votes.1 += 1;
                } else if position > 0 {
                    votes.0 += 1;
                }
            }
            ids.push(id);
        }
        segments.push(ids);
    }
    for (t, (upper, lower)) in types.iter_mut().zip(case_votes) {
        t.name_like = upper > lower;
    }
    Prepared {
        lang: doc.lang.clone(),
        chars,
        para_start,
        segments,
        types,
    }
}

/// Links from the types of one document to those of another: `by_a[t]` lists
/// `(type of b, reliability)` for type `t` of a, most reliable first. The reliability
/// is the share of translations expected to keep the partner (a number is nearly always
/// kept; a cognate often is, a learned pair less so).
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Links of each type of the first document.
    pub by_a: Vec<Vec<(u32, f32)>>,
}

/// How reliably a number survives translation: a digit may also be spelt out.
fn number_weight(text: &str) -> f32 {
    if text.starts_with("month:") || text.len() == 1 {
        0.8
    } else {
        0.9
    }
}

/// How reliably a punctuation mark survives translation.
fn mark_weight(text: &str) -> f32 {
    match text {
        "?" | "%" => 0.85,
        "\"" => 0.75,
        "!" => 0.7,
        "(" => 0.6,
        ":" => 0.5,
        _ => 0.3,
    }
}

/// The most links a type keeps.
const MAX_LINKS: usize = 4;

/// Reliability of a name match and of a cognate match at full similarity.
const NAME_WEIGHT: f32 = 0.85;
const COGNATE_WEIGHT: f32 = 0.6;

impl Links {
    /// No links at all, for the types of `a`.
    pub fn none(a: &Prepared) -> Self {
        Self {
            by_a: vec![Vec::new(); a.types.len()],
        }
    }

    /// Add a link, keeping the larger reliability when it exists already.
    pub fn add(&mut self, a: u32, b: u32, weight: f32) {
        let list = &mut self.by_a[a as usize];
        match list.iter_mut().find(|(t, _)| *t == b) {
            Some(entry) => entry.1 = entry.1.max(weight),
            None => list.push((b, weight)),
        }
    }

    /// Sort every type's links best first, so greedy matching takes the strongest,
    /// and keep the best [`MAX_LINKS`]: a word with more look-alikes than that is too
    /// common a shape to tell anything.
    pub fn sort(&mut self) {
        for list in &mut self.by_a {
            list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            list.truncate(MAX_LINKS);
        }
    }
}

/// Link the types of `a` to those of `b` by number, mark and phonetic similarity.
pub(crate) fn link_types(a: &Prepared, b: &Prepared) -> Links {
    let mut links = Links {
        by_a: vec![Vec::new(); a.types.len()],
    };
    let mut exact: HashMap<(TokenKind, &str), u32> = HashMap::new();
    // Words of b blocked by the first two letters of their key.
    let mut blocks: HashMap<&str, Vec<u32>> = HashMap::new();
    for (id, t) in b.types.iter().enumerate() {
        match t.kind {
            TokenKind::Word => {
                if let Some((cut, _)) = t.key.char_indices().nth(2) {
                    blocks.entry(&t.key[..cut]).or_default().push(id as u32);
                }
            }
            kind => {
                exact.insert((kind, &t.text), id as u32);
            }
        }
    }
    for (id, t) in a.types.iter().enumerate() {
        let id = id as u32;
        match t.kind {
            TokenKind::Word => {
                let Some((cut, _)) = t.key.char_indices().nth(2) else {
                    continue;
                };
                for &other in blocks.get(&t.key[..cut]).into_iter().flatten() {
                    let u = &b.types[other as usize];
                    let Some(sim) = similar(&t.key, &u.key, t.name_like && u.name_like) else {
                        continue;
                    };
                    // A name matches a common word only when the spelling all but agrees.
                    if t.name_like != u.name_like && sim < 0.95 {
                        continue;
                    }
                    let full = if t.name_like && u.name_like {
                        NAME_WEIGHT
                    } else {
                        COGNATE_WEIGHT
                    };
                    links.add(id, other, full * ((sim - 0.8) / 0.2).clamp(0.5, 1.0));
                }
            }
            TokenKind::Number => {
                if let Some(&other) = exact.get(&(t.kind, t.text.as_str())) {
                    links.add(id, other, number_weight(&t.text));
                }
            }
            TokenKind::Mark => {
                if let Some(&other) = exact.get(&(t.kind, t.text.as_str())) {
                    links.add(id, other, mark_weight(&t.text));
                }
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::presegmented;

    pub(crate) fn doc(lang: &str, text: &str) -> Document {
        Document {
            name: lang.to_string(),
            lang: LanguageTag::parse(lang).unwrap(),
            text: text.to_string(),
            segments: presegmented(text),
        }
    }

    /// The b words linked to the a word `word`.
    fn linked(a: &Prepared, b: &Prepared, links: &Links, word: &str) -> Vec<String> {
        let id = a.types.iter().position(|t| t.text == word).unwrap();
        links.by_a[id]
            .iter()
            .map(|&(t, _)| b.types[t as usize].text.clone())
            .collect()
    }

    #[test]
    fn dates_and_quantities_meet_across_languages() {
        let ru = prepare(&doc(
            "ru",
            "Встреча 27 сентября 2018 года, 1,5 млн человек?",
        ));
        let en = prepare(&doc("en", "The meeting on 27.09.2018: 1.5 million people?"));
        let links = link_types(&ru, &en);
        assert_eq!(linked(&ru, &en, &links, "month:9"), ["month:9"]);
        assert_eq!(linked(&ru, &en, &links, "2018"), ["2018"]);
        assert_eq!(linked(&ru, &en, &links, "1.5"), ["1.5"]);
        assert_eq!(linked(&ru, &en, &links, "x1000000"), ["x1000000"]);
        assert_eq!(linked(&ru, &en, &links, "?"), ["?"]);
    }

    #[test]
    fn names_link_across_scripts_but_not_to_common_words() {
        let ru = prepare(&doc(
            "ru",
            "Вчера Ильхам Алиев прибыл в Баку, сказал президент.",
        ));
        let az = prepare(&doc(
            "az",
            "Dünən İlham Əliyev Bakıya gəldi, prezident dedi.",
        ));
        let en = prepare(&doc(
            "en",
            "Yesterday Ilham Aliyev arrived in Baku with a book.",
        ));
        let ru_az = link_types(&ru, &az);
        assert_eq!(linked(&ru, &az, &ru_az, "алиев"), ["əliyev"]);
        assert_eq!(linked(&ru, &az, &ru_az, "ильхам"), ["ilham"]);
        assert_eq!(linked(&ru, &az, &ru_az, "баку"), ["bakıya"]);
        assert_eq!(linked(&ru, &az, &ru_az, "президент"), ["prezident"]);
        let ru_en = link_types(&ru, &en);
        assert_eq!(linked(&ru, &en, &ru_en, "баку"), ["baku"]);
        assert!(linked(&ru, &en, &ru_en, "вчера").is_empty());
    }

    #[test]
    fn paragraph_starts_and_lengths_are_recorded() {
        let p = prepare(&doc("en", "One.\nTwo.\n\nThree."));
        assert_eq!(p.para_start, [false, false, true]);
        assert_eq!(p.chars, [5, 5, 7]);
    }
}
