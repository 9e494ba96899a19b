//! `sopc graph` read back: the BPMN, DOT and Mermaid of every SOP of `sops/`, of every
//! folder of `examples/` and of a few hand-made flows are parsed again and reduced to
//! the flow between steps, which must be, edge by edge and label by label, the flow the
//! SOP file writes. The expected flow is worked out here from the model alone (the next
//! step, `lanjut`, a decision's `ya`/`tidak` and its labels), not from `sopc::graph`, so a
//! wrong target, a swapped exit, a lost label or a missing end fails.
//!
//! A flow is `(from, to, label)`: `from` a step number, `to` a step number or `END` (the
//! flow ends there), and the label of a decision's exit. BPMN is read as XML (start,
//! tasks, exclusive gateways, end events, sequence flows, lanes); DOT is read by
//! Graphviz itself (`dot -Tjson`; skipped with a note where Graphviz is missing, except
//! with `CI=true`); Mermaid is read line by line.

#[path = "support/flow.rs"]
#[allow(dead_code)]
mod flow;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use sopc::export::{self, GraphFormat};
use sopc::model::{Sop, Workspace};

/// The target of a flow: a step number, or the end of the procedure.
const END: usize = usize::MAX;

type Flow = (usize, usize, Option<String>);

/// The flows an SOP writes, sorted, worked out from the model only.
fn expected(sop: &Sop) -> Vec<Flow> {
    let num = |i: usize| sop.steps[i].number;
    let mut out: Vec<Flow> = flow::edges(sop)
        .into_iter()
        .map(|e| (num(e.from), e.to.map_or(END, num), e.label))
        .collect();
    out.sort();
    out
}

/// The lane (index into `pelaksana`) each step is drawn in: its first actor's.
fn expected_lanes(sop: &Sop) -> BTreeMap<usize, usize> {
    sop.steps
        .iter()
        .map(|s| {
            let lane = sop
                .lanes
                .iter()
                .position(|l| l.value == s.actors[0].value)
                .expect("first actor has a lane");
            (s.number, lane)
        })
        .collect()
}

/// The flows and lanes read back from one export, per SOP (`k` from 1).
#[derive(Debug, Default)]
struct ReadBack {
    flows: BTreeMap<usize, Vec<Flow>>,
    lanes: BTreeMap<usize, BTreeMap<usize, usize>>,
}

/// `s{k}_{n}`, `s{k}_{n}q` and `s{k}_end{n}` of the DOT and Mermaid outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Step(usize, usize),
    Question(usize, usize),
    End(usize, usize),
    Lane(usize, usize),
}

fn node(id: &str) -> Node {
    let num = |s: &str| -> usize {
        s.parse()
            .unwrap_or_else(|_| panic!("unexpected node id `{id}`"))
    };
    let (k, tail) = id
        .strip_prefix('s')
        .and_then(|r| r.split_once('_'))
        .unwrap_or_else(|| panic!("unexpected node id `{id}`"));
    let k = num(k);
    if let Some(n) = tail.strip_prefix("end") {
        Node::End(k, num(n))
    } else if let Some(l) = tail.strip_prefix("lane") {
        Node::Lane(k, num(l))
    } else if let Some(n) = tail.strip_suffix('q') {
        Node::Question(k, num(n))
    } else {
        Node::Step(k, num(tail))
    }
}

impl ReadBack {
    /// Adds one edge of the DOT or Mermaid output; `s{n} -> s{n}q` is the step's own
    /// question and counted in `questions`.
    fn edge(&mut self, from: &str, to: &str, label: Option<String>, questions: &mut Vec<usize>) {
        let (a, b) = (node(from), node(to));
        let (k, n) = match a {
            Node::Step(k, n) if b == Node::Question(k, n) => {
                assert!(label.is_none(), "{from} -> {to} has a label");
                questions.push(n);
                return;
            }
            Node::Step(k, n) | Node::Question(k, n) => (k, n),
            Node::Lane(..) => return,
            Node::End(..) => panic!("an edge leaves an end: {from} -> {to}"),
        };
        let target = match b {
            Node::Step(kb, m) if kb == k => m,
            Node::End(kb, m) if kb == k && m == n => END,
            _ => panic!("edge {from} -> {to} leaves its SOP or ends at another step's end"),
        };
        // A decision's exits leave its question, every other edge its step.
        self.flows.entry(k).or_default().push((n, target, label));
    }
}

/// Compares what was read back with the flow; `ends`: the format draws where the flow
/// ends after a step that is not a decision (BPMN's end events; DOT and Mermaid draw
/// the last step as a terminator instead).
fn compare(what: &str, sops: &[(&Workspace, &Sop)], mut got: ReadBack, ends: bool) {
    assert_eq!(got.flows.len(), sops.len(), "{what}: SOPs read back");
    for (k, (_, sop)) in sops.iter().enumerate() {
        let k = k + 1;
        let mut flows = got.flows.remove(&k).unwrap_or_default();
        flows.sort();
        let mut want = expected(sop);
        if !ends {
            want.retain(|f| f.1 != END || f.2.is_some());
        }
        assert_eq!(flows, want, "{what}: flows of {} (SOP {k})", sop.id);
        if let Some(lanes) = got.lanes.remove(&k) {
            assert_eq!(lanes, expected_lanes(sop), "{what}: lanes of {}", sop.id);
        }
    }
}

// ---------------------------------------------------------------- Mermaid

fn unescape_mermaid(s: &str) -> String {
    s.replace("#quot;", "\"")
        .replace("#lt;", "<")
        .replace("#gt;", ">")
        .replace("#35;", "#")
}

/// Reads the edges (`a --> b`, `a -->|"label"| b`) and the lane subgraphs.
fn read_mermaid(text: &str) -> (ReadBack, Vec<usize>) {
    let mut rb = ReadBack::default();
    let mut questions = Vec::new();
    let mut lane: Option<(usize, usize)> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("subgraph ") {
            let id = rest.split('[').next().unwrap();
            if let Some((sop, l)) = id.split_once("_lane") {
                let k = sop.trim_start_matches("sop").parse().unwrap();
                lane = Some((k, l.parse().unwrap()));
            }
            continue;
        }
        if line == "end" {
            lane = None;
            continue;
        }
        if let Some((from, rest)) = line.split_once(" -->") {
            let (label, to) = match rest.strip_prefix("|\"") {
                Some(r) => {
                    let (label, to) = r.split_once("\"| ").expect("closed label");
                    (Some(unescape_mermaid(label)), to)
                }
                None => (None, rest.trim_start()),
            };
            rb.edge(from, to.trim(), label, &mut questions);
            continue;
        }
        if let Some((k, l)) = lane {
            let id = line.split(['[', '(', '{']).next().unwrap();
            if let Node::Step(kk, n) = node(id) {
                assert_eq!(kk, k, "{line}");
                rb.lanes.entry(k).or_default().insert(n, l);
            }
        }
    }
    (rb, questions)
}

// ---------------------------------------------------------------- DOT

fn have_dot() -> bool {
    if Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "Graphviz is missing in CI: install Debian's graphviz");
    eprintln!("note: DOT read-back skipped, Graphviz is missing");
    false
}

/// Reads the DOT through `dot -Tjson`: the edges with their labels, and which lane
/// cluster holds each step.
fn read_dot(text: &str) -> (ReadBack, Vec<usize>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.dot");
    std::fs::write(&path, text).unwrap();
    let out = Command::new("dot")
        .arg("-Tjson")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let objects = json["objects"].as_array().unwrap();
    let names: BTreeMap<u64, &str> = objects
        .iter()
        .map(|o| (o["_gvid"].as_u64().unwrap(), o["name"].as_str().unwrap()))
        .collect();
    let name = |i: &Value| names[&i.as_u64().unwrap()];
    let mut rb = ReadBack::default();
    let mut questions = Vec::new();
    for o in objects {
        let cluster = o["name"].as_str().unwrap();
        let Some((sop, l)) = cluster
            .strip_prefix("cluster_sop")
            .and_then(|c| c.split_once("_lane"))
        else {
            continue;
        };
        let k: usize = sop.parse().unwrap();
        let l: usize = l.parse().unwrap();
        for id in o["nodes"].as_array().into_iter().flatten() {
            if let Node::Step(kk, n) = node(name(id)) {
                assert_eq!(kk, k);
                assert!(
                    rb.lanes.entry(k).or_default().insert(n, l).is_none(),
                    "step {n} in two lanes"
                );
            }
        }
    }
    for e in json["edges"].as_array().into_iter().flatten() {
        // Graphviz gives every edge the attributes some edge has: no label is "".
        let label = e["label"]
            .as_str()
            .filter(|l| !l.is_empty())
            .map(str::to_string);
        rb.edge(name(&e["tail"]), name(&e["head"]), label, &mut questions);
    }
    (rb, questions)
}

// ---------------------------------------------------------------- BPMN

/// One XML element: its name, attributes (entities decoded), text, children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, k: &str) -> &str {
        self.attrs.get(k).map_or("", String::as_str)
    }
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }
    fn find(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entity ends") + at;
        let entity = &rest[at + 1..end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&e[2..], 16).unwrap()).unwrap()
            }
            e if e.starts_with('#') => char::from_u32(e[1..].parse().unwrap()).unwrap(),
            e => panic!("unknown entity &{e};"),
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A small XML reader, enough for the BPMN `sopc` writes (no CDATA, no DTD).
fn parse_xml(text: &str) -> Element {
    let mut stack = vec![Element::default()];
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        stack
            .last_mut()
            .unwrap()
            .text
            .push_str(&decode(&rest[..lt]));
        rest = &rest[lt..];
        if rest.starts_with("<?") {
            rest = &rest[rest.find("?>").unwrap() + 2..];
            continue;
        }
        if rest.starts_with("<!--") {
            rest = &rest[rest.find("-->").unwrap() + 3..];
            continue;
        }
        // The end of the tag: the first `>` outside a quoted value.
        let mut quote = None;
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let done = stack.pop().unwrap();
            assert_eq!(done.name, name.trim(), "mismatched end tag");
            stack.last_mut().unwrap().children.push(done);
            continue;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs_text) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        let mut el = Element {
            name: name.to_string(),
            ..Element::default()
        };
        loop {
            attrs_text = attrs_text.trim_start();
            let Some((k, v)) = attrs_text.split_once('=') else {
                break;
            };
            let q = v.chars().next().unwrap();
            let close = v[1..].find(q).unwrap() + 1;
            el.attrs.insert(k.trim().to_string(), decode(&v[1..close]));
            attrs_text = &v[close + 1..];
        }
        if empty {
            stack.last_mut().unwrap().children.push(el);
        } else {
            stack.push(el);
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap()
}

/// Reads the processes (in participant order) back to flows between steps: a task is a
/// step (`Task_{k}_{n}`); a gateway entered only from a task is that step's decision; a
/// gateway whose one outgoing flow enters a task joins the flows into that step.
fn read_bpmn(xml: &str) -> ReadBack {
    let root = parse_xml(xml);
    let mut rb = ReadBack::default();
    let processes: BTreeMap<String, &Element> = root
        .find("bpmn:process")
        .into_iter()
        .map(|p| (p.attr("id").to_string(), p))
        .collect();
    for (k, participant) in root.find("bpmn:participant").into_iter().enumerate() {
        let k = k + 1;
        let p = processes[participant.attr("processRef")];
        let kind: BTreeMap<&str, &str> = p
            .children
            .iter()
            .filter(|c| c.attrs.contains_key("id"))
            .map(|c| (c.attr("id"), c.name.as_str()))
            .collect();
        let step_of = |task: &str| -> usize {
            assert_eq!(kind[task], "bpmn:task", "{task}");
            let (_, n) = task.rsplit_once('_').unwrap();
            n.parse().unwrap()
        };
        let flows: Vec<(&str, &str, Option<String>)> = p
            .find("bpmn:sequenceFlow")
            .into_iter()
            .map(|f| {
                (
                    f.attr("sourceRef"),
                    f.attr("targetRef"),
                    f.attrs.get("name").cloned(),
                )
            })
            .collect();
        for f in &flows {
            assert!(kind.contains_key(f.0) && kind.contains_key(f.1), "{f:?}");
        }
        let out_of = |id: &str| flows.iter().filter(|f| f.0 == id).collect::<Vec<_>>();
        let into = |id: &str| flows.iter().filter(|f| f.1 == id).collect::<Vec<_>>();
        let is_gateway = |id: &str| kind[id] == "bpmn:exclusiveGateway";
        // A decision gateway: one flow in, from a task, unnamed.
        let decision_of = |gw: &str| -> Option<usize> {
            let ins = into(gw);
            match ins.as_slice() {
                [(from, _, None)] if kind[from] == "bpmn:task" && out_of(gw).len() >= 2 => {
                    Some(step_of(from))
                }
                _ => None,
            }
        };
        // A joining gateway: one flow out, into a task, unnamed.
        let join_into = |gw: &str| -> Option<usize> {
            let outs = out_of(gw);
            match outs.as_slice() {
                [(_, to, None)] if kind[to] == "bpmn:task" && into(gw).len() >= 2 => {
                    Some(step_of(to))
                }
                _ => None,
            }
        };
        for gw in kind.keys().filter(|id| is_gateway(id)) {
            assert!(
                decision_of(gw).is_some() != join_into(gw).is_some(),
                "gateway {gw} is neither a decision nor a join"
            );
        }
        let starts: Vec<&&str> = kind
            .keys()
            .filter(|id| kind[*id] == "bpmn:startEvent")
            .collect();
        assert_eq!(starts.len(), 1, "one start event");
        let mut list = Vec::new();
        for (from, to, name) in &flows {
            // Inside a step: its task to its decision, its join to its task.
            if is_gateway(to) && decision_of(to).is_some()
                || is_gateway(from) && join_into(from).is_some()
            {
                assert!(name.is_none(), "{from} -> {to} has a name");
                continue;
            }
            let target = match kind[to] {
                "bpmn:task" => step_of(to),
                "bpmn:endEvent" => END,
                _ => join_into(to).expect("a flow enters a task, a join or an end"),
            };
            if kind[from] == "bpmn:startEvent" {
                assert_eq!((target, name), (1, &None), "the start leads to step 1");
                continue;
            }
            let source = match kind[from] {
                "bpmn:task" => step_of(from),
                _ => decision_of(from).expect("a flow leaves a task or a decision"),
            };
            list.push((source, target, name.clone()));
        }
        rb.flows.insert(k, list);
        // Lanes, in order: which one holds each task.
        let mut lanes = BTreeMap::new();
        for (l, lane) in p.find("bpmn:lane").into_iter().enumerate() {
            for r in lane.find("bpmn:flowNodeRef") {
                if kind[r.text.trim()] == "bpmn:task" {
                    lanes.insert(step_of(r.text.trim()), l);
                }
            }
        }
        rb.lanes.insert(k, lanes);
    }
    rb
}

// ---------------------------------------------------------------- the cases

fn decisions(sops: &[(&Workspace, &Sop)]) -> usize {
    sops.iter()
        .map(|(_, s)| s.steps.iter().filter(|s| s.is_decision()).count())
        .sum()
}

/// Every format of one selection read back and compared.
fn check_selection(what: &str, sops: &[(&Workspace, &Sop)], dot: bool) {
    let bpmn = export::export(sops, GraphFormat::Bpmn);
    compare(&format!("{what} (BPMN)"), sops, read_bpmn(&bpmn), true);

    let mermaid = export::export(sops, GraphFormat::Mermaid);
    let (rb, questions) = read_mermaid(&mermaid);
    assert_eq!(
        questions.len(),
        decisions(sops),
        "{what} (Mermaid): questions"
    );
    compare(&format!("{what} (Mermaid)"), sops, rb, false);

    if dot {
        let text = export::export(sops, GraphFormat::Dot);
        let (rb, questions) = read_dot(&text);
        assert_eq!(questions.len(), decisions(sops), "{what} (DOT): questions");
        compare(&format!("{what} (DOT)"), sops, rb, false);
    }
}

fn check_folder(dir: &str, dot: bool) -> usize {
    let (project, diags) = sopc::cli::compile(&[PathBuf::from(dir)]).unwrap();
    assert_eq!(diags.errors(), 0, "{dir} checks clean");
    let ws = &project.workspaces[0];
    // SOPs whose flow the independent model states whole (see `flow::in_scope`).
    let all: Vec<(&Workspace, &Sop)> = ws
        .sops
        .iter()
        .filter(|s| flow::in_scope(s))
        .map(|s| (ws, s))
        .collect();
    if all.is_empty() {
        return 0;
    }
    for one in &all {
        check_selection(
            &format!("{dir}/{}", one.1.id),
            std::slice::from_ref(one),
            dot,
        );
    }
    check_selection(dir, &all, dot);
    all.len()
}

#[test]
fn every_export_of_sops_and_examples_reads_back_as_its_flow() {
    let dot = have_dot();
    let mut n = check_folder("sops", dot);
    let mut examples: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    examples.sort();
    for ex in examples {
        n += check_folder(ex.to_str().unwrap(), dot);
    }
    assert!(n >= 20, "{n} SOPs");
}

const ORG: &str = "pemerintah: Pemerintah Kabupaten Contoh\ninstansi: Dinas Contoh\n\
pengesah: { jabatan: Kepala Dinas, nama: Budi, pangkat: Pembina, nip: \"19641222 198903 1 009\" }\n\
pelaksana:\n  a: { jabatan: \"Kepala <Bagian> & \\\"Umum\\\" #1\" }\n  b: { jabatan: Sekretaris }\n  c: { jabatan: Pemohon }\n";

/// Flows the SOPs of `sops/` do not have: a `ya` written to a later step, a `tidak` forward past a `lanjut`, a loop into the first step (a join before
/// it), a decision into a decision, and labels and texts with markup characters.
const FLOWS: &str = r##"nomor: "1/2/3"
nama: Alur Uji
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
pelaksana: [a, b, c]
langkah:
  - { id: awal, pelaksana: c, kegiatan: "Mengajukan <berkas> & \"surat\" #1" }
  - id: periksa
    pelaksana: [b, a]
    kegiatan: Memeriksa bersama
    keputusan: { pertanyaan: "Lengkap?", tidak: awal, label: ["Lengkap \"ya\"", "Kurang #2 <b>"] }
  - id: nilai
    pelaksana: a
    kegiatan: Menilai
    keputusan: { ya: arsip, tidak: tolak, label: [Layak, Tidak layak] }
  - { id: tolak, pelaksana: b, kegiatan: Menolak, lanjut: kirim }
  - { id: arsip, pelaksana: c, kegiatan: Mengarsipkan }
  - { id: kirim, pelaksana: b, kegiatan: Mengirim }
  - id: akhir
    pelaksana: a
    kegiatan: Memutuskan
    keputusan: { ya: selesai, tidak: periksa }
  - { id: selesai, pelaksana: c, kegiatan: Menerima keputusan }
"##;

#[test]
fn hand_made_flows_read_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organisasi.yaml"), ORG).unwrap();
    std::fs::write(dir.path().join("alur.yaml"), FLOWS).unwrap();
    let (project, diags) = sopc::cli::compile(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(diags.errors(), 0, "{diags:?}");
    let ws = &project.workspaces[0];
    let sop = &ws.sops[0];
    // The expectation itself, by hand.
    let l = |s: &str| Some(s.to_string());
    assert_eq!(
        expected(sop),
        vec![
            (1, 2, None),
            (2, 1, l("Kurang #2 <b>")),
            (2, 3, l("Lengkap \"ya\"")),
            (3, 4, l("Tidak layak")),
            (3, 5, l("Layak")),
            (4, 6, None),
            (5, 6, None),
            (6, 7, None),
            (7, 2, l("Tidak")),
            (7, 8, l("Ya")),
            (8, END, None),
        ]
    );
    check_selection("alur", &[(ws, sop)], have_dot());
}

#[test]
fn a_swapped_exit_is_noticed() {
    // The reader is not blind: the BPMN of a flow with its two labels exchanged is
    // read back as a different flow.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organisasi.yaml"), ORG).unwrap();
    std::fs::write(dir.path().join("alur.yaml"), FLOWS).unwrap();
    let (project, _) = sopc::cli::compile(&[dir.path().to_path_buf()]).unwrap();
    let ws = &project.workspaces[0];
    let sop = &ws.sops[0];
    let bpmn = export::export(&[(ws, sop)], GraphFormat::Bpmn);
    let swapped = bpmn
        .replace("name=\"Layak\"", "name=\"@@\"")
        .replace("name=\"Tidak layak\"", "name=\"Layak\"")
        .replace("name=\"@@\"", "name=\"Tidak layak\"");
    assert_ne!(swapped, bpmn);
    let mut rb = read_bpmn(&swapped);
    let mut flows = rb.flows.remove(&1).unwrap();
    flows.sort();
    assert_ne!(flows, expected(sop));
}
