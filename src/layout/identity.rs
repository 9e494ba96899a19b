//! The identity page (*bagian identitas*): the heading block with the office and the
//! SOP's number, dates and signing official, then the three two-column rows of lists
//! (dasar hukum, kualifikasi, keterkaitan, peralatan, peringatan, pencatatan), which
//! grow with their content and flow to a second page rather than overflow.

use super::block::{Align, Block, Para};
use super::document::{Image, Item, Link, Point, Rect, Size};
use super::sink::Sink;
use super::style;
use super::table::{Cell, Row, Table};
use crate::model::style::{EmptySections, ListMarker, LogoPlace, Signature, Style};
use crate::model::{Date, RelatedSop, Signer, Sop, Workspace};
use crate::source::Spanned;

/// The space between the signing official's jabatan and name: for the signature and the
/// stamp, or the square of the QR code of a TTE.
const SIGNATURE_SPACE: f64 = 46.0;

/// The row of the heading block that holds the signing official (DISAHKAN OLEH).
const SIGNER_ROW: usize = 4;

fn date(d: &Option<Spanned<Date>>, style: &Style) -> Para {
    match d {
        Some(d) => Para::body(d.value.long_as(style.date_format)).source(Some(d.span)),
        None => Para::body("-"),
    }
}

fn sp(t: &Option<Spanned<String>>) -> Option<crate::source::Span> {
    t.as_ref().map(|t| t.span)
}

fn text(t: &Option<Spanned<String>>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.clone())
}

/// A heading and a numbered (or bulleted, `gaya.daftar`) list, for one cell of the
/// lower rows.
fn list_cell(heading: &str, items: Vec<Para>, marker: ListMarker) -> Cell {
    let mut paras = vec![Para::bold(heading).size(style::HEADING)];
    if items.is_empty() {
        paras.push(Para::body("-").space_before(2.0));
    }
    let listed = items.len() > 1;
    for (i, p) in items.into_iter().enumerate() {
        let p = p.space_before(if i == 0 { 2.0 } else { 0.5 });
        paras.push(match (listed, marker) {
            (false, _) => p,
            (true, ListMarker::Numbers) => p.marker(format!("{}.", i + 1)),
            (true, ListMarker::Bullets) => p.marker("•"),
        });
    }
    Cell::new(paras)
}

/// The items of an identity list, with their inline markup (italics, links).
fn texts(items: &[Spanned<String>]) -> Vec<Para> {
    items
        .iter()
        .map(|t| Para::rich(&t.value).source(Some(t.span)))
        .collect()
}

fn signer_paras(s: Option<&Signer>, style: &Style) -> Vec<Para> {
    let Some(s) = s else {
        return vec![Para::body("-")];
    };
    let mut v = vec![signer_title(s)];
    // Room for the signature and the stamp (tanda tangan dan cap), or for the QR code
    // of a TTE (drawn by `qr_square`).
    v.push(
        Para::bold(text(&s.name))
            .source(sp(&s.name))
            .align(Align::Center)
            .space_before(SIGNATURE_SPACE),
    );
    if let Some(r) = &s.rank {
        v.push(
            Para::body(&r.value)
                .source(Some(r.span))
                .align(Align::Center),
        );
    }
    if let Some(n) = &s.nip {
        v.push(
            Para::body(format!("NIP. {}", style.nip_text(&n.value)))
                .source(Some(n.span))
                .align(Align::Center),
        );
    }
    v
}

fn signer_title(s: &Signer) -> Para {
    Para::body(text(&s.title))
        .source(sp(&s.title))
        .align(Align::Center)
}

/// The square kept for the QR code of a TTE, centred in the signature space of a cell
/// whose text starts at (`x`, `y`) and is `w` wide.
fn qr_square(sink: &mut Sink, s: &Signer, x: f64, y: f64, w: f64) {
    let title_h = Block::new(&[signer_title(s)], w).height;
    let q = style::TTE_QR;
    sink.push(
        Point::new(x + (w - q) / 2.0, y + title_h + (SIGNATURE_SPACE - q) / 2.0),
        Item::Frame(super::document::Frame {
            size: Size::new(q, q),
            fill: None,
            stroke: Some(style::TTE_QR_STROKE),
        }),
        s.name.as_ref().map(|n| n.span),
    );
}

/// The kop lines: `gaya.kop` as written, else `pemerintah` and `instansi` in capitals;
/// then the SOP's `unit` (or, without it, the unit kerja of `identifikasi`), smaller.
fn kop(ws: &Workspace, sop: &Sop) -> Vec<Para> {
    let org = &ws.org;
    let mut office = Vec::new();
    match &sop.style.kop {
        Some(lines) => {
            for (i, l) in lines.iter().enumerate() {
                office.push(
                    Para::bold(&l.value)
                        .size(10.0)
                        .align(Align::Center)
                        .source(Some(l.span))
                        .space_before(if i == 0 { 0.0 } else { 1.0 }),
                );
            }
        }
        None => {
            if let Some(g) = &org.government {
                office.push(
                    Para::bold(g.value.to_uppercase())
                        .size(10.0)
                        .align(Align::Center)
                        .source(Some(g.span)),
                );
            }
            if let Some(a) = &org.agency {
                let p = Para::bold(a.value.to_uppercase())
                    .size(9.0)
                    .align(Align::Center)
                    .source(Some(a.span));
                office.push(if office.is_empty() {
                    p.size(10.0)
                } else {
                    p.space_before(3.0)
                });
            }
        }
    }
    if let Some(u) = sop.unit_line() {
        office.push(
            Para::bold(u.value.to_uppercase())
                .size(8.5)
                .align(Align::Center)
                .source(Some(u.span))
                .space_before(6.0),
        );
    }
    office
}

/// The size the logo is drawn at: [`style::LOGO_HEIGHT`] high at most, `max_w` wide at
/// most, in the proportions of its pixels.
fn logo_size(logo: &crate::logo::Logo, max_w: f64) -> Size {
    let (w, h) = (f64::from(logo.width), f64::from(logo.height));
    let scale = (style::LOGO_HEIGHT / h).min(max_w / w);
    Size::new(w * scale, h * scale)
}

/// Lays out the identity part of one SOP, starting on a new page.
pub fn identity(sink: &mut Sink, ws: &Workspace, sop: &Sop) {
    sink.new_page();
    let body = sink.body;
    let w = body.w;
    let left_w = (w * 0.40).round();
    let label_w = (w * 0.16).round();
    let value_w = w - left_w - label_w;
    let org = &ws.org;

    let st = &sop.style;
    let office = kop(ws, sop);

    let signer = sop.signer.as_ref().or(org.signer.as_ref());
    let rows: Vec<(&str, Vec<Para>)> = vec![
        (
            "NOMOR SOP",
            vec![Para::body(text(&sop.number)).source(sp(&sop.number))],
        ),
        ("TGL. PEMBUATAN", vec![date(&sop.dates.created, st)]),
        ("TGL. REVISI", vec![date(&sop.dates.revised, st)]),
        ("TGL. EFEKTIF", vec![date(&sop.dates.effective, st)]),
        ("DISAHKAN OLEH", signer_paras(signer, st)),
        (
            "NAMA SOP",
            vec![Para::bold(text(&sop.name)).size(10.0).source(sp(&sop.name))],
        ),
    ];
    let pad = style::CELL_PAD;
    let laid: Vec<(Block, Block, f64)> = rows
        .iter()
        .map(|(label, paras)| {
            let l = Block::new(
                &[Para::bold(*label).size(style::HEADING)],
                label_w - 2.0 * pad,
            );
            let v = Block::new(paras, value_w - 2.0 * pad);
            let h = l.height.max(v.height) + 2.0 * pad + 2.0;
            (l, v, h)
        })
        .collect();
    let right_h: f64 = laid.iter().map(|r| r.2).sum();
    let inner_w = left_w - 4.0 * pad;
    // The logo above the kop lines, both centred in the left cell; or left of them
    // (`gaya.logo: kiri`), both centred vertically.
    let beside = st.logo == LogoPlace::Left && ws.logo.is_some();
    let logo = ws.logo.as_ref().map(|l| {
        let max_w = if beside { inner_w * 0.3 } else { inner_w };
        (l, logo_size(l, max_w))
    });
    let text_w = match (beside, logo) {
        (true, Some((_, size))) => inner_w - size.w - style::LOGO_GAP,
        _ => inner_w,
    };
    let office_block = Block::new(&office, text_w);
    let stack_h = match (beside, logo) {
        (true, Some((_, size))) => office_block.height.max(size.h),
        _ => office_block.height + logo.map_or(0.0, |(_, s)| s.h + style::LOGO_GAP),
    };
    let top_h = right_h.max(stack_h + 4.0 * pad);
    let y0 = sink.y;
    sink.frame(
        Rect::new(body.x, y0, left_w, top_h),
        None,
        Some(style::RULE),
    );
    let mut top = y0 + (top_h - stack_h) / 2.0;
    let mut text_x = body.x + 2.0 * pad;
    if let Some((l, size)) = logo {
        let alt = org
            .government
            .as_ref()
            .or(org.agency.as_ref())
            .map_or_else(|| "Logo".to_string(), |g| format!("Logo {}", g.value));
        let at = if beside {
            Point::new(text_x, top + (stack_h - size.h) / 2.0)
        } else {
            Point::new(body.x + (left_w - size.w) / 2.0, top)
        };
        sink.push(
            at,
            Item::Image(Image {
                size,
                logo: std::sync::Arc::clone(l),
                alt,
            }),
            org.logo.as_ref().map(|p| p.span),
        );
        if beside {
            text_x += size.w + style::LOGO_GAP;
            top += (stack_h - office_block.height) / 2.0;
        } else {
            top += size.h + style::LOGO_GAP;
        }
    }
    office_block.draw(sink, text_x, top);
    let mut y = y0;
    let extra = (top_h - right_h) / laid.len() as f64;
    for (row, (l, v, h)) in laid.iter().enumerate() {
        let h = h + extra;
        let lx = body.x + left_w;
        sink.frame(Rect::new(lx, y, label_w, h), None, Some(style::RULE));
        sink.frame(
            Rect::new(lx + label_w, y, value_w, h),
            None,
            Some(style::RULE),
        );
        l.draw(sink, lx + pad, y + pad + 1.0);
        v.draw(sink, lx + label_w + pad, y + pad + 1.0);
        if let (Some(s), Signature::Electronic, SIGNER_ROW) = (signer, st.signature, row) {
            qr_square(
                sink,
                s,
                lx + label_w + pad,
                y + pad + 1.0,
                value_w - 2.0 * pad,
            );
        }
        y += h;
    }
    sink.y = y0 + top_h;

    // The three rows of lists.
    let legal: Vec<Para> = sop
        .legal_bases
        .iter()
        .map(|id| {
            let t = org
                .legal_basis(&id.value)
                .map_or(id.value.clone(), |l| l.text.value.clone());
            Para::body(t).source(Some(id.span))
        })
        .collect();
    let related: Vec<Para> = sop
        .related
        .iter()
        .map(|r| match r {
            RelatedSop::Internal(id) => {
                let title = ws
                    .sops
                    .iter()
                    .find(|s| s.id == id.value)
                    .map_or(id.value.clone(), |s| super::footer::sop_name(s.title()));
                Para::body(title)
                    .source(Some(id.span))
                    .link(Some(Link::Uri(format!("{}.html", id.value))))
            }
            RelatedSop::External(t) => Para::body(&t.value).source(Some(t.span)),
        })
        .collect();
    let marker = st.lists;
    let mut sections: Vec<(String, Vec<Para>)> = vec![
        ("DASAR HUKUM:".into(), legal),
        ("KUALIFIKASI PELAKSANA:".into(), texts(&sop.qualifications)),
        ("KETERKAITAN:".into(), related),
        ("PERALATAN/PERLENGKAPAN:".into(), texts(&sop.equipment)),
        ("PERINGATAN:".into(), texts(&sop.cautions)),
        ("PENCATATAN DAN PENDATAAN:".into(), texts(&sop.records)),
    ];
    for extra in &sop.extra_identity {
        sections.push((
            format!("{}:", extra.title.value.to_uppercase()),
            texts(&extra.items),
        ));
    }
    if st.empty_sections == EmptySections::Hidden {
        sections.retain(|(_, items)| !items.is_empty());
    }
    // Two sections a row, in order; an odd last one spans the row.
    let mut rows = Vec::new();
    let mut it = sections.into_iter();
    while let Some((h, items)) = it.next() {
        let first = list_cell(&h, items, marker);
        rows.push(Row::new(match it.next() {
            Some((h2, items2)) => vec![first, list_cell(&h2, items2, marker)],
            None => vec![first.span(2)],
        }));
    }
    let half = w / 2.0;
    let table = Table {
        x: body.x,
        widths: vec![half, w - half],
        header: Vec::new(),
        rows,
    };
    table.draw(sink);
}
