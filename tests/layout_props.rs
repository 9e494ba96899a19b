//! Property tests of the layout over generated SOPs: 1-12 lanes, 1-80 steps, random
//! decisions (some of several actors), loops back, forward jumps (some beside
//! decisions), joint steps of neighbouring and of distant lanes, all four papers; and
//! over the fuzz target's structured models. The invariants are in
//! `tests/support/invariants.rs`; the clearance rules of every flowchart page
//! (`verify::clearance`) are counted over the generated SOPs and must stay below a
//! share of their pages.

use std::path::PathBuf;

mod support;

use proptest::prelude::*;
use sopc::check;
use sopc::layout::{self, Document, LayoutOptions};
use sopc::load::{SopText, load_texts};
use sopc::model::Paper;
use support::model_gen::GenSop;

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
  r8: { jabatan: Bendahara }
  r9: { jabatan: Kepala Subbagian Umum }
  r10: { jabatan: Analis Kebijakan }
  r11: { jabatan: Pengawas }
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
        // Joint steps ("bersama-sama"): a second actor in any other lane, a
        // neighbour or not (decisions too).
        match second {
            Some(o) if o != lane => s.push_str(&format!("    pelaksana: [r{lane}, r{o}]\n")),
            _ => s.push_str(&format!("    pelaksana: r{lane}\n")),
        }
        let text = "memeriksa berkas permohonan dan menyerahkan ".repeat(words % 6 + 1);
        s.push_str(&format!("    kegiatan: Langkah {i} {text}\n"));
        s.push_str("    waktu: 5 menit\n");
        // A forward jump from the step before a decision, beside it.
        if kind % 7 == 3 && kind % 4 != 0 && i + 3 < n && g.steps[i + 1].2 % 4 == 0 {
            s.push_str(&format!("    lanjut: s{}\n", i + 3));
        }
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
        paper: match g.paper % 4 {
            0 => Paper::F4,
            1 => Paper::Letter,
            2 => Paper::Legal,
            _ => Paper::A4,
        },
        ..LayoutOptions::default()
    };
    Some(layout::layout(ws, &ws.sops[0], &opts, "00000000").expect("fits"))
}

fn sops() -> impl Strategy<Value = Gen> {
    (1usize..=12, 1usize..=80, any::<u8>()).prop_flat_map(|(lanes, n, paper)| {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn layout_invariants(g in sops()) {
        let Some(doc) = build(&g) else { return Ok(()) };
        let again = build(&g).expect("second layout");
        prop_assert_eq!(&doc, &again, "layout is not deterministic");
        if let Err(e) = support::invariants::check(&doc, g.steps.len()) {
            return Err(TestCaseError::fail(e));
        }
    }

    /// The fuzz target's generator (tests/support/model_gen.rs): up to the limits of
    /// lanes and steps, multi-actor steps in any lanes, decisions whose exits both go
    /// back, long texts and words, empty optional sections.
    #[test]
    fn layout_invariants_of_generated_models(bytes in proptest::collection::vec(any::<u8>(), 0..8192)) {
        let mut u = arbitrary::Unstructured::new(&bytes);
        let Ok(g) = GenSop::arbitrary(&mut u) else { return Ok(()) };
        if let Err(e) = support::entry::layout_gen(&g) {
            return Err(TestCaseError::fail(format!("{e}\n{}", g.yaml())));
        }
    }
}
