//! The SOP book (*dokumen SOP*): the optional `buku:` section of `organisasi.yaml`, and
//! the order in which the book prints the SOPs.
//!
//! Glossary:
//!
//! | Rust | term |
//! | --- | --- |
//! | [`Book`] | buku / dokumen SOP |
//! | [`Decree`] | keputusan pengesahan (the head's decree enacting the SOPs) |
//! | [`Citation`] | one item of *mengingat* |
//! | [`Explanation`] | penjelasan singkat: ruang lingkup, ringkasan, definisi |
//!
//! Every part is optional: the book prints generated text for what is missing, and
//! `check` warns about the text only the office can write (nomor, tempat, penjelasan).

use std::cmp::Ordering;

use super::{Date, Sop, Workspace, normalize};
use crate::source::{Span, Spanned};

/// The `buku:` section.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// Where the key `buku` was written.
    pub span: Span,
    /// *Tahun* printed on the cover.
    pub year: Option<Spanned<u16>>,
    /// *Keputusan*: the decree of enactment.
    pub decree: Decree,
    /// *Penjelasan singkat*.
    pub explanation: Explanation,
    /// *Urutan*: SOP ids in the order the book prints them.
    pub order: Vec<Spanned<String>>,
    /// Where the key `urutan` was written.
    pub order_span: Option<Span>,
}

/// *Keputusan*: the decree of the head of the office that enacts the SOPs.
#[derive(Debug, Clone, Default)]
pub struct Decree {
    /// Where the key `keputusan` was written (`None`: not written).
    pub span: Option<Span>,
    /// *Nomor* of the decree.
    pub number: Option<Spanned<String>>,
    /// *Pejabat*: the full title of the official who decrees ("Kepala Dinas ...").
    pub official: Option<Spanned<String>>,
    /// *Tentang*: the subject ("Penetapan Standar Operasional Prosedur ...").
    pub subject: Option<Spanned<String>>,
    /// *Menimbang*: the considerations, each starting with "bahwa".
    pub considering: Vec<Spanned<String>>,
    /// *Mengingat*: the legal bases as the decree prints them, each regulation once and
    /// in the order of the hierarchy of regulations ([`super::regulation::recitals`],
    /// applied by [`super::lower::workspace`]); `None`: not written and no `dasar_hukum`
    /// library.
    pub recalling: Option<Vec<Citation>>,
    /// *Diktum*: the provisions, printed KESATU, KEDUA, ...
    pub provisions: Vec<Spanned<String>>,
    /// *Tempat*: where the decree is made ("Ditetapkan di ...").
    pub place: Option<Spanned<String>>,
    /// *Tanggal*: when (`None`: the latest tgl. efektif of the SOPs).
    pub date: Option<Spanned<Date>>,
}

/// One item of *mengingat*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// The id of an entry of the `dasar_hukum` library.
    Basis(Spanned<String>),
    /// A regulation written out in full.
    Text(Spanned<String>),
}

/// *Penjelasan singkat*.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    /// Where the key `penjelasan` was written (`None`: not written).
    pub span: Option<Span>,
    /// *Ruang lingkup*.
    pub scope: Option<Spanned<String>>,
    /// *Ringkasan*.
    pub summary: Option<Spanned<String>>,
    /// *Definisi*: term and meaning, in written order (`None`: not written).
    pub definitions: Option<Vec<(Spanned<String>, Spanned<String>)>>,
}

/// The SOPs of the workspace in the book's order: first those listed in `urutan`, in
/// that order, then the others by nomor (digits compared as numbers), nama and id.
/// Ids listed in `urutan` that are not among the workspace's SOPs are skipped.
pub fn order(ws: &Workspace) -> Vec<&Sop> {
    let listed: Vec<&str> = ws
        .org
        .book
        .as_ref()
        .map(|b| b.order.iter().map(|o| o.value.as_str()).collect())
        .unwrap_or_default();
    let mut out: Vec<&Sop> = Vec::new();
    for id in &listed {
        if let Some(s) = ws.sops.iter().find(|s| s.id == *id) {
            if !out.iter().any(|o| o.id == s.id) {
                out.push(s);
            }
        }
    }
    let mut rest: Vec<&Sop> = ws
        .sops
        .iter()
        .filter(|s| !listed.contains(&s.id.as_str()))
        .collect();
    rest.sort_by(|a, b| default_order(a, b));
    out.extend(rest);
    out
}

fn default_order(a: &Sop, b: &Sop) -> Ordering {
    let nomor = |s: &Sop| s.number.as_ref().map_or(String::new(), |n| n.value.clone());
    natural(&nomor(a), &nomor(b))
        .then_with(|| normalize(a.title()).cmp(&normalize(b.title())))
        .then_with(|| a.id.cmp(&b.id))
}

/// Compares two texts with runs of digits compared as numbers, so "188.4/2/" comes
/// before "188.4/10/".
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let db = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (na, nb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                let ord = x.to_lowercase().cmp(y.to_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recalling(org: &str) -> Vec<String> {
        let p = crate::test_util::project_with(
            org,
            "dasar_hukum: [perbup-1-b]\npelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: Mulai, kelengkapan: [x], waktu: 1 jam, output: y }\nmasukan: [x]\n",
        );
        let ws = &p.workspaces[0];
        let book = ws.org.book.as_ref().expect("buku");
        book.decree
            .recalling
            .iter()
            .flatten()
            .map(|c| match c {
                Citation::Basis(id) => format!("id {}", id.value),
                Citation::Text(t) => t.value.clone(),
            })
            .collect()
    }

    const LIBRARY: &str = "instansi: Dinas\npengesah: { jabatan: Kepala, nama: Budi }\npelaksana: { a: { jabatan: A } }\ndasar_hukum:\n  perbup-1: Peraturan Bupati Bangka Nomor 1 Tahun 2013 tentang SOP\n  uu-23: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah\n  perbup-1-b: Peraturan Bupati Bangka Nomor 1 Tahun 2013 tentang S.O.P.\n";

    #[test]
    fn the_decree_cites_each_regulation_once_in_the_hierarchy() {
        // Not written: the library, the Perbup once in the words of the entry the SOPs
        // cite.
        assert_eq!(
            recalling(&format!("{LIBRARY}buku: {{ tahun: 2020 }}\n")),
            [
                "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
                "Peraturan Bupati Bangka Nomor 1 Tahun 2013 tentang S.O.P.",
            ]
        );
        // Written: an id and the same regulation in full are one; the UU goes first.
        assert_eq!(
            recalling(&format!(
                "{LIBRARY}buku:\n  keputusan:\n    mengingat:\n      - perbup-1\n      - Pedoman Tata Naskah Dinas\n      - UU No. 23 Tahun 2014\n      - uu-23\n      - perbup-1-b\n"
            )),
            ["id uu-23", "id perbup-1-b", "Pedoman Tata Naskah Dinas"]
        );
    }

    #[test]
    fn digits_compare_as_numbers() {
        assert_eq!(natural("188.4/2/X", "188.4/10/X"), Ordering::Less);
        assert_eq!(natural("188.4/010/X", "188.4/10/X"), Ordering::Equal);
        assert_eq!(natural("a", "B"), Ordering::Less);
        assert_eq!(natural("", "1"), Ordering::Less);
    }
}
