//! Translation units and their variants: the `unit` and `variant` tables, kept in step
//! with the fuzzy and concordance indexes.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::fuzzy_index::{self, IndexBuffer};
use super::{StoreError, concordance};
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::normal::exact_form;

mod forms;
pub mod sentences;
mod unit;
pub mod versions;
mod writer;

pub use forms::UnitForms;
use forms::{VariantForms, Words};
pub use unit::{TranslationUnit, UnitId, UnitMetadata, Unstorable, Variant, origin};
pub use writer::Writer;

pub(crate) use sentences::index_stored as index_stored_sentences;

/// Which units to read: all of them, or those matching every given condition.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    /// Only these units (any unit when empty).
    pub ids: Vec<UnitId>,
    /// Units with a variant in one of these languages. [`for_each`] also keeps only
    /// these languages' variants, and only units left with two or more.
    pub langs: Vec<LanguageTag>,
    /// Units whose origin is this, or starts with it when it ends with `*`.
    pub origin: Option<String>,
    /// Units changed at or after this time.
    pub changed_since: Option<Timestamp>,
    /// Units changed before this time.
    pub changed_before: Option<Timestamp>,
}

/// Counts describing a memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemoryStats {
    /// Translation units.
    pub units: u64,
    /// Variants, all languages together.
    pub variants: u64,
    /// Variants per language, most first.
    pub languages: Vec<(String, u64)>,
    /// Units per origin, most first.
    pub origins: Vec<(String, u64)>,
    /// Distinct words in the fuzzy index.
    pub indexed_words: u64,
}

/// Store `unit` with its variants and index them; returns its id.
pub fn insert(tx: &Transaction, unit: &TranslationUnit) -> Result<UnitId, StoreError> {
    let mut index = IndexBuffer::new();
    let id = insert_buffered(tx, unit, &UnitForms::of(unit), &mut index)?;
    index.flush(tx)?;
    Ok(id)
}

/// [`insert`] for bulk imports, given the unit's `forms` (see [`UnitForms`]): the fuzzy
/// index's writes go through `index`, which the caller flushes (see [`IndexBuffer`]).
pub(super) fn insert_buffered(
    tx: &Transaction,
    unit: &TranslationUnit,
    forms: &UnitForms,
    index: &mut IndexBuffer,
) -> Result<UnitId, StoreError> {
    let m = &unit.meta;
    tx.prepare_cached(
        "INSERT INTO unit (created_at, created_by, changed_at, changed_by, origin, document,
                           client, domain, project, use_count, last_used_at, notes, props)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        m.created_at.0,
        m.created_by,
        m.changed_at.0,
        m.changed_by,
        m.origin,
        m.document,
        m.client,
        m.domain,
        m.project,
        m.use_count,
        m.last_used_at.map(|t| t.0),
        json(&m.notes),
        json(&m.props),
    ])?;
    let id = UnitId(tx.last_insert_rowid());
    for (v, f) in unit.variants.iter().zip(&forms.variants) {
        insert_variant(tx, id, v, f, index)?;
    }
    sentences::index(tx, id, &unit.variants, index)?;
    Ok(id)
}

fn insert_variant(
    tx: &Transaction,
    unit: UnitId,
    v: &Variant,
    forms: &VariantForms,
    index: &mut IndexBuffer,
) -> Result<(), StoreError> {
    let interned;
    let ids = match &forms.words {
        Words::Ids(ids) => {
            index.count(ids);
            ids
        }
        Words::Normalized(words) => {
            interned = index.intern(tx, &v.lang, words)?;
            &interned
        }
    };
    tx.prepare_cached(
        "INSERT INTO variant (unit_id, lang, text, markup, normalized, tags, prev_segment,
                              next_segment, notes, props)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        unit.0,
        v.lang.as_str(),
        v.text,
        v.markup,
        forms.exact,
        v.tags.join(" "),
        forms.prev,
        forms.next,
        json(&v.notes),
        json(&v.props),
    ])?;
    let variant_id = tx.last_insert_rowid();
    index.note_exact(&v.lang, &forms.exact, unit.0);
    index.post(tx, variant_id, ids)?;
    concordance::add(tx, variant_id, &forms.folded)
}

/// Give unit `id` the variant `v` in its language, replacing the one it has there (with
/// its entries in the exact-match, fuzzy and concordance indexes) or adding it. The
/// unit's sentences are cut again, since how they pair depends on every variant.
///
/// The replacement is a new row: posting blocks keep variant ids ascending by appending
/// the newest id, which an update in place would break.
pub fn replace_variant(tx: &Transaction, id: UnitId, v: &Variant) -> Result<(), StoreError> {
    let old: Option<(i64, Vec<u8>)> = tx
        .prepare_cached(
            "SELECT v.id, w.word_ids FROM variant v JOIN variant_words w ON w.variant_id = v.id
             WHERE v.unit_id = ?1 AND v.lang = ?2",
        )?
        .query_row(params![id.0, v.lang.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((variant_id, word_ids)) = old {
        fuzzy_index::remove(tx, variant_id, &fuzzy_index::decode(&word_ids))?;
        concordance::remove(tx, variant_id)?;
        tx.execute("DELETE FROM variant WHERE id = ?1", [variant_id])?;
    }
    sentences::remove(tx, id)?;
    let mut index = IndexBuffer::new();
    insert_variant(tx, id, v, &VariantForms::of(v), &mut index)?;
    if let Some(unit) = get(tx, id)? {
        sentences::index(tx, id, &unit.variants, &mut index)?;
    }
    index.flush(tx)
}

/// Delete unit `id` with its variants and their index entries. Returns whether it existed.
pub fn delete(tx: &Transaction, id: UnitId) -> Result<bool, StoreError> {
    let variants: Vec<(i64, Vec<u8>)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT v.id, w.word_ids FROM variant v JOIN variant_words w ON w.variant_id = v.id
             WHERE v.unit_id = ?1",
        )?;
        stmt.query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (variant_id, word_ids) in variants {
        fuzzy_index::remove(tx, variant_id, &fuzzy_index::decode(&word_ids))?;
        concordance::remove(tx, variant_id)?;
    }
    sentences::remove(tx, id)?;
    Ok(tx.execute("DELETE FROM unit WHERE id = ?1", [id.0])? == 1)
}

/// Replace unit `id`'s metadata.
pub fn update_metadata(tx: &Transaction, id: UnitId, m: &UnitMetadata) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE unit SET created_at = ?2, created_by = ?3, changed_at = ?4, changed_by = ?5,
                         origin = ?6, document = ?7, client = ?8, domain = ?9, project = ?10,
                         use_count = ?11, last_used_at = ?12, notes = ?13, props = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        m.created_at.0,
        m.created_by,
        m.changed_at.0,
        m.changed_by,
        m.origin,
        m.document,
        m.client,
        m.domain,
        m.project,
        m.use_count,
        m.last_used_at.map(|t| t.0),
        json(&m.notes),
        json(&m.props),
    ])?;
    Ok(())
}

/// Count one use of unit `id` by a translator at `at`.
pub fn record_use(tx: &Transaction, id: UnitId, at: Timestamp) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE unit SET use_count = use_count + 1, last_used_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id.0, at.0])?;
    Ok(())
}

/// Unit `id`, if it exists.
pub fn get(conn: &Connection, id: UnitId) -> Result<Option<TranslationUnit>, StoreError> {
    let meta = conn
        .prepare_cached(&format!("SELECT {META_COLUMNS} FROM unit WHERE id = ?1"))?
        .query_row([id.0], read_meta)
        .optional()?;
    let Some(meta) = meta else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VARIANT_COLUMNS} FROM variant WHERE unit_id = ?1 ORDER BY id"
    ))?;
    let variants = stmt
        .query_map([id.0], read_variant)?
        .collect::<Result<_, _>>()?;
    Ok(Some(TranslationUnit { variants, meta }))
}

/// The units whose variant in `lang` has the exact form of `text`, oldest first.
pub fn with_text(
    conn: &Connection,
    lang: &LanguageTag,
    text: &str,
) -> Result<Vec<UnitId>, StoreError> {
    with_segment(conn, &IndexBuffer::new(), lang, text)
}

/// [`with_text`], while a [`Writer`] may have deferred the exact-match index. During
/// an import `index` may stand in for the exact-match index (see [`IndexBuffer`]).
pub(super) fn with_segment(
    conn: &Connection,
    index: &IndexBuffer,
    lang: &LanguageTag,
    text: &str,
) -> Result<Vec<UnitId>, StoreError> {
    let exact = exact_form(text);
    let candidates = candidates(conn, index, lang, &exact)?;
    if !index.defers_exact_index() {
        // Straight from the exact-match index: no false candidates.
        return Ok(candidates.into_iter().map(UnitId).collect());
    }
    let mut check = conn.prepare_cached(
        "SELECT 1 FROM variant WHERE unit_id = ?1 AND lang = ?2 AND normalized = ?3",
    )?;
    let mut units = Vec::new();
    for unit in candidates {
        if check.exists(params![unit, lang.as_str(), exact])? {
            units.push(UnitId(unit));
        }
    }
    Ok(units)
}

/// The ids of the units that may have a variant in `lang` with exact form `exact`,
/// ascending: exactly those from the exact-match index, a superset from `index` while
/// it stands in for it.
fn candidates(
    conn: &Connection,
    index: &IndexBuffer,
    lang: &LanguageTag,
    exact: &str,
) -> Result<Vec<i64>, StoreError> {
    let mut units = match index.exact_units(lang, exact) {
        Some(units) => units,
        None => conn
            .prepare_cached("SELECT unit_id FROM variant WHERE lang = ?1 AND normalized = ?2")?
            .query_map(params![lang.as_str(), exact], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
    };
    // The index gives them in order, but only an ORDER BY would promise it, and that
    // costs a temporary B-tree a call; sorting ids already sorted costs one pass.
    units.sort_unstable();
    Ok(units)
}

/// A stored unit with exactly `unit`'s languages and, in each, exactly its text.
///
/// Only units holding every one of `unit`'s segments are read: a segment as common as
/// "Photo: AP" is held by hundreds of units, and reading each of them for every such
/// unit imported made a million-unit import slow down as it went.
pub(super) fn find_identical(
    conn: &Connection,
    index: &IndexBuffer,
    unit: &TranslationUnit,
) -> Result<Option<UnitId>, StoreError> {
    let mut held: Option<Vec<i64>> = None;
    for v in &unit.variants {
        let units = candidates(conn, index, &v.lang, &exact_form(&v.text))?;
        let both = match held {
            None => units,
            Some(before) => intersect(&before, &units),
        };
        if both.is_empty() {
            return Ok(None);
        }
        held = Some(both);
    }
    let mut wanted: Vec<(&str, &str)> = unit
        .variants
        .iter()
        .map(|v| (v.lang.as_str(), v.text.as_str()))
        .collect();
    wanted.sort_unstable();
    let mut stmt = conn.prepare_cached("SELECT lang, text FROM variant WHERE unit_id = ?1")?;
    for id in held.unwrap_or_default() {
        let mut stored: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        stored.sort_unstable();
        let same = stored.len() == wanted.len()
            && stored
                .iter()
                .zip(&wanted)
                .all(|((l, t), (wl, wt))| l == wl && t == wt);
        if same {
            return Ok(Some(UnitId(id)));
        }
    }
    Ok(None)
}

/// The ids in both ascending lists `a` and `b`, ascending.
fn intersect(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut i, mut j, mut both) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// What [`delete_matching`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deletion {
    /// Units deleted, with their variants and index entries.
    pub deleted: u64,
    /// Ids the filter named that no stored unit has.
    pub not_found: Vec<UnitId>,
}

/// The ids of the units `filter` selects, oldest first.
pub fn ids(conn: &Connection, filter: &UnitFilter) -> Result<Vec<UnitId>, StoreError> {
    let mut sql = "SELECT id FROM unit WHERE 1".to_string();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if !filter.ids.is_empty() {
        // One JSON array rather than one SQL variable per id: any number of ids fits.
        sql.push_str(" AND id IN (SELECT value FROM json_each(?))");
        args.push(json(&filter.ids.iter().map(|id| id.0).collect::<Vec<_>>()).into());
    }
    if !filter.langs.is_empty() {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM variant v WHERE v.unit_id = unit.id \
             AND v.lang IN (SELECT value FROM json_each(?)))",
        );
        args.push(
            json(
                &filter
                    .langs
                    .iter()
                    .map(LanguageTag::as_str)
                    .collect::<Vec<_>>(),
            )
            .into(),
        );
    }
    push_origin_and_dates(
        &mut sql,
        &mut args,
        filter.origin.as_deref(),
        filter.changed_since,
        filter.changed_before,
    );
    sql.push_str(" ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| Ok(UnitId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Append to a unit query `sql` the conditions on origin (a prefix when it ends with `*`)
/// and change date that are given, their values to `args`: what [`ids`] and the Memory
/// view's pages both filter by.
pub(crate) fn push_origin_and_dates(
    sql: &mut String,
    args: &mut Vec<rusqlite::types::Value>,
    origin: Option<&str>,
    since: Option<Timestamp>,
    before: Option<Timestamp>,
) {
    if let Some(origin) = origin {
        match origin.strip_suffix('*') {
            Some(prefix) => {
                sql.push_str(" AND substr(origin, 1, length(?)) = ?");
                args.push(prefix.to_string().into());
                args.push(prefix.to_string().into());
            }
            None => {
                sql.push_str(" AND origin = ?");
                args.push(origin.to_string().into());
            }
        }
    }
    if let Some(since) = since {
        sql.push_str(" AND changed_at >= ?");
        args.push(since.0.into());
    }
    if let Some(before) = before {
        sql.push_str(" AND changed_at < ?");
        args.push(before.0.into());
    }
}

/// Delete every unit `filter` selects, with its variants and their entries in the
/// exact-match, fuzzy and concordance indexes.
pub fn delete_matching(tx: &Transaction, filter: &UnitFilter) -> Result<Deletion, StoreError> {
    let selected = ids(tx, filter)?;
    for &id in &selected {
        delete(tx, id)?;
    }
    let mut not_found: Vec<UnitId> = filter
        .ids
        .iter()
        .copied()
        .filter(|id| selected.binary_search(id).is_err())
        .collect();
    not_found.sort_unstable_by_key(|id| id.0);
    not_found.dedup();
    Ok(Deletion {
        deleted: selected.len() as u64,
        not_found,
    })
}

/// Call `each` with every unit `filter` selects, oldest first, stopping at its first error.
pub fn for_each<E: From<StoreError>>(
    conn: &Connection,
    filter: &UnitFilter,
    mut each: impl FnMut(TranslationUnit) -> Result<(), E>,
) -> Result<(), E> {
    for id in ids(conn, filter)? {
        let Some(mut unit) = get(conn, id)? else {
            continue;
        };
        if !filter.langs.is_empty() {
            unit.variants.retain(|v| filter.langs.contains(&v.lang));
            if unit.variants.len() < 2 {
                continue;
            }
        }
        each(unit)?;
    }
    Ok(())
}

/// Pairs of short variants (at most `max_chars` characters each, so terms and names
/// rather than sentences) of the same unit, between languages `a` and `b`: a memory's
/// term-like units, as evidence for the aligner.
pub fn short_pairs(
    conn: &Connection,
    a: &LanguageTag,
    b: &LanguageTag,
    max_chars: usize,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT x.text, y.text FROM variant x JOIN variant y ON y.unit_id = x.unit_id \
         WHERE x.lang = ?1 AND y.lang = ?2 AND length(x.text) <= ?3 AND length(y.text) <= ?3",
    )?;
    let rows = stmt.query_map(params![a.as_str(), b.as_str(), max_chars as i64], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts describing the memory.
pub fn stats(conn: &Connection) -> Result<MemoryStats, StoreError> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0).map(|n| n as u64));
    let grouped = |sql: &str| -> Result<Vec<(String, u64)>, rusqlite::Error> {
        conn.prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect()
    };
    Ok(MemoryStats {
        units: count("SELECT count(*) FROM unit")?,
        variants: count("SELECT count(*) FROM variant")?,
        languages: grouped(
            "SELECT lang, count(*) AS n FROM variant GROUP BY lang ORDER BY n DESC, lang",
        )?,
        origins: grouped(
            "SELECT origin, count(*) AS n FROM unit GROUP BY origin ORDER BY n DESC, origin",
        )?,
        indexed_words: count("SELECT count(*) FROM token WHERE df > 0")?,
    })
}

/// The columns [`read_meta`] reads, in its order.
pub(crate) const META_COLUMNS: &str = "created_at, created_by, changed_at, changed_by, origin, \
     document, client, domain, project, use_count, last_used_at, notes, props";

/// The columns [`read_variant`] reads, in its order.
pub(crate) const VARIANT_COLUMNS: &str =
    "lang, text, markup, tags, prev_segment, next_segment, notes, props";

/// Read [`META_COLUMNS`] from the start of `row`.
pub(crate) fn read_meta(row: &Row) -> rusqlite::Result<UnitMetadata> {
    Ok(UnitMetadata {
        created_at: Timestamp(row.get(0)?),
        created_by: row.get(1)?,
        changed_at: Timestamp(row.get(2)?),
        changed_by: row.get(3)?,
        origin: row.get(4)?,
        document: row.get(5)?,
        client: row.get(6)?,
        domain: row.get(7)?,
        project: row.get(8)?,
        use_count: row.get(9)?,
        last_used_at: row.get::<_, Option<i64>>(10)?.map(Timestamp),
        notes: from_json(row, 11)?,
        props: from_json(row, 12)?,
    })
}

/// Read [`VARIANT_COLUMNS`] from the start of `row`.
pub(crate) fn read_variant(row: &Row) -> rusqlite::Result<Variant> {
    let lang: String = row.get(0)?;
    let tags: String = row.get(3)?;
    Ok(Variant {
        lang: LanguageTag::parse(&lang)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e)))?,
        text: row.get(1)?,
        markup: row.get(2)?,
        tags: tags.split_whitespace().map(str::to_string).collect(),
        prev_segment: row.get(4)?,
        next_segment: row.get(5)?,
        notes: from_json(row, 6)?,
        props: from_json(row, 7)?,
    })
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("lists of strings always serialise")
}

fn from_json<T: serde::de::DeserializeOwned>(row: &Row, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

#[cfg(test)]
mod tests;
