//! The glossary: concepts with terms in several languages, as TBX models them.
//!
//! A [`Concept`] is one meaning ("inter-regional forum"); its [`Term`]s are the ways to say
//! it in each language, synonyms and abbreviations included ("ООН", "Организация
//! Объединенных Наций"). Terms are kept in dictionary form; recognising their inflected
//! forms in text is the job of [`crate::stem`].

pub mod csv;
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
        }
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

impl Concept {
    /// The terms in one language.
    pub fn terms_in<'a>(&'a self, lang: &'a LanguageTag) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms.iter().filter(move |t| &t.lang == lang)
    }
}
