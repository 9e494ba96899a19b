//! The book's text: what `buku:` in `organisasi.yaml` says, and for what it does not
//! say, the generated default. Every sentence of the book that is not an SOP's own is
//! decided here, in official Indonesian; the page modules only place it.

use super::words;
use crate::model::book::{Book, Citation};
use crate::model::{Date, Signer, Sop, Workspace};
use crate::source::{Span, Spanned};

/// A text and the YAML it came from (`None`: generated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    /// The text.
    pub text: String,
    /// Where it was written.
    pub source: Option<Span>,
}

impl Src {
    fn generated(text: impl Into<String>) -> Src {
        Src {
            text: text.into(),
            source: None,
        }
    }
    fn written(s: &Spanned<String>) -> Src {
        Src {
            text: s.value.clone(),
            source: Some(s.span),
        }
    }
}

/// The regulation every SOP AP is drawn up under.
const PERMENPAN: &str = "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan";

/// Every text of the book, resolved.
#[derive(Debug, Clone)]
pub struct Wording<'a> {
    /// *Pemerintah*.
    pub government: Src,
    /// *Instansi*.
    pub agency: Src,
    /// *Singkatan* of the instansi, or the instansi.
    pub short: String,
    /// *Tahun* of the book (`None`: no date anywhere).
    pub year: Option<u16>,
    /// The official who decrees, e.g. "Kepala Dinas ... Kabupaten Bangka".
    pub official: Src,
    /// The decree's nomor (`None`: a dotted line).
    pub number: Option<Src>,
    /// *Tentang*.
    pub subject: Src,
    /// *Menimbang*, each ending in ";".
    pub considering: Vec<Src>,
    /// *Mengingat*, each ending in ";".
    pub recalling: Vec<Src>,
    /// *Diktum*, labelled KESATU, KEDUA, ...
    pub provisions: Vec<Src>,
    /// *Tempat* (`None`: a dotted line).
    pub place: Option<Src>,
    /// *Tanggal* (`None`: a dotted line).
    pub date: Option<(Date, Option<Span>)>,
    /// Who signs: the organisation's pengesah.
    pub signer: Option<&'a Signer>,
    /// *Ruang lingkup*.
    pub scope: Src,
    /// *Ringkasan*.
    pub summary: Src,
    /// *Definisi*: term and meaning.
    pub definitions: Vec<(Src, Src)>,
}

/// A dotted line, for what must be filled in by hand.
pub const BLANK: &str = "....................";

impl Wording<'_> {
    /// The decree's date as written in it, or a dotted line.
    pub fn date_text(&self) -> String {
        self.date
            .as_ref()
            .map_or(BLANK.to_string(), |(d, _)| words::date(d))
    }

    /// The decree's nomor, or a dotted line.
    pub fn number_text(&self) -> String {
        self.number
            .as_ref()
            .map_or(BLANK.to_string(), |n| n.text.clone())
    }

    /// "KEPUTUSAN KEPALA DINAS ...": the decree's name, upper case.
    pub fn decree_name(&self) -> String {
        format!("KEPUTUSAN {}", self.official.text.to_uppercase())
    }
}

/// Ends a recital with ";" (UU 12/2011, Lampiran II: each point of menimbang and
/// mengingat ends with a semicolon).
fn semicolon(mut s: Src) -> Src {
    let t = s
        .text
        .trim_end()
        .trim_end_matches(['.', ';', ','])
        .to_string();
    s.text = format!("{t};");
    s
}

/// Resolves the book's text for the SOPs `sops` (in book order).
pub fn wording<'a>(ws: &'a Workspace, sops: &[&Sop]) -> Wording<'a> {
    let org = &ws.org;
    let empty = Book::default();
    let book = org.book.as_ref().unwrap_or(&empty);
    let d = &book.decree;
    let e = &book.explanation;
    let agency = org
        .agency
        .as_ref()
        .map_or(Src::generated("Perangkat Daerah"), Src::written);
    let government = org
        .government
        .as_ref()
        .map_or(Src::generated(""), Src::written);
    let short = org
        .abbreviation
        .as_ref()
        .map_or(agency.text.clone(), |a| a.value.clone());
    let official = d.official.as_ref().map_or_else(
        || Src::generated(format!("Kepala {}", agency.text)),
        Src::written,
    );
    let subject = d.subject.as_ref().map_or_else(
        || {
            Src::generated(format!(
                "Penetapan Standar Operasional Prosedur Administrasi Pemerintahan di Lingkungan {}",
                agency.text
            ))
        },
        Src::written,
    );
    // The decree is dated as written, else on the day the last of its SOPs takes force.
    let date = d
        .date
        .as_ref()
        .map(|d| (d.value, Some(d.span)))
        .or_else(|| {
            sops.iter()
                .filter_map(|s| s.dates.effective.as_ref())
                .map(|e| (e.value, None))
                .max_by_key(|(d, _)| *d)
        });
    let year = book
        .year
        .as_ref()
        .map(|y| y.value)
        .or(date.as_ref().map(|(d, _)| d.year));
    let considering = if d.considering.is_empty() {
        vec![
            Src::generated(format!(
                "bahwa dalam rangka meningkatkan efektivitas dan efisiensi penyelenggaraan administrasi pemerintahan serta kualitas pelayanan publik di lingkungan {}, perlu disusun Standar Operasional Prosedur Administrasi Pemerintahan",
                agency.text
            )),
            Src::generated(format!(
                "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan {} tentang {}",
                official.text, subject.text
            )),
        ]
    } else {
        d.considering.iter().map(Src::written).collect()
    };
    let recalling: Vec<Src> = match &d.recalling {
        Some(list) => list
            .iter()
            .map(|c| match c {
                Citation::Basis(id) => match org.legal_basis(&id.value) {
                    Some(l) => Src {
                        text: l.text.value.clone(),
                        source: Some(id.span),
                    },
                    None => Src::written(id),
                },
                Citation::Text(t) => Src::written(t),
            })
            .collect(),
        None if org.legal_bases.is_empty() => vec![Src::generated(PERMENPAN)],
        None => org
            .legal_bases
            .iter()
            .map(|l| Src::written(&l.text))
            .collect(),
    };
    let provisions = if d.provisions.is_empty() {
        vec![
            Src::generated(format!(
                "Menetapkan Standar Operasional Prosedur Administrasi Pemerintahan di Lingkungan {} sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
                agency.text
            )),
            Src::generated(format!(
                "Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi setiap pejabat dan pegawai di lingkungan {} dalam melaksanakan tugas dan fungsinya.",
                agency.text
            )),
            Src::generated(
                "Pelaksanaan Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU dimonitor dan dievaluasi secara berkala paling sedikit 1 (satu) kali dalam 6 (enam) bulan.",
            ),
            Src::generated("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        ]
    } else {
        d.provisions.iter().map(Src::written).collect()
    };
    let scope = e.scope.as_ref().map_or_else(
        || {
            Src::generated(format!(
                "Standar Operasional Prosedur dalam dokumen ini berlaku bagi seluruh unit kerja di lingkungan {} dan mengatur {} prosedur administrasi pemerintahan sebagaimana tercantum dalam Daftar Isi.",
                agency.text,
                words::count(sops.len())
            ))
        },
        Src::written,
    );
    let summary = e.summary.as_ref().map_or_else(
        || {
            Src::generated(format!(
                "Dokumen ini memuat Standar Operasional Prosedur Administrasi Pemerintahan {} yang disusun berdasarkan {PERMENPAN}. Setiap SOP terdiri atas bagian identitas dan bagian prosedur berupa diagram alir (flowchart) yang memuat kegiatan, pelaksana, dan mutu baku. Pelaksanaan setiap SOP dimonitor dengan formulir monitoring pada bagian akhir dokumen ini.",
                agency.text
            ))
        },
        Src::written,
    );
    let definitions = match &e.definitions {
        Some(list) => list
            .iter()
            .map(|(t, m)| (Src::written(t), Src::written(m)))
            .collect(),
        None => default_definitions(),
    };
    Wording {
        government,
        agency,
        short,
        year,
        official,
        number: d.number.as_ref().map(Src::written),
        subject,
        considering: considering.into_iter().map(semicolon).collect(),
        recalling: recalling.into_iter().map(semicolon).collect(),
        provisions,
        place: d.place.as_ref().map(Src::written),
        date,
        signer: org.signer.as_ref(),
        scope,
        summary,
        definitions,
    }
}

/// The terms of Permenpan RB 35/2012 that every SOP of the book uses.
fn default_definitions() -> Vec<(Src, Src)> {
    [
        (
            "Standar Operasional Prosedur (SOP)",
            "serangkaian instruksi tertulis yang dibakukan mengenai berbagai proses penyelenggaraan aktivitas organisasi, bagaimana dan kapan harus dilakukan, di mana dan oleh siapa dilakukan.",
        ),
        (
            "SOP Administrasi Pemerintahan (SOP AP)",
            "standar operasional prosedur dari berbagai proses penyelenggaraan administrasi pemerintahan.",
        ),
        (
            "Pelaksana",
            "pejabat atau pegawai yang melakukan kegiatan dalam prosedur, digambarkan sebagai kolom pada diagram alir.",
        ),
        (
            "Mutu Baku",
            "ukuran yang harus dipenuhi oleh setiap kegiatan, berupa kelengkapan, waktu, dan output.",
        ),
        (
            "Keterkaitan",
            "hubungan suatu prosedur dengan SOP lain yang berkaitan.",
        ),
    ]
    .into_iter()
    .map(|(t, m)| (Src::generated(t), Src::generated(m)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::project;

    #[test]
    fn missing_book_gets_generated_text() {
        let p = project("pelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: Mulai }\n");
        let ws = &p.workspaces[0];
        let sops: Vec<&Sop> = ws.sops.iter().collect();
        let w = wording(ws, &sops);
        assert_eq!(w.official.text, "Kepala Dinas Contoh");
        assert_eq!(w.decree_name(), "KEPUTUSAN KEPALA DINAS CONTOH");
        assert_eq!(w.year, Some(2020));
        assert_eq!(w.date_text(), "2 Januari 2020");
        assert_eq!(w.number_text(), BLANK);
        assert!(w.considering.iter().all(|c| c.text.ends_with(';')));
        // mengingat defaults to the dasar_hukum library, cited from where it is written.
        assert_eq!(w.recalling.len(), 1);
        assert_eq!(w.recalling[0].text, "Peraturan Daerah Nomor 1;");
        assert!(w.recalling[0].source.is_some());
        assert_eq!(w.provisions.len(), 4);
        assert!(w.scope.text.contains("1 (satu) prosedur"));
        assert_eq!(w.definitions.len(), 5);
    }
}
