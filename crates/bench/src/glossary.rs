//! `dragoman-bench glossary`: how term recognition scales with the glossary's size.
//!
//! A synthetic glossary of N concepts is built from the words of real sentences (one to
//! four words a term, in the sentences' own inflected forms), then sentences are
//! searched. Two runs: terms drawn from the very sentences searched (hits are many, the
//! worst case), and terms drawn from the odd rows while the even rows are searched (a
//! glossary written apart from the text, as real ones are). Figures: index build time,
//! time per segment (mean and 95th percentile) and throughput in MB of text a second.
//! The sentences are searched `--passes` times (the text is a few hundred kilobytes, a
//! few tens of milliseconds, where one scheduler hiccup moves the figure by a third);
//! the throughput is the median pass's, per-segment times pool all passes.
//! With `--glossary FILE` (CSV or TSV, repeatable), a third run searches every sentence
//! with those glossaries, the starter ones for instance: the figure a translator sees.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dragoman_core::LanguageTag;
use dragoman_core::glossary::recognize::TermIndex;
use dragoman_core::glossary::{Concept, Term};
use serde_json::json;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Args)]
pub struct BenchGlossaryArgs {
    /// Sentences: one per line, or a TSV whose last column is the text (NTREX).
    #[arg(long)]
    text: PathBuf,
    /// The language of the sentences.
    #[arg(long)]
    lang: String,
    /// How many concepts the glossary holds.
    #[arg(long, default_value_t = 100_000)]
    concepts: usize,
    /// A real glossary (CSV or TSV) to search with as well; repeat for several.
    #[arg(long)]
    glossary: Vec<PathBuf>,
    /// How many times the sentences are searched.
    #[arg(long, default_value_t = 9)]
    passes: usize,
}

/// A small deterministic generator, so runs are comparable.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// A glossary of `size` concepts whose terms are one to four words of `sentences`.
fn synthetic(sentences: &[&str], size: usize, lang: &LanguageTag) -> Vec<Concept> {
    let words: Vec<&str> = sentences
        .iter()
        .flat_map(|s| s.unicode_words())
        .filter(|w| w.chars().count() > 3)
        .collect();
    let mut rng = SplitMix(7);
    (0..size)
        .map(|i| {
            let n = 1 + rng.below(4);
            let text = (0..n)
                .map(|_| words[rng.below(words.len())])
                .collect::<Vec<_>>()
                .join(" ");
            Concept {
                id: i.to_string(),
                terms: vec![Term::new(lang.clone(), text)],
                ..Concept::default()
            }
        })
        .collect()
}

/// Build an index of `glossary`, search every one of `sentences`, print the figures.
fn measure(
    terms_from: &str,
    glossary: &[Concept],
    sentences: &[&str],
    lang: &LanguageTag,
    passes: usize,
) {
    let started = Instant::now();
    let index = TermIndex::build(glossary, lang);
    let build = started.elapsed();
    let passes = passes.max(1);
    let mut times: Vec<f64> = Vec::with_capacity(sentences.len() * passes);
    let mut pass_secs: Vec<f64> = Vec::with_capacity(passes);
    let mut hits = 0;
    for _ in 0..passes {
        hits = 0;
        let searching = Instant::now();
        for s in sentences {
            let t = Instant::now();
            hits += index.find(s).len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        pass_secs.push(searching.elapsed().as_secs_f64());
    }
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    times.sort_by(f64::total_cmp);
    pass_secs.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let p95 = times.get(times.len() * 95 / 100).copied().unwrap_or(0.0);
    let median = pass_secs[pass_secs.len() / 2];
    let mb_per_s = bytes as f64 / 1e6 / median.max(1e-9);
    println!(
        "{}",
        json!({
            "terms_from": terms_from, "concepts": glossary.len(), "segments": sentences.len(), "passes": passes,
            "bytes": bytes, "hits": hits,
            "build_ms": (build.as_secs_f64() * 1000.0).round(),
            "mean_ms": (mean * 1000.0).round() / 1000.0, "p95_ms": (p95 * 1000.0).round() / 1000.0,
            "mb_per_s": (mb_per_s * 100.0).round() / 100.0,
        })
    );
}

pub fn run(a: BenchGlossaryArgs) -> Result<()> {
    let lang = LanguageTag::parse(&a.lang).context("--lang")?;
    let raw = std::fs::read_to_string(&a.text)
        .with_context(|| format!("{}: cannot read", a.text.display()))?;
    let sentences: Vec<&str> = raw
        .lines()
        .skip(1)
        .map(|l| l.rsplit('\t').next().unwrap_or(l))
        .collect();
    let glossary = synthetic(&sentences, a.concepts, &lang);
    measure("searched rows", &glossary, &sentences, &lang, a.passes);
    let odd: Vec<&str> = sentences.iter().copied().skip(1).step_by(2).collect();
    let even: Vec<&str> = sentences.iter().copied().step_by(2).collect();
    let glossary = synthetic(&odd, a.concepts, &lang);
    measure("other rows", &glossary, &even, &lang, a.passes);
    if !a.glossary.is_empty() {
        let mut real = Vec::new();
        for path in &a.glossary {
            let data = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            let tsv = path.extension().is_some_and(|e| e == "tsv");
            let delimiter = if tsv { b'\t' } else { b',' };
            real.extend(
                dragoman_core::glossary::csv::read(
                    &data,
                    delimiter,
                    None,
                    &dragoman_core::limits::Limits::default(),
                )
                .with_context(|| path.display().to_string())?,
            );
        }
        measure("--glossary", &real, &sentences, &lang, a.passes);
    }
    Ok(())
}
