//! Quality checks of a translation against the glossary: a term recognised in the source
//! whose concept is missing from the target, a forbidden term used in the target, and
//! numbers that differ between the two.
//!
//! Terms are recognised in inflected forms on both sides, so "межрегионального форума"
//! satisfies "inter-regional forum" and no false alarm is raised for a case ending, the
//! complaint translators make of Weblate's and GlotPress's glossary checks.

use std::ops::Range;

use super::recognize::TermIndex;
use super::{Concept, TermStatus};

/// One problem found in a source/target pair.
#[derive(Debug, Clone, PartialEq)]
pub enum QaIssue {
    /// A source term's concept has no term in the target.
    MissingTerm {
        /// Index of the concept in the glossary.
        concept: usize,
        /// Where the term is in the source.
        source_span: Range<usize>,
        /// The target language's usable terms for it, preferred first.
        expected: Vec<String>,
    },
    /// The target uses a term marked forbidden.
    ForbiddenTerm {
        /// Index of the concept.
        concept: usize,
        /// Where the term is in the target.
        target_span: Range<usize>,
    },
    /// A number in one side has no equal in the other.
    NumberMismatch {
        /// Numbers in the source missing from the target, as written.
        missing: Vec<String>,
        /// Numbers in the target not in the source, as written.
        extra: Vec<String>,
    },
}

/// Check `target` as a translation of `source`. `source_terms` and `target_terms` index
/// the same `concepts` in the source and target languages.
pub fn check(
    source: &str,
    target: &str,
    concepts: &[Concept],
    source_terms: &TermIndex,
    target_terms: &TermIndex,
) -> Vec<QaIssue> {
    let mut issues = Vec::new();
    let target_hits = target_terms.find(target);
    for hit in source_terms.find(source) {
        if target_hits.iter().any(|t| t.concept == hit.concept) {
            continue;
        }
        let concept = &concepts[hit.concept];
        let mut expected: Vec<&super::Term> = concept
            .terms_in(target_terms.lang())
            .filter(|t| t.status.usable())
            .collect();
        expected.sort_by_key(|t| t.status != TermStatus::Preferred);
        if expected.is_empty() {
            continue;
        }
        issues.push(QaIssue::MissingTerm {
            concept: hit.concept,
            source_span: hit.span,
            expected: expected.iter().map(|t| t.text.clone()).collect(),
        });
    }
    for hit in &target_hits {
        if concepts[hit.concept].terms[hit.term].status == TermStatus::Forbidden {
            issues.push(QaIssue::ForbiddenTerm {
                concept: hit.concept,
                target_span: hit.span.clone(),
            });
        }
    }
    let (src, tgt) = (numbers(source), numbers(target));
    let missing = unmatched(&src, &tgt);
    let extra = unmatched(&tgt, &src);
    if !missing.is_empty() || !extra.is_empty() {
        issues.push(QaIssue::NumberMismatch { missing, extra });
    }
    issues
}

/// The numbers written in `text`, each with the values it may stand for. "12,5" and
/// "12.5" are one value; "1 000" and "1,000,000" are thousands; "3,500" may be either
/// 3500 (English) or 3.5 (Russian, Azerbaijani), so it has both; "27.09.2018" is a date
/// and stands for itself.
pub fn numbers(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        // Digits, and single separators that have a digit on both sides.
        while j < chars.len() {
            let c = chars[j].1;
            let joins = matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
                && chars.get(j + 1).is_some_and(|(_, d)| d.is_ascii_digit());
            if !(c.is_ascii_digit() || joins) {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
        let written = &text[start..end];
        out.push((written.to_string(), values(written)));
        i = j;
    }
    out
}

fn values(written: &str) -> Vec<String> {
    // A space inside a number only ever groups thousands.
    let compact: String = written
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let seps: Vec<char> = compact.chars().filter(|c| !c.is_ascii_digit()).collect();
    let groups: Vec<&str> = compact.split(['.', ',']).collect();
    let digits = groups.concat();
    match seps.as_slice() {
        [] => vec![digits],
        [_] => {
            let (int, frac) = (groups[0], groups[1]);
            let decimal = decimal(int, frac);
            if frac.len() == 3 {
                vec![digits, decimal]
            } else {
                vec![decimal]
            }
        }
        [first, rest @ ..] if rest.iter().all(|c| c == first) => {
            if groups[1..].iter().all(|g| g.len() == 3) {
                vec![digits]
            } else {
                vec![compact]
            }
        }
        _ => {
            // Mixed separators: the last one marks decimals ("1,000.5", "1.000,5").
            let last = compact.rfind(['.', ',']).unwrap_or(compact.len());
            let int: String = compact[..last]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            vec![decimal(&int, &compact[last + 1..])]
        }
    }
}

/// A decimal value in one spelling: "3.500" and "3.5" are the same number.
fn decimal(int: &str, frac: &str) -> String {
    match frac.trim_end_matches('0') {
        "" => int.to_string(),
        frac => format!("{int}.{frac}"),
    }
}

/// The numbers of `a` that no number of `b` can equal, each used once.
fn unmatched(a: &[(String, Vec<String>)], b: &[(String, Vec<String>)]) -> Vec<String> {
    let mut pool: Vec<&Vec<String>> = b.iter().map(|(_, v)| v).collect();
    let mut out = Vec::new();
    for (written, values) in a {
        match pool
            .iter()
            .position(|v| v.iter().any(|x| values.contains(x)))
        {
            Some(k) => {
                pool.swap_remove(k);
            }
            None => out.push(written.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::csv;
    use crate::lang::LanguageTag;

    fn glossary() -> Vec<Concept> {
        let mut concepts = csv::read(
            include_str!("../../../../glossary/diplomatic.csv"),
            b',',
            None,
            &crate::limits::Limits::default(),
        )
        .unwrap();
        let ru = LanguageTag::parse("ru").unwrap();
        let mut banned = super::super::Term::new(ru, "межрегиональная встреча");
        banned.status = TermStatus::Forbidden;
        concepts[0].terms.push(banned);
        concepts
    }

    fn qa(source: &str, target: &str) -> Vec<QaIssue> {
        let concepts = glossary();
        let en = TermIndex::build(&concepts, &LanguageTag::parse("en").unwrap());
        let ru = TermIndex::build(&concepts, &LanguageTag::parse("ru").unwrap());
        check(source, target, &concepts, &en, &ru)
    }

    #[test]
    fn an_inflected_target_term_satisfies_the_glossary() {
        assert_eq!(
            qa(
                "Delegates of the inter-regional forum met.",
                "Делегаты межрегионального форума встретились."
            ),
            []
        );
    }

    #[test]
    fn reports_a_missing_term_with_the_expected_translation() {
        let issues = qa(
            "The inter-regional forum opened.",
            "Открылась региональная конференция.",
        );
        assert_eq!(
            issues,
            [QaIssue::MissingTerm {
                concept: 0,
                source_span: 4..24,
                expected: vec!["межрегиональный форум".into()]
            }]
        );
    }

    #[test]
    fn reports_forbidden_terms() {
        let issues = qa(
            "The inter-regional forum opened.",
            "Открылась межрегиональная встреча.",
        );
        assert_eq!(
            issues,
            [QaIssue::ForbiddenTerm {
                concept: 0,
                target_span: 19..64
            }]
        );
    }

    #[test]
    fn compares_numbers_across_conventions() {
        assert_eq!(
            qa(
                "Trade grew by 12.5% to $3,500 on 27.09.2018.",
                "Рост на 12,5% до 3 500 долл. 27.09.2018."
            ),
            []
        );
        assert_eq!(
            qa("It cost 3,500 euros.", "Это стоило 3,5 евро."),
            [],
            "3,500 may be 3.5 in Russian"
        );
        assert_eq!(
            qa(
                "Signed 14 agreements in 2026.",
                "Подписано 15 соглашений в 2026 г."
            ),
            [QaIssue::NumberMismatch {
                missing: vec!["14".into()],
                extra: vec!["15".into()]
            }]
        );
    }

    #[test]
    fn reads_numbers_as_written() {
        let written: Vec<String> = numbers("1 000 000 и 1,000.5 и 27.09.2018, 5.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(written, ["1 000 000", "1,000.5", "27.09.2018", "5"]);
        assert_eq!(values("1,000.5"), ["1000.5"]);
        assert_eq!(values("1.000,5"), ["1000.5"]);
        assert_eq!(values("27.09.2018"), ["27.09.2018"]);
    }
}
