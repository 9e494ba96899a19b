//! The failing corpus: every case in `tests/fail/` is checked by the real binary.
//!
//! A case is either one SOP file `tests/fail/<case>.yaml`, checked with the shared
//! `tests/fail/organisasi.yaml`, or a folder `tests/fail/<case>/` with its own
//! `organisasi.yaml` and SOP files. Each YAML file states what must be reported in it,
//! in order, one line per diagnostic:
//!
//! ```text
//! # expect: error sop::flow::unreachable "Menandatangani surat"
//! ```
//!
//! that is the severity, the code and the exact text under the primary label (a JSON
//! string, so `"\t"` and `"\""` work). The run must report exactly these, in this
//! order (files in the order they are loaded: `organisasi.yaml`, then the SOP files by
//! name), each with a label and a help line, and at the line and column that its byte
//! offset gives. The miette output (no colour, 80 columns) must equal `<case>.stderr`;
//! `BLESS=1 cargo test --test fail` rewrites those files. `CASE=<part of a name>` runs
//! only the matching cases.

#[path = "support/bless.rs"]
mod bless;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SOPC: &str = env!("CARGO_BIN_EXE_sopc");

/// Codes that no case in `tests/fail/` shows, and why.
const NO_CASE: &[(&str, &str)] = &[
    (
        "sop::file::image",
        "tested in tests/hostile/ (an image file is needed)",
    ),
    ("sop::file::not-found", "tested in tests/hostile/"),
    (
        "sop::file::outside-folder",
        "tested in tests/hostile/ (paths outside the folder)",
    ),
    (
        "sop::file::unreadable",
        "tested in src/logo.rs (needs a folder or FIFO in place of a file)",
    ),
    (
        "sop::layout::label-too-wide",
        "reported by `sopc build` while laying out, tested in the layout tests",
    ),
    (
        "sop::layout::clearance",
        "reported by `sopc build` after laying out; tested in tests/cli.rs (tests/crowded/) and src/layout/flowchart/verify.rs",
    ),
    (
        "sop::layout::no-route",
        "reported by `sopc build` while laying out, tested in the layout tests",
    ),
    (
        "sop::limit::diagnostics",
        "tested in tests/hostile/ and src/diag.rs (needs 200 problems)",
    ),
    (
        "sop::limit::items",
        "tested in tests/hostile/ (needs lists over the limit)",
    ),
    ("sop::limit::lanes", "tested in tests/hostile/"),
    (
        "sop::yaml::alias-order",
        "reported by `sopc fmt`, not the check; tested in src/canonical/mod.rs and tests/authoring.rs",
    ),
    (
        "sop::limit::roles",
        "tested in tests/hostile/ (needs 500 roles)",
    ),
    (
        "sop::limit::steps",
        "tested in tests/hostile/ (needs 200 steps)",
    ),
    (
        "sop::limit::text",
        "tested in tests/hostile/ (needs 5,000 characters)",
    ),
    (
        "sop::file::too-large",
        "tests/cli.rs writes a file over the limit at run time",
    ),
    (
        "sop::layout::too-tall",
        "reported by `sopc build` while laying out, never by `sopc check`",
    ),
    (
        "sop::buku::missing",
        "reported by `sopc buku` only, tested in tests/book.rs",
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fail_dir() -> PathBuf {
    root().join("tests/fail")
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Expect {
    severity: String,
    code: String,
    text: String,
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.severity,
            self.code,
            serde_json::to_string(&self.text).unwrap_or_default()
        )
    }
}

struct Case {
    name: String,
    /// The path given to `sopc check`, relative to the crate root.
    arg: String,
    /// The case's files in load order, relative to the crate root.
    files: Vec<String>,
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// The cases selected by `CASE` (all when it is not set).
fn cases() -> Vec<Case> {
    let mut out = all_cases();
    if let Ok(filter) = std::env::var("CASE") {
        out.retain(|c| c.name.contains(&filter));
    }
    out
}

fn all_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fail_dir())
        .expect("tests/fail exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name")
            .to_string();
        if path.is_dir() {
            let arg = format!("tests/fail/{name}");
            let mut sops: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("readable case folder")
                .map(|e| e.expect("readable entry").path())
                .filter(|p| is_yaml(p) && !p.ends_with("organisasi.yaml"))
                .collect();
            sops.sort();
            let mut files = vec![format!("{arg}/organisasi.yaml")];
            for s in sops {
                let f = s.file_name().and_then(|f| f.to_str()).expect("UTF-8 name");
                files.push(format!("{arg}/{f}"));
            }
            out.push(Case { name, arg, files });
        } else if is_yaml(&path) && name != "organisasi" {
            let arg = format!("tests/fail/{name}.yaml");
            out.push(Case {
                name,
                files: vec![arg.clone()],
                arg,
            });
        }
    }
    out
}

/// The text sopc reads: invalid UTF-8 replaced, a leading byte order mark removed.
fn source_text(file: &str) -> String {
    let bytes = std::fs::read(root().join(file)).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    }
}

fn expectations(file: &str) -> Result<Vec<Expect>, String> {
    let mut out = Vec::new();
    for (i, line) in source_text(file).lines().enumerate() {
        let Some(rest) = line.strip_prefix("# expect:") else {
            continue;
        };
        let bad = || format!("{file}:{}: cannot read `{line}`", i + 1);
        let mut parts = rest.trim().splitn(3, ' ');
        let severity = parts.next().ok_or_else(bad)?.to_string();
        let code = parts.next().ok_or_else(bad)?.to_string();
        let text: String = serde_json::from_str(parts.next().ok_or_else(bad)?.trim())
            .map_err(|e| format!("{}: {e}", bad()))?;
        if severity != "error" && severity != "warning" {
            return Err(bad());
        }
        out.push(Expect {
            severity,
            code,
            text,
        });
    }
    Ok(out)
}

/// 1-based line and column (in characters) of a byte offset, counted here rather than
/// trusted from sopc.
fn line_col(text: &str, offset: usize) -> Option<(u64, u64)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line as u64, col as u64))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(SOPC)
        .current_dir(root())
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .output()
        .expect("sopc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Checks one case; `Err` says everything that is wrong with it.
fn check_case(case: &Case, bless: bool) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut expected = Vec::new();
    for f in &case.files {
        match expectations(f) {
            Ok(e) => expected.extend(e.into_iter().map(|e| (f.clone(), e))),
            Err(e) => problems.push(e),
        }
    }
    if expected.is_empty() {
        problems.push("no `# expect:` line: a failing case must expect something".into());
    }

    let (code, stdout, _) = run(&["check", "--format", "json", &case.arg]);
    let json: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("`sopc check --format json` printed no JSON ({e}):\n{stdout}"))?;
    let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
    let mut actual = Vec::new();
    for d in &diags {
        let file = d["file"].as_str().unwrap_or_default().to_string();
        let text = source_text(&file);
        let offset = d["span"]["offset"].as_u64().unwrap_or(0) as usize;
        let length = d["span"]["length"].as_u64().unwrap_or(0) as usize;
        let under = text.get(offset..offset + length);
        let e = Expect {
            severity: d["severity"].as_str().unwrap_or_default().to_string(),
            code: d["code"].as_str().unwrap_or_default().to_string(),
            text: under
                .unwrap_or("<not a char range of the file>")
                .to_string(),
        };
        let at = (d["line"].as_u64(), d["column"].as_u64());
        match line_col(&text, offset) {
            Some((l, c)) if at == (Some(l), Some(c)) => {}
            other => problems.push(format!(
                "{file}: {e}: reported at {:?}:{:?}, but byte offset {offset} is at {other:?}",
                at.0, at.1
            )),
        }
        if d["label"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{file}: {e}: no label text"));
        }
        if d["help"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{file}: {e}: no help line"));
        }
        actual.push((file, e));
    }
    if actual != expected {
        let show = |list: &[(String, Expect)]| {
            list.iter()
                .map(|(f, e)| format!("{f}: {e}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        problems.push(format!(
            "reported diagnostics differ from the `# expect:` lines (- expected, + reported):\n{}",
            diff(&show(&expected), &show(&actual))
        ));
    }
    let errors = expected.iter().any(|(_, e)| e.severity == "error");
    if code != i32::from(errors) {
        problems.push(format!("exit code {code}, expected {}", i32::from(errors)));
    }

    let (human_code, _, stderr) = run(&["check", &case.arg]);
    if human_code != code {
        problems.push(format!(
            "exit code {human_code} with --format human, {code} with --format json"
        ));
    }
    let golden = fail_dir().join(format!("{}.stderr", case.name));
    if bless {
        std::fs::write(&golden, &stderr).map_err(|e| format!("writing {golden:?}: {e}"))?;
    } else {
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == stderr => {}
            Ok(want) => problems.push(format!(
                "stderr differs from {} (- expected, + actual):\n{}",
                golden.display(),
                diff(&want, &stderr)
            )),
            Err(_) => problems.push(format!(
                "no {}: run `BLESS=1 cargo test --test fail`",
                golden.display()
            )),
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn every_case_reports_what_it_expects() {
    let bless = bless::bless();
    let cases = cases();
    assert!(!cases.is_empty(), "no cases in tests/fail");
    let mut failures = String::new();
    for case in &cases {
        if let Err(e) = check_case(case, bless) {
            let _ = writeln!(failures, "\n=== {} ({})\n{e}", case.name, case.arg);
        }
    }
    assert!(
        failures.is_empty(),
        "{failures}\n(to accept new stderr output: BLESS=1 cargo test --test fail)"
    );
}

#[test]
fn no_stale_golden_files() {
    let names: BTreeSet<String> = all_cases().into_iter().map(|c| c.name).collect();
    let mut stale = Vec::new();
    for e in std::fs::read_dir(fail_dir()).expect("tests/fail exists") {
        let p = e.expect("readable entry").path();
        if p.extension().is_some_and(|x| x == "stderr") {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if !names.contains(stem) {
                stale.push(p.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "golden files without a case: {stale:?}");
}

/// `#### \`code\` (severity)` headings of docs/diagnostics.md, one or more codes each.
fn documented() -> BTreeMap<String, String> {
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in docs.lines() {
        let Some(heading) = line.strip_prefix("#### ") else {
            continue;
        };
        let severity = if heading.ends_with("(error)") {
            "error"
        } else if heading.ends_with("(warning)") {
            "warning"
        } else {
            continue;
        };
        for (i, part) in heading.split('`').enumerate() {
            if i % 2 == 1 {
                out.insert(part.to_string(), severity.to_string());
            }
        }
    }
    out
}

/// docs/diagnostics.md has a section for every code, and the severity it gives is the
/// one the cases show.
#[test]
fn every_code_is_documented_with_its_severity() {
    let docs = documented();
    let missing: Vec<String> = src_codes()
        .into_iter()
        .filter(|c| !docs.contains_key(c))
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/diagnostics.md: {missing:?}"
    );
    for case in all_cases() {
        // A case that sets levels of codes (`periksa:`) shows them changed.
        if case
            .files
            .iter()
            .any(|f| source_text(f).contains("\nperiksa:"))
        {
            continue;
        }
        for f in &case.files {
            for e in expectations(f).unwrap_or_default() {
                assert_eq!(
                    docs.get(&e.code),
                    Some(&e.severity),
                    "{f}: docs/diagnostics.md gives {} another severity",
                    e.code
                );
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder") {
        let p = e.expect("readable entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `"sop::<area>::<problem>"` code written in `src/`.
fn src_codes() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut codes = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, _) in text.match_indices("\"sop::") {
            let rest = &text[i + 1..];
            let end = rest.find('"').unwrap_or(0);
            let code = &rest[..end];
            if code.matches("::").count() == 2
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == ':' || c == '-')
            {
                codes.insert(code.to_string());
            }
        }
    }
    codes
}

/// Every code in `src/` is shown by some case, so a new check cannot land without one.
#[test]
fn every_code_in_src_has_a_case() {
    let codes = src_codes();
    assert!(codes.len() > 20, "found only {codes:?}");
    let mut expected = Vec::new();
    for c in all_cases() {
        for f in &c.files {
            expected.extend(expectations(f).unwrap_or_default());
        }
    }
    let shown: BTreeSet<String> = expected.into_iter().map(|e| e.code).collect();
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !shown.contains(*c) && !NO_CASE.iter().any(|(t, _)| t == c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes with no case in tests/fail: {missing:?}"
    );
    let unknown: Vec<&String> = shown.iter().filter(|c| !codes.contains(*c)).collect();
    assert!(
        unknown.is_empty(),
        "cases expect codes that src/ does not emit: {unknown:?}"
    );
}

/// A line diff (longest common subsequence) with two lines of context.
fn diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.lines().collect();
    let b: Vec<&str> = got.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    let changed: Vec<bool> = ops.iter().map(|(k, _)| *k != ' ').collect();
    let near = |k: usize| {
        let lo = k.saturating_sub(2);
        let hi = (k + 3).min(ops.len());
        changed[lo..hi].iter().any(|&c| c)
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (kind, line)) in ops.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("   ...\n");
                skipped = false;
            }
            let _ = writeln!(out, "{kind}  {line}");
        } else {
            skipped = true;
        }
    }
    if want.ends_with('\n') != got.ends_with('\n') {
        out.push_str("   (the files differ in their final newline)\n");
    }
    out
}

#[test]
fn bless_is_only_1() {
    assert_eq!(bless::parse(None), Ok(false));
    assert_eq!(bless::parse(Some("")), Ok(false));
    assert_eq!(bless::parse(Some("0")), Ok(false));
    assert_eq!(bless::parse(Some("1")), Ok(true));
    assert!(bless::parse(Some("yes")).is_err());
    assert!(bless::parse(Some("false")).is_err());
}
