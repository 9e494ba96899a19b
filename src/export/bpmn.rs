//! BPMN 2.0 XML with diagram interchange (BPMNDI).
//!
//! One collaboration holds a participant (pool) per SOP; its process has one lane per
//! pelaksana in the SOP's column order. A step becomes a task named by its kegiatan
//! (kelengkapan, waktu and output go into its documentation); a decision is its task
//! followed by an exclusive gateway named by its question, with the exit labels on
//! the outgoing flows. A `lalu` symbol is a task of its own. A step that more than one
//! flow enters gets a joining exclusive gateway in front of it, since BPMN joins only
//! at gateways; a step that flows to several (`lanjut: [a, b]`) is followed by a
//! parallel gateway, and the step where those branches meet again gets a joining
//! parallel one. A start event leads to the first step and to every other start
//! terminator (named by its `teks`), and an end event follows each step where the flow
//! ends. An information arrow (`informasi`) is an association.
//!
//! Layout: the printed flowchart's grid turned on its side, as BPMN tools expect
//! horizontal pools. Lanes are rows in the SOP's column order, and every flow node has
//! its own column in step order, so no two shapes share a column. An arrow to the next
//! column runs straight or bends once in the gap between the columns; any other arrow
//! leaves its shape at the top or bottom, runs along a track in the margin of its lane
//! (each arrow its own track where they would overlap), and enters its target from
//! above or below. Nothing crosses a shape.

use std::fmt::Write as _;

use super::{Selection, edge_label, lane_name, lane_of, together, wrap, yes_ends};
use crate::graph::{EdgeKind, StepId};
use crate::model::{Sop, SymbolKind, Workspace};

/// Width of a task.
const TASK_W: i64 = 160;
/// Smallest height of a task.
const TASK_H: i64 = 80;
/// Characters per line of a task's name, for its height (bpmn-js draws 12 px text).
const TASK_CHARS: usize = 24;
/// Height of a line of a task's name.
const LINE_H: i64 = 15;
/// Diameter of an event.
const EVENT: i64 = 36;
/// Width and height of a gateway.
const GATEWAY: i64 = 50;
/// Room between two columns, where arrows bend.
const GAP: i64 = 50;
/// The band of a pool that holds its name.
const POOL_BAND: i64 = 30;
/// The band of a lane that holds its name.
const LANE_BAND: i64 = 30;
/// Room between a lane's band and its first shape, and after the last shape.
const SIDE: i64 = 40;
/// Room above and below the shapes of a lane, before any track.
const MARGIN: i64 = 24;
/// Distance between two tracks.
const TRACK: i64 = 12;
/// Smallest height of the shapes' row of a lane that holds a named gateway: its name
/// stands above it.
const GATEWAY_ROW: i64 = 110;
/// Distance between two pools.
const POOL_GAP: i64 = 60;
/// Top left corner of the first pool.
const ORIGIN: (i64, i64) = (20, 20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    End,
    Task,
    Decision,
    Join,
    /// A parallel gateway: the fork of `lanjut: [a, b]`, or the join of its branches.
    Parallel,
}

#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    id: String,
    name: String,
    doc: Option<String>,
    lane: usize,
    w: i64,
    h: i64,
}

#[derive(Debug, Clone)]
struct Flow {
    id: String,
    from: usize,
    to: usize,
    name: Option<String>,
    /// An association (`informasi`), not a sequence flow.
    info: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
}

/// How one flow is drawn.
#[derive(Debug, Clone, Copy)]
enum Route {
    /// To the next column.
    Next,
    /// Along track `level` of `side` of the source's lane.
    Track { side: Side, level: usize },
}

/// A rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

impl Bounds {
    fn cx(&self) -> i64 {
        self.x + self.w / 2
    }
    fn cy(&self) -> i64 {
        self.y + self.h / 2
    }
    fn right(&self) -> i64 {
        self.x + self.w
    }
    fn bottom(&self) -> i64 {
        self.y + self.h
    }
}

/// One SOP as a process, laid out.
struct Pool {
    id: String,
    process: String,
    name: String,
    doc: String,
    lanes: Vec<(String, String, Bounds)>,
    nodes: Vec<Node>,
    flows: Vec<Flow>,
    bounds: Bounds,
    shapes: Vec<Bounds>,
    labels: Vec<Option<Bounds>>,
    paths: Vec<Vec<(i64, i64)>>,
    flow_labels: Vec<Option<Bounds>>,
}

fn task_doc(ws: &Workspace, sop: &Sop, s: StepId) -> String {
    let step = &sop.steps[sop.flow.node(s).row];
    let part = sop.flow.part(sop, s);
    let mut lines = vec![format!("Langkah {}.", step.number)];
    let actors: Vec<String> = part
        .actors
        .iter()
        .map(|a| {
            ws.org
                .role(&a.value)
                .map_or_else(|| a.value.clone(), |r| r.title.value.clone())
        })
        .collect();
    let sep = if part.alternative { " atau " } else { ", " };
    lines.push(format!("Pelaksana: {}", actors.join(sep)));
    if !step.requirements.is_empty() {
        let list: Vec<String> = step
            .requirements
            .iter()
            .map(|r| crate::markup::plain(&r.value))
            .collect();
        lines.push(format!("Kelengkapan: {}", list.join("; ")));
    }
    if let Some(t) = &step.time {
        lines.push(format!("Waktu: {}", t.value.text));
    } else if let Some(t) = &step.time_text {
        lines.push(format!("Waktu: {}", t.value));
    }
    if let Some(o) = &step.output {
        lines.push(format!("Output: {}", crate::markup::plain(&o.value)));
    }
    if let Some(n) = &step.note {
        lines.push(format!("Keterangan: {}", crate::markup::plain(&n.value)));
    }
    lines.join("\n")
}

fn task_height(name: &str) -> i64 {
    let lines = wrap(name, TASK_CHARS).len() as i64;
    (lines * LINE_H + 20).max(TASK_H)
}

/// Whether symbol `s` joins the branches of a parallel fork (`lanjut: [a, b]`): two
/// of the fork's targets lead to it, and no decision exit enters it.
fn joins_parallel(sop: &Sop, s: StepId) -> bool {
    let flow = &sop.flow;
    let entering = flow.predecessors(s);
    if entering.len() < 2
        || entering
            .iter()
            .any(|e| !matches!(e.kind, EdgeKind::Next | EdgeKind::Jump))
    {
        return false;
    }
    flow.nodes().any(|(f, _)| {
        let targets: Vec<StepId> = flow
            .successors(f)
            .iter()
            .filter(|e| e.kind == EdgeKind::Jump)
            .map(|e| e.to)
            .collect();
        targets.len() > 1
            && targets
                .iter()
                .filter(|t| **t == s || flow.reachable_from(**t)[s.index()])
                .count()
                > 1
    })
}

/// The flow nodes and flows of one SOP, in column order.
fn nodes_and_flows(ws: &Workspace, sop: &Sop, k: usize) -> (Vec<Node>, Vec<Flow>) {
    let g = &sop.flow;
    let n = g.len();
    let mut nodes: Vec<Node> = Vec::new();
    let mut flows: Vec<Flow> = Vec::new();
    let add = |flows: &mut Vec<Flow>, from: usize, to: usize, name: Option<String>, info| {
        let id = if info {
            format!("Association_{k}_{}", flows.len() + 1)
        } else {
            format!("Flow_{k}_{}", flows.len() + 1)
        };
        flows.push(Flow {
            id,
            from,
            to,
            name,
            info,
        });
    };
    let add_flow = |flows: &mut Vec<Flow>, from: usize, to: usize, name: Option<String>| {
        add(flows, from, to, name, false);
    };
    let starts = g.starts();
    let mut entry = vec![0; n];
    let mut exit = vec![0; n];
    let mut task_of = vec![0; n];
    let mut start_flows = Vec::new();
    for (s, node) in g.nodes() {
        let i = s.index();
        let step = &sop.steps[node.row];
        let num = if node.then {
            format!("{}b", step.number)
        } else {
            step.number.to_string()
        };
        let lane = lane_of(sop, s);
        let part = g.part(sop, s);
        let start = starts.contains(&s);
        if start {
            let text = if i == 0 { None } else { part.text };
            nodes.push(Node {
                kind: Kind::Start,
                id: if i == 0 {
                    format!("Start_{k}")
                } else {
                    format!("Start_{k}_{num}")
                },
                name: text.map_or_else(|| "Mulai".into(), |t| t.value.clone()),
                doc: None,
                lane: if i == 0 {
                    lane_of(sop, StepId::at(0))
                } else {
                    lane
                },
                w: EVENT,
                h: EVENT,
            });
        }
        let start_event = nodes.len().wrapping_sub(1);
        let incoming = g.in_degree(s) + usize::from(start);
        if incoming > 1 {
            let parallel = joins_parallel(sop, s);
            nodes.push(Node {
                kind: if parallel { Kind::Parallel } else { Kind::Join },
                id: format!("Join_{k}_{num}"),
                name: String::new(),
                doc: None,
                lane,
                w: GATEWAY,
                h: GATEWAY,
            });
        }
        let mut name = crate::markup::plain(&if node.then {
            part.text
                .map_or_else(|| step.activity.value.clone(), |t| t.value.clone())
        } else {
            step.activity.value.clone()
        });
        if let Some(t) = together(ws, sop, s) {
            name = format!("{name} ({t})");
        }
        nodes.push(Node {
            kind: Kind::Task,
            id: format!("Task_{k}_{num}"),
            h: task_height(&name),
            name,
            doc: Some(task_doc(ws, sop, s)),
            lane,
            w: TASK_W,
        });
        let task = nodes.len() - 1;
        entry[i] = task;
        if incoming > 1 {
            entry[i] = task - 1;
            add_flow(&mut flows, task - 1, task, None);
        }
        if start {
            start_flows.push((start_event, entry[i]));
        }
        task_of[i] = task;
        exit[i] = task;
        if let Some(d) = part.decision {
            nodes.push(Node {
                kind: Kind::Decision,
                id: format!("Gateway_{k}_{num}"),
                name: d
                    .question
                    .as_ref()
                    .map_or_else(|| format!("Keputusan langkah {num}"), |q| q.value.clone()),
                doc: None,
                lane,
                w: GATEWAY,
                h: GATEWAY,
            });
            exit[i] = nodes.len() - 1;
            add_flow(&mut flows, task, exit[i], None);
        }
        let out = g.successors(s);
        if out.iter().filter(|e| e.kind == EdgeKind::Jump).count() > 1 {
            nodes.push(Node {
                kind: Kind::Parallel,
                id: format!("Fork_{k}_{num}"),
                name: String::new(),
                doc: None,
                lane,
                w: GATEWAY,
                h: GATEWAY,
            });
            exit[i] = nodes.len() - 1;
            add_flow(&mut flows, task, exit[i], None);
        }
        let ends = if part.decision.is_some() {
            yes_ends(sop, s)
        } else {
            out.is_empty()
        };
        if ends {
            let text = (node.symbol == SymbolKind::End)
                .then_some(part.text)
                .flatten();
            nodes.push(Node {
                kind: Kind::End,
                id: format!("End_{k}_{num}"),
                name: text.map_or_else(|| "Selesai".into(), |t| t.value.clone()),
                doc: None,
                lane,
                w: EVENT,
                h: EVENT,
            });
            let name = edge_label(sop, s, EdgeKind::Yes);
            add_flow(&mut flows, exit[i], nodes.len() - 1, name);
        }
    }
    for (from, to) in start_flows {
        add_flow(&mut flows, from, to, None);
    }
    for e in g.edges() {
        add_flow(
            &mut flows,
            exit[e.from.index()],
            entry[e.to.index()],
            edge_label(sop, e.from, e.kind),
        );
    }
    for e in g.info() {
        add(
            &mut flows,
            task_of[e.from.index()],
            task_of[e.to.index()],
            None,
            true,
        );
    }
    (nodes, flows)
}

/// Chooses how each flow runs and gives tracks to those that need one.
fn routes(nodes: &[Node], flows: &[Flow], xs: &[i64], lanes: usize) -> Vec<Route> {
    // Intervals of x taken on each track: [lane][side][level].
    type Levels = Vec<Vec<(i64, i64)>>;
    let mut taken: Vec<[Levels; 2]> = vec![[Vec::new(), Vec::new()]; lanes];
    let mut used: Vec<[bool; 2]> = vec![[false; 2]; nodes.len()];
    let side_index = |s: Side| usize::from(s == Side::Bottom);
    let mut out = Vec::new();
    for f in flows {
        if f.to == f.from + 1 {
            out.push(Route::Next);
            continue;
        }
        // Gateways send their other exits below, so a gateway's name can stand above
        // it; a task's forward jump runs above.
        let preferred = if f.to < f.from || nodes[f.from].kind == Kind::Decision {
            Side::Bottom
        } else {
            Side::Top
        };
        let other = match preferred {
            Side::Top => Side::Bottom,
            Side::Bottom => Side::Top,
        };
        let side = if used[f.from][side_index(preferred)] {
            other
        } else {
            preferred
        };
        used[f.from][side_index(side)] = true;
        let (a, b) = {
            let x1 = xs[f.from] + nodes[f.from].w / 2;
            let x2 = xs[f.to] + nodes[f.to].w / 2;
            (x1.min(x2), x1.max(x2))
        };
        let levels = &mut taken[nodes[f.from].lane.min(lanes - 1)][side_index(side)];
        let level = levels
            .iter()
            .position(|l| l.iter().all(|&(c, d)| b < c || a > d))
            .unwrap_or(levels.len());
        if level == levels.len() {
            levels.push(Vec::new());
        }
        levels[level].push((a, b));
        out.push(Route::Track { side, level });
    }
    out
}

fn pool(ws: &Workspace, sop: &Sop, k: usize, top: i64) -> Pool {
    let (nodes, flows) = nodes_and_flows(ws, sop, k);
    let lanes = sop.lanes.len().max(1);
    // Columns.
    // A gap holds the label of an exit to the next column.
    let mut xs = Vec::with_capacity(nodes.len());
    let mut x = ORIGIN.0 + POOL_BAND + LANE_BAND + SIDE;
    for (i, n) in nodes.iter().enumerate() {
        xs.push(x);
        let label = flows
            .iter()
            .filter(|f| f.from == i && f.to == i + 1)
            .filter_map(|f| f.name.as_deref())
            .map(|l| label_width(l) + 8)
            .max()
            .unwrap_or(0);
        x += n.w + GAP.max(label);
    }
    let width = x - GAP + SIDE - ORIGIN.0;
    let routes = routes(&nodes, &flows, &xs, lanes);
    // Lanes: tracks above, the shapes' row, tracks below.
    let mut tracks = vec![[0usize; 2]; lanes];
    for (f, r) in flows.iter().zip(&routes) {
        if let Route::Track { side, level } = r {
            let l = nodes[f.from].lane.min(lanes - 1);
            let s = usize::from(*side == Side::Bottom);
            tracks[l][s] = tracks[l][s].max(level + 1);
        }
    }
    let mut row = vec![TASK_H; lanes];
    for n in &nodes {
        let l = n.lane.min(lanes - 1);
        row[l] = row[l].max(n.h);
        if n.kind == Kind::Decision {
            row[l] = row[l].max(GATEWAY_ROW);
        }
    }
    let mut lane_bounds = Vec::new();
    let mut body_top = Vec::new();
    let mut y = top;
    for l in 0..lanes {
        let above = MARGIN + TRACK * tracks[l][0] as i64;
        let below = MARGIN + TRACK * tracks[l][1] as i64;
        let h = above + row[l] + below;
        lane_bounds.push(Bounds {
            x: ORIGIN.0 + POOL_BAND,
            y,
            w: width - POOL_BAND,
            h,
        });
        body_top.push(y + above);
        y += h;
    }
    let bounds = Bounds {
        x: ORIGIN.0,
        y: top,
        w: width,
        h: y - top,
    };
    // Shapes: centred on their lane's row.
    let shapes: Vec<Bounds> = nodes
        .iter()
        .zip(&xs)
        .map(|(n, &x)| {
            let l = n.lane.min(lanes - 1);
            let cy = body_top[l] + row[l] / 2;
            Bounds {
                x,
                y: cy - n.h / 2,
                w: n.w,
                h: n.h,
            }
        })
        .collect();
    let labels = nodes
        .iter()
        .zip(&shapes)
        .map(|(n, b)| match n.kind {
            Kind::Start | Kind::End => Some(Bounds {
                x: b.cx() - 40,
                y: b.bottom() + 4,
                w: 80,
                h: 14,
            }),
            Kind::Decision => Some(Bounds {
                x: b.cx() - 70,
                y: b.y - 32,
                w: 140,
                h: 28,
            }),
            Kind::Task | Kind::Join | Kind::Parallel => None,
        })
        .collect();
    // Waypoints.
    let mut paths = Vec::new();
    let mut flow_labels = Vec::new();
    for (f, r) in flows.iter().zip(&routes) {
        let (s, t) = (shapes[f.from], shapes[f.to]);
        let (path, label) = match *r {
            Route::Next => {
                let path = if s.cy() == t.cy() {
                    vec![(s.right(), s.cy()), (t.x, t.cy())]
                } else {
                    let xm = s.right() + (t.x - s.right()) / 2;
                    vec![
                        (s.right(), s.cy()),
                        (xm, s.cy()),
                        (xm, t.cy()),
                        (t.x, t.cy()),
                    ]
                };
                let label = Bounds {
                    x: s.right() + 4,
                    y: s.cy() - 18,
                    w: 40,
                    h: 14,
                };
                (path, label)
            }
            Route::Track { side, level } => {
                let l = nodes[f.from].lane.min(lanes - 1);
                let step = TRACK * (level as i64 + 1);
                let ty = match side {
                    Side::Top => body_top[l] - step,
                    Side::Bottom => body_top[l] + row[l] + step,
                };
                let sy = match side {
                    Side::Top => s.y,
                    Side::Bottom => s.bottom(),
                };
                let ey = if t.cy() > ty { t.y } else { t.bottom() };
                let path = vec![(s.cx(), sy), (s.cx(), ty), (t.cx(), ty), (t.cx(), ey)];
                let label = Bounds {
                    x: s.cx() + 5,
                    y: match side {
                        Side::Top => sy - 16,
                        Side::Bottom => sy + 2,
                    },
                    w: 40,
                    h: 14,
                };
                (path, label)
            }
        };
        paths.push(path);
        flow_labels.push(f.name.as_ref().map(|name| Bounds {
            w: label_width(name),
            ..label
        }));
    }
    let lanes_out = (0..lanes)
        .map(|l| {
            let lane_id = format!("Lane_{k}_{}", l + 1);
            (lane_id, lane_name(ws, sop, l), lane_bounds[l])
        })
        .collect();
    let nomor = sop.number.as_ref().map_or("", |n| n.value.as_str());
    Pool {
        id: format!("Participant_{k}"),
        process: format!("Process_{k}"),
        name: sop.title().to_string(),
        doc: format!("SOP {} ({}), nomor {nomor}", sop.title(), sop.id),
        lanes: lanes_out,
        nodes,
        flows,
        bounds,
        shapes,
        labels,
        paths,
        flow_labels,
    }
}

/// Width of an exit label as bpmn-js draws it (11 px text), so it stays on one line.
fn label_width(text: &str) -> i64 {
    (text.chars().count() as i64 * 7 + 6).max(20)
}

/// Text for an XML attribute or element.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

fn bounds(out: &mut String, indent: &str, b: &Bounds) {
    let _ = writeln!(
        out,
        "{indent}<dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />",
        b.x, b.y, b.w, b.h
    );
}

fn write_process(out: &mut String, p: &Pool) {
    let _ = writeln!(
        out,
        "  <bpmn:process id=\"{}\" name=\"{}\" isExecutable=\"false\">",
        p.process,
        esc(&p.name)
    );
    let _ = writeln!(
        out,
        "    <bpmn:documentation>{}</bpmn:documentation>",
        esc(&p.doc)
    );
    let _ = writeln!(out, "    <bpmn:laneSet id=\"{}_lanes\">", p.process);
    for (l, (id, name, _)) in p.lanes.iter().enumerate() {
        let _ = writeln!(out, "      <bpmn:lane id=\"{id}\" name=\"{}\">", esc(name));
        for n in p
            .nodes
            .iter()
            .filter(|n| n.lane.min(p.lanes.len() - 1) == l)
        {
            let _ = writeln!(out, "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>", n.id);
        }
        let _ = writeln!(out, "      </bpmn:lane>");
    }
    let _ = writeln!(out, "    </bpmn:laneSet>");
    for (i, n) in p.nodes.iter().enumerate() {
        let tag = match n.kind {
            Kind::Start => "bpmn:startEvent",
            Kind::End => "bpmn:endEvent",
            Kind::Task => "bpmn:task",
            Kind::Decision | Kind::Join => "bpmn:exclusiveGateway",
            Kind::Parallel => "bpmn:parallelGateway",
        };
        let name = if n.name.is_empty() {
            String::new()
        } else {
            format!(" name=\"{}\"", esc(&n.name))
        };
        let _ = writeln!(out, "    <{tag} id=\"{}\"{name}>", n.id);
        if let Some(d) = &n.doc {
            let _ = writeln!(
                out,
                "      <bpmn:documentation>{}</bpmn:documentation>",
                esc(d)
            );
        }
        for f in p.flows.iter().filter(|f| f.to == i && !f.info) {
            let _ = writeln!(out, "      <bpmn:incoming>{}</bpmn:incoming>", f.id);
        }
        for f in p.flows.iter().filter(|f| f.from == i && !f.info) {
            let _ = writeln!(out, "      <bpmn:outgoing>{}</bpmn:outgoing>", f.id);
        }
        let _ = writeln!(out, "    </{tag}>");
    }
    for f in p.flows.iter().filter(|f| f.info) {
        let _ = writeln!(
            out,
            "    <bpmn:association id=\"{}\" associationDirection=\"One\" sourceRef=\"{}\" targetRef=\"{}\" />",
            f.id, p.nodes[f.from].id, p.nodes[f.to].id
        );
    }
    for f in p.flows.iter().filter(|f| !f.info) {
        let name = f
            .name
            .as_ref()
            .map_or(String::new(), |n| format!(" name=\"{}\"", esc(n)));
        let _ = writeln!(
            out,
            "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\" />",
            f.id, p.nodes[f.from].id, p.nodes[f.to].id
        );
    }
    let _ = writeln!(out, "  </bpmn:process>");
}

fn write_shapes(out: &mut String, p: &Pool) {
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNShape id=\"{}_di\" bpmnElement=\"{}\" isHorizontal=\"true\">",
        p.id, p.id
    );
    bounds(out, "        ", &p.bounds);
    let _ = writeln!(out, "      </bpmndi:BPMNShape>");
    for (id, _, b) in &p.lanes {
        let _ = writeln!(
            out,
            "      <bpmndi:BPMNShape id=\"{id}_di\" bpmnElement=\"{id}\" isHorizontal=\"true\">"
        );
        bounds(out, "        ", b);
        let _ = writeln!(out, "      </bpmndi:BPMNShape>");
    }
    for ((n, b), label) in p.nodes.iter().zip(&p.shapes).zip(&p.labels) {
        let marker = if matches!(n.kind, Kind::Decision | Kind::Join | Kind::Parallel) {
            " isMarkerVisible=\"true\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "      <bpmndi:BPMNShape id=\"{}_di\" bpmnElement=\"{}\"{marker}>",
            n.id, n.id
        );
        bounds(out, "        ", b);
        if let Some(l) = label {
            let _ = writeln!(out, "        <bpmndi:BPMNLabel>");
            bounds(out, "          ", l);
            let _ = writeln!(out, "        </bpmndi:BPMNLabel>");
        }
        let _ = writeln!(out, "      </bpmndi:BPMNShape>");
    }
    for ((f, path), label) in p.flows.iter().zip(&p.paths).zip(&p.flow_labels) {
        let _ = writeln!(
            out,
            "      <bpmndi:BPMNEdge id=\"{}_di\" bpmnElement=\"{}\">",
            f.id, f.id
        );
        for (x, y) in path {
            let _ = writeln!(out, "        <di:waypoint x=\"{x}\" y=\"{y}\" />");
        }
        if let Some(l) = label {
            let _ = writeln!(out, "        <bpmndi:BPMNLabel>");
            bounds(out, "          ", l);
            let _ = writeln!(out, "        </bpmndi:BPMNLabel>");
        }
        let _ = writeln!(out, "      </bpmndi:BPMNEdge>");
    }
}

/// The SOPs as one BPMN 2.0 document: a collaboration with one participant per SOP.
pub fn bpmn(sops: &Selection<'_>) -> String {
    let mut pools = Vec::new();
    let mut top = ORIGIN.1;
    for (k, (ws, sop)) in sops.iter().enumerate() {
        let p = pool(ws, sop, k + 1, top);
        top = p.bounds.bottom() + POOL_GAP;
        pools.push(p);
    }
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" \
         xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" \
         xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" \
         xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" \
         id=\"Definitions_sopc\" targetNamespace=\"urn:sopc:sop\" \
         exporter=\"sopc\" exporterVersion=\"{}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "  <bpmn:collaboration id=\"Collaboration_sopc\">");
    for p in &pools {
        let _ = writeln!(
            out,
            "    <bpmn:participant id=\"{}\" name=\"{}\" processRef=\"{}\" />",
            p.id,
            esc(&p.name),
            p.process
        );
    }
    let _ = writeln!(out, "  </bpmn:collaboration>");
    for p in &pools {
        write_process(&mut out, p);
    }
    let _ = writeln!(out, "  <bpmndi:BPMNDiagram id=\"Diagram_sopc\">");
    let _ = writeln!(
        out,
        "    <bpmndi:BPMNPlane id=\"Plane_sopc\" bpmnElement=\"Collaboration_sopc\">"
    );
    for p in &pools {
        write_shapes(&mut out, p);
    }
    let _ = writeln!(out, "    </bpmndi:BPMNPlane>");
    let _ = writeln!(out, "  </bpmndi:BPMNDiagram>");
    let _ = writeln!(out, "</bpmn:definitions>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::project;

    const LOOP: &str = r#"
pelaksana: [a, b, c]
langkah:
  - { pelaksana: a, kegiatan: Menerima surat & berkas }
  - { id: konsep, pelaksana: [c, b], kegiatan: Mengonsep }
  - pelaksana: b
    kegiatan: Memeriksa
    keputusan: { pertanyaan: "Konsep \"benar\"?", tidak: konsep }
  - pelaksana: c
    kegiatan: Menilai
    keputusan: { ya: ttd, tidak: arsip }
  - { id: arsip, pelaksana: a, kegiatan: Mengarsipkan }
  - { id: ttd, pelaksana: a, kegiatan: Menandatangani }
"#;

    fn overlap(a: &Bounds, b: &Bounds) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    #[test]
    fn joins_gateways_and_events() {
        let p = project(LOOP);
        let ws = &p.workspaces[0];
        let (nodes, flows) = nodes_and_flows(ws, &ws.sops[0], 1);
        let kinds: Vec<Kind> = nodes.iter().map(|n| n.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![
                Start, Task, Join, Task, Task, Decision, Task, Decision, Task, Join, Task, End
            ]
        );
        // Every node but the start has an incoming flow; every node but the end an
        // outgoing one; only gateways join or fork.
        for (i, n) in nodes.iter().enumerate() {
            let inc = flows.iter().filter(|f| f.to == i).count();
            let out = flows.iter().filter(|f| f.from == i).count();
            assert_eq!(inc == 0, n.kind == Start, "{}", n.id);
            assert_eq!(out == 0, n.kind == End, "{}", n.id);
            if matches!(n.kind, Task | Start | End) {
                assert!(inc <= 1 && out <= 1, "{}", n.id);
            }
        }
        let named: Vec<&str> = flows.iter().filter_map(|f| f.name.as_deref()).collect();
        assert_eq!(named, vec!["Ya", "Tidak", "Ya", "Tidak"]);
        assert_eq!(nodes[3].name, "Mengonsep (bersama Sekretaris)");
    }

    #[test]
    fn no_shape_overlaps_and_routes_avoid_shapes() {
        let p = project(LOOP);
        let ws = &p.workspaces[0];
        let pool = pool(ws, &ws.sops[0], 1, 0);
        for (i, a) in pool.shapes.iter().enumerate() {
            for b in &pool.shapes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} {b:?}");
            }
            let lane = &pool.lanes[pool.nodes[i].lane].2;
            assert!(
                a.x >= lane.x
                    && a.right() <= lane.right()
                    && a.y >= lane.y
                    && a.bottom() <= lane.bottom(),
                "{a:?} outside {lane:?}"
            );
        }
        // Every segment is horizontal or vertical, and passes through no shape other
        // than at its own ends.
        for (f, path) in pool.flows.iter().zip(&pool.paths) {
            for w in path.windows(2) {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                assert!(x1 == x2 || y1 == y2, "{}: diagonal", f.id);
                let seg = Bounds {
                    x: x1.min(x2),
                    y: y1.min(y2),
                    w: (x1 - x2).abs().max(1),
                    h: (y1 - y2).abs().max(1),
                };
                for (i, s) in pool.shapes.iter().enumerate() {
                    if i == f.from || i == f.to {
                        continue;
                    }
                    assert!(!overlap(&seg, s), "{} crosses {}", f.id, pool.nodes[i].id);
                }
            }
        }
    }

    #[test]
    fn the_pool_leaves_room_before_the_first_shape_and_after_the_last() {
        let p = project(LOOP);
        let ws = &p.workspaces[0];
        let laid = pool(ws, &ws.sops[0], 1, 0);
        // 20 (origin) + 30 (pool band) + 30 (lane band) + 40 (room) to the first shape;
        // 40 after the last one to the pool's right edge, which every lane shares.
        assert_eq!(laid.bounds.x, 20);
        assert_eq!(laid.shapes.iter().map(|s| s.x).min(), Some(120));
        let last = laid.shapes.iter().map(Bounds::right).max().unwrap();
        assert_eq!(laid.bounds.right(), last + 40);
        for (_, _, lane) in &laid.lanes {
            assert_eq!((lane.x, lane.right()), (50, last + 40));
        }
    }

    /// The first flow that leaves a symbol of `kind` for one that is not the next
    /// column, with its path.
    fn jump_from(pool: &Pool, kind: Kind) -> (&Flow, &[(i64, i64)]) {
        pool.flows
            .iter()
            .zip(&pool.paths)
            .find(|(f, _)| pool.nodes[f.from].kind == kind && f.to > f.from + 1)
            .map(|(f, p)| (f, p.as_slice()))
            .unwrap()
    }

    #[test]
    fn a_decisions_jump_runs_below_it_and_a_tasks_jump_above() {
        // Step 4's `ya: ttd` passes step 5 below the diamond, whose name stands above it.
        let p = project(LOOP);
        let ws = &p.workspaces[0];
        let laid = pool(ws, &ws.sops[0], 1, 0);
        let (f, path) = jump_from(&laid, Kind::Decision);
        assert_eq!(f.name.as_deref(), Some("Ya"));
        let s = laid.shapes[f.from];
        assert_eq!(path[0], (s.cx(), s.bottom()));
        assert!(path[1].1 > s.bottom(), "{path:?} {s:?}");
        // It enters its target from below, from the same track.
        let t = laid.shapes[f.to];
        assert_eq!(path[3], (t.cx(), t.bottom()));
        assert_eq!(path[2].1, path[1].1);
        // Step 1's `lanjut: c` passes step 2 above the task.
        let p = project(
            r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Mulai }
  - { pelaksana: a, kegiatan: Meminta, lanjut: c }
  - { pelaksana: a, kegiatan: Dilewati }
  - { id: c, pelaksana: a, kegiatan: Selesai }
"#,
        );
        let ws = &p.workspaces[0];
        let laid = pool(ws, &ws.sops[0], 1, 0);
        let (f, path) = jump_from(&laid, Kind::Task);
        let s = laid.shapes[f.from];
        assert_eq!(path[0], (s.cx(), s.y));
        assert!(path[1].1 < s.y, "{path:?} {s:?}");
        let t = laid.shapes[f.to];
        assert_eq!(path[3], (t.cx(), t.y));
        assert_eq!(path[2].1, path[1].1);
    }

    #[test]
    fn xml_escapes_and_refers_to_known_ids() {
        let p = project(LOOP);
        let ws = &p.workspaces[0];
        let xml = bpmn(&[(ws, &ws.sops[0])]);
        assert!(xml.contains("name=\"Konsep &quot;benar&quot;?\""), "{xml}");
        assert!(
            xml.contains("name=\"Menerima surat &amp; berkas\""),
            "{xml}"
        );
        let ids: Vec<&str> = xml
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate ids");
        for attr in [
            "bpmnElement=\"",
            "sourceRef=\"",
            "targetRef=\"",
            "processRef=\"",
        ] {
            for r in xml.split(attr).skip(1).filter_map(|s| s.split('"').next()) {
                assert!(ids.contains(&r), "{attr}{r} unknown");
            }
        }
    }

    const FLOW: &str = r#"
pelaksana: [a, b, c]
langkah:
  - pelaksana: a
    simbol: mulai
    teks: Langsung
    kegiatan: Datang
    lalu: { id: email, pelaksana: b, simbol: mulai, teks: Via Email }
  - { pelaksana: { atau: [a, b] }, kegiatan: Mendaftar, lanjut: [x, y], informasi: z }
  - { id: x, pelaksana: b, kegiatan: X, lanjut: z }
  - { id: y, pelaksana: c, kegiatan: Y }
  - { id: z, pelaksana: c, kegiatan: Menutup }
"#;

    #[test]
    fn starts_parallel_gateways_and_associations() {
        let p = project(FLOW);
        let ws = &p.workspaces[0];
        let (nodes, flows) = nodes_and_flows(ws, &ws.sops[0], 1);
        let count = |k: Kind| nodes.iter().filter(|n| n.kind == k).count();
        assert_eq!(count(Kind::Start), 2);
        let starts: Vec<&str> = nodes
            .iter()
            .filter(|n| n.kind == Kind::Start)
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(starts, ["Mulai", "Via Email"]);
        // The fork after step 2 and the join of its branches at step 5; the two starts
        // join at step 2 through an exclusive gateway.
        assert_eq!(count(Kind::Parallel), 2);
        assert_eq!(count(Kind::Join), 1);
        assert_eq!(
            nodes
                .iter()
                .find(|n| n.kind == Kind::Parallel)
                .map(|n| n.id.as_str()),
            Some("Fork_1_2")
        );
        assert_eq!(count(Kind::End), 1);
        let info: Vec<&Flow> = flows.iter().filter(|f| f.info).collect();
        assert_eq!(info.len(), 1);
        assert_eq!(nodes[info[0].from].id, "Task_1_2");
        assert_eq!(nodes[info[0].to].id, "Task_1_5");
        assert!(
            nodes
                .iter()
                .any(|n| n.name == "Mendaftar (atau Sekretaris)")
        );
        let xml = bpmn(&[(ws, &ws.sops[0])]);
        assert!(
            xml.contains("<bpmn:parallelGateway id=\"Fork_1_2\">"),
            "{xml}"
        );
        assert!(
            xml.contains("<bpmn:association id=\"Association_1_"),
            "{xml}"
        );
    }
}
