//! The forms a unit's variants are indexed by, computed before it is stored.

use super::{TranslationUnit, Variant};
use crate::normal::{Normalized, exact_form};
use crate::store::fuzzy_index::{NewToken, Vocabulary};

/// What a unit's variants are indexed by, in the unit's order: each variant's words and
/// exact form, its text folded for the concordance, and the exact forms of its
/// neighbouring segments.
///
/// Computing these (and the words' token ids) is about a third of storing a unit; a TMX
/// import computes them on its parser thread ([`UnitForms::with_ids`]) so that the
/// thread writing the database only writes.
#[derive(Debug)]
pub struct UnitForms {
    pub(super) variants: Vec<VariantForms>,
    /// Words of these variants the vocabulary had not seen (see [`UnitForms::with_ids`]).
    new_tokens: Vec<NewToken>,
}

#[derive(Debug)]
pub(super) struct VariantForms {
    pub(super) exact: String,
    pub(super) words: Words,
    pub(super) folded: String,
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
}

/// A variant's words as the fuzzy index takes them.
#[derive(Debug)]
pub(super) enum Words {
    /// Their token ids, from a [`Vocabulary`]: the words themselves, a few small
    /// strings each, are freed on the thread that made them.
    Ids(Vec<i64>),
    /// The words, whose ids storing looks up.
    Normalized(Normalized),
}

impl VariantForms {
    pub(super) fn of(v: &Variant) -> Self {
        let mut words = Normalized::new(&v.lang, &v.text);
        Self {
            exact: std::mem::take(&mut words.exact),
            words: Words::Normalized(words),
            folded: v.lang.fold(&v.text),
            prev: v.prev_segment.as_deref().map(exact_form),
            next: v.next_segment.as_deref().map(exact_form),
        }
    }
}

impl UnitForms {
    /// The forms of `unit`'s variants; storing it looks up its words' token ids.
    pub fn of(unit: &TranslationUnit) -> Self {
        Self {
            variants: unit.variants.iter().map(VariantForms::of).collect(),
            new_tokens: Vec::new(),
        }
    }

    /// The forms of `unit`'s variants with their words' token ids from `vocabulary`.
    /// Its [`new_tokens`](Self::new_tokens) must be stored before it is
    /// ([`Writer::add_tokens`](super::Writer::add_tokens)).
    pub fn with_ids(unit: &TranslationUnit, vocabulary: &mut Vocabulary) -> Self {
        let mut new_tokens = Vec::new();
        let variants = unit
            .variants
            .iter()
            .map(|v| {
                let mut forms = VariantForms::of(v);
                if let Words::Normalized(words) = &forms.words {
                    forms.words = Words::Ids(vocabulary.ids(&v.lang, words, &mut new_tokens));
                }
                forms
            })
            .collect();
        Self {
            variants,
            new_tokens,
        }
    }

    /// The tokens [`with_ids`](Self::with_ids) created for this unit.
    pub fn new_tokens(&self) -> &[NewToken] {
        &self.new_tokens
    }
}
