//! Points in time as the memory keeps them: whole seconds since 1970 in UTC, written in
//! TMX as `YYYYMMDDThhmmssZ` and typed by people as `YYYY-MM-DD`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time.
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Self(secs)
    }

    /// Read TMX's `YYYYMMDDThhmmssZ` (the only form TMX 1.4b allows).
    pub fn parse_tmx(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (y, mo, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
        let (h, mi, se) = (num(9..11)?, num(11..13)?, num(13..15)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
            return None;
        }
        Some(Self(
            days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se,
        ))
    }

    /// Read a calendar date `YYYY-MM-DD` as its first second.
    pub fn parse_date(s: &str) -> Option<Self> {
        let mut parts = s.trim().splitn(3, '-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: i64 = parts.next()?.parse().ok()?;
        let d: i64 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        Some(Self(days_from_civil(y, m, d) * 86_400))
    }

    /// The calendar date, `YYYY-MM-DD` (UTC), as lists show it.
    pub fn date(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The TMX form, `YYYYMMDDThhmmssZ`.
    pub fn to_tmx(self) -> String {
        let (days, secs) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_tmx())
    }
}

// Howard Hinnant's algorithms (public domain, "chrono-Compatible Low-Level Date
// Algorithms"): exact for the proleptic Gregorian calendar, no table, no dependency.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_tmx_dates() {
        let t = Timestamp::parse_tmx("20180927T143005Z").unwrap();
        assert_eq!(
            t.0, 1_538_058_605,
            "checked with `date -d 2018-09-27T14:30:05Z +%s`"
        );
        assert_eq!(t.to_tmx(), "20180927T143005Z");
        assert_eq!(Timestamp(0).to_tmx(), "19700101T000000Z");
        assert_eq!(t.date(), "2018-09-27");
        assert_eq!(Timestamp(-1).date(), "1969-12-31");
        assert_eq!(
            Timestamp::parse_date("2018-09-27").unwrap().0,
            1_538_006_400
        );
    }

    #[test]
    fn refuses_other_date_forms() {
        for bad in [
            "2018-09-27",
            "20181327T000000Z",
            "20180927T000000",
            "2018O927T000000Z",
        ] {
            assert_eq!(Timestamp::parse_tmx(bad), None, "{bad}");
        }
        assert_eq!(Timestamp::parse_date("27.09.2018"), None);
    }
}
