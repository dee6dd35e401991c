//! # dragoman-core
//!
//! Everything Dragoman knows about translation, free of any user interface: the desktop
//! shell (`src-tauri`) and the `dragoman` command are thin layers over this crate.
//!
//! ## The model
//!
//! A translator brings the same text in two or three languages. Each version is a
//! [`Document`]: its text exactly as written, in one [`LanguageTag`], cut into
//! **paragraphs** (a blank line always ends one) and each paragraph into **segments**
//! (sentences, or headlines and list items that end without punctuation). A
//! [`Segment`] is a byte span into the document's text, so nothing the translator wrote is
//! ever rewritten: normalised forms used for matching are computed on the side.
//!
//! ```text
//! Document ─┬─ Paragraph ─┬─ Segment  "Президент И. Алиев прибыл в Баку."
//!           │             └─ Segment  "Переговоры продлились 3 часа."
//!           └─ Paragraph ─── Segment  …
//! ```
//!
//! Aligning the versions yields an [`Alignment`]: an ordered list of [`Bead`]s. A bead holds,
//! for every document, a run of zero or more consecutive segments that translate each
//! other (1-1, 2-1, 1-0 … beads), and a confidence in `[0, 1]` so an editor can flag the
//! doubtful ones. With three documents a bead is one decision for all three, so the
//! ru↔en, az↔en and ru↔az pairs it implies are always consistent.
//!
//! ## Layers
//!
//! ```text
//!   shells:   dragoman (crates/cli)      dragoman-app (src-tauri)
//!                      \                    /
//!   façades:  tm::Memory  glossary::Glossaries  editor::AlignmentProject
//!             translate::TranslationJob
//!   areas:    segment  align  tm  glossary  editor  translate  formats  source  stem  team
//!   store:    SQL, migrations, row types, units::Writer
//!   leaves:   Timestamp  LanguageTag  MatchScore  normal  words  text  author  limits
//! ```
//!
//! Each layer calls only those below it. The [`store`] is the ground floor: it owns
//! every SQL statement and the plain row types (units, concepts, beads, job segments),
//! and imports none of the domain areas, which re-export its row types as their
//! vocabulary. Units are written only through [`store::units::Writer`], which keeps the
//! memory's indexes in step. Both shells do the same jobs through the same façades, so
//! a file imported by a script and one imported in the app are stored alike.
//!
//! ## Areas
//!
//! - [`author`]: who is working, the name recorded with units and concepts.
//! - [`time`], [`match_score`], [`normal`], [`words`]: value types and text forms every
//!   layer shares.
//! - [`lang`]: language tags, their normalisation, and identifying ru/az/en text.
//! - [`source`]: reading TXT, DOCX and HTML documents as plain text with their paragraphs.
//! - [`inline`]: inline codes (formatting, markup) as markers in a segment's text, and
//!   placing them in a translation.
//! - [`text`]: decoding files (UTF-8 and UTF-16 with BOM) and rejecting what is not text.
//! - [`limits`]: how much of a file any reader takes (sizes, depth, attributes, segment
//!   length, rules) before refusing it; ZIP-based files are opened within them by a
//!   private `package` module.
//! - [`segment`]: SRX 2.0 rule-based sentence segmentation with built-in rules for
//!   Russian, Azerbaijani and English, and SRX import/export.
//! - [`align`]: the two- and three-way sentence aligner.
//! - [`editor`]: the alignment editor's operations, undo history, realigning between
//!   confirmed beads, saving in the store, approving into the memory and export.
//! - [`tm`]: the translation memory: matching (exact, context, fuzzy through a
//!   candidate index), concordance, exchange, upkeep, and the [`tm::Memory`] façade.
//! - [`translate`]: translating a new document against the memory: jobs saved per
//!   segment, matches, confirming into the memory with context, pre-translation.
//! - [`glossary`]: concepts and their terms in each language; recognition in inflected
//!   forms, QA, term suggestions; CSV, XLSX and TBX; the [`glossary::Glossaries`] façade.
//! - [`stem`]: reducing Russian, English and Azerbaijani word forms to comparison keys.
//! - [`store`]: the SQLite database, its migrations, its row types and all its SQL.
//! - [`formats`]: alignments as TSV and TMX 1.4b; TMX import and export.
//! - [`team`]: a memory shared by a team through PostgreSQL: the server schema, push
//!   and pull of the outbox the store's triggers fill.
//!
//! Each area has its own error enum; no area reaches into another's internals.
#![deny(missing_docs)]

pub mod align;
pub mod author;
pub mod document;
pub mod editor;
pub mod formats;
pub mod glossary;
pub mod inline;
pub mod lang;
pub mod limits;
pub mod match_score;
pub mod normal;
mod package;
pub mod segment;
pub mod source;
pub mod stem;
pub mod store;
pub mod team;
pub mod text;
pub mod time;
pub mod tm;
pub mod translate;
pub mod words;

pub use document::{Alignment, Bead, Document, Segment};
pub use lang::LanguageTag;
pub use match_score::MatchScore;
pub use time::Timestamp;
