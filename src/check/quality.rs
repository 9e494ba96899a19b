//! Mutu Baku checks: every step states its kelengkapan, waktu and output, and every
//! kelengkapan comes from an earlier step or from outside (`masukan`).

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::graph::Flow;
use crate::model::{Sop, normalize};

fn key(s: &str) -> String {
    normalize(s.trim_end_matches(['.', ',', ';']))
}

/// One SOP's Mutu Baku.
pub fn sop(sop: &Sop, g: &Flow, out: &mut Vec<Diagnostic>) {
    let inputs: BTreeSet<String> = sop.inputs.iter().map(|i| key(&i.value)).collect();
    let from_start = g.rows_reachable();
    // Each output compared once per step that needs something: keyed once here.
    let output_keys: Vec<Option<String>> = sop
        .steps
        .iter()
        .map(|s| s.output.as_ref().map(|o| key(&o.value)))
        .collect();
    for (i, step) in sop.steps.iter().enumerate() {
        let number = step.number;
        let at = step.activity.span;
        if !step.requirements_written {
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
        if !step.output_written {
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
        // No step leads to an unreachable one (reported by the flow check), so none of its
        // kelengkapan could come from an earlier step.
        if step.requirements.is_empty() || !from_start[i] {
            continue;
        }
        // Outputs of the steps that can lead to this one (including loops back).
        let reaching = g.rows_reaching(i);
        let before: BTreeSet<&str> = output_keys
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i && reaching[j])
            .filter_map(|(_, k)| k.as_deref())
            .collect();
        let outputs: Vec<&str> = sop
            .steps
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i && reaching[*j])
            .filter_map(|(_, s)| s.output.as_ref().map(|o| o.value.as_str()))
            .collect();
        for req in &step.requirements {
            let k = key(&req.value);
            if before.contains(k.as_str()) || inputs.contains(&k) {
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
                    Some(h) => format!("{h} If it comes from outside the procedure, list it under `masukan:`"),
                    None => "write it as an earlier step's output, or list it under `masukan:` if it comes from outside the procedure".into(),
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::check_sop;

    #[test]
    fn mutu_baku_of_the_wrong_type_is_not_also_missing() {
        let sop = "masukan: Surat\npelaksana: [a]\nlangkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: { a: Surat }, waktu: [1 jam], output: [Konsep] }
";
        let codes: Vec<&str> = check_sop(sop).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, ["sop::field::type"; 3]);
    }

    #[test]
    fn an_empty_kelengkapan_is_missing() {
        let sop = "pelaksana: [a]\nlangkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: [], waktu: 1 jam, output: Konsep }
";
        assert_eq!(
            check_sop(sop),
            [("sop::mutu::missing-kelengkapan", "Menulis".to_string())]
        );
    }

    #[test]
    fn an_unreachable_step_is_not_also_missing_its_inputs() {
        let sop = "masukan: Surat\npelaksana: [a]\nlangkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: [Surat], waktu: 1 jam, output: Konsep, lanjut: akhir }
  - { pelaksana: a, kegiatan: Memeriksa, kelengkapan: [Konsep], waktu: 1 jam, output: Paraf }
  - { id: akhir, pelaksana: a, kegiatan: Mengirim, kelengkapan: [Konsep], waktu: 1 jam, output: Surat keluar }
";
        assert_eq!(
            check_sop(sop),
            [("sop::flow::unreachable", "Memeriksa".to_string())]
        );
    }
}
