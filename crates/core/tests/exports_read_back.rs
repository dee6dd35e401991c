//! Whatever text a translator's work holds, every file Dragoman writes is one a reader
//! takes back (issue 19, item 3): the XLSX glossary (read by calamine, an independent
//! reader, and by Dragoman's own) and the DOCX and HTML documents a translation is
//! written into. The TMX, TBX and XLIFF writers have the same property in
//! `formats::tests`. Text a memory or glossary cannot hold (C0 controls, U+FFFF) is
//! refused where it is typed, so the strings here are what can reach a writer.

use std::io::{Cursor, Write};

use calamine::{Reader, Xlsx};
use dragoman_core::glossary::table::TableLayout;
use dragoman_core::glossary::{Concept, Term, xlsx};
use dragoman_core::lang::LanguageTag;
use dragoman_core::limits::Limits;
use dragoman_core::source::{self, Replacement, SourceFormat};
use proptest::prelude::*;

/// Strings rich in what breaks markup: `<`, `&`, quotes, `]]>`, spaces at the ends,
/// line breaks and tabs, the Private Use Area, and any other storable character.
fn awkward() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>().prop_filter("storable", |c| {
                !matches!(*c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
            }),
            Just('<'),
            Just('&'),
            Just('"'),
            Just('\''),
            Just('\t'),
            Just('\n'),
            Just(' '),
            Just(']'),
            Just('>'),
            Just('=')
        ],
        1..16,
    )
    .prop_map(|chars| format!("x{}", chars.into_iter().collect::<String>()))
}

fn tag(t: &str) -> LanguageTag {
    LanguageTag::parse(t).unwrap()
}

/// A DOCX of one paragraph of one run, as Word writes the minimum.
fn docx(text: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, content) in [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(path, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `bytes`, a one-sentence document, with that sentence replaced by `translation`, read
/// back as text.
fn written_back(format: SourceFormat, bytes: &[u8], translation: &str) -> Result<String, String> {
    let limits = Limits::default();
    let text = source::read_as(format, "doc", bytes, &limits).map_err(|e| e.to_string())?;
    let replacements = [Replacement {
        span: 0..text.len(),
        text: translation.to_string(),
    }];
    let out = source::write_translated(format, "doc", bytes, "en", &replacements, &limits)
        .map_err(|e| e.to_string())?;
    source::read_as(format, "doc", &out, &limits).map_err(|e| e.to_string())
}

/// Text as a document reader gives it back: blocks trimmed of layout spaces, runs of
/// blank lines one paragraph break (what `source::read_as` does to any document).
fn as_read(text: &str) -> String {
    let layout = |c: char| c.is_whitespace() && c != '\u{a0}';
    text.split("\n\n")
        .map(|p| p.trim_matches(layout))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

proptest! {
    /// A glossary export to XLSX reads back, term for term, by calamine and by
    /// Dragoman's own reader.
    #[test]
    fn an_xlsx_glossary_reads_back_whatever_its_terms(ru in awkward(), en in awkward(), note in awkward()) {
        // The store keeps terms trimmed; a note as typed. A table cell lists synonyms
        // split at ";", so a term holding one is not a case for this test.
        let term = |t: String| t.replace(';', ",").trim().to_string();
        let (ru, en) = (term(ru), term(en));
        let mut term = Term::new(tag("en"), en.clone());
        term.note = Some(note.clone());
        let concept = Concept {
            id: "c1".into(),
            terms: vec![Term::new(tag("ru"), ru.clone()), term],
            ..Concept::default()
        };
        let bytes = xlsx::write(std::slice::from_ref(&concept), &[tag("ru"), tag("en")], &TableLayout::default()).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<String> = sheet.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
        prop_assert!(cells.contains(&ru), "{cells:?} lacks {ru:?}");
        prop_assert!(cells.contains(&en), "{cells:?} lacks {en:?}");
        let read = xlsx::read(&bytes, None, &Limits::default()).unwrap();
        prop_assert_eq!(read.len(), 1);
        let text = |lang: &str| read[0].terms.iter().find(|t| t.lang.as_str() == lang).map(|t| t.text.clone());
        prop_assert_eq!(text("ru"), Some(ru));
        prop_assert_eq!(text("en"), Some(en));
    }

    /// A translation written into a DOCX or an HTML page leaves a document its reader
    /// takes, holding the translation. Its inline-code markers are no text: one the
    /// source has no code for is dropped (this source has none).
    #[test]
    fn a_translated_document_reads_back_whatever_the_translation(translation in awkward()) {
        let expected = as_read(&dragoman_core::inline::strip(&translation));
        let docx_text = written_back(SourceFormat::Docx, &docx("Форум открылся."), &translation);
        let html_text = written_back(
            SourceFormat::Html,
            "<!DOCTYPE html><html lang=\"ru\"><body><p>Форум открылся.</p></body></html>".as_bytes(),
            &translation,
        );
        for (format, read) in [("docx", docx_text), ("html", html_text)] {
            match read {
                Ok(text) => prop_assert_eq!(
                    text.split_whitespace().collect::<Vec<_>>(),
                    expected.split_whitespace().collect::<Vec<_>>(),
                    "{}", format
                ),
                // A translation of blank text leaves no text: the only refusal allowed.
                Err(e) => prop_assert!(expected.trim().is_empty() && e.contains("no text"), "{format}: {e}"),
            }
        }
    }
}

/// What looks like an escape in a term is written escaped and read back as typed.
#[test]
fn a_term_that_looks_like_an_xlsx_escape_reads_back_as_typed() {
    let concept = Concept {
        id: "c1".into(),
        terms: vec![
            Term::new(tag("ru"), "форум_x0041_"),
            Term::new(tag("en"), "forum\r\nof_x005F_"),
        ],
        ..Concept::default()
    };
    let bytes = xlsx::write(
        std::slice::from_ref(&concept),
        &[tag("ru"), tag("en")],
        &TableLayout::default(),
    )
    .unwrap();
    let read = xlsx::read(&bytes, None, &Limits::default()).unwrap();
    let texts: Vec<&str> = read[0].terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["форум_x0041_", "forum\r\nof_x005F_"]);
}
