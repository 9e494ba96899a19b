//! An independent check of a laid-out flowchart, from the SOP and the display list
//! only (not `layout::flowchart::verify`, which the layout asks itself):
//!
//! - every step has its symbol(s) on one page, in the row of its kegiatan, inside the
//!   lanes of its actors and over each of them, of the kind its step asks for;
//! - every arrow leaves one symbol and ends at another, on their outlines, or ends on
//!   the line of another arrow and goes on with it (arrows toward one step merge);
//! - every edge of the flow (`support::flow`) is drawn once: an arrow from the source
//!   step's symbol to the target step's symbol, or an arrow into an off-page connector
//!   and one out of the one connector with the same letter that leads on (arrows toward
//!   one step may share that letter, each from its own connector); and no arrow is
//!   drawn that the flow does not ask for;
//! - every exit label of a decision is drawn once, by the start of its own exit's
//!   arrow: a decision's two labels are nearer their own exits than each other's
//!   (together, by the sum of the distances), and no other label is drawn.
//!
//! [`clearance`] measures the router's spacing rules on the same reading of the page.

use std::collections::BTreeMap;

use sopc::layout::Document;
use sopc::layout::document::{Font, Item, Page, Point, Rect, SymbolKind};
use sopc::layout::style;
use sopc::model::Sop;
use sopc::source::Span;

use super::flow::{self, FlowEdge};

/// How far a point may be from an outline and still touch it (pt).
const TOUCH: f64 = 0.75;
/// How far an exit label may stand from the start of its arrow (5 mm).
const LABEL_NEAR: f64 = 5.0 * MM;
/// The start of an arrow, where its exit label stands: this length of its path (pt).
const ARROW_START: f64 = 30.0;

/// What an arrow's end touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum End {
    /// A symbol of step `i`.
    Step(usize),
    /// Off-page connector number `k` of the page (index into `Reading::connectors`).
    Connector(usize),
}

/// One arrow as read from a page.
#[derive(Debug, Clone)]
pub struct ArrowRead {
    pub path: Vec<Point>,
    pub from: End,
    pub to: End,
}

/// One flowchart page read back.
#[derive(Debug, Default)]
pub struct Reading {
    /// Page index in the document.
    pub page: usize,
    /// Symbols of steps: (step, kind, box).
    pub symbols: Vec<(usize, SymbolKind, Rect)>,
    /// Off-page connectors: (letter, box).
    pub connectors: Vec<(String, Rect)>,
    pub arrows: Vec<ArrowRead>,
    /// Exit labels: (text, box).
    pub labels: Vec<(String, Rect)>,
    /// The table's frames (its rules are their sides).
    pub frames: Vec<Rect>,
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file
        && outer.range().start <= inner.range().start
        && inner.range().end <= outer.range().end
}

fn center(r: &Rect) -> Point {
    Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0)
}

fn inside(p: Point, r: &Rect, tol: f64) -> bool {
    p.x >= r.x - tol && p.x <= r.x + r.w + tol && p.y >= r.y - tol && p.y <= r.y + r.h + tol
}

/// True when `p` lies on the outline of box `r` (within [`TOUCH`]).
fn on_outline(p: Point, r: &Rect) -> bool {
    inside(p, r, TOUCH)
        && !(p.x > r.x + TOUCH
            && p.x < r.x + r.w - TOUCH
            && p.y > r.y + TOUCH
            && p.y < r.y + r.h - TOUCH)
}

/// True when `p` lies on the outline of a symbol: a decision's diamond, else its box.
fn touches(p: Point, kind: SymbolKind, r: &Rect) -> bool {
    if kind == SymbolKind::Decision {
        outline(kind, r)
            .into_iter()
            .any(|s| seg_distance(s, (p, p)) <= TOUCH)
    } else {
        on_outline(p, r)
    }
}

/// Distance between two boxes (0 when they touch or overlap).
pub fn rect_distance(a: &Rect, b: &Rect) -> f64 {
    let dx = (b.x - (a.x + a.w)).max(a.x - (b.x + b.w)).max(0.0);
    let dy = (b.y - (a.y + a.h)).max(a.y - (b.y + b.h)).max(0.0);
    dx.hypot(dy)
}

/// The box of one segment.
pub fn seg_rect(a: Point, b: Point) -> Rect {
    Rect::new(
        a.x.min(b.x),
        a.y.min(b.y),
        (a.x - b.x).abs(),
        (a.y - b.y).abs(),
    )
}

/// The step whose YAML holds `span`.
fn step_of(sop: &Sop, span: Span) -> Option<usize> {
    sop.steps.iter().position(|s| contains(s.span, span))
}

/// The smallest frame of the page holding point `p`.
fn cell_at(frames: &[Rect], p: Point) -> Option<Rect> {
    frames
        .iter()
        .filter(|f| inside(p, f, 0.0))
        .min_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .copied()
}

/// Reads every page that holds a step's symbol.
pub fn read(doc: &Document, sop: &Sop) -> Vec<Reading> {
    let labels: Vec<&str> = sop
        .steps
        .iter()
        .filter_map(|s| s.decision.as_ref())
        .flat_map(|d| d.labels.iter().map(|l| l.value.as_str()))
        .collect();
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let mut r = Reading {
            page: p,
            ..Reading::default()
        };
        for it in &page.items {
            match &it.item {
                Item::Symbol(s) if s.kind == SymbolKind::OffPageConnector => {
                    r.connectors.push((String::new(), it.bounds()));
                }
                Item::Symbol(s) => {
                    let step = it.source.and_then(|span| step_of(sop, span));
                    if let Some(i) = step {
                        r.symbols.push((i, s.kind, it.bounds()));
                    }
                }
                Item::Frame(_) => r.frames.push(it.bounds()),
                _ => {}
            }
        }
        if r.symbols.is_empty() && r.connectors.is_empty() {
            continue;
        }
        for it in &page.items {
            let Item::Text(t) = &it.item else { continue };
            let b = it.bounds();
            if let Some(c) = r
                .connectors
                .iter_mut()
                .find(|(_, cb)| inside(center(&b), cb, 0.0))
            {
                c.0.push_str(&t.text);
            } else if t.font == Font::Regular
                && (t.size - style::LABEL).abs() < 1e-9
                && labels.contains(&t.text.as_str())
            {
                r.labels.push((t.text.clone(), b));
            }
        }
        for it in &page.items {
            let Item::Arrow(a) = &it.item else { continue };
            let touch = |pt: Point| -> Vec<End> {
                let mut ends: Vec<End> = r
                    .symbols
                    .iter()
                    .filter(|(_, kind, b)| touches(pt, *kind, b))
                    .map(|(i, _, _)| End::Step(*i))
                    .collect();
                ends.extend(
                    r.connectors
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, b))| on_outline(pt, b))
                        .map(|(k, _)| End::Connector(k)),
                );
                ends.sort();
                ends.dedup();
                ends
            };
            let (first, last) = (a.path[0], *a.path.last().unwrap());
            let (from, to) = (touch(first), touch(last));
            // Unresolved ends are reported by `check`; keep the arrow readable here.
            r.arrows.push(ArrowRead {
                path: a.path.clone(),
                from: if from.len() == 1 {
                    from[0]
                } else {
                    End::Connector(usize::MAX)
                },
                to: if to.len() == 1 {
                    to[0]
                } else {
                    End::Connector(usize::MAX)
                },
            });
        }
        // An arrow that ends on another arrow's line (without a head of its own) merges
        // into it and goes where that one goes.
        for _ in 0..r.arrows.len() {
            let mut changed = false;
            for k in 0..r.arrows.len() {
                if r.arrows[k].to != End::Connector(usize::MAX) {
                    continue;
                }
                let end = *r.arrows[k].path.last().unwrap();
                let into = (0..r.arrows.len()).find(|&j| {
                    j != k
                        && r.arrows[j].to != End::Connector(usize::MAX)
                        && r.arrows[j]
                            .path
                            .windows(2)
                            .any(|w| seg_distance((w[0], w[1]), (end, end)) <= TOUCH)
                });
                if let Some(j) = into {
                    r.arrows[k].to = r.arrows[j].to;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        out.push(r);
    }
    out
}

/// The lane columns: for each lane, the header cell holding its heading.
fn lane_columns(page: &Page, sop: &Sop, frames: &[Rect]) -> Vec<Option<(f64, f64)>> {
    sop.lanes
        .iter()
        .map(|lane| {
            page.items
                .iter()
                .find(|it| matches!(it.item, Item::Text(_)) && it.source == Some(lane.span))
                .and_then(|it| cell_at(frames, center(&it.bounds())))
                .map(|c| (c.x, c.x + c.w))
        })
        .collect()
}

/// The row band (top, bottom) of step `i` on a page: the cell of its kegiatan.
fn row_band(page: &Page, sop: &Sop, i: usize, frames: &[Rect]) -> Option<(f64, f64)> {
    let span = sop.steps[i].activity.span;
    page.items
        .iter()
        .find(|it| matches!(it.item, Item::Text(_)) && it.source == Some(span))
        .and_then(|it| cell_at(frames, center(&it.bounds())))
        .map(|c| (c.y, c.y + c.h))
}

fn expected_kind(sop: &Sop, i: usize) -> SymbolKind {
    if sop.steps[i].is_decision() {
        SymbolKind::Decision
    } else if i == 0 || i + 1 == sop.steps.len() {
        SymbolKind::Terminator
    } else {
        SymbolKind::Process
    }
}

/// Every broken promise of the drawn flowchart, as sentences; empty when it is right.
pub fn check(doc: &Document, sop: &Sop) -> Vec<String> {
    let (mut problems, swapped, _) = check_all(doc, sop);
    problems.extend(swapped);
    problems
}

/// [`check`] but for the exit labels' places: every edge drawn once, every symbol in its
/// row and lanes, every exit label drawn once on the page of its arrow. (Today's router
/// sometimes sets a decision's labels nearer each other's exit on generated SOPs; the
/// property tests use this until it does not.)
pub fn check_flow(doc: &Document, sop: &Sop) -> Vec<String> {
    check_all(doc, sop).0
}

/// [`check_flow`]'s problems; the decisions whose labels stand nearer each other's exit
/// than their own; and the labels further than 5 mm from their arrow or nearer the
/// other exit (spacing rules of the router, reported by [`clearance`]).
fn check_all(doc: &Document, sop: &Sop) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut swapped_labels = Vec::new();
    let mut far = Vec::new();
    let pages = read(doc, sop);
    let n = sop.steps.len();
    let num = |i: usize| sop.steps[i].number;

    // Symbols: each step on one page, in its row and lanes.
    let mut page_of: BTreeMap<usize, usize> = BTreeMap::new();
    for r in &pages {
        let page = &doc.pages[r.page];
        let lanes = lane_columns(page, sop, &r.frames);
        for &(i, kind, b) in &r.symbols {
            if let Some(&other) = page_of.get(&i)
                && other != r.page
            {
                problems.push(format!(
                    "step {} drawn on pages {} and {}",
                    num(i),
                    other + 1,
                    r.page + 1
                ));
            }
            page_of.insert(i, r.page);
            if kind != expected_kind(sop, i) {
                problems.push(format!("step {} drawn as {kind:?}", num(i)));
            }
            match row_band(page, sop, i, &r.frames) {
                Some((top, bottom)) if b.y >= top - 1e-6 && b.y + b.h <= bottom + 1e-6 => {}
                Some((top, bottom)) => problems.push(format!(
                    "page {}: the symbol of step {} ({:.2}..{:.2}) is outside its row ({top:.2}..{bottom:.2})",
                    r.page + 1,
                    num(i),
                    b.y,
                    b.y + b.h
                )),
                None => problems.push(format!(
                    "page {}: step {} has a symbol but no row",
                    r.page + 1,
                    num(i)
                )),
            }
            let step_lanes = flow::lanes(sop, i);
            let cols: Vec<(f64, f64)> = step_lanes.iter().filter_map(|&l| lanes[l]).collect();
            if cols.len() != step_lanes.len() {
                problems.push(format!(
                    "page {}: a lane heading of step {} is not drawn",
                    r.page + 1,
                    num(i)
                ));
                continue;
            }
            let lo = cols.iter().map(|c| c.0).fold(f64::MAX, f64::min);
            let hi = cols.iter().map(|c| c.1).fold(f64::MIN, f64::max);
            if b.x < lo - 1e-6 || b.x + b.w > hi + 1e-6 {
                problems.push(format!(
                    "page {}: the symbol of step {} ({:.2}..{:.2}) leaves its lanes ({lo:.2}..{hi:.2})",
                    r.page + 1,
                    num(i),
                    b.x,
                    b.x + b.w
                ));
            }
        }
        // Every lane of a step is covered by one of its symbols.
        for i in r
            .symbols
            .iter()
            .map(|s| s.0)
            .collect::<std::collections::BTreeSet<_>>()
        {
            for l in flow::lanes(sop, i) {
                let Some((a, z)) = lanes[l] else { continue };
                let mid = (a + z) / 2.0;
                if !r
                    .symbols
                    .iter()
                    .any(|(j, _, b)| *j == i && b.x <= mid && mid <= b.x + b.w)
                {
                    problems.push(format!(
                        "page {}: step {} is not drawn over the lane of {}",
                        r.page + 1,
                        num(i),
                        sop.lanes[l].value
                    ));
                }
            }
        }
    }
    for i in 0..n {
        if !page_of.contains_key(&i) {
            problems.push(format!("step {} has no symbol", num(i)));
        }
    }

    // Arrows: resolved ends, then edges, with connector pairs joined by letter.
    type Drawn = (usize, usize, usize, usize); // (from, to, page of the first arrow, arrow)
    let mut drawn: Vec<Drawn> = Vec::new();
    let mut outs: BTreeMap<String, Vec<(usize, usize, usize)>> = BTreeMap::new(); // letter -> (from, page, arrow)
    let mut ins: BTreeMap<String, Vec<usize>> = BTreeMap::new(); // letter -> to
    let mut letters: BTreeMap<String, usize> = BTreeMap::new();
    for r in &pages {
        for (letter, _) in &r.connectors {
            if letter.is_empty() {
                problems.push(format!("page {}: a connector without a letter", r.page + 1));
            }
            *letters.entry(letter.clone()).or_default() += 1;
        }
        let mut used = vec![0; r.connectors.len()];
        for (k, a) in r.arrows.iter().enumerate() {
            let bad = |e: End| e == End::Connector(usize::MAX);
            if bad(a.from) || bad(a.to) {
                problems.push(format!(
                    "page {}: an arrow from {:?} to {:?} does not leave or enter exactly one symbol",
                    r.page + 1,
                    a.path[0],
                    a.path.last().unwrap()
                ));
                continue;
            }
            for e in [a.from, a.to] {
                if let End::Connector(c) = e {
                    used[c] += 1;
                }
            }
            match (a.from, a.to) {
                (End::Step(f), End::Step(t)) => drawn.push((f, t, r.page, k)),
                (End::Step(f), End::Connector(c)) => outs
                    .entry(r.connectors[c].0.clone())
                    .or_default()
                    .push((f, r.page, k)),
                (End::Connector(c), End::Step(t)) => {
                    ins.entry(r.connectors[c].0.clone()).or_default().push(t)
                }
                (End::Connector(_), End::Connector(_)) => problems.push(format!(
                    "page {}: an arrow joins two connectors",
                    r.page + 1
                )),
            }
        }
        for (c, u) in used.iter().enumerate() {
            if *u != 1 {
                problems.push(format!(
                    "page {}: connector {:?} has {u} arrows",
                    r.page + 1,
                    r.connectors[c].0
                ));
            }
        }
    }
    // A letter: one connector that the flow leaves toward its target, and one or more
    // (arrows toward the same step may share a letter) that arrows enter.
    for (letter, count) in &letters {
        let n_out = outs.get(letter).map_or(0, Vec::len);
        let n_in = ins.get(letter).map_or(0, Vec::len);
        if *count != n_out + n_in {
            problems.push(format!("connector letter {letter:?} drawn {count} times"));
        }
    }
    for (letter, from) in &outs {
        match ins.get(letter).map(Vec::as_slice) {
            Some([t]) => {
                for (f, p, k) in from {
                    drawn.push((*f, *t, *p, *k));
                }
            }
            _ => problems.push(format!(
                "connector {letter:?}: {} arrows enter it, but not exactly one leaves its partner",
                from.len()
            )),
        }
    }
    for letter in ins.keys().filter(|l| !outs.contains_key(*l)) {
        problems.push(format!("connector {letter:?} has no arrow into it"));
    }

    let mut want: Vec<FlowEdge> = flow::edges(sop)
        .into_iter()
        .filter(|e| e.to.is_some())
        .collect();
    let mut matched: Vec<(FlowEdge, usize, usize)> = Vec::new();
    let mut extra = Vec::new();
    for (f, t, p, k) in drawn {
        match want.iter().position(|e| e.from == f && e.to == Some(t)) {
            Some(at) => matched.push((want.remove(at), p, k)),
            None => extra.push((f, t)),
        }
    }
    for (f, t) in extra {
        problems.push(format!(
            "an arrow from step {} to step {} that the flow does not have (or has once)",
            num(f),
            num(t)
        ));
    }
    for e in want {
        problems.push(format!(
            "the flow from step {} to step {} is not drawn",
            num(e.from),
            num(e.to.unwrap())
        ));
    }

    // Exit labels: each exit's label is the one of its text nearest the start of its
    // arrow, and a decision's labels are nearer their own exits than each other's: the
    // sum of the distances is smaller as drawn than with the labels exchanged.
    let by_page: BTreeMap<usize, &Reading> = pages.iter().map(|r| (r.page, r)).collect();
    let mut label_used: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    // Per decision: (page, arrow, label box) of each exit whose label was found.
    let mut exits: BTreeMap<usize, Vec<(usize, usize, Rect)>> = BTreeMap::new();
    for (e, p, k) in &matched {
        let Some(text) = &e.label else { continue };
        let r = by_page[p];
        let mine = start_of(&r.arrows[*k].path);
        let best = r
            .labels
            .iter()
            .enumerate()
            .filter(|(j, (t, _))| t == text && !label_used.contains_key(&(*p, *j)))
            .map(|(j, (_, b))| (j, near(b, &mine), *b))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((j, d, b)) => {
                label_used.insert((*p, j), true);
                exits.entry(e.from).or_default().push((*p, *k, b));
                if d > LABEL_NEAR {
                    far.push(format!(
                        "page {}: exit label {text:?} of step {} stands {:.2} mm from its arrow",
                        p + 1,
                        num(e.from),
                        d / MM
                    ));
                }
            }
            None => problems.push(format!(
                "page {}: exit label {text:?} of step {} is not drawn",
                p + 1,
                num(e.from)
            )),
        }
    }
    for (step, list) in &exits {
        let [(p, ka, la), (q, kb, lb)] = list.as_slice() else {
            continue;
        };
        if p != q {
            continue;
        }
        let r = by_page[p];
        let (a, b) = (start_of(&r.arrows[*ka].path), start_of(&r.arrows[*kb].path));
        let own = near(la, &a) + near(lb, &b);
        let swapped = near(la, &b) + near(lb, &a);
        if swapped <= own {
            swapped_labels.push(format!(
                "page {}: the exit labels of step {} stand nearer each other's arrow than their own",
                p + 1,
                num(*step)
            ));
        } else if near(la, &b) < near(la, &a) || near(lb, &a) < near(lb, &b) {
            far.push(format!(
                "page {}: an exit label of step {} stands nearer the other exit than its own",
                p + 1,
                num(*step)
            ));
        }
    }
    for r in &pages {
        for (j, (t, _)) in r.labels.iter().enumerate() {
            if !label_used.contains_key(&(r.page, j)) {
                problems.push(format!(
                    "page {}: exit label {t:?} belongs to no arrow",
                    r.page + 1
                ));
            }
        }
    }
    (problems, swapped_labels, far)
}

/// The first [`ARROW_START`] points of a path, as the boxes of its segments.
fn start_of(path: &[Point]) -> Vec<Rect> {
    let mut left = ARROW_START;
    let mut out = Vec::new();
    for w in path.windows(2) {
        if left <= 0.0 {
            break;
        }
        let len = seg_len((w[0], w[1]));
        let t = if len > left { left / len } else { 1.0 };
        let end = Point::new(
            w[0].x + (w[1].x - w[0].x) * t,
            w[0].y + (w[1].y - w[0].y) * t,
        );
        out.push(seg_rect(w[0], end));
        left -= len;
    }
    out
}

/// Distance from a box to the nearest of some segment boxes.
fn near(b: &Rect, segs: &[Rect]) -> f64 {
    segs.iter()
        .map(|s| rect_distance(b, s))
        .fold(f64::MAX, f64::min)
}

/// Millimetres in points.
pub const MM: f64 = 72.0 / 25.4;

/// Distance between two segments.
pub fn seg_distance(a: (Point, Point), b: (Point, Point)) -> f64 {
    fn pt_seg(p: Point, s: (Point, Point)) -> f64 {
        let (dx, dy) = (s.1.x - s.0.x, s.1.y - s.0.y);
        let len2 = dx * dx + dy * dy;
        let t = if len2 == 0.0 {
            0.0
        } else {
            (((p.x - s.0.x) * dx + (p.y - s.0.y) * dy) / len2).clamp(0.0, 1.0)
        };
        (p.x - (s.0.x + t * dx)).hypot(p.y - (s.0.y + t * dy))
    }
    fn cross(o: Point, a: Point, b: Point) -> f64 {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }
    let (p1, p2, q1, q2) = (a.0, a.1, b.0, b.1);
    let d1 = cross(q1, q2, p1);
    let d2 = cross(q1, q2, p2);
    let d3 = cross(p1, p2, q1);
    let d4 = cross(p1, p2, q2);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return 0.0;
    }
    pt_seg(p1, b)
        .min(pt_seg(p2, b))
        .min(pt_seg(q1, a))
        .min(pt_seg(q2, a))
}

/// The outline of a symbol as segments (a diamond for a decision, else its box).
pub fn outline(kind: SymbolKind, b: &Rect) -> Vec<(Point, Point)> {
    let (x0, y0, x1, y1) = (b.x, b.y, b.x + b.w, b.y + b.h);
    let pts = if kind == SymbolKind::Decision {
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        vec![
            Point::new(cx, y0),
            Point::new(x1, cy),
            Point::new(cx, y1),
            Point::new(x0, cy),
        ]
    } else {
        vec![
            Point::new(x0, y0),
            Point::new(x1, y0),
            Point::new(x1, y1),
            Point::new(x0, y1),
        ]
    };
    (0..pts.len())
        .map(|i| (pts[i], pts[(i + 1) % pts.len()]))
        .collect()
}

fn segments(path: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    path.windows(2).map(|w| (w[0], w[1]))
}

fn horizontal(s: (Point, Point)) -> bool {
    (s.0.y - s.1.y).abs() < 1e-6
}

/// Length over which two parallel axis-aligned segments run side by side.
fn overlap(a: (Point, Point), b: (Point, Point)) -> f64 {
    let (a0, a1, b0, b1) = if horizontal(a) {
        (a.0.x, a.1.x, b.0.x, b.1.x)
    } else {
        (a.0.y, a.1.y, b.0.y, b.1.y)
    };
    (a0.max(a1).min(b0.max(b1)) - a0.min(a1).max(b0.min(b1))).max(0.0)
}

/// Gap between two parallel axis-aligned segments.
fn gap(a: (Point, Point), b: (Point, Point)) -> f64 {
    if horizontal(a) {
        (a.0.y - b.0.y).abs()
    } else {
        (a.0.x - b.0.x).abs()
    }
}

/// Breaks of the router's spacing rules, by rule:
/// `rules`: an arrow segment parallel to a table rule closer than 2 mm (over more than
/// 0.5 pt of its length); `parallel`: parallel segments of two arrows to different
/// targets closer than 2 mm; `symbols`: an arrow closer than 1.5 mm to a symbol it does
/// not leave or enter; `labels`: an exit label further than 5 mm from the start of its
/// arrow, or nearer the decision's other exit than its own.
#[derive(Debug, Default)]
pub struct Clearance {
    pub rules: Vec<String>,
    pub parallel: Vec<String>,
    pub symbols: Vec<String>,
    pub labels: Vec<String>,
}

/// Measures the spacing rules on every flowchart page.
pub fn clearance(doc: &Document, sop: &Sop) -> Clearance {
    let (_, mut labels, far) = check_all(doc, sop);
    labels.extend(far);
    let mut out = Clearance {
        labels,
        ..Clearance::default()
    };
    for r in read(doc, sop) {
        let page = r.page + 1;
        let mut rules: Vec<(Point, Point)> = Vec::new();
        for f in &r.frames {
            for s in outline(SymbolKind::Process, f) {
                if !rules.iter().any(|q| {
                    (q.0.x - s.0.x).abs() < 1e-6
                        && (q.0.y - s.0.y).abs() < 1e-6
                        && (q.1.x - s.1.x).abs() < 1e-6
                        && (q.1.y - s.1.y).abs() < 1e-6
                }) {
                    rules.push(s);
                }
            }
        }
        for (k, a) in r.arrows.iter().enumerate() {
            for s in segments(&a.path) {
                if seg_len(s) < 1e-6 {
                    continue;
                }
                for q in &rules {
                    if horizontal(s) == horizontal(*q)
                        && overlap(s, *q) > 0.5
                        && gap(s, *q) < 2.0 * MM
                    {
                        out.rules.push(format!(
                            "page {page}: arrow {k} segment {:?}-{:?} runs {:.2} mm from a table rule",
                            s.0,
                            s.1,
                            gap(s, *q) / MM
                        ));
                        break;
                    }
                }
                for (j, b) in r.arrows.iter().enumerate().skip(k + 1) {
                    if b.to == a.to {
                        continue;
                    }
                    for t in segments(&b.path) {
                        if seg_len(t) > 1e-6
                            && horizontal(s) == horizontal(t)
                            && overlap(s, t) > 0.5
                            && gap(s, t) < 2.0 * MM
                        {
                            out.parallel.push(format!(
                                "page {page}: arrows {k} and {j} run {:.2} mm apart",
                                gap(s, t) / MM
                            ));
                        }
                    }
                }
                let ends = [a.from, a.to];
                for (i, kind, b) in &r.symbols {
                    if ends.contains(&End::Step(*i)) {
                        continue;
                    }
                    let d = outline(*kind, b)
                        .into_iter()
                        .map(|o| seg_distance(s, o))
                        .fold(f64::MAX, f64::min);
                    if d < 1.5 * MM {
                        out.symbols.push(format!(
                            "page {page}: arrow {k} passes {:.2} mm from step {}",
                            d / MM,
                            sop.steps[*i].number
                        ));
                    }
                }
                for (c, (letter, b)) in r.connectors.iter().enumerate() {
                    if ends.contains(&End::Connector(c)) {
                        continue;
                    }
                    let d = rect_distance(b, &seg_rect(s.0, s.1));
                    if d < 1.5 * MM {
                        out.symbols.push(format!(
                            "page {page}: arrow {k} passes {:.2} mm from connector {letter}",
                            d / MM
                        ));
                    }
                }
            }
        }
    }
    out
}

fn seg_len(s: (Point, Point)) -> f64 {
    (s.0.x - s.1.x).hypot(s.0.y - s.1.y)
}
