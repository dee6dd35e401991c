//! A segment's inline codes, read off the runs its text came from.
//!
//! The text outside codes takes the formatting that covers most of the segment (the
//! first run's on a tie), so codes wrap the words set apart, as a reader sees them: a
//! stretch of runs formatted otherwise is a pair, and a run's other content inside the
//! segment (a footnote reference, a drawing, a field's codes; consecutive ones together)
//! is a standalone code. A segment formatted alike throughout has none. Reading and
//! writing compute the codes of a span alike, so a code's number finds its runs again.

use std::ops::Range;

use super::{Copy, Item, Kind, Link, Run};
use crate::inline::{self, MAX_CODES, Mark};

/// The runs and items of a DOCX's stories, in document order.
#[derive(Debug, Default)]
pub(in crate::source) struct Flow {
    pub(super) runs: Vec<Run>,
    pub(super) items: Vec<Item>,
    pub(super) links: Vec<Link>,
    /// Items of the text (not of a fallback copy) with a place in it, by position.
    main: Vec<usize>,
    /// Items of fallback copies with a place in the text, by position.
    fallback: Vec<usize>,
}

/// What a code of a segment stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Code {
    /// Text formatted as this run is.
    Pair { run: usize },
    /// These items, written where the marker is.
    Standalone { items: Vec<usize> },
}

/// A segment's codes, by number, and its markers in its text.
#[derive(Debug, Default)]
pub(super) struct Codes {
    pub(super) codes: Vec<Code>,
    /// Each marker at its byte offset in the segment's text, in order.
    pub(super) marks: Vec<(usize, Mark)>,
    /// The run whose formatting the text outside pairs takes, if any run gave text.
    pub(super) base: Option<usize>,
}

impl Flow {
    /// Sort the placed items by position, once every story is read.
    pub(super) fn index(&mut self) {
        let placed = |copy: Copy| -> Vec<usize> {
            let mut list: Vec<usize> = (0..self.items.len())
                .filter(|&i| self.items[i].copy == copy && self.items[i].span.is_some())
                .collect();
            // Stable: items at one position stay in document order.
            list.sort_by_key(|&i| self.items[i].span.as_ref().map_or(0, |s| s.start));
            list
        };
        self.main = placed(Copy::Main);
        self.fallback = placed(Copy::Fallback);
    }

    fn span(&self, item: usize) -> Range<usize> {
        self.items[item].span.clone().unwrap_or_default()
    }

    /// The items of `copy` inside `span`, in order: text overlapping it, codes strictly
    /// inside it (one at its edge stays outside, between segments).
    pub(super) fn within(&self, copy: Copy, span: &Range<usize>) -> impl Iterator<Item = usize> {
        let list = match copy {
            Copy::Main => &self.main,
            Copy::Fallback => &self.fallback,
        };
        let first = list.partition_point(|&i| self.span(i).end <= span.start);
        list[first..]
            .iter()
            .copied()
            .take_while(move |&i| self.span(i).start < span.end)
            .filter(move |&i| {
                let at = self.span(i);
                match self.items[i].kind {
                    Kind::Text | Kind::Char => !at.is_empty() && at.end > span.start,
                    Kind::Code | Kind::Hint => at.start > span.start,
                    Kind::Inert => false,
                }
            })
    }

    /// The text item of `copy` in `span` its translation is written in place of: the
    /// first outside a hyperlink (a translation written inside one would be all link),
    /// else the first.
    pub(super) fn owner(&self, copy: Copy, span: &Range<usize>) -> Option<usize> {
        let mut text = self
            .within(copy, span)
            .filter(|&i| matches!(self.items[i].kind, Kind::Text | Kind::Char))
            .peekable();
        let first = text.peek().copied();
        text.find(|&i| {
            self.items[i]
                .run
                .is_none_or(|r| self.runs[r].link.is_none())
        })
        .or(first)
    }

    /// The formatting key of an item's run (`None` for text outside runs).
    fn key(&self, item: usize) -> Option<u32> {
        self.items[item].run.map(|r| self.runs[r].key)
    }

    /// The codes of the segment at `span` in `copy`.
    pub(super) fn codes(&self, copy: Copy, span: &Range<usize>) -> Codes {
        let inside: Vec<usize> = self.within(copy, span).collect();
        let text_of = |i: usize| {
            let at = self.span(i);
            at.start.max(span.start)..at.end.min(span.end)
        };
        // The formatting covering most of the text, by bytes; the first on a tie.
        let mut shares: Vec<(Option<u32>, usize, usize)> = Vec::new();
        for &i in &inside {
            if matches!(self.items[i].kind, Kind::Code | Kind::Hint) {
                continue;
            }
            let key = self.key(i);
            let bytes = text_of(i).len();
            match shares.iter_mut().find(|(k, _, _)| *k == key) {
                Some(share) => share.1 += bytes,
                None => shares.push((key, bytes, i)),
            }
        }
        let base = shares
            .iter()
            .rev()
            .max_by_key(|(_, bytes, _)| *bytes)
            .map(|&(key, _, first)| (key, first));
        let mut out = Codes {
            base: base.and_then(|(_, first)| self.items[first].run),
            ..Codes::default()
        };
        let base_key = base.and_then(|(key, _)| key);
        // The pair open: its number and key, and where its text ends so far.
        let mut open: Option<(u16, Option<u32>, usize)> = None;
        let mut last_code: Option<(usize, usize)> = None;
        for &i in inside.iter().filter(|&&i| self.items[i].kind != Kind::Hint) {
            let full = out.codes.len() >= usize::from(MAX_CODES);
            if self.items[i].kind == Kind::Code {
                let at = self.span(i).start - span.start;
                let count = out.codes.len();
                match (last_code, out.codes.last_mut()) {
                    // Run content side by side (a field's begin, code and separator) is one code.
                    (Some((pos, n)), Some(Code::Standalone { items }))
                        if pos == at && n + 1 == count =>
                    {
                        items.push(i);
                    }
                    _ if full => {}
                    _ => {
                        let n = out.codes.len();
                        out.marks.push((at, Mark::Standalone(n as u16)));
                        out.codes.push(Code::Standalone { items: vec![i] });
                        last_code = Some((at, n));
                    }
                }
                continue;
            }
            last_code = None;
            let key = self.key(i);
            let range = text_of(i);
            let (start, end) = (range.start - span.start, range.end - span.start);
            match open {
                Some((n, k, _)) if k == key => open = Some((n, k, end)),
                _ => {
                    if let Some((n, _, stop)) = open.take() {
                        out.marks.push((stop, Mark::Close(n)));
                    }
                    if key != base_key
                        && !full
                        && let Some(run) = self.items[i].run
                    {
                        let n = out.codes.len() as u16;
                        out.marks.push((start, Mark::Open(n)));
                        out.codes.push(Code::Pair { run });
                        open = Some((n, key, end));
                    }
                }
            }
        }
        if let Some((n, _, stop)) = open {
            out.marks.push((stop, Mark::Close(n)));
        }
        out
    }

    /// The text of `span` (a segment of `text`) with its codes' markers.
    pub(in crate::source) fn segment(&self, text: &str, span: &Range<usize>) -> String {
        let codes = self.codes(Copy::Main, span);
        inline::insert(&text[span.clone()], &codes.marks)
    }
}
