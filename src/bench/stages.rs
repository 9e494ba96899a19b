//! The time of each stage of the pipeline for one SOP file, measured in process: load
//! (read, parse, lower), check, layout, PDF and HTML. Each stage runs `runs` times; the
//! first run also pays what a process does once (parsing the fonts, compiling the
//! templates), so it is reported apart from the median of the others.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build;
use crate::check;
use crate::layout::LayoutOptions;
use crate::load;
use crate::model::Workspace;
use crate::render::{self, html};

/// The timings of one stage.
#[derive(Debug, Clone)]
pub struct StageTime {
    /// The stage's name.
    pub name: &'static str,
    /// The first run in this process.
    pub first: Duration,
    /// The median of the other runs (the first when there is only one).
    pub median: Duration,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn time<T>(
    name: &'static str,
    runs: usize,
    mut f: impl FnMut() -> Result<T>,
) -> Result<(StageTime, T)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let value = f()?;
        times.push(start.elapsed());
        last = Some(value);
    }
    let first = times[0];
    let rest = if times.len() > 1 {
        times[1..].to_vec()
    } else {
        times
    };
    let Some(value) = last else {
        bail!("stage `{name}` did not run");
    };
    Ok((
        StageTime {
            name,
            first,
            median: median(rest),
        },
        value,
    ))
}

/// Times every stage on the single SOP `file` (its folder's `organisasi.yaml` is read
/// too), `runs` times each. Also gives the SOP's number of steps and pages.
pub fn stages(file: &Path, runs: usize) -> Result<(Vec<StageTime>, usize, usize)> {
    let paths = [file.to_path_buf()];
    let (t_load, project) = time("load", runs, || load::load(&paths))?;
    let Some(ws) = project.workspaces.first() else {
        bail!("`{}` holds no SOP", file.display());
    };
    let Some(sop) = ws.sops.first() else {
        bail!("`{}` holds no SOP", file.display());
    };
    let (t_check, diags) = time("check", runs, || Ok(check::run(ws)))?;
    if diags.iter().any(|d| d.is_error()) {
        bail!("`{}` has errors; run `sopc check` on it", file.display());
    }
    let opts = options(ws);
    let (t_layout, doc) = time("layout", runs, || {
        build::layout_sop(&project, ws, sop, &opts)
            .map_err(|d| anyhow::anyhow!("layout: {}", d.message))
    })?;
    let (t_pdf, _) = time("pdf", runs, || {
        render::pdf(&doc).context("rendering the PDF")
    })?;
    let (t_templates, templates) = time("templates", 1, || {
        html::Templates::builtin().context("compiling the templates")
    })?;
    let links = html::PageLinks::for_sop(&sop.id);
    let (t_html, _) = time("html", runs, || {
        html::html(&doc, &templates, &links).context("rendering the HTML")
    })?;
    Ok((
        vec![t_load, t_check, t_layout, t_pdf, t_templates, t_html],
        sop.steps.len(),
        doc.pages.len(),
    ))
}

fn options(ws: &Workspace) -> LayoutOptions {
    LayoutOptions {
        paper: ws.org.paper,
        worksheets: true,
        hours_per_day: ws.org.hours_per_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_every_stage_of_a_seed_sop() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops/pengelolaan-surat-keluar.yaml");
        let (times, steps, pages) = stages(&file, 2).unwrap();
        let names: Vec<&str> = times.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            ["load", "check", "layout", "pdf", "templates", "html"]
        );
        assert!(steps > 0 && pages > 0);
    }
}
