//! Sentence segmentation with SRX 2.0 rules.
//!
//! A [`Segmenter`] cuts a text in two stages:
//!
//! 1. **Paragraphs.** A blank line (only whitespace between two line breaks) always ends
//!    a paragraph; no rule can join across it.
//! 2. **Rules.** Inside a paragraph, SRX rules decide every other boundary: the rules of
//!    every `languagemap` whose pattern matches the language, concatenated in map order
//!    when the header says `cascade="yes"` (only the first map's otherwise), and at each
//!    position the first rule whose `beforebreak` and `afterbreak` both match decides.
//!    Line breaks inside a paragraph are ordinary text to the rules; the built-in ones end
//!    a segment at a line break unless the next line continues the sentence in lower case,
//!    so headlines and list items without final punctuation stand on their own.
//!
//! Segments are byte spans into the text, trimmed of surrounding whitespace: the text is
//! never rewritten.
//!
//! The built-in rules live in `builtin.srx` (Russian, Azerbaijani in Latin and Cyrillic
//! script, English, and common rules every language gets); [`builtin_srx`] exports them
//! so a translator can adjust them in any SRX editor and load them back with
//! [`Segmenter::from_srx`].
//!
//! ```
//! use dragoman_core::{LanguageTag, segment::Segmenter};
//!
//! let ru = LanguageTag::parse("ru").unwrap();
//! let text = "В.В. Путин прибыл в г. Баку. Переговоры продлились 3,5 часа.";
//! let segments = Segmenter::builtin(&ru).split(text);
//! let sentences: Vec<_> = segments.iter().map(|s| s.text(text)).collect();
//! assert_eq!(sentences, ["В.В. Путин прибыл в г. Баку.", "Переговоры продлились 3,5 часа."]);
//! ```

mod lines;
mod pattern;
mod rules;
mod srx;

pub use lines::presegmented;

use crate::{document::Segment, lang::LanguageTag};
use rules::{NamedRule, RuleEngine};

/// The built-in rules, as data a translator can read and export.
const BUILTIN_SRX: &str = include_str!("builtin.srx");

/// Splits one language's texts into segments with SRX rules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: LanguageTag,
    engine: RuleEngine,
}

/// Why segmentation rules could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentError {
    /// The file is not well-formed XML.
    #[error("line {line}: malformed XML: {reason}")]
    MalformedXml {
        /// Line of the error (1-based).
        line: usize,
        /// What the XML parser found wrong.
        reason: String,
    },
    /// The document's root element is not `srx`.
    #[error("line {line}: not an SRX document (root element is <{found}>, expected <srx>)")]
    NotSrx {
        /// Line of the root element (1-based).
        line: usize,
        /// The root element found instead.
        found: String,
    },
    /// An SRX element is unknown or sits where SRX does not allow it.
    #[error("line {line}: unexpected <{element}> inside <{parent}>")]
    UnexpectedElement {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: String,
        /// The element it was found in.
        parent: String,
    },
    /// Text appears where SRX only allows elements.
    #[error("line {line}: unexpected text inside <{element}>")]
    UnexpectedText {
        /// Line of the text (1-based).
        line: usize,
        /// The element holding the text.
        element: String,
    },
    /// An element lacks an attribute SRX requires.
    #[error("line {line}: <{element}> has no {attribute} attribute")]
    MissingAttribute {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: String,
        /// The missing attribute.
        attribute: &'static str,
    },
    /// A yes/no attribute has another value.
    #[error("line {line}: <{element} {attribute}=\"{value}\">: expected yes or no")]
    InvalidAttribute {
        /// Line of the element (1-based).
        line: usize,
        /// The element's name.
        element: &'static str,
        /// The attribute's name.
        attribute: &'static str,
        /// The value found.
        value: String,
    },
    /// A `languagemap` names a `languagerule` the file does not define.
    #[error("line {line}: languagemap refers to languagerule {name:?}, which is not defined")]
    UnknownRuleSet {
        /// Line of the `languagemap` (1-based).
        line: usize,
        /// The rule set name it refers to.
        name: String,
    },
    /// A `languagemap`'s `languagepattern` is not a valid regex.
    #[error("line {line}: languagepattern {pattern:?} is not a valid regex: {reason}")]
    InvalidLanguagePattern {
        /// Line of the `languagemap` (1-based).
        line: usize,
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rule uses a Java/ICU regex construct with no equivalent here.
    #[error(
        "{rule}: {pattern:?} uses {construct}, which Dragoman cannot run; rewrite the rule without it"
    )]
    UnsupportedPattern {
        /// Which rule, e.g. `rule 3 of languagerule "English" (line 40), beforebreak`.
        rule: String,
        /// The pattern as written.
        pattern: String,
        /// The construct, e.g. "a look-behind (?<=…) or (?<!…)".
        construct: &'static str,
    },
    /// A rule's regex does not compile.
    #[error("{rule}: {pattern:?} is not a valid regex: {reason}")]
    InvalidPattern {
        /// Which rule, e.g. `rule 3 of languagerule "English" (line 40), afterbreak`.
        rule: String,
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No `languagemap` of the file matches the language.
    #[error("no languagemap matches language {lang}; add one (e.g. languagepattern=\".*\")")]
    NoRulesForLanguage {
        /// The language asked for.
        lang: String,
    },
}

impl Segmenter {
    /// The built-in rules for `lang`: Russian, Azerbaijani (Latin and Cyrillic) and
    /// English have their own abbreviation rules; every other language gets the common
    /// rules (sentence punctuation, quotes, initials, lines and lists).
    pub fn builtin(lang: &LanguageTag) -> Self {
        // The built-in file is a constant checked by this module's tests for every
        // language it maps, so failing here would be a bug in this crate, not bad input.
        Self::from_srx(BUILTIN_SRX, lang).expect("the built-in SRX rules are valid")
    }

    /// The rules an SRX 2.0 document gives `lang`: every `languagemap` whose
    /// `languagepattern` matches the whole tag (case-insensitively, as `az` or in its
    /// explicit-script form `az-Latn`) contributes its rules, in map order; with
    /// `cascade="no"` only the first matching map does.
    pub fn from_srx(srx: &str, lang: &LanguageTag) -> Result<Self, SegmentError> {
        let doc = srx::parse(srx)?;
        let forms = tag_forms(lang);
        let mut selected = Vec::new();
        let mut matched = false;
        for map in &doc.maps {
            let pattern = pattern::translate(&map.pattern).map_err(|construct| {
                SegmentError::InvalidLanguagePattern {
                    line: map.line,
                    pattern: map.pattern.clone(),
                    reason: format!("uses {construct}"),
                }
            })?;
            let re = regex::Regex::new(&format!("(?i)^(?:{pattern})$")).map_err(|e| {
                SegmentError::InvalidLanguagePattern {
                    line: map.line,
                    pattern: map.pattern.clone(),
                    reason: e.to_string(),
                }
            })?;
            if !forms.iter().any(|f| re.is_match(f)) {
                continue;
            }
            matched = true;
            let set = doc
                .rule_sets
                .iter()
                .find(|s| s.name == map.rule_set)
                .expect("srx::parse checks that every map names a defined rule set");
            selected.extend(set.rules.iter().enumerate().map(|(i, rule)| NamedRule {
                name: format!(
                    "rule {} of languagerule {:?} (line {})",
                    i + 1,
                    set.name,
                    rule.line
                ),
                rule,
            }));
            if !doc.cascade {
                break;
            }
        }
        if !matched {
            return Err(SegmentError::NoRulesForLanguage {
                lang: lang.to_string(),
            });
        }
        Ok(Self {
            lang: lang.clone(),
            engine: RuleEngine::compile(&selected)?,
        })
    }

    /// The language the rules are for.
    pub fn lang(&self) -> &LanguageTag {
        &self.lang
    }

    /// Cut `text` into segments, trimmed of surrounding whitespace, with paragraphs
    /// counted from zero (the same numbering as [`presegmented`]).
    pub fn split(&self, text: &str) -> Vec<Segment> {
        let mut segments: Vec<Segment> = Vec::new();
        let mut paragraph = 0;
        for (start, end) in paragraphs(text) {
            let para = &text[start..end];
            let first_in_paragraph = segments.len();
            let mut cut = 0;
            for b in self.engine.breaks(para).into_iter().chain([para.len()]) {
                if let Some((s, e)) = trimmed(para, cut, b) {
                    segments.push(Segment {
                        start: start + s,
                        end: start + e,
                        paragraph,
                    });
                }
                cut = b;
            }
            if segments.len() > first_in_paragraph {
                paragraph += 1;
            }
        }
        segments
    }
}

/// The spellings of `lang` a `languagepattern` may be written against: the normalised
/// tag, and for tags without a script the form with their usual script made explicit.
fn tag_forms(lang: &LanguageTag) -> Vec<String> {
    let tag = lang.as_str().to_string();
    if tag.contains('-') {
        return vec![tag];
    }
    let script = if lang.writes_cyrillic() {
        "Cyrl"
    } else {
        "Latn"
    };
    let explicit = format!("{tag}-{script}");
    vec![tag, explicit]
}

/// The paragraphs of `text` as byte ranges: maximal runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            current = Some((current.map_or(start, |(s, _)| s), offset));
        }
    }
    out.extend(current);
    out
}

/// The part of `text[from..to]` without surrounding whitespace, if anything is left.
fn trimmed(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let piece = &text[from..to];
    let body = piece.trim_start();
    let start = from + piece.len() - body.len();
    let body = body.trim_end();
    (!body.is_empty()).then_some((start, start + body.len()))
}

/// The built-in rules as an SRX 2.0 document, which [`Segmenter::from_srx`] reads back to
/// the same segmentation.
pub fn builtin_srx() -> String {
    let doc = srx::parse(BUILTIN_SRX).expect("the built-in SRX rules are valid");
    srx::write(&doc)
}
