//! `dragoman glossary …`: glossaries from the command line, in the same database as the
//! memory.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use dragoman_core::LanguageTag;
use dragoman_core::glossary::file::GlossaryFile;
use dragoman_core::glossary::memory_terms::SuggestionQuery;
use dragoman_core::glossary::recognize::TermIndex;
use dragoman_core::glossary::table::{Synonyms, TableLayout};
use dragoman_core::glossary::{
    Concept, Glossaries, GlossarySource, GlossaryTarget, MatchMode, Term, TermStatus,
};
use dragoman_core::limits::Limits;
use dragoman_core::store::{self, glossary as stored};

use crate::output::{
    self, GlossaryAdd, GlossaryExport, GlossaryImport, GlossaryLine, Suggestion, TermsFound,
};

#[derive(Args)]
pub struct GlossaryArgs {
    /// The database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON (one object per line) instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: GlossaryCommand,
}

#[derive(Subcommand)]
enum GlossaryCommand {
    /// Import a glossary file (.csv, .tsv, .xlsx, .tbx v2 or v3, OmegaT's .txt/.utf8/.tab
    /// with --langs), all or nothing.
    Import(ImportArgs),
    /// Export a glossary as .csv, .tsv, .xlsx, .tbx (TBX-Basic v3, or v2 with --tbx 2) or
    /// OmegaT's glossary (.utf8/.tab, or --omegat).
    Export(ExportArgs),
    /// Add a concept (or terms to a known one): `--term ru=межрегиональный форум`.
    Add(AddArgs),
    /// List the glossaries with their priority and size.
    List,
    /// Use a glossary in recognition again.
    Enable(NameArg),
    /// Stop using a glossary in recognition (its concepts stay).
    Disable(NameArg),
    /// Find glossary terms, in any inflected form, in a segment or in each line of stdin.
    Find(FindArgs),
    /// Check a translation against the glossary: missing and forbidden terms, numbers.
    Qa(QaArgs),
    /// Propose new terms from the units in the memory.
    Suggest(SuggestArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Policy {
    /// Add the terms and fields a known concept lacks.
    Merge,
    /// Replace known concepts.
    Overwrite,
    /// Leave known concepts as they are.
    Skip,
}

#[derive(Args)]
struct ImportArgs {
    /// The glossary file.
    file: PathBuf,
    /// The glossary to import into (created if needed; default: the file's name).
    #[arg(long)]
    glossary: Option<String>,
    /// The column that identifies concepts in a table (default: `id`).
    #[arg(long)]
    id_column: Option<String>,
    /// What to do with concepts the glossary already has.
    #[arg(long, value_enum, default_value = "merge")]
    policy: Policy,
    /// Priority of a glossary created by this import (higher wins).
    #[arg(long, default_value_t = 0)]
    priority: i64,
    /// Source and target language of an OmegaT glossary (no header): `--langs ru,en`.
    /// Given for a .txt or .tsv file, it says the file is one.
    #[arg(long, value_name = "SOURCE,TARGET")]
    langs: Option<String>,
}

/// A glossary file format.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// TermBase eXchange, TBX-Basic v3.
    Tbx,
    /// Comma-separated table, one concept a row.
    Csv,
    /// Tab-separated table, one concept a row.
    Tsv,
    /// Excel workbook, one concept a row.
    Xlsx,
}

#[derive(Args)]
struct ExportArgs {
    /// The file to write.
    out: PathBuf,
    /// The format (default: the file's extension).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The glossary to export (default: every enabled one).
    #[arg(long)]
    glossary: Option<String>,
    /// Language columns of a table, in order (default: every language present); the
    /// source and target language of an OmegaT glossary.
    #[arg(long)]
    langs: Option<String>,
    /// The TBX version: 3 (TBX-Basic, the default) or 2 (`martif`, for OmegaT and
    /// translate-toolkit).
    #[arg(long, value_name = "VERSION", value_parser = clap::value_parser!(u8).range(2..=3))]
    tbx: Option<u8>,
    /// Write OmegaT's glossary (source, target, comment; no header), whatever the
    /// extension; needs --langs SOURCE,TARGET.
    #[arg(long, conflicts_with_all = ["format", "tbx"])]
    omegat: bool,
    /// A table's columns, in order: `id`, language tags, field names
    /// (`en,ru,subject,id`); default: id, every language, every field.
    #[arg(long, value_name = "COLUMNS")]
    columns: Option<String>,
    /// Where a table puts synonyms: joined in one cell by `; `, in columns of their own
    /// (memoQ's CSV import), or one term a row.
    #[arg(long, value_enum, default_value = "joined")]
    synonyms: SynonymsArg,
}

/// Where a table puts synonyms.
#[derive(Clone, Copy, ValueEnum)]
enum SynonymsArg {
    /// In one cell, joined by `; `.
    Joined,
    /// Each in a column of its own, the language repeated in the header.
    Columns,
    /// Each on a row of its own, the id repeated.
    Rows,
}

#[derive(Args)]
struct AddArgs {
    /// The glossary (created if needed).
    #[arg(long)]
    glossary: String,
    /// The concept's id (default: its first term).
    #[arg(long)]
    id: Option<String>,
    /// A term as LANG=TEXT; repeat for each language and synonym.
    #[arg(long = "term", required = true, value_name = "LANG=TEXT")]
    terms: Vec<String>,
    /// How the terms are found in text: automatic, exact, case-sensitive or prefix.
    #[arg(long, default_value = "automatic")]
    mode: String,
    /// Subject field of the concept.
    #[arg(long)]
    subject: Option<String>,
}

#[derive(Args)]
struct NameArg {
    /// The glossary's name.
    name: String,
}

#[derive(Args)]
struct FindArgs {
    /// The language of the text.
    #[arg(long)]
    lang: String,
    /// Use only these glossaries (default: every enabled one).
    #[arg(long)]
    glossary: Vec<String>,
    /// The segment (default: each line of stdin).
    text: Option<String>,
}

#[derive(Args)]
struct QaArgs {
    /// Source language.
    #[arg(long)]
    src: String,
    /// Target language.
    #[arg(long)]
    tgt: String,
    /// The source segment.
    source: String,
    /// Its translation.
    target: String,
}

#[derive(Args)]
struct SuggestArgs {
    /// The languages of the proposed terms, two or three.
    #[arg(long, default_value = "ru,az,en")]
    langs: String,
    /// Least number of units a term pair must occur in.
    #[arg(long, default_value_t = 2)]
    min: usize,
    /// How many suggestions to print.
    #[arg(long, default_value_t = 30)]
    top: usize,
    /// Only units of this origin (`alignment`, `import:*`, …).
    #[arg(long)]
    origin: Option<String>,
}

pub fn run(args: GlossaryArgs, author: Option<&str>, limits: &Limits) -> Result<()> {
    let path = match &args.db {
        Some(path) => path.clone(),
        None => store::default_path()?,
    };
    // A command that only reads must not invent a memory at a mistyped --db path; at
    // the default path, the first command of a new user makes the memory, as before.
    let reads_only = args.db.is_some()
        && matches!(
            args.command,
            GlossaryCommand::Export(_)
                | GlossaryCommand::List
                | GlossaryCommand::Find(_)
                | GlossaryCommand::Qa(_)
                | GlossaryCommand::Suggest(_)
        );
    let mut glossaries = if reads_only {
        Glossaries::from(store::open_existing(&path)?)
    } else {
        Glossaries::open(&path)?
    };
    let g = &mut glossaries;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.command {
        GlossaryCommand::Import(a) => import(g, &a, author, args.json, limits, &mut out),
        GlossaryCommand::Export(a) => export(g, &a, args.json, &mut out),
        GlossaryCommand::Add(a) => add(g, &a, author, args.json, &mut out),
        GlossaryCommand::List => list(g, args.json, &mut out),
        GlossaryCommand::Enable(a) => enable(g, &a.name, true),
        GlossaryCommand::Disable(a) => enable(g, &a.name, false),
        GlossaryCommand::Find(a) => find(g, &a, args.json, &mut out),
        GlossaryCommand::Qa(a) => qa_cmd(g, &a, args.json, &mut out),
        GlossaryCommand::Suggest(a) => suggest_cmd(g, &a, args.json, &mut out),
    }?;
    out.flush()?;
    Ok(())
}

/// Read a glossary file in the format its extension names.
pub(crate) fn read_file(
    path: &Path,
    id_column: Option<&str>,
    limits: &Limits,
) -> Result<Vec<Concept>> {
    let name = path.display().to_string();
    let format = dragoman_core::glossary::glossaries::format_of(&name)?;
    let bytes = crate::input::read_file(path, limits)?;
    format
        .read(&bytes, id_column, &[], limits)
        .with_context(|| name.clone())
}

fn import(
    glossaries: &mut Glossaries,
    a: &ImportArgs,
    author: Option<&str>,
    json: bool,
    limits: &Limits,
    out: &mut impl Write,
) -> Result<()> {
    let name = a.file.display().to_string();
    let bytes = crate::input::read_file(&a.file, limits)?;
    let glossary = match &a.glossary {
        Some(name) => name.clone(),
        None => a
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "glossary".into()),
    };
    let langs = language_list(a.langs.as_deref())?.unwrap_or_default();
    if a.langs.is_some() && langs.len() != 2 {
        bail!("--langs names the source and target language of an OmegaT glossary: give two");
    }
    let policy = match a.policy {
        Policy::Merge => stored::ConceptPolicy::Merge,
        Policy::Overwrite => stored::ConceptPolicy::Overwrite,
        Policy::Skip => stored::ConceptPolicy::Skip,
    };
    let source = GlossarySource {
        name: &name,
        bytes: &bytes,
        format: None,
        id_column: a.id_column.as_deref(),
        langs: &langs,
        limits,
    };
    let into = GlossaryTarget::Named {
        name: glossary.clone(),
        priority: a.priority,
    };
    let report = glossaries.import(source, &into, policy, author, |_, _| {
        std::ops::ControlFlow::Continue(())
    })?;
    if json {
        output::write_line(out, &GlossaryImport::new(name, &glossary, &report))?;
    } else {
        writeln!(
            out,
            "{name}: {} concepts added, {} merged, {} unchanged, {} rejected in glossary \
             {glossary:?}",
            report.added,
            report.merged,
            report.skipped,
            report.rejected.len()
        )?;
        for r in &report.rejected {
            writeln!(
                out,
                "{name}: concept {:?} rejected: {}",
                r.concept, r.reason
            )?;
        }
        for line in &report.short_rows {
            writeln!(
                out,
                "{name}: line {line} has fewer cells than the header; the missing ones were \
                 read as empty"
            )?;
        }
    }
    Ok(())
}

/// The languages of a comma-separated `--langs` list, if given.
fn language_list(list: Option<&str>) -> Result<Option<Vec<LanguageTag>>> {
    list.map(|list| {
        list.split(',')
            .map(|t| LanguageTag::parse(t.trim()))
            .collect()
    })
    .transpose()
    .context("--langs")
}

fn export(glossaries: &Glossaries, a: &ExportArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let names: Vec<String> = a.glossary.iter().cloned().collect();
    let langs = language_list(a.langs.as_deref())?;
    let name = a.out.display().to_string();
    let format = match a.format {
        _ if a.omegat => GlossaryFile::OmegaT,
        Some(Format::Tbx) => GlossaryFile::Tbx,
        Some(Format::Csv) => GlossaryFile::Csv,
        Some(Format::Tsv) => GlossaryFile::Tsv,
        Some(Format::Xlsx) => GlossaryFile::Xlsx,
        // Unlike a file read, an export can be told its format.
        None => dragoman_core::glossary::glossaries::format_of(&name)
            .map_err(|e| anyhow!("{e}, or name it with --format"))?,
    };
    let format = match (format, a.tbx) {
        (GlossaryFile::Tbx, Some(2)) => GlossaryFile::Tbx2,
        (GlossaryFile::Tbx, _) | (_, None) => format,
        (_, Some(_)) => bail!("--tbx is for a .tbx file"),
    };
    if format == GlossaryFile::OmegaT && langs.as_ref().is_none_or(|l| l.len() != 2) {
        bail!("an OmegaT glossary goes from one language to another: give --langs SOURCE,TARGET");
    }
    let layout = TableLayout {
        columns: a
            .columns
            .as_deref()
            .map(|list| list.split(',').map(|c| c.trim().to_string()).collect()),
        synonyms: match a.synonyms {
            SynonymsArg::Joined => Synonyms::Joined,
            SynonymsArg::Columns => Synonyms::Columns,
            SynonymsArg::Rows => Synonyms::Rows,
        },
    };
    let (bytes, concepts) = glossaries
        .export(&names, format, langs.as_deref(), &layout)
        .with_context(|| name.clone())?;
    std::fs::write(&a.out, bytes).with_context(|| format!("{name}: cannot write"))?;
    if json {
        output::write_line(
            out,
            &GlossaryExport {
                file: name,
                concepts,
            },
        )?;
    } else {
        writeln!(out, "{name}: {concepts} concepts")?;
    }
    Ok(())
}

fn add(
    glossaries: &mut Glossaries,
    a: &AddArgs,
    author: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<()> {
    let mode = MatchMode::from_name(&a.mode).with_context(|| {
        format!(
            "--mode {:?}: use automatic, exact, case-sensitive or prefix",
            a.mode
        )
    })?;
    let mut concept = Concept::default();
    for spec in &a.terms {
        let Some((lang, text)) = spec.split_once('=').filter(|(_, t)| !t.trim().is_empty()) else {
            bail!("--term {spec:?}: write LANG=TEXT, e.g. ru=межрегиональный форум");
        };
        let mut term = Term::new(
            LanguageTag::parse(lang).with_context(|| format!("--term {spec:?}"))?,
            text.trim(),
        );
        term.match_mode = mode;
        concept.terms.push(term);
    }
    concept.id = a.id.clone().unwrap_or_default();
    if let Some(subject) = &a.subject {
        concept.fields.insert("subject".into(), subject.clone());
    }
    let into = GlossaryTarget::Named {
        name: a.glossary.clone(),
        priority: 0,
    };
    let added = glossaries.add_terms(&into, &concept, author)?;
    concept.id = added.id;
    let report = added.report;
    if json {
        output::write_line(out, &GlossaryAdd::new(&a.glossary, &concept.id, &report))?;
    } else {
        let verb = if report.added == 1 {
            "added"
        } else {
            "updated"
        };
        writeln!(
            out,
            "concept {:?} {verb} in glossary {:?}",
            concept.id, a.glossary
        )?;
    }
    Ok(())
}

fn list(glossaries: &Glossaries, json: bool, out: &mut impl Write) -> Result<()> {
    for g in glossaries.list()? {
        if json {
            output::write_line(out, &GlossaryLine::from(&g))?;
        } else {
            let state = if g.enabled { "" } else { " (disabled)" };
            writeln!(
                out,
                "{}\tpriority {}\t{} concepts{state}",
                g.name, g.priority, g.concepts
            )?;
        }
    }
    Ok(())
}

fn enable(glossaries: &mut Glossaries, name: &str, on: bool) -> Result<()> {
    glossaries
        .set_enabled(name, on)
        .context("see `dragoman glossary list`")
}

fn find(glossaries: &Glossaries, a: &FindArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let lang = LanguageTag::parse(&a.lang).context("--lang")?;
    let loaded = glossaries.load(&a.glossary)?;
    let concepts: Vec<Concept> = loaded.iter().map(|s| s.concept.clone()).collect();
    let index = TermIndex::build(&concepts, &lang);
    let one = |line: usize, text: &str, out: &mut dyn Write| -> Result<()> {
        let hits = index.find(text);
        if json {
            output::write_line(out, &TermsFound::new(line, text, &lang, &hits, &loaded))?;
        } else {
            for h in &hits {
                let c = &concepts[h.concept];
                let others: Vec<String> = c
                    .terms
                    .iter()
                    .filter(|t| t.lang != lang && t.status != TermStatus::Forbidden)
                    .map(|t| format!("{}: {}", t.lang, t.text))
                    .collect();
                // A split term says which words stand inside it.
                let inserted: Vec<&str> = h.inserted.iter().map(|s| &text[s.clone()]).collect();
                let split = if inserted.is_empty() {
                    String::new()
                } else {
                    format!(" (split by: {})", inserted.join(", "))
                };
                writeln!(
                    out,
                    "{}\t[{}]{split}\t{}",
                    &text[h.span.clone()],
                    c.id,
                    others.join("; ")
                )?;
            }
        }
        Ok(())
    };
    match &a.text {
        Some(text) => one(1, text, out),
        None => {
            for (i, line) in std::io::stdin().lock().lines().enumerate() {
                one(i + 1, &line.context("stdin")?, out)?;
            }
            Ok(())
        }
    }
}

fn qa_cmd(glossaries: &Glossaries, a: &QaArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let checker = crate::qa_cmd::Checker::load(glossaries, &[], &a.src, &a.tgt)?;
    checker.report(&a.source, &a.target, None, json, out)?;
    Ok(())
}

fn suggest_cmd(
    glossaries: &Glossaries,
    a: &SuggestArgs,
    json: bool,
    out: &mut impl Write,
) -> Result<()> {
    let langs: Vec<LanguageTag> = a
        .langs
        .split(',')
        .map(LanguageTag::parse)
        .collect::<Result<_, _>>()
        .context("--langs")?;
    if !(2..=3).contains(&langs.len()) {
        bail!("--langs names {} languages; give two or three", langs.len());
    }
    let query = SuggestionQuery {
        langs,
        min_frequency: a.min,
        limit: a.top,
        origin: a.origin.clone(),
    };
    for s in glossaries.suggestions(&query)? {
        if json {
            output::write_line(out, &Suggestion::from(&s))?;
        } else {
            let terms: Vec<&str> = s.terms.iter().map(|(_, t)| t.as_str()).collect();
            writeln!(
                out,
                "{}\t{} units\tdice {:.2}",
                terms.join(" | "),
                s.frequency,
                s.dice
            )?;
        }
    }
    Ok(())
}
