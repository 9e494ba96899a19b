//! Property tests: whatever the input, loading and checking never panic, and every
//! diagnostic points inside its file, on character boundaries, and renders.

mod support;

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::Index;

use sopc::check;
use sopc::diag::{self, Diagnostics};
use sopc::load::{self, SopText};
use support::near_valid::{edit, edits};

const ORG: &str = include_str!("../sops/organisasi.yaml");

/// The real SOPs, whose lines the near-valid generator rearranges.
const SOPS: &[&str] = &[
    include_str!("../sops/pengelolaan-surat-keluar.yaml"),
    include_str!("../sops/pengelolaan-surat-masuk.yaml"),
    include_str!("../sops/penanganan-pengaduan-pra-izin.yaml"),
    include_str!("../sops/penyusunan-rka.yaml"),
    include_str!("../sops/penilaian-koperasi.yaml"),
];

/// Loads one folder of an organisation file and two SOP files (so that checks across
/// files run too), checks it, and verifies every diagnostic's place and rendering.
fn load_and_check(org: &[u8], sop: &[u8]) {
    let project = load::load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: org.to_vec(),
        },
        vec![
            SopText {
                path: "t/x.yaml".into(),
                bytes: sop.to_vec(),
            },
            SopText {
                path: "t/y.yaml".into(),
                bytes: sop.to_vec(),
            },
        ],
    );
    let mut diags: Diagnostics = project.diags.clone();
    for ws in &project.workspaces {
        diags.extend(check::run(ws));
    }
    diags.sort();
    for d in diags.iter() {
        let spans = std::iter::once(d.span).chain(d.others.iter().map(|l| l.span));
        for span in spans {
            let text = &project.sources.get(span.file).text;
            assert!(
                span.start <= span.end && span.end as usize <= text.len(),
                "{} span {span:?} outside a file of {} bytes",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start as usize)
                    && text.is_char_boundary(span.end as usize),
                "{} span {span:?} splits a character",
                d.code
            );
        }
        assert!(!d.label.is_empty(), "{} has no label", d.code);
        assert!(d.help.is_some(), "{} has no help", d.code);
        let human = diag::render_human(&project.sources, d, false, 80);
        assert!(human.contains(d.code), "{human}");
        diag::render_short(&project.sources, d);
        diag::render_github(&project.sources, d);
        diag::to_json(&project.sources, d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load_and_check(ORG.as_bytes(), text.as_bytes());
        load_and_check(text.as_bytes(), SOPS[0].as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_and_check(ORG.as_bytes(), &bytes);
        load_and_check(&bytes, SOPS[0].as_bytes());
    }

    /// Text made of YAML's punctuation reaches far more of the parser than random
    /// Unicode does.
    #[test]
    fn yaml_like_text_never_panics(
        text in "([a-z]{1,8}|[:\\-\\[\\]{},#&*!|>'\"?%@`]| {1,4}|\n|\t|é|–|📄){0,80}"
    ) {
        load_and_check(ORG.as_bytes(), text.as_bytes());
        load_and_check(text.as_bytes(), SOPS[0].as_bytes());
    }

    #[test]
    fn near_valid_sops_never_panic(sop in any::<Index>(), edits in edits(12)) {
        let text = edit(SOPS[sop.index(SOPS.len())], &edits, false);
        load_and_check(ORG.as_bytes(), text.as_bytes());
    }

    #[test]
    fn near_valid_organisations_never_panic(edits in edits(12)) {
        let text = edit(ORG, &edits, false);
        load_and_check(text.as_bytes(), SOPS[0].as_bytes());
    }
}

/// The generator's inputs are themselves fine.
#[test]
fn the_real_sops_check_without_errors() {
    for sop in SOPS {
        let project = load::load_texts(
            PathBuf::from("t"),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: ORG.as_bytes().to_vec(),
            },
            vec![SopText {
                path: "t/x.yaml".into(),
                bytes: sop.as_bytes().to_vec(),
            }],
        );
        let mut diags = project.diags.clone();
        for ws in &project.workspaces {
            diags.extend(check::run(ws));
        }
        // Only keterkaitan and the book's urutan, naming the other real SOPs, absent
        // here, may fail.
        assert!(
            diags.iter().all(|d| !d.is_error()
                || d.code == "sop::ref::unknown-sop"
                || d.code == "sop::buku::unknown-sop"),
            "{:?}",
            diags.iter().filter(|d| d.is_error()).collect::<Vec<_>>()
        );
    }
}
