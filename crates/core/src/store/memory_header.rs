//! The memory's header: the `prop`s and `note`s of the TMX files imported into it, which
//! an export writes back (memoQ and Trados keep memory-level settings there).

use rusqlite::{Connection, Transaction, params};

use super::StoreError;

/// The header entries a memory keeps from the TMX files imported into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryHeader {
    /// `(type, text)` of each `prop`.
    pub props: Vec<(String, String)>,
    /// The text of each `note`.
    pub notes: Vec<String>,
}

/// Keep the props and notes of `header` that the memory does not hold yet.
pub fn add(tx: &Transaction, header: &MemoryHeader) -> Result<(), StoreError> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO memory_header (kind, type, value) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, value) in &header.props {
        insert.execute(params!["prop", kind, value])?;
    }
    for note in &header.notes {
        insert.execute(params!["note", "", note])?;
    }
    Ok(())
}

/// The props and notes the memory holds, in the order first imported.
pub fn get(conn: &Connection) -> Result<MemoryHeader, StoreError> {
    let mut header = MemoryHeader::default();
    let mut select =
        conn.prepare_cached("SELECT kind, type, value FROM memory_header ORDER BY id")?;
    let rows = select.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        match row? {
            (kind, _, value) if kind == "note" => header.notes.push(value),
            (_, kind, value) => header.props.push((kind, value)),
        }
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_in_memory;

    #[test]
    fn keeps_each_prop_and_note_once_in_first_seen_order() {
        let mut conn = open_in_memory().unwrap();
        let first = MemoryHeader {
            props: vec![
                ("x-client".into(), "MFA".into()),
                ("x-domain".into(), "news".into()),
            ],
            notes: vec!["from memoQ".into()],
        };
        let second = MemoryHeader {
            props: vec![
                ("x-domain".into(), "news".into()),
                ("x-client".into(), "UN".into()),
            ],
            notes: vec!["from memoQ".into()],
        };
        let tx = conn.transaction().unwrap();
        add(&tx, &first).unwrap();
        add(&tx, &second).unwrap();
        tx.commit().unwrap();
        let kept = get(&conn).unwrap();
        assert_eq!(
            kept.props,
            [
                ("x-client".into(), "MFA".into()),
                ("x-domain".into(), "news".into()),
                ("x-client".into(), "UN".into())
            ]
        );
        assert_eq!(kept.notes, ["from memoQ"]);
    }
}
