//! Random but realistic memories, for benchmarks and tests at sizes no real sample has.
//!
//! From a few hundred real sentence pairs it makes any number of units: most are new
//! sentences drawn word by word from a bigram model of the real ones (so the vocabulary
//! keeps its long tail and most units are distinct, as in a real memory); one in ten is
//! a real pair with a few words changed (so lookups of real sentences find fuzzy matches).
//! One source segment in twenty carries inline formatting codes.
//! The same seed always gives the same memory.

use super::{Timestamp, TranslationUnit, UnitMetadata, Variant};
use crate::lang::LanguageTag;

/// A small deterministic random number generator (SplitMix64): the benchmark and tests
/// need repeatable streams, not cryptographic ones.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A bigram model of one language's sentences: for each word, the words seen after it.
#[derive(Debug, Clone)]
struct Bigrams {
    words: Vec<String>,
    starts: Vec<usize>,
    next: Vec<Vec<Option<usize>>>,
}

impl Bigrams {
    fn new<'a>(sentences: impl Iterator<Item = &'a str>) -> Self {
        let mut index = std::collections::HashMap::new();
        let mut model = Self {
            words: Vec::new(),
            starts: Vec::new(),
            next: Vec::new(),
        };
        for sentence in sentences {
            let mut prev: Option<usize> = None;
            for word in sentence.split_whitespace() {
                let id = *index.entry(word.to_string()).or_insert_with(|| {
                    model.words.push(word.to_string());
                    model.next.push(Vec::new());
                    model.words.len() - 1
                });
                match prev {
                    Some(p) => model.next[p].push(Some(id)),
                    None => model.starts.push(id),
                }
                prev = Some(id);
            }
            if let Some(p) = prev {
                model.next[p].push(None);
            }
        }
        model
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let mut out = Vec::new();
        let mut word = self.starts[rng.below(self.starts.len())];
        loop {
            out.push(self.words[word].as_str());
            let after = &self.next[word];
            match after.get(rng.below(after.len().max(1))).copied().flatten() {
                Some(next) if out.len() < 40 => word = next,
                _ => break,
            }
        }
        out.join(" ")
    }
}

/// Makes synthetic units and queries from real sentence pairs.
#[derive(Debug, Clone)]
pub struct SyntheticMemory {
    pairs: Vec<(String, String)>,
    langs: (LanguageTag, LanguageTag),
    models: (Bigrams, Bigrams),
}

impl SyntheticMemory {
    /// A generator from `pairs` of sentences in `langs`. Panics if `pairs` is empty.
    pub fn new(pairs: Vec<(String, String)>, langs: (LanguageTag, LanguageTag)) -> Self {
        assert!(!pairs.is_empty(), "a synthetic memory needs real sentences");
        let models = (
            Bigrams::new(pairs.iter().map(|(a, _)| a.as_str())),
            Bigrams::new(pairs.iter().map(|(_, b)| b.as_str())),
        );
        Self {
            pairs,
            langs,
            models,
        }
    }

    /// Unit number `i` of the memory made with `seed`.
    pub fn unit(&self, seed: u64, i: u64) -> TranslationUnit {
        let mut rng = Rng::new(seed ^ i.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let (a, b) = if rng.below(10) == 0 {
            let (a, b) = &self.pairs[rng.below(self.pairs.len())];
            (self.perturb(a, &mut rng, 3), b.clone())
        } else {
            (
                self.models.0.sentence(&mut rng),
                self.models.1.sentence(&mut rng),
            )
        };
        let mut first = Variant::new(self.langs.0.clone(), a);
        if rng.below(20) == 0 {
            // Formatting around the whole segment, as a word processor's bold leaves it.
            first.markup = Some(format!(
                "<bpt i=\"1\">&lt;b&gt;</bpt>{}<ept i=\"1\">&lt;/b&gt;</ept>",
                quick_xml::escape::escape(first.text.as_str())
            ));
            first.tags = vec!["bpt".into(), "ept".into()];
        }
        TranslationUnit {
            variants: vec![first, Variant::new(self.langs.1.clone(), b)],
            meta: UnitMetadata::new("synthetic", Timestamp(1_700_000_000 + i as i64)),
        }
    }

    /// `count` queries in the first language: real sentences with up to two words changed.
    pub fn queries(&self, seed: u64, count: usize) -> Vec<String> {
        let mut rng = Rng::new(seed.rotate_left(17) ^ 0x5EED);
        (0..count)
            .map(|_| {
                let (a, _) = &self.pairs[rng.below(self.pairs.len())];
                self.perturb(a, &mut rng, 2)
            })
            .collect()
    }

    /// `sentence` with up to `edits` words deleted, replaced by a random word or turned
    /// into another number.
    fn perturb(&self, sentence: &str, rng: &mut Rng, edits: usize) -> String {
        let mut words: Vec<String> = sentence.split_whitespace().map(str::to_string).collect();
        for _ in 0..rng.below(edits + 1) {
            if words.len() < 2 {
                break;
            }
            let at = rng.below(words.len());
            match rng.below(3) {
                0 => {
                    words.remove(at);
                }
                1 => {
                    let vocabulary = &self.models.0.words;
                    words[at] = vocabulary[rng.below(vocabulary.len())].clone();
                }
                _ => words[at] = (rng.below(2030) + 1).to_string(),
            }
        }
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generator() -> SyntheticMemory {
        let pairs = [
            (
                "The talks lasted three hours.",
                "Переговоры длились три часа.",
            ),
            ("The President arrived in Baku.", "Президент прибыл в Баку."),
            ("The talks ended in Baku.", "Переговоры закончились в Баку."),
        ];
        SyntheticMemory::new(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            (
                LanguageTag::parse("en").unwrap(),
                LanguageTag::parse("ru").unwrap(),
            ),
        )
    }

    #[test]
    fn the_same_seed_gives_the_same_memory() {
        let g = generator();
        assert_eq!(g.unit(7, 3), g.unit(7, 3));
        let distinct: std::collections::HashSet<String> = (0..50)
            .map(|i| g.unit(7, i).variants[0].text.clone())
            .collect();
        assert!(distinct.len() > 5, "units vary: {distinct:?}");
        assert_eq!(g.queries(1, 5), g.queries(1, 5));
    }

    #[test]
    fn units_use_the_real_vocabulary() {
        let g = generator();
        let unit = g.unit(1, 1);
        for word in unit.variants[1].text.split_whitespace() {
            assert!(
                g.pairs.iter().any(|(_, b)| b.contains(word)),
                "{word} comes from the Russian sentences"
            );
        }
    }
}
