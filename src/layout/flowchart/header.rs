//! The header of the flowchart table, repeated on every page: No | Kegiatan |
//! Pelaksana (one column per lane, headed by its role) | Mutu Baku (Kelengkapan,
//! Waktu, Output) | Keterangan. Also the narrowest lane that keeps every word of a
//! lane heading whole.

use super::grid::Grid;
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::{Font, Rect};
use crate::layout::sink::Sink;
use crate::layout::style;
use crate::layout::text;
use crate::model::{Sop, Workspace};

/// The header cells, laid out once and drawn on every page.
pub(super) struct Header {
    /// Height of the first header row (Pelaksana, Mutu Baku).
    pub(super) h1: f64,
    /// Height of the second header row (the lane and Mutu Baku headings).
    pub(super) h2: f64,
    blocks: Vec<(Rect, Block)>,
    cells: Vec<(Rect, bool)>,
}

/// The lane headings as printed.
fn lane_names(ws: &Workspace, sop: &Sop) -> Vec<String> {
    sop.lanes
        .iter()
        .map(|l| {
            ws.org
                .role(&l.value)
                .map_or(l.value.clone(), |r| r.heading().to_string())
        })
        .collect()
}

/// A lane wide enough for the longest word of any lane heading, so no word is broken.
pub(super) fn min_lane(ws: &Workspace, sop: &Sop) -> f64 {
    let longest = lane_names(ws, sop)
        .iter()
        .flat_map(|n| n.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .map(|w| text::width(&w, Font::Bold, style::LANE_HEADING))
        .fold(0.0, f64::max);
    longest + 2.0 * style::CELL_PAD + 1.0
}

/// The lane heading size: the normal size, or smaller when a word of a heading would
/// not fit its lane.
fn lane_heading_size(names: &[String], lane_w: f64) -> f64 {
    let room = lane_w - 2.0 * style::CELL_PAD;
    let mut size = style::LANE_HEADING;
    while size > 5.0 {
        let fits = names.iter().all(|n| {
            n.split_whitespace()
                .all(|w| text::width(w, Font::Bold, size) <= room)
        });
        if fits {
            break;
        }
        size -= 0.25;
    }
    size
}

/// Lays out the header for the lanes of `sop` in `grid`.
pub(super) fn header(ws: &Workspace, sop: &Sop, grid: &Grid) -> Header {
    let pad = style::CELL_PAD;
    let bold = |t: &str, size: f64| Para::bold(t).size(size).align(Align::Center);
    let names = lane_names(ws, sop);
    let size = lane_heading_size(&names, grid.lane(0).1);
    let lane_blocks: Vec<Block> = sop
        .lanes
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(k, (l, name))| {
            Block::new(
                &[bold(name, size).source(Some(l.span))],
                grid.lane(k).1 - 2.0 * pad,
            )
        })
        .collect();
    let mutu: Vec<Block> = ["Kelengkapan", "Waktu", "Output"]
        .iter()
        .enumerate()
        .map(|(i, t)| Block::new(&[bold(t, style::HEADING)], grid.after(i).1 - 2.0 * pad))
        .collect();
    let h1 = Block::new(&[bold("Pelaksana", style::HEADING)], 100.0).height + 2.0 * pad;
    let h2 = lane_blocks
        .iter()
        .chain(mutu.iter())
        .map(|b| b.height)
        .fold(0.0, f64::max)
        + 2.0 * pad;
    let mut blocks = Vec::new();
    let mut cells = Vec::new();
    let full = |c: (f64, f64)| Rect::new(c.0, 0.0, c.1, h1 + h2);
    let mut both = |r: Rect, text: &str, blocks: &mut Vec<(Rect, Block)>| {
        let b = Block::new(&[bold(text, style::HEADING)], r.w - 2.0 * pad);
        cells.push((r, true));
        blocks.push((r, b));
    };
    both(full(grid.cols[0]), "No", &mut blocks);
    both(full(grid.cols[1]), "Kegiatan", &mut blocks);
    let (l0, l1) = grid.lanes_span();
    both(Rect::new(l0, 0.0, l1 - l0, h1), "Pelaksana", &mut blocks);
    let m0 = grid.after(0).0;
    let m1 = grid.after(2).0 + grid.after(2).1;
    both(Rect::new(m0, 0.0, m1 - m0, h1), "Mutu Baku", &mut blocks);
    both(full(grid.after(3)), "Keterangan", &mut blocks);
    for (k, b) in lane_blocks.into_iter().enumerate() {
        let r = Rect::new(grid.lane(k).0, h1, grid.lane(k).1, h2);
        cells.push((r, true));
        blocks.push((r, b));
    }
    for (i, b) in mutu.into_iter().enumerate() {
        let r = Rect::new(grid.after(i).0, h1, grid.after(i).1, h2);
        cells.push((r, true));
        blocks.push((r, b));
    }
    Header {
        h1,
        h2,
        blocks,
        cells,
    }
}

impl Header {
    /// Draws the header with its top at `y`.
    pub(super) fn draw(&self, sink: &mut Sink, y: f64) {
        for (r, ruled) in &self.cells {
            sink.frame(
                Rect::new(r.x, y + r.y, r.w, r.h),
                Some(style::HEADER_FILL),
                ruled.then_some(style::RULE),
            );
        }
        for (r, b) in &self.blocks {
            b.draw(
                sink,
                r.x + style::CELL_PAD,
                y + r.y + (r.h - b.height) / 2.0,
            );
        }
    }
}
