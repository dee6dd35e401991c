//! How much of a file Dragoman reads before refusing it: the limits every reader keeps,
//! with their defaults, and the error that names one when a file goes beyond it.
//!
//! A hostile or broken file (a zip bomb, a worksheet claiming a million rows, an
//! element nested a hundred thousand deep, a segment of a hundred megabytes) must end in
//! a clear refusal, never in a truncated result or all the machine's memory. Each
//! format applies the limits in one place (its reader's event loop, its archive, its
//! worksheet), and every refusal names the limit and how to raise it: `docs/limits.md`
//! lists them.
//!
//! The XML readers share one checker (`XmlLimits`, private to the crate), which checks
//! nesting depth and attributes at every element and counts the work done, so that
//! tests can pin that reading stays linear in the size of the file.

use std::cell::Cell;
use std::fmt;

use quick_xml::events::attributes::{AttrError, Attribute, Attributes};
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;
use thiserror::Error;

/// One of the limits on what Dragoman reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// Bytes of a file read whole (documents, glossaries, tables, XLIFF, SRX); a TMX
    /// memory is streamed and has no size limit.
    FileBytes,
    /// Bytes the parts read from a ZIP-based file (DOCX, XLSX) unpack to, together.
    UnpackedBytes,
    /// Entries in a ZIP-based file.
    ZipEntries,
    /// Cells of a table read (a worksheet, a CSV or TSV glossary or memory), the empty
    /// ones between two cells of a worksheet counted.
    TableCells,
    /// How deep XML elements nest.
    Depth,
    /// Attributes on one XML element.
    Attributes,
    /// Bytes of one piece of text read as a whole: a segment, note, term or field, a
    /// line of a text or table file, a paragraph of a document; in a TMX file, which is
    /// streamed, also any one tag or run of text between two tags.
    SegmentBytes,
    /// SRX rules that apply to one language.
    SrxRules,
}

impl Limit {
    /// Every limit, in the order `docs/limits.md` lists them.
    pub const ALL: [Self; 8] = [
        Self::FileBytes,
        Self::UnpackedBytes,
        Self::ZipEntries,
        Self::TableCells,
        Self::Depth,
        Self::Attributes,
        Self::SegmentBytes,
        Self::SrxRules,
    ];

    /// The name the limit is set by: `--max depth=1000`.
    pub fn key(self) -> &'static str {
        match self {
            Self::FileBytes => "file-bytes",
            Self::UnpackedBytes => "unpacked-bytes",
            Self::ZipEntries => "zip-entries",
            Self::TableCells => "table-cells",
            Self::Depth => "depth",
            Self::Attributes => "attributes",
            Self::SegmentBytes => "segment-bytes",
            Self::SrxRules => "srx-rules",
        }
    }

    /// The limit named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The default: far above what real files need (the figures in `docs/limits.md`),
    /// low enough that a file at the limit is read in seconds and a few hundred
    /// megabytes.
    pub const fn default_value(self) -> u64 {
        match self {
            Self::FileBytes => 512 << 20,
            Self::UnpackedBytes => 256 << 20,
            Self::ZipEntries => 10_000,
            Self::TableCells => 2_000_000,
            Self::Depth => 256,
            Self::Attributes => 256,
            Self::SegmentBytes => 1 << 20,
            Self::SrxRules => 1_000,
        }
    }

    /// What going beyond `max` means, as the middle of a sentence.
    fn beyond(self, max: u64) -> String {
        match self {
            Self::FileBytes => format!("the file is larger than {max} bytes"),
            Self::UnpackedBytes => format!("its parts unpack to more than {max} bytes"),
            Self::ZipEntries => format!("the archive has more than {max} entries"),
            Self::TableCells => format!("the table has more than {max} cells"),
            Self::Depth => format!("elements nest more than {max} deep"),
            Self::Attributes => format!("an element has more than {max} attributes"),
            Self::SegmentBytes => {
                format!("a segment, line or other piece of text is longer than {max} bytes")
            }
            Self::SrxRules => format!("more than {max} rules apply to the language"),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A file goes beyond one of the [`Limits`]; nothing of it was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error(
    "{} (the {limit} limit; raise it with --max {limit}=N)",
    limit.beyond(*max)
)]
pub struct Exceeded {
    /// The limit.
    pub limit: Limit,
    /// Its value when the file was read.
    pub max: u64,
}

/// The value of every [`Limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    values: [u64; Limit::ALL.len()],
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            values: Limit::ALL.map(Limit::default_value),
        }
    }
}

/// Why a `KEY=VALUE` setting of a limit is not one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingError {
    /// No `=` between the key and the value.
    #[error("{0:?}: expected KEY=VALUE, e.g. depth=1000")]
    NoValue(String),
    /// The key names no limit.
    #[error("{0:?} is not a limit; the limits are {keys}", keys = keys())]
    UnknownLimit(String),
    /// The value is not a positive whole number.
    #[error("{0:?} is not a positive number (suffixes K, M and G multiply by 1024 each)")]
    BadValue(String),
}

fn keys() -> String {
    Limit::ALL.map(Limit::key).join(", ")
}

impl Limits {
    /// The value of `limit`.
    pub fn get(&self, limit: Limit) -> u64 {
        self.values[limit as usize]
    }

    /// Set `limit` to `value`.
    pub fn set(&mut self, limit: Limit, value: u64) {
        self.values[limit as usize] = value;
    }

    /// `self` with `limit` set to `value`.
    pub fn with(mut self, limit: Limit, value: u64) -> Self {
        self.set(limit, value);
        self
    }

    /// Apply a setting `KEY=VALUE` (`depth=1000`, `file-bytes=2G`).
    pub fn apply(&mut self, setting: &str) -> Result<(), SettingError> {
        let (key, value) = setting
            .split_once('=')
            .ok_or_else(|| SettingError::NoValue(setting.to_string()))?;
        let limit = Limit::from_key(key.trim())
            .ok_or_else(|| SettingError::UnknownLimit(key.trim().to_string()))?;
        let value = value.trim();
        let bad = || SettingError::BadValue(value.to_string());
        let (digits, shift) = match value.char_indices().last() {
            Some((i, 'k' | 'K')) => (&value[..i], 10),
            Some((i, 'm' | 'M')) => (&value[..i], 20),
            Some((i, 'g' | 'G')) => (&value[..i], 30),
            _ => (value, 0),
        };
        let number: u64 = digits.parse().map_err(|_| bad())?;
        let value = number.checked_mul(1 << shift).ok_or_else(bad)?;
        if value == 0 {
            return Err(bad());
        }
        self.set(limit, value);
        Ok(())
    }

    /// `Ok` when `found` is within `limit`, else the error naming it.
    pub fn check(&self, limit: Limit, found: u64) -> Result<(), Exceeded> {
        let max = self.get(limit);
        if found > max {
            Err(Exceeded { limit, max })
        } else {
            Ok(())
        }
    }

    /// [`Self::check`] of the length of a piece of text against
    /// [`Limit::SegmentBytes`].
    pub fn check_text(&self, text: &str) -> Result<(), Exceeded> {
        self.check(Limit::SegmentBytes, text.len() as u64)
    }
}

/// What is wrong with an XML element by [`XmlLimits`]: a limit, or a fault the reader
/// reports as malformed XML.
#[derive(Debug)]
pub(crate) enum XmlFault {
    /// Beyond depth or attributes.
    Exceeded(Exceeded),
    /// The attributes cannot be read, or one is given twice.
    Malformed(String),
}

impl From<Exceeded> for XmlFault {
    fn from(e: Exceeded) -> Self {
        Self::Exceeded(e)
    }
}

/// Attributes of an element with more than this many are checked for repeats through
/// a hash set; fewer, by comparing each with the ones before it.
const FEW_ATTRIBUTES: usize = 16;

/// The element limits of one XML file being read: nesting depth and attributes per
/// element, checked at every event, and the work done counted.
///
/// Repeated attributes are refused here, once per element, in linear time: quick-xml's
/// own check compares each attribute with every one before it, which took 52 s on an
/// element with 200,000 attributes. Readers therefore read attributes through
/// [`XmlLimits::attributes`], which skips that check and counts what it visits.
pub(crate) struct XmlLimits {
    max_depth: u64,
    max_attributes: u64,
    depth: u64,
    /// Events checked and attributes visited: the work tests compare between inputs of
    /// different sizes to pin that reading grows linearly.
    work: Cell<u64>,
}

impl XmlLimits {
    pub(crate) fn new(limits: &Limits) -> Self {
        Self {
            max_depth: limits.get(Limit::Depth),
            max_attributes: limits.get(Limit::Attributes),
            depth: 0,
            work: Cell::new(0),
        }
    }

    /// Check `event`, read in document order: a start tag deeper than the limit, or with
    /// more attributes than the limit or one attribute twice, is refused.
    pub(crate) fn check(&mut self, event: &Event) -> Result<(), XmlFault> {
        self.count(1);
        match event {
            Event::Start(e) => {
                self.depth += 1;
                self.element(e, self.depth)
            }
            Event::Empty(e) => self.element(e, self.depth + 1),
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn element(&self, e: &BytesStart, depth: u64) -> Result<(), XmlFault> {
        if depth > self.max_depth {
            return Err(Exceeded {
                limit: Limit::Depth,
                max: self.max_depth,
            }
            .into());
        }
        let mut keys: Vec<&[u8]> = Vec::new();
        // SipHash: the names come from the file, which may be built to collide.
        let mut seen = std::collections::HashSet::new();
        for (n, attribute) in self.attributes(e).enumerate() {
            if n as u64 >= self.max_attributes {
                return Err(Exceeded {
                    limit: Limit::Attributes,
                    max: self.max_attributes,
                }
                .into());
            }
            let attribute = attribute.map_err(|e| XmlFault::Malformed(e.to_string()))?;
            let key = attribute.key.into_inner();
            let repeated = if n < FEW_ATTRIBUTES {
                self.count(keys.len() as u64);
                let repeated = keys.contains(&key);
                keys.push(key);
                repeated
            } else {
                seen.extend(keys.drain(..));
                !seen.insert(key)
            };
            if repeated {
                let name = String::from_utf8_lossy(key);
                return Err(XmlFault::Malformed(format!(
                    "attribute {name:?} given twice"
                )));
            }
        }
        Ok(())
    }

    /// The attributes of `e`, read without quick-xml's quadratic check for repeats
    /// ([`Self::check`] did it), each visit counted as work.
    pub(crate) fn attributes<'e>(
        &'e self,
        e: &'e BytesStart,
    ) -> impl Iterator<Item = Result<Attribute<'e>, AttrError>> + 'e {
        let mut attributes: Attributes = e.attributes();
        attributes.with_checks(false);
        attributes.inspect(|_| self.count(1))
    }

    fn count(&self, n: u64) {
        self.work.set(self.work.get() + n);
    }

    /// Events checked and attributes visited so far.
    pub(crate) fn work(&self) -> u64 {
        self.work.get()
    }
}

#[cfg(test)]
mod tests {
    use quick_xml::Reader;

    use super::*;

    #[test]
    fn settings_parse_with_suffixes_and_refuse_nonsense() {
        let mut limits = Limits::default();
        limits.apply("depth=1000").unwrap();
        limits.apply("file-bytes=2G").unwrap();
        limits.apply(" segment-bytes = 4k").unwrap();
        assert_eq!(limits.get(Limit::Depth), 1000);
        assert_eq!(limits.get(Limit::FileBytes), 2 << 30);
        assert_eq!(limits.get(Limit::SegmentBytes), 4096);
        assert_eq!(limits.get(Limit::SrxRules), 1000, "untouched");
        assert!(matches!(
            limits.apply("depth"),
            Err(SettingError::NoValue(_))
        ));
        let unknown = limits.apply("height=3").unwrap_err();
        assert!(
            unknown.to_string().contains("depth, attributes"),
            "{unknown}"
        );
        for bad in [
            "depth=0",
            "depth=-1",
            "depth=1.5",
            "depth=99999999999G",
            "depth=M",
        ] {
            assert!(
                matches!(limits.apply(bad), Err(SettingError::BadValue(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_limit_has_a_key_that_names_it_back() {
        for limit in Limit::ALL {
            assert_eq!(Limit::from_key(limit.key()), Some(limit));
            assert!(limit.default_value() > 0);
        }
        let e = Limits::default()
            .with(Limit::Depth, 3)
            .check(Limit::Depth, 4)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "elements nest more than 3 deep (the depth limit; raise it with --max depth=N)"
        );
        assert!(Limits::default().check(Limit::Depth, 256).is_ok());
    }

    /// Run `xml` through the checker; the work done, or the first fault.
    fn checked(xml: &str, limits: &Limits) -> Result<u64, XmlFault> {
        let mut reader = Reader::from_str(xml);
        let mut check = XmlLimits::new(limits);
        loop {
            let event = reader.read_event().unwrap();
            check.check(&event)?;
            if matches!(event, Event::Eof) {
                return Ok(check.work());
            }
        }
    }

    #[test]
    fn refuses_depth_attributes_and_repeats() {
        let limits = Limits::default()
            .with(Limit::Depth, 3)
            .with(Limit::Attributes, 20);
        assert!(checked("<a><b><c/></b></a><d/>", &limits).is_ok());
        assert!(matches!(
            checked("<a><b><c><d/></c></b></a>", &limits),
            Err(XmlFault::Exceeded(Exceeded {
                limit: Limit::Depth,
                max: 3
            }))
        ));
        let attributes = |n: usize| (0..n).map(|i| format!(" a{i}='x'")).collect::<String>();
        assert!(checked(&format!("<a{}/>", attributes(20)), &limits).is_ok());
        assert!(matches!(
            checked(&format!("<a{}/>", attributes(21)), &limits),
            Err(XmlFault::Exceeded(Exceeded {
                limit: Limit::Attributes,
                ..
            }))
        ));
        for repeated in [
            "<a x='1' y='2' x='3'/>",
            &format!("<a{} a3='y'/>", attributes(18)),
        ] {
            assert!(
                matches!(checked(repeated, &limits), Err(XmlFault::Malformed(m)) if m.contains("twice")),
                "{repeated}"
            );
        }
    }

    /// Repeats among many attributes are found in work linear in their number: four
    /// times the attributes, at most five times the work.
    #[test]
    fn checking_attributes_grows_linearly() {
        let limits = Limits::default().with(Limit::Attributes, 1 << 20);
        let work = |n: usize| {
            let attributes: String = (0..n).map(|i| format!(" a{i}='x'")).collect();
            checked(&format!("<a{attributes}/>"), &limits).unwrap()
        };
        let (small, large) = (work(5_000), work(20_000));
        assert!(large <= 5 * small, "{small} → {large}");
    }
}
