//! Editing glossaries one concept at a time, as a term base editor does: creating and
//! configuring glossaries, searching concepts by any of their terms, adding, changing and
//! deleting concepts, importing a file with a report, and the term suggestions of the
//! memory that the translator has rejected. Each write function runs in the caller's
//! transaction, so an edit or an import is all or nothing.

use std::collections::HashSet;
use std::ops::ControlFlow;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use thiserror::Error;

use super::StoreError;
use super::glossary::{ConceptPolicy, GlossaryId, import};
use super::units::{self, UnitFilter};
use crate::glossary::suggest::{Suggestion, suggest};
use crate::glossary::{Concept, Term};
use crate::lang::LanguageTag;
use crate::tm::Timestamp;

/// A concept's row identifier, unique across glossaries.
pub type ConceptRow = i64;

/// Why a glossary or concept could not be changed; nothing was.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConceptError {
    /// The concept was deleted meanwhile, or never existed.
    #[error("no concept {0}")]
    NoSuchConcept(ConceptRow),
    /// The glossary was deleted meanwhile, or never existed.
    #[error("no glossary {0}")]
    NoSuchGlossary(GlossaryId),
    /// Glossary names are unique.
    #[error("a glossary named {0:?} already exists")]
    GlossaryExists(String),
    /// A glossary's name is empty or only spaces.
    #[error("a glossary needs a name")]
    EmptyName,
    /// A concept without terms names nothing.
    #[error("a concept needs at least one term")]
    NoTerms,
    /// A term's text is empty or only spaces.
    #[error("term {position}: the text is empty")]
    EmptyTerm {
        /// 1-based position of the term in the concept.
        position: usize,
    },
    /// The same term is given twice in one language.
    #[error("the {lang} term {text:?} is given twice")]
    DuplicateTerm {
        /// The language.
        lang: String,
        /// The term.
        text: String,
    },
    /// Another concept of the glossary has this identifier.
    #[error("another concept of this glossary has the id {0:?}")]
    DuplicateConceptId(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ConceptError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// A term as stored for searching: folded as its language folds, without `|` marks.
pub(crate) fn folded(term: &Term) -> String {
    term.lang.fold(&term.plain())
}

/// Fold the terms written before terms were stored folded (migration 7).
pub(crate) fn fold_stored_terms(tx: &Transaction) -> Result<(), StoreError> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, lang, text FROM term")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE term SET folded = ?2 WHERE id = ?1")?;
    for (id, lang, text) in rows {
        let lang = LanguageTag::parse(&lang).map_err(|e| StoreError::Damaged(e.to_string()))?;
        update.execute(params![id, folded(&Term::new(lang, text))])?;
    }
    Ok(())
}

/// A new, empty glossary named `name` (trimmed).
pub fn create_glossary(
    tx: &Transaction,
    name: &str,
    priority: i64,
) -> Result<GlossaryId, ConceptError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ConceptError::EmptyName);
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM glossary WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(ConceptError::GlossaryExists(name.to_string()));
    }
    Ok(super::glossary::ensure(tx, name, priority)?)
}

/// Set a glossary's priority and whether recognition uses it.
pub fn configure_glossary(
    tx: &Transaction,
    id: GlossaryId,
    priority: i64,
    enabled: bool,
) -> Result<(), ConceptError> {
    let changed = tx.execute(
        "UPDATE glossary SET priority = ?2, enabled = ?3 WHERE id = ?1",
        params![id, priority, enabled],
    )?;
    if changed == 0 {
        return Err(ConceptError::NoSuchGlossary(id));
    }
    Ok(())
}

/// Which concepts to list, and which page of them.
#[derive(Debug, Clone, Default)]
pub struct ConceptQuery {
    /// Only this glossary's concepts (every glossary's when `None`).
    pub glossary: Option<GlossaryId>,
    /// Concepts with a term containing this text, folded (every concept when empty).
    pub text: String,
    /// How many matching concepts to pass over.
    pub offset: u64,
    /// How many to return at most.
    pub limit: u64,
}

/// A stored concept with where it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptEntry {
    /// Its row.
    pub row: ConceptRow,
    /// Its glossary.
    pub glossary: GlossaryId,
    /// The concept.
    pub concept: Concept,
}

/// One page of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptPage {
    /// How many concepts match in all.
    pub total: u64,
    /// The page's concepts, in the order they were added.
    pub concepts: Vec<ConceptEntry>,
}

/// The concepts matching `query`, a page at a time. The text is folded as each of the
/// three folding rules would fold it (Turkic I, Russian ё, the rest), so "İSTANBUL"
/// finds "İstanbul" in Azerbaijani and "ЁЛКА" finds "елка" in Russian.
pub fn search(conn: &Connection, query: &ConceptQuery) -> Result<ConceptPage, StoreError> {
    let text = query.text.trim();
    let limit = query.limit.min(i64::MAX as u64) as i64;
    let offset = query.offset.min(i64::MAX as u64) as i64;
    let (total, rows): (u64, Vec<ConceptRow>) = if text.is_empty() {
        let total: i64 = conn.query_row(
            "SELECT count(*) FROM concept WHERE ?1 IS NULL OR glossary_id = ?1",
            [query.glossary],
            |r| r.get(0),
        )?;
        let rows = conn
            .prepare(
                "SELECT id FROM concept WHERE ?1 IS NULL OR glossary_id = ?1 \
                 ORDER BY id LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![query.glossary, limit, offset], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        (total as u64, rows)
    } else {
        let mut folds: Vec<String> = ["az", "ru", "en"]
            .iter()
            .map(|l| {
                LanguageTag::parse(l)
                    .map(|tag| tag.fold(text))
                    .map_err(|e| StoreError::Damaged(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        folds.sort();
        folds.dedup();
        // One pass over the term table in row order (a concept-by-concept lookup took
        // ten times as long at 300,000 terms); the matching ids are few bytes each.
        let any = (0..folds.len())
            .map(|i| format!("instr(t.folded, ?{}) > 0", i + 2))
            .collect::<Vec<_>>()
            .join(" OR ");
        let mut args: Vec<rusqlite::types::Value> = vec![query.glossary.into()];
        args.extend(folds.into_iter().map(rusqlite::types::Value::from));
        let ids: Vec<ConceptRow> = conn
            .prepare(&format!(
                "SELECT DISTINCT t.concept_id FROM term t JOIN concept c ON c.id = t.concept_id \
                 WHERE (?1 IS NULL OR c.glossary_id = ?1) AND ({any}) ORDER BY t.concept_id"
            ))?
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let page = ids
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .copied()
            .collect();
        (ids.len() as u64, page)
    };
    let concepts = rows
        .into_iter()
        .map(|row| concept(conn, row)?.ok_or_else(|| StoreError::Damaged(format!("concept {row}"))))
        .collect::<Result<_, _>>()?;
    Ok(ConceptPage { total, concepts })
}

/// The concept in row `row`, if there is one.
pub fn concept(conn: &Connection, row: ConceptRow) -> Result<Option<ConceptEntry>, StoreError> {
    let Some((glossary, id)) = conn
        .prepare_cached("SELECT glossary_id, external_id FROM concept WHERE id = ?1")?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let fields = conn
        .prepare_cached("SELECT name, value FROM concept_field WHERE concept_id = ?1")?
        .query_map([row], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut terms = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT lang, text, status, part_of_speech, note, match_mode FROM term \
         WHERE concept_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([row])?;
    while let Some(r) = rows.next()? {
        terms.push(super::glossary::term_of_row(
            &r.get::<_, String>(0)?,
            r.get(1)?,
            &r.get::<_, String>(2)?,
            r.get(3)?,
            r.get(4)?,
            &r.get::<_, String>(5)?,
        )?);
    }
    Ok(Some(ConceptEntry {
        row,
        glossary,
        concept: Concept { id, fields, terms },
    }))
}

/// Trim the terms and check there is something to store: at least one term, none empty,
/// none twice in a language. What the translator wrote is otherwise kept as written.
fn checked(concept: &Concept) -> Result<Concept, ConceptError> {
    let mut out = concept.clone();
    if out.terms.is_empty() {
        return Err(ConceptError::NoTerms);
    }
    let mut seen = HashSet::new();
    for (i, term) in out.terms.iter_mut().enumerate() {
        term.text = term.text.trim().to_string();
        term.part_of_speech = term.part_of_speech.take().filter(|p| !p.trim().is_empty());
        term.note = term.note.take().filter(|n| !n.trim().is_empty());
        if term.plain().trim().is_empty() {
            return Err(ConceptError::EmptyTerm { position: i + 1 });
        }
        if !seen.insert((term.lang.clone(), term.text.clone())) {
            return Err(ConceptError::DuplicateTerm {
                lang: term.lang.to_string(),
                text: term.text.clone(),
            });
        }
    }
    out.id = out.id.trim().to_string();
    Ok(out)
}

/// Add `concept` to glossary `glossary` as a new concept; its id, when empty, is its
/// first term (numbered when another concept has it). Returns the new row.
pub fn add_concept(
    tx: &Transaction,
    glossary: GlossaryId,
    concept: &Concept,
    author: Option<&str>,
) -> Result<ConceptRow, ConceptError> {
    let mut concept = checked(concept)?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM glossary WHERE id = ?1)",
        [glossary],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(ConceptError::NoSuchGlossary(glossary));
    }
    let id_taken = |id: &str| -> Result<bool, rusqlite::Error> {
        tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM concept WHERE glossary_id = ?1 AND external_id = ?2)",
            params![glossary, id],
            |r| r.get(0),
        )
    };
    if concept.id.is_empty() {
        let base = concept.terms[0].plain();
        concept.id = base.clone();
        let mut n = 2;
        while id_taken(&concept.id)? {
            concept.id = format!("{base} ({n})");
            n += 1;
        }
    } else if id_taken(&concept.id)? {
        return Err(ConceptError::DuplicateConceptId(concept.id));
    }
    import(
        tx,
        glossary,
        &[concept.clone()],
        ConceptPolicy::Merge,
        author,
    )?;
    Ok(tx.query_row(
        "SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2",
        params![glossary, concept.id],
        |r| r.get(0),
    )?)
}

/// Replace the terms, fields and id of the concept in row `row` with `concept`'s.
pub fn save_concept(
    tx: &Transaction,
    row: ConceptRow,
    concept: &Concept,
    author: Option<&str>,
) -> Result<(), ConceptError> {
    let concept = checked(concept)?;
    let glossary: GlossaryId = tx
        .query_row(
            "SELECT glossary_id FROM concept WHERE id = ?1",
            [row],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(ConceptError::NoSuchConcept(row))?;
    if !concept.id.is_empty() {
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM concept WHERE glossary_id = ?1 AND external_id = ?2 AND id <> ?3",
                params![glossary, concept.id, row],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            return Err(ConceptError::DuplicateConceptId(concept.id));
        }
        tx.execute(
            "UPDATE concept SET external_id = ?2 WHERE id = ?1",
            params![row, concept.id],
        )?;
    }
    tx.execute("DELETE FROM term WHERE concept_id = ?1", [row])?;
    tx.execute("DELETE FROM concept_field WHERE concept_id = ?1", [row])?;
    super::glossary::write_content(tx, row, &concept)?;
    tx.execute(
        "UPDATE concept SET changed_at = ?2, changed_by = ?3 WHERE id = ?1",
        params![row, Timestamp::now().0, author],
    )?;
    Ok(())
}

/// Delete the concept in row `row` with its terms and fields.
pub fn delete_concept(tx: &Transaction, row: ConceptRow) -> Result<(), ConceptError> {
    if tx.execute("DELETE FROM concept WHERE id = ?1", [row])? == 0 {
        return Err(ConceptError::NoSuchConcept(row));
    }
    Ok(())
}

/// A concept an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedConcept {
    /// The concept's id in the file (its TBX id, its table row's id).
    pub concept: String,
    /// Why it was left out.
    pub reason: String,
}

/// What an import did, concept by concept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New concepts.
    pub added: usize,
    /// Known concepts that gained terms or fields, or were replaced.
    pub merged: usize,
    /// Known concepts left as they were.
    pub skipped: usize,
    /// Concepts not stored because they name nothing usable.
    pub rejected: Vec<RejectedConcept>,
}

/// Import `concepts` into glossary `glossary` by `policy`, leaving out (and reporting)
/// those without a usable term, calling `progress(done, total)` as it goes; a `Break`
/// from it stops the import with an error, so the caller's transaction is dropped.
pub fn import_reporting(
    tx: &Transaction,
    glossary: GlossaryId,
    concepts: &[Concept],
    policy: ConceptPolicy,
    author: Option<&str>,
    mut progress: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<ImportReport, ImportError> {
    const CHUNK: usize = 500;
    let mut report = ImportReport::default();
    let mut usable = Vec::with_capacity(concepts.len());
    for concept in concepts {
        match checked(concept) {
            Ok(c) => usable.push(c),
            Err(e) => report.rejected.push(RejectedConcept {
                concept: concept.id.clone(),
                reason: e.to_string(),
            }),
        }
    }
    let total = usable.len();
    for (i, chunk) in usable.chunks(CHUNK).enumerate() {
        if progress(i * CHUNK, total).is_break() {
            return Err(ImportError::Cancelled);
        }
        let done = import(tx, glossary, chunk, policy, author)?;
        report.added += done.added;
        report.merged += done.updated;
        report.skipped += done.skipped;
    }
    let _ = progress(total, total);
    Ok(report)
}

/// Why an import stopped; nothing was stored.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The key a suggestion is remembered under: its terms folded, in language order.
fn suggestion_key(terms: &[(LanguageTag, String)]) -> String {
    let mut parts: Vec<String> = terms
        .iter()
        .map(|(lang, text)| format!("{lang}={}", lang.fold(text.trim())))
        .collect();
    parts.sort();
    parts.join("\u{1f}")
}

/// Remember that the translator rejected the suggestion of `terms`, so it is not
/// proposed again.
pub fn reject_suggestion(
    tx: &Transaction,
    terms: &[(LanguageTag, String)],
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO rejected_suggestion (key, rejected_at) VALUES (?1, ?2)",
        params![suggestion_key(terms), Timestamp::now().0],
    )?;
    Ok(())
}

/// Term candidates from the memory's units in `langs` (two or three), best first: pairs
/// found together in at least `min_frequency` units, without those rejected before and
/// those whose terms a glossary already holds. At most `limit`.
pub fn memory_suggestions(
    conn: &Connection,
    langs: &[LanguageTag],
    min_frequency: usize,
    limit: usize,
) -> Result<Vec<Suggestion>, StoreError> {
    let filter = UnitFilter {
        langs: langs.to_vec(),
        ..UnitFilter::default()
    };
    let mut texts: Vec<Vec<Option<String>>> = Vec::new();
    units::for_each::<StoreError>(conn, &filter, |unit| {
        texts.push(
            langs
                .iter()
                .map(|l| unit.variant(l).map(|v| v.text.clone()))
                .collect(),
        );
        Ok(())
    })?;
    let borrowed: Vec<Vec<Option<&str>>> = texts
        .iter()
        .map(|u| u.iter().map(|t| t.as_deref()).collect())
        .collect();
    let rejected: HashSet<String> = conn
        .prepare("SELECT key FROM rejected_suggestion")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let known: HashSet<(String, String)> = conn
        .prepare("SELECT lang, folded FROM term")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let is_known = |s: &Suggestion| {
        s.terms
            .iter()
            .all(|(lang, text)| known.contains(&(lang.to_string(), lang.fold(text))))
    };
    Ok(suggest(&borrowed, langs, min_frequency)
        .into_iter()
        .filter(|s| !rejected.contains(&suggestion_key(&s.terms)) && !is_known(s))
        .take(limit)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{TermStatus, csv};
    use crate::store::{glossary, open_in_memory};
    use crate::tm::{TranslationUnit, UnitMetadata, Variant};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    fn concept(terms: &[(&str, &str)]) -> Concept {
        Concept {
            terms: terms.iter().map(|(l, t)| Term::new(lang(l), *t)).collect(),
            ..Concept::default()
        }
    }

    fn texts(page: &ConceptPage) -> Vec<String> {
        page.concepts
            .iter()
            .map(|c| c.concept.terms[0].text.clone())
            .collect()
    }

    fn find(conn: &Connection, text: &str) -> ConceptPage {
        let query = ConceptQuery {
            text: text.into(),
            limit: 10,
            ..ConceptQuery::default()
        };
        search(conn, &query).unwrap()
    }

    #[test]
    fn concepts_are_added_found_by_folded_forms_edited_and_deleted() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "Mine", 5).unwrap();
        let forum = add_concept(
            &tx,
            g,
            &concept(&[("en", "forum"), ("ru", "Форум|"), ("az", "İstanbul forumu")]),
            None,
        )
        .unwrap();
        add_concept(&tx, g, &concept(&[("en", "ёлка"), ("ru", "ёлка")]), None).unwrap();
        tx.commit().unwrap();
        assert_eq!(
            texts(&find(&conn, "ФОРУМ")),
            ["forum"],
            "Cyrillic case folded"
        );
        assert_eq!(
            texts(&find(&conn, "istanbul")),
            ["forum"],
            "Turkic İ folds to i"
        );
        assert_eq!(
            texts(&find(&conn, "елка")),
            ["ёлка"],
            "ё folds to е in Russian"
        );
        assert_eq!(find(&conn, "").total, 2);
        assert_eq!(find(&conn, "nothing").total, 0);

        let mut edited = concept(&[("en", "forum"), ("ru", "форум|")]);
        edited.terms[0].status = TermStatus::Deprecated;
        edited.terms[1].part_of_speech = Some("noun".into());
        let tx = conn.transaction().unwrap();
        save_concept(&tx, forum, &edited, Some("me")).unwrap();
        tx.commit().unwrap();
        let stored = super::concept(&conn, forum).unwrap().unwrap();
        assert_eq!(
            stored.concept.terms, edited.terms,
            "terms replaced as given"
        );
        assert_eq!(stored.concept.id, "forum", "id kept when none given");
        assert_eq!(
            find(&conn, "istanbul").total,
            0,
            "removed term no longer found"
        );
        let loaded = glossary::load(&conn, &[]).unwrap();
        assert_eq!(loaded[0].concept.terms[0].status, TermStatus::Deprecated);

        let tx = conn.transaction().unwrap();
        delete_concept(&tx, forum).unwrap();
        assert!(matches!(
            delete_concept(&tx, forum),
            Err(ConceptError::NoSuchConcept(_))
        ));
        tx.commit().unwrap();
        assert_eq!(texts(&find(&conn, "")), ["ёлка"]);
    }

    #[test]
    fn terms_written_before_migration_7_are_folded_by_it() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "Old", 0).unwrap();
        add_concept(&tx, g, &concept(&[("az", "İstanbul|")]), None).unwrap();
        // As a schema-6 database holds it: no folded form.
        tx.execute("UPDATE term SET folded = ''", []).unwrap();
        tx.commit().unwrap();
        assert_eq!(find(&conn, "istanbul").total, 0);
        let tx = conn.transaction().unwrap();
        fold_stored_terms(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(texts(&find(&conn, "istanbul")), ["İstanbul|"]);
    }

    #[test]
    fn bad_edits_change_nothing() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "Mine", 0).unwrap();
        let row = add_concept(&tx, g, &concept(&[("en", "forum")]), None).unwrap();
        assert!(matches!(
            create_glossary(&tx, " Mine ", 0),
            Err(ConceptError::GlossaryExists(_))
        ));
        assert!(matches!(
            save_concept(&tx, row, &concept(&[("en", "a"), ("en", "a ")]), None),
            Err(ConceptError::DuplicateTerm { .. })
        ));
        assert!(matches!(
            save_concept(&tx, row, &concept(&[("en", " | ")]), None),
            Err(ConceptError::EmptyTerm { position: 1 })
        ));
        assert!(matches!(
            save_concept(&tx, row, &Concept::default(), None),
            Err(ConceptError::NoTerms)
        ));
        assert_eq!(
            super::concept(&tx, row).unwrap().unwrap().concept.terms,
            concept(&[("en", "forum")]).terms
        );
    }

    #[test]
    fn search_pages_through_many_concepts() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "Big", 0).unwrap();
        let many: Vec<Concept> = (0..1200)
            .map(|i| Concept {
                id: format!("c{i}"),
                ..concept(&[("en", &format!("term {i}"))])
            })
            .collect();
        import(&tx, g, &many, ConceptPolicy::Merge, None).unwrap();
        tx.commit().unwrap();
        let page = search(
            &conn,
            &ConceptQuery {
                glossary: Some(g),
                text: "TERM 11".into(),
                offset: 5,
                limit: 3,
            },
        )
        .unwrap();
        assert_eq!(page.total, 111, "term 11, 110..119, 1100..1199");
        assert_eq!(texts(&page), ["term 114", "term 115", "term 116"]);
    }

    #[test]
    fn rejected_suggestions_never_come_back() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for (ru, en) in [
            (
                "Открылся межрегиональный форум.",
                "The inter-regional forum opened.",
            ),
            (
                "Межрегиональный форум закрылся.",
                "The inter-regional forum closed.",
            ),
            (
                "Делегации посетили форум.",
                "Delegations visited the forum.",
            ),
        ] {
            let unit = TranslationUnit {
                variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
                meta: UnitMetadata::new("test", Timestamp(1)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        tx.commit().unwrap();
        let langs = [lang("ru"), lang("en")];
        let first = memory_suggestions(&conn, &langs, 2, 50).unwrap();
        assert!(!first.is_empty(), "the memory holds candidates");
        let top = first[0].terms.clone();
        let tx = conn.transaction().unwrap();
        reject_suggestion(&tx, &top).unwrap();
        tx.commit().unwrap();
        let again = memory_suggestions(&conn, &langs, 2, 50).unwrap();
        assert!(
            again.iter().all(|s| s.terms != top),
            "rejected {top:?} came back"
        );
        assert_eq!(again.len(), first.len() - 1);

        let second = again[0].terms.clone();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "accepted", 0).unwrap();
        let terms: Vec<(&str, &str)> = second
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        add_concept(&tx, g, &concept(&terms), None).unwrap();
        tx.commit().unwrap();
        let after = memory_suggestions(&conn, &langs, 2, 50).unwrap();
        assert!(
            after.iter().all(|s| s.terms != second),
            "accepted terms are known"
        );
    }

    #[test]
    fn imports_are_all_or_nothing_and_report_rejected_concepts() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        let g = create_glossary(&tx, "Mine", 0).unwrap();
        add_concept(&tx, g, &concept(&[("en", "forum")]), None).unwrap();
        tx.commit().unwrap();
        let before = find(&conn, "");

        let broken = "id,en,ru\n1,forum,форум\n2,\"summit,саммит\n";
        assert!(
            csv::read(broken, b',', None).is_err(),
            "malformed file refused"
        );

        let mut file = csv::read(
            "id,en,ru\nforum,forum,форум\n3,talks,переговоры\n",
            b',',
            None,
        )
        .unwrap();
        file.insert(
            1,
            Concept {
                id: "2".into(),
                ..concept(&[("en", " ")])
            },
        );
        let tx = conn.transaction().unwrap();
        let mut calls = 0;
        let stopped = import_reporting(&tx, g, &file, ConceptPolicy::Merge, None, |_, _| {
            calls += 1;
            ControlFlow::Break(())
        });
        assert!(matches!(stopped, Err(ImportError::Cancelled)));
        drop(tx);
        assert_eq!(calls, 1);
        assert_eq!(
            find(&conn, ""),
            before,
            "a cancelled import changes nothing"
        );

        let tx = conn.transaction().unwrap();
        let report = import_reporting(&tx, g, &file, ConceptPolicy::Merge, None, |_, _| {
            ControlFlow::Continue(())
        })
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(report.added, 1);
        assert_eq!(report.merged, 1, "forum gained its Russian term");
        assert_eq!(
            report.rejected,
            [RejectedConcept {
                concept: "2".into(),
                reason: "term 1: the text is empty".into()
            }]
        );
    }
}
