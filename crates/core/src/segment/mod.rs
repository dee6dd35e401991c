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
//! 3. **Headlines** (built-in rules only, see [`Segmenter::with_headline_breaks`]). A
//!    title or subheading without final punctuation that runs into the next sentence on
//!    the same line ends where a capitalised common word follows a lower-case word. That
//!    takes evidence from the whole text (is the word written in lower case elsewhere, or
//!    capitalised mid-sentence like a name?), which SRX rules cannot express, so it is a
//!    separate step (`headline.rs`) that only adds boundaries to what the rules found.
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

mod builtin;
mod error;
mod headline;
mod lines;
mod pattern;
mod rules;
mod srx;

pub use builtin::builtin_srx;
pub use error::SegmentError;
pub use lines::presegmented;

use crate::limits::{Limit, Limits};
use crate::{document::Segment, lang::LanguageTag};
use headline::HeadlineRules;
use rules::{NamedRule, RuleEngine};

/// Splits one language's texts into segments with SRX rules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: LanguageTag,
    engine: RuleEngine,
    /// The headline step, when on and the language has word lists for it.
    headlines: Option<HeadlineRules>,
}
impl Segmenter {
    /// The rules an SRX 2.0 document gives `lang`: every `languagemap` whose
    /// `languagepattern` matches the whole tag (case-insensitively, as `az` or in its
    /// explicit-script form `az-Latn`) contributes its rules, in map order; with
    /// `cascade="no"` only the first matching map does (a header without `cascade` counts
    /// as cascading, as in the Java `segment` library most SRX tools build on). It is an
    /// error when no map matches, since segmenting nothing would look like success, and
    /// when more rules apply than [`Limit::SrxRules`] allows: every rule is tried at
    /// every possible break, so 20,000 rules took 96 s on a 122 KB text.
    pub fn from_srx(srx: &str, lang: &LanguageTag, limits: &Limits) -> Result<Self, SegmentError> {
        let doc = srx::parse(srx, limits)?;
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
        let max = limits.get(Limit::SrxRules);
        if let Some(beyond) = selected.get(usize::try_from(max).unwrap_or(usize::MAX)) {
            return Err(SegmentError::Limit {
                line: beyond.rule.line,
                exceeded: crate::limits::Exceeded {
                    limit: Limit::SrxRules,
                    max,
                },
            });
        }
        Ok(Self {
            lang: lang.clone(),
            engine: RuleEngine::compile(&selected)?,
            headlines: None,
        })
    }

    /// Turn the headline step on or off: whether a title or subheading without final
    /// punctuation that runs into the next sentence on one line ("…changing country's
    /// name Voters will vote…") ends before the sentence. It is on for
    /// [`Segmenter::builtin`] and off for [`Segmenter::from_srx`], so a user's rules
    /// segment exactly as written unless asked. It only adds boundaries, and only for
    /// Russian, Azerbaijani in Latin script and English; other languages are unchanged.
    pub fn with_headline_breaks(mut self, on: bool) -> Self {
        self.headlines = if on {
            HeadlineRules::for_language(&self.lang)
        } else {
            None
        };
        self
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
        let mut evidence = self.headlines.as_ref().map(|h| h.evidence(text));
        for (start, end) in paragraphs(text) {
            let para = &text[start..end];
            let first_in_paragraph = segments.len();
            let mut breaks = self.engine.breaks(para);
            if let (Some(rules), Some(evidence)) = (&self.headlines, &mut evidence) {
                breaks.extend(rules.breaks(para, evidence));
                breaks.sort_unstable();
                breaks.dedup();
            }
            let mut cut = 0;
            for b in breaks.into_iter().chain([para.len()]) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An OmegaT/Okapi-style user file: DOCTYPE with an external DTD (never fetched),
    /// a foreign-namespace header extension, Java-only regex spellings, SRX 1.0's
    /// `maprule` wrapper, and cascading maps.
    const USER_SRX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE srx PUBLIC "-//SRX//DTD SRX//EN" "http://www.lisa.org/srx20.dtd">
<srx xmlns="http://www.lisa.org/srx20" xmlns:okpsrx="http://okapi.sf.net/srx-extensions" version="2.0">
  <header segmentsubflows="yes" cascade="yes">
    <formathandle type="start" include="no"/>
    <okpsrx:options oneSegmentIncludesAll="no" trimLeadingWhitespaces="yes"/>
    <okpsrx:sample language="en">Mr. Smith left.</okpsrx:sample>
  </header>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <!-- Honorifics -->
        <rule break="no">
          <beforebreak>\b(?i:mr|mrs|ms)\.</beforebreak>
          <afterbreak>\s</afterbreak>
        </rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="no"><beforebreak>\Qe.g.\E</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes">
          <beforebreak>[\.\?!]+</beforebreak>
          <afterbreak>\s+\p{javaUpperCase}</afterbreak>
        </rule>
        <rule><beforebreak>\n</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <maprule maprulename="Default">
        <languagemap languagepattern="EN.*" languagerulename="English"/>
        <languagemap languagepattern=".*" languagerulename="Default"/>
      </maprule>
    </maprules>
  </body>
</srx>"#;

    #[test]
    fn imports_a_user_srx_file_with_cascading_maps() {
        let en = LanguageTag::parse("en-GB").unwrap();
        let text = "MR. Smith left, e.g. Early. Then he came back.\nNew line";
        let got: Vec<_> = Segmenter::from_srx(USER_SRX, &en, &Limits::default())
            .unwrap()
            .split(text)
            .iter()
            .map(|s| s.text(text))
            .collect();
        assert_eq!(
            got,
            [
                "MR. Smith left, e.g. Early.",
                "Then he came back.",
                "New line"
            ]
        );
        // Russian only gets the Default set: "Mr." breaks there.
        let ru = LanguageTag::parse("ru").unwrap();
        let segs = Segmenter::from_srx(USER_SRX, &ru, &Limits::default())
            .unwrap()
            .split("Mr. Smith ушёл.");
        assert_eq!(segs.len(), 2);
    }

    #[test]
    fn without_cascade_only_the_first_matching_map_applies() {
        let no_cascade = USER_SRX.replace(r#"cascade="yes""#, r#"cascade="no""#);
        let en = LanguageTag::parse("en").unwrap();
        let segs = Segmenter::from_srx(&no_cascade, &en, &Limits::default())
            .unwrap()
            .split("Mr. Smith left. Then.");
        assert_eq!(
            segs.len(),
            1,
            "only the English set applies, and it never breaks"
        );
    }

    fn srx_with_rule(before: &str) -> String {
        format!(
            "<srx version=\"2.0\"><header cascade=\"yes\"/><body><languagerules>\n\
             <languagerule languagerulename=\"Mine\">\n\
             <rule break=\"yes\"><beforebreak>{before}</beforebreak><afterbreak>\\s</afterbreak></rule>\n\
             </languagerule></languagerules><maprules>\n\
             <languagemap languagepattern=\".*\" languagerulename=\"Mine\"/></maprules></body></srx>"
        )
    }

    /// Issue 19, finding 5: an SRX file of 20,000 rules took 96 s to segment 122 KB
    /// (every rule is tried at every possible break). More rules for the language than
    /// the limit are refused, naming the first rule beyond it.
    #[test]
    fn more_rules_than_the_limit_are_refused() {
        let en = LanguageTag::parse("en").unwrap();
        let srx = srx::tests::with_rules(60);
        let limits = Limits::default().with(Limit::SrxRules, 50);
        let e = Segmenter::from_srx(&srx, &en, &limits).unwrap_err();
        assert!(
            matches!(&e, SegmentError::Limit { line: 53, exceeded } if exceeded.limit == Limit::SrxRules),
            "{e}"
        );
        assert!(e.to_string().contains("--max srx-rules=N"), "{e}");
        let limits = limits.with(Limit::SrxRules, 61);
        let text = "Abbr7. Smith left. Then he came back.";
        let segments = Segmenter::from_srx(&srx, &en, &limits).unwrap().split(text);
        assert_eq!(segments.len(), 2);
        let e = Segmenter::from_srx(&srx::tests::with_rules(20_000), &en, &Limits::default())
            .unwrap_err();
        assert!(matches!(e, SegmentError::Limit { .. }), "{e}");
    }

    fn import_error(srx: &str) -> SegmentError {
        Segmenter::from_srx(srx, &LanguageTag::parse("en").unwrap(), &Limits::default())
            .unwrap_err()
    }

    #[test]
    fn names_the_rule_with_an_unsupported_or_invalid_regex() {
        let e = import_error(&srx_with_rule(r"(?&lt;=Mr)\."));
        assert!(
            matches!(e, SegmentError::UnsupportedPattern { .. }),
            "{e:?}"
        );
        let msg = e.to_string();
        assert!(
            msg.contains(r#"rule 1 of languagerule "Mine" (line 3), beforebreak"#),
            "{msg}"
        );
        assert!(msg.contains("look-behind"), "{msg}");

        let e = import_error(&srx_with_rule(r"[a-"));
        assert!(matches!(e, SegmentError::InvalidPattern { .. }), "{e:?}");
        assert!(
            e.to_string().contains(r#"languagerule "Mine" (line 3)"#),
            "{e}"
        );

        let e = import_error(&srx_with_rule(r"\s++"));
        assert!(e.to_string().contains("possessive"), "{e}");
    }

    #[test]
    fn names_the_line_of_malformed_or_unknown_structure() {
        let e = import_error("<srx>\n<body>\n<languagerules>\n</body>\n</srx>");
        assert!(
            matches!(e, SegmentError::MalformedXml { line: 4, .. }),
            "{e:?}"
        );

        let e = import_error("<srx>\n<body>\n<rules/>\n</body>\n</srx>");
        assert!(
            matches!(&e, SegmentError::UnexpectedElement { line: 3, element, parent }
                if element == "rules" && parent == "body"),
            "{e:?}"
        );

        let e = import_error(&format!("{}\n{}", srx_with_rule("x"), srx_with_rule("y")));
        assert!(
            matches!(&e, SegmentError::MalformedXml { reason, .. }
                if reason == "<srx> after the end of the root element"),
            "{e:?}"
        );

        let e = import_error("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>");
        assert!(matches!(e, SegmentError::NotSrx { line: 2, .. }), "{e:?}");

        let e = import_error(&srx_with_rule("x").replace("break=\"yes\"", "break=\"maybe\""));
        assert!(
            matches!(e, SegmentError::InvalidAttribute { line: 3, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace(
            "languagerulename=\"Mine\"/>",
            "languagerulename=\"Other\"/>",
        ));
        assert!(
            matches!(&e, SegmentError::UnknownRuleSet { line: 5, name } if name == "Other"),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace(" languagerulename=\"Mine\">", ">"));
        assert!(
            matches!(e, SegmentError::MissingAttribute { line: 2, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("<rule ", "oops<rule "));
        assert!(
            matches!(e, SegmentError::UnexpectedText { line: 3, .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("\".*\"", "\"ru\""));
        assert!(
            matches!(e, SegmentError::NoRulesForLanguage { .. }),
            "{e:?}"
        );

        let e = import_error(&srx_with_rule("x").replace("\".*\"", "\"(ru\""));
        assert!(
            matches!(e, SegmentError::InvalidLanguagePattern { line: 5, .. }),
            "{e:?}"
        );
    }
}
