//! `dragoman align`: the aligner's command-line contract (kept stable for scripts).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dragoman_core::LanguageTag;
use dragoman_core::align::{self, AlignOptions, TermPair};
use dragoman_core::formats::{beads, tmx};
use dragoman_core::glossary::{Glossaries, term_pairs};
use dragoman_core::limits::Limits;
use dragoman_core::tm::Memory;

use crate::input::{self, Cutting};
use crate::output::{self, AlignedBead};

/// Output formats of `dragoman align`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One JSON object per bead with byte offsets and text.
    Jsonl,
    /// One column per file, one row per bead.
    Tsv,
    /// TMX 1.4b, one translation unit per bead.
    Tmx,
}

/// The longest memory unit taken as a term pair for the aligner, in characters.
const MEMORY_TERM_CHARS: usize = 40;

#[derive(Args)]
pub struct AlignArgs {
    /// Language of each file, comma-separated in file order (detected when omitted).
    #[arg(long)]
    langs: Option<String>,
    /// Each line is one segment; never re-split.
    #[arg(long)]
    presegmented: bool,
    /// SRX 2.0 file with segmentation rules to use instead of the built-in ones.
    #[arg(long, conflicts_with = "presegmented")]
    srx: Option<PathBuf>,
    /// A glossary file (.csv, .tsv, .xlsx, .tbx) whose term pairs anchor the alignment:
    /// segments sharing a pair are more likely to be aligned. Repeatable.
    #[arg(long = "glossary", value_name = "FILE")]
    glossaries: Vec<PathBuf>,
    /// A Dragoman database whose enabled glossaries, and the memory's term-like units,
    /// anchor the alignment too.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Two or three versions of the same text: .txt, .docx or .html.
    #[arg(required = true, num_args = 2..=3)]
    files: Vec<PathBuf>,
}

pub fn run(args: AlignArgs, limits: &Limits) -> Result<()> {
    let langs = input::parse_langs(args.langs.as_deref(), &args.files)?;
    let cutting = if args.presegmented {
        Cutting::Presegmented
    } else {
        Cutting::Rules(args.srx.as_deref())
    };
    let docs = args
        .files
        .iter()
        .zip(langs)
        .map(|(path, lang)| input::load(path, lang, &cutting, limits))
        .collect::<Result<Vec<_>>>()?;
    let mut concepts = Vec::new();
    for path in &args.glossaries {
        concepts.extend(crate::glossary_cmd::read_file(path, None, limits)?);
    }
    let langs: Vec<LanguageTag> = docs.iter().map(|d| d.lang.clone()).collect();
    let mut lexicon = Vec::new();
    if let Some(db) = &args.db {
        let glossaries = Glossaries::from(dragoman_core::store::open_existing(db)?);
        concepts.extend(glossaries.load(&[])?.into_iter().map(|s| s.concept));
        let memory = Memory::from(glossaries.into_connection());
        // Term-like units of the memory (names, titles, set phrases) are evidence too.
        for (i, a) in langs.iter().enumerate() {
            for b in &langs[i + 1..] {
                for (source, target) in memory.short_pairs(a, b, MEMORY_TERM_CHARS)? {
                    lexicon.push(TermPair {
                        source_lang: a.clone(),
                        source,
                        target_lang: b.clone(),
                        target,
                    });
                }
            }
        }
    }
    lexicon.extend(term_pairs(&concepts, &langs));
    let opts = AlignOptions {
        lexicon,
        ..AlignOptions::default()
    };
    let alignment = align::align(&docs, &opts)?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(&mut out);
    match args.format {
        Format::Jsonl => {
            for bead in AlignedBead::all(&docs, &alignment) {
                output::write_line(&mut out, &bead)?;
            }
        }
        Format::Tsv => beads::write_tsv(&mut out, &docs, &alignment)?,
        Format::Tmx => {
            let header = tmx::TmxHeader {
                srclang: Some(docs[0].lang.clone()),
                ..Default::default()
            };
            let mut w = tmx::TmxWriter::start(&mut out, &header)?;
            for bead in &alignment.beads {
                let variants = bead
                    .sides
                    .iter()
                    .zip(&docs)
                    .filter(|(r, _)| !r.is_empty())
                    .map(|(r, d)| (d.lang.clone(), beads::side_text(d, r)))
                    .collect::<Vec<_>>();
                if variants.len() >= 2 {
                    w.unit(&tmx::TmxUnit {
                        variants,
                        props: Vec::new(),
                        notes: Vec::new(),
                    })?;
                }
            }
            w.finish()?;
        }
    }
    out.flush()?;
    Ok(())
}
