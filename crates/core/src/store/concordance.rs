//! The concordance index: an FTS5 table of every variant's text folded for its
//! language, so "BAKI" finds "Bakı" in Azerbaijani and "Пётр" finds "Петр" in Russian.
//!
//! FTS5's own `unicode61` folding is language-blind (it lowercases `I` to `i`, wrong for
//! Azerbaijani), so the text is folded before it is indexed and the table keeps no copy
//! of it (`content=''`): the variant table has the text.

use rusqlite::{Connection, Transaction, params};

use super::StoreError;

/// Index variant `variant_id`, whose text folded for its language
/// ([`LanguageTag::fold`](crate::lang::LanguageTag::fold)) is `folded`.
pub fn add(tx: &Transaction, variant_id: i64, folded: &str) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT INTO variant_fts (rowid, folded) VALUES (?1, ?2)")?
        .execute(params![variant_id, folded])?;
    Ok(())
}

/// Let the index hold up to 64 MiB of new entries in memory before writing them out.
///
/// FTS5 writes its pending entries as a new segment whenever they pass `hashsize`
/// (1 MiB by default), and later merges the segments: a bulk import of millions of
/// segments would write thousands of small ones and merge them over and over. The
/// setting is stored in the database; pending entries are written at commit anyway, so
/// small writes are unaffected.
pub fn prepare_bulk_write(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO variant_fts (variant_fts, rank) VALUES ('hashsize', ?1)",
        [64 << 20],
    )?;
    Ok(())
}

/// Remove variant `variant_id` from the index.
pub fn remove(tx: &Transaction, variant_id: i64) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM variant_fts WHERE rowid = ?1")?
        .execute(params![variant_id])?;
    Ok(())
}

/// The ids of variants matching the FTS5 query `fts_query`, of the most recently changed
/// units first, at most `limit`.
pub fn search(conn: &Connection, fts_query: &str, limit: usize) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id FROM variant_fts f
         JOIN variant v ON v.id = f.rowid
         JOIN unit u ON u.id = v.unit_id
         WHERE variant_fts MATCH ?1
         ORDER BY u.changed_at DESC, v.id DESC
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![fts_query, limit as i64], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
