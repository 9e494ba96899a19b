//! The penjelasan singkat: A. ruang lingkup, B. ringkasan, C. definisi (a term, a
//! colon and its meaning per row).

use super::super::block::{Block, Para};
use super::super::document::Page;
use super::super::style::{self, book as st};
use super::super::table::{Cell, Row, Table};
use super::wording::{Src, Wording};
use super::{bold, flow, keep, text};
use crate::model::Paper;

/// Paragraphs of a text: one per line of the YAML text (blank lines dropped).
fn paragraphs(s: &Src) -> Vec<Para> {
    s.text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| {
            text(l)
                .source(s.source)
                .space_before(if i == 0 { 0.0 } else { st::PARA_GAP })
        })
        .collect()
}

/// The penjelasan's pages.
pub fn explanation(w: &Wording<'_>, paper: Paper) -> Vec<Page> {
    let mut sink = super::portrait(paper);
    sink.new_page();
    super::title(&mut sink, &["PENJELASAN SINGKAT"]);
    let x = sink.body.x;
    let width = sink.body.w;
    let section = |sink: &mut super::Sink, s: &str, first: &[Para]| {
        // A section heading stays with the first lines of what follows it.
        let head = Block::new(&[bold(s)], width);
        let start = Block::new(first, width);
        let lines = start.lines.iter().take(3).map(|l| l.h).sum::<f64>();
        if head.height + st::PARA_GAP + lines > sink.space_left() {
            sink.new_page();
        }
        keep(sink, &head, x);
        sink.y += st::PARA_GAP;
    };
    for (heading, src) in [("A. Ruang Lingkup", &w.scope), ("B. Ringkasan", &w.summary)] {
        let paras = paragraphs(src);
        section(&mut sink, heading, &paras);
        flow(&mut sink, &paras, x, width);
        sink.y += st::SECTION_GAP;
    }
    let first: Vec<Para> = w
        .definitions
        .first()
        .map(|(_, m)| text(&m.text))
        .into_iter()
        .collect();
    section(&mut sink, "C. Definisi", &first);
    let rows = w
        .definitions
        .iter()
        .map(|(t, m)| {
            Row::new(vec![
                Cell::new(vec![bold(&t.text).source(t.source)]).unruled(),
                Cell::new(vec![text(":")]).unruled(),
                Cell::new(vec![text(&m.text).source(m.source)]).unruled(),
            ])
        })
        .collect();
    let pad = style::CELL_PAD;
    Table {
        x: x - pad,
        widths: vec![
            st::TERM_W,
            st::COLON_W,
            width - st::TERM_W - st::COLON_W + 2.0 * pad,
        ],
        header: Vec::new(),
        rows,
    }
    .draw(&mut sink);
    sink.pages
}
