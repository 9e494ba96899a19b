//! *Waktu* (the time column of Mutu Baku): a number and a unit, such as `5 menit`,
//! `1,5 jam`, `2 hari kerja` or `1-2 hari`.

use std::fmt;

/// Units of time an SOP may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// *Menit*.
    Minute,
    /// *Jam*.
    Hour,
    /// *Hari* / *hari kerja*: one working day.
    Day,
    /// *Minggu*: five working days.
    Week,
    /// *Bulan*: 22 working days.
    Month,
    /// *Tahun*: 250 working days.
    Year,
}

/// Unit words accepted, longest first so `hari kerja` wins over `hari`.
pub const UNITS: [(&str, Unit); 8] = [
    ("hari kerja", Unit::Day),
    ("menit", Unit::Minute),
    ("jam", Unit::Hour),
    ("hari", Unit::Day),
    ("minggu", Unit::Week),
    ("pekan", Unit::Week),
    ("bulan", Unit::Month),
    ("tahun", Unit::Year),
];

impl Unit {
    /// Minutes in one unit, for a working day of `hours_per_day` hours.
    pub fn minutes(self, hours_per_day: f64) -> f64 {
        let day = hours_per_day * 60.0;
        match self {
            Unit::Minute => 1.0,
            Unit::Hour => 60.0,
            Unit::Day => day,
            Unit::Week => 5.0 * day,
            Unit::Month => 22.0 * day,
            Unit::Year => 250.0 * day,
        }
    }
}

/// A duration as written: an amount (or range of amounts) and a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// Lower bound of the amount.
    pub low: f64,
    /// Upper bound of the amount (equal to `low` when not a range).
    pub high: f64,
    /// The unit.
    pub unit: Unit,
    /// The text as written, tidied ("1,5 jam").
    pub text: String,
}

impl Duration {
    /// Reads `<number> <unit>` or `<number>-<number> <unit>`; decimals with `,` or `.`.
    pub fn parse(s: &str) -> Result<Duration, String> {
        let t = s.trim().to_lowercase();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let split = t.find(|c: char| c.is_alphabetic()).ok_or_else(|| {
            "add a unit: menit, jam, hari, hari kerja, minggu, bulan or tahun".to_string()
        })?;
        // The unit is the last word(s), so that in `lima menit` it is the number that is
        // wrong, not the unit.
        let ends_with_unit = UNITS.iter().find(|(w, _)| {
            t.strip_suffix(w).is_some_and(|rest| {
                rest.is_empty()
                    || rest.ends_with(' ')
                    || rest.ends_with(|c: char| c.is_ascii_digit())
            })
        });
        let (num, unit_word, unit) = match ends_with_unit {
            Some((w, u)) => (t[..t.len() - w.len()].trim(), *w, *u),
            None => {
                return Err(format!(
                    "`{}` is not a unit; use menit, jam, hari, hari kerja, minggu, bulan or tahun",
                    t[split..].trim()
                ));
            }
        };
        if num.is_empty() {
            return Err("write the amount before the unit, e.g. `5 menit`".into());
        }
        let (low, high) = match num.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(num)?;
                (n, n)
            }
        };
        if high < low {
            return Err(format!(
                "the range {num} goes down; write the smaller number first"
            ));
        }
        if high <= 0.0 {
            return Err("the amount must be more than zero".into());
        }
        Ok(Duration {
            low,
            high,
            unit,
            text: format!("{num} {unit_word}"),
        })
    }

    /// Minutes of the upper bound, for totals.
    pub fn minutes(&self, hours_per_day: f64) -> f64 {
        self.high * self.unit.minutes(hours_per_day)
    }
}

fn number(s: &str) -> Result<f64, String> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && s.chars().filter(|c| *c == ',' || *c == '.').count() <= 1
        && s.starts_with(|c: char| c.is_ascii_digit());
    if !ok {
        return Err(format!("`{s}` is not a number"));
    }
    let v: f64 = s
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if v > 100_000.0 {
        return Err(format!("`{s}` is too large"));
    }
    Ok(v)
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// "1 hari 2 jam 10 menit" for a number of minutes, with working days of
/// `hours_per_day` hours.
pub fn human(minutes: f64, hours_per_day: f64) -> String {
    let total = minutes.round().max(0.0) as u64;
    let per_day = (hours_per_day * 60.0).round().max(1.0) as u64;
    let (days, rest) = (total / per_day, total % per_day);
    let (hours, mins) = (rest / 60, rest % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} hari"));
    }
    if hours > 0 {
        parts.push(format!("{hours} jam"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} menit"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_units() {
        assert_eq!(Duration::parse("5 menit").unwrap().minutes(8.0), 5.0);
        assert_eq!(Duration::parse("1,5 Jam").unwrap().minutes(8.0), 90.0);
        assert_eq!(Duration::parse("2 hari kerja").unwrap().minutes(8.0), 960.0);
        assert_eq!(Duration::parse("1-2 hari").unwrap().minutes(7.5), 900.0);
        assert_eq!(Duration::parse("1 minggu").unwrap().minutes(8.0), 2400.0);
    }

    #[test]
    fn rejects_bad_text() {
        assert!(Duration::parse("lima menit").is_err());
        assert!(Duration::parse("5").is_err());
        assert!(Duration::parse("5 detik").is_err());
        assert!(Duration::parse("3-1 jam").is_err());
        assert!(Duration::parse("0 menit").is_err());
        assert_eq!(
            Duration::parse("lima menit").unwrap_err(),
            "`lima` is not a number"
        );
        assert_eq!(
            Duration::parse("30 detik").unwrap_err(),
            "`detik` is not a unit; use menit, jam, hari, hari kerja, minggu, bulan or tahun"
        );
        assert_eq!(Duration::parse("5menit").unwrap().text, "5 menit");
        assert!(Duration::parse("hari kerja").is_err());
    }

    #[test]
    fn human_form() {
        assert_eq!(human(610.0, 8.0), "1 hari 2 jam 10 menit");
        assert_eq!(human(1090.0, 8.0), "2 hari 2 jam 10 menit");
        assert_eq!(human(0.0, 8.0), "0 menit");
        assert_eq!(human(60.0, 8.0), "1 jam");
    }
}
