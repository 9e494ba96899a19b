//! SOPs built from structured random input: lanes, steps done by one or several actors,
//! decisions whose exits go forward or back, forward jumps, texts from one word to
//! thousands of characters, a single very long word, empty optional sections. The
//! result is YAML text, so it goes through the whole loader like a real file.
//!
//! Used with `arbitrary::Unstructured` by the layout fuzz target, and with proptest's
//! random bytes by `tests/layout_props.rs`.

use arbitrary::{Result, Unstructured};

/// The largest model generated: the limits of `sopc::limits`.
pub const MAX_LANES: usize = sopc::limits::MAX_LANES;
/// Most steps generated.
pub const MAX_STEPS: usize = sopc::limits::MAX_STEPS;

/// The roster every generated SOP cites: `r0` … `r11`, with headings short and long.
pub fn org_yaml() -> String {
    let titles = [
        "Kepala Dinas",
        "Sekretaris",
        "Kepala Bidang Pelayanan Perizinan Terpadu",
        "Kepala Seksi Pengolahan Data",
        "Pengadministrasi Umum",
        "Pemohon",
        "Tim Teknis",
        "Arsiparis",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        "Bendahara",
        "Pengelola Teknologi Informasi",
        "Pranata Kearsipan",
    ];
    let mut s = String::from(
        "pemerintah: Pemerintah Kabupaten Contoh\ninstansi: Dinas Contoh\n\
         pengesah: { jabatan: Kepala Dinas, nama: Budi, pangkat: Pembina, nip: \"19641222 198903 1 009\" }\n\
         dasar_hukum:\n  dh-1: Peraturan Daerah Nomor 1 Tahun 2020\npelaksana:\n",
    );
    for (i, t) in titles.iter().enumerate().take(MAX_LANES) {
        s.push_str(&format!("  r{i}: {{ jabatan: {t} }}\n"));
    }
    s
}

/// What a text is made of.
#[derive(Debug, Clone)]
pub enum GenText {
    /// Some words from a fixed list (indices into it).
    Words(Vec<u8>),
    /// One word of this many characters.
    LongWord(usize),
    /// About this many characters of ordinary words.
    Long(usize),
}

/// A decision's exits, as step indices.
#[derive(Debug, Clone)]
pub struct GenDecision {
    /// `ya`: `None` is the next step.
    pub yes: Option<usize>,
    /// `tidak`.
    pub no: usize,
    /// Custom exit labels.
    pub labels: Option<(GenText, GenText)>,
    /// A question.
    pub question: Option<GenText>,
}

/// One step.
#[derive(Debug, Clone)]
pub struct GenStep {
    /// Lanes of its actors (first one always present).
    pub actors: Vec<usize>,
    /// Kegiatan.
    pub text: GenText,
    /// Kelengkapan items.
    pub requirements: Vec<GenText>,
    /// Output.
    pub output: Option<GenText>,
    /// Keterangan.
    pub note: Option<GenText>,
    /// Waktu, in minutes.
    pub minutes: Option<u16>,
    /// Keputusan.
    pub decision: Option<GenDecision>,
    /// Lanjut (a step index).
    pub next: Option<usize>,
}

/// One generated SOP.
#[derive(Debug, Clone)]
pub struct GenSop {
    /// Number of lanes.
    pub lanes: usize,
    /// The steps.
    pub steps: Vec<GenStep>,
    /// Identity lists (dasar hukum, peralatan, ...): empty sections when `None`.
    pub lists: Option<Vec<GenText>>,
    /// 0 a4, 1 f4, 2 letter, 3 legal.
    pub paper: u8,
    /// With the worksheets.
    pub worksheets: bool,
}

const WORDS: &[&str] = &[
    "memeriksa",
    "berkas",
    "permohonan",
    "dan",
    "menyerahkan",
    "surat",
    "ke",
    "Kepala",
    "Sub",
    "Bagian",
    "–",
    "Umum",
    "menandatangani",
    "“kutipan”",
    "é",
    "data",
    "<b>&amp;</b>",
    "javascript:alert(1)",
    "'\"",
    "laporan",
    "ÉÖü",
    "x",
    "mencatat",
    "pendaftaran",
];

fn text(u: &mut Unstructured<'_>, max_words: usize) -> Result<GenText> {
    Ok(match u.int_in_range(0..=95u8)? {
        0 | 1 => GenText::LongWord(u.int_in_range(1..=300)?),
        2 => GenText::Long(u.int_in_range(200..=5000)?),
        _ => {
            let n = u.int_in_range(1..=max_words.max(1))?;
            let mut w = Vec::with_capacity(n);
            for _ in 0..n {
                w.push(u.arbitrary()?);
            }
            GenText::Words(w)
        }
    })
}

fn opt_text(u: &mut Unstructured<'_>, max_words: usize) -> Result<Option<GenText>> {
    Ok(if u.arbitrary()? {
        Some(text(u, max_words)?)
    } else {
        None
    })
}

impl GenSop {
    /// Builds an SOP from the bytes left in `u`.
    pub fn arbitrary(u: &mut Unstructured<'_>) -> Result<GenSop> {
        let lanes = u.int_in_range(1..=MAX_LANES)?;
        // Mostly short SOPs, sometimes the largest.
        let n = match u.int_in_range(0..=7u8)? {
            0 => u.int_in_range(1..=MAX_STEPS)?,
            1 => 1,
            _ => u.int_in_range(1..=24)?,
        };
        let mut steps = Vec::with_capacity(n);
        for i in 0..n {
            let mut actors = vec![u.int_in_range(0..=lanes - 1)?];
            if u.ratio(1, 6)? {
                let more = u.int_in_range(1..=3usize)?;
                for _ in 0..more {
                    let a = u.int_in_range(0..=lanes - 1)?;
                    if !actors.contains(&a) {
                        actors.push(a);
                    }
                }
            }
            let decision = if n > 2 && i + 1 < n && u.ratio(1, 4)? {
                // Mostly a loop back, as real SOPs have; sometimes anywhere, so that
                // both exits may go back or skip ahead.
                let no = if i > 0 && u.ratio(3, 4)? {
                    u.int_in_range(0..=i - 1)?
                } else {
                    u.int_in_range(0..=n - 1)?
                };
                let yes = if u.ratio(1, 8)? {
                    Some(u.int_in_range(0..=n - 1)?)
                } else {
                    None
                };
                // A decision's exit to itself is refused by check; keep most models
                // valid.
                let no = if no == i { (i + 2) % n } else { no };
                Some(GenDecision {
                    yes,
                    no,
                    labels: if u.ratio(1, 4)? {
                        Some((text(u, 2)?, text(u, 2)?))
                    } else {
                        None
                    },
                    question: opt_text(u, 6)?,
                })
            } else {
                None
            };
            let next = if decision.is_none() && i + 2 < n && u.ratio(1, 20)? {
                Some(u.int_in_range(i + 2..=n - 1)?)
            } else {
                None
            };
            let mut requirements = Vec::new();
            for _ in 0..u.int_in_range(0..=3u8)? {
                requirements.push(text(u, 4)?);
            }
            steps.push(GenStep {
                actors,
                text: text(u, 30)?,
                requirements,
                output: opt_text(u, 4)?,
                note: opt_text(u, 8)?,
                minutes: if u.arbitrary()? {
                    Some(u.int_in_range(1..=10_000)?)
                } else {
                    None
                },
                decision,
                next,
            });
        }
        let lists = if u.arbitrary()? {
            let mut l = Vec::new();
            for _ in 0..u.int_in_range(1..=6u8)? {
                l.push(text(u, 12)?);
            }
            Some(l)
        } else {
            None
        };
        Ok(GenSop {
            lanes,
            steps,
            lists,
            paper: u.int_in_range(0..=3)?,
            worksheets: u.arbitrary()?,
        })
    }

    /// The SOP as YAML.
    pub fn yaml(&self) -> String {
        let mut s = String::from(
            "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\n",
        );
        if let Some(lists) = &self.lists {
            s.push_str("dasar_hukum: [dh-1]\n");
            for key in [
                "kualifikasi_pelaksana",
                "peralatan",
                "peringatan",
                "pencatatan",
            ] {
                s.push_str(&format!("{key}:\n"));
                for t in lists {
                    s.push_str(&format!("  - {}\n", quoted(t)));
                }
            }
            s.push_str("keterkaitan:\n");
            for t in lists {
                s.push_str(&format!("  - {{ luar: {} }}\n", quoted(t)));
            }
        }
        s.push_str("pelaksana: [");
        let lanes: Vec<String> = (0..self.lanes).map(|k| format!("r{k}")).collect();
        s.push_str(&lanes.join(", "));
        s.push_str("]\nlangkah:\n");
        for (i, st) in self.steps.iter().enumerate() {
            s.push_str(&format!("  - id: s{i}\n"));
            let actors: Vec<String> = st.actors.iter().map(|a| format!("r{a}")).collect();
            s.push_str(&format!("    pelaksana: [{}]\n", actors.join(", ")));
            s.push_str(&format!("    kegiatan: {}\n", quoted(&st.text)));
            if !st.requirements.is_empty() {
                let r: Vec<String> = st.requirements.iter().map(quoted).collect();
                s.push_str(&format!("    kelengkapan: [{}]\n", r.join(", ")));
            }
            if let Some(m) = st.minutes {
                s.push_str(&format!("    waktu: {m} menit\n"));
            }
            if let Some(o) = &st.output {
                s.push_str(&format!("    output: {}\n", quoted(o)));
            }
            if let Some(n) = &st.note {
                s.push_str(&format!("    keterangan: {}\n", quoted(n)));
            }
            if let Some(d) = &st.decision {
                s.push_str("    keputusan:\n");
                if let Some(q) = &d.question {
                    s.push_str(&format!("      pertanyaan: {}\n", quoted(q)));
                }
                if let Some(y) = d.yes {
                    s.push_str(&format!("      ya: s{y}\n"));
                }
                s.push_str(&format!("      tidak: s{}\n", d.no));
                if let Some((a, b)) = &d.labels {
                    s.push_str(&format!("      label: [{}, {}]\n", quoted(a), quoted(b)));
                }
            }
            if let Some(n) = st.next {
                s.push_str(&format!("    lanjut: s{n}\n"));
            }
        }
        s
    }

    /// The paper as named in the model.
    pub fn paper(&self) -> sopc::model::Paper {
        sopc::model::Paper::ALL[usize::from(self.paper) % 4].1
    }
}

/// The characters of a generated text.
pub fn render_text(t: &GenText) -> String {
    match t {
        GenText::Words(w) => {
            let words: Vec<&str> = w
                .iter()
                .map(|&i| WORDS[usize::from(i) % WORDS.len()])
                .collect();
            let s = words.join(" ");
            if s.trim().is_empty() { "x".into() } else { s }
        }
        GenText::LongWord(n) => "Pemberitahuan".chars().cycle().take(*n).collect(),
        GenText::Long(n) => {
            let mut s = String::new();
            let mut k = 0usize;
            while s.chars().count() < *n {
                s.push_str(WORDS[k % WORDS.len()]);
                s.push(' ');
                k += 7;
            }
            s.trim_end().to_string()
        }
    }
}

/// A YAML double-quoted string.
fn quoted(t: &GenText) -> String {
    let mut out = String::from("\"");
    for c in render_text(t).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
