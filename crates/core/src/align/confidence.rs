//! A bead's confidence in `[0, 1]`, for the editor to flag doubtful beads.
//!
//! Two signals, either of which can make a bead sure:
//!
//! - the **margin** of the search's decision: how much more the second-best way into the
//!   bead's end point costs than the chosen one. A bead that won by a hair (a 2-1 that
//!   could as well be a 1-1 and a 1-0) gets a small margin;
//! - the bead's own **lexical evidence**: numbers, names and word pairs that the sides
//!   share. An omission has none, so it rests on the margin alone.
//!
//! Each is squashed into `[0, 1)` by `x / (x + scale)` and they combine like independent
//! votes: `1 − (1 − m)(1 − e)`.

use super::score::MatchScore;

/// The margin (in cost units) at which a decision counts as half sure.
const MARGIN_SCALE: f32 = 3.0;
/// The evidence at which a bead counts as half sure on its own.
const EVIDENCE_SCALE: f32 = 0.5;

/// The confidence of a bead decided with `margin` and supported by `evidence`.
pub(crate) fn confidence(margin: f32, evidence: MatchScore) -> f32 {
    let squash = |x: f32, scale: f32| {
        if x.is_finite() {
            x.max(0.0) / (x.max(0.0) + scale)
        } else {
            1.0
        }
    };
    let m = squash(margin, MARGIN_SCALE);
    let e = squash(evidence.0, EVIDENCE_SCALE);
    (1.0 - (1.0 - m) * (1.0 - e)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_grows_with_margin_and_evidence() {
        let none = confidence(0.0, MatchScore(0.0));
        assert_eq!(none, 0.0, "a tie with no evidence is a coin toss");
        assert!(confidence(1.0, MatchScore(0.0)) < confidence(5.0, MatchScore(0.0)));
        assert!(confidence(1.0, MatchScore(0.0)) < confidence(1.0, MatchScore(0.8)));
        assert_eq!(
            confidence(f32::INFINITY, MatchScore(0.0)),
            1.0,
            "no alternative at all"
        );
        let all = confidence(1e9, MatchScore(1e9));
        assert!((0.0..=1.0).contains(&all));
    }
}
