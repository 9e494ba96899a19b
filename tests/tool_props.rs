//! Property tests of the tools: whatever the input, `sopc fmt`'s rewrite never panics
//! and its result is a fixed point, and the figures and diagrams of any model that
//! loads (errors or not) are made without a panic.

mod support;

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::Index;

use sopc::canonical::canonical;
use sopc::export::{self, GraphFormat};
use sopc::load::{self, SopText};
use sopc::model::shape;
use support::near_valid::{edit, edits};

const ORG: &str = include_str!("../sops/organisasi.yaml");

const SOPS: &[&str] = &[
    include_str!("../sops/pengelolaan-surat-keluar.yaml"),
    include_str!("../sops/inventarisasi-data-umkm.yaml"),
    include_str!("../sops/penanganan-kerusakan-jaringan.yaml"),
    include_str!("../sops/penyusunan-rka.yaml"),
    include_str!("../examples/keputusan-berulang/verifikasi-berkas.yaml"),
];

fn fmt_is_a_fixed_point(text: &str) {
    for root in [&shape::SOP, &shape::ORGANISATION] {
        if let Ok(once) = canonical("t.yaml", text, root) {
            let twice = canonical("t.yaml", &once, root);
            assert!(
                matches!(&twice, Ok(t) if *t == once),
                "not a fixed point:\n{once}\n---\n{twice:?}"
            );
        }
    }
}

fn tools_never_panic(sop: &str) {
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
    for ws in &project.workspaces {
        let stats = sopc::stats::stats(ws, &ws.sops, 8.0);
        sopc::stats::to_table(&stats, None);
        sopc::stats::to_json(&stats);
        let selection: Vec<_> = ws.sops.iter().map(|s| (ws, s)).collect();
        for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Bpmn] {
            export::export(&selection, format);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fmt_of_near_valid_files(sop in any::<Index>(), edits in edits(10)) {
        let text = edit(SOPS[sop.index(SOPS.len())], &edits, true);
        fmt_is_a_fixed_point(&text);
        tools_never_panic(&text);
    }

    #[test]
    fn fmt_of_yaml_like_text(
        text in "([a-z]{1,8}: |[a-z]{1,8}|[:\\-\\[\\]{},#|>'\"]| {1,4}|\n|  - |é|–){0,80}"
    ) {
        fmt_is_a_fixed_point(&text);
        tools_never_panic(&text);
    }

    #[test]
    fn fmt_of_the_organisation_file(edits in edits(10)) {
        fmt_is_a_fixed_point(&edit(ORG, &edits, true));
    }
}
