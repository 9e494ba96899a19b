//! Arrow routing on one flowchart page. Arrows are orthogonal. An arrow to the next row
//! leaves a symbol at the bottom and enters the next at the top; every other arrow
//! (loops back, forward jumps, the second exit of a decision) leaves from a side and
//! runs up or down a track in the free space beside the symbols, then enters its
//! target from the side. A track is taken only where no symbol, connector or other
//! arrow's segment lies on it.

use super::Edge;
use crate::layout::document::{Point, Rect, SymbolKind};
use crate::layout::style::flow;

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

    /// True when the segment passes through the inside of `r`.
    pub fn hits(&self, r: &Rect) -> bool {
        let (x0, x1) = (self.a.x.min(self.b.x), self.a.x.max(self.b.x));
        let (y0, y1) = (self.a.y.min(self.b.y), self.a.y.max(self.b.y));
        x1 > r.x && x0 < r.right() && y1 > r.y && y0 < r.bottom()
    }

    /// True when the two segments run along each other (same line, overlapping).
    pub fn overlaps(&self, o: &Segment) -> bool {
        const NEAR: f64 = 1.6;
        if self.is_vertical() != o.is_vertical() {
            return false;
        }
        if self.is_vertical() {
            let (a0, a1) = (self.a.y.min(self.b.y), self.a.y.max(self.b.y));
            let (b0, b1) = (o.a.y.min(o.b.y), o.a.y.max(o.b.y));
            (self.a.x - o.a.x).abs() < NEAR && a1.min(b1) - a0.max(b0) > 0.5
        } else {
            let (a0, a1) = (self.a.x.min(self.b.x), self.a.x.max(self.b.x));
            let (b0, b1) = (o.a.x.min(o.b.x), o.a.x.max(o.b.x));
            (self.a.y - o.a.y).abs() < NEAR && a1.min(b1) - a0.max(b0) > 0.5
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
}

impl Obstacles {
    fn clear(&self, seg: &Segment, except: &[Rect], strict: bool) -> bool {
        let blocked = self
            .shapes
            .iter()
            .any(|r| !except.iter().any(|e| e == r) && seg.hits(&inflate(r, 1.0)));
        if blocked {
            return false;
        }
        !strict || !self.segments.iter().any(|s| s.overlaps(seg))
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

/// A straight or elbowed arrow from the bottom of `from` to the top of `to`, the row
/// below. The elbow runs just below the source.
pub fn direct(from: &Shape, to: &Shape) -> Vec<Point> {
    let s = from.bottom();
    let t = to.top();
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
        let turn = s.y + ((t.y - s.y) / 2.0).min(10.0);
        return vec![
            start,
            Point::new(start.x, turn),
            Point::new(end.x, turn),
            end,
        ];
    }
    let turn = s.y + ((t.y - s.y) / 2.0).clamp(1.0, 10.0);
    vec![s, Point::new(s.x, turn), Point::new(t.x, turn), t]
}

/// Vertical tracks beside the symbols: near both edges of every lane.
pub fn tracks(lanes: &[(f64, f64)], symbol_w: f64) -> Vec<f64> {
    let mut out = Vec::new();
    for &(x, w) in lanes {
        let gap = ((w - symbol_w) / 2.0).max(2.0);
        let mut d = 2.5;
        while d <= gap - 1.5 {
            out.push(x + d);
            out.push(x + w - d);
            d += flow::TRACK;
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

/// A side-to-side arrow: out of `from` at `(from_side, from_y)`, along a track, into
/// `to`'s side facing the track at `to_y`. Returns the path and the side it enters by,
/// or `None` when no track is free.
#[allow(clippy::too_many_arguments)]
pub fn channel(
    from: &Shape,
    from_side: Side,
    from_y: f64,
    to: &Shape,
    to_y_for: &dyn Fn(Side) -> f64,
    tracks: &[f64],
    obstacles: &Obstacles,
    strict: bool,
) -> Option<(Vec<Point>, Side)> {
    let s = from.side_at(from_side == Side::Right, from_y);
    let mut best: Option<(f64, Vec<Point>, Side)> = None;
    for &x in tracks {
        let ok_from = match from_side {
            Side::Right => x >= s.x + 3.0,
            Side::Left => x <= s.x - 3.0,
        };
        if !ok_from {
            continue;
        }
        let side = if x >= to.rect.right() + 3.0 {
            Side::Right
        } else if x <= to.rect.x - 3.0 {
            Side::Left
        } else {
            continue;
        };
        let ty = to_y_for(side);
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
    let step = (shape.spread() / 2.0).clamp(2.0, 5.0);
    let k = if centre_taken { n + 1 } else { n };
    if k == 0 {
        return c;
    }
    let i = k.div_ceil(2) as f64;
    let off = (i * step).min(shape.spread());
    if k % 2 == 1 { c - off } else { c + off }
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
