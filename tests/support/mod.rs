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
