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

/// The text of each element of a page's sections, in document order, a screen reader's
/// words marked `[sr]`.
fn spoken(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in page.split("<span class=\"").skip(1) {
        let (class, rest) = chunk.split_once('"').unwrap();
        let text = rest
            .split_once('>')
            .unwrap()
            .1
            .split("</span>")
            .next()
            .unwrap();
        let text = text.replace("<i>", "").replace("</i>", "");
        let text = text.trim().replace("&#x2F;", "/").replace("&#x27;", "'");
        match class {
            "sr" => out.push(format!("[sr] {text}")),
            c if c == "t" || c.starts_with("t ") => out.push(text),
            _ => {}
        }
    }
    out
}

#[test]
fn a_screen_reader_hears_who_does_each_step_and_where_a_decision_leads() {
    let (project, diags) = sopc::cli::compile(&[PathBuf::from("sops")]).unwrap();
    assert_eq!(diags.errors(), 0);
    let ws = &project.workspaces[0];
    let sop = ws
        .sops
        .iter()
        .find(|s| s.id == "pengelolaan-surat-keluar")
        .unwrap();
    let opts = LayoutOptions {
        paper: ws.org.paper,
        worksheets: true,
        hours_per_day: ws.org.hours_per_day,
    };
    let doc = build::layout_sop(&project, ws, sop, &opts).unwrap();
    let templates = sopc::render::html::Templates::builtin().unwrap();
    let links = sopc::render::html::PageLinks::for_sop(&sop.id);
    let page = sopc::render::html::html(&doc, &templates, &links).unwrap();
    let words = spoken(&page);
    let at = |w: &str| {
        words
            .iter()
            .position(|x| x == w)
            .unwrap_or_else(|| panic!("no {w:?} in {words:#?}"))
    };
    // Step 3 is done in two lanes; step 4, by the Sekretaris, asks "Konsep surat
    // benar?" and goes back to step 3 when not.
    let joint = at("[sr] Pelaksana: Kepala Bidang dan Kepala Sub Bagian Umum dan Kepegawaian.");
    let exits = at("[sr] Bila ya: lanjut ke langkah 5. Bila tidak: kembali ke langkah 3.");
    let who = words[..exits]
        .iter()
        .rposition(|w| w.starts_with("[sr] Pelaksana:"))
        .unwrap();
    assert_eq!(words[who], "[sr] Pelaksana: Sekretaris.");
    let number = who + 1;
    assert_eq!(words[number], "4", "the row's words come before its number");
    assert!(joint < who);
    let question = at("Konsep surat benar?");
    assert!(
        who < question && question < exits,
        "the exits are read after the row's cells: {:#?}",
        &words[who..=exits]
    );
    assert!(
        words[exits + 1].starts_with("[sr] Pelaksana: Kepala Dinas"),
        "then the next row: {:?}",
        words[exits + 1]
    );
    // The words are hidden from sight, not from the accessibility tree.
    assert!(page.contains("<span class=\"sr\" style=\"left:"));
    assert!(!page.contains("aria-hidden=\"true\">Bila"));
    // The last row ends the procedure.
    assert!(
        words.iter().any(|w| w == "[sr] Prosedur selesai."),
        "{words:#?}"
    );
}
