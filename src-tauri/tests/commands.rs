//! Each command called directly, as the invoke handler calls it, on a mock runtime with a
//! workspace over a temporary database: real SQLite, real segmentation and alignment, no
//! window.

use std::path::Path;

use dragoman_app::commands::alignment::{LanguageText, align_texts};
use dragoman_app::commands::demo::open_demo;
use dragoman_app::commands::glossary::find_terms;
use dragoman_app::{AppError, Workspace};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::test::MockRuntime;

fn app(dir: &Path) -> tauri::App<MockRuntime> {
    let app = tauri::test::mock_app();
    app.manage(Workspace::at(dir.join("data/dragoman.sqlite")));
    app
}

#[test]
fn open_demo_creates_the_database_once_and_returns_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let first = block_on(open_demo(app.state())).unwrap();
    assert!(dir.path().join("data/dragoman.sqlite").exists());
    assert_eq!(first.imported_glossaries, ["diplomatic", "countries"]);
    let langs: Vec<&str> = first.texts.iter().map(|t| t.lang.as_str()).collect();
    assert_eq!(langs, ["ru", "az", "en"]);
    assert!(
        first.texts.iter().all(|t| t.text.contains("2026")),
        "the forum sample"
    );
    let second = block_on(open_demo(app.state())).unwrap();
    assert!(
        second.imported_glossaries.is_empty(),
        "a second start must not import again"
    );
}

#[test]
fn align_texts_returns_every_segment_once_with_spans_into_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let project = block_on(open_demo(app(dir.path()).state())).unwrap();
    let beads = block_on(align_texts(project.texts.clone())).unwrap();
    assert!(beads.len() >= 5, "{} beads", beads.len());
    for (side, text) in project.texts.iter().enumerate() {
        let segments: Vec<_> = beads.iter().flat_map(|b| &b.sides[side]).collect();
        assert!(
            segments.len() >= 5,
            "{} has {} segments",
            text.lang,
            segments.len()
        );
        let mut end = 0;
        for s in segments {
            assert!(
                s.start >= end,
                "{} segments in order, never twice",
                text.lang
            );
            assert_eq!(s.text, text.text[s.start as usize..s.end as usize]);
            end = s.end;
        }
    }
    assert!(beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
}

#[test]
fn align_texts_classifies_bad_requests() {
    let one = vec![LanguageText::new("ru", "Один.")];
    assert!(matches!(
        block_on(align_texts(one)),
        Err(AppError::TextCount { count: 1 })
    ));
    let bad = vec![
        LanguageText::new("r", "Один."),
        LanguageText::new("en", "One."),
    ];
    assert!(matches!(
        block_on(align_texts(bad)),
        Err(AppError::InvalidLanguage { tag }) if tag == "r"
    ));
}

#[test]
fn find_terms_finds_inflected_terms_with_their_translations() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    block_on(open_demo(app.state())).unwrap();
    let text = "Открылся Десятый межрегиональный форум России и Азербайджана.";
    let hits = block_on(find_terms(app.state(), "ru".into(), text.into())).unwrap();
    let forum = hits
        .iter()
        .find(|h| h.concept == "dip-001")
        .expect("inter-regional forum found");
    assert_eq!(
        &text[forum.start as usize..forum.end as usize],
        "межрегиональный форум"
    );
    let en: Vec<&str> = forum
        .translations
        .iter()
        .filter(|t| t.lang == "en")
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(en, ["inter-regional forum"]);
    assert!(
        hits.iter().any(|h| h.concept == "AZ"),
        "a country: {hits:?}"
    );
    assert!(matches!(
        block_on(find_terms(app.state(), "??".into(), text.into())),
        Err(AppError::InvalidLanguage { .. })
    ));
}

#[test]
fn errors_reach_the_ui_tagged_by_kind() {
    let json = serde_json::to_value(AppError::TextCount { count: 4 }).unwrap();
    assert_eq!(json, serde_json::json!({ "kind": "textCount", "count": 4 }));
    let json = serde_json::to_value(AppError::NoDataDirectory).unwrap();
    assert_eq!(json, serde_json::json!({ "kind": "noDataDirectory" }));
}
