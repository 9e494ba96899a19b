//! The shape of the source files as data: for every mapping of `organisasi.yaml` and of
//! an SOP file, its keys in canonical order with the kind of each value, whether it is
//! required and what it means.
//!
//! The key lists themselves are those of [`super::lower`](mod@super::lower), which enforces them; this
//! file adds a kind and a line of documentation to each key. `sopc schema` turns the
//! shape into a JSON Schema (`crate::schema`) and `sopc fmt` reads the canonical key
//! order from it (`crate::canonical`). A test fails when a key of lowering has no
//! entry here, or an entry here is not a key of lowering.

use super::lower::{self, book};
use super::waktu::UNITS;

/// What a value may be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One scalar, read as text (a number or boolean keeps its written text).
    Text,
    /// A list of texts, or a single text for a list of one.
    Texts,
    /// An id: lower-case ASCII letters, digits, `-` and `_`.
    Id,
    /// A list of ids, or a single id.
    Ids,
    /// A date written `YYYY-MM-DD`.
    Date,
    /// A date written `YYYY-MM-DD`, or `YYYY-MM` for a date without a day.
    DateOrMonth,
    /// A *waktu*: a number (or range) and a unit of [`UNITS`], `-`, or a text that is
    /// not a quantity.
    Waktu,
    /// `true` or `false`.
    Bool,
    /// A whole number from `min` to `max`.
    Integer {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A number from `min` to `max`.
    Number {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// One of these words, in any case.
    Choice(&'static [&'static str]),
    /// A list of exactly this many texts.
    TextPair,
    /// A mapping with the keys of this shape.
    Map(&'static MapShape),
    /// A list of values of this kind.
    List(&'static Kind),
    /// One value of this kind, or a list of them.
    OneOrList(&'static Kind),
    /// A mapping from ids the author chooses to values of this kind.
    Dict(&'static Kind),
    /// A mapping from any text the author chooses (a term) to values of this kind.
    Glossary(&'static Kind),
    /// Any one of these kinds.
    Either(&'static [Kind]),
}

/// One key of a mapping.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key as written.
    pub key: &'static str,
    /// Its value.
    pub kind: Kind,
    /// Lowering reports the key when it is missing or empty.
    pub required: bool,
    /// What it means, in a sentence (shown by editors through the JSON Schema).
    pub doc: &'static str,
}

/// A mapping: its keys in canonical order, and what each holds.
#[derive(Debug)]
pub struct MapShape {
    /// What the mapping is, for documentation.
    pub title: &'static str,
    /// The keys in canonical order: a key list of [`super::lower`](mod@super::lower).
    pub keys: &'static [&'static str],
    /// One entry per key.
    pub fields: &'static [Field],
}

impl MapShape {
    /// The field of a key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Position of a key in the canonical order.
    pub fn rank(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| *k == key)
    }
}

const fn req(key: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        key,
        kind,
        required: true,
        doc,
    }
}

const fn opt(key: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        key,
        kind,
        required: false,
        doc,
    }
}

/// `pengesah`: the signing official.
pub static SIGNER: MapShape = MapShape {
    title: "pengesah (disahkan oleh)",
    keys: lower::SIGNER_KEYS,
    fields: &[
        req(
            "jabatan",
            Kind::Text,
            "Position of the official who signs, e.g. `Kepala DINPMP2KUKM`.",
        ),
        req("nama", Kind::Text, "Full name with titles."),
        opt("pangkat", Kind::Text, "Rank, e.g. `Pembina Utama Muda`."),
        opt(
            "nip",
            Kind::Text,
            "NIP, 18 digits; spaces allowed: \"19641222 198903 1 009\".",
        ),
    ],
};

/// A role of the roster written as a mapping.
pub static ROLE: MapShape = MapShape {
    title: "pelaksana (a role of the roster)",
    keys: lower::ROLE_KEYS,
    fields: &[
        req("jabatan", Kind::Text, "Full title of the role."),
        opt(
            "singkatan",
            Kind::Text,
            "Short form shown as the lane heading (default: the jabatan).",
        ),
        opt(
            "eksternal",
            Kind::Bool,
            "`true` for someone outside the office (pemohon, another agency).",
        ),
        opt(
            "sistem",
            Kind::Bool,
            "`true` for an application, not a person: its lane heading is marked \"(sistem)\", and its name in a kelengkapan is not a document.",
        ),
    ],
};

/// A group heading over neighbouring lanes, an item of an SOP's `pelaksana`.
pub static LANE_GROUP: MapShape = MapShape {
    title: "kelompok (one heading over neighbouring lanes)",
    keys: lower::LANE_GROUP_KEYS,
    fields: &[
        req(
            "kelompok",
            Kind::Text,
            "The heading over the lanes, e.g. `BPS Provinsi`.",
        ),
        req(
            "pelaksana",
            Kind::Ids,
            "The lanes under the heading, as roster ids, in column order.",
        ),
    ],
};

/// `buku.keputusan`: the decree that enacts the SOPs.
pub static DECREE: MapShape = MapShape {
    title: "keputusan pengesahan (the decree of the SOP book)",
    keys: book::DECREE_KEYS,
    fields: &[
        opt("nomor", Kind::Text, "Number of the decree."),
        opt(
            "pejabat",
            Kind::Text,
            "Full title of the official who decrees (default: Kepala + instansi).",
        ),
        opt("tentang", Kind::Text, "Subject of the decree."),
        opt(
            "menimbang",
            Kind::Texts,
            "Considerations, each starting with \"bahwa\".",
        ),
        opt(
            "mengingat",
            Kind::Texts,
            "Legal bases: a regulation written out, or an id of dasar_hukum.",
        ),
        opt(
            "diktum",
            Kind::Texts,
            "Provisions, printed KESATU, KEDUA, ...",
        ),
        opt(
            "tempat",
            Kind::Text,
            "Where the decree is made (\"Ditetapkan di ...\").",
        ),
        opt("tanggal", Kind::Date, "Date of the decree (YYYY-MM-DD)."),
    ],
};

/// `buku.penjelasan`.
pub static EXPLANATION: MapShape = MapShape {
    title: "penjelasan singkat (of the SOP book)",
    keys: book::EXPLANATION_KEYS,
    fields: &[
        opt("ruang_lingkup", Kind::Text, "Scope of the SOPs."),
        opt(
            "ringkasan",
            Kind::Text,
            "Summary; each line of the text is a paragraph.",
        ),
        opt(
            "definisi",
            Kind::Glossary(&Kind::Text),
            "Definitions, `istilah: arti`, in written order.",
        ),
    ],
};

/// `buku`: the SOP book made by `sopc buku`.
pub static BOOK: MapShape = MapShape {
    title: "buku (the SOP book, dokumen SOP)",
    keys: book::BOOK_KEYS,
    fields: &[
        opt(
            "tahun",
            Kind::Integer {
                min: 1945,
                max: 2999,
            },
            "Year on the cover (default: the year of keputusan.tanggal).",
        ),
        opt(
            "keputusan",
            Kind::Map(&DECREE),
            "The decree that enacts the SOPs (keputusan pengesahan).",
        ),
        opt(
            "penjelasan",
            Kind::Map(&EXPLANATION),
            "Penjelasan singkat: scope, summary, definitions.",
        ),
        opt(
            "urutan",
            Kind::List(&Kind::Id),
            "SOP ids in the order the book prints them.",
        ),
    ],
};

/// `organisasi.yaml`.
pub static ORGANISATION: MapShape = MapShape {
    title: "organisasi.yaml: what every SOP of the office shares",
    keys: lower::ORG_KEYS,
    fields: &[
        opt(
            "pemerintah",
            Kind::Text,
            "Government, e.g. `Pemerintah Kabupaten Bangka`; the first kop line (a vertical agency has none).",
        ),
        req("instansi", Kind::Text, "Full name of the office."),
        opt("singkatan", Kind::Text, "Abbreviation of the office."),
        opt(
            "logo",
            Kind::Text,
            "PNG or JPEG file, relative to this file and inside the folder.",
        ),
        opt(
            "kertas",
            Kind::Choice(&["a4", "f4", "letter", "legal"]),
            "Paper: a4 (default), f4 (330 × 215 mm), letter, legal.",
        ),
        opt(
            "orientasi",
            Kind::Choice(ORIENTATIONS),
            "Orientation of the pages: lanskap (default) or potret.",
        ),
        opt(
            "jam_kerja",
            Kind::Number {
                min: 1.0,
                max: 24.0,
            },
            "Hours in one working day, for totals of waktu (default 8).",
        ),
        opt(
            "gaya",
            Kind::Map(&STYLE),
            "How the office prints its SOPs: kop, logo, worksheets, signature, tables; every key optional.",
        ),
        opt(
            "pengesah",
            Kind::Map(&SIGNER),
            "Default signing official (disahkan oleh), for every SOP without its own.",
        ),
        opt(
            "dasar_hukum",
            Kind::Dict(&Kind::Text),
            "Library of legal bases, `id: full text`; SOPs cite them by id.",
        ),
        req(
            "pelaksana",
            Kind::Dict(&Kind::Either(&[Kind::Text, Kind::Map(&ROLE)])),
            "Roster of roles, `id: { jabatan, singkatan, eksternal }` (or `id: jabatan`); SOPs cite them by id.",
        ),
        opt(
            "buku",
            Kind::Map(&BOOK),
            "The SOP book made by `sopc buku`: cover, decree, penjelasan, order of the SOPs.",
        ),
        opt(
            "periksa",
            Kind::Glossary(&Kind::Choice(&["allow", "warn", "deny"])),
            "Levels of diagnostic codes for every SOP of the folder, `code: allow | warn | deny` (a code such as `sop::mutu::missing-waktu`, or a group such as `sop::mutu`).",
        ),
    ],
};

/// `tanggal`.
pub static DATES: MapShape = MapShape {
    title: "tanggal",
    keys: lower::DATE_KEYS,
    fields: &[
        req(
            "pembuatan",
            Kind::DateOrMonth,
            "Tgl. pembuatan: when the SOP was finished (YYYY-MM-DD, or YYYY-MM without a day).",
        ),
        opt(
            "revisi",
            Kind::DateOrMonth,
            "Tgl. revisi (YYYY-MM-DD or YYYY-MM), or null: printed as \"-\".",
        ),
        req(
            "efektif",
            Kind::DateOrMonth,
            "Tgl. efektif: when it takes force, usually the signing date (YYYY-MM-DD or YYYY-MM).",
        ),
    ],
};

/// `identifikasi.unit_kerja`.
pub static UNIT: MapShape = MapShape {
    title: "unit kerja",
    keys: lower::UNIT_KEYS,
    fields: &[
        opt("eselon_ii", Kind::Text, "Unit kerja eselon II."),
        opt("eselon_iii", Kind::Text, "Unit kerja eselon III."),
        opt("eselon_iv", Kind::Text, "Unit kerja eselon IV."),
    ],
};

/// `identifikasi`.
pub static IDENTIFICATION: MapShape = MapShape {
    title: "identifikasi judul SOP berdasarkan tugas dan fungsi",
    keys: lower::IDENT_KEYS,
    fields: &[
        opt(
            "unit_kerja",
            Kind::Map(&UNIT),
            "Unit kerja eselon II, III and IV.",
        ),
        opt(
            "tugas",
            Kind::Texts,
            "Tugas, each citing its article (\"Pasal 7 ayat 2\").",
        ),
        opt("fungsi", Kind::Texts, "Fungsi, each citing its article."),
        opt(
            "sub_fungsi",
            Kind::Texts,
            "Sub-fungsi (kegiatan), each citing its article.",
        ),
        opt("output", Kind::Text, "Output of the sub-fungsi."),
        opt("aspek", Kind::Text, "Aspek, e.g. `Pengelolaan`."),
    ],
};

/// `kegiatan.penanggung_jawab`.
pub static OWNERS: MapShape = MapShape {
    title: "penanggung jawab",
    keys: lower::OWNER_KEYS,
    fields: &[
        opt("produk", Kind::Text, "Penanggung jawab produk."),
        opt("kegiatan", Kind::Text, "Penanggung jawab kegiatan."),
    ],
};

/// `kegiatan`.
pub static ACTIVITY: MapShape = MapShape {
    title: "lembar kerja identifikasi kegiatan, A. data kegiatan",
    keys: lower::ACTIVITY_KEYS,
    fields: &[
        opt(
            "jenis",
            Kind::Choice(&["rutin", "penugasan"]),
            "Jenis kegiatan: rutin or penugasan.",
        ),
        opt(
            "penanggung_jawab",
            Kind::Map(&OWNERS),
            "Penanggung jawab produk and kegiatan.",
        ),
        opt("ruang_lingkup", Kind::Text, "Scope (ruang lingkup)."),
    ],
};

/// A `keterkaitan` entry written as a mapping.
pub static RELATED: MapShape = MapShape {
    title: "an SOP outside this folder",
    keys: lower::RELATED_KEYS,
    fields: &[req(
        "luar",
        Kind::Text,
        "Title of an SOP that is not in this folder, e.g. \"SOP tentang ...\".",
    )],
};

/// An exit of `cabang`.
pub static BRANCH: MapShape = MapShape {
    title: "an exit of cabang",
    keys: lower::BRANCH_KEYS,
    fields: &[
        opt(
            "label",
            Kind::Text,
            "Label of the exit (none: the arrow carries no label).",
        ),
        req(
            "ke",
            Kind::Id,
            "Step id the exit leads to (a `lalu` id too).",
        ),
    ],
};

/// `pelaksana` written as a mapping: alternative performers.
pub static ALTERNATIVE: MapShape = MapShape {
    title: "pelaksana (alternative performers)",
    keys: lower::ALTERNATIVE_KEYS,
    fields: &[req(
        "atau",
        Kind::Ids,
        "Roster ids of two or more roles, any one of whom does the step (\"A or B\"): one symbol in each lane, joined by a dashed line.",
    )],
};

/// The symbols a step may be drawn as.
const SYMBOLS: Kind = Kind::Choice(&["mulai", "selesai", "proses", "keputusan"]);

/// The actors of a step or of its `lalu`.
const ACTORS: Kind = Kind::Either(&[Kind::Ids, Kind::Map(&ALTERNATIVE)]);

/// `lalu`: the second symbol of a row.
pub static THEN: MapShape = MapShape {
    title: "lalu (a second symbol in the same row, after the step's own)",
    keys: lower::THEN_KEYS,
    fields: &[
        opt(
            "id",
            Kind::Id,
            "Name of this symbol, for jumps to it; shares the step ids' names.",
        ),
        req(
            "pelaksana",
            ACTORS,
            "Roster id of the actor, a list for a joint symbol, or `{ atau: [...] }`.",
        ),
        opt(
            "simbol",
            SYMBOLS,
            "mulai | selesai | proses | keputusan (default: keputusan with `keputusan`, else proses).",
        ),
        opt("teks", Kind::Text, "Short text drawn inside the symbol."),
        opt(
            "keputusan",
            Kind::Map(&DECISION),
            "Makes it a decision without a row number of its own.",
        ),
        opt(
            "lanjut",
            Kind::Ids,
            "Id of the next symbol when it is not the following one, or several ids (parallel flow); forward only.",
        ),
        opt(
            "informasi",
            Kind::Ids,
            "Ids of steps that a dotted information arrow leads to (not control flow).",
        ),
    ],
};

/// `keputusan`.
pub static DECISION: MapShape = MapShape {
    title: "keputusan (a decision: diamond with two exits, or the exits of cabang)",
    keys: lower::DECISION_KEYS,
    fields: &[
        opt(
            "pertanyaan",
            Kind::Text,
            "Short question, e.g. `Konsep surat benar?`.",
        ),
        opt(
            "ya",
            Kind::Id,
            "Step id of the positive exit (default: the next step).",
        ),
        opt(
            "tidak",
            Kind::Id,
            "Step id of the negative exit, often an earlier step (a loop).",
        ),
        opt(
            "label",
            Kind::TextPair,
            "The two exit labels, positive first (default [Ya, Tidak]).",
        ),
        opt(
            "cabang",
            Kind::List(&Kind::Map(&BRANCH)),
            "More than two exits, or exits without a label: `- { label: Online, ke: akses }`; instead of ya, tidak and label.",
        ),
    ],
};

/// A Waktu cell merged over several rows.
pub static WAKTU_CELL: MapShape = MapShape {
    title: "waktu (one Waktu cell over several rows)",
    keys: lower::WAKTU_KEYS,
    fields: &[
        req(
            "nilai",
            Kind::Waktu,
            "The waktu of the cell, counted once in totals.",
        ),
        req(
            "baris",
            Kind::Integer { min: 1, max: 200 },
            "Rows the cell covers: this step and the ones after it, which write no waktu.",
        ),
    ],
};

/// A step (`langkah` item).
pub static STEP: MapShape = MapShape {
    title: "langkah (a step: one row of the flowchart)",
    keys: lower::STEP_KEYS,
    fields: &[
        opt(
            "id",
            Kind::Id,
            "Name of the step, needed only when another step jumps to it.",
        ),
        req(
            "pelaksana",
            ACTORS,
            "Roster id of the actor, a list of ids for a step done together, or `{ atau: [a, b] }` for alternative performers.",
        ),
        opt(
            "simbol",
            SYMBOLS,
            "mulai | selesai | proses | keputusan. Default: the first and last step terminators, decisions diamonds, the rest processes.",
        ),
        opt(
            "teks",
            Kind::Text,
            "Short text drawn inside the symbol, e.g. `Langsung ke Kantor`.",
        ),
        req(
            "kegiatan",
            Kind::Text,
            "What is done, as an active verb without the actor as subject.",
        ),
        opt(
            "kelengkapan",
            Kind::Texts,
            "Mutu baku: what the step needs (documents, data).",
        ),
        opt(
            "waktu",
            Kind::Either(&[Kind::Waktu, Kind::Map(&WAKTU_CELL)]),
            "Mutu baku: how long, e.g. `5 menit`, `1,5 jam`, `1-2 hari kerja`, `1 semester`; `-` when it does not apply; a text such as `Sesuai kebutuhan` (left out of totals); or `{ nilai: 1 bulan, baris: 3 }` for one cell over this row and the next two.",
        ),
        opt("output", Kind::Text, "Mutu baku: what the step produces."),
        opt("keterangan", Kind::Text, "Remarks."),
        opt(
            "keputusan",
            Kind::Map(&DECISION),
            "Makes the step a decision with two labelled exits.",
        ),
        opt(
            "lanjut",
            Kind::Ids,
            "Id of the next step when it is not the following one, or several ids: parallel flow without a decision (forward only).",
        ),
        opt(
            "informasi",
            Kind::Ids,
            "Ids of steps that a dotted information arrow leads to (not control flow: no reachability, no totals).",
        ),
        opt(
            "lalu",
            Kind::Map(&THEN),
            "A second symbol in the same row, after this one (\"A, then B\"); no number, kegiatan or Mutu Baku of its own.",
        ),
        opt(
            "tahap",
            Kind::Choice(&["awal", "utama", "akhir"]),
            "Part of worksheets B and C: awal, utama or akhir.",
        ),
    ],
};

/// An SOP file.
pub static SOP: MapShape = MapShape {
    title: "one SOP (Standar Operasional Prosedur)",
    keys: lower::SOP_KEYS,
    fields: &[
        req(
            "nomor",
            Kind::Text,
            "SOP number as printed, e.g. \"188.4/ /DINPMP2KUKM/2020\".",
        ),
        req("nama", Kind::Text, "Name of the SOP."),
        opt(
            "unit",
            Kind::Text,
            "The unit line of the kop for this SOP, e.g. `TIM STATISTIK SOSIAL`.",
        ),
        req(
            "tanggal",
            Kind::Map(&DATES),
            "Dates: pembuatan, revisi, efektif.",
        ),
        opt(
            "pengesah",
            Kind::Map(&SIGNER),
            "Signing official for this SOP only (default: organisasi.yaml).",
        ),
        opt(
            "periksa",
            Kind::Glossary(&Kind::Choice(&["allow", "warn", "deny"])),
            "Levels of diagnostic codes for this SOP, over those of organisasi.yaml: `code: allow | warn | deny`.",
        ),
        opt(
            "dasar_hukum",
            Kind::Ids,
            "Ids of legal bases from the dasar_hukum of organisasi.yaml.",
        ),
        opt(
            "kualifikasi_pelaksana",
            Kind::Texts,
            "What the actors must master.",
        ),
        opt(
            "keterkaitan",
            Kind::OneOrList(&Kind::Either(&[Kind::Id, Kind::Map(&RELATED)])),
            "Related SOPs: ids of files in this folder, or `{ luar: \"SOP tentang ...\" }`.",
        ),
        opt(
            "peralatan",
            Kind::Texts,
            "Peralatan/perlengkapan: equipment.",
        ),
        opt(
            "peringatan",
            Kind::Texts,
            "What happens if the SOP is not followed.",
        ),
        opt(
            "pencatatan",
            Kind::Texts,
            "Pencatatan dan pendataan: the records kept.",
        ),
        opt(
            "identitas_lain",
            Kind::List(&Kind::Map(&EXTRA_SECTION)),
            "Identity rows beyond the usual ones, in order, e.g. `{ judul: Maksud dan Tujuan, isi: [...] }`.",
        ),
        opt(
            "identifikasi",
            Kind::Map(&IDENTIFICATION),
            "Worksheet: identifikasi judul SOP berdasarkan tugas dan fungsi.",
        ),
        opt(
            "kegiatan",
            Kind::Map(&ACTIVITY),
            "Worksheet: lembar kerja identifikasi kegiatan, A. data kegiatan.",
        ),
        opt(
            "masukan",
            Kind::Texts,
            "What the procedure receives from outside: kelengkapan that no step produces.",
        ),
        opt(
            "gaya",
            Kind::Map(&STYLE),
            "This SOP's own style: any key of organisasi.yaml's `gaya`, for this SOP only.",
        ),
        req(
            "pelaksana",
            Kind::OneOrList(&Kind::Either(&[Kind::Id, Kind::Map(&LANE_GROUP)])),
            "The lanes, as roster ids, in column order; `{ kelompok: BPS Provinsi, pelaksana: [a, b] }` puts one heading over neighbouring lanes.",
        ),
        opt(
            "mulai",
            Kind::Choice(&["atas"]),
            "`atas`: an empty start terminator above the first step, in its lane; the first step is then a process.",
        ),
        opt(
            "selesai",
            Kind::Choice(&["bawah"]),
            "`bawah`: an empty end terminator below the last step, in its lane; the last step is then a process.",
        ),
        req(
            "langkah",
            Kind::List(&Kind::Map(&STEP)),
            "The steps, in order; numbered 1, 2, 3, ... as written.",
        ),
    ],
};

/// The words of `orientasi`.
pub const ORIENTATIONS: &[&str] = &["lanskap", "potret"];

/// Keys of `gaya` (in `organisasi.yaml` and in an SOP file).
pub const STYLE_KEYS: &[&str] = &[
    "kop",
    "logo",
    "lembar_kerja",
    "satu_halaman",
    "tanda_tangan",
    "pernyataan_tte",
    "pertanyaan",
    "konektor",
    "format_tanggal",
    "nip",
    "daftar",
    "kolom",
    "judul",
    "identitas_kosong",
];
/// Keys of `gaya.kolom`.
pub const COLUMNS_KEYS: &[&str] = &["kelengkapan", "nomor_kolom", "mutu_baku"];
/// Keys of `gaya.judul`.
pub const HEADINGS_KEYS: &[&str] = &[
    "no",
    "kegiatan",
    "pelaksana",
    "mutu_baku",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
];
/// Keys of an `identitas_lain` item.
pub const EXTRA_SECTION_KEYS: &[&str] = &["judul", "isi"];

/// The words of each choice of `gaya`, the default first.
pub mod words {
    /// `gaya.logo`.
    pub const LOGO: &[&str] = &["atas", "kiri"];
    /// `gaya.tanda_tangan`.
    pub const SIGNATURE: &[&str] = &["basah", "elektronik"];
    /// `gaya.pertanyaan`.
    pub const QUESTION: &[&str] = &["kegiatan", "simbol"];
    /// `gaya.konektor`.
    pub const CONNECTORS: &[&str] = &["huruf", "angka"];
    /// `gaya.format_tanggal`.
    pub const DATE_FORMAT: &[&str] = &["nol", "tanpa-nol"];
    /// `gaya.nip`.
    pub const NIP: &[&str] = &["spasi", "rapat"];
    /// `gaya.daftar`.
    pub const LISTS: &[&str] = &["nomor", "butir"];
    /// `gaya.identitas_kosong`.
    pub const EMPTY_SECTIONS: &[&str] = &["tampil", "hilang"];
    /// The items of `gaya.kolom.mutu_baku`.
    pub const QUALITY: &[&str] = &["kelengkapan", "waktu", "output"];
}

/// `gaya.kolom`.
pub static COLUMNS: MapShape = MapShape {
    title: "kolom (the columns of the flowchart table)",
    keys: COLUMNS_KEYS,
    fields: &[
        opt(
            "kelengkapan",
            Kind::Bool,
            "`false` leaves the Kelengkapan column out (default true).",
        ),
        opt(
            "nomor_kolom",
            Kind::Bool,
            "`true` prints a row \"1 2 3 ... n\" under the table header (default false).",
        ),
        opt(
            "mutu_baku",
            Kind::List(&Kind::Choice(words::QUALITY)),
            "Order of the Mutu Baku columns, each once (default [kelengkapan, waktu, output]).",
        ),
    ],
};

/// `gaya.judul`.
pub static HEADINGS: MapShape = MapShape {
    title: "judul (the table headings in the office's words)",
    keys: HEADINGS_KEYS,
    fields: &[
        opt(
            "no",
            Kind::Text,
            "Heading of the number column (default No).",
        ),
        opt(
            "kegiatan",
            Kind::Text,
            "Heading of the activity column (default Kegiatan).",
        ),
        opt(
            "pelaksana",
            Kind::Text,
            "Heading over the lanes (default Pelaksana).",
        ),
        opt(
            "mutu_baku",
            Kind::Text,
            "Heading over the Mutu Baku columns (default Mutu Baku).",
        ),
        opt(
            "kelengkapan",
            Kind::Text,
            "Heading of the Kelengkapan column (default Kelengkapan).",
        ),
        opt(
            "waktu",
            Kind::Text,
            "Heading of the Waktu column (default Waktu).",
        ),
        opt(
            "output",
            Kind::Text,
            "Heading of the Output column (default Output).",
        ),
        opt(
            "keterangan",
            Kind::Text,
            "Heading of the remarks column (default Keterangan).",
        ),
    ],
};

/// `gaya`: how the office prints its SOPs (in `organisasi.yaml`; an SOP's own `gaya`
/// overrides it key by key).
pub static STYLE: MapShape = MapShape {
    title: "gaya (how the office prints its SOPs)",
    keys: STYLE_KEYS,
    fields: &[
        opt(
            "kop",
            Kind::Texts,
            "Lines of the kop beside or under the logo, in order (default: pemerintah, instansi).",
        ),
        opt(
            "logo",
            Kind::Choice(words::LOGO),
            "Place of the logo: atas (above the kop lines, default) or kiri (left of them).",
        ),
        opt(
            "lembar_kerja",
            Kind::Bool,
            "Print Identifikasi Judul and Lembar Kerja A to C (default true).",
        ),
        opt(
            "satu_halaman",
            Kind::Bool,
            "Print a short SOP's identity section and flowchart on one page when both fit (default false).",
        ),
        opt(
            "tanda_tangan",
            Kind::Choice(words::SIGNATURE),
            "basah (wet ink, default) or elektronik (TTE: a square for the QR code and the BSrE statement in every footer).",
        ),
        opt(
            "pernyataan_tte",
            Kind::Text,
            "The footer statement of an electronically signed SOP (default: the BSrE statement).",
        ),
        opt(
            "pertanyaan",
            Kind::Choice(words::QUESTION),
            "Where a decision's question is written: kegiatan (the Kegiatan column, default) or simbol (inside the diamond).",
        ),
        opt(
            "konektor",
            Kind::Choice(words::CONNECTORS),
            "Labels of off-page connectors: huruf (A, B, ..., default) or angka (1, 2, ...).",
        ),
        opt(
            "format_tanggal",
            Kind::Choice(words::DATE_FORMAT),
            "nol (\"02 Juni 2025\", default) or tanpa-nol (\"2 Juni 2025\").",
        ),
        opt(
            "nip",
            Kind::Choice(words::NIP),
            "spasi (\"19641222 198903 1 009\") or rapat (18 digits); default: as written.",
        ),
        opt(
            "daftar",
            Kind::Choice(words::LISTS),
            "Markers of the identity page's lists: nomor (1. 2. 3., default) or butir (•).",
        ),
        opt(
            "kolom",
            Kind::Map(&COLUMNS),
            "The columns of the flowchart table: kelengkapan, nomor_kolom, mutu_baku.",
        ),
        opt(
            "judul",
            Kind::Map(&HEADINGS),
            "The table headings in the office's words.",
        ),
        opt(
            "identitas_kosong",
            Kind::Choice(words::EMPTY_SECTIONS),
            "tampil (an empty identity section prints \"-\", default) or hilang (it is left out).",
        ),
    ],
};

/// An `identitas_lain` item.
pub static EXTRA_SECTION: MapShape = MapShape {
    title: "identitas_lain (an identity row beyond the usual ones)",
    keys: EXTRA_SECTION_KEYS,
    fields: &[
        req(
            "judul",
            Kind::Text,
            "Heading of the row, e.g. `Maksud dan Tujuan`.",
        ),
        opt("isi", Kind::Texts, "Its text, or a list of texts."),
    ],
};

/// Every mapping shape, for tests and documentation.
pub static ALL: [&MapShape; 24] = [
    &ORGANISATION,
    &BOOK,
    &DECREE,
    &EXPLANATION,
    &ROLE,
    &SIGNER,
    &SOP,
    &DATES,
    &IDENTIFICATION,
    &UNIT,
    &ACTIVITY,
    &OWNERS,
    &RELATED,
    &STEP,
    &THEN,
    &ALTERNATIVE,
    &DECISION,
    &WAKTU_CELL,
    &LANE_GROUP,
    &BRANCH,
    &STYLE,
    &COLUMNS,
    &HEADINGS,
    &EXTRA_SECTION,
];

/// The unit words of *waktu*, longest first.
pub fn units() -> impl Iterator<Item = &'static str> {
    UNITS.iter().map(|(w, _)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_lowering_has_one_field_in_order() {
        for shape in ALL {
            let fields: Vec<&str> = shape.fields.iter().map(|f| f.key).collect();
            assert_eq!(fields, shape.keys, "{}", shape.title);
        }
    }

    #[test]
    fn choices_are_the_ones_lowering_accepts() {
        let sop = crate::test_util::sop_from(
            r#"
pelaksana: [a]
kegiatan: { jenis: Penugasan }
langkah:
  - { pelaksana: a, kegiatan: Mulai, tahap: AWAL }
  - { pelaksana: a, kegiatan: Selesai, tahap: akhir }
"#,
        );
        assert!(sop.activity.is_some());
        let choices = |shape: &MapShape, key: &str| match shape.field(key).map(|f| f.kind) {
            Some(Kind::Choice(c)) => c.to_vec(),
            _ => Vec::new(),
        };
        assert_eq!(
            choices(&ORGANISATION, "orientasi"),
            crate::model::Orientation::ALL
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            choices(&ORGANISATION, "kertas"),
            crate::model::Paper::ALL
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        );
        let symbols: Vec<&str> = crate::model::SymbolKind::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(choices(&STEP, "simbol"), symbols);
        assert_eq!(choices(&THEN, "simbol"), symbols);
        for word in choices(&STEP, "tahap") {
            let yaml = format!(
                "pelaksana: [a]\nlangkah:\n  - {{ pelaksana: a, kegiatan: X, tahap: {word} }}\n"
            );
            assert!(crate::test_util::sop_from(&yaml).steps[0].phase.is_some());
        }
        for word in choices(&ACTIVITY, "jenis") {
            let yaml = format!(
                "pelaksana: [a]\nkegiatan: {{ jenis: {word} }}\nlangkah:\n  - {{ pelaksana: a, kegiatan: X }}\n"
            );
            let sop = crate::test_util::sop_from(&yaml);
            assert!(sop.activity.and_then(|a| a.kind).is_some());
        }
    }
}
