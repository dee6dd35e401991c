//! Reading XLIFF 1.2 and 2.x files that other tools wrote, as a document to translate:
//! its languages and its segments, each with the target it already has.
//!
//! Both versions nest segments in groups and files. XLIFF 2 puts each `segment` (with a
//! `source` and an optional `target`) in a `unit`. XLIFF 1.2 has one `trans-unit` per
//! paragraph or sentence; Trados and memoQ segment it further in a `seg-source`, whose
//! `mrk mtype="seg"` elements are the segments, their targets the `mrk`s with the same
//! `mid` in the `target`. Inline codes are left out of the text (`ph`, `bpt`, `ept`, `it`,
//! `x`, `bx`, `ex`, `sc`, `ec`: native formatting), while the text inside paired codes
//! (`g`, `pc`, `mrk`) is kept. Units marked `translate="no"` are skipped. As for TMX,
//! DTDs are never fetched and entity declarations are refused, and a file beyond the
//! [`Limits`] is refused ([`XliffError::Limit`]).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limits, XmlFault, XmlLimits};
use crate::text::{TextError, decode};

/// Why a file could not be read as XLIFF.
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
    /// The source text, inline codes left out.
    pub source: String,
    /// The target text, if the file has a non-empty one.
    pub target: Option<String>,
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
    /// The segments in document order.
    pub segments: Vec<XliffSegment>,
}

/// Read an XLIFF file's bytes (UTF-8, or UTF-16 with a BOM) within `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<XliffFile, XliffError> {
    let text = decode(bytes)?;
    Parser::new(&text, limits).file()
}

/// The text of a `source` or `target`, and its `mrk mtype="seg"` parts by `mid`.
#[derive(Default)]
struct Content {
    text: String,
    marked: Vec<(String, String)>,
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
    /// Units met so far.
    units: u32,
}

/// Inline elements whose content is native code, not text.
const CODE: [&[u8]; 4] = [b"ph", b"bpt", b"ept", b"it"];

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
            units: 0,
        }
    }

    fn file(&mut self) -> Result<XliffFile, XliffError> {
        let mut seen_root = false;
        // Elements open around the current event (the root, `file`, `group`, …); units
        // consume their own content. Once the root has closed, nothing but comments and
        // white space may follow: segments after it (or in a second root) would be read
        // as part of a document the file does not describe.
        let mut depth = 0usize;
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
                }
                Event::Start(e) => match e.local_name().as_ref() {
                    b"file" => {
                        self.languages(&e, "source-language", "target-language")?;
                        depth += 1;
                    }
                    b"unit" if self.attribute(&e, "translate")?.as_deref() == Some("no") => {
                        self.skip()?
                    }
                    b"trans-unit" => {
                        self.trans_unit(&e)?;
                        self.units += 1;
                    }
                    b"unit" => {
                        self.unit(&e)?;
                        self.units += 1;
                    }
                    _ => depth += 1,
                },
                Event::End(_) => depth -= 1,
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
        })
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
        let unit_id = self.attribute(e, "id")?.unwrap_or_default();
        let mut found = Vec::new();
        loop {
            match self.event()? {
                Event::Start(s) if s.local_name().as_ref() == b"segment" => {
                    let id = self.attribute(&s, "id")?;
                    let (source, target) = self.source_and_target()?;
                    found.push((id, source.text, target.map(|t| t.text)));
                }
                Event::Start(_) => self.skip()?,
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <unit>")),
                _ => {}
            }
        }
        let several = found.len() > 1;
        for (n, (id, source, target)) in found.into_iter().enumerate() {
            let id = match id {
                Some(id) if several => format!("{unit_id}/{id}"),
                None if several => format!("{unit_id}/{}", n + 1),
                _ => unit_id.clone(),
            };
            self.push(id, source, target);
        }
        Ok(())
    }

    /// An XLIFF 1.2 `trans-unit`: one segment, or the `seg-source`'s marked segments.
    fn trans_unit(&mut self, e: &BytesStart) -> Result<(), XliffError> {
        let skip = self.attribute(e, "translate")?.as_deref() == Some("no");
        let unit_id = self.attribute(e, "id")?.unwrap_or_default();
        let (mut source, mut target, mut seg_source) = (None, None, None);
        loop {
            match self.event()? {
                Event::Start(s) => match s.local_name().as_ref() {
                    b"source" => source = Some(self.content()?),
                    b"target" => target = Some(self.content()?),
                    b"seg-source" => seg_source = Some(self.content()?),
                    _ => self.skip()?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <trans-unit>")),
                _ => {}
            }
        }
        if skip {
            return Ok(());
        }
        match seg_source.filter(|s| !s.marked.is_empty()) {
            Some(marked) => {
                let targets = target.map(|t| t.marked).unwrap_or_default();
                for (mid, text) in marked.marked {
                    let target = targets
                        .iter()
                        .find(|(m, _)| *m == mid)
                        .map(|(_, t)| t.clone());
                    self.push(format!("{unit_id}/{mid}"), text, target);
                }
            }
            None => {
                let source =
                    source.ok_or_else(|| self.malformed("a <trans-unit> without <source>"))?;
                self.push(unit_id, source.text, target.map(|t| t.text));
            }
        }
        Ok(())
    }

    fn push(&mut self, id: String, source: String, target: Option<String>) {
        let target = target.filter(|t| !t.trim().is_empty());
        self.segments.push(XliffSegment {
            id,
            unit: self.units,
            source,
            target,
        });
    }

    /// The `source` and optional `target` of an XLIFF 2 `segment`.
    fn source_and_target(&mut self) -> Result<(Content, Option<Content>), XliffError> {
        let (mut source, mut target) = (None, None);
        loop {
            match self.event()? {
                Event::Start(s) => match s.local_name().as_ref() {
                    b"source" => source = Some(self.content()?),
                    b"target" => target = Some(self.content()?),
                    _ => self.skip()?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.malformed("the file ends inside <segment>")),
                _ => {}
            }
        }
        let source = source.ok_or_else(|| self.malformed("a <segment> without <source>"))?;
        Ok((source, target))
    }

    /// The text of the element just opened, up to its end: codes left out, the text of
    /// paired codes kept, `mrk mtype="seg"` parts recorded by `mid`.
    fn content(&mut self) -> Result<Content, XliffError> {
        let mut content = Content::default();
        // Open elements inside: whether each is native code, and where a marked
        // segment's text starts; and how many codes are open, so that each event is
        // classified in constant time (scanning made 100,000 nested <g> take seconds).
        let mut open: Vec<(bool, Option<(String, usize)>)> = Vec::new();
        let mut code_open = 0usize;
        loop {
            let in_code = code_open > 0;
            self.limits
                .check_text(&content.text)
                .map_err(|exceeded| XliffError::Limit {
                    line: self.line(),
                    exceeded,
                })?;
            match self.event()? {
                Event::Start(e) => {
                    let name = e.local_name();
                    let code = CODE.contains(&name.as_ref());
                    let seg = name.as_ref() == b"mrk"
                        && self.attribute(&e, "mtype")?.as_deref() == Some("seg");
                    let mark = match seg {
                        true => Some((
                            self.attribute(&e, "mid")?.unwrap_or_default(),
                            content.text.len(),
                        )),
                        false => None,
                    };
                    if name.as_ref() == b"cp" && !in_code {
                        let hex = self.attribute(&e, "hex")?.unwrap_or_default();
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        content.text.extend(c);
                    }
                    code_open += usize::from(code);
                    open.push((code, mark));
                }
                Event::End(_) => match open.pop() {
                    None => return Ok(content),
                    Some((code, mark)) => {
                        code_open -= usize::from(code);
                        if let Some((mid, start)) = mark {
                            let text = content.text[start..].to_string();
                            content.marked.push((mid, text));
                        }
                    }
                },
                Event::Text(t) if !in_code => match t.unescape() {
                    Ok(s) => content.text.push_str(&s),
                    Err(e) => return Err(self.malformed(&e.to_string())),
                },
                Event::CData(c) if !in_code => content.text.push_str(&String::from_utf8_lossy(&c)),
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

    /// The next event, checked against the element limits.
    fn event(&mut self) -> Result<Event<'t>, XliffError> {
        let event = self.xml.read_event().map_err(|e| XliffError::Malformed {
            line: self.line_at(self.xml.error_position()),
            message: e.to_string(),
        })?;
        self.checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => XliffError::Limit {
                line: self.line(),
                exceeded,
            },
            XmlFault::Malformed(message) => self.malformed(&message),
        })?;
        Ok(event)
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
        1 + self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }

    fn malformed(&self, message: &str) -> XliffError {
        XliffError::Malformed {
            line: self.line(),
            message: message.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
