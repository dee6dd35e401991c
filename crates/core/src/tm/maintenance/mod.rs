//! Keeping a translation memory by hand, as memoQ's and Trados' memory editors do:
//! browsing it a page at a time, editing a unit's text and details, deleting units,
//! finding and merging duplicates, and counting what it holds.
//!
//! A memory may hold a million units, so nothing here reads it whole: a page is found
//! by keyset (units below the last id shown, newest first) with a `LIMIT`, and text is
//! searched through the concordance's FTS5 index. Edits go through
//! [`units::replace_variant`], which keeps the exact-match, fuzzy and concordance
//! indexes in step with the text.

use serde::Serialize;
use thiserror::Error;

use super::{TranslationUnit, UnitId, Variant, concordance};

use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::Connection;
use crate::store::StoreError;
use crate::store::browse;
pub use crate::store::browse::UnitConditions;
use crate::store::units::{self, Deletion, UnitFilter, Writer};

/// Why keeping the memory failed.
#[derive(Debug, Error)]
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

/// Which units to show, and from where: every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct Browse {
    /// Words a variant in any language contains (through the concordance index).
    pub text: Option<String>,
    /// With `text`, also its inflected forms, as the concordance finds them.
    pub inflected: bool,
    /// Languages, origin, dates, client, domain and project.
    pub conditions: UnitConditions,
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
    let fts = match query.text.as_deref().filter(|t| !t.trim().is_empty()) {
        None => None,
        Some(text) => {
            let found = if query.inflected {
                concordance::stem_query(text)
            } else {
                concordance::fts_query(text)
            };
            // Text with no words (only punctuation) finds nothing rather than everything.
            let Some(fts) = found else {
                return Ok(Page {
                    units: Vec::new(),
                    next: None,
                });
            };
            Some(fts)
        }
    };
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
        let ids = browse::ids_below(conn, fts.as_deref(), &query.conditions, below, batch)?;
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
/// when the unit has none), as changed by `by` at `at`; the old text is kept as an
/// earlier version. The variant's context and notes stay; its inline codes go, as they
/// belonged to the old text.
pub fn set_text(
    writer: &mut Writer,
    id: UnitId,
    lang: &LanguageTag,
    text: &str,
    by: Option<&str>,
    at: Timestamp,
) -> Result<TranslationUnit, MaintenanceError> {
    let unit = writer.get(id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))?;
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
    writer.correct_variant(id, &variant, by, at)?;
    writer.get(id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))
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
    writer: &mut Writer,
    id: UnitId,
    details: &UnitDetails,
    by: Option<&str>,
    at: Timestamp,
) -> Result<TranslationUnit, MaintenanceError> {
    let mut unit = writer.get(id)?.ok_or(MaintenanceError::NoSuchUnit(id.0))?;
    let blank = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    unit.meta.client = blank(&details.client);
    unit.meta.domain = blank(&details.domain);
    unit.meta.project = blank(&details.project);
    unit.meta.notes = details.notes.clone();
    unit.meta.changed_at = at;
    unit.meta.changed_by = by.map(str::to_string);
    writer.update_metadata(id, &unit.meta)?;
    Ok(unit)
}

/// Delete the units `ids`, with their variants and index entries.
pub fn delete(writer: &mut Writer, ids: &[UnitId]) -> Result<Deletion, MaintenanceError> {
    let filter = UnitFilter {
        ids: ids.to_vec(),
        ..UnitFilter::default()
    };
    Ok(writer.delete_matching(&filter)?)
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
    let mut groups = Vec::new();
    for likeness in [Likeness::Identical, Likeness::SameSource] {
        let left = limit.saturating_sub(groups.len());
        let same_target = likeness == Likeness::Identical;
        for units in browse::duplicate_groups(conn, src, tgt, same_target, left)? {
            groups.push(DuplicateGroup { likeness, units });
        }
    }
    Ok(groups)
}

/// Merge `others` into `keep`: `keep`'s texts stay, languages only an other unit has
/// are added, use counts are summed, the earliest creation and latest change kept,
/// notes and props joined (each once), and details `keep` lacks taken from the others.
/// The others are deleted.
pub fn merge(
    writer: &mut Writer,
    keep: UnitId,
    others: &[UnitId],
) -> Result<TranslationUnit, MaintenanceError> {
    let others: Vec<UnitId> = others.iter().copied().filter(|&o| o != keep).collect();
    if others.is_empty() {
        return Err(MaintenanceError::NothingToMerge);
    }
    let mut kept = writer
        .get(keep)?
        .ok_or(MaintenanceError::NoSuchUnit(keep.0))?;
    for &other in &others {
        let unit = writer
            .get(other)?
            .ok_or(MaintenanceError::NoSuchUnit(other.0))?;
        let (m, o) = (&mut kept.meta, &unit.meta);
        m.take_in(o);
        m.use_count = m.use_count.saturating_add(o.use_count);
        if o.changed_at > m.changed_at {
            m.changed_at = o.changed_at;
            m.changed_by.clone_from(&o.changed_by);
        }
        m.last_used_at = m.last_used_at.max(o.last_used_at);
        for v in unit.variants {
            if kept.variant(&v.lang).is_none() {
                writer.replace_variant(keep, &v)?;
                kept.variants.push(v);
            }
        }
        writer.delete(other)?;
    }
    writer.update_metadata(keep, &kept.meta)?;
    writer
        .get(keep)?
        .ok_or(MaintenanceError::NoSuchUnit(keep.0))
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
    Ok(Overview {
        units: stats.units,
        pairs: browse::pair_counts(conn)?,
        origins: stats.origins,
        span: browse::span(conn)?,
        file_bytes: browse::file_bytes(conn)?,
    })
}

#[cfg(test)]
mod tests;
