//! `layout::flowchart::verify` on hand-made pages: one page per rule, each of which
//! must be reported (and only that rule), beside a clean page that must not be; and the
//! layout's own checks (`crossing`, `overlap`, `outside`) name the step they see.

use sopc::layout::document::{
    Arrow, Color, Font, Item, Page, Point, Positioned, Rect, Size, Symbol, SymbolKind, Text,
};
use sopc::layout::flowchart::verify::{self, Violation};
use sopc::layout::style;
use sopc::source::{FileId, Span};

fn span(k: usize) -> Span {
    Span::new(FileId(1), 10 * k, 10 * k + 5)
}

fn symbol(kind: SymbolKind, x: f64, y: f64, w: f64, h: f64, step: Option<usize>) -> Positioned {
    Positioned {
        at: Point::new(x, y),
        item: Item::Symbol(Symbol {
            kind,
            size: Size::new(w, h),
            fill: style::SYMBOL_FILL,
            stroke: style::SYMBOL_STROKE,
        }),
        source: step.map(span),
    }
}

fn process(x: f64, y: f64, step: usize) -> Positioned {
    symbol(SymbolKind::Process, x, y, 60.0, 20.0, Some(step))
}

fn arrow(points: &[(f64, f64)]) -> Positioned {
    let path: Vec<Point> = points.iter().map(|&(x, y)| Point::new(x, y)).collect();
    Positioned {
        at: path[0],
        item: Item::Arrow(Arrow {
            path,
            head: style::ARROW_HEAD,
            stroke: style::ARROW_STROKE,
            jumps: Vec::new(),
        }),
        source: None,
    }
}

fn text(s: &str, x: f64, y: f64) -> Positioned {
    Positioned {
        at: Point::new(x, y),
        item: Item::Text(Text {
            text: s.into(),
            font: Font::Bold,
            size: 7.0,
            width: 4.0,
            ascent: 5.0,
            line_height: 7.0,
            color: Color::BLACK,
            link: None,
        }),
        source: None,
    }
}

fn page(items: Vec<Positioned>) -> Page {
    Page {
        size: Size::new(600.0, 400.0),
        content: Rect::new(20.0, 20.0, 560.0, 360.0),
        items,
    }
}

/// Two steps, one arrow from the first to the second.
fn clean() -> Vec<Positioned> {
    vec![
        process(100.0, 100.0, 0),
        process(100.0, 160.0, 1),
        arrow(&[(130.0, 120.0), (130.0, 160.0)]),
    ]
}

#[test]
fn a_clean_page_has_no_violation() {
    let pages = [page(clean())];
    assert_eq!(verify::violations(&pages, 2), []);
    assert_eq!(verify::crossing(&pages), None);
    assert_eq!(verify::overlap(&pages), None);
    assert_eq!(verify::outside(&pages), None);
}

#[test]
fn an_item_outside_the_content_box() {
    let mut items = clean();
    items.push(text("x", 10.0, 100.0));
    let pages = [page(items)];
    let v = verify::violations(&pages, 2);
    assert!(
        matches!(v.as_slice(), [Violation::Outside { page: 0, .. }]),
        "{v:?}"
    );
    assert_eq!(verify::outside(&pages), Some((false, None)));

    // A connector left unplaced is named as one.
    let mut items = clean();
    items.push(symbol(
        SymbolKind::OffPageConnector,
        570.0,
        100.0,
        16.0,
        16.0,
        None,
    ));
    assert_eq!(verify::outside(&[page(items)]), Some((true, None)));

    // A coordinate that is not a number is outside too.
    let mut items = clean();
    items.push(text("x", f64::NAN, 100.0));
    let v = verify::violations(&[page(items)], 2);
    assert!(matches!(v.as_slice(), [Violation::Outside { .. }]), "{v:?}");
}

#[test]
fn overlapping_symbols() {
    let items = vec![process(100.0, 100.0, 0), process(150.0, 110.0, 1)];
    let v = verify::violations(&[page(items)], 2);
    assert!(
        matches!(v.as_slice(), [Violation::SymbolsOverlap { page: 0, .. }]),
        "{v:?}"
    );
    // Touching is not overlapping.
    let items = vec![process(100.0, 100.0, 0), process(160.0, 100.0, 1)];
    assert_eq!(verify::violations(&[page(items)], 2), []);
}

#[test]
fn an_arrow_through_a_symbol_of_each_kind() {
    for kind in [
        SymbolKind::Process,
        SymbolKind::Decision,
        SymbolKind::Terminator,
        SymbolKind::OffPageConnector,
    ] {
        let step = (kind != SymbolKind::OffPageConnector).then_some(2);
        let items = vec![
            process(100.0, 100.0, 0),
            symbol(kind, 110.0, 140.0, 40.0, 20.0, step),
            process(100.0, 200.0, 1),
            arrow(&[(130.0, 120.0), (130.0, 200.0)]),
        ];
        let pages = [page(items)];
        let v = verify::violations(&pages, 2 + usize::from(step.is_some()));
        assert!(
            matches!(v.as_slice(), [Violation::Crossing { page: 0, symbol, .. }] if symbol.y == 140.0),
            "{kind:?}: {v:?}"
        );
        assert_eq!(verify::crossing(&pages), Some(step.map(span)), "{kind:?}");
    }
}

#[test]
fn an_arrow_past_a_diamond_corner_does_not_cross_it() {
    // Across the corner of the diamond's box, outside the diamond itself.
    let items = vec![
        process(100.0, 100.0, 0),
        symbol(SymbolKind::Decision, 120.0, 140.0, 60.0, 20.0, Some(2)),
        process(100.0, 200.0, 1),
        arrow(&[(90.0, 141.0), (140.0, 141.0)]),
    ];
    assert_eq!(verify::violations(&[page(items)], 3), []);
    // Through its middle it does.
    let items = vec![
        process(100.0, 100.0, 0),
        symbol(SymbolKind::Decision, 120.0, 140.0, 60.0, 20.0, Some(2)),
        process(100.0, 200.0, 1),
        arrow(&[(150.0, 120.0), (150.0, 200.0)]),
    ];
    assert_eq!(verify::violations(&[page(items)], 3).len(), 1);
}

#[test]
fn an_arrow_ending_on_an_outline_does_not_cross_it() {
    // Both ends on outlines, one leaving a corner of a terminator's flat side.
    let items = vec![
        symbol(SymbolKind::Terminator, 100.0, 100.0, 60.0, 20.0, Some(0)),
        symbol(SymbolKind::Decision, 100.0, 160.0, 60.0, 30.0, Some(1)),
        arrow(&[(130.0, 120.0), (130.0, 160.0)]),
        arrow(&[
            (160.0, 175.0),
            (200.0, 175.0),
            (200.0, 110.0),
            (160.0, 110.0),
        ]),
    ];
    assert_eq!(verify::violations(&[page(items)], 2), []);
}

#[test]
fn two_arrows_along_each_other() {
    let mut items = clean();
    items.push(process(300.0, 100.0, 2));
    items.push(process(300.0, 160.0, 3));
    // Two arrows down one line, half a point apart, over 20 pt.
    items.push(arrow(&[(200.0, 110.0), (200.0, 150.0), (300.0, 150.0)]));
    items.push(arrow(&[(200.5, 130.0), (200.5, 170.0), (300.0, 170.0)]));
    let pages = [page(items)];
    let v = verify::violations(&pages, 4);
    assert!(
        matches!(v.as_slice(), [Violation::Along { page: 0, .. }]),
        "{v:?}"
    );
    assert!(verify::overlap(&pages).is_some());

    // A point and a half apart they are two lines; crossing them (with a line jump
    // over each) is not running along.
    let mut items = clean();
    items.push(arrow(&[(200.0, 110.0), (200.0, 150.0)]));
    items.push(arrow(&[(201.5, 110.0), (201.5, 150.0)]));
    let mut across = arrow(&[(190.0, 130.0), (220.0, 130.0)]);
    if let Item::Arrow(a) = &mut across.item {
        a.jumps = vec![Point::new(200.0, 130.0), Point::new(201.5, 130.0)];
    }
    items.push(across);
    assert_eq!(verify::violations(&[page(items)], 2), []);
}

#[test]
fn the_overlap_names_the_step_the_first_arrow_leaves() {
    let items = vec![
        process(100.0, 100.0, 0),
        process(100.0, 200.0, 1),
        process(250.0, 200.0, 2),
        arrow(&[
            (160.0, 110.0),
            (200.0, 110.0),
            (200.0, 210.0),
            (160.0, 210.0),
        ]),
        arrow(&[
            (200.0, 150.0),
            (200.0, 190.0),
            (280.0, 190.0),
            (280.0, 200.0),
        ]),
    ];
    assert_eq!(verify::overlap(&[page(items)]), Some(Some(span(0))));
}

#[test]
fn a_step_drawn_twice_or_not_at_all() {
    let v = verify::violations(&[page(clean())], 3);
    assert_eq!(v, [Violation::StepCount { drawn: 2, steps: 3 }]);
    let v = verify::violations(&[page(clean())], 1);
    assert_eq!(v, [Violation::StepCount { drawn: 2, steps: 1 }]);
    // Connectors are not steps.
    let mut items = clean();
    items.push(symbol(
        SymbolKind::OffPageConnector,
        300.0,
        300.0,
        16.0,
        16.0,
        None,
    ));
    items.push(text("A", 306.0, 310.0));
    items.push(symbol(
        SymbolKind::OffPageConnector,
        400.0,
        300.0,
        16.0,
        16.0,
        None,
    ));
    items.push(text("A", 406.0, 310.0));
    assert_eq!(verify::violations(&[page(items)], 2), []);
}

#[test]
fn a_connector_without_a_partner() {
    let mut items = clean();
    items.push(symbol(
        SymbolKind::OffPageConnector,
        300.0,
        300.0,
        16.0,
        16.0,
        None,
    ));
    items.push(text("B", 306.0, 310.0));
    let first = page(items);
    let v = verify::violations(std::slice::from_ref(&first), 2);
    assert_eq!(v, [Violation::Unpaired { label: "B".into() }]);
    // Its partner on the next page.
    let second = page(vec![
        symbol(SymbolKind::OffPageConnector, 300.0, 30.0, 16.0, 16.0, None),
        text("B", 306.0, 40.0),
    ]);
    assert_eq!(verify::violations(&[first, second], 2), []);
}
