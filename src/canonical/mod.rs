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
use crate::source::{SourceFile, SourceMap};
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
        let (sm, tree) = parse(name, &cur)?;
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
