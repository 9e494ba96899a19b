//! Stage 6: rendering. Each renderer takes the laid-out [`Document`](crate::layout::Document)
//! (the display list) and translates it into one output format without making layout
//! decisions of its own: [`pdf::pdf`] gives PDF bytes, [`html::html`] an HTML page.

pub mod html;
pub mod pdf;

pub use pdf::pdf;
