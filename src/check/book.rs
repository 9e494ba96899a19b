//! Checks of the SOP book (`buku:` in `organisasi.yaml`): `urutan` names every SOP
//! file once and nothing else, `mengingat` cites known legal bases, and the text that
//! only the office can write (the decree's nomor and tempat, the penjelasan) is there.
//! What is missing is printed as generated text or a blank to fill in by hand, so these
//! are warnings.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::Workspace;
use crate::model::book::{Book, Citation};
use crate::suggest;

/// The book of the workspace, when `buku:` is written.
pub fn run(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let Some(book) = &ws.org.book else {
        return;
    };
    order(ws, book, out);
    recalling(ws, book, out);
    text(book, out);
    dates(ws, book, out);
}

fn order(ws: &Workspace, book: &Book, out: &mut Vec<Diagnostic>) {
    let Some(span) = book.order_span else {
        return;
    };
    let mut first = BTreeMap::new();
    for id in &book.order {
        if let Some(prev) = first.get(id.value.as_str()) {
            out.push(
                Diagnostic::warning(
                    "sop::buku::duplicate",
                    format!("`{}` is listed twice in `urutan`", id.value),
                    id.span,
                )
                .label("listed again")
                .with(*prev, "first listed here")
                .help("list each SOP once; the book prints it at its first place"),
            );
            continue;
        }
        first.insert(id.value.as_str(), id.span);
        if !ws.known_ids.contains(&id.value) {
            let hint = suggest::did_you_mean(&id.value, ws.known_ids.iter().map(String::as_str));
            out.push(
                Diagnostic::error(
                    "sop::buku::unknown-sop",
                    format!("no SOP file `{}.yaml` in this folder", id.value),
                    id.span,
                )
                .label("unknown SOP")
                .help(match hint {
                    Some(h) => h,
                    None => {
                        "list the SOPs of this folder by their file names without `.yaml`".into()
                    }
                }),
            );
        }
    }
    for id in &ws.known_ids {
        if !first.contains_key(id.as_str()) {
            out.push(
                Diagnostic::warning(
                    "sop::buku::not-ordered",
                    format!("SOP `{id}` is missing from `urutan`"),
                    span,
                )
                .label(format!("no `{id}` here"))
                .help(format!(
                    "add `{id}` to `urutan`; the book prints unlisted SOPs after the listed ones, by nomor and nama"
                )),
            );
        }
    }
}

fn recalling(ws: &Workspace, book: &Book, out: &mut Vec<Diagnostic>) {
    for c in book.decree.recalling.iter().flatten() {
        let Citation::Basis(id) = c else {
            continue;
        };
        if let Some(d) = super::refs::unknown_legal_basis(
            ws,
            id,
            "cite an id of `dasar_hukum:`, or write the regulation out in full",
        ) {
            out.push(d);
        }
    }
}

fn text(book: &Book, out: &mut Vec<Diagnostic>) {
    let d = &book.decree;
    let decree_at = d.span.unwrap_or(book.span);
    if d.number.is_none() {
        out.push(
            Diagnostic::warning(
                "sop::buku::no-nomor",
                "the decree of the SOP book has no `nomor`",
                decree_at,
            )
            .label("no `nomor`")
            .help("add `nomor:` under `buku: keputusan:`, the decree's number as it is printed; until then the book prints a dotted line to fill in by hand"),
        );
    }
    if d.place.is_none() {
        out.push(
            Diagnostic::warning(
                "sop::buku::no-tempat",
                "the decree of the SOP book has no `tempat`",
                decree_at,
            )
            .label("no `tempat`")
            .help("add `tempat:` under `buku: keputusan:`: the town where the decree is made (\"Ditetapkan di ...\"); until then the book prints a dotted line"),
        );
    }
    let e = &book.explanation;
    let explanation_at = e.span.unwrap_or(book.span);
    for (missing, key, what) in [
        (e.scope.is_none(), "ruang_lingkup", "scope"),
        (e.summary.is_none(), "ringkasan", "summary"),
    ] {
        if missing {
            out.push(
                Diagnostic::warning(
                    "sop::buku::no-penjelasan",
                    format!("the penjelasan singkat has no `{key}`"),
                    explanation_at,
                )
                .label(format!("no `{key}`"))
                .help(format!(
                    "add `{key}:` under `buku: penjelasan:` with the book's {what} in your own words; until then the book prints a generated text"
                )),
            );
        }
    }
}

/// An SOP cannot take force before the decree that enacts it.
fn dates(ws: &Workspace, book: &Book, out: &mut Vec<Diagnostic>) {
    let Some(decree) = &book.decree.date else {
        return;
    };
    for sop in &ws.sops {
        let Some(e) = &sop.dates.effective else {
            continue;
        };
        if e.value < decree.value {
            out.push(
                Diagnostic::warning(
                    "sop::buku::effective-before-decree",
                    "the SOP takes force before the decree that enacts it",
                    e.span,
                )
                .label(format!("efektif {}", e.value.long()))
                .with(
                    decree.span,
                    format!("the decree is dated {}", decree.value.long()),
                )
                .help("make tgl. efektif the decree's date or later, or date the decree earlier"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::load::{SopText, load_texts};
    use crate::test_util::ORG;

    fn sop(name: &str, efektif: &str) -> SopText {
        SopText {
            path: format!("t/{name}.yaml").into(),
            bytes: format!(
                "nomor: \"1/2/3\"\nnama: {name}\ntanggal: {{ pembuatan: 2019-01-02, efektif: {efektif} }}\npelaksana: [a]\nlangkah:\n  - {{ pelaksana: a, kegiatan: Mulai }}\n"
            )
            .into_bytes(),
        }
    }

    /// (code, text under the span) of every book diagnostic.
    fn check(book: &str) -> Vec<(&'static str, String)> {
        let p = load_texts(
            PathBuf::from("t"),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: format!("{ORG}{book}").into_bytes(),
            },
            vec![sop("satu", "2020-01-02"), sop("dua", "2019-12-01")],
        );
        assert!(p.diags.is_empty(), "{:?}", p.diags);
        let mut out = Vec::new();
        super::run(&p.workspaces[0], &mut out);
        out.iter()
            .map(|d| (d.code, p.sources.text(d.span).to_string()))
            .collect()
    }

    #[test]
    fn complete_book_is_clean() {
        let got = check(
            "buku:\n  keputusan: { nomor: \"1\", tempat: Sungailiat, tanggal: 2019-12-01, mengingat: [perda-1] }\n  penjelasan: { ruang_lingkup: x, ringkasan: y }\n  urutan: [dua, satu]\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn urutan_names_each_sop_once() {
        let got = check(
            "buku:\n  keputusan: { nomor: \"1\", tempat: T }\n  penjelasan: { ruang_lingkup: x, ringkasan: y }\n  urutan: [satu, satu, tiga, sato]\n",
        );
        assert!(
            got.contains(&("sop::buku::duplicate", "satu".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("sop::buku::unknown-sop", "tiga".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("sop::buku::unknown-sop", "sato".into())),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(c, t)| *c == "sop::buku::not-ordered" && t == "urutan"),
            "{got:?}"
        );
    }

    #[test]
    fn missing_text_and_unknown_basis_are_reported() {
        let got = check(
            "buku:\n  keputusan: { mengingat: [perda-2, Undang-Undang Nomor 23 Tahun 2014] }\n",
        );
        let codes: Vec<&str> = got.iter().map(|(c, _)| *c).collect();
        assert!(
            got.contains(&("sop::ref::unknown-dasar-hukum", "perda-2".into())),
            "{got:?}"
        );
        assert!(codes.contains(&"sop::buku::no-nomor"));
        assert!(codes.contains(&"sop::buku::no-tempat"));
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == "sop::buku::no-penjelasan")
                .count(),
            2
        );
    }

    #[test]
    fn sop_effective_before_decree_is_warned() {
        let got = check(
            "buku:\n  keputusan: { nomor: \"1\", tempat: T, tanggal: 2020-01-02 }\n  penjelasan: { ruang_lingkup: x, ringkasan: y }\n",
        );
        assert_eq!(
            got,
            vec![(
                "sop::buku::effective-before-decree",
                "2019-12-01".to_string()
            )]
        );
    }
}
