//! Writing TBX-Basic, version 3 or version 2 (the module above says what goes where).
//!
//! Both versions have the same three levels and the same data categories; only the
//! element names and the header differ, so one writer serves both. What TBX-Basic allows
//! at each level: `subjectField` and `definition` on a concept, `definition` on a
//! language, `context` on a term, and `note`s everywhere; everything else Dragoman keeps
//! goes into `name: value` notes.

use std::collections::HashSet;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{FORBIDDEN, PART_OF_SPEECH, STEM, SUBJECT, admin_status, plain_note};
use crate::formats::XmlOut;
use crate::glossary::{Concept, Term, TermStatus, concept_id};
use crate::lang::LanguageTag;

/// Which generation of TBX to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TbxVersion {
    /// ISO 30042:2019 (`tbx`, `conceptEntry`), TBX-Basic as LTAC Global publishes it.
    #[default]
    V3,
    /// ISO 30042:2008 (`martif`, `termEntry`), TBX-Basic v2: what OmegaT,
    /// translate-toolkit and older Trados and memoQ read.
    V2,
}

/// The element names of one version: concept, language and term sections.
struct Names {
    concept: &'static str,
    language: &'static str,
    term: &'static str,
}

impl TbxVersion {
    fn names(self) -> Names {
        match self {
            Self::V3 => Names {
                concept: "conceptEntry",
                language: "langSec",
                term: "termSec",
            },
            Self::V2 => Names {
                concept: "termEntry",
                language: "langSet",
                term: "tig",
            },
        }
    }
}

/// TBX-Basic's picklist for `partOfSpeech`; any other value goes into a note.
const PARTS_OF_SPEECH: &[&str] = &["adjective", "noun", "other", "verb", "adverb"];

/// Write `concepts` as a TBX-Basic document of `version`.
pub fn write(
    out: impl std::io::Write,
    concepts: &[Concept],
    version: TbxVersion,
) -> std::io::Result<()> {
    let mut xml = Writer::new_with_indent(XmlOut(out), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let source = |w: &mut Writer<_>| -> std::io::Result<()> {
        w.create_element("fileDesc").write_inner_content(|w| {
            w.create_element("sourceDesc").write_inner_content(|w| {
                w.create_element("p")
                    .write_text_content(BytesText::new("Exported by Dragoman"))?;
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    };
    let root = match version {
        TbxVersion::V3 => {
            xml.write_event(Event::Start(BytesStart::new("tbx").with_attributes([
                ("type", "TBX-Basic"),
                ("style", "dca"),
                ("xml:lang", "en"),
                ("xmlns", "urn:iso:std:iso:30042:ed-2"),
            ])))?;
            xml.create_element("tbxHeader")
                .write_inner_content(|w| source(w))?;
            "tbx"
        }
        TbxVersion::V2 => {
            // Named, never fetched: readers validate against their own copy.
            xml.write_event(Event::DocType(BytesText::from_escaped(
                "martif SYSTEM \"TBXcoreStructV02.dtd\"",
            )))?;
            xml.write_event(Event::Start(
                BytesStart::new("martif")
                    .with_attributes([("type", "TBX-Basic"), ("xml:lang", "en")]),
            ))?;
            xml.create_element("martifHeader")
                .write_inner_content(|w| {
                    source(w)?;
                    w.create_element("encodingDesc").write_inner_content(|w| {
                        w.create_element("p")
                            .with_attribute(("type", "XCSURI"))
                            .write_text_content(BytesText::new("TBXBasicXCSV02.xcs"))?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
            "martif"
        }
    };
    xml.write_event(Event::Start(BytesStart::new("text")))?;
    xml.write_event(Event::Start(BytesStart::new("body")))?;
    for (concept, id) in concepts.iter().zip(xml_ids(concepts)) {
        write_concept(&mut xml, concept, &id, &version.names())?;
    }
    xml.write_event(Event::End(BytesEnd::new("body")))?;
    xml.write_event(Event::End(BytesEnd::new("text")))?;
    xml.write_event(Event::End(BytesEnd::new(root)))?;
    Ok(())
}

/// The XML id of each concept, unique in the file. A concept's own id is kept when it
/// is a valid XML id (`dip-001`, `AC`); another one (`межрегиональный форум`, `R&D
/// <unit>`, empty) is replaced by one derived from it, so the same concept gets the same
/// id in every export. A second concept with an id already used (two glossaries both
/// holding `treaty`) gets `-2`, `-3`: importing the file must not merge them.
pub fn xml_ids(concepts: &[Concept]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    concepts
        .iter()
        .map(|c| {
            let base = if concept_id::is_xml_id(&c.id) {
                c.id.clone()
            } else {
                concept_id::from_seed(c.id.as_bytes())
            };
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

/// A concept's field as TBX-Basic can carry it: `descrip` of a data category or a note.
enum Carried<'a> {
    Descrip(&'static str, &'a str),
    Note(String),
}

/// How field `name` with `value` is carried at concept level (`concept`) or language
/// level: subject (concept level only) and definition as their data categories, a note
/// as a note, anything else as a `name: value` note.
fn carried<'a>(name: &str, value: &'a str, concept: bool) -> Carried<'a> {
    match name {
        SUBJECT | "subjectField" if concept => Carried::Descrip("subjectField", value),
        "definition" => Carried::Descrip("definition", value),
        "note" => Carried::Note(plain_note(value)),
        _ => Carried::Note(format!("{name}: {value}")),
    }
}

fn write_concept<W: std::io::Write>(
    xml: &mut Writer<W>,
    concept: &Concept,
    id: &str,
    names: &Names,
) -> std::io::Result<()> {
    xml.write_event(Event::Start(
        BytesStart::new(names.concept).with_attributes([("id", id)]),
    ))?;
    let mut langs: Vec<&LanguageTag> = Vec::new();
    for t in &concept.terms {
        if !langs.contains(&&t.lang) {
            langs.push(&t.lang);
        }
    }
    // `type[lang]` is a field of the language section of `lang`. Any other key, one that
    // only looks like that (a `descrip type="["`) or names a language without terms (which
    // gets no section), is written whole at concept level, so it reads back as it was.
    let language_field = |key: &str| {
        key.strip_suffix(']')
            .and_then(|k| k.rsplit_once('['))
            .filter(|(_, l)| langs.iter().any(|t| t.as_str() == *l))
            .map(|(k, l)| (k.to_string(), l.to_string()))
    };
    // Subject and definition first, as TBX readers list a concept's data.
    let mut concept_level: Vec<Carried> = concept
        .fields
        .iter()
        .filter(|(k, _)| language_field(k).is_none())
        .map(|(k, v)| carried(k, v, true))
        .collect();
    concept_level.sort_by_key(|c| matches!(c, Carried::Note(_)));
    for item in &concept_level {
        write_carried(xml, item)?;
    }
    for &lang in &langs {
        xml.write_event(Event::Start(
            BytesStart::new(names.language).with_attributes([("xml:lang", lang.as_str())]),
        ))?;
        // TBX-Basic has context only on a term: it goes to the language's first one.
        let mut context = None;
        for (key, value) in &concept.fields {
            match language_field(key).filter(|(_, l)| l == lang.as_str()) {
                Some((kind, _)) if kind == "context" => context = Some(value.as_str()),
                Some((kind, _)) => write_carried(xml, &carried(&kind, value, false))?,
                None => {}
            }
        }
        for term in concept.terms_in(lang) {
            write_term(xml, term, context.take(), names)?;
        }
        xml.write_event(Event::End(BytesEnd::new(names.language)))?;
    }
    xml.write_event(Event::End(BytesEnd::new(names.concept)))?;
    Ok(())
}

fn write_term<W: std::io::Write>(
    xml: &mut Writer<W>,
    term: &Term,
    context: Option<&str>,
    names: &Names,
) -> std::io::Result<()> {
    xml.write_event(Event::Start(BytesStart::new(names.term)))?;
    // Other tools show memoQ's stem mark literally: the term goes out without it, and
    // the marked form in a note that import takes back. A term of marks alone stays.
    let plain = term.plain();
    let stemmed = term.text.contains('|') && !plain.trim().is_empty();
    let shown = if stemmed { &plain } else { &term.text };
    xml.create_element("term")
        .write_text_content(BytesText::new(shown))?;
    let mut notes = Vec::new();
    if let Some(pos) = &term.part_of_speech {
        if PARTS_OF_SPEECH.contains(&pos.as_str()) {
            term_note(xml, "partOfSpeech", pos)?;
        } else {
            notes.push(format!("{PART_OF_SPEECH}: {pos}"));
        }
    }
    term_note(xml, "administrativeStatus", admin_status(term.status))?;
    if let Some(context) = context {
        write_carried(xml, &Carried::Descrip("context", context))?;
    }
    if term.status == TermStatus::Forbidden {
        notes.push(FORBIDDEN.to_string());
    }
    if stemmed {
        notes.push(format!("{STEM}: {}", term.text));
    }
    notes.extend(term.note.as_deref().map(plain_note));
    for note in notes {
        write_carried(xml, &Carried::Note(note))?;
    }
    xml.write_event(Event::End(BytesEnd::new(names.term)))?;
    Ok(())
}

fn term_note<W: std::io::Write>(
    xml: &mut Writer<W>,
    kind: &str,
    value: &str,
) -> std::io::Result<()> {
    xml.create_element("termNote")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn write_carried<W: std::io::Write>(xml: &mut Writer<W>, item: &Carried) -> std::io::Result<()> {
    match item {
        Carried::Descrip(kind, value) => {
            xml.create_element("descrip")
                .with_attribute(("type", *kind))
                .write_text_content(BytesText::new(value))?;
        }
        Carried::Note(text) => {
            xml.create_element("note")
                .write_text_content(BytesText::new(text))?;
        }
    }
    Ok(())
}
