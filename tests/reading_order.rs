//! The text of every flowchart page comes out of the PDF in reading order (#16, item 2):
//! with `pdftotext -raw`, which follows the content stream as copy-paste and readers of
//! an untagged PDF do, each row reads as its number and kegiatan, then every other text
//! of its step (symbol text, exit labels, kelengkapan, waktu, output), before the next
//! row; "Jumlah waktu" comes after the last row. Checked on every SOP of `sops/` and
//! of `examples/`, built by the binary.
//!
//! Plain `pdftotext` (without `-raw`) is not checked: poppler then orders the text by
//! its own analysis of where the blocks stand on the page (a topological sort of
//! blocks, T. M. Breuel 2003), which the order of the content stream does not change.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use sopc::layout::LayoutOptions;
use sopc::layout::document::{Item, Page};
use sopc::model::Sop;
use sopc::source::Span;
use support::build;

fn folders() -> Vec<PathBuf> {
    support::source_folders()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of one page (1-based) as `pdftotext -raw` gives it, on one line.
fn raw_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftotext {}", pdf.display());
    squash(&String::from_utf8_lossy(&o.stdout))
}

fn within(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// The steps whose row is on `page`, in order: the text that starts the row (number
/// and the first line of kegiatan) and every other line drawn from the step.
fn rows(page: &Page, sop: &Sop) -> Vec<(usize, String, Vec<String>)> {
    let texts: Vec<(&str, Option<Span>)> = page
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) if !t.text.trim().is_empty() => Some((t.text.as_str(), p.source)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for step in &sop.steps {
        let kegiatan = step.activity.span;
        let Some(first) = texts.iter().position(|(_, s)| *s == Some(kegiatan)) else {
            continue;
        };
        let start = format!("{} {}", step.number, squash(texts[first].0));
        let rest = texts
            .iter()
            .enumerate()
            .filter(|&(i, (_, s))| i != first && s.is_some_and(|s| within(s, step.span)))
            .map(|(_, (t, _))| squash(t))
            .collect();
        out.push((step.number, start, rest));
    }
    out
}

#[test]
fn flowchart_rows_read_in_order_with_pdftotext_raw() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "`pdftotext` is needed for this test on CI"
        );
        eprintln!("note: `pdftotext` is not installed; skipping");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let (mut steps, mut pages) = (0, 0);
    for (n, dir) in folders().iter().enumerate() {
        let out = tmp.path().join(n.to_string());
        build(dir, &out);
        let (project, diags) = sopc::cli::compile(std::slice::from_ref(dir)).unwrap();
        assert_eq!(diags.errors(), 0, "{} checks clean", dir.display());
        let ws = &project.workspaces[0];
        let opts = LayoutOptions {
            paper: ws.org.paper,
            worksheets: true,
            hours_per_day: ws.org.hours_per_day,
        };
        for sop in &ws.sops {
            let doc = sopc::build::layout_sop(&project, ws, sop, &opts).unwrap();
            let pdf = out.join(format!("{}.pdf", sop.id));
            for (i, page) in doc.pages.iter().enumerate() {
                let is_flowchart = page.items.iter().any(|p| matches!(p.item, Item::Symbol(_)));
                let rows = rows(page, sop);
                if !is_flowchart || rows.is_empty() {
                    continue;
                }
                pages += 1;
                let text = raw_text(&pdf, i + 1);
                let at = format!("{} page {}", sop.id, i + 1);
                // Where each row starts, each after the one before.
                let mut starts = Vec::new();
                let mut from = 0;
                for (number, start, _) in &rows {
                    match text[from..].find(start.as_str()) {
                        Some(p) => {
                            starts.push(from + p);
                            from += p + start.len();
                        }
                        None => failures.push(format!(
                            "{at}: step {number} (`{start}`) is missing or comes before the step above it"
                        )),
                    }
                }
                if starts.len() != rows.len() {
                    continue;
                }
                steps += rows.len();
                let total = text.find("Jumlah waktu");
                if let Some(t) = total {
                    if t < from {
                        failures.push(format!("{at}: \"Jumlah waktu\" comes before the last row"));
                    }
                }
                // Every other text of a step lies between its start and the next row's.
                for (k, (number, start, rest)) in rows.iter().enumerate() {
                    let end = starts
                        .get(k + 1)
                        .copied()
                        .or(total.filter(|&t| t >= from))
                        .unwrap_or(text.len());
                    let row = &text[starts[k] + start.len()..end];
                    for line in rest {
                        if !row.contains(line.as_str()) {
                            failures.push(format!(
                                "{at}: `{line}` of step {number} is not read within its row"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(steps > 300, "only {steps} steps were checked");
    eprintln!("{steps} steps on {pages} flowchart pages read in order");
}
