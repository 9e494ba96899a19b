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
    for f in [".vscode/settings.json", ".vscode/extensions.json"] {
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
