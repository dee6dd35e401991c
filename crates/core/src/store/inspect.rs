//! What the memory's indexes hold, read back as plain values: for checking a memory by
//! hand and for tests that compare two ways of writing the same units. Nothing here is
//! on a lookup's or an import's path.

use rusqlite::Connection;

use super::{StoreError, fuzzy_index};

/// The memory's words in the order they were first stored: `(token id, language,
/// word key)`.
pub fn tokens(conn: &Connection) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(conn
        .prepare("SELECT id, lang, word FROM token ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?)
}

/// Each variant's words as the fuzzy index holds them, its word ids read back as words:
/// `(language, text, words)`, in variant order.
pub fn variant_words(conn: &Connection) -> Result<Vec<(String, String, Vec<String>)>, StoreError> {
    let rows: Vec<(String, String, Vec<u8>)> = conn
        .prepare(
            "SELECT v.lang, v.text, w.word_ids FROM variant v JOIN variant_words w
             ON w.variant_id = v.id ORDER BY v.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut word = conn.prepare("SELECT word FROM token WHERE id = ?1")?;
    rows.into_iter()
        .map(|(lang, text, blob)| {
            let words = fuzzy_index::decode(&blob)
                .into_iter()
                .map(|id| word.query_row([id], |r| r.get(0)))
                .collect::<Result<_, _>>()?;
            Ok((lang, text, words))
        })
        .collect()
}

/// How many postings the fuzzy index holds, and the sum of its words' `df`: equal in a
/// memory whose index is right.
pub fn posting_totals(conn: &Connection) -> Result<(u64, u64), StoreError> {
    let postings: i64 = conn.query_row(
        "SELECT coalesce(sum(length(ids)) / 4, 0) FROM posting_block",
        [],
        |r| r.get(0),
    )?;
    let df: i64 = conn.query_row("SELECT coalesce(sum(df), 0) FROM token", [], |r| r.get(0))?;
    Ok((postings as u64, df as u64))
}

/// The names of the schema's indexes, in name order.
pub fn index_names(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}
