//! The command line, run as a binary: exit codes, output formats and flags, and the
//! smoke tests that `sops/` and every `examples/` folder check clean.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A run of `sopc` in a temporary folder holding the files given.
struct Sopc {
    dir: tempfile::TempDir,
    cwd: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    out: Option<Output>,
}

#[derive(Debug, Clone)]
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Sopc {
    fn new() -> Self {
        Sopc {
            dir: tempfile::tempdir().expect("a temporary folder"),
            cwd: None,
            args: Vec::new(),
            env: Vec::new(),
            out: None,
        }
    }

    /// Writes a file (and its folders) into the temporary folder.
    fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }

    fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        let p = self.dir.path().join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("folder created");
        }
        std::fs::write(&p, bytes).expect("file written");
        self
    }

    /// An organisation file and one clean SOP `<folder>/surat.yaml`.
    fn clean_folder(self, folder: &str) -> Self {
        self.file(&format!("{folder}/organisasi.yaml"), ORG)
            .file(&format!("{folder}/surat.yaml"), SOP)
    }

    fn args<'a>(mut self, args: impl IntoIterator<Item = &'a str>) -> Self {
        self.args.extend(args.into_iter().map(str::to_string));
        self
    }

    fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs from the crate root instead of the temporary folder.
    fn in_crate(mut self) -> Self {
        self.cwd = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        self
    }

    fn output(&mut self) -> &Output {
        if self.out.is_none() {
            let cwd = self.cwd.clone().unwrap_or_else(|| self.dir.path().into());
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopc"));
            cmd.current_dir(cwd)
                .args(&self.args)
                .env_remove("NO_COLOR")
                .env("COLUMNS", "80");
            for (k, v) in &self.env {
                cmd.env(k, v);
            }
            let out = cmd.output().expect("sopc runs");
            self.out = Some(Output {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        self.out.as_ref().expect("just run")
    }

    fn code(mut self, code: i32) -> Self {
        let out = self.output().clone();
        assert_eq!(
            out.code, code,
            "exit code of sopc {:?}\n{out:#?}",
            self.args
        );
        self
    }

    fn stderr_contains(mut self, text: &str) -> Self {
        let out = self.output();
        assert!(
            out.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            out.stderr
        );
        self
    }

    fn stderr_lacks(mut self, text: &str) -> Self {
        let out = self.output();
        assert!(
            !out.stderr.contains(text),
            "stderr has {text:?}:\n{}",
            out.stderr
        );
        self
    }

    fn stderr(mut self, expected: &str) -> Self {
        let out = self.output();
        assert_eq!(out.stderr, expected);
        self
    }

    fn stdout(mut self, expected: &str) -> Self {
        let out = self.output();
        assert_eq!(out.stdout, expected);
        self
    }

    fn json(mut self) -> Value {
        let out = self.output();
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout))
    }
}

const ORG: &str = "\
pemerintah: Pemerintah Kabupaten Contoh
instansi: Dinas Contoh
pengesah: { jabatan: Kepala Dinas, nama: Budi, nip: \"19641222 198903 1 009\" }
pelaksana:
  kadin: { jabatan: Kepala Dinas, singkatan: Kadin }
  sekretaris: { jabatan: Sekretaris }
";

const SOP: &str = "\
nomor: \"800/1/DC/2020\"
nama: Pengelolaan Surat
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
masukan: [Surat]
pelaksana: [kadin, sekretaris]
langkah:
  - { pelaksana: kadin, kegiatan: Mendisposisikan surat, kelengkapan: [Surat], waktu: 5 menit, output: Disposisi }
  - { pelaksana: sekretaris, kegiatan: Mengarsipkan surat, kelengkapan: [Disposisi], waktu: 5 menit, output: Arsip }
";

/// SOP with one warning (no waktu in step 2) at line 8, column 40.
fn with_warning() -> String {
    SOP.replace("[Disposisi], waktu: 5 menit,", "[Disposisi],")
}

/// SOP with one error (an unknown role) at line 7, column 18, and the warning of
/// [`with_warning`].
fn with_error() -> String {
    with_warning().replace("pelaksana: kadin,", "pelaksana: kadn,")
}

// Exit codes: 0 clean or warnings only, 1 errors, 2 usage or IO failure.

#[test]
fn a_clean_folder_exits_0() {
    Sopc::new()
        .clean_folder("sops")
        .args(["check", "sops"])
        .code(0)
        .stderr("checked 1 SOP: 0 errors, 0 warnings\n")
        .stdout("");
}

#[test]
fn the_default_path_is_sops() {
    Sopc::new()
        .clean_folder("sops")
        .args(["check"])
        .code(0)
        .stderr("checked 1 SOP: 0 errors, 0 warnings\n");
}

#[test]
fn warnings_exit_0_unless_denied() {
    let run = || {
        Sopc::new()
            .file("sops/organisasi.yaml", ORG)
            .file("sops/surat.yaml", &with_warning())
    };
    run()
        .args(["check", "sops"])
        .code(0)
        .stderr_contains("sop::mutu::missing-waktu")
        .stderr_contains("checked 1 SOP: 0 errors, 1 warning\n");
    run()
        .args(["check", "--deny-warnings", "sops"])
        .code(1)
        .stderr_contains("checked 1 SOP: 0 errors, 1 warning\n");
    Sopc::new()
        .clean_folder("sops")
        .args(["check", "--deny-warnings", "sops"])
        .code(0);
}

#[test]
fn errors_exit_1() {
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .args(["check", "sops"])
        .code(1)
        .stderr_contains("sop::actor::unknown")
        .stderr_contains("help: did you mean `kadin`?")
        .stderr_contains("checked 1 SOP: 1 error, 1 warning\n");
}

#[test]
fn a_missing_folder_exits_2() {
    Sopc::new()
        .args(["check", "nope"])
        .code(2)
        .stderr_contains("error: reading `nope`")
        .stdout("");
    Sopc::new()
        .args(["check"])
        .code(2)
        .stderr_contains("error: reading `sops`");
}

#[test]
fn a_folder_without_organisasi_yaml_exits_2() {
    Sopc::new()
        .file("sops/surat.yaml", SOP)
        .args(["check", "sops"])
        .code(2)
        .stderr_contains("error: no `organisasi.yaml` in `sops`");
}

#[test]
fn a_path_that_is_not_yaml_exits_2() {
    Sopc::new()
        .clean_folder("sops")
        .file("sops/catatan.txt", "catatan")
        .args(["check", "sops/catatan.txt"])
        .code(2)
        .stderr_contains("is not an SOP file");
}

#[test]
fn bad_usage_exits_2_help_and_version_exit_0() {
    Sopc::new()
        .args(["check", "--bogus"])
        .code(2)
        .stderr_contains("unexpected argument '--bogus'");
    Sopc::new()
        .args(["check", "--format", "xml"])
        .code(2)
        .stderr_contains("invalid value 'xml'");
    Sopc::new().args(["periksa"]).code(2);
    Sopc::new().code(2).stderr_contains("Usage: sopc");
    Sopc::new().args(["--help"]).code(0);
    Sopc::new().args(["check", "--help"]).code(0);
    Sopc::new().args(["--version"]).code(0);
}

#[test]
fn a_file_over_the_size_limit_is_one_error() {
    let mut big = String::from("nama: x\n");
    while big.len() <= 4 * 1024 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/besar.yaml", &big)
        .args(["check", "--format", "short", "sops"])
        .code(1)
        .stderr(
            "sops/besar.yaml:1:1: error[sop::file::too-large]: file is larger than 4 MiB\n\
             checked 1 SOP: 1 error, 0 warnings\n",
        );
}

// Paths: folders, single files, several folders in one run.

#[test]
fn a_single_file_is_checked_with_its_folder_organisation() {
    // `keterkaitan` may cite a sibling that is not checked in this run.
    let cites = SOP.replace("masukan:", "keterkaitan: [lain]\nmasukan:");
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &cites)
        .file("sops/lain.yaml", "rusak: [")
        .args(["check", "sops/surat.yaml"])
        .code(0)
        .stderr("checked 1 SOP: 0 errors, 0 warnings\n");
}

#[test]
fn several_folders_are_reported_in_one_run_in_path_order() {
    Sopc::new()
        .file("b/organisasi.yaml", ORG)
        .file("b/surat.yaml", &with_error())
        .file("a/organisasi.yaml", ORG)
        .file("a/surat.yaml", &with_warning())
        .args(["check", "--format", "short", "b", "a"])
        .code(1)
        .stderr(
            "a/surat.yaml:8:40: warning[sop::mutu::missing-waktu]: step 2 has no waktu\n\
             b/surat.yaml:7:18: error[sop::actor::unknown]: `kadn` is not in the roster\n\
             b/surat.yaml:8:40: warning[sop::mutu::missing-waktu]: step 2 has no waktu\n\
             checked 2 SOPs: 1 error, 2 warnings\n",
        );
}

// Output formats.

#[test]
fn short_format_is_one_line_per_diagnostic() {
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .args(["check", "--format", "short", "sops"])
        .code(1)
        .stdout("")
        .stderr(
            "sops/surat.yaml:7:18: error[sop::actor::unknown]: `kadn` is not in the roster\n\
             sops/surat.yaml:8:40: warning[sop::mutu::missing-waktu]: step 2 has no waktu\n\
             checked 1 SOP: 1 error, 1 warning\n",
        );
}

#[test]
fn github_format_is_workflow_commands_on_stdout() {
    let sop = with_error().replace("800/1/DC/2020", "800/1/DC/2020%");
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &sop)
        .file("sops/lain.yaml", &sop)
        .args(["check", "--format", "github", "-q", "sops/lain.yaml", "sops/surat.yaml"])
        .code(1)
        .stderr("")
        .stdout(
            "::error file=sops/lain.yaml,line=7,col=18,endLine=7,endColumn=22,title=sop%3A%3Aactor%3A%3Aunknown::`kadn` is not in the roster%0Ahelp: did you mean `kadin`?\n\
             ::warning file=sops/lain.yaml,line=8,col=40,endLine=8,endColumn=58,title=sop%3A%3Amutu%3A%3Amissing-waktu::step 2 has no waktu%0Ahelp: add `waktu:` with a number and a unit, e.g. `waktu: 15 menit`\n\
             ::error file=sops/surat.yaml,line=1,col=8,endLine=1,endColumn=24,title=sop%3A%3Aidentity%3A%3Aduplicate-nomor::nomor `800/1/DC/2020%25` is used by two SOPs%0Ahelp: give each SOP its own nomor\n\
             ::error file=sops/surat.yaml,line=7,col=18,endLine=7,endColumn=22,title=sop%3A%3Aactor%3A%3Aunknown::`kadn` is not in the roster%0Ahelp: did you mean `kadin`?\n\
             ::warning file=sops/surat.yaml,line=8,col=40,endLine=8,endColumn=58,title=sop%3A%3Amutu%3A%3Amissing-waktu::step 2 has no waktu%0Ahelp: add `waktu:` with a number and a unit, e.g. `waktu: 15 menit`\n",
        );
}

/// The keys of an object, sorted (`serde_json::Value` does not keep their order; the
/// exact output, order included, is tested in `json_format_is_exactly_this`).
fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn sorted(mut list: Vec<&str>) -> Vec<&str> {
    list.sort_unstable();
    list
}

fn is_fingerprint(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 8
            && s.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

#[test]
fn json_format_has_the_documented_schema() {
    let json = Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .file("sops/arsip.yaml", &SOP.replace("800/1/", "800/2/"))
        .args(["check", "--format", "json", "sops"])
        .code(1)
        .stderr("")
        .json();
    assert_eq!(
        keys(&json),
        sorted(vec!["version", "sops", "diagnostics", "errors", "warnings"])
    );
    assert_eq!(json["version"], 1);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 1);

    let sops = json["sops"].as_array().expect("sops is a list");
    let ids: Vec<&str> = sops.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, ["arsip", "surat"], "sorted by id");
    for s in sops {
        assert_eq!(
            keys(s),
            sorted(vec![
                "id",
                "file",
                "nama",
                "fingerprint",
                "errors",
                "warnings"
            ])
        );
        assert!(is_fingerprint(&s["fingerprint"]), "{s}");
    }
    assert_eq!(sops[1]["file"], "sops/surat.yaml");
    assert_eq!(sops[1]["nama"], "Pengelolaan Surat");
    assert_eq!(
        (&sops[1]["errors"], &sops[1]["warnings"]),
        (&1.into(), &1.into())
    );
    assert_eq!(
        (&sops[0]["errors"], &sops[0]["warnings"]),
        (&0.into(), &0.into())
    );

    let diags = json["diagnostics"]
        .as_array()
        .expect("diagnostics is a list");
    assert_eq!(diags.len(), 2);
    let d = &diags[0];
    assert_eq!(
        keys(d),
        sorted(vec![
            "file", "line", "column", "code", "severity", "message", "label", "help", "span",
            "related"
        ])
    );
    assert_eq!(d["file"], "sops/surat.yaml");
    assert_eq!((&d["line"], &d["column"]), (&7.into(), &18.into()));
    assert_eq!(d["code"], "sop::actor::unknown");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "`kadn` is not in the roster");
    assert_eq!(d["label"], "unknown role");
    assert_eq!(d["help"], "did you mean `kadin`?");
    assert_eq!(
        keys(&d["span"]),
        sorted(vec![
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "offset",
            "length"
        ])
    );
    let text = with_error();
    let offset = d["span"]["offset"].as_u64().expect("offset") as usize;
    let length = d["span"]["length"].as_u64().expect("length") as usize;
    assert_eq!(&text[offset..offset + length], "kadn");
    assert_eq!(
        (&d["span"]["end_line"], &d["span"]["end_column"]),
        (&7.into(), &22.into())
    );
    assert_eq!(d["related"], Value::Array(Vec::new()));
    assert_eq!(diags[1]["severity"], "warning");
}

/// The whole document, so that the order of the keys is fixed too (docs/diagnostics.md
/// shows the same).
#[test]
fn json_format_is_exactly_this() {
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .args(["check", "--format", "json", "sops"])
        .code(1)
        .stderr("")
        .stdout(JSON);
}

const JSON: &str = r#"{
  "version": 1,
  "sops": [
    {
      "id": "surat",
      "file": "sops/surat.yaml",
      "nama": "Pengelolaan Surat",
      "fingerprint": "b694457c",
      "errors": 1,
      "warnings": 1
    }
  ],
  "diagnostics": [
    {
      "file": "sops/surat.yaml",
      "line": 7,
      "column": 18,
      "code": "sop::actor::unknown",
      "severity": "error",
      "message": "`kadn` is not in the roster",
      "label": "unknown role",
      "help": "did you mean `kadin`?",
      "span": {
        "file": "sops/surat.yaml",
        "line": 7,
        "column": 18,
        "end_line": 7,
        "end_column": 22,
        "offset": 177,
        "length": 4
      },
      "related": []
    },
    {
      "file": "sops/surat.yaml",
      "line": 8,
      "column": 40,
      "code": "sop::mutu::missing-waktu",
      "severity": "warning",
      "message": "step 2 has no waktu",
      "label": "no `waktu`",
      "help": "add `waktu:` with a number and a unit, e.g. `waktu: 15 menit`",
      "span": {
        "file": "sops/surat.yaml",
        "line": 8,
        "column": 40,
        "end_line": 8,
        "end_column": 58,
        "offset": 313,
        "length": 18
      },
      "related": []
    }
  ],
  "errors": 1,
  "warnings": 1
}
"#;

#[test]
fn json_lists_the_other_places() {
    let json = Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/a.yaml", SOP)
        .file("sops/b.yaml", SOP)
        .args(["check", "--format", "json", "sops"])
        .code(1)
        .json();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "sop::identity::duplicate-nomor");
    assert_eq!(d["file"], "sops/b.yaml");
    let related = d["related"].as_array().expect("related is a list");
    assert_eq!(related.len(), 1);
    assert_eq!(keys(&related[0]), ["label", "span"]);
    assert_eq!(related[0]["span"]["column"], 8);
    assert_eq!(related[0]["label"], "first used by `a`");
    assert_eq!(related[0]["span"]["file"], "sops/a.yaml");
    assert_eq!(related[0]["span"]["line"], 1);
}

#[test]
fn json_output_is_the_same_on_every_run() {
    let run = || {
        Sopc::new()
            .file("sops/organisasi.yaml", ORG)
            .file("sops/surat.yaml", &with_error())
            .file(
                "sops/arsip.yaml",
                &with_warning().replace("800/1/", "800/2/"),
            )
            .args(["check", "--format", "json", "sops"])
            .code(1)
            .output()
            .stdout
            .clone()
    };
    let first = run();
    assert_eq!(first, run());
    // Sorted by file, then by place.
    let json: Value = serde_json::from_str(&first).expect("JSON");
    let order: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["span"]["offset"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(order.len(), 3);
}

#[test]
fn the_fingerprint_follows_both_files() {
    let fingerprint = |org: &str, sop: &str| {
        let json = Sopc::new()
            .file("sops/organisasi.yaml", org)
            .file("sops/surat.yaml", sop)
            .args(["check", "--format", "json", "sops"])
            .json();
        json["sops"][0]["fingerprint"]
            .as_str()
            .expect("a fingerprint")
            .to_string()
    };
    let base = fingerprint(ORG, SOP);
    assert_eq!(base, fingerprint(ORG, SOP));
    assert_ne!(
        base,
        fingerprint(ORG, &SOP.replace("Pengelolaan", "Penanganan"))
    );
    assert_ne!(base, fingerprint(&ORG.replace("Budi", "Siti"), SOP));
}

#[test]
fn an_io_failure_with_json_prints_no_json() {
    Sopc::new()
        .args(["check", "--format", "json", "nope"])
        .code(2)
        .stdout("")
        .stderr_contains("error: reading `nope`");
}

// Colour and quiet.

#[test]
fn no_colour_unless_asked_for() {
    let run = || {
        Sopc::new()
            .file("sops/organisasi.yaml", ORG)
            .file("sops/surat.yaml", &with_error())
            .args(["check", "sops"])
    };
    // Not a terminal: plain text, with or without NO_COLOR.
    run().code(1).stderr_lacks("\x1b[");
    run().env("NO_COLOR", "1").code(1).stderr_lacks("\x1b[");
    run()
        .args(["--color", "never"])
        .code(1)
        .stderr_lacks("\x1b[");
    // An explicit `--color always` wins over NO_COLOR (no-color.org).
    run()
        .args(["--color", "always"])
        .code(1)
        .stderr_contains("\x1b[");
    run()
        .env("NO_COLOR", "1")
        .args(["--color", "always"])
        .code(1)
        .stderr_contains("\x1b[");
}

#[test]
fn quiet_prints_only_diagnostics() {
    Sopc::new()
        .clean_folder("sops")
        .args(["check", "-q", "sops"])
        .code(0)
        .stderr("")
        .stdout("");
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .args(["-q", "check", "--format", "short", "sops"])
        .code(1)
        .stderr(
            "sops/surat.yaml:7:18: error[sop::actor::unknown]: `kadn` is not in the roster\n\
             sops/surat.yaml:8:40: warning[sop::mutu::missing-waktu]: step 2 has no waktu\n",
        );
}

#[test]
fn human_format_marks_the_text_at_80_columns() {
    Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error())
        .args(["check", "-q", "sops"])
        .code(1)
        .stderr_contains("  × `kadn` is not in the roster\n")
        .stderr_contains("   ╭─[sops/surat.yaml:7:18]\n")
        .stderr_contains("  help: did you mean `kadin`?\n");
}

// Smoke tests: the real SOPs and the examples.

#[test]
fn the_sops_folder_checks_clean() {
    let json = Sopc::new()
        .in_crate()
        .args(["check", "--format", "json", "sops/"])
        .code(0)
        .json();
    assert_eq!(json["errors"], 0, "{:#}", json["diagnostics"]);
    assert_eq!(json["sops"].as_array().map(Vec::len), Some(14));
    // The known gaps of the source documents are accepted in each SOP's `periksa:`:
    // the README's first command ends with a short, clean result.
    assert_eq!(json["warnings"], 0, "{:#}", json["diagnostics"]);
    Sopc::new()
        .in_crate()
        .args(["check", "sops"])
        .code(0)
        .stderr_contains("checked 14 SOPs: 0 errors, 0 warnings (")
        .stderr_contains(" allowed by `periksa`)\n");
}

/// A folder of `n` SOPs, each with one warning (step 2 has no waktu).
fn warning_folder(n: usize) -> Sopc {
    let mut run = Sopc::new().file("sops/organisasi.yaml", ORG);
    for i in 0..n {
        run = run.file(
            &format!("sops/surat-{i:02}.yaml"),
            &with_warning().replace("800/1/DC/2020", &format!("800/{i}/DC/2020")),
        );
    }
    run
}

#[test]
fn many_warnings_are_counted_by_code_unless_verbose() {
    let out = warning_folder(13)
        .args(["check", "sops"])
        .code(0)
        .stderr_contains(
            "3 more warnings not shown, by code (`--verbose` shows them all):\n      3  sop::mutu::missing-waktu  in 3 files\n",
        )
        .stderr_contains("checked 13 SOPs: 0 errors, 13 warnings\n")
        .output()
        .clone();
    assert_eq!(out.stderr.matches("⚠ step 2 has no waktu").count(), 10);
    let out = warning_folder(13)
        .args(["check", "--verbose", "sops"])
        .code(0)
        .stderr_lacks("more warnings not shown")
        .output()
        .clone();
    assert_eq!(out.stderr.matches("⚠ step 2 has no waktu").count(), 13);
    // Errors are always shown in full.
    let mut run = warning_folder(12);
    for i in 0..3 {
        run = run.file(
            &format!("sops/salah-{i}.yaml"),
            &with_error().replace("800/1/DC/2020", &format!("900/{i}/DC/2020")),
        );
    }
    let out = run.args(["check", "sops"]).code(1).output().clone();
    assert_eq!(
        out.stderr.matches("× `kadn` is not in the roster").count(),
        3
    );
}

#[test]
fn build_ends_with_where_to_open_it() {
    Sopc::new()
        .clean_folder("sops")
        .args(["build", "sops", "--out", "dist"])
        .code(0)
        .stderr_contains(
            "built 1 of 1 SOPs into dist: 0 errors, 0 warnings; open dist/index.html\n",
        );
}

#[test]
fn periksa_sets_the_level_of_a_code() {
    let org = format!("{ORG}periksa:\n  sop::mutu::missing-waktu: deny\n");
    Sopc::new()
        .file("sops/organisasi.yaml", &org)
        .file("sops/surat.yaml", &with_warning())
        .args(["check", "sops"])
        .code(1)
        .stderr_contains("× step 2 has no waktu")
        .stderr_contains("checked 1 SOP: 1 error, 0 warnings\n");
    let sop = with_warning().replace("masukan:", "periksa: { sop::mutu: allow }\nmasukan:");
    Sopc::new()
        .file("sops/organisasi.yaml", &org)
        .file("sops/surat.yaml", &sop)
        .args(["check", "sops"])
        .code(0)
        .stderr("checked 1 SOP: 0 errors, 0 warnings (1 allowed by `periksa`)\n");
}

#[test]
fn a_baseline_accepts_known_diagnostics_and_fails_on_new_ones() {
    let run = Sopc::new()
        .file("repo/sops/organisasi.yaml", ORG)
        .file("repo/sops/surat.yaml", &with_error())
        .args([
            "check",
            "repo/sops",
            "--write-baseline",
            "repo/baseline.json",
        ])
        .code(0)
        .stderr_contains("wrote repo/baseline.json: 2 diagnostics accepted");
    let dir = run.dir.path().to_path_buf();
    let text = std::fs::read_to_string(dir.join("repo/baseline.json")).expect("written");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["accepted"][0]["file"], "sops/surat.yaml", "{text}");
    assert_eq!(json["accepted"][0]["count"], 1);
    // The same problems, moved down a line and checked from inside the folder: accepted.
    let moved = format!("# a comment\n{}", with_error());
    std::fs::write(dir.join("repo/sops/surat.yaml"), &moved).expect("written");
    let mut again = Sopc::new();
    again.cwd = Some(dir.join("repo"));
    again
        .args(["check", "sops", "--baseline", "baseline.json"])
        .code(0)
        .stderr("checked 1 SOP: 0 errors, 0 warnings (2 accepted by the baseline)\n");
    // A new error fails the run; the known ones stay quiet.
    let worse = moved.replace("pelaksana: sekretaris,", "pelaksana: sekretari,");
    std::fs::write(dir.join("repo/sops/surat.yaml"), worse).expect("written");
    let mut new = Sopc::new();
    new.cwd = Some(dir.join("repo"));
    let out = new
        .args(["check", "sops", "--baseline", "baseline.json"])
        .code(1)
        .stderr_contains("`sekretari` is not in the roster")
        .stderr_lacks("`kadn`")
        .stderr_contains("checked 1 SOP: 1 error, 0 warnings (2 accepted by the baseline)\n")
        .output()
        .clone();
    assert!(!out.stderr.contains("no waktu"), "{}", out.stderr);
    // A fixed problem leaves the baseline with an entry that no longer occurs.
    std::fs::write(dir.join("repo/sops/surat.yaml"), with_warning()).expect("written");
    let mut fixed = Sopc::new();
    fixed.cwd = Some(dir.join("repo"));
    fixed
        .args(["check", "sops", "--baseline", "baseline.json"])
        .code(0)
        .stderr_contains("note: 1 diagnostic of the baseline no longer occurs");
}

fn example_folders() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let Ok(entries) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("organisasi.yaml").is_file())
        .collect();
    folders.sort();
    folders
}

/// Examples show how to write an SOP, so they check without warnings. (None yet is
/// fine: this test then checks nothing.) The exception is `examples/corpus`, the
/// transcriptions of real signed SOPs: it checks without errors, and its warnings are
/// defects of the sources, so every kind of warning it gets is named in its README.
#[test]
fn every_example_checks_clean() {
    for folder in example_folders() {
        let rel = folder
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("inside the crate")
            .to_string_lossy()
            .into_owned();
        if folder.ends_with("corpus") {
            let readme = std::fs::read_to_string(folder.join("README.md")).expect("README.md");
            let mut sopc = Sopc::new()
                .in_crate()
                .args(["check", "--format", "short", &rel])
                .code(0);
            let out = sopc.output();
            let text = format!("{}{}", out.stdout, out.stderr);
            for line in text.lines() {
                let Some((_, rest)) = line.split_once("warning[") else {
                    continue;
                };
                let code = rest.split(']').next().unwrap_or(rest);
                assert!(
                    readme.contains(&format!("`{code}`")),
                    "{rel}: warning {code} is not explained in its README.md"
                );
            }
            continue;
        }
        Sopc::new()
            .in_crate()
            .args(["check", "--deny-warnings", "--format", "short", &rel])
            .code(0);
    }
}

/// The SARIF log is valid against the official SARIF 2.1.0 schema, and its paths are
/// relative to the repository root whatever the working directory.
#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The `language` patterns of the schema have a bare `]`, a literal in ECMAScript
    // regular expressions and an error in Rust's: escaped here, same meaning.
    let text =
        std::fs::read_to_string(root.join("tests/sarif/sarif-2.1.0-rtm.5.json")).expect("schema");
    let bare = "[a-zA-Z]{2}]?$";
    assert_eq!(text.matches(bare).count(), 2);
    let schema: Value =
        serde_json::from_str(&text.replace(bare, "[a-zA-Z]{2}\\\\]?$")).expect("schema is JSON");
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let mut run = Sopc::new();
    run.cwd = Some(root.join("tests"));
    let log = run
        .args(["check", "--format", "sarif", "fail/seed-defects"])
        .code(1)
        .stderr("")
        .json();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict enough to catch a wrong level.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&wrong));
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 23);
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        first["artifactLocation"]["uri"],
        "tests/fail/seed-defects/organisasi.yaml"
    );
    assert_eq!(first["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert_eq!(first["region"]["startLine"], 23);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // A file outside any repository is a file URI, still valid.
    let log = Sopc::new()
        .clean_folder("sops")
        .file("sops/surat.yaml", &with_error())
        .args(["check", "--format", "sarif", "sops"])
        .code(1)
        .json();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn github_format_writes_a_step_summary() {
    let run = Sopc::new()
        .file("sops/organisasi.yaml", ORG)
        .file("sops/surat.yaml", &with_error());
    let summary = run.dir.path().join("summary.md");
    let summary_path = summary.to_str().expect("path").to_string();
    // Kept until the end: the temporary folder holds the summary.
    let _run = run
        .env("GITHUB_STEP_SUMMARY", &summary_path)
        .args(["check", "--format", "github", "sops"])
        .code(1);
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(text.starts_with("### sopc: checked 1 SOP\n"), "{text}");
    assert!(text.contains("| 1 | 1 | 0 | 0 |\n"), "{text}");
    assert!(
        text.contains("| `sop::actor::unknown` | error | 1 | 1 |\n"),
        "{text}"
    );
}

/// A flowchart page that breaks a clearance rule is printed, with a warning at the step
/// naming the page and the place; `periksa` levels apply to it as to any warning.
#[test]
fn a_crowded_flowchart_is_built_with_clearance_warnings() {
    let crowded = |org_extra: &str| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/crowded");
        let org = std::fs::read_to_string(dir.join("organisasi.yaml")).expect("organisasi.yaml");
        let id = "pelaporan-bantuan-modal-wirausaha-0663";
        let sop = std::fs::read_to_string(dir.join(format!("{id}.yaml"))).expect("the SOP");
        Sopc::new()
            .file("sops/organisasi.yaml", &format!("{org}{org_extra}"))
            .file(&format!("sops/{id}.yaml"), &sop)
            .args(["build", "--format", "short", "sops", "--out", "dist"])
    };
    let mut run = crowded("").code(0);
    let stderr = run.output().stderr.clone();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning[sop::layout::clearance]"))
        .collect();
    assert!(warnings.len() >= 3, "{stderr}");
    for w in &warnings {
        assert!(w.contains(": flowchart"), "{w}");
        assert!(w.contains("(layout rule "), "{w}");
    }
    assert!(
        run.dir
            .path()
            .join("dist/pelaporan-bantuan-modal-wirausaha-0663.pdf")
            .is_file()
    );
    crowded("periksa: { sop::layout::clearance: deny }\n")
        .code(1)
        .stderr_contains("error[sop::layout::clearance]");
    let mut allowed = crowded("periksa: { sop::layout: allow }\n").code(0);
    let stderr = allowed.output().stderr.clone();
    assert!(!stderr.contains("sop::layout::clearance"), "{stderr}");
    assert!(stderr.contains("allowed by `periksa`"), "{stderr}");
}
