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
    /// A *waktu*: a number (or range) and a unit of [`UNITS`].
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
        req(
            "pemerintah",
            Kind::Text,
            "Government, e.g. `Pemerintah Kabupaten Bangka`; printed on every identity page.",
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
            "Paper, always landscape: a4 (default), f4 (330 × 215 mm), letter, legal.",
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
            Kind::Date,
            "Tgl. pembuatan: when the SOP was finished (YYYY-MM-DD).",
        ),
        opt(
            "revisi",
            Kind::Date,
            "Tgl. revisi (YYYY-MM-DD), or null: printed as \"-\".",
        ),
        req(
            "efektif",
            Kind::Date,
            "Tgl. efektif: when it takes force, usually the signing date (YYYY-MM-DD).",
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

/// `keputusan`.
pub static DECISION: MapShape = MapShape {
    title: "keputusan (a decision: diamond with two exits)",
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
            Kind::Ids,
            "Roster id of the actor, or a list of ids for a step done together.",
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
            Kind::Waktu,
            "Mutu baku: how long, e.g. `5 menit`, `1,5 jam`, `1-2 hari kerja`.",
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
            Kind::Id,
            "Id of the next step when it is not the following one (forward only).",
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
        req(
            "pelaksana",
            Kind::Ids,
            "The lanes, as roster ids, in column order.",
        ),
        req(
            "langkah",
            Kind::List(&Kind::Map(&STEP)),
            "The steps, in order; numbered 1, 2, 3, ... as written.",
        ),
    ],
};

/// Every mapping shape, for tests and documentation.
pub static ALL: [&MapShape; 15] = [
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
    &DECISION,
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
            choices(&ORGANISATION, "kertas"),
            crate::model::Paper::ALL
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        );
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
