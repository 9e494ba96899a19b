//! `sopc new` over many names, lane choices and organisation files, as `sopc init`
//! writes them and as an office may have cut them down: every SOP it writes checks
//! clean, without a warning, and whatever it cannot make clean it refuses at the command
//! line with a message naming what to write, leaving the folder as it was
//! (issue 14, item 9).

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

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The organisation file `sopc init` writes, with or without the office's names.
fn init_org(args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "kantor", "-q"];
    all.extend_from_slice(args);
    let out = sopc(tmp.path(), &all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    std::fs::read_to_string(tmp.path().join("kantor/sops/organisasi.yaml")).unwrap()
}

/// `text` without the block under the top-level `key:` (the key's line and the indented
/// lines after it).
fn without(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with(&format!("{key}:")) {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The organisation files tried, by name, with the lane choices each is tried with.
fn orgs() -> Vec<(&'static str, String, Vec<&'static str>)> {
    let init = init_org(&[
        "--instansi",
        "Dinas Pendidikan Kabupaten Bangka",
        "--pemerintah",
        "Pemerintah Kabupaten Bangka",
    ]);
    let bare = init_org(&[]);
    let roles: String = (1..=12)
        .map(|i| format!("  peran-{i}: {{ jabatan: Peran Nomor {i} }}\n"))
        .collect();
    let twelve = (1..=12)
        .map(|i| format!("peran-{i}"))
        .collect::<Vec<_>>()
        .join(",")
        .leak();
    let init_lanes = vec![
        "",
        "kepala",
        "pemohon",
        "pemohon,kepala",
        "sekretaris,kepala,pengadministrasi,pemohon",
        " kepala , ,sekretaris ",
    ];
    vec![
        ("init", init.clone(), init_lanes.clone()),
        ("init without names", bare.clone(), init_lanes.clone()),
        (
            "init without pengesah, dasar hukum, periksa and gaya",
            ["pengesah", "dasar_hukum", "periksa", "gaya"]
                .iter()
                .fold(bare.clone(), |t, k| without(&t, k)),
            init_lanes,
        ),
        (
            "minimal",
            "instansi: Dinas Contoh\npelaksana:\n  staf: { jabatan: Staf }\n".to_string(),
            vec!["", "staf"],
        ),
        (
            "outside roles only",
            format!(
                "{}pelaksana:\n  pemohon: {{ jabatan: Pemohon, eksternal: true }}\n  aplikasi: {{ jabatan: Aplikasi SiCantik, sistem: true }}\n",
                without(&init, "pelaksana")
            ),
            vec!["", "aplikasi", "aplikasi,pemohon"],
        ),
        (
            "twelve roles, a singkatan with quotes",
            format!(
                "{}pelaksana:\n{roles}  app: {{ jabatan: Aplikasi, sistem: true }}\n",
                without(&init, "pelaksana").replace("singkatan: DPKB", "singkatan: 'D\"P\\K'")
            ),
            vec!["", twelve, "app,peran-1,peran-2"],
        ),
    ]
}

/// Names that are awkward for YAML, for ids or for the check.
const NAMES: &[&str] = &[
    "Pengelolaan Arsip",
    "Ñandú Über Æsir",
    "Pe\u{301}rizinan Usaha",
    "Izin: Usaha \"Baru\" #1",
    "x:",
    ".inf",
    "2020",
    "true",
    "null",
    "Y",
    "[baru] {lama}",
    "a, b & c",
    "Back\\slash 'kutip'",
    "& anchor * alias ! tag % @ `",
    "? tanya",
    "Kata  dengan\tspasi\ndan baris",
    "ǅ ﬁ Þórr Łódź",
    "Pelayanan Perizinan Berusaha Berbasis Risiko melalui Sistem Online Single Submission",
];

fn clean_folder(org: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organisasi.yaml"), org).unwrap();
    dir
}

#[test]
fn every_new_sop_checks_clean() {
    let mut tried = 0;
    for (org_name, org, lane_choices) in orgs() {
        let dir = clean_folder(&org);
        let out = sopc(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(0), "{org_name}: {}", text(&out));
        for (i, lanes) in lane_choices.iter().enumerate() {
            // Every name with the first lane choice, one name for each other choice.
            let names: Vec<&str> = if i == 0 {
                NAMES.to_vec()
            } else {
                vec![NAMES[(i * 5) % NAMES.len()]]
            };
            for name in names {
                let dir = clean_folder(&org);
                let mut args = vec!["new", name, "--dir", "."];
                if !lanes.is_empty() {
                    args.extend(["--pelaksana", lanes]);
                }
                let out = sopc(dir.path(), &args);
                let what = format!("{org_name}, {args:?}");
                assert_eq!(out.status.code(), Some(0), "{what}: {}", text(&out));
                let written: Vec<_> = std::fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.file_name().unwrap() != "organisasi.yaml")
                    .collect();
                assert_eq!(written.len(), 1, "{what}: {written:?}");
                let sop = std::fs::read_to_string(&written[0]).unwrap();
                let out = sopc(dir.path(), &["check", ".", "--deny-warnings"]);
                assert!(
                    out.status.code() == Some(0) && text(&out).contains("0 errors, 0 warnings"),
                    "{what}: {}\n{sop}",
                    text(&out)
                );
                let file = written[0].file_name().unwrap().to_str().unwrap();
                let out = sopc(dir.path(), &["fmt", "--check", file]);
                assert_eq!(out.status.code(), Some(0), "{what}: {}", text(&out));
                tried += 1;
            }
        }
    }
    assert!(tried > 100, "{tried}");
}

#[test]
fn new_refuses_what_it_cannot_make_clean() {
    let init = init_org(&[]);
    let roles: String = (1..=13)
        .map(|i| format!("  peran-{i}: {{ jabatan: Peran Nomor {i} }}\n"))
        .collect();
    let thirteen = (1..=13)
        .map(|i| format!("peran-{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let long = "Kata ".repeat(1_100);
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (
            without(&init, "pelaksana") + "pelaksana: {}\n",
            vec!["Baru"],
            "lists no pelaksana: add the office's roles under `pelaksana:`",
        ),
        (
            without(&init, "pelaksana"),
            vec!["Baru"],
            "lists no pelaksana",
        ),
        (
            format!("{}pelaksana:\n{roles}", without(&init, "pelaksana")),
            vec!["Baru", "--pelaksana", &thirteen],
            "at most 12",
        ),
        (
            init.clone(),
            vec!["Baru", "--pelaksana", "kepla"],
            "did you mean `kepala`? add it there",
        ),
        (
            init.clone(),
            vec!["Baru", "--pelaksana", "kepala,kepala"],
            "named twice",
        ),
        (init.clone(), vec!["Surat\u{7} Keluar"], "control character"),
        (
            init.clone(),
            vec!["Surat \u{202e}Keluar"],
            "control character",
        ),
        (init.clone(), vec!["Surat 😀"], "the PDF font lacks"),
        (init.clone(), vec!["Index"], "a file sopc writes"),
        (init.clone(), vec!["–"], "Latin letters or digits"),
        (
            init.clone(),
            vec![&long],
            "more than a text may hold (5000)",
        ),
    ];
    for (org, args, expected) in cases {
        let dir = clean_folder(&org);
        let mut all = vec!["new", "--dir", "."];
        all.extend(&args);
        let out = sopc(dir.path(), &all);
        let what = format!(
            "{:?}",
            &args
                .iter()
                .map(|a| &a[..a.len().min(20)])
                .collect::<Vec<_>>()
        );
        assert_eq!(out.status.code(), Some(2), "{what}: {}", text(&out));
        assert!(text(&out).contains(expected), "{what}: {}", text(&out));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "{what}");
    }
}

#[test]
fn new_never_makes_a_second_file_of_one_id() {
    let dir = clean_folder(&init_org(&[]));
    std::fs::write(dir.path().join("arsip.YML"), "# another file\n").unwrap();
    let out = sopc(dir.path(), &["new", "Arsip", "--dir", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("already exists with the id `arsip`"),
        "{}",
        text(&out)
    );
    assert!(!dir.path().join("arsip.yaml").exists());
}

#[cfg(unix)]
#[test]
fn new_does_not_read_an_organisation_file_outside_its_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("organisasi.yaml"), init_org(&[])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("organisasi.yaml"),
        dir.path().join("organisasi.yaml"),
    )
    .unwrap();
    let out = sopc(dir.path(), &["new", "Arsip", "--dir", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("leads out of the folder"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
