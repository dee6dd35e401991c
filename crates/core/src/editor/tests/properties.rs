//! Random edit sequences: undo and redo restore, and the store follows the editor.

use super::*;

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
