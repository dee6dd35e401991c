//! Sentence segmentation (placeholder interface; the SRX engine replaces this).

mod lines;

pub use lines::presegmented;

use crate::{document::Segment, lang::LanguageTag};

/// Splits a language's text into segments.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: LanguageTag,
}

impl Segmenter {
    /// The built-in rules for `lang`.
    pub fn builtin(lang: &LanguageTag) -> Self {
        Self { lang: lang.clone() }
    }

    /// The language the rules are for.
    pub fn lang(&self) -> &LanguageTag {
        &self.lang
    }

    /// Cut `text` into segments.
    pub fn split(&self, text: &str) -> Vec<Segment> {
        presegmented(text)
    }
}

/// Why segmentation rules could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentError {
    /// The SRX file is not usable.
    #[error("not a usable SRX file: {0}")]
    Srx(String),
}

impl Segmenter {
    /// Rules for `lang` from an SRX 2.0 document.
    pub fn from_srx(_srx: &str, _lang: &LanguageTag) -> Result<Self, SegmentError> {
        Err(SegmentError::Srx("SRX import is not built yet".into()))
    }
}

/// The built-in rules as an SRX 2.0 document.
pub fn builtin_srx() -> String {
    String::new()
}
