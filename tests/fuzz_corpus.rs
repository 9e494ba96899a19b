//! Every file of the fuzz corpus (`fuzz/corpus/<target>/`) through its fuzz target's
//! entry function, in a normal `cargo test`: the seeds, the inputs fuzzing found
//! interesting, and every input that once broke sopc (named `regression-…`) stay tests.
//! Fuzzing itself is described in `fuzz/README.md`.

mod support;

use std::path::Path;

fn run_corpus(target: &str, entry: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let name = f.display().to_string();
        if std::panic::catch_unwind(|| entry(&bytes)).is_err() {
            panic!("{name} fails");
        }
    }
}

#[test]
fn load_check_corpus() {
    run_corpus("load_check", support::entry::load_check);
}

#[test]
fn layout_corpus() {
    run_corpus("layout", support::entry::layout_model);
}
