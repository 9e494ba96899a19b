//! `sopc fmt`: SOP files and `organisasi.yaml` in canonical form, keeping every
//! comment.
//!
//! The YAML library cannot write YAML back with its comments, so the rewrite works on
//! the text with the spans of the parsed tree ([`crate::syntax`]):
//!
//! 1. [`reorder`]: keys in the order of [`crate::model::shape`] (the order of the
//!    official document), moving whole lines: an entry takes along the comments right
//!    above its key and every line of its value. One-line flow collections get canonical
//!    spacing. One collection is fixed at a time, and the file is parsed again after
//!    each fix, until none is left.
//! 2. [`tidy`]: the line style (line ends, trailing white space, blank lines).
//! 3. A safety check: the result is parsed and must hold the same data as the input,
//!    key for key and value for value (order of mapping keys aside). When it does not,
//!    the file is left as it is and the problem is reported. A second run changes
//!    nothing.

pub mod diff;
pub mod lines;
pub mod reorder;
pub mod tidy;

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{Config, EXIT_ERRORS, EXIT_OK};
use crate::diag::{self, Diagnostic};
use crate::load;
use crate::model::ORGANISATION_FILE;
use crate::model::shape::{self, MapShape};
use crate::output;
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{self, Node, Value};

/// Why a file could not be put in canonical form.
#[derive(Debug)]
pub enum FmtError {
    /// The file is not valid YAML (or breaks a limit).
    Syntax(Box<Diagnostic>),
    /// The rewrite would have changed the data; the file is left as it is.
    Unsafe(String),
}

/// The same data: equal scalars (as written, for numbers and booleans), equal
/// sequences, and mappings with the same keys holding the same values.
fn same(a: &Node, fa: &SourceFile, b: &Node, fb: &SourceFile) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    let key = k.key_text(fa);
                    y.iter()
                        .any(|(k2, v2)| k2.key_text(fb) == key && same(v, fa, v2, fb))
                })
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, fa, q, fb))
        }
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Null, Value::Null) => true,
        (Value::Bool(_) | Value::Int(_) | Value::Float(_), _) => {
            std::mem::discriminant(&a.value) == std::mem::discriminant(&b.value)
                && a.scalar_text(fa) == b.scalar_text(fb)
        }
        _ => false,
    }
}

fn parse(name: &str, text: &str) -> Result<(SourceMap, Node), FmtError> {
    let mut sm = SourceMap::new();
    let id = sm.add(name, text);
    let tree = syntax::parse(id, sm.get(id)).map_err(FmtError::Syntax)?;
    Ok((sm, tree))
}

/// The canonical form of a file's text; `root` is the shape of the file
/// ([`shape::SOP`] or [`shape::ORGANISATION`]).
pub fn canonical(name: &str, text: &str, root: &'static MapShape) -> Result<String, FmtError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let original = parse(name, text)?;
    let mut cur = text.replace("\r\n", "\n");
    // Each fix puts one collection in canonical form and leaves the others as they
    // are, so there are at most as many rounds as collections.
    let mut rounds = 0;
    loop {
        let (sm, tree) = match parse(name, &cur) {
            Ok(parsed) => parsed,
            // The input parsed, so a moved key broke the text: the error is about the
            // rewrite, and its place is in the rewrite, not in the file.
            Err(FmtError::Syntax(d)) => return Err(rewrite_error(name, text, &cur, &d)),
            Err(e) => return Err(e),
        };
        let file = sm.files().next().map(|(_, f)| f);
        let Some(file) = file else { break };
        let Some(edit) = reorder::first_edit(file, &tree, root) else {
            break;
        };
        rounds += 1;
        if rounds > 10_000 {
            return Err(FmtError::Unsafe("the rewrite did not settle".into()));
        }
        cur.replace_range(edit.start..edit.end, &edit.text);
    }
    let check = |candidate: &str| -> Result<(), FmtError> {
        let (sm, tree) = parse(name, candidate).map_err(|e| match e {
            FmtError::Syntax(d) => FmtError::Unsafe(format!(
                "the rewrite would not be valid YAML ({})",
                d.message
            )),
            other => other,
        })?;
        let (osm, otree) = &original;
        let same_data = match (sm.files().next(), osm.files().next()) {
            (Some((_, f)), Some((_, of))) => same(&tree, f, otree, of),
            _ => false,
        };
        if same_data {
            Ok(())
        } else {
            Err(FmtError::Unsafe(
                "the rewrite would change the data; please reorder this file by hand".into(),
            ))
        }
    };
    check(&cur)?;
    let (sm, tree) = parse(name, &cur)?;
    let tidied = match sm.files().next() {
        Some((_, f)) => tidy::tidy(f, &tree),
        None => cur.clone(),
    };
    // The line style never changes data by design; should a file prove otherwise,
    // keep the reordered text.
    Ok(if check(&tidied).is_ok() { tidied } else { cur })
}

/// Why a rewrite of `text` that made `rewritten` does not parse, as a diagnostic placed
/// in `text`. YAML reads an alias (`*nama`) only after its anchor (`&nama`), so moving a
/// key that holds an alias above the one holding its anchor breaks the file: that is
/// reported at the alias and the anchor as written. Anything else has no place in the
/// file to show.
fn rewrite_error(name: &str, text: &str, rewritten: &str, d: &Diagnostic) -> FmtError {
    let at = (d.span.start as usize).min(rewritten.len());
    let alias: String = rewritten[at..]
        .strip_prefix('*')
        .unwrap_or_default()
        .chars()
        .take_while(|&c| !c.is_whitespace() && !",[]{}".contains(c))
        .collect();
    let mut sm = SourceMap::new();
    let file = sm.add(name, text);
    // Of the alias's places in the file, the one on the line that moved.
    let line_of = |s: &str, i: usize| -> String {
        let start = s[..i].rfind(['\n', '\r']).map_or(0, |l| l + 1);
        let end = s[i..].find(['\n', '\r']).map_or(s.len(), |e| i + e);
        s[start..end].trim().to_string()
    };
    let moved = line_of(rewritten, at);
    let places = if alias.is_empty() {
        Vec::new()
    } else {
        anchor_tokens(text, '*', &alias)
    };
    let used = places
        .iter()
        .copied()
        .find(|&i| line_of(text, i) == moved)
        .or_else(|| places.first().copied());
    let Some(used) = used else {
        return FmtError::Unsafe(format!(
            "the rewrite would not be valid YAML ({})",
            d.message
        ));
    };
    let token = |start: usize| Span::new(file, start, start + 1 + alias.len());
    let mut diag = Diagnostic::error(
        "sop::yaml::alias-order",
        format!("canonical order would put the alias `*{alias}` before its anchor `&{alias}`"),
        token(used),
    )
    .label("would move above its anchor")
    .help(format!(
        "write the value out in place of `*{alias}` (and remove `&{alias}`), or move the anchor to the first key in canonical order; then run sopc fmt again"
    ));
    if let Some(&defined) = anchor_tokens(text, '&', &alias).first() {
        diag = diag.with(token(defined), "its anchor");
    }
    FmtError::Syntax(Box::new(diag))
}

/// The byte offsets of the `&name` (anchor) or `*name` (alias) tokens of `text`, as
/// YAML reads one: after a blank or a flow indicator, ending at a blank, a flow
/// indicator or the end; not in a comment or a quoted text of its line.
fn anchor_tokens(text: &str, sigil: char, name: &str) -> Vec<usize> {
    let token = format!("{sigil}{name}");
    text.match_indices(&token)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + token.len()..].chars().next();
            let line = &text[text[..i].rfind(['\n', '\r']).map_or(0, |l| l + 1)..i];
            before.is_none_or(|c| c.is_whitespace() || "[{,".contains(c))
                && after.is_none_or(|c| c.is_whitespace() || ",]}".contains(c))
                && !line.starts_with('#')
                && !line.contains(" #")
                && line.matches('"').count() % 2 == 0
                && line.matches('\'').count() % 2 == 0
        })
        .collect()
}

/// The shape of a file, from its name.
pub fn shape_of(path: &Path) -> &'static MapShape {
    if path.file_name().and_then(|n| n.to_str()) == Some(ORGANISATION_FILE) {
        &shape::ORGANISATION
    } else {
        &shape::SOP
    }
}

/// The files `sopc fmt` works on: a folder means its SOP files and its
/// `organisasi.yaml`; a file means itself.
pub fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("reading `{}`", p.display()))?;
        if meta.is_dir() {
            let org = p.join(ORGANISATION_FILE);
            if org.is_file() {
                out.push(org);
            }
            let groups = load::group_paths(std::slice::from_ref(p))?;
            out.extend(groups.into_values().flatten());
        } else {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name != ORGANISATION_FILE && !load::is_sop_file(p) {
                anyhow::bail!(
                    "`{}` is not an SOP file (expected a .yaml file or a folder)",
                    p.display()
                );
            }
            out.push(p.clone());
        }
    }
    out.dedup();
    Ok(out)
}

/// Checked settings of `sopc fmt`.
#[derive(Debug, Clone)]
pub struct FmtOptions {
    /// Files or folders.
    pub paths: Vec<PathBuf>,
    /// Report instead of rewriting.
    pub check: bool,
}

/// Runs `sopc fmt`: rewrites the files that are not in canonical form, or with
/// `--check` prints what would change. Exit code 1 when a file would change (with
/// `--check`) or could not be formatted.
pub fn run(config: &Config, opts: &FmtOptions) -> anyhow::Result<i32> {
    let mut failed = false;
    let mut changed = 0;
    let mut report = String::new();
    let all = files(&opts.paths)?;
    for path in &all {
        // The rule of every input: a link out of the folder is neither read nor written.
        let root = std::fs::canonicalize(match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        })
        .with_context(|| format!("reading `{}`", path.display()))?;
        if let Err(why) = load::confined(&root, path) {
            crate::say!(
                "error: `{}` was not read: {}",
                path.display(),
                match why {
                    load::Refusal::Outside => "a symbolic link that leads out of the folder",
                    load::Refusal::NotRegular => "not a regular file",
                }
            );
            failed = true;
            continue;
        }
        let bytes = std::fs::read(path).with_context(|| format!("reading `{}`", path.display()))?;
        let name = path.display().to_string();
        let Ok(text) = String::from_utf8(bytes) else {
            crate::say!(
                "error: `{name}` is not valid UTF-8; save it as UTF-8 and run sopc fmt again"
            );
            failed = true;
            continue;
        };
        let new = match canonical(&name, &text, shape_of(path)) {
            Ok(t) => t,
            Err(FmtError::Syntax(d)) => {
                let mut sm = SourceMap::new();
                sm.add(&name, &text);
                let _ = output::stderr()
                    .emit(diag::render_human(&sm, &d, config.color, 100).as_bytes());
                failed = true;
                continue;
            }
            Err(FmtError::Unsafe(why)) => {
                crate::say!("error: `{name}` was left as it is: {why}");
                failed = true;
                continue;
            }
        };
        if new == text {
            continue;
        }
        changed += 1;
        if opts.check {
            report.push_str(&format!("would reformat {name}\n"));
            report.push_str(&diff::diff(&text.replace("\r\n", "\n"), &new));
        } else {
            output::rewrite_in_place(path, new.as_bytes())?;
            if !config.quiet {
                crate::say!("formatted {name}");
            }
        }
    }
    output::print_stdout(&report)?;
    if !config.quiet {
        let verb = if opts.check {
            "would reformat"
        } else {
            "reformatted"
        };
        crate::say!(
            "{verb} {changed} of {} file{}",
            all.len(),
            if all.len() == 1 { "" } else { "s" }
        );
    }
    Ok(if failed || (opts.check && changed > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        canonical("t.yaml", text, &shape::SOP).unwrap()
    }

    #[test]
    fn moves_keys_with_their_comments() {
        let input = "\
# kepala berkas
nama: Contoh
# nomor diisi saat pengesahan
nomor: \"1/2\"   # akhir baris

langkah:
  # langkah pertama
  - kegiatan: Menerima
    # siapa
    pelaksana: a
    waktu: 5 menit
  - { waktu: 1 jam, pelaksana: b,kegiatan: Menutup }
pelaksana: [a,b]
";
        let want = "\
# kepala berkas
# nomor diisi saat pengesahan
nomor: \"1/2\"   # akhir baris

nama: Contoh
pelaksana: [a, b]
langkah:
  # langkah pertama
    # siapa
  - pelaksana: a
    kegiatan: Menerima
    waktu: 5 menit
  - { pelaksana: b, kegiatan: Menutup, waktu: 1 jam }
";
        let got = fmt(input);
        assert_eq!(got, want, "\n{got}");
        assert_eq!(fmt(&got), got);
    }

    #[test]
    fn nested_mappings_and_unknown_keys() {
        let input = "\
tanggal:
  efektif: 2020-01-02
  catatan: x
  pembuatan: 2020-01-02
langkah:
  - pelaksana: a
    kegiatan: Memeriksa
    keputusan:
      tidak: satu
      pertanyaan: Benar?
    id: dua
nomor: x
";
        let want = "\
nomor: x
tanggal:
  pembuatan: 2020-01-02
  efektif: 2020-01-02
  catatan: x
langkah:
  - id: dua
    pelaksana: a
    kegiatan: Memeriksa
    keputusan:
      pertanyaan: Benar?
      tidak: satu
";
        let got = fmt(input);
        assert_eq!(got, want, "\n{got}");
        assert_eq!(fmt(&got), got);
    }

    #[test]
    fn roles_of_the_roster_keep_their_order_and_get_theirs() {
        let input = "pelaksana:\n  zeta: { singkatan: Z, jabatan: Zeta }\n  alfa: {eksternal: true,jabatan: Alfa}\npemerintah: X\n";
        let want = "pemerintah: X\npelaksana:\n  zeta: { jabatan: Zeta, singkatan: Z }\n  alfa: { jabatan: Alfa, eksternal: true }\n";
        let got = canonical("organisasi.yaml", input, &shape::ORGANISATION).unwrap();
        assert_eq!(got, want);
    }

    #[test]
    fn block_scalars_move_whole() {
        let input = "nama: >-\n  Satu\n\n  dua  \nnomor: |\n  a\n\n\n  b\n";
        let got = fmt(input);
        assert_eq!(got, "nomor: |\n  a\n\n\n  b\nnama: >-\n  Satu\n\n  dua  \n");
        assert_eq!(fmt(&got), got);
    }

    #[test]
    fn syntax_errors_are_reported_not_rewritten() {
        assert!(matches!(
            canonical("t.yaml", "nama: \"open\n", &shape::SOP),
            Err(FmtError::Syntax(_))
        ));
    }

    /// The alias error of a rewrite, with the text under its primary and its other
    /// label, and the line of the primary one.
    fn alias_error(text: &str) -> (String, Vec<String>, usize) {
        let Err(FmtError::Syntax(d)) = canonical("t.yaml", text, &shape::SOP) else {
            panic!("no syntax error");
        };
        assert_eq!(d.code, "sop::yaml::alias-order", "{d:?}");
        let at = |s: Span| text[s.start as usize..s.end as usize].to_string();
        let line = text[..d.span.start as usize].matches('\n').count() + 1;
        (
            at(d.span),
            d.others.iter().map(|o| at(o.span)).collect(),
            line,
        )
    }

    // An alias that canonical order would move above its anchor is reported at the
    // alias and the anchor as written, never at a line of the rewrite (issue 14, item
    // 11).
    #[test]
    fn an_alias_moved_above_its_anchor_is_shown_where_it_is() {
        let block = "\
nomor: \"1\"
langkah:
  - pelaksana: a
    kelengkapan: [&berkas Berkas masuk]
masukan: [*berkas]
";
        assert_eq!(
            alias_error(block),
            ("*berkas".into(), vec!["&berkas".into()], 5)
        );
        // In one flow mapping; and an earlier alias of the same anchor that stays
        // below it is not the one shown.
        let flow = "\
nomor: \"1\"
catatan: *o
langkah:
  - { output: &o Hasil, kelengkapan: [*o] }
";
        let text = flow.replace("catatan: *o\n", "");
        assert_eq!(alias_error(&text), ("*o".into(), vec!["&o".into()], 3));
        let late = "\
nomor: \"1\"
langkah:
  - pelaksana: a
    output: &o Hasil
    catatan: *o
    kelengkapan: [*o]
";
        assert_eq!(alias_error(late), ("*o".into(), vec!["&o".into()], 6));
        // An alias in a comment or in quotes is not taken for one.
        let quoted = "\
nomor: \"1\" # *berkas
langkah:
  - { kegiatan: \"*berkas\", pelaksana: a }
  - pelaksana: a
    kelengkapan: [&berkas Berkas masuk]
masukan: [*berkas]
";
        assert_eq!(alias_error(quoted).2, 6);
        // Aliases that stay below their anchors are kept and formatted.
        let fine = "nomor: &n \"1\"\nnama: *n\n";
        assert_eq!(fmt(fine), fine);
    }

    #[test]
    fn same_ignores_key_order_only() {
        let (sa, a) = parse("a", "x: 1\ny: [a, b]\n").unwrap();
        let (sb, b) = parse("b", "y: [a, b]\nx: 1\n").unwrap();
        let (sc, c) = parse("c", "y: [b, a]\nx: 1\n").unwrap();
        let f = |sm: &SourceMap| sm.files().next().unwrap().1.clone();
        assert!(same(&a, &f(&sa), &b, &f(&sb)));
        assert!(!same(&a, &f(&sa), &c, &f(&sc)));
    }
}
