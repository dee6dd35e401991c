use proptest::prelude::*;

use super::*;
use crate::segment::Segmenter;

fn cut<'t>(lang: &str, text: &'t str) -> Vec<&'t str> {
    let tag = LanguageTag::parse(lang).unwrap();
    Segmenter::builtin(&tag)
        .split(text)
        .iter()
        .map(|s| s.text(text))
        .collect()
}

fn whole(lang: &str, text: &str) {
    assert_eq!(cut(lang, text), [text], "{lang}: {text}");
}

#[test]
fn a_headline_glued_to_a_sentence_starter_ends_there() {
    assert_eq!(
        cut(
            "ru",
            "Македонцы проголосуют о смене названия страны В воскресенье жители придут на участки."
        ),
        [
            "Македонцы проголосуют о смене названия страны",
            "В воскресенье жители придут на участки."
        ]
    );
    assert_eq!(
        cut(
            "az",
            "Makedoniyada referendum keçirilir Bu gün seçicilər ölkənin adına səs verirlər."
        ),
        [
            "Makedoniyada referendum keçirilir",
            "Bu gün seçicilər ölkənin adına səs verirlər."
        ]
    );
    assert_eq!(
        cut(
            "en",
            "Men arrested after house rammed by car Three men have been arrested."
        ),
        [
            "Men arrested after house rammed by car",
            "Three men have been arrested."
        ]
    );
}

#[test]
fn a_headline_glued_to_a_common_word_ends_there() {
    assert_eq!(
        cut(
            "en",
            "Macedonians vote on changing country's name Voters will vote Sunday. Turnout among voters must pass half."
        ),
        [
            "Macedonians vote on changing country's name",
            "Voters will vote Sunday.",
            "Turnout among voters must pass half."
        ]
    );
    // Inflected: "Министр" is the "министра" of the next sentence.
    assert_eq!(
        cut(
            "ru",
            "США могут прибегнуть к блокаде, заявил глава ведомства Министр заявил это в пятницу. Слова министра обсуждают."
        ),
        [
            "США могут прибегнуть к блокаде, заявил глава ведомства",
            "Министр заявил это в пятницу.",
            "Слова министра обсуждают."
        ]
    );
    assert_eq!(
        cut(
            "az",
            "Makedoniyada referendum keçirilir Seçicilər bazar günü səs verəcəklər. Seçicilərin yarısı gəlməlidir, seçicilərə deyilib."
        ),
        [
            "Makedoniyada referendum keçirilir",
            "Seçicilər bazar günü səs verəcəklər.",
            "Seçicilərin yarısı gəlməlidir, seçicilərə deyilib."
        ]
    );
}

#[test]
fn a_title_the_text_writes_small_before_names_starts_a_sentence() {
    assert_eq!(
        cut(
            "ru",
            "Предательский язык жестов Президент Дональд Трамп раскритиковал сенатора. \
             Позже президент Дональд Трамп уехал."
        ),
        [
            "Предательский язык жестов",
            "Президент Дональд Трамп раскритиковал сенатора.",
            "Позже президент Дональд Трамп уехал."
        ]
    );
    whole(
        "ru",
        "Это решение Верховного Суда, и суд решил, что это важно.",
    );
}

#[test]
fn an_azerbaijani_finite_verb_ends_its_sentence() {
    assert_eq!(
        cut(
            "az",
            "Londonderridə dörd nəfər saxlanılıb Somersetdə bir gənc yaralanıb."
        ),
        [
            "Londonderridə dörd nəfər saxlanılıb",
            "Somersetdə bir gənc yaralanıb."
        ]
    );
    // A converb before a full name, and a noun in "-ir", continue the sentence.
    whole("az", "Prezident Bakıya gəlib İlham Əliyevlə görüşüb.");
    whole("az", "Bununla bərabər, baş nazir Britaniyanı tərk etdi.");
}

#[test]
fn a_russian_noun_before_a_name_starts_a_sentence_but_an_adjective_does_not() {
    assert_eq!(
        cut(
            "ru",
            "Слушания посмотрели 20 млн зрителей Показания Бретта Кавано длились час. \
             Его показания обсуждают."
        ),
        [
            "Слушания посмотрели 20 млн зрителей",
            "Показания Бретта Кавано длились час.",
            "Его показания обсуждают."
        ]
    );
    // The next word is written small too: an institution, not a title before a name.
    whole(
        "ru",
        "Вчера на заседании Совет Безопасности принял резолюцию о безопасности, совет заседал.",
    );
    // Adjectives open geographic names; a genitive one continues a name.
    whole(
        "ru",
        "Прибыла делегация народа Северной Кореи, северной делегации не было.",
    );
    whole(
        "ru",
        "Учёные изучают поместья Шотландского нагорья и шотландских мышей.",
    );
}

#[test]
fn a_starter_and_a_name_after_a_capital_start_a_sentence_before_lower_case() {
    assert_eq!(
        cut("ru", "Она выбрала контракты с ITV У Уиллоуби нет времени."),
        ["Она выбрала контракты с ITV", "У Уиллоуби нет времени."]
    );
    assert_eq!(
        cut(
            "en",
            "Trump rallies in West Virginia The President obliquely referred to it."
        ),
        [
            "Trump rallies in West Virginia",
            "The President obliquely referred to it."
        ]
    );
    whole("en", "Why The President Matters To The Voters Now");
}

#[test]
fn a_plural_agent_noun_is_the_verb_the_text_writes_small() {
    assert_eq!(
        cut(
            "en",
            "Macedonians go to polls Voters will decide, and many vote early."
        ),
        [
            "Macedonians go to polls",
            "Voters will decide, and many vote early."
        ]
    );
    whole("en", "The coach praised Parker after the park reopened.");
}

#[test]
fn no_sentence_starts_inside_brackets() {
    whole(
        "en",
        "Heavy rain (which could help dry areas Tomorrow) is coming, and tomorrow is wet.",
    );
    whole(
        "ru",
        "Премию вручили (как сказали организаторы Вчера) лучшим, вчера тоже.",
    );
}

#[test]
fn a_title_case_headline_ends_at_a_word_titles_keep_lower_case() {
    assert_eq!(
        cut(
            "en",
            "Why Trump Will Win a Second Term By that logic, he wins."
        ),
        [
            "Why Trump Will Win a Second Term",
            "By that logic, he wins."
        ]
    );
    whole(
        "en",
        "Air Traffic Controller Dies To Ensure Hundreds On Plane Can Escape Earthquake",
    );
    whole("en", "Fans of World War Two history and Group A teams met.");
}

#[test]
fn names_after_lower_case_words_stay_in_their_sentence() {
    whole(
        "en",
        "Voters cheered when the speaker said President Trump would come, the president said.",
    );
    whole(
        "en",
        "He reads The Guardian, and the guardian of the park reads in The Guardian too.",
    );
    whole(
        "en",
        "Analysts praised Apple shares on Monday while apple growers worried about Apple.",
    );
    whole("ru", "Делегация прибыла в Москве и в москве осталась.");
    whole(
        "ru",
        "Премию вручили команде «Ливингстон» после матча, новая команда довольна.",
    );
    whole(
        "ru",
        "Решение зависит от того, что в секретной службе Её Величества, сказала она её коллеге.",
    );
    whole(
        "az",
        "Seçicilər ölkənin adının Şimali Makedoniya olmasına səs verəcəklər, şimali bölgələr də.",
    );
    whole(
        "en",
        "The weather was bad in the south Southwest and the southwest of the Southwest got rain.",
    );
}

#[test]
fn only_the_built_in_rules_split_headlines_unless_asked() {
    let en = LanguageTag::parse("en").unwrap();
    let text = "Men arrested after house rammed by car Three men have been arrested.";
    let srx = crate::segment::builtin_srx();
    let user = Segmenter::from_srx(&srx, &en, &crate::limits::Limits::default()).unwrap();
    assert_eq!(
        user.split(text).len(),
        1,
        "a user's rules segment exactly as written"
    );
    assert_eq!(user.with_headline_breaks(true).split(text).len(), 2);
    assert_eq!(
        Segmenter::builtin(&en)
            .with_headline_breaks(false)
            .split(text)
            .len(),
        1
    );
    let de = Segmenter::builtin(&LanguageTag::parse("de").unwrap());
    assert_eq!(
        de.split("Männer verhaftet Drei Männer sind verhaftet.")
            .len(),
        1,
        "no word lists for German"
    );
}

/// The slow reference for [`Evidence`]: rescans the whole text for every question.
struct Rescan<'t> {
    lang: LanguageTag,
    text: &'t str,
}

impl WordEvidence for Rescan<'_> {
    fn is_named_elsewhere(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = stemmer.keys(folded);
        let mut named = 0;
        for line in self.text.lines() {
            let mut sentence_start = true;
            for token in line.split_whitespace() {
                if let Some(word) = leading_word(token.trim_start_matches(is_opening)) {
                    let shares = stemmer
                        .keys(&self.lang.fold(word))
                        .iter()
                        .any(|k| keys.contains(k));
                    if starts_upper(word) && !sentence_start && shares {
                        named += 1;
                    }
                }
                sentence_start = ends_clause(token);
            }
        }
        named > 1
    }

    fn is_written_lower(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = stemmer.keys(folded);
        self.text.split_whitespace().any(|token| {
            leading_word(token.trim_start_matches(is_opening)).is_some_and(|word| {
                starts_lower(word)
                    && stemmer
                        .keys(&self.lang.fold(word))
                        .iter()
                        .any(|k| keys.contains(k))
            })
        })
    }

    fn introduces_names(&mut self, stemmer: &Stemmer, folded: &str) -> bool {
        let keys = stemmer.keys(folded);
        let shares = |word: &str| {
            let word_keys = stemmer.keys(&self.lang.fold(word));
            word_keys.iter().any(|k| keys.contains(k))
        };
        self.text.lines().any(|line| {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            tokens.windows(2).any(|pair| {
                let word = leading_word(pair[0]);
                let next = leading_word(pair[1].trim_start_matches(is_opening));
                word.is_some_and(|w| w.len() == pair[0].len() && starts_lower(w) && shares(w))
                    && next.is_some_and(starts_upper)
            })
        })
    }
}

/// Words to build texts from: headline ends, starters, common words and names, in
/// the three languages; "¶" stands for a line break.
const WORDS: &str = "Voters voters vote The the Guardian in said President president Trump \
    name name. «Ливингстон» В в Москве москве Министр министра Seçicilər seçicilərin \
    İndi ¶ A.I. It's on (the name) Президент президент Дональд saxlanılıb";

fn text_of(picks: &[usize]) -> String {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let picked: Vec<&str> = picks.iter().map(|&i| words[i % words.len()]).collect();
    picked.join(" ").replace('¶', "\n")
}

proptest! {
    #[test]
    fn one_pass_evidence_agrees_with_rescanning(
        picks in prop::collection::vec(0..40usize, 0..40),
        lang in prop::sample::select(vec!["ru", "az", "en"]),
    ) {
        let text = text_of(&picks);
        let tag = LanguageTag::parse(lang).unwrap();
        let rules = HeadlineRules::for_language(&tag).unwrap();
        let fast = rules.breaks(&text, &mut rules.evidence(&text));
        let slow = rules.breaks(&text, &mut Rescan { lang: tag, text: &text });
        prop_assert_eq!(fast, slow);
    }

    /// The headline step only adds boundaries, and segments stay exact spans.
    #[test]
    fn headlines_only_add_boundaries(
        picks in prop::collection::vec(0..40usize, 0..40),
        lang in prop::sample::select(vec!["ru", "az", "en"]),
    ) {
        let text = text_of(&picks);
        let tag = LanguageTag::parse(lang).unwrap();
        let with = Segmenter::builtin(&tag).split(&text);
        let without = Segmenter::builtin(&tag).with_headline_breaks(false).split(&text);
        let starts: HashSet<usize> = with.iter().map(|s| s.start).collect();
        prop_assert!(without.iter().all(|s| starts.contains(&s.start)));
        for s in &with {
            prop_assert_eq!(s.text(&text), s.text(&text).trim());
            prop_assert!(!s.text(&text).is_empty());
        }
        let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let covered: String = with.iter().map(|s| visible(s.text(&text))).collect();
        prop_assert_eq!(covered, visible(&text));
    }
}
