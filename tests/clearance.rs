//! The router's spacing rules (issue "the flowchart router", rules 1, 2, 3 and 5), measured by
//! the layout oracle (`tests/support/oracle.rs`) on every SOP of `sops/` and `examples/`
//! on every paper:
//!
//! 1. no arrow segment runs parallel to a table rule closer than 2 mm;
//! 2. parallel segments of arrows to different targets are at least 2 mm apart;
//! 3. no arrow passes closer than 1.5 mm to a symbol it does not connect;
//! 5. an exit label stands within 5 mm of the start of its own arrow, nearer to it than
//!    to the other exit.
//!
//! Each rule is its own test, so that the report says which hold.

mod support;

use std::path::PathBuf;

use sopc::layout::LayoutOptions;
use sopc::model::Paper;
use support::oracle::{self, Clearance};

fn measure(pick: fn(&Clearance) -> &Vec<String>) -> Vec<String> {
    let dirs = support::source_folders();
    let mut out = Vec::new();
    for dir in dirs {
        let (project, diags) = sopc::cli::compile(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(diags.errors(), 0);
        let ws = &project.workspaces[0];
        // The oracle measures SOPs of one symbol per row (`support::flow::in_scope`).
        for sop in ws.sops.iter().filter(|s| support::flow::in_scope(s)) {
            for (_, paper) in Paper::ALL {
                let opts = LayoutOptions {
                    paper,
                    worksheets: false,
                    hours_per_day: ws.org.hours_per_day,
                };
                let doc = sopc::build::layout_sop(&project, ws, sop, &opts).unwrap();
                let c = oracle::clearance(&doc, sop);
                out.extend(
                    pick(&c)
                        .iter()
                        .map(|m| format!("{} ({paper:?}) {m}", sop.id)),
                );
            }
        }
    }
    out
}

fn report(rule: &str, found: Vec<String>) {
    let shown: Vec<&String> = found.iter().take(20).collect();
    assert!(
        found.is_empty(),
        "{} breaks of the rule {rule:?}, first ones:\n{}",
        found.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn arrows_keep_2_mm_from_table_rules() {
    report("2 mm from table rules", measure(|c| &c.rules));
}

#[test]
fn parallel_arrows_to_different_targets_keep_2_mm_apart() {
    report("2 mm between parallel arrows", measure(|c| &c.parallel));
}

#[test]
fn arrows_keep_1_5_mm_from_symbols_they_do_not_connect() {
    report("1.5 mm from other symbols", measure(|c| &c.symbols));
}

/// The measure of rule 2 is not blind: an arrow drawn again 1 mm beside another, toward
/// somewhere else, is reported.
#[test]
fn a_parallel_arrow_1_mm_away_is_reported() {
    use sopc::layout::document::{Item, Point};
    let (project, diags) = sopc::cli::compile(&[PathBuf::from("sops")]).unwrap();
    assert_eq!(diags.errors(), 0);
    let ws = &project.workspaces[0];
    let sop = &ws.sops[0];
    let opts = LayoutOptions {
        worksheets: false,
        ..LayoutOptions::default()
    };
    let mut doc = sopc::build::layout_sop(&project, ws, sop, &opts).unwrap();
    assert!(oracle::clearance(&doc, sop).parallel.is_empty());
    let page = doc
        .pages
        .iter_mut()
        .find(|p| p.items.iter().any(|i| matches!(i.item, Item::Arrow(_))))
        .unwrap();
    let mut copy = page
        .items
        .iter()
        .find(|i| matches!(i.item, Item::Arrow(_)))
        .unwrap()
        .clone();
    if let Item::Arrow(a) = &mut copy.item {
        for p in &mut a.path {
            *p = Point::new(p.x + oracle::MM, p.y);
        }
        // It ends beside the target, not on it.
        let last = a.path.len() - 1;
        a.path[last].y -= 2.0;
        copy.at = a.path[0];
    }
    page.items.push(copy);
    assert!(!oracle::clearance(&doc, sop).parallel.is_empty());
}

#[test]
fn exit_labels_stand_within_5_mm_of_their_arrow() {
    report(
        "exit label within 5 mm of its arrow",
        measure(|c| &c.labels),
    );
}

/// Found by the layout property test: a decision whose `tidak` goes to the next row
/// and whose `ya` jumps ahead; its "Belum lengkap" is set beside the `ya` line, 15 mm
/// from its own.
const LABELS_AT_THE_WRONG_EXIT: &str = "nomor: \"1/2/3\"
nama: Prosedur Uji
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
pelaksana: [r0, r1, r2]
langkah:
  - { id: s0, pelaksana: r0, kegiatan: Menerima berkas }
  - { id: s1, pelaksana: r0, kegiatan: Mencatat berkas }
  - id: s2
    pelaksana: r1
    kegiatan: Memeriksa dan mencatat berkas permohonan lalu menyerahkan data konsep surat kepada Kepala
    keputusan: { pertanyaan: Lengkap?, ya: s4, tidak: s3, label: [Lengkap, Belum lengkap] }
  - { id: s3, pelaksana: r1, kegiatan: Meminta kelengkapan berkas permohonan surat pendaftaran kepada pemohon dan mencatat }
  - id: s4
    pelaksana: r2
    kegiatan: Memeriksa dan mencatat
    keputusan: { pertanyaan: Benar?, ya: s6, tidak: s5, label: [Lengkap, Belum lengkap] }
  - { id: s5, pelaksana: r0, kegiatan: Memperbaiki data konsep permohonan surat dan pendaftaran lalu menyerahkan kepada Kepala Bidang }
  - { id: s6, pelaksana: r0, kegiatan: Mengirim }
";

#[test]
fn exit_labels_stand_by_their_own_exit_on_a_generated_sop() {
    use sopc::load::{SopText, load_texts};
    let p = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: support::model_gen::org_yaml().into_bytes(),
        },
        vec![SopText {
            path: "t/uji.yaml".into(),
            bytes: LABELS_AT_THE_WRONG_EXIT.as_bytes().to_vec(),
        }],
    );
    let ws = &p.workspaces[0];
    assert!(sopc::check::run(ws).iter().all(|d| !d.is_error()));
    let opts = LayoutOptions {
        worksheets: false,
        ..LayoutOptions::default()
    };
    let doc = sopc::layout::layout(ws, &ws.sops[0], &opts, "00000000").unwrap();
    assert_eq!(
        support::oracle::check_flow(&doc, &ws.sops[0]),
        Vec::<String>::new()
    );
    let labels = oracle::clearance(&doc, &ws.sops[0]).labels;
    assert!(labels.is_empty(), "{}", labels.join("\n"));
}
