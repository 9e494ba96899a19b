//! The PDF renderer against the tools a reader's machine has: `qpdf --check`, `pdfinfo`,
//! `pdffonts` and `pdftotext` (poppler). A missing tool skips its check with a note, but
//! fails the test when `CI=true`.
//!
//! `SOPC_PDF_SAMPLE=/tmp/pdf-sample.pdf cargo test --test pdf` also writes the sample
//! document there, to look at (`pdftoppm -png -r 80 /tmp/pdf-sample.pdf /tmp/pdf-sample`).

use std::path::{Path, PathBuf};
use std::process::Command;

use sopc::layout::document::{
    Arrow, Color, Document, Font, Frame, Item, Line, Link, Meta, Page, Point, Positioned, Rect,
    Size, Stroke, Symbol, SymbolKind, Text,
};
use sopc::layout::text;
use sopc::render;

const A4: Size = Size::new(841.89, 595.28);
const F4: Size = Size::new(935.43, 609.45);
const NON_ASCII: &str = "Kepala Sub Bagian – Umum “kutipan” é";
const RED: Color = Color::rgb(200, 30, 30);
const BLUE: Color = Color::rgb(40, 80, 200);

fn solid(width: f64) -> Stroke {
    Stroke {
        width,
        color: Color::BLACK,
        dash: None,
    }
}

fn put(at: Point, item: Item) -> Positioned {
    Positioned {
        at,
        item,
        source: None,
    }
}

fn text_item(s: &str, font: Font, size: f64, color: Color) -> Text {
    Text {
        text: s.to_string(),
        font,
        size,
        width: text::width(s, font, size),
        ascent: text::ascent(font, size),
        line_height: text::line_height(font, size),
        color,
        link: None,
    }
}

/// A line of text with its baseline at `at`.
fn text(at: Point, s: &str, font: Font, size: f64) -> Positioned {
    put(at, Item::Text(text_item(s, font, size, Color::BLACK)))
}

/// A line of text centred in a box (as layout centres step text in a symbol).
fn centred(b: Rect, s: &str, font: Font, size: f64) -> Positioned {
    let t = text_item(s, font, size, Color::BLACK);
    let at = Point::new(
        b.x + (b.w - t.width) / 2.0,
        b.y + (b.h - t.line_height) / 2.0 + t.ascent,
    );
    put(at, Item::Text(t))
}

fn frame(b: Rect, fill: Option<Color>, stroke: Option<Stroke>) -> Positioned {
    put(
        Point::new(b.x, b.y),
        Item::Frame(Frame {
            size: Size::new(b.w, b.h),
            fill,
            stroke,
        }),
    )
}

fn line(from: Point, to: Point, stroke: Stroke) -> Positioned {
    put(from, Item::Line(Line { to, stroke }))
}

fn symbol(kind: SymbolKind, b: Rect) -> Positioned {
    put(
        Point::new(b.x, b.y),
        Item::Symbol(Symbol {
            kind,
            size: Size::new(b.w, b.h),
            fill: Color::WHITE,
            stroke: solid(1.0),
        }),
    )
}

fn arrow(path: &[Point], head: f64) -> Positioned {
    put(
        path[0],
        Item::Arrow(Arrow {
            path: path.to_vec(),
            head,
            jumps: Vec::new(),
            stroke: solid(1.0),
        }),
    )
}

/// A hairline cross centred on `p`, to see where an arrow tip lands.
fn cross(p: Point, out: &mut Vec<Positioned>) {
    let s = Stroke {
        width: 0.3,
        color: RED,
        dash: None,
    };
    out.push(line(
        Point::new(p.x - 6.0, p.y),
        Point::new(p.x + 6.0, p.y),
        s,
    ));
    out.push(line(
        Point::new(p.x, p.y - 6.0),
        Point::new(p.x, p.y + 6.0),
        s,
    ));
}

/// Two pages: A4 landscape with every kind of item, and an F4 landscape page.
fn sample() -> Document {
    // Header band and table cells.
    let mut items = vec![
        frame(
            Rect::new(40.0, 40.0, 761.89, 28.0),
            Some(Color::rgb(220, 230, 241)),
            Some(solid(0.75)),
        ),
        text(
            Point::new(48.0, 58.0),
            "SOP Pengelolaan Surat Masuk",
            Font::Bold,
            14.0,
        ),
        frame(Rect::new(40.0, 68.0, 380.0, 40.0), None, Some(solid(0.5))),
        frame(
            Rect::new(420.0, 68.0, 381.89, 40.0),
            Some(Color::rgb(245, 245, 245)),
            None,
        ),
        text(Point::new(48.0, 84.0), NON_ASCII, Font::Regular, 10.0),
        text(
            Point::new(48.0, 100.0),
            "Pelaksana: Kasubag Umum, Sekretaris — Bold ÉÖ ü",
            Font::Bold,
            10.0,
        ),
        text(
            Point::new(428.0, 84.0),
            "Glyphs the font lacks: 漢字 🙂 end",
            Font::Regular,
            10.0,
        ),
    ];

    // Baseline check: a text whose line box is framed in blue, baseline drawn in red.
    let t = text_item("Baseline xgÁ", Font::Regular, 18.0, BLUE);
    let at = Point::new(60.0, 500.0);
    let b = t.bounds(at);
    items.push(frame(
        b,
        None,
        Some(Stroke {
            width: 0.3,
            color: BLUE,
            dash: None,
        }),
    ));
    items.push(line(
        Point::new(at.x - 4.0, at.y),
        Point::new(at.x + t.width + 4.0, at.y),
        Stroke {
            width: 0.3,
            color: RED,
            dash: None,
        },
    ));
    items.push(put(at, Item::Text(t)));

    // The symbols, with their boxes outlined by a red hairline.
    let boxes = [
        (
            SymbolKind::Terminator,
            Rect::new(60.0, 150.0, 90.0, 30.0),
            "Mulai",
        ),
        (
            SymbolKind::Process,
            Rect::new(200.0, 145.0, 90.0, 40.0),
            "Proses",
        ),
        (
            SymbolKind::Decision,
            Rect::new(340.0, 140.0, 70.0, 50.0),
            "Ya?",
        ),
        (
            SymbolKind::OffPageConnector,
            Rect::new(460.0, 145.0, 26.0, 36.0),
            "A",
        ),
        (
            SymbolKind::Terminator,
            Rect::new(530.0, 145.0, 40.0, 40.0),
            "O",
        ),
        (
            SymbolKind::Terminator,
            Rect::new(620.0, 130.0, 30.0, 70.0),
            "V",
        ),
    ];
    for (kind, b, label) in boxes {
        items.push(frame(
            b,
            None,
            Some(Stroke {
                width: 0.3,
                color: RED,
                dash: None,
            }),
        ));
        items.push(symbol(kind, b));
        items.push(centred(b, label, Font::Regular, 9.0));
    }

    // A dashed line.
    items.push(line(
        Point::new(60.0, 230.0),
        Point::new(780.0, 230.0),
        Stroke {
            width: 1.0,
            color: Color::rgb(90, 90, 90),
            dash: Some((4.0, 2.0)),
        },
    ));

    // Arrows in the four directions, each tip on a red cross.
    let dirs = [
        (Point::new(80.0, 300.0), Point::new(80.0, 260.0)), // up
        (Point::new(120.0, 280.0), Point::new(170.0, 280.0)), // right
        (Point::new(220.0, 260.0), Point::new(220.0, 300.0)), // down
        (Point::new(310.0, 280.0), Point::new(260.0, 280.0)), // left
    ];
    for (from, to) in dirs {
        cross(to, &mut items);
        items.push(arrow(&[from, to], 6.0));
    }

    // Orthogonal routes ending on symbol edges: down into a process box, and an
    // L-shaped loop back into a decision's left corner.
    let process = Rect::new(400.0, 330.0, 90.0, 40.0);
    let decision = Rect::new(560.0, 320.0, 70.0, 60.0);
    items.push(symbol(SymbolKind::Process, process));
    items.push(centred(process, "Arsip", Font::Regular, 9.0));
    items.push(symbol(SymbolKind::Decision, decision));
    items.push(centred(decision, "Lengkap?", Font::Bold, 8.0));
    items.push(arrow(
        &[Point::new(445.0, 260.0), Point::new(445.0, 330.0)],
        6.0,
    ));
    items.push(arrow(
        &[
            Point::new(595.0, 380.0),
            Point::new(595.0, 420.0),
            Point::new(530.0, 420.0),
            Point::new(530.0, 350.0),
            Point::new(560.0, 350.0),
        ],
        6.0,
    ));
    // A dashed arrow.
    items.push(put(
        Point::new(650.0, 350.0),
        Item::Arrow(Arrow {
            path: vec![Point::new(650.0, 350.0), Point::new(760.0, 350.0)],
            head: 8.0,
            jumps: Vec::new(),
            stroke: Stroke {
                width: 1.0,
                color: BLUE,
                dash: Some((3.0, 2.0)),
            },
        }),
    ));

    let first = Page {
        size: A4,
        content: Rect::new(40.0, 40.0, A4.w - 80.0, A4.h - 80.0),
        items,
    };
    let second = Page {
        size: F4,
        content: Rect::new(40.0, 40.0, F4.w - 80.0, F4.h - 80.0),
        items: vec![
            text(
                Point::new(40.0, 60.0),
                "Halaman 2 (F4) — bottom-right corner box",
                Font::Regular,
                10.0,
            ),
            frame(
                Rect::new(F4.w - 60.0, F4.h - 60.0, 20.0, 20.0),
                Some(Color::BLACK),
                None,
            ),
            put(
                Point::new(40.0, 80.0),
                Item::Text(Text {
                    link: Some(Link::Uri("sop-002.html".to_string())),
                    ..text_item("Lihat SOP 002", Font::Regular, 10.0, BLUE)
                }),
            ),
        ],
    };
    Document {
        meta: Meta {
            title: "SOP Pengelolaan Surat Masuk".to_string(),
            author: "Sekretariat Daerah".to_string(),
            subject: "SOP 001/SETDA/2024".to_string(),
            keywords: vec!["SOP".to_string(), "surat masuk".to_string()],
            date: Some("2024-01-15".to_string()),
            fingerprint: "a1b2c3d4".to_string(),
            id: "surat-masuk".to_string(),
            lang: "id".to_string(),
            ..Meta::default()
        },
        pages: vec![first, second],
    }
}

/// Whether an executable named `name` is on `PATH`. When it is not, the check is skipped
/// with a note, except under `CI=true`, where the test fails.
fn have(name: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "`{name}` is needed for this test on CI"
        );
        eprintln!("note: `{name}` is not installed; skipping its check");
    }
    found
}

fn run(cmd: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("running {cmd}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn write_sample() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let bytes = render::pdf(&sample()).expect("render");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, &bytes).expect("write");
    if let Some(keep) = std::env::var_os("SOPC_PDF_SAMPLE") {
        std::fs::write(&keep, &bytes).expect("write SOPC_PDF_SAMPLE");
    }
    (dir, path, bytes)
}

#[test]
fn qpdf_finds_no_errors() {
    let (_dir, path, _) = write_sample();
    if have("qpdf") {
        let out = run("qpdf", &["--check"], &path);
        assert!(
            out.contains("No syntax or stream encoding errors found"),
            "{out}"
        );
    }
}

#[test]
fn pdfinfo_reports_pages_sizes_and_metadata() {
    let (_dir, path, _) = write_sample();
    if have("pdfinfo") {
        let out = run("pdfinfo", &["-f", "1", "-l", "2"], &path);
        let field = |name: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(name).map(str::trim))
                .unwrap_or_else(|| panic!("no `{name}` in:\n{out}"))
                .to_string()
        };
        assert_eq!(field("Pages:"), "2");
        assert_eq!(field("Page    1 size:"), "841.89 x 595.28 pts (A4)");
        assert_eq!(field("Page    2 size:"), "935.43 x 609.45 pts");
        assert_eq!(field("Title:"), "SOP Pengelolaan Surat Masuk");
        assert_eq!(field("Author:"), "Sekretariat Daerah");
        assert_eq!(field("Subject:"), "SOP 001/SETDA/2024");
        assert_eq!(field("Keywords:"), "SOP,surat masuk");
        assert_eq!(field("Creator:"), "sopc");
        let created = field("CreationDate:");
        assert!(created.contains("2024"), "{created}");
        assert!(!out.contains("PDF/X"), "claims PDF/X:\n{out}");
        // The link on page 2 (`-url` needs poppler 21.07 or later).
        // An older poppler is skipped with a note, except under `CI=true`.
        let urls = Command::new("pdfinfo").arg("-url").arg(&path).output();
        match urls.ok().filter(|out| out.status.success()) {
            Some(out) => {
                let urls = String::from_utf8_lossy(&out.stdout);
                assert!(urls.contains("2  Annotation    sop-002.pdf"), "{urls}");
            }
            None => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "`pdfinfo -url` (poppler 21.07 or later) is needed for this test on CI"
                );
                eprintln!("note: `pdfinfo -url` not supported; link check skipped");
            }
        }
    }
}

#[test]
fn pdffonts_shows_two_embedded_unicode_subsets() {
    let (_dir, path, _) = write_sample();
    if have("pdffonts") {
        let out = run("pdffonts", &[], &path);
        let mut fonts: Vec<Vec<&str>> = out
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(fonts.len(), 2, "{out}");
        fonts.sort_by_key(|cols| cols[0].split_once('+').map(|(_, base)| base));
        for (cols, name) in fonts.iter().zip(["LiberationSans", "LiberationSans-Bold"]) {
            let (tag, base) = cols[0].split_once('+').expect("subset tag");
            assert_eq!(base, name, "{out}");
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{out}"
            );
            // type, encoding, emb, sub, uni
            assert_eq!(
                &cols[1..7],
                ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"],
                "{out}"
            );
        }
    }
}

#[test]
fn pdftotext_gives_the_text_back() {
    let (_dir, path, _) = write_sample();
    if have("pdftotext") {
        let out = run("pdftotext", &["-layout"], &path);
        let txt = std::fs::read_to_string(path.with_extension("txt")).expect("text");
        assert!(out.is_empty());
        for s in [
            NON_ASCII,
            "SOP Pengelolaan Surat Masuk",
            "Pelaksana: Kasubag Umum, Sekretaris — Bold ÉÖ ü",
            "Lengkap?",
            "Halaman 2 (F4)",
            // The chars the font lacks come back as U+FFFD.
            "Glyphs the font lacks: \u{FFFD}\u{FFFD} \u{FFFD} end",
        ] {
            assert!(txt.contains(s), "`{s}` missing from:\n{txt}");
        }
        assert_eq!(txt.matches('\u{c}').count(), 2, "two pages");
    }
}

#[test]
fn same_document_same_bytes() {
    let doc = sample();
    let a = render::pdf(&doc).expect("render");
    let b = render::pdf(&doc).expect("render");
    assert!(a == b, "two renders differ");
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let doc = doc.clone();
            std::thread::spawn(move || render::pdf(&doc).expect("render"))
        })
        .collect();
    for t in threads {
        assert!(
            t.join().expect("thread") == a,
            "a render on a thread differs"
        );
    }
}

/// The logo of `examples/identitas-panjang` is embedded once, flattened onto white with
/// no soft mask (PDF/A-1 forbids transparency), on the identity page, at the size layout gave it (2 cm high: 160 × 200
/// pixels drawn 45.36 × 56.70 pt, which is 254 pixels per inch).
#[test]
fn the_logo_is_embedded_on_the_identity_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(["build", "-q", "examples/identitas-panjang", "--out"])
        .arg(dir.path())
        .output()
        .expect("sopc");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("penyusutan-arsip.pdf");
    if have("pdfimages") {
        let list = run("pdfimages", &["-list"], &pdf);
        let rows: Vec<Vec<&str>> = list
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(rows.len(), 1, "one image and no soft mask: {list}");
        // page, num, type, width, height, color, …, x-ppi
        assert_eq!(
            &rows[0][..6],
            ["1", "0", "image", "160", "200", "rgb"],
            "{list}"
        );
        assert_eq!(rows[0][12], "254", "{list}");
    }
    let html = std::fs::read_to_string(dir.path().join("penyusutan-arsip.html")).expect("html");
    assert_eq!(html.matches("<image class=\"image\"").count(), 1);
    assert!(html.contains("href=\"data:image/png;base64,iVBORw0KGgo"));
}
