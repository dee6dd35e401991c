//! Jobs on a real SQLite file: creating, confirming into the memory, pre-translating,
//! reopening.

use std::ops::ControlFlow;
use std::path::PathBuf;

use super::*;
use crate::limits::Limits;
use crate::store;

fn lang(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).unwrap()
}

fn db(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("dragoman-translate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("dragoman.sqlite")
}

const TEXT: &str =
    "Президент прибыл в Баку. Переговоры длились три часа.\n\nСтороны подписали семь соглашений.";

fn job(conn: &mut Connection) -> TranslationJob {
    TranslationJob::create(
        conn,
        "talks.txt",
        lang("ru"),
        vec![lang("en"), lang("az")],
        TEXT,
        None,
        &Limits::default(),
        Timestamp(1_700_000_000),
    )
    .unwrap()
}

/// A second job, [`TEXT`] with one number changed: its first two segments are the
/// first job's, its last one a fuzzy match for the first job's last.
fn changed_job(conn: &mut Connection) -> TranslationJob {
    let text = TEXT.replace("семь", "восемь");
    TranslationJob::create(
        conn,
        "b",
        lang("ru"),
        vec![lang("en"), lang("az")],
        &text,
        None,
        &Limits::default(),
        Timestamp(0),
    )
    .unwrap()
}

/// The English translations of [`TEXT`]'s first and last segments, by segment.
const PRESIDENT: (usize, &str) = (0, "The President arrived in Baku.");
const AGREEMENTS: (usize, &str) = (2, "The parties signed seven agreements.");

/// Confirm `translations` into English in a job of [`TEXT`]: the memory then holds them.
fn remember(conn: &mut Connection, translations: &[(usize, &str)]) {
    let mut first = job(conn);
    for &(segment, text) in translations {
        first
            .confirm(conn, segment, &lang("en"), text, None, Timestamp(0))
            .unwrap();
    }
}

#[test]
fn create_segments_with_the_builtin_rules_and_reopens() {
    let path = db("create");
    let mut conn = store::open(&path).unwrap();
    let made = job(&mut conn);
    let sources: Vec<&str> = made.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "Президент прибыл в Баку.",
            "Переговоры длились три часа.",
            "Стороны подписали семь соглашений."
        ]
    );
    assert_eq!(made.segments[2].paragraph, 1);
    drop(conn);
    let conn = store::open(&path).unwrap();
    assert_eq!(TranslationJob::open(&conn, made.id).unwrap(), made);
    let listed = TranslationJob::list(&conn).unwrap();
    assert_eq!((listed[0].id, listed[0].segments), (made.id, 3));
}

#[test]
fn create_refuses_bad_targets_and_empty_text() {
    let mut conn = store::open_in_memory().unwrap();
    let now = Timestamp(0);
    for targets in [
        vec![],
        vec![lang("ru")],
        vec![lang("en"), lang("en")],
        vec![lang("en"), lang("az"), lang("de")],
    ] {
        let r = TranslationJob::create(
            &mut conn,
            "x",
            lang("ru"),
            targets,
            TEXT,
            None,
            &Limits::default(),
            now,
        );
        assert!(matches!(r, Err(TranslateError::TargetLanguages)), "{r:?}");
    }
    let r = TranslationJob::create(
        &mut conn,
        "x",
        lang("ru"),
        vec![lang("en")],
        "  \n",
        None,
        &Limits::default(),
        now,
    );
    assert!(matches!(r, Err(TranslateError::EmptySource)), "{r:?}");
    assert!(
        TranslationJob::list(&conn).unwrap().is_empty(),
        "nothing saved"
    );
}

#[test]
fn confirm_survives_reopening_and_gives_a_context_match() {
    let path = db("confirm");
    let mut conn = store::open(&path).unwrap();
    let mut j = job(&mut conn);
    let en = lang("en");
    j.confirm(
        &mut conn,
        1,
        &en,
        "The talks lasted three hours.",
        Some("me"),
        Timestamp(1_700_000_100),
    )
    .unwrap();
    drop(conn);

    let mut conn = store::open(&path).unwrap();
    let reopened = TranslationJob::open(&conn, j.id).unwrap();
    assert_eq!(
        reopened.segments[1].targets[0],
        TargetText {
            text: "The talks lasted three hours.".into(),
            status: SegmentStatus::Confirmed
        }
    );
    assert_eq!(
        reopened.segments[1].targets[1].status,
        SegmentStatus::Empty,
        "az untouched"
    );

    // The same document again: the confirmed segment comes back at 101%.
    let again = job(&mut conn);
    let found = again.matches(&conn, 1, &en, 70, 5).unwrap().matches;
    assert_eq!(found[0].score, MatchScore::CONTEXT);
    assert_eq!(found[0].target, "The talks lasted three hours.");
    assert_eq!(found[0].meta.origin, origin::TRANSLATION);
    assert_eq!(found[0].meta.created_by.as_deref(), Some("me"));
    // Out of its context, the same sentence is a 100% match.
    let mut other = TranslationJob::create(
        &mut conn,
        "y",
        lang("ru"),
        vec![en.clone()],
        "Переговоры длились три часа.",
        None,
        &Limits::default(),
        Timestamp(0),
    )
    .unwrap();
    assert_eq!(
        other.matches(&conn, 0, &en, 70, 5).unwrap().matches[0].score,
        MatchScore::EXACT
    );
    // Confirming it there too does not duplicate the unit.
    other
        .confirm(
            &mut conn,
            0,
            &en,
            "The talks lasted three hours.",
            None,
            Timestamp(0),
        )
        .unwrap();
    let units = crate::store::units::stats(&conn).unwrap().units;
    // The memory counts two units identical by their texts, whatever their context.
    assert_eq!(units, 1, "the same translation confirmed twice is one unit");
}

#[test]
fn confirm_refuses_a_blank_text_or_a_foreign_language() {
    let mut conn = store::open_in_memory().unwrap();
    let mut j = job(&mut conn);
    assert!(matches!(
        j.confirm(&mut conn, 0, &lang("en"), "  ", None, Timestamp(0)),
        Err(TranslateError::BlankTarget)
    ));
    assert!(matches!(
        j.confirm(&mut conn, 0, &lang("de"), "x", None, Timestamp(0)),
        Err(TranslateError::NotATarget(_))
    ));
    assert!(matches!(
        j.confirm(&mut conn, 9, &lang("en"), "x", None, Timestamp(0)),
        Err(TranslateError::NoSuchSegment(9))
    ));
    for refused in [
        j.confirm(&mut conn, 0, &lang("en"), "Talks\u{8}.", None, Timestamp(0)),
        j.edit(&mut conn, 0, &lang("en"), "Talks\u{8}.", Timestamp(0))
            .map(|_| ()),
    ] {
        assert!(
            matches!(
                &refused,
                Err(TranslateError::Store(StoreError::Unstorable(u))) if u.position == 6
            ),
            "{refused:?}"
        );
    }
    assert_eq!(crate::store::units::stats(&conn).unwrap().units, 0);
    assert!(
        j.segments[0].targets[0].text.is_empty(),
        "the draft was not kept"
    );
}

#[test]
fn pretranslate_fills_by_match_type_and_keeps_edits() {
    let path = db("pretranslate");
    let mut conn = store::open(&path).unwrap();
    let en = lang("en");
    remember(&mut conn, &[PRESIDENT, AGREEMENTS]);

    let mut j = changed_job(&mut conn);
    j.edit(&mut conn, 1, &en, "My own.", Timestamp(0)).unwrap();
    let mut seen = Vec::new();
    let report = j
        .pretranslate(&mut conn, 60, Timestamp(0), &mut |d, t| {
            seen.push((d, t));
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(
        report,
        PretranslateReport {
            context: 0,
            exact: 1,
            fuzzy: 1,
            empty: 3,
            ..PretranslateReport::default()
        }
    );
    // The first segment has no previous one, so the memory never calls it in context.
    assert_eq!(seen.last(), Some(&(3, 3)));
    let statuses: Vec<SegmentStatus> = j.segments.iter().map(|s| s.targets[0].status).collect();
    assert!(
        matches!(statuses[..], [SegmentStatus::Pretranslated { score: MatchScore::EXACT }, SegmentStatus::Edited, SegmentStatus::Pretranslated { score: MatchScore(s) }] if s < 100),
        "{statuses:?}"
    );
    assert_eq!(
        j.segments[1].targets[0].text, "My own.",
        "an edit is never overwritten"
    );
    assert_eq!(
        TranslationJob::open(&conn, j.id).unwrap(),
        j,
        "saved as shown"
    );
}

/// The best match for `job`'s segment `segment` into English: its target, and how often
/// and when last its unit was used.
fn best_match_uses(
    conn: &Connection,
    job: &TranslationJob,
    segment: usize,
) -> (String, u32, Option<Timestamp>) {
    let best = job
        .matches(conn, segment, &lang("en"), 60, 1)
        .unwrap()
        .matches;
    let best = best.into_iter().next().expect("a match");
    (best.target, best.meta.use_count, best.meta.last_used_at)
}

#[test]
fn pretranslating_counts_one_use_of_each_unit_it_fills_a_target_from() {
    let mut conn = store::open_in_memory().unwrap();
    remember(&mut conn, &[PRESIDENT, AGREEMENTS]);
    let mut j = changed_job(&mut conn);
    let go_on = &mut |_, _| ControlFlow::Continue(());
    j.pretranslate(&mut conn, 60, Timestamp(50), go_on).unwrap();
    assert_eq!(
        best_match_uses(&conn, &j, 0),
        (PRESIDENT.1.into(), 1, Some(Timestamp(50)))
    );
    assert_eq!(
        best_match_uses(&conn, &j, 2),
        (AGREEMENTS.1.into(), 1, Some(Timestamp(50))),
        "the fuzzy match's unit, not the exact one's"
    );
    j.pretranslate(&mut conn, 60, Timestamp(60), go_on).unwrap();
    assert_eq!(
        best_match_uses(&conn, &j, 0).1,
        1,
        "filling a target again with the same match is not another use"
    );
    let mut other = changed_job(&mut conn);
    other
        .pretranslate(&mut conn, 60, Timestamp(70), go_on)
        .unwrap();
    assert_eq!(
        best_match_uses(&conn, &other, 0),
        (PRESIDENT.1.into(), 2, Some(Timestamp(70))),
        "another job's target is another use"
    );
}

#[test]
fn a_match_inserted_by_the_translator_counts_a_use_of_its_unit() {
    let mut conn = store::open_in_memory().unwrap();
    let en = lang("en");
    remember(&mut conn, &[PRESIDENT]);
    let j = changed_job(&mut conn);
    let unit = j.matches(&conn, 0, &en, 60, 1).unwrap().matches[0].unit;
    TranslationJob::record_match_use(&mut conn, unit, Timestamp(80)).unwrap();
    assert_eq!(
        best_match_uses(&conn, &j, 0),
        (PRESIDENT.1.into(), 1, Some(Timestamp(80)))
    );
}

#[test]
fn cancelled_pretranslation_writes_nothing() {
    let mut conn = store::open_in_memory().unwrap();
    remember(&mut conn, &[PRESIDENT]);
    let mut j = job(&mut conn);
    let before = j.clone();
    let r = j.pretranslate(&mut conn, 50, Timestamp(0), &mut |d, _| {
        if d > 0 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(matches!(r, Err(TranslateError::Cancelled)), "{r:?}");
    assert_eq!(j, before);
    assert_eq!(TranslationJob::open(&conn, j.id).unwrap(), before);
    assert_eq!(best_match_uses(&conn, &j, 0).1, 0, "no use counted either");
}

const XLIFF_12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="talks.docx" source-language="ru" target-language="az" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Президент прибыл в Баку. Переговоры длились три часа.</source>
        <target>Prezident Bakıya gəldi. Danışıqlar üç saat çəkdi.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Стороны подписали семь соглашений.</source>
      </trans-unit>
    </body>
  </file>
</xliff>"#;

#[test]
fn an_xliff_job_keeps_the_files_segments_targets_and_languages() {
    let path = db("xliff");
    let mut conn = store::open(&path).unwrap();
    let now = Timestamp(1_700_000_000);
    let made = TranslationJob::import_xliff(
        &mut conn,
        "talks",
        XLIFF_12.as_bytes(),
        None,
        &Limits::default(),
        now,
    )
    .unwrap();
    assert_eq!(
        (made.src.as_str(), made.targets.clone()),
        ("ru", vec![lang("az")])
    );
    let sources: Vec<&str> = made.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "Президент прибыл в Баку. Переговоры длились три часа.",
            "Стороны подписали семь соглашений."
        ],
        "the file's segments, not cut again"
    );
    assert_eq!(
        made.segments[0].targets[0],
        TargetText {
            text: "Prezident Bakıya gəldi. Danışıqlar üç saat çəkdi.".into(),
            status: SegmentStatus::Edited,
        }
    );
    assert_eq!(made.segments[1].targets[0].status, SegmentStatus::Empty);
    drop(conn);
    let conn = store::open(&path).unwrap();
    assert_eq!(TranslationJob::open(&conn, made.id).unwrap(), made);
}

#[test]
fn an_xliff_without_a_target_language_takes_the_given_one_or_is_refused() {
    let mut conn = store::open_in_memory().unwrap();
    let bare = XLIFF_12.replace(r#" target-language="az""#, "");
    let now = Timestamp(0);
    let r = TranslationJob::import_xliff(
        &mut conn,
        "x",
        bare.as_bytes(),
        None,
        &Limits::default(),
        now,
    );
    assert!(matches!(r, Err(TranslateError::NoTargetLanguage)), "{r:?}");
    let made = TranslationJob::import_xliff(
        &mut conn,
        "x",
        bare.as_bytes(),
        Some(lang("en")),
        &Limits::default(),
        now,
    );
    assert_eq!(made.unwrap().targets, [lang("en")]);
    let r = TranslationJob::import_xliff(&mut conn, "x", b"<html/>", None, &Limits::default(), now);
    assert!(matches!(r, Err(TranslateError::Xliff { .. })), "{r:?}");
}

#[test]
fn create_from_segments_refuses_a_segment_without_a_target_per_language() {
    let mut conn = store::open_in_memory().unwrap();
    let segment = JobSegment {
        paragraph: 0,
        source: "Форум открылся.".into(),
        targets: vec![TargetText::default()],
    };
    let r = TranslationJob::create_from_segments(
        &mut conn,
        "x",
        lang("ru"),
        vec![lang("en"), lang("az")],
        vec![segment],
        Timestamp(0),
    );
    assert!(matches!(r, Err(TranslateError::TargetCount(0))), "{r:?}");
    assert!(TranslationJob::list(&conn).unwrap().is_empty());
}

#[test]
fn exports_read_back_with_the_confirmed_targets_and_the_fuzzy_score() {
    use crate::formats::xliff::XliffVersion;
    use crate::formats::xliff_read;

    let path = db("export");
    let mut conn = store::open(&path).unwrap();
    let en = lang("en");
    let mut first = job(&mut conn);
    first
        .confirm(
            &mut conn,
            2,
            &en,
            "The parties signed seven agreements.",
            None,
            Timestamp(0),
        )
        .unwrap();
    let mut j = changed_job(&mut conn);
    j.confirm(
        &mut conn,
        0,
        &en,
        "The President arrived in Baku.",
        None,
        Timestamp(0),
    )
    .unwrap();
    j.pretranslate(&mut conn, 60, Timestamp(0), &mut |_, _| {
        ControlFlow::Continue(())
    })
    .unwrap();
    let fuzzy = j.segments[2].targets[0].status;
    assert!(
        matches!(fuzzy, SegmentStatus::Pretranslated { score } if score < MatchScore::EXACT),
        "{fuzzy:?}"
    );

    for version in [XliffVersion::V2_1, XliffVersion::V1_2] {
        let mut out = Vec::new();
        let translated = j
            .export(
                &conn,
                &en,
                JobExport::Xliff(version),
                &Limits::default(),
                &mut out,
            )
            .unwrap();
        assert_eq!(translated, 2, "{version:?}");
        let file = xliff_read::read(&out, &Limits::default()).unwrap();
        assert_eq!((file.src.as_str(), file.tgt.as_ref()), ("ru", Some(&en)));
        let targets: Vec<Option<&str>> =
            file.segments.iter().map(|s| s.target.as_deref()).collect();
        assert_eq!(
            targets,
            [
                Some("The President arrived in Baku."),
                None,
                Some("The parties signed seven agreements.")
            ],
            "{version:?}"
        );
        let xml = String::from_utf8(out).unwrap();
        let score = match fuzzy {
            SegmentStatus::Pretranslated { score } => score.0,
            _ => unreachable!(),
        };
        let marked = match version {
            XliffVersion::V2_1 => format!("subState=\"dragoman:{score}\""),
            XliffVersion::V1_2 => format!("match-quality=\"{score}\""),
        };
        assert!(xml.contains(&marked), "{version:?}: {xml}");
        if version == XliffVersion::V1_2 {
            // The fuzzy match's stored source, found again in the memory.
            assert!(xml.contains("Стороны подписали семь соглашений."), "{xml}");
        }
    }

    let mut tmx = Vec::new();
    assert_eq!(
        j.export(&conn, &en, JobExport::Tmx, &Limits::default(), &mut tmx)
            .unwrap(),
        1,
        "the untouched fuzzy match is left out"
    );
    let tmx = String::from_utf8(tmx).unwrap();
    assert_eq!(
        tmx.matches("<tu>").count() + tmx.matches("<tu ").count(),
        1,
        "{tmx}"
    );
    assert!(!tmx.contains("seven agreements"), "{tmx}");
    assert!(
        !tmx.contains("Переговоры"),
        "no unit for an empty target: {tmx}"
    );

    let mut txt = Vec::new();
    j.export(&conn, &en, JobExport::Text, &Limits::default(), &mut txt)
        .unwrap();
    assert_eq!(
        String::from_utf8(txt).unwrap(),
        "The President arrived in Baku. Переговоры длились три часа.\n\nThe parties signed seven agreements.\n"
    );
    let r = j.export(
        &conn,
        &lang("de"),
        JobExport::Tmx,
        &Limits::default(),
        &mut Vec::new(),
    );
    assert!(matches!(r, Err(TranslateError::NotATarget(_))), "{r:?}");
}

/// A DOCX as Word writes one: a heading, a paragraph whose first sentence is one bold
/// run, a second paragraph, and a styles part.
fn forum_docx() -> Vec<u8> {
    use std::io::Write;
    let document = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Форум в Баку</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Президент прибыл в Баку.</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> Переговоры длились три часа.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Стороны подписали семь соглашений.</w:t></w:r></w:p>"#,
        r#"<w:sectPr/></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("word/document.xml", document),
        (
            "word/styles.xml",
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#,
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, content) in parts {
        zip.start_file(path, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_docx_job_exports_its_translation_as_docx_keeping_styles_and_bold() {
    use std::io::Read;
    let path = db("docx");
    let mut conn = store::open(&path).unwrap();
    let now = Timestamp(0);
    let bytes = forum_docx();
    let mut made = TranslationJob::create_from_document(
        &mut conn,
        "forum",
        "forum.docx",
        &bytes,
        lang("ru"),
        vec![lang("en")],
        None,
        &Limits::default(),
        now,
    )
    .unwrap();
    let sources: Vec<&str> = made.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources[..2], ["Форум в Баку", "Президент прибыл в Баку."]);
    let en = lang("en");
    made.confirm(&mut conn, 0, &en, "Forum in Baku", None, now)
        .unwrap();
    made.confirm(
        &mut conn,
        1,
        &en,
        "The President arrived in Baku.",
        None,
        now,
    )
    .unwrap();
    made.edit(&mut conn, 3, &en, "The sides signed seven agreements.", now)
        .unwrap();
    drop(conn);
    // Reopened, as the shell does for each command.
    let conn = store::open(&path).unwrap();
    let job = TranslationJob::open(&conn, made.id).unwrap();
    assert_eq!(job.original, Some(SourceFormat::Docx));
    let mut out = Vec::new();
    let translated = job
        .export(
            &conn,
            &en,
            JobExport::Original,
            &Limits::default(),
            &mut out,
        )
        .unwrap();
    assert_eq!(translated, 3);
    assert_eq!(
        source::read("forum.en.docx", &out, &Limits::default()).unwrap(),
        "Forum in Baku\n\nThe President arrived in Baku. Переговоры длились три часа.\n\n\
         The sides signed seven agreements.",
        "the untranslated sentence keeps its source"
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&out)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Forum in Baku</w:t>"#),
        "{xml}"
    );
    assert!(
        xml.contains(
            r#"<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">The President arrived in Baku.</w:t>"#
        ),
        "{xml}"
    );
    assert!(archive.by_name("word/styles.xml").is_ok());
}

/// Issue 15: a bold name and a footnote reference inside a sentence are the segment's
/// inline codes; the translator's markers put them back in the exported document, and
/// the footnote is a segment of its own.
#[test]
fn a_docx_job_carries_inline_codes_and_its_export_puts_them_back() {
    use crate::inline::Mark;
    use std::io::{Read, Write};
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<w:document {w}><w:body><w:p><w:r><w:t xml:space="preserve">Президент </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Ильхам Алиев</w:t></w:r><w:r><w:t xml:space="preserve"> прибыл</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> в Баку.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let notes = format!(
        r#"<w:footnotes {w}><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Источник: АЗЕРТАДЖ.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, content) in [
        ("word/document.xml", &document),
        ("word/footnotes.xml", &notes),
    ] {
        zip.start_file(path, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut conn = store::open_in_memory().unwrap();
    let now = Timestamp(0);
    let mut job = TranslationJob::create_from_document(
        &mut conn,
        "visit",
        "visit.docx",
        &bytes,
        lang("ru"),
        vec![lang("en")],
        None,
        &Limits::default(),
        now,
    )
    .unwrap();
    let (open, close, note) = (
        Mark::Open(0).char(),
        Mark::Close(0).char(),
        Mark::Standalone(1).char(),
    );
    let sources: Vec<&str> = job.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            format!("Президент {open}Ильхам Алиев{close} прибыл{note} в Баку.").as_str(),
            "Источник: АЗЕРТАДЖ."
        ]
    );
    let en = lang("en");
    let target = format!("President {open}Ilham Aliyev{close} arrived{note} in Baku.");
    job.edit(&mut conn, 0, &en, &target, now).unwrap();
    job.edit(&mut conn, 1, &en, "Source: AZERTAC.", now)
        .unwrap();
    let mut out = Vec::new();
    job.export(
        &conn,
        &en,
        JobExport::Original,
        &Limits::default(),
        &mut out,
    )
    .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&out)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(concat!(
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Ilham Aliyev</w:t></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> arrived</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#
        )),
        "{xml}"
    );
    assert_eq!(
        source::read("visit.en.docx", &out, &Limits::default()).unwrap(),
        "President Ilham Aliyev arrived in Baku.\n\nSource: AZERTAC."
    );
}

#[test]
fn a_pasted_job_exports_its_text_with_the_space_between_segments() {
    let mut conn = store::open_in_memory().unwrap();
    let now = Timestamp(0);
    let text = "Президент прибыл в Баку.   Переговоры длились три часа.\n\n\n  Стороны подписали семь соглашений.\n";
    let mut made = TranslationJob::create(
        &mut conn,
        "talks",
        lang("ru"),
        vec![lang("az")],
        text,
        None,
        &Limits::default(),
        now,
    )
    .unwrap();
    let az = lang("az");
    made.edit(&mut conn, 0, &az, "Prezident Bakıya gəldi.", now)
        .unwrap();
    made.edit(&mut conn, 2, &az, "Tərəflər yeddi saziş imzaladılar.", now)
        .unwrap();
    let mut out = Vec::new();
    made.export(
        &conn,
        &az,
        JobExport::Original,
        &Limits::default(),
        &mut out,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Prezident Bakıya gəldi.   Переговоры длились три часа.\n\n\n  Tərəflər yeddi saziş imzaladılar.\n"
    );
}

#[test]
fn an_xliff_job_exports_its_file_back_with_the_translators_targets() {
    let mut conn = store::open_in_memory().unwrap();
    let mut job = TranslationJob::import_xliff(
        &mut conn,
        "talks.xlf",
        XLIFF_12.as_bytes(),
        None,
        &Limits::default(),
        Timestamp(0),
    )
    .unwrap();
    let tgt = job.targets[0].clone();
    assert_eq!(job.original, Some(SourceFormat::Xliff));
    let export = |job: &TranslationJob, conn: &Connection| {
        let mut out = Vec::new();
        let n = job
            .export(
                conn,
                &tgt,
                JobExport::Original,
                &Limits::default(),
                &mut out,
            )
            .unwrap();
        (n, String::from_utf8(out).unwrap())
    };
    assert_eq!(
        export(&job, &conn),
        (1, XLIFF_12.to_string()),
        "the file's own target is not written again"
    );
    job.edit(
        &mut conn,
        1,
        &tgt,
        "Tərəflər yeddi saziş imzaladılar.",
        Timestamp(1),
    )
    .unwrap();
    let reopened = TranslationJob::open(&conn, job.id).unwrap();
    let (n, written) = export(&reopened, &conn);
    assert_eq!(n, 2);
    assert_eq!(
        written,
        XLIFF_12.replace(
            "<source>Стороны подписали семь соглашений.</source>",
            "<source>Стороны подписали семь соглашений.</source>\n        <target state=\"translated\">Tərəflər yeddi saziş imzaladılar.</target>"
        )
    );
}

/// A job of one or more segments whose sources carry inline codes (see [`crate::inline`]).
fn coded_job(conn: &mut Connection, sources: &[&str]) -> TranslationJob {
    let segments = sources
        .iter()
        .enumerate()
        .map(|(p, s)| JobSegment {
            paragraph: p as u32,
            source: s.to_string(),
            targets: vec![TargetText::default()],
        })
        .collect();
    TranslationJob::create_from_segments(
        conn,
        "coded",
        lang("ru"),
        vec![lang("en")],
        segments,
        Timestamp(0),
    )
    .unwrap()
}

#[test]
fn inline_codes_stay_out_of_the_memory_and_come_back_in_matches_and_pretranslation() {
    use crate::inline::Mark;
    let (o, c, s) = (
        Mark::Open(0).char(),
        Mark::Close(0).char(),
        Mark::Standalone(1).char(),
    );
    let path = db("codes");
    let mut conn = store::open(&path).unwrap();
    let en = lang("en");
    let source = format!("Президент {o}Ilham Aliyev{c} прибыл в Баку{s}.");
    let target = format!("President {o}Ilham Aliyev{c} arrived in Baku{s}.");
    let mut first = coded_job(&mut conn, &[&source]);
    first
        .confirm(&mut conn, 0, &en, &target, None, Timestamp(0))
        .unwrap();

    // The memory holds the words, the codes as TMX markup and tags.
    let mut tmx = Vec::new();
    crate::tm::Memory::from(store::open(&path).unwrap())
        .export_tmx(&crate::store::units::UnitFilter::default(), None, &mut tmx)
        .unwrap();
    let tmx = String::from_utf8(tmx).unwrap();
    assert!(
        tmx.contains(r#"<seg>President <bpt i="1"/>Ilham Aliyev<ept i="1"/> arrived in Baku<ph x="2"/>.</seg>"#),
        "{tmx}"
    );
    assert!(!tmx.contains(o), "no marker reaches the TMX");

    // The same coded sentence elsewhere: an exact match whose target has the codes.
    let mut second = coded_job(&mut conn, &["Стороны подписали соглашение.", &source]);
    let found = second.matches(&conn, 1, &en, 70, 5).unwrap().matches;
    assert_eq!(found[0].score, MatchScore::EXACT);
    assert_eq!(found[0].target, target);
    second
        .pretranslate(&mut conn, 70, Timestamp(0), &mut |_, _| {
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(second.segments[1].targets[0].text, target);

    // Plain text in the memory, codes in the new source: placed where the words are.
    remember(&mut conn, &[PRESIDENT]);
    let coded = format!("{o}Президент прибыл в Баку.{c}");
    let third = coded_job(&mut conn, &[&coded]);
    let found = third.matches(&conn, 0, &en, 50, 5).unwrap().matches;
    assert_eq!(
        found[0].target,
        format!("{o}The President arrived in Baku.{c}")
    );
    assert!(
        found[0].score < MatchScore::EXACT,
        "a tag difference is not exact"
    );

    // QA names the code a translator lost.
    second
        .edit(
            &mut conn,
            1,
            &en,
            "President Ilham Aliyev arrived in Baku.",
            Timestamp(0),
        )
        .unwrap();
    let qa = second.check(&[], false);
    assert!(
        qa.iter().any(|i| i.segment == 1
            && i.issue
                == JobIssue::Codes {
                    missing: vec!["<1>".into(), "</1>".into(), "<2/>".into()],
                    extra: vec![],
                    misnested: vec![],
                }),
        "{qa:?}"
    );
}

/// The English texts the memory holds for `source`, and each unit's earlier versions.
fn held(conn: &Connection, source: &str) -> Vec<(String, Vec<String>)> {
    let units = store::units::with_text(conn, &lang("ru"), source).unwrap();
    units
        .into_iter()
        .map(|id| {
            let unit = store::units::get(conn, id).unwrap().unwrap();
            let versions = store::units::versions::list(conn, id).unwrap();
            (
                unit.variant(&lang("en")).unwrap().text.clone(),
                versions.into_iter().map(|v| v.text).collect(),
            )
        })
        .collect()
}

#[test]
fn confirming_a_correction_replaces_the_translation_and_keeps_the_old_one() {
    let path = db("correct");
    let mut conn = store::open(&path).unwrap();
    let en = lang("en");
    let mut j = job(&mut conn);
    j.confirm(
        &mut conn,
        1,
        &en,
        "The talks lasted two hours.",
        None,
        Timestamp(10),
    )
    .unwrap();
    j.confirm(
        &mut conn,
        1,
        &en,
        "The talks lasted three hours.",
        Some("me"),
        Timestamp(20),
    )
    .unwrap();
    assert_eq!(
        held(&conn, "Переговоры длились три часа."),
        [(
            "The talks lasted three hours.".to_string(),
            vec!["The talks lasted two hours.".to_string()]
        )],
        "one unit, corrected, its old text an earlier version"
    );
    let found = j.matches(&conn, 1, &en, 70, 5).unwrap().matches;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].meta.changed_by.as_deref(), Some("me"));

    // Confirming the same text again changes nothing.
    j.confirm(
        &mut conn,
        1,
        &en,
        "The talks lasted three hours.",
        None,
        Timestamp(30),
    )
    .unwrap();
    assert_eq!(held(&conn, "Переговоры длились три часа.")[0].1.len(), 1);

    // With several translations kept, a different one is added beside.
    store::settings::set(
        &mut conn,
        store::settings::SEVERAL_TRANSLATIONS,
        Some("true"),
    )
    .unwrap();
    j.confirm(
        &mut conn,
        1,
        &en,
        "Talks went on for three hours.",
        None,
        Timestamp(40),
    )
    .unwrap();
    let texts: Vec<String> = held(&conn, "Переговоры длились три часа.")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(
        texts,
        [
            "The talks lasted three hours.",
            "Talks went on for three hours."
        ]
    );
}

#[test]
fn fragments_of_a_coded_segment_stand_where_its_words_are() {
    use crate::inline::Mark;
    let (o, c) = (Mark::Open(0).char(), Mark::Close(0).char());
    let mut conn = store::open_in_memory().unwrap();
    let en = lang("en");
    let mut first = coded_job(
        &mut conn,
        &[
            "Стороны обменялись мнениями по вопросам торговли.",
            "Министры обменялись мнениями по вопросам культуры.",
            "Делегации обменялись мнениями по вопросам энергетики.",
            "Министры обсудили вопросы торговли.",
        ],
    );
    let translations = [
        "The parties exchanged views on trade.",
        "The ministers exchanged views on culture.",
        "The delegations exchanged views on energy.",
        "The ministers discussed trade.",
    ];
    for (i, text) in translations.iter().enumerate() {
        first
            .confirm(&mut conn, i, &en, text, None, Timestamp(0))
            .unwrap();
    }
    let source = format!("Президенты {o}обменялись мнениями{c} по вопросам экономики.");
    let second = coded_job(&mut conn, &[&source]);
    // Before the word alignment is learned there are none, and no error.
    assert!(second.fragments(&conn, 0, &en).unwrap().is_empty());
    assert_eq!(second.learn_word_alignment(&mut conn).unwrap(), 4);
    let found = second.fragments(&conn, 0, &en).unwrap();
    let f = found.first().expect("the formula is found");
    // The offsets are in the coded source, on the run's words, codes outside it.
    assert_eq!(inline::strip(&source[f.start..f.end]), f.source);
    let first = source[f.start..].chars().next().unwrap();
    let last = source[..f.end].chars().next_back().unwrap();
    assert!(!inline::is_mark(first) && !inline::is_mark(last), "{f:?}");
    assert!(f.target.contains("exchanged views"), "{f:?}");
}

#[test]
fn a_plain_offset_maps_past_or_before_the_codes_standing_there() {
    use crate::inline::Mark;
    let (o, c) = (Mark::Open(0).char(), Mark::Close(0).char());
    let marked = format!("A {o}bc{c} d");
    // "A bc d": "bc" is bytes 2..4 of the plain text.
    let open_at = "A ".len();
    let close_at = open_at + o.len_utf8() + "bc".len();
    assert_eq!(marked_offset(&marked, 2, true), open_at + o.len_utf8());
    assert_eq!(marked_offset(&marked, 2, false), open_at);
    assert_eq!(marked_offset(&marked, 4, false), close_at);
    assert_eq!(marked_offset(&marked, 4, true), close_at + c.len_utf8());
    assert_eq!(marked_offset(&marked, 6, false), marked.len());
}
