//! `dragoman-bench translate`: what the Translate view waits for when the translator
//! moves to a segment: the memory's matches and the glossary's terms for it.
//!
//! A job is made of real sentences in the given memory, then for each segment the work
//! of the desktop app's commands is timed as they do it: `lookup_matches` opens the
//! database and the job and looks the segment up (top 9, at least 70 %); `find_terms`
//! loads the enabled glossaries, builds the term index and searches the segment. The job
//! stays in the database (a scratch memory is the place for this).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::Timestamp;
use dragoman_core::glossary::Concept;
use dragoman_core::glossary::recognize::TermIndex;
use dragoman_core::limits::Limits;
use dragoman_core::store;
use dragoman_core::translate::TranslationJob;
use serde_json::json;

use crate::tm::sentences;

/// `dragoman-bench translate` arguments.
#[derive(Args)]
pub struct BenchTranslateArgs {
    /// The database with the memory and glossaries to use (a job is added to it).
    #[arg(long)]
    db: PathBuf,
    /// Source sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    text: PathBuf,
    /// The source language.
    #[arg(long)]
    src: String,
    /// The target language.
    #[arg(long)]
    tgt: String,
    /// How many segments the job has: every fifth sentence, from the first.
    #[arg(long, default_value_t = 200)]
    segments: usize,
}

/// The `q` quantile of `sorted` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or(0.0)
}

fn summary(mut times: Vec<f64>) -> serde_json::Value {
    times.sort_by(f64::total_cmp);
    let round = |ms: f64| (ms * 100.0).round() / 100.0;
    json!({
        "p50": round(quantile(&times, 0.5)),
        "p95": round(quantile(&times, 0.95)),
        "max": round(times.last().copied().unwrap_or(0.0)),
    })
}

pub fn run(a: BenchTranslateArgs) -> Result<()> {
    let src = LanguageTag::parse(&a.src).context("--src")?;
    let tgt = LanguageTag::parse(&a.tgt).context("--tgt")?;
    let all = sentences(&a.text)?;
    let picked: Vec<String> = all.into_iter().step_by(5).take(a.segments).collect();
    let text = picked.join("\n\n");
    let mut conn = store::open(&a.db)?;
    let job = TranslationJob::create(
        &mut conn,
        "bench translate",
        src.clone(),
        vec![tgt.clone()],
        &text,
        None,
        &Limits::default(),
        Timestamp::now(),
    )?;
    let id = job.id;
    let count = job.segments.len();
    drop(conn);
    let (mut lookups, mut terms, mut both) = (Vec::new(), Vec::new(), Vec::new());
    let (mut with_match, mut hits, mut concepts) = (0, 0, 0);
    for segment in 0..count {
        let started = Instant::now();
        let conn = store::open(&a.db)?;
        let job = TranslationJob::open(&conn, id)?;
        let found = job.matches(&conn, segment, &tgt, 70, 9)?;
        let looked_up = started.elapsed().as_secs_f64() * 1000.0;
        with_match += usize::from(!found.matches.is_empty());
        let started = Instant::now();
        let loaded: Vec<Concept> = store::glossary::load(&conn, &[])?
            .into_iter()
            .map(|s| s.concept)
            .collect();
        concepts = loaded.len();
        let index = TermIndex::build(&loaded, &src);
        hits += index.find(&job.segments[segment].source).len();
        let found_terms = started.elapsed().as_secs_f64() * 1000.0;
        lookups.push(looked_up);
        terms.push(found_terms);
        both.push(looked_up + found_terms);
    }
    println!(
        "{}",
        json!({
            "segments": count, "with_a_match": with_match, "concepts": concepts,
            "term_hits": hits,
            "lookup_ms": summary(lookups), "terms_ms": summary(terms), "both_ms": summary(both),
        })
    );
    Ok(())
}
