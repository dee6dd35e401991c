//! Texts a team conflict replaced, copied from the server's history (migration 0015):
//! the Memory view marks and lists the units holding them, and shows them beside the
//! unit's own earlier versions, offline.

use rusqlite::{Connection, Transaction, params};

use super::StoreError;
use super::units::UnitId;
use crate::Timestamp;

/// A unit's text in one language, as it stood before a conflicting change replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictText {
    /// The language.
    pub lang: String,
    /// The replaced text.
    pub text: String,
    /// When it was written.
    pub written_at: Timestamp,
    /// Who wrote it, when known.
    pub written_by: Option<String>,
    /// The member whose change replaced it.
    pub replaced_by: String,
    /// When the change reached the server.
    pub replaced_at: Timestamp,
}

/// The last server history entry copied (0 before the first, or without a team).
pub fn last_copied(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT coalesce(max(last_conflict), 0) FROM team_link",
        [],
        |r| r.get(0),
    )?)
}

/// Keep `text`, replaced in unit `unit` by the conflict of history entry `history_id`
/// (once: copying an entry again changes nothing).
pub fn record(
    tx: &Transaction,
    history_id: i64,
    unit: UnitId,
    text: &ConflictText,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO team_conflict
             (history_id, unit_id, lang, text, written_at, written_by, replaced_by, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        history_id,
        unit.0,
        text.lang,
        text.text,
        text.written_at.0,
        text.written_by,
        text.replaced_by,
        text.replaced_at.0
    ])?;
    Ok(())
}

/// History entries up to `history_id` are copied.
pub fn copied_to(tx: &Transaction, history_id: i64) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE team_link SET last_conflict = max(last_conflict, ?1)")?
        .execute([history_id])?;
    Ok(())
}

/// Unit `unit`'s texts replaced by conflicts, the latest replaced first.
pub fn of_unit(conn: &Connection, unit: UnitId) -> Result<Vec<ConflictText>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT lang, text, written_at, written_by, replaced_by, replaced_at FROM team_conflict
         WHERE unit_id = ?1 ORDER BY replaced_at DESC, id DESC",
    )?;
    let rows = select.query_map([unit.0], |r| {
        Ok(ConflictText {
            lang: r.get(0)?,
            text: r.get(1)?,
            written_at: Timestamp(r.get(2)?),
            written_by: r.get(3)?,
            replaced_by: r.get(4)?,
            replaced_at: Timestamp(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every unit holding a text a conflict replaced, the latest conflict first.
pub fn units(conn: &Connection) -> Result<Vec<UnitId>, StoreError> {
    let mut select = conn.prepare_cached(
        "SELECT unit_id FROM team_conflict GROUP BY unit_id ORDER BY max(replaced_at) DESC, unit_id DESC",
    )?;
    let rows = select.query_map([], |r| Ok(UnitId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LanguageTag;
    use crate::store::team::{self, TeamLink};
    use crate::store::units::{TranslationUnit, UnitMetadata, Variant, Writer};

    fn add(conn: &mut Connection, en: &str) -> UnitId {
        let lang = |t| LanguageTag::parse(t).unwrap();
        let unit = TranslationUnit {
            variants: vec![
                Variant::new(lang("ru"), "Да."),
                Variant::new(lang("en"), en),
            ],
            meta: UnitMetadata::new("translation", Timestamp(1)),
        };
        let mut w = Writer::begin(conn).unwrap();
        let id = w.insert(&unit).unwrap();
        w.commit().unwrap();
        id
    }

    fn replaced(text: &str, at: i64) -> ConflictText {
        ConflictText {
            lang: "en".into(),
            text: text.into(),
            written_at: Timestamp(at - 10),
            written_by: Some("chingiz".into()),
            replaced_by: "dilara".into(),
            replaced_at: Timestamp(at),
        }
    }

    #[test]
    fn conflicts_are_kept_once_listed_latest_first_and_go_with_the_team() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let (a, b) = (add(&mut conn, "Yes."), add(&mut conn, "Sure."));
        let tx = crate::store::begin(&mut conn).unwrap();
        team::join(
            &tx,
            &TeamLink {
                server: "host=/run/postgresql".into(),
                team: "desk".into(),
                user: "anna".into(),
                last_seq: 0,
                last_sync_at: None,
                joined_at: Timestamp(5),
            },
        )
        .unwrap();
        team::set_shared(&tx, a, "6f1c0e6e-0000-4000-8000-000000000001", 3).unwrap();
        record(&tx, 7, a, &replaced("Yeah.", 100)).unwrap();
        record(&tx, 7, a, &replaced("Yeah.", 100)).unwrap();
        record(&tx, 9, b, &replaced("Surely.", 200)).unwrap();
        copied_to(&tx, 9).unwrap();
        copied_to(&tx, 8).unwrap();
        crate::store::commit(tx).unwrap();

        assert_eq!(of_unit(&conn, a).unwrap(), [replaced("Yeah.", 100)], "once");
        assert_eq!(units(&conn).unwrap(), [b, a], "the latest conflict first");
        assert_eq!(last_copied(&conn).unwrap(), 9, "never back");

        let tx = crate::store::begin(&mut conn).unwrap();
        assert!(team::leave(&tx).unwrap());
        crate::store::commit(tx).unwrap();
        assert!(units(&conn).unwrap().is_empty());
        assert_eq!(last_copied(&conn).unwrap(), 0);
        assert!(team::link(&conn).unwrap().is_none());
        assert_eq!(team::pending(&conn).unwrap(), team::Pending::default());
        assert_eq!(team::guid_of(&conn, a).unwrap(), None, "no global id left");
        assert!(
            crate::store::units::get(&conn, a).unwrap().is_some(),
            "the unit stays"
        );
        // Unlinked, a change queues nothing.
        add(&mut conn, "Of course.");
        assert_eq!(team::pending(&conn).unwrap(), team::Pending::default());
    }
}
