//! Mutu Baku checks: every step states its kelengkapan, waktu and output, and every
//! kelengkapan comes from an earlier step or from outside (`masukan`).

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::graph::Flow;
use crate::model::{Sop, Workspace, normalize, not_applicable};

/// How a document is compared: without markup, case, repeated spaces or a trailing
/// full stop.
fn key(s: &str) -> String {
    let s = crate::markup::plain(s);
    normalize(s.trim_end_matches(['.', ',', ';']))
}

/// One SOP's Mutu Baku.
pub fn sop(ws: &Workspace, sop: &Sop, g: &Flow, out: &mut Vec<Diagnostic>) {
    // Not documents: what the procedure receives (`masukan`), its equipment and
    // applications (`peralatan`), and the names of the roles that are systems.
    let systems =
        ws.org.roster.iter().filter(|r| r.system).flat_map(|r| {
            std::iter::once(&r.title.value).chain(r.short.as_ref().map(|s| &s.value))
        });
    let inputs: BTreeSet<String> = sop
        .inputs
        .iter()
        .chain(&sop.equipment)
        .map(|i| key(&i.value))
        .chain(systems.map(|s| key(s)))
        .collect();
    let from_start = g.rows_reachable();
    // Each output compared once per step that needs something: keyed once here.
    let output_keys: Vec<Option<String>> = sop
        .steps
        .iter()
        .map(|s| {
            s.output
                .as_ref()
                .filter(|o| !not_applicable(&o.value))
                .map(|o| key(&o.value))
        })
        .collect();
    merged_waktu(sop, out);
    let owners = sop.waktu_owners();
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
        // A row under a merged Waktu cell has its waktu in that cell.
        if !step.time_written && owners[i] == i {
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
            if not_applicable(&req.value) {
                continue;
            }
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

/// A Waktu cell merged over several rows (`waktu: { nilai, baris }`) must end by the
/// last row, and the rows it covers have no waktu of their own.
fn merged_waktu(sop: &Sop, out: &mut Vec<Diagnostic>) {
    let n = sop.steps.len();
    for (i, step) in sop.steps.iter().enumerate() {
        let rows = step.time_rows;
        if rows <= 1 {
            continue;
        }
        let at = step.time_span.unwrap_or(step.span);
        if i + rows > n {
            out.push(
                Diagnostic::error(
                    "sop::waktu::rows",
                    format!(
                        "the Waktu cell of step {} covers {rows} rows, but the SOP ends {} row(s) after it",
                        step.number,
                        n - i - 1
                    ),
                    at,
                )
                .label(format!("`baris: {rows}`"))
                .help(format!(
                    "count this row and the rows under it that share the cell: at most `baris: {}`",
                    n - i
                )),
            );
        }
        for covered in sop.steps.iter().skip(i + 1).take(rows - 1) {
            if covered.time_written {
                out.push(
                    Diagnostic::error(
                        "sop::waktu::covered",
                        format!(
                            "step {} has its own waktu under the Waktu cell of step {}",
                            covered.number, step.number
                        ),
                        covered.time_span.unwrap_or(covered.span),
                    )
                    .label(format!("inside the cell of step {}", step.number))
                    .help(format!(
                        "remove this `waktu:`, or make the cell of step {} cover fewer rows",
                        step.number
                    )),
                );
            }
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
    fn equipment_systems_and_not_applicable_are_not_unknown_inputs() {
        let org = "pemerintah: P\ninstansi: I\npengesah: { jabatan: K, nama: N }\npelaksana:\n  a: { jabatan: Petugas }\n  app: { jabatan: Aplikasi Pelayanan, singkatan: PST, sistem: true }\n";
        let sop = "nomor: \"1\"\nnama: X\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\nperalatan: [Komputer, Aplikasi _SIPP_]\npelaksana: [a, app]
langkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: [Komputer, PST, \"-\"], waktu: \"-\", output: Konsep }
  - { pelaksana: app, kegiatan: Mencatat, kelengkapan: [aplikasi pelayanan, Aplikasi SIPP, Konsep], waktu: Sesuai kebutuhan, output: \"-\" }
  - { pelaksana: a, kegiatan: Menutup, kelengkapan: [Berkas lain], waktu: 1 jam, output: Arsip }
";
        let codes: Vec<(&str, String)> = crate::test_util::check_with(org, sop)
            .into_iter()
            .filter(|(c, _)| c.starts_with("sop::mutu"))
            .collect();
        // Only the one real document no step outputs; no missing-waktu for `-` or a text.
        assert_eq!(
            codes,
            [("sop::mutu::unknown-input", "Berkas lain".to_string())]
        );
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
