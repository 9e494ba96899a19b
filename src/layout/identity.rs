//! The identity page (*bagian identitas*): the heading block with the office and the
//! SOP's number, dates and signing official, then the three two-column rows of lists
//! (dasar hukum, kualifikasi, keterkaitan, peralatan, peringatan, pencatatan), which
//! grow with their content and flow to a second page rather than overflow.

use super::block::{Align, Block, Para};
use super::document::{Image, Item, Point, Rect, Size};
use super::sink::Sink;
use super::style;
use super::table::{Cell, Row, Table};
use crate::model::{Date, RelatedSop, Signer, Sop, Workspace};
use crate::source::Spanned;

fn date(d: &Option<Spanned<Date>>) -> Para {
    match d {
        Some(d) => Para::body(d.value.long()).source(Some(d.span)),
        None => Para::body("-"),
    }
}

fn sp(t: &Option<Spanned<String>>) -> Option<crate::source::Span> {
    t.as_ref().map(|t| t.span)
}

fn text(t: &Option<Spanned<String>>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.clone())
}

/// A heading and a numbered list, for one cell of the lower rows.
fn list_cell(heading: &str, items: Vec<Para>) -> Cell {
    let mut paras = vec![Para::bold(heading).size(style::HEADING)];
    if items.is_empty() {
        paras.push(Para::body("-").space_before(2.0));
    }
    let numbered = items.len() > 1;
    for (i, p) in items.into_iter().enumerate() {
        let p = p.space_before(if i == 0 { 2.0 } else { 0.5 });
        paras.push(if numbered {
            p.marker(format!("{}.", i + 1))
        } else {
            p
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

fn signer_paras(s: Option<&Signer>) -> Vec<Para> {
    let Some(s) = s else {
        return vec![Para::body("-")];
    };
    let mut v = vec![
        Para::body(text(&s.title))
            .source(sp(&s.title))
            .align(Align::Center),
    ];
    // Room for the signature and the stamp (tanda tangan dan cap).
    v.push(
        Para::bold(text(&s.name))
            .source(sp(&s.name))
            .align(Align::Center)
            .space_before(46.0),
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
            Para::body(format!("NIP. {}", n.value))
                .source(Some(n.span))
                .align(Align::Center),
        );
    }
    v
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

    // The office, centred in the left cell.
    let mut office = Vec::new();
    if let Some(g) = &org.government {
        office.push(
            Para::bold(g.value.to_uppercase())
                .size(10.0)
                .align(Align::Center)
                .source(Some(g.span)),
        );
    }
    if let Some(a) = &org.agency {
        office.push(
            Para::bold(a.value.to_uppercase())
                .size(9.0)
                .align(Align::Center)
                .source(Some(a.span))
                .space_before(3.0),
        );
    }
    if let Some(u) = sop
        .identification
        .as_ref()
        .and_then(|i| i.echelon_iii.as_ref().or(i.echelon_iv.as_ref()))
    {
        office.push(
            Para::bold(u.value.to_uppercase())
                .size(8.5)
                .align(Align::Center)
                .source(Some(u.span))
                .space_before(6.0),
        );
    }

    let signer = sop.signer.as_ref().or(org.signer.as_ref());
    let rows: Vec<(&str, Vec<Para>)> = vec![
        (
            "NOMOR SOP",
            vec![Para::body(text(&sop.number)).source(sp(&sop.number))],
        ),
        ("TGL. PEMBUATAN", vec![date(&sop.dates.created)]),
        ("TGL. REVISI", vec![date(&sop.dates.revised)]),
        ("TGL. EFEKTIF", vec![date(&sop.dates.effective)]),
        ("DISAHKAN OLEH", signer_paras(signer)),
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
    let office_block = Block::new(&office, left_w - 4.0 * pad);
    // The logo above the office's name, both centred in the left cell.
    let logo = ws
        .logo
        .as_ref()
        .map(|l| (l, logo_size(l, left_w - 4.0 * pad)));
    let stack_h = office_block.height + logo.map_or(0.0, |(_, s)| s.h + style::LOGO_GAP);
    let top_h = right_h.max(stack_h + 4.0 * pad);
    let y0 = sink.y;
    sink.frame(
        Rect::new(body.x, y0, left_w, top_h),
        None,
        Some(style::RULE),
    );
    let mut top = y0 + (top_h - stack_h) / 2.0;
    if let Some((l, size)) = logo {
        let alt = org
            .government
            .as_ref()
            .or(org.agency.as_ref())
            .map_or_else(|| "Logo".to_string(), |g| format!("Logo {}", g.value));
        sink.push(
            Point::new(body.x + (left_w - size.w) / 2.0, top),
            Item::Image(Image {
                size,
                logo: std::sync::Arc::clone(l),
                alt,
            }),
            org.logo.as_ref().map(|p| p.span),
        );
        top += size.h + style::LOGO_GAP;
    }
    office_block.draw(sink, body.x + 2.0 * pad, top);
    let mut y = y0;
    let extra = (top_h - right_h) / laid.len() as f64;
    for (l, v, h) in &laid {
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
                    .map_or(id.value.clone(), |s| format!("SOP {}", s.title()));
                Para::body(title)
                    .source(Some(id.span))
                    .link(Some(format!("{}.html", id.value)))
            }
            RelatedSop::External(t) => Para::body(&t.value).source(Some(t.span)),
        })
        .collect();
    let half = w / 2.0;
    let table = Table {
        x: body.x,
        widths: vec![half, w - half],
        header: Vec::new(),
        rows: vec![
            Row::new(vec![
                list_cell("DASAR HUKUM:", legal),
                list_cell("KUALIFIKASI PELAKSANA:", texts(&sop.qualifications)),
            ]),
            Row::new(vec![
                list_cell("KETERKAITAN:", related),
                list_cell("PERALATAN/PERLENGKAPAN:", texts(&sop.equipment)),
            ]),
            Row::new(vec![
                list_cell("PERINGATAN:", texts(&sop.cautions)),
                list_cell("PENCATATAN DAN PENDATAAN:", texts(&sop.records)),
            ]),
        ],
    };
    table.draw(sink);
}
