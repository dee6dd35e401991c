//! Random but realistic memories, for benchmarks at sizes no real sample has.
//!
//! From a few hundred real parallel sentences in two or more languages (NTREX's Russian,
//! Azerbaijani and English, say) it makes any number of units with a variant in each:
//! most are new sentences drawn word by word from a bigram model of each language's real
//! ones (so the vocabulary keeps its long tail, inflected forms included: Azerbaijani
//! `ölkənin`, `səsvermədə`, `dəyişdirilməsi` come out as the real text has them, and most
//! units are distinct, as in a real memory); one in ten is a real row with a few words
//! of its first language deleted, replaced or turned into numbers (near-duplicates, so
//! lookups of real sentences find fuzzy matches). One first-language segment in twenty
//! carries inline formatting codes. The same seed always gives the same memory, and a
//! two-language memory is the same as before the third language was supported.

use dragoman_core::store::units::Writer;
use dragoman_core::store::{Connection, StoreError};
use dragoman_core::tm::{TranslationUnit, UnitMetadata, Variant};
use dragoman_core::{LanguageTag, Timestamp};

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

/// Makes synthetic units and queries from real parallel sentences.
#[derive(Debug, Clone)]
pub struct SyntheticMemory {
    /// Parallel sentences: each row has one per language, in `langs` order.
    rows: Vec<Vec<String>>,
    langs: Vec<LanguageTag>,
    models: Vec<Bigrams>,
    /// Every this many units (0: none), a unit holds two real rows, one after the other
    /// in each language, as news translators keep two sentences in one unit.
    pub two_rows_every: u64,
}

impl SyntheticMemory {
    /// A generator from `rows` of parallel sentences, one per language of `langs` in
    /// that order. Panics if there are no rows, fewer than two languages, or a row
    /// without a sentence for each language.
    pub fn new(rows: Vec<Vec<String>>, langs: Vec<LanguageTag>) -> Self {
        assert!(!rows.is_empty(), "a synthetic memory needs real sentences");
        assert!(langs.len() >= 2, "a unit needs two or more languages");
        assert!(
            rows.iter().all(|row| row.len() == langs.len()),
            "every row needs a sentence in each language"
        );
        let models = (0..langs.len())
            .map(|i| Bigrams::new(rows.iter().map(|row| row[i].as_str())))
            .collect();
        Self {
            rows,
            langs,
            models,
            two_rows_every: 0,
        }
    }

    /// Store units `0..units` of the memory made with `seed` into `conn`, as an import
    /// adds them (through the store's writer, 10,000 a transaction), with progress on
    /// stderr.
    pub fn store(&self, conn: &mut Connection, seed: u64, units: u64) -> Result<(), StoreError> {
        let mut i = 0;
        while i < units {
            let mut writer = Writer::begin(conn)?;
            for _ in 0..10_000.min(units - i) {
                writer.insert(&self.unit(seed, i))?;
                i += 1;
            }
            writer.commit()?;
            eprint!("\rbuilt {i} of {units} units");
        }
        eprintln!();
        Ok(())
    }

    /// Unit number `i` of the memory made with `seed`.
    pub fn unit(&self, seed: u64, i: u64) -> TranslationUnit {
        let mut rng = Rng::new(seed ^ i.wrapping_mul(0x2545_F491_4F6C_DD1D));
        // The draws are in the order the two-language generator made them, so that its
        // memories (and the benchmark figures measured on them) stay the same.
        let texts: Vec<String> = if self.two_rows_every > 0 && i.is_multiple_of(self.two_rows_every)
        {
            // Drawn apart, so that the other units stay as they were.
            let mut two = Rng::new(seed ^ i.rotate_left(29) ^ 0x7770);
            let (a, b) = (
                &self.rows[two.below(self.rows.len())],
                &self.rows[two.below(self.rows.len())],
            );
            a.iter().zip(b).map(|(x, y)| format!("{x} {y}")).collect()
        } else if rng.below(10) == 0 {
            let row = &self.rows[rng.below(self.rows.len())];
            let mut texts = vec![self.perturb(&row[0], &mut rng, 3)];
            texts.extend(row[1..].iter().cloned());
            texts
        } else {
            self.models.iter().map(|m| m.sentence(&mut rng)).collect()
        };
        let mut variants: Vec<Variant> = self
            .langs
            .iter()
            .zip(texts)
            .map(|(lang, text)| Variant::new(lang.clone(), text))
            .collect();
        let first = &mut variants[0];
        if rng.below(20) == 0 {
            // Formatting around the whole segment, as a word processor's bold leaves it.
            first.markup = Some(format!(
                "<bpt i=\"1\">&lt;b&gt;</bpt>{}<ept i=\"1\">&lt;/b&gt;</ept>",
                quick_xml::escape::escape(first.text.as_str())
            ));
            first.tags = vec!["bpt".into(), "ept".into()];
        }
        TranslationUnit {
            variants,
            meta: UnitMetadata::new("synthetic", Timestamp(1_700_000_000 + i as i64)),
        }
    }

    /// `count` queries in the first language: real sentences with up to two words changed.
    pub fn queries(&self, seed: u64, count: usize) -> Vec<String> {
        let mut rng = Rng::new(seed.rotate_left(17) ^ 0x5EED);
        (0..count)
            .map(|_| {
                let row = &self.rows[rng.below(self.rows.len())];
                self.perturb(&row[0], &mut rng, 2)
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
                    let vocabulary = &self.models[0].words;
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

    const ROWS: [[&str; 3]; 3] = [
        [
            "Переговоры длились три часа.",
            "Danışıqlar üç saat çəkdi.",
            "The talks lasted three hours.",
        ],
        [
            "Президент прибыл в Баку.",
            "Prezident Bakıya gəldi.",
            "The President arrived in Baku.",
        ],
        [
            "Переговоры закончились в Баку.",
            "Danışıqlar Bakıda başa çatdı.",
            "The talks ended in Baku.",
        ],
    ];

    fn generator(columns: &[usize]) -> SyntheticMemory {
        let tags = ["ru", "az", "en"];
        SyntheticMemory::new(
            ROWS.iter()
                .map(|row| columns.iter().map(|&c| row[c].to_string()).collect())
                .collect(),
            columns
                .iter()
                .map(|&c| LanguageTag::parse(tags[c]).unwrap())
                .collect(),
        )
    }

    #[test]
    fn the_same_seed_gives_the_same_memory() {
        let g = generator(&[2, 0]);
        assert_eq!(g.unit(7, 3), g.unit(7, 3));
        let distinct: std::collections::HashSet<String> = (0..50)
            .map(|i| g.unit(7, i).variants[0].text.clone())
            .collect();
        assert!(distinct.len() > 5, "units vary: {distinct:?}");
        assert_eq!(g.queries(1, 5), g.queries(1, 5));
    }

    #[test]
    fn each_language_draws_on_its_own_vocabulary() {
        let g = generator(&[0, 1, 2]);
        for i in 0..40 {
            let unit = g.unit(1, i);
            let langs: Vec<&str> = unit.variants.iter().map(|v| v.lang.as_str()).collect();
            assert_eq!(langs, ["ru", "az", "en"]);
            for (column, variant) in unit.variants.iter().enumerate().skip(1) {
                for word in variant.text.split_whitespace() {
                    assert!(
                        ROWS.iter().any(|row| row[column].contains(word)),
                        "{word} of unit {i} comes from the {} sentences",
                        variant.lang.as_str()
                    );
                }
            }
        }
        let az: String = (0..40)
            .map(|i| g.unit(1, i).variants[1].text.clone())
            .collect();
        for suffixed in ["Bakıya", "Bakıda", "çəkdi", "gəldi"] {
            assert!(az.contains(suffixed), "{suffixed} in {az}");
        }
    }

    #[test]
    fn a_third_language_leaves_the_first_two_texts_as_they_were() {
        let two = generator(&[0, 2]);
        let three = generator(&[0, 2, 1]);
        for i in 0..200 {
            let (a, b) = (two.unit(5, i), three.unit(5, i));
            // Only the formatting decision, drawn after the texts, may differ.
            assert_eq!(a.variants[0].text, b.variants[0].text, "unit {i}");
            assert_eq!(a.variants[1].text, b.variants[1].text, "unit {i}");
            assert_eq!(b.variants.len(), 3);
        }
    }
}
