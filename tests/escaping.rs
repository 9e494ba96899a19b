//! Escaping everywhere, with the fields generated from the shape of the files
//! (`sopc::model::shape`) rather than listed by hand: every text field of
//! `organisasi.yaml` (with its roster and `buku`) and of an SOP file gets its own payload
//! holding markup, quotes and an ampersand; `sopc build` and `sopc buku` must then show
//! the payloads in every HTML page they write (the SOP's page, `index.html`, the book)
//! only as text, never as a tag or inside a broken attribute.
//!
//! The base files below set every text field that the shape has (a test fails when the
//! shape grows a field they lack). A payload the checker refuses in its field (a NIP must
//! be a NIP) is put back to the base value and named in the failure message if it is not
//! one of those.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sopc::model::shape::{self, Kind};

const ORG: &str = r#"
pemerintah: Pemerintah Kabupaten Contoh
instansi: Dinas Contoh Kabupaten Contoh
singkatan: DINCON
pengesah:
  jabatan: Kepala DINCON
  nama: BUDI SANTOSO, S.Sos.
  pangkat: Pembina
  nip: "19700101 199003 1 001"
dasar_hukum:
  dh-1: Peraturan Bupati Contoh Nomor 1 Tahun 2019
pelaksana:
  kadin: { jabatan: Kepala Dinas, singkatan: Kadin }
  sekretaris: { jabatan: Sekretaris }
  pemohon: { jabatan: Pemohon, eksternal: true }
  staf: Pengadministrasi Umum
buku:
  tahun: 2021
  keputusan:
    nomor: "800/1/DINCON/2021"
    tentang: Standar Operasional Prosedur
    tempat: Kota Contoh
    tanggal: 2021-03-01
    menimbang: [Bahwa perlu SOP]
    mengingat: [Undang-Undang Nomor 1]
    diktum: [Menetapkan SOP]
    pejabat: Bupati Contoh
  penjelasan:
    ruang_lingkup: Berlaku di lingkungan Dinas Contoh.
    ringkasan: Dokumen ini memuat SOP.
    definisi: { SOP: Standar Operasional Prosedur }
  urutan: [uji]
gaya:
  kop: [DINAS CONTOH]
  pernyataan_tte: Ditandatangani secara elektronik
  judul: { no: No, kegiatan: Kegiatan, pelaksana: Pelaksana, mutu_baku: Mutu Baku, kelengkapan: Kelengkapan, waktu: Waktu, output: Output, keterangan: Keterangan }
periksa: { sop::style::branch-in-words: warn }
"#;

const SOP: &str = r#"
nomor: "1/2/3"
nama: Prosedur Uji
tanggal: { pembuatan: 2021-03-01, revisi: 2021-03-02, efektif: 2021-03-03 }
dasar_hukum: [dh-1]
kualifikasi_pelaksana: [Memahami tata naskah]
peralatan: [Komputer]
peringatan: [Jika tidak dilaksanakan, surat terlambat]
pencatatan: [Buku agenda]
masukan: [Surat]
keterkaitan: [{ luar: SOP Lain }]
identifikasi:
  tugas: [Tugas]
  fungsi: [Fungsi]
  sub_fungsi: [Sub fungsi]
  output: Surat keluar
  aspek: Aspek
  unit_kerja: { eselon_ii: Dinas, eselon_iii: Bidang, eselon_iv: Seksi }
kegiatan:
  ruang_lingkup: Ruang lingkup
  jenis: rutin
  penanggung_jawab: { produk: Produk, kegiatan: Kegiatan }
pengesah:
  jabatan: Sekretaris
  nama: SITI, S.E.
  pangkat: Penata
  nip: "19800101 200501 2 001"
unit: Bidang Uji
identitas_lain: [{ judul: Maksud dan Tujuan, isi: [Sebagai pedoman] }]
gaya:
  tanda_tangan: elektronik
  kop: [DINAS CONTOH]
  pernyataan_tte: Ditandatangani secara elektronik
  judul: { no: No, kegiatan: Kegiatan, pelaksana: Pelaksana, mutu_baku: Mutu Baku, kelengkapan: Kelengkapan, waktu: Waktu, output: Output, keterangan: Keterangan }
periksa: { sop::style::branch-in-words: warn }
pelaksana: [kadin, { kelompok: Sekretariat, pelaksana: [sekretaris] }]
langkah:
  - id: a
    pelaksana: kadin
    teks: Mulai
    kegiatan: Menerima surat
    kelengkapan: [Surat]
    waktu: 5 menit
    output: Surat diterima
    keterangan: Keterangan
  - pelaksana: sekretaris
    kegiatan: Memeriksa surat
    kelengkapan: [Surat diterima]
    waktu: 5 menit
    output: Surat diperiksa
    lalu:
      pelaksana: kadin
      teks: Cek
      keputusan: { pertanyaan: Lengkap?, tidak: a, label: [Ya, Tidak] }
  - pelaksana: kadin
    kegiatan: Memilih tindak lanjut
    kelengkapan: [Surat diperiksa]
    waktu: 5 menit
    output: Pilihan
    keputusan: { cabang: [{ label: Arsip, ke: d }, { label: Kirim, ke: e }] }
  - id: d
    pelaksana: sekretaris
    kegiatan: Menyiapkan arsip
    kelengkapan: [Pilihan]
    waktu: 5 menit
    output: Berkas
    lalu:
      pelaksana: kadin
      keputusan: { cabang: [{ label: Simpan, ke: e }, { label: Pinjam, ke: f }] }
  - id: e
    pelaksana: kadin
    kegiatan: Mengirim surat
    kelengkapan: [Pilihan]
    waktu: 5 menit
    output: Surat terkirim
    keputusan: { pertanyaan: Terkirim?, tidak: d, label: [Ya, Tidak] }
  - id: f
    pelaksana: sekretaris
    kegiatan: Mengarsipkan surat
    kelengkapan: [Berkas]
    waktu: 5 menit
    output: Arsip
"#;

/// The payload of field number `n`: its number between marks, then a tag, quotes and
/// an ampersand.
fn payload(n: usize) -> String {
    format!("«{n}» <xq a=\"1\">'&amp;</xq>")
}

/// Text fields filled: payload number -> (path in the shape, base value as JSON).
#[derive(Default)]
struct Fill {
    fields: Vec<(String, String)>,
}

impl Fill {
    fn text(&mut self, v: &mut Value, path: &str) {
        let n = self.fields.len();
        self.fields
            .push((path.to_string(), serde_json::to_string(v).unwrap()));
        *v = Value::String(payload(n));
    }
}

/// Puts a payload in every text value of `v`, read as `kind`.
fn fill(v: &mut Value, kind: &Kind, path: &str, f: &mut Fill) {
    match (kind, &mut *v) {
        (Kind::Text, Value::String(_) | Value::Number(_) | Value::Bool(_)) => f.text(v, path),
        (Kind::Texts | Kind::TextPair, Value::Array(items)) => {
            for item in items {
                fill(item, &Kind::Text, path, f);
            }
        }
        (Kind::Texts, _) => fill(v, &Kind::Text, path, f),
        (Kind::Map(shape), Value::Object(map)) => {
            for (k, val) in map.iter_mut() {
                if let Some(field) = shape.field(k) {
                    fill(val, &field.kind, &format!("{path}.{k}"), f);
                }
            }
        }
        (Kind::List(k), Value::Array(items)) => {
            for item in items {
                fill(item, k, &format!("{path}[]"), f);
            }
        }
        (Kind::OneOrList(k), Value::Array(items)) => {
            for item in items {
                fill(item, k, &format!("{path}[]"), f);
            }
        }
        (Kind::OneOrList(k), _) => fill(v, k, &format!("{path}[]"), f),
        (Kind::Dict(k), Value::Object(map)) => {
            for val in map.values_mut() {
                fill(val, k, &format!("{path}.*"), f);
            }
        }
        (Kind::Glossary(k), Value::Object(map)) => {
            let old = std::mem::take(map);
            for (key, mut val) in old {
                let mut term = Value::String(key);
                f.text(&mut term, &format!("{path}.<term>"));
                fill(&mut val, k, &format!("{path}.*"), f);
                map.insert(term.as_str().unwrap().to_string(), val);
            }
        }
        (Kind::Either(kinds), _) => {
            let pick = kinds.iter().find(|k| {
                matches!(
                    (k, &*v),
                    (Kind::Map(_), Value::Object(_))
                        | (Kind::Dict(_) | Kind::Glossary(_), Value::Object(_))
                        | (
                            Kind::List(_) | Kind::OneOrList(_) | Kind::Texts | Kind::TextPair,
                            Value::Array(_)
                        )
                        | (Kind::Text | Kind::Texts, Value::String(_))
                )
            });
            if let Some(k) = pick {
                fill(v, k, path, f);
            }
        }
        _ => {}
    }
}

/// Every path of a text field in the shape.
fn text_paths(kind: &Kind, path: &str, out: &mut BTreeSet<String>) {
    match kind {
        Kind::Text | Kind::Texts | Kind::TextPair => {
            out.insert(path.to_string());
        }
        Kind::Map(shape) => {
            for field in shape.fields {
                text_paths(&field.kind, &format!("{path}.{}", field.key), out);
            }
        }
        Kind::List(k) | Kind::OneOrList(k) => text_paths(k, &format!("{path}[]"), out),
        Kind::Dict(k) => text_paths(k, &format!("{path}.*"), out),
        Kind::Glossary(k) => {
            out.insert(format!("{path}.<term>"));
            text_paths(k, &format!("{path}.*"), out);
        }
        Kind::Either(kinds) => {
            for k in *kinds {
                text_paths(k, path, out);
            }
        }
        _ => {}
    }
}

fn parse(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).unwrap()
}

fn sopc(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sopc"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_text_field_is_escaped_in_every_html_output() {
    let mut f = Fill::default();
    let mut org = parse(ORG);
    fill(
        &mut org,
        &Kind::Map(&shape::ORGANISATION),
        "organisasi",
        &mut f,
    );
    let mut sop = parse(SOP);
    fill(&mut sop, &Kind::Map(&shape::SOP), "sop", &mut f);

    // Every text field of the shape has a value in the base files.
    let mut want = BTreeSet::new();
    text_paths(&Kind::Map(&shape::ORGANISATION), "organisasi", &mut want);
    text_paths(&Kind::Map(&shape::SOP), "sop", &mut want);
    let have: BTreeSet<String> = f.fields.iter().map(|(p, _)| p.clone()).collect();
    // The logo is a file name, never shown as text.
    want.remove("organisasi.logo");
    let missing: Vec<&String> = want.difference(&have).collect();
    assert!(
        missing.is_empty(),
        "text fields the base files of this test do not set: {missing:?}"
    );

    // Payloads the checker refuses in their field go back to the base value.
    let dir = tempfile::tempdir().unwrap();
    let sops = dir.path().join("sops");
    std::fs::create_dir(&sops).unwrap();
    let mut texts = [
        serde_json::to_string_pretty(&org).unwrap(),
        serde_json::to_string_pretty(&sop).unwrap(),
    ];
    let mut reverted: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..20 {
        std::fs::write(sops.join("organisasi.yaml"), &texts[0]).unwrap();
        std::fs::write(sops.join("uji.yaml"), &texts[1]).unwrap();
        let out = sopc(&["check", "--format", "json", "sops"], dir.path());
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<&Value> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        if errors.is_empty() {
            break;
        }
        let mut undone = false;
        for d in errors {
            let file = if d["file"].as_str().unwrap().ends_with("organisasi.yaml") {
                0
            } else {
                1
            };
            let span = &d["span"];
            let (a, b) = (
                span["offset"].as_u64().unwrap() as usize,
                span["offset"].as_u64().unwrap() as usize
                    + span["length"].as_u64().unwrap() as usize,
            );
            let line_start = texts[file][..a].rfind('\n').map_or(0, |i| i + 1);
            let line_end = texts[file][b..]
                .find('\n')
                .map_or(texts[file].len(), |i| b + i);
            let line = texts[file][line_start..line_end].to_string();
            for (n, (path, base)) in f.fields.iter().enumerate() {
                let p = serde_json::to_string(&payload(n)).unwrap();
                if line.contains(&p) {
                    texts[file] = texts[file].replace(&p, base);
                    *reverted
                        .entry(format!("{path} ({})", d["code"]))
                        .or_default() += 1;
                    undone = true;
                }
            }
        }
        assert!(undone, "errors not caused by a payload: {json:#}");
    }
    // Only fields whose text the checker reads (not free text) may be put back: a NIP,
    // and a `luar` title, which two payloads differing in their number make a near match
    // of the SOP's own nama (a self-reference; tests/hostile.rs covers `luar` escaping).
    for path in reverted.keys() {
        assert!(
            path.contains(".nip ")
                || path.ends_with("(\"sop::identity::nip\")")
                || path.contains(".luar (\"sop::ref::self\")"),
            "a payload refused in {path}"
        );
    }

    let out = sopc(&["build", "sops", "-o", "out", "-q"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book = sopc(&["buku", "sops", "-o", "out/buku.pdf", "-q"], dir.path());
    assert_eq!(
        book.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&book.stderr)
    );

    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir.path().join("out")).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "html") {
            pages.push(p);
        }
    }
    pages.sort();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["buku.html", "index.html", "uji.html"]);
    let mut shown = BTreeSet::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            !html.contains("<xq") && !html.contains("</xq"),
            "{}: a payload is markup: {}",
            page.display(),
            &html[html.find("xq").unwrap().saturating_sub(200)..][..300]
        );
        for n in 0..f.fields.len() {
            if html.contains(&format!("«{n}»")) {
                shown.insert(n);
            }
        }
    }
    // The payloads are there as text: most fields are shown somewhere.
    let not_shown: Vec<&str> = (0..f.fields.len())
        .filter(|n| !shown.contains(n))
        .map(|n| f.fields[n].0.as_str())
        .collect();
    assert!(
        shown.len() * 10 >= f.fields.len() * 8,
        "only {} of {} payloads shown; not shown: {not_shown:?}",
        shown.len(),
        f.fields.len()
    );
}
