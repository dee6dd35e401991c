//! Each command called directly, as the invoke handler calls it, on a mock runtime with a
//! workspace over a temporary database: real SQLite, real segmentation and alignment, no
//! window.

use std::path::Path;
use std::sync::{Arc, Mutex};

use dragoman_app::commands::alignment::{
    DocumentText, LanguageText, TextToAlign, align_texts, read_document,
};
use dragoman_app::commands::concordance::search_concordance;
use dragoman_app::commands::demo::open_demo;
use dragoman_app::commands::editor::{
    BeadView, Change, EditRequest, ExportFormat, SegmentAt, approve_alignment, edit_alignment,
    export_alignment, new_alignment, open_alignment, undo_alignment,
};
use dragoman_app::commands::glossary::{
    Translation, accept_term, find_terms, suggest_terms, term_form,
};
use dragoman_app::commands::termbase::{
    ConceptPage, ConceptPolicy, ConceptView, GlossaryFileChoice, GlossaryFormat, SynonymLayout,
    TableChoice, TermMatching, TermUse, TermView, configure_glossary, create_glossary,
    delete_concept, export_glossary, import_glossary, list_glossaries, reject_suggestion,
    save_concept, search_concepts, suggest_memory_terms,
};
use dragoman_app::commands::translate::{
    JobFormat, JobView, QaIssueView, TargetStatus, check_translation, confirm_translation,
    edit_translation, export_translation, list_translations, lookup_matches, new_translation,
    new_translation_from_document, new_translation_from_xliff, open_translation, pretranslate,
    record_match_use,
};
use dragoman_app::commands::upload::{FileBody, UploadId, upload_file};
use dragoman_app::commands::work::{Progress, WorkId, cancel_work, start_work};
use dragoman_app::{AppError, Workspace};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::test::MockRuntime;

/// The app as `run()` assembles it, on a mock runtime over `dir`'s database.
fn app(dir: &Path) -> tauri::App<MockRuntime> {
    dragoman_app::app_builder(
        tauri::test::mock_builder(),
        Workspace::at(dir.join("data/dragoman.sqlite")),
    )
    .build(tauri::test::mock_context(tauri::test::noop_assets()))
    .unwrap()
}

#[test]
fn open_demo_creates_the_database_and_the_demo_alignment_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let first = block_on(open_demo(app.state())).unwrap();
    assert!(dir.path().join("data/dragoman.sqlite").exists());
    assert_eq!(first.imported_glossaries, ["diplomatic", "countries"]);
    let view = block_on(open_alignment(app.state(), app.state(), first.alignment)).unwrap();
    assert_eq!(view.langs, ["ru", "az", "en"]);
    assert!(view.beads.len() >= 5, "{} beads", view.beads.len());
    assert!(!view.can_undo && !view.can_redo);
    let second = block_on(open_demo(app.state())).unwrap();
    assert!(
        second.imported_glossaries.is_empty(),
        "a second start must not import again"
    );
    assert_eq!(second.alignment, first.alignment);
}

#[test]
fn align_texts_returns_every_segment_once_with_spans_into_its_text() {
    let texts = vec![
        LanguageText::new("ru", "Форум открылся. Делегации встретились."),
        LanguageText::new("en", "The forum opened. The delegations met."),
    ];
    let beads = block_on(align_texts(texts.clone())).unwrap();
    for (side, text) in texts.iter().enumerate() {
        let segments: Vec<_> = beads.iter().flat_map(|b| &b.sides[side]).collect();
        assert_eq!(segments.len(), 2, "{}", text.lang);
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

/// `bytes` sent as the UI sends a file, for the command that reads it.
fn sent(app: &tauri::App<MockRuntime>, bytes: &[u8]) -> UploadId {
    upload_file(app.state(), FileBody(bytes.to_vec()))
}

/// An id for long work, as the UI asks for one before it starts the work.
fn work(app: &tauri::App<MockRuntime>) -> WorkId {
    start_work(app.state())
}

/// A progress channel that cancels `work` on its first report, as a user clicking
/// "Cancel" while the work runs.
fn cancelling(app: &tauri::App<MockRuntime>, work: WorkId) -> Channel<Progress> {
    let handle = app.handle().clone();
    Channel::new(move |_| {
        cancel_work(handle.state(), work);
        Ok(())
    })
}

/// A progress channel whose messages land in `seen`, as the UI's progress bar gets them.
fn progress(seen: &Arc<Mutex<Vec<String>>>) -> Channel<Progress> {
    let seen = Arc::clone(seen);
    Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            seen.lock().unwrap().push(json);
        }
        Ok(())
    })
}

/// Apply patches as the UI does, to check what a command says changed.
fn patched(beads: &mut Vec<BeadView>, change: &Change) {
    for p in &change.patches {
        let at = p.at as usize;
        beads.splice(at..at + p.remove as usize, p.beads.iter().cloned());
    }
}

#[test]
fn edits_undo_and_redo_are_saved_and_their_patches_match_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let original = block_on(open_alignment(app.state(), app.state(), id))
        .unwrap()
        .beads;
    let mut beads = original.clone();
    let first = SegmentAt {
        bead: 0,
        side: 0,
        segment: 0,
    };
    let merged = block_on(edit_alignment(
        app.state(),
        app.state(),
        id,
        EditRequest::MergeNext { at: first },
    ))
    .unwrap();
    patched(&mut beads, &merged);
    assert!(merged.can_undo && !merged.can_redo);
    assert!(beads[0].sides[0][0].starts_with(&original[0].sides[0][0]));
    assert!(beads[0].sides[0][0].len() > original[0].sides[0][0].len());
    let confirmed = block_on(edit_alignment(
        app.state(),
        app.state(),
        id,
        EditRequest::SetConfirmed {
            bead: 1,
            confirmed: true,
        },
    ))
    .unwrap();
    patched(&mut beads, &confirmed);
    assert!(beads[1].confirmed);

    // A fresh app (a restart) over the same file resumes where the edits left off.
    let restarted = self::app(dir.path());
    let resumed = block_on(open_alignment(restarted.state(), restarted.state(), id)).unwrap();
    assert_eq!(resumed.beads, beads);
    assert!(resumed.can_undo);

    let undone = block_on(undo_alignment(
        restarted.state(),
        restarted.state(),
        id,
        false,
    ))
    .unwrap();
    patched(&mut beads, &undone);
    let undone = block_on(undo_alignment(
        restarted.state(),
        restarted.state(),
        id,
        false,
    ))
    .unwrap();
    patched(&mut beads, &undone);
    assert_eq!(beads, original, "two undos restore the aligner's beads");
    assert!(!undone.can_undo && undone.can_redo);
    let redone = block_on(undo_alignment(
        restarted.state(),
        restarted.state(),
        id,
        true,
    ))
    .unwrap();
    patched(&mut beads, &redone);
    assert_eq!(beads[0].sides[0][0], resumed.beads[0].sides[0][0]);
    let reopened = block_on(open_alignment(
        self::app(dir.path()).state(),
        self::app(dir.path()).state(),
        id,
    ));
    assert_eq!(reopened.unwrap().beads, beads);
}

#[test]
fn invalid_edits_are_reported_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let before = block_on(open_alignment(app.state(), app.state(), id))
        .unwrap()
        .beads;
    let nowhere = SegmentAt {
        bead: 9_999,
        side: 0,
        segment: 0,
    };
    let result = block_on(edit_alignment(
        app.state(),
        app.state(),
        id,
        EditRequest::MergeNext { at: nowhere },
    ));
    assert!(matches!(result, Err(AppError::OutOfDate)), "{result:?}");
    let result = block_on(undo_alignment(app.state(), app.state(), id, false));
    assert!(
        matches!(result, Err(AppError::NothingToUndo)),
        "nothing to undo: {result:?}"
    );
    assert!(matches!(
        block_on(open_alignment(app.state(), app.state(), 4_242)),
        Err(AppError::NoSuchProject { id: 4_242 })
    ));
    let after = block_on(open_alignment(
        self::app(dir.path()).state(),
        self::app(dir.path()).state(),
        id,
    ));
    assert_eq!(after.unwrap().beads, before);
}

#[test]
fn approving_confirmed_beads_adds_units_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    for bead in [1, 2] {
        let confirm = EditRequest::SetConfirmed {
            bead,
            confirmed: true,
        };
        block_on(edit_alignment(app.state(), app.state(), id, confirm)).unwrap();
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let first = block_on(approve_alignment(
        app.state(),
        app.state(),
        app.state(),
        id,
        None,
        work(&app),
        progress(&seen),
    ));
    let first = first.unwrap();
    assert_eq!(first.added, 2);
    let last = format!(
        "{{\"done\":{0},\"total\":{0}}}",
        first.alignment.beads.len()
    );
    assert_eq!(
        seen.lock().unwrap().last(),
        Some(&last),
        "progress reaches the end"
    );
    let approved: Vec<bool> = first.alignment.beads.iter().map(|b| b.approved).collect();
    assert!(approved[1] && approved[2] && !approved[0]);
    let second = block_on(approve_alignment(
        app.state(),
        app.state(),
        app.state(),
        id,
        None,
        work(&app),
        progress(&seen),
    ));
    let second = second.unwrap();
    assert_eq!((second.added, second.already_approved), (0, 2));
    let conn = dragoman_core::store::open(&dir.path().join("data/dragoman.sqlite")).unwrap();
    let units: i64 = conn
        .query_row(
            "SELECT count(*) FROM unit WHERE origin = 'alignment'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(units, 2, "approving twice does not duplicate");
}

#[test]
fn exports_are_written_in_each_format_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let beads = block_on(open_alignment(app.state(), app.state(), id))
        .unwrap()
        .beads
        .len();
    let tmx = block_on(export_alignment(
        app.state(),
        app.state(),
        id,
        ExportFormat::Tmx,
    ))
    .unwrap();
    assert_eq!(tmx.beads as usize, beads);
    assert!(
        tmx.path
            .starts_with(&dir.path().join("data/exports").display().to_string())
    );
    let text = std::fs::read_to_string(&tmx.path).unwrap();
    assert!(text.contains("<tmx version=\"1.4\">") && text.contains("межрегиональный форум"));
    let again = block_on(export_alignment(
        app.state(),
        app.state(),
        id,
        ExportFormat::Tmx,
    ))
    .unwrap();
    assert_ne!(again.path, tmx.path, "never overwritten");
    let tsv = block_on(export_alignment(
        app.state(),
        app.state(),
        id,
        ExportFormat::Tsv,
    ))
    .unwrap();
    let tsv = std::fs::read_to_string(&tsv.path).unwrap();
    assert_eq!(tsv.lines().next(), Some("ru\taz\ten"));
    assert_eq!(tsv.lines().count(), beads + 1);
    let xlsx = block_on(export_alignment(
        app.state(),
        app.state(),
        id,
        ExportFormat::Xlsx,
    ))
    .unwrap();
    assert!(
        std::fs::read(&xlsx.path).unwrap().starts_with(b"PK"),
        "a zip container"
    );
}

#[test]
fn a_cancelled_approval_leaves_the_memory_and_the_beads_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let all = Some(0.0);
    let approval = work(&app);
    let approved = block_on(approve_alignment(
        app.state(),
        app.state(),
        app.state(),
        id,
        all,
        approval,
        progress(&seen),
    ));
    assert!(approved.unwrap().added > 0);
    // A click on "Cancel" as the work ends reaches nothing, least of all later work.
    cancel_work(app.state(), approval);
    let other = block_on(new_alignment(
        app.state(),
        app.state(),
        "Talks".into(),
        vec![
            pasted("ru", "Переговоры начались. Стороны подписали меморандум."),
            pasted("en", "The talks began. The parties signed a memorandum."),
        ],
        work(&app),
        progress(&seen),
    ))
    .unwrap();
    let approval = work(&app);
    let result = block_on(approve_alignment(
        app.state(),
        app.state(),
        app.state(),
        other.id,
        all,
        approval,
        cancelling(&app, approval),
    ));
    assert!(matches!(result, Err(AppError::Cancelled)), "{result:?}");
    let view = block_on(open_alignment(
        self::app(dir.path()).state(),
        self::app(dir.path()).state(),
        other.id,
    ))
    .unwrap();
    assert!(view.beads.iter().all(|b| !b.approved), "nothing marked");
    let conn = dragoman_core::store::open(&dir.path().join("data/dragoman.sqlite")).unwrap();
    let talks: i64 = conn
        .query_row(
            "SELECT count(*) FROM variant WHERE text LIKE 'Переговоры начались%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(talks, 0, "nothing written to the memory");
}

/// Text pasted in `lang`, segmented by the built-in rules.
fn pasted(lang: &str, text: &str) -> TextToAlign {
    TextToAlign {
        name: format!("{lang} (pasted)"),
        lang: lang.into(),
        text: text.into(),
        srx: None,
    }
}

#[test]
fn new_alignment_keeps_pasted_texts_as_a_project_and_reports_each_step() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let texts = vec![
        pasted("ru", "Переговоры начались. Стороны подписали меморандум."),
        pasted("az", "Danışıqlar başladı. Tərəflər memorandum imzaladılar."),
    ];
    let seen = Arc::new(Mutex::new(Vec::new()));
    let view = block_on(new_alignment(
        app.state(),
        app.state(),
        "Talks".into(),
        texts,
        work(&app),
        progress(&seen),
    ))
    .unwrap();
    assert_eq!(view.name, "Talks");
    assert_eq!(view.langs, ["ru", "az"]);
    assert_eq!(view.documents, ["ru (pasted)", "az (pasted)"]);
    assert_eq!(view.beads.len(), 2);
    assert_eq!(
        seen.lock().unwrap().last().map(String::as_str),
        Some(r#"{"done":4,"total":4}"#),
        "two texts, the alignment and the save"
    );
    let reopened = block_on(open_alignment(app.state(), app.state(), view.id)).unwrap();
    assert_eq!(reopened.beads, view.beads);
}

#[test]
fn a_cancelled_new_alignment_saves_no_project() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let alignment = work(&app);
    let result = block_on(new_alignment(
        app.state(),
        app.state(),
        "Talks".into(),
        vec![pasted("ru", "Переговоры."), pasted("en", "Talks.")],
        alignment,
        cancelling(&app, alignment),
    ));
    assert!(matches!(result, Err(AppError::Cancelled)), "{result:?}");
    let conn = dragoman_core::store::open(&dir.path().join("data/dragoman.sqlite")).unwrap();
    let projects = dragoman_core::editor::AlignmentProject::list(&conn).unwrap();
    assert!(projects.is_empty(), "no project saved");
}

#[test]
fn new_alignment_names_the_language_its_imported_rules_miss() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut ru = pasted("ru", "Переговоры.");
    ru.srx = Some("<srx><body>".into());
    let result = block_on(new_alignment(
        app.state(),
        app.state(),
        "Talks".into(),
        vec![ru, pasted("en", "Talks.")],
        work(&app),
        progress(&seen),
    ));
    assert!(
        matches!(&result, Err(AppError::NoRulesForLanguage { lang }) if lang == "ru"),
        "{result:?}"
    );
}

#[test]
fn read_document_reads_html_and_docx_and_names_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let read = |name: &str, bytes: &[u8]| {
        block_on(read_document(
            app.state(),
            app.state(),
            sent(&app, bytes),
            name.into(),
        ))
    };
    let html = "<h1>Форум в Баку</h1><p>Делегаты подписали&nbsp;14 соглашений.</p>";
    let read_html = read("ru.html", html.as_bytes()).unwrap();
    assert_eq!(
        read_html,
        DocumentText {
            text: "Форум в Баку\n\nДелегаты подписали\u{a0}14 соглашений.".into(),
            lang: Some("ru".into()),
        }
    );
    let names = read("names.txt", b"Baku Forum 2024").unwrap();
    assert_eq!(names.lang, None, "too little to tell");
    let bad = read("az.docx", b"not a zip");
    assert!(
        matches!(&bad, Err(AppError::WrongFormat { file, .. }) if file == "az.docx"),
        "{bad:?}"
    );
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
fn find_terms_finds_inflected_and_split_terms_with_their_translations() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    block_on(open_demo(app.state())).unwrap();
    let text = "Открылся Десятый межрегиональный форум России и Азербайджана.";
    let split = "Делегаты межрегионального российско-азербайджанского форума прибыли.";
    let found = block_on(find_terms(
        app.state(),
        "ru".into(),
        vec![text.into(), "Нет.".into(), split.into()],
    ));
    let found = found.unwrap();
    assert_eq!(found.len(), 3, "one answer per text");
    assert!(found[1].is_empty());
    // A term split by a modifier covers it, and says where it is.
    let [split_forum] = &found[2][..] else {
        panic!("one term: {:?}", found[2]);
    };
    assert_eq!(
        &split[split_forum.start as usize..split_forum.end as usize],
        "межрегионального российско-азербайджанского форума"
    );
    let inserted: Vec<(&str, &str)> = split_forum
        .inserted
        .iter()
        .map(|w| (&split[w.start as usize..w.end as usize], w.text.as_str()))
        .collect();
    let words = "российско-азербайджанского";
    assert_eq!(inserted, [(words, words)]);
    let hits = &found[0];
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
    assert!(forum.inserted.is_empty(), "its words together: {forum:?}");
    assert!(
        hits.iter().any(|h| h.concept == "AZ"),
        "a country: {hits:?}"
    );
    assert!(matches!(
        block_on(find_terms(app.state(), "??".into(), vec![text.into()])),
        Err(AppError::InvalidLanguage { .. })
    ));
}

#[test]
fn find_terms_flags_forbidden_translations_apart_from_usable_ones() {
    use dragoman_core::LanguageTag;
    use dragoman_core::glossary::{Concept, Term, TermStatus};
    use dragoman_core::store::{self, glossary as stored};

    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    block_on(open_demo(app.state())).unwrap();
    let lang = |tag: &str| LanguageTag::parse(tag).unwrap();
    let term = |tag: &str, text: &str, status| Term {
        status,
        ..Term::new(lang(tag), text)
    };
    let summit = Concept {
        id: "summit".into(),
        terms: vec![
            term("ru", "саммит", TermStatus::Preferred),
            term("en", "top meeting", TermStatus::Forbidden),
            term("en", "summit meeting", TermStatus::Admitted),
            term("en", "summit", TermStatus::Preferred),
        ],
        ..Concept::default()
    };
    let mut conn = store::open(&dir.path().join("data/dragoman.sqlite")).unwrap();
    let tx = conn.transaction().unwrap();
    let glossary = stored::ensure(&tx, "protocol", 5).unwrap();
    stored::import(&tx, glossary, &[summit], stored::ConceptPolicy::Skip, None).unwrap();
    tx.commit().unwrap();

    let found = block_on(find_terms(
        app.state(),
        "ru".into(),
        vec!["Саммита не было.".into()],
    ))
    .unwrap();
    let hit = found[0]
        .iter()
        .find(|h| h.concept == "summit")
        .expect("the summit, inflected");
    let texts = |list: &[Translation]| list.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    assert_eq!(
        texts(&hit.translations),
        ["summit", "summit meeting"],
        "preferred first"
    );
    assert_eq!(texts(&hit.forbidden), ["top meeting"]);
}

#[test]
fn suggestions_from_the_demo_become_concepts_the_grid_finds() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let suggestions = block_on(suggest_terms(app.state(), app.state(), id)).unwrap();
    assert!(!suggestions.is_empty());
    for s in &suggestions {
        assert!(
            s.frequency >= 2 && !s.examples.is_empty() && s.terms.len() >= 2,
            "{s:?}"
        );
        // None is a term the starter glossaries already recognise (НАТО, ЕС, США…).
        for t in &s.terms {
            let found = block_on(find_terms(
                app.state(),
                t.lang.clone(),
                vec![t.text.clone()],
            ))
            .unwrap();
            let whole = found[0]
                .iter()
                .any(|h| h.start == 0 && h.end as usize == t.text.len());
            assert!(!whole, "{t:?} is a glossary term already");
        }
    }
    let terms = vec![
        Translation {
            lang: "ru".into(),
            text: "деловое объединение".into(),
        },
        Translation {
            lang: "en".into(),
            text: "business association".into(),
        },
    ];
    let accept = |terms: Vec<Translation>| {
        block_on(accept_term(
            app.state(),
            terms,
            None,
            "Принятые термины".into(),
        ))
    };
    let added = accept(terms.clone()).unwrap();
    assert_eq!(
        added.glossary, "Принятые термины",
        "named in the interface language"
    );
    assert!(
        added.concept.starts_with("c-") && added.concept.len() == 18,
        "a made id, not the term: {added:?}"
    );
    assert_eq!(accept(terms).unwrap(), added, "the same concept again");
    let text = "Деловые объединения двух стран встретились.";
    let found = block_on(find_terms(app.state(), "ru".into(), vec![text.into()])).unwrap();
    let hit = found[0]
        .iter()
        .find(|h| h.concept == added.concept)
        .expect("accepted term found inflected");
    assert_eq!(
        &text[hit.start as usize..hit.end as usize],
        "Деловые объединения"
    );
    let empty = vec![Translation {
        lang: "ru".into(),
        text: "  ".into(),
    }];
    assert!(matches!(
        accept(empty),
        Err(AppError::EmptyTerm { .. } | AppError::NoTerms)
    ));
}

#[test]
fn a_selection_becomes_whole_words_in_dictionary_form() {
    let text = "Совещание по безопасности Корейского полуострова 🙂 прошло.";
    let units = |s: &str| s.encode_utf16().count() as u32;
    // "ейского полуостр": inside one word, across part of another.
    let start = units("Совещание по безопасности Кор");
    let end = units("Совещание по безопасности Корейского полуостр");
    let form = term_form("ru".into(), text.into(), end, start)
        .unwrap()
        .unwrap();
    assert_eq!(form.selected, "Корейского полуострова");
    assert_eq!(form.proposed, "Корейский полуостров");
    assert_eq!(form.start, units("Совещание по безопасности "));
    assert_eq!(
        form.end,
        units("Совещание по безопасности Корейского полуострова")
    );
    // Offsets after a character outside the Basic Multilingual Plane stay right.
    let after = units("Совещание по безопасности Корейского полуострова 🙂 про");
    let word = term_form("ru".into(), text.into(), after, after + 1)
        .unwrap()
        .unwrap();
    assert_eq!(word.selected, "прошло");
    assert_eq!(
        term_form("ru".into(), text.into(), 0, 0)
            .unwrap()
            .unwrap()
            .selected,
        "Совещание"
    );
    let az = term_form("az".into(), "regionlararası forumda.".into(), 3, 20)
        .unwrap()
        .unwrap();
    assert_eq!(az.proposed, "regionlararası forum");
    assert!(matches!(
        term_form("xx-".into(), "a".into(), 0, 1),
        Err(AppError::InvalidLanguage { .. })
    ));
}

/// Re-confirming a corrected segment corrects its unit: the memory answers with one
/// translation and keeps the old one as an earlier version, unless the translator asked
/// for several translations of one source.
#[test]
fn a_corrected_segment_confirmed_again_replaces_its_unit() {
    use dragoman_app::commands::memory::{
        keep_several_translations, keeps_several_translations, unit_versions,
    };
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let job = block_on(new_translation(
        app.state(),
        "forum.txt".into(),
        "ru".into(),
        vec!["en".into()],
        "Форум открылся в Баку.".into(),
        None,
    ))
    .unwrap();
    let confirm = |text: &str| {
        block_on(confirm_translation(
            app.state(),
            job.id,
            0,
            "en".into(),
            text.into(),
        ))
        .unwrap()
    };
    confirm("The forum openned in Baku.");
    confirm("The forum opened in Baku.");
    let units = block_on(memory_page(&app));
    assert_eq!(units.len(), 1, "{units:?}");
    let versions = block_on(unit_versions(app.state(), units[0].id)).unwrap();
    let old: Vec<&str> = versions.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(old, ["The forum openned in Baku."]);
    let found = block_on(lookup_matches(app.state(), job.id, 0, "en".into(), 70)).unwrap();
    let targets: Vec<&str> = found.iter().map(|m| m.target.as_str()).collect();
    assert_eq!(targets, ["The forum opened in Baku."]);

    assert!(!block_on(keeps_several_translations(app.state())).unwrap());
    block_on(keep_several_translations(app.state(), true)).unwrap();
    assert!(block_on(keeps_several_translations(app.state())).unwrap());
    confirm("The forum was opened in Baku.");
    assert_eq!(
        block_on(memory_page(&app)).len(),
        2,
        "a second translation beside the first"
    );
}

#[test]
fn a_confirmed_translation_is_saved_and_matches_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let text = "Форум открылся в Баку. Делегации встретились.";
    let new = |name: &str| {
        let targets = vec!["en".to_string(), "az".to_string()];
        block_on(new_translation(
            app.state(),
            name.into(),
            "ru".into(),
            targets,
            text.into(),
            None,
        ))
    };
    let job = new("forum.txt").unwrap();
    assert_eq!(job.segments.len(), 2);
    assert_eq!(job.segments[0].targets[1].status, TargetStatus::Empty);
    let (id, en) = (job.id, || "en".to_string());
    let edited = block_on(edit_translation(app.state(), id, 0, en(), "Draft".into())).unwrap();
    assert_eq!(edited.status, TargetStatus::Edited);
    let confirmed = block_on(confirm_translation(
        app.state(),
        id,
        1,
        en(),
        "The delegations met.".into(),
    ));
    assert_eq!(confirmed.unwrap().status, TargetStatus::Confirmed);
    let reopened = block_on(open_translation(app.state(), id)).unwrap();
    assert_eq!(reopened.segments[0].targets[0].text, "Draft");
    assert_eq!(
        reopened.segments[1].targets[0].status,
        TargetStatus::Confirmed
    );

    let second = new("forum-2.txt").unwrap();
    let found = block_on(lookup_matches(app.state(), second.id, 1, en(), 70)).unwrap();
    assert_eq!(found[0].score, 101, "same segment, same context");
    assert_eq!(found[0].target, "The delegations met.");
    assert_eq!(found[0].origin, "translation");
    assert_eq!(found[0].date.len(), 10, "{}", found[0].date);

    let seen = Arc::new(Mutex::new(Vec::new()));
    let done = block_on(pretranslate(
        app.state(),
        app.state(),
        second.id,
        75,
        work(&app),
        progress(&seen),
    ))
    .unwrap();
    assert_eq!((done.context, done.empty), (1, 3));
    assert_eq!(
        done.job.segments[1].targets[0].status,
        TargetStatus::Pretranslated { score: 101 }
    );
    assert!(!seen.lock().unwrap().is_empty(), "progress reported");
    let listed = block_on(list_translations(app.state())).unwrap();
    assert_eq!(listed[0].id, second.id, "most recently changed first");

    let blank = block_on(confirm_translation(app.state(), id, 0, en(), " ".into()));
    assert!(matches!(blank, Err(AppError::BlankText)), "{blank:?}");
    let gone = block_on(open_translation(app.state(), 99));
    assert!(
        matches!(gone, Err(AppError::NoSuchJob { id: 99 })),
        "{gone:?}"
    );
}

/// An XLIFF 2.1 file as a CAT tool hands it over: two segments in one unit, one of them
/// translated, an inline code, and a unit not to translate.
const XLIFF_21: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="az" trgLang="ru">
  <file id="f1" original="bəyanat.docx">
    <unit id="u1">
      <segment id="s1" state="translated">
        <source>Forum <pc id="1">Bakıda</pc> açıldı.</source>
        <target>Форум открылся в Баку.</target>
      </segment>
      <segment id="s2">
        <source>Tərəflər görüşdü.<ph id="2"/></source>
      </segment>
    </unit>
    <unit id="u2" translate="no">
      <segment><source>ISBN 978-5</source></segment>
    </unit>
  </file>
</xliff>"#;

#[test]
fn an_xliff_file_becomes_a_job_and_exports_in_each_format_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let bytes = XLIFF_21.as_bytes().to_vec();
    let job = block_on(new_translation_from_xliff(
        app.state(),
        app.state(),
        "bəyanat".into(),
        sent(&app, &bytes),
        Some("en".into()),
    ))
    .unwrap();
    assert_eq!(
        (job.src.as_str(), job.targets.clone()),
        ("az", vec!["ru".to_string()])
    );
    let sources: Vec<&str> = job.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "Forum \u{E000}Bakıda\u{E400} açıldı.",
            "Tərəflər görüşdü.\u{E800}"
        ],
        "inline codes as markers"
    );
    assert_eq!(job.segments[0].targets[0].text, "Форум открылся в Баку.");
    assert_eq!(job.segments[0].targets[0].status, TargetStatus::Edited);
    assert_eq!(job.segments[1].targets[0].status, TargetStatus::Empty);
    let reopened = block_on(open_translation(app.state(), job.id)).unwrap();
    assert_eq!(reopened.segments, job.segments);

    let ru = || "ru".to_string();
    block_on(confirm_translation(
        app.state(),
        job.id,
        1,
        ru(),
        "Стороны встретились.".into(),
    ))
    .unwrap();
    let export = |format| block_on(export_translation(app.state(), job.id, ru(), format)).unwrap();
    let xliff = export(JobFormat::Xliff21);
    assert_eq!(xliff.translated, 2);
    assert!(xliff.path.ends_with("bəyanat.ru.xlf"), "{}", xliff.path);
    let written = std::fs::read_to_string(&xliff.path).unwrap();
    assert!(
        written.contains("<target>Стороны встретились.</target>"),
        "{written}"
    );
    let again = export(JobFormat::Xliff21);
    assert_ne!(again.path, xliff.path, "never overwritten");
    assert!(
        std::fs::read_to_string(export(JobFormat::Xliff12).path)
            .unwrap()
            .contains("version=\"1.2\"")
    );
    assert_eq!(
        std::fs::read_to_string(export(JobFormat::Tmx).path)
            .unwrap()
            .matches("<tuv")
            .count(),
        4
    );
    let text = std::fs::read_to_string(export(JobFormat::Text).path).unwrap();
    assert_eq!(
        text, "Форум открылся в Баку. Стороны встретились.\n",
        "one unit, one paragraph"
    );
    assert_eq!(job.original.as_deref(), Some("xliff"));
    let original = export(JobFormat::Original);
    assert!(original.path.ends_with(".xlf"), "{}", original.path);
    assert_eq!(
        std::fs::read_to_string(&original.path).unwrap(),
        XLIFF_21.replace(
            r#"<segment id="s2">
        <source>Tərəflər görüşdü.<ph id="2"/></source>"#,
            r#"<segment id="s2" state="translated">
        <source>Tərəflər görüşdü.<ph id="2"/></source>
        <target>Стороны встретились.</target>"#
        ),
        "the file back with the confirmed target, nothing else changed"
    );

    let bad = block_on(new_translation_from_xliff(
        app.state(),
        app.state(),
        "x".into(),
        sent(&app, b"<xliff version=\"2.1\">"),
        None,
    ));
    assert!(
        matches!(
            bad,
            Err(AppError::WrongFormat { .. } | AppError::Malformed { .. })
        ),
        "{bad:?}"
    );
}

/// A new job translating [`FORUM`] from Russian into English.
fn forum_job(app: &tauri::App<MockRuntime>) -> JobView {
    let targets = vec!["en".to_string()];
    block_on(new_translation(
        app.state(),
        "forum".into(),
        "ru".into(),
        targets,
        FORUM.into(),
        None,
    ))
    .unwrap()
}

const FORUM: &str = "Форум открылся. Делегации встретились.";

#[test]
fn inserting_a_match_counts_a_use_the_memory_view_shows() {
    use dragoman_app::commands::memory::{MemoryQuery, browse_memory};
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let first = forum_job(&app);
    for (segment, text) in [(0, "The forum opened."), (1, "The delegations met.")] {
        block_on(confirm_translation(
            app.state(),
            first.id,
            segment,
            "en".into(),
            text.into(),
        ))
        .unwrap();
    }
    let second = forum_job(&app);
    let found = block_on(lookup_matches(app.state(), second.id, 1, "en".into(), 70)).unwrap();
    assert_eq!(found[0].target, "The delegations met.");
    block_on(record_match_use(app.state(), found[0].unit)).unwrap();

    let page = block_on(browse_memory(app.state(), MemoryQuery::default(), None, 10)).unwrap();
    let mut uses: Vec<(u32, u32, bool)> = page
        .units
        .iter()
        .map(|u| (u.id, u.use_count, u.last_used_at.is_some()))
        .collect();
    uses.sort_by_key(|&(_, count, _)| std::cmp::Reverse(count));
    assert_eq!(uses.len(), 2);
    assert_eq!(
        (uses[0], uses[1].1, uses[1].2),
        ((found[0].unit, 1, true), 0, false),
        "one use, with its date, on the inserted match's unit only"
    );
}

#[test]
fn a_cancelled_pretranslation_leaves_the_job_empty() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let first = forum_job(&app);
    let en = || "en".to_string();
    block_on(confirm_translation(
        app.state(),
        first.id,
        0,
        en(),
        "The forum opened.".into(),
    ))
    .unwrap();
    let second = forum_job(&app);
    let pretranslation = work(&app);
    let result = block_on(pretranslate(
        app.state(),
        app.state(),
        second.id,
        50,
        pretranslation,
        cancelling(&app, pretranslation),
    ));
    assert!(matches!(result, Err(AppError::Cancelled)), "{result:?}");
    let reopened = block_on(open_translation(app.state(), second.id)).unwrap();
    assert_eq!(
        reopened.segments[0].targets[0].status,
        TargetStatus::Empty,
        "a 100% match was there, but nothing may be written when cancelled"
    );
}

#[test]
fn errors_reach_the_ui_tagged_by_kind() {
    let json = serde_json::to_value(AppError::TextCount { count: 4 }).unwrap();
    assert_eq!(json, serde_json::json!({ "kind": "textCount", "count": 4 }));
    let json = serde_json::to_value(AppError::NoDataDirectory).unwrap();
    assert_eq!(json, serde_json::json!({ "kind": "noDataDirectory" }));
}

#[test]
fn concordance_finds_confirmed_segments_in_inflected_forms_cut_at_each_occurrence() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let targets = vec!["en".to_string()];
    let job = block_on(new_translation(
        app.state(),
        "forum.txt".into(),
        "ru".into(),
        targets,
        "Межрегиональный форум открылся в Баку. Делегации встретились.".into(),
        None,
    ))
    .unwrap();
    let english = "The inter-regional forum opened in Baku.";
    block_on(confirm_translation(
        app.state(),
        job.id,
        0,
        "en".into(),
        english.into(),
    ))
    .unwrap();
    let search = |phrase: &str, inflected| {
        block_on(search_concordance(
            app.state(),
            phrase.into(),
            inflected,
            20,
        ))
        .unwrap()
    };

    let found = search("межрегионального форума", true);
    assert_eq!(found.len(), 1, "{found:?}");
    let hit = &found[0];
    assert_eq!(hit.lang, "ru");
    let marked: Vec<&str> = hit
        .pieces
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        marked,
        ["Межрегиональный форум"],
        "the phrase is one occurrence"
    );
    let whole: String = hit.pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(whole, "Межрегиональный форум открылся в Баку.");
    assert_eq!(hit.translations, [("en".to_string(), english.to_string())]);
    assert_eq!(hit.changed.len(), 10, "{}", hit.changed);

    assert!(
        search("межрегионального форума", false).is_empty(),
        "exact forms only"
    );
    let english_hits = search("BAKU", false);
    assert_eq!(english_hits.len(), 1, "any language, folded case");
    assert_eq!(english_hits[0].lang, "en");
    assert!(
        search("делегации", false).is_empty(),
        "unconfirmed segments are not in the memory"
    );
}

#[test]
fn check_translation_reports_terms_numbers_and_copies_by_segment() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    block_on(open_demo(app.state())).unwrap();
    let text = "Межрегиональный форум открылся в Баку. Стороны подписали 7 соглашений. \
                Делегации встретились.";
    let job = block_on(new_translation(
        app.state(),
        "forum".into(),
        "ru".into(),
        vec!["en".into()],
        text.into(),
        None,
    ))
    .unwrap();
    let en = || "en".to_string();
    for (segment, target) in [
        (0, "The regional meeting opened in Baku."),
        (1, "The sides signed 8 agreements."),
        (2, "Делегации встретились."),
    ] {
        block_on(edit_translation(
            app.state(),
            job.id,
            segment,
            en(),
            target.into(),
        ))
        .unwrap();
    }
    let items = block_on(check_translation(app.state(), job.id, false)).unwrap();
    let found: Vec<(u32, &QaIssueView)> = items.iter().map(|i| (i.segment, &i.issue)).collect();
    assert!(
        matches!(found[0], (0, QaIssueView::MissingTerm { source_term, expected })
            if source_term == "Межрегиональный форум" && expected[0] == "inter-regional forum"),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            1,
            &QaIssueView::Numbers {
                missing: vec!["7".into()],
                extra: vec!["8".into()]
            }
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(2, &QaIssueView::Untranslated)),
        "{found:?}"
    );
    assert!(items.iter().all(|i| i.lang == "en"));
}

#[test]
fn a_document_job_exports_in_its_own_format() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let page = "<!DOCTYPE html><html lang=\"ru\"><body><h1>Форум в Баку</h1>\
                <p>Делегации <b>встретились</b>. Стороны договорились.</p></body></html>";
    let job = block_on(new_translation_from_document(
        app.state(),
        app.state(),
        "forum".into(),
        "forum.html".into(),
        sent(&app, page.as_bytes()),
        "ru".into(),
        vec!["en".into()],
        None,
    ))
    .unwrap();
    assert_eq!(job.segments.len(), 3);
    assert_eq!(job.original.as_deref(), Some("html"));
    block_on(confirm_translation(
        app.state(),
        job.id,
        1,
        "en".into(),
        "The delegations met.".into(),
    ))
    .unwrap();
    let file = block_on(export_translation(
        app.state(),
        job.id,
        "en".into(),
        JobFormat::Original,
    ))
    .unwrap();
    assert!(file.path.ends_with("forum.en.html"), "{}", file.path);
    assert_eq!(file.translated, 1);
    let written = std::fs::read_to_string(&file.path).unwrap();
    assert_eq!(
        written,
        "<!DOCTYPE html><html lang=\"en\"><body><h1>Форум в Баку</h1>\
         <p>The delegations met. <b></b> Стороны договорились.</p></body></html>"
    );

    let pasted = block_on(new_translation(
        app.state(),
        "notes".into(),
        "ru".into(),
        vec!["en".into()],
        "Форум открылся.".into(),
        None,
    ))
    .unwrap();
    let text = block_on(export_translation(
        app.state(),
        pasted.id,
        "en".into(),
        JobFormat::Original,
    ))
    .unwrap();
    assert!(text.path.ends_with("notes.en.txt"), "{}", text.path);
    let bad = block_on(new_translation_from_document(
        app.state(),
        app.state(),
        "x".into(),
        "x.docx".into(),
        sent(&app, b"not a zip"),
        "ru".into(),
        vec!["en".into()],
        None,
    ));
    assert!(
        matches!(&bad, Err(AppError::WrongFormat { file, .. }) if file == "x.docx"),
        "{bad:?}"
    );
}

/// Errors the UI answers with its own action (asking for a target language or another
/// name, pointing at a term or a date) arrive as their own kinds, with the fields it
/// words its message from, never as an English sentence.
#[test]
fn errors_the_ui_acts_on_arrive_as_their_own_kinds() {
    use dragoman_app::commands::memory::{MemoryQuery, browse_memory};
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());

    let untargeted = XLIFF_21.replace(r#" trgLang="ru""#, "");
    let none = block_on(new_translation_from_xliff(
        app.state(),
        app.state(),
        "x".into(),
        sent(&app, untargeted.as_bytes()),
        None,
    ));
    assert!(matches!(none, Err(AppError::NoTargetLanguage)), "{none:?}");
    let chosen = block_on(new_translation_from_xliff(
        app.state(),
        app.state(),
        "x".into(),
        sent(&app, untargeted.as_bytes()),
        Some("en".into()),
    ));
    assert_eq!(chosen.unwrap().targets, ["en"], "the language chosen then");

    block_on(create_glossary(app.state(), "Forum".into(), 0)).unwrap();
    let taken = block_on(create_glossary(app.state(), "Forum".into(), 0));
    let Err(AppError::GlossaryExists { name }) = taken else {
        panic!("{taken:?}");
    };
    assert_eq!(name, "Forum");

    let glossary = block_on(create_glossary(app.state(), "Twice".into(), 0)).unwrap();
    let twice = concept_in(
        glossary,
        vec![
            term_view("ru", "форум"),
            term_view("en", "forum"),
            term_view("en", " forum "),
        ],
    );
    let twice = block_on(save_concept(app.state(), twice));
    let Err(error @ AppError::DuplicateTerm { .. }) = twice else {
        panic!("{twice:?}");
    };
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({ "kind": "duplicateTerm", "lang": "en", "text": "forum" })
    );
    assert_eq!(concepts_of(&app, glossary, "").total, 0, "nothing saved");

    let query = MemoryQuery {
        changed_from: Some("2025-13-45".into()),
        ..MemoryQuery::default()
    };
    let page = block_on(browse_memory(app.state(), query, None, 10));
    let Err(AppError::InvalidDate { date }) = page else {
        panic!("{page:?}");
    };
    assert_eq!(date, "2025-13-45");

    let unnamed = block_on(create_glossary(app.state(), " ".into(), 0));
    let Err(error @ AppError::EmptyName) = unnamed else {
        panic!("{unnamed:?}");
    };
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({ "kind": "emptyName" })
    );
    let empty = concept_in(
        glossary,
        vec![term_view("ru", "форум"), term_view("en", " ")],
    );
    let empty = block_on(save_concept(app.state(), empty));
    let Err(error @ AppError::EmptyTerm { .. }) = empty else {
        panic!("{empty:?}");
    };
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({ "kind": "emptyTerm", "position": 2 })
    );
}

fn term_view(lang: &str, text: &str) -> TermView {
    TermView {
        lang: lang.into(),
        text: text.into(),
        status: TermUse::Preferred,
        part_of_speech: None,
        note: None,
        match_mode: TermMatching::Automatic,
    }
}

fn concept_in(glossary: u32, terms: Vec<TermView>) -> ConceptView {
    ConceptView {
        row: 0,
        glossary,
        id: String::new(),
        terms,
        fields: vec![],
    }
}

fn concepts_of(app: &tauri::App<MockRuntime>, glossary: u32, text: &str) -> ConceptPage {
    block_on(search_concepts(
        app.state(),
        Some(glossary),
        text.into(),
        0,
        50,
    ))
    .unwrap()
}

#[test]
fn glossary_edits_show_at_once_in_recognition() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    block_on(open_demo(app.state())).unwrap();
    let mine = block_on(create_glossary(app.state(), "Mine".into(), 50)).unwrap();
    assert!(matches!(
        block_on(create_glossary(app.state(), "Mine".into(), 1)),
        Err(AppError::GlossaryExists { .. })
    ));
    let new = concept_in(
        mine,
        vec![term_view("ru", "ледокол"), term_view("en", "icebreaker")],
    );
    let saved = block_on(save_concept(app.state(), new)).unwrap();
    assert!(saved.row > 0);
    assert!(
        saved.id.starts_with("c-") && saved.id.len() == 18,
        "a made id, never the first term: {}",
        saved.id
    );
    let text = "Ледоколы вышли в море.";
    let translations = |app: &tauri::App<MockRuntime>| -> Vec<String> {
        block_on(find_terms(app.state(), "ru".into(), vec![text.into()])).unwrap()[0]
            .iter()
            .filter(|h| h.concept == saved.id)
            .flat_map(|h| h.translations.iter().map(|t| t.text.clone()))
            .collect()
    };
    assert_eq!(translations(&app), ["icebreaker"]);

    assert_eq!(concepts_of(&app, mine, "ЛЕДОКОЛ").total, 1, "found folded");
    let mut edited = saved.clone();
    edited.terms[1].status = TermUse::Forbidden;
    edited.terms[1].part_of_speech = Some("noun".into());
    edited.terms.push(term_view("az", "buzqıran"));
    block_on(save_concept(app.state(), edited)).unwrap();
    assert_eq!(
        translations(&app),
        ["buzqıran"],
        "forbidden term no longer offered"
    );
    let page = concepts_of(&app, mine, "BUZQIRAN");
    assert_eq!(page.concepts[0].terms[1].status, TermUse::Forbidden);
    assert_eq!(
        page.concepts[0].terms[1].part_of_speech.as_deref(),
        Some("noun")
    );

    block_on(configure_glossary(app.state(), mine, 50, false)).unwrap();
    assert!(
        translations(&app).is_empty(),
        "a disabled glossary is not used"
    );
    let listed = block_on(list_glossaries(app.state())).unwrap();
    let row = listed.iter().find(|g| g.id == mine).unwrap();
    assert!(!row.enabled && row.concepts == 1);

    block_on(delete_concept(app.state(), saved.row)).unwrap();
    assert_eq!(concepts_of(&app, mine, "").total, 0);
    assert!(matches!(
        block_on(delete_concept(app.state(), saved.row)),
        Err(AppError::NoSuchConcept { .. })
    ));
}

#[test]
fn memory_suggestions_once_rejected_stay_away() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let db = dir.path().join("data/dragoman.sqlite");
    let mut conn = dragoman_core::store::open(&db).unwrap();
    let tx = conn.transaction().unwrap();
    let lang = |t: &str| dragoman_core::LanguageTag::parse(t).unwrap();
    for (ru, en) in [
        (
            "Открылся межрегиональный форум.",
            "The inter-regional forum opened.",
        ),
        (
            "Межрегиональный форум закрылся.",
            "The inter-regional forum closed.",
        ),
    ] {
        let unit = dragoman_core::tm::TranslationUnit {
            variants: vec![
                dragoman_core::tm::Variant::new(lang("ru"), ru),
                dragoman_core::tm::Variant::new(lang("en"), en),
            ],
            meta: dragoman_core::tm::UnitMetadata::new("test", dragoman_core::Timestamp(1)),
        };
        dragoman_core::store::units::insert(&tx, &unit).unwrap();
    }
    tx.commit().unwrap();
    let langs = vec!["ru".to_string(), "en".to_string()];
    let first = block_on(suggest_memory_terms(app.state(), langs.clone())).unwrap();
    assert!(!first.is_empty());
    let rejected = first[0].terms.clone();
    block_on(reject_suggestion(app.state(), rejected.clone())).unwrap();
    let again = block_on(suggest_memory_terms(app.state(), langs)).unwrap();
    assert_eq!(again.len(), first.len() - 1);
    assert!(again.iter().all(|s| s.terms != rejected));
}

#[test]
fn glossary_files_import_all_or_nothing_and_export_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let mine = block_on(create_glossary(app.state(), "Mine".into(), 0)).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let import = |name: &str, format: GlossaryFormat, bytes: &[u8]| {
        block_on(import_glossary(
            app.state(),
            app.state(),
            app.state(),
            mine,
            sent(&app, bytes),
            GlossaryFileChoice {
                name: name.into(),
                format,
                langs: Vec::new(),
            },
            ConceptPolicy::Merge,
            work(&app),
            progress(&seen),
        ))
    };
    let good = "id,en,ru\nforum,forum,форум\ntalks,talks,переговоры\n";
    let report = import("terms.csv", GlossaryFormat::Csv, good.as_bytes()).unwrap();
    assert_eq!((report.added, report.merged, report.skipped), (2, 0, 0));
    assert!(!seen.lock().unwrap().is_empty(), "progress reported");

    let broken = "id,en,ru\nsummit,summit,саммит\nx,one,two,three\n";
    let Err(AppError::Malformed { file, line, .. }) =
        import("broken.csv", GlossaryFormat::Csv, broken.as_bytes())
    else {
        panic!("a malformed CSV is refused");
    };
    assert_eq!((file.as_str(), line), ("broken.csv", Some(3)));
    let tbx = "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\">\n<text><body>\n<conceptEntry id=\"a\">\n</body></text></tbx>\n";
    let Err(error @ AppError::Malformed { .. }) =
        import("broken.tbx", GlossaryFormat::Tbx, tbx.as_bytes())
    else {
        panic!("a malformed TBX is refused");
    };
    // The UI words the sentence; only the parser's detail is its own.
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        (&json["kind"], &json["file"], json["line"].is_u64()),
        (
            &serde_json::json!("malformed"),
            &serde_json::json!("broken.tbx"),
            true
        ),
        "{json}"
    );
    assert!(matches!(
        import("broken.xlsx", GlossaryFormat::Xlsx, b"not a zip"),
        Err(AppError::Malformed { .. } | AppError::WrongFormat { .. })
    ));
    assert_eq!(
        concepts_of(&app, mine, "").total,
        2,
        "nothing imported from bad files"
    );

    for format in [
        GlossaryFormat::Tbx,
        GlossaryFormat::Tbx2,
        GlossaryFormat::Omegat,
        GlossaryFormat::Csv,
        GlossaryFormat::Tsv,
        GlossaryFormat::Xlsx,
    ] {
        // An OmegaT glossary goes from one language to another; the rest take them all.
        let langs: Vec<String> = match format {
            GlossaryFormat::Omegat => vec!["en".into(), "ru".into()],
            _ => Vec::new(),
        };
        let table = TableChoice {
            columns: None,
            synonyms: SynonymLayout::Joined,
        };
        let written = block_on(export_glossary(
            app.state(),
            Some(mine),
            format,
            langs.clone(),
            table,
        ))
        .unwrap();
        assert_eq!(written.concepts, 2);
        let bytes = std::fs::read(&written.path).unwrap();
        let copy = block_on(create_glossary(app.state(), format!("{format:?} copy"), 0)).unwrap();
        let report = block_on(import_glossary(
            app.state(),
            app.state(),
            app.state(),
            copy,
            sent(&app, &bytes),
            GlossaryFileChoice {
                name: written.path.clone(),
                format,
                langs,
            },
            ConceptPolicy::Merge,
            work(&app),
            progress(&seen),
        ))
        .unwrap();
        assert_eq!(report.added, 2, "{format:?} reads back what it wrote");
        let terms: Vec<String> = concepts_of(&app, copy, "переговоры").concepts[0]
            .terms
            .iter()
            .map(|t| t.text.clone())
            .collect();
        assert_eq!(terms, ["talks", "переговоры"], "{format:?}");
    }
    // "All glossaries": mine and its six copies into one file, named for them all.
    let all = block_on(export_glossary(
        app.state(),
        None,
        GlossaryFormat::Tbx,
        Vec::new(),
        TableChoice {
            columns: None,
            synonyms: SynonymLayout::Joined,
        },
    ))
    .unwrap();
    assert_eq!(all.concepts, 14);
    assert!(all.path.ends_with("glossaries.tbx"), "{}", all.path);

    let short = block_on(create_glossary(app.state(), "Short".into(), 0)).unwrap();
    let report = block_on(import_glossary(
        app.state(),
        app.state(),
        app.state(),
        short,
        sent(&app, "id,en,ru,note\nsummit,summit,саммит\n".as_bytes()),
        GlossaryFileChoice {
            name: "short.csv".into(),
            format: GlossaryFormat::Csv,
            langs: Vec::new(),
        },
        ConceptPolicy::Merge,
        work(&app),
        progress(&seen),
    ))
    .unwrap();
    assert_eq!((report.added, report.short_rows), (1, vec![2]));
}

/// The app's window, to send requests to as the web view does.
fn window(app: &tauri::App<MockRuntime>) -> tauri::WebviewWindow<MockRuntime> {
    tauri::WebviewWindowBuilder::new(app, "main", Default::default())
        .build()
        .unwrap()
}

/// Command `cmd` called through the app's own invoke handler, as the web view calls it:
/// arguments as JSON, or a file as the raw body.
fn invoke(
    window: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    body: tauri::ipc::InvokeBody,
) -> Result<serde_json::Value, serde_json::Value> {
    use tauri::ipc::CallbackFn;
    let request = tauri::webview::InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body,
        headers: Default::default(),
        invoke_key: tauri::test::INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request).map(|r| r.deserialize().unwrap())
}

/// A file uploaded through the handler; the id the UI then passes on.
fn upload(window: &tauri::WebviewWindow<MockRuntime>, bytes: &[u8]) -> serde_json::Value {
    invoke(
        window,
        "upload_file",
        tauri::ipc::InvokeBody::Raw(bytes.to_vec()),
    )
    .unwrap()
}

/// A glossary import as the web view sends it: the file as the raw body of
/// `upload_file`, a work id from `start_work`, then `import_glossary` with both and the
/// dialog's choices. All need state only the app builder manages.
#[test]
fn a_glossary_file_is_uploaded_and_imported_through_the_apps_handler() {
    use tauri::ipc::InvokeBody;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let mine = block_on(create_glossary(app.state(), "Mine".into(), 0)).unwrap();
    let window = window(&app);
    let csv = "id,en,ru\nforum,forum,форум\ntalks,talks,переговоры\n";
    let upload = upload(&window, csv.as_bytes());
    let work = invoke(&window, "start_work", InvokeBody::default()).unwrap();
    let choices = serde_json::json!({
        "glossary": mine,
        "upload": upload,
        "file": { "name": "terms.csv", "format": "csv", "langs": [] },
        "policy": "merge",
        "work": work,
        "progress": "__CHANNEL__:7",
    });
    let report = invoke(&window, "import_glossary", InvokeBody::Json(choices)).unwrap();
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(concepts_of(&app, mine, "переговоры").total, 1);
}

/// An upload is read by the one command it was sent for: another command given the same
/// id, or an id never given, is refused by kind, and nothing is read.
#[test]
fn an_upload_is_taken_once_and_an_unknown_one_is_refused() {
    use tauri::ipc::InvokeBody;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let mine = block_on(create_glossary(app.state(), "Mine".into(), 0)).unwrap();
    let window = window(&app);
    let csv = "id,en,ru\nforum,forum,форум\n";
    let upload = upload(&window, csv.as_bytes());
    let glossary = serde_json::json!({
        "glossary": mine,
        "upload": upload,
        "file": { "name": "terms.csv", "format": "csv", "langs": [] },
        "policy": "merge",
        "work": invoke(&window, "start_work", InvokeBody::default()).unwrap(),
        "progress": "__CHANNEL__:7",
    });
    invoke(&window, "import_glossary", InvokeBody::Json(glossary)).unwrap();
    let memory = serde_json::json!({
        "upload": upload,
        "name": "terms.tsv",
        "policy": "keep",
        "work": invoke(&window, "start_work", InvokeBody::default()).unwrap(),
        "progress": "__CHANNEL__:8",
    });
    let taken = invoke(&window, "import_memory", InvokeBody::Json(memory)).unwrap_err();
    assert_eq!(
        taken,
        serde_json::json!({ "kind": "noSuchUpload", "id": upload }),
        "the glossary import took the file"
    );
    let page = block_on(memory_page(&app));
    assert!(page.is_empty(), "the memory read nothing");

    let unknown = serde_json::json!({ "upload": 999, "name": "a.txt" });
    let error = invoke(&window, "read_document", InvokeBody::Json(unknown)).unwrap_err();
    assert_eq!(
        error,
        serde_json::json!({ "kind": "noSuchUpload", "id": 999 })
    );
}

/// The memory's units, for tests outside the memory module.
async fn memory_page(
    app: &tauri::App<MockRuntime>,
) -> Vec<dragoman_app::commands::memory::UnitView> {
    use dragoman_app::commands::memory::{MemoryQuery, browse_memory};
    browse_memory(app.state(), MemoryQuery::default(), None, 10)
        .await
        .unwrap()
        .units
}

/// A file over the limit is refused as it arrives, saying how large a file may be, and
/// nothing is held.
#[test]
fn a_file_too_large_is_refused_with_the_limit() {
    use dragoman_app::commands::upload::UPLOAD_LIMIT;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let window = window(&app);
    // Zeroed pages the refusal never reads, so the test costs no memory to speak of.
    let body = tauri::ipc::InvokeBody::Raw(vec![0; UPLOAD_LIMIT + 1]);
    let error = invoke(&window, "upload_file", body).unwrap_err();
    let limit = UPLOAD_LIMIT >> 20;
    assert_eq!(
        error,
        serde_json::json!({ "kind": "fileTooLarge", "megabytes": limit + 1, "limit": limit })
    );
    let first = upload(&window, b"small");
    assert_eq!(first, 1, "the refused file was given no id");
}

/// A limit set in the app is kept in the database and holds for every file read after,
/// uploads included, in this app and the next one opened on the database.
#[test]
fn a_limit_set_in_the_app_holds_for_later_files_and_later_starts() {
    use dragoman_app::commands::limits::{limits, set_limit};
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let window = window(&app);
    let read = |app: &tauri::App<MockRuntime>, text: &str| {
        block_on(read_document(
            app.state(),
            app.state(),
            sent(app, text.as_bytes()),
            "long.txt".into(),
        ))
    };
    let line = "Делегаты подписали четырнадцать соглашений. ".repeat(4);
    assert!(read(&app, &line).is_ok(), "within the default");

    let shown = block_on(set_limit(app.state(), "segment-bytes".into(), Some(64.0))).unwrap();
    let segment = shown.iter().find(|l| l.key == "segment-bytes").unwrap();
    assert_eq!((segment.value, segment.default_value), (64.0, 1_048_576.0));
    assert!(
        matches!(
            read(&app, &line),
            Err(AppError::LimitExceeded { max: 64, .. })
        ),
        "a lowered limit refuses the same file"
    );
    block_on(set_limit(
        app.state(),
        "file-bytes".into(),
        Some(1_048_576.0),
    ))
    .unwrap();
    let error = invoke(
        &window,
        "upload_file",
        tauri::ipc::InvokeBody::Raw(vec![0; (1 << 20) + 1]),
    )
    .unwrap_err();
    assert_eq!(
        error,
        serde_json::json!({ "kind": "fileTooLarge", "megabytes": 2, "limit": 1 })
    );

    let next = self::app(dir.path());
    let listed = block_on(limits(next.state())).unwrap();
    let value = |key: &str| listed.iter().find(|l| l.key == key).unwrap().value;
    assert_eq!(
        (value("segment-bytes"), value("file-bytes")),
        (64.0, 1_048_576.0)
    );
    block_on(set_limit(next.state(), "segment-bytes".into(), None)).unwrap();
    assert!(read(&next, &line).is_ok(), "back to the default");

    for (key, value) in [("depth", 0.5), ("depth", 0.0), ("speed", 5.0)] {
        assert!(
            matches!(
                block_on(set_limit(next.state(), key.into(), Some(value))),
                Err(AppError::BadLimit { .. })
            ),
            "{key}={value}"
        );
    }
}

/// Two pieces of long work at once, each with its own id: cancelling one stops it and
/// leaves the other to finish, which one flag for all work could not.
#[test]
fn cancelling_one_piece_of_work_leaves_the_other_running() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = block_on(open_demo(app.state())).unwrap().alignment;
    let (alignment, approval) = (work(&app), work(&app));
    // The new alignment reports its first step, then waits until the approval is done:
    // both are running while the approval cancels the alignment.
    let (started, alignment_running) = std::sync::mpsc::channel();
    let (approved, approval_done) = std::sync::mpsc::channel::<()>();
    let waiting = Mutex::new(Some((started, approval_done)));
    let held = Channel::new(move |_| {
        if let Some((started, approval_done)) = waiting.lock().unwrap().take() {
            started.send(()).unwrap();
            approval_done.recv().unwrap();
        }
        Ok(())
    });
    let handle = app.handle().clone();
    let aligning = std::thread::spawn(move || {
        block_on(new_alignment(
            handle.state(),
            handle.state(),
            "Talks".into(),
            vec![pasted("ru", "Переговоры."), pasted("en", "Talks.")],
            alignment,
            held,
        ))
    });
    alignment_running.recv().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let approving = block_on(approve_alignment(
        app.state(),
        app.state(),
        app.state(),
        id,
        Some(0.0),
        approval,
        {
            let handle = app.handle().clone();
            let seen = Arc::clone(&seen);
            Channel::new(move |body| {
                cancel_work(handle.state(), alignment);
                if let InvokeResponseBody::Json(json) = body {
                    seen.lock().unwrap().push(json);
                }
                Ok(())
            })
        },
    ));
    approved.send(()).unwrap();
    let aligned = aligning.join().unwrap();
    assert!(
        approving.unwrap().added > 0,
        "the approval went on to the end"
    );
    assert!(seen.lock().unwrap().len() > 1, "reporting all the while");
    assert!(matches!(aligned, Err(AppError::Cancelled)), "{aligned:?}");
}

/// Work ids are given once: a second command cannot borrow a running one's, nor use an
/// id never given.
#[test]
fn a_work_id_serves_one_command() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let texts = || vec![pasted("ru", "Переговоры."), pasted("en", "Talks.")];
    let once = work(&app);
    let new = |work: WorkId| {
        block_on(new_alignment(
            app.state(),
            app.state(),
            "Talks".into(),
            texts(),
            work,
            progress(&seen),
        ))
    };
    new(once).unwrap();
    let again = new(once);
    assert!(
        matches!(again, Err(AppError::NoSuchWork { id }) if id == once.0),
        "{again:?}"
    );
    let never = new(WorkId(999));
    assert!(
        matches!(never, Err(AppError::NoSuchWork { id: 999 })),
        "{never:?}"
    );
}

/// Rules that cut at a semicolon only, for every language.
const SEMICOLON_SRX: &str = "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\
    <languagerules><languagerule languagerulename=\"semicolon\">\
    <rule break=\"yes\"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>\
    </languagerule></languagerules>\
    <maprules><languagemap languagepattern=\".*\" languagerulename=\"semicolon\"/></maprules>\
    </body></srx>";

#[test]
fn a_job_is_cut_by_imported_srx_rules_and_bad_rules_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let text = "Форум открылся. Делегации встретились; потом ушли.";
    let new = |srx: Option<&str>| {
        block_on(new_translation(
            app.state(),
            "forum".into(),
            "ru".into(),
            vec!["en".into()],
            text.into(),
            srx.map(str::to_string),
        ))
    };
    let sources = |job: &dragoman_app::commands::translate::JobView| {
        job.segments
            .iter()
            .map(|s| s.source.clone())
            .collect::<Vec<_>>()
    };
    let builtin = new(None).unwrap();
    assert_eq!(
        sources(&builtin),
        ["Форум открылся.", "Делегации встретились; потом ушли."]
    );
    let imported = new(Some(SEMICOLON_SRX)).unwrap();
    assert_eq!(
        sources(&imported),
        ["Форум открылся. Делегации встретились;", "потом ушли."]
    );
    let bad = new(Some("<srx><body>"));
    assert!(
        matches!(&bad, Err(AppError::NoRulesForLanguage { .. })),
        "{bad:?}"
    );
    let docx = block_on(new_translation_from_document(
        app.state(),
        app.state(),
        "notes".into(),
        "notes.txt".into(),
        sent(&app, text.as_bytes()),
        "ru".into(),
        vec!["en".into()],
        Some(SEMICOLON_SRX.into()),
    ))
    .unwrap();
    assert_eq!(sources(&docx), sources(&imported));
    let jobs = block_on(list_translations(app.state())).unwrap();
    assert_eq!(jobs.len(), 3, "the bad rules saved no job");
}

mod memory {
    //! The Memory view's commands on a real database file.
    use super::*;
    use dragoman_app::commands::memory::{
        DetailsEdit, DuplicatePolicy, MemoryFormat, MemoryQuery, browse_memory, delete_units,
        edit_unit_details, edit_unit_text, export_memory, find_duplicates, import_memory,
        memory_stats, merge_units,
    };

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Форум открылся в Баку.</seg></tuv><tuv xml:lang="en"><seg>The forum opened in Baku.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu usagecount="2"><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Одна сторона.</seg></tuv></tu>
</body></tmx>"#;

    fn import(
        app: &tauri::App<MockRuntime>,
        name: &str,
        bytes: &[u8],
        work: WorkId,
        progress: Channel<Progress>,
    ) -> Result<dragoman_app::commands::memory::ImportSummary, AppError> {
        block_on(import_memory(
            app.state(),
            app.state(),
            app.state(),
            sent(app, bytes),
            name.into(),
            DuplicatePolicy::Keep,
            work,
            progress,
        ))
    }

    fn texts(app: &tauri::App<MockRuntime>, query: MemoryQuery) -> Vec<Vec<String>> {
        block_on(browse_memory(app.state(), query, None, 50))
            .unwrap()
            .units
            .into_iter()
            .map(|u| u.variants.into_iter().map(|v| v.text).collect())
            .collect()
    }

    fn search(text: &str) -> MemoryQuery {
        MemoryQuery {
            text: Some(text.into()),
            ..MemoryQuery::default()
        }
    }

    #[test]
    fn imported_units_are_browsed_edited_merged_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let report = import(
            &app,
            "press.tmx",
            TMX.as_bytes(),
            work(&app),
            progress(&seen),
        )
        .unwrap();
        assert_eq!((report.added, report.rejected.len()), (3, 1));
        assert_eq!(report.rejected[0].line, 6, "the one-language unit's line");
        assert!(!seen.lock().unwrap().is_empty(), "progress reported");

        let page = block_on(browse_memory(app.state(), MemoryQuery::default(), None, 2)).unwrap();
        assert_eq!(page.next, Some(page.units[1].id));
        assert_eq!(page.units[0].origin, "import:press.tmx");
        let rest = block_on(browse_memory(
            app.state(),
            MemoryQuery::default(),
            page.next,
            2,
        ))
        .unwrap();
        assert_eq!((rest.units.len(), rest.next), (1, None));
        let forum = rest.units[0].id;

        let edited = block_on(edit_unit_text(
            app.state(),
            forum,
            "en".into(),
            "The forum began in Baku.".into(),
        ))
        .unwrap();
        assert_eq!(edited.variants[1].text, "The forum began in Baku.");
        assert_eq!(texts(&app, search("began")).len(), 1);
        assert!(
            texts(&app, search("opened")).is_empty(),
            "the old text is gone from the index"
        );
        let details = DetailsEdit {
            client: "MFA".into(),
            domain: "".into(),
            project: "Forum".into(),
            notes: vec!["checked".into()],
        };
        let detailed = block_on(edit_unit_details(app.state(), forum, details)).unwrap();
        assert_eq!(
            (detailed.client.as_deref(), detailed.domain.as_deref()),
            (Some("MFA"), None)
        );
        let by_client = MemoryQuery {
            client: Some("MFA".into()),
            ..MemoryQuery::default()
        };
        assert_eq!(texts(&app, by_client).len(), 1);

        let groups = block_on(find_duplicates(app.state(), "ru".into(), "en".into())).unwrap();
        assert_eq!(groups.len(), 1);
        assert!(groups[0].identical);
        let ids: Vec<u32> = groups[0].units.iter().map(|u| u.id).collect();
        let merged = block_on(merge_units(app.state(), ids[0], vec![ids[1]])).unwrap();
        assert_eq!(merged.use_count, 2);
        assert!(
            block_on(find_duplicates(app.state(), "ru".into(), "en".into()))
                .unwrap()
                .is_empty()
        );

        let stats = block_on(memory_stats(app.state())).unwrap();
        assert_eq!(stats.units, 2);
        assert_eq!(
            (stats.pairs[0].name.as_str(), stats.pairs[0].units),
            ("en–ru", 2)
        );
        assert!(stats.file_bytes > 0.0);

        let exported = block_on(export_memory(
            app.state(),
            MemoryQuery {
                langs: vec!["ru".into(), "en".into()],
                ..MemoryQuery::default()
            },
            MemoryFormat::Tsv,
        ))
        .unwrap();
        assert_eq!(exported.units, 2);
        let tsv = std::fs::read_to_string(&exported.path).unwrap();
        assert!(
            tsv.starts_with("ru\ten\n")
                && tsv.contains("Форум открылся в Баку.\tThe forum began in Baku."),
            "{tsv}"
        );

        assert_eq!(
            block_on(delete_units(app.state(), vec![forum, ids[0]])).unwrap(),
            2
        );
        assert_eq!(block_on(memory_stats(app.state())).unwrap().units, 0);
        let conn = dragoman_core::store::open(&dir.path().join("data/dragoman.sqlite")).unwrap();
        assert_eq!(
            dragoman_core::store::verify(&conn).unwrap(),
            Vec::<String>::new()
        );
        let gone = block_on(edit_unit_text(app.state(), forum, "en".into(), "x".into()));
        assert!(matches!(gone, Err(AppError::NoSuchUnit { .. })), "{gone:?}");
    }

    /// `import_memory` as the web view sends it: the file as the raw body of
    /// `upload_file`, then the upload's id with the rest, through the app's own handler.
    #[test]
    fn import_memory_takes_an_uploaded_file() {
        use tauri::ipc::InvokeBody;
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let window = window(&app);
        let import = |body: &str| {
            let choices = serde_json::json!({
                "upload": upload(&window, body.as_bytes()),
                "name": "пресс.tmx",
                "policy": "skip",
                "work": invoke(&window, "start_work", InvokeBody::default()).unwrap(),
                "progress": "__CHANNEL__:7",
            });
            invoke(&window, "import_memory", InvokeBody::Json(choices))
        };
        let report = import(TMX).unwrap();
        assert_eq!(
            (&report["added"], &report["merged"]),
            (&2.into(), &1.into()),
            "skip: the repeated unit's use count merged in ({report})"
        );
        assert_eq!(report["rejected"][0]["line"], 6, "{report}");
        let page = block_on(browse_memory(app.state(), MemoryQuery::default(), None, 10)).unwrap();
        assert_eq!(page.units[0].origin, "import:пресс.tmx");
        let broken = TMX.replace("</body>", "</bdy>");
        let error = import(&broken).unwrap_err();
        // The sentence is the UI's; the file, the line and the parser's words are data.
        assert_eq!(
            (&error["kind"], &error["file"], &error["line"]),
            (&"malformed".into(), &"пресс.tmx".into(), &7.into()),
            "{error}"
        );
    }

    #[test]
    fn a_cancelled_or_malformed_import_leaves_the_memory_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let seen = Arc::new(Mutex::new(Vec::new()));
        import(
            &app,
            "first.tsv",
            "ru\ten\nДа.\tYes.\n".as_bytes(),
            work(&app),
            progress(&seen),
        )
        .unwrap();
        let second = work(&app);
        let result = import(
            &app,
            "second.tmx",
            TMX.as_bytes(),
            second,
            cancelling(&app, second),
        );
        assert!(matches!(result, Err(AppError::Cancelled)), "{result:?}");
        assert_eq!(texts(&app, MemoryQuery::default()), [["Да.", "Yes."]]);

        let broken = TMX.replace(
            "<seg>Yes.</seg></tuv></tu>\n<tu usagecount",
            "<seg>Yes.</sag></tuv></tu>\n<tu usagecount",
        );
        let result = import(
            &app,
            "broken.tmx",
            broken.as_bytes(),
            work(&app),
            progress(&seen),
        );
        let Err(AppError::Malformed { file, line, .. }) = result else {
            panic!("{result:?}");
        };
        assert_eq!((file.as_str(), line), ("broken.tmx", Some(4)));
        assert_eq!(
            texts(&app, MemoryQuery::default()),
            [["Да.", "Yes."]],
            "nothing of the file kept"
        );
    }
}
