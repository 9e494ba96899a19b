//! The columns of the flowchart table: No | Kegiatan | one per lane | the Mutu Baku
//! columns (Kelengkapan, Waktu, Output in the office's order, `gaya.kolom.mutu_baku`;
//! Kelengkapan left out with `gaya.kolom.kelengkapan: false`) | Keterangan, with widths
//! chosen from the paper and the number of lanes (lanes equal, the text columns as wide
//! as the room allows).

use crate::layout::style::flow;
use crate::model::style::{Columns, QualityColumn};

/// Column positions of the flowchart table.
#[derive(Debug, Clone)]
pub struct Grid {
    /// (left, width) of every column, in table order.
    pub cols: Vec<(f64, f64)>,
    /// Number of lanes.
    pub lanes: usize,
    /// Free room kept on each side of a symbol in its lane, for arrow tracks.
    pub gap: f64,
    /// The Mutu Baku columns printed, in order, right after the lanes.
    pub quality: Vec<QualityColumn>,
}

/// The least widths the content of a flowchart asks for, on top of the fixed minimums
/// of [`flow`]: a lane holds the longest word of any lane heading, every text column the
/// longest word of its heading (no heading word is broken), and the column of the times
/// its widest whole quantity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Floors {
    /// Every lane.
    pub lane: f64,
    /// Kegiatan.
    pub activity: f64,
    /// Kelengkapan.
    pub requirements: f64,
    /// Waktu.
    pub time: f64,
    /// Output.
    pub output: f64,
    /// Keterangan.
    pub note: f64,
}

impl Floors {
    fn quality(&self, c: QualityColumn) -> f64 {
        match c {
            QualityColumn::Requirements => self.requirements,
            QualityColumn::Time => self.time,
            QualityColumn::Output => self.output,
        }
    }
}

/// Preferred width range of a Mutu Baku column and its share of spare room.
fn quality_width(c: QualityColumn) -> ((f64, f64), f64) {
    match c {
        QualityColumn::Requirements => (flow::KELENGKAPAN, 0.15),
        QualityColumn::Time => (flow::WAKTU, 0.0),
        QualityColumn::Output => (flow::OUTPUT, 0.15),
    }
}

impl Grid {
    /// Chooses the widths for `lanes` lanes in `width` points starting at `x`; a lane
    /// is at least `floors.lane` wide when the text columns can give the room, and
    /// every text column at least its floor (see [`Floors`]).
    pub fn new(x: f64, width: f64, lanes: usize, floors: &Floors, columns: &Columns) -> Grid {
        let n = lanes.max(1) as f64;
        let lane_min = flow::LANE.0.max(floors.lane).min(flow::LANE.1);
        let quality: Vec<QualityColumn> = columns.printed().collect();
        // Kegiatan, the Mutu Baku columns, Keterangan: widths and shares of spare room.
        let at_least = |(lo, hi): (f64, f64), floor: f64| (lo.max(floor), hi.max(floor));
        let mut flex = vec![at_least(flow::KEGIATAN, floors.activity)];
        let mut share = vec![0.5];
        for c in &quality {
            let (w, sh) = quality_width(*c);
            flex.push(at_least(w, floors.quality(*c)));
            share.push(sh);
        }
        flex.push(at_least(flow::KETERANGAN, floors.note));
        share.push(0.2);
        let total_share: f64 = share.iter().sum();
        let pref: f64 = flow::NO + flex.iter().map(|c| c.1).sum::<f64>();
        let min: f64 = flow::NO + flex.iter().map(|c| c.0).sum::<f64>();
        let mut widths: Vec<f64> = flex.iter().map(|c| c.1).collect();
        let lane_w;
        if width - pref >= n * lane_min {
            lane_w = ((width - pref) / n).min(flow::LANE.1);
            // Give what is left to the text columns, most to Kegiatan.
            let extra = width - pref - n * lane_w;
            for (w, s) in widths.iter_mut().zip(&share) {
                *w += extra * s / total_share;
            }
        } else if width - min >= n * lane_min {
            lane_w = lane_min;
            // Shrink the text columns from their preferred toward their minimum widths.
            let need = pref + n * lane_w - width;
            let slack: f64 = flex.iter().map(|c| c.1 - c.0).sum();
            for (w, c) in widths.iter_mut().zip(&flex) {
                *w -= need * (c.1 - c.0) / slack;
            }
        } else {
            widths = flex.iter().map(|c| c.0).collect();
            lane_w = ((width - min) / n).max(1.0);
        }
        let mut cols = Vec::new();
        let mut cx = x;
        let mut push = |w: f64, cols: &mut Vec<(f64, f64)>| {
            cols.push((cx, w));
            cx += w;
        };
        push(flow::NO, &mut cols);
        push(widths[0], &mut cols);
        for _ in 0..lanes {
            push(lane_w, &mut cols);
        }
        for w in &widths[1..] {
            push(*w, &mut cols);
        }
        Grid {
            cols,
            lanes,
            gap: flow::LANE_GAP,
            quality,
        }
    }

    /// Left edge of the table.
    pub fn left(&self) -> f64 {
        self.cols.first().map_or(0.0, |c| c.0)
    }

    /// Right edge of the table.
    pub fn right(&self) -> f64 {
        self.cols.last().map_or(0.0, |c| c.0 + c.1)
    }

    /// (left, width) of lane `k`.
    pub fn lane(&self, k: usize) -> (f64, f64) {
        self.cols[2 + k.min(self.lanes.saturating_sub(1))]
    }

    /// Left edge of the first lane and right edge of the last.
    pub fn lanes_span(&self) -> (f64, f64) {
        if self.lanes == 0 {
            let c = self.cols[1];
            return (c.0 + c.1, c.0 + c.1);
        }
        let a = self.lane(0);
        let b = self.lane(self.lanes - 1);
        (a.0, b.0 + b.1)
    }

    /// (left, width) of a Mutu Baku column, `None` when it is not printed.
    pub fn quality_col(&self, c: QualityColumn) -> Option<(f64, f64)> {
        let k = self.quality.iter().position(|q| *q == c)?;
        Some(self.cols[2 + self.lanes + k])
    }

    /// Index in [`Grid::cols`] of a Mutu Baku column, `None` when it is not printed.
    pub fn quality_index(&self, c: QualityColumn) -> Option<usize> {
        let k = self.quality.iter().position(|q| *q == c)?;
        Some(2 + self.lanes + k)
    }

    /// (left, width) of the Waktu column.
    pub fn time_col(&self) -> (f64, f64) {
        self.quality_col(QualityColumn::Time)
            .unwrap_or_else(|| self.note_col())
    }

    /// Left edge of the first Mutu Baku column and right edge of the last.
    pub fn quality_span(&self) -> (f64, f64) {
        let first = self.cols[2 + self.lanes];
        let last = self.cols[2 + self.lanes + self.quality.len().max(1) - 1];
        (first.0, last.0 + last.1)
    }

    /// (left, width) of the Keterangan column, the last.
    pub fn note_col(&self) -> (f64, f64) {
        self.cols[self.cols.len() - 1]
    }

    /// Keeps room for `per_side` arrow tracks on each side of every symbol.
    pub fn reserve_tracks(&mut self, per_side: usize) {
        let per_side = per_side.max(1) as f64;
        self.gap = self
            .gap
            .max(flow::TRACK_EDGE + (per_side - 1.0) * flow::TRACK + flow::TRACK_SYMBOL);
    }

    /// Width of a single-lane symbol.
    pub fn symbol_width(&self) -> f64 {
        let lw = if self.lanes == 0 {
            40.0
        } else {
            self.lane(0).1
        };
        (lw - 2.0 * self.gap).clamp(flow::SYMBOL_MIN_W.min(lw - 4.0), flow::SYMBOL_MAX_W)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutu_baku_columns_in_the_office_order_and_without_kelengkapan() {
        let columns = Columns {
            requirements: false,
            numbers: false,
            quality: [
                QualityColumn::Requirements,
                QualityColumn::Output,
                QualityColumn::Time,
            ],
        };
        let g = Grid::new(40.0, 771.0, 3, &Floors::default(), &columns);
        // No | Kegiatan | 3 lanes | Output | Waktu | Keterangan.
        assert_eq!(g.cols.len(), 2 + 3 + 3);
        assert_eq!(g.quality_col(QualityColumn::Requirements), None);
        let o = g.quality_col(QualityColumn::Output).unwrap();
        let w = g.time_col();
        assert!((o.0 + o.1 - w.0).abs() < 1e-9, "Waktu right after Output");
        assert!((w.0 + w.1 - g.note_col().0).abs() < 1e-9);
        assert!((g.right() - 811.0).abs() < 0.01);
        // The room of the Kelengkapan column goes to the others.
        let full = Grid::new(40.0, 771.0, 3, &Floors::default(), &Columns::default());
        assert!(g.cols[1].1 > full.cols[1].1);
    }

    #[test]
    fn fills_the_width() {
        for lanes in 1..=10 {
            let g = Grid::new(40.0, 771.0, lanes, &Floors::default(), &Columns::default());
            assert!(
                (g.right() - 811.0).abs() < 0.01 || g.right() < 811.0,
                "{lanes}"
            );
            assert!(g.lane(0).1 >= 30.0);
        }
    }
}
