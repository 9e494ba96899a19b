//! Mermaid flowchart: top to bottom, one subgraph per lane, the first and last steps as
//! stadiums (terminators). As in the DOT output, a decision is its step followed by a
//! rhombus holding the question, whose two exits carry the labels.

use std::fmt::Write as _;

use super::{Selection, edge_label, lane_name, lane_of, together, yes_ends};
use crate::graph::{self, EdgeKind};

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
        for lane in 0..sop.lanes.len() {
            let _ = writeln!(
                out,
                "{indent}subgraph sop{k}_lane{lane}[\"{}\"]",
                text(&lane_name(ws, sop, lane))
            );
            for i in (0..sop.steps.len()).filter(|&i| lane_of(sop, i) == lane) {
                let step = &sop.steps[i];
                let mut label = format!(
                    "{}. {}",
                    step.number,
                    text(&crate::markup::plain(&step.activity.value))
                );
                if let Some(t) = together(ws, sop, i) {
                    let _ = write!(label, "<br/>({})", text(&t));
                }
                let (open, close) = if i == 0 || i + 1 == sop.steps.len() {
                    ("([", "])")
                } else {
                    ("[", "]")
                };
                let _ = writeln!(
                    out,
                    "{indent}  s{k}_{}{open}\"{label}\"{close}",
                    step.number
                );
                if let Some(d) = &step.decision {
                    let q = d
                        .question
                        .as_ref()
                        .map_or(" ".to_string(), |q| text(&q.value));
                    let _ = writeln!(out, "{indent}  s{k}_{}q{{\"{q}\"}}", step.number);
                }
            }
            let _ = writeln!(out, "{indent}end");
        }
        for i in 0..sop.steps.len() {
            let n = sop.steps[i].number;
            let from = if sop.steps[i].is_decision() {
                let _ = writeln!(out, "{indent}s{k}_{n} --> s{k}_{n}q");
                format!("s{k}_{n}q")
            } else {
                format!("s{k}_{n}")
            };
            for e in graph::exits(sop, i) {
                let to = sop.steps[e.to].number;
                match edge_label(sop, i, e.kind) {
                    Some(l) => {
                        let _ = writeln!(out, "{indent}{from} -->|\"{}\"| s{k}_{to}", text(&l));
                    }
                    None => {
                        let _ = writeln!(out, "{indent}{from} --> s{k}_{to}");
                    }
                }
            }
            if yes_ends(sop, i) {
                let l = edge_label(sop, i, EdgeKind::Yes).unwrap_or_default();
                let _ = writeln!(out, "{indent}s{k}_end{n}(((\" \")))");
                let _ = writeln!(out, "{indent}{from} -->|\"{}\"| s{k}_end{n}", text(&l));
            }
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
