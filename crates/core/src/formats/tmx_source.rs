//! The bytes of a TMX file as UTF-8, whatever its encoding, with line numbers.
//!
//! TMX files come in UTF-8 and in UTF-16 (memoQ writes UTF-16LE), announced by a byte
//! order mark or, without one, recognisable from how `<?` is encoded. The XML parser
//! only reads UTF-8, so UTF-16 is transcoded on the fly, a block at a time: a memory of
//! any size is read in constant space. Newline positions in the UTF-8 stream are
//! remembered so that a byte position the parser reports can be named by its line.
//!
//! The parser buffers a run of text, or a tag, whole: a stream that never reaches the
//! next `<` would fill memory before the reader saw any of it. So the source refuses a
//! NUL byte at once (XML never has one: a binary file, `/dev/zero`) and a run between
//! two `<` longer than a segment may be.

use std::io::{self, Read};

use crate::limits::{Exceeded, Limit, Limits};

const BLOCK: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// A reader of UTF-8 bytes over a UTF-8 or UTF-16 file, counting lines.
pub struct TmxSource<R> {
    inner: R,
    encoding: Encoding,
    /// Raw UTF-16 bytes not yet decoded (an odd byte, or a high surrogate waiting for
    /// its pair).
    raw: Vec<u8>,
    out: Vec<u8>,
    out_at: usize,
    /// How many UTF-8 bytes have been handed out.
    produced: u64,
    /// Positions (in the UTF-8 stream) of every newline handed out so far.
    newlines: Vec<u64>,
    eof: bool,
    /// Bytes handed out since the last `<`, and how many the limit allows.
    since_markup: u64,
    max_run: u64,
}

/// The limit a read error of a [`TmxSource`] reports, if it is one.
pub(super) fn exceeded(e: &io::Error) -> Option<Exceeded> {
    e.get_ref()?.downcast_ref::<Exceeded>().copied()
}

impl<R: Read> TmxSource<R> {
    /// Start reading `inner`, detecting its encoding from its first bytes, within
    /// `limits`.
    pub fn new(mut inner: R, limits: &Limits) -> io::Result<Self> {
        let mut head = Vec::with_capacity(4);
        let mut eof = false;
        while head.len() < 4 {
            let mut byte = [0u8; 4];
            let n = inner.read(&mut byte[..4 - head.len()])?;
            if n == 0 {
                eof = true;
                break;
            }
            head.extend_from_slice(&byte[..n]);
        }
        let (encoding, skip) = match head.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            [b'<', 0, b'?', 0] => (Encoding::Utf16Le, 0),
            [0, b'<', 0, b'?'] => (Encoding::Utf16Be, 0),
            _ => (Encoding::Utf8, 0),
        };
        let mut source = Self {
            inner,
            encoding,
            raw: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            produced: 0,
            newlines: Vec::new(),
            eof,
            since_markup: 0,
            max_run: limits.get(Limit::SegmentBytes),
        };
        let rest = head[skip..].to_vec();
        match encoding {
            Encoding::Utf8 => source.out = rest,
            _ => {
                source.raw = rest;
                source.decode_raw()?;
            }
        }
        Ok(source)
    }

    /// The 1-based line of byte `position` of the UTF-8 stream.
    pub fn line_of(&self, position: u64) -> usize {
        self.newlines.partition_point(|&nl| nl < position) + 1
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_at = 0;
        while self.out.is_empty() && !self.eof {
            let mut block = vec![0u8; BLOCK];
            let n = self.inner.read(&mut block)?;
            if n == 0 {
                self.eof = true;
            }
            match self.encoding {
                Encoding::Utf8 => self.out.extend_from_slice(&block[..n]),
                _ => {
                    self.raw.extend_from_slice(&block[..n]);
                    self.decode_raw()?;
                }
            }
        }
        Ok(())
    }

    /// Decode as much of `raw` as forms whole characters into `out`.
    fn decode_raw(&mut self) -> io::Result<()> {
        let unit = |pair: &[u8]| match self.encoding {
            Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
            _ => u16::from_le_bytes([pair[0], pair[1]]),
        };
        let mut units: Vec<u16> = self.raw.chunks_exact(2).map(unit).collect();
        let mut keep = self.raw.len() % 2;
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            keep += 2;
        }
        if self.eof && keep > 0 {
            return Err(invalid("the UTF-16 file ends in the middle of a character"));
        }
        let mut text = String::with_capacity(units.len());
        for c in char::decode_utf16(units) {
            text.push(c.map_err(|_| invalid("invalid UTF-16"))?);
        }
        self.out.extend_from_slice(text.as_bytes());
        self.raw.drain(..self.raw.len() - keep);
        Ok(())
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

impl<R: Read> Read for TmxSource<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_at == self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        let chunk = &self.out[self.out_at..self.out_at + n];
        if let Some(at) = chunk.iter().position(|&b| b == 0) {
            let offset = self.produced + at as u64;
            return Err(invalid(&format!(
                "a NUL byte at byte {offset}: this is not a text (TMX) file"
            )));
        }
        self.since_markup = match chunk.iter().rposition(|&b| b == b'<') {
            Some(at) => (n - at - 1) as u64,
            None => self.since_markup + n as u64,
        };
        if self.since_markup > self.max_run {
            let exceeded = Exceeded {
                limit: Limit::SegmentBytes,
                max: self.max_run,
            };
            return Err(io::Error::new(io::ErrorKind::InvalidData, exceeded));
        }
        buf[..n].copy_from_slice(chunk);
        for (i, _) in chunk.iter().enumerate().filter(|(_, b)| **b == b'\n') {
            self.newlines.push(self.produced + i as u64);
        }
        self.out_at += n;
        self.produced += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> io::Result<String> {
        let mut source = TmxSource::new(bytes, &Limits::default())?;
        let mut out = String::new();
        source.read_to_string(&mut out)?;
        Ok(out)
    }

    fn utf16(text: &str, bom: &[u8], be: bool) -> Vec<u8> {
        let mut out = bom.to_vec();
        for u in text.encode_utf16() {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn reads_utf8_and_utf16_with_or_without_bom() {
        let text = "<?xml version=\"1.0\"?>\n<seg>Bakı 🇦🇿 Баку</seg>";
        assert_eq!(read_all(text.as_bytes()).unwrap(), text);
        let bom8 = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(read_all(&bom8).unwrap(), text);
        assert_eq!(read_all(&utf16(text, &[0xFF, 0xFE], false)).unwrap(), text);
        assert_eq!(read_all(&utf16(text, &[0xFE, 0xFF], true)).unwrap(), text);
        assert_eq!(read_all(&utf16(text, &[], false)).unwrap(), text);
        assert_eq!(read_all(&utf16(text, &[], true)).unwrap(), text);
    }

    #[test]
    fn surrogate_pairs_split_across_blocks_survive() {
        // Put the flag's surrogate pair right on the block boundary.
        let text = format!("{}🇦🇿", "a".repeat(BLOCK / 2 - 2));
        let bytes = utf16(&text, &[0xFF, 0xFE], false);
        assert_eq!(read_all(&bytes).unwrap(), text);
    }

    #[test]
    fn refuses_broken_utf16() {
        let mut bytes = utf16("<a>", &[0xFF, 0xFE], false);
        bytes.extend([0x00, 0xDC]);
        assert!(read_all(&bytes).is_err(), "a lone low surrogate");
        bytes.truncate(bytes.len() - 1);
        assert!(read_all(&bytes).is_err(), "an odd byte at the end");
    }

    #[test]
    fn names_lines_of_positions() {
        let mut source = TmxSource::new("a\nbc\n\nd".as_bytes(), &Limits::default()).unwrap();
        std::io::copy(&mut source, &mut std::io::sink()).unwrap();
        assert_eq!(source.line_of(0), 1);
        assert_eq!(source.line_of(2), 2);
        assert_eq!(source.line_of(6), 4);
    }

    /// `tm import` of `/dev/zero` read zeros until memory ran out (issue 19, finding
    /// 5): a NUL byte ends the reading at once.
    #[test]
    fn refuses_a_nul_byte_at_once() {
        let mut source = TmxSource::new(io::repeat(0), &Limits::default()).unwrap();
        let e = source.read(&mut [0; 4096]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("NUL byte at byte 0"), "{e}");
        assert!(exceeded(&e).is_none());
    }

    /// An endless run without markup stops at the segment limit, its error naming it.
    #[test]
    fn refuses_a_run_without_markup_beyond_the_segment_limit() {
        let limits = Limits::default().with(Limit::SegmentBytes, 10_000);
        let mut source = TmxSource::new(io::repeat(b'a'), &limits).unwrap();
        let e = io::copy(&mut source, &mut io::sink()).unwrap_err();
        assert_eq!(
            exceeded(&e).map(|e| e.limit),
            Some(Limit::SegmentBytes),
            "{e}"
        );
        let fine = format!("<a>{}</a>", "b".repeat(9_000)).repeat(5);
        assert_eq!(read_all_within(fine.as_bytes(), &limits).unwrap(), fine);
    }

    fn read_all_within(bytes: &[u8], limits: &Limits) -> io::Result<String> {
        let mut source = TmxSource::new(bytes, limits)?;
        let mut out = String::new();
        source.read_to_string(&mut out)?;
        Ok(out)
    }
}
