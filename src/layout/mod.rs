//! Stage 5: layout of one SOP into a [`Document`]: pages of positioned text, frames,
//! symbols and arrows (the display list that both renderers draw).
//!
//! The document is the identity page ([`identity`]), the worksheets ([`worksheet`],
//! optional) and the flowchart pages ([`flowchart`]), each starting on a new page,
//! with a footer on every page: the SOP's nomor and nama, the source fingerprint, and
//! "Halaman i dari n".

pub mod block;
pub mod book;
pub mod document;
pub mod dump;
pub mod flowchart;
pub mod footer;
pub mod geometry;
pub mod identity;
pub mod reading;
pub mod sink;
pub mod style;
pub mod table;
pub mod text;
pub mod worksheet;

pub use document::Document;
pub use style::LayoutOptions;

use document::{Meta, Page};
use sink::Sink;

use crate::diag::Diagnostic;
use crate::model::style::Signature;
use crate::model::{Sop, Workspace};

/// Lays out one SOP. `fingerprint` is printed in every footer. An SOP whose content
/// cannot be placed (a step taller than a page) gives a diagnostic instead.
pub fn layout(
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
    fingerprint: &str,
) -> Result<Document, Box<Diagnostic>> {
    let mut pages = pages(ws, sop, opts)?;
    footers(&mut pages, sop, fingerprint, None);
    Ok(Document {
        meta: meta(ws, sop, fingerprint),
        pages,
    })
}

/// The pages of one SOP without their footers: the identity page, the worksheets (when
/// enabled by the options and the SOP's `gaya.lembar_kerja`) and the flowchart, on the
/// paper of the options in the office's orientation. [`layout`] adds the footers; the
/// SOP book adds its own.
pub fn pages(
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Result<Vec<Page>, Box<Diagnostic>> {
    let mut sink = Sink::new(style::page_size_in(opts.paper, ws.org.orientation));
    if sop.style.signature == Signature::Electronic {
        // Room above the footer line for the BSrE statement.
        sink.body.h -= style::TTE_FOOTER_HEIGHT;
    }
    identity::identity(&mut sink, ws, sop);
    if opts.worksheets && sop.style.worksheets {
        worksheet::worksheets(&mut sink, ws, sop);
    }
    // Only when the identity section fills one page and no worksheet follows it.
    if sop.style.one_page && sink.pages.len() == 1 {
        if let Some(items) = flowchart_below(&sink, ws, sop, opts) {
            if let Some(page) = sink.pages.last_mut() {
                page.items.extend(items);
            }
            return Ok(sink.pages);
        }
    }
    flowchart::flowchart(&mut sink, ws, sop, opts.hours_per_day)?;
    Ok(sink.pages)
}

/// `gaya.satu_halaman`: the flowchart laid out in the room left below the identity
/// section on its page, when all of it fits there (`None`: it goes on pages of its own).
fn flowchart_below(
    sink: &Sink,
    ws: &Workspace,
    sop: &Sop,
    opts: &LayoutOptions,
) -> Option<Vec<document::Positioned>> {
    let top = sink.y + style::ONE_PAGE_GAP;
    let body = sink.body;
    if body.bottom() - top < style::ONE_PAGE_MIN {
        return None;
    }
    let mut below = Sink::new(sink.size);
    below.body = document::Rect::new(body.x, top, body.w, body.bottom() - top);
    flowchart::flowchart(&mut below, ws, sop, opts.hours_per_day).ok()?;
    match below.pages.len() {
        1 => below.pages.pop().map(|p| p.items),
        _ => None,
    }
}

/// The metadata of one SOP's document.
pub fn meta(ws: &Workspace, sop: &Sop, fingerprint: &str) -> Meta {
    let org = &ws.org;
    let nomor = sop.number.as_ref().map_or("", |n| n.value.as_str());
    Meta {
        title: footer::sop_name(sop.title()),
        author: org
            .agency
            .as_ref()
            .map_or(String::new(), |a| a.value.clone()),
        subject: format!("Standar Operasional Prosedur nomor {nomor}"),
        keywords: vec![
            "SOP".into(),
            "Standar Operasional Prosedur".into(),
            sop.id.clone(),
        ],
        date: sop
            .dates
            .effective
            .as_ref()
            .or(sop.dates.created.as_ref())
            .map(|d| d.value.iso()),
        fingerprint: fingerprint.to_string(),
        id: sop.id.clone(),
        lang: "id".into(),
        steps: flowchart::step_words(ws, sop),
        ..Meta::default()
    }
}

/// Draws the footer of every page of one SOP: its name and nomor, the source
/// fingerprint and "Halaman i dari n". In the SOP book, `book_first` is the book's
/// number of the SOP's first page, and each footer also says "Buku hal. N".
pub fn footers(pages: &mut [Page], sop: &Sop, fingerprint: &str, book_first: Option<usize>) {
    let n = pages.len();
    let nomor = sop.number.as_ref().map_or("", |x| x.value.as_str());
    for (i, page) in pages.iter_mut().enumerate() {
        let mut right = format!("Halaman {} dari {n}", i + 1);
        if let Some(first) = book_first {
            right.push_str(&format!(" · Buku hal. {}", first + i));
        }
        footer::draw(
            page,
            &footer::Footer {
                left: footer::sop_line(
                    &footer::sop_name(sop.title()),
                    nomor,
                    footer::left_width(page.content.w),
                ),
                middle: format!("sumber {fingerprint}"),
                right,
            },
        );
        if sop.style.signature == Signature::Electronic {
            footer::draw_tte(page, &sop.style.tte_statement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::document::{Item, Page};
    use super::{LayoutOptions, layout};
    use crate::test_util::{ORG, project_with};

    /// The pages of the one SOP of a project.
    fn pages(org: &str, sop: &str, opts: &LayoutOptions) -> Vec<Page> {
        let p = project_with(org, sop);
        assert!(p.diags.is_empty(), "{:?}", p.diags);
        let ws = &p.workspaces[0];
        layout(ws, &ws.sops[0], opts, "00000000")
            .map_err(|d| d.message.clone())
            .unwrap()
            .pages
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|i| match &i.item {
                Item::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn symbols(page: &Page) -> usize {
        page.items
            .iter()
            .filter(|i| matches!(i.item, Item::Symbol(_)))
            .count()
    }

    fn steps(n: usize) -> String {
        let mut s = String::from("masukan: [x]\npelaksana: [a, b]\nlangkah:\n");
        for i in 0..n {
            let actor = if i % 2 == 0 { "a" } else { "b" };
            s.push_str(&format!(
                "  - {{ pelaksana: {actor}, kegiatan: Langkah {i}, kelengkapan: [x], waktu: 1 jam, output: x }}\n"
            ));
        }
        s
    }

    #[test]
    fn a_short_sop_is_printed_on_one_page_with_its_identity() {
        let org = format!("{ORG}gaya: {{ lembar_kerja: false, satu_halaman: true }}\n");
        let one = pages(&org, &steps(3), &LayoutOptions::default());
        assert_eq!(one.len(), 1);
        assert_eq!(symbols(&one[0]), 3);
        assert!(texts(&one[0]).contains(&"DASAR HUKUM:"));
        // Too long for the room under the identity section: pages of its own.
        let long = pages(&org, &steps(12), &LayoutOptions::default());
        assert!(long.len() > 1);
        assert_eq!(symbols(&long[0]), 0);
        // Worksheets in between: no single page; without worksheet data, one page.
        let sheets = format!("{ORG}gaya: {{ satu_halaman: true }}\n");
        let with = pages(
            &sheets,
            &format!("kegiatan: {{ jenis: rutin }}\n{}", steps(3)),
            &LayoutOptions::default(),
        );
        assert_eq!(symbols(&with[0]), 0);
        assert_eq!(
            pages(&sheets, &steps(3), &LayoutOptions::default()).len(),
            1
        );
    }

    #[test]
    fn worksheets_follow_the_office_then_the_sop_and_the_command_line_last() {
        let off = format!("{ORG}gaya: {{ lembar_kerja: false }}\n");
        let has_sheets = |ps: &[Page]| {
            ps.iter()
                .any(|p| texts(p).iter().any(|t| t.starts_with("LEMBAR KERJA")))
        };
        let opts = LayoutOptions::default();
        let sop = format!("kegiatan: {{ jenis: rutin }}\n{}", steps(2));
        assert!(has_sheets(&pages(ORG, &sop, &opts)));
        assert!(!has_sheets(&pages(&off, &sop, &opts)));
        let sop_on = format!("gaya: {{ lembar_kerja: true }}\n{sop}");
        assert!(has_sheets(&pages(&off, &sop_on, &opts)));
        let no_sheets = LayoutOptions {
            worksheets: false,
            ..LayoutOptions::default()
        };
        assert!(!has_sheets(&pages(&off, &sop_on, &no_sheets)));
    }

    #[test]
    fn an_electronic_signature_prints_the_statement_on_every_page() {
        let statement = crate::model::style::TTE_STATEMENT;
        let tte = format!("{ORG}gaya: {{ tanda_tangan: elektronik }}\n");
        let ps = pages(&tte, &steps(14), &LayoutOptions::default());
        assert!(ps.len() >= 3);
        for p in &ps {
            let all = texts(p).join(" ");
            assert!(all.contains("Balai Sertifikasi Elektronik"), "{all}");
        }
        let own = format!(
            "{ORG}gaya: {{ tanda_tangan: elektronik, pernyataan_tte: Ditandatangani dengan TTE }}\n"
        );
        let ps = pages(&own, &steps(2), &LayoutOptions::default());
        assert!(texts(&ps[0]).contains(&"Ditandatangani dengan TTE"));
        let wet = pages(ORG, &steps(2), &LayoutOptions::default());
        assert!(
            !wet.iter()
                .any(|p| texts(p).join(" ").contains(&statement[..30]))
        );
    }

    #[test]
    fn kop_lines_unit_dates_nip_and_lists_follow_the_style() {
        let org = format!(
            "{}gaya: {{ kop: [BADAN PUSAT STATISTIK, PROVINSI BENGKULU], format_tanggal: tanpa-nol, nip: rapat, daftar: butir, identitas_kosong: hilang }}\n",
            ORG.replace("pemerintah: Pemerintah Kabupaten Contoh\n", "")
        );
        let sop = format!(
            "unit: Tim Statistik Sosial\ntanggal: {{ pembuatan: 2014-01, efektif: 2020-03-02 }}\nkualifikasi_pelaksana: [Satu, Dua]\nidentitas_lain: [{{ judul: Maksud dan Tujuan, isi: Pedoman }}]\n{}",
            steps(2)
        );
        let ps = pages(&org, &sop, &LayoutOptions::default());
        let t = texts(&ps[0]);
        for want in [
            "BADAN PUSAT STATISTIK",
            "PROVINSI BENGKULU",
            "TIM STATISTIK SOSIAL",
            "Januari 2014",
            "2 Maret 2020",
            "NIP. 196412221989031009",
            "•",
            "MAKSUD DAN TUJUAN:",
        ] {
            assert!(t.contains(&want), "no {want:?} in {t:?}");
        }
        for gone in [
            "PEMERINTAH KABUPATEN CONTOH",
            "PERALATAN/PERLENGKAPAN:",
            "1.",
        ] {
            assert!(!t.contains(&gone), "{gone:?} in {t:?}");
        }
    }

    #[test]
    fn portrait_pages_are_taller_than_wide() {
        let org = format!("{ORG}orientasi: potret\nkertas: legal\n");
        let ps = pages(
            &org,
            &steps(2),
            &LayoutOptions {
                paper: crate::model::Paper::Legal,
                ..LayoutOptions::default()
            },
        );
        assert!(ps.iter().all(|p| p.size.h > p.size.w && p.size.h == 1008.0));
    }
}
