//! The `dragoman` command: Dragoman's core capabilities for scripts and terminals.
//!
//! Output meant for programs goes to stdout (JSON Lines, TSV, TMX); everything meant for
//! people (detected languages, progress, errors) goes to stderr. Any error is one line
//! naming the file it concerns, with exit code 2, so scripts can tell bad input from a
//! crash. What a file may hold is limited (`docs/limits.md`); `--max KEY=VALUE`
//! raises or lowers a limit for one run.

// Imports allocate and free millions of small strings, built on the parser thread and
// freed on the writing one; glibc's allocator took about a fifth of an import's CPU
// (mimalloc: a 100,000-unit import in two thirds of the time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Print a line for people on stderr, like `eprintln!`, except that a closed or full
/// stderr (`2>&1 | head -1`, `2>/dev/full`) is ignored: `eprintln!` panics there, which
/// aborted an import at its first progress line and rolled it back. A message is never
/// worth the work it reports on.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod align_cmd;
mod alignment_cmd;
mod backup_cmd;
mod failure;
mod glossary_cmd;
mod input;
mod output;
mod pretranslate_cmd;
mod qa_cmd;
mod segment_cmd;
mod team_cmd;
mod tm_cmd;

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use dragoman_core::limits::Limits;

/// Translation memory, glossary and trilingual alignment for ru/az/en.
#[derive(Parser)]
#[command(name = "dragoman", version, about)]
struct Cli {
    /// Who is working, recorded as the author of units and concepts (default: the login
    /// name, USER or USERNAME).
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    /// Change a limit on what a file may hold, e.g. `--max depth=1000` or
    /// `--max file-bytes=2G` (K, M, G multiply by 1024). Repeatable. Limits:
    /// file-bytes, unpacked-bytes, zip-entries, table-cells, depth, attributes,
    /// segment-bytes, srx-rules (see docs/limits.md).
    #[arg(long = "max", global = true, value_name = "KEY=VALUE")]
    limits: Vec<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Align two or three versions of a text into sentence beads.
    Align(align_cmd::AlignArgs),
    /// Saved alignment projects: new, list, show, approve into the memory, export, delete.
    Alignment(alignment_cmd::AlignmentArgs),
    /// Split a text into segments with the built-in or an SRX file's rules.
    Segment(segment_cmd::SegmentArgs),
    /// Export the built-in segmentation rules as an SRX 2.0 file.
    Srx(segment_cmd::SrxArgs),
    /// The translation memory: import, export, lookup, concordance, stats.
    Tm(tm_cmd::TmArgs),
    /// Glossaries: import, export, term recognition, QA, term suggestions.
    Glossary(glossary_cmd::GlossaryArgs),
    /// Check a translated file against its source, line by line, with the glossaries.
    Qa(qa_cmd::QaArgs),
    /// Fill a document from the memory and write XLIFF, TMX or the target text.
    Pretranslate(pretranslate_cmd::PretranslateArgs),
    /// Copy the database (memory, glossaries, projects) to a file, while it is in use.
    Backup(backup_cmd::BackupArgs),
    /// Put a copy made by `backup` (or the app's daily copy) back, after checking it.
    Restore(backup_cmd::RestoreArgs),
    /// A memory shared by a team through PostgreSQL: init, grant, join, sync, status.
    Team(team_cmd::TeamArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let given_user = cli.user.clone();
    let author = cli.user.or_else(dragoman_core::author::from_environment);
    let author = author.as_deref();
    let result = limits(&cli.limits).and_then(|limits| {
        let limits = &limits;
        match cli.command {
            Command::Align(args) => align_cmd::run(args, limits),
            Command::Alignment(args) => alignment_cmd::run(args, author, limits),
            Command::Segment(args) => segment_cmd::run(args, limits),
            Command::Srx(args) => segment_cmd::export_srx(args),
            Command::Tm(args) => tm_cmd::run(args, limits),
            Command::Glossary(args) => glossary_cmd::run(args, author, limits),
            Command::Qa(args) => qa_cmd::run(args, limits),
            Command::Pretranslate(args) => pretranslate_cmd::run(args, limits),
            Command::Backup(args) => backup_cmd::backup(args),
            Command::Restore(args) => backup_cmd::restore(args),
            Command::Team(args) => team_cmd::run(args, given_user.as_deref()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            note!("dragoman: {}", failure::one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// The default limits with the `--max` settings applied, in order.
fn limits(settings: &[String]) -> anyhow::Result<Limits> {
    let mut limits = Limits::default();
    for setting in settings {
        limits.apply(setting).context("--max")?;
    }
    Ok(limits)
}
