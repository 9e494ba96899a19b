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
    /// *Hari kerja*: one working day of `jam_kerja` hours.
    WorkDay,
    /// *Hari*: one calendar day.
    Day,
    /// *Minggu* / *pekan*: seven calendar days.
    Week,
    /// *Bulan*: one calendar month.
    Month,
    /// *Triwulan*: three months.
    Quarter,
    /// *Semester*: six months.
    Semester,
    /// *Tahun*: twelve months.
    Year,
}

/// Unit words accepted, longest first so `hari kerja` wins over `hari`.
pub const UNITS: [(&str, Unit); 10] = [
    ("hari kerja", Unit::WorkDay),
    ("triwulan", Unit::Quarter),
    ("semester", Unit::Semester),
    ("menit", Unit::Minute),
    ("minggu", Unit::Week),
    ("pekan", Unit::Week),
    ("bulan", Unit::Month),
    ("tahun", Unit::Year),
    ("hari", Unit::Day),
    ("jam", Unit::Hour),
];

/// The unit words for messages.
const UNIT_LIST: &str = "menit, jam, hari kerja, hari, minggu, bulan, triwulan, semester or tahun";

/// Numbers written in words: a waktu that starts with one is a quantity written wrongly
/// (`lima menit`), not a text such as `Sesuai kebutuhan`.
pub const NUMBER_WORDS: [&str; 16] = [
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "sebelas", "seratus", "setengah", "separuh", "sehari", "sejam",
];

impl Unit {
    /// One of this unit as an [`Amount`], for a working day of `hours_per_day` hours.
    pub fn amount(self, hours_per_day: f64) -> Amount {
        let working = |minutes| Amount {
            minutes,
            ..Amount::default()
        };
        let days = |days| Amount {
            days,
            ..Amount::default()
        };
        let months = |months| Amount {
            months,
            ..Amount::default()
        };
        match self {
            Unit::Minute => working(1.0),
            Unit::Hour => working(60.0),
            Unit::WorkDay => working(hours_per_day * 60.0),
            Unit::Day => days(1.0),
            Unit::Week => days(7.0),
            Unit::Month => months(1.0),
            Unit::Quarter => months(3.0),
            Unit::Semester => months(6.0),
            Unit::Year => months(12.0),
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
    /// Reads `<number> <unit>`, `<number>-<number> <unit>` or `<n> x <number> <unit>`
    /// (`1 x 24 jam`); decimals with `,` or `.`.
    pub fn parse(s: &str) -> Result<Duration, String> {
        let t = s.trim().to_lowercase();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let split = t
            .find(|c: char| c.is_alphabetic() && c != 'x' && c != '×')
            .ok_or_else(|| format!("add a unit: {UNIT_LIST}"))?;
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
                    "`{}` is not a unit; use {UNIT_LIST}",
                    t[split..].trim()
                ));
            }
        };
        if num.is_empty() {
            return Err("write the amount before the unit, e.g. `5 menit`".into());
        }
        // `1 x 24 jam`: a count times an amount.
        let (times, amount) = match num.split_once(['x', '×']) {
            Some((n, rest)) => (number(n)?, rest.trim()),
            None => (1.0, num),
        };
        if times <= 0.0 {
            return Err("the count before `x` must be more than zero".into());
        }
        let (low, high) = match amount.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(amount)?;
                (n, n)
            }
        };
        if high < low {
            return Err(format!(
                "the range {amount} goes down; write the smaller number first"
            ));
        }
        if high <= 0.0 {
            return Err("the amount must be more than zero".into());
        }
        let text = if times == 1.0 && !num.contains(['x', '×']) {
            format!("{num} {unit_word}")
        } else {
            let count = num.split_once(['x', '×']).map_or("", |(n, _)| n.trim());
            format!("{count} x {amount} {unit_word}")
        };
        Ok(Duration {
            low: low * times,
            high: high * times,
            unit,
            text,
        })
    }

    /// The upper bound as an [`Amount`], for totals.
    pub fn amount(&self, hours_per_day: f64) -> Amount {
        self.unit.amount(hours_per_day).times(self.high)
    }
}

/// A *waktu* as written in a step: a quantity, `-` (not applicable), or a text that is
/// not a quantity (`Sesuai kebutuhan`).
#[derive(Debug, Clone, PartialEq)]
pub enum Waktu {
    /// A number and a unit: counted in totals.
    Quantity(Duration),
    /// `-`: the step takes no time of its own; printed "-", not counted, not warned.
    NotApplicable,
    /// Any other text, printed as written and left out of totals (the total row names
    /// the step).
    Text(String),
}

impl Waktu {
    /// Reads a waktu. A text that contains a digit or starts with a number in words is
    /// meant as a quantity, so it must be one (`5 mnt`, `lima menit` are errors); any
    /// other text is kept as written.
    pub fn read(s: &str) -> Result<Waktu, String> {
        let t = s.trim();
        if t == "-" || t == "–" || t == "—" {
            return Ok(Waktu::NotApplicable);
        }
        let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
        let quantity = t.chars().any(|c| c.is_ascii_digit())
            || NUMBER_WORDS.contains(&first.as_str())
            || t.is_empty();
        if quantity {
            Duration::parse(t).map(Waktu::Quantity)
        } else {
            Ok(Waktu::Text(
                t.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        }
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

/// An amount of time in three parts that are never converted into each other: working
/// time (minutes, hours and working days of `jam_kerja` hours), calendar days (`hari`,
/// `minggu`) and calendar months (`bulan`, `triwulan`, `semester`, `tahun`).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Amount {
    /// Working minutes.
    pub minutes: f64,
    /// Calendar days.
    pub days: f64,
    /// Calendar months.
    pub months: f64,
}

impl Amount {
    /// This amount `n` times.
    pub fn times(self, n: f64) -> Amount {
        Amount {
            minutes: self.minutes * n,
            days: self.days * n,
            months: self.months * n,
        }
    }

    /// One number for ordering amounts (the longest step, the longest path, the busiest
    /// role): working minutes, with a calendar day counted as one working day and a
    /// month as 30 days. Only for comparing; totals keep the parts apart.
    pub fn rank(&self, hours_per_day: f64) -> f64 {
        let day = hours_per_day * 60.0;
        self.minutes + self.days * day + self.months * 30.0 * day
    }

    /// As printed: the working time ("1 hari kerja 2 jam 10 menit"), then the calendar
    /// time ("1 tahun 2 bulan", "2 minggu", "3 hari"), joined by " + ". "0 menit" when
    /// zero.
    pub fn human(&self, hours_per_day: f64) -> String {
        let mut parts = Vec::new();
        if self.minutes > 0.0 || (self.days == 0.0 && self.months == 0.0) {
            parts.push(human(self.minutes, hours_per_day));
        }
        let mut calendar = Vec::new();
        if self.months > 0.0 {
            let years = (self.months / 12.0).floor();
            let rest = self.months - years * 12.0;
            if years > 0.0 {
                calendar.push(format!("{} tahun", amount_text(years)));
            }
            if rest > 1e-9 {
                calendar.push(format!("{} bulan", amount_text(rest)));
            }
        }
        if self.days > 0.0 {
            if self.days.fract() == 0.0 && self.days % 7.0 == 0.0 {
                calendar.push(format!("{} minggu", amount_text(self.days / 7.0)));
            } else {
                calendar.push(format!("{} hari", amount_text(self.days)));
            }
        }
        if !calendar.is_empty() {
            parts.push(calendar.join(" "));
        }
        parts.join(" + ")
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, o: Amount) -> Amount {
        Amount {
            minutes: self.minutes + o.minutes,
            days: self.days + o.days,
            months: self.months + o.months,
        }
    }
}

impl std::ops::AddAssign for Amount {
    fn add_assign(&mut self, o: Amount) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::default(), |a, b| a + b)
    }
}

/// A number as Indonesian text: whole numbers without decimals, others with a comma
/// ("1,5").
fn amount_text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').replace('.', ",")
    }
}

/// "1 hari kerja 2 jam 10 menit" for a number of working minutes, with working days of
/// `hours_per_day` hours.
pub fn human(minutes: f64, hours_per_day: f64) -> String {
    let total = minutes.round().max(0.0) as u64;
    let per_day = (hours_per_day * 60.0).round().max(1.0) as u64;
    let (days, rest) = (total / per_day, total % per_day);
    let (hours, mins) = (rest / 60, rest % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} hari kerja"));
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

    fn amount(s: &str, hours: f64) -> Amount {
        Duration::parse(s).unwrap().amount(hours)
    }

    #[test]
    fn reads_the_units() {
        assert_eq!(amount("5 menit", 8.0).minutes, 5.0);
        assert_eq!(amount("1,5 Jam", 8.0).minutes, 90.0);
        assert_eq!(amount("2 hari kerja", 8.0).minutes, 960.0);
        assert_eq!(amount("2 hari kerja", 7.5).minutes, 900.0);
        assert_eq!(
            amount("1-2 hari", 7.5),
            Amount {
                days: 2.0,
                ..Amount::default()
            }
        );
        assert_eq!(amount("1 minggu", 8.0).days, 7.0);
        assert_eq!(amount("2 pekan", 8.0).days, 14.0);
        assert_eq!(amount("1 bulan", 8.0).months, 1.0);
        assert_eq!(amount("1 triwulan", 8.0).months, 3.0);
        assert_eq!(amount("1 Semester", 8.0).months, 6.0);
        assert_eq!(amount("2 tahun", 8.0).months, 24.0);
        assert_eq!(amount("1 x 24 jam", 8.0).minutes, 1440.0);
        assert_eq!(Duration::parse("1 x 24 jam").unwrap().text, "1 x 24 jam");
        assert_eq!(Duration::parse("1x24 Jam").unwrap().text, "1 x 24 jam");
        assert_eq!(amount("2 x 1-2 jam", 8.0).minutes, 240.0);
    }

    #[test]
    fn rejects_bad_text() {
        assert!(Duration::parse("lima menit").is_err());
        assert!(Duration::parse("5").is_err());
        assert!(Duration::parse("5 detik").is_err());
        assert!(Duration::parse("3-1 jam").is_err());
        assert!(Duration::parse("0 menit").is_err());
        assert!(Duration::parse("0 x 5 menit").is_err());
        assert_eq!(
            Duration::parse("lima menit").unwrap_err(),
            "`lima` is not a number"
        );
        assert_eq!(
            Duration::parse("30 detik").unwrap_err(),
            "`detik` is not a unit; use menit, jam, hari kerja, hari, minggu, bulan, triwulan, semester or tahun"
        );
        assert_eq!(Duration::parse("5menit").unwrap().text, "5 menit");
        assert!(Duration::parse("hari kerja").is_err());
    }

    #[test]
    fn reads_texts_that_are_not_quantities() {
        assert_eq!(Waktu::read(" - "), Ok(Waktu::NotApplicable));
        assert_eq!(
            Waktu::read("Sesuai  kebutuhan"),
            Ok(Waktu::Text("Sesuai kebutuhan".into()))
        );
        assert_eq!(
            Waktu::read("Setiap hari"),
            Ok(Waktu::Text("Setiap hari".into()))
        );
        assert!(matches!(Waktu::read("3 hari"), Ok(Waktu::Quantity(_))));
        // Meant as quantities, written wrongly: errors, not texts.
        assert!(Waktu::read("lima menit").is_err());
        assert!(Waktu::read("5 mnt").is_err());
        assert!(Waktu::read("Paling lama 3 hari").is_err());
    }

    #[test]
    fn human_form() {
        assert_eq!(human(610.0, 8.0), "1 hari kerja 2 jam 10 menit");
        assert_eq!(human(1090.0, 8.0), "2 hari kerja 2 jam 10 menit");
        assert_eq!(human(0.0, 8.0), "0 menit");
        assert_eq!(human(60.0, 8.0), "1 jam");
        // A working day of 7.5 hours: 900 minutes are two days.
        assert_eq!(human(900.0, 7.5), "2 hari kerja");
    }

    #[test]
    fn working_and_calendar_time_are_kept_apart() {
        let total = amount("3 hari kerja", 8.0) + amount("2 hari", 8.0);
        assert_eq!(total.human(8.0), "3 hari kerja + 2 hari");
        let total: Amount = [
            "1 semester",
            "1 triwulan",
            "1 tahun",
            "2 minggu",
            "30 menit",
        ]
        .iter()
        .map(|s| amount(s, 8.0))
        .sum();
        assert_eq!(total.human(8.0), "30 menit + 1 tahun 9 bulan 2 minggu");
        assert_eq!(amount("1,5 bulan", 8.0).human(8.0), "1,5 bulan");
        assert_eq!(amount("10 hari", 8.0).human(8.0), "10 hari");
        assert_eq!(Amount::default().human(8.0), "0 menit");
        // Ordering: a calendar day as a working day, a month as 30 days.
        assert_eq!(amount("1 hari", 6.0).rank(6.0), 360.0);
        assert_eq!(amount("1 bulan", 8.0).rank(8.0), 14_400.0);
    }
}
