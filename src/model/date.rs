//! Calendar dates of the SOP identity (*tanggal*), written `YYYY-MM-DD` and printed in
//! Indonesian long form ("02 Januari 2020"), or written `YYYY-MM` for a date without a day
//! ("Januari 2014").

use super::style::DateFormat;

/// A calendar date, or a month (`day` 0) for a date written without a day. A month
/// sorts before every day of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31, or 0 for a date written without a day (`YYYY-MM`).
    pub day: u8,
}

/// Indonesian month names.
pub const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

impl Date {
    /// Reads `YYYY-MM-DD`. `Err` says what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err("write the date as YYYY-MM-DD, e.g. 2020-01-02".into());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err("write the date as YYYY-MM-DD, e.g. 2020-01-02".into());
        }
        let num = |t: &str| -> Result<u16, String> {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<u16>().map_err(|e| e.to_string())
            } else {
                Err("write the date as YYYY-MM-DD, e.g. 2020-01-02".into())
            }
        };
        let (year, month, day) = (num(y)?, num(m)?, num(d)?);
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let max = days_in_month(year, month as u8);
        if day == 0 || day > u16::from(max) {
            return Err(format!(
                "{} {year} has {max} days",
                MONTHS[month as usize - 1]
            ));
        }
        if year < 1945 {
            return Err(format!("the year {year} is before 1945"));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads `YYYY-MM-DD`, or `YYYY-MM` for a date without a day (*tanggal* of an SOP).
    pub fn parse_month_or_day(s: &str) -> Result<Date, String> {
        let t = s.trim();
        if let [y, m] = t.split('-').collect::<Vec<_>>()[..] {
            if y.len() == 4 && m.len() == 2 {
                // Through the full form, so both give the same messages.
                let d = Date::parse(&format!("{y}-{m}-01")).map_err(|e| {
                    e.replace("as YYYY-MM-DD, e.g. 2020-01-02", "as YYYY-MM-DD or YYYY-MM")
                })?;
                return Ok(Date { day: 0, ..d });
            }
        }
        Date::parse(t).map_err(|e| e.replace("as YYYY-MM-DD,", "as YYYY-MM-DD or YYYY-MM,"))
    }

    /// True when the date has a day (written `YYYY-MM-DD`).
    pub fn has_day(&self) -> bool {
        self.day != 0
    }

    /// "02 Januari 2020"; "Januari 2014" without a day.
    pub fn long(&self) -> String {
        self.long_as(DateFormat::ZeroPadded)
    }

    /// "02 Januari 2020" or "2 Januari 2020"; "Januari 2014" without a day.
    pub fn long_as(&self, format: DateFormat) -> String {
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        match (self.has_day(), format) {
            (false, _) => format!("{month} {}", self.year),
            (true, DateFormat::ZeroPadded) => format!("{:02} {month} {}", self.day, self.year),
            (true, DateFormat::Plain) => format!("{} {month} {}", self.day, self.year),
        }
    }

    /// "2020-01-02"; "2014-01" without a day.
    pub fn iso(&self) -> String {
        if self.has_day() {
            format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
        } else {
            format!("{:04}-{:02}", self.year, self.month)
        }
    }

    /// Whether this date is before `other`, at the precision of the less precise of the
    /// two: a month is not before a day of the same month, nor that day before it.
    pub fn before(&self, other: &Date) -> bool {
        if self.has_day() && other.has_day() {
            self < other
        } else {
            (self.year, self.month) < (other.year, other.month)
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_long_form() {
        let d = Date::parse("2020-01-02").unwrap();
        assert_eq!(d.long(), "02 Januari 2020");
        assert_eq!(d.iso(), "2020-01-02");
    }

    #[test]
    fn a_date_without_a_day() {
        let d = Date::parse_month_or_day("2014-01").unwrap();
        assert_eq!(d.long(), "Januari 2014");
        assert_eq!(d.iso(), "2014-01");
        let day = Date::parse_month_or_day("2014-01-05").unwrap();
        assert_eq!(day.long_as(DateFormat::Plain), "5 Januari 2014");
        assert_eq!(day.long(), "05 Januari 2014");
        assert!(!d.before(&day) && !day.before(&d));
        assert!(d.before(&Date::parse("2014-02-01").unwrap()));
        assert!(Date::parse_month_or_day("2014-13").is_err());
        assert!(Date::parse_month_or_day("2014-1").is_err());
        assert!(Date::parse("2014-01").is_err());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2021-02-29").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2020-13-01").is_err());
        assert!(Date::parse("02-01-2020").is_err());
        assert!(Date::parse("2020-1-2").is_err());
    }
}
