//! `sopc build` renders SOPs on several threads; its output must not depend on how
//! many. Builds the seed SOPs of sops/ and a generated folder with one thread and with
//! three, and compares every file written byte for byte, and what was printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sopc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sopc"));
    c.env_remove("SOPC_JOBS").env("NO_COLOR", "1");
    c
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Builds `input` with `jobs` threads (by `--jobs`, or by `SOPC_JOBS` when `by_env`)
/// into `out`; the exit code and what was printed.
fn build(input: &Path, out: &Path, jobs: usize, by_env: bool) -> (Option<i32>, String, String) {
    let mut c = sopc();
    c.arg("build").arg(input).arg("--out").arg(out);
    if by_env {
        c.env("SOPC_JOBS", jobs.to_string());
    } else {
        c.args(["--jobs", &jobs.to_string()]);
    }
    let o = c.output().unwrap();
    let err = String::from_utf8(o.stderr)
        .unwrap()
        .replace(&out.display().to_string(), "OUT");
    (o.status.code(), String::from_utf8(o.stdout).unwrap(), err)
}

fn same_with_one_and_three_threads(input: &Path, min_files: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let (one, three, env) = (
        tmp.path().join("one"),
        tmp.path().join("three"),
        tmp.path().join("env"),
    );
    let a = build(input, &one, 1, false);
    let b = build(input, &three, 3, false);
    let c = build(input, &env, 3, true);
    assert_eq!(a.0, Some(0), "{}", a.2);
    assert_eq!(a, b, "exit code, stdout and stderr");
    assert_eq!(a, c, "exit code, stdout and stderr with SOPC_JOBS");
    let (fa, fb, fc) = (files(&one), files(&three), files(&env));
    assert!(fa.len() >= min_files, "{} files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(fb[path] == *bytes, "{} differs", path.display());
        assert!(
            fc[path] == *bytes,
            "{} differs with SOPC_JOBS",
            path.display()
        );
    }
}

#[test]
fn seed_sops_build_the_same_on_one_and_three_threads() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops");
    // 14 SOPs: a PDF and an HTML page each, index.html and the fonts.
    same_with_one_and_three_threads(&seeds, 2 * 14 + 1);
}

#[test]
fn generated_sops_build_the_same_on_one_and_three_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sops");
    let o = sopc()
        .args(["bench", "generate", "--count", "12", "--seed", "7"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    same_with_one_and_three_threads(&dir, 2 * 12 + 1);
}

#[test]
fn a_single_sop_file_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops/pengelolaan-surat-masuk.yaml");
    let (code, _, err) = build(&file, tmp.path(), 2, false);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<PathBuf> = files(tmp.path()).into_keys().collect();
    for name in [
        "pengelolaan-surat-masuk.pdf",
        "pengelolaan-surat-masuk.html",
        "index.html",
    ] {
        assert!(names.contains(&PathBuf::from(name)), "{names:?}");
    }
}

/// `sopc buku` lays out and renders the book's parts on several threads and writes them
/// in order: the files are the same for one and three threads.
#[test]
fn the_book_is_the_same_on_one_and_three_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = tmp.path().join("generated");
    let st = sopc()
        .args(["bench", "generate"])
        .arg(&generated)
        .args(["--count", "12", "--seed", "3"])
        .status()
        .unwrap();
    assert!(st.success());
    for input in [Path::new("sops"), generated.as_path()] {
        let mut outs = Vec::new();
        for jobs in ["1", "3"] {
            let out = tmp.path().join(format!("j{jobs}"));
            let o = sopc()
                .args(["buku", "-q", "-j", jobs])
                .arg(input)
                .arg("--out")
                .arg(out.join("buku.pdf"))
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            outs.push(files(&out));
        }
        assert!(outs[0].len() >= 3, "{:?}", outs[0].keys());
        assert!(outs[0] == outs[1], "{}: the book differs", input.display());
    }
}
