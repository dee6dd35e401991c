//! Inline codes inside a segment's text: the formatting and markup of the document it came
//! from (a bold run of a DOCX, an XLIFF `g` or `ph`, a footnote reference).
//!
//! A code is written into the segment's text as one character of Unicode's Private Use
//! Area, a [`Mark`]: a pair of codes (bold on, bold off) is an `Open(n)` and a `Close(n)`,
//! anything else (a footnote reference, a tab, a placeholder) a `Standalone(n)`; `n` is the
//! code's number in its segment. Keeping codes in the text keeps a segment one string
//! through the job store, the editors and the exports, and lets the translator move
//! them like words. What a code *is* stays with the document: its writer finds the code
//! again in the original file by segment and number.
//!
//! The memory never sees markers: lookups and stored units use [`strip`]'s text, with
//! [`tag_names`] as the inline tags a match is scored on. A target filled from the memory
//! gets its source's codes back from [`place`]; [`check`] finds codes a translator lost,
//! added or crossed.
//!
//! ```
//! use dragoman_core::inline::{self, Mark};
//!
//! let bold = |s: &str| format!("{}{s}{}", Mark::Open(0).char(), Mark::Close(0).char());
//! let source = format!("Президент {} прибыл в Баку.", bold("Ильхам Алиев"));
//! let target = inline::place(&source, "President Ilham Aliyev arrived in Baku.");
//! assert_eq!(inline::strip(&target), "President Ilham Aliyev arrived in Baku.");
//! assert!(inline::check(&source, &target).is_empty());
//! ```

use std::borrow::Cow;
use std::cmp::Reverse;

/// How many codes a segment can hold; a document with more in one segment is beyond
/// what any translator places by hand.
pub const MAX_CODES: u16 = 1024;

const OPEN: u32 = 0xE000;
const CLOSE: u32 = OPEN + MAX_CODES as u32;
const STANDALONE: u32 = CLOSE + MAX_CODES as u32;
const END: u32 = STANDALONE + MAX_CODES as u32;

/// An inline code's marker, numbered within its segment (`n < MAX_CODES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    /// The start of a paired code (`g`, `bpt`, `pc`, a formatted run).
    Open(u16),
    /// The end of the pair opened by `Open` with the same number.
    Close(u16),
    /// A code standing alone (`ph`, `x`, a footnote reference, a tab).
    Standalone(u16),
}

impl Mark {
    /// The character that stands for the marker in a segment's text. Numbers at or beyond
    /// [`MAX_CODES`] are a programming error: readers refuse segments with more codes.
    pub fn char(self) -> char {
        let (base, n) = match self {
            Self::Open(n) => (OPEN, n),
            Self::Close(n) => (CLOSE, n),
            Self::Standalone(n) => (STANDALONE, n),
        };
        assert!(n < MAX_CODES, "inline code {n} is beyond {MAX_CODES}");
        char::from_u32(base + u32::from(n)).expect("the Private Use Area holds every marker")
    }

    /// The marker a character stands for, if it is one.
    pub fn of(c: char) -> Option<Self> {
        let c = u32::from(c);
        // The ranges are each MAX_CODES wide, so every offset fits a u16.
        let n = |base: u32| (c - base) as u16;
        match c {
            OPEN..CLOSE => Some(Self::Open(n(OPEN))),
            CLOSE..STANDALONE => Some(Self::Close(n(CLOSE))),
            STANDALONE..END => Some(Self::Standalone(n(STANDALONE))),
            _ => None,
        }
    }

    /// The code's number in its segment.
    pub fn number(self) -> u16 {
        match self {
            Self::Open(n) | Self::Close(n) | Self::Standalone(n) => n,
        }
    }

    /// How the translator sees the marker, numbered from 1 as OmegaT shows its tags:
    /// `<1>`, `</1>`, `<1/>`.
    pub fn token(self) -> String {
        match self {
            Self::Open(n) => format!("<{}>", n + 1),
            Self::Close(n) => format!("</{}>", n + 1),
            Self::Standalone(n) => format!("<{}/>", n + 1),
        }
    }
}

/// Whether `c` is a marker.
pub fn is_mark(c: char) -> bool {
    Mark::of(c).is_some()
}

/// `text` without its markers: what the memory matches, scores and stores.
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_mark) {
        Cow::Owned(text.chars().filter(|&c| !is_mark(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Each marker of `text` with its byte offset in `text`, in order.
pub fn marks(text: &str) -> Vec<(usize, Mark)> {
    text.char_indices()
        .filter_map(|(at, c)| Mark::of(c).map(|m| (at, m)))
        .collect()
}

/// `text` as its plain text and each marker with its byte offset in that plain text:
/// [`insert`] puts them back.
pub fn split(text: &str) -> (String, Vec<(usize, Mark)>) {
    let mut plain = String::with_capacity(text.len());
    let mut found = Vec::new();
    for c in text.chars() {
        match Mark::of(c) {
            Some(m) => found.push((plain.len(), m)),
            None => plain.push(c),
        }
    }
    (plain, found)
}

/// `plain` with each marker put at its byte offset, markers at one offset in the order
/// given. Offsets past the end or inside a character go to the end or the character's
/// start: a marker is never dropped.
pub fn insert(plain: &str, marks: &[(usize, Mark)]) -> String {
    let mut sorted: Vec<(usize, usize, Mark)> = marks
        .iter()
        .enumerate()
        .map(|(order, &(at, m))| {
            let mut at = at.min(plain.len());
            while !plain.is_char_boundary(at) {
                at -= 1;
            }
            (at, order, m)
        })
        .collect();
    sorted.sort_unstable();
    let mut out = String::with_capacity(plain.len() + 3 * marks.len());
    let mut from = 0;
    for (at, _, m) in sorted {
        out.push_str(&plain[from..at]);
        out.push(m.char());
        from = at;
    }
    out.push_str(&plain[from..]);
    out
}

/// The TMX element each marker of `text` stands for (`bpt`, `ept`, `ph`), in order: the
/// inline tags a memory match is scored on.
pub fn tag_names(text: &str) -> Vec<String> {
    marks(text)
        .into_iter()
        .map(|(_, m)| {
            match m {
                Mark::Open(_) => "bpt",
                Mark::Close(_) => "ept",
                Mark::Standalone(_) => "ph",
            }
            .to_string()
        })
        .collect()
}

/// What is wrong with a target's codes, against its source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeIssue {
    /// A code of the source the target lacks.
    Missing(Mark),
    /// A code the source does not have, or has once and the target twice.
    Extra(Mark),
    /// A pair closed before it opens, or crossing another pair.
    Misnested(Mark),
}

/// The codes `target` lost, added or misnested, against `source`'s.
pub fn check(source: &str, target: &str) -> Vec<CodeIssue> {
    let wanted = marks(source);
    let have = marks(target);
    let mut issues = Vec::new();
    for &(_, m) in &wanted {
        if !have.iter().any(|&(_, h)| h == m) {
            issues.push(CodeIssue::Missing(m));
        }
    }
    let mut seen = Vec::with_capacity(have.len());
    for &(_, m) in &have {
        if seen.contains(&m) || !wanted.iter().any(|&(_, w)| w == m) {
            issues.push(CodeIssue::Extra(m));
        }
        seen.push(m);
    }
    let mut open: Vec<u16> = Vec::new();
    for &(_, m) in &have {
        match m {
            Mark::Open(n) => open.push(n),
            Mark::Close(n) if open.last() == Some(&n) => {
                open.pop();
            }
            Mark::Close(n) => {
                // Closed out of turn, or never opened: only a source pair counts here, an
                // unknown one is already Extra.
                if wanted.iter().any(|&(_, w)| w == Mark::Open(n)) {
                    issues.push(CodeIssue::Misnested(m));
                }
                open.retain(|&o| o != n);
            }
            Mark::Standalone(_) => {}
        }
    }
    for n in open {
        let close = Mark::Close(n);
        if have.iter().any(|&(_, h)| h == close) {
            issues.push(CodeIssue::Misnested(Mark::Open(n)));
        }
    }
    issues
}

/// `target` with every code of `source` it lacks put in, well nested; its own markers
/// and its text stay as they are.
///
/// Where a code goes is read off the words around it, as CAT tools do: a pair around the
/// whole source wraps the whole target; a pair around words the target repeats (a name
/// kept in Latin letters, a number) wraps them there; a standalone code follows the
/// word it follows in the source, or precedes the word it precedes. What cannot be
/// placed that way goes to the end, a pair there empty: the translator moves it.
pub fn place(source: &str, target: &str) -> String {
    let (src, src_marks) = split(source);
    let (plain, kept) = split(target);
    let has = |m: Mark| kept.iter().any(|&(_, k)| k == m);
    let end = plain.len();
    let mut pairs: Vec<Interval> = kept_pairs(&kept, end);
    let fixed = pairs.len();
    let mut singles: Vec<(usize, Mark)> = Vec::new();
    for (i, &(at, m)) in src_marks.iter().enumerate() {
        match m {
            Mark::Open(n) => {
                let close = src_marks[i..]
                    .iter()
                    .find(|&&(_, c)| c == Mark::Close(n))
                    .map(|&(c, _)| c);
                match (has(m), has(Mark::Close(n)), close) {
                    (false, false, Some(close)) => {
                        let span = pair_span(&src, at..close, &plain);
                        let accepted = span.filter(|s| pairs.iter().all(|p| nests(p, s)));
                        let (start, stop) = accepted.unwrap_or((end, end));
                        pairs.push(Interval { n, start, stop });
                    }
                    (false, false, None) => singles.push((0, m)),
                    (false, true, _) => singles.push((0, m)),
                    (true, false, _) => singles.push((end, Mark::Close(n))),
                    (true, true, _) => {}
                }
            }
            Mark::Close(n) => {
                let opened = src_marks[..i].iter().any(|&(_, o)| o == Mark::Open(n));
                if !opened && !has(m) {
                    singles.push((end, m));
                }
            }
            Mark::Standalone(_) if !has(m) => singles.push((standalone_at(&src, at, &plain), m)),
            Mark::Standalone(_) => {}
        }
    }
    let mut events: Vec<Event> = kept
        .iter()
        .enumerate()
        .map(|(order, &(at, m))| Event {
            at,
            rank: Rank::Kept(order),
            marks: vec![m],
        })
        .collect();
    for (seq, p) in pairs[fixed..].iter().enumerate() {
        if p.start == p.stop {
            events.push(Event {
                at: p.start,
                rank: Rank::Single,
                marks: vec![Mark::Open(p.n), Mark::Close(p.n)],
            });
        } else {
            events.push(Event {
                at: p.start,
                rank: Rank::Open(Reverse(p.stop), seq),
                marks: vec![Mark::Open(p.n)],
            });
            events.push(Event {
                at: p.stop,
                rank: Rank::Close(Reverse(p.start), Reverse(seq)),
                marks: vec![Mark::Close(p.n)],
            });
        }
    }
    for (at, m) in singles {
        events.push(Event {
            at,
            rank: Rank::Single,
            marks: vec![m],
        });
    }
    events.sort_by(|a, b| (a.at, &a.rank).cmp(&(b.at, &b.rank)));
    let placed: Vec<(usize, Mark)> = events
        .into_iter()
        .flat_map(|e| e.marks.into_iter().map(move |m| (e.at, m)))
        .collect();
    insert(&plain, &placed)
}

/// A pair of codes placed around `start..stop` of a target's plain text.
struct Interval {
    n: u16,
    start: usize,
    stop: usize,
}

/// Whether two pairs can both stand: apart, or one inside the other.
fn nests(a: &Interval, b: &(usize, usize)) -> bool {
    let (s, e) = *b;
    e <= a.start || s >= a.stop || (a.start <= s && e <= a.stop) || (s <= a.start && a.stop <= e)
}

/// The pairs a target already holds as intervals of its plain text of length `end`: a
/// pair missing its close reaches the end, one missing its open starts at 0, where
/// [`place`] puts the missing marker.
fn kept_pairs(kept: &[(usize, Mark)], end: usize) -> Vec<Interval> {
    let find = |m: Mark| kept.iter().find(|&&(_, k)| k == m).map(|&(at, _)| at);
    kept.iter()
        .filter_map(|&(at, m)| match m {
            Mark::Open(n) => Some(Interval {
                n,
                start: at,
                stop: find(Mark::Close(n))
                    .filter(|&stop| stop >= at)
                    .unwrap_or(end),
            }),
            Mark::Close(n) if find(Mark::Open(n)).is_none() => Some(Interval {
                n,
                start: 0,
                stop: at,
            }),
            _ => None,
        })
        .collect()
}

/// Where in `plain` a pair goes that wraps `wrapped` of `src`: around all of it when it
/// wraps all of the source, else around the same words.
fn pair_span(src: &str, wrapped: std::ops::Range<usize>, plain: &str) -> Option<(usize, usize)> {
    let inner = &src[wrapped.clone()];
    if src[..wrapped.start].trim().is_empty() && src[wrapped.end..].trim().is_empty() {
        let lead = plain.len() - plain.trim_start().len();
        return Some((lead, plain.trim_end().len().max(lead)));
    }
    let words = inner.trim();
    if words.is_empty() {
        return None;
    }
    let at = find_word(plain, words)?;
    Some((at, at + words.len()))
}

/// Where a standalone code at byte `at` of `src` goes in `plain`.
fn standalone_at(src: &str, at: usize, plain: &str) -> usize {
    let before = &src[..at];
    let after = &src[at..];
    if before.trim().is_empty() {
        return 0;
    }
    if after.trim().is_empty() {
        return plain.len();
    }
    if let Some(word) = before.split_whitespace().next_back()
        && let Some(found) = find_word(plain, word)
    {
        return found + word.len();
    }
    if let Some(word) = after.split_whitespace().next()
        && let Some(found) = find_word(plain, word)
    {
        return found;
    }
    plain.len()
}

/// The first place `words` stand in `text` as whole words (not inside a longer word).
fn find_word(text: &str, words: &str) -> Option<usize> {
    let alnum_before = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let alnum_after = |at: usize| text[at..].chars().next().is_some_and(char::is_alphanumeric);
    let edge_in = |s: &str, first: bool| {
        let c = if first {
            s.chars().next()
        } else {
            s.chars().next_back()
        };
        c.is_some_and(char::is_alphanumeric)
    };
    let (head, tail) = (edge_in(words, true), edge_in(words, false));
    text.match_indices(words)
        .map(|(at, _)| at)
        .find(|&at| !(head && alnum_before(at) || tail && alnum_after(at + words.len())))
}

/// Markers to put at one offset of the target.
struct Event {
    at: usize,
    rank: Rank,
    marks: Vec<Mark>,
}

/// The order of markers at one offset: new closes (the pair opened last first), the
/// target's own markers as they were, standalone codes and empty pairs, new opens (the
/// pair closing last first). Closing before opening keeps adjacent pairs apart.
/// Pairs over the same words open in the order they were placed (the source's outer
/// one first) and close in the reverse order.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Close(Reverse<usize>, Reverse<usize>),
    Kept(usize),
    Single,
    Open(Reverse<usize>, usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn o(n: u16) -> char {
        Mark::Open(n).char()
    }
    fn c(n: u16) -> char {
        Mark::Close(n).char()
    }
    fn s(n: u16) -> char {
        Mark::Standalone(n).char()
    }

    #[test]
    fn markers_are_private_use_characters_that_map_back() {
        for m in [
            Mark::Open(0),
            Mark::Close(7),
            Mark::Standalone(MAX_CODES - 1),
        ] {
            assert_eq!(Mark::of(m.char()), Some(m));
            assert!(('\u{E000}'..='\u{F8FF}').contains(&m.char()));
        }
        assert_eq!(Mark::of('a'), None);
        assert_eq!(
            [Mark::Open(0), Mark::Close(0), Mark::Standalone(9)].map(Mark::token),
            ["<1>", "</1>", "<10/>"]
        );
        assert_eq!(Mark::of('\u{EC00}'), None);
    }

    #[test]
    fn strip_split_and_insert_round_trip() {
        let text = format!("{}Баку{} — столица{}", o(0), c(0), s(1));
        assert_eq!(strip(&text), "Баку — столица");
        let (plain, found) = split(&text);
        assert_eq!(plain, "Баку — столица");
        assert_eq!(insert(&plain, &found), text);
        assert_eq!(tag_names(&text), ["bpt", "ept", "ph"]);
        assert!(matches!(strip("Баку"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_bold_name_is_wrapped_where_the_target_repeats_it() {
        let source = format!("Президент {}Ilham Aliyev{} прибыл.", o(0), c(0));
        assert_eq!(
            place(&source, "President Ilham Aliyev arrived."),
            format!("President {}Ilham Aliyev{} arrived.", o(0), c(0))
        );
    }

    #[test]
    fn a_pair_around_the_whole_source_wraps_the_whole_target() {
        let source = format!("{}Совместное заявление{}", o(0), c(0));
        assert_eq!(
            place(&source, " Joint statement "),
            format!(" {}Joint statement{} ", o(0), c(0))
        );
    }

    #[test]
    fn unplaceable_codes_go_to_the_end_and_standalones_follow_their_word() {
        let source = format!("Встреча {}в Баку{} 2024{} года.", o(0), c(0), s(1));
        let placed = place(&source, "The meeting in Baku in 2024.");
        assert_eq!(
            placed,
            format!("The meeting in Baku in 2024{}.{}{}", s(1), o(0), c(0))
        );
        assert!(check(&source, &placed).is_empty());
    }

    #[test]
    fn codes_the_target_has_stay_where_the_translator_put_them() {
        let source = format!("{}Баку{} и {}Москва{}", o(0), c(0), o(1), c(1));
        let target = format!("{}Baku{} and Moscow", o(0), c(0));
        assert_eq!(
            place(&source, &target),
            format!("{}Baku{} and Moscow{}{}", o(0), c(0), o(1), c(1))
        );
    }

    #[test]
    fn check_names_lost_extra_and_crossed_codes() {
        let source = format!("{}a {}b{} c{}{}", o(0), o(1), c(1), c(0), s(2));
        assert_eq!(
            check(&source, &format!("{}a {}b{} c{}", o(0), o(1), c(0), c(1))),
            [
                CodeIssue::Missing(Mark::Standalone(2)),
                CodeIssue::Misnested(Mark::Close(0)),
            ],
            "a crossing is one issue, at the pair closed out of turn"
        );
        assert_eq!(
            check(
                &source,
                &format!("{}a{}{}{}{} {}", o(0), o(1), c(1), c(0), s(2), s(2))
            ),
            [CodeIssue::Extra(Mark::Standalone(2))]
        );
        assert_eq!(
            check("a", &format!("a{}", s(0))),
            [CodeIssue::Extra(Mark::Standalone(0))]
        );
    }

    /// A segment's text with well-nested codes drawn among words.
    fn coded_text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec!["Баку", "Ilham", "Aliyev", "2024", "и", "forum", "."]);
        (prop::collection::vec((word, 0u8..6), 0..10)).prop_map(|parts| {
            let mut out = String::new();
            let mut open: Vec<u16> = Vec::new();
            let mut next = 0u16;
            for (w, action) in parts {
                match action {
                    0 => {
                        open.push(next);
                        out.push(Mark::Open(next).char());
                        next += 1;
                    }
                    1 => {
                        if let Some(n) = open.pop() {
                            out.push(Mark::Close(n).char());
                        }
                    }
                    2 => {
                        out.push(Mark::Standalone(next).char());
                        next += 1;
                    }
                    _ => {}
                }
                out.push_str(w);
                out.push(' ');
            }
            while let Some(n) = open.pop() {
                out.push(Mark::Close(n).char());
            }
            out
        })
    }

    proptest! {
        /// Whatever the texts, the placed target keeps its words and holds every code of
        /// the source exactly once, well nested.
        #[test]
        fn place_keeps_the_text_and_every_code(source in coded_text(), target in coded_text()) {
            let plain_target = strip(&target).into_owned();
            let placed = place(&source, &plain_target);
            prop_assert_eq!(strip(&placed), plain_target.as_str());
            prop_assert!(check(&source, &placed).is_empty(), "{:?} -> {:?}: {:?}", source, placed, check(&source, &placed));
        }

        /// A target that already has all the codes, well nested, is left as it is.
        #[test]
        fn a_complete_target_is_left_alone(source in coded_text()) {
            prop_assert_eq!(place(&source, &source), source.clone());
        }
    }
}
