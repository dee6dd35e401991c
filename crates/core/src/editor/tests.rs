//! Tests of the editor across its files: each edit and its undo, random edit sequences,
//! realigning between anchors, saving and resuming, approving, export.

use proptest::prelude::*;

use super::*;
use crate::align::{AlignOptions, align};
use crate::document::Document;
use crate::lang::LanguageTag;
use crate::segment;
use crate::store;
use crate::tm::Timestamp;

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

/// A ru–en alignment of the given beads, each `[ru segments, en segments]`, with a
/// confidence of 0.5.
fn grid(beads: &[[&[&str]; 2]]) -> EditableAlignment {
    let beads = beads
        .iter()
        .map(|sides| EditBead {
            segments: sides
                .iter()
                .map(|s| s.iter().map(|t| t.to_string()).collect())
                .collect(),
            confidence: 0.5,
            confirmed: false,
            approved: false,
        })
        .collect();
    EditableAlignment::from_beads(
        vec![lang("ru"), lang("en")],
        vec!["ru.txt".into(), "en.txt".into()],
        beads,
    )
    .unwrap()
}

/// Four beads, the third with nothing in Russian: `A1 = E1`, `A2+A3 = E2`, ` = E3`,
/// `A4 = E4`.
fn sample() -> EditableAlignment {
    grid(&[
        [&["A1"], &["E1"]],
        [&["A2", "A3"], &["E2"]],
        [&[], &["E3"]],
        [&["A4"], &["E4"]],
    ])
}

/// Each bead as `ru segments = en segments`, segments joined by `+`.
fn rows(g: &EditableAlignment) -> Vec<String> {
    g.beads()
        .iter()
        .map(|b| {
            b.segments
                .iter()
                .map(|s| s.join("+"))
                .collect::<Vec<_>>()
                .join(" = ")
        })
        .collect()
}

fn at(bead: usize, column: usize, segment: usize) -> SegmentRef {
    SegmentRef {
        bead,
        column,
        segment,
    }
}

/// Apply `edit` to `sample()`, check that undoing it gives `sample()` back and redoing
/// it the edited beads again, and return the edited rows.
fn edited(edit: Edit) -> Vec<String> {
    let mut g = sample();
    let step = g.apply(&edit).unwrap();
    let after = g.clone();
    g.undo_step(&step);
    assert_eq!(g, sample(), "undoing {edit:?} restores the beads");
    g.redo_step(&step);
    assert_eq!(g, after, "redoing {edit:?} makes it again");
    rows(&g)
}

/// Apply `edit` to `sample()`, expecting it to fail and change nothing.
fn refused(edit: Edit) -> EditorError {
    let mut g = sample();
    let err = g.apply(&edit).unwrap_err();
    assert_eq!(g, sample(), "a refused {edit:?} changes nothing");
    err
}

#[test]
fn merging_joins_within_a_bead_and_across_beads() {
    assert_eq!(
        edited(Edit::MergeWithNext { at: at(1, 0, 0) }),
        ["A1 = E1", "A2 A3 = E2", " = E3", "A4 = E4"]
    );
    assert_eq!(
        edited(Edit::MergeWithNext { at: at(0, 1, 0) }),
        ["A1 = E1 E2", "A2+A3 = ", " = E3", "A4 = E4"],
        "the next English segment is pulled up from the next bead"
    );
    assert_eq!(
        edited(Edit::MergeWithNext { at: at(1, 0, 1) }),
        ["A1 = E1", "A2+A3 A4 = E2", " = E3", " = E4"],
        "the bead without Russian is passed over"
    );
    assert_eq!(
        edited(Edit::MergeWithNext { at: at(1, 1, 0) }),
        ["A1 = E1", "A2+A3 = E2 E3", "A4 = E4"],
        "the bead left empty disappears"
    );
    assert_eq!(
        edited(Edit::MergeWithPrevious { at: at(3, 1, 0) }),
        ["A1 = E1", "A2+A3 = E2", " = E3 E4", "A4 = "]
    );
    assert!(matches!(
        refused(Edit::MergeWithPrevious { at: at(0, 0, 0) }),
        EditorError::NoPreviousSegment { .. }
    ));
    assert!(matches!(
        refused(Edit::MergeWithNext { at: at(3, 1, 0) }),
        EditorError::NoNextSegment { .. }
    ));
    assert!(matches!(
        refused(Edit::MergeWithNext { at: at(2, 0, 0) }),
        EditorError::NoSuchSegment { .. }
    ));
}

#[test]
fn merging_uses_the_languages_joiner() {
    let mut g = EditableAlignment::from_beads(
        vec![lang("ja"), lang("en")],
        vec!["ja".into(), "en".into()],
        vec![EditBead {
            segments: vec![vec!["一。".into(), "二。".into()], vec!["One. Two.".into()]],
            confidence: 1.0,
            confirmed: false,
            approved: false,
        }],
    )
    .unwrap();
    g.apply(&Edit::MergeWithNext { at: at(0, 0, 0) }).unwrap();
    assert_eq!(g.beads()[0].segments[0], ["一。二。"]);
}

#[test]
fn splitting_cuts_at_a_byte_offset_inside_the_text() {
    let mut g = grid(&[[&["Форум открылся. Он продлится два дня."], &["x"]]]);
    let original = g.clone();
    let offset = "Форум открылся.".len();
    let step = g
        .apply(&Edit::Split {
            at: at(0, 0, 0),
            offset,
        })
        .unwrap();
    assert_eq!(
        g.beads()[0].segments[0],
        ["Форум открылся.", "Он продлится два дня."]
    );
    g.undo_step(&step);
    assert_eq!(g, original);
    // 1 and offset + 2 fall inside two-byte letters.
    for offset in [0, 1, offset + 2, 200] {
        let err = g
            .apply(&Edit::Split {
                at: at(0, 0, 0),
                offset,
            })
            .unwrap_err();
        assert!(
            matches!(err, EditorError::BadSplitOffset { .. }),
            "offset {offset}: {err}"
        );
        assert_eq!(g, original);
    }
}

#[test]
fn shifting_moves_a_segment_into_the_neighbouring_bead() {
    assert_eq!(
        edited(Edit::ShiftUp { at: at(3, 1, 0) }),
        ["A1 = E1", "A2+A3 = E2", " = E3+E4", "A4 = "],
        "a gap opens in the bead it left"
    );
    assert_eq!(
        edited(Edit::ShiftUp { at: at(0, 0, 0) }),
        ["A1 = ", " = E1", "A2+A3 = E2", " = E3", "A4 = E4"],
        "shifting up from the first bead makes a new one"
    );
    assert_eq!(
        edited(Edit::ShiftDown { at: at(2, 1, 0) }),
        ["A1 = E1", "A2+A3 = E2", "A4 = E3+E4"],
        "the bead left empty disappears"
    );
    assert_eq!(
        edited(Edit::ShiftDown { at: at(1, 0, 1) }),
        ["A1 = E1", "A2 = E2", "A3 = E3", "A4 = E4"],
        "a gap is filled"
    );
    assert_eq!(
        edited(Edit::ShiftDown { at: at(3, 0, 0) }),
        ["A1 = E1", "A2+A3 = E2", " = E3", " = E4", "A4 = "]
    );
    assert!(matches!(
        refused(Edit::ShiftUp { at: at(1, 0, 1) }),
        EditorError::NotAtBeadEdge { .. }
    ));
    assert!(matches!(
        refused(Edit::ShiftDown { at: at(1, 0, 0) }),
        EditorError::NotAtBeadEdge { .. }
    ));
}

#[test]
fn text_edits_beads_and_confirmation() {
    assert_eq!(
        edited(Edit::EditText {
            at: at(0, 1, 0),
            text: "  E1 fixed ".into()
        }),
        ["A1 = E1 fixed", "A2+A3 = E2", " = E3", "A4 = E4"]
    );
    assert!(matches!(
        refused(Edit::EditText {
            at: at(0, 1, 0),
            text: " \n".into()
        }),
        EditorError::BlankText { .. }
    ));
    assert_eq!(
        edited(Edit::DeleteBead { bead: 1 }),
        ["A1 = E1", " = E3", "A4 = E4"]
    );
    assert_eq!(
        edited(Edit::InsertBead { at: 4 }),
        ["A1 = E1", "A2+A3 = E2", " = E3", "A4 = E4", " = "]
    );
    assert!(matches!(
        refused(Edit::InsertBead { at: 5 }),
        EditorError::NoSuchBead { bead: 5 }
    ));
    assert!(matches!(
        refused(Edit::DeleteBead { bead: 4 }),
        EditorError::NoSuchBead { bead: 4 }
    ));
    assert!(matches!(
        refused(Edit::EditText {
            at: at(0, 7, 0),
            text: "x".into()
        }),
        EditorError::NoSuchColumn { column: 7 }
    ));
    let mut g = sample();
    g.apply(&Edit::SetConfirmed {
        bead: 2,
        confirmed: true,
    })
    .unwrap();
    assert!(g.beads()[2].confirmed);
    g.apply(&Edit::SetConfirmed {
        bead: 2,
        confirmed: false,
    })
    .unwrap();
    assert_eq!(g, sample());
}

#[test]
fn changing_a_beads_text_takes_its_approval_back() {
    let mut g = sample();
    g.beads[0].approved = true;
    g.beads[1].approved = true;
    g.apply(&Edit::SetConfirmed {
        bead: 0,
        confirmed: true,
    })
    .unwrap();
    assert!(g.beads()[0].approved, "confirming changes no text");
    g.apply(&Edit::EditText {
        at: at(1, 1, 0),
        text: "E2 fixed".into(),
    })
    .unwrap();
    assert!(!g.beads()[1].approved, "the memory holds the old text");
}

#[test]
fn history_undoes_and_redoes_and_a_new_edit_drops_the_redo() {
    let mut g = sample();
    let mut history = History::default();
    history.push(g.apply(&Edit::DeleteBead { bead: 0 }).unwrap());
    history.push(g.apply(&Edit::DeleteBead { bead: 0 }).unwrap());
    assert_eq!(rows(&g), [" = E3", "A4 = E4"]);
    history.undo(&mut g).unwrap();
    history.undo(&mut g).unwrap();
    assert_eq!(g, sample());
    assert!(history.undo(&mut g).is_none());
    history.redo(&mut g).unwrap();
    assert_eq!(rows(&g), ["A2+A3 = E2", " = E3", "A4 = E4"]);
    history.push(g.apply(&Edit::InsertBead { at: 0 }).unwrap());
    assert!(history.redo.is_empty());
    assert!(history.redo(&mut g).is_none());
}

#[test]
fn the_history_keeps_the_last_thousand_steps_in_memory_and_in_the_store() {
    let mut conn = store::open_in_memory().unwrap();
    let mut project = AlignmentProject::create(&mut conn, "S", sample(), Timestamp(1)).unwrap();
    for k in 0..=HISTORY_LIMIT {
        let confirm = Edit::SetConfirmed {
            bead: 0,
            confirmed: k % 2 == 0,
        };
        project.edit(&mut conn, &confirm, Timestamp(2)).unwrap();
    }
    assert_eq!(project.history.undo.len(), HISTORY_LIMIT);
    let resumed = AlignmentProject::open(&conn, project.id).unwrap();
    assert_eq!(
        resumed.history, project.history,
        "the oldest step went from both"
    );
}

#[test]
fn the_table_shows_flags_confidence_and_every_columns_segments() {
    let mut g = sample();
    g.apply(&Edit::SetConfirmed {
        bead: 1,
        confirmed: true,
    })
    .unwrap();
    g.beads[3].approved = true;
    insta::assert_snapshot!(g.render(), @r"
    .. 0.50 A1 ‖ E1
    C. 0.50 A2 | A3 ‖ E2
    .. 0.50  ‖ E3
    .A 0.50 A4 ‖ E4
    ");
}

#[test]
fn edits_travel_as_tagged_json() {
    let edit = Edit::Split {
        at: at(1, 0, 2),
        offset: 5,
    };
    let json = serde_json::to_string(&edit).unwrap();
    assert_eq!(
        json,
        r#"{"op":"split","at":{"bead":1,"column":0,"segment":2},"offset":5}"#
    );
    assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
}

// Random grids and random edits: whatever sequence is made, undoing it all gives the
// start back, redoing it all the end, and a refused edit changes nothing.

fn any_grid() -> impl Strategy<Value = EditableAlignment> {
    let word = (0u8..6).prop_map(|n| format!("w{n} v{n}"));
    (2usize..=3).prop_flat_map(move |columns| {
        let bead = (
            proptest::collection::vec(proptest::collection::vec(word.clone(), 0..3), columns),
            0.0f32..1.0,
            any::<bool>(),
        )
            .prop_map(|(segments, confidence, confirmed)| EditBead {
                segments,
                confidence,
                confirmed,
                approved: false,
            });
        proptest::collection::vec(bead, 0..7).prop_map(move |beads| {
            let tags = ["ru", "az", "en"][..columns].iter().map(|t| lang(t));
            EditableAlignment::from_beads(
                tags.collect(),
                (0..columns).map(|c| format!("doc{c}")).collect(),
                beads,
            )
            .unwrap()
        })
    })
}

/// Raw choices of an edit: kind, bead, column, segment, offset, flag.
type RawEdit = (u8, usize, usize, usize, usize, bool);

fn any_edit() -> impl Strategy<Value = RawEdit> {
    (
        0u8..11,
        0usize..64,
        0usize..3,
        0usize..4,
        0usize..7,
        any::<bool>(),
    )
}

/// The edit `raw` stands for on `g`: indices mostly within bounds, so most edits are
/// valid, with one past the end now and then so refusals are exercised too.
fn resolve(raw: RawEdit, g: &EditableAlignment) -> Edit {
    let (kind, bead, column, segment, offset, flag) = raw;
    let bead = bead % (g.beads().len() + 1);
    let segment = match g.beads().get(bead).and_then(|b| b.segments.get(column)) {
        Some(s) => segment % (s.len() + 1),
        None => segment,
    };
    let at = at(bead, column, segment);
    match kind {
        0 => Edit::MergeWithNext { at },
        1 => Edit::MergeWithPrevious { at },
        2 => Edit::Split { at, offset },
        3 => Edit::ShiftUp { at },
        4 => Edit::ShiftDown { at },
        5 => Edit::EditText {
            at,
            text: if flag { "edited".into() } else { " ".into() },
        },
        6 => Edit::DeleteBead { bead },
        7 => Edit::InsertBead { at: bead },
        8 => Edit::SetConfirmed {
            bead,
            confirmed: flag,
        },
        9 if flag => Edit::RealignRest,
        _ => Edit::MergeWithPrevious { at },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undoing_every_edit_restores_the_start_and_redoing_restores_the_end(
        start in any_grid(),
        edits in proptest::collection::vec(any_edit(), 1..25),
    ) {
        let mut g = start.clone();
        let mut history = History::default();
        let mut made = 0;
        for raw in edits {
            let edit = &resolve(raw, &g);
            let before = g.clone();
            match g.apply(edit) {
                Ok(step) => {
                    made += 1;
                    history.push(step);
                }
                Err(_) => prop_assert_eq!(&g, &before, "a refused {:?} changed the beads", edit),
            }
            prop_assert!(g.beads().iter().all(|b| b.segments.len() == g.columns()));
        }
        let end = g.clone();
        prop_assert_eq!(history.undo.len(), made);
        while history.undo(&mut g).is_some() {}
        prop_assert_eq!(&g, &start);
        while history.redo(&mut g).is_some() {}
        prop_assert_eq!(&g, &end);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The store applies splices to its rows (renumbering positions) rather than
    /// rewriting the project; after any mix of edits, undos and redos, reopening must
    /// give exactly what the editor holds in memory.
    #[test]
    fn the_store_follows_every_edit_undo_and_redo(
        start in any_grid(),
        moves in proptest::collection::vec((any_edit(), 0u8..4), 1..20),
    ) {
        let mut conn = store::open_in_memory().unwrap();
        let mut project = AlignmentProject::create(&mut conn, "p", start, Timestamp(1)).unwrap();
        for (k, (raw, action)) in moves.into_iter().enumerate() {
            let now = Timestamp(2 + k as i64);
            // Mostly edits; an undo or a redo one time in four each.
            let _ = match action {
                0 => project.undo(&mut conn, now).map(|_| ()),
                1 => project.redo(&mut conn, now).map(|_| ()),
                _ => {
                    let edit = resolve(raw, &project.alignment);
                    project.edit(&mut conn, &edit, now).map(|_| ())
                }
            };
        }
        prop_assert_eq!(AlignmentProject::open(&conn, project.id).unwrap(), project);
    }
}

// Realigning between anchors.

fn doc(lang_tag: &str, lines: &[&str]) -> Document {
    let text = lines.join("\n") + "\n";
    Document {
        name: format!("{lang_tag}.txt"),
        lang: lang(lang_tag),
        segments: segment::presegmented(&text),
        text,
    }
}

fn press_release() -> [Document; 2] {
    [
        doc(
            "ru",
            &[
                "Президент Ильхам Алиев прибыл в Баку 12 мая.",
                "Переговоры длились 3 часа.",
                "Стороны подписали 7 соглашений о сотрудничестве.",
                "Форум соберёт 500 участников из 40 стран.",
                "Следующая встреча пройдёт в Лондоне в 2027 году.",
            ],
        ),
        doc(
            "en",
            &[
                "President Ilham Aliyev arrived in Baku on 12 May.",
                "The talks lasted 3 hours.",
                "The parties signed 7 cooperation agreements.",
                "The forum will bring together 500 participants from 40 countries.",
                "The next meeting will take place in London in 2027.",
            ],
        ),
    ]
}

fn aligned_press_release() -> EditableAlignment {
    let docs = press_release();
    let alignment = align(&docs, &AlignOptions::default()).unwrap();
    EditableAlignment::from_alignment(&docs, &alignment).unwrap()
}

#[test]
fn realigning_restores_a_scrambled_stretch_and_leaves_anchors_alone() {
    let aligned = aligned_press_release();
    assert_eq!(aligned.beads().len(), 5, "{}", aligned.render());
    let mut g = aligned.clone();
    for bead in [0, 4] {
        g.apply(&Edit::SetConfirmed {
            bead,
            confirmed: true,
        })
        .unwrap();
    }
    // Push the middle's English sentences down: no pair in the middle is right now.
    g.apply(&Edit::ShiftDown { at: at(2, 1, 0) }).unwrap();
    g.apply(&Edit::ShiftDown { at: at(1, 1, 0) }).unwrap();
    assert_eq!(g.beads()[2].segments[1][0], "The talks lasted 3 hours.");
    let scrambled = g.clone();
    let anchors = [g.beads()[0].clone(), g.beads().last().unwrap().clone()];

    let step = g.realign_rest(&AlignOptions::default()).unwrap();
    assert_eq!(
        rows(&g),
        rows(&aligned),
        "the middle is aligned as the aligner aligns it"
    );
    assert_eq!([g.beads()[0].clone(), g.beads()[4].clone()], anchors);
    assert!(g.beads()[1..4].iter().all(|b| !b.confirmed));
    g.undo_step(&step);
    assert_eq!(g, scrambled, "realigning is one step");
}

#[test]
fn realigning_without_anchors_realigns_everything_and_all_anchors_change_nothing() {
    let aligned = aligned_press_release();
    let mut g = aligned.clone();
    g.apply(&Edit::ShiftUp { at: at(4, 0, 0) }).unwrap();
    g.apply(&Edit::RealignRest).unwrap();
    assert_eq!(rows(&g), rows(&aligned));
    for bead in 0..5 {
        g.apply(&Edit::SetConfirmed {
            bead,
            confirmed: true,
        })
        .unwrap();
    }
    g.apply(&Edit::ShiftUp { at: at(4, 0, 0) }).unwrap();
    let confirmed = g.clone();
    let step = g.apply(&Edit::RealignRest).unwrap();
    assert!(step.splices.is_empty());
    assert_eq!(g, confirmed);
}

// The store: saving, resuming, approving.

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dragoman-editor-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("dragoman.sqlite")
}

#[test]
fn every_edit_is_saved_and_the_project_resumes_with_its_history() {
    let path = temp_db("resume");
    let mut conn = store::open(&path).unwrap();
    let mut project =
        AlignmentProject::create(&mut conn, "Forum", aligned_press_release(), Timestamp(10))
            .unwrap();
    let edits = [
        Edit::MergeWithNext { at: at(0, 0, 0) },
        Edit::ShiftDown { at: at(2, 1, 0) },
        Edit::InsertBead { at: 0 },
        Edit::SetConfirmed {
            bead: 1,
            confirmed: true,
        },
        Edit::Split {
            at: at(1, 0, 0),
            offset: "Президент".len(),
        },
        Edit::DeleteBead { bead: 3 },
    ];
    for (k, edit) in edits.iter().enumerate() {
        project
            .edit(&mut conn, edit, Timestamp(11 + k as i64))
            .unwrap();
    }
    project.undo(&mut conn, Timestamp(20)).unwrap();
    project.undo(&mut conn, Timestamp(21)).unwrap();
    project.redo(&mut conn, Timestamp(22)).unwrap();
    drop(conn);

    let mut conn = store::open(&path).unwrap();
    let resumed = AlignmentProject::open(&conn, project.id).unwrap();
    assert_eq!(resumed, project, "the file holds what the editor showed");
    assert_eq!(
        (resumed.history.undo.len(), resumed.history.redo.len()),
        (5, 1)
    );

    // Undo all the way back after the restart: the file's history still fits its beads.
    let mut resumed = resumed;
    while resumed.undo(&mut conn, Timestamp(30)).is_ok() {}
    assert_eq!(resumed.alignment, aligned_press_release());
    let reopened = AlignmentProject::open(&conn, project.id).unwrap();
    assert_eq!(reopened.alignment, aligned_press_release());
    assert!(matches!(
        resumed.undo(&mut conn, Timestamp(31)),
        Err(EditorError::NothingToUndo)
    ));
    drop(conn);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn projects_are_listed_and_deleted() {
    let mut conn = store::open_in_memory().unwrap();
    let first = AlignmentProject::create(&mut conn, "Forum", aligned_press_release(), Timestamp(1))
        .unwrap();
    let mut second = AlignmentProject::create(&mut conn, "Short", sample(), Timestamp(2)).unwrap();
    second
        .edit(
            &mut conn,
            &Edit::SetConfirmed {
                bead: 0,
                confirmed: true,
            },
            Timestamp(5),
        )
        .unwrap();
    let list = AlignmentProject::list(&conn).unwrap();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Short", "Forum"], "most recently changed first");
    assert_eq!(
        (list[0].beads, list[0].confirmed, list[0].approved),
        (4, 1, 0)
    );
    assert_eq!(list[1].documents, ["ru.txt", "en.txt"]);
    assert_eq!(list[0].changed_at, Timestamp(5));
    assert!(AlignmentProject::delete(&mut conn, first.id).unwrap());
    assert!(!AlignmentProject::delete(&mut conn, first.id).unwrap());
    assert_eq!(AlignmentProject::list(&conn).unwrap().len(), 1);
    assert!(matches!(
        AlignmentProject::open(&conn, first.id),
        Err(EditorError::NoSuchProject(_))
    ));
    let beads: i64 = conn
        .query_row("SELECT count(*) FROM alignment_bead", [], |r| r.get(0))
        .unwrap();
    assert_eq!(beads, 4, "the deleted project's beads went with it");
}

#[test]
fn a_refused_edit_writes_nothing() {
    let mut conn = store::open_in_memory().unwrap();
    let mut project = AlignmentProject::create(&mut conn, "S", sample(), Timestamp(1)).unwrap();
    let err = project
        .edit(&mut conn, &Edit::DeleteBead { bead: 9 }, Timestamp(2))
        .unwrap_err();
    assert!(matches!(err, EditorError::NoSuchBead { bead: 9 }));
    assert_eq!(AlignmentProject::open(&conn, project.id).unwrap(), project);
    assert!(project.history.undo.is_empty());
}

fn unit_count(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn approving_adds_units_once_with_their_metadata() {
    let path = temp_db("approve");
    let mut conn = store::open(&path).unwrap();
    let mut project =
        AlignmentProject::create(&mut conn, "Forum", aligned_press_release(), Timestamp(1))
            .unwrap();
    for bead in [1, 2] {
        let confirm = Edit::SetConfirmed {
            bead,
            confirmed: true,
        };
        project.edit(&mut conn, &confirm, Timestamp(2)).unwrap();
    }
    let report = project
        .approve(&mut conn, Approve::Confirmed, Some("leyla"), Timestamp(3))
        .unwrap();
    assert_eq!(
        report,
        ApprovalReport {
            added: 2,
            ..ApprovalReport::default()
        }
    );
    assert!(project.alignment.beads()[1].approved && !project.alignment.beads()[0].approved);
    let again = project
        .approve(&mut conn, Approve::Confirmed, Some("leyla"), Timestamp(4))
        .unwrap();
    assert_eq!((again.added, again.already_approved), (0, 2));
    assert_eq!(unit_count(&conn), 2, "approving twice adds nothing");

    let unit = crate::store::units::get(&conn, crate::tm::UnitId(1))
        .unwrap()
        .unwrap();
    assert_eq!(unit.variants[0].text, "Переговоры длились 3 часа.");
    assert_eq!(unit.variants[1].text, "The talks lasted 3 hours.");
    assert_eq!(
        unit.variants[1].prev_segment.as_deref(),
        Some("President Ilham Aliyev arrived in Baku on 12 May.")
    );
    assert_eq!(
        unit.variants[1].next_segment.as_deref(),
        Some("The parties signed 7 cooperation agreements.")
    );
    assert_eq!(unit.meta.origin, "alignment");
    assert_eq!(unit.meta.document.as_deref(), Some("ru.txt | en.txt"));
    assert_eq!(unit.meta.created_by.as_deref(), Some("leyla"));
    assert_eq!(unit.meta.created_at, Timestamp(3));

    // The same text in another project is recognised as already in the memory.
    let mut copy =
        AlignmentProject::create(&mut conn, "Copy", aligned_press_release(), Timestamp(5)).unwrap();
    let report = copy
        .approve(
            &mut conn,
            Approve::MinConfidence { min: 0.0 },
            None,
            Timestamp(6),
        )
        .unwrap();
    assert_eq!((report.added, report.duplicates), (3, 2));
    assert_eq!(unit_count(&conn), 5);
    drop(conn);

    let conn = store::open(&path).unwrap();
    let resumed = AlignmentProject::open(&conn, project.id).unwrap();
    assert_eq!(
        resumed.alignment, project.alignment,
        "approved marks are saved"
    );
    drop(conn);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn approving_skips_one_sided_beads_and_low_confidence() {
    let mut conn = store::open_in_memory().unwrap();
    let mut g = sample();
    g.beads[0].confidence = 0.9;
    g.beads[2].confidence = 0.9;
    let mut project = AlignmentProject::create(&mut conn, "S", g, Timestamp(1)).unwrap();
    let report = project
        .approve(
            &mut conn,
            Approve::MinConfidence { min: 0.8 },
            None,
            Timestamp(2),
        )
        .unwrap();
    assert_eq!((report.added, report.too_few_sides), (1, 1));
    let approved: Vec<bool> = project
        .alignment
        .beads()
        .iter()
        .map(|b| b.approved)
        .collect();
    assert_eq!(approved, [true, false, false, false]);
}

// Export.

#[test]
fn exports_tsv_tmx_and_xlsx() {
    let mut g = sample();
    g.apply(&Edit::EditText {
        at: at(0, 1, 0),
        text: "E1 <b>&\tbold".into(),
    })
    .unwrap();
    let mut tsv = Vec::new();
    assert_eq!(export(&g, ExportFormat::Tsv, &mut tsv).unwrap(), 4);
    assert_eq!(
        String::from_utf8(tsv).unwrap(),
        "ru\ten\nA1\tE1 <b>& bold\nA2 A3\tE2\n\tE3\nA4\tE4\n"
    );

    let mut tmx = Vec::new();
    assert_eq!(
        export(&g, ExportFormat::Tmx, &mut tmx).unwrap(),
        3,
        "the bead without Russian makes no unit"
    );
    let tmx = String::from_utf8(tmx).unwrap();
    assert!(tmx.contains(r#"srclang="ru""#), "{tmx}");
    assert!(tmx.contains("<seg>E1 &lt;b&gt;&amp;\tbold</seg>"), "{tmx}");
    assert!(tmx.contains("<seg>A2 A3</seg>"), "{tmx}");
    assert!(!tmx.contains("E3"), "{tmx}");

    let mut xlsx = Vec::new();
    export(&g, ExportFormat::Xlsx, &mut xlsx).unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("Alignment").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|d| d.to_string());
    assert_eq!(cell(0, 1).as_deref(), Some("en"));
    assert_eq!(cell(2, 0).as_deref(), Some("A2 A3"));
    assert_eq!(cell(3, 1).as_deref(), Some("E3"));
}

#[test]
fn a_cancelled_approval_writes_nothing_and_progress_reaches_the_end() {
    let mut conn = store::open_in_memory().unwrap();
    let mut project =
        AlignmentProject::create(&mut conn, "Forum", aligned_press_release(), Timestamp(1))
            .unwrap();
    let all = Approve::MinConfidence { min: 0.0 };
    let total = project.alignment.beads().len();
    let mut stop = |_: usize, _: usize| std::ops::ControlFlow::Break(());
    let cancelled = project.approve_with_progress(&mut conn, all, None, Timestamp(2), &mut stop);
    assert!(
        matches!(cancelled, Err(EditorError::Cancelled)),
        "{cancelled:?}"
    );
    assert_eq!(unit_count(&conn), 0, "nothing written");
    assert!(project.alignment.beads().iter().all(|b| !b.approved));

    let mut seen = Vec::new();
    let mut record = |done: usize, of: usize| {
        seen.push((done, of));
        std::ops::ControlFlow::Continue(())
    };
    let report = project
        .approve_with_progress(&mut conn, all, None, Timestamp(3), &mut record)
        .unwrap();
    assert!(report.added > 0);
    assert_eq!(seen.first(), Some(&(0, total)));
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
}
