//! Stage 4: the checks of a lowered [`Workspace`], each in its own file. They push into
//! one list and never stop early, so a run reports every problem of every file.
//!
//! | file | what it checks |
//! | --- | --- |
//! | [`identity`] | nomor, dates and their order, pengesah and NIP, unique nomor, one spelling per pengesah |
//! | [`legal`] | the `dasar_hukum` library: one entry per regulation, one number per title |
//! | [`actors`] | lanes and step actors against the roster; unused lanes; spellings |
//! | [`flow`] | decisions, jumps, reachability, dead ends (on the resolved [`crate::graph::Flow`]) |
//! | [`quality`] | Mutu Baku: kelengkapan, waktu, output |
//! | [`refs`] | keterkaitan and dasar hukum ids |
//! | [`book`] | the SOP book (`buku:`): urutan, mengingat, the decree's and penjelasan's text |
//! | [`levels`] | the codes named in `periksa:`; applies their levels to the diagnostics |
//! | [`style`] | kegiatan written as an active verb, not with the actor as subject |

pub mod actors;
pub mod baseline;
pub mod book;
#[cfg(test)]
mod fixture;
pub mod flow;
pub mod identity;
pub mod legal;
pub mod levels;
pub mod quality;
pub mod refs;
pub mod sarif;
pub mod style;

use crate::diag::Diagnostic;
use crate::limits;
use crate::model::Workspace;
use crate::suggest;

/// Runs every check on every SOP of the workspace.
pub fn run(ws: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if ws.org_broken {
        // Without the roster and the legal bases, every reference would be reported.
        for sop in ws.sops.iter().filter(|s| !s.over_limit) {
            flow::sop(sop, &sop.flow, &mut out);
        }
        return out;
    }
    levels::check(ws, &mut out);
    identity::org(ws, &mut out);
    actors::roster(ws, &mut out);
    identity::unique_numbers(ws, &mut out);
    identity::signer_spellings(ws, &mut out);
    legal::library(ws, &mut out);
    legal::numbers(ws, &mut out);
    book::run(ws, &mut out);
    for sop in &ws.sops {
        suggest::with_budget(limits::MAX_SUGGESTION_COMPARISONS, || {
            identity::sop(ws, sop, &mut out);
            refs::sop(ws, sop, &mut out);
            if sop.over_limit {
                // Steps or lanes were cut at their limit (already an error): the flow
                // and the actors of a cut SOP would only report the cut.
                return;
            }
            actors::sop(ws, sop, &mut out);
            flow::sop(sop, &sop.flow, &mut out);
            quality::sop(ws, sop, &sop.flow, &mut out);
            style::sop(ws, sop, &mut out);
        });
    }
    out
}
