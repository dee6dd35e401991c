//! DOCX: the text of `word/document.xml`, paragraph by paragraph.
//!
//! Only `w:t` runs are text; `w:delText` (deleted revisions) and `w:instrText` (field
//! codes) are not. A text box is a paragraph nested in a run of another one: it becomes
//! its own paragraph rather than being spliced into the middle of a sentence, and its
//! `mc:Fallback` copy (for old Word versions) is skipped so it is read once.
//!
//! Writing a translation back changes only the content of `w:t` elements: the reader
//! notes which span of the text each one gave, and the events are written again as read.

use std::io::{Cursor, Write};
use std::ops::Range;

use quick_xml::events::{BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{Paragraphs, SourceError, Translated};
use crate::limits::{Limits, XmlFault, XmlLimits};
use crate::package::{Package, PackageError};

const PART: &str = "word/document.xml";

pub(super) fn text(name: &str, bytes: &[u8], limits: &Limits) -> Result<String, SourceError> {
    let (_, xml) = document_xml(name, bytes, limits)?;
    Ok(layout(name, &xml, limits)?.text)
}

fn not_docx(name: &str, e: &dyn std::fmt::Display) -> SourceError {
    SourceError::NotDocx {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// The archive and its `document.xml`, read within `limits`: a part beyond them is
/// refused, never cut short (which once made a well-formed document of its first
/// 256 MB and wrote back one that was not).
fn document_xml<'b>(
    name: &str,
    bytes: &'b [u8],
    limits: &Limits,
) -> Result<(Package<'b>, String), SourceError> {
    let fault = |e: PackageError| match e {
        PackageError::NotZip(message) => not_docx(name, &message),
        PackageError::Missing(part) => SourceError::MissingPart {
            name: name.to_string(),
            part,
        },
        PackageError::Exceeded(exceeded) => SourceError::Limit {
            name: name.to_string(),
            exceeded,
        },
    };
    let mut package = Package::open(bytes, limits).map_err(fault)?;
    let xml = package.read(PART).map_err(fault)?;
    let xml = String::from_utf8(xml).map_err(|e| not_docx(name, &format!("{PART}: {e}")))?;
    Ok((package, xml))
}

/// A `document.xml` read: its events, its text, and the text span each `w:t` element
/// contributed (by the index of its start event).
struct Layout<'x> {
    events: Vec<Event<'x>>,
    text: String,
    nodes: Vec<(usize, Range<usize>)>,
}

/// Read the paragraphs of a `document.xml`; an XML error names the byte offset.
fn layout<'x>(name: &str, xml: &'x str, limits: &Limits) -> Result<Layout<'x>, SourceError> {
    let malformed = |offset: u64, message: String| SourceError::MalformedXml {
        name: name.to_string(),
        part: PART.to_string(),
        offset,
        message,
    };
    let mut reader = Reader::from_str(xml);
    let mut checks = XmlLimits::new(limits);
    let mut out = Paragraphs::default();
    let mut events = Vec::new();
    // The paragraphs open around the current one: their text so far and their id.
    let mut outer = Vec::new();
    let mut paragraph = 0usize;
    let mut opened = 1usize;
    // Per paragraph id, its serial among ended paragraphs.
    let mut serials = vec![usize::MAX];
    // Per `w:t`: its start event, paragraph id and span in that paragraph as collected.
    let mut runs: Vec<(usize, usize, Range<usize>)> = Vec::new();
    let mut in_text = false;
    let mut skipped_depth = 0usize;
    // Elements open: a document cut short (a damaged archive) is refused, not read as far
    // as it goes and then found impossible to write back; so is one with anything but
    // white space after its root element ends.
    let mut depth = 0usize;
    let mut ended = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(reader.error_position(), e.to_string()))?;
        checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => SourceError::Limit {
                name: name.to_string(),
                exceeded,
            },
            XmlFault::Malformed(message) => malformed(reader.buffer_position(), message),
        })?;
        let after_root = match &event {
            Event::Start(_) | Event::Empty(_) => ended,
            Event::Text(t) => ended && !t.iter().all(u8::is_ascii_whitespace),
            Event::CData(_) => ended,
            _ => false,
        };
        if after_root {
            return Err(malformed(
                reader.buffer_position(),
                "content after the end of the document".into(),
            ));
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => {
                return Err(malformed(
                    reader.buffer_position(),
                    "an end tag that closes nothing".into(),
                ));
            }
            Event::End(_) => {
                depth -= 1;
                ended = depth == 0;
            }
            Event::Eof if depth > 0 => {
                return Err(malformed(
                    reader.buffer_position(),
                    "the document ends with elements still open".into(),
                ));
            }
            _ => {}
        }
        // A text run holds text only; an element inside one is a damaged document (two
        // documents spliced together), whose text the writer could not place.
        if in_text && matches!(event, Event::Start(_) | Event::Empty(_)) {
            return Err(malformed(
                reader.buffer_position(),
                "an element inside a text run (w:t)".into(),
            ));
        }
        let index = events.len();
        events.push(event);
        let event = &events[index];
        if skipped_depth > 0 {
            match event {
                Event::Start(_) => skipped_depth += 1,
                Event::End(_) => skipped_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => {
                    outer.push((std::mem::take(&mut out.current), paragraph));
                    paragraph = opened;
                    opened += 1;
                    serials.push(usize::MAX);
                }
                b"t" => {
                    in_text = true;
                    let at = out.current.len();
                    runs.push((index, paragraph, at..at));
                }
                b"Fallback" => skipped_depth = 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => {
                    serials[paragraph] = out.ends.len();
                    out.end();
                    (out.current, paragraph) = outer.pop().unwrap_or_default();
                }
                b"t" => in_text = false,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => out.push_str("\t"),
                b"br" | b"cr" => out.push_str("\n"),
                b"noBreakHyphen" => out.push_str("\u{2011}"),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| malformed(reader.buffer_position(), e.to_string()))?;
                out.push_str(&text);
            }
            Event::CData(t) if in_text => out.push_str(&String::from_utf8_lossy(t)),
            Event::Eof => break,
            _ => {}
        }
        if in_text && let Some(run) = runs.last_mut() {
            run.2.end = out.current.len();
        }
    }
    // Text outside any paragraph belongs to the one `finish` ends.
    serials[0] = out.ends.len();
    let (text, placement) = out.finish();
    let nodes = runs
        .into_iter()
        .map(|(start, p, span)| (start, placement.place(serials[p], &span)))
        .collect();
    Ok(Layout {
        events,
        text,
        nodes,
    })
}

/// The document with each `w:t` holding its translated text; `None` when a translation
/// has no `w:t` to go in.
pub(super) fn translate(
    name: &str,
    bytes: &[u8],
    translated: &Translated,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, SourceError> {
    let (package, xml) = document_xml(name, bytes, limits)?;
    let mut archive = package.into_archive();
    let layout = layout(name, &xml, limits)?;
    if layout.text != translated.text {
        return Err(SourceError::Mismatch {
            name: name.to_string(),
            message: format!("{PART} no longer has the text the job was cut from"),
        });
    }
    let spans: Vec<Range<usize>> = layout.nodes.iter().map(|(_, s)| s.clone()).collect();
    let Some(owners) = translated.owners(&spans) else {
        return Ok(None);
    };
    let mut texts = vec![None; layout.events.len()];
    for (n, (start, span)) in layout.nodes.iter().enumerate() {
        let new = translated.node_text(n, span, &owners);
        if new != translated.text[span.clone()] {
            texts[*start] = Some(new);
        }
    }
    let xml = write_events(&layout.events, &texts).map_err(|e| not_docx(name, &e))?;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: &dyn std::fmt::Display| not_docx(name, e);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| failed(&e))?;
        if entry.name_raw() == PART.as_bytes() {
            drop(entry);
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            zip.start_file(PART, options).map_err(|e| failed(&e))?;
            zip.write_all(&xml).map_err(|e| failed(&e))?;
        } else {
            zip.raw_copy_file(entry).map_err(|e| failed(&e))?;
        }
    }
    Ok(Some(zip.finish().map_err(|e| failed(&e))?.into_inner()))
}

/// Write `events` back, the content of each `w:t` whose start event has a text in
/// `texts` replaced by it (spaces kept with `xml:space="preserve"`).
fn write_events(events: &[Event], texts: &[Option<String>]) -> std::io::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    let mut replacing = false;
    for (event, text) in events.iter().zip(texts) {
        match (event, text) {
            (Event::Start(start), Some(text)) => {
                let mut start = start.clone();
                // Repeated attributes were refused when the part was read.
                let mut attributes = start.attributes();
                attributes.with_checks(false);
                if !attributes.flatten().any(|a| a.key.as_ref() == b"xml:space") {
                    start.push_attribute(("xml:space", "preserve"));
                }
                writer.write_event(Event::Start(start))?;
                writer.write_event(Event::Text(BytesText::new(text)))?;
                replacing = true;
            }
            (Event::End(_), _) if replacing => {
                writer.write_event(event.borrow())?;
                replacing = false;
            }
            (Event::Eof, _) => {}
            _ if replacing => {}
            _ => writer.write_event(event.borrow())?,
        }
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use std::io::Read;

    use super::super::{
        SourceError, SourceFormat, read_default as read, translated_with, write_translated,
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
                    "The talks lasted three hours.",
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
            xml.contains(r#"<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Delegates gathered in Baku.</w:t>"#),
            "the bold run keeps its sentence: {xml}"
        );
        assert!(
            xml.contains(r#"<w:rPr><w:i/></w:rPr><w:t xml:space="preserve"></w:t>"#),
            "a sentence across runs goes in its first run: {xml}"
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
        let e = write_translated(SourceFormat::Docx, "big.docx", &bytes, "en", &[], &limits)
            .unwrap_err();
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
}
