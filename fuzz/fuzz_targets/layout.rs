//! Structured SOPs within the limits (lanes, steps, decisions, jumps, long texts):
//! a layout keeps every invariant or is a `sop::layout::…` diagnostic. See
//! `tests/support/entry.rs` and `tests/support/model_gen.rs`.
#![no_main]

#[path = "../../tests/support/mod.rs"]
mod support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| support::entry::layout_model(data));
