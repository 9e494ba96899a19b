//! Stage 5: layout of one SOP into a [`Document`]: pages of positioned text, frames,
//! symbols and arrows (the display list that both renderers draw).
//!
//! The document is the identity page ([`identity`]), the worksheets ([`worksheet`],
//! optional) and the flowchart pages ([`flowchart`]), each starting on a new page,
//! with a footer on every page: the SOP's nomor and nama, the source fingerprint, and
//! "Halaman i dari n".

pub mod block;
pub mod document;
pub mod dump;
pub mod flowchart;
pub mod geometry;
pub mod identity;
pub mod sink;
pub mod style;
pub mod table;
pub mod text;
pub mod worksheet;

pub use document::Document;
pub use style::LayoutOptions;

use block::{Align, Block, Para};
use document::{Meta, Point};
use sink::Sink;

use crate::diag::Diagnostic;
use crate::model::{Sop, Workspace};

/// Lays out one SOP. `fingerprint` is printed in every footer. An SOP whose content
/// cannot be placed (a step taller than a page) gives a diagnostic instead.
pub fn layout(
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
    fingerprint: &str,
) -> Result<Document, Box<Diagnostic>> {
    let mut sink = Sink::new(style::page_size(opts.paper));
    identity::identity(&mut sink, ws, sop);
    if opts.worksheets {
        worksheet::worksheets(&mut sink, ws, sop);
    }
    flowchart::flowchart(&mut sink, ws, sop, opts.hours_per_day)?;
    footers(&mut sink, sop, fingerprint);
    let org = &ws.org;
    let nomor = sop.number.as_ref().map_or("", |n| n.value.as_str());
    Ok(Document {
        meta: Meta {
            title: format!("SOP {}", sop.title()),
            author: org
                .agency
                .as_ref()
                .map_or(String::new(), |a| a.value.clone()),
            subject: format!("Standar Operasional Prosedur nomor {nomor}"),
            keywords: vec![
                "SOP".into(),
                "Standar Operasional Prosedur".into(),
                sop.id.clone(),
            ],
            date: sop
                .dates
                .effective
                .as_ref()
                .or(sop.dates.created.as_ref())
                .map(|d| d.value.iso()),
            fingerprint: fingerprint.to_string(),
            id: sop.id.clone(),
            lang: "id".into(),
        },
        pages: sink.pages,
    })
}

fn footers(sink: &mut Sink, sop: &Sop, fingerprint: &str) {
    let n = sink.pages.len();
    let content = style::content_box(sink.size);
    let nomor = sop.number.as_ref().map_or("", |x| x.value.as_str());
    let third = content.w / 3.0;
    let y = content.bottom() - style::FOOTER_HEIGHT + 5.0;
    let items: Vec<(usize, Vec<(f64, Block)>)> = (0..n)
        .map(|i| {
            let size = style::FOOTER;
            let mut left = Para::body(format!("SOP {} · Nomor {nomor}", sop.title())).size(size);
            left.color_muted();
            let mut mid = Para::body(format!("sumber {fingerprint}"))
                .size(size)
                .align(Align::Center);
            mid.color_muted();
            let mut right = Para::body(format!("Halaman {} dari {n}", i + 1))
                .size(size)
                .align(Align::Right);
            right.color_muted();
            let w = third;
            (
                i,
                vec![
                    (content.x, Block::new(&[left], w * 1.4)),
                    (content.x + w * 1.4, Block::new(&[mid], w * 0.4)),
                    (content.x + w * 1.8, Block::new(&[right], w * 1.2)),
                ],
            )
        })
        .collect();
    let cur = sink.pages.len();
    for (i, blocks) in items {
        // Draw onto page i: temporarily make it the last page.
        let page = sink.pages.remove(i);
        sink.pages.push(page);
        for (x, b) in blocks {
            let first = b.lines.first().cloned();
            if let Some(l) = first {
                sink.text(x + l.dx, y, l.line, None);
            }
        }
        if let Some(page) = sink.pages.pop() {
            sink.pages.insert(i, page);
        }
    }
    let _ = (cur, Point::new(0.0, 0.0));
}
