//! # sopc, the SOP compiler
//!
//! sopc reads an office's Standard Operating Procedures (SOP Administrasi Pemerintahan,
//! Permenpan RB No. 35 Tahun 2012) written as YAML, checks them like a compiler checks a
//! program, and renders the official documents.
//!
//! The pipeline, one module per stage; later stages never read YAML text again:
//!
//! ```text
//! sops/*.yaml
//!   │ load            SourceMap of every file read; files grouped by folder   (load.rs)
//!   │ syntax::parse   spanned YAML tree: every key and scalar has a Span      (syntax/)
//!   │ model::lower    Workspace { org, sops } of typed Sop, Role, Step, ...   (model/)
//!   │ Flow::build     typed flow per SOP (StepId, petgraph), once, in Sop::flow (graph.rs)
//!   │ check::run      every error and warning, sorted by position             (check/)
//! cli: clap Args -> Config -> run the stages -> print diagnostics -> exit code (cli.rs)
//! ```
//!
//! - [`limits`]: the limits on input size, nesting and counts, and why.
//! - [`logo`]: the office logo: its path stays inside the folder; PNG or JPEG.
//! - [`source`]: [`source::SourceMap`], [`source::Span`] (byte offsets), [`source::Spanned`].
//! - [`diag`]: [`diag::Diagnostic`] with a stable code, and its human, short, JSON and
//!   GitHub forms.
//! - [`syntax`]: YAML → [`syntax::Node`] tree (the only user of the YAML library).
//! - [`model`]: the typed model and its glossary of SOP terms; [`model::lower`](mod@model::lower).
//! - [`graph`]: the flow of an SOP: its symbols as [`graph::StepId`]s, targets resolved
//!   once, shared by checks, layout, `stats` and the graph exports.
//! - [`check`]: the checks, one file per concern.
//! - [`layout`]: the display list ([`layout::Document`]) both renderers draw.
//! - [`render`]: renderers; [`render::html`] writes the HTML pages and the index.
//! - [`build`] (`sopc build`: one PDF and HTML per SOP) and [`book`] (`sopc buku`: the
//!   SOP book of a folder, [`layout::book`] laying it out as one document).
//! - [`cli`]: the command line.
//!
//! Tools beside the pipeline (docs/tools.md), each reading the model:
//!
//! - [`stats`]: `sopc stats`, figures per SOP and per role.
//! - [`export`]: `sopc graph`, the flow as Graphviz DOT, Mermaid or BPMN 2.0.
//! - [`model::shape`]: the keys of each mapping of the files as data, read by
//!   [`schema`] (`sopc schema`, a JSON Schema for editors) and [`canonical`]
//!   (`sopc fmt`, canonical key order keeping comments).
//! - [`scaffold`]: `sopc new`, a new SOP file; [`completions`]: shell completions.
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod bench;
pub mod book;
pub mod build;
pub mod canonical;
pub mod check;
pub mod cli;
pub mod completions;
pub mod diag;
pub mod export;
pub mod fingerprint;
pub mod fonts;
pub mod graph;
pub mod init;
pub mod layout;
pub mod limits;
pub mod load;
pub mod logo;
pub mod markup;
pub mod model;
pub mod output;
pub mod parallel;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod stats;
pub mod suggest;
pub mod syntax;
pub mod totals;

#[cfg(test)]
pub(crate) mod test_util;
