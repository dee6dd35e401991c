//! Translating a new document against the memory: what the Translate view works on.
//!
//! A [`TranslationJob`] is a source document cut into segments (by the built-in rules or
//! imported SRX ones), and for each segment a [`TargetText`] per target language (one or two of them) with
//! its [`SegmentStatus`]. Jobs live in the same database as the memory
//! ([`crate::store::translations`]) and every change is written in its own transaction
//! before it is acknowledged, so a crash loses nothing and a job resumes where it was.
//!
//! Confirming a segment writes it to the memory at once, as a unit of origin
//! [`origin::TRANSLATION`] whose variants carry the neighbouring segments as context:
//! the next time the same sentence comes in the same place, it is a 101% match.

mod export;
mod qa;
#[cfg(test)]
mod tests;

pub use export::JobExport;
pub use qa::{JobIssue, QaItem};

pub use crate::store::translations::{JobId, JobInfo, JobSegment, SegmentStatus, TargetText};

use std::borrow::Cow;
use std::ops::{ControlFlow, Range};

use serde::Serialize;
use thiserror::Error;

use crate::Timestamp;
use crate::formats::tmx;
use crate::formats::xliff_read::{self, XliffError};
use crate::inline;
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::segment::Segmenter;
use crate::source::{self, SourceError, SourceFormat};
use crate::store::translations::{self, Original};
use crate::store::units::{self, UnitId, Unstorable, Writer};
use crate::store::{self, Connection, StoreError, settings};
use crate::tm::exchange::{ImportReport, store_confirmed};
use crate::tm::fragments::{self, Fragment, FragmentError, FragmentQuery};
use crate::tm::lookup::{Lookup, Match, MatchKind, Query, lookup};
use crate::tm::{MatchScore, TranslationUnit, UnitMetadata, Variant, origin};

/// How often, in segments, a pre-translation reports its progress.
pub const PROGRESS_EVERY: usize = 16;

/// How a pre-translation filled the job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PretranslateReport {
    /// Targets filled from a 101% match.
    pub context: u32,
    /// Targets filled from a 100% match.
    pub exact: u32,
    /// Targets filled from a fuzzy match.
    pub fuzzy: u32,
    /// Empty targets no match reached the threshold for.
    pub empty: u32,
    /// Of the filled targets, those filled from one sentence of a unit of several.
    pub sentences: u32,
    /// Of the filled targets, those filled from consecutive units joined.
    pub joined: u32,
}

/// Why a translation job operation failed; a failed operation changes nothing.
#[derive(Debug, Error)]
pub enum TranslateError {
    /// The imported SRX rules cannot segment the source.
    #[error("segmentation rules: {0}")]
    Rules(crate::segment::SegmentError),
    /// A job translates into one or two languages other than its source.
    #[error("choose one or two target languages other than the source")]
    TargetLanguages,
    /// The source text has no segment.
    #[error("the source text is empty")]
    EmptySource,
    /// A given segment has not one target per target language.
    #[error("segment {0} has not one target per target language")]
    TargetCount(usize),
    /// An XLIFF file names no target language and none was given.
    #[error("the file names no target language: choose one")]
    NoTargetLanguage,
    /// An export could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// An XLIFF file cannot be read; `name` is the file, so the message can say which.
    #[error("{name}: {source}")]
    Xliff {
        /// The file's name.
        name: String,
        /// What is wrong with it.
        source: XliffError,
    },
    /// No job has this id.
    #[error("there is no translation job {0}")]
    NoSuchJob(i64),
    /// The segment index is past the end.
    #[error("there is no segment {0}")]
    NoSuchSegment(usize),
    /// The language is not one of the job's targets.
    #[error("{0} is not a target language of this job")]
    NotATarget(String),
    /// Confirming a blank translation.
    #[error("a confirmed translation cannot be blank")]
    BlankTarget,
    /// Exporting in the original format a job that keeps no original document (made
    /// from pasted segments, or saved before originals were kept).
    #[error("this job keeps no original document to write its translation into")]
    NoOriginal,
    /// The source document cannot be read, or its translation not written into it.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The caller asked to stop; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// A stored language tag is not valid (a damaged file).
    #[error(transparent)]
    Lang(#[from] crate::lang::LangError),
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Fragments could not be looked up.
    #[error(transparent)]
    Fragment(#[from] FragmentError),
}

/// A document being translated, as saved in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationJob {
    /// Its id.
    pub id: JobId,
    /// Its name.
    pub name: String,
    /// The source language.
    pub src: LanguageTag,
    /// The target languages, one or two.
    pub targets: Vec<LanguageTag>,
    /// The segments in document order.
    pub segments: Vec<JobSegment>,
    /// The format of the document it was cut from or imported as, when the job keeps
    /// it: what [`JobExport::Original`] writes.
    pub original: Option<SourceFormat>,
}

/// A segment's text and neighbours as the memory is asked for them (see
/// [`TranslationJob::matches`]).
struct Keys {
    text: String,
    tags: Vec<String>,
    prev: Option<String>,
    next: Option<String>,
}

/// A memory variant of a job's `text` in `lang`: the text without inline codes, the
/// codes kept as its TMX markup and tags, so a TMX export carries them.
fn coded_variant(lang: &LanguageTag, text: &str) -> Variant {
    let mut variant = Variant::new(lang.clone(), inline::strip(text));
    variant.markup = tmx::seg_markup(text);
    variant.tags = inline::tag_names(text);
    variant
}

/// `text` cut by the SRX rules `srx` (`src`'s built-in ones without), read within
/// `limits`: the segments, empty in `targets` languages, and their spans in the text.
/// A segment's source is `marked` of its span: its text with its inline codes.
fn cut(
    src: &LanguageTag,
    srx: Option<&str>,
    limits: &Limits,
    targets: usize,
    text: &str,
    marked: &dyn Fn(Range<usize>) -> String,
) -> Result<(Vec<JobSegment>, Vec<Range<usize>>), TranslateError> {
    let segmenter = match srx {
        Some(srx) => Segmenter::from_srx(srx, src, limits).map_err(TranslateError::Rules)?,
        None => Segmenter::builtin(src),
    };
    Ok(segmenter
        .split(text)
        .iter()
        .map(|s| {
            let segment = JobSegment {
                paragraph: s.paragraph,
                source: marked(s.start..s.end),
                targets: vec![TargetText::default(); targets],
            };
            (segment, s.start..s.end)
        })
        .unzip())
}

impl TranslationJob {
    /// Segment `text` in `src` with the SRX rules `srx` (the built-in ones without),
    /// read within `limits`, and save it as a new job; the text is kept as its
    /// original, a text document.
    #[allow(clippy::too_many_arguments)]
    pub fn create(
        conn: &mut Connection,
        name: &str,
        src: LanguageTag,
        targets: Vec<LanguageTag>,
        text: &str,
        srx: Option<&str>,
        limits: &Limits,
        now: Timestamp,
    ) -> Result<Self, TranslateError> {
        let plain = |span: Range<usize>| text[span].to_string();
        let (segments, spans) = cut(&src, srx, limits, targets.len(), text, &plain)?;
        let original = Original {
            format: SourceFormat::Text,
            bytes: Cow::Borrowed(text.as_bytes()),
            spans,
        };
        Self::save(conn, name, src, targets, segments, Some(original), now)
    }

    /// Read a TXT, DOCX or HTML document (`file`, its file name, gives its format, see
    /// [`SourceFormat::of`], and names it in errors), segment its text with the SRX rules
    /// `srx` (the built-in ones without) and save it as job `name` that keeps the
    /// document, to be written back translated ([`JobExport::Original`]). The document
    /// and the rules are read within `limits`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_from_document(
        conn: &mut Connection,
        name: &str,
        file: &str,
        bytes: &[u8],
        src: LanguageTag,
        targets: Vec<LanguageTag>,
        srx: Option<&str>,
        limits: &Limits,
        now: Timestamp,
    ) -> Result<Self, TranslateError> {
        let format = SourceFormat::of(file, bytes);
        let read = source::read_marked(format, file, bytes, limits)?;
        let marked = |span: Range<usize>| read.segment(span);
        let (segments, spans) = cut(&src, srx, limits, targets.len(), read.text(), &marked)?;
        let original = Original {
            format,
            bytes: Cow::Borrowed(bytes),
            spans,
        };
        Self::save(conn, name, src, targets, segments, Some(original), now)
    }

    /// Save `segments`, already cut, as a new job: each with one target per language of
    /// `targets`, saved with the status it has (a translation another tool made is
    /// [`SegmentStatus::Edited`]: there, but not yet in the memory).
    pub fn create_from_segments(
        conn: &mut Connection,
        name: &str,
        src: LanguageTag,
        targets: Vec<LanguageTag>,
        segments: Vec<JobSegment>,
        now: Timestamp,
    ) -> Result<Self, TranslateError> {
        Self::save(conn, name, src, targets, segments, None, now)
    }

    fn save(
        conn: &mut Connection,
        name: &str,
        src: LanguageTag,
        targets: Vec<LanguageTag>,
        segments: Vec<JobSegment>,
        original: Option<Original>,
        now: Timestamp,
    ) -> Result<Self, TranslateError> {
        let distinct =
            targets.iter().all(|t| *t != src) && !(targets.len() == 2 && targets[0] == targets[1]);
        if !(1..=2).contains(&targets.len()) || !distinct {
            return Err(TranslateError::TargetLanguages);
        }
        if segments.is_empty() {
            return Err(TranslateError::EmptySource);
        }
        if let Some(bad) = segments
            .iter()
            .position(|s| s.targets.len() != targets.len())
        {
            return Err(TranslateError::TargetCount(bad));
        }
        let cut: Vec<(u32, String)> = segments
            .iter()
            .map(|s| (s.paragraph, s.source.clone()))
            .collect();
        let tags: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        let tx = store::begin(conn)?;
        let id = translations::insert(&tx, name, src.as_str(), &tags, &cut, now)?;
        for (position, segment) in segments.iter().enumerate() {
            for (tag, target) in tags.iter().zip(&segment.targets) {
                if target.status != SegmentStatus::Empty {
                    translations::set_target(&tx, id, position, tag, target, now)?;
                }
            }
        }
        if let Some(original) = &original {
            translations::set_original(&tx, id, original)?;
        }
        store::commit(tx)?;
        Ok(Self {
            id,
            name: name.to_string(),
            src,
            targets,
            segments,
            original: original.map(|o| o.format),
        })
    }

    /// Save an XLIFF 1.2/2.x file another tool wrote as a new job: its own segments (not
    /// cut again, inline codes as markers) and languages, its targets kept as edited;
    /// `tgt` is the target language when the file names none. The file is kept as the
    /// job's original, so that [`JobExport::Original`] writes the translation back into
    /// it for the tool it came from. The file is read within `limits`.
    pub fn import_xliff(
        conn: &mut Connection,
        name: &str,
        bytes: &[u8],
        tgt: Option<LanguageTag>,
        limits: &Limits,
        now: Timestamp,
    ) -> Result<Self, TranslateError> {
        let file = xliff_read::read(bytes, limits).map_err(|source| TranslateError::Xliff {
            name: name.to_string(),
            source,
        })?;
        let tgt = file.tgt.or(tgt).ok_or(TranslateError::NoTargetLanguage)?;
        // A unit is the nearest XLIFF has to a paragraph: tools make one a paragraph.
        // A segment is found again in the file by its source's place in it.
        let (segments, spans) = file
            .segments
            .into_iter()
            .filter(|s| !inline::strip(&s.source).trim().is_empty())
            .map(|s| {
                let segment = JobSegment {
                    paragraph: s.unit,
                    source: s.source,
                    targets: vec![match s.target {
                        Some(text) => TargetText {
                            text,
                            status: SegmentStatus::Edited,
                        },
                        None => TargetText::default(),
                    }],
                };
                (segment, s.span)
            })
            .unzip();
        let original = Original {
            format: SourceFormat::Xliff,
            bytes: Cow::Borrowed(bytes),
            spans,
        };
        Self::save(
            conn,
            name,
            file.src,
            vec![tgt],
            segments,
            Some(original),
            now,
        )
    }

    /// Load job `id`.
    pub fn open(conn: &Connection, id: JobId) -> Result<Self, TranslateError> {
        let (name, src, tags) =
            translations::header(conn, id)?.ok_or(TranslateError::NoSuchJob(id.0))?;
        let segments = translations::segments(conn, id, &tags)?;
        let targets = tags
            .iter()
            .map(|t| LanguageTag::parse(t))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            id,
            name,
            src: LanguageTag::parse(&src)?,
            targets,
            segments,
            original: translations::original_format(conn, id)?,
        })
    }

    /// Every job in the store, most recently changed first.
    pub fn list(conn: &Connection) -> Result<Vec<JobInfo>, TranslateError> {
        Ok(translations::list(conn)?)
    }

    fn target(&self, segment: usize, lang: &LanguageTag) -> Result<usize, TranslateError> {
        if segment >= self.segments.len() {
            return Err(TranslateError::NoSuchSegment(segment));
        }
        self.targets
            .iter()
            .position(|t| t == lang)
            .ok_or_else(|| TranslateError::NotATarget(lang.to_string()))
    }

    fn sources(&self) -> Vec<&str> {
        self.segments.iter().map(|s| s.source.as_str()).collect()
    }

    /// What the memory is asked for segment `segment`: its text and neighbours without
    /// inline codes, and the codes as the tags a match is scored on.
    fn keys(&self, segment: usize) -> Keys {
        Keys::of(&self.sources(), segment)
    }

    /// The memory's best matches (at most `top`, scoring at least `min`) for segment
    /// `segment` into `tgt`, with its neighbours as context.
    pub fn matches(
        &self,
        conn: &Connection,
        segment: usize,
        tgt: &LanguageTag,
        min: u8,
        top: usize,
    ) -> Result<Lookup, TranslateError> {
        self.target(segment, tgt)?;
        let keys = self.keys(segment);
        let mut q = keys.query(&self.src, tgt, min);
        q.top = top;
        let mut found = lookup(conn, &q)?;
        // The memory holds text without codes: a match's target gets the segment's.
        for m in &mut found.matches {
            m.target = inline::place(&self.segments[segment].source, &m.target);
        }
        Ok(found)
    }

    /// The runs of segment `segment` that the memory holds, each with its translation
    /// into `tgt` (see [`fragments`]), best first, at most nine;
    /// none while the memory's word alignment of the pair is not learned yet. Their
    /// `start` and `end` are byte offsets in the segment's source as the job keeps it
    /// (inline codes as markers), so the view highlights them where they stand.
    pub fn fragments(
        &self,
        conn: &Connection,
        segment: usize,
        tgt: &LanguageTag,
    ) -> Result<Vec<Fragment>, TranslateError> {
        self.target(segment, tgt)?;
        let source = &self.segments[segment].source;
        let (plain, _) = inline::split(source);
        let terms = crate::glossary::stored_term_pairs(conn, &[self.src.clone(), tgt.clone()])?;
        let query = FragmentQuery {
            terms: &terms,
            ..FragmentQuery::new(&self.src, tgt, &plain)
        };
        let mut found = match fragments::fragments(conn, &query) {
            Err(FragmentError::NotTrained { .. }) => return Ok(Vec::new()),
            found => found?,
        };
        for f in &mut found {
            f.start = marked_offset(source, f.start, true);
            f.end = marked_offset(source, f.end, false);
        }
        Ok(found)
    }

    /// Learn, or bring up to date, the memory's word alignment between the job's source
    /// and each of its target languages, which [`Self::fragments`] reads (see
    /// [`fragments::train`]: only units not yet aligned are, unless the memory grew by
    /// a quarter). Returns how many units were aligned.
    pub fn learn_word_alignment(&self, conn: &mut Connection) -> Result<u64, TranslateError> {
        let mut aligned = 0;
        for tgt in &self.targets {
            let terms = crate::glossary::stored_term_pairs(conn, &[self.src.clone(), tgt.clone()])?;
            aligned += fragments::train(conn, &self.src, tgt, &terms, false)?.aligned;
        }
        Ok(aligned)
    }

    /// Save the translator's `text` for segment `segment` in `tgt`, unconfirmed (blank
    /// text empties the target); returns the target as saved.
    pub fn edit(
        &mut self,
        conn: &mut Connection,
        segment: usize,
        tgt: &LanguageTag,
        text: &str,
        now: Timestamp,
    ) -> Result<&TargetText, TranslateError> {
        let t = self.target(segment, tgt)?;
        if let Some(bad) = Unstorable::in_text(tgt, text) {
            return Err(StoreError::Unstorable(bad).into());
        }
        let target = TargetText {
            text: text.to_string(),
            status: if text.trim().is_empty() {
                SegmentStatus::Empty
            } else {
                SegmentStatus::Edited
            },
        };
        let tx = store::begin(conn)?;
        translations::set_target(&tx, self.id, segment, tgt.as_str(), &target, now)?;
        store::commit(tx)?;
        self.segments[segment].targets[t] = target;
        Ok(&self.segments[segment].targets[t])
    }

    /// Confirm `text` as segment `segment`'s translation into `tgt`: in one transaction,
    /// store it and write it to the memory as a unit with the neighbouring segments as
    /// context. The memory keeps one translation per source: confirming another text for
    /// a source it holds corrects the stored one, kept as an earlier version (unless the
    /// database's `memory.several-translations` setting is on); an identical unit is not
    /// added twice.
    pub fn confirm(
        &mut self,
        conn: &mut Connection,
        segment: usize,
        tgt: &LanguageTag,
        text: &str,
        user: Option<&str>,
        now: Timestamp,
    ) -> Result<(), TranslateError> {
        let t = self.target(segment, tgt)?;
        if text.trim().is_empty() {
            return Err(TranslateError::BlankTarget);
        }
        let neighbour_target = |s: Option<usize>| {
            s.and_then(|s| self.segments.get(s))
                .map(|s| inline::strip(&s.targets[t].text).into_owned())
                .filter(|x| !x.trim().is_empty())
        };
        let keys = self.keys(segment);
        let mut source = coded_variant(&self.src, &self.segments[segment].source);
        source.prev_segment = keys.prev;
        source.next_segment = keys.next;
        let mut target = coded_variant(tgt, text);
        target.prev_segment = neighbour_target(segment.checked_sub(1));
        target.next_segment = neighbour_target(Some(segment + 1));
        let mut meta = UnitMetadata::new(origin::TRANSLATION, now);
        meta.document = Some(self.name.clone());
        meta.created_by = user.map(str::to_string);
        meta.changed_by = meta.created_by.clone();
        let unit = TranslationUnit {
            variants: vec![source, target],
            meta,
        };
        let confirmed = TargetText {
            text: text.to_string(),
            status: SegmentStatus::Confirmed,
        };
        let mut writer = Writer::begin(conn)?;
        let several = settings::flag(writer.transaction(), settings::SEVERAL_TRANSLATIONS)?;
        store_confirmed(
            &mut writer,
            &unit,
            Some(&self.src),
            several,
            &mut ImportReport::default(),
        )?;
        let tx = writer.transaction();
        translations::set_target(tx, self.id, segment, tgt.as_str(), &confirmed, now)?;
        writer.commit()?;
        self.segments[segment].targets[t] = confirmed;
        Ok(())
    }

    /// Count a use of memory unit `unit`: the translator put its match into a target.
    /// A unit deleted since the match was shown is no longer there to count.
    pub fn record_match_use(
        conn: &mut Connection,
        unit: UnitId,
        now: Timestamp,
    ) -> Result<(), TranslateError> {
        let tx = store::begin(conn)?;
        units::record_use(&tx, unit, now)?;
        store::commit(tx)?;
        Ok(())
    }

    /// Fill every empty or pre-translated target with its best match scoring at least
    /// `min`, in one transaction, counting a use of each unit a target is filled from;
    /// edited and confirmed targets are left alone.
    /// `progress` hears how many segments of how many were done every
    /// [`PROGRESS_EVERY`] segments and at the end; when it breaks, nothing is written.
    pub fn pretranslate(
        &mut self,
        conn: &mut Connection,
        min: u8,
        now: Timestamp,
        progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
    ) -> Result<PretranslateReport, TranslateError> {
        let total = self.segments.len();
        let mut report = PretranslateReport::default();
        let mut filled = Vec::new();
        let tx = store::begin(conn)?;
        let sources = self.sources();
        for s in 0..total {
            if s % PROGRESS_EVERY == 0 && progress(s, total).is_break() {
                return Err(TranslateError::Cancelled);
            }
            for (t, tgt) in self.targets.iter().enumerate() {
                if matches!(
                    self.segments[s].targets[t].status,
                    SegmentStatus::Edited | SegmentStatus::Confirmed
                ) {
                    continue;
                }
                let Some(best) = best_match(&tx, &self.src, tgt, &sources, s, min)? else {
                    report.empty += 1;
                    continue;
                };
                match best.score {
                    MatchScore::CONTEXT => report.context += 1,
                    MatchScore::EXACT => report.exact += 1,
                    _ => report.fuzzy += 1,
                }
                let used = best.units();
                match best.kind {
                    MatchKind::Unit => {}
                    MatchKind::Sentence { .. } => report.sentences += 1,
                    MatchKind::Joined { .. } => report.joined += 1,
                }
                let target = TargetText {
                    text: best.target,
                    status: SegmentStatus::Pretranslated { score: best.score },
                };
                // Filling a target again with what an earlier run put there is not
                // another use of the unit.
                if self.segments[s].targets[t] != target {
                    for unit in used {
                        units::record_use(&tx, unit, now)?;
                    }
                }
                translations::set_target(&tx, self.id, s, tgt.as_str(), &target, now)?;
                filled.push((s, t, target));
            }
        }
        if progress(total, total).is_break() {
            return Err(TranslateError::Cancelled);
        }
        drop(sources);
        store::commit(tx)?;
        for (s, t, target) in filled {
            self.segments[s].targets[t] = target;
        }
        Ok(report)
    }
}

/// The byte offset in `marked` (text with inline-code markers) of byte offset `plain` in
/// its text without them: with `skip_marks`, past the markers standing there (where a
/// run starts), else before them (where a run ends).
fn marked_offset(marked: &str, plain: usize, skip_marks: bool) -> usize {
    let mut seen = 0;
    for (at, c) in marked.char_indices() {
        let mark = inline::is_mark(c);
        if seen == plain && !(skip_marks && mark) {
            return at;
        }
        if !mark {
            seen += c.len_utf8();
        }
    }
    marked.len()
}

impl Keys {
    /// Segment `s` of a document whose segments are `sources`.
    fn of(sources: &[&str], s: usize) -> Self {
        let plain = |i: Option<usize>| {
            i.and_then(|i| sources.get(i))
                .map(|t| inline::strip(t).into_owned())
        };
        Self {
            text: inline::strip(sources[s]).into_owned(),
            tags: inline::tag_names(sources[s]),
            prev: plain(s.checked_sub(1)),
            next: plain(Some(s + 1)),
        }
    }

    fn query<'a>(&'a self, src: &'a LanguageTag, tgt: &'a LanguageTag, min: u8) -> Query<'a> {
        let mut q = Query::new(src, tgt, &self.text);
        q.tags = &self.tags;
        q.prev = self.prev.as_deref();
        q.next = self.next.as_deref();
        q.min = min;
        q
    }
}

/// The memory's best match scoring at least `min` for segment `s` of a document whose
/// segments are `sources` (inline codes as markers), into `tgt`, its neighbours as
/// context; its target given every inline code of the segment ([`inline::place`]).
/// This is pre-translation's one lookup: a job's ([`TranslationJob::pretranslate`])
/// and `dragoman pretranslate`'s of any document.
pub fn best_match(
    conn: &Connection,
    src: &LanguageTag,
    tgt: &LanguageTag,
    sources: &[&str],
    s: usize,
    min: u8,
) -> Result<Option<Match>, StoreError> {
    let keys = Keys::of(sources, s);
    let mut q = keys.query(src, tgt, min);
    q.top = 1;
    let Some(mut best) = lookup(conn, &q)?.matches.into_iter().next() else {
        return Ok(None);
    };
    best.target = inline::place(sources[s], &best.target);
    Ok(Some(best))
}
