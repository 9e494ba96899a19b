//! The authoring commands, run as a user runs them: `sopc new` writes a file that checks
//! clean and never overwrites one; `sopc fmt` puts every file of `sops/` back in
//! canonical form after its keys were shuffled, changes nothing on a second run, and
//! keeps `sopc check` clean; `sopc schema` prints JSON; `sopc completions` survives a
//! closed pipe.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy_sops(to: &Path) {
    for e in std::fs::read_dir(root().join("sops")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn new_writes_a_file_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    copy_sops(dir.path());
    let d = dir.path().to_str().unwrap();
    ok(&sopc(&[
        "new",
        "Pengelolaan Arsip Dinamis",
        "--pelaksana",
        "kadin,sekretaris,arsiparis",
        "--dir",
        d,
    ]));
    let path = dir.path().join("pengelolaan-arsip-dinamis.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Every section; the optional pengesah, periksa and the empty terminators as
    // commented examples.
    for key in sopc::model::lower::SOP_KEYS {
        let want = if matches!(*key, "pengesah" | "periksa" | "mulai" | "selesai") {
            "\n# pengesah:".to_string()
        } else {
            format!("\n{key}:")
        };
        assert!(text.contains(&want), "no `{key}`:\n{text}");
    }
    assert_eq!(text.matches("\n  - pelaksana: ").count(), 3);
    // Default lanes: the first two roles of the roster.
    let out = sopc(&["new", "Surat Edaran", "--dir", d]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("add `surat-edaran` to `buku.urutan`"));
    let second = std::fs::read_to_string(dir.path().join("surat-edaran.yaml")).unwrap();
    assert!(
        second.contains("pelaksana: [kadin, sekretaris]"),
        "{second}"
    );

    // No diagnostic in the new files; organisasi.yaml's `buku.urutan` does not list
    // them yet, which `new` points out.
    let out = sopc(&["check", d, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&ok(&out).into_bytes()).unwrap();
    assert_eq!(report["errors"], 0);
    let mut unlisted = Vec::new();
    for diag in report["diagnostics"].as_array().unwrap() {
        let file = diag["file"].as_str().unwrap_or_default();
        assert!(
            !file.ends_with("pengelolaan-arsip-dinamis.yaml")
                && !file.ends_with("surat-edaran.yaml"),
            "{diag}"
        );
        if diag["code"] == "sop::buku::not-ordered" {
            unlisted.push(diag["message"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(unlisted.len(), 2, "{unlisted:?}");
    ok(&sopc(&["fmt", "--check", d]));
    let built = dir.path().join("out");
    ok(&sopc(&["build", d, "-q", "--out", built.to_str().unwrap()]));
    assert!(built.join("pengelolaan-arsip-dinamis.pdf").is_file());

    // Refuses to overwrite, and leaves the file as it was.
    std::fs::write(&path, "# edited\n").unwrap();
    let out = sopc(&["new", "Pengelolaan Arsip Dinamis", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# edited\n");

    let out = sopc(&["new", "Baru", "--pelaksana", "kadn", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `kadin`?"));
    let out = sopc(&["new", "–", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = sopc(&["new", "Baru", "--dir", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("organisasi.yaml"));
}

/// Moves every top-level key but the first to the end in reverse order, with the
/// comments right above it, and swaps the first two keys of each step written as a
/// block mapping when both are one line.
fn shuffle(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let is_key = |l: &str| !l.is_empty() && !l.starts_with([' ', '#', '-']);
    let keys: Vec<usize> = (0..lines.len()).filter(|&i| is_key(lines[i])).collect();
    let mut starts = vec![keys[0]];
    for &k in &keys[1..] {
        let mut s = k;
        while s > 0 && lines[s - 1].starts_with('#') {
            s -= 1;
        }
        starts.push(s);
    }
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for (j, &s) in starts.iter().enumerate() {
        let e = starts.get(j + 1).copied().unwrap_or(lines.len());
        blocks.push(lines[s..e].to_vec());
    }
    let mut out: Vec<String> = lines[..keys[0]].iter().map(|s| s.to_string()).collect();
    out.extend(blocks[0].iter().map(|s| s.to_string()));
    for b in blocks[1..].iter().rev() {
        out.extend(b.iter().map(|s| s.to_string()));
    }
    // Step keys.
    let one_line_key = |l: &str| {
        l.starts_with("    ")
            && !l.starts_with("     ")
            && !l.trim_start().starts_with('#')
            && l.trim_start()
                .split_once(": ")
                .is_some_and(|(_, v)| !v.is_empty())
    };
    let mut i = 0;
    while i + 2 < out.len() {
        let next_is_entry = |l: &str| {
            l.starts_with("  - ") || (l.starts_with("    ") && !l.starts_with("     ")) || is_key(l)
        };
        if out[i].starts_with("  - ")
            && !out[i].starts_with("  - {")
            && !out[i].starts_with("  - #")
            && out[i][4..]
                .split_once(": ")
                .is_some_and(|(_, v)| !v.is_empty())
            && one_line_key(&out[i + 1])
            && next_is_entry(&out[i + 2])
        {
            let first = out[i][4..].to_string();
            let second = out[i + 1][4..].to_string();
            out[i] = format!("  - {second}");
            out[i + 1] = format!("    {first}");
            i += 2;
        }
        i += 1;
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[test]
fn fmt_restores_shuffled_sops_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    copy_sops(dir.path());
    let d = dir.path().to_str().unwrap();
    // sops/ is in canonical form.
    let out = sopc(&["fmt", "--check", "sops"]);
    ok(&out);
    assert!(out.stdout.is_empty());

    let stats_before = ok(&sopc(&["stats", d, "--format", "json"]));
    let mut shuffled = 0;
    for p in yaml_files(dir.path()) {
        let text = std::fs::read_to_string(&p).unwrap();
        let s = shuffle(&text);
        if s != text {
            shuffled += 1;
        }
        std::fs::write(&p, s).unwrap();
    }
    assert_eq!(shuffled, 15);
    ok(&sopc(&["check", d, "-q"]));

    let out = sopc(&["fmt", "--check", d]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.matches("would reformat ").count(), 15, "{report}");

    ok(&sopc(&["fmt", d]));
    for p in yaml_files(dir.path()) {
        let name = p.file_name().unwrap();
        let want = std::fs::read_to_string(root().join("sops").join(name)).unwrap();
        let got = std::fs::read_to_string(&p).unwrap();
        assert_eq!(got, want, "{name:?}");
    }
    // A second run changes nothing, check is still clean, the figures are the same.
    let out = sopc(&["fmt", d]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("reformatted 0 of 15 files"));
    ok(&sopc(&["fmt", "--check", d]));
    let out = sopc(&["check", d]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains(": 0 errors,"));
    assert_eq!(ok(&sopc(&["stats", d, "--format", "json"])), stats_before);
}

#[test]
fn fmt_reports_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("sops/organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let bad = dir.path().join("rusak.yaml");
    std::fs::write(&bad, "nama: \"tidak ditutup\nnomor: x\n").unwrap();
    let out = sopc(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sop::yaml::syntax"));
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "nama: \"tidak ditutup\nnomor: x\n"
    );
    let out = sopc(&["fmt", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
}

// `sopc fmt` reports an alias that canonical order would move above its anchor at the
// alias's own line, and leaves the file as it is (issue 14, item 11).
#[test]
fn fmt_shows_an_alias_it_cannot_move_at_the_alias() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("sops/organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let text = "\
nomor: \"1/2/3\"
nama: Uji Alias
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
pelaksana: [kadin, sekretaris]
langkah:
  - pelaksana: kadin
    kegiatan: Menerima berkas
    kelengkapan: [&masuk Berkas]
    waktu: 5 menit
    output: Berkas diterima
  - pelaksana: sekretaris
    kegiatan: Memeriksa berkas
    kelengkapan: [Berkas diterima]
    waktu: 5 menit
    output: Hasil
masukan: [*masuk]
";
    // Lines ended by LF, or by a CR alone (old Mac files): the same line and column.
    for text in [text.to_string(), text.replace('\n', "\r")] {
        let text = text.as_str();
        let file = dir.path().join("alias.yaml");
        std::fs::write(&file, text).unwrap();
        for args in [vec!["fmt"], vec!["fmt", "--check"]] {
            let mut all = args.clone();
            all.extend(["--color", "never", file.to_str().unwrap()]);
            let out = sopc(&all);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.contains("sop::yaml::alias-order") && err.contains("alias.yaml:16:11]"),
                "{args:?}: {err}"
            );
            assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        }
    }
}

#[test]
fn schema_prints_json_schemas() {
    for (arg, title) in [("sop", "one SOP"), ("organisasi", "organisasi.yaml")] {
        let text = ok(&sopc(&["schema", arg]));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(v["title"].as_str().unwrap().contains(title));
        assert_eq!(v["additionalProperties"], false);
    }
    let v: serde_json::Value = serde_json::from_str(&ok(&sopc(&["schema"]))).unwrap();
    assert!(v["properties"]["langkah"].is_object());
}

#[test]
fn completions_for_every_shell_and_a_closed_pipe() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = ok(&sopc(&["completions", shell]));
        assert!(text.contains("sopc") && text.contains("stats"), "{shell}");
    }
    let out = sopc(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));

    // The reader has gone away before sopc writes (`sopc completions zsh | true`).
    for args in [
        vec!["completions", "zsh"],
        vec!["stats", "sops"],
        vec!["schema"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sopc"))
            .current_dir(root())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
