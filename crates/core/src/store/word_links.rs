//! The word alignment stored beside the memory (migration 0017): each language pair's
//! pruned translation table, and each unit's word links between two of its variants.
//! The learning is `tm::fragments`'; these are its reads and writes.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use crate::lang::LanguageTag;

/// A unit's two variants in a language pair, as training reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPair {
    /// The variant in the language that sorts first.
    pub a: i64,
    /// Its text as stored.
    pub a_text: String,
    /// The variant in the other language.
    pub b: i64,
    /// Its text as stored.
    pub b_text: String,
}

/// What is known of a language pair's trained model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelInfo {
    /// How many units it was trained on.
    pub units: u64,
    /// When, Unix seconds.
    pub trained_at: i64,
}

/// The units with variants in both `a` and `b` (`a` < `b`), oldest first; with
/// `unlinked`, only those whose variants have no stored links yet. At most `limit`,
/// the newest when there are more.
pub fn variant_pairs(
    conn: &Connection,
    a: &LanguageTag,
    b: &LanguageTag,
    unlinked: bool,
    limit: usize,
) -> Result<Vec<VariantPair>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM (
             SELECT va.id, va.text, vb.id, vb.text FROM variant va
             JOIN variant vb ON vb.unit_id = va.unit_id AND vb.lang = ?2
             WHERE va.lang = ?1
               AND (NOT ?3 OR NOT EXISTS (SELECT 1 FROM word_links l
                                          WHERE l.variant_a = va.id AND l.variant_b = vb.id))
             ORDER BY va.unit_id DESC LIMIT ?4)
         ORDER BY 1",
    )?;
    let rows = stmt.query_map(
        params![a.as_str(), b.as_str(), unlinked, limit as i64],
        |r| {
            Ok(VariantPair {
                a: r.get(0)?,
                a_text: r.get(1)?,
                b: r.get(2)?,
                b_text: r.get(3)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many units have variants in both `a` and `b`.
pub fn pair_count(conn: &Connection, a: &LanguageTag, b: &LanguageTag) -> Result<u64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM variant va JOIN variant vb ON vb.unit_id = va.unit_id AND vb.lang = ?2
         WHERE va.lang = ?1",
        params![a.as_str(), b.as_str()],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// The model trained for `a` and `b` (`a` < `b`), if any.
pub fn model(
    conn: &Connection,
    a: &LanguageTag,
    b: &LanguageTag,
) -> Result<Option<ModelInfo>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT units, trained_at FROM word_model WHERE lang_a = ?1 AND lang_b = ?2",
        )?
        .query_row(params![a.as_str(), b.as_str()], |r| {
            Ok(ModelInfo {
                units: r.get::<_, i64>(0)? as u64,
                trained_at: r.get(1)?,
            })
        })
        .optional()?)
}

/// Replace the model of `a` and `b` (`a` < `b`): its record, both directions' tables
/// (`a_to_b` holds `(a key, b key, t(b key | a key))`, `b_to_a` the reverse), and drop
/// every stored link between the two languages, which the new tables supersede.
pub fn replace_model(
    tx: &Transaction,
    a: &LanguageTag,
    b: &LanguageTag,
    info: ModelInfo,
    a_to_b: &[(String, String, f32)],
    b_to_a: &[(String, String, f32)],
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO word_model (lang_a, lang_b, units, trained_at) VALUES (?1, ?2, ?3, ?4)",
        params![a.as_str(), b.as_str(), info.units as i64, info.trained_at],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO word_lexicon (from_lang, to_lang, from_key, to_key, prob) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (from, to, rows) in [(a, b, a_to_b), (b, a, b_to_a)] {
        tx.execute(
            "DELETE FROM word_lexicon WHERE from_lang = ?1 AND to_lang = ?2",
            params![from.as_str(), to.as_str()],
        )?;
        for (f, t, p) in rows {
            insert.execute(params![from.as_str(), to.as_str(), f, t, f64::from(*p)])?;
        }
    }
    tx.execute(
        "DELETE FROM word_links WHERE variant_a IN (SELECT id FROM variant WHERE lang = ?1)
           AND variant_b IN (SELECT id FROM variant WHERE lang = ?2)",
        params![a.as_str(), b.as_str()],
    )?;
    Ok(())
}

/// The stored translations of `key` (a match key of `from`) into `to`: `(key, t)`.
pub fn translations(
    conn: &Connection,
    from: &LanguageTag,
    to: &LanguageTag,
    key: &str,
) -> Result<Vec<(String, f32)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT to_key, prob FROM word_lexicon WHERE from_lang = ?1 AND to_lang = ?2 AND from_key = ?3",
    )?;
    let rows = stmt.query_map(params![from.as_str(), to.as_str(), key], |r| {
        Ok((r.get(0)?, r.get::<_, f64>(1)? as f32))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Store the links between variants `a` and `b` (`a` in the language that sorts first):
/// `(word of a, word of b)` pairs.
pub fn save_links(
    tx: &Transaction,
    a: i64,
    b: i64,
    links: &[(u16, u16)],
) -> Result<(), StoreError> {
    let blob: Vec<u8> = links
        .iter()
        .flat_map(|&(x, y)| {
            let [x0, x1] = x.to_le_bytes();
            let [y0, y1] = y.to_le_bytes();
            [x0, x1, y0, y1]
        })
        .collect();
    tx.prepare_cached(
        "INSERT OR REPLACE INTO word_links (variant_a, variant_b, links) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![a, b, blob])?;
    Ok(())
}

/// The stored links between variants `a` and `b`, if they were aligned.
pub fn links(conn: &Connection, a: i64, b: i64) -> Result<Option<Vec<(u16, u16)>>, StoreError> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT links FROM word_links WHERE variant_a = ?1 AND variant_b = ?2")?
        .query_row(params![a, b], |r| r.get(0))
        .optional()?;
    Ok(blob.map(|b| {
        b.chunks_exact(4)
            .map(|c| {
                (
                    u16::from_le_bytes([c[0], c[1]]),
                    u16::from_le_bytes([c[2], c[3]]),
                )
            })
            .collect()
    }))
}

/// A stored source segment with its unit's translation, as a fragment occurrence reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceWithTarget {
    /// The unit.
    pub unit: i64,
    /// The source variant's text as stored.
    pub source: String,
    /// The target variant.
    pub target_variant: i64,
    /// Its text as stored.
    pub target: String,
}

/// Source variant `id` (in `src`) and its unit's variant in `tgt`, if it has one.
pub fn source_with_target(
    conn: &Connection,
    id: i64,
    src: &LanguageTag,
    tgt: &LanguageTag,
) -> Result<Option<SourceWithTarget>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.unit_id, s.text, t.id, t.text FROM variant s
             JOIN variant t ON t.unit_id = s.unit_id AND t.lang = ?3
             WHERE s.id = ?1 AND s.lang = ?2",
        )?
        .query_row(params![id, src.as_str(), tgt.as_str()], |r| {
            Ok(SourceWithTarget {
                unit: r.get(0)?,
                source: r.get(1)?,
                target_variant: r.get(2)?,
                target: r.get(3)?,
            })
        })
        .optional()?)
}

/// The fuzzy index's words in `lang` that begin with `prefix`: `(token id, word, df)`.
pub fn tokens_with_prefix(
    conn: &Connection,
    lang: &LanguageTag,
    prefix: &str,
) -> Result<Vec<(i64, String, u64)>, StoreError> {
    // Every word beginning with the prefix sorts between it and the prefix followed by
    // the highest character (SQLite compares text as UTF-8 bytes).
    let upper = format!("{prefix}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT id, word, df FROM token WHERE lang = ?1 AND word >= ?2 AND word < ?3",
    )?;
    let rows = stmt.query_map(params![lang.as_str(), prefix, upper], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.max(0) as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
