//! Graphviz DOT: the steps top to bottom, one cluster per lane in the SOP's column
//! order, terminators as rounded boxes, information arrows (`informasi`) dotted. A decision is its step's box followed by a
//! diamond holding the question, whose two exits carry the labels (the kegiatan of a
//! decision is often long, and a diamond around it grows huge). Arrows back to an earlier step do
//! not pull ranks (`constraint=false`), so rows stay in step order as in the printed
//! flowchart. Render with `dot -Tsvg` or `dot -Tpng`.

use std::fmt::Write as _;

use super::{
    Selection, edge_label, is_terminator, lane_name, lane_of, node_name, symbol_label, together,
    wrap, yes_ends,
};
use crate::graph::{EdgeKind, StepId};
use crate::model::{Sop, Workspace};

const FONT: &str = "Liberation Sans";
const WIDTH: usize = 30;

/// A DOT string literal.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines joined with DOT's centred line break (`\n` inside the literal).
fn lines(parts: &[String]) -> String {
    quote(&parts.join("\n"))
}

fn step_label(ws: &Workspace, sop: &Sop, k: StepId) -> String {
    let mut parts = wrap(&symbol_label(sop, k), WIDTH);
    if let Some(t) = together(ws, sop, k) {
        parts.extend(wrap(&format!("({t})"), WIDTH));
    }
    lines(&parts)
}

/// The SOPs as one DOT digraph.
pub fn dot(sops: &Selection<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph sop {{");
    let title = match sops {
        [(_, sop)] => format!("{}\n", sop.title()),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "  graph [fontname={}, fontsize=12, labelloc=t, label={}, rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.3];",
        quote(FONT),
        quote(&title)
    );
    let _ = writeln!(
        out,
        "  node [fontname={}, fontsize=10, shape=box, style=filled, fillcolor=white, margin=\"0.12,0.06\"];",
        quote(FONT)
    );
    let _ = writeln!(out, "  edge [fontname={}, fontsize=9];", quote(FONT));
    let many = sops.len() > 1;
    for (k, (ws, sop)) in sops.iter().enumerate() {
        let k = k + 1;
        let indent = if many { "    " } else { "  " };
        if many {
            let _ = writeln!(out, "  subgraph cluster_sop{k} {{");
            let _ = writeln!(
                out,
                "    label={}; style=bold; fontsize=12;",
                quote(sop.title())
            );
        }
        for lane in 0..sop.lanes.len() {
            let _ = writeln!(out, "{indent}subgraph cluster_sop{k}_lane{lane} {{");
            let _ = writeln!(
                out,
                "{indent}  label={}; style=\"rounded,filled\"; fillcolor=\"#f4f4f4\"; color=\"#999999\"; fontsize=10;",
                quote(&lane_name(ws, sop, lane))
            );
            // An invisible anchor keeps a lane visible when a step of several actors
            // is its only use, and orders the lanes as the SOP's columns.
            let _ = writeln!(
                out,
                "{indent}  s{k}_lane{lane} [label=\"\", shape=point, style=invis, width=0, height=0];"
            );
            let flow = &sop.flow;
            let first = StepId::at(0);
            let last = StepId::at(flow.len().saturating_sub(1));
            if sop.start_above.is_some() && !flow.is_empty() && lane_of(sop, first) == lane {
                let _ = writeln!(
                    out,
                    "{indent}  s{k}_mulai [label=\"\", style=\"rounded,filled\", width=0.6, height=0.3];"
                );
            }
            if sop.end_below.is_some() && !flow.is_empty() && lane_of(sop, last) == lane {
                let _ = writeln!(
                    out,
                    "{indent}  s{k}_selesai [label=\"\", style=\"rounded,filled\", width=0.6, height=0.3];"
                );
            }
            for (s, _) in flow.nodes().filter(|(s, _)| lane_of(sop, *s) == lane) {
                let style = if is_terminator(sop, s) {
                    "style=\"rounded,filled\""
                } else {
                    "shape=box"
                };
                let name = node_name(sop, k, s);
                let _ = writeln!(
                    out,
                    "{indent}  {name} [label={}, {style}];",
                    step_label(ws, sop, s)
                );
                if let Some(d) = flow.part(sop, s).decision {
                    let q = d
                        .question
                        .as_ref()
                        .map_or(String::new(), |q| q.value.clone());
                    let _ = writeln!(
                        out,
                        "{indent}  {name}q [label={}, shape=diamond, margin=\"0.04,0.02\"];",
                        lines(&wrap(&q, 22)),
                    );
                }
            }
            let _ = writeln!(out, "{indent}}}");
        }
        let anchors: Vec<String> = (0..sop.lanes.len())
            .map(|l| format!("s{k}_lane{l}"))
            .collect();
        if !anchors.is_empty() {
            let _ = writeln!(out, "{indent}{{ rank=min; {}; }}", anchors.join("; "));
            if anchors.len() > 1 {
                let _ = writeln!(out, "{indent}{} [style=invis];", anchors.join(" -> "));
            }
        }
        let flow = &sop.flow;
        if sop.start_above.is_some() && !flow.is_empty() {
            let _ = writeln!(
                out,
                "{indent}s{k}_mulai -> {};",
                node_name(sop, k, StepId::at(0))
            );
        }
        for (s, node) in flow.nodes() {
            let name = node_name(sop, k, s);
            let from = if flow.part(sop, s).decision.is_some() {
                let _ = writeln!(out, "{indent}{name} -> {name}q;");
                format!("{name}q")
            } else {
                name.clone()
            };
            for e in flow.successors(s) {
                let mut attrs = Vec::new();
                if let Some(l) = edge_label(sop, s, e.kind) {
                    attrs.push(format!("label={}", quote(&l)));
                }
                if e.to <= s {
                    attrs.push("constraint=false".into());
                }
                let attrs = if attrs.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", attrs.join(", "))
                };
                let _ = writeln!(out, "{indent}{from} -> {}{attrs};", node_name(sop, k, e.to));
            }
            if yes_ends(sop, s) {
                let n = sop.steps[node.row].number;
                let _ = writeln!(
                    out,
                    "{indent}s{k}_end{n} [label=\"\", shape=point, width=0.12];"
                );
                let label = edge_label(sop, s, EdgeKind::Yes).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{indent}{from} -> s{k}_end{n} [label={}];",
                    quote(&label)
                );
            }
            for e in flow.info().iter().filter(|e| e.from == s) {
                let constraint = if e.to <= s { ", constraint=false" } else { "" };
                let _ = writeln!(
                    out,
                    "{indent}{name} -> {} [style=dotted{constraint}];",
                    node_name(sop, k, e.to)
                );
            }
        }
        if sop.end_below.is_some() && !flow.is_empty() {
            let last = StepId::at(flow.len() - 1);
            let _ = writeln!(out, "{indent}{} -> s{k}_selesai;", node_name(sop, k, last));
        }
        if many {
            let _ = writeln!(out, "  }}");
        }
    }
    let _ = writeln!(out, "}}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::project;

    #[test]
    fn empty_terminators_above_and_below_are_joined_to_the_steps() {
        let p = project(
            r#"
pelaksana: [a, b]
mulai: atas
selesai: bawah
langkah:
  - { pelaksana: a, kegiatan: Menerima }
  - { pelaksana: b, kegiatan: Mengirim }
"#,
        );
        let ws = &p.workspaces[0];
        let out = dot(&[(ws, &ws.sops[0])]);
        // Both steps are processes; the empty terminators sit in their steps' lanes.
        assert!(
            out.contains(r#"s1_1 [label="1. Menerima", shape=box];"#),
            "{out}"
        );
        assert!(
            out.contains(r#"s1_2 [label="2. Mengirim", shape=box];"#),
            "{out}"
        );
        assert_eq!(out.matches("s1_mulai [label=\"\"").count(), 1, "{out}");
        assert_eq!(out.matches("s1_selesai [label=\"\"").count(), 1, "{out}");
        assert!(out.contains("s1_mulai -> s1_1;"), "{out}");
        assert!(out.contains("s1_2 -> s1_selesai;"), "{out}");
    }

    #[test]
    fn lanes_are_clusters_and_loops_keep_ranks() {
        let p = project(
            r#"
pelaksana: [a, b]
langkah:
  - { id: konsep, pelaksana: a, kegiatan: "Mengonsep \"surat\"" }
  - pelaksana: [b, a]
    kegiatan: Memeriksa
    keputusan: { pertanyaan: Benar?, tidak: konsep, label: [Benar, Salah] }
  - { pelaksana: a, kegiatan: Menandatangani }
"#,
        );
        let ws = &p.workspaces[0];
        let out = dot(&[(ws, &ws.sops[0])]);
        assert!(out.contains("subgraph cluster_sop1_lane0 {"), "{out}");
        assert!(out.contains("label=\"Kadin\""), "{out}");
        assert!(
            out.contains(r#"s1_1 [label="1. Mengonsep \"surat\"", style="rounded,filled"];"#),
            "{out}"
        );
        assert!(
            out.contains(r#"s1_2 [label="2. Memeriksa\n(bersama Kadin)", shape=box];"#),
            "{out}"
        );
        assert!(
            out.contains(r#"s1_2q [label="Benar?", shape=diamond"#),
            "{out}"
        );
        assert!(out.contains("s1_2 -> s1_2q;"), "{out}");
        assert!(out.contains("s1_2q -> s1_3 [label=\"Benar\"];"), "{out}");
        assert!(
            out.contains("s1_2q -> s1_1 [label=\"Salah\", constraint=false];"),
            "{out}"
        );
        assert!(out.contains("{ rank=min; s1_lane0; s1_lane1; }"), "{out}");
        assert!(out.contains("s1_1 -> s1_2;"), "{out}");
    }
}
