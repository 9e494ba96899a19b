//! Totals of *waktu* along a path of steps: the one computation behind the total row of
//! the printed flowchart (and so of the book, which prints the flowcharts), the Waktu
//! column of `index.html` and `sopc stats`.
//!
//! A total keeps working time, calendar days and calendar months apart
//! ([`waktu::Amount`]): "3 hari kerja + 2 hari". A Waktu cell merged over several rows
//! counts once. A step on the path without waktu is listed (counted as zero); a step whose
//! waktu is a text (`Sesuai kebutuhan`) is listed with its text; `-` (not applicable)
//! counts as zero and is not listed.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::graph;
use crate::model::Sop;
use crate::model::waktu::Amount;

/// A step whose waktu is a text and so is not in a total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounted {
    /// The step's number.
    pub number: usize,
    /// Its waktu as written.
    pub waktu: String,
}

/// A total of waktu along a path of steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathTotal {
    /// Step numbers along the path, in order.
    pub steps: Vec<usize>,
    /// Working time in minutes (menit, jam, hari kerja).
    pub minutes: f64,
    /// Calendar days (hari, minggu).
    pub days: f64,
    /// Calendar months (bulan, triwulan, semester, tahun).
    pub months: f64,
    /// As printed: "1 hari kerja 2 jam 10 menit + 2 hari".
    pub human: String,
    /// Numbers of the steps on the path that have no waktu (counted as zero).
    pub without_waktu: Vec<usize>,
    /// Steps on the path whose waktu is a text, left out of the total.
    pub not_counted: Vec<NotCounted>,
}

impl PathTotal {
    /// The note under the total: which steps it leaves out, e.g. "Tanpa waktu: langkah
    /// 3; langkah 4 (Sesuai kebutuhan)". Empty when it leaves out none.
    pub fn note(&self) -> String {
        let mut items: Vec<(usize, String)> = self
            .without_waktu
            .iter()
            .map(|n| (*n, format!("langkah {n}")))
            .chain(
                self.not_counted
                    .iter()
                    .map(|c| (c.number, format!("langkah {} ({})", c.number, c.waktu))),
            )
            .collect();
        if items.is_empty() {
            return String::new();
        }
        items.sort_by_key(|(n, _)| *n);
        let list: Vec<String> = items.into_iter().map(|(_, t)| t).collect();
        format!("Tanpa waktu: {}", list.join("; "))
    }
}

/// The waktu of step `i`'s own cell as an amount: zero for a step without a quantity and
/// for a row under a merged cell (the cell counts at its first row).
pub fn step_amount(sop: &Sop, i: usize, hours_per_day: f64) -> Amount {
    sop.steps[i]
        .time
        .as_ref()
        .map_or_else(Amount::default, |t| t.value.amount(hours_per_day))
}

/// The total along `path` (0-based step indices, in order).
pub fn path_total(sop: &Sop, path: &[usize], hours_per_day: f64) -> PathTotal {
    let owners = sop.waktu_owners();
    let mut counted = BTreeSet::new();
    let mut amount = Amount::default();
    let mut without_waktu = Vec::new();
    let mut not_counted = Vec::new();
    for &i in path {
        let owner = owners[i];
        if !counted.insert(owner) {
            continue;
        }
        let step = &sop.steps[owner];
        if let Some(t) = &step.time {
            amount += t.value.amount(hours_per_day);
        } else if let Some(t) = &step.time_text {
            not_counted.push(NotCounted {
                number: step.number,
                waktu: t.value.clone(),
            });
        } else if !step.time_na {
            without_waktu.push(step.number);
        }
    }
    PathTotal {
        steps: path.iter().map(|&i| sop.steps[i].number).collect(),
        minutes: amount.minutes,
        days: amount.days,
        months: amount.months,
        human: amount.human(hours_per_day),
        without_waktu,
        not_counted,
    }
}

/// The total waktu of the procedure: along [`graph::main_path`], each decision taking
/// its positive exit.
pub fn main_path(sop: &Sop, hours_per_day: f64) -> PathTotal {
    path_total(sop, &graph::main_path(sop), hours_per_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::sop_from;

    /// Every figure below is summed by hand in the comment above it.
    #[test]
    fn hand_computed_totals() {
        let sop = sop_from(
            r#"
pelaksana: [a, b]
langkah:
  - { pelaksana: a, kegiatan: Satu, waktu: 3 hari kerja }
  - { pelaksana: b, kegiatan: Dua, waktu: 2 hari }
  - { pelaksana: a, kegiatan: Tiga, waktu: 90 menit }
  - { pelaksana: a, kegiatan: Empat, waktu: Sesuai kebutuhan }
  - { pelaksana: b, kegiatan: Lima, waktu: "-" }
  - { pelaksana: b, kegiatan: Enam }
  - { pelaksana: a, kegiatan: Tujuh, waktu: { nilai: 1 semester, baris: 2 } }
  - { pelaksana: b, kegiatan: Delapan }
  - { pelaksana: a, kegiatan: Sembilan, waktu: 1 x 24 jam }
"#,
        );
        // jam_kerja 7: 3 hari kerja = 3 × 420 = 1260; + 90 + 1440 (1 x 24 jam) = 2790
        // working minutes = 6 days of 420 (2520) + 270 = 6 hari kerja 4 jam 30 menit.
        // Calendar: 2 hari; 1 semester (steps 7 and 8 share one cell) = 6 bulan.
        let t = main_path(&sop, 7.0);
        assert_eq!(t.steps, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!((t.minutes, t.days, t.months), (2790.0, 2.0, 6.0));
        assert_eq!(t.human, "6 hari kerja 4 jam 30 menit + 6 bulan 2 hari");
        // Step 5 is `-` (not applicable), step 8 is under step 7's cell: neither listed.
        assert_eq!(t.without_waktu, [6]);
        assert_eq!(
            t.not_counted,
            [NotCounted {
                number: 4,
                waktu: "Sesuai kebutuhan".into()
            }]
        );
        assert_eq!(
            t.note(),
            "Tanpa waktu: langkah 4 (Sesuai kebutuhan); langkah 6"
        );
        // The same SOP with working days of 8 hours: 3 × 480 + 90 + 1440 = 2970 = 6 days
        // (2880) + 90 = 6 hari kerja 1 jam 30 menit.
        assert_eq!(
            main_path(&sop, 8.0).human,
            "6 hari kerja 1 jam 30 menit + 6 bulan 2 hari"
        );
    }

    #[test]
    fn a_merged_cell_counts_once_on_a_path_that_enters_it_below_its_top() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Satu, waktu: 10 menit, lanjut: tiga }
  - { pelaksana: a, kegiatan: Dua, waktu: { nilai: 2 hari, baris: 3 } }
  - { id: tiga, pelaksana: a, kegiatan: Tiga }
  - { pelaksana: a, kegiatan: Empat }
  - { pelaksana: a, kegiatan: Lima, waktu: 5 menit }
"#,
        );
        // Path 1, 3, 4, 5: step 3 and 4 are under step 2's cell, counted once: 10 + 5
        // minutes + 2 hari.
        let t = main_path(&sop, 8.0);
        assert_eq!(t.steps, [1, 3, 4, 5]);
        assert_eq!(t.human, "15 menit + 2 hari");
        assert!(t.without_waktu.is_empty());
    }
}
