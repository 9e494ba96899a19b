//! Calendar dates of the SOP identity (*tanggal*), written `YYYY-MM-DD` and printed in
//! Indonesian long form ("02 Januari 2020").

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
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

    /// "02 Januari 2020".
    pub fn long(&self) -> String {
        format!(
            "{:02} {} {}",
            self.day,
            MONTHS[usize::from(self.month.clamp(1, 12)) - 1],
            self.year
        )
    }

    /// "2020-01-02".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
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
    fn rejects_impossible_dates() {
        assert!(Date::parse("2021-02-29").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2020-13-01").is_err());
        assert!(Date::parse("02-01-2020").is_err());
        assert!(Date::parse("2020-1-2").is_err());
    }
}
