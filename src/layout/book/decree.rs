//! The decree of enactment (*keputusan pengesahan*) in the form of a Keputusan Kepala
//! Dinas: heading, Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, the diktum KESATU,
//! KEDUA, ..., and the signature ("Ditetapkan di ... pada tanggal ..."); then its
//! lampiran, the list of the SOPs it enacts, generated from the SOPs themselves.

use super::super::block::{Align, Block, Para};
use super::super::document::Page;
use super::super::sink::Sink;
use super::super::style::{self, book as st};
use super::super::table::{Cell, Row, Table};
use super::wording::{BLANK, Src, Wording};
use super::{balanced, bold, centred, keep, text, words};
use crate::model::{Paper, Sop};

/// A row of the label table: label, colon, text.
fn labelled(label: &str, body: Para) -> Row {
    let (l, c) = if label.is_empty() {
        ("", "")
    } else {
        (label, ":")
    };
    Row::new(vec![
        Cell::new(vec![text(l)]).unruled(),
        Cell::new(vec![text(c)]).unruled(),
        Cell::new(vec![body]).unruled(),
    ])
}

fn label_table(sink: &Sink, rows: Vec<Row>) -> Table {
    let w = sink.body.w;
    Table {
        x: sink.body.x - style::CELL_PAD,
        widths: vec![
            st::LABEL_W,
            st::COLON_W,
            w - st::LABEL_W - st::COLON_W + 2.0 * style::CELL_PAD,
        ],
        header: Vec::new(),
        rows,
    }
}

/// One recital per row, the label on the first: "Menimbang : a. bahwa ...".
fn recitals(label: &str, items: &[Src], marker: fn(usize) -> String) -> Vec<Row> {
    let many = items.len() > 1;
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut p = text(&s.text).source(s.source);
            if many {
                p = p.marker(marker(i));
            }
            labelled(if i == 0 { label } else { "" }, p)
        })
        .collect()
}

fn letter(i: usize) -> String {
    let c = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
    format!("{c}.")
}

fn number(i: usize) -> String {
    format!("{}.", i + 1)
}

/// The signature block, in the right half of the text column: place and date when
/// `dated`, the official's title, room for the signature, name, pangkat and NIP.
fn signature(w: &Wording<'_>, width: f64, dated: bool) -> Block {
    let mut paras = Vec::new();
    if dated {
        let place = w.place.as_ref();
        paras.push(
            text(format!(
                "Ditetapkan di {}",
                place.map_or(BLANK, |p| p.text.as_str())
            ))
            .source(place.and_then(|p| p.source)),
        );
        paras.push(
            text(format!("pada tanggal {}", w.date_text()))
                .source(w.date.as_ref().and_then(|(_, s)| *s)),
        );
    }
    paras.push(
        bold(format!("{},", w.official.text.to_uppercase()))
            .source(w.official.source)
            .space_before(if dated { st::HEADING_GAP } else { 0.0 }),
    );
    let signer = w.signer;
    let name = signer.and_then(|s| s.name.as_ref());
    paras.push(
        bold(name.map_or(BLANK, |n| n.value.as_str()))
            .source(name.map(|n| n.span))
            .space_before(st::SIGNATURE_SPACE),
    );
    if let Some(r) = signer.and_then(|s| s.rank.as_ref()) {
        paras.push(text(&r.value).source(Some(r.span)));
    }
    if let Some(n) = signer.and_then(|s| s.nip.as_ref()) {
        paras.push(text(format!("NIP. {}", n.value)).source(Some(n.span)));
    }
    Block::new(&paras, width)
}

fn draw_signature(sink: &mut Sink, w: &Wording<'_>, dated: bool) {
    let width = sink.body.w * st::SIGNATURE_W;
    let b = signature(w, width, dated);
    sink.y += st::SECTION_GAP;
    keep(sink, &b, sink.body.right() - width);
}

/// The decree's pages.
pub fn decree(w: &Wording<'_>, paper: Paper) -> Vec<Page> {
    let mut sink = super::portrait(paper);
    sink.new_page();
    let official = w.official.text.to_uppercase();
    let head = balanced(
        &[
            centred(w.decree_name(), st::HEADING).source(w.official.source),
            centred(format!("NOMOR {}", w.number_text()), st::HEADING)
                .source(w.number.as_ref().and_then(|n| n.source)),
            centred("TENTANG", st::HEADING).space_before(st::SECTION_GAP),
            centred(w.subject.text.to_uppercase(), st::HEADING)
                .source(w.subject.source)
                .space_before(st::SECTION_GAP),
            centred(format!("{official},"), st::HEADING)
                .source(w.official.source)
                .space_before(st::SECTION_GAP * 1.5),
        ],
        sink.body.w,
    );
    let x = sink.body.x;
    keep(&mut sink, &head, x);
    sink.y += st::SECTION_GAP;

    let mut rows = recitals("Menimbang", &w.considering, letter);
    rows.extend(recitals("Mengingat", &w.recalling, number));
    label_table(&sink, rows).draw(&mut sink);

    let decide = Block::new(&[centred("MEMUTUSKAN:", st::HEADING)], sink.body.w);
    sink.y += st::SECTION_GAP;
    let x = sink.body.x;
    keep(&mut sink, &decide, x);
    sink.y += st::PARA_GAP;

    let mut rows = vec![labelled(
        "Menetapkan",
        bold(format!(
            "{} TENTANG {}.",
            w.decree_name(),
            w.subject.text.to_uppercase()
        ))
        .source(w.subject.source),
    )];
    for (i, p) in w.provisions.iter().enumerate() {
        rows.push(labelled(
            &words::diktum(i + 1),
            text(&p.text).source(p.source),
        ));
    }
    label_table(&sink, rows).draw(&mut sink);
    draw_signature(&mut sink, w, true);
    sink.pages
}

/// The unit that carries out an SOP: its `unit`, else its eselon III (or IV) unit kerja.
fn unit(sop: &Sop) -> String {
    sop.unit_line().map_or("-".to_string(), |u| u.value.clone())
}

/// The lampiran's pages: its heading, and the list of the SOPs enacted.
pub fn list(w: &Wording<'_>, sops: &[&Sop], paper: Paper) -> Vec<Page> {
    let mut sink = super::portrait(paper);
    sink.new_page();
    let small = st::LAMPIRAN_TEXT;
    let head_w = sink.body.w * st::LAMPIRAN_W;
    let kv = |k: &str, v: Para| {
        Row::new(vec![
            Cell::new(vec![Para::body(k).size(small)]).unruled(),
            Cell::new(vec![Para::body(":").size(small)]).unruled(),
            Cell::new(vec![v.size(small)]).unruled(),
        ])
    };
    let x = sink.body.right() - head_w;
    Table {
        x,
        widths: vec![
            st::LAMPIRAN_LABEL_W,
            st::COLON_W,
            head_w - st::LAMPIRAN_LABEL_W - st::COLON_W,
        ],
        header: Vec::new(),
        rows: vec![
            Row::new(vec![
                Cell::new(vec![
                    Para::body("LAMPIRAN").size(small),
                    Para::body(w.decree_name())
                        .size(small)
                        .source(w.official.source),
                ])
                .unruled()
                .span(3),
            ]),
            kv(
                "NOMOR",
                Para::body(w.number_text()).source(w.number.as_ref().and_then(|n| n.source)),
            ),
            kv(
                "TANGGAL",
                Para::body(w.date_text()).source(w.date.as_ref().and_then(|(_, s)| *s)),
            ),
            kv(
                "TENTANG",
                Para::body(w.subject.text.to_uppercase()).source(w.subject.source),
            ),
        ],
    }
    .draw(&mut sink);
    sink.y += st::SECTION_GAP;
    let title = balanced(
        &[
            centred(
                "DAFTAR STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN",
                st::HEADING,
            ),
            centred(
                format!("DI LINGKUNGAN {}", w.agency.text.to_uppercase()),
                st::HEADING,
            )
            .source(w.agency.source),
        ],
        sink.body.w,
    );
    let x = sink.body.x;
    keep(&mut sink, &title, x);
    sink.y += st::PARA_GAP * 2.0;

    let width = sink.body.w;
    let widths: Vec<f64> = st::LIST_COLS.iter().map(|f| (width * f).round()).collect();
    let mut widths = widths;
    let used: f64 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += width - used;
    }
    let size = st::LIST_TEXT;
    let rows = sops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let nomor = s.number.as_ref();
            Row::new(vec![
                Cell::new(vec![
                    Para::body(format!("{}.", i + 1))
                        .size(size)
                        .align(Align::Center),
                ]),
                Cell::new(vec![
                    Para::body(s.title())
                        .size(size)
                        .source(s.name.as_ref().map(|n| n.span)),
                ]),
                Cell::new(vec![
                    Para::body(nomor.map_or("-", |n| n.value.as_str()))
                        .size(size)
                        .source(nomor.map(|n| n.span)),
                ]),
                Cell::new(vec![Para::body(unit(s)).size(size)]),
            ])
        })
        .collect();
    Table {
        x: sink.body.x,
        widths,
        header: vec![Row::new(
            ["No", "Nama SOP", "Nomor SOP", "Unit Kerja"]
                .iter()
                .map(|h| Cell::header(h))
                .collect(),
        )],
        rows,
    }
    .draw(&mut sink);
    draw_signature(&mut sink, w, false);
    sink.pages
}
