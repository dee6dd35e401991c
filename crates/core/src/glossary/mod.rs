//! The glossary: concepts with terms in several languages, as TBX models them.
//!
//! A [`Concept`] is one meaning ("inter-regional forum"); its [`Term`]s are the ways to say
//! it in each language, synonyms and abbreviations included ("ООН", "Организация
//! Объединенных Наций"). Terms are kept in dictionary form; recognising their inflected
//! forms in text is the job of [`crate::stem`].

pub mod csv;
pub mod file;
pub mod qa;
pub mod recognize;
pub mod suggest;
pub mod table;
pub mod tbx;
pub mod xlsx;

use std::collections::BTreeMap;

use crate::lang::LanguageTag;

/// How a term may be used, from TBX's administrative status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermStatus {
    /// The term to use.
    #[default]
    Preferred,
    /// Acceptable, but not the first choice.
    Admitted,
    /// Outdated; replace it.
    Deprecated,
    /// Must not be used.
    Forbidden,
}

/// How a term's words are matched in text, as memoQ's per-term modes. Independently of
/// the mode, a `|` in the term marks the end of a word's fixed part (memoQ's custom
/// stems, "форум|" matches "форума", "форумы"); words of such a term without a `|` match
/// exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// Inflected forms of each word (Russian declensions, Azerbaijani suffixes, English
    /// plurals); all-capital abbreviations are matched as written.
    #[default]
    Automatic,
    /// The words as written, ignoring case.
    Exact,
    /// The words as written, case included.
    CaseSensitive,
    /// Any word beginning with the term's word, ignoring case.
    Prefix,
}

impl MatchMode {
    /// The mode's name as stored and typed: `automatic`, `exact`, `case-sensitive`, `prefix`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Exact => "exact",
            Self::CaseSensitive => "case-sensitive",
            Self::Prefix => "prefix",
        }
    }

    /// The mode a name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Self::Automatic,
            Self::Exact,
            Self::CaseSensitive,
            Self::Prefix,
        ]
        .into_iter()
        .find(|m| m.name() == name)
    }
}

/// One way of naming a concept in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term's language.
    pub lang: LanguageTag,
    /// The term in dictionary form, as written.
    pub text: String,
    /// How the term may be used.
    pub status: TermStatus,
    /// Part of speech (`noun`, `verb`, `adjective`, …), if given.
    pub part_of_speech: Option<String>,
    /// A note on usage, if given.
    pub note: Option<String>,
    /// How the term is found in text.
    pub match_mode: MatchMode,
}

impl Term {
    /// A preferred term with no further data.
    pub fn new(lang: LanguageTag, text: impl Into<String>) -> Self {
        Self {
            lang,
            text: text.into(),
            status: TermStatus::Preferred,
            part_of_speech: None,
            note: None,
            match_mode: MatchMode::Automatic,
        }
    }

    /// The term as a translator inserts it: without custom-stem `|` marks.
    pub fn plain(&self) -> String {
        self.text.replace('|', "")
    }
}

/// A meaning, with its terms in each language and descriptive fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Concept {
    /// The concept's identifier within its glossary.
    pub id: String,
    /// Descriptive fields such as `subject`, `definition` or `note`.
    pub fields: BTreeMap<String, String>,
    /// The terms, in the order given, preferred ones first within a language.
    pub terms: Vec<Term>,
}

/// The term pairs of `concepts` between the languages in `langs`, for the aligner's
/// lexicon: every usable term of one language with every usable term of another
/// (forbidden and deprecated terms are not evidence of a translation).
pub fn term_pairs(concepts: &[Concept], langs: &[LanguageTag]) -> Vec<crate::align::TermPair> {
    let usable = |t: &&Term| !matches!(t.status, TermStatus::Forbidden | TermStatus::Deprecated);
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

impl Concept {
    /// The terms in one language.
    pub fn terms_in<'a>(&'a self, lang: &'a LanguageTag) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms.iter().filter(move |t| &t.lang == lang)
    }
}

#[cfg(test)]
mod tests {
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
                Term::new(lang("az"), "regionlərarası forum|"),
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
                "ru:межрегиональный форум=az:regionlərarası forum",
                "en:inter-regional forum=az:regionlərarası forum",
            ]
        );
    }
}
