//! The baseline: the known diagnostics of a repository, accepted so that
//! `sopc check --baseline FILE` fails only on new ones. `--write-baseline FILE` writes
//! it from the diagnostics of the run.
//!
//! A diagnostic is known by its file (relative to the baseline's folder, so the
//! baseline holds wherever the command is run from), its code and its message, not by
//! its line: editing a file above a known problem does not make it new. The same
//! problem found more often than the baseline counts it is new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::diag::Diagnostics;
use crate::source::SourceMap;

/// Version of the baseline file.
const VERSION: u32 = 1;

/// One accepted diagnostic, with how many times it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the baseline's folder, with `/` between names.
    pub file: String,
    /// The code.
    pub code: String,
    /// The message.
    pub message: String,
    /// How many diagnostics with this file, code and message are accepted.
    pub count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    accepted: Vec<Entry>,
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

/// `path` relative to `base` (both absolute), with `/` between names.
fn relative(path: &Path, base: &Path) -> String {
    let path: Vec<_> = path.components().collect();
    let base: Vec<_> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); base.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The folder the baseline's paths are relative to.
fn folder(baseline: &Path) -> PathBuf {
    let parent = baseline.parent().unwrap_or(Path::new(""));
    absolute(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    })
}

/// Counts the diagnostics by file, code and message.
fn counts(sources: &SourceMap, diags: &Diagnostics, base: &Path) -> BTreeMap<Entry, usize> {
    let mut files = BTreeMap::new();
    let mut out = BTreeMap::new();
    for d in diags.iter() {
        let file = files
            .entry(d.span.file)
            .or_insert_with(|| relative(&absolute(&sources.get(d.span.file).path), base))
            .clone();
        let key = Entry {
            file,
            code: d.code.to_string(),
            message: d.message.clone(),
            count: 0,
        };
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// Writes every diagnostic of the run to `path` as the baseline; returns how many.
pub fn write(path: &Path, sources: &SourceMap, diags: &Diagnostics) -> Result<usize> {
    let accepted: Vec<Entry> = counts(sources, diags, &folder(path))
        .into_iter()
        .map(|(e, n)| Entry { count: n, ..e })
        .collect();
    let mut text = serde_json::to_string_pretty(&File {
        version: VERSION,
        accepted,
    })?;
    text.push('\n');
    crate::output::write_atomic(path, text.as_bytes())
        .with_context(|| format!("cannot write the baseline `{}`", path.display()))?;
    Ok(diags.len())
}

/// What the baseline did: entries that no diagnostic matched any more.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Accepted diagnostics that were not found (fixed, or reworded).
    pub stale: usize,
}

/// Leaves out the diagnostics the baseline at `path` accepts (counted in
/// `diags.baselined`).
pub fn apply(path: &Path, sources: &SourceMap, diags: &mut Diagnostics) -> Result<Outcome> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the baseline `{}`", path.display()))?;
    let file: File = serde_json::from_str(&text).with_context(|| {
        format!(
            "`{}` is not a baseline written by `sopc check --write-baseline`",
            path.display()
        )
    })?;
    if file.version != VERSION {
        bail!(
            "`{}` is a baseline of version {}; this sopc reads version {VERSION}",
            path.display(),
            file.version
        );
    }
    let base = folder(path);
    let mut left: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for e in file.accepted {
        *left.entry((e.file, e.code, e.message)).or_insert(0) += e.count;
    }
    let mut files = BTreeMap::new();
    let mut accepted = 0;
    diags.filter_map(|d| {
        let file = files
            .entry(d.span.file)
            .or_insert_with(|| relative(&absolute(&sources.get(d.span.file).path), &base))
            .clone();
        match left.get_mut(&(file, d.code.to_string(), d.message.clone())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                accepted += 1;
                None
            }
            _ => Some(d),
        }
    });
    diags.baselined += accepted;
    Ok(Outcome {
        stale: left.values().sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn paths_are_relative_to_the_baseline() {
        assert_eq!(
            relative(Path::new("/r/sops/a.yaml"), Path::new("/r")),
            "sops/a.yaml"
        );
        assert_eq!(
            relative(Path::new("/r/sops/a.yaml"), Path::new("/r/ci")),
            "../sops/a.yaml"
        );
    }
}
