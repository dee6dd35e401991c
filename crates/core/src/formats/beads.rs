//! An alignment as JSON Lines or TSV, the `dragoman align` output contract.
//!
//! JSON Lines: one bead per line, `{"sides":[{"start":B,"end":E,"text":"…"} | null, …],
//! "score":0.93}`, one side per document in the order given, B and E byte offsets into
//! the document's UTF-8 text. TSV: one column per document, the bead's segments joined
//! by a space, tabs and line breaks inside a segment replaced by spaces so the table
//! stays rectangular.

use serde::Serialize;

use crate::document::{Alignment, Document};

#[derive(Serialize)]
struct SideJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct BeadJson<'a> {
    sides: Vec<Option<SideJson<'a>>>,
    score: f32,
}

/// Write the alignment as JSON Lines, one bead per line.
pub fn write_jsonl(
    out: &mut impl std::io::Write,
    docs: &[Document],
    alignment: &Alignment,
) -> std::io::Result<()> {
    for bead in &alignment.beads {
        let sides = bead
            .sides
            .iter()
            .zip(docs)
            .map(|(range, doc)| {
                doc.span_of(range).map(|span| SideJson {
                    start: span.start,
                    end: span.end,
                    text: &doc.text[span],
                })
            })
            .collect();
        let score = (bead.confidence * 1000.0).round() / 1000.0;
        serde_json::to_writer(&mut *out, &BeadJson { sides, score })?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The text of a bead side for one-line formats: segments joined by a space, inner
/// whitespace runs (tabs, line breaks) collapsed to one space.
pub fn side_text(doc: &Document, range: &std::ops::Range<usize>) -> String {
    range
        .clone()
        .map(|i| {
            doc.segment_text(i)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write the alignment as TSV: a header of language tags, then one row per bead.
pub fn write_tsv(
    out: &mut impl std::io::Write,
    docs: &[Document],
    alignment: &Alignment,
) -> std::io::Result<()> {
    let header: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    writeln!(out, "{}", header.join("\t"))?;
    for bead in &alignment.beads {
        let row: Vec<String> = bead
            .sides
            .iter()
            .zip(docs)
            .map(|(r, d)| side_text(d, r))
            .collect();
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}
