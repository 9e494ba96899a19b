//! Code shared by the integration tests and the fuzz targets: the layout invariants,
//! the generator of SOPs from structured random bytes, the fuzz entry functions, and
//! (for the tests only) the near-valid inputs of the property tests. `fuzz/` includes
//! this folder by path, so a fuzz finding and its regression test run the very same
//! code.
#![allow(dead_code)]

pub mod entry;
pub mod flow;
pub mod invariants;
pub mod model_gen;
pub mod oracle;
// Uses proptest, which the fuzz targets do not depend on; integration tests build with
// `cfg(test)`, the fuzz targets without it.
#[cfg(test)]
pub mod near_valid;

/// The folders of SOPs in this repository, relative to its root: `sops` and every
/// folder of `examples/`, in name order.
pub fn source_folders() -> Vec<std::path::PathBuf> {
    let mut out = vec![std::path::PathBuf::from("sops")];
    let mut ex: Vec<std::path::PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    ex.sort();
    out.extend(ex);
    out
}

/// Builds the SOPs of `src` (a folder or a file) into `out` with the sopc binary of the
/// tests (`build -q`), and fails the test with its messages when it does not succeed.
/// Integration tests only: the fuzz targets have no binary to run.
#[cfg(test)]
pub fn build(src: &std::path::Path, out: &std::path::Path) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(["build", "-q", "--out"])
        .arg(out)
        .arg(src)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}: {}",
        src.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}
