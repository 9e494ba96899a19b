//! Outlines of the flowchart symbols and arrowheads, in display-list coordinates (points,
//! origin top-left, y down). The painter flips them into PDF space.

use crate::layout::document::Point;

/// A point of a path in display-list coordinates, and whether it is a Bézier control
/// point (two control points and then an end point make one cubic segment).
pub(super) type PathPoint = (Point, bool);

/// The circle constant for cubic Bézier quarter arcs: 4/3·(√2 − 1).
const KAPPA: f64 = 0.5523;

/// Half-width of an arrowhead as a fraction of its length.
const HEAD_HALF_WIDTH: f64 = 0.4;

/// A closed polygon through offsets from `at`.
pub(super) fn corners(offsets: &[(f64, f64)], at: Point) -> Vec<PathPoint> {
    offsets
        .iter()
        .map(|&(dx, dy)| (Point::new(at.x + dx, at.y + dy), false))
        .collect()
}

/// A capsule (stadium) filling the box: straight sides along the longer axis and
/// semicircular ends, each end two cubic quarter arcs. A square box gives a circle.
pub(super) fn capsule(at: Point, w: f64, h: f64) -> Vec<PathPoint> {
    let r = w.min(h) / 2.0;
    let k = KAPPA * r;
    let (x0, y0, x1, y1) = (at.x, at.y, at.x + w, at.y + h);
    let p = |x: f64, y: f64, bezier: bool| (Point::new(x, y), bezier);
    let mut path = vec![
        p(x0 + r, y0, false),
        p(x1 - r, y0, false),
        // top right
        p(x1 - r + k, y0, true),
        p(x1, y0 + r - k, true),
        p(x1, y0 + r, false),
        p(x1, y1 - r, false),
        // bottom right
        p(x1, y1 - r + k, true),
        p(x1 - r + k, y1, true),
        p(x1 - r, y1, false),
        p(x0 + r, y1, false),
        // bottom left
        p(x0 + r - k, y1, true),
        p(x0, y1 - r + k, true),
        p(x0, y1 - r, false),
        p(x0, y0 + r, false),
        // top left, back to the start
        p(x0, y0 + r - k, true),
        p(x0 + r - k, y0, true),
        p(x0 + r, y0, false),
    ];
    // Drop the straight sides of zero length (the ends of a circle meet).
    let mut i = 1;
    while i < path.len() {
        let (prev, cur) = (path[i - 1], path[i]);
        if !prev.1 && !cur.1 && prev.0 == cur.0 {
            path.remove(i);
        } else {
            i += 1;
        }
    }
    path
}

/// Height of the downward point of an off-page connector in a `w`×`h` box: the part
/// above it is a `w`×`w` square, but the point is at least a quarter of the height.
pub(super) fn connector_point(w: f64, h: f64) -> f64 {
    (h - w).max(h / 4.0)
}

/// Where an arrow's line ends and its head's base corners lie.
#[derive(Debug, PartialEq)]
pub(super) struct Head {
    /// The polyline to stroke: the path, ending inside the head's base.
    pub(super) line: Vec<Point>,
    /// Base corner to the left of the direction of travel.
    pub(super) left: Point,
    /// Base corner to the right.
    pub(super) right: Point,
}

/// The arrowhead of length `head` at the last point of `path`, pointing along the last
/// segment of non-zero length. The tip is exactly the last point. The stroked line stops
/// just past the head's base (by half the line width, at most a quarter of the head), so
/// its butt end is covered by the head and cannot poke through the tip, and no seam shows
/// between line and head. `None` when there is no head to draw.
pub(super) fn arrow_head(path: &[Point], head: f64, line_width: f64) -> Option<Head> {
    if head <= 0.0 {
        return None;
    }
    let (&tip, rest) = path.split_last()?;
    let from_idx = rest.iter().rposition(|p| *p != tip)?;
    let from = rest[from_idx];
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = (dx / len, dy / len);
    let base = Point::new(tip.x - ux * head, tip.y - uy * head);
    let half = head * HEAD_HALF_WIDTH;
    // (-uy, ux) is the direction of travel turned a quarter clockwise on a y-down page,
    // i.e. to the right of travel.
    let right = Point::new(base.x - uy * half, base.y + ux * half);
    let left = Point::new(base.x + uy * half, base.y - ux * half);

    let back = (head - (line_width.max(0.0) / 2.0).min(head / 4.0)).min(len);
    let mut line = rest[..=from_idx].to_vec();
    if back < len {
        line.push(Point::new(tip.x - ux * back, tip.y - uy * back));
    }
    Some(Head { line, left, right })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn arrow_heads_point_along_the_last_segment_in_all_four_directions() {
        // (start, tip, expected left corner, expected right corner); y grows downwards.
        let cases = [
            // down
            (p(10.0, 0.0), p(10.0, 50.0), p(14.0, 40.0), p(6.0, 40.0)),
            // up
            (p(10.0, 50.0), p(10.0, 0.0), p(6.0, 10.0), p(14.0, 10.0)),
            // right
            (p(0.0, 20.0), p(50.0, 20.0), p(40.0, 16.0), p(40.0, 24.0)),
            // left
            (p(50.0, 20.0), p(0.0, 20.0), p(10.0, 24.0), p(10.0, 16.0)),
        ];
        for (from, tip, left, right) in cases {
            let h = arrow_head(&[from, tip], 10.0, 1.0).expect("head");
            assert!(close(h.left, left), "{from:?}->{tip:?}: {:?}", h.left);
            assert!(close(h.right, right), "{from:?}->{tip:?}: {:?}", h.right);
            // The line stops half a line width past the base, well inside the head.
            let end = *h.line.last().expect("line");
            let dist = ((tip.x - end.x).powi(2) + (tip.y - end.y).powi(2)).sqrt();
            assert!((dist - 9.5).abs() < 1e-9, "{dist}");
            assert_eq!(h.line[0], from);
        }
    }

    #[test]
    fn arrow_head_follows_an_orthogonal_route() {
        let path = [p(0.0, 0.0), p(0.0, 30.0), p(40.0, 30.0)];
        let h = arrow_head(&path, 6.0, 1.0).expect("head");
        assert_eq!(h.line.len(), 3);
        assert!(close(h.line[2], p(34.5, 30.0)));
        assert!(close(h.left, p(34.0, 27.6)));
        assert!(close(h.right, p(34.0, 32.4)));
    }

    #[test]
    fn arrow_head_skips_a_repeated_last_point_and_a_short_last_segment() {
        let h = arrow_head(&[p(0.0, 0.0), p(0.0, 20.0), p(0.0, 20.0)], 6.0, 1.0).expect("head");
        assert!(close(h.line[1], p(0.0, 14.5)));
        // The last segment is shorter than the head: the line ends where it turned.
        let h = arrow_head(&[p(0.0, 0.0), p(0.0, 20.0), p(3.0, 20.0)], 6.0, 1.0).expect("head");
        assert_eq!(h.line, vec![p(0.0, 0.0), p(0.0, 20.0)]);
        assert!(close(h.left, p(-3.0, 17.6)));
        assert_eq!(arrow_head(&[p(1.0, 1.0), p(1.0, 1.0)], 6.0, 1.0), None);
        assert_eq!(arrow_head(&[p(1.0, 1.0), p(1.0, 9.0)], 0.0, 1.0), None);
        assert_eq!(arrow_head(&[], 6.0, 1.0), None);
    }

    #[test]
    fn capsule_stays_in_its_box_and_closes() {
        for (w, h) in [(90.0, 30.0), (30.0, 70.0), (40.0, 40.0)] {
            let at = p(100.0, 200.0);
            let path = capsule(at, w, h);
            assert_eq!(path.first().map(|q| q.0), path.last().map(|q| q.0));
            assert!(!path[0].1 && !path[path.len() - 1].1);
            for (q, _) in &path {
                assert!(q.x >= at.x && q.x <= at.x + w && q.y >= at.y && q.y <= at.y + h);
            }
            // The end points of its segments reach all four edges.
            let ends = path.iter().filter(|q| !q.1).map(|q| q.0);
            let (x0, x1) = ends.clone().fold((f64::MAX, f64::MIN), |(lo, hi), q| {
                (lo.min(q.x), hi.max(q.x))
            });
            let (y0, y1) = ends.fold((f64::MAX, f64::MIN), |(lo, hi), q| {
                (lo.min(q.y), hi.max(q.y))
            });
            assert_eq!((x0, x1, y0, y1), (at.x, at.x + w, at.y, at.y + h));
        }
        // A circle has no straight sides: four arcs of three points after the start.
        assert_eq!(capsule(p(0.0, 0.0), 40.0, 40.0).len(), 1 + 4 * 3);
    }

    #[test]
    fn connector_top_is_square_when_there_is_room() {
        assert_eq!(connector_point(24.0, 34.0), 10.0);
        assert_eq!(connector_point(24.0, 24.0), 6.0);
        assert_eq!(connector_point(30.0, 20.0), 5.0);
    }
}
