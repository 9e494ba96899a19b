//! `sopc buku --dump outline`: the book's structure as text, for reading and for golden
//! tests. The parts with their page ranges, the daftar isi as printed (each entry's
//! page number and the page it stands on), the PDF's bookmarks, and every page's page
//! label and page-number footer as it is drawn in the display list.

use std::fmt::Write as _;

use super::{LaidBook, PartKind};
use crate::layout::document::{Bookmark, Item, PageLabels};

/// The outline as text.
pub fn outline(book: &LaidBook) -> String {
    let mut out = String::new();
    let doc = &book.document;
    let _ = writeln!(out, "buku {:?} {} halaman", doc.meta.id, doc.pages.len());
    let _ = writeln!(out, "  title {:?}", doc.meta.title);
    let _ = writeln!(out, "  date {:?}", doc.meta.date.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "bagian");
    for p in &book.parts {
        let range = if p.pages == 1 {
            p.first.to_string()
        } else {
            format!("{}-{}", p.first, p.first + p.pages - 1)
        };
        let kind = match &p.kind {
            PartKind::Cover => "sampul".to_string(),
            PartKind::Decree => "keputusan".to_string(),
            PartKind::DecreeList => "lampiran".to_string(),
            PartKind::Contents => "daftar-isi".to_string(),
            PartKind::Explanation => "penjelasan".to_string(),
            PartKind::Sop(id) => format!("sop {id}"),
            PartKind::Monitoring => "monitoring".to_string(),
        };
        let _ = writeln!(out, "  {range:<8} {kind} {:?}", p.title);
    }
    let _ = writeln!(out, "daftar isi");
    for e in &book.contents {
        let _ = writeln!(out, "  hal {:<3} {:?} .... {}", e.on_page, e.title, e.page);
    }
    let _ = writeln!(out, "penanda");
    marks(&mut out, &doc.meta.outline, 1);
    let _ = writeln!(out, "nomor halaman (label, footer)");
    for (i, page) in doc.pages.iter().enumerate() {
        let footer = page.items.iter().rev().find_map(|it| match &it.item {
            Item::Text(t) if t.text.contains("Buku hal.") => Some(t.text.as_str()),
            _ => None,
        });
        let label = PageLabels::of(&doc.meta.page_labels, i + 1)
            .map_or_else(|| "-".to_string(), |n| n.to_string());
        let _ = writeln!(
            out,
            "  {:<3} {}x{} {label:<3} {:?}",
            i + 1,
            page.size.w.round(),
            page.size.h.round(),
            footer.unwrap_or("-")
        );
    }
    out
}

/// The bookmarks, each with its page, those under it indented.
fn marks(out: &mut String, list: &[Bookmark], depth: usize) {
    for m in list {
        let _ = writeln!(
            out,
            "{:w$}hal {:<3} {:?}",
            "",
            m.page,
            m.title,
            w = 2 * depth
        );
        marks(out, &m.children, depth + 1);
    }
}
