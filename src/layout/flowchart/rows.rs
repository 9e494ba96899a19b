//! The rows of the flowchart table: one per step, measured before pagination (the
//! cells' text broken into lines, the row as tall as its tallest cell or its symbol),
//! and the last row with the total waktu along the main path.

use super::grid::Grid;
use super::route::Shape;
use crate::graph;
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::{Font, Rect, SymbolKind};
use crate::layout::sink::Sink;
use crate::layout::style::{self, flow};
use crate::layout::text;
use crate::model::{Sop, waktu};

/// Cells of one step's row, laid out.
pub(super) struct RowBox {
    blocks: Vec<(usize, Block, Align)>,
    pub(super) height: f64,
    kind: SymbolKind,
    /// The lanes of the step's actors, in order across the table.
    actors: Vec<usize>,
    /// The actor's lane that arrows attach to (the others get a twin symbol).
    pub(super) main: usize,
}

/// A step's symbols: the one its arrows attach to, and for a step of several actors
/// one more in each other actor's lane, joined to it by a line.
pub(super) struct Drawn {
    pub(super) main: Shape,
    pub(super) twins: Vec<Shape>,
}

/// The lanes of a step's actors, in order across the table.
fn actor_lanes(sop: &Sop, step: usize) -> Vec<usize> {
    let mut lanes: Vec<usize> = sop.steps[step]
        .actors
        .iter()
        .filter_map(|a| sop.lanes.iter().position(|l| l.value == a.value))
        .collect();
    lanes.sort_unstable();
    lanes.dedup();
    if lanes.is_empty() {
        lanes.push(0);
    }
    lanes
}

/// The lane each step's arrows attach to: of a step of several actors, the lane
/// nearest to the one of the step before, so that the flow goes straight down
/// where it can.
pub(super) fn main_lanes(sop: &Sop) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(sop.steps.len());
    for i in 0..sop.steps.len() {
        let lanes = actor_lanes(sop, i);
        let prev = out.last().copied().unwrap_or(lanes[0]);
        let main = lanes
            .iter()
            .copied()
            .min_by_key(|&l| (l.abs_diff(prev), l))
            .unwrap_or(0);
        out.push(main);
    }
    out
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

/// A time such as "19 hari 3 jam 35 menit" broken into lines of at most `max` points
/// between its quantities only, never between a number and its unit.
fn whole_quantities(s: &str, font: Font, max: f64) -> String {
    let mut quantities: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match quantities.last_mut() {
            Some(q) if !word.chars().any(|c| c.is_ascii_digit()) => {
                q.push(' ');
                q.push_str(word);
            }
            _ => quantities.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for q in quantities {
        match lines.last_mut() {
            Some(l) if text::width(&format!("{l} {q}"), font, style::BODY) <= max => {
                l.push(' ');
                l.push_str(&q);
            }
            _ => lines.push(q),
        }
    }
    lines.join("\n")
}

pub(super) fn row_box(sop: &Sop, grid: &Grid, i: usize, main: usize) -> RowBox {
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
    if let Some(q) = step.decision.as_ref().and_then(|d| d.question.as_ref()) {
        keg.push(Para::bold(&q.value).source(Some(q.span)).space_before(2.0));
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
                Para::body(whole_quantities(
                    &t.value.text,
                    Font::Regular,
                    grid.after(1).1 - 2.0 * pad,
                ))
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
    let content = blocks.iter().map(|b| b.1.height).fold(0.0, f64::max) + 2.0 * pad;
    let sym = symbol_height(kind) + 2.0 * flow::SYMBOL_PAD;
    RowBox {
        blocks,
        height: content.max(sym),
        kind,
        actors: actor_lanes(sop, i),
        main,
    }
}

impl RowBox {
    /// Draws the row's cells with their top at `y`, and gives the places of its
    /// symbols: one centred in each actor's lane.
    pub(super) fn draw(&self, sink: &mut Sink, grid: &Grid, y: f64) -> Drawn {
        for (cx, cw) in &grid.cols {
            sink.frame(Rect::new(*cx, y, *cw, self.height), None, Some(style::RULE));
        }
        for (col, b, _) in &self.blocks {
            let (cx, _) = grid.cols[*col];
            b.draw(sink, cx + style::CELL_PAD, y + style::CELL_PAD);
        }
        let sh = symbol_height(self.kind);
        let sw = grid.symbol_width();
        let at = |lane: usize| {
            let (lx, lw) = grid.lane(lane);
            Shape {
                kind: self.kind,
                rect: Rect::new(
                    lx + lw / 2.0 - sw / 2.0,
                    y + (self.height - sh) / 2.0,
                    sw,
                    sh,
                ),
            }
        };
        Drawn {
            main: at(self.main),
            twins: self
                .actors
                .iter()
                .filter(|&&l| l != self.main)
                .map(|&l| at(l))
                .collect(),
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
        &[Para::bold(whole_quantities(
            &waktu::human(minutes, hours_per_day),
            Font::Bold,
            grid.after(1).1 - 2.0 * pad,
        ))
        .align(Align::Center)],
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
