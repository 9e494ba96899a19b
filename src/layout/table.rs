//! A table that flows over pages: rows grow with their wrapped text, the header rows
//! repeat on every page, a row moves to the next page when it does not fit, and a row
//! taller than a whole page is split between lines.

use super::block::{Block, Para};
use super::document::{Color, Rect};
use super::sink::Sink;
use super::style;

/// One cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Its paragraphs.
    pub paras: Vec<Para>,
    /// Number of columns it spans (at least 1).
    pub span: usize,
    /// Background.
    pub fill: Option<Color>,
    /// Centre the content vertically.
    pub middle: bool,
    /// Draw the cell's outline.
    pub ruled: bool,
}

impl Cell {
    /// A ruled cell with these paragraphs.
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell {
            paras,
            span: 1,
            fill: None,
            middle: false,
            ruled: true,
        }
    }
    /// A header cell: grey, bold, centred.
    pub fn header(text: &str) -> Cell {
        Cell {
            fill: Some(style::HEADER_FILL),
            middle: true,
            ..Cell::new(vec![
                Para::bold(text)
                    .size(style::HEADING)
                    .align(super::block::Align::Center),
            ])
        }
    }
    /// Spans `n` columns.
    pub fn span(mut self, n: usize) -> Cell {
        self.span = n.max(1);
        self
    }
    /// No outline.
    pub fn unruled(mut self) -> Cell {
        self.ruled = false;
        self
    }
}

/// A row of cells.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The cells, left to right.
    pub cells: Vec<Cell>,
    /// Minimum height.
    pub min_height: f64,
}

impl Row {
    /// A row of these cells.
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            min_height: 0.0,
        }
    }
}

/// A table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Left edge.
    pub x: f64,
    /// Column widths.
    pub widths: Vec<f64>,
    /// Header rows, repeated on every page.
    pub header: Vec<Row>,
    /// Body rows.
    pub rows: Vec<Row>,
}

struct Laid {
    rects: Vec<(f64, f64)>,
    blocks: Vec<Block>,
    height: f64,
}

fn lay(widths: &[f64], row: &Row) -> Laid {
    let mut rects = Vec::new();
    let mut blocks = Vec::new();
    let mut col = 0;
    let mut x = 0.0;
    for cell in &row.cells {
        let span = cell.span.max(1);
        let w: f64 = widths.iter().skip(col).take(span).sum();
        rects.push((x, w));
        blocks.push(Block::new(
            &cell.paras,
            (w - 2.0 * style::CELL_PAD).max(1.0),
        ));
        x += w;
        col += span;
    }
    let content = blocks.iter().map(|b| b.height).fold(0.0, f64::max);
    Laid {
        rects,
        blocks,
        height: (content + 2.0 * style::CELL_PAD).max(row.min_height),
    }
}

fn draw_laid(sink: &mut Sink, x0: f64, row: &Row, laid: &Laid, height: f64) {
    let y = sink.y;
    for (i, cell) in row.cells.iter().enumerate() {
        let (dx, w) = laid.rects[i];
        let r = Rect::new(x0 + dx, y, w, height);
        if cell.fill.is_some() || cell.ruled {
            sink.frame(r, cell.fill, cell.ruled.then_some(style::RULE));
        }
        let b = &laid.blocks[i];
        let top = if cell.middle {
            y + ((height - b.height) / 2.0).max(style::CELL_PAD)
        } else {
            y + style::CELL_PAD
        };
        b.draw(sink, r.x + style::CELL_PAD, top);
    }
    sink.y += height;
}

impl Table {
    /// Height of the header rows.
    pub fn header_height(&self) -> f64 {
        self.header
            .iter()
            .map(|r| lay(&self.widths, r).height)
            .sum()
    }

    fn draw_header(&self, sink: &mut Sink) {
        for r in &self.header {
            let laid = lay(&self.widths, r);
            let h = laid.height;
            draw_laid(sink, self.x, r, &laid, h);
        }
    }

    /// Draws the table from the sink's cursor, breaking pages as needed.
    pub fn draw(&self, sink: &mut Sink) {
        let mut header_h = self.header_height();
        // A header taller than half a page is drawn once, not repeated.
        let repeat = header_h < sink.body.h / 2.0;
        if !repeat {
            header_h = 0.0;
        }
        let full = sink.body.h;
        let first_h = self
            .rows
            .first()
            .map_or(0.0, |r| lay(&self.widths, r).height.min(full - header_h));
        if sink.pages.is_empty() || sink.space_left() < header_h + first_h {
            sink.new_page();
        }
        self.draw_header(sink);
        for row in &self.rows {
            let mut laid = lay(&self.widths, row);
            loop {
                let h = laid.height;
                if h <= sink.space_left() + 1e-6 {
                    draw_laid(sink, self.x, row, &laid, h);
                    break;
                }
                if h <= full - header_h + 1e-6 {
                    sink.new_page();
                    if repeat {
                        self.draw_header(sink);
                    }
                    continue;
                }
                // Taller than a page: fill what is left, go on with the rest.
                let room = sink.space_left() - 2.0 * style::CELL_PAD;
                if room < 3.0 * style::BODY {
                    sink.new_page();
                    if repeat {
                        self.draw_header(sink);
                    }
                    continue;
                }
                let mut first = Laid {
                    rects: laid.rects.clone(),
                    blocks: Vec::new(),
                    height: 0.0,
                };
                let mut rest = Laid {
                    rects: laid.rects.clone(),
                    blocks: Vec::new(),
                    height: 0.0,
                };
                for b in &laid.blocks {
                    let (a, r) = b.split(room);
                    first.blocks.push(a);
                    rest.blocks.push(r);
                }
                let fh = sink.space_left();
                draw_laid(sink, self.x, row, &first, fh);
                rest.height = rest.blocks.iter().map(|b| b.height).fold(0.0, f64::max)
                    + 2.0 * style::CELL_PAD;
                laid = rest;
                sink.new_page();
                if repeat {
                    self.draw_header(sink);
                }
            }
        }
    }
}
