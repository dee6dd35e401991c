//! Reading files as text: UTF-8 (with or without BOM) and UTF-16 with BOM, and a clear
//! refusal of what is not text.
//!
//! Offsets reported elsewhere are byte offsets into the decoded UTF-8 text, which for
//! a UTF-8 file without BOM are the file's own bytes.

use thiserror::Error;

use crate::limits::{Exceeded, Limits};

/// Why bytes could not be read as a text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TextError {
    /// The file has no bytes, or only a byte order mark. (A file of blank lines is
    /// a text with no segments, which aligns as 1-0 beads.)
    #[error("the file is empty")]
    Empty,
    /// A NUL byte or another control character that text never holds.
    #[error("binary data at byte {offset} (this is not a text file)")]
    Binary {
        /// Byte offset of the first offending byte.
        offset: usize,
    },
    /// Bytes that are not valid UTF-8 and no BOM announced another encoding.
    #[error("invalid UTF-8 at line {line}, byte {offset} (save the file as UTF-8)")]
    InvalidUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A character of the Private Use Area range that stands for inline codes in a
    /// segment's text ([`crate::inline::Mark`]): taken as text it would become a code,
    /// and be lost when the document is written back.
    #[error(
        "line {line}: U+{code_point:04X} is a private-use character Dragoman keeps for inline codes (remove or replace it)"
    )]
    ReservedCharacter {
        /// 1-based line of the first such character.
        line: usize,
        /// The character's code point.
        code_point: u32,
    },
    /// A UTF-16 file whose code units do not form valid text.
    #[error("invalid UTF-16 at code unit {unit}")]
    InvalidUtf16 {
        /// Index of the first offending 16-bit unit.
        unit: usize,
    },
    /// A line longer than [`Limit::SegmentBytes`](crate::limits::Limit::SegmentBytes)
    /// allows (see [`check_lines`]).
    #[error("line {line}: {exceeded}")]
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// The limit it is beyond.
        exceeded: Exceeded,
    },
}

/// Decode a file's bytes into text: a UTF-8 BOM is skipped, UTF-16 LE/BE with BOM decoded.
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest)?,
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        _ => utf8(bytes)?,
    };
    check(&text)?;
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<String, TextError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            if bytes[..offset].contains(&0) || bytes.iter().take(8192).any(|&b| b == 0) {
                let nul = bytes.iter().position(|&b| b == 0).unwrap_or(offset);
                return Err(TextError::Binary { offset: nul });
            }
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            Err(TextError::InvalidUtf8 { line, offset })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    let mut out = String::with_capacity(units.len());
    for (i, r) in char::decode_utf16(units.iter().copied()).enumerate() {
        out.push(r.map_err(|_| TextError::InvalidUtf16 { unit: i })?);
    }
    if bytes.len() % 2 == 1 {
        return Err(TextError::InvalidUtf16 {
            unit: units.len() - 1,
        });
    }
    Ok(out)
}

fn check(text: &str) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if let Some(offset) = control_at(text.as_bytes()) {
        return Err(TextError::Binary { offset });
    }
    // The non-characters U+FFFE and U+FFFF are a byte-swapped or mis-decoded file,
    // never text (no XML can carry them either).
    if let Some(offset) = text.find(['\u{FFFE}', '\u{FFFF}']) {
        return Err(TextError::Binary { offset });
    }
    if let Some((offset, c)) = text
        .char_indices()
        .find(|&(_, c)| crate::inline::Mark::of(c).is_some())
    {
        return Err(TextError::ReservedCharacter {
            line: 1 + text[..offset].matches('\n').count(),
            code_point: u32::from(c),
        });
    }
    Ok(())
}

/// The offset of the first byte in `head`, the start of a file, that no text has (a
/// NUL or another control character), unless a UTF-16 byte order mark starts it: a
/// quick refusal of a binary file before all of it is read.
pub fn binary_at(head: &[u8]) -> Option<usize> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    control_at(head)
}

/// The offset of the first control character text never holds (all but line breaks,
/// tab and form feed).
fn control_at(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
}

/// Check that no line of `text` is longer than the segment limit allows, for what is
/// read line by line (a text to segment, a table) or split into paragraphs: a longer
/// line means a binary or mis-encoded file, or one paragraph that would make every
/// later step crawl. Markup files are not checked here: minified XML and HTML are
/// one long line, and their readers limit the text they take out instead.
pub fn check_lines(text: &str, limits: &Limits) -> Result<(), TextError> {
    for (i, line) in text.split('\n').enumerate() {
        limits
            .check_text(line)
            .map_err(|exceeded| TextError::LineTooLong {
                line: i + 1,
                exceeded,
            })?;
    }
    Ok(())
}

/// Turns byte offsets into a text, asked for in growing order while a parser reads it,
/// into 1-based line numbers. Each byte is examined once over the whole reading, where
/// counting the newlines before every offset from the start made reading a file
/// quadratic in its size (a TBX of 5,000 concepts took minutes).
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
    /// Bytes examined so far, rescans included: the work done, which tests compare
    /// between inputs of different sizes to pin that it grows linearly.
    scanned: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
            scanned: 0,
        }
    }

    /// The line of byte `offset`. An offset before the last one asked for is counted
    /// from the start again: correct, but linear only when offsets grow.
    pub(crate) fn at(&mut self, offset: u64) -> usize {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let span = &self.text[self.offset..offset];
        self.line += span.iter().filter(|&&b| b == b'\n').count();
        self.scanned += span.len() as u64;
        self.offset = offset;
        self.line
    }

    /// Bytes examined so far.
    #[cfg(test)]
    pub(crate) fn scanned(&self) -> u64 {
        self.scanned
    }
}

/// The first character in `text` that XML 1.0 cannot carry (so neither can a memory or
/// glossary that must export as TMX, TBX or XLIFF), not even as a character
/// reference: C0 controls other than tab, line feed and carriage return, and the
/// non-characters U+FFFE and U+FFFF. (Surrogates cannot occur in a Rust string.)
pub fn forbidden_xml_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limit;

    #[test]
    fn refuses_the_characters_that_stand_for_inline_codes() {
        let text = format!("Форум открылся.\nДелегаты {} прибыли.", '\u{E423}');
        assert_eq!(
            decode(text.as_bytes()),
            Err(TextError::ReservedCharacter {
                line: 2,
                code_point: 0xE423
            })
        );
        let utf16: Vec<u8> = [0xFEFF_u16, 0xEAF3, u16::from(b'a')]
            .iter()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(matches!(
            decode(&utf16),
            Err(TextError::ReservedCharacter {
                line: 1,
                code_point: 0xEAF3
            })
        ));
        // A UTF-16 BOM followed by a swapped one: U+FFFE, no text (fuzz bug 13).
        assert_eq!(
            decode(b"\xFF\xFE\xFE\xFF"),
            Err(TextError::Binary { offset: 0 })
        );
        // The rest of the Private Use Area (symbol fonts' U+F0xx, U+F8FF) is text.
        assert!(decode("\u{F0B7} \u{F8FF} \u{EC00}".as_bytes()).is_ok());
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("Баку".as_bytes()).unwrap(), "Баку");
        assert_eq!(decode(b"\xEF\xBB\xBFBaku").unwrap(), "Baku");
    }

    #[test]
    fn reads_utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Bakı".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "Bakı");
        assert_eq!(decode(&be).unwrap(), "Bakı");
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(TextError::Empty));
        assert_eq!(decode(b" \n\n ").unwrap(), " \n\n ");
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(TextError::Binary { .. })
        ));
        assert_eq!(
            decode(b"ok\nbad \xFF here"),
            Err(TextError::InvalidUtf8 { line: 2, offset: 7 })
        );
    }

    #[test]
    fn refuses_a_line_beyond_the_segment_limit_only_when_asked() {
        let limits = Limits::default().with(Limit::SegmentBytes, 10);
        let text = decode("short\n0123456789a\n".as_bytes()).unwrap();
        let e = check_lines(&text, &limits).unwrap_err();
        assert_eq!(
            e,
            TextError::LineTooLong {
                line: 2,
                exceeded: Exceeded {
                    limit: Limit::SegmentBytes,
                    max: 10
                }
            }
        );
        assert!(
            e.to_string().starts_with(
                "line 2: a segment, line or other piece of text is longer than 10 bytes"
            )
        );
        assert!(check_lines("short\n0123456789\n", &limits).is_ok());
    }
}
