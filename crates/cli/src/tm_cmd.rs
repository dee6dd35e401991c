//! `dragoman tm …`: the translation memory from the command line.

use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use dragoman_core::LanguageTag;
use dragoman_core::Timestamp;
use dragoman_core::limits::Limits;
use dragoman_core::store::{self, units::UnitFilter};
use dragoman_core::tm::beads::AlignedDocument;
use dragoman_core::tm::exchange::{DuplicatePolicy, ImportReport};
use dragoman_core::tm::lookup::{Lookup, Query};
use dragoman_core::tm::{ImportOptions, MatchKind, Memory, UnitId, WordChange};

use dragoman_core::tm::fragments::FragmentQuery;

use crate::output::{
    self, AlignmentTraining, ConcordanceLine, FragmentsAnswer, LookupAnswer, TmDeletion, TmExport,
    TmImport, TmStats,
};

#[derive(Args)]
pub struct TmArgs {
    /// The memory database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON (one object per line) instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: TmCommand,
}

#[derive(Subcommand)]
enum TmCommand {
    /// Import a TMX file (UTF-8 or UTF-16), or a .tsv/.csv table headed by language
    /// tags, all or nothing.
    Import(ImportArgs),
    /// Export the memory, or part of it, as TMX 1.4b.
    Export(ExportArgs),
    /// Find matches for a segment (or for each line of stdin when no text is given).
    Lookup(LookupArgs),
    /// Find the stored segments containing a word or phrase, in any language.
    Concordance(ConcordanceArgs),
    /// Find the runs of three words or more a segment shares with stored segments
    /// (inflected forms match), each with its translation from the memory's word
    /// alignment (or for each line of stdin when no text is given). Run `train-align`
    /// first.
    Fragments(FragmentsArgs),
    /// Learn the word alignment of two languages over the memory, which `fragments`
    /// reads. Run again after adding units: it aligns the new units with the tables
    /// learned, and learns them again once the memory has grown by a quarter.
    TrainAlign(TrainAlignArgs),
    /// Count units, variants per language and units per origin.
    Stats,
    /// Delete units by id or by filter, all in one transaction.
    Delete(DeleteArgs),
}

/// `--policy` values.
#[derive(Clone, Copy, ValueEnum)]
enum Policy {
    /// Skip units stored identically, merging their metadata.
    Skip,
    /// Replace stored units with the same source segment.
    Overwrite,
    /// Add every unit, even identical ones.
    Keep,
}

#[derive(Args)]
struct ImportArgs {
    /// What to do with units the memory already has.
    #[arg(long, value_enum, default_value = "skip")]
    policy: Policy,
    /// With a .jsonl file of beads: the files `dragoman align` aligned, in its order.
    #[arg(long, num_args = 2..=3, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// With a .jsonl file of beads: the files' languages (detected when omitted).
    #[arg(long)]
    langs: Option<String>,
    /// With a .jsonl file of beads: only beads at least this confident are stored.
    #[arg(long, default_value_t = 0.0)]
    min_score: f32,
    /// Write alone, with a rollback journal: a very large import writes each page once
    /// and runs faster, but nothing else can read the memory until it ends (lookups
    /// wait, then say an import is running). Without it, lookups are answered meanwhile.
    /// Has no effect while another program has the memory open.
    #[arg(long)]
    exclusive: bool,
    /// The TMX file, a .tsv/.csv table whose header row names the languages, or the
    /// .jsonl beads of `dragoman align` (with --files).
    file: PathBuf,
}

/// The conditions on units that `export` and `delete` share.
#[derive(Args)]
struct UnitConditions {
    /// Only units of this origin ("alignment", "import:a.tmx"; end with * for a prefix).
    #[arg(long)]
    origin: Option<String>,
    /// Only units changed on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only units changed on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
}

impl UnitConditions {
    fn any(&self) -> bool {
        self.origin.is_some() || self.since.is_some() || self.until.is_some()
    }

    /// The filter for these conditions and `langs` (a comma-separated list).
    fn filter(&self, langs: Option<&str>) -> Result<UnitFilter> {
        let langs = match langs {
            Some(list) => list
                .split(',')
                .map(LanguageTag::parse)
                .collect::<Result<Vec<_>, _>>()
                .context("--langs")?,
            None => Vec::new(),
        };
        let day = |arg: &str, value: &Option<String>| -> Result<Option<Timestamp>> {
            value
                .as_deref()
                .map(|v| {
                    Timestamp::parse_date(v)
                        .with_context(|| format!("{arg} {v}: expected a date as YYYY-MM-DD"))
                })
                .transpose()
        };
        Ok(UnitFilter {
            ids: Vec::new(),
            langs,
            origin: self.origin.clone(),
            changed_since: day("--since", &self.since)?,
            changed_before: day("--until", &self.until)?.map(|t| Timestamp(t.0 + 86_400)),
        })
    }
}

#[derive(Args)]
struct ExportArgs {
    /// Only these languages, e.g. ru,en (the first becomes the header's srclang).
    #[arg(long)]
    langs: Option<String>,
    #[command(flatten)]
    conditions: UnitConditions,
    /// The TMX file to write ("-" for stdout).
    out: PathBuf,
}

#[derive(Args)]
struct DeleteArgs {
    /// Only units with a variant in one of these languages, e.g. az or ru,az.
    #[arg(long)]
    langs: Option<String>,
    #[command(flatten)]
    conditions: UnitConditions,
    /// Unit ids (the `unit` of a lookup or concordance hit); with conditions, only those
    /// of these units that meet them.
    ids: Vec<i64>,
}

#[derive(Args)]
struct LookupArgs {
    /// The language of the text.
    #[arg(long)]
    src: String,
    /// The language of the translations wanted.
    #[arg(long)]
    tgt: String,
    /// The lowest score to show.
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u8).range(1..=101))]
    min: u8,
    /// How many matches to show at most.
    #[arg(long, visible_alias = "limit", default_value_t = 5)]
    top: usize,
    /// The segment before this one, for context (101%) matches.
    #[arg(long)]
    prev: Option<String>,
    /// The segment after this one.
    #[arg(long)]
    next: Option<String>,
    /// The segment; without it, each line of stdin is one query.
    text: Option<String>,
}

#[derive(Args)]
struct ConcordanceArgs {
    /// Also find inflected forms (форум → форума, forum → forumda).
    #[arg(long)]
    inflected: bool,
    /// How many segments to show at most.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// The word or phrase.
    phrase: String,
}

#[derive(Args)]
struct FragmentsArgs {
    /// The language of the text.
    #[arg(long)]
    src: String,
    /// The language of the translations wanted.
    #[arg(long)]
    tgt: String,
    /// How many fragments to show at most.
    #[arg(long, default_value_t = 9)]
    top: usize,
    /// The segment; without it, each line of stdin is one query. With --json, each
    /// fragment's `start` and `end` are byte offsets of its source in the query (UTF-8).
    text: Option<String>,
}

#[derive(Args)]
struct TrainAlignArgs {
    /// One language of the pair.
    #[arg(long)]
    src: String,
    /// The other.
    #[arg(long)]
    tgt: String,
    /// Learn the tables again even if the memory grew little since the last training.
    #[arg(long)]
    full: bool,
}

pub fn run(args: TmArgs, limits: &Limits) -> Result<()> {
    let path = match &args.db {
        Some(path) => path.clone(),
        None => store::default_path()?,
    };
    // A command that only reads must not invent a memory at a mistyped --db path; at
    // the default path, the first command of a new user makes the memory, as before.
    let reads_only = args.db.is_some()
        && matches!(
            args.command,
            TmCommand::Export(_)
                | TmCommand::Lookup(_)
                | TmCommand::Concordance(_)
                | TmCommand::Fragments(_)
                | TmCommand::Stats
        );
    let mut memory = if reads_only {
        Memory::from(store::open_existing(&path)?)
    } else {
        Memory::open(&path)?
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.command {
        TmCommand::Import(a) => return import(&mut memory, &path, &a, args.json, limits),
        TmCommand::Export(a) => export(&memory, &a, args.json, &mut out),
        TmCommand::Lookup(a) => lookup_cmd(&memory, &a, args.json, &mut out),
        TmCommand::Concordance(a) => concordance_cmd(&memory, &a, args.json, &mut out),
        TmCommand::Fragments(a) => fragments_cmd(memory, &a, args.json, &mut out),
        TmCommand::TrainAlign(a) => train_align(memory, &a, args.json, &mut out),
        TmCommand::Stats => stats(&memory, &path, args.json, &mut out),
        TmCommand::Delete(a) => delete(&mut memory, &a, args.json, &mut out),
    }?;
    out.flush()?;
    Ok(())
}

/// The files a .jsonl of beads points into, decoded as `dragoman align` read them.
fn aligned_documents(
    files: &[PathBuf],
    langs: Option<&str>,
    limits: &Limits,
) -> Result<Vec<AlignedDocument>> {
    if files.is_empty() {
        bail!("importing beads (.jsonl) needs the aligned files: --files A B [C]");
    }
    let tags = crate::input::parse_langs(langs, files)?;
    files
        .iter()
        .zip(tags)
        .map(|(path, tag)| {
            let name = path.display().to_string();
            let text = crate::input::read_text(path, limits)?;
            let lang = tag.unwrap_or_else(|| LanguageTag::detect(&text));
            let name = path
                .file_name()
                .map_or(name, |n| n.to_string_lossy().into_owned());
            Ok(AlignedDocument { lang, name, text })
        })
        .collect()
}

fn import(
    memory: &mut Memory,
    db: &Path,
    a: &ImportArgs,
    json: bool,
    limits: &Limits,
) -> Result<()> {
    let name = a.file.display().to_string();
    let policy = match a.policy {
        Policy::Skip => DuplicatePolicy::Skip,
        Policy::Overwrite => DuplicatePolicy::Overwrite,
        Policy::Keep => DuplicatePolicy::Keep,
    };
    // In WAL mode by default, so that lookups and the app are answered while a long
    // import runs; --exclusive trades that for speed (see `store::bulk`).
    let options = ImportOptions {
        policy,
        at: Timestamp::now(),
        alone: a.exclusive,
        limits: *limits,
    };
    let started = Instant::now();
    let report = import_file(memory, a, &name, &options, started)?;
    let seconds = started.elapsed().as_secs_f64();
    if seconds >= 1.0 {
        let read = report.added
            + report.skipped
            + report.merged
            + report.overwritten
            + report.rejected.len() as u64;
        let bytes: u64 = ["", "-wal"]
            .iter()
            .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", db.display())).ok())
            .map(|m| m.len())
            .sum();
        note!(
            "{name}: {read} units in {seconds:.1} s, {:.0} units/s; database {:.0} MB",
            read as f64 / seconds,
            bytes as f64 / 1e6
        );
    }
    // The import is committed: a closed or full stdout loses the report, not the units,
    // so the exit code stays the import's.
    let _ = write_report(&name, &report, json);
    Ok(())
}

fn write_report(name: &str, report: &ImportReport, json: bool) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    if json {
        output::write_line(&mut out, &TmImport::from(report))?;
    } else {
        writeln!(
            out,
            "{name}: {} added, {} skipped, {} merged, {} overwritten, {} rejected",
            report.added,
            report.skipped,
            report.merged,
            report.overwritten,
            report.rejected.len()
        )?;
        for r in &report.rejected {
            writeln!(out, "{name}: line {}: rejected: {}", r.line, r.reason)?;
        }
    }
    out.flush()
}

/// Import `a.file` in one transaction, committed when the whole file has been read.
fn import_file(
    memory: &mut Memory,
    a: &ImportArgs,
    name: &str,
    options: &ImportOptions,
    started: Instant,
) -> Result<ImportReport> {
    let extension = a
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if extension.as_deref() == Some("jsonl") {
        let beads = crate::input::read_utf8(&a.file, &options.limits)?;
        let docs = aligned_documents(&a.files, a.langs.as_deref(), &options.limits)?;
        return memory
            .import_beads(&beads, &docs, a.min_score, options)
            .with_context(|| name.to_string());
    }
    let file = File::open(&a.file).with_context(|| format!("{name}: cannot read"))?;
    let mut shown = started;
    // On stderr, so that --json output stays one object; a line a second at most.
    let progress = |n: u64, _: Option<u64>| {
        if n.is_multiple_of(1024) && shown.elapsed() >= Duration::from_secs(1) {
            shown = Instant::now();
            let rate = n as f64 / started.elapsed().as_secs_f64();
            note!("{name}: {n} units read, {rate:.0} units/s");
        }
        std::ops::ControlFlow::Continue(())
    };
    memory
        .import(name, file, options, progress)
        .with_context(|| name.to_string())
}

fn export(memory: &Memory, a: &ExportArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let filter = a.conditions.filter(a.langs.as_deref())?;
    let langs = filter.langs.clone();
    let name = a.out.display().to_string();
    let count = if name == "-" {
        memory.export_tmx(&filter, langs.first().cloned(), std::io::stdout().lock())?
    } else {
        let file = File::create(&a.out).with_context(|| format!("{name}: cannot write"))?;
        memory
            .export_tmx(&filter, langs.first().cloned(), BufWriter::new(file))
            .with_context(|| name.clone())?
    };
    if json {
        output::write_line(
            out,
            &TmExport {
                file: name,
                units: count,
            },
        )?;
    } else {
        note!("{name}: {count} units written");
    }
    Ok(())
}

fn lookup_cmd(memory: &Memory, a: &LookupArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let answer = |text: &str, out: &mut dyn Write| -> Result<()> {
        let query = Query {
            prev: a.prev.as_deref(),
            next: a.next.as_deref(),
            min: a.min,
            top: a.top,
            ..Query::new(&src, &tgt, text)
        };
        let found = memory.lookup(&query)?;
        if json {
            output::write_line(out, &LookupAnswer::new(text, &found))?;
        } else {
            write_matches(&found, out)?;
        }
        Ok(())
    };
    each_query(a.text.as_deref(), out, answer)
}

/// Answer `text`, or without it each line of stdin, as soon as it is read, so a script
/// can talk to one process instead of starting one per segment.
fn each_query<W: Write>(
    text: Option<&str>,
    out: &mut W,
    answer: impl Fn(&str, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    match text {
        Some(text) => answer(text, out),
        None => {
            for line in std::io::stdin().lock().lines() {
                let line = line.context("stdin")?;
                answer(&line, out)?;
                out.flush()?;
            }
            Ok(())
        }
    }
}

/// A lookup for people: score, source with the diff marked, translation.
fn write_matches(found: &Lookup, out: &mut dyn Write) -> Result<()> {
    if found.matches.is_empty() {
        writeln!(out, "no match")?;
    }
    for m in &found.matches {
        let diff: Vec<String> = m
            .diff
            .iter()
            .map(|c| match c {
                WordChange::Same { word } => word.clone(),
                WordChange::Inserted { word } => format!("[+{word}]"),
                WordChange::Deleted { word } => format!("[-{word}]"),
                WordChange::Changed { from, to } => format!("[{from}→{to}]"),
            })
            .collect();
        let kind = match &m.kind {
            MatchKind::Unit => String::new(),
            MatchKind::Sentence { position } => {
                format!("  (sentence {} of unit {})", position + 1, m.unit.0)
            }
            MatchKind::Joined { units } => {
                let ids: Vec<String> = units.iter().map(|u| u.0.to_string()).collect();
                format!("  (units {} joined)", ids.join(" + "))
            }
        };
        writeln!(out, "{:>3}%  {}{kind}", m.score.0, m.source)?;
        writeln!(out, "      {}", m.target)?;
        if m.score.0 < 100 {
            writeln!(out, "      diff: {}", diff.join(" "))?;
        }
    }
    Ok(())
}

fn fragments_cmd(
    memory: Memory,
    a: &FragmentsArgs,
    json: bool,
    out: &mut impl Write,
) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let terms = memory.glossary_term_pairs(&[src.clone(), tgt.clone()])?;
    let answer = |text: &str, out: &mut dyn Write| -> Result<()> {
        let query = FragmentQuery {
            top: a.top,
            terms: &terms,
            ..FragmentQuery::new(&src, &tgt, text)
        };
        let found = memory.fragments(&query)?;
        if json {
            output::write_line(out, &FragmentsAnswer::new(text, &found))?;
        } else {
            if found.is_empty() {
                writeln!(out, "no fragment")?;
            }
            for f in &found {
                writeln!(
                    out,
                    "{:.2}  {}  →  {}  ({} units)",
                    f.score, f.source, f.target, f.units
                )?;
            }
        }
        Ok(())
    };
    each_query(a.text.as_deref(), out, answer)
}

fn train_align(memory: Memory, a: &TrainAlignArgs, json: bool, out: &mut impl Write) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let mut memory = memory;
    let terms = memory.glossary_term_pairs(&[src.clone(), tgt.clone()])?;
    let started = Instant::now();
    let report = memory.train_alignment(&src, &tgt, &terms, a.full)?;
    if json {
        output::write_line(out, &AlignmentTraining::new(&src, &tgt, &report))?;
    } else if report.retrained {
        writeln!(
            out,
            "{src}–{tgt}: learned from {} units, {} units aligned in {:.1} s",
            report.trained_on,
            report.aligned,
            started.elapsed().as_secs_f64()
        )?;
    } else {
        writeln!(
            out,
            "{src}–{tgt}: {} new units aligned with the stored tables",
            report.aligned
        )?;
    }
    Ok(())
}

fn concordance_cmd(
    memory: &Memory,
    a: &ConcordanceArgs,
    json: bool,
    out: &mut impl Write,
) -> Result<()> {
    for hit in memory.concordance(&a.phrase, a.inflected, a.limit)? {
        if json {
            output::write_line(out, &ConcordanceLine::from(&hit))?;
            continue;
        }
        let mut marked = String::new();
        let mut at = 0;
        for &(start, end) in &hit.highlights {
            marked.push_str(&hit.text[at..start]);
            marked.push_str(&format!("«{}»", &hit.text[start..end]));
            at = end;
        }
        marked.push_str(&hit.text[at..]);
        writeln!(out, "{}  {}", hit.lang, marked)?;
        for (lang, text) in &hit.translations {
            writeln!(out, "    {lang}  {text}")?;
        }
    }
    Ok(())
}

/// Delete the units that meet every condition given, in one transaction; refuses to
/// run without any, so that a slip of the keyboard never empties the memory.
fn delete(memory: &mut Memory, a: &DeleteArgs, json: bool, out: &mut impl Write) -> Result<()> {
    if a.ids.is_empty() && a.langs.is_none() && !a.conditions.any() {
        bail!("say which units to delete: ids, --origin, --langs, --since or --until");
    }
    let mut filter = a.conditions.filter(a.langs.as_deref())?;
    filter.ids = a.ids.iter().copied().map(UnitId).collect();
    let report = memory.delete_matching(&filter)?;
    if json {
        output::write_line(out, &TmDeletion::from(&report))?;
    } else {
        writeln!(out, "{} units deleted", report.deleted)?;
        for id in &report.not_found {
            writeln!(out, "no unit {}", id.0)?;
        }
    }
    Ok(())
}

fn stats(memory: &Memory, path: &Path, json: bool, out: &mut impl Write) -> Result<()> {
    let s = memory.stats()?;
    if json {
        output::write_line(out, &TmStats::new(path.display().to_string(), &s))?;
        return Ok(());
    }
    writeln!(out, "{}", path.display())?;
    writeln!(out, "units: {}, variants: {}", s.units, s.variants)?;
    for (lang, n) in &s.languages {
        writeln!(out, "  {lang}: {n}")?;
    }
    for (origin, n) in &s.origins {
        writeln!(out, "  origin {origin}: {n}")?;
    }
    Ok(())
}
