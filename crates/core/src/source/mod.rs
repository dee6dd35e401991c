//! Reading the translator's source documents as plain text: TXT, DOCX and HTML.
//!
//! Whatever the format, the result is text the segmenter reads like a TXT file: one
//! paragraph per block, paragraphs separated by a blank line (which always ends a
//! segment and is a soft anchor for the aligner), a line break inside a paragraph as a
//! single `\n`. Formatting, deleted revisions, scripts and styles are left out.
//!
//! ```
//! use dragoman_core::source;
//!
//! let html = b"<h1>Forum</h1><p>Delegates met in Baku&nbsp;today.<script>x()</script></p>";
//! assert_eq!(source::read("press.html", html).unwrap(), "Forum\n\nDelegates met in Baku\u{a0}today.");
//! ```

mod docx;
mod html;

use thiserror::Error;

use crate::text::{self, TextError};

/// The formats [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text: UTF-8 with or without BOM, or UTF-16 with BOM.
    Text,
    /// An Office Open XML word-processing document (Word, LibreOffice).
    Docx,
    /// An HTML or XHTML page.
    Html,
}

impl SourceFormat {
    /// The format of a file by its extension, or by its first bytes when the extension
    /// is missing or unknown (a pasted name, `.tmp`).
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        let extension = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "docx" => Self::Docx,
            "html" | "htm" | "xhtml" => Self::Html,
            "txt" | "text" => Self::Text,
            _ if bytes.starts_with(b"PK\x03\x04") => Self::Docx,
            _ if looks_like_html(bytes) => Self::Html,
            _ => Self::Text,
        }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Why a source document could not be read. Every variant names the file.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceError {
    /// A TXT or HTML file whose bytes are not text (see [`TextError`]).
    #[error("{name}: {source}")]
    Text {
        /// The file's name.
        name: String,
        /// Why its bytes are not text.
        source: TextError,
    },
    /// A `.docx` that is not a zip archive or is damaged (cut short, encrypted).
    #[error("{name}: not a readable DOCX (zip) file: {message}")]
    NotDocx {
        /// The file's name.
        name: String,
        /// What the zip reader said.
        message: String,
    },
    /// A zip archive without the part a DOCX keeps its text in.
    #[error("{name}: no {part} inside; is this a Word document?")]
    MissingPart {
        /// The file's name.
        name: String,
        /// The missing part, `word/document.xml`.
        part: String,
    },
    /// A DOCX part that is not well-formed XML.
    #[error("{name}: {part}, byte {offset}: malformed XML: {message}")]
    MalformedXml {
        /// The file's name.
        name: String,
        /// The part inside the archive.
        part: String,
        /// Byte offset in the part where the problem was found.
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// HTML broken beyond guessing where the text is: a tag, comment or script never
    /// closed.
    #[error("{name}: line {line}: malformed HTML: {message}")]
    MalformedHtml {
        /// The file's name.
        name: String,
        /// 1-based line of the construct left open.
        line: usize,
        /// What is wrong, naming the element.
        message: String,
    },
    /// An HTML page whose bytes are not valid in the charset it declares.
    #[error("{name}: not valid {charset} text")]
    BadCharset {
        /// The file's name.
        name: String,
        /// The charset the page declares.
        charset: String,
    },
    /// A DOCX or HTML document read without error but holding no text.
    #[error("{name}: the document has no text")]
    NoText {
        /// The file's name.
        name: String,
    },
}

/// Read a document's bytes as plain text, choosing the format by [`SourceFormat::of`].
/// `name` is the file's name or path, used for the format and in errors.
pub fn read(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let text = match SourceFormat::of(name, bytes) {
        // A text file of blank lines is a side with nothing to align, and says so.
        SourceFormat::Text => return decode_text(name, bytes),
        SourceFormat::Docx => docx::text(name, bytes)?,
        SourceFormat::Html => html::text(name, &html::decode(name, bytes)?)?,
    };
    if text.is_empty() {
        return Err(SourceError::NoText {
            name: name.to_string(),
        });
    }
    Ok(text)
}

pub(super) fn decode_text(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    text::decode(bytes).map_err(|source| SourceError::Text {
        name: name.to_string(),
        source,
    })
}

/// Paragraphs being collected: blocks join with a blank line, empty ones vanish.
#[derive(Debug, Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    fn push_str(&mut self, s: &str) {
        self.current.push_str(s);
    }

    /// End the current paragraph, dropping it when it holds only whitespace.
    fn end(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        // A break at the end of a block only ends the block; trailing spaces are layout.
        let trimmed = paragraph.trim_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
        if !trimmed.is_empty() {
            self.done.push(trimmed.to_string());
        }
    }

    fn finish(mut self) -> String {
        self.end();
        self.done.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_format_by_extension_then_content() {
        assert_eq!(SourceFormat::of("a.DOCX", b""), SourceFormat::Docx);
        assert_eq!(SourceFormat::of("a.htm", b""), SourceFormat::Html);
        assert_eq!(SourceFormat::of("a.txt", b"<html>"), SourceFormat::Text);
        assert_eq!(
            SourceFormat::of("pasted", b"PK\x03\x04.."),
            SourceFormat::Docx
        );
        assert_eq!(
            SourceFormat::of("pasted", b"\n <!DOCTYPE html><p>x"),
            SourceFormat::Html
        );
        assert_eq!(
            SourceFormat::of("notes", "Баку".as_bytes()),
            SourceFormat::Text
        );
    }

    #[test]
    fn reads_text_with_either_bom() {
        assert_eq!(read("a.txt", b"\xEF\xBB\xBFBaku").unwrap(), "Baku");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Bakı".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read("a.txt", &utf16).unwrap(), "Bakı");
    }

    #[test]
    fn names_the_file_when_text_is_bad() {
        let e = read("ru.txt", b"abc\x00def").unwrap_err();
        assert_eq!(
            e.to_string(),
            "ru.txt: binary data at byte 3 (this is not a text file)"
        );
        assert_eq!(
            read("blank.txt", b" \n\n ").unwrap(),
            " \n\n ",
            "a blank side"
        );
        let e = read("az.html", b"<p> </p><script>x</script>").unwrap_err();
        assert_eq!(
            e,
            SourceError::NoText {
                name: "az.html".into()
            }
        );
    }
}
