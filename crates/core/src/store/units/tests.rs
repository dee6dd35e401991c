use super::*;
use crate::store::open_in_memory;

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

fn unit(ru: &str, en: &str) -> TranslationUnit {
    TranslationUnit {
        variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
        meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(1_700_000_000)),
    }
}

#[test]
fn short_pairs_are_the_term_like_units() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    insert(
        &tx,
        &unit(
            "Министерство иностранных дел",
            "Ministry of Foreign Affairs",
        ),
    )
    .unwrap();
    insert(
        &tx,
        &unit(
            "Форум открылся сегодня в Баку при участии делегаций.",
            "The forum opened.",
        ),
    )
    .unwrap();
    let pairs = short_pairs(&tx, &lang("ru"), &lang("en"), 40).unwrap();
    assert_eq!(
        pairs,
        [(
            "Министерство иностранных дел".to_string(),
            "Ministry of Foreign Affairs".to_string()
        )]
    );
    assert!(
        short_pairs(&tx, &lang("en"), &lang("az"), 40)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_unit_reads_back_as_written() {
    let mut conn = open_in_memory().unwrap();
    let mut u = unit(
        "Президент  прибыл в Баку.",
        "The President arrived in Baku.",
    );
    u.meta.notes = vec!["checked".into()];
    u.meta.props = vec![("x-client".into(), "MFA".into())];
    u.variants[0].prev_segment = Some("Заголовок ".into());
    u.variants[1].tags = vec!["ph".into()];
    let tx = conn.transaction().unwrap();
    let id = insert(&tx, &u).unwrap();
    tx.commit().unwrap();
    let mut back = get(&conn, id).unwrap().unwrap();
    assert_eq!(
        back.variants[0].text, "Президент  прибыл в Баку.",
        "text kept as given"
    );
    assert_eq!(back.variants[0].prev_segment.as_deref(), Some("Заголовок"));
    back.variants[0].prev_segment = u.variants[0].prev_segment.clone();
    assert_eq!(back, u);
}

#[test]
fn identical_units_are_found_and_deleting_clears_the_indexes() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let a = insert(&tx, &unit("Да.", "Yes.")).unwrap();
    insert(&tx, &unit("Да.", "Yes, sir.")).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        find_identical(&conn, &IndexBuffer::new(), &unit("Да.", "Yes.")).unwrap(),
        Some(a)
    );
    assert_eq!(
        find_identical(&conn, &IndexBuffer::new(), &unit("Да.", "Indeed.")).unwrap(),
        None
    );
    let tx = conn.transaction().unwrap();
    assert!(delete(&tx, a).unwrap());
    tx.commit().unwrap();
    assert_eq!(
        find_identical(&conn, &IndexBuffer::new(), &unit("Да.", "Yes.")).unwrap(),
        None
    );
    let postings: i64 = conn
        .query_row("SELECT sum(length(ids)) / 4 FROM posting_block", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(postings, 3, "the remaining unit's words: да / yes, sir");
    let s = stats(&conn).unwrap();
    assert_eq!((s.units, s.variants, s.indexed_words), (1, 2, 3));
}

#[test]
fn uses_are_counted_and_metadata_replaced() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let id = insert(&tx, &unit("Да.", "Yes.")).unwrap();
    record_use(&tx, id, Timestamp(10)).unwrap();
    record_use(&tx, id, Timestamp(20)).unwrap();
    tx.commit().unwrap();
    let meta = get(&conn, id).unwrap().unwrap().meta;
    assert_eq!(
        (meta.use_count, meta.last_used_at),
        (2, Some(Timestamp(20)))
    );
    let mut changed = meta.clone();
    changed.client = Some("MFA".into());
    changed.changed_by = Some("aysel".into());
    let tx = conn.transaction().unwrap();
    update_metadata(&tx, id, &changed).unwrap();
    tx.commit().unwrap();
    assert_eq!(get(&conn, id).unwrap().unwrap().meta, changed);
    assert_eq!(get(&conn, UnitId(99)).unwrap(), None);
}

#[test]
fn filters_by_language_origin_and_date() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let mut old = unit("Старое.", "Old.");
    old.meta.changed_at = Timestamp(1_000);
    old.meta.origin = origin::import("a.tmx");
    insert(&tx, &old).unwrap();
    let mut new = unit("Новое.", "New.");
    new.variants.push(Variant::new(lang("az"), "Yeni."));
    insert(&tx, &new).unwrap();
    tx.commit().unwrap();
    let collect = |filter: UnitFilter| {
        let mut out = Vec::new();
        for_each::<StoreError>(&conn, &filter, |u| {
            out.push(
                u.variants
                    .iter()
                    .map(|v| v.text.clone())
                    .collect::<Vec<_>>(),
            );
            Ok(())
        })
        .unwrap();
        out
    };
    let by_lang = collect(UnitFilter {
        langs: vec![lang("az"), lang("en")],
        ..UnitFilter::default()
    });
    assert_eq!(by_lang, [["New.", "Yeni."]]);
    let by_origin = collect(UnitFilter {
        origin: Some("import:*".into()),
        ..UnitFilter::default()
    });
    assert_eq!(by_origin, [["Старое.", "Old."]]);
    let by_date = collect(UnitFilter {
        changed_since: Some(Timestamp(2_000)),
        ..UnitFilter::default()
    });
    assert_eq!(by_date.len(), 1);
    assert_eq!(by_date[0][0], "Новое.");
}

#[test]
fn verify_reports_index_entries_of_a_variant_removed_behind_its_back() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    insert(&tx, &unit("Да.", "Yes.")).unwrap();
    tx.commit().unwrap();
    assert!(crate::store::verify(&conn).unwrap().is_empty());
    conn.execute("DELETE FROM variant WHERE lang = 'en'", [])
        .unwrap();
    let problems = crate::store::verify(&conn).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("postings of variants that are gone")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("concordance entries")),
        "{problems:?}"
    );
}

/// Every stored unit with exactly `wanted`'s languages and texts, read one by one.
fn identical_by_scan(conn: &Connection, wanted: &TranslationUnit) -> Vec<UnitId> {
    let key = |u: &TranslationUnit| {
        let mut pairs: Vec<(String, String)> = u
            .variants
            .iter()
            .map(|v| (v.lang.as_str().to_string(), v.text.clone()))
            .collect();
        pairs.sort();
        pairs
    };
    ids(conn, &UnitFilter::default())
        .unwrap()
        .into_iter()
        .filter(|&id| key(&get(conn, id).unwrap().unwrap()) == key(wanted))
        .collect()
}

proptest::proptest! {
    /// Units drawn from a few segments share them in every combination; whether the
    /// exact-match index is in place or the import's buffer stands in for it, the
    /// unit found is one a scan of every unit finds, and one is found whenever the
    /// scan finds any.
    #[test]
    fn find_identical_agrees_with_a_scan(
        stored in proptest::collection::vec((0..4usize, 0..3usize, proptest::bool::ANY), 0..30),
        wanted in (0..4usize, 0..3usize, proptest::bool::ANY),
        deferred in proptest::bool::ANY,
    ) {
        const RU: [&str; 4] = ["Фото: AP", "Да.", "Фото:  AP", "Нет."];
        const EN: [&str; 3] = ["Photo: AP", "Yes.", "No."];
        let make = |(r, e, az): (usize, usize, bool)| {
            let mut u = unit(RU[r], EN[e]);
            if az {
                u.variants.push(Variant::new(lang("az"), "Foto: AP"));
            }
            u
        };
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let mut index = IndexBuffer::new();
        proptest::prop_assert_eq!(index.defer_secondary(&tx).unwrap(), true);
        if !deferred {
            index.finish(&tx).unwrap();
            index = IndexBuffer::new();
        }
        for &s in &stored {
            let u = make(s);
            insert_buffered(&tx, &u, &UnitForms::of(&u), &mut index).unwrap();
        }
        let wanted = make(wanted);
        let found = find_identical(&tx, &index, &wanted).unwrap();
        let scanned = identical_by_scan(&tx, &wanted);
        match found {
            Some(id) => proptest::prop_assert!(scanned.contains(&id)),
            None => proptest::prop_assert!(scanned.is_empty()),
        }
        index.finish(&tx).unwrap();
    }
}

/// The stored sentences, `lang position text`, in id order.
fn sentences(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT lang, position, text FROM sentence ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "{} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_unit_of_two_sentences_is_cut_in_every_language_that_pairs_them() {
    let mut conn = open_in_memory().unwrap();
    let mut writer = Writer::begin(&mut conn).unwrap();
    let mut three = unit(
        "Президент прибыл в Баку. Переговоры продлились три часа.",
        "The President arrived in Baku. The talks lasted three hours.",
    );
    three.variants.push(Variant::new(
        lang("az"),
        "Prezident Bakıya gəldi. Danışıqlar üç saat davam etdi.",
    ));
    writer.insert(&three).unwrap();
    // Two sentences against one: nothing pairs them.
    writer
        .insert(&unit(
            "Форум открылся. Делегации прибыли.",
            "The forum opened as delegations arrived.",
        ))
        .unwrap();
    // Two sentences each side, but the boundary falls elsewhere in English.
    writer
        .insert(&unit(
            "Да. Министр иностранных дел Азербайджана провёл длительные переговоры с коллегами.",
            "The Minister of Foreign Affairs of Azerbaijan held long talks with colleagues. Yes.",
        ))
        .unwrap();
    // Inline codes could not follow the sentences.
    let mut tagged = unit("Да. Нет.", "Yes. No.");
    tagged.variants[1].tags = vec!["ph".into()];
    writer.insert(&tagged).unwrap();
    writer.commit().unwrap();
    assert_eq!(
        sentences(&conn),
        [
            "ru 0 Президент прибыл в Баку.",
            "ru 1 Переговоры продлились три часа.",
            "en 0 The President arrived in Baku.",
            "en 1 The talks lasted three hours.",
            "az 0 Prezident Bakıya gəldi.",
            "az 1 Danışıqlar üç saat davam etdi.",
        ]
    );
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
}

#[test]
fn sentences_follow_their_unit_through_corrections_and_deletion() {
    let mut conn = open_in_memory().unwrap();
    let mut writer = Writer::begin(&mut conn).unwrap();
    let id = writer
        .insert(&unit(
            "Президент прибыл в Баку. Переговоры продлились три часа.",
            "The President arrived in Baku. The talks lasted three hours.",
        ))
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(sentences(&conn).len(), 4);

    let mut writer = Writer::begin(&mut conn).unwrap();
    let corrected = Variant::new(
        lang("en"),
        "The President arrived in Baku. The talks lasted four hours.",
    );
    assert!(
        writer
            .correct_variant(id, &corrected, None, Timestamp(1))
            .unwrap()
    );
    writer.commit().unwrap();
    assert_eq!(
        sentences(&conn),
        [
            "ru 0 Президент прибыл в Баку.",
            "ru 1 Переговоры продлились три часа.",
            "en 0 The President arrived in Baku.",
            "en 1 The talks lasted four hours.",
        ]
    );
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());

    // Joined into one sentence in English: the unit no longer pairs sentences.
    let mut writer = Writer::begin(&mut conn).unwrap();
    let joined = Variant::new(
        lang("en"),
        "The President arrived in Baku, where the talks lasted four hours.",
    );
    writer.replace_variant(id, &joined).unwrap();
    writer.commit().unwrap();
    assert!(sentences(&conn).is_empty());
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());

    let mut writer = Writer::begin(&mut conn).unwrap();
    let id = writer
        .insert(&unit("Да. Нет, спасибо.", "Yes. No, thank you."))
        .unwrap();
    assert!(writer.delete(id).unwrap());
    writer.commit().unwrap();
    let blocks: i64 = conn
        .query_row("SELECT count(*) FROM sentence_block", [], |r| r.get(0))
        .unwrap();
    assert_eq!((sentences(&conn).len(), blocks), (0, 0));
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
}

#[test]
fn the_migration_step_cuts_stored_units_as_writing_them_does() {
    let mut conn = open_in_memory().unwrap();
    let mut writer = Writer::begin(&mut conn).unwrap();
    writer.bulk().unwrap();
    for (ru, en) in [
        ("Да. Нет.", "Yes. No."),
        ("Президент прибыл в Баку.", "The President arrived in Baku."),
        (
            "Форум открылся в 10.30. Делегации прибыли!",
            "The forum opened at 10.30. Delegations arrived!",
        ),
        ("Форум открылся. Делегации прибыли.", "The forum opened."),
    ] {
        writer.insert(&unit(ru, en)).unwrap();
    }
    writer.commit().unwrap();
    let written = crate::store::dump_memory(&conn).unwrap();
    assert_eq!(sentences(&conn).len(), 8);
    conn.execute_batch("DELETE FROM sentence; DELETE FROM sentence_block")
        .unwrap();
    let tx = conn.transaction().unwrap();
    index_stored_sentences(&tx).unwrap();
    tx.commit().unwrap();
    assert_eq!(crate::store::dump_memory(&conn).unwrap(), written);
}

#[test]
fn lengths_tell_sentences_that_pair_from_a_boundary_elsewhere() {
    let a = [
        "Президент прибыл в Баку.",
        "Переговоры продлились три часа.",
    ];
    let b = [
        "The President arrived in Baku.",
        "The talks lasted three hours.",
    ];
    assert!(sentences::length_misfit(&a, &b) < 1.0);
    let swapped = [b[1], b[0]];
    assert!(
        sentences::length_misfit(&a, &swapped) < sentences::MAX_MISFIT,
        "same lengths"
    );
    let a = [
        "Президент Азербайджана Ильхам Алиев прибыл сегодня с официальным визитом в Москву.",
        "Переговоры начались.",
    ];
    let elsewhere = [
        "The President arrived.",
        "Azerbaijan's President Ilham Aliyev arrived in Moscow today, and the talks began.",
    ];
    assert!(sentences::length_misfit(&a, &elsewhere) > sentences::MAX_MISFIT);
}

#[test]
fn two_sentences_one_language_wrote_for_one_of_another_pair_as_one_piece() {
    let mut conn = open_in_memory().unwrap();
    let mut writer = Writer::begin(&mut conn).unwrap();
    let mut u = unit(
        "Не обошлось без столкновений с полицией. Шестеро участников задержаны. \
         Год спустя в регионе сохраняется напряжение.",
        "Six people were arrested after protesters clashed with the police. \
         Tensions remain high in the region a year later.",
    );
    u.variants.push(Variant::new(
        lang("az"),
        "Etirazçılar polislə toqquşduqdan sonra altı nəfər həbs edilib. \
         Bir il sonra bölgədə gərginlik qalır.",
    ));
    writer.insert(&u).unwrap();
    writer.commit().unwrap();
    assert_eq!(
        sentences(&conn),
        [
            "ru 0 Не обошлось без столкновений с полицией. Шестеро участников задержаны.",
            "ru 1 Год спустя в регионе сохраняется напряжение.",
            "en 0 Six people were arrested after protesters clashed with the police.",
            "en 1 Tensions remain high in the region a year later.",
            "az 0 Etirazçılar polislə toqquşduqdan sonra altı nəfər həbs edilib.",
            "az 1 Bir il sonra bölgədə gərginlik qalır.",
        ]
    );
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
}
