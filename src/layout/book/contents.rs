//! The daftar isi: one entry per part of the book with its first page, the SOPs
//! numbered under "Standar Operasional Prosedur" with their nomor, a dot leader from
//! each title to its page number. Each entry links to its page, and the bookmarks of
//! the PDF repeat the daftar isi (with the cover before it).

use super::super::block::{Block, Para};
use super::super::document::{Bookmark, Font, Link, Page};
use super::super::sink::{Sink, TextLine};
use super::super::style::book as st;
use super::super::text;
use super::{Part, PartKind, bold, text as body};
use crate::model::{Paper, Sop};

/// One entry as printed: its text (with the SOP's number, "3. Peminjaman Arsip") and
/// its page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The entry's text, on one line.
    pub title: String,
    /// The page number printed for it.
    pub page: usize,
    /// The book page the entry itself is printed on.
    pub on_page: usize,
}

/// The laid-out daftar isi.
#[derive(Debug, Clone)]
pub struct Contents {
    /// Its pages.
    pub pages: Vec<Page>,
    /// What they list.
    pub printed: Vec<Printed>,
    /// The bookmarks of the book: the cover, then every entry as printed, the SOPs
    /// under the heading that groups them.
    pub bookmarks: Vec<Bookmark>,
}

/// The heading the SOPs are listed under.
const SOPS: &str = "Standar Operasional Prosedur";

/// Lays out the daftar isi of these parts (their page numbers final once the daftar
/// isi's own length is).
pub fn contents(parts: &[Part], sops: &[&Sop], paper: Paper) -> Contents {
    let mut sink = super::portrait(paper);
    sink.new_page();
    super::title(&mut sink, &["DAFTAR ISI"]);
    // The number column is labelled once, over the numbers.
    let hal = "Halaman";
    let w = text::width(hal, Font::Bold, st::TEXT);
    let (x, y) = (sink.body.right() - w, sink.y);
    sink.text(x, y, TextLine::new(hal, Font::Bold, st::TEXT), None);
    sink.y += text::line_height(Font::Bold, st::TEXT) + st::TOC_GAP;

    let first_page = parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .map_or(1, |p| p.first);
    let mut printed = Vec::new();
    let mut bookmarks: Vec<Bookmark> = Vec::new();
    let mut sop_no = 0;
    for part in parts {
        let (indent, marker, detail) = match &part.kind {
            PartKind::Cover => {
                bookmarks.push(bookmark(&part.title, part.first));
                continue;
            }
            PartKind::Sop(id) => {
                if sop_no == 0 {
                    heading(&mut sink, SOPS);
                    bookmarks.push(bookmark(SOPS, part.first));
                }
                sop_no += 1;
                let nomor = sops
                    .iter()
                    .find(|s| &s.id == id)
                    .and_then(|s| s.number.as_ref())
                    .map(|n| format!("Nomor SOP {}", n.value));
                (st::TOC_INDENT, Some(format!("{sop_no}.")), nomor)
            }
            _ => (0.0, None, None),
        };
        let (on, title) = entry(
            &mut sink,
            indent,
            marker.as_deref(),
            &part.title,
            detail,
            part.first,
        );
        let mark = bookmark(&title, part.first);
        match (&part.kind, bookmarks.last_mut()) {
            (PartKind::Sop(_), Some(group)) => group.children.push(mark),
            _ => bookmarks.push(mark),
        }
        printed.push(Printed {
            title,
            page: part.first,
            on_page: first_page + on,
        });
    }
    Contents {
        pages: sink.pages,
        printed,
        bookmarks,
    }
}

fn bookmark(title: &str, page: usize) -> Bookmark {
    Bookmark {
        title: title.to_string(),
        page,
        children: Vec::new(),
    }
}

/// A group heading without a page number.
fn heading(sink: &mut Sink, s: &str) {
    let b = Block::new(&[bold(s)], sink.body.w);
    if b.height * 3.0 > sink.space_left() {
        sink.new_page();
    }
    b.draw(sink, sink.body.x, sink.y);
    sink.y += b.height + st::TOC_GAP;
}

/// One entry: its number right-aligned in the marker column, the title (wrapped before
/// the number column), a dot leader after the title's last line, the page number at the
/// right, and the detail line under the title; every piece of it links to the page.
/// Returns the index of the page it went on and its text.
fn entry(
    sink: &mut Sink,
    indent: f64,
    marker: Option<&str>,
    title: &str,
    detail: Option<String>,
    page: usize,
) -> (usize, String) {
    let marker_w = if marker.is_some() {
        st::TOC_MARKER_W
    } else {
        0.0
    };
    let x = sink.body.x + indent + marker_w;
    let number_x = sink.body.right() - st::TOC_PAGE_W;
    let width = number_x - x - st::TOC_LEADER_GAP * 2.0 - st::TOC_MIN_DOTS * dot_width();
    let target = Some(Link::Page(page));
    let line = |s: String| TextLine {
        link: target.clone(),
        ..TextLine::new(s, Font::Regular, st::TEXT)
    };
    let block = Block::new(&[body(title).link(target.clone())], width);
    let detail_block = detail.map(|d| {
        let mut p = Para::body(d).size(st::TOC_NOMOR).link(target.clone());
        p.color_muted();
        Block::new(&[p], width)
    });
    let height = block.height + detail_block.as_ref().map_or(0.0, |b| b.height);
    if height > sink.space_left() {
        sink.new_page();
    }
    let top = sink.y;
    if let Some(m) = marker {
        let w = text::width(m, Font::Regular, st::TEXT);
        sink.text(x - st::TOC_LEADER_GAP - w, top, line(m.to_string()), None);
    }
    block.draw(sink, x, top);
    if let Some(last) = block.lines.last() {
        let end = x + last.dx + text::width(&last.line.text, last.line.font, last.line.size);
        let from = end + st::TOC_LEADER_GAP;
        let to = number_x - st::TOC_LEADER_GAP;
        let n = ((to - from) / dot_width()).floor().max(0.0) as usize;
        let y = top + last.dy;
        if n > 0 {
            let dots = ".".repeat(n);
            let w = text::width(&dots, Font::Regular, st::TEXT);
            sink.text(to - w, y, line(dots), None);
        }
        let num = page.to_string();
        let w = text::width(&num, Font::Regular, st::TEXT);
        sink.text(sink.body.right() - w, y, line(num), None);
    }
    sink.y += block.height;
    if let Some(b) = detail_block {
        b.draw(sink, x, sink.y);
        sink.y += b.height;
    }
    sink.y += st::TOC_GAP;
    let text = match marker {
        Some(m) => format!("{m} {title}"),
        None => title.to_string(),
    };
    (sink.page_index(), text)
}

fn dot_width() -> f64 {
    text::width(".", Font::Regular, st::TEXT)
}
