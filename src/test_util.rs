//! Helpers for unit tests: build a model from inline YAML.

use std::path::PathBuf;

use crate::check;
use crate::load::{Project, SopText, load_texts};
use crate::model::Sop;

/// A small organisation file with roles `a`, `b`, `c` and one legal basis.
pub const ORG: &str = r#"
pemerintah: Pemerintah Kabupaten Contoh
instansi: Dinas Contoh
pengesah: { jabatan: Kepala Dinas, nama: Budi, pangkat: Pembina, nip: "19641222 198903 1 009" }
dasar_hukum: { perda-1: Peraturan Daerah Nomor 1 }
pelaksana:
  a: { jabatan: Kepala Dinas, singkatan: Kadin }
  b: { jabatan: Sekretaris }
  c: { jabatan: Kepala Sub Bagian Umum }
"#;

/// A project of one SOP file `x.yaml` with this text (header fields added when absent).
pub fn project(yaml: &str) -> Project {
    project_with(ORG, yaml)
}

/// Like [`project`], with another organisation file.
pub fn project_with(org: &str, yaml: &str) -> Project {
    let mut text = String::new();
    if !yaml.contains("nomor:") {
        text.push_str("nomor: \"1/2/3\"\n");
    }
    if !yaml.contains("nama:") {
        text.push_str("nama: Contoh\n");
    }
    if !yaml.contains("tanggal:") {
        text.push_str("tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\n");
    }
    text.push_str(yaml);
    load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: org.as_bytes().to_vec(),
        },
        vec![SopText {
            path: "t/x.yaml".into(),
            bytes: text.into_bytes(),
        }],
    )
}

/// The one SOP of [`project`].
pub fn sop_from(yaml: &str) -> Sop {
    let p = project(yaml);
    assert!(p.diags.is_empty(), "{:?}", p.diags);
    p.workspaces[0].sops[0].clone()
}

/// Loads and checks like `sopc check`: every diagnostic, sorted, as its code and the
/// text under its primary label.
pub fn check_with(org: &str, yaml: &str) -> Vec<(&'static str, String)> {
    let p = project_with(org, yaml);
    let mut diags = p.diags.clone();
    for ws in &p.workspaces {
        diags.extend(check::run(ws));
    }
    diags.sort();
    diags
        .iter()
        .map(|d| (d.code, p.sources.text(d.span).to_string()))
        .collect()
}

/// [`check_with`] the organisation file [`ORG`].
pub fn check_sop(yaml: &str) -> Vec<(&'static str, String)> {
    check_with(ORG, yaml)
}
