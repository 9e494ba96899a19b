//! The rows of the flowchart table: one per step, measured before pagination (the
//! cells' text broken into lines, the row as tall as its tallest cell or its symbol),
//! and the last row with the total waktu along the main path.

use super::grid::Grid;
use super::route::Shape;
use crate::graph::StepId;
use crate::layout::block::{Align, Block, Para};
use crate::layout::document::Font;
use crate::layout::document::{Item, Point, Rect, Size, Symbol, SymbolKind};
use crate::layout::sink::Sink;
use crate::layout::style::{self, flow};
use crate::layout::text;
use crate::model::style::{QualityColumn, QuestionPlace};
use crate::model::{self, Sop, Step};
use crate::source::{Span, Spanned};
use crate::totals;

/// One symbol of a row, measured: the step's own, or its `lalu`.
pub(super) struct SymbolBox {
    kind: SymbolKind,
    /// Width of the symbol (of each, for a step drawn in several lanes): the grid's, or
    /// wider so that the longest word of its text fits, as far as its lane allows.
    w: f64,
    /// Height of the symbol: its kind's, or more for the text inside it.
    h: f64,
    /// The text drawn inside the symbol (`teks`, or the question of a decision when
    /// `gaya.pertanyaan` is `simbol`), laid out in the symbol's inner width.
    inner: Option<Block>,
    /// First and last lane it spans.
    pub(super) lanes: (usize, usize),
    /// For alternative performers (`atau`): the lane of each, where a symbol of its own
    /// is drawn, joined to the next by a dashed line. Empty otherwise.
    alternatives: Vec<usize>,
    /// For a joint step (several actors, not alternatives): the lane of each actor,
    /// where a symbol of its own is drawn, joined to the next by a line. The symbol
    /// arrows attach to stands in the main lane (`lanes`). Empty otherwise.
    joint: Vec<usize>,
}

/// Cells of one step's row, laid out.
pub(super) struct RowBox {
    blocks: Vec<(usize, Block, Align)>,
    pub(super) height: f64,
    /// The step's own symbol.
    /// For a row under a Waktu cell merged over several rows: the cell's text (empty
    /// below its first row). The row draws no Waktu cell of its own.
    waktu_merged: Option<Block>,
    own: SymbolBox,
    /// The `lalu` symbol, drawn in the same row.
    then: Option<SymbolBox>,
    /// The lanes of the empty terminator drawn above the row's symbol (`mulai: atas`).
    above: Option<(usize, usize)>,
    /// The lanes of the empty terminator drawn below the row's symbol
    /// (`selesai: bawah`).
    below: Option<(usize, usize)>,
}

/// Room for an empty terminator above or below a row's symbols: the terminator and the
/// arrow between them.
const EXTRA: f64 = flow::TERMINATOR_H + flow::SYMBOL_PAD;

/// The lanes of a list of actors, in the SOP's column order.
fn actor_lanes(sop: &Sop, actors: &[Spanned<String>]) -> Vec<usize> {
    let mut lanes: Vec<usize> = actors
        .iter()
        .filter_map(|a| sop.lanes.iter().position(|l| l.value == a.value))
        .collect();
    lanes.sort_unstable();
    lanes.dedup();
    lanes
}

fn span_of(lanes: &[usize]) -> (usize, usize) {
    match (lanes.first(), lanes.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    }
}

pub(super) fn lane_range(sop: &Sop, step: usize) -> (usize, usize) {
    span_of(&actor_lanes(sop, &sop.steps[step].actors))
}

/// The first and last lane of a symbol of the flow: for a joint step, its main lane
/// only (see [`main_lane`]).
pub(super) fn symbol_lanes(sop: &Sop, k: StepId) -> (usize, usize) {
    match main_lane(sop, k) {
        Some(m) => (m, m),
        None => span_of(&actor_lanes(sop, sop.flow.part(sop, k).actors)),
    }
}

/// The lane of `lanes` nearest to `prev` (the leftmost of two as near).
fn nearest(lanes: &[usize], prev: usize) -> usize {
    lanes
        .iter()
        .copied()
        .min_by_key(|&l| (l.abs_diff(prev), l))
        .unwrap_or(0)
}

/// The lane the arrows of each row's own symbol attach to, row by row: of a step of
/// several actors, the lane nearest to the one of the step before, so that the flow
/// goes straight down where it can.
fn row_lanes(sop: &Sop, upto: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(upto + 1);
    for i in 0..=upto.min(sop.steps.len().saturating_sub(1)) {
        let lanes = actor_lanes(sop, sop.flow.part(sop, sop.flow.own(i)).actors);
        let prev = out.last().copied().or(lanes.first().copied()).unwrap_or(0);
        out.push(nearest(&lanes, prev));
    }
    out
}

/// For a symbol of several actors (a joint step, or alternative performers with
/// `atau`): the lane its arrows attach to, where its main symbol stands; the other
/// actors' lanes get a symbol of their own joined to it (by a line, or a dashed line
/// for alternatives). None for a symbol of one actor.
pub(super) fn main_lane(sop: &Sop, k: StepId) -> Option<usize> {
    let part = sop.flow.part(sop, k);
    let lanes = actor_lanes(sop, part.actors);
    if lanes.len() < 2 {
        return None;
    }
    let node = sop.flow.node(k);
    let mains = row_lanes(sop, node.row);
    let prev = if node.then {
        mains.last().copied()
    } else {
        mains.len().checked_sub(2).map(|r| mains[r])
    };
    Some(nearest(&lanes, prev.unwrap_or(lanes[0])))
}

/// The symbol of a flow symbol, as the flow resolved it (`simbol`, or the defaults).
fn symbol_kind(sop: &Sop, k: StepId) -> SymbolKind {
    match sop.flow.node(k).symbol {
        model::SymbolKind::Decision => SymbolKind::Decision,
        model::SymbolKind::Start | model::SymbolKind::End => SymbolKind::Terminator,
        model::SymbolKind::Process => SymbolKind::Process,
    }
}

/// Size of the text inside a symbol, and the smallest it is set in so that its longest
/// word fits the symbol's inner width (a word is never broken inside a symbol).
const INNER_TEXT: (f64, f64) = (6.0, 4.0);

/// The size for the text `t` inside a symbol of inner width `w`: the normal size, or a
/// smaller one when its longest word would not fit on one line.
fn inner_size(t: &str, w: f64) -> f64 {
    let longest = |size: f64| {
        crate::markup::plain(t)
            .split_whitespace()
            .map(|word| text::width(word, Font::Regular, size))
            .fold(0.0, f64::max)
    };
    let mut size = INNER_TEXT.0;
    while size > INNER_TEXT.1 && longest(size) > w {
        size -= 0.25;
    }
    size
}

/// The width of a symbol of `kind` in lane `lane` holding `t`: the grid's symbol width,
/// or wider so that the longest word of `t` fits in its normal size, up to the lane
/// less one arrow track on each side.
fn width_for(grid: &Grid, kind: SymbolKind, lane: usize, t: &str) -> f64 {
    let base = grid.symbol_width();
    let most = grid.lane(lane).1 - 2.0 * (flow::TRACK_EDGE + flow::TRACK_SYMBOL);
    let longest = crate::markup::plain(t)
        .split_whitespace()
        .map(|word| text::width(word, Font::Regular, INNER_TEXT.0))
        .fold(0.0, f64::max)
        + 0.5;
    // The inverse of `inner_width`.
    let need = match kind {
        SymbolKind::Decision => longest / 0.6,
        SymbolKind::Terminator => longest + 10.0,
        _ => longest + 4.0,
    };
    need.min(most).max(base)
}

/// Width of the text inside a symbol `w` wide: a diamond holds its text in the middle
/// part of its width.
fn inner_width(kind: SymbolKind, w: f64) -> f64 {
    match kind {
        SymbolKind::Decision => (w * 0.6).max(8.0),
        // Clear of a capsule's round ends.
        SymbolKind::Terminator => (w - 10.0).max(8.0),
        _ => (w - 4.0).max(8.0),
    }
}

/// One symbol measured: its kind, the text inside it (`teks`, else the decision's
/// question when `gaya.pertanyaan` is `simbol`) and the height that text needs.
fn symbol_box(sop: &Sop, grid: &Grid, k: StepId) -> SymbolBox {
    let part = sop.flow.part(sop, k);
    let kind = symbol_kind(sop, k);
    let lanes = actor_lanes(sop, part.actors);
    let (a, b) = span_of(&lanes);
    let main = main_lane(sop, k);
    let (a, b) = main.map_or((a, b), |m| (m, m));
    let (joint, alternatives) = match (main, part.alternative) {
        (None, _) => (Vec::new(), Vec::new()),
        (Some(_), false) => (lanes, Vec::new()),
        (Some(_), true) => (Vec::new(), lanes),
    };
    let text = part.text.or_else(|| {
        (sop.style.question == QuestionPlace::Symbol)
            .then(|| part.decision.and_then(|d| d.question.as_ref()))
            .flatten()
    });
    let w = text.map_or(grid.symbol_width(), |t| width_for(grid, kind, a, &t.value));
    let sw = w + grid.lane(b).0 - grid.lane(a).0;
    let inner = text.map(|t| {
        let w = inner_width(kind, sw);
        Block::new(
            &[Para::rich(&t.value)
                .size(inner_size(&t.value, w))
                .align(Align::Center)
                .source(Some(t.span))],
            w,
        )
    });
    let h = match (&inner, kind) {
        (None, _) => symbol_height(kind),
        (Some(b), SymbolKind::Decision) => symbol_height(kind).max(2.0 * b.height + 4.0),
        (Some(b), _) => symbol_height(kind).max(b.height + 4.0),
    };
    SymbolBox {
        kind,
        w,
        h,
        inner,
        lanes: (a, b),
        alternatives,
        joint,
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

/// The quantities of a time such as "19 hari kerja 3 jam": a number and the words
/// after it up to the next number.
fn quantities(s: &str) -> Vec<String> {
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
    quantities
}

/// The parts of the total's cell, each broken between whole quantities: working
/// and calendar time on lines of their own, "1 jam" / "+ 2 hari".
fn total_parts(human: &str) -> Vec<Vec<String>> {
    human
        .split(" + ")
        .enumerate()
        .map(|(k, part)| {
            let mut q = quantities(part);
            if k > 0 {
                if let Some(first) = q.first_mut() {
                    *first = format!("+ {first}");
                }
            }
            q
        })
        .collect()
}

/// The width the column of the times needs so that no quantity of a step's Waktu or
/// of the total breaks over two lines.
pub(super) fn time_width(sop: &Sop, hours_per_day: f64) -> f64 {
    let pad = 2.0 * style::CELL_PAD + 0.5;
    let steps = sop
        .steps
        .iter()
        .filter_map(|s| s.time.as_ref())
        .flat_map(|t| quantities(&t.value.text))
        .map(|q| text::width(&q, Font::Regular, style::BODY));
    let total = totals::main_path(sop, hours_per_day);
    let total = total_parts(&total.human)
        .into_iter()
        .flatten()
        .map(|q| text::width(&q, Font::Bold, style::BODY));
    steps.chain(total).fold(0.0, f64::max) + pad
}

/// A time such as "19 hari 3 jam 35 menit" broken into lines of at most `max` points
/// between its quantities only, never between a number and its unit.
fn whole_quantities(s: &str, font: Font, max: f64) -> String {
    join_quantities(quantities(s), font, max)
}

/// Quantities joined into lines of at most `max` points.
fn join_quantities(quantities: Vec<String>, font: Font, max: f64) -> String {
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

/// The text of a Waktu cell `max` points wide: the quantity (broken between whole
/// quantities only) or text as written, or "-".
fn waktu_paras(step: &Step, max: f64) -> Vec<Para> {
    let (text, span) = if let Some(t) = &step.time {
        let lines = whole_quantities(&t.value.text, Font::Regular, max);
        return vec![Para::body(lines).source(Some(t.span)).align(Align::Center)];
    } else if let Some(t) = &step.time_text {
        (t.value.as_str(), Some(t.span))
    } else if step.time_na {
        ("-", step.time_span)
    } else {
        return Vec::new();
    };
    vec![Para::body(text).source(span).align(Align::Center)]
}

/// Lays out the row of step `i`: its cells, its symbols and its height. `owners[i]` is
/// the first row of the Waktu cell that row `i` is under.
pub(super) fn row_box(sop: &Sop, grid: &Grid, owners: &[usize], i: usize) -> RowBox {
    let cells = row_cells(sop, grid, owners, i);
    let own = symbol_box(sop, grid, sop.flow.own(i));
    let then = sop.flow.then_of(i).map(|k| symbol_box(sop, grid, k));
    let symbol_h = then.as_ref().map_or(own.h, |t| t.h.max(own.h));
    let above = (i == 0 && sop.start_above.is_some()).then_some(own.lanes);
    let below = (i + 1 == sop.steps.len() && sop.end_below.is_some())
        .then(|| then.as_ref().unwrap_or(&own).lanes);
    let extra = EXTRA * (usize::from(above.is_some()) + usize::from(below.is_some())) as f64;
    let content = cells
        .blocks
        .iter()
        .map(|b| b.1.height)
        .chain(cells.waktu_merged.as_ref().map(|b| b.height))
        .fold(0.0, f64::max)
        + 2.0 * style::CELL_PAD;
    let sym = symbol_h + 2.0 * flow::SYMBOL_PAD + extra;
    RowBox {
        blocks: cells.blocks,
        height: content.max(sym),
        waktu_merged: cells.waktu_merged,
        own,
        then,
        above,
        below,
    }
}

/// The text cells of one step's row, laid out.
struct RowCells {
    /// Each cell's column index, text and alignment.
    blocks: Vec<(usize, Block, Align)>,
    /// The text of a Waktu cell merged over several rows (see [`RowBox`]).
    waktu_merged: Option<Block>,
}

impl RowCells {
    /// Adds the cell of column `k` holding `paras`.
    fn push(&mut self, grid: &Grid, k: usize, paras: Vec<Para>, align: Align) {
        self.blocks
            .push((k, cell_block(grid.cols[k], paras), align));
    }
}

/// `paras` laid out in the inner width of the column `col`.
fn cell_block(col: (f64, f64), paras: Vec<Para>) -> Block {
    Block::new(&paras, col.1 - 2.0 * style::CELL_PAD)
}

/// Lays out the text cells of step `i`'s row: No, Kegiatan, the printed Mutu Baku
/// columns and Keterangan.
fn row_cells(sop: &Sop, grid: &Grid, owners: &[usize], i: usize) -> RowCells {
    let step = &sop.steps[i];
    let mut cells = RowCells {
        blocks: Vec::new(),
        waktu_merged: None,
    };
    let number = vec![Para::body(step.number.to_string()).align(Align::Center)];
    cells.push(grid, 0, number, Align::Center);
    cells.push(grid, 1, activity_paras(sop, step), Align::Left);
    if let Some(k) = grid.quality_index(QualityColumn::Requirements) {
        cells.push(grid, k, requirement_paras(step), Align::Left);
    }
    if let Some(k) = grid.quality_index(QualityColumn::Time) {
        let covered = owners[i] != i;
        let merged = covered || step.time_rows > 1;
        // A merged cell's text is drawn over its rows by [`draw_merged_waktu`]; the
        // first row is made tall enough for it.
        let waktu = if covered {
            Vec::new()
        } else {
            waktu_paras(step, grid.cols[k].1 - 2.0 * style::CELL_PAD)
        };
        let waktu_block = cell_block(grid.cols[k], waktu);
        if merged {
            cells.waktu_merged = Some(waktu_block);
        } else {
            cells.blocks.push((k, waktu_block, Align::Center));
        }
    }
    if let Some(k) = grid.quality_index(QualityColumn::Output) {
        let out = step.output.iter().map(rich_para).collect();
        cells.push(grid, k, out, Align::Left);
    }
    let ket = step.note.iter().map(rich_para).collect();
    cells.push(grid, grid.cols.len() - 1, ket, Align::Left);
    cells
}

/// The text of a Kegiatan cell: the activity, then the question of each decision that
/// is not drawn inside its symbol, in bold.
fn activity_paras(sop: &Sop, step: &Step) -> Vec<Para> {
    let mut keg = vec![rich_para(&step.activity)];
    for part in std::iter::once(step.part()).chain(step.then_part()) {
        let inside = sop.style.question == QuestionPlace::Symbol && part.text.is_none();
        if let Some(q) = part.decision.and_then(|d| d.question.as_ref()) {
            if !inside {
                keg.push(Para::bold(&q.value).source(Some(q.span)).space_before(2.0));
            }
        }
    }
    keg
}

/// The text of a Kelengkapan cell: each requirement, marked with a dash when there are
/// several.
fn requirement_paras(step: &Step) -> Vec<Para> {
    let many = step.requirements.len() > 1;
    step.requirements
        .iter()
        .map(|r| {
            let p = rich_para(r);
            if many { p.marker("-") } else { p }
        })
        .collect()
}

/// A paragraph of rich text written in the SOP, pointing at where it is written.
fn rich_para(t: &Spanned<String>) -> Para {
    Para::rich(&t.value).source(Some(t.span))
}

impl SymbolBox {
    /// The place of the symbol in a row `height` tall at `y`: centred in its lanes
    /// (across them, for a step of several actors).
    fn place(&self, grid: &Grid, y: f64, height: f64) -> Shape {
        let sh = self.h;
        let sw = self.w;
        let a = grid.lane(self.lanes.0);
        let b = grid.lane(self.lanes.1);
        let x0 = a.0 + a.1 / 2.0 - sw / 2.0;
        let x1 = b.0 + b.1 / 2.0 + sw / 2.0;
        Shape {
            kind: self.kind,
            rect: Rect::new(x0, y + (height - sh) / 2.0, x1 - x0, sh),
        }
    }

    /// The rects of a symbol in each of `lanes`, level with `shape`.
    fn in_lanes(&self, grid: &Grid, lanes: &[usize], shape: &Shape) -> Vec<Rect> {
        let sw = self.w;
        lanes
            .iter()
            .map(|&l| {
                let (x, w) = grid.lane(l);
                Rect::new(x + w / 2.0 - sw / 2.0, shape.rect.y, sw, shape.rect.h)
            })
            .collect()
    }

    /// For a step of several actors placed at `shape` (joint, or alternatives): the
    /// symbols in its other actors' lanes.
    pub(super) fn twins(&self, grid: &Grid, shape: &Shape) -> Vec<Shape> {
        let others: Vec<usize> = self
            .joint
            .iter()
            .chain(&self.alternatives)
            .copied()
            .filter(|&l| l != self.lanes.0)
            .collect();
        self.in_lanes(grid, &others, shape)
            .into_iter()
            .map(|rect| Shape {
                kind: shape.kind,
                rect,
            })
            .collect()
    }

    /// Draws the symbol at `shape` and the text inside it. Alternative performers get
    /// one symbol in each of their lanes, joined by dashed lines; the actors of a joint
    /// step one each, joined by solid lines.
    fn draw(&self, sink: &mut Sink, grid: &Grid, shape: &Shape, source: Option<Span>) {
        let (rects, stroke) = if !self.alternatives.is_empty() {
            (
                self.in_lanes(grid, &self.alternatives, shape),
                style::ALTERNATIVE_STROKE,
            )
        } else if !self.joint.is_empty() {
            (
                self.in_lanes(grid, &self.joint, shape),
                style::SYMBOL_STROKE,
            )
        } else {
            (vec![shape.rect], style::SYMBOL_STROKE)
        };
        let cy = shape.rect.y + shape.rect.h / 2.0;
        for pair in rects.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            sink.line(Point::new(a.x + a.w, cy), Point::new(b.x, cy), stroke);
        }
        for r in rects {
            sink.push(
                Point::new(r.x, r.y),
                Item::Symbol(Symbol {
                    kind: self.kind,
                    size: Size::new(r.w, r.h),
                    fill: style::SYMBOL_FILL,
                    stroke: style::SYMBOL_STROKE,
                }),
                source,
            );
            if let Some(b) = &self.inner {
                let width = inner_width(self.kind, r.w);
                b.draw(
                    sink,
                    r.x + (r.w - width) / 2.0,
                    r.y + (r.h - b.height) / 2.0,
                );
            }
        }
    }
}

impl RowBox {
    /// Draws the cells of row `i` (of `n`) with their top at `y`, and gives the place
    /// of each of its symbols by key: its own, its `lalu` (`n + i`), and the empty
    /// terminators above (`2n`) and below (`2n + 1`).
    pub(super) fn draw(
        &self,
        sink: &mut Sink,
        grid: &Grid,
        y: f64,
        n: usize,
        i: usize,
    ) -> Vec<(usize, Shape)> {
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
        let top = if self.above.is_some() { EXTRA } else { 0.0 };
        let bottom = if self.below.is_some() { EXTRA } else { 0.0 };
        let (sy, sh) = (y + top, self.height - top - bottom);
        let mut out = vec![(i, self.own.place(grid, sy, sh))];
        out.extend(self.then.as_ref().map(|t| (n + i, t.place(grid, sy, sh))));
        let terminator = |lanes: (usize, usize), ty: f64| {
            let sw = grid.symbol_width();
            let (a, b) = (grid.lane(lanes.0), grid.lane(lanes.1));
            let cx = (a.0 + a.1 / 2.0 + b.0 + b.1 / 2.0) / 2.0;
            Shape {
                kind: SymbolKind::Terminator,
                rect: Rect::new(cx - sw / 2.0, ty, sw, flow::TERMINATOR_H),
            }
        };
        let pad = flow::SYMBOL_PAD / 2.0;
        out.extend(self.above.map(|l| (2 * n, terminator(l, y + pad))));
        out.extend(self.below.map(|l| {
            (
                2 * n + 1,
                terminator(l, y + self.height - pad - flow::TERMINATOR_H),
            )
        }));
        out
    }

    /// The symbols of a joint step in its other actors' lanes, for its own symbol
    /// (`then` false) or its `lalu` placed at `shape`.
    pub(super) fn twins(&self, grid: &Grid, then: bool, shape: &Shape) -> Vec<Shape> {
        let sym = if then {
            self.then.as_ref()
        } else {
            Some(&self.own)
        };
        sym.map(|b| b.twins(grid, shape)).unwrap_or_default()
    }

    /// Draws the own symbol (`then` false) or the `lalu` symbol of the row at `shape`.
    pub(super) fn draw_symbol(
        &self,
        sink: &mut Sink,
        grid: &Grid,
        then: bool,
        shape: &Shape,
        source: Option<Span>,
    ) {
        let sym = if then {
            self.then.as_ref()
        } else {
            Some(&self.own)
        };
        if let Some(b) = sym {
            b.draw(sink, grid, shape, source);
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
        &[Para::bold(
            total_parts(&total.human)
                .into_iter()
                .map(|part| join_quantities(part, Font::Bold, w.1 - 2.0 * pad))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .align(Align::Center)],
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
