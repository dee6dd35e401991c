//! The least time SQLite alone needs to store what a TMX import stores, for comparison
//! with `dragoman tm import` (docs/benchmarks.md, "TMX import").
//!
//! The file is read whole and every unit's forms computed first, each stage timed; then,
//! in a fresh database with Dragoman's schema and in one transaction with a rollback
//! journal, as the import does it: the unit and variant rows (secondary indexes dropped), each variant's word
//! list, the concordance index, the secondary indexes built again, and the commit. The
//! fuzzy index's tokens and posting blocks, duplicate checks and the handing of units
//! between threads are left out: a real import does all this and more.
//!
//! ```sh
//! cargo run --release -p dragoman-core --example import_floor -- FILE.tmx /tmp/floor.sqlite
//! ```

use std::time::Instant;

use dragoman_core::Timestamp;
use dragoman_core::formats::tmx_read::TmxReader;
use dragoman_core::normal::{Normalized, exact_form};
use dragoman_core::store;
use dragoman_core::store::units::UnitForms;
use dragoman_core::tm::TranslationUnit;
use rusqlite::params;

type Failure = Box<dyn std::error::Error>;

/// Print how long the stage `name`, begun at `started`, took.
fn stage(name: &str, started: Instant) {
    println!("{name:<28} {:>8.3} s", started.elapsed().as_secs_f64());
}

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    let [_, tmx, db] = &args[..] else {
        return Err("usage: import_floor FILE.tmx DATABASE".into());
    };

    let started = Instant::now();
    let mut reader = TmxReader::new(std::fs::File::open(tmx)?, "floor", Timestamp(0))?;
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
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let mut conn = store::open(std::path::Path::new(db))?;
    // Alone with the database, as `dragoman tm import` writes (see `store::bulk`).
    store::bulk::with_rollback_journal(&mut conn, |conn| write(conn, &units, &forms))
}

/// The forms of the stages below: per variant, its words, folded text and neighbours.
type Forms = (Normalized, String, Option<String>, Option<String>);

fn write(
    conn: &mut rusqlite::Connection,
    units: &[TranslationUnit],
    forms: &[Forms],
) -> Result<(), Failure> {
    let tx = conn.transaction()?;
    tx.execute_batch(
        "DROP INDEX variant_exact; DROP INDEX unit_by_changed; DROP INDEX unit_by_origin;",
    )?;

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
    tx.execute_batch(
        "CREATE INDEX variant_exact ON variant (lang, normalized, unit_id);
         CREATE INDEX unit_by_changed ON unit (changed_at);
         CREATE INDEX unit_by_origin ON unit (origin);",
    )?;
    stage("secondary indexes", started);

    let started = Instant::now();
    tx.commit()?;
    stage("commit", started);
    Ok(())
}
