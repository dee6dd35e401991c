//! Writing bilingual documents as XLIFF 2.1 and XLIFF 1.2, the exchange formats CAT tools
//! (Trados, memoQ, OmegaT, Phrase) open for translation and review.
//!
//! A document is a list of segments, each with its source and, when one was found or
//! written, a target and where it came from. XLIFF 2.1 gets one `unit` per segment with a
//! `segment` whose `state` is `translated`, or `initial` when it is empty or its target
//! comes from a fuzzy match, and whose `subState`
//! (`dragoman:101`, `dragoman:100`, `dragoman:87`) keeps the match score; XLIFF 1.2 gets a
//! `trans-unit` per segment, the target's `state-qualifier` saying `exact-match` or
//! `fuzzy-match`, and the memory's source and target of a fuzzy match as `alt-trans` with
//! its `match-quality`, which is how 1.2 tools show a fuzzy match's difference.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::inline::{self, Mark};
use crate::lang::LanguageTag;

/// Which XLIFF to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XliffVersion {
    /// OASIS XLIFF 2.1 (2018), namespace `urn:oasis:names:tc:xliff:document:2.0`.
    V2_1,
    /// OASIS XLIFF 1.2 (2008), namespace `urn:oasis:names:tc:xliff:document:1.2`.
    V1_2,
}

/// Where a target came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leverage {
    /// The match score, 1–101.
    pub score: u8,
    /// The stored source segment the target was translated from.
    pub stored_source: String,
}

/// One segment of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilingualSegment {
    /// The source text.
    pub source: String,
    /// The target text, if any.
    pub target: Option<String>,
    /// The memory match the target was taken from, if it was.
    pub leverage: Option<Leverage>,
}

/// A bilingual document to write.
#[derive(Debug, Clone)]
pub struct BilingualDocument {
    /// The source file's name (`original`).
    pub original: String,
    /// Source language.
    pub src: LanguageTag,
    /// Target language.
    pub tgt: LanguageTag,
    /// The segments in document order.
    pub segments: Vec<BilingualSegment>,
}

fn text<W: Write>(
    xml: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    body: &str,
    version: XliffVersion,
) -> std::io::Result<()> {
    xml.write_event(Event::Start(
        BytesStart::new(name).with_attributes(attrs.iter().copied()),
    ))?;
    // The content goes through a writer that never indents, written out as one piece:
    // the document's writer indents an element that follows another, and between two
    // codes, or between `<source>` and a code, that would put spaces into the text.
    let mut content = Writer::new(Vec::new());
    let (plain, marks) = inline::split(body);
    let mut at = 0;
    for (i, &(offset, mark)) in marks.iter().enumerate() {
        content.write_event(Event::Text(BytesText::new(&plain[at..offset])))?;
        at = offset;
        content.write_event(Event::Empty(code(mark, &marks, i, version)))?;
    }
    content.write_event(Event::Text(BytesText::new(&plain[at..])))?;
    let content = String::from_utf8(content.into_inner()).map_err(std::io::Error::other)?;
    // A carriage return as a reference: an XML reader turns a raw one into a line feed.
    let content = content.replace('\r', "&#13;");
    xml.write_event(Event::Text(BytesText::from_escaped(content)))?;
    xml.write_event(Event::End(BytesEnd::new(name)))
}

/// The empty inline element standing for marker `marks[i]` of a segment (a DOCX run's
/// formatting, a footnote reference), numbered as the translator sees it: in 2.x `sc`/
/// `ec` (isolated when its partner is not in this source or target) and `ph`; in 1.2
/// `bx`/`ex` linked by `rid`, and `x`. Which native code it stands for stays with the
/// document: an XLIFF written here is for translating the text, and the codes come back
/// by number.
fn code(
    mark: Mark,
    marks: &[(usize, Mark)],
    i: usize,
    version: XliffVersion,
) -> BytesStart<'static> {
    let n = (mark.number() + 1).to_string();
    let has = |m: Mark, range: std::ops::Range<usize>| marks[range].iter().any(|&(_, x)| x == m);
    let paired = match mark {
        Mark::Open(k) => has(Mark::Close(k), i + 1..marks.len()),
        Mark::Close(k) => has(Mark::Open(k), 0..i),
        Mark::Standalone(_) => true,
    };
    let element = |name: &'static str, attrs: Vec<(&str, String)>| {
        let mut e = BytesStart::new(name);
        for (key, value) in attrs {
            e.push_attribute((key, value.as_str()));
        }
        e
    };
    match (version, mark) {
        (XliffVersion::V2_1, Mark::Open(_)) if paired => element("sc", vec![("id", n)]),
        (XliffVersion::V2_1, Mark::Close(_)) if paired => element("ec", vec![("startRef", n)]),
        (XliffVersion::V2_1, Mark::Open(_)) => {
            element("sc", vec![("id", n), ("isolated", "yes".into())])
        }
        (XliffVersion::V2_1, Mark::Close(_)) => element(
            "ec",
            vec![("id", format!("e{n}")), ("isolated", "yes".into())],
        ),
        (XliffVersion::V2_1, Mark::Standalone(_)) => element("ph", vec![("id", n)]),
        (XliffVersion::V1_2, Mark::Open(_)) => {
            element("bx", vec![("id", format!("b{n}")), ("rid", n)])
        }
        (XliffVersion::V1_2, Mark::Close(_)) => {
            element("ex", vec![("id", format!("e{n}")), ("rid", n)])
        }
        (XliffVersion::V1_2, Mark::Standalone(_)) => element("x", vec![("id", format!("x{n}"))]),
    }
}

/// Write `doc` as XLIFF of the given version.
pub fn write(
    out: impl Write,
    doc: &BilingualDocument,
    version: XliffVersion,
) -> std::io::Result<()> {
    let mut xml = Writer::new_with_indent(super::XmlOut(out), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    match version {
        XliffVersion::V2_1 => write_v2(&mut xml, doc)?,
        XliffVersion::V1_2 => write_v1(&mut xml, doc)?,
    }
    xml.into_inner().0.write_all(b"\n")
}

fn write_v2<W: Write>(xml: &mut Writer<W>, doc: &BilingualDocument) -> std::io::Result<()> {
    let root = BytesStart::new("xliff").with_attributes([
        ("xmlns", "urn:oasis:names:tc:xliff:document:2.0"),
        ("version", "2.1"),
        ("srcLang", doc.src.as_str()),
        ("trgLang", doc.tgt.as_str()),
    ]);
    xml.write_event(Event::Start(root))?;
    let file = BytesStart::new("file")
        .with_attributes([("id", "f1"), ("original", doc.original.as_str())]);
    xml.write_event(Event::Start(file))?;
    for (i, seg) in doc.segments.iter().enumerate() {
        let id = format!("u{}", i + 1);
        xml.write_event(Event::Start(
            BytesStart::new("unit").with_attributes([("id", id.as_str())]),
        ))?;
        // A fuzzy match is a proposal to review, not a translation.
        let fuzzy = seg.leverage.as_ref().is_some_and(|l| l.score < 100);
        let state = if seg.target.is_some() && !fuzzy {
            "translated"
        } else {
            "initial"
        };
        let sub_state = seg
            .leverage
            .as_ref()
            .map(|l| format!("dragoman:{}", l.score));
        let mut segment =
            BytesStart::new("segment").with_attributes([("id", format!("s{}", i + 1).as_str())]);
        segment.push_attribute(("state", state));
        if let Some(sub) = &sub_state {
            segment.push_attribute(("subState", sub.as_str()));
        }
        xml.write_event(Event::Start(segment))?;
        text(xml, "source", &[], &seg.source, XliffVersion::V2_1)?;
        if let Some(target) = &seg.target {
            text(xml, "target", &[], target, XliffVersion::V2_1)?;
        }
        xml.write_event(Event::End(BytesEnd::new("segment")))?;
        xml.write_event(Event::End(BytesEnd::new("unit")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("file")))?;
    xml.write_event(Event::End(BytesEnd::new("xliff")))
}

fn write_v1<W: Write>(xml: &mut Writer<W>, doc: &BilingualDocument) -> std::io::Result<()> {
    let root = BytesStart::new("xliff").with_attributes([
        ("version", "1.2"),
        ("xmlns", "urn:oasis:names:tc:xliff:document:1.2"),
    ]);
    xml.write_event(Event::Start(root))?;
    let file = BytesStart::new("file").with_attributes([
        ("original", doc.original.as_str()),
        ("source-language", doc.src.as_str()),
        ("target-language", doc.tgt.as_str()),
        ("datatype", "plaintext"),
    ]);
    xml.write_event(Event::Start(file))?;
    xml.write_event(Event::Start(BytesStart::new("body")))?;
    for (i, seg) in doc.segments.iter().enumerate() {
        let id = (i + 1).to_string();
        xml.write_event(Event::Start(
            BytesStart::new("trans-unit").with_attributes([("id", id.as_str())]),
        ))?;
        text(xml, "source", &[], &seg.source, XliffVersion::V1_2)?;
        match (&seg.target, &seg.leverage) {
            (Some(target), Some(l)) => {
                let qualifier = if l.score >= 100 {
                    "exact-match"
                } else {
                    "fuzzy-match"
                };
                let state = if l.score >= 100 {
                    "translated"
                } else {
                    "needs-review-translation"
                };
                text(
                    xml,
                    "target",
                    &[("state", state), ("state-qualifier", qualifier)],
                    target,
                    XliffVersion::V1_2,
                )?;
                let quality = l.score.min(100).to_string();
                let alt = BytesStart::new("alt-trans")
                    .with_attributes([("match-quality", quality.as_str())]);
                xml.write_event(Event::Start(alt))?;
                text(xml, "source", &[], &l.stored_source, XliffVersion::V1_2)?;
                text(xml, "target", &[], target, XliffVersion::V1_2)?;
                xml.write_event(Event::End(BytesEnd::new("alt-trans")))?;
            }
            (Some(target), None) => text(
                xml,
                "target",
                &[("state", "translated")],
                target,
                XliffVersion::V1_2,
            )?,
            (None, _) => {}
        }
        xml.write_event(Event::End(BytesEnd::new("trans-unit")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("body")))?;
    xml.write_event(Event::End(BytesEnd::new("file")))?;
    xml.write_event(Event::End(BytesEnd::new("xliff")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> BilingualDocument {
        BilingualDocument {
            original: "press <release>.txt".into(),
            src: LanguageTag::parse("ru").unwrap(),
            tgt: LanguageTag::parse("en").unwrap(),
            segments: vec![
                BilingualSegment {
                    source: "Форум открылся.".into(),
                    target: Some("The forum opened.".into()),
                    leverage: Some(Leverage {
                        score: 101,
                        stored_source: "Форум открылся.".into(),
                    }),
                },
                BilingualSegment {
                    source: "Подписано 14 соглашений.".into(),
                    target: Some("13 agreements were signed.".into()),
                    leverage: Some(Leverage {
                        score: 87,
                        stored_source: "Подписано 13 соглашений.".into(),
                    }),
                },
                BilingualSegment {
                    source: "<b>Новое</b> & другое".into(),
                    target: None,
                    leverage: None,
                },
            ],
        }
    }

    fn render(version: XliffVersion) -> String {
        let mut out = Vec::new();
        write(&mut out, &doc(), version).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Element names in document order, to check the structure.
    fn elements(xml: &str) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut names = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned())
                }
                Event::Eof => return names,
                _ => {}
            }
        }
    }

    #[test]
    fn xliff_2_1_has_a_unit_per_segment_with_state_and_score() {
        let xml = render(XliffVersion::V2_1);
        assert!(xml.contains(r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ru" trgLang="en">"#));
        assert!(
            xml.contains(r#"<segment id="s1" state="translated" subState="dragoman:101">"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<segment id="s2" state="initial" subState="dragoman:87">"#),
            "a fuzzy match is not translated: {xml}"
        );
        assert!(
            xml.contains(r#"<segment id="s3" state="initial">"#),
            "{xml}"
        );
        assert!(
            xml.contains("<source>&lt;b&gt;Новое&lt;/b&gt; &amp; другое</source>"),
            "escaped: {xml}"
        );
        assert!(
            xml.contains(r#"original="press &lt;release&gt;.txt""#),
            "{xml}"
        );
        let names = elements(&xml);
        assert_eq!(names.iter().filter(|n| *n == "unit").count(), 3);
        assert_eq!(names.iter().filter(|n| *n == "target").count(), 2);
    }

    #[test]
    fn xliff_1_2_marks_fuzzy_matches_with_alt_trans() {
        let xml = render(XliffVersion::V1_2);
        assert!(
            xml.contains(r#"source-language="ru" target-language="en" datatype="plaintext""#),
            "{xml}"
        );
        assert!(xml.contains(
            r#"<target state="translated" state-qualifier="exact-match">The forum opened.</target>"#
        ));
        assert!(xml.contains(r#"state-qualifier="fuzzy-match""#));
        assert!(xml.contains(r#"<alt-trans match-quality="87">"#), "{xml}");
        let names = elements(&xml);
        assert_eq!(names.iter().filter(|n| *n == "trans-unit").count(), 3);
    }
}
