//! `sopc graph` on the real SOPs of `sops/`:
//!
//! - BPMN: every SOP alone, the whole folder as one collaboration of 14 pools, and each
//!   folder of `examples/` is read by bpmn-moddle with no warning and passes bpmnlint's
//!   recommended rules (`tests/bpmn/check.mjs`, npm packages pinned in
//!   `tests/bpmn/package-lock.json`);
//! - DOT: Graphviz renders every SOP and every example;
//! - exit codes and output files.
//!
//! The ecosystem checks need `node` and `npm ci` in `tests/bpmn` (and Graphviz for
//! DOT). Where they are missing the test prints a note and passes, except in CI
//! (`CI=true`), where it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sopc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn sop_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("sops"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            sopc::load::is_sop_file(&p)
                .then(|| p.file_stem().unwrap().to_str().unwrap().to_string())
        })
        .collect();
    ids.sort();
    ids
}

/// `Ok(())` when a tool is there; otherwise a note, or a failure in CI.
fn require(what: &str, ok: bool, how: &str) -> bool {
    if ok {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "{what} is missing in CI: {how}");
    eprintln!("note: skipped, {what} is missing ({how})");
    false
}

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
        || Command::new(cmd)
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
}

fn write_bpmn(dir: &Path) -> usize {
    let mut n = 0;
    for id in sop_ids() {
        let out = dir.join(format!("{id}.bpmn"));
        let r = sopc(&[
            "graph",
            &format!("sops/{id}.yaml"),
            "--format",
            "bpmn",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            r.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        n += 1;
    }
    let all = dir.join("all-sops.bpmn");
    let r = sopc(&[
        "graph",
        "sops",
        "--format",
        "bpmn",
        "-o",
        all.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    n += 1;
    for ex in examples() {
        let name = ex.file_name().unwrap().to_str().unwrap().to_string();
        let out = dir.join(format!("example-{name}.bpmn"));
        let r = sopc(&[
            "graph",
            ex.to_str().unwrap(),
            "--format",
            "bpmn",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            r.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        n += 1;
    }
    n
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

#[test]
fn bpmn_is_read_by_bpmn_moddle_and_passes_bpmnlint() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_bpmn(dir.path());
    assert_eq!(files, 15 + examples().len());
    let all = std::fs::read_to_string(dir.path().join("all-sops.bpmn")).unwrap();
    assert_eq!(all.matches("<bpmn:participant ").count(), 14);

    let tests = root().join("tests/bpmn");
    if !require("node", have("node"), "install Debian's nodejs")
        || !require(
            "tests/bpmn/node_modules",
            tests.join("node_modules/bpmnlint").is_dir()
                && tests.join("node_modules/bpmn-moddle").is_dir(),
            "run `npm ci` in tests/bpmn",
        )
    {
        return;
    }
    let out = Command::new("node")
        .arg(tests.join("check.mjs"))
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", 3 * files)),
        "{stdout}"
    );
}

#[test]
fn graphviz_renders_every_sop() {
    if !require("dot", have("dot"), "install Debian's graphviz") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = sop_ids()
        .into_iter()
        .map(|id| (id.clone(), format!("sops/{id}.yaml")))
        .chain(examples().into_iter().map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (name, p.to_str().unwrap().to_string())
        }));
    for (id, input) in inputs {
        let dot = dir.path().join(format!("{id}.dot"));
        let r = sopc(&["graph", &input, "-o", dot.to_str().unwrap()]);
        assert!(r.status.success(), "{id}");
        let svg = Command::new("dot").arg("-Tsvg").arg(&dot).output().unwrap();
        let err = String::from_utf8_lossy(&svg.stderr);
        assert!(svg.status.success() && err.trim().is_empty(), "{id}: {err}");
        let svg = String::from_utf8_lossy(&svg.stdout);
        assert!(svg.contains("<svg"), "{id}");
        assert!(svg.contains("1. "), "{id}: step 1 is drawn");
    }
}

#[test]
fn mermaid_names_every_step_and_lane() {
    let out = sopc(&[
        "graph",
        "sops/pengelolaan-surat-keluar.yaml",
        "--format",
        "mermaid",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for step in 1..=5 {
        assert!(text.contains(&format!("s1_{step}")), "{text}");
    }
    assert!(text.contains("subgraph sop1_lane3[\"Kasubbag Umum dan Kepegawaian\"]"));
    assert!(text.contains("s1_4q -->|\"Tidak\"| s1_3"), "{text}");
}

/// The lanes are written in the order of `pelaksana` (neither the order of the steps nor
/// of the names), and a lane whose pelaksana only works together with another holds an
/// invisible node: Mermaid draws an empty subgraph as a node, one more box that would
/// read as a step. Issue #16, "Outputs for the archive", item 6.
#[test]
fn mermaid_keeps_the_lane_order_and_draws_no_empty_lane_as_a_step() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/bersama/organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let sop = dir.path().join("lajur.yaml");
    std::fs::write(
        &sop,
        r#"nomor: "555/04/DISKOMINFO/2024"
nama: Pemeriksaan Bersama
tanggal: { pembuatan: 2024-03-01, efektif: 2024-03-04 }
masukan: [Nota dinas]
pelaksana: [pranata, kadin, kasi, kabid]
langkah:
  - { pelaksana: kabid, kegiatan: Menerima nota dinas, kelengkapan: [Nota dinas], waktu: 10 menit, output: Disposisi }
  - { pelaksana: [pranata, kasi], kegiatan: Memeriksa bersama, kelengkapan: [Disposisi], waktu: 10 menit, output: Hasil }
  - { pelaksana: kadin, kegiatan: Menerima hasil, kelengkapan: [Hasil], waktu: 10 menit, output: Selesai }
"#,
    )
    .unwrap();
    let out = sopc(&["graph", sop.to_str().unwrap(), "--format", "mermaid"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();

    // Each lane's title and what it holds, in the order written.
    let mut lanes: Vec<(String, Vec<String>)> = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("subgraph ") {
            let title = rest.split_once("[\"").unwrap().1.trim_end_matches("\"]");
            lanes.push((title.to_string(), Vec::new()));
            inside = true;
        } else if line == "end" {
            inside = false;
        } else if inside {
            lanes.last_mut().unwrap().1.push(line.to_string());
        }
    }
    let titles: Vec<&str> = lanes.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Pranata Komputer",
            "Kadin",
            "Kasi Infrastruktur",
            "Kabid Aptika"
        ],
        "{text}"
    );
    let held: Vec<Vec<&str>> = lanes
        .iter()
        .map(|(_, nodes)| {
            nodes
                .iter()
                .map(|n| n.split(['[', '(']).next().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        held,
        [vec!["s1_2"], vec!["s1_3"], vec!["s1_lane2"], vec!["s1_1"]],
        "every lane holds a node, every step once: {text}"
    );
    assert!(
        text.contains("    s1_lane2[\" \"]\n")
            && text.contains("\n  style s1_lane2 fill:none,stroke:none\n"),
        "the empty lane's node has no text, fill or outline: {text}"
    );
    assert!(!text.contains("s1_lane2 -"), "nothing links to it: {text}");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let sops = root().join("sops");
    std::fs::copy(
        sops.join("organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let bad = dir.path().join("rusak.yaml");
    std::fs::write(
        &bad,
        "nomor: \"1/2\"\nnama: Rusak\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\npelaksana: [kadin]\nlangkah:\n  - { pelaksana: kadin, kegiatan: Menerima, lanjut: nowhere }\n",
    )
    .unwrap();
    let out = sopc(&["graph", bad.to_str().unwrap(), "--format", "bpmn"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sop::flow::unknown-target"));

    let out = sopc(&["graph", "sops/no-such.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sopc(&["graph"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sopc(&["graph", "sops", "--format", "svg"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sopc(&[
        "graph",
        "sops/pengelolaan-surat-keluar.yaml",
        "-o",
        "/no/such/dir/x.dot",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
