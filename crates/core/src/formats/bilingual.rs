//! A bilingual document ([`BilingualDocument`]) written as something other than XLIFF:
//! a TMX memory of its translated pairs, or the target text.

use std::io::Write;

use super::tmx::{TmxHeader, TmxUnit, TmxWriter};
use super::xliff::BilingualDocument;
use crate::inline;

/// Write every segment of `doc` that has a target as a TMX 1.4b unit, inline codes left
/// out; returns how many. A target from a fuzzy match is no translation anyone made of
/// that source, so it is left out unless `fuzzy`, and then it says so: a `x-match-score`
/// prop and a note, which a tool reading the memory shows beside it.
pub fn write_tmx(out: impl Write, doc: &BilingualDocument, fuzzy: bool) -> std::io::Result<usize> {
    let header = TmxHeader {
        srclang: Some(doc.src.clone()),
        ..Default::default()
    };
    let mut w = TmxWriter::start(out, &header)?;
    let mut units = 0;
    for seg in &doc.segments {
        let Some(target) = &seg.target else { continue };
        let score = seg.leverage.as_ref().map(|l| l.score).filter(|&s| s < 100);
        if score.is_some() && !fuzzy {
            continue;
        }
        let variants = vec![
            (doc.src.clone(), inline::strip(&seg.source).into_owned()),
            (doc.tgt.clone(), inline::strip(target).into_owned()),
        ];
        let (props, notes) = match score {
            Some(score) => (
                vec![("x-match-score".to_string(), score.to_string())],
                vec![format!(
                    "Fuzzy match ({score}%) filled in by pre-translation, not reviewed"
                )],
            ),
            None => (Vec::new(), Vec::new()),
        };
        w.unit(&TmxUnit {
            variants,
            props,
            notes,
        })?;
        units += 1;
    }
    w.finish()?;
    Ok(units)
}

/// Write the target text of `doc`, a blank line between paragraphs (`paragraphs[i]` is
/// segment `i`'s). A segment without a target stays in the source language, for the
/// translator to see what is left.
pub fn write_text(
    mut out: impl Write,
    doc: &BilingualDocument,
    paragraphs: &[u32],
) -> std::io::Result<()> {
    let mut paragraph = paragraphs.first().copied().unwrap_or(0);
    let mut line: Vec<std::borrow::Cow<str>> = Vec::new();
    for (&p, seg) in paragraphs.iter().zip(&doc.segments) {
        if p != paragraph {
            writeln!(out, "{}\n", line.join(" "))?;
            line.clear();
            paragraph = p;
        }
        line.push(inline::strip(seg.target.as_deref().unwrap_or(&seg.source)));
    }
    writeln!(out, "{}", line.join(" "))
}
