//! DOCX: the text of `word/document.xml`, paragraph by paragraph.
//!
//! Only `w:t` runs are text; `w:delText` (deleted revisions) and `w:instrText` (field
//! codes) are not. A text box is a paragraph nested in a run of another one: it becomes
//! its own paragraph rather than being spliced into the middle of a sentence, and its
//! `mc:Fallback` copy (for old Word versions) is skipped so it is read once.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Paragraphs, SourceError};

const PART: &str = "word/document.xml";

/// More XML than any real document holds: the limit keeps a zip bomb from filling memory.
const MAX_PART_BYTES: u64 = 256 << 20;

pub(super) fn text(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let not_docx = |e: &dyn std::fmt::Display| SourceError::NotDocx {
        name: name.to_string(),
        message: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_docx(&e))?;
    let mut xml = String::new();
    match archive.by_name(PART) {
        Ok(part) => part
            .take(MAX_PART_BYTES)
            .read_to_string(&mut xml)
            .map_err(|e| not_docx(&format!("{PART}: {e}")))?,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(SourceError::MissingPart {
                name: name.to_string(),
                part: PART.to_string(),
            });
        }
        Err(e) => return Err(not_docx(&e)),
    };
    paragraphs(&xml).map_err(|(offset, message)| SourceError::MalformedXml {
        name: name.to_string(),
        part: PART.to_string(),
        offset,
        message,
    })
}

/// The paragraphs of a `document.xml`, or the byte offset and message of the XML error.
fn paragraphs(xml: &str) -> Result<String, (u64, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Paragraphs::default();
    let mut outer = Vec::new();
    let mut in_text = false;
    let mut skipped_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position(), e.to_string()))?;
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
                b"p" => outer.push(std::mem::take(&mut out.current)),
                b"t" => in_text = true,
                b"Fallback" => skipped_depth = 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => {
                    out.end();
                    out.current = outer.pop().unwrap_or_default();
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
                    .map_err(|e| (reader.buffer_position(), e.to_string()))?;
                out.push_str(&text);
            }
            Event::CData(t) if in_text => out.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::super::{SourceError, read};

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
}
