//! Hand-made display lists for the tests: a small SOP with an identity page and a
//! flowchart over two pages, using every item and symbol kind, both faces and a link.
//! Text is measured and broken with `layout::text`, as layout does.

use crate::layout::document::{
    Arrow, Color, Document, Font, Frame, Item, Line, Link, Meta, Page, Point, Positioned, Rect,
    Size, Stroke, Symbol, SymbolKind, Text,
};
use crate::layout::text::{ascent, line_height, width, wrap};

const A4: Size = Size::new(841.89, 595.28);
const MARGIN: f64 = 28.0;
const PAD: f64 = 3.0;
const BODY: f64 = 8.0;
const HEAD: f64 = 8.0;

fn thin() -> Stroke {
    Stroke {
        width: 0.5,
        color: Color::BLACK,
        dash: None,
    }
}

/// Adds to a page.
struct Canvas {
    items: Vec<Positioned>,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas { items: Vec::new() }
    }

    fn put(&mut self, at: Point, item: Item) {
        self.items.push(Positioned {
            at,
            item,
            source: None,
        });
    }

    /// One line whose line box starts at `top`.
    fn line(&mut self, x: f64, top: f64, s: &str, font: Font, size: f64, link: Option<&str>) {
        let asc = ascent(font, size);
        self.put(
            Point::new(x, top + asc),
            Item::Text(Text {
                text: s.to_string(),
                font,
                size,
                width: width(s, font, size),
                ascent: asc,
                line_height: line_height(font, size),
                color: if link.is_some() {
                    Color::rgb(0, 51, 153)
                } else {
                    Color::BLACK
                },
                link: link.map(|l| Link::Uri(l.to_string())),
            }),
        );
    }

    /// A cell: its frame and its text broken to the width, from the top (or centred).
    fn cell(&mut self, r: Rect, s: &str, font: Font, size: f64, fill: Option<Color>, center: bool) {
        self.put(
            Point::new(r.x, r.y),
            Item::Frame(Frame {
                size: Size::new(r.w, r.h),
                fill,
                stroke: Some(thin()),
            }),
        );
        let lh = line_height(font, size);
        let lines = wrap(s, font, size, r.w - 2.0 * PAD);
        let total = lh * lines.len() as f64;
        let mut top = if center {
            r.y + (r.h - total) / 2.0
        } else {
            r.y + PAD
        };
        for l in lines {
            let x = if center {
                r.x + (r.w - width(&l, font, size)) / 2.0
            } else {
                r.x + PAD
            };
            self.line(x, top, &l, font, size, None);
            top += lh;
        }
    }

    fn symbol(&mut self, kind: SymbolKind, center: Point, size: Size) -> Rect {
        let at = Point::new(center.x - size.w / 2.0, center.y - size.h / 2.0);
        self.put(
            at,
            Item::Symbol(Symbol {
                kind,
                size,
                fill: Color::WHITE,
                stroke: Stroke {
                    width: 0.75,
                    ..thin()
                },
            }),
        );
        Rect::new(at.x, at.y, size.w, size.h)
    }

    fn arrow(&mut self, path: Vec<Point>) {
        let at = path.first().copied().unwrap_or_default();
        self.put(
            at,
            Item::Arrow(Arrow {
                path,
                head: 5.0,
                jumps: Vec::new(),
                stroke: Stroke {
                    width: 0.75,
                    ..thin()
                },
            }),
        );
    }

    fn page(self) -> Page {
        Page {
            size: A4,
            content: Rect::new(MARGIN, MARGIN, A4.w - 2.0 * MARGIN, A4.h - 2.0 * MARGIN),
            items: self.items,
        }
    }
}

/// Column edges of the flowchart table: No, Kegiatan, 3 lanes, Kelengkapan, Waktu,
/// Output, Keterangan.
const WIDTHS: [f64; 9] = [24.0, 200.0, 80.0, 80.0, 80.0, 100.0, 50.0, 90.0, 81.89];

fn col(i: usize) -> (f64, f64) {
    let x = MARGIN + WIDTHS.iter().take(i).sum::<f64>();
    (x, WIDTHS.get(i).copied().unwrap_or(0.0))
}

fn lane_center(lane: usize) -> f64 {
    let (x, w) = col(2 + lane);
    x + w / 2.0
}

const LANES: [&str; 3] = [
    "Pengadministrasi Umum",
    "Kepala Sub Bagian Umum",
    "Sekretaris",
];

/// The repeated table header; returns its bottom.
fn header(c: &mut Canvas, top: f64) -> f64 {
    let grey = Some(Color::rgb(230, 230, 230));
    let (h1, h2) = (16.0, 26.0);
    let span = |from: usize, to: usize| {
        let (x, _) = col(from);
        let (xe, we) = col(to);
        (x, xe + we - x)
    };
    for (i, label) in [(0, "No"), (1, "Kegiatan"), (8, "Keterangan")] {
        let (x, w) = col(i);
        c.cell(
            Rect::new(x, top, w, h1 + h2),
            label,
            Font::Bold,
            HEAD,
            grey,
            true,
        );
    }
    let (x, w) = span(2, 4);
    c.cell(
        Rect::new(x, top, w, h1),
        "Pelaksana",
        Font::Bold,
        HEAD,
        grey,
        true,
    );
    let (x, w) = span(5, 7);
    c.cell(
        Rect::new(x, top, w, h1),
        "Mutu Baku",
        Font::Bold,
        HEAD,
        grey,
        true,
    );
    for (i, label) in LANES
        .iter()
        .copied()
        .chain(["Kelengkapan", "Waktu", "Output"])
        .enumerate()
    {
        let (x, w) = col(2 + i);
        c.cell(
            Rect::new(x, top + h1, w, h2),
            label,
            Font::Bold,
            HEAD,
            grey,
            true,
        );
    }
    top + h1 + h2
}

/// One step row without its symbol; returns the row box.
fn row(c: &mut Canvas, top: f64, h: f64, cells: [&str; 6]) -> Rect {
    let [no, activity, need, time, output, note] = cells;
    for (i, s) in [
        (0, no),
        (1, activity),
        (2, ""),
        (3, ""),
        (4, ""),
        (5, need),
        (6, time),
        (7, output),
        (8, note),
    ] {
        let (x, w) = col(i);
        c.cell(
            Rect::new(x, top, w, h),
            s,
            Font::Regular,
            BODY,
            None,
            i == 0,
        );
    }
    Rect::new(MARGIN, top, 0.0, h)
}

/// The sample SOP `id`, titled `title`; its keterkaitan links to `related` (an
/// `*.html` file name) when given.
pub(crate) fn sop(id: &str, title: &str, related: Option<&str>) -> Document {
    let mut pages = Vec::new();

    // Identity page.
    let mut c = Canvas::new();
    let full = A4.w - 2.0 * MARGIN;
    let left = 360.0;
    let label = 110.0;
    c.line(
        MARGIN,
        MARGIN,
        "PEMERINTAH KABUPATEN CONTOH",
        Font::Bold,
        12.0,
        None,
    );
    let mut y = MARGIN + 24.0;
    let rows: [(&str, &str); 6] = [
        ("NOMOR SOP", "188.4/ 01 /DINAS/2026"),
        ("TGL. PEMBUATAN", "02 Januari 2026"),
        ("TGL. REVISI", "-"),
        ("TGL. EFEKTIF", "02 Januari 2026"),
        (
            "DISAHKAN OLEH",
            "Kepala Dinas Contoh\n\n\nIr. NAMA PEJABAT, M.T.\nNIP. 19641222 198903 1 009",
        ),
        ("NAMA SOP", title),
    ];
    let top = y;
    for (k, v) in rows {
        let lines = wrap(v, Font::Regular, 10.0, full - left - label - 2.0 * PAD).len();
        let h = (lines as f64 * line_height(Font::Regular, 10.0) + 2.0 * PAD).max(18.0);
        c.cell(
            Rect::new(MARGIN + left, y, label, h),
            k,
            Font::Bold,
            9.0,
            None,
            false,
        );
        c.cell(
            Rect::new(MARGIN + left + label, y, full - left - label, h),
            v,
            Font::Regular,
            10.0,
            None,
            false,
        );
        y += h;
    }
    c.cell(
        Rect::new(MARGIN, top, left, y - top),
        "DINAS CONTOH\nSub Bagian Umum dan Kepegawaian",
        Font::Bold,
        11.0,
        None,
        true,
    );
    let half = full / 2.0;
    let blocks: [(&str, &str, &str, &str); 3] = [
        (
            "DASAR HUKUM",
            "1. Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;\n2. Peraturan Menteri PAN RB Nomor 35 Tahun 2012.",
            "KUALIFIKASI PELAKSANA",
            "1. Memahami tata naskah dinas;\n2. Mampu mengoperasikan komputer.",
        ),
        (
            "KETERKAITAN",
            "",
            "PERALATAN/PERLENGKAPAN",
            "1. Komputer dan printer;\n2. Buku agenda surat keluar.",
        ),
        (
            "PERINGATAN",
            "Catatan uji: <script>alert(1)</script> & “kutipan” — É Ö ü",
            "PENCATATAN DAN PENDATAAN",
            "Buku agenda dan arsip surat keluar.",
        ),
    ];
    for (k1, v1, k2, v2) in blocks {
        let h = 64.0;
        c.cell(
            Rect::new(MARGIN, y, half, 14.0),
            k1,
            Font::Bold,
            9.0,
            None,
            false,
        );
        c.cell(
            Rect::new(MARGIN + half, y, half, 14.0),
            k2,
            Font::Bold,
            9.0,
            None,
            false,
        );
        c.cell(
            Rect::new(MARGIN, y + 14.0, half, h),
            v1,
            Font::Regular,
            BODY,
            None,
            false,
        );
        c.cell(
            Rect::new(MARGIN + half, y + 14.0, half, h),
            v2,
            Font::Regular,
            BODY,
            None,
            false,
        );
        if k1 == "KETERKAITAN" {
            let s = match related {
                Some(_) => "1. SOP Contoh Terkait",
                None => "-",
            };
            c.line(
                MARGIN + PAD,
                y + 14.0 + PAD,
                s,
                Font::Regular,
                BODY,
                related,
            );
        }
        y += 14.0 + h;
    }
    pages.push(c.page());

    // Flowchart, first page: steps 1 to 4, then an off-page connector.
    let mut c = Canvas::new();
    let mut top = header(&mut c, MARGIN);
    let steps: [(usize, [&str; 6]); 4] = [
        (
            0,
            [
                "1",
                "Menerima konsep surat keluar dari unit pengolah",
                "Konsep surat",
                "5 menit",
                "Konsep surat",
                "",
            ],
        ),
        (
            1,
            [
                "2",
                "Memeriksa konsep surat: isi, format dan lampiran, lalu memberi paraf",
                "Konsep surat",
                "15 menit",
                "Konsep surat yang telah diparaf",
                "",
            ],
        ),
        (
            2,
            [
                "3",
                "Menyetujui konsep surat?",
                "Konsep surat yang telah diparaf",
                "10 menit",
                "Keputusan",
                "Tidak: kembali ke langkah 2",
            ],
        ),
        (
            0,
            [
                "4",
                "Mengagendakan surat dan memberi nomor",
                "Buku agenda",
                "10 menit",
                "Nomor surat",
                "",
            ],
        ),
    ];
    let mut prev: Option<(usize, Rect)> = None;
    let mut boxes = Vec::new();
    for (lane, cells) in steps {
        let r = row(&mut c, top, 56.0, cells);
        let center = Point::new(lane_center(lane), top + r.h / 2.0);
        let b = match cells[0] {
            "1" => c.symbol(SymbolKind::Terminator, center, Size::new(52.0, 20.0)),
            "3" => c.symbol(SymbolKind::Decision, center, Size::new(40.0, 34.0)),
            _ => c.symbol(SymbolKind::Process, center, Size::new(52.0, 24.0)),
        };
        if let Some((_, p)) = prev {
            connect(&mut c, p, b);
        }
        boxes.push(b);
        prev = Some((lane, b));
        top += r.h;
    }
    // The decision's "Tidak" exit goes back to step 2.
    if let (Some(d), Some(s2)) = (boxes.get(2).copied(), boxes.get(1).copied()) {
        let out = Point::new(d.right(), d.y + d.h / 2.0);
        let x = out.x + 14.0;
        let back_y = s2.y + s2.h / 2.0;
        c.arrow(vec![
            out,
            Point::new(x, out.y),
            Point::new(x, back_y),
            Point::new(s2.right(), back_y),
        ]);
        // Below the exit: the loop's vertical line goes up from it.
        c.line(out.x + 1.0, out.y + 1.0, "Tidak", Font::Regular, 7.0, None);
        c.line(
            d.x + d.w / 2.0 + 3.0,
            d.bottom() + 1.0,
            "Ya",
            Font::Regular,
            7.0,
            None,
        );
    }
    // Off-page connector under step 4.
    if let Some(last) = boxes.last().copied() {
        let cx = last.x + last.w / 2.0;
        let conn = c.symbol(
            SymbolKind::OffPageConnector,
            Point::new(cx, top + 20.0),
            Size::new(18.0, 18.0),
        );
        c.arrow(vec![Point::new(cx, last.bottom()), Point::new(cx, conn.y)]);
        c.line(
            cx - width("A", Font::Bold, 8.0) / 2.0,
            conn.y + 2.0,
            "A",
            Font::Bold,
            8.0,
            None,
        );
    }
    // A dashed guide line, to draw a Line item.
    c.put(
        Point::new(MARGIN, top + 44.0),
        Item::Line(Line {
            to: Point::new(A4.w - MARGIN, top + 44.0),
            stroke: Stroke {
                dash: Some((3.0, 2.0)),
                ..thin()
            },
        }),
    );
    pages.push(c.page());

    // Second flowchart page: the connector, steps 5 and 6.
    let mut c = Canvas::new();
    let mut top = header(&mut c, MARGIN);
    let cx = lane_center(1);
    let conn = c.symbol(
        SymbolKind::OffPageConnector,
        Point::new(cx, top + 12.0),
        Size::new(18.0, 18.0),
    );
    c.line(
        cx - width("A", Font::Bold, 8.0) / 2.0,
        conn.y + 2.0,
        "A",
        Font::Bold,
        8.0,
        None,
    );
    top += 26.0;
    let mut prev = conn;
    for (lane, cells) in [
        (
            1,
            [
                "5",
                "Menandatangani surat keluar",
                "Surat keluar",
                "1 hari",
                "Surat yang telah ditandatangani",
                "",
            ],
        ),
        (
            0,
            [
                "6",
                "Mengirim surat dan mengarsipkan salinannya",
                "Surat, buku ekspedisi",
                "30 menit",
                "Surat terkirim, arsip",
                "Selesai",
            ],
        ),
    ] {
        let r = row(&mut c, top, 56.0, cells);
        let center = Point::new(lane_center(lane), top + r.h / 2.0);
        let b = match cells[0] {
            "6" => c.symbol(SymbolKind::Terminator, center, Size::new(52.0, 20.0)),
            _ => c.symbol(SymbolKind::Process, center, Size::new(52.0, 24.0)),
        };
        connect(&mut c, prev, b);
        prev = b;
        top += r.h;
    }
    pages.push(c.page());

    Document {
        meta: Meta {
            title: title.to_string(),
            author: "Dinas Contoh".to_string(),
            subject: "SOP 188.4/ 01 /DINAS/2026".to_string(),
            keywords: vec!["SOP".to_string(), "surat".to_string()],
            date: Some("2026-01-02".to_string()),
            fingerprint: "0123abcd".to_string(),
            id: id.to_string(),
            lang: "id".to_string(),
            ..Meta::default()
        },
        pages,
    }
}

/// An orthogonal arrow from the bottom of `a` to the top of `b`.
fn connect(c: &mut Canvas, a: Rect, b: Rect) {
    let from = Point::new(a.x + a.w / 2.0, a.bottom());
    let to = Point::new(b.x + b.w / 2.0, b.y);
    if (from.x - to.x).abs() < 0.01 {
        c.arrow(vec![from, to]);
    } else {
        let mid = (from.y + to.y) / 2.0;
        c.arrow(vec![
            from,
            Point::new(from.x, mid),
            Point::new(to.x, mid),
            to,
        ]);
    }
}

/// A PDF with the document's pages, empty: a stand-in for sopc's own PDF (same page
/// count and size) until the PDF renderer exists, so the browser tests can compare.
pub(crate) fn stand_in_pdf(doc: &Document) -> Vec<u8> {
    use lopdf::{Object, dictionary};
    let mut pdf = lopdf::Document::with_version("1.5");
    let pages_id = pdf.new_object_id();
    let kids: Vec<Object> = doc
        .pages
        .iter()
        .map(|p| {
            let content = pdf.add_object(lopdf::Stream::new(dictionary! {}, Vec::new()));
            pdf.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(p.size.w as f32), Object::Real(p.size.h as f32)],
                "Contents" => content,
            })
            .into()
        })
        .collect();
    let count = kids.len() as i64;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    pdf.trailer.set("Root", catalog);
    let mut out = Vec::new();
    pdf.save_to(&mut out).unwrap();
    out
}
