//! `sopc init`: a new office repository that checks clean, builds, and takes `sopc new`
//! right after; an existing file is never overwritten.

use std::path::Path;
use std::process::{Command, Output};

fn sopc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sopc runs")
}

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    text
}

#[test]
fn init_then_check_build_new_and_fmt() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path();
    ok(&sopc(
        root,
        &[
            "init",
            "kantor",
            "--instansi",
            "Dinas Pendidikan Kabupaten Bangka",
            "--pemerintah",
            "Pemerintah Kabupaten Bangka",
        ],
    ));
    let repo = root.join("kantor");
    for f in [
        "sops/organisasi.yaml",
        "sops/contoh-pelayanan-surat.yaml",
        "sops/sop.schema.json",
        "sops/organisasi.schema.json",
        ".gitignore",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".vscode/tasks.json",
        ".github/workflows/sop.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        "README.md",
    ] {
        assert!(repo.join(f).is_file(), "{f} not written");
    }
    let org = std::fs::read_to_string(repo.join("sops/organisasi.yaml")).unwrap();
    assert!(
        org.contains("pemerintah: \"Pemerintah Kabupaten Bangka\""),
        "{org}"
    );
    assert!(
        org.contains("instansi: \"Dinas Pendidikan Kabupaten Bangka\""),
        "{org}"
    );
    // The schemas are sopc's own.
    let schema = ok(&sopc(&repo, &["schema", "sop"]));
    assert_eq!(
        std::fs::read_to_string(repo.join("sops/sop.schema.json")).unwrap(),
        schema
    );
    // The editor settings and the recommended extension are valid JSON.
    for f in [
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".vscode/tasks.json",
    ] {
        let text = std::fs::read_to_string(repo.join(f)).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).expect(f);
    }

    let out = ok(&sopc(&repo, &["check", "--deny-warnings"]));
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    ok(&sopc(&repo, &["fmt", "--check"]));
    ok(&sopc(&repo, &["new", "Pengelolaan Arsip"]));
    let new = std::fs::read_to_string(repo.join("sops/pengelolaan-arsip.yaml")).unwrap();
    assert!(
        new.starts_with("# yaml-language-server: $schema=sop.schema.json\n"),
        "{new}"
    );
    ok(&sopc(&repo, &["check", "--deny-warnings"]));
    ok(&sopc(&repo, &["build", "-q"]));
    for f in [
        "contoh-pelayanan-surat.pdf",
        "pengelolaan-arsip.pdf",
        "index.html",
    ] {
        assert!(repo.join("dist").join(f).is_file(), "dist/{f} not built");
    }
}

#[test]
fn init_without_pemerintah_checks_clean() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    ok(&sopc(
        tmp.path(),
        &["init", "--instansi", "Badan Pusat Statistik"],
    ));
    let org = std::fs::read_to_string(tmp.path().join("sops/organisasi.yaml")).unwrap();
    assert!(!org.contains("\npemerintah:"), "{org}");
    assert!(org.contains("singkatan: BPS"), "{org}");
    ok(&sopc(tmp.path(), &["check", "--deny-warnings"]));
}

#[test]
fn init_never_overwrites() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path();
    std::fs::write(root.join("README.md"), "ours\n").unwrap();
    let out = sopc(root, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("README.md") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("README.md")).unwrap(),
        "ours\n"
    );
    assert!(
        !root.join("sops").exists(),
        "init wrote files beside an existing one"
    );
}

/// The VS Code tasks that `init` writes run `sopc check` and `sopc build` with
/// `--format short`, and their problem matcher reads every diagnostic line of that
/// output: file, line, column, severity, code and message, as `--format json` gives them.
#[test]
fn the_editor_problem_matcher_reads_every_short_diagnostic() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    ok(&sopc(tmp.path(), &["init", "kantor"]));
    let repo = tmp.path().join("kantor");
    let tasks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join(".vscode/tasks.json")).unwrap())
            .expect("tasks.json is JSON");
    // A misspelled role (an error) and a step without waktu (a warning).
    let sop = repo.join("sops/contoh-pelayanan-surat.yaml");
    let text = std::fs::read_to_string(&sop).unwrap();
    let broken = text.replacen("pelaksana: sekretaris", "pelaksana: sekretariss", 1);
    assert_ne!(broken, text, "the example has a step of the sekretaris");
    let broken = match broken.find("\n    waktu:") {
        Some(at) => {
            let end = broken[at + 1..]
                .find('\n')
                .map_or(broken.len(), |e| at + 1 + e);
            format!("{}{}", &broken[..at], &broken[end..])
        }
        None => panic!("the example has a waktu"),
    };
    std::fs::write(&sop, broken).unwrap();
    let json = sopc(&repo, &["check", "--format", "json", "sops"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let expected: Vec<(String, u64, u64, String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(expected.iter().any(|d| d.3 == "error"), "{expected:?}");
    assert!(expected.iter().any(|d| d.3 == "warning"), "{expected:?}");
    let tasks = tasks["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    for task in tasks {
        let command: Vec<&str> = task["command"].as_str().unwrap().split(' ').collect();
        assert_eq!(command[0], "sopc");
        let out = sopc(&repo, &command[1..]);
        assert_eq!(out.status.code(), Some(1), "{task}");
        let pattern = &task["problemMatcher"]["pattern"];
        let re = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
        let group = |c: &regex::Captures<'_>, k: &str| {
            c.get(pattern[k].as_u64().unwrap() as usize)
                .unwrap()
                .as_str()
                .to_string()
        };
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let found: Vec<(String, u64, u64, String, String, String)> = text
            .lines()
            .filter_map(|l| re.captures(l))
            .map(|c| {
                (
                    group(&c, "file"),
                    group(&c, "line").parse().unwrap(),
                    group(&c, "column").parse().unwrap(),
                    group(&c, "severity"),
                    group(&c, "code"),
                    group(&c, "message"),
                )
            })
            .collect();
        for d in &found {
            assert!(
                repo.join(&d.0).is_file(),
                "{} is not a file of the repository",
                d.0
            );
        }
        if task["command"].as_str().unwrap().contains("check") {
            assert_eq!(found, expected, "{text}");
        } else {
            // `build` stops at the errors of `check`: the same diagnostics.
            for d in &expected {
                assert!(found.contains(d), "{d:?} not matched in:\n{text}");
            }
        }
    }
}

/// `sopc schema --check` passes on the schemas `init` wrote, fails (exit 1, naming the
/// file) on a stale or missing one, and `sopc schema --write` renews both.
#[test]
fn schema_check_and_write_keep_the_schema_files_current() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    ok(&sopc(tmp.path(), &["init", "kantor"]));
    let repo = tmp.path().join("kantor");
    ok(&sopc(&repo, &["schema", "--check"]));
    ok(&sopc(&repo, &["schema", "--check", "sops"]));
    let sop_schema = repo.join("sops/sop.schema.json");
    let current = std::fs::read_to_string(&sop_schema).unwrap();
    // A checkout with CRLF line ends is still current.
    std::fs::write(&sop_schema, current.replace('\n', "\r\n")).unwrap();
    ok(&sopc(&repo, &["schema", "--check"]));
    // An older schema (one property less) and a missing one are not.
    std::fs::write(
        &sop_schema,
        current.replacen("\"nama\"", "\"nama_lama\"", 1),
    )
    .unwrap();
    std::fs::remove_file(repo.join("sops/organisasi.schema.json")).unwrap();
    let out = sopc(&repo, &["schema", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sops/sop.schema.json: not the schema of this sopc"),
        "{err}"
    );
    assert!(
        err.contains("sops/organisasi.schema.json: missing"),
        "{err}"
    );
    assert!(err.contains("sopc schema --write sops"), "{err}");
    ok(&sopc(&repo, &["schema", "--write"]));
    assert_eq!(std::fs::read_to_string(&sop_schema).unwrap(), current);
    ok(&sopc(&repo, &["schema", "--check"]));
    assert_eq!(
        std::fs::read_to_string(repo.join("sops/organisasi.schema.json")).unwrap(),
        ok(&sopc(&repo, &["schema", "organisasi"]))
    );
    // Writing into a folder that does not exist creates nothing.
    let out = sopc(&repo, &["schema", "--write", "tidak-ada"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!repo.join("tidak-ada").exists());
}
