//! Reading XLIFF 1.2 and 2.x files that other tools wrote, as a document to translate:
//! its languages and its segments, each with the target it already has, and where in
//! the file each target goes, so that [`super::xliff_back`] can write it back.
//!
//! Both versions nest segments in groups and files. XLIFF 2 puts each `segment` (with a
//! `source` and an optional `target`) in a `unit`. XLIFF 1.2 has one `trans-unit` per
//! paragraph or sentence; Trados and memoQ segment it further in a `seg-source`, whose
//! `mrk mtype="seg"` elements are the segments, their targets the `mrk`s with the same
//! `mid` in the `target`. Inline codes become markers ([`crate::inline`]) in the text,
//! numbered in the segment: paired elements whose content is text (`g`, `pc`, `mrk`) and
//! pairs of native codes found together in the segment (`bpt`/`ept`, `sc`/`ec`,
//! `sm`/`em`) an open and a close marker, every other element (`x`, `ph`, `it`, `bx`,
//! `ex`, a lone `bpt`, another tool's element) a standalone one. What each marker stands
//! for is kept as written ([`InlineCode`]). Units marked `translate="no"`, or inside a
//! file or group marked so, are skipped. As for TMX, DTDs are never fetched and entity
//! declarations are refused, and a file beyond the [`Limits`] is refused
//! ([`XliffError::Limit`]).

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use crate::inline::{MAX_CODES, Mark};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limit, Limits, XmlFault, XmlLimits};
use crate::text::{TextError, decode};

/// Why a file could not be read as XLIFF, or a translation not written back into it.
#[derive(Debug, Error)]
pub enum XliffError {
    /// The bytes are not text (see [`TextError`]).
    #[error(transparent)]
    Text(#[from] TextError),
    /// The XML is not well formed, or an element is not where XLIFF puts it.
    #[error("line {line}: malformed XLIFF: {message}")]
    Malformed {
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file goes beyond one of the [`Limits`].
    #[error("line {line}: {exceeded}")]
    Limit {
        /// 1-based line where the limit was reached.
        line: usize,
        /// The limit.
        exceeded: Exceeded,
    },
    /// The file declares entities, which could expand without bound.
    #[error("line {line}: the file declares entities, which Dragoman does not expand")]
    EntityDeclaration {
        /// 1-based line of the declaration.
        line: usize,
    },
    /// The root is not `<xliff>`, or no source language is given.
    #[error("not an XLIFF file: {0}")]
    NotXliff(String),
    /// A language attribute holds no language tag.
    #[error("line {line}: {tag:?} is not a language tag")]
    BadLanguage {
        /// 1-based line of the element.
        line: usize,
        /// The attribute's value.
        tag: String,
    },
    /// A segment holds more inline codes than a segment's markers can number.
    #[error("line {line}: segment {id:?} has more than {max} inline codes", max = MAX_CODES)]
    TooManyCodes {
        /// 1-based line of the segment's end.
        line: usize,
        /// The segment's id.
        id: String,
    },
    /// Writing back: the file's version is neither 1.x nor 2.x.
    #[error("XLIFF version {0:?} is not one Dragoman writes back (1.2, 2.0, 2.1, 2.2)")]
    UnknownVersion(String),
    /// Writing back: a target's inline codes cannot be written as XLIFF (a marker its
    /// source has not, a close without its open, codes crossing).
    #[error("line {line}: the target of segment {id:?}: {message}")]
    TargetCodes {
        /// 1-based line of the segment's source.
        line: usize,
        /// The segment's id.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// Writing back: a target holds a character XML 1.0 cannot carry.
    #[error("line {line}: the target of segment {id:?} holds U+{code:04X}, which XML cannot carry")]
    Unwritable {
        /// 1-based line of the segment's source.
        line: usize,
        /// The segment's id.
        id: String,
        /// The character.
        code: u32,
    },
}

/// One inline code of a segment's source as the file writes it: what marker number
/// `n` (the code's index in [`XliffSegment::codes`]) stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineCode {
    /// A paired code's start (`<g id="1">`, `<pc id="1">`, a whole `<bpt>` element), or
    /// a standalone code's whole element (`<x id="2"/>`, `<ph id="3">…</ph>`).
    pub open: String,
    /// A paired code's end (`</g>`, a whole `<ept>` element).
    pub close: Option<String>,
}

/// One segment of an XLIFF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffSegment {
    /// The id of its unit, with the segment's own id or `mid` after a `/` when the unit
    /// has several.
    pub id: String,
    /// The number of its unit in the file, from 0: the segments one unit was cut into
    /// (a paragraph, as most tools make units) share it.
    pub unit: u32,
    /// The source text, inline codes as markers.
    pub source: String,
    /// The target text, if the file has a non-empty one; its inline codes are markers
    /// where the source has the same code, left out where it has not.
    pub target: Option<String>,
    /// What each marker of the source stands for, by number.
    pub codes: Vec<InlineCode>,
    /// Where the source's content is in the file's text (as decoded): the segment's
    /// place in the file, the same each time the file is read.
    pub span: Range<usize>,
}

/// What an XLIFF file holds for translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffFile {
    /// The `version` attribute (`1.2`, `2.0`, `2.1`, …).
    pub version: String,
    /// The source language.
    pub src: LanguageTag,
    /// The target language, if the file names one.
    pub tgt: Option<LanguageTag>,
    /// The segments in document order (`translate="no"` units left out).
    pub segments: Vec<XliffSegment>,
    /// Where targets are written back.
    pub(crate) layout: Layout,
}

/// Read an XLIFF file's bytes (UTF-8, or UTF-16 with a BOM) within `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<XliffFile, XliffError> {
    let text = decode(bytes)?;
    read_text(&text, limits)
}

/// Read an XLIFF file already decoded.
pub(crate) fn read_text(text: &str, limits: &Limits) -> Result<XliffFile, XliffError> {
    Parser::new(text, limits).file()
}

/// Where the targets of a file's segments are written: byte positions in its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Where a missing target language attribute goes: before the end of the root's
    /// start tag (2.x) or of each `file`'s (1.2), and the attribute's name.
    pub(crate) language_slots: Vec<(usize, &'static str)>,
    /// The units that have segments, in order.
    pub(crate) units: Vec<UnitLayout>,
}

/// An element of the file: its whole extent, its start tag and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    /// From `<` of the start tag to `>` of the end tag (or of `<x/>`).
    pub(crate) element: Range<usize>,
    /// The start tag (for `<x/>`, the whole element).
    pub(crate) tag: Range<usize>,
    /// The content (empty, at the tag's end, for `<x/>`).
    pub(crate) content: Range<usize>,
}

/// One unit's segments and where their targets go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitLayout {
    /// Its segments: indexes into [`XliffFile::segments`].
    pub(crate) segments: Range<usize>,
    /// The namespace prefix of its elements with its colon (`xlf:`), usually empty.
    pub(crate) prefix: String,
    /// The white space before its `source`, put before an inserted element.
    pub(crate) indent: String,
    /// The version's part.
    pub(crate) kind: UnitKind,
}

/// A unit's layout by version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// An XLIFF 2 `unit`.
    V2 {
        /// Just after the unit's start tag, where a `mtc:matches` goes.
        tag_end: usize,
        /// The start of the end tag of the unit's `mtc:matches`, if it has one.
        matches_end: Option<usize>,
        /// Per segment, in order.
        segments: Vec<SegmentLayout>,
    },
    /// An XLIFF 1.2 `trans-unit`.
    V1 {
        /// Just after `</source>` or `</seg-source>`, where a missing target goes.
        after_source: usize,
        /// Its `target`, if it has one.
        target: Option<Slot>,
        /// Whether that target holds nothing: no text, no code, no marked segment.
        blank_target: bool,
        /// When its segments are a `seg-source`'s marks: that content and the content of
        /// each segment's `mrk` in it, and each segment's `mrk` in the target.
        marks: Option<MarkedLayout>,
    },
}

/// An XLIFF 2 segment's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SegmentLayout {
    /// The `segment` start tag, where `state` goes.
    pub(crate) tag: Range<usize>,
    /// The segment's own id.
    pub(crate) id: Option<String>,
    /// Just after `</source>`.
    pub(crate) after_source: usize,
    /// Its `target`, if it has one.
    pub(crate) target: Option<Slot>,
}

/// An XLIFF 1.2 `seg-source`'s layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkedLayout {
    /// The `seg-source`'s content.
    pub(crate) content: Range<usize>,
    /// Each segment's `mrk` content in it, and its `mid`.
    pub(crate) marks: Vec<(String, Range<usize>)>,
    /// Each segment's `mrk` in the target, when the target has one.
    pub(crate) targets: Vec<Option<Slot>>,
}

/// What a piece of a `source` or `target` is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Code {
        role: Role,
        key: Key,
        raw: Range<usize>,
    },
    /// The start of a `mrk mtype="seg"`: its `mid`, start tag and where its content starts.
    SegStart {
        mid: String,
        tag: Range<usize>,
    },
    /// The end of one: its content's end and the element's end.
    SegEnd {
        content_end: usize,
        element_end: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Lone,
}

/// What pairs an open code with its close.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// The same element (`g`, `pc`, `mrk`): its number among the elements read.
    Node(usize),
    /// Native codes of a kind (`bpt`/`ept`: `p`, `sc`/`ec`: `s`, `sm`/`em`: `m`) with
    /// the same id.
    Named(char, String),
}

/// The content of a `source`, `seg-source` or `target`.
#[derive(Debug, Clone, Default)]
struct Content {
    pieces: Vec<Piece>,
    slot: Option<Slot>,
}

impl Content {
    /// The `mrk mtype="seg"` parts: each mid, the element, and the pieces inside.
    fn marked(&self) -> Vec<(String, Slot, Range<usize>)> {
        let mut found = Vec::new();
        let mut open: Option<(String, Range<usize>, usize)> = None;
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::SegStart { mid, tag } => open = Some((mid.clone(), tag.clone(), i + 1)),
                Piece::SegEnd {
                    content_end,
                    element_end,
                } => {
                    if let Some((mid, tag, first)) = open.take() {
                        let slot = Slot {
                            element: tag.start..*element_end,
                            content: tag.end.min(*content_end)..*content_end,
                            tag,
                        };
                        found.push((mid, slot, first..i));
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// A segment's text with markers, and its codes, from `pieces`.
fn build(pieces: &[Piece], text: &str) -> Option<(String, Vec<InlineCode>)> {
    // Partners first: an open and a close with one key pair up, others stand alone.
    let mut partner: Vec<Option<usize>> = vec![None; pieces.len()];
    let mut opened: HashMap<&Key, usize> = HashMap::new();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Code {
                role: Role::Open,
                key,
                ..
            } => {
                opened.insert(key, i);
            }
            Piece::Code {
                role: Role::Close,
                key,
                ..
            } => {
                if let Some(o) = opened.remove(key) {
                    partner[o] = Some(i);
                    partner[i] = Some(o);
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    let mut codes: Vec<InlineCode> = Vec::new();
    let mut number: Vec<u16> = vec![0; pieces.len()];
    for (i, piece) in pieces.iter().enumerate() {
        let Piece::Code { role, raw, .. } = piece else {
            if let Piece::Text(t) = piece {
                out.push_str(t);
            }
            continue;
        };
        let raw = text[raw.clone()].to_string();
        let mark = match (role, partner[i]) {
            (Role::Close, Some(o)) if o < i => {
                codes[usize::from(number[o])].close = Some(raw);
                Mark::Close(number[o])
            }
            (Role::Open, Some(_)) => {
                let n = u16::try_from(codes.len()).ok().filter(|&n| n < MAX_CODES)?;
                number[i] = n;
                codes.push(InlineCode {
                    open: raw,
                    close: None,
                });
                Mark::Open(n)
            }
            _ => {
                let n = u16::try_from(codes.len()).ok().filter(|&n| n < MAX_CODES)?;
                codes.push(InlineCode {
                    open: raw,
                    close: None,
                });
                Mark::Standalone(n)
            }
        };
        out.push(mark.char());
    }
    Some((out, codes))
}

/// A target's text with the markers of the codes its source has too (the same XML),
/// others left out.
fn target_text(pieces: &[Piece], text: &str, source: &[InlineCode]) -> Option<String> {
    let (own, codes) = build(pieces, text)?;
    let same = |code: &InlineCode| source.iter().position(|s| s == code);
    let mapped: String = own
        .chars()
        .filter_map(|c| match Mark::of(c) {
            None => Some(c),
            Some(mark) => {
                let n = same(&codes[usize::from(mark.number())])?;
                let n = u16::try_from(n).ok()?;
                Some(
                    match mark {
                        Mark::Open(_) => Mark::Open(n),
                        Mark::Close(_) => Mark::Close(n),
                        Mark::Standalone(_) => Mark::Standalone(n),
                    }
                    .char(),
                )
            }
        })
        .collect();
    Some(mapped)
}

struct Parser<'t> {
    text: &'t str,
    xml: Reader<&'t [u8]>,
    limits: Limits,
    checks: XmlLimits,
    version: String,
    src: Option<LanguageTag>,
    tgt: Option<LanguageTag>,
    segments: Vec<XliffSegment>,
    layout: Layout,
    /// Units met so far.
    units: u32,
    /// The extent of the last event read.
    last: Range<usize>,
    /// Elements read inside contents so far, to key paired elements.
    nodes: usize,
}

/// Inline elements whose content is native code, not text, written whole.
const NATIVE: [&[u8]; 11] = [
    b"ph", b"bpt", b"ept", b"it", b"x", b"bx", b"ex", b"sc", b"ec", b"sm", b"em",
];

/// The name's prefix with its colon (`xlf:` of `xlf:unit`), or nothing.
fn prefix_of(e: &BytesStart) -> String {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    match name.split_once(':') {
        Some((p, _)) => format!("{p}:"),
        None => String::new(),
    }
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, limits: &Limits) -> Self {
        let mut xml = Reader::from_str(text);
        xml.config_mut().expand_empty_elements = true;
        Self {
            text,
            xml,
            limits: *limits,
            checks: XmlLimits::new(limits),
            version: String::new(),
            src: None,
            tgt: None,
            segments: Vec::new(),
            layout: Layout::default(),
            units: 0,
            last: 0..0,
            nodes: 0,
        }
    }

    fn file(&mut self) -> Result<XliffFile, XliffError> {
        let mut seen_root = false;
        // Elements open around the current event (the root, `file`, `group`, …); units
        // consume their own content. Once the root has closed, nothing but comments and
        // white space may follow: segments after it (or in a second root) would be read
        // as part of a document the file does not describe.
        let mut depth = 0usize;
        // The depth of the outermost file or group marked translate="no" around the
        // current event: nothing inside is translated.
        let mut untranslated: Option<usize> = None;
        loop {
            match self.event()? {
                Event::Start(e) if seen_root && depth == 0 => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(self.malformed(&format!(
                        "<{name}> after </xliff>: an XLIFF file has one root element"
                    )));
                }
                Event::Text(t)
                    if seen_root && depth == 0 && !t.iter().all(u8::is_ascii_whitespace) =>
                {
                    return Err(self.malformed("text after </xliff>"));
                }
                Event::CData(_) if seen_root && depth == 0 => {
                    return Err(self.malformed("text after </xliff>"));
                }
                Event::Start(e) if !seen_root => {
                    if e.local_name().as_ref() != b"xliff" {
                        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                        return Err(XliffError::NotXliff(format!(
                            "the root element is <{name}>"
                        )));
                    }
                    seen_root = true;
                    depth = 1;
                    self.version = self.attribute(&e, "version")?.unwrap_or_default();
                    self.languages(&e, "srcLang", "trgLang")?;
                    if !self.version.starts_with('1') && self.attribute(&e, "trgLang")?.is_none() {
                        self.language_slot("trgLang");
                    }
                }
                Event::Start(e) => match e.local_name().as_ref() {
                    b"trans-unit" | b"unit" if untranslated.is_some() => {
                        self.skip()?;
                        self.units += 1;
                    }
                    b"trans-unit" => {
                        self.trans_unit(&e)?;
                        self.units += 1;
                    }
                    b"unit" => {
                        self.unit(&e)?;
                        self.units += 1;
                    }
                    name => {
                        if name == b"file" {
                            self.languages(&e, "source-language", "target-language")?;
                            if self.version.starts_with('1')
                                && self.attribute(&e, "target-language")?.is_none()
                            {
                                self.language_slot("target-language");
                            }
                        }
                        depth += 1;
                        if matches!(name, b"file" | b"group")
                            && untranslated.is_none()
                            && self.attribute(&e, "translate")?.as_deref() == Some("no")
                        {
                            untranslated = Some(depth);
                        }
                    }
                },
                Event::End(_) => {
                    if untranslated == Some(depth) {
                        untranslated = None;
                    }
                    depth -= 1;
                }
                Event::DocType(d) if super::declares_entities(&d) => {
                    return Err(XliffError::EntityDeclaration { line: self.line() });
                }
                Event::Eof if !seen_root => {
                    return Err(XliffError::NotXliff("no <xliff> element".into()));
                }
                Event::Eof if depth > 0 => {
                    return Err(self.malformed("the file ends before </xliff>"));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let src = self.src.take().ok_or_else(|| {
            XliffError::NotXliff("no source language (srcLang or source-language)".into())
        })?;
        Ok(XliffFile {
            version: std::mem::take(&mut self.version),
            src,
            tgt: self.tgt.take(),
            segments: std::mem::take(&mut self.segments),
            layout: std::mem::take(&mut self.layout),
        })
    }

    /// Where an attribute goes in the start tag just read: before its `>` or `/>`.
    fn language_slot(&mut self, name: &'static str) {
        let tag = &self.text[self.last.clone()];
        let end = self.last.end - if tag.ends_with("/>") { 2 } else { 1 };
        self.layout.language_slots.push((end, name));
    }

    /// Take the languages from the first element that names them.
    fn languages(&mut self, e: &BytesStart, src: &str, tgt: &str) -> Result<(), XliffError> {
        if self.src.is_none() {
            self.src = self.language(e, src)?;
        }
        if self.tgt.is_none() {
            self.tgt = self.language(e, tgt)?;
        }
        Ok(())
    }

    fn language(&self, e: &BytesStart, name: &str) -> Result<Option<LanguageTag>, XliffError> {
        match self.attribute(e, name)? {
            None => Ok(None),
            Some(tag) => LanguageTag::parse(&tag)
                .map(Some)
                .map_err(|_| XliffError::BadLanguage {
                    line: self.line(),
                    tag,
                }),
        }
    }

    /// An XLIFF 2 `unit`: its `segment`s in order.
    fn unit(&mut self, e: &BytesStart) -> Result<(), XliffError> {
        if self.attribute(e, "translate")?.as_deref() == Some("no") {
            return self.skip();
        }
        let unit_id = self.attribute(e, "id")?.unwrap_or_default();
        let prefix = prefix_of(e);
        let tag_end = self.last.end;
        let mut matches_end = None;
        let mut indent = String::new();
        let mut found = Vec::new();
        loop {
            match self.event()? {
                Event::Start(s) if s.local_name().as_ref() == b"segment" => {
                    let tag = self.last.clone();
                    let id = self.attribute(&s, "id")?;
                    let (source, target, space) = self.source_and_target()?;
                    if indent.is_empty() {
                        indent = space;
                    }
                    found.push((id, tag, source, target));
                }
                Event::Start(s) if s.local_name().as_ref() == b"matches" => {
                    self.skip()?;
                    if !self.last.is_empty() {
                        matches_end = Some(self.last.start);
                    }
                }
                Event::Start(_) => self.skip()?,
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <unit>")),
                _ => {}
            }
        }
        let several = found.len() > 1;
        let first = self.segments.len();
        let mut layouts = Vec::with_capacity(found.len());
        for (n, (id, tag, source, target)) in found.into_iter().enumerate() {
            let full_id = match &id {
                Some(id) if several => format!("{unit_id}/{id}"),
                None if several => format!("{unit_id}/{}", n + 1),
                _ => unit_id.clone(),
            };
            let source_slot = source.slot.clone().expect("a source read whole");
            let target_slot = target.as_ref().and_then(|t| t.slot.clone());
            self.push(
                full_id,
                &source.pieces,
                source_slot.content.clone(),
                target.as_ref().map(|t| t.pieces.as_slice()),
            )?;
            layouts.push(SegmentLayout {
                tag,
                id,
                after_source: source_slot.element.end,
                target: target_slot,
            });
        }
        self.layout.units.push(UnitLayout {
            segments: first..self.segments.len(),
            prefix,
            indent,
            kind: UnitKind::V2 {
                tag_end,
                matches_end,
                segments: layouts,
            },
        });
        Ok(())
    }

    /// An XLIFF 1.2 `trans-unit`: one segment, or the `seg-source`'s marked segments.
    fn trans_unit(&mut self, e: &BytesStart) -> Result<(), XliffError> {
        let skip = self.attribute(e, "translate")?.as_deref() == Some("no");
        let unit_id = self.attribute(e, "id")?.unwrap_or_default();
        let prefix = prefix_of(e);
        let (mut source, mut target, mut seg_source) = (None, None, None);
        let mut gap = String::new();
        let mut indent = String::new();
        loop {
            match self.event()? {
                Event::Start(s) => match s.local_name().as_ref() {
                    b"source" if source.is_none() => {
                        indent = std::mem::take(&mut gap);
                        source = Some(self.content()?);
                    }
                    b"target" if target.is_none() => target = Some(self.content()?),
                    b"seg-source" if seg_source.is_none() => seg_source = Some(self.content()?),
                    _ => self.skip()?,
                },
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {
                    gap = String::from_utf8_lossy(&t).into_owned();
                }
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <trans-unit>")),
                _ => {}
            }
        }
        if skip {
            return Ok(());
        }
        let source = source.ok_or_else(|| self.malformed("a <trans-unit> without <source>"))?;
        let source_slot = source.slot.clone().expect("a source read whole");
        let seg_slot = seg_source.as_ref().and_then(|s| s.slot.clone());
        let after_source = seg_slot.as_ref().map_or(source_slot.element.end, |s| {
            s.element.end.max(source_slot.element.end)
        });
        let target_slot = target.as_ref().and_then(|t| t.slot.clone());
        let blank_target = target.as_ref().is_none_or(|t| {
            t.pieces
                .iter()
                .all(|p| matches!(p, Piece::Text(s) if s.trim().is_empty()))
        });
        let first = self.segments.len();
        let marked = seg_source.as_ref().map(Content::marked).unwrap_or_default();
        let marks = match (marked.is_empty(), seg_source, seg_slot) {
            (false, Some(seg_source), Some(seg_slot)) => {
                let target_marks = target.as_ref().map(Content::marked).unwrap_or_default();
                let mut targets = Vec::with_capacity(marked.len());
                let mut marks = Vec::with_capacity(marked.len());
                for (mid, slot, inside) in marked {
                    let in_target = target_marks.iter().find(|(m, ..)| *m == mid);
                    let pieces = target
                        .as_ref()
                        .zip(in_target)
                        .map(|(t, (_, _, range))| &t.pieces[range.clone()]);
                    self.push(
                        format!("{unit_id}/{mid}"),
                        &seg_source.pieces[inside],
                        slot.content.clone(),
                        pieces,
                    )?;
                    targets.push(in_target.map(|(_, s, _)| s.clone()));
                    marks.push((mid, slot.content));
                }
                Some(MarkedLayout {
                    content: seg_slot.content,
                    marks,
                    targets,
                })
            }
            _ => {
                self.push(
                    unit_id,
                    &source.pieces,
                    source_slot.content.clone(),
                    target.as_ref().map(|t| t.pieces.as_slice()),
                )?;
                None
            }
        };
        self.layout.units.push(UnitLayout {
            segments: first..self.segments.len(),
            prefix,
            indent,
            kind: UnitKind::V1 {
                after_source,
                target: target_slot,
                blank_target,
                marks,
            },
        });
        Ok(())
    }

    fn push(
        &mut self,
        id: String,
        source: &[Piece],
        span: Range<usize>,
        target: Option<&[Piece]>,
    ) -> Result<(), XliffError> {
        let too_many = |p: &Self| XliffError::TooManyCodes {
            line: p.line(),
            id: id.clone(),
        };
        let (source, codes) = build(source, self.text).ok_or_else(|| too_many(self))?;
        let target = match target {
            Some(pieces) => {
                Some(target_text(pieces, self.text, &codes).ok_or_else(|| too_many(self))?)
            }
            None => None,
        };
        let target = target.filter(|t| !crate::inline::strip(t).trim().is_empty());
        self.segments.push(XliffSegment {
            id,
            unit: self.units,
            source,
            target,
            codes,
            span,
        });
        Ok(())
    }

    /// The `source` and optional `target` of an XLIFF 2 `segment`, and the white space
    /// before the source.
    fn source_and_target(&mut self) -> Result<(Content, Option<Content>, String), XliffError> {
        let (mut source, mut target) = (None, None);
        let mut gap = String::new();
        let mut indent = String::new();
        loop {
            match self.event()? {
                Event::Start(s) => match s.local_name().as_ref() {
                    b"source" if source.is_none() => {
                        indent = std::mem::take(&mut gap);
                        source = Some(self.content()?);
                    }
                    b"target" if target.is_none() => target = Some(self.content()?),
                    _ => self.skip()?,
                },
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {
                    gap = String::from_utf8_lossy(&t).into_owned();
                }
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <segment>")),
                _ => {}
            }
        }
        let source = source.ok_or_else(|| self.malformed("a <segment> without <source>"))?;
        Ok((source, target, indent))
    }

    /// The content of the element whose start tag was just read, up to its end: text,
    /// inline codes and `mrk mtype="seg"` boundaries, with where each is in the file.
    fn content(&mut self) -> Result<Content, XliffError> {
        let tag = self.last.clone();
        let mut content = Content::default();
        // Open elements inside: what each is and where it starts; and how many native
        // codes are open, so that each event is classified in constant time (scanning
        // made 100,000 nested <g> take seconds).
        let mut open: Vec<Open> = Vec::new();
        let mut native_open = 0usize;
        let mut text_len = 0usize;
        loop {
            let in_native = native_open > 0;
            if let Err(exceeded) = self.limits.check(Limit::SegmentBytes, text_len as u64) {
                return Err(XliffError::Limit {
                    line: self.line(),
                    exceeded,
                });
            }
            match self.event()? {
                Event::Start(e) => {
                    let at = self.last.clone();
                    if in_native {
                        open.push(Open::Inside);
                        continue;
                    }
                    let name = e.local_name();
                    let name = name.as_ref();
                    if name == b"mrk" && self.attribute(&e, "mtype")?.as_deref() == Some("seg") {
                        let mid = self.attribute(&e, "mid")?.unwrap_or_default();
                        content.pieces.push(Piece::SegStart { mid, tag: at });
                        open.push(Open::Seg);
                    } else if name == b"cp" {
                        let hex = self.attribute(&e, "hex")?.unwrap_or_default();
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        if let Some(c) = c {
                            text_len += c.len_utf8();
                            content.pieces.push(Piece::Text(c.to_string()));
                        }
                        open.push(Open::Cp);
                        native_open += 1;
                    } else if NATIVE.contains(&name) {
                        let key = match name {
                            b"bpt" | b"ept" => self
                                .attribute(&e, "rid")?
                                .or(self.attribute(&e, "id")?)
                                .map(|id| Key::Named('p', id)),
                            b"sc" | b"sm" => self
                                .attribute(&e, "id")?
                                .map(|id| Key::Named(if name == b"sc" { 's' } else { 'm' }, id)),
                            b"ec" | b"em" => self
                                .attribute(&e, "startRef")?
                                .map(|id| Key::Named(if name == b"ec" { 's' } else { 'm' }, id)),
                            // 1.2's begin and end of a paired code, linked by `rid`.
                            b"bx" | b"ex" => {
                                self.attribute(&e, "rid")?.map(|id| Key::Named('b', id))
                            }
                            _ => None,
                        };
                        let role = match (name, &key) {
                            (_, None) => Role::Lone,
                            (b"bpt" | b"sc" | b"sm" | b"bx", _) => Role::Open,
                            _ => Role::Close,
                        };
                        open.push(Open::Native {
                            start: at.start,
                            role,
                            key,
                        });
                        native_open += 1;
                    } else {
                        // A paired element whose content is text: `g`, `pc`, a `mrk`
                        // that is no segment, another tool's element.
                        self.nodes += 1;
                        content.pieces.push(Piece::Code {
                            role: Role::Open,
                            key: Key::Node(self.nodes),
                            raw: at,
                        });
                        open.push(Open::Node {
                            piece: content.pieces.len() - 1,
                        });
                    }
                }
                Event::End(_) => {
                    let at = self.last.clone();
                    match open.pop() {
                        None => {
                            // An element written `<x/>` has an end of no width.
                            let slot = if at.is_empty() {
                                Slot {
                                    element: tag.clone(),
                                    content: tag.end..tag.end,
                                    tag,
                                }
                            } else {
                                Slot {
                                    element: tag.start..at.end,
                                    content: tag.end..at.start,
                                    tag,
                                }
                            };
                            content.slot = Some(slot);
                            return Ok(content);
                        }
                        Some(Open::Inside) => {}
                        Some(Open::Cp) => native_open -= 1,
                        Some(Open::Seg) => content.pieces.push(Piece::SegEnd {
                            content_end: at.start,
                            element_end: at.end,
                        }),
                        Some(Open::Native { start, role, key }) => {
                            native_open -= 1;
                            let (role, key) = match key {
                                Some(key) => (role, key),
                                None => (Role::Lone, Key::Node(0)),
                            };
                            content.pieces.push(Piece::Code {
                                role,
                                key,
                                raw: start..at.end,
                            });
                        }
                        Some(Open::Node { piece }) => {
                            if at.is_empty() {
                                // `<g id="1"/>`: nothing inside, a standalone code.
                                if let Piece::Code { role, .. } = &mut content.pieces[piece] {
                                    *role = Role::Lone;
                                }
                            } else {
                                let Piece::Code { key, .. } = &content.pieces[piece] else {
                                    unreachable!("a node's piece is a code");
                                };
                                let key = key.clone();
                                content.pieces.push(Piece::Code {
                                    role: Role::Close,
                                    key,
                                    raw: at,
                                });
                            }
                        }
                    }
                }
                Event::Text(t) if !in_native => match t.unescape() {
                    Ok(s) => {
                        text_len += s.len();
                        content.pieces.push(Piece::Text(s.into_owned()));
                    }
                    Err(e) => return Err(self.malformed(&e.to_string())),
                },
                Event::CData(c) if !in_native => {
                    let s = String::from_utf8_lossy(&c).into_owned();
                    text_len += s.len();
                    content.pieces.push(Piece::Text(s));
                }
                Event::Eof => return Err(self.malformed("the file ends inside a segment")),
                _ => {}
            }
        }
    }

    /// Skip past the end of the element just opened.
    fn skip(&mut self) -> Result<(), XliffError> {
        let mut depth = 0usize;
        loop {
            match self.event()? {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(()),
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.malformed("the file ends inside an element")),
                _ => {}
            }
        }
    }

    /// The next event, checked against the element limits; its extent is kept.
    fn event(&mut self) -> Result<Event<'t>, XliffError> {
        let start = self.position();
        let event = self.xml.read_event().map_err(|e| XliffError::Malformed {
            line: self.line_at(self.xml.error_position()),
            message: e.to_string(),
        })?;
        self.last = start..self.position();
        self.checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => XliffError::Limit {
                line: self.line(),
                exceeded,
            },
            XmlFault::Malformed(message) => self.malformed(&message),
        })?;
        Ok(event)
    }

    fn position(&self) -> usize {
        usize::try_from(self.xml.buffer_position())
            .unwrap_or(usize::MAX)
            .min(self.text.len())
    }

    fn attribute(&self, e: &BytesStart, name: &str) -> Result<Option<String>, XliffError> {
        for attribute in self.checks.attributes(e) {
            let attribute = attribute.map_err(|e| self.malformed(&e.to_string()))?;
            if attribute.key.local_name().as_ref() == name.as_bytes() {
                let value = attribute
                    .unescape_value()
                    .map_err(|e| self.malformed(&e.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn line(&self) -> usize {
        self.line_at(self.xml.buffer_position())
    }

    fn line_at(&self, position: u64) -> usize {
        let end = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        line_of(self.text, end)
    }

    fn malformed(&self, message: &str) -> XliffError {
        XliffError::Malformed {
            line: self.line(),
            message: message.to_string(),
        }
    }
}

/// The 1-based line of byte `at` of `text`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// An element open inside a `source` or `target`.
enum Open {
    /// Inside a native code: nothing in it is text.
    Inside,
    /// A `cp`, whose character was taken.
    Cp,
    /// A `mrk mtype="seg"`.
    Seg,
    /// A native code (`ph`, `bpt`, `x`, …) starting at `start`.
    Native {
        start: usize,
        role: Role,
        key: Option<Key>,
    },
    /// A paired element whose content is text; its open code is `piece`.
    Node { piece: usize },
}

#[cfg(test)]
mod tests;
