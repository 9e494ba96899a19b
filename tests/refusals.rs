//! End to end: SOPs that check clean but that the layout must refuse. `sopc build` and
//! `sopc buku` report the `sop::layout::…` diagnostic at the text that causes it, exit 1,
//! and write no PDF or HTML of the refused SOP (nor a book holding it), while the other
//! SOPs of the folder are still built.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::model_gen::org_yaml;

/// A step in lane `lane` with this kegiatan, and more YAML lines (indented 4).
fn step(i: usize, lane: usize, kegiatan: &str, more: &str) -> String {
    format!(
        "  - id: s{i}\n    pelaksana: r{lane}\n    kegiatan: \"{kegiatan}\"\n    kelengkapan: Berkas\n    waktu: 5 menit\n    output: Berkas\n{more}"
    )
}

fn sop(nomor: &str, lanes: usize, steps: &str) -> String {
    let lanes: Vec<String> = (0..lanes).map(|k| format!("r{k}")).collect();
    format!(
        "nomor: \"{nomor}\"\nnama: Prosedur Uji {nomor}\ntanggal: {{ pembuatan: 2020-01-02, efektif: 2020-01-02 }}\nmasukan: Berkas\npelaksana: [{}]\nlangkah:\n{steps}",
        lanes.join(", ")
    )
}

/// A kegiatan too long for one page (`sop::layout::too-tall`).
fn too_tall() -> String {
    let long = "berkas permohonan ".repeat(300)[..5000].trim().to_string();
    sop(
        "1/1/1",
        2,
        &(step(0, 0, &long, "") + &step(1, 1, "Menerima", "")),
    )
}

/// An exit label wider than a lane (`sop::layout::label-too-wide`).
fn label_too_wide() -> String {
    let label = "Pemberitahuan".repeat(17);
    let steps = step(0, 0, "Menerima", "")
        + &step(
            1,
            1,
            "Memeriksa",
            &format!("    keputusan: {{ tidak: s0, label: [{label}, Tidak] }}\n"),
        )
        + &step(2, 2, "Mengirim", "");
    sop("1/1/2", 3, &steps)
}

fn clean() -> String {
    sop(
        "1/1/3",
        2,
        &(step(0, 0, "Menerima berkas", "") + &step(1, 1, "Memeriksa berkas", "")),
    )
}

/// A folder with the organisation file and these SOP files.
fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sops = dir.path().join("sops");
    std::fs::create_dir(&sops).unwrap();
    std::fs::write(sops.join("organisasi.yaml"), org_yaml()).unwrap();
    for (name, text) in files {
        std::fs::write(sops.join(name), text).unwrap();
    }
    dir
}

fn sopc(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).expect("needle in the text");
    1 + text[..at].matches('\n').count() as u64
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn each_refusal_alone_is_one_error_and_no_files() {
    for (name, text, code) in [
        ("panjang.yaml", too_tall(), "sop::layout::too-tall"),
        (
            "label.yaml",
            label_too_wide(),
            "sop::layout::label-too-wide",
        ),
    ] {
        let dir = folder(&[(name, text)]);
        // `check` does not lay out: the SOP checks clean.
        let check = sopc(dir.path(), &["check", "sops"]);
        assert_eq!(check.status.code(), Some(0), "{name}: check");
        let out = sopc(dir.path(), &["build", "sops", "-o", "out"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(code), "{name}: {stderr}");
        assert!(stderr.contains("1 error,"), "{name}: {stderr}");
        assert!(stderr.contains("built 0 of 1 SOPs"), "{name}: {stderr}");
        let stem = name.trim_end_matches(".yaml");
        let written = files_in(&dir.path().join("out"));
        assert!(
            !written.iter().any(|f| f.starts_with(stem)),
            "{name}: {written:?}"
        );
    }
}

#[test]
fn build_reports_refusals_at_their_text_and_builds_the_rest() {
    for jobs in ["1", "3"] {
        let tall = too_tall();
        let wide = label_too_wide();
        let dir = folder(&[
            ("baik.yaml", clean()),
            ("label.yaml", wide.clone()),
            ("panjang.yaml", tall.clone()),
        ]);
        let out = sopc(
            dir.path(),
            &["build", "sops", "-o", "out", "--format", "json", "-j", jobs],
        );
        assert_eq!(out.status.code(), Some(1), "-j {jobs}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["errors"], 2, "{json}");
        let diags = json["diagnostics"].as_array().unwrap();
        let found: Vec<(&str, &str, u64)> = diags
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap(),
                    d["code"].as_str().unwrap(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "sops/label.yaml",
                    "sop::layout::label-too-wide",
                    line_of(&wide, "label: [")
                ),
                (
                    "sops/panjang.yaml",
                    "sop::layout::too-tall",
                    line_of(&tall, "kegiatan: \"berkas")
                ),
            ],
            "-j {jobs}"
        );
        for d in diags {
            assert_eq!(d["severity"], "error");
            assert!(!d["help"].as_str().unwrap_or("").is_empty(), "{d}");
        }
        let written = files_in(&dir.path().join("out"));
        assert!(written.contains(&"baik.pdf".to_string()), "{written:?}");
        assert!(written.contains(&"baik.html".to_string()), "{written:?}");
        for refused in ["label", "panjang"] {
            assert!(
                !written.iter().any(|f| f.starts_with(refused)),
                "-j {jobs}: {written:?}"
            );
        }
        // The index lists every SOP but links only the pages that were written.
        let index = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
        assert!(index.contains("href=\"baik.pdf\""), "{index}");
        assert!(!index.contains("panjang.pdf") && !index.contains("label.pdf"));
        assert!(
            index.contains("Prosedur Uji 1/1/1"),
            "refused SOPs are listed"
        );
    }
}

#[test]
fn a_book_with_a_refused_sop_is_not_written() {
    let dir = folder(&[("baik.yaml", clean()), ("panjang.yaml", too_tall())]);
    let out = sopc(dir.path(), &["buku", "sops", "-o", "out/buku.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("sop::layout::too-tall"), "{stderr}");
    let written = files_in(&dir.path().join("out"));
    assert!(
        !written.iter().any(|f| f.starts_with("buku")),
        "{written:?}"
    );
}
