//! The limits a translator raised (or lowered) for one database, kept in it so the app
//! reads every file, and writes every job back, within the same values; the command line
//! takes its own per run (`--max`).

use rusqlite::{Connection, params};

use super::StoreError;
use crate::limits::{Limit, Limits};

/// The database's limits: the defaults, with each setting it holds applied. A row naming
/// no known limit (from a newer Dragoman) is passed over.
pub fn load(conn: &Connection) -> Result<Limits, StoreError> {
    let mut limits = Limits::default();
    let mut select = conn.prepare_cached("SELECT key, value FROM limit_setting")?;
    let rows = select.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (key, value) = row?;
        if let (Some(limit), Ok(value)) = (Limit::from_key(&key), u64::try_from(value)) {
            limits.set(limit, value);
        }
    }
    Ok(limits)
}

/// Set `limit` to `value`, or back to its default with `None`.
pub fn set(conn: &mut Connection, limit: Limit, value: Option<u64>) -> Result<(), StoreError> {
    let tx = super::begin(conn)?;
    match value.filter(|&v| v != limit.default_value()) {
        Some(v) => {
            // SQLite integers are signed: a value past i64 is as good as no limit.
            let v = i64::try_from(v).unwrap_or(i64::MAX);
            tx.execute(
                "INSERT INTO limit_setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![limit.key(), v],
            )?;
        }
        None => {
            tx.execute("DELETE FROM limit_setting WHERE key = ?1", [limit.key()])?;
        }
    }
    super::commit(tx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_in_memory;

    #[test]
    fn a_raised_limit_is_kept_and_set_back_to_its_default() {
        let mut conn = open_in_memory().unwrap();
        assert_eq!(load(&conn).unwrap(), Limits::default());
        set(&mut conn, Limit::SegmentBytes, Some(8 << 20)).unwrap();
        set(&mut conn, Limit::Depth, Some(1000)).unwrap();
        set(&mut conn, Limit::Depth, Some(2000)).unwrap();
        let limits = load(&conn).unwrap();
        assert_eq!(limits.get(Limit::SegmentBytes), 8 << 20);
        assert_eq!(limits.get(Limit::Depth), 2000);
        assert_eq!(
            limits.get(Limit::TableCells),
            Limit::TableCells.default_value()
        );
        set(&mut conn, Limit::Depth, None).unwrap();
        set(
            &mut conn,
            Limit::SegmentBytes,
            Some(Limit::SegmentBytes.default_value()),
        )
        .unwrap();
        assert_eq!(load(&conn).unwrap(), Limits::default());
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM limit_setting", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "a default is no row");
    }
}
