//! `sopc build`: every SOP without check errors is laid out once and rendered to PDF
//! (and HTML) in the output folder, each file written atomically. SOPs are independent
//! of each other, so [`build_sop`] may run on several threads at once; each writes its
//! own files as soon as they are rendered, and keeps only a small [`Outcome`].

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::layout::{self, Document, LayoutOptions};
use crate::load::Project;
use crate::model::RelatedSop;
use crate::model::{Sop, Workspace};
use crate::output::{clean_temporaries, write_atomic};
use crate::render;
use crate::render::html::{self, IndexContext, IndexRole, IndexSop, PageLinks, Templates};
use crate::source::Spanned;

/// What was made of one SOP.
#[derive(Debug)]
pub struct Built {
    /// The SOP id.
    pub id: String,
    /// Number of pages.
    pub pages: usize,
    /// Files written.
    pub files: Vec<PathBuf>,
    /// The clearance rules its flowchart breaks (warnings).
    pub warnings: Vec<Diagnostic>,
}

/// Lays out one SOP with the workspace's fingerprint.
pub fn layout_sop(
    project: &Project,
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Result<Document, Box<Diagnostic>> {
    let fp = fingerprint(&project.sources, ws, sop);
    layout::layout(ws, sop, opts, &fp)
}

/// True when the SOP may be rendered: neither its file nor the organisation file has
/// an error.
pub fn renderable(diags: &Diagnostics, ws: &Workspace, sop: &Sop) -> bool {
    !diags.has_errors_in(sop.file) && !diags.has_errors_in(ws.org.file) && !ws.org_broken
}

/// What became of one SOP in a build.
#[derive(Debug)]
pub enum Outcome {
    /// Not rendered: the SOP or its organisation file has errors.
    Skipped,
    /// Rendered, and its files written.
    Written(Built),
    /// Layout could not place it (a diagnostic for the SOP's author).
    Refused(Box<Diagnostic>),
    /// Rendering or writing failed (an IO or template problem, not the SOP's).
    Failed(anyhow::Error),
}

/// Lays out, renders and writes one SOP, unless it has errors.
pub fn build_sop(
    project: &Project,
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
    out: &Path,
    templates: &Templates,
    diags: &Diagnostics,
) -> Outcome {
    if !renderable(diags, ws, sop) {
        return Outcome::Skipped;
    }
    let doc = match layout_sop(project, ws, sop, opts) {
        Ok(doc) => doc,
        Err(d) => return Outcome::Refused(d),
    };
    match write_sop(out, &doc, templates) {
        Ok(files) => Outcome::Written(Built {
            id: sop.id.clone(),
            pages: doc.pages.len(),
            files,
            warnings: layout::flowchart::clearance_warnings(sop, &doc.pages),
        }),
        Err(e) => Outcome::Failed(e),
    }
}

/// Renders one laid-out document into the output folder: `<id>.pdf` and `<id>.html`.
pub fn write_sop(out: &Path, doc: &Document, templates: &Templates) -> Result<Vec<PathBuf>> {
    let id = &doc.meta.id;
    // The id becomes a file name: only a plain id (no `/`, no `..`) keeps the files in
    // the output folder. Lowering already refuses other file names; this is the guard
    // at the place of writing.
    if !crate::model::lower::is_valid_id(id) || crate::load::RESERVED_IDS.contains(&id.as_str()) {
        anyhow::bail!("refusing to write `{id}`: not a valid SOP id");
    }
    let pdf = render::pdf(doc).with_context(|| format!("rendering `{id}` to PDF"))?;
    let page = html::html(doc, templates, &PageLinks::for_sop(id))
        .with_context(|| format!("rendering `{id}` to HTML"))?;
    let pdf_path = out.join(format!("{id}.pdf"));
    let html_path = out.join(format!("{id}.html"));
    write_atomic(&pdf_path, &pdf)?;
    write_atomic(&html_path, page.as_bytes())?;
    Ok(vec![pdf_path, html_path])
}

/// Removes the PDF and HTML of an SOP that was not rendered in this build (it now has
/// errors), so that no reader takes an old version for the current one; returns the
/// files removed.
pub fn remove_stale(out: &Path, id: &str) -> Vec<PathBuf> {
    if !crate::model::lower::is_valid_id(id) || crate::load::RESERVED_IDS.contains(&id) {
        return Vec::new();
    }
    let mut removed = Vec::new();
    for ext in ["pdf", "html"] {
        let path = out.join(format!("{id}.{ext}"));
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if is_file && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// Writes the files every HTML page needs next to it (the fonts and their licence).
/// A folder of them that is a symbolic link (or not a folder) is refused: the files
/// would be written wherever it leads.
pub fn write_assets(out: &Path) -> Result<()> {
    for (rel, bytes) in html::assets() {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            if let Ok(meta) = std::fs::symlink_metadata(dir) {
                if !meta.is_dir() {
                    anyhow::bail!(
                        "refusing to write the fonts: `{}` is {}, not a folder; remove it and build again",
                        dir.display(),
                        if meta.is_symlink() {
                            "a symbolic link"
                        } else {
                            "a file"
                        }
                    );
                }
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating folder `{}`", dir.display()))?;
        }
        // Unchanged files are left alone, so a rebuild does not touch them.
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            continue;
        }
        write_atomic(&path, bytes)?;
    }
    Ok(())
}

/// Writes `index.html` for the SOPs of one folder; `written` holds the ids whose pages
/// were rendered in this build.
pub fn write_index(
    out: &Path,
    ws: &Workspace,
    written: &BTreeSet<String>,
    templates: &Templates,
    hours_per_day: f64,
) -> Result<PathBuf> {
    let ctx = index_context(ws, written, hours_per_day);
    let page = html::index(&ctx, templates).context("rendering index.html")?;
    let path = out.join("index.html");
    write_atomic(&path, page.as_bytes())?;
    Ok(path)
}

fn text(s: &Option<Spanned<String>>) -> String {
    s.as_ref().map(|v| v.value.clone()).unwrap_or_default()
}

/// The SOPs an index describes: every SOP of `ws`'s folder. A build of some files of a
/// folder (`sopc build sops/one.yaml`) selects only those, but the index it writes
/// replaces the one of the whole folder, so the folder is read again (its SOPs lowered,
/// not checked). `None` when `ws` already holds every SOP, or the folder cannot be read.
pub fn whole_folder(ws: &Workspace) -> Option<Workspace> {
    if ws.sops.len() >= ws.known_ids.len() {
        return None;
    }
    let mut project = crate::load::load(std::slice::from_ref(&ws.root)).ok()?;
    if project.workspaces.len() != 1 {
        return None;
    }
    Some(project.workspaces.remove(0))
}

/// The ids of `ws`'s SOPs that the index links to: those `rendered` in this build, and
/// those not built this time whose PDF and HTML from an earlier build are in `out`.
pub fn linked(ws: &Workspace, rendered: &BTreeSet<String>, out: &Path) -> BTreeSet<String> {
    let present = |id: &str| {
        ["pdf", "html"].iter().all(|ext| {
            std::fs::symlink_metadata(out.join(format!("{id}.{ext}"))).is_ok_and(|m| m.is_file())
        })
    };
    ws.sops
        .iter()
        .map(|s| &s.id)
        .filter(|id| rendered.contains(*id) || present(id))
        .cloned()
        .collect()
}

/// The catalogue of a folder for `index.html`.
pub fn index_context(ws: &Workspace, written: &BTreeSet<String>, hours: f64) -> IndexContext {
    IndexContext {
        government: text(&ws.org.government),
        office: text(&ws.org.agency),
        sops: ws
            .sops
            .iter()
            .map(|s| index_sop(s, written.contains(&s.id), hours))
            .collect(),
        roster: ws
            .org
            .roster
            .iter()
            .map(|r| IndexRole {
                id: r.id.value.clone(),
                title: r.title.value.clone(),
                short: r
                    .short
                    .as_ref()
                    .map(|s| s.value.clone())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

fn index_sop(sop: &Sop, written: bool, hours: f64) -> IndexSop {
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
        number: text(&sop.number),
        name: sop.title().to_string(),
        unit: sop.unit_line().map(|u| u.value.clone()).unwrap_or_default(),
        kind: sop
            .activity
            .as_ref()
            .and_then(|a| a.kind.as_ref())
            .map(|k| k.value.label().to_string())
            .unwrap_or_default(),
        steps: sop.steps.len(),
        total_time: crate::totals::main_path(sop, hours).human,
        effective: sop
            .dates
            .effective
            .as_ref()
            .map(|d| d.value.long())
            .unwrap_or_default(),
        html_href: written.then(|| format!("{}.html", sop.id)),
        pdf_href: written.then(|| format!("{}.pdf", sop.id)),
        roles: sop.lanes.iter().map(|l| l.value.clone()).collect(),
        related,
        related_external,
        words: step_words(sop),
    }
}

/// The text of `sop`'s steps, for the search box of the index: kegiatan, the text in
/// the symbols and the questions, without markup.
fn step_words(sop: &Sop) -> Vec<String> {
    let mut out = Vec::new();
    for step in &sop.steps {
        out.push(crate::markup::plain(&step.activity.value));
        for part in std::iter::once(step.part()).chain(step.then_part()) {
            out.extend(part.text.map(|t| t.value.clone()));
            out.extend(
                part.decision
                    .and_then(|d| d.question.as_ref())
                    .map(|q| q.value.clone()),
            );
        }
    }
    out
}

/// Prepares the output folder.
pub fn prepare(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("creating output folder `{}`", out.display()))?;
    clean_temporaries(out);
    Ok(())
}
