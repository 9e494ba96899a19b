//! The arrows of one page: which arrows go straight down to the next row and which
//! side every other one leaves by, then each routed in turn (along the tracks beside the
//! symbols, see [`route`](super::route)), with the page's connectors placed in their
//! bands on the way, and last the exit labels of decisions.

use std::collections::{BTreeMap, BTreeSet};

use super::connectors::{Bands, Conn, free_rect, nearest_first, place_near, search_band};
use super::grid::Grid;
use super::labels::place_labels;
use super::route::{self, Obstacles, Segment, Shape, Side, clear};
use crate::layout::document::{Arrow, Item, Point, Rect};
use crate::layout::sink::Sink;
use crate::layout::style::{self, flow};

/// The end of an arrow on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum End {
    Step(usize),
    Conn(usize),
}

/// An arrow to draw on one page.
#[derive(Debug, Clone)]
pub(super) struct Want {
    pub(super) from: End,
    pub(super) to: End,
    /// The exit label (decisions only, at the step end).
    pub(super) label: Option<String>,
    /// The arrow that enters its target from above (the flow to the next row).
    pub(super) natural: bool,
    /// For an arrow into a connector: the x of the step the connector stands for.
    pub(super) toward: Option<f64>,
}

/// The rows laid out on one page, for routing.
pub(super) struct PageRows<'a> {
    /// Symbol of each step on the page.
    pub(super) steps: &'a BTreeMap<usize, Shape>,
    /// The steps on the page, in order.
    pub(super) rows: &'a [usize],
    /// Each step's row, across the table.
    pub(super) rects: &'a BTreeMap<usize, Rect>,
    /// The connector bands.
    pub(super) bands: &'a Bands,
}

/// Routes and draws the arrows of one page and places its connectors, then the exit
/// labels of decisions.
pub(super) fn route_page(
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
                nearest_first(&mut cands, pref);
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
                nearest_first(&mut cands, tc);
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
