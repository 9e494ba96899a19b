//! SOPs built from structured random input: lanes, steps done by one or several actors,
//! decisions whose exits go forward or back, forward jumps, texts from one word to
//! thousands of characters, a single very long word, empty optional sections. The
//! result is YAML text, so it goes through the whole loader like a real file.
//!
//! Used with `arbitrary::Unstructured` by the layout fuzz target, and with proptest's
//! random bytes by `tests/layout_props.rs`. The fuzz target also reads, after the rest
//! and only behind a marker byte ([`GenSop::arbitrary_with_flow`]), the flow beyond one
//! symbol per step and the SOP's own style ([`GenFlow`]): inputs written before it keep
//! their meaning.

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
    s.push_str("  app: { jabatan: Aplikasi Pelayanan, singkatan: Aplikasi, sistem: true }\n");
    s
}

/// The byte that, after everything [`GenSop::arbitrary`] reads, starts a [`GenFlow`].
pub const FLOW_MARK: u8 = 0xA5;

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
    /// The flow beyond one symbol per step and the SOP's own style.
    pub flow: Option<GenFlow>,
}

/// What the newer format adds to an SOP: empty terminators, a `sistem` lane, a lane
/// group, the SOP's `gaya`, `identitas_lain`, and per step `lalu`, `atau`, `informasi`,
/// `lanjut` lists, `cabang`, `teks`, inline markup and merged waktu cells.
#[derive(Debug, Clone)]
pub struct GenFlow {
    /// `mulai: atas`.
    pub start_above: bool,
    /// `selesai: bawah`.
    pub end_below: bool,
    /// The lane written as the `sistem` role `app`.
    pub system_lane: Option<usize>,
    /// A `kelompok` heading over lanes `a..=b`.
    pub group: Option<(usize, usize)>,
    /// `gaya` bits: pertanyaan simbol, konektor angka, nomor_kolom, satu_halaman,
    /// daftar butir.
    pub style: u8,
    /// An `identitas_lain` row.
    pub extra_identity: bool,
    /// One per step (missing ones: none).
    pub steps: Vec<GenStepFlow>,
}

/// The newer constructs of one step; each is written only where the format allows it.
#[derive(Debug, Clone, Default)]
pub struct GenStepFlow {
    /// `lalu` in this lane.
    pub then: Option<usize>,
    /// The actors as alternatives (`atau`).
    pub alternative: bool,
    /// `informasi` to this step.
    pub info: Option<usize>,
    /// `lanjut: [a, b]`.
    pub parallel: Option<(usize, usize)>,
    /// `cabang` of three exits, instead of `ya` and `tidak`.
    pub branches: Option<[usize; 3]>,
    /// `teks` inside the symbol.
    pub inside: bool,
    /// `_italic_` and a link in the kegiatan.
    pub markup: bool,
    /// A waktu cell over this row and this many more.
    pub merged: Option<usize>,
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
            flow: None,
        })
    }

    /// [`GenSop::arbitrary`], then a [`GenFlow`] when the next byte is [`FLOW_MARK`].
    pub fn arbitrary_with_flow(u: &mut Unstructured<'_>) -> Result<GenSop> {
        let mut g = GenSop::arbitrary(u)?;
        if u.is_empty() || u.arbitrary::<u8>()? != FLOW_MARK {
            return Ok(g);
        }
        let (lanes, n) = (g.lanes, g.steps.len());
        let lane = |u: &mut Unstructured<'_>| u.int_in_range(0..=lanes - 1);
        let step = |u: &mut Unstructured<'_>| u.int_in_range(0..=n - 1);
        let mut flow = GenFlow {
            start_above: u.arbitrary()?,
            end_below: u.arbitrary()?,
            system_lane: if u.ratio(1, 3)? { Some(lane(u)?) } else { None },
            group: if lanes > 1 && u.ratio(1, 3)? {
                let a = lane(u)?;
                Some((a, u.int_in_range(a..=lanes - 1)?))
            } else {
                None
            },
            style: u.arbitrary()?,
            extra_identity: u.arbitrary()?,
            steps: Vec::new(),
        };
        for _ in 0..n {
            if u.is_empty() {
                break;
            }
            let pick = u.int_in_range(0..=15u8)?;
            flow.steps.push(GenStepFlow {
                then: if pick & 1 != 0 { Some(lane(u)?) } else { None },
                alternative: u.ratio(1, 4)?,
                info: if u.ratio(1, 6)? { Some(step(u)?) } else { None },
                parallel: if pick & 2 != 0 {
                    Some((step(u)?, step(u)?))
                } else {
                    None
                },
                branches: if pick & 4 != 0 {
                    Some([step(u)?, step(u)?, step(u)?])
                } else {
                    None
                },
                inside: u.ratio(1, 4)?,
                markup: u.ratio(1, 4)?,
                merged: if pick & 8 != 0 {
                    Some(u.int_in_range(1..=3)?)
                } else {
                    None
                },
            });
        }
        g.flow = Some(flow);
        Ok(g)
    }

    /// The SOP as YAML.
    pub fn yaml(&self) -> String {
        let mut s = String::from(
            "nomor: \"1/2/3\"\nnama: Prosedur Uji\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\n",
        );
        let flow = self.flow.as_ref();
        if let Some(f) = flow {
            if f.start_above {
                s.push_str("mulai: atas\n");
            }
            if f.end_below {
                s.push_str("selesai: bawah\n");
            }
            let mut gaya = Vec::new();
            for (bit, entry) in [
                (1, "pertanyaan: simbol"),
                (2, "konektor: angka"),
                (4, "kolom: { nomor_kolom: true }"),
                (8, "satu_halaman: true"),
                (16, "daftar: butir"),
            ] {
                if f.style & bit != 0 {
                    gaya.push(entry);
                }
            }
            if !gaya.is_empty() {
                s.push_str(&format!("gaya: {{ {} }}\n", gaya.join(", ")));
            }
            if f.extra_identity {
                s.push_str(
                    "identitas_lain:\n  - { judul: Maksud dan Tujuan, isi: [\"Sebagai pedoman _daring_ dan [situs](https://contoh.go.id)\"] }\n",
                );
            }
        }
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
        let lane_id = |k: usize| {
            if flow.is_some_and(|f| f.system_lane == Some(k)) {
                "app".to_string()
            } else {
                format!("r{k}")
            }
        };
        s.push_str("pelaksana: [");
        let mut lanes: Vec<String> = Vec::new();
        let mut k = 0;
        while k < self.lanes {
            match flow.and_then(|f| f.group) {
                Some((a, b)) if a == k => {
                    let members: Vec<String> = (a..=b).map(lane_id).collect();
                    lanes.push(format!(
                        "{{ kelompok: Tim Teknis, pelaksana: [{}] }}",
                        members.join(", ")
                    ));
                    k = b + 1;
                }
                _ => {
                    lanes.push(lane_id(k));
                    k += 1;
                }
            }
        }
        s.push_str(&lanes.join(", "));
        s.push_str("]\nlangkah:\n");
        let n = self.steps.len();
        let none = GenStepFlow::default();
        // Rows under a merged waktu cell write no waktu of their own.
        let mut covered_until = 0;
        for (i, st) in self.steps.iter().enumerate() {
            let sf = flow.and_then(|f| f.steps.get(i)).unwrap_or(&none);
            s.push_str(&format!("  - id: s{i}\n"));
            let actors: Vec<String> = st.actors.iter().map(|&a| lane_id(a)).collect();
            if sf.alternative && actors.len() > 1 {
                s.push_str(&format!(
                    "    pelaksana: {{ atau: [{}] }}\n",
                    actors.join(", ")
                ));
            } else {
                s.push_str(&format!("    pelaksana: [{}]\n", actors.join(", ")));
            }
            if sf.inside {
                s.push_str("    teks: Teks singkat\n");
            }
            let text = if sf.markup {
                let t = quoted(&st.text);
                format!(
                    "\"_Daring_ {} [situs](https://contoh.go.id)\"",
                    &t[1..t.len() - 1]
                )
            } else {
                quoted(&st.text)
            };
            s.push_str(&format!("    kegiatan: {text}\n"));
            if !st.requirements.is_empty() {
                let r: Vec<String> = st.requirements.iter().map(quoted).collect();
                s.push_str(&format!("    kelengkapan: [{}]\n", r.join(", ")));
            }
            if i >= covered_until {
                match (sf.merged, st.minutes) {
                    (Some(more), Some(m)) if i + more < n => {
                        s.push_str(&format!(
                            "    waktu: {{ nilai: {m} menit, baris: {} }}\n",
                            more + 1
                        ));
                        covered_until = i + more + 1;
                    }
                    (_, Some(m)) => s.push_str(&format!("    waktu: {m} menit\n")),
                    _ => {}
                }
            }
            if let Some(o) = &st.output {
                s.push_str(&format!("    output: {}\n", quoted(o)));
            }
            if let Some(n) = &st.note {
                s.push_str(&format!("    keterangan: {}\n", quoted(n)));
            }
            let branches = sf.branches.filter(|b| {
                b.iter().all(|&t| t != i) && b[0] != b[1] && b[1] != b[2] && b[0] != b[2]
            });
            if let Some(d) = &st.decision {
                s.push_str("    keputusan:\n");
                if let Some(q) = &d.question {
                    s.push_str(&format!("      pertanyaan: {}\n", quoted(q)));
                }
                if let Some([a, b, c]) = branches {
                    s.push_str(&format!(
                        "      cabang: [{{ label: Satu, ke: s{a} }}, {{ label: Dua, ke: s{b} }}, {{ ke: s{c} }}]\n"
                    ));
                } else {
                    if let Some(y) = d.yes {
                        s.push_str(&format!("      ya: s{y}\n"));
                    }
                    s.push_str(&format!("      tidak: s{}\n", d.no));
                    if let Some((a, b)) = &d.labels {
                        s.push_str(&format!("      label: [{}, {}]\n", quoted(a), quoted(b)));
                    }
                }
            }
            let parallel = sf
                .parallel
                .filter(|&(a, b)| st.decision.is_none() && a > i && b > a);
            if let Some((a, b)) = parallel {
                s.push_str(&format!("    lanjut: [s{a}, s{b}]\n"));
            } else if let Some(n) = st.next {
                s.push_str(&format!("    lanjut: s{n}\n"));
            }
            if let Some(t) = sf.info.filter(|&t| t != i) {
                s.push_str(&format!("    informasi: s{t}\n"));
            }
            if let Some(l) = sf.then.filter(|l| !st.actors.contains(l)) {
                s.push_str(&format!(
                    "    lalu: {{ id: t{i}, pelaksana: {} }}\n",
                    lane_id(l)
                ));
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
