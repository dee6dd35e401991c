//! `dragoman-bench team`: the time to share a memory with a team on a PostgreSQL server
//! and to join it: the first push of a whole memory, the first pull into an empty one,
//! and an incremental sync of 100 corrections each way. `scripts/bench-team.sh` starts a
//! throwaway server for it.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::Args;
use dragoman_core::store::{self, units::Variant, units::Writer};
use dragoman_core::team::postgres::{self, PgServer};
use dragoman_core::team::{self, Access, ServerAddress, SyncReport};
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
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Serialize)]
struct TeamBenchReport {
    units: u64,
    shared_units: u64,
    build_seconds: f64,
    first_push_seconds: f64,
    first_push_units_per_second: f64,
    join_pull_seconds: f64,
    join_pull_units_per_second: f64,
    changes: u64,
    incremental_push_seconds: f64,
    incremental_pull_seconds: f64,
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

pub fn run(a: BenchTeamArgs) -> Result<()> {
    let columns = [sentences(&a.src)?, sentences(&a.tgt)?];
    let langs: Vec<LanguageTag> = columns
        .iter()
        .map(|lines| LanguageTag::detect(&lines.join(" ")))
        .collect();
    let rows: Vec<Vec<String>> = columns[0]
        .iter()
        .zip(&columns[1])
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .map(|(s, t)| vec![s.clone(), t.clone()])
        .collect();
    let generator = SyntheticMemory::new(rows, langs.clone());

    let team_name = format!("bench-{}", std::process::id());
    let admin = ServerAddress::parse(&a.server)?;
    let member = ServerAddress::parse(&a.member)?;
    postgres::init(&admin, &team_name)?;
    postgres::grant(&admin, &team_name, member.user(), Access::Write)?;

    let dir = std::env::temp_dir().join(format!("dragoman-bench-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (first, second) = (dir.join("a.sqlite"), dir.join("b.sqlite"));
    let started = Instant::now();
    let mut conn = store::open(&first)?;
    generator.store(&mut conn, a.seed, a.units)?;
    let build_seconds = started.elapsed().as_secs_f64();
    let now = Timestamp::now();
    team::join(&mut conn, &member, &team_name, now)?;

    let (pushed, first_push_seconds) = timed_sync(&first, &member, &team_name)?;
    eprintln!("pushed {} in {first_push_seconds:.1} s", pushed.pushed);
    let mut joining = store::open(&second)?;
    team::join(&mut joining, &member, &team_name, now)?;
    drop(joining);
    let (pulled, join_pull_seconds) = timed_sync(&second, &member, &team_name)?;
    eprintln!("pulled {} in {join_pull_seconds:.1} s", pulled.pulled);
    // The synthetic memory repeats a few units: the server merged them into one.
    let shared = pushed.pushed - pushed.merged;
    if pushed.pushed != a.units || pulled.pulled != shared {
        bail!(
            "pushed {} ({} merged), pulled {} of {} units",
            pushed.pushed,
            pushed.merged,
            pulled.pulled,
            a.units
        );
    }

    // 100 corrections of the target text, spread over the memory (which kept one of
    // each set of merged units).
    let changes = 100.min(a.units);
    let ids = store::units::ids(&conn, &store::units::UnitFilter::default())?;
    let mut writer = Writer::begin(&mut conn)?;
    for k in 0..changes {
        let id = ids[k as usize * ids.len() / changes as usize];
        let corrected = Variant::new(langs[1].clone(), format!("Corrected {k}."));
        writer.correct_variant(id, &corrected, Some("bench"), Timestamp::now())?;
    }
    writer.commit()?;
    drop(conn);
    let (pushed, incremental_push_seconds) = timed_sync(&first, &member, &team_name)?;
    let (pulled, incremental_pull_seconds) = timed_sync(&second, &member, &team_name)?;
    if pushed.pushed != changes || pulled.pulled != changes {
        bail!(
            "incremental: pushed {}, pulled {}",
            pushed.pushed,
            pulled.pulled
        );
    }
    let _ = std::fs::remove_dir_all(&dir);

    let report = TeamBenchReport {
        units: a.units,
        shared_units: shared,
        build_seconds,
        first_push_seconds,
        first_push_units_per_second: a.units as f64 / first_push_seconds,
        join_pull_seconds,
        join_pull_units_per_second: shared as f64 / join_pull_seconds,
        changes,
        incremental_push_seconds,
        incremental_pull_seconds,
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
