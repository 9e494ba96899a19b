//! The exit labels of decisions ("Ya", "Tidak"): refused up front when one cannot fit
//! in a lane, and placed on each page once its arrows are routed.

use super::route::{Obstacles, Segment, Shape};
use crate::diag::Diagnostic;
use crate::layout::document::{Font, Point, Rect, SymbolKind};
use crate::layout::sink::{Sink, TextLine};
use crate::layout::style::{self, clear};
use crate::layout::text;
use crate::model::Sop;
use crate::source::Span;

/// An exit label is placed inside one lane, on one line: one wider than a lane cannot
/// be drawn without crossing a table rule or leaving the page.
pub(super) fn labels_fit(sop: &Sop, lane_w: f64) -> Result<(), Box<Diagnostic>> {
    let room = lane_w - 1.0;
    for step in &sop.steps {
        let decisions = step
            .decision
            .iter()
            .chain(step.then.iter().flat_map(|t| t.decision.iter()));
        let branches = |d: &'_ crate::model::Decision| {
            d.branches
                .iter()
                .filter_map(|b| b.label.as_ref())
                .cloned()
                .collect::<Vec<_>>()
        };
        let labels: Vec<_> = decisions
            .flat_map(|d| {
                if d.branches.is_empty() {
                    d.labels.to_vec()
                } else {
                    branches(d)
                }
            })
            .collect();
        for l in &labels {
            let w = text::width(&l.value, Font::Regular, style::LABEL);
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

/// Places the exit labels of decisions ("Ya", "Tidak") beside the start of their
/// arrows: inside one lane (never across a table rule), clear of every arrow, of the
/// symbols' outlines and of the other labels, as near to the exit as possible.
pub(super) fn place_labels(
    sink: &mut Sink,
    obstacles: &Obstacles,
    steps: &[Shape],
    lanes: &[(f64, f64)],
    labels: Vec<(Vec<Point>, String, Rect, Option<Span>)>,
) -> bool {
    let mut placed: Vec<Rect> = Vec::new();
    let mut all_free = true;
    let paths: Vec<Vec<Point>> = labels.iter().map(|(p, ..)| p.clone()).collect();
    for (k, (path, text, row, source)) in labels.into_iter().enumerate() {
        let size = style::LABEL;
        let w = text::width(&text, Font::Regular, size);
        let h = text::line_height(Font::Regular, size);
        let cands = candidates(&path, w, h, &row, lanes);
        let spot = Spot {
            obstacles,
            steps,
            lanes,
            paths: &paths,
            k,
            row,
            placed: &placed,
        };
        let (r, free) = spot.choose(&cands);
        all_free &= free;
        placed.push(r);
        sink.text(r.x, r.y, TextLine::new(text, Font::Regular, size), source);
    }
    all_free
}

/// The search for the place of one exit label, with what it must keep clear of.
struct Spot<'a> {
    obstacles: &'a Obstacles,
    steps: &'a [Shape],
    lanes: &'a [(f64, f64)],
    /// The arrow of every exit on the page.
    paths: &'a [Vec<Point>],
    /// The label's own exit: its index in `paths`.
    k: usize,
    /// The row of the label's step.
    row: Rect,
    /// The labels placed before.
    placed: &'a [Rect],
}

impl Spot<'_> {
    /// The place of the label among `cands`, and whether it is free: the first free
    /// one, else the free place in some lane nearest to its own first segments, else
    /// the first clear of arrows and symbols, else the first.
    fn choose(&self, cands: &[Rect]) -> (Rect, bool) {
        let first = cands.iter().find(|r| self.free(r));
        let r = first
            .or_else(|| self.nearest(cands))
            // Crowded: at least keep clear of arrows and symbols.
            .or_else(|| cands.iter().find(|r| self.clear(r)))
            .copied()
            .unwrap_or(cands[0]);
        (r, first.is_some())
    }

    /// The arrow of the label's own exit.
    fn path(&self) -> &[Point] {
        &self.paths[self.k]
    }

    /// Inside the row and one lane, off their rules.
    fn in_lane(&self, r: &Rect) -> bool {
        let m = clear::LABEL + 0.1;
        r.y >= self.row.y + m
            && r.bottom() <= self.row.bottom() - m
            && self
                .lanes
                .iter()
                .any(|(x, lw)| r.x >= x + m && r.right() <= x + lw - m)
    }

    /// Beside its own line: within reach of the first two segments of its arrow.
    fn reach(&self, r: &Rect) -> bool {
        let wide = Rect::new(
            r.x - clear::LABEL_REACH,
            r.y - clear::LABEL_REACH,
            r.w + 2.0 * clear::LABEL_REACH,
            r.h + 2.0 * clear::LABEL_REACH,
        );
        self.path()
            .windows(2)
            .take(2)
            .any(|p| Segment { a: p[0], b: p[1] }.hits(&wide))
    }

    /// Nearer its own line than the first segments of any other exit's.
    fn own_nearest(&self, r: &Rect) -> bool {
        let d = near_to(r, self.path());
        self.paths
            .iter()
            .enumerate()
            .all(|(j, o)| j == self.k || near_to(r, o) > d)
    }

    /// Clear of every arrow (by half a point), symbol and label, beside its own line.
    fn free(&self, r: &Rect) -> bool {
        let ring = Rect::new(r.x - 0.5, r.y - 0.5, r.w + 1.0, r.h + 1.0);
        self.in_lane(r)
            && self.reach(r)
            && self.own_nearest(r)
            && !self.obstacles.segments.iter().any(|s| s.hits(&ring))
            && !self.steps.iter().any(|s| shape_hits(s, r))
            && !self
                .obstacles
                .shapes
                .iter()
                .any(|s| !self.steps.iter().any(|t| t.rect == *s) && s.overlaps(r))
            && !self.placed.iter().any(|o| o.overlaps(r))
    }

    /// The place among `cands` inside a lane, nearest to its own first segments (within
    /// 5 mm of them), clear of arrows, symbols and the labels placed before.
    fn nearest<'c>(&self, cands: &'c [Rect]) -> Option<&'c Rect> {
        let own = |r: &Rect| near_to(r, self.path());
        cands
            .iter()
            .filter(|r| {
                self.in_lane(r)
                    && own(r) <= 5.0 * style::MM
                    && self.own_nearest(r)
                    && self.clear(r)
                    && !self.placed.iter().any(|o| o.overlaps(r))
            })
            .min_by(|a, b| own(a).total_cmp(&own(b)))
    }

    /// Clear of the arrows and of the steps' symbols.
    fn clear(&self, r: &Rect) -> bool {
        !self.obstacles.segments.iter().any(|s| s.hits(r))
            && !self.steps.iter().any(|s| shape_hits(s, r))
    }
}

/// The distance from `r` to the nearer of the first two segments of `path`.
fn near_to(r: &Rect, path: &[Point]) -> f64 {
    path.windows(2)
        .take(2)
        .map(|p| rect_segment_gap(r, p[0], p[1]))
        .fold(f64::INFINITY, f64::min)
}

/// The places an exit label may take, best first: beside the start of its arrow,
/// then slid away from the exit, then anywhere in the row near the exit.
fn candidates(path: &[Point], w: f64, h: f64, row: &Rect, lanes: &[(f64, f64)]) -> Vec<Rect> {
    let (p, q) = (path[0], path[1]);
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
    let ideal = if q.x < p.x - 1e-9 {
        Point::new(p.x - 2.0 - w, p.y - 1.0 - h)
    } else {
        Point::new(p.x + 2.0, p.y - 1.0 - h)
    };
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
    cands
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

/// The distance between a rectangle and an orthogonal segment (0 where they touch).
fn rect_segment_gap(r: &Rect, a: Point, b: Point) -> f64 {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let dx = (r.x - x1).max(x0 - r.right()).max(0.0);
    let dy = (r.y - y1).max(y0 - r.bottom()).max(0.0);
    dx.hypot(dy)
}
