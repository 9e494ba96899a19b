//! Lowering of the `buku:` section of `organisasi.yaml` into a [`Book`]: known keys
//! only, every value spanned. Whether the text is complete is `check`'s concern.

use super::{Cx, is_valid_id};
use crate::diag::Diagnostic;
use crate::model::book::{Book, Citation, Decree, Explanation};
use crate::source::{Span, Spanned};
use crate::syntax::{Node, Value};

/// Keys of `buku`.
pub const BOOK_KEYS: &[&str] = &["tahun", "keputusan", "penjelasan", "urutan"];
/// Keys of `buku.keputusan`.
pub const DECREE_KEYS: &[&str] = &[
    "nomor",
    "pejabat",
    "tentang",
    "menimbang",
    "mengingat",
    "diktum",
    "tempat",
    "tanggal",
];
/// Keys of `buku.penjelasan`.
pub const EXPLANATION_KEYS: &[&str] = &["ruang_lingkup", "ringkasan", "definisi"];

/// Lowers `buku:`; `key` is where the key `buku` was written.
pub(super) fn lower_book(cx: &mut Cx<'_>, node: &Node, key: Span) -> Option<Book> {
    let what = "`buku`";
    let mut f = cx.fields(node, what)?;
    let mut book = Book {
        span: key,
        ..Book::default()
    };
    if let Some(n) = f.get("tahun") {
        book.year = year(cx, n);
    }
    let decree_key = f.key_span("keputusan");
    if let Some(n) = f.get("keputusan") {
        if let Some(d) = lower_decree(cx, n, decree_key.unwrap_or(n.span)) {
            book.decree = d;
        }
    }
    let explanation_key = f.key_span("penjelasan");
    if let Some(n) = f.get("penjelasan") {
        if let Some(e) = lower_explanation(cx, n, explanation_key.unwrap_or(n.span)) {
            book.explanation = e;
        }
    }
    if let Some(n) = f.get("urutan") {
        book.order_span = f.key_span("urutan");
        match &n.value {
            Value::Seq(_) => {
                book.order = cx.texts(n);
                for id in &book.order {
                    cx.check_id(id);
                }
            }
            _ => cx.type_error(n, "a list of SOP ids"),
        }
    }
    cx.finish(f, BOOK_KEYS, what);
    Some(book)
}

fn year(cx: &mut Cx<'_>, n: &Node) -> Option<Spanned<u16>> {
    let y = match n.value {
        Value::Int(i) => u16::try_from(i).ok().filter(|y| (1945..=2999).contains(y)),
        _ => None,
    };
    if y.is_none() {
        cx.diags.push(
            Diagnostic::error(
                "sop::field::invalid-value",
                "`tahun` must be a year such as 2020",
                n.span,
            )
            .label("not a year")
            .help("write the year of the book in four digits: `tahun: 2020`"),
        );
    }
    y.map(|y| Spanned::new(y, n.span))
}

fn lower_decree(cx: &mut Cx<'_>, node: &Node, key: Span) -> Option<Decree> {
    let what = "`keputusan`";
    let mut f = cx.fields(node, what)?;
    let mut d = Decree {
        span: Some(key),
        number: cx.opt_text(&mut f, "nomor"),
        official: cx.opt_text(&mut f, "pejabat"),
        subject: cx.opt_text(&mut f, "tentang"),
        considering: cx.opt_texts(&mut f, "menimbang"),
        ..Decree::default()
    };
    if let Some(n) = f.get("mengingat") {
        // An item written like an id cites the `dasar_hukum` library; anything else is
        // a regulation written out in full.
        let items = cx.texts(n);
        d.recalling = Some(
            items
                .into_iter()
                .map(|t| {
                    if is_valid_id(&t.value) {
                        Citation::Basis(t)
                    } else {
                        Citation::Text(t)
                    }
                })
                .collect(),
        );
    }
    d.provisions = cx.opt_texts(&mut f, "diktum");
    d.place = cx.opt_text(&mut f, "tempat");
    d.date = f.get("tanggal").and_then(|n| cx.date(n));
    cx.finish(f, DECREE_KEYS, what);
    Some(d)
}

fn lower_explanation(cx: &mut Cx<'_>, node: &Node, key: Span) -> Option<Explanation> {
    let what = "`penjelasan`";
    let mut f = cx.fields(node, what)?;
    let mut e = Explanation {
        span: Some(key),
        scope: cx.opt_text(&mut f, "ruang_lingkup"),
        summary: cx.opt_text(&mut f, "ringkasan"),
        definitions: None,
    };
    if let Some(n) = f.get("definisi") {
        if let Some(mut df) = cx.fields(n, "`definisi`: istilah: arti") {
            let mut list = Vec::new();
            for (k, v) in df.entries {
                let term = Spanned::new(k.key_text(cx.file).trim().to_string(), k.span);
                if let Some(meaning) = cx.text(v) {
                    list.push((term, meaning));
                }
            }
            df.used.iter_mut().for_each(|u| *u = true);
            e.definitions = Some(list);
        }
    }
    cx.finish(f, EXPLANATION_KEYS, what);
    Some(e)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::load::{SopText, load_texts};
    use crate::model::book::Citation;
    use crate::test_util::ORG;

    fn project(book: &str) -> crate::load::Project {
        load_texts(
            PathBuf::from("t"),
            SopText {
                path: "t/organisasi.yaml".into(),
                bytes: format!("{ORG}{book}").into_bytes(),
            },
            vec![SopText {
                path: "t/x.yaml".into(),
                bytes: b"nomor: \"1/2/3\"\nnama: Contoh\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\npelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: Mulai }\n".to_vec(),
            }],
        )
    }

    #[test]
    fn book_section_is_lowered_with_spans() {
        let p = project(
            r#"buku:
  tahun: 2020
  keputusan:
    nomor: "188.4/ /DC/2020"
    menimbang: [bahwa satu;, bahwa dua;]
    mengingat: [perda-1, Undang-Undang Nomor 23 Tahun 2014 – Pemda]
    diktum: [Satu., Dua.]
    tempat: Sungailiat
    tanggal: 2020-01-02
  penjelasan:
    ruang_lingkup: Semua bidang.
    definisi: { SOP: serangkaian instruksi, Pelaksana: pegawai }
  urutan: [x]
"#,
        );
        assert!(p.diags.is_empty(), "{:?}", p.diags);
        let text = &p.sources.get(p.workspaces[0].org.file).text;
        let book = p.workspaces[0].org.book.clone().unwrap();
        assert_eq!(book.year.unwrap().value, 2020);
        let d = &book.decree;
        assert_eq!(
            &text[d.number.as_ref().unwrap().span.range()],
            "\"188.4/ /DC/2020\""
        );
        assert_eq!(d.considering.len(), 2);
        // In the order of the hierarchy: the UU before the Perda.
        let rec = d.recalling.as_ref().unwrap();
        assert!(matches!(&rec[1], Citation::Basis(id) if id.value == "perda-1"));
        match &rec[0] {
            Citation::Text(t) => {
                assert_eq!(
                    &text[t.span.range()],
                    "Undang-Undang Nomor 23 Tahun 2014 – Pemda"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(d.date.as_ref().unwrap().value.long(), "02 Januari 2020");
        let defs = book.explanation.definitions.unwrap();
        assert_eq!(defs[1].0.value, "Pelaksana");
        assert_eq!(&text[defs[1].1.span.range()], "pegawai");
        assert_eq!(book.order[0].value, "x");
    }

    #[test]
    fn unknown_keys_in_book_are_reported() {
        let p = project("buku:\n  tahun: 20\n  keputusan: { nomer: 1 }\n  judul: x\n");
        let codes: Vec<(&str, &str)> = p
            .diags
            .iter()
            .map(|d| (d.code, &p.sources.get(d.span.file).text[d.span.range()]))
            .collect();
        assert!(
            codes.contains(&("sop::field::invalid-value", "20")),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("sop::field::unknown", "nomer")),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("sop::field::unknown", "judul")),
            "{codes:?}"
        );
        let nomer = p
            .diags
            .iter()
            .find(|d| d.message.contains("nomer"))
            .unwrap();
        assert!(
            nomer
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `nomor`?")
        );
    }
}
