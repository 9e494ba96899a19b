//! The HTML renderer on the real SOPs of `sops/`: each one lays out and renders to a page
//! with one `<section class="page">` per page of the display list, and the office's
//! index lists them all.
//!
//! `SOPC_HTML_OUT=/tmp/sops-html cargo test --test html` also writes the whole folder
//! (each SOP's HTML and PDF, the fonts, `index.html`), as `sopc build` will, for the
//! browser tests: `node tests/browser/check.mjs /tmp/sops-html`.

use std::path::{Path, PathBuf};

use sopc::fingerprint::fingerprint;
use sopc::layout::{self, Document, LayoutOptions};
use sopc::model::{RelatedSop, Sop, Workspace, waktu};
use sopc::render::html::{self, IndexContext, IndexRole, IndexSop, PageLinks, Templates};

fn options(ws: &Workspace) -> LayoutOptions {
    LayoutOptions {
        paper: ws.org.paper,
        worksheets: true,
        hours_per_day: ws.org.hours_per_day,
    }
}

/// One catalogue entry, filled from the model the way the build can.
fn index_sop(ws: &Workspace, sop: &Sop) -> IndexSop {
    let hours = ws.org.hours_per_day;
    let minutes: f64 = sop
        .steps
        .iter()
        .filter_map(|s| s.time.as_ref())
        .map(|t| t.value.minutes(hours))
        .sum();
    let mut related = Vec::new();
    let mut related_external = Vec::new();
    for r in &sop.related {
        match r {
            RelatedSop::Internal(id) => related.push(id.value.clone()),
            RelatedSop::External(title) => related_external.push(title.value.clone()),
        }
    }
    IndexSop {
        id: sop.id.clone(),
        number: sop
            .number
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_default(),
        name: sop.title().to_string(),
        unit: sop
            .identification
            .as_ref()
            .and_then(|i| i.echelon_iii.as_ref().or(i.echelon_iv.as_ref()))
            .map(|u| u.value.clone())
            .unwrap_or_default(),
        kind: sop
            .activity
            .as_ref()
            .and_then(|a| a.kind.as_ref())
            .map(|k| k.value.label().to_string())
            .unwrap_or_default(),
        steps: sop.steps.len(),
        total_time: waktu::human(minutes, hours),
        effective: sop
            .dates
            .effective
            .as_ref()
            .map(|d| d.value.long())
            .unwrap_or_default(),
        html_href: Some(format!("{}.html", sop.id)),
        pdf_href: Some(format!("{}.pdf", sop.id)),
        roles: sop.lanes.iter().map(|l| l.value.clone()).collect(),
        related,
        related_external,
    }
}

fn index_context(ws: &Workspace) -> IndexContext {
    let text = |s: &Option<sopc::source::Spanned<String>>| {
        s.as_ref().map(|v| v.value.clone()).unwrap_or_default()
    };
    IndexContext {
        government: text(&ws.org.government),
        office: text(&ws.org.agency),
        sops: ws.sops.iter().map(|s| index_sop(ws, s)).collect(),
        roster: ws
            .org
            .roster
            .iter()
            .map(|r| IndexRole {
                id: r.id.value.clone(),
                title: r.title.value.clone(),
            })
            .collect(),
    }
}

fn laid_out() -> (Vec<(Workspace, Vec<Document>)>, Templates) {
    let (project, diags) = sopc::cli::compile(&[PathBuf::from("sops")]).unwrap();
    assert_eq!(diags.errors(), 0, "sops/ must check clean");
    let mut out = Vec::new();
    for ws in &project.workspaces {
        let docs = ws
            .sops
            .iter()
            .map(|sop| {
                let fp = fingerprint(&project.sources, ws, sop);
                layout::layout(ws, sop, &options(ws), &fp).unwrap()
            })
            .collect();
        out.push((ws.clone(), docs));
    }
    (out, Templates::builtin().unwrap())
}

#[test]
fn every_sop_renders_one_section_per_page_and_the_index_lists_them() {
    let (workspaces, t) = laid_out();
    let write = std::env::var_os("SOPC_HTML_OUT").map(PathBuf::from);
    let mut count = 0;
    for (ws, docs) in &workspaces {
        for doc in docs {
            let page = html::html(doc, &t, &PageLinks::for_sop(&doc.meta.id)).unwrap();
            assert_eq!(
                page.matches("<section class=\"page\"").count(),
                doc.pages.len(),
                "{}",
                doc.meta.id
            );
            assert_eq!(page.matches("<script>").count(), 1, "{}", doc.meta.id);
            if let Some(dir) = &write {
                write_file(dir, &format!("{}.html", doc.meta.id), page.as_bytes());
                let pdf = sopc::render::pdf(doc).unwrap();
                write_file(dir, &format!("{}.pdf", doc.meta.id), &pdf);
            }
            count += 1;
        }
        let index = html::index(&index_context(ws), &t).unwrap();
        assert_eq!(index.matches("<tr id=\"sop-").count(), ws.sops.len());
        if let Some(dir) = &write {
            write_file(dir, "index.html", index.as_bytes());
            for (path, bytes) in html::assets() {
                write_file(dir, path, bytes);
            }
        }
    }
    assert!(count >= 14, "{count} SOPs");
}

fn write_file(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}
