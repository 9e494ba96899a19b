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
//!    `sop::layout::no-route` instead of a drawing that cannot be read. The clearance
//!    rules ([`verify::clearance`]) are counted by `sopc bench clearance`.

mod arrows;
mod connectors;
pub mod grid;
mod header;
mod labels;
mod paginate;
pub mod route;
mod rows;
pub mod verify;

use std::collections::BTreeMap;

use arrows::{PageRows, route_page};
use connectors::{Bands, band};
use grid::Grid;
use header::{header, min_lane};
use labels::labels_fit;
use paginate::paginate;
use route::{Shape, tracks_needed};
use rows::{RowBox, lane_range, row_box, total_row};

use super::block::{Block, Para};
use super::document::{Item, Point, Rect, Symbol};
use super::sink::Sink;
use super::style::{self, flow};
use crate::diag::Diagnostic;
use crate::graph::{self, Edge};
use crate::model::{Sop, Workspace};

/// Lays out the flowchart pages of one SOP.
pub fn flowchart(
    sink: &mut Sink,
    ws: &Workspace,
    sop: &Sop,
    hours_per_day: f64,
) -> Result<(), Box<Diagnostic>> {
    let edges: Vec<Edge> = graph::build(sop).edges().to_vec();
    let spans: Vec<(usize, usize)> = (0..sop.steps.len()).map(|i| lane_range(sop, i)).collect();
    let needed = tracks_needed(&edges, &spans, sop.lanes.len());
    let lane_w = Grid::new(sink.body.x, sink.body.w, sop.lanes.len(), min_lane(ws, sop))
        .lane(0)
        .1;
    labels_fit(sop, lane_w)?;
    // When the arrows do not all find free tracks, narrow the symbols and try again.
    let mut result = None;
    for extra in 0..8 {
        let mut trial = Sink::new(sink.size);
        let mut grid = Grid::new(sink.body.x, sink.body.w, sop.lanes.len(), min_lane(ws, sop));
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
        result = Some((trial.pages, bad));
        if (clean && bad.is_none()) || narrowest {
            break;
        }
    }
    let (pages, bad) = result.unwrap_or_default();
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
    let mains = rows::main_lanes(sop);
    let rows: Vec<RowBox> = (0..sop.steps.len())
        .map(|i| row_box(sop, &grid, i, mains[i]))
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
        for &i in page_rows {
            let r = &self.rows[i];
            let drawn = r.draw(sink, grid, y);
            steps.insert(i, drawn.main);
            if !drawn.twins.is_empty() {
                twins.insert(i, drawn.twins);
            }
            row_rects.insert(
                i,
                Rect::new(grid.left(), y, grid.right() - grid.left(), r.height),
            );
            y += r.height;
        }
        if last {
            self.total.draw(sink, grid, y);
            y += self.total.height;
        }
        if bottom_h > 0.0 {
            band(sink, grid, y, bottom_h);
            bands.bottom = Some((y, bottom_h));
        }
        let geometry = PageRows {
            steps: &steps,
            rows: page_rows,
            rects: &row_rects,
            bands: &bands,
            spans: &self.spans,
            twins: &twins,
        };
        let clean = route_page(sink, grid, &geometry, conns, wants);
        draw_symbols(sink, sop, page_rows, &steps, &twins);
        connectors::draw(sink, conns, p);
        clean
    }
}

/// The symbols of the steps on a page, drawn over the arrows.
fn draw_symbols(
    sink: &mut Sink,
    sop: &Sop,
    page_rows: &[usize],
    steps: &BTreeMap<usize, Shape>,
    twins: &BTreeMap<usize, Vec<Shape>>,
) {
    for &i in page_rows {
        let Some(main) = steps.get(&i) else { continue };
        let mut all: Vec<Shape> = vec![*main];
        all.extend(twins.get(&i).into_iter().flatten().copied());
        all.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
        // A step of several actors: its symbols joined by a line through their middles.
        for w in all.windows(2) {
            let y = w[0].rect.y + w[0].rect.h / 2.0;
            sink.line(
                Point::new(w[0].rect.right(), y),
                Point::new(w[1].rect.x, y),
                style::SYMBOL_STROKE,
            );
        }
        for s in &all {
            sink.push(
                Point::new(s.rect.x, s.rect.y),
                Item::Symbol(Symbol {
                    kind: s.kind,
                    size: super::document::Size::new(s.rect.w, s.rect.h),
                    fill: style::SYMBOL_FILL,
                    stroke: style::SYMBOL_STROKE,
                }),
                Some(sop.steps[i].span),
            );
        }
    }
}
