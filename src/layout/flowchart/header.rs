//! The header of the flowchart table, repeated on every page: No | Kegiatan |
//! Pelaksana (one column per lane, headed by its role; a group heading over
//! neighbouring lanes) | Mutu Baku (Kelengkapan, Waktu, Output in the office's order) |
//! Keterangan, in the office's words (`gaya.judul`), and under it, when
//! `gaya.kolom.nomor_kolom` asks, a row of column numbers. Also the narrowest lane that
//! keeps every word of a lane heading whole.

use super::grid::{Floors, Grid};
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::{Font, Rect};
use crate::layout::sink::Sink;
use crate::layout::style;
use crate::layout::text;
use crate::model::style::QualityColumn;
use crate::model::{Sop, Workspace};

/// The mark under the heading of a lane that is a system (`sistem: true`).
pub(super) const SYSTEM_MARK: &str = "(sistem)";

/// The header cells, laid out once and drawn on every page.
pub(super) struct Header {
    /// Height of the first header row (Pelaksana, Mutu Baku).
    pub(super) h1: f64,
    /// Height of the rest of the header: the group headings, the lane and Mutu Baku
    /// headings, the column numbers.
    pub(super) h2: f64,
    blocks: Vec<(Rect, Block)>,
    cells: Vec<Rect>,
}

/// The lane headings as printed, and whether each lane is a system.
fn lane_names(ws: &Workspace, sop: &Sop) -> Vec<(String, bool)> {
    sop.lanes
        .iter()
        .map(|l| {
            ws.org.role(&l.value).map_or((l.value.clone(), false), |r| {
                (r.heading().to_string(), r.system)
            })
        })
        .collect()
}

/// The least widths of the columns so that no word of a heading is broken: a lane holds
/// the longest word of any lane heading, every text column the longest word of its own
/// heading, and the column of the times also `time`, its widest whole quantity.
pub(super) fn floors(ws: &Workspace, sop: &Sop, time: f64) -> Floors {
    let longest = |texts: &mut dyn Iterator<Item = &str>, size: f64| {
        texts
            .flat_map(str::split_whitespace)
            .map(|w| text::width(w, Font::Bold, size))
            .fold(0.0, f64::max)
            + 2.0 * style::CELL_PAD
            + 1.0
    };
    let words = &sop.style.headings;
    let heading = |t: &str| longest(&mut std::iter::once(t), style::HEADING);
    let names = lane_names(ws, sop);
    let has_time = sop
        .style
        .columns
        .printed()
        .any(|c| c == QualityColumn::Time);
    Floors {
        lane: longest(
            &mut names.iter().map(|(n, _)| n.as_str()),
            style::LANE_HEADING,
        ),
        activity: heading(&words.activity),
        requirements: heading(&words.requirements),
        time: heading(&words.time).max(time),
        output: heading(&words.output),
        note: heading(&words.note).max(if has_time { 0.0 } else { time }),
    }
}

/// The lane heading size: the normal size, or smaller when a word of a heading would
/// not fit its lane.
fn lane_heading_size(names: &[(String, bool)], lane_w: f64) -> f64 {
    let room = lane_w - 2.0 * style::CELL_PAD;
    let mut size = style::LANE_HEADING;
    while size > 5.0 {
        let fits = names.iter().all(|(n, _)| {
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
    let words = &sop.style.headings;
    let bold = |t: &str, size: f64| Para::bold(t).size(size).align(Align::Center);
    let names = lane_names(ws, sop);
    let size = lane_heading_size(&names, grid.lane(0).1);
    let lane_blocks: Vec<Block> = sop
        .lanes
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(k, (l, (name, system)))| {
            let mut paras = vec![bold(name, size).source(Some(l.span))];
            if *system {
                paras.push(
                    Para::italic(SYSTEM_MARK)
                        .size(size)
                        .align(Align::Center)
                        .source(Some(l.span)),
                );
            }
            Block::new(&paras, grid.lane(k).1 - 2.0 * pad)
        })
        .collect();
    let quality: Vec<((f64, f64), Block)> = grid
        .quality
        .iter()
        .map(|c| {
            let t = match c {
                QualityColumn::Requirements => &words.requirements,
                QualityColumn::Time => &words.time,
                QualityColumn::Output => &words.output,
            };
            let col = grid.quality_col(*c).unwrap_or_else(|| grid.note_col());
            (
                col,
                Block::new(&[bold(t, style::HEADING)], col.1 - 2.0 * pad),
            )
        })
        .collect();
    let h1 = Block::new(&[bold(&words.actors, style::HEADING)], 100.0).height + 2.0 * pad;
    // Group headings, each over its lanes.
    let groups: Vec<(Rect, Block)> = sop
        .lane_groups
        .iter()
        .map(|g| {
            let a = grid.lane(g.first);
            let b = grid.lane(g.last);
            let w = b.0 + b.1 - a.0;
            let block = Block::new(
                &[bold(&g.title.value, size).source(Some(g.title.span))],
                w - 2.0 * pad,
            );
            (Rect::new(a.0, h1, w, 0.0), block)
        })
        .collect();
    let hg = groups
        .iter()
        .map(|(_, b)| b.height + 2.0 * pad)
        .fold(0.0, f64::max);
    let hl = lane_blocks
        .iter()
        .chain(quality.iter().map(|(_, b)| b))
        .map(|b| b.height)
        .fold(0.0, f64::max)
        + 2.0 * pad;
    // The column numbers: 1 to n over every column.
    let numbers: Vec<(Rect, Block)> = if sop.style.columns.numbers {
        grid.cols
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let b = Block::new(
                    &[Para::body((k + 1).to_string()).align(Align::Center)],
                    c.1 - 2.0 * pad,
                );
                (Rect::new(c.0, 0.0, c.1, 0.0), b)
            })
            .collect()
    } else {
        Vec::new()
    };
    let hn = numbers
        .iter()
        .map(|(_, b)| b.height + 2.0 * pad)
        .fold(0.0, f64::max);
    let h2 = hg + hl;
    let mut blocks = Vec::new();
    let mut cells = Vec::new();
    let mut cell = |r: Rect, b: Block, blocks: &mut Vec<(Rect, Block)>| {
        cells.push(r);
        blocks.push((r, b));
    };
    let heading = |r: Rect, t: &str| Block::new(&[bold(t, style::HEADING)], r.w - 2.0 * pad);
    let full = |c: (f64, f64)| Rect::new(c.0, 0.0, c.1, h1 + h2);
    for (c, t) in [(grid.cols[0], &words.no), (grid.cols[1], &words.activity)] {
        let r = full(c);
        cell(r, heading(r, t), &mut blocks);
    }
    let (l0, l1) = grid.lanes_span();
    let r = Rect::new(l0, 0.0, l1 - l0, h1);
    cell(r, heading(r, &words.actors), &mut blocks);
    if !grid.quality.is_empty() {
        let (m0, m1) = grid.quality_span();
        let r = Rect::new(m0, 0.0, m1 - m0, h1);
        cell(r, heading(r, &words.quality), &mut blocks);
    }
    let r = full(grid.note_col());
    cell(r, heading(r, &words.note), &mut blocks);
    for (r, b) in groups {
        cell(Rect::new(r.x, h1, r.w, hg), b, &mut blocks);
    }
    for (k, b) in lane_blocks.into_iter().enumerate() {
        let grouped = sop
            .lane_groups
            .iter()
            .any(|g| (g.first..=g.last).contains(&k));
        // A lane without a group heading takes the group row too.
        let (top, h) = if grouped { (h1 + hg, hl) } else { (h1, h2) };
        cell(
            Rect::new(grid.lane(k).0, top, grid.lane(k).1, h),
            b,
            &mut blocks,
        );
    }
    for (c, b) in quality {
        cell(Rect::new(c.0, h1, c.1, h2), b, &mut blocks);
    }
    for (r, b) in numbers {
        cell(Rect::new(r.x, h1 + h2, r.w, hn), b, &mut blocks);
    }
    Header {
        h1,
        h2: h2 + hn,
        blocks,
        cells,
    }
}

impl Header {
    /// Draws the header with its top at `y`.
    pub(super) fn draw(&self, sink: &mut Sink, y: f64) {
        for r in &self.cells {
            sink.frame(
                Rect::new(r.x, y + r.y, r.w, r.h),
                Some(style::HEADER_FILL),
                Some(style::RULE),
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
