//! `dragoman-bench sentences`: whether the length test that decides which units of
//! several sentences are matched sentence by sentence (`store::units::sentences`) is
//! enough, measured against the sentence aligner on a parallel corpus laid out like
//! NTREX-128.
//!
//! Every two consecutive rows of an article make a unit of two sentences in each
//! language. For each language pair whose sides both cut into two sentences, the length
//! test and the aligner (on the two sentences of each side as two documents) say whether
//! they pair one to one; then again with one side's sentences swapped, which no test
//! should accept but which only lengths can tell apart here. Reported: how many pairs
//! each accepts, how often they agree, and the time each takes per unit.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use dragoman_core::align::{AlignOptions, align};
use dragoman_core::store::units::sentences::{MAX_MISFIT, cut, length_misfit};
use dragoman_core::tm::Variant;
use dragoman_core::{Document, LanguageTag, segment};
use serde_json::json;

/// `dragoman-bench sentences` arguments.
#[derive(Args)]
pub struct BenchSentencesArgs {
    /// Directory with eng.tsv, rus.tsv and aze.tsv (NTREX-128's layout).
    #[arg(long)]
    corpus: PathBuf,
}

const FILES: [(&str, &str); 3] = [("rus.tsv", "ru"), ("aze.tsv", "az"), ("eng.tsv", "en")];

/// Each file's rows as (article, text), in file order.
fn read(corpus: &std::path::Path) -> Result<Vec<Vec<(String, String)>>> {
    FILES
        .iter()
        .map(|(file, _)| {
            let path = corpus.join(file);
            let tsv = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
            tsv.lines()
                .skip(1)
                .enumerate()
                .map(|(n, line)| {
                    let mut cols = line.splitn(3, '\t');
                    match (cols.next(), cols.next(), cols.next()) {
                        (Some(id), Some(_), Some(text)) => Ok((id.to_string(), text.to_string())),
                        _ => bail!("{file} line {}: expected doc_id, sent_idx, text", n + 2),
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether the aligner pairs the sentences of `a` and `b` one to one.
fn aligner_pairs(a: &(LanguageTag, Vec<&str>), b: &(LanguageTag, Vec<&str>)) -> bool {
    let doc = |(lang, sentences): &(LanguageTag, Vec<&str>)| {
        let text = sentences.join("\n") + "\n";
        Document {
            name: lang.to_string(),
            lang: lang.clone(),
            segments: segment::presegmented(&text),
            text,
        }
    };
    align(&[doc(a), doc(b)], &AlignOptions::default())
        .map(|al| al.shapes().iter().all(|s| s == "1-1"))
        .unwrap_or(false)
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    length_accepts: usize,
    aligner_accepts: usize,
    agree: usize,
}

impl Tally {
    fn add(&mut self, length: bool, aligner: bool) {
        self.pairs += 1;
        self.length_accepts += usize::from(length);
        self.aligner_accepts += usize::from(aligner);
        self.agree += usize::from(length == aligner);
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "pairs": self.pairs,
            "length_accepts": self.length_accepts,
            "aligner_accepts": self.aligner_accepts,
            "agree": self.agree,
        })
    }
}

pub fn run(a: &BenchSentencesArgs) -> Result<()> {
    let files = read(&a.corpus)?;
    let langs: Vec<LanguageTag> = FILES
        .iter()
        .map(|(_, l)| LanguageTag::parse(l).expect("a valid tag"))
        .collect();
    let rows = files[0].len();
    if files.iter().any(|f| f.len() != rows) {
        bail!("the three files have different numbers of rows");
    }
    let (mut units, mut cut_units) = (0, 0);
    let (mut straight, mut swapped) = (Tally::default(), Tally::default());
    let mut misfits: Vec<f64> = Vec::new();
    let mut swapped_misfits: Vec<f64> = Vec::new();
    let (mut cut_time, mut aligner_time) = (0.0, 0.0);
    // The segmenters are compiled on first use, once per process: not part of a unit's cost.
    for lang in &langs {
        segment::Segmenter::builtin_shared(lang);
    }
    for k in (0..rows.saturating_sub(1)).step_by(2) {
        if files[0][k].0 != files[0][k + 1].0 {
            continue;
        }
        units += 1;
        let variants: Vec<Variant> = (0..3)
            .map(|f| {
                Variant::new(
                    langs[f].clone(),
                    format!("{} {}", files[f][k].1, files[f][k + 1].1),
                )
            })
            .collect();
        let started = Instant::now();
        let kept = cut(&variants);
        cut_time += started.elapsed().as_secs_f64();
        cut_units += usize::from(kept.len() == 3);
        // Each side cut on its own, two sentences or not counted.
        let sides: Vec<(LanguageTag, Vec<&str>)> = variants
            .iter()
            .map(|v| {
                let s = segment::Segmenter::builtin(&v.lang).split(&v.text);
                (v.lang.clone(), s.iter().map(|s| s.text(&v.text)).collect())
            })
            .collect();
        for (i, j) in [(0, 2), (1, 2), (0, 1)] {
            let (x, y) = (&sides[i], &sides[j]);
            if x.1.len() != 2 || y.1.len() != 2 {
                continue;
            }
            let misfit = length_misfit(&x.1, &y.1);
            misfits.push(misfit);
            let started = Instant::now();
            let aligned = aligner_pairs(x, y);
            aligner_time += started.elapsed().as_secs_f64();
            straight.add(misfit <= MAX_MISFIT, aligned);
            let reversed = (y.0.clone(), vec![y.1[1], y.1[0]]);
            let reversed_misfit = length_misfit(&x.1, &reversed.1);
            swapped_misfits.push(reversed_misfit);
            swapped.add(reversed_misfit <= MAX_MISFIT, aligner_pairs(x, &reversed));
        }
    }
    misfits.sort_by(f64::total_cmp);
    let quantile = |q: f64| {
        let i = ((misfits.len() as f64 * q).ceil() as usize).clamp(1, misfits.len().max(1));
        misfits
            .get(i - 1)
            .map_or(0.0, |m| (m * 100.0).round() / 100.0)
    };
    let per_unit = |total: f64, n: usize| (total * 1e6 / n.max(1) as f64).round();
    // How many pairs in order and swapped each bound would accept.
    let bounds: Vec<serde_json::Value> = [1.5, 2.0, 2.6, 3.0]
        .iter()
        .map(|&b| {
            let within = |m: &[f64]| m.iter().filter(|&&x| x <= b).count();
            json!({ "bound": b, "in_order": within(&misfits), "swapped": within(&swapped_misfits) })
        })
        .collect();
    let out = json!({
        "two_row_units": units,
        "cut_in_all_three_languages": cut_units,
        "max_misfit": MAX_MISFIT,
        "misfit": { "p50": quantile(0.5), "p95": quantile(0.95), "p99": quantile(0.99), "max": quantile(1.0) },
        "accepted_by_bound": bounds,
        "sentences_in_order": straight.json(),
        "one_side_swapped": swapped.json(),
        "cut_us_per_unit": per_unit(cut_time, units),
        "aligner_us_per_pair": per_unit(aligner_time, straight.pairs),
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
