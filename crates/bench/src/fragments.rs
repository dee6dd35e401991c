//! `dragoman-bench fragments`: training the word alignment over a memory, and fragment
//! lookups in it, alone and with the fuzzy lookup the Translate view also waits for.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::store;
use dragoman_core::tm::fragments::{FragmentQuery, fragments, train};
use dragoman_core::tm::lookup::{Query, lookup};
use serde::Serialize;

use crate::tm::{percentile, round2, sentences};

/// `dragoman-bench fragments` arguments.
#[derive(Args)]
pub struct BenchFragmentsArgs {
    /// The memory, e.g. one `dragoman-bench tm --db` built; trained in place.
    #[arg(long)]
    db: PathBuf,
    /// The language of the queries.
    #[arg(long)]
    src: String,
    /// The language of the translations.
    #[arg(long)]
    tgt: String,
    /// Query sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    text: PathBuf,
    /// How many of them to look up (spread over the file).
    #[arg(long, default_value_t = 200)]
    segments: usize,
    /// Learn the tables again first, timed (otherwise only units not yet aligned are).
    #[arg(long)]
    full: bool,
}

#[derive(Serialize)]
struct BenchReport {
    units: u64,
    train_seconds: f64,
    retrained: bool,
    trained_on: u64,
    aligned: u64,
    segments: usize,
    segments_with_fragments: usize,
    fragments_mean: f64,
    fragments_ms_mean: f64,
    fragments_ms_p50: f64,
    fragments_ms_p95: f64,
    fragments_ms_max: f64,
    /// The fuzzy lookup (top 5 ≥ 70) and the fragments of a segment, one after the other.
    with_lookup_ms_p95: f64,
    with_lookup_ms_max: f64,
}

pub fn run(a: BenchFragmentsArgs) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let mut conn = store::open_existing(&a.db)?;
    let units = store::units::stats(&conn)?.units;
    let t = Instant::now();
    let training = train(&mut conn, &src, &tgt, &[], a.full)?;
    let train_seconds = t.elapsed().as_secs_f64();
    let lines = sentences(&a.text)?;
    let step = (lines.len() / a.segments.max(1)).max(1);
    let queries: Vec<&String> = lines.iter().step_by(step).take(a.segments).collect();
    let (mut alone, mut both) = (Vec::new(), Vec::new());
    let (mut with, mut found) = (0, 0);
    for text in &queries {
        let t = Instant::now();
        let got = fragments(&conn, &FragmentQuery::new(&src, &tgt, text))?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        alone.push(ms);
        with += usize::from(!got.is_empty());
        found += got.len();
        let t = Instant::now();
        lookup(&conn, &Query::new(&src, &tgt, text))?;
        both.push(ms + t.elapsed().as_secs_f64() * 1000.0);
    }
    alone.sort_by(f64::total_cmp);
    both.sort_by(f64::total_cmp);
    let report = BenchReport {
        units,
        train_seconds: (train_seconds * 10.0).round() / 10.0,
        retrained: training.retrained,
        trained_on: training.trained_on,
        aligned: training.aligned,
        segments: queries.len(),
        segments_with_fragments: with,
        fragments_mean: round2(found as f64 / queries.len().max(1) as f64),
        fragments_ms_mean: round2(alone.iter().sum::<f64>() / alone.len().max(1) as f64),
        fragments_ms_p50: round2(percentile(&alone, 0.5)),
        fragments_ms_p95: round2(percentile(&alone, 0.95)),
        fragments_ms_max: round2(percentile(&alone, 1.0)),
        with_lookup_ms_p95: round2(percentile(&both, 0.95)),
        with_lookup_ms_max: round2(percentile(&both, 1.0)),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
