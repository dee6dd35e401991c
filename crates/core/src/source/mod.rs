//! Reading the translator's source documents as plain text: TXT, DOCX and HTML, and
//! writing a translation back in the document's own format ([`write_translated`]).
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
//! let limits = dragoman_core::limits::Limits::default();
//! assert_eq!(source::read("press.html", html, &limits).unwrap(), "Forum\n\nDelegates met in Baku\u{a0}today.");
//! ```

mod docx;
mod html;

use std::ops::Range;

use thiserror::Error;

use crate::limits::{Exceeded, Limits};
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
    /// An XLIFF 1.2 or 2.x file another tool wrote: already segmented, so a job keeps
    /// its segments and writes its targets back into it
    /// ([`crate::formats::xliff_back`]) rather than reading it as text.
    Xliff,
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

impl SourceFormat {
    /// The format's name as stored: `text`, `docx`, `html`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Docx => "docx",
            Self::Html => "html",
            Self::Xliff => "xliff",
        }
    }

    /// The format a stored name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Text, Self::Docx, Self::Html, Self::Xliff]
            .into_iter()
            .find(|f| f.name() == name)
    }

    /// The file extension a document of this format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Docx => "docx",
            Self::Html => "html",
            Self::Xliff => "xlf",
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
    /// The document goes beyond one of the [`Limits`] (a DOCX that unpacks to more than
    /// they allow, elements nested too deep); nothing of it was used. A line or
    /// paragraph too long is a [`TextError::LineTooLong`].
    #[error("{name}: {exceeded}")]
    Limit {
        /// The file's name.
        name: String,
        /// The limit it is beyond.
        exceeded: Exceeded,
    },
    /// A DOCX or HTML document read without error but holding no text.
    #[error("{name}: the document has no text")]
    NoText {
        /// The file's name.
        name: String,
    },
    /// An XLIFF file that cannot be read (see [`crate::formats::xliff_read::XliffError`]).
    #[error("{name}: {message}")]
    Xliff {
        /// The file's name.
        name: String,
        /// What is wrong, with its line.
        message: String,
    },
    /// A translation cannot be put back into the document: its text is no longer the
    /// one the segments were cut from, or a segment's span does not fit it.
    #[error("{name}: the document does not match its segments: {message}")]
    Mismatch {
        /// The file's name.
        name: String,
        /// What does not fit.
        message: String,
    },
}

/// Read a document's bytes as plain text, choosing the format by [`SourceFormat::of`].
/// `name` is the file's name or path, used for the format and in errors.
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<String, SourceError> {
    read_as(SourceFormat::of(name, bytes), name, bytes, limits)
}

/// Read a document's bytes as plain text in a known `format`, within `limits`: no line
/// of the text (a paragraph of a DOCX or HTML document) may be longer than a segment.
pub fn read_as(
    format: SourceFormat,
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<String, SourceError> {
    Ok(read_marked(format, name, bytes, limits)?.text)
}

/// A document's text as [`read_as`] gives it, and the inline codes of its formatting
/// (a DOCX's runs), to give each segment cut from the text its markers
/// ([`Marked::segment`]).
#[derive(Debug)]
pub struct Marked {
    text: String,
    flow: Option<docx::Flow>,
}

impl Marked {
    /// The plain text, to segment.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of `span`, a segment cut from [`Self::text`], with a marker
    /// ([`crate::inline`]) for each inline code in it: a pair around text formatted
    /// otherwise than most of the segment (bold, italic, a link), a standalone code for a
    /// footnote reference, a drawing or a field. [`write_translated`] finds the codes
    /// again by the segment's span and the markers' numbers.
    pub fn segment(&self, span: Range<usize>) -> String {
        match &self.flow {
            Some(flow) => flow.segment(&self.text, &span),
            None => self.text[span].to_string(),
        }
    }
}

/// [`read_as`], keeping what [`Marked::segment`] needs to give segments their inline
/// codes.
pub fn read_marked(
    format: SourceFormat,
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Marked, SourceError> {
    let (text, flow) = match format {
        SourceFormat::Text => (decode_text(name, bytes)?, None),
        SourceFormat::Docx => {
            let (text, flow) = docx::text(name, bytes, limits)?;
            (text, Some(flow))
        }
        SourceFormat::Html => (html::text(name, &html::decode(name, bytes)?)?, None),
        SourceFormat::Xliff => (xliff_text(name, bytes, limits)?, None),
    };
    // A text file of blank lines is a side with nothing to align, and says so.
    if text.is_empty() && format != SourceFormat::Text {
        return Err(SourceError::NoText {
            name: name.to_string(),
        });
    }
    text::check_lines(&text, limits).map_err(|source| SourceError::Text {
        name: name.to_string(),
        source,
    })?;
    Ok(Marked { text, flow })
}

/// An XLIFF file's source text: its units as paragraphs, a unit's segments joined by a
/// space, inline codes left out.
fn xliff_text(name: &str, bytes: &[u8], limits: &Limits) -> Result<String, SourceError> {
    let file = crate::formats::xliff_read::read(bytes, limits).map_err(|e| SourceError::Xliff {
        name: name.to_string(),
        message: e.to_string(),
    })?;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut unit = None;
    for segment in &file.segments {
        let text = crate::inline::strip(&segment.source);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if unit == Some(segment.unit) => {
                last.push(' ');
                last.push_str(text);
            }
            _ => paragraphs.push(text.to_string()),
        }
        unit = Some(segment.unit);
    }
    Ok(paragraphs.join("\n\n"))
}

pub(super) fn decode_text(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    text::decode(bytes).map_err(|source| SourceError::Text {
        name: name.to_string(),
        source,
    })
}

/// A segment of a document's text (as [`read_as`] gives it) and what goes in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The segment's byte span in the text.
    pub span: Range<usize>,
    /// Its translation, with markers for the segment's inline codes where the translator
    /// put them ([`Marked::segment`]); codes it lacks are placed by
    /// [`crate::inline::place`], so none is lost.
    pub text: String,
}

/// Write `bytes`, a document of `format`, with each replacement's span of its text
/// replaced, into a document of the same format in language `lang`. Text outside the
/// replacements (untranslated segments, the space between segments) is kept, and so is
/// everything around the text: DOCX styles, runs' formatting and the archive's other
/// parts, HTML markup (whose `lang` becomes `lang`). A DOCX translation's inline codes
/// become runs formatted as the source's (see [`Marked::segment`]); formats without
/// codes write the text without markers. `replacements` are in text order. The
/// document is read again within `limits`.
pub fn write_translated(
    format: SourceFormat,
    name: &str,
    bytes: &[u8],
    lang: &str,
    replacements: &[Replacement],
    limits: &Limits,
) -> Result<Vec<u8>, SourceError> {
    let mismatch = |message: String| SourceError::Mismatch {
        name: name.to_string(),
        message,
    };
    let text = read_as(format, name, bytes, limits)?;
    let mut at = 0;
    for r in replacements {
        if r.span.start < at
            || r.span.start >= r.span.end
            || !text.is_char_boundary(r.span.start)
            || text.get(r.span.end..).is_none()
        {
            return Err(mismatch(format!(
                "segment at bytes {}..{} is not in the text of {} bytes in order",
                r.span.start,
                r.span.end,
                text.len()
            )));
        }
        at = r.span.end;
    }
    let plain: Vec<Replacement>;
    let replacements = if format == SourceFormat::Docx {
        replacements
    } else {
        plain = replacements
            .iter()
            .map(|r| Replacement {
                span: r.span.clone(),
                text: crate::inline::strip(&r.text).into_owned(),
            })
            .collect();
        &plain
    };
    let translated = Translated {
        text: &text,
        replacements,
    };
    match format {
        SourceFormat::Text => Ok(translated.node(0, &(0..text.len())).map(String::into_bytes)),
        SourceFormat::Docx => docx::translate(name, bytes, &translated, limits),
        SourceFormat::Html => html::translate(name, bytes, lang, &translated),
        // Its segments are the file's own, each target written into its place with its
        // state and codes, which a replacement of text spans cannot say.
        SourceFormat::Xliff => Err(mismatch(
            "an XLIFF file takes its translation segment by segment, not as text".into(),
        )),
    }
    .and_then(|out| out.ok_or_else(|| mismatch("a segment has no text of its own".into())))
}

/// A document's text and its replacements, to rebuild the text of each node (a DOCX
/// `w:t`, an HTML text run) that contributed a part of it.
struct Translated<'a> {
    text: &'a str,
    replacements: &'a [Replacement],
}

impl Translated<'_> {
    /// For each replacement, the node that gets its whole translation: the first in text
    /// order overlapping it. `nodes` are the nodes' disjoint spans in the text, in any
    /// order; `None` when a replacement overlaps none of them.
    fn owners(&self, nodes: &[Range<usize>]) -> Option<Vec<usize>> {
        let mut order: Vec<usize> = (0..nodes.len()).filter(|&n| !nodes[n].is_empty()).collect();
        order.sort_by_key(|&n| nodes[n].start);
        self.replacements
            .iter()
            .map(|r| {
                let first = order.partition_point(|&n| nodes[n].end <= r.span.start);
                order
                    .get(first)
                    .copied()
                    .filter(|&n| nodes[n].start < r.span.end)
            })
            .collect()
    }

    /// The new text of node `n` covering `span`: the text kept where no replacement is,
    /// a replacement's translation where `owners` gives it this node, nothing for the
    /// rest of a replaced span.
    fn node_text(&self, n: usize, span: &Range<usize>, owners: &[usize]) -> String {
        let mut out = String::new();
        let mut at = span.start;
        let first = self
            .replacements
            .partition_point(|r| r.span.end <= span.start);
        for (r, &owner) in self.replacements[first..].iter().zip(&owners[first..]) {
            if r.span.start >= span.end {
                break;
            }
            if r.span.start > at {
                out.push_str(&self.text[at..r.span.start]);
            }
            if owner == n {
                out.push_str(&r.text);
            }
            at = at.max(r.span.end.min(span.end));
        }
        out.push_str(&self.text[at..span.end]);
        out
    }

    /// The whole text as one node (a text file).
    fn node(&self, n: usize, span: &Range<usize>) -> Option<String> {
        let owners = self.owners(std::slice::from_ref(span))?;
        Some(self.node_text(n, span, &owners))
    }
}

/// Paragraphs being collected: blocks join with a blank line, empty ones vanish.
#[derive(Debug, Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
    /// Per [`Self::end`] call, in order: where the paragraph went in `done` and how many
    /// leading bytes were trimmed, or `None` when it vanished.
    ends: Vec<Option<(usize, usize)>>,
}

impl Paragraphs {
    fn push_str(&mut self, s: &str) {
        self.current.push_str(s);
    }

    /// End the current paragraph, dropping it when it holds only whitespace.
    fn end(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        // A break at the end of a block only ends the block; trailing spaces are layout.
        let layout = |c: char| c.is_whitespace() && c != '\u{a0}';
        let trimmed = paragraph.trim_matches(layout);
        if trimmed.is_empty() {
            self.ends.push(None);
        } else {
            let lead = paragraph.len() - paragraph.trim_start_matches(layout).len();
            self.ends.push(Some((self.done.len(), lead)));
            self.done.push(trimmed.to_string());
        }
    }

    /// The text, and where the paragraphs' bytes went in it.
    fn finish(mut self) -> (String, Placement) {
        self.end();
        let mut starts = Vec::with_capacity(self.done.len());
        let mut at = 0;
        for p in &self.done {
            starts.push((at, p.len()));
            at += p.len() + 2;
        }
        let ends = self
            .ends
            .into_iter()
            .map(|e| e.map(|(k, lead)| (starts[k].0, starts[k].1, lead)))
            .collect();
        (self.done.join("\n\n"), Placement { ends })
    }
}

/// Where each paragraph collected by [`Paragraphs`] is in the finished text.
struct Placement {
    /// Per ended paragraph: its start in the text, its length and the leading bytes
    /// trimmed from it.
    ends: Vec<Option<(usize, usize, usize)>>,
}

impl Placement {
    /// The text span of bytes `range` of the `serial`-th ended paragraph, as collected.
    fn place(&self, serial: usize, range: &Range<usize>) -> Range<usize> {
        self.get(serial, range).unwrap_or(0..0)
    }

    /// [`Self::place`], or `None` when the paragraph vanished (it held only whitespace).
    fn get(&self, serial: usize, range: &Range<usize>) -> Option<Range<usize>> {
        let (start, len, lead) = self.ends.get(serial).copied().flatten()?;
        let clip = |i: usize| start + i.saturating_sub(lead).min(len);
        Some(clip(range.start)..clip(range.end))
    }

    /// How many bytes of `range` in the `serial`-th paragraph were trimmed away (layout
    /// whitespace) at its start and at its end.
    fn trimmed(&self, serial: usize, range: &Range<usize>) -> (usize, usize) {
        let Some((_, len, lead)) = self.ends.get(serial).copied().flatten() else {
            return (range.len(), 0);
        };
        let front = lead.clamp(range.start, range.end) - range.start;
        let back = range.end - (lead + len).clamp(range.start, range.end);
        (front, back.min(range.len() - front))
    }
}

/// `bytes` written by [`write_translated`] into `lang`, its text cut by the Russian
/// rules and each segment found in `dictionary` replaced by its translation.
#[cfg(test)]
fn translated_with(
    format: SourceFormat,
    bytes: &[u8],
    lang: &str,
    dictionary: &[(&str, &str)],
) -> Vec<u8> {
    let limits = Limits::default();
    let text = read_as(format, "test", bytes, &limits).unwrap();
    let ru = crate::lang::LanguageTag::parse("ru").unwrap();
    let replacements: Vec<Replacement> = crate::segment::Segmenter::builtin(&ru)
        .split(&text)
        .iter()
        .filter_map(|s| {
            let (_, translation) = dictionary.iter().find(|(from, _)| *from == s.text(&text))?;
            Some(Replacement {
                span: s.start..s.end,
                text: translation.to_string(),
            })
        })
        .collect();
    write_translated(format, "test", bytes, lang, &replacements, &limits).unwrap()
}

/// [`read`] within the default limits.
#[cfg(test)]
fn read_default(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    read(name, bytes, &Limits::default())
}

#[cfg(test)]
mod tests {
    use super::read_default as read;
    use super::*;

    #[test]
    fn a_text_file_keeps_the_space_between_segments_and_untranslated_ones() {
        let source = "Президент прибыл в Баку.  Переговоры длились три часа.\r\n\r\n\tСтороны подписали семь соглашений.\n";
        let out = translated_with(
            SourceFormat::Text,
            source.as_bytes(),
            "en",
            &[
                ("Президент прибыл в Баку.", "The President arrived in Baku."),
                (
                    "Стороны подписали семь соглашений.",
                    "The sides signed seven agreements.",
                ),
            ],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "The President arrived in Baku.  Переговоры длились три часа.\r\n\r\n\tThe sides signed seven agreements.\n"
        );
    }

    #[test]
    fn refuses_spans_that_do_not_fit_the_text() {
        let e = write_translated(
            SourceFormat::Text,
            "a.txt",
            "Баку.".as_bytes(),
            "en",
            &[Replacement {
                span: 1..4,
                text: "Baku.".into(),
            }],
            &Limits::default(),
        )
        .unwrap_err();
        assert!(
            matches!(&e, SourceError::Mismatch { name, .. } if name == "a.txt"),
            "{e:?}"
        );
    }

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
