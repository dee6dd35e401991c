//! Sentence segmentation with SRX 2.0 rules.
//!
//! A [`Segmenter`] cuts a text in two stages:
//!
//! 1. **Paragraphs.** A blank line (only whitespace between two line breaks) always ends
//!    a paragraph; no rule can join across it.
//! 2. **Rules.** Inside a paragraph, SRX rules decide every other boundary: the rules of
//!    every `languagemap` whose pattern matches the language, concatenated in map order
//!    when the header says `cascade="yes"` (only the first map's otherwise), and at each
//!    position the first rule whose `beforebreak` and `afterbreak` both match decides.
//!    Line breaks inside a paragraph are ordinary text to the rules; the built-in ones end
//!    a segment at a line break unless the next line continues the sentence in lower case,
//!    so headlines and list items without final punctuation stand on their own.
//!
//! Segments are byte spans into the text, trimmed of surrounding whitespace: the text is
//! never rewritten.
//!
//! The built-in rules live in `builtin.srx` (Russian, Azerbaijani in Latin and Cyrillic
//! script, English, and common rules every language gets); [`builtin_srx`] exports them
//! so a translator can adjust them in any SRX editor and load them back with
//! [`Segmenter::from_srx`].
//!
//! ```
//! use dragoman_core::{LanguageTag, segment::Segmenter};
//!
//! let ru = LanguageTag::parse("ru").unwrap();
//! let text = "В.В. Путин прибыл в г. Баку. Переговоры продлились 3,5 часа.";
//! let segments = Segmenter::builtin(&ru).split(text);
//! let sentences: Vec<_> = segments.iter().map(|s| s.text(text)).collect();
//! assert_eq!(sentences, ["В.В. Путин прибыл в г. Баку.", "Переговоры продлились 3,5 часа."]);
//! ```

mod lines;
mod pattern;
mod rules;
mod srx;

pub use lines::presegmented;

use crate::{document::Segment, lang::LanguageTag};
use rules::{NamedRule, RuleEngine};

/// The built-in rules, as data a translator can read and export.
const BUILTIN_SRX: &str = include_str!("builtin.srx");

/// Splits one language's texts into segments with SRX rules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: LanguageTag,
    engine: RuleEngine,
}

/// Why segmentation rules could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentError {
    /// The file is not well-formed XML.
    #[error("line {line}: malformed XML: {reason}")]
    MalformedXml {
        /// Line of the error (1-based).
        line: usize,
        /// What the XML parser found wrong.
        reason: String,
    },
    /// The document's root element is not `srx`.
    #[error("line {line}: not an SRX document (root element is <{found}>, expected <srx>)")]
    NotSrx {
        /// Line of the root element (1-based).
        line: usize,
        /// The root element found instead.
        found: String,
    },
    /// An SRX element is unknown or sits where SRX does not allow it.
    #[error("line {line}: unexpected <{element}> inside <{parent}>")]
    UnexpectedElement {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: String,
        /// The element it was found in.
        parent: String,
    },
    /// Text appears where SRX only allows elements.
    #[error("line {line}: unexpected text inside <{element}>")]
    UnexpectedText {
        /// Line of the text (1-based).
        line: usize,
        /// The element holding the text.
        element: String,
    },
    /// An element lacks an attribute SRX requires.
    #[error("line {line}: <{element}> has no {attribute} attribute")]
    MissingAttribute {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: String,
        /// The missing attribute.
        attribute: &'static str,
    },
    /// A yes/no attribute has another value.
    #[error("line {line}: <{element} {attribute}=\"{value}\">: expected yes or no")]
    InvalidAttribute {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: &'static str,
        /// The attribute's name.
        attribute: &'static str,
        /// The value found.
        value: String,
    },
    /// A `languagemap` names a `languagerule` the file does not define.
    #[error("line {line}: languagemap refers to languagerule {name:?}, which is not defined")]
    UnknownRuleSet {
        /// Line of the `languagemap` (1-based).
        line: usize,
        /// The rule set name it refers to.
        name: String,
    },
    /// A `languagemap`'s `languagepattern` is not a valid regex.
    #[error("line {line}: languagepattern {pattern:?} is not a valid regex: {reason}")]
    InvalidLanguagePattern {
        /// Line of the `languagemap` (1-based).
        line: usize,
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rule uses a Java/ICU regex construct with no equivalent here.
    #[error(
        "{rule}: {pattern:?} uses {construct}, which Dragoman cannot run; rewrite the rule without it"
    )]
    UnsupportedPattern {
        /// Which rule, e.g. `rule 3 of languagerule "English" (line 40), beforebreak`.
        rule: String,
        /// The pattern as written.
        pattern: String,
        /// The construct, e.g. "a look-behind (?<=…) or (?<!…)".
        construct: &'static str,
    },
    /// A rule's regex does not compile.
    #[error("{rule}: {pattern:?} is not a valid regex: {reason}")]
    InvalidPattern {
        /// Which rule, e.g. `rule 3 of languagerule "English" (line 40), afterbreak`.
        rule: String,
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No `languagemap` of the file matches the language.
    #[error("no languagemap matches language {lang}; add one (e.g. languagepattern=\".*\")")]
    NoRulesForLanguage {
        /// The language asked for.
        lang: String,
    },
}

impl Segmenter {
    /// The built-in rules for `lang`: Russian, Azerbaijani (Latin and Cyrillic) and
    /// English have their own abbreviation rules; every other language gets the common
    /// rules (sentence punctuation, quotes, initials, lines and lists).
    pub fn builtin(lang: &LanguageTag) -> Self {
        // The built-in file is a constant checked by this module's tests for every
        // language it maps, so failing here would be a bug in this crate, not bad input.
        Self::from_srx(BUILTIN_SRX, lang).expect("the built-in SRX rules are valid")
    }

    /// The rules an SRX 2.0 document gives `lang`: every `languagemap` whose
    /// `languagepattern` matches the whole tag (case-insensitively, as `az` or in its
    /// explicit-script form `az-Latn`) contributes its rules, in map order; with
    /// `cascade="no"` only the first matching map does (a header without `cascade` counts
    /// as cascading, as in the Java `segment` library most SRX tools build on). It is an
    /// error when no map matches, since segmenting nothing would look like success.
    pub fn from_srx(srx: &str, lang: &LanguageTag) -> Result<Self, SegmentError> {
        let doc = srx::parse(srx)?;
        let forms = tag_forms(lang);
        let mut selected = Vec::new();
        let mut matched = false;
        for map in &doc.maps {
            let pattern = pattern::translate(&map.pattern).map_err(|construct| {
                SegmentError::InvalidLanguagePattern {
                    line: map.line,
                    pattern: map.pattern.clone(),
                    reason: format!("uses {construct}"),
                }
            })?;
            let re = regex::Regex::new(&format!("(?i)^(?:{pattern})$")).map_err(|e| {
                SegmentError::InvalidLanguagePattern {
                    line: map.line,
                    pattern: map.pattern.clone(),
                    reason: e.to_string(),
                }
            })?;
            if !forms.iter().any(|f| re.is_match(f)) {
                continue;
            }
            matched = true;
            let set = doc
                .rule_sets
                .iter()
                .find(|s| s.name == map.rule_set)
                .expect("srx::parse checks that every map names a defined rule set");
            selected.extend(set.rules.iter().enumerate().map(|(i, rule)| NamedRule {
                name: format!(
                    "rule {} of languagerule {:?} (line {})",
                    i + 1,
                    set.name,
                    rule.line
                ),
                rule,
            }));
            if !doc.cascade {
                break;
            }
        }
        if !matched {
            return Err(SegmentError::NoRulesForLanguage {
                lang: lang.to_string(),
            });
        }
        Ok(Self {
            lang: lang.clone(),
            engine: RuleEngine::compile(&selected)?,
        })
    }

    /// The language the rules are for.
    pub fn lang(&self) -> &LanguageTag {
        &self.lang
    }

    /// Cut `text` into segments, trimmed of surrounding whitespace, with paragraphs
    /// counted from zero (the same numbering as [`presegmented`]).
    pub fn split(&self, text: &str) -> Vec<Segment> {
        let mut segments: Vec<Segment> = Vec::new();
        let mut paragraph = 0;
        for (start, end) in paragraphs(text) {
            let para = &text[start..end];
            let first_in_paragraph = segments.len();
            let mut cut = 0;
            for b in self.engine.breaks(para).into_iter().chain([para.len()]) {
                if let Some((s, e)) = trimmed(para, cut, b) {
                    segments.push(Segment {
                        start: start + s,
                        end: start + e,
                        paragraph,
                    });
                }
                cut = b;
            }
            if segments.len() > first_in_paragraph {
                paragraph += 1;
            }
        }
        segments
    }
}

/// The spellings of `lang` a `languagepattern` may be written against: the normalised
/// tag, and for tags without a script the form with their usual script made explicit.
fn tag_forms(lang: &LanguageTag) -> Vec<String> {
    let tag = lang.as_str().to_string();
    if tag.contains('-') {
        return vec![tag];
    }
    let script = if lang.writes_cyrillic() {
        "Cyrl"
    } else {
        "Latn"
    };
    let explicit = format!("{tag}-{script}");
    vec![tag, explicit]
}

/// The paragraphs of `text` as byte ranges: maximal runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            current = Some((current.map_or(start, |(s, _)| s), offset));
        }
    }
    out.extend(current);
    out
}

/// The part of `text[from..to]` without surrounding whitespace, if anything is left.
fn trimmed(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let piece = &text[from..to];
    let body = piece.trim_start();
    let start = from + piece.len() - body.len();
    let body = body.trim_end();
    (!body.is_empty()).then_some((start, start + body.len()))
}

/// The built-in rules as an SRX 2.0 document, which [`Segmenter::from_srx`] reads back to
/// the same segmentation.
pub fn builtin_srx() -> String {
    let doc = srx::parse(BUILTIN_SRX).expect("the built-in SRX rules are valid");
    srx::write(&doc)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;

    use super::*;

    fn cut<'t>(lang: &str, text: &'t str) -> Vec<&'t str> {
        let tag = LanguageTag::parse(lang).unwrap();
        Segmenter::builtin(&tag)
            .split(text)
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn russian_abbreviations_that_introduce_do_not_break() {
        for text in [
            "Он уехал, т.е. покинул город.",
            "Он уехал, т. е. Москву покинул.",
            "Обсудили т.н. «Северный коридор».",
            "Он прибыл в г. Баку вчера.",
            "Слово «твит» (англ. Tweet) вошло в словари.",
            "Подробности (см. Приложение 2) опубликованы.",
            "Крупные города, напр. Москва, растут.",
            "Собрали 5 тыс. рублей и 3 млн долларов.",
            "Цена — 100 руб. за штуку, 37 млрд долл. США в год.",
            "Рост составил 3.5 процента, или 1,5 млрд.",
            "В.В. Путин и И. Алиев встретились, В. В. Путин улыбался.",
            "В 2018 г. Азербайджан подписал договор.",
            "В 2015–2018 гг. Россия росла.",
            "В IV в. до н.э. Рим воевал с Карфагеном.",
        ] {
            assert_eq!(cut("ru", text), [text], "{text}");
        }
    }

    #[test]
    fn russian_abbreviations_that_close_end_before_a_capital() {
        assert_eq!(
            cut("ru", "Фрукты, овощи и т.д. Затем мы ушли."),
            ["Фрукты, овощи и т.д.", "Затем мы ушли."]
        );
        assert_eq!(
            cut("ru", "Яблоки и т.д., а также сливы."),
            ["Яблоки и т.д., а также сливы."]
        );
        assert_eq!(
            cut("ru", "Посуда, мебель и т.п. Всё продано."),
            ["Посуда, мебель и т.п.", "Всё продано."]
        );
        assert_eq!(
            cut(
                "ru",
                "Договор подписан в 2018 г. Затем начались переговоры."
            ),
            ["Договор подписан в 2018 г.", "Затем начались переговоры."]
        );
        assert_eq!(
            cut("ru", "Город основан в IV в. до н.э. Позже он вырос."),
            ["Город основан в IV в. до н.э.", "Позже он вырос."]
        );
        assert_eq!(
            cut(
                "ru",
                "Осадки достигнут 10 см. Для других зон дождь полезен."
            ),
            ["Осадки достигнут 10 см.", "Для других зон дождь полезен."]
        );
        assert_eq!(
            cut("ru", "Он судья окружного суда D.C. Пелоси добавила."),
            ["Он судья окружного суда D.C.", "Пелоси добавила."]
        );
    }

    #[test]
    fn russian_quotes_dialogue_and_final_punctuation() {
        assert_eq!(
            cut("ru", "«Мы победим!» Он ушёл."),
            ["«Мы победим!»", "Он ушёл."]
        );
        assert_eq!(
            cut("ru", "«Мы победим», — сказал он. Все согласились."),
            ["«Мы победим», — сказал он.", "Все согласились."]
        );
        assert_eq!(
            cut("ru", "Он сказал: «Мы победим». Все согласились."),
            ["Он сказал: «Мы победим».", "Все согласились."]
        );
        assert_eq!(
            cut("ru", "„Кто там?“ Никто не ответил."),
            ["„Кто там?“", "Никто не ответил."]
        );
        assert_eq!(
            cut("ru", "— Вы придёте? — спросил он.\n— Да. — Она кивнула."),
            ["— Вы придёте? — спросил он.", "— Да.", "— Она кивнула."]
        );
        assert_eq!(cut("ru", "Неужели?! Да."), ["Неужели?!", "Да."]);
        assert_eq!(
            cut("ru", "Он подумал... и ушёл. Потом… Потом вернулся."),
            ["Он подумал... и ушёл.", "Потом…", "Потом вернулся."]
        );
    }

    #[test]
    fn azerbaijani_abbreviations_dates_and_ordinals() {
        for text in [
            "Alma, armud və s. meyvələr satılır.",
            "E.ə. IV əsrdə burada şəhər var idi.",
            "Bu, b.e.ə. 300-cü ildə baş verib.",
            "Bu hadisə m. 1918-ci ildə baş verib.",
            "Məqalə jurnalın 12-ci nömrəsində (s. 45) dərc olunub.",
            "Prezident İ. Əliyev 27.09.2018-ci il tarixində Bakıya qayıtdı.",
            "O, 2018-ci ildə 27-ci dəfə gəldi.",
            "Qiymət 3.5 manat, yəni 1,5 dəfə artıb.",
        ] {
            assert_eq!(cut("az", text), [text], "{text}");
        }
        assert_eq!(
            cut("az", "Alma, armud və s. Sonra getdik."),
            ["Alma, armud və s.", "Sonra getdik."]
        );
        assert_eq!(
            cut(
                "az",
                "Bu qədim şəhərdir. E.ə. IV əsrdə burada qala tikilib."
            ),
            ["Bu qədim şəhərdir.", "E.ə. IV əsrdə burada qala tikilib."]
        );
        assert_eq!(
            cut(
                "az",
                "“Biz qalib gələcəyik!” O getdi. \"Necə?\" deyə soruşdu."
            ),
            [
                "“Biz qalib gələcəyik!”",
                "O getdi.",
                "\"Necə?\" deyə soruşdu."
            ]
        );
    }

    #[test]
    fn azerbaijani_in_cyrillic_has_its_own_rules() {
        assert_eq!(
            cut(
                "az-Cyrl",
                "Алма, армуд вә с. Сонра е.ә. IV әсрдә гала тикилиб."
            ),
            ["Алма, армуд вә с.", "Сонра е.ә. IV әсрдә гала тикилиб."]
        );
    }

    #[test]
    fn english_abbreviations() {
        for text in [
            "Mr. Smith met Mrs. Jones and Dr. Adams.",
            "The U.S. Navy and the U.K. government agreed.",
            "Some fruit, e.g. apples, i.e. food.",
            "See No. 5 on the list.",
            "It happened on Jan. 5, 2018, in Baku.",
            "The Bells of St. Martin's Fall Silent.",
            "Apple vs. Microsoft, and Apple Inc. said so.",
            "The rally starts at 7 p.m. ET tonight.",
            "George W. Bush spoke at 10 a.m. sharp.",
        ] {
            assert_eq!(cut("en", text), [text], "{text}");
        }
        assert_eq!(
            cut(
                "en",
                "No irregularities were reported by 1 p.m. The count goes on."
            ),
            [
                "No irregularities were reported by 1 p.m.",
                "The count goes on."
            ]
        );
        assert_eq!(
            cut("en", "He enlisted on Sept. He was arrested later."),
            ["He enlisted on Sept.", "He was arrested later."]
        );
        assert_eq!(
            cut("en", "Shares rose at Apple Inc. The company gained."),
            ["Shares rose at Apple Inc.", "The company gained."]
        );
    }

    #[test]
    fn english_quotes_and_final_punctuation() {
        assert_eq!(
            cut("en", "\"Are you ready?\" he asked. She nodded."),
            ["\"Are you ready?\" he asked.", "She nodded."]
        );
        assert_eq!(
            cut(
                "en",
                "He said \"No.\" Then he left. (It was late.) Really?! Yes..."
            ),
            [
                "He said \"No.\"",
                "Then he left.",
                "(It was late.)",
                "Really?!",
                "Yes..."
            ]
        );
        assert_eq!(
            cut("en", "Voters said “enough.” 3.5 million came."),
            ["Voters said “enough.”", "3.5 million came."]
        );
    }

    #[test]
    fn headlines_lines_and_lists() {
        let text =
            "Trump rallies in West Virginia\nThe president spoke\non Saturday. Crowds cheered.";
        assert_eq!(
            cut("en", text),
            [
                "Trump rallies in West Virginia",
                "The president spoke\non Saturday.",
                "Crowds cheered."
            ]
        );
        let text =
            "Повестка дня:\n- энергетика,\n- транспорт\n1. Безопасность\n2) Торговля\n• Прочее";
        assert_eq!(
            cut("ru", text),
            [
                "Повестка дня:",
                "- энергетика,",
                "- транспорт",
                "1. Безопасность",
                "2) Торговля",
                "• Прочее"
            ]
        );
        assert_eq!(
            cut("az", "Gündəlik:\n1. Təhlükəsizlik məsələsi\n2. Ticarət"),
            ["Gündəlik:", "1. Təhlükəsizlik məsələsi", "2. Ticarət"]
        );
    }

    #[test]
    fn a_blank_line_always_ends_a_paragraph() {
        let text = "  First para. Still first.\r\n \r\n\r\nsecond para, no end\n\nthird\n";
        let tag = LanguageTag::parse("en").unwrap();
        let segs = Segmenter::builtin(&tag).split(text);
        let got: Vec<_> = segs.iter().map(|s| (s.text(text), s.paragraph)).collect();
        assert_eq!(
            got,
            [
                ("First para.", 0),
                ("Still first.", 0),
                ("second para, no end", 1),
                ("third", 2)
            ]
        );
    }

    #[test]
    fn other_languages_get_the_common_rules() {
        assert_eq!(
            cut("de", "Das ist gut. Wir gehen."),
            ["Das ist gut.", "Wir gehen."]
        );
        assert_eq!(
            cut("ja", "今日は晴れです。明日は雨です。"),
            ["今日は晴れです。", "明日は雨です。"]
        );
        assert_eq!(cut("tr", "A. Yılmaz geldi."), ["A. Yılmaz geldi."]);
        assert_eq!(cut("ar", "هل أنت مستعد؟ نعم."), ["هل أنت مستعد؟", "نعم."]);
        assert_eq!(cut("hi", "मैं घर गया। वह आया।"), ["मैं घर गया।", "वह आया।"]);
    }

    const FIXTURE_TEXTS: [(&str, &str); 5] = [
        (
            "ru",
            "В.В. Путин прибыл в г. Баку. «Мы победим!» Он ушёл и т.д. Затем…\n\nНовый абзац",
        ),
        (
            "az",
            "E.ə. IV əsrdə və s. Sonra 27.09.2018-ci ildə İ. Əliyev gəldi. “Bəli!” dedi.",
        ),
        ("az-Cyrl", "Алма вә с. Сонра е.ә. IV әсрдә. Бах."),
        (
            "en",
            "Mr. Smith met the U.S. envoy at 7 p.m. ET. He left at 9 p.m. Nobody saw.\n- item",
        ),
        ("de", "Erster Satz. Zweiter Satz?\nDritte Zeile"),
    ];

    #[test]
    fn exported_rules_read_back_to_the_same_segmentation() {
        let exported = builtin_srx();
        // Line numbers differ (the export has no comments); everything else must not.
        let without_lines = |mut doc: srx::Srx| {
            doc.rule_sets
                .iter_mut()
                .flat_map(|s| &mut s.rules)
                .for_each(|r| r.line = 0);
            doc.maps.iter_mut().for_each(|m| m.line = 0);
            doc
        };
        assert_eq!(
            without_lines(srx::parse(&exported).unwrap()),
            without_lines(srx::parse(BUILTIN_SRX).unwrap())
        );
        for (lang, text) in FIXTURE_TEXTS {
            let tag = LanguageTag::parse(lang).unwrap();
            let builtin = Segmenter::builtin(&tag).split(text);
            let imported = Segmenter::from_srx(&exported, &tag).unwrap().split(text);
            assert_eq!(builtin, imported, "{lang}");
            assert!(
                builtin.len() > 2,
                "{lang}: the fixture should exercise several breaks"
            );
        }
    }

    /// An OmegaT/Okapi-style user file: DOCTYPE with an external DTD (never fetched),
    /// a foreign-namespace header extension, Java-only regex spellings, SRX 1.0's
    /// `maprule` wrapper, and cascading maps.
    const USER_SRX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE srx PUBLIC "-//SRX//DTD SRX//EN" "http://www.lisa.org/srx20.dtd">
<srx xmlns="http://www.lisa.org/srx20" xmlns:okpsrx="http://okapi.sf.net/srx-extensions" version="2.0">
  <header segmentsubflows="yes" cascade="yes">
    <formathandle type="start" include="no"/>
    <okpsrx:options oneSegmentIncludesAll="no" trimLeadingWhitespaces="yes"/>
    <okpsrx:sample language="en">Mr. Smith left.</okpsrx:sample>
  </header>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <!-- Honorifics -->
        <rule break="no">
          <beforebreak>\b(?i:mr|mrs|ms)\.</beforebreak>
          <afterbreak>\s</afterbreak>
        </rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="no"><beforebreak>\Qe.g.\E</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes">
          <beforebreak>[\.\?!]+</beforebreak>
          <afterbreak>\s+\p{javaUpperCase}</afterbreak>
        </rule>
        <rule><beforebreak>\n</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <maprule maprulename="Default">
        <languagemap languagepattern="EN.*" languagerulename="English"/>
        <languagemap languagepattern=".*" languagerulename="Default"/>
      </maprule>
    </maprules>
  </body>
</srx>"#;

    #[test]
    fn imports_a_user_srx_file_with_cascading_maps() {
        let en = LanguageTag::parse("en-GB").unwrap();
        let text = "MR. Smith left, e.g. Early. Then he came back.\nNew line";
        let got: Vec<_> = Segmenter::from_srx(USER_SRX, &en)
            .unwrap()
            .split(text)
            .iter()
            .map(|s| s.text(text))
            .collect();
        assert_eq!(
            got,
            [
                "MR. Smith left, e.g. Early.",
                "Then he came back.",
                "New line"
            ]
        );
        // Russian only gets the Default set: "Mr." breaks there.
        let ru = LanguageTag::parse("ru").unwrap();
        let segs = Segmenter::from_srx(USER_SRX, &ru)
            .unwrap()
            .split("Mr. Smith ушёл.");
        assert_eq!(segs.len(), 2);
    }

    #[test]
    fn without_cascade_only_the_first_matching_map_applies() {
        let no_cascade = USER_SRX.replace(r#"cascade="yes""#, r#"cascade="no""#);
        let en = LanguageTag::parse("en").unwrap();
        let segs = Segmenter::from_srx(&no_cascade, &en)
            .unwrap()
            .split("Mr. Smith left. Then.");
        assert_eq!(
            segs.len(),
            1,
            "only the English set applies, and it never breaks"
        );
    }

    fn srx_with_rule(before: &str) -> String {
        format!(
            "<srx version=\"2.0\"><header cascade=\"yes\"/><body><languagerules>\n\
             <languagerule languagerulename=\"Mine\">\n\
             <rule break=\"yes\"><beforebreak>{before}</beforebreak><afterbreak>\\s</afterbreak></rule>\n\
             </languagerule></languagerules><maprules>\n\
             <languagemap languagepattern=\".*\" languagerulename=\"Mine\"/></maprules></body></srx>"
        )
    }

    fn import_error(srx: &str) -> SegmentError {
        Segmenter::from_srx(srx, &LanguageTag::parse("en").unwrap()).unwrap_err()
    }

    #[test]
    fn names_the_rule_with_an_unsupported_or_invalid_regex() {
        let e = import_error(&srx_with_rule(r"(?&lt;=Mr)\."));
        assert!(
            matches!(e, SegmentError::UnsupportedPattern { .. }),
            "{e:?}"
        );
        let msg = e.to_string();
        assert!(
            msg.contains(r#"rule 1 of languagerule "Mine" (line 3), beforebreak"#),
            "{msg}"
        );
        assert!(msg.contains("look-behind"), "{msg}");

        let e = import_error(&srx_with_rule(r"[a-"));
        assert!(matches!(e, SegmentError::InvalidPattern { .. }), "{e:?}");
        assert!(
            e.to_string().contains(r#"languagerule "Mine" (line 3)"#),
            "{e}"
        );

        let e = import_error(&srx_with_rule(r"\s++"));
        assert!(e.to_string().contains("possessive"), "{e}");
    }

    #[test]
    fn names_the_line_of_malformed_or_unknown_structure() {
        let e = import_error("<srx>\n<body>\n<languagerules>\n</body>\n</srx>");
        assert!(
            matches!(e, SegmentError::MalformedXml { line: 4, .. }),
            "{e:?}"
        );

        let e = import_error("<srx>\n<body>\n<rules/>\n</body>\n</srx>");
        assert!(
            matches!(&e, SegmentError::UnexpectedElement { line: 3, element, parent }
                if element == "rules" && parent == "body"),
            "{e:?}"
        );

        let e = import_error("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>");
        assert!(matches!(e, SegmentError::NotSrx { line: 2, .. }), "{e:?}");

        let e = import_error(&srx_with_rule("x").replace("break=\"yes\"", "break=\"maybe\""));
        assert!(
            matches!(e, SegmentError::InvalidAttribute { line: 3, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace(
            "languagerulename=\"Mine\"/>",
            "languagerulename=\"Other\"/>",
        ));
        assert!(
            matches!(&e, SegmentError::UnknownRuleSet { line: 5, name } if name == "Other"),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace(" languagerulename=\"Mine\">", ">"));
        assert!(
            matches!(e, SegmentError::MissingAttribute { line: 2, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("<rule ", "oops<rule "));
        assert!(
            matches!(e, SegmentError::UnexpectedText { line: 3, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("\".*\"", "\"ru\""));
        assert!(
            matches!(e, SegmentError::NoRulesForLanguage { .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("\".*\"", "\"(ru\""));
        assert!(
            matches!(e, SegmentError::InvalidLanguagePattern { line: 5, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn every_built_in_language_compiles() {
        for lang in ["ru", "az", "az-Cyrl", "en", "de", "zh"] {
            let tag = LanguageTag::parse(lang).unwrap();
            assert_eq!(Segmenter::builtin(&tag).lang(), &tag);
        }
    }

    /// Segments are ordered, trimmed, non-empty spans on char boundaries that together
    /// cover every non-whitespace character: nothing is lost or rewritten. Run by hand so
    /// each language's rules compile once.
    #[test]
    fn segments_cover_the_text_without_altering_it() {
        let segmenters: Vec<Segmenter> = ["ru", "az", "en", "de"]
            .iter()
            .map(|l| Segmenter::builtin(&LanguageTag::parse(l).unwrap()))
            .collect();
        let text = "[a-zA-Zа-яА-ЯəƏ .?!…«»\"\n\t0-9-]{0,80}";
        TestRunner::default()
            .run(&(text, 0..segmenters.len()), |(text, i)| {
                let segs = segmenters[i].split(&text);
                let mut last_end = 0;
                let mut last_paragraph = 0;
                for s in &segs {
                    prop_assert!(s.start >= last_end && s.start < s.end && s.end <= text.len());
                    prop_assert!(s.paragraph >= last_paragraph);
                    let t = s.text(&text);
                    prop_assert_eq!(t, t.trim());
                    last_end = s.end;
                    last_paragraph = s.paragraph;
                }
                let visible =
                    |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                let covered: String = segs.iter().map(|s| visible(s.text(&text))).collect();
                prop_assert_eq!(covered, visible(&text));
                Ok(())
            })
            .unwrap();
    }
}
