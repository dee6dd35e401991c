//! Settings kept in the database, so the app and every later start use them: the limits
//! a translator raised or lowered (the command line takes its own per run, `--max`) and
//! whether the memory keeps several translations of one source.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::limits::{Limit, Limits};

/// Whether confirming a new translation of a source the memory holds adds a unit beside
/// the old one (`true`) or replaces the old one's translation, keeping it as an earlier
/// version (`false`, the default: memoQ's and OmegaT's way).
pub const SEVERAL_TRANSLATIONS: &str = "memory.several-translations";

/// The setting `key`, if the database holds one.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// Set `key` to `value` inside a transaction the caller holds.
pub fn put(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Set `key` to `value`, or back to its default with `None`.
pub fn set(conn: &mut Connection, key: &str, value: Option<&str>) -> Result<(), StoreError> {
    let tx = super::begin(conn)?;
    match value {
        Some(v) => put(&tx, key, v)?,
        None => {
            tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
        }
    }
    super::commit(tx)
}

/// A yes/no setting, `false` unless set to `true`.
pub fn flag(conn: &Connection, key: &str) -> Result<bool, StoreError> {
    Ok(get(conn, key)?.as_deref() == Some("true"))
}

fn limit_key(limit: Limit) -> String {
    format!("limit.{}", limit.key())
}

/// The database's limits: the defaults, with each limit it sets applied. A value that
/// is no number (written by hand) is passed over.
pub fn limits(conn: &Connection) -> Result<Limits, StoreError> {
    let mut limits = Limits::default();
    for limit in Limit::ALL {
        if let Some(value) = get(conn, &limit_key(limit))?.and_then(|v| v.parse().ok()) {
            limits.set(limit, value);
        }
    }
    Ok(limits)
}

/// Set `limit` to `value`, or back to its default with `None` (or its default value).
pub fn set_limit(
    conn: &mut Connection,
    limit: Limit,
    value: Option<u64>,
) -> Result<(), StoreError> {
    let value = value
        .filter(|&v| v != limit.default_value())
        .map(|v| v.to_string());
    set(conn, &limit_key(limit), value.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_in_memory;

    #[test]
    fn a_raised_limit_is_kept_and_set_back_to_its_default() {
        let mut conn = open_in_memory().unwrap();
        assert_eq!(limits(&conn).unwrap(), Limits::default());
        set_limit(&mut conn, Limit::SegmentBytes, Some(8 << 20)).unwrap();
        set_limit(&mut conn, Limit::Depth, Some(1000)).unwrap();
        set_limit(&mut conn, Limit::Depth, Some(2000)).unwrap();
        let read = limits(&conn).unwrap();
        assert_eq!(read.get(Limit::SegmentBytes), 8 << 20);
        assert_eq!(read.get(Limit::Depth), 2000);
        assert_eq!(
            read.get(Limit::TableCells),
            Limit::TableCells.default_value()
        );
        set_limit(&mut conn, Limit::Depth, None).unwrap();
        set_limit(
            &mut conn,
            Limit::SegmentBytes,
            Some(Limit::SegmentBytes.default_value()),
        )
        .unwrap();
        assert_eq!(limits(&conn).unwrap(), Limits::default());
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM setting", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "a default is no row");
    }

    #[test]
    fn a_flag_is_off_until_set() {
        let mut conn = open_in_memory().unwrap();
        assert!(!flag(&conn, SEVERAL_TRANSLATIONS).unwrap());
        set(&mut conn, SEVERAL_TRANSLATIONS, Some("true")).unwrap();
        assert!(flag(&conn, SEVERAL_TRANSLATIONS).unwrap());
        set(&mut conn, SEVERAL_TRANSLATIONS, None).unwrap();
        assert!(!flag(&conn, SEVERAL_TRANSLATIONS).unwrap());
    }
}
