//! Writing TMX 1.4b, the memory exchange format Trados, memoQ and OmegaT read.
//!
//! Text goes through quick-xml's escaping, so markup in a segment is data, never
//! structure. Only what TMX requires and other tools check is written in the header.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::lang::LanguageTag;

/// The header fields a TMX file carries.
#[derive(Debug, Clone)]
pub struct TmxHeader {
    /// `srclang`: the source language, or `None` for `*all*`.
    pub srclang: Option<LanguageTag>,
    /// `creationdate` in TMX's `YYYYMMDDThhmmssZ` form, if known.
    pub creationdate: Option<String>,
}

/// One translation unit to write: its variants, one per language, and `prop`s.
#[derive(Debug, Clone, Default)]
pub struct TmxUnit {
    /// `(language, text)` for each variant, in the order to write them.
    pub variants: Vec<(LanguageTag, String)>,
    /// `prop type=…` elements of the unit.
    pub props: Vec<(String, String)>,
}

/// Stream TMX 1.4b: `start`, then `unit` for each unit, then `finish`.
pub struct TmxWriter<W: Write> {
    xml: Writer<W>,
}

impl<W: Write> TmxWriter<W> {
    /// Write the XML declaration, `<tmx>` and the header, and open `<body>`.
    pub fn start(out: W, header: &TmxHeader) -> std::io::Result<Self> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
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
        xml.write_event(Event::Empty(h))?;
        xml.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(Self { xml })
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

    /// Close `<body>` and `<tmx>` and hand back the output.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.xml.write_event(Event::End(BytesEnd::new("tmx")))?;
        let mut out = self.xml.into_inner();
        out.write_all(b"\n")?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_escaped_units_under_a_complete_header() {
        let header = TmxHeader {
            srclang: None,
            creationdate: None,
        };
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
