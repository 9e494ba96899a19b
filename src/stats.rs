//! `sopc stats`: process analytics of a folder of SOPs, from the model and the step
//! graph. Per SOP: how many steps, actors and decisions; the total waktu along the main
//! path and along the longest path; the step that takes longest. Across the folder: each
//! role's involvement (SOPs, steps, decisions, minutes), which shows the office where
//! procedures wait on one official.
//!
//! Totals use the upper bound of a range (`1-2 hari` counts 2 days) and working days of
//! `jam_kerja` hours, as the total row of the printed flowchart does. A step without
//! waktu counts as zero and is listed, so a total is never silently short.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::build;
use crate::cli::{self, Config};
use crate::diag::Diagnostics;
use crate::output;

use crate::graph::StepId;
use crate::model::{Sop, SymbolKind, Workspace, waktu};
use crate::totals;

pub use crate::totals::PathTotal;

/// The step that takes longest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongestStep {
    /// Its number.
    pub number: usize,
    /// Its kegiatan.
    pub kegiatan: String,
    /// Its waktu as written.
    pub waktu: String,
    /// The waktu in minutes for ordering (upper bound of a range; a calendar day
    /// counts as a working day and a month as 30 days, see
    /// [`waktu::Amount::rank`]).
    pub minutes: f64,
}

/// Figures of one SOP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SopStats {
    /// The SOP id (file stem).
    pub id: String,
    /// *Nama SOP*.
    pub name: String,
    /// Number of steps.
    pub steps: usize,
    /// Number of different roles that act in a step.
    pub actors: usize,
    /// Number of decisions.
    pub decisions: usize,
    /// From the first step, each decision taking its positive (*ya*) exit.
    pub main_path: PathTotal,
    /// The path with the most minutes from the first step to a step where the flow
    /// ends, never taking an arrow back to an earlier step (no loop is repeated).
    pub longest_path: PathTotal,
    /// The step with the most minutes (the first of equals); `None` when no step has
    /// a waktu.
    pub longest_step: Option<LongestStep>,
}

/// One role's involvement across the folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleStats {
    /// Roster id.
    pub id: String,
    /// *Jabatan* from the roster (the id when the role is not in the roster).
    pub title: String,
    /// True for a role that is a system (`sistem: true`): an application, whose
    /// figures are not a person's workload. Listed after the persons.
    pub system: bool,
    /// Ids of the SOPs in which the role acts.
    pub sops: Vec<String>,
    /// Steps the role acts in (a step of several actors counts for each).
    pub steps: usize,
    /// Of those, decisions.
    pub decisions: usize,
    /// Working minutes of those steps (the whole waktu of a shared step counts for each
    /// actor).
    pub minutes: f64,
    /// Calendar days of those steps.
    pub days: f64,
    /// Calendar months of those steps.
    pub months: f64,
    /// The three as printed ("1 hari kerja 2 jam + 3 hari").
    pub human: String,
}

/// The figures of a folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Hours in one working day used for the human forms.
    pub hours_per_day: f64,
    /// One entry per SOP, by id.
    pub sops: Vec<SopStats>,
    /// One entry per role that acts in some step: persons before systems, then most
    /// SOPs first, then most steps, then most minutes, then by id.
    pub roles: Vec<RoleStats>,
}

fn amount_of(sop: &Sop, i: usize, hours: f64) -> waktu::Amount {
    totals::step_amount(sop, i, hours)
}

/// The path of most minutes from the first step along arrows that go forward only, as
/// rows. Forward arrows form an acyclic graph (every one goes to a later symbol), so a
/// pass from the last symbol back to the first finds it exactly. A row's minutes count
/// on its own symbol; its `lalu` adds none.
pub fn longest_path(sop: &Sop, hours: f64) -> Vec<usize> {
    let flow = &sop.flow;
    let n = flow.len();
    let mut best = vec![0.0_f64; n];
    let mut next: Vec<Option<StepId>> = vec![None; n];
    for (s, node) in flow.nodes().collect::<Vec<_>>().into_iter().rev() {
        let i = s.index();
        let mut tail = 0.0;
        for e in flow.successors(s).into_iter().filter(|e| e.to > s) {
            // Strictly greater: among equal branches the positive exit wins.
            if next[i].is_none() || best[e.to.index()] > tail {
                tail = best[e.to.index()];
                next[i] = Some(e.to);
            }
        }
        let own = if node.then {
            0.0
        } else {
            amount_of(sop, node.row, hours).rank(hours)
        };
        best[i] = own + tail;
    }
    let mut path = Vec::new();
    let mut cur = (n > 0).then_some(StepId::at(0));
    while let Some(s) = cur {
        path.push(s);
        cur = next[s.index()];
    }
    flow.rows_of(&path)
}

/// The figures of one SOP.
pub fn sop_stats(sop: &Sop, hours: f64) -> SopStats {
    let actors: BTreeSet<&str> = sop
        .steps
        .iter()
        .flat_map(|s| {
            s.actors
                .iter()
                .chain(s.then.iter().flat_map(|t| t.actors.iter()))
        })
        .map(|a| a.value.as_str())
        .collect();
    let mut longest_step: Option<LongestStep> = None;
    for (i, step) in sop.steps.iter().enumerate() {
        let Some(t) = &step.time else { continue };
        let m = t.value.amount(hours).rank(hours);
        if longest_step.as_ref().is_none_or(|l| m > l.minutes) {
            longest_step = Some(LongestStep {
                number: i + 1,
                kegiatan: step.activity.value.clone(),
                waktu: t.value.text.clone(),
                minutes: m,
            });
        }
    }
    SopStats {
        id: sop.id.clone(),
        name: sop.title().to_string(),
        steps: sop.steps.len(),
        actors: actors.len(),
        decisions: sop
            .flow
            .nodes()
            .filter(|(_, n)| n.symbol == SymbolKind::Decision)
            .count(),
        main_path: totals::main_path(sop, hours),
        longest_path: totals::path_total(sop, &longest_path(sop, hours), hours),
        longest_step,
    }
}

/// The figures of these SOPs of a workspace (the roster gives the role titles).
pub fn stats<'a>(ws: &Workspace, sops: impl IntoIterator<Item = &'a Sop>, hours: f64) -> Stats {
    #[derive(Default)]
    struct Acc {
        sops: BTreeSet<String>,
        steps: usize,
        decisions: usize,
        amount: waktu::Amount,
    }
    let mut per_sop = Vec::new();
    let mut roles: BTreeMap<String, Acc> = BTreeMap::new();
    for sop in sops {
        per_sop.push(sop_stats(sop, hours));
        for (i, step) in sop.steps.iter().enumerate() {
            let mut seen = BTreeSet::new();
            let lalu = step.then.iter().flat_map(|t| t.actors.iter());
            for a in step.actors.iter().chain(lalu) {
                if !seen.insert(a.value.as_str()) {
                    continue;
                }
                let acc = roles.entry(a.value.clone()).or_default();
                acc.sops.insert(sop.id.clone());
                acc.steps += 1;
                acc.decisions += usize::from(step.is_decision());
                acc.amount += amount_of(sop, i, hours);
            }
        }
    }
    per_sop.sort_by(|a, b| a.id.cmp(&b.id));
    let mut roles: Vec<RoleStats> = roles
        .into_iter()
        .map(|(id, acc)| RoleStats {
            title: ws
                .org
                .role(&id)
                .map_or_else(|| id.clone(), |r| r.title.value.clone()),
            system: ws.org.role(&id).is_some_and(|r| r.system),
            sops: acc.sops.into_iter().collect(),
            steps: acc.steps,
            decisions: acc.decisions,
            human: acc.amount.human(hours),
            minutes: acc.amount.minutes,
            days: acc.amount.days,
            months: acc.amount.months,
            id,
        })
        .collect();
    roles.sort_by(|a, b| {
        a.system.cmp(&b.system).then(
            b.sops
                .len()
                .cmp(&a.sops.len())
                .then(b.steps.cmp(&a.steps))
                .then(rank(b, hours).total_cmp(&rank(a, hours)))
                .then(a.id.cmp(&b.id)),
        )
    });
    Stats {
        hours_per_day: hours,
        sops: per_sop,
        roles,
    }
}

fn rank(r: &RoleStats, hours: f64) -> f64 {
    waktu::Amount {
        minutes: r.minutes,
        days: r.days,
        months: r.months,
    }
    .rank(hours)
}

/// Which table `--by` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per SOP.
    Sops,
    /// One row per role.
    Roles,
}

fn minutes_text(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

fn pad(out: &mut String, cells: &[String], widths: &[usize], right: &[bool]) {
    let mut line = String::new();
    for (k, cell) in cells.iter().enumerate() {
        let w = widths[k];
        let n = cell.chars().count();
        let fill = " ".repeat(w.saturating_sub(n));
        if k > 0 {
            line.push_str("  ");
        }
        if right[k] {
            line.push_str(&fill);
            line.push_str(cell);
        } else {
            line.push_str(cell);
            if k + 1 < cells.len() {
                line.push_str(&fill);
            }
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn table(out: &mut String, head: &[&str], right: &[bool], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (k, c) in r.iter().enumerate() {
            widths[k] = widths[k].max(c.chars().count());
        }
    }
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    pad(out, &head, &widths, right);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    pad(out, &rule, &widths, right);
    for r in rows {
        pad(out, r, &widths, right);
    }
}

fn with_note(t: &PathTotal) -> String {
    if t.without_waktu.is_empty() && t.not_counted.is_empty() {
        t.human.clone()
    } else {
        format!("{} *", t.human)
    }
}

fn sop_rows(s: &Stats) -> Vec<Vec<String>> {
    s.sops
        .iter()
        .map(|x| {
            vec![
                x.id.clone(),
                x.steps.to_string(),
                x.actors.to_string(),
                x.decisions.to_string(),
                minutes_text(x.main_path.minutes),
                with_note(&x.main_path),
                minutes_text(x.longest_path.minutes),
                with_note(&x.longest_path),
                x.longest_step
                    .as_ref()
                    .map_or("-".into(), |l| format!("{}: {}", l.number, l.waktu)),
            ]
        })
        .collect()
}

fn role_rows(s: &Stats) -> Vec<Vec<String>> {
    s.roles
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                if r.system {
                    format!("{} (sistem)", r.title)
                } else {
                    r.title.clone()
                },
                r.sops.len().to_string(),
                r.steps.to_string(),
                r.decisions.to_string(),
                minutes_text(r.minutes),
                r.human.clone(),
            ]
        })
        .collect()
}

/// The figures as aligned text tables.
pub fn to_table(s: &Stats, only: Option<Table>) -> String {
    let mut out = String::new();
    if only != Some(Table::Roles) {
        table(
            &mut out,
            &[
                "SOP",
                "steps",
                "actors",
                "decisions",
                "main min",
                "main path",
                "longest min",
                "longest path",
                "longest step",
            ],
            &[false, true, true, true, true, false, true, false, false],
            &sop_rows(s),
        );
        let missing: Vec<String> = s
            .sops
            .iter()
            .filter(|x| {
                !x.longest_path.without_waktu.is_empty()
                    || !x.main_path.without_waktu.is_empty()
                    || !x.main_path.not_counted.is_empty()
                    || !x.longest_path.not_counted.is_empty()
            })
            .map(|x| {
                let mut steps: Vec<usize> = x
                    .main_path
                    .without_waktu
                    .iter()
                    .chain(&x.longest_path.without_waktu)
                    .copied()
                    .chain(
                        x.main_path
                            .not_counted
                            .iter()
                            .chain(&x.longest_path.not_counted)
                            .map(|c| c.number),
                    )
                    .collect();
                steps.sort_unstable();
                steps.dedup();
                let list: Vec<String> = steps.iter().map(usize::to_string).collect();
                format!("{} (steps {})", x.id, list.join(", "))
            })
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(
                out,
                "* counts steps without a waktu quantity as zero: {}",
                missing.join("; ")
            );
        }
        let _ = writeln!(
            out,
            "main path: each decision takes its positive exit; longest path: no arrow back to an earlier step; 1 hari kerja = {} jam; calendar days and months are kept apart",
            minutes_text(s.hours_per_day)
        );
    }
    if only.is_none() {
        out.push('\n');
    }
    if only != Some(Table::Sops) {
        table(
            &mut out,
            &[
                "role",
                "jabatan",
                "SOPs",
                "steps",
                "decisions",
                "minutes",
                "time",
            ],
            &[false, false, true, true, true, true, false],
            &role_rows(s),
        );
    }
    out
}

fn csv_field(f: &str) -> String {
    // A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR
    // before one) as a formula: such a text is written with a leading `'`, which the
    // spreadsheet shows as text. Numbers stay numbers.
    let formula = f.starts_with(['=', '+', '-', '@', '\t', '\r']) && f.parse::<f64>().is_err();
    let guarded;
    let f = if formula {
        guarded = format!("'{f}");
        guarded.as_str()
    } else {
        f
    };
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

fn csv_line(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn numbers(list: &[usize]) -> String {
    list.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One table as CSV (RFC 4180: comma separated, CRLF line ends, a header row).
pub fn to_csv(s: &Stats, which: Table) -> String {
    let mut out = String::new();
    let owned = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    match which {
        Table::Sops => {
            csv_line(
                &mut out,
                &owned(&[
                    "id",
                    "name",
                    "steps",
                    "actors",
                    "decisions",
                    "main_path_minutes",
                    "main_path",
                    "main_path_steps",
                    "longest_path_minutes",
                    "longest_path",
                    "longest_path_steps",
                    "longest_step",
                    "longest_step_waktu",
                    "longest_step_minutes",
                    "steps_without_waktu",
                ]),
            );
            for x in &s.sops {
                let mut missing: Vec<usize> = x
                    .main_path
                    .without_waktu
                    .iter()
                    .chain(&x.longest_path.without_waktu)
                    .copied()
                    .collect();
                missing.sort_unstable();
                missing.dedup();
                let l = x.longest_step.as_ref();
                csv_line(
                    &mut out,
                    &[
                        x.id.clone(),
                        x.name.clone(),
                        x.steps.to_string(),
                        x.actors.to_string(),
                        x.decisions.to_string(),
                        minutes_text(x.main_path.minutes),
                        x.main_path.human.clone(),
                        numbers(&x.main_path.steps),
                        minutes_text(x.longest_path.minutes),
                        x.longest_path.human.clone(),
                        numbers(&x.longest_path.steps),
                        l.map_or(String::new(), |l| l.number.to_string()),
                        l.map_or(String::new(), |l| l.waktu.clone()),
                        l.map_or(String::new(), |l| minutes_text(l.minutes)),
                        numbers(&missing),
                    ],
                );
            }
        }
        Table::Roles => {
            csv_line(
                &mut out,
                &owned(&[
                    "id",
                    "title",
                    "sops",
                    "sop_ids",
                    "steps",
                    "decisions",
                    "minutes",
                    "time",
                ]),
            );
            for r in &s.roles {
                csv_line(
                    &mut out,
                    &[
                        r.id.clone(),
                        r.title.clone(),
                        r.sops.len().to_string(),
                        r.sops.join(" "),
                        r.steps.to_string(),
                        r.decisions.to_string(),
                        minutes_text(r.minutes),
                        r.human.clone(),
                    ],
                );
            }
        }
    }
    out
}

/// The figures as one JSON document.
pub fn to_json(s: &Stats) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        #[serde(flatten)]
        stats: &'a Stats,
    }
    let mut out = serde_json::to_string_pretty(&Doc {
        version: 1,
        stats: s,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

/// The output formats of `sopc stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsFormat {
    /// Aligned text tables.
    Table,
    /// One JSON document.
    Json,
    /// CSV, one table.
    Csv,
}

/// Checked settings of `sopc stats`.
#[derive(Debug, Clone)]
pub struct StatsOptions {
    /// SOP files or one folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: StatsFormat,
    /// Only this table (CSV holds one table: the SOPs unless this says roles).
    pub only: Option<Table>,
    /// Hours in one working day (default: `jam_kerja` of organisasi.yaml).
    pub hours_per_day: Option<f64>,
}

/// Runs `sopc stats`: SOPs with errors are left out (their errors are printed and the
/// exit code is 1); the figures of the others go to stdout.
pub fn run(config: &Config, opts: &StatsOptions) -> anyhow::Result<i32> {
    let (project, diags) = cli::compile(&opts.paths)?;
    if project.workspaces.len() > 1 {
        anyhow::bail!("give one folder of SOPs at a time (roles are counted per organisasi.yaml)");
    }
    let mut errors = Diagnostics::new();
    errors.extend(diags.iter().filter(|d| d.is_error()).cloned());
    cli::print_diagnostics(config, &project, &errors)?;
    let mut text = String::new();
    for ws in &project.workspaces {
        let hours = opts.hours_per_day.unwrap_or(ws.org.hours_per_day);
        if !(1.0..=24.0).contains(&hours) {
            anyhow::bail!("--jam-kerja must be from 1 to 24 hours");
        }
        let mut sops = Vec::new();
        for sop in &ws.sops {
            if build::renderable(&diags, ws, sop) {
                sops.push(sop);
            } else if !config.quiet {
                crate::say!("{}: left out of the figures (errors)", sop.id);
            }
        }
        let s = stats(ws, sops, hours);
        text = match opts.format {
            StatsFormat::Table => to_table(&s, opts.only),
            StatsFormat::Json => to_json(&s),
            StatsFormat::Csv => to_csv(&s, opts.only.unwrap_or(Table::Sops)),
        };
    }
    output::print_stdout(&text)?;
    Ok(if errors.is_empty() {
        cli::EXIT_OK
    } else {
        cli::EXIT_ERRORS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::sop_from;

    #[test]
    fn longest_path_takes_the_longer_branch_and_no_loop() {
        let sop = sop_from(
            r#"
pelaksana: [a, b]
langkah:
  - { id: satu, pelaksana: a, kegiatan: Menerima, waktu: 5 menit }
  - pelaksana: b
    kegiatan: Memeriksa
    waktu: 10 menit
    keputusan: { tidak: lima }
  - { pelaksana: a, kegiatan: Memperbaiki, waktu: 1 jam }
  - pelaksana: b
    kegiatan: Menilai
    waktu: 1-2 jam
    keputusan: { tidak: satu }
  - { id: lima, pelaksana: a, kegiatan: Menutup, waktu: 1 hari }
"#,
        );
        let s = sop_stats(&sop, 8.0);
        assert_eq!(s.steps, 5);
        assert_eq!(s.actors, 2);
        assert_eq!(s.decisions, 2);
        assert_eq!(s.main_path.steps, vec![1, 2, 3, 4, 5]);
        // 5 + 10 + 60 + 120 working minutes, and 1 calendar day (hari)
        assert_eq!((s.main_path.minutes, s.main_path.days), (195.0, 1.0));
        assert_eq!(s.main_path.human, "3 jam 15 menit + 1 hari");
        assert_eq!(s.longest_path.steps, vec![1, 2, 3, 4, 5]);
        let l = s.longest_step.unwrap();
        assert_eq!((l.number, l.minutes), (5, 480.0));
    }

    #[test]
    fn longest_path_differs_from_the_main_path() {
        let sop = sop_from(
            r#"
pelaksana: [a]
langkah:
  - { pelaksana: a, kegiatan: Menerima, waktu: 5 menit }
  - pelaksana: a
    kegiatan: Memeriksa
    waktu: 5 menit
    keputusan: { ya: akhir, tidak: tolak }
  - { id: tolak, pelaksana: a, kegiatan: Menyusun penolakan, waktu: 2 jam }
  - { id: akhir, pelaksana: a, kegiatan: Menutup }
"#,
        );
        let s = sop_stats(&sop, 8.0);
        assert_eq!(s.main_path.steps, vec![1, 2, 4]);
        assert_eq!(s.main_path.minutes, 10.0);
        assert_eq!(s.main_path.without_waktu, vec![4]);
        assert_eq!(s.longest_path.steps, vec![1, 2, 3, 4]);
        assert_eq!(s.longest_path.minutes, 130.0);
    }

    #[test]
    fn csv_quotes_fields() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        // Formulas are written as text; numbers stay numbers.
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1+1"), "'+1+1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-"), "'-");
        assert_eq!(csv_field("-2.5"), "-2.5");
    }
}
