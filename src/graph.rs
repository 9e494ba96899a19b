//! Stage 3: the flow of one SOP as a directed graph of its steps (petgraph), used by the
//! flow checks and by layout to route arrows. Other modules see step indices (0-based
//! positions in `Sop::steps`), never petgraph's `NodeIndex`.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed, Walker};

use crate::model::Sop;

/// Why one step flows to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// The following step (no jump written).
    Next,
    /// `lanjut`: a written forward jump.
    Jump,
    /// A decision's positive exit (*ya*).
    Yes,
    /// A decision's negative exit (*tidak*).
    No,
}

/// One arrow between two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// Index of the step the arrow leaves.
    pub from: usize,
    /// Index of the step the arrow enters.
    pub to: usize,
    /// Why.
    pub kind: EdgeKind,
}

/// The steps of one SOP and the arrows between them.
#[derive(Debug, Clone)]
pub struct StepGraph {
    graph: DiGraph<usize, EdgeKind>,
    nodes: Vec<NodeIndex>,
    edges: Vec<Edge>,
}

/// Index of the step a written target id names.
pub fn resolve(sop: &Sop, target: &str) -> Option<usize> {
    sop.steps
        .iter()
        .position(|s| s.id.as_ref().is_some_and(|i| i.value == target))
}

/// The arrows leaving step `i`, resolved. The flow check reports unknown targets;
/// meanwhile an unknown `ya` or `lanjut` target is read as the following step (as if it
/// were not written) and an unknown `tidak` as no arrow, so that one misspelt id is not
/// also reported as a dead end and every step after it as unreachable.
pub fn exits(sop: &Sop, i: usize) -> Vec<Edge> {
    let step = &sop.steps[i];
    let following = (i + 1 < sop.steps.len()).then_some(i + 1);
    let mut out = Vec::new();
    let mut push = |to: Option<usize>, kind| {
        if let Some(to) = to {
            out.push(Edge { from: i, to, kind });
        }
    };
    match &step.decision {
        Some(d) => {
            let yes = match &d.yes {
                Some(t) => resolve(sop, &t.value).or(following),
                None => following,
            };
            push(yes, EdgeKind::Yes);
            push(
                d.no.as_ref().and_then(|t| resolve(sop, &t.value)),
                EdgeKind::No,
            );
        }
        None => match &step.next {
            Some(t) => match resolve(sop, &t.value) {
                Some(to) => push(Some(to), EdgeKind::Jump),
                None => push(following, EdgeKind::Next),
            },
            None => push(following, EdgeKind::Next),
        },
    }
    out
}

/// The main path: from the first step, following each step's exit and each decision's
/// positive (*ya*) exit, until the last step or a step already visited. Used for the
/// total waktu of the procedure.
pub fn main_path(sop: &Sop) -> Vec<usize> {
    let mut path = Vec::new();
    let mut seen = vec![false; sop.steps.len()];
    let mut cur = (!sop.steps.is_empty()).then_some(0);
    while let Some(i) = cur {
        if seen[i] {
            break;
        }
        seen[i] = true;
        path.push(i);
        cur = exits(sop, i)
            .into_iter()
            .find(|e| matches!(e.kind, EdgeKind::Next | EdgeKind::Jump | EdgeKind::Yes))
            .map(|e| e.to);
    }
    path
}

/// The total waktu of the procedure in minutes, along the [`main_path`], and the
/// numbers of the steps on that path that have no waktu.
pub fn main_path_minutes(sop: &Sop, hours_per_day: f64) -> (f64, Vec<usize>) {
    let path = main_path(sop);
    let minutes = path
        .iter()
        .filter_map(|&i| sop.steps[i].time.as_ref())
        .map(|t| t.value.minutes(hours_per_day))
        .sum();
    let missing = path
        .iter()
        .filter(|&&i| sop.steps[i].time.is_none())
        .map(|&i| i + 1)
        .collect();
    (minutes, missing)
}

/// Builds the graph of an SOP's steps.
pub fn build(sop: &Sop) -> StepGraph {
    let mut graph = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..sop.steps.len()).map(|i| graph.add_node(i)).collect();
    let mut edges = Vec::new();
    for i in 0..sop.steps.len() {
        for e in exits(sop, i) {
            graph.add_edge(nodes[e.from], nodes[e.to], e.kind);
            edges.push(e);
        }
    }
    StepGraph {
        graph,
        nodes,
        edges,
    }
}

impl StepGraph {
    /// Number of steps.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the SOP has no step.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every arrow, in step order (positive exit before negative).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The arrows leaving step `i`, in a stable order.
    pub fn successors(&self, i: usize) -> Vec<Edge> {
        self.edges.iter().filter(|e| e.from == i).copied().collect()
    }

    /// The arrows entering step `i`, in a stable order.
    pub fn predecessors(&self, i: usize) -> Vec<Edge> {
        self.edges.iter().filter(|e| e.to == i).copied().collect()
    }

    /// For every step, whether it can be reached from step `start`.
    pub fn reachable_from(&self, start: usize) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        if let Some(&n) = self.nodes.get(start) {
            for v in Bfs::new(&self.graph, n).iter(&self.graph) {
                seen[self.graph[v]] = true;
            }
        }
        seen
    }

    /// For every step, whether step `end` can be reached from it.
    pub fn reaching(&self, end: usize) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        if let Some(&n) = self.nodes.get(end) {
            let rev = Reversed(&self.graph);
            for v in Bfs::new(rev, n).iter(rev) {
                seen[self.graph[v]] = true;
            }
        }
        seen
    }

    /// Number of arrows entering step `i`.
    pub fn in_degree(&self, i: usize) -> usize {
        self.nodes.get(i).map_or(0, |&n| {
            self.graph.edges_directed(n, Direction::Incoming).count()
        })
    }
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
        let g = build(&sop);
        assert_eq!(
            g.successors(1),
            vec![
                Edge {
                    from: 1,
                    to: 2,
                    kind: EdgeKind::Yes
                },
                Edge {
                    from: 1,
                    to: 0,
                    kind: EdgeKind::No
                }
            ]
        );
        assert!(g.reachable_from(0).iter().all(|&r| r));
        assert!(g.reaching(2).iter().all(|&r| r));
        assert_eq!(g.in_degree(0), 1);
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
        let g = build(&sop);
        assert_eq!((g.len(), g.is_empty()), (3, false));
        let e = |from, to, kind| Edge { from, to, kind };
        assert_eq!(g.successors(0), [e(0, 2, EdgeKind::Jump)]);
        assert_eq!(
            g.predecessors(2),
            [e(0, 2, EdgeKind::Jump), e(1, 2, EdgeKind::Yes)]
        );
        assert_eq!(g.predecessors(0), [e(1, 0, EdgeKind::No)]);
        assert_eq!(g.in_degree(2), 2);
        assert_eq!(g.in_degree(1), 0);
        // Step 2 is not reached from the start, yet reaches the end.
        assert_eq!(g.reachable_from(0), [true, false, true]);
        assert_eq!(g.reaching(2), [true, true, true]);
        assert_eq!(g.reaching(0), [true, true, false]);
        assert_eq!(main_path(&sop), [0, 2]);
        let mut none = sop.clone();
        none.steps.clear();
        let empty = build(&none);
        assert_eq!((empty.len(), empty.is_empty()), (0, true));
        assert!(main_path(&none).is_empty());
        assert_eq!(empty.reachable_from(0), Vec::<bool>::new());
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
        let g = build(&sop);
        let edges: Vec<(usize, usize, EdgeKind)> =
            g.edges().iter().map(|e| (e.from, e.to, e.kind)).collect();
        assert_eq!(edges, [(0, 1, EdgeKind::Next), (1, 2, EdgeKind::Yes)]);
    }
}
