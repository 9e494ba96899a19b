//! Paths of the flowchart symbols for the PDF painter, in display-list coordinates
//! (points, origin top-left, y down; the painter flips them into PDF space). The
//! outlines themselves are defined once in [`crate::layout::geometry`].

use crate::layout::document::Point;

/// A point of a path in display-list coordinates, and whether it is a Bézier control
/// point (two control points and then an end point make one cubic segment).
pub(super) type PathPoint = (Point, bool);

/// The circle constant for cubic Bézier quarter arcs: 4/3·(√2 − 1).
const KAPPA: f64 = 0.5523;

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
    let r = crate::layout::geometry::capsule_radius(crate::layout::document::Size::new(w, h));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
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
}
