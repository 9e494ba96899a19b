//! The flowchart table as an office lays it out, end to end on `examples/sel-tabel/`:
//! the Mutu Baku columns in the office's order and words, the column numbers, a group
//! heading over lanes, a system lane, merged and textual waktu, italics and links, in
//! the display list, the PDF and the HTML.

use std::path::Path;
use std::process::Command;

const SOPC: &str = env!("CARGO_BIN_EXE_sopc");

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/sel-tabel")
        .to_string_lossy()
        .into_owned()
}

fn dump(sop: &str) -> String {
    let out = Command::new(SOPC)
        .args([
            "dump",
            "--stage",
            "layout",
            &format!("{}/{sop}.yaml", example()),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The texts of the dump in drawing order, with their face.
fn texts(dump: &str) -> Vec<(String, String)> {
    dump.lines()
        .filter(|l| l.trim_start().starts_with("text "))
        .map(|l| {
            let face = l.split_whitespace().nth(2).unwrap_or("").to_string();
            let text = l.split('"').nth(1).unwrap_or("").to_string();
            (face, text)
        })
        .collect()
}

fn have(name: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "`{name}` is needed for this test on CI"
        );
        eprintln!("note: `{name}` is not installed; skipping its check");
    }
    found
}

#[test]
fn the_table_in_the_office_order_and_words() {
    let d = dump("konsultasi-statistik");
    let t = texts(&d);
    let pos = |s: &str| {
        t.iter()
            .position(|(_, x)| x == s)
            .unwrap_or_else(|| panic!("no {s:?} in {t:?}"))
    };
    // Headings in the office's words, Mutu Baku as Kelengkapan, Output, Waktu.
    for h in ["Aktivitas", "Output", "Waktu", "Ket", "BSP Provinsi"] {
        pos(h);
    }
    assert!(!t.iter().any(|(_, x)| x == "Kegiatan" || x == "Keterangan"));
    let x_of = |s: &str| -> f64 {
        d.lines()
            .find(|l| l.ends_with(&format!("{s:?}")) && l.contains("bold"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|xy| xy.split(',').next())
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no heading {s}"))
    };
    assert!(x_of("Output") < x_of("Waktu"), "Output before Waktu");
    // The system lane is marked in italics under its heading.
    let sys = pos("(sistem)");
    assert_eq!(t[sys].0, "italic");
    assert_eq!(t[sys - 1].1, "Aplikasi PST");
    // The column numbers 1 to 10: No, Aktivitas, 4 lanes, 3 Mutu Baku, Ket.
    let ten = pos("10");
    let numbers: Vec<&str> = t[ten - 9..=ten].iter().map(|(_, x)| x.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    // Waktu as written: "-", a text, a count times an amount; the merged cell once.
    for w in ["-", "Sesuai", "1 x 24 jam", "2 hari"] {
        pos(w);
    }
    assert_eq!(t.iter().filter(|(_, x)| x == "3 hari kerja").count(), 1);
    // Italics and links are pieces of their lines.
    let fb = pos("feedback");
    assert_eq!(t[fb].0, "italic");
    assert!(d.contains("link=pengolahan-data.html"), "{d}");
    assert!(d.contains("link=https://pst.contoh.go.id"), "{d}");
    // The total: 3 hari kerja (of 7.5 h) + 1 x 24 jam = 1350 + 1440 = 2790 minutes = 6
    // working days (2700) + 90; 2 hari apart; step 4 (a text) named, step 1 (`-`) not.
    let note = pos("Tanpa waktu:");
    assert_eq!(t[note + 1].1, "langkah 4 (Sesuai");
    let total: Vec<&str> = t[pos("Jumlah waktu (jalur utama)") + 1..note]
        .iter()
        .map(|(_, x)| x.as_str())
        .collect();
    assert_eq!(total.join(" "), "6 hari kerja 1 jam 30 menit + 2 hari");
}

#[test]
fn an_sop_leaves_the_kelengkapan_column_out() {
    let t = texts(&dump("pengolahan-data"));
    assert!(t.iter().any(|(_, x)| x == "Output"));
    assert!(!t.iter().any(|(_, x)| x.contains("Kelengkapan")));
    assert!(!t.iter().any(|(_, x)| x == "Data mentah"));
    let totals: Vec<&str> = t
        .iter()
        .skip_while(|(_, x)| x != "Jumlah waktu (jalur utama)")
        .skip(1)
        .map(|(_, x)| x.as_str())
        .take_while(|x| !x.starts_with("SOP "))
        .collect();
    // 1 minggu = 7 hari; 1 triwulan + 1 semester = 9 bulan.
    assert_eq!(totals.join(" "), "9 bulan 1 minggu");
}

#[test]
fn pdf_and_html_draw_the_italic_face_and_the_links() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(SOPC)
        .args(["build", &example(), "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("konsultasi-statistik.html")).unwrap();
    assert!(html.contains("<i>feedback</i>"), "{html}");
    assert!(html.contains("href=\"pengolahan-data.html\""), "{html}");
    assert!(html.contains("href=\"https://pst.contoh.go.id\""), "{html}");
    assert!(dir.path().join("fonts/LiberationSans-Italic.ttf").is_file());
    let pdf = dir.path().join("konsultasi-statistik.pdf");
    if have("pdffonts") {
        let out = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&out.stdout);
        assert!(fonts.contains("+LiberationSans-Italic"), "{fonts}");
    }
    if have("pdfinfo") {
        let out = Command::new("pdfinfo")
            .arg("-url")
            .arg(&pdf)
            .output()
            .unwrap();
        if out.status.success() {
            let urls = String::from_utf8_lossy(&out.stdout);
            assert!(urls.contains("pengolahan-data.pdf"), "{urls}");
            assert!(urls.contains("https://pst.contoh.go.id"), "{urls}");
        }
    }
}

#[test]
fn stats_list_a_system_after_the_persons_and_say_so() {
    let out = Command::new(SOPC)
        .args(["stats", &example(), "--format", "json", "--by", "role"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let roles = v["roles"].as_array().unwrap();
    let last = roles.last().unwrap();
    // aplikasi-pst acts in 2 SOPs (one step each), more SOPs than any person, yet
    // comes last.
    assert_eq!(last["id"], "aplikasi-pst");
    assert_eq!(last["system"], true);
    assert_eq!(last["steps"], 2);
    assert!(
        roles[..roles.len() - 1]
            .iter()
            .all(|r| r["system"] == false)
    );
    let out = Command::new(SOPC)
        .args(["stats", &example(), "--by", "role"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Aplikasi Pelayanan (sistem)"), "{table}");
}
