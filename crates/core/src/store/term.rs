//! The glossary's row types: a concept with its terms in each language. They are plain
//! data; recognition, suggestions and file formats live in the `glossary` area.

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
    /// Discouraged: TBX's `deprecatedTerm-admn-sts`; use another term.
    Deprecated,
    /// Replaced by a newer term: TBX's `supersededTerm-admn-sts`.
    Superseded,
    /// Must not be used.
    Forbidden,
}

impl TermStatus {
    /// Whether a translation may use the term: preferred and admitted terms may;
    /// deprecated, superseded and forbidden ones are not evidence of a translation.
    pub fn usable(self) -> bool {
        matches!(self, Self::Preferred | Self::Admitted)
    }
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

impl Concept {
    /// The terms in one language.
    pub fn terms_in<'a>(&'a self, lang: &'a LanguageTag) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms.iter().filter(move |t| &t.lang == lang)
    }
}
