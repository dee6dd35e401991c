//! The fuzzy candidate index: for each language, each word key (see [`Normalized`])
//! lists the variants that hold it, grouped by the variant's word count.
//!
//! A lookup reads the postings of only a few of the query's words, the rarest, chosen so
//! that every variant reaching the threshold must hold at least one of them (prefix
//! filtering; the argument is in [`crate::tm::lookup`](mod@crate::tm::lookup)). `df`
//! counts the variants that hold each word so that rarity is known without counting
//! postings. Each variant also keeps its words as token ids ([`encode`]), so a candidate's
//! edit similarity is computed on integers before its text is ever read.

use std::collections::HashMap;

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

/// Postings held in memory before they are written: at about 24 bytes each, some 48 MB.
/// Sorted, a batch this size is written in one pass along the posting B-tree instead of
/// one random descent per posting.
const BUFFERED_POSTINGS: usize = 2_000_000;

/// Index writes deferred during a bulk import, so that each unit costs no SQL for the
/// index beyond its `variant_words` row.
///
/// Token ids are cached (a memory's vocabulary, not its size, bounds the cache), `df`
/// increments are summed, and postings are collected and written sorted in batches of
/// two million (about 48 MB). Until [`flush`](Self::flush), the `token.df` and `posting`
/// tables lack what was buffered: flush before reading them or removing a variant
/// added through this buffer, and before the transaction commits.
#[derive(Debug, Default)]
pub struct IndexBuffer {
    tokens: HashMap<String, HashMap<String, i64>>,
    df: HashMap<i64, i64>,
    postings: Vec<(i64, i64, i64)>,
}

impl IndexBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The token ids of `words` (in `lang`), in order, creating missing tokens and
    /// counting one more variant for each distinct word (counted at the next
    /// [`flush`](Self::flush)). Call [`post`](Self::post) once the variant has its id.
    pub fn intern(
        &mut self,
        tx: &Transaction,
        lang: &LanguageTag,
        words: &Normalized,
    ) -> Result<Vec<i64>, StoreError> {
        let known = self.tokens.entry(lang.as_str().to_string()).or_default();
        let mut ids = Vec::with_capacity(words.words.len());
        for w in &words.words {
            let id = match known.get(w.key.as_str()) {
                Some(&id) => id,
                None => {
                    // A new row starts at df 0; the buffered increments bring it up.
                    let id: i64 = tx
                        .prepare_cached(
                            "INSERT INTO token (lang, word, df) VALUES (?1, ?2, 0)
                             ON CONFLICT (lang, word) DO UPDATE SET df = df RETURNING id",
                        )?
                        .query_row(params![lang.as_str(), w.key], |r| r.get(0))?;
                    known.insert(w.key.clone(), id);
                    id
                }
            };
            ids.push(id);
        }
        let mut distinct = ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for id in distinct {
            *self.df.entry(id).or_default() += 1;
        }
        Ok(ids)
    }

    /// Add variant `variant_id`, whose words have the token ids `ids`, to the index:
    /// its word ids now, its postings when the buffer is full or flushed.
    pub fn post(
        &mut self,
        tx: &Transaction,
        variant_id: i64,
        ids: &[i64],
    ) -> Result<(), StoreError> {
        let len = ids.len() as i64;
        self.postings
            .extend(ids.iter().map(|&id| (id, len, variant_id)));
        tx.prepare_cached("INSERT INTO variant_words (variant_id, word_ids) VALUES (?1, ?2)")?
            .execute(params![variant_id, encode(ids)])?;
        if self.postings.len() >= BUFFERED_POSTINGS {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Write every buffered posting and `df` increment.
    pub fn flush(&mut self, tx: &Transaction) -> Result<(), StoreError> {
        // Key order, so consecutive inserts land on the same or the next B-tree page;
        // a word repeated in a variant gives one posting, as `INSERT OR IGNORE` does.
        self.postings.sort_unstable();
        self.postings.dedup();
        let mut posting = tx.prepare_cached(
            "INSERT OR IGNORE INTO posting (token_id, len, variant_id) VALUES (?1, ?2, ?3)",
        )?;
        for &(id, len, variant_id) in &self.postings {
            posting.execute(params![id, len, variant_id])?;
        }
        self.postings.clear();
        let mut df = tx.prepare_cached("UPDATE token SET df = df + ?2 WHERE id = ?1")?;
        for (&id, &n) in &self.df {
            df.execute(params![id, n])?;
        }
        self.df.clear();
        Ok(())
    }
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
