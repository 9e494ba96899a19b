//! `sopc new "Nama SOP"`: a new SOP file, `<folder>/<id>.yaml`, with every section in
//! canonical order, a comment (in Indonesian, for the SOP's authors) explaining each
//! field, and sample steps that already check clean: one step per lane, at least two,
//! each step's kelengkapan being the previous step's output. An existing file is never
//! overwritten.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::{Config, EXIT_OK};
use crate::load::{self, SopText};
use crate::model::lower::is_valid_id;
use crate::model::{Date, ORGANISATION_FILE, Organisation};
use crate::suggest;

/// Checked settings of `sopc new`.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// *Nama SOP*.
    pub name: String,
    /// Lane ids (empty: the first two roles of the roster).
    pub lanes: Vec<String>,
    /// The folder of SOPs.
    pub dir: PathBuf,
}

/// The file id made from an SOP's name: lower-case ASCII words joined by `-`, at most
/// 64 bytes, cut at a word.
pub fn slug(name: &str) -> String {
    // Letters with diacritics keep their base letter (`Ñandú` → `nandu`).
    let name: String = unicode_normalization::UnicodeNormalization::nfd(name)
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(|c| {
            let s = match c {
                'ß' => "ss",
                'æ' => "ae",
                'Æ' => "AE",
                'ø' => "o",
                'Ø' => "O",
                'đ' => "d",
                'Đ' => "D",
                'ł' => "l",
                'Ł' => "L",
                'ı' => "i",
                _ => "",
            };
            if s.is_empty() {
                vec![c]
            } else {
                s.chars().collect()
            }
        })
        .collect();
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        let extra = usize::from(!out.is_empty()) + word.len();
        if out.len() + extra > 64 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// Today's date (UTC) from the system clock.
pub(crate) fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The calendar date of a day counted from 1970-01-01 (H. Hinnant's algorithm).
fn civil(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(2000),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// A YAML scalar for a text: plain when that reads back as the same text, else quoted.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !text.ends_with(char::is_whitespace)
        && !text.contains(": ")
        && !text.contains(" #")
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off"
        )
        && !text.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

struct Sample {
    activity: &'static str,
    time: &'static str,
    output: &'static str,
}

const FIRST: Sample = Sample {
    activity: "Menerima berkas dan meneruskannya untuk diproses",
    time: "10 menit",
    output: "Berkas untuk diproses",
};
const MIDDLE: Sample = Sample {
    activity: "Memeriksa dan mengolah berkas",
    time: "30 menit",
    output: "Berkas yang sudah diolah",
};
const LAST: Sample = Sample {
    activity: "Menyusun hasil dan menyelesaikan proses",
    time: "1 jam",
    output: "Hasil proses",
};
const INPUT: &str = "Berkas masuk";

/// The text of a new SOP file.
pub fn template(
    name: &str,
    lanes: &[String],
    org: &Organisation,
    date: Date,
    modeline: bool,
) -> String {
    let mut o = String::new();
    if modeline {
        o.push_str("# yaml-language-server: $schema=sop.schema.json\n");
    }
    let office = org
        .abbreviation
        .as_ref()
        .map_or("INSTANSI", |a| a.value.as_str());
    let iso = date.iso();
    let legal: Vec<&str> = org
        .legal_bases
        .iter()
        .map(|l| l.id.value.as_str())
        .collect();
    let _ = write!(
        o,
        r#"# SOP baru dari `sopc new`. Isi setiap bagian, lalu periksa dengan `sopc check`.
# Kunci yang tidak dipakai boleh dihapus. Format lengkap: docs/format.md.

# Nomor SOP seperti tercetak; bagian yang kosong diisi saat pengesahan.
nomor: "/ /{office}/{year}"
# Nama SOP (judul).
nama: {name}
# Baris unit pada kop SOP ini, mis. TIM BAGIAN UMUM; null bila tidak ada.
unit: null
# Tanggal ditulis TTTT-BB-HH (atau TTTT-BB tanpa hari). pembuatan: selesai disusun; revisi: null bila belum
# pernah direvisi (tercetak "-"); efektif: mulai berlaku, biasanya tanggal pengesahan.
tanggal:
  pembuatan: {iso}
  revisi: null
  efektif: {iso}
# Pejabat pengesah SOP ini, bila berbeda dari `pengesah` di organisasi.yaml:
# pengesah:
#   jabatan: Kepala Dinas
#   nama: Nama Lengkap, Gelar
#   pangkat: Pembina Utama Muda
#   nip: "19641222 198903 1 009"
# Peringatan `sopc check` yang diterima untuk SOP ini, dengan alasannya, misalnya
# naskah asli tanpa kolom Kelengkapan (allow: tidak dilaporkan; deny: menjadi galat):
# periksa:
#   sop::mutu::missing-kelengkapan: allow
# Dasar hukum: id dari `dasar_hukum` di organisasi.yaml{legal_note}.
dasar_hukum: []
# Kualifikasi pelaksana: apa yang harus dikuasai para pelaksana.
kualifikasi_pelaksana: []
# Keterkaitan: id SOP lain di folder ini (nama berkas tanpa .yaml), atau
# {{ luar: "SOP tentang ..." }} untuk SOP yang tidak ada di folder ini.
keterkaitan: []
# Peralatan/perlengkapan yang dipakai.
peralatan: []
# Peringatan: akibat bila SOP tidak dilaksanakan.
peringatan: []
# Pencatatan dan pendataan: catatan yang disimpan.
pencatatan: []
# Baris identitas lain sesudah bagian yang biasa, mis.
#   - {{ judul: Maksud dan Tujuan, isi: [Sebagai pedoman ...] }}
identitas_lain: []
# Identifikasi judul SOP berdasarkan tugas dan fungsi; tulis pasal yang dirujuk,
# mis. "(Pasal 12 ayat 2)".
identifikasi:
  unit_kerja:
    eselon_ii: null
    eselon_iii: null
    eselon_iv: null
  tugas: []
  fungsi: []
  sub_fungsi: []
  output: null
  aspek: null
# Lembar kerja identifikasi kegiatan, A. Data Kegiatan.
kegiatan:
  jenis: rutin  # rutin atau penugasan
  penanggung_jawab:
    produk: null
    kegiatan: null
  ruang_lingkup: null
# Masukan: kelengkapan yang datang dari luar prosedur (tidak dihasilkan langkah mana pun).
masukan: [{input}]
# Gaya cetak SOP ini bila berbeda dari `gaya` di organisasi.yaml,
# mis. {{ lembar_kerja: true }}; lihat docs/format.md.
gaya: {{}}
# Pelaksana: lajur flowchart, id dari `pelaksana` di organisasi.yaml, urut kolom.
pelaksana: [{lanes}]
# Terminator kosong di atas langkah pertama dan di bawah langkah terakhir, seperti
# digambar banyak kantor (langkah pertama/terakhir lalu digambar sebagai proses):
# mulai: atas
# selesai: bawah
# Langkah: satu baris flowchart per langkah, dinomori 1, 2, 3, ... sesuai urutan.
#   pelaksana: id lajur, atau daftar id bila dikerjakan bersama-sama, atau
#     {{ atau: [id, id] }} bila dikerjakan salah satu dari mereka
#   simbol: mulai, selesai, proses atau keputusan (bawaan: langkah pertama dan terakhir
#     terminator, keputusan belah ketupat, selebihnya proses); teks: tulisan di simbol
#   kegiatan: kata kerja aktif tanpa pelaksana sebagai subjek ("Memeriksa berkas")
#   kelengkapan, waktu, output: mutu baku; kelengkapan adalah output langkah sebelumnya
#     atau masukan; waktu: "5 menit", "1,5 jam", "2 hari", "1-2 hari kerja", "1 minggu"
#   keterangan: catatan
#   id: nama langkah, bila langkah lain melompat ke sini
#   keputusan: menjadikan langkah belah ketupat dengan dua jalan keluar, mis.
#     keputusan: {{ pertanyaan: Berkas lengkap?, tidak: <id langkah>, label: [Lengkap, Tidak] }}
#     atau lebih dari dua jalan keluar: keputusan: {{ cabang: [{{ label: A, ke: <id> }}, ...] }}
#   lanjut: id langkah berikutnya bila bukan langkah sesudahnya (hanya maju), atau
#     daftar id untuk alur paralel
#   informasi: id langkah yang menerima panah informasi (garis titik-titik)
#   lalu: simbol kedua di baris yang sama: {{ id, pelaksana, simbol, teks, keputusan, lanjut }}
#   tahap: awal, utama atau akhir (lembar kerja B dan C); bawaan: langkah pertama awal,
#     terakhir akhir, selebihnya utama
langkah:
"#,
        year = date.year,
        name = scalar(name),
        legal_note = if legal.is_empty() {
            String::new()
        } else {
            format!(" ({})", legal.join(", "))
        },
        input = scalar(INPUT),
        lanes = lanes.join(", "),
    );
    let n = lanes.len().max(2);
    let mut need = INPUT;
    for i in 0..n {
        let sample = if i == 0 {
            &FIRST
        } else if i + 1 == n {
            &LAST
        } else {
            &MIDDLE
        };
        let actor = lanes.get(i % lanes.len().max(1)).map_or("", String::as_str);
        let _ = write!(
            o,
            "  - pelaksana: {actor}\n    kegiatan: {}\n    kelengkapan: [{}]\n    waktu: {}\n    output: {}\n",
            scalar(sample.activity),
            scalar(need),
            sample.time,
            scalar(sample.output),
        );
        need = sample.output;
    }
    o
}

fn read_org(dir: &Path) -> anyhow::Result<Organisation> {
    let path = dir.join(ORGANISATION_FILE);
    if !path.is_file() {
        bail!(
            "no `{ORGANISATION_FILE}` in `{}`: a folder of SOPs needs one for its roster of pelaksana (see docs/format.md)",
            dir.display()
        );
    }
    let bytes = std::fs::read(&path).with_context(|| format!("reading `{}`", path.display()))?;
    let project = load::load_texts(dir.to_path_buf(), SopText { path, bytes }, Vec::new());
    project
        .workspaces
        .into_iter()
        .next()
        .map(|ws| ws.org)
        .context("reading the organisation file")
}

/// Runs `sopc new`: checks the name and lanes, then writes the file.
pub fn run(config: &Config, opts: &NewOptions) -> anyhow::Result<i32> {
    let name = opts.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(c) = name.chars().find(|&c| {
        crate::model::lower::text_rules::is_control(c)
            || crate::model::lower::text_rules::lacks_glyph(c)
    }) {
        bail!(
            "the Nama SOP holds U+{:04X}, a control character or one the PDF font lacks; write it without",
            u32::from(c)
        );
    }
    let id = slug(&name);
    if crate::load::RESERVED_IDS.contains(&id.as_str()) {
        bail!("`{id}` is the name of a file sopc writes; choose another Nama SOP");
    }
    if !is_valid_id(&id) {
        bail!(
            "cannot make a file name from `{}`: write the Nama SOP with letters or digits",
            opts.name
        );
    }
    let org = read_org(&opts.dir)?;
    let lanes: Vec<String> = if opts.lanes.is_empty() {
        org.roster
            .iter()
            .filter(|r| !r.external)
            .take(2)
            .map(|r| r.id.value.clone())
            .collect()
    } else {
        opts.lanes
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    if lanes.len() > crate::limits::MAX_LANES {
        bail!(
            "an SOP has at most {} pelaksana (lanes); --pelaksana names {}",
            crate::limits::MAX_LANES,
            lanes.len()
        );
    }
    if lanes.is_empty() {
        bail!(
            "name the lanes with --pelaksana (roster ids of organisasi.yaml, separated by commas)"
        );
    }
    for (i, lane) in lanes.iter().enumerate() {
        if lanes[..i].contains(lane) {
            bail!("`{lane}` is named twice in --pelaksana");
        }
        if org.role(lane).is_none() {
            let ids = org.roster.iter().map(|r| r.id.value.as_str());
            let hint = suggest::did_you_mean(lane, ids)
                .map(|h| format!("{h} "))
                .unwrap_or_default();
            bail!(
                "`{lane}` is not in the roster of `{}`; {hint}add it there or use one of its ids",
                opts.dir.join(ORGANISATION_FILE).display()
            );
        }
    }
    let modeline = opts.dir.join("sop.schema.json").is_file();
    let text = template(&name, &lanes, &org, today(), modeline);
    let path = opts.dir.join(format!("{id}.yaml"));
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "`{}` already exists; edit it, or give the new SOP another name",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("creating `{}`", path.display())),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing `{}`", path.display()))?;
    if !config.quiet {
        crate::say!("wrote {}", path.display());
        // The SOP book lists its SOPs in the order of `buku.urutan`; a new SOP is not in
        // it yet (sopc check warns), and its place there is the office's choice.
        if org.book.as_ref().is_some_and(|b| !b.order.is_empty()) {
            crate::say!(
                "note: add `{id}` to `buku.urutan` in {} to place it in the SOP book",
                opts.dir.join(ORGANISATION_FILE).display()
            );
        }
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{SopText, load_texts};
    use crate::test_util::ORG;

    #[test]
    fn slugs() {
        assert_eq!(slug("Pengelolaan Surat Keluar"), "pengelolaan-surat-keluar");
        assert_eq!(
            slug("  Penanganan Pengaduan (Pra-Izin) / 2020 "),
            "penanganan-pengaduan-pra-izin-2020"
        );
        assert_eq!(slug("Kepala Sub Bagian – Umum"), "kepala-sub-bagian-umum");
        assert_eq!(slug("–"), "");
        assert_eq!(slug("Ñandú Straße Łódź"), "nandu-strasse-lodz");
        assert_eq!(slug("Pe\u{301}rizinan"), "perizinan");
        assert!(slug(&"kata ".repeat(40)).len() <= 64);
    }

    #[test]
    fn civil_dates() {
        let d = civil(0);
        assert_eq!((d.year, d.month, d.day), (1970, 1, 1));
        let d = civil(18_263);
        assert_eq!((d.year, d.month, d.day), (2020, 1, 2));
        let d = civil(19_782);
        assert_eq!((d.year, d.month, d.day), (2024, 2, 29));
    }

    #[test]
    fn scalars_read_back_as_written() {
        assert_eq!(scalar("Surat Keluar"), "Surat Keluar");
        assert_eq!(scalar("Izin: Usaha"), "\"Izin: Usaha\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2020 Laporan"), "\"2020 Laporan\"");
        assert_eq!(scalar("[baru]"), "\"[baru]\"");
    }

    fn check(text: &str) -> crate::diag::Diagnostics {
        let project = load_texts(
            "t".into(),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: ORG.as_bytes().to_vec(),
            },
            vec![SopText {
                path: "t/baru.yaml".into(),
                bytes: text.as_bytes().to_vec(),
            }],
        );
        let mut d = project.diags.clone();
        d.extend(crate::check::run(&project.workspaces[0]));
        d
    }

    #[test]
    fn the_template_checks_clean_for_one_to_three_lanes() {
        let org = load_texts(
            "t".into(),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: ORG.as_bytes().to_vec(),
            },
            Vec::new(),
        )
        .workspaces
        .remove(0)
        .org;
        let date = civil(20_000);
        for lanes in [vec!["a"], vec!["a", "b"], vec!["a", "b", "c"]] {
            let lanes: Vec<String> = lanes.into_iter().map(String::from).collect();
            for name in ["Surat Keluar", "Izin: Usaha \"Baru\""] {
                let text = template(name, &lanes, &org, date, false);
                let d = check(&text);
                assert!(d.is_empty(), "{lanes:?} {name}: {d:?}\n{text}");
                let sop = crate::test_util::project(&text)
                    .workspaces
                    .remove(0)
                    .sops
                    .remove(0);
                assert_eq!(sop.title(), name);
                assert_eq!(sop.steps.len(), lanes.len().max(2));
            }
        }
    }
}
