//! Term suggestions from the memory as the translator reviews them: the candidates of
//! [`suggest`] over the units, without those rejected before and those a glossary
//! already holds. Both shells (the Glossary view, `dragoman glossary suggest`) ask here,
//! so they list the same candidates.

use std::collections::HashSet;

use serde::Serialize;

use super::Concept;
use super::recognize::TermIndex;
use super::suggest::{Suggestion, suggest};
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::units::{self, UnitFilter};
use crate::store::{Connection, StoreError, Transaction, concepts, glossary};

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
pub fn reject(tx: &Transaction, terms: &[(LanguageTag, String)]) -> Result<(), StoreError> {
    concepts::reject_suggestion(tx, &suggestion_key(terms), Timestamp::now())
}

/// Which term candidates to look for in the memory.
#[derive(Debug, Clone)]
pub struct SuggestionQuery {
    /// The languages of the proposed terms, two or three, in the order shown.
    pub langs: Vec<LanguageTag>,
    /// Least number of units a candidate must occur in.
    pub min_frequency: usize,
    /// The most candidates to return.
    pub limit: usize,
    /// Only units of this origin (ending with `*` for a prefix), when given.
    pub origin: Option<String>,
}

/// A term candidate as the translator reviews it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryTerm {
    /// The dictionary form proposed for each language, in the query's order.
    pub terms: Vec<(LanguageTag, String)>,
    /// In how many units the terms occur together.
    pub frequency: usize,
    /// Strength of the association, the least pairwise Dice coefficient, in `[0, 1]`.
    pub dice: f64,
    /// Units that show the terms together (at most five): each language's text, in the
    /// query's order.
    pub examples: Vec<Vec<Option<String>>>,
}

/// Term candidates from the memory's units in `query.langs`, best first: terms found
/// together in at least `query.min_frequency` units, without those rejected before,
/// those whose terms a glossary already holds, and those with a term an enabled
/// glossary already recognises.
pub fn memory_suggestions(
    conn: &Connection,
    query: &SuggestionQuery,
) -> Result<Vec<MemoryTerm>, StoreError> {
    let langs = &query.langs;
    let filter = UnitFilter {
        langs: langs.clone(),
        origin: query.origin.clone(),
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
    Ok(new_terms(conn, &borrowed, langs, query.min_frequency)?
        .into_iter()
        .take(query.limit)
        .map(|s| MemoryTerm {
            examples: s.examples.iter().map(|&u| texts[u].clone()).collect(),
            terms: s.terms,
            frequency: s.frequency,
            dice: s.dice,
        })
        .collect())
}

/// [`suggest`]'s candidates over `units` (each unit's text per language of `langs`), best
/// first, without those the translator rejected before, those whose terms a glossary
/// holds already, and those with a term an enabled glossary already recognises in any
/// form ("США", "недели" of "неделя"): what is left is new to the glossaries. The
/// Glossary view's memory suggestions and the alignment editor's suggestion panel both
/// ask here.
pub fn new_terms(
    conn: &Connection,
    units: &[Vec<Option<&str>>],
    langs: &[LanguageTag],
    min_frequency: usize,
) -> Result<Vec<Suggestion>, StoreError> {
    let rejected = concepts::rejected_suggestions(conn)?;
    let known: HashSet<(String, String)> = concepts::known_terms(conn)?;
    let enabled: Vec<Concept> = glossary::load(conn, &[])?
        .into_iter()
        .map(|stored| stored.concept)
        .collect();
    let indexes: Vec<TermIndex> = langs
        .iter()
        .map(|lang| TermIndex::build(&enabled, lang))
        .collect();
    let recognised = |k: usize, text: &str| {
        indexes[k]
            .find(text)
            .iter()
            .any(|hit| hit.span.start == 0 && hit.span.end == text.len())
    };
    let is_known = |s: &Suggestion| {
        s.terms
            .iter()
            .all(|(lang, text)| known.contains(&(lang.to_string(), lang.fold(text))))
            || s.terms
                .iter()
                .enumerate()
                .any(|(k, (_, text))| recognised(k, text))
    };
    Ok(suggest(units, langs, min_frequency)
        .into_iter()
        .filter(|s| !rejected.contains(&suggestion_key(&s.terms)) && !is_known(s))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Concept, Term};
    use crate::store::open_in_memory;
    use crate::store::units::{TranslationUnit, UnitMetadata, Variant};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    /// Russian–English candidates in two units at least.
    fn ru_en() -> SuggestionQuery {
        SuggestionQuery {
            langs: vec![lang("ru"), lang("en")],
            min_frequency: 2,
            limit: 50,
            origin: None,
        }
    }

    fn concept(terms: &[(&str, &str)]) -> Concept {
        Concept {
            terms: terms.iter().map(|(l, t)| Term::new(lang(l), *t)).collect(),
            ..Concept::default()
        }
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
        let query = ru_en();
        let first = memory_suggestions(&conn, &query).unwrap();
        assert!(!first.is_empty(), "the memory holds candidates");
        let top = first[0].terms.clone();
        let tx = conn.transaction().unwrap();
        reject(&tx, &top).unwrap();
        tx.commit().unwrap();
        let again = memory_suggestions(&conn, &query).unwrap();
        assert!(
            again.iter().all(|s| s.terms != top),
            "rejected {top:?} came back"
        );
        assert_eq!(again.len(), first.len() - 1);

        let second = again[0].terms.clone();
        let tx = conn.transaction().unwrap();
        let g = concepts::create_glossary(&tx, "accepted", 0).unwrap();
        let terms: Vec<(&str, &str)> = second
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        concepts::add_concept(&tx, g, &concept(&terms), None).unwrap();
        tx.commit().unwrap();
        let after = memory_suggestions(&conn, &query).unwrap();
        assert!(
            after.iter().all(|s| s.terms != second),
            "accepted terms are known"
        );
    }

    #[test]
    fn a_term_a_glossary_recognises_in_any_form_is_not_suggested_whatever_its_pair() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for (ru, en) in [
            ("Делегации США прибыли.", "The U.S. delegations arrived."),
            ("Посол США выступил.", "The U.S. ambassador spoke."),
            ("Форум открылся в Баку.", "The forum opened in Baku."),
            ("Форум закрылся в Баку.", "The forum closed in Baku."),
        ] {
            let unit = TranslationUnit {
                variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("en"), en)],
                meta: UnitMetadata::new("test", Timestamp(1)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        let g = concepts::create_glossary(&tx, "countries", 0).unwrap();
        let us = concept(&[("ru", "США"), ("en", "United States")]);
        concepts::add_concept(&tx, g, &us, None).unwrap();
        tx.commit().unwrap();
        let query = ru_en();
        let found = memory_suggestions(&conn, &query).unwrap();
        let ru: Vec<&str> = found.iter().map(|s| s.terms[0].1.as_str()).collect();
        assert!(!ru.contains(&"США"), "{ru:?}");
        assert!(ru.iter().any(|t| t.starts_with("Баку")), "{ru:?}");
    }
}
