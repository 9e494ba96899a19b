//! The rows of the flowchart table: one per step, measured before pagination (the
//! cells' text broken into lines, the row as tall as its tallest cell or its symbol),
//! and the last row with the total waktu along the main path.

use super::grid::Grid;
use super::route::Shape;
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::{Rect, SymbolKind};
use crate::layout::sink::Sink;
use crate::layout::style::{self, flow};
use crate::model::style::QualityColumn;
use crate::model::{Sop, Step};
use crate::totals;

/// Cells of one step's row, laid out.
pub(super) struct RowBox {
    blocks: Vec<(usize, Block, Align)>,
    pub(super) height: f64,
    kind: SymbolKind,
    pub(super) lanes: (usize, usize),
    /// For a row under a Waktu cell merged over several rows: the cell's text (empty
    /// below its first row). The row draws no Waktu cell of its own.
    waktu_merged: Option<Block>,
}

pub(super) fn lane_range(sop: &Sop, step: usize) -> (usize, usize) {
    let lanes: Vec<usize> = sop.steps[step]
        .actors
        .iter()
        .filter_map(|a| sop.lanes.iter().position(|l| l.value == a.value))
        .collect();
    match (lanes.iter().min(), lanes.iter().max()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    }
}

fn symbol_kind(sop: &Sop, i: usize) -> SymbolKind {
    if sop.steps[i].is_decision() {
        SymbolKind::Decision
    } else if i == 0 || i + 1 == sop.steps.len() {
        SymbolKind::Terminator
    } else {
        SymbolKind::Process
    }
}

fn symbol_height(kind: SymbolKind) -> f64 {
    match kind {
        SymbolKind::Decision => flow::DECISION_H,
        SymbolKind::Terminator => flow::TERMINATOR_H,
        SymbolKind::Process => flow::PROCESS_H,
        SymbolKind::OffPageConnector => flow::CONNECTOR,
    }
}

/// The text of a Waktu cell: the quantity or text as written, or "-".
fn waktu_paras(step: &Step) -> Vec<Para> {
    let (text, span) = if let Some(t) = &step.time {
        (t.value.text.as_str(), Some(t.span))
    } else if let Some(t) = &step.time_text {
        (t.value.as_str(), Some(t.span))
    } else if step.time_na {
        ("-", step.time_span)
    } else {
        return Vec::new();
    };
    vec![Para::body(text).source(span).align(Align::Center)]
}

pub(super) fn row_box(sop: &Sop, grid: &Grid, owners: &[usize], i: usize) -> RowBox {
    let step = &sop.steps[i];
    let mut waktu_merged = None;
    let pad = style::CELL_PAD;
    let cell = |col: (f64, f64), paras: Vec<Para>| Block::new(&paras, col.1 - 2.0 * pad);
    let mut blocks = Vec::new();
    blocks.push((
        0,
        cell(
            grid.cols[0],
            vec![Para::body(step.number.to_string()).align(Align::Center)],
        ),
        Align::Center,
    ));
    let mut keg = vec![Para::rich(&step.activity.value).source(Some(step.activity.span))];
    if let Some(q) = step.decision.as_ref().and_then(|d| d.question.as_ref()) {
        keg.push(Para::bold(&q.value).source(Some(q.span)).space_before(2.0));
    }
    blocks.push((1, cell(grid.cols[1], keg), Align::Left));
    if let Some(k) = grid.quality_index(QualityColumn::Requirements) {
        let many = step.requirements.len() > 1;
        let kel: Vec<Para> = step
            .requirements
            .iter()
            .map(|r| {
                let p = Para::rich(&r.value).source(Some(r.span));
                if many { p.marker("-") } else { p }
            })
            .collect();
        blocks.push((k, cell(grid.cols[k], kel), Align::Left));
    }
    if let Some(k) = grid.quality_index(QualityColumn::Time) {
        let covered = owners[i] != i;
        let merged = covered || step.time_rows > 1;
        // A merged cell's text is drawn over its rows by [`draw_merged_waktu`]; the
        // first row is made tall enough for it.
        let waktu = if covered {
            Vec::new()
        } else {
            waktu_paras(step)
        };
        let waktu_block = cell(grid.cols[k], waktu);
        if merged {
            waktu_merged = Some(waktu_block);
        } else {
            blocks.push((k, waktu_block, Align::Center));
        }
    }
    if let Some(k) = grid.quality_index(QualityColumn::Output) {
        let out: Vec<Para> = step
            .output
            .iter()
            .map(|o| Para::rich(&o.value).source(Some(o.span)))
            .collect();
        blocks.push((k, cell(grid.cols[k], out), Align::Left));
    }
    let ket: Vec<Para> = step
        .note
        .iter()
        .map(|o| Para::rich(&o.value).source(Some(o.span)))
        .collect();
    let k = grid.cols.len() - 1;
    blocks.push((k, cell(grid.cols[k], ket), Align::Left));
    let kind = symbol_kind(sop, i);
    let content = blocks
        .iter()
        .map(|b| b.1.height)
        .chain(waktu_merged.as_ref().map(|b| b.height))
        .fold(0.0, f64::max)
        + 2.0 * pad;
    let sym = symbol_height(kind) + 2.0 * flow::SYMBOL_PAD;
    RowBox {
        blocks,
        height: content.max(sym),
        kind,
        lanes: lane_range(sop, i),
        waktu_merged,
    }
}

impl RowBox {
    /// Draws the row's cells with their top at `y`, and gives the place of its symbol:
    /// centred in its lanes (across them, for a step of several actors).
    pub(super) fn draw(&self, sink: &mut Sink, grid: &Grid, y: f64) -> Shape {
        let waktu_col = grid.quality_index(QualityColumn::Time);
        for (k, (cx, cw)) in grid.cols.iter().enumerate() {
            if Some(k) == waktu_col && self.waktu_merged.is_some() {
                continue;
            }
            sink.frame(Rect::new(*cx, y, *cw, self.height), None, Some(style::RULE));
        }
        for (col, b, _) in &self.blocks {
            let (cx, _) = grid.cols[*col];
            b.draw(sink, cx + style::CELL_PAD, y + style::CELL_PAD);
        }
        let sh = symbol_height(self.kind);
        let sw = grid.symbol_width();
        let a = grid.lane(self.lanes.0);
        let b = grid.lane(self.lanes.1);
        let x0 = a.0 + a.1 / 2.0 - sw / 2.0;
        let x1 = b.0 + b.1 / 2.0 + sw / 2.0;
        let rect = Rect::new(x0, y + (self.height - sh) / 2.0, x1 - x0, sh);
        Shape {
            kind: self.kind,
            rect,
        }
    }
}

/// The last row: the total waktu along the main path.
pub(super) struct Total {
    pub(super) height: f64,
    label: Block,
    value: Block,
    note: Block,
}

pub(super) fn total_row(sop: &Sop, grid: &Grid, hours_per_day: f64) -> Total {
    let total = totals::main_path(sop, hours_per_day);
    let pad = style::CELL_PAD;
    let w = grid.time_col();
    let label = Block::new(
        &[Para::bold("Jumlah waktu (jalur utama)").align(Align::Right)],
        w.0 - grid.left() - 2.0 * pad,
    );
    let value = Block::new(
        // Working and calendar time on lines of their own: "1 jam" / "+ 2 hari".
        &[Para::bold(total.human.replace(" + ", "\n+ ")).align(Align::Center)],
        w.1 - 2.0 * pad,
    );
    let note = Block::new(
        &[Para::body(total.note())],
        grid.right() - (w.0 + w.1) - 2.0 * pad,
    );
    let height = label.height.max(value.height).max(note.height) + 2.0 * pad;
    Total {
        height,
        label,
        value,
        note,
    }
}

impl Total {
    pub(super) fn draw(&self, sink: &mut Sink, grid: &Grid, y: f64) {
        let pad = style::CELL_PAD;
        let x0 = grid.left();
        let w = grid.time_col();
        let o = w.0 + w.1;
        let end = grid.right();
        sink.frame(
            Rect::new(x0, y, w.0 - x0, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        sink.frame(
            Rect::new(w.0, y, w.1, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        sink.frame(
            Rect::new(o, y, end - o, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        self.label.draw(sink, x0 + pad, y + pad);
        self.value.draw(sink, w.0 + pad, y + pad);
        self.note.draw(sink, o + pad, y + pad);
    }
}

/// Draws the Waktu cells merged over several rows, over the rows of one page: one frame
/// around the rows of the cell that are on the page, its text at the top (repeated on
/// the next page when the cell is split by a page break).
pub(super) fn draw_merged_waktu(
    sink: &mut Sink,
    grid: &Grid,
    rows: &[RowBox],
    owners: &[usize],
    rects: &std::collections::BTreeMap<usize, Rect>,
) {
    let (x, w) = grid.time_col();
    let mut groups: std::collections::BTreeMap<usize, (f64, f64)> = Default::default();
    for (&i, r) in rects {
        if rows[i].waktu_merged.is_none() {
            continue;
        }
        let g = groups.entry(owners[i]).or_insert((r.y, r.y + r.h));
        g.0 = g.0.min(r.y);
        g.1 = g.1.max(r.y + r.h);
    }
    for (owner, (top, bottom)) in groups {
        sink.frame(Rect::new(x, top, w, bottom - top), None, Some(style::RULE));
        if let Some(b) = &rows[owner].waktu_merged {
            b.draw(sink, x + style::CELL_PAD, top + style::CELL_PAD);
        }
    }
}
