//! Layout at the extremes: one step, 80 and 200 steps, 10 and 12 lanes, a 5,000-character
//! kegiatan, a 200-character word, empty optional sections, a decision whose exits
//! both go back, a long exit label. Each either lays out within every invariant of
//! `tests/support/invariants.rs`, or gives the `sop::layout::…` diagnostic named here.

mod support;

use std::path::PathBuf;

use sopc::check;
use sopc::layout::{self, LayoutOptions};
use sopc::load::{SopText, load_texts};
use sopc::model::Paper;
use support::model_gen::org_yaml;

/// A step in lane `lane` with this kegiatan, and more YAML lines (indented 4).
fn step(i: usize, lane: usize, kegiatan: &str, more: &str) -> String {
    format!(
        "  - id: s{i}\n    pelaksana: r{lane}\n    kegiatan: \"{kegiatan}\"\n    kelengkapan: Berkas\n    waktu: 5 menit\n    output: Berkas\n{more}"
    )
}

fn sop(lanes: usize, steps: &str) -> String {
    let lanes: Vec<String> = (0..lanes).map(|k| format!("r{k}")).collect();
    format!(
        "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: {{ pembuatan: 2020-01-02, efektif: 2020-01-02 }}\nmasukan: Berkas\npelaksana: [{}]\nlangkah:\n{steps}",
        lanes.join(", ")
    )
}

/// Lays out on every paper: `Ok` when every layout keeps the invariants, `Err(code)`
/// when one is a layout diagnostic.
fn lay_out(yaml: &str, steps: usize) -> Result<(), &'static str> {
    let p = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: org_yaml().into_bytes(),
        },
        vec![SopText {
            path: "t/uji.yaml".into(),
            bytes: yaml.as_bytes().to_vec(),
        }],
    );
    let ws = &p.workspaces[0];
    let errors: Vec<_> = p
        .diags
        .iter()
        .cloned()
        .chain(check::run(ws))
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut result = Ok(());
    for (_, paper) in Paper::ALL {
        for worksheets in [true, false] {
            let opts = LayoutOptions {
                paper,
                worksheets,
                ..LayoutOptions::default()
            };
            match layout::layout(ws, &ws.sops[0], &opts, "00000000") {
                Ok(doc) => {
                    if let Err(e) = support::invariants::check(&doc, steps) {
                        panic!("{paper:?}: {e}");
                    }
                }
                Err(d) => {
                    assert!(d.code.starts_with("sop::layout::"), "{d:?}");
                    result = Err(d.code);
                }
            }
        }
    }
    result
}

fn chain(n: usize, lanes: usize) -> String {
    (0..n)
        .map(|i| {
            step(
                i,
                i % lanes,
                &format!("Memeriksa berkas permohonan {i}"),
                "",
            )
        })
        .collect()
}

#[test]
fn one_step() {
    assert_eq!(lay_out(&sop(1, &chain(1, 1)), 1), Ok(()));
}

#[test]
fn eighty_and_two_hundred_steps() {
    assert_eq!(lay_out(&sop(4, &chain(80, 4)), 80), Ok(()));
    assert_eq!(lay_out(&sop(3, &chain(200, 3)), 200), Ok(()));
}

#[test]
fn ten_and_twelve_lanes() {
    assert_eq!(lay_out(&sop(10, &chain(20, 10)), 20), Ok(()));
    assert_eq!(lay_out(&sop(12, &chain(24, 12)), 24), Ok(()));
}

#[test]
fn a_kegiatan_of_5000_characters_does_not_fit() {
    let long = "berkas permohonan ".repeat(300)[..5000].trim().to_string();
    let steps = step(0, 0, &long, "") + &step(1, 1, "Menerima", "");
    assert_eq!(lay_out(&sop(2, &steps), 2), Err("sop::layout::too-tall"));
}

#[test]
fn a_word_of_200_characters_is_broken() {
    let word = "Pemberitahuan".repeat(16)[..200].to_string();
    let steps = step(0, 0, &word, "") + &step(1, 1, "Menerima", "");
    assert_eq!(lay_out(&sop(2, &steps), 2), Ok(()));
}

#[test]
fn empty_optional_sections() {
    // No identity lists, no kelengkapan, waktu, output or keterangan.
    let yaml = "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\n\
                dasar_hukum: []\nperalatan: []\nketerkaitan: []\npelaksana: [r0, r1]\nlangkah:\n\
                \x20 - { pelaksana: r0, kegiatan: Menerima }\n  - { pelaksana: r1, kegiatan: Mengirim }\n";
    assert_eq!(lay_out(yaml, 2), Ok(()));
}

#[test]
fn a_decision_whose_exits_both_go_back() {
    // Step 3 goes back to 1 or to 2; step 4 is reached from step 2's jump.
    let steps = step(0, 0, "Menerima", "")
        + &step(1, 1, "Memeriksa", "    keputusan: { ya: s3, tidak: s2 }\n")
        + &step(
            2,
            2,
            "Memperbaiki",
            "    keputusan: { ya: s0, tidak: s1 }\n",
        )
        + &step(3, 0, "Mengirim", "");
    assert_eq!(lay_out(&sop(3, &steps), 4), Ok(()));
}

#[test]
fn an_exit_label_wider_than_a_lane_is_a_diagnostic() {
    // Found by the layout property test: a one-word label was drawn past the page.
    let label = "Pemberitahuan".repeat(17);
    let steps = step(0, 0, "Menerima", "")
        + &step(
            1,
            1,
            "Memeriksa",
            &format!("    keputusan: {{ tidak: s0, label: [{label}, Tidak] }}\n"),
        )
        + &step(2, 2, "Mengirim", "");
    assert_eq!(
        lay_out(&sop(6, &steps), 3),
        Err("sop::layout::label-too-wide")
    );
}
