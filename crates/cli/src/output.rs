//! Every JSON object `dragoman` prints (with `--json`, or as `--format jsonl`), one type
//! each, and [`write_line`], the one way they are printed.
//!
//! The shapes are a contract with scripts, so they are written out here rather than
//! borrowed from the core's types: those also travel to the app, and a field renamed
//! for the app must not silently change what a script reads. A change here shows in the
//! snapshots of `tests/cli/json.rs`. Times are seconds since 1970; languages are tags
//! ("ru"); byte offsets are into the UTF-8 text.

use std::collections::BTreeMap;
use std::io::Write;

use dragoman_core::LanguageTag;
use dragoman_core::editor::{ApprovalReport, EditableAlignment, ProjectInfo};
use dragoman_core::glossary::memory_terms::MemoryTerm;
use dragoman_core::glossary::qa::QaIssue;
use dragoman_core::glossary::recognize::TermHit;
use dragoman_core::glossary::{Concept, TermStatus};
use dragoman_core::store::concepts::ImportReport as ConceptsReport;
use dragoman_core::store::glossary::{ConceptImport, GlossaryInfo, StoredConcept};
use dragoman_core::store::team::{Pending, TeamLink};
use dragoman_core::store::units::{Deletion, MemoryStats};
use dragoman_core::team::SyncReport;
use dragoman_core::tm::concordance::ConcordanceHit;
use dragoman_core::tm::exchange::ImportReport;
use dragoman_core::tm::fragments::{Fragment, Training};
use dragoman_core::tm::{Lookup, Match, MatchKind, UnitMetadata, WordChange};
use dragoman_core::{Alignment, Document};
use serde::Serialize;

/// Write `value` as one line of JSON.
pub fn write_line<W: Write + ?Sized>(out: &mut W, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// A language tag as a string.
fn tag(lang: &LanguageTag) -> &str {
    lang.as_str()
}

// `dragoman tm`

/// `tm import`: what the import did.
#[derive(Serialize)]
pub struct TmImport<'a> {
    header: TmxHeader<'a>,
    added: u64,
    skipped: u64,
    merged: u64,
    overwritten: u64,
    rejected: Vec<RejectedUnit<'a>>,
}

/// The TMX file's header as written (empty for a table).
#[derive(Serialize)]
struct TmxHeader<'a> {
    /// `[name, value]` of each attribute.
    attributes: &'a [(String, String)],
    /// `[type, text]` of each `prop`.
    props: &'a [(String, String)],
    notes: &'a [String],
}

/// A unit left out, with the line of its `<tu>`.
#[derive(Serialize)]
struct RejectedUnit<'a> {
    line: usize,
    reason: &'a str,
}

impl<'a> From<&'a ImportReport> for TmImport<'a> {
    fn from(r: &'a ImportReport) -> Self {
        Self {
            header: TmxHeader {
                attributes: &r.header.attributes,
                props: &r.header.props,
                notes: &r.header.notes,
            },
            added: r.added,
            skipped: r.skipped,
            merged: r.merged,
            overwritten: r.overwritten,
            rejected: r
                .rejected
                .iter()
                .map(|x| RejectedUnit {
                    line: x.line,
                    reason: &x.reason,
                })
                .collect(),
        }
    }
}

/// `tm export`: the file and how many units went into it.
#[derive(Serialize)]
pub struct TmExport {
    pub file: String,
    pub units: u64,
}

/// `tm lookup`: one query's matches, best first.
#[derive(Serialize)]
pub struct LookupAnswer<'a> {
    query: &'a str,
    matches: Vec<TmMatch<'a>>,
    /// How many stored segments were compared with the query.
    candidates: usize,
}

impl<'a> LookupAnswer<'a> {
    pub fn new(query: &'a str, found: &'a Lookup) -> Self {
        Self {
            query,
            matches: found.matches.iter().map(TmMatch::from).collect(),
            candidates: found.candidates,
        }
    }
}

/// `tm fragments`: one query's fragments, best first.
#[derive(Serialize)]
pub struct FragmentsAnswer<'a> {
    query: &'a str,
    fragments: Vec<FragmentLine<'a>>,
}

impl<'a> FragmentsAnswer<'a> {
    pub fn new(query: &'a str, found: &'a [Fragment]) -> Self {
        Self {
            query,
            fragments: found.iter().map(FragmentLine::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct FragmentLine<'a> {
    source: &'a str,
    target: &'a str,
    /// Byte offsets of `source` in the query.
    start: usize,
    end: usize,
    units: usize,
    score: f64,
    confidence: f64,
    /// The newest unit holding it.
    unit: i64,
}

impl<'a> From<&'a Fragment> for FragmentLine<'a> {
    fn from(f: &'a Fragment) -> Self {
        Self {
            source: &f.source,
            target: &f.target,
            start: f.start,
            end: f.end,
            units: f.units,
            score: f.score,
            confidence: f.confidence,
            unit: f.unit.0,
        }
    }
}

/// `tm train-align`: what training did.
#[derive(Serialize)]
pub struct AlignmentTraining<'a> {
    src: &'a str,
    tgt: &'a str,
    retrained: bool,
    trained_on: u64,
    aligned: u64,
}

impl<'a> AlignmentTraining<'a> {
    pub fn new(src: &'a LanguageTag, tgt: &'a LanguageTag, t: &Training) -> Self {
        Self {
            src: tag(src),
            tgt: tag(tgt),
            retrained: t.retrained,
            trained_on: t.trained_on,
            aligned: t.aligned,
        }
    }
}

#[derive(Serialize)]
struct TmMatch<'a> {
    unit: i64,
    /// What the match was made from.
    #[serde(flatten)]
    kind: Kind,
    /// 0–100, or 101 for a context match.
    score: u8,
    source: &'a str,
    target: &'a str,
    target_markup: Option<&'a str>,
    diff: Vec<DiffWord<'a>>,
    meta: UnitMeta<'a>,
}

/// What a match was made from: `"kind": "unit"`, `"sentence"` with the sentence's
/// `position` in its unit, or `"joined"` with the `units` joined.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Kind {
    Unit,
    Sentence { position: u32 },
    Joined { units: Vec<i64> },
}

impl From<&MatchKind> for Kind {
    fn from(k: &MatchKind) -> Self {
        match k {
            MatchKind::Unit => Self::Unit,
            MatchKind::Sentence { position } => Self::Sentence {
                position: *position,
            },
            MatchKind::Joined { units } => Self::Joined {
                units: units.iter().map(|u| u.0).collect(),
            },
        }
    }
}

impl<'a> From<&'a Match> for TmMatch<'a> {
    fn from(m: &'a Match) -> Self {
        Self {
            unit: m.unit.0,
            kind: Kind::from(&m.kind),
            score: m.score.0,
            source: &m.source,
            target: &m.target,
            target_markup: m.target_markup.as_deref(),
            diff: m.diff.iter().map(DiffWord::from).collect(),
            meta: UnitMeta::from(&m.meta),
        }
    }
}

/// One word of the stored source against the query.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum DiffWord<'a> {
    Same { word: &'a str },
    Inserted { word: &'a str },
    Deleted { word: &'a str },
    Changed { from: &'a str, to: &'a str },
}

impl<'a> From<&'a WordChange> for DiffWord<'a> {
    fn from(c: &'a WordChange) -> Self {
        match c {
            WordChange::Same { word } => Self::Same { word },
            WordChange::Inserted { word } => Self::Inserted { word },
            WordChange::Deleted { word } => Self::Deleted { word },
            WordChange::Changed { from, to } => Self::Changed { from, to },
        }
    }
}

#[derive(Serialize)]
struct UnitMeta<'a> {
    created_at: i64,
    created_by: Option<&'a str>,
    changed_at: i64,
    changed_by: Option<&'a str>,
    origin: &'a str,
    document: Option<&'a str>,
    client: Option<&'a str>,
    domain: Option<&'a str>,
    project: Option<&'a str>,
    use_count: u32,
    last_used_at: Option<i64>,
    notes: &'a [String],
    /// `[type, value]` of the TMX `prop`s Dragoman has no field for.
    props: &'a [(String, String)],
}

impl<'a> From<&'a UnitMetadata> for UnitMeta<'a> {
    fn from(m: &'a UnitMetadata) -> Self {
        Self {
            created_at: m.created_at.0,
            created_by: m.created_by.as_deref(),
            changed_at: m.changed_at.0,
            changed_by: m.changed_by.as_deref(),
            origin: &m.origin,
            document: m.document.as_deref(),
            client: m.client.as_deref(),
            domain: m.domain.as_deref(),
            project: m.project.as_deref(),
            use_count: m.use_count,
            last_used_at: m.last_used_at.map(|t| t.0),
            notes: &m.notes,
            props: &m.props,
        }
    }
}

/// `tm concordance`: one segment containing the phrase.
#[derive(Serialize)]
pub struct ConcordanceLine<'a> {
    unit: i64,
    lang: &'a str,
    text: &'a str,
    /// `[start, end)` byte ranges of each occurrence in `text`.
    highlights: &'a [(usize, usize)],
    /// `[lang, text]` of the unit's other variants.
    translations: Vec<(&'a str, &'a str)>,
    changed_at: i64,
}

impl<'a> From<&'a ConcordanceHit> for ConcordanceLine<'a> {
    fn from(h: &'a ConcordanceHit) -> Self {
        Self {
            unit: h.unit.0,
            lang: tag(&h.lang),
            text: &h.text,
            highlights: &h.highlights,
            translations: h
                .translations
                .iter()
                .map(|(lang, text)| (tag(lang), text.as_str()))
                .collect(),
            changed_at: h.changed_at.0,
        }
    }
}

/// `tm stats`: the database and its counts.
#[derive(Serialize)]
pub struct TmStats<'a> {
    db: String,
    stats: Counts<'a>,
}

#[derive(Serialize)]
struct Counts<'a> {
    units: u64,
    variants: u64,
    /// `[lang, variants]`, most first.
    languages: &'a [(String, u64)],
    /// `[origin, units]`, most first.
    origins: &'a [(String, u64)],
    indexed_words: u64,
}

impl<'a> TmStats<'a> {
    pub fn new(db: String, s: &'a MemoryStats) -> Self {
        Self {
            db,
            stats: Counts {
                units: s.units,
                variants: s.variants,
                languages: &s.languages,
                origins: &s.origins,
                indexed_words: s.indexed_words,
            },
        }
    }
}

/// `tm delete`.
#[derive(Serialize)]
pub struct TmDeletion {
    deleted: u64,
    /// Ids given that no unit has.
    not_found: Vec<i64>,
}

impl From<&Deletion> for TmDeletion {
    fn from(d: &Deletion) -> Self {
        Self {
            deleted: d.deleted,
            not_found: d.not_found.iter().map(|id| id.0).collect(),
        }
    }
}

// `dragoman glossary` and `dragoman qa`

/// `glossary import`: the file, the glossary it went into, what the import did.
#[derive(Serialize)]
pub struct GlossaryImport<'a> {
    file: String,
    glossary: &'a str,
    report: ConceptsImported<'a>,
}

#[derive(Serialize)]
struct ConceptsImported<'a> {
    added: usize,
    /// Known concepts that gained terms or fields, or were replaced: the word `glossary
    /// add` uses too, and the one this report had before it listed rejections.
    updated: usize,
    skipped: usize,
    rejected: Vec<RejectedConcept<'a>>,
    /// Lines of a table shorter than its header, read with the missing cells empty.
    #[serde(skip_serializing_if = "<[u64]>::is_empty")]
    short_rows: &'a [u64],
}

#[derive(Serialize)]
struct RejectedConcept<'a> {
    concept: &'a str,
    reason: &'a str,
}

impl<'a> GlossaryImport<'a> {
    pub fn new(file: String, glossary: &'a str, r: &'a ConceptsReport) -> Self {
        Self {
            file,
            glossary,
            report: ConceptsImported {
                added: r.added,
                updated: r.merged,
                skipped: r.skipped,
                rejected: r
                    .rejected
                    .iter()
                    .map(|x| RejectedConcept {
                        concept: &x.concept,
                        reason: &x.reason,
                    })
                    .collect(),
                short_rows: &r.short_rows,
            },
        }
    }
}

/// `glossary export`: the file and how many concepts went into it.
#[derive(Serialize)]
pub struct GlossaryExport {
    pub file: String,
    pub concepts: usize,
}

/// `glossary add`: the concept and whether it was new.
#[derive(Serialize)]
pub struct GlossaryAdd<'a> {
    glossary: &'a str,
    concept: &'a str,
    report: ConceptsAdded,
}

#[derive(Serialize)]
struct ConceptsAdded {
    added: usize,
    updated: usize,
    skipped: usize,
}

impl<'a> GlossaryAdd<'a> {
    pub fn new(glossary: &'a str, concept: &'a str, r: &ConceptImport) -> Self {
        Self {
            glossary,
            concept,
            report: ConceptsAdded {
                added: r.added,
                updated: r.updated,
                skipped: r.skipped,
            },
        }
    }
}

/// `glossary list`: one glossary.
#[derive(Serialize)]
pub struct GlossaryLine<'a> {
    id: i64,
    name: &'a str,
    priority: i64,
    enabled: bool,
    concepts: i64,
}

impl<'a> From<&'a GlossaryInfo> for GlossaryLine<'a> {
    fn from(g: &'a GlossaryInfo) -> Self {
        Self {
            id: g.id,
            name: &g.name,
            priority: g.priority,
            enabled: g.enabled,
            concepts: g.concepts,
        }
    }
}

/// `glossary find`: the terms found in one line (1-based).
#[derive(Serialize)]
pub struct TermsFound<'a> {
    line: usize,
    matches: Vec<TermFound<'a>>,
}

#[derive(Serialize)]
struct TermFound<'a> {
    concept: &'a str,
    glossary: &'a str,
    lang: &'a str,
    start: usize,
    end: usize,
    /// The words found, as the line writes them.
    text: &'a str,
    /// The glossary's term they are a form of.
    term: &'a str,
    status: Status,
    /// How sure the match is, rounded to three decimals.
    score: f32,
    /// Whether words of the line stand inside the term, between two of its words.
    split: bool,
    /// Those words, one entry for each place inside the term that has some.
    inserted: Vec<Inserted<'a>>,
    /// The concept's terms in the other languages, preferred first.
    translations: BTreeMap<&'a str, Vec<Translation<'a>>>,
}

/// Words of the line inside a split term ("российско-азербайджанском" in
/// "межрегиональном российско-азербайджанском форуме").
#[derive(Serialize)]
struct Inserted<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Translation<'a> {
    text: &'a str,
    status: Status,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Preferred,
    Admitted,
    Deprecated,
    Superseded,
    Forbidden,
}

impl From<TermStatus> for Status {
    fn from(s: TermStatus) -> Self {
        match s {
            TermStatus::Preferred => Self::Preferred,
            TermStatus::Admitted => Self::Admitted,
            TermStatus::Deprecated => Self::Deprecated,
            TermStatus::Superseded => Self::Superseded,
            TermStatus::Forbidden => Self::Forbidden,
        }
    }
}

impl<'a> TermsFound<'a> {
    /// The `hits` found in `text`, line `line`, in language `lang`, of an index built
    /// from `concepts`.
    pub fn new(
        line: usize,
        text: &'a str,
        lang: &LanguageTag,
        hits: &[TermHit],
        concepts: &'a [StoredConcept],
    ) -> Self {
        let matches = hits
            .iter()
            .map(|h| {
                let StoredConcept { concept, glossary } = &concepts[h.concept];
                let term = &concept.terms[h.term];
                TermFound {
                    concept: &concept.id,
                    glossary,
                    lang: tag(&term.lang),
                    start: h.span.start,
                    end: h.span.end,
                    text: &text[h.span.clone()],
                    term: &term.text,
                    status: term.status.into(),
                    score: (h.score * 1000.0).round() / 1000.0,
                    split: h.is_split(),
                    inserted: h
                        .inserted
                        .iter()
                        .map(|span| Inserted {
                            start: span.start,
                            end: span.end,
                            text: &text[span.clone()],
                        })
                        .collect(),
                    translations: translations(concept, lang),
                }
            })
            .collect();
        Self { line, matches }
    }
}

/// The concept's terms in languages other than `lang`, preferred first, by language.
fn translations<'a>(
    concept: &'a Concept,
    lang: &LanguageTag,
) -> BTreeMap<&'a str, Vec<Translation<'a>>> {
    let mut terms: Vec<_> = concept.terms.iter().filter(|t| &t.lang != lang).collect();
    terms.sort_by_key(|t| (t.lang.clone(), t.status as u8));
    let mut map: BTreeMap<&str, Vec<Translation>> = BTreeMap::new();
    for t in terms {
        map.entry(tag(&t.lang)).or_default().push(Translation {
            text: &t.text,
            status: t.status.into(),
        });
    }
    map
}

/// `glossary qa` and `qa`: one issue, with its line when the pair came from files.
#[derive(Serialize)]
pub struct QaLine<'a> {
    /// `missing-term`, `forbidden-term` or `numbers`.
    pub kind: &'static str,
    /// The issue for people.
    pub message: String,
    detail: QaDetail<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What the issue concerns; `kind` tells which.
#[derive(Serialize)]
#[serde(untagged)]
enum QaDetail<'a> {
    /// The source's term and the translations the target should have used.
    MissingTerm {
        concept: &'a str,
        start: usize,
        end: usize,
        expected: &'a [String],
    },
    /// The forbidden term in the target.
    ForbiddenTerm {
        concept: &'a str,
        start: usize,
        end: usize,
    },
    Numbers {
        missing: &'a [String],
        extra: &'a [String],
    },
}

impl<'a> QaLine<'a> {
    /// `issue` of the pair `source`, `target`, whose concepts are `concepts`.
    pub fn new(
        issue: &'a QaIssue,
        concepts: &'a [Concept],
        source: &str,
        target: &str,
        line: Option<usize>,
    ) -> Self {
        let (kind, message, detail) = match issue {
            QaIssue::MissingTerm {
                concept,
                source_span,
                expected,
            } => (
                "missing-term",
                format!(
                    "\"{}\" is not translated as {}",
                    &source[source_span.clone()],
                    expected.join(" / ")
                ),
                QaDetail::MissingTerm {
                    concept: &concepts[*concept].id,
                    start: source_span.start,
                    end: source_span.end,
                    expected,
                },
            ),
            QaIssue::ForbiddenTerm {
                concept,
                target_span,
            } => (
                "forbidden-term",
                format!("\"{}\" is a forbidden term", &target[target_span.clone()]),
                QaDetail::ForbiddenTerm {
                    concept: &concepts[*concept].id,
                    start: target_span.start,
                    end: target_span.end,
                },
            ),
            QaIssue::NumberMismatch { missing, extra } => (
                "numbers",
                format!("numbers differ: missing {missing:?}, extra {extra:?}"),
                QaDetail::Numbers { missing, extra },
            ),
        };
        Self {
            kind,
            message,
            detail,
            line,
        }
    }
}

/// `glossary suggest`: a term candidate from the memory.
#[derive(Serialize)]
pub struct Suggestion<'a> {
    /// The proposed term in each language.
    terms: BTreeMap<&'a str, &'a str>,
    /// In how many units the terms occur together.
    frequency: usize,
    dice: f64,
    /// Each example unit's text in each language, in `--langs` order.
    examples: &'a [Vec<Option<String>>],
}

impl<'a> From<&'a MemoryTerm> for Suggestion<'a> {
    fn from(s: &'a MemoryTerm) -> Self {
        Self {
            terms: s
                .terms
                .iter()
                .map(|(lang, term)| (tag(lang), term.as_str()))
                .collect(),
            frequency: s.frequency,
            dice: s.dice,
            examples: &s.examples,
        }
    }
}

// `dragoman alignment`

/// `alignment new`: the new project's id.
#[derive(Serialize)]
pub struct NewProject {
    pub id: i64,
}

/// `alignment list`: one project.
#[derive(Serialize)]
pub struct ProjectLine<'a> {
    id: i64,
    name: &'a str,
    languages: Vec<&'a str>,
    documents: &'a [String],
    created_at: i64,
    changed_at: i64,
    beads: u64,
    confirmed: u64,
    approved: u64,
}

impl<'a> From<&'a ProjectInfo> for ProjectLine<'a> {
    fn from(p: &'a ProjectInfo) -> Self {
        Self {
            id: p.id.0,
            name: &p.name,
            languages: p.languages.iter().map(tag).collect(),
            documents: &p.documents,
            created_at: p.created_at.0,
            changed_at: p.changed_at.0,
            beads: p.beads,
            confirmed: p.confirmed,
            approved: p.approved,
        }
    }
}

/// `alignment show`: a project's beads, a column per document.
#[derive(Serialize)]
pub struct ProjectBeads<'a> {
    languages: Vec<&'a str>,
    documents: &'a [String],
    beads: Vec<ProjectBead<'a>>,
}

#[derive(Serialize)]
struct ProjectBead<'a> {
    /// Per column, the segments' texts; empty where that document has none here.
    segments: &'a [Vec<String>],
    confidence: f32,
    confirmed: bool,
    approved: bool,
}

impl<'a> From<&'a EditableAlignment> for ProjectBeads<'a> {
    fn from(a: &'a EditableAlignment) -> Self {
        Self {
            languages: a.languages().iter().map(tag).collect(),
            documents: a.documents(),
            beads: a
                .beads()
                .iter()
                .map(|b| ProjectBead {
                    segments: &b.segments,
                    confidence: b.confidence,
                    confirmed: b.confirmed,
                    approved: b.approved,
                })
                .collect(),
        }
    }
}

/// `alignment approve`.
#[derive(Serialize)]
pub struct Approval {
    added: u64,
    duplicates: u64,
    already_approved: u64,
    too_few_sides: u64,
}

impl From<&ApprovalReport> for Approval {
    fn from(r: &ApprovalReport) -> Self {
        Self {
            added: r.added,
            duplicates: r.duplicates,
            already_approved: r.already_approved,
            too_few_sides: r.too_few_sides,
        }
    }
}

// Documents: `dragoman segment`, `align` and `pretranslate`

/// `segment --format jsonl`: one segment.
#[derive(Serialize)]
pub struct SegmentLine<'a> {
    pub start: usize,
    pub end: usize,
    pub paragraph: u32,
    pub text: &'a str,
}

/// `align --format jsonl`: one bead, the file `tm import` reads back with `--files`.
#[derive(Serialize)]
pub struct AlignedBead<'a> {
    /// One side per document, in the order given; `null` where it has nothing here.
    sides: Vec<Option<Side<'a>>>,
    /// The aligner's confidence, rounded to three decimals.
    score: f32,
}

#[derive(Serialize)]
struct Side<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> AlignedBead<'a> {
    /// Each bead of `alignment` over `docs`.
    pub fn all(docs: &'a [Document], alignment: &Alignment) -> Vec<Self> {
        alignment
            .beads
            .iter()
            .map(|bead| AlignedBead {
                sides: bead
                    .sides
                    .iter()
                    .zip(docs)
                    .map(|(range, doc)| {
                        doc.span_of(range).map(|span| Side {
                            start: span.start,
                            end: span.end,
                            text: &doc.text[span],
                        })
                    })
                    .collect(),
                score: (bead.confidence * 1000.0).round() / 1000.0,
            })
            .collect()
    }
}

/// `pretranslate --json`: how the segments were filled.
#[derive(Serialize, Default)]
pub struct Pretranslation {
    pub segments: usize,
    /// Segments whose target the XLIFF file already had: kept as they are.
    pub kept: usize,
    /// 101% matches.
    pub context: usize,
    /// 100% matches.
    pub exact: usize,
    pub fuzzy: usize,
    pub empty: usize,
    /// Of the filled, those filled from one sentence of a unit of several.
    pub sentences: usize,
    /// Of the filled, those filled from consecutive units joined.
    pub joined: usize,
}

/// `backup --json`: the copy written.
#[derive(Serialize)]
pub struct BackupMade {
    pub file: String,
    pub bytes: u64,
}

/// `restore --json`: the copy put back, and where the memory it replaced is kept.
#[derive(Serialize)]
pub struct Restoration {
    pub file: String,
    pub previous: String,
}

// `dragoman team`

/// `team sync`: what the sync did.
#[derive(Serialize)]
pub struct TeamSync {
    /// Local changes the server took.
    pushed: u64,
    /// Of those, units merged into one the server held with the same texts.
    merged: u64,
    /// Of those, units edited elsewhere too: this push won, the other version is kept
    /// in the server's history.
    conflicts: u64,
    /// Server changes written into this memory.
    pulled: u64,
    /// Glossary concepts, counted apart.
    concepts: ConceptSync,
}

/// `team sync`: what the sync did with glossary concepts.
#[derive(Serialize)]
struct ConceptSync {
    /// Local concept changes the server took.
    pushed: u64,
    /// Of those, concepts a server glossary held under the same id: merged.
    merged: u64,
    /// Of those, concepts edited elsewhere too: this push won.
    conflicts: u64,
    /// Server concept changes written into this memory.
    pulled: u64,
}

impl From<&SyncReport> for TeamSync {
    fn from(r: &SyncReport) -> Self {
        Self {
            pushed: r.pushed,
            merged: r.merged,
            conflicts: r.conflicts,
            pulled: r.pulled,
            concepts: ConceptSync {
                pushed: r.concepts_pushed,
                merged: r.concepts_merged,
                conflicts: r.concept_conflicts,
                pulled: r.concepts_pulled,
            },
        }
    }
}

/// `team status`: the memory's link and what waits for a push.
#[derive(Serialize)]
pub struct TeamStatus<'a> {
    server: &'a str,
    team: &'a str,
    user: &'a str,
    /// The server's sequence number of the last change pulled.
    last_seq: i64,
    /// When the last sync ended (seconds since 1970), `null` before the first.
    last_sync: Option<i64>,
    /// Units added or changed since the last push.
    pending_changes: u64,
    /// Shared units deleted since the last push.
    pending_deletions: u64,
    /// Glossary concepts added or changed since the last push.
    pending_concept_changes: u64,
    /// Shared concepts deleted since the last push.
    pending_concept_deletions: u64,
}

impl<'a> TeamStatus<'a> {
    pub fn new(link: &'a TeamLink, pending: Pending) -> Self {
        Self {
            server: &link.server,
            team: &link.team,
            user: &link.user,
            last_seq: link.last_seq,
            last_sync: link.last_sync_at.map(|t| t.0),
            pending_changes: pending.changed,
            pending_deletions: pending.deleted,
            pending_concept_changes: pending.concepts_changed,
            pending_concept_deletions: pending.concepts_deleted,
        }
    }
}
