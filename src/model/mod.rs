//! Stage 2: the typed model of an office's SOPs, lowered from the spanned YAML tree.
//!
//! Glossary (the YAML keys stay Indonesian, as SOP authors write them):
//!
//! | Rust | SOP AP term |
//! | --- | --- |
//! | [`Organisation`] | data bersama (`organisasi.yaml`): instansi, pengesah, dasar hukum, pelaksana |
//! | [`book::Book`] | buku / dokumen SOP: keputusan pengesahan, penjelasan singkat, urutan |
//! | [`Role`] | pelaksana (a role in the roster) |
//! | [`Sop`] | satu SOP (one file) |
//! | [`Signer`] | pejabat yang mengesahkan (*disahkan oleh*) |
//! | [`regulation::Regulation`] | peraturan cited in dasar hukum and mengingat: jenis, nomor, tahun |
//! | [`Dates`] | tgl. pembuatan, tgl. revisi, tgl. efektif |
//! | [`RelatedSop`] | keterkaitan |
//! | [`Identification`] | identifikasi judul SOP berdasarkan tugas dan fungsi |
//! | [`ActivityData`] | lembar kerja A. data kegiatan |
//! | [`Step`] | langkah / kegiatan (a row of the flowchart) |
//! | [`Decision`] | keputusan (diamond) |
//! | [`Phase`] | langkah awal / utama / akhir (worksheets B and C) |
//! | [`waktu::Duration`] | waktu (mutu baku) |
//! | `requirements` / `time` / `output` | mutu baku: kelengkapan / waktu / output |

pub mod book;
pub mod date;
pub mod lower;
pub mod regulation;
pub mod shape;
pub mod style;
pub mod waktu;

use std::path::PathBuf;

use crate::source::{FileId, Span, Spanned};
pub use date::Date;
pub use lower::lower;
pub use style::{ExtraSection, Style, StyleSpec};
pub use waktu::Duration;

/// The name of the shared file of a folder of SOPs.
pub const ORGANISATION_FILE: &str = "organisasi.yaml";

/// One folder of SOPs: the organisation file and every SOP file.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder.
    pub root: PathBuf,
    /// `organisasi.yaml`.
    pub org: Organisation,
    /// The SOPs selected for this run, sorted by id.
    pub sops: Vec<Sop>,
    /// Ids of every SOP file in the folder (also those not selected), for keterkaitan;
    /// sorted.
    pub known_ids: Vec<String>,
    /// True when `organisasi.yaml` could not be read: checks against the roster and the
    /// legal bases are then skipped.
    pub org_broken: bool,
    /// The logo file named by `organisasi.yaml`, read by [`crate::load::load`] (loading
    /// from memory reads no file).
    pub logo: Option<std::sync::Arc<crate::logo::Logo>>,
}

/// The orientation of the pages (*orientasi*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// Landscape (`lanskap`), the default.
    #[default]
    Landscape,
    /// Portrait (`potret`).
    Portrait,
}

impl Orientation {
    /// Every orientation with its YAML name.
    pub const ALL: [(&'static str, Orientation); 2] = [
        ("lanskap", Orientation::Landscape),
        ("potret", Orientation::Portrait),
    ];
}

/// Paper sizes (*kertas*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 297 × 210 mm.
    #[default]
    A4,
    /// Folio, 330 × 215 mm.
    F4,
    /// 11 × 8.5 in.
    Letter,
    /// 14 × 8.5 in.
    Legal,
}

impl Paper {
    /// Every paper with its YAML name.
    pub const ALL: [(&'static str, Paper); 4] = [
        ("a4", Paper::A4),
        ("f4", Paper::F4),
        ("letter", Paper::Letter),
        ("legal", Paper::Legal),
    ];

    /// The YAML name.
    pub fn name(self) -> &'static str {
        Paper::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("a4", |(n, _)| n)
    }
}

/// What every SOP of the office shares (`organisasi.yaml`).
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    /// The file.
    pub file: FileId,
    /// *Pemerintah*, e.g. "Pemerintah Kabupaten Bangka".
    pub government: Option<Spanned<String>>,
    /// *Instansi*: the office.
    pub agency: Option<Spanned<String>>,
    /// *Singkatan* of the office.
    pub abbreviation: Option<Spanned<String>>,
    /// *Logo*: path relative to the folder, checked not to leave it
    /// ([`crate::logo::check_path`]).
    pub logo: Option<Spanned<String>>,
    /// *Kertas*.
    pub paper: Paper,
    /// *Orientasi*.
    pub orientation: Orientation,
    /// *Gaya* as written in `organisasi.yaml`; each SOP's [`Sop::style`] is resolved
    /// from it.
    pub style: StyleSpec,
    /// *Jam kerja*: hours in one working day.
    pub hours_per_day: f64,
    /// Default *pengesah*.
    pub signer: Option<Signer>,
    /// *Dasar hukum* library, in written order.
    pub legal_bases: Vec<LegalBasis>,
    /// Roster of *pelaksana*, in written order.
    pub roster: Vec<Role>,
    /// *Buku*: the SOP book, when `buku:` is written.
    pub book: Option<book::Book>,
    /// *Periksa*: levels of diagnostic codes for every SOP of the folder.
    pub levels: Vec<CodeLevel>,
    /// True when the roster or the legal bases were cut at their limit
    /// ([`crate::limits::MAX_ROLES`]).
    pub over_limit: bool,
}

impl Organisation {
    /// The roster role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roster.iter().find(|r| r.id.value == id)
    }

    /// The legal basis with this id.
    pub fn legal_basis(&self, id: &str) -> Option<&LegalBasis> {
        self.legal_bases.iter().find(|l| l.id.value == id)
    }
}

/// A regulation in the *dasar hukum* library.
#[derive(Debug, Clone)]
pub struct LegalBasis {
    /// Id cited by SOPs.
    pub id: Spanned<String>,
    /// Full text.
    pub text: Spanned<String>,
}

/// A role in the roster (*pelaksana*).
#[derive(Debug, Clone)]
pub struct Role {
    /// Id cited by SOPs.
    pub id: Spanned<String>,
    /// *Jabatan*: full title.
    pub title: Spanned<String>,
    /// *Singkatan*: short form for lane headings.
    pub short: Option<Spanned<String>>,
    /// *Eksternal*: outside the office.
    pub external: bool,
    /// *Sistem*: an application, not a person; its lane heading is marked as such.
    pub system: bool,
}

impl Role {
    /// The lane heading: the short form, or the title.
    pub fn heading(&self) -> &str {
        self.short.as_ref().map_or(&self.title.value, |s| &s.value)
    }
}

/// A heading over several neighbouring lanes (*kelompok*).
#[derive(Debug, Clone)]
pub struct LaneGroup {
    /// *Kelompok*: the heading.
    pub title: Spanned<String>,
    /// Index of its first lane.
    pub first: usize,
    /// Index of its last lane.
    pub last: usize,
}

/// The official who signs (*disahkan oleh*).
#[derive(Debug, Clone)]
pub struct Signer {
    /// Where it was written.
    pub span: Span,
    /// *Jabatan*.
    pub title: Option<Spanned<String>>,
    /// *Nama*.
    pub name: Option<Spanned<String>>,
    /// *Pangkat*.
    pub rank: Option<Spanned<String>>,
    /// *NIP* as written.
    pub nip: Option<Spanned<String>>,
}

/// The three dates of an SOP.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    /// *Tgl. pembuatan*.
    pub created: Option<Spanned<Date>>,
    /// *Tgl. revisi* (`None`: printed as "-").
    pub revised: Option<Spanned<Date>>,
    /// *Tgl. efektif*.
    pub effective: Option<Spanned<Date>>,
}

/// An entry of *keterkaitan*.
#[derive(Debug, Clone)]
pub enum RelatedSop {
    /// Another SOP file of the folder, by id.
    Internal(Spanned<String>),
    /// An SOP outside the folder, by title.
    External(Spanned<String>),
}

/// *Identifikasi judul SOP berdasarkan tugas dan fungsi*.
#[derive(Debug, Clone, Default)]
pub struct Identification {
    /// Unit kerja eselon II.
    pub echelon_ii: Option<Spanned<String>>,
    /// Unit kerja eselon III.
    pub echelon_iii: Option<Spanned<String>>,
    /// Unit kerja eselon IV.
    pub echelon_iv: Option<Spanned<String>>,
    /// *Tugas*.
    pub duties: Vec<Spanned<String>>,
    /// *Fungsi*.
    pub functions: Vec<Spanned<String>>,
    /// *Sub-fungsi (kegiatan)*.
    pub sub_functions: Vec<Spanned<String>>,
    /// *Output*.
    pub output: Option<Spanned<String>>,
    /// *Aspek*.
    pub aspect: Option<Spanned<String>>,
}

/// *Jenis kegiatan*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    /// *Rutin*.
    Routine,
    /// *Penugasan*.
    Assignment,
}

impl ActivityKind {
    /// As printed.
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::Routine => "Rutin",
            ActivityKind::Assignment => "Penugasan",
        }
    }
}

/// *Lembar kerja identifikasi kegiatan, A. data kegiatan*.
#[derive(Debug, Clone, Default)]
pub struct ActivityData {
    /// *Jenis kegiatan*.
    pub kind: Option<Spanned<ActivityKind>>,
    /// *Penanggung jawab produk*.
    pub product_owner: Option<Spanned<String>>,
    /// *Penanggung jawab kegiatan*.
    pub activity_owner: Option<Spanned<String>>,
    /// *Ruang lingkup*.
    pub scope: Option<Spanned<String>>,
}

/// One SOP (one file).
#[derive(Debug, Clone)]
pub struct Sop {
    /// The file stem.
    pub id: String,
    /// The file.
    pub file: FileId,
    /// Span of the whole document (for file-level diagnostics).
    pub span: Span,
    /// *Nomor SOP*.
    pub number: Option<Spanned<String>>,
    /// *Nama SOP*.
    pub name: Option<Spanned<String>>,
    /// *Unit*: the unit line of the kop.
    pub unit: Option<Spanned<String>>,
    /// The three dates.
    pub dates: Dates,
    /// Where `tanggal` was written.
    pub dates_span: Option<Span>,
    /// *Disahkan oleh*, when this SOP overrides the organisation's.
    pub signer: Option<Signer>,
    /// *Dasar hukum*: ids.
    pub legal_bases: Vec<Spanned<String>>,
    /// *Kualifikasi pelaksana*.
    pub qualifications: Vec<Spanned<String>>,
    /// *Keterkaitan*.
    pub related: Vec<RelatedSop>,
    /// *Peralatan/perlengkapan*.
    pub equipment: Vec<Spanned<String>>,
    /// *Peringatan*.
    pub cautions: Vec<Spanned<String>>,
    /// *Pencatatan dan pendataan*.
    pub records: Vec<Spanned<String>>,
    /// *Identitas lain*: identity rows beyond the usual ones, in order.
    pub extra_identity: Vec<ExtraSection>,
    /// *Identifikasi judul SOP*.
    pub identification: Option<Identification>,
    /// *Data kegiatan*.
    pub activity: Option<ActivityData>,
    /// *Masukan*: what the procedure receives from outside.
    pub inputs: Vec<Spanned<String>>,
    /// *Pelaksana*: lane ids in column order.
    pub lanes: Vec<Spanned<String>>,
    /// Group headings over neighbouring lanes (`{ kelompok: BPS Provinsi, pelaksana:
    /// [...] }`), in column order.
    pub lane_groups: Vec<LaneGroup>,
    /// *Langkah*, in order.
    pub steps: Vec<Step>,
    /// `mulai: atas`: an empty start terminator drawn above the first step.
    pub start_above: Option<Span>,
    /// `selesai: bawah`: an empty end terminator drawn below the last step.
    pub end_below: Option<Span>,
    /// The flow of the steps, resolved once after lowering ([`crate::graph::Flow`]).
    pub flow: crate::graph::Flow,
    /// *Gaya* as written in this file.
    pub style_spec: StyleSpec,
    /// How this SOP is printed: the defaults, the office's `gaya`, then this file's
    /// (set by [`lower::workspace`]).
    pub style: Style,
    /// *Periksa*: levels of diagnostic codes for this SOP, over the folder's.
    pub levels: Vec<CodeLevel>,
    /// Keterkaitan entries written as a title rather than an id or `{ luar: … }`
    /// (reported by the reference check, which knows the folder's titles).
    pub related_titles: Vec<Spanned<String>>,
    /// True when the steps or the lanes were cut at their limit
    /// ([`crate::limits::MAX_STEPS`], [`crate::limits::MAX_LANES`]): the checks that need
    /// the whole flow are then skipped, as they would report the cut.
    pub over_limit: bool,
}

impl Sop {
    /// The step with this id.
    pub fn step_by_id(&self, id: &str) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.id.as_ref().is_some_and(|i| i.value == id))
    }

    /// Which part of worksheets B and C a step belongs to: as written in `tahap`, else
    /// the first step is *langkah awal*, the last *langkah akhir*, the rest *utama*.
    pub fn phase_of(&self, index: usize) -> Phase {
        if let Some(p) = self.steps.get(index).and_then(|s| s.phase.as_ref()) {
            return p.value;
        }
        if index == 0 {
            Phase::Start
        } else if index + 1 == self.steps.len() {
            Phase::End
        } else {
            Phase::Main
        }
    }

    /// The unit that carries out the SOP, as the kop, the index and the book name it:
    /// `unit`, else the eselon III (or IV) unit kerja of `identifikasi`.
    pub fn unit_line(&self) -> Option<&Spanned<String>> {
        self.unit.as_ref().or_else(|| {
            self.identification
                .as_ref()
                .and_then(|i| i.echelon_iii.as_ref().or(i.echelon_iv.as_ref()))
        })
    }

    /// The SOP's name, or its id when the name is missing.
    pub fn title(&self) -> &str {
        self.name.as_ref().map_or(&self.id, |n| &n.value)
    }
}

/// *Langkah awal / utama / akhir*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// *Langkah awal*.
    Start,
    /// *Langkah utama*.
    Main,
    /// *Langkah akhir*.
    End,
}

impl Phase {
    /// As printed.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Start => "Langkah Awal",
            Phase::Main => "Langkah Utama",
            Phase::End => "Langkah Akhir",
        }
    }
}

/// One step (*langkah*), a row of the flowchart.
#[derive(Debug, Clone)]
pub struct Step {
    /// 1-based number, from the order of the steps.
    pub number: usize,
    /// The whole step item.
    pub span: Span,
    /// *Id*, when other steps jump to it.
    pub id: Option<Spanned<String>>,
    /// *Pelaksana*: one or several role ids.
    pub actors: Vec<Spanned<String>>,
    /// True for `pelaksana: { atau: [...] }`: the actors are alternatives ("A or B"),
    /// not a joint step.
    pub alternative: bool,
    /// *Simbol*, when written.
    pub symbol: Option<Spanned<SymbolKind>>,
    /// *Teks*: short text drawn inside the symbol.
    pub text: Option<Spanned<String>>,
    /// *Kegiatan*.
    pub activity: Spanned<String>,
    /// *Kelengkapan*.
    pub requirements: Vec<Spanned<String>>,
    /// True when `kelengkapan` was written and is not an empty list (even if it could
    /// not be read).
    pub requirements_written: bool,
    /// *Waktu*, when it was written and could be read.
    pub time: Option<Spanned<Duration>>,
    /// *Waktu* that is not a quantity, as written (`Sesuai kebutuhan`): printed, left
    /// out of totals. `None` for a quantity, for `-` and when not written.
    pub time_text: Option<Spanned<String>>,
    /// True when `waktu` is `-`: not applicable, printed "-", not counted, not warned.
    pub time_na: bool,
    /// Rows the Waktu cell covers: this one and the next `time_rows - 1`
    /// (`waktu: { nilai: 1 bulan, baris: 3 }`); 1 for an ordinary cell.
    pub time_rows: usize,
    /// Where `waktu` was written.
    pub time_span: Option<Span>,
    /// True when `waktu` was written (even if it could not be read).
    pub time_written: bool,
    /// *Output*.
    pub output: Option<Spanned<String>>,
    /// True when `output` was written (even if it could not be read).
    pub output_written: bool,
    /// *Keterangan*.
    pub note: Option<Spanned<String>>,
    /// *Keputusan*: makes the step a decision.
    pub decision: Option<Decision>,
    /// *Lanjut*: the next steps when they are not the following one (several: parallel
    /// flow).
    pub next: Vec<Spanned<String>>,
    /// *Informasi*: targets of dotted information arrows.
    pub info: Vec<Spanned<String>>,
    /// *Lalu*: a second symbol in the same row, after this one.
    pub then: Option<Box<Then>>,
    /// *Tahap*, when written.
    pub phase: Option<Spanned<Phase>>,
}

/// The symbol of a step (*simbol*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// *Mulai*: a start terminator.
    Start,
    /// *Selesai*: an end terminator.
    End,
    /// *Proses*: a rectangle.
    Process,
    /// *Keputusan*: a diamond.
    Decision,
}

impl SymbolKind {
    /// Every symbol with its YAML name.
    pub const ALL: [(&'static str, SymbolKind); 4] = [
        ("mulai", SymbolKind::Start),
        ("selesai", SymbolKind::End),
        ("proses", SymbolKind::Process),
        ("keputusan", SymbolKind::Decision),
    ];

    /// True for a start or end terminator.
    pub fn is_terminator(self) -> bool {
        matches!(self, SymbolKind::Start | SymbolKind::End)
    }
}

/// *Lalu*: the second symbol of a row ("A, then B"). It has no number, kegiatan or
/// Mutu Baku of its own: the row's.
#[derive(Debug, Clone)]
pub struct Then {
    /// The whole `lalu` mapping.
    pub span: Span,
    /// *Id*.
    pub id: Option<Spanned<String>>,
    /// *Pelaksana*.
    pub actors: Vec<Spanned<String>>,
    /// `pelaksana: { atau: [...] }`.
    pub alternative: bool,
    /// *Simbol*.
    pub symbol: Option<Spanned<SymbolKind>>,
    /// *Teks*.
    pub text: Option<Spanned<String>>,
    /// *Keputusan*: a decision without a row number of its own.
    pub decision: Option<Decision>,
    /// *Lanjut*.
    pub next: Vec<Spanned<String>>,
    /// *Informasi*.
    pub info: Vec<Spanned<String>>,
}

/// The flow keys of one symbol, shared by a step and its `lalu`.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Where the symbol was written (the step item or the `lalu` mapping).
    pub span: Span,
    /// *Id*.
    pub id: Option<&'a Spanned<String>>,
    /// *Pelaksana*.
    pub actors: &'a [Spanned<String>],
    /// Alternative performers.
    pub alternative: bool,
    /// *Simbol* as written.
    pub symbol: Option<&'a Spanned<SymbolKind>>,
    /// *Teks*.
    pub text: Option<&'a Spanned<String>>,
    /// *Keputusan*.
    pub decision: Option<&'a Decision>,
    /// *Lanjut*.
    pub next: &'a [Spanned<String>],
    /// *Informasi*.
    pub info: &'a [Spanned<String>],
}

impl Step {
    /// The flow keys of the step's own symbol.
    pub fn part(&self) -> Part<'_> {
        Part {
            span: self.span,
            id: self.id.as_ref(),
            actors: &self.actors,
            alternative: self.alternative,
            symbol: self.symbol.as_ref(),
            text: self.text.as_ref(),
            decision: self.decision.as_ref(),
            next: &self.next,
            info: &self.info,
        }
    }

    /// The flow keys of the step's `lalu` symbol.
    pub fn then_part(&self) -> Option<Part<'_>> {
        self.then.as_deref().map(|t| Part {
            span: t.span,
            id: t.id.as_ref(),
            actors: &t.actors,
            alternative: t.alternative,
            symbol: t.symbol.as_ref(),
            text: t.text.as_ref(),
            decision: t.decision.as_ref(),
            next: &t.next,
            info: &t.info,
        })
    }
}

/// A decision (*keputusan*): two labelled exits, or the exits of `cabang`.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Where `keputusan` was written.
    pub span: Span,
    /// *Pertanyaan*.
    pub question: Option<Spanned<String>>,
    /// Target of the positive exit (`None`: the next step).
    pub yes: Option<Spanned<String>>,
    /// Target of the negative exit.
    pub no: Option<Spanned<String>>,
    /// Labels of the two exits (default "Ya", "Tidak").
    pub labels: [Spanned<String>; 2],
    /// *Cabang*: the exits of a decision with more than two, or with exits without a
    /// label. When not empty, `yes`, `no` and `labels` are not used.
    pub branches: Vec<Branch>,
    /// Where `cabang` was written.
    pub branches_span: Option<Span>,
}

/// One exit of `cabang`.
#[derive(Debug, Clone)]
pub struct Branch {
    /// The `{ label, ke }` item.
    pub span: Span,
    /// *Label*, when written.
    pub label: Option<Spanned<String>>,
    /// *Ke*: the target step id.
    pub to: Spanned<String>,
}

impl Step {
    /// True for a decision.
    pub fn is_decision(&self) -> bool {
        self.decision.is_some()
    }
}

/// Texts of Mutu Baku that mean "not applicable" (`kelengkapan: "-"`, `output: "-"`).
pub fn not_applicable(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—")
}

impl Sop {
    /// For every step, the step whose Waktu cell covers its row: itself, or an earlier
    /// step whose `waktu: { baris: n }` reaches down to it.
    pub fn waktu_owners(&self) -> Vec<usize> {
        let mut owners: Vec<usize> = (0..self.steps.len()).collect();
        let mut i = 0;
        while i < self.steps.len() {
            let rows = self.steps[i].time_rows.max(1);
            for covered in owners.iter_mut().skip(i + 1).take(rows - 1) {
                *covered = i;
            }
            i += rows;
        }
        owners
    }
}

/// What `periksa:` makes of a diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error: `check` fails.
    Deny,
}

impl Level {
    /// The words of `periksa:`.
    pub const ALL: [(&'static str, Level); 3] = [
        ("allow", Level::Allow),
        ("warn", Level::Warn),
        ("deny", Level::Deny),
    ];
}

/// One entry of `periksa:`: a code (`sop::mutu::missing-waktu`) or a group of codes
/// (`sop::mutu`), and its level.
#[derive(Debug, Clone)]
pub struct CodeLevel {
    /// The code or group, as written.
    pub code: Spanned<String>,
    /// Its level.
    pub level: Spanned<Level>,
}

/// Lower-cases and folds white space, for comparing names and documents written by hand.
pub fn normalize(s: &str) -> String {
    // Called for every name and document of every step by the checks: one allocation.
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_folds_case_and_space() {
        assert_eq!(
            normalize("  Kepala  Sub\tBagian – UMUM \n"),
            "kepala sub bagian – umum"
        );
        // Non-ASCII words keep `str::to_lowercase`'s rules (a final sigma).
        assert_eq!(normalize("ÉCOLE ΟΔΟΣ"), "école οδος");
        assert_eq!(normalize(""), "");
    }
}
