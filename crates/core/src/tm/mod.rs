//! The translation memory: what translators have translated before, and how it is found
//! again.
//!
//! A [`TranslationUnit`] is one segment in two or more languages: a [`Variant`] per
//! language, each with its text exactly as given, plus [`UnitMetadata`] (who, when,
//! where it came from, how often it was used). Units live in the store
//! ([`crate::store::units`]); every variant can serve as the source of a lookup, so a
//! trilingual unit answers ru→en, en→az, az→ru … alike.
//!
//! Matching never compares the stored text itself but [`normal::Normalized`] forms,
//! computed on the side: NFC, whitespace collapsed, inline tags left out, words folded for
//! their language. [`score`] defines the score (exact, context, nearly exact, fuzzy) and
//! the word diff shown to the translator; [`lookup`](mod@lookup) finds the best matches through the
//! candidate index so no lookup reads the whole memory; [`concordance`] finds words and
//! phrases with their byte offsets.

pub mod beads;
pub mod concordance;
pub mod exchange;
pub mod lookup;
pub mod maintenance;
pub mod normal;
pub mod score;
pub mod time;

use serde::Serialize;

use crate::lang::LanguageTag;
pub use lookup::{Lookup, Match, Query, lookup};
pub use score::{MatchScore, WordChange};
pub use time::Timestamp;

/// A unit's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct UnitId(pub i64);

/// Where units come from, as the `origin` field spells it.
pub mod origin {
    /// Pairs confirmed in the aligner.
    pub const ALIGNMENT: &str = "alignment";
    /// Segments translated in Dragoman.
    pub const TRANSLATION: &str = "translation";

    /// Units read from the file `name`.
    pub fn import(name: &str) -> String {
        format!("import:{name}")
    }
}

/// One segment in two or more languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationUnit {
    /// One variant per language, in the order they were given.
    pub variants: Vec<Variant>,
    /// Who made the unit, when, and from what.
    pub meta: UnitMetadata,
}

impl TranslationUnit {
    /// The variant in `lang`, if the unit has one.
    pub fn variant(&self, lang: &LanguageTag) -> Option<&Variant> {
        self.variants.iter().find(|v| &v.lang == lang)
    }
}

/// A unit's segment in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The language (normalised tag).
    pub lang: LanguageTag,
    /// The text exactly as given, with inline codes left out.
    pub text: String,
    /// The TMX `seg` content with its inline elements (`bpt`, `ept`, `ph`, `it`, `hi`,
    /// `ut`, `sub`), when it had any: written back on export.
    pub markup: Option<String>,
    /// The names of the inline elements, in order: two segments whose tags differ are
    /// not an exact match.
    pub tags: Vec<String>,
    /// The segment before this one in its document, for context matches.
    pub prev_segment: Option<String>,
    /// The segment after this one in its document, for context matches.
    pub next_segment: Option<String>,
    /// TMX `note`s of the variant.
    pub notes: Vec<String>,
    /// TMX `prop`s of the variant, as `(type, value)`.
    pub props: Vec<(String, String)>,
}

impl Variant {
    /// A plain variant: text only, no tags, context or notes.
    pub fn new(lang: LanguageTag, text: impl Into<String>) -> Self {
        Self {
            lang,
            text: text.into(),
            markup: None,
            tags: Vec::new(),
            prev_segment: None,
            next_segment: None,
            notes: Vec::new(),
            props: Vec::new(),
        }
    }
}

/// Who made a unit, when, from what, and how it has been used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitMetadata {
    /// When the unit was created.
    pub created_at: Timestamp,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed.
    pub changed_at: Timestamp,
    /// Who last changed it.
    pub changed_by: Option<String>,
    /// Where it came from: [`origin::ALIGNMENT`], [`origin::TRANSLATION`],
    /// [`origin::import`]`(file)`, or another tool's word.
    pub origin: String,
    /// The document it was aligned or translated in.
    pub document: Option<String>,
    /// The client it was translated for.
    pub client: Option<String>,
    /// Its subject domain.
    pub domain: Option<String>,
    /// The project it belongs to.
    pub project: Option<String>,
    /// How many times a translator used it.
    pub use_count: u32,
    /// When it was last used.
    pub last_used_at: Option<Timestamp>,
    /// TMX `note`s of the unit.
    pub notes: Vec<String>,
    /// TMX `prop`s of the unit Dragoman has no field for, as `(type, value)`.
    pub props: Vec<(String, String)>,
}

impl UnitMetadata {
    /// Metadata for a unit made now from `origin`.
    pub fn new(origin: impl Into<String>, at: Timestamp) -> Self {
        Self {
            created_at: at,
            created_by: None,
            changed_at: at,
            changed_by: None,
            origin: origin.into(),
            document: None,
            client: None,
            domain: None,
            project: None,
            use_count: 0,
            last_used_at: None,
            notes: Vec::new(),
            props: Vec::new(),
        }
    }
}
