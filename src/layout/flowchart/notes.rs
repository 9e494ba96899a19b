//! What a flowchart row says in words to a reader who cannot see the drawing (a
//! [`Note`](super::super::document::Note)): who does the step, which the drawing shows
//! only by the lane its symbol stands in, and where its exits lead, which it shows only
//! by arrows. In Indonesian, as the document:
//!
//! - "Pelaksana: Kepala Dinas." (several: "Kepala Dinas dan Sekretaris"; alternatives:
//!   "Kepala Dinas atau Sekretaris"; a `lalu` symbol: "lalu Sekretaris");
//! - "Bila ya: lanjut ke langkah 5. Bila tidak: kembali ke langkah 3." for a decision,
//!   "Lanjut ke langkah 6 dan 7." for jumps, "Prosedur selesai." where the flow ends, and
//!   "Informasi ke langkah 4." for a dotted information arrow. The arrow to the
//!   following step says nothing: the next row is read next.

use crate::graph::{EdgeKind, StepId};
use crate::layout::document::StepWords;
use crate::model::{Sop, Workspace};

/// The words of one row: read before its cells, and after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowNote {
    /// "Pelaksana: …." (empty when the step names no actor).
    pub who: String,
    /// The same names without "Pelaksana:" and the full stop.
    pub actors: String,
    /// Where its exits lead, when that is anything but the following step.
    pub exits: Option<String>,
}

/// The steps of `sop` in words, for [`Meta::steps`](super::super::document::Meta).
pub fn step_words(ws: &Workspace, sop: &Sop) -> Vec<StepWords> {
    let plain = |t: &crate::source::Spanned<String>| crate::markup::plain(&t.value);
    (0..sop.steps.len())
        .map(|row| {
            let step = &sop.steps[row];
            let note = row_note(ws, sop, row);
            let questions = std::iter::once(step.part())
                .chain(step.then_part())
                .filter_map(|p| p.decision.and_then(|d| d.question.as_ref()))
                .map(|q| q.value.clone())
                .collect();
            let time = if let Some(t) = &step.time {
                t.value.text.clone()
            } else if let Some(t) = &step.time_text {
                t.value.clone()
            } else if step.time_na {
                "-".to_string()
            } else {
                String::new()
            };
            StepWords {
                number: step.number,
                activity: plain(&step.activity),
                questions,
                actors: note.actors,
                exits: note.exits,
                requirements: step.requirements.iter().map(plain).collect(),
                time,
                output: step.output.as_ref().map(plain).unwrap_or_default(),
                remark: step.note.as_ref().map(plain).unwrap_or_default(),
            }
        })
        .collect()
}

/// The words of row `row` of `sop`.
pub(super) fn row_note(ws: &Workspace, sop: &Sop, row: usize) -> RowNote {
    let flow = &sop.flow;
    let own = flow.own(row);
    let mut who = actors(ws, sop, own);
    if let Some(then) = flow.then_of(row) {
        let next = actors(ws, sop, then);
        if !next.is_empty() && next != who {
            who = if who.is_empty() {
                next
            } else {
                format!("{who}, lalu {next}")
            };
        }
    }
    let actors = who.clone();
    let who = if who.is_empty() {
        String::new()
    } else {
        format!("Pelaksana: {who}.")
    };
    let mut exits: Vec<String> = exits(sop, own);
    if let Some(then) = flow.then_of(row) {
        exits.extend(self::exits(sop, then));
    }
    RowNote {
        who,
        actors,
        exits: (!exits.is_empty()).then(|| exits.join(" ")),
    }
}

/// The full titles of a symbol's actors, joined as the step joins them.
fn actors(ws: &Workspace, sop: &Sop, k: StepId) -> String {
    let part = sop.flow.part(sop, k);
    let names: Vec<&str> = part
        .actors
        .iter()
        .map(|a| {
            ws.org
                .role(&a.value)
                .map_or(a.value.as_str(), |r| &r.title.value)
        })
        .collect();
    join(&names, if part.alternative { "atau" } else { "dan" })
}

/// `a`, `a dan b`, `a, b dan c`.
fn join(names: &[&str], last: &str) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

/// One sentence per exit of symbol `k` that does not simply go on to the next row.
fn exits(sop: &Sop, k: StepId) -> Vec<String> {
    let flow = &sop.flow;
    let part = flow.part(sop, k);
    let out_edges = flow.successors(k);
    let mut out = Vec::new();
    if let Some(d) = part.decision {
        for e in &out_edges {
            let label = crate::export::edge_label(sop, k, e.kind).unwrap_or_default();
            out.push(branch(&label, &jumps(sop, k, &[*e])));
        }
        if d.branches.is_empty() && !out_edges.iter().any(|e| e.kind == EdgeKind::Yes) {
            out.insert(0, branch(&d.labels[0].value, "prosedur selesai"));
        }
    } else {
        // Said when some arrow goes elsewhere than the following symbol; then all of
        // them are (parallel flow: "lanjut ke langkah 5 dan 7").
        if out_edges.iter().any(|e| !follows(sop, k, e.to)) {
            out.push(sentence(&jumps(sop, k, &out_edges)));
        }
    }
    if out_edges.is_empty() {
        out.push("Prosedur selesai.".to_string());
    }
    for e in flow.info().iter().filter(|e| e.from == k) {
        let number = sop.steps[flow.node(e.to).row].number;
        out.push(format!("Informasi ke langkah {number}."));
    }
    out
}

/// "lanjut ke langkah 5 dan 7", "kembali ke langkah 2", by step number.
fn jumps(sop: &Sop, k: StepId, edges: &[crate::graph::Edge]) -> String {
    let flow = &sop.flow;
    let row = flow.node(k).row;
    let mut ahead: Vec<usize> = Vec::new();
    let mut back: Vec<usize> = Vec::new();
    for e in edges {
        let target = flow.node(e.to).row;
        let list = if target <= row && e.to.index() <= k.index() {
            &mut back
        } else {
            &mut ahead
        };
        list.push(sop.steps[target].number);
    }
    let mut parts = Vec::new();
    for (verb, mut numbers) in [("kembali", back), ("lanjut", ahead)] {
        numbers.sort_unstable();
        numbers.dedup();
        let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        if !numbers.is_empty() {
            parts.push(format!("{verb} ke langkah {}", join(&numbers, "dan")));
        }
    }
    parts.join(", ")
}

/// True when `to` is drawn right after `k`: the own symbol of the next row, or the
/// `lalu` symbol of `k`'s own row.
fn follows(sop: &Sop, k: StepId, to: StepId) -> bool {
    let (a, b) = (sop.flow.node(k), sop.flow.node(to));
    (b.row == a.row + 1 && !b.then) || (b.row == a.row && b.then && !a.then)
}

/// "Bila ya: lanjut ke langkah 5." (an exit without a label: "Selain itu: lanjut ke
/// langkah 5.").
fn branch(label: &str, goes: &str) -> String {
    let label = label.trim();
    if label.is_empty() {
        // The exit of `cabang` without a label: the others' "otherwise".
        return format!("Selain itu: {goes}.");
    }
    format!("Bila {}: {goes}.", lower(label))
}

/// The first letter upper case, and a full stop.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// A label in lower case ("Ya" → "ya"), unless it holds an abbreviation ("SK", "OK").
fn lower(label: &str) -> String {
    let abbreviation = label.split_whitespace().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    });
    if abbreviation {
        label.to_string()
    } else {
        label.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_as_indonesian_lists() {
        assert_eq!(join(&[], "dan"), "");
        assert_eq!(join(&["A"], "dan"), "A");
        assert_eq!(join(&["A", "B"], "atau"), "A atau B");
        assert_eq!(join(&["A", "B", "C"], "dan"), "A, B dan C");
    }

    #[test]
    fn labels_are_lowered_unless_abbreviations() {
        assert_eq!(
            branch("Ya", "lanjut ke langkah 5"),
            "Bila ya: lanjut ke langkah 5."
        );
        assert_eq!(
            branch("Tidak Lengkap", "kembali ke langkah 3"),
            "Bila tidak lengkap: kembali ke langkah 3."
        );
        assert_eq!(branch("SK terbit", "x"), "Bila SK terbit: x.");
        assert_eq!(
            branch(" ", "lanjut ke langkah 2"),
            "Selain itu: lanjut ke langkah 2."
        );
    }
}
