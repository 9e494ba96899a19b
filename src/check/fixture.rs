//! A small folder for the unit tests of the checks: an organisation with one role `a`
//! and SOPs of one step, each with a line of its own.

use std::path::PathBuf;

use crate::load::{Project, SopText, load_texts};

/// The folder of `organisasi.yaml` (`instansi`, one role `a`, then `org_tail`) and one
/// SOP per line of `sop_lines` (its `nomor`, `nama` and `tanggal`, that line, and one
/// step of role `a`). Loading it gives no diagnostic.
pub(crate) fn project(org_tail: &str, sop_lines: &[String]) -> Project {
    let sops = sop_lines
        .iter()
        .enumerate()
        .map(|(i, line)| SopText {
            path: format!("t/s{i}.yaml").into(),
            bytes: format!(
                "nomor: \"{i}/2/3\"\nnama: S{i}\ntanggal: {{ pembuatan: 2019-01-02, efektif: 2019-01-02 }}\n{line}\npelaksana: [a]\nlangkah:\n  - {{ pelaksana: a, kegiatan: Mulai, kelengkapan: [x], waktu: 1 jam, output: y }}\n"
            )
            .into_bytes(),
        })
        .collect();
    let p = load_texts(
        PathBuf::from("t"),
        SopText {
            path: "t/organisasi.yaml".into(),
            bytes: format!("instansi: Dinas\npelaksana:\n  a: {{ jabatan: A }}\n{org_tail}")
                .into_bytes(),
        },
        sops,
    );
    assert!(p.diags.is_empty(), "{:?}", p.diags);
    p
}
