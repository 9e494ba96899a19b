//! The rows of the flowchart table: one per step, measured before pagination (the
//! cells' text broken into lines, the row as tall as its tallest cell or its symbol),
//! and the last row with the total waktu along the main path.

use super::grid::Grid;
use super::route::Shape;
use crate::graph;
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::{Rect, SymbolKind};
use crate::layout::sink::Sink;
use crate::layout::style::{self, flow};
use crate::model::style::QuestionPlace;
use crate::model::{self, Sop, waktu};

/// Cells of one step's row, laid out.
pub(super) struct RowBox {
    blocks: Vec<(usize, Block, Align)>,
    pub(super) height: f64,
    kind: SymbolKind,
    /// Height of the symbol: its kind's, or more for the text inside it.
    symbol_h: f64,
    /// The text drawn inside the symbol (`teks`, or the question of a decision when
    /// `gaya.pertanyaan` is `simbol`), laid out in the symbol's inner width.
    pub(super) inner: Option<Block>,
    pub(super) lanes: (usize, usize),
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

/// The symbol of a row's own step, as the flow resolved it (`simbol`, or the defaults).
fn symbol_kind(sop: &Sop, i: usize) -> SymbolKind {
    match sop.flow.node(sop.flow.own(i)).symbol {
        model::SymbolKind::Decision => SymbolKind::Decision,
        model::SymbolKind::Start | model::SymbolKind::End => SymbolKind::Terminator,
        model::SymbolKind::Process => SymbolKind::Process,
    }
}

/// Size of the text inside a symbol.
const INNER_TEXT: f64 = 6.0;

/// The text inside a row's symbol, laid out: `teks`, else the decision's question when
/// `gaya.pertanyaan` is `simbol`. A diamond holds its text in the middle half of its
/// width; the symbol grows to the text's height.
fn inner_text(sop: &Sop, grid: &Grid, i: usize, kind: SymbolKind) -> Option<Block> {
    let step = &sop.steps[i];
    let text = step.text.as_ref().or_else(|| {
        (sop.style.question == QuestionPlace::Symbol)
            .then(|| step.decision.as_ref().and_then(|d| d.question.as_ref()))
            .flatten()
    })?;
    let (a, b) = lane_range(sop, i);
    let sw = grid.symbol_width() + grid.lane(b).0 - grid.lane(a).0;
    let width = match kind {
        SymbolKind::Decision => sw * 0.6,
        _ => sw - 4.0,
    };
    Some(Block::new(
        &[Para::body(&text.value)
            .size(INNER_TEXT)
            .align(Align::Center)
            .source(Some(text.span))],
        width.max(8.0),
    ))
}

fn symbol_height(kind: SymbolKind) -> f64 {
    match kind {
        SymbolKind::Decision => flow::DECISION_H,
        SymbolKind::Terminator => flow::TERMINATOR_H,
        SymbolKind::Process => flow::PROCESS_H,
        SymbolKind::OffPageConnector => flow::CONNECTOR,
    }
}

pub(super) fn row_box(sop: &Sop, grid: &Grid, i: usize) -> RowBox {
    let step = &sop.steps[i];
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
    let mut keg = vec![Para::body(&step.activity.value).source(Some(step.activity.span))];
    let question_inside = sop.style.question == QuestionPlace::Symbol && step.text.is_none();
    if let Some(q) = step.decision.as_ref().and_then(|d| d.question.as_ref()) {
        if !question_inside {
            keg.push(Para::bold(&q.value).source(Some(q.span)).space_before(2.0));
        }
    }
    blocks.push((1, cell(grid.cols[1], keg), Align::Left));
    let many = step.requirements.len() > 1;
    let kel: Vec<Para> = step
        .requirements
        .iter()
        .map(|r| {
            let p = Para::body(&r.value).source(Some(r.span));
            if many { p.marker("-") } else { p }
        })
        .collect();
    let after = 2 + grid.lanes;
    blocks.push((after, cell(grid.after(0), kel), Align::Left));
    let waktu = step
        .time
        .as_ref()
        .map(|t| {
            vec![
                Para::body(&t.value.text)
                    .source(Some(t.span))
                    .align(Align::Center),
            ]
        })
        .unwrap_or_default();
    blocks.push((after + 1, cell(grid.after(1), waktu), Align::Center));
    let out: Vec<Para> = step
        .output
        .iter()
        .map(|o| Para::body(&o.value).source(Some(o.span)))
        .collect();
    blocks.push((after + 2, cell(grid.after(2), out), Align::Left));
    let ket: Vec<Para> = step
        .note
        .iter()
        .map(|o| Para::body(&o.value).source(Some(o.span)))
        .collect();
    blocks.push((after + 3, cell(grid.after(3), ket), Align::Left));
    let kind = symbol_kind(sop, i);
    let inner = inner_text(sop, grid, i, kind);
    let symbol_h = match (&inner, kind) {
        (None, _) => symbol_height(kind),
        (Some(b), SymbolKind::Decision) => symbol_height(kind).max(2.0 * b.height + 4.0),
        (Some(b), _) => symbol_height(kind).max(b.height + 4.0),
    };
    let content = blocks.iter().map(|b| b.1.height).fold(0.0, f64::max) + 2.0 * pad;
    let sym = symbol_h + 2.0 * flow::SYMBOL_PAD;
    RowBox {
        blocks,
        height: content.max(sym),
        kind,
        symbol_h,
        inner,
        lanes: lane_range(sop, i),
    }
}

impl RowBox {
    /// Draws the row's cells with their top at `y`, and gives the place of its symbol:
    /// centred in its lanes (across them, for a step of several actors).
    pub(super) fn draw(&self, sink: &mut Sink, grid: &Grid, y: f64) -> Shape {
        for (cx, cw) in &grid.cols {
            sink.frame(Rect::new(*cx, y, *cw, self.height), None, Some(style::RULE));
        }
        for (col, b, _) in &self.blocks {
            let (cx, _) = grid.cols[*col];
            b.draw(sink, cx + style::CELL_PAD, y + style::CELL_PAD);
        }
        let sh = self.symbol_h;
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

    /// Draws the text inside the symbol placed at `rect`, centred.
    pub(super) fn draw_inner(&self, sink: &mut Sink, rect: Rect) {
        if let Some(b) = &self.inner {
            let width = match self.kind {
                SymbolKind::Decision => (rect.w * 0.6).max(8.0),
                _ => (rect.w - 4.0).max(8.0),
            };
            let x = rect.x + (rect.w - width) / 2.0;
            let y = rect.y + (rect.h - b.height) / 2.0;
            b.draw(sink, x, y);
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
    let (minutes, missing) = graph::main_path_minutes(sop, hours_per_day);
    let missing: Vec<String> = missing.iter().map(usize::to_string).collect();
    let pad = style::CELL_PAD;
    let span_w = grid.after(0).0 + grid.after(0).1 - grid.left();
    let label = Block::new(
        &[Para::bold("Jumlah waktu (jalur utama)").align(Align::Right)],
        span_w - 2.0 * pad,
    );
    let value = Block::new(
        &[Para::bold(waktu::human(minutes, hours_per_day)).align(Align::Center)],
        grid.after(1).1 - 2.0 * pad,
    );
    let note_w = grid.after(3).0 + grid.after(3).1 - grid.after(2).0;
    let note_text = if missing.is_empty() {
        String::new()
    } else {
        format!("Tanpa waktu: langkah {}", missing.join(", "))
    };
    let note = Block::new(&[Para::body(note_text)], note_w - 2.0 * pad);
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
        let k = grid.after(0);
        let w = grid.after(1);
        let o = grid.after(2);
        let end = grid.right();
        sink.frame(
            Rect::new(x0, y, k.0 + k.1 - x0, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        sink.frame(
            Rect::new(w.0, y, w.1, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        sink.frame(
            Rect::new(o.0, y, end - o.0, self.height),
            Some(style::HEADER_FILL),
            Some(style::RULE),
        );
        self.label.draw(sink, x0 + pad, y + pad);
        self.value.draw(sink, w.0 + pad, y + pad);
        self.note.draw(sink, o.0 + pad, y + pad);
    }
}
