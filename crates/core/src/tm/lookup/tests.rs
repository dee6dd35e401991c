use super::*;
use crate::Timestamp;
use crate::store::units::{Deletion, UnitFilter, UnitId};
use crate::store::{open_in_memory, units};
use crate::tm::concordance::concordance;
use crate::tm::{TranslationUnit, Variant, origin};

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

fn memory(units: &[[&str; 3]]) -> Connection {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    for [ru, az, en] in units {
        let mut variants = vec![Variant::new(lang("ru"), *ru), Variant::new(lang("en"), *en)];
        if !az.is_empty() {
            variants.push(Variant::new(lang("az"), *az));
        }
        let unit = TranslationUnit {
            variants,
            meta: crate::tm::UnitMetadata::new(origin::ALIGNMENT, Timestamp(0)),
        };
        units::insert(&tx, &unit).unwrap();
    }
    tx.commit().unwrap();
    conn
}

/// A lookup as a ranked list: score, source → target.
fn render(lookup: &Lookup) -> String {
    lookup
        .matches
        .iter()
        .map(|m| format!("{:>3} {} → {}\n", m.score.0, m.source, m.target))
        .collect()
}

#[test]
fn ranks_exact_nearly_exact_and_fuzzy_matches_in_any_direction() {
    let conn = memory(&[
        [
            "Президент прибыл в Баку.",
            "Prezident Bakıya gəldi.",
            "The President arrived in Baku.",
        ],
        [
            "Президент прибыл в Москву.",
            "Prezident Moskvaya gəldi.",
            "The President arrived in Moscow.",
        ],
        [
            "Переговоры продлились 3 часа.",
            "",
            "The talks lasted 3 hours.",
        ],
        ["Погода хорошая.", "Hava yaxşıdır.", "The weather is fine."],
    ]);
    let (ru, az, en) = (lang("ru"), lang("az"), lang("en"));
    let found = lookup(&conn, &Query::new(&az, &ru, "PREZİDENT BAKIYA GƏLDİ.")).unwrap();
    assert_eq!(
        render(&found),
        " 99 Prezident Bakıya gəldi. → Президент прибыл в Баку.\n",
        "Turkic case folding makes this nearly exact; 2 words of 3 (66) is below 70"
    );
    let found = lookup(&conn, &Query::new(&en, &ru, "The talks lasted 4 hours.")).unwrap();
    assert_eq!(
        render(&found),
        " 98 The talks lasted 3 hours. → Переговоры продлились 3 часа.\n"
    );
    let mut q = Query::new(&ru, &en, "Президент прибыл в Ереван.");
    q.min = 50;
    assert_eq!(
        render(&lookup(&conn, &q).unwrap()),
        " 75 Президент прибыл в Москву. → The President arrived in Moscow.\n \
             75 Президент прибыл в Баку. → The President arrived in Baku.\n",
        "ties: the most recent unit first"
    );
    let none = lookup(&conn, &Query::new(&en, &az, "The talks lasted 3 hours.")).unwrap();
    assert!(
        none.matches.is_empty(),
        "that unit has no Azerbaijani variant"
    );
}

#[test]
fn context_match_needs_the_same_neighbours() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let (ru, en) = (lang("ru"), lang("en"));
    for (prev, target) in [
        ("Заголовок.", "Yes (after the title)."),
        ("Вопрос?", "Yes."),
    ] {
        let mut source = Variant::new(ru.clone(), "Да.");
        source.prev_segment = Some(prev.into());
        let unit = TranslationUnit {
            variants: vec![source, Variant::new(en.clone(), target)],
            meta: crate::tm::UnitMetadata::new(origin::TRANSLATION, Timestamp(0)),
        };
        units::insert(&tx, &unit).unwrap();
    }
    tx.commit().unwrap();
    let mut q = Query::new(&ru, &en, "Да.");
    q.prev = Some("Заголовок.");
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(
        render(&found),
        "101 Да. → Yes (after the title).\n100 Да. → Yes.\n"
    );
}

#[test]
fn diff_comes_with_each_match() {
    let conn = memory(&[[
        "Переговоры продлились три часа.",
        "",
        "The talks lasted three hours.",
    ]]);
    let (ru, en) = (lang("ru"), lang("en"));
    let found = lookup(
        &conn,
        &Query::new(&ru, &en, "Переговоры продлились два часа."),
    )
    .unwrap();
    assert_eq!(found.matches[0].score, MatchScore(75));
    assert_eq!(
        found.matches[0].diff[2],
        WordChange::Changed {
            from: "три".into(),
            to: "два".into()
        }
    );
}

#[test]
fn a_segment_held_many_times_is_answered_from_its_newest_units() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    for i in 0..50 {
        let mut ru = Variant::new(lang("ru"), "Фото: АП.");
        if i == 10 {
            ru.prev_segment = Some("Президент прибыл в Баку.".into());
        }
        let en = Variant::new(lang("en"), format!("Photo: AP ({i})."));
        let unit = TranslationUnit {
            variants: vec![ru, en],
            meta: crate::tm::UnitMetadata::new(origin::ALIGNMENT, Timestamp(0)),
        };
        units::insert(&tx, &unit).unwrap();
    }
    tx.commit().unwrap();
    let (ru, en) = (lang("ru"), lang("en"));
    let q = Query {
        top: 1,
        ..Query::new(&ru, &en, "Фото: АП.")
    };
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(render(&found), "100 Фото: АП. → Photo: AP (49).\n");
    assert_eq!(found.candidates, 1, "the newest unit's row only");
    let q = Query {
        prev: Some("Президент прибыл в Баку."),
        ..q
    };
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(render(&found), "101 Фото: АП. → Photo: AP (10).\n");
    assert_eq!(
        found.candidates, 40,
        "read from the newest down to the context match"
    );
}

#[test]
fn enough_exact_matches_answer_without_reading_fuzzy_candidates() {
    let conn = memory(&[
        ["Да.", "", "Yes."],
        ["Да.", "", "Yes!"],
        ["Да!", "", "Yes indeed."],
        ["Нет.", "", "No."],
    ]);
    let (ru, en) = (lang("ru"), lang("en"));
    let mut q = Query::new(&ru, &en, "Да.");
    q.top = 2;
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(render(&found), "100 Да. → Yes!\n100 Да. → Yes.\n");
    assert_eq!(
        found.candidates, 2,
        "two exact matches fill the top 2: only they were read"
    );
    q.top = 3;
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(
        render(&found),
        "100 Да. → Yes!\n100 Да. → Yes.\n 99 Да! → Yes indeed.\n",
        "a third match must come from the fuzzy search"
    );
    assert!(found.candidates > 2, "{}", found.candidates);
}

/// A lookup as a ranked list with each match's kind: score kind source → target.
fn render_kinds(lookup: &Lookup) -> String {
    lookup
        .matches
        .iter()
        .map(|m| {
            let kind = match &m.kind {
                MatchKind::Unit => "unit".to_string(),
                MatchKind::Sentence { position } => format!("sentence {position}"),
                MatchKind::Joined { units } => format!("joined {}", units.len()),
            };
            format!("{:>3} {kind}: {} → {}\n", m.score.0, m.source, m.target)
        })
        .collect()
}

#[test]
fn each_sentence_of_a_unit_of_two_matches_on_its_own() {
    let conn = memory(&[
        [
            "Президент прибыл в Баку. Переговоры продлились три часа.",
            "Prezident Bakıya gəldi. Danışıqlar üç saat davam etdi.",
            "The President arrived in Baku. The talks lasted three hours.",
        ],
        ["Погода хорошая.", "Hava yaxşıdır.", "The weather is fine."],
    ]);
    let (ru, az, en) = (lang("ru"), lang("az"), lang("en"));
    let found = lookup(
        &conn,
        &Query::new(&ru, &en, "Переговоры продлились три часа."),
    )
    .unwrap();
    assert_eq!(
        render_kinds(&found),
        "100 sentence 1: Переговоры продлились три часа. → The talks lasted three hours.\n"
    );
    assert_eq!(found.matches[0].unit, UnitId(1));
    // Between the other two languages, and fuzzy.
    let mut q = Query::new(&az, &en, "Prezident Bakıya gəlib.");
    q.min = 60;
    let found = lookup(&conn, &q).unwrap();
    assert_eq!(
        render_kinds(&found),
        " 66 sentence 0: Prezident Bakıya gəldi. → The President arrived in Baku.\n"
    );
    // The whole unit still matches as a unit.
    let whole = "The President arrived in Baku. The talks lasted three hours.";
    let found = lookup(&conn, &Query::new(&en, &ru, whole)).unwrap();
    assert_eq!(
        render_kinds(&found),
        "100 unit: The President arrived in Baku. The talks lasted three hours. → \
         Президент прибыл в Баку. Переговоры продлились три часа.\n"
    );
}

#[test]
fn a_segment_of_two_sentences_held_as_two_units_gets_them_joined() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let (ru, en) = (lang("ru"), lang("en"));
    let add = |ru_text: &str, en_text: &str, prev: Option<&str>, next: Option<&str>| {
        let mut source = Variant::new(ru.clone(), ru_text);
        source.prev_segment = prev.map(str::to_string);
        source.next_segment = next.map(str::to_string);
        let unit = TranslationUnit {
            variants: vec![source, Variant::new(en.clone(), en_text)],
            meta: crate::tm::UnitMetadata::new(origin::TRANSLATION, Timestamp(0)),
        };
        units::insert(&tx, &unit).unwrap();
    };
    add("Да.", "Yes.", None, None);
    add("Нет.", "No.", None, None);
    add(
        "Президент прибыл в Баку.",
        "The President arrived in Baku.",
        None,
        Some("Переговоры начались."),
    );
    add(
        "Переговоры начались.",
        "The talks began.",
        Some("Президент прибыл в Баку."),
        None,
    );
    tx.commit().unwrap();
    let found = lookup(
        &conn,
        &Query::new(&ru, &en, "Президент прибыл в Баку. Переговоры начались."),
    )
    .unwrap();
    assert_eq!(
        render_kinds(&found),
        "100 joined 2: Президент прибыл в Баку. Переговоры начались. → \
         The President arrived in Baku. The talks began.\n",
        "consecutive, as their stored neighbours say"
    );
    assert_eq!(found.matches[0].units(), [UnitId(3), UnitId(4)]);
    let found = lookup(&conn, &Query::new(&ru, &en, "Нет. Да.")).unwrap();
    assert_eq!(
        render_kinds(&found),
        " 99 joined 2: Нет. Да. → No. Yes.\n",
        "not known to be consecutive"
    );
    let mut q = Query::new(&ru, &en, "Нет. Да.");
    q.min = 100;
    assert!(lookup(&conn, &q).unwrap().matches.is_empty());
    let found = lookup(&conn, &Query::new(&ru, &en, "Нет. Может быть.")).unwrap();
    assert!(found.matches.is_empty(), "a sentence no unit holds");
    let slow = lookup_exhaustive(&conn, &Query::new(&ru, &en, "Нет. Да.")).unwrap();
    assert_eq!(render_kinds(&slow), " 99 joined 2: Нет. Да. → No. Yes.\n");
}

/// Every match of English `text` into Russian scoring at least `min`, in a memory of
/// `rows` (ru, az, en), through the index and by scoring every segment.
fn fast_and_slow(rows: &[[String; 3]], text: &str, min: u8) -> (Lookup, Lookup) {
    let refs: Vec<[&str; 3]> = rows
        .iter()
        .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()])
        .collect();
    let conn = memory(&refs);
    let (en, ru) = (lang("en"), lang("ru"));
    let mut q = Query::new(&en, &ru, text);
    q.min = min;
    q.top = usize::MAX;
    (
        lookup(&conn, &q).unwrap(),
        lookup_exhaustive(&conn, &q).unwrap(),
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// The index returns exactly what scoring every segment returns, at any threshold.
    #[test]
    fn index_finds_every_match_brute_force_finds(
        memory in proptest::collection::vec(proptest::collection::vec(0usize..12, 0..14), 1..40),
        query in proptest::collection::vec(0usize..12, 0..14),
        min in 1u8..=100,
    ) {
        // A small vocabulary makes segments overlap a lot, numbers and case included.
        const WORDS: [&str; 12] = [
            "the", "talks", "Talks", "lasted", "3", "4", "hours", "in", "Baku", "and", ",", "ended",
        ];
        let sentence = |ids: &[usize]| ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let rows: Vec<[String; 3]> = memory
            .iter()
            .map(|ids| ["x".to_string(), String::new(), sentence(ids)])
            .collect();
        let (fast, slow) = fast_and_slow(&rows, &sentence(&query), min);
        let scores = |l: &Lookup| l.matches.iter().map(|m| (m.unit, m.score)).collect::<Vec<_>>();
        proptest::prop_assert_eq!(scores(&fast), scores(&slow));
        proptest::prop_assert!(fast.candidates <= slow.candidates);
    }

    /// With few matches wanted and many segments repeated, the exact-match shortcut
    /// answers as scoring every segment does, context matches included.
    #[test]
    fn exact_shortcut_keeps_the_top_matches_of_brute_force(
        memory in proptest::collection::vec((0usize..4, 0usize..3, proptest::bool::ANY), 1..30),
        query in (0usize..4, 0usize..3),
        top in 1usize..4,
        min in 1u8..=101,
    ) {
        // Four segments, three of them one case or one word apart, and three possible
        // preceding segments: exact, context, nearly exact and fuzzy matches all occur.
        const SEGMENTS: [&str; 4] = [
            "the talks ended in Baku",
            "The talks ended in Baku",
            "the talks ended in Paris",
            "the talks ended in Baku today",
        ];
        const PREVIOUS: [&str; 3] = ["Heading", "Question?", "Answer."];
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let (en, ru) = (lang("en"), lang("ru"));
        for &(segment, prev, tagged) in &memory {
            let mut source = Variant::new(en.clone(), SEGMENTS[segment]);
            source.prev_segment = Some(PREVIOUS[prev].into());
            if tagged {
                source.tags = vec!["ph".into()];
            }
            let unit = TranslationUnit {
                variants: vec![source, Variant::new(ru.clone(), "x")],
                meta: crate::tm::UnitMetadata::new(origin::ALIGNMENT, Timestamp(0)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        tx.commit().unwrap();
        let mut q = Query::new(&en, &ru, SEGMENTS[query.0]);
        q.prev = Some(PREVIOUS[query.1]);
        q.top = top;
        q.min = min;
        let fast = lookup(&conn, &q).unwrap();
        let slow = lookup_exhaustive(&conn, &q).unwrap();
        let scores = |l: &Lookup| l.matches.iter().map(|m| (m.unit, m.score)).collect::<Vec<_>>();
        proptest::prop_assert_eq!(scores(&fast), scores(&slow));
    }

    /// With units of one or two sentences, the sentences' index finds exactly what
    /// scoring every sentence finds, and ranks alike.
    #[test]
    fn sentence_index_finds_every_match_brute_force_finds(
        memory in proptest::collection::vec(
            proptest::collection::vec(proptest::collection::vec(0usize..8, 1..7), 1..3),
            1..30,
        ),
        query in proptest::collection::vec(0usize..8, 1..7),
        min in 1u8..=100,
    ) {
        const WORDS: [&str; 8] = ["talks", "lasted", "3", "hours", "in", "Baku", "ended", "today"];
        let sentence = |ids: &[usize]| {
            let text = ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            format!("The {text}.")
        };
        let rows: Vec<[String; 3]> = memory
            .iter()
            .map(|sentences| {
                let en: Vec<String> = sentences.iter().map(|s| sentence(s)).collect();
                let ru: Vec<String> = (0..sentences.len()).map(|i| format!("Предложение {i}.")).collect();
                [ru.join(" "), String::new(), en.join(" ")]
            })
            .collect();
        let (fast, slow) = fast_and_slow(&rows, &sentence(&query), min);
        let ranked = |l: &Lookup| {
            l.matches.iter().map(|m| (m.unit, m.score, m.kind.clone(), m.target.clone())).collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(ranked(&fast), ranked(&slow));
    }
}

fn ru_en(ru: &str, en: &str) -> TranslationUnit {
    TranslationUnit {
        variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
        meta: crate::tm::UnitMetadata::new(origin::ALIGNMENT, Timestamp(1_700_000_000)),
    }
}

#[test]
fn deleting_by_filter_leaves_no_trace_in_any_index() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let mut imported = ru_en("Переговоры закончились в Баку.", "The talks ended in Baku.");
    imported.meta.origin = origin::import("a.tmx");
    let gone = units::insert(&tx, &imported).unwrap();
    let mut aligned = ru_en(
        "Переговоры закончились в Москве.",
        "The talks ended in Moscow.",
    );
    aligned
        .variants
        .push(Variant::new(lang("az"), "Danışıqlar Moskvada başa çatdı."));
    let kept = units::insert(&tx, &aligned).unwrap();
    tx.commit().unwrap();

    let tx = conn.transaction().unwrap();
    let by_origin = UnitFilter {
        ids: vec![gone, UnitId(99)],
        origin: Some("import:*".into()),
        ..UnitFilter::default()
    };
    let report = units::delete_matching(&tx, &by_origin).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        report,
        Deletion {
            deleted: 1,
            not_found: vec![UnitId(99)]
        }
    );
    assert_eq!(units::get(&conn, gone).unwrap(), None);
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
    let (ru, en) = (lang("ru"), lang("en"));
    let found = lookup(
        &conn,
        &Query::new(&ru, &en, "Переговоры закончились в Баку."),
    )
    .unwrap();
    let units: Vec<UnitId> = found.matches.iter().map(|m| m.unit).collect();
    assert_eq!(
        units,
        [kept],
        "only the Moscow unit is left, as a fuzzy match"
    );
    assert!(concordance(&conn, "Baku", false, 10).unwrap().is_empty());
    assert_eq!(concordance(&conn, "Moscow", false, 10).unwrap().len(), 1);

    let tx = conn.transaction().unwrap();
    let by_lang = UnitFilter {
        langs: vec![lang("az")],
        ..UnitFilter::default()
    };
    assert_eq!(units::delete_matching(&tx, &by_lang).unwrap().deleted, 1);
    tx.commit().unwrap();
    let s = units::stats(&conn).unwrap();
    assert_eq!((s.units, s.variants, s.indexed_words), (0, 0, 0));
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
}
