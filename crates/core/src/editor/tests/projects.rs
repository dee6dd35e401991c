//! Realigning, saved projects, approving into the memory and exporting.

use super::*;

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
    let beads = store::alignments::stored_beads(&conn).unwrap();
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

fn unit_count(conn: &store::Connection) -> i64 {
    store::units::stats(conn).unwrap().units as i64
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
fn approving_a_corrected_bead_again_corrects_its_unit_and_keeps_the_old_text() {
    let path = temp_db("approve-correct");
    let mut conn = store::open(&path).unwrap();
    let mut project =
        AlignmentProject::create(&mut conn, "Forum", aligned_press_release(), Timestamp(1))
            .unwrap();
    let confirm = Edit::SetConfirmed {
        bead: 1,
        confirmed: true,
    };
    project.edit(&mut conn, &confirm, Timestamp(2)).unwrap();
    project
        .approve(&mut conn, Approve::Confirmed, None, Timestamp(3))
        .unwrap();
    let fix = Edit::EditText {
        at: at(1, 1, 0),
        text: "The talks lasted three hours.".into(),
    };
    project.edit(&mut conn, &fix, Timestamp(4)).unwrap();
    project.edit(&mut conn, &confirm, Timestamp(5)).unwrap();
    let report = project
        .approve(&mut conn, Approve::Confirmed, Some("leyla"), Timestamp(6))
        .unwrap();
    assert_eq!(report.added, 0, "{report:?}");
    assert_eq!(
        unit_count(&conn),
        1,
        "the approved unit is corrected, not doubled"
    );
    let unit = crate::store::units::get(&conn, crate::tm::UnitId(1))
        .unwrap()
        .unwrap();
    assert_eq!(unit.variants[1].text, "The talks lasted three hours.");
    assert_eq!(unit.meta.changed_by.as_deref(), Some("leyla"));
    let versions = crate::store::units::versions::list(&conn, crate::tm::UnitId(1)).unwrap();
    let old: Vec<(&str, &str)> = versions
        .iter()
        .map(|v| (v.lang.as_str(), v.text.as_str()))
        .collect();
    assert_eq!(old, [("en", "The talks lasted 3 hours.")]);
    assert_eq!(versions[0].replaced_at, Timestamp(6));
    drop(conn);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn approving_leaves_the_memory_that_adding_units_one_by_one_does() {
    // Three languages; a bead repeated (a duplicate), one the memory already holds, a
    // one-sided one, text out of NFC and with runs of spaces, and words shared across
    // beads, so that every part of the write path has something to do.
    let bead = |ru: &str, az: &str, en: &str| EditBead {
        segments: [ru, az, en]
            .iter()
            .map(|t| {
                if t.is_empty() {
                    vec![]
                } else {
                    vec![t.to_string()]
                }
            })
            .collect(),
        confidence: 0.9,
        confirmed: true,
        approved: false,
    };
    let beads = vec![
        bead(
            "Форум открылся в Баку.",
            "Forum Bakıda açıldı.",
            "The forum opened in Baku.",
        ),
        bead("Мои\u{306}  дом.", "Evim.", "My  home."),
        bead(
            "Форум открылся в Баку.",
            "Forum Bakıda açıldı.",
            "The forum opened in Baku.",
        ),
        bead("", "", "Only English."),
        bead(
            "Делегаты подписали 14 соглашений.",
            "",
            "Delegates signed 14 agreements.",
        ),
        bead("Да.", "Bəli.", "Yes."),
        bead(
            "Форум закрылся в Баку.",
            "Forum Bakıda bağlandı.",
            "The forum closed in Baku.",
        ),
    ];
    let grid = EditableAlignment::from_beads(
        vec![lang("ru"), lang("az"), lang("en")],
        vec!["ru.txt".into(), "az.txt".into(), "en.txt".into()],
        beads,
    )
    .unwrap();
    let held = crate::tm::TranslationUnit {
        variants: vec![
            crate::tm::Variant::new(lang("ru"), "Да."),
            crate::tm::Variant::new(lang("az"), "Bəli."),
            crate::tm::Variant::new(lang("en"), "Yes."),
        ],
        meta: crate::tm::UnitMetadata {
            // What approving would add to it, so that seeing it again changes nothing.
            document: Some("ru.txt | az.txt | en.txt".into()),
            ..crate::tm::UnitMetadata::new(crate::tm::origin::ALIGNMENT, Timestamp(1))
        },
    };
    let memory = || {
        let mut conn = store::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        crate::store::units::insert(&tx, &held).unwrap();
        tx.commit().unwrap();
        conn
    };

    let mut approved = memory();
    let mut project =
        AlignmentProject::create(&mut approved, "A", grid.clone(), Timestamp(2)).unwrap();
    let report = project
        .approve(
            &mut approved,
            Approve::Confirmed,
            Some("leyla"),
            Timestamp(3),
        )
        .unwrap();
    assert_eq!(
        (report.added, report.duplicates, report.too_few_sides),
        (4, 2, 1)
    );

    // The reference: each bead's unit looked up and, if new, stored on its own, its
    // index entries written at once.
    let mut reference = memory();
    for b in 0..grid.beads().len() {
        let Some(unit) = super::approve::unit_of(&grid, b, Some("leyla"), Timestamp(3)) else {
            continue;
        };
        let mut writer = store::units::Writer::begin(&mut reference).unwrap();
        if writer.find_identical(&unit).unwrap().is_none() {
            writer.insert(&unit).unwrap();
        }
        writer.commit().unwrap();
    }

    let (fast, slow) = (
        store::dump_memory(&approved).unwrap(),
        store::dump_memory(&reference).unwrap(),
    );
    assert!(fast.len() > 40, "the dump shows the memory: {fast:#?}");
    assert_eq!(fast, slow);
    assert_eq!(
        crate::store::verify(&approved).unwrap(),
        Vec::<String>::new()
    );
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

fn new_text(tag: &str, text: &str, srx: Option<&str>) -> NewText {
    NewText {
        name: format!("{tag}.docx"),
        lang: lang(tag),
        text: text.to_string(),
        srx: srx.map(str::to_string),
    }
}

#[test]
fn a_new_project_reports_each_step_and_is_saved() {
    let mut conn = store::open_in_memory().unwrap();
    let texts = vec![
        new_text(
            "ru",
            "Форум открылся в Баку. Делегаты подписали 14 соглашений.",
            None,
        ),
        new_text(
            "en",
            "The forum opened in Baku. The delegates signed 14 agreements.",
            None,
        ),
    ];
    let mut heard = Vec::new();
    let project = AlignmentProject::align_new(
        &mut conn,
        "Forum",
        texts,
        Timestamp(0),
        &Limits::default(),
        &mut |d, t| {
            heard.push((d, t));
            std::ops::ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert_eq!(
        heard,
        [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)],
        "two texts, align, save"
    );
    assert_eq!(project.alignment.documents(), ["ru.docx", "en.docx"]);
    assert_eq!(project.alignment.beads().len(), 2, "one bead per sentence");
    assert_eq!(AlignmentProject::list(&conn).unwrap().len(), 1);
}

#[test]
fn a_new_project_uses_imported_rules_and_names_the_text_when_they_are_bad() {
    let mut conn = store::open_in_memory().unwrap();
    // Rules that never break: each text stays one segment.
    let srx = r#"<srx version="2.0" xmlns="http://www.lisa.org/srx20"><header segmentsubflows="yes" cascade="no"/><body><languagerules><languagerule languagerulename="none"><rule break="no"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="none"/></maprules></body></srx>"#;
    let texts = vec![
        new_text("ru", "Форум открылся. Делегаты прибыли.", Some(srx)),
        new_text("en", "The forum opened. Delegates arrived.", Some(srx)),
    ];
    let project = AlignmentProject::align_new(
        &mut conn,
        "p",
        texts,
        Timestamp(0),
        &Limits::default(),
        &mut |_, _| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();
    assert_eq!(
        project.alignment.beads()[0].segments[0],
        ["Форум открылся. Делегаты прибыли."]
    );

    let texts = vec![
        new_text("ru", "Форум.", Some("<srx>")),
        new_text("en", "Forum.", None),
    ];
    let e = AlignmentProject::align_new(
        &mut conn,
        "p",
        texts,
        Timestamp(0),
        &Limits::default(),
        &mut |_, _| std::ops::ControlFlow::Continue(()),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("segmentation rules for ru.docx: no languagemap"),
        "{e}"
    );
}

#[test]
fn a_cancelled_new_project_saves_nothing() {
    let mut conn = store::open_in_memory().unwrap();
    let texts = vec![
        new_text("ru", "Форум.", None),
        new_text("en", "Forum.", None),
    ];
    let e = AlignmentProject::align_new(
        &mut conn,
        "p",
        texts,
        Timestamp(0),
        &Limits::default(),
        &mut |done, _| {
            if done == 2 {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        },
    )
    .unwrap_err();
    assert!(matches!(e, EditorError::Cancelled), "{e:?}");
    assert!(
        AlignmentProject::list(&conn).unwrap().is_empty(),
        "nothing saved"
    );
}
