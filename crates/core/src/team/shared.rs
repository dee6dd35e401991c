//! A unit as the team's server holds it: its variants and the metadata the team shares
//! (not the translator's own use counts), as JSON, and the content hash under which
//! identical units approved by two translators become one; and a glossary concept as
//! the server holds it.
//!
//! The types are this module's own rather than the store's row types: what the server
//! holds is read by every client version of a team, and must not change shape when a
//! row type does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::StoreError;
use crate::store::glossary::{status_name, term_of_row};
use crate::store::team::ConceptMetadata;
use crate::store::term::Concept;
use crate::store::units::{TranslationUnit, UnitMetadata, Variant};

/// A unit's shared content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedUnit {
    /// One per language.
    pub variants: Vec<SharedVariant>,
    /// When the unit was created (Unix seconds).
    pub created_at: i64,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed.
    pub changed_at: i64,
    /// Who last changed it.
    pub changed_by: Option<String>,
    /// Where it came from.
    pub origin: String,
    /// The document it was aligned or translated in.
    pub document: Option<String>,
    /// The client.
    pub client: Option<String>,
    /// The subject domain.
    pub domain: Option<String>,
    /// The project.
    pub project: Option<String>,
    /// TMX notes of the unit.
    pub notes: Vec<String>,
    /// TMX props of the unit, `[type, value]`.
    pub props: Vec<(String, String)>,
}

/// A variant's shared content: everything the store keeps of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedVariant {
    /// The language tag.
    pub lang: LanguageTag,
    /// The text exactly as given.
    pub text: String,
    /// The TMX `seg` content with inline elements, when it had any.
    pub markup: Option<String>,
    /// The inline elements' names.
    pub tags: Vec<String>,
    /// The segment before it in its document.
    pub prev_segment: Option<String>,
    /// The segment after it.
    pub next_segment: Option<String>,
    /// TMX notes.
    pub notes: Vec<String>,
    /// TMX props.
    pub props: Vec<(String, String)>,
}

impl From<&TranslationUnit> for SharedUnit {
    fn from(u: &TranslationUnit) -> Self {
        let m = &u.meta;
        Self {
            variants: u.variants.iter().map(SharedVariant::from).collect(),
            created_at: m.created_at.0,
            created_by: m.created_by.clone(),
            changed_at: m.changed_at.0,
            changed_by: m.changed_by.clone(),
            origin: m.origin.clone(),
            document: m.document.clone(),
            client: m.client.clone(),
            domain: m.domain.clone(),
            project: m.project.clone(),
            notes: m.notes.clone(),
            props: m.props.clone(),
        }
    }
}

impl From<&Variant> for SharedVariant {
    fn from(v: &Variant) -> Self {
        Self {
            lang: v.lang.clone(),
            text: v.text.clone(),
            markup: v.markup.clone(),
            tags: v.tags.clone(),
            prev_segment: v.prev_segment.clone(),
            next_segment: v.next_segment.clone(),
            notes: v.notes.clone(),
            props: v.props.clone(),
        }
    }
}

impl From<&SharedVariant> for Variant {
    fn from(v: &SharedVariant) -> Self {
        Self {
            lang: v.lang.clone(),
            text: v.text.clone(),
            markup: v.markup.clone(),
            tags: v.tags.clone(),
            prev_segment: v.prev_segment.clone(),
            next_segment: v.next_segment.clone(),
            notes: v.notes.clone(),
            props: v.props.clone(),
        }
    }
}

impl SharedUnit {
    /// The unit as the store writes it; `use_count` and `last_used_at` are taken from
    /// `usage`, the local copy's, since they are the translator's own.
    pub fn to_unit(&self, usage: Option<&UnitMetadata>) -> TranslationUnit {
        TranslationUnit {
            variants: self.variants.iter().map(Variant::from).collect(),
            meta: self.metadata(usage),
        }
    }

    /// The unit's metadata, usage taken from `usage` (see [`Self::to_unit`]).
    pub fn metadata(&self, usage: Option<&UnitMetadata>) -> UnitMetadata {
        UnitMetadata {
            created_at: Timestamp(self.created_at),
            created_by: self.created_by.clone(),
            changed_at: Timestamp(self.changed_at),
            changed_by: self.changed_by.clone(),
            origin: self.origin.clone(),
            document: self.document.clone(),
            client: self.client.clone(),
            domain: self.domain.clone(),
            project: self.project.clone(),
            use_count: usage.map_or(0, |u| u.use_count),
            last_used_at: usage.and_then(|u| u.last_used_at),
            notes: self.notes.clone(),
            props: self.props.clone(),
        }
    }

    /// The content hash: SHA-256 of the variants' languages and texts, sorted. Two units
    /// with the same hash are the same unit to the team, as two units with the same
    /// languages and texts are to an import (`units::find_identical`).
    pub fn content_hash(&self) -> Vec<u8> {
        let mut pairs: Vec<(&str, &str)> = self
            .variants
            .iter()
            .map(|v| (v.lang.as_str(), v.text.as_str()))
            .collect();
        pairs.sort_unstable();
        let mut hash = Sha256::new();
        for (lang, text) in pairs {
            // Lengths first: ("ab", "c") and ("a", "bc") must not hash alike.
            for part in [lang, text] {
                hash.update((part.len() as u64).to_le_bytes());
                hash.update(part.as_bytes());
            }
        }
        hash.finalize().to_vec()
    }

    /// Fold `other`, a unit with the same languages and texts, into this one: the
    /// earlier creation, the later change, the first value of each field that one of
    /// them lacks, and every note and property of both, in order, once.
    pub fn merge(&mut self, other: &SharedUnit) {
        let mut meta = self.metadata(None);
        meta.take_in(&other.metadata(None));
        if other.changed_at > self.changed_at {
            meta.changed_at = Timestamp(other.changed_at);
            meta.changed_by.clone_from(&other.changed_by);
        }
        let UnitMetadata {
            created_at,
            created_by,
            changed_at,
            changed_by,
            document,
            client,
            domain,
            project,
            notes,
            props,
            ..
        } = meta;
        (self.created_at, self.created_by) = (created_at.0, created_by);
        (self.changed_at, self.changed_by) = (changed_at.0, changed_by);
        (self.document, self.client) = (document, client);
        (self.domain, self.project) = (domain, project);
        (self.notes, self.props) = (notes, props);
        for v in &mut self.variants {
            let Some(o) = other
                .variants
                .iter()
                .find(|o| o.lang == v.lang && o.text == v.text)
            else {
                continue;
            };
            if v.markup.is_none() {
                v.markup.clone_from(&o.markup);
            }
            union(&mut v.notes, &o.notes);
            union(&mut v.props, &o.props);
        }
    }
}

/// A glossary concept's shared content: everything the glossary keeps of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedConcept {
    /// The glossary's name (glossaries are named alike on every member's machine).
    pub glossary: String,
    /// The concept's id in its glossary.
    pub id: String,
    /// Descriptive fields (`definition`, `subject`, …).
    pub fields: BTreeMap<String, String>,
    /// The terms, in order.
    pub terms: Vec<SharedTerm>,
    /// When the concept was created (Unix seconds).
    pub created_at: i64,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed.
    pub changed_at: i64,
    /// Who last changed it.
    pub changed_by: Option<String>,
}

/// A term as the server holds it; status and match mode by their stored names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedTerm {
    /// The language tag.
    pub lang: LanguageTag,
    /// The term as written.
    pub text: String,
    /// `preferred`, `admitted`, `deprecated` or `forbidden`.
    pub status: String,
    /// Part of speech.
    pub part_of_speech: Option<String>,
    /// A note on usage.
    pub note: Option<String>,
    /// `automatic`, `exact`, `case-sensitive` or `prefix`.
    pub match_mode: String,
}

impl SharedConcept {
    /// `concept` of glossary `glossary`, created and changed as `meta` says.
    pub fn new(glossary: &str, concept: &Concept, meta: &ConceptMetadata) -> Self {
        Self {
            glossary: glossary.to_string(),
            id: concept.id.clone(),
            fields: concept.fields.clone(),
            terms: concept
                .terms
                .iter()
                .map(|t| SharedTerm {
                    lang: t.lang.clone(),
                    text: t.text.clone(),
                    status: status_name(t.status).to_string(),
                    part_of_speech: t.part_of_speech.clone(),
                    note: t.note.clone(),
                    match_mode: t.match_mode.name().to_string(),
                })
                .collect(),
            created_at: meta.created_at.0,
            created_by: meta.created_by.clone(),
            changed_at: meta.changed_at.0,
            changed_by: meta.changed_by.clone(),
        }
    }

    /// The concept as the glossary stores it.
    pub fn concept(&self) -> Result<Concept, StoreError> {
        Ok(Concept {
            id: self.id.clone(),
            fields: self.fields.clone(),
            terms: self
                .terms
                .iter()
                .map(|t| {
                    term_of_row(
                        t.lang.as_str(),
                        t.text.clone(),
                        &t.status,
                        t.part_of_speech.clone(),
                        t.note.clone(),
                        &t.match_mode,
                    )
                })
                .collect::<Result<_, _>>()?,
        })
    }

    /// Who created and changed it, when.
    pub fn metadata(&self) -> ConceptMetadata {
        ConceptMetadata {
            created_at: Timestamp(self.created_at),
            created_by: self.created_by.clone(),
            changed_at: Timestamp(self.changed_at),
            changed_by: self.changed_by.clone(),
        }
    }

    /// Fold `other`, the same concept (same glossary and id) written elsewhere, into
    /// this one as a glossary import merges: the terms and fields this one lacks are
    /// added, what it has is kept; the earlier creation, the later change.
    pub fn merge(&mut self, other: &SharedConcept) {
        for (name, value) in &other.fields {
            self.fields
                .entry(name.clone())
                .or_insert_with(|| value.clone());
        }
        for term in &other.terms {
            if !self
                .terms
                .iter()
                .any(|t| t.lang == term.lang && t.text == term.text)
            {
                self.terms.push(term.clone());
            }
        }
        if other.created_at < self.created_at {
            self.created_at = other.created_at;
            self.created_by.clone_from(&other.created_by);
        }
        if other.changed_at > self.changed_at {
            self.changed_at = other.changed_at;
            self.changed_by.clone_from(&other.changed_by);
        }
    }
}

/// Append to `mine` each item of `theirs` it does not hold.
fn union<T: PartialEq + Clone>(mine: &mut Vec<T>, theirs: &[T]) {
    for item in theirs {
        if !mine.contains(item) {
            mine.push(item.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(pairs: &[(&str, &str)], at: i64, by: &str) -> SharedUnit {
        let mut meta = UnitMetadata::new("translation", Timestamp(at));
        meta.created_by = Some(by.into());
        meta.changed_by = Some(by.into());
        let u = TranslationUnit {
            variants: pairs
                .iter()
                .map(|(l, t)| Variant::new(LanguageTag::parse(l).unwrap(), *t))
                .collect(),
            meta,
        };
        SharedUnit::from(&u)
    }

    #[test]
    fn the_hash_depends_on_languages_and_texts_not_their_order_or_metadata() {
        let a = unit(&[("ru", "Доброе утро."), ("en", "Good morning.")], 1, "a");
        let b = unit(&[("en", "Good morning."), ("ru", "Доброе утро.")], 9, "b");
        assert_eq!(a.content_hash(), b.content_hash());
        let c = unit(&[("ru", "Доброе утро!"), ("en", "Good morning.")], 1, "a");
        assert_ne!(a.content_hash(), c.content_hash());
        let split = unit(&[("ru", "ab"), ("en", "c")], 1, "a");
        let moved = unit(&[("ru", "a"), ("en", "bc")], 1, "a");
        assert_ne!(split.content_hash(), moved.content_hash());
    }

    #[test]
    fn merging_keeps_the_first_creation_the_last_change_and_every_note_once() {
        let mut a = unit(&[("ru", "Да."), ("en", "Yes.")], 100, "anna");
        a.notes = vec!["checked".into()];
        let mut b = unit(&[("ru", "Да."), ("en", "Yes.")], 50, "boris");
        b.changed_at = 200;
        b.notes = vec!["checked".into(), "from the summit".into()];
        b.client = Some("MFA".into());
        a.merge(&b);
        assert_eq!((a.created_at, a.created_by.as_deref()), (50, Some("boris")));
        assert_eq!(
            (a.changed_at, a.changed_by.as_deref()),
            (200, Some("boris"))
        );
        assert_eq!(a.notes, ["checked", "from the summit"]);
        assert_eq!(a.client.as_deref(), Some("MFA"));
        let once = a.clone();
        a.merge(&b);
        assert_eq!(a, once, "merging the same unit again changes nothing");
    }

    #[test]
    fn a_unit_round_trips_through_json() {
        let mut u = unit(
            &[("ru", "'; DROP TABLE unit; --"), ("en", "<b>x</b>")],
            5,
            "a",
        );
        u.variants[1].markup = Some("<bpt i=\"1\">&lt;b&gt;</bpt>x".into());
        u.props = vec![("x-client".into(), "MFA".into())];
        let json = serde_json::to_value(&u).unwrap();
        let back: SharedUnit = serde_json::from_value(json).unwrap();
        assert_eq!(back, u);
    }
}
