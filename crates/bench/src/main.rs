//! `dragoman-bench`: the quality and speed figures of docs/benchmarks.md, each in a module
//! of its own.
//!
//! The harness lives apart from the `dragoman` command so that what users run lists only
//! what they do, and so that the synthetic memories and the raw SQLite floor, which exist
//! only to measure, stay out of `dragoman-core`'s public API. It drives the core as the
//! CLI and the app do (the store, lookups, term recognition, approval), on data it makes
//! up at any size ([`synthetic`]) or reads from a parallel corpus such as NTREX.
//!
//! Figures go to stdout as JSON (one object a run, or an array for `segment`); progress
//! and per-language summaries go to stderr. `import-floor` prints one timed stage a line.

// The same allocator as `dragoman`: build and import times here are compared with its own
// (glibc's malloc took about a fifth of an import's CPU).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod approve;
mod docx;
mod fragments;
mod glossary;
mod import_floor;
mod segment;
mod sentences;
mod synthetic;
mod team;
mod team_concurrent;
mod tm;
mod translate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Quality and speed figures for Dragoman: segmentation, memory lookups and imports,
/// term recognition, approval, the Translate view, DOCX reading and writing, team sync.
#[derive(Parser)]
#[command(name = "dragoman-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    what: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Boundary precision, recall and F1 of segmentation rules on a parallel corpus.
    Segment(segment::SegmentBenchArgs),
    /// Whether lengths tell units of sentences that pair one to one, against the aligner.
    Sentences(sentences::BenchSentencesArgs),
    /// Build a synthetic memory from real sentence pairs and time lookups in it.
    Tm(tm::BenchTmArgs),
    /// Build a synthetic glossary from real sentences and time term recognition.
    Glossary(glossary::BenchGlossaryArgs),
    /// Build an alignment of confirmed beads and time approving it into the memory.
    Approve(approve::BenchApproveArgs),
    /// Time what the Translate view waits for on moving to a segment: matches and terms.
    Translate(translate::BenchTranslateArgs),
    /// The least time SQLite alone needs to store what a TMX import stores.
    ImportFloor(import_floor::ImportFloorArgs),
    /// Time reading a long DOCX with its inline codes and writing its translation back.
    Docx(docx::BenchDocxArgs),
    /// Time sharing a memory with a team on PostgreSQL and joining it.
    Team(team::BenchTeamArgs),
    /// Three clients importing their own units while syncing in a loop, one sync killed
    /// midway: every client and the server end with every unit once.
    TeamConcurrent(team_concurrent::BenchTeamConcurrentArgs),
    /// Time training the word alignment over a memory, and fragment lookups in it.
    Fragments(fragments::BenchFragmentsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.what {
        Bench::Segment(args) => segment::run(&args),
        Bench::Sentences(args) => sentences::run(&args),
        Bench::Tm(args) => tm::run(args),
        Bench::Glossary(args) => glossary::run(args),
        Bench::Approve(args) => approve::run(args),
        Bench::Translate(args) => translate::run(args),
        Bench::ImportFloor(args) => import_floor::run(&args),
        Bench::Docx(args) => docx::run(&args),
        Bench::Team(args) => team::run(args),
        Bench::TeamConcurrent(args) => team_concurrent::run(args),
        Bench::Fragments(args) => fragments::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dragoman-bench: {e:#}");
            ExitCode::from(2)
        }
    }
}
