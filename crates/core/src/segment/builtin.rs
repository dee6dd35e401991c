//! The built-in rules: `builtin.srx`, kept as data a translator can read, export and
//! adjust, and the tests that pin their behaviour on each language's hard cases.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::{Segmenter, srx};
use crate::lang::LanguageTag;
use crate::limits::Limits;

/// The built-in rules, as data a translator can read and export.
const BUILTIN_SRX: &str = include_str!("builtin.srx");

impl Segmenter {
    /// The built-in rules for `lang`: Russian, Azerbaijani (Latin and Cyrillic) and
    /// English have their own abbreviation rules; every other language gets the common
    /// rules (sentence punctuation, quotes, initials, lines and lists). Headlines that run
    /// into the next sentence are split too ([`Segmenter::with_headline_breaks`]).
    pub fn builtin(lang: &LanguageTag) -> Self {
        // The built-in file is a constant checked by this module's tests for every
        // language it maps, so failing here would be a bug in this crate, not bad input.
        Self::from_srx(BUILTIN_SRX, lang, &Limits::default())
            .expect("the built-in SRX rules are valid")
            .with_headline_breaks(true)
    }

    /// [`Segmenter::builtin`] for `lang`, compiled once per language and process: the
    /// memory cuts every unit it stores into sentences, and compiling the rules costs
    /// far more than cutting a sentence.
    pub fn builtin_shared(lang: &LanguageTag) -> Arc<Segmenter> {
        static COMPILED: LazyLock<Mutex<HashMap<String, Arc<Segmenter>>>> =
            LazyLock::new(Mutex::default);
        let mut compiled = COMPILED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(
            compiled
                .entry(lang.as_str().to_string())
                .or_insert_with(|| Arc::new(Segmenter::builtin(lang))),
        )
    }
}

/// The built-in rules as an SRX 2.0 document, which [`Segmenter::from_srx`] reads back to
/// the same segmentation.
pub fn builtin_srx() -> String {
    let doc =
        srx::parse(BUILTIN_SRX, &Limits::default()).expect("the built-in SRX rules are valid");
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
            without_lines(srx::parse(&exported, &Limits::default()).unwrap()),
            without_lines(srx::parse(BUILTIN_SRX, &Limits::default()).unwrap())
        );
        for (lang, text) in FIXTURE_TEXTS {
            let tag = LanguageTag::parse(lang).unwrap();
            let builtin = Segmenter::builtin(&tag).split(text);
            let imported = Segmenter::from_srx(&exported, &tag, &Limits::default())
                .unwrap()
                .split(text);
            assert_eq!(builtin, imported, "{lang}");
            assert!(
                builtin.len() > 2,
                "{lang}: the fixture should exercise several breaks"
            );
        }
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
