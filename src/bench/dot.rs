//! One SOP's flowchart as a Graphviz graph: a cluster per lane, a node per step with its
//! kegiatan (box, diamond for a decision, rounded for the first and last step), and an
//! edge per arrow, labelled at decisions. It is the graph that `dot -Tpdf` draws in the
//! benchmark, to compare the time a diagram tool takes for the same steps with the time
//! sopc takes for the whole document.

use std::fmt::Write as _;

use crate::graph::EdgeKind;
use crate::model::{Sop, Workspace};

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Breaks a label into lines of about `width` chars, as `\n`-separated DOT text.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in s.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push_str("\\n");
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(&escape(word));
        line += word.chars().count();
    }
    out
}

/// The DOT text of `sop`'s flowchart.
pub fn dot(ws: &Workspace, sop: &Sop) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph \"{}\" {{", escape(&sop.id));
    s.push_str("  graph [rankdir=TB, fontname=\"Liberation Sans\", newrank=true];\n");
    s.push_str("  node [fontname=\"Liberation Sans\", fontsize=8, shape=box];\n");
    s.push_str("  edge [fontname=\"Liberation Sans\", fontsize=7];\n");
    let n = sop.steps.len();
    for (k, lane) in sop.lanes.iter().enumerate() {
        let title = ws
            .org
            .role(&lane.value)
            .map_or(lane.value.as_str(), |r| r.heading());
        let _ = writeln!(s, "  subgraph cluster_{k} {{");
        let _ = writeln!(s, "    label=\"{}\";", wrap(title, 20));
        for (i, step) in sop.steps.iter().enumerate() {
            let first = step.actors.first().map(|a| a.value.as_str());
            if first != Some(lane.value.as_str()) {
                continue;
            }
            let shape = if step.is_decision() {
                "diamond"
            } else if i == 0 || i + 1 == n {
                "box, style=rounded"
            } else {
                "box"
            };
            let _ = writeln!(
                s,
                "    s{i} [shape={shape}, label=\"{}. {}\"];",
                i + 1,
                wrap(&step.activity.value, 28)
            );
        }
        s.push_str("  }\n");
    }
    for e in sop.flow.edges() {
        let (from, to) = (e.from.index(), e.to.index());
        {
            let label = match (e.kind, &sop.steps[sop.flow.node(e.from).row].decision) {
                (EdgeKind::Yes, Some(d)) => Some(&d.labels[0].value),
                (EdgeKind::No, Some(d)) => Some(&d.labels[1].value),
                _ => None,
            };
            match label {
                Some(l) => {
                    let _ = writeln!(s, "  s{from} -> s{to} [label=\"{}\"];", escape(l));
                }
                None => {
                    let _ = writeln!(s, "  s{from} -> s{to};");
                }
            }
        }
    }
    s.push_str("}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_escapes_labels() {
        assert_eq!(
            wrap("Memeriksa \"berkas\" permohonan", 12),
            "Memeriksa\\n\\\"berkas\\\"\\npermohonan"
        );
    }
}
