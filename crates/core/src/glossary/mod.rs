//! The glossary: concepts with terms in several languages, as TBX models them.
//!
//! A [`Concept`] is one meaning ("inter-regional forum"); its [`Term`]s are the ways to say
//! it in each language, synonyms and abbreviations included ("ООН", "Организация
//! Объединенных Наций"). Terms are kept in dictionary form; recognising their inflected
//! forms in text is the job of [`crate::stem`].

pub mod concept_id;
pub mod csv;
pub mod file;
pub mod glossaries;
pub mod memory_terms;
pub mod omegat;
pub mod qa;
pub mod recognize;
pub mod suggest;
pub mod table;
pub mod tbx;
pub mod xlsx;

#[cfg(test)]
mod store_tests;

use crate::lang::LanguageTag;
pub use crate::store::term::{Concept, MatchMode, Term, TermStatus};
use crate::store::{Connection, StoreError};
pub use glossaries::{AddedTerms, Glossaries, GlossariesError, GlossarySource, GlossaryTarget};

/// The term pairs of `concepts` between the languages in `langs`, for the aligner's
/// lexicon: every usable term of one language with every usable term of another
/// (see [`TermStatus::usable`]).
pub fn term_pairs(concepts: &[Concept], langs: &[LanguageTag]) -> Vec<crate::align::TermPair> {
    let usable = |t: &&Term| t.status.usable();
    let mut pairs = Vec::new();
    for concept in concepts {
        for (i, a) in langs.iter().enumerate() {
            for b in &langs[i + 1..] {
                for s in concept.terms_in(a).filter(usable) {
                    for t in concept.terms_in(b).filter(usable) {
                        pairs.push(crate::align::TermPair {
                            source_lang: a.clone(),
                            source: s.plain(),
                            target_lang: b.clone(),
                            target: t.plain(),
                        });
                    }
                }
            }
        }
    }
    pairs
}

/// The term pairs between `langs` of every glossary in the database (see
/// [`term_pairs`]): what the aligners take as anchors.
pub fn stored_term_pairs(
    conn: &Connection,
    langs: &[LanguageTag],
) -> Result<Vec<crate::align::TermPair>, StoreError> {
    let concepts: Vec<Concept> = crate::store::glossary::load(conn, &[])?
        .into_iter()
        .map(|s| s.concept)
        .collect();
    Ok(term_pairs(&concepts, langs))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn term_pairs_join_usable_terms_across_languages() {
        let lang = |t: &str| LanguageTag::parse(t).unwrap();
        let mut banned = Term::new(lang("ru"), "межрегиональная встреча");
        banned.status = TermStatus::Forbidden;
        let concept = Concept {
            id: "1".into(),
            fields: BTreeMap::new(),
            terms: vec![
                Term::new(lang("en"), "inter-regional forum"),
                Term::new(lang("ru"), "межрегиональный форум"),
                banned,
                Term::new(lang("az"), "regionlararası forum|"),
            ],
        };
        let pairs = term_pairs(&[concept], &[lang("ru"), lang("en"), lang("az")]);
        let shown: Vec<String> = pairs
            .iter()
            .map(|p| {
                format!(
                    "{}:{}={}:{}",
                    p.source_lang, p.source, p.target_lang, p.target
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "ru:межрегиональный форум=en:inter-regional forum",
                "ru:межрегиональный форум=az:regionlararası forum",
                "en:inter-regional forum=az:regionlararası forum",
            ]
        );
    }
}
