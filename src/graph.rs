//! Stage 3: the flow of one SOP, resolved once after lowering ([`Flow::build`]) and kept
//! in [`Sop::flow`]: every symbol of the flowchart (a step's own, and the second symbol
//! of a row written under `lalu`) as a [`StepId`], each written target resolved to one,
//! and the arrows between them as a directed graph (petgraph). The flow checks, layout,
//! `stats` and the graph exports read this one flow; other modules see [`StepId`]s and
//! row indices (0-based positions in `Sop::steps`), never petgraph's `NodeIndex`.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed, Walker};

use crate::model::{Part, Sop, SymbolKind};
use crate::source::Spanned;

/// One symbol of the flowchart: its position in reading order (row 1's own symbol, row
/// 1's `lalu`, row 2's own symbol, ...). Without `lalu`, the id of a step is its row
/// index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct StepId(u32);

impl StepId {
    /// The position in reading order.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The symbol at a position in reading order.
    pub fn at(index: usize) -> StepId {
        StepId(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

/// Why one symbol flows to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// The following symbol (no jump written).
    Next,
    /// `lanjut`: a written forward jump (several: parallel flow).
    Jump,
    /// A decision's positive exit (*ya*).
    Yes,
    /// A decision's negative exit (*tidak*).
    No,
    /// The exit of `cabang` at this position.
    Branch(usize),
    /// `informasi`: a dotted information arrow, not control flow.
    Info,
}

/// One arrow between two symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// The symbol the arrow leaves.
    pub from: StepId,
    /// The symbol the arrow enters.
    pub to: StepId,
    /// Why.
    pub kind: EdgeKind,
}

/// One symbol of the flowchart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// Index of its row in `Sop::steps`.
    pub row: usize,
    /// True for the row's `lalu` symbol.
    pub then: bool,
    /// What is drawn: as written in `simbol`, else a diamond for a decision, a
    /// terminator for the first and the last symbol (unless `mulai: atas` /
    /// `selesai: bawah` draws an empty one), a process for the rest.
    pub symbol: SymbolKind,
}

/// The resolved flow of one SOP.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    nodes: Vec<Node>,
    /// Row index → its own symbol.
    own: Vec<StepId>,
    ids: BTreeMap<String, StepId>,
    graph: DiGraph<StepId, EdgeKind>,
    handles: Vec<NodeIndex>,
    edges: Vec<Edge>,
    info: Vec<Edge>,
}

impl Flow {
    /// Resolves the symbols and targets of an SOP's steps.
    pub fn build(sop: &Sop) -> Flow {
        let mut flow = Flow::default();
        let mut parts: Vec<Part<'_>> = Vec::new();
        for (row, step) in sop.steps.iter().enumerate() {
            flow.own.push(StepId::at(flow.nodes.len()));
            let own = step.part();
            parts.push(own);
            flow.nodes.push(Node {
                row,
                then: false,
                symbol: SymbolKind::Process,
            });
            if let Some(t) = step.then_part() {
                parts.push(t);
                flow.nodes.push(Node {
                    row,
                    then: true,
                    symbol: SymbolKind::Process,
                });
            }
        }
        let n = flow.nodes.len();
        for (k, p) in parts.iter().enumerate() {
            flow.nodes[k].symbol = match (p.decision, p.symbol.map(|s| s.value)) {
                (Some(_), _) => SymbolKind::Decision,
                (None, Some(SymbolKind::Decision)) => SymbolKind::Process,
                (None, Some(s)) => s,
                (None, None) if k == 0 && sop.start_above.is_none() => SymbolKind::Start,
                (None, None) if k + 1 == n && sop.end_below.is_none() => SymbolKind::End,
                (None, None) => SymbolKind::Process,
            };
            if let Some(id) = p.id {
                flow.ids.entry(id.value.clone()).or_insert(StepId::at(k));
            }
        }
        for v in 0..n {
            flow.handles.push(flow.graph.add_node(StepId::at(v)));
        }
        for (k, p) in parts.iter().enumerate() {
            let from = StepId::at(k);
            for e in flow.exits_of(from, p) {
                flow.graph.add_edge(
                    flow.handles[e.from.index()],
                    flow.handles[e.to.index()],
                    e.kind,
                );
                flow.edges.push(e);
            }
            for t in p.info {
                if let Some(to) = flow.resolve(&t.value).filter(|&to| to != from) {
                    if !flow.info.iter().any(|e| e.from == from && e.to == to) {
                        flow.info.push(Edge {
                            from,
                            to,
                            kind: EdgeKind::Info,
                        });
                    }
                }
            }
        }
        flow
    }

    /// The symbol after `k` in reading order that a step without a jump flows to: the
    /// next one that is not a start terminator. An end terminator flows nowhere.
    pub fn following(&self, k: StepId) -> Option<StepId> {
        if self.node(k).symbol == SymbolKind::End {
            return None;
        }
        (k.index() + 1..self.nodes.len())
            .find(|&j| self.nodes[j].symbol != SymbolKind::Start)
            .map(StepId::at)
    }

    /// The arrows leaving one symbol. An unknown `ya` or `lanjut` target is read as the
    /// following symbol (as if it were not written) and an unknown `tidak` or `cabang`
    /// target as no arrow, so that one misspelt id is not also reported as a dead end
    /// and every step after it as unreachable (the flow check reports the id).
    fn exits_of(&self, from: StepId, p: &Part<'_>) -> Vec<Edge> {
        let mut out: Vec<Edge> = Vec::new();
        if self.node(from).symbol == SymbolKind::End {
            return out;
        }
        let following = self.following(from);
        let resolve = |t: &Spanned<String>| self.resolve(&t.value);
        let mut push = |to: Option<StepId>, kind| {
            if let Some(to) = to {
                out.push(Edge { from, to, kind });
            }
        };
        match p.decision {
            Some(d) if !d.branches.is_empty() => {
                for (j, b) in d.branches.iter().enumerate() {
                    push(resolve(&b.to), EdgeKind::Branch(j));
                }
            }
            Some(d) => {
                let yes = match &d.yes {
                    Some(t) => resolve(t).or(following),
                    None => following,
                };
                push(yes, EdgeKind::Yes);
                push(d.no.as_ref().and_then(resolve), EdgeKind::No);
            }
            None => {
                let mut jumped = Vec::new();
                for t in p.next {
                    if let Some(to) = resolve(t) {
                        if !jumped.contains(&to) {
                            jumped.push(to);
                        }
                    }
                }
                if jumped.is_empty() {
                    push(following, EdgeKind::Next);
                }
                for to in jumped {
                    push(Some(to), EdgeKind::Jump);
                }
            }
        }
        out
    }

    /// The symbol a written target id names.
    pub fn resolve(&self, target: &str) -> Option<StepId> {
        self.ids.get(target).copied()
    }

    /// Number of symbols.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the SOP has no step.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every symbol, in reading order.
    pub fn nodes(&self) -> impl Iterator<Item = (StepId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(k, n)| (StepId::at(k), n))
    }

    /// One symbol.
    pub fn node(&self, k: StepId) -> &Node {
        &self.nodes[k.index()]
    }

    /// The own symbol of a row.
    pub fn own(&self, row: usize) -> StepId {
        self.own[row]
    }

    /// The `lalu` symbol of a row, if it has one.
    pub fn then_of(&self, row: usize) -> Option<StepId> {
        let next = StepId::at(self.own[row].index() + 1);
        (next.index() < self.nodes.len() && self.node(next).then).then_some(next)
    }

    /// The flow keys of a symbol as written.
    pub fn part<'s>(&self, sop: &'s Sop, k: StepId) -> Part<'s> {
        let node = self.node(k);
        let step = &sop.steps[node.row];
        match step.then_part() {
            Some(t) if node.then => t,
            _ => step.part(),
        }
    }

    /// Every control arrow, in reading order of the symbol it leaves (positive exit
    /// before negative).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The dotted information arrows (`informasi`), in reading order.
    pub fn info(&self) -> &[Edge] {
        &self.info
    }

    /// The arrows leaving a symbol, in a stable order.
    pub fn successors(&self, k: StepId) -> Vec<Edge> {
        self.edges.iter().filter(|e| e.from == k).copied().collect()
    }

    /// The arrows entering a symbol, in a stable order.
    pub fn predecessors(&self, k: StepId) -> Vec<Edge> {
        self.edges.iter().filter(|e| e.to == k).copied().collect()
    }

    /// Number of arrows entering a symbol.
    pub fn in_degree(&self, k: StepId) -> usize {
        self.handles.get(k.index()).map_or(0, |&n| {
            self.graph.edges_directed(n, Direction::Incoming).count()
        })
    }

    /// The symbols a procedure starts at: every start terminator, and the first symbol.
    pub fn starts(&self) -> Vec<StepId> {
        self.nodes()
            .filter(|(k, n)| k.index() == 0 || n.symbol == SymbolKind::Start)
            .map(|(k, _)| k)
            .collect()
    }

    /// The symbols a procedure ends at: every end terminator, and the last symbol.
    pub fn ends(&self) -> Vec<StepId> {
        let last = self.nodes.len().saturating_sub(1);
        self.nodes()
            .filter(|(k, n)| k.index() == last || n.symbol == SymbolKind::End)
            .map(|(k, _)| k)
            .collect()
    }

    /// For every symbol, whether some start reaches it.
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        for s in self.starts() {
            for v in Bfs::new(&self.graph, self.handles[s.index()]).iter(&self.graph) {
                seen[self.graph[v].index()] = true;
            }
        }
        seen
    }

    /// For every symbol, whether symbol `from` reaches it (itself included).
    pub fn reachable_from(&self, from: StepId) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        if let Some(&h) = self.handles.get(from.index()) {
            for v in Bfs::new(&self.graph, h).iter(&self.graph) {
                seen[self.graph[v].index()] = true;
            }
        }
        seen
    }

    /// For every symbol, whether it reaches some end.
    pub fn reaching_end(&self) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let rev = Reversed(&self.graph);
        for e in self.ends() {
            for v in Bfs::new(rev, self.handles[e.index()]).iter(rev) {
                seen[self.graph[v].index()] = true;
            }
        }
        seen
    }

    /// For every row, whether some start reaches one of its symbols.
    pub fn rows_reachable(&self) -> Vec<bool> {
        let mut rows = vec![false; self.own.len()];
        for (k, r) in self.reachable().into_iter().enumerate() {
            rows[self.nodes[k].row] |= r;
        }
        rows
    }

    /// For every row, whether one of its symbols can reach row `row` (including `row`
    /// itself).
    pub fn rows_reaching(&self, row: usize) -> Vec<bool> {
        let mut rows = vec![false; self.own.len()];
        let rev = Reversed(&self.graph);
        for (k, n) in self.nodes() {
            if n.row != row {
                continue;
            }
            for v in Bfs::new(rev, self.handles[k.index()]).iter(rev) {
                rows[self.nodes[self.graph[v].index()].row] = true;
            }
        }
        rows
    }

    /// The main path, as symbols: from the first symbol, following each symbol's first
    /// exit (the following one, the first `lanjut`, the positive exit or the first of
    /// `cabang`), until an end or a symbol already visited.
    pub fn main_path(&self) -> Vec<StepId> {
        let mut path = Vec::new();
        let mut seen = vec![false; self.len()];
        let mut cur = (!self.is_empty()).then_some(StepId::at(0));
        while let Some(k) = cur {
            if seen[k.index()] {
                break;
            }
            seen[k.index()] = true;
            path.push(k);
            cur = self
                .edges
                .iter()
                .find(|e| {
                    e.from == k
                        && matches!(
                            e.kind,
                            EdgeKind::Next | EdgeKind::Jump | EdgeKind::Yes | EdgeKind::Branch(0)
                        )
                })
                .map(|e| e.to);
        }
        path
    }

    /// The rows of a path of symbols, each once, in order.
    pub fn rows_of(&self, path: &[StepId]) -> Vec<usize> {
        let mut rows: Vec<usize> = Vec::new();
        for k in path {
            let r = self.node(*k).row;
            if !rows.contains(&r) {
                rows.push(r);
            }
        }
        rows
    }
}

/// The main path as rows: the rows of [`Flow::main_path`], each once. Used for the
/// total waktu of the procedure ([`crate::totals`]).
pub fn main_path(sop: &Sop) -> Vec<usize> {
    sop.flow.rows_of(&sop.flow.main_path())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::sop_from;

    #[test]
    fn decision_loops_back_and_flows_on() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { id: konsep, pelaksana: a, kegiatan: Mengonsep }
  - pelaksana: a
    kegiatan: Memeriksa
    keputusan: { tidak: konsep }
  - { pelaksana: a, kegiatan: Menandatangani }
"#,
        );
        let g = &sop.flow;
        assert_eq!(
            g.successors(StepId::at(1)),
            vec![
                Edge {
                    from: StepId::at(1),
                    to: StepId::at(2),
                    kind: EdgeKind::Yes
                },
                Edge {
                    from: StepId::at(1),
                    to: StepId::at(0),
                    kind: EdgeKind::No
                }
            ]
        );
        assert!(g.reachable().iter().all(|&r| r));
        assert!(g.reaching_end().iter().all(|&r| r));
        assert_eq!(g.in_degree(StepId::at(0)), 1);
    }

    #[test]
    fn every_query_of_a_loop_and_a_jump() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { id: konsep, pelaksana: a, kegiatan: Mengonsep, lanjut: kirim }
  - { pelaksana: a, kegiatan: Memeriksa, keputusan: { tidak: konsep } }
  - { id: kirim, pelaksana: a, kegiatan: Mengirim }
"#,
        );
        let g = &sop.flow;
        assert_eq!((g.len(), g.is_empty()), (3, false));
        let k = StepId::at;
        let e = |from, to, kind| Edge {
            from: k(from),
            to: k(to),
            kind,
        };
        assert_eq!(g.successors(k(0)), [e(0, 2, EdgeKind::Jump)]);
        assert_eq!(
            g.predecessors(k(2)),
            [e(0, 2, EdgeKind::Jump), e(1, 2, EdgeKind::Yes)]
        );
        assert_eq!(g.predecessors(k(0)), [e(1, 0, EdgeKind::No)]);
        assert_eq!(g.in_degree(k(2)), 2);
        assert_eq!(g.in_degree(k(1)), 0);
        // Step 2 is not reached from the start, yet reaches the end.
        assert_eq!(g.reachable_from(k(0)), [true, false, true]);
        assert_eq!(g.rows_reaching(2), [true, true, true]);
        assert_eq!(g.rows_reaching(0), [true, true, false]);
        assert_eq!(main_path(&sop), [0, 2]);
        let mut none = sop.clone();
        none.steps.clear();
        let empty = Flow::build(&none);
        assert_eq!((empty.len(), empty.is_empty()), (0, true));
        assert!(empty.main_path().is_empty());
        assert_eq!(empty.reachable_from(k(0)), Vec::<bool>::new());
    }

    #[test]
    fn an_unknown_target_is_read_as_the_following_step() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Mengonsep, lanjut: nowhere }
  - { pelaksana: a, kegiatan: Memeriksa, keputusan: { ya: nowhere, tidak: nowhere } }
  - { pelaksana: a, kegiatan: Menandatangani }
"#,
        );
        let edges: Vec<(usize, usize, EdgeKind)> = sop
            .flow
            .edges()
            .iter()
            .map(|e| (e.from.index(), e.to.index(), e.kind))
            .collect();
        assert_eq!(edges, [(0, 1, EdgeKind::Next), (1, 2, EdgeKind::Yes)]);
    }

    fn edges(sop: &Sop) -> Vec<(usize, usize, EdgeKind)> {
        sop.flow
            .edges()
            .iter()
            .map(|e| (e.from.index(), e.to.index(), e.kind))
            .collect()
    }

    #[test]
    fn two_starts_in_one_row_flow_on_without_joining() {
        let sop = sop_from(
            r#"
pelaksana: [a, b]
langkah:
  - pelaksana: a
    simbol: mulai
    teks: Langsung
    kegiatan: Datang
    lalu: { id: email, pelaksana: b, simbol: mulai, teks: Via Email, lanjut: akhir }
  - { pelaksana: a, kegiatan: Mendaftar }
  - { id: akhir, pelaksana: b, kegiatan: Melayani }
"#,
        );
        let f = &sop.flow;
        assert_eq!(f.len(), 4);
        let symbols: Vec<SymbolKind> = f.nodes().map(|(_, n)| n.symbol).collect();
        use SymbolKind::*;
        assert_eq!(symbols, [Start, Start, Process, End]);
        assert!(f.node(StepId::at(1)).then);
        assert_eq!(f.then_of(0), Some(StepId::at(1)));
        assert_eq!(f.own(1), StepId::at(2));
        assert_eq!(
            edges(&sop),
            [
                (0, 2, EdgeKind::Next),
                (1, 3, EdgeKind::Jump),
                (2, 3, EdgeKind::Next)
            ]
        );
        assert_eq!(f.starts(), [StepId::at(0), StepId::at(1)]);
        assert!(f.reachable().iter().all(|&r| r));
        assert_eq!(main_path(&sop), [0, 1, 2]);
    }

    #[test]
    fn parallel_flow_cabang_ends_and_information() {
        let sop = sop_from(
            r#"
pelaksana: [a]
mulai: atas
selesai: bawah
langkah:
  - { pelaksana: a, kegiatan: Membagi, lanjut: [x, y], informasi: z }
  - { id: x, pelaksana: a, kegiatan: X, lanjut: z }
  - { id: y, pelaksana: a, kegiatan: Y }
  - pelaksana: a
    id: z
    kegiatan: Memilih
    keputusan:
      cabang: [{ label: Satu, ke: satu }, { ke: dua }, { label: Tiga, ke: tiga }]
  - { id: satu, pelaksana: a, kegiatan: Satu, simbol: selesai }
  - { id: dua, pelaksana: a, kegiatan: Dua, simbol: selesai, teks: Batal }
  - { id: tiga, pelaksana: a, kegiatan: Tiga }
"#,
        );
        let f = &sop.flow;
        let symbols: Vec<SymbolKind> = f.nodes().map(|(_, n)| n.symbol).collect();
        use SymbolKind::*;
        // `mulai: atas` / `selesai: bawah`: the first and last steps are processes.
        assert_eq!(
            symbols,
            [Process, Process, Process, Decision, End, End, Process]
        );
        assert_eq!(
            edges(&sop),
            [
                (0, 1, EdgeKind::Jump),
                (0, 2, EdgeKind::Jump),
                (1, 3, EdgeKind::Jump),
                (2, 3, EdgeKind::Next),
                (3, 4, EdgeKind::Branch(0)),
                (3, 5, EdgeKind::Branch(1)),
                (3, 6, EdgeKind::Branch(2)),
            ]
        );
        assert_eq!(f.info().len(), 1);
        assert_eq!(f.info()[0].to, StepId::at(3));
        assert_eq!(f.ends(), [StepId::at(4), StepId::at(5), StepId::at(6)]);
        assert!(f.reaching_end().iter().all(|&r| r));
        assert_eq!(main_path(&sop), [0, 1, 3, 4]);
    }

    #[test]
    fn information_arrows_are_not_control_flow() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Mulai, lanjut: c, informasi: b }
  - { id: b, pelaksana: a, kegiatan: Dilewati }
  - { id: c, pelaksana: a, kegiatan: Selesai }
"#,
        );
        assert_eq!(sop.flow.reachable(), [true, false, true]);
    }
}
