//! A bilingual document ([`BilingualDocument`]) written as something other than XLIFF:
//! a TMX memory of its translated pairs, or the target text.

use std::io::Write;

use super::tmx::{TmxHeader, TmxUnit, TmxWriter};
use super::xliff::BilingualDocument;

/// Write every segment of `doc` that has a target as a TMX 1.4b unit; returns how many.
pub fn write_tmx(out: impl Write, doc: &BilingualDocument) -> std::io::Result<usize> {
    let header = TmxHeader {
        srclang: Some(doc.src.clone()),
        ..Default::default()
    };
    let mut w = TmxWriter::start(out, &header)?;
    let mut units = 0;
    for seg in &doc.segments {
        let Some(target) = &seg.target else { continue };
        let variants = vec![
            (doc.src.clone(), seg.source.clone()),
            (doc.tgt.clone(), target.clone()),
        ];
        w.unit(&TmxUnit {
            variants,
            props: Vec::new(),
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
    let mut line: Vec<&str> = Vec::new();
    for (&p, seg) in paragraphs.iter().zip(&doc.segments) {
        if p != paragraph {
            writeln!(out, "{}\n", line.join(" "))?;
            line.clear();
            paragraph = p;
        }
        line.push(seg.target.as_deref().unwrap_or(&seg.source));
    }
    writeln!(out, "{}", line.join(" "))
}
