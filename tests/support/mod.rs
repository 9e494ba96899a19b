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
