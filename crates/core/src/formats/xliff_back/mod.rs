//! Writing translations back into the XLIFF 1.2 or 2.x file they came from, so that the
//! tool that wrote it (Trados, memoQ, Okapi, OmegaT, translate-toolkit) takes it back.
//!
//! The file is not rewritten but spliced: every byte is copied as it was (other tools'
//! namespaces and attributes, comments, white space, `xml:space`, files, groups, ids,
//! language tags as given) except where a segment Dragoman fills gets its target. A
//! filled XLIFF 2 segment gets a `target` after its `source` and a `state` (`translated`
//! for an exact or context match and the translator's own text, `initial` with the score
//! in `subState` for a fuzzy one), and a match from the memory becomes a `mtc:match` of
//! the Matches module with its similarity, stored source and target. A filled XLIFF 1.2
//! `trans-unit` gets a `target` (with a `mrk mtype="seg"` per segment of a `seg-source`,
//! what lies between them copied from it) whose `state` and `state-qualifier` say
//! `translated`/`exact-match` or `needs-review-translation`/`fuzzy-match`, never `final`,
//! and an `alt-trans` per match with its `match-quality`. Targets already in the file are
//! left as they are, unless the fill is different text (the translator's change). Inline
//! codes go into the target as the same elements as in the source, ids kept.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xliff::Leverage;
use super::xliff_read::{self, UnitKind, UnitLayout, XliffError, XliffFile, XliffSegment, line_of};
use crate::inline::{self, Mark};
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::text::{decode, forbidden_xml_char};

/// The namespace of XLIFF 2's Matches module.
const MATCHES_NS: &str = "urn:oasis:names:tc:xliff:matches:2.0";

/// What goes into one segment's target.
#[derive(Debug, Clone, Copy)]
pub struct Fill<'a> {
    /// The target text, inline codes as markers numbered as in the segment's source.
    pub target: &'a str,
    /// The memory match it was taken from, or `None` for the translator's own text.
    pub leverage: Option<&'a Leverage>,
}

/// Write `bytes`, an XLIFF file, with `fills[i]` as the target of its segment `i` (as
/// [`xliff_read::read`] numbers them), in target language `tgt` where the file names
/// none; in the same encoding (UTF-8, or UTF-16 with its BOM). The file is read within
/// `limits`. Fills past the segments are ignored.
pub fn write_back(
    bytes: &[u8],
    fills: &[Option<Fill>],
    tgt: &LanguageTag,
    limits: &Limits,
) -> Result<Vec<u8>, XliffError> {
    let text = decode(bytes)?;
    let file = xliff_read::read_text(&text, limits)?;
    if !(file.version.starts_with("1.") || file.version.starts_with("2.")) {
        return Err(XliffError::UnknownVersion(file.version.clone()));
    }
    let splice = Splice {
        text: &text,
        file: &file,
        fills,
    };
    let mut edits = Vec::new();
    for unit in &file.layout.units {
        splice.unit(unit, &mut edits)?;
    }
    if !edits.is_empty() {
        for &(at, name) in &file.layout.language_slots {
            edits.push((at..at, format!(" {name}=\"{}\"", attribute(tgt.as_str()))));
        }
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut at = 0;
    for (range, new) in edits {
        debug_assert!(range.start >= at, "edits do not overlap");
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Ok(encode_like(bytes, &out))
}

/// `text` encoded as `original` is: UTF-16 with its BOM, or UTF-8 with a BOM if it had one.
fn encode_like(original: &[u8], text: &str) -> Vec<u8> {
    match original {
        [0xFF, 0xFE, ..] => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        [0xFE, 0xFF, ..] => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        [0xEF, 0xBB, 0xBF, ..] => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        _ => text.as_bytes().to_vec(),
    }
}

/// The file, its text and what goes into it.
struct Splice<'a> {
    text: &'a str,
    file: &'a XliffFile,
    fills: &'a [Option<Fill<'a>>],
}

/// A segment's target as the state attributes see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    /// From a fuzzy match.
    Fuzzy,
    /// From an exact or context match.
    Exact,
    /// The translator's own.
    Own,
}

fn standing(fill: &Fill) -> Standing {
    match fill.leverage {
        None => Standing::Own,
        Some(l) if l.score >= 100 => Standing::Exact,
        Some(_) => Standing::Fuzzy,
    }
}

impl Splice<'_> {
    /// The fill of segment `i` if it changes the file: a target it has not, or other text.
    fn fill(&self, i: usize) -> Option<&Fill<'_>> {
        let fill = self.fills.get(i)?.as_ref()?;
        let segment = &self.file.segments[i];
        if inline::strip(fill.target).trim().is_empty() {
            return None;
        }
        match &segment.target {
            Some(existing) if existing == fill.target => None,
            _ => Some(fill),
        }
    }

    fn unit(
        &self,
        unit: &UnitLayout,
        edits: &mut Vec<(Range<usize>, String)>,
    ) -> Result<(), XliffError> {
        let p = &unit.prefix;
        match &unit.kind {
            UnitKind::V2 {
                tag_end,
                matches_end,
                segments,
            } => {
                let mut matches = String::new();
                for (i, layout) in unit.segments.clone().zip(segments) {
                    let Some(fill) = self.fill(i) else { continue };
                    let segment = &self.file.segments[i];
                    let content = self.content(segment, fill.target, true)?;
                    let (state, sub_state) = match (standing(fill), fill.leverage) {
                        (Standing::Fuzzy, Some(l)) => {
                            ("initial", Some(format!("dragoman:{}", l.score)))
                        }
                        (_, Some(l)) => ("translated", Some(format!("dragoman:{}", l.score))),
                        (_, None) => ("translated", None),
                    };
                    let mut set = vec![("state", state.to_string())];
                    set.extend(sub_state.map(|s| ("subState", s)));
                    let tag =
                        start_tag(&self.text[layout.tag.clone()], &["state", "subState"], &set);
                    edits.push((layout.tag.clone(), tag));
                    let target = match &layout.target {
                        Some(slot) => {
                            let tag = start_tag(&self.text[slot.tag.clone()], &[], &[]);
                            edits.push((
                                slot.element.clone(),
                                format!("{tag}{content}</{p}target>"),
                            ));
                            continue_matches(&mut matches, layout.id.as_deref(), fill, p);
                            continue;
                        }
                        None => {
                            let space = self.source_space(segment);
                            format!("{}<{p}target{space}>{content}</{p}target>", unit.indent)
                        }
                    };
                    edits.push((layout.after_source..layout.after_source, target));
                    continue_matches(&mut matches, layout.id.as_deref(), fill, p);
                }
                if !matches.is_empty() {
                    match matches_end {
                        Some(end) => edits.push((*end..*end, matches)),
                        None => edits.push((
                            *tag_end..*tag_end,
                            format!(
                                "{}<mtc:matches xmlns:mtc=\"{MATCHES_NS}\">{matches}</mtc:matches>",
                                unit.indent
                            ),
                        )),
                    }
                }
            }
            UnitKind::V1 {
                after_source,
                target,
                marks,
                blank_target,
            } => {
                let filled: Vec<(usize, &Fill)> = unit
                    .segments
                    .clone()
                    .filter_map(|i| self.fill(i).map(|f| (i, f)))
                    .collect();
                if filled.is_empty() {
                    return Ok(());
                }
                let fill_of = |i: usize| filled.iter().find(|(j, _)| *j == i).map(|(_, f)| *f);
                // The target's state: the least finished of its segments.
                let untranslated = unit
                    .segments
                    .clone()
                    .any(|i| fill_of(i).is_none() && self.file.segments[i].target.is_none());
                let worst = filled.iter().map(|(_, f)| standing(f)).min();
                let mut set: Vec<(&str, String)> = Vec::new();
                match (untranslated, worst) {
                    (true, _) => set.push(("state", "needs-translation".into())),
                    (false, Some(Standing::Fuzzy)) => {
                        set.push(("state", "needs-review-translation".into()));
                        set.push(("state-qualifier", "fuzzy-match".into()));
                    }
                    (false, Some(Standing::Exact)) => {
                        set.push(("state", "translated".into()));
                        set.push(("state-qualifier", "exact-match".into()));
                    }
                    (false, _) => set.push(("state", "translated".into())),
                }
                let mut alt = String::new();
                for (i, fill) in &filled {
                    if let Some(l) = fill.leverage {
                        let mid = marks
                            .as_ref()
                            .map(|m| m.marks[i - unit.segments.start].0.as_str());
                        alt.push_str(&alt_trans(l, fill.target, mid, p, &unit.indent));
                    }
                }
                let drop = ["state", "state-qualifier"];
                match (marks, target) {
                    // Segments in an existing target: each into its own mrk.
                    (Some(marked), Some(slot)) if !blank_target => {
                        // Unsegmented text in the target of marked segments is the
                        // translator's: kept as it is.
                        if marked.targets.iter().all(Option::is_none) {
                            return Ok(());
                        }
                        for (i, fill) in &filled {
                            let k = i - unit.segments.start;
                            let content =
                                self.content(&self.file.segments[*i], fill.target, false)?;
                            match &marked.targets[k] {
                                Some(mrk) => {
                                    let tag = start_tag(&self.text[mrk.tag.clone()], &[], &[]);
                                    edits.push((
                                        mrk.element.clone(),
                                        format!("{tag}{content}</{p}mrk>"),
                                    ));
                                }
                                None => {
                                    let mid = attribute(&marked.marks[k].0);
                                    let end = slot.content.end;
                                    edits.push((
                                        end..end,
                                        format!(
                                            "<{p}mrk mtype=\"seg\" mid=\"{mid}\">{content}</{p}mrk>"
                                        ),
                                    ));
                                }
                            }
                        }
                        edits.push((
                            slot.tag.clone(),
                            start_tag(&self.text[slot.tag.clone()], &drop, &set),
                        ));
                        edits.push((slot.element.end..slot.element.end, alt));
                    }
                    _ => {
                        let content = match marks {
                            Some(marked) => {
                                let mut content = String::new();
                                let mut at = marked.content.start;
                                for (k, (_, range)) in marked.marks.iter().enumerate() {
                                    content.push_str(&self.text[at..range.start]);
                                    let i = unit.segments.start + k;
                                    if let Some(fill) = fill_of(i) {
                                        content.push_str(&self.content(
                                            &self.file.segments[i],
                                            fill.target,
                                            false,
                                        )?);
                                    }
                                    at = range.end;
                                }
                                content.push_str(&self.text[at..marked.content.end]);
                                content
                            }
                            None => {
                                let (i, fill) = filled[0];
                                self.content(&self.file.segments[i], fill.target, false)?
                            }
                        };
                        match target {
                            Some(slot) => {
                                let tag = start_tag(&self.text[slot.tag.clone()], &drop, &set);
                                edits.push((
                                    slot.element.clone(),
                                    format!("{tag}{content}</{p}target>{alt}"),
                                ));
                            }
                            None => {
                                let segment = &self.file.segments[unit.segments.start];
                                let space = self.source_space(segment);
                                let tag = start_tag(&format!("<{p}target{space}>"), &[], &set);
                                edits.push((
                                    *after_source..*after_source,
                                    format!("{}{tag}{content}</{p}target>{alt}", unit.indent),
                                ));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// ` xml:space="preserve"` when the segment's source element says so, so that the
    /// target's white space is read as it is written.
    fn source_space(&self, segment: &XliffSegment) -> &'static str {
        let before = &self.text[..segment.span.start];
        let tag = before.rfind('<').map_or("", |at| &before[at..]);
        if tag.contains("xml:space=\"preserve\"") || tag.contains("xml:space='preserve'") {
            " xml:space=\"preserve\""
        } else {
            ""
        }
    }

    /// A target's text as XLIFF content: text escaped, each marker the code it stands
    /// for in the source; refused when that is not well-formed XML.
    fn content(
        &self,
        segment: &XliffSegment,
        target: &str,
        v2: bool,
    ) -> Result<String, XliffError> {
        let line = line_of(self.text, segment.span.start);
        let fault = |message: String| XliffError::TargetCodes {
            line,
            id: segment.id.clone(),
            message,
        };
        let mut out = String::with_capacity(target.len());
        for c in target.chars() {
            let Some(mark) = Mark::of(c) else {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    _ if forbidden_xml_char(c.encode_utf8(&mut [0; 4])).is_some() => {
                        if !v2 {
                            return Err(XliffError::Unwritable {
                                line,
                                id: segment.id.clone(),
                                code: c as u32,
                            });
                        }
                        out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32));
                    }
                    _ => out.push(c),
                }
                continue;
            };
            let n = mark.number();
            let code = segment
                .codes
                .get(usize::from(n))
                .ok_or_else(|| fault(format!("code {} is not in its source", n + 1)))?;
            let raw = match (mark, &code.close) {
                (Mark::Open(_), Some(_)) => &code.open,
                (Mark::Close(_), Some(close)) => close,
                (Mark::Standalone(_), None) => &code.open,
                _ => {
                    return Err(fault(format!(
                        "code {} is paired in one and not the other",
                        n + 1
                    )));
                }
            };
            out.push_str(raw);
        }
        well_formed(&out).map_err(|e| fault(format!("its codes cross or are incomplete: {e}")))?;
        Ok(out)
    }
}

/// Add the `mtc:match` of a fill from the memory to `matches`.
fn continue_matches(matches: &mut String, id: Option<&str>, fill: &Fill, p: &str) {
    // A match points at its segment by id; a segment without one cannot be pointed at.
    let (Some(l), Some(id)) = (fill.leverage, id) else {
        return;
    };
    let score = l.score.min(100);
    let kind = if l.score >= 101 {
        "dragoman:context"
    } else {
        "dragoman:tm"
    };
    matches.push_str(&format!(
        "<mtc:match ref=\"#{}\" type=\"tm\" subType=\"{kind}\" similarity=\"{score}\" matchQuality=\"{score}\" origin=\"Dragoman\"><{p}source>{}</{p}source><{p}target>{}</{p}target></mtc:match>",
        attribute(id),
        escape(&l.stored_source),
        escape(&inline::strip(fill.target)),
    ));
}

/// An XLIFF 1.2 `alt-trans` for a match: its quality, the stored source and the target.
fn alt_trans(l: &Leverage, target: &str, mid: Option<&str>, p: &str, indent: &str) -> String {
    let mid = mid.map_or(String::new(), |m| format!(" mid=\"{}\"", attribute(m)));
    format!(
        "{indent}<{p}alt-trans{mid} match-quality=\"{}\" origin=\"Dragoman\"><{p}source>{}</{p}source><{p}target>{}</{p}target></{p}alt-trans>",
        l.score.min(100),
        escape(&l.stored_source),
        escape(&inline::strip(target)),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn attribute(value: &str) -> String {
    escape(value).replace('"', "&quot;")
}

/// Whether `content` is well-formed XML element content.
fn well_formed(content: &str) -> Result<(), quick_xml::Error> {
    let wrapped = format!("<t>{content}</t>");
    let mut reader = Reader::from_str(&wrapped);
    loop {
        if let Event::Eof = reader.read_event()? {
            return Ok(());
        }
    }
}

/// `raw`, a start tag as written (`<target xml:lang="en"/>`), as a start tag (ending in
/// `>`) without the attributes named in `drop` and with those of `set` after the others.
fn start_tag(raw: &str, drop: &[&str], set: &[(&str, String)]) -> String {
    let body = raw.trim_end_matches('>').trim_end_matches('/');
    let name_end = body
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(body.len());
    let mut out = body[..name_end].to_string();
    let mut rest = &body[name_end..];
    // Attributes as written: white space, name, `=`, a quoted value.
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next() else {
            break;
        };
        let Some(close) = after[1..].find(quote) else {
            break;
        };
        let value_end = rest.len() - after.len() + 1 + close + 1;
        if !drop.contains(&name) {
            out.push_str(&rest[..value_end]);
        }
        rest = &rest[value_end..];
    }
    for (name, value) in set {
        out.push_str(&format!(" {name}=\"{}\"", attribute(value)));
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests;
