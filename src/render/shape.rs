//! Outlines of the flowchart symbols and of arrowheads, in points on the page.
//!
//! The display list gives a symbol's kind and bounding box and an arrow's path and head
//! length; the exact outline is drawn from them here, once, so that every renderer
//! draws the same shapes.

use crate::layout::document::{Point, Size};

/// Where the off-page connector's sides turn towards its point, as a fraction of its
/// height from the top.
pub const PENTAGON_SHOULDER: f64 = 0.6;

/// Half the width of an arrowhead's base, as a fraction of the head's length.
pub const HEAD_HALF_WIDTH: f64 = 0.4;

/// Corner radius of the terminator (capsule): half its shorter side, so both ends are
/// half circles.
pub fn capsule_radius(size: Size) -> f64 {
    size.w.min(size.h) / 2.0
}

/// The decision diamond: top, right, bottom and left corners of the box's edges.
pub fn diamond(at: Point, size: Size) -> [Point; 4] {
    let (cx, cy) = (at.x + size.w / 2.0, at.y + size.h / 2.0);
    [
        Point::new(cx, at.y),
        Point::new(at.x + size.w, cy),
        Point::new(cx, at.y + size.h),
        Point::new(at.x, cy),
    ]
}

/// The off-page connector, a pentagon pointing down: clockwise from the top-left.
pub fn pentagon(at: Point, size: Size) -> [Point; 5] {
    let shoulder = at.y + size.h * PENTAGON_SHOULDER;
    [
        Point::new(at.x, at.y),
        Point::new(at.x + size.w, at.y),
        Point::new(at.x + size.w, shoulder),
        Point::new(at.x + size.w / 2.0, at.y + size.h),
        Point::new(at.x, shoulder),
    ]
}

/// A filled triangle at the end of an arrow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArrowHead {
    /// The last point of the arrow's path.
    pub tip: Point,
    /// The middle of the base, `head` points back along the last segment.
    pub base: Point,
    /// The two base corners.
    pub corners: [Point; 2],
}

impl ArrowHead {
    /// The triangle: tip, then the two corners.
    pub fn points(&self) -> [Point; 3] {
        [self.tip, self.corners[0], self.corners[1]]
    }
}

/// The arrowhead of `path`, or `None` when `head` is not positive or the path has no
/// last segment of non-zero length.
pub fn arrow_head(path: &[Point], head: f64) -> Option<ArrowHead> {
    if head <= 0.0 || !head.is_finite() {
        return None;
    }
    let (&tip, rest) = path.split_last()?;
    let from = rest.iter().rev().find(|p| **p != tip)?;
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len <= f64::EPSILON {
        return None;
    }
    let (ux, uy) = (dx / len, dy / len);
    let base = Point::new(tip.x - ux * head, tip.y - uy * head);
    let half = head * HEAD_HALF_WIDTH;
    Some(ArrowHead {
        tip,
        base,
        corners: [
            Point::new(base.x - uy * half, base.y + ux * half),
            Point::new(base.x + uy * half, base.y - ux * half),
        ],
    })
}

/// The arrow's line: its path with the last point pulled back to the base of the head,
/// so the stroke does not poke through the tip.
pub fn arrow_shaft(path: &[Point], head: f64) -> Vec<Point> {
    let mut shaft = path.to_vec();
    if let (Some(h), Some(last)) = (arrow_head(path, head), shaft.last_mut()) {
        *last = h.base;
    }
    shaft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_points_along_the_last_segment() {
        let path = [Point::new(10.0, 0.0), Point::new(10.0, 20.0)];
        let h = arrow_head(&path, 5.0).unwrap();
        assert_eq!(h.tip, Point::new(10.0, 20.0));
        assert_eq!(h.base, Point::new(10.0, 15.0));
        assert_eq!(h.corners, [Point::new(8.0, 15.0), Point::new(12.0, 15.0)]);
        assert_eq!(arrow_shaft(&path, 5.0)[1], Point::new(10.0, 15.0));
        assert_eq!(arrow_head(&path, 0.0), None);
        assert_eq!(arrow_head(&path[..1], 5.0), None);
    }

    #[test]
    fn pentagon_points_down() {
        let p = pentagon(Point::new(0.0, 0.0), Size::new(20.0, 20.0));
        assert_eq!(p[3], Point::new(10.0, 20.0));
        assert_eq!(p[2].y, 12.0);
    }
}
