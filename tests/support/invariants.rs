//! Invariants every laid-out document keeps: every item inside its page's content box,
//! no two symbols overlapping, no arrow through a symbol or along another arrow, each
//! step drawn once, off-page connectors in pairs.

use std::collections::BTreeMap;

use sopc::layout::Document;
use sopc::layout::document::{Item, Point, Rect, SymbolKind};

fn segments(path: &[Point]) -> Vec<(Point, Point)> {
    path.windows(2).map(|w| (w[0], w[1])).collect()
}

fn seg_hits(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x1 > r.x && x0 < r.x + r.w && y1 > r.y && y0 < r.y + r.h
}

/// True when `p` lies inside the symbol's outline (not on it), by more than `eps`.
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
            let top = r.y + r.h * 0.6;
            if p.y <= top {
                dx < hw && p.y > r.y + eps
            } else {
                // The point of the pentagon.
                let t = (r.y + r.h - eps - p.y) / (r.h * 0.4);
                p.y < r.y + r.h - eps && dx < hw * t
            }
        }
    }
}

fn seg_inside(a: Point, b: Point, kind: SymbolKind, r: &Rect) -> bool {
    if !seg_hits(a, b, r) {
        return false;
    }
    let len = ((b.x - a.x).abs() + (b.y - a.y).abs()).max(1e-9);
    let n = (len / 0.25).ceil() as usize;
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

/// Checks every invariant of a document laid out from an SOP of `steps` steps; the
/// first broken one is the error.
pub fn check(doc: &Document, steps: usize) -> Result<(), String> {
    let mut step_symbols = 0;
    let mut connector_labels: BTreeMap<String, usize> = BTreeMap::new();
    for (pi, page) in doc.pages.iter().enumerate() {
        let page_no = pi + 1;
        let mut symbols: Vec<Rect> = Vec::new();
        let mut kinds: Vec<SymbolKind> = Vec::new();
        let mut arrows: Vec<Vec<Point>> = Vec::new();
        for it in &page.items {
            let b = it.bounds();
            let finite = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite());
            if !finite || !page.content.contains(&b) {
                return Err(format!("page {page_no}: item outside content box: {it:?}"));
            }
            match &it.item {
                Item::Symbol(s) => {
                    if s.kind != SymbolKind::OffPageConnector {
                        step_symbols += 1;
                    }
                    symbols.push(b);
                    kinds.push(s.kind);
                }
                Item::Arrow(a) => arrows.push(a.path.clone()),
                _ => {}
            }
        }
        for (i, a) in symbols.iter().enumerate() {
            for b in &symbols[..i] {
                if a.overlaps(b) {
                    return Err(format!("page {page_no}: symbols overlap {a:?} {b:?}"));
                }
            }
        }
        for path in &arrows {
            for (a, b) in segments(path) {
                for (s, k) in symbols.iter().zip(&kinds) {
                    if seg_inside(a, b, *k, s) {
                        return Err(format!(
                            "page {page_no}: arrow {path:?} passes through symbol {s:?}"
                        ));
                    }
                }
            }
        }
        // No arrow runs along another one.
        let all: Vec<(usize, Point, Point)> = arrows
            .iter()
            .enumerate()
            .flat_map(|(k, p)| segments(p).into_iter().map(move |(a, b)| (k, a, b)))
            .collect();
        for (i, (ka, a0, a1)) in all.iter().enumerate() {
            for (kb, b0, b1) in &all[..i] {
                if ka == kb {
                    continue;
                }
                let va = (a0.x - a1.x).abs() < 1e-9;
                let vb = (b0.x - b1.x).abs() < 1e-9;
                if va != vb {
                    continue;
                }
                let overlap = if va {
                    (a0.x - b0.x).abs() < 1.0
                        && a0.y.max(a1.y).min(b0.y.max(b1.y)) - a0.y.min(a1.y).max(b0.y.min(b1.y))
                            > 1.0
                } else {
                    (a0.y - b0.y).abs() < 1.0
                        && a0.x.max(a1.x).min(b0.x.max(b1.x)) - a0.x.min(a1.x).max(b0.x.min(b1.x))
                            > 1.0
                };
                if overlap {
                    return Err(format!(
                        "page {page_no}: arrows overlap: {a0:?}-{a1:?} and {b0:?}-{b1:?}"
                    ));
                }
            }
        }
        // Connector labels: upper-case text centred in a symbol.
        for it in &page.items {
            if let Item::Text(t) = &it.item {
                let b = it.bounds();
                if symbols.iter().any(|s| s.contains(&b))
                    && !t.text.is_empty()
                    && t.text.chars().all(|c| c.is_ascii_uppercase())
                {
                    *connector_labels.entry(t.text.clone()).or_default() += 1;
                }
            }
        }
    }
    if step_symbols != steps {
        return Err(format!(
            "{step_symbols} step symbols drawn for {steps} steps: each step appears once"
        ));
    }
    // A label marks one place where the flow goes on: every arrow that leaves a page
    // ends in a connector, and the one connector with the same label on the target's
    // page starts it again.
    for (label, n) in connector_labels {
        if n < 2 {
            return Err(format!("connector {label} has no partner"));
        }
    }
    Ok(())
}
