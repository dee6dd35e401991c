//! Translation jobs: their segments and the target text of each, per language.

use std::borrow::Cow;
use std::ops::Range;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use crate::source::SourceFormat;
use serde::Serialize;

use crate::MatchScore;
use crate::Timestamp;

/// A job's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct JobId(pub i64);

/// Where a segment's target text stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentStatus {
    /// No translation yet.
    #[default]
    Empty,
    /// Filled by pre-translation from a match of this score (101 context, 100 exact,
    /// below that fuzzy); the translator has not touched it.
    Pretranslated {
        /// The match's score.
        score: MatchScore,
    },
    /// Typed or changed by the translator, not confirmed.
    Edited,
    /// Confirmed, and in the memory as it reads.
    Confirmed,
}

/// A segment's translation into one target language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TargetText {
    /// The text, empty while [`SegmentStatus::Empty`].
    pub text: String,
    /// Where it stands.
    pub status: SegmentStatus,
}

/// One source segment and its translations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobSegment {
    /// The paragraph of the source document it belongs to.
    pub paragraph: u32,
    /// The source text.
    pub source: String,
    /// One per target language of the job, in order.
    pub targets: Vec<TargetText>,
}

/// A job as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobInfo {
    /// Its id.
    pub id: JobId,
    /// Its name (the document's).
    pub name: String,
    /// The source language.
    pub src: String,
    /// The target languages.
    pub targets: Vec<String>,
    /// When it last changed.
    pub changed_at: Timestamp,
    /// How many segments it has.
    pub segments: usize,
}

/// Insert a job with its segments (no target text yet); returns its id.
pub fn insert(
    tx: &Transaction,
    name: &str,
    src: &str,
    targets: &[String],
    segments: &[(u32, String)],
    now: Timestamp,
) -> Result<JobId, StoreError> {
    tx.execute(
        "INSERT INTO translation_job (name, src, targets, created_at, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, src, targets.join(" "), now.0],
    )?;
    let id = JobId(tx.last_insert_rowid());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO translation_segment (job_id, position, paragraph, source)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, (paragraph, source)) in segments.iter().enumerate() {
        stmt.execute(params![id.0, position as i64, paragraph, source])?;
    }
    Ok(id)
}

/// The job's name, source language and target languages, if it exists.
pub fn header(
    conn: &Connection,
    id: JobId,
) -> Result<Option<(String, String, Vec<String>)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT name, src, targets FROM translation_job WHERE id = ?1",
            [id.0],
            |r| {
                let targets: String = r.get(2)?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    targets.split(' ').map(str::to_string).collect(),
                ))
            },
        )
        .optional()?)
}

/// The job's segments in order, each with a target per language of `targets`.
pub fn segments(
    conn: &Connection,
    id: JobId,
    targets: &[String],
) -> Result<Vec<JobSegment>, StoreError> {
    let mut segments: Vec<JobSegment> = conn
        .prepare(
            "SELECT paragraph, source FROM translation_segment WHERE job_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |r| {
            Ok(JobSegment {
                paragraph: r.get(0)?,
                source: r.get(1)?,
                targets: vec![TargetText::default(); targets.len()],
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT position, lang, text, status, score FROM translation_target WHERE job_id = ?1",
    )?;
    let mut rows = stmt.query([id.0])?;
    while let Some(r) = rows.next()? {
        let position: i64 = r.get(0)?;
        let lang: String = r.get(1)?;
        let status: String = r.get(3)?;
        let score: Option<u8> = r.get(4)?;
        let status = match (status.as_str(), score) {
            ("pretranslated", Some(s)) => SegmentStatus::Pretranslated {
                score: MatchScore(s),
            },
            ("edited", _) => SegmentStatus::Edited,
            ("confirmed", _) => SegmentStatus::Confirmed,
            _ => return Err(StoreError::Damaged(format!("segment status {status:?}"))),
        };
        let slot = segments
            .get_mut(position as usize)
            .zip(targets.iter().position(|t| *t == lang))
            .ok_or_else(|| StoreError::Damaged(format!("target of segment {position}")))?;
        slot.0.targets[slot.1] = TargetText {
            text: r.get(2)?,
            status,
        };
    }
    Ok(segments)
}

/// Write segment `position`'s target in `lang` (removing the row when it is empty).
pub fn set_target(
    tx: &Transaction,
    id: JobId,
    position: usize,
    lang: &str,
    target: &TargetText,
    now: Timestamp,
) -> Result<(), StoreError> {
    let (status, score) = match target.status {
        SegmentStatus::Empty => {
            tx.execute(
                "DELETE FROM translation_target WHERE job_id = ?1 AND position = ?2 AND lang = ?3",
                params![id.0, position as i64, lang],
            )?;
            return touch(tx, id, now);
        }
        SegmentStatus::Pretranslated { score } => ("pretranslated", Some(score.0)),
        SegmentStatus::Edited => ("edited", None),
        SegmentStatus::Confirmed => ("confirmed", None),
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO translation_target (job_id, position, lang, text, status, score)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.0,
        position as i64,
        lang,
        target.text,
        status,
        score
    ])?;
    touch(tx, id, now)
}

fn touch(tx: &Transaction, id: JobId, now: Timestamp) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE translation_job SET changed_at = ?2 WHERE id = ?1")?
        .execute(params![id.0, now.0])?;
    Ok(())
}

/// The document a job was cut from, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original<'b> {
    /// Its format.
    pub format: SourceFormat,
    /// Its bytes as read.
    pub bytes: Cow<'b, [u8]>,
    /// Each segment's byte span in the text read from them, in segment order.
    pub spans: Vec<Range<usize>>,
}

/// Keep the document job `id` was cut from, and each segment's span in its text.
pub fn set_original(tx: &Transaction, id: JobId, original: &Original) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO translation_original (job_id, format, bytes) VALUES (?1, ?2, ?3)",
        params![id.0, original.format.name(), original.bytes.as_ref()],
    )?;
    let mut stmt = tx.prepare_cached(
        "UPDATE translation_segment SET span_start = ?3, span_end = ?4
         WHERE job_id = ?1 AND position = ?2",
    )?;
    for (position, span) in original.spans.iter().enumerate() {
        stmt.execute(params![
            id.0,
            position as i64,
            span.start as i64,
            span.end as i64
        ])?;
    }
    Ok(())
}

/// The format of the document job `id` was cut from, if it is kept.
pub fn original_format(conn: &Connection, id: JobId) -> Result<Option<SourceFormat>, StoreError> {
    conn.query_row(
        "SELECT format FROM translation_original WHERE job_id = ?1",
        [id.0],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(|f| {
        SourceFormat::from_name(&f)
            .ok_or_else(|| StoreError::Damaged(format!("document format {f:?}")))
    })
    .transpose()
}

/// The document job `id` was cut from, if it is kept.
pub fn original(conn: &Connection, id: JobId) -> Result<Option<Original<'static>>, StoreError> {
    let Some(format) = original_format(conn, id)? else {
        return Ok(None);
    };
    let bytes: Vec<u8> = conn.query_row(
        "SELECT bytes FROM translation_original WHERE job_id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    let spans = conn
        .prepare(
            "SELECT position, span_start, span_end FROM translation_segment
             WHERE job_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .map(|row| match row? {
            (_, Some(start), Some(end)) if 0 <= start && start <= end => {
                Ok(start as usize..end as usize)
            }
            (position, ..) => Err(StoreError::Damaged(format!("span of segment {position}"))),
        })
        .collect::<Result<_, _>>()?;
    Ok(Some(Original {
        format,
        bytes: Cow::Owned(bytes),
        spans,
    }))
}

/// Every job, most recently changed first.
pub fn list(conn: &Connection) -> Result<Vec<JobInfo>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT j.id, j.name, j.src, j.targets, j.changed_at,
                (SELECT count(*) FROM translation_segment s WHERE s.job_id = j.id)
         FROM translation_job j ORDER BY j.changed_at DESC, j.id DESC",
    )?;
    let jobs = stmt
        .query_map([], |r| {
            let targets: String = r.get(3)?;
            Ok(JobInfo {
                id: JobId(r.get(0)?),
                name: r.get(1)?,
                src: r.get(2)?,
                targets: targets.split(' ').map(str::to_string).collect(),
                changed_at: Timestamp(r.get(4)?),
                segments: r.get::<_, i64>(5)? as usize,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(jobs)
}
