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

/// A column of the table: (left, width).
type Col = (f64, f64);

/// A heading: bold, centred, at `size`.
fn bold(t: &str, size: f64) -> Para {
    Para::bold(t).size(size).align(Align::Center)
}

/// The heights of the header's rows, top to bottom.
struct RowHeights {
    /// The first row: Pelaksana, Mutu Baku.
    top: f64,
    /// The group headings; 0 without groups.
    groups: f64,
    /// The lane and Mutu Baku headings.
    headings: f64,
    /// The column numbers; 0 without them.
    numbers: f64,
}

impl RowHeights {
    /// The height of the header between its first row and the column numbers.
    fn below_top(&self) -> f64 {
        self.groups + self.headings
    }
}

/// Lays out the header for the lanes of `sop` in `grid`.
pub(super) fn header(ws: &Workspace, sop: &Sop, grid: &Grid) -> Header {
    let pad = style::CELL_PAD;
    let names = lane_names(ws, sop);
    let size = lane_heading_size(&names, grid.lane(0).1);
    let lanes = lane_blocks(sop, grid, &names, size);
    let quality = quality_blocks(sop, grid);
    let groups = group_blocks(sop, grid, size);
    let numbers = number_blocks(sop, grid);
    let words = &sop.style.headings;
    let height = |t: &str, w: f64| Block::new(&[bold(t, style::HEADING)], w - 2.0 * pad).height;
    // The first row holds Pelaksana over the lanes and Mutu Baku over its columns.
    let (l0, l1) = grid.lanes_span();
    let mut top = height(&words.actors, l1 - l0);
    if !grid.quality.is_empty() {
        let (m0, m1) = grid.quality_span();
        top = top.max(height(&words.quality, m1 - m0));
    }
    let top = top + 2.0 * pad;
    let mut headings = lanes
        .iter()
        .chain(quality.iter().map(|(_, b)| b))
        .map(|b| b.height)
        .fold(0.0, f64::max)
        + 2.0 * pad;
    let groups_h = tallest_cell(&groups);
    // No, Kegiatan and Keterangan stand down the header, above the column numbers:
    // the rows below the first grow when one of them is taller.
    let full = [grid.cols[0], grid.cols[1], grid.note_col()]
        .into_iter()
        .zip([&words.no, &words.activity, &words.note])
        .map(|(c, t)| height(t, c.1) + 2.0 * pad)
        .fold(0.0, f64::max);
    headings = headings.max(full - top - groups_h);
    let rows = RowHeights {
        top,
        groups: groups_h,
        headings,
        numbers: tallest_cell(&numbers),
    };
    let mut head = Header {
        h1: rows.top,
        h2: rows.below_top() + rows.numbers,
        blocks: Vec::new(),
        cells: Vec::new(),
    };
    head.push_titles(sop, grid, &rows);
    for (c, b) in groups {
        head.push(Rect::new(c.0, rows.top, c.1, rows.groups), b);
    }
    head.push_lanes(sop, grid, lanes, &rows);
    for (c, b) in quality {
        head.push(Rect::new(c.0, rows.top, c.1, rows.below_top()), b);
    }
    for (c, b) in numbers {
        let top = rows.top + rows.below_top();
        head.push(Rect::new(c.0, top, c.1, rows.numbers), b);
    }
    head
}

/// The heading of each lane, in its inner width: the lane's role at `size`, with the
/// mark of a system under it.
fn lane_blocks(sop: &Sop, grid: &Grid, names: &[(String, bool)], size: f64) -> Vec<Block> {
    sop.lanes
        .iter()
        .zip(names)
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
            Block::new(&paras, grid.lane(k).1 - 2.0 * style::CELL_PAD)
        })
        .collect()
}

/// The heading of each printed Mutu Baku column, with the column it heads.
fn quality_blocks(sop: &Sop, grid: &Grid) -> Vec<(Col, Block)> {
    let words = &sop.style.headings;
    grid.quality
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
                Block::new(&[bold(t, style::HEADING)], col.1 - 2.0 * style::CELL_PAD),
            )
        })
        .collect()
}

/// The group headings at `size`, each over its lanes.
fn group_blocks(sop: &Sop, grid: &Grid, size: f64) -> Vec<(Col, Block)> {
    sop.lane_groups
        .iter()
        .map(|g| {
            let a = grid.lane(g.first);
            let b = grid.lane(g.last);
            let w = b.0 + b.1 - a.0;
            let block = Block::new(
                &[bold(&g.title.value, size).source(Some(g.title.span))],
                w - 2.0 * style::CELL_PAD,
            );
            ((a.0, w), block)
        })
        .collect()
}

/// The column numbers, 1 to n over every column, when `gaya.kolom.nomor_kolom` asks
/// for them; none otherwise.
fn number_blocks(sop: &Sop, grid: &Grid) -> Vec<(Col, Block)> {
    if !sop.style.columns.numbers {
        return Vec::new();
    }
    grid.cols
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let b = Block::new(
                &[Para::body((k + 1).to_string()).align(Align::Center)],
                c.1 - 2.0 * style::CELL_PAD,
            );
            (*c, b)
        })
        .collect()
}

/// The height of the tallest cell holding one of `blocks`; 0 when there are none.
fn tallest_cell(blocks: &[(Col, Block)]) -> f64 {
    blocks
        .iter()
        .map(|(_, b)| b.height + 2.0 * style::CELL_PAD)
        .fold(0.0, f64::max)
}

impl Header {
    /// Adds a cell at `r` holding `b`.
    fn push(&mut self, r: Rect, b: Block) {
        self.cells.push(r);
        self.blocks.push((r, b));
    }

    /// Adds a cell at `r` holding the heading `t`.
    fn push_heading(&mut self, r: Rect, t: &str) {
        let b = Block::new(&[bold(t, style::HEADING)], r.w - 2.0 * style::CELL_PAD);
        self.push(r, b);
    }

    /// Adds the headings over several rows or columns: No and Kegiatan down the whole
    /// header, Pelaksana over the lanes, Mutu Baku over its columns (when any is
    /// printed), and Keterangan down the whole header.
    fn push_titles(&mut self, sop: &Sop, grid: &Grid, rows: &RowHeights) {
        let words = &sop.style.headings;
        let full = |c: Col| Rect::new(c.0, 0.0, c.1, rows.top + rows.below_top());
        for (c, t) in [(grid.cols[0], &words.no), (grid.cols[1], &words.activity)] {
            self.push_heading(full(c), t);
        }
        let (l0, l1) = grid.lanes_span();
        self.push_heading(Rect::new(l0, 0.0, l1 - l0, rows.top), &words.actors);
        if !grid.quality.is_empty() {
            let (m0, m1) = grid.quality_span();
            self.push_heading(Rect::new(m0, 0.0, m1 - m0, rows.top), &words.quality);
        }
        self.push_heading(full(grid.note_col()), &words.note);
    }

    /// Adds the lane headings `lanes`: under the heading of a lane's group, or down
    /// the group row too for a lane without a group.
    fn push_lanes(&mut self, sop: &Sop, grid: &Grid, lanes: Vec<Block>, rows: &RowHeights) {
        for (k, b) in lanes.into_iter().enumerate() {
            let grouped = sop
                .lane_groups
                .iter()
                .any(|g| (g.first..=g.last).contains(&k));
            let (top, h) = if grouped {
                (rows.top + rows.groups, rows.headings)
            } else {
                (rows.top, rows.below_top())
            };
            self.push(Rect::new(grid.lane(k).0, top, grid.lane(k).1, h), b);
        }
    }

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
