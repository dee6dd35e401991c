//! `dragoman-bench segment`: how well the built-in (or a user's SRX) rules find sentence boundaries in a
//! parallel corpus laid out like NTREX-128 (`eng.tsv`, `rus.tsv`, `aze.tsv` with columns
//! doc_id, sent_idx, text).
//!
//! Each document's rows are joined with single spaces and segmented; the gold boundaries
//! are the row boundaries inside the document. A predicted boundary is where a segment
//! after a document's first one starts. Some rows hold two complete sentences because the
//! translator joined them; a boundary found inside one of the rows listed in the
//! two-sentence file is not counted as a false positive (nor as a hit).

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use dragoman_core::limits::Limits;
use dragoman_core::{LanguageTag, segment::Segmenter};
use serde::Serialize;

/// The NTREX rows known to hold two sentences, with the reason for each.
const NTREX_TWO_SENTENCE_ROWS: &str = include_str!("../data/ntrex-two-sentence-rows.tsv");

/// The corpus files and the languages they hold.
const FILES: [(&str, &str); 3] = [("rus.tsv", "ru"), ("aze.tsv", "az"), ("eng.tsv", "en")];

/// How a document's rows are laid out before segmenting.
#[derive(Clone, Copy, ValueEnum)]
enum Layout {
    /// All rows joined with single spaces: only punctuation can show a boundary.
    Spaces,
    /// The first row (the article's title) on its own line, the rest joined with spaces,
    /// as the article is printed.
    TitleLine,
}

/// `dragoman-bench segment` arguments.
#[derive(Args)]
pub struct SegmentBenchArgs {
    /// Directory with eng.tsv, rus.tsv and aze.tsv.
    corpus: PathBuf,
    /// How rows are laid out in the text given to the segmenter.
    #[arg(long, value_enum, default_value = "spaces")]
    layout: Layout,
    /// TSV of rows holding two sentences (doc_id, sent_idx, lang, reason); the built-in
    /// NTREX list when omitted.
    #[arg(long)]
    two_sentence_rows: Option<PathBuf>,
    /// SRX 2.0 file whose rules to measure instead of the built-in ones.
    #[arg(long)]
    srx: Option<PathBuf>,
    /// Leave out the headline step (boundaries after titles without punctuation), to
    /// measure the SRX rules alone.
    #[arg(long)]
    no_headlines: bool,
    /// Print every missed and spurious boundary to stderr.
    #[arg(long)]
    errors: bool,
}

#[derive(Serialize, Default)]
struct Score {
    lang: String,
    documents: usize,
    gold: usize,
    predicted: usize,
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    /// Boundaries inside rows known to hold two sentences, left out of the score.
    ignored: usize,
    /// Gold boundaries after a row ending in final punctuation (the ones punctuation can
    /// show when rows are joined with spaces), and how many of them were found.
    gold_punctuated: usize,
    found_punctuated: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    punctuated_recall: f64,
}

pub fn run(args: &SegmentBenchArgs) -> Result<()> {
    let two_sentence_text = match &args.two_sentence_rows {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?,
        None => NTREX_TWO_SENTENCE_ROWS.to_string(),
    };
    let two_sentence = parse_two_sentence_rows(&two_sentence_text)?;
    let rules = match &args.srx {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?,
        ),
        None => None,
    };
    let mut scores = Vec::new();
    for (file, lang) in FILES {
        let path = args.corpus.join(file);
        let tsv = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let docs = read_documents(&tsv).with_context(|| path.display().to_string())?;
        let tag = LanguageTag::parse(lang)?;
        let segmenter = match (&rules, &args.srx) {
            (Some(srx), Some(path)) => Segmenter::from_srx(srx, &tag, &Limits::default())
                .with_context(|| path.display().to_string())?,
            _ => Segmenter::builtin(&tag),
        }
        .with_headline_breaks(args.srx.is_none() && !args.no_headlines);
        let mut score = Score {
            lang: lang.to_string(),
            documents: docs.len(),
            ..Score::default()
        };
        for doc in &docs {
            score_document(doc, &segmenter, args, &two_sentence, &mut score);
        }
        let tp = score.true_positives as f64;
        score.precision = tp / (score.true_positives + score.false_positives).max(1) as f64;
        score.recall = tp / score.gold.max(1) as f64;
        score.punctuated_recall =
            score.found_punctuated as f64 / score.gold_punctuated.max(1) as f64;
        score.f1 = if score.precision + score.recall > 0.0 {
            2.0 * score.precision * score.recall / (score.precision + score.recall)
        } else {
            0.0
        };
        eprintln!(
            "{lang}: P {:.4}  R {:.4}  F1 {:.4}  punctuated R {:.4}  ({} gold, {} predicted, {} ignored, {} documents)",
            score.precision,
            score.recall,
            score.f1,
            score.punctuated_recall,
            score.gold,
            score.predicted,
            score.ignored,
            score.documents
        );
        scores.push(score);
    }
    println!("{}", serde_json::to_string_pretty(&scores)?);
    Ok(())
}

/// One article: its id and its rows in order.
struct CorpusDocument<'a> {
    id: &'a str,
    rows: Vec<&'a str>,
}

fn read_documents(tsv: &str) -> Result<Vec<CorpusDocument<'_>>> {
    let mut docs: Vec<CorpusDocument> = Vec::new();
    for (n, line) in tsv.lines().enumerate().skip(1) {
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(_), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            bail!("line {}: expected doc_id, sent_idx, text", n + 1);
        };
        match docs.last_mut() {
            Some(doc) if doc.id == id => doc.rows.push(text),
            _ => docs.push(CorpusDocument {
                id,
                rows: vec![text],
            }),
        }
    }
    Ok(docs)
}

/// `(doc_id, sent_idx, lang)` of the rows holding two sentences.
fn parse_two_sentence_rows(tsv: &str) -> Result<HashSet<(String, usize, String)>> {
    let mut rows = HashSet::new();
    for (n, line) in tsv.lines().enumerate() {
        if n == 0 || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<_> = line.split('\t').collect();
        let [id, idx, lang, _reason] = cols[..] else {
            bail!(
                "two-sentence rows, line {}: expected doc_id, sent_idx, lang, reason",
                n + 1
            );
        };
        let idx = idx
            .parse()
            .with_context(|| format!("two-sentence rows, line {}: sent_idx", n + 1))?;
        rows.insert((id.to_string(), idx, lang.to_string()));
    }
    Ok(rows)
}

fn score_document(
    doc: &CorpusDocument,
    segmenter: &Segmenter,
    args: &SegmentBenchArgs,
    two_sentence: &HashSet<(String, usize, String)>,
    score: &mut Score,
) {
    let lang = segmenter.lang().as_str();
    let mut text = String::new();
    // Byte range of each row's text (without its own surrounding spaces).
    let mut rows = Vec::with_capacity(doc.rows.len());
    for (i, row) in doc.rows.iter().enumerate() {
        if i > 0 {
            let title_break = i == 1 && matches!(args.layout, Layout::TitleLine);
            text.push(if title_break { '\n' } else { ' ' });
        }
        let lead = row.len() - row.trim_start().len();
        let start = text.len() + lead;
        text.push_str(row);
        rows.push(start..start + row.trim().len());
    }
    let gold: HashSet<usize> = rows.iter().skip(1).map(|r| r.start).collect();
    let segments = segmenter.split(&text);
    let predicted: Vec<usize> = segments.iter().skip(1).map(|s| s.start).collect();
    score.gold += gold.len();
    score.predicted += predicted.len();
    for &p in &predicted {
        if gold.contains(&p) {
            score.true_positives += 1;
            continue;
        }
        let row = rows.iter().position(|r| r.start < p && p < r.end);
        if row.is_some_and(|i| two_sentence.contains(&(doc.id.to_string(), i, lang.to_string()))) {
            score.ignored += 1;
            continue;
        }
        score.false_positives += 1;
        if args.errors {
            eprintln!(
                "{lang} spurious {}#{}: {}",
                doc.id,
                row.map_or(-1, |i| i as i64),
                context(&text, p)
            );
        }
    }
    let found: HashSet<usize> = predicted.iter().copied().collect();
    for (i, r) in rows.iter().enumerate().skip(1) {
        let punctuated = ends_with_final_punctuation(&text[rows[i - 1].clone()]);
        score.gold_punctuated += usize::from(punctuated);
        if found.contains(&r.start) {
            score.found_punctuated += usize::from(punctuated);
        } else {
            score.false_negatives += 1;
            if args.errors {
                eprintln!(
                    "{lang} missed   {}#{i}: {}",
                    doc.id,
                    context(&text, r.start)
                );
            }
        }
    }
}

/// Whether `row` ends in `.`, `?`, `!` or `…`, possibly followed by closing quotes or
/// brackets.
fn ends_with_final_punctuation(row: &str) -> bool {
    let body = row.trim_end_matches(['"', '\'', '»', '”', '“', '’', ')', ']']);
    body.ends_with(['.', '?', '!', '…'])
}

/// Up to 60 characters each side of `p`, with `|` marking it.
fn context(text: &str, p: usize) -> String {
    let before: String = text[..p]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[p..].chars().take(60).collect();
    format!("{before}|{after}").replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_two_sentence_list_parses() {
        let rows = parse_two_sentence_rows(NTREX_TWO_SENTENCE_ROWS).unwrap();
        assert!(
            rows.iter()
                .all(|(_, _, lang)| ["ru", "az", "en"].contains(&lang.as_str()))
        );
    }

    #[test]
    fn final_punctuation_may_sit_inside_quotes() {
        assert!(ends_with_final_punctuation("He said «no.»"));
        assert!(ends_with_final_punctuation("Why?\""));
        assert!(!ends_with_final_punctuation(
            "Trump rallies in West Virginia"
        ));
        assert!(!ends_with_final_punctuation(
            "Tough talk 'and then we fell in love'"
        ));
    }

    #[test]
    fn documents_group_consecutive_rows() {
        let tsv = "doc_id\tsent_idx\ttext\na\t0\tOne.\na\t1\tTwo.\nb\t0\tThree.\n";
        let docs = read_documents(tsv).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].rows, ["One.", "Two."]);
    }
}
