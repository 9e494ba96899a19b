//! Reading a run's inputs from disk: the paths given on the command line become one
//! [`Project`] of folders (each with its `organisasi.yaml`), parsed and lowered, with
//! every problem found so far collected. The same code serves in-memory sources, for
//! tests and tools.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::diag::{Diagnostic, Diagnostics};
use crate::limits;
use crate::logo;
use crate::model::{self, ORGANISATION_FILE, Workspace, lower::SopInput};
use crate::parallel;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, Node, Value};

/// Everything a run read: the sources, one workspace per folder, and the diagnostics
/// of parsing and lowering.
#[derive(Debug)]
pub struct Project {
    /// Every file read.
    pub sources: SourceMap,
    /// One per folder, in path order.
    pub workspaces: Vec<Workspace>,
    /// Problems found while reading.
    pub diags: Diagnostics,
}

/// One SOP file's text, for [`load_texts`].
pub struct SopText {
    /// Path shown in diagnostics.
    pub path: PathBuf,
    /// File contents.
    pub bytes: Vec<u8>,
}

/// True for a file that holds an SOP: `*.yaml` or `*.yml` in any case (`*.YAML`),
/// except `organisasi.yaml` and hidden files.
pub fn is_sop_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(ext.as_deref(), Some("yaml" | "yml"))
        && name != ORGANISATION_FILE
        && !name.starts_with('.')
}

/// Ids that name what sopc writes next to the SOPs' files (`index.html`, the `fonts`
/// folder, the book's `buku.pdf`): an SOP with one of them would be overwritten or
/// overwrite.
pub const RESERVED_IDS: [&str; 3] = ["index", "fonts", "buku"];

/// Why a file stem is not an SOP id, or `None` when it is one.
fn id_problem(id: &str) -> Option<(String, &'static str, String)> {
    if RESERVED_IDS.contains(&id) {
        return Some((
            format!("`{id}` is the name of a file sopc writes; it cannot be an SOP id"),
            "a name sopc uses",
            format!(
                "rename the file: {} are taken by the outputs (`index.html`, `fonts/`, `buku.pdf`)",
                RESERVED_IDS.map(|r| format!("`{r}`")).join(", ")
            ),
        ));
    }
    if id.chars().count() > 64 {
        return Some((
            format!(
                "`{id}` is too long for an SOP id ({} characters, at most 64)",
                id.chars().count()
            ),
            "too long",
            "shorten the file name; the SOP's full name goes under `nama:`".to_string(),
        ));
    }
    (!model::lower::is_valid_id(id)).then(|| {
        (
            format!("`{id}` is not a valid SOP id"),
            "file name",
            "name SOP files in lower case with `-` between words, e.g. `pengelolaan-surat-masuk.yaml`; the name is the SOP's id".to_string(),
        )
    })
}

fn sop_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("reading folder `{}`", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading folder `{}`", dir.display()))?;
        let path = entry.path();
        // A symbolic link is listed whatever it points to, so that one leading out of
        // the folder is reported rather than skipped or followed.
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_sop_file(&path) && (link || path.is_file()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Groups command-line paths by folder: a folder means all its SOP files, a file means
/// itself (its folder gives the organisation file).
pub fn group_paths(paths: &[PathBuf]) -> Result<BTreeMap<PathBuf, Vec<PathBuf>>> {
    let mut groups: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("reading `{}`", p.display()))?;
        if meta.is_dir() {
            let files = sop_files_in(p)?;
            groups.entry(p.clone()).or_default().extend(files);
        } else {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == ORGANISATION_FILE {
                let dir = parent_dir(p);
                let files = sop_files_in(&dir)?;
                groups.entry(dir).or_default().extend(files);
                continue;
            }
            if !is_sop_file(p) {
                bail!(
                    "`{}` is not an SOP file (expected a .yaml file or a folder)",
                    p.display()
                );
            }
            groups.entry(parent_dir(p)).or_default().push(p.clone());
        }
    }
    for files in groups.values_mut() {
        files.sort();
        files.dedup();
    }
    Ok(groups)
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Why an input file is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Its real path, after every symbolic link, is not inside the folder.
    Outside,
    /// It is not a regular file (a folder, a FIFO, a device, a broken link).
    NotRegular,
}

/// Checks that `path` resolves, after following every symbolic link, to a regular file
/// inside the folder whose real path is `root`: the rule of the logo, for every input.
/// Nothing of the file is read.
pub fn confined(root: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let real = std::fs::canonicalize(path).map_err(|_| Refusal::NotRegular)?;
    if !real.starts_with(root) {
        return Err(Refusal::Outside);
    }
    let meta = std::fs::metadata(&real).map_err(|_| Refusal::NotRegular)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    Ok(real)
}

/// The diagnostic for an input file that is not read; it shows nothing of the file.
fn refusal_diagnostic(why: Refusal, name: &str, file: FileId) -> Diagnostic {
    let span = Span::new(file, 0, 0);
    match why {
        Refusal::Outside => Diagnostic::error(
            "sop::file::outside-folder",
            format!("`{name}` leads out of the folder of SOPs; it was not read"),
            span,
        )
        .label("a symbolic link to a file outside the folder")
        .help("keep the file itself in the folder of SOPs (or below it), not a link to a file elsewhere"),
        Refusal::NotRegular => Diagnostic::error(
            "sop::file::unreadable",
            format!("`{name}` is not a regular file; it was not read"),
            span,
        )
        .label("not a regular file")
        .help("an SOP file and organisasi.yaml are plain files in the folder of SOPs"),
    }
}

/// Reads a file of at most [`limits::MAX_FILE_BYTES`] (one byte more is read, so that
/// `add_source` can report the file as too large) and adds its size to `total`.
fn read_limited(path: &Path, total: &mut usize) -> Result<Vec<u8>> {
    use std::io::Read;
    // A FIFO or a device would block or never end: only regular files are read.
    let meta = std::fs::metadata(path).with_context(|| format!("reading `{}`", path.display()))?;
    if !meta.is_file() {
        bail!("`{}` is not a regular file", path.display());
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("reading `{}`", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading `{}`", path.display()))?;
    *total += bytes.len();
    if *total > limits::MAX_TOTAL_BYTES {
        bail!(
            "the files given hold more than {} MiB in all; check fewer folders at a time",
            limits::MAX_TOTAL_BYTES / (1024 * 1024)
        );
    }
    Ok(bytes)
}

/// Reads the paths given on the command line, parsing files on one thread per core
/// (or `SOPC_JOBS`).
pub fn load(paths: &[PathBuf]) -> Result<Project> {
    load_with(paths, parallel::jobs(None))
}

/// Reads the paths given on the command line, parsing files on up to `jobs` threads.
/// The result is the same for any number.
pub fn load_with(paths: &[PathBuf], jobs: usize) -> Result<Project> {
    let groups = group_paths(paths)?;
    let mut project = Project {
        sources: SourceMap::new(),
        workspaces: Vec::new(),
        diags: Diagnostics::new(),
    };
    let mut total = 0;
    for (dir, files) in groups {
        let org_path = dir.join(ORGANISATION_FILE);
        if std::fs::symlink_metadata(&org_path).is_err() {
            bail!(
                "no `{ORGANISATION_FILE}` in `{}`: a folder of SOPs needs one for what its SOPs share (see docs/format.md)",
                dir.display()
            );
        }
        let root = std::fs::canonicalize(&dir)
            .with_context(|| format!("reading folder `{}`", dir.display()))?;
        // Files refused by the rule of the folder: their diagnostics, made once the
        // folder's files have ids.
        let mut refused = Vec::new();
        let org_refusal = confined(&root, &org_path).err();
        let org = SopText {
            bytes: match org_refusal {
                Some(_) => Vec::new(),
                None => read_limited(&org_path, &mut total)?,
            },
            path: org_path,
        };
        let mut sops = Vec::new();
        for f in files {
            match confined(&root, &f) {
                Ok(_) => sops.push(SopText {
                    bytes: read_limited(&f, &mut total)?,
                    path: f,
                }),
                Err(why) => {
                    let id = project.sources.add(&f, "");
                    refused.push(refusal_diagnostic(why, &f.display().to_string(), id));
                }
            }
        }
        let known = sop_files_in(&dir)?.iter().filter_map(|p| stem(p)).collect();
        let org_refused = org_refusal.is_some();
        add_folder(
            &mut project,
            dir.clone(),
            org,
            sops,
            known,
            jobs,
            org_refused,
        );
        if let (Some(why), Some(ws)) = (org_refusal, project.workspaces.last()) {
            let org_id = ws.org.file;
            let name = project.sources.get(org_id).name.clone();
            refused.push(refusal_diagnostic(why, &name, org_id));
        }
        project.diags.extend(refused);
        if let Some(ws) = project.workspaces.last_mut() {
            if let Some(path) = &ws.org.logo {
                match logo::read(&dir, path) {
                    Ok(l) => ws.logo = Some(std::sync::Arc::new(l)),
                    Err(d) => project.diags.push(*d),
                }
            }
        }
    }
    project.diags.sort();
    Ok(project)
}

/// Builds a project from texts in memory (one folder).
pub fn load_texts(root: PathBuf, org: SopText, sops: Vec<SopText>) -> Project {
    let mut project = Project {
        sources: SourceMap::new(),
        workspaces: Vec::new(),
        diags: Diagnostics::new(),
    };
    let known = sops.iter().filter_map(|s| stem(&s.path)).collect();
    add_folder(&mut project, root, org, sops, known, 1, false);
    project.diags.sort();
    project
}

fn stem(p: &Path) -> Option<String> {
    p.file_stem().and_then(|s| s.to_str()).map(str::to_string)
}

/// Adds a file's text to the map. Bytes that are too many or not UTF-8 become a
/// diagnostic, and `false`: the file has no text worth parsing.
fn add_text(sources: &mut SourceMap, t: &SopText, diags: &mut Vec<Diagnostic>) -> (FileId, bool) {
    if t.bytes.len() > limits::MAX_FILE_BYTES {
        let id = sources.add(&t.path, "");
        diags.push(
            Diagnostic::error(
                "sop::file::too-large",
                format!(
                    "file is larger than {} MiB",
                    limits::MAX_FILE_BYTES / (1024 * 1024)
                ),
                Span::new(id, 0, 0),
            )
            .label("too large")
            .help(
                "an SOP file is a few kilobytes; split the content or remove what does not belong",
            ),
        );
        return (id, false);
    }
    match std::str::from_utf8(&t.bytes) {
        Ok(text) => (sources.add(&t.path, text), true),
        Err(e) => {
            let valid = e.valid_up_to();
            let text = String::from_utf8_lossy(&t.bytes);
            let id = sources.add(&t.path, &text);
            // The lossy text has the same bytes up to the first invalid one.
            let bom = usize::from(t.bytes.starts_with(&[0xEF, 0xBB, 0xBF])) * 3;
            let at = valid.saturating_sub(bom);
            let end = sources.get(id).text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            diags.push(
                Diagnostic::error(
                    "sop::file::encoding",
                    format!("file is not valid UTF-8 (byte offset {valid})"),
                    Span::new(id, at, end),
                )
                .label("invalid byte here")
                .help("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"),
            );
            (id, false)
        }
    }
}

/// Parses a file added by [`add_text`]; `None` (with a diagnostic) when it cannot be.
fn parse(sources: &SourceMap, id: FileId, ok: bool, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    if !ok {
        return None;
    }
    match syntax::parse(id, sources.get(id)) {
        Ok(node) => Some(node),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// Adds one folder: its texts to the map, then every SOP file parsed and lowered on up
/// to `jobs` threads. Each file's tree is dropped as soon as it is lowered, so memory
/// holds the model of every SOP but never all the trees at once.
fn add_folder(
    project: &mut Project,
    root: PathBuf,
    org: SopText,
    sops: Vec<SopText>,
    known: Vec<String>,
    jobs: usize,
    org_refused: bool,
) {
    let mut diags = Vec::new();
    let (org_id, org_ok) = add_text(&mut project.sources, &org, &mut diags);
    let org_tree = parse(&project.sources, org_id, org_ok, &mut diags);
    // A refused organisation file has its own diagnostic; its empty text would only
    // add "empty file".
    let org_unreadable = org_tree.is_none() || org_refused;
    // An empty organisation file is reported once; without its roster every lane of
    // every SOP would be reported too.
    let org_broken = org_tree.as_ref().is_none_or(|t| t.value == Value::Null);
    let org_tree = org_tree.unwrap_or(Node {
        value: Value::Null,
        span: Span::new(org_id, 0, 0),
    });
    let mut files = Vec::with_capacity(sops.len());
    for t in sops {
        let (id, ok) = add_text(&mut project.sources, &t, &mut diags);
        let sop_id = stem(&t.path).unwrap_or_default();
        let problem = id_problem(&sop_id).or_else(|| {
            // `x.yaml` and `x.yml` would both write `x.pdf`.
            files
                .iter()
                .find(|(other, _, _)| *other == sop_id)
                .map(|_| {
                    (
                        format!("`{sop_id}` is already the id of another file of this folder"),
                        "same id",
                        "keep one file per SOP: `x.yaml` and `x.yml` are the same id".to_string(),
                    )
                })
        });
        if let Some((message, label, help)) = problem {
            diags.push(
                Diagnostic::error("sop::file::name", message, Span::new(id, 0, 0))
                    .label(label)
                    .help(help),
            );
        }
        files.push((sop_id, id, ok));
    }
    let mut known = known;
    known.sort();
    known.dedup();
    let sources = &project.sources;
    let mut lower_diags = Vec::new();
    let org_model = model::lower::organisation(sources, org_id, &org_tree, &mut lower_diags);
    let lowered = parallel::map_in_order(
        jobs,
        &files,
        |(sop_id, id, ok)| {
            let mut parse_diags = Vec::new();
            let mut lower_diags = Vec::new();
            // A file that could not be read is reported once; lowering it would only
            // add "missing field" noise.
            let sop = parse(sources, *id, *ok, &mut parse_diags).map(|tree| {
                let input = SopInput {
                    id: sop_id.clone(),
                    file: *id,
                    tree: &tree,
                };
                model::lower::sop(sources, &input, &mut lower_diags)
            });
            (sop, parse_diags, lower_diags)
        },
        |_, _| {},
    );
    let mut sops = Vec::with_capacity(lowered.len());
    for (sop, parse_diags, lowered_diags) in lowered {
        sops.extend(sop);
        diags.extend(parse_diags);
        lower_diags.extend(lowered_diags);
    }
    let mut ws = model::lower::workspace(root, org_model, sops, known);
    // A roster cut at its limit would make every SOP citing a dropped role wrong.
    ws.org_broken = org_broken || ws.org.over_limit;
    lower_diags.retain(|d| !(org_unreadable && d.span.file == org_id));
    project.diags.extend(diags);
    project.diags.extend(lower_diags);
    project.workspaces.push(ws);
}
