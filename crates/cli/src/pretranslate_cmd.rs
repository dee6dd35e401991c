//! `dragoman pretranslate`: fill a document's segments from the memory and write it for
//! a CAT tool (XLIFF 2.1 or 1.2), as a memory (TMX), as the target text, or as the
//! translated document in its own format (TXT, DOCX, HTML, and an XLIFF from another
//! tool written back into itself, same version, for that tool to take back).

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use dragoman_core::LanguageTag;
use dragoman_core::formats::bilingual;
use dragoman_core::formats::xliff::{
    self, BilingualDocument, BilingualSegment, Leverage, XliffVersion,
};
use dragoman_core::formats::xliff_back::{self, Fill};
use dragoman_core::formats::xliff_read;
use dragoman_core::inline;
use dragoman_core::limits::Limits;
use dragoman_core::segment::Segmenter;
use dragoman_core::source::{self, Replacement, SourceFormat};
use dragoman_core::store;
use dragoman_core::tm::{MatchKind, Memory};
use dragoman_core::translate;

use crate::output::{self, Pretranslation};

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
    /// The document to translate: text (UTF-8 or UTF-16), DOCX, HTML, or XLIFF 1.2/2.x
    /// from another tool (.xlf, .xliff, .sdlxliff, .mqxliff), whose segments and targets
    /// are kept.
    source: PathBuf,
    /// Its language (for XLIFF, the file's source language unless given).
    #[arg(long)]
    src: Option<String>,
    /// The language to translate into (for XLIFF, the file's target language unless given).
    #[arg(long)]
    tgt: Option<String>,
    /// The lowest match score to insert (1–101).
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(1..=101))]
    min: u8,
    /// Where to write: .xlf/.xliff (XLIFF; an XLIFF source is written back into itself,
    /// same version), .tmx, .txt (the target text; a text source keeps its layout), or
    /// .docx/.html like the source (the translated document).
    #[arg(long, short)]
    out: PathBuf,
    /// SRX segmentation rules for a TXT, DOCX or HTML source (default: the built-in ones).
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
    /// XLIFF version for .xlf/.xliff output: 2.1 unless the source is an XLIFF, which is
    /// written back as it is unless a version is given (then converted, codes left out).
    #[arg(long, value_enum)]
    xliff: Option<Xliff>,
    /// Put targets from fuzzy matches into a .tmx output too, each marked with its score
    /// (a `x-match-score` prop and a note); without it a TMX holds only exact matches.
    #[arg(long)]
    fuzzy_into_tmx: bool,
    /// The memory database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// The document to fill: its languages, segments, the targets it already has, the
/// paragraph each segment belongs to (for the target text), and for a TXT, DOCX or HTML
/// document its format, bytes and each segment's span in its text (to write it back).
struct Source {
    src: LanguageTag,
    tgt: LanguageTag,
    segments: Vec<String>,
    targets: Vec<Option<String>>,
    paragraphs: Vec<u32>,
    original: Option<(SourceFormat, Vec<u8>, Vec<Range<usize>>)>,
    /// An XLIFF source's bytes, to write the targets back into.
    xliff: Option<Vec<u8>>,
}

/// The extensions of XLIFF files as tools name them.
const XLIFF_EXTENSIONS: [&str; 4] = ["xlf", "xliff", "sdlxliff", "mqxliff"];

fn extension(path: &std::path::Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn language(
    flag: &Option<String>,
    from_file: Option<LanguageTag>,
    name: &str,
) -> Result<LanguageTag> {
    match (flag, from_file) {
        (Some(tag), _) => LanguageTag::parse(tag).with_context(|| format!("--{name}")),
        (None, Some(tag)) => Ok(tag),
        (None, None) => bail!("--{name} is needed: the file does not say"),
    }
}

fn read_source(a: &PretranslateArgs, name: &str, limits: &Limits) -> Result<Source> {
    let bytes = crate::input::read_file(&a.source, limits)?;
    if XLIFF_EXTENSIONS.contains(&extension(&a.source).as_str()) {
        let file = xliff_read::read(&bytes, limits).with_context(|| name.to_string())?;
        let src = language(&a.src, Some(file.src), "src")?;
        let tgt = language(&a.tgt, file.tgt, "tgt")?;
        // A unit is the nearest XLIFF has to a paragraph: tools make one a paragraph.
        let paragraphs = file.segments.iter().map(|s| s.unit).collect();
        let (segments, targets): (Vec<_>, Vec<_>) = file
            .segments
            .into_iter()
            .map(|s| (s.source, s.target))
            .unzip();
        return Ok(Source {
            src,
            tgt,
            segments,
            targets,
            paragraphs,
            original: None,
            xliff: Some(bytes),
        });
    }
    let src = language(&a.src, None, "src")?;
    let tgt = language(&a.tgt, None, "tgt")?;
    let format = SourceFormat::of(name, &bytes);
    let read = source::read_marked(format, name, &bytes, limits)?;
    let text = read.text();
    let segmenter = match &a.srx {
        Some(path) => {
            let rules = crate::input::read_utf8(path, limits)?;
            Segmenter::from_srx(&rules, &src, limits).with_context(|| path.display().to_string())?
        }
        None => Segmenter::builtin(&src),
    };
    let cut = segmenter.split(text);
    Ok(Source {
        src,
        tgt,
        segments: cut.iter().map(|s| read.segment(s.start..s.end)).collect(),
        targets: vec![None; cut.len()],
        paragraphs: cut.iter().map(|s| s.paragraph).collect(),
        original: Some((format, bytes, cut.iter().map(|s| s.start..s.end).collect())),
        xliff: None,
    })
}

pub fn run(a: PretranslateArgs, limits: &Limits) -> Result<()> {
    let name = a.source.display().to_string();
    let source = read_source(&a, &name, limits)?;
    // Pretranslation only reads the memory: a mistyped --db must not invent an empty one
    // and answer "no match" for every segment; the default path is made as by `tm`.
    let conn = match &a.db {
        Some(path) => store::open_existing(path)?,
        None => Memory::open(&store::default_path()?)?.into_connection(),
    };
    let texts: Vec<&str> = source.segments.iter().map(String::as_str).collect();
    let mut summary = Pretranslation {
        segments: texts.len(),
        ..Pretranslation::default()
    };
    let mut filled = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        if let Some(kept) = &source.targets[i] {
            summary.kept += 1;
            filled.push(BilingualSegment {
                source: text.to_string(),
                target: Some(kept.clone()),
                leverage: None,
            });
            continue;
        }
        let best = if inline::strip(text).trim().is_empty() {
            None
        } else {
            translate::best_match(&conn, &source.src, &source.tgt, &texts, i, a.min)?
        };
        match best.as_ref().map(|m| m.score.0) {
            Some(101) => summary.context += 1,
            Some(100) => summary.exact += 1,
            Some(_) => summary.fuzzy += 1,
            None => summary.empty += 1,
        }
        match best.as_ref().map(|m| &m.kind) {
            Some(MatchKind::Sentence { .. }) => summary.sentences += 1,
            Some(MatchKind::Joined { .. }) => summary.joined += 1,
            _ => {}
        }
        filled.push(BilingualSegment {
            source: text.to_string(),
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
        src: source.src.clone(),
        tgt: source.tgt.clone(),
        segments: filled,
    };
    write_output(&a, &doc, &source, limits)?;
    if a.json {
        output::write_line(&mut std::io::stdout().lock(), &summary)?;
    } else {
        note!(
            "{}: {} segments: {} kept, {} context (101%), {} exact (100%), {} fuzzy, {} empty; \
             {} from a sentence of a unit, {} from units joined",
            a.out.display(),
            summary.segments,
            summary.kept,
            summary.context,
            summary.exact,
            summary.fuzzy,
            summary.empty,
            summary.sentences,
            summary.joined
        );
    }
    Ok(())
}

fn write_output(
    a: &PretranslateArgs,
    doc: &BilingualDocument,
    source: &Source,
    limits: &Limits,
) -> Result<()> {
    let out_name = a.out.display().to_string();
    let ext = extension(&a.out);
    let mut buf = Vec::new();
    match ext.as_str() {
        _ if XLIFF_EXTENSIONS.contains(&ext.as_str()) => match (&source.xliff, a.xliff) {
            (Some(bytes), None) => {
                // Targets the file already has are kept; only the filled ones go in.
                let fills: Vec<Option<Fill>> = doc
                    .segments
                    .iter()
                    .zip(&source.targets)
                    .map(|(s, kept)| match (&s.target, kept) {
                        (Some(target), None) => Some(Fill {
                            target,
                            leverage: s.leverage.as_ref(),
                        }),
                        _ => None,
                    })
                    .collect();
                buf = xliff_back::write_back(bytes, &fills, &doc.tgt, limits)
                    .with_context(|| a.source.display().to_string())?;
            }
            (_, version) => {
                let version = match version {
                    Some(Xliff::V1_2) => XliffVersion::V1_2,
                    Some(Xliff::V2_1) | None => XliffVersion::V2_1,
                };
                xliff::write(&mut buf, doc, version)?;
            }
        },
        "tmx" => {
            bilingual::write_tmx(&mut buf, doc, a.fuzzy_into_tmx)?;
        }
        "txt" | "docx" | "html" | "htm" => match &source.original {
            Some((format, bytes, spans))
                if format.extension() == ext || (ext == "htm" && *format == SourceFormat::Html) =>
            {
                let name = a.source.display().to_string();
                let replacements: Vec<Replacement> = doc
                    .segments
                    .iter()
                    .zip(spans)
                    .filter_map(|(s, span)| {
                        // A DOCX target keeps its markers: they become its runs.
                        s.target.as_ref().map(|text| Replacement {
                            span: span.clone(),
                            text: match format {
                                SourceFormat::Docx => text.clone(),
                                _ => inline::strip(text).into_owned(),
                            },
                        })
                    })
                    .collect();
                buf = source::write_translated(
                    *format,
                    &name,
                    bytes,
                    doc.tgt.as_str(),
                    &replacements,
                    limits,
                )?;
            }
            _ if ext == "txt" => bilingual::write_text(&mut buf, doc, &source.paragraphs)?,
            _ => bail!(
                "{out_name}: a .{ext} is written only from a .{ext} source (use .txt for the target text)"
            ),
        },
        other => {
            bail!(
                "{out_name}: unknown output format {other:?} (use .xlf, .xliff, .tmx, .txt, .docx or .html)"
            )
        }
    }
    std::fs::write(&a.out, buf).with_context(|| format!("{out_name}: cannot write"))
}
