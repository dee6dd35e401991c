//! Term suggestions from the memory as the translator reviews them: the candidates of
//! [`suggest`] over the units, without those rejected before and those a glossary
//! already holds. Both shells (the Glossary view, `dragoman glossary suggest`) ask here,
//! so they list the same candidates.

use std::collections::HashSet;

use super::suggest::{Suggestion, suggest};
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::units::{self, UnitFilter};
use crate::store::{Connection, StoreError, Transaction, concepts};

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
    let rejected = concepts::rejected_suggestions(conn)?;
    let known: HashSet<(String, String)> = concepts::known_terms(conn)?;
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
    use crate::glossary::{Concept, Term};
    use crate::store::open_in_memory;
    use crate::store::units::{TranslationUnit, UnitMetadata, Variant};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
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
        let langs = [lang("ru"), lang("en")];
        let first = memory_suggestions(&conn, &langs, 2, 50).unwrap();
        assert!(!first.is_empty(), "the memory holds candidates");
        let top = first[0].terms.clone();
        let tx = conn.transaction().unwrap();
        reject(&tx, &top).unwrap();
        tx.commit().unwrap();
        let again = memory_suggestions(&conn, &langs, 2, 50).unwrap();
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
        let after = memory_suggestions(&conn, &langs, 2, 50).unwrap();
        assert!(
            after.iter().all(|s| s.terms != second),
            "accepted terms are known"
        );
    }
}
