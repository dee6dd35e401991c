//! Moving memories in and out: TMX (and TSV/CSV tables) imported with a duplicates
//! policy, TMX export of the whole memory or a filtered part.
//!
//! An import runs in the caller's transaction: one malformed tag anywhere and nothing
//! of the file is kept. Units the memory cannot hold are rejected one by one, with
//! their line, without stopping the import.

use std::io::{Read, Write};
use std::ops::ControlFlow;

use serde::Serialize;
use thiserror::Error;

use super::{TranslationUnit, UnitMetadata, Variant};

use crate::Timestamp;
use crate::formats::table::{TableError, read_table};
use crate::formats::tmx::{TmxHeader, TmxWriter};
use crate::formats::tmx_read::{TmxError, TmxFileHeader, TmxReader};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limits};
use crate::store::units::{self, UnitFilter, UnitForms, Writer};
use crate::store::{Connection, StoreError, memory_header};

/// What to do with an imported unit the memory already has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicatePolicy {
    /// A unit identical to a stored one (same languages, same texts) is not added
    /// again; its notes, props, dates and usage are merged into the stored unit.
    #[default]
    Skip,
    /// A unit whose source segment is stored replaces every stored unit with that source
    /// segment (the source is the header's `srclang`, or the unit's first variant).
    Overwrite,
    /// Every unit is added, even an identical one.
    Keep,
}

/// A unit that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// 1-based line of its `<tu>`.
    pub line: usize,
    /// Why it was rejected.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The TMX file's header (empty for a table).
    pub header: TmxFileHeader,
    /// Units added to the memory.
    pub added: u64,
    /// Units already stored identically, with nothing new to merge.
    pub skipped: u64,
    /// Units already stored identically whose metadata was merged into the stored one.
    pub merged: u64,
    /// Units that replaced stored units with the same source segment.
    pub overwritten: u64,
    /// Units that could not be imported.
    pub rejected: Vec<Rejection>,
}

/// Why an import or export failed as a whole.
#[derive(Debug, Error)]
pub enum ExchangeError {
    /// The TMX file could not be read (see [`TmxError`]).
    #[error(transparent)]
    Tmx(#[from] TmxError),
    /// The table could not be read (see [`TableError`]).
    #[error(transparent)]
    Table(#[from] TableError),
    /// The memory could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The export could not be written.
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    /// The file is not text (a table in an unknown encoding, binary data).
    #[error(transparent)]
    Text(#[from] crate::text::TextError),
    /// The file goes beyond one of the [`Limits`] (a table larger than a file may be).
    #[error(transparent)]
    Limit(#[from] Exceeded),
    /// The caller's progress callback asked to stop; the caller rolls the transaction back.
    #[error("cancelled")]
    Cancelled,
    /// A line of aligned beads is not what `dragoman align --format jsonl` writes.
    #[error("line {line}: {message}")]
    MalformedBeads {
        /// 1-based line of the bead.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// Import the TMX file `read` into the memory through `writer`, within `limits`. Units
/// get origin `origin` unless the file says otherwise, and `now` as their date when it
/// gives none.
pub fn import_tmx(
    writer: &mut Writer,
    read: impl Read + Send,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    limits: &Limits,
) -> Result<ImportReport, ExchangeError> {
    import_tmx_with_progress(writer, read, origin, now, policy, limits, |_| {
        ControlFlow::Continue(())
    })
}

/// [`import_tmx`], calling `progress` with the number of units read so far after each
/// one, so that a long import can show how far it has got; when it breaks, the import
/// stops with [`ExchangeError::Cancelled`] (the caller drops the writer).
///
/// The file is parsed on a second thread while this one writes: XML parsing, building
/// the units and computing the forms they are indexed by ([`UnitForms`], token ids
/// included) is about a third of an import's work, and overlaps with SQLite's.
/// A bounded channel between them keeps memory bounded (a few thousand units in
/// flight, in batches so that the threads wake each other once per batch, not per
/// unit); if writing fails, the channel closes and the parser stops at its next batch.
pub fn import_tmx_with_progress(
    writer: &mut Writer,
    read: impl Read + Send,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    limits: &Limits,
    mut progress: impl FnMut(u64) -> ControlFlow<()>,
) -> Result<ImportReport, ExchangeError> {
    let mut reader = TmxReader::new(read, origin, now, limits)?;
    let srclang = reader.header().srclang();
    let mut report = ImportReport {
        header: reader.header().clone(),
        ..ImportReport::default()
    };
    let kept = memory_header::MemoryHeader {
        props: report.header.props.clone(),
        notes: report.header.notes.clone(),
    };
    memory_header::add(writer.transaction(), &kept)?;
    writer.bulk()?;
    let mut vocabulary = writer.vocabulary()?;
    std::thread::scope(|scope| {
        const BATCH: usize = 256;
        let (send, receive) = std::sync::mpsc::sync_channel(16);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                match reader.next_unit() {
                    Ok(Some(read)) => {
                        let unit = read.unit.map(|unit| {
                            let forms = UnitForms::with_ids(&unit, &mut vocabulary);
                            (unit, forms)
                        });
                        batch.push((read.line, unit));
                        if batch.len() < BATCH {
                            continue;
                        }
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if send.send(Ok(full)).is_err() {
                            break;
                        }
                    }
                    Ok(None) => {
                        let _ = send.send(Ok(batch));
                        break;
                    }
                    Err(e) => {
                        let _ = send.send(Err(e));
                        break;
                    }
                }
            }
        });
        let mut read_units = 0;
        for batch in receive {
            for (line, unit) in batch? {
                read_units += 1;
                if progress(read_units).is_break() {
                    // Dropping the receiver stops the parser at its next batch.
                    return Err(ExchangeError::Cancelled);
                }
                let (unit, forms) = match unit {
                    Ok(unit) => unit,
                    Err(reason) => {
                        report.rejected.push(Rejection { line, reason });
                        continue;
                    }
                };
                writer.add_tokens(forms.new_tokens())?;
                let source = srclang.as_ref();
                store_with_forms(writer, &unit, &forms, policy, source, &mut report)?;
            }
        }
        Ok(report)
    })
}

/// Store one imported unit under `policy`, counting what happened in `report`.
pub(crate) fn store_unit(
    writer: &mut Writer,
    unit: &TranslationUnit,
    policy: DuplicatePolicy,
    srclang: Option<&LanguageTag>,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let forms = UnitForms::of(unit);
    store_with_forms(writer, unit, &forms, policy, srclang, report)
}

/// Store `unit`, a translation the translator confirmed (a Translate segment, an
/// approved bead) of its variant in `src` (the first variant without one), keeping one translation per source as memoQ
/// and OmegaT do: where the memory holds that source segment with another text in a
/// language of the unit, that text is corrected (the old one kept as an earlier version,
/// [`crate::store::units::versions`]) and nothing is added; where it holds it with the
/// same texts, the metadata is merged as [`DuplicatePolicy::Skip`] does. With
/// `several`, the translator keeps several translations of one source: the unit is
/// stored as `Skip` stores it.
pub(crate) fn store_confirmed(
    writer: &mut Writer,
    unit: &TranslationUnit,
    src: Option<&LanguageTag>,
    several: bool,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let held = src.and_then(|src| Some((src, unit.variant(src)?)));
    let Some((src, source)) = held.filter(|_| !several) else {
        return store_unit(writer, unit, DuplicatePolicy::Skip, src, report);
    };
    let others: Vec<&Variant> = unit.variants.iter().filter(|v| &v.lang != src).collect();
    // The stored units holding the source, each with the unit's variants whose language
    // it has, and whether it says all of them already.
    let mut holders = Vec::new();
    let mut said = false;
    for id in writer.with_segment(src, &source.text)? {
        let Some(stored) = writer.get(id)? else {
            continue;
        };
        let shared: Vec<&Variant> = others
            .iter()
            .copied()
            .filter(|v| stored.variant(&v.lang).is_some())
            .collect();
        let differ = shared
            .iter()
            .any(|v| stored.variant(&v.lang).is_some_and(|s| s.text != v.text));
        if differ {
            holders.push((id, shared));
        } else if shared.len() == others.len() {
            said = true;
        }
    }
    let by = unit.meta.changed_by.as_deref();
    for (id, shared) in &holders {
        for v in shared {
            writer.correct_variant(*id, v, by, unit.meta.changed_at)?;
        }
    }
    if !holders.is_empty() {
        report.overwritten += 1;
        if !said {
            return Ok(());
        }
    }
    // Not held, or held as said (only the metadata to merge): stored as Skip stores it.
    store_unit(writer, unit, DuplicatePolicy::Skip, Some(src), report)
}

/// [`store_unit`] given the unit's `forms`, computed ahead (see [`UnitForms`]).
fn store_with_forms(
    writer: &mut Writer,
    unit: &TranslationUnit,
    forms: &UnitForms,
    policy: DuplicatePolicy,
    srclang: Option<&LanguageTag>,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    match policy {
        DuplicatePolicy::Keep => {
            writer.insert_with_forms(unit, forms)?;
            report.added += 1;
        }
        DuplicatePolicy::Skip => match writer.find_identical(unit)? {
            Some(id) => {
                let stored = writer
                    .get(id)?
                    .ok_or_else(|| StoreError::Damaged(format!("unit {} vanished", id.0)))?;
                let merged = merge(&stored.meta, &unit.meta);
                if merged == stored.meta {
                    report.skipped += 1;
                } else {
                    writer.update_metadata(id, &merged)?;
                    report.merged += 1;
                }
            }
            None => {
                writer.insert_with_forms(unit, forms)?;
                report.added += 1;
            }
        },
        DuplicatePolicy::Overwrite => {
            let source = srclang
                .and_then(|lang| unit.variant(lang))
                .unwrap_or(&unit.variants[0]);
            let stored = writer.with_segment(&source.lang, &source.text)?;
            for &id in &stored {
                writer.delete(id)?;
            }
            writer.insert_with_forms(unit, forms)?;
            if stored.is_empty() {
                report.added += 1;
            } else {
                report.overwritten += 1;
            }
        }
    }
    Ok(())
}

/// Import a table of parallel sentences (see [`crate::formats::table`]), of no more
/// cells than `limits` allow: one unit per row, from its non-empty cells. Rows with
/// fewer than two are rejected with their line.
pub fn import_table(
    writer: &mut Writer,
    text: &str,
    delimiter: char,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    limits: &Limits,
) -> Result<ImportReport, ExchangeError> {
    import_table_with_progress(
        writer,
        text,
        delimiter,
        origin,
        now,
        policy,
        limits,
        |_, _| ControlFlow::Continue(()),
    )
}

/// [`import_table`], calling `progress` with the rows done and the rows in all after
/// each row; when it breaks, the import stops with [`ExchangeError::Cancelled`].
#[allow(clippy::too_many_arguments)]
pub fn import_table_with_progress(
    writer: &mut Writer,
    text: &str,
    delimiter: char,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    limits: &Limits,
    mut progress: impl FnMut(u64, u64) -> ControlFlow<()>,
) -> Result<ImportReport, ExchangeError> {
    let (langs, rows) = read_table(text, delimiter, limits)?;
    let mut report = ImportReport::default();
    let total = rows.len() as u64;
    for (done, row) in rows.into_iter().enumerate() {
        if progress(done as u64, total).is_break() {
            return Err(ExchangeError::Cancelled);
        }
        let variants: Vec<Variant> = langs
            .iter()
            .zip(&row.cells)
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(lang, cell)| Variant::new(lang.clone(), cell.clone()))
            .collect();
        if variants.len() < 2 || row.cells.len() > langs.len() {
            let reason = if variants.len() < 2 {
                format!(
                    "a unit needs text in two or more languages, this row has {}",
                    variants.len()
                )
            } else {
                format!("{} cells under {} languages", row.cells.len(), langs.len())
            };
            report.rejected.push(Rejection {
                line: row.line,
                reason,
            });
            continue;
        }
        let unit = TranslationUnit {
            variants,
            meta: UnitMetadata::new(origin, now),
        };
        store_unit(writer, &unit, policy, langs.first(), &mut report)?;
    }
    Ok(report)
}

/// `stored` with what `new` adds: notes and props it lacks, the earlier creation, the
/// higher use count, fields `stored` leaves empty, and `new`'s change date if it is later
/// and anything else was added.
fn merge(stored: &UnitMetadata, new: &UnitMetadata) -> UnitMetadata {
    let mut m = stored.clone();
    m.take_in(new);
    m.use_count = m.use_count.max(new.use_count);
    m.last_used_at = m.last_used_at.max(new.last_used_at);
    // Seeing the same unit again is no change; only metadata it brings is.
    if m != *stored && new.changed_at > m.changed_at {
        m.changed_at = new.changed_at;
        m.changed_by.clone_from(&new.changed_by);
    }
    m
}

/// Write the units `filter` selects as TMX 1.4b to `out`, with `srclang` in the header
/// (`*all*` when `None`). Returns how many units were written.
pub fn export_tmx(
    conn: &Connection,
    filter: &UnitFilter,
    srclang: Option<LanguageTag>,
    out: impl Write,
) -> Result<u64, ExchangeError> {
    let kept = memory_header::get(conn)?;
    let header = TmxHeader {
        srclang,
        creationdate: Some(Timestamp::now().to_tmx()),
        props: kept.props,
        notes: kept.notes,
    };
    let mut writer = TmxWriter::start(out, &header)?;
    let mut count = 0;
    units::for_each(conn, filter, |unit: TranslationUnit| {
        writer.translation_unit(&unit)?;
        count += 1;
        Ok::<_, ExchangeError>(())
    })?;
    writer.finish()?.flush()?;
    Ok(count)
}

/// Write the units `filter` selects as TSV: a header of `langs`, then a row per unit
/// with its text in each (empty where it has none). Returns how many units were written.
pub fn export_table(
    conn: &Connection,
    filter: &UnitFilter,
    langs: &[LanguageTag],
    mut out: impl Write,
) -> Result<u64, ExchangeError> {
    let header: Vec<&str> = langs.iter().map(LanguageTag::as_str).collect();
    let mut rows = Vec::new();
    let mut count = 0;
    // Written in batches so that a large memory is never held whole.
    let mut write = |rows: &mut Vec<Vec<String>>, first: bool| -> std::io::Result<()> {
        let mut buffer = Vec::new();
        crate::formats::beads::write_tsv_rows(&mut buffer, &header, rows.drain(..))?;
        let body = if first {
            &buffer[..]
        } else {
            // Only the first batch carries the header.
            let end = buffer.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
            &buffer[end..]
        };
        out.write_all(body)
    };
    let mut first = true;
    units::for_each(conn, filter, |unit: TranslationUnit| {
        rows.push(
            langs
                .iter()
                .map(|l| unit.variant(l).map(|v| v.text.clone()).unwrap_or_default())
                .collect(),
        );
        count += 1;
        if rows.len() == 4096 {
            write(&mut rows, first)?;
            first = false;
        }
        Ok::<_, ExchangeError>(())
    })?;
    write(&mut rows, first)?;
    out.flush()?;
    Ok(count)
}

#[cfg(test)]
mod tests;
