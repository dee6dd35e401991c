//! DOCX: the text of the document's stories, paragraph by paragraph, and the runs it
//! came from.
//!
//! The stories are `word/document.xml`, then the footnotes, endnotes, headers, footers
//! and comments, each part's paragraphs after the body's in that order (headers and
//! footers by number), so a footnote never joins a body sentence. Only `w:t` elements
//! are text, with a tab, a break and a non-breaking hyphen as their characters;
//! `w:delText` (deleted revisions) and `w:instrText` (field codes) are not. A text box is
//! a paragraph nested in a run of another one: it becomes its own paragraph rather than
//! being spliced into the middle of a sentence. Its `mc:Fallback` copy (the VML shape
//! old Word versions draw) is read apart, paragraph for paragraph against the
//! `mc:Choice` it copies, so the text is read once and both copies are translated alike.
//!
//! Reading also records the runs (`w:r`) and what each holds, in a [`Flow`]: a segment's
//! inline codes (formatting that changes inside it, a footnote reference) come from it
//! ([`codes`]), and writing a translation back ([`write`]) rebuilds the runs the segment
//! covered from the translation's markers. Everything else is written again as read.

mod codes;
#[cfg(test)]
mod tests;
mod write;

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Paragraphs, SourceError};
use crate::limits::{Limits, XmlFault, XmlLimits};
use crate::package::{Package, PackageError};

pub(super) use codes::Flow;
pub(super) use write::translate;

const DOCUMENT: &str = "word/document.xml";

/// The text of a DOCX's stories, and the runs it came from.
pub(super) fn text(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(String, Flow), SourceError> {
    let (_, parts) = parts(name, bytes, limits)?;
    let read = Stories::read(name, &parts, limits)?;
    Ok((read.text, read.flow))
}

fn not_docx(name: &str, e: &dyn std::fmt::Display) -> SourceError {
    SourceError::NotDocx {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// The parts holding text, in the order their text is read: the document, footnotes,
/// endnotes, headers and footers by number, comments.
fn story_parts<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    let numbered = |name: &str, stem: &str| {
        let n = name.strip_prefix(stem)?.strip_suffix(".xml")?;
        n.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| n.parse::<u64>().unwrap_or(0))
    };
    let mut found: Vec<(u8, u64, String)> = names
        .filter_map(|full| {
            let name = full.strip_prefix("word/")?;
            let rank = match name {
                "document.xml" => (0, 0),
                "footnotes.xml" => (1, 0),
                "endnotes.xml" => (2, 0),
                "comments.xml" => (5, 0),
                _ => {
                    if let Some(n) = numbered(name, "header") {
                        (3, n)
                    } else {
                        (4, numbered(name, "footer")?)
                    }
                }
            };
            Some((rank.0, rank.1, full.to_string()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, name)| name).collect()
}

/// The archive and its story parts, read within `limits`: a part beyond them is refused,
/// never cut short (which once made a well-formed document of its first 256 MB and
/// wrote back one that was not).
fn parts<'b>(
    name: &str,
    bytes: &'b [u8],
    limits: &Limits,
) -> Result<(Package<'b>, Vec<(String, String)>), SourceError> {
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
    if !package.has(DOCUMENT) {
        return Err(fault(PackageError::Missing(DOCUMENT.to_string())));
    }
    let mut parts = Vec::new();
    for part in story_parts(package.names().iter().map(String::as_str)) {
        let xml = package.read(&part).map_err(fault)?;
        let xml = String::from_utf8(xml).map_err(|e| not_docx(name, &format!("{part}: {e}")))?;
        parts.push((part, xml));
    }
    Ok((package, parts))
}

/// Every story of a DOCX read: each part's events, the whole text and its runs.
struct Stories<'x> {
    /// Per story part: its name and its events.
    parts: Vec<(&'x str, Vec<Event<'x>>)>,
    text: String,
    flow: Flow,
}

impl<'x> Stories<'x> {
    fn read(
        name: &str,
        parts: &'x [(String, String)],
        limits: &Limits,
    ) -> Result<Self, SourceError> {
        let mut flow = Flow::default();
        let mut keys = HashMap::new();
        let mut text = String::new();
        let mut read = Vec::with_capacity(parts.len());
        for (story, (part, xml)) in parts.iter().enumerate() {
            let first_item = flow.items.len();
            let (events, story_text) =
                read_story(name, part, xml, limits, story, &mut flow, &mut keys)?;
            if !story_text.is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let offset = text.len();
                for item in &mut flow.items[first_item..] {
                    if let Some(span) = &mut item.span {
                        *span = span.start + offset..span.end + offset;
                    }
                }
                text.push_str(&story_text);
            }
            read.push((part.as_str(), events));
        }
        flow.index();
        Ok(Self {
            parts: read,
            text,
            flow,
        })
    }
}

/// What a run's child element is to the text and the codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A `w:t`: text.
    Text,
    /// A tab, break or non-breaking hyphen: one character of text.
    Char,
    /// Anything else a run holds (a footnote reference, a drawing, a field's parts): an
    /// inline code where it falls inside a segment.
    Code,
    /// A hint for laying out the source (a soft hyphen, the page break Word last
    /// rendered): no part of the text nor a code, dropped inside a translated segment.
    Hint,
    /// What is no part of the text nor a code (a deleted revision): left where it is.
    Inert,
}

/// Whether an item is in the document's text or in a text box's `mc:Fallback` copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copy {
    Main,
    Fallback,
}

/// A run's child element (or a `w:t` outside any run).
#[derive(Debug, Clone)]
struct Item {
    story: usize,
    run: Option<usize>,
    /// Its events, start to end.
    events: Range<usize>,
    /// Its span in the whole text (empty for a code); `None` when its paragraph had no
    /// text, or it is in a fallback copy that does not match its choice.
    span: Option<Range<usize>>,
    kind: Kind,
    copy: Copy,
    /// A text item's whitespace left out of the text at its paragraph's start and end
    /// (the space after a footnote's number), written back around its new text.
    edges: Box<(String, String)>,
}

/// A `w:r` element.
#[derive(Debug, Clone)]
struct Run {
    story: usize,
    /// Its start and end events.
    start: usize,
    end: usize,
    /// The events of its `w:rPr`, if it has one.
    props: Option<Range<usize>>,
    /// The start event of the `w:hyperlink` it is in.
    link: Option<usize>,
    /// Its formatting: runs formatted alike (properties and link) share a key.
    key: u32,
    /// Its child items, in order.
    children: Vec<usize>,
}

/// A `w:hyperlink` element.
#[derive(Debug, Clone)]
struct Link {
    story: usize,
    /// Its start and end events.
    start: usize,
    end: usize,
    /// The runs it holds.
    runs: Vec<usize>,
    /// Whether it holds anything else (a bookmark, a field).
    other: bool,
}

/// A run being read: the run, its element depth and the child item open in it.
struct OpenRun {
    run: usize,
    level: usize,
    child: Option<usize>,
}

/// A text box's fallback copy being read: its own paragraphs, set apart from the text.
struct Shelf {
    level: usize,
    main: Paragraphs,
    paragraph: usize,
    outer: Vec<(String, usize)>,
    /// The serials of the paragraphs of the `mc:Choice` it copies.
    choice: Range<usize>,
}

/// Properties that change nothing a reader sees in Latin or Cyrillic text (proofing
/// language, complex-script variants): runs differing only in them are formatted alike.
const UNSEEN: [&[u8]; 5] = [b"lang", b"noProof", b"bCs", b"iCs", b"szCs"];

/// Read one story part: its events and text, its runs and items added to `flow` (spans
/// in this story's text), formatting keys shared through `keys`.
fn read_story<'x>(
    name: &str,
    part: &str,
    xml: &'x str,
    limits: &Limits,
    story: usize,
    flow: &mut Flow,
    keys: &mut HashMap<Vec<u8>, u32>,
) -> Result<(Vec<Event<'x>>, String), SourceError> {
    let malformed = |offset: u64, message: String| SourceError::MalformedXml {
        name: name.to_string(),
        part: part.to_string(),
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
    // Per paragraph id: its serial among ended paragraphs and its book (0: the text,
    // b: the b-th fallback copy).
    let mut serials = vec![usize::MAX];
    let mut books = vec![0usize];
    // Per fallback copy, its paragraphs' serials in the text when they match the choice.
    let mut copies: Vec<Vec<Option<usize>>> = Vec::new();
    let mut shelf: Option<Shelf> = None;
    let mut choices: Vec<usize> = Vec::new();
    let mut choice = 0..0;
    // Per item of this story: its paragraph id and span in that paragraph as collected.
    let mut placed: Vec<(usize, usize, Range<usize>)> = Vec::new();
    let mut runs: Vec<OpenRun> = Vec::new();
    // The hyperlinks open: start event, depth and index in `flow.links`.
    let mut links: Vec<(usize, usize, usize)> = Vec::new();
    let mut deleted: Vec<usize> = Vec::new();
    let mut props_start = 0usize;
    let mut in_text = false;
    // The text item open (its `w:t`).
    let mut text_item: Option<usize> = None;
    // Text items with whitespace at an edge: item, its entry in `placed`, its text.
    let mut edges: Vec<(usize, usize, String)> = Vec::new();
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
        // The element's depth, the root's being 1.
        let level = match &event {
            Event::Start(_) => {
                depth += 1;
                depth
            }
            Event::Empty(_) => depth + 1,
            Event::End(_) if depth == 0 => {
                return Err(malformed(
                    reader.buffer_position(),
                    "an end tag that closes nothing".into(),
                ));
            }
            Event::End(_) => {
                depth -= 1;
                ended = depth == 0;
                depth + 1
            }
            Event::Eof if depth > 0 => {
                return Err(malformed(
                    reader.buffer_position(),
                    "the document ends with elements still open".into(),
                ));
            }
            _ => depth,
        };
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
        let copy = if shelf.is_some() {
            Copy::Fallback
        } else {
            Copy::Main
        };
        // What a hyperlink holds besides runs keeps it, whatever becomes of its runs.
        if let (Event::Start(e) | Event::Empty(e), Some(&(_, l, n))) = (event, links.last())
            && level == l + 1
        {
            match (e.local_name().as_ref(), event) {
                (b"r", Event::Start(_)) => flow.links[n].runs.push(flow.runs.len()),
                _ => flow.links[n].other = true,
            }
        }
        // A child element of the run open: an item of it.
        let child_of_run = match event {
            Event::Start(_) | Event::Empty(_) => {
                runs.last().filter(|r| level == r.level + 1).map(|r| r.run)
            }
            _ => None,
        };
        let item = |kind: Kind, at: usize, flow: &mut Flow, placed: &mut Vec<_>| {
            let n = flow.items.len();
            flow.items.push(Item {
                story,
                run: child_of_run,
                events: index..index + 1,
                span: None,
                kind,
                copy,
                edges: Box::default(),
            });
            placed.push((n, paragraph, at..at));
            if let Some(run) = child_of_run {
                flow.runs[run].children.push(n);
            }
            n
        };
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if child_of_run.is_some() && local == b"rPr" {
                    props_start = index;
                } else if child_of_run.is_some() {
                    let kind = if local == b"t" {
                        Kind::Text
                    } else if !deleted.is_empty() {
                        Kind::Inert
                    } else {
                        Kind::Code
                    };
                    let n = item(kind, out.current.len(), flow, &mut placed);
                    if let Some(open) = runs.last_mut() {
                        open.child = Some(n);
                    }
                } else if local == b"t" {
                    item(Kind::Text, out.current.len(), flow, &mut placed);
                }
                match local {
                    b"p" => {
                        outer.push((std::mem::take(&mut out.current), paragraph));
                        paragraph = serials.len();
                        serials.push(usize::MAX);
                        books.push(if shelf.is_some() { copies.len() } else { 0 });
                    }
                    b"t" => {
                        in_text = true;
                        text_item = flow.items.len().checked_sub(1);
                    }
                    b"r" if e.name().prefix().is_none_or(|p| p.as_ref() != b"m") => {
                        let run = flow.runs.len();
                        flow.runs.push(Run {
                            story,
                            start: index,
                            end: index,
                            props: None,
                            link: links.last().map(|&(at, _, _)| at),
                            key: 0,
                            children: Vec::new(),
                        });
                        runs.push(OpenRun {
                            run,
                            level,
                            child: None,
                        });
                    }
                    b"hyperlink" => {
                        links.push((index, level, flow.links.len()));
                        flow.links.push(Link {
                            story,
                            start: index,
                            end: index,
                            runs: Vec::new(),
                            other: false,
                        });
                    }
                    b"del" | b"moveFrom" => deleted.push(level),
                    b"Choice" if shelf.is_none() => choices.push(out.ends.len()),
                    b"Fallback" if shelf.is_some() => skipped_depth = 1,
                    b"Fallback" => {
                        copies.push(Vec::new());
                        shelf = Some(Shelf {
                            level,
                            main: std::mem::take(&mut out),
                            paragraph,
                            outer: std::mem::take(&mut outer),
                            choice: choice.clone(),
                        });
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                match local.as_ref() {
                    b"p" => {
                        serials[paragraph] = out.ends.len();
                        out.end();
                        (out.current, paragraph) = outer.pop().unwrap_or_default();
                    }
                    b"t" => {
                        in_text = false;
                        if let Some(n) = text_item.take() {
                            flow.items[n].events.end = index + 1;
                            if let Some((_, _, range)) = placed.last() {
                                let own = &out.current[range.clone()];
                                if own.starts_with(char::is_whitespace)
                                    || own.ends_with(char::is_whitespace)
                                {
                                    edges.push((n, placed.len() - 1, own.to_string()));
                                }
                            }
                        }
                    }
                    b"rPr" if runs.last().is_some_and(|r| level == r.level + 1) => {
                        if let Some(open) = runs.last() {
                            flow.runs[open.run].props = Some(props_start..index + 1);
                        }
                    }
                    b"Choice" if shelf.is_none() => {
                        choice = choices.pop().unwrap_or_default()..out.ends.len();
                    }
                    b"Fallback" if shelf.as_ref().is_some_and(|s| s.level == level) => {
                        if let Some(s) = shelf.take() {
                            let copy = std::mem::replace(&mut out, s.main);
                            (paragraph, outer) = (s.paragraph, s.outer);
                            if let Some(last) = copies.last_mut() {
                                *last = matching(&out, &copy, s.choice);
                            }
                        }
                    }
                    _ => {}
                }
                if let Some(&(_, l, n)) = links.last()
                    && l == level
                {
                    flow.links[n].end = index;
                    links.pop();
                }
                if deleted.last() == Some(&level) {
                    deleted.pop();
                }
                if let Some(open) = runs.last_mut() {
                    if level == open.level + 1 {
                        if let Some(child) = open.child.take() {
                            flow.items[child].events.end = index + 1;
                        }
                    } else if level == open.level {
                        let run = &mut flow.runs[open.run];
                        run.end = index;
                        run.key = key(&events, run, keys);
                        runs.pop();
                    }
                }
            }
            Event::Empty(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                let char = match local {
                    b"tab" => Some("\t"),
                    b"br" | b"cr" => Some("\n"),
                    b"noBreakHyphen" => Some("\u{2011}"),
                    _ => None,
                };
                if child_of_run.is_some() && local == b"rPr" {
                    if let Some(open) = runs.last() {
                        flow.runs[open.run].props = Some(index..index + 1);
                    }
                } else if child_of_run.is_some() {
                    let at = out.current.len();
                    let kind = match char {
                        _ if !deleted.is_empty() => Kind::Inert,
                        Some(_) => Kind::Char,
                        None if local == b"lastRenderedPageBreak" || local == b"softHyphen" => {
                            Kind::Hint
                        }
                        None if local == b"t" => Kind::Inert,
                        None => Kind::Code,
                    };
                    item(kind, at, flow, &mut placed);
                    if let (Some(c), Some(last)) = (char, placed.last_mut()) {
                        last.2 = at..at + c.len();
                    }
                }
                if let Some(c) = char {
                    out.push_str(c);
                }
            }
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
        if in_text && let Some(last) = placed.last_mut() {
            last.2.end = out.current.len();
        }
    }
    // Text outside any paragraph belongs to the one `finish` ends.
    serials[0] = out.ends.len();
    let (text, placement) = out.finish();
    let serial_of = |n: usize, p: usize, flow: &Flow| match (books[p], flow.items[n].copy) {
        (0, Copy::Main) => Some(serials[p]),
        // An item of a fallback copy outside its paragraphs has no place in the text.
        (0, Copy::Fallback) => None,
        (book, _) => copies[book - 1].get(serials[p]).copied().flatten(),
    };
    for (n, k, own) in edges {
        let (_, p, range) = &placed[k];
        let Some(serial) = serial_of(n, *p, flow) else {
            continue;
        };
        let (front, back) = placement.trimmed(serial, range);
        if front + back > 0 {
            let kept = (
                own[..front].to_string(),
                own[own.len() - back..].to_string(),
            );
            *flow.items[n].edges = kept;
        }
    }
    for (n, p, range) in placed {
        let serial = serial_of(n, p, flow);
        flow.items[n].span = serial.and_then(|s| placement.get(s, &range));
    }
    Ok((events, text))
}

/// Per paragraph of a fallback copy (`copy`, by serial), the serial of the paragraph of
/// the text it copies: the choice's paragraphs (serials `choice` in `main`) in order,
/// when they read the same.
fn matching(main: &Paragraphs, copy: &Paragraphs, choice: Range<usize>) -> Vec<Option<usize>> {
    let theirs = main.ends.get(choice.clone()).unwrap_or_default();
    if theirs.len() != copy.ends.len() {
        return vec![None; copy.ends.len()];
    }
    theirs
        .iter()
        .zip(&copy.ends)
        .zip(choice)
        .map(|((a, b), serial)| match (a, b) {
            (Some((a, lead_a)), Some((b, lead_b)))
                if lead_a == lead_b && main.done[*a] == copy.done[*b] =>
            {
                Some(serial)
            }
            _ => None,
        })
        .collect()
}

/// The formatting key of `run`: its properties (those a reader sees) and its link.
fn key(events: &[Event], run: &Run, keys: &mut HashMap<Vec<u8>, u32>) -> u32 {
    let mut bytes = Vec::new();
    let mut unseen = 0usize;
    // The properties inside `w:rPr`: an empty one is no properties, however written.
    let inside = run
        .props
        .clone()
        .filter(|p| p.len() > 2)
        .map_or(&[][..], |p| &events[p.start + 1..p.end - 1]);
    for event in inside {
        match event {
            Event::Start(e) if unseen > 0 || UNSEEN.contains(&e.local_name().as_ref()) => {
                unseen += 1;
            }
            Event::End(_) if unseen > 0 => unseen -= 1,
            Event::Empty(e) if UNSEEN.contains(&e.local_name().as_ref()) => {}
            _ if unseen > 0 => {}
            Event::Start(e) | Event::Empty(e) => {
                bytes.push(b'<');
                bytes.extend_from_slice(e);
            }
            Event::End(e) => {
                bytes.extend_from_slice(b"</");
                bytes.extend_from_slice(e);
            }
            _ => {}
        }
    }
    bytes.push(b'|');
    if let Some(Event::Start(link)) = run.link.map(|at| &events[at]) {
        bytes.extend_from_slice(link);
    }
    let next = keys.len() as u32;
    *keys.entry(bytes).or_insert(next)
}
