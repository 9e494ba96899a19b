//! Off-page connectors (*konektor antar halaman*): where an arrow crosses a page break
//! it ends in a labelled connector at the bottom of its page and goes on from the
//! connector with the same label at the top of the target's page. Connectors stand in
//! bands, rows of empty cells above and below a page's steps; their places in the bands
//! are chosen while the page's arrows are routed.

use std::collections::BTreeMap;

use super::Edge;
use super::arrows::{End, Want};
use super::grid::Grid;
use super::paginate::page_index;
use super::route::Shape;
use super::rows::RowBox;
use crate::layout::document::{Font, Item, Point, Rect, Size, Symbol, SymbolKind};
use crate::layout::sink::{Sink, TextLine};
use crate::layout::style::{self, flow};
use crate::layout::text;
use crate::model::Sop;
use crate::model::style::ConnectorLabels;

/// An off-page connector.
#[derive(Debug, Clone)]
pub(super) struct Conn {
    pub(super) label: String,
    pub(super) page: usize,
    pub(super) top: bool,
    pub(super) shape: Shape,
}

/// Connector labels: A, B, ..., Z, AA, AB, ...
fn connector_label(n: usize, style: ConnectorLabels) -> String {
    if style == ConnectorLabels::Numbers {
        return (n + 1).to_string();
    }
    let mut n = n + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// The arrows to draw on each page, and the connectors of the arrows that cross a page
/// break: `pages` holds the steps on each page.
pub(super) fn plan(
    sop: &Sop,
    grid: &Grid,
    rows: &[RowBox],
    pages: &[Vec<usize>],
    edges: &[Edge],
) -> (Vec<Conn>, BTreeMap<usize, Vec<Want>>) {
    let mut planner = Planner {
        sop,
        grid,
        pages,
        page_of: page_index(pages, rows.len()),
        conns: Vec::new(),
        labels: BTreeMap::new(),
        wants: BTreeMap::new(),
    };
    for e in edges {
        planner.edge(e);
    }
    (planner.conns, planner.wants)
}

/// The arrows and connectors planned so far, with what planning them needs.
struct Planner<'a> {
    sop: &'a Sop,
    grid: &'a Grid,
    pages: &'a [Vec<usize>],
    /// The page of each row.
    page_of: Vec<usize>,
    /// Connectors: one pair per arrow that crosses a page break. Their places in the
    /// bands are chosen while routing each page.
    conns: Vec<Conn>,
    /// The connector label of the arrows into each step, solid or dotted.
    labels: BTreeMap<(usize, bool), String>,
    /// The arrows to draw on each page.
    wants: BTreeMap<usize, Vec<Want>>,
}

impl Planner<'_> {
    /// Plans the arrow of `e`: on its page, or across a page break through a pair of
    /// connectors.
    fn edge(&mut self, e: &Edge) {
        let natural = e.to_row == e.from_row + 1;
        let (pf, pt) = (self.page_of[e.from_row], self.page_of[e.to_row]);
        if pf == pt {
            let want = Want {
                from: End::Step(e.from),
                to: End::Step(e.to),
                label: self.exit_label(e),
                natural,
                toward: None,
                dotted: e.dotted,
            };
            self.wants.entry(pf).or_default().push(want);
        } else {
            self.cross(e, natural, pf, pt);
        }
    }

    /// The exit label of a decision's arrow, when `e` carries one.
    fn exit_label(&self, e: &Edge) -> Option<String> {
        e.labelled
            .then(|| crate::export::edge_label(self.sop, e.source, e.kind))
            .flatten()
    }

    /// Plans the arrow of `e` from page `pf` to page `pt`: into a connector at the
    /// bottom of `pf`, and out of the connector at the top of `pt` (once for all arrows
    /// into the step).
    fn cross(&mut self, e: &Edge, natural: bool, pf: usize, pt: usize) {
        let label = self.shared_label(e);
        let target_x = {
            let (a, b) = e.to_lanes;
            let grid = self.grid;
            (grid.lane(a).0 + grid.lane(b).0 + grid.lane(b).1) / 2.0
        };
        // Each arrow leaving a page ends in its own connector; all arrows into one step
        // arrive through the one connector on the step's page.
        self.conns.push(connector(&label, pf, false));
        let cb = self.conns.len() - 1;
        let (ct, new_top) = self.top_connector(&label, pt);
        let want = Want {
            from: End::Step(e.from),
            to: End::Conn(cb),
            label: self.exit_label(e),
            natural: natural || self.pages[pf].last() == Some(&e.from_row),
            toward: Some(target_x),
            dotted: e.dotted,
        };
        self.wants.entry(pf).or_default().push(want);
        if new_top {
            self.wants.entry(pt).or_default().push(Want {
                from: End::Conn(ct),
                to: End::Step(e.to),
                label: None,
                natural: true,
                toward: None,
                dotted: e.dotted,
            });
        }
    }

    /// The label of the connectors of `e`. All arrows that continue at step `e.to`
    /// share one label: one connector at the top of its page, and one at the bottom of
    /// each page they leave.
    fn shared_label(&mut self, e: &Edge) -> String {
        match self.labels.get(&(e.to, e.dotted)) {
            Some(l) => l.clone(),
            None => {
                let l = connector_label(self.labels.len(), self.sop.style.connectors);
                self.labels.insert((e.to, e.dotted), l.clone());
                l
            }
        }
    }

    /// The index of the connector labelled `label` at the top of page `page`, and
    /// whether it is new.
    fn top_connector(&mut self, label: &str, page: usize) -> (usize, bool) {
        match self
            .conns
            .iter()
            .position(|c| c.page == page && c.top && c.label == label)
        {
            Some(k) => (k, false),
            None => {
                self.conns.push(connector(label, page, true));
                (self.conns.len() - 1, true)
            }
        }
    }
}

/// A connector labelled `label` on page `page`, at its top or its bottom, not yet
/// placed in its band.
fn connector(label: &str, page: usize, top: bool) -> Conn {
    Conn {
        label: label.to_string(),
        page,
        top,
        shape: Shape {
            kind: SymbolKind::OffPageConnector,
            rect: Rect::new(0.0, 0.0, flow::CONNECTOR, flow::CONNECTOR),
        },
    }
}

/// Draws the connectors of page `p`, each with its label.
pub(super) fn draw(sink: &mut Sink, conns: &[Conn], p: usize) {
    for c in conns.iter().filter(|c| c.page == p) {
        let r = c.shape.rect;
        sink.push(
            Point::new(r.x, r.y),
            Item::Symbol(Symbol {
                kind: SymbolKind::OffPageConnector,
                size: Size::new(r.w, r.h),
                fill: style::SYMBOL_FILL,
                stroke: style::SYMBOL_STROKE,
            }),
            None,
        );
        let size = style::LABEL + 0.5;
        let w = text::width(&c.label, Font::Bold, size);
        let lh = text::line_height(Font::Bold, size);
        sink.text(
            r.x + (r.w - w) / 2.0,
            r.y + r.h * 0.38 - lh / 2.0,
            TextLine::new(c.label.clone(), Font::Bold, size),
            None,
        );
    }
}

/// The connector bands of one page: (top y, height).
pub(super) struct Bands {
    pub(super) top: Option<(f64, f64)>,
    pub(super) bottom: Option<(f64, f64)>,
}

/// A row of empty cells across the table, holding connectors.
pub(super) fn band(sink: &mut Sink, grid: &Grid, y: f64, h: f64) {
    let (l0, l1) = grid.lanes_span();
    sink.frame(
        Rect::new(grid.left(), y, l0 - grid.left(), h),
        None,
        Some(style::RULE),
    );
    for k in 0..grid.lanes {
        let (x, w) = grid.lane(k);
        sink.frame(Rect::new(x, y, w, h), None, Some(style::RULE));
    }
    sink.frame(
        Rect::new(l1, y, grid.right() - l1, h),
        None,
        Some(style::RULE),
    );
}
