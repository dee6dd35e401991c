//! Writing a translation back into a DOCX.
//!
//! Each translated segment goes into the first text item it overlapped outside a
//! hyperlink (its owner; the first in one when all are):
//! the run holding it is closed there and the translation written as runs of their own
//! — text outside pairs formatted as the segment's base run, text inside a pair as the
//! pair's run (inside its hyperlink), a standalone code as the run content it stands for
//! — and the rest of the run goes on in a copy of it. The segment's other text, and the
//! run content its codes stand for, leave their old places. Markers the segment lacks
//! are placed first ([`inline::place`]), so nothing of the source is lost; a tab or line
//! break in a translation becomes the element Word writes for it. A text box's fallback
//! copy gets the same translation. Runs no segment touches are written as read.

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::codes::{Code, Codes, Flow};
use super::{Copy, Kind, Stories, not_docx, parts};
use crate::inline::{self, Mark};
use crate::limits::Limits;
use crate::source::{SourceError, Translated};

/// The document with each segment's translation in its runs; `None` when a translation
/// has no text item to go in.
pub(in crate::source) fn translate(
    name: &str,
    bytes: &[u8],
    translated: &Translated,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, SourceError> {
    let (package, parts) = parts(name, bytes, limits)?;
    let stories = Stories::read(name, &parts, limits)?;
    if stories.text != translated.text {
        return Err(SourceError::Mismatch {
            name: name.to_string(),
            message: "the document no longer has the text the job was cut from".into(),
        });
    }
    let Some(plan) = Plan::new(&stories.flow, translated, stories.parts.len()) else {
        return Ok(None);
    };
    let mut written = Vec::new();
    for (story, (part, events)) in stories.parts.iter().enumerate() {
        if !plan.touched[story] {
            continue;
        }
        let mut story_writer = StoryWriter {
            story,
            events,
            flow: &stories.flow,
            plan: &plan,
            text: translated.text,
            out: Writer::new(Vec::new()),
            runs_at: vec![None; events.len()],
            loose_at: vec![None; events.len()],
            links_at: vec![None; events.len()],
        };
        story_writer.index();
        story_writer
            .range(0..events.len())
            .map_err(|e| not_docx(name, &e))?;
        written.push((*part, story_writer.out.into_inner()));
    }
    let mut archive = package.into_archive();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: &dyn std::fmt::Display| not_docx(name, e);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| failed(&e))?;
        let new = written
            .iter()
            .find(|(part, _)| entry.name_raw() == part.as_bytes());
        if let Some((part, xml)) = new {
            drop(entry);
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            zip.start_file(*part, options).map_err(|e| failed(&e))?;
            zip.write_all(xml).map_err(|e| failed(&e))?;
        } else {
            zip.raw_copy_file(entry).map_err(|e| failed(&e))?;
        }
    }
    Ok(Some(zip.finish().map_err(|e| failed(&e))?.into_inner()))
}

/// A piece of a text item's new content.
#[derive(Debug, Clone)]
enum Piece {
    /// Its own text, `text[range]`, kept.
    Kept(std::ops::Range<usize>),
    /// Its whitespace at its paragraph's start or end, which the text left out.
    Edge(bool),
    /// The translation of replacement `r`, in copy `copy`.
    Translation(usize, Copy),
}

/// What becomes of an item.
#[derive(Debug, Clone)]
enum Action {
    Keep,
    Drop,
    Rewrite(Vec<Piece>),
}

/// A segment's translation ready to write in one copy: its codes and its text with every
/// marker of the source.
struct Target {
    codes: Codes,
    text: String,
}

/// What to write: per item its action, per replacement and copy its target.
struct Plan {
    actions: Vec<Action>,
    /// Per run: whether any child changes.
    changed: Vec<bool>,
    /// Per story: whether anything in it changes.
    touched: Vec<bool>,
    /// Per hyperlink: whether all it held were runs that moved into translations, so
    /// it is left out rather than written empty.
    emptied: Vec<bool>,
    main: Vec<Target>,
    /// Per replacement, its target in a fallback copy, when it has one there.
    fallback: Vec<Option<Target>>,
}

impl Plan {
    fn new(flow: &Flow, translated: &Translated, stories: usize) -> Option<Self> {
        let text = translated.text;
        let mut actions = vec![Action::Keep; flow.items.len()];
        let mut main = Vec::with_capacity(translated.replacements.len());
        let mut fallback = Vec::with_capacity(translated.replacements.len());
        for (r, replacement) in translated.replacements.iter().enumerate() {
            let span = &replacement.span;
            let codes = flow.codes(Copy::Main, span);
            let source = inline::insert(&text[span.clone()], &codes.marks);
            let target = inline::place(&source, &replacement.text);
            let owner = flow.owner(Copy::Main, span)?;
            mark(flow, &mut actions, Copy::Main, span, r, owner, &codes);
            // A fallback copy whose runs give the same codes takes the same markers; one
            // that differs gets the translation's text placed against its own.
            let copy = flow.owner(Copy::Fallback, span).map(|owner| {
                let theirs = flow.codes(Copy::Fallback, span);
                mark(flow, &mut actions, Copy::Fallback, span, r, owner, &theirs);
                let text = if theirs.marks == codes.marks && theirs.codes.len() == codes.codes.len()
                {
                    target.clone()
                } else {
                    let own = inline::insert(&text[span.clone()], &theirs.marks);
                    inline::place(&own, &inline::strip(&target))
                };
                Target {
                    codes: theirs,
                    text,
                }
            });
            main.push(Target {
                codes,
                text: target,
            });
            fallback.push(copy);
        }
        // Each touched text item: its own text outside the segments, and the
        // translations it owns.
        for (i, action) in actions.iter_mut().enumerate() {
            let item = &flow.items[i];
            let Action::Rewrite(owned) = action else {
                continue;
            };
            if item.kind != Kind::Text {
                continue;
            }
            let span = item.span.clone().unwrap_or_default();
            let mut pieces = vec![Piece::Edge(false)];
            let mut at = span.start;
            let first = translated
                .replacements
                .partition_point(|r| r.span.end <= span.start);
            for (r, replacement) in translated.replacements.iter().enumerate().skip(first) {
                if replacement.span.start >= span.end {
                    break;
                }
                if replacement.span.start > at {
                    pieces.push(Piece::Kept(at..replacement.span.start));
                }
                if let Some(own) = owned
                    .iter()
                    .find(|p| matches!(p, Piece::Translation(o, _) if *o == r))
                {
                    pieces.push(own.clone());
                }
                at = at.max(replacement.span.end.min(span.end));
            }
            if at < span.end {
                pieces.push(Piece::Kept(at..span.end));
            }
            pieces.push(Piece::Edge(true));
            *owned = pieces;
        }
        let mut changed = vec![false; flow.runs.len()];
        let mut touched = vec![false; stories];
        for (item, action) in flow.items.iter().zip(&actions) {
            if !matches!(action, Action::Keep) {
                touched[item.story] = true;
                if let Some(run) = item.run {
                    changed[run] = true;
                }
            }
        }
        // A changed run writes nothing when its children all went.
        let mut writes = vec![true; flow.runs.len()];
        for (r, run) in flow.runs.iter().enumerate() {
            writes[r] = !changed[r]
                || run.children.iter().any(|&c| match &actions[c] {
                    Action::Keep => true,
                    Action::Drop => false,
                    Action::Rewrite(pieces) => pieces.iter().any(|p| match p {
                        Piece::Kept(range) => !range.is_empty(),
                        Piece::Edge(end) => !edge(&flow.items[c].edges, *end).is_empty(),
                        Piece::Translation(..) => true,
                    }),
                });
        }
        let emptied = flow
            .links
            .iter()
            .map(|l| !l.other && !l.runs.is_empty() && l.runs.iter().all(|&r| !writes[r]))
            .collect();
        Some(Self {
            actions,
            changed,
            touched,
            emptied,
            main,
            fallback,
        })
    }

    fn target(&self, r: usize, copy: Copy) -> Option<&Target> {
        match copy {
            Copy::Main => self.main.get(r),
            Copy::Fallback => self.fallback.get(r).and_then(Option::as_ref),
        }
    }
}

/// Record what replacement `r` (at `span`, owned by item `owner`, with `codes`) does to
/// the items of `copy`: text items are rewritten (the owner with the translation), other
/// characters go (the translation has its own), codes it claims move into it.
fn mark(
    flow: &Flow,
    actions: &mut [Action],
    copy: Copy,
    span: &std::ops::Range<usize>,
    r: usize,
    owner: usize,
    codes: &Codes,
) {
    let claimed = |i: usize| {
        codes
            .codes
            .iter()
            .any(|c| matches!(c, Code::Standalone { items } if items.contains(&i)))
    };
    for i in flow.within(copy, span) {
        let own = i == owner;
        match flow.items[i].kind {
            Kind::Text => {
                if !matches!(actions[i], Action::Rewrite(_)) {
                    actions[i] = Action::Rewrite(Vec::new());
                }
                if let (true, Action::Rewrite(pieces)) = (own, &mut actions[i]) {
                    pieces.push(Piece::Translation(r, copy));
                }
            }
            Kind::Char if own => actions[i] = Action::Rewrite(vec![Piece::Translation(r, copy)]),
            Kind::Char => actions[i] = Action::Drop,
            Kind::Code if claimed(i) => actions[i] = Action::Drop,
            Kind::Hint => actions[i] = Action::Drop,
            Kind::Code | Kind::Inert => {}
        }
    }
}

/// Writes one story part's events with the plan's changes.
struct StoryWriter<'a, 'x> {
    story: usize,
    events: &'a [Event<'x>],
    flow: &'a Flow,
    plan: &'a Plan,
    text: &'a str,
    out: Writer<Vec<u8>>,
    /// Per event: the run that starts there.
    runs_at: Vec<Option<usize>>,
    /// Per event: the text item outside runs that starts there.
    loose_at: Vec<Option<usize>>,
    /// Per event: the hyperlink that starts there.
    links_at: Vec<Option<usize>>,
}

type Written = std::io::Result<()>;

/// An item's whitespace at its paragraph's start, or (`end`) its end.
fn edge(edges: &(String, String), end: bool) -> &str {
    if end { &edges.1 } else { &edges.0 }
}

impl StoryWriter<'_, '_> {
    fn index(&mut self) {
        for (r, run) in self.flow.runs.iter().enumerate() {
            if run.story == self.story {
                self.runs_at[run.start] = Some(r);
            }
        }
        for (i, item) in self.flow.items.iter().enumerate() {
            if item.story == self.story && item.run.is_none() && item.kind == Kind::Text {
                self.loose_at[item.events.start] = Some(i);
            }
        }
        for (l, link) in self.flow.links.iter().enumerate() {
            if link.story == self.story {
                self.links_at[link.start] = Some(l);
            }
        }
    }

    fn event(&mut self, event: &Event) -> Written {
        match event {
            Event::Eof => Ok(()),
            e => self.out.write_event(e.borrow()),
        }
    }

    /// Write `events[range]`, rebuilding the runs and text items that change.
    fn range(&mut self, range: std::ops::Range<usize>) -> Written {
        let (events, flow, plan) = (self.events, self.flow, self.plan);
        let mut i = range.start;
        while i < range.end {
            if let Some(l) = self.links_at[i]
                && plan.emptied[l]
            {
                i = flow.links[l].end + 1;
            } else if let Some(r) = self.runs_at[i] {
                let end = flow.runs[r].end;
                if plan.changed[r] {
                    self.run(r)?;
                } else {
                    self.event(&events[i])?;
                    self.range(i + 1..end + 1)?;
                }
                i = end + 1;
            } else if let Some(item) = self.loose_at[i]
                && let Action::Rewrite(pieces) = &plan.actions[item]
            {
                let mut text = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Kept(range) => text.push_str(&self.text[range.clone()]),
                        Piece::Edge(end) => text.push_str(edge(&flow.items[item].edges, *end)),
                        Piece::Translation(r, copy) => {
                            if let Some(t) = plan.target(*r, *copy) {
                                text.push_str(&inline::strip(&t.text));
                            }
                        }
                    }
                }
                let at = flow.items[item].events.clone();
                self.text_element(&events[at.start], &text)?;
                self.event(&events[at.end - 1])?;
                i = at.end;
            } else {
                self.event(&events[i])?;
                i += 1;
            }
        }
        Ok(())
    }

    /// Start a `w:t` like `start` holding `text`, spaces kept; the caller ends it.
    fn text_element(&mut self, start: &Event, text: &str) -> Written {
        let (Event::Start(start) | Event::Empty(start)) = start else {
            return Ok(());
        };
        let mut start = start.clone();
        // Repeated attributes were refused when the part was read.
        let mut attributes = start.attributes();
        attributes.with_checks(false);
        if !attributes.flatten().any(|a| a.key.as_ref() == b"xml:space") {
            start.push_attribute(("xml:space", "preserve"));
        }
        self.out.write_event(Event::Start(start))?;
        self.out.write_event(Event::Text(BytesText::new(text)))
    }

    /// The element name `local` with the prefix of run `r`'s name (`w:`).
    fn named(&self, r: usize, local: &str) -> String {
        let Event::Start(start) = &self.events[self.flow.runs[r].start] else {
            return local.to_string();
        };
        match start.name().prefix() {
            Some(p) => format!("{}:{local}", String::from_utf8_lossy(p.as_ref())),
            None => local.to_string(),
        }
    }

    /// Open a copy of run `r` (its start tag and properties).
    fn open_run(&mut self, r: usize) -> Written {
        let (events, run) = (self.events, &self.flow.runs[r]);
        self.event(&events[run.start])?;
        for event in run.props.clone().map_or(&[][..], |p| &events[p]) {
            self.event(event)?;
        }
        Ok(())
    }

    fn close_run(&mut self, r: usize) -> Written {
        let name = self.named(r, "r");
        self.out.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Write run `r` with its changes: kept content in copies of it, translations as
    /// runs of their own between them.
    fn run(&mut self, r: usize) -> Written {
        let (events, flow, plan) = (self.events, self.flow, self.plan);
        let mut open = false;
        for &child in &flow.runs[r].children {
            let item = &flow.items[child];
            match &plan.actions[child] {
                Action::Keep => {
                    if !open {
                        self.open_run(r)?;
                        open = true;
                    }
                    self.range(item.events.clone())?;
                }
                Action::Drop => {}
                Action::Rewrite(pieces) => {
                    for piece in pieces {
                        match piece {
                            Piece::Kept(_) | Piece::Edge(_) => {
                                let text = match piece {
                                    Piece::Kept(range) => &self.text[range.clone()],
                                    _ => edge(&item.edges, matches!(piece, Piece::Edge(true))),
                                };
                                if text.is_empty() {
                                    continue;
                                }
                                if !open {
                                    self.open_run(r)?;
                                    open = true;
                                }
                                self.text_element(&events[item.events.start], text)?;
                                self.event(&events[item.events.end - 1])?;
                            }
                            Piece::Translation(t, copy) => {
                                if open {
                                    self.close_run(r)?;
                                    open = false;
                                }
                                self.translation(*t, *copy, r)?;
                            }
                        }
                    }
                }
            }
        }
        if open {
            self.close_run(r)?;
        }
        Ok(())
    }

    /// Write the translation of replacement `t` in `copy`, in place of run `owner`'s
    /// text: its text in runs formatted by the pairs around it, its standalone codes as
    /// the run content they stand for (each once).
    fn translation(&mut self, t: usize, copy: Copy, owner: usize) -> Written {
        let plan = self.plan;
        let Some(target) = plan.target(t, copy) else {
            return Ok(());
        };
        let codes = &target.codes.codes;
        let base = target.codes.base.unwrap_or(owner);
        let mut pairs: Vec<usize> = Vec::new();
        let mut written = vec![false; codes.len()];
        let mut text = String::new();
        for c in target.text.chars() {
            let Some(mark) = Mark::of(c) else {
                text.push(c);
                continue;
            };
            let format = pairs.last().copied().unwrap_or(base);
            self.text_run(format, owner, &std::mem::take(&mut text))?;
            let n = usize::from(mark.number());
            match (mark, codes.get(n)) {
                (Mark::Open(_), Some(Code::Pair { run })) => pairs.push(*run),
                (Mark::Close(_), Some(Code::Pair { run })) => {
                    if let Some(at) = pairs.iter().rposition(|p| p == run) {
                        pairs.remove(at);
                    }
                }
                (Mark::Standalone(_), Some(Code::Standalone { items })) if !written[n] => {
                    written[n] = true;
                    for &item in items {
                        self.content(item, owner)?;
                    }
                }
                _ => {}
            }
        }
        let format = pairs.last().copied().unwrap_or(base);
        self.text_run(format, owner, &text)
    }

    /// Open run `r`'s hyperlink when the owner is in none (a link in a link is not
    /// allowed); the link's name when one was opened.
    fn open_link(&mut self, r: usize, owner: usize) -> std::io::Result<Option<String>> {
        let (Some(link), None) = (self.flow.runs[r].link, self.flow.runs[owner].link) else {
            return Ok(None);
        };
        let Event::Start(start) = &self.events[link] else {
            return Ok(None);
        };
        let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
        self.out.write_event(Event::Start(start.clone()))?;
        Ok(Some(name))
    }

    fn close_link(&mut self, name: Option<String>) -> Written {
        match name {
            Some(name) => self.out.write_event(Event::End(BytesEnd::new(name))),
            None => Ok(()),
        }
    }

    /// `text` as a run formatted like run `format`: tabs and line breaks as Word's
    /// elements for them.
    fn text_run(&mut self, format: usize, owner: usize, text: &str) -> Written {
        if text.is_empty() {
            return Ok(());
        }
        let link = self.open_link(format, owner)?;
        self.open_run(format)?;
        let t = self.named(format, "t");
        let mut rest = text;
        while !rest.is_empty() {
            let cut = rest.find(['\t', '\n']).unwrap_or(rest.len());
            if cut > 0 {
                let mut start = BytesStart::new(t.as_str());
                start.push_attribute(("xml:space", "preserve"));
                self.out.write_event(Event::Start(start))?;
                self.out
                    .write_event(Event::Text(BytesText::new(&rest[..cut])))?;
                self.out
                    .write_event(Event::End(BytesEnd::new(t.as_str())))?;
            }
            if let Some(c) = rest[cut..].chars().next() {
                let element = if c == '\t' { "tab" } else { "br" };
                let element = self.named(format, element);
                self.out
                    .write_event(Event::Empty(BytesStart::new(element)))?;
                rest = &rest[cut + 1..];
            } else {
                rest = "";
            }
        }
        self.close_run(format)?;
        self.close_link(link)
    }

    /// Item `item` (a code's run content) in a copy of its run.
    fn content(&mut self, item: usize, owner: usize) -> Written {
        let Some(r) = self.flow.items[item].run else {
            return Ok(());
        };
        let link = self.open_link(r, owner)?;
        self.open_run(r)?;
        self.range(self.flow.items[item].events.clone())?;
        self.close_run(r)?;
        self.close_link(link)
    }
}
