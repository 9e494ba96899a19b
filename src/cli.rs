//! The command line: clap arguments → a checked [`Config`] → the pipeline → printed
//! diagnostics → exit code (0 clean or warnings only, 1 SOP errors, 2 usage or IO, 130
//! a build stopped by Ctrl-C).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::bench;
use crate::build;
use crate::check;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::layout::{self, LayoutOptions};
use crate::limits;
use crate::load::{self, Project};
use crate::model::Paper;
use crate::parallel;
use crate::render::html::Templates;
use crate::source::FileId;

/// Exit code: everything is fine (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code: an SOP has errors (or warnings with `--deny-warnings`).
pub const EXIT_ERRORS: i32 = 1;
/// Exit code: bad usage or a file that could not be read or written.
pub const EXIT_FAILURE: i32 = 2;
/// Exit code of a build stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + SIGINT, as shells
/// report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// sopc: the SOP compiler. Checks and renders Standard Operating Procedures in the
/// Indonesian government format (SOP AP, Permenpan RB 35/2012).
#[derive(Debug, Parser)]
#[command(name = "sopc", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    /// Print only diagnostics, no progress or summary.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check SOP files and report every problem (periksa).
    Check(CheckArgs),
    /// Render every SOP without errors to PDF and HTML (cetak).
    Build(BuildArgs),
    /// Print an internal stage of one SOP, for debugging and golden tests.
    Dump(DumpArgs),
    /// Figures per SOP (steps, actors, decisions, total waktu) and per role (statistik).
    Stats(StatsArgs),
    /// Write the flow of SOPs as Graphviz DOT, Mermaid or BPMN 2.0 XML (diagram).
    Graph(GraphArgs),
    /// Start a new office repository: organisasi.yaml, an example SOP, schemas, editor
    /// and CI settings.
    Init(crate::init::InitArgs),
    /// Start a new SOP file with every section and comments explaining each field (baru).
    New(NewArgs),
    /// Print a JSON Schema of the SOP or organisation file, for editors.
    Schema(SchemaArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Put the keys of SOP files in canonical order, keeping comments (rapikan).
    Fmt(FmtArgs),
    /// Make the SOP book of a folder: cover, decree, daftar isi, penjelasan, every SOP
    /// and the monitoring form, as one PDF and one HTML file (dokumen SOP).
    Buku(BukuArgs),
    /// Tools for the benchmark (scripts/bench): synthetic SOP folders, stage timings.
    #[command(hide = true)]
    Bench(BenchArgs),
}

#[derive(Debug, clap::Args)]
struct StatsArgs {
    /// SOP files or one folder.
    #[arg(default_value = "sops")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormatArg::Table)]
    format: StatsFormatArg,
    /// Show only one table (CSV always holds one: sop unless this says role).
    #[arg(long, value_enum)]
    by: Option<StatsTableArg>,
    /// Hours in one working day (default: `jam_kerja` of organisasi.yaml, else 8).
    #[arg(long)]
    jam_kerja: Option<f64>,
}

/// Output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormatArg {
    /// Aligned text tables.
    Table,
    /// One JSON document.
    Json,
    /// CSV (one table).
    Csv,
}

/// Tables of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsTableArg {
    /// One row per SOP.
    Sop,
    /// One row per role (pelaksana), across the folder.
    Role,
}

#[derive(Debug, clap::Args)]
struct GraphArgs {
    /// SOP files or folders; each SOP is one diagram (one pool in BPMN).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormatArg::Dot)]
    format: GraphFormatArg,
    /// Write to this file instead of standard output. A source file is never
    /// replaced; an existing file that is not .dot, .gv, .mmd, .bpmn or .xml only with
    /// `--force`.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Replace an existing `--out` file of another kind.
    #[arg(long)]
    force: bool,
}

/// Output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormatArg {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// BPMN 2.0 XML with diagram interchange (bpmn.io, Camunda Modeler).
    Bpmn,
}

#[derive(Debug, clap::Args)]
struct NewArgs {
    /// Name of the SOP (Nama SOP); the file name is made from it.
    name: String,
    /// Lanes: roster ids of organisasi.yaml, separated by commas (default: the first
    /// two roles of the roster).
    #[arg(long, value_delimiter = ',')]
    pelaksana: Vec<String>,
    /// The folder of SOPs (holding organisasi.yaml).
    #[arg(long, default_value = "sops")]
    dir: PathBuf,
}

#[derive(Debug, clap::Args)]
struct SchemaArgs {
    /// Which file the schema describes (printed to stdout).
    #[arg(value_enum, default_value_t = SchemaTarget::Sop)]
    file: SchemaTarget,
    /// Write both schemas into the folder of SOPs, as `sop.schema.json` and
    /// `organisasi.schema.json` (the names `sopc init` and `sopc new` use), replacing
    /// older ones.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "sops", conflicts_with = "check")]
    write: Option<PathBuf>,
    /// Change nothing: exit with 1, naming each file, when the schema files in the
    /// folder of SOPs are missing or not those of this sopc (for CI and pre-commit).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "sops")]
    check: Option<PathBuf>,
}

/// Files `schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaTarget {
    /// An SOP file.
    Sop,
    /// organisasi.yaml.
    Organisasi,
}

#[derive(Debug, clap::Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
struct FmtArgs {
    /// SOP files or folders (a folder means its SOP files and organisasi.yaml).
    #[arg(default_value = "sops")]
    paths: Vec<PathBuf>,
    /// Change nothing: list the files that are not in canonical form, with the lines
    /// that would change, and exit with 1 if there is any.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, clap::Args)]
struct BukuArgs {
    /// The folder of SOPs (holding organisasi.yaml).
    #[arg(default_value = "sops")]
    path: PathBuf,
    /// The PDF to write; the HTML is written next to it (`buku.html`).
    #[arg(long, short, default_value = "dist/buku.pdf")]
    out: PathBuf,
    /// Print the book's outline or display list instead of writing it.
    #[arg(long, value_enum)]
    dump: Option<crate::book::Dump>,
    /// Threads laying out and rendering the book's parts (default: `SOPC_JOBS`, else one
    /// per core). The output is the same whatever the number.
    #[arg(long, short)]
    jobs: Option<usize>,
    #[command(flatten)]
    layout: LayoutArgs,
}

#[derive(Debug, clap::Args)]
struct BenchArgs {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Write a synthetic folder: organisasi.yaml and COUNT SOPs that check clean.
    Generate {
        /// The folder to write.
        out: PathBuf,
        /// Number of SOPs.
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// The same seed always gives the same folder.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time each stage (load, check, layout, PDF, HTML) on one SOP file, in process.
    Stages {
        /// One SOP file.
        file: PathBuf,
        /// Runs of each stage.
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Count the breaches of each flowchart clearance rule over SOP folders.
    Clearance {
        /// SOP files or folders.
        paths: Vec<PathBuf>,
    },
    /// Print one SOP's steps as a Graphviz graph (for `dot -Tpdf`).
    Dot {
        /// One SOP file.
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// SOP files or folders (a folder holds organisasi.yaml and one file per SOP).
    #[arg(default_value = "sops")]
    paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short, default_value = "dist")]
    out: PathBuf,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Folder of templates overriding the built-in ones (document.html, page.html,
    /// index.html, style.css).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Threads rendering SOPs (default: `SOPC_JOBS`, else one per core). The output is
    /// the same whatever the number.
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Show every warning in full (by default, past the first few, warnings are counted
    /// by code).
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    layout: LayoutArgs,
}

#[derive(Debug, clap::Args)]
struct DumpArgs {
    /// The stage to print.
    #[arg(long, value_enum, default_value_t = Stage::Layout)]
    stage: Stage,
    /// One SOP file.
    file: PathBuf,
    #[command(flatten)]
    layout: LayoutArgs,
}

/// Stages `dump` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// The display list of the laid-out document.
    Layout,
}

#[derive(Debug, clap::Args)]
struct LayoutArgs {
    /// Paper size (default: `kertas` of organisasi.yaml, else a4).
    #[arg(long, value_enum)]
    kertas: Option<PaperArg>,
    /// Leave out the worksheets (identifikasi judul SOP, lembar kerja A/B/C).
    #[arg(long)]
    tanpa_lembar_kerja: bool,
    /// Hours in one working day for totals (default: `jam_kerja` of organisasi.yaml, else 8).
    #[arg(long)]
    jam_kerja: Option<f64>,
}

/// Paper sizes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// A4, 297 × 210 mm.
    A4,
    /// F4 (folio), 330 × 215 mm.
    F4,
    /// US Letter.
    Letter,
    /// US Legal.
    Legal,
}

impl LayoutArgs {
    fn options(&self, ws: &crate::model::Workspace) -> anyhow::Result<LayoutOptions> {
        let hours = self.jam_kerja.unwrap_or(ws.org.hours_per_day);
        if !(1.0..=24.0).contains(&hours) {
            anyhow::bail!("--jam-kerja must be from 1 to 24 hours");
        }
        Ok(LayoutOptions {
            paper: match self.kertas {
                Some(PaperArg::A4) => Paper::A4,
                Some(PaperArg::F4) => Paper::F4,
                Some(PaperArg::Letter) => Paper::Letter,
                Some(PaperArg::Legal) => Paper::Legal,
                None => ws.org.paper,
            },
            worksheets: !self.tanpa_lembar_kerja,
            hours_per_day: hours,
        })
    }
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// SOP files or folders (a folder holds organisasi.yaml and one file per SOP).
    #[arg(default_value = "sops")]
    paths: Vec<PathBuf>,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (exit code 1).
    #[arg(long)]
    deny_warnings: bool,
    /// Accept the diagnostics listed in this baseline file (written by
    /// `--write-baseline`): only new ones are reported and fail the run.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Write every diagnostic of this run to FILE as the baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Show every warning in full (by default, past the first few, warnings are counted
    /// by code).
    #[arg(long, short)]
    verbose: bool,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette reports with the marked YAML text (to stderr).
    Human,
    /// `path:line:col: severity[code]: message` (to stderr).
    Short,
    /// One JSON document (to stdout); schema in docs/diagnostics.md.
    Json,
    /// GitHub Actions workflow annotations (to stdout), and a summary table appended
    /// to `$GITHUB_STEP_SUMMARY` when it is set.
    Github,
    /// One SARIF 2.1.0 log (to stdout), for code scanning.
    Sarif,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Checked settings of a run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Coloured output.
    pub color: bool,
    /// No progress or summary.
    pub quiet: bool,
    /// Diagnostic output format.
    pub format: Format,
    /// Warnings fail the run.
    pub deny_warnings: bool,
    /// Every warning in full, in the human format.
    pub verbose: bool,
}

/// Runs sopc with these arguments and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    EXIT_OK
                }
                _ => EXIT_FAILURE,
            };
        }
    };
    let color = use_color(
        args.color,
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    crate::output::set_color(color);
    let result = match args.command {
        Command::Check(c) => {
            let config = Config {
                color,
                quiet: args.quiet,
                format: c.format,
                deny_warnings: c.deny_warnings,
                verbose: c.verbose,
            };
            run_check(&config, &c)
        }
        Command::Build(b) => {
            let config = Config {
                color,
                quiet: args.quiet,
                format: b.format,
                deny_warnings: false,
                verbose: b.verbose,
            };
            run_build(&config, &b)
        }
        Command::Dump(d) => {
            let config = Config {
                color,
                quiet: args.quiet,
                format: Format::Human,
                deny_warnings: false,
                verbose: false,
            };
            run_dump(&config, &d)
        }
        Command::Stats(a) => crate::stats::run(
            &plain(color, args.quiet),
            &crate::stats::StatsOptions {
                paths: a.paths,
                format: match a.format {
                    StatsFormatArg::Table => crate::stats::StatsFormat::Table,
                    StatsFormatArg::Json => crate::stats::StatsFormat::Json,
                    StatsFormatArg::Csv => crate::stats::StatsFormat::Csv,
                },
                only: a.by.map(|b| match b {
                    StatsTableArg::Sop => crate::stats::Table::Sops,
                    StatsTableArg::Role => crate::stats::Table::Roles,
                }),
                hours_per_day: a.jam_kerja,
            },
        ),
        Command::Graph(a) => crate::export::run(
            &plain(color, args.quiet),
            &crate::export::GraphOptions {
                paths: a.paths,
                format: match a.format {
                    GraphFormatArg::Dot => crate::export::GraphFormat::Dot,
                    GraphFormatArg::Mermaid => crate::export::GraphFormat::Mermaid,
                    GraphFormatArg::Bpmn => crate::export::GraphFormat::Bpmn,
                },
                out: a.out,
                force: a.force,
            },
        ),
        Command::Init(a) => crate::init::run(&plain(color, args.quiet), &a.into()),
        Command::New(a) => crate::scaffold::run(
            &plain(color, args.quiet),
            &crate::scaffold::NewOptions {
                name: a.name,
                lanes: a.pelaksana,
                dir: a.dir,
            },
        ),
        Command::Schema(a) => match (a.write, a.check) {
            (Some(dir), _) => crate::schema::write_files(&dir, args.quiet),
            (None, Some(dir)) => crate::schema::check_files(&dir, args.quiet),
            (None, None) => crate::output::print_stdout(&crate::schema::to_string(match a.file {
                SchemaTarget::Sop => crate::schema::Target::Sop,
                SchemaTarget::Organisasi => crate::schema::Target::Organisation,
            }))
            .map(|()| EXIT_OK),
        },
        Command::Completions(a) => {
            use clap::CommandFactory;
            crate::completions::run(a.shell, Args::command())
        }
        Command::Fmt(a) => crate::canonical::run(
            &plain(color, args.quiet),
            &crate::canonical::FmtOptions {
                paths: a.paths,
                check: a.check,
            },
        ),
        Command::Buku(b) => {
            let config = Config {
                color,
                quiet: args.quiet,
                format: Format::Human,
                deny_warnings: false,
                verbose: false,
            };
            let book = crate::book::BookConfig {
                path: b.path,
                out: b.out,
                dump: b.dump,
                jobs: parallel::jobs(b.jobs),
            };
            if book.dump.is_none() {
                stop_cleanly_on_interrupt();
            }
            crate::book::run(&config, &book, |ws| b.layout.options(ws))
        }
        Command::Bench(b) => run_bench(&b.command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            crate::say!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}

/// Whether diagnostics are coloured: `--color always` or `never` decide; `auto` colours
/// a terminal unless `NO_COLOR` is set to something other than the empty string
/// (<https://no-color.org>).
pub fn use_color(choice: Color, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// The settings of a command that prints human diagnostics only.
fn plain(color: bool, quiet: bool) -> Config {
    Config {
        color,
        quiet,
        format: Format::Human,
        deny_warnings: false,
        verbose: false,
    }
}

/// Loads and checks; the diagnostics of both stages, sorted.
pub fn compile(paths: &[PathBuf]) -> anyhow::Result<(Project, Diagnostics)> {
    let project = load::load(paths)?;
    let mut diags = project.diags.clone();
    for ws in &project.workspaces {
        diags.extend(check::run(ws));
    }
    diags.allowed += check::levels::apply(&project.workspaces, &mut diags);
    diags.sort();
    Ok((project, diags))
}

#[derive(Serialize)]
struct JsonSop {
    id: String,
    file: String,
    nama: Option<String>,
    fingerprint: String,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonReport {
    version: u32,
    sops: Vec<JsonSop>,
    diagnostics: Vec<diag::JsonDiagnostic>,
    errors: usize,
    warnings: usize,
}

/// Prints the JSON report (schema version 1, docs/diagnostics.md) to stdout.
fn print_json(project: &Project, diags: &Diagnostics) -> anyhow::Result<()> {
    let mut sops = Vec::new();
    for ws in &project.workspaces {
        for sop in &ws.sops {
            let count = |f: fn(&Diagnostic) -> bool| {
                diags
                    .iter()
                    .filter(|d| d.span.file == sop.file && f(d))
                    .count()
            };
            sops.push(JsonSop {
                id: sop.id.clone(),
                file: project.sources.get(sop.file).name.clone(),
                nama: sop.name.as_ref().map(|n| n.value.clone()),
                fingerprint: fingerprint(&project.sources, ws, sop),
                errors: count(Diagnostic::is_error),
                warnings: count(|d| !d.is_error()),
            });
        }
    }
    let report = JsonReport {
        version: 1,
        sops,
        diagnostics: diags
            .iter()
            .map(|d| diag::to_json(&project.sources, d))
            .collect(),
        errors: diags.errors(),
        warnings: diags.warnings(),
    };
    let mut out = crate::output::stdout();
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    Ok(())
}

fn run_check(config: &Config, c: &CheckArgs) -> anyhow::Result<i32> {
    let (project, mut diags) = compile(&c.paths)?;
    if let Some(path) = &c.write_baseline {
        let n = check::baseline::write(path, &project.sources, &diags)?;
        if !config.quiet {
            crate::say!(
                "wrote {}: {n} diagnostic{} accepted; `sopc check --baseline {}` reports only new ones",
                path.display(),
                if n == 1 { "" } else { "s" },
                path.display()
            );
        }
        return Ok(EXIT_OK);
    }
    let stale = match &c.baseline {
        Some(path) => check::baseline::apply(path, &project.sources, &mut diags)?.stale,
        None => 0,
    };
    diags.limit_per_file(limits::MAX_DIAGNOSTICS_PER_FILE);
    print_diagnostics(config, &project, &diags)?;
    // Files, not lowered SOPs: a file that could not be read was checked too.
    let n = project
        .sources
        .files()
        .filter(|(_, f)| load::is_sop_file(&f.path))
        .count();
    step_summary(
        config,
        &format!("checked {n} SOP{}", if n == 1 { "" } else { "s" }),
        &diags,
    )?;
    if config.format == Format::Json {
        print_json(&project, &diags)?;
    } else if !config.quiet && config.format != Format::Sarif {
        crate::say!(
            "checked {n} SOP{}: {}{}",
            if n == 1 { "" } else { "s" },
            counts(&diags),
            left_out(&diags),
        );
        if stale > 0 {
            crate::say!(
                "note: {stale} diagnostic{} of the baseline no longer occur{}; `--write-baseline` rewrites it",
                if stale == 1 { "" } else { "s" },
                if stale == 1 { "s" } else { "" },
            );
        }
    }
    Ok(exit_code(config, &diags))
}

/// "E errors, W warnings".
fn counts(diags: &Diagnostics) -> String {
    format!(
        "{} error{}, {} warning{}",
        diags.errors(),
        if diags.errors() == 1 { "" } else { "s" },
        diags.warnings(),
        if diags.warnings() == 1 { "" } else { "s" },
    )
}

/// " (N allowed by `periksa`, M accepted by the baseline)", or nothing.
fn left_out(diags: &Diagnostics) -> String {
    let mut parts = Vec::new();
    if diags.allowed > 0 {
        parts.push(format!("{} allowed by `periksa`", diags.allowed));
    }
    if diags.baselined > 0 {
        parts.push(format!("{} accepted by the baseline", diags.baselined));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// On Ctrl-C or SIGTERM, removes the files half written and exits with
/// [`EXIT_INTERRUPTED`]; every file already in place is whole. Setting it fails only
/// when a handler is already set (a second run in one process), which has it already.
fn stop_cleanly_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        crate::output::abandon();
        crate::say!("interrupted: files not yet written keep their previous version");
        std::process::exit(EXIT_INTERRUPTED);
    });
}

fn run_build(config: &Config, b: &BuildArgs) -> anyhow::Result<i32> {
    stop_cleanly_on_interrupt();
    let (project, mut diags) = compile(&b.paths)?;
    let templates = match &b.templates {
        Some(dir) => Templates::load(dir)?,
        None => Templates::builtin()?,
    };
    if b.templates.is_some() {
        // Every template is tried on this folder's data before the first file is
        // written, so that a broken one leaves the output folder as it was.
        for ws in &project.workspaces {
            let opts = b.layout.options(ws)?;
            let all = ws.sops.iter().map(|s| s.id.clone()).collect();
            let index = build::index_context(ws, &all, opts.hours_per_day);
            crate::render::html::index(&index, &templates)?;
            let first = ws
                .sops
                .iter()
                .filter(|s| build::renderable(&diags, ws, s))
                .find_map(|s| build::layout_sop(&project, ws, s, &opts).ok());
            if let Some(doc) = first {
                let links = crate::render::html::PageLinks::for_sop(&doc.meta.id);
                crate::render::html::html(&doc, &templates, &links)?;
            }
        }
    }
    build::prepare(&b.out)?;
    if project.workspaces.len() > 1 {
        anyhow::bail!("build one folder of SOPs at a time (each folder gets its own index.html)");
    }
    let total: usize = project.workspaces.iter().map(|w| w.sops.len()).sum();
    let progress = !config.quiet && !matches!(config.format, Format::Json | Format::Sarif);
    let jobs = parallel::jobs(b.jobs);
    let mut written = 0;
    for ws in &project.workspaces {
        let opts = b.layout.options(ws)?;
        let mut rendered = std::collections::BTreeSet::new();
        // Progress is printed in SOP order, and stops at the first failure, as a
        // one-thread build would.
        let mut failed = false;
        let outcomes = parallel::map_in_order(
            jobs,
            &ws.sops,
            |sop| build::build_sop(&project, ws, sop, &opts, &b.out, &templates, &diags),
            |i, outcome| {
                failed |= matches!(outcome, build::Outcome::Failed(_));
                if progress && !failed {
                    print_progress(i + 1, total, &ws.sops[i].id, outcome);
                }
            },
        );
        for (sop, outcome) in ws.sops.iter().zip(outcomes) {
            let stale = || {
                for f in build::remove_stale(&b.out, &sop.id) {
                    if !config.quiet {
                        crate::say!("removed {} (its SOP has errors now)", f.display());
                    }
                }
            };
            match outcome {
                build::Outcome::Skipped => stale(),
                build::Outcome::Written(built) => {
                    rendered.insert(built.id);
                    written += 1;
                    for d in built.warnings {
                        diags.push(d);
                    }
                }
                build::Outcome::Refused(d) => {
                    stale();
                    diags.push(*d);
                }
                build::Outcome::Failed(e) => return Err(e),
            }
        }
        build::write_assets(&b.out)?;
        // The index describes the whole folder, whatever subset was built (#16).
        let folder = build::whole_folder(ws);
        let described = folder.as_ref().unwrap_or(ws);
        let linked = build::linked(described, &rendered, &b.out);
        build::write_index(&b.out, described, &linked, &templates, opts.hours_per_day)?;
    }
    // The layout's own warnings, under the levels of `periksa:` too.
    diags.allowed += check::levels::apply(&project.workspaces, &mut diags);
    diags.sort();
    diags.limit_per_file(limits::MAX_DIAGNOSTICS_PER_FILE);
    print_diagnostics(config, &project, &diags)?;
    step_summary(
        config,
        &format!("built {written} of {total} SOPs into {}", b.out.display()),
        &diags,
    )?;
    if config.format == Format::Json {
        print_json(&project, &diags)?;
    } else if !config.quiet && config.format != Format::Sarif {
        crate::say!(
            "built {written} of {total} SOPs into {}: {}{}; open {}",
            b.out.display(),
            counts(&diags),
            left_out(&diags),
            b.out.join("index.html").display()
        );
    }
    Ok(exit_code(config, &diags))
}

fn print_progress(done: usize, total: usize, id: &str, outcome: &build::Outcome) {
    match outcome {
        build::Outcome::Skipped => crate::say!("[{done}/{total}] {id}: not rendered (errors)"),
        build::Outcome::Written(built) => {
            let names: Vec<String> = built
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect();
            crate::say!(
                "[{done}/{total}] {id}: {} halaman -> {}",
                built.pages,
                names.join(", ")
            );
        }
        build::Outcome::Refused(_) | build::Outcome::Failed(_) => {}
    }
}

fn run_bench(command: &BenchCommand) -> anyhow::Result<i32> {
    match command {
        BenchCommand::Generate { out, count, seed } => {
            bench::generate::write(out, *count, *seed)?;
        }
        BenchCommand::Stages { file, runs } => {
            let (times, steps, pages) = bench::stages::stages(file, *runs)?;
            let mut out = crate::output::stdout();
            writeln!(
                out,
                "{}: {steps} steps, {pages} pages; {runs} runs per stage",
                file.display()
            )?;
            writeln!(out, "stage      first (ms)  median (ms)")?;
            for t in &times {
                writeln!(
                    out,
                    "{:<10} {:>10.3}  {:>11.3}",
                    t.name,
                    t.first.as_secs_f64() * 1e3,
                    t.median.as_secs_f64() * 1e3
                )?;
            }
        }
        BenchCommand::Clearance { paths } => {
            let report = bench::clearance::clearance(paths)?;
            write!(std::io::stdout().lock(), "{report}")?;
        }
        BenchCommand::Dot { file } => {
            let (project, diags) = compile(std::slice::from_ref(file))?;
            if diags.errors() > 0 {
                anyhow::bail!("`{}` has errors; run `sopc check` on it", file.display());
            }
            let mut out = crate::output::stdout();
            for ws in &project.workspaces {
                for sop in &ws.sops {
                    write!(out, "{}", bench::dot::dot(ws, sop))?;
                }
            }
        }
    }
    Ok(EXIT_OK)
}

fn run_dump(config: &Config, d: &DumpArgs) -> anyhow::Result<i32> {
    let (project, diags) = compile(std::slice::from_ref(&d.file))?;
    let errors: Diagnostics = {
        let mut e = Diagnostics::new();
        e.extend(diags.iter().filter(|x| x.is_error()).cloned());
        e.limit_per_file(limits::MAX_DIAGNOSTICS_PER_FILE);
        e
    };
    if !errors.is_empty() {
        print_diagnostics(config, &project, &errors)?;
        return Ok(EXIT_ERRORS);
    }
    let mut out = crate::output::stdout();
    for ws in &project.workspaces {
        let opts = d.layout.options(ws)?;
        for sop in &ws.sops {
            match d.stage {
                Stage::Layout => {
                    let fp = fingerprint(&project.sources, ws, sop);
                    match layout::layout(ws, sop, &opts, &fp) {
                        Ok(doc) => write!(out, "{}", layout::dump::dump(&doc))?,
                        Err(e) => {
                            let mut one = Diagnostics::new();
                            one.push(*e);
                            print_diagnostics(config, &project, &one)?;
                            return Ok(EXIT_ERRORS);
                        }
                    }
                }
            }
        }
    }
    Ok(EXIT_OK)
}

/// With `--format github`, appends the run's summary table to the file that
/// `$GITHUB_STEP_SUMMARY` names, when it is set.
fn step_summary(config: &Config, what: &str, diags: &Diagnostics) -> anyhow::Result<()> {
    if config.format != Format::Github {
        return Ok(());
    }
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    use anyhow::Context as _;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot write $GITHUB_STEP_SUMMARY `{}`",
                path.to_string_lossy()
            )
        })?;
    file.write_all(check::sarif::step_summary(what, diags).as_bytes())?;
    Ok(())
}

fn exit_code(config: &Config, diags: &Diagnostics) -> i32 {
    if diags.errors() > 0 || (config.deny_warnings && diags.warnings() > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Prints diagnostics in the configured format (JSON is printed by the caller).
pub fn print_diagnostics(
    config: &Config,
    project: &Project,
    diags: &Diagnostics,
) -> anyhow::Result<()> {
    let sources = &project.sources;
    match config.format {
        Format::Json => {}
        Format::Sarif => {
            let root = check::sarif::repository_root();
            let mut out = crate::output::stdout();
            serde_json::to_writer_pretty(
                &mut out,
                &check::sarif::log(sources, diags, root.as_deref()),
            )?;
            writeln!(out)?;
        }
        Format::Github => {
            let root = check::sarif::repository_root();
            let mut out = crate::output::stdout();
            for d in diags.iter() {
                let path = check::sarif::ci_path(sources, d.span.file, root.as_deref());
                let line = diag::render_github_at(sources, d, &path);
                writeln!(out, "{}", crate::output::escape_controls(&line, false))?;
            }
        }
        Format::Short => {
            let mut err = crate::output::stderr();
            for d in diags.iter() {
                writeln!(err, "{}", diag::render_short(sources, d))?;
            }
        }
        Format::Human => {
            let width = terminal_width();
            let mut err = crate::output::stderr();
            let mut shown = 0;
            // Warnings past the first few: code → (count, files).
            let mut rest: BTreeMap<&str, (usize, BTreeSet<FileId>)> = BTreeMap::new();
            for d in diags.iter() {
                if !d.is_error() && !config.verbose && shown >= SHOWN_WARNINGS {
                    let e = rest.entry(d.code).or_default();
                    e.0 += 1;
                    e.1.insert(d.span.file);
                    continue;
                }
                shown += usize::from(!d.is_error());
                write!(
                    err,
                    "{}",
                    diag::render_human(sources, d, config.color, width)
                )?;
            }
            if !rest.is_empty() {
                write!(err, "{}", grouped(&rest))?;
            }
        }
    }
    Ok(())
}

/// Warnings shown in full before the rest are counted by code (`--verbose` shows all).
pub const SHOWN_WARNINGS: usize = 10;

/// The warnings not shown, counted by code, most frequent first.
fn grouped(rest: &BTreeMap<&str, (usize, BTreeSet<FileId>)>) -> String {
    let total: usize = rest.values().map(|v| v.0).sum();
    let mut rows: Vec<(&str, usize, usize)> =
        rest.iter().map(|(c, (n, f))| (*c, *n, f.len())).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let wide = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = format!(
        "\n{total} more warning{} not shown, by code (`--verbose` shows them all):\n",
        if total == 1 { "" } else { "s" }
    );
    for (code, n, files) in rows {
        out.push_str(&format!(
            "  {n:>5}  {code:<wide$}  in {files} file{}\n",
            if files == 1 { "" } else { "s" }
        ));
    }
    out.push('\n');
    out
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Args::command().debug_assert();
    }

    #[test]
    fn no_color_turns_off_colour_on_a_terminal_unless_empty() {
        let set = Some(std::ffi::OsStr::new("1"));
        let empty = Some(std::ffi::OsStr::new(""));
        assert!(use_color(Color::Auto, true, None));
        assert!(!use_color(Color::Auto, true, set));
        assert!(use_color(Color::Auto, true, empty));
        assert!(!use_color(Color::Auto, false, None));
        assert!(use_color(Color::Always, false, set));
        assert!(!use_color(Color::Never, true, None));
    }
}
