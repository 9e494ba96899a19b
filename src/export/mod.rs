//! `sopc graph`: the flow of SOPs in the formats of other tools, from the model and the
//! step graph ([`crate::graph`]).
//!
//! - [`dot`]: Graphviz DOT, one cluster per lane, decisions as labelled diamonds.
//! - [`mermaid`]: a Mermaid flowchart, one subgraph per lane.
//! - [`bpmn`]: BPMN 2.0 XML with diagram interchange: a participant (pool) per SOP, a
//!   lane per pelaksana, tasks, exclusive gateways, events and laid-out sequence flows,
//!   so it opens laid out in bpmn.io or Camunda Modeler.
//!
//! Every format draws each symbol of the flow ([`crate::graph::Flow`]: a step's own, and
//! the second symbol of a row written under `lalu`) in the lane of its first actor: a
//! step done by several actors together, or by one of several (`atau`), names the
//! others in its label. Dotted information arrows (`informasi`) are dotted edges, BPMN
//! associations.

pub mod bpmn;
pub mod dot;
pub mod mermaid;

use std::path::PathBuf;

use crate::build;
use crate::cli::{self, Config};
use crate::diag::Diagnostics;
use crate::graph::{EdgeKind, StepId};
use crate::model::{Sop, SymbolKind, Workspace};
use crate::output;

/// The output formats of `sopc graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// BPMN 2.0 XML with diagram interchange.
    Bpmn,
}

/// The SOPs to draw, each with the workspace that holds its roster.
pub type Selection<'a> = [(&'a Workspace, &'a Sop)];

/// The SOPs in one document of the format.
pub fn export(sops: &Selection<'_>, format: GraphFormat) -> String {
    match format {
        GraphFormat::Dot => dot::dot(sops),
        GraphFormat::Mermaid => mermaid::mermaid(sops),
        GraphFormat::Bpmn => bpmn::bpmn(sops),
    }
}

/// Checked settings of `sopc graph`.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    /// SOP files or folders.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: GraphFormat,
    /// Output file (default: standard output).
    pub out: Option<PathBuf>,
    /// Replace an existing `out` of another kind.
    pub force: bool,
}

/// Runs `sopc graph`: SOPs with errors are left out (their errors are printed and the
/// exit code is 1); the others are written as one document.
pub fn run(config: &Config, opts: &GraphOptions) -> anyhow::Result<i32> {
    let (project, diags) = cli::compile(&opts.paths)?;
    if let Some(out) = &opts.out {
        let sources: Vec<std::path::PathBuf> = project
            .sources
            .files()
            .map(|(_, f)| f.path.clone())
            .collect();
        let folders: Vec<std::path::PathBuf> =
            project.workspaces.iter().map(|w| w.root.clone()).collect();
        output::check_target(
            out,
            &["dot", "gv", "mmd", "bpmn", "xml"],
            &sources,
            &folders,
            opts.force,
        )?;
    }
    let mut errors = Diagnostics::new();
    errors.extend(diags.iter().filter(|d| d.is_error()).cloned());
    cli::print_diagnostics(config, &project, &errors)?;
    let mut selection = Vec::new();
    for ws in &project.workspaces {
        for sop in &ws.sops {
            if build::renderable(&diags, ws, sop) {
                selection.push((ws, sop));
            } else if !config.quiet {
                crate::say!("{}: not drawn (errors)", sop.id);
            }
        }
    }
    let code = if errors.is_empty() {
        cli::EXIT_OK
    } else {
        cli::EXIT_ERRORS
    };
    if selection.is_empty() {
        return Ok(code);
    }
    let text = export(&selection, opts.format);
    match &opts.out {
        Some(path) => output::write_atomic(path, text.as_bytes())?,
        None => output::print_stdout(&text)?,
    }
    Ok(code)
}

/// Index of the lane a symbol is drawn in: the lane of its first actor that has one.
pub fn lane_of(sop: &Sop, k: StepId) -> usize {
    sop.flow
        .part(sop, k)
        .actors
        .iter()
        .find_map(|a| sop.lanes.iter().position(|l| l.value == a.value))
        .unwrap_or(0)
}

/// The heading of a lane: the role's short form or title, else its id.
pub fn lane_name(ws: &Workspace, sop: &Sop, lane: usize) -> String {
    let Some(id) = sop.lanes.get(lane) else {
        return String::new();
    };
    ws.org
        .role(&id.value)
        .map_or_else(|| id.value.clone(), |r| r.heading().to_string())
}

/// The other actors of a symbol, as "bersama Kabid, Kasubbag" for a step done together
/// or "atau Kabid" for alternative performers.
pub fn together(ws: &Workspace, sop: &Sop, k: StepId) -> Option<String> {
    let first = lane_of(sop, k);
    let part = sop.flow.part(sop, k);
    let others: Vec<String> = part
        .actors
        .iter()
        .filter(|a| sop.lanes.get(first).is_none_or(|l| l.value != a.value))
        .map(|a| {
            ws.org
                .role(&a.value)
                .map_or_else(|| a.value.clone(), |r| r.heading().to_string())
        })
        .collect();
    let word = if part.alternative { "atau" } else { "bersama" };
    (!others.is_empty()).then(|| format!("{word} {}", others.join(", ")))
}

/// The text of a symbol: "4. kegiatan" for a step's own symbol; a `lalu` symbol shows
/// its `teks`, else the kegiatan of its row.
pub fn symbol_label(sop: &Sop, k: StepId) -> String {
    let node = sop.flow.node(k);
    let step = &sop.steps[node.row];
    let part = sop.flow.part(sop, k);
    match (node.then, part.text) {
        (true, Some(t)) => format!("{}. {}", step.number, crate::markup::plain(&t.value)),
        _ => format!(
            "{}. {}",
            step.number,
            crate::markup::plain(&step.activity.value)
        ),
    }
}

/// The name of a symbol in a graph: `s<sop>_<step number>`, with a `b` for a `lalu`.
pub fn node_name(sop: &Sop, sop_index: usize, k: StepId) -> String {
    let node = sop.flow.node(k);
    let n = sop.steps[node.row].number;
    if node.then {
        format!("s{sop_index}_{n}b")
    } else {
        format!("s{sop_index}_{n}")
    }
}

/// The label of an arrow: a decision's exit label, else nothing.
pub fn edge_label(sop: &Sop, from: StepId, kind: EdgeKind) -> Option<String> {
    let d = sop.flow.part(sop, from).decision?;
    match kind {
        EdgeKind::Branch(j) => d.branches.get(j)?.label.as_ref().map(|l| l.value.clone()),
        EdgeKind::No => Some(d.labels[1].value.clone()),
        _ => Some(d.labels[0].value.clone()),
    }
}

/// A decision whose positive exit has no step to go to (the last step): the flow ends
/// there.
pub fn yes_ends(sop: &Sop, k: StepId) -> bool {
    sop.flow.node(k).symbol == SymbolKind::Decision
        && sop
            .flow
            .part(sop, k)
            .decision
            .is_some_and(|d| d.branches.is_empty())
        && !sop
            .flow
            .successors(k)
            .iter()
            .any(|e| e.kind == EdgeKind::Yes)
}

/// True for a symbol drawn as a terminator: `simbol: mulai` or `selesai`, or without
/// `simbol` the first and the last symbol (a decision there too, as its step's box is
/// drawn before its diamond), unless `mulai: atas` / `selesai: bawah` adds an empty one.
pub fn is_terminator(sop: &Sop, k: StepId) -> bool {
    match sop.flow.part(sop, k).symbol {
        Some(s) => s.value.is_terminator(),
        None => {
            (k.index() == 0 && sop.start_above.is_none())
                || (k.index() + 1 == sop.flow.len() && sop.end_below.is_none())
        }
    }
}

/// Breaks text into lines of at most `width` characters at spaces (a longer word
/// stays whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let n = cur.chars().count();
        if n > 0 && n + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Menerima surat dan mendisposisikan", 16),
            vec!["Menerima surat", "dan", "mendisposisikan"]
        );
        assert_eq!(wrap("", 10), vec![""]);
    }
}
