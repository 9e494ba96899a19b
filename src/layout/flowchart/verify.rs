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
//! each step drawn once, off-page connectors in pairs, and the clearance rules the
//! router always keeps ([`Rule::KEPT`]).
//!
//! [`clearance`] checks the nine clearance rules of a flowchart page (2 mm between an
//! arrow and a table rule or another arrow, 1.5 mm from symbols, ports at the middles
//! of sides, line jumps at crossings, labels and connectors off the rules, one symbol
//! per lane for a joint step, whole quantities, a balanced last page), with their
//! numbers in `layout::style::clear`; `sopc bench clearance` counts their breaches
//! over SOP folders.

use std::collections::BTreeMap;
use std::fmt;

use crate::layout::document::{Item, Page, Point, Positioned, Rect, SymbolKind};
use crate::layout::geometry;
use crate::layout::style::{self, MM, clear};
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
    /// A clearance rule that the router always keeps ([`Rule::KEPT`]) is broken.
    Clearance(Breach),
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
            Violation::Clearance(b) => write!(f, "{b}"),
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
        let symbols = symbols(page);
        found.extend(page_violations(p, page, &symbols));
        step_symbols += step_symbol_count(&symbols);
        count_connector_labels(page, &symbols, &mut connector_labels);
    }
    if step_symbols != steps {
        found.push(Violation::StepCount {
            drawn: step_symbols,
            steps,
        });
    }
    found.extend(
        clearance(pages)
            .into_iter()
            .filter(|b| Rule::KEPT.contains(&b.rule))
            .map(Violation::Clearance),
    );
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

/// The broken invariants of page `p` on its own, holding `symbols`: items outside the
/// content box, overlapping symbols, arrows through symbols, arrows along each other.
fn page_violations(
    p: usize,
    page: &Page,
    symbols: &[(SymbolKind, Rect, Option<Span>)],
) -> Vec<Violation> {
    let mut found: Vec<Violation> = outside_items(page)
        .map(|it| Violation::Outside {
            page: p,
            item: it.clone(),
        })
        .collect();
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
    found.extend(
        crossings(page)
            .into_iter()
            .map(|(arrow, symbol, source)| Violation::Crossing {
                page: p,
                arrow: arrow.to_vec(),
                symbol,
                source,
            }),
    );
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
    found
}

/// The steps drawn among `symbols`: the symbols other than off-page connectors, with
/// consecutive symbols of one step (a joint or `atau` step's) counted once.
fn step_symbol_count(symbols: &[(SymbolKind, Rect, Option<Span>)]) -> usize {
    let mut sources: Vec<Option<Span>> = symbols
        .iter()
        .filter(|(kind, _, _)| *kind != SymbolKind::OffPageConnector)
        .map(|(_, _, s)| *s)
        .collect();
    sources.dedup();
    sources.len()
}

/// Counts into `labels` the connector labels of `page`, holding `symbols`.
fn count_connector_labels(
    page: &Page,
    symbols: &[(SymbolKind, Rect, Option<Span>)],
    labels: &mut BTreeMap<String, usize>,
) {
    // Connector labels: upper-case text inside an off-page connector (not a step's
    // `teks` or question that happens to be upper-case, "P").
    for it in &page.items {
        if let Item::Text(t) = &it.item {
            let b = it.bounds();
            if symbols
                .iter()
                .any(|(kind, s, _)| *kind == SymbolKind::OffPageConnector && s.contains(&b))
                && !t.text.is_empty()
                && t.text.chars().all(|c| c.is_ascii_uppercase())
            {
                *labels.entry(t.text.clone()).or_default() += 1;
            }
        }
    }
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

// ---------------------------------------------------------------------------------
// Clearance: the rules every laid-out flowchart page meets so that a reader can tell
// the arrows apart at a glance. The numbers are in `layout::style::clear`.
// ---------------------------------------------------------------------------------

/// The nine clearance rules of a flowchart page, in the order of the issue that states
/// them (see the module documentation of [`clearance`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// 1. An arrow runs parallel to a table rule closer than [`clear::RULE`].
    NearRule,
    /// 2. Parallel segments of two arrows closer than [`clear::PARALLEL`] (not merging
    ///    into one target), or two arrowheads into one side of a symbol.
    NearArrow,
    /// 3. An arrow passes closer than [`clear::SYMBOL`] to a symbol it does not
    ///    connect, attaches off a port (the middle of a side, a vertex), or its last
    ///    segment is shorter than [`clear::LAST_SEGMENT`].
    NearSymbol,
    /// 4. Two arrows cross with no line jump at the crossing.
    Crossing,
    /// 5. An exit label across or near a rule ([`clear::LABEL`]), on a line or another
    ///    label, or away from any decision's exit.
    Label,
    /// 6. A step's symbol straddles a lane rule.
    Joint,
    /// 7. An off-page connector out of its step's lane, or on a rule.
    Connector,
    /// 8. A cell breaks a line inside a quantity ("19 hari / 3 jam" is fine, "19 / hari"
    ///    is not).
    Quantity,
    /// 9. The last flowchart page holds one lonely row though the rows could be
    ///    balanced.
    LonelyRow,
}

impl Rule {
    /// Every rule, in order.
    pub const ALL: [Rule; 9] = [
        Rule::NearRule,
        Rule::NearArrow,
        Rule::NearSymbol,
        Rule::Crossing,
        Rule::Label,
        Rule::Joint,
        Rule::Connector,
        Rule::Quantity,
        Rule::LonelyRow,
    ];

    /// The rules the router keeps on every page it lays out, so that a breach of one
    /// is a broken invariant of the layout ([`violations`]): crossings are jumped,
    /// joint steps drawn one symbol per lane, quantities kept whole, the last page
    /// balanced. The others are counted (`sopc bench clearance`).
    pub const KEPT: [Rule; 4] = [Rule::Crossing, Rule::Joint, Rule::Quantity, Rule::LonelyRow];

    /// The rule's number (1 to 9).
    pub fn number(self) -> usize {
        Rule::ALL.iter().position(|r| *r == self).unwrap_or(0) + 1
    }

    /// A short name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Rule::NearRule => "arrow near a rule",
            Rule::NearArrow => "arrows too close",
            Rule::NearSymbol => "arrow near a symbol",
            Rule::Crossing => "crossing without a jump",
            Rule::Label => "exit label misplaced",
            Rule::Joint => "symbol across a lane rule",
            Rule::Connector => "connector misplaced",
            Rule::Quantity => "line break inside a quantity",
            Rule::LonelyRow => "lonely last row",
        }
    }
}

/// One broken clearance rule on a page: which rule, the page (0 for the first), where,
/// what, and the step whose symbol the arrow leaves (or the symbol's step), if known.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    /// The rule.
    pub rule: Rule,
    /// The page.
    pub page: usize,
    /// A point where it is broken.
    pub at: Point,
    /// What is wrong, in words.
    pub what: String,
    /// The step nearest to it.
    pub source: Option<Span>,
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "page {}: rule {} ({}) at ({:.1}, {:.1}): {}",
            self.page + 1,
            self.rule.number(),
            self.rule.name(),
            self.at.x,
            self.at.y,
            self.what
        )
    }
}

/// A straight line of the page: a table rule or a piece of an arrow.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Line2 {
    a: Point,
    b: Point,
}

impl Line2 {
    fn new(a: Point, b: Point) -> Self {
        Line2 { a, b }
    }
    fn vertical(&self) -> bool {
        (self.a.x - self.b.x).abs() < 1e-6 && (self.a.y - self.b.y).abs() >= 1e-6
    }
    fn horizontal(&self) -> bool {
        (self.a.y - self.b.y).abs() < 1e-6 && (self.a.x - self.b.x).abs() >= 1e-6
    }
    fn len(&self) -> f64 {
        ((self.a.x - self.b.x).powi(2) + (self.a.y - self.b.y).powi(2)).sqrt()
    }
    /// For two parallel orthogonal lines: their distance across and the length they
    /// share along.
    fn parallel(&self, o: &Line2) -> Option<(f64, f64)> {
        let shared =
            |a: f64, b: f64, c: f64, d: f64| a.max(b).min(c.max(d)) - a.min(b).max(c.min(d));
        if self.vertical() && o.vertical() {
            Some((
                (self.a.x - o.a.x).abs(),
                shared(self.a.y, self.b.y, o.a.y, o.b.y),
            ))
        } else if self.horizontal() && o.horizontal() {
            Some((
                (self.a.y - o.a.y).abs(),
                shared(self.a.x, self.b.x, o.a.x, o.b.x),
            ))
        } else {
            None
        }
    }
    /// Where two perpendicular orthogonal lines cross, strictly inside both (more than
    /// `end` from each end).
    fn cross(&self, o: &Line2, end: f64) -> Option<Point> {
        let (v, h) = if self.vertical() && o.horizontal() {
            (self, o)
        } else if self.horizontal() && o.vertical() {
            (o, self)
        } else {
            return None;
        };
        let (x, y) = (v.a.x, h.a.y);
        let inside = |p: f64, a: f64, b: f64| p > a.min(b) + end && p < a.max(b) - end;
        (inside(y, v.a.y, v.b.y) && inside(x, h.a.x, h.b.x)).then_some(Point::new(x, y))
    }
    /// Distance from a point.
    fn dist_point(&self, p: Point) -> f64 {
        let (dx, dy) = (self.b.x - self.a.x, self.b.y - self.a.y);
        let l2 = dx * dx + dy * dy;
        let t = if l2 <= 0.0 {
            0.0
        } else {
            (((p.x - self.a.x) * dx + (p.y - self.a.y) * dy) / l2).clamp(0.0, 1.0)
        };
        let (qx, qy) = (self.a.x + t * dx, self.a.y + t * dy);
        ((p.x - qx).powi(2) + (p.y - qy).powi(2)).sqrt()
    }
    /// Distance between two lines (0 when they meet).
    fn dist(&self, o: &Line2) -> f64 {
        if segments_meet(self, o) {
            return 0.0;
        }
        [
            self.dist_point(o.a),
            self.dist_point(o.b),
            o.dist_point(self.a),
            o.dist_point(self.b),
        ]
        .into_iter()
        .fold(f64::MAX, f64::min)
    }
}

/// True when two line segments meet.
fn segments_meet(p: &Line2, q: &Line2) -> bool {
    let orient =
        |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (orient(q.a, q.b, p.a), orient(q.a, q.b, p.b));
    let (d3, d4) = (orient(p.a, p.b, q.a), orient(p.a, p.b, q.b));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    [
        p.dist_point(q.a),
        p.dist_point(q.b),
        q.dist_point(p.a),
        q.dist_point(p.b),
    ]
    .iter()
    .any(|d| *d < 1e-9)
}

/// A symbol on a page: kind, box, step.
#[derive(Debug, Clone, Copy)]
struct Sym {
    kind: SymbolKind,
    rect: Rect,
    source: Option<Span>,
}

impl Sym {
    fn centre(&self) -> Point {
        Point::new(
            self.rect.x + self.rect.w / 2.0,
            self.rect.y + self.rect.h / 2.0,
        )
    }

    /// The outline as lines (a capsule as its centre line, see [`Sym::distance`]).
    fn outline(&self) -> Vec<Line2> {
        let r = self.rect;
        let at = Point::new(r.x, r.y);
        let size = crate::layout::document::Size::new(r.w, r.h);
        let poly: Vec<Point> = match self.kind {
            SymbolKind::Decision => geometry::diamond(at, size).to_vec(),
            SymbolKind::OffPageConnector => geometry::pentagon(at, size).to_vec(),
            SymbolKind::Process => vec![
                Point::new(r.x, r.y),
                Point::new(r.right(), r.y),
                Point::new(r.right(), r.bottom()),
                Point::new(r.x, r.bottom()),
            ],
            SymbolKind::Terminator => {
                let rad = geometry::capsule_radius(size);
                let cy = r.y + r.h / 2.0;
                return vec![Line2::new(
                    Point::new(r.x + rad, cy),
                    Point::new(r.right() - rad, cy),
                )];
            }
        };
        (0..poly.len())
            .map(|k| Line2::new(poly[k], poly[(k + 1) % poly.len()]))
            .collect()
    }

    /// Distance from a line to the symbol's outline (0 when it touches or enters it);
    /// past [`FAR`], only a lower bound of it.
    fn distance(&self, l: &Line2) -> f64 {
        let gap = box_gap(&self.rect, l);
        if gap > FAR {
            return gap;
        }
        let d = self
            .outline()
            .iter()
            .map(|e| e.dist(l))
            .fold(f64::MAX, f64::min);
        let d = if self.kind == SymbolKind::Terminator {
            d - geometry::capsule_radius(crate::layout::document::Size::new(
                self.rect.w,
                self.rect.h,
            ))
        } else {
            d
        };
        if d > 0.0 && inside(self.kind, &self.rect, l.a, 0.0) {
            0.0
        } else {
            d.max(0.0)
        }
    }

    /// True when `p` lies on or right by the symbol's box (where arrows attach).
    fn touches(&self, p: Point) -> bool {
        let r = self.rect;
        p.x >= r.x - 1.0 && p.x <= r.right() + 1.0 && p.y >= r.y - 1.0 && p.y <= r.bottom() + 1.0
    }

    /// The points arrows may attach at: the middles of the sides, or the vertices of a
    /// diamond (the same points), and a connector's top and tip.
    fn ports(&self) -> [Point; 4] {
        let r = self.rect;
        let c = self.centre();
        let side_y = match self.kind {
            // The middle of the pentagon's upright sides.
            SymbolKind::OffPageConnector => {
                let body = r.h - (r.h - r.w).max(r.h / 4.0);
                r.y + body / 2.0
            }
            _ => c.y,
        };
        [
            Point::new(c.x, r.y),
            Point::new(c.x, r.bottom()),
            Point::new(r.x, side_y),
            Point::new(r.right(), side_y),
        ]
    }

    /// Which side of the box `p` lies on: 0 top, 1 bottom, 2 left, 3 right.
    fn side_of(&self, p: Point) -> usize {
        let r = self.rect;
        let d = [
            (p.y - r.y).abs(),
            (p.y - r.bottom()).abs(),
            (p.x - r.x).abs(),
            (p.x - r.right()).abs(),
        ];
        let mut best = 0;
        for k in 1..4 {
            if d[k] < d[best] {
                best = k;
            }
        }
        match self.kind {
            // A diamond's and a capsule's sides are told by direction from the centre.
            SymbolKind::Decision | SymbolKind::Terminator => {
                let c = self.centre();
                let (dx, dy) = ((p.x - c.x) / r.w, (p.y - c.y) / r.h);
                if dy.abs() >= dx.abs() {
                    if dy < 0.0 { 0 } else { 1 }
                } else if dx < 0.0 {
                    2
                } else {
                    3
                }
            }
            _ => best,
        }
    }
}

/// An arrow on a page.
#[derive(Debug, Clone)]
struct Arr {
    path: Vec<Point>,
    head: f64,
    jumps: Vec<Point>,
}

impl Arr {
    fn lines(&self) -> impl Iterator<Item = Line2> + '_ {
        self.path
            .windows(2)
            .map(|w| Line2::new(w[0], w[1]))
            .filter(|l| l.len() > 1e-6)
    }
}

/// What the clearance rules look at on one page.
struct Scene {
    rules: Vec<Line2>,
    cells: Vec<Rect>,
    symbols: Vec<Sym>,
    arrows: Vec<Arr>,
    texts: Vec<(Rect, crate::layout::document::Text)>,
    /// The step each text belongs to, when known (same order as `texts`).
    text_sources: Vec<Option<Span>>,
}

impl Scene {
    fn new(page: &Page) -> Scene {
        let mut s = Scene {
            rules: Vec::new(),
            cells: Vec::new(),
            symbols: Vec::new(),
            arrows: Vec::new(),
            texts: Vec::new(),
            text_sources: Vec::new(),
        };
        for it in &page.items {
            match &it.item {
                Item::Frame(f) if f.stroke.is_some() => {
                    let r = it.bounds();
                    s.cells.push(r);
                    let (a, b) = (Point::new(r.x, r.y), Point::new(r.right(), r.y));
                    let (c, d) = (
                        Point::new(r.right(), r.bottom()),
                        Point::new(r.x, r.bottom()),
                    );
                    for l in [
                        Line2::new(a, b),
                        Line2::new(b, c),
                        Line2::new(d, c),
                        Line2::new(a, d),
                    ] {
                        if !s.rules.contains(&l) {
                            s.rules.push(l);
                        }
                    }
                }
                Item::Symbol(sym) => s.symbols.push(Sym {
                    kind: sym.kind,
                    rect: it.bounds(),
                    source: it.source,
                }),
                Item::Arrow(a) => s.arrows.push(Arr {
                    path: a.path.clone(),
                    head: a.head,
                    jumps: a.jumps.clone(),
                }),
                Item::Text(t) => {
                    s.texts.push((it.bounds(), t.clone()));
                    s.text_sources.push(it.source);
                }
                _ => {}
            }
        }
        s
    }

    /// The symbol an arrow starts at, and the one its head ends at.
    fn ends(&self, a: &Arr) -> (Option<usize>, Option<usize>) {
        let on = |p: Point| self.symbols.iter().position(|s| s.touches(p));
        let start = a.path.first().and_then(|&p| on(p));
        let end = if a.head > 0.0 {
            a.path.last().and_then(|&p| on(p))
        } else {
            None
        };
        (start, end)
    }

    /// Where an arrow finally leads: its tip, or for a line that joins another arrow
    /// (no head), where that arrow leads.
    fn target(&self, k: usize) -> Option<Point> {
        let mut k = k;
        for _ in 0..=self.arrows.len() {
            let a = &self.arrows[k];
            let end = *a.path.last()?;
            if a.head > 0.0 {
                return Some(end);
            }
            k = self.arrows.iter().enumerate().find_map(|(j, b)| {
                (j != k && b.lines().any(|l| l.dist_point(end) < 0.5)).then_some(j)
            })?;
        }
        None
    }

    /// The step an arrow leaves, if it leaves one.
    fn source_of(&self, a: &Arr) -> Option<Span> {
        self.ends(a).0.and_then(|s| self.symbols[s].source)
    }

    /// Height of the row of the last step symbol on the page (the cell that holds it).
    fn last_row_height(&self) -> f64 {
        self.symbols
            .iter()
            .filter(|s| s.kind != SymbolKind::OffPageConnector && s.source.is_some())
            .max_by(|a, b| a.rect.y.total_cmp(&b.rect.y))
            .and_then(|s| self.cell_at(s.centre()))
            .map_or(0.0, |c| c.h)
    }

    /// The free height under the table, down to the first text below it (the footer).
    fn room_below(&self) -> f64 {
        let bottom = self.cells.iter().map(|c| c.bottom()).fold(0.0, f64::max);
        let footer = self
            .texts
            .iter()
            .map(|(r, _)| r.y)
            .filter(|&y| y >= bottom - 0.5)
            .fold(f64::INFINITY, f64::min);
        if footer.is_finite() {
            footer - bottom
        } else {
            0.0
        }
    }

    /// The smallest cell holding a point.
    fn cell_at(&self, p: Point) -> Option<Rect> {
        self.cells
            .iter()
            .filter(|r| p.x > r.x && p.x < r.right() && p.y > r.y && p.y < r.bottom())
            .min_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
            .copied()
    }
}

/// The breaches of rule 7 alone (connectors out of their lane or near a rule): what a
/// try of the layout with a spare band row can mend, cheap enough to count on every
/// try (the whole [`clearance`] is counted once, on the try that is kept).
pub fn connector_breaches(pages: &[Page]) -> usize {
    let mut n = 0;
    for page in pages {
        let has_connector = page.items.iter().any(
            |it| matches!(&it.item, Item::Symbol(s) if s.kind == SymbolKind::OffPageConnector),
        );
        if !has_connector {
            continue;
        }
        let scene = Scene::new(page);
        connectors(&scene, &mut |_, _, _, _| n += 1);
    }
    n
}

/// Every breach of the clearance rules on the flowchart pages of `pages` (the pages
/// that hold symbols). Empty when every page meets them all:
///
/// 1. No arrow runs parallel to a table rule closer than [`clear::RULE`] (2 mm).
/// 2. Parallel segments of two arrows are at least [`clear::PARALLEL`] (2 mm) apart,
///    unless they merge into one line toward one target; arrows into one side of a
///    symbol merge before a single arrowhead.
/// 3. No arrow passes closer than [`clear::SYMBOL`] (1.5 mm) to a symbol it does not
///    connect; arrows attach at the middle of a side (a vertex of a diamond), and the
///    last segment before a head is at least [`clear::LAST_SEGMENT`] long.
/// 4. Two arrows that cross have a line jump at the crossing on one of them.
/// 5. Exit labels sit inside a cell at least [`clear::LABEL`] (1 mm) from its rules,
///    clear of lines, symbols and other labels, near the exit of a decision.
/// 6. No step symbol straddles a lane rule (a joint step is one symbol per lane).
/// 7. An off-page connector stands in the lane of the step it leaves or enters, at
///    least [`clear::LABEL`] from every rule.
/// 8. No cell breaks a line inside a quantity ("19 hari").
/// 9. The last flowchart page does not hold one lonely row after a page of three or
///    more.
pub fn clearance(pages: &[Page]) -> Vec<Breach> {
    let mut found = Vec::new();
    let mut rows_per_page = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let scene = Scene::new(page);
        if scene.symbols.is_empty() {
            continue;
        }
        let mut add = |rule: Rule, at: Point, what: String, source: Option<Span>| {
            found.push(Breach {
                rule,
                page: p,
                at,
                what,
                source,
            })
        };
        near_rules(&scene, &mut add);
        near_arrows(&scene, &mut add);
        near_symbols(&scene, &mut add);
        crossings_unjumped(&scene, &mut add);
        labels(&scene, &mut add);
        joints(&scene, &mut add);
        connectors(&scene, &mut add);
        quantities(&scene, &mut add);
        let mut steps: Vec<Span> = scene
            .symbols
            .iter()
            .filter(|s| s.kind != SymbolKind::OffPageConnector)
            .filter_map(|s| s.source)
            .collect();
        steps.dedup();
        rows_per_page.push(PageFill {
            page: p,
            rows: steps.len(),
            at: scene.symbols.first().map(|s| s.centre()),
            last_row: scene.last_row_height(),
            room: scene.room_below(),
        });
    }
    if let [.., before, last] = &rows_per_page[..] {
        // A row moves over only where it fits with a band of connectors to spare
        // (the room is measured to the footer, a little below the body's end).
        let fits = before.last_row + 2.0 * style::flow::BAND + 10.0 <= last.room;
        if last.rows == 1 && before.rows >= 3 && fits {
            let (p, at, before) = (last.page, last.at, before.rows);
            found.push(Breach {
                rule: Rule::LonelyRow,
                page: p,
                at: at.unwrap_or_default(),
                what: format!("one row alone on the last page after {before} rows"),
                source: None,
            });
        }
    }
    found
}

/// How a flowchart page is filled, for rule 9.
struct PageFill {
    page: usize,
    /// Step rows on the page.
    rows: usize,
    /// The first symbol's centre.
    at: Option<Point>,
    /// Height of the page's last step row.
    last_row: f64,
    /// Free height between the table's bottom and the footer.
    room: f64,
}

/// Reports a breach: rule, point, what, step.
type Add<'a> = dyn FnMut(Rule, Point, String, Option<Span>) + 'a;

/// Rule 1.
fn near_rules(scene: &Scene, add: &mut Add<'_>) {
    for a in &scene.arrows {
        for l in a.lines() {
            let close = scene.rules.iter().find_map(|r| {
                let (d, shared) = l.parallel(r)?;
                (d < clear::RULE - 1e-6 && shared > 0.5).then_some(d)
            });
            if let Some(d) = close {
                add(
                    Rule::NearRule,
                    l.a,
                    format!("arrow runs {:.1} mm from a table rule", d / MM),
                    scene.source_of(a),
                );
            }
        }
    }
}

/// Rule 2.
fn near_arrows(scene: &Scene, add: &mut Add<'_>) {
    let targets: Vec<Option<Point>> = (0..scene.arrows.len()).map(|k| scene.target(k)).collect();
    let same = |i: usize, j: usize| match (targets[i], targets[j]) {
        (Some(a), Some(b)) => (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5,
        _ => false,
    };
    for (i, a) in scene.arrows.iter().enumerate() {
        for (j, b) in scene.arrows.iter().enumerate().take(i) {
            if same(i, j) {
                continue;
            }
            let close = a.lines().find_map(|la| {
                b.lines().find_map(|lb| {
                    let (d, shared) = la.parallel(&lb)?;
                    (d < clear::PARALLEL - 1e-6 && shared > 0.5).then_some((la.a, d))
                })
            });
            if let Some((at, d)) = close {
                add(
                    Rule::NearArrow,
                    at,
                    format!("two arrows run {:.1} mm apart", d / MM),
                    scene.source_of(a),
                );
            }
        }
    }
    // Arrowheads into one side of one symbol.
    let mut heads: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for a in &scene.arrows {
        if let (_, Some(s)) = scene.ends(a) {
            let tip = *a.path.last().unwrap_or(&Point::default());
            let side = scene.symbols[s].side_of(tip);
            let n = heads.entry((s, side)).or_default();
            *n += 1;
            if *n == 2 {
                add(
                    Rule::NearArrow,
                    tip,
                    "two arrowheads into one side of a symbol".into(),
                    scene.symbols[s].source,
                );
            }
        }
    }
}

/// Rule 3.
fn near_symbols(scene: &Scene, add: &mut Add<'_>) {
    for a in &scene.arrows {
        let (start, end) = scene.ends(a);
        let source = scene.source_of(a);
        let joins = a.head <= 0.0;
        for (k, s) in scene.symbols.iter().enumerate() {
            if Some(k) == start || Some(k) == end || (joins && s.touches(a.path[a.path.len() - 1]))
            {
                continue;
            }
            if let Some(l) = a.lines().find(|l| s.distance(l) < clear::SYMBOL - 1e-6) {
                add(
                    Rule::NearSymbol,
                    l.a,
                    format!("arrow passes {:.1} mm from a symbol", s.distance(&l) / MM),
                    source,
                );
            }
        }
        let ends = [(start, a.path.first()), (end, a.path.last())];
        for (sym, p) in ends {
            let (Some(k), Some(&p)) = (sym, p) else {
                continue;
            };
            let s = &scene.symbols[k];
            let on_port = s
                .ports()
                .iter()
                .any(|q| (q.x - p.x).abs() < 0.5 && (q.y - p.y).abs() < 0.5);
            if !on_port {
                add(
                    Rule::NearSymbol,
                    p,
                    "arrow attaches off the middle of a side".into(),
                    s.source.or(source),
                );
            }
        }
        if let (true, Some(last)) = (a.head > 0.0, a.lines().last()) {
            if last.len() < clear::LAST_SEGMENT - 1e-6 {
                add(
                    Rule::NearSymbol,
                    last.b,
                    format!("last segment {:.1} mm before the head", last.len() / MM),
                    source,
                );
            }
        }
    }
}

/// Rule 4.
fn crossings_unjumped(scene: &Scene, add: &mut Add<'_>) {
    for (i, a) in scene.arrows.iter().enumerate() {
        for b in scene.arrows.iter().take(i) {
            for la in a.lines() {
                for lb in b.lines() {
                    let Some(x) = la.cross(&lb, 0.5) else {
                        continue;
                    };
                    let jumped = a
                        .jumps
                        .iter()
                        .chain(&b.jumps)
                        .any(|j| (j.x - x.x).abs() < 0.5 && (j.y - x.y).abs() < 0.5);
                    if !jumped {
                        add(
                            Rule::Crossing,
                            x,
                            "two arrows cross with no line jump".into(),
                            scene.source_of(a),
                        );
                    }
                }
            }
        }
    }
}

/// The exit labels of a page: regular text of the label size inside a table cell, with
/// the step of each when known.
fn exit_labels(scene: &Scene) -> Vec<(Rect, Option<Span>)> {
    scene
        .texts
        .iter()
        .zip(&scene.text_sources)
        .filter(|((r, t), _)| {
            t.font == crate::layout::document::Font::Regular
                && (t.size - style::LABEL).abs() < 1e-6
                && !scene.symbols.iter().any(|s| s.rect.contains(r))
                && scene
                    .cell_at(Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0))
                    .is_some()
        })
        .map(|((r, _), source)| (*r, *source))
        .collect()
}

/// Beyond this distance, [`Sym::distance`] and [`rect_dist`] give only a lower bound
/// (the gap between bounding boxes): every check compares them with a smaller one.
const FAR: f64 = 4.0 * clear::LABEL_REACH;

/// The gap between a box and a line's bounding box along x or y, whichever is larger: a
/// lower bound of their distance.
fn box_gap(r: &Rect, l: &Line2) -> f64 {
    let (x0, x1) = (l.a.x.min(l.b.x), l.a.x.max(l.b.x));
    let (y0, y1) = (l.a.y.min(l.b.y), l.a.y.max(l.b.y));
    let dx = (r.x - x1).max(x0 - r.right()).max(0.0);
    let dy = (r.y - y1).max(y0 - r.bottom()).max(0.0);
    dx.max(dy)
}

/// The distance between a box and a line (0 when they meet); past [`FAR`], only a
/// lower bound of it.
fn rect_dist(r: &Rect, l: &Line2) -> f64 {
    let gap = box_gap(r, l);
    if gap > FAR {
        return gap;
    }
    let c = [
        Point::new(r.x, r.y),
        Point::new(r.right(), r.y),
        Point::new(r.right(), r.bottom()),
        Point::new(r.x, r.bottom()),
    ];
    if l.a.x >= r.x && l.a.x <= r.right() && l.a.y >= r.y && l.a.y <= r.bottom() {
        return 0.0;
    }
    (0..4)
        .map(|k| Line2::new(c[k], c[(k + 1) % 4]).dist(l))
        .fold(f64::MAX, f64::min)
}

/// Rule 5.
fn labels(scene: &Scene, add: &mut Add<'_>) {
    let labels = exit_labels(scene);
    let exits: Vec<Line2> = scene
        .arrows
        .iter()
        .filter(|a| {
            scene
                .ends(a)
                .0
                .is_some_and(|s| scene.symbols[s].kind == SymbolKind::Decision)
        })
        .flat_map(|a| a.lines().take(2).collect::<Vec<_>>())
        .collect();
    let rects: Vec<Rect> = labels.iter().map(|(r, _)| *r).collect();
    for (k, (r, source)) in labels.iter().enumerate() {
        let at = Point::new(r.x, r.y);
        if let Some(rule) = scene
            .rules
            .iter()
            .find(|l| rect_dist(r, l) < clear::LABEL - 1e-6)
        {
            add(
                Rule::Label,
                at,
                format!("exit label {:.1} mm from a rule", rect_dist(r, rule) / MM),
                *source,
            );
        }
        let on_line = scene
            .arrows
            .iter()
            .flat_map(|a| a.lines().collect::<Vec<_>>())
            .any(|l| rect_dist(r, &l) < 0.3);
        let on_symbol = scene.symbols.iter().any(|s| {
            (0..4).any(|e| {
                let c = [
                    Point::new(r.x, r.y),
                    Point::new(r.right(), r.y),
                    Point::new(r.right(), r.bottom()),
                    Point::new(r.x, r.bottom()),
                ];
                s.distance(&Line2::new(c[e], c[(e + 1) % 4])) < 0.3
            })
        });
        let on_label = rects[..k].iter().any(|o| o.overlaps(r));
        if on_line || on_symbol || on_label {
            add(
                Rule::Label,
                at,
                "exit label on a line, symbol or label".into(),
                *source,
            );
        }
        if !exits.iter().any(|l| rect_dist(r, l) <= clear::LABEL_REACH) {
            add(
                Rule::Label,
                at,
                "exit label away from its exit".into(),
                *source,
            );
        }
    }
}

/// Rule 6.
fn joints(scene: &Scene, add: &mut Add<'_>) {
    for s in scene
        .symbols
        .iter()
        .filter(|s| s.kind != SymbolKind::OffPageConnector)
    {
        let r = s.rect;
        let across = scene.rules.iter().any(|l| {
            l.vertical()
                && l.a.x > r.x + 0.5
                && l.a.x < r.right() - 0.5
                && l.a.y.max(l.b.y) > r.y
                && l.a.y.min(l.b.y) < r.bottom()
        });
        if across {
            add(
                Rule::Joint,
                s.centre(),
                "a symbol straddles a lane rule".into(),
                s.source,
            );
        }
    }
}

/// Rule 7.
fn connectors(scene: &Scene, add: &mut Add<'_>) {
    let column = |p: Point| scene.cell_at(p).map(|c| (c.x, c.right()));
    for (k, c) in scene.symbols.iter().enumerate() {
        if c.kind != SymbolKind::OffPageConnector {
            continue;
        }
        if let Some(l) = scene
            .rules
            .iter()
            .find(|l| rect_dist(&c.rect, l) < clear::LABEL - 1e-6)
        {
            add(
                Rule::Connector,
                c.centre(),
                format!("connector {:.1} mm from a rule", rect_dist(&c.rect, l) / MM),
                None,
            );
        }
        for a in &scene.arrows {
            let (start, end) = scene.ends(a);
            let step = match (start, end) {
                (Some(s), Some(e)) if e == k => s,
                (Some(s), Some(e)) if s == k => e,
                _ => continue,
            };
            let s = &scene.symbols[step];
            let same = match (column(c.centre()), column(s.centre())) {
                (Some(x), Some(y)) => (x.0 - y.0).abs() < 0.5 && (x.1 - y.1).abs() < 0.5,
                _ => false,
            };
            if !same {
                add(
                    Rule::Connector,
                    c.centre(),
                    "connector out of the lane of its step".into(),
                    s.source,
                );
            }
        }
    }
}

/// Rule 8.
fn quantities(scene: &Scene, add: &mut Add<'_>) {
    for (k, (r, t)) in scene.texts.iter().enumerate() {
        let Some(last) = t.text.split_whitespace().last() else {
            continue;
        };
        if !last
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            || !last.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let cell = scene.cell_at(Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0));
        let next = scene.texts[k + 1..].iter().find(|(o, _)| {
            (o.y - r.bottom()).abs() < 0.5
                && cell.is_some()
                && cell == scene.cell_at(Point::new(o.x + o.w / 2.0, o.y + o.h / 2.0))
        });
        let Some((_, n)) = next else { continue };
        let first = n
            .text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if crate::layout::text::UNITS.contains(&first.as_str()) {
            add(
                Rule::Quantity,
                Point::new(r.x, r.y),
                format!("`{} {}` broken over two lines", last, first),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::document::{Arrow, Color, Font, Frame, Size, Stroke, Symbol, Text};
    use crate::source::FileId;

    const LINE: Stroke = Stroke {
        width: 0.6,
        color: Color::BLACK,
        dash: None,
    };

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    fn put(at: Point, item: Item) -> Positioned {
        Positioned {
            at,
            item,
            source: None,
        }
    }

    fn cell(x: f64, y: f64, w: f64, h: f64) -> Positioned {
        put(
            p(x, y),
            Item::Frame(Frame {
                size: Size::new(w, h),
                fill: None,
                stroke: Some(LINE),
            }),
        )
    }

    fn symbol(kind: SymbolKind, x: f64, y: f64, w: f64, h: f64) -> Positioned {
        put(
            p(x, y),
            Item::Symbol(Symbol {
                kind,
                size: Size::new(w, h),
                fill: Color::WHITE,
                stroke: LINE,
            }),
        )
    }

    fn arrow(path: &[Point], jumps: &[Point]) -> Positioned {
        put(
            path[0],
            Item::Arrow(Arrow {
                path: path.to_vec(),
                head: style::ARROW_HEAD,
                jumps: jumps.to_vec(),
                stroke: LINE,
            }),
        )
    }

    fn text(s: &str, x: f64, top: f64, w: f64, size: f64) -> Positioned {
        put(
            p(x, top + 5.0),
            Item::Text(Text {
                text: s.into(),
                font: Font::Regular,
                size,
                width: w,
                ascent: 5.0,
                line_height: 7.0,
                color: Color::BLACK,
                link: None,
            }),
        )
    }

    /// Two rows (y 100-150, 150-200) of two lanes (x 100-200, 200-300) and a Waktu
    /// column (300-360); a process in lane A of row 1, one in lane B of row 2, and
    /// the arrow between them with its elbow in the middle of the gap.
    fn clean() -> Page {
        let mut items = Vec::new();
        for y in [100.0, 150.0] {
            items.push(cell(100.0, y, 100.0, 50.0));
            items.push(cell(200.0, y, 100.0, 50.0));
            items.push(cell(300.0, y, 60.0, 50.0));
        }
        items.push(arrow(
            &[
                p(150.0, 135.0),
                p(150.0, 142.5),
                p(250.0, 142.5),
                p(250.0, 165.0),
            ],
            &[],
        ));
        items.push(symbol(SymbolKind::Process, 130.0, 115.0, 40.0, 20.0));
        items.push(symbol(SymbolKind::Process, 230.0, 165.0, 40.0, 20.0));
        Page {
            size: Size::new(400.0, 300.0),
            content: Rect::new(0.0, 0.0, 400.0, 300.0),
            items,
        }
    }

    fn rules(pages: &[Page]) -> Vec<Rule> {
        let mut r: Vec<Rule> = clearance(pages).iter().map(|b| b.rule).collect();
        r.dedup();
        r
    }

    fn with(extra: Vec<Positioned>) -> Vec<Rule> {
        let mut page = clean();
        page.items.extend(extra);
        rules(&[page])
    }

    #[test]
    fn the_inside_of_each_outline() {
        // A 20 x 10 mm box at the origin: the terminator's ends are half circles of
        // radius 5 about (5, 5) and (15, 5), so its corners are outside; the diamond's
        // corners too.
        let r = Rect::new(0.0, 0.0, 20.0, 10.0);
        let corner = p(1.0, 1.0);
        assert!(inside(SymbolKind::Process, &r, corner, 0.0));
        assert!(!inside(SymbolKind::Terminator, &r, corner, 0.0));
        assert!(!inside(SymbolKind::Decision, &r, corner, 0.0));
        // Within the end's circle, and on the straight part.
        assert!(inside(SymbolKind::Terminator, &r, p(1.0, 5.0), 0.0));
        assert!(inside(SymbolKind::Terminator, &r, p(10.0, 1.0), 0.0));
        assert!(inside(SymbolKind::Decision, &r, p(10.0, 3.0), 0.0));
        // Nearer than `eps` to the outline is not inside.
        assert!(!inside(SymbolKind::Process, &r, corner, 1.5));
    }

    #[test]
    fn a_clean_page_breaks_no_rule() {
        assert_eq!(clearance(&[clean()]), vec![]);
    }

    #[test]
    fn rule_1_an_arrow_along_a_row_rule() {
        // The horizontal leg 0.7 mm above the row rule, as routers used to draw it.
        let mut page = clean();
        page.items[6] = arrow(
            &[
                p(150.0, 135.0),
                p(150.0, 148.0),
                p(250.0, 148.0),
                p(250.0, 165.0),
            ],
            &[],
        );
        assert_eq!(rules(&[page]), vec![Rule::NearRule]);
    }

    #[test]
    fn rule_2_two_arrows_close_together_toward_different_targets() {
        let found = with(vec![
            symbol(SymbolKind::Process, 230.0, 115.0, 40.0, 20.0),
            arrow(
                &[
                    p(150.0, 135.0),
                    p(150.0, 140.0),
                    p(250.0, 140.0),
                    p(250.0, 135.0),
                ],
                &[],
            ),
        ]);
        assert!(found.contains(&Rule::NearArrow), "{found:?}");
    }

    #[test]
    fn rule_2_two_arrowheads_into_one_side() {
        // A second arrow into the top of the lower process, at its middle.
        let found = with(vec![
            symbol(SymbolKind::Process, 130.0, 160.0, 40.0, 20.0),
            arrow(
                &[
                    p(170.0, 170.0),
                    p(185.0, 170.0),
                    p(185.0, 155.0),
                    p(250.0, 155.0),
                    p(250.0, 165.0),
                ],
                &[],
            ),
        ]);
        assert!(found.contains(&Rule::NearArrow), "{found:?}");
    }

    #[test]
    fn rule_3_an_arrow_brushing_a_symbol() {
        let mut page = clean();
        // The lower process moved 2 pt from the arrow's horizontal leg... of another arrow.
        page.items
            .push(symbol(SymbolKind::Process, 175.0, 144.0, 10.0, 10.0));
        assert!(rules(&[page]).contains(&Rule::NearSymbol));
    }

    #[test]
    fn rule_3_an_arrow_off_the_middle_of_a_side() {
        let mut page = clean();
        page.items[6] = arrow(
            &[
                p(160.0, 135.0),
                p(160.0, 142.5),
                p(250.0, 142.5),
                p(250.0, 165.0),
            ],
            &[],
        );
        assert_eq!(rules(&[page]), vec![Rule::NearSymbol]);
    }

    #[test]
    fn rule_3_a_short_last_segment() {
        let mut page = clean();
        page.items[8] = symbol(SymbolKind::Process, 230.0, 151.0, 40.0, 20.0);
        page.items[6] = arrow(
            &[
                p(150.0, 135.0),
                p(150.0, 142.5),
                p(250.0, 142.5),
                p(250.0, 151.0),
            ],
            &[],
        );
        assert_eq!(rules(&[page]), vec![Rule::NearSymbol]);
    }

    #[test]
    fn rule_4_a_crossing_needs_a_line_jump() {
        let cross = |jumps: &[Point]| {
            with(vec![arrow(&[p(120.0, 130.0), p(120.0, 143.0)], &[]), {
                let mut a = arrow(&[p(110.0, 125.0), p(110.0, 138.0), p(128.0, 138.0)], jumps);
                a.at = p(110.0, 125.0);
                a
            }])
        };
        assert!(cross(&[]).contains(&Rule::Crossing));
        assert!(!cross(&[p(120.0, 138.0)]).contains(&Rule::Crossing));
    }

    #[test]
    fn rule_5_an_exit_label_across_a_lane_rule() {
        let found = with(vec![text("Tidak", 195.0, 130.0, 14.0, style::LABEL)]);
        assert!(found.contains(&Rule::Label), "{found:?}");
    }

    #[test]
    fn breaches_become_one_warning_per_rule_and_step_naming_the_page() {
        let sop = crate::test_util::sop_from(
            r#"
pelaksana: [a, b]
langkah:
  - { pelaksana: a, kegiatan: Mulai }
  - { pelaksana: b, kegiatan: Selesai }
"#,
        );
        let mut page = clean();
        let at_step = |mut t: Positioned| {
            t.source = Some(sop.steps[0].activity.span);
            t
        };
        page.items
            .push(at_step(text("Tidak", 195.0, 130.0, 14.0, style::LABEL)));
        page.items
            .push(at_step(text("Ya", 195.0, 110.0, 8.0, style::LABEL)));
        let found = clearance(std::slice::from_ref(&page));
        assert!(found.iter().all(|b| b.rule == Rule::Label), "{found:?}");
        let warnings = super::super::clearance_warnings(&sop, &[clean(), page]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!(w.code, "sop::layout::clearance");
        assert!(!w.is_error());
        assert!(
            w.message
                .starts_with("flowchart near step 1: exit label misplaced (layout rule 5)"),
            "{}",
            w.message
        );
        assert!(found.len() > 1, "{found:?}");
        let more = format!("and {} more like it", found.len() - 1);
        assert!(w.message.ends_with(&more), "{}", w.message);
        assert_eq!(w.span, sop.steps[0].activity.span);
        assert!(
            w.label.starts_with("page 2, 69 mm from the left"),
            "{}",
            w.label
        );
        assert!(
            w.help
                .as_deref()
                .unwrap_or("")
                .contains("shorter exit labels")
        );
    }

    #[test]
    fn rule_5_an_exit_label_away_from_any_exit() {
        let found = with(vec![text("Ya", 110.0, 105.0, 8.0, style::LABEL)]);
        assert_eq!(found, vec![Rule::Label]);
    }

    #[test]
    fn rule_6_a_joint_step_across_the_rule_between_lanes() {
        let mut page = clean();
        page.items[8] = symbol(SymbolKind::Process, 180.0, 165.0, 40.0, 20.0);
        page.items[6] = arrow(
            &[
                p(150.0, 135.0),
                p(150.0, 142.5),
                p(200.0, 142.5),
                p(200.0, 165.0),
            ],
            &[],
        );
        assert!(rules(&[page]).contains(&Rule::Joint));
    }

    #[test]
    fn rule_7_a_connector_out_of_its_steps_lane() {
        let mut page = clean();
        page.items.push(cell(100.0, 200.0, 100.0, 30.0));
        page.items.push(cell(200.0, 200.0, 100.0, 30.0));
        page.items.push(symbol(
            SymbolKind::OffPageConnector,
            142.0,
            210.0,
            16.0,
            16.0,
        ));
        // From the lower process (lane B) into a connector in lane A.
        page.items.push(arrow(
            &[
                p(270.0, 175.0),
                p(285.0, 175.0),
                p(285.0, 195.0),
                p(150.0, 195.0),
                p(150.0, 210.0),
            ],
            &[],
        ));
        let found = rules(&[page]);
        assert!(found.contains(&Rule::Connector), "{found:?}");
    }

    #[test]
    fn rule_8_a_quantity_broken_over_two_lines() {
        let good = with(vec![
            text("19 hari", 310.0, 110.0, 30.0, style::BODY),
            text("3 jam", 310.0, 117.0, 30.0, style::BODY),
        ]);
        assert_eq!(good, vec![]);
        let bad = with(vec![
            text("19 hari 3", 310.0, 110.0, 30.0, style::BODY),
            text("jam", 310.0, 117.0, 30.0, style::BODY),
        ]);
        assert_eq!(bad, vec![Rule::Quantity]);
    }

    #[test]
    fn rule_9_one_lonely_row_on_the_last_page() {
        let mut full = clean();
        for (k, it) in full.items.iter_mut().enumerate() {
            it.source = Some(Span::new(FileId(0), k, k + 1));
        }
        let mut third = symbol(SymbolKind::Process, 330.0, 115.0, 20.0, 20.0);
        third.source = Some(Span::new(FileId(0), 50, 51));
        full.items.push(third);
        let mut last = clean();
        last.items.truncate(7);
        let mut one = symbol(SymbolKind::Process, 130.0, 115.0, 40.0, 20.0);
        one.source = Some(Span::new(FileId(0), 60, 61));
        last.items.push(one);
        last.items.remove(6);
        // The footer far enough below the table for one more row and a band.
        last.size = Size::new(400.0, 500.0);
        let mut cramped = last.clone();
        last.items
            .push(text("Halaman 2 dari 2", 100.0, 380.0, 60.0, 7.0));
        assert!(rules(&[full.clone(), last.clone()]).contains(&Rule::LonelyRow));
        // No room on the last page for the row before it: nothing to balance.
        cramped
            .items
            .push(text("Halaman 2 dari 2", 100.0, 290.0, 60.0, 7.0));
        assert!(!rules(&[full.clone(), cramped]).contains(&Rule::LonelyRow));
        // Two rows then one cannot be balanced better.
        full.items.pop();
        assert!(!rules(&[full, last]).contains(&Rule::LonelyRow));
    }
}
