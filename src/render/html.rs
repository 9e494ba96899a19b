//! Stage 6b: HTML. Takes a laid-out [`Document`] and returns one self-contained HTML
//! page that draws the same display list as the PDF: each page a fixed-size
//! `<section class="page">`, the flowchart's frames, lines, symbols and arrows as one
//! inline SVG per page, and every text line a real, selectable element placed at
//! (x, baseline − ascent) in the bundled font, with `white-space: pre`, so the browser
//! never re-wraps it and printing gives the PDF's pages. Also the office's
//! `index.html` ([`index`]).
//!
//! The templates (tera 2) only loop and place: they receive typed contexts
//! ([`DocumentView`], [`IndexView`]) with every number already formatted. The files in
//! [`assets`] must be written next to the HTML files (the fonts and their licence).
//!
//! Everything that comes from YAML is escaped by the templates (all are `*.html`, so
//! tera autoescapes them and whatever they include), and a link target is only ever a
//! plain `*.html` or `*.pdf` file name ([`href`]).

mod context;
mod index;
mod runs;
mod templates;
pub mod webfont;

use std::path::PathBuf;

use tera::Context;

use crate::fonts;
use crate::layout::document::Document;

pub use context::{DocumentView, PageSizeView, PageView, PaintView, ShapeView, TextView};
pub use index::{
    IndexContext, IndexRole, IndexSop, IndexView, LinkView, RelatedPair, RoleRow, SopRow,
};
pub use runs::HtmlWriter;
pub use templates::Templates;

/// Why an HTML page could not be written.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// A template folder or file could not be read.
    #[error("cannot read templates from `{}`", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A template does not parse or does not render.
    #[error("template `{}`: {message}", location(file, *line, *column))]
    Template {
        /// The template's file (`templates/page.html` for a built-in one).
        file: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A link target that is not a plain `*.html` or `*.pdf` file name.
    #[error(
        "refusing to link to `{href}`: only a file name ending in `.html` or `.pdf` can be linked"
    )]
    UnsafeLink {
        /// The refused target.
        href: String,
    },
}

fn location(file: &std::path::Path, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", file.display()),
        (Some(l), None) => format!("{}:{l}", file.display()),
        _ => file.display().to_string(),
    }
}

/// The links in the header bar of one SOP's page, relative to that page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// The office's index (`index.html`), if written.
    pub index: Option<String>,
    /// This SOP's PDF (`<id>.pdf`), if written.
    pub pdf: Option<String>,
}

impl PageLinks {
    /// The links of an SOP written with its PDF next to `index.html`.
    pub fn for_sop(id: &str) -> PageLinks {
        PageLinks {
            index: Some("index.html".to_string()),
            pdf: Some(format!("{id}.pdf")),
        }
    }
}

/// Renders one laid-out SOP as an HTML page (template `document.html`).
///
/// A text link that is not a plain `*.html`/`*.pdf` file name is dropped (the text
/// stays); an unsafe target in `links` is an error.
pub fn html(doc: &Document, t: &Templates, links: &PageLinks) -> Result<String, HtmlError> {
    check_links(links)?;
    let view = context::document_view(doc, links);
    let mut ctx = Context::new();
    ctx.insert("doc", &view);
    t.render("document.html", &ctx)
}

/// Refuses a header link that is not a plain `*.html`/`*.pdf` file name.
fn check_links(links: &PageLinks) -> Result<(), HtmlError> {
    for target in [&links.index, &links.pdf].into_iter().flatten() {
        if href(target).is_none() {
            return Err(HtmlError::UnsafeLink {
                href: target.clone(),
            });
        }
    }
    Ok(())
}

/// Renders the office's index page (template `index.html`): the catalogue with a search
/// box, the roster × SOP table and the keterkaitan between SOPs.
pub fn index(ctx: &IndexContext, t: &Templates) -> Result<String, HtmlError> {
    let view = index::index_view(ctx)?;
    let mut context = Context::new();
    context.insert("index", &view);
    t.render("index.html", &context)
}

/// The files to write next to the HTML pages: relative path and bytes.
pub fn assets() -> Vec<(&'static str, &'static [u8])> {
    use crate::layout::document::Font;
    let mut out = vec![
        ("fonts/LiberationSans-Regular.ttf", fonts::REGULAR),
        ("fonts/LiberationSans-Bold.ttf", fonts::BOLD),
        ("fonts/LiberationSans-Italic.ttf", fonts::ITALIC),
        ("fonts/OFL.txt", fonts::LICENSE.as_bytes()),
        ("favicon.svg", FAVICON.as_bytes()),
    ];
    // The faces subset for the web ([`webfont`]); the pages fall back to the TrueType
    // files for a char outside the subset, or when a face could not be subset.
    for (path, font) in [
        ("fonts/LiberationSans-Regular.woff", Font::Regular),
        ("fonts/LiberationSans-Bold.woff", Font::Bold),
        ("fonts/LiberationSans-Italic.woff", Font::Italic),
    ] {
        if let Some(bytes) = webfont::woff(font) {
            out.push((path, bytes));
        }
    }
    out
}

/// The icon of every page (`favicon.svg`, linked from each): a process box over a
/// decision diamond joined by an arrow, in the header's blue.
const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#17365d"/><rect x="8" y="4" width="16" height="9" fill="#fff"/><path d="M16 13v4" stroke="#fff" stroke-width="2"/><path d="M16 17l8 6-8 6-8-6z" fill="#ffd54a"/></svg>
"##;

/// The `href` of a text link: a file we wrote next to the page ([`href`]) or a web
/// address written in an SOP text (`http://` or `https://`, no white space, quotes or
/// angle brackets; other bytes outside ASCII percent-encoded).
pub fn text_href(target: &str) -> Option<String> {
    href(target).or_else(|| web_href(target))
}

fn web_href(target: &str) -> Option<String> {
    let web = (target.starts_with("https://") || target.starts_with("http://"))
        && target.len() <= 2000
        && !target.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        });
    if !web {
        return None;
    }
    let mut out = String::with_capacity(target.len());
    for b in target.bytes() {
        if b.is_ascii() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The `href` for a file we wrote next to the page: `Some` only for a plain file name
/// (no folder, scheme, query or fragment; not hidden) ending in `.html` or `.pdf`,
/// percent-encoded. Anything else (`javascript:…`, `../x.html`, `http://…`) is `None`.
pub fn href(target: &str) -> Option<String> {
    let plain = target.len() <= 255
        && (target.ends_with(".html") || target.ends_with(".pdf"))
        && !target.starts_with('.')
        && !target
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':' | '?' | '#') || c.is_control());
    if !plain {
        return None;
    }
    let mut out = String::with_capacity(target.len());
    for b in target.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// A number of points with two decimals (`-0.00` and non-finite values become `0.00`).
fn num(v: f64) -> String {
    let mut out = String::with_capacity(12);
    push_num(&mut out, v);
    out
}

/// Appends [`num`]`(v)` to `out`.
fn push_num(out: &mut String, v: f64) {
    let v = if v.is_finite() { v } else { 0.0 };
    // A page has thousands of these, and `{:.2}` on a float was a tenth of a build's
    // time. Rounding `v * 100` gives the same digits whenever that product is not close
    // to a tie (`{:.2}` rounds the exact binary value, ties to even) and small enough
    // that its rounding error (under 2^-22) cannot move it across one.
    let scaled = v * 100.0;
    if scaled.abs() < 1e9 && ((scaled - scaled.trunc()).abs() - 0.5).abs() > 1e-6 {
        // Exact: |scaled| < 1e9 fits an i64.
        let c = scaled.round() as i64;
        if c < 0 {
            out.push('-');
        }
        let c = c.unsigned_abs();
        // The digits of `c / 100`, most significant first, then two decimals.
        let mut digits = [0u8; 20];
        let mut n = c / 100;
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            out.push(char::from(d));
        }
        out.push('.');
        out.push(char::from(b'0' + (c / 10 % 10) as u8));
        out.push(char::from(b'0' + (c % 10) as u8));
        return;
    }
    let s = format!("{v:.2}");
    out.push_str(if s == "-0.00" { "0.00" } else { &s });
}

#[cfg(test)]
mod sample;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::document::{Color, Font, Item, Link, Point, Positioned, Text};
    use crate::layout::text::{ascent, line_height, width};

    const XSS: &str = "<script>alert(1)</script>";

    fn builtin() -> Templates {
        Templates::builtin().unwrap()
    }

    fn text(x: f64, y: f64, s: &str, link: Option<&str>) -> Positioned {
        Positioned {
            at: Point::new(x, y),
            item: Item::Text(Text {
                text: s.to_string(),
                font: Font::Regular,
                size: 8.0,
                width: width(s, Font::Regular, 8.0),
                ascent: ascent(Font::Regular, 8.0),
                line_height: line_height(Font::Regular, 8.0),
                color: Color::BLACK,
                link: link.map(|l| Link::Uri(l.to_string())),
            }),
            source: None,
        }
    }

    fn sample_html() -> (Document, String) {
        let doc = sample::sop(
            "contoh-a",
            "Pengelolaan Surat Keluar",
            Some("contoh-b.html"),
        );
        let out = html(&doc, &builtin(), &PageLinks::for_sop("contoh-a")).unwrap();
        (doc, out)
    }

    #[test]
    fn one_section_and_one_svg_per_page() {
        let (doc, out) = sample_html();
        assert_eq!(doc.pages.len(), 3);
        assert_eq!(out.matches("<section class=\"page\"").count(), 3);
        assert_eq!(out.matches("<svg class=\"draw\"").count(), 3);
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        assert!(out.contains("<title>Pengelolaan Surat Keluar</title>"));
        assert!(out.contains("<h1>Pengelolaan Surat Keluar</h1>"));
        assert!(out.contains("<a href=\"index.html\">"));
        assert!(out.contains("<a href=\"contoh-a.pdf\""));
        // Every symbol kind, arrows with heads, a dashed line, both faces, the link.
        for class in [
            "symbol terminator",
            "symbol process",
            "symbol decision",
            "symbol connector",
            "arrow",
            "arrowhead",
            "frame",
            "line",
        ] {
            assert!(out.contains(&format!("class=\"{class}\"")), "{class}");
        }
        assert!(out.contains("stroke-dasharray=\"3.00 2.00\""));
        assert!(out.contains("<span class=\"t b\""));
        assert!(out.contains("<span class=\"t\""));
        assert!(out.contains("<a class=\"t\" href=\"contoh-b.html\""));
        // Every text line of the display list is an element.
        let lines = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|p| matches!(&p.item, Item::Text(t) if !t.text.is_empty()))
            .count();
        assert_eq!(out.matches(" data-w=\"").count(), lines);
        // Same output every time.
        assert_eq!(out, sample_html().1);
    }

    #[test]
    fn num_prints_what_format_prints() {
        let slow = |v: f64| {
            let s = format!("{:.2}", if v.is_finite() { v } else { 0.0 });
            if s == "-0.00" { "0.00".to_string() } else { s }
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            1.005,
            2.675,
            -0.004,
            -0.005,
            -1.5,
            12.345678,
            841.89,
            595.28,
            1e7,
            9_999_999.995,
            1e12,
            -1e12,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
        ];
        // Every hundredth and the ties between them over a page, and a spread of
        // arbitrary values (a fixed linear congruential sequence).
        for i in -100_000..100_000 {
            values.push(f64::from(i) / 100.0);
            values.push((f64::from(i) + 0.5) / 100.0);
        }
        let mut x: u64 = 1;
        for _ in 0..200_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            values.push((x >> 11) as f64 / (1u64 << 53) as f64 * 2000.0 - 1000.0);
        }
        for v in values {
            assert_eq!(num(v), slow(v), "{v:e}");
        }
    }

    #[test]
    fn numbers_are_formatted_points() {
        let mut doc = sample::sop("x", "X", None);
        doc.pages.truncate(1);
        doc.pages[0].items = vec![text(12.345678, 50.0, "Satu", None)];
        let out = html(&doc, &builtin(), &PageLinks::default()).unwrap();
        let top = 50.0 - ascent(Font::Regular, 8.0);
        assert!(out.contains(&format!(
            "style=\"left: 12.35pt; top: {top:.2}pt; height: {:.2}pt; font-size: 8.00pt; --a: {:.2}pt; color: #000000;\"",
            line_height(Font::Regular, 8.0),
            ascent(Font::Regular, 8.0)
        )));
        assert!(out.contains("@page paper-1 { size: 841.89pt 595.28pt; margin: 0; }"));
        assert!(out.contains("@page { size: 841.89pt 595.28pt; margin: 0; }"));
        assert!(out.contains("style=\"width: 841.89pt; height: 595.28pt; page: paper-1;\""));
        assert!(out.contains("viewBox=\"0 0 841.89 595.28\""));
        assert_eq!(num(-0.001), "0.00");
        assert_eq!(num(f64::NAN), "0.00");
        assert_eq!(num(1.005e3), "1005.00");
    }

    #[test]
    fn text_and_meta_from_yaml_are_escaped() {
        let mut doc = sample::sop("x", XSS, None);
        doc.meta.author = "Dinas \"A\" & B".to_string();
        doc.meta.subject = XSS.to_string();
        doc.pages[0].items.push(text(40.0, 40.0, XSS, None));
        let out = html(&doc, &builtin(), &PageLinks::default()).unwrap();
        assert!(!out.contains(XSS));
        assert!(!out.contains("<script>alert"));
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
        assert!(out.contains(&format!("<title>{escaped}</title>")));
        assert!(out.contains(&format!("<h1>{escaped}</h1>")));
        assert!(out.contains(&format!("content=\"{escaped}\"")));
        assert!(out.contains("content=\"Dinas &quot;A&quot; &amp; B\""));
        assert!(out.contains(&format!(
            "data-w=\"{}\">{escaped}\n</span>",
            num(width(XSS, Font::Regular, 8.0))
        )));
        // The only scripts are the template's own.
        assert_eq!(out.matches("<script>").count(), 1);
    }

    #[test]
    fn only_our_file_names_are_linked() {
        let mut doc = sample::sop("x", "X", None);
        doc.pages[0].items = vec![
            text(40.0, 40.0, "jahat", Some("javascript:alert(1)//.html")),
            text(40.0, 60.0, "naik", Some("../rahasia.html")),
            text(40.0, 80.0, "luar", Some("https://example.com/a.pdf")),
            text(40.0, 100.0, "baik", Some("surat masuk.html")),
            text(40.0, 120.0, "kutip", Some("https://x.id/\"onmouseover=\"a")),
            text(40.0, 140.0, "data", Some("data:text/html,x.html")),
        ];
        let out = html(&doc, &builtin(), &PageLinks::default()).unwrap();
        assert!(!out.contains("javascript:"));
        assert!(!out.contains("rahasia"));
        assert!(!out.contains("onmouseover"));
        assert!(!out.contains("data:text"));
        // A web address written in an SOP text is linked as it stands.
        assert!(out.contains("href=\"https://example.com/a.pdf\""));
        assert!(out.contains(">jahat\n</span>"));
        assert!(out.contains("href=\"surat%20masuk.html\""));
        let bad = PageLinks {
            index: Some("javascript:alert(1)".to_string()),
            pdf: None,
        };
        assert!(matches!(
            html(&doc, &builtin(), &bad),
            Err(HtmlError::UnsafeLink { .. })
        ));
        assert_eq!(href("a.pdf").as_deref(), Some("a.pdf"));
        for refused in [
            "", ".html", "a.htm", "a/b.html", "C:x.pdf", "a.html?x", "a.html#p", "a\n.html",
        ] {
            assert_eq!(href(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_template_in_the_folder_overrides_the_builtin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("page.html"),
            "<section class=\"page\">halaman {{ page.number }}: {{ doc.title }}</section>",
        )
        .unwrap();
        let t = Templates::load(dir.path()).unwrap();
        let doc = sample::sop("x", "A & B", None);
        let out = html(&doc, &t, &PageLinks::default()).unwrap();
        assert!(out.contains("<section class=\"page\">halaman 2: A &amp; B</section>"));
        // The other templates are still the built-in ones.
        assert!(out.contains("<h1>A &amp; B</h1>"));
    }

    /// Head, each page and tail of [`HtmlWriter`].
    fn in_runs(doc: &Document, t: &Templates) -> Result<String, HtmlError> {
        let sizes: Vec<_> = doc.pages.iter().map(|p| p.size).collect();
        let (mut w, mut out) = HtmlWriter::start(&doc.meta, &sizes, t, &PageLinks::default())?;
        for page in &doc.pages {
            out.push_str(&w.page(page)?);
        }
        out.push_str(&w.finish());
        Ok(out)
    }

    #[test]
    fn a_document_written_page_by_page_is_the_document_written_whole() {
        let doc = sample::sop("x", "A & B", Some("y"));
        let whole = html(&doc, &builtin(), &PageLinks::default()).unwrap();
        assert_eq!(in_runs(&doc, &builtin()).unwrap(), whole);
        // The same with overridden templates that keep one `page.html` per page.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("page.html"),
            "<section>{{ page.number }}/{{ doc.page_count }}</section>",
        )
        .unwrap();
        let t = Templates::load(dir.path()).unwrap();
        assert_eq!(
            in_runs(&doc, &t).unwrap(),
            html(&doc, &t, &PageLinks::default()).unwrap()
        );
    }

    #[test]
    fn a_document_template_that_cannot_be_cut_into_pages_is_refused() {
        // `doc.pages | length` is 0 when pages are written one at a time.
        for (name, text) in [
            (
                "page.html",
                "<section>{{ page.number }}/{{ doc.pages | length }}</section>",
            ),
            (
                "document.html",
                "<main>{% for page in doc.pages %}<p>{{ loop.index }}</p>{% endfor %}</main>",
            ),
        ] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(name), text).unwrap();
            let t = Templates::load(dir.path()).unwrap();
            let doc = sample::sop("x", "A", None);
            match in_runs(&doc, &t) {
                Err(HtmlError::Template { message, .. }) => {
                    assert!(message.contains("page by page"), "{message}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_broken_template_names_its_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("document.html");
        std::fs::write(&file, "<html>\n<body>\n  {% if %}\n</body>\n").unwrap();
        let err = Templates::load(dir.path()).unwrap_err();
        match &err {
            HtmlError::Template { file: f, line, .. } => {
                assert_eq!(f, &file);
                assert_eq!(*line, Some(3));
            }
            other => panic!("{other:?}"),
        }
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("template `{}:3:", file.display())),
            "{shown}"
        );

        // An error found while rendering names the file too.
        std::fs::write(&file, "<p>\n{{ doc.nope.deeper }}</p>\n").unwrap();
        let t = Templates::load(dir.path()).unwrap();
        let err = html(&sample::sop("x", "X", None), &t, &PageLinks::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("template `{}:2:", file.display())),
            "{err}"
        );

        let missing = Templates::load(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(missing, HtmlError::Io { .. }));
    }

    fn index_context() -> IndexContext {
        let sop = |id: &str, name: &str, roles: &[&str], related: &[&str]| IndexSop {
            id: id.to_string(),
            number: format!("188.4/{id}/2026"),
            name: name.to_string(),
            unit: "Sub Bagian Umum".to_string(),
            kind: "Rutin".to_string(),
            steps: 6,
            total_time: "1 hari 1 jam 10 menit".to_string(),
            effective: "02 Januari 2026".to_string(),
            html_href: Some(format!("{id}.html")),
            pdf_href: Some(format!("{id}.pdf")),
            roles: roles.iter().map(|s| s.to_string()).collect(),
            related: related.iter().map(|s| s.to_string()).collect(),
            related_external: Vec::new(),
            words: vec![format!("Memeriksa berkas {id}")],
        };
        let role = |id: &str, title: &str| IndexRole {
            id: id.to_string(),
            title: title.to_string(),
            short: String::new(),
        };
        IndexContext {
            government: "Pemerintah Kabupaten Contoh".to_string(),
            office: format!("Dinas {XSS}"),
            sops: vec![
                sop(
                    "contoh-a",
                    "Pengelolaan Surat Keluar",
                    &["admin", "kasubag"],
                    &["contoh-b"],
                ),
                sop(
                    "contoh-b",
                    "Pengelolaan Surat Masuk",
                    &["admin", "sekretaris"],
                    &[],
                ),
            ],
            roster: vec![
                role("admin", "Pengadministrasi Umum"),
                role("kasubag", "Kepala Sub Bagian Umum"),
                role("sekretaris", "Sekretaris"),
                role("kadis", "Kepala Dinas"),
            ],
        }
    }

    #[test]
    fn index_lists_sops_roles_and_keterkaitan() {
        let mut ctx = index_context();
        ctx.sops[1].related_external = vec!["SOP Kearsipan Provinsi".to_string()];
        let out = index(&ctx, &builtin()).unwrap();
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        assert!(!out.contains(XSS));
        assert!(out.contains("Dinas &lt;script&gt;"));
        assert!(out.contains("<input id=\"cari\" name=\"q\" type=\"search\""));
        assert_eq!(out.matches("<tr id=\"sop-").count(), 2);
        // The search also finds an SOP by its id and the text of its steps.
        assert!(out.contains("data-cari=\"contoh-a "));
        assert!(out.contains(" memeriksa berkas contoh-a\">"));
        assert!(out.contains("<a href=\"contoh-a.html\">Pengelolaan Surat Keluar</a>"));
        assert!(out.contains("<a href=\"contoh-b.pdf\" type=\"application/pdf\">PDF</a>"));
        // Roster rows: admin in both, kadis in none.
        assert!(out.contains(
            "<tr><th scope=\"row\">Pengadministrasi Umum</th><td class=\"c\">●</td><td class=\"c\">●</td><td class=\"n\">2</td></tr>"
        ));
        assert!(out.contains(
            "<tr><th scope=\"row\">Kepala Dinas</th><td class=\"c\"></td><td class=\"c\"></td><td class=\"n\">0</td></tr>"
        ));
        assert!(out.contains(
            "<li><a href=\"contoh-a.html\">Pengelolaan Surat Keluar</a> → <a href=\"contoh-b.html\">Pengelolaan Surat Masuk</a></li>"
        ));
        assert!(
            out.contains(
                "→ SOP Kearsipan Provinsi <span class=\"none\">(di luar folder ini)</span>"
            )
        );

        ctx.sops[0].pdf_href = Some("javascript:alert(1)".to_string());
        assert!(matches!(
            index(&ctx, &builtin()),
            Err(HtmlError::UnsafeLink { .. })
        ));
    }

    #[test]
    fn assets_are_the_files_the_css_loads() {
        let css = include_str!("../../templates/style.css");
        for (path, bytes) in assets() {
            assert!(!bytes.is_empty());
            if path.ends_with(".ttf") {
                assert!(css.contains(&format!("url(\"{path}\")")), "{path}");
            }
        }
    }

    /// Writes sample output for the browser tests (`tests/browser/`): two SOPs, the
    /// index and the fonts into `$SOPC_HTML_SAMPLE` (default `/tmp/html-sample`), with a
    /// stand-in PDF per SOP, and the same without PDFs into `<that>-nopdf`.
    #[test]
    #[ignore = "writes files; run by hand for the browser tests"]
    fn write_sample() {
        let dir = std::env::var("SOPC_HTML_SAMPLE").unwrap_or_else(|_| "/tmp/html-sample".into());
        let t = builtin();
        for (dir, with_pdf) in [(dir.clone(), true), (format!("{dir}-nopdf"), false)] {
            let dir = std::path::Path::new(&dir);
            std::fs::create_dir_all(dir.join("fonts")).unwrap();
            for (path, bytes) in assets() {
                std::fs::write(dir.join(path), bytes).unwrap();
            }
            let mut ctx = index_context();
            ctx.office = "Dinas Contoh".to_string();
            for s in &mut ctx.sops {
                if !with_pdf {
                    s.pdf_href = None;
                }
            }
            let docs = [
                sample::sop(
                    "contoh-a",
                    "Pengelolaan Surat Keluar",
                    Some("contoh-b.html"),
                ),
                sample::sop("contoh-b", "Pengelolaan Surat Masuk", None),
            ];
            for doc in &docs {
                let id = &doc.meta.id;
                let mut links = PageLinks::for_sop(id);
                if with_pdf {
                    std::fs::write(dir.join(format!("{id}.pdf")), sample::stand_in_pdf(doc))
                        .unwrap();
                } else {
                    links.pdf = None;
                }
                std::fs::write(
                    dir.join(format!("{id}.html")),
                    html(doc, &t, &links).unwrap(),
                )
                .unwrap();
            }
            std::fs::write(dir.join("index.html"), index(&ctx, &t).unwrap()).unwrap();
        }
    }
}
