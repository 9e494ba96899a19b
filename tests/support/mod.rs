//! Code shared by the integration tests and the fuzz targets: the layout invariants,
//! the generator of SOPs from structured random bytes, and the fuzz entry functions.
//! `fuzz/` includes this folder by path, so a fuzz finding and its regression test run
//! the very same code.
#![allow(dead_code)]

pub mod entry;
pub mod invariants;
pub mod model_gen;
