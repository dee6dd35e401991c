//! `dragoman-bench docx`: reading a long Word document with its inline codes, and writing
//! its translation back.
//!
//! A document is made of real sentences, three to a paragraph: the second word of each
//! paragraph's second sentence bold, a footnote reference after its first sentence, the
//! footnote (the paragraph's last sentence again) in `word/footnotes.xml`. Timed as a job
//! and `pretranslate` do it: read the text and runs, cut it into segments, give each its
//! markers; then write every segment back as its own marked text (each one touched, the
//! writer's worst case).

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::inline;
use dragoman_core::limits::Limits;
use dragoman_core::segment::Segmenter;
use dragoman_core::source::{self, Replacement, SourceFormat};
use serde_json::json;

use crate::tm::sentences;

/// `dragoman-bench docx` arguments.
#[derive(Args)]
pub struct BenchDocxArgs {
    /// Source sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    text: PathBuf,
    /// The sentences' language (for segmentation).
    #[arg(long, default_value = "ru")]
    lang: String,
    /// How many paragraphs the document has (sentences are reused when they run out).
    #[arg(long, default_value_t = 3000)]
    paragraphs: usize,
    /// Runs of each stage, the best one reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The document and footnotes parts of `paragraphs` paragraphs of `sentences`.
fn parts(sentences: &[String], paragraphs: usize) -> (String, String) {
    let mut body = String::new();
    let mut notes = String::new();
    let mut next = sentences.iter().filter(|s| !s.is_empty()).cycle();
    let run = |props: &str, text: &str| {
        format!(
            r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(text)
        )
    };
    for p in 0..paragraphs {
        let (first, second, third) = (next.next(), next.next(), next.next());
        let (Some(first), Some(second), Some(third)) = (first, second, third) else {
            break;
        };
        let id = p + 1;
        body.push_str("<w:p>");
        body.push_str(&run("", first));
        body.push_str(&format!(
            r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        ));
        let words: Vec<&str> = second.splitn(3, ' ').collect();
        match words.as_slice() {
            [a, b, rest] => {
                body.push_str(&run("", &format!(" {a} ")));
                body.push_str(&run("<w:rPr><w:b/></w:rPr>", b));
                body.push_str(&run("", &format!(" {rest} ")));
            }
            _ => body.push_str(&run("", &format!(" {second} "))),
        }
        body.push_str(&run("", third));
        body.push_str("</w:p>");
        notes.push_str(&format!(
            r#"<w:footnote w:id="{id}"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
            run("", &format!(" {third}"))
        ));
    }
    (
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        ),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>{notes}</w:footnotes>"#),
    )
}

fn zipped(parts: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The least time of `runs` runs of `stage`, in milliseconds, and its last result.
fn best<T>(runs: usize, mut stage: impl FnMut() -> Result<T>) -> Result<(f64, T)> {
    let mut least = f64::MAX;
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = stage()?;
        least = least.min(start.elapsed().as_secs_f64() * 1000.0);
        last = Some(out);
    }
    Ok((least, last.context("at least one run")?))
}

pub fn run(a: &BenchDocxArgs) -> Result<()> {
    let lang = LanguageTag::parse(&a.lang).context("--lang")?;
    let all = sentences(&a.text)?;
    let (document, footnotes) = parts(&all, a.paragraphs);
    let unpacked = document.len() + footnotes.len();
    let bytes = zipped(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/footnotes.xml", &footnotes),
    ])?;
    let limits = Limits::default();
    let segmenter = Segmenter::builtin(&lang);
    let (read_ms, segments) = best(a.runs, || {
        let read = source::read_marked(SourceFormat::Docx, "bench.docx", &bytes, &limits)?;
        let cut = segmenter.split(read.text());
        Ok(cut
            .iter()
            .map(|s| (s.start..s.end, read.segment(s.start..s.end)))
            .collect::<Vec<_>>())
    })?;
    let codes: usize = segments
        .iter()
        .map(|(_, text)| inline::marks(text).len())
        .sum();
    let replacements: Vec<Replacement> = segments
        .iter()
        .map(|(span, text)| Replacement {
            span: span.clone(),
            text: text.clone(),
        })
        .collect();
    let (write_ms, written) = best(a.runs, || {
        Ok(source::write_translated(
            SourceFormat::Docx,
            "bench.docx",
            &bytes,
            lang.as_str(),
            &replacements,
            &limits,
        )?)
    })?;
    let again = source::read_as(SourceFormat::Docx, "out.docx", &written, &limits)?;
    let plain = source::read_as(SourceFormat::Docx, "bench.docx", &bytes, &limits)?;
    anyhow::ensure!(
        again == plain,
        "the document written back reads differently"
    );
    let mb = unpacked as f64 / 1_000_000.0;
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let figures = json!({
        "paragraphs": a.paragraphs,
        "unpacked_mb": round(mb),
        "segments": segments.len(),
        "markers": codes,
        "read_and_mark_ms": round(read_ms),
        "read_mb_per_s": round(mb / read_ms * 1000.0),
        "write_ms": round(write_ms),
        "write_mb_per_s": round(mb / write_ms * 1000.0),
    });
    println!("{figures}");
    Ok(())
}
