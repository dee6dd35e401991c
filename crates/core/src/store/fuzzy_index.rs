//! The fuzzy candidate index: for each language, each word key (see
//! [`Normalized`]) lists the variants that hold it, grouped by the variant's word count.
//!
//! A lookup reads the postings of only a few of the query's words, the rarest, chosen so
//! that every variant reaching the threshold must hold at least one of them (prefix
//! filtering; the argument is in [`crate::tm::lookup`](mod@crate::tm::lookup)). `df` counts the variants that
//! hold each word so that rarity is known without counting postings.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use crate::lang::LanguageTag;
use crate::tm::normal::Normalized;

/// A word key known to the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedWord {
    /// The token's row id.
    pub id: i64,
    /// How many variants hold the word.
    pub df: u64,
}

/// Index variant `variant_id` (in `lang`, normalised as `words`).
pub fn add(
    tx: &Transaction,
    variant_id: i64,
    lang: &LanguageTag,
    words: &Normalized,
) -> Result<(), StoreError> {
    let len = words.words.len() as i64;
    let mut token = tx.prepare_cached(
        "INSERT INTO token (lang, word, df) VALUES (?1, ?2, 1)
         ON CONFLICT (lang, word) DO UPDATE SET df = df + 1 RETURNING id",
    )?;
    let mut posting =
        tx.prepare_cached("INSERT INTO posting (token_id, len, variant_id) VALUES (?1, ?2, ?3)")?;
    for (key, _) in words.key_counts() {
        let id: i64 = token.query_row(params![lang.as_str(), key], |r| r.get(0))?;
        posting.execute(params![id, len, variant_id])?;
    }
    Ok(())
}

/// Remove variant `variant_id` from the index; `words` must be what [`add`] was given.
pub fn remove(
    tx: &Transaction,
    variant_id: i64,
    lang: &LanguageTag,
    words: &Normalized,
) -> Result<(), StoreError> {
    let len = words.words.len() as i64;
    let mut token = tx.prepare_cached(
        "UPDATE token SET df = df - 1 WHERE lang = ?1 AND word = ?2 RETURNING id",
    )?;
    let mut posting = tx.prepare_cached(
        "DELETE FROM posting WHERE token_id = ?1 AND len = ?2 AND variant_id = ?3",
    )?;
    for (key, _) in words.key_counts() {
        let id: Option<i64> = token
            .query_row(params![lang.as_str(), key], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            posting.execute(params![id, len, variant_id])?;
        }
    }
    Ok(())
}

/// The index's entry for `key` in `lang`, if any variant ever held it.
pub fn word(
    conn: &Connection,
    lang: &LanguageTag,
    key: &str,
) -> Result<Option<IndexedWord>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, df FROM token WHERE lang = ?1 AND word = ?2")?;
    Ok(stmt
        .query_row(params![lang.as_str(), key], |r| {
            Ok(IndexedWord {
                id: r.get(0)?,
                df: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .optional()?)
}

/// The variants holding `word` whose word count is in `min_len..=max_len`; `out` gets
/// their ids appended.
pub fn postings(
    conn: &Connection,
    word: IndexedWord,
    min_len: usize,
    max_len: usize,
    out: &mut Vec<i64>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT variant_id FROM posting WHERE token_id = ?1 AND len BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![word.id, min_len as i64, max_len as i64], |r| {
        r.get::<_, i64>(0)
    })?;
    for id in rows {
        out.push(id?);
    }
    Ok(())
}
