//! Reading and writing SRX 2.0 documents (LISA/GALA Segmentation Rules eXchange).
//!
//! Only the structure is handled here; the regexes stay text until
//! [`rules`](super::rules) compiles the ones a language needs, so a bad rule for a
//! language nobody segments does not stop the others from loading. SRX 1.0's
//! `maprule` wrapper inside `maprules` is accepted too, because older Trados exports still
//! carry it. Elements in other namespaces (Okapi's `okpsrx:options`, for instance) are
//! skipped. No DTD or other external resource is ever fetched. A document nested
//! deeper, or with more attributes on an element, than the [`Limits`] allow is refused.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::SegmentError;
use crate::limits::{Limits, XmlFault, XmlLimits};
use crate::text::LineCounter;

/// The namespace of SRX 2.0 documents.
const SRX_NAMESPACE: &str = "http://www.lisa.org/srx20";

/// A parsed SRX document.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Srx {
    /// Whether every matching language map contributes its rules (`yes`) or only the
    /// first (`no`).
    pub cascade: bool,
    /// The named rule sets, in document order.
    pub rule_sets: Vec<RuleSet>,
    /// Which rule sets apply to which languages, in the order they are tried.
    pub maps: Vec<LanguageMap>,
}

/// One `languagerule`: a named, ordered list of rules.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RuleSet {
    pub name: String,
    pub rules: Vec<SrxRule>,
}

/// One `rule`: break or not where `before` matches up to a position and `after` from it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SrxRule {
    pub breaks: bool,
    pub before: String,
    pub after: String,
    /// Line of the `rule` element, for error messages.
    pub line: usize,
}

/// One `languagemap`: a regex on language tags and the rule set it selects.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LanguageMap {
    pub pattern: String,
    pub rule_set: String,
    pub line: usize,
}

/// Which element may contain which: `None` is the document itself.
fn allowed_parent(element: &str) -> Option<&'static [Option<&'static str>]> {
    Some(match element {
        "srx" => &[None],
        "header" | "body" => &[Some("srx")],
        "formathandle" => &[Some("header")],
        "languagerules" | "maprules" => &[Some("body")],
        "languagerule" => &[Some("languagerules")],
        "rule" => &[Some("languagerule")],
        "beforebreak" | "afterbreak" => &[Some("rule")],
        "maprule" => &[Some("maprules")],
        "languagemap" => &[Some("maprules"), Some("maprule")],
        _ => return None,
    })
}

/// Parse an SRX document's structure within `limits`.
pub(super) fn parse(xml: &str, limits: &Limits) -> Result<Srx, SegmentError> {
    parse_with(xml, &mut XmlLimits::new(limits))
}

/// [`parse`], checking elements with `checks`.
fn parse_with(xml: &str, checks: &mut XmlLimits) -> Result<Srx, SegmentError> {
    let mut reader = NsReader::from_str(xml);
    // Whitespace inside beforebreak/afterbreak is part of the regex.
    reader.config_mut().trim_text(false);
    let mut lines = LineCounter::new(xml);
    let mut srx = Srx {
        cascade: true,
        rule_sets: Vec::new(),
        maps: Vec::new(),
    };
    let mut stack: Vec<String> = Vec::new();
    // Depth inside an element of a foreign namespace, whose content is skipped.
    let mut foreign = 0usize;
    let mut rule: Option<SrxRule> = None;
    let mut saw_root = false;
    loop {
        let start_pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| SegmentError::MalformedXml {
                line: lines.at(reader.error_position()),
                reason: e.to_string(),
            })?;
        // Text is never trimmed, so an element's event starts at its `<`.
        let line = lines.at(start_pos);
        checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => SegmentError::Limit { line, exceeded },
            XmlFault::Malformed(reason) => SegmentError::MalformedXml { line, reason },
        })?;
        let checks = &*checks;
        let empty = matches!(event, Event::Empty(_));
        let foreign_element = match &event {
            Event::Start(e) | Event::Empty(e) => is_foreign(reader.resolve_element(e.name()).0),
            _ => false,
        };
        match event {
            Event::Start(_) if foreign > 0 || foreign_element => foreign += 1,
            Event::Empty(_) if foreign > 0 || foreign_element => {}
            Event::End(_) if foreign > 0 => foreign -= 1,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let parent = stack.last().map(String::as_str);
                if stack.is_empty() && name != "srx" {
                    return Err(SegmentError::NotSrx { line, found: name });
                }
                if parent.is_none() && saw_root {
                    // Rules in a second root would be loaded as if the first had them.
                    return Err(SegmentError::MalformedXml {
                        line,
                        reason: format!("<{name}> after the end of the root element"),
                    });
                }
                let fits = allowed_parent(&name).is_some_and(|p| p.contains(&parent));
                if !fits {
                    return Err(SegmentError::UnexpectedElement {
                        line,
                        element: name,
                        parent: parent.unwrap_or("(document)").to_string(),
                    });
                }
                saw_root = true;
                match name.as_str() {
                    "header" => {
                        if let Some(v) = attribute(checks, &e, "cascade", line)? {
                            srx.cascade = yes_no(&v, "header", "cascade", line)?;
                        }
                    }
                    "languagerule" => srx.rule_sets.push(RuleSet {
                        name: required(checks, &e, "languagerulename", line)?,
                        rules: Vec::new(),
                    }),
                    "rule" => {
                        let breaks = match attribute(checks, &e, "break", line)? {
                            Some(v) => yes_no(&v, "rule", "break", line)?,
                            None => true,
                        };
                        rule = Some(SrxRule {
                            breaks,
                            before: String::new(),
                            after: String::new(),
                            line,
                        });
                    }
                    "languagemap" => srx.maps.push(LanguageMap {
                        pattern: required(checks, &e, "languagepattern", line)?,
                        rule_set: required(checks, &e, "languagerulename", line)?,
                        line,
                    }),
                    _ => {}
                }
                if empty {
                    close(&name, &mut srx, &mut rule);
                } else {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                if let Some(name) = stack.pop() {
                    close(&name, &mut srx, &mut rule);
                }
            }
            Event::Text(_) | Event::CData(_) if foreign > 0 => {}
            Event::Text(t) => {
                let text = t.unescape().map_err(|e| SegmentError::MalformedXml {
                    line,
                    reason: e.to_string(),
                })?;
                // Report stray text at its first visible character, not the line break before it.
                let lead = &text[..text.len() - text.trim_start().len()];
                let line = line + lead.matches('\n').count();
                text_content(&text, &stack, &mut rule, line)?;
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                text_content(&text, &stack, &mut rule, line)?;
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions and DOCTYPEs carry no rules;
            // a DOCTYPE's external DTD is deliberately never read.
            _ => {}
        }
    }
    if !saw_root {
        return Err(SegmentError::NotSrx {
            line: 1,
            found: "no element".into(),
        });
    }
    for map in &srx.maps {
        if !srx.rule_sets.iter().any(|s| s.name == map.rule_set) {
            return Err(SegmentError::UnknownRuleSet {
                line: map.line,
                name: map.rule_set.clone(),
            });
        }
    }
    Ok(srx)
}

/// Whether an element's namespace is not SRX's. Elements without one are taken as SRX:
/// many files omit the namespace declaration.
fn is_foreign(namespace: ResolveResult) -> bool {
    match namespace {
        ResolveResult::Bound(ns) => !ns.as_ref().starts_with(SRX_NAMESPACE.as_bytes()),
        ResolveResult::Unknown(_) => true,
        ResolveResult::Unbound => false,
    }
}

/// An element ended: a finished rule joins the rule set it is in.
fn close(name: &str, srx: &mut Srx, rule: &mut Option<SrxRule>) {
    if name == "rule"
        && let (Some(r), Some(set)) = (rule.take(), srx.rule_sets.last_mut())
    {
        set.rules.push(r);
    }
}

fn text_content(
    text: &str,
    stack: &[String],
    rule: &mut Option<SrxRule>,
    line: usize,
) -> Result<(), SegmentError> {
    let top = stack.last().map(String::as_str);
    match (top, rule.as_mut()) {
        (Some("beforebreak"), Some(r)) => r.before.push_str(text),
        (Some("afterbreak"), Some(r)) => r.after.push_str(text),
        _ if text.trim().is_empty() => {}
        _ => {
            return Err(SegmentError::UnexpectedText {
                line,
                element: top.unwrap_or("(document)").to_string(),
            });
        }
    }
    Ok(())
}

fn attribute(
    checks: &XmlLimits,
    e: &BytesStart,
    name: &str,
    line: usize,
) -> Result<Option<String>, SegmentError> {
    for a in checks.attributes(e) {
        let a = a.map_err(|err| SegmentError::MalformedXml {
            line,
            reason: err.to_string(),
        })?;
        if a.key.local_name().as_ref() == name.as_bytes() {
            let v = a
                .unescape_value()
                .map_err(|err| SegmentError::MalformedXml {
                    line,
                    reason: err.to_string(),
                })?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn required(
    checks: &XmlLimits,
    e: &BytesStart,
    name: &'static str,
    line: usize,
) -> Result<String, SegmentError> {
    attribute(checks, e, name, line)?.ok_or_else(|| SegmentError::MissingAttribute {
        line,
        element: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attribute: name,
    })
}

fn yes_no(
    value: &str,
    element: &'static str,
    attribute: &'static str,
    line: usize,
) -> Result<bool, SegmentError> {
    match value.trim() {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(SegmentError::InvalidAttribute {
            line,
            element,
            attribute,
            value: other.to_string(),
        }),
    }
}

/// Write `srx` as an SRX 2.0 document that [`parse`] reads back to the same rules.
pub(super) fn write(srx: &Srx) -> String {
    use quick_xml::escape::escape;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<srx xmlns=\"{SRX_NAMESPACE}\" version=\"2.0\">\n"
    ));
    out.push_str(&format!(
        "  <header segmentsubflows=\"yes\" cascade=\"{}\">\n",
        yes_no(srx.cascade)
    ));
    for kind in ["start", "end", "isolated"] {
        let include = if kind == "end" { "yes" } else { "no" };
        out.push_str(&format!(
            "    <formathandle type=\"{kind}\" include=\"{include}\"/>\n"
        ));
    }
    out.push_str("  </header>\n  <body>\n    <languagerules>\n");
    for set in &srx.rule_sets {
        out.push_str(&format!(
            "      <languagerule languagerulename=\"{}\">\n",
            escape(set.name.as_str())
        ));
        for rule in &set.rules {
            out.push_str(&format!(
                "        <rule break=\"{}\">\n          <beforebreak>{}</beforebreak>\n          <afterbreak>{}</afterbreak>\n        </rule>\n",
                yes_no(rule.breaks),
                escape(rule.before.as_str()),
                escape(rule.after.as_str())
            ));
        }
        out.push_str("      </languagerule>\n");
    }
    out.push_str("    </languagerules>\n    <maprules>\n");
    for map in &srx.maps {
        out.push_str(&format!(
            "      <languagemap languagepattern=\"{}\" languagerulename=\"{}\"/>\n",
            escape(map.pattern.as_str()),
            escape(map.rule_set.as_str())
        ));
    }
    out.push_str("    </maprules>\n  </body>\n</srx>\n");
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::limits::Limit;

    fn parse(xml: &str) -> Result<Srx, SegmentError> {
        super::parse(xml, &Limits::default())
    }

    /// An SRX document of `n` rules for one language.
    pub(in crate::segment) fn with_rules(n: usize) -> String {
        let rules: String = (0..n)
            .map(|i| {
                format!(
                    "<rule break=\"no\"><beforebreak>\\bAbbr{i}\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
                )
            })
            .collect();
        format!(
            "<srx version=\"2.0\" xmlns=\"http://www.lisa.org/srx20\"><header cascade=\"yes\"/><body><languagerules>\n\
             <languagerule languagerulename=\"en\">\n{rules}<rule><beforebreak>[.?!]</beforebreak><afterbreak>\\s</afterbreak></rule>\n\
             </languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"en\"/>\
             </maprules></body></srx>"
        )
    }

    /// Reading the rules grows linearly with them: four times the rules, at most five
    /// times the work (events, attributes and bytes scanned for line numbers).
    #[test]
    fn parsing_grows_linearly_with_the_rules() {
        let work = |n: usize| {
            let xml = with_rules(n);
            let mut checks = XmlLimits::new(&Limits::default());
            let doc = parse_with(&xml, &mut checks).unwrap();
            assert_eq!(doc.rule_sets[0].rules.len(), n + 1);
            checks.work()
        };
        let (small, large) = (work(5_000), work(20_000));
        assert!(large <= 5 * small, "{small} → {large}");
    }

    #[test]
    fn elements_beyond_the_limits_are_refused() {
        let deep = format!(
            "<srx><body>{}</body></srx>",
            "<x:a xmlns:x=\"urn:x\">".repeat(300) + &"</x:a>".repeat(300)
        );
        assert!(matches!(
            parse(&deep),
            Err(SegmentError::Limit { line: 1, exceeded }) if exceeded.limit == Limit::Depth
        ));
    }

    #[test]
    fn keeps_regex_text_exactly_including_spaces_entities_and_cdata() {
        let doc = parse(
            "<srx><body><languagerules><languagerule languagerulename=\"a\">\n\
             <rule break=\"no\"><beforebreak> </beforebreak><afterbreak>&lt;\\s</afterbreak></rule>\n\
             <rule><beforebreak><![CDATA[a&b]]></beforebreak></rule>\n\
             </languagerule></languagerules></body></srx>",
        )
        .unwrap();
        let rules = &doc.rule_sets[0].rules;
        assert_eq!((rules[0].breaks, rules[0].before.as_str()), (false, " "));
        assert_eq!(rules[0].after, "<\\s");
        assert_eq!((rules[1].breaks, rules[1].before.as_str()), (true, "a&b"));
        assert_eq!(rules[1].line, 3);
    }

    #[test]
    fn reads_prefixed_srx_and_skips_other_namespaces() {
        let doc = parse(
            "<s:srx xmlns:s=\"http://www.lisa.org/srx20\" xmlns:x=\"urn:x\"><s:header cascade=\"no\">\
             <x:options><x:anything s:rule=\"1\">text</x:anything></x:options></s:header>\
             <s:body><s:languagerules><s:languagerule languagerulename=\"a\">\
             <s:rule><s:beforebreak>\\.</s:beforebreak></s:rule></s:languagerule></s:languagerules>\
             <s:maprules><s:languagemap languagepattern=\".*\" languagerulename=\"a\"/></s:maprules>\
             </s:body></s:srx>",
        )
        .unwrap();
        assert!(!doc.cascade);
        assert_eq!(doc.rule_sets[0].rules[0].before, "\\.");
        assert_eq!(doc.maps.len(), 1);
    }

    #[test]
    fn written_documents_parse_back_unchanged() {
        let doc = Srx {
            cascade: false,
            rule_sets: vec![RuleSet {
                name: "R & \"D\"".into(),
                rules: vec![SrxRule {
                    breaks: false,
                    before: "<a> & ' \" ".into(),
                    after: String::new(),
                    line: 7,
                }],
            }],
            maps: vec![LanguageMap {
                pattern: "ru|az<".into(),
                rule_set: "R & \"D\"".into(),
                line: 12,
            }],
        };
        let back = parse(&write(&doc)).unwrap();
        assert_eq!(back.cascade, doc.cascade);
        assert_eq!(back.rule_sets[0].name, doc.rule_sets[0].name);
        assert_eq!(
            back.rule_sets[0].rules[0].before,
            doc.rule_sets[0].rules[0].before
        );
        assert_eq!(back.maps[0].pattern, doc.maps[0].pattern);
    }
}
