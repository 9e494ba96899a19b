//! Stage 5: layout of one SOP into a [`Document`]: pages of positioned text, frames,
//! symbols and arrows (the display list that both renderers draw).
//!
//! The document is the identity page ([`identity`]), the worksheets ([`worksheet`],
//! optional) and the flowchart pages ([`flowchart`]), each starting on a new page,
//! with a footer on every page: the SOP's nomor and nama, the source fingerprint, and
//! "Halaman i dari n".

pub mod block;
pub mod book;
pub mod document;
pub mod dump;
pub mod flowchart;
pub mod footer;
pub mod geometry;
pub mod identity;
pub mod sink;
pub mod style;
pub mod table;
pub mod text;
pub mod worksheet;

pub use document::Document;
pub use style::LayoutOptions;

use document::{Meta, Page};
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
    let mut pages = pages(ws, sop, opts)?;
    footers(&mut pages, sop, fingerprint, None);
    Ok(Document {
        meta: meta(ws, sop, fingerprint),
        pages,
    })
}

/// The pages of one SOP without their footers: the identity page, the worksheets (when
/// enabled) and the flowchart. [`layout`] adds the footers; the SOP book adds its own.
pub fn pages(
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Result<Vec<Page>, Box<Diagnostic>> {
    let mut sink = Sink::new(style::page_size(opts.paper));
    identity::identity(&mut sink, ws, sop);
    if opts.worksheets {
        worksheet::worksheets(&mut sink, ws, sop);
    }
    flowchart::flowchart(&mut sink, ws, sop, opts.hours_per_day)?;
    Ok(sink.pages)
}

/// The metadata of one SOP's document.
pub fn meta(ws: &Workspace, sop: &Sop, fingerprint: &str) -> Meta {
    let org = &ws.org;
    let nomor = sop.number.as_ref().map_or("", |n| n.value.as_str());
    Meta {
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
    }
}

/// Draws the footer of every page of one SOP: its name and nomor, the source
/// fingerprint and "Halaman i dari n". In the SOP book, `book_first` is the book's
/// number of the SOP's first page, and each footer also says "Buku hal. N".
pub fn footers(pages: &mut [Page], sop: &Sop, fingerprint: &str, book_first: Option<usize>) {
    let n = pages.len();
    let nomor = sop.number.as_ref().map_or("", |x| x.value.as_str());
    for (i, page) in pages.iter_mut().enumerate() {
        let mut right = format!("Halaman {} dari {n}", i + 1);
        if let Some(first) = book_first {
            right.push_str(&format!(" · Buku hal. {}", first + i));
        }
        footer::draw(
            page,
            &footer::Footer {
                left: format!("SOP {} · Nomor {nomor}", sop.title()),
                middle: format!("sumber {fingerprint}"),
                right,
            },
        );
    }
}
