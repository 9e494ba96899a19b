//! The last check of a flowchart: no arrow passes through a symbol, and no two arrows
//! run along each other. The router looks for clear tracks, but in lanes too narrow
//! for the arrows a step needs it can only fall back to a path across a symbol or on
//! top of another arrow; such a layout is refused (`sop::layout::no-route`) rather
//! than drawn.

use crate::layout::document::{Item, Page, Point, Rect, SymbolKind};
use crate::source::Span;

/// True when `p` lies inside the symbol's outline by more than `eps` (touching the
/// outline, where arrows start and end, is not inside).
fn inside(kind: SymbolKind, r: &Rect, p: Point, eps: f64) -> bool {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (hw, hh) = (r.w / 2.0 - eps, r.h / 2.0 - eps);
    if hw <= 0.0 || hh <= 0.0 {
        return false;
    }
    let (dx, dy) = ((p.x - cx).abs(), (p.y - cy).abs());
    match kind {
        SymbolKind::Process => dx < hw && dy < hh,
        SymbolKind::Decision => dx / hw + dy / hh < 1.0,
        SymbolKind::Terminator => {
            let rad = hh.min(hw);
            if dx <= hw - rad {
                dy < hh
            } else {
                let ex = dx - (hw - rad);
                ex * ex + dy * dy < rad * rad
            }
        }
        SymbolKind::OffPageConnector => {
            if p.y <= r.y + r.h * 0.6 {
                dx < hw && p.y > r.y + eps
            } else {
                // The point of the pentagon.
                let t = (r.y + r.h - eps - p.y) / (r.h * 0.4);
                p.y < r.y + r.h - eps && dx < hw * t
            }
        }
    }
}

/// True when the segment from `a` to `b` enters the symbol's outline.
fn crosses(a: Point, b: Point, kind: SymbolKind, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    if x1 <= r.x || x0 >= r.x + r.w || y1 <= r.y || y0 >= r.y + r.h {
        return false;
    }
    // Arrows are orthogonal and symbols small: sampling every quarter point is exact
    // enough and simple.
    let len = (b.x - a.x).abs() + (b.y - a.y).abs();
    let n = (len / 0.25).ceil().clamp(1.0, 100_000.0) as usize;
    (0..=n).any(|k| {
        let t = k as f64 / n as f64;
        inside(
            kind,
            r,
            Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t),
            0.6,
        )
    })
}

/// The first symbol an arrow passes through, on any page: the step it stands for
/// (`None` for an off-page connector, which has no step).
pub fn crossing(pages: &[Page]) -> Option<Option<Span>> {
    for page in pages {
        let symbols: Vec<(SymbolKind, Rect, Option<Span>)> = page
            .items
            .iter()
            .filter_map(|it| match &it.item {
                Item::Symbol(s) => Some((s.kind, it.bounds(), it.source)),
                _ => None,
            })
            .collect();
        for it in &page.items {
            let Item::Arrow(a) = &it.item else {
                continue;
            };
            for w in a.path.windows(2) {
                if let Some((_, _, source)) = symbols
                    .iter()
                    .find(|(kind, r, _)| crosses(w[0], w[1], *kind, r))
                {
                    return Some(*source);
                }
            }
        }
    }
    None
}

/// The first place where two arrows run along each other (parallel, less than a point
/// apart, for more than a point): the step whose symbol the first of them leaves, if
/// it leaves one. The router avoids this while it finds free tracks; past that, two
/// arrows drawn on one line could not be told apart.
pub fn overlap(pages: &[Page]) -> Option<Option<Span>> {
    for page in pages {
        let arrows: Vec<&[Point]> = page
            .items
            .iter()
            .filter_map(|it| match &it.item {
                Item::Arrow(a) => Some(a.path.as_slice()),
                _ => None,
            })
            .collect();
        let segs: Vec<(usize, Point, Point)> = arrows
            .iter()
            .enumerate()
            .flat_map(|(k, p)| p.windows(2).map(move |w| (k, w[0], w[1])))
            .collect();
        for (i, &(ka, a0, a1)) in segs.iter().enumerate() {
            for &(kb, b0, b1) in &segs[..i] {
                if ka != kb && along(a0, a1, b0, b1) {
                    let start = arrows[kb].first().copied();
                    return Some(start.and_then(|p| source_at(page, p)));
                }
            }
        }
    }
    None
}

/// True when two orthogonal segments lie on (nearly) one line and share more than a
/// point of it.
fn along(a0: Point, a1: Point, b0: Point, b1: Point) -> bool {
    let va = (a0.x - a1.x).abs() < 1e-9;
    let vb = (b0.x - b1.x).abs() < 1e-9;
    if va != vb {
        return false;
    }
    let shared = |a: f64, b: f64, c: f64, d: f64| a.max(b).min(c.max(d)) - a.min(b).max(c.min(d));
    if va {
        (a0.x - b0.x).abs() < 1.0 && shared(a0.y, a1.y, b0.y, b1.y) > 1.0
    } else {
        (a0.y - b0.y).abs() < 1.0 && shared(a0.x, a1.x, b0.x, b1.x) > 1.0
    }
}

/// The source of the symbol whose outline `p` lies on.
fn source_at(page: &Page, p: Point) -> Option<Span> {
    page.items.iter().find_map(|it| match &it.item {
        Item::Symbol(_) => {
            let r = it.bounds();
            let near = p.x >= r.x - 1.0
                && p.x <= r.x + r.w + 1.0
                && p.y >= r.y - 1.0
                && p.y <= r.y + r.h + 1.0;
            if near { it.source } else { None }
        }
        _ => None,
    })
}

/// The first item that lies outside its page's content box, and whether it is an
/// off-page connector (one the router found no free place for is left unplaced).
pub fn outside(pages: &[Page]) -> Option<(bool, Option<Span>)> {
    pages.iter().find_map(|page| {
        page.items.iter().find_map(|it| {
            let b = it.bounds();
            let finite = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite());
            (!finite || !page.content.contains(&b)).then(|| {
                let connector = matches!(
                    &it.item,
                    Item::Symbol(s) if s.kind == SymbolKind::OffPageConnector
                );
                (connector, it.source)
            })
        })
    })
}
