//! The monitoring form (*formulir monitoring*, Permenpan RB 35/2012: every SOP is
//! assessed every 6 months): a heading to fill in, then one row per SOP under
//! No | Prosedur | Penilaian (berjalan dengan baik / tidak berjalan dengan baik) |
//! Catatan hasil penilaian | Tindakan yang harus diambil | Paraf penilai. The two-level
//! header is drawn here and repeated on every page the form runs over.

use super::super::block::{Align, Block, Para};
use super::super::document::{Page, Rect};
use super::super::sink::Sink;
use super::super::style::{self, book as st};
use super::super::table::{Cell, Row, Table};
use super::keep;
use super::wording::{BLANK, Wording};
use crate::model::{Paper, Sop};

const HEADINGS: [&str; 7] = [
    "No",
    "Prosedur",
    "Berjalan dengan baik",
    "Tidak berjalan dengan baik",
    "Catatan hasil penilaian",
    "Tindakan yang harus diambil",
    "Paraf penilai",
];

fn widths(width: f64) -> Vec<f64> {
    let mut w: Vec<f64> = st::MONITOR_COLS
        .iter()
        .map(|f| (width * f).round())
        .collect();
    let used: f64 = w.iter().sum();
    if let Some(last) = w.last_mut() {
        *last += width - used;
    }
    w
}

fn heading_para(s: &str) -> Para {
    Para::bold(s).size(style::HEADING).align(Align::Center)
}

/// Height of the two-level header.
fn header_heights(widths: &[f64]) -> (f64, f64) {
    let pad = 2.0 * style::CELL_PAD;
    let block = |s: &str, w: f64| Block::new(&[heading_para(s)], w - pad).height + pad;
    let top = block("Penilaian", widths[2] + widths[3]);
    let low = block(HEADINGS[2], widths[2]).max(block(HEADINGS[3], widths[3]));
    let full = [0, 1, 4, 5, 6]
        .iter()
        .map(|&i| block(HEADINGS[i], widths[i]))
        .fold(0.0, f64::max);
    // The columns that span both levels need as much room as the split one.
    let low = low.max(full - top);
    (top, low)
}

fn cell(sink: &mut Sink, r: Rect, s: &str) {
    sink.frame(r, Some(style::HEADER_FILL), Some(style::RULE));
    let b = Block::new(&[heading_para(s)], r.w - 2.0 * style::CELL_PAD);
    b.draw(
        sink,
        r.x + style::CELL_PAD,
        r.y + ((r.h - b.height) / 2.0).max(style::CELL_PAD),
    );
}

/// Draws the header at the cursor.
fn header(sink: &mut Sink, x0: f64, widths: &[f64]) {
    let (top, low) = header_heights(widths);
    let y = sink.y;
    let mut x = x0;
    for (i, w) in widths.iter().enumerate() {
        match i {
            2 => {
                cell(sink, Rect::new(x, y, w + widths[3], top), "Penilaian");
                cell(sink, Rect::new(x, y + top, *w, low), HEADINGS[2]);
            }
            3 => cell(sink, Rect::new(x, y + top, *w, low), HEADINGS[3]),
            _ => cell(sink, Rect::new(x, y, *w, top + low), HEADINGS[i]),
        }
        x += w;
    }
    sink.y += top + low;
}

/// The form's pages.
pub fn monitoring(w: &Wording<'_>, sops: &[&Sop], paper: Paper) -> Vec<Page> {
    let mut sink = Sink::new(style::page_size(paper));
    sink.new_page();
    super::title(
        &mut sink,
        &["FORMULIR MONITORING PELAKSANAAN STANDAR OPERASIONAL PROSEDUR"],
    );
    let size = st::MONITOR_TEXT;
    let kv = |k: &str, v: Para| {
        Row::new(vec![
            Cell::new(vec![Para::bold(k).size(size)]).unruled(),
            Cell::new(vec![Para::body(":").size(size)]).unruled(),
            Cell::new(vec![v.size(size)]).unruled(),
        ])
    };
    let x = sink.body.x;
    let width = sink.body.w;
    let pad = style::CELL_PAD;
    Table {
        x: x - pad,
        widths: vec![
            st::MONITOR_LABEL_W,
            st::COLON_W,
            width - st::MONITOR_LABEL_W - st::COLON_W + 2.0 * pad,
        ],
        header: Vec::new(),
        rows: vec![
            kv(
                "Instansi",
                Para::body(&w.agency.text).source(w.agency.source),
            ),
            kv(
                "Periode penilaian",
                Para::body(format!("Semester I / II Tahun {BLANK}")),
            ),
            kv("Tanggal penilaian", Para::body(BLANK)),
            kv("Nama penilai", Para::body(BLANK)),
        ],
    }
    .draw(&mut sink);
    sink.y += st::PARA_GAP * 2.0;

    let cols = widths(width);
    let (top, low) = header_heights(&cols);
    let rows: Vec<Row> = sops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut nomor = Para::body(format!(
                "Nomor {}",
                s.number.as_ref().map_or("-", |n| n.value.as_str())
            ))
            .size(st::MONITOR_NOMOR)
            .source(s.number.as_ref().map(|n| n.span))
            .space_before(1.0);
            nomor.color_muted();
            let mut row = Row::new(
                std::iter::once(Cell::new(vec![
                    Para::body(format!("{}.", i + 1)).align(Align::Center),
                ]))
                .chain(std::iter::once(Cell::new(vec![
                    Para::body(s.title()).source(s.name.as_ref().map(|n| n.span)),
                    nomor,
                ])))
                .chain((2..7).map(|_| Cell::new(vec![Para::body("")])))
                .collect(),
            );
            row.min_height = st::MONITOR_ROW;
            row
        })
        .collect();
    if sink.space_left() < top + low + st::MONITOR_ROW {
        sink.new_page();
    }
    header(&mut sink, x, &cols);
    for row in rows {
        // Measured as a one-row table, so it breaks exactly as Table would draw it.
        let h = Table {
            x,
            widths: cols.clone(),
            header: vec![row.clone()],
            rows: Vec::new(),
        }
        .header_height();
        if h > sink.space_left() + 1e-6 {
            sink.new_page();
            header(&mut sink, x, &cols);
        }
        Table {
            x,
            widths: cols.clone(),
            header: Vec::new(),
            rows: vec![row],
        }
        .draw(&mut sink);
    }

    // Each row is initialled (paraf penilai), so the form needs no signature of its own.
    let note = Block::new(
        &[Para::body(
            "Beri tanda pada kolom penilaian yang sesuai; isi catatan hasil penilaian dan tindakan yang harus diambil untuk setiap prosedur yang tidak berjalan dengan baik.",
        )
        .size(style::BODY)],
        width,
    );
    sink.y += st::PARA_GAP;
    keep(&mut sink, &note, x);
    sink.pages
}
