//! The cover (*sampul*): "STANDAR OPERASIONAL PROSEDUR", the pemerintah, the instansi
//! and the year, centred inside a double border on one portrait page.

use super::super::block::{Block, Para};
use super::super::document::{Page, Point, Rect};
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
    let x = inner.x + st::COVER_PAD;
    let width = inner.w - 2.0 * st::COVER_PAD;

    let with_source = |p: Para, s: &super::wording::Src| p.source(s.source);
    let title = balanced(
        &[
            centred("STANDAR OPERASIONAL PROSEDUR", st::COVER_TITLE),
            centred("ADMINISTRASI PEMERINTAHAN", st::COVER_SUBTITLE).space_before(st::HEADING_GAP),
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
        .space_before(st::HEADING_GAP),
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
    let [title_at, office_at, year_at] = st::COVER_AT;
    let at = |share: f64, h: f64| inner.y + inner.h * share - h / 2.0;
    title.draw(&mut sink, x, at(title_at, title.height));
    let (rule_gap, rule_share) = st::COVER_RULE;
    let rule_y = at(title_at, 0.0) + title.height / 2.0 + rule_gap;
    let rule_x = x + width * (1.0 - rule_share) / 2.0;
    sink.line(
        Point::new(rule_x, rule_y),
        Point::new(rule_x + width * rule_share, rule_y),
        st::COVER_BORDER_INNER,
    );
    office.draw(&mut sink, x, at(office_at, office.height));
    if let Some(year) = year {
        year.draw(&mut sink, x, at(year_at, year.height));
    }
    sink.pages
}
