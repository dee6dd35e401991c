//! The Gale–Church length model, with its parameters taken from the documents.
//!
//! Translations keep the length of what they translate, up to a language-pair ratio and
//! noise that grows with the length. For a bead whose sides have `la` and `lb`
//! characters, `δ = (lb / c − la) / √(s² · (la + lb / c) / 2)` is roughly standard normal;
//! the cost is `−ln P(|Δ| ≥ |δ|)`, zero for a perfect fit. Gale and Church fixed `c` and
//! `s²` for German and French; here `c` is the ratio of the two documents' total
//! lengths, and `s²` is re-estimated from the first pass's 1-1 beads ([`LengthModel::refit`]),
//! so Russian, Azerbaijani and English, whose lengths differ a lot, need no constants.

/// Length ratio and variance of one document pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LengthModel {
    /// Characters of the second document per character of the first.
    pub ratio: f64,
    /// Variance of the length difference per character.
    pub variance: f64,
}

/// Share of beads whose lengths follow the heavy tail rather than the normal.
const TAIL_SHARE: f64 = 0.02;
/// Scale of the heavy tail, in units of `δ`.
const TAIL_SCALE: f64 = 4.0;

/// Gale and Church's variance, used until the documents have given their own.
const DEFAULT_VARIANCE: f64 = 6.8;

impl LengthModel {
    /// The model for documents of `a_total` and `b_total` characters.
    pub fn estimate(a_total: u64, b_total: u64) -> Self {
        let ratio = if a_total == 0 || b_total == 0 {
            1.0
        } else {
            b_total as f64 / a_total as f64
        };
        Self {
            ratio,
            variance: DEFAULT_VARIANCE,
        }
    }

    /// The standardised length difference of a bead with `la` and `lb` characters.
    pub fn delta(&self, la: u32, lb: u32) -> f64 {
        let lb = f64::from(lb) / self.ratio;
        let la = f64::from(la);
        let mean = ((la + lb) / 2.0).max(1.0);
        (lb - la) / (self.variance * mean).sqrt()
    }

    /// The cost of a bead with `la` and `lb` characters, both sides non-empty.
    ///
    /// The normal tail is mixed with a share [`TAIL_SHARE`] of a much heavier one
    /// (exponential in `|δ|`): translators sometimes drop or add half a sentence, and a
    /// bead that does so must stay affordable when its words clearly match; the pure
    /// normal would make its cost grow with `δ²` and force two omissions instead.
    ///
    /// The search asks for millions of costs, so they come from a table of
    /// [`misfit_cost`] by `|δ|`, interpolated linearly.
    pub fn cost(&self, la: u32, lb: u32) -> f32 {
        let d = self.delta(la, lb).abs() as f32;
        let x = d * TABLE_STEPS;
        let k = x as usize;
        if k + 1 >= COST_TABLE.len() {
            return (-TAIL_SHARE.ln()) as f32 + d / TAIL_SCALE as f32;
        }
        let frac = x - k as f32;
        COST_TABLE[k] + frac * (COST_TABLE[k + 1] - COST_TABLE[k])
    }

    /// Re-estimate the variance from beads believed right, as `(la, lb)` pairs. The
    /// median of `δ²` is used (it is 0.455 for a standard normal), so the few wrong
    /// beads of a first pass do not inflate it. Keeps the old value with fewer than
    /// eight beads.
    pub fn refit(&mut self, beads: impl Iterator<Item = (u32, u32)>) {
        let unit = Self {
            ratio: self.ratio,
            variance: 1.0,
        };
        let mut squares: Vec<f64> = beads.map(|(la, lb)| unit.delta(la, lb).powi(2)).collect();
        if squares.len() < 8 {
            return;
        }
        let mid = squares.len() / 2;
        let (_, median, _) = squares.select_nth_unstable_by(mid, f64::total_cmp);
        self.variance = (*median / 0.455).clamp(0.5, 200.0);
    }
}

/// Table entries per unit of `|δ|`.
const TABLE_STEPS: f32 = 32.0;

/// [`misfit_cost`] at `|δ| = k / TABLE_STEPS` for `|δ|` up to 48, past which the
/// heavy tail alone matters.
static COST_TABLE: std::sync::LazyLock<Vec<f32>> = std::sync::LazyLock::new(|| {
    (0..(48.0 * TABLE_STEPS) as usize)
        .map(|k| misfit_cost(f64::from(k as f32 / TABLE_STEPS)) as f32)
        .collect()
});

/// `−ln P(|Δ| ≥ d)` under the mixture of a standard normal and the heavy tail.
fn misfit_cost(d: f64) -> f64 {
    let normal = (1.0 - TAIL_SHARE) * ln_erfc(d / std::f64::consts::SQRT_2).exp();
    let tail = TAIL_SHARE * (-d / TAIL_SCALE).exp();
    -(normal + tail).ln()
}

/// `ln erfc(x)` for `x ≥ 0`, without underflow for large `x` (Numerical Recipes'
/// Chebyshev fit, whose relative error is below 1.2e-7, written in log form).
fn ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() + poly
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_comes_from_the_documents() {
        let m = LengthModel::estimate(1000, 1200);
        assert!((m.ratio - 1.2).abs() < 1e-9);
        assert!(m.delta(100, 120).abs() < 1e-9, "a perfect fit has δ = 0");
    }

    #[test]
    fn cost_is_zero_at_the_ratio_and_grows_with_the_misfit() {
        let m = LengthModel::estimate(1000, 1200);
        assert!(m.cost(100, 120) < 0.06, "{}", m.cost(100, 120));
        let costs: Vec<f32> = [130, 150, 200, 400]
            .iter()
            .map(|&lb| m.cost(100, lb))
            .collect();
        assert!(costs.windows(2).all(|w| w[0] < w[1]), "{costs:?}");
        assert!(m.cost(10, 2000).is_finite(), "no overflow for absurd beads");
        assert!(
            m.cost(100, 400) < 2.0 * m.cost(100, 200),
            "far misfits grow slowly: the tail is heavy"
        );
    }

    #[test]
    fn the_table_follows_the_formula() {
        let m = LengthModel::estimate(1000, 1000);
        for lb in [100, 103, 117, 150, 240, 900, 5000] {
            let exact = misfit_cost(m.delta(100, lb).abs()) as f32;
            assert!((m.cost(100, lb) - exact).abs() < 0.01, "lb {lb}");
        }
    }

    #[test]
    fn ln_erfc_matches_known_values() {
        assert!((ln_erfc(0.0)).abs() < 1e-6);
        assert!((ln_erfc(1.0) - 0.157_299_207_f64.ln()).abs() < 1e-6);
        assert!(
            (ln_erfc(10.0) - (-100.0 - 10.0_f64.ln() - 0.5 * std::f64::consts::PI.ln())).abs()
                < 0.01
        );
    }

    #[test]
    fn refit_learns_the_noise_of_the_documents() {
        let mut m = LengthModel::estimate(1000, 1000);
        let beads = (0..100).map(|k| (100, if k % 2 == 0 { 110 } else { 90 }));
        m.refit(beads);
        // δ² ≈ 1 for every bead, so s² ≈ 1 / 0.455.
        assert!((m.variance * 0.455 - 1.0).abs() < 0.1, "{}", m.variance);
    }
}
