//! `sopc init [DIR]`: a new office repository in one command. It writes
//! `sops/organisasi.yaml` (every key explained in Indonesian, with the office's `gaya`
//! choices), one example SOP made by `sopc new`'s template, the JSON Schemas of both
//! files, the editor settings that wire yaml-language-server to them, a GitHub Actions
//! workflow, a GitLab CI job, a pre-commit configuration, `.gitignore` and a README for
//! the office. Everything written checks clean and is in `sopc fmt`'s canonical form. No
//! existing file is ever overwritten: when one of them exists, nothing is written and
//! every existing path is named.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::{Config, EXIT_FAILURE, EXIT_OK};
use crate::load::{self, SopText};
use crate::model::{Date, ORGANISATION_FILE};
use crate::schema::{self, Target};

/// Checked settings of `sopc init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The repository folder (created when missing).
    pub dir: PathBuf,
    /// Full name of the office (`instansi`).
    pub instansi: Option<String>,
    /// The government it belongs to (`pemerintah`); none for a vertical agency.
    pub pemerintah: Option<String>,
}

/// The arguments of `sopc init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder of the new repository (created when missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Full name of the office (instansi), e.g. "Dinas Pendidikan Kabupaten Bangka".
    #[arg(long)]
    instansi: Option<String>,
    /// The government the office belongs to (pemerintah), e.g. "Pemerintah Kabupaten
    /// Bangka"; left out for a vertical agency.
    #[arg(long)]
    pemerintah: Option<String>,
}

impl From<InitArgs> for InitOptions {
    fn from(a: InitArgs) -> Self {
        InitOptions {
            dir: a.dir,
            instansi: a.instansi,
            pemerintah: a.pemerintah,
        }
    }
}

/// The folder of SOPs inside the repository.
pub const SOPS: &str = "sops";
/// The id (file stem) of the example SOP.
pub const EXAMPLE_ID: &str = "contoh-pelayanan-surat";
const EXAMPLE_NAME: &str = "Contoh Pelayanan Surat";
const DEFAULT_INSTANSI: &str = "Dinas Contoh Kabupaten Contoh";

/// A YAML double-quoted scalar for a text (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// An abbreviation of the office's name: the initials of its words that start with a
/// capital, at most 8 (`Dinas Contoh Kabupaten Contoh` → `DCKC`).
fn abbreviation(instansi: &str) -> String {
    let initials: String = instansi
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .take(8)
        .collect();
    if initials.is_empty() {
        "INSTANSI".to_string()
    } else {
        initials
    }
}

/// The text of `organisasi.yaml`.
pub fn organisation(instansi: &str, pemerintah: Option<&str>) -> String {
    let mut o = String::new();
    let abbr = abbreviation(instansi);
    let kop_example = match pemerintah {
        Some(p) => format!(
            "[{}, {}]",
            quoted(&p.to_uppercase()),
            quoted(&instansi.to_uppercase())
        ),
        None => format!("[{}]", quoted(&instansi.to_uppercase())),
    };
    o.push_str(
        "# yaml-language-server: $schema=organisasi.schema.json\n\
         # Data bersama untuk semua SOP di folder ini: instansi, cara mencetak (gaya),\n\
         # pejabat pengesah, dasar hukum dan daftar pelaksana. Setiap SOP merujuk ke sini\n\
         # dengan id. Periksa sesudah mengubah: `sopc check`. Format lengkap: dokumentasi\n\
         # sopc (docs/format.md).\n\n",
    );
    match pemerintah {
        Some(p) => {
            let _ = writeln!(
                o,
                "# Pemerintah daerah atau kementerian induk: baris pertama kop SOP.\npemerintah: {}",
                quoted(p)
            );
        }
        None => o.push_str(
            "# Pemerintah daerah induk, baris pertama kop SOP; instansi vertikal tidak memakainya.\n\
             # pemerintah: Pemerintah Kabupaten ...\n",
        ),
    }
    let _ = write!(
        o,
        r#"# Nama lengkap instansi.
instansi: {instansi}
# Singkatan nama instansi, dipakai pada nomor SOP.
singkatan: {abbr}
# Logo (PNG atau JPEG) relatif terhadap berkas ini, dicetak di kop:
# logo: logo.png
# Ukuran kertas: a4, f4, letter atau legal.
kertas: a4
# Arah halaman: lanskap atau potret.
orientasi: lanskap
# Jam kerja dalam satu hari, untuk menjumlah waktu (mutu baku).
jam_kerja: 8
# Gaya: cara kantor ini mencetak SOP. Setiap kunci boleh dihapus (nilai bawaan dipakai),
# dan satu SOP boleh menimpanya dengan `gaya:` sendiri.
gaya:
  # Baris kop di samping/di bawah logo, berurutan. Bawaan: pemerintah dan instansi
  # dalam huruf kapital. Contoh:
  # kop: {kop_example}
  # Logo di atas baris kop (atas) atau di kirinya (kiri).
  logo: atas
  # Cetak Identifikasi Judul dan Lembar Kerja A sampai C (true) atau tidak (false).
  lembar_kerja: true
  # SOP pendek dicetak satu halaman (identitas dan diagram alir) bila muat.
  satu_halaman: false
  # Tanda tangan: basah (tempat tanda tangan dan stempel) atau elektronik (TTE: kotak
  # kode QR dan pernyataan BSrE di kaki setiap halaman).
  tanda_tangan: basah
  # Pertanyaan keputusan ditulis di kolom kegiatan atau di dalam simbol belah ketupat.
  pertanyaan: kegiatan
  # Label konektor antarhalaman: huruf (A, B, ...) atau angka (1, 2, ...).
  konektor: huruf
  # Tanggal "02 Juni 2025" (nol) atau "2 Juni 2025" (tanpa-nol).
  format_tanggal: nol
  # NIP dicetak berspasi "19641222 198903 1 009" (spasi) atau rapat 18 angka (rapat).
  nip: spasi
  # Daftar di halaman identitas bernomor 1. 2. 3. (nomor) atau berbutir (butir).
  daftar: nomor
  # Kolom tabel diagram alir.
  kolom:
    # Kolom Kelengkapan dicetak (true) atau tidak (false).
    kelengkapan: true
    # Baris nomor kolom "1 2 3 ..." di bawah kepala tabel.
    nomor_kolom: false
    # Urutan kolom Mutu Baku.
    mutu_baku: [kelengkapan, waktu, output]
  # Judul kolom dengan istilah kantor ini, mis. kegiatan: Aktivitas.
  judul:
    kegiatan: Kegiatan
    keterangan: Keterangan
  # Bagian identitas yang kosong dicetak "-" (tampil) atau dihilangkan (hilang).
  identitas_kosong: tampil
# Pejabat pengesah bawaan semua SOP; SOP boleh memakai `pengesah` sendiri.
# Ganti dengan data pejabat yang sebenarnya (NIP 18 angka).
pengesah:
  jabatan: Kepala {abbr}
  nama: Nama Pejabat, Gelar
  pangkat: Pembina Utama Muda
  nip: "19700101 199003 1 001"
# Pustaka dasar hukum: `id: teks lengkap`. SOP menyebutnya dengan id.
dasar_hukum:
  permenpan-35-2012: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
# Daftar pelaksana (lajur diagram alir): `id: {{ jabatan, singkatan }}`. Id dipakai di
# SOP (huruf kecil, angka, tanda -). `eksternal: true` untuk pihak di luar kantor,
# `sistem: true` untuk aplikasi yang menjadi lajur.
pelaksana:
  kepala: {{ jabatan: Kepala {abbr}, singkatan: Kepala }}
  sekretaris: {{ jabatan: Sekretaris }}
  pengadministrasi: {{ jabatan: Pengadministrasi Umum }}
  pemohon: {{ jabatan: Pemohon, eksternal: true }}
# Tingkat pemeriksaan per kode diagnostik (allow, warn, deny). Selama SOP masih
# konsep, semua SOP memakai nomor yang bagian tengahnya kosong; hapus baris ini setelah
# setiap SOP yang berlaku mendapat nomornya sendiri.
periksa:
  sop::identity::shared-blank-nomor: allow
# Buku SOP (`sopc buku`): keputusan pengesahan, penjelasan dan urutan SOP; lihat
# docs/format.md.
# buku:
#   keputusan:
#     nomor: "..."
#     tempat: ...
"#,
        instansi = quoted(instansi),
    );
    o
}

/// The GitHub Actions workflow.
const GITHUB_WORKFLOW: &str = r#"# Memeriksa dan mencetak SOP pada setiap push dan pull request.
# Atur variabel repositori SOPC_GIT (Settings > Secrets and variables > Actions >
# Variables) ke alamat git sopc, atau ganti langkah "Pasang sopc".
name: sop
on:
  push:
  pull_request:
jobs:
  sop:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Pasang sopc
        run: cargo install --locked --git "${{ vars.SOPC_GIT }}" sopc
      - name: Periksa SOP
        run: sopc check sops --format github
      - name: Periksa kerapian berkas
        run: sopc fmt --check sops
      - name: Periksa skema untuk editor
        run: sopc schema --check sops
      - name: Cetak PDF dan HTML
        run: sopc build sops --out dist
      - uses: actions/upload-artifact@v4
        with:
          name: sop
          path: dist/
"#;

/// The GitLab CI job.
const GITLAB_CI: &str = r#"# Memeriksa dan mencetak SOP pada setiap push dan merge request.
# Atur variabel CI/CD SOPC_GIT (Settings > CI/CD > Variables) ke alamat git sopc.
sop:
  image: rust:latest
  script:
    - cargo install --locked --git "$SOPC_GIT" sopc
    - sopc check sops --format short
    - sopc fmt --check sops
    - sopc schema --check sops
    - sopc build sops --out dist
  artifacts:
    paths:
      - dist/
"#;

/// The pre-commit configuration: hooks that run the installed sopc.
const PRE_COMMIT: &str = r#"# Pemeriksaan sebelum commit (https://pre-commit.com): `pre-commit install` sekali,
# lalu setiap `git commit` menjalankan sopc (harus terpasang di PATH).
repos:
  - repo: local
    hooks:
      - id: sopc-check
        name: sopc check
        entry: sopc check sops
        language: system
        files: ^sops/.*\.yaml$
        pass_filenames: false
      - id: sopc-fmt
        name: sopc fmt --check
        entry: sopc fmt --check sops
        language: system
        files: ^sops/.*\.yaml$
        pass_filenames: false
"#;

const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "sops/sop.schema.json": ["sops/*.yaml", "!sops/organisasi.yaml"],
    "sops/organisasi.schema.json": "sops/organisasi.yaml"
  },
  "yaml.format.enable": false,
  "files.associations": {
    "sops/*.yaml": "yaml"
  }
}
"#;

const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml"]
}
"#;

/// VS Code tasks: `sopc check` and `sopc build` with a problem matcher that reads the
/// lines of `--format short` (`file:line:column: severity[code]: message`), so that each
/// diagnostic appears in the Problems panel at its place in the file.
fn vscode_tasks() -> String {
    use serde_json::json;
    let matcher = json!({
        "owner": "sopc",
        "source": "sopc",
        "fileLocation": ["relative", "${workspaceFolder}"],
        "pattern": {
            "regexp": r"^(.+?):(\d+):(\d+): (error|warning)\[([^\]]+)\]: (.*)$",
            "file": 1,
            "line": 2,
            "column": 3,
            "severity": 4,
            "code": 5,
            "message": 6
        }
    });
    let tasks = json!({
        "version": "2.0.0",
        "tasks": [
            {
                "label": "sopc: periksa SOP",
                "type": "shell",
                "command": "sopc check --format short sops",
                "group": { "kind": "test", "isDefault": true },
                "presentation": { "reveal": "silent" },
                "problemMatcher": matcher.clone()
            },
            {
                "label": "sopc: cetak SOP",
                "type": "shell",
                "command": "sopc build --format short sops --out dist",
                "group": { "kind": "build", "isDefault": true },
                "problemMatcher": matcher
            }
        ]
    });
    serde_json::to_string_pretty(&tasks).unwrap_or_default() + "\n"
}

const GITIGNORE: &str = "# Hasil `sopc build` dan `sopc buku`.\ndist/\n";

/// The README of the office's repository.
fn readme(instansi: &str) -> String {
    format!(
        r#"# SOP {instansi}

Standar Operasional Prosedur (SOP) Administrasi Pemerintahan kantor ini, ditulis sebagai
berkas YAML dan diperiksa serta dicetak dengan `sopc`.

## Isi

| berkas | isi |
| --- | --- |
| `sops/organisasi.yaml` | data bersama semua SOP: instansi, gaya cetak, pengesah, dasar hukum, daftar pelaksana |
| `sops/<id>.yaml` | satu berkas per SOP; nama berkas adalah id SOP |
| `sops/*.schema.json` | skema untuk editor (melengkapi kunci, menandai kesalahan saat mengetik) |
| `.github/workflows/sop.yml`, `.gitlab-ci.yml` | pemeriksaan dan pencetakan otomatis (CI) |
| `.pre-commit-config.yaml` | pemeriksaan sebelum setiap commit |

## Bekerja

```sh
sopc check                      # periksa semua SOP di sops/
sopc new "Nama SOP Baru"        # mulai SOP baru dengan semua bagiannya
sopc fmt                        # rapikan urutan kunci
sopc build                      # cetak PDF dan HTML ke dist/
sopc buku                       # cetak buku SOP (dist/buku.pdf)
```

`sops/contoh-pelayanan-surat.yaml` adalah contoh; ubah atau hapus setelah SOP pertama
kantor ditulis. Sesuaikan `sops/organisasi.yaml` (pengesah, dasar hukum, pelaksana, gaya)
lebih dahulu.

## Editor

Buka folder ini di VS Code dan pasang ekstensi YAML (Red Hat) yang disarankan: kunci
dilengkapi, artinya tampil saat kursor di atasnya, dan kesalahan bentuk ditandai saat
mengetik. Sesudah memperbarui sopc, perbarui skemanya (CI memeriksanya dengan
`sopc schema --check sops`):

```sh
sopc schema --write sops
```

## CI

GitHub Actions dan GitLab CI menjalankan `sopc check`, `sopc fmt --check`,
`sopc schema --check` dan `sopc build`, lalu menyimpan `dist/` sebagai artefak. Isi
variabel `SOPC_GIT` dengan alamat git sopc (GitHub: Settings > Secrets and variables > Actions > Variables;
GitLab: Settings > CI/CD > Variables).
"#
    )
}

/// Every file `init` writes, relative to the repository folder, with its text.
pub fn files(opts: &InitOptions, date: Date) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let instansi = opts
        .instansi
        .as_deref()
        .map(str::trim)
        .unwrap_or(DEFAULT_INSTANSI);
    if instansi.is_empty() {
        bail!("--instansi must not be empty");
    }
    let pemerintah = opts
        .pemerintah
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let org_text = organisation(instansi, pemerintah);
    let sops = Path::new(SOPS);
    let project = load::load_texts(
        sops.to_path_buf(),
        SopText {
            path: sops.join(ORGANISATION_FILE),
            bytes: org_text.as_bytes().to_vec(),
        },
        Vec::new(),
    );
    if !project.diags.is_empty() {
        bail!(
            "the names given do not make a valid organisasi.yaml: {:?}",
            project.diags
        );
    }
    let org = project
        .workspaces
        .into_iter()
        .next()
        .map(|ws| ws.org)
        .context("reading the organisation file")?;
    let lanes = vec!["pengadministrasi".to_string(), "sekretaris".to_string()];
    let example = crate::scaffold::template(EXAMPLE_NAME, &lanes, &org, date, true);
    Ok(vec![
        (sops.join(ORGANISATION_FILE), org_text),
        (sops.join(format!("{EXAMPLE_ID}.yaml")), example),
        (sops.join("sop.schema.json"), schema::to_string(Target::Sop)),
        (
            sops.join("organisasi.schema.json"),
            schema::to_string(Target::Organisation),
        ),
        (".gitignore".into(), GITIGNORE.into()),
        (".vscode/settings.json".into(), VSCODE_SETTINGS.into()),
        (".vscode/extensions.json".into(), VSCODE_EXTENSIONS.into()),
        (".vscode/tasks.json".into(), vscode_tasks()),
        (".github/workflows/sop.yml".into(), GITHUB_WORKFLOW.into()),
        (".gitlab-ci.yml".into(), GITLAB_CI.into()),
        (".pre-commit-config.yaml".into(), PRE_COMMIT.into()),
        ("README.md".into(), readme(instansi)),
    ])
}

/// Runs `sopc init`: writes every file, or nothing when one of them exists.
pub fn run(config: &Config, opts: &InitOptions) -> anyhow::Result<i32> {
    let files = files(opts, crate::scaffold::today())?;
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(p, _)| opts.dir.join(p))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        eprintln!(
            "error: `{}` already holds files that sopc init would write; nothing was written:",
            opts.dir.display()
        );
        for p in &existing {
            eprintln!("  {}", p.display());
        }
        eprintln!(
            "hint: run sopc init in an empty folder, or `sopc new` to add an SOP to an existing one"
        );
        return Ok(EXIT_FAILURE);
    }
    for (rel, text) in &files {
        let path = opts.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating `{}`", parent.display()))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("creating `{}`", path.display()))?;
        file.write_all(text.as_bytes())
            .with_context(|| format!("writing `{}`", path.display()))?;
    }
    if !config.quiet {
        for (rel, _) in &files {
            eprintln!("wrote {}", opts.dir.join(rel).display());
        }
        eprintln!(
            "next: edit {} (pengesah, dasar hukum, pelaksana), then `sopc new \"Nama SOP\"` and `sopc check`",
            opts.dir.join(SOPS).join(ORGANISATION_FILE).display()
        );
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations() {
        assert_eq!(abbreviation("Dinas Contoh Kabupaten Contoh"), "DCKC");
        assert_eq!(abbreviation("Badan Pusat Statistik"), "BPS");
        assert_eq!(abbreviation("dinas"), "INSTANSI");
    }

    fn check(opts: &InitOptions) -> crate::diag::Diagnostics {
        let files = files(
            opts,
            Date {
                year: 2026,
                month: 1,
                day: 2,
            },
        )
        .expect("files");
        let text = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p.ends_with(name))
                .map(|(_, t)| t.clone())
                .expect(name)
        };
        let project = load::load_texts(
            SOPS.into(),
            SopText {
                path: Path::new(SOPS).join(ORGANISATION_FILE),
                bytes: text(ORGANISATION_FILE).into_bytes(),
            },
            vec![SopText {
                path: Path::new(SOPS).join(format!("{EXAMPLE_ID}.yaml")),
                bytes: text(&format!("{EXAMPLE_ID}.yaml")).into_bytes(),
            }],
        );
        let mut d = project.diags.clone();
        d.extend(crate::check::run(&project.workspaces[0]));
        d
    }

    #[test]
    fn the_office_checks_clean_with_and_without_pemerintah() {
        for pemerintah in [None, Some("Pemerintah Kabupaten Bangka")] {
            for instansi in [None, Some("Badan: \"Pusat\" Statistik #1")] {
                let opts = InitOptions {
                    dir: PathBuf::new(),
                    instansi: instansi.map(String::from),
                    pemerintah: pemerintah.map(String::from),
                };
                let d = check(&opts);
                assert!(d.is_empty(), "{pemerintah:?} {instansi:?}: {d:?}");
            }
        }
    }
}
