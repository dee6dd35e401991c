//! Reading stored segments for matching: the variants (and sentences of units that
//! hold several) holding an exact form, the source side of a candidate with its
//! context, the texts of a match, and a concordance hit's segment with the unit's
//! other languages. The scoring itself is
//! the `tm` area's; these are its reads.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::fuzzy_index::Segments;
use super::units::{META_COLUMNS, UnitId, UnitMetadata, read_meta};
use crate::Timestamp;
use crate::lang::LanguageTag;

/// The `segments` (variants, or sentences of units that hold several) in `lang` whose
/// exact form is `exact`, newest unit first.
pub fn with_exact_form(
    conn: &Connection,
    segments: Segments,
    lang: &LanguageTag,
    exact: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM {} WHERE lang = ?1 AND normalized = ?2 ORDER BY unit_id DESC",
            segments.rows()
        ))?
        .query_map(params![lang.as_str(), exact], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Every one of `segments` in `lang`.
pub fn in_language(
    conn: &Connection,
    segments: Segments,
    lang: &LanguageTag,
) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM {} WHERE lang = ?1",
            segments.rows()
        ))?
        .query_map([lang.as_str()], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// A stored sentence of a unit, as matching compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSentence {
    /// Its unit.
    pub unit: i64,
    /// Its place among the unit's sentences, from 0.
    pub position: u32,
    /// Its exact form.
    pub normalized: String,
}

/// Sentence `id` when it is in `src` and its unit has the sentence at the same
/// position in `tgt`.
pub fn sentence_of_pair(
    conn: &Connection,
    id: i64,
    src: &LanguageTag,
    tgt: &LanguageTag,
) -> Result<Option<SourceSentence>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.unit_id, s.position, s.normalized FROM sentence s
             WHERE s.id = ?1 AND s.lang = ?2
               AND EXISTS (SELECT 1 FROM sentence t
                           WHERE t.unit_id = s.unit_id AND t.lang = ?3 AND t.position = s.position)",
        )?
        .query_row(params![id, src.as_str(), tgt.as_str()], |r| {
            Ok(SourceSentence {
                unit: r.get(0)?,
                position: r.get(1)?,
                normalized: r.get(2)?,
            })
        })
        .optional()?)
}

/// Sentence `position` of unit `unit` in `src` and `tgt`, with the unit's metadata.
pub fn sentence_pair(
    conn: &Connection,
    unit: i64,
    position: u32,
    src: &LanguageTag,
    tgt: &LanguageTag,
) -> Result<MatchedPair, StoreError> {
    let meta = conn
        .prepare_cached(&format!("SELECT {META_COLUMNS} FROM unit WHERE id = ?1"))?
        .query_row([unit], read_meta)?;
    let (source, target) = conn
        .prepare_cached(
            "SELECT s.text, t.text FROM sentence s, sentence t
             WHERE s.unit_id = ?1 AND s.lang = ?2 AND s.position = ?3
               AND t.unit_id = ?1 AND t.lang = ?4 AND t.position = ?3",
        )?
        .query_row(params![unit, src.as_str(), position, tgt.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(MatchedPair {
        source,
        target,
        target_markup: None,
        meta,
    })
}

/// A stored source segment as matching compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSegment {
    /// Its unit.
    pub unit: i64,
    /// Its exact form.
    pub normalized: String,
    /// Its inline elements' names, space-separated.
    pub tags: String,
    /// The exact form of the segment before it, if known.
    pub prev: Option<String>,
    /// The exact form of the segment after it, if known.
    pub next: Option<String>,
}

/// Variant `id` when it is in `src` and its unit has a variant in `tgt`.
pub fn source_of_pair(
    conn: &Connection,
    id: i64,
    src: &LanguageTag,
    tgt: &LanguageTag,
) -> Result<Option<SourceSegment>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.unit_id, s.normalized, s.tags, s.prev_segment, s.next_segment
             FROM variant s
             WHERE s.id = ?1 AND s.lang = ?2
               AND EXISTS (SELECT 1 FROM variant t WHERE t.unit_id = s.unit_id AND t.lang = ?3)",
        )?
        .query_row(params![id, src.as_str(), tgt.as_str()], |r| {
            Ok(SourceSegment {
                unit: r.get(0)?,
                normalized: r.get(1)?,
                tags: r.get(2)?,
                prev: r.get(3)?,
                next: r.get(4)?,
            })
        })
        .optional()?)
}

/// What a match shows of its unit: the source text, the target text and its markup,
/// and the unit's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedPair {
    /// The source segment as stored.
    pub source: String,
    /// The target segment as stored.
    pub target: String,
    /// The target's inline markup, if it has any.
    pub target_markup: Option<String>,
    /// Who made the unit, when, from what.
    pub meta: UnitMetadata,
}

/// Unit `unit`'s segments in `src` and `tgt`, with its metadata.
pub fn pair(
    conn: &Connection,
    unit: i64,
    src: &LanguageTag,
    tgt: &LanguageTag,
) -> Result<MatchedPair, StoreError> {
    let meta = conn
        .prepare_cached(&format!("SELECT {META_COLUMNS} FROM unit WHERE id = ?1"))?
        .query_row([unit], read_meta)?;
    let (source, target, target_markup) = conn
        .prepare_cached(
            "SELECT s.text, t.text, t.markup FROM variant s, variant t
             WHERE s.unit_id = ?1 AND s.lang = ?2 AND t.unit_id = ?1 AND t.lang = ?3",
        )?
        .query_row(params![unit, src.as_str(), tgt.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(MatchedPair {
        source,
        target,
        target_markup,
        meta,
    })
}

/// A variant found by the concordance index, with the unit's other variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSegment {
    /// Its unit.
    pub unit: UnitId,
    /// Its language.
    pub lang: LanguageTag,
    /// Its text as stored.
    pub text: String,
    /// When the unit last changed.
    pub changed_at: Timestamp,
    /// The unit's other variants, `(language, text)`, in the order stored.
    pub translations: Vec<(LanguageTag, String)>,
}

/// Variant `id` and its unit's other variants.
pub fn found(conn: &Connection, id: i64) -> Result<FoundSegment, StoreError> {
    let (unit, lang, text, changed_at): (i64, String, String, i64) = conn
        .prepare_cached(
            "SELECT v.unit_id, v.lang, v.text, u.changed_at FROM variant v
             JOIN unit u ON u.id = v.unit_id WHERE v.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let translations = conn
        .prepare_cached(
            "SELECT lang, text FROM variant WHERE unit_id = ?1 AND id != ?2 ORDER BY id",
        )?
        .query_map(params![unit, id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .map(|row| {
            let (l, t) = row?;
            Ok((parse(&l)?, t))
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(FoundSegment {
        unit: UnitId(unit),
        lang: parse(&lang)?,
        text,
        changed_at: Timestamp(changed_at),
        translations,
    })
}

fn parse(lang: &str) -> Result<LanguageTag, StoreError> {
    LanguageTag::parse(lang)
        .map_err(|e| StoreError::Damaged(format!("stored language {lang:?}: {e}")))
}
