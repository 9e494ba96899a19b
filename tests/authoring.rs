//! The authoring commands, run as a user runs them: `sopc new` writes a file that checks
//! clean and never overwrites one; `sopc schema` prints JSON; `sopc completions`
//! survives a closed pipe.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sopc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn new_writes_a_file_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("sops/organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    ok(&sopc(&[
        "new",
        "Pengelolaan Arsip Dinamis",
        "--pelaksana",
        "kadin,sekretaris,arsiparis",
        "--dir",
        d,
    ]));
    let path = dir.path().join("pengelolaan-arsip-dinamis.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Every section, the optional pengesah as a commented example.
    for key in sopc::model::lower::SOP_KEYS {
        let want = if *key == "pengesah" {
            "\n# pengesah:".to_string()
        } else {
            format!("\n{key}:")
        };
        assert!(text.contains(&want), "no `{key}`:\n{text}");
    }
    assert_eq!(text.matches("\n  - pelaksana: ").count(), 3);
    // Default lanes: the first two roles of the roster.
    ok(&sopc(&["new", "Surat Edaran", "--dir", d]));
    let second = std::fs::read_to_string(dir.path().join("surat-edaran.yaml")).unwrap();
    assert!(
        second.contains("pelaksana: [kadin, sekretaris]"),
        "{second}"
    );

    let out = sopc(&["check", d, "--deny-warnings"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 errors, 0 warnings"));
    let built = dir.path().join("out");
    ok(&sopc(&["build", d, "-q", "--out", built.to_str().unwrap()]));
    assert!(built.join("pengelolaan-arsip-dinamis.pdf").is_file());

    // Refuses to overwrite, and leaves the file as it was.
    std::fs::write(&path, "# edited\n").unwrap();
    let out = sopc(&["new", "Pengelolaan Arsip Dinamis", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# edited\n");

    let out = sopc(&["new", "Baru", "--pelaksana", "kadn", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `kadin`?"));
    let out = sopc(&["new", "–", "--dir", d]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = sopc(&["new", "Baru", "--dir", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("organisasi.yaml"));
}

#[test]
fn schema_prints_json_schemas() {
    for (arg, title) in [("sop", "one SOP"), ("organisasi", "organisasi.yaml")] {
        let text = ok(&sopc(&["schema", arg]));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(v["title"].as_str().unwrap().contains(title));
        assert_eq!(v["additionalProperties"], false);
    }
    let v: serde_json::Value = serde_json::from_str(&ok(&sopc(&["schema"]))).unwrap();
    assert!(v["properties"]["langkah"].is_object());
}

#[test]
fn completions_for_every_shell_and_a_closed_pipe() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = ok(&sopc(&["completions", shell]));
        assert!(text.contains("sopc") && text.contains("stats"), "{shell}");
    }
    let out = sopc(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));

    // The reader has gone away before sopc writes (`sopc completions zsh | true`).
    for args in [
        vec!["completions", "zsh"],
        vec!["stats", "sops"],
        vec!["schema"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sopc"))
            .current_dir(root())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
