//! The typed context of `document.html` and `page.html`, built from the display list
//! alone, with every number already formatted: CSS lengths as `12.34pt`, SVG
//! coordinates as `12.34` in a view box of points.

use serde::Serialize;

use crate::layout::document::{
    Color, Document, Font, Item, Link, Meta, Page, Point, Positioned, Size, StepWords, Stroke,
};

use super::{PageLinks, href, num, push_num};
use crate::layout::geometry;

/// What `document.html` receives as `doc`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// BCP 47 language tag (`id`).
    pub lang: String,
    /// The SOP's name, for `<title>` and the heading.
    pub title: String,
    /// The SOP id (output file stem).
    pub id: String,
    /// "SOP `<nomor>`".
    pub subject: String,
    /// The instansi.
    pub author: String,
    /// Keywords, joined with ", ".
    pub keywords: String,
    /// Short fingerprint of the sources.
    pub fingerprint: String,
    /// Link back to the index, if any (already checked and encoded).
    pub index_href: Option<String>,
    /// Link to this SOP's PDF, if any (already checked and encoded).
    pub pdf_href: Option<String>,
    /// Width of the widest page, in points without a unit: the narrow-screen script
    /// scales the pages down until it fits the window.
    pub max_width: String,
    /// The distinct paper sizes, one named `@page` rule each.
    pub page_sizes: Vec<PageSizeView>,
    /// How many pages the document has ("Halaman 3 dari 12").
    pub page_count: usize,
    /// The pages. Empty when the pages are written one at a time (the book), each
    /// with `page.html` alone: `page.html` should count pages with `page_count`.
    pub pages: Vec<PageView>,
    /// Every place the pages link to, once, in order: the SOPs of *keterkaitan* and
    /// web addresses (a link of several lines as one), or the parts of the book (its
    /// outline). Written as a list of targets of a usable size, so that a reader does
    /// not have to hit a line of small print on the drawn page.
    pub links: Vec<super::LinkView>,
    /// The steps in words, shown as a list instead of the pages on a narrow screen;
    /// empty for the book.
    pub steps: Vec<StepWords>,
}

/// A paper size, for a named `@page` rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageSizeView {
    /// The CSS page name (`paper-1`, …).
    pub name: String,
    /// Width, `841.89pt`.
    pub width: String,
    /// Height, `595.28pt`.
    pub height: String,
}

/// One page: a fixed-size `<section>` with one SVG for the drawing and the text lines
/// on top.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// 1-based page number.
    pub number: usize,
    /// The name of its `@page` rule.
    pub paper: String,
    /// Width, `841.89pt`.
    pub width: String,
    /// Height, `595.28pt`.
    pub height: String,
    /// The SVG view box, `0 0 841.89 595.28`: one user unit is one point.
    pub view_box: String,
    /// Frames, lines, symbols and arrows, in drawing order.
    pub shapes: Vec<ShapeView>,
    /// Text lines, in drawing order.
    pub texts: Vec<TextView>,
}

/// One line of text, absolutely placed at (x, baseline − ascent), its baseline
/// `ascent` below its top.
#[derive(Debug, Clone, Serialize)]
pub struct TextView {
    /// The characters (escaped by the template).
    pub text: String,
    /// True for the bold face.
    pub bold: bool,
    /// True for the italic face (drawn as `<i>`).
    pub italic: bool,
    /// CSS `left`, `12.34pt`.
    pub left: String,
    /// CSS `top`: the baseline minus the ascent.
    pub top: String,
    /// CSS `font-size`.
    pub size: String,
    /// CSS `height`: the line box.
    pub line_height: String,
    /// The ascent, `--a`: the height of the strut (`.t::before`) that puts the
    /// baseline exactly this far below `top`. The text itself gets `line-height: 0`,
    /// so the browser's rounding of font metrics cannot move the baseline.
    pub ascent: String,
    /// The width layout measured, in points without a unit (for tests in a browser).
    pub width: String,
    /// The colour, `#rrggbb`.
    pub color: String,
    /// The link target, when the text links to another output file.
    pub href: Option<String>,
    /// True for words for screen readers only (a [`Note`](crate::layout::document::Note)),
    /// written visually hidden at `left`, `top` (the corner of the area they speak of);
    /// their other lengths are `0.00pt`.
    pub note: bool,
}

/// How a shape is painted, as SVG attribute values.
#[derive(Debug, Clone, Serialize)]
pub struct PaintView {
    /// `fill`: `#rrggbb` or `none`.
    pub fill: String,
    /// `stroke`: `#rrggbb` or `none`.
    pub stroke: String,
    /// `stroke-width` in points.
    pub width: String,
    /// `stroke-dasharray`: `3.00 2.00` or `none`.
    pub dash: String,
}

/// One SVG element. `kind` tells the template which element to write; `class` names
/// what it draws (`frame`, `line`, `symbol terminator`, `symbol process`,
/// `symbol decision`, `symbol connector`, `arrow`, `arrowhead`).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShapeView {
    /// `<rect>`, with rounded corners for the terminator.
    Rect {
        /// CSS class.
        class: &'static str,
        /// Left.
        x: String,
        /// Top.
        y: String,
        /// Width.
        width: String,
        /// Height.
        height: String,
        /// Corner radius.
        rx: String,
        /// Paint.
        paint: PaintView,
    },
    /// `<line>`.
    Line {
        /// CSS class.
        class: &'static str,
        /// Start x.
        x1: String,
        /// Start y.
        y1: String,
        /// End x.
        x2: String,
        /// End y.
        y2: String,
        /// Paint.
        paint: PaintView,
    },
    /// `<polygon>`: diamond, pentagon, arrowhead.
    Polygon {
        /// CSS class.
        class: &'static str,
        /// `x,y x,y …`.
        points: String,
        /// Paint.
        paint: PaintView,
    },
    /// `<image>`: the office logo, its bytes in a `data:` URI.
    Image {
        /// CSS class.
        class: &'static str,
        /// Left.
        x: String,
        /// Top.
        y: String,
        /// Width.
        width: String,
        /// Height.
        height: String,
        /// `data:image/png;base64,…`.
        href: String,
        /// What it shows.
        alt: String,
    },
    /// `<polyline>`: an arrow's line.
    Polyline {
        /// CSS class.
        class: &'static str,
        /// `x,y x,y …`.
        points: String,
        /// Paint.
        paint: PaintView,
    },
}

/// Builds the context of one document.
pub(super) fn document_view(doc: &Document, links: &PageLinks) -> DocumentView {
    let sizes: Vec<Size> = doc.pages.iter().map(|p| p.size).collect();
    let mut view = shell_view(&doc.meta, &sizes, links);
    view.pages = doc
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| page_view(i + 1, paper_of(&view.page_sizes, page.size), page))
        .collect();
    if view.links.is_empty() {
        view.links = page_links(&view.pages);
    }
    view
}

/// The links of the pages' text, each target once, a link of several consecutive
/// lines as one text.
fn page_links(pages: &[PageView]) -> Vec<super::LinkView> {
    let mut out: Vec<super::LinkView> = Vec::new();
    let mut last: Option<&str> = None;
    for page in pages {
        for t in &page.texts {
            let Some(href) = t.href.as_deref() else {
                if !t.note {
                    last = None;
                }
                continue;
            };
            let line = t.text.trim();
            match out.iter_mut().find(|l| l.href.as_deref() == Some(href)) {
                Some(l) if last == Some(href) => {
                    l.text.push(' ');
                    l.text.push_str(line);
                }
                Some(_) => {}
                None => out.push(super::LinkView {
                    text: line.to_string(),
                    href: Some(href.to_string()),
                }),
            }
            last = Some(href);
        }
    }
    out
}

/// The parts of a document's outline (the book's SOPs), as links to their pages.
fn outline_links(meta: &Meta) -> Vec<super::LinkView> {
    fn walk(marks: &[crate::layout::document::Bookmark], out: &mut Vec<super::LinkView>) {
        for m in marks {
            out.push(super::LinkView {
                text: m.title.clone(),
                href: Some(format!("#halaman-{}", m.page)),
            });
            walk(&m.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&meta.outline, &mut out);
    out
}

/// The context of a document whose pages have `sizes`, with no page in `pages`.
pub(super) fn shell_view(meta: &Meta, sizes: &[Size], links: &PageLinks) -> DocumentView {
    let mut page_sizes: Vec<PageSizeView> = Vec::new();
    for size in sizes {
        let (width, height) = (pt(size.w), pt(size.h));
        if !page_sizes
            .iter()
            .any(|s| s.width == width && s.height == height)
        {
            page_sizes.push(PageSizeView {
                name: format!("paper-{}", page_sizes.len() + 1),
                width,
                height,
            });
        }
    }
    let max_width = sizes.iter().map(|s| s.w).fold(0.0, f64::max);
    let title = if meta.title.trim().is_empty() {
        meta.id.clone()
    } else {
        meta.title.clone()
    };
    DocumentView {
        lang: lang(&meta.lang),
        title,
        id: meta.id.clone(),
        subject: meta.subject.clone(),
        author: meta.author.clone(),
        keywords: meta.keywords.join(", "),
        fingerprint: meta.fingerprint.clone(),
        index_href: links.index.as_deref().and_then(href),
        pdf_href: links.pdf.as_deref().and_then(href),
        max_width: num(max_width),
        page_sizes,
        page_count: sizes.len(),
        pages: Vec::new(),
        links: outline_links(meta),
        steps: meta.steps.clone(),
    }
}

/// The name of the `@page` rule of a page of `size`.
pub(super) fn paper_of(page_sizes: &[PageSizeView], size: Size) -> String {
    let (width, height) = (pt(size.w), pt(size.h));
    page_sizes
        .iter()
        .find(|s| s.width == width && s.height == height)
        .map_or_else(|| "paper-1".to_string(), |s| s.name.clone())
}

/// A BCP 47 tag as written, or `id` when it is empty or malformed.
fn lang(tag: &str) -> String {
    let ok = !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if ok {
        tag.to_string()
    } else {
        "id".to_string()
    }
}

pub(super) fn page_view(number: usize, paper: String, page: &Page) -> PageView {
    // The drawing in drawing order, then the text in reading order
    // (`layout::reading`), as the PDF: a screen reader, copying and find-in-page follow
    // the order of the elements, so a flowchart row reads cell by cell.
    let mut shapes = Vec::new();
    let mut texts = Vec::new();
    for p in &page.items {
        if !matches!(p.item, Item::Text(_) | Item::Note(_)) {
            item_view(p, &mut shapes, &mut texts);
        }
    }
    for i in crate::layout::reading::text_order(page) {
        item_view(&page.items[i], &mut shapes, &mut texts);
    }
    PageView {
        number,
        paper,
        width: pt(page.size.w),
        height: pt(page.size.h),
        view_box: format!("0 0 {} {}", num(page.size.w), num(page.size.h)),
        shapes,
        texts,
    }
}

/// Translates one item. No catch-all arm: a new kind of item must be drawn here too.
fn item_view(p: &Positioned, shapes: &mut Vec<ShapeView>, texts: &mut Vec<TextView>) {
    let at = p.at;
    match &p.item {
        Item::Image(i) => shapes.push(ShapeView::Image {
            class: "image",
            x: num(at.x),
            y: num(at.y),
            width: num(i.size.w),
            height: num(i.size.h),
            href: format!(
                "data:{};base64,{}",
                i.logo.format.mime(),
                base64(&i.logo.bytes)
            ),
            alt: i.alt.clone(),
        }),
        // An empty line draws nothing, and an empty element has no line box.
        Item::Text(t) if t.text.is_empty() => {}
        Item::Text(t) => texts.push(TextView {
            text: t.text.clone(),
            bold: t.font == Font::Bold,
            italic: t.font == Font::Italic,
            left: pt(at.x),
            top: pt(at.y - t.ascent),
            size: pt(t.size),
            line_height: pt(t.line_height),
            ascent: pt(t.ascent),
            width: num(t.width),
            color: t.color.hex(),
            href: match &t.link {
                // A link we did not generate (not a plain *.html / *.pdf file name) is
                // dropped: the text stays, without the link.
                Some(Link::Uri(u)) => super::text_href(u),
                // Each page is a section with the id `halaman-<number>`.
                Some(Link::Page(p)) => Some(format!("#halaman-{p}")),
                None => None,
            },
            note: false,
        }),
        Item::Note(n) => texts.push(TextView {
            text: n.text.clone(),
            bold: false,
            italic: false,
            left: pt(at.x),
            top: pt(at.y),
            size: pt(0.0),
            line_height: pt(0.0),
            ascent: pt(0.0),
            width: num(0.0),
            color: Color::BLACK.hex(),
            href: None,
            note: true,
        }),
        Item::Frame(f) => shapes.push(ShapeView::Rect {
            class: "frame",
            x: num(at.x),
            y: num(at.y),
            width: num(f.size.w),
            height: num(f.size.h),
            rx: num(0.0),
            paint: paint(f.fill, f.stroke.as_ref()),
        }),
        Item::Line(l) => shapes.push(ShapeView::Line {
            class: "line",
            x1: num(at.x),
            y1: num(at.y),
            x2: num(l.to.x),
            y2: num(l.to.y),
            paint: paint(None, Some(&l.stroke)),
        }),
        Item::Symbol(s) => {
            let fill = paint(Some(s.fill), Some(&s.stroke));
            let rect = |class, rx| ShapeView::Rect {
                class,
                x: num(at.x),
                y: num(at.y),
                width: num(s.size.w),
                height: num(s.size.h),
                rx: num(rx),
                paint: fill.clone(),
            };
            use crate::layout::document::SymbolKind;
            shapes.push(match s.kind {
                SymbolKind::Terminator => {
                    rect("symbol terminator", geometry::capsule_radius(s.size))
                }
                SymbolKind::Process => rect("symbol process", 0.0),
                SymbolKind::Decision => ShapeView::Polygon {
                    class: "symbol decision",
                    points: points(&geometry::diamond(at, s.size)),
                    paint: fill.clone(),
                },
                SymbolKind::OffPageConnector => ShapeView::Polygon {
                    class: "symbol connector",
                    points: points(&geometry::pentagon(at, s.size)),
                    paint: fill.clone(),
                },
            });
        }
        Item::Arrow(a) => {
            let parts = geometry::arrow(&a.path, a.head, a.stroke.width);
            if parts.line.len() >= 2 {
                let line = geometry::with_jumps(&parts.line, &a.jumps, crate::layout::style::JUMP);
                shapes.push(ShapeView::Polyline {
                    class: "arrow",
                    points: points(&line),
                    paint: paint(None, Some(&a.stroke)),
                });
            }
            // The head is filled only, in the line's colour.
            if let Some(head) = parts.head {
                shapes.push(ShapeView::Polygon {
                    class: "arrowhead",
                    points: points(&head),
                    paint: paint(Some(a.stroke.color), None),
                });
            }
        }
    }
}

fn paint(fill: Option<Color>, stroke: Option<&Stroke>) -> PaintView {
    PaintView {
        fill: fill.map_or_else(|| "none".to_string(), |c| c.hex()),
        stroke: stroke.map_or_else(|| "none".to_string(), |s| s.color.hex()),
        width: num(stroke.map_or(0.0, |s| s.width)),
        // A dash of zero length or a negative gap is drawn solid, as in the PDF.
        dash: stroke
            .and_then(|s| s.dash)
            .filter(|&(on, off)| on > 0.0 && off > 0.0)
            .map_or_else(
                || "none".to_string(),
                |(d, g)| format!("{} {}", num(d), num(g)),
            ),
    }
}

fn points(ps: &[Point]) -> String {
    let mut out = String::with_capacity(ps.len() * 14);
    for (i, p) in ps.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_num(&mut out, p.x);
        out.push(',');
        push_num(&mut out, p.y);
    }
    out
}

/// A CSS length in points.
fn pt(v: f64) -> String {
    let mut out = num(v);
    out.push_str("pt");
    out
}

/// Standard base64 with padding (RFC 4648), for `data:` URIs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_is_rfc_4648() {
        // The test vectors of RFC 4648, section 10.
        for (raw, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }
}
