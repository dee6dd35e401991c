//! `dragoman-bench import-floor`: the least time SQLite alone needs to store what a TMX
//! import stores, for comparison with `dragoman tm import` (docs/benchmarks.md, "TMX
//! import").
//!
//! The file is read whole and every unit's forms computed first, each stage timed; then,
//! in a fresh database with Dragoman's schema and in one transaction with a rollback
//! journal, as the import does it: the unit and variant rows (secondary indexes dropped), each variant's word
//! list, the concordance index, the secondary indexes built again, and the commit. The
//! fuzzy index's tokens and posting blocks, duplicate checks and the handing of units
//! between threads are left out: a real import does all this and more.
//!
//! The schema is the store's own, made by its migrations: the indexes dropped and built
//! again are read from the database, so the floor follows the schema as it changes.
//!
//! ```sh
//! cargo build --release -p dragoman-bench
//! target/release/dragoman-bench import-floor FILE.tmx /tmp/floor.sqlite
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dragoman_core::Timestamp;
use dragoman_core::formats::tmx_read::TmxReader;
use dragoman_core::limits::Limits;
use dragoman_core::normal::{Normalized, exact_form};
use dragoman_core::store;
use dragoman_core::store::units::UnitForms;
use dragoman_core::tm::TranslationUnit;
use rusqlite::params;

/// `dragoman-bench import-floor` arguments.
#[derive(Args)]
pub struct ImportFloorArgs {
    /// The TMX file to store.
    tmx: PathBuf,
    /// The database to write, replaced if it exists.
    db: PathBuf,
}

/// Print how long the stage `name`, begun at `started`, took.
fn stage(name: &str, started: Instant) {
    println!("{name:<28} {:>8.3} s", started.elapsed().as_secs_f64());
}

pub fn run(args: &ImportFloorArgs) -> Result<()> {
    let (tmx, db) = (&args.tmx, &args.db);
    let started = Instant::now();
    let file =
        std::fs::File::open(tmx).with_context(|| format!("{}: cannot read", tmx.display()))?;
    let mut reader = TmxReader::new(file, "floor", Timestamp(0), &Limits::default())?;
    let mut units = Vec::new();
    while let Some(read) = reader.next_unit()? {
        units.extend(read.unit.ok());
    }
    stage("parse", started);
    let variants: usize = units.iter().map(|u| u.variants.len()).sum();
    println!("{} units, {variants} variants", units.len());

    let started = Instant::now();
    for unit in &units {
        drop(UnitForms::of(unit));
    }
    stage("forms (all)", started);
    // The forms again, kept this time, as the stages below need them.
    let forms: Vec<Forms> = units
        .iter()
        .flat_map(|u| &u.variants)
        .map(|v| {
            (
                Normalized::new(&v.lang, &v.text),
                v.lang.fold(&v.text),
                v.prev_segment.as_deref().map(exact_form),
                v.next_segment.as_deref().map(exact_form),
            )
        })
        .collect();

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut conn = store::open(db)?;
    // Alone with the database, as `dragoman tm import` writes (see `store::bulk`).
    store::bulk::with_rollback_journal(&mut conn, "benchmark units", |conn| {
        write(conn, &units, &forms)
    })
}

/// The forms of the stages below: per variant, its words, folded text and neighbours.
type Forms = (Normalized, String, Option<String>, Option<String>);

fn write(
    conn: &mut rusqlite::Connection,
    units: &[TranslationUnit],
    forms: &[Forms],
) -> Result<()> {
    let tx = conn.transaction()?;
    let secondary = secondary_indexes(&tx)?;
    for (name, _) in &secondary {
        tx.execute_batch(&format!("DROP INDEX {name}"))?;
    }

    let started = Instant::now();
    {
        let mut unit_row = tx.prepare(
            "INSERT INTO unit (created_at, changed_at, origin, notes, props)
             VALUES (?1, ?2, ?3, '[]', '[]')",
        )?;
        let mut variant_row = tx.prepare(
            "INSERT INTO variant (unit_id, lang, text, markup, normalized, tags,
                                  prev_segment, next_segment)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut f = forms.iter();
        for unit in units {
            let m = &unit.meta;
            unit_row.execute(params![m.created_at.0, m.changed_at.0, m.origin])?;
            let id = tx.last_insert_rowid();
            for v in &unit.variants {
                let (words, _, prev, next) = f.next().expect("one form per variant");
                variant_row.execute(params![
                    id,
                    v.lang.as_str(),
                    v.text,
                    v.markup,
                    words.exact,
                    v.tags.join(" "),
                    prev,
                    next
                ])?;
            }
        }
    }
    stage("unit and variant rows", started);

    let started = Instant::now();
    {
        let mut row =
            tx.prepare("INSERT INTO variant_words (variant_id, word_ids) VALUES (?1, ?2)")?;
        for (i, (words, ..)) in forms.iter().enumerate() {
            // The blob's size is what matters here, not the ids in it.
            row.execute(params![i as i64 + 1, vec![0u8; 4 * words.words.len()]])?;
        }
    }
    stage("word lists", started);

    let started = Instant::now();
    store::concordance::prepare_bulk_write(&tx)?;
    for (i, (_, folded, ..)) in forms.iter().enumerate() {
        store::concordance::add(&tx, i as i64 + 1, folded)?;
    }
    stage("concordance (FTS5)", started);

    let started = Instant::now();
    for (_, sql) in &secondary {
        tx.execute_batch(sql)?;
    }
    stage("secondary indexes", started);

    let started = Instant::now();
    tx.commit()?;
    stage("commit", started);
    Ok(())
}

/// The name and `CREATE INDEX` statement of each index the migrations made on the unit
/// and variant tables (not those SQLite makes for `UNIQUE`, which have no statement):
/// what an import into an empty memory drops and builds again after its rows.
fn secondary_indexes(tx: &rusqlite::Transaction) -> Result<Vec<(String, String)>> {
    let mut statement = tx.prepare(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND tbl_name IN ('unit', 'variant') AND sql IS NOT NULL
         ORDER BY name",
    )?;
    let indexes = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(indexes)
}
