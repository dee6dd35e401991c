//! A bead's confidence in `[0, 1]`, for the editor to flag doubtful beads (below 0.5).
//!
//! The base is the bead's **posterior probability** ([`super::posterior`]): the share of
//! all alignments through the search's band, each weighted `exp(−cost / T)`, that hold
//! the bead. It answers "could the neighbourhood as well be cut another way", which a
//! bead's own evidence cannot. Then a few cheap signals each scale it down, since the
//! beads the aligner gets wrong are mostly of these kinds (study in
//! `docs/benchmarks.md`, "Doubtful beads"):
//!
//! - the posterior is **sharpened** (raised to [`SHARPEN`]): bead costs add evidence
//!   that is not independent (the anchors of one sentence), so the lattice is surer
//!   than the aligner is right; a bead needs a posterior above 0.79 to pass 0.5;
//! - an **empty side**: an omission is either a real one or half of a split the
//!   aligner did not see;
//! - **next to an empty side**: the bead beside an omission is where the omitted
//!   sentence's partner, or the other half of a split sentence, usually went;
//! - the **document's first bead, when long**: a side longer than the document's
//!   median segment is a headline joined to the first sentence (segmentation cannot
//!   split a headline without a full stop from the sentence after it in the same
//!   paragraph), which the other language may have split;
//! - a **length ratio far off**: a side more than [`RATIO_OFF`] (in `ln`) longer or
//!   shorter than the documents' overall ratio says, as when one side holds half a
//!   sentence.

use std::ops::Range;

use super::anchors::Prepared;

/// The temperature of the posterior, in cost units (about nats): fitted on the dev
/// tasks (seed 7; 1, 2, 4 and 8 tried), where 2 ranks wrong beads best.
pub(crate) const TEMPERATURE: f32 = 2.0;
/// The power the posterior is raised to.
const SHARPEN: i32 = 3;
/// The factor of a bead with an empty side.
const EMPTY_SIDE: f32 = 0.6;
/// The factor of a bead next to one with an empty side.
const NEXT_TO_EMPTY: f32 = 0.7;
/// The factor of a document's first bead when a side is longer than its document's
/// median segment.
const LONG_FIRST_BEAD: f32 = 0.3;
/// The `ln` of how far a bead's length ratio may stray from the documents' before it
/// counts as off (e^0.5 ≈ 1.65 times).
const RATIO_OFF: f32 = 0.5;
/// The factor of a bead whose length ratio is off.
const LENGTH_OFF: f32 = 0.3;

/// The confidence of each bead, from its sides (one range of segments per document)
/// and its posterior probability.
pub(crate) fn confidences(docs: &[&Prepared], beads: &[(Vec<Range<usize>>, f32)]) -> Vec<f32> {
    let totals: Vec<f32> = docs.iter().map(|d| chars(d, 0..d.chars.len())).collect();
    let empty: Vec<bool> = beads
        .iter()
        .map(|(sides, _)| sides.iter().any(|s| s.is_empty()))
        .collect();
    beads
        .iter()
        .enumerate()
        .map(|(at, (sides, posterior))| {
            let mut c = posterior.clamp(0.0, 1.0).powi(SHARPEN);
            if empty[at] {
                c *= EMPTY_SIDE;
            }
            let before = at.checked_sub(1).is_some_and(|b| empty[b]);
            let after = empty.get(at + 1).copied().unwrap_or(false);
            if before || after {
                c *= NEXT_TO_EMPTY;
            }
            if at == 0 && longer_than_usual(docs, sides) {
                c *= LONG_FIRST_BEAD;
            }
            if ratio_strays(docs, &totals, sides) {
                c *= LENGTH_OFF;
            }
            c
        })
        .collect()
}

/// Whether a side of the bead is longer than its document's median segment.
fn longer_than_usual(docs: &[&Prepared], sides: &[Range<usize>]) -> bool {
    docs.iter().zip(sides).any(|(d, side)| {
        if side.is_empty() {
            return false;
        }
        let mut lengths = d.chars.clone();
        let middle = lengths.len() / 2;
        let (_, &mut median, _) = lengths.select_nth_unstable(middle);
        chars(d, side.clone()) > median as f32
    })
}

/// Characters of segments `range` of `doc`.
fn chars(doc: &Prepared, range: Range<usize>) -> f32 {
    doc.chars[range].iter().map(|&c| c as f32).sum()
}

/// Whether two non-empty sides of the bead differ in length by more than [`RATIO_OFF`]
/// from the ratio of their whole documents.
fn ratio_strays(docs: &[&Prepared], totals: &[f32], sides: &[Range<usize>]) -> bool {
    let share: Vec<Option<f32>> = sides
        .iter()
        .zip(docs.iter().zip(totals))
        .map(|(s, (d, &total))| {
            (!s.is_empty() && total > 0.0).then(|| chars(d, s.clone()).max(1.0) / total)
        })
        .collect();
    share.iter().enumerate().any(|(x, a)| {
        share[x + 1..].iter().any(|b| match (a, b) {
            (Some(a), Some(b)) => (a / b).ln().abs() > RATIO_OFF,
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::anchors::prepare;
    use crate::document::Document;
    use crate::lang::LanguageTag;
    use crate::segment::presegmented;

    fn prepared(lang: &str, text: &str) -> Prepared {
        prepare(&Document {
            name: lang.into(),
            lang: LanguageTag::parse(lang).unwrap(),
            text: text.into(),
            segments: presegmented(text),
        })
    }

    /// The translator's case (issue 16): the Azerbaijani translator split a sentence in
    /// two; the aligner put the second half in a bead of its own, ru and en empty, and
    /// the lattice was 81 % sure of it. The bead holding the first half is in the path
    /// exactly when that one is (the other way to cut it is one 1-2-1 bead), so its
    /// probability is about the same. Both must be doubtful; an exact pair stays sure.
    #[test]
    fn a_split_sentence_and_its_neighbour_are_doubtful() {
        let ru = prepared(
            "ru",
            "Переговоры прошли в Баку.\nСтороны обсудили торговлю, энергетику и транспорт.\nВстреча длилась три часа.\n",
        );
        let az = prepared(
            "az",
            "Danışıqlar Bakıda keçirilib.\nTərəflər ticarəti müzakirə ediblər,\nhəmçinin enerji və nəqliyyatı.\nGörüş üç saat davam edib.\n",
        );
        let en = prepared(
            "en",
            "The talks were held in Baku.\nThe sides discussed trade, energy and transport.\nThe meeting lasted three hours.\n",
        );
        let beads = [
            (vec![0..1, 0..1, 0..1], 0.99),
            (vec![1..2, 1..2, 1..2], 0.83),
            (vec![2..2, 2..3, 2..2], 0.81),
            (vec![2..3, 3..4, 2..3], 0.99),
        ];
        let c = confidences(&[&ru, &az, &en], &beads);
        assert!(c[1] < 0.5, "the first half's bead: {}", c[1]);
        assert!(c[2] < 0.5, "the second half alone: {}", c[2]);
        assert!(
            c[0] >= 0.5,
            "a short first bead, a headline alone: {}",
            c[0]
        );
        let exact = confidences(&[&ru, &az, &en], &[beads[0].clone(), beads[3].clone()]);
        assert!(
            exact[1] >= 0.5,
            "an exact pair after the first: {}",
            exact[1]
        );
    }

    #[test]
    fn each_signal_lowers_the_confidence() {
        let text = "Headline Then a first sentence.\nFour five six.\nSeven eight nine.\n";
        let (a, b) = (prepared("en", text), prepared("en", text));
        let sure = confidences(
            &[&a, &b],
            &[(vec![0..1, 0..1], 1.0), (vec![1..2, 1..2], 1.0)],
        );
        assert_eq!(sure[1], 1.0, "an exact pair at full probability");
        assert!(sure[0] < 0.5, "a first bead longer than the usual segment");
        let less = confidences(
            &[&a, &b],
            &[(vec![0..1, 0..1], 1.0), (vec![1..2, 1..2], 0.9)],
        );
        assert!(less[1] < sure[1]);
        let beside = confidences(
            &[&a, &b],
            &[
                (vec![0..1, 0..1], 1.0),
                (vec![1..2, 1..2], 1.0),
                (vec![2..3, 2..2], 1.0),
            ],
        );
        assert!(beside[1] < 1.0 && beside[2] < beside[1], "{beside:?}");
        let joined = confidences(
            &[&a, &b],
            &[(vec![0..1, 0..1], 1.0), (vec![1..3, 1..2], 1.0)],
        );
        assert!(joined[1] < 0.5, "a side twice as long: {}", joined[1]);
    }
}
