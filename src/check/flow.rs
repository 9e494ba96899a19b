//! Flow checks on the resolved [`Flow`]: decisions with distinct labelled exits, targets
//! that exist, no self-loops, backward jumps only from decisions, end terminators with
//! no successor, every symbol reachable from a start, and an end reachable from every
//! symbol.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::graph::{Flow, StepId};
use crate::model::{Part, Sop, SymbolKind, normalize};
use crate::source::Spanned;
use crate::suggest;

/// How a symbol is named in messages: "step 4", or "the `lalu` of step 4".
fn name(sop: &Sop, k: StepId) -> String {
    let node = sop.flow.node(k);
    let number = sop.steps[node.row].number;
    if node.then {
        format!("the `lalu` of step {number}")
    } else {
        format!("step {number}")
    }
}

fn ids(sop: &Sop) -> impl Iterator<Item = &str> {
    sop.steps.iter().flat_map(|s| {
        s.id.iter()
            .chain(s.then.iter().flat_map(|t| t.id.iter()))
            .map(|i| i.value.as_str())
    })
}

fn target(
    sop: &Sop,
    t: &Spanned<String>,
    from: StepId,
    out: &mut Vec<Diagnostic>,
) -> Option<StepId> {
    match sop.flow.resolve(&t.value) {
        Some(k) => {
            if k == from {
                out.push(
                    Diagnostic::error(
                        "sop::flow::self-loop",
                        format!("{} leads to itself", name(sop, from)),
                        t.span,
                    )
                    .label("this step's own id")
                    .help("lead this exit to another step"),
                );
            }
            Some(k)
        }
        None => {
            let hint = suggest::did_you_mean(&t.value, ids(sop));
            let known: Vec<&str> = ids(sop).collect();
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
pub fn sop(sop: &Sop, g: &Flow, out: &mut Vec<Diagnostic>) {
    // An SOP without steps was reported when it was lowered (`sop::flow::empty` or a
    // missing `langkah`).
    if g.is_empty() {
        return;
    }
    let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for (k, _) in g.nodes() {
        if let Some(id) = g.part(sop, k).id {
            if let Some(first) = seen.get(id.value.as_str()) {
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
                seen.insert(&id.value, id);
            }
        }
    }
    for (k, node) in g.nodes() {
        let p = g.part(sop, k);
        let who = name(sop, k);
        if node.symbol == SymbolKind::End {
            end_has_no_successor(&p, &who, out);
        }
        if let Some(d) = p.decision {
            if let Some(next) = p.next.first() {
                out.push(
                    Diagnostic::error(
                        "sop::flow::decision-lanjut",
                        format!("{who} is a decision and also has `lanjut`"),
                        next.span,
                    )
                    .label("not allowed on a decision")
                    .help("a decision leaves by its `ya` and `tidak` exits; remove `lanjut`"),
                );
            }
            if !d.branches.is_empty() {
                branches(sop, k, d, &who, out);
                continue;
            }
            let following = g.following(k);
            let yes = match &d.yes {
                Some(t) => target(sop, t, k, out),
                None if following.is_some() => following,
                None => {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::decision-exits",
                            format!("the `ya` exit of {who} leads nowhere"),
                            d.span,
                        )
                        .label("last step, no `ya` target")
                        .help("the last step ends the procedure; give the decision a `ya:` target or add a final step"),
                    );
                    None
                }
            };
            let no = match &d.no {
                Some(t) => target(sop, t, k, out),
                None => {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::decision-exits",
                            format!("decision in {who} has no `tidak` exit"),
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
                                "both exits of the decision in {who} lead to {}",
                                name(sop, y)
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
                        format!("the exits of the decision in {who} need two different labels"),
                        b.span,
                    )
                    .label("same label twice")
                    .help("give the two exits different labels, e.g. `label: [Lengkap, Tidak]` (the default is Ya / Tidak)"),
                );
            }
        } else {
            let mut jumped: Vec<StepId> = Vec::new();
            for t in p.next {
                let Some(j) = target(sop, t, k, out) else {
                    continue;
                };
                if jumped.contains(&j) {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::lanjut-twice",
                            format!("`lanjut` of {who} names `{}` twice", t.value),
                            t.span,
                        )
                        .label("named again")
                        .help("name each step of the parallel flow once"),
                    );
                }
                jumped.push(j);
                if j < k {
                    out.push(
                        Diagnostic::error(
                            "sop::flow::backward-jump",
                            format!("{who} jumps back to {} without a decision", name(sop, j)),
                            t.span,
                        )
                        .label("backward jump")
                        .help("only a decision may go back (its `tidak` exit); make the step that checks the work a `keputusan`"),
                    );
                }
            }
        }
        for t in p.info {
            target(sop, t, k, out);
        }
    }
    for (k, node) in g.nodes() {
        if node.symbol != SymbolKind::Start || k.index() == 0 {
            continue;
        }
        if let Some(e) = g.predecessors(k).first() {
            let p = g.part(sop, k);
            out.push(
                Diagnostic::error(
                    "sop::flow::into-start",
                    format!("an arrow from {} enters the start terminator of {}", name(sop, e.from), name(sop, k)),
                    p.symbol.map_or(p.span, |s| s.span),
                )
                .label("a start has no arrow in")
                .help("lead the arrow to the step after the start, or draw this step as `simbol: proses`"),
            );
        }
    }
    let from_start = g.reachable();
    let to_end = g.reaching_end();
    let many_starts = g.starts().len() > 1;
    for (k, node) in g.nodes() {
        let step = &sop.steps[node.row];
        let at = if node.then {
            g.part(sop, k).span
        } else {
            step.activity.span
        };
        if !from_start[k.index()] {
            out.push(
                Diagnostic::error(
                    "sop::flow::unreachable",
                    if many_starts {
                        format!("{} cannot be reached from a start", name(sop, k))
                    } else {
                        format!("{} cannot be reached from step 1", name(sop, k))
                    },
                    at,
                )
                .label("no arrow leads here")
                .help(
                    "a jump or decision before it skips this step; lead an exit to it or remove it",
                ),
            );
        } else if !to_end[k.index()] {
            out.push(
                Diagnostic::error(
                    "sop::flow::dead-end",
                    format!("the procedure cannot finish from {}", name(sop, k)),
                    at,
                )
                .label(match g.ends().as_slice() {
                    [one] => format!("{} is never reached from here", name(sop, *one)),
                    _ => "no end is ever reached from here".to_string(),
                })
                .help("give a decision in the loop an exit that leaves it: every path must reach the last step"),
            );
        }
    }
}

/// An end terminator has no successor: no `lanjut` and no `keputusan`.
fn end_has_no_successor(p: &Part<'_>, who: &str, out: &mut Vec<Diagnostic>) {
    let span = p
        .next
        .first()
        .map(|t| t.span)
        .or(p.decision.map(|d| d.span));
    if let Some(span) = span {
        out.push(
            Diagnostic::error(
                "sop::flow::end-successor",
                format!("{who} is an end terminator and leads on"),
                span,
            )
            .label("an end has no arrow out")
            .help("remove this exit, or draw the step as `simbol: proses`"),
        );
    }
}

/// The exits of `cabang`: targets that exist, each exit to its own step, and labels
/// that differ.
fn branches(
    sop: &Sop,
    k: StepId,
    d: &crate::model::Decision,
    who: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut targets: Vec<StepId> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for b in &d.branches {
        if let Some(t) = target(sop, &b.to, k, out) {
            if targets.contains(&t) {
                out.push(
                    Diagnostic::error(
                        "sop::flow::decision-exits",
                        format!(
                            "two exits of the decision in {who} lead to {}",
                            name(sop, t)
                        ),
                        b.to.span,
                    )
                    .label("same target as an earlier exit")
                    .help("lead each exit of `cabang` to its own step"),
                );
            }
            targets.push(t);
        }
        if let Some(l) = &b.label {
            let key = normalize(&l.value);
            if labels.contains(&key) {
                out.push(
                    Diagnostic::error(
                        "sop::flow::decision-labels",
                        format!(
                            "two exits of the decision in {who} have the label `{}`",
                            l.value
                        ),
                        l.span,
                    )
                    .label("same label twice")
                    .help("give the exits different labels, or leave a label out"),
                );
            }
            labels.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::check_sop;

    fn flow_codes(yaml: &str) -> Vec<(&'static str, String)> {
        check_sop(yaml)
            .into_iter()
            .filter(|(c, _)| c.starts_with("sop::flow") || c.starts_with("sop::step"))
            .collect()
    }

    #[test]
    fn several_starts_and_ends_are_a_sound_flow() {
        let sop = r#"
pelaksana: [a, b]
langkah:
  - pelaksana: a
    simbol: mulai
    teks: Langsung
    kegiatan: Datang
    lalu: { pelaksana: b, simbol: mulai, teks: Via Email, lanjut: cek }
  - { pelaksana: a, kegiatan: Mendaftar }
  - id: cek
    pelaksana: { atau: [a, b] }
    kegiatan: Memeriksa
    keputusan: { cabang: [{ label: Lengkap, ke: terima }, { ke: tolak }] }
  - { id: tolak, pelaksana: b, kegiatan: Menolak, simbol: selesai, teks: Ditolak }
  - { id: terima, pelaksana: a, kegiatan: Menerima, lanjut: [x, y], informasi: y }
  - { id: x, pelaksana: a, kegiatan: X, lanjut: akhir }
  - { id: y, pelaksana: b, kegiatan: Y }
  - { id: akhir, pelaksana: a, kegiatan: Selesai }
"#;
        assert_eq!(flow_codes(sop), []);
    }

    #[test]
    fn a_step_after_an_end_is_unreachable_from_every_start() {
        let sop = r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Mulai }
  - { pelaksana: a, kegiatan: Dua, simbol: mulai }
  - { pelaksana: a, kegiatan: Berhenti, simbol: selesai, lanjut: akhir }
  - { pelaksana: a, kegiatan: Terlewati }
  - { id: akhir, pelaksana: a, kegiatan: Akhir }
"#;
        assert_eq!(
            flow_codes(sop),
            [
                ("sop::flow::end-successor", "akhir".to_string()),
                ("sop::flow::unreachable", "Terlewati".to_string()),
                ("sop::flow::unreachable", "Akhir".to_string()),
            ]
        );
    }
}
