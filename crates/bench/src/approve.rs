//! `dragoman-bench approve`: the time to approve an alignment's beads into the memory,
//! what the editor's Ctrl+Enter and `dragoman alignment approve` do.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::Timestamp;
use dragoman_core::editor::{AlignmentProject, Approve, EditBead, EditableAlignment};
use dragoman_core::store;
use serde::Serialize;

use crate::tm::sentences;

/// `dragoman-bench approve` arguments.
#[derive(Args)]
pub struct BenchApproveArgs {
    /// How many beads the alignment has, all confirmed.
    #[arg(long, default_value_t = 10_000)]
    beads: usize,
    /// Sentences of the first column: one per line, or a TSV whose last column is the
    /// text (NTREX). Used round and round, each bead's texts numbered so that no two
    /// beads make the same unit.
    #[arg(long)]
    src: PathBuf,
    /// Sentences of the second column, line by line parallel to --src.
    #[arg(long)]
    tgt: PathBuf,
    /// Sentences of a third column.
    #[arg(long, value_name = "FILE")]
    also: Option<PathBuf>,
    /// The database to approve into, with whatever memory it holds (default: a fresh
    /// one in the temporary folder). The units approved stay in it.
    #[arg(long)]
    db: Option<PathBuf>,
}

#[derive(Serialize)]
struct ApproveBenchReport {
    beads: usize,
    memory_units_before: u64,
    added: u64,
    approve_seconds: f64,
    approve_cpu_seconds: Option<f64>,
    again_seconds: f64,
}

pub fn run(a: BenchApproveArgs) -> Result<()> {
    let files: Vec<&PathBuf> = [&a.src, &a.tgt].into_iter().chain(&a.also).collect();
    let mut columns = Vec::with_capacity(files.len());
    for path in &files {
        columns.push(sentences(path)?);
    }
    let rows = columns.iter().map(Vec::len).min().unwrap_or(0);
    if rows == 0 {
        bail!("no sentences");
    }
    let langs: Vec<LanguageTag> = columns
        .iter()
        .map(|lines| LanguageTag::detect(&lines.join(" ")))
        .collect();
    let beads = (0..a.beads)
        .map(|b| EditBead {
            segments: columns
                .iter()
                .map(|c| vec![format!("{} ({})", c[b % rows], b + 1)])
                .collect(),
            confidence: 1.0,
            confirmed: true,
            approved: false,
        })
        .collect();
    let documents = files.iter().map(|p| p.display().to_string()).collect();
    let alignment = EditableAlignment::from_beads(langs, documents, beads)?;

    let path = match &a.db {
        Some(path) => path.clone(),
        None => {
            let path =
                std::env::temp_dir().join(format!("dragoman-bench-approve-{}.sqlite", a.beads));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            path
        }
    };
    let mut conn = store::open(&path)?;
    let memory_units_before = store::units::stats(&conn)?.units;
    let mut project =
        AlignmentProject::create(&mut conn, "bench approve", alignment, Timestamp::now())?;

    let (t, cpu) = (Instant::now(), cpu_seconds());
    let report = project.approve(
        &mut conn,
        Approve::Confirmed,
        Some("bench"),
        Timestamp::now(),
    )?;
    let approve_seconds = t.elapsed().as_secs_f64();
    let approve_cpu_seconds = cpu.zip(cpu_seconds()).map(|(before, after)| after - before);
    // Approving again finds every bead marked and writes nothing.
    let t = Instant::now();
    let again = project.approve(
        &mut conn,
        Approve::Confirmed,
        Some("bench"),
        Timestamp::now(),
    )?;
    let again_seconds = t.elapsed().as_secs_f64();
    if again.added != 0 {
        bail!("approving again added {} units", again.added);
    }
    let out = ApproveBenchReport {
        beads: a.beads,
        memory_units_before,
        added: report.added,
        approve_seconds: round3(approve_seconds),
        approve_cpu_seconds: approve_cpu_seconds.map(round3),
        again_seconds: round3(again_seconds),
    };
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}

/// The process's user and system time so far, from `/proc/self/stat` (Linux; `None`
/// elsewhere). The load on a shared machine stretches wall time but not this.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces:
    // utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
