//! `sopc build` on the real SOPs of `sops/`: every SOP gets an HTML page with one
//! `<section class="page">` per page of its display list, next to its PDF, and the
//! office's index lists them all and links only to files that exist.
//!
//! The browser tests run on the same output: `sopc build sops --out DIR`, then
//! `node tests/browser/check.mjs DIR`.

use std::path::PathBuf;
use std::process::Command;

use sopc::build;
use sopc::layout::LayoutOptions;

#[test]
fn every_sop_renders_one_section_per_page_and_the_index_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let status = Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(["build", "sops", "-q", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let (project, diags) = sopc::cli::compile(&[PathBuf::from("sops")]).unwrap();
    assert_eq!(diags.errors(), 0, "sops/ must check clean");
    let mut count = 0;
    for ws in &project.workspaces {
        let opts = LayoutOptions {
            paper: ws.org.paper,
            worksheets: true,
            hours_per_day: ws.org.hours_per_day,
        };
        for sop in &ws.sops {
            let doc = build::layout_sop(&project, ws, sop, &opts).unwrap();
            let page = std::fs::read_to_string(out.join(format!("{}.html", sop.id))).unwrap();
            assert_eq!(
                page.matches("<section class=\"page\"").count(),
                doc.pages.len(),
                "{}",
                sop.id
            );
            assert_eq!(page.matches("<script>").count(), 1, "{}", sop.id);
            assert!(page.contains("lang=\"id\""));
            assert!(out.join(format!("{}.pdf", sop.id)).is_file());
            count += 1;
        }
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(index.matches("<tr id=\"sop-").count(), ws.sops.len());
        for href in index.split("href=\"").skip(1) {
            let target = href.split('"').next().unwrap();
            if target.starts_with('#') {
                continue;
            }
            assert!(
                out.join(target).is_file(),
                "index links to missing `{target}`"
            );
        }
    }
    for (rel, _) in sopc::render::html::assets() {
        assert!(out.join(rel).is_file(), "{rel}");
    }
    assert!(count >= 14, "{count} SOPs");
}
