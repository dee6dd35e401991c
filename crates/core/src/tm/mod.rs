//! The translation memory: what translators have translated before, and how it is found
//! again.
//!
//! A [`TranslationUnit`] is one segment in two or more languages: a [`Variant`] per
//! language, each with its text exactly as given, plus [`UnitMetadata`] (who, when,
//! where it came from, how often it was used). These are the store's row types
//! ([`crate::store::units`]), named here as the memory's vocabulary. Every variant can
//! serve as the source of a lookup, so a trilingual unit answers ru→en, en→az, az→ru …
//! alike.
//!
//! Matching never compares the stored text itself but
//! [`Normalized`](crate::normal::Normalized) forms, computed on the side: NFC,
//! whitespace collapsed, inline tags left out, words folded for their language.
//! [`score`] defines the score (exact, context, nearly exact, fuzzy) and the word diff
//! shown to the translator; [`lookup`](mod@lookup) finds the best matches through the
//! candidate index so no lookup reads the whole memory; [`concordance`] finds words and
//! phrases with their byte offsets. [`Memory`] is what both shells call: import any
//! memory file, export, look up, browse, edit, merge, count.

pub mod beads;
pub mod concordance;
pub mod exchange;
pub mod fragments;
pub mod lookup;
pub mod maintenance;
pub mod memory;
pub mod score;

pub use lookup::{Lookup, Match, MatchKind, Query, lookup};
pub use memory::{ImportOptions, Memory, MemoryFormat};
pub use score::{MatchScore, WordChange};

pub use crate::store::units::{TranslationUnit, UnitId, UnitMetadata, Variant, origin};
