//! The cover (*sampul*): "STANDAR OPERASIONAL PROSEDUR", the pemerintah, the instansi
//! and the year, centred inside a double border on one portrait page.

use super::super::block::{Block, Para};
use super::super::document::{Page, Rect};
use super::super::style::{self, book as st};
use super::wording::Wording;
use super::{balanced, centred};
use crate::model::{Paper, Workspace};

/// The cover page.
pub fn cover(ws: &Workspace, w: &Wording<'_>, paper: Paper) -> Vec<Page> {
    let mut sink = super::portrait(paper);
    sink.new_page();
    // The border uses the full width between the margins, not the inset text column.
    let outer = style::body_box(sink.size);
    let g = st::COVER_BORDER_GAP;
    let inner = Rect::new(
        outer.x + g,
        outer.y + g,
        outer.w - 2.0 * g,
        outer.h - 2.0 * g,
    );
    sink.frame(outer, None, Some(st::COVER_BORDER));
    sink.frame(inner, None, Some(st::COVER_BORDER_INNER));
    let x = inner.x + 4.0 * g;
    let width = inner.w - 8.0 * g;

    let with_source = |p: Para, s: &super::wording::Src| p.source(s.source);
    let title = balanced(
        &[
            centred("STANDAR OPERASIONAL PROSEDUR", st::COVER_TITLE),
            centred("ADMINISTRASI PEMERINTAHAN", st::COVER_SUBTITLE).space_before(8.0),
        ],
        width,
    );
    let mut office = Vec::new();
    if !w.government.text.is_empty() {
        office.push(with_source(
            centred(w.government.text.to_uppercase(), st::COVER_OFFICE),
            &w.government,
        ));
    }
    office.push(
        with_source(
            centred(w.agency.text.to_uppercase(), st::COVER_OFFICE),
            &w.agency,
        )
        .space_before(6.0),
    );
    let office = balanced(&office, width);
    let year = w.year.map(|y| {
        let source = ws
            .org
            .book
            .as_ref()
            .and_then(|b| b.year.as_ref())
            .map(|y| y.span);
        Block::new(
            &[centred(format!("TAHUN {y}"), st::COVER_YEAR).source(source)],
            width,
        )
    });

    // Title in the upper third, the office below the middle, the year near the foot.
    let at = |share: f64, h: f64| inner.y + inner.h * share - h / 2.0;
    title.draw(&mut sink, x, at(0.3, title.height));
    let rule_y = at(0.3, 0.0) + title.height / 2.0 + 18.0;
    sink.line(
        super::super::document::Point::new(x + width * 0.2, rule_y),
        super::super::document::Point::new(x + width * 0.8, rule_y),
        st::COVER_BORDER_INNER,
    );
    office.draw(&mut sink, x, at(0.58, office.height));
    if let Some(year) = year {
        year.draw(&mut sink, x, at(0.86, year.height));
    }
    sink.pages
}
