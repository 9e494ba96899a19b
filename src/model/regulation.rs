//! Regulations as cited in *dasar hukum* and the decree's *mengingat*: their kind,
//! number and year read from the text, whether two texts cite one regulation, and the
//! order of the hierarchy of regulations (UU 12/2011, Pasal 7 and 8).
//!
//! Glossary:
//!
//! | Rust | term |
//! | --- | --- |
//! | [`Regulation`] | peraturan perundang-undangan, as cited |
//! | [`Kind`] | jenis peraturan: UU, PP, Perpres, Permen, Perda, Perbup, Keputusan, ... |

use std::cmp::Ordering;

use super::book::{Citation, natural};
use super::{LegalBasis, Sop, normalize};

/// The kind of a regulation (*jenis peraturan perundang-undangan*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Undang-Undang Dasar 1945.
    Uud,
    /// Undang-Undang.
    Uu,
    /// Peraturan Pemerintah Pengganti Undang-Undang (the level of a UU).
    Perppu,
    /// Peraturan Pemerintah.
    Pp,
    /// Peraturan Presiden.
    Perpres,
    /// Peraturan Menteri.
    Permen,
    /// Peraturan of a lembaga or its kepala (Peraturan Kepala BPS, Peraturan BKN).
    Perka,
    /// Peraturan Daerah Provinsi.
    PerdaProvinsi,
    /// Peraturan Gubernur.
    Pergub,
    /// Peraturan Daerah Kabupaten/Kota.
    PerdaKabupaten,
    /// Peraturan Daerah without its level: ranked and compared as a Perda
    /// Kabupaten/Kota.
    Perda,
    /// Peraturan Bupati.
    Perbup,
    /// Peraturan Wali Kota.
    Perwali,
    /// Keputusan (of the Presiden, a Menteri, a Bupati, a Kepala ...).
    Keputusan,
}

impl Kind {
    /// Place in the hierarchy, highest first. UU 12/2011 Pasal 7 orders UUD, UU/Perppu,
    /// PP, Perpres, Perda Provinsi and Perda Kabupaten/Kota; the regulations of Pasal 8
    /// go by the level of who makes them: a Menteri's or a lembaga's below the
    /// Perpres, a Gubernur's below the Perda Provinsi, a Bupati's or Wali Kota's below
    /// the Perda Kabupaten/Kota. A Keputusan (a decision, not a regulation) comes last.
    pub fn rank(self) -> u8 {
        match self {
            Kind::Uud => 0,
            Kind::Uu | Kind::Perppu => 1,
            Kind::Pp => 2,
            Kind::Perpres => 3,
            Kind::Permen | Kind::Perka => 4,
            Kind::PerdaProvinsi => 5,
            Kind::Pergub => 6,
            Kind::PerdaKabupaten | Kind::Perda => 7,
            Kind::Perbup | Kind::Perwali => 8,
            Kind::Keputusan => 9,
        }
    }

    /// The usual short form ("Perbup").
    pub fn short(self) -> &'static str {
        match self {
            Kind::Uud => "UUD",
            Kind::Uu => "UU",
            Kind::Perppu => "Perppu",
            Kind::Pp => "PP",
            Kind::Perpres => "Perpres",
            Kind::Permen => "Permen",
            Kind::Perka => "Peraturan Lembaga",
            Kind::PerdaProvinsi => "Perda Provinsi",
            Kind::Pergub => "Pergub",
            Kind::PerdaKabupaten | Kind::Perda => "Perda",
            Kind::Perbup => "Perbup",
            Kind::Perwali => "Perwali",
            Kind::Keputusan => "Keputusan",
        }
    }

    /// Whether the issuer is part of the identity: many ministers, lembaga and regions
    /// number their regulations each on its own.
    fn has_issuer(self) -> bool {
        !matches!(
            self,
            Kind::Uud | Kind::Uu | Kind::Perppu | Kind::Pp | Kind::Perpres
        )
    }

    /// Kinds that can name one regulation: a Perda whose level is not written is
    /// taken for a Perda Kabupaten/Kota, as the offices that leave it out are mostly a
    /// kabupaten's or a kota's (a province's office would miss a duplicate, not report
    /// a false one).
    fn compatible(self, other: Kind) -> bool {
        self == other
            || matches!(
                (self, other),
                (Kind::Perda, Kind::PerdaKabupaten) | (Kind::PerdaKabupaten, Kind::Perda)
            )
    }
}

/// A regulation as a citation names it: "Peraturan Bupati Bangka Nomor 14 Tahun 2013
/// tentang ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regulation {
    /// Its kind.
    pub kind: Kind,
    /// Who made it, in lower case words ("dalam negeri", "bangka", "bps"; empty when
    /// not written, or for a UU, PP or Perpres).
    pub issuer: String,
    /// *Nomor*, in lower case ("14", "188.45/123/2020"; `None` for the UUD 1945).
    pub number: Option<String>,
    /// *Tahun*.
    pub year: Option<u16>,
}

impl Regulation {
    /// "Perbup 14/2013": kind, number and year, for messages.
    pub fn short(&self) -> String {
        match (&self.number, self.year) {
            (Some(n), Some(y)) => format!("{} {n}/{y}", self.kind.short()),
            (Some(n), None) => format!("{} {n}", self.kind.short()),
            (None, Some(y)) => format!("{} {y}", self.kind.short()),
            (None, None) => self.kind.short().to_string(),
        }
    }

    /// Whether two citations name one regulation: compatible kinds, the same number
    /// and year, and issuers that are the same or one of them not written.
    pub fn same(&self, other: &Regulation) -> bool {
        // Without a number, two citations of one kind may name any two regulations;
        // there is one UUD 1945.
        if self.number.is_none() && self.kind != Kind::Uud {
            return false;
        }
        self.kind.compatible(other.kind)
            && self.number == other.number
            && self.year == other.year
            && (!self.kind.has_issuer() || same_issuer(&self.issuer, &other.issuer))
    }

    /// Order within the hierarchy: level, then year, then number (digits compared as
    /// numbers).
    pub fn order(&self, other: &Regulation) -> Ordering {
        self.kind
            .rank()
            .cmp(&other.kind.rank())
            .then_with(|| self.year.cmp(&other.year))
            .then_with(|| {
                natural(
                    self.number.as_deref().unwrap_or(""),
                    other.number.as_deref().unwrap_or(""),
                )
            })
    }
}

/// Words of an issuer that say nothing about who it is.
const FILLER: &[&str] = &[
    "dan",
    "serta",
    "republik",
    "indonesia",
    "ri",
    "negara",
    "kepala",
    "kabupaten",
    "kab",
    "kota",
    "provinsi",
    "prov",
];

/// The forms an issuer may be written in: its words run together, and their initials
/// ("pendayagunaan aparatur negara dan reformasi birokrasi" is also "panrb", "badan
/// pusat statistik" also "bps"), with the abbreviations of ministries that are not
/// their initials.
fn issuer_forms(issuer: &str) -> Vec<String> {
    let words: Vec<&str> = issuer
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let all: String = words.concat();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !FILLER.contains(w))
        .collect();
    let joined: String = kept.concat();
    // Initials keep "negara" and "republik indonesia": Aparatur *Negara*, *Arsip
    // Nasional Republik Indonesia*.
    let initials_of = |ws: &[&str]| -> String {
        ws.iter()
            .filter(|w| !matches!(**w, "dan" | "serta" | "kepala"))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let mut forms = vec![all, joined];
    if words.len() > 1 {
        forms.push(initials_of(&words));
        // "Menteri Negara Pendayagunaan ...": the leading "negara" is the old name of
        // a ministry, not part of its initials.
        if words[0] == "negara" {
            forms.push(initials_of(&words[1..]));
        }
    }
    for (long, short) in [
        ("dalamnegeri", "dagri"),
        ("keuangan", "keu"),
        ("hukumdanhakasasimanusia", "kumham"),
        ("hukumhakasasimanusia", "kumham"),
    ] {
        if forms.iter().any(|f| f == long) {
            forms.push(short.to_string());
        }
    }
    forms.retain(|f| !f.is_empty());
    forms
}

fn same_issuer(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let fa = issuer_forms(a);
    let fb = issuer_forms(b);
    fa.iter().any(|f| fb.contains(f))
}

/// The start of a citation and what it names: (words, kind, words of the issuer that
/// the short form holds). Longer forms first.
const KINDS: &[(&str, Kind, &str)] = &[
    ("undang-undang dasar", Kind::Uud, ""),
    ("uud", Kind::Uud, ""),
    (
        "peraturan pemerintah pengganti undang-undang",
        Kind::Perppu,
        "",
    ),
    ("perppu", Kind::Perppu, ""),
    ("perpu", Kind::Perppu, ""),
    ("undang-undang", Kind::Uu, ""),
    ("uu", Kind::Uu, ""),
    ("peraturan pemerintah", Kind::Pp, ""),
    ("pp", Kind::Pp, ""),
    ("peraturan presiden", Kind::Perpres, ""),
    ("perpres", Kind::Perpres, ""),
    ("peraturan menteri", Kind::Permen, ""),
    ("permendagri", Kind::Permen, "dagri"),
    ("permenkeu", Kind::Permen, "keu"),
    ("pmk", Kind::Permen, "keu"),
    ("permenkumham", Kind::Permen, "kumham"),
    ("permenpan-rb", Kind::Permen, "pan rb"),
    ("permenpanrb", Kind::Permen, "pan rb"),
    ("permenpan", Kind::Permen, "pan"),
    ("permen", Kind::Permen, ""),
    ("peraturan kepala", Kind::Perka, ""),
    ("perka", Kind::Perka, ""),
    ("peraturan badan", Kind::Perka, "badan"),
    ("peraturan lembaga", Kind::Perka, "lembaga"),
    ("peraturan arsip nasional", Kind::Perka, "arsip nasional"),
    // Lembaga named by their initials: "Peraturan LKPP Nomor 12 Tahun 2021".
    ("peraturan lkpp", Kind::Perka, "lkpp"),
    ("peraturan bkn", Kind::Perka, "bkn"),
    ("peraturan lan", Kind::Perka, "lan"),
    ("peraturan anri", Kind::Perka, "anri"),
    ("peraturan bps", Kind::Perka, "bps"),
    ("peraturan bpk", Kind::Perka, "bpk"),
    ("peraturan bpkp", Kind::Perka, "bpkp"),
    ("peraturan bssn", Kind::Perka, "bssn"),
    ("peraturan bnpb", Kind::Perka, "bnpb"),
    ("peraturan brin", Kind::Perka, "brin"),
    ("peraturan daerah provinsi", Kind::PerdaProvinsi, ""),
    ("perda provinsi", Kind::PerdaProvinsi, ""),
    ("perda prov", Kind::PerdaProvinsi, ""),
    ("peraturan daerah kabupaten", Kind::PerdaKabupaten, ""),
    ("peraturan daerah kota", Kind::PerdaKabupaten, ""),
    ("perda kabupaten", Kind::PerdaKabupaten, ""),
    ("perda kab", Kind::PerdaKabupaten, ""),
    ("perda kota", Kind::PerdaKabupaten, ""),
    ("peraturan daerah", Kind::Perda, ""),
    ("perda", Kind::Perda, ""),
    ("peraturan gubernur", Kind::Pergub, ""),
    ("pergub", Kind::Pergub, ""),
    ("peraturan bupati", Kind::Perbup, ""),
    ("perbup", Kind::Perbup, ""),
    ("peraturan walikota", Kind::Perwali, ""),
    ("peraturan wali kota", Kind::Perwali, ""),
    ("perwali", Kind::Perwali, ""),
    ("perwako", Kind::Perwali, ""),
    ("keputusan", Kind::Keputusan, ""),
    ("keppres", Kind::Keputusan, "presiden"),
    ("kepres", Kind::Keputusan, "presiden"),
    ("kepmen", Kind::Keputusan, "menteri"),
    ("kepbup", Kind::Keputusan, "bupati"),
    ("kepgub", Kind::Keputusan, "gubernur"),
    ("kepka", Kind::Keputusan, "kepala"),
];

/// Reads the kind, number and year of a citation ("Undang-Undang Nomor 5 Tahun 2014
/// tentang ...", "Peraturan Pemerintah No. 11 Tahun 2017", "Permenpan RB Nomor 35 Tahun
/// 2012", "UU No 5/2014"). Only the regulation the text starts with counts: "...
/// sebagaimana telah diubah dengan ..." and the title after "tentang" are not read.
/// `None` when the text does not start with a known kind of regulation.
pub fn parse(text: &str) -> Option<Regulation> {
    // Words in lower case; brackets and commas are not part of any form read here.
    let lowered = normalize(&text.replace(['(', ')', ',', ';', ':'], " "))
        .replace("undang undang", "undang-undang")
        .replace("permenpan rb", "permenpan-rb");
    let words: Vec<&str> = lowered.split(' ').filter(|w| !w.is_empty()).collect();
    // The head: the words before "nomor" or "tentang".
    let end = words
        .iter()
        .position(|w| is_number_word(w) || *w == "tentang")
        .unwrap_or(words.len());
    let head = words[..end].join(" ");
    let (kind, issuer) = kind_of(&head)?;
    let mut regulation = Regulation {
        kind,
        issuer,
        number: None,
        year: None,
    };
    if kind == Kind::Uud {
        regulation.year = words[..end]
            .iter()
            .filter_map(|w| year_of(w))
            .next_back()
            .or(Some(1945));
        return Some(regulation);
    }
    let Some(marker) = words.get(end).filter(|w| is_number_word(w)) else {
        return Some(regulation);
    };
    // "No.11" written without a space.
    let glued = ["nomor", "no.", "no"].iter().find_map(|p| {
        marker
            .strip_prefix(p)
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    });
    let (number, after) = match glued {
        Some(n) => (Some(n), end + 1),
        None => (words.get(end + 1).copied(), end + 2),
    };
    let Some(number) = number.map(|n| n.trim_end_matches(['.', ','])) else {
        return Some(regulation);
    };
    if words.get(after) == Some(&"tahun") {
        regulation.year = words.get(after + 1).and_then(|w| year_of(w));
        regulation.number = Some(number.to_string());
    } else if let Some((n, y)) = number
        .split_once('/')
        .filter(|(n, y)| !n.contains('/') && year_of(y).is_some() && !n.is_empty())
    {
        // "5/2014": number and year.
        regulation.number = Some(n.to_string());
        regulation.year = year_of(y);
    } else {
        // "188.45/123/2020": a Keputusan's number holds its year.
        regulation.number = Some(number.to_string());
        regulation.year = number.rsplit('/').next().and_then(year_of);
    }
    Some(regulation)
}

fn is_number_word(w: &str) -> bool {
    matches!(w, "nomor" | "no." | "no" | "nomer" | "nomer.")
        || ["nomor", "no."].iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
}

fn year_of(w: &str) -> Option<u16> {
    let w = w.trim_end_matches(['.', ',']);
    (w.len() == 4)
        .then(|| w.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// The kind a head ("peraturan bupati bangka") names, and its issuer ("bangka").
fn kind_of(head: &str) -> Option<(Kind, String)> {
    // "Pasal 18 ayat (6) Undang-Undang Dasar ...": the article cited comes first.
    let head = match head.find("undang-undang dasar") {
        Some(i) if head.starts_with("pasal ") => &head[i..],
        _ => head,
    };
    for (form, kind, implied) in KINDS {
        let Some(rest) = head.strip_prefix(form) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        let rest = rest.trim();
        let issuer = if kind.has_issuer() {
            let mut words: Vec<&str> = implied.split(' ').filter(|w| !w.is_empty()).collect();
            words.extend(rest.split(' ').filter(|w| !w.is_empty()));
            // "Peraturan Menteri PAN-RB" and "Peraturan Kepala BPS": the issuer only.
            while matches!(words.first(), Some(&("menteri" | "kepala"))) {
                words.remove(0);
            }
            words.join(" ")
        } else {
            String::new()
        };
        return Some((*kind, issuer));
    }
    None
}

/// The library entries that name one regulation, in groups of two or more, each group
/// in written order. Entries whose kind cannot be read are compared by their
/// [`wording`].
pub fn duplicates(library: &[LegalBasis]) -> Vec<Vec<&LegalBasis>> {
    let parsed: Vec<Option<Regulation>> = library.iter().map(|l| parse(&l.text.value)).collect();
    let mut taken = vec![false; library.len()];
    let mut groups = Vec::new();
    for i in 0..library.len() {
        if taken[i] {
            continue;
        }
        let mut group = vec![&library[i]];
        for j in i + 1..library.len() {
            let same = match (&parsed[i], &parsed[j]) {
                (Some(a), Some(b)) => a.same(b),
                (None, None) => wording(&library[i].text.value) == wording(&library[j].text.value),
                _ => false,
            };
            if same && !taken[j] {
                taken[j] = true;
                group.push(&library[j]);
            }
        }
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

/// A citation's wording as compared: its words in lower case, without punctuation,
/// "No." read as "Nomor". Texts that differ only in these print the same regulation
/// the same way to a reader.
pub fn wording(t: &str) -> String {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.to_lowercase().as_str() {
            "no" => "nomor".to_string(),
            w => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The subject of a citation, as [`wording`] compares it: the words after its first
/// "tentang", up to an amendment ("sebagaimana telah diubah ...", "yang telah diubah
/// ...") (`None`: no "tentang").
pub fn subject(text: &str) -> Option<String> {
    let w = wording(text);
    let (_, rest) = w.split_once("tentang ")?;
    let cut = [" sebagaimana ", " yang telah diubah "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let rest = rest[..cut].trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// How many SOPs cite the library entry `id`.
pub fn citations(id: &str, sops: &[Sop]) -> usize {
    sops.iter()
        .filter(|s| s.legal_bases.iter().any(|b| b.value == id))
        .count()
}

/// Of library entries that name one regulation, the one to keep: the one most SOPs
/// cite, the first written on a tie.
pub fn preferred<'a>(group: &[&'a LegalBasis], sops: &[Sop]) -> &'a LegalBasis {
    let mut best = group[0];
    let mut best_count = citations(&best.id.value, sops);
    for l in &group[1..] {
        let c = citations(&l.id.value, sops);
        if c > best_count {
            best = l;
            best_count = c;
        }
    }
    best
}

/// The decree's *mengingat* as it is printed: each regulation once, in the order of
/// the hierarchy (level, then year, then number); citations whose kind cannot be read
/// last, in their written order. `written` is `mengingat` as written (`None`: the
/// whole library). When one regulation is cited several times, the library entry
/// that [`preferred`] keeps stands for it, else the first citation.
pub fn recitals(
    written: Option<&[Citation]>,
    library: &[LegalBasis],
    sops: &[Sop],
) -> Vec<Citation> {
    let list: Vec<Citation> = match written {
        Some(w) => w.to_vec(),
        None => library
            .iter()
            .map(|l| Citation::Text(l.text.clone()))
            .collect(),
    };
    let text = |c: &Citation| -> Option<String> {
        match c {
            Citation::Basis(id) => library
                .iter()
                .find(|l| l.id.value == id.value)
                .map(|l| l.text.value.clone()),
            Citation::Text(t) => Some(t.value.clone()),
        }
    };
    // The library entry a citation is: by its id, or by its text.
    let entry = |c: &Citation| -> Option<&LegalBasis> {
        match c {
            Citation::Basis(id) => library.iter().find(|l| l.id.value == id.value),
            Citation::Text(t) => library.iter().find(|l| l.text.value == t.value),
        }
    };
    let groups = duplicates(library);
    let is_preferred = |l: &LegalBasis| -> bool {
        groups.iter().any(|g| {
            g.iter().any(|m| m.id.value == l.id.value) && preferred(g, sops).id.value == l.id.value
        })
    };
    // (regulation, citation), each regulation once.
    let mut kept: Vec<(Option<Regulation>, Option<String>, Citation)> = Vec::new();
    for c in list {
        let t = text(&c);
        let r = t.as_deref().and_then(parse);
        let key = t.as_deref().map(wording);
        let dup = kept.iter().position(|(kr, kt, _)| match (&r, kr) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => key.is_some() && key == *kt,
            _ => false,
        });
        match dup {
            Some(i) => {
                // The preferred library entry replaces a citation of the same
                // regulation met earlier.
                if entry(&c).is_some_and(&is_preferred)
                    || (entry(&kept[i].2).is_none() && entry(&c).is_some())
                {
                    kept[i] = (r, key, c);
                }
            }
            None => kept.push((r, key, c)),
        }
    }
    let (mut known, unknown): (Vec<_>, Vec<_>) =
        kept.into_iter().partition(|(r, _, _)| r.is_some());
    known.sort_by(|(a, _, _), (b, _, _)| match (a, b) {
        (Some(a), Some(b)) => a.order(b),
        _ => Ordering::Equal,
    });
    known
        .into_iter()
        .chain(unknown)
        .map(|(_, _, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Regulation {
        parse(t).unwrap_or_else(|| panic!("not read: {t}"))
    }

    fn key(t: &str) -> (Kind, String, Option<String>, Option<u16>) {
        let r = p(t);
        (r.kind, r.issuer, r.number, r.year)
    }

    #[test]
    fn reads_kind_number_and_year_of_real_titles() {
        assert_eq!(
            key("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"),
            (Kind::Uu, String::new(), Some("5".into()), Some(2014))
        );
        assert_eq!(
            key(
                "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015"
            ),
            (Kind::Uu, String::new(), Some("23".into()), Some(2014))
        );
        assert_eq!(
            key("Peraturan Pemerintah No. 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil"),
            (Kind::Pp, String::new(), Some("11".into()), Some(2017))
        );
        assert_eq!(
            key(
                "Peraturan Pemerintah Republik Indonesia Nomor 18 Tahun 2016 tentang Perangkat Daerah"
            ),
            (Kind::Pp, String::new(), Some("18".into()), Some(2016))
        );
        assert_eq!(
            key("Permenpan RB Nomor 35 Tahun 2012"),
            (Kind::Permen, "pan rb".into(), Some("35".into()), Some(2012))
        );
        assert_eq!(
            key("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan").0,
            Kind::Permen
        );
        assert_eq!(
            key(
                "Peraturan Kepala BPS Nomor 7 Tahun 2008 tentang Organisasi dan Tata Kerja BPS Provinsi dan BPS Kabupaten/Kota"
            ),
            (Kind::Perka, "bps".into(), Some("7".into()), Some(2008))
        );
        assert_eq!(
            key("Peraturan Badan Pusat Statistik Nomor 5 Tahun 2019 tentang Tata Naskah Dinas").0,
            Kind::Perka
        );
        assert_eq!(
            key("Peraturan daerah kabupaten Bangka Nomor 3 tahun 2019"),
            (
                Kind::PerdaKabupaten,
                "bangka".into(),
                Some("3".into()),
                Some(2019)
            )
        );
        assert_eq!(
            key(
                "Peraturan Daerah Nomor 9 Tahun 2016 tentang PEMBENTUKAN DAN SUSUNAN PERANGKAT DAERAH PEMERINTAH KABUPATEN BANGKA sebagaimana telah diubah dengan Peraturan daerah kabupaten Bangka Nomor 3 tahun 2019"
            ),
            (Kind::Perda, String::new(), Some("9".into()), Some(2016))
        );
        assert_eq!(
            key("Peraturan Daerah Provinsi Kepulauan Bangka Belitung Nomor 3 Tahun 2016").0,
            Kind::PerdaProvinsi
        );
        assert_eq!(
            key(
                "Peraturan Bupati Bangka Nomor 15 Tahun 2017 tentang Perubahan atas Peraturan Bupati Bangka Nomor 58 Tahun 2016 tentang Kedudukan, Susunan Organisasi"
            ),
            (Kind::Perbup, "bangka".into(), Some("15".into()), Some(2017))
        );
        assert_eq!(
            key("Peraturan Wali Kota Bengkulu Nomor 12 Tahun 2020").0,
            Kind::Perwali
        );
        assert_eq!(
            key("Keputusan Bupati Bangka Nomor 188.45/123/2020 tentang Tim"),
            (
                Kind::Keputusan,
                "bupati bangka".into(),
                Some("188.45/123/2020".into()),
                Some(2020)
            )
        );
        assert_eq!(
            key("UU No 5/2014"),
            (Kind::Uu, String::new(), Some("5".into()), Some(2014))
        );
        assert_eq!(
            key("Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2020").0,
            Kind::Perppu
        );
        assert_eq!(
            key("Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"),
            (Kind::Uud, String::new(), None, Some(1945))
        );
        assert_eq!(
            key("Peraturan LKPP Nomor 12 Tahun 2021 jo. Peraturan LKPP Nomor 4 Tahun 2024"),
            (Kind::Perka, "lkpp".into(), Some("12".into()), Some(2021))
        );
        assert_eq!(
            key(
                "Peraturan Menteri Keuangan Nomor 215/PMK.05/2016 tentang Perubahan Atas Peraturan Menteri Keuangan Nomor 213/PMK.05/2013"
            ),
            (
                Kind::Permen,
                "keuangan".into(),
                Some("215/pmk.05/2016".into()),
                Some(2016)
            )
        );
        assert!(
            p("PMK No. 210/PMK.05/2022 Tentang Tata Cara Pembayaran").same(&p(
                "Peraturan Menteri Keuangan Nomor 210/PMK.05/2022 tentang Tata Cara Pembayaran"
            ))
        );
        assert_eq!(parse("Pedoman Tata Naskah Dinas"), None);
        assert_eq!(
            parse("Surat Edaran Sekretaris Daerah Nomor 1 Tahun 2020"),
            None
        );
    }

    #[test]
    fn the_subject_stops_before_an_amendment() {
        assert_eq!(
            subject("Peraturan Daerah Nomor 8 Tahun 2016 tentang PEMBENTUKAN DAN SUSUNAN PERANGKAT DAERAH PEMERINTAH KABUPATEN BANGKA sebagaimana telah diubah dengan Peraturan daerah kabupaten Bangka Nomor 3 tahun 2018").as_deref(),
            Some("pembentukan dan susunan perangkat daerah pemerintah kabupaten bangka")
        );
        assert_eq!(subject("Peraturan Daerah Nomor 1 Tahun 2020"), None);
    }

    #[test]
    fn one_regulation_in_several_wordings() {
        let same = |a: &str, b: &str| p(a).same(&p(b));
        assert!(same(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman",
            "Permenpan RB Nomor 35 Tahun 2012"
        ));
        assert!(same(
            "Peraturan Menteri PAN-RB No. 35 Tahun 2012",
            "PermenPANRB Nomor 35 Tahun 2012"
        ));
        assert!(same(
            "Peraturan Kepala Badan Pusat Statistik Nomor 7 Tahun 2008",
            "Perka BPS Nomor 7 Tahun 2008"
        ));
        assert!(same(
            "Peraturan Menteri Dalam Negeri Nomor 13 Tahun 2006",
            "Permendagri No. 13 Tahun 2006"
        ));
        assert!(same(
            "Peraturan Daerah Nomor 9 Tahun 2016 tentang PEMBENTUKAN DAN SUSUNAN PERANGKAT DAERAH",
            "Peraturan Daerah Kabupaten Bangka Nomor 9 Tahun 2016 tentang Pembentukan"
        ));
        assert!(same("UU No 5/2014", "Undang-Undang Nomor 5 Tahun 2014"));
        // Different ministers, regions, levels, numbers or years: different regulations.
        assert!(!same(
            "Peraturan Menteri Dalam Negeri Nomor 35 Tahun 2012",
            "Permenpan RB Nomor 35 Tahun 2012"
        ));
        assert!(!same(
            "Peraturan Bupati Bangka Nomor 14 Tahun 2013",
            "Peraturan Bupati Bangka Barat Nomor 14 Tahun 2013"
        ));
        assert!(!same(
            "Peraturan Daerah Provinsi Kepulauan Bangka Belitung Nomor 9 Tahun 2016",
            "Peraturan Daerah Kabupaten Bangka Nomor 9 Tahun 2016"
        ));
        assert!(!same(
            "Peraturan Bupati Bangka Nomor 14 Tahun 2013",
            "Peraturan Daerah Nomor 14 Tahun 2013"
        ));
        assert!(!same(
            "Peraturan Daerah Nomor 9 Tahun 2016",
            "Peraturan Daerah Nomor 8 Tahun 2016"
        ));
        assert!(!same(
            "Undang-Undang Nomor 23 Tahun 2014",
            "Undang-Undang Nomor 23 Tahun 2011"
        ));
    }

    fn text(t: &str) -> Citation {
        Citation::Text(crate::source::Spanned {
            value: t.to_string(),
            span: crate::source::Span::default(),
        })
    }

    fn texts(list: &[Citation]) -> Vec<String> {
        list.iter()
            .map(|c| match c {
                Citation::Text(t) | Citation::Basis(t) => t.value.clone(),
            })
            .collect()
    }

    #[test]
    fn recitals_follow_the_hierarchy_each_once() {
        let written = [
            text("Keputusan Bupati Bangka Nomor 188.45/12/2019 tentang Tim Penyusun SOP"),
            text("Peraturan Bupati Bangka Nomor 14 Tahun 2013 tentang Pedoman Penyusunan SOP"),
            text("Pedoman Tata Naskah Dinas Kabupaten Bangka"),
            text(
                "Peraturan Daerah Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
            ),
            text(
                "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
            ),
            text("Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah"),
            text("Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan"),
            text("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"),
            text("Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi"),
            text("Permenpan RB Nomor 35 Tahun 2012"),
            text("Peraturan Daerah Provinsi Kepulauan Bangka Belitung Nomor 3 Tahun 2016"),
            text(
                "Peraturan Bupati Bangka Nomor 15 Tahun 2017 tentang Perubahan atas Peraturan Bupati Bangka Nomor 58 Tahun 2016",
            ),
            text("Surat Edaran Bupati Bangka Nomor 1 Tahun 2020"),
            text("UU No 23/2014"),
        ];
        let got = texts(&recitals(Some(&written), &[], &[]));
        assert_eq!(
            got,
            [
                "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
                "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
                "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah",
                "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi",
                "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
                "Peraturan Daerah Provinsi Kepulauan Bangka Belitung Nomor 3 Tahun 2016",
                "Peraturan Daerah Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
                "Peraturan Bupati Bangka Nomor 14 Tahun 2013 tentang Pedoman Penyusunan SOP",
                "Peraturan Bupati Bangka Nomor 15 Tahun 2017 tentang Perubahan atas Peraturan Bupati Bangka Nomor 58 Tahun 2016",
                "Keputusan Bupati Bangka Nomor 188.45/12/2019 tentang Tim Penyusun SOP",
                "Pedoman Tata Naskah Dinas Kabupaten Bangka",
                "Surat Edaran Bupati Bangka Nomor 1 Tahun 2020",
            ]
        );
    }
}
