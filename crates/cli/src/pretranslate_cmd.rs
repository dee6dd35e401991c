//! `dragoman pretranslate`: fill a document's segments from the memory and write it for
//! a CAT tool (XLIFF 2.1 or 1.2), as a memory (TMX), or as the target text.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use dragoman_core::LanguageTag;
use dragoman_core::formats::tmx::{TmxHeader, TmxUnit, TmxWriter};
use dragoman_core::formats::xliff::{
    self, BilingualDocument, BilingualSegment, Leverage, XliffVersion,
};
use dragoman_core::segment::Segmenter;
use dragoman_core::store;
use dragoman_core::tm::lookup::{Query, lookup};
use serde::Serialize;

/// `--xliff` values.
#[derive(Clone, Copy, ValueEnum)]
enum Xliff {
    /// XLIFF 2.1.
    #[value(name = "2.1")]
    V2_1,
    /// XLIFF 1.2.
    #[value(name = "1.2")]
    V1_2,
}

#[derive(Args)]
pub struct PretranslateArgs {
    /// The document to translate (UTF-8 or UTF-16 text).
    source: PathBuf,
    /// Its language.
    #[arg(long)]
    src: String,
    /// The language to translate into.
    #[arg(long)]
    tgt: String,
    /// The lowest match score to insert (1–101).
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(1..=101))]
    min: u8,
    /// Where to write: .xlf/.xliff (XLIFF), .tmx, or .txt (the target text).
    #[arg(long, short)]
    out: PathBuf,
    /// XLIFF version for .xlf/.xliff output.
    #[arg(long, value_enum, default_value = "2.1")]
    xliff: Xliff,
    /// The memory database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// How the segments were filled.
#[derive(Serialize, Default)]
struct Summary {
    segments: usize,
    context: usize,
    exact: usize,
    fuzzy: usize,
    empty: usize,
}

pub fn run(a: PretranslateArgs) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let name = a.source.display().to_string();
    let bytes = std::fs::read(&a.source).with_context(|| format!("{name}: cannot read"))?;
    let text = dragoman_core::text::decode(&bytes).with_context(|| name.clone())?;
    let db = match &a.db {
        Some(p) => p.clone(),
        None => store::default_path()?,
    };
    let conn = store::open(&db)?;
    let segments = Segmenter::builtin(&src).split(&text);
    let texts: Vec<&str> = segments.iter().map(|s| s.text(&text)).collect();
    let mut summary = Summary {
        segments: texts.len(),
        ..Summary::default()
    };
    let mut filled = Vec::with_capacity(texts.len());
    for (i, source) in texts.iter().enumerate() {
        let mut query = Query::new(&src, &tgt, source);
        query.prev = i.checked_sub(1).map(|p| texts[p]);
        query.next = texts.get(i + 1).copied();
        query.min = a.min;
        query.top = 1;
        let best = lookup(&conn, &query)?.matches.into_iter().next();
        match best.as_ref().map(|m| m.score.0) {
            Some(101) => summary.context += 1,
            Some(100) => summary.exact += 1,
            Some(_) => summary.fuzzy += 1,
            None => summary.empty += 1,
        }
        filled.push(BilingualSegment {
            source: source.to_string(),
            target: best.as_ref().map(|m| m.target.clone()),
            leverage: best.map(|m| Leverage {
                score: m.score.0,
                stored_source: m.source,
            }),
        });
    }
    let original = a
        .source
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
    let doc = BilingualDocument {
        original,
        src,
        tgt,
        segments: filled,
    };
    write_output(&a, &doc, &text, &segments)?;
    let mut err = std::io::stderr().lock();
    if a.json {
        serde_json::to_writer(std::io::stdout().lock(), &summary)?;
        println!();
    } else {
        writeln!(
            err,
            "{}: {} segments: {} context (101%), {} exact (100%), {} fuzzy, {} empty",
            a.out.display(),
            summary.segments,
            summary.context,
            summary.exact,
            summary.fuzzy,
            summary.empty
        )?;
    }
    Ok(())
}

fn write_output(
    a: &PretranslateArgs,
    doc: &BilingualDocument,
    text: &str,
    segments: &[dragoman_core::Segment],
) -> Result<()> {
    let out_name = a.out.display().to_string();
    let ext = a
        .out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut buf = Vec::new();
    match ext.as_str() {
        "xlf" | "xliff" => {
            let version = match a.xliff {
                Xliff::V2_1 => XliffVersion::V2_1,
                Xliff::V1_2 => XliffVersion::V1_2,
            };
            xliff::write(&mut buf, doc, version)?;
        }
        "tmx" => {
            let header = TmxHeader {
                srclang: Some(doc.src.clone()),
                ..Default::default()
            };
            let mut w = TmxWriter::start(&mut buf, &header)?;
            for seg in doc.segments.iter().filter(|s| s.target.is_some()) {
                let variants = vec![
                    (doc.src.clone(), seg.source.clone()),
                    (doc.tgt.clone(), seg.target.clone().unwrap_or_default()),
                ];
                w.unit(&TmxUnit {
                    variants,
                    props: Vec::new(),
                })?;
            }
            w.finish()?;
        }
        "txt" => {
            // The target text keeps the source's paragraphs; a segment without a match
            // stays in the source language for the translator to see.
            let mut paragraph = segments.first().map_or(0, |s| s.paragraph);
            let mut line: Vec<&str> = Vec::new();
            for (seg, bead) in segments.iter().zip(&doc.segments) {
                if seg.paragraph != paragraph {
                    writeln!(buf, "{}\n", line.join(" "))?;
                    line.clear();
                    paragraph = seg.paragraph;
                }
                line.push(bead.target.as_deref().unwrap_or(seg.text(text)));
            }
            writeln!(buf, "{}", line.join(" "))?;
        }
        other => {
            bail!("{out_name}: unknown output format {other:?} (use .xlf, .xliff, .tmx or .txt)")
        }
    }
    std::fs::write(&a.out, buf).with_context(|| format!("{out_name}: cannot write"))
}
