//! A job written for other tools: bilingual XLIFF for a CAT tool, TMX of its translated
//! pairs, or the target text.

use std::io::Write;

use crate::store::Connection;

use super::{SegmentStatus, TranslateError, TranslationJob};
use crate::formats::bilingual;
use crate::formats::xliff::{self, BilingualDocument, BilingualSegment, Leverage, XliffVersion};
use crate::formats::xliff_back::{self, Fill};
use crate::formats::xliff_read;
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::source::SourceFormat;
use crate::source::{self, Replacement};
use crate::store::translations;
use crate::store::translations::Original;
use crate::tm::MatchScore;

/// What a job is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobExport {
    /// Bilingual XLIFF, pre-translated targets with their match scores.
    Xliff(XliffVersion),
    /// TMX 1.4b of every segment that has a translation, targets from fuzzy matches left out.
    Tmx,
    /// The target text, the source's paragraphs kept.
    Text,
    /// The document the job was cut from, in its own format (TXT, DOCX, HTML), each
    /// translated segment in its place and untranslated ones as they were; or the XLIFF
    /// it was imported from, its targets written back into it.
    Original,
}

impl TranslationJob {
    /// The job in `tgt` as a bilingual document. A pre-translated target keeps its score
    /// and the stored source it was translated from, found again in the memory (the
    /// segment's own source when the unit is gone or the match was exact).
    pub fn bilingual(
        &self,
        conn: &Connection,
        tgt: &LanguageTag,
    ) -> Result<BilingualDocument, TranslateError> {
        // Segment 0 only to check the language: a job is never saved without segments.
        let t = self.target(0, tgt)?;
        let mut segments = Vec::with_capacity(self.segments.len());
        for (s, segment) in self.segments.iter().enumerate() {
            let target = &segment.targets[t];
            let leverage = match target.status {
                SegmentStatus::Pretranslated { score } => Some(Leverage {
                    score: score.0,
                    stored_source: self.stored_source(conn, s, tgt, score, &target.text)?,
                }),
                _ => None,
            };
            segments.push(BilingualSegment {
                source: segment.source.clone(),
                target: (target.status != SegmentStatus::Empty).then(|| target.text.clone()),
                leverage,
            });
        }
        Ok(BilingualDocument {
            original: self.name.clone(),
            src: self.src.clone(),
            tgt: tgt.clone(),
            segments,
        })
    }

    fn stored_source(
        &self,
        conn: &Connection,
        segment: usize,
        tgt: &LanguageTag,
        score: MatchScore,
        text: &str,
    ) -> Result<String, TranslateError> {
        let own = &self.segments[segment].source;
        if score >= MatchScore::EXACT {
            return Ok(own.clone());
        }
        let found = self.matches(conn, segment, tgt, score.0, 9)?;
        Ok(found
            .matches
            .into_iter()
            .find(|m| m.score == score && m.target == text)
            .map_or_else(|| own.clone(), |m| m.source))
    }

    /// Write the job in `tgt` as `format` to `out`; returns how many segments have a
    /// translation in it. The original document is read again within `limits`.
    pub fn export(
        &self,
        conn: &Connection,
        tgt: &LanguageTag,
        format: JobExport,
        limits: &Limits,
        out: impl Write,
    ) -> Result<usize, TranslateError> {
        if format == JobExport::Original {
            return self.write_original(conn, tgt, limits, out);
        }
        let doc = self.bilingual(conn, tgt)?;
        match format {
            JobExport::Xliff(version) => xliff::write(out, &doc, version)?,
            // A fuzzy match the translator has not touched is no translation yet.
            JobExport::Tmx => return Ok(bilingual::write_tmx(out, &doc, false)?),
            JobExport::Text => {
                let paragraphs: Vec<u32> = self.segments.iter().map(|s| s.paragraph).collect();
                bilingual::write_text(out, &doc, &paragraphs)?;
            }
            JobExport::Original => unreachable!("written above"),
        }
        Ok(doc.segments.iter().filter(|s| s.target.is_some()).count())
    }

    fn write_original(
        &self,
        conn: &Connection,
        tgt: &LanguageTag,
        limits: &Limits,
        mut out: impl Write,
    ) -> Result<usize, TranslateError> {
        let t = self.target(0, tgt)?;
        let original = translations::original(conn, self.id)?.ok_or(TranslateError::NoOriginal)?;
        if original.format == SourceFormat::Xliff {
            return self.write_xliff(conn, tgt, &original, limits, out);
        }
        let replacements: Vec<Replacement> = self
            .segments
            .iter()
            .zip(original.spans)
            .filter(|(s, _)| s.targets[t].status != SegmentStatus::Empty)
            .map(|(s, span)| Replacement {
                span,
                text: s.targets[t].text.clone(),
            })
            .collect();
        let written = source::write_translated(
            original.format,
            &self.name,
            &original.bytes,
            tgt.as_str(),
            &replacements,
            limits,
        )?;
        out.write_all(&written)?;
        Ok(replacements.len())
    }

    /// The XLIFF file the job was imported from with its targets written back into it:
    /// pre-translated ones with their match, the translator's as translated.
    fn write_xliff(
        &self,
        conn: &Connection,
        tgt: &LanguageTag,
        original: &Original,
        limits: &Limits,
        mut out: impl Write,
    ) -> Result<usize, TranslateError> {
        let doc = self.bilingual(conn, tgt)?;
        let fault = |source| TranslateError::Xliff {
            name: self.name.clone(),
            source,
        };
        let file = xliff_read::read(&original.bytes, limits).map_err(fault)?;
        // Each of the file's segments is the job's segment whose source is in its place.
        let fills: Vec<Option<Fill>> = file
            .segments
            .iter()
            .map(|x| {
                let s = original.spans.iter().position(|span| *span == x.span)?;
                let segment = &doc.segments[s];
                Some(Fill {
                    target: segment.target.as_deref()?,
                    leverage: segment.leverage.as_ref(),
                })
            })
            .collect();
        let written =
            xliff_back::write_back(&original.bytes, &fills, tgt, limits).map_err(fault)?;
        out.write_all(&written)?;
        Ok(fills.iter().filter(|f| f.is_some()).count())
    }
}
