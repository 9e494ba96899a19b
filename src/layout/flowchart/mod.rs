//! The procedure part (*bagian flowchart*): the table No | Kegiatan | lanes | Mutu Baku |
//! Keterangan with one row per step, the step's symbol in its actor's lane, arrows
//! between the symbols, page breaks between rows chosen by measured height, the header
//! repeated on every page, and off-page connectors where an arrow crosses a page break.

pub mod grid;
pub mod route;
pub mod verify;

use std::collections::{BTreeMap, BTreeSet};

use grid::Grid;
use route::{Obstacles, Segment, Shape, Side};

use super::block::{Align, Block, Para};
use super::document::{Arrow, Font, Item, Point, Rect, Symbol, SymbolKind};
use super::sink::{Sink, TextLine};
use super::style::{self, flow};
use crate::diag::Diagnostic;
use crate::graph::{self, Edge, EdgeKind};
use crate::model::{Sop, Workspace, waktu};

/// Cells of one step's row, laid out.
struct RowBox {
    blocks: Vec<(usize, Block, Align)>,
    height: f64,
    kind: SymbolKind,
    lanes: (usize, usize),
}

/// The end of an arrow on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    Step(usize),
    Conn(usize),
}

/// An arrow to draw on one page.
#[derive(Debug, Clone)]
struct Want {
    from: End,
    to: End,
    /// The exit label (decisions only, at the step end).
    label: Option<String>,
    /// The arrow that enters its target from above (the flow to the next row).
    natural: bool,
    /// For an arrow into a connector: the x of the step the connector stands for.
    toward: Option<f64>,
}

/// An off-page connector.
#[derive(Debug, Clone)]
struct Conn {
    label: String,
    page: usize,
    top: bool,
    shape: Shape,
}

fn lane_range(sop: &Sop, step: usize) -> (usize, usize) {
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

/// Connector labels: A, B, ..., Z, AA, AB, ...
fn connector_label(n: usize) -> String {
    let mut n = n + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

struct Header {
    h1: f64,
    h2: f64,
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
fn min_lane(ws: &Workspace, sop: &Sop) -> f64 {
    let longest = lane_names(ws, sop)
        .iter()
        .flat_map(|n| n.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .map(|w| super::text::width(&w, Font::Bold, style::LANE_HEADING))
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
                .all(|w| super::text::width(w, Font::Bold, size) <= room)
        });
        if fits {
            break;
        }
        size -= 0.25;
    }
    size
}

fn header(ws: &Workspace, sop: &Sop, grid: &Grid) -> Header {
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

fn row_box(sop: &Sop, grid: &Grid, i: usize) -> RowBox {
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
    let content = blocks.iter().map(|b| b.1.height).fold(0.0, f64::max) + 2.0 * pad;
    let sym = symbol_height(kind) + 2.0 * flow::SYMBOL_PAD;
    RowBox {
        blocks,
        height: content.max(sym),
        kind,
        lanes: lane_range(sop, i),
    }
}

/// Step `i` (a row `height` pt tall) does not fit in the `room` a page has for it.
fn too_tall(sop: &Sop, i: usize, height: f64, room: f64) -> Box<Diagnostic> {
    let step = &sop.steps[i];
    Box::new(
        Diagnostic::error(
            "sop::layout::too-tall",
            format!("step {} does not fit on one page", step.number),
            step.activity.span,
        )
        .label(format!(
            "needs {height:.0} pt, a page has room for {:.0} pt",
            room.max(0.0)
        ))
        .help("shorten the kegiatan, kelengkapan or keterangan, or split the step in two"),
    )
}

/// An exit label is placed inside one lane, on one line: one wider than a lane cannot
/// be drawn without crossing a table rule or leaving the page.
fn labels_fit(sop: &Sop, lane_w: f64) -> Result<(), Box<Diagnostic>> {
    let room = lane_w - 1.0;
    for step in &sop.steps {
        for l in step.decision.iter().flat_map(|d| d.labels.iter()) {
            let w = super::text::width(&l.value, Font::Regular, style::LABEL);
            if w > room {
                return Err(Box::new(
                    Diagnostic::error(
                        "sop::layout::label-too-wide",
                        format!(
                            "exit label `{}` of step {} is wider than a lane",
                            l.value, step.number
                        ),
                        l.span,
                    )
                    .label(format!("{w:.0} pt, a lane has {room:.0} pt"))
                    .help("write a short label, such as `Lengkap` or `Tidak`; the question goes in `pertanyaan`"),
                ));
            }
        }
    }
    Ok(())
}

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
    let rows: Vec<RowBox> = (0..sop.steps.len())
        .map(|i| row_box(sop, &grid, i))
        .collect();
    let title = Block::new(
        &[Para::bold(format!("FLOWCHART {}", sop.title().to_uppercase())).size(9.0)],
        body.w,
    );
    let title_h = title.height + 4.0;
    let total = total_row(sop, &grid, hours_per_day);
    let base = body.h - title_h - head.h1 - head.h2;

    // Paginate; bands for connectors change the room on a page, so repeat until the set
    // of pages that need bands no longer grows.
    let per_row = slots_per_row(&grid);
    let band_h = |count: usize| {
        let rows = if count == 0 {
            0
        } else {
            // With few lanes a connector may not find room on the side its arrow
            // comes from: keep a spare row (more when a first try was crowded).
            let spare = usize::from(per_row < 3) + spare_rows;
            (count.div_ceil(per_row) + spare).min(count)
        };
        rows as f64 * flow::BAND
    };
    let mut top: BTreeMap<usize, usize> = BTreeMap::new();
    let mut bottom: BTreeMap<usize, usize> = BTreeMap::new();
    let mut pages: Vec<Vec<usize>>;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let cap = |p: usize, top: &BTreeMap<usize, usize>, bottom: &BTreeMap<usize, usize>| {
            base - band_h(top.get(&p).copied().unwrap_or(0))
                - band_h(bottom.get(&p).copied().unwrap_or(0))
        };
        pages = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        let mut used = 0.0;
        for (i, r) in rows.iter().enumerate() {
            let fresh = base - 2.0 * flow::BAND;
            if r.height > fresh {
                return Err(too_tall(sop, i, r.height, fresh));
            }
            if !cur.is_empty() && used + r.height > cap(pages.len(), &top, &bottom) {
                pages.push(std::mem::take(&mut cur));
                used = 0.0;
            }
            cur.push(i);
            used += r.height;
        }
        if used + total.height > cap(pages.len(), &top, &bottom) && cur.len() > 1 {
            let last = cur.pop();
            pages.push(std::mem::take(&mut cur));
            cur.extend(last);
        }
        pages.push(cur);
        let page_of = page_index(&pages, rows.len());
        let mut new_top: BTreeMap<usize, usize> = BTreeMap::new();
        let mut new_bottom: BTreeMap<usize, usize> = BTreeMap::new();
        let mut seen_top = BTreeSet::new();
        for e in edges {
            let (pf, pt) = (page_of[e.from], page_of[e.to]);
            if pf != pt {
                *new_bottom.entry(pf).or_default() += 1;
                if seen_top.insert(e.to) {
                    *new_top.entry(pt).or_default() += 1;
                }
            }
        }
        // Only ever grow the bands, so the loop ends.
        for (p, n) in &top {
            let e = new_top.entry(*p).or_default();
            *e = (*e).max(*n);
        }
        for (p, n) in &bottom {
            let e = new_bottom.entry(*p).or_default();
            *e = (*e).max(*n);
        }
        if (new_top == top && new_bottom == bottom) || rounds > 12 {
            break;
        }
        top = new_top;
        bottom = new_bottom;
    }
    // A row starts a page even when it is taller than the room its page's connector
    // bands leave; such a page would run off the paper.
    let room = |p: usize| {
        base - band_h(top.get(&p).copied().unwrap_or(0))
            - band_h(bottom.get(&p).copied().unwrap_or(0))
    };
    for (p, page_rows) in pages.iter().enumerate() {
        let last = p + 1 == pages.len();
        let used: f64 = page_rows.iter().map(|&i| rows[i].height).sum::<f64>()
            + if last { total.height } else { 0.0 };
        if used > room(p) + 1e-6 {
            let tallest = page_rows
                .iter()
                .copied()
                .max_by(|&a, &b| rows[a].height.total_cmp(&rows[b].height));
            if let Some(i) = tallest {
                let others = used - rows[i].height;
                return Err(too_tall(sop, i, rows[i].height, room(p) - others));
            }
        }
    }
    let page_of = page_index(&pages, rows.len());

    // Connectors: one pair per arrow that crosses a page break. Their places in the
    // bands are chosen while routing each page.
    let mut conns: Vec<Conn> = Vec::new();
    let mut labels: BTreeMap<usize, String> = BTreeMap::new();
    let mut wants: BTreeMap<usize, Vec<Want>> = BTreeMap::new();
    let label_of = |e: &Edge| -> Option<String> {
        sop.steps[e.from].decision.as_ref().map(|d| match e.kind {
            EdgeKind::No => d.labels[1].value.clone(),
            _ => d.labels[0].value.clone(),
        })
    };
    for e in edges {
        let natural = e.to == e.from + 1;
        let (pf, pt) = (page_of[e.from], page_of[e.to]);
        if pf == pt {
            wants.entry(pf).or_default().push(Want {
                from: End::Step(e.from),
                to: End::Step(e.to),
                label: label_of(e),
                natural,
                toward: None,
            });
            continue;
        }
        // All arrows that continue at step `e.to` share one label: one connector at the
        // top of its page, and one at the bottom of each page they leave.
        let label = match labels.get(&e.to) {
            Some(l) => l.clone(),
            None => {
                let l = connector_label(labels.len());
                labels.insert(e.to, l.clone());
                l
            }
        };
        let target_x = {
            let (a, b) = rows[e.to].lanes;
            (grid.lane(a).0 + grid.lane(b).0 + grid.lane(b).1) / 2.0
        };
        let conn = |page: usize, top: bool, conns: &mut Vec<Conn>| -> (usize, bool) {
            match conns
                .iter()
                .position(|c| c.page == page && c.top == top && c.label == label)
            {
                Some(k) => (k, false),
                None => {
                    conns.push(Conn {
                        label: label.clone(),
                        page,
                        top,
                        shape: Shape {
                            kind: SymbolKind::OffPageConnector,
                            rect: Rect::new(0.0, 0.0, flow::CONNECTOR, flow::CONNECTOR),
                        },
                    });
                    (conns.len() - 1, true)
                }
            }
        };
        // Each arrow leaving a page ends in its own connector; all arrows into one step
        // arrive through the one connector on the step's page.
        conns.push(Conn {
            label: label.clone(),
            page: pf,
            top: false,
            shape: Shape {
                kind: SymbolKind::OffPageConnector,
                rect: Rect::new(0.0, 0.0, flow::CONNECTOR, flow::CONNECTOR),
            },
        });
        let cb = conns.len() - 1;
        let (ct, new_top) = conn(pt, true, &mut conns);
        wants.entry(pf).or_default().push(Want {
            from: End::Step(e.from),
            to: End::Conn(cb),
            label: label_of(e),
            natural: natural || pages[pf].last() == Some(&e.from),
            toward: Some(target_x),
        });
        if new_top {
            wants.entry(pt).or_default().push(Want {
                from: End::Conn(ct),
                to: End::Step(e.to),
                label: None,
                natural: true,
                toward: None,
            });
        }
    }

    // Draw page by page.
    let n_pages = pages.len();
    for (p, page_rows) in pages.iter().enumerate() {
        sink.new_page();
        let mut y = body.y;
        let title_text = if p == 0 {
            format!("FLOWCHART {}", sop.title().to_uppercase())
        } else {
            format!("FLOWCHART {} (LANJUTAN)", sop.title().to_uppercase())
        };
        Block::new(&[Para::bold(title_text).size(9.0)], body.w).draw(sink, body.x, y);
        y += title_h;
        for (r, ruled) in &head.cells {
            sink.frame(
                Rect::new(r.x, y + r.y, r.w, r.h),
                Some(style::HEADER_FILL),
                ruled.then_some(style::RULE),
            );
        }
        for (r, b) in &head.blocks {
            b.draw(
                sink,
                r.x + style::CELL_PAD,
                y + r.y + (r.h - b.height) / 2.0,
            );
        }
        y += head.h1 + head.h2;
        let top_h = band_h(top.get(&p).copied().unwrap_or(0));
        let mut bands = Bands {
            top: None,
            bottom: None,
        };
        if top_h > 0.0 {
            band(sink, &grid, y, top_h);
            bands.top = Some((y, top_h));
            y += top_h;
        }
        let mut steps: BTreeMap<usize, Shape> = BTreeMap::new();
        let mut row_rects: BTreeMap<usize, Rect> = BTreeMap::new();
        for &i in page_rows {
            let r = &rows[i];
            for (cx, cw) in &grid.cols {
                sink.frame(Rect::new(*cx, y, *cw, r.height), None, Some(style::RULE));
            }
            for (col, b, _) in &r.blocks {
                let (cx, _) = grid.cols[*col];
                b.draw(sink, cx + style::CELL_PAD, y + style::CELL_PAD);
            }
            let sh = symbol_height(r.kind);
            let sw = grid.symbol_width();
            let a = grid.lane(r.lanes.0);
            let b = grid.lane(r.lanes.1);
            let x0 = a.0 + a.1 / 2.0 - sw / 2.0;
            let x1 = b.0 + b.1 / 2.0 + sw / 2.0;
            let rect = Rect::new(x0, y + (r.height - sh) / 2.0, x1 - x0, sh);
            steps.insert(i, Shape { kind: r.kind, rect });
            row_rects.insert(
                i,
                Rect::new(grid.left(), y, grid.right() - grid.left(), r.height),
            );
            y += r.height;
        }
        if p + 1 == n_pages {
            total.draw(sink, &grid, y);
            y += total.height;
        }
        let bottom_h = band_h(bottom.get(&p).copied().unwrap_or(0));
        if bottom_h > 0.0 {
            band(sink, &grid, y, bottom_h);
            bands.bottom = Some((y, bottom_h));
        }
        let page_wants = wants.remove(&p).unwrap_or_default();
        let geometry = PageRows {
            steps: &steps,
            rows: page_rows,
            rects: &row_rects,
            bands: &bands,
        };
        clean &= route_page(sink, &grid, &geometry, &mut conns, &page_wants);
        for &i in page_rows {
            if let Some(s) = steps.get(&i) {
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
        for c in conns.iter().filter(|c| c.page == p) {
            let r = c.shape.rect;
            sink.push(
                Point::new(r.x, r.y),
                Item::Symbol(Symbol {
                    kind: SymbolKind::OffPageConnector,
                    size: super::document::Size::new(r.w, r.h),
                    fill: style::SYMBOL_FILL,
                    stroke: style::SYMBOL_STROKE,
                }),
                None,
            );
            let size = style::LABEL + 0.5;
            let w = super::text::width(&c.label, Font::Bold, size);
            let lh = super::text::line_height(Font::Bold, size);
            sink.text(
                r.x + (r.w - w) / 2.0,
                r.y + r.h * 0.38 - lh / 2.0,
                TextLine::new(c.label.clone(), Font::Bold, size),
                None,
            );
        }
    }
    Ok(clean)
}

/// The rows laid out on one page, for routing.
struct PageRows<'a> {
    /// Symbol of each step on the page.
    steps: &'a BTreeMap<usize, Shape>,
    /// The steps on the page, in order.
    rows: &'a [usize],
    /// Each step's row, across the table.
    rects: &'a BTreeMap<usize, Rect>,
    /// The connector bands.
    bands: &'a Bands,
}

/// The connector bands of one page: (top y, height).
struct Bands {
    top: Option<(f64, f64)>,
    bottom: Option<(f64, f64)>,
}

/// How many tracks each side of a symbol needs: for every row, the arrows that run
/// beside the symbols past it, shared among the lane sides its symbol leaves free (a
/// step of several actors covers the sides between its lanes).
fn tracks_needed(edges: &[Edge], spans: &[(usize, usize)], lanes: usize) -> usize {
    let n = spans.len();
    let mut load = vec![0usize; n];
    for e in edges.iter().filter(|e| e.to != e.from + 1) {
        let (a, b) = (e.from.min(e.to), e.from.max(e.to));
        for slot in load.iter_mut().take(b.min(n.saturating_sub(1)) + 1).skip(a) {
            *slot += 1;
        }
    }
    let lanes = lanes.max(1);
    let mut most = 0;
    for (r, l) in load.iter().enumerate() {
        let (a, b) = spans.get(r).copied().unwrap_or((0, 0));
        let free_sides = (2 * lanes).saturating_sub(2 * b.saturating_sub(a)).max(2);
        most = most.max(l.div_ceil(free_sides));
    }
    most + 2
}

fn page_index(pages: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut page_of = vec![0; n];
    for (p, rows) in pages.iter().enumerate() {
        for &i in rows {
            page_of[i] = p;
        }
    }
    page_of
}

/// A row of empty cells across the table, holding connectors.
fn band(sink: &mut Sink, grid: &Grid, y: f64, h: f64) {
    let (l0, l1) = grid.lanes_span();
    sink.frame(
        Rect::new(grid.left(), y, l0 - grid.left(), h),
        None,
        Some(style::RULE),
    );
    for k in 0..grid.lanes {
        let (x, w) = grid.lane(k);
        sink.frame(Rect::new(x, y, w, h), None, Some(style::RULE));
    }
    sink.frame(
        Rect::new(l1, y, grid.right() - l1, h),
        None,
        Some(style::RULE),
    );
}

/// How many connectors a band row holds: one per lane, so each can stand beside the
/// symbols of its lane whichever side its arrow comes from.
fn slots_per_row(grid: &Grid) -> usize {
    grid.lanes.max(1)
}

/// The last row: the total waktu along the main path.
struct Total {
    height: f64,
    label: Block,
    value: Block,
    note: Block,
}

fn total_row(sop: &Sop, grid: &Grid, hours_per_day: f64) -> Total {
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
    fn draw(&self, sink: &mut Sink, grid: &Grid, y: f64) {
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

/// Routes and draws the arrows of one page and places its connectors, then the exit
/// labels of decisions.
fn route_page(
    sink: &mut Sink,
    grid: &Grid,
    page: &PageRows<'_>,
    conns: &mut [Conn],
    wants: &[Want],
) -> bool {
    let PageRows {
        steps,
        rows: page_rows,
        rects: row_rects,
        bands,
    } = page;
    let (steps, page_rows, row_rects, bands) = (*steps, *page_rows, *row_rects, *bands);
    let mut obstacles = Obstacles {
        shapes: steps.values().map(|s| s.rect).collect(),
        segments: Vec::new(),
    };
    let lanes: Vec<(f64, f64)> = (0..grid.lanes).map(|k| grid.lane(k)).collect();
    let tracks = route::tracks(&lanes, grid.symbol_width());
    let (l0, l1) = grid.lanes_span();
    let half = flow::CONNECTOR / 2.0;
    let row_of = |i: usize| page_rows.iter().position(|&r| r == i);
    let mut order: Vec<usize> = (0..wants.len()).collect();
    order.sort_by_key(|&k| (!wants[k].natural, k));

    // Which arrows go straight down, and which side each other arrow leaves by: decided
    // first, so that entries into a side keep clear of the exits from it.
    let mut bottom_used: BTreeSet<End> = BTreeSet::new();
    let mut top_used: BTreeSet<End> = BTreeSet::new();
    let mut exit_side: BTreeMap<(End, Side), usize> = BTreeMap::new();
    let mut plan: Vec<Option<Side>> = vec![None; wants.len()];
    let centre = |e: End, w: &Want| -> f64 {
        match e {
            End::Step(i) => steps.get(&i).map_or(0.0, |s| s.rect.x + s.rect.w / 2.0),
            End::Conn(_) => w.toward.unwrap_or(0.0),
        }
    };
    for &k in &order {
        let w = &wants[k];
        let adjacent = match (w.from, w.to) {
            (End::Step(a), End::Step(b)) => {
                matches!((row_of(a), row_of(b)), (Some(x), Some(y)) if y == x + 1)
            }
            (End::Step(i), End::Conn(c)) => page_rows.last() == Some(&i) && !conns[c].top,
            (End::Conn(c), End::Step(j)) => page_rows.first() == Some(&j) && conns[c].top,
            (End::Conn(_), End::Conn(_)) => false,
        };
        if w.natural && adjacent && !bottom_used.contains(&w.from) && !top_used.contains(&w.to) {
            bottom_used.insert(w.from);
            top_used.insert(w.to);
            continue;
        }
        if let End::Step(_) = w.from {
            let (fc, tc) = (centre(w.from, w), centre(w.to, w));
            let pref = if tc < fc - 0.5 {
                Side::Left
            } else {
                Side::Right
            };
            let other = if pref == Side::Left {
                Side::Right
            } else {
                Side::Left
            };
            let side = if exit_side.contains_key(&(w.from, pref)) {
                other
            } else {
                pref
            };
            *exit_side.entry((w.from, side)).or_default() += 1;
            plan[k] = Some(side);
        } else {
            plan[k] = Some(Side::Right);
        }
    }

    // Connector rectangles in their band rows.
    let band_rect = |top: bool, x: f64, row: usize| -> Option<Rect> {
        let (y, h) = if top { bands.top? } else { bands.bottom? };
        let r = Rect::new(
            x - half,
            y + row as f64 * flow::BAND + (flow::BAND - flow::CONNECTOR) / 2.0,
            flow::CONNECTOR,
            flow::CONNECTOR,
        );
        let in_lane = lanes
            .iter()
            .any(|(lx, lw)| r.x >= lx + 1.0 && r.right() <= lx + lw - 1.0);
        (r.bottom() <= y + h + 1e-6 && in_lane).then_some(r)
    };
    let mut placed: Vec<Rect> = Vec::new();
    // Candidate connector centres: tracks first (so a straight line can reach them past
    // the symbols), then lane centres.
    let mut xs: Vec<f64> = tracks.clone();
    xs.extend(lanes.iter().map(|(x, w)| x + w / 2.0));
    let mut x = l0 + half + 1.5;
    while x <= l1 - half - 1.5 {
        xs.push(x);
        x += 2.0;
    }

    let mut entries: BTreeMap<(End, Side), usize> = BTreeMap::new();
    let mut labels: Vec<(Vec<Point>, String, Rect)> = Vec::new();
    let mut placed_conn: BTreeSet<usize> = BTreeSet::new();
    let mut trunks: BTreeMap<End, Vec<Trunk>> = BTreeMap::new();
    for &k in &order {
        let w = &wants[k];
        let path: Vec<Point> = match (w.from, w.to, plan[k]) {
            // Straight down into the next row, or into/out of a connector band.
            (from, to, None) => {
                let fs = match from {
                    End::Step(i) => steps.get(&i).copied(),
                    End::Conn(c) => {
                        // A connector at the top, above the step it leads to.
                        let tx = match to {
                            End::Step(j) => steps.get(&j).map(|s| s.rect.x + s.rect.w / 2.0),
                            End::Conn(_) => None,
                        };
                        place_near(
                            &band_rect,
                            true,
                            tx.unwrap_or(l0),
                            &xs,
                            &placed,
                            &obstacles.segments,
                            &|_| true,
                        )
                        .map(|r| {
                            conns[c].shape.rect = r;
                            placed.push(r);
                            obstacles.shapes.push(r);
                            conns[c].shape
                        })
                    }
                };
                let ts = match to {
                    End::Step(j) => steps.get(&j).copied(),
                    End::Conn(c) => {
                        let fx = fs.map_or(l0, |s| s.rect.x + s.rect.w / 2.0);
                        if placed_conn.contains(&c) {
                            Some(conns[c].shape)
                        } else {
                            place_near(
                                &band_rect,
                                false,
                                fx,
                                &xs,
                                &placed,
                                &obstacles.segments,
                                &|_| true,
                            )
                            .map(|r| {
                                placed_conn.insert(c);
                                conns[c].shape.rect = r;
                                placed.push(r);
                                obstacles.shapes.push(r);
                                conns[c].shape
                            })
                        }
                    }
                };
                match (fs, ts) {
                    (Some(a), Some(b)) => route::direct(&a, &b),
                    _ => continue,
                }
            }
            // Step to step beside the symbols.
            (End::Step(i), End::Step(j), Some(side)) => {
                let (Some(fs), Some(ts)) = (steps.get(&i), steps.get(&j)) else {
                    continue;
                };
                let from_y = fs.rect.y + fs.rect.h / 2.0;
                // Join an arrow already running into the same step, as flowcharts do
                // when several exits lead back to one step.
                let s = fs.side_at(side == Side::Right, from_y);
                let join = trunks.get(&w.to).and_then(|list| {
                    list.iter().enumerate().find_map(|(n, t)| {
                        let faces = match side {
                            Side::Right => t.x >= s.x + 3.0,
                            Side::Left => t.x <= s.x - 3.0,
                        };
                        if !faces {
                            return None;
                        }
                        let mut path = vec![s, Point::new(t.x, s.y)];
                        if s.y < t.lo {
                            path.push(Point::new(t.x, t.lo));
                        } else if s.y > t.hi {
                            path.push(Point::new(t.x, t.hi));
                        }
                        clear(&path, &obstacles, &[fs.rect], true).then_some((n, path))
                    })
                });
                if let Some((n, path)) = join {
                    if let Some(t) = trunks.get_mut(&w.to).and_then(|l| l.get_mut(n)) {
                        t.lo = t.lo.min(s.y);
                        t.hi = t.hi.max(s.y);
                    }
                    for pair in path.windows(2) {
                        obstacles.segments.push(Segment {
                            a: pair[0],
                            b: pair[1],
                        });
                    }
                    if let Some(l) = &w.label {
                        labels.push((
                            path.clone(),
                            l.clone(),
                            row_rects.get(&i).copied().unwrap_or(fs.rect),
                        ));
                    }
                    sink.push(
                        path[0],
                        Item::Arrow(Arrow {
                            path,
                            head: 0.0,
                            stroke: style::ARROW_STROKE,
                        }),
                        None,
                    );
                    continue;
                }
                let entry_y = |s: Side| {
                    let n = entries.get(&(w.to, s)).copied().unwrap_or(0);
                    route::entry_y(ts, n, exit_side.contains_key(&(w.to, s)))
                };
                let found =
                    route::channel(fs, side, from_y, ts, &entry_y, &tracks, &obstacles, true)
                        .or_else(|| {
                            route::channel(
                                fs, side, from_y, ts, &entry_y, &tracks, &obstacles, false,
                            )
                        });
                match found {
                    Some((p, s)) => {
                        *entries.entry((w.to, s)).or_default() += 1;
                        trunks.entry(w.to).or_default().push(Trunk {
                            x: p[1].x,
                            lo: p[1].y.min(p[2].y),
                            hi: p[1].y.max(p[2].y),
                        });
                        p
                    }
                    None => {
                        let t = ts.top();
                        vec![s, Point::new(t.x, s.y), t]
                    }
                }
            }
            // From a step's side to a connector in the bottom band: along the
            // connector's own vertical.
            (End::Step(i), End::Conn(c), Some(side)) if placed_conn.contains(&c) => {
                let Some(fs) = steps.get(&i) else { continue };
                let ts = conns[c].shape;
                let from_y = fs.rect.y + fs.rect.h / 2.0;
                let entry_y = |s: Side| {
                    let n = entries.get(&(w.to, s)).copied().unwrap_or(0);
                    route::entry_y(&ts, n, false)
                };
                let found =
                    route::channel(fs, side, from_y, &ts, &entry_y, &tracks, &obstacles, true)
                        .or_else(|| {
                            route::channel(
                                fs, side, from_y, &ts, &entry_y, &tracks, &obstacles, false,
                            )
                        });
                match found {
                    Some((p, s)) => {
                        *entries.entry((w.to, s)).or_default() += 1;
                        p
                    }
                    None => continue,
                }
            }
            (End::Step(i), End::Conn(c), Some(side)) => {
                let Some(fs) = steps.get(&i) else { continue };
                let s = fs.side_at(side == Side::Right, fs.rect.y + fs.rect.h / 2.0);
                let mut cands: Vec<f64> = xs
                    .iter()
                    .copied()
                    .filter(|&x| match side {
                        Side::Right => x >= s.x + 3.0,
                        Side::Left => x <= s.x - 3.0,
                    })
                    .collect();
                let pref = w.toward.unwrap_or(s.x);
                cands.sort_by(|a, b| {
                    (a - pref)
                        .abs()
                        .total_cmp(&(b - pref).abs())
                        .then(a.total_cmp(b))
                });
                let make = |x: f64, r: Rect| {
                    (
                        vec![s, Point::new(x, s.y), Point::new(x, r.y)],
                        [fs.rect, r],
                        (),
                    )
                };
                let mut chosen = search_band(
                    0..1,
                    &cands,
                    &|x, row| band_rect(false, x, row),
                    &placed,
                    &obstacles,
                    &make,
                )
                .map(|(r, path, ())| (r, path));
                // Through the corridor above a band row: down a track, across, and
                // down into the connector, past connectors of the rows above.
                if chosen.is_none() {
                    let side_tracks: Vec<f64> = tracks
                        .iter()
                        .copied()
                        .filter(|&x| match side {
                            Side::Right => x >= s.x + 3.0,
                            Side::Left => x <= s.x - 3.0,
                        })
                        .collect();
                    'corridor: for row in 0..8 {
                        for &cx in &xs {
                            let Some(r) = band_rect(false, cx, row) else {
                                continue;
                            };
                            if !free_rect(&r, &placed, &obstacles.segments) {
                                continue;
                            }
                            let cy = r.y - 3.0;
                            for &xt in &side_tracks {
                                let path = vec![
                                    s,
                                    Point::new(xt, s.y),
                                    Point::new(xt, cy),
                                    Point::new(cx, cy),
                                    Point::new(cx, r.y),
                                ];
                                if clear(&path, &obstacles, &[fs.rect, r], true) {
                                    chosen = Some((r, path));
                                    break 'corridor;
                                }
                            }
                        }
                    }
                }
                if chosen.is_none() {
                    let make = |x: f64, r: Rect| {
                        (
                            vec![s, Point::new(x, s.y), Point::new(x, r.y)],
                            [fs.rect, r],
                            (),
                        )
                    };
                    chosen = search_band(
                        1..3,
                        &cands,
                        &|x, row| band_rect(false, x, row),
                        &placed,
                        &obstacles,
                        &make,
                    )
                    .map(|(r, path, ())| (r, path));
                }
                let (r, path) = match chosen {
                    Some(found) => found,
                    None => {
                        // The band has no room on this side: any free place,
                        // reached through the corridor above it.
                        let mut xts: Vec<f64> = tracks
                            .iter()
                            .copied()
                            .filter(|&x| match side {
                                Side::Right => x >= s.x + 3.0,
                                Side::Left => x <= s.x - 3.0,
                            })
                            .collect();
                        xts.push(match side {
                            Side::Right => s.x + 3.0,
                            Side::Left => s.x - 3.0,
                        });
                        let mut best: Option<(Rect, Vec<Point>)> = None;
                        'fallback: for strict in [true, false] {
                            for row in 0..8 {
                                for &cx in &xs {
                                    let Some(r) = band_rect(false, cx, row) else {
                                        continue;
                                    };
                                    if !free_rect(&r, &placed, &[]) {
                                        continue;
                                    }
                                    for dy in [3.0, 1.5, 4.5] {
                                        let cy = r.y - dy;
                                        for &xt in &xts {
                                            let path = vec![
                                                s,
                                                Point::new(xt, s.y),
                                                Point::new(xt, cy),
                                                Point::new(cx, cy),
                                                Point::new(cx, r.y),
                                            ];
                                            if best.is_none() {
                                                best = Some((r, path.clone()));
                                            }
                                            if clear(&path, &obstacles, &[fs.rect, r], strict) {
                                                best = Some((r, path));
                                                break 'fallback;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        let Some(found) = best else { continue };
                        found
                    }
                };
                placed_conn.insert(c);
                conns[c].shape.rect = r;
                placed.push(r);
                obstacles.shapes.push(r);
                path
            }
            // From a connector in the top band down to a step's side.
            (End::Conn(c), End::Step(j), Some(_)) => {
                let Some(ts) = steps.get(&j) else { continue };
                let tc = ts.rect.x + ts.rect.w / 2.0;
                let mut cands: Vec<f64> = xs
                    .iter()
                    .copied()
                    .filter(|&x| x >= ts.rect.right() + 3.0 || x <= ts.rect.x - 3.0)
                    .collect();
                cands.sort_by(|a, b| {
                    (a - tc)
                        .abs()
                        .total_cmp(&(b - tc).abs())
                        .then(a.total_cmp(b))
                });
                let make = |x: f64, r: Rect| {
                    let side = if x > tc { Side::Right } else { Side::Left };
                    let n = entries.get(&(w.to, side)).copied().unwrap_or(0);
                    let ty = route::entry_y(ts, n, exit_side.contains_key(&(w.to, side)));
                    let t = ts.side_at(side == Side::Right, ty);
                    (
                        vec![Point::new(x, r.bottom()), Point::new(x, ty), t],
                        [ts.rect, r],
                        side,
                    )
                };
                let mut chosen = search_band(
                    0..1,
                    &cands,
                    &|x, row| band_rect(true, x, row),
                    &placed,
                    &obstacles,
                    &make,
                );
                // Through the corridor below a band row: out of the connector, across,
                // and down a track, past connectors of the rows below.
                if chosen.is_none() {
                    'corridor: for row in 0..8 {
                        for &cx in &xs {
                            let Some(r) = band_rect(true, cx, row) else {
                                continue;
                            };
                            if !free_rect(&r, &placed, &obstacles.segments) {
                                continue;
                            }
                            let cy = r.bottom() + 3.0;
                            for &xt in &tracks {
                                let side = if xt > tc { Side::Right } else { Side::Left };
                                if !(xt >= ts.rect.right() + 3.0 || xt <= ts.rect.x - 3.0) {
                                    continue;
                                }
                                let n = entries.get(&(w.to, side)).copied().unwrap_or(0);
                                let ty =
                                    route::entry_y(ts, n, exit_side.contains_key(&(w.to, side)));
                                let t = ts.side_at(side == Side::Right, ty);
                                let path = vec![
                                    Point::new(cx, r.bottom()),
                                    Point::new(cx, cy),
                                    Point::new(xt, cy),
                                    Point::new(xt, ty),
                                    t,
                                ];
                                if clear(&path, &obstacles, &[ts.rect, r], true) {
                                    chosen = Some((r, path, side));
                                    break 'corridor;
                                }
                            }
                        }
                    }
                }
                if chosen.is_none() {
                    let make = |x: f64, r: Rect| {
                        let side = if x > tc { Side::Right } else { Side::Left };
                        let n = entries.get(&(w.to, side)).copied().unwrap_or(0);
                        let ty = route::entry_y(ts, n, exit_side.contains_key(&(w.to, side)));
                        let t = ts.side_at(side == Side::Right, ty);
                        (
                            vec![Point::new(x, r.bottom()), Point::new(x, ty), t],
                            [ts.rect, r],
                            side,
                        )
                    };
                    chosen = search_band(
                        1..3,
                        &cands,
                        &|x, row| band_rect(true, x, row),
                        &placed,
                        &obstacles,
                        &make,
                    );
                }
                let (r, path, side) = match chosen {
                    Some(found) => found,
                    None => {
                        // No clear way: the nearest free place beside the step.
                        let beside = |r: &Rect| {
                            r.x + half >= ts.rect.right() + 3.0 || r.x + half <= ts.rect.x - 3.0
                        };
                        let Some(r) =
                            place_near(&band_rect, true, tc, &cands, &placed, &[], &beside)
                        else {
                            continue;
                        };
                        let x = r.x + half;
                        let side = if x > tc { Side::Right } else { Side::Left };
                        let ty = ts.rect.y + ts.rect.h / 2.0;
                        let t = ts.side_at(side == Side::Right, ty);
                        (
                            r,
                            vec![Point::new(x, r.bottom()), Point::new(x, ty), t],
                            side,
                        )
                    }
                };
                *entries.entry((w.to, side)).or_default() += 1;
                conns[c].shape.rect = r;
                placed.push(r);
                obstacles.shapes.push(r);
                path
            }
            (End::Conn(_), End::Conn(_), Some(_)) => continue,
        };
        for pair in path.windows(2) {
            obstacles.segments.push(Segment {
                a: pair[0],
                b: pair[1],
            });
        }
        if let (Some(l), End::Step(i)) = (&w.label, w.from) {
            if let Some(fs) = steps.get(&i) {
                let row = row_rects.get(&i).copied().unwrap_or(fs.rect);
                labels.push((path.clone(), l.clone(), row));
            }
        }
        sink.push(
            path[0],
            Item::Arrow(Arrow {
                path,
                head: style::ARROW_HEAD,
                stroke: style::ARROW_STROKE,
            }),
            None,
        );
    }
    let step_shapes: Vec<Shape> = steps.values().copied().collect();
    place_labels(sink, &obstacles, &step_shapes, &lanes, labels);
    let segs = &obstacles.segments;
    !segs
        .iter()
        .enumerate()
        .any(|(i, a)| segs[..i].iter().any(|b| a.overlaps(b)))
}

/// The vertical part of an arrow into a step, which later arrows to that step join.
struct Trunk {
    x: f64,
    lo: f64,
    hi: f64,
}

/// True when no segment of `path` passes through a shape (other than `except`) or,
/// when `strict`, runs along an arrow already drawn.
fn clear(path: &[Point], obstacles: &Obstacles, except: &[Rect], strict: bool) -> bool {
    path.windows(2).all(|p| {
        let seg = Segment { a: p[0], b: p[1] };
        let hit = obstacles.shapes.iter().any(|r| {
            !except.contains(r) && seg.hits(&Rect::new(r.x - 1.0, r.y - 1.0, r.w + 2.0, r.h + 2.0))
        });
        !hit && (!strict || !obstacles.segments.iter().any(|s| s.overlaps(&seg)))
    })
}

/// True when a connector at `r` keeps clear of the connectors placed and of `segs`.
fn free_rect(r: &Rect, placed: &[Rect], segs: &[Segment]) -> bool {
    let wide = Rect::new(r.x - 3.0, r.y - 1.0, r.w + 6.0, r.h + 2.0);
    !placed.iter().any(|o| o.overlaps(&wide)) && !segs.iter().any(|s| s.hits(&wide))
}

/// The first connector place, band row by row and candidate by candidate, whose
/// rectangle is free and whose arrow (`make` gives its path, the shapes it may touch and
/// a value to return) is clear. Levels: 0 strict; 1 the arrow may run along another;
/// 2 the connector may also sit on an arrow.
fn search_band<T>(
    levels: std::ops::Range<usize>,
    cands: &[f64],
    band_rect: &dyn Fn(f64, usize) -> Option<Rect>,
    placed: &[Rect],
    obstacles: &Obstacles,
    make: &dyn Fn(f64, Rect) -> (Vec<Point>, [Rect; 2], T),
) -> Option<(Rect, Vec<Point>, T)> {
    for level in levels {
        let segs: &[Segment] = if level < 2 { &obstacles.segments } else { &[] };
        for row in 0..8 {
            for &x in cands {
                let Some(r) = band_rect(x, row) else {
                    continue;
                };
                if !free_rect(&r, placed, segs) {
                    continue;
                }
                let (path, except, value) = make(x, r);
                if clear(&path, obstacles, &except, level == 0) {
                    return Some((r, path, value));
                }
            }
        }
    }
    None
}

/// The free connector place in a band nearest to `pref`.
fn place_near(
    band_rect: &dyn Fn(bool, f64, usize) -> Option<Rect>,
    top: bool,
    pref: f64,
    xs: &[f64],
    placed: &[Rect],
    segs: &[Segment],
    accept: &dyn Fn(&Rect) -> bool,
) -> Option<Rect> {
    let mut cands: Vec<f64> = vec![pref];
    let mut rest: Vec<f64> = xs.to_vec();
    rest.sort_by(|a, b| {
        (a - pref)
            .abs()
            .total_cmp(&(b - pref).abs())
            .then(a.total_cmp(b))
    });
    cands.extend(rest);
    for row in 0..8 {
        for &x in &cands {
            if let Some(r) = band_rect(top, x, row) {
                if free_rect(&r, placed, segs) && accept(&r) {
                    return Some(r);
                }
            }
        }
    }
    None
}

/// Places the exit labels of decisions ("Ya", "Tidak") beside the start of their
/// arrows: inside one lane (never across a table rule), clear of every arrow, of the
/// symbols' outlines and of the other labels, as near to the exit as possible.
fn place_labels(
    sink: &mut Sink,
    obstacles: &Obstacles,
    steps: &[Shape],
    lanes: &[(f64, f64)],
    labels: Vec<(Vec<Point>, String, Rect)>,
) {
    let mut placed: Vec<Rect> = Vec::new();
    for (path, text, row) in labels {
        let size = style::LABEL;
        let w = super::text::width(&text, Font::Regular, size);
        let h = super::text::line_height(Font::Regular, size);
        let (p, q) = (path[0], path[1]);
        // Ideal places first, then the same places slid away from the exit.
        let mut cands: Vec<Rect> = Vec::new();
        if (p.x - q.x).abs() < 1e-9 {
            for k in 0..10 {
                let dy = 1.0 + k as f64 * 1.5;
                cands.push(Rect::new(p.x + 2.0, p.y + dy, w, h));
                cands.push(Rect::new(p.x - 2.0 - w, p.y + dy, w, h));
            }
        } else {
            let right = q.x > p.x;
            for k in 0..12 {
                let dx = k as f64 * 2.0;
                let x = if right {
                    p.x + 2.0 - dx
                } else {
                    p.x - 2.0 - w + dx
                };
                for dy in [1.0, 2.5, 4.0, 6.0, 8.0, 11.0, 14.0, 17.0, 20.0] {
                    cands.push(Rect::new(x, p.y - dy - h, w, h));
                    cands.push(Rect::new(x, p.y + dy, w, h));
                }
            }
        }
        // Anywhere else in the row, nearest to the exit first.
        let ideal = Point::new(p.x + 2.0, p.y - 1.0 - h);
        let mut more: Vec<Rect> = Vec::new();
        let mut y = row.y + 1.0;
        while y + h <= row.bottom() - 1.0 {
            for (lx, lw) in lanes {
                let mut x = lx + 1.0;
                while x + w <= lx + lw - 1.0 {
                    more.push(Rect::new(x, y, w, h));
                    x += 1.5;
                }
            }
            y += 1.5;
        }
        let dist = |r: &Rect| (r.x - ideal.x).abs() + (r.y - ideal.y).abs();
        more.retain(|r| dist(r) < 45.0);
        more.sort_by(|a, b| {
            dist(a)
                .total_cmp(&dist(b))
                .then(a.x.total_cmp(&b.x))
                .then(a.y.total_cmp(&b.y))
        });
        cands.extend(more);
        let in_lane = |r: &Rect| {
            r.y >= row.y + 0.5
                && r.bottom() <= row.bottom() - 0.5
                && lanes
                    .iter()
                    .any(|(x, lw)| r.x >= x + 0.5 && r.right() <= x + lw - 0.5)
        };
        let free = |r: &Rect| {
            in_lane(r)
                && !obstacles.segments.iter().any(|s| s.hits(r))
                && !steps.iter().any(|s| shape_hits(s, r))
                && !obstacles
                    .shapes
                    .iter()
                    .any(|s| !steps.iter().any(|t| t.rect == *s) && s.overlaps(r))
                && !placed.iter().any(|o| o.overlaps(r))
        };
        let r = cands
            .iter()
            .find(|r| free(r))
            .or_else(|| {
                // Crowded: at least keep clear of arrows and symbols.
                cands.iter().find(|r| {
                    !obstacles.segments.iter().any(|s| s.hits(r))
                        && !steps.iter().any(|s| shape_hits(s, r))
                })
            })
            .copied()
            .unwrap_or(cands[0]);
        placed.push(r);
        sink.text(r.x, r.y, TextLine::new(text, Font::Regular, size), None);
    }
}

/// True when the rectangle touches the inside of the shape's outline (a decision is a
/// diamond, not its bounding box).
fn shape_hits(s: &Shape, r: &Rect) -> bool {
    if !s.rect.overlaps(r) {
        return false;
    }
    match s.kind {
        SymbolKind::Decision => {
            let (cx, cy) = (s.rect.x + s.rect.w / 2.0, s.rect.y + s.rect.h / 2.0);
            let (hw, hh) = (s.rect.w / 2.0, s.rect.h / 2.0);
            // The point of the rectangle nearest to the centre, in diamond distance.
            let nx = cx.clamp(r.x, r.right());
            let ny = cy.clamp(r.y, r.bottom());
            let mut best = (nx - cx).abs() / hw + (ny - cy).abs() / hh;
            for (x, y) in [
                (r.x, r.y),
                (r.right(), r.y),
                (r.x, r.bottom()),
                (r.right(), r.bottom()),
            ] {
                best = best.min((x - cx).abs() / hw + (y - cy).abs() / hh);
            }
            // Sample the rectangle's edges as well: a corner can miss while an edge cuts.
            let steps = 8;
            for i in 0..=steps {
                let t = i as f64 / steps as f64;
                for (x, y) in [
                    (r.x + r.w * t, r.y),
                    (r.x + r.w * t, r.bottom()),
                    (r.x, r.y + r.h * t),
                    (r.right(), r.y + r.h * t),
                ] {
                    best = best.min((x - cx).abs() / hw + (y - cy).abs() / hh);
                }
            }
            best < 1.02
        }
        _ => true,
    }
}
