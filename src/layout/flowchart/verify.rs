//! The invariants of a laid-out document, and the last check of a flowchart.
//!
//! No arrow may pass through a symbol, and no two arrows may run along each other. The
//! router looks for clear tracks, but in lanes too narrow for the arrows a step needs
//! it can only fall back to a path across a symbol or on top of another arrow; such a
//! layout is refused (`sop::layout::no-route`) rather than drawn: see [`crossing`],
//! [`overlap`] and [`outside`].
//!
//! [`violations`] checks every invariant of a whole document, for the tests and the
//! fuzz targets (`tests/support/invariants.rs`): every item inside its page's content
//! box, no two symbols overlapping, no arrow through a symbol or along another arrow,
//! each step drawn once, off-page connectors in pairs.

use std::collections::BTreeMap;
use std::fmt;

use crate::layout::document::{Item, Page, Point, Positioned, Rect, SymbolKind};
use crate::source::Span;

/// A broken invariant of a laid-out document. `page` is the index of the page it is
/// on, 0 for the first.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// An item lies outside its page's content box, or a coordinate of it is not finite.
    Outside {
        /// The page.
        page: usize,
        /// The item.
        item: Positioned,
    },
    /// Two symbols overlap.
    SymbolsOverlap {
        /// The page.
        page: usize,
        /// The later symbol's box.
        a: Rect,
        /// The earlier symbol's box.
        b: Rect,
    },
    /// An arrow passes through a symbol.
    Crossing {
        /// The page.
        page: usize,
        /// The arrow's path.
        arrow: Vec<Point>,
        /// The symbol's box.
        symbol: Rect,
        /// The step the symbol stands for (`None` for an off-page connector).
        source: Option<Span>,
    },
    /// Two arrows run along each other (parallel, less than a point apart, for more than
    /// a point).
    Along {
        /// The page.
        page: usize,
        /// A segment of the later arrow.
        a: (Point, Point),
        /// A segment of the earlier arrow.
        b: (Point, Point),
        /// The step whose symbol the earlier arrow leaves, if it leaves one.
        source: Option<Span>,
    },
    /// The step symbols drawn are not one per step.
    StepCount {
        /// Step symbols drawn.
        drawn: usize,
        /// Steps of the SOP.
        steps: usize,
    },
    /// An off-page connector without a partner: its label appears only once.
    Unpaired {
        /// The connector's label.
        label: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Outside { page, item } => {
                write!(f, "page {}: item outside content box: {item:?}", page + 1)
            }
            Violation::SymbolsOverlap { page, a, b } => {
                write!(f, "page {}: symbols overlap {a:?} {b:?}", page + 1)
            }
            Violation::Crossing {
                page,
                arrow,
                symbol,
                ..
            } => write!(
                f,
                "page {}: arrow {arrow:?} passes through symbol {symbol:?}",
                page + 1
            ),
            Violation::Along {
                page,
                a: (a0, a1),
                b: (b0, b1),
                ..
            } => write!(
                f,
                "page {}: arrows overlap: {a0:?}-{a1:?} and {b0:?}-{b1:?}",
                page + 1
            ),
            Violation::StepCount { drawn, steps } => write!(
                f,
                "{drawn} step symbols drawn for {steps} steps: each step appears once"
            ),
            Violation::Unpaired { label } => write!(f, "connector {label} has no partner"),
        }
    }
}

/// Every broken invariant of a document laid out from an SOP of `steps` steps, page by
/// page (items outside the content box, overlapping symbols, arrows through symbols,
/// arrows along each other), then the step count and the connector pairs. Empty when
/// the document keeps them all.
pub fn violations(pages: &[Page], steps: usize) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut step_symbols = 0;
    let mut connector_labels: BTreeMap<String, usize> = BTreeMap::new();
    for (p, page) in pages.iter().enumerate() {
        found.extend(outside_items(page).map(|it| Violation::Outside {
            page: p,
            item: it.clone(),
        }));
        let symbols = symbols(page);
        step_symbols += symbols
            .iter()
            .filter(|(kind, _, _)| *kind != SymbolKind::OffPageConnector)
            .count();
        for (i, (_, a, _)) in symbols.iter().enumerate() {
            for (_, b, _) in &symbols[..i] {
                if a.overlaps(b) {
                    found.push(Violation::SymbolsOverlap {
                        page: p,
                        a: *a,
                        b: *b,
                    });
                }
            }
        }
        found.extend(crossings(page).into_iter().map(|(arrow, symbol, source)| {
            Violation::Crossing {
                page: p,
                arrow: arrow.to_vec(),
                symbol,
                source,
            }
        }));
        found.extend(
            alongs(page)
                .into_iter()
                .map(|(a, b, source)| Violation::Along {
                    page: p,
                    a,
                    b,
                    source,
                }),
        );
        // Connector labels: upper-case text centred in a symbol.
        for it in &page.items {
            if let Item::Text(t) = &it.item {
                let b = it.bounds();
                if symbols.iter().any(|(_, s, _)| s.contains(&b))
                    && !t.text.is_empty()
                    && t.text.chars().all(|c| c.is_ascii_uppercase())
                {
                    *connector_labels.entry(t.text.clone()).or_default() += 1;
                }
            }
        }
    }
    if step_symbols != steps {
        found.push(Violation::StepCount {
            drawn: step_symbols,
            steps,
        });
    }
    // A label marks one place where the flow goes on: every arrow that leaves a page
    // ends in a connector, and the one connector with the same label on the target's
    // page starts it again.
    for (label, n) in connector_labels {
        if n < 2 {
            found.push(Violation::Unpaired { label });
        }
    }
    found
}

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

/// The symbols of a page, in drawing order: kind, box and source.
fn symbols(page: &Page) -> Vec<(SymbolKind, Rect, Option<Span>)> {
    page.items
        .iter()
        .filter_map(|it| match &it.item {
            Item::Symbol(s) => Some((s.kind, it.bounds(), it.source)),
            _ => None,
        })
        .collect()
}

/// The paths of the arrows of a page, in drawing order.
fn arrows(page: &Page) -> impl Iterator<Item = &[Point]> {
    page.items.iter().filter_map(|it| match &it.item {
        Item::Arrow(a) => Some(a.path.as_slice()),
        _ => None,
    })
}

/// Every segment of an arrow on a page that passes through a symbol: the arrow, the
/// symbol's box and the step it stands for, arrow by arrow and segment by segment.
fn crossings(page: &Page) -> Vec<(&[Point], Rect, Option<Span>)> {
    let symbols = symbols(page);
    let mut found = Vec::new();
    for path in arrows(page) {
        for w in path.windows(2) {
            for (kind, r, source) in &symbols {
                if crosses(w[0], w[1], *kind, r) {
                    found.push((path, *r, *source));
                }
            }
        }
    }
    found
}

/// The first symbol an arrow passes through, on any page: the step it stands for
/// (`None` for an off-page connector, which has no step).
pub fn crossing(pages: &[Page]) -> Option<Option<Span>> {
    pages
        .iter()
        .find_map(|page| crossings(page).first().map(|(_, _, source)| *source))
}

/// A segment of an arrow: its two ends.
type Seg = (Point, Point);

/// Every two segments of arrows on a page that run along each other: the later, the
/// earlier, and the step whose symbol the earlier arrow leaves, if it leaves one.
fn alongs(page: &Page) -> Vec<(Seg, Seg, Option<Span>)> {
    let arrows: Vec<&[Point]> = arrows(page).collect();
    let segs: Vec<(usize, Point, Point)> = arrows
        .iter()
        .enumerate()
        .flat_map(|(k, p)| p.windows(2).map(move |w| (k, w[0], w[1])))
        .collect();
    let mut found = Vec::new();
    for (i, &(ka, a0, a1)) in segs.iter().enumerate() {
        for &(kb, b0, b1) in &segs[..i] {
            if ka != kb && along(a0, a1, b0, b1) {
                let start = arrows[kb].first().copied();
                found.push(((a0, a1), (b0, b1), start.and_then(|p| source_at(page, p))));
            }
        }
    }
    found
}

/// The first place where two arrows run along each other (parallel, less than a point
/// apart, for more than a point): the step whose symbol the first of them leaves, if
/// it leaves one. The router avoids this while it finds free tracks; past that, two
/// arrows drawn on one line could not be told apart.
pub fn overlap(pages: &[Page]) -> Option<Option<Span>> {
    pages
        .iter()
        .find_map(|page| alongs(page).first().map(|(_, _, source)| *source))
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

/// The items of a page outside its content box, or with a coordinate that is not
/// finite.
fn outside_items(page: &Page) -> impl Iterator<Item = &Positioned> {
    page.items.iter().filter(|it| {
        let b = it.bounds();
        let finite = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite());
        !finite || !page.content.contains(&b)
    })
}

/// The first item that lies outside its page's content box, and whether it is an
/// off-page connector (one the router found no free place for is left unplaced).
pub fn outside(pages: &[Page]) -> Option<(bool, Option<Span>)> {
    pages.iter().find_map(|page| {
        outside_items(page).next().map(|it| {
            let connector = matches!(
                &it.item,
                Item::Symbol(s) if s.kind == SymbolKind::OffPageConnector
            );
            (connector, it.source)
        })
    })
}
