//! Golden layout dumps of the examples: `sopc dump --stage layout` of every SOP in
//! `examples/<case>/` is compared with `tests/golden/<case>--<sop>.layout`.
//! `BLESS=1 cargo test --test golden` rewrites them; review that diff like code.

#[path = "support/bless.rs"]
mod bless;

use std::path::{Path, PathBuf};
use std::process::Command;

fn sop_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && p.file_name().is_some_and(|n| n != "organisasi.yaml")
        })
        .collect();
    out.sort();
    out
}

fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            out.push_str(&format!(
                "line {}:\n- {}\n+ {}\n",
                i + 1,
                x.unwrap_or(&""),
                y.unwrap_or(&"")
            ));
            if out.len() > 4000 {
                out.push_str("...\n");
                break;
            }
        }
    }
    out
}

#[test]
fn example_layouts_match_their_golden_dumps() {
    let bless = bless::bless();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let case = dir.file_name().unwrap().to_string_lossy().to_string();
        for file in sop_files(&dir) {
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let out = Command::new(env!("CARGO_BIN_EXE_sopc"))
                .args(["dump", "--stage", "layout"])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let actual = String::from_utf8(out.stdout).unwrap();
            let golden = PathBuf::from(format!("tests/golden/{case}--{stem}.layout"));
            cases += 1;
            if bless {
                std::fs::write(&golden, &actual).unwrap();
                continue;
            }
            match std::fs::read_to_string(&golden) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{} differs from {} (BLESS=1 to accept):\n{}",
                    file.display(),
                    golden.display(),
                    diff(&expected, &actual)
                )),
                Err(_) => failures.push(format!(
                    "{} has no golden dump; run BLESS=1 cargo test --test golden",
                    golden.display()
                )),
            }
        }
    }
    assert!(cases >= 6, "{cases} example SOPs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The warnings of `sops/`, one line each: file, line, column, code, message.
const SOPS_WARNINGS: &str = "tests/golden/sops.warnings";

/// `sopc check sops` reports exactly the warnings of the golden list (the data-flow,
/// style and Mutu Baku checks on real SOPs): a check that starts or stops warning on
/// them shows up here. `BLESS=1` rewrites the list.
#[test]
fn sops_warnings_match_their_golden() {
    let out = Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(["check", "--format", "json", "sops"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut actual = String::new();
    for d in json["diagnostics"].as_array().unwrap() {
        actual.push_str(&format!(
            "{}:{}:{} {} {} {}: {}\n",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap(),
            d["message"].as_str().unwrap(),
            d["label"].as_str().unwrap_or("")
        ));
    }
    if bless::bless() {
        std::fs::write(SOPS_WARNINGS, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(SOPS_WARNINGS)
        .unwrap_or_else(|_| panic!("no {SOPS_WARNINGS}: run BLESS=1 cargo test --test golden"));
    assert!(
        expected == actual,
        "the warnings on sops/ changed (BLESS=1 to accept):\n{}",
        diff(&expected, &actual)
    );
}

/// The golden files of `tests/book.rs`, which reads them by these names.
const BOOK_GOLDENS: &[&str] = &["book", "book.contents", "book.outline"];

/// Every file in `tests/golden/` is compared by some test: a layout dump belongs to an
/// example SOP that still exists, and the book's files to `tests/book.rs`. A stale file
/// would otherwise sit there unnoticed after its example was renamed or removed.
#[test]
fn every_golden_file_belongs_to_a_case() {
    let mut stale = Vec::new();
    let mut book = 0;
    for entry in std::fs::read_dir("tests/golden").unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if BOOK_GOLDENS.contains(&name.as_str()) {
            book += 1;
            continue;
        }
        if Path::new("tests/golden").join(&name) == Path::new(SOPS_WARNINGS) {
            continue;
        }
        let sop = name
            .strip_suffix(".layout")
            .and_then(|n| n.split_once("--"))
            .map(|(case, stem)| {
                Path::new("examples")
                    .join(case)
                    .join(format!("{stem}.yaml"))
            });
        match sop {
            Some(sop) if sop.is_file() && !sop.ends_with("organisasi.yaml") => {}
            _ => stale.push(name),
        }
    }
    stale.sort();
    assert!(
        stale.is_empty(),
        "tests/golden/ files that no case compares (delete them, or restore their case): {stale:?}"
    );
    assert_eq!(book, BOOK_GOLDENS.len(), "the book's golden files");
    let book_rs = std::fs::read_to_string("tests/book.rs").unwrap();
    for name in BOOK_GOLDENS {
        assert!(
            book_rs.contains(&format!("\"tests/golden/{name}\"")),
            "tests/book.rs no longer reads tests/golden/{name}"
        );
    }
}
