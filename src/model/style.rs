//! *Gaya*: how an office prints its SOPs. `organisasi.yaml` may carry a `gaya:` mapping and
//! each SOP file its own `gaya:` overriding some of its keys for that SOP only; every key
//! is optional. Lowering reads each mapping into a [`StyleSpec`] (what was written, with
//! spans); [`Style::resolve`] merges the defaults, the office's spec and the SOP's spec
//! into the one [`Style`] each SOP is laid out with ([`super::Sop::style`]).

use crate::source::Spanned;

/// The default footer statement of an electronically signed SOP (*pernyataan TTE*).
pub const TTE_STATEMENT: &str = "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN";

/// Where the logo stands in the kop (`gaya.logo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogoPlace {
    /// Above the kop lines, centred (`atas`).
    #[default]
    Above,
    /// Left of the kop lines (`kiri`).
    Left,
}

/// How the SOP is signed (`gaya.tanda_tangan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Signature {
    /// Wet ink: room for the signature and the stamp (`basah`).
    #[default]
    Wet,
    /// *Tanda tangan elektronik* (TTE): a reserved square for the QR code and the BSrE
    /// statement in every footer (`elektronik`).
    Electronic,
}

/// Where a decision's question is written (`gaya.pertanyaan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionPlace {
    /// In the Kegiatan column (`kegiatan`).
    #[default]
    Activity,
    /// Inside the diamond (`simbol`).
    Symbol,
}

/// How off-page connectors are labelled (`gaya.konektor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConnectorLabels {
    /// A, B, C, ... (`huruf`).
    #[default]
    Letters,
    /// 1, 2, 3, ... (`angka`).
    Numbers,
}

/// How the day of a date is printed (`gaya.format_tanggal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// "02 Juni 2025" (`nol`).
    #[default]
    ZeroPadded,
    /// "2 Juni 2025" (`tanpa-nol`).
    Plain,
}

/// How a NIP is printed (`gaya.nip`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NipFormat {
    /// "19641222 198903 1 009" (`spasi`).
    #[default]
    Spaced,
    /// "196412221989031009" (`rapat`).
    Compact,
}

/// The markers of the identity page's lists (`gaya.daftar`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListMarker {
    /// 1. 2. 3. (`nomor`).
    #[default]
    Numbers,
    /// • (`butir`).
    Bullets,
}

/// What an empty section of the identity page shows (`gaya.identitas_kosong`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmptySections {
    /// The section with "-" (`tampil`).
    #[default]
    Shown,
    /// Nothing: the section is left out (`hilang`).
    Hidden,
}

/// A column of the Mutu Baku group (`gaya.kolom.mutu_baku`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualityColumn {
    /// *Kelengkapan*.
    Requirements,
    /// *Waktu*.
    Time,
    /// *Output*.
    Output,
}

impl QualityColumn {
    /// The default order: kelengkapan, waktu, output.
    pub const DEFAULT: [QualityColumn; 3] = [
        QualityColumn::Requirements,
        QualityColumn::Time,
        QualityColumn::Output,
    ];

    /// The YAML name.
    pub fn name(self) -> &'static str {
        match self {
            QualityColumn::Requirements => "kelengkapan",
            QualityColumn::Time => "waktu",
            QualityColumn::Output => "output",
        }
    }
}

/// `gaya.kolom` as written.
#[derive(Debug, Clone, Default)]
pub struct ColumnsSpec {
    /// `kelengkapan`: print the Kelengkapan column.
    pub requirements: Option<Spanned<bool>>,
    /// `nomor_kolom`: a row of column numbers under the header.
    pub numbers: Option<Spanned<bool>>,
    /// `mutu_baku`: the order of the Mutu Baku columns, each at most once.
    pub quality: Option<Spanned<Vec<QualityColumn>>>,
}

/// `gaya.judul` as written: the table headings in the office's words.
#[derive(Debug, Clone, Default)]
pub struct HeadingsSpec {
    /// `no`.
    pub no: Option<Spanned<String>>,
    /// `kegiatan`.
    pub activity: Option<Spanned<String>>,
    /// `pelaksana`.
    pub actors: Option<Spanned<String>>,
    /// `mutu_baku`.
    pub quality: Option<Spanned<String>>,
    /// `kelengkapan`.
    pub requirements: Option<Spanned<String>>,
    /// `waktu`.
    pub time: Option<Spanned<String>>,
    /// `output`.
    pub output: Option<Spanned<String>>,
    /// `keterangan`.
    pub note: Option<Spanned<String>>,
}

/// One `gaya:` mapping as written (in `organisasi.yaml` or in an SOP file): each key
/// that was given, with where.
#[derive(Debug, Clone, Default)]
pub struct StyleSpec {
    /// `kop`: the kop lines, in order.
    pub kop: Option<Spanned<Vec<Spanned<String>>>>,
    /// `logo`.
    pub logo: Option<Spanned<LogoPlace>>,
    /// `lembar_kerja`.
    pub worksheets: Option<Spanned<bool>>,
    /// `satu_halaman`.
    pub one_page: Option<Spanned<bool>>,
    /// `tanda_tangan`.
    pub signature: Option<Spanned<Signature>>,
    /// `pernyataan_tte`.
    pub tte_statement: Option<Spanned<String>>,
    /// `pertanyaan`.
    pub question: Option<Spanned<QuestionPlace>>,
    /// `konektor`.
    pub connectors: Option<Spanned<ConnectorLabels>>,
    /// `format_tanggal`.
    pub date_format: Option<Spanned<DateFormat>>,
    /// `nip`.
    pub nip: Option<Spanned<NipFormat>>,
    /// `daftar`.
    pub lists: Option<Spanned<ListMarker>>,
    /// `kolom`.
    pub columns: ColumnsSpec,
    /// `judul`.
    pub headings: HeadingsSpec,
    /// `identitas_kosong`.
    pub empty_sections: Option<Spanned<EmptySections>>,
}

/// The table headings of the flowchart page, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headings {
    /// "No".
    pub no: String,
    /// "Kegiatan".
    pub activity: String,
    /// "Pelaksana".
    pub actors: String,
    /// "Mutu Baku".
    pub quality: String,
    /// "Kelengkapan".
    pub requirements: String,
    /// "Waktu".
    pub time: String,
    /// "Output".
    pub output: String,
    /// "Keterangan".
    pub note: String,
}

impl Default for Headings {
    fn default() -> Self {
        Headings {
            no: "No".into(),
            activity: "Kegiatan".into(),
            actors: "Pelaksana".into(),
            quality: "Mutu Baku".into(),
            requirements: "Kelengkapan".into(),
            time: "Waktu".into(),
            output: "Output".into(),
            note: "Keterangan".into(),
        }
    }
}

/// The columns of the flowchart table, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Print the Kelengkapan column.
    pub requirements: bool,
    /// A row "1 2 3 ... n" under the header.
    pub numbers: bool,
    /// The Mutu Baku columns in order (all three, also when Kelengkapan is not printed).
    pub quality: [QualityColumn; 3],
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            requirements: true,
            numbers: false,
            quality: QualityColumn::DEFAULT,
        }
    }
}

impl Columns {
    /// The Mutu Baku columns that are printed, in order.
    pub fn printed(&self) -> impl Iterator<Item = QualityColumn> + '_ {
        self.quality
            .iter()
            .copied()
            .filter(|c| self.requirements || *c != QualityColumn::Requirements)
    }
}

/// How one SOP is printed: the defaults, overridden by the office's `gaya:`, overridden
/// by the SOP's own `gaya:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// The kop lines above or beside the logo, in order (the SOP's `unit` comes after
    /// them, smaller). Default: `pemerintah` (when written) and `instansi`.
    pub kop: Option<Vec<Spanned<String>>>,
    /// Where the logo stands.
    pub logo: LogoPlace,
    /// Print Identifikasi Judul and Lembar Kerja A to C.
    pub worksheets: bool,
    /// Print a short SOP's identity section and flowchart on one page when both fit.
    pub one_page: bool,
    /// Wet ink or electronic signature.
    pub signature: Signature,
    /// The footer statement of an electronically signed SOP.
    pub tte_statement: String,
    /// Where a decision's question is written.
    pub question: QuestionPlace,
    /// Letters or numbers on off-page connectors.
    pub connectors: ConnectorLabels,
    /// "02 Juni 2025" or "2 Juni 2025".
    pub date_format: DateFormat,
    /// NIP with or without spaces; `None` (no `nip:` written): as written in `pengesah`.
    pub nip: Option<NipFormat>,
    /// Numbered or bulleted lists on the identity page.
    pub lists: ListMarker,
    /// The columns of the flowchart table.
    pub columns: Columns,
    /// The headings of the flowchart table.
    pub headings: Headings,
    /// Whether empty identity sections are printed with "-" or left out.
    pub empty_sections: EmptySections,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            kop: None,
            logo: LogoPlace::default(),
            worksheets: true,
            one_page: false,
            signature: Signature::default(),
            tte_statement: TTE_STATEMENT.to_string(),
            question: QuestionPlace::default(),
            connectors: ConnectorLabels::default(),
            date_format: DateFormat::default(),
            nip: None,
            lists: ListMarker::default(),
            columns: Columns::default(),
            headings: Headings::default(),
            empty_sections: EmptySections::default(),
        }
    }
}

impl Style {
    /// The style of one SOP: the defaults, then each spec in turn (the office's, then the
    /// SOP's), a key written later replacing the same key written before.
    pub fn resolve(specs: &[&StyleSpec]) -> Style {
        let mut s = Style::default();
        for spec in specs {
            s.apply(spec);
        }
        s
    }

    fn apply(&mut self, spec: &StyleSpec) {
        fn set<T: Clone>(slot: &mut T, v: &Option<Spanned<T>>) {
            if let Some(v) = v {
                *slot = v.value.clone();
            }
        }
        if let Some(k) = &spec.kop {
            self.kop = Some(k.value.clone());
        }
        set(&mut self.logo, &spec.logo);
        set(&mut self.worksheets, &spec.worksheets);
        set(&mut self.one_page, &spec.one_page);
        set(&mut self.signature, &spec.signature);
        if let Some(t) = &spec.tte_statement {
            self.tte_statement = t.value.clone();
        }
        set(&mut self.question, &spec.question);
        set(&mut self.connectors, &spec.connectors);
        set(&mut self.date_format, &spec.date_format);
        if let Some(n) = &spec.nip {
            self.nip = Some(n.value);
        }
        set(&mut self.lists, &spec.lists);
        set(&mut self.empty_sections, &spec.empty_sections);
        let c = &spec.columns;
        set(&mut self.columns.requirements, &c.requirements);
        set(&mut self.columns.numbers, &c.numbers);
        if let Some(q) = &c.quality {
            // Columns not written keep their default order after the written ones.
            let mut order: Vec<QualityColumn> = q.value.clone();
            for d in QualityColumn::DEFAULT {
                if !order.contains(&d) {
                    order.push(d);
                }
            }
            if let [a, b, c] = order[..] {
                self.columns.quality = [a, b, c];
            }
        }
        let h = &spec.headings;
        let hs = &mut self.headings;
        for (slot, v) in [
            (&mut hs.no, &h.no),
            (&mut hs.activity, &h.activity),
            (&mut hs.actors, &h.actors),
            (&mut hs.quality, &h.quality),
            (&mut hs.requirements, &h.requirements),
            (&mut hs.time, &h.time),
            (&mut hs.output, &h.output),
            (&mut hs.note, &h.note),
        ] {
            set(slot, v);
        }
    }

    /// A NIP as this office prints it: the 18 digits grouped 8 6 1 3 (`spasi`) or
    /// together (`rapat`). Without `nip:`, and for a NIP that is not 18 digits, as
    /// written.
    pub fn nip_text(&self, written: &str) -> String {
        let digits: String = written.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return written.to_string();
        }
        match self.nip {
            None => written.to_string(),
            Some(NipFormat::Compact) => digits,
            Some(NipFormat::Spaced) => format!(
                "{} {} {} {}",
                &digits[..8],
                &digits[8..14],
                &digits[14..15],
                &digits[15..]
            ),
        }
    }
}

/// An identity row beyond the usual ones (`identitas_lain`).
#[derive(Debug, Clone)]
pub struct ExtraSection {
    /// `judul`: the section's heading, e.g. "Maksud dan Tujuan".
    pub title: Spanned<String>,
    /// `isi`: its text, or its list of texts.
    pub items: Vec<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn sp<T>(v: T) -> Option<Spanned<T>> {
        Some(Spanned::new(v, Span::new(FileId(0), 0, 0)))
    }

    #[test]
    fn the_sop_overrides_the_office_key_by_key() {
        let office = StyleSpec {
            worksheets: sp(false),
            signature: sp(Signature::Electronic),
            columns: ColumnsSpec {
                quality: sp(vec![QualityColumn::Output]),
                ..ColumnsSpec::default()
            },
            ..StyleSpec::default()
        };
        let sop = StyleSpec {
            worksheets: sp(true),
            ..StyleSpec::default()
        };
        let s = Style::resolve(&[&office, &sop]);
        assert!(s.worksheets);
        assert_eq!(s.signature, Signature::Electronic);
        assert_eq!(
            s.columns.quality,
            [
                QualityColumn::Output,
                QualityColumn::Requirements,
                QualityColumn::Time
            ]
        );
        assert_eq!(Style::resolve(&[]), Style::default());
    }

    #[test]
    fn nip_spaced_or_compact() {
        let mut s = Style::default();
        assert_eq!(s.nip_text("196412221989031009"), "196412221989031009");
        s.nip = Some(NipFormat::Spaced);
        assert_eq!(s.nip_text("196412221989031009"), "19641222 198903 1 009");
        assert_eq!(s.nip_text("19641222  198903 1009"), "19641222 198903 1 009");
        s.nip = Some(NipFormat::Compact);
        assert_eq!(s.nip_text("19641222 198903 1 009"), "196412221989031009");
        assert_eq!(s.nip_text("1964 12"), "1964 12");
    }
}
