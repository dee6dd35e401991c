//! Word pairs beyond spelling: the caller's terms, and pairs learned from the documents.
//!
//! **Terms.** A [`TermPair`] links a glossary or memory term in one language to its
//! equivalent in another. Both sides are matched by word *stems* (the first
//! [`STEM_CHARS`] letters of each folded word, in order), so inflected occurrences count:
//! "межрегионального форума" contains the term "межрегиональный форум". A segment that
//! contains a term gets an extra anchor that links only to the other side of that term.
//!
//! **Learning.** As in hunalign, the first pass's confident 1-1 beads are a small
//! parallel corpus. Stems that appear together in them more often than chance, by the
//! Dice coefficient `2·c(a,b) / (c(a) + c(b))`, become links for the second pass. Pairs
//! are chosen by competitive linking (best Dice first, each stem used once), which
//! keeps a frequent word from pairing with everything near it.

use std::collections::HashMap;

use super::anchors::{Links, Prepared};
use super::tokens::{TokenKind, tokenize};
use crate::lang::LanguageTag;

/// Letters kept of a word to compare inflected forms.
pub(crate) const STEM_CHARS: usize = 5;

/// A pair of terms known to translate each other, from a glossary or a memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermPair {
    /// Language of `source`.
    pub source_lang: LanguageTag,
    /// The term in `source_lang`, one or more words.
    pub source: String,
    /// Language of `target`.
    pub target_lang: LanguageTag,
    /// The equivalent term in `target_lang`.
    pub target: String,
}

/// The stem of a folded word.
pub(crate) fn stem(word: &str) -> &str {
    match word.char_indices().nth(STEM_CHARS) {
        Some((cut, _)) => &word[..cut],
        None => word,
    }
}

/// Reliability of a caller's term, higher than any spelling clue's.
const TERM_WEIGHT: f32 = 0.9;
/// The least Dice coefficient and co-occurrence count of a learned pair.
const MIN_DICE: f32 = 0.3;
const MIN_PAIRS: u32 = 2;
/// At most this many beads are learned from; more add little and cost time.
const MAX_LEARNING_BEADS: usize = 4000;

/// Per-segment anchors that the lexicon adds on top of the documents' own types: ids
/// from `a.types.len()` (and `b.types.len()`) upward, one per term pair that applies.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermAnchors {
    /// Extra anchor ids of each segment of the first document.
    pub a: Vec<Vec<u32>>,
    /// Extra anchor ids of each segment of the second document.
    pub b: Vec<Vec<u32>>,
}

impl TermAnchors {
    /// No term anchors, for documents `a` and `b`.
    pub fn none(a: &Prepared, b: &Prepared) -> Self {
        Self {
            a: vec![Vec::new(); a.segments.len()],
            b: vec![Vec::new(); b.segments.len()],
        }
    }
}

/// The segments of `doc` that contain `term` (its words' stems, consecutively).
fn segments_with(doc: &Prepared, term: &str) -> Vec<usize> {
    let words: Vec<String> = tokenize(term, &doc.lang)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| stem(&t.text).to_string())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    doc.segments
        .iter()
        .enumerate()
        .filter(|(_, ids)| {
            let stems: Vec<&str> = ids
                .iter()
                .map(|&t| stem(&doc.types[t as usize].text))
                .collect();
            stems
                .windows(words.len())
                .any(|w| w.iter().zip(&words).all(|(s, t)| s == t))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Add the caller's terms that apply to the pair `a`, `b` (in either direction): each
/// becomes one anchor type on each side, linked to the other.
pub(crate) fn add_terms(
    a: &Prepared,
    b: &Prepared,
    terms: &[TermPair],
    links: &mut Links,
) -> TermAnchors {
    let mut anchors = TermAnchors::none(a, b);
    let mut added = 0;
    for term in terms {
        let (in_a, in_b) = if term.source_lang == a.lang && term.target_lang == b.lang {
            (&term.source, &term.target)
        } else if term.source_lang == b.lang && term.target_lang == a.lang {
            (&term.target, &term.source)
        } else {
            continue;
        };
        let hits_a = segments_with(a, in_a);
        let hits_b = segments_with(b, in_b);
        if hits_a.is_empty() || hits_b.is_empty() {
            continue;
        }
        let id_a = (a.types.len() + added) as u32;
        let id_b = (b.types.len() + added) as u32;
        added += 1;
        links.by_a.push(Vec::new());
        links.add(id_a, id_b, TERM_WEIGHT);
        for i in hits_a {
            anchors.a[i].push(id_a);
        }
        for j in hits_b {
            anchors.b[j].push(id_b);
        }
    }
    anchors
}

/// Stem ids of one document: `of_type[t]` is the stem of word type `t` (`None` for
/// numbers and marks), `types[s]` the word types with stem `s`.
struct Stems {
    of_type: Vec<Option<u32>>,
    types: Vec<Vec<u32>>,
}

fn stems(doc: &Prepared) -> Stems {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut of_type = Vec::with_capacity(doc.types.len());
    let mut types: Vec<Vec<u32>> = Vec::new();
    for (id, t) in doc.types.iter().enumerate() {
        if t.kind != TokenKind::Word {
            of_type.push(None);
            continue;
        }
        let next = index.len() as u32;
        let s = *index.entry(stem(&t.text)).or_insert(next);
        if s == next {
            types.push(Vec::new());
        }
        types[s as usize].push(id as u32);
        of_type.push(Some(s));
    }
    Stems { of_type, types }
}

/// The reliability of a learned pair: Dice is the share of the two stems' occurrences
/// that were paired, an estimate of how often one keeps the other, shrunk a little
/// since the beads it was counted on are not all right.
fn learned_reliability(dice: f32) -> f32 {
    0.1 + 0.8 * dice
}

/// Learn word pairs from `beads` (segment `i` of `a` translating segment `j` of `b`) and
/// add them to `links`. Returns how many stem pairs were learned.
pub(crate) fn learn(
    a: &Prepared,
    b: &Prepared,
    beads: &[(usize, usize)],
    links: &mut Links,
) -> usize {
    let stems_a = stems(a);
    let stems_b = stems(b);
    let step = beads.len().div_ceil(MAX_LEARNING_BEADS).max(1);
    let mut count_a: HashMap<u32, u32> = HashMap::new();
    let mut count_b: HashMap<u32, u32> = HashMap::new();
    let mut count_ab: HashMap<(u32, u32), u32> = HashMap::new();
    let distinct = |doc: &Prepared, s: &Stems, seg: usize| {
        let mut v: Vec<u32> = doc.segments[seg]
            .iter()
            .filter_map(|&t| s.of_type[t as usize])
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    for &(i, j) in beads.iter().step_by(step) {
        let sa = distinct(a, &stems_a, i);
        let sb = distinct(b, &stems_b, j);
        for &x in &sa {
            *count_a.entry(x).or_default() += 1;
        }
        for &y in &sb {
            *count_b.entry(y).or_default() += 1;
        }
        for &x in &sa {
            for &y in &sb {
                *count_ab.entry((x, y)).or_default() += 1;
            }
        }
    }
    let mut candidates: Vec<(f32, u32, u32)> = count_ab
        .into_iter()
        .filter(|&(_, c)| c >= MIN_PAIRS)
        .map(|((x, y), c)| {
            let dice = 2.0 * c as f32 / (count_a[&x] + count_b[&y]) as f32;
            (dice, x, y)
        })
        .filter(|&(dice, _, _)| dice >= MIN_DICE)
        .collect();
    candidates.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    let mut used_a = vec![false; stems_a.types.len()];
    let mut used_b = vec![false; stems_b.types.len()];
    let mut learned = 0;
    for (dice, x, y) in candidates {
        if used_a[x as usize] || used_b[y as usize] {
            continue;
        }
        used_a[x as usize] = true;
        used_b[y as usize] = true;
        learned += 1;
        for &ta in &stems_a.types[x as usize] {
            for &tb in &stems_b.types[y as usize] {
                links.add(ta, tb, learned_reliability(dice));
            }
        }
    }
    learned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::anchors::{link_types, prepare};
    use crate::document::Document;
    use crate::segment::presegmented;

    fn doc(lang: &str, text: &str) -> Prepared {
        prepare(&Document {
            name: lang.into(),
            lang: LanguageTag::parse(lang).unwrap(),
            text: text.into(),
            segments: presegmented(text),
        })
    }

    #[test]
    fn stems_cut_inflections() {
        assert_eq!(stem("форума"), "форум");
        assert_eq!(stem("forumlarda"), "forum");
        assert_eq!(stem("bu"), "bu");
    }

    #[test]
    fn inflected_terms_anchor_their_segments() {
        let ru = doc(
            "ru",
            "Открытие форума.\nУчастники межрегионального форума приехали.",
        );
        let en = doc(
            "en",
            "The opening.\nParticipants of the interregional forum arrived.",
        );
        let mut links = link_types(&ru, &en);
        let terms = [TermPair {
            source_lang: LanguageTag::parse("en").unwrap(),
            source: "interregional forum".into(),
            target_lang: LanguageTag::parse("ru").unwrap(),
            target: "межрегиональный форум".into(),
        }];
        let anchors = add_terms(&ru, &en, &terms, &mut links);
        assert!(anchors.a[0].is_empty() && anchors.b[0].is_empty());
        let (ta, tb) = (anchors.a[1][0], anchors.b[1][0]);
        assert_eq!(links.by_a[ta as usize], [(tb, TERM_WEIGHT)]);
    }

    #[test]
    fn learns_pairs_that_recur_together() {
        let ru = doc("ru", "мир и дружба\nмир наступил\nдружба народов\nзакон\n");
        let en = doc(
            "en",
            "peace and friendship\npeace came\nfriendship of nations\nlaw\n",
        );
        let mut links = link_types(&ru, &en);
        let learned = learn(&ru, &en, &[(0, 0), (1, 1), (2, 2), (3, 3)], &mut links);
        assert_eq!(learned, 2, "мир↔peace and дружба↔friendship recur twice");
        let mir = ru.types.iter().position(|t| t.text == "мир").unwrap();
        let peace = en.types.iter().position(|t| t.text == "peace").unwrap() as u32;
        assert_eq!(links.by_a[mir][0].0, peace);
    }
}
