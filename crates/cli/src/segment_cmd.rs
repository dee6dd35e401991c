//! `dragoman segment` and `dragoman srx`: segmentation on its own.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dragoman_core::limits::Limits;
use dragoman_core::segment;

use crate::input::{self, Cutting};
use crate::output::{self, SegmentLine};

/// Output formats of `dragoman segment`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One segment per line, a blank line between paragraphs.
    Lines,
    /// One JSON object per segment with byte offsets, paragraph and text.
    Jsonl,
}

#[derive(Args)]
pub struct SegmentArgs {
    /// Language of the file (detected when omitted).
    #[arg(long)]
    lang: Option<String>,
    /// SRX 2.0 file with rules to use instead of the built-in ones.
    #[arg(long)]
    srx: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "lines")]
    format: Format,
    /// The text to split: .txt, .docx or .html.
    file: PathBuf,
}

#[derive(Args)]
pub struct SrxArgs {
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub fn run(args: SegmentArgs, limits: &Limits) -> Result<()> {
    let files = [args.file];
    let lang = input::parse_langs(args.lang.as_deref(), &files)?.remove(0);
    let cutting = Cutting::Rules(args.srx.as_deref());
    let doc = input::load(&files[0], lang, &cutting, limits)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut paragraph = 0;
    for s in &doc.segments {
        let text = s.text(&doc.text);
        match args.format {
            Format::Lines => {
                if s.paragraph != paragraph {
                    writeln!(out)?;
                    paragraph = s.paragraph;
                }
                writeln!(
                    out,
                    "{}",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                )?;
            }
            Format::Jsonl => {
                let line = SegmentLine {
                    start: s.start,
                    end: s.end,
                    paragraph: s.paragraph,
                    text,
                };
                output::write_line(&mut out, &line)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub fn export_srx(args: SrxArgs) -> Result<()> {
    let srx = segment::builtin_srx();
    match args.out {
        Some(path) => {
            std::fs::write(&path, srx).with_context(|| format!("{}: cannot write", path.display()))
        }
        None => Ok(std::io::stdout().write_all(srx.as_bytes())?),
    }
}
