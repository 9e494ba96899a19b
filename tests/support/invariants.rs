//! Invariants every laid-out document keeps: every item inside its page's content box,
//! no two symbols overlapping, no arrow through a symbol or along another arrow, each
//! step drawn once, off-page connectors in pairs. The checks are the layout's own
//! ([`sopc::layout::flowchart::verify::violations`]), which refuses a flowchart that
//! breaks some of them.

use sopc::layout::Document;
use sopc::layout::flowchart::verify;
use sopc::model::Sop;

/// The step symbols a flowchart of `sop` draws, as the layout's check counts them: one
/// per step, one more for a step's second symbol (`lalu`), and the empty terminators of
/// `mulai: atas` and `selesai: bawah`. The symbols of alternative performers (`atau`)
/// and of a joint step, one in each lane, stand for one step and count once.
pub fn symbols(sop: &Sop) -> usize {
    sop.steps
        .iter()
        .map(|s| 1 + usize::from(s.then.is_some()))
        .sum::<usize>()
        + usize::from(sop.start_above.is_some())
        + usize::from(sop.end_below.is_some())
}

/// Checks every invariant of a document laid out from an SOP of `steps` step symbols
/// (see [`symbols`]); the first broken one is the error.
pub fn check(doc: &Document, steps: usize) -> Result<(), String> {
    match verify::violations(&doc.pages, steps).first() {
        Some(v) => Err(v.to_string()),
        None => Ok(()),
    }
}
