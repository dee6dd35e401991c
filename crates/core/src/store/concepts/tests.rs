use super::*;
use crate::store::term::TermStatus;
use crate::store::{glossary, open_in_memory};

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

fn concept(terms: &[(&str, &str)]) -> Concept {
    Concept {
        terms: terms.iter().map(|(l, t)| Term::new(lang(l), *t)).collect(),
        ..Concept::default()
    }
}

fn texts(page: &ConceptPage) -> Vec<String> {
    page.concepts
        .iter()
        .map(|c| c.concept.terms[0].text.clone())
        .collect()
}

fn find(conn: &Connection, text: &str) -> ConceptPage {
    let query = ConceptQuery {
        text: text.into(),
        limit: 10,
        ..ConceptQuery::default()
    };
    search(conn, &query).unwrap()
}

#[test]
fn concepts_are_added_found_by_folded_forms_edited_and_deleted() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let g = create_glossary(&tx, "Mine", 5).unwrap();
    let forum = add_concept(
        &tx,
        g,
        &concept(&[("en", "forum"), ("ru", "Форум|"), ("az", "İstanbul forumu")]),
        None,
    )
    .unwrap();
    add_concept(&tx, g, &concept(&[("en", "ёлка"), ("ru", "ёлка")]), None).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        texts(&find(&conn, "ФОРУМ")),
        ["forum"],
        "Cyrillic case folded"
    );
    assert_eq!(
        texts(&find(&conn, "istanbul")),
        ["forum"],
        "Turkic İ folds to i"
    );
    assert_eq!(
        texts(&find(&conn, "елка")),
        ["ёлка"],
        "ё folds to е in Russian"
    );
    assert_eq!(find(&conn, "").total, 2);
    assert_eq!(find(&conn, "nothing").total, 0);

    let mut edited = concept(&[("en", "forum"), ("ru", "форум|")]);
    edited.terms[0].status = TermStatus::Deprecated;
    edited.terms[1].part_of_speech = Some("noun".into());
    let made_id = super::concept(&conn, forum).unwrap().unwrap().concept.id;
    let tx = conn.transaction().unwrap();
    save_concept(&tx, forum, &edited, Some("me")).unwrap();
    tx.commit().unwrap();
    let stored = super::concept(&conn, forum).unwrap().unwrap();
    assert_eq!(
        stored.concept.terms, edited.terms,
        "terms replaced as given"
    );
    assert!(
        made_id.starts_with("c-") && crate::glossary::concept_id::is_xml_id(&made_id),
        "a made id, not the term: {made_id}"
    );
    assert_eq!(stored.concept.id, made_id, "id kept when none given");
    assert_eq!(
        find(&conn, "istanbul").total,
        0,
        "removed term no longer found"
    );
    let loaded = glossary::load(&conn, &[]).unwrap();
    assert_eq!(loaded[0].concept.terms[0].status, TermStatus::Deprecated);

    let tx = conn.transaction().unwrap();
    delete_concept(&tx, forum).unwrap();
    assert!(matches!(
        delete_concept(&tx, forum),
        Err(ConceptError::NoSuchConcept(_))
    ));
    tx.commit().unwrap();
    assert_eq!(texts(&find(&conn, "")), ["ёлка"]);
}

#[test]
fn terms_written_before_migration_7_are_folded_by_it() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let g = create_glossary(&tx, "Old", 0).unwrap();
    add_concept(&tx, g, &concept(&[("az", "İstanbul|")]), None).unwrap();
    // As a schema-6 database holds it: no folded form.
    tx.execute("UPDATE term SET folded = ''", []).unwrap();
    tx.commit().unwrap();
    assert_eq!(find(&conn, "istanbul").total, 0);
    let tx = conn.transaction().unwrap();
    fold_stored_terms(&tx).unwrap();
    tx.commit().unwrap();
    assert_eq!(texts(&find(&conn, "istanbul")), ["İstanbul|"]);
}

#[test]
fn bad_edits_change_nothing() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let g = create_glossary(&tx, "Mine", 0).unwrap();
    let row = add_concept(&tx, g, &concept(&[("en", "forum")]), None).unwrap();
    assert!(matches!(
        create_glossary(&tx, " Mine ", 0),
        Err(ConceptError::GlossaryExists(_))
    ));
    assert!(matches!(
        save_concept(&tx, row, &concept(&[("en", "a"), ("en", "a ")]), None),
        Err(ConceptError::DuplicateTerm { .. })
    ));
    assert!(matches!(
        save_concept(&tx, row, &concept(&[("en", " | ")]), None),
        Err(ConceptError::EmptyTerm { position: 1 })
    ));
    assert!(matches!(
        save_concept(&tx, row, &Concept::default(), None),
        Err(ConceptError::NoTerms)
    ));
    assert_eq!(
        super::concept(&tx, row).unwrap().unwrap().concept.terms,
        concept(&[("en", "forum")]).terms
    );
}

#[test]
fn search_pages_through_many_concepts() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let g = create_glossary(&tx, "Big", 0).unwrap();
    let many: Vec<Concept> = (0..1200)
        .map(|i| Concept {
            id: format!("c{i}"),
            ..concept(&[("en", &format!("term {i}"))])
        })
        .collect();
    import(&tx, g, &many, ConceptPolicy::Merge, None).unwrap();
    tx.commit().unwrap();
    let page = search(
        &conn,
        &ConceptQuery {
            glossary: Some(g),
            text: "TERM 11".into(),
            offset: 5,
            limit: 3,
        },
    )
    .unwrap();
    assert_eq!(page.total, 111, "term 11, 110..119, 1100..1199");
    assert_eq!(texts(&page), ["term 114", "term 115", "term 116"]);
}

#[test]
fn imports_are_all_or_nothing_and_report_rejected_concepts() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let g = create_glossary(&tx, "Mine", 0).unwrap();
    let forum = Concept {
        id: "forum".into(),
        ..concept(&[("en", "forum")])
    };
    add_concept(&tx, g, &forum, None).unwrap();
    tx.commit().unwrap();
    let before = find(&conn, "");

    let file = [
        Concept {
            id: "forum".into(),
            ..concept(&[("en", "forum"), ("ru", "форум")])
        },
        Concept {
            id: "2".into(),
            ..concept(&[("en", " ")])
        },
        Concept {
            id: "3".into(),
            ..concept(&[("en", "talks"), ("ru", "переговоры")])
        },
    ];
    let tx = conn.transaction().unwrap();
    let mut calls = 0;
    let stopped = import_reporting(&tx, g, &file, ConceptPolicy::Merge, None, |_, _| {
        calls += 1;
        ControlFlow::Break(())
    });
    assert!(matches!(stopped, Err(ImportError::Cancelled)));
    drop(tx);
    assert_eq!(calls, 1);
    assert_eq!(
        find(&conn, ""),
        before,
        "a cancelled import changes nothing"
    );

    let tx = conn.transaction().unwrap();
    let report = import_reporting(&tx, g, &file, ConceptPolicy::Merge, None, |_, _| {
        ControlFlow::Continue(())
    })
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(report.merged, 1, "forum gained its Russian term");
    assert_eq!(
        report.rejected,
        [RejectedConcept {
            concept: "2".into(),
            reason: "term 1: the text is empty".into()
        }]
    );
}

#[test]
fn a_character_xml_cannot_carry_is_refused_where_it_is() {
    let mut with_note = concept(&[("en", "treaty"), ("ru", "договор")]);
    with_note.terms[1].note = Some("из письма\u{c}".into());
    let cases = [
        (
            concept(&[("en", "treaty"), ("ru", "дого\u{7}вор")]),
            ConceptPlace::Term(2),
            5,
        ),
        (with_note, ConceptPlace::Note(2), 10),
        (
            Concept {
                fields: [("subject".to_string(), "\u{fffe}".to_string())].into(),
                ..concept(&[("en", "treaty")])
            },
            ConceptPlace::Field("subject".into()),
            1,
        ),
    ];
    for (concept, place, position) in cases {
        match checked(&concept) {
            Err(ConceptError::Unstorable {
                place: p,
                position: at,
                ..
            }) => assert_eq!((p, at), (place, position)),
            other => panic!("{other:?}"),
        }
    }
    // Tab, line feed and carriage return are text.
    assert!(checked(&concept(&[("en", "a\tb\nc\r")])).is_ok());
}
