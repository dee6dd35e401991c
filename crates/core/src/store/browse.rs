//! The Memory view's reads: pages of unit ids under a filter (keyset, newest first),
//! groups of duplicate units, and the counts of its statistics panel. What a filter
//! means for the translator (inflected search, merging) is the `tm` area's.

use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use super::StoreError;
use super::units::{self, UnitId};
use crate::Timestamp;
use crate::lang::LanguageTag;

/// Which units a page shows, besides its text: every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct UnitConditions {
    /// Units with a variant in every one of these languages.
    pub langs: Vec<LanguageTag>,
    /// Units whose origin is this, or starts with it when it ends with `*`.
    pub origin: Option<String>,
    /// Units changed at or after this time.
    pub changed_since: Option<Timestamp>,
    /// Units changed before this time.
    pub changed_before: Option<Timestamp>,
    /// Units of this client (when given).
    pub client: Option<String>,
    /// Units of this domain (when given).
    pub domain: Option<String>,
    /// Units of this project (when given).
    pub project: Option<String>,
}

/// Up to `limit` ids of the units with ids below `below` that meet `conditions` and
/// have a variant matching the FTS5 query `fts` (when given), highest first.
pub fn ids_below(
    conn: &Connection,
    fts: Option<&str>,
    conditions: &UnitConditions,
    below: i64,
    limit: usize,
) -> Result<Vec<UnitId>, StoreError> {
    let mut sql = "SELECT id FROM unit WHERE 1".to_string();
    let mut args: Vec<Value> = Vec::new();
    if let Some(fts) = fts {
        sql.push_str(
            " AND id IN (SELECT v.unit_id FROM variant_fts f JOIN variant v ON v.id = f.rowid \
             WHERE variant_fts MATCH ?)",
        );
        args.push(fts.to_string().into());
    }
    for lang in &conditions.langs {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM variant v WHERE v.unit_id = unit.id AND v.lang = ?)",
        );
        args.push(lang.as_str().to_string().into());
    }
    for (column, value) in [
        ("client", &conditions.client),
        ("domain", &conditions.domain),
        ("project", &conditions.project),
    ] {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            args.push(value.clone().into());
        }
    }
    units::push_origin_and_dates(
        &mut sql,
        &mut args,
        conditions.origin.as_deref(),
        conditions.changed_since,
        conditions.changed_before,
    );
    sql.push_str(" AND id < ? ORDER BY id DESC LIMIT ?");
    args.push(below.into());
    args.push((limit as i64).into());
    // The same selection is asked again for each batch of a page: cached, it is
    // prepared once.
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| Ok(UnitId(r.get(0)?)))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Up to `limit` groups of units (each group's ids in ascending order) whose `src`
/// variants have the same exact form: with `same_target`, those whose `tgt` variants
/// do too; otherwise those whose `tgt` variants differ.
pub fn duplicate_groups(
    conn: &Connection,
    src: &LanguageTag,
    tgt: &LanguageTag,
    same_target: bool,
    limit: usize,
) -> Result<Vec<Vec<UnitId>>, StoreError> {
    let pair = "FROM variant s JOIN variant t ON t.unit_id = s.unit_id AND t.lang = ?2 \
                WHERE s.lang = ?1";
    let sql = if same_target {
        format!(
            "SELECT json_group_array(s.unit_id) {pair} \
             GROUP BY s.normalized, t.normalized HAVING count(*) > 1 \
             ORDER BY min(s.unit_id) LIMIT ?3"
        )
    } else {
        format!(
            "SELECT json_group_array(s.unit_id) {pair} \
             GROUP BY s.normalized HAVING count(DISTINCT t.normalized) > 1 \
             ORDER BY min(s.unit_id) LIMIT ?3"
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![src.as_str(), tgt.as_str(), limit as i64], |r| {
        r.get::<_, String>(0)
    })?;
    let mut groups = Vec::new();
    for row in rows {
        let mut ids: Vec<i64> =
            serde_json::from_str(&row?).map_err(|e| StoreError::Damaged(e.to_string()))?;
        ids.sort_unstable();
        groups.push(ids.into_iter().map(UnitId).collect());
    }
    Ok(groups)
}

/// Units per language pair (each pair once, tags in order), most first.
pub fn pair_counts(conn: &Connection) -> Result<Vec<(String, String, u64)>, StoreError> {
    Ok(conn
        .prepare(
            "SELECT a.lang, b.lang, count(*) AS n FROM variant a \
             JOIN variant b ON b.unit_id = a.unit_id AND a.lang < b.lang \
             GROUP BY a.lang, b.lang ORDER BY n DESC, a.lang, b.lang",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?
        .collect::<Result<_, _>>()?)
}

/// The earliest creation and the latest change of any unit, when there are units.
pub fn span(conn: &Connection) -> Result<Option<(Timestamp, Timestamp)>, StoreError> {
    let span = conn.query_row(
        "SELECT min(created_at), max(changed_at) FROM unit",
        [],
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)),
    )?;
    Ok(match span {
        (Some(a), Some(b)) => Some((Timestamp(a), Timestamp(b))),
        _ => None,
    })
}

/// The database file's size in bytes (its pages, the write-ahead log aside).
pub fn file_bytes(conn: &Connection) -> Result<u64, StoreError> {
    let bytes: i64 = conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get(0),
    )?;
    Ok(bytes as u64)
}
