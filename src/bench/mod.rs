//! Tools for measuring sopc, behind the hidden `sopc bench` command that
//! `scripts/bench` drives (see `docs/performance.md`):
//!
//! - [`generate`]: deterministic synthetic SOP folders of any size;
//! - [`stages`]: the in-process time of each stage for one SOP;
//! - [`dot`]: an SOP's steps as a Graphviz graph, to compare with `dot -Tpdf`;
//! - [`clearance`]: the breaches of the flowchart's clearance rules over SOP folders.

pub mod clearance;
pub mod dot;
pub mod generate;
pub mod stages;
