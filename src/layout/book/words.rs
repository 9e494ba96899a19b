//! Indonesian number words for official text: *terbilang* ("14 (empat belas)"), the
//! ordinals of a decree's diktum (KESATU, KEDUA, ...) and dates as a decree writes them.

use crate::model::Date;
use crate::model::date::MONTHS;

const ONES: [&str; 12] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
];

/// A whole number in words, lower case: 14 → "empat belas", 101 → "seratus satu".
pub fn terbilang(n: u64) -> String {
    fn below_thousand(n: u64) -> String {
        match n {
            0..=11 => ONES[n as usize].to_string(),
            12..=19 => format!("{} belas", ONES[(n - 10) as usize]),
            20..=99 => {
                let (t, o) = (n / 10, n % 10);
                let tens = format!("{} puluh", ONES[t as usize]);
                if o == 0 {
                    tens
                } else {
                    format!("{tens} {}", ONES[o as usize])
                }
            }
            _ => {
                let (h, rest) = (n / 100, n % 100);
                let hundreds = if h == 1 {
                    "seratus".to_string()
                } else {
                    format!("{} ratus", ONES[h as usize])
                };
                if rest == 0 {
                    hundreds
                } else {
                    format!("{hundreds} {}", below_thousand(rest))
                }
            }
        }
    }
    if n < 1000 {
        return below_thousand(n);
    }
    if n < 1_000_000 {
        let (k, rest) = (n / 1000, n % 1000);
        let thousands = if k == 1 {
            "seribu".to_string()
        } else {
            format!("{} ribu", below_thousand(k))
        };
        return if rest == 0 {
            thousands
        } else {
            format!("{thousands} {}", below_thousand(rest))
        };
    }
    n.to_string()
}

/// "14 (empat belas)", as official text writes a count.
pub fn count(n: usize) -> String {
    format!("{n} ({})", terbilang(n as u64))
}

/// The ordinal that labels the n-th diktum (1-based): KESATU, KEDUA, ..., KESEBELAS,
/// KEDUA BELAS.
pub fn diktum(n: usize) -> String {
    if n == 1 {
        return "KESATU".to_string();
    }
    format!("KE{}", terbilang(n as u64).to_uppercase())
}

/// A date as a decree writes it: "2 Januari 2020" (no leading zero).
pub fn date(d: &Date) -> String {
    let month = MONTHS
        .get(usize::from(d.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day, d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(terbilang(0), "nol");
        assert_eq!(terbilang(6), "enam");
        assert_eq!(terbilang(11), "sebelas");
        assert_eq!(terbilang(14), "empat belas");
        assert_eq!(terbilang(20), "dua puluh");
        assert_eq!(terbilang(35), "tiga puluh lima");
        assert_eq!(terbilang(100), "seratus");
        assert_eq!(terbilang(118), "seratus delapan belas");
        assert_eq!(terbilang(1000), "seribu");
        assert_eq!(terbilang(2020), "dua ribu dua puluh");
        assert_eq!(count(14), "14 (empat belas)");
    }

    #[test]
    fn diktum_ordinals() {
        let got: Vec<String> = (1..=4).map(diktum).collect();
        assert_eq!(got, ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]);
        assert_eq!(diktum(11), "KESEBELAS");
        assert_eq!(diktum(12), "KEDUA BELAS");
    }

    #[test]
    fn decree_dates_drop_the_leading_zero() {
        let d = Date::parse("2020-01-02").unwrap();
        assert_eq!(date(&d), "2 Januari 2020");
    }
}
