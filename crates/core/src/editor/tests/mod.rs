//! Tests of the editor across its files: each edit and its undo, random edit sequences,
//! realigning between anchors, saving and resuming, approving, export.

use proptest::prelude::*;

use super::*;
use crate::Timestamp;
use crate::align::{AlignOptions, align};
use crate::document::Document;
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::segment;
use crate::store;

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

mod edits;
mod projects;
mod properties;
