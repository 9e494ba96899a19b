//! The worksheets that come with an SOP: *Identifikasi Judul SOP berdasarkan Tugas dan
//! Fungsi* and *Lembar Kerja Identifikasi Kegiatan* (A. data kegiatan, B. identifikasi
//! kegiatan, C. identifikasi langkah). B and C are generated from the steps, so they
//! can never disagree with the flowchart.

use super::block::{Align, Block, Para};
use super::sink::Sink;
use super::style;
use super::table::{Cell, Row, Table};
use crate::model::{Phase, Sop, Workspace};
use crate::source::Spanned;

/// A section title; moves to a new page when less than `keep` points would follow it.
pub fn title(sink: &mut Sink, text: &str, keep: f64) {
    let b = Block::new(
        &[Para::bold(text).size(style::TITLE).align(Align::Center)],
        sink.body.w,
    );
    if sink.pages.is_empty() || sink.space_left() < b.height + keep {
        sink.new_page();
    }
    b.draw(sink, sink.body.x, sink.y);
    sink.y += b.height + 6.0;
}

fn subtitle(sink: &mut Sink, text: &str, keep: f64) {
    let b = Block::new(&[Para::bold(text).size(9.0)], sink.body.w);
    if sink.space_left() < b.height + keep + 6.0 {
        sink.new_page();
    }
    sink.y += 6.0;
    b.draw(sink, sink.body.x, sink.y);
    sink.y += b.height + 3.0;
}

fn opt(t: &Option<Spanned<String>>) -> Para {
    match t {
        Some(t) => Para::body(&t.value).source(Some(t.span)),
        None => Para::body("-"),
    }
}

fn list(items: &[Spanned<String>]) -> Vec<Para> {
    if items.is_empty() {
        return vec![Para::body("-")];
    }
    let many = items.len() > 1;
    items
        .iter()
        .map(|t| {
            let p = Para::body(&t.value).source(Some(t.span));
            if many { p.marker("-") } else { p }
        })
        .collect()
}

/// Two columns: label and value, ruled.
fn pairs(sink: &mut Sink, rows: Vec<(String, Para)>) {
    let w = sink.body.w;
    let label_w = (w * 0.25).round();
    Table {
        x: sink.body.x,
        widths: vec![label_w, w - label_w],
        header: Vec::new(),
        rows: rows
            .into_iter()
            .map(|(l, v)| Row::new(vec![Cell::new(vec![Para::bold(l)]), Cell::new(vec![v])]))
            .collect(),
    }
    .draw(sink);
}

/// "Kasubbag Umum memverifikasi konsep surat": the step as a sentence with its actors.
pub fn step_sentence(ws: &Workspace, sop: &Sop, index: usize) -> String {
    let Some(step) = sop.steps.get(index) else {
        return String::new();
    };
    let names: Vec<String> = step
        .actors
        .iter()
        .map(|a| {
            ws.org
                .role(&a.value)
                .map_or(a.value.clone(), |r| r.heading().to_string())
        })
        .collect();
    let who = match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} dan {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let activity = step.activity.value.trim();
    let first_word = activity.split_whitespace().next().unwrap_or("");
    // Lower-case the verb, but keep an acronym ("SKPD") as written.
    let keep = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let mut chars = activity.chars();
    let activity = match chars.next() {
        Some(c) if !keep => c.to_lowercase().collect::<String>() + chars.as_str(),
        _ => activity.to_string(),
    };
    if who.is_empty() {
        activity
    } else {
        format!("{who} {activity}")
    }
}

/// Lays out both worksheets, each starting on a new page.
pub fn worksheets(sink: &mut Sink, ws: &Workspace, sop: &Sop) {
    let org = &ws.org;
    if let Some(id) = &sop.identification {
        sink.new_page();
        title(
            sink,
            "IDENTIFIKASI JUDUL SOP BERDASARKAN TUGAS DAN FUNGSI",
            60.0,
        );
        let agency = org
            .agency
            .as_ref()
            .map_or(String::from("-"), |a| a.value.clone());
        let w = sink.body.w;
        let key_w = 120.0;
        let kv = |k: &str, v: Para| {
            Row::new(vec![
                Cell::new(vec![Para::bold(k)]).unruled(),
                Cell::new(vec![Para::body(":")]).unruled(),
                Cell::new(vec![v]).unruled(),
            ])
        };
        Table {
            x: sink.body.x,
            widths: vec![key_w, 10.0, w - key_w - 10.0],
            header: Vec::new(),
            rows: vec![
                kv("Instansi", Para::body(agency)),
                kv("Unit Kerja Eselon II", opt(&id.echelon_ii)),
                kv("Unit Kerja Eselon III", opt(&id.echelon_iii)),
                kv("Unit Kerja Eselon IV", opt(&id.echelon_iv)),
            ],
        }
        .draw(sink);
        sink.y += 8.0;
        let no = 24.0;
        let rest = w - no;
        let cols = [0.18, 0.18, 0.22, 0.12, 0.12, 0.18];
        let mut widths = vec![no];
        widths.extend(cols.iter().map(|f| (rest * f).round()));
        let used: f64 = widths.iter().sum();
        if let Some(last) = widths.last_mut() {
            *last += w - used;
        }
        Table {
            x: sink.body.x,
            widths,
            header: vec![Row::new(
                [
                    "No",
                    "Tugas",
                    "Fungsi",
                    "Sub-Fungsi (Kegiatan)",
                    "Output",
                    "Aspek",
                    "Judul SOP",
                ]
                .iter()
                .map(|h| Cell::header(h))
                .collect(),
            )],
            rows: vec![Row::new(vec![
                Cell::new(vec![Para::body("1").align(Align::Center)]),
                Cell::new(list(&id.duties)),
                Cell::new(list(&id.functions)),
                Cell::new(list(&id.sub_functions)),
                Cell::new(vec![opt(&id.output)]),
                Cell::new(vec![opt(&id.aspect)]),
                Cell::new(vec![opt(&sop.name)]),
            ])],
        }
        .draw(sink);
    }
    if sop.identification.is_none() && sop.activity.is_none() {
        return;
    }
    sink.new_page();
    title(sink, "LEMBAR KERJA IDENTIFIKASI KEGIATAN", 60.0);
    subtitle(sink, "A. Data Kegiatan", 40.0);
    let a = sop.activity.clone().unwrap_or_default();
    pairs(
        sink,
        vec![
            ("1. Judul SOP".into(), opt(&sop.name)),
            (
                "2. Jenis Kegiatan".into(),
                match &a.kind {
                    Some(k) => Para::body(k.value.label()).source(Some(k.span)),
                    None => Para::body("-"),
                },
            ),
            ("3. Penanggung Jawab".into(), Para::body("")),
            ("    a. Produk".into(), opt(&a.product_owner)),
            ("    b. Kegiatan".into(), opt(&a.activity_owner)),
            ("4. Ruang Lingkup".into(), opt(&a.scope)),
        ],
    );
    subtitle(sink, "B. Identifikasi Kegiatan", 40.0);
    let first_of = |phase: Phase| {
        let idx = (0..sop.steps.len()).filter(|&i| sop.phase_of(i) == phase);
        let idx: Vec<usize> = idx.collect();
        let i = if phase == Phase::End {
            idx.last().copied()
        } else {
            idx.first().copied()
        };
        match i {
            Some(i) => {
                Para::body(step_sentence(ws, sop, i)).source(Some(sop.steps[i].activity.span))
            }
            None => Para::body("-"),
        }
    };
    pairs(
        sink,
        vec![
            ("Nama Kegiatan".into(), opt(&sop.name)),
            ("Langkah Awal".into(), first_of(Phase::Start)),
            ("Langkah Utama".into(), first_of(Phase::Main)),
            ("Langkah Akhir".into(), first_of(Phase::End)),
        ],
    );
    subtitle(sink, "C. Identifikasi Langkah", 40.0);
    let w = sink.body.w;
    let mut rows = Vec::new();
    let mut last_phase = None;
    for i in 0..sop.steps.len() {
        let phase = sop.phase_of(i);
        let label = if last_phase == Some(phase) {
            String::new()
        } else {
            phase.label().to_string()
        };
        last_phase = Some(phase);
        rows.push(Row::new(vec![
            Cell::new(vec![Para::bold(label)]),
            Cell::new(vec![Para::body((i + 1).to_string()).align(Align::Center)]),
            Cell::new(vec![
                Para::body(step_sentence(ws, sop, i)).source(Some(sop.steps[i].activity.span)),
            ]),
        ]));
    }
    Table {
        x: sink.body.x,
        widths: vec![100.0, 28.0, w - 128.0],
        header: vec![Row::new(vec![
            Cell::header("Tahap"),
            Cell::header("No"),
            Cell::header("Langkah"),
        ])],
        rows,
    }
    .draw(sink);
}
