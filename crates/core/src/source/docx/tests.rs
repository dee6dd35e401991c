use std::io::Write;

use std::io::Read;

use super::super::{
    Replacement, SourceError, SourceFormat, read_default as read, read_marked, translated_with,
    write_translated,
};
use crate::limits::{Limit, Limits};

/// A DOCX with `body` as the content of `w:body`, the way Word writes one (only the
/// parts Dragoman reads; Word itself wants `[Content_Types].xml` too).
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    zip_with(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &xml),
    ])
}

fn zip_with(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, content) in parts {
        zip.start_file(*path, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn reads_paragraphs_runs_tabs_and_breaks() {
    let bytes = docx(concat!(
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Forum in Baku</w:t></w:r></w:p>"#,
        r#"<w:p/>"#,
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Delegates </w:t></w:r>"#,
        r#"<w:r><w:t>met &amp; agreed.</w:t></w:r><w:r><w:br/><w:t>Item</w:t><w:tab/><w:t>1</w:t></w:r></w:p>"#,
    ));
    assert_eq!(
        read("forum.docx", &bytes).unwrap(),
        "Forum in Baku\n\nDelegates met & agreed.\nItem\t1"
    );
}

#[test]
fn leaves_out_deleted_text_and_field_codes() {
    let bytes = docx(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">The forum </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">finally </w:t></w:r></w:ins>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:t>opened.</w:t></w:r></w:p>"#,
    ));
    assert_eq!(read("a.docx", &bytes).unwrap(), "The forum finally opened.");
}

#[test]
fn reads_a_text_box_once_as_its_own_paragraph() {
    let text_box = r#"<w:txbxContent><w:p><w:r><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent>"#;
    let bytes = docx(&format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">{text_box}</mc:Choice><mc:Fallback>{text_box}</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>after.</w:t></w:r></w:p>"#
    ));
    assert_eq!(read("a.docx", &bytes).unwrap(), "Boxed.\n\nBefore after.");
}

#[test]
fn reads_cells_of_a_table_as_paragraphs() {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let bytes = docx(&format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("Баку"),
        cell("Bakı")
    ));
    assert_eq!(read("a.docx", &bytes).unwrap(), "Баку\n\nBakı");
}

#[test]
fn names_the_file_and_part_of_malformed_xml() {
    let bytes = docx("<w:p><w:r><w:t>unclosed</w:r></w:p>");
    let e = read("ru.docx", &bytes).unwrap_err();
    assert!(
        matches!(&e, SourceError::MalformedXml { name, part, offset, .. }
            if name == "ru.docx" && part == "word/document.xml" && *offset > 0),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("ru.docx: word/document.xml, byte "),
        "{e}"
    );
}

#[test]
fn refuses_what_is_not_a_docx() {
    let e = read("ru.docx", b"plain text, not a zip").unwrap_err();
    assert!(
        matches!(&e, SourceError::NotDocx { name, .. } if name == "ru.docx"),
        "{e:?}"
    );
    let e = read(
        "book.docx",
        &zip_with(&[("xl/workbook.xml", "<workbook/>")]),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "book.docx: no word/document.xml inside; is this a Word document?"
    );
    let e = read("empty.docx", &docx("<w:p/>")).unwrap_err();
    assert_eq!(
        e,
        SourceError::NoText {
            name: "empty.docx".into()
        }
    );
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

const STYLES: &str = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#;

fn forum() -> Vec<u8> {
    let xml = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Межрегиональный форум</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Делегаты собрались в Баку.</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> Переговоры длились </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>три часа</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Стороны подписали семь соглашений &amp; заявление.</w:t></w:r></w:p>"#,
        r#"<w:sectPr/></w:body></w:document>"#
    );
    zip_with(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", xml),
        ("word/styles.xml", STYLES),
    ])
}

#[test]
fn writes_the_translation_into_the_runs_keeping_styles_and_formatting() {
    let source = forum();
    let out = translated_with(
        SourceFormat::Docx,
        &source,
        "en",
        &[
            ("Межрегиональный форум", "Inter-regional forum"),
            ("Делегаты собрались в Баку.", "Delegates gathered in Baku."),
            (
                "Переговоры длились три часа.",
                "The talks lasted \u{E000}three hours\u{E400}.",
            ),
            (
                "Стороны подписали семь соглашений & заявление.",
                "The sides signed seven agreements & a <statement>.",
            ),
        ],
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        "Inter-regional forum\n\nDelegates gathered in Baku. The talks lasted three hours.\n\n\
         The sides signed seven agreements & a <statement>."
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Inter-regional forum</w:t>"#),
        "{xml}"
    );
    assert!(
        xml.contains(
            r#"<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Delegates gathered in Baku.</w:t>"#
        ),
        "the bold run keeps its sentence: {xml}"
    );
    assert!(
        xml.contains(concat!(
            r#"<w:r><w:t xml:space="preserve">The talks lasted </w:t></w:r>"#,
            r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">three hours</w:t></w:r>"#,
            r#"<w:r><w:t xml:space="preserve">.</w:t></w:r></w:p>"#
        )),
        "the italic words between their markers stay italic, the runs the sentence spanned go: {xml}"
    );
    assert!(
        xml.contains("seven agreements &amp; a &lt;statement&gt;."),
        "{xml}"
    );
    assert_eq!(part(&out, "word/styles.xml"), STYLES);
    assert_eq!(part(&out, "[Content_Types].xml"), "<Types/>");
}

#[test]
fn an_untranslated_document_is_written_back_as_it_was() {
    let source = forum();
    let out = translated_with(SourceFormat::Docx, &source, "en", &[]);
    assert_eq!(
        part(&out, "word/document.xml"),
        part(&source, "word/document.xml")
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        read("in.docx", &source).unwrap()
    );
}

/// Finding 3 of issue 19: a `document.xml` over the size limit was cut at 256 MB and
/// read, and written back, as if that were the document. It is refused, reading and
/// writing alike, whether its header says its size or lies about it.
#[test]
fn a_document_beyond_the_unpacked_limit_is_refused_not_cut() {
    let paragraph = "<w:p><w:r><w:t>Делегаты собрались в Баку.</w:t></w:r></w:p>";
    let bytes = docx(&paragraph.repeat(100));
    let limits = Limits::default().with(Limit::UnpackedBytes, 4096);
    let refused = |e: &SourceError| {
        matches!(e, SourceError::Limit { name, exceeded }
            if name == "big.docx" && exceeded.limit == Limit::UnpackedBytes)
    };
    let e = super::super::read("big.docx", &bytes, &limits).unwrap_err();
    assert!(refused(&e), "{e:?}");
    assert!(
        e.to_string()
            .contains("raise it with --max unpacked-bytes=N"),
        "{e}"
    );
    let lying = crate::package::tests::declaring(bytes.clone(), 100);
    let e = super::super::read("big.docx", &lying, &limits).unwrap_err();
    assert!(
        matches!(&e, SourceError::NotDocx { message, .. } if message.contains("declared")),
        "{e:?}"
    );
    let e =
        write_translated(SourceFormat::Docx, "big.docx", &bytes, "en", &[], &limits).unwrap_err();
    assert!(refused(&e), "{e:?}");
    assert!(super::super::read("big.docx", &bytes, &Limits::default()).is_ok());
}

/// Elements nested deeper than the limit (finding 5: 100,000 of them) are refused.
#[test]
fn nesting_beyond_the_depth_limit_is_refused() {
    let deep = format!(
        "<w:p><w:r>{}<w:t>x</w:t>{}</w:r></w:p>",
        "<w:sdt>".repeat(300),
        "</w:sdt>".repeat(300)
    );
    let e = read("deep.docx", &docx(&deep)).unwrap_err();
    assert!(
        matches!(&e, SourceError::Limit { exceeded, .. } if exceeded.limit == Limit::Depth),
        "{e:?}"
    );
    let limits = Limits::default().with(Limit::Depth, 400);
    assert_eq!(
        super::super::read("deep.docx", &docx(&deep), &limits).unwrap(),
        "x"
    );
}

/// A paragraph longer than a segment may be is refused, not segmented.
#[test]
fn a_paragraph_beyond_the_segment_limit_is_refused() {
    let bytes = docx(&format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "a".repeat(200)
    ));
    let limits = Limits::default().with(Limit::SegmentBytes, 100);
    let e = super::super::read("long.docx", &bytes, &limits).unwrap_err();
    assert!(
        matches!(
            &e,
            SourceError::Text {
                source: crate::text::TextError::LineTooLong { line: 1, .. },
                ..
            }
        ),
        "{e:?}"
    );
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A DOCX of a `document.xml` body and other story parts, each given as its content
/// inside its root element (`w:ftr`, `w:footnotes`...).
fn docx_parts(body: &str, parts: &[(&str, &str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let others: Vec<(String, String)> = parts
        .iter()
        .map(|(name, root, content)| {
            (
                format!("word/{name}"),
                format!(r#"<?xml version="1.0"?><w:{root} {W}>{content}</w:{root}>"#),
            )
        })
        .collect();
    let mut all: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
    ];
    all.extend(others.iter().map(|(n, c)| (n.as_str(), c.as_str())));
    zip_with(&all)
}

const BOLD: &str = "<w:rPr><w:b/></w:rPr>";
const NOTE_REF: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#;

/// "Президент **Ильхам Алиев** прибыл¹ в Баку." with its footnote.
fn president() -> Vec<u8> {
    let body = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Президент </w:t></w:r><w:r>{BOLD}<w:t>Ильхам Алиев</w:t></w:r><w:r><w:t xml:space="preserve"> прибыл</w:t></w:r>{NOTE_REF}<w:r><w:t xml:space="preserve"> в Баку.</w:t></w:r></w:p>"#
    );
    let notes = r#"<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Источник: АЗЕРТАДЖ.</w:t></w:r></w:p></w:footnote>"#;
    docx_parts(&body, &[("footnotes.xml", "footnotes", notes)])
}

fn open(n: u16) -> char {
    crate::inline::Mark::Open(n).char()
}
fn close(n: u16) -> char {
    crate::inline::Mark::Close(n).char()
}
fn standalone(n: u16) -> char {
    crate::inline::Mark::Standalone(n).char()
}

/// Each segment of `bytes` as the built-in Russian rules cut it, with its markers.
fn marked_segments(bytes: &[u8]) -> Vec<(std::ops::Range<usize>, String)> {
    let marked = read_marked(SourceFormat::Docx, "a.docx", bytes, &Limits::default()).unwrap();
    // Compiled once: the rules take longer than the tests' documents.
    static RUSSIAN: std::sync::OnceLock<crate::segment::Segmenter> = std::sync::OnceLock::new();
    RUSSIAN
        .get_or_init(|| {
            crate::segment::Segmenter::builtin(&crate::lang::LanguageTag::parse("ru").unwrap())
        })
        .split(marked.text())
        .iter()
        .map(|s| (s.start..s.end, marked.segment(s.start..s.end)))
        .collect()
}

fn write(bytes: &[u8], replacements: &[Replacement]) -> Vec<u8> {
    write_translated(
        SourceFormat::Docx,
        "a.docx",
        bytes,
        "en",
        replacements,
        &Limits::default(),
    )
    .unwrap()
}

#[test]
fn formatting_inside_a_sentence_and_a_footnote_reference_are_inline_codes() {
    let segments = marked_segments(&president());
    let texts: Vec<&str> = segments.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            format!(
                "Президент {}Ильхам Алиев{} прибыл{} в Баку.",
                open(0),
                close(0),
                standalone(1)
            )
            .as_str(),
            "Источник: АЗЕРТАДЖ.",
        ],
        "the footnote follows the body as its own paragraph; its own mark is at its edge"
    );
    assert_eq!(
        read("a.docx", &president()).unwrap(),
        "Президент Ильхам Алиев прибыл в Баку.\n\nИсточник: АЗЕРТАДЖ.",
        "the plain text has no markers"
    );
}

#[test]
fn a_translation_s_markers_become_its_runs_and_the_footnote_is_translated() {
    let source = president();
    let segments = marked_segments(&source);
    let out = write(
        &source,
        &[
            Replacement {
                span: segments[0].0.clone(),
                text: format!(
                    "President {}Ilham Aliyev{} arrived{} in Baku.",
                    open(0),
                    close(0),
                    standalone(1)
                ),
            },
            Replacement {
                span: segments[1].0.clone(),
                text: "Source: AZERTAC.".into(),
            },
        ],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(&format!(
            concat!(
                r#"<w:p><w:r><w:t xml:space="preserve">President </w:t></w:r>"#,
                r#"<w:r>{}<w:t xml:space="preserve">Ilham Aliyev</w:t></w:r>"#,
                r#"<w:r><w:t xml:space="preserve"> arrived</w:t></w:r>{}"#,
                r#"<w:r><w:t xml:space="preserve"> in Baku.</w:t></w:r></w:p>"#
            ),
            BOLD, NOTE_REF
        )),
        "{xml}"
    );
    let notes = part(&out, "word/footnotes.xml");
    assert!(
        notes.contains(r#"<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t xml:space="preserve">Source: AZERTAC.</w:t></w:r></w:p>"#),
        "{notes}"
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        "President Ilham Aliyev arrived in Baku.\n\nSource: AZERTAC."
    );
}

#[test]
fn a_translation_without_markers_keeps_every_code_of_its_source() {
    let source = president();
    let segments = marked_segments(&source);
    let out = write(
        &source,
        &[Replacement {
            span: segments[0].0.clone(),
            text: "President Ilham Aliyev arrived in Baku.".into(),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("<w:footnoteReference").count(), 1, "{xml}");
    assert!(
        xml.contains(&format!(
            r#"<w:r><w:t xml:space="preserve">President Ilham Aliyev arrived in Baku.</w:t></w:r><w:r>{BOLD}</w:r>{NOTE_REF}"#
        )) || xml.contains(&format!(
            r#"<w:r><w:t xml:space="preserve">President Ilham Aliyev arrived in Baku.</w:t></w:r>{NOTE_REF}"#
        )),
        "the text in the base formatting, the reference after it: {xml}"
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        "President Ilham Aliyev arrived in Baku.\n\nИсточник: АЗЕРТАДЖ."
    );
}

#[test]
fn the_base_formatting_is_the_one_covering_most_of_the_segment() {
    let body = format!(
        r#"<w:p><w:r>{BOLD}<w:t>Баку</w:t></w:r><w:r><w:t xml:space="preserve"> принял делегации.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b/><w:lang w:val="ru-RU"/></w:rPr><w:t xml:space="preserve">Всё </w:t></w:r><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>жирное.</w:t></w:r></w:p>"#
    );
    let segments = marked_segments(&docx_parts(&body, &[]));
    let texts: Vec<&str> = segments.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            format!("{}Баку{} принял делегации.", open(0), close(0)).as_str(),
            "Всё жирное.",
        ],
        "a language or complex-script property changes nothing seen"
    );
}

#[test]
fn headers_footers_endnotes_and_comments_follow_the_body_in_a_stable_order() {
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let bytes = docx_parts(
        &p("Тело."),
        &[
            ("footer1.xml", "ftr", &p("Низ.")),
            (
                "comments.xml",
                "comments",
                &format!(
                    r#"<w:comment w:id="0" w:author="A">{}</w:comment>"#,
                    p("Замечание.")
                ),
            ),
            ("header10.xml", "hdr", &p("Верх десять.")),
            ("header2.xml", "hdr", &p("Верх два.")),
            (
                "endnotes.xml",
                "endnotes",
                &format!(r#"<w:endnote w:id="1">{}</w:endnote>"#, p("Концевая.")),
            ),
            (
                "footnotes.xml",
                "footnotes",
                &format!(r#"<w:footnote w:id="1">{}</w:footnote>"#, p("Сноска.")),
            ),
            ("settings.xml", "settings", &p("Не текст.")),
        ],
    );
    assert_eq!(
        read("a.docx", &bytes).unwrap(),
        "Тело.\n\nСноска.\n\nКонцевая.\n\nВерх два.\n\nВерх десять.\n\nНиз.\n\nЗамечание."
    );
    let out = translated_with(
        SourceFormat::Docx,
        &bytes,
        "en",
        &[
            ("Верх два.", "Header two."),
            ("Замечание.", "Comment."),
            ("Низ.", "Bottom."),
        ],
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        "Тело.\n\nСноска.\n\nКонцевая.\n\nHeader two.\n\nВерх десять.\n\nBottom.\n\nComment."
    );
    assert_eq!(
        part(&out, "word/header10.xml"),
        part(&bytes, "word/header10.xml"),
        "untouched parts are copied"
    );
}

#[test]
fn a_text_box_and_its_fallback_copy_are_translated_alike() {
    let text_box = |t: &str| {
        format!(
            r#"<w:txbxContent><w:p><w:r><w:t xml:space="preserve">Окно </w:t></w:r><w:r>{BOLD}<w:t>{t}</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:txbxContent>"#
        )
    };
    let body = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">До </w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>после.</w:t></w:r></w:p>"#,
        text_box("Баку"),
        text_box("Баку")
    );
    let bytes = docx_parts(&body, &[]);
    let segments = marked_segments(&bytes);
    let texts: Vec<&str> = segments.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            format!("Окно {}Баку{}.", open(0), close(0)).as_str(),
            format!("До {}после.", standalone(0)).as_str(),
        ],
        "the text box is read once, its drawing a code in the sentence around it"
    );
    let out = write(
        &bytes,
        &[
            Replacement {
                span: segments[0].0.clone(),
                text: format!("Box {}Baku{}.", open(0), close(0)),
            },
            Replacement {
                span: segments[1].0.clone(),
                text: format!("Before {}after.", standalone(0)),
            },
        ],
    );
    let xml = part(&out, "word/document.xml");
    let boxed = format!(
        r#"<w:r><w:t xml:space="preserve">Box </w:t></w:r><w:r>{BOLD}<w:t xml:space="preserve">Baku</w:t></w:r><w:r><w:t xml:space="preserve">.</w:t></w:r>"#
    );
    assert_eq!(xml.matches(&boxed).count(), 2, "both copies: {xml}");
    assert_eq!(
        xml.matches("mc:AlternateContent>").count(),
        1,
        "the drawing once: {xml}"
    );
    assert_eq!(
        read("out.docx", &out).unwrap(),
        "Box Baku.\n\nBefore after."
    );

    // A fallback that differs from its choice is left as it was.
    let differing = docx_parts(
        &body
            .replacen(&text_box("Баку"), &text_box("Гянджа"), 2)
            .replacen(&text_box("Гянджа"), &text_box("Баку"), 1),
        &[],
    );
    let segments = marked_segments(&differing);
    let out = write(
        &differing,
        &[Replacement {
            span: segments[0].0.clone(),
            text: "Box Baku.".into(),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(xml.contains("Box Baku") && xml.contains("Гянджа"), "{xml}");
}

#[test]
fn a_link_inside_a_sentence_is_a_pair_and_comes_back_a_link() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">См. </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>сайт МИД</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> и документ.</w:t></w:r></w:p>"#;
    let bytes = docx_parts(body, &[]);
    let segments = marked_segments(&bytes);
    assert_eq!(
        segments[0].1,
        format!("См. {}сайт МИД{} и документ.", open(0), close(0))
    );
    let out = write(
        &bytes,
        &[Replacement {
            span: segments[0].0.clone(),
            text: format!("See the {}MFA website{} and the paper.", open(0), close(0)),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:r><w:t xml:space="preserve">See the </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">MFA website</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> and the paper.</w:t></w:r>"#),
        "{xml}"
    );
    assert_eq!(
        xml.matches("<w:hyperlink").count(),
        1,
        "the source's link, emptied, goes: {xml}"
    );
}

#[test]
fn tabs_and_breaks_of_a_translation_are_word_s_elements() {
    let bytes = docx(
        r#"<w:p><w:r><w:t>Адрес:</w:t><w:tab/><w:t>Баку,</w:t><w:br/><w:t>проспект Нефтяников.</w:t></w:r></w:p>"#,
    );
    let segments = marked_segments(&bytes);
    assert_eq!(segments.len(), 1, "{segments:?}");
    assert_eq!(
        segments[0].1, "Адрес:\tБаку,\nпроспект Нефтяников.",
        "a tab and a break are characters of the text"
    );
    let out = write(
        &bytes,
        &[Replacement {
            span: segments[0].0.clone(),
            text: "Address:\tBaku,\nNeftchilar Avenue.".into(),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:r><w:t xml:space="preserve">Address:</w:t><w:tab/><w:t xml:space="preserve">Baku,</w:t><w:br/><w:t xml:space="preserve">Neftchilar Avenue.</w:t></w:r>"#),
        "{xml}"
    );
    assert_eq!(
        xml.matches("<w:tab/>").count(),
        1,
        "the source's tab went with its text: {xml}"
    );
}

#[test]
fn a_field_inside_a_sentence_is_one_code_around_its_result() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Страница </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> из доклада.</w:t></w:r></w:p>"#;
    let bytes = docx_parts(body, &[]);
    let segments = marked_segments(&bytes);
    assert_eq!(
        segments[0].1,
        format!("Страница {}3{} из доклада.", standalone(0), standalone(1))
    );
    let out = write(
        &bytes,
        &[Replacement {
            span: segments[0].0.clone(),
            text: format!("Page {}3{} of the report.", standalone(0), standalone(1)),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> of the report.</w:t></w:r>"#),
        "{xml}"
    );
}

/// Pieces a generated paragraph is made of: runs of text plain, bold or italic (words,
/// a sentence end), a footnote reference, a tab, a break.
fn generated_paragraph() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const WORDS: [&str; 6] = ["Баку", "форум", "Алиев", "COP29", "соглашение. ", " 15 "];
    let run = (0..6usize, 0..WORDS.len()).prop_map(|(kind, word)| {
        let text = format!(r#"<w:t xml:space="preserve">{}</w:t>"#, WORDS[word]);
        match kind {
            0 | 1 => format!("<w:r>{text}</w:r>"),
            2 => format!("<w:r>{BOLD}{text}</w:r>"),
            3 => format!("<w:r><w:rPr><w:i/></w:rPr>{text}</w:r>"),
            4 => NOTE_REF.to_string(),
            _ if word % 2 == 0 => "<w:r><w:tab/></w:r>".to_string(),
            _ => "<w:r><w:br/></w:r>".to_string(),
        }
    });
    proptest::collection::vec(run, 1..12).prop_map(|runs| format!("<w:p>{}</w:p>", runs.concat()))
}

proptest::proptest! {
    /// Every segment given back as its own text with its markers writes a document that
    /// reads as the same text with the same codes; given back without markers, the text
    /// is the same and no footnote reference is lost.
    #[test]
    fn segments_written_back_as_themselves_read_the_same(
        paragraphs in proptest::collection::vec(generated_paragraph(), 1..4)
    ) {
        let bytes = docx_parts(&paragraphs.concat(), &[]);
        let Ok(text) = read("a.docx", &bytes) else {
            return Ok(());
        };
        let segments = marked_segments(&bytes);
        let references = |docx: &[u8]| part(docx, "word/document.xml").matches("<w:footnoteReference").count();
        for keep_marks in [true, false] {
            let replacements: Vec<Replacement> = segments
                .iter()
                .map(|(span, marked)| Replacement {
                    span: span.clone(),
                    text: if keep_marks { marked.clone() } else { crate::inline::strip(marked).into_owned() },
                })
                .collect();
            let out = write(&bytes, &replacements);
            proptest::prop_assert_eq!(&read("out.docx", &out).unwrap(), &text);
            proptest::prop_assert_eq!(references(&out), references(&bytes));
            if keep_marks {
                let again: Vec<String> = marked_segments(&out).into_iter().map(|(_, s)| s).collect();
                let before: Vec<String> = segments.iter().map(|(_, s)| s.clone()).collect();
                proptest::prop_assert_eq!(again, before);
            }
        }
    }
}

/// The limits hold for every story part: a footnotes part nested too deep is refused,
/// named, and the parts' unpacked bytes count together.
#[test]
fn the_limits_hold_for_the_other_stories_too() {
    let deep = format!(
        r#"<w:footnote w:id="1"><w:p><w:r>{}<w:t>x</w:t>{}</w:r></w:p></w:footnote>"#,
        "<w:sdt>".repeat(300),
        "</w:sdt>".repeat(300)
    );
    let body = "<w:p><w:r><w:t>Баку.</w:t></w:r></w:p>";
    let e = read(
        "deep.docx",
        &docx_parts(body, &[("footnotes.xml", "footnotes", &deep)]),
    )
    .unwrap_err();
    assert!(
        matches!(&e, SourceError::Limit { exceeded, .. } if exceeded.limit == Limit::Depth),
        "{e:?}"
    );
    let broken = read(
        "broken.docx",
        &docx_parts(body, &[("header1.xml", "hdr", "<w:p>")]),
    )
    .unwrap_err();
    assert!(
        matches!(&broken, SourceError::MalformedXml { part, .. } if part == "word/header1.xml"),
        "{broken:?}"
    );
    let long = format!(r#"<w:p><w:r><w:t>{}</w:t></w:r></w:p>"#, "а".repeat(3000));
    let bytes = docx_parts(body, &[("footer1.xml", "ftr", &long)]);
    let limits = Limits::default().with(Limit::UnpackedBytes, 4000);
    let e = super::super::read("big.docx", &bytes, &limits).unwrap_err();
    assert!(
        matches!(&e, SourceError::Limit { exceeded, .. } if exceeded.limit == Limit::UnpackedBytes),
        "the document and the footer count together: {e:?}"
    );
    assert!(super::super::read("big.docx", &bytes, &Limits::default()).is_ok());
}

/// A segment that opens with a link is written outside it, the link wrapping only its
/// words; a soft hyphen inside a translated segment (a hint for the source's words)
/// goes.
#[test]
fn a_segment_opening_with_a_link_is_not_all_link_and_soft_hyphens_go() {
    let body = r#"<w:p><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>МИД</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> сооб</w:t><w:softHyphen/><w:t>щил о визите.</w:t></w:r></w:p>"#;
    let bytes = docx_parts(body, &[]);
    let segments = marked_segments(&bytes);
    assert_eq!(
        segments[0].1,
        format!("{}МИД{} сообщил о визите.", open(0), close(0))
    );
    let out = write(
        &bytes,
        &[Replacement {
            span: segments[0].0.clone(),
            text: format!("The {}MFA{} announced the visit.", open(0), close(0)),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">MFA</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> announced the visit.</w:t></w:r></w:p>"#),
        "{xml}"
    );
}

/// A link that keeps text outside the segments, or holds more than runs, stays.
#[test]
fn a_link_keeping_anything_stays() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">См. </w:t></w:r><w:hyperlink r:id="rId5"><w:bookmarkStart w:id="0" w:name="a"/><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>сайт</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> МИД.</w:t></w:r></w:p>"#;
    let bytes = docx_parts(body, &[]);
    let segments = marked_segments(&bytes);
    let out = write(
        &bytes,
        &[Replacement {
            span: segments[0].0.clone(),
            text: format!("See the {}website{} of the MFA.", open(0), close(0)),
        }],
    );
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains(
            r#"<w:hyperlink r:id="rId5"><w:bookmarkStart w:id="0" w:name="a"/></w:hyperlink>"#
        ),
        "the bookmark keeps its link: {xml}"
    );
}
