//! Off-page connectors (*konektor antar halaman*): where an arrow crosses a page break
//! it ends in a labelled connector at the bottom of its page and goes on from the
//! connector with the same label at the top of the target's page. Connectors stand in
//! bands, rows of empty cells above and below a page's steps; their places in the bands
//! are chosen while the page's arrows are routed.

use std::collections::BTreeMap;

use super::arrows::{End, Want};
use super::grid::Grid;
use super::paginate::page_index;
use super::route::Shape;
use super::rows::RowBox;
use crate::graph::{Edge, EdgeKind};
use crate::layout::document::{Font, Item, Point, Rect, Size, Symbol, SymbolKind};
use crate::layout::sink::{Sink, TextLine};
use crate::layout::style::{self, flow};
use crate::layout::text;
use crate::model::Sop;

/// An off-page connector.
#[derive(Debug, Clone)]
pub(super) struct Conn {
    pub(super) label: String,
    pub(super) page: usize,
    pub(super) top: bool,
    pub(super) shape: Shape,
}

/// Connector labels: A, B, ..., Z, AA, AB, ...
fn connector_label(n: usize) -> String {
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
    let page_of = page_index(pages, rows.len());
    // Connectors: one pair per arrow that crosses a page break. Their places in the
    // bands are chosen while routing each page.
    let mut plan = Plan::default();
    for e in edges {
        let natural = e.to == e.from + 1;
        let (pf, pt) = (page_of[e.from], page_of[e.to]);
        let label = sop.steps[e.from].decision.as_ref().map(|d| match e.kind {
            EdgeKind::No => d.labels[1].value.clone(),
            _ => d.labels[0].value.clone(),
        });
        if pf == pt {
            plan.wants.entry(pf).or_default().push(Want {
                from: End::Step(e.from),
                to: End::Step(e.to),
                label,
                natural,
                toward: None,
            });
            continue;
        }
        let (x, w) = grid.lane(rows[e.to].main);
        let natural = natural || pages[pf].last() == Some(&e.from);
        plan.across(e, (pf, pt), label, natural, x + w / 2.0);
    }
    (plan.conns, plan.wants)
}

/// The connectors and the arrows of each page, as they are planned.
#[derive(Default)]
struct Plan {
    conns: Vec<Conn>,
    /// The label of the connectors into each step.
    labels: BTreeMap<usize, String>,
    wants: BTreeMap<usize, Vec<Want>>,
}

impl Plan {
    /// A new connector on page `page`, at the top or the bottom.
    fn push(&mut self, label: &str, page: usize, top: bool) -> usize {
        self.conns.push(Conn {
            label: label.to_string(),
            page,
            top,
            shape: Shape {
                kind: SymbolKind::OffPageConnector,
                rect: Rect::new(0.0, 0.0, flow::CONNECTOR, flow::CONNECTOR),
            },
        });
        self.conns.len() - 1
    }

    /// An arrow from page `pf` to page `pt`: into a connector of its own at the bottom
    /// of `pf`, and on from the one connector at the top of `pt` that every arrow into
    /// its step shares (with one label), toward `target_x`.
    fn across(
        &mut self,
        e: &Edge,
        (pf, pt): (usize, usize),
        label: Option<String>,
        natural: bool,
        target_x: f64,
    ) {
        let n = self.labels.len();
        let letter = self
            .labels
            .entry(e.to)
            .or_insert_with(|| connector_label(n))
            .clone();
        let cb = self.push(&letter, pf, false);
        let top = self
            .conns
            .iter()
            .position(|c| c.page == pt && c.top && c.label == letter);
        self.wants.entry(pf).or_default().push(Want {
            from: End::Step(e.from),
            to: End::Conn(cb),
            label,
            natural,
            toward: Some(target_x),
        });
        if top.is_none() {
            let ct = self.push(&letter, pt, true);
            self.wants.entry(pt).or_default().push(Want {
                from: End::Conn(ct),
                to: End::Step(e.to),
                label: None,
                natural: true,
                toward: None,
            });
        }
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
