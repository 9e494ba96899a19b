//! The display list: the single source of truth between layout and the renderers.
//!
//! Layout makes every decision (line breaks, row heights, column widths, page breaks,
//! arrow routes, connector labels); the PDF and HTML renderers only translate these
//! items. Units are PostScript points (1/72 in), origin at the top-left corner of the
//! page, y growing downwards.

use std::collections::{BTreeMap, BTreeSet};

use crate::source::Span;

/// The chars each face draws: what a renderer must embed of the fonts.
pub type Chars = BTreeMap<Font, BTreeSet<char>>;

/// Adds the chars of every text item of `pages` to `chars`.
pub fn add_chars(chars: &mut Chars, pages: &[Page]) {
    for page in pages {
        for p in &page.items {
            if let Item::Text(t) = &p.item {
                chars.entry(t.font).or_default().extend(t.text.chars());
            }
        }
    }
}

/// A position on a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// From the left edge.
    pub x: f64,
    /// From the top edge.
    pub y: f64,
}

impl Point {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// A width and a height, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Size {
    /// A size.
    pub const fn new(w: f64, h: f64) -> Self {
        Size { w, h }
    }
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// A box.
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x, y, w, h }
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// True when `other` lies inside this box (with a small tolerance).
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f64 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
    /// True when the two boxes share an area larger than a hairline.
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f64 = 0.01;
        self.x < other.right() - EPS
            && other.x < self.right() - EPS
            && self.y < other.bottom() - EPS
            && other.y < self.bottom() - EPS
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color { r: 0, g: 0, b: 0 };
    /// White.
    pub const WHITE: Color = Color {
        r: 255,
        g: 255,
        b: 255,
    };
    /// A colour from its components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }
    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Line width in points.
    pub width: f64,
    /// Colour.
    pub color: Color,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<(f64, f64)>,
}

/// The faces of the bundled font (Liberation Sans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Font {
    /// Liberation Sans Regular.
    Regular,
    /// Liberation Sans Bold.
    Bold,
    /// Liberation Sans Italic (foreign terms, `_briefing_`).
    Italic,
}

/// One line of text, already broken and measured. `at` is the left end of the
/// baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The characters.
    pub text: String,
    /// Face.
    pub font: Font,
    /// Size in points.
    pub size: f64,
    /// Measured advance width in points.
    pub width: f64,
    /// Distance from the top of the line box to the baseline, in points.
    pub ascent: f64,
    /// Height of the line box, in points.
    pub line_height: f64,
    /// Colour.
    pub color: Color,
    /// Where the text links to.
    pub link: Option<Link>,
}

/// Where a text links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Another output file next to this one (`other-sop.html`, which the PDF points at
    /// `other-sop.pdf`) or a web address written in an SOP text.
    Uri(String),
    /// A page of this document, by its 1-based number (an entry of the book's daftar
    /// isi).
    Page(usize),
}

impl Text {
    /// The line box, given the baseline origin.
    pub fn bounds(&self, at: Point) -> Rect {
        Rect::new(at.x, at.y - self.ascent, self.width, self.line_height)
    }
}

/// A rectangle (table cells, frames). `at` is its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Size.
    pub size: Size,
    /// Fill colour, if filled.
    pub fill: Option<Color>,
    /// Outline, if stroked.
    pub stroke: Option<Stroke>,
}

/// A straight line from `at` to `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// End point (absolute).
    pub to: Point,
    /// How it is drawn.
    pub stroke: Stroke,
}

/// The flowchart symbols of SOP AP (Permenpan RB 35/2012).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// Capsule: start and end of the procedure.
    Terminator,
    /// Rectangle: an activity.
    Process,
    /// Diamond: a decision.
    Decision,
    /// Pentagon pointing down: the flow continues on another page.
    OffPageConnector,
}

/// A flowchart symbol. `at` is the top-left corner of its bounding box.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// Which symbol.
    pub kind: SymbolKind,
    /// Bounding box size.
    pub size: Size,
    /// Fill colour.
    pub fill: Color,
    /// Outline.
    pub stroke: Stroke,
}

/// An orthogonal arrow along `path` (absolute points; `at` is the first point).
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// The polyline, at least two points.
    pub path: Vec<Point>,
    /// Length of the arrowhead at the last point, 0 for none.
    pub head: f64,
    /// Points of the path where it crosses another line and jumps over it (a small
    /// arc of radius `style::JUMP` across the crossing).
    pub jumps: Vec<Point>,
    /// How it is drawn.
    pub stroke: Stroke,
}

/// What can be drawn. Renderers match on it without a catch-all arm, so a new kind
/// does not compile until both renderers draw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text.
    Text(Text),
    /// A rectangle.
    Frame(Frame),
    /// A straight line.
    Line(Line),
    /// A flowchart symbol.
    Symbol(Symbol),
    /// An arrow.
    Arrow(Arrow),
    /// A raster image (the office logo). `at` is its top-left corner.
    Image(Image),
    /// Words for readers who cannot see the drawing. `at` is the top-left corner of
    /// the area it speaks of.
    Note(Note),
}

/// What an area of the page shows that its text does not say, in words: who does a
/// flowchart step (a position in a lane) and where its exits lead (arrows). Not ink:
/// the HTML writes it as visually hidden text before the lines of its area, so a screen
/// reader reads it with the row; the PDF, untagged, leaves it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The area it speaks of (a flowchart row).
    pub size: Size,
    /// The words, one or more sentences.
    pub text: String,
}

/// A raster image drawn to fill `size` (layout keeps its aspect ratio).
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The size it is drawn at.
    pub size: Size,
    /// The image, shared by every page and document that shows it.
    pub logo: std::sync::Arc<crate::logo::Logo>,
    /// What it shows, for readers that cannot see it.
    pub alt: String,
}

/// An item placed on a page, with the source text it shows (for diagnostics and for
/// debugging a rendering).
#[derive(Debug, Clone, PartialEq)]
pub struct Positioned {
    /// Where (meaning depends on the item, see each item).
    pub at: Point,
    /// What.
    pub item: Item,
    /// The YAML it came from.
    pub source: Option<Span>,
}

impl Positioned {
    /// The box the item covers.
    pub fn bounds(&self) -> Rect {
        let at = self.at;
        match &self.item {
            Item::Text(t) => t.bounds(at),
            Item::Frame(f) => Rect::new(at.x, at.y, f.size.w, f.size.h),
            Item::Symbol(s) => Rect::new(at.x, at.y, s.size.w, s.size.h),
            Item::Image(i) => Rect::new(at.x, at.y, i.size.w, i.size.h),
            Item::Note(n) => Rect::new(at.x, at.y, n.size.w, n.size.h),
            Item::Line(l) => {
                let (x0, x1) = (at.x.min(l.to.x), at.x.max(l.to.x));
                let (y0, y1) = (at.y.min(l.to.y), at.y.max(l.to.y));
                Rect::new(x0, y0, x1 - x0, y1 - y0)
            }
            Item::Arrow(a) => {
                let xs = a.path.iter().map(|p| p.x);
                let ys = a.path.iter().map(|p| p.y);
                let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                Rect::new(x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0))
            }
        }
    }
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Paper size (landscape).
    pub size: Size,
    /// The area inside the margins; every item lies in it.
    pub content: Rect,
    /// The items, in drawing order.
    pub items: Vec<Positioned>,
}

/// Document metadata (PDF Info dictionary, HTML head).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Title: the SOP's name.
    pub title: String,
    /// Author: the instansi.
    pub author: String,
    /// Subject: "SOP `<nomor>`".
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The date written into metadata, `YYYY-MM-DD` (from the SOP, never the clock).
    pub date: Option<String>,
    /// Short fingerprint of the sources.
    pub fingerprint: String,
    /// The SOP id (output file stem).
    pub id: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// The bookmarks (the PDF outline); empty for none.
    pub outline: Vec<Bookmark>,
    /// How the pages are numbered where they print their number, for the PDF's page
    /// labels; empty to leave them to the reader (1, 2, 3, ...).
    pub page_labels: Vec<PageLabels>,
    /// The steps of the procedure in words, for a renderer that shows them as a list
    /// instead of the drawn pages (the HTML on a narrow screen); empty for a document
    /// of several SOPs (the book).
    pub steps: Vec<StepWords>,
}

/// One step of the procedure in words: what its flowchart row shows, cell by cell,
/// with the lane and the arrows said in words ([`Note`]). Plain text, no markup (the
/// HTML templates escape it).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct StepWords {
    /// The step's number (the No column).
    pub number: usize,
    /// *Kegiatan*.
    pub activity: String,
    /// The questions of its decisions.
    pub questions: Vec<String>,
    /// Who does it: "Kepala Dinas dan Sekretaris" (empty when no actor is named).
    pub actors: String,
    /// Where its exits lead, when not simply to the next step ("Bila ya: …").
    pub exits: Option<String>,
    /// *Kelengkapan*.
    pub requirements: Vec<String>,
    /// *Waktu*, as printed ("" when not written; "-" when not applicable).
    pub time: String,
    /// *Output*.
    pub output: String,
    /// *Keterangan*.
    pub remark: String,
}

/// One bookmark: a part of the document, at its first page, with the parts inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// The title, as the document prints it.
    pub title: String,
    /// The 1-based number of the page it goes to.
    pub page: usize,
    /// The bookmarks under this one.
    pub children: Vec<Bookmark>,
}

/// A run of pages numbered in arabic numerals, from its first page up to the next run.
/// The runs of a document are in page order, the first from page 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLabels {
    /// The 1-based number of the run's first page in the document.
    pub page: usize,
    /// The number printed on that page.
    pub start: usize,
}

impl PageLabels {
    /// The label of the 1-based page `page` under `runs`; `None` before the first run.
    pub fn of(runs: &[PageLabels], page: usize) -> Option<usize> {
        let run = runs.iter().rev().find(|r| r.page <= page)?;
        Some(run.start + (page - run.page))
    }
}

/// A laid-out document: pages of positioned items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Metadata.
    pub meta: Meta,
    /// The pages, in order.
    pub pages: Vec<Page>,
}
