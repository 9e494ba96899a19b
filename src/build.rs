//! `sopc build`: every SOP without check errors is laid out once and rendered to PDF
//! (and HTML) in the output folder, each file written atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diag::{Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::layout::{self, Document, LayoutOptions};
use crate::load::Project;
use crate::model::{Sop, Workspace};
use crate::output::{clean_temporaries, write_atomic};
use crate::render;

/// What was made of one SOP.
#[derive(Debug)]
pub struct Built {
    /// The SOP id.
    pub id: String,
    /// Number of pages.
    pub pages: usize,
    /// Files written.
    pub files: Vec<PathBuf>,
}

/// Settings of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Output folder.
    pub out: PathBuf,
    /// Layout settings for each workspace (from its organisation file and the CLI).
    pub layout: fn(&Workspace) -> LayoutOptions,
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

/// Renders one laid-out document into the output folder.
pub fn write_sop(out: &Path, doc: &Document) -> Result<Vec<PathBuf>> {
    let pdf = render::pdf(doc).with_context(|| format!("rendering `{}` to PDF", doc.meta.id))?;
    let path = out.join(format!("{}.pdf", doc.meta.id));
    write_atomic(&path, &pdf)?;
    Ok(vec![path])
}

/// Prepares the output folder.
pub fn prepare(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("creating output folder `{}`", out.display()))?;
    clean_temporaries(out);
    Ok(())
}
