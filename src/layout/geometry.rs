//! The outlines of the flowchart symbols and arrows, in display-list coordinates (points,
//! origin top-left, y down): one definition that the PDF and the HTML renderer both
//! draw, so the two cannot disagree. (A terminator is a capsule whose ends are half
//! circles of radius [`capsule_radius`]; the PDF builds it from arcs, the SVG as a
//! rounded rectangle.)

use super::document::{Point, Size};

/// Half-width of an arrowhead as a fraction of its length.
const HEAD_HALF_WIDTH: f64 = 0.4;

/// Corner radius of the terminator (capsule): half its shorter side, so both ends are
/// half circles.
pub fn capsule_radius(size: Size) -> f64 {
    size.w.min(size.h) / 2.0
}

/// The decision diamond: the middles of the box's top, right, bottom and left edges.
pub fn diamond(at: Point, size: Size) -> [Point; 4] {
    let (w, h) = (size.w, size.h);
    [
        Point::new(at.x + w / 2.0, at.y),
        Point::new(at.x + w, at.y + h / 2.0),
        Point::new(at.x + w / 2.0, at.y + h),
        Point::new(at.x, at.y + h / 2.0),
    ]
}

/// The off-page connector, a pentagon pointing down: a `w`×`w` square on top when there
/// is room, with a point at least a quarter of the height. Clockwise from top-left.
pub fn pentagon(at: Point, size: Size) -> [Point; 5] {
    let (w, h) = (size.w, size.h);
    let body = h - (h - w).max(h / 4.0);
    [
        Point::new(at.x, at.y),
        Point::new(at.x + w, at.y),
        Point::new(at.x + w, at.y + body),
        Point::new(at.x + w / 2.0, at.y + h),
        Point::new(at.x, at.y + body),
    ]
}

/// An arrow cut into its stroked line and its filled head.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrowParts {
    /// The polyline to stroke. It stops just past the head's base (by half the line
    /// width, at most a quarter of the head), so its butt end is covered by the head:
    /// it cannot poke through the tip and no seam shows.
    pub line: Vec<Point>,
    /// The head: tip (the path's last point), then the two base corners. `None` when
    /// there is no head to draw.
    pub head: Option<[Point; 3]>,
}

/// Cuts the arrow along `path` with a head of length `head` at its last point, pointing
/// along the last segment of non-zero length.
pub fn arrow(path: &[Point], head: f64, line_width: f64) -> ArrowParts {
    let whole = || ArrowParts {
        line: path.to_vec(),
        head: None,
    };
    if head <= 0.0 || !head.is_finite() {
        return whole();
    }
    let Some((&tip, rest)) = path.split_last() else {
        return whole();
    };
    let Some(from_idx) = rest.iter().rposition(|p| *p != tip) else {
        return whole();
    };
    let Some(&from) = rest.get(from_idx) else {
        return whole();
    };
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = (dx / len, dy / len);
    let base = Point::new(tip.x - ux * head, tip.y - uy * head);
    let half = head * HEAD_HALF_WIDTH;
    let right = Point::new(base.x - uy * half, base.y + ux * half);
    let left = Point::new(base.x + uy * half, base.y - ux * half);

    let back = (head - (line_width.max(0.0) / 2.0).min(head / 4.0)).min(len);
    let mut line: Vec<Point> = rest.iter().take(from_idx + 1).copied().collect();
    if back < len {
        line.push(Point::new(tip.x - ux * back, tip.y - uy * back));
    }
    ArrowParts {
        line,
        head: Some([tip, left, right]),
    }
}

/// The stroked line of an arrow with a line jump at each of `jumps`: where a point of
/// `jumps` lies inside a segment, the segment bridges it with a half circle of radius
/// `radius` (above a horizontal segment, left of a vertical one), drawn as short
/// chords so that every renderer strokes the same polyline.
pub fn with_jumps(line: &[Point], jumps: &[Point], radius: f64) -> Vec<Point> {
    if jumps.is_empty() || radius <= 0.0 {
        return line.to_vec();
    }
    let mut out: Vec<Point> = line.first().copied().into_iter().collect();
    for w in line.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        if len <= 2.0 * radius {
            out.push(b);
            continue;
        }
        let (ux, uy) = ((b.x - a.x) / len, (b.y - a.y) / len);
        // The jumps on this segment, in order along it, clear of its ends.
        let mut on: Vec<f64> = jumps
            .iter()
            .filter_map(|j| {
                let t = (j.x - a.x) * ux + (j.y - a.y) * uy;
                let off = ((j.x - a.x) * uy - (j.y - a.y) * ux).abs();
                (off < 0.5 && t > radius && t < len - radius).then_some(t)
            })
            .collect();
        on.sort_by(f64::total_cmp);
        on.dedup_by(|x, y| (*x - *y).abs() < 2.0 * radius);
        // The bulge: up for a horizontal segment, left for a vertical one.
        let (nx, ny) = if ux.abs() > uy.abs() {
            (0.0, -1.0)
        } else {
            (-1.0, 0.0)
        };
        for t in on {
            const CHORDS: usize = 8;
            for k in 0..=CHORDS {
                let phi = std::f64::consts::PI * k as f64 / CHORDS as f64;
                let along = t - radius * phi.cos();
                let across = radius * phi.sin();
                out.push(Point::new(
                    a.x + ux * along + nx * across,
                    a.y + uy * along + ny * across,
                ));
            }
        }
        out.push(b);
    }
    out
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
            let parts = arrow(&[from, tip], 10.0, 1.0);
            let [_, hl, hr] = parts.head.expect("head");
            assert!(close(hl, left), "{from:?}->{tip:?}: {hl:?}");
            assert!(close(hr, right), "{from:?}->{tip:?}: {hr:?}");
            // The line stops half a line width past the base, well inside the head.
            let end = *parts.line.last().expect("line");
            let dist = ((tip.x - end.x).powi(2) + (tip.y - end.y).powi(2)).sqrt();
            assert!((dist - 9.5).abs() < 1e-9, "{dist}");
            assert_eq!(parts.line[0], from);
        }
    }

    #[test]
    fn arrow_head_follows_an_orthogonal_route() {
        let path = [p(0.0, 0.0), p(0.0, 30.0), p(40.0, 30.0)];
        let parts = arrow(&path, 6.0, 1.0);
        let [_, left, right] = parts.head.expect("head");
        assert_eq!(parts.line.len(), 3);
        assert!(close(parts.line[2], p(34.5, 30.0)));
        assert!(close(left, p(34.0, 27.6)));
        assert!(close(right, p(34.0, 32.4)));
    }

    #[test]
    fn arrow_head_skips_a_repeated_last_point_and_a_short_last_segment() {
        let parts = arrow(&[p(0.0, 0.0), p(0.0, 20.0), p(0.0, 20.0)], 6.0, 1.0);
        assert!(close(parts.line[1], p(0.0, 14.5)));
        // The last segment is shorter than the head: the line ends where it turned.
        let parts = arrow(&[p(0.0, 0.0), p(0.0, 20.0), p(3.0, 20.0)], 6.0, 1.0);
        assert_eq!(parts.line, vec![p(0.0, 0.0), p(0.0, 20.0)]);
        assert!(close(parts.head.expect("head")[1], p(-3.0, 17.6)));
    }

    #[test]
    fn head_points_along_the_last_segment_and_covers_the_line_end() {
        let a = arrow(&[p(0.0, 0.0), p(0.0, 30.0), p(40.0, 30.0)], 6.0, 1.0);
        assert_eq!(a.line, vec![p(0.0, 0.0), p(0.0, 30.0), p(34.5, 30.0)]);
        let [tip, left, right] = a.head.unwrap();
        assert_eq!(tip, p(40.0, 30.0));
        assert!((left.x - 34.0).abs() < 1e-9 && (left.y - 27.6).abs() < 1e-9);
        assert!((right.x - 34.0).abs() < 1e-9 && (right.y - 32.4).abs() < 1e-9);
        // A last segment shorter than the head: the line ends where it turned.
        let a = arrow(&[p(0.0, 0.0), p(0.0, 20.0), p(3.0, 20.0)], 6.0, 1.0);
        assert_eq!(a.line, vec![p(0.0, 0.0), p(0.0, 20.0)]);
        // No head.
        assert_eq!(arrow(&[p(1.0, 1.0), p(1.0, 9.0)], 0.0, 1.0).head, None);
        assert_eq!(arrow(&[p(1.0, 1.0), p(1.0, 1.0)], 6.0, 1.0).head, None);
        assert_eq!(arrow(&[], 6.0, 1.0).head, None);
    }

    #[test]
    fn a_jump_bridges_the_crossing_with_a_half_circle() {
        let line = [p(0.0, 10.0), p(40.0, 10.0)];
        assert_eq!(with_jumps(&line, &[], 2.5), line.to_vec());
        let j = with_jumps(&line, &[p(20.0, 10.0)], 2.5);
        assert_eq!(j.first(), Some(&p(0.0, 10.0)));
        assert_eq!(j.last(), Some(&p(40.0, 10.0)));
        // It rises 2.5 above the line right over the crossing, and nowhere else.
        let top = j.iter().map(|q| q.y).fold(f64::MAX, f64::min);
        assert!((top - 7.5).abs() < 1e-9, "{j:?}");
        assert!(j.iter().all(|q| q.y >= 7.5 - 1e-9 && q.y <= 10.0 + 1e-9));
        assert!(
            j.iter()
                .filter(|q| q.y < 10.0 - 1e-9)
                .all(|q| (q.x - 20.0).abs() < 2.5)
        );
        // A jump off the line, or at its end, is not drawn.
        assert_eq!(
            with_jumps(&line, &[p(20.0, 30.0), p(39.0, 10.0)], 2.5),
            line.to_vec()
        );
    }

    #[test]
    fn connector_top_is_square_when_there_is_room() {
        let c = pentagon(p(0.0, 0.0), Size::new(24.0, 34.0));
        assert_eq!((c[2].y, c[3]), (24.0, p(12.0, 34.0)));
        let c = pentagon(p(0.0, 0.0), Size::new(24.0, 24.0));
        assert_eq!(c[2].y, 18.0);
    }
}
