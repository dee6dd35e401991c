//! File formats: how alignments and memories are written for other tools and scripts,
//! and how memories made elsewhere are read.

pub mod beads;
pub mod bilingual;
pub mod table;
pub mod tmx;
pub mod tmx_read;
mod tmx_source;
pub mod xliff;
pub mod xliff_back;
pub mod xliff_read;

use crate::text::forbidden_xml_char;

/// Whether a `<!DOCTYPE …>` declares entities. Memories and documents are read without
/// expanding them (a few nested declarations expand to gigabytes: "billion laughs"), so
/// a file that declares any is refused rather than read with them left out.
fn declares_entities(doctype: &[u8]) -> bool {
    String::from_utf8_lossy(doctype)
        .to_ascii_uppercase()
        .contains("<!ENTITY")
}

/// The output of Dragoman's XML writers. Every byte a writer puts out passes here, so no
/// path (text, attribute, prop, note, raw markup) can write a character XML 1.0 cannot
/// carry: escaping cannot help (`&#1;` is not well-formed either), so the write is
/// refused with [`std::io::ErrorKind::InvalidData`], and no file a parser rejects (as
/// Dragoman's own reader does) is ever produced.
pub(crate) struct XmlOut<W>(pub(crate) W);

impl<W: std::io::Write> std::io::Write for XmlOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The XML writer hands over whole characters, so one buffer is one piece of text.
        let text = String::from_utf8_lossy(buf);
        if let Some((_, c)) = forbidden_xml_char(&text) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("U+{:04X} is a character XML 1.0 cannot carry", c as u32),
            ));
        }
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::tmx::{TmxHeader, TmxWriter};
    use super::tmx_read::TmxReader;
    use crate::Timestamp;
    use crate::glossary::{Concept, Term, tbx};
    use crate::lang::LanguageTag;
    use crate::text::forbidden_xml_char;
    use crate::tm::{TranslationUnit, UnitMetadata, Variant};

    /// Strings rich in what XML cannot carry: any character, or a C0 control.
    fn hostile() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                any::<char>(),
                prop::char::range('\u{0}', '\u{1F}'),
                Just('\u{FFFF}'),
                Just('&'),
                Just('<'),
            ],
            1..12,
        )
        .prop_map(|chars| format!("x{}", chars.into_iter().collect::<String>()))
    }

    fn tag(t: &str) -> LanguageTag {
        LanguageTag::parse(t).unwrap()
    }

    proptest! {
        /// Whatever a unit holds, `tm export` writes XML its own reader reads, or
        /// refuses to write.
        #[test]
        fn tmx_export_is_xml_or_refused(text in hostile(), note in hostile()) {
            let mut meta = UnitMetadata::new("test", Timestamp(0));
            meta.client = Some(note.clone());
            meta.notes.push(note.clone());
            let unit = TranslationUnit {
                variants: vec![Variant::new(tag("en"), text.clone()), Variant::new(tag("ru"), "да")],
                meta,
            };
            let written = TmxWriter::start(Vec::new(), &TmxHeader::default())
                .and_then(|mut w| w.translation_unit(&unit).and_then(|()| w.finish()));
            let forbidden = forbidden_xml_char(&text).or(forbidden_xml_char(&note));
            match written {
                Err(e) => {
                    prop_assert!(forbidden.is_some(), "{e}");
                    prop_assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
                }
                Ok(out) => {
                    prop_assert!(forbidden.is_none());
                    let mut reader = TmxReader::new(out.as_slice(), "x", Timestamp(0), &crate::limits::Limits::default()).unwrap();
                    let read = reader.next_unit().unwrap().unwrap();
                    prop_assert!(read.unit.is_ok(), "{:?}", read.unit);
                    prop_assert!(reader.next_unit().unwrap().is_none());
                }
            }
        }

        /// Whatever a glossary holds, `glossary export` writes TBX its own reader reads,
        /// or refuses to write.
        #[test]
        fn tbx_export_is_xml_or_refused(text in hostile(), note in hostile()) {
            let mut term = Term::new(tag("en"), text.clone());
            term.note = Some(note.clone());
            let concept = Concept {
                id: "c1".into(),
                terms: vec![term, Term::new(tag("ru"), "форум")],
                ..Concept::default()
            };
            let mut out = Vec::new();
            let written = tbx::write(&mut out, &[concept], tbx::TbxVersion::V3);
            let forbidden = forbidden_xml_char(&text).or(forbidden_xml_char(&note));
            match written {
                Err(e) => {
                    prop_assert!(forbidden.is_some(), "{e}");
                    prop_assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
                }
                Ok(()) => {
                    prop_assert!(forbidden.is_none());
                    let read = tbx::read(std::str::from_utf8(&out).unwrap(), &crate::limits::Limits::default());
                    prop_assert!(read.is_ok(), "{:?}", read);
                    prop_assert_eq!(read.unwrap().len(), 1);
                }
            }
        }

        /// Whatever a translation holds, `pretranslate` and the job export write XLIFF,
        /// 1.2 and 2.1, that Dragoman's XLIFF reader reads back, or refuse to write.
        #[test]
        fn xliff_export_is_xml_or_refused(source in hostile(), target in hostile()) {
            use super::xliff::{self, BilingualDocument, BilingualSegment, XliffVersion};
            let doc = BilingualDocument {
                original: "a.txt".into(),
                src: tag("ru"),
                tgt: tag("en"),
                segments: vec![BilingualSegment {
                    source: source.clone(),
                    target: Some(target.clone()),
                    leverage: None,
                }],
            };
            let forbidden = forbidden_xml_char(&source).or(forbidden_xml_char(&target));
            for version in [XliffVersion::V1_2, XliffVersion::V2_1] {
                let mut out = Vec::new();
                match xliff::write(&mut out, &doc, version) {
                    Err(e) => {
                        prop_assert!(forbidden.is_some(), "{e}");
                        prop_assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
                    }
                    Ok(()) => {
                        prop_assert!(forbidden.is_none());
                        let read = super::xliff_read::read(&out, &crate::limits::Limits::default());
                        prop_assert!(read.is_ok(), "{:?}", read.err());
                        prop_assert_eq!(read.unwrap().segments.len(), 1);
                    }
                }
            }
        }
    }
}
