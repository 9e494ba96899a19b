//! Stage 5: layout of one SOP into a [`Document`]: pages of positioned text, frames,
//! symbols and arrows (the display list that both renderers draw).

pub mod document;
pub mod text;

pub use document::Document;
