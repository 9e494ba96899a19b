//! Levels of diagnostic codes: `periksa:` in `organisasi.yaml` (for every SOP of the
//! folder) and in an SOP file (for that SOP, over the folder's) sets a code, or a group
//! of codes such as `sop::mutu`, to `allow` (not reported), `warn` or `deny` (an
//! error). The most specific entry wins, an SOP's before the folder's. An error stays
//! an error: only warnings can be allowed.

use std::sync::OnceLock;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{CodeLevel, Level, Workspace};
use crate::source::FileId;
use crate::suggest;

/// The reference of every code, whose headings give each code and its severity.
const REFERENCE: &str = include_str!("../../docs/diagnostics.md");

/// Every documented code with its severity, from the `#### \`code\` (severity)`
/// headings of docs/diagnostics.md.
pub fn codes() -> &'static [(String, Severity)] {
    static CODES: OnceLock<Vec<(String, Severity)>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut out = Vec::new();
        for line in REFERENCE.lines() {
            let Some(heading) = line.strip_prefix("#### ") else {
                continue;
            };
            let severity = if heading.ends_with("(error)") {
                Severity::Error
            } else if heading.ends_with("(warning)") {
                Severity::Warning
            } else {
                continue;
            };
            for (i, part) in heading.split('`').enumerate() {
                if i % 2 == 1 && part.starts_with("sop::") {
                    out.push((part.to_string(), severity));
                }
            }
        }
        out
    })
}

/// True when `entry` names `code` or a group holding it.
fn covers(entry: &str, code: &str) -> bool {
    code == entry
        || code
            .strip_prefix(entry)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// `periksa:` entries naming no known code or group, or allowing an error, are reported.
pub fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let all = ws
        .org
        .levels
        .iter()
        .chain(ws.sops.iter().flat_map(|s| &s.levels));
    for entry in all {
        let code = entry.code.value.as_str();
        if let Some((_, severity)) = codes().iter().find(|(c, _)| c == code) {
            if *severity == Severity::Error && entry.level.value != Level::Deny {
                out.push(
                    Diagnostic::warning(
                        "sop::periksa::error-code",
                        format!("`{code}` is an error; it cannot be allowed or made a warning"),
                        entry.level.span,
                    )
                    .label("not applied")
                    .help(
                        "fix the problem it reports; only warnings can be set to `allow` or `warn`",
                    ),
                );
            }
            continue;
        }
        if codes().iter().any(|(c, _)| covers(code, c)) {
            continue;
        }
        let hint = suggest::did_you_mean(code, codes().iter().map(|(c, _)| c.as_str()));
        out.push(
            Diagnostic::warning(
                "sop::periksa::unknown-code",
                format!("no diagnostic has the code `{code}`"),
                entry.code.span,
            )
            .label("unknown code")
            .help(hint.unwrap_or_else(|| {
                "write a code as `sopc check` prints it, e.g. `sop::mutu::missing-waktu`, or a group of codes such as `sop::mutu`".into()
            })),
        );
    }
}

/// The entry of `levels` that decides `code`: the longest that covers it.
fn decide<'a>(levels: &'a [CodeLevel], code: &str) -> Option<&'a CodeLevel> {
    levels
        .iter()
        .filter(|l| covers(&l.code.value, code))
        .max_by_key(|l| l.code.value.len())
}

/// The level set for a diagnostic of `code` in `file`, if any.
fn level(workspaces: &[Workspace], file: FileId, code: &str) -> Option<Level> {
    for ws in workspaces {
        if let Some(sop) = ws.sops.iter().find(|s| s.file == file) {
            return decide(&sop.levels, code)
                .or_else(|| decide(&ws.org.levels, code))
                .map(|l| l.level.value);
        }
        if ws.org.file == file {
            return decide(&ws.org.levels, code).map(|l| l.level.value);
        }
    }
    None
}

/// Applies the levels of `periksa:` to the diagnostics of the workspaces: allowed
/// warnings are dropped, denied ones become errors. Returns how many were allowed.
pub fn apply(workspaces: &[Workspace], diags: &mut Diagnostics) -> usize {
    if workspaces
        .iter()
        .all(|w| w.org.levels.is_empty() && w.sops.iter().all(|s| s.levels.is_empty()))
    {
        return 0;
    }
    let mut allowed = 0;
    diags.filter_map(|mut d| {
        if d.is_error() {
            return Some(d);
        }
        match level(workspaces, d.span.file, d.code) {
            Some(Level::Allow) => {
                allowed += 1;
                None
            }
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                Some(d)
            }
            Some(Level::Warn) | None => Some(d),
        }
    });
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_gives_codes_and_severities() {
        let find = |c: &str| codes().iter().find(|(x, _)| x == c).map(|(_, s)| *s);
        assert_eq!(find("sop::flow::unreachable"), Some(Severity::Error));
        assert_eq!(find("sop::mutu::missing-waktu"), Some(Severity::Warning));
        assert_eq!(find("sop::mutu::missing-output"), Some(Severity::Warning));
        assert!(codes().len() > 50, "{}", codes().len());
    }

    #[test]
    fn a_group_covers_its_codes_only() {
        assert!(covers("sop::mutu", "sop::mutu::missing-waktu"));
        assert!(covers(
            "sop::mutu::missing-waktu",
            "sop::mutu::missing-waktu"
        ));
        assert!(!covers("sop::mut", "sop::mutu::missing-waktu"));
        assert!(!covers(
            &format!("{}::miss", "sop::mutu"),
            "sop::mutu::missing-waktu"
        ));
    }
}
