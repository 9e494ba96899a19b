//! `sopc buku`: the SOP book (*dokumen SOP*) of one folder, one PDF and one HTML file.
//!
//! The folder is loaded and checked like `sopc check`; a book is only made when no SOP
//! and not `organisasi.yaml` has an error, since the decree would enact SOPs the book
//! leaves out. The SOPs are ordered ([`crate::model::book::order`]), laid out as one
//! [`Document`](crate::layout::Document) by [`crate::layout::book::book`] and drawn by
//! the same renderers as single SOPs.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::build;
use crate::cli::{self, Config, EXIT_ERRORS, EXIT_OK};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::layout::book::{self as layout_book, BookInput, BookPlan, Chapter, LaidBook};
use crate::layout::{LayoutOptions, dump};
use crate::load::Project;
use crate::model::{Sop, Workspace, book};
use crate::output::AtomicFile;
use crate::parallel;
use crate::render::{self, html};
use crate::source::Span;

/// What `--dump` prints instead of writing the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dump {
    /// Parts and their pages, the daftar isi as printed and every page's number.
    Outline,
    /// The whole display list (as `sopc dump --stage layout`).
    Layout,
}

/// The checked settings of one `sopc buku` run.
#[derive(Debug, Clone)]
pub struct BookConfig {
    /// The folder (or one of its files).
    pub path: PathBuf,
    /// The PDF to write; the HTML goes next to it with the same stem.
    pub out: PathBuf,
    /// Print this instead of writing files.
    pub dump: Option<Dump>,
    /// Threads laying out and rendering the parts of the book.
    pub jobs: usize,
}

/// Runs `sopc buku`; `options` gives the layout options of the folder (from the command
/// line and `organisasi.yaml`). Returns the exit code.
pub fn run(
    config: &Config,
    book: &BookConfig,
    options: impl Fn(&Workspace) -> Result<LayoutOptions>,
) -> Result<i32> {
    if book.out.extension().and_then(|e| e.to_str()) != Some("pdf") {
        bail!("--out must name a .pdf file, e.g. `dist/buku.pdf` (the HTML is written next to it)");
    }
    let (project, mut diags) = cli::compile(std::slice::from_ref(&book.path))?;
    let [ws] = project.workspaces.as_slice() else {
        bail!("a book is made of one folder of SOPs: give one folder");
    };
    if ws.org.book.is_none() && !ws.org_broken {
        diags.push(
            Diagnostic::warning(
                "sop::buku::missing",
                "`organisasi.yaml` has no `buku` section",
                Span::new(ws.org.file, 0, 0),
            )
            .label("no `buku:` in this file")
            .help("add `buku:` with `keputusan` (nomor, tempat, tanggal) and `penjelasan` (ruang_lingkup, ringkasan); until then the book prints generated text and dotted lines"),
        );
        diags.sort();
    }
    let blocked = ws.org_broken
        || diags.has_errors_in(ws.org.file)
        || ws.sops.iter().any(|s| diags.has_errors_in(s.file));
    if blocked || ws.sops.is_empty() {
        print(config, &project, &diags)?;
        if !config.quiet {
            if blocked {
                crate::say!(
                    "book not made: fix the {} error{} first (the decree enacts every SOP of the folder)",
                    diags.errors(),
                    if diags.errors() == 1 { "" } else { "s" }
                );
            } else {
                crate::say!("book not made: the folder has no SOP");
            }
        }
        return Ok(EXIT_ERRORS);
    }

    let opts = options(ws)?;
    let (sops, prints, fp) = ordered(&project, ws);
    let out_id = id(&book.out);
    let input = input(ws, &sops, &prints, &opts, &fp, &out_id);
    let plan = match layout_book::plan(&input) {
        Ok(p) => p,
        Err(errors) => {
            diags.extend(errors);
            diags.sort();
            print(config, &project, &diags)?;
            return Ok(EXIT_ERRORS);
        }
    };
    let pages = plan.sizes.len();

    if let Some(d) = book.dump {
        let laid = match plan.lay_out() {
            Ok(l) => l,
            Err(e) => {
                diags.push(*e);
                diags.sort();
                print(config, &project, &diags)?;
                return Ok(EXIT_ERRORS);
            }
        };
        print(config, &project, &diags)?;
        let text = match d {
            Dump::Outline => layout_book::outline::outline(&laid),
            Dump::Layout => dump::dump(&laid.document),
        };
        crate::output::print_stdout(&text)?;
        return Ok(exit_code(&diags));
    }

    let files = match write(&book.out, &plan, book.jobs) {
        Ok(files) => files,
        Err(Failure::Layout(e)) => {
            diags.push(*e);
            diags.sort();
            print(config, &project, &diags)?;
            return Ok(EXIT_ERRORS);
        }
        Err(Failure::Other(e)) => return Err(e),
    };
    print(config, &project, &diags)?;
    if !config.quiet {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        crate::say!(
            "buku: {} SOP, {} halaman -> {}: {} errors, {} warnings",
            ws.sops.len(),
            pages,
            names.join(", "),
            diags.errors(),
            diags.warnings()
        );
    }
    Ok(exit_code(&diags))
}

/// What the layout of the book is made from.
fn input<'a>(
    ws: &'a Workspace,
    sops: &[&'a Sop],
    prints: &'a [String],
    opts: &'a LayoutOptions,
    fingerprint: &'a str,
    id: &'a str,
) -> BookInput<'a> {
    BookInput {
        ws,
        chapters: sops
            .iter()
            .zip(prints)
            .map(|(sop, fp)| Chapter {
                sop,
                fingerprint: fp,
            })
            .collect(),
        opts,
        fingerprint,
        id,
    }
}

/// Lays out the book of a checked folder, whole, in memory.
pub fn lay_out(
    project: &Project,
    ws: &Workspace,
    opts: &LayoutOptions,
    id: &str,
) -> Result<LaidBook, Vec<Diagnostic>> {
    let (sops, prints, fp) = ordered(project, ws);
    layout_book::book(&input(ws, &sops, &prints, opts, &fp, id))
}

/// The SOPs in the book's order, the short fingerprint of each, and that of the book.
fn ordered<'a>(project: &Project, ws: &'a Workspace) -> (Vec<&'a Sop>, Vec<String>, String) {
    let sops = book::order(ws);
    let prints = sops
        .iter()
        .map(|s| fingerprint(&project.sources, ws, s))
        .collect();
    let fp = book_fingerprint(project, ws, &sops);
    (sops, prints, fp)
}

/// First 8 hex digits of SHA-256 over `organisasi.yaml` and every SOP file, in the
/// book's order: printed in the footer of the book's own pages.
pub fn book_fingerprint(project: &Project, ws: &Workspace, sops: &[&Sop]) -> String {
    let mut h = Sha256::new();
    h.update(project.sources.get(ws.org.file).text.as_bytes());
    for s in sops {
        h.update([0u8]);
        h.update(project.sources.get(s.file).text.as_bytes());
    }
    let digest = h.finalize();
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The document id: the output file's stem.
fn id(out: &Path) -> String {
    out.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("buku")
        .to_string()
}

/// Why the book's files could not be written.
enum Failure {
    /// An SOP could not be laid out again (it was once, in the plan).
    Layout(Box<Diagnostic>),
    /// Rendering or writing failed.
    Other(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Other(e.into())
    }
}

/// Writes the PDF, the HTML next to it and the fonts the HTML needs, one part of the
/// book at a time: a book of a thousand SOPs never holds more than one SOP's pages.
fn write(out: &Path, plan: &BookPlan<'_>, jobs: usize) -> Result<Vec<PathBuf>, Failure> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    build::prepare(&dir)?;
    let pdf_name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("buku.pdf")
        .to_string();
    let links = html::PageLinks {
        index: None,
        pdf: Some(pdf_name),
    };
    let templates = html::Templates::builtin()?;
    let html_path = out.with_extension("html");
    let mut html_file = AtomicFile::create(&html_path)?;
    let (html, head) = html::HtmlWriter::start(&plan.meta, &plan.sizes, &templates, &links)
        .context("rendering the book to HTML")?;
    html_file.append(head.as_bytes())?;
    let pdf = render::pdf::PdfWriter::new(&plan.meta, &plan.chars, &plan.images)
        .context("rendering the book to PDF")?;
    // Each part is laid out, painted and turned into HTML on its own, on every core;
    // the parts are then added to the two files in order. A few parts ahead at most,
    // so memory holds a few SOPs whatever the size of the book.
    let runs: Vec<usize> = (0..plan.run_count()).collect();
    parallel::for_each_in_order(
        jobs,
        &runs,
        2 * jobs,
        |&k| -> Result<_, Failure> {
            let pages = plan.run(k).map_err(Failure::Layout)?;
            let first = plan.run_first(k);
            let painted = pdf
                .paint(&pages, first - 1)
                .context("rendering the book to PDF")?;
            let mut text = String::new();
            for (i, page) in pages.iter().enumerate() {
                text.push_str(
                    &html
                        .render(first + i, page)
                        .context("rendering the book to HTML")?,
                );
            }
            Ok((painted, text))
        },
        |_, (painted, text)| {
            pdf.append(painted);
            html_file.append(text.as_bytes())?;
            Ok(())
        },
    )?;
    html_file.append(html.finish().as_bytes())?;
    let mut pdf_file = AtomicFile::create(out)?;
    pdf.finish(&mut pdf_file)
        .with_context(|| format!("writing `{}`", out.display()))?;
    pdf_file.commit()?;
    html_file.commit()?;
    build::write_assets(&dir)?;
    Ok(vec![out.to_path_buf(), html_path])
}

fn print(config: &Config, project: &Project, diags: &Diagnostics) -> Result<()> {
    cli::print_diagnostics(config, project, diags)
}

fn exit_code(diags: &Diagnostics) -> i32 {
    if diags.errors() > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
