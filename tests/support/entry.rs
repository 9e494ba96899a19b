//! The entry functions of the fuzz targets (`fuzz/fuzz_targets/`). `tests/fuzz_corpus.rs`
//! runs every file of `fuzz/corpus/` through them in a normal `cargo test`, so the
//! corpus and every fixed finding stay regression tests.

use std::path::PathBuf;

use arbitrary::Unstructured;
use sopc::diag::{self, Diagnostics};
use sopc::layout::{self, LayoutOptions};
use sopc::load::{Project, SopText, load_texts};
use sopc::render::html::{self, PageLinks, Templates};
use sopc::{build, check, limits};

use super::invariants;
use super::model_gen::{GenSop, org_yaml};
use super::oracle;

/// Most SOP files taken from one input.
const MAX_FILES: usize = 4;

/// Splits fuzz bytes into `organisasi.yaml` and up to four SOP files at NUL bytes. Input
/// without a NUL is one SOP file next to a valid organisation file.
pub fn split(data: &[u8]) -> (SopText, Vec<SopText>) {
    let mut parts = data.split(|&b| b == 0);
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&[u8]> = parts.take(MAX_FILES).collect();
    let (org, sops) = if rest.is_empty() {
        (org_yaml().into_bytes(), vec![first])
    } else {
        (first.to_vec(), rest)
    };
    let org = SopText {
        path: "f/organisasi.yaml".into(),
        bytes: org,
    };
    let sops = sops
        .into_iter()
        .enumerate()
        .map(|(i, b)| SopText {
            path: format!("f/sop-{i}.yaml").into(),
            bytes: b.to_vec(),
        })
        .collect();
    (org, sops)
}

/// Every diagnostic points inside its file, on character boundaries, and renders in
/// each output format.
fn check_diagnostics(project: &Project, diags: &Diagnostics) {
    for (n, d) in diags.iter().enumerate() {
        for span in std::iter::once(d.span).chain(d.others.iter().map(|l| l.span)) {
            let text = &project.sources.get(span.file).text;
            let r = span.range();
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "{}: span {r:?} outside a file of {} bytes",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{}: span {r:?} splits a character",
                d.code
            );
        }
        assert!(d.code.starts_with("sop::"), "code `{}`", d.code);
        let _ = diag::render_short(&project.sources, d);
        let _ = diag::to_json(&project.sources, d);
        if n < 8 {
            let _ = diag::render_human(&project.sources, d, false, 80);
        }
    }
}

/// Fuzz target `load_check`: any bytes are loaded and checked; an SOP that checks clean
/// is laid out, must keep the layout invariants, and is rendered to HTML and PDF. Panics
/// on any broken promise.
pub fn load_check(data: &[u8]) {
    let (org, sops) = split(data);
    let project = load_texts(PathBuf::from("f"), org, sops);
    let mut diags = project.diags.clone();
    for ws in &project.workspaces {
        diags.extend(check::run(ws));
    }
    diags.sort();
    diags.limit_per_file(limits::MAX_DIAGNOSTICS_PER_FILE);
    check_diagnostics(&project, &diags);
    let templates = Templates::builtin().ok();
    for ws in &project.workspaces {
        for sop in &ws.sops {
            if !build::renderable(&diags, ws, sop) {
                continue;
            }
            let opts = LayoutOptions {
                paper: ws.org.paper,
                hours_per_day: ws.org.hours_per_day,
                ..LayoutOptions::default()
            };
            match build::layout_sop(&project, ws, sop, &opts) {
                Ok(doc) => {
                    if let Err(e) = invariants::check(&doc, sop.steps.len()) {
                        panic!("layout invariant broken: {e}");
                    }
                    if let Some(t) = &templates {
                        let page = html::html(&doc, t, &PageLinks::for_sop(&sop.id));
                        assert!(page.is_ok(), "HTML: {page:?}");
                    }
                    let pdf = sopc::render::pdf(&doc);
                    assert!(pdf.is_ok(), "PDF: {:?}", pdf.err());
                }
                Err(d) => assert!(d.code.starts_with("sop::layout::"), "{d:?}"),
            }
        }
    }
}

/// Fuzz target `layout`: a structured SOP within the limits (see [`GenSop`]) loads
/// without an error of its shape; when it checks clean, its layout either keeps every
/// invariant and is the same when made twice, or is a `sop::layout::…` diagnostic.
pub fn layout_model(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(g) = GenSop::arbitrary(&mut u) else {
        return;
    };
    if let Err(e) = layout_gen(&g) {
        panic!("{e}\n{}", g.yaml());
    }
}

/// The checks of [`layout_model`] on one generated SOP; `Err` says which broke.
pub fn layout_gen(g: &GenSop) -> Result<(), String> {
    let yaml = g.yaml();
    let project = load_texts(
        PathBuf::from("g"),
        SopText {
            path: "g/organisasi.yaml".into(),
            bytes: org_yaml().into_bytes(),
        },
        vec![SopText {
            path: "g/uji.yaml".into(),
            bytes: yaml.into_bytes(),
        }],
    );
    if let Some(d) = project.diags.iter().find(|d| d.is_error()) {
        panic!("generated SOP does not load: {d:?}\n{}", g.yaml());
    }
    let ws = &project.workspaces[0];
    if check::run(ws).iter().any(|d| d.is_error()) {
        return Ok(());
    }
    let opts = LayoutOptions {
        paper: g.paper(),
        worksheets: g.worksheets,
        ..LayoutOptions::default()
    };
    let sop = &ws.sops[0];
    let doc = match layout::layout(ws, sop, &opts, "00000000") {
        Ok(doc) => doc,
        Err(d) if d.code.starts_with("sop::layout::") => return Ok(()),
        Err(d) => return Err(format!("layout gave {d:?}")),
    };
    invariants::check(&doc, g.steps.len())?;
    let problems = oracle::check_flow(&doc, sop);
    if !problems.is_empty() {
        return Err(format!("layout oracle:\n{}", problems.join("\n")));
    }
    match layout::layout(ws, sop, &opts, "00000000") {
        Ok(again) if again == doc => Ok(()),
        _ => Err("layout is not deterministic".into()),
    }
}
