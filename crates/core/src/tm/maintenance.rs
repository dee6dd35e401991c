//! Keeping a translation memory by hand, as memoQ's and Trados' memory editors do:
//! browsing it a page at a time, editing a unit's text and details, deleting units,
//! finding and merging duplicates, and counting what it holds.
//!
//! A memory may hold a million units, so nothing here reads it whole: a page is found
//! by keyset (units below the last id shown, newest first) with a `LIMIT`, and text is
//! searched through the concordance's FTS5 index. Edits go through
//! [`units::replace_variant`], which keeps the exact-match, fuzzy and concordance
//! indexes in step with the text.

use rusqlite::{Connection, Transaction, params_from_iter, types::Value};
use serde::Serialize;
use thiserror::Error;

use super::{Timestamp, TranslationUnit, UnitId, Variant, concordance};
use crate::lang::LanguageTag;
use crate::store::StoreError;
use crate::store::units::{self, Deletion, UnitFilter};

/// Why keeping the memory failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum MaintenanceError {
    /// The unit asked for is not in the memory (deleted meanwhile).
    #[error("no translation unit {0}")]
    NoSuchUnit(i64),
    /// An edit would leave a variant without text; delete the unit instead.
    #[error("unit {unit}: the {lang} text cannot be empty")]
    EmptyText {
        /// The unit edited.
        unit: i64,
        /// The language whose text was empty.
        lang: String,
    },
    /// A merge needs the unit to keep and at least one other.
    #[error("a merge needs two or more different units")]
    NothingToMerge,
    /// The memory could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for MaintenanceError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// Which units to show, and from where: every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct Browse {
    /// Words a variant in any language contains (through the concordance index).
    pub text: Option<String>,
    /// With `text`, also its inflected forms, as the concordance finds them.
    pub inflected: bool,
    /// Units with a variant in every one of these languages (a language pair).
    pub langs: Vec<LanguageTag>,
    /// Units whose origin is this, or starts with it when it ends with `*`.
    pub origin: Option<String>,
    /// Units changed at or after this time.
    pub changed_since: Option<Timestamp>,
    /// Units changed before this time.
    pub changed_before: Option<Timestamp>,
    /// Units of this client, domain and project (each when given).
    pub client: Option<String>,
    /// See `client`.
    pub domain: Option<String>,
    /// See `client`.
    pub project: Option<String>,
    /// Units with ids below this one: the last unit of the page before.
    pub after: Option<UnitId>,
    /// The most units a page holds.
    pub limit: usize,
}

/// A page of units, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The units with their ids.
    pub units: Vec<(UnitId, TranslationUnit)>,
    /// Where the next page starts (its [`Browse::after`]), when units may follow: the
    /// last unit shown, or the last candidate looked at when an inflected search
    /// stopped looking before the page was full.
    pub next: Option<UnitId>,
}

/// The most candidates an inflected search checks word by word for one page. A stem
/// prefix may find thousands of words that only begin alike ("for" of "forum" finds
/// "foreign"); checking them all took 25 s in 200,000 units. The page then ends early
/// and its `next` goes on from where the checking stopped.
const CHECKED_PER_PAGE: usize = 2_000;

/// One page of the units `query` selects, highest ids (the newest) first.
pub fn browse(conn: &Connection, query: &Browse) -> Result<Page, MaintenanceError> {
    let mut sql = "SELECT id FROM unit WHERE 1".to_string();
    let mut args: Vec<Value> = Vec::new();
    if let Some(text) = query.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let fts = if query.inflected {
            concordance::stem_query(text)
        } else {
            concordance::fts_query(text)
        };
        // Text with no words (only punctuation) finds nothing rather than everything.
        let Some(fts) = fts else {
            return Ok(Page {
                units: Vec::new(),
                next: None,
            });
        };
        sql.push_str(
            " AND id IN (SELECT v.unit_id FROM variant_fts f JOIN variant v ON v.id = f.rowid \
             WHERE variant_fts MATCH ?)",
        );
        args.push(fts.into());
    }
    for lang in &query.langs {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM variant v WHERE v.unit_id = unit.id AND v.lang = ?)",
        );
        args.push(lang.as_str().to_string().into());
    }
    for (column, value) in [
        ("client", &query.client),
        ("domain", &query.domain),
        ("project", &query.project),
    ] {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            args.push(value.clone().into());
        }
    }
    units::push_origin_and_dates(
        &mut sql,
        &mut args,
        query.origin.as_deref(),
        query.changed_since,
        query.changed_before,
    );
    // The id bound and the limit come last, so that each batch below changes only them.
    sql.push_str(" AND id < ? ORDER BY id DESC LIMIT ?");
    let mut stmt = conn.prepare(&sql)?;
    // Inflected search asks FTS5 for words beginning with a stem, which also finds words
    // that merely begin alike: candidates are checked word by word, as the concordance
    // checks its hits, and more are fetched until the page is full.
    let phrase = query.text.as_deref().filter(|_| query.inflected);
    let batch = if phrase.is_some() {
        CHECKED_PER_PAGE / 2
    } else {
        query.limit
    } + 1;
    let mut below = query.after.map_or(i64::MAX, |a| a.0);
    let mut page: Vec<(UnitId, TranslationUnit)> = Vec::with_capacity(query.limit);
    let mut checked = 0;
    loop {
        let mut batch_args = args.clone();
        batch_args.push(below.into());
        batch_args.push((batch as i64).into());
        let ids: Vec<UnitId> = stmt
            .query_map(params_from_iter(batch_args), |r| Ok(UnitId(r.get(0)?)))?
            .collect::<Result<_, _>>()?;
        let exhausted = ids.len() < batch;
        for id in ids {
            if checked == CHECKED_PER_PAGE && page.len() < query.limit {
                return Ok(Page {
                    units: page,
                    next: Some(UnitId(below)),
                });
            }
            checked += 1;
            below = id.0;
            let Some(unit) = units::get(conn, id)? else {
                continue;
            };
            let found = phrase.is_none_or(|phrase| {
                unit.variants.iter().any(|v| {
                    !concordance::inflected_occurrences(&v.lang, &v.text, phrase).is_empty()
                })
            });
            if !found {
                continue;
            }
            if page.len() == query.limit {
                // One more than the page: another follows.
                let next = page.last().map(|(id, _)| *id);
                return Ok(Page { units: page, next });
            }
            page.push((id, unit));
        }
        if exhausted {
            return Ok(Page {
                units: page,
                next: None,
            });
        }
    }
}

/// Set unit `id`'s text in `lang` to `text` exactly as written (adding the language
/// when the unit has none), as changed by `by` at `at`. The variant's context and
/// notes stay; its inline codes go, as they belonged to the old text.
pub fn set_text(
    tx: &Transaction,
    id: UnitId,
    lang: &LanguageTag,
    text: &str,
    by: Option<&str>,
    at: Timestamp,
) -> Result<TranslationUnit, MaintenanceError> {
    let mut unit = units::get(tx, id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))?;
    if text.trim().is_empty() {
        return Err(MaintenanceError::EmptyText {
            unit: id.0,
            lang: lang.to_string(),
        });
    }
    let variant = match unit.variants.iter().find(|v| &v.lang == lang) {
        Some(old) => Variant {
            text: text.to_string(),
            markup: None,
            tags: Vec::new(),
            ..old.clone()
        },
        None => Variant::new(lang.clone(), text),
    };
    units::replace_variant(tx, id, &variant)?;
    unit.meta.changed_at = at;
    unit.meta.changed_by = by.map(str::to_string);
    units::update_metadata(tx, id, &unit.meta)?;
    units::get(tx, id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))
}

/// What a translator may change of a unit besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitDetails {
    /// The client, or none.
    pub client: Option<String>,
    /// The subject domain, or none.
    pub domain: Option<String>,
    /// The project, or none.
    pub project: Option<String>,
    /// The notes, in order.
    pub notes: Vec<String>,
}

/// Replace unit `id`'s client, domain, project and notes, as changed by `by` at `at`.
pub fn set_details(
    tx: &Transaction,
    id: UnitId,
    details: &UnitDetails,
    by: Option<&str>,
    at: Timestamp,
) -> Result<TranslationUnit, MaintenanceError> {
    let mut unit = units::get(tx, id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))?;
    let blank = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    unit.meta.client = blank(&details.client);
    unit.meta.domain = blank(&details.domain);
    unit.meta.project = blank(&details.project);
    unit.meta.notes = details.notes.clone();
    unit.meta.changed_at = at;
    unit.meta.changed_by = by.map(str::to_string);
    units::update_metadata(tx, id, &unit.meta)?;
    Ok(unit)
}

/// Delete the units `ids`, with their variants and index entries.
pub fn delete(tx: &Transaction, ids: &[UnitId]) -> Result<Deletion, MaintenanceError> {
    let filter = UnitFilter {
        ids: ids.to_vec(),
        ..UnitFilter::default()
    };
    Ok(units::delete_matching(tx, &filter)?)
}

/// How the units of a [`DuplicateGroup`] are alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Likeness {
    /// The same source and the same target after normalisation: safe to merge.
    Identical,
    /// The same source with different targets: the translator picks one.
    SameSource,
}

/// Units alike in a language pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateGroup {
    /// How they are alike.
    pub likeness: Likeness,
    /// The units, oldest first.
    pub units: Vec<UnitId>,
}

/// Up to `limit` groups of units whose `src` variants have the same exact-match form
/// (NFC, whitespace collapsed): first those whose `tgt` variants do too, then those
/// whose `tgt` variants differ. It reads the whole pair once, as an explicit request.
pub fn duplicates(
    conn: &Connection,
    src: &LanguageTag,
    tgt: &LanguageTag,
    limit: usize,
) -> Result<Vec<DuplicateGroup>, MaintenanceError> {
    let pair = "FROM variant s JOIN variant t ON t.unit_id = s.unit_id AND t.lang = ?2 \
                WHERE s.lang = ?1";
    let queries = [
        (
            Likeness::Identical,
            format!(
                "SELECT json_group_array(s.unit_id) {pair} \
                 GROUP BY s.normalized, t.normalized HAVING count(*) > 1 \
                 ORDER BY min(s.unit_id) LIMIT ?3"
            ),
        ),
        (
            Likeness::SameSource,
            format!(
                "SELECT json_group_array(s.unit_id) {pair} \
                 GROUP BY s.normalized HAVING count(DISTINCT t.normalized) > 1 \
                 ORDER BY min(s.unit_id) LIMIT ?3"
            ),
        ),
    ];
    let mut groups = Vec::new();
    for (likeness, sql) in queries {
        let left = limit.saturating_sub(groups.len());
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![src.as_str(), tgt.as_str(), left as i64],
            |r| r.get::<_, String>(0),
        )?;
        for row in rows {
            let mut ids: Vec<i64> =
                serde_json::from_str(&row?).map_err(|e| StoreError::Damaged(e.to_string()))?;
            ids.sort_unstable();
            groups.push(DuplicateGroup {
                likeness,
                units: ids.into_iter().map(UnitId).collect(),
            });
        }
    }
    Ok(groups)
}

/// Merge `others` into `keep`: `keep`'s texts stay, languages only an other unit has
/// are added, use counts are summed, the earliest creation and latest change kept,
/// notes and props joined (each once), and details `keep` lacks taken from the others.
/// The others are deleted.
pub fn merge(
    tx: &Transaction,
    keep: UnitId,
    others: &[UnitId],
) -> Result<TranslationUnit, MaintenanceError> {
    let others: Vec<UnitId> = others.iter().copied().filter(|&o| o != keep).collect();
    if others.is_empty() {
        return Err(MaintenanceError::NothingToMerge);
    }
    let mut kept = units::get(tx, keep)?.ok_or(MaintenanceError::NoSuchUnit(keep.0))?;
    for &other in &others {
        let unit = units::get(tx, other)?.ok_or(MaintenanceError::NoSuchUnit(other.0))?;
        let (m, o) = (&mut kept.meta, &unit.meta);
        m.use_count = m.use_count.saturating_add(o.use_count);
        if o.created_at < m.created_at {
            m.created_at = o.created_at;
            m.created_by.clone_from(&o.created_by);
        }
        if o.changed_at > m.changed_at {
            m.changed_at = o.changed_at;
            m.changed_by.clone_from(&o.changed_by);
        }
        m.last_used_at = m.last_used_at.max(o.last_used_at);
        for note in &o.notes {
            if !m.notes.contains(note) {
                m.notes.push(note.clone());
            }
        }
        for prop in &o.props {
            if !m.props.contains(prop) {
                m.props.push(prop.clone());
            }
        }
        for (field, value) in [
            (&mut m.document, &o.document),
            (&mut m.client, &o.client),
            (&mut m.domain, &o.domain),
            (&mut m.project, &o.project),
        ] {
            if field.is_none() {
                field.clone_from(value);
            }
        }
        for v in unit.variants {
            if kept.variant(&v.lang).is_none() {
                units::replace_variant(tx, keep, &v)?;
                kept.variants.push(v);
            }
        }
        units::delete(tx, other)?;
    }
    units::update_metadata(tx, keep, &kept.meta)?;
    units::get(tx, keep)?.ok_or(MaintenanceError::NoSuchUnit(keep.0))
}

/// What a memory holds, for its statistics panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Translation units.
    pub units: u64,
    /// Units per language pair (each pair once, tags in order), most first.
    pub pairs: Vec<(String, String, u64)>,
    /// Units per origin, most first.
    pub origins: Vec<(String, u64)>,
    /// The earliest creation and the latest change, when there are units.
    pub span: Option<(Timestamp, Timestamp)>,
    /// The database file's size in bytes (its pages, the write-ahead log aside).
    pub file_bytes: u64,
}

/// Count what the memory holds. Reads every variant once: for a panel opened on
/// request, not for every page.
pub fn overview(conn: &Connection) -> Result<Overview, MaintenanceError> {
    let stats = units::stats(conn)?;
    let pairs = conn
        .prepare(
            "SELECT a.lang, b.lang, count(*) AS n FROM variant a \
             JOIN variant b ON b.unit_id = a.unit_id AND a.lang < b.lang \
             GROUP BY a.lang, b.lang ORDER BY n DESC, a.lang, b.lang",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?
        .collect::<Result<_, _>>()?;
    let span = conn.query_row(
        "SELECT min(created_at), max(changed_at) FROM unit",
        [],
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)),
    )?;
    let file_bytes: i64 = conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get(0),
    )?;
    Ok(Overview {
        units: stats.units,
        pairs,
        origins: stats.origins,
        span: match span {
            (Some(a), Some(b)) => Some((Timestamp(a), Timestamp(b))),
            _ => None,
        },
        file_bytes: file_bytes as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fuzzy_index::IndexBuffer;
    use crate::store::{open_in_memory, verify};
    use crate::tm::lookup::{Query, lookup};
    use crate::tm::{MatchScore, UnitMetadata, origin};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    fn add(conn: &mut Connection, ru: &str, en: &str, at: i64) -> UnitId {
        let tx = conn.transaction().unwrap();
        let id = units::insert(
            &tx,
            &TranslationUnit {
                variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
                meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(at)),
            },
        )
        .unwrap();
        tx.commit().unwrap();
        id
    }

    fn exact(conn: &Connection, tag: &str, text: &str) -> Vec<UnitId> {
        units::with_segment(conn, &IndexBuffer::new(), &lang(tag), text).unwrap()
    }

    #[test]
    fn editing_a_text_moves_every_index_to_the_new_text() {
        let mut conn = open_in_memory().unwrap();
        let id = add(
            &mut conn,
            "Переговоры прошли в Баку.",
            "The talks were held in Baku.",
            1,
        );
        let tx = conn.transaction().unwrap();
        let unit = set_text(
            &tx,
            id,
            &lang("en"),
            "Talks  took place in Baku.",
            Some("aysel"),
            Timestamp(50),
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(
            unit.variants[1].text, "Talks  took place in Baku.",
            "kept as typed"
        );
        assert_eq!(
            (unit.meta.changed_at, unit.meta.changed_by.as_deref()),
            (Timestamp(50), Some("aysel"))
        );
        assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(
            exact(&conn, "en", "Talks took place in Baku."),
            [id],
            "normalised form"
        );
        assert!(exact(&conn, "en", "The talks were held in Baku.").is_empty());
        let found = lookup(
            &conn,
            &Query::new(&lang("en"), &lang("ru"), "Talks took place in Baku."),
        )
        .unwrap();
        assert_eq!(found.matches[0].unit, id);
        assert!(
            found.matches[0].score >= MatchScore::EXACT,
            "{:?}",
            found.matches[0].score
        );
        let old = lookup(
            &conn,
            &Query::new(&lang("en"), &lang("ru"), "The talks were held in Baku."),
        )
        .unwrap();
        assert!(
            old.matches.iter().all(|m| m.score < MatchScore::EXACT),
            "old text no exact match"
        );
        let by_text = |text: &str| {
            browse(
                &conn,
                &Browse {
                    text: Some(text.into()),
                    limit: 10,
                    ..Browse::default()
                },
            )
            .unwrap()
            .units
            .len()
        };
        assert_eq!(
            (by_text("took"), by_text("held")),
            (1, 0),
            "concordance follows the edit"
        );
        let tx = conn.transaction().unwrap();
        assert!(matches!(
            set_text(&tx, id, &lang("en"), "  ", None, Timestamp(60)),
            Err(MaintenanceError::EmptyText { .. })
        ));
        assert!(matches!(
            set_text(&tx, UnitId(99), &lang("en"), "x", None, Timestamp(60)),
            Err(MaintenanceError::NoSuchUnit(99))
        ));
    }

    #[test]
    fn pages_follow_each_other_newest_first_under_filters() {
        let mut conn = open_in_memory().unwrap();
        let ids: Vec<UnitId> = (0..7)
            .map(|i| {
                add(
                    &mut conn,
                    &format!("Форум номер {i}."),
                    &format!("Forum number {i}."),
                    i,
                )
            })
            .collect();
        let tx = conn.transaction().unwrap();
        set_details(
            &tx,
            ids[2],
            &UnitDetails {
                client: Some("MFA".into()),
                notes: vec!["checked".into()],
                ..UnitDetails::default()
            },
            None,
            Timestamp(100),
        )
        .unwrap();
        tx.commit().unwrap();
        let mut query = Browse {
            limit: 3,
            ..Browse::default()
        };
        let first = browse(&conn, &query).unwrap();
        let page_ids = |p: &Page| p.units.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        assert_eq!(page_ids(&first), [ids[6], ids[5], ids[4]]);
        assert_eq!(first.next, Some(ids[4]));
        query.after = Some(ids[4]);
        let second = browse(&conn, &query).unwrap();
        assert_eq!(page_ids(&second), [ids[3], ids[2], ids[1]]);
        query.after = Some(ids[1]);
        let last = browse(&conn, &query).unwrap();
        assert_eq!((page_ids(&last), last.next), (vec![ids[0]], None));
        let mfa = browse(
            &conn,
            &Browse {
                client: Some("MFA".into()),
                limit: 10,
                ..Browse::default()
            },
        )
        .unwrap();
        assert_eq!(page_ids(&mfa), [ids[2]]);
        assert_eq!(mfa.units[0].1.meta.notes, ["checked"]);
        let inflected = Browse {
            text: Some("форумы".into()),
            inflected: true,
            limit: 10,
            ..Browse::default()
        };
        assert_eq!(browse(&conn, &inflected).unwrap().units.len(), 7);
        let dated = Browse {
            changed_since: Some(Timestamp(5)),
            langs: vec![lang("ru"), lang("en")],
            limit: 10,
            ..Browse::default()
        };
        assert_eq!(
            page_ids(&browse(&conn, &dated).unwrap()),
            [ids[6], ids[5], ids[2]]
        );
        let no_pair = Browse {
            langs: vec![lang("az")],
            limit: 10,
            ..Browse::default()
        };
        assert!(browse(&conn, &no_pair).unwrap().units.is_empty());
    }

    /// Inflected search finds the units the concordance finds, page after page, however
    /// many prefix candidates it has to pass over.
    #[test]
    fn inflected_pages_hold_what_the_concordance_finds() {
        let mut conn = open_in_memory().unwrap();
        let texts = [
            ("Форма заявления.", "The form of the statement."),
            ("Формы заявлений.", "Forms of statements."),
            ("Формула успеха.", "The formula of success."),
            ("Формальный визит.", "A formal visit."),
            ("Реформа прошла.", "The reform passed."),
            ("Форме не соответствует.", "Does not fit the form."),
            ("Форумы открылись.", "The forums opened."),
        ];
        for _ in 0..3 {
            for (i, (ru, en)) in texts.iter().enumerate() {
                add(&mut conn, ru, en, i as i64);
            }
        }
        for phrase in ["форма", "form", "форум"] {
            let mut expected: Vec<UnitId> = concordance::concordance(&conn, phrase, true, 1000)
                .unwrap()
                .into_iter()
                .map(|hit| hit.unit)
                .collect();
            expected.sort_unstable_by(|a, b| b.cmp(a));
            expected.dedup();
            let mut query = Browse {
                text: Some(phrase.into()),
                inflected: true,
                limit: 2,
                ..Browse::default()
            };
            let mut found = Vec::new();
            loop {
                let page = browse(&conn, &query).unwrap();
                found.extend(page.units.iter().map(|(id, _)| *id));
                query.after = page.next;
                if page.next.is_none() {
                    break;
                }
            }
            assert!(!expected.is_empty(), "{phrase}");
            assert_eq!(found, expected, "{phrase}");
        }
    }

    #[test]
    fn an_inflected_search_stops_checking_and_goes_on_from_there() {
        let mut conn = open_in_memory().unwrap();
        let oldest = add(&mut conn, "Форма заявления.", "The form.", 0);
        let tx = conn.transaction().unwrap();
        for i in 0..CHECKED_PER_PAGE + 10 {
            let unit = TranslationUnit {
                variants: vec![
                    Variant::new(lang("ru"), format!("Формула {i}.")),
                    Variant::new(lang("en"), format!("Formula {i}.")),
                ],
                meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(1)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        tx.commit().unwrap();
        let mut query = Browse {
            text: Some("форма".into()),
            inflected: true,
            limit: 10,
            ..Browse::default()
        };
        let first = browse(&conn, &query).unwrap();
        assert!(
            first.units.is_empty(),
            "no form of форма among the first candidates"
        );
        assert!(first.next.is_some(), "but more to look at");
        query.after = first.next;
        let second = browse(&conn, &query).unwrap();
        let found: Vec<UnitId> = second.units.iter().map(|(id, _)| *id).collect();
        assert_eq!((found, second.next), (vec![oldest], None));
    }

    #[test]
    fn duplicates_are_grouped_and_merged_into_one_unit() {
        let mut conn = open_in_memory().unwrap();
        let a = add(
            &mut conn,
            "Президент  прибыл.",
            "The President arrived.",
            10,
        );
        let b = add(&mut conn, "президент прибыл.", "The President arrived.", 5);
        let c = add(
            &mut conn,
            "Президент прибыл.",
            "The  President arrived.",
            20,
        );
        let d = add(&mut conn, "Нет.", "No.", 1);
        let e = add(&mut conn, "Нет.", "Not at all.", 2);
        add(&mut conn, "Может быть.", "Maybe.", 3);
        let groups = duplicates(&conn, &lang("ru"), &lang("en"), 10).unwrap();
        assert_eq!(
            groups,
            [
                DuplicateGroup {
                    likeness: Likeness::Identical,
                    units: vec![a, c]
                },
                DuplicateGroup {
                    likeness: Likeness::SameSource,
                    units: vec![d, e]
                },
            ],
            "spaces collapse, case counts"
        );
        let tx = conn.transaction().unwrap();
        for (id, uses, note) in [(a, 2, "first"), (c, 3, "second")] {
            let mut meta = units::get(&tx, id).unwrap().unwrap().meta;
            meta.use_count = uses;
            meta.notes = vec![note.into()];
            units::update_metadata(&tx, id, &meta).unwrap();
        }
        let merged = merge(&tx, a, &[c]).unwrap();
        tx.commit().unwrap();
        assert_eq!(merged.meta.use_count, 5, "use counts summed");
        assert_eq!(merged.meta.created_at, Timestamp(10), "earliest creation");
        assert_eq!(merged.meta.changed_at, Timestamp(20), "latest change");
        assert_eq!(merged.meta.notes, ["first", "second"]);
        assert_eq!(units::get(&conn, c).unwrap(), None);
        assert_eq!(exact(&conn, "ru", "Президент прибыл."), [a]);
        assert_eq!(exact(&conn, "ru", "президент прибыл."), [b]);
        assert_eq!(
            merged.variants[0].text, "Президент  прибыл.",
            "the kept unit's text as written"
        );
        assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
        let left = duplicates(&conn, &lang("ru"), &lang("en"), 10).unwrap();
        assert_eq!(left.len(), 1, "only the group to pick from: {left:?}");
        let tx = conn.transaction().unwrap();
        assert!(matches!(
            merge(&tx, a, &[a]),
            Err(MaintenanceError::NothingToMerge)
        ));
    }

    #[test]
    fn deleting_selected_units_and_counting_what_is_left() {
        let mut conn = open_in_memory().unwrap();
        let a = add(&mut conn, "Да.", "Yes.", 10);
        let b = add(&mut conn, "Нет.", "No.", 30);
        let c = add(&mut conn, "Может быть.", "Maybe.", 20);
        let tx = conn.transaction().unwrap();
        let gone = delete(&tx, &[a, c, UnitId(42)]).unwrap();
        tx.commit().unwrap();
        assert_eq!((gone.deleted, gone.not_found), (2, vec![UnitId(42)]));
        assert!(exact(&conn, "ru", "Да.").is_empty());
        assert_eq!(exact(&conn, "ru", "Нет."), [b]);
        assert_eq!(verify(&conn).unwrap(), Vec::<String>::new());
        let o = overview(&conn).unwrap();
        assert_eq!(o.units, 1);
        assert_eq!(o.pairs, [("en".to_string(), "ru".to_string(), 1)]);
        assert_eq!(o.origins, [(origin::ALIGNMENT.to_string(), 1)]);
        assert_eq!(o.span, Some((Timestamp(30), Timestamp(30))));
        assert!(o.file_bytes > 0);
    }
}
