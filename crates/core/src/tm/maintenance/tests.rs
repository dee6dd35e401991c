use super::*;
use crate::store::{open_in_memory, verify};
use crate::tm::lookup::{Query, lookup};
use crate::tm::{MatchScore, UnitMetadata, origin};

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

fn add(conn: &mut Connection, ru: &str, en: &str, at: i64) -> UnitId {
    let mut tx = Writer::begin(conn).unwrap();
    let id = tx
        .insert(&TranslationUnit {
            variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
            meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(at)),
        })
        .unwrap();
    tx.commit().unwrap();
    id
}

fn exact(conn: &Connection, tag: &str, text: &str) -> Vec<UnitId> {
    units::with_text(conn, &lang(tag), text).unwrap()
}

#[test]
fn editing_a_text_moves_every_index_to_the_new_text() {
    let mut conn = open_in_memory().unwrap();
    let id = add(
        &mut conn,
        "Переговоры прошли в Баку.",
        "The talks were held in Baku.",
        1,
    );
    let mut tx = Writer::begin(&mut conn).unwrap();
    let unit = set_text(
        &mut tx,
        id,
        &lang("en"),
        "Talks  took place in Baku.",
        Some("aysel"),
        Timestamp(50),
    )
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(
        unit.variants[1].text, "Talks  took place in Baku.",
        "kept as typed"
    );
    assert_eq!(
        (unit.meta.changed_at, unit.meta.changed_by.as_deref()),
        (Timestamp(50), Some("aysel"))
    );
    assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
    assert_eq!(
        exact(&conn, "en", "Talks took place in Baku."),
        [id],
        "normalised form"
    );
    assert!(exact(&conn, "en", "The talks were held in Baku.").is_empty());
    let found = lookup(
        &conn,
        &Query::new(&lang("en"), &lang("ru"), "Talks took place in Baku."),
    )
    .unwrap();
    assert_eq!(found.matches[0].unit, id);
    assert!(
        found.matches[0].score >= MatchScore::EXACT,
        "{:?}",
        found.matches[0].score
    );
    let old = lookup(
        &conn,
        &Query::new(&lang("en"), &lang("ru"), "The talks were held in Baku."),
    )
    .unwrap();
    assert!(
        old.matches.iter().all(|m| m.score < MatchScore::EXACT),
        "old text no exact match"
    );
    let by_text = |text: &str| {
        browse(
            &conn,
            &Browse {
                text: Some(text.into()),
                limit: 10,
                ..Browse::default()
            },
        )
        .unwrap()
        .units
        .len()
    };
    assert_eq!(
        (by_text("took"), by_text("held")),
        (1, 0),
        "concordance follows the edit"
    );
    let mut tx = Writer::begin(&mut conn).unwrap();
    assert!(matches!(
        set_text(&mut tx, id, &lang("en"), "  ", None, Timestamp(60)),
        Err(MaintenanceError::EmptyText { .. })
    ));
    assert!(matches!(
        set_text(&mut tx, UnitId(99), &lang("en"), "x", None, Timestamp(60)),
        Err(MaintenanceError::NoSuchUnit(99))
    ));
}

#[test]
fn a_control_character_is_refused_with_its_place_and_the_unit_is_unchanged() {
    let mut conn = open_in_memory().unwrap();
    let id = add(&mut conn, "Переговоры прошли в Баку.", "Talks in Baku.", 1);
    let mut tx = Writer::begin(&mut conn).unwrap();
    let err = set_text(
        &mut tx,
        id,
        &lang("en"),
        "Talks\u{1b}[2J in Baku.",
        None,
        Timestamp(2),
    )
    .unwrap_err();
    drop(tx);
    let MaintenanceError::Store(StoreError::Unstorable(bad)) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        (bad.lang.as_str(), bad.field, bad.position, bad.code),
        ("en", "text", 6, 0x1b)
    );
    assert!(err.to_string().contains("U+001B at character 6"), "{err}");
    assert_eq!(
        exact(&conn, "en", "Talks in Baku."),
        [id],
        "still as it was"
    );
    // A new unit with a control character in a note is refused too: nothing is stored.
    let mut tx = Writer::begin(&mut conn).unwrap();
    let mut noted = Variant::new(lang("ru"), "Да.");
    noted.notes.push("see \u{0}".into());
    let unit = TranslationUnit {
        variants: vec![noted, Variant::new(lang("en"), "Yes.")],
        meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(3)),
    };
    assert!(matches!(
        tx.insert(&unit),
        Err(StoreError::Unstorable(u)) if u.field == "note" && u.position == 5
    ));
    tx.commit().unwrap();
    assert!(exact(&conn, "en", "Yes.").is_empty());
}

#[test]
fn pages_follow_each_other_newest_first_under_filters() {
    let mut conn = open_in_memory().unwrap();
    let ids: Vec<UnitId> = (0..7)
        .map(|i| {
            add(
                &mut conn,
                &format!("Форум номер {i}."),
                &format!("Forum number {i}."),
                i,
            )
        })
        .collect();
    let mut tx = Writer::begin(&mut conn).unwrap();
    set_details(
        &mut tx,
        ids[2],
        &UnitDetails {
            client: Some("MFA".into()),
            notes: vec!["checked".into()],
            ..UnitDetails::default()
        },
        None,
        Timestamp(100),
    )
    .unwrap();
    tx.commit().unwrap();
    let mut query = Browse {
        limit: 3,
        ..Browse::default()
    };
    let first = browse(&conn, &query).unwrap();
    let page_ids = |p: &Page| p.units.iter().map(|(id, _)| *id).collect::<Vec<_>>();
    assert_eq!(page_ids(&first), [ids[6], ids[5], ids[4]]);
    assert_eq!(first.next, Some(ids[4]));
    query.after = Some(ids[4]);
    let second = browse(&conn, &query).unwrap();
    assert_eq!(page_ids(&second), [ids[3], ids[2], ids[1]]);
    query.after = Some(ids[1]);
    let last = browse(&conn, &query).unwrap();
    assert_eq!((page_ids(&last), last.next), (vec![ids[0]], None));
    let mfa = browse(
        &conn,
        &Browse {
            conditions: UnitConditions {
                client: Some("MFA".into()),
                ..UnitConditions::default()
            },
            limit: 10,
            ..Browse::default()
        },
    )
    .unwrap();
    assert_eq!(page_ids(&mfa), [ids[2]]);
    assert_eq!(mfa.units[0].1.meta.notes, ["checked"]);
    let inflected = Browse {
        text: Some("форумы".into()),
        inflected: true,
        limit: 10,
        ..Browse::default()
    };
    assert_eq!(browse(&conn, &inflected).unwrap().units.len(), 7);
    let dated = Browse {
        conditions: UnitConditions {
            changed_since: Some(Timestamp(5)),
            langs: vec![lang("ru"), lang("en")],
            ..UnitConditions::default()
        },
        limit: 10,
        ..Browse::default()
    };
    assert_eq!(
        page_ids(&browse(&conn, &dated).unwrap()),
        [ids[6], ids[5], ids[2]]
    );
    let no_pair = Browse {
        conditions: UnitConditions {
            langs: vec![lang("az")],
            ..UnitConditions::default()
        },
        limit: 10,
        ..Browse::default()
    };
    assert!(browse(&conn, &no_pair).unwrap().units.is_empty());
}

/// Inflected search finds the units the concordance finds, page after page, however
/// many prefix candidates it has to pass over.
#[test]
fn inflected_pages_hold_what_the_concordance_finds() {
    let mut conn = open_in_memory().unwrap();
    let texts = [
        ("Форма заявления.", "The form of the statement."),
        ("Формы заявлений.", "Forms of statements."),
        ("Формула успеха.", "The formula of success."),
        ("Формальный визит.", "A formal visit."),
        ("Реформа прошла.", "The reform passed."),
        ("Форме не соответствует.", "Does not fit the form."),
        ("Форумы открылись.", "The forums opened."),
    ];
    for _ in 0..3 {
        for (i, (ru, en)) in texts.iter().enumerate() {
            add(&mut conn, ru, en, i as i64);
        }
    }
    for phrase in ["форма", "form", "форум"] {
        let mut expected: Vec<UnitId> = concordance::concordance(&conn, phrase, true, 1000)
            .unwrap()
            .into_iter()
            .map(|hit| hit.unit)
            .collect();
        expected.sort_unstable_by(|a, b| b.cmp(a));
        expected.dedup();
        let mut query = Browse {
            text: Some(phrase.into()),
            inflected: true,
            limit: 2,
            ..Browse::default()
        };
        let mut found = Vec::new();
        loop {
            let page = browse(&conn, &query).unwrap();
            found.extend(page.units.iter().map(|(id, _)| *id));
            query.after = page.next;
            if page.next.is_none() {
                break;
            }
        }
        assert!(!expected.is_empty(), "{phrase}");
        assert_eq!(found, expected, "{phrase}");
    }
}

#[test]
fn an_inflected_search_stops_checking_and_goes_on_from_there() {
    let mut conn = open_in_memory().unwrap();
    let oldest = add(&mut conn, "Форма заявления.", "The form.", 0);
    let mut tx = Writer::begin(&mut conn).unwrap();
    for i in 0..CHECKED_PER_PAGE + 10 {
        let unit = TranslationUnit {
            variants: vec![
                Variant::new(lang("ru"), format!("Формула {i}.")),
                Variant::new(lang("en"), format!("Formula {i}.")),
            ],
            meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(1)),
        };
        tx.insert(&unit).unwrap();
    }
    tx.commit().unwrap();
    let mut query = Browse {
        text: Some("форма".into()),
        inflected: true,
        limit: 10,
        ..Browse::default()
    };
    let first = browse(&conn, &query).unwrap();
    assert!(
        first.units.is_empty(),
        "no form of форма among the first candidates"
    );
    assert!(first.next.is_some(), "but more to look at");
    query.after = first.next;
    let second = browse(&conn, &query).unwrap();
    let found: Vec<UnitId> = second.units.iter().map(|(id, _)| *id).collect();
    assert_eq!((found, second.next), (vec![oldest], None));
}

#[test]
fn duplicates_are_grouped_and_merged_into_one_unit() {
    let mut conn = open_in_memory().unwrap();
    let a = add(
        &mut conn,
        "Президент  прибыл.",
        "The President arrived.",
        10,
    );
    let b = add(&mut conn, "президент прибыл.", "The President arrived.", 5);
    let c = add(
        &mut conn,
        "Президент прибыл.",
        "The  President arrived.",
        20,
    );
    let d = add(&mut conn, "Нет.", "No.", 1);
    let e = add(&mut conn, "Нет.", "Not at all.", 2);
    add(&mut conn, "Может быть.", "Maybe.", 3);
    let groups = duplicates(&conn, &lang("ru"), &lang("en"), 10).unwrap();
    assert_eq!(
        groups,
        [
            DuplicateGroup {
                likeness: Likeness::Identical,
                units: vec![a, c]
            },
            DuplicateGroup {
                likeness: Likeness::SameSource,
                units: vec![d, e]
            },
        ],
        "spaces collapse, case counts"
    );
    let mut tx = Writer::begin(&mut conn).unwrap();
    for (id, uses, note) in [(a, 2, "first"), (c, 3, "second")] {
        let mut meta = tx.get(id).unwrap().unwrap().meta;
        meta.use_count = uses;
        meta.notes = vec![note.into()];
        tx.update_metadata(id, &meta).unwrap();
    }
    let merged = merge(&mut tx, a, &[c]).unwrap();
    tx.commit().unwrap();
    assert_eq!(merged.meta.use_count, 5, "use counts summed");
    assert_eq!(merged.meta.created_at, Timestamp(10), "earliest creation");
    assert_eq!(merged.meta.changed_at, Timestamp(20), "latest change");
    assert_eq!(merged.meta.notes, ["first", "second"]);
    assert_eq!(units::get(&conn, c).unwrap(), None);
    assert_eq!(exact(&conn, "ru", "Президент прибыл."), [a]);
    assert_eq!(exact(&conn, "ru", "президент прибыл."), [b]);
    assert_eq!(
        merged.variants[0].text, "Президент  прибыл.",
        "the kept unit's text as written"
    );
    assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
    let left = duplicates(&conn, &lang("ru"), &lang("en"), 10).unwrap();
    assert_eq!(left.len(), 1, "only the group to pick from: {left:?}");
    let mut tx = Writer::begin(&mut conn).unwrap();
    assert!(matches!(
        merge(&mut tx, a, &[a]),
        Err(MaintenanceError::NothingToMerge)
    ));
}

#[test]
fn deleting_selected_units_and_counting_what_is_left() {
    let mut conn = open_in_memory().unwrap();
    let a = add(&mut conn, "Да.", "Yes.", 10);
    let b = add(&mut conn, "Нет.", "No.", 30);
    let c = add(&mut conn, "Может быть.", "Maybe.", 20);
    let mut tx = Writer::begin(&mut conn).unwrap();
    let gone = delete(&mut tx, &[a, c, UnitId(42)]).unwrap();
    tx.commit().unwrap();
    assert_eq!((gone.deleted, gone.not_found), (2, vec![UnitId(42)]));
    assert!(exact(&conn, "ru", "Да.").is_empty());
    assert_eq!(exact(&conn, "ru", "Нет."), [b]);
    assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
    let o = overview(&conn).unwrap();
    assert_eq!(o.units, 1);
    assert_eq!(o.pairs, [("en".to_string(), "ru".to_string(), 1)]);
    assert_eq!(o.origins, [(origin::ALIGNMENT.to_string(), 1)]);
    assert_eq!(o.span, Some((Timestamp(30), Timestamp(30))));
    assert!(o.file_bytes > 0);
}
