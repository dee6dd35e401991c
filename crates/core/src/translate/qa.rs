//! Quality checks of a whole job, per segment and target language: the glossary's terms
//! and numbers (through [`glossary::qa`]), inline codes lost, added or crossed, targets
//! left empty or copied from the source,
//! and the same source translated differently within the job.
//!
//! Sources and targets are compared in the memory's exact form ([`exact_form`]), so two
//! segments that differ only in spacing are the same sentence here as they are there.

use std::collections::HashMap;

use serde::Serialize;

use super::{SegmentStatus, TranslationJob};
use crate::glossary::recognize::TermIndex;
use crate::glossary::{Concept, qa as glossary_qa};
use crate::inline::{self, CodeIssue, Mark};
use crate::normal::exact_form;
use crate::words::word_indices;

/// What is wrong with one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JobIssue {
    /// A source term's concept has no term in the target.
    MissingTerm {
        /// The term as the source writes it.
        source_term: String,
        /// The target language's usable terms for the concept, preferred first.
        expected: Vec<String>,
    },
    /// The target uses a term marked forbidden.
    ForbiddenTerm {
        /// The term as the target writes it.
        term: String,
    },
    /// Numbers differ between the source and the target.
    Numbers {
        /// Numbers of the source missing from the target, as written.
        missing: Vec<String>,
        /// Numbers of the target not in the source, as written.
        extra: Vec<String>,
    },
    /// The target's inline codes differ from the source's (tokens as the translator sees
    /// them: `<1>`, `</1>`, `<1/>`).
    Codes {
        /// Codes of the source the target lacks.
        missing: Vec<String>,
        /// Codes the target has that the source does not, or twice.
        extra: Vec<String>,
        /// Codes closed before they open or crossing another pair.
        misnested: Vec<String>,
    },
    /// The target is empty.
    Empty,
    /// The target is the source copied, and the source is not a number or a name.
    Untranslated,
    /// The same source is translated differently in other segments.
    InconsistentTarget {
        /// The other segments (0-based) with the same source and another target.
        others: Vec<usize>,
    },
    /// The same target translates different sources in other segments.
    InconsistentSource {
        /// The other segments (0-based) with the same target and another source.
        others: Vec<usize>,
    },
}

/// One problem found by [`TranslationJob::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QaItem {
    /// The segment (0-based).
    pub segment: usize,
    /// The target language (index into the job's targets).
    pub target: usize,
    /// What is wrong.
    pub issue: JobIssue,
}

impl TranslationJob {
    /// [`check`](Self::check) against the enabled glossaries of the database.
    pub fn check_with_glossaries(
        &self,
        conn: &crate::store::Connection,
        same_target: bool,
    ) -> Result<Vec<QaItem>, crate::store::StoreError> {
        let concepts: Vec<Concept> = crate::store::glossary::load(conn, &[])?
            .into_iter()
            .map(|s| s.concept)
            .collect();
        Ok(self.check(&concepts, same_target))
    }

    /// Check every target of the job against `concepts` (the glossaries) and the rest of
    /// the job; `same_target` adds [`JobIssue::InconsistentSource`]. Items come in segment
    /// order, then by target language.
    pub fn check(&self, concepts: &[Concept], same_target: bool) -> Vec<QaItem> {
        let source_terms = TermIndex::build(concepts, &self.src);
        let sources: Vec<String> = self
            .segments
            .iter()
            .map(|s| exact_form(&s.source))
            .collect();
        let mut items = Vec::new();
        for (t, tgt) in self.targets.iter().enumerate() {
            let target_terms = TermIndex::build(concepts, tgt);
            let targets: Vec<Option<String>> = self
                .segments
                .iter()
                .map(|s| {
                    let target = &s.targets[t];
                    (target.status != SegmentStatus::Empty && !target.text.trim().is_empty())
                        .then(|| exact_form(&target.text))
                })
                .collect();
            let by_source =
                group((0..sources.len()).map(|s| targets[s].as_ref().map(|_| &sources[s])));
            let by_target = group(targets.iter().map(Option::as_ref));
            for (s, segment) in self.segments.iter().enumerate() {
                let mut push = |issue| {
                    items.push(QaItem {
                        segment: s,
                        target: t,
                        issue,
                    })
                };
                let Some(target) = &targets[s] else {
                    push(JobIssue::Empty);
                    continue;
                };
                if *target == sources[s] && !is_number_or_name(&sources[s]) {
                    push(JobIssue::Untranslated);
                }
                let text = &segment.targets[t].text;
                if let Some(codes) = code_issue(&segment.source, text) {
                    push(codes);
                }
                for issue in glossary_qa::check(
                    &segment.source,
                    text,
                    concepts,
                    &source_terms,
                    &target_terms,
                ) {
                    push(match issue {
                        glossary_qa::QaIssue::MissingTerm {
                            source_span,
                            expected,
                            ..
                        } => JobIssue::MissingTerm {
                            source_term: segment.source[source_span].to_string(),
                            expected,
                        },
                        glossary_qa::QaIssue::ForbiddenTerm { target_span, .. } => {
                            JobIssue::ForbiddenTerm {
                                term: text[target_span].to_string(),
                            }
                        }
                        glossary_qa::QaIssue::NumberMismatch { missing, extra } => {
                            JobIssue::Numbers { missing, extra }
                        }
                    });
                }
                let others_target = others(&by_source, &sources[s], s, |o| {
                    targets[o].as_ref() != Some(target)
                });
                if !others_target.is_empty() {
                    push(JobIssue::InconsistentTarget {
                        others: others_target,
                    });
                }
                if same_target {
                    let others_source = others(&by_target, target, s, |o| sources[o] != sources[s]);
                    if !others_source.is_empty() {
                        push(JobIssue::InconsistentSource {
                            others: others_source,
                        });
                    }
                }
            }
        }
        items.sort_by_key(|i| (i.segment, i.target));
        items
    }
}

/// What is wrong with `target`'s inline codes against `source`'s, if anything.
fn code_issue(source: &str, target: &str) -> Option<JobIssue> {
    let issues = inline::check(source, target);
    if issues.is_empty() {
        return None;
    }
    let tokens = |pick: fn(&CodeIssue) -> Option<Mark>| -> Vec<String> {
        issues.iter().filter_map(pick).map(Mark::token).collect()
    };
    Some(JobIssue::Codes {
        missing: tokens(|i| match i {
            CodeIssue::Missing(m) => Some(*m),
            _ => None,
        }),
        extra: tokens(|i| match i {
            CodeIssue::Extra(m) => Some(*m),
            _ => None,
        }),
        misnested: tokens(|i| match i {
            CodeIssue::Misnested(m) => Some(*m),
            _ => None,
        }),
    })
}

/// The segments by their key, those without one (untranslated) left out.
fn group<'k>(keys: impl Iterator<Item = Option<&'k String>>) -> HashMap<&'k String, Vec<usize>> {
    let mut groups: HashMap<&String, Vec<usize>> = HashMap::new();
    for (s, key) in keys.enumerate() {
        if let Some(k) = key {
            groups.entry(k).or_default().push(s);
        }
    }
    groups
}

/// The segments other than `s` in `key`'s group for which `differ` holds.
fn others(
    groups: &HashMap<&String, Vec<usize>>,
    key: &String,
    s: usize,
    differ: impl Fn(usize) -> bool,
) -> Vec<usize> {
    groups.get(key).map_or_else(Vec::new, |g| {
        g.iter().copied().filter(|&o| o != s && differ(o)).collect()
    })
}

/// Whether a segment is left as it is in any language: no word starts with a lower-case
/// letter ("27.09.2018", "Ilham Aliyev", "COP29", "NATO").
fn is_number_or_name(text: &str) -> bool {
    word_indices(text).all(|(_, w)| !w.chars().next().is_some_and(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Timestamp;
    use crate::glossary::{Term, TermStatus, csv};
    use crate::lang::LanguageTag;
    use crate::store;
    use crate::translate::{JobSegment, TargetText};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    fn glossary() -> Vec<Concept> {
        let mut concepts = csv::read(
            include_str!("../../../../glossary/diplomatic.csv"),
            b',',
            None,
            &crate::limits::Limits::default(),
        )
        .unwrap();
        // A near-synonym a style guide might rule out, beside the glossary's own term.
        let mut banned = Term::new(lang("az"), "bölgələrarası forum");
        banned.status = TermStatus::Forbidden;
        concepts[0].terms.push(banned);
        concepts
    }

    /// A job from Russian into Azerbaijani of `pairs` (source, target; "" for none).
    fn job(pairs: &[(&str, &str)]) -> TranslationJob {
        let segments = pairs
            .iter()
            .map(|(source, target)| JobSegment {
                paragraph: 0,
                source: source.to_string(),
                targets: vec![if target.is_empty() {
                    TargetText::default()
                } else {
                    TargetText {
                        text: target.to_string(),
                        status: SegmentStatus::Edited,
                    }
                }],
            })
            .collect();
        let mut conn = store::open_in_memory().unwrap();
        TranslationJob::create_from_segments(
            &mut conn,
            "qa",
            lang("ru"),
            vec![lang("az")],
            segments,
            Timestamp(0),
        )
        .unwrap()
    }

    fn issues(job: &TranslationJob, same_target: bool) -> Vec<(usize, JobIssue)> {
        job.check(&glossary(), same_target)
            .into_iter()
            .map(|i| (i.segment, i.issue))
            .collect()
    }

    #[test]
    fn inflected_terms_on_both_sides_are_not_missing() {
        let job = job(&[(
            "Делегаты межрегионального форума собрались в Баку.",
            "Regionlararası forumun iştirakçıları Bakıda toplaşdılar.",
        )]);
        assert_eq!(issues(&job, true), []);
    }

    #[test]
    fn reports_a_missing_term_with_what_the_glossary_expects() {
        let job = job(&[(
            "Делегаты межрегионального форума собрались в Баку.",
            "Regional görüşün iştirakçıları Bakıda toplaşdılar.",
        )]);
        assert_eq!(
            issues(&job, false),
            [(
                0,
                JobIssue::MissingTerm {
                    source_term: "межрегионального форума".into(),
                    expected: vec!["regionlararası forum".into()],
                }
            )]
        );
    }

    #[test]
    fn reports_a_forbidden_term_in_the_target() {
        let job = job(&[(
            "Межрегиональный форум открылся в Баку.",
            "Bakıda bölgələrarası forumu açıldı.",
        )]);
        assert_eq!(
            issues(&job, false),
            [(
                0,
                JobIssue::ForbiddenTerm {
                    term: "bölgələrarası forumu".into()
                }
            )]
        );
    }

    #[test]
    fn reports_numbers_that_differ() {
        let job = job(&[("Подписано 14 соглашений.", "15 saziş imzalanıb.")]);
        assert_eq!(
            issues(&job, false),
            [(
                0,
                JobIssue::Numbers {
                    missing: vec!["14".into()],
                    extra: vec!["15".into()],
                }
            )]
        );
    }

    #[test]
    fn reports_empty_and_copied_targets_but_not_copied_numbers_or_names() {
        let job = job(&[
            ("Стороны обсудили вопросы.", ""),
            ("Стороны обсудили вопросы.", "Стороны обсудили вопросы."),
            ("27.09.2018", "27.09.2018"),
            ("Ильхам Алиев", "Ильхам Алиев"),
        ]);
        assert_eq!(
            issues(&job, false),
            [(0, JobIssue::Empty), (1, JobIssue::Untranslated)]
        );
    }

    #[test]
    fn reports_the_same_source_translated_differently_after_normalising() {
        let job = job(&[
            (
                "Стороны обсудили  вопросы.",
                "Tərəflər məsələləri müzakirə etdilər.",
            ),
            (
                "Стороны обсудили вопросы.",
                "Tərəflər  məsələləri müzakirə etdilər.",
            ),
            (
                "Стороны обсудили вопросы.",
                "Tərəflər məsələləri müzakirə etdi.",
            ),
            (
                "Стороны договорились.",
                "Tərəflər məsələləri müzakirə etdi.",
            ),
        ]);
        assert_eq!(
            issues(&job, false),
            [
                (0, JobIssue::InconsistentTarget { others: vec![2] }),
                (1, JobIssue::InconsistentTarget { others: vec![2] }),
                (2, JobIssue::InconsistentTarget { others: vec![0, 1] }),
            ]
        );
        let with_targets = issues(&job, true);
        assert!(with_targets.contains(&(2, JobIssue::InconsistentSource { others: vec![3] })));
        assert!(with_targets.contains(&(3, JobIssue::InconsistentSource { others: vec![2] })));
        assert!(
            !with_targets
                .iter()
                .any(|(s, i)| *s == 0 && matches!(i, JobIssue::InconsistentSource { .. })),
            "the same source with the same target is consistent"
        );
    }
}
