//! Output integrity: a build or book stopped by SIGINT (Ctrl-C) or killed outright leaves every
//! output file whole (the previous version or the new one), and its temporary files are
//! removed, at once on SIGINT and by the next build after a kill; two builds writing one
//! folder at the same time both leave whole files.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// A folder of many SOPs: every SOP of `sops/`, `copies` times under other ids.
fn many_sops(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.path().join(&name), &text).unwrap();
        if name == "organisasi.yaml" {
            continue;
        }
        for k in 0..copies {
            // Each copy needs its own nomor.
            let copy = text.replacen("nomor: \"", &format!("nomor: \"{k}."), 1);
            std::fs::write(dir.path().join(format!("salinan-{k}-{name}")), copy).unwrap();
        }
    }
    dir
}

fn build(src: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(["build", "--quiet", "--out"])
        .arg(out)
        .arg(src)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Every file in `out` is whole; returns the number of PDFs.
fn assert_whole(out: &Path) -> usize {
    let mut pdfs = 0;
    for f in files(out) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".sopc-tmp"), "temporary file left: {name}");
        let bytes = std::fs::read(&f).unwrap();
        if name.ends_with(".pdf") {
            pdfs += 1;
            assert!(bytes.starts_with(b"%PDF-"), "{name}: no PDF header");
            let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]);
            assert!(tail.trim_end().ends_with("%%EOF"), "{name}: cut short");
        } else if name.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.trim_end().ends_with("</html>"), "{name}: cut short");
        }
    }
    pdfs
}

/// Waits until `out` holds at least `n` PDFs written since `since` (the build is under
/// way and still running).
fn wait_for_pdfs(out: &Path, n: usize, since: SystemTime, child: &mut Child) {
    let start = Instant::now();
    loop {
        let count = files(out)
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
            .filter(|f| {
                std::fs::metadata(f)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= since)
            })
            .count();
        if count >= n {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(start.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .arg(sig)
        .arg(child.id().to_string())
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig}");
}

#[test]
fn sigint_leaves_whole_files_and_no_temporaries() {
    let src = many_sops(1);
    let out = tempfile::tempdir().unwrap();
    // A first, complete build: the previous outputs.
    let done = build(src.path(), out.path()).wait_with_output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let all = assert_whole(out.path());
    assert_eq!(all, 14 * 2);

    // Change every SOP, then stop the rebuild midway.
    for f in files(src.path()) {
        let text = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, text.replace("5 menit", "6 menit")).unwrap();
    }
    let since = SystemTime::now();
    let mut child = build(src.path(), out.path());
    wait_for_pdfs(out.path(), 2, since, &mut child);
    signal(&child, "-INT");
    let stopped = child.wait_with_output().unwrap();
    assert_eq!(
        stopped.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&stopped.stderr)
    );
    // Old or new, every file is whole, and none is missing.
    assert_eq!(assert_whole(out.path()), all);

    // A complete build afterwards leaves no temporary file either.
    let again = build(src.path(), out.path()).wait_with_output().unwrap();
    assert!(again.status.success());
    assert_eq!(assert_whole(out.path()), all);
}

#[test]
fn a_killed_build_leaves_whole_files_and_the_next_cleans_up() {
    let src = many_sops(1);
    let out = tempfile::tempdir().unwrap();
    let since = SystemTime::now();
    let mut child = build(src.path(), out.path());
    wait_for_pdfs(out.path(), 3, since, &mut child);
    signal(&child, "-KILL");
    let _ = child.wait();
    // Killed outright, a temporary file may be left, but no output is cut short.
    for f in files(out.path()) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".sopc-tmp") {
            let bytes = std::fs::read(&f).unwrap();
            if name.ends_with(".pdf") {
                let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]);
                assert!(tail.trim_end().ends_with("%%EOF"), "{name}: cut short");
            }
        }
    }
    let again = build(src.path(), out.path()).wait_with_output().unwrap();
    assert!(again.status.success());
    assert_eq!(assert_whole(out.path()), 14 * 2);
}

#[test]
fn two_builds_into_one_folder_both_leave_whole_files() {
    let src = many_sops(1);
    let out = tempfile::tempdir().unwrap();
    let a = build(src.path(), out.path());
    let b = build(src.path(), out.path());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(assert_whole(out.path()), 14 * 2);
}

/// `sopc buku` writes its two files in pieces over several seconds for a large folder;
/// SIGINT or SIGTERM in the middle removes the half-written file and leaves no book.
#[test]
fn an_interrupted_book_leaves_no_half_file() {
    let src = many_sops(6);
    for sig in ["-INT", "-TERM"] {
        let out = tempfile::tempdir().unwrap();
        let book = out.path().join("buku.pdf");
        let mut child = Command::new(env!("CARGO_BIN_EXE_sopc"))
            .args(["buku", "--quiet", "--out"])
            .arg(&book)
            .arg(src.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the HTML is being written.
        let start = Instant::now();
        while !files(out.path())
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".sopc-tmp"))
        {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the book was done before it could be interrupted"
            );
            assert!(start.elapsed() < Duration::from_secs(120), "no progress");
            std::thread::sleep(Duration::from_millis(2));
        }
        signal(&child, sig);
        let stopped = child.wait_with_output().unwrap();
        assert_eq!(
            stopped.status.code(),
            Some(130),
            "{sig}: {}",
            String::from_utf8_lossy(&stopped.stderr)
        );
        assert_eq!(files(out.path()), Vec::<PathBuf>::new(), "{sig}");
    }
}
