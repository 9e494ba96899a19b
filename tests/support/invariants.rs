//! Invariants every laid-out document keeps: every item inside its page's content box,
//! no two symbols overlapping, no arrow through a symbol or along another arrow, each
//! step drawn once, off-page connectors in pairs. The checks are the layout's own
//! ([`sopc::layout::flowchart::verify::violations`]), which refuses a flowchart that
//! breaks some of them.

use sopc::layout::Document;
use sopc::layout::flowchart::verify;

/// Checks every invariant of a document laid out from an SOP of `steps` steps; the
/// first broken one is the error.
pub fn check(doc: &Document, steps: usize) -> Result<(), String> {
    match verify::violations(&doc.pages, steps).first() {
        Some(v) => Err(v.to_string()),
        None => Ok(()),
    }
}
