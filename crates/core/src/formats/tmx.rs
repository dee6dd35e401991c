//! Writing TMX 1.4b, the memory exchange format Trados, memoQ and OmegaT read.
//!
//! Text goes through quick-xml's escaping, so markup in a segment is data, never
//! structure. Only what TMX requires and other tools check is written in the header.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::XmlOut;
use super::tmx_read::props;
use crate::inline::Mark;
use crate::lang::LanguageTag;
use crate::tm::TranslationUnit;

/// The header fields a TMX file carries.
#[derive(Debug, Clone, Default)]
pub struct TmxHeader {
    /// `srclang`: the source language, or `None` for `*all*`.
    pub srclang: Option<LanguageTag>,
    /// `creationdate` in TMX's `YYYYMMDDThhmmssZ` form, if known.
    pub creationdate: Option<String>,
    /// `(type, text)` of the header's `prop`s.
    pub props: Vec<(String, String)>,
    /// The header's `note`s.
    pub notes: Vec<String>,
}

/// One translation unit to write: its variants, one per language, and `prop`s.
#[derive(Debug, Clone, Default)]
pub struct TmxUnit {
    /// `(language, text)` for each variant, in the order to write them.
    pub variants: Vec<(LanguageTag, String)>,
    /// `prop type=…` elements of the unit.
    pub props: Vec<(String, String)>,
}

/// The TMX `seg` content of a segment whose text holds inline-code markers
/// ([`crate::inline`]): each pair as `bpt`/`ept`, each standalone code as `ph`, numbered
/// as the translator sees them; `None` for a segment without codes.
pub fn seg_markup(text: &str) -> Option<String> {
    let (plain, marks) = crate::inline::split(text);
    if marks.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 24 * marks.len());
    let mut from = 0;
    for (at, mark) in marks {
        out.push_str(&quick_xml::escape::escape(&plain[from..at]));
        from = at;
        let i = mark.number() + 1;
        out.push_str(&match mark {
            Mark::Open(_) => format!(r#"<bpt i="{i}"/>"#),
            Mark::Close(_) => format!(r#"<ept i="{i}"/>"#),
            Mark::Standalone(_) => format!(r#"<ph x="{i}"/>"#),
        });
    }
    out.push_str(&quick_xml::escape::escape(&plain[from..]));
    Some(out)
}

/// Stream TMX 1.4b: `start`, then `unit` for each unit, then `finish`.
pub struct TmxWriter<W: Write> {
    xml: Writer<XmlOut<W>>,
}

impl<W: Write> TmxWriter<W> {
    /// Write the XML declaration, `<tmx>` and the header, and open `<body>`.
    pub fn start(out: W, header: &TmxHeader) -> std::io::Result<Self> {
        let mut xml = Writer::new_with_indent(XmlOut(out), b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        let srclang = header.srclang.as_ref().map_or("*all*", |l| l.as_str());
        let mut h = BytesStart::new("header").with_attributes([
            ("creationtool", "Dragoman"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "Dragoman"),
            ("adminlang", "en"),
            ("srclang", srclang),
            ("datatype", "plaintext"),
        ]);
        if let Some(date) = &header.creationdate {
            h.push_attribute(("creationdate", date.as_str()));
        }
        let mut writer = Self { xml };
        if header.props.is_empty() && header.notes.is_empty() {
            writer.xml.write_event(Event::Empty(h))?;
        } else {
            // Notes, then props: TMX allows them in any order.
            writer.xml.write_event(Event::Start(h))?;
            for note in &header.notes {
                writer.element("note", None, note)?;
            }
            for (kind, value) in &header.props {
                writer.element("prop", Some(kind), value)?;
            }
            writer
                .xml
                .write_event(Event::End(BytesEnd::new("header")))?;
        }
        writer
            .xml
            .write_event(Event::Start(BytesStart::new("body")))?;
        Ok(writer)
    }

    /// Write one `<tu>`.
    pub fn unit(&mut self, unit: &TmxUnit) -> std::io::Result<()> {
        self.xml.write_event(Event::Start(BytesStart::new("tu")))?;
        for (kind, value) in &unit.props {
            let prop = BytesStart::new("prop").with_attributes([("type", kind.as_str())]);
            self.xml.write_event(Event::Start(prop))?;
            self.xml.write_event(Event::Text(BytesText::new(value)))?;
            self.xml.write_event(Event::End(BytesEnd::new("prop")))?;
        }
        for (lang, text) in &unit.variants {
            let tuv = BytesStart::new("tuv").with_attributes([("xml:lang", lang.as_str())]);
            self.xml.write_event(Event::Start(tuv))?;
            self.xml.write_event(Event::Start(BytesStart::new("seg")))?;
            self.xml.write_event(Event::Text(BytesText::new(text)))?;
            self.xml.write_event(Event::End(BytesEnd::new("seg")))?;
            self.xml.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("tu")))
    }

    /// Write a memory's unit as one `<tu>` with everything the memory knows about it:
    /// dates, authors and usage as attributes, Dragoman's metadata as `x-` props, the
    /// props and notes it was imported with, and each segment's inline markup.
    pub fn translation_unit(&mut self, unit: &TranslationUnit) -> std::io::Result<()> {
        let m = &unit.meta;
        let mut tu = BytesStart::new("tu");
        let mut dates = vec![
            ("creationdate", m.created_at.to_tmx()),
            ("changedate", m.changed_at.to_tmx()),
        ];
        if let Some(used) = m.last_used_at {
            dates.push(("lastusagedate", used.to_tmx()));
        }
        for (name, value) in &dates {
            tu.push_attribute((*name, value.as_str()));
        }
        for (name, value) in [("creationid", &m.created_by), ("changeid", &m.changed_by)] {
            if let Some(value) = value {
                tu.push_attribute((name, value.as_str()));
            }
        }
        if m.use_count > 0 {
            tu.push_attribute(("usagecount", m.use_count.to_string().as_str()));
        }
        push_attribute_props(&mut tu, &m.props);
        self.xml.write_event(Event::Start(tu))?;
        let fields = [
            (props::ORIGIN, Some(&m.origin)),
            (props::DOCUMENT, m.document.as_ref()),
            (props::CLIENT, m.client.as_ref()),
            (props::DOMAIN, m.domain.as_ref()),
            (props::PROJECT, m.project.as_ref()),
        ];
        for (kind, value) in fields {
            if let Some(value) = value {
                self.element("prop", Some(kind), value)?;
            }
        }
        self.props_and_notes(&m.props, &m.notes)?;
        for v in &unit.variants {
            let mut tuv = BytesStart::new("tuv").with_attributes([("xml:lang", v.lang.as_str())]);
            push_attribute_props(&mut tuv, &v.props);
            self.xml.write_event(Event::Start(tuv))?;
            for (kind, value) in [
                (props::CONTEXT_PREV, &v.prev_segment),
                (props::CONTEXT_NEXT, &v.next_segment),
            ] {
                if let Some(value) = value {
                    self.element("prop", Some(kind), value)?;
                }
            }
            self.props_and_notes(&v.props, &v.notes)?;
            self.xml.write_event(Event::Start(BytesStart::new("seg")))?;
            let text = match &v.markup {
                // Markup was read from well-formed XML and is written back as it was.
                Some(markup) => BytesText::from_escaped(markup.as_str()),
                None => BytesText::new(&v.text),
            };
            self.xml.write_event(Event::Text(text))?;
            self.xml.write_event(Event::End(BytesEnd::new("seg")))?;
            self.xml.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("tu")))
    }

    fn props_and_notes(
        &mut self,
        props: &[(String, String)],
        notes: &[String],
    ) -> std::io::Result<()> {
        for (kind, value) in props {
            if !kind.starts_with(props::ATTRIBUTE) {
                self.element("prop", Some(kind), value)?;
            }
        }
        for note in notes {
            self.element("note", None, note)?;
        }
        Ok(())
    }

    fn element(&mut self, name: &str, kind: Option<&str>, text: &str) -> std::io::Result<()> {
        let mut start = BytesStart::new(name);
        if let Some(kind) = kind {
            start.push_attribute(("type", kind));
        }
        self.xml.write_event(Event::Start(start))?;
        self.xml.write_event(Event::Text(BytesText::new(text)))?;
        self.xml.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Close `<body>` and `<tmx>` and hand back the output.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.xml.write_event(Event::End(BytesEnd::new("tmx")))?;
        let mut out = self.xml.into_inner().0;
        out.write_all(b"\n")?;
        Ok(out)
    }
}

/// Props standing for attributes (see [`props::ATTRIBUTE`]) written back as attributes.
fn push_attribute_props(element: &mut BytesStart, props: &[(String, String)]) {
    for (kind, value) in props {
        if let Some(name) = kind.strip_prefix(props::ATTRIBUTE) {
            element.push_attribute((name, value.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_escaped_units_under_a_complete_header() {
        let header = TmxHeader::default();
        let mut w = TmxWriter::start(Vec::new(), &header).unwrap();
        let ru = LanguageTag::parse("ru").unwrap();
        let en = LanguageTag::parse("en").unwrap();
        w.unit(&TmxUnit {
            variants: vec![
                (ru, "«Да» & <b>".into()),
                (en, "<img src=x onerror=alert(1)>".into()),
            ],
            props: vec![("x-origin".into(), "alignment".into())],
        })
        .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(out.contains(r#"srclang="*all*""#), "{out}");
        assert!(out.contains("<seg>«Да» &amp; &lt;b&gt;</seg>"), "{out}");
        assert!(
            out.contains("<seg>&lt;img src=x onerror=alert(1)&gt;</seg>"),
            "{out}"
        );
        assert!(
            out.contains(r#"<prop type="x-origin">alignment</prop>"#),
            "{out}"
        );
    }
}
