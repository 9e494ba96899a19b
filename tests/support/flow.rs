//! The flow an SOP file writes, worked out from the model alone (the following step,
//! `lanjut` with one or several targets, a decision's `ya` and `tidak` or its `cabang`,
//! with their labels, and `simbol: selesai`), not from `sopc::graph`: what the exports
//! and the drawn flowchart are compared with.
//!
//! Its scope: one symbol per row. SOPs with a second symbol in a row (`lalu`),
//! alternative performers (`atau`), empty terminators (`mulai: atas`, `selesai:
//! bawah`) or information arrows are outside it ([`in_scope`]); the tests that use it
//! say how many SOPs they compared.

use sopc::model::{Sop, SymbolKind};

/// True when this model states the whole flow of `sop` (see the module documentation).
pub fn in_scope(sop: &Sop) -> bool {
    sop.start_above.is_none()
        && sop.end_below.is_none()
        && sop
            .steps
            .iter()
            .all(|s| s.then.is_none() && !s.alternative && s.info.is_empty())
}

/// One arrow the SOP asks for: step indices (0-based), `to: None` where a decision's
/// `ya` has no step to go to and the flow ends; `label` for a decision's exits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FlowEdge {
    pub from: usize,
    pub to: Option<usize>,
    pub label: Option<String>,
}

/// Every arrow of the SOP, in step order (a decision's `ya` before its `tidak`).
pub fn edges(sop: &Sop) -> Vec<FlowEdge> {
    let n = sop.steps.len();
    let by_id = |id: &str| {
        sop.steps
            .iter()
            .position(|s| s.id.as_ref().is_some_and(|i| i.value == id))
            .unwrap_or_else(|| panic!("{}: unknown target {id}", sop.id))
    };
    let mut out = Vec::new();
    for (i, step) in sop.steps.iter().enumerate() {
        let following = (i + 1 < n).then_some(i + 1);
        if step
            .symbol
            .as_ref()
            .is_some_and(|k| k.value == SymbolKind::End)
        {
            out.push(FlowEdge {
                from: i,
                to: None,
                label: None,
            });
            continue;
        }
        match &step.decision {
            Some(d) if !d.branches.is_empty() => {
                for b in &d.branches {
                    out.push(FlowEdge {
                        from: i,
                        to: Some(by_id(&b.to.value)),
                        label: b.label.as_ref().map(|l| l.value.clone()),
                    });
                }
            }
            Some(d) => {
                let yes = d.yes.as_ref().map(|t| by_id(&t.value)).or(following);
                out.push(FlowEdge {
                    from: i,
                    to: yes,
                    label: Some(d.labels[0].value.clone()),
                });
                if let Some(t) = &d.no {
                    out.push(FlowEdge {
                        from: i,
                        to: Some(by_id(&t.value)),
                        label: Some(d.labels[1].value.clone()),
                    });
                }
            }
            None if step.next.is_empty() => out.push(FlowEdge {
                from: i,
                to: following,
                label: None,
            }),
            None => {
                for t in &step.next {
                    out.push(FlowEdge {
                        from: i,
                        to: Some(by_id(&t.value)),
                        label: None,
                    });
                }
            }
        }
    }
    out
}

/// The lanes (indices into `pelaksana`) of a step's actors, sorted, without repeats.
pub fn lanes(sop: &Sop, step: usize) -> Vec<usize> {
    let mut out: Vec<usize> = sop.steps[step]
        .actors
        .iter()
        .map(|a| {
            sop.lanes
                .iter()
                .position(|l| l.value == a.value)
                .expect("every actor has a lane")
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
