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
    // Letters with diacritics keep their base letter (`Ñandú` → `nandu`), and the
    // compatibility forms their plain letters (`ǅ` → `dz`, `ﬁ` → `fi`).
    let name: String = unicode_normalization::UnicodeNormalization::nfkd(name)
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(|c| {
            let s = match c {
                'ß' => "ss",
                'æ' => "ae",
                'Æ' => "AE",
                'œ' => "oe",
                'Œ' => "OE",
                'ø' => "o",
                'Ø' => "O",
                'đ' => "d",
                'Đ' => "D",
                'ð' => "d",
                'Ð' => "D",
                'þ' => "th",
                'Þ' => "TH",
                'ħ' => "h",
                'Ħ' => "H",
                'ŧ' => "t",
                'Ŧ' => "T",
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

/// A YAML scalar for a text: plain when it is made only of letters, digits, spaces and
/// `( ) . / - '`, starts with a letter and is no YAML keyword (so that it reads back as
/// the same text in a block or a flow collection), else double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.starts_with(char::is_alphabetic)
        && !text.ends_with(char::is_whitespace)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " ()./-'".contains(c))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    let mut o = String::from('"');
    for c in text.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(o, "\\u{:04X}", u32::from(c));
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
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
/// The steps between the first and the last, one per lane: each its own kegiatan and
/// output, so that no two steps read alike (`sop::step::duplicate-kegiatan`).
const MIDDLE: [Sample; crate::limits::MAX_LANES - 2] = [
    Sample {
        activity: "Memeriksa kelengkapan berkas",
        time: "15 menit",
        output: "Berkas yang sudah diperiksa",
    },
    Sample {
        activity: "Mengolah berkas",
        time: "30 menit",
        output: "Berkas yang sudah diolah",
    },
    Sample {
        activity: "Memverifikasi hasil olahan",
        time: "15 menit",
        output: "Hasil olahan yang sudah diverifikasi",
    },
    Sample {
        activity: "Memberi paraf pada hasil olahan",
        time: "5 menit",
        output: "Hasil olahan yang sudah diparaf",
    },
    Sample {
        activity: "Menelaah hasil olahan dan memberi catatan",
        time: "30 menit",
        output: "Telaahan hasil olahan",
    },
    Sample {
        activity: "Menyempurnakan hasil olahan sesuai catatan",
        time: "30 menit",
        output: "Hasil olahan yang sudah disempurnakan",
    },
    Sample {
        activity: "Menyetujui hasil olahan",
        time: "10 menit",
        output: "Hasil olahan yang sudah disetujui",
    },
    Sample {
        activity: "Menandatangani hasil olahan",
        time: "5 menit",
        output: "Hasil olahan yang sudah ditandatangani",
    },
    Sample {
        activity: "Mencatat hasil dalam buku agenda",
        time: "5 menit",
        output: "Hasil yang sudah dicatat",
    },
    Sample {
        activity: "Menggandakan hasil",
        time: "10 menit",
        output: "Salinan hasil",
    },
];
const LAST: Sample = Sample {
    activity: "Menyusun hasil dan menyelesaikan proses",
    time: "1 jam",
    output: "Hasil proses",
};
/// The commented pengesah of an SOP whose office names one in organisasi.yaml.
const SIGNER_OWN: &str = r#"# Pejabat pengesah SOP ini, bila berbeda dari `pengesah` di organisasi.yaml:
# pengesah:
#   jabatan: Kepala Dinas
#   nama: Nama Lengkap, Gelar
#   pangkat: Pembina Utama Muda
#   nip: "19641222 198903 1 009"
"#;

/// The pengesah of an SOP whose office names none: a placeholder, so that the new SOP
/// checks clean (`sop::identity::no-signer`) until the real official is written here
/// or under `pengesah` in organisasi.yaml.
const SIGNER_PLACEHOLDER: &str = r#"# Pejabat pengesah SOP ini. organisasi.yaml belum punya `pengesah`: ganti data contoh
# ini dengan pejabat yang sebenarnya (NIP 18 angka), atau pindahkan ke organisasi.yaml
# agar berlaku untuk semua SOP.
pengesah:
  jabatan: Kepala Dinas
  nama: Nama Pejabat, Gelar
  pangkat: Pembina Utama Muda
  nip: "19700101 199003 1 001"
"#;

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
nomor: {nomor}
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
{signer}# Peringatan `sopc check` yang diterima untuk SOP ini, dengan alasannya, misalnya
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
        nomor = quoted(&format!("/ /{office}/{}", date.year)),
        name = scalar(name),
        signer = if org.signer.is_some() {
            SIGNER_OWN
        } else {
            SIGNER_PLACEHOLDER
        },
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
            &MIDDLE[(i - 1) % MIDDLE.len()]
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

/// The organisation of a folder, read under the rule of every input: a file whose real
/// path leaves the folder, or that is not a regular file, is refused unread. The second
/// value is true when the file has errors of its own.
fn read_org(dir: &Path) -> anyhow::Result<(Organisation, bool)> {
    let path = dir.join(ORGANISATION_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        bail!(
            "no `{ORGANISATION_FILE}` in `{}`: a folder of SOPs needs one for its roster of pelaksana (see docs/format.md)",
            dir.display()
        );
    }
    let root = std::fs::canonicalize(dir)
        .with_context(|| format!("reading folder `{}`", dir.display()))?;
    match load::confined(&root, &path) {
        Ok(_) => {}
        Err(load::Refusal::Outside) => bail!(
            "`{}` leads out of the folder of SOPs; it was not read (keep the file itself in the folder, not a link to a file elsewhere)",
            path.display()
        ),
        Err(load::Refusal::NotRegular) => bail!(
            "`{}` is not a regular file; it was not read",
            path.display()
        ),
    }
    let meta = std::fs::metadata(&path).with_context(|| format!("reading `{}`", path.display()))?;
    if meta.len() > crate::limits::MAX_FILE_BYTES as u64 {
        bail!(
            "`{}` is larger than {} MiB; `sopc check` shows where",
            path.display(),
            crate::limits::MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(&path).with_context(|| format!("reading `{}`", path.display()))?;
    let project = load::load_texts(dir.to_path_buf(), SopText { path, bytes }, Vec::new());
    let broken = project.diags.errors() > 0;
    project
        .workspaces
        .into_iter()
        .next()
        .map(|ws| (ws.org, broken))
        .context("reading the organisation file")
}

/// The lanes of the new SOP: those named with `--pelaksana`, each once and in the
/// roster, or else the first two roles of the office (preferring those inside it).
fn choose_lanes(opts: &NewOptions, org: &Organisation) -> anyhow::Result<Vec<String>> {
    let org_path = opts.dir.join(ORGANISATION_FILE);
    if org.roster.is_empty() {
        bail!(
            "`{}` lists no pelaksana: add the office's roles under `pelaksana:` (e.g. `kepala: {{ jabatan: Kepala Dinas }}`), then run `sopc new` again",
            org_path.display()
        );
    }
    if opts.lanes.is_empty() {
        let inside: Vec<String> = org
            .roster
            .iter()
            .filter(|r| !r.external && !r.system)
            .take(2)
            .map(|r| r.id.value.clone())
            .collect();
        if !inside.is_empty() {
            return Ok(inside);
        }
        return Ok(org
            .roster
            .iter()
            .take(2)
            .map(|r| r.id.value.clone())
            .collect());
    }
    let lanes: Vec<String> = opts
        .lanes
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
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
                org_path.display()
            );
        }
    }
    Ok(lanes)
}

/// An SOP file of the folder whose id is `id`, whatever the case of its extension
/// (`id.yml`, `id.YAML`): a second file of one id is an error of the check.
fn same_id(dir: &Path, id: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| load::is_sop_file(p) && p.file_stem().and_then(|s| s.to_str()) == Some(id))
}

/// Runs `sopc new`: checks the name and lanes, then writes the file.
pub fn run(config: &Config, opts: &NewOptions) -> anyhow::Result<i32> {
    // The check reads every text composed (NFC), so a name typed with combining
    // accents is the same name.
    let name: String = unicode_normalization::UnicodeNormalization::nfc(
        opts.name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
    .collect();
    if let Some(c) = name.chars().find(|&c| {
        crate::model::lower::text_rules::is_control(c)
            || crate::model::lower::text_rules::lacks_glyph(c)
    }) {
        bail!(
            "the Nama SOP holds U+{:04X}, a control character or one the PDF font lacks; write it without",
            u32::from(c)
        );
    }
    let chars = name.chars().count();
    if chars > crate::limits::MAX_TEXT_CHARS {
        bail!(
            "the Nama SOP is {chars} characters long, more than a text may hold ({}); write a shorter name",
            crate::limits::MAX_TEXT_CHARS
        );
    }
    let id = slug(&name);
    if crate::load::RESERVED_IDS.contains(&id.as_str()) {
        bail!("`{id}` is the name of a file sopc writes; choose another Nama SOP");
    }
    if !is_valid_id(&id) {
        bail!(
            "cannot make a file name from `{name}`: write the Nama SOP with Latin letters or digits"
        );
    }
    let (org, org_broken) = read_org(&opts.dir)?;
    let lanes = choose_lanes(opts, &org)?;
    if let Some(other) = same_id(&opts.dir, &id) {
        bail!(
            "`{}` already exists with the id `{id}`; edit it, or give the new SOP another name",
            other.display()
        );
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
    if org_broken {
        crate::say!(
            "note: {} has errors of its own; `sopc check` shows them",
            opts.dir.join(ORGANISATION_FILE).display()
        );
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
        assert_eq!(slug("ǅemal ﬁnal Þórr Ŧ"), "dzemal-final-thorr-t");
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
        assert_eq!(scalar("x:"), "\"x:\"");
        assert_eq!(scalar(".inf"), "\".inf\"");
        assert_eq!(scalar("Y"), "\"Y\"");
        assert_eq!(scalar("Surat (Baru) / Lama."), "Surat (Baru) / Lama.");
        assert_eq!(scalar("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
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
