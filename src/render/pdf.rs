//! Stage 6a: PDF output. Takes a laid-out [`Document`] and returns the bytes of a
//! print-ready PDF: printpdf writes the pages, lopdf the final file.
//!
//! The renderer only translates: every position, size, line break and route comes from
//! the display list. Its sub-steps:
//!
//! - `embed`: subsets the two faces of the bundled Liberation Sans to the glyphs the
//!   document uses and printable ASCII, so that documents share font programs;
//! - `paint`: translates each page's items into printpdf operations, the drawing first
//!   and then the text in reading order ([`crate::layout::reading`]). It is the only
//!   place where display-list coordinates (points, origin top-left, y down) become PDF
//!   coordinates (points, origin bottom-left, y up);
//! - `shapes`: the outlines of the flowchart symbols and arrowheads;
//! - `navigation`: links to pages of the document, bookmarks and page labels, added to
//!   the finished file;
//! - `archive`: what makes the file PDF/A-1b (XMP metadata, sRGB output intent,
//!   CIDSets, printable annotations, `/Lang`).
//!
//! Output is deterministic: no clock (dates come from [`Meta::date`]), no random ids
//! (font names derived from their glyph sets, a trailer `/ID` hashed from the SOP id and
//! fingerprint), so the same document gives the same bytes in any process and thread.

mod archive;
mod embed;
mod images;
mod navigation;
mod paint;
mod runs;
mod shapes;

use printpdf as pp;
use sha2::{Digest, Sha256};

use crate::layout::document::{Document, Item, Meta, Page, Stroke};
use embed::Fonts;
use images::Images;
use paint::{PageLink, Painter};
pub use runs::{PaintedRun, PdfWriter};

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The document has no pages; a PDF reader would refuse the file.
    #[error("the document has no pages")]
    NoPages,
    /// A page holds a coordinate or size that is NaN or infinite, or a page size that is
    /// not positive.
    #[error("page {page} holds a number that is not finite or a size that is not positive")]
    BadNumber {
        /// 1-based page number.
        page: usize,
    },
    /// A bundled font could not be parsed or subset.
    #[error("cannot embed the font `{face}`: {reason}")]
    Font {
        /// The face's PostScript name.
        face: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// printpdf reported an error while building the file.
    #[error("cannot build the PDF: {0}")]
    Build(String),
    /// lopdf could not write the file.
    #[error("cannot write the PDF")]
    Write(#[source] std::io::Error),
}

/// Renders a laid-out document to PDF bytes. The same document always gives the same
/// bytes, in any process and from any thread.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    check_pages(&doc.pages, 0)?;
    let res = Resources {
        fonts: Fonts::embed(doc)?,
        images: Images::of(&doc.pages),
    };
    let (pages, links): (Vec<_>, Vec<_>) = doc
        .pages
        .iter()
        .map(|page| Painter::paint(page, &res))
        .unzip();
    let lo = lopdf_document(&doc.meta, &res, true, pages)?;
    let mut bytes = Vec::new();
    save(lo, &doc.meta, &links, &mut bytes)?;
    Ok(bytes)
}

/// Checks that every page of `pages` can be drawn; `before` pages come before them in
/// the document (for the page number of the error).
fn check_pages(pages: &[Page], before: usize) -> Result<(), PdfError> {
    match pages.iter().position(|p| !page_is_finite(p)) {
        Some(i) => Err(PdfError::BadNumber {
            page: before + i + 1,
        }),
        None => Ok(()),
    }
}

/// What the pages of a document draw with.
struct Resources {
    fonts: Fonts,
    images: Images,
}

/// The printpdf document of `pages` with `res`, turned into a lopdf document. The images
/// are embedded only `with_images`: the runs of a [`PdfWriter`] name the images its
/// first document embedded, and need not encode them again.
fn lopdf_document(
    meta: &Meta,
    res: &Resources,
    with_images: bool,
    pages: Vec<pp::PdfPage>,
) -> Result<lopdf::Document, PdfError> {
    let mut out = pp::PdfDocument::new(&meta.title);
    set_info(&mut out.metadata.info, meta);
    for (id, font) in &res.fonts.parsed {
        out.resources
            .fonts
            .map
            .insert(id.clone(), pp::PdfFont::new(font.clone()));
    }
    if with_images {
        res.images.register(&mut out);
    }
    out.with_pages(pages);
    let opts = pp::PdfSaveOptions {
        optimize: true,
        // The fonts are already subset; printpdf's own subsetter needs `text_layout`.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = out.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == pp::PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Build(w.msg.clone()));
    }
    Ok(lo)
}

/// Adds the links to pages of the document (`links[i]` are those of page `i + 1`), the
/// bookmarks and the page labels, sets the file identifier, compresses the streams and
/// writes the file to `out`.
fn save(
    mut lo: lopdf::Document,
    meta: &Meta,
    links: &[Vec<PageLink>],
    out: &mut dyn std::io::Write,
) -> Result<(), PdfError> {
    navigation::add(&mut lo, meta, links);
    // printpdf draws the trailer /ID from a process-wide counter, so two documents made
    // in one process would differ. Replace it with one derived from the SOP.
    let id = file_id(meta);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    // printpdf always writes `/GTS_PDFXVersion ()`, which makes readers report the file
    // as PDF/X (ISO 15930) although it does not conform. Drop it.
    let info = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference);
    if let Ok(dict) = info.and_then(|id| lo.get_dictionary_mut(id)) {
        dict.remove(b"GTS_PDFXVersion");
    }
    archive::conform(&mut lo, meta);
    compress(&mut lo);
    lo.save_to(&mut { out }).map_err(PdfError::Write)
}

/// zlib level of the streams. lopdf's own `compress` uses the best level (9), which took
/// a third of the CPU time of `sopc build`. Measured on 100 generated SOPs: level 6 gave
/// files 0.1 % larger than 9, level 3 files 4 % larger than 6 for a fifth less CPU time
/// per build, level 1 files 23 % larger for no further gain.
const DEFLATE_LEVEL: u32 = 3;

/// Compresses every stream that allows it and is not compressed yet, with one
/// compressor reused for all of them (a new one zeroes some 300 KB of tables).
fn compress(lo: &mut lopdf::Document) {
    let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        pack(&mut z, stream);
    }
}

/// Compresses one stream, unless deflate does not pay (as lopdf does). A font program
/// (it has `/Length1`) or an image is usually one that other documents of the process
/// embed too (see `embed`): it is compressed once per process ([`packed_shared`]).
fn pack(z: &mut flate2::Compress, stream: &mut lopdf::Stream) {
    let shared = stream.dict.has(b"Length1")
        || stream
            .dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|n| n == b"Image");
    let packed = if shared {
        packed_shared(z, &stream.content)
    } else {
        deflate(z, &stream.content)
    };
    if let Some(mut packed) = packed {
        if packed.len() + 19 < stream.content.len() {
            // It may be kept a long time (the runs of a book): give back what deflate
            // reserved.
            packed.shrink_to_fit();
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// How many compressed font programs and images a process keeps.
const KEPT_SHARED: usize = 16;

/// Font programs and images compressed in this process: the stream and its zlib form.
static PACKED_SHARED: std::sync::Mutex<Vec<(Vec<u8>, Vec<u8>)>> = std::sync::Mutex::new(Vec::new());

/// [`deflate`] for a font program or an image, reusing the stream of an equal one
/// compressed earlier in the process. Streams are compared byte for byte, so a hit gives
/// exactly the bytes deflate would.
fn packed_shared(z: &mut flate2::Compress, program: &[u8]) -> Option<Vec<u8>> {
    let kept = || {
        PACKED_SHARED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some((_, packed)) = kept().iter().find(|(p, _)| p.as_slice() == program) {
        return Some(packed.clone());
    }
    let packed = deflate(z, program)?;
    let mut kept = kept();
    if kept.len() < KEPT_SHARED && !kept.iter().any(|(p, _)| p.as_slice() == program) {
        kept.push((program.to_vec(), packed.clone()));
    }
    Some(packed)
}

/// One zlib stream of `data`.
fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let read = usize::try_from(z.total_in()).ok()?;
        let rest = data.get(read..)?;
        match z
            .compress_vec(rest, &mut out, flate2::FlushCompress::Finish)
            .ok()?
        {
            flate2::Status::StreamEnd => return Some(out),
            flate2::Status::Ok | flate2::Status::BufError => out.reserve(out.capacity() + 64),
        }
    }
}

/// The file identifier: 16 bytes of SHA-256 over the SOP id and the fingerprint of its
/// sources, so a revised SOP gets a new identifier and a rebuild keeps the old one.
fn file_id(meta: &Meta) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"sopc pdf id\0");
    h.update(meta.id.as_bytes());
    h.update([0u8]);
    h.update(meta.fingerprint.as_bytes());
    h.finalize()[..16].to_vec()
}

/// Fills the Info dictionary from the SOP's metadata.
fn set_info(info: &mut pp::PdfDocumentInfo, meta: &Meta) {
    let date = meta
        .date
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(pp::DateTime::epoch);
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "sopc".to_string();
    info.producer = concat!("sopc ", env!("CARGO_PKG_VERSION")).to_string();
    info.identifier = meta.id.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
}

/// `YYYY-MM-DD` at midnight UTC; `None` when the text is not such a date.
fn parse_date(s: &str) -> Option<pp::DateTime> {
    let mut parts = s.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut date = pp::DateTime::epoch();
    date.date = pp::Date { year, month, day };
    Some(date)
}

/// True when every number on the page is finite and the page has a positive size, so the
/// content stream never holds `NaN`.
fn page_is_finite(page: &Page) -> bool {
    let ok = |v: f64| v.is_finite();
    let stroke_ok = |s: &Stroke| ok(s.width) && s.dash.is_none_or(|(a, b)| ok(a) && ok(b));
    page.size.w > 0.0
        && page.size.h > 0.0
        && ok(page.size.w)
        && ok(page.size.h)
        && page.items.iter().all(|p| {
            ok(p.at.x)
                && ok(p.at.y)
                && match &p.item {
                    Item::Text(t) => ok(t.size) && ok(t.width) && ok(t.ascent) && ok(t.line_height),
                    Item::Frame(f) => {
                        ok(f.size.w) && ok(f.size.h) && f.stroke.as_ref().is_none_or(stroke_ok)
                    }
                    Item::Line(l) => ok(l.to.x) && ok(l.to.y) && stroke_ok(&l.stroke),
                    Item::Image(i) => ok(i.size.w) && ok(i.size.h),
                    Item::Note(n) => ok(n.size.w) && ok(n.size.h),
                    Item::Symbol(s) => ok(s.size.w) && ok(s.size.h) && stroke_ok(&s.stroke),
                    Item::Arrow(a) => {
                        ok(a.head)
                            && stroke_ok(&a.stroke)
                            && a.path.iter().all(|q| ok(q.x) && ok(q.y))
                    }
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::document::{
        Arrow, Color, Font, Frame, Line, Link, Point, Positioned, Rect, Size, Symbol, SymbolKind,
        Text,
    };
    use crate::layout::text;

    const A4: Size = Size::new(841.89, 595.28);

    pub(super) fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    pub(super) fn text_at(at: Point, s: &str, font: Font) -> Positioned {
        Positioned {
            at,
            item: Item::Text(Text {
                text: s.to_string(),
                font,
                size: 10.0,
                width: text::width(s, font, 10.0),
                ascent: text::ascent(font, 10.0),
                line_height: text::line_height(font, 10.0),
                color: Color::BLACK,
                link: None,
            }),
            source: None,
        }
    }

    pub(super) fn doc(items: Vec<Positioned>) -> Document {
        Document {
            meta: Meta {
                title: "Uji".to_string(),
                id: "uji".to_string(),
                fingerprint: "0123abcd".to_string(),
                date: Some("2024-03-05".to_string()),
                ..Meta::default()
            },
            pages: vec![Page {
                size: A4,
                content: Rect::new(40.0, 40.0, 761.89, 515.28),
                items,
            }],
        }
    }

    pub(super) fn small() -> Document {
        doc(vec![
            text_at(
                p(50.0, 60.0),
                "Kepala Sub Bagian – Umum “kutipan” é",
                Font::Regular,
            ),
            text_at(p(50.0, 80.0), "Sekretaris", Font::Bold),
        ])
    }

    #[test]
    fn a_kept_font_program_gives_the_bytes_deflate_gives() {
        let program: Vec<u8> = (0..40_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
        let fresh = deflate(&mut z, &program).expect("deflate");
        let first = packed_shared(&mut z, &program).expect("first");
        let again = packed_shared(&mut z, &program).expect("again");
        assert_eq!(first, fresh);
        assert_eq!(again, fresh);
        // Another program is not confused with a kept one.
        let mut other = program.clone();
        other[20_000] ^= 1;
        assert_eq!(
            packed_shared(&mut z, &other).expect("other"),
            deflate(&mut z, &other).expect("deflate other")
        );
    }

    #[test]
    fn dates_come_from_the_sop_or_the_epoch() {
        let d = parse_date("2024-03-05").expect("date");
        assert_eq!((d.date.year, d.date.month, d.date.day), (2024, 3, 5));
        assert_eq!(parse_date("5 Maret 2024"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        let bytes = pdf(&small()).expect("pdf");
        assert!(contains(&bytes, b"/CreationDate(D:20240305000000+00'00')"));
        assert!(contains(&bytes, b"/Creator<FEFF0073006F00700063>"), "sopc");
        assert!(!contains(&bytes, b"GTS_PDFX"), "not PDF/X");
        let mut d = small();
        d.meta.date = None;
        let bytes = pdf(&d).expect("pdf");
        assert!(contains(&bytes, b"/CreationDate(D:19700101000000+00'00')"));
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn trailer_id_comes_from_the_sop() {
        let d = small();
        let bytes = pdf(&d).expect("pdf");
        let hex: String = file_id(&d.meta)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        assert!(contains(&bytes, format!("/ID[<{hex}><{hex}>]").as_bytes()));
        let mut other = d.clone();
        other.meta.fingerprint = "ffffffff".to_string();
        assert_ne!(file_id(&d.meta), file_id(&other.meta));
    }

    #[test]
    fn same_document_same_bytes_also_across_threads() {
        let d = small();
        let a = pdf(&d).expect("pdf");
        assert_eq!(a, pdf(&d).expect("pdf"));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let d = d.clone();
                std::thread::spawn(move || pdf(&d).expect("pdf"))
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("thread"), a);
        }
    }

    #[test]
    fn streams_deflate_and_inflate_back() {
        let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
        let text: Vec<u8> = (0..200_000u32)
            .map(|i| b"BT /F1 8 Tf ET "[i as usize % 15])
            .collect();
        for data in [&b""[..], b"q Q", &text[..]] {
            let packed = deflate(&mut z, data).expect("deflate");
            let mut back = Vec::new();
            use std::io::Read;
            flate2::read::ZlibDecoder::new(&packed[..])
                .read_to_end(&mut back)
                .expect("inflate");
            assert_eq!(back, data);
        }
        assert!(deflate(&mut z, &text).expect("deflate").len() < text.len() / 20);
    }

    #[test]
    fn refuses_documents_it_cannot_write() {
        assert!(matches!(pdf(&Document::default()), Err(PdfError::NoPages)));
        let mut d = small();
        d.pages[0].items[0].at.y = f64::NAN;
        assert!(matches!(pdf(&d), Err(PdfError::BadNumber { page: 1 })));
        let mut d = small();
        d.pages[0].size.h = 0.0;
        assert!(matches!(pdf(&d), Err(PdfError::BadNumber { page: 1 })));
    }

    #[test]
    fn every_item_kind_renders() {
        let stroke = Stroke {
            width: 1.0,
            color: Color::BLACK,
            dash: Some((3.0, 2.0)),
        };
        let mut items = vec![
            Positioned {
                at: p(40.0, 40.0),
                item: Item::Frame(Frame {
                    size: Size::new(100.0, 20.0),
                    fill: Some(Color::rgb(200, 200, 200)),
                    stroke: None,
                }),
                source: None,
            },
            Positioned {
                at: p(40.0, 80.0),
                item: Item::Line(Line {
                    to: p(400.0, 80.0),
                    stroke,
                }),
                source: None,
            },
            Positioned {
                at: p(40.0, 100.0),
                item: Item::Arrow(Arrow {
                    path: vec![p(40.0, 100.0), p(40.0, 140.0), p(90.0, 140.0)],
                    head: 6.0,
                    jumps: Vec::new(),
                    stroke,
                }),
                source: None,
            },
        ];
        for (i, kind) in [
            SymbolKind::Terminator,
            SymbolKind::Process,
            SymbolKind::Decision,
            SymbolKind::OffPageConnector,
        ]
        .into_iter()
        .enumerate()
        {
            items.push(Positioned {
                at: p(100.0 + 100.0 * i as f64, 200.0),
                item: Item::Symbol(Symbol {
                    kind,
                    size: Size::new(60.0, 40.0),
                    fill: Color::WHITE,
                    stroke: Stroke {
                        dash: None,
                        ..stroke
                    },
                }),
                source: None,
            });
        }
        let mut linked = text_at(p(40.0, 300.0), "SOP lain", Font::Regular);
        if let Item::Text(t) = &mut linked.item {
            t.link = Some(Link::Uri("sop-lain.html".to_string()));
        }
        items.push(linked);
        let bytes = pdf(&doc(items)).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        // Another SOP's page is its PDF, next to this one.
        assert!(contains(&bytes, b"/URI(sop-lain.pdf)"));
        assert_eq!(
            paint::pdf_target("https://a.id/b.html"),
            "https://a.id/b.html"
        );
        // PDF/A-1: a printable link.
        let lo = lopdf::Document::load_mem(&bytes).expect("parse");
        let link = lo
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .flat_map(|d| {
                let inline = d
                    .get(b"Annots")
                    .and_then(lopdf::Object::as_array)
                    .map(|a| a.iter().filter_map(|o| o.as_dict().ok()).collect())
                    .unwrap_or_else(|_| Vec::new());
                std::iter::once(d).chain(inline)
            })
            .find(|d| {
                d.get(b"Subtype")
                    .and_then(lopdf::Object::as_name)
                    .is_ok_and(|n| n == b"Link")
            })
            .expect("a link annotation");
        assert_eq!(link.get(b"F").and_then(lopdf::Object::as_i64).ok(), Some(4));
    }

    /// A link to a page of the document and the bookmarks go to that page's object; the
    /// page labels number from the first page.
    #[test]
    fn page_links_bookmarks_and_page_labels_reach_the_file() {
        use crate::layout::document::{Bookmark, PageLabels};
        let mut d = small();
        d.pages.push(d.pages[0].clone());
        if let Item::Text(t) = &mut d.pages[0].items[0].item {
            t.link = Some(Link::Page(2));
        }
        let mark = |title: &str, page, children| Bookmark {
            title: title.to_string(),
            page,
            children,
        };
        d.meta.outline = vec![
            mark("Sampul", 1, Vec::new()),
            mark("Bagian", 2, vec![mark("1. Subbagian – é", 2, Vec::new())]),
        ];
        d.meta.page_labels = vec![PageLabels { page: 1, start: 1 }];
        let bytes = pdf(&d).expect("pdf");
        let lo = lopdf::Document::load_mem(&bytes).expect("parse");
        let pages: Vec<_> = lo.get_pages().into_values().collect();
        let deref = |o: &lopdf::Object| match o {
            lopdf::Object::Reference(id) => lo.get_dictionary(*id).expect("object").clone(),
            o => o.as_dict().expect("dictionary").clone(),
        };
        let first = lo.get_dictionary(pages[0]).expect("page");
        let annots = first
            .get(b"Annots")
            .and_then(lopdf::Object::as_array)
            .expect("annots");
        let link = deref(&annots[0]);
        assert_eq!(link.get(b"F").and_then(lopdf::Object::as_i64).ok(), Some(4));
        assert!(link.get(b"A").is_err(), "no action");
        let dest = link
            .get(b"Dest")
            .and_then(lopdf::Object::as_array)
            .expect("dest");
        assert_eq!(dest[0].as_reference().ok(), Some(pages[1]));

        let catalog = lo.catalog().expect("catalog");
        let outlines = deref(catalog.get(b"Outlines").expect("outlines"));
        assert_eq!(
            outlines.get(b"Count").and_then(lopdf::Object::as_i64).ok(),
            Some(3)
        );
        let sampul = deref(outlines.get(b"First").expect("first"));
        assert_eq!(
            sampul.get(b"Title").and_then(lopdf::Object::as_str).ok(),
            Some(&b"Sampul"[..])
        );
        let bagian = deref(sampul.get(b"Next").expect("next"));
        let sub = deref(bagian.get(b"First").expect("child"));
        let title = sub
            .get(b"Title")
            .and_then(lopdf::Object::as_str)
            .expect("title");
        assert_eq!(&title[..2], &[0xFE, 0xFF], "UTF-16 with a byte order mark");
        let sub_dest = sub
            .get(b"Dest")
            .and_then(lopdf::Object::as_array)
            .expect("dest");
        assert_eq!(sub_dest[0].as_reference().ok(), Some(pages[1]));
        let labels = deref(catalog.get(b"PageLabels").expect("labels"));
        let nums = labels
            .get(b"Nums")
            .and_then(lopdf::Object::as_array)
            .expect("nums");
        assert_eq!(nums[0].as_i64().ok(), Some(0));
        let style = nums[1].as_dict().expect("label");
        assert_eq!(
            style.get(b"S").and_then(lopdf::Object::as_name).ok(),
            Some(&b"D"[..])
        );

        // A document without them has none.
        let bytes = pdf(&small()).expect("pdf");
        let lo = lopdf::Document::load_mem(&bytes).expect("parse");
        let catalog = lo.catalog().expect("catalog");
        assert!(!catalog.has(b"Outlines") && !catalog.has(b"PageLabels"));
    }

    #[test]
    fn every_pdf_claims_and_carries_pdf_a_1b() {
        let mut d = small();
        d.meta.lang = "id".to_string();
        let bytes = pdf(&d).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-1.4"));
        let lo = lopdf::Document::load_mem(&bytes).expect("parse");
        let catalog = lo.catalog().expect("catalog");
        assert_eq!(
            catalog.get(b"Lang").and_then(lopdf::Object::as_str).ok(),
            Some(&b"id"[..])
        );
        let meta_id = catalog
            .get(b"Metadata")
            .and_then(lopdf::Object::as_reference)
            .expect("metadata");
        let xmp = lo
            .get_object(meta_id)
            .and_then(lopdf::Object::as_stream)
            .expect("stream");
        assert!(xmp.dict.get(b"Filter").is_err(), "XMP stays uncompressed");
        let xmp = String::from_utf8(xmp.content.clone()).expect("utf-8");
        assert!(xmp.contains("<pdfaid:part>1</pdfaid:part>"));
        assert!(xmp.contains(">Uji</rdf:li>"), "dc:title is the Info title");
        let intents = catalog
            .get(b"OutputIntents")
            .and_then(lopdf::Object::as_array)
            .expect("output intents");
        let intent = intents[0].as_dict().expect("intent");
        assert_eq!(
            intent.get(b"S").and_then(lopdf::Object::as_name).ok(),
            Some(&b"GTS_PDFA1"[..])
        );
        // Every subset font descriptor names its glyphs.
        let descriptors: Vec<_> = lo
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.has(b"FontFile2"))
            .collect();
        assert!(!descriptors.is_empty());
        assert!(descriptors.iter().all(|d| d.has(b"CIDSet")));
    }
}
