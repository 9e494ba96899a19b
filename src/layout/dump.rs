//! `sopc dump --stage layout`: the display list as text, one item per line, rounded to
//! 0.01 pt. The debugging view of a rendering and the golden format of layout tests.

use std::fmt::Write as _;

use super::document::{Document, Font, Item, Link, Stroke, SymbolKind};

fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:.2}")
}

fn stroke(s: &Stroke) -> String {
    let mut out = format!("{} {}", n(s.width), s.color.hex());
    if let Some((a, b)) = s.dash {
        let _ = write!(out, " dash {} {}", n(a), n(b));
    }
    out
}

/// The document as text.
pub fn dump(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "document {:?}", m.id);
    let _ = writeln!(out, "  title {:?}", m.title);
    let _ = writeln!(out, "  author {:?}", m.author);
    let _ = writeln!(out, "  subject {:?}", m.subject);
    let _ = writeln!(out, "  date {:?}", m.date.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  fingerprint {}", m.fingerprint);
    for (i, p) in doc.pages.iter().enumerate() {
        let _ = writeln!(
            out,
            "page {} size {}x{} content {},{} {}x{}",
            i + 1,
            n(p.size.w),
            n(p.size.h),
            n(p.content.x),
            n(p.content.y),
            n(p.content.w),
            n(p.content.h)
        );
        for it in &p.items {
            let at = format!("{},{}", n(it.at.x), n(it.at.y));
            let src = it
                .source
                .map(|s| format!(" @{}:{}..{}", s.file.0, s.start, s.end))
                .unwrap_or_default();
            let _ = match &it.item {
                Item::Text(t) => writeln!(
                    out,
                    "  text {at} {} {} w={} {:?}{}{}",
                    match t.font {
                        Font::Regular => "regular",
                        Font::Bold => "bold",
                        Font::Italic => "italic",
                    },
                    n(t.size),
                    n(t.width),
                    t.text,
                    match &t.link {
                        Some(Link::Uri(u)) => format!(" link={u}"),
                        Some(Link::Page(p)) => format!(" link=#halaman-{p}"),
                        None => String::new(),
                    },
                    src
                ),
                Item::Image(i) => writeln!(
                    out,
                    "  image {at} {}x{} {}x{}px {:?}{src}",
                    n(i.size.w),
                    n(i.size.h),
                    i.logo.width,
                    i.logo.height,
                    i.alt
                ),
                Item::Note(note) => writeln!(
                    out,
                    "  note {at} {}x{} {:?}{src}",
                    n(note.size.w),
                    n(note.size.h),
                    note.text
                ),
                Item::Frame(f) => writeln!(
                    out,
                    "  frame {at} {}x{}{}{}",
                    n(f.size.w),
                    n(f.size.h),
                    f.fill
                        .map(|c| format!(" fill {}", c.hex()))
                        .unwrap_or_default(),
                    f.stroke
                        .as_ref()
                        .map(|s| format!(" stroke {}", stroke(s)))
                        .unwrap_or_default()
                ),
                Item::Line(l) => writeln!(
                    out,
                    "  line {at} -> {},{} {}",
                    n(l.to.x),
                    n(l.to.y),
                    stroke(&l.stroke)
                ),
                Item::Symbol(s) => writeln!(
                    out,
                    "  symbol {at} {} {}x{}{}",
                    match s.kind {
                        SymbolKind::Terminator => "terminator",
                        SymbolKind::Process => "process",
                        SymbolKind::Decision => "decision",
                        SymbolKind::OffPageConnector => "connector",
                    },
                    n(s.size.w),
                    n(s.size.h),
                    src
                ),
                Item::Arrow(a) => writeln!(
                    out,
                    "  arrow {} head {}",
                    a.path
                        .iter()
                        .map(|p| format!("{},{}", n(p.x), n(p.y)))
                        .collect::<Vec<_>>()
                        .join(" -> "),
                    n(a.head)
                ),
            };
        }
    }
    out
}
