//! Mutu Baku checks: every step states its kelengkapan, waktu and output, and every
//! kelengkapan comes from an earlier step or from outside (`masukan`).

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::graph::Flow;
use crate::model::{Sop, Workspace, normalize, not_applicable};
use crate::source::Spanned;

/// How a document is compared: without markup, case, repeated spaces or a trailing
/// full stop.
fn key(s: &str) -> String {
    let s = crate::markup::plain(s);
    normalize(s.trim_end_matches(['.', ',', ';']))
}

/// "step 3", "steps 3 and 5", "steps 1, 2 and 4", "steps 1–8": numbers in order, runs
/// of three or more as a range.
pub fn steps_list(numbers: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}–{}", numbers[i], numbers[j]));
            i = j + 1;
        } else {
            parts.push(numbers[i].to_string());
            i += 1;
        }
    }
    let word = if numbers.len() == 1 { "step" } else { "steps" };
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{word} {} and {last}", rest.join(", "))
        }
        Some((last, _)) => format!("{word} {last}"),
        None => word.to_string(),
    }
}

/// A column of the Mutu Baku left out of several steps: one diagnostic at the first
/// step, marking the others.
fn missing(
    sop: &Sop,
    code: &'static str,
    key: &str,
    help: &str,
    missing: impl Fn(usize, &crate::model::Step) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let steps: Vec<&crate::model::Step> = sop
        .steps
        .iter()
        .enumerate()
        .filter(|(i, s)| missing(*i, s))
        .map(|(_, s)| s)
        .collect();
    let Some(first) = steps.first() else {
        return;
    };
    let numbers: Vec<usize> = steps.iter().map(|s| s.number).collect();
    let list = steps_list(&numbers);
    let verb = if steps.len() == 1 { "has" } else { "have" };
    let mut d = Diagnostic::warning(code, format!("{list} {verb} no {key}"), first.activity.span)
        .label(format!("no `{key}`"));
    for s in &steps[1..] {
        d = d.with(s.activity.span, format!("step {}: no `{key}`", s.number));
    }
    out.push(d.help(help));
}

/// One SOP's Mutu Baku.
pub fn sop(ws: &Workspace, sop: &Sop, g: &Flow, out: &mut Vec<Diagnostic>) {
    merged_waktu(sop, out);
    let owners = sop.waktu_owners();
    missing(
        sop,
        "sop::mutu::missing-kelengkapan",
        "kelengkapan",
        "add `kelengkapan: [...]`: the documents or data this step needs",
        |_, s| !s.requirements_written,
        out,
    );
    missing(
        sop,
        "sop::mutu::missing-waktu",
        "waktu",
        "add `waktu:` with a number and a unit, e.g. `waktu: 15 menit`",
        // A row under a merged Waktu cell has its waktu in that cell. (A step's number
        // is its place among the written steps, some of which may not have lowered.)
        |i, s| !s.time_written && owners[i] == i,
        out,
    );
    missing(
        sop,
        "sop::mutu::missing-output",
        "output",
        "add `output:`: what this step produces",
        |_, s| !s.output_written,
        out,
    );
    unknown_inputs(ws, sop, g, out);
}

/// Kelengkapan that no earlier step outputs and that is not a `masukan`: one diagnostic
/// per document, listing every step that needs it.
fn unknown_inputs(ws: &Workspace, sop: &Sop, g: &Flow, out: &mut Vec<Diagnostic>) {
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
    // Document key, places with their step numbers, suggestion.
    type Unknown<'a> = (String, Vec<(&'a Spanned<String>, usize)>, Option<String>);
    let mut unknown: Vec<Unknown<'_>> = Vec::new();
    for (i, step) in sop.steps.iter().enumerate() {
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
        for req in &step.requirements {
            if not_applicable(&req.value) {
                continue;
            }
            let k = key(&req.value);
            if before.contains(k.as_str()) || inputs.contains(&k) {
                continue;
            }
            if let Some(entry) = unknown.iter_mut().find(|e| e.0 == k) {
                entry.1.push((req, step.number));
                continue;
            }
            let outputs: Vec<&str> = sop
                .steps
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i && reaching[*j])
                .filter_map(|(_, s)| s.output.as_ref().map(|o| o.value.as_str()))
                .collect();
            let hint = crate::suggest::did_you_mean_text(&req.value, outputs.iter().copied());
            unknown.push((k, vec![(req, step.number)], hint));
        }
    }
    for (_, places, hint) in unknown {
        let (first, _) = places[0];
        let message = if places.len() == 1 {
            format!("no earlier step outputs `{}`", first.value)
        } else {
            let numbers: Vec<usize> = places.iter().map(|p| p.1).collect();
            format!(
                "no step before {} outputs `{}`",
                steps_list(&numbers),
                first.value
            )
        };
        let mut d = Diagnostic::warning("sop::mutu::unknown-input", message, first.span)
            .label("not produced before this step");
        for (req, number) in &places[1..] {
            d = d.with(req.span, format!("needed again in step {number}"));
        }
        out.push(d.help(match hint {
            Some(h) => format!("{h} If it comes from outside the procedure, list it under `masukan:`"),
            None => "write it as an earlier step's output, or list it under `masukan:` if it comes from outside the procedure".into(),
        }));
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
    fn step_lists_are_short() {
        use super::steps_list;
        assert_eq!(steps_list(&[3]), "step 3");
        assert_eq!(steps_list(&[3, 5]), "steps 3 and 5");
        assert_eq!(steps_list(&[1, 2, 4]), "steps 1, 2 and 4");
        assert_eq!(steps_list(&[1, 2, 3, 4, 7]), "steps 1–4 and 7");
    }

    #[test]
    fn a_column_missing_from_several_steps_is_one_warning() {
        let sop = "masukan: Surat\npelaksana: [a]\nlangkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: [Surat], output: Konsep }
  - { pelaksana: a, kegiatan: Memeriksa, kelengkapan: [Konsep], output: Paraf }
  - { pelaksana: a, kegiatan: Mengirim, kelengkapan: [Disposisi], waktu: 1 jam, output: Surat keluar }
  - { pelaksana: a, kegiatan: Mengarsip, kelengkapan: [Disposisi], waktu: 1 jam, output: Arsip }
";
        assert_eq!(
            check_sop(sop),
            [
                ("sop::mutu::missing-waktu", "Menulis".to_string()),
                ("sop::mutu::unknown-input", "Disposisi".to_string()),
            ]
        );
    }

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
}
