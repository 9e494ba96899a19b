//! `sopc stats` on the real SOPs of `sops/`, against figures computed by hand from the
//! YAML files (each sum is written out below), and its exit codes.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn sopc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = sopc(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sop<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["sops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn role<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn steps(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

#[test]
fn figures_match_the_hand_computed_ones() {
    let v = json(&["stats", "sops", "--format", "json"]);
    assert_eq!(v["hours_per_day"], 8.0);
    assert_eq!(v["sops"].as_array().unwrap().len(), 14);

    // pengelolaan-surat-keluar: 5 + 15 + 10 + 5 + 5 = 40 minutes; lanes kadin,
    // sekretaris, kabid, kasubbag-umpeg; one decision (step 4, loop back to step 3).
    let s = sop(&v, "pengelolaan-surat-keluar");
    assert_eq!(
        (s["steps"].as_u64(), s["actors"].as_u64()),
        (Some(5), Some(4))
    );
    assert_eq!(s["decisions"], 1);
    assert_eq!(steps(&s["main_path"]["steps"]), [1, 2, 3, 4, 5]);
    assert_eq!(s["main_path"]["minutes"], 40.0);
    assert_eq!(s["main_path"]["human"], "40 menit");
    assert_eq!(s["longest_path"]["minutes"], 40.0);
    assert_eq!(s["longest_step"]["number"], 2);
    assert_eq!(s["longest_step"]["waktu"], "15 menit");

    // penanganan-pengaduan-pra-izin: 30 + 5 + 30 + 30 + 20 + 5 + 10 + 10 = 140 working
    // minutes = 2 h 20 min, and 1 hari + 1 hari = 2 calendar days, kept apart. Seven
    // actors (step 6 is kasi-survey-pengaduan with tim-teknis). Steps 5 and 6 both take
    // a day: the first of equals is the longest step.
    let s = sop(&v, "penanganan-pengaduan-pra-izin");
    assert_eq!(
        (s["steps"].as_u64(), s["actors"].as_u64()),
        (Some(10), Some(7))
    );
    assert_eq!(s["decisions"], 0);
    assert_eq!(s["main_path"]["minutes"], 140.0);
    assert_eq!(s["main_path"]["days"], 2.0);
    assert_eq!(s["main_path"]["human"], "2 jam 20 menit + 2 hari");
    assert_eq!(s["longest_step"]["number"], 5);
    assert_eq!(s["longest_step"]["minutes"], 480.0);

    // penanganan-kerusakan-jaringan: the decision at step 6 goes on to 7 (ya) or jumps to
    // 9 (tidak). Ya: 10 + 15 + 5 + 30 + 5 + 10 + 5 + 20 + 5 = 105; tidak: 10 + 15 + 5 +
    // 30 + 5 + 10 + 5 = 80. Main path and longest path are the ya branch.
    let s = sop(&v, "penanganan-kerusakan-jaringan");
    assert_eq!(
        (s["steps"].as_u64(), s["actors"].as_u64()),
        (Some(9), Some(4))
    );
    assert_eq!(s["decisions"], 1);
    assert_eq!(steps(&s["main_path"]["steps"]), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(s["main_path"]["minutes"], 105.0);
    assert_eq!(s["main_path"]["human"], "1 jam 45 menit");
    assert_eq!(
        steps(&s["longest_path"]["steps"]),
        [1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
    assert_eq!(s["longest_step"]["number"], 4);

    // laporan-potensi-investasi: 5 + 5 + 15 + 5 + 10 + 10 + 5 = 55 working minutes, and
    // 15 hari + 1 hari = 16 calendar days; step 10 has no waktu.
    let s = sop(&v, "laporan-potensi-investasi");
    assert_eq!(s["main_path"]["minutes"], 55.0);
    assert_eq!(s["main_path"]["days"], 16.0);
    assert_eq!(s["main_path"]["human"], "55 menit + 16 hari");
    assert_eq!(steps(&s["main_path"]["without_waktu"]), [10]);
    assert_eq!(s["longest_step"]["waktu"], "15 hari");

    // inventarisasi-data-umkm: its decision (step 5) loops back to step 4; the main
    // path passes every step once: 15 + 15 + 60 (step 3) + 7 × 15 = 195.
    let s = sop(&v, "inventarisasi-data-umkm");
    assert_eq!(s["main_path"]["minutes"], 195.0);
    assert_eq!(s["main_path"]["human"], "3 jam 15 menit");

    // pendampingan-rat writes no waktu at all.
    let s = sop(&v, "pendampingan-rat");
    assert_eq!(s["main_path"]["minutes"], 0.0);
    assert_eq!(s["longest_step"], Value::Null);

    // The Kepala Dinas acts in 12 of the 14 SOPs (not in peminjaman-arsip nor
    // penyimpanan-folder-arsip), in 22 steps, and is the busiest role.
    let kadin = role(&v, "kadin");
    assert_eq!(kadin["sops"].as_array().unwrap().len(), 12);
    assert_eq!(kadin["steps"], 22);
    assert_eq!(kadin["title"], "Kepala Dinas");
    assert_eq!(v["roles"][0]["id"], "kadin");
    // kabid-datin: penanganan-kerusakan-jaringan steps 2, 6 (its decision) and 8: 15 +
    // 10 + 20; penanganan-pengaduan-pra-izin step 5: 1 hari (a calendar day);
    // peminjaman-arsip step 2 and penyimpanan-folder-arsip step 2: 5 + 5. 55 working
    // minutes and 1 day, 6 steps, 4 SOPs.
    let datin = role(&v, "kabid-datin");
    assert_eq!(datin["sops"].as_array().unwrap().len(), 4);
    assert_eq!(datin["minutes"], 55.0);
    assert_eq!(datin["days"], 1.0);
    assert_eq!(datin["human"], "55 menit + 1 hari");
    assert_eq!(datin["steps"], 6);
    assert_eq!(datin["decisions"], 1);
}

/// A folder of one SOP whose working day is 6 hours, with working days, calendar days,
/// a text and `-` as waktu.
fn six_hour_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fail/organisasi.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("organisasi.yaml"),
        format!("{org}jam_kerja: 6\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("enam-jam.yaml"),
        r#"nomor: "800/1/DC/2020"
nama: Enam Jam
tanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }
masukan: [Surat]
pelaksana: [kadin, sekretaris]
langkah:
  - { pelaksana: sekretaris, kegiatan: Menerima surat, kelengkapan: [Surat], waktu: 2 hari kerja, output: Agenda }
  - { pelaksana: kadin, kegiatan: Membaca surat, kelengkapan: [Agenda], waktu: 1 hari, output: Disposisi }
  - { pelaksana: sekretaris, kegiatan: Menyusun jawaban, kelengkapan: [Disposisi], waktu: 90 menit, output: Konsep }
  - { pelaksana: kadin, kegiatan: Menunggu rapat, kelengkapan: [Konsep], waktu: Sesuai kebutuhan, output: Konsep }
  - { pelaksana: sekretaris, kegiatan: Mengarsipkan surat, kelengkapan: [Konsep], waktu: "-", output: Arsip }
"#,
    )
    .unwrap();
    dir
}

#[test]
fn one_total_in_stats_index_and_flowchart_with_a_six_hour_day() {
    // jam_kerja 6: 2 hari kerja = 2 × 360 = 720, + 90 = 810 working minutes = 2 working
    // days (720) + 1 jam 30 menit; 1 hari is a calendar day, kept apart. Step 4 is a
    // text (not counted, named), step 5 is `-` (not counted, not named).
    let dir = six_hour_folder();
    let folder = dir.path().to_str().unwrap();
    let want = "2 hari kerja 1 jam 30 menit + 1 hari";
    let v = json(&["stats", folder, "--format", "json"]);
    let s = sop(&v, "enam-jam");
    assert_eq!(s["main_path"]["minutes"], 810.0);
    assert_eq!(s["main_path"]["days"], 1.0);
    assert_eq!(s["main_path"]["human"], want);
    assert_eq!(s["main_path"]["not_counted"][0]["number"], 4);
    assert_eq!(steps(&s["main_path"]["without_waktu"]), Vec::<u64>::new());
    // --jam-kerja overrides: 2 × 450 + 90 = 990 = 2 days of 7.5 h (900) + 90.
    let v = json(&["stats", folder, "--format", "json", "--jam-kerja", "7.5"]);
    assert_eq!(
        sop(&v, "enam-jam")["main_path"]["human"],
        "2 hari kerja 1 jam 30 menit + 1 hari"
    );
    let v = json(&["stats", folder, "--format", "json", "--jam-kerja", "4"]);
    // 2 × 240 + 90 = 570 = 2 days of 4 h (480) + 90.
    assert_eq!(
        sop(&v, "enam-jam")["main_path"]["human"],
        "2 hari kerja 1 jam 30 menit + 1 hari"
    );
    let v = json(&["stats", folder, "--format", "json", "--jam-kerja", "10"]);
    // 2 × 600 + 90 = 1290 = 2 days of 10 h (1200) + 90: the same words, other minutes.
    assert_eq!(sop(&v, "enam-jam")["main_path"]["minutes"], 1290.0);
    let v = json(&["stats", folder, "--format", "json", "--jam-kerja", "1"]);
    // 2 × 60 + 90 = 210 = 3 days of 1 h (180) + 30 minutes.
    assert_eq!(
        sop(&v, "enam-jam")["main_path"]["human"],
        "3 hari kerja 30 menit + 1 hari"
    );

    // The flowchart's total row and the index say the same.
    let out = sopc(&[
        "dump",
        "--stage",
        "layout",
        &format!("{folder}/enam-jam.yaml"),
    ]);
    let dump = String::from_utf8_lossy(&out.stdout);
    // The total cell is narrow: its text is broken into lines, drawn between the label
    // and the note.
    let cell: Vec<&str> = dump
        .lines()
        .skip_while(|l| !l.ends_with("\"Jumlah waktu (jalur utama)\""))
        .skip(1)
        .take_while(|l| !l.contains("Tanpa waktu"))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert_eq!(cell.join(" "), want, "{dump}");
    assert!(
        dump.contains("\"Tanpa waktu: langkah 4 (Sesuai kebutuhan)\""),
        "{dump}"
    );
    let out_dir = dir.path().join("dist");
    let out = sopc(&["build", folder, "--out", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(index.contains(want), "{index}");
    let out = sopc(&[
        "build",
        folder,
        "--out",
        out_dir.to_str().unwrap(),
        "--jam-kerja",
        "1",
    ]);
    assert!(out.status.success());
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(index.contains("3 hari kerja 30 menit + 1 hari"), "{index}");

    let out = sopc(&["stats", "sops", "--jam-kerja", "30"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn table_and_csv() {
    let out = sopc(&["stats", "sops"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("SOP "), "{text}");
    assert!(text.contains("pengelolaan-surat-keluar"), "{text}");
    assert!(text.contains("\nrole "), "{text}");

    let out = sopc(&["stats", "sops", "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,name,steps,actors,decisions,")
    );
    assert_eq!(lines.count(), 14);
    assert!(csv.contains(
        "\r\npengelolaan-surat-keluar,Pengelolaan Surat Keluar,5,4,1,40,40 menit,1 2 3 4 5,"
    ));

    let out = sopc(&["stats", "sops", "--format", "csv", "--by", "role"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with(
            "id,title,sops,sop_ids,steps,decisions,minutes,time\r\nkadin,Kepala Dinas,12,"
        ),
        "{csv}"
    );
    // A title with a comma is quoted.
    assert!(csv.contains(",\"Kepala Bidang Koperasi, Usaha Mikro, Kecil dan Menengah\","));
}

#[test]
fn an_sop_with_errors_is_left_out_and_the_exit_code_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sops = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops");
    for e in std::fs::read_dir(&sops).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("rusak.yaml"),
        "nomor: \"1/2\"\nnama: Rusak\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\npelaksana: [kadin]\nlangkah:\n  - { pelaksana: kadinn, kegiatan: Menerima }\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = sopc(&["stats", folder, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sops"].as_array().unwrap().len(), 14);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sop::actor::unknown"), "{err}");
    assert!(err.contains("rusak: left out"), "{err}");

    let out = sopc(&["stats", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
}
