//! Any bytes as `organisasi.yaml` and SOP files (split at NUL bytes): loading and
//! checking never panic, every diagnostic points into its file, and an SOP that checks
//! clean lays out within the invariants and renders. See `tests/support/entry.rs`.
#![no_main]

#[path = "../../tests/support/mod.rs"]
mod support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| support::entry::load_check(data));
