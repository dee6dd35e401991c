//! The fuzzy candidate index: for each language, each word key (see [`Normalized`])
//! lists the variants that hold it, grouped by the variant's word count.
//!
//! A lookup reads the postings of only a few of the query's words, the rarest, chosen so
//! that every variant reaching the threshold must hold at least one of them (prefix
//! filtering; the argument is in [`crate::tm::lookup`](mod@crate::tm::lookup)). `df`
//! counts the variants that hold each word so that rarity is known without counting
//! postings. Each variant also keeps its words as token ids ([`encode`]), so a candidate's
//! edit similarity is computed on integers before its text is ever read.

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

/// The token ids of `words` (in `lang`), in order, creating missing tokens and counting
/// one more variant for each distinct word. Call [`post`] once the variant has its id.
pub fn intern(
    tx: &Transaction,
    lang: &LanguageTag,
    words: &Normalized,
) -> Result<Vec<i64>, StoreError> {
    let mut token = tx.prepare_cached(
        "INSERT INTO token (lang, word, df) VALUES (?1, ?2, 1)
         ON CONFLICT (lang, word) DO UPDATE SET df = df + 1 RETURNING id",
    )?;
    let mut ids: Vec<(&str, i64)> = Vec::new();
    for (key, _) in words.key_counts() {
        let id: i64 = token.query_row(params![lang.as_str(), key], |r| r.get(0))?;
        ids.push((key, id));
    }
    Ok(words
        .words
        .iter()
        .map(|w| {
            ids.iter()
                .find(|(k, _)| *k == w.key)
                .map(|&(_, id)| id)
                .expect("every key was interned")
        })
        .collect())
}

/// Add variant `variant_id`, whose words have the token ids `ids`, to the index.
pub fn post(tx: &Transaction, variant_id: i64, ids: &[i64]) -> Result<(), StoreError> {
    let mut posting = tx.prepare_cached(
        "INSERT OR IGNORE INTO posting (token_id, len, variant_id) VALUES (?1, ?2, ?3)",
    )?;
    for &id in ids {
        posting.execute(params![id, ids.len() as i64, variant_id])?;
    }
    tx.prepare_cached("INSERT INTO variant_words (variant_id, word_ids) VALUES (?1, ?2)")?
        .execute(params![variant_id, encode(ids)])?;
    Ok(())
}

/// Remove variant `variant_id`, whose words have the token ids `ids`, from the index.
pub fn remove(tx: &Transaction, variant_id: i64, ids: &[i64]) -> Result<(), StoreError> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut token = tx.prepare_cached("UPDATE token SET df = df - 1 WHERE id = ?1")?;
    let mut posting = tx.prepare_cached(
        "DELETE FROM posting WHERE token_id = ?1 AND len = ?2 AND variant_id = ?3",
    )?;
    for id in distinct {
        token.execute([id])?;
        posting.execute(params![id, ids.len() as i64, variant_id])?;
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
/// their `(id, word count)` appended.
pub fn postings(
    conn: &Connection,
    word: IndexedWord,
    min_len: usize,
    max_len: usize,
    out: &mut Vec<(i64, usize)>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT variant_id, len FROM posting WHERE token_id = ?1 AND len BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![word.id, min_len as i64, max_len as i64], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize))
    })?;
    for id in rows {
        out.push(id?);
    }
    Ok(())
}

/// The token ids of variant `variant_id`'s words, in order.
pub fn word_ids(conn: &Connection, variant_id: i64) -> Result<Vec<i64>, StoreError> {
    let blob: Vec<u8> = conn
        .prepare_cached("SELECT word_ids FROM variant_words WHERE variant_id = ?1")?
        .query_row([variant_id], |r| r.get(0))?;
    Ok(decode(&blob))
}

/// Token ids as stored in `variant_words.word_ids`: 4 bytes each, little-endian.
pub fn encode(ids: &[i64]) -> Vec<u8> {
    ids.iter()
        .flat_map(|&id| (id as u32).to_le_bytes())
        .collect()
}

/// The token ids of a `variant_words.word_ids` blob.
pub fn decode(blob: &[u8]) -> Vec<i64> {
    blob.chunks_exact(4)
        .map(|b| i64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ids_round_trip_through_their_blob() {
        let ids = [1, 70_000, 3, 1];
        assert_eq!(decode(&encode(&ids)), ids);
        assert_eq!(encode(&ids).len(), 16);
    }
}
