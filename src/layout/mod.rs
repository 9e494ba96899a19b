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
use crate::model::style::Signature;
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
/// enabled by the options and the SOP's `gaya.lembar_kerja`) and the flowchart, on the
/// paper of the options in the office's orientation. [`layout`] adds the footers; the
/// SOP book adds its own.
pub fn pages(
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Result<Vec<Page>, Box<Diagnostic>> {
    let mut sink = Sink::new(style::page_size_in(opts.paper, ws.org.orientation));
    if sop.style.signature == Signature::Electronic {
        // Room above the footer line for the BSrE statement.
        sink.body.h -= style::TTE_FOOTER_HEIGHT;
    }
    identity::identity(&mut sink, ws, sop);
    if opts.worksheets && sop.style.worksheets {
        worksheet::worksheets(&mut sink, ws, sop);
    } else if sop.style.one_page && sink.pages.len() == 1 {
        if let Some(items) = flowchart_below(&sink, ws, sop, opts) {
            if let Some(page) = sink.pages.last_mut() {
                page.items.extend(items);
            }
            return Ok(sink.pages);
        }
    }
    flowchart::flowchart(&mut sink, ws, sop, opts.hours_per_day)?;
    Ok(sink.pages)
}

/// `gaya.satu_halaman`: the flowchart laid out in the room left below the identity
/// section on its page, when all of it fits there (`None`: it goes on pages of its own).
fn flowchart_below(
    sink: &Sink,
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Option<Vec<document::Positioned>> {
    let top = sink.y + style::ONE_PAGE_GAP;
    let body = sink.body;
    if body.bottom() - top < style::ONE_PAGE_MIN {
        return None;
    }
    let mut below = Sink::new(sink.size);
    below.body = document::Rect::new(body.x, top, body.w, body.bottom() - top);
    flowchart::flowchart(&mut below, ws, sop, opts.hours_per_day).ok()?;
    match below.pages.len() {
        1 => below.pages.pop().map(|p| p.items),
        _ => None,
    }
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
        if sop.style.signature == Signature::Electronic {
            footer::draw_tte(page, &sop.style.tte_statement);
        }
    }
}
