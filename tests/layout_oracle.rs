//! The layout oracle (`tests/support/oracle.rs`) on every SOP of `sops/` and of
//! `examples/`, on every paper with and without worksheets; and the oracle itself shown
//! to notice a dropped arrow, a moved symbol and a label at the wrong arrow.

mod support;

use std::path::PathBuf;

use sopc::layout::document::{Item, Point};
use sopc::layout::{Document, LayoutOptions};
use sopc::load::Project;
use sopc::model::{Paper, Sop};
use support::oracle;

fn folders() -> Vec<PathBuf> {
    support::source_folders()
}

fn compile(dir: &PathBuf) -> Project {
    let (project, diags) = sopc::cli::compile(std::slice::from_ref(dir)).unwrap();
    assert_eq!(diags.errors(), 0, "{} checks clean", dir.display());
    project
}

fn lay_out(project: &Project, sop: &Sop, paper: Paper, worksheets: bool) -> Document {
    let ws = &project.workspaces[0];
    let opts = LayoutOptions {
        paper,
        worksheets,
        hours_per_day: ws.org.hours_per_day,
    };
    sopc::build::layout_sop(project, ws, sop, &opts)
        .unwrap_or_else(|d| panic!("{}: {:?}", sop.id, d))
}

#[test]
fn every_sop_and_example_is_drawn_as_its_flow() {
    let mut failures = Vec::new();
    let mut laid = 0;
    for dir in folders() {
        let project = compile(&dir);
        for sop in &project.workspaces[0].sops {
            // The oracle states one symbol per row (see `support::flow::in_scope`).
            if !support::flow::in_scope(sop) {
                continue;
            }
            for (_, paper) in Paper::ALL {
                for worksheets in [true, false] {
                    let doc = lay_out(&project, sop, paper, worksheets);
                    laid += 1;
                    for p in oracle::check(&doc, sop) {
                        failures.push(format!("{} ({paper:?}): {p}", sop.id));
                    }
                }
            }
        }
    }
    assert!(laid >= 8 * 20, "{laid} layouts");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A real SOP with decisions, loops and a page break.
fn sample() -> (Project, usize) {
    let project = compile(&PathBuf::from("sops"));
    let at = project.workspaces[0]
        .sops
        .iter()
        .position(|s| s.steps.iter().filter(|s| s.is_decision()).count() >= 1)
        .expect("a SOP with a decision");
    (project, at)
}

fn arrows(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for (k, it) in page.items.iter().enumerate() {
            if matches!(it.item, Item::Arrow(_)) {
                out.push((p, k));
            }
        }
    }
    out
}

#[test]
fn the_oracle_sees_a_missing_arrow() {
    let (project, at) = sample();
    let sop = &project.workspaces[0].sops[at];
    let doc = lay_out(&project, sop, Paper::A4, false);
    assert!(oracle::check(&doc, sop).is_empty());
    for (p, k) in arrows(&doc) {
        let mut bad = doc.clone();
        bad.pages[p].items.remove(k);
        assert!(
            !oracle::check(&bad, sop).is_empty(),
            "arrow {k} of page {p} removed unnoticed"
        );
    }
}

#[test]
fn the_oracle_sees_an_arrow_to_the_wrong_step() {
    let (project, at) = sample();
    let sop = &project.workspaces[0].sops[at];
    let doc = lay_out(&project, sop, Paper::A4, false);
    let mut tried = 0;
    for (p, k) in arrows(&doc) {
        // Reverse the arrow: it now leaves its target and enters its source.
        let mut bad = doc.clone();
        if let Item::Arrow(a) = &mut bad.pages[p].items[k].item {
            a.path.reverse();
            bad.pages[p].items[k].at = a.path[0];
        }
        tried += 1;
        assert!(
            !oracle::check(&bad, sop).is_empty(),
            "reversed arrow {k} unnoticed"
        );
    }
    assert!(tried > 3);
}

#[test]
fn the_oracle_sees_a_symbol_out_of_its_lane_or_row() {
    let (project, at) = sample();
    let sop = &project.workspaces[0].sops[at];
    let doc = lay_out(&project, sop, Paper::A4, false);
    for (dx, dy) in [(120.0, 0.0), (-120.0, 0.0), (0.0, 60.0)] {
        let mut bad = doc.clone();
        let page = bad
            .pages
            .iter_mut()
            .find(|p| p.items.iter().any(|i| matches!(i.item, Item::Symbol(_))))
            .unwrap();
        let s = page
            .items
            .iter_mut()
            .find(|i| matches!(i.item, Item::Symbol(_)))
            .unwrap();
        s.at = Point::new(s.at.x + dx, s.at.y + dy);
        assert!(
            !oracle::check(&bad, sop).is_empty(),
            "symbol moved by {dx},{dy} unnoticed"
        );
    }
}

#[test]
fn the_oracle_sees_exit_labels_exchanged() {
    let (project, at) = sample();
    let sop = &project.workspaces[0].sops[at];
    let doc = lay_out(&project, sop, Paper::A4, false);
    let d = sop.steps.iter().find_map(|s| s.decision.as_ref()).unwrap();
    let (yes, no) = (d.labels[0].value.clone(), d.labels[1].value.clone());
    let mut bad = doc.clone();
    let mut swapped = 0;
    for page in &mut bad.pages {
        if !page.items.iter().any(|i| matches!(i.item, Item::Symbol(_))) {
            continue;
        }
        for it in &mut page.items {
            if let Item::Text(t) = &mut it.item
                && t.font == sopc::layout::document::Font::Regular
                && (t.text == yes || t.text == no)
                && (t.size - sopc::layout::style::LABEL).abs() < 1e-9
            {
                t.text = if t.text == yes {
                    no.clone()
                } else {
                    yes.clone()
                };
                swapped += 1;
            }
        }
    }
    assert!(swapped >= 2);
    assert!(
        !oracle::check(&bad, sop).is_empty(),
        "exchanged labels unnoticed"
    );
}
