//! Property tests of the layout over generated SOPs that check clean by construction,
//! so that every case reaches the layout (see [`layout_invariants`]); and over the fuzz
//! target's structured models. The invariants are in `tests/support/invariants.rs`;
//! every layout is also read back by the layout oracle (`tests/support/oracle.rs`).

use std::path::PathBuf;

mod support;

use proptest::prelude::*;
use sopc::check;
use sopc::layout::{self, Document, LayoutOptions};
use sopc::load::{SopText, load_texts};
use sopc::model::Paper;
use support::model_gen::GenSop;

/// One piece of a generated flow, as steps in order. Every piece keeps each step
/// reachable and able to reach the end, so the SOP checks clean and reaches the layout.
#[derive(Debug, Clone)]
enum Piece {
    /// A step.
    Plain(Actors),
    /// A decision whose `tidak` goes to the third step; the second jumps (`lanjut`) past
    /// the third to what follows: if … else … .
    IfElse(Actors, Actors, Actors),
    /// A decision whose `tidak` goes back `n` steps (1 or more, not to itself).
    LoopBack(Actors, usize),
    /// A decision whose `ya` jumps over the next step, which its `tidak` enters.
    YesJump(Actors, Actors),
}

/// The lanes of a step: its first actor's, and others in any lanes.
#[derive(Debug, Clone)]
struct Actors {
    lane: usize,
    others: Vec<usize>,
    words: usize,
}

#[derive(Debug, Clone)]
struct Gen {
    lanes: usize,
    pieces: Vec<Piece>,
    paper: usize,
    worksheets: bool,
    /// Custom exit labels and questions on decisions.
    labels: bool,
}

const WORDS: &[&str] = &[
    "memeriksa",
    "berkas",
    "permohonan",
    "dan",
    "menyerahkan",
    "surat",
    "kepada",
    "Kepala",
    "Bidang",
    "mencatat",
    "data",
    "pendaftaran",
    "menandatangani",
    "konsep",
];

fn text(seed: usize, words: usize) -> String {
    (0..words)
        .map(|k| WORDS[(seed * 7 + k * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gen {
    /// The steps: (actors, decision `ya`, decision `tidak`, `lanjut`), targets as step
    /// indices; a plain final step closes the flow.
    #[allow(clippy::type_complexity)]
    fn steps(&self) -> Vec<(Actors, Option<Option<usize>>, Option<usize>, Option<usize>)> {
        let mut out = Vec::new();
        for p in &self.pieces {
            let i = out.len();
            match p {
                Piece::Plain(a) => out.push((a.clone(), None, None, None)),
                Piece::IfElse(d, a, e) => {
                    out.push((d.clone(), Some(None), Some(i + 2), None));
                    out.push((a.clone(), None, None, Some(i + 3)));
                    out.push((e.clone(), None, None, None));
                }
                Piece::LoopBack(d, n) if i > 0 => {
                    let back = i - 1 - (n % i);
                    out.push((d.clone(), Some(None), Some(back), None));
                }
                Piece::LoopBack(d, _) => out.push((d.clone(), None, None, None)),
                Piece::YesJump(d, skip) => {
                    out.push((d.clone(), Some(Some(i + 2)), Some(i + 1), None));
                    out.push((skip.clone(), None, None, None));
                }
            }
        }
        out.push((
            Actors {
                lane: 0,
                others: Vec::new(),
                words: 2,
            },
            None,
            None,
            None,
        ));
        out
    }

    fn paper(&self) -> Paper {
        Paper::ALL[self.paper % Paper::ALL.len()].1
    }
}

fn sop_yaml(g: &Gen) -> String {
    let mut s = String::from(
        "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\nmasukan: [Berkas 0]\n",
    );
    s.push_str("pelaksana: [");
    s.push_str(
        &(0..g.lanes)
            .map(|k| format!("r{k}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    s.push_str("]\nlangkah:\n");
    let units = ["menit", "jam", "hari"];
    for (i, (a, yes, no, next)) in g.steps().iter().enumerate() {
        s.push_str(&format!("  - id: s{i}\n"));
        let mut lanes = vec![a.lane % g.lanes];
        for o in &a.others {
            let l = o % g.lanes;
            if !lanes.contains(&l) {
                lanes.push(l);
            }
        }
        let names: Vec<String> = lanes.iter().map(|l| format!("r{l}")).collect();
        s.push_str(&format!("    pelaksana: [{}]\n", names.join(", ")));
        s.push_str(&format!(
            "    kegiatan: Langkah {i} {}\n",
            text(i, a.words % 24 + 1)
        ));
        // Mutu Baku: what the step needs (the previous output), takes and makes.
        s.push_str(&format!("    kelengkapan: [Berkas {i}]\n"));
        s.push_str(&format!(
            "    waktu: {} {}\n",
            1 + (i * 7) % 30,
            units[(i + a.words) % 3]
        ));
        s.push_str(&format!("    output: Berkas {}\n", i + 1));
        if a.words % 5 == 0 {
            s.push_str(&format!(
                "    keterangan: {}\n",
                text(i + 3, a.words % 7 + 1)
            ));
        }
        if let Some(yes) = yes {
            let mut d = Vec::new();
            if g.labels {
                d.push(format!("pertanyaan: {}?", text(i, 3)));
            }
            if let Some(y) = yes {
                d.push(format!("ya: s{y}"));
            }
            d.push(format!("tidak: s{}", no.unwrap()));
            if g.labels {
                d.push("label: [Lengkap, Kurang]".into());
            }
            s.push_str(&format!("    keputusan: {{ {} }}\n", d.join(", ")));
        }
        if let Some(t) = next {
            s.push_str(&format!("    lanjut: s{t}\n"));
        }
    }
    s
}

/// Lays out a generated SOP; `Err` when it does not check clean, or the layout refuses
/// it (none of these SOPs is a documented refusal) or breaks the oracle.
fn build(g: &Gen) -> Result<Document, String> {
    let yaml = sop_yaml(g);
    if let Ok(path) = std::env::var("SOPC_PROPS_DUMP") {
        let _ = std::fs::write(path, &yaml);
    }
    let p = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: support::model_gen::org_yaml().into_bytes(),
        },
        vec![SopText {
            path: "t/uji.yaml".into(),
            bytes: yaml.clone().into_bytes(),
        }],
    );
    assert!(p.diags.iter().all(|d| !d.is_error()), "{:?}", p.diags);
    let ws = &p.workspaces[0];
    if let Some(d) = check::run(ws).into_iter().find(|d| d.is_error()) {
        return Err(format!("check: {} {}\n{yaml}", d.code, d.message));
    }
    let opts = LayoutOptions {
        paper: g.paper(),
        worksheets: g.worksheets,
        ..LayoutOptions::default()
    };
    let doc = layout::layout(ws, &ws.sops[0], &opts, "00000000")
        .map_err(|d| format!("layout refused: {} {}\n{yaml}", d.code, d.message))?;
    let problems = support::oracle::check_flow(&doc, &ws.sops[0]);
    if !problems.is_empty() {
        return Err(format!("layout oracle:\n{}\n{yaml}", problems.join("\n")));
    }
    Ok(doc)
}

fn actors(lanes: usize) -> impl Strategy<Value = Actors> {
    (
        0..lanes,
        proptest::collection::vec(0..lanes, 0..=2),
        0usize..100,
        any::<u8>(),
    )
        .prop_map(|(lane, others, words, joint)| Actors {
            lane,
            // About one step in five is done by several actors, in any lanes.
            others: if joint % 5 == 0 { others } else { Vec::new() },
            words,
        })
}

fn piece(lanes: usize) -> impl Strategy<Value = Piece> {
    prop_oneof![
        4 => actors(lanes).prop_map(Piece::Plain),
        1 => (actors(lanes), actors(lanes), actors(lanes)).prop_map(|(d, a, e)| Piece::IfElse(d, a, e)),
        1 => (actors(lanes), 0usize..40).prop_map(|(d, n)| Piece::LoopBack(d, n)),
        1 => (actors(lanes), actors(lanes)).prop_map(|(d, s)| Piece::YesJump(d, s)),
    ]
}

fn sops() -> impl Strategy<Value = Gen> {
    (1usize..=12, 0usize..4, any::<bool>(), any::<bool>()).prop_flat_map(
        |(lanes, paper, worksheets, labels)| {
            proptest::collection::vec(piece(lanes), 0..30).prop_map(move |pieces| Gen {
                lanes,
                pieces,
                paper,
                worksheets,
                labels,
            })
        },
    )
}

/// The default configuration with a fixed seed, so that every run of the suite (and
/// CI) tries the same cases; `PROPTEST_RNG_SEED=<number>` tries others, as the long runs
/// of tests/README.md do.
fn seeded() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(20_121_203);
    }
    config
}

/// The generated SOPs of 1 to 12 lanes, up to about 90 steps, on every paper, with and
/// without worksheets: joint steps in any lanes (decisions too), if/else with `lanjut`,
/// loops back, `ya` jumping forward, Mutu Baku texts, custom questions and labels. Every
/// one must check clean and lay out (a refusal fails), keep the invariants and the
/// oracle, and be the same when laid out twice.
#[test]
fn layout_invariants() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..seeded()
    });
    let laid = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&sops(), |g| {
        // The one documented refusal of an SOP that checks clean: no free track for an
        // arrow (docs/format.md, Limits). Counted, and kept rare below: about one case
        // in thirty is refused today, most of them of 7 lanes or more.
        let doc = match build(&g) {
            Ok(doc) => doc,
            Err(e) if e.contains("sop::layout::no-route") => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e)),
        };
        let again = build(&g).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&doc, &again, "layout is not deterministic");
        support::invariants::check(&doc, g.steps().len()).map_err(TestCaseError::fail)?;
        laid.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // At least nine cases in ten reach the layout (93 to 96.8 in a hundred in runs of
    // 200 and 1,000 cases); any
    // other refusal fails above.
    let laid = laid.into_inner();
    assert!(
        laid * 10 >= cases as usize * 9,
        "only {laid} of {cases} cases were laid out"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..seeded() })]

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
