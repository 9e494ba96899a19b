//! Stage 2 entry: the spanned YAML trees of a folder → the typed [`Workspace`].
//!
//! Lowering checks the *shape* of each file (known keys, required keys, types, values
//! that must parse such as dates and waktu) and reports every problem it meets, then
//! goes on with what it could read, so `check::run` sees as much of the model as exists.

pub mod book;
mod style;

use std::path::PathBuf;

use super::{
    ActivityData, ActivityKind, Branch, CodeLevel, Dates, Decision, Duration, Identification,
    LaneGroup, LegalBasis, Level, Organisation, Orientation, Paper, Phase, RelatedSop, Role,
    Signer, Sop, Step, Style, StyleSpec, SymbolKind, Then, Workspace, date::Date, waktu::Waktu,
};
use crate::diag::Diagnostic;
use crate::limits;
use crate::source::{FileId, SourceFile, SourceMap, Span, Spanned};
use crate::suggest;
use crate::syntax::{Node, Value};

/// An SOP file ready to be lowered.
pub struct SopInput<'a> {
    /// The file stem.
    pub id: String,
    /// The file.
    pub file: FileId,
    /// Its parsed tree.
    pub tree: &'a Node,
}

/// Lowers the organisation file and every SOP file of one folder.
pub fn lower(
    sources: &SourceMap,
    root: PathBuf,
    org: (FileId, &Node),
    sops: &[SopInput<'_>],
    known_ids: Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Workspace {
    let org = organisation(sources, org.0, org.1, diags);
    let out = sops
        .iter()
        .map(|input| sop(sources, input, diags))
        .collect();
    workspace(root, org, out, known_ids)
}

/// Lowers `organisasi.yaml`.
pub fn organisation(
    sources: &SourceMap,
    file: FileId,
    tree: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Organisation {
    lower_org(&mut Cx::new(sources, file, diags), tree)
}

/// Lowers one SOP file. Files are independent of each other, so they may be lowered in
/// any order or at once; [`workspace`] puts them together.
pub fn sop(sources: &SourceMap, input: &SopInput<'_>, diags: &mut Vec<Diagnostic>) -> Sop {
    lower_sop(
        &mut Cx::new(sources, input.file, diags),
        &input.id,
        input.tree,
    )
}

/// The workspace of a folder from its lowered files, SOPs sorted by id.
pub fn workspace(
    root: PathBuf,
    org: Organisation,
    mut sops: Vec<Sop>,
    known_ids: Vec<String>,
) -> Workspace {
    sops.sort_by(|a, b| a.id.cmp(&b.id));
    for sop in &mut sops {
        sop.style = Style::resolve(&[&org.style, &sop.style_spec]);
    }
    let mut org = org;
    if let Some(book) = org.book.as_mut() {
        // The decree cites each regulation once, in the hierarchy of regulations.
        let d = &mut book.decree;
        if d.recalling.is_some() || !org.legal_bases.is_empty() {
            d.recalling = Some(super::regulation::recitals(
                d.recalling.as_deref(),
                &org.legal_bases,
                &sops,
            ));
        }
    }
    Workspace {
        root,
        org,
        sops,
        known_ids,
        org_broken: false,
        logo: None,
    }
}

/// Keys of `organisasi.yaml`.
pub const ORG_KEYS: &[&str] = &[
    "pemerintah",
    "instansi",
    "singkatan",
    "logo",
    "kertas",
    "orientasi",
    "jam_kerja",
    "gaya",
    "pengesah",
    "dasar_hukum",
    "pelaksana",
    "buku",
    "periksa",
];
/// Keys of an SOP file.
pub const SOP_KEYS: &[&str] = &[
    "nomor",
    "nama",
    "unit",
    "tanggal",
    "pengesah",
    "periksa",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "identitas_lain",
    "identifikasi",
    "kegiatan",
    "masukan",
    "gaya",
    "pelaksana",
    "mulai",
    "selesai",
    "langkah",
];
/// Keys of a step.
pub const STEP_KEYS: &[&str] = &[
    "id",
    "pelaksana",
    "simbol",
    "teks",
    "kegiatan",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
    "keputusan",
    "lanjut",
    "informasi",
    "lalu",
    "tahap",
];
/// Keys of a step's `lalu` (the second symbol of a row).
pub const THEN_KEYS: &[&str] = &[
    "id",
    "pelaksana",
    "simbol",
    "teks",
    "keputusan",
    "lanjut",
    "informasi",
];
/// Keys of `pelaksana` written as a mapping (alternative performers).
pub const ALTERNATIVE_KEYS: &[&str] = &["atau"];
/// Keys of an exit of `cabang`.
pub const BRANCH_KEYS: &[&str] = &["label", "ke"];
/// Keys of `pengesah` (the signing official).
pub const SIGNER_KEYS: &[&str] = &["jabatan", "nama", "pangkat", "nip"];
/// Keys of a role in the roster (`pelaksana` of `organisasi.yaml`).
pub const ROLE_KEYS: &[&str] = &["jabatan", "singkatan", "eksternal", "sistem"];

/// Keys of a group heading over lanes in an SOP's `pelaksana`.
pub const LANE_GROUP_KEYS: &[&str] = &["kelompok", "pelaksana"];
/// Keys of `tanggal`.
pub const DATE_KEYS: &[&str] = &["pembuatan", "revisi", "efektif"];
/// Keys of `identifikasi`.
pub const IDENT_KEYS: &[&str] = &[
    "unit_kerja",
    "tugas",
    "fungsi",
    "sub_fungsi",
    "output",
    "aspek",
];
/// Keys of `identifikasi.unit_kerja`.
pub const UNIT_KEYS: &[&str] = &["eselon_ii", "eselon_iii", "eselon_iv"];
/// Keys of `kegiatan` (worksheet A, data kegiatan).
pub const ACTIVITY_KEYS: &[&str] = &["jenis", "penanggung_jawab", "ruang_lingkup"];
/// Keys of `kegiatan.penanggung_jawab`.
pub const OWNER_KEYS: &[&str] = &["produk", "kegiatan"];
/// Keys of a step's `keputusan`.
pub const DECISION_KEYS: &[&str] = &["pertanyaan", "ya", "tidak", "label", "cabang"];
/// Keys of a `keterkaitan` entry written as a mapping.
pub const RELATED_KEYS: &[&str] = &["luar"];

/// Keys of a merged Waktu cell.
pub const WAKTU_KEYS: &[&str] = &["nilai", "baris"];

/// A count limit of [`crate::limits`] as it is reported.
struct Limit {
    code: &'static str,
    max: usize,
    /// What is counted, in the plural.
    noun: &'static str,
    /// What holds them, with its article.
    within: &'static str,
    help: &'static str,
}

const STEPS: Limit = Limit {
    code: "sop::limit::steps",
    max: limits::MAX_STEPS,
    noun: "steps",
    within: "an SOP",
    help: "split the procedure into several SOPs and link them under `keterkaitan`",
};
const LANES: Limit = Limit {
    code: "sop::limit::lanes",
    max: limits::MAX_LANES,
    noun: "lanes",
    within: "an SOP",
    help: "merge roles that always act together into one lane, or split the procedure into several SOPs",
};
const STEP_ACTORS: Limit = Limit {
    code: "sop::limit::lanes",
    max: limits::MAX_LANES,
    noun: "actors",
    within: "a step",
    help: "a step is done by at most as many actors as an SOP has lanes; name each actor once",
};
const ROLES: Limit = Limit {
    code: "sop::limit::roles",
    max: limits::MAX_ROLES,
    noun: "roles",
    within: "the roster",
    help: "keep in `organisasi.yaml` the roles of this office only",
};
const LEGAL_BASES: Limit = Limit {
    code: "sop::limit::items",
    max: limits::MAX_ROLES,
    noun: "legal bases",
    within: "the `dasar_hukum` library",
    help: "keep in `organisasi.yaml` the regulations its SOPs cite",
};
const ITEMS: Limit = Limit {
    code: "sop::limit::items",
    max: limits::MAX_ITEMS,
    noun: "items",
    within: "a list",
    help: "keep the list to what the printed SOP needs; put long lists in a document cited under `kelengkapan`",
};

/// True for a valid id: lower-case ASCII letters, digits and `-`, starting with a letter
/// or digit.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && s.as_bytes()[0].is_ascii_alphanumeric()
}

struct Cx<'a> {
    file: &'a SourceFile,
    fid: FileId,
    diags: &'a mut Vec<Diagnostic>,
}

struct Fields<'n> {
    entries: &'n [(Node, Node)],
    keys: Vec<String>,
    used: Vec<bool>,
    span: Span,
}

impl<'n> Fields<'n> {
    fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.keys.iter().position(|k| k == key)?;
        self.used[i] = true;
        let node = &self.entries[i].1;
        (node.value != Value::Null).then_some(node)
    }

    fn key_span(&self, key: &str) -> Option<Span> {
        let i = self.keys.iter().position(|k| k == key)?;
        Some(self.entries[i].0.span)
    }
}

impl<'a> Cx<'a> {
    fn new(sources: &'a SourceMap, fid: FileId, diags: &'a mut Vec<Diagnostic>) -> Self {
        Cx {
            file: sources.get(fid),
            fid,
            diags,
        }
    }

    fn type_error(&mut self, node: &Node, expected: &str) {
        self.diags.push(
            Diagnostic::error(
                "sop::field::type",
                format!("expected {expected}, found {}", node.kind()),
                node.span,
            )
            .label(format!("expected {expected}"))
            .help(format!(
                "replace this with {expected}; docs/format.md shows the shape of every key"
            )),
        );
    }

    /// A mapping's fields. `None` (with a diagnostic) when the node is not a mapping.
    fn fields<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                keys: entries.iter().map(|(k, _)| k.key_text(self.file)).collect(),
                used: vec![false; entries.len()],
                entries,
                span: node.span,
            }),
            _ => {
                self.type_error(node, &format!("a mapping ({what})"));
                None
            }
        }
    }

    /// Reports keys that were never asked for.
    fn finish(&mut self, fields: Fields<'_>, allowed: &[&str], what: &str) {
        for (i, used) in fields.used.iter().enumerate() {
            if *used {
                continue;
            }
            let key = &fields.keys[i];
            let span = fields.entries[i].0.span;
            let hint = suggest::did_you_mean(key, allowed.iter().copied());
            let mut valid = format!("valid keys in {what} are: {}", allowed.join(", "));
            if key.contains(' ') {
                valid.push_str("; if this is part of a text with a comma inside `{ … }`, put that text in quotes");
            }
            self.diags.push(
                Diagnostic::error(
                    "sop::field::unknown",
                    format!("unknown key `{key}` in {what}"),
                    span,
                )
                .label("unknown key")
                .help(match hint {
                    Some(h) => format!("{h} {valid}"),
                    None => valid,
                }),
            );
        }
    }

    /// An entry of a library (`dasar_hukum`, `pelaksana`) with no value, marked at its id.
    fn empty_entry(&mut self, id: &Spanned<String>, what: &str, fix: &str) {
        self.diags.push(
            Diagnostic::error(
                "sop::field::missing",
                format!("`{}` in {what} is empty", id.value),
                id.span,
            )
            .label("no value")
            .help(fix),
        );
    }

    /// One diagnostic for a file with no content, instead of one per required key.
    fn empty_file(&mut self, required: &[&str]) {
        let keys: Vec<String> = required.iter().map(|k| format!("`{k}`")).collect();
        self.diags.push(
            Diagnostic::error(
                "sop::file::empty",
                "the file is empty",
                Span::new(self.fid, 0, 0),
            )
            .label("no content")
            .help(format!(
                "write at least {}; docs/format.md has a complete example",
                keys.join(", ")
            )),
        );
    }

    fn missing(&mut self, fields: &Fields<'_>, key: &str, what: &str, anchor: Span) {
        let span = if fields.span.is_empty() && fields.entries.is_empty() {
            anchor
        } else {
            fields.span
        };
        self.diags.push(
            Diagnostic::error(
                "sop::field::missing",
                format!("missing `{key}` in {what}"),
                span,
            )
            .label(format!("`{key}` is required here"))
            .help(format!("add `{key}:` to {what}")),
        );
    }

    fn required<'n>(
        &mut self,
        fields: &mut Fields<'n>,
        key: &str,
        what: &str,
        anchor: Span,
    ) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            match fields.key_span(key) {
                Some(span) => self.diags.push(
                    Diagnostic::error(
                        "sop::field::missing",
                        format!("`{key}` in {what} is empty"),
                        span,
                    )
                    .label("no value")
                    .help(format!("give `{key}` a value")),
                ),
                None => self.missing(fields, key, what, anchor),
            }
        }
        node
    }

    /// The first `limit.max` items; with more, one error at the first item too many.
    /// The flag says whether items were dropped.
    fn cap<'n, T>(
        &mut self,
        items: &'n [T],
        span: impl Fn(&T) -> Span,
        limit: &Limit,
    ) -> (&'n [T], bool) {
        let Some(first) = items.get(limit.max) else {
            return (items, false);
        };
        self.diags.push(
            Diagnostic::error(
                limit.code,
                format!(
                    "{} has at most {} {}, found {}",
                    limit.within,
                    limit.max,
                    limit.noun,
                    items.len()
                ),
                span(first),
            )
            .label(format!("number {}", limit.max + 1))
            .help(limit.help),
        );
        (&items[..limit.max], true)
    }

    /// The span of the first char of `node`'s written text for which `bad` holds, or
    /// the whole node (the char was written as an escape).
    fn char_span(&self, node: &Node, bad: impl Fn(char) -> bool) -> Span {
        let written = self.file.text.get(node.span.range()).unwrap_or("");
        written
            .char_indices()
            .find(|&(_, c)| bad(c))
            .map_or(node.span, |(i, c)| {
                let at = node.span.start as usize + i;
                Span::new(self.fid, at, at + c.len_utf8())
            })
    }

    /// Checks a text for what the documents cannot show: control characters (an
    /// error, whatever the output) and characters the bundled font has no glyph for
    /// (an error: the PDF would print empty boxes).
    fn check_chars(&mut self, node: &Node, s: &str) {
        let controls: Vec<char> = s.chars().filter(|&c| text_rules::is_control(c)).collect();
        if !controls.is_empty() {
            let span = self.char_span(node, text_rules::is_control);
            self.diags.push(
                Diagnostic::error(
                    "sop::text::control",
                    format!(
                        "text holds a control character: {}",
                        text_rules::names(&controls)
                    ),
                    span,
                )
                .label("control character")
                .help("remove it: control characters (and bidirectional overrides) show nothing or reorder the text, differently in each reader"),
            );
            return;
        }
        let missing: Vec<char> = s.chars().filter(|&c| text_rules::lacks_glyph(c)).collect();
        if !missing.is_empty() {
            let span = self.char_span(node, text_rules::lacks_glyph);
            self.diags.push(
                Diagnostic::error(
                    "sop::text::glyph",
                    format!(
                        "the PDF font has no glyph for {}",
                        text_rules::names(&missing)
                    ),
                    span,
                )
                .label("not in the font")
                .help("the PDF is set in Liberation Sans (Latin, Greek, Cyrillic); write the text without these characters (emoji, CJK, Arabic, …) or spell them out"),
            );
        }
    }

    fn text(&mut self, node: &Node) -> Option<Spanned<String>> {
        match node.scalar_text(self.file) {
            Some(s) => {
                // Composed form: a letter and its accent written apart (NFD, as some
                // systems save) become the one char the font draws.
                let s: String =
                    unicode_normalization::UnicodeNormalization::nfc(s.trim()).collect();
                self.check_chars(node, &s);
                let mut s = s;
                let chars = s.chars().count();
                if chars > limits::MAX_TEXT_CHARS {
                    // Keep the start, so later stages see the field as written.
                    s = s.chars().take(limits::MAX_TEXT_CHARS).collect();
                    self.diags.push(
                        Diagnostic::error(
                            "sop::limit::text",
                            format!(
                                "text is longer than {} characters",
                                limits::MAX_TEXT_CHARS
                            ),
                            node.span,
                        )
                        .label(format!("{chars} characters"))
                        .help("shorten the text; put long explanations in a document cited under `kelengkapan`"),
                    );
                }
                (!s.is_empty()).then(|| Spanned::new(s, node.span))
            }
            None if node.value == Value::Null => None,
            None => {
                self.type_error(node, "text");
                None
            }
        }
    }

    fn opt_text(&mut self, fields: &mut Fields<'_>, key: &str) -> Option<Spanned<String>> {
        let node = fields.get(key)?;
        self.text(node)
    }

    fn req_text(
        &mut self,
        fields: &mut Fields<'_>,
        key: &str,
        what: &str,
        anchor: Span,
    ) -> Option<Spanned<String>> {
        let node = self.required(fields, key, what, anchor)?;
        let t = self.text(node);
        if t.is_none() && node.scalar_text(self.file).is_some() {
            self.diags.push(
                Diagnostic::error(
                    "sop::field::missing",
                    format!("`{key}` in {what} is empty"),
                    node.span,
                )
                .label("empty text")
                .help(format!("give `{key}` a value")),
            );
        }
        t
    }

    /// A list of texts; a single text counts as a list of one.
    fn texts(&mut self, node: &Node) -> Vec<Spanned<String>> {
        self.texts_max(node, &ITEMS).0
    }

    /// A list of texts of at most `limit.max` items; the flag says whether some were
    /// dropped.
    fn texts_max(&mut self, node: &Node, limit: &Limit) -> (Vec<Spanned<String>>, bool) {
        let list = match &node.value {
            Value::Seq(items) => {
                let (items, cut) = self.cap(items, |n| n.span, limit);
                let list = items.iter().filter_map(|n| self.text(n)).collect();
                return (list, cut);
            }
            Value::Null => Vec::new(),
            Value::Map(_) => {
                self.type_error(node, "a list of texts");
                Vec::new()
            }
            _ => self.text(node).into_iter().collect(),
        };
        (list, false)
    }

    /// A required list of role ids, which must not be empty (`pelaksana: []`), of at
    /// most `limit.max` items; the flag says whether some were dropped.
    fn some_texts(
        &mut self,
        node: &Node,
        key: &str,
        what: &str,
        limit: &Limit,
    ) -> (Vec<Spanned<String>>, bool) {
        let (list, cut) = self.texts_max(node, limit);
        if list.is_empty() && matches!(&node.value, Value::Seq(_) | Value::Str(_)) {
            self.diags.push(
                Diagnostic::error(
                    "sop::field::missing",
                    format!("`{key}` in {what} is empty"),
                    node.span,
                )
                .label("no role")
                .help(format!(
                    "name at least one role in `{key}`, by its roster id"
                )),
            );
        }
        (list, cut)
    }

    fn opt_texts(&mut self, fields: &mut Fields<'_>, key: &str) -> Vec<Spanned<String>> {
        fields.get(key).map(|n| self.texts(n)).unwrap_or_default()
    }

    fn check_id(&mut self, id: &Spanned<String>) {
        let chars = id.value.chars().count();
        if chars > 64 {
            // Too long is the problem to name, whatever else the id holds (issue 14,
            // item 11).
            self.diags.push(
                Diagnostic::error(
                    "sop::field::invalid-id",
                    format!("`{}` is too long for an id ({chars} characters, at most 64)", id.value),
                    id.span,
                )
                .label("too long")
                .help("shorten the id; the full name goes in the text it stands for (`jabatan`, the regulation, `kegiatan`)"),
            );
        } else if !is_valid_id(&id.value) {
            self.diags.push(
                Diagnostic::error(
                    "sop::field::invalid-id",
                    format!("`{}` is not an id", id.value),
                    id.span,
                )
                .label("not an id")
                .help("ids are written in lower case with `-` between words, e.g. `kasubbag-umpeg`; cite roles, steps and SOPs by their id"),
            );
        }
    }

    fn choice<T: Copy>(
        &mut self,
        node: &Node,
        key: &str,
        options: &[(&'static str, T)],
    ) -> Option<Spanned<T>> {
        let t = self.text(node)?;
        let lower = t.value.to_lowercase();
        if let Some((_, v)) = options.iter().find(|(n, _)| *n == lower) {
            return Some(Spanned::new(*v, t.span));
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let hint = suggest::did_you_mean(&lower, names.iter().copied());
        self.diags.push(
            Diagnostic::error(
                "sop::field::invalid-value",
                format!("`{}` is not a valid `{key}`", t.value),
                t.span,
            )
            .label("unknown value")
            .help(format!(
                "{}`{key}` is one of: {}",
                hint.map(|h| format!("{h} ")).unwrap_or_default(),
                names.join(", ")
            )),
        );
        None
    }

    fn signer(&mut self, node: &Node) -> Option<Signer> {
        let mut f = self.fields(node, "`pengesah`")?;
        let what = "`pengesah`";
        let s = Signer {
            span: node.span,
            title: self.req_text(&mut f, "jabatan", what, node.span),
            name: self.req_text(&mut f, "nama", what, node.span),
            rank: self.opt_text(&mut f, "pangkat"),
            nip: self.opt_text(&mut f, "nip"),
        };
        self.finish(f, SIGNER_KEYS, what);
        Some(s)
    }

    /// `true` or `false`.
    fn bool(&mut self, node: &Node) -> Option<Spanned<bool>> {
        match node.value {
            Value::Bool(b) => Some(Spanned::new(b, node.span)),
            _ => {
                self.type_error(node, "`true` or `false`");
                None
            }
        }
    }

    fn date(&mut self, node: &Node) -> Option<Spanned<Date>> {
        self.date_with(
            node,
            Date::parse,
            "write dates as YYYY-MM-DD, e.g. 2020-01-02",
        )
    }

    /// A date of an SOP's `tanggal`: `YYYY-MM-DD`, or `YYYY-MM` without a day.
    fn date_or_month(&mut self, node: &Node) -> Option<Spanned<Date>> {
        self.date_with(
            node,
            Date::parse_month_or_day,
            "write dates as YYYY-MM-DD, e.g. 2020-01-02, or YYYY-MM for a month, e.g. 2014-01",
        )
    }

    fn date_with(
        &mut self,
        node: &Node,
        parse: fn(&str) -> Result<Date, String>,
        help: &str,
    ) -> Option<Spanned<Date>> {
        let t = self.text(node)?;
        match parse(&t.value) {
            Ok(d) => Some(Spanned::new(d, t.span)),
            Err(why) => {
                self.diags.push(
                    Diagnostic::error(
                        "sop::identity::date-invalid",
                        format!("`{}` is not a date", t.value),
                        t.span,
                    )
                    .label(why.clone())
                    .help(help),
                );
                None
            }
        }
    }
}

/// `periksa:`, `code: allow | warn | deny` in written order. Whether each code exists is
/// checked with the diagnostics (`check::levels`).
fn lower_levels(cx: &mut Cx<'_>, node: &Node) -> Vec<CodeLevel> {
    let mut out = Vec::new();
    let Some(mut lf) = cx.fields(node, "`periksa`: code: allow | warn | deny") else {
        return out;
    };
    for (k, v) in lf.entries {
        let code = Spanned::new(k.key_text(cx.file), k.span);
        if let Some(level) = cx.choice(v, &code.value, &Level::ALL) {
            out.push(CodeLevel { code, level });
        }
    }
    lf.used.iter_mut().for_each(|u| *u = true);
    out
}

fn lower_org(cx: &mut Cx<'_>, root: &Node) -> Organisation {
    let what = "`organisasi.yaml`";
    let mut org = Organisation {
        file: cx.fid,
        hours_per_day: 8.0,
        ..Organisation::default()
    };
    let anchor = root.span;
    if root.value == Value::Null {
        cx.empty_file(&["instansi", "pelaksana"]);
        return org;
    }
    let Some(mut f) = cx.fields(root, what) else {
        return org;
    };
    // Optional: a vertical agency has no pemerintah.
    org.government = cx.opt_text(&mut f, "pemerintah");
    org.agency = cx.req_text(&mut f, "instansi", what, anchor);
    org.abbreviation = cx.opt_text(&mut f, "singkatan");
    org.logo = cx
        .opt_text(&mut f, "logo")
        .and_then(|p| match crate::logo::check_path(&p) {
            Ok(()) => Some(p),
            Err(d) => {
                cx.diags.push(*d);
                None
            }
        });
    if let Some(n) = f.get("kertas") {
        if let Some(p) = cx.choice(n, "kertas", &Paper::ALL) {
            org.paper = p.value;
        }
    }
    if let Some(n) = f.get("orientasi") {
        if let Some(o) = cx.choice(n, "orientasi", &Orientation::ALL) {
            org.orientation = o.value;
        }
    }
    if let Some(n) = f.get("gaya") {
        org.style = style::lower_style(cx, n, "`gaya`");
    }
    if let Some(n) = f.get("jam_kerja") {
        let v = match n.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            _ => None,
        };
        match v {
            Some(h) if (1.0..=24.0).contains(&h) => org.hours_per_day = h,
            _ => cx.diags.push(
                Diagnostic::error(
                    "sop::field::invalid-value",
                    "`jam_kerja` must be a number of hours from 1 to 24",
                    n.span,
                )
                .label("not a number of hours")
                .help("write the hours of one working day, e.g. `jam_kerja: 8`"),
            ),
        }
    }
    // Optional: an SOP may name its own pengesah; one with none at all is reported by
    // the identity check, at the SOP.
    org.signer = f.get("pengesah").and_then(|n| cx.signer(n));
    if let Some(n) = f.get("dasar_hukum") {
        if let Some(mut lf) = cx.fields(n, "`dasar_hukum`: id: text") {
            let (entries, cut) = cx.cap(lf.entries, |e| e.0.span, &LEGAL_BASES);
            org.over_limit |= cut;
            for (k, v) in entries {
                let id = Spanned::new(k.key_text(cx.file), k.span);
                cx.check_id(&id);
                match cx.text(v) {
                    Some(text) => org.legal_bases.push(LegalBasis { id, text }),
                    // A type error was reported for anything but an empty text.
                    None if v.value == Value::Null || v.scalar_text(cx.file).is_some() => cx
                        .empty_entry(
                            &id,
                            "`dasar_hukum`",
                            &format!("write the regulation's full text after `{}:`", id.value),
                        ),
                    None => {}
                }
            }
            lf.used.iter_mut().for_each(|u| *u = true);
        }
    }
    if let Some(n) = cx.required(&mut f, "pelaksana", what, anchor) {
        if let Some(mut rf) = cx.fields(n, "`pelaksana`: id: { jabatan, singkatan }") {
            let (entries, cut) = cx.cap(rf.entries, |e| e.0.span, &ROLES);
            org.over_limit |= cut;
            for (k, v) in entries {
                let id = Spanned::new(k.key_text(cx.file), k.span);
                cx.check_id(&id);
                if let Some(role) = lower_role(cx, id, v) {
                    org.roster.push(role);
                }
            }
            rf.used.iter_mut().for_each(|u| *u = true);
        }
    }
    if let Some(n) = f.get("periksa") {
        org.levels = lower_levels(cx, n);
    }
    let book_key = f.key_span("buku");
    org.book = f
        .get("buku")
        .and_then(|n| book::lower_book(cx, n, book_key.unwrap_or(n.span)));
    cx.finish(f, ORG_KEYS, what);
    org
}

fn lower_role(cx: &mut Cx<'_>, id: Spanned<String>, node: &Node) -> Option<Role> {
    let what = format!("role `{}`", id.value);
    let fix = format!("give the role its title: `{}: {{ jabatan: … }}`", id.value);
    if node.value == Value::Null {
        cx.empty_entry(&id, "`pelaksana`", &fix);
        return None;
    }
    // A bare text is the jabatan: `sekretaris: Sekretaris`.
    if let Some(title) = node.scalar_text(cx.file) {
        if title.trim().is_empty() {
            cx.empty_entry(&id, "`pelaksana`", &fix);
            return None;
        }
        let title = Spanned::new(title.trim().to_string(), node.span);
        return Some(Role {
            id,
            title,
            short: None,
            external: false,
            system: false,
        });
    }
    let mut f = cx.fields(node, &what)?;
    let title = cx.req_text(&mut f, "jabatan", &what, id.span)?;
    let short = cx.opt_text(&mut f, "singkatan");
    let mut flag = |key: &str| match f.get(key) {
        Some(n) => match n.value {
            Value::Bool(b) => b,
            _ => {
                cx.type_error(n, "`true` or `false`");
                false
            }
        },
        None => false,
    };
    let external = flag("eksternal");
    let system = flag("sistem");
    cx.finish(f, ROLE_KEYS, &what);
    Some(Role {
        id,
        title,
        short,
        external,
        system,
    })
}

fn lower_sop(cx: &mut Cx<'_>, id: &str, root: &Node) -> Sop {
    let what = "the SOP";
    let anchor = root.span;
    let mut sop = Sop {
        id: id.to_string(),
        file: cx.fid,
        span: anchor,
        number: None,
        name: None,
        unit: None,
        dates: Dates::default(),
        dates_span: None,
        signer: None,
        legal_bases: Vec::new(),
        qualifications: Vec::new(),
        related: Vec::new(),
        equipment: Vec::new(),
        cautions: Vec::new(),
        records: Vec::new(),
        extra_identity: Vec::new(),
        identification: None,
        activity: None,
        inputs: Vec::new(),
        lanes: Vec::new(),
        lane_groups: Vec::new(),
        steps: Vec::new(),
        start_above: None,
        end_below: None,
        flow: crate::graph::Flow::default(),
        style_spec: StyleSpec::default(),
        style: Style::default(),
        levels: Vec::new(),
        related_titles: Vec::new(),
        over_limit: false,
    };
    if root.value == Value::Null {
        cx.empty_file(&["nomor", "nama", "tanggal", "pelaksana", "langkah"]);
        return sop;
    }
    let Some(mut f) = cx.fields(root, "an SOP") else {
        return sop;
    };
    sop.number = cx.req_text(&mut f, "nomor", what, anchor);
    sop.name = cx.req_text(&mut f, "nama", what, anchor);
    sop.unit = cx.opt_text(&mut f, "unit");
    if let Some(n) = cx.required(&mut f, "tanggal", what, anchor) {
        sop.dates_span = Some(n.span);
        if let Some(mut df) = cx.fields(n, "`tanggal`") {
            let w = "`tanggal`";
            sop.dates.created = cx
                .required(&mut df, "pembuatan", w, n.span)
                .and_then(|d| cx.date_or_month(d));
            sop.dates.revised = df.get("revisi").and_then(|d| cx.date_or_month(d));
            sop.dates.effective = cx
                .required(&mut df, "efektif", w, n.span)
                .and_then(|d| cx.date_or_month(d));
            cx.finish(df, DATE_KEYS, w);
        }
    }
    sop.signer = f.get("pengesah").and_then(|n| cx.signer(n));
    if let Some(n) = f.get("periksa") {
        sop.levels = lower_levels(cx, n);
    }
    // Not checked as ids: the reference check reports each one that is not in the
    // library, which a title never is.
    sop.legal_bases = cx.opt_texts(&mut f, "dasar_hukum");
    sop.qualifications = cx.opt_texts(&mut f, "kualifikasi_pelaksana");
    if let Some(n) = f.get("keterkaitan") {
        (sop.related, sop.related_titles) = lower_related(cx, n);
    }
    sop.equipment = cx.opt_texts(&mut f, "peralatan");
    sop.cautions = cx.opt_texts(&mut f, "peringatan");
    sop.records = cx.opt_texts(&mut f, "pencatatan");
    if let Some(n) = f.get("identitas_lain") {
        sop.extra_identity = style::lower_extra_identity(cx, n);
    }
    sop.identification = f
        .get("identifikasi")
        .and_then(|n| lower_identification(cx, n));
    sop.activity = f.get("kegiatan").and_then(|n| lower_activity(cx, n));
    sop.inputs = cx.opt_texts(&mut f, "masukan");
    if let Some(n) = f.get("gaya") {
        sop.style_spec = style::lower_style(cx, n, "this SOP's `gaya`");
    }
    // Lanes and actors are not checked as ids here: the actor check reports a name that
    // is not a roster id once, with the id it should be when it is a role's title.
    if let Some(n) = cx.required(&mut f, "pelaksana", what, anchor) {
        let grouped = matches!(&n.value, Value::Seq(items) if items.iter().any(|i| matches!(i.value, Value::Map(_))));
        if grouped {
            lower_grouped_lanes(cx, n, &mut sop);
        } else {
            let (lanes, cut) = cx.some_texts(n, "pelaksana", what, &LANES);
            sop.lanes = lanes;
            sop.over_limit |= cut;
        }
    }
    sop.start_above = f
        .get("mulai")
        .and_then(|n| cx.choice(n, "mulai", &[("atas", ())]))
        .map(|c| c.span);
    sop.end_below = f
        .get("selesai")
        .and_then(|n| cx.choice(n, "selesai", &[("bawah", ())]))
        .map(|c| c.span);
    if let Some(n) = cx.required(&mut f, "langkah", what, anchor) {
        match &n.value {
            // Reported here rather than by the flow check, which cannot tell an empty list
            // from a missing or unreadable one (already reported).
            Value::Seq(items) if items.is_empty() => cx.diags.push(
                Diagnostic::error("sop::flow::empty", "the SOP has no steps", n.span)
                    .label("empty list")
                    .help("list the steps under `langkah:`, one `- pelaksana: …` item each"),
            ),
            Value::Seq(items) => {
                let (items, cut) = cx.cap(items, |n| n.span, &STEPS);
                sop.over_limit |= cut;
                for (i, item) in items.iter().enumerate() {
                    if let Some(step) = lower_step(cx, i + 1, item) {
                        sop.steps.push(step);
                    }
                }
            }
            _ => cx.type_error(n, "a list of steps"),
        }
    }
    cx.finish(f, SOP_KEYS, what);
    sop.flow = crate::graph::Flow::build(&sop);
    sop
}

/// `pelaksana:` with group headings: each item a lane id or `{ kelompok, pelaksana }`.
fn lower_grouped_lanes(cx: &mut Cx<'_>, node: &Node, sop: &mut Sop) {
    let Value::Seq(items) = &node.value else {
        return;
    };
    for item in items {
        if let Value::Map(_) = &item.value {
            let what = "a `kelompok` of `pelaksana`";
            let Some(mut f) = cx.fields(item, what) else {
                continue;
            };
            let title = cx.req_text(&mut f, "kelompok", what, item.span);
            let lanes = match cx.required(&mut f, "pelaksana", what, item.span) {
                Some(n) => cx.some_texts(n, "pelaksana", what, &LANES).0,
                None => Vec::new(),
            };
            cx.finish(f, LANE_GROUP_KEYS, what);
            if let (Some(title), false) = (title, lanes.is_empty()) {
                sop.lane_groups.push(LaneGroup {
                    title,
                    first: sop.lanes.len(),
                    last: sop.lanes.len() + lanes.len() - 1,
                });
            }
            sop.lanes.extend(lanes);
        } else if let Some(t) = cx.text(item) {
            sop.lanes.push(t);
        }
    }
    if sop.lanes.len() > limits::MAX_LANES {
        let spans: Vec<Span> = sop.lanes.iter().map(|l| l.span).collect();
        let (_, cut) = cx.cap(&spans, |s| *s, &LANES);
        sop.lanes.truncate(limits::MAX_LANES);
        sop.lane_groups.retain(|g| g.last < limits::MAX_LANES);
        sop.over_limit |= cut;
    }
}

/// True for a file stem that can be an SOP's id, whatever its length: a keterkaitan
/// entry written so is an id (the reference check says when no file has it).
fn looks_like_id(s: &str) -> bool {
    is_valid_id(&s[..s.len().min(64)])
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The keterkaitan: ids and `{ luar: … }` entries, and apart the entries written as a
/// title.
fn lower_related(cx: &mut Cx<'_>, node: &Node) -> (Vec<RelatedSop>, Vec<Spanned<String>>) {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => cx.cap(items, |n| n.span, &ITEMS).0.iter().collect(),
        _ => vec![node],
    };
    let mut out = Vec::new();
    let mut titles = Vec::new();
    for item in items {
        match &item.value {
            Value::Map(_) => {
                if let Some(mut f) = cx.fields(item, "`keterkaitan`") {
                    if let Some(t) =
                        cx.req_text(&mut f, "luar", "this `keterkaitan` entry", item.span)
                    {
                        out.push(RelatedSop::External(t));
                    }
                    cx.finish(f, RELATED_KEYS, "a `keterkaitan` entry");
                }
            }
            _ => {
                if let Some(t) = cx.text(item) {
                    if looks_like_id(&t.value) {
                        out.push(RelatedSop::Internal(t));
                    } else {
                        titles.push(t);
                    }
                }
            }
        }
    }
    (out, titles)
}

fn lower_identification(cx: &mut Cx<'_>, node: &Node) -> Option<Identification> {
    let what = "`identifikasi`";
    let mut f = cx.fields(node, what)?;
    let mut id = Identification::default();
    if let Some(u) = f.get("unit_kerja") {
        if let Some(mut uf) = cx.fields(u, "`unit_kerja`") {
            id.echelon_ii = cx.opt_text(&mut uf, "eselon_ii");
            id.echelon_iii = cx.opt_text(&mut uf, "eselon_iii");
            id.echelon_iv = cx.opt_text(&mut uf, "eselon_iv");
            cx.finish(uf, UNIT_KEYS, "`unit_kerja`");
        }
    }
    id.duties = cx.opt_texts(&mut f, "tugas");
    id.functions = cx.opt_texts(&mut f, "fungsi");
    id.sub_functions = cx.opt_texts(&mut f, "sub_fungsi");
    id.output = cx.opt_text(&mut f, "output");
    id.aspect = cx.opt_text(&mut f, "aspek");
    cx.finish(f, IDENT_KEYS, what);
    Some(id)
}

fn lower_activity(cx: &mut Cx<'_>, node: &Node) -> Option<ActivityData> {
    let what = "`kegiatan`";
    let mut f = cx.fields(node, what)?;
    let mut a = ActivityData {
        kind: f.get("jenis").and_then(|n| {
            cx.choice(
                n,
                "jenis",
                &[
                    ("rutin", ActivityKind::Routine),
                    ("penugasan", ActivityKind::Assignment),
                ],
            )
        }),
        ..ActivityData::default()
    };
    if let Some(p) = f.get("penanggung_jawab") {
        if let Some(mut pf) = cx.fields(p, "`penanggung_jawab`") {
            a.product_owner = cx.opt_text(&mut pf, "produk");
            a.activity_owner = cx.opt_text(&mut pf, "kegiatan");
            cx.finish(pf, OWNER_KEYS, "`penanggung_jawab`");
        }
    }
    a.scope = cx.opt_text(&mut f, "ruang_lingkup");
    cx.finish(f, ACTIVITY_KEYS, what);
    Some(a)
}

/// `pelaksana` of a step or of a `lalu`: one id, a list (a joint step), or
/// `{ atau: [...] }` (alternative performers). The flag says whether they are
/// alternatives.
fn lower_actors(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_>,
    what: &str,
    anchor: Span,
) -> (Vec<Spanned<String>>, bool) {
    let Some(n) = cx.required(f, "pelaksana", what, anchor) else {
        return (Vec::new(), false);
    };
    if !matches!(n.value, Value::Map(_)) {
        return (cx.some_texts(n, "pelaksana", what, &STEP_ACTORS).0, false);
    }
    let w = "`pelaksana` (alternative performers)";
    let Some(mut af) = cx.fields(n, w) else {
        return (Vec::new(), false);
    };
    let actors = match cx.required(&mut af, "atau", w, n.span) {
        Some(a) => cx.some_texts(a, "atau", w, &STEP_ACTORS).0,
        None => Vec::new(),
    };
    cx.finish(af, ALTERNATIVE_KEYS, w);
    if actors.len() == 1 {
        cx.diags.push(
            Diagnostic::error(
                "sop::step::alternative",
                format!("`atau` in {what} names one performer"),
                n.span,
            )
            .label("one performer, no alternative")
            .help(format!(
                "name two or more roles in `atau`, or write the one role as `pelaksana: {}`",
                actors[0].value
            )),
        );
        return (actors, false);
    }
    (actors, true)
}

/// The step ids of `lanjut` or `informasi`: one id or a list.
fn lower_targets(cx: &mut Cx<'_>, f: &mut Fields<'_>, key: &str) -> Vec<Spanned<String>> {
    let list = cx.opt_texts(f, key);
    for t in &list {
        cx.check_id(t);
    }
    list
}

fn lower_symbol(cx: &mut Cx<'_>, f: &mut Fields<'_>) -> Option<Spanned<SymbolKind>> {
    f.get("simbol")
        .and_then(|n| cx.choice(n, "simbol", &SymbolKind::ALL))
}

/// `simbol: keputusan` needs `keputusan`, and a step with `keputusan` is drawn as a
/// diamond.
fn check_symbol(
    cx: &mut Cx<'_>,
    symbol: Option<&Spanned<SymbolKind>>,
    decision: Option<&Decision>,
    what: &str,
) {
    let Some(sym) = symbol else { return };
    match (sym.value, decision) {
        (SymbolKind::Decision, None) => cx.diags.push(
            Diagnostic::error(
                "sop::step::symbol",
                format!("{what} is drawn as a decision but has no `keputusan`"),
                sym.span,
            )
            .label("no exits to draw")
            .help("add `keputusan:` with its exits, or remove `simbol: keputusan`"),
        ),
        (SymbolKind::Start | SymbolKind::End | SymbolKind::Process, Some(_)) => cx.diags.push(
            Diagnostic::error(
                "sop::step::symbol",
                format!("{what} has `keputusan` but is not drawn as a decision"),
                sym.span,
            )
            .label("a decision is a diamond")
            .help("remove `simbol:` (a step with `keputusan` is a diamond), or remove `keputusan`"),
        ),
        _ => {}
    }
}

fn lower_then(cx: &mut Cx<'_>, number: usize, node: &Node) -> Option<Then> {
    let what = format!("the `lalu` of step {number}");
    let mut f = cx.fields(node, &what)?;
    let id = cx.opt_text(&mut f, "id");
    if let Some(id) = &id {
        cx.check_id(id);
    }
    let (actors, alternative) = lower_actors(cx, &mut f, &what, node.span);
    let symbol = lower_symbol(cx, &mut f);
    let text = cx.opt_text(&mut f, "teks");
    let decision = f.get("keputusan").and_then(|n| lower_decision(cx, n));
    check_symbol(cx, symbol.as_ref(), decision.as_ref(), &what);
    let next = lower_targets(cx, &mut f, "lanjut");
    let info = lower_targets(cx, &mut f, "informasi");
    cx.finish(f, THEN_KEYS, &what);
    Some(Then {
        span: node.span,
        id,
        actors,
        alternative,
        symbol,
        text,
        decision,
        next,
        info,
    })
}

fn lower_step(cx: &mut Cx<'_>, number: usize, node: &Node) -> Option<Step> {
    let what = format!("step {number}");
    let mut f = cx.fields(node, &what)?;
    let id = cx.opt_text(&mut f, "id");
    if let Some(id) = &id {
        cx.check_id(id);
    }
    let (actors, alternative) = lower_actors(cx, &mut f, &what, node.span);
    let symbol = lower_symbol(cx, &mut f);
    let text = cx.opt_text(&mut f, "teks");
    let activity = cx
        .req_text(&mut f, "kegiatan", &what, node.span)
        .unwrap_or_else(|| Spanned::new(String::new(), node.span));
    // Whether a Mutu Baku key was written at all, so that one written with the wrong
    // type gets its type error only, not also "missing".
    let requirements_node = f.get("kelengkapan");
    let requirements = requirements_node.map(|n| cx.texts(n)).unwrap_or_default();
    let time_node = f.get("waktu");
    let waktu = time_node.map(|n| lower_waktu(cx, n)).unwrap_or_default();
    let output_node = f.get("output");
    let output = output_node.and_then(|n| cx.text(n));
    let note = cx.opt_text(&mut f, "keterangan");
    let decision = f.get("keputusan").and_then(|n| lower_decision(cx, n));
    check_symbol(cx, symbol.as_ref(), decision.as_ref(), &what);
    let next = lower_targets(cx, &mut f, "lanjut");
    let info = lower_targets(cx, &mut f, "informasi");
    let then = f
        .get("lalu")
        .and_then(|n| lower_then(cx, number, n))
        .map(Box::new);
    let phase = f.get("tahap").and_then(|n| {
        cx.choice(
            n,
            "tahap",
            &[
                ("awal", Phase::Start),
                ("utama", Phase::Main),
                ("akhir", Phase::End),
            ],
        )
    });
    cx.finish(f, STEP_KEYS, &what);
    Some(Step {
        number,
        span: node.span,
        id,
        actors,
        alternative,
        symbol,
        text,
        activity,
        requirements,
        time: waktu.quantity,
        time_text: waktu.text,
        time_na: waktu.na,
        time_rows: waktu.rows,
        time_span: time_node.map(|n| n.span),
        requirements_written: requirements_node
            .is_some_and(|n| !matches!(&n.value, Value::Seq(items) if items.is_empty())),
        time_written: time_node.is_some(),
        output,
        output_written: output_node.is_some(),
        note,
        decision,
        next,
        info,
        then,
        phase,
    })
}

/// A step's `waktu` as lowered.
struct WaktuCell {
    quantity: Option<Spanned<Duration>>,
    text: Option<Spanned<String>>,
    na: bool,
    rows: usize,
}

impl Default for WaktuCell {
    fn default() -> Self {
        WaktuCell {
            quantity: None,
            text: None,
            na: false,
            rows: 1,
        }
    }
}

/// `waktu: 10 menit`, `waktu: "-"`, `waktu: Sesuai kebutuhan` or
/// `waktu: { nilai: 1 bulan, baris: 3 }`.
fn lower_waktu(cx: &mut Cx<'_>, node: &Node) -> WaktuCell {
    let mut cell = WaktuCell::default();
    let value = if let Value::Map(_) = &node.value {
        let what = "`waktu`";
        let Some(mut f) = cx.fields(node, what) else {
            return cell;
        };
        let value = cx.required(&mut f, "nilai", what, node.span);
        if let Some(b) = cx.required(&mut f, "baris", what, node.span) {
            match b.value {
                Value::Int(n) if (1..=limits::MAX_STEPS as i64).contains(&n) => {
                    cell.rows = n as usize;
                }
                _ => cx.type_error(b, "a whole number of rows, 1 or more"),
            }
        }
        cx.finish(f, WAKTU_KEYS, what);
        match value {
            Some(v) => v,
            None => return cell,
        }
    } else {
        node
    };
    let Some(t) = cx.text(value) else {
        return cell;
    };
    match Waktu::read(&t.value) {
        Ok(Waktu::Quantity(d)) => cell.quantity = Some(Spanned::new(d, t.span)),
        Ok(Waktu::NotApplicable) => cell.na = true,
        Ok(Waktu::Text(text)) => cell.text = Some(Spanned::new(text, t.span)),
        Err(why) => cx.diags.push(
            Diagnostic::error(
                "sop::waktu::invalid",
                format!("cannot read waktu `{}`", t.value),
                t.span,
            )
            .label(why)
            .help("write a number and a unit: `5 menit`, `1,5 jam`, `2 hari kerja`, `1-2 hari`, `1 semester`, `1 x 24 jam`; `-` when it does not apply, or a text such as `Sesuai kebutuhan`"),
        ),
    }
    cell
}

fn lower_decision(cx: &mut Cx<'_>, node: &Node) -> Option<Decision> {
    let what = "`keputusan`";
    let mut f = cx.fields(node, what)?;
    let question = cx.opt_text(&mut f, "pertanyaan");
    let yes = cx.opt_text(&mut f, "ya");
    let no = cx.opt_text(&mut f, "tidak");
    for t in yes.iter().chain(no.iter()) {
        cx.check_id(t);
    }
    let mut labels = [
        Spanned::new("Ya".to_string(), node.span),
        Spanned::new("Tidak".to_string(), node.span),
    ];
    if let Some(l) = f.get("label") {
        let list = cx.texts(l);
        if list.len() == 2 {
            labels = [list[0].clone(), list[1].clone()];
        } else {
            cx.diags.push(
                Diagnostic::error(
                    "sop::flow::decision-labels",
                    format!("a decision has two exit labels, found {}", list.len()),
                    l.span,
                )
                .label("needs exactly two labels")
                .help("write two labels, the positive one first: `label: [Lengkap, Tidak]`"),
            );
        }
    }
    let mut branches = Vec::new();
    let mut branches_span = None;
    if let Some(c) = f.get("cabang") {
        branches_span = Some(c.span);
        match &c.value {
            Value::Seq(items) => {
                for item in cx.cap(items, |n| n.span, &ITEMS).0 {
                    let w = "an exit of `cabang`";
                    let Some(mut bf) = cx.fields(item, w) else {
                        continue;
                    };
                    let label = cx.opt_text(&mut bf, "label");
                    let to = cx.req_text(&mut bf, "ke", w, item.span);
                    cx.finish(bf, BRANCH_KEYS, w);
                    if let Some(to) = to {
                        cx.check_id(&to);
                        branches.push(Branch {
                            span: item.span,
                            label,
                            to,
                        });
                    }
                }
            }
            _ => cx.type_error(c, "a list of exits `{ label, ke }`"),
        }
        let written: Vec<Span> = ["ya", "tidak", "label"]
            .iter()
            .filter_map(|k| f.key_span(k))
            .collect();
        for span in written {
            cx.diags.push(
                Diagnostic::error(
                    "sop::flow::decision-cabang",
                    "a decision with `cabang` has no `ya`, `tidak` or `label`",
                    span,
                )
                .label("not used with `cabang`")
                .help("write every exit, with its label, as an item of `cabang`: `- { label: Ya, ke: <step id> }`"),
            );
        }
        if branches.len() == 1 {
            cx.diags.push(
                Diagnostic::error("sop::flow::decision-exits", "`cabang` has one exit", c.span)
                    .label("a decision needs two exits or more")
                    .help("add the other exits, or remove `keputusan` if the step does not branch"),
            );
        }
    }
    cx.finish(f, DECISION_KEYS, what);
    if !branches.is_empty() {
        return Some(Decision {
            span: node.span,
            question,
            yes: None,
            no: None,
            labels,
            branches,
            branches_span,
        });
    }
    Some(Decision {
        span: node.span,
        question,
        yes,
        no,
        labels,
        branches,
        branches_span,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::check;
    use crate::load::{SopText, load_texts};
    use crate::test_util::{ORG, check_sop};

    #[test]
    fn decomposed_text_is_composed() {
        let p = crate::test_util::project_with(ORG, "nama: Cafe\u{301} Baru\n");
        let name = &p.workspaces[0].sops[0].name.as_ref().unwrap().value;
        assert_eq!(name, "Caf\u{e9} Baru");
    }

    fn codes(org: &str, sop: &str) -> Vec<(&'static str, String)> {
        let p = load_texts(
            PathBuf::from("t"),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: org.as_bytes().to_vec(),
            },
            vec![SopText {
                path: "t/x.yaml".into(),
                bytes: sop.as_bytes().to_vec(),
            }],
        );
        let mut diags = p.diags.clone();
        diags.extend(check::run(&p.workspaces[0]));
        diags.sort();
        diags
            .iter()
            .map(|d| (d.code, p.sources.get(d.span.file).name.clone()))
            .collect()
    }

    #[test]
    fn the_office_gaya_is_resolved_with_each_sop_override() {
        use crate::model::style::{DateFormat, LogoPlace, QualityColumn, Signature};
        let org = format!(
            "{}gaya:\n  kop: [BADAN PUSAT STATISTIK, PROVINSI BENGKULU]\n  logo: KIRI\n  lembar_kerja: false\n  tanda_tangan: elektronik\n  format_tanggal: tanpa-nol\n  kolom: {{ kelengkapan: false, mutu_baku: [output] }}\n  judul: {{ kegiatan: Aktivitas }}\norientasi: potret\n",
            crate::test_util::ORG.replace("pemerintah: Pemerintah Kabupaten Contoh\n", "")
        );
        let p = crate::test_util::project_with(
            &org,
            "unit: TIM STATISTIK SOSIAL\ntanggal: { pembuatan: 2014-01, efektif: 2025-01-02 }\nidentitas_lain:\n  - { judul: Maksud dan Tujuan, isi: Pedoman }\ngaya: { lembar_kerja: true, tanda_tangan: basah }\npelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: X }\n",
        );
        assert!(p.diags.is_empty(), "{:?}", p.diags);
        let ws = &p.workspaces[0];
        assert!(ws.org.government.is_none());
        assert_eq!(ws.org.orientation, crate::model::Orientation::Portrait);
        let sop = &ws.sops[0];
        let s = &sop.style;
        let kop: Vec<&str> = s.kop.iter().flatten().map(|l| l.value.as_str()).collect();
        assert_eq!(kop, ["BADAN PUSAT STATISTIK", "PROVINSI BENGKULU"]);
        assert_eq!(s.logo, LogoPlace::Left);
        assert!(s.worksheets, "the SOP's override wins");
        assert_eq!(s.signature, Signature::Wet, "the SOP's override wins");
        assert_eq!(s.date_format, DateFormat::Plain);
        assert!(!s.columns.requirements);
        assert_eq!(
            s.columns.printed().collect::<Vec<_>>(),
            [QualityColumn::Output, QualityColumn::Time]
        );
        assert_eq!(s.headings.activity, "Aktivitas");
        assert_eq!(s.headings.time, "Waktu");
        assert_eq!(sop.unit.as_ref().unwrap().value, "TIM STATISTIK SOSIAL");
        assert_eq!(sop.extra_identity[0].title.value, "Maksud dan Tujuan");
        assert_eq!(
            sop.dates.created.as_ref().unwrap().value.long(),
            "Januari 2014"
        );
    }

    // An id over 64 characters is too long, whatever its letters: a role, a legal
    // basis, a step and a jump target (issue 14, item 11).
    #[test]
    fn a_long_id_is_too_long_not_misspelt() {
        let long = "a".repeat(65);
        let org = format!(
            "{}  {long}: {{ jabatan: Staf }}\ndasar_hukum: {{ {long}: Peraturan }}\n",
            ORG.replace("dasar_hukum: { perda-1: Peraturan Daerah Nomor 1 }\n", "")
        );
        let p = crate::test_util::project_with(
            &org,
            &format!(
                "pelaksana: [a]\nlangkah:\n  - {{ id: s{long}, pelaksana: a, kegiatan: X, lanjut: B{long} }}\n  - {{ pelaksana: a, kegiatan: Y }}\n"
            ),
        );
        let ids: Vec<(String, String)> = p
            .diags
            .iter()
            .filter(|d| d.code == "sop::field::invalid-id")
            .map(|d| {
                let text = &p.sources.get(d.span.file).text;
                (text[d.span.range()].to_string(), d.message.clone())
            })
            .collect();
        assert_eq!(ids.len(), 4, "{ids:?}");
        for (at, message) in &ids {
            assert!(at.ends_with(&long), "{at}");
            assert!(
                message.ends_with("is too long for an id (65 characters, at most 64)")
                    || message.ends_with("is too long for an id (66 characters, at most 64)"),
                "{message}"
            );
        }
    }

    #[test]
    fn an_empty_file_is_reported_once() {
        assert_eq!(
            codes(ORG, "# nothing yet\n"),
            [("sop::file::empty", "t/x.yaml".to_string())]
        );
        assert_eq!(
            codes("", ""),
            [
                ("sop::file::empty", "t/organisasi.yaml".to_string()),
                ("sop::file::empty", "t/x.yaml".to_string())
            ]
        );
    }

    #[test]
    fn type_errors_say_what_to_write_and_step_keys_name_the_step() {
        let p = crate::test_util::project(
            "pelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: [Menulis], foo: 1 }\n",
        );
        let msgs: Vec<(&str, String, bool)> = p
            .diags
            .iter()
            .map(|d| (d.code, d.message.clone(), d.help.is_some()))
            .collect();
        assert_eq!(
            msgs,
            [
                (
                    "sop::field::type",
                    "expected text, found a list".to_string(),
                    true
                ),
                (
                    "sop::field::unknown",
                    "unknown key `foo` in step 1".to_string(),
                    true
                ),
            ]
        );
    }

    #[test]
    fn without_a_default_pengesah_each_unsigned_sop_is_reported_once() {
        let org = ORG.replace("pengesah:", "# pengesah:");
        assert_eq!(
            crate::test_util::check_with(
                &org,
                "nama: Contoh\npelaksana: [a]\nlangkah: [{ pelaksana: a, kegiatan: Menulis, kelengkapan: [x], waktu: 1 jam, output: y }]\nmasukan: x\n"
            ),
            [("sop::identity::no-signer", "Contoh".to_string())]
        );
        assert_eq!(
            crate::test_util::check_with(
                &org,
                "nama: Contoh\npengesah: { jabatan: Kadin, nama: Budi }\npelaksana: [a]\nlangkah: [{ pelaksana: a, kegiatan: Menulis, kelengkapan: [x], waktu: 1 jam, output: y }]\nmasukan: x\n"
            ),
            []
        );
    }

    #[test]
    fn an_empty_role_or_legal_basis_is_reported_at_its_id() {
        let org = format!("{ORG}  d:\n  e: \"\"\n");
        let org = org.replace(
            "dasar_hukum: { perda-1: Peraturan Daerah Nomor 1 }",
            "dasar_hukum: { perda-1: Peraturan Daerah Nomor 1, perda-2: }",
        );
        let p = crate::test_util::project_with(&org, "pelaksana: [a]\n");
        let got: Vec<(&str, String, String)> = p
            .diags
            .iter()
            .filter(|d| d.span.file == p.workspaces[0].org.file)
            .map(|d| {
                (
                    d.code,
                    p.sources.text(d.span).to_string(),
                    d.message.clone(),
                )
            })
            .collect();
        let missing = |id: &str, what: &str| {
            (
                "sop::field::missing",
                id.to_string(),
                format!("`{id}` in `{what}` is empty"),
            )
        };
        assert_eq!(
            got,
            [
                missing("perda-2", "dasar_hukum"),
                missing("d", "pelaksana"),
                missing("e", "pelaksana")
            ]
        );
    }

    #[test]
    fn an_empty_list_of_actors_is_missing() {
        assert_eq!(
            check_sop(
                "pelaksana: []\nlangkah:\n  - { pelaksana: [], kegiatan: Menulis, kelengkapan: [x], waktu: 1 jam, output: y }\nmasukan: x\n"
            ),
            [
                ("sop::field::missing", "[]".to_string()),
                ("sop::field::missing", "[]".to_string())
            ]
        );
    }

    #[test]
    fn no_steps_is_reported_once() {
        assert_eq!(
            check_sop("pelaksana: [a]\nlangkah: []\n"),
            [("sop::flow::empty", "[]".to_string())]
        );
        assert_eq!(
            check_sop("pelaksana: [a]\nlangkah:\n"),
            [("sop::field::missing", "langkah".to_string())]
        );
        assert_eq!(
            check_sop("pelaksana: [a]\n"),
            [("sop::field::missing", "nomor: \"1/2/3\"".to_string())]
        );
    }
}

/// The rules on the characters of a text, shared by every text of both files.
pub mod text_rules {
    use crate::layout::document::Font;

    /// A control character: C0 (except tab, line feed and carriage return), DEL, C1,
    /// the noncharacters U+FFFE and U+FFFF, and the bidirectional embeddings, overrides
    /// and isolates.
    pub fn is_control(c: char) -> bool {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }

    /// True for a char that the bundled font (regular or bold) cannot draw.
    pub fn lacks_glyph(c: char) -> bool {
        let drawn = crate::fonts::metrics(Font::Regular).has_glyph(c)
            && crate::fonts::metrics(Font::Bold).has_glyph(c);
        // Spaces, and the invisible joiners and variation selectors that only choose
        // how their neighbours look.
        let invisible = matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}'
        );
        !(drawn || invisible || is_control(c))
    }

    /// `U+1F600 "😀", U+0007` for a message: each char once, at most eight; a control
    /// char by its number only.
    pub fn names(chars: &[char]) -> String {
        let mut seen = Vec::new();
        for &c in chars {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        let mut parts: Vec<String> = seen
            .iter()
            .take(8)
            .map(|&c| {
                if is_control(c) {
                    format!("U+{:04X}", u32::from(c))
                } else {
                    format!("U+{:04X} \u{201c}{c}\u{201d}", u32::from(c))
                }
            })
            .collect();
        if seen.len() > 8 {
            parts.push(format!("and {} more", seen.len() - 8));
        }
        parts.join(", ")
    }
}
