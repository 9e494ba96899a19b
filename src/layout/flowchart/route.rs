//! Arrow routing on one flowchart page. Arrows are orthogonal. An arrow to the next row
//! leaves a symbol at the bottom and enters the next at the top; every other arrow
//! (loops back, forward jumps, the second exit of a decision) leaves from a side and
//! runs up or down a track in the free space beside the symbols, then enters its
//! target from the side. A track is taken only where no symbol, connector or other
//! arrow's segment lies on it.

use super::Edge;
use crate::layout::document::{Arrow, Point, Rect, SymbolKind};
use crate::layout::style::{self, clear as gap, flow};
use crate::source::Span;

/// A shape arrows attach to: a step's symbol or an off-page connector.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Which symbol.
    pub kind: SymbolKind,
    /// Bounding box.
    pub rect: Rect,
}

impl Shape {
    fn center(&self) -> Point {
        Point::new(
            self.rect.x + self.rect.w / 2.0,
            self.rect.y + self.rect.h / 2.0,
        )
    }

    /// The point where a horizontal arrow at height `y` meets the right (`right`) or
    /// left side of the shape.
    pub fn side_at(&self, right: bool, y: f64) -> Point {
        let c = self.center();
        let (hw, hh) = (self.rect.w / 2.0, self.rect.h / 2.0);
        let d = (y - c.y).abs().min(hh);
        let dx = match self.kind {
            SymbolKind::Process => hw,
            SymbolKind::OffPageConnector => hw,
            SymbolKind::Decision => hw * (1.0 - d / hh),
            SymbolKind::Terminator => {
                let r = hh.min(hw);
                (hw - r) + (r * r - d * d).max(0.0).sqrt()
            }
        };
        Point::new(if right { c.x + dx } else { c.x - dx }, y)
    }

    /// Middle of the bottom (the tip, for a connector).
    pub fn bottom(&self) -> Point {
        Point::new(self.rect.x + self.rect.w / 2.0, self.rect.bottom())
    }

    /// Middle of the top.
    pub fn top(&self) -> Point {
        Point::new(self.rect.x + self.rect.w / 2.0, self.rect.y)
    }

    /// Room above and below the centre where side entries may be spread.
    fn spread(&self) -> f64 {
        match self.kind {
            SymbolKind::Decision => self.rect.h * 0.28,
            SymbolKind::OffPageConnector => self.rect.h * 0.2,
            _ => self.rect.h * 0.32,
        }
    }
}

/// A horizontal or vertical piece of an arrow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start.
    pub a: Point,
    /// End.
    pub b: Point,
}

impl Segment {
    fn is_vertical(&self) -> bool {
        (self.a.x - self.b.x).abs() < 1e-9
    }

    /// Where two perpendicular segments cross, more than `end` inside each.
    pub fn crossing(&self, o: &Segment, end: f64) -> Option<Point> {
        let (v, h) = match (self.is_vertical(), o.is_vertical()) {
            (true, false) => (self, o),
            (false, true) => (o, self),
            _ => return None,
        };
        let x = Point::new(v.a.x, h.a.y);
        (v.crossing_clear(x, end) && h.crossing_clear(x, end)).then_some(x)
    }

    /// True when `p` lies on the segment more than `end` from both its ends.
    fn crossing_clear(&self, p: Point, end: f64) -> bool {
        let inside = |v: f64, a: f64, b: f64| v > a.min(b) + end && v < a.max(b) - end;
        if self.is_vertical() {
            inside(p.y, self.a.y, self.b.y)
        } else {
            inside(p.x, self.a.x, self.b.x)
        }
    }

    /// True when the segment passes through the inside of `r`.
    pub fn hits(&self, r: &Rect) -> bool {
        let (x0, x1) = (self.a.x.min(self.b.x), self.a.x.max(self.b.x));
        let (y0, y1) = (self.a.y.min(self.b.y), self.a.y.max(self.b.y));
        x1 > r.x && x0 < r.right() && y1 > r.y && y0 < r.bottom()
    }

    /// True when the two segments run along each other (closer than 2 mm, sharing a
    /// stretch).
    pub fn overlaps(&self, o: &Segment) -> bool {
        self.overlaps_within(o, gap::PARALLEL)
    }

    /// True when the two segments run along each other closer than `near`.
    pub fn overlaps_within(&self, o: &Segment, near: f64) -> bool {
        const NEAR: f64 = 0.0;
        let near = near.max(NEAR);
        if self.is_vertical() != o.is_vertical() {
            return false;
        }
        if self.is_vertical() {
            let (a0, a1) = (self.a.y.min(self.b.y), self.a.y.max(self.b.y));
            let (b0, b1) = (o.a.y.min(o.b.y), o.a.y.max(o.b.y));
            (self.a.x - o.a.x).abs() < near && a1.min(b1) - a0.max(b0) > 0.5
        } else {
            let (a0, a1) = (self.a.x.min(self.b.x), self.a.x.max(self.b.x));
            let (b0, b1) = (o.a.x.min(o.b.x), o.a.x.max(o.b.x));
            (self.a.y - o.a.y).abs() < near && a1.min(b1) - a0.max(b0) > 0.5
        }
    }
}

/// The side a channel arrow leaves or enters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// Left.
    Left,
    /// Right.
    Right,
}

/// Everything already on the page that a new arrow must avoid.
#[derive(Debug, Default)]
pub struct Obstacles {
    /// Symbols and connectors.
    pub shapes: Vec<Rect>,
    /// Segments of arrows already routed.
    pub segments: Vec<Segment>,
    /// How close a strict search lets an arrow run along another: 2 mm, or less on
    /// the tight tracks.
    pub near: f64,
    /// How close it lets an arrow pass a symbol: 1.5 mm, or less on the tight
    /// tracks.
    pub margin: f64,
}

impl Obstacles {
    /// The same obstacles for the last searches, which let arrows pack closer: 3 pt
    /// from one another and 1 pt from the symbols.
    pub fn loose(&self) -> Obstacles {
        Obstacles {
            shapes: self.shapes.clone(),
            segments: self.segments.clone(),
            near: 1.6,
            margin: 1.0,
        }
    }
}

impl Obstacles {
    fn clear(&self, seg: &Segment, except: &[Rect], strict: bool) -> bool {
        let blocked = self
            .shapes
            .iter()
            .any(|r| !except.iter().any(|e| e == r) && seg.hits(&inflate(r, self.margin)));
        if blocked {
            return false;
        }
        !strict
            || !self
                .segments
                .iter()
                .any(|s| s.overlaps_within(seg, self.near))
    }
}

fn inflate(r: &Rect, d: f64) -> Rect {
    Rect::new(r.x - d, r.y - d, r.w + 2.0 * d, r.h + 2.0 * d)
}

/// True when no segment of `path` passes through a shape (other than `except`) or,
/// when `strict`, runs along an arrow already drawn.
pub(super) fn clear(path: &[Point], obstacles: &Obstacles, except: &[Rect], strict: bool) -> bool {
    path.windows(2)
        .all(|p| obstacles.clear(&Segment { a: p[0], b: p[1] }, except, strict))
}

/// Marks every place where an arrow crosses an earlier one with a line jump: on the
/// horizontal one of the two where the crossing is clear of its ends, else on the
/// other. A line that ends on another (joining it) does not cross it.
pub(super) fn add_jumps(arrows: &mut [(Arrow, Option<Span>)]) {
    let ends = style::JUMP + 0.5;
    for k in 0..arrows.len() {
        for j in 0..k {
            let mut found: Vec<(usize, Point)> = Vec::new();
            for a in arrows[k].0.path.windows(2) {
                for b in arrows[j].0.path.windows(2) {
                    let (sa, sb) = (Segment { a: a[0], b: a[1] }, Segment { a: b[0], b: b[1] });
                    let Some(x) = sa.crossing(&sb, 0.5) else {
                        continue;
                    };
                    let fits = |s: &Segment| s.crossing_clear(x, ends);
                    let on = match (sa.is_vertical(), fits(&sa), fits(&sb)) {
                        (false, true, _) | (true, true, false) => k,
                        _ => j,
                    };
                    found.push((on, x));
                }
            }
            for (on, x) in found {
                arrows[on].0.jumps.push(x);
            }
        }
    }
}

/// A straight or elbowed arrow from the bottom of `from` to the top of `to`, the row
/// below, `rule_y` being the rule between them; `others` are the other symbols of the
/// page, which the legs of an elbow must not run into (a `lalu` symbol under `from`,
/// another above `to`).
pub fn direct(from: &Shape, to: &Shape, rule_y: f64, others: &[Rect]) -> Vec<Point> {
    let s = from.bottom();
    let t = to.top();
    // The elbow runs in the middle of the wider of the two gaps beside the rule between
    // the rows, as far from the rule as from the symbol. The gap below ends at the
    // first symbol under `from`'s leg, the gap above at the last one over `to`'s.
    let under = |x: f64, r: &Rect| x >= r.x - gap::SYMBOL && x <= r.right() + gap::SYMBOL;
    let floor = others
        .iter()
        .filter(|r| under(s.x, r) && r.y >= rule_y - 0.5 && r.y < t.y)
        .map(|r| r.y - gap::SYMBOL)
        .fold(t.y, f64::min);
    let ceiling = others
        .iter()
        .filter(|r| under(t.x, r) && r.bottom() <= rule_y + 0.5 && r.bottom() > s.y)
        .map(|r| r.bottom() + gap::SYMBOL)
        .fold(s.y, f64::max);
    let (above, below) = (rule_y - ceiling, floor - rule_y);
    let elbow = if above >= below || below < 2.0 * gap::LAST_SEGMENT {
        ceiling + above / 2.0
    } else {
        rule_y + below / 2.0
    };
    // Where the two shapes share an x range, go straight down.
    let lo = from.rect.x.max(to.rect.x) + 2.0;
    let hi = from.rect.right().min(to.rect.right()) - 2.0;
    if lo <= hi {
        let x = t.x.clamp(lo, hi);
        let x = if (s.x - t.x).abs() < 0.01 { s.x } else { x };
        let start = match from.kind {
            SymbolKind::Decision => s,
            _ => Point::new(x, s.y),
        };
        let end = match to.kind {
            SymbolKind::Decision | SymbolKind::OffPageConnector => t,
            _ => Point::new(x, t.y),
        };
        if (start.x - end.x).abs() < 0.01 {
            return vec![start, end];
        }
        let turn = elbow;
        return vec![
            start,
            Point::new(start.x, turn),
            Point::new(end.x, turn),
            end,
        ];
    }
    vec![s, Point::new(s.x, elbow), Point::new(t.x, elbow), t]
}

/// Vertical tracks beside the symbols: near both edges of every lane.
pub fn tracks(lanes: &[(f64, f64)], symbol_w: f64) -> Vec<f64> {
    let mut out = Vec::new();
    for &(x, w) in lanes {
        let gap = (w - symbol_w) / 2.0;
        let mut d = flow::TRACK_EDGE;
        while d <= gap - flow::TRACK_SYMBOL {
            out.push(x + d);
            out.push(x + w - d);
            d += flow::TRACK;
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    out
}

/// Tracks packed closer, 3 pt from the rules and from each other, for the arrows
/// that find no free track among [`tracks`]: an arrow on them breaks the clearance
/// rules (and is counted so by `verify::clearance`), but is still better than one
/// across a symbol.
pub fn tight_tracks(lanes: &[(f64, f64)], symbol_w: f64) -> Vec<f64> {
    let mut out = Vec::new();
    for &(x, w) in lanes {
        let gap = ((w - symbol_w) / 2.0).max(2.0);
        let mut d = 2.5;
        while d <= gap - 1.5 {
            out.push(x + d);
            out.push(x + w - d);
            d += 3.0;
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    out
}

/// How many tracks each side of a symbol needs: for every row, the arrows that run
/// beside the symbols past it, shared among the lane sides its symbol leaves free (a
/// step of several actors covers the sides between its lanes).
pub(super) fn tracks_needed(edges: &[Edge], spans: &[(usize, usize)], lanes: usize) -> usize {
    let n = spans.len();
    let mut load = vec![0usize; n];
    for e in edges
        .iter()
        .filter(|e| e.to_row != e.from_row + 1 && e.to_row != e.from_row)
    {
        let (a, b) = (e.from_row.min(e.to_row), e.from_row.max(e.to_row));
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

/// A side-to-side arrow: out of `from` at `(from_side, from_y)`, along a track, into
/// `to`'s side facing the track at `to_y`. Returns the path and the side it enters by,
/// or `None` when no track is free.
#[allow(clippy::too_many_arguments)]
pub fn channel(
    from: &Shape,
    from_side: Side,
    from_y: f64,
    to: &Shape,
    to_y_for: &dyn Fn(Side) -> Option<f64>,
    tracks: &[f64],
    obstacles: &Obstacles,
    strict: bool,
) -> Option<(Vec<Point>, Side)> {
    let s = from.side_at(from_side == Side::Right, from_y);
    let mut best: Option<(f64, Vec<Point>, Side)> = None;
    for &x in tracks {
        let ok_from = match from_side {
            Side::Right => x >= from.rect.right() + flow::TRACK_SYMBOL - 0.01,
            Side::Left => x <= from.rect.x - flow::TRACK_SYMBOL + 0.01,
        };
        if !ok_from {
            continue;
        }
        let side = if x >= to.rect.right() + flow::TRACK_SYMBOL - 0.01 {
            Side::Right
        } else if x <= to.rect.x - flow::TRACK_SYMBOL + 0.01 {
            Side::Left
        } else {
            continue;
        };
        let Some(ty) = to_y_for(side) else { continue };
        if strict && (x - to.side_at(side == Side::Right, ty).x).abs() < gap::LAST_SEGMENT {
            continue;
        }
        let t = to.side_at(side == Side::Right, ty);
        let path = vec![s, Point::new(x, s.y), Point::new(x, t.y), t];
        let except = [from.rect, to.rect];
        let segs = [
            Segment {
                a: path[0],
                b: path[1],
            },
            Segment {
                a: path[1],
                b: path[2],
            },
            Segment {
                a: path[2],
                b: path[3],
            },
        ];
        if !segs.iter().all(|g| obstacles.clear(g, &except, strict)) {
            continue;
        }
        let cost = (x - s.x).abs() + (x - t.x).abs();
        if best.as_ref().is_none_or(|b| cost < b.0 - 1e-9) {
            best = Some((cost, path, side));
        }
    }
    best.map(|(_, p, side)| (p, side))
}

/// The y of the `n`-th entry into one side of a shape: the centre first (unless the side
/// already carries an exit), then alternately above and below.
pub fn entry_y(shape: &Shape, n: usize, centre_taken: bool) -> f64 {
    let c = shape.rect.y + shape.rect.h / 2.0;
    // Entries 2 mm apart where the side has room for them (rule 2), closer on a
    // small symbol.
    let step = (gap::PARALLEL + 0.25).min(shape.spread()).max(2.0);
    let k = if centre_taken { n + 1 } else { n };
    if k == 0 {
        return c;
    }
    let i = k.div_ceil(2) as f64;
    let off = (i * step).min(shape.spread());
    if k % 2 == 1 { c - off } else { c + off }
}

/// True when a connector at `r` keeps clear of the connectors placed and of `segs`.
pub(super) fn free_rect(r: &Rect, placed: &[Rect], segs: &[Segment]) -> bool {
    let wide = Rect::new(r.x - 3.0, r.y - 1.0, r.w + 6.0, r.h + 2.0);
    !placed.iter().any(|o| o.overlaps(&wide)) && !segs.iter().any(|s| s.hits(&wide))
}

/// The first connector place, band row by row and candidate by candidate, whose
/// rectangle is free and whose arrow (`make` gives its path, the shapes it may touch and
/// a value to return) is clear. Levels: 0 strict; 1 the arrow may run along another;
/// 2 the connector may also sit on an arrow.
pub(super) fn search_band<T>(
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

/// Sorts candidate places nearest to `pref` first (the leftmost first of two as near).
pub(super) fn nearest_first(xs: &mut [f64], pref: f64) {
    xs.sort_by(|a, b| {
        (a - pref)
            .abs()
            .total_cmp(&(b - pref).abs())
            .then(a.total_cmp(b))
    });
}

/// The free connector place in a band nearest to `pref`.
pub(super) fn place_near(
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
    nearest_first(&mut rest, pref);
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

/// The places of connectors in a page's bands: a connector stands in a band row,
/// inside one lane.
pub(super) struct Slots {
    /// The top band: (top y, height).
    pub(super) top: Option<(f64, f64)>,
    /// The bottom band.
    pub(super) bottom: Option<(f64, f64)>,
    /// (left, width) of every lane.
    pub(super) lanes: Vec<(f64, f64)>,
}

impl Slots {
    /// The connector centred at `x` in band row `row` of the top or bottom band, if it
    /// fits in the band and in one lane.
    pub(super) fn rect(&self, top: bool, x: f64, row: usize) -> Option<Rect> {
        let (y, h) = if top { self.top? } else { self.bottom? };
        let r = Rect::new(
            x - flow::CONNECTOR / 2.0,
            y + row as f64 * flow::BAND
                + if top {
                    CONNECTOR_EDGE
                } else {
                    flow::BAND - flow::CONNECTOR - CONNECTOR_EDGE
                },
            flow::CONNECTOR,
            flow::CONNECTOR,
        );
        let in_lane = self.lanes.iter().any(|(lx, lw)| {
            r.x >= lx + gap::LABEL + 0.1 && r.right() <= lx + lw - gap::LABEL - 0.1
        });
        (r.bottom() <= y + h + 1e-6 && in_lane).then_some(r)
    }
}

/// What a search for a connector's place looks at: the band places, the candidate
/// centres, the connectors placed and the page's obstacles.
pub(super) struct Band<'a> {
    /// The band places.
    pub(super) slots: &'a Slots,
    /// Candidate connector centres.
    pub(super) xs: &'a [f64],
    /// Connectors placed.
    pub(super) placed: &'a [Rect],
    /// Symbols, connectors and arrows already on the page.
    pub(super) obstacles: &'a Obstacles,
}

/// Down a track beside the step, across the corridor just above a band row and down
/// into a connector there, past connectors of the rows above: the connector and the
/// path from `s` on the side of `from`.
pub(super) fn corridor_down(
    band: &Band<'_>,
    s: Point,
    side_tracks: &[f64],
    from: Rect,
) -> Option<(Rect, Vec<Point>)> {
    for row in 0..8 {
        for &cx in band.xs {
            let Some(r) = band.slots.rect(false, cx, row) else {
                continue;
            };
            if !free_rect(&r, band.placed, &band.obstacles.segments) {
                continue;
            }
            let cy = r.y - CORRIDOR;
            for &xt in side_tracks {
                let path = down_path(s, xt, cy, cx, r.y);
                if clear(&path, band.obstacles, &[from, r], true) {
                    return Some((r, path));
                }
            }
        }
    }
    None
}

/// Room between a connector and the edge of its band row away from its arrows: the
/// connector stands low in a row of the bottom band and high in one of the top band,
/// so that the arrows reach it through a corridor with room for a whole last segment.
const CONNECTOR_EDGE: f64 = 6.0;

/// Distance from a connector to the corridor beside it in its band row: 2 mm from the
/// band's rule, and at least a last segment ([`gap::LAST_SEGMENT`]) from the connector.
const CORRIDOR: f64 = flow::BAND - flow::CONNECTOR - CONNECTOR_EDGE - flow::TRACK_EDGE;

const _: () = assert!(CORRIDOR >= gap::LAST_SEGMENT && CONNECTOR_EDGE >= gap::LABEL);

fn down_path(s: Point, xt: f64, cy: f64, cx: f64, end: f64) -> Vec<Point> {
    vec![
        s,
        Point::new(xt, s.y),
        Point::new(xt, cy),
        Point::new(cx, cy),
        Point::new(cx, end),
    ]
}

/// The last resort for an arrow into the bottom band: any free connector place,
/// reached through the corridor above it; the first place tried when none is clear.
pub(super) fn anywhere_down(
    band: &Band<'_>,
    s: Point,
    xts: &[f64],
    from: Rect,
) -> Option<(Rect, Vec<Point>)> {
    let mut best: Option<(Rect, Vec<Point>)> = None;
    for strict in [true, false] {
        for row in 0..8 {
            for &cx in band.xs {
                let Some(r) = band.slots.rect(false, cx, row) else {
                    continue;
                };
                if !free_rect(&r, band.placed, &[]) {
                    continue;
                }
                for dy in [CORRIDOR, CORRIDOR - 3.0, CORRIDOR + 3.0] {
                    for &xt in xts {
                        let path = down_path(s, xt, r.y - dy, cx, r.y);
                        if best.is_none() {
                            best = Some((r, path.clone()));
                        }
                        if clear(&path, band.obstacles, &[from, r], strict) {
                            return Some((r, path));
                        }
                    }
                }
            }
        }
    }
    best
}

/// Out of a connector in the top band, across the corridor just below its band row
/// and down a track to the side of `to` (at the height `entry` gives for that side):
/// the connector, the path and the side it enters by.
pub(super) fn corridor_up(
    band: &Band<'_>,
    to: &Shape,
    tracks: &[f64],
    entry: &dyn Fn(Side) -> f64,
) -> Option<(Rect, Vec<Point>, Side)> {
    let tc = to.rect.x + to.rect.w / 2.0;
    for row in 0..8 {
        for &cx in band.xs {
            let Some(r) = band.slots.rect(true, cx, row) else {
                continue;
            };
            if !free_rect(&r, band.placed, &band.obstacles.segments) {
                continue;
            }
            let cy = r.bottom() + CORRIDOR;
            for &xt in tracks {
                let side = if xt > tc { Side::Right } else { Side::Left };
                if !(xt >= to.rect.right() + gap::LAST_SEGMENT
                    || xt <= to.rect.x - gap::LAST_SEGMENT)
                {
                    continue;
                }
                let ty = entry(side);
                let t = to.side_at(side == Side::Right, ty);
                let path = vec![
                    Point::new(cx, r.bottom()),
                    Point::new(cx, cy),
                    Point::new(xt, cy),
                    Point::new(xt, ty),
                    t,
                ];
                if clear(&path, band.obstacles, &[to.rect, r], true) {
                    return Some((r, path, side));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diamond_side_points_lie_on_its_edges() {
        let d = Shape {
            kind: SymbolKind::Decision,
            rect: Rect::new(0.0, 0.0, 40.0, 20.0),
        };
        assert_eq!(d.side_at(true, 10.0), Point::new(40.0, 10.0));
        let p = d.side_at(false, 5.0);
        assert!((p.x - 10.0).abs() < 1e-9);
    }

    #[test]
    fn overlapping_segments() {
        let a = Segment {
            a: Point::new(0.0, 0.0),
            b: Point::new(0.0, 10.0),
        };
        let b = Segment {
            a: Point::new(0.5, 5.0),
            b: Point::new(0.5, 20.0),
        };
        let c = Segment {
            a: Point::new(0.0, 11.0),
            b: Point::new(0.0, 20.0),
        };
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
    }
}
