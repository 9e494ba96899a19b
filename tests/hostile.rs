//! The hostile corpus: inputs built to crash, hang or exhaust sopc, each with the
//! diagnostic it must give instead. The cases in `tests/hostile/<case>/` are folders of
//! SOP files with an `expect` file (see `tests/hostile/README.md`); the cases that need
//! a large file, a symbolic link, a FIFO or odd command-line bytes are made here.
//!
//! Every run has its address space limited to 1 GiB and must answer within a second
//! (ten in a debug build).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const ORG: &str = "pemerintah: Pemerintah Kabupaten Contoh
instansi: Dinas Contoh
pengesah: { jabatan: Kepala Dinas, nama: Budi, pangkat: Pembina, nip: \"19641222 198903 1 009\" }
pelaksana:
  kadin: { jabatan: Kepala Dinas }
  sekretaris: { jabatan: Sekretaris }
";

const SOP: &str = "nomor: \"1/2/3\"
nama: Prosedur Uji
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
masukan: Surat
pelaksana: [kadin, sekretaris]
langkah:
  - pelaksana: kadin
    kegiatan: Menerima surat
    kelengkapan: Surat
    waktu: 5 menit
    output: Surat
  - pelaksana: sekretaris
    kegiatan: Mengarsipkan surat
    kelengkapan: Surat
    waktu: 5 menit
    output: Surat
";

/// Time allowed for one run.
fn time_limit() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 1 })
}

/// Runs sopc with at most 1 GiB of address space, and checks the time it took.
fn sopc<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let start = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_sopc"))
        .args(args)
        .env("COLUMNS", "100")
        .output()
        .expect("running sopc");
    let took = start.elapsed();
    assert!(took < time_limit(), "took {took:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "sopc panicked:\n{}",
        stderr.chars().take(4000).collect::<String>()
    );
    out
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The start of a long output, for a failure message.
fn head(s: &str) -> String {
    s.chars().take(3000).collect()
}

/// What an `expect` file says.
#[derive(Default, Debug)]
struct Expect {
    exit: i32,
    codes: Vec<String>,
    short: Vec<String>,
    human: Vec<String>,
}

fn parse_expect(path: &Path) -> Expect {
    let mut e = Expect::default();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let line = line.trim_end();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "exit" => e.exit = value.parse().unwrap(),
            "code" => e.codes.push(value.to_string()),
            "short" => e.short.push(value.to_string()),
            "human" => e.human.push(value.to_string()),
            _ => panic!("{}: unknown line `{line}`", path.display()),
        }
    }
    e
}

#[test]
fn corpus_cases_give_their_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect = parse_expect(&case.join("expect"));
        let out = sopc([
            OsStr::new("check"),
            OsStr::new("--format"),
            OsStr::new("short"),
            case.as_os_str(),
        ]);
        let short = text(&out);
        assert_eq!(
            out.status.code(),
            Some(expect.exit),
            "{name}:\n{}",
            head(&short)
        );
        for code in &expect.codes {
            assert!(
                short.contains(&format!("[{code}]")),
                "{name}: no {code} in\n{}",
                head(&short)
            );
        }
        for line in &expect.short {
            // Paths are printed as given; compare from the file name on.
            assert!(
                short.lines().any(|l| l.contains(line.as_str())),
                "{name}: no line `{line}` in\n{}",
                head(&short)
            );
        }
        if !expect.human.is_empty() {
            let out = sopc([
                OsStr::new("check"),
                OsStr::new("--color"),
                OsStr::new("never"),
                case.as_os_str(),
            ]);
            let human = text(&out);
            for line in &expect.human {
                assert!(
                    human.contains(line.as_str()),
                    "{name}: no `{line}` in\n{}",
                    head(&human)
                );
            }
            // A report never prints a whole long line.
            assert!(
                human.lines().all(|l| l.len() < 2_000),
                "{name}: long line printed"
            );
        }
    }
}

fn folder(org: &str, sops: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organisasi.yaml"), org).unwrap();
    for (name, bytes) in sops {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn check(dir: &Path) -> (Option<i32>, String) {
    let out = sopc([
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("short"),
        dir.as_os_str(),
    ]);
    (out.status.code(), text(&out))
}

#[test]
fn a_file_larger_than_the_limit_is_not_parsed() {
    let mut big = SOP.as_bytes().to_vec();
    big.extend(std::iter::repeat_n(b'#', sopc::limits::MAX_FILE_BYTES));
    let dir = folder(ORG, &[("uji.yaml", &big)]);
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("[sop::file::too-large]"), "{out}");
}

#[test]
fn a_fifo_is_not_read() {
    let dir = folder(ORG, &[]);
    let fifo = dir.path().join("uji.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // In a folder it is skipped; named on the command line it is refused.
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(0), "{out}");
    let out = sopc([OsStr::new("check"), fifo.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("is not a regular file"),
        "{}",
        text(&out)
    );
}

#[test]
fn logo_files_outside_the_folder_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("sops");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(outer.path().join("rahasia.png"), b"\x89PNG").unwrap();
    std::fs::write(dir.join("uji.yaml"), SOP).unwrap();
    // (logo path, expected code, how to make the file)
    type Case = (&'static str, &'static str, fn(&Path));
    let cases: [Case; 4] = [
        ("link.png", "sop::file::outside-folder", |d| {
            std::os::unix::fs::symlink(d.join("../rahasia.png"), d.join("link.png")).unwrap()
        }),
        ("naik/rahasia.png", "sop::file::outside-folder", |d| {
            std::os::unix::fs::symlink("..", d.join("naik")).unwrap()
        }),
        ("pipa.png", "sop::file::unreadable", |d| {
            assert!(
                Command::new("mkfifo")
                    .arg(d.join("pipa.png"))
                    .status()
                    .unwrap()
                    .success()
            )
        }),
        ("map.png", "sop::file::unreadable", |d| {
            std::fs::create_dir(d.join("map.png")).unwrap()
        }),
    ];
    for (logo, code, make) in cases {
        make(&dir);
        std::fs::write(dir.join("organisasi.yaml"), format!("{ORG}logo: {logo}\n")).unwrap();
        let (exit, out) = check(&dir);
        assert_eq!(exit, Some(1), "{logo}: {out}");
        assert!(out.contains(&format!("[{code}]")), "{logo}: {out}");
    }
}

#[test]
fn odd_command_line_arguments_are_usage_errors() {
    let dir = folder(ORG, &[("uji.yaml", SOP.as_bytes())]);
    let not_utf8 = OsStr::from_bytes(b"\xff\xfe.yaml");
    let file = dir.path().join("organisasi.yaml");
    let runs: Vec<Vec<&OsStr>> = vec![
        vec![OsStr::new("check"), not_utf8],
        vec![OsStr::new("check"), OsStr::new("")],
        vec![
            OsStr::new("build"),
            OsStr::new("--jam-kerja"),
            OsStr::new("NaN"),
            dir.path().as_os_str(),
        ],
        vec![
            OsStr::new("build"),
            OsStr::new("--jam-kerja"),
            OsStr::new("inf"),
            dir.path().as_os_str(),
        ],
        vec![
            OsStr::new("build"),
            OsStr::new("--out"),
            file.as_os_str(),
            dir.path().as_os_str(),
        ],
        vec![OsStr::new("check"), OsStr::new("--format"), not_utf8],
        vec![OsStr::new("\u{202e}check")],
    ];
    for args in runs {
        let out = sopc(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
    }
}

#[test]
fn build_writes_only_into_the_output_folder() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("sops");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("organisasi.yaml"), ORG).unwrap();
    std::fs::write(dir.join("uji.yaml"), SOP).unwrap();
    // A hidden file is not an SOP; a file name that is not an id is an error, and
    // neither becomes an output file name.
    let other = SOP.replace("1/2/3", "1/2/4");
    std::fs::write(dir.join("..uji.yaml"), &other).unwrap();
    std::fs::write(dir.join("Bad Name.yaml"), &other).unwrap();
    let out_dir = outer.path().join("keluar");
    let out = sopc([
        OsStr::new("build"),
        OsStr::new("--out"),
        out_dir.as_os_str(),
        dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let mut outside: Vec<String> = std::fs::read_dir(outer.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    outside.sort();
    assert_eq!(outside, ["keluar", "sops"]);
    assert!(out_dir.join("uji.pdf").is_file());
    assert!(!out_dir.join("Bad Name.pdf").exists());
}

/// Markup, attribute breakers and `javascript:` in every kind of field a page shows.
const INJECTIONS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "'><svg onload=alert(1)>",
];

#[test]
fn text_from_yaml_cannot_inject_markup_or_links() {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let all = INJECTIONS.map(quote).join(", ");
    let first = quote(INJECTIONS[0]);
    let second = quote(INJECTIONS[1]);
    let org = format!(
        "pemerintah: {first}\ninstansi: {second}\nsingkatan: {}\n\
         pengesah: {{ jabatan: {first}, nama: {second}, nip: \"19641222 198903 1 009\" }}\n\
         dasar_hukum:\n  dh-1: {first}\n\
         pelaksana:\n  kadin: {{ jabatan: {first}, singkatan: {second} }}\n  sekretaris: {{ jabatan: {} }}\n",
        quote(INJECTIONS[3]),
        quote(INJECTIONS[2]),
    );
    let sop = format!(
        "nomor: {first}\nnama: {second}\ntanggal: {{ pembuatan: 2020-01-02, efektif: 2020-01-02 }}\n\
         dasar_hukum: [dh-1]\nkualifikasi_pelaksana: [{all}]\nperalatan: [{all}]\n\
         peringatan: [{all}]\npencatatan: [{all}]\nmasukan: [{all}]\n\
         keterkaitan: [{}]\n\
         identifikasi: {{ tugas: [{all}], output: {first}, aspek: {second} }}\n\
         kegiatan: {{ ruang_lingkup: {first} }}\n\
         pelaksana: [kadin, sekretaris]\nlangkah:\n\
         \x20 - {{ id: a, pelaksana: kadin, kegiatan: {first}, kelengkapan: [{all}], waktu: 5 menit, output: {second}, keterangan: {} }}\n\
         \x20 - {{ pelaksana: sekretaris, kegiatan: {second}, kelengkapan: [{second}], waktu: 5 menit, output: {first},\n\
         \x20     keputusan: {{ pertanyaan: {first}, tidak: a, label: [{first}, {second}] }} }}\n\
         \x20 - {{ pelaksana: kadin, kegiatan: {}, kelengkapan: [{first}], waktu: 5 menit, output: {second} }}\n",
        INJECTIONS
            // Not the SOP's own nama: that would be a self-reference (an error).
            .map(|s| format!("{{ luar: {} }}", quote(&format!("{s} lain"))))
            .join(", "),
        quote(INJECTIONS[2]),
        quote(INJECTIONS[3]),
    );
    let dir = folder(&org, &[("uji.yaml", sop.as_bytes())]);
    let out = tempfile::tempdir().unwrap();
    let run = sopc([
        OsStr::new("build"),
        OsStr::new("--out"),
        out.path().as_os_str(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", head(&text(&run)));
    for page in ["uji.html", "index.html"] {
        let html = std::fs::read_to_string(out.path().join(page)).unwrap();
        // The payloads are there as text…
        assert!(html.contains("alert(1)"), "{page}: text missing");
        // …and never as markup, an attribute or a link: no tag of the page holds a
        // payload (escaped text holds no `<`).
        let mut rest = html.as_str();
        while let Some(i) = rest.find('<') {
            let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
            let tag = &rest[i..end];
            // Outside its quoted attribute values, a tag holds only our names.
            let bare: String = tag.split('"').step_by(2).collect();
            for bad in ["alert", "onerror", "onload", "javascript"] {
                assert!(!bare.contains(bad), "{page}: `{bad}` in tag {tag}");
            }
            // A link or a source is never a payload.
            for attr in ["href=\"", "src=\""] {
                if let Some(k) = tag.find(attr) {
                    let value = &tag[k + attr.len()..];
                    for bad in ["alert", "javascript", "&"] {
                        let value = value.split('"').next().unwrap_or("");
                        assert!(!value.contains(bad), "{page}: `{bad}` in link {tag}");
                    }
                }
            }
            rest = &rest[end..];
        }
    }
}

/// A secret outside the folder that no run may print.
const SECRET: &str = "RAHASIA-7f3a: root:x:0:0";

#[test]
fn inputs_that_lead_out_of_the_folder_are_refused_unread() {
    let outer = tempfile::tempdir().unwrap();
    let secret = outer.path().join("passwd");
    std::fs::write(&secret, format!("{SECRET}\n{SECRET}\n")).unwrap();
    // An SOP file that is a link out of the folder, next to a good one.
    let dir = outer.path().join("sops");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("organisasi.yaml"), ORG).unwrap();
    std::fs::write(dir.join("uji.yaml"), SOP).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("x.yaml")).unwrap();
    // A link inside the folder is read as the file it names.
    std::os::unix::fs::symlink("uji.yaml", dir.join("sama.yaml")).unwrap();
    for args in [
        vec![OsStr::new("check"), dir.as_os_str()],
        vec![
            OsStr::new("check"),
            dir.join("x.yaml").as_os_str().to_owned().leak(),
        ],
    ] {
        let out = sopc(&args);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(!all.contains("RAHASIA"), "secret printed:\n{all}");
        assert!(all.contains("sop::file::outside-folder"), "{all}");
    }
    // organisasi.yaml as a link out of the folder.
    let org_dir = outer.path().join("org");
    std::fs::create_dir(&org_dir).unwrap();
    std::fs::write(dir.join("organisasi.yaml"), ORG).unwrap();
    std::os::unix::fs::symlink(&secret, org_dir.join("organisasi.yaml")).unwrap();
    std::fs::write(org_dir.join("uji.yaml"), SOP).unwrap();
    let out = sopc([OsStr::new("check"), org_dir.as_os_str()]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(!all.contains("RAHASIA"), "secret printed:\n{all}");
    assert!(all.contains("sop::file::outside-folder"), "{all}");
    assert!(!all.contains("sop::file::empty"), "{all}");

    // --templates with a link out of its folder.
    std::fs::remove_file(dir.join("x.yaml")).unwrap();
    let templates = outer.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(&secret, templates.join("page.html")).unwrap();
    let out_dir = outer.path().join("keluar");
    let out = sopc([
        OsStr::new("build"),
        OsStr::new("--templates"),
        templates.as_os_str(),
        OsStr::new("--out"),
        out_dir.as_os_str(),
        dir.as_os_str(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(!all.contains("RAHASIA"), "secret printed:\n{all}");
    assert!(all.contains("leads out of the templates folder"), "{all}");

    // A `fonts` link planted in the output folder is not written through.
    let elsewhere = outer.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::create_dir_all(&out_dir).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out_dir.join("fonts")).unwrap();
    let out = sopc([
        OsStr::new("build"),
        OsStr::new("--out"),
        out_dir.as_os_str(),
        dir.as_os_str(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("is a symbolic link"), "{all}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn no_command_writes_over_a_source_or_a_file_of_another_kind() {
    let dir = folder(ORG, &[("uji.yaml", SOP.as_bytes())]);
    let sop = dir.path().join("uji.yaml");
    let org = dir.path().join("organisasi.yaml");
    let notes = dir.path().join("catatan.txt");
    std::fs::write(&notes, "catatan").unwrap();
    let graph = |out: &Path, force: bool| {
        let mut args = vec![
            OsStr::new("graph"),
            dir.path().as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ];
        if force {
            args.push(OsStr::new("--force"));
        }
        sopc(args)
    };
    for target in [&sop, &org] {
        for force in [false, true] {
            let out = graph(target, force);
            assert_eq!(out.status.code(), Some(2), "{}", text(&out));
            assert!(text(&out).contains("source file"), "{}", text(&out));
        }
    }
    assert_eq!(std::fs::read_to_string(&sop).unwrap(), SOP);
    assert_eq!(std::fs::read_to_string(&org).unwrap(), ORG);
    let out = graph(&notes, false);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--force"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "catatan");
    assert_eq!(graph(&notes, true).status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .starts_with("digraph")
    );
    // A file of its own kind is replaced.
    let dot = dir.path().join("alur.dot");
    std::fs::write(&dot, "lama").unwrap();
    assert_eq!(graph(&dot, false).status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&dot).unwrap(), "lama");
}

#[test]
fn fmt_keeps_mode_group_links_and_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // The keys out of order, so that fmt rewrites it.
    let shuffled = format!(
        "nama: Prosedur Uji\n{}",
        SOP.replace("nama: Prosedur Uji\n", "")
    );
    let dir = folder(ORG, &[]);
    let d = dir.path();
    std::fs::write(d.join("rahasia.yaml"), &shuffled).unwrap();
    std::fs::set_permissions(
        d.join("rahasia.yaml"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::fs::write(d.join("grup.yaml"), &shuffled).unwrap();
    std::fs::set_permissions(d.join("grup.yaml"), std::fs::Permissions::from_mode(0o664)).unwrap();
    std::fs::create_dir(d.join("asli")).unwrap();
    std::fs::write(d.join("asli/target.yaml"), &shuffled).unwrap();
    std::os::unix::fs::symlink("asli/target.yaml", d.join("tautan.yaml")).unwrap();
    std::fs::write(d.join("keras.yaml"), &shuffled).unwrap();
    std::fs::hard_link(d.join("keras.yaml"), d.join("asli/kedua.yaml")).unwrap();
    let before_gid = std::fs::metadata(d.join("grup.yaml")).unwrap().gid();
    let out = sopc([OsStr::new("fmt"), d.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mode = |p: &str| std::fs::metadata(d.join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("rahasia.yaml"), 0o600);
    assert_eq!(mode("grup.yaml"), 0o664);
    assert_eq!(
        std::fs::metadata(d.join("grup.yaml")).unwrap().gid(),
        before_gid
    );
    assert!(
        std::fs::symlink_metadata(d.join("tautan.yaml"))
            .unwrap()
            .is_symlink()
    );
    let formatted = std::fs::read_to_string(d.join("rahasia.yaml")).unwrap();
    assert_ne!(formatted, shuffled);
    assert_eq!(
        std::fs::read_to_string(d.join("asli/target.yaml")).unwrap(),
        formatted
    );
    assert_eq!(std::fs::metadata(d.join("keras.yaml")).unwrap().nlink(), 2);
    assert_eq!(
        std::fs::read_to_string(d.join("asli/kedua.yaml")).unwrap(),
        formatted
    );
}

/// Runs sopc with its standard output and error closed by their reader before it
/// writes anything; returns the exit code.
fn with_closed_pipes(args: &[&OsStr]) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap().code()
}

#[test]
fn a_closed_pipe_stops_printing_and_never_panics() {
    let sops = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops");
    let sop = sops.join("pengelolaan-surat-keluar.yaml");
    let broken = folder(
        ORG,
        &[("uji.yaml", SOP.replace("kadin", "tidak-ada").as_bytes())],
    );
    let out = tempfile::tempdir().unwrap();
    let book = out.path().join("buku.pdf");
    let s = |x: &'static str| OsStr::new(x);
    let runs: Vec<(Vec<&OsStr>, i32)> = vec![
        (vec![s("check"), sops.as_os_str()], 0),
        (vec![s("check"), broken.path().as_os_str()], 1),
        (
            vec![
                s("check"),
                s("--format"),
                s("json"),
                broken.path().as_os_str(),
            ],
            1,
        ),
        (
            vec![
                s("check"),
                s("--format"),
                s("github"),
                broken.path().as_os_str(),
            ],
            1,
        ),
        (
            vec![
                s("check"),
                s("--format"),
                s("short"),
                broken.path().as_os_str(),
            ],
            1,
        ),
        (vec![s("check"), s("nothing-here")], 2),
        (vec![s("stats"), sops.as_os_str()], 0),
        (vec![s("graph"), sops.as_os_str()], 0),
        (vec![s("dump"), sop.as_os_str()], 0),
        (
            vec![s("buku"), sops.as_os_str(), s("--dump"), s("layout")],
            0,
        ),
        (
            vec![s("buku"), sops.as_os_str(), s("--out"), book.as_os_str()],
            0,
        ),
        (vec![s("schema")], 0),
        (
            vec![
                s("build"),
                sops.as_os_str(),
                s("--out"),
                out.path().as_os_str(),
            ],
            0,
        ),
    ];
    for (args, code) in runs {
        assert_eq!(with_closed_pipes(&args), Some(code), "{args:?}");
    }
    // The build finished its files.
    for f in [
        "index.html",
        "fonts/OFL.txt",
        "pengelolaan-surat-keluar.pdf",
    ] {
        assert!(out.path().join(f).is_file(), "{f}");
    }
    assert!(book.is_file());
}

#[test]
fn terminal_output_escapes_control_characters() {
    let name = OsStr::from_bytes(b"a\x1b]0;judul\x07.yaml");
    let sop = SOP.replace("masukan: Surat", "masukan: Surat\n\"\\e[2Jkunci\": 1");
    let dir = folder(ORG, &[]);
    std::fs::write(dir.path().join(name), &sop).unwrap();
    std::fs::write(dir.path().join("uji.yaml"), &sop).unwrap();
    for format in ["human", "short", "github"] {
        let out = sopc([
            OsStr::new("check"),
            OsStr::new("--color"),
            OsStr::new("never"),
            OsStr::new("--format"),
            OsStr::new(format),
            dir.path().as_os_str(),
        ]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(!all.contains(['\u{1b}', '\u{7}']), "{format}: {all:?}");
        assert!(all.contains("<U+001B>"), "{format}: {all}");
    }
}

#[test]
fn diagrams_of_awkward_text_are_valid_for_their_readers() {
    let awkward = r#""Surat \"resmi\" <b>&amp; a\\b {x} [y] | ; -- '' #""#;
    let sop = SOP.replace("kegiatan: Menerima surat", &format!("kegiatan: {awkward}"));
    let dir = folder(ORG, &[("uji.yaml", sop.as_bytes())]);
    for (format, reader) in [
        ("dot", vec!["dot", "-Tsvg"]),
        ("bpmn", vec!["xmllint", "--noout", "-"]),
    ] {
        let out = sopc([
            OsStr::new("graph"),
            OsStr::new("--format"),
            OsStr::new(format),
            dir.path().as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let mut child = Command::new(reader[0])
            .args(&reader[1..])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", reader[0]));
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&out.stdout).unwrap();
        let read = child.wait_with_output().unwrap();
        assert!(
            read.status.success() && read.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&read.stderr)
        );
    }
}

#[test]
fn user_templates_are_bounded_and_tried_before_writing() {
    let dir = folder(ORG, &[("uji.yaml", SOP.as_bytes())]);
    let outer = tempfile::tempdir().unwrap();
    let templates = outer.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    let out_dir = outer.path().join("keluar");
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_sopc"))
            .args([OsStr::new("build"), OsStr::new("--templates")])
            .arg(&templates)
            .arg("--out")
            .arg(&out_dir)
            .arg(dir.path())
            .output()
            .unwrap()
    };
    // A file sopc does not know is not read, even if it is no template at all.
    std::fs::write(templates.join("lain.html"), "{% if %}").unwrap();
    let out = build();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    std::fs::remove_dir_all(&out_dir).unwrap();
    // Too large.
    std::fs::write(templates.join("index.html"), "x".repeat(300 * 1024)).unwrap();
    let out = build();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("larger than"), "{}", text(&out));
    assert!(!out_dir.exists());
    // A loop of 10^10 iterations ends with an error, before any file is written.
    std::fs::write(
        templates.join("index.html"),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let start = Instant::now();
    let out = build();
    assert!(start.elapsed() < Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("to render a page"), "{}", text(&out));
    assert!(!out_dir.exists());
}

#[test]
fn an_sop_with_errors_loses_its_old_outputs() {
    let dir = folder(ORG, &[("uji.yaml", SOP.as_bytes())]);
    let out_dir = tempfile::tempdir().unwrap();
    let build = || {
        sopc([
            OsStr::new("build"),
            OsStr::new("--out"),
            out_dir.path().as_os_str(),
            dir.path().as_os_str(),
        ])
    };
    assert_eq!(build().status.code(), Some(0));
    assert!(out_dir.path().join("uji.pdf").is_file());
    std::fs::write(
        dir.path().join("uji.yaml"),
        SOP.replace("- pelaksana: kadin", "- pelaksana: tidak-ada"),
    )
    .unwrap();
    let out = build();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!out_dir.path().join("uji.pdf").exists());
    assert!(!out_dir.path().join("uji.html").exists());
    assert!(
        text(&out).contains("uji.pdf (its SOP has errors now)"),
        "{}",
        text(&out)
    );
}

#[test]
fn new_refuses_what_the_check_would_refuse() {
    let roles: String = (1..=13)
        .map(|i| format!("  r{i}: {{ jabatan: Peran {i} }}\n"))
        .collect();
    let dir = folder(
        &format!("{ORG}{roles}").replace("pelaksana:\n", "pelaksana:\n"),
        &[],
    );
    let lanes: Vec<String> = (1..=13).map(|i| format!("r{i}")).collect();
    let new = |name: &str, lanes: &str| {
        sopc([
            OsStr::new("new"),
            OsStr::new(name),
            OsStr::new("--pelaksana"),
            OsStr::new(lanes),
            OsStr::new("--dir"),
            dir.path().as_os_str(),
        ])
    };
    let out = new("Prosedur Uji", &lanes.join(","));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("at most 12"), "{}", text(&out));
    for bad in [
        "Surat\u{7} Keluar",
        "Surat \u{202e}Keluar",
        "Surat 😀",
        "Index",
    ] {
        let out = new(bad, "kadin");
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", text(&out));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Diacritics are kept as their letters; the new file checks clean.
    let out = new("Ñandú Pengaduan", "kadin,sekretaris");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(dir.path().join("nandu-pengaduan.yaml").is_file());
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(0), "{out}");
}
