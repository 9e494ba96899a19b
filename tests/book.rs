//! `sopc buku`: the SOP book of a folder.
//!
//! Golden files: `tests/golden/book/` is a small office; `tests/golden/book.outline` is
//! its `sopc buku --dump outline` (parts and page ranges, the daftar isi as printed, the
//! page number in every footer) and `tests/golden/book.contents` the display list of its
//! daftar isi. `BLESS=1 cargo test --test book` rewrites both; review the diff like code.
//!
//! The real book of `sops/` is checked against the tools a reader has: `qpdf --check`,
//! `pdfinfo` and `pdftotext` (a missing tool skips its check, except under `CI=true`).

#[path = "support/bless.rs"]
mod bless;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sopc::layout::book::{LaidBook, PartKind};
use sopc::layout::document::Document;
use sopc::layout::{self, LayoutOptions};
use sopc::load::{Project, SopText, load_texts};

const GOLDEN: &str = "tests/golden/book";

fn sopc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(args)
        .output()
        .unwrap()
}

fn opts(project: &Project) -> LayoutOptions {
    let ws = &project.workspaces[0];
    LayoutOptions {
        paper: ws.org.paper,
        worksheets: true,
        hours_per_day: ws.org.hours_per_day,
    }
}

fn book_of(project: &Project) -> LaidBook {
    sopc::book::lay_out(project, &project.workspaces[0], &opts(project), "buku").unwrap()
}

fn compile(dir: &str) -> Project {
    let (project, diags) = sopc::cli::compile(&[PathBuf::from(dir)]).unwrap();
    assert_eq!(diags.errors(), 0, "{dir} must check clean");
    project
}

/// Compares `got` with the expected file, or rewrites it under `BLESS=1`.
fn golden(path: &str, got: &str) {
    if bless::bless() {
        std::fs::write(path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("no `{path}`: run `BLESS=1 cargo test --test book`"));
    if want != got {
        let mut diff = String::new();
        let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
        for i in 0..w.len().max(g.len()) {
            match (w.get(i), g.get(i)) {
                (Some(a), Some(b)) if a == b => {}
                (a, b) => {
                    diff.push_str(&format!(
                        "line {}:\n- {}\n+ {}\n",
                        i + 1,
                        a.unwrap_or(&"<none>"),
                        b.unwrap_or(&"<none>")
                    ));
                }
            }
        }
        panic!("`{path}` differs (BLESS=1 rewrites it):\n{diff}");
    }
}

#[test]
fn golden_book_outline() {
    let out = sopc(&["buku", GOLDEN, "-q", "--dump", "outline"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    golden(
        "tests/golden/book.outline",
        &String::from_utf8(out.stdout).unwrap(),
    );
}

#[test]
fn golden_book_contents_layout() {
    let book = book_of(&compile(GOLDEN));
    let part = book
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .unwrap();
    let doc = Document {
        meta: book.document.meta.clone(),
        pages: book.document.pages[part.first - 1..part.first - 1 + part.pages].to_vec(),
    };
    golden("tests/golden/book.contents", &layout::dump::dump(&doc));
}

#[test]
fn daftar_isi_lists_every_part_at_its_first_page() {
    let book = book_of(&compile(GOLDEN));
    let listed: Vec<(&str, usize)> = book
        .contents
        .iter()
        .map(|e| (e.title.as_str(), e.page))
        .collect();
    assert_eq!(
        listed,
        [
            ("Keputusan Kepala Dinas Contoh Kabupaten Contoh", 2),
            ("Lampiran Keputusan: Daftar Standar Operasional Prosedur", 3),
            ("Daftar Isi", 4),
            ("Penjelasan Singkat", 5),
            // In the order of `urutan`, not of the file names.
            ("1. Pengelolaan Surat Masuk", 6),
            ("2. Pelayanan Permohonan Cuti", 10),
            ("3. Penataan Arsip Inaktif", 12),
            (
                "Formulir Monitoring Pelaksanaan Standar Operasional Prosedur",
                17
            ),
        ]
    );
}

/// Every page's footer has its book number, and an SOP's pages keep their own count.
#[test]
fn page_numbers_run_through_the_book() {
    let book = book_of(&compile(GOLDEN));
    for part in &book.parts {
        for i in 0..part.pages {
            let n = part.first + i;
            let page = &book.document.pages[n - 1];
            let footer = texts(page).into_iter().find(|t| t.contains("Buku hal."));
            let want = match part.kind {
                PartKind::Sop(_) => {
                    format!("Halaman {} dari {} · Buku hal. {n}", i + 1, part.pages)
                }
                _ => format!("Buku hal. {n}"),
            };
            assert_eq!(footer.as_deref(), Some(want.as_str()), "page {n}");
        }
    }
}

fn texts(page: &sopc::layout::document::Page) -> Vec<String> {
    page.items
        .iter()
        .filter_map(|i| match &i.item {
            sopc::layout::document::Item::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

/// The book's pages are its own pages plus each SOP exactly as `sopc build` lays it out.
#[test]
fn book_pages_are_the_sum_of_its_parts() {
    let project = compile("sops");
    let ws = &project.workspaces[0];
    let book = book_of(&project);
    let mut next = 1;
    for part in &book.parts {
        assert_eq!(
            part.first, next,
            "{:?} starts after the part before",
            part.kind
        );
        assert!(part.pages > 0, "{:?} has pages", part.kind);
        next += part.pages;
        if let PartKind::Sop(id) = &part.kind {
            let sop = ws.sops.iter().find(|s| &s.id == id).unwrap();
            let alone = sopc::build::layout_sop(&project, ws, sop, &opts(&project)).unwrap();
            assert_eq!(part.pages, alone.pages.len(), "SOP `{id}`");
        }
    }
    assert_eq!(next - 1, book.document.pages.len());
    let sops = book
        .parts
        .iter()
        .filter(|p| matches!(p.kind, PartKind::Sop(_)))
        .count();
    assert_eq!(sops, ws.sops.len(), "every SOP once");
}

#[test]
fn book_items_stay_inside_their_pages() {
    let book = book_of(&compile("sops"));
    for (i, page) in book.document.pages.iter().enumerate() {
        for it in &page.items {
            assert!(
                page.content.contains(&it.bounds()),
                "page {}: {:?} leaves the content box",
                i + 1,
                it
            );
        }
    }
}

/// A daftar isi too long for one page moves every part after it: the numbers it prints
/// are the final ones.
#[test]
fn long_daftar_isi_numbers_the_pages_after_it() {
    let org = std::fs::read(Path::new(GOLDEN).join("organisasi.yaml")).unwrap();
    let org = String::from_utf8(org)
        .unwrap()
        .replace("  urutan: [surat-masuk, cuti, arsip]\n", "");
    let sops: Vec<SopText> = (1..=45)
        .map(|i| SopText {
            path: format!("t/sop-{i:02}.yaml").into(),
            bytes: format!(
                "nomor: \"800/{i}/DINCON/2021\"\nnama: Prosedur Nomor {i} dengan Nama yang Cukup Panjang untuk Daftar Isi\ntanggal: {{ pembuatan: 2021-02-01, efektif: 2021-03-01 }}\nmasukan: [Berkas]\npelaksana: [staf]\nlangkah:\n  - {{ pelaksana: staf, kegiatan: Menerima berkas, kelengkapan: [Berkas], waktu: 5 menit, output: Tanda terima }}\n"
            )
            .into_bytes(),
        })
        .collect();
    let project = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: org.into_bytes(),
        },
        sops,
    );
    assert_eq!(project.diags.errors(), 0, "{:?}", project.diags);
    let book = book_of(&project);
    let toc = book
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .unwrap();
    assert!(
        toc.pages >= 2,
        "the daftar isi runs over {} pages",
        toc.pages
    );
    // Every part but the cover is listed, in order.
    assert_eq!(book.contents.len(), book.parts.len() - 1);
    for (e, part) in book.contents.iter().zip(&book.parts[1..]) {
        assert!(
            e.title.ends_with(&part.title),
            "{} / {}",
            e.title,
            part.title
        );
        assert_eq!(e.page, part.first, "{}", e.title);
        assert!(e.on_page >= toc.first && e.on_page < toc.first + toc.pages);
    }
    // By nomor with numbers compared as numbers: 2 before 10.
    let order: Vec<&str> = book.contents.iter().map(|e| e.title.as_str()).collect();
    let two = order
        .iter()
        .position(|t| t.ends_with("Nomor 2 dengan Nama yang Cukup Panjang untuk Daftar Isi"))
        .unwrap();
    let ten = order
        .iter()
        .position(|t| t.ends_with("Nomor 10 dengan Nama yang Cukup Panjang untuk Daftar Isi"))
        .unwrap();
    assert!(two < ten);
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

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The book of `sops/`: written twice byte for byte the same, a valid PDF with one page
/// per page of the display list, and the daftar isi printing each SOP's name with the
/// page where its identity page is.
#[test]
fn sops_book_is_deterministic_valid_and_its_daftar_isi_is_right() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a/buku.pdf"), dir.path().join("b/buku.pdf"));
    for out in [&a, &b] {
        let o = sopc(&["buku", "sops", "-q", "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let html = |p: &Path| std::fs::read(p.with_extension("html")).unwrap();
    assert_eq!(html(&a), html(&b));
    assert!(
        dir.path()
            .join("a/fonts/LiberationSans-Regular.ttf")
            .is_file()
    );

    let book = book_of(&compile("sops"));
    let page_count = book.document.pages.len();
    let sections = String::from_utf8(html(&a))
        .unwrap()
        .matches("<section class=\"page\"")
        .count();
    assert_eq!(sections, page_count);
    let pdf = a.to_str().unwrap();
    if have("qpdf") {
        tool("qpdf", &["--check", pdf]);
    }
    if have("pdfinfo") {
        let info = tool("pdfinfo", &[pdf]);
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim);
        assert_eq!(pages, Some(page_count.to_string().as_str()), "{info}");
    }
    if !have("pdftotext") {
        return;
    }
    let toc = book
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .unwrap();
    let (first, last) = (
        toc.first.to_string(),
        (toc.first + toc.pages - 1).to_string(),
    );
    let listed = tool(
        "pdftotext",
        &["-layout", "-f", &first, "-l", &last, pdf, "-"],
    );
    // Dot leaders dropped, white space folded: "3. Penyusunan ... (RKA) 15".
    let listed = squash(&listed.replace("..", " ").replace(" .", " "));
    for (n, part) in book
        .parts
        .iter()
        .filter(|p| matches!(p.kind, PartKind::Sop(_)))
        .enumerate()
    {
        let entry = format!("{}. {} {}", n + 1, part.title, part.first);
        assert!(
            listed.contains(&entry),
            "daftar isi lacks `{entry}`:\n{listed}"
        );
        let at = part.first.to_string();
        let page = squash(&tool("pdftotext", &["-f", &at, "-l", &at, pdf, "-"]));
        assert!(page.contains(&squash(&part.title)), "page {at}: {page}");
        assert!(page.contains("NAMA SOP"), "page {at} is an identity page");
        assert!(page.contains(&format!("Halaman 1 dari {} · Buku hal. {at}", part.pages)));
    }
}

#[test]
fn a_folder_with_errors_makes_no_book() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("sops");
    std::fs::create_dir(&src).unwrap();
    for f in std::fs::read_dir(GOLDEN).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, src.join(f.file_name().unwrap())).unwrap();
    }
    let cuti = src.join("cuti.yaml");
    let text = std::fs::read_to_string(&cuti).unwrap();
    std::fs::write(
        &cuti,
        text.replace("pelaksana: kadin\n", "pelaksana: kepala\n"),
    )
    .unwrap();
    let out_pdf = dir.path().join("dist/buku.pdf");
    let o = sopc(&[
        "buku",
        src.to_str().unwrap(),
        "--out",
        out_pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("book not made"), "{stderr}");
    assert!(!out_pdf.exists());
}

#[test]
fn out_must_name_a_pdf() {
    let o = sopc(&["buku", GOLDEN, "--out", "/tmp/buku.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out must name a .pdf file"));
}

#[test]
fn a_folder_without_buku_is_warned_and_still_made() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("sops");
    std::fs::create_dir(&src).unwrap();
    for f in std::fs::read_dir(GOLDEN).unwrap() {
        let f = f.unwrap().path();
        let name = f.file_name().unwrap();
        let mut text = std::fs::read_to_string(&f).unwrap();
        if name == "organisasi.yaml" {
            text.truncate(text.find("buku:").unwrap());
        }
        std::fs::write(src.join(name), text).unwrap();
    }
    let o = sopc(&["buku", src.to_str().unwrap(), "--dump", "outline"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sop::buku::missing"));
    let outline = String::from_utf8_lossy(&o.stdout);
    // Without urutan, by nomor (all equal here) and then by nama.
    assert!(
        outline.contains("\"1. Pelayanan Permohonan Cuti\""),
        "{outline}"
    );
    assert!(
        outline.contains("\"2. Penataan Arsip Inaktif\""),
        "{outline}"
    );
}

/// `sopc buku` writes the book a part at a time. What it writes is what the renderers
/// make of the whole book held in memory: the same HTML byte for byte, and a PDF with
/// the same pages, sizes and text.
#[test]
fn the_book_written_in_parts_is_the_book_rendered_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("buku.pdf");
    let o = sopc(&["buku", "sops", "-q", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let book = book_of(&compile("sops"));
    let links = sopc::render::html::PageLinks {
        index: None,
        pdf: Some("buku.pdf".to_string()),
    };
    let templates = sopc::render::html::Templates::builtin().unwrap();
    let whole = sopc::render::html::html(&book.document, &templates, &links).unwrap();
    let written = std::fs::read_to_string(out.with_extension("html")).unwrap();
    assert!(written == whole, "the HTML written in parts differs");

    let whole_pdf = dir.path().join("whole.pdf");
    std::fs::write(&whole_pdf, sopc::render::pdf(&book.document).unwrap()).unwrap();
    if !have("pdftotext") || !have("pdfinfo") {
        return;
    }
    let (a, b) = (out.to_str().unwrap(), whole_pdf.to_str().unwrap());
    // Page sizes and count, then the text of every page in reading order.
    let sizes = |p: &str| {
        tool("pdfinfo", &["-f", "1", "-l", "100000", p])
            .lines()
            .filter(|l| l.starts_with("Page ") && l.contains("size"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(a), sizes(b));
    assert_eq!(sizes(a).len(), book.document.pages.len());
    assert_eq!(
        tool("pdftotext", &["-layout", a, "-"]),
        tool("pdftotext", &["-layout", b, "-"])
    );
}

/// The daftar isi of the display list: every piece of an entry (number, title, dot
/// leader, page number, nomor) links to the page the entry prints, and that page is
/// where its part starts. Issue #16, "Outputs for the archive", item 3.
#[test]
fn daftar_isi_entries_link_to_the_pages_they_print() {
    use sopc::layout::document::{Item, Link};
    let book = book_of(&compile("sops"));
    let toc = book
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .unwrap();
    let mut numbers = Vec::new();
    for page in &book.document.pages[toc.first - 1..toc.first - 1 + toc.pages] {
        for it in &page.items {
            let Item::Text(t) = &it.item else { continue };
            let text = t.text.trim();
            match &t.link {
                Some(Link::Page(to)) => {
                    if text.chars().all(|c| c.is_ascii_digit()) {
                        assert_eq!(text, to.to_string(), "a page number links to its page");
                        numbers.push(*to);
                    }
                    assert!(
                        book.parts.iter().any(|p| p.first == *to),
                        "`{text}` links to page {to}, where no part starts"
                    );
                }
                Some(Link::Uri(u)) => panic!("`{text}` links out of the book, to {u}"),
                // The title, the heading of the numbers and of the SOPs, the footer.
                None => assert!(
                    ["DAFTAR ISI", "Halaman", "Standar Operasional Prosedur"].contains(&text)
                        || text.starts_with("Dokumen SOP ")
                        || text.starts_with("sumber ")
                        || text.starts_with("Buku hal. "),
                    "`{text}` is part of an entry and has no link"
                ),
            }
        }
    }
    let printed: Vec<usize> = book.contents.iter().map(|e| e.page).collect();
    assert_eq!(numbers, printed, "one linked number per entry, in order");

    // In the HTML, each page is a section the entry's link names.
    let links = sopc::render::html::PageLinks {
        index: None,
        pdf: Some("buku.pdf".to_string()),
    };
    let templates = sopc::render::html::Templates::builtin().unwrap();
    let html = sopc::render::html::html(&book.document, &templates, &links).unwrap();
    for n in printed {
        assert!(html.contains(&format!("href=\"#halaman-{n}\"")), "{n}");
        assert!(html.contains(&format!("id=\"halaman-{n}\"")), "{n}");
    }
}

/// The bookmarks are the cover and the daftar isi, entry for entry with the same titles
/// and pages, the SOPs under one heading at the first of them; the page labels give each
/// page the number its footer prints.
#[test]
fn bookmarks_repeat_the_daftar_isi_and_labels_the_footers() {
    use sopc::layout::document::PageLabels;
    let book = book_of(&compile("sops"));
    let meta = &book.document.meta;
    let mut flat = Vec::new();
    for m in &meta.outline {
        flat.push((0, m.title.clone(), m.page));
        for c in &m.children {
            assert!(c.children.is_empty(), "two levels: part, SOP");
            flat.push((1, c.title.clone(), c.page));
        }
    }
    let mut want = vec![(0, "Sampul".to_string(), 1)];
    let first_sop = book
        .parts
        .iter()
        .find(|p| matches!(p.kind, PartKind::Sop(_)))
        .unwrap()
        .first;
    for (e, part) in book.contents.iter().zip(&book.parts[1..]) {
        let depth = usize::from(matches!(part.kind, PartKind::Sop(_)));
        if depth == 1 && e.page == first_sop {
            want.push((0, "Standar Operasional Prosedur".to_string(), first_sop));
        }
        want.push((depth, e.title.clone(), e.page));
    }
    assert_eq!(flat, want);
    for (i, page) in book.document.pages.iter().enumerate() {
        let footer = texts(page)
            .into_iter()
            .find_map(|t| t.split("Buku hal. ").nth(1).map(str::to_string));
        let label = PageLabels::of(&meta.page_labels, i + 1).map(|n| n.to_string());
        assert_eq!(label, footer, "page {}", i + 1);
    }
}

/// The written PDF read back with qpdf and pdftotext: its bookmarks (titles, nesting,
/// target pages), the link annotations of its daftar isi (printable, to the page the
/// entry prints, that part's first page) and its page labels (the number each page's
/// footer prints).
#[test]
fn the_pdf_has_the_books_bookmarks_links_and_page_labels() {
    if !have("qpdf") || !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("buku.pdf");
    let o = sopc(&["buku", "sops", "-q", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.to_str().unwrap();
    let book = book_of(&compile("sops"));
    let json: serde_json::Value = serde_json::from_str(&tool(
        "qpdf",
        &[
            "--json=2",
            "--json-key=outlines",
            "--json-key=pages",
            "--json-key=qpdf",
            pdf,
        ],
    ))
    .unwrap();
    let objects = &json["qpdf"][1];
    let object = |r: &serde_json::Value| -> serde_json::Value {
        match r.as_str() {
            Some(r) => objects[format!("obj:{r}")]["value"].clone(),
            None => r.clone(),
        }
    };
    let pages = json["pages"].as_array().unwrap();
    assert_eq!(pages.len(), book.document.pages.len());
    let page_of = |r: &serde_json::Value| {
        pages
            .iter()
            .position(|p| p["object"] == *r)
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{r} is no page"))
    };

    // Bookmarks, as the layout has them.
    fn read(marks: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String, usize)>) {
        for m in marks.as_array().unwrap() {
            let page = m["destpageposfrom1"].as_u64().unwrap() as usize;
            out.push((depth, m["title"].as_str().unwrap().to_string(), page));
            read(&m["kids"], depth + 1, out);
        }
    }
    let mut got = Vec::new();
    read(&json["outlines"], 0, &mut got);
    let mut want = Vec::new();
    for m in &book.document.meta.outline {
        want.push((0, m.title.clone(), m.page));
        for c in &m.children {
            want.push((1, c.title.clone(), c.page));
        }
    }
    assert_eq!(got, want);
    assert_eq!(
        got.len(),
        book.contents.len() + 2,
        "cover, entries, heading"
    );

    // Each page's text, as pdftotext separates pages.
    let text = tool("pdftotext", &["-layout", pdf, "-"]);
    let text: Vec<&str> = text.split('\u{c}').collect();
    for (depth, title, page) in &got {
        if *depth == 1 {
            let on = squash(text[page - 1]);
            let name = title.split_once(". ").unwrap().1;
            assert!(on.contains(&squash(name)), "page {page}: {on}");
            assert!(on.contains("Halaman 1 dari"), "page {page} starts its SOP");
        }
    }

    // Page labels: decimal, the number of "Buku hal. N".
    for (i, p) in pages.iter().enumerate() {
        let label = &p["label"];
        assert_eq!(label["/S"], "/D", "page {}", i + 1);
        let printed = squash(text[i])
            .split("Buku hal. ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .map(str::to_string);
        assert_eq!(
            label["/St"].as_u64().map(|n| n.to_string()),
            printed,
            "page {}",
            i + 1
        );
    }

    // The daftar isi's links: each a printable Link annotation with a destination in the
    // file; the page number under a link is the page it goes to.
    let toc = book
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Contents)
        .unwrap();
    let mut linked_numbers = Vec::new();
    for n in toc.first..toc.first + toc.pages {
        let page = object(&pages[n - 1]["object"]);
        let height = page["/MediaBox"][3].as_f64().unwrap();
        for a in page["/Annots"].as_array().unwrap() {
            let a = object(a);
            assert_eq!(a["/Subtype"], "/Link");
            assert_eq!(a["/F"], 4, "printable, as PDF/A-1 requires");
            assert!(a.get("/A").is_none(), "a destination, not an action");
            let to = page_of(&a["/Dest"][0]);
            let r: Vec<f64> = a["/Rect"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let crop = |v: f64| format!("{}", v.round() as i64);
            // pdftotext crops from the top-left corner, in points at -r 72.
            let under = tool(
                "pdftotext",
                &[
                    "-f",
                    &n.to_string(),
                    "-l",
                    &n.to_string(),
                    "-r",
                    "72",
                    "-x",
                    &crop(r[0]),
                    "-y",
                    &crop(height - r[3]),
                    "-W",
                    &crop(r[2] - r[0]),
                    "-H",
                    &crop(r[3] - r[1]),
                    pdf,
                    "-",
                ],
            );
            let under = squash(&under.replace('\u{c}', ""));
            if !under.is_empty() && under.chars().all(|c| c.is_ascii_digit()) {
                assert_eq!(under, to.to_string(), "page {n}: `{under}` goes to {to}");
                linked_numbers.push(to);
            }
        }
    }
    let printed: Vec<usize> = book.contents.iter().map(|e| e.page).collect();
    assert_eq!(linked_numbers, printed, "every entry's number is a link");
}
