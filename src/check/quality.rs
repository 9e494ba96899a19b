//! Mutu Baku checks: every step states its kelengkapan, waktu and output, and every
//! kelengkapan comes from an earlier step or from outside (`masukan`).

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::graph::StepGraph;
use crate::model::{Sop, normalize};

fn key(s: &str) -> String {
    normalize(s.trim_end_matches(['.', ',', ';']))
}

/// One SOP's Mutu Baku.
pub fn sop(sop: &Sop, g: &StepGraph, out: &mut Vec<Diagnostic>) {
    let inputs: BTreeSet<String> = sop.inputs.iter().map(|i| key(&i.value)).collect();
    for (i, step) in sop.steps.iter().enumerate() {
        let number = step.number;
        let at = step.activity.span;
        if step.requirements.is_empty() {
            out.push(
                Diagnostic::warning(
                    "sop::mutu::missing-kelengkapan",
                    format!("step {number} has no kelengkapan"),
                    at,
                )
                .label("no `kelengkapan`")
                .help("add `kelengkapan: [...]`: the documents or data this step needs"),
            );
        }
        if !step.time_written {
            out.push(
                Diagnostic::warning(
                    "sop::mutu::missing-waktu",
                    format!("step {number} has no waktu"),
                    at,
                )
                .label("no `waktu`")
                .help("add `waktu:` with a number and a unit, e.g. `waktu: 15 menit`"),
            );
        }
        if step.output.is_none() {
            out.push(
                Diagnostic::warning(
                    "sop::mutu::missing-output",
                    format!("step {number} has no output"),
                    at,
                )
                .label("no `output`")
                .help("add `output:`: what this step produces"),
            );
        }
        if step.requirements.is_empty() {
            continue;
        }
        // Outputs of the steps that can lead to this one (including loops back).
        let mut before: BTreeSet<String> = BTreeSet::new();
        let reaching = g.reaching(i);
        for (j, other) in sop.steps.iter().enumerate() {
            if j != i && reaching[j] {
                if let Some(o) = &other.output {
                    before.insert(key(&o.value));
                }
            }
        }
        let outputs: Vec<&str> = sop
            .steps
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i && reaching[*j])
            .filter_map(|(_, s)| s.output.as_ref().map(|o| o.value.as_str()))
            .collect();
        for req in &step.requirements {
            let k = key(&req.value);
            if before.contains(&k) || inputs.contains(&k) {
                continue;
            }
            let hint = crate::suggest::did_you_mean(&req.value, outputs.iter().copied());
            out.push(
                Diagnostic::warning(
                    "sop::mutu::unknown-input",
                    format!("no earlier step outputs `{}`", req.value),
                    req.span,
                )
                .label("not produced before this step")
                .help(match hint {
                    Some(h) => format!("{h} if it comes from outside the procedure, list it under `masukan:`"),
                    None => "write it as an earlier step's output, or list it under `masukan:` if it comes from outside the procedure".into(),
                }),
            );
        }
    }
}
