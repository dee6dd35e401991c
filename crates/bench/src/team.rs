//! `dragoman-bench team`: the time to share a memory with a team on a PostgreSQL server
//! and to join it: the first push of a whole memory, the first pull into an empty one,
//! and an incremental sync of 100 corrections each way. With `--load` the server is
//! seeded by one `COPY` instead of a push, and only joining is timed (the million-unit
//! join). `scripts/bench-team.sh` starts a throwaway server for it.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::Args;
use dragoman_core::store::{self, units::Variant, units::Writer};
use dragoman_core::team::postgres::{self, PgServer};
use dragoman_core::team::shared::SharedUnit;
use dragoman_core::team::{self, Access, ServerAddress, SyncReport, TeamServer};
use dragoman_core::{LanguageTag, Timestamp};
use serde::Serialize;

use crate::synthetic::SyntheticMemory;
use crate::tm::sentences;

/// `dragoman-bench team` arguments.
#[derive(Args)]
pub struct BenchTeamArgs {
    /// An admin's connection string: the team is created there.
    #[arg(long, value_name = "URL")]
    server: String,
    /// The connection string the clients sync with (a role the benchmark makes a
    /// writer of the team).
    #[arg(long, value_name = "URL")]
    member: String,
    /// How many units the first memory shares.
    #[arg(long, default_value_t = 100_000)]
    units: u64,
    /// Source sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    src: PathBuf,
    /// Target sentences, line by line parallel to --src.
    #[arg(long)]
    tgt: PathBuf,
    /// Sentences in a further language, parallel to --src (repeatable), as for
    /// `dragoman-bench tm`: the same arguments make the same units.
    #[arg(long, value_name = "FILE")]
    also: Vec<PathBuf>,
    /// Put the units on the server with one `COPY` (`PgServer::load_units`) instead of
    /// a first push from a local memory; then only joining is timed (for a million
    /// units, whose push would take minutes).
    #[arg(long)]
    load: bool,
    /// Write the joined memory here and keep it (for `dragoman-bench tm --as-is`).
    #[arg(long, value_name = "DB")]
    keep: Option<PathBuf>,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Serialize)]
struct TeamBenchReport {
    units: u64,
    shared_units: u64,
    build_seconds: Option<f64>,
    first_push_seconds: Option<f64>,
    first_push_units_per_second: Option<f64>,
    load_seconds: Option<f64>,
    join_pull_seconds: f64,
    join_pull_units_per_second: f64,
    /// CPU time of this process (both of the join's threads) while joining: on a
    /// machine shared with other work, what the join needs whatever the wall time.
    join_cpu_seconds: Option<f64>,
    /// The same pull read from the server and decoded, written nowhere: how much of
    /// joining the server and the network take.
    server_read_seconds: f64,
    changes: Option<u64>,
    incremental_push_seconds: Option<f64>,
    incremental_pull_seconds: Option<f64>,
}

/// Sync `db` with `team` as `member`; the report and the seconds it took.
fn timed_sync(
    db: &std::path::Path,
    member: &ServerAddress,
    team_name: &str,
) -> Result<(SyncReport, f64)> {
    let started = Instant::now();
    let mut conn = store::open_existing(db)?;
    let mut server = PgServer::connect(member, team_name)?;
    let report = team::sync(&mut conn, &mut server, &mut |_| Ok(()))?;
    Ok((report, started.elapsed().as_secs_f64()))
}

/// This process's CPU time so far, user and system (Linux: `/proc/self/stat`, in
/// USER_HZ ticks, 100 a second); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces:
    // utime and stime are the 12th and 13th of them.
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// What the first push did, when the server was seeded by one.
struct FirstPush {
    memory: PathBuf,
    build_seconds: f64,
    seconds: f64,
}

pub fn run(a: BenchTeamArgs) -> Result<()> {
    let files: Vec<&PathBuf> = [&a.src, &a.tgt].into_iter().chain(&a.also).collect();
    let columns = files
        .iter()
        .map(|f| sentences(f))
        .collect::<Result<Vec<_>>>()?;
    let langs: Vec<LanguageTag> = columns
        .iter()
        .map(|lines| LanguageTag::detect(&lines.join(" ")))
        .collect();
    let rows: Vec<Vec<String>> = (0..columns[0].len())
        .map(|i| columns.iter().map(|c| c[i].clone()).collect::<Vec<_>>())
        .filter(|row| row.iter().all(|s| !s.is_empty()))
        .collect();
    let generator = SyntheticMemory::new(rows, langs.clone());

    let team_name = format!("bench-{}", std::process::id());
    let admin = ServerAddress::parse(&a.server)?;
    let member = ServerAddress::parse(&a.member)?;
    postgres::init(&admin, &team_name)?;
    postgres::grant(&admin, &team_name, member.user(), Access::Write)?;

    let dir = std::env::temp_dir().join(format!("dragoman-bench-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let now = Timestamp::now();
    let (shared, first, load_seconds) = if a.load {
        let started = Instant::now();
        let mut server = PgServer::connect(&member, &team_name)?;
        let mut units = (0..a.units).map(|i| SharedUnit::from(&generator.unit(a.seed, i)));
        let added = server.load_units(&mut units)?;
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("loaded {added} in {seconds:.1} s");
        (added, None, Some(seconds))
    } else {
        let memory = dir.join("a.sqlite");
        let started = Instant::now();
        let mut conn = store::open(&memory)?;
        generator.store(&mut conn, a.seed, a.units)?;
        let build_seconds = started.elapsed().as_secs_f64();
        team::join(&mut conn, &member, &team_name, now)?;
        drop(conn);
        let (pushed, seconds) = timed_sync(&memory, &member, &team_name)?;
        eprintln!("pushed {} in {seconds:.1} s", pushed.pushed);
        if pushed.pushed != a.units {
            bail!("pushed {} of {} units", pushed.pushed, a.units);
        }
        // The synthetic memory repeats a few units: the server merged them into one.
        let first = FirstPush {
            memory,
            build_seconds,
            seconds,
        };
        (pushed.pushed - pushed.merged, Some(first), None)
    };

    let joined = a.keep.clone().unwrap_or_else(|| dir.join("b.sqlite"));
    let mut joining = store::open(&joined)?;
    if store::units::stats(&joining)?.units != 0 {
        bail!(
            "{} holds units already: joining needs an empty memory",
            joined.display()
        );
    }
    team::join(&mut joining, &member, &team_name, now)?;
    drop(joining);
    let cpu_before = cpu_seconds();
    let (pulled, join_pull_seconds) = timed_sync(&joined, &member, &team_name)?;
    let join_cpu_seconds = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    eprintln!("pulled {} in {join_pull_seconds:.1} s", pulled.pulled);
    if pulled.pulled != shared {
        bail!("pulled {} of {shared} units", pulled.pulled);
    }

    let started = Instant::now();
    let mut server = PgServer::connect(&member, &team_name)?;
    let mut read = 0u64;
    server.pull_all(0, &mut |_| {
        read += 1;
        Ok(())
    })?;
    let server_read_seconds = started.elapsed().as_secs_f64();
    if read != shared {
        bail!("read {read} of {shared} units");
    }

    let (mut changes, mut incremental) = (None, None);
    if let Some(first) = &first {
        let count = 100.min(a.units);
        incremental = Some(incremental_sync(
            &first.memory,
            &joined,
            count,
            &langs[1],
            &member,
            &team_name,
        )?);
        changes = Some(count);
    }
    if a.keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else if let Some(first) = &first {
        let _ = std::fs::remove_file(&first.memory);
    }

    let report = TeamBenchReport {
        units: a.units,
        shared_units: shared,
        build_seconds: first.as_ref().map(|f| f.build_seconds),
        first_push_seconds: first.as_ref().map(|f| f.seconds),
        first_push_units_per_second: first.as_ref().map(|f| a.units as f64 / f.seconds),
        load_seconds,
        join_pull_seconds,
        join_pull_units_per_second: shared as f64 / join_pull_seconds,
        join_cpu_seconds,
        server_read_seconds,
        changes,
        incremental_push_seconds: incremental.map(|(push, _)| push),
        incremental_pull_seconds: incremental.map(|(_, pull)| pull),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// Correct `changes` units' `lang` texts in `first` (spread over the memory, which kept
/// one of each set of merged units), push them, and pull them into `second`; the
/// seconds each took.
fn incremental_sync(
    first: &std::path::Path,
    second: &std::path::Path,
    changes: u64,
    lang: &LanguageTag,
    member: &ServerAddress,
    team_name: &str,
) -> Result<(f64, f64)> {
    let mut conn = store::open_existing(first)?;
    let ids = store::units::ids(&conn, &store::units::UnitFilter::default())?;
    let mut writer = Writer::begin(&mut conn)?;
    for k in 0..changes {
        let id = ids[k as usize * ids.len() / changes as usize];
        let corrected = Variant::new(lang.clone(), format!("Corrected {k}."));
        writer.correct_variant(id, &corrected, Some("bench"), Timestamp::now())?;
    }
    writer.commit()?;
    drop(conn);
    let (pushed, push_seconds) = timed_sync(first, member, team_name)?;
    let (pulled, pull_seconds) = timed_sync(second, member, team_name)?;
    if pushed.pushed != changes || pulled.pulled != changes {
        bail!(
            "incremental: pushed {}, pulled {}",
            pushed.pushed,
            pulled.pulled
        );
    }
    Ok((push_seconds, pull_seconds))
}
