//! `dragoman bench …`: quality and speed figures, each in a module of its own.

use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Boundary precision, recall and F1 of segmentation rules on a parallel corpus.
    Segment(crate::bench_segment::SegmentBenchArgs),
    /// Build a synthetic memory from real sentence pairs and time lookups in it.
    Tm(crate::bench_tm::BenchTmArgs),
    /// Build a synthetic glossary from real sentences and time term recognition.
    Glossary(crate::bench_glossary::BenchGlossaryArgs),
    /// Build an alignment of confirmed beads and time approving it into the memory.
    Approve(crate::bench_approve::BenchApproveArgs),
    /// Time what the Translate view waits for on moving to a segment: matches and terms.
    Translate(crate::bench_translate::BenchTranslateArgs),
}

pub fn run(args: BenchArgs) -> Result<()> {
    match args.what {
        Bench::Segment(args) => crate::bench_segment::run(&args),
        Bench::Tm(args) => crate::bench_tm::run(args),
        Bench::Glossary(args) => crate::bench_glossary::run(args),
        Bench::Approve(args) => crate::bench_approve::run(args),
        Bench::Translate(args) => crate::bench_translate::run(args),
    }
}
