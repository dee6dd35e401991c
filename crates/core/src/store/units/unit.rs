//! The memory's row types: a unit with its variants and metadata, as the store reads and
//! writes them. They are plain data; matching and exchange live in the `tm` area.

use serde::Serialize;

use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::text::forbidden_xml_char;

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
    /// The first character of this variant that no memory can hold, with the field it is
    /// in and its 1-based character position there: memories are exported as TMX and
    /// XLIFF, which cannot carry it (see [`forbidden_xml_char`]).
    pub fn unstorable(&self) -> Option<Unstorable> {
        let fields = std::iter::once(("text", self.text.as_str()))
            .chain(self.markup.iter().map(|m| ("markup", m.as_str())))
            .chain(self.notes.iter().map(|n| ("note", n.as_str())))
            .chain(self.props.iter().map(|(_, v)| ("property", v.as_str())))
            .chain(self.prev_segment.iter().map(|c| ("context", c.as_str())))
            .chain(self.next_segment.iter().map(|c| ("context", c.as_str())));
        fields
            .into_iter()
            .find_map(|(field, text)| Unstorable::find(&self.lang, field, text))
    }

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

    /// Take in what `other`, metadata of the same unit from elsewhere, adds: the notes
    /// and props this lacks (in order, each once), the earlier creation, and the
    /// details (document, client, domain, project) this leaves empty. The change date
    /// and the use counts are the caller's: an import, a merge of duplicates and the
    /// team's server each decide them their own way.
    pub fn take_in(&mut self, other: &UnitMetadata) {
        for note in &other.notes {
            if !self.notes.contains(note) {
                self.notes.push(note.clone());
            }
        }
        for prop in &other.props {
            if !self.props.contains(prop) {
                self.props.push(prop.clone());
            }
        }
        if other.created_at < self.created_at {
            self.created_at = other.created_at;
            self.created_by.clone_from(&other.created_by);
        }
        for (field, value) in [
            (&mut self.document, &other.document),
            (&mut self.client, &other.client),
            (&mut self.domain, &other.domain),
            (&mut self.project, &other.project),
        ] {
            if field.is_none() {
                field.clone_from(value);
            }
        }
    }
}

/// Where a variant holds a character XML 1.0 cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstorable {
    /// The variant's language.
    pub lang: String,
    /// `text`, `markup`, `note`, `property` or `context`.
    pub field: &'static str,
    /// 1-based position of the character in that field.
    pub position: usize,
    /// The character's code point.
    pub code: u32,
}

impl Unstorable {
    /// The first character of `text`, a segment in `lang`, that no memory can hold: for
    /// the places that take a segment before it reaches the store (an alignment's
    /// segment edits, a translation's drafts), so it is refused where it is typed.
    pub fn in_text(lang: &LanguageTag, text: &str) -> Option<Self> {
        Self::find(lang, "text", text)
    }

    fn find(lang: &LanguageTag, field: &'static str, text: &str) -> Option<Self> {
        let (at, c) = forbidden_xml_char(text)?;
        Some(Self {
            lang: lang.to_string(),
            field,
            position: text[..at].chars().count() + 1,
            code: c as u32,
        })
    }
}
