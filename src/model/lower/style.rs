//! Lowering of a `gaya:` mapping (in `organisasi.yaml` or in an SOP file) into a
//! [`StyleSpec`], and of `identitas_lain`. The keys and the words of each choice are
//! those of [`crate::model::shape`].

use super::{Cx, Fields, ITEMS};
use crate::diag::Diagnostic;
use crate::model::shape::{self, words};
use crate::model::style::{
    ColumnsSpec, ConnectorLabels, DateFormat, EmptySections, ExtraSection, HeadingsSpec,
    ListMarker, LogoPlace, NipFormat, QualityColumn, QuestionPlace, Signature, StyleSpec,
};
use crate::source::Spanned;
use crate::syntax::{Node, Value};

/// The words of a choice of [`words`] paired with their values, in the same order.
fn pairs<T: Copy>(names: &'static [&'static str], values: &[T]) -> Vec<(&'static str, T)> {
    names.iter().copied().zip(values.iter().copied()).collect()
}

/// The value of an optional choice key, its words from [`words`] paired with `values`.
fn choice<T: Copy>(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_>,
    key: &str,
    names: &'static [&'static str],
    values: &[T],
) -> Option<Spanned<T>> {
    f.get(key)
        .and_then(|n| cx.choice(n, key, &pairs(names, values)))
}

/// Lowers one `gaya:` mapping; `what` names where it was written.
pub(super) fn lower_style(cx: &mut Cx<'_>, node: &Node, what: &str) -> StyleSpec {
    let mut spec = StyleSpec::default();
    let Some(mut f) = cx.fields(node, what) else {
        return spec;
    };
    if let Some(n) = f.get("kop") {
        match &n.value {
            Value::Map(_) => cx.type_error(n, "a list of texts"),
            _ => {
                let lines = cx.texts(n);
                spec.kop = Some(Spanned::new(lines, n.span));
            }
        }
    }
    spec.logo = choice(
        cx,
        &mut f,
        "logo",
        words::LOGO,
        &[LogoPlace::Above, LogoPlace::Left],
    );
    spec.worksheets = f.get("lembar_kerja").and_then(|n| cx.bool(n));
    spec.one_page = f.get("satu_halaman").and_then(|n| cx.bool(n));
    spec.signature = choice(
        cx,
        &mut f,
        "tanda_tangan",
        words::SIGNATURE,
        &[Signature::Wet, Signature::Electronic],
    );
    spec.tte_statement = cx.opt_text(&mut f, "pernyataan_tte");
    spec.question = choice(
        cx,
        &mut f,
        "pertanyaan",
        words::QUESTION,
        &[QuestionPlace::Activity, QuestionPlace::Symbol],
    );
    spec.connectors = choice(
        cx,
        &mut f,
        "konektor",
        words::CONNECTORS,
        &[ConnectorLabels::Letters, ConnectorLabels::Numbers],
    );
    spec.date_format = choice(
        cx,
        &mut f,
        "format_tanggal",
        words::DATE_FORMAT,
        &[DateFormat::ZeroPadded, DateFormat::Plain],
    );
    spec.nip = choice(
        cx,
        &mut f,
        "nip",
        words::NIP,
        &[NipFormat::Spaced, NipFormat::Compact],
    );
    spec.lists = choice(
        cx,
        &mut f,
        "daftar",
        words::LISTS,
        &[ListMarker::Numbers, ListMarker::Bullets],
    );
    if let Some(n) = f.get("kolom") {
        spec.columns = lower_columns(cx, n);
    }
    if let Some(n) = f.get("judul") {
        spec.headings = lower_headings(cx, n);
    }
    spec.empty_sections = choice(
        cx,
        &mut f,
        "identitas_kosong",
        words::EMPTY_SECTIONS,
        &[EmptySections::Shown, EmptySections::Hidden],
    );
    cx.finish(f, shape::STYLE_KEYS, what);
    spec
}

fn lower_columns(cx: &mut Cx<'_>, node: &Node) -> ColumnsSpec {
    let what = "`gaya.kolom`";
    let mut spec = ColumnsSpec::default();
    let Some(mut f) = cx.fields(node, what) else {
        return spec;
    };
    spec.requirements = f.get("kelengkapan").and_then(|n| cx.bool(n));
    spec.numbers = f.get("nomor_kolom").and_then(|n| cx.bool(n));
    if let Some(n) = f.get("mutu_baku") {
        match &n.value {
            Value::Seq(items) => {
                let options = pairs(
                    words::QUALITY,
                    &[
                        QualityColumn::Requirements,
                        QualityColumn::Time,
                        QualityColumn::Output,
                    ],
                );
                let mut order: Vec<Spanned<QualityColumn>> = Vec::new();
                for item in items {
                    let Some(c) = cx.choice(item, "mutu_baku", &options) else {
                        continue;
                    };
                    if let Some(first) = order.iter().find(|o| o.value == c.value) {
                        cx.diags.push(
                            Diagnostic::error(
                                "sop::gaya::duplicate-column",
                                format!("`{}` is listed twice in `mutu_baku`", c.value.name()),
                                c.span,
                            )
                            .label("listed again")
                            .with(first.span, "first listed here")
                            .help(
                                "name each Mutu Baku column once: kelengkapan, waktu and output in the order the office prints them",
                            ),
                        );
                    } else {
                        order.push(c);
                    }
                }
                spec.quality = Some(Spanned::new(
                    order.into_iter().map(|c| c.value).collect(),
                    n.span,
                ));
            }
            _ => cx.type_error(n, "a list such as [kelengkapan, output, waktu]"),
        }
    }
    cx.finish(f, shape::COLUMNS_KEYS, what);
    spec
}

fn lower_headings(cx: &mut Cx<'_>, node: &Node) -> HeadingsSpec {
    let what = "`gaya.judul`";
    let mut spec = HeadingsSpec::default();
    let Some(mut f) = cx.fields(node, what) else {
        return spec;
    };
    spec.no = cx.opt_text(&mut f, "no");
    spec.activity = cx.opt_text(&mut f, "kegiatan");
    spec.actors = cx.opt_text(&mut f, "pelaksana");
    spec.quality = cx.opt_text(&mut f, "mutu_baku");
    spec.requirements = cx.opt_text(&mut f, "kelengkapan");
    spec.time = cx.opt_text(&mut f, "waktu");
    spec.output = cx.opt_text(&mut f, "output");
    spec.note = cx.opt_text(&mut f, "keterangan");
    cx.finish(f, shape::HEADINGS_KEYS, what);
    spec
}

/// Lowers `identitas_lain`: a list of `{ judul, isi }`.
pub(super) fn lower_extra_identity(cx: &mut Cx<'_>, node: &Node) -> Vec<ExtraSection> {
    let Value::Seq(items) = &node.value else {
        cx.type_error(node, "a list of `{ judul, isi }`");
        return Vec::new();
    };
    let (items, _) = cx.cap(items, |n| n.span, &ITEMS);
    let mut out = Vec::new();
    for item in items {
        let what = "an `identitas_lain` item";
        let Some(mut f) = cx.fields(item, what) else {
            continue;
        };
        let title = cx.req_text(&mut f, "judul", what, item.span);
        let items = cx.opt_texts(&mut f, "isi");
        cx.finish(f, shape::EXTRA_SECTION_KEYS, what);
        if let Some(title) = title {
            out.push(ExtraSection { title, items });
        }
    }
    out
}
