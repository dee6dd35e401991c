//! Approving aligned beads into the memory from the JSON Lines `dragoman align --format
//! jsonl` writes, together with the files it aligned: each bead with text on two or more
//! sides becomes a translation unit of origin `alignment`, its variants taken from the
//! files by the bead's byte spans, with the neighbouring beads' text as context.

use serde::Deserialize;

use super::exchange::{DuplicatePolicy, ExchangeError, ImportReport, Rejection, store_unit};
use super::{TranslationUnit, UnitMetadata, Variant, origin};
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::units::Writer;

/// One of the aligned files.
#[derive(Debug, Clone)]
pub struct AlignedDocument {
    /// Its language.
    pub lang: LanguageTag,
    /// Its name, recorded as the units' document.
    pub name: String,
    /// Its decoded text, which the beads' spans point into.
    pub text: String,
}

#[derive(Deserialize)]
struct BeadLine {
    sides: Vec<Option<SideLine>>,
    #[serde(default = "full_confidence")]
    score: f32,
}

fn full_confidence() -> f32 {
    1.0
}

#[derive(Deserialize)]
struct SideLine {
    start: usize,
    end: usize,
}

/// Store the beads of `jsonl` whose confidence is at least `min_score` as units, within
/// `writer`. A line that is not a bead of these documents stops the import (nothing is
/// kept); beads below the threshold, with fewer than two sides, or with a span that does
/// not fit the file are rejected with their line.
pub fn import_beads(
    writer: &mut Writer,
    jsonl: &str,
    docs: &[AlignedDocument],
    min_score: f32,
    now: Timestamp,
    policy: DuplicatePolicy,
) -> Result<ImportReport, ExchangeError> {
    let mut beads: Vec<(usize, BeadLine)> = Vec::new();
    for (k, line) in jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let malformed = |message: String| ExchangeError::MalformedBeads {
            line: k + 1,
            message,
        };
        let bead: BeadLine = serde_json::from_str(line).map_err(|e| malformed(e.to_string()))?;
        if bead.sides.len() != docs.len() {
            return Err(malformed(format!(
                "{} sides for {} files",
                bead.sides.len(),
                docs.len()
            )));
        }
        beads.push((k + 1, bead));
    }
    // Each side's text, or why it cannot be read.
    let texts: Vec<Vec<Option<Result<&str, String>>>> = beads
        .iter()
        .map(|(_, bead)| {
            bead.sides
                .iter()
                .zip(docs)
                .map(|(side, doc)| {
                    side.as_ref().map(|s| {
                        doc.text.get(s.start..s.end).map(str::trim).ok_or_else(|| {
                            format!(
                                "{}..{} is not a span of {} ({} bytes)",
                                s.start,
                                s.end,
                                doc.name,
                                doc.text.len()
                            )
                        })
                    })
                })
                .collect()
        })
        .collect();
    let document = docs
        .iter()
        .map(|d| d.name.as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    let mut report = ImportReport::default();
    for (b, (line, bead)) in beads.iter().enumerate() {
        if let Some(reason) = texts[b].iter().flatten().find_map(|t| t.as_ref().err()) {
            report.rejected.push(Rejection {
                line: *line,
                reason: reason.clone(),
            });
            continue;
        }
        if bead.score < min_score {
            let reason = format!("confidence {:.2} is below {min_score:.2}", bead.score);
            report.rejected.push(Rejection {
                line: *line,
                reason,
            });
            continue;
        }
        let neighbour = |at: Option<usize>, d: usize| -> Option<String> {
            at.and_then(|i| texts.get(i))
                .and_then(|t| t[d].as_ref())
                .and_then(|t| t.as_ref().ok())
                .map(|t| t.to_string())
        };
        let variants: Vec<Variant> = docs
            .iter()
            .enumerate()
            .filter_map(|(d, doc)| {
                let text = texts[b][d].as_ref()?.as_ref().ok()?;
                let mut v = Variant::new(doc.lang.clone(), *text);
                v.prev_segment = neighbour(b.checked_sub(1), d);
                v.next_segment = neighbour(Some(b + 1), d);
                Some(v)
            })
            .collect();
        if variants.len() < 2 {
            report.rejected.push(Rejection {
                line: *line,
                reason: "text on fewer than two sides".into(),
            });
            continue;
        }
        let mut meta = UnitMetadata::new(origin::ALIGNMENT, now);
        meta.document = Some(document.clone());
        let unit = TranslationUnit { variants, meta };
        store_unit(
            writer,
            &unit,
            policy,
            docs.first().map(|d| &d.lang),
            &mut report,
        )?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_in_memory;

    fn docs() -> Vec<AlignedDocument> {
        let doc = |lang: &str, text: &str| AlignedDocument {
            lang: LanguageTag::parse(lang).unwrap(),
            name: format!("{lang}.txt"),
            text: text.to_string(),
        };
        vec![
            doc("ru", "Форум открылся. Он продлится два дня."),
            doc("en", "The forum opened. It lasts two days."),
        ]
    }

    /// Two beads over [`docs`]: the first sentences (confident), the second ones (not).
    fn beads() -> String {
        let (ru, en) = (
            "Форум открылся. Он продлится два дня.",
            "The forum opened. It lasts two days.",
        );
        let (r, e) = (ru.find(" Он").unwrap(), en.find(" It").unwrap());
        format!(
            "{{\"sides\":[{{\"start\":0,\"end\":{r},\"text\":\"…\"}},{{\"start\":0,\"end\":{e}}}],\"score\":0.97}}\n\
             {{\"sides\":[{{\"start\":{},\"end\":{}}},{{\"start\":{},\"end\":{}}}],\"score\":0.31}}\n",
            r + 1,
            ru.len(),
            e + 1,
            en.len()
        )
    }

    #[test]
    fn confident_beads_become_units_with_context_and_twice_adds_nothing() {
        let mut conn = open_in_memory().unwrap();
        let mut tx = Writer::begin(&mut conn).unwrap();
        let report = import_beads(
            &mut tx,
            &beads(),
            &docs(),
            0.5,
            Timestamp(1),
            DuplicatePolicy::Skip,
        )
        .unwrap();
        assert_eq!(report.added, 1);
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.rejected[0].line, 2);
        let unit = tx.get(crate::tm::UnitId(1)).unwrap().unwrap();
        assert_eq!(unit.variants[0].text, "Форум открылся.");
        assert_eq!(unit.variants[1].text, "The forum opened.");
        assert_eq!(unit.meta.origin, "alignment");
        assert_eq!(unit.meta.document.as_deref(), Some("ru.txt | en.txt"));
        let again = import_beads(
            &mut tx,
            &beads(),
            &docs(),
            0.0,
            Timestamp(2),
            DuplicatePolicy::Skip,
        )
        .unwrap();
        assert_eq!(
            (again.added, again.skipped + again.merged),
            (1, 1),
            "only the second bead is new"
        );
    }

    #[test]
    fn a_line_that_is_not_a_bead_stops_the_import() {
        let mut conn = open_in_memory().unwrap();
        let mut tx = Writer::begin(&mut conn).unwrap();
        let err = import_beads(
            &mut tx,
            "{\"sides\":[null]}\n",
            &docs(),
            0.0,
            Timestamp(1),
            DuplicatePolicy::Skip,
        );
        assert!(matches!(
            err,
            Err(ExchangeError::MalformedBeads { line: 1, .. })
        ));
        let err = import_beads(
            &mut tx,
            "\nnot json\n",
            &docs(),
            0.0,
            Timestamp(1),
            DuplicatePolicy::Skip,
        );
        assert!(matches!(
            err,
            Err(ExchangeError::MalformedBeads { line: 2, .. })
        ));
        let out_of_file = r#"{"sides":[{"start":0,"end":999},{"start":0,"end":5}],"score":1}"#;
        let report = import_beads(
            &mut tx,
            out_of_file,
            &docs(),
            0.0,
            Timestamp(1),
            DuplicatePolicy::Skip,
        )
        .unwrap();
        assert!(
            report.rejected[0]
                .reason
                .contains("is not a span of ru.txt"),
            "{:?}",
            report.rejected
        );
    }
}
