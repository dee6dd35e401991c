//! `dragoman-bench tm`: speed figures for the translation memory on a synthetic memory
//! of any size, and the candidate index's recall against an exhaustive scan.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::formats::tmx::{TmxHeader, TmxWriter};
use dragoman_core::store;
use dragoman_core::tm::lookup::{Query, lookup, lookup_exhaustive};
use serde::Serialize;

use crate::synthetic::SyntheticMemory;

/// `dragoman-bench tm` arguments.
#[derive(Args)]
pub struct BenchTmArgs {
    /// How many units the memory holds.
    #[arg(long, default_value_t = 100_000)]
    units: u64,
    /// How many lookups to time.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Also run this many of the queries exhaustively and report the index's recall.
    #[arg(long, default_value_t = 0)]
    check: usize,
    /// Source sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    src: PathBuf,
    /// Target sentences, line by line parallel to --src.
    #[arg(long)]
    tgt: PathBuf,
    /// Sentences in a further language, line by line parallel to --src (repeatable):
    /// each unit gets a variant in it too, e.g. `--src rus.tsv --tgt eng.tsv --also
    /// aze.tsv` for a Russian–English–Azerbaijani memory. Lookups stay --src → --tgt.
    #[arg(long, value_name = "FILE")]
    also: Vec<PathBuf>,
    /// The database to build (default: a fresh one in the temporary folder). A database
    /// that already has --units units is reused as it is.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Use --db as it is, whatever it holds (a memory built elsewhere from the same
    /// units, e.g. joined from a team by `dragoman-bench team --keep`, where identical
    /// units were merged).
    #[arg(long, requires = "db")]
    as_is: bool,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Make every N-th unit two real rows joined, one after the other in each language
    /// (0: none), so that the memory's sentence index is as full as a news memory's.
    #[arg(long, default_value_t = 0, value_name = "N")]
    two_rows_every: u64,
    /// Instead of benchmarking, write the synthetic memory as a TMX file here, to time
    /// `dragoman tm import` on.
    #[arg(long, value_name = "FILE")]
    tmx: Option<PathBuf>,
}

#[derive(Serialize)]
struct BenchReport {
    units: u64,
    build_seconds: f64,
    db_megabytes: f64,
    open_ms: f64,
    exact_ms_p50: f64,
    exact_ms_p95: f64,
    stored_top5_ms_p95: f64,
    queries: usize,
    lookup_ms_mean: f64,
    lookup_ms_p50: f64,
    lookup_ms_p95: f64,
    lookup_ms_max: f64,
    candidates_mean: f64,
    queries_with_a_match: usize,
    recall_checked: usize,
    recall: Option<f64>,
}

pub fn run(a: BenchTmArgs) -> Result<()> {
    let files: Vec<&PathBuf> = [&a.src, &a.tgt].into_iter().chain(&a.also).collect();
    let mut columns = Vec::with_capacity(files.len());
    for path in &files {
        let lines = sentences(path)?;
        if let Some(first) = columns.first().map(Vec::len)
            && lines.len() != first
        {
            bail!(
                "{} has {first} sentences but {} has {}",
                a.src.display(),
                path.display(),
                lines.len()
            );
        }
        columns.push(lines);
    }
    let langs: Vec<LanguageTag> = columns
        .iter()
        .map(|lines| LanguageTag::detect(&lines.join(" ")))
        .collect();
    // Rows with a sentence in every language.
    let rows = (0..columns[0].len())
        .map(|i| columns.iter().map(|c| c[i].clone()).collect::<Vec<_>>())
        .filter(|row| row.iter().all(|s| !s.is_empty()))
        .collect();
    let mut generator = SyntheticMemory::new(rows, langs.clone());
    generator.two_rows_every = a.two_rows_every;
    if let Some(tmx) = &a.tmx {
        return write_tmx(&generator, &a, langs[0].clone(), tmx);
    }
    let path = a
        .db
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("dragoman-bench-{}.sqlite", a.units)));
    let mut conn = store::open(&path)?;
    let stored = store::units::stats(&conn)?.units;
    let started = Instant::now();
    if stored != a.units && !a.as_is {
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        conn = store::open(&path)?;
        // Building is one long write: a large page cache keeps the index's B-trees in
        // memory instead of re-reading them for every posting.
        conn.execute_batch("PRAGMA cache_size = -1000000")?;
        generator.store(&mut conn, a.seed, a.units)?;
    }
    let build_seconds = started.elapsed().as_secs_f64();
    // What opening costs the app at start: reopen the built file.
    drop(conn);
    let t = Instant::now();
    let conn = store::open(&path)?;
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Exact lookups: stored source segments, spread over the memory, looked up as they
    // are. `exact_ms_*` asks for the best match, as pre-translation does (the exact-match
    // index answers); `stored_top5_ms_p95` asks for the top 5 ≥ 70, which also needs
    // the fuzzy search whenever fewer than five units hold the segment.
    let mut exact_times = Vec::with_capacity(a.queries);
    let mut top5_times = Vec::with_capacity(a.queries);
    for k in 0..a.queries as u64 {
        let unit = generator.unit(a.seed, k * a.units / a.queries.max(1) as u64);
        let stored = &unit.variants[0];
        let query = Query {
            tags: &stored.tags,
            top: 1,
            ..Query::new(&langs[0], &langs[1], &stored.text)
        };
        let t = Instant::now();
        let found = lookup(&conn, &query)?;
        exact_times.push(t.elapsed().as_secs_f64() * 1000.0);
        if found.matches.first().is_none_or(|m| m.score.0 < 100) {
            bail!("no exact match for a stored segment: {}", stored.text);
        }
        let t = Instant::now();
        lookup(&conn, &Query { top: 5, ..query })?;
        top5_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    exact_times.sort_by(f64::total_cmp);
    top5_times.sort_by(f64::total_cmp);
    let queries = generator.queries(a.seed, a.queries);
    let mut times = Vec::with_capacity(queries.len());
    let (mut candidates, mut with_match) = (0usize, 0usize);
    let (mut checked, mut recalled) = (0usize, 0usize);
    for (n, text) in queries.iter().enumerate() {
        let query = Query::new(&langs[0], &langs[1], text);
        let t = Instant::now();
        let found = lookup(&conn, &query)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        candidates += found.candidates;
        with_match += usize::from(!found.matches.is_empty());
        if n < a.check {
            let all = Query {
                top: usize::MAX,
                ..query.clone()
            };
            let fast = lookup(&conn, &all)?;
            let slow = lookup_exhaustive(&conn, &all)?;
            checked += slow.matches.len();
            recalled += slow
                .matches
                .iter()
                .filter(|m| {
                    fast.matches
                        .iter()
                        .any(|f| f.unit == m.unit && f.score == m.score)
                })
                .count();
        }
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| percentile(&times, q);
    let report = BenchReport {
        units: a.units,
        build_seconds: (build_seconds * 10.0).round() / 10.0,
        db_megabytes: (std::fs::metadata(&path)?.len() as f64 / 1e6).round(),
        open_ms: round2(open_ms),
        exact_ms_p50: round2(percentile(&exact_times, 0.5)),
        exact_ms_p95: round2(percentile(&exact_times, 0.95)),
        stored_top5_ms_p95: round2(percentile(&top5_times, 0.95)),
        queries: queries.len(),
        lookup_ms_mean: round2(times.iter().sum::<f64>() / times.len() as f64),
        lookup_ms_p50: round2(pick(0.5)),
        lookup_ms_p95: round2(pick(0.95)),
        lookup_ms_max: round2(pick(1.0)),
        candidates_mean: (candidates as f64 / queries.len() as f64).round(),
        queries_with_a_match: with_match,
        recall_checked: checked,
        recall: (checked > 0).then(|| recalled as f64 / checked as f64),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// The `q` quantile of `sorted` (nearest rank).
pub(crate) fn percentile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Write units `0..--units` of the synthetic memory to `path` as TMX.
fn write_tmx(
    generator: &SyntheticMemory,
    a: &BenchTmArgs,
    srclang: LanguageTag,
    path: &Path,
) -> Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::create(path).with_context(|| format!("{name}: cannot write"))?;
    let header = TmxHeader {
        srclang: Some(srclang),
        ..Default::default()
    };
    let mut writer = TmxWriter::start(BufWriter::new(file), &header)?;
    for i in 0..a.units {
        writer.translation_unit(&generator.unit(a.seed, i))?;
    }
    writer.finish()?.flush()?;
    eprintln!("{name}: {} units written", a.units);
    Ok(())
}

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The sentences of a corpus file: lines, or the last column of a TSV with a header.
pub(crate) fn sentences(path: &Path) -> Result<Vec<String>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read"))?;
    let text = dragoman_core::text::decode(&bytes).with_context(|| name.clone())?;
    let tsv = path.extension().is_some_and(|e| e == "tsv");
    let lines = text.lines().skip(usize::from(tsv)).map(|line| {
        if tsv {
            line.rsplit('\t').next().unwrap_or_default()
        } else {
            line
        }
    });
    let out: Vec<String> = lines.map(|l| l.trim().to_string()).collect();
    if out.iter().all(String::is_empty) {
        bail!("{name}: no sentences");
    }
    Ok(out)
}
