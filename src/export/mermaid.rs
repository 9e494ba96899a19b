//! Mermaid flowchart: top to bottom, one subgraph per lane in the order of `pelaksana`,
//! terminators as stadiums, information arrows (`informasi`) dotted. As in the DOT
//! output, a decision is its step followed by a rhombus holding the question, whose two
//! exits carry the labels.
//!
//! A lane without a symbol of its own (its pelaksana only works together with, or as an
//! alternative to, another) holds an invisible node, as in the DOT output: Mermaid draws
//! an empty subgraph as a node, which would look like one more step.

use std::fmt::Write as _;

use super::{
    Selection, edge_label, is_terminator, lane_name, lane_of, node_name, symbol_label, together,
    yes_ends,
};
use crate::graph::{EdgeKind, StepId};

/// Text inside a quoted Mermaid label: quotes and angle brackets as entity codes, so a
/// label can hold any text.
fn text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The SOPs as one Mermaid flowchart.
pub fn mermaid(sops: &Selection<'_>) -> String {
    let mut out = String::new();
    if let [(_, sop)] = sops {
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", text(sop.title()));
    }
    let _ = writeln!(out, "flowchart TB");
    let many = sops.len() > 1;
    for (k, (ws, sop)) in sops.iter().enumerate() {
        let k = k + 1;
        let indent = if many { "    " } else { "  " };
        if many {
            let _ = writeln!(out, "  subgraph sop{k}[\"{}\"]", text(sop.title()));
            let _ = writeln!(out, "    direction TB");
        }
        let flow = &sop.flow;
        let mut empty = Vec::new();
        for lane in 0..sop.lanes.len() {
            let _ = writeln!(
                out,
                "{indent}subgraph sop{k}_lane{lane}[\"{}\"]",
                text(&lane_name(ws, sop, lane))
            );
            let first = StepId::at(0);
            let last = StepId::at(flow.len().saturating_sub(1));
            let start =
                sop.start_above.is_some() && !flow.is_empty() && lane_of(sop, first) == lane;
            let end = sop.end_below.is_some() && !flow.is_empty() && lane_of(sop, last) == lane;
            if start {
                let _ = writeln!(out, "{indent}  s{k}_mulai([\" \"])");
            }
            if end {
                let _ = writeln!(out, "{indent}  s{k}_selesai([\" \"])");
            }
            let mut symbols = 0;
            for (s, _) in flow.nodes().filter(|(s, _)| lane_of(sop, *s) == lane) {
                symbols += 1;
                let mut label = text(&symbol_label(sop, s));
                if let Some(t) = together(ws, sop, s) {
                    let _ = write!(label, "<br/>({})", text(&t));
                }
                let (open, close) = if is_terminator(sop, s) {
                    ("([", "])")
                } else {
                    ("[", "]")
                };
                let name = node_name(sop, k, s);
                let _ = writeln!(out, "{indent}  {name}{open}\"{label}\"{close}");
                if let Some(d) = flow.part(sop, s).decision {
                    let q = d
                        .question
                        .as_ref()
                        .map_or(" ".to_string(), |q| text(&q.value));
                    let _ = writeln!(out, "{indent}  {name}q{{\"{q}\"}}");
                }
            }
            if symbols == 0 && !start && !end {
                let _ = writeln!(out, "{indent}  s{k}_lane{lane}[\" \"]");
                empty.push(lane);
            }
            let _ = writeln!(out, "{indent}end");
        }
        for lane in empty {
            let _ = writeln!(out, "{indent}style s{k}_lane{lane} fill:none,stroke:none");
        }
        if sop.start_above.is_some() && !flow.is_empty() {
            let _ = writeln!(
                out,
                "{indent}s{k}_mulai --> {}",
                node_name(sop, k, StepId::at(0))
            );
        }
        for (s, node) in flow.nodes() {
            let name = node_name(sop, k, s);
            let from = if flow.part(sop, s).decision.is_some() {
                let _ = writeln!(out, "{indent}{name} --> {name}q");
                format!("{name}q")
            } else {
                name.clone()
            };
            for e in flow.successors(s) {
                let to = node_name(sop, k, e.to);
                match edge_label(sop, s, e.kind) {
                    Some(l) => {
                        let _ = writeln!(out, "{indent}{from} -->|\"{}\"| {to}", text(&l));
                    }
                    None => {
                        let _ = writeln!(out, "{indent}{from} --> {to}");
                    }
                }
            }
            if yes_ends(sop, s) {
                let n = sop.steps[node.row].number;
                let l = edge_label(sop, s, EdgeKind::Yes).unwrap_or_default();
                let _ = writeln!(out, "{indent}s{k}_end{n}(((\" \")))");
                let _ = writeln!(out, "{indent}{from} -->|\"{}\"| s{k}_end{n}", text(&l));
            }
            for e in flow.info().iter().filter(|e| e.from == s) {
                let _ = writeln!(out, "{indent}{name} -.-> {}", node_name(sop, k, e.to));
            }
        }
        if sop.end_below.is_some() && !flow.is_empty() {
            let last = StepId::at(flow.len() - 1);
            let _ = writeln!(out, "{indent}{} --> s{k}_selesai", node_name(sop, k, last));
        }
        if many {
            let _ = writeln!(out, "  end");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::project;

    #[test]
    fn lanes_are_subgraphs_and_decisions_rhombi() {
        let p = project(
            r#"
pelaksana: [a, b]
langkah:
  - { id: konsep, pelaksana: a, kegiatan: "Mengonsep \"surat\" <baru>" }
  - pelaksana: b
    kegiatan: Memeriksa
    keputusan: { pertanyaan: Benar?, tidak: konsep }
  - { pelaksana: a, kegiatan: Menandatangani }
"#,
        );
        let ws = &p.workspaces[0];
        let out = mermaid(&[(ws, &ws.sops[0])]);
        assert!(
            out.starts_with("---\ntitle: \"Contoh\"\n---\nflowchart TB\n"),
            "{out}"
        );
        assert!(out.contains("  subgraph sop1_lane0[\"Kadin\"]\n"), "{out}");
        assert!(
            out.contains("s1_1([\"1. Mengonsep #quot;surat#quot; #lt;baru#gt;\"])"),
            "{out}"
        );
        assert!(
            out.contains("s1_2[\"2. Memeriksa\"]\n    s1_2q{\"Benar?\"}"),
            "{out}"
        );
        assert!(out.contains("s1_2 --> s1_2q\n"), "{out}");
        assert!(out.contains("s1_2q -->|\"Ya\"| s1_3"), "{out}");
        assert!(out.contains("s1_2q -->|\"Tidak\"| s1_1"), "{out}");
    }
}
