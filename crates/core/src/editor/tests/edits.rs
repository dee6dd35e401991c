//! Each edit on a small grid, its refusals, and the history of steps.

use super::*;

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
    assert!(matches!(
        refused(Edit::EditText {
            at: at(0, 1, 0),
            text: "E1\u{1b}[31m".into()
        }),
        EditorError::Store(StoreError::Unstorable(u)) if u.position == 3 && u.lang == "en"
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
