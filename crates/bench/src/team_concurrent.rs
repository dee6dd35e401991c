//! `dragoman-bench team-concurrent`: issue 17's "done when": several CLI clients on one
//! machine each import their own units (`dragoman tm import`, a file at a time) while
//! syncing in a loop (`dragoman team sync` every few seconds); one sync of the first
//! client is killed with SIGKILL midway and the loop goes on. After a final sync of
//! each, every client and the server must hold every unit once. Prints the times.

use std::collections::HashSet;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::formats::tmx::{TmxHeader, TmxWriter};
use dragoman_core::store::{self, units};
use dragoman_core::team::postgres::{self, PgServer};
use dragoman_core::team::{Access, ServerAddress, TeamServer};
use serde::Serialize;

use crate::synthetic::SyntheticMemory;
use crate::tm::sentences;

/// `dragoman-bench team-concurrent` arguments.
#[derive(Args)]
pub struct BenchTeamConcurrentArgs {
    /// An admin's connection string: the team is created there.
    #[arg(long, value_name = "URL")]
    server: String,
    /// The clients' connection string, `{user}` standing for each client's role
    /// (made writers of the team).
    #[arg(long, value_name = "URL")]
    member: String,
    /// How many clients.
    #[arg(long, default_value_t = 3)]
    clients: usize,
    /// Units each client imports, all different.
    #[arg(long, default_value_t = 10_000)]
    units: usize,
    /// Units per import.
    #[arg(long, default_value_t = 500)]
    batch: usize,
    /// Seconds between the end of one sync of a client and the start of its next.
    #[arg(long, default_value_t = 3.0)]
    interval: f64,
    /// Seconds between one import of a client and its next (translators approve units
    /// over time, not all at once).
    #[arg(long, default_value_t = 0.5)]
    pace: f64,
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
struct ConcurrentReport {
    clients: usize,
    units_per_client: usize,
    /// From the first import to the end of the syncing loops.
    working_seconds: f64,
    imports: usize,
    import_seconds_mean: f64,
    syncs: usize,
    sync_seconds_mean: f64,
    sync_seconds_p95: f64,
    sync_seconds_max: f64,
    /// Whether the killed sync was still running when the signal came.
    killed_mid_sync: bool,
    /// The final syncs, every client twice (push and pull, then what the others
    /// pushed after).
    final_sync_seconds: f64,
    server_units: u64,
    client_units: Vec<u64>,
}

/// What one client's loops did.
#[derive(Default)]
struct ClientLog {
    import_seconds: Vec<f64>,
    sync_seconds: Vec<f64>,
    killed_mid_sync: bool,
}

pub fn run(a: BenchTeamConcurrentArgs) -> Result<()> {
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
    let generator = SyntheticMemory::new(rows, langs);
    // Every unit different: the synthetic memory repeats a few, which are left out.
    let wanted = a.clients * a.units;
    let mut seen = HashSet::new();
    let mut all = Vec::with_capacity(wanted);
    let mut i = 0;
    while all.len() < wanted {
        let unit = generator.unit(a.seed, i);
        i += 1;
        if seen.insert(texts_of(&unit)) {
            all.push(unit);
        }
    }

    let pid = std::process::id();
    let dir = std::env::temp_dir().join(format!("dragoman-bench-concurrent-{pid}"));
    std::fs::create_dir_all(&dir)?;
    let team_name = format!("concurrent-{pid}");
    let admin = ServerAddress::parse(&a.server)?;
    postgres::init(&admin, &team_name)?;
    let dragoman = dragoman_binary()?;
    let mut dbs = Vec::new();
    let mut chunks = Vec::new();
    for c in 0..a.clients {
        let role = format!("bench_client{c}");
        postgres::grant(&admin, &team_name, &role, Access::Write)?;
        let db = dir.join(format!("client{c}.sqlite"));
        let url = a.member.replace("{user}", &role);
        dragoman_ok(
            &dragoman,
            &["team", "join", "--server", &url, "--team", &team_name],
            &db,
        )?;
        let mut files = Vec::new();
        for (k, part) in all[c * a.units..(c + 1) * a.units]
            .chunks(a.batch)
            .enumerate()
        {
            let file = dir.join(format!("client{c}-{k}.tmx"));
            let out = BufWriter::new(std::fs::File::create(&file)?);
            let mut tmx = TmxWriter::start(out, &TmxHeader::default())?;
            for unit in part {
                tmx.translation_unit(unit)?;
            }
            tmx.finish()?;
            files.push(file);
        }
        dbs.push(db);
        chunks.push(files);
    }

    let started = Instant::now();
    let interval = Duration::from_secs_f64(a.interval);
    let pace = Duration::from_secs_f64(a.pace);
    let logs: Vec<ClientLog> = std::thread::scope(|scope| {
        let handles: Vec<_> = dbs
            .iter()
            .zip(&chunks)
            .enumerate()
            .map(|(c, (db, files))| {
                let dragoman = &dragoman;
                scope.spawn(move || client(dragoman, db, files, (interval, pace), c == 0))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a client thread panicked"))
            .collect::<Result<_>>()
    })?;
    let working_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    for _ in 0..2 {
        for db in &dbs {
            dragoman_ok(&dragoman, &["team", "sync"], db)?;
        }
    }
    let final_sync_seconds = started.elapsed().as_secs_f64();

    // Every client and the server hold every unit, once.
    let expected: HashSet<Vec<(String, String)>> = all.iter().map(texts_of).collect();
    let mut client_units = Vec::new();
    for db in &dbs {
        let conn = store::open_existing(db)?;
        let ids = units::ids(&conn, &units::UnitFilter::default())?;
        let mut held = HashSet::new();
        for id in &ids {
            let unit = units::get(&conn, *id)?.context("a unit vanished")?;
            if !held.insert(texts_of(&unit)) {
                bail!("{} holds a unit twice", db.display());
            }
        }
        if held != expected {
            bail!(
                "{} holds {} units, {} of them expected, of {}",
                db.display(),
                held.len(),
                held.intersection(&expected).count(),
                expected.len()
            );
        }
        client_units.push(ids.len() as u64);
    }
    let member = ServerAddress::parse(&a.member.replace("{user}", "bench_client0"))?;
    let mut server = PgServer::connect(&member, &team_name)?;
    let mut on_server = HashSet::new();
    let mut server_units = 0u64;
    server.pull_all(0, &mut |change| {
        if let Some(content) = change.content {
            server_units += 1;
            on_server.insert(texts_of(&content.to_unit(None)));
        }
        Ok(())
    })?;
    if server_units != wanted as u64 || on_server != expected {
        bail!(
            "the server holds {server_units} units, {} different",
            on_server.len()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);

    let imports: Vec<f64> = logs.iter().flat_map(|l| l.import_seconds.clone()).collect();
    let mut syncs: Vec<f64> = logs.iter().flat_map(|l| l.sync_seconds.clone()).collect();
    syncs.sort_by(f64::total_cmp);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let at = |q: f64| {
        syncs
            .get(((syncs.len().max(1) - 1) as f64 * q).round() as usize)
            .copied()
    };
    let report = ConcurrentReport {
        clients: a.clients,
        units_per_client: a.units,
        working_seconds,
        imports: imports.len(),
        import_seconds_mean: mean(&imports),
        syncs: syncs.len(),
        sync_seconds_mean: mean(&syncs),
        sync_seconds_p95: at(0.95).unwrap_or_default(),
        sync_seconds_max: at(1.0).unwrap_or_default(),
        killed_mid_sync: logs.iter().any(|l| l.killed_mid_sync),
        final_sync_seconds,
        server_units,
        client_units,
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// One client: its imports, one after another `pace` apart, and beside them its
/// syncs, `interval` apart, until the imports are done (three at least). With
/// `kill_one`, its second sync is killed with SIGKILL a second after it starts, and the
/// next one runs as usual.
fn client(
    dragoman: &Path,
    db: &Path,
    files: &[PathBuf],
    (interval, pace): (Duration, Duration),
    kill_one: bool,
) -> Result<ClientLog> {
    let importing = AtomicBool::new(true);
    std::thread::scope(|scope| {
        let imports = scope.spawn(|| {
            let mut seconds = Vec::new();
            let result = files.iter().try_for_each(|file| {
                let t = Instant::now();
                dragoman_ok(dragoman, &["tm", "import", &file.display().to_string()], db)?;
                seconds.push(t.elapsed().as_secs_f64());
                std::thread::sleep(pace);
                Ok::<_, anyhow::Error>(())
            });
            importing.store(false, Ordering::Release);
            result.map(|()| seconds)
        });
        let mut log = ClientLog::default();
        let mut round = 0;
        while importing.load(Ordering::Acquire) || round < 3 {
            round += 1;
            let t = Instant::now();
            if kill_one && round == 2 {
                let mut sync = command(dragoman, &["team", "sync"], db).spawn()?;
                std::thread::sleep(Duration::from_secs(1));
                log.killed_mid_sync = sync.try_wait()?.is_none();
                sync.kill()?;
                sync.wait()?;
            } else {
                dragoman_ok(dragoman, &["team", "sync"], db)?;
                log.sync_seconds.push(t.elapsed().as_secs_f64());
            }
            std::thread::sleep(interval);
        }
        log.import_seconds = imports.join().expect("the import thread panicked")?;
        Ok(log)
    })
}

/// `dragoman ARGS --db DB`, ready to run, its output kept for errors.
fn command(dragoman: &Path, args: &[&str], db: &Path) -> Command {
    let mut c = Command::new(dragoman);
    c.args(args)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Run `dragoman ARGS --db DB`, which must succeed.
fn dragoman_ok(dragoman: &Path, args: &[&str], db: &Path) -> Result<()> {
    let out = command(dragoman, args, db).output()?;
    if !out.status.success() {
        bail!(
            "dragoman {} --db {}: {}",
            args.join(" "),
            db.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The `dragoman` binary built beside this one.
fn dragoman_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let bin = exe.with_file_name(format!("dragoman{}", std::env::consts::EXE_SUFFIX));
    if !bin.is_file() {
        bail!("{} not found: build dragoman-cli too", bin.display());
    }
    Ok(bin)
}

/// A unit's languages and texts, sorted: what makes two units the same.
fn texts_of(unit: &units::TranslationUnit) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = unit
        .variants
        .iter()
        .map(|v| (v.lang.to_string(), v.text.clone()))
        .collect();
    texts.sort();
    texts
}
