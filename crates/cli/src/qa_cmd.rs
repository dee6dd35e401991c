//! `dragoman qa`: check a translated file against its source line by line, with the
//! glossaries of the database (missing and forbidden terms, numbers). `dragoman glossary
//! qa` checks one segment pair with the same rules and the same report.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::glossary::recognize::TermIndex;
use dragoman_core::glossary::{Concept, Glossaries, qa};
use dragoman_core::limits::Limits;
use dragoman_core::store;

use crate::output::{self, QaLine};

#[derive(Args)]
pub struct QaArgs {
    /// The database whose glossaries are checked against (default: dragoman.sqlite in the
    /// user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON (one object per issue) instead of text for people.
    #[arg(long)]
    json: bool,
    /// Source language.
    #[arg(long)]
    src: String,
    /// Target language.
    #[arg(long)]
    tgt: String,
    /// Use only these glossaries (default: every enabled one).
    #[arg(long)]
    glossary: Vec<String>,
    /// The source text, one segment a line.
    source: PathBuf,
    /// Its translation, line for line.
    target: PathBuf,
}

/// The glossaries' concepts with term indexes for the two languages of a check.
pub(crate) struct Checker {
    concepts: Vec<Concept>,
    source_terms: TermIndex,
    target_terms: TermIndex,
}

impl Checker {
    /// Load the named glossaries (every enabled one when `names` is empty) and index them.
    pub(crate) fn load(
        glossaries: &Glossaries,
        names: &[String],
        src: &str,
        tgt: &str,
    ) -> Result<Self> {
        let src = LanguageTag::parse(src).context("--src")?;
        let tgt = LanguageTag::parse(tgt).context("--tgt")?;
        let concepts: Vec<Concept> = glossaries
            .load(names)?
            .into_iter()
            .map(|s| s.concept)
            .collect();
        let source_terms = TermIndex::build(&concepts, &src);
        let target_terms = TermIndex::build(&concepts, &tgt);
        Ok(Self {
            concepts,
            source_terms,
            target_terms,
        })
    }

    /// Check one segment pair and write its issues; `line` (1-based) is reported when the
    /// pair comes from files.
    pub(crate) fn report(
        &self,
        source: &str,
        target: &str,
        line: Option<usize>,
        json: bool,
        out: &mut impl Write,
    ) -> Result<usize> {
        let issues = qa::check(
            source,
            target,
            &self.concepts,
            &self.source_terms,
            &self.target_terms,
        );
        for issue in &issues {
            let found = QaLine::new(issue, &self.concepts, source, target, line);
            let (kind, message) = (found.kind, &found.message);
            if json {
                output::write_line(out, &found)?;
            } else if let Some(line) = line {
                writeln!(out, "{line}: {kind}: {message}")?;
            } else {
                writeln!(out, "{kind}: {message}")?;
            }
        }
        Ok(issues.len())
    }
}

fn read_lines(path: &Path, limits: &Limits) -> Result<Vec<String>> {
    let name = path.display().to_string();
    let bytes = crate::input::read_file(path, limits)?;
    let text = dragoman_core::text::decode(&bytes).with_context(|| name.clone())?;
    dragoman_core::text::check_lines(&text, limits).with_context(|| name.clone())?;
    Ok(text.lines().map(str::to_owned).collect())
}

/// Check the target file against the source file, line by line.
pub fn run(args: QaArgs, limits: &Limits) -> Result<()> {
    let source = read_lines(&args.source, limits)?;
    let target = read_lines(&args.target, limits)?;
    if source.len() != target.len() {
        bail!(
            "{}: {} lines but {} has {}; qa compares the files line by line",
            args.target.display(),
            target.len(),
            args.source.display(),
            source.len()
        );
    }
    // A mistyped --db path must not become a new, empty memory.
    let glossaries = match &args.db {
        Some(path) => Glossaries::from(store::open_existing(path)?),
        None => Glossaries::open(&store::default_path()?)?,
    };
    let checker = Checker::load(&glossaries, &args.glossary, &args.src, &args.tgt)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut total = 0;
    for (i, (s, t)) in source.iter().zip(&target).enumerate() {
        total += checker.report(s, t, Some(i + 1), args.json, &mut out)?;
    }
    out.flush()?;
    note!("{total} issues in {} lines", source.len());
    Ok(())
}
