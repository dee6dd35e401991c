//! What can be wrong with segmentation rules, each error naming where.

/// Why segmentation rules could not be read.
#[derive(Debug, thiserror::Error)]
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
    /// The rules go beyond one of the [`Limits`](crate::limits::Limits): elements nested
    /// too deep, or more rules for the language than segmenting can afford (each rule is
    /// tried at every possible break, so the work grows with text × rules).
    #[error("line {line}: {exceeded}")]
    Limit {
        /// Line of the element, or of the first rule beyond the limit (1-based).
        line: usize,
        /// The limit.
        exceeded: crate::limits::Exceeded,
    },
    /// No `languagemap` of the file matches the language.
    #[error("no languagemap matches language {lang}; add one (e.g. languagepattern=\".*\")")]
    NoRulesForLanguage {
        /// The language asked for.
        lang: String,
    },
}
