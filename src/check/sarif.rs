//! Diagnostics for CI: SARIF 2.1.0 (`--format sarif`, for code scanning) and the
//! summary table of `--format github` (`$GITHUB_STEP_SUMMARY`). File paths are relative
//! to the root of the repository the command runs in (the nearest folder up from the
//! working directory holding `.git`), as code scanning and annotations expect; outside
//! a repository, as shown.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::{FileId, SourceMap, Span};

/// The root of the repository holding the working directory, if any.
pub fn repository_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The path of `file` as CI tools show it: relative to `root` when inside it, with
/// `/` between names.
pub fn ci_path(sources: &SourceMap, file: FileId, root: Option<&Path>) -> String {
    let f = sources.get(file);
    let relative = root.and_then(|root| {
        let abs = std::fs::canonicalize(&f.path).ok()?;
        abs.strip_prefix(root).ok().map(Path::to_path_buf)
    });
    match relative {
        Some(p) => p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        None => f.name.replace('\\', "/"),
    }
}

/// A relative path as a URI reference: characters outside the unreserved and path
/// ones percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn location(sources: &SourceMap, span: Span, root: Option<&Path>) -> Value {
    let f = sources.get(span.file);
    let (line, column) = f.line_col(span.start as usize);
    let (end_line, end_column) = f.line_col(span.end as usize);
    // SARIF regions are not empty-ended before they start; a mark of no width keeps its
    // start.
    let (end_line, end_column) = if (end_line, end_column) < (line, column) {
        (line, column)
    } else {
        (end_line, end_column)
    };
    let path = ci_path(sources, span.file, root);
    let mut artifact = json!({ "uri": uri(&path) });
    if path.starts_with('/') {
        artifact["uri"] = json!(format!("file://{}", uri(&path)));
    } else if root.is_some() {
        artifact["uriBaseId"] = json!("SRCROOT");
    }
    json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
            }
        }
    })
}

fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    }
}

/// The SARIF 2.1.0 log of a run.
pub fn log(sources: &SourceMap, diags: &Diagnostics, root: Option<&Path>) -> Value {
    // One rule per code reported, in code order; results refer to them by index.
    let mut rules: BTreeMap<&str, Severity> = BTreeMap::new();
    for d in diags.iter() {
        let s = rules.entry(d.code).or_insert(d.severity);
        *s = (*s).min(d.severity);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let documented = crate::check::levels::codes();
    let rules: Vec<Value> = rules
        .iter()
        .map(|(code, severity)| {
            let default = documented
                .iter()
                .find(|(c, _)| c == code)
                .map_or(*severity, |(_, s)| *s);
            json!({
                "id": code,
                "name": code,
                "shortDescription": { "text": code },
                "defaultConfiguration": { "level": level(default) },
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut r = json!({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": level(d.severity),
                "message": { "text": message(d) },
                "locations": [location(sources, d.span, root)],
            });
            if !d.others.is_empty() {
                r["relatedLocations"] = Value::Array(
                    d.others
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let mut l = location(sources, o.span, root);
                            l["id"] = json!(i);
                            l["message"] = json!({ "text": o.text });
                            l
                        })
                        .collect(),
                );
            }
            r
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "sopc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = root {
        let mut base = root.to_string_lossy().replace('\\', "/");
        if !base.ends_with('/') {
            base.push('/');
        }
        if !base.starts_with('/') {
            base.insert(0, '/');
        }
        run["originalUriBaseIds"] =
            json!({ "SRCROOT": { "uri": format!("file://{}", uri(&base)) } });
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

/// The Markdown summary of a run for `$GITHUB_STEP_SUMMARY`: the counts, and a table
/// of the codes reported.
pub fn step_summary(what: &str, diags: &Diagnostics) -> String {
    let mut out = format!(
        "### sopc: {what}\n\n| errors | warnings | allowed by `periksa` | accepted by the baseline |\n| ---: | ---: | ---: | ---: |\n| {} | {} | {} | {} |\n",
        diags.errors(),
        diags.warnings(),
        diags.allowed,
        diags.baselined
    );
    let mut by_code: BTreeMap<(Severity, &str), (usize, std::collections::BTreeSet<FileId>)> =
        BTreeMap::new();
    for d in diags.iter() {
        let e = by_code.entry((d.severity, d.code)).or_default();
        e.0 += 1;
        e.1.insert(d.span.file);
    }
    if !by_code.is_empty() {
        out.push_str("\n| code | severity | count | files |\n| --- | --- | ---: | ---: |\n");
        for ((severity, code), (n, files)) in by_code {
            out.push_str(&format!(
                "| `{code}` | {} | {n} | {} |\n",
                level(severity),
                files.len()
            ));
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_are_uri_references() {
        assert_eq!(uri("sops/surat masuk.yaml"), "sops/surat%20masuk.yaml");
        assert_eq!(uri("sops/é.yaml"), "sops/%C3%A9.yaml");
    }
}
