//! TBX (ISO 30042:2019): glossaries exchanged with Trados, memoQ and OmegaT.
//!
//! Reading takes both generations: version 3 (`tbx` / `conceptEntry` / `langSec` /
//! `termSec`) and version 2 (`martif` / `termEntry` / `langSet` / `tig` or `ntig` with
//! `termGrp`), as Trados MultiTerm, memoQ and translate-toolkit write it. Writing
//! ([`write()`]) produces TBX-Basic, version 3 by default or version 2 for the tools that
//! read nothing else (OmegaT, translate-toolkit). Data kept: concept id, concept-level
//! `descrip`s (subjectField as the field `subject`, definition, …) and `note`s as
//! fields, language-level data as `type[lang]` fields (importers often drop these), and
//! per term its part of speech, status and note.
//!
//! TBX-Basic allows few data categories, so what Dragoman keeps beyond them travels in
//! `note`s of the form `name: value` that [`read`] takes back: a concept field such as
//! `source: UN Terminology`, and per term `status: forbidden`, `stem: договор|` (memoQ's
//! custom stem mark, never inside the exported term) and `partOfSpeech: …` for a part of
//! speech outside TBX-Basic's picklist.
//!
//! Statuses: `administrativeStatus` preferred/admitted/deprecated/superseded map to the
//! [`TermStatus`] of the same name; a `normativeAuthorization` of deprecated or
//! forbidden (memoQ, Trados), any status saying "forbidden", or the `status: forbidden`
//! note makes the term [`TermStatus::Forbidden`]. A forbidden term is written the
//! TBX-Basic way, `deprecatedTerm-admn-sts` ("do not use"), with the note beside it.
//!
//! A DTD is never fetched and a document that declares entities is refused, so no
//! entity expansion bomb can run; a document beyond the [`Limits`] is refused too.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use super::{Concept, Term, TermStatus};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limits, XmlFault, XmlLimits};
use crate::text::LineCounter;

mod write;

pub use write::{TbxVersion, write, xml_ids};

/// Why a TBX file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TbxError {
    /// The XML is not well-formed.
    #[error("line {line}: malformed TBX: {message}")]
    MalformedTbx {
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The document declares entities, which could expand without bound.
    #[error("line {line}: the document declares entities; they are refused for safety")]
    EntitiesRefused {
        /// 1-based line of the declaration.
        line: usize,
    },
    /// The root element is neither `tbx` (version 3) nor `martif` (version 2).
    #[error("line {line}: <{found}> is not a TBX root (expected <tbx> or <martif>)")]
    NotTbx {
        /// 1-based line of the root element.
        line: usize,
        /// The root element's name.
        found: String,
    },
    /// A language section without a usable language.
    #[error("line {line}: language section without a valid xml:lang ({value:?})")]
    BadLanguage {
        /// 1-based line of the section.
        line: usize,
        /// The attribute's value, empty when missing.
        value: String,
    },
    /// The document goes beyond one of the [`Limits`].
    #[error("line {line}: {exceeded}")]
    Limit {
        /// 1-based line where the limit was reached.
        line: usize,
        /// The limit.
        exceeded: Exceeded,
    },
    /// A term outside any language section.
    #[error("line {line}: <term> outside a language section")]
    TermOutsideLanguage {
        /// 1-based line of the term.
        line: usize,
    },
}

/// The element whose text is being collected.
enum Collecting {
    Term,
    ConceptField(String),
    LanguageField(String, LanguageTag),
    TermNote(String),
    TermComment,
}

/// The term being read, with the notes that may carry what TBX-Basic has no data
/// category for; they are sorted out when the term ends.
struct TermBeingRead {
    term: Term,
    notes: Vec<String>,
}

impl TermBeingRead {
    /// The term, its `name: value` notes taken back into status, stem and part of
    /// speech; the other notes, one a line, are its note.
    fn finish(mut self) -> Term {
        let mut plain = Vec::new();
        for note in self.notes {
            match named_note(&note) {
                _ if note == FORBIDDEN => self.term.status = TermStatus::Forbidden,
                Some((STEM, stem)) if stem.replace('|', "").trim() == self.term.text => {
                    self.term.text = stem.to_string();
                }
                Some((PART_OF_SPEECH, pos)) => self.term.part_of_speech = Some(pos.to_string()),
                Some(("note", text)) => plain.push(text.to_string()),
                _ => plain.push(note),
            }
        }
        if !plain.is_empty() {
            self.term.note = Some(plain.join("\n"));
        }
        self.term
    }
}

fn attr(checks: &XmlLimits, e: &BytesStart, names: &[&[u8]]) -> Option<String> {
    checks
        .attributes(e)
        .flatten()
        .find(|a| names.contains(&a.key.as_ref()))
        .map(|a| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
}

fn status_of(kind: &str, value: &str) -> Option<TermStatus> {
    let v = value.to_ascii_lowercase();
    if v.contains("forbidden") || (kind == "normativeAuthorization" && v.contains("deprecated")) {
        return Some(TermStatus::Forbidden);
    }
    if kind != "administrativeStatus" && kind != "normativeAuthorization" {
        return None;
    }
    Some(if v.contains("superseded") || v.contains("obsolete") {
        TermStatus::Superseded
    } else if v.contains("deprecated") || v.contains("notrecommended") {
        TermStatus::Deprecated
    } else if v.contains("admitted") {
        TermStatus::Admitted
    } else {
        TermStatus::Preferred
    })
}

/// The TBX `administrativeStatus` of a status, in TBX-Basic's picklist: a forbidden
/// term is `deprecatedTerm-admn-sts`, TBX-Basic's "do not use", and carries the
/// [`FORBIDDEN`] note besides.
fn admin_status(status: TermStatus) -> &'static str {
    match status {
        TermStatus::Preferred => "preferredTerm-admn-sts",
        TermStatus::Admitted => "admittedTerm-admn-sts",
        TermStatus::Deprecated | TermStatus::Forbidden => "deprecatedTerm-admn-sts",
        TermStatus::Superseded => "supersededTerm-admn-sts",
    }
}

/// The term note that tells a forbidden term from a deprecated one.
const FORBIDDEN: &str = "status: forbidden";
/// The name of the term note holding the term with memoQ's stem marks.
const STEM: &str = "stem";
/// The name of the term note holding a part of speech outside TBX-Basic's picklist.
const PART_OF_SPEECH: &str = "partOfSpeech";
/// The concept field TBX calls `subjectField`, named as the tables name it.
const SUBJECT: &str = "subject";

/// A `note` of the form `name: value` that carries a field TBX-Basic has no data
/// category for: its name and value. The name is what comes before the first `: ` on
/// the note's first line, so any field name travels; a note from another tool that
/// reads that way ("Usage: formal texts only") becomes a field of that name, and goes
/// out again as the same note. A note that only looks named is written as `note: …`
/// (see [`plain_note`]).
fn named_note(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once(": ")?;
    let named = !name.trim().is_empty() && !name.contains('\n') && name.chars().count() <= 64;
    (named && !value.trim().is_empty()).then_some((name, value))
}

/// A plain note as written: one that [`named_note`] would take for a field ("Usage:
/// formal texts only") is prefixed with `note: `, so it reads back as a note.
fn plain_note(text: &str) -> String {
    if named_note(text).is_some() {
        format!("note: {text}")
    } else {
        text.to_string()
    }
}

/// Read every concept of a TBX document (version 2 or 3) within `limits`.
pub fn read(data: &str, limits: &Limits) -> Result<Vec<Concept>, TbxError> {
    let mut checks = XmlLimits::new(limits);
    read_with(data, limits, &mut LineCounter::new(data), &mut checks)
}

/// [`read`], naming lines with `lines` and checking elements with `checks`.
fn read_with(
    data: &str,
    limits: &Limits,
    lines: &mut LineCounter,
    checks: &mut XmlLimits,
) -> Result<Vec<Concept>, TbxError> {
    let mut reader = Reader::from_str(data);
    let mut concepts = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang: Option<LanguageTag> = None;
    let mut term: Option<TermBeingRead> = None;
    let mut collecting: Option<(Collecting, String)> = None;
    let mut root_seen = false;
    let mut entries = 0usize;
    // Elements open at the end of the file mean it was cut short: an error, not a
    // glossary quietly missing its last concepts.
    let mut open: Vec<String> = Vec::new();
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| TbxError::MalformedTbx {
            line: lines.at(pos),
            message: e.to_string(),
        })?;
        let line = lines.at(pos);
        checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => TbxError::Limit { line, exceeded },
            XmlFault::Malformed(message) => TbxError::MalformedTbx { line, message },
        })?;
        // Once the root has closed only comments and white space may follow: concepts
        // after it, or in a second root, are not part of the glossary the file
        // describes, and importing around them would report a part as the whole.
        let after_root = root_seen && open.is_empty();
        match event {
            Event::Start(e) | Event::Empty(e) if after_root => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(TbxError::MalformedTbx {
                    line,
                    message: format!("<{name}> after the end of the root element"),
                });
            }
            Event::Text(t) if after_root && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(TbxError::MalformedTbx {
                    line,
                    message: "text after the end of the root element".into(),
                });
            }
            Event::CData(_) if after_root => {
                return Err(TbxError::MalformedTbx {
                    line,
                    message: "text after the end of the root element".into(),
                });
            }
            Event::DocType(d) if String::from_utf8_lossy(&d).contains("<!ENTITY") => {
                return Err(TbxError::EntitiesRefused { line });
            }
            Event::Empty(e) if !root_seen => {
                let found = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if found != "tbx" && found != "martif" {
                    return Err(TbxError::NotTbx { line, found });
                }
                // An empty glossary, unless something follows.
                root_seen = true;
            }
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                open.push(name.clone());
                if !root_seen {
                    root_seen = true;
                    if name != "tbx" && name != "martif" {
                        return Err(TbxError::NotTbx { line, found: name });
                    }
                    continue;
                }
                match name.as_str() {
                    "conceptEntry" | "termEntry" => {
                        entries += 1;
                        // translate-toolkit writes entries without ids: each is named by
                        // its place, so that importing them cannot merge them.
                        let id = attr(checks, &e, &[b"id"])
                            .filter(|id| !id.trim().is_empty())
                            .unwrap_or_else(|| format!("entry-{entries}"));
                        concept = Some(Concept {
                            id,
                            ..Concept::default()
                        });
                    }
                    "langSec" | "langSet" => {
                        let value = attr(checks, &e, &[b"xml:lang", b"lang"]).unwrap_or_default();
                        lang = Some(
                            LanguageTag::parse(&value)
                                .map_err(|_| TbxError::BadLanguage { line, value })?,
                        );
                    }
                    "termSec" | "tig" | "ntig" => {}
                    "term" => {
                        let Some(l) = &lang else {
                            return Err(TbxError::TermOutsideLanguage { line });
                        };
                        term = Some(TermBeingRead {
                            term: Term::new(l.clone(), String::new()),
                            notes: Vec::new(),
                        });
                        collecting = Some((Collecting::Term, String::new()));
                    }
                    "descrip" | "note" | "termNote" if concept.is_some() => {
                        let kind = data_category(
                            attr(checks, &e, &[b"type"]).unwrap_or_else(|| name.clone()),
                        );
                        let target = match (&term, &lang, name.as_str()) {
                            (Some(_), _, "termNote") => Collecting::TermNote(kind),
                            (Some(_), _, "note") => Collecting::TermComment,
                            (_, Some(l), _) => Collecting::LanguageField(kind, l.clone()),
                            _ => Collecting::ConceptField(kind),
                        };
                        collecting = Some((target, String::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, buf)) = &mut collecting {
                    let text = t.unescape().map_err(|e| TbxError::MalformedTbx {
                        line,
                        message: e.to_string(),
                    })?;
                    buf.push_str(&text);
                    limits
                        .check_text(buf)
                        .map_err(|exceeded| TbxError::Limit { line, exceeded })?;
                }
            }
            Event::CData(t) => {
                if let Some((_, buf)) = &mut collecting {
                    buf.push_str(&String::from_utf8_lossy(&t));
                    limits
                        .check_text(buf)
                        .map_err(|exceeded| TbxError::Limit { line, exceeded })?;
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                open.pop();
                match name.as_str() {
                    "term" | "descrip" | "note" | "termNote" => {
                        if let Some((target, text)) = collecting.take() {
                            let text = text.trim().to_string();
                            apply(target, text, &mut concept, &mut term);
                        }
                    }
                    "termSec" | "tig" | "ntig" => {
                        if let (Some(c), Some(t)) = (&mut concept, term.take())
                            && !t.term.text.is_empty()
                        {
                            c.terms.push(t.finish());
                        }
                    }
                    "langSec" | "langSet" => lang = None,
                    "conceptEntry" | "termEntry" => {
                        if let Some(c) = concept.take()
                            && !c.terms.is_empty()
                        {
                            concepts.push(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => {
                if let Some(name) = open.last() {
                    return Err(TbxError::MalformedTbx {
                        line,
                        message: format!("the file ends inside <{name}>"),
                    });
                }
                break;
            }
            _ => {}
        }
    }
    if !root_seen {
        return Err(TbxError::MalformedTbx {
            line: 1,
            message: "no root element".into(),
        });
    }
    Ok(concepts)
}

/// A data category's TBX name: SDL MultiTerm writes its types capitalised ("Definition",
/// "Context") where TBX names them in camel case ("definition"), and both must land in
/// the same field.
fn data_category(mut kind: String) -> String {
    if let Some(first) = kind.chars().next().filter(char::is_ascii_uppercase) {
        kind.replace_range(..1, &first.to_ascii_lowercase().to_string());
    }
    kind
}

fn apply(
    target: Collecting,
    text: String,
    concept: &mut Option<Concept>,
    term: &mut Option<TermBeingRead>,
) {
    if text.is_empty() {
        return;
    }
    match target {
        Collecting::Term => {
            if let Some(t) = term {
                t.term.text = text;
            }
        }
        Collecting::TermNote(kind) => {
            if let Some(TermBeingRead { term: t, .. }) = term {
                if kind == "partOfSpeech" {
                    t.part_of_speech = Some(text);
                } else if let Some(status) = status_of(&kind, &text) {
                    // A forbidden verdict from any status category wins over the others.
                    if t.status != TermStatus::Forbidden {
                        t.status = status;
                    }
                }
            }
        }
        Collecting::TermComment => {
            if let Some(t) = term {
                t.notes.push(text);
            }
        }
        Collecting::ConceptField(kind) => {
            if let Some(c) = concept {
                let (name, value) = field(&kind, &text);
                add_field(c, name.to_string(), value);
            }
        }
        Collecting::LanguageField(kind, lang) => {
            if let Some(c) = concept {
                let (name, value) = field(&kind, &text);
                add_field(c, format!("{name}[{lang}]"), value);
            }
        }
    }
}

/// The field a concept- or language-level element of data category `kind` holding
/// `text` stands for: its name and value.
fn field<'a>(kind: &'a str, text: &'a str) -> (&'a str, &'a str) {
    let (name, value) = match kind {
        "note" => named_note(text).unwrap_or(("note", text)),
        _ => (kind, text),
    };
    (
        if name == "subjectField" {
            SUBJECT
        } else {
            name
        },
        value,
    )
}

/// Add field `name`; a field given twice (two notes) keeps both values, one a line.
fn add_field(concept: &mut Concept, name: String, value: &str) {
    concept
        .fields
        .entry(name)
        .and_modify(|v| {
            v.push('\n');
            v.push_str(value);
        })
        .or_insert_with(|| value.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::csv;
    use crate::limits::Limit;

    fn read(data: &str) -> Result<Vec<Concept>, TbxError> {
        super::read(data, &Limits::default())
    }

    const V2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">diplomacy</descrip>
      <langSet xml:lang="en-US">
        <descrip type="definition">A forum of regions of two states.</descrip>
        <tig><term>inter-regional forum</term><termNote type="partOfSpeech">noun</termNote></tig>
      </langSet>
      <langSet lang="ru">
        <ntig><termGrp><term>межрегиональный форум</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>межрегиональная встреча</term>
          <termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
      </langSet>
      <langSet xml:lang="az-Latn-AZ">
        <tig><term>regionlararası forum</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          <note>Used in official texts since 2012.</note></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>"#;

    #[test]
    fn reads_version_2_with_statuses_and_language_level_data() {
        let concepts = read(V2).unwrap();
        assert_eq!(concepts.len(), 1);
        let c = &concepts[0];
        assert_eq!(c.id, "c1");
        assert_eq!(
            c.fields["subject"], "diplomacy",
            "subjectField, named as tables name it"
        );
        assert_eq!(
            c.fields["definition[en]"],
            "A forum of regions of two states."
        );
        let summary: Vec<(&str, &str, TermStatus)> = c
            .terms
            .iter()
            .map(|t| (t.lang.as_str(), t.text.as_str(), t.status))
            .collect();
        assert_eq!(
            summary,
            [
                ("en", "inter-regional forum", TermStatus::Preferred),
                ("ru", "межрегиональный форум", TermStatus::Preferred),
                ("ru", "межрегиональная встреча", TermStatus::Forbidden),
                ("az", "regionlararası forum", TermStatus::Admitted),
            ]
        );
        assert_eq!(c.terms[0].part_of_speech.as_deref(), Some("noun"));
        assert_eq!(
            c.terms[3].note.as_deref(),
            Some("Used in official texts since 2012.")
        );
    }

    #[test]
    fn reads_what_sdl_multiterm_exports() {
        let concepts = read(include_str!("../../../../tests/fixtures/tbx/multiterm.tbx")).unwrap();
        let ids: Vec<&str> = concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c101", "c102"]);
        let visit = &concepts[0];
        assert_eq!(visit.fields["subject"], "Diplomacy");
        assert!(visit.fields["definition[en]"].starts_with("A visit by a head of state"));
        assert!(visit.fields["context[ru]"].contains("государственным визитом"));
        let terms: Vec<(&str, &str)> = visit
            .terms
            .iter()
            .map(|t| (t.lang.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                ("en", "state visit"),
                ("ru", "государственный визит"),
                ("az", "dövlət səfəri"),
            ]
        );
        assert_eq!(visit.terms[1].part_of_speech.as_deref(), Some("noun"));
        let mou = &concepts[1];
        assert!(mou.fields["definition"].starts_with("A document recording"));
        let statuses: Vec<(&str, TermStatus)> = mou
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("memorandum of understanding", TermStatus::Preferred),
                ("MoU", TermStatus::Admitted),
                ("меморандум о взаимопонимании", TermStatus::Preferred),
                ("anlaşma memorandumu", TermStatus::Preferred),
                (
                    "qarşılıqlı anlaşma haqqında memorandum",
                    TermStatus::Forbidden
                ),
            ]
        );
    }

    #[test]
    fn version_3_round_trips_everything_it_keeps() {
        let mut concepts = read(V2).unwrap();
        concepts.extend(
            csv::read(
                include_str!("../../../../glossary/diplomatic.csv"),
                b',',
                None,
                &Limits::default(),
            )
            .unwrap(),
        );
        concepts[1].terms[1].status = TermStatus::Deprecated;
        concepts[2]
            .fields
            .insert("note".into(), "<b>markup</b> & text".into());
        let mut out = Vec::new();
        write(&mut out, &concepts, TbxVersion::V3).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(
            r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#
        ));
        assert!(
            xml.contains("&lt;b&gt;markup&lt;/b&gt; &amp; text"),
            "escaped"
        );
        assert_eq!(read(&xml).unwrap(), concepts);
    }

    /// The terms of `concepts` as `lang:text:status`, one concept a line.
    fn terms(concepts: &[Concept]) -> Vec<String> {
        concepts
            .iter()
            .map(|c| {
                let terms: Vec<String> = c
                    .terms
                    .iter()
                    .map(|t| format!("{}:{}:{:?}", t.lang, t.text, t.status))
                    .collect();
                format!("{} {}", c.id, terms.join(" "))
            })
            .collect()
    }

    #[test]
    fn reads_what_memoq_exports_and_both_versions_carry_it_back() {
        let concepts = read(include_str!("../../../../tests/fixtures/tbx/memoq.tbx")).unwrap();
        assert_eq!(
            terms(&concepts),
            [
                "_1 en:treaty:Preferred en:pact:Admitted ru:договор|:Preferred \
                 ru:трактат:Superseded ru:пакт:Deprecated az:müqavilə|:Preferred \
                 az:dogovor:Forbidden",
                "_2 en:inter-regional forum:Preferred ru:межрегиональный форум:Preferred \
                 ru:межрегиональная встреча:Forbidden",
            ]
        );
        let treaty = &concepts[0];
        assert_eq!(treaty.fields["subject"], "law");
        assert_eq!(
            treaty.fields["context[ru]"],
            "Стороны подписали договор о дружбе."
        );
        assert!(treaty.fields["definition[ru]"].starts_with("Письменное"));
        assert_eq!(treaty.terms[3].note.as_deref(), Some("Historical usage."));
        assert_eq!(
            concepts[1].terms[0].part_of_speech.as_deref(),
            Some("noun phrase")
        );
        for version in [TbxVersion::V3, TbxVersion::V2] {
            let mut out = Vec::new();
            write(&mut out, &concepts, version).unwrap();
            let xml = String::from_utf8(out).unwrap();
            for term in xml.split("<term>").skip(1) {
                let text = &term[..term.find("</term>").unwrap()];
                assert!(
                    !text.contains('|'),
                    "{version:?}: stem mark in <term>{text}"
                );
            }
            assert!(xml.contains("<note>stem: договор|</note>"), "{version:?}");
            assert!(!xml.contains("normativeAuthorization"), "{version:?}");
            assert!(!xml.contains("forbiddenTerm"), "{version:?}");
            assert_eq!(
                xml.matches("deprecatedTerm-admn-sts").count(),
                3,
                "{version:?}: TBX-Basic's do-not-use for the deprecated and two forbidden terms"
            );
            assert_eq!(xml.matches(FORBIDDEN).count(), 2, "{version:?}");
            assert!(
                xml.contains("<note>partOfSpeech: noun phrase</note>"),
                "{version:?}"
            );
            assert_eq!(read(&xml).unwrap(), concepts, "{version:?}");
        }
    }

    #[test]
    fn a_deprecated_term_from_another_tool_comes_back_deprecated() {
        let v3 = r#"<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
            <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>pact</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            </termSec></langSec></conceptEntry></body></text></tbx>"#;
        let concepts = read(v3).unwrap();
        assert_eq!(concepts[0].terms[0].status, TermStatus::Deprecated);
        let mut out = Vec::new();
        write(&mut out, &concepts, TbxVersion::V3).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(">deprecatedTerm-admn-sts<"), "{xml}");
        assert!(
            !xml.contains("superseded") && !xml.contains(FORBIDDEN),
            "{xml}"
        );
    }

    #[test]
    fn entries_without_ids_stay_apart() {
        let concepts = read(include_str!(
            "../../../../tests/fixtures/tbx/translate-toolkit.tbx"
        ))
        .unwrap();
        let ids: Vec<&str> = concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["entry-1", "entry-2", "entry-3"]);
        assert_eq!(concepts[0].fields["note"], "diplomacy");
    }

    #[test]
    fn ids_are_xml_ids_unique_in_the_file_and_the_same_in_every_export() {
        let concept = |id: &str| Concept {
            id: id.into(),
            terms: vec![Term::new(LanguageTag::parse("en").unwrap(), "treaty")],
            ..Concept::default()
        };
        let concepts: Vec<Concept> = [
            "межрегиональный форум",
            "R&D <unit>",
            "treaty",
            "treaty",
            "dip-001",
            "",
        ]
        .into_iter()
        .map(concept)
        .collect();
        let ids = xml_ids(&concepts);
        assert_eq!(ids, xml_ids(&concepts), "stable");
        assert_eq!(&ids[2..5], ["treaty", "treaty-2", "dip-001"]);
        for id in [&ids[0], &ids[1], &ids[5]] {
            assert!(id.starts_with("c-") && id.len() == 18, "{id}: generated");
        }
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        let mut out = Vec::new();
        write(&mut out, &concepts, TbxVersion::V3).unwrap();
        let back = read(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(back.len(), concepts.len(), "no two concepts merged");
        assert_eq!(back.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), ids);
    }

    #[test]
    fn fields_beyond_tbx_basic_travel_as_named_notes() {
        let mut concepts = read(V2).unwrap();
        let c = &mut concepts[0];
        c.fields.insert("source".into(), "UN Terminology".into());
        c.fields
            .insert("note".into(), "Usage: formal texts only".into());
        c.fields.insert("context".into(), "no language".into());
        c.terms[0].note = Some("first line\nsecond: line".into());
        let mut out = Vec::new();
        write(&mut out, &concepts, TbxVersion::V3).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<note>source: UN Terminology</note>"), "{xml}");
        assert!(
            xml.contains("<note>note: Usage: formal texts only</note>"),
            "{xml}"
        );
        assert!(!xml.contains("type=\"subject\""), "{xml}");
        assert_eq!(read(&xml).unwrap(), concepts);
    }

    #[test]
    fn refuses_entity_declarations() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig></langSet></termEntry></body></text></martif>"#;
        assert_eq!(read(bomb), Err(TbxError::EntitiesRefused { line: 2 }));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            read("<martif type=\"TBX\"/>"),
            Ok(Vec::new()),
            "an empty glossary is no error"
        );
        assert_eq!(
            read("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>"),
            Err(TbxError::NotTbx {
                line: 2,
                found: "tmx".into()
            })
        );
        let broken =
            "<martif>\n<text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>x</tig>";
        assert!(
            matches!(read(broken), Err(TbxError::MalformedTbx { line: 3, .. })),
            "{:?}",
            read(broken)
        );
        let cut_short = "<tbx>\n<text><body><conceptEntry>\n<langSec xml:lang=\"en\"><termSec><term>x</term></termSec>";
        assert_eq!(
            read(cut_short),
            Err(TbxError::MalformedTbx {
                line: 3,
                message: "the file ends inside <langSec>".into()
            })
        );
        let no_lang = "<tbx>\n<text><body><conceptEntry>\n<langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>";
        assert_eq!(
            read(no_lang),
            Err(TbxError::BadLanguage {
                line: 3,
                value: String::new()
            })
        );
    }

    #[test]
    fn content_after_the_root_refuses_the_whole_file() {
        let entry = "<termEntry><langSet xml:lang=\"en\"><tig><term>forum</term></tig></langSet></termEntry>";
        let whole = |body: &str| format!("<martif>\n<text><body>{body}</body></text></martif>");
        let malformed = |tbx: String| match read(&tbx) {
            Err(TbxError::MalformedTbx { line, message }) => (line, message),
            other => panic!("{other:?} for {tbx}"),
        };
        assert_eq!(
            malformed(format!("{}\n{entry}", whole(entry))),
            (3, "<termEntry> after the end of the root element".into())
        );
        assert_eq!(
            malformed(format!("{}\n\n{}", whole(entry), whole(entry))),
            (4, "<martif> after the end of the root element".into())
        );
        assert_eq!(
            malformed(format!("{}\nstray", whole(entry))),
            (2, "text after the end of the root element".into())
        );
        assert_eq!(
            malformed(format!("<martif/>\n{}", whole(entry))),
            (2, "<martif> after the end of the root element".into())
        );
        let clean = format!("{}\n<!-- exported -->\n", whole(entry));
        assert_eq!(read(&clean).unwrap().len(), 1);
    }

    /// A version 2 glossary of `n` concepts in three languages, one element a line.
    fn generated(n: usize) -> String {
        let mut tbx =
            String::from("<?xml version=\"1.0\"?>\n<martif type=\"TBX\">\n<text><body>\n");
        for i in 0..n {
            tbx.push_str(&format!(
                "<termEntry id=\"c{i}\">\n<descrip type=\"subjectField\">diplomacy</descrip>\n\
                 <langSet xml:lang=\"en\"><tig><term>forum {i}</term></tig></langSet>\n\
                 <langSet xml:lang=\"ru\"><tig><term>форум {i}</term></tig></langSet>\n\
                 <langSet xml:lang=\"az\"><tig><term>forum {i}</term></tig></langSet>\n</termEntry>\n"
            ));
        }
        tbx.push_str("</body></text>\n</martif>\n");
        tbx
    }

    #[test]
    fn line_numbering_work_grows_linearly_with_the_file() {
        let work = |n: usize| {
            let tbx = generated(n);
            let limits = Limits::default();
            let mut lines = LineCounter::new(&tbx);
            let mut checks = XmlLimits::new(&limits);
            let read = read_with(&tbx, &limits, &mut lines, &mut checks).unwrap();
            assert_eq!(read.len(), n);
            (lines.scanned(), checks.work())
        };
        let (small, large) = (work(500), work(2000));
        assert!(
            large.0 <= 5 * small.0,
            "4× the concepts cost {} bytes scanned against {}",
            large.0,
            small.0
        );
        assert!(
            large.1 <= 5 * small.1,
            "4× the concepts cost {} events and attributes against {}",
            large.1,
            small.1
        );
    }

    /// Issue 19, finding 9 (part): a minified glossary, one line longer than the old
    /// 1 MiB line limit, is read; nesting, attributes and term length are limited.
    #[test]
    fn a_minified_glossary_is_read_within_the_limits() {
        let minified = generated(10_000).replace('\n', "");
        assert!(minified.len() > 1 << 20);
        let limits = Limits::default();
        assert_eq!(super::read(&minified, &limits).unwrap().len(), 10_000);
        let glossary = crate::glossary::file::GlossaryFile::Tbx
            .read(minified.as_bytes(), None, &[], &limits)
            .unwrap();
        assert_eq!(glossary.len(), 10_000);
        let deep = format!(
            "<martif><text><body>{}</body></text></martif>",
            "<hi>".repeat(1000) + &"</hi>".repeat(1000)
        );
        assert!(matches!(
            super::read(&deep, &limits),
            Err(TbxError::Limit { exceeded, .. }) if exceeded.limit == Limit::Depth
        ));
        let long = generated(1).replace("forum 0", &"forum ".repeat(100));
        let short = limits.with(Limit::SegmentBytes, 100);
        assert!(matches!(
            super::read(&long, &short),
            Err(TbxError::Limit { line: 6, exceeded }) if exceeded.limit == Limit::SegmentBytes
        ));
    }
}
