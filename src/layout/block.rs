//! Paragraphs broken into lines and measured: the content of table cells.

use super::document::Font;
use super::sink::{Sink, TextLine};
use super::style;
use super::text;
use crate::source::Span;

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A paragraph to lay out in a given width.
#[derive(Debug, Clone)]
pub struct Para {
    /// Text (may hold `\n`).
    pub text: String,
    /// Face.
    pub font: Font,
    /// Size.
    pub size: f64,
    /// Alignment.
    pub align: Align,
    /// A list marker ("1.") hung left of the text.
    pub marker: Option<String>,
    /// Link target for every line.
    pub link: Option<String>,
    /// Extra space above, in points.
    pub space_before: f64,
    /// The source it shows.
    pub source: Option<Span>,
    /// Grey instead of black.
    pub muted: bool,
}

impl Para {
    /// Makes the text grey.
    pub fn color_muted(&mut self) {
        self.muted = true;
    }

    /// Regular body text.
    pub fn body(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            font: Font::Regular,
            size: style::BODY,
            align: Align::Left,
            marker: None,
            link: None,
            space_before: 0.0,
            source: None,
            muted: false,
        }
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Para {
        Para {
            font: Font::Bold,
            ..Para::body(text)
        }
    }
    /// Sets the alignment.
    pub fn align(mut self, a: Align) -> Para {
        self.align = a;
        self
    }
    /// Sets the size.
    pub fn size(mut self, s: f64) -> Para {
        self.size = s;
        self
    }
    /// Sets the list marker.
    pub fn marker(mut self, m: impl Into<String>) -> Para {
        self.marker = Some(m.into());
        self
    }
    /// Sets the source span.
    pub fn source(mut self, s: Option<Span>) -> Para {
        self.source = s;
        self
    }
    /// Sets the link.
    pub fn link(mut self, l: Option<String>) -> Para {
        self.link = l;
        self
    }
    /// Adds space above.
    pub fn space_before(mut self, s: f64) -> Para {
        self.space_before = s;
        self
    }
}

/// One placed line of a laid-out block, relative to the block's top-left corner.
#[derive(Debug, Clone)]
pub struct PlacedLine {
    /// X offset.
    pub dx: f64,
    /// Top of the line box.
    pub dy: f64,
    /// Height of the line box.
    pub h: f64,
    /// The line.
    pub line: TextLine,
    /// Source.
    pub source: Option<Span>,
}

/// Paragraphs broken into lines for a width.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The lines.
    pub lines: Vec<PlacedLine>,
    /// Total height.
    pub height: f64,
}

impl Block {
    /// Lays out paragraphs in `width` points.
    pub fn new(paras: &[Para], width: f64) -> Block {
        let mut lines = Vec::new();
        let mut y = 0.0;
        for p in paras {
            y += p.space_before;
            let lh = text::line_height(p.font, p.size);
            let marker_w = p
                .marker
                .as_ref()
                .map_or(0.0, |m| text::width(m, p.font, p.size) + 3.0);
            // A marker wider than a third of the cell would leave no room: drop it.
            let marker_w = if marker_w > width / 3.0 {
                0.0
            } else {
                marker_w
            };
            let avail = (width - marker_w).max(1.0);
            let wrapped = text::wrap(&p.text, p.font, p.size, avail);
            for (i, l) in wrapped.into_iter().enumerate() {
                if i == 0 && marker_w > 0.0 {
                    if let Some(m) = &p.marker {
                        let mut ml = TextLine::new(m.clone(), p.font, p.size);
                        if p.muted {
                            ml.color = style::MUTED;
                        }
                        lines.push(PlacedLine {
                            dx: 0.0,
                            dy: y,
                            h: lh,
                            line: ml,
                            source: p.source,
                        });
                    }
                }
                let w = text::width(&l, p.font, p.size);
                let dx = marker_w
                    + match p.align {
                        Align::Left => 0.0,
                        Align::Center => ((avail - w) / 2.0).max(0.0),
                        Align::Right => (avail - w).max(0.0),
                    };
                let mut tl = TextLine::new(l, p.font, p.size);
                tl.link = p.link.clone();
                if p.muted {
                    tl.color = style::MUTED;
                }
                lines.push(PlacedLine {
                    dx,
                    dy: y,
                    h: lh,
                    line: tl,
                    source: p.source,
                });
                y += lh;
            }
        }
        Block { lines, height: y }
    }

    /// Draws the block with its top-left corner at (x, y).
    pub fn draw(&self, sink: &mut Sink, x: f64, y: f64) {
        for l in &self.lines {
            if !l.line.text.is_empty() {
                sink.text(x + l.dx, y + l.dy, l.line.clone(), l.source);
            }
        }
    }

    /// Splits the block so that the first part is at most `h` high (at a line
    /// boundary); the rest is moved up to start at 0.
    pub fn split(&self, h: f64) -> (Block, Block) {
        let cut = self
            .lines
            .iter()
            .filter(|l| l.dy + l.h <= h + 1e-6)
            .map(|l| l.dy + l.h)
            .fold(0.0, f64::max);
        let mut first = Block::default();
        let mut rest = Block::default();
        for l in &self.lines {
            if l.dy + l.h <= cut + 1e-6 {
                first.lines.push(l.clone());
            } else {
                let mut m = l.clone();
                m.dy -= cut;
                rest.lines.push(m);
            }
        }
        first.height = cut;
        rest.height = (self.height - cut).max(0.0);
        (first, rest)
    }
}
