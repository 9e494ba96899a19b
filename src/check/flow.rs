//! Flow checks on the step graph: decisions with two distinct labelled exits, targets
//! that exist, no self-loops, backward jumps only from decisions, every step reachable
//! from the first, and the last step reachable from every step.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::graph::{self, StepGraph};
use crate::model::{Sop, normalize};
use crate::source::Spanned;
use crate::suggest;

fn target(sop: &Sop, t: &Spanned<String>, from: usize, out: &mut Vec<Diagnostic>) -> Option<usize> {
    match graph::resolve(sop, &t.value) {
        Some(i) => {
            if i == from {
                out.push(
                    Diagnostic::error(
                        "sop::flow::self-loop",
                        format!("step {} leads to itself", from + 1),
                        t.span,
                    )
                    .label("this step's own id")
                    .help("lead this exit to another step"),
                );
            }
            Some(i)
        }
        None => {
            let ids = sop
                .steps
                .iter()
                .filter_map(|s| s.id.as_ref().map(|i| i.value.as_str()));
            let hint = suggest::did_you_mean(&t.value, ids);
            let known: Vec<&str> = sop
                .steps
                .iter()
                .filter_map(|s| s.id.as_ref().map(|i| i.value.as_str()))
                .collect();
            out.push(
                Diagnostic::error(
                    "sop::flow::unknown-target",
                    format!("no step has the id `{}`", t.value),
                    t.span,
                )
                .label("unknown step")
                .help(match (hint, known.is_empty()) {
                    (Some(h), _) => h,
                    (None, true) => "give the target step an `id:` and cite it here".into(),
                    (None, false) => format!("step ids in this SOP: {}", known.join(", ")),
                }),
            );
            None
        }
    }
}

/// The flow of one SOP.
pub fn sop(sop: &Sop, g: &StepGraph, out: &mut Vec<Diagnostic>) {
    let n = sop.steps.len();
    // An SOP without steps was reported when it was lowered (`sop::flow::empty` or a
    // missing `langkah`).
    if n == 0 {
        return;
    }
    let mut ids: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for step in &sop.steps {
        if let Some(id) = &step.id {
            if let Some(first) = ids.get(id.value.as_str()) {
                out.push(
                    Diagnostic::error(
                        "sop::step::duplicate-id",
                        format!("step id `{}` is used twice", id.value),
                        id.span,
                    )
                    .label("used again")
                    .with(first.span, "first used here")
                    .help("give each step its own id"),
                );
            } else {
                ids.insert(&id.value, id);
            }
        }
    }
    for (i, step) in sop.steps.iter().enumerate() {
        let number = i + 1;
        if let Some(d) = &step.decision {
            if let Some(next) = &step.next {
                out.push(
                    Diagnostic::error(
                        "sop::flow::decision-lanjut",
                        format!("step {number} is a decision and also has `lanjut`"),
                        next.span,
                    )
                    .label("not allowed on a decision")
                    .help("a decision leaves by its `ya` and `tidak` exits; remove `lanjut`"),
                );
            }
            let yes = match &d.yes {
                Some(t) => target(sop, t, i, out),
                None if i + 1 < n => Some(i + 1),
                None => {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::decision-exits",
                            format!("the `ya` exit of step {number} leads nowhere"),
                            d.span,
                        )
                        .label("last step, no `ya` target")
                        .help("the last step ends the procedure; give the decision a `ya:` target or add a final step"),
                    );
                    None
                }
            };
            let no = match &d.no {
                Some(t) => target(sop, t, i, out),
                None => {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::decision-exits",
                            format!("decision in step {number} has no `tidak` exit"),
                            d.span,
                        )
                        .label("only one exit")
                        .help("a decision has two exits: add `tidak: <step id>`, or remove `keputusan` if the step does not branch"),
                    );
                    None
                }
            };
            if let (Some(y), Some(no_t)) = (yes, no) {
                if y == no_t {
                    let span = d.no.as_ref().map_or(d.span, |t| t.span);
                    out.push(
                        Diagnostic::error(
                            "sop::flow::decision-exits",
                            format!(
                                "both exits of the decision in step {number} lead to step {}",
                                y + 1
                            ),
                            span,
                        )
                        .label("same target as `ya`")
                        .help("lead `ya` and `tidak` to different steps, or remove `keputusan` if the step does not branch"),
                    );
                }
            }
            let [a, b] = &d.labels;
            if a.value.trim().is_empty()
                || b.value.trim().is_empty()
                || normalize(&a.value) == normalize(&b.value)
            {
                out.push(
                    Diagnostic::error(
                        "sop::flow::decision-labels",
                        format!(
                            "the exits of the decision in step {number} need two different labels"
                        ),
                        b.span,
                    )
                    .label("same label twice")
                    .help("give the two exits different labels, e.g. `label: [Lengkap, Tidak]` (the default is Ya / Tidak)"),
                );
            }
        } else if let Some(t) = &step.next {
            if let Some(j) = target(sop, t, i, out) {
                if j < i {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::backward-jump",
                            format!("step {number} jumps back to step {} without a decision", j + 1),
                            t.span,
                        )
                        .label("backward jump")
                        .help("only a decision may go back (its `tidak` exit); make the step that checks the work a `keputusan`"),
                    );
                }
            }
        }
    }
    let from_start = g.reachable_from(0);
    let to_end = g.reaching(n - 1);
    for (i, step) in sop.steps.iter().enumerate() {
        if !from_start[i] {
            out.push(
                Diagnostic::error(
                    "sop::flow::unreachable",
                    format!("step {} cannot be reached from step 1", i + 1),
                    step.activity.span,
                )
                .label("no arrow leads here")
                .help(
                    "a jump or decision before it skips this step; lead an exit to it or remove it",
                ),
            );
        } else if !to_end[i] {
            out.push(
                Diagnostic::error(
                    "sop::flow::dead-end",
                    format!("the procedure cannot finish from step {}", i + 1),
                    step.activity.span,
                )
                .label(format!("step {} is never reached from here", n))
                .help("give a decision in the loop an exit that leaves it: every path must reach the last step"),
            );
        }
    }
}
