//! Segmentation measured on real news: the built-in rules against an NTREX-128 excerpt
//! (`fixtures/ntrex`, CC BY-SA 4.0). The scoring is the one `dragoman-bench segment
//! --layout title-line` uses: each article's title on its own line, as printed, and its
//! other rows joined with single spaces; gold boundaries are the row boundaries. The
//! fixture's README says how its articles were chosen.

use std::collections::HashSet;

use dragoman_core::LanguageTag;
use dragoman_core::segment::Segmenter;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ntrex");

/// Precision, recall and F1 of the row boundaries found in `file`.
fn score(file: &str, lang: &str) -> (f64, f64, f64) {
    let tsv = std::fs::read_to_string(format!("{FIXTURE}/{file}")).unwrap();
    let joined = std::fs::read_to_string(format!("{FIXTURE}/two-sentence-rows.tsv")).unwrap();
    let two_sentence: HashSet<(&str, usize)> = joined
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c[2] == lang)
        .map(|c| (c[0], c[1].parse().unwrap()))
        .collect();
    let mut docs: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<_> = line.splitn(3, '\t').collect();
        match docs.last_mut() {
            Some((id, rows)) if *id == cols[0] => rows.push(cols[2]),
            _ => docs.push((cols[0], vec![cols[2]])),
        }
    }
    let segmenter = Segmenter::builtin(&LanguageTag::parse(lang).unwrap());
    let (mut tp, mut fp, mut gold) = (0, 0, 0);
    for (id, rows) in &docs {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                text.push(if i == 1 { '\n' } else { ' ' });
            }
            starts.push(text.len());
            text.push_str(row);
        }
        gold += starts.len() - 1;
        for seg in segmenter.split(&text).iter().skip(1) {
            if starts.contains(&seg.start) {
                tp += 1;
            } else {
                let row = starts.iter().rposition(|&s| s < seg.start).unwrap();
                if !two_sentence.contains(&(*id, row)) {
                    fp += 1;
                }
            }
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / gold as f64;
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall),
    )
}

#[test]
fn russian_boundaries_f1_at_least_0_98() {
    let (p, r, f1) = score("rus.tsv", "ru");
    assert!(f1 >= 0.98, "ru: P {p:.4} R {r:.4} F1 {f1:.4}");
}

#[test]
fn azerbaijani_boundaries_f1_at_least_0_98() {
    let (p, r, f1) = score("aze.tsv", "az");
    assert!(f1 >= 0.98, "az: P {p:.4} R {r:.4} F1 {f1:.4}");
}

#[test]
fn english_boundaries_f1_at_least_0_98() {
    let (p, r, f1) = score("eng.tsv", "en");
    assert!(f1 >= 0.98, "en: P {p:.4} R {r:.4} F1 {f1:.4}");
}
