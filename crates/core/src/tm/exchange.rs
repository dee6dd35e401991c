//! Moving memories in and out: TMX (and TSV/CSV tables) imported with a duplicates
//! policy, TMX export of the whole memory or a filtered part.
//!
//! An import runs in the caller's transaction: one malformed tag anywhere and nothing
//! of the file is kept. Units the memory cannot hold are rejected one by one, with
//! their line, without stopping the import.

use std::io::{Read, Write};
use std::ops::ControlFlow;

use rusqlite::{Connection, Transaction};
use serde::Serialize;
use thiserror::Error;

use super::{Timestamp, TranslationUnit, UnitMetadata, Variant};
use crate::formats::table::{TableError, read_table};
use crate::formats::tmx::{TmxHeader, TmxWriter};
use crate::formats::tmx_read::{TmxError, TmxFileHeader, TmxReader};
use crate::lang::LanguageTag;
use crate::store::fuzzy_index::IndexBuffer;
use crate::store::units::{self, UnitFilter};
use crate::store::{StoreError, concordance, memory_header};

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
#[non_exhaustive]
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

/// Import the TMX file `read` into the memory within `tx`. Units get origin `origin`
/// unless the file says otherwise, and `now` as their date when it gives none.
pub fn import_tmx(
    tx: &Transaction,
    read: impl Read + Send,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
) -> Result<ImportReport, ExchangeError> {
    import_tmx_with_progress(tx, read, origin, now, policy, |_| ControlFlow::Continue(()))
}

/// [`import_tmx`], calling `progress` with the number of units read so far after each
/// one, so that a long import can show how far it has got; when it breaks, the import
/// stops with [`ExchangeError::Cancelled`] (the caller drops the transaction).
///
/// The file is parsed on a second thread while this one writes: XML parsing and
/// building the units is about a third of an import's work, and overlaps with SQLite's.
/// A bounded channel between them keeps memory bounded (a few thousand units in
/// flight, in batches so that the threads wake each other once per batch, not per
/// unit); if writing fails, the channel closes and the parser stops at its next batch.
pub fn import_tmx_with_progress(
    tx: &Transaction,
    read: impl Read + Send,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    mut progress: impl FnMut(u64) -> ControlFlow<()>,
) -> Result<ImportReport, ExchangeError> {
    let mut reader = TmxReader::new(read, origin, now)?;
    let srclang = reader.header().srclang();
    let mut report = ImportReport {
        header: reader.header().clone(),
        ..ImportReport::default()
    };
    memory_header::add(tx, &report.header)?;
    concordance::prepare_bulk_write(tx)?;
    let mut index = IndexBuffer::new();
    index.defer_secondary(tx)?;
    std::thread::scope(|scope| {
        const BATCH: usize = 256;
        let (send, receive) = std::sync::mpsc::sync_channel(16);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                match reader.next_unit() {
                    Ok(Some(read)) => {
                        batch.push(read);
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
            for read in batch? {
                read_units += 1;
                if progress(read_units).is_break() {
                    // Dropping the receiver stops the parser at its next batch.
                    return Err(ExchangeError::Cancelled);
                }
                let unit = match read.unit {
                    Ok(unit) => unit,
                    Err(reason) => {
                        report.rejected.push(Rejection {
                            line: read.line,
                            reason,
                        });
                        continue;
                    }
                };
                store_unit(tx, &mut index, &unit, policy, srclang.as_ref(), &mut report)?;
            }
        }
        index.finish(tx)?;
        Ok(report)
    })
}

/// Store one imported unit under `policy`, counting what happened in `report`. The fuzzy
/// index's writes go through `index`, which the caller flushes before committing.
pub(crate) fn store_unit(
    tx: &Transaction,
    index: &mut IndexBuffer,
    unit: &TranslationUnit,
    policy: DuplicatePolicy,
    srclang: Option<&LanguageTag>,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    match policy {
        DuplicatePolicy::Keep => {
            units::insert_buffered(tx, unit, index)?;
            report.added += 1;
        }
        DuplicatePolicy::Skip => match units::find_identical(tx, index, unit)? {
            Some(id) => {
                let stored = units::get(tx, id)?
                    .ok_or_else(|| StoreError::Damaged(format!("unit {} vanished", id.0)))?;
                let merged = merge(&stored.meta, &unit.meta);
                if merged == stored.meta {
                    report.skipped += 1;
                } else {
                    units::update_metadata(tx, id, &merged)?;
                    report.merged += 1;
                }
            }
            None => {
                units::insert_buffered(tx, unit, index)?;
                report.added += 1;
            }
        },
        DuplicatePolicy::Overwrite => {
            let source = srclang
                .and_then(|lang| unit.variant(lang))
                .unwrap_or(&unit.variants[0]);
            let stored = units::with_segment(tx, index, &source.lang, &source.text)?;
            if !stored.is_empty() {
                // A replaced unit may have come earlier in this import, its postings
                // still buffered: write them so that deleting removes them too.
                index.flush(tx)?;
            }
            for &id in &stored {
                units::delete(tx, id)?;
            }
            units::insert_buffered(tx, unit, index)?;
            if stored.is_empty() {
                report.added += 1;
            } else {
                report.overwritten += 1;
            }
        }
    }
    Ok(())
}

/// Import a table of parallel sentences (see [`crate::formats::table`]): one unit per
/// row, from its non-empty cells. Rows with fewer than two are rejected with their line.
pub fn import_table(
    tx: &Transaction,
    text: &str,
    delimiter: char,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
) -> Result<ImportReport, ExchangeError> {
    import_table_with_progress(tx, text, delimiter, origin, now, policy, |_, _| {
        ControlFlow::Continue(())
    })
}

/// [`import_table`], calling `progress` with the rows done and the rows in all after
/// each row; when it breaks, the import stops with [`ExchangeError::Cancelled`].
pub fn import_table_with_progress(
    tx: &Transaction,
    text: &str,
    delimiter: char,
    origin: &str,
    now: Timestamp,
    policy: DuplicatePolicy,
    mut progress: impl FnMut(u64, u64) -> ControlFlow<()>,
) -> Result<ImportReport, ExchangeError> {
    let (langs, rows) = read_table(text, delimiter)?;
    let mut report = ImportReport::default();
    let mut index = IndexBuffer::new();
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
        store_unit(tx, &mut index, &unit, policy, langs.first(), &mut report)?;
    }
    index.flush(tx)?;
    Ok(report)
}

/// `stored` with what `new` adds: notes and props it lacks, the earlier creation, the
/// higher use count, fields `stored` leaves empty, and `new`'s change date if it is later
/// and anything else was added.
fn merge(stored: &UnitMetadata, new: &UnitMetadata) -> UnitMetadata {
    let mut m = stored.clone();
    for note in &new.notes {
        if !m.notes.contains(note) {
            m.notes.push(note.clone());
        }
    }
    for prop in &new.props {
        if !m.props.contains(prop) {
            m.props.push(prop.clone());
        }
    }
    if new.created_at < m.created_at {
        m.created_at = new.created_at;
        m.created_by.clone_from(&new.created_by);
    }
    m.use_count = m.use_count.max(new.use_count);
    m.last_used_at = m.last_used_at.max(new.last_used_at);
    for (field, value) in [
        (&mut m.document, &new.document),
        (&mut m.client, &new.client),
        (&mut m.domain, &new.domain),
        (&mut m.project, &new.project),
    ] {
        if field.is_none() {
            field.clone_from(value);
        }
    }
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
mod tests {
    use super::*;
    use crate::store::open_in_memory;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="memoQ" creationtoolversion="9" segtype="sentence" o-tmf="memoQ"
          adminlang="en-US" srclang="ru-RU" datatype="plaintext">
    <note>Talks &amp; statements, 2018</note>
    <prop type="x-memoq-tm-name">MFA press</prop>
  </header>
  <body>
    <tu tuid="7" creationdate="20180927T143005Z" creationid="aysel" usagecount="3">
      <prop type="x-client">MFA</prop>
      <note>checked</note>
      <tuv xml:lang="ru-RU"><prop type="x-context-prev">Заголовок.</prop><seg>Президент <bpt i="1">&lt;b&gt;</bpt>прибыл<ept i="1">&lt;/b&gt;</ept> в Баку.</seg></tuv>
      <tuv lang="EN-GB"><seg>The President <hi type="b">arrived</hi> in Baku.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru"><seg>Одна сторона.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru"><seg>Да.</seg></tuv>
      <tuv xml:lang="az"><seg>Bəli.</seg></tuv>
      <tuv xml:lang="en"><seg/></tuv>
    </tu>
  </body>
</tmx>
"#;

    fn unit_rows(conn: &rusqlite::Connection) -> Vec<(i64, String, String)> {
        conn.prepare("SELECT unit_id, lang, text FROM variant ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_cancelled_import_leaves_the_memory_as_it_was() {
        let mut conn = open_in_memory().unwrap();
        import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        let before = unit_rows(&conn);
        let bigger = SAMPLE.replace("Да.", "Нет.").replace("Bəli.", "Xeyr.");
        let tx = conn.transaction().unwrap();
        let mut seen = 0;
        let stop_at_third = |n: u64| {
            seen = n;
            if n == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let result = import_tmx_with_progress(
            &tx,
            bigger.as_bytes(),
            "import:b.tmx",
            Timestamp(9),
            DuplicatePolicy::Overwrite,
            stop_at_third,
        );
        assert!(
            matches!(result, Err(ExchangeError::Cancelled)),
            "{result:?}"
        );
        drop(tx);
        assert_eq!(seen, 3);
        assert_eq!(unit_rows(&conn), before);
        assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
        let table = "ru\ten\nНет.\tNo.\nДа.\tYes.\n";
        let tx = conn.transaction().unwrap();
        let result = import_table_with_progress(
            &tx,
            table,
            '\t',
            "import:t.tsv",
            Timestamp(9),
            DuplicatePolicy::Keep,
            |done, total| {
                assert_eq!(total, 2);
                if done == 1 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert!(
            matches!(result, Err(ExchangeError::Cancelled)),
            "{result:?}"
        );
        drop(tx);
        assert_eq!(unit_rows(&conn), before);
    }

    #[test]
    fn a_table_export_has_a_column_per_language() {
        let mut conn = open_in_memory().unwrap();
        import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        let mut out = Vec::new();
        let langs = [
            LanguageTag::parse("ru").unwrap(),
            LanguageTag::parse("az").unwrap(),
        ];
        let filter = UnitFilter {
            langs: langs.to_vec(),
            ..UnitFilter::default()
        };
        assert_eq!(export_table(&conn, &filter, &langs, &mut out).unwrap(), 1);
        assert_eq!(String::from_utf8(out).unwrap(), "ru\taz\nДа.\tBəli.\n");
    }

    fn import(conn: &mut rusqlite::Connection, tmx: &str, policy: DuplicatePolicy) -> ImportReport {
        let tx = conn.transaction().unwrap();
        let report = import_tmx(&tx, tmx.as_bytes(), "import:a.tmx", Timestamp(5), policy).unwrap();
        tx.commit().unwrap();
        report
    }

    /// Into an empty memory the secondary indexes are built after the rows and the
    /// duplicates found in memory; into a non-empty one, through the indexes. Both must
    /// give the same memory and report, under every policy.
    #[test]
    fn an_import_into_an_empty_memory_dedups_as_one_into_a_full_memory() {
        let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Yes.</seg></tuv><tuv xml:lang="ru"><seg>Да.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да  .</seg></tuv><tuv xml:lang="en"><seg>Yes, sir.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Нет.</seg></tuv><tuv xml:lang="en"><seg>No.</seg></tuv></tu>
</body></tmx>"#;
        let seed = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Совсем другое.</seg></tuv><tuv xml:lang="en"><seg>Else.</seg></tuv></tu>
</body></tmx>"#;
        let texts = |conn: &rusqlite::Connection| -> Vec<(String, String)> {
            conn.prepare(
                "SELECT s.text, t.text FROM variant s JOIN variant t ON t.unit_id = s.unit_id \
                 WHERE s.lang = 'ru' AND t.lang = 'en' AND s.text != 'Совсем другое.' \
                 ORDER BY s.unit_id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        for policy in [
            DuplicatePolicy::Skip,
            DuplicatePolicy::Overwrite,
            DuplicatePolicy::Keep,
        ] {
            let mut empty = open_in_memory().unwrap();
            let deferred = import(&mut empty, tmx, policy);
            let mut full = open_in_memory().unwrap();
            import(&mut full, seed, policy);
            let indexed = import(&mut full, tmx, policy);
            assert_eq!(deferred, indexed, "{policy:?}");
            assert_eq!(texts(&empty), texts(&full), "{policy:?}");
            assert_eq!(crate::store::verify(&empty).unwrap(), Vec::<String>::new());
            let indexes: i64 = empty
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN \
                     ('variant_exact', 'unit_by_changed', 'unit_by_origin')",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(indexes, 3, "rebuilt after the import ({policy:?})");
        }
        let mut empty = open_in_memory().unwrap();
        let report = import(&mut empty, tmx, DuplicatePolicy::Skip);
        assert_eq!(
            (report.added, report.skipped),
            (3, 2),
            "the repeated unit, in either tuv order, is found without the exact index"
        );
    }

    #[test]
    fn imports_units_with_metadata_markup_and_rejections() {
        let mut conn = open_in_memory().unwrap();
        let report = import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        assert_eq!((report.added, report.skipped, report.merged), (2, 0, 0));
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.rejected[0].line, 15, "{:?}", report.rejected);
        assert_eq!(report.header.get("creationtool"), Some("memoQ"));
        let unit = units::get(&conn, crate::tm::UnitId(1)).unwrap().unwrap();
        let ru = &unit.variants[0];
        assert_eq!(ru.lang.as_str(), "ru");
        assert_eq!(ru.text, "Президент прибыл в Баку.", "native code left out");
        assert_eq!(ru.tags, ["bpt", "ept"]);
        assert_eq!(ru.prev_segment.as_deref(), Some("Заголовок."));
        assert_eq!(unit.variants[1].text, "The President arrived in Baku.");
        assert_eq!(unit.meta.created_by.as_deref(), Some("aysel"));
        assert_eq!(unit.meta.use_count, 3);
        assert_eq!(unit.meta.origin, "import:a.tmx");
        assert_eq!(
            unit.meta.created_at,
            Timestamp::parse_tmx("20180927T143005Z").unwrap()
        );
        assert_eq!(unit.meta.props, [("attr:tuid".into(), "7".into())]);
        assert_eq!(unit.meta.client.as_deref(), Some("MFA"));
        let second = units::get(&conn, crate::tm::UnitId(2)).unwrap().unwrap();
        assert_eq!(
            second.variants.len(),
            2,
            "the empty English segment is left out"
        );
    }

    #[test]
    fn duplicates_follow_the_policy() {
        let mut conn = open_in_memory().unwrap();
        import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        let again = import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        assert_eq!((again.added, again.skipped, again.merged), (0, 2, 0));
        let with_note = SAMPLE.replace(
            "<note>checked</note>",
            "<note>checked</note><note>again</note>",
        );
        let merged = import(&mut conn, &with_note, DuplicatePolicy::Skip);
        assert_eq!((merged.added, merged.skipped, merged.merged), (0, 1, 1));
        let unit = units::get(&conn, crate::tm::UnitId(1)).unwrap().unwrap();
        assert_eq!(unit.meta.notes, ["checked", "again"]);
        let changed = SAMPLE.replace("in Baku.</seg>", "to Baku.</seg>");
        let over = import(&mut conn, &changed, DuplicatePolicy::Overwrite);
        assert_eq!((over.added, over.overwritten), (0, 2));
        let kept = import(&mut conn, &changed, DuplicatePolicy::Keep);
        assert_eq!(kept.added, 2);
        assert_eq!(units::stats(&conn).unwrap().units, 4);
    }

    #[test]
    fn overwriting_a_unit_of_the_same_import_leaves_no_stale_index_entries() {
        let tmx = r#"<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes, sir.</seg></tuv></tu>
</body></tmx>"#;
        let mut conn = open_in_memory().unwrap();
        let report = import(&mut conn, tmx, DuplicatePolicy::Overwrite);
        assert_eq!((report.added, report.overwritten), (1, 1));
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(
            count("SELECT sum(length(ids)) / 4 FROM posting_block"),
            3,
            "only the second unit's words (да / yes, sir) are posted, though the first \
             unit's postings were still buffered when it was replaced"
        );
        assert_eq!(count("SELECT sum(df) FROM token"), 3);
        assert_eq!(units::stats(&conn).unwrap().indexed_words, 3);
    }

    #[test]
    fn export_then_import_round_trips() {
        let mut conn = open_in_memory().unwrap();
        import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
        let mut out = Vec::new();
        assert_eq!(
            export_tmx(&conn, &UnitFilter::default(), None, &mut out).unwrap(),
            2
        );
        let exported = String::from_utf8(out).unwrap();
        assert!(
            exported.contains(r#"<bpt i="1">&lt;b&gt;</bpt>"#),
            "{exported}"
        );
        assert!(
            exported.contains(r#"<prop type="x-origin">import:a.tmx</prop>"#),
            "{exported}"
        );
        assert!(exported.contains(r#"tuid="7""#), "{exported}");
        assert!(
            exported.contains(r#"<prop type="x-memoq-tm-name">MFA press</prop>"#)
                && exported.contains("<note>Talks &amp; statements, 2018</note>"),
            "{exported}"
        );
        let mut copy = open_in_memory().unwrap();
        let report = import(&mut copy, &exported, DuplicatePolicy::Skip);
        assert_eq!(report.added, 2);
        assert_eq!(
            report.header.props,
            [("x-memoq-tm-name".into(), "MFA press".into())]
        );
        assert_eq!(report.header.notes, ["Talks & statements, 2018"]);
        let original = memory_header::get(&conn).unwrap();
        assert_eq!(memory_header::get(&copy).unwrap(), original);
        for id in [1, 2] {
            let a = units::get(&conn, crate::tm::UnitId(id)).unwrap();
            let b = units::get(&copy, crate::tm::UnitId(id)).unwrap();
            assert_eq!(a, b, "unit {id} survives export and import unchanged");
        }
    }

    #[test]
    fn a_malformed_file_names_its_line_and_imports_nothing() {
        let mut conn = open_in_memory().unwrap();
        let broken = SAMPLE.replace(
            "<tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv>",
            "<tuv xml:lang=\"az\"><seg>Bəli.</tuv>",
        );
        let tx = conn.transaction().unwrap();
        let err = import_tmx(
            &tx,
            broken.as_bytes(),
            "x",
            Timestamp(0),
            DuplicatePolicy::Skip,
        )
        .unwrap_err();
        drop(tx);
        assert!(
            matches!(
                err,
                ExchangeError::Tmx(TmxError::MalformedTmx { line: 20, .. })
            ),
            "{err}"
        );
        assert_eq!(units::stats(&conn).unwrap().units, 0, "rolled back");
    }

    #[test]
    fn entity_declarations_are_refused() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&lol2;</seg></tuv></tu></body></tmx>"#;
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let err = import_tmx(
            &tx,
            bomb.as_bytes(),
            "x",
            Timestamp(0),
            DuplicatePolicy::Skip,
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                ExchangeError::Tmx(TmxError::EntityDeclaration { line: 5 })
            ),
            "{err}"
        );
    }

    #[test]
    fn imports_a_table_row_by_row() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let table = "ru\taz\ten\nДа.\tBəli.\tYes.\nНет.\t\t\n\tXeyr.\tNo.\nДа.\tBəli.\tYes.\n";
        let report = import_table(
            &tx,
            table,
            '\t',
            "import:t.tsv",
            Timestamp(1),
            DuplicatePolicy::Skip,
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!((report.added, report.skipped), (2, 1));
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.rejected[0].line, 3);
        let second = units::get(&conn, crate::tm::UnitId(2)).unwrap().unwrap();
        let langs: Vec<&str> = second.variants.iter().map(|v| v.lang.as_str()).collect();
        assert_eq!(langs, ["az", "en"]);
    }
}
