//! Synthetic SOP folders for benchmarks: `organisasi.yaml` and N SOPs of 3 to 60 steps
//! in 2 to 10 lanes, with decisions that loop back or skip ahead, steps done by two
//! actors together, and short and long texts made of the words real SOPs use.
//!
//! The folder depends only on the seed: SOP number `k` is made from its own generator,
//! seeded with the seed and `k`, so a folder of 100 SOPs is the first 100 files of a
//! folder of 1,000. Every generated SOP checks clean (no error and no warning), which a
//! test asserts.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use crate::output::write_atomic;

/// SplitMix64: small, fast and the same on every platform. Not for cryptography.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// The roster: id, jabatan, singkatan. Titles differ by more than a few letters, so the
/// roster check sees no role spelled two ways.
const ROLES: [(&str, &str, Option<&str>); 30] = [
    ("kadin", "Kepala Dinas", Some("Kadin")),
    ("sekretaris", "Sekretaris", None),
    (
        "kasubbag-umpeg",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        Some("Kasubbag Umum dan Kepegawaian"),
    ),
    (
        "kasubbag-keuangan",
        "Kepala Sub Bagian Keuangan",
        Some("Kasubbag Keuangan"),
    ),
    (
        "kasubbag-program",
        "Kepala Sub Bagian Perencanaan dan Pelaporan",
        Some("Kasubbag Perencanaan"),
    ),
    ("bendahara", "Bendahara Pengeluaran", None),
    ("pengadministrasi", "Pengadministrasi Persuratan", None),
    ("pengelola-data", "Pengelola Data Statistik", None),
    ("arsiparis", "Arsiparis", None),
    ("pranata-komputer", "Pranata Komputer", None),
    (
        "kabid-perizinan",
        "Kepala Bidang Pelayanan Perizinan",
        Some("Kabid Perizinan"),
    ),
    (
        "kabid-koperasi",
        "Kepala Bidang Koperasi dan Usaha Mikro",
        Some("Kabid Koperasi"),
    ),
    (
        "kabid-investasi",
        "Kepala Bidang Penanaman Modal",
        Some("Kabid Penanaman Modal"),
    ),
    (
        "kabid-datin",
        "Kepala Bidang Data dan Informasi",
        Some("Kabid Datin"),
    ),
    (
        "kasi-pengaduan",
        "Kepala Seksi Survei dan Pengaduan",
        Some("Kasi Pengaduan"),
    ),
    (
        "kasi-kelembagaan",
        "Kepala Seksi Kelembagaan Koperasi",
        Some("Kasi Kelembagaan"),
    ),
    (
        "kasi-pembiayaan",
        "Kepala Seksi Pembiayaan Usaha",
        Some("Kasi Pembiayaan"),
    ),
    (
        "kasi-promosi",
        "Kepala Seksi Promosi Investasi",
        Some("Kasi Promosi"),
    ),
    (
        "kasi-sistem",
        "Kepala Seksi Sistem Informasi",
        Some("Kasi SI"),
    ),
    ("verifikator", "Verifikator Berkas", None),
    ("tim-teknis", "Tim Teknis Lapangan", None),
    ("penyuluh", "Penyuluh Koperasi", None),
    ("analis", "Analis Kebijakan", None),
    ("auditor", "Auditor Internal", None),
    ("operator", "Operator Layanan Daring", None),
    ("petugas-loket", "Petugas Loket Pelayanan", None),
    ("pemohon", "Pemohon", None),
    ("camat", "Camat", None),
    ("pelaku-usaha", "Pelaku Usaha", None),
    ("dinas-provinsi", "Dinas Koperasi Provinsi", None),
];

/// Roles outside the office.
const EXTERNAL: [&str; 4] = ["pemohon", "camat", "pelaku-usaha", "dinas-provinsi"];

const LEGAL: [(&str, &str); 4] = [
    (
        "perda-9-2016",
        "Peraturan Daerah Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
    ),
    (
        "perbup-14-2013",
        "Peraturan Bupati Nomor 14 Tahun 2013 tentang Pedoman Penyusunan Standar Operasional Prosedur",
    ),
    (
        "permenpan-35-2012",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012",
    ),
    (
        "perbup-58-2016",
        "Peraturan Bupati Nomor 58 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas",
    ),
];

const ASPECTS: [&str; 10] = [
    "Pengelolaan",
    "Penyusunan",
    "Pelayanan",
    "Penanganan",
    "Pendampingan",
    "Penilaian",
    "Verifikasi",
    "Pengarsipan",
    "Pelaporan",
    "Penerbitan",
];

const SUBJECTS: [&str; 16] = [
    "Surat Masuk",
    "Surat Keluar",
    "Izin Usaha Mikro",
    "Pengaduan Masyarakat",
    "Laporan Keuangan",
    "Rencana Kerja dan Anggaran",
    "Data Koperasi",
    "Arsip Dinamis",
    "Bantuan Modal Wirausaha",
    "Rapat Anggota Tahunan",
    "Potensi Investasi",
    "Kerusakan Jaringan",
    "Nota Dinas",
    "Perjalanan Dinas",
    "Barang Milik Daerah",
    "Sertifikat Halal",
];

const VERBS: [&str; 30] = [
    "Menerima",
    "Memeriksa",
    "Memverifikasi",
    "Menelaah",
    "Menyusun",
    "Mengonsep",
    "Mengetik",
    "Menandatangani",
    "Menyampaikan",
    "Mengagendakan",
    "Mendisposisikan",
    "Mengarsipkan",
    "Mencatat",
    "Menginput",
    "Mengirimkan",
    "Membuat",
    "Mengoreksi",
    "Menyetujui",
    "Meneruskan",
    "Mendistribusikan",
    "Menyiapkan",
    "Mengevaluasi",
    "Melaporkan",
    "Menghimpun",
    "Menganalisis",
    "Mengolah",
    "Memindai",
    "Mengunggah",
    "Merekapitulasi",
    "Mengklarifikasi",
];

const OBJECTS: [&str; 24] = [
    "surat permohonan",
    "berkas persyaratan",
    "dokumen perizinan",
    "laporan kegiatan",
    "data koperasi aktif",
    "konsep surat keputusan",
    "nota dinas",
    "rekapitulasi data UMKM",
    "daftar hadir",
    "berita acara pemeriksaan",
    "lembar disposisi",
    "formulir pendaftaran",
    "surat tugas",
    "rencana kerja dan anggaran",
    "laporan keuangan",
    "arsip dinamis",
    "bukti pembayaran retribusi",
    "hasil survei lapangan",
    "notulen rapat",
    "surat pengantar",
    "data usaha mikro",
    "proposal bantuan modal",
    "kartu kendali",
    "naskah dinas",
];

const TAILS: [&str; 16] = [
    "dari pemohon",
    "sesuai dengan ketentuan yang berlaku",
    "untuk ditindaklanjuti",
    "kepada Kepala Dinas",
    "ke dalam buku agenda",
    "melalui aplikasi perizinan daring",
    "beserta lampirannya",
    "secara lengkap dan benar",
    "paling lambat pada hari kerja berikutnya",
    "dengan memperhatikan kelengkapan administrasi",
    "kepada Sekretaris untuk diteliti",
    "ke Sub Bagian Umum dan Kepegawaian",
    "di ruang arsip",
    "sesuai dengan isi disposisi",
    "bersama tim teknis di lapangan",
    "dalam rangkap dua",
];

const DONE: [&str; 14] = [
    "diperiksa",
    "diverifikasi",
    "ditandatangani",
    "diagendakan",
    "didisposisi",
    "diarsipkan",
    "dicatat",
    "dikoreksi",
    "disetujui",
    "dikirim",
    "disusun",
    "direkap",
    "diparaf",
    "dipindai",
];

const WAKTU: [&str; 12] = [
    "5 menit",
    "10 menit",
    "15 menit",
    "30 menit",
    "45 menit",
    "1 jam",
    "1,5 jam",
    "2 jam",
    "1 hari",
    "1-2 hari",
    "3 hari kerja",
    "1 minggu",
];

const EQUIPMENT: [&str; 8] = [
    "Komputer/Printer/Scanner",
    "Tupoksi",
    "Buku agenda",
    "Aplikasi perizinan daring",
    "Jaringan internet",
    "Lemari arsip",
    "Alat tulis kantor",
    "Kendaraan dinas",
];

const SINGKATAN: &str = "DINKOPUKM";

/// The organisation file of a generated folder.
pub fn organisation() -> String {
    let mut s = String::from(
        "# Dibuat oleh `sopc bench generate`: organisasi contoh untuk pengukuran.\n\
         pemerintah: Pemerintah Kabupaten Contoh\n\
         instansi: Dinas Koperasi, Usaha Kecil dan Menengah Kabupaten Contoh\n",
    );
    let _ = writeln!(s, "singkatan: {SINGKATAN}");
    s.push_str(
        "kertas: a4\njam_kerja: 8\npengesah:\n  jabatan: Kepala Dinas Koperasi dan UKM\n  \
         nama: \"Dra. SITI AMINAH, M.Si.\"\n  pangkat: Pembina Utama Muda\n  \
         nip: \"19680517 199303 2 004\"\ndasar_hukum:\n",
    );
    for (id, text) in LEGAL {
        let _ = writeln!(s, "  {id}: {text}");
    }
    s.push_str("pelaksana:\n");
    for (id, title, short) in ROLES {
        let _ = write!(s, "  {id}: {{ jabatan: {title}");
        if let Some(short) = short {
            let _ = write!(s, ", singkatan: {short}");
        }
        if EXTERNAL.contains(&id) {
            s.push_str(", eksternal: true");
        }
        s.push_str(" }\n");
    }
    // What `sopc buku` needs to print no dotted lines; dated no later than the
    // earliest tgl. efektif the generator gives.
    s.push_str(
        "buku:\n  tahun: 2019\n  keputusan:\n    nomor: \"188.4/17/DINKOPUKM/2019\"\n    \
         tempat: Contoh\n    tanggal: 2019-01-01\n  penjelasan:\n    ruang_lingkup: \
         Standar Operasional Prosedur ini berlaku di lingkungan Dinas Koperasi, Usaha Kecil \
         dan Menengah Kabupaten Contoh.\n    ringkasan: Dokumen ini memuat Standar \
         Operasional Prosedur Administrasi Pemerintahan Dinas Koperasi, Usaha Kecil dan \
         Menengah Kabupaten Contoh.\n",
    );
    s
}

/// The file stem (id) of SOP number `k` of a folder made with `seed`.
pub fn sop_id(seed: u64, k: usize) -> String {
    let (aspect, subject) = title_parts(seed, k);
    format!(
        "{}-{}-{:04}",
        aspect.to_lowercase(),
        subject.to_lowercase().replace(' ', "-"),
        k + 1
    )
}

fn title_parts(seed: u64, k: usize) -> (&'static str, &'static str) {
    let mut rng = Rng::new(seed, k as u64);
    (rng.pick(&ASPECTS), rng.pick(&SUBJECTS))
}

fn sentence(rng: &mut Rng, long: bool) -> String {
    let clause = |rng: &mut Rng| {
        let mut c = format!("{} {}", rng.pick(&VERBS).to_lowercase(), rng.pick(&OBJECTS));
        if rng.chance(70) {
            c.push(' ');
            c.push_str(rng.pick(&TAILS));
        }
        c
    };
    let mut s = clause(rng);
    let extra = if long {
        rng.range(2, 5)
    } else {
        rng.range(0, 1)
    };
    for i in 0..extra {
        s.push_str(if i + 1 == extra { " dan " } else { ", " });
        s.push_str(&clause(rng));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => s,
    }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// SOP number `k` (0-based) of a folder made with `seed`, as YAML.
pub fn sop(seed: u64, k: usize) -> String {
    let (aspect, subject) = title_parts(seed, k);
    // A second stream, so the title and id do not depend on the body's draws.
    let mut rng = Rng::new(seed ^ 0x5EED, k as u64);
    let steps = match rng.range(0, 9) {
        0..=3 => rng.range(3, 12),
        4..=7 => rng.range(12, 30),
        _ => rng.range(30, 60),
    };
    let lanes = rng.range(2, 10).min(steps);
    let mut s = String::new();
    let _ = writeln!(s, "nomor: \"800/{}/{SINGKATAN}/2024\"", k + 1);
    let _ = writeln!(s, "nama: {aspect} {subject}");
    let (year, month, day) = (2019 + rng.range(0, 5), rng.range(1, 12), rng.range(1, 28));
    let _ = writeln!(
        s,
        "tanggal: {{ pembuatan: {year}-{month:02}-{day:02}, revisi: {}, efektif: {year}-{month:02}-{day:02} }}",
        if rng.chance(30) {
            format!("{}-01-15", year + 1)
        } else {
            "null".to_string()
        }
    );
    let legal: Vec<&str> = LEGAL
        .iter()
        .map(|(id, _)| *id)
        .filter(|_| rng.chance(60))
        .collect();
    if !legal.is_empty() {
        let _ = writeln!(s, "dasar_hukum: [{}]", legal.join(", "));
    }
    s.push_str("kualifikasi_pelaksana:\n");
    for _ in 0..rng.range(1, 3) {
        let _ = writeln!(
            s,
            "  - Memahami tugas dan fungsi {}",
            rng.pick(&[
                "Sekretariat",
                "Bidang Koperasi",
                "Bidang Perizinan",
                "Seksi Data"
            ])
        );
    }
    // Related SOPs: earlier ones of the folder (they exist in any folder that holds this
    // one), and now and then one outside it, whose title no SOP of the folder has.
    let mut related = Vec::new();
    if k > 0 {
        for _ in 0..rng.range(0, 2) {
            let other = sop_id(seed, rng.range(0, k - 1));
            if !related.contains(&other) {
                related.push(other);
            }
        }
    }
    if rng.chance(20) {
        related.push(format!(
            "{{ luar: \"SOP tentang {} {} Tingkat Provinsi\" }}",
            rng.pick(&ASPECTS),
            rng.pick(&SUBJECTS)
        ));
    }
    if !related.is_empty() {
        let _ = writeln!(s, "keterkaitan: [{}]", related.join(", "));
    }
    let mut equipment: Vec<&str> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let e = rng.pick(&EQUIPMENT);
        if !equipment.contains(&e) {
            equipment.push(e);
        }
    }
    let _ = writeln!(s, "peralatan: [{}]", equipment.join(", "));
    let _ = writeln!(
        s,
        "peringatan: {}",
        rng.pick(&[
            "Apabila SOP tidak dilaksanakan, pelayanan akan terhambat",
            "Program kegiatan tidak teridentifikasi dengan baik",
            "Berkas yang tidak lengkap dikembalikan kepada pemohon",
        ])
    );
    s.push_str("pencatatan: Disimpan sebagai data elektronik dan manual\n");
    let _ = write!(
        s,
        "identifikasi:\n  unit_kerja:\n    eselon_ii: Kepala Dinas Koperasi, Usaha Kecil dan Menengah\n    \
         eselon_iii: Sekretaris\n    eselon_iv: Kepala Sub Bagian Umum dan Kepegawaian\n  \
         tugas:\n    - {} (Pasal {} ayat {})\n  fungsi:\n    - {} (Pasal {})\n  output: {subject}\n  aspek: {aspect}\n",
        sentence(&mut rng, true),
        rng.range(3, 30),
        rng.range(1, 4),
        sentence(&mut rng, false),
        rng.range(3, 30)
    );
    let _ = write!(
        s,
        "kegiatan:\n  jenis: {}\n  penanggung_jawab: {{ produk: \"Dinas Koperasi, Usaha Kecil dan Menengah\", kegiatan: Sekretaris }}\n  \
         ruang_lingkup: Dinas Koperasi, Usaha Kecil dan Menengah Kabupaten Contoh\n",
        if rng.chance(80) { "rutin" } else { "penugasan" }
    );
    let input = rng
        .pick(&[
            "Surat permohonan",
            "Berkas usulan",
            "Dokumen persyaratan",
            "Surat masuk",
            "Laporan bulanan",
        ])
        .to_string();
    let _ = writeln!(s, "masukan: [{}]", quoted(&input));

    // Lanes: distinct roles, in a random order.
    let mut pool: Vec<usize> = (0..ROLES.len()).collect();
    let mut lane_roles = Vec::new();
    for _ in 0..lanes {
        let i = rng.range(0, pool.len() - 1);
        lane_roles.push(pool.swap_remove(i));
    }
    let lane_ids: Vec<&str> = lane_roles.iter().map(|&r| ROLES[r].0).collect();
    let _ = writeln!(s, "pelaksana: [{}]", lane_ids.join(", "));

    // Who does each step: every lane at least once, the rest at random.
    let mut actor: Vec<usize> = (0..steps)
        .map(|i| {
            if i < lanes {
                i
            } else {
                rng.range(0, lanes - 1)
            }
        })
        .collect();
    for i in (1..steps).rev() {
        let j = rng.range(0, i);
        actor.swap(i, j);
    }
    // Decisions: not the first or last step; `tidak` goes back a few steps (a loop) or,
    // now and then, skips the next step.
    let mut decision: Vec<Option<usize>> = vec![None; steps];
    for (i, d) in decision.iter_mut().enumerate().take(steps - 1).skip(1) {
        if rng.chance(15) {
            *d = if i + 2 < steps && rng.chance(25) {
                Some(i + 2)
            } else {
                Some(rng.range(i.saturating_sub(5), i - 1))
            };
        }
    }
    let targets: Vec<bool> = (0..steps).map(|j| decision.contains(&Some(j))).collect();

    s.push_str("langkah:\n");
    let mut previous = input.clone();
    for i in 0..steps {
        if targets[i] {
            let _ = writeln!(s, "  - id: s{}", i + 1);
            s.push_str("    pelaksana: ");
        } else {
            s.push_str("  - pelaksana: ");
        }
        let a = actor[i];
        if a + 1 < lanes && rng.chance(10) {
            let _ = writeln!(s, "[{}, {}]", lane_ids[a], lane_ids[a + 1]);
        } else {
            let _ = writeln!(s, "{}", lane_ids[a]);
        }
        let long = rng.chance(25);
        let _ = writeln!(s, "    kegiatan: {}", quoted(&sentence(&mut rng, long)));
        let _ = writeln!(s, "    kelengkapan: [{}]", quoted(&previous));
        let _ = writeln!(s, "    waktu: {}", rng.pick(&WAKTU));
        let mut object = rng.pick(&OBJECTS).to_string();
        if let Some(first) = object.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let output = format!("{object} yang sudah {}", rng.pick(&DONE));
        let _ = writeln!(s, "    output: {}", quoted(&output));
        if rng.chance(10) {
            let _ = writeln!(
                s,
                "    keterangan: {}",
                quoted(rng.pick(&[
                    "Bila berkas belum lengkap, pemohon dihubungi melalui telepon",
                    "Tembusan kepada Sekretaris",
                    "Dapat dilakukan secara daring",
                ]))
            );
        }
        if let Some(t) = decision[i] {
            let _ = write!(
                s,
                "    keputusan: {{ pertanyaan: {}, tidak: s{}",
                quoted(&format!("{object} sudah lengkap dan benar?")),
                t + 1
            );
            if rng.chance(30) {
                s.push_str(", label: [Sesuai, Tidak sesuai]");
            }
            s.push_str(" }\n");
        }
        previous = output;
    }
    s
}

/// Writes `organisasi.yaml` and `count` SOPs made with `seed` into `dir`.
pub fn write(dir: &Path, count: usize, seed: u64) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating `{}`", dir.display()))?;
    write_atomic(&dir.join("organisasi.yaml"), organisation().as_bytes())?;
    for k in 0..count {
        let path = dir.join(format!("{}.yaml", sop_id(seed, k)));
        write_atomic(&path, sop(seed, k).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::compile;

    #[test]
    fn same_seed_same_folder() {
        assert_eq!(sop(7, 3), sop(7, 3));
        assert_ne!(sop(7, 3), sop(8, 3));
        assert_eq!(sop_id(7, 3), sop_id(7, 3));
    }

    #[test]
    fn generated_sops_check_clean() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 60, 1).unwrap();
        let (project, diags) = compile(&[dir.path().to_path_buf()]).unwrap();
        let shown: Vec<String> = diags
            .iter()
            .take(5)
            .map(|d| crate::diag::render_short(&project.sources, d))
            .collect();
        assert!(diags.is_empty(), "{}", shown.join("\n"));
        let sops = &project.workspaces[0].sops;
        assert_eq!(sops.len(), 60);
        let steps: Vec<usize> = sops.iter().map(|s| s.steps.len()).collect();
        assert!(steps.iter().all(|n| (3..=60).contains(n)), "{steps:?}");
        assert!(steps.iter().any(|&n| n >= 30), "{steps:?}");
        assert!(sops.iter().any(|s| s.lanes.len() >= 8));
        assert!(
            sops.iter()
                .flat_map(|s| &s.steps)
                .any(|st| st.actors.len() == 2)
        );
        assert!(
            sops.iter()
                .flat_map(|s| &s.steps)
                .any(|st| st.is_decision())
        );
    }
}
