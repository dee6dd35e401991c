//! Reading TMX 1.1–1.4b, one translation unit at a time.
//!
//! [`TmxReader`] streams: it holds one `tu` in memory, never the file. What it keeps:
//! the header's attributes; per `tu` its dates, authors, usage and other attributes,
//! `prop`s and `note`s; per `tuv` the language (`xml:lang`, or `lang` in older files), its
//! `prop`s and `note`s, and the `seg`: its plain text (what the translator reads:
//! the content of `bpt`, `ept`, `ph`, `it` and `ut`, which is native code, left out),
//! the names of its inline elements, and its markup verbatim for export.
//!
//! A unit the memory cannot hold (fewer than two languages, a bad language tag, an
//! element TMX does not allow) is *rejected*, with its line, and reading goes on; XML
//! that is not well-formed stops the reading with an error naming the line. A DTD is
//! never fetched, and a document declaring entities is refused outright, so an entity
//! expansion bomb ("billion laughs") never expands. A file beyond the [`Limits`]
//! (elements nested too deep, too many attributes, a segment, note or run of text too
//! long) stops the reading too: see [`TmxError::Limit`].

use std::io::{BufReader, Read};

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use super::tmx_source::TmxSource;
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limits, XmlFault, XmlLimits};
use crate::tm::{TranslationUnit, UnitMetadata, Variant};

/// The `prop` types Dragoman writes for its own metadata, read back into fields.
pub mod props {
    /// The unit's origin.
    pub const ORIGIN: &str = "x-origin";
    /// The document the unit was made in.
    pub const DOCUMENT: &str = "x-document";
    /// The client.
    pub const CLIENT: &str = "x-client";
    /// The subject domain.
    pub const DOMAIN: &str = "x-domain";
    /// The project.
    pub const PROJECT: &str = "x-project";
    /// A variant's previous segment (context).
    pub const CONTEXT_PREV: &str = "x-context-prev";
    /// A variant's next segment (context).
    pub const CONTEXT_NEXT: &str = "x-context-next";
    /// Prefix of props that stand for `tu`/`tuv` attributes Dragoman has no field for
    /// (`tuid`, `datatype`, …), so they are written back as attributes.
    pub const ATTRIBUTE: &str = "attr:";
}

/// Why a TMX file could not be read.
#[derive(Debug, Error)]
pub enum TmxError {
    /// The file is not well-formed XML (a tag not closed, a stray `<`, an unknown
    /// entity, the file cut short).
    #[error("line {line}: malformed TMX: {message}")]
    MalformedTmx {
        /// 1-based line where the problem was found.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed XML, but not a TMX document (another root element, no `body`).
    #[error("line {line}: not a TMX file: {message}")]
    NotTmx {
        /// 1-based line.
        line: usize,
        /// What was found instead.
        message: String,
    },
    /// The document type declares entities, which TMX never needs and which can expand
    /// into gigabytes (the "billion laughs" attack).
    #[error("line {line}: the file declares XML entities; refused for safety")]
    EntityDeclaration {
        /// 1-based line where the document type declaration ends.
        line: usize,
    },
    /// The file goes beyond one of the [`Limits`]; nothing of it is kept.
    #[error("line {line}: {exceeded}")]
    Limit {
        /// 1-based line where the limit was reached.
        line: usize,
        /// The limit.
        exceeded: Exceeded,
    },
    /// Bytes that are not valid UTF-8 or UTF-16.
    #[error("line {line}: {message}")]
    InvalidEncoding {
        /// 1-based line (in the decoded text) where decoding failed.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// The TMX `header`: its attributes, `prop`s and `note`s as written, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TmxFileHeader {
    /// `(name, value)` of each attribute (`creationtool`, `srclang`, …).
    pub attributes: Vec<(String, String)>,
    /// `(type, text)` of each `prop` (memoQ and Trados keep their settings here).
    pub props: Vec<(String, String)>,
    /// The text of each `note`.
    pub notes: Vec<String>,
}

impl TmxFileHeader {
    /// The value of attribute `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The source language, or `None` for `*all*` (or none given).
    pub fn srclang(&self) -> Option<LanguageTag> {
        self.get("srclang").and_then(|s| LanguageTag::parse(s).ok())
    }
}

/// One `tu` as read: the unit, or why it was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadUnit {
    /// 1-based line of the `<tu>` tag.
    pub line: usize,
    /// The unit, or the reason it cannot be stored.
    pub unit: Result<TranslationUnit, String>,
}

/// Reads a TMX file's units one by one.
pub struct TmxReader<R: Read> {
    xml: Reader<BufReader<TmxSource<R>>>,
    buf: Vec<u8>,
    limits: Limits,
    checks: XmlLimits,
    header: TmxFileHeader,
    origin: String,
    now: Timestamp,
    finished: bool,
}

/// What a `seg` holds.
struct SegContent {
    /// The plain text, native code left out.
    text: String,
    /// The content verbatim, when it has inline elements.
    markup: Option<String>,
    /// The inline elements' names, in order.
    tags: Vec<String>,
}

/// The inline elements of TMX 1.4b; `ut` is deprecated but still written.
const INLINE: [&[u8]; 7] = [b"bpt", b"ept", b"ph", b"it", b"ut", b"hi", b"sub"];
/// Inline elements whose content is native code, not text.
const CODE: [&[u8]; 5] = [b"bpt", b"ept", b"ph", b"it", b"ut"];

impl<R: Read> TmxReader<R> {
    /// Read up to the start of `body`. Units get origin `origin` unless they say
    /// otherwise, and `now` for missing dates; the file is read within `limits`.
    pub fn new(
        read: R,
        origin: impl Into<String>,
        now: Timestamp,
        limits: &Limits,
    ) -> Result<Self, TmxError> {
        let source = TmxSource::new(read, limits)?;
        let mut xml = Reader::from_reader(BufReader::new(source));
        xml.config_mut().expand_empty_elements = true;
        let mut reader = Self {
            xml,
            buf: Vec::new(),
            limits: *limits,
            checks: XmlLimits::new(limits),
            header: TmxFileHeader::default(),
            origin: origin.into(),
            now,
            finished: false,
        };
        let mut seen_root = false;
        loop {
            match reader.event()? {
                Event::Start(e) if !seen_root => {
                    if e.local_name().as_ref() != b"tmx" {
                        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                        return Err(reader.not_tmx(format!("the root element is <{name}>")));
                    }
                    seen_root = true;
                }
                Event::Start(e) if e.local_name().as_ref() == b"header" => {
                    reader.header.attributes = reader.attributes(&e)?;
                    reader.header_content()?;
                }
                Event::Start(e) if e.local_name().as_ref() == b"body" => return Ok(reader),
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    reader.skip(&name)?;
                }
                Event::DocType(d) if super::declares_entities(&d) => {
                    return Err(TmxError::EntityDeclaration {
                        line: reader.line(),
                    });
                }
                Event::Eof => return Err(reader.not_tmx("no <body>".into())),
                _ => {}
            }
        }
    }

    /// The file's header.
    pub fn header(&self) -> &TmxFileHeader {
        &self.header
    }

    /// The next unit, or `None` after the last.
    pub fn next_unit(&mut self) -> Result<Option<ReadUnit>, TmxError> {
        while !self.finished {
            match self.event()? {
                Event::Start(e) if e.local_name().as_ref() == b"tu" => {
                    let line = self.line();
                    let attributes = self.attributes(&e)?;
                    let unit = self.unit(attributes)?;
                    return Ok(Some(ReadUnit { line, unit }));
                }
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    self.skip(&name)?;
                }
                Event::End(_) => {
                    self.finished = true;
                    self.after_body()?;
                }
                Event::Eof => return Err(self.malformed("the file ends before </body>".into())),
                _ => {}
            }
        }
        Ok(None)
    }

    /// Past `</body>`: only `</tmx>` may follow, then nothing but comments and white
    /// space. A unit anywhere else (after `</tmx>`, in a second `<body>` or a second
    /// root) is not part of the memory the file describes, and reading on quietly would
    /// import a part of it and call that success: the file is refused instead.
    fn after_body(&mut self) -> Result<(), TmxError> {
        let mut in_root = true;
        loop {
            let place = if in_root { "</body>" } else { "</tmx>" };
            match self.event()? {
                Event::End(_) if in_root => in_root = false,
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(self.malformed(format!(
                        "<{name}> after {place}: a TMX file has one <body> in one <tmx>"
                    )));
                }
                Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                    return Err(self.malformed(format!("text after {place}")));
                }
                Event::CData(_) => return Err(self.malformed(format!("text after {place}"))),
                Event::Eof if in_root => {
                    return Err(self.malformed("the file ends before </tmx>".into()));
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The `prop`s and `note`s of the header, up to `</header>`; `ude` (user-defined
    /// encodings) is skipped.
    fn header_content(&mut self) -> Result<(), TmxError> {
        loop {
            match self.event()? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"prop" => {
                        let kind = self.attribute(&e, b"type")?.unwrap_or_default();
                        let value = self.text_until(b"prop")?;
                        self.header.props.push((kind, value));
                    }
                    b"note" => {
                        let note = self.text_until(b"note")?;
                        self.header.notes.push(note);
                    }
                    name => {
                        let name = name.to_vec();
                        self.skip(&name)?;
                    }
                },
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.malformed("the file ends in <header>".into())),
                _ => {}
            }
        }
    }

    fn unit(
        &mut self,
        attributes: Vec<(String, String)>,
    ) -> Result<Result<TranslationUnit, String>, TmxError> {
        let mut meta = UnitMetadata::new(self.origin.clone(), self.now);
        let mut rejection = None;
        let mut created = None;
        let mut changed = None;
        for (name, value) in attributes {
            match name.as_str() {
                "creationdate" => created = Timestamp::parse_tmx(&value),
                "changedate" => changed = Timestamp::parse_tmx(&value),
                "lastusagedate" => meta.last_used_at = Timestamp::parse_tmx(&value),
                "creationid" => meta.created_by = Some(value),
                "changeid" => meta.changed_by = Some(value),
                "usagecount" => meta.use_count = value.trim().parse().unwrap_or(0),
                _ => meta
                    .props
                    .push((format!("{}{name}", props::ATTRIBUTE), value)),
            }
        }
        meta.created_at = created.or(changed).unwrap_or(self.now);
        meta.changed_at = changed.unwrap_or(meta.created_at);
        let mut variants: Vec<Variant> = Vec::new();
        loop {
            match self.event()? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"prop" => {
                        let kind = self.attribute(&e, b"type")?.unwrap_or_default();
                        let value = self.text_until(b"prop")?;
                        match kind.as_str() {
                            props::ORIGIN => meta.origin = value,
                            props::DOCUMENT => meta.document = Some(value),
                            props::CLIENT => meta.client = Some(value),
                            props::DOMAIN => meta.domain = Some(value),
                            props::PROJECT => meta.project = Some(value),
                            _ => meta.props.push((kind, value)),
                        }
                    }
                    b"note" => meta.notes.push(self.text_until(b"note")?),
                    b"tuv" => {
                        let attributes = self.attributes(&e)?;
                        match self.variant(attributes)? {
                            Ok(Some(v)) if variants.iter().any(|o| o.lang == v.lang) => {
                                rejection.get_or_insert(format!("two variants in {}", v.lang));
                            }
                            Ok(Some(v)) => variants.push(v),
                            Ok(None) => {}
                            Err(why) => {
                                rejection.get_or_insert(why);
                            }
                        }
                    }
                    other => {
                        let name = String::from_utf8_lossy(other).into_owned();
                        rejection.get_or_insert(format!("<{name}> is not allowed in <tu>"));
                        self.skip(name.as_bytes())?;
                    }
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <tu>".into())),
                _ => {}
            }
        }
        if let Some(why) = rejection {
            return Ok(Err(why));
        }
        if variants.len() < 2 {
            return Ok(Err(format!(
                "a unit needs text in two or more languages, this one has {}",
                variants.len()
            )));
        }
        Ok(Ok(TranslationUnit { variants, meta }))
    }

    /// One `tuv`: `Ok(None)` when its segment is empty (an untranslated variant).
    fn variant(
        &mut self,
        attributes: Vec<(String, String)>,
    ) -> Result<Result<Option<Variant>, String>, TmxError> {
        let mut lang = None;
        let mut extra = Vec::new();
        for (name, value) in attributes {
            match name.as_str() {
                "xml:lang" | "lang" => lang = Some(value),
                _ => extra.push((format!("{}{name}", props::ATTRIBUTE), value)),
            }
        }
        let mut segment: Option<SegContent> = None;
        let mut rejection = None;
        let (mut notes, mut tuv_props) = (Vec::new(), extra);
        let (mut prev, mut next) = (None, None);
        loop {
            match self.event()? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"prop" => {
                        let kind = self.attribute(&e, b"type")?.unwrap_or_default();
                        let value = self.text_until(b"prop")?;
                        match kind.as_str() {
                            props::CONTEXT_PREV => prev = Some(value),
                            props::CONTEXT_NEXT => next = Some(value),
                            _ => tuv_props.push((kind, value)),
                        }
                    }
                    b"note" => notes.push(self.text_until(b"note")?),
                    b"seg" => match self.segment()? {
                        Ok(seg) => segment = Some(seg),
                        Err(why) => {
                            rejection.get_or_insert(why);
                        }
                    },
                    other => {
                        let name = String::from_utf8_lossy(other).into_owned();
                        rejection.get_or_insert(format!("<{name}> is not allowed in <tuv>"));
                        self.skip(name.as_bytes())?;
                    }
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <tuv>".into())),
                _ => {}
            }
        }
        if let Some(why) = rejection {
            return Ok(Err(why));
        }
        let Some(lang) = lang else {
            return Ok(Err("a <tuv> without xml:lang".into()));
        };
        let lang = match LanguageTag::parse(&lang) {
            Ok(lang) => lang,
            Err(e) => return Ok(Err(e.to_string())),
        };
        let Some(SegContent { text, markup, tags }) = segment else {
            return Ok(Err(format!("the {lang} <tuv> has no <seg>")));
        };
        if text.trim().is_empty() && markup.is_none() {
            return Ok(Ok(None));
        }
        Ok(Ok(Some(Variant {
            lang,
            text,
            markup,
            tags,
            prev_segment: prev,
            next_segment: next,
            notes,
            props: tuv_props,
        })))
    }

    /// A `seg`'s plain text, its markup if it has inline elements, and their names.
    fn segment(&mut self) -> Result<Result<SegContent, String>, TmxError> {
        let mut text = String::new();
        let mut markup = Writer::new(Vec::new());
        let mut tags = Vec::new();
        // Per element open inside the segment, whether it holds native code; and how
        // many of those are open, so that each event is classified in constant time
        // (scanning the open elements made 100,000 nested <hi> take seconds).
        let mut open: Vec<bool> = Vec::new();
        let mut code_open = 0usize;
        let mut rejection = None;
        loop {
            let event = self.event()?;
            let in_code = code_open > 0;
            match &event {
                Event::Start(e) => {
                    let name = e.local_name();
                    let name = name.as_ref();
                    if !INLINE.contains(&name) {
                        let shown = String::from_utf8_lossy(name).into_owned();
                        rejection.get_or_insert(format!("<{shown}> is not allowed in <seg>"));
                    }
                    tags.push(String::from_utf8_lossy(name).into_owned());
                    let code = CODE.contains(&name);
                    code_open += usize::from(code);
                    open.push(code);
                }
                Event::End(_) => match open.pop() {
                    None => break,
                    Some(code) => code_open -= usize::from(code),
                },
                Event::Text(t) if !in_code => match t.unescape() {
                    Ok(s) => text.push_str(&s),
                    Err(e) => return Err(self.malformed(e.to_string())),
                },
                Event::CData(c) if !in_code => text.push_str(&String::from_utf8_lossy(c)),
                Event::Eof => return Err(self.malformed("the file ends inside <seg>".into())),
                _ => {}
            }
            markup.write_event(event)?;
            // The markup holds the text, escaped, so it is the longer of the two.
            self.within_segment_limit(markup.get_ref().len())?;
        }
        if let Some(why) = rejection {
            return Ok(Err(why));
        }
        // Text outside inline codes was checked as it was read; native code inside them
        // is kept as it came, so bytes that are not UTF-8 there end the file here.
        let markup = match (!tags.is_empty()).then(|| String::from_utf8(markup.into_inner())) {
            Some(Err(_)) => {
                return Err(self.malformed("a segment's inline code is not UTF-8 text".into()));
            }
            other => other.map(Result::unwrap_or_default),
        };
        Ok(Ok(SegContent { text, markup, tags }))
    }

    /// The text content of the element just opened, up to its end tag.
    fn text_until(&mut self, name: &[u8]) -> Result<String, TmxError> {
        let mut text = String::new();
        let mut depth = 0usize;
        loop {
            match self.event()? {
                Event::Text(t) => match t.unescape() {
                    Ok(s) => text.push_str(&s),
                    Err(e) => return Err(self.malformed(e.to_string())),
                },
                Event::CData(c) => text.push_str(&String::from_utf8_lossy(&c)),
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(text),
                Event::End(_) => depth -= 1,
                Event::Eof => {
                    let name = String::from_utf8_lossy(name).into_owned();
                    return Err(self.malformed(format!("the file ends inside <{name}>")));
                }
                _ => {}
            }
            self.within_segment_limit(text.len())?;
        }
    }

    /// Skip past the end of the element `name` just opened.
    fn skip(&mut self, name: &[u8]) -> Result<(), TmxError> {
        let mut depth = 0usize;
        loop {
            match self.event()? {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(()),
                Event::End(_) => depth -= 1,
                Event::Eof => {
                    let name = String::from_utf8_lossy(name).into_owned();
                    return Err(self.malformed(format!("the file ends inside <{name}>")));
                }
                _ => {}
            }
        }
    }

    /// A piece of text being collected, of `bytes` so far, is within the segment limit.
    fn within_segment_limit(&self, bytes: usize) -> Result<(), TmxError> {
        self.limits
            .check(crate::limits::Limit::SegmentBytes, bytes as u64)
            .map_err(|exceeded| TmxError::Limit {
                line: self.line(),
                exceeded,
            })
    }

    /// The next event, checked against the element limits and for characters XML
    /// cannot carry.
    fn event(&mut self) -> Result<Event<'static>, TmxError> {
        self.buf.clear();
        match self.xml.read_event_into(&mut self.buf) {
            Ok(event) => {
                let event = event.into_owned();
                self.checks.check(&event).map_err(|fault| match fault {
                    XmlFault::Exceeded(exceeded) => TmxError::Limit {
                        line: self.line(),
                        exceeded,
                    },
                    XmlFault::Malformed(message) => self.malformed(message),
                })?;
                self.refuse_forbidden_chars(&event)?;
                Ok(event)
            }
            Err(quick_xml::Error::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                let line = self.line();
                Err(match super::tmx_source::exceeded(&e) {
                    Some(exceeded) => TmxError::Limit { line, exceeded },
                    None => TmxError::InvalidEncoding {
                        line,
                        message: e.to_string(),
                    },
                })
            }
            Err(e) => {
                let line = self.line_at(self.xml.error_position());
                Err(TmxError::MalformedTmx {
                    line,
                    message: e.to_string(),
                })
            }
        }
    }

    /// The parser passes control characters through, raw or as references like `&#1;`;
    /// stored, they would make every export of the memory a file no XML parser reads.
    /// Both are outside XML 1.0, so the file is refused at the first.
    fn refuse_forbidden_chars(&self, event: &Event) -> Result<(), TmxError> {
        let first = |text: &str| crate::text::forbidden_xml_char(text).map(|(_, c)| c);
        let found = match event {
            // Text that does not unescape is reported where it is read.
            Event::Text(t) => t.unescape().ok().and_then(|s| first(&s)),
            Event::CData(c) => first(&String::from_utf8_lossy(c)),
            Event::Start(e) => self
                .checks
                .attributes(e)
                .flatten()
                .find_map(|a| a.unescape_value().ok().and_then(|v| first(&v))),
            _ => None,
        };
        match found {
            Some(c) => Err(self.malformed(format!(
                "U+{:04X} is a character XML 1.0 does not allow",
                c as u32
            ))),
            None => Ok(()),
        }
    }

    fn attributes(&self, e: &BytesStart) -> Result<Vec<(String, String)>, TmxError> {
        let mut out = Vec::new();
        for attribute in self.checks.attributes(e) {
            let attribute = attribute.map_err(|e| self.malformed(e.to_string()))?;
            let value = attribute
                .unescape_value()
                .map_err(|e| self.malformed(e.to_string()))?;
            let name = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
            out.push((name, value.into_owned()));
        }
        Ok(out)
    }

    fn attribute(&self, e: &BytesStart, name: &[u8]) -> Result<Option<String>, TmxError> {
        for attribute in self.checks.attributes(e) {
            let attribute = attribute.map_err(|e| self.malformed(e.to_string()))?;
            if attribute.key.as_ref() == name {
                let value = attribute
                    .unescape_value()
                    .map_err(|e| self.malformed(e.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// Events checked and attributes visited so far.
    #[cfg(test)]
    pub(crate) fn work(&self) -> u64 {
        self.checks.work()
    }

    fn line(&self) -> usize {
        self.line_at(self.xml.buffer_position())
    }

    fn line_at(&self, position: u64) -> usize {
        self.xml.get_ref().get_ref().line_of(position)
    }

    fn malformed(&self, message: String) -> TmxError {
        TmxError::MalformedTmx {
            line: self.line(),
            message,
        }
    }

    fn not_tmx(&self, message: String) -> TmxError {
        TmxError::NotTmx {
            line: self.line(),
            message,
        }
    }
}

#[cfg(test)]
mod tests;
