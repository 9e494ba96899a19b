//! The procedure part (*bagian flowchart*): the table No | Kegiatan | lanes | Mutu Baku |
//! Keterangan with one row per step, the step's symbol in its actor's lane, arrows
//! between the symbols, page breaks between rows chosen by measured height, the header
//! repeated on every page, and off-page connectors where an arrow crosses a page break.
//!
//! [`flowchart`] lays the part out in these steps:
//!
//! 1. The columns ([`grid`]): lanes wide enough, where the paper allows, for the
//!    longest word of a lane heading (`header.rs`), with room beside the symbols for
//!    the tracks the arrows need ([`route`]). An exit label wider than a lane is
//!    refused here (`labels.rs`).
//! 2. The header and every step's row are measured (`header.rs`, `rows.rs`), with the
//!    total waktu as the last row.
//! 3. The rows are split into pages (`paginate.rs`); a page an arrow leaves or enters
//!    across a page break gets a band of off-page connectors, which takes room from
//!    its rows, so pagination repeats until the bands stop growing.
//! 4. Every edge of the step graph becomes an arrow on one page, or a pair of
//!    connectors with one label and an arrow on each page (`connectors.rs`).
//! 5. Page by page: the title, the header, the bands and the rows are drawn (a step of
//!    several actors as one symbol in each actor's lane, joined by a line), then the
//!    arrows routed by the router of `arrows.rs`, one method per kind of arrow (row to row,
//!    loop back, jump forward, decision exit, to and from a connector) on the tracks
//!    of [`route`] 2 mm from the rules and from each other, with a line jump where two
//!    cross; the connectors placed in their bands in their steps' lanes; the exit
//!    labels set beside their arrows (`labels.rs`); and the symbols drawn on top.
//! 6. The pages are checked ([`verify`]): no arrow through a symbol or along another,
//!    nothing off the page. When a check fails, or the router had to let two arrows
//!    run together, the layout is tried again with more tracks (so narrower symbols)
//!    and more spare band rows, up to eight times or until the symbols are at their
//!    narrowest. If a check still fails on the last try, the SOP gets
//!    `sop::layout::no-route` instead of a drawing that cannot be read. A page that
//!    passes the checks but has a connector out of its lane ([`verify::clearance`]
//!    rule 7) is tried once more, with a spare band row, and the try with the fewest
//!    such connectors is kept (the first of equals); the clearance breaches left are
//!    warnings (`sop::layout::clearance`) and are counted by `sopc bench clearance`.

mod arrows;
mod connectors;
pub mod grid;
mod header;
mod labels;
mod notes;
pub use notes::step_words;
mod paginate;
pub mod route;
mod rows;
pub mod verify;

use std::collections::BTreeMap;

use arrows::{PageRows, route_page};
use connectors::{Bands, band};
use grid::Grid;
use header::{floors, header};
use labels::labels_fit;
use paginate::paginate;
use route::{Shape, tracks_needed};
use rows::{RowBox, draw_merged_waktu, lane_range, row_box, time_width, total_row};

use super::block::{Block, Para};
use super::document::Rect;
use super::sink::Sink;
use super::style::flow;
use crate::diag::Diagnostic;
use crate::graph::{EdgeKind, StepId};
use crate::model::{Sop, Workspace};

/// An arrow between two symbols, as the layout places it. A symbol is named by its
/// key: its row index for a step's own symbol, the number of rows plus its row index
/// for a `lalu` symbol ([`key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// Key of the symbol the arrow leaves.
    pub from: usize,
    /// Key of the symbol the arrow enters.
    pub to: usize,
    /// Row of the symbol the arrow leaves.
    pub from_row: usize,
    /// Row of the symbol the arrow enters.
    pub to_row: usize,
    /// First and last lane of the symbol the arrow enters.
    pub to_lanes: (usize, usize),
    /// The symbol the arrow leaves, in the flow.
    pub source: StepId,
    /// Why.
    pub kind: EdgeKind,
    /// Carries the exit label of a decision (an arrow of the flow).
    pub labelled: bool,
    /// An information arrow (`informasi`): dotted.
    pub dotted: bool,
}

/// The layout's key of a symbol of the flow: its row, or for a `lalu` symbol the number
/// of rows plus its row.
pub fn key(sop: &Sop, k: StepId) -> usize {
    let node = sop.flow.node(k);
    if node.then {
        sop.steps.len() + node.row
    } else {
        node.row
    }
}

/// The key of the empty start terminator of `mulai: atas`, above the first step.
fn top_key(sop: &Sop) -> usize {
    2 * sop.steps.len()
}

/// The key of the empty end terminator of `selesai: bawah`, below the last step.
fn bottom_key(sop: &Sop) -> usize {
    2 * sop.steps.len() + 1
}

/// The arrows of the flow, each once, then the dotted information arrows, then the
/// arrows from the empty start terminator and into the empty end terminator.
fn layout_edges(sop: &Sop) -> Vec<Edge> {
    let flow = &sop.flow;
    let mut out: Vec<Edge> = Vec::new();
    let push = |e: &crate::graph::Edge, dotted: bool, out: &mut Vec<Edge>| {
        let (from, to) = (key(sop, e.from), key(sop, e.to));
        if !out
            .iter()
            .any(|x| x.from == from && x.to == to && x.dotted == dotted)
        {
            out.push(Edge {
                from,
                to,
                from_row: flow.node(e.from).row,
                to_row: flow.node(e.to).row,
                to_lanes: rows::symbol_lanes(sop, e.to),
                source: e.from,
                kind: e.kind,
                labelled: !dotted,
                dotted,
            });
        }
    };
    for e in flow.edges() {
        push(e, false, &mut out);
    }
    for e in flow.info() {
        push(e, true, &mut out);
    }
    if flow.is_empty() {
        return out;
    }
    let first = StepId::at(0);
    let last = StepId::at(flow.len() - 1);
    let plain = |from, to, from_row, to_row, to_lanes, source| Edge {
        from,
        to,
        from_row,
        to_row,
        to_lanes,
        source,
        kind: EdgeKind::Next,
        labelled: false,
        dotted: false,
    };
    if sop.start_above.is_some() {
        out.push(plain(
            top_key(sop),
            key(sop, first),
            0,
            0,
            rows::symbol_lanes(sop, first),
            first,
        ));
    }
    if sop.end_below.is_some() {
        let row = flow.node(last).row;
        out.push(plain(
            key(sop, last),
            bottom_key(sop),
            row,
            row,
            rows::symbol_lanes(sop, last),
            last,
        ));
    }
    out
}

/// The clearance rules ([`verify::clearance`]) that the laid-out `pages` of `sop` break,
/// as warnings for the SOP's author: one per rule and step, at the step, naming the page
/// and the place on it (from the top left corner, in millimetres) and what to change.
/// A page that breaks one can be printed, but an arrow or a label on it may be hard to
/// read at a glance.
pub fn clearance_warnings(sop: &Sop, pages: &[super::document::Page]) -> Vec<Diagnostic> {
    let mut groups: Vec<(
        verify::Rule,
        Option<crate::source::Span>,
        Vec<verify::Breach>,
    )> = Vec::new();
    for b in verify::clearance(pages) {
        match groups
            .iter_mut()
            .find(|(r, s, _)| *r == b.rule && *s == b.source)
        {
            Some(g) => g.2.push(b),
            None => groups.push((b.rule, b.source, vec![b])),
        }
    }
    groups
        .into_iter()
        .map(|(rule, source, breaches)| {
            let first = &breaches[0];
            let mm = |v: f64| v / super::style::MM;
            let step = source.and_then(|s| {
                sop.steps
                    .iter()
                    .find(|st| st.span == s || st.activity.span == s)
            });
            let at = |b: &verify::Breach| {
                format!(
                    "page {}, {:.0} mm from the left and {:.0} mm from the top",
                    b.page + 1,
                    mm(b.at.x),
                    mm(b.at.y)
                )
            };
            let near = step.map_or(String::new(), |s| format!(" near step {}", s.number));
            let mut message = format!(
                "flowchart{near}: {} (layout rule {}): {}",
                rule.name(),
                rule.number(),
                first.what
            );
            if breaches.len() > 1 {
                message.push_str(&format!(", and {} more like it", breaches.len() - 1));
            }
            let help = match rule {
                verify::Rule::Label => {
                    "give the labels room: shorter exit labels (`label: [Ya, Tidak]`), fewer lanes, or wider paper (`kertas: f4` or `legal`)"
                }
                verify::Rule::NearRule
                | verify::Rule::NearArrow
                | verify::Rule::NearSymbol
                | verify::Rule::Connector => {
                    "the arrows are crowded here: use fewer lanes, wider paper (`kertas: f4` or `legal`), or fewer jumps around this step"
                }
                _ => "the layout should never do this: please report it with this SOP file",
            };
            Diagnostic::warning(
                "sop::layout::clearance",
                message,
                source.unwrap_or(sop.span),
            )
            .label(at(first))
            .help(help)
        })
        .collect()
}

/// Lays out the flowchart pages of one SOP.
pub fn flowchart(
    sink: &mut Sink,
    ws: &Workspace,
    sop: &Sop,
    hours_per_day: f64,
) -> Result<(), Box<Diagnostic>> {
    let edges: Vec<Edge> = layout_edges(sop);
    let spans: Vec<(usize, usize)> = (0..sop.steps.len()).map(|i| lane_range(sop, i)).collect();
    let needed = tracks_needed(&edges, &spans, sop.lanes.len());
    let columns = &sop.style.columns;
    let floors = floors(ws, sop, time_width(sop, hours_per_day));
    let lane_w = Grid::new(sink.body.x, sink.body.w, sop.lanes.len(), &floors, columns)
        .lane(0)
        .1;
    labels_fit(sop, lane_w)?;
    // When the arrows do not all find free tracks, narrow the symbols and try again.
    let mut result = None;
    for extra in 0..8 {
        let mut trial = Sink::new(sink.size);
        // The body of the caller: less a TTE footer, or below the identity section.
        trial.body = sink.body;
        let mut grid = Grid::new(sink.body.x, sink.body.w, sop.lanes.len(), &floors, columns);
        grid.reserve_tracks(needed + 2 * extra);
        let clean = attempt(
            &mut trial,
            ws,
            sop,
            hours_per_day,
            grid.clone(),
            &edges,
            extra.min(2),
        )?;
        let narrowest = grid.symbol_width() <= flow::SYMBOL_MIN_W + 0.5;
        let crossed = verify::crossing(&trial.pages).map(|s| (s, "cross a symbol"));
        let bad = crossed
            .or_else(|| verify::overlap(&trial.pages).map(|s| (s, "run along another arrow")))
            .or_else(|| {
                verify::outside(&trial.pages).map(|(connector, s)| {
                    let what = if connector {
                        "end in an off-page connector with no free place"
                    } else {
                        "run past the edge of the page"
                    };
                    (s, what)
                })
            });
        // A try that the checks refuse, or that let two arrows run together, is worse
        // than any that passes them; among those that pass, fewer connectors out of
        // their lanes win, and the first of equals (widest symbols, fewest band rows).
        // Spare band rows give a connector room in its own lane (rule 7); more tracks
        // seldom clear the other clearance rules, and each try costs a whole layout.
        let (breaches, fixable) = if bad.is_none() {
            let n = verify::connector_breaches(&trial.pages);
            (n, n > 0)
        } else {
            (usize::MAX, true)
        };
        let score = (bad.is_some(), !clean, breaches);
        // Past the narrowest symbols, a try differs only by its spare band rows (up to
        // two); a page that can be printed (clean, but with a connector out of its
        // lane) is tried once more.
        let done = (clean && !fixable)
            || (narrowest && extra >= 2)
            || (clean && bad.is_none() && extra >= 1);
        if result.as_ref().is_none_or(|(best, _, _)| score < *best) {
            result = Some((score, trial.pages, bad));
        }
        if done {
            break;
        }
    }
    let (_, pages, bad) = result.unwrap_or_default();
    if let Some((source, what)) = bad {
        let step = source.and_then(|span| sop.steps.iter().find(|s| s.span == span));
        return Err(Box::new(
            Diagnostic::error(
                "sop::layout::no-route",
                match step {
                    Some(s) => format!("an arrow near step {} would {what}", s.number),
                    None => format!("an arrow would {what}"),
                },
                step.map_or(sop.span, |s| s.activity.span),
            )
            .label("no free track for the arrows here")
            .help("the lanes are too narrow for the arrows here: use fewer lanes, wider paper (`kertas: f4` or `legal`), or fewer jumps around this step"),
        ));
    }
    sink.pages.extend(pages);
    Ok(())
}

/// One layout of the flowchart with a given grid; `Ok(false)` when some arrow could not
/// be routed without running along another.
fn attempt(
    sink: &mut Sink,
    ws: &Workspace,
    sop: &Sop,
    hours_per_day: f64,
    grid: Grid,
    edges: &[Edge],
    spare_rows: usize,
) -> Result<bool, Box<Diagnostic>> {
    let body = sink.body;
    let mut clean = true;
    let head = header(ws, sop, &grid);
    let owners = sop.waktu_owners();
    let rows: Vec<RowBox> = (0..sop.steps.len())
        .map(|i| row_box(sop, &grid, &owners, i))
        .collect();
    let notes: Vec<notes::RowNote> = (0..sop.steps.len())
        .map(|i| notes::row_note(ws, sop, i))
        .collect();
    let title = Block::new(
        &[Para::bold(format!("FLOWCHART {}", sop.title().to_uppercase())).size(9.0)],
        body.w,
    );
    let title_h = title.height + 4.0;
    let total = total_row(sop, &grid, hours_per_day);
    let base = body.h - title_h - head.h1 - head.h2;

    let paged = paginate(sop, &grid, &rows, total.height, base, edges, spare_rows)?;
    let (mut conns, mut wants) = connectors::plan(sop, &grid, &rows, &paged.pages, edges);
    let parts = Parts {
        sop,
        grid: &grid,
        rows: &rows,
        notes: &notes,
        owners: &owners,
        title_h,
        spans: sop.steps.iter().map(|s| s.span).collect(),
        head: &head,
        total: &total,
    };
    for (p, page_rows) in paged.pages.iter().enumerate() {
        let page_wants = wants.remove(&p).unwrap_or_default();
        let last = p + 1 == paged.pages.len();
        let bands = (paged.top_h[p], paged.bottom_h[p]);
        clean &= parts.draw_page(sink, p, page_rows, last, bands, &mut conns, &page_wants);
    }
    Ok(clean)
}

/// What every page of the flowchart is drawn from.
struct Parts<'a> {
    sop: &'a Sop,
    grid: &'a Grid,
    rows: &'a [RowBox],
    /// For each row, what it says in words to a reader who cannot see it.
    notes: &'a [notes::RowNote],
    /// For each row, the row whose Waktu cell covers it (merged cells).
    owners: &'a [usize],
    title_h: f64,
    spans: Vec<crate::source::Span>,
    head: &'a header::Header,
    total: &'a rows::Total,
}

impl Parts<'_> {
    /// Draws page `p`: the title, the header, the bands and the rows, then routes the
    /// arrows and places the connectors, and draws the symbols on top. False when
    /// some arrow could only be routed along another.
    #[allow(clippy::too_many_arguments)]
    fn draw_page(
        &self,
        sink: &mut Sink,
        p: usize,
        page_rows: &[usize],
        last: bool,
        (top_h, bottom_h): (f64, f64),
        conns: &mut [connectors::Conn],
        wants: &[arrows::Want],
    ) -> bool {
        let (sop, grid) = (self.sop, self.grid);
        sink.new_page();
        let body = sink.body;
        let mut y = body.y;
        let title_text = if p == 0 {
            format!("FLOWCHART {}", sop.title().to_uppercase())
        } else {
            format!("FLOWCHART {} (LANJUTAN)", sop.title().to_uppercase())
        };
        Block::new(&[Para::bold(title_text).size(9.0)], body.w).draw(sink, body.x, y);
        y += self.title_h;
        self.head.draw(sink, y);
        y += self.head.h1 + self.head.h2;
        let mut bands = Bands {
            top: None,
            bottom: None,
        };
        if top_h > 0.0 {
            band(sink, grid, y, top_h);
            bands.top = Some((y, top_h));
            y += top_h;
        }
        let mut steps: BTreeMap<usize, Shape> = BTreeMap::new();
        let mut twins: BTreeMap<usize, Vec<Shape>> = BTreeMap::new();
        let mut row_rects: BTreeMap<usize, Rect> = BTreeMap::new();
        let n = sop.steps.len();
        for &i in page_rows {
            let r = &self.rows[i];
            self.note(sink, i, y, r.height);
            for (k, shape) in r.draw(sink, grid, y, n, i) {
                if k < 2 * n {
                    let t = r.twins(grid, k >= n, &shape);
                    if !t.is_empty() {
                        twins.insert(k, t);
                    }
                }
                steps.insert(k, shape);
            }
            row_rects.insert(
                i,
                Rect::new(grid.left(), y, grid.right() - grid.left(), r.height),
            );
            y += r.height;
        }
        draw_merged_waktu(sink, grid, self.rows, self.owners, &row_rects);
        if last {
            self.total.draw(sink, grid, y);
            y += self.total.height;
        }
        if bottom_h > 0.0 {
            band(sink, grid, y, bottom_h);
            bands.bottom = Some((y, bottom_h));
        }
        let geometry = PageRows {
            n,
            steps: &steps,
            rows: page_rows,
            rects: &row_rects,
            bands: &bands,
            spans: &self.spans,
            twins: &twins,
        };
        let clean = route_page(sink, grid, &geometry, conns, wants);
        draw_symbols(sink, sop, grid, &steps, self.rows);
        connectors::draw(sink, conns, p);
        clean
    }

    /// The words of row `i` (top `y`, height `h`): who does it, at the row's top left
    /// corner, read before its cells; where its exits lead, at its top right corner,
    /// read after them.
    fn note(&self, sink: &mut Sink, i: usize, y: f64, h: f64) {
        use super::document::{Item, Note, Point, Size};
        let (grid, note) = (self.grid, &self.notes[i]);
        let span = Some(self.spans[i]);
        let width = grid.right() - grid.left();
        if !note.who.is_empty() {
            let words = Note {
                size: Size::new(width, h),
                text: note.who.clone(),
            };
            sink.push(Point::new(grid.left(), y), Item::Note(words), span);
        }
        if let Some(exits) = &note.exits {
            let words = Note {
                size: Size::new(0.0, h),
                text: exits.clone(),
            };
            sink.push(Point::new(grid.right(), y), Item::Note(words), span);
        }
    }
}

/// The symbols of the steps on a page, drawn over the arrows, with the text inside them.
fn draw_symbols(
    sink: &mut Sink,
    sop: &Sop,
    grid: &Grid,
    steps: &BTreeMap<usize, Shape>,
    rows: &[RowBox],
) {
    let n = sop.steps.len();
    for (&k, shape) in steps {
        if k >= 2 * n {
            // The empty terminator of `mulai: atas` or `selesai: bawah`.
            let span = if k == 2 * n {
                sop.start_above
            } else {
                sop.end_below
            };
            sink.push(
                super::document::Point::new(shape.rect.x, shape.rect.y),
                super::document::Item::Symbol(super::document::Symbol {
                    kind: shape.kind,
                    size: super::document::Size::new(shape.rect.w, shape.rect.h),
                    fill: super::style::SYMBOL_FILL,
                    stroke: super::style::SYMBOL_STROKE,
                }),
                span,
            );
            continue;
        }
        let (row, then) = if k >= n { (k - n, true) } else { (k, false) };
        if let Some(r) = rows.get(row) {
            let span = if then {
                sop.steps[row].then.as_ref().map(|t| t.span)
            } else {
                Some(sop.steps[row].span)
            };
            r.draw_symbol(sink, grid, then, shape, span);
        }
    }
}
