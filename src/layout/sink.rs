//! Where layout puts items: a growing list of pages with a cursor, and the small
//! helpers that place text, frames and lines on the current page.

use super::document::{
    Color, Font, Frame, Item, Line, Link, Page, Point, Positioned, Rect, Size, Stroke, Text,
};
use super::style;
use super::text;
use crate::source::Span;

/// Pages being filled, top to bottom.
#[derive(Debug)]
pub struct Sink {
    /// Finished and current pages.
    pub pages: Vec<Page>,
    /// Page size.
    pub size: Size,
    /// The body area of every page (content box less footer).
    pub body: Rect,
    /// The next free y on the current page.
    pub y: f64,
}

impl Sink {
    /// An empty sink for pages of this size.
    pub fn new(size: Size) -> Self {
        let body = style::body_box(size);
        Sink {
            pages: Vec::new(),
            size,
            body,
            y: body.y,
        }
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page {
            size: self.size,
            content: style::content_box(self.size),
            items: Vec::new(),
        });
        self.y = self.body.y;
    }

    /// Space left on the current page.
    pub fn space_left(&self) -> f64 {
        self.body.bottom() - self.y
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    /// Adds an item to the current page.
    pub fn push(&mut self, at: Point, item: Item, source: Option<Span>) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if let Some(p) = self.pages.last_mut() {
            p.items.push(Positioned { at, item, source });
        }
    }

    /// Adds one line of text whose line box starts at `top`.
    pub fn text(&mut self, x: f64, top: f64, line: TextLine, source: Option<Span>) {
        let (ascent, line_height) = style::line_metrics(line.font, line.size);
        let width = text::width(&line.text, line.font, line.size);
        self.push(
            Point::new(x, top + ascent),
            Item::Text(Text {
                text: line.text,
                font: line.font,
                size: line.size,
                width,
                ascent,
                line_height,
                color: line.color,
                link: line.link,
            }),
            source,
        );
    }

    /// Adds a rectangle.
    pub fn frame(&mut self, r: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        self.push(
            Point::new(r.x, r.y),
            Item::Frame(Frame {
                size: Size::new(r.w, r.h),
                fill,
                stroke,
            }),
            None,
        );
    }

    /// Adds a straight line.
    pub fn line(&mut self, from: Point, to: Point, stroke: Stroke) {
        self.push(from, Item::Line(Line { to, stroke }), None);
    }
}

/// A line of text to place.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The characters.
    pub text: String,
    /// Face.
    pub font: Font,
    /// Size.
    pub size: f64,
    /// Colour.
    pub color: Color,
    /// Link target.
    pub link: Option<Link>,
}

impl TextLine {
    /// Black text without a link.
    pub fn new(text: impl Into<String>, font: Font, size: f64) -> Self {
        TextLine {
            text: text.into(),
            font,
            size,
            color: style::INK,
            link: None,
        }
    }
}
