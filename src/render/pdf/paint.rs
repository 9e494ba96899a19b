//! Painting one page: each display-list item becomes printpdf operations. This is the
//! only place where display-list coordinates (points, origin top-left, y down) become PDF
//! coordinates (points, origin bottom-left, y up).

use printpdf as pp;

use super::Resources;
use super::embed::text_items;
use super::shapes::{PathPoint, capsule, corners};
use crate::layout::document::{
    Arrow, Color, Font, Frame, Image, Item, Line, Link, Page, Point, Positioned, Stroke, Symbol,
    SymbolKind, Text,
};
use crate::layout::geometry;
use crate::layout::reading::text_order;

/// The graphics state last set in the content stream, so that each operator is written
/// only when its value changes. `None` = not set yet on this page.
#[derive(Default)]
struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    width: Option<f64>,
    dash: Option<Option<(f64, f64)>>,
    font: Option<(Font, f64)>,
    /// Inside a text object (`BT`).
    in_text: bool,
}

/// A link to a page of the same document: the area that is clicked, in PDF coordinates
/// (`[left, bottom, right, top]`), and the 1-based number of the page it goes to.
/// printpdf knows only the pages of the document it builds, and a book is built from
/// several (a run of pages each), so these links are added to the finished file
/// (`navigation`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageLink {
    pub(super) rect: [f32; 4],
    pub(super) page: usize,
}

/// Translates the items of one page into printpdf operations.
pub(super) struct Painter<'a> {
    /// Page height, to flip y.
    height: f64,
    res: &'a Resources,
    ops: Vec<pp::Op>,
    state: State,
    page_links: Vec<PageLink>,
}

impl<'a> Painter<'a> {
    /// The page's operations, and its links to other pages of the document.
    pub(super) fn paint(page: &Page, res: &'a Resources) -> (pp::PdfPage, Vec<PageLink>) {
        let mut painter = Painter {
            height: page.size.h,
            res,
            ops: Vec::new(),
            state: State::default(),
            page_links: Vec::new(),
        };
        // The drawing first, in display-list order, then the text in reading order
        // (`layout::reading`): a reader that takes text in the order of the content
        // stream then reads a table row by row. Text is drawn over the drawing either
        // way, since layout keeps it clear of lines, symbols and arrows.
        for p in page
            .items
            .iter()
            .filter(|p| !matches!(p.item, Item::Text(_) | Item::Note(_)))
        {
            painter.item(p);
        }
        for i in text_order(page) {
            painter.item(&page.items[i]);
        }
        painter.end_text();
        let size = pp::Rect::from_wh(pt(page.size.w), pt(page.size.h));
        let painted = pp::PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops: painter.ops,
        };
        (painted, painter.page_links)
    }

    fn item(&mut self, p: &Positioned) {
        if !matches!(p.item, Item::Text(_) | Item::Note(_)) {
            self.end_text();
        }
        match &p.item {
            Item::Text(t) => self.text(p.at, t),
            Item::Frame(f) => self.frame(p.at, f),
            Item::Line(l) => self.line(p.at, l),
            Item::Symbol(s) => self.symbol(p.at, s),
            Item::Arrow(a) => self.arrow(a),
            Item::Image(i) => self.image(p.at, i),
            // Words for screen readers: an untagged PDF has no place for them.
            Item::Note(_) => {}
        }
    }

    /// Draws an image into its box. PDF draws an image into the unit square; the matrix
    /// scales that square to the box and moves it to the box's lower-left corner.
    /// printpdf's own scaling to the pixel size is turned off, so that a page can name
    /// an image that another document holds (a run of [`super::PdfWriter`]).
    fn image(&mut self, at: Point, i: &Image) {
        let Some(id) = self.res.images.id(&i.logo) else {
            // `Images::of` (or the writer's list) holds every image of the document.
            return;
        };
        let ll = self.point(Point::new(at.x, at.y + i.size.h));
        self.ops.push(pp::Op::UseXobject {
            id: id.clone(),
            transform: pp::XObjectTransform {
                translate_x: Some(ll.x),
                translate_y: Some(ll.y),
                rotate: None,
                scale_x: Some(round(i.size.w)),
                scale_y: Some(round(i.size.h)),
                dpi: None,
                no_auto_scale: true,
            },
        });
    }

    /// A display-list point in PDF coordinates.
    fn point(&self, p: Point) -> pp::Point {
        pp::Point {
            x: pt(p.x),
            y: pt(self.height - p.y),
        }
    }

    fn text(&mut self, at: Point, t: &Text) {
        if t.text.is_empty() {
            return;
        }
        let Some(id) = self.res.fonts.ids.get(&t.font) else {
            // Every face with text was embedded in `Fonts::embed`.
            return;
        };
        let id = id.clone();
        self.set_fill(t.color);
        // Lines that follow one another share one text object. Each is placed where it
        // stands on the page (`Tm`), not moved from the line before (`Td`): the reader
        // then puts it at exactly the same place whichever lines come before it, and
        // the text can be written in reading order without a pixel of the page moving.
        if !self.state.in_text {
            self.state.in_text = true;
            self.ops.push(pp::Op::StartTextSection);
        }
        if self.state.font != Some((t.font, t.size)) {
            self.state.font = Some((t.font, t.size));
            self.ops.push(pp::Op::SetFont {
                font: pp::PdfFontHandle::External(id),
                size: pt(t.size),
            });
        }
        let start = self.point(at);
        self.ops.push(pp::Op::SetTextMatrix {
            matrix: pp::TextMatrix::Translate(start.x, start.y),
        });
        self.ops.push(pp::Op::ShowText {
            items: text_items(&t.text, t.font),
        });
        let b = t.bounds(at);
        let ll = self.point(Point::new(b.x, b.bottom()));
        match &t.link {
            Some(Link::Uri(link)) => {
                let rect = pp::Rect::from_xywh(ll.x, ll.y, pt(b.w), pt(b.h));
                self.ops.push(pp::Op::LinkAnnotation {
                    link: pp::LinkAnnotation::new(
                        rect,
                        pp::Actions::Uri(pdf_target(link)),
                        Some(pp::BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
            Some(Link::Page(page)) => {
                let ur = self.point(Point::new(b.right(), b.y));
                self.page_links.push(PageLink {
                    rect: [ll.x.0, ll.y.0, ur.x.0, ur.y.0],
                    page: *page,
                });
            }
            None => {}
        }
    }

    /// Ends the text object, if one is open.
    fn end_text(&mut self) {
        if std::mem::take(&mut self.state.in_text) {
            self.ops.push(pp::Op::EndTextSection);
        }
    }

    fn frame(&mut self, at: Point, f: &Frame) {
        let fill = f.fill;
        let stroke = f.stroke.filter(visible);
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => pp::PaintMode::FillStroke,
            (Some(_), None) => pp::PaintMode::Fill,
            (None, Some(_)) => pp::PaintMode::Stroke,
            (None, None) => return,
        };
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some(s) = &stroke {
            self.set_stroke(s);
        }
        let ll = self.point(Point::new(at.x, at.y + f.size.h));
        self.ops.push(pp::Op::DrawRectangle {
            rectangle: pp::Rect {
                x: ll.x,
                y: ll.y,
                width: pt(f.size.w),
                height: pt(f.size.h),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    fn line(&mut self, at: Point, l: &Line) {
        if !visible(&l.stroke) {
            return;
        }
        self.set_stroke(&l.stroke);
        self.polyline(&[at, l.to]);
    }

    fn symbol(&mut self, at: Point, s: &Symbol) {
        let (w, h) = (s.size.w, s.size.h);
        let path = match s.kind {
            SymbolKind::Terminator => capsule(at, w, h),
            SymbolKind::Process => corners(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)], at),
            SymbolKind::Decision => geometry::diamond(at, s.size)
                .iter()
                .map(|&p| (p, false))
                .collect(),
            SymbolKind::OffPageConnector => geometry::pentagon(at, s.size)
                .iter()
                .map(|&p| (p, false))
                .collect(),
        };
        self.set_fill(s.fill);
        let mode = if visible(&s.stroke) {
            self.set_stroke(&s.stroke);
            pp::PaintMode::FillStroke
        } else {
            pp::PaintMode::Fill
        };
        self.shape(&path, mode);
    }

    fn arrow(&mut self, a: &Arrow) {
        let parts = geometry::arrow(&a.path, a.head, a.stroke.width);
        if visible(&a.stroke) && parts.line.len() >= 2 {
            self.set_stroke(&a.stroke);
            let line = geometry::with_jumps(&parts.line, &a.jumps, crate::layout::style::JUMP);
            self.polyline(&line);
        }
        if let Some([tip, left, right]) = parts.head {
            self.set_fill(a.stroke.color);
            let path = [(tip, false), (left, false), (right, false)];
            self.shape(&path, pp::PaintMode::Fill);
        }
    }

    /// Strokes an open polyline.
    fn polyline(&mut self, points: &[Point]) {
        let points = points
            .iter()
            .map(|&p| pp::LinePoint {
                p: self.point(p),
                bezier: false,
            })
            .collect();
        self.ops.push(pp::Op::DrawLine {
            line: pp::Line {
                points,
                is_closed: false,
            },
        });
    }

    /// Closes, then fills and/or strokes a path.
    fn shape(&mut self, path: &[PathPoint], mode: pp::PaintMode) {
        let points = path
            .iter()
            .map(|&(p, bezier)| pp::LinePoint {
                p: self.point(p),
                bezier,
            })
            .collect();
        self.ops.push(pp::Op::DrawPolygon {
            polygon: pp::Polygon {
                rings: vec![pp::PolygonRing { points }],
                mode,
                winding_order: pp::WindingOrder::NonZero,
            },
        });
    }

    fn set_fill(&mut self, c: Color) {
        if self.state.fill != Some(c) {
            self.state.fill = Some(c);
            self.ops.push(pp::Op::SetFillColor { col: color(c) });
        }
    }

    fn set_stroke(&mut self, s: &Stroke) {
        if self.state.stroke != Some(s.color) {
            self.state.stroke = Some(s.color);
            self.ops.push(pp::Op::SetOutlineColor {
                col: color(s.color),
            });
        }
        if self.state.width != Some(s.width) {
            self.state.width = Some(s.width);
            self.ops
                .push(pp::Op::SetOutlineThickness { pt: pt(s.width) });
        }
        // A dash of zero length or a negative gap is not a valid PDF dash: draw solid.
        let dash = s.dash.filter(|&(on, off)| on > 0.0 && off > 0.0);
        if self.state.dash != Some(dash) {
            self.state.dash = Some(dash);
            let dash = match dash {
                Some((on, off)) => pp::LineDashPattern::new(0.0, &[round(on), round(off)]),
                None => pp::LineDashPattern::solid(),
            };
            self.ops.push(pp::Op::SetLineDashPattern { dash });
        }
    }
}

/// A stroke of zero (or negative) width draws nothing, as in the HTML. (In PDF a zero
/// width would mean the thinnest line the device can draw.)
fn visible(s: &Stroke) -> bool {
    s.width > 0.0
}

/// Rounds to 1/1000 pt, so the content stream holds short numbers such as `471.83`
/// rather than the nearest `f32`'s long expansion.
fn round(v: f64) -> f32 {
    ((v * 1000.0).round() / 1000.0) as f32
}

fn pt(v: f64) -> pp::Pt {
    pp::Pt(round(v))
}

fn color(c: Color) -> pp::Color {
    let f = |v: u8| f32::from(v) / 255.0;
    pp::Color::Rgb(pp::Rgb::new(f(c.r), f(c.g), f(c.b), None))
}

/// Where a link of the display list points from the PDF: another SOP's page
/// (`<id>.html`, a plain file name) becomes the PDF next to this one (`<id>.pdf`); a web
/// address stays as it is.
pub(super) fn pdf_target(link: &str) -> String {
    let plain_file = !link.contains(['/', '\\', ':']);
    match link.strip_suffix(".html") {
        Some(stem) if plain_file => format!("{stem}.pdf"),
        _ => link.to_string(),
    }
}
