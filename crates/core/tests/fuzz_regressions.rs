//! Inputs the fuzz targets (`fuzz/`, run by `make fuzz`) found crashing a reader or
//! breaking a promise, minimised: each test is the smallest input that shows its bug.
//! `docs/limits.md`, "Fuzzing", lists them with the run that found them; all are fixed.

use std::io::{Read, Write};

use dragoman_core::Timestamp;
use dragoman_core::formats::tmx_read::TmxReader;
use dragoman_core::glossary::{Concept, Term, tbx, xlsx};
use dragoman_core::lang::LanguageTag;
use dragoman_core::limits::Limits;
use dragoman_core::source::{self, SourceFormat};

fn limits() -> Limits {
    Limits::default()
}

/// `text`'s language and its segments (the built-in rules), each as its own
/// translation: what the `docx` and `html` fuzz targets write back.
fn own_segments(text: &str) -> (LanguageTag, Vec<source::Replacement>) {
    let lang = LanguageTag::detect(text);
    let replacements = dragoman_core::segment::Segmenter::builtin(&lang)
        .split(text)
        .iter()
        .map(|s| source::Replacement {
            span: s.start..s.end,
            text: s.text(text).to_string(),
        })
        .collect();
    (lang, replacements)
}

/// Found by the `tmx` target: bytes that are not UTF-8 inside an inline code element of
/// a `seg` (native code, which is kept as markup but not read as text) reach the markup
/// writer unchecked, whose `expect("written from UTF-8 events")` panics.
#[test]
fn a_tmx_with_invalid_utf8_inside_inline_code_is_refused_not_a_panic() {
    let tmx = b"<tmx><body><tu><tuv><seg><ept>\xF4</ept></seg>";
    let mut reader = TmxReader::new(&tmx[..], "fuzz", Timestamp(0), &limits()).unwrap();
    assert!(reader.next_unit().is_err());
}

/// Found by the `tbx` target: a concept-level `descrip` whose type has a `[` was taken
/// on export for a language-level field (`type[lang]`) of no language the concept has,
/// and left out of the file; so was a language section with fields but no term.
#[test]
fn tbx_fields_that_only_look_language_level_survive_export() {
    let found = concat!(
        "<martif><text><body><termEntry><descripGrp>\n",
        r#"<descrip type="[">y</descrip></descripGrp><langSet lang="NB"><tig><term>d</term>e</tig></langSet> </termEntry> </body></text>"#,
        "\n</martif>",
    );
    let no_term = r#"<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>forum</term></tig></langSet><langSet xml:lang="de"><descrip type="definition">Treffen</descrip></langSet></termEntry></body></text></martif>"#;
    for file in [found, no_term] {
        let concepts = tbx::read(file, &limits()).unwrap();
        let mut written = Vec::new();
        tbx::write(&mut written, &concepts, tbx::TbxVersion::V3).unwrap();
        let again = tbx::read(std::str::from_utf8(&written).unwrap(), &limits()).unwrap();
        assert_eq!(again, concepts);
    }
    let concepts = tbx::read(found, &limits()).unwrap();
    assert_eq!(concepts[0].fields.get("[").map(String::as_str), Some("y"));
}

/// Found by the `html` target: a page in a legacy charset is decoded without the checks
/// a UTF-8 page gets, so a control character passes; the translation Dragoman writes
/// back (UTF-8) is then refused as binary when it is read.
#[test]
fn a_legacy_charset_page_with_a_control_character_is_refused_like_a_utf8_one() {
    let page = b"DO charset=\"windows-1251\">\x1F\xCBl>";
    let utf8 = "DO \x1Fl>".as_bytes();
    assert!(source::read("page.html", utf8, &limits()).is_err());
    assert!(source::read("page.html", page, &limits()).is_err());
}

/// Found by the `html` target: `charset=` anywhere in a page's first kilobyte counts as
/// its declared charset, visible text included, and writing a translation back rewrites
/// it there to `utf-8`, changing text that was not translated.
#[test]
fn writing_a_translation_keeps_text_that_mentions_a_charset() {
    let page = b"DO charset=\"windows-1251\">>";
    let text = source::read("page.html", page, &limits()).unwrap();
    let written =
        source::write_translated(SourceFormat::Html, "page.html", page, "en", &[], &limits())
            .unwrap();
    assert_eq!(
        source::read("page.html", &written, &limits()).unwrap(),
        text
    );
}

/// A workbook Dragoman writes (one concept, ru and en), its worksheet's XML changed by
/// `edit`.
fn edited_workbook(edit: impl Fn(&str) -> String) -> Vec<u8> {
    let tag = |t: &str| LanguageTag::parse(t).unwrap();
    let concept = Concept {
        id: "c1".into(),
        terms: vec![Term::new(tag("ru"), "форум"), Term::new(tag("en"), "forum")],
        ..Concept::default()
    };
    let layout = dragoman_core::glossary::table::TableLayout::default();
    let bytes = xlsx::write(&[concept], &[tag("ru"), tag("en")], &layout).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut content = Vec::new();
        part.read_to_end(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(content).unwrap();
            let edited = edit(&xml);
            assert_ne!(edited, xml, "the edit applies");
            content = edited.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A workbook whose worksheet says it spans `range`.
fn workbook_with_dimension(range: &str) -> Vec<u8> {
    edited_workbook(|xml| {
        let at = xml.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}{range}{}", &xml[..at], &xml[end..])
    })
}

/// Found by the `xlsx` target: calamine 0.38 computes a worksheet's size from its
/// `dimension` by subtracting corners, which overflows when the range runs backwards:
/// a panic wherever overflow is checked (debug builds, the tests); in release builds a
/// wrong size that only feeds a warning.
#[test]
fn a_workbook_whose_dimension_runs_backwards_reads_without_a_panic() {
    let read = xlsx::read(&workbook_with_dimension("B2:A1"), None, &limits());
    assert!(read.is_ok(), "{read:?}");
}

/// Found by the `xlsx` target: calamine 0.38 reads a cell reference's row number with
/// unchecked arithmetic, which overflows on a row past `u32::MAX`: a panic in debug
/// builds, in release builds a wrapped row number (a cell put on the wrong row).
#[test]
fn a_workbook_with_a_row_number_past_u32_is_refused_without_a_panic() {
    let bytes = edited_workbook(|xml| xml.replacen("r=\"A2\"", "r=\"A99999999999\"", 1));
    let _ = xlsx::read(&bytes, None, &limits());
}

/// The workbooks of the tests above, unedited where they break: their edits alone are
/// what the readers trip on.
#[test]
fn the_workbooks_the_xlsx_regressions_edit_read() {
    let concepts = xlsx::read(&workbook_with_dimension("A1:B2"), None, &limits()).unwrap();
    assert_eq!(concepts.len(), 1);
    assert_eq!(concepts[0].id, "c1");
    let same_row = edited_workbook(|xml| xml.replacen("r=\"A2\"", "r=\"A2\" ", 1));
    assert_eq!(xlsx::read(&same_row, None, &limits()).unwrap().len(), 1);
}

/// Found by the `docx` target: a `word/document.xml` cut short inside a `w:t` reads
/// (its text collected, the file's end taken as the end of the document) but the text
/// is in no run the writer knows, so writing a translation back fails. Either reading
/// should refuse XML cut short, as the TBX reader does, or writing should work.
#[test]
fn a_docx_cut_short_inside_a_text_run_is_refused_or_translated() {
    let docx = docx_with_document(b"<p><t>B");
    let Ok(text) = source::read("cut.docx", &docx, &limits()) else {
        return;
    };
    let translation = source::Replacement {
        span: 0..text.len(),
        text: "C".into(),
    };
    let written = source::write_translated(
        SourceFormat::Docx,
        "cut.docx",
        &docx,
        "en",
        &[translation],
        &limits(),
    );
    assert!(written.is_ok(), "{written:?}");
}

/// A DOCX archive around `document` (the fuzz target's packaging): two stored parts.
fn docx_with_document(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in [
        ("[Content_Types].xml", &b"<Types/>"[..]),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A document.xml with anything but white space after its root element ends, or an end
/// tag that closes nothing, is refused as damaged: the writer works inside the root, so
/// what was read after it could not be translated back. (Seen while minimising a later
/// `docx` crash, which docs/limits.md lists as open.)
#[test]
fn a_docx_with_content_after_its_document_is_refused() {
    for document in [
        &b"<p><t>A</t></p><p><t>B</t></p>"[..],
        b"<p><t>A</t></p>B",
        b"<p><t>A</t></p></t>",
    ] {
        let read = source::read("after.docx", &docx_with_document(document), &limits());
        assert!(
            read.is_err(),
            "{:?}: {read:?}",
            String::from_utf8_lossy(document)
        );
    }
    let spaced = docx_with_document(b"<p><t>A</t></p>\n ");
    assert_eq!(
        source::read("spaced.docx", &spaced, &limits()).unwrap(),
        "A"
    );
}

/// Found by the `docx` target in the smoke run after the fixes: a document.xml with
/// a second XML declaration and `w:document` spliced into a `w:t` reads, but its segments,
/// each given back as its own translation, cannot be written into it.
#[test]
fn a_docx_with_a_document_spliced_into_a_run_is_refused_or_translated() {
    let document = include_bytes!("fixtures/fuzz/docx-spliced-document.xml");
    let docx = docx_with_document(document);
    let Ok(text) = source::read("spliced.docx", &docx, &limits()) else {
        return;
    };
    let (lang, replacements) = own_segments(&text);
    let written = source::write_translated(
        SourceFormat::Docx,
        "spliced.docx",
        &docx,
        lang.as_str(),
        &replacements,
        &limits(),
    );
    assert!(written.is_ok(), "{written:?}");
}

/// The archive of the DOCX regression, its document complete, reads and translates.
#[test]
fn the_docx_the_regression_cuts_short_translates_when_whole() {
    let docx = docx_with_document(b"<p><t>B</t></p>");
    assert_eq!(source::read("whole.docx", &docx, &limits()).unwrap(), "B");
    let translation = source::Replacement {
        span: 0..1,
        text: "C".into(),
    };
    let written = source::write_translated(
        SourceFormat::Docx,
        "whole.docx",
        &docx,
        "en",
        &[translation],
        &limits(),
    )
    .unwrap();
    assert_eq!(
        source::read("whole.docx", &written, &limits()).unwrap(),
        "C"
    );
}

/// Writes `page` back with each of its segments as its own translation and reads it
/// again: the words must be the same (what the `html` fuzz target checks).
fn html_written_back_reads_the_same(page: &[u8]) -> Result<(), String> {
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Ok(text) = source::read_as(SourceFormat::Html, "page.html", page, &limits()) else {
        return Ok(());
    };
    let (lang, replacements) = own_segments(&text);
    let written = source::write_translated(
        SourceFormat::Html,
        "page.html",
        page,
        lang.as_str(),
        &replacements,
        &limits(),
    )
    .map_err(|e| e.to_string())?;
    let read = source::read_as(SourceFormat::Html, "page.html", &written, &limits())
        .map_err(|e| format!("written, it does not read: {e}"))?;
    if words(&read) == words(&text) {
        Ok(())
    } else {
        Err(format!(
            "read back {:?}, not {:?}",
            words(&read),
            words(&text)
        ))
    }
}

/// Found by the `html` target in the run of 2026-12-07: a control character the page
/// had as a character reference (`&#20;`) was written back raw, and the page no longer
/// read as text. The writer now writes such a character as a reference again.
#[test]
fn a_control_character_from_a_reference_is_written_back_as_one() {
    let page = include_bytes!("fixtures/fuzz/html-open-1.html");
    assert_eq!(html_written_back_reads_the_same(page), Ok(()));
}

/// Found by the `html` target in the same run: pages whose `<html>` tag the reader
/// forgives (a legacy charset's byte after the name, an unquoted `lang=#ru"`) read, but
/// writing `lang="…"` over the malformed value moved where the tag ends, and the page
/// read back as another text (or none). The writer now leaves such a tag as it is.
#[test]
fn html_pages_written_back_with_their_own_segments_read_the_same() {
    let pages = [
        include_bytes!("fixtures/fuzz/html-open-2.html").as_slice(),
        include_bytes!("fixtures/fuzz/html-open-3.html"),
        include_bytes!("fixtures/fuzz/html-open-4.html"),
        include_bytes!("fixtures/fuzz/html-open-5.html"),
        include_bytes!("fixtures/fuzz/html-open-6.html"),
    ];
    let failed: Vec<String> = pages
        .iter()
        .enumerate()
        .filter_map(|(n, page)| {
            html_written_back_reads_the_same(page)
                .err()
                .map(|e| format!("page {}: {e}", n + 2))
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

/// A bilingual file read, written as XLIFF `version` as `pretranslate` writes a new
/// one, and read again: the sources and targets, codes included, must be the same.
fn xliff_written_reads_the_same(
    data: &[u8],
    version: dragoman_core::formats::xliff::XliffVersion,
) -> Result<(), String> {
    use dragoman_core::formats::xliff::{self, BilingualDocument, BilingualSegment};
    use dragoman_core::formats::xliff_read;
    let file = xliff_read::read(data, &limits()).map_err(|e| e.to_string())?;
    let doc = BilingualDocument {
        original: "fuzz.xlf".into(),
        src: file.src.clone(),
        tgt: file
            .tgt
            .clone()
            .unwrap_or_else(|| LanguageTag::parse("en").unwrap()),
        segments: file
            .segments
            .iter()
            .map(|s| BilingualSegment {
                source: s.source.clone(),
                target: s.target.clone(),
                leverage: None,
            })
            .collect(),
    };
    let mut out = Vec::new();
    xliff::write(&mut out, &doc, version).map_err(|e| e.to_string())?;
    let again = xliff_read::read(&out, &limits()).map_err(|e| e.to_string())?;
    let texts = |f: &xliff_read::XliffFile| {
        f.segments
            .iter()
            .map(|s| (s.source.clone(), s.target.clone()))
            .collect::<Vec<_>>()
    };
    if texts(&again) == texts(&file) {
        Ok(())
    } else {
        Err(format!(
            "read back {:?}, not {:?}",
            texts(&again),
            texts(&file)
        ))
    }
}

/// Found by the `xliff` target in session 9 (33 inputs, two causes): a segment opening
/// with a code, two codes side by side, or a code at its end came back with spaces
/// between them — the indenting XML writer put a line break and indent before each
/// element that followed another — and a paired code written to XLIFF 1.2 as `bx`/`ex`
/// read back as two standalone codes, since the reader did not pair them by `rid`. A
/// carriage return, written raw, would reach other XML readers as a line feed.
#[test]
fn xliff_codes_side_by_side_and_paired_in_1_2_read_back_as_written() {
    use dragoman_core::formats::xliff::XliffVersion;
    let file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">
  <file original=\"f.txt\" source-language=\"ru\" target-language=\"en\" datatype=\"plaintext\">
    <body>
      <trans-unit id=\"1\">
        <source><x id=\"1\"/><x id=\"2\"/>Форум <g id=\"3\">открылся</g>.\r<x id=\"4\"/></source>
        <target><x id=\"1\"/><x id=\"2\"/>The forum <g id=\"3\">opened</g>.\r<x id=\"4\"/></target>
      </trans-unit>
    </body>
  </file>
</xliff>";
    for version in [XliffVersion::V2_1, XliffVersion::V1_2] {
        assert_eq!(
            xliff_written_reads_the_same(file.as_bytes(), version),
            Ok(()),
            "{version:?}"
        );
    }
    let found = std::fs::read_dir("tests/fixtures/fuzz").unwrap();
    let mut inputs = 0;
    for entry in found {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("xliff-")
        {
            inputs += 1;
            for version in [XliffVersion::V2_1, XliffVersion::V1_2] {
                assert_eq!(
                    xliff_written_reads_the_same(&std::fs::read(&path).unwrap(), version),
                    Ok(()),
                    "{} {version:?}",
                    path.display()
                );
            }
        }
    }
    assert_eq!(inputs, 2, "the two fuzz inputs kept");
}

/// Found by the `html` target in session 9 (15 inputs): a UTF-16 page whose text held
/// characters of the Private Use Area range that stands for inline codes read as if
/// they were codes, and writing the page back dropped them. Such a character is now
/// refused where text is decoded, with its line.
#[test]
fn a_page_holding_the_characters_of_inline_codes_is_refused_with_its_line() {
    let page = include_bytes!("fixtures/fuzz/html-private-use.html");
    let e = source::read_as(SourceFormat::Html, "page.html", page, &limits()).unwrap_err();
    assert!(
        e.to_string()
            .contains("U+EAF3 is a private-use character Dragoman keeps for inline codes"),
        "{e}"
    );
}

/// Found by the `table` target in session 9: a column whose header reads as Indonesian
/// (`id`, a language code too) was written back headed `id` beside the concept ids'
/// `id`, and the table Dragoman wrote was refused as having no language column. A second
/// `id` column is now read as Indonesian, as it is written.
#[test]
fn an_indonesian_column_is_written_and_read_beside_the_concept_ids() {
    use dragoman_core::glossary::file::{GlossaryFile, languages};
    use dragoman_core::glossary::table::TableLayout;
    let concepts = GlossaryFile::Csv
        .read(b"id_jecAid,su_jte,ru,az\nA,", None, &[], &limits())
        .unwrap();
    let langs = languages(&concepts);
    assert_eq!(langs, [LanguageTag::parse("id").unwrap()]);
    let written = GlossaryFile::Csv
        .write(&concepts, &langs, &TableLayout::default())
        .unwrap();
    let again = GlossaryFile::Csv
        .read(&written, None, &[], &limits())
        .unwrap();
    assert_eq!(again, concepts);
}
