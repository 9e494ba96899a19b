//! Property tests of the layout over generated SOPs: 1-8 lanes, 1-80 steps, random
//! decisions, loops back, forward jumps and multi-actor steps.

use std::path::PathBuf;

use proptest::prelude::*;
use sopc::check;
use sopc::layout::document::{Item, Point, Rect, SymbolKind};
use sopc::layout::{self, Document, LayoutOptions};
use sopc::load::{SopText, load_texts};
use sopc::model::Paper;

const ORG: &str = "pemerintah: Pemerintah Kabupaten Contoh
instansi: Dinas Contoh
pengesah: { jabatan: Kepala Dinas, nama: Budi, pangkat: Pembina, nip: \"19641222 198903 1 009\" }
pelaksana:
  r0: { jabatan: Kepala Dinas }
  r1: { jabatan: Sekretaris }
  r2: { jabatan: Kepala Bidang Pelayanan Perizinan Terpadu }
  r3: { jabatan: Kepala Seksi Pengolahan Data }
  r4: { jabatan: Pengadministrasi Umum }
  r5: { jabatan: Pemohon }
  r6: { jabatan: Tim Teknis }
  r7: { jabatan: Arsiparis }
";

#[derive(Debug, Clone)]
struct Gen {
    lanes: usize,
    steps: Vec<(usize, Option<usize>, u8, usize, usize)>,
    paper: u8,
}

fn sop_yaml(g: &Gen) -> String {
    let mut s = String::from(
        "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\n",
    );
    s.push_str("pelaksana: [");
    s.push_str(
        &(0..g.lanes)
            .map(|k| format!("r{k}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    s.push_str("]\nlangkah:\n");
    let n = g.steps.len();
    for (i, &(lane, second, kind, target, words)) in g.steps.iter().enumerate() {
        s.push_str(&format!("  - id: s{i}\n"));
        // Joint steps ("bersama-sama") are done by neighbouring lanes.
        match second {
            Some(_) if lane + 1 < g.lanes => {
                s.push_str(&format!("    pelaksana: [r{lane}, r{}]\n", lane + 1))
            }
            _ => s.push_str(&format!("    pelaksana: r{lane}\n")),
        }
        let text = "memeriksa berkas permohonan dan menyerahkan ".repeat(words % 6 + 1);
        s.push_str(&format!("    kegiatan: Langkah {i} {text}\n"));
        s.push_str("    waktu: 5 menit\n");
        // Decisions (not the last step): the negative exit goes to another step.
        if kind % 4 == 0 && i + 1 < n && n > 2 {
            let mut t = target % n;
            if t == i || t == i + 1 {
                t = if i > 0 { i - 1 } else { (i + 2) % n };
            }
            if t != i && t != i + 1 {
                s.push_str(&format!("    keputusan: {{ tidak: s{t} }}\n"));
            }
        }
    }
    s
}

fn build(g: &Gen) -> Option<Document> {
    if let Ok(path) = std::env::var("SOPC_PROPS_DUMP") {
        let _ = std::fs::write(path, sop_yaml(g));
    }
    let p = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: ORG.as_bytes().to_vec(),
        },
        vec![SopText {
            path: "t/uji.yaml".into(),
            bytes: sop_yaml(g).into_bytes(),
        }],
    );
    assert!(p.diags.iter().all(|d| !d.is_error()), "{:?}", p.diags);
    let ws = &p.workspaces[0];
    if let Some(d) = check::run(ws).into_iter().find(|d| d.is_error()) {
        if std::env::var_os("SOPC_PROPS_VERBOSE").is_some() {
            eprintln!("skipped: {} {}", d.code, d.message);
        }
        return None;
    }
    if std::env::var_os("SOPC_PROPS_VERBOSE").is_some() {
        eprintln!("laid out: {} steps, {} lanes", g.steps.len(), g.lanes);
    }
    let opts = LayoutOptions {
        paper: if g.paper % 3 == 0 {
            Paper::F4
        } else {
            Paper::A4
        },
        ..LayoutOptions::default()
    };
    Some(layout::layout(ws, &ws.sops[0], &opts, "00000000").expect("fits"))
}

fn sops() -> impl Strategy<Value = Gen> {
    (1usize..=8, 1usize..=80, any::<u8>()).prop_flat_map(|(lanes, n, paper)| {
        proptest::collection::vec(
            (
                0..lanes,
                proptest::option::weighted(0.15, 0..lanes),
                any::<u8>(),
                0usize..80,
                0usize..12,
            ),
            n,
        )
        .prop_map(move |steps| Gen {
            lanes,
            steps,
            paper,
        })
    })
}

fn segments(path: &[Point]) -> Vec<(Point, Point)> {
    path.windows(2).map(|w| (w[0], w[1])).collect()
}

fn seg_hits(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x1 > r.x && x0 < r.x + r.w && y1 > r.y && y0 < r.y + r.h
}

/// True when `p` lies inside the symbol's outline (not on it), by more than `eps`.
fn inside(kind: SymbolKind, r: &Rect, p: Point, eps: f64) -> bool {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (hw, hh) = (r.w / 2.0 - eps, r.h / 2.0 - eps);
    if hw <= 0.0 || hh <= 0.0 {
        return false;
    }
    let (dx, dy) = ((p.x - cx).abs(), (p.y - cy).abs());
    match kind {
        SymbolKind::Process => dx < hw && dy < hh,
        SymbolKind::Decision => dx / hw + dy / hh < 1.0,
        SymbolKind::Terminator => {
            let rad = hh.min(hw);
            if dx <= hw - rad {
                dy < hh
            } else {
                let ex = dx - (hw - rad);
                ex * ex + dy * dy < rad * rad
            }
        }
        SymbolKind::OffPageConnector => {
            let top = r.y + r.h * 0.6;
            if p.y <= top {
                dx < hw && p.y > r.y + eps
            } else {
                // The point of the pentagon.
                let t = (r.y + r.h - eps - p.y) / (r.h * 0.4);
                p.y < r.y + r.h - eps && dx < hw * t
            }
        }
    }
}

fn seg_inside(a: Point, b: Point, kind: SymbolKind, r: &Rect) -> bool {
    if !seg_hits(a, b, r) {
        return false;
    }
    let len = ((b.x - a.x).abs() + (b.y - a.y).abs()).max(1e-9);
    let n = (len / 0.25).ceil() as usize;
    (0..=n).any(|k| {
        let t = k as f64 / n as f64;
        inside(
            kind,
            r,
            Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t),
            0.6,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn layout_invariants(g in sops()) {
        let Some(doc) = build(&g) else { return Ok(()) };
        let again = build(&g).expect("second layout");
        prop_assert_eq!(&doc, &again, "layout is not deterministic");
        let mut step_symbols = 0;
        let mut connector_labels: std::collections::BTreeMap<String, usize> = Default::default();
        for (pi, page) in doc.pages.iter().enumerate() {
            let mut symbols: Vec<Rect> = Vec::new();
            let mut kinds: Vec<SymbolKind> = Vec::new();
            let mut arrows: Vec<Vec<Point>> = Vec::new();
            for it in &page.items {
                let b = it.bounds();
                prop_assert!(page.content.contains(&b), "page {} item outside content box: {:?}", pi + 1, it);
                match &it.item {
                    Item::Symbol(s) => {
                        if s.kind != SymbolKind::OffPageConnector {
                            step_symbols += 1;
                        }
                        symbols.push(b);
                        kinds.push(s.kind);
                    }
                    Item::Arrow(a) => arrows.push(a.path.clone()),
                    _ => {}
                }
            }
            for (i, a) in symbols.iter().enumerate() {
                for b in &symbols[..i] {
                    prop_assert!(!a.overlaps(b), "page {}: symbols overlap {:?} {:?}", pi + 1, a, b);
                }
            }
            for path in &arrows {
                for (a, b) in segments(path) {
                    for (s, k) in symbols.iter().zip(&kinds) {
                        prop_assert!(!seg_inside(a, b, *k, s), "page {}: arrow {:?} passes through symbol {:?}", pi + 1, path, s);
                    }
                }
            }
            // No arrow runs along another one.
            let all: Vec<(usize, Point, Point)> = arrows.iter().enumerate()
                .flat_map(|(k, p)| segments(p).into_iter().map(move |(a, b)| (k, a, b))).collect();
            for (i, (ka, a0, a1)) in all.iter().enumerate() {
                for (kb, b0, b1) in &all[..i] {
                    if ka == kb { continue; }
                    let va = (a0.x - a1.x).abs() < 1e-9;
                    let vb = (b0.x - b1.x).abs() < 1e-9;
                    if va != vb { continue; }
                    let overlap = if va {
                        (a0.x - b0.x).abs() < 1.0 && a0.y.max(a1.y).min(b0.y.max(b1.y)) - a0.y.min(a1.y).max(b0.y.min(b1.y)) > 1.0
                    } else {
                        (a0.y - b0.y).abs() < 1.0 && a0.x.max(a1.x).min(b0.x.max(b1.x)) - a0.x.min(a1.x).max(b0.x.min(b1.x)) > 1.0
                    };
                    prop_assert!(!overlap, "page {}: arrows overlap: {:?}-{:?} and {:?}-{:?}", pi + 1, a0, a1, b0, b1);
                }
            }
            // Connector labels: bold text centred in a connector.
            for it in &page.items {
                if let Item::Text(t) = &it.item {
                    let b = it.bounds();
                    if symbols.iter().any(|s| s.contains(&b)) && t.text.chars().all(|c| c.is_ascii_uppercase()) {
                        *connector_labels.entry(t.text.clone()).or_default() += 1;
                    }
                }
            }
        }
        prop_assert_eq!(step_symbols, g.steps.len(), "each step appears once");
        // A label marks one place where the flow goes on: every arrow that leaves a
        // page ends in a connector, and the one connector with the same label on the
        // target's page starts it again.
        for (label, n) in connector_labels {
            prop_assert!(n >= 2, "connector {} has no partner", label);
        }
    }
}
