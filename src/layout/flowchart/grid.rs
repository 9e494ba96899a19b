//! The columns of the flowchart table: No | Kegiatan | one per lane | Kelengkapan |
//! Waktu | Output | Keterangan, with widths chosen from the paper and the number of
//! lanes (lanes equal, the text columns as wide as the room allows).

use crate::layout::style::flow;

/// Column positions of the flowchart table.
#[derive(Debug, Clone)]
pub struct Grid {
    /// (left, width) of every column, in table order.
    pub cols: Vec<(f64, f64)>,
    /// Number of lanes.
    pub lanes: usize,
    /// Free room kept on each side of a symbol in its lane, for arrow tracks.
    pub gap: f64,
}

/// The fixed (non-lane) columns after the lanes, in order.
pub const AFTER: usize = 4;

impl Grid {
    /// Chooses the widths for `lanes` lanes in `width` points starting at `x`; a lane
    /// is at least `min_lane` wide when the text columns can give the room.
    pub fn new(x: f64, width: f64, lanes: usize, min_lane: f64) -> Grid {
        let n = lanes.max(1) as f64;
        let lane_min = flow::LANE.0.max(min_lane).min(flow::LANE.1);
        let flex = [
            flow::KEGIATAN,
            flow::KELENGKAPAN,
            flow::WAKTU,
            flow::OUTPUT,
            flow::KETERANGAN,
        ];
        let pref: f64 = flow::NO + flex.iter().map(|c| c.1).sum::<f64>();
        let min: f64 = flow::NO + flex.iter().map(|c| c.0).sum::<f64>();
        let mut widths: Vec<f64> = flex.iter().map(|c| c.1).collect();
        let lane_w;
        if width - pref >= n * lane_min {
            lane_w = ((width - pref) / n).min(flow::LANE.1);
            // Give what is left to the text columns, most to Kegiatan.
            let extra = width - pref - n * lane_w;
            let share = [0.5, 0.15, 0.0, 0.15, 0.2];
            for (w, s) in widths.iter_mut().zip(share) {
                *w += extra * s;
            }
        } else if width - min >= n * lane_min {
            lane_w = lane_min;
            // Shrink the text columns from their preferred toward their minimum widths.
            let need = pref + n * lane_w - width;
            let slack: f64 = flex.iter().map(|c| c.1 - c.0).sum();
            for (w, c) in widths.iter_mut().zip(flex) {
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

    /// (left, width) of the i-th column after the lanes (0 Kelengkapan, 1 Waktu,
    /// 2 Output, 3 Keterangan).
    pub fn after(&self, i: usize) -> (f64, f64) {
        self.cols[2 + self.lanes + i]
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
    fn fills_the_width() {
        for lanes in 1..=10 {
            let g = Grid::new(40.0, 771.0, lanes, 0.0);
            assert!(
                (g.right() - 811.0).abs() < 0.01 || g.right() < 811.0,
                "{lanes}"
            );
            assert!(g.lane(0).1 >= 30.0);
        }
    }
}
