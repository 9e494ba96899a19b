//! How well the flowcharts of some SOP folders keep the clearance rules
//! (`layout::flowchart::verify::clearance`): every SOP that checks clean is laid out,
//! and the breaches of each rule are counted over its pages, with the SOPs whose
//! layout is refused.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;

use crate::check;
use crate::layout::flowchart::verify::{self, Breach, Rule};
use crate::layout::{self, LayoutOptions};
use crate::load;

/// The counts over a set of folders.
#[derive(Debug, Default)]
pub struct Report {
    /// SOPs laid out.
    pub sops: usize,
    /// Pages laid out (all of them, not only the flowchart's).
    pub pages: usize,
    /// SOPs not laid out because they do not check clean.
    pub unchecked: usize,
    /// SOPs whose layout was refused: the SOP's id and the diagnostic's code.
    pub refused: Vec<(String, String)>,
    /// Breaches of each rule.
    pub counts: BTreeMap<Rule, usize>,
    /// The first breaches of each rule, with their SOP's id, for a look.
    pub examples: BTreeMap<Rule, Vec<(String, Breach)>>,
}

/// Lays out every SOP of `paths` (folders or files, as `sopc build` takes them) and
/// counts the breaches of each clearance rule.
pub fn clearance(paths: &[PathBuf]) -> Result<Report> {
    let mut report = Report::default();
    for path in paths {
        let project = load::load(std::slice::from_ref(path))?;
        for ws in &project.workspaces {
            if check::run(ws).iter().any(|d| d.is_error()) {
                report.unchecked += ws.sops.len();
                continue;
            }
            let opts = LayoutOptions {
                paper: ws.org.paper,
                worksheets: true,
                hours_per_day: ws.org.hours_per_day,
            };
            for sop in &ws.sops {
                match layout::layout(ws, sop, &opts, "00000000") {
                    Ok(doc) => {
                        report.sops += 1;
                        report.pages += doc.pages.len();
                        for b in verify::clearance(&doc.pages) {
                            *report.counts.entry(b.rule).or_default() += 1;
                            let ex = report.examples.entry(b.rule).or_default();
                            if ex.len() < 3 {
                                ex.push((sop.id.clone(), b));
                            }
                        }
                    }
                    Err(d) => report.refused.push((sop.id.clone(), d.code.to_string())),
                }
            }
        }
    }
    Ok(report)
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} SOPs laid out ({} pages), {} refused, {} not checking clean",
            self.sops,
            self.pages,
            self.refused.len(),
            self.unchecked
        )?;
        writeln!(f, "rule  breaches  name")?;
        for rule in Rule::ALL {
            let n = self.counts.get(&rule).copied().unwrap_or(0);
            writeln!(f, "{:>4}  {:>8}  {}", rule.number(), n, rule.name())?;
        }
        for (rule, list) in &self.examples {
            for (id, b) in list {
                writeln!(f, "  rule {}: {id}: {b}", rule.number())?;
            }
        }
        for (id, code) in &self.refused {
            writeln!(f, "  refused: {id}: {code}")?;
        }
        Ok(())
    }
}
