//! The reading order of a page's text: the order in which a renderer that writes text
//! as a stream (the PDF content stream, which copy-paste, `pdftotext -raw` and readers
//! of untagged PDF follow) puts it, so that a table reads cell by cell, row by row.
//!
//! The display list keeps its drawing order; this only orders the text items of a
//! page. A line of text belongs to the innermost table cell (a [`Frame`] that holds no
//! other frame) around the middle of its line box. Cells are read top to bottom, then
//! left to right, so a flowchart row reads number, kegiatan, the symbol text and exit
//! labels in its lanes, kelengkapan, waktu, output and keterangan before the next row,
//! and "Jumlah waktu" after the last. Lines outside every cell (a page title, a footer)
//! are read where their first line stands. Within a cell, lines keep the order layout
//! gave them. A [`Note`] is read at its top left corner: the words of a flowchart row
//! before its cells (drawn before them, it comes first where both start), its exits at
//! the row's right edge, after them.
//!
//! [`Frame`]: super::document::Frame
//! [`Note`]: super::document::Note

use std::cmp::Ordering;

use super::document::{Item, Page, Point, Rect};

/// The indices into `page.items` of its text items and notes, in reading order.
pub fn text_order(page: &Page) -> Vec<usize> {
    let cells = leaf_cells(page);
    // Runs of consecutive lines in one cell (or outside every cell), each with the
    // place it is read at.
    let mut runs: Vec<(Point, Vec<usize>)> = Vec::new();
    let mut last: Option<Option<usize>> = None;
    for (i, p) in page.items.iter().enumerate() {
        let t = match &p.item {
            Item::Text(t) => t,
            // A note is read where its area begins, before the cells that start there.
            Item::Note(_) => {
                runs.push((p.at, vec![i]));
                last = None;
                continue;
            }
            _ => continue,
        };
        let b = t.bounds(p.at);
        let middle = Point::new(b.x + b.w / 2.0, b.y + b.h / 2.0);
        let cell = innermost(&cells, middle);
        match runs.last_mut() {
            Some((_, run)) if last == Some(cell) => run.push(i),
            _ => {
                let at = match cell {
                    Some(c) => Point::new(cells[c].x, cells[c].y),
                    None => Point::new(b.x, b.y),
                };
                runs.push((at, vec![i]));
            }
        }
        last = Some(cell);
    }
    // Stable: runs read at one place (the lines of one cell) keep their order.
    runs.sort_by(|(a, _), (b, _)| before(*a, *b));
    runs.into_iter().flat_map(|(_, run)| run).collect()
}

/// Top to bottom, then left to right, ignoring differences below 0.01 pt.
fn before(a: Point, b: Point) -> Ordering {
    let q = |v: f64| (v * 100.0).round() as i64;
    q(a.y).cmp(&q(b.y)).then(q(a.x).cmp(&q(b.x)))
}

/// The frames of the page that hold no other frame: the cells of its tables.
fn leaf_cells(page: &Page) -> Vec<Rect> {
    let frames: Vec<Rect> = page
        .items
        .iter()
        .filter(|p| matches!(p.item, Item::Frame(_)))
        .map(|p| p.bounds())
        .filter(|r| r.w > 0.0 && r.h > 0.0)
        .collect();
    frames
        .iter()
        .enumerate()
        .filter(|&(i, outer)| {
            !frames.iter().enumerate().any(|(j, inner)| {
                // An equal frame drawn twice (a fill, then an outline) is one cell.
                j != i && outer.contains(inner) && !inner.contains(outer)
            })
        })
        .map(|(_, r)| *r)
        .collect()
}

/// The smallest cell around `p`, if any.
fn innermost(cells: &[Rect], p: Point) -> Option<usize> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| p.x >= c.x && p.x <= c.right() && p.y >= c.y && p.y <= c.bottom())
        .min_by(|(_, a), (_, b)| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::document::{Color, Font, Frame, Positioned, Size, Text};

    fn text(x: f64, y: f64, s: &str) -> Positioned {
        Positioned {
            at: Point::new(x, y),
            item: Item::Text(Text {
                text: s.to_string(),
                font: Font::Regular,
                size: 8.0,
                width: 10.0,
                ascent: 6.0,
                line_height: 9.0,
                color: Color::BLACK,
                link: None,
            }),
            source: None,
        }
    }

    fn frame(x: f64, y: f64, w: f64, h: f64) -> Positioned {
        Positioned {
            at: Point::new(x, y),
            item: Item::Frame(Frame {
                size: Size::new(w, h),
                fill: None,
                stroke: None,
            }),
            source: None,
        }
    }

    fn read(page: &Page) -> Vec<String> {
        text_order(page)
            .into_iter()
            .map(|i| match &page.items[i].item {
                Item::Text(t) => t.text.clone(),
                _ => unreachable!("only text is ordered"),
            })
            .collect()
    }

    #[test]
    fn rows_read_cell_by_cell_whatever_the_drawing_order() {
        let items = vec![
            text(10.0, 5.0, "title"),
            // Two rows of two cells, inside a frame around the table.
            frame(0.0, 10.0, 100.0, 40.0),
            frame(0.0, 10.0, 50.0, 20.0),
            frame(50.0, 10.0, 50.0, 20.0),
            frame(0.0, 30.0, 50.0, 20.0),
            frame(50.0, 30.0, 50.0, 20.0),
            text(2.0, 17.0, "1a"),
            text(2.0, 26.0, "1a, line 2"),
            text(2.0, 37.0, "2a"),
            // A label drawn last, in the first row's right cell.
            text(52.0, 37.0, "2b"),
            text(52.0, 17.0, "1b"),
            text(10.0, 70.0, "footer"),
        ];
        let page = Page {
            size: Size::new(200.0, 100.0),
            content: Rect::new(0.0, 0.0, 200.0, 100.0),
            items,
        };
        assert_eq!(
            read(&page),
            ["title", "1a", "1a, line 2", "1b", "2a", "2b", "footer"]
        );
    }
}
