//! A PDF written a run of pages at a time, for a document too long to hold whole as a
//! display list and as printpdf operations (the book of a thousand SOPs has some 7,000
//! pages). Each run is painted by printpdf on its own and compressed at once; only its
//! pages' compressed content streams are kept, so memory grows with the size of the
//! file, not with the drawing.
//!
//! The fonts are subset before the first run, to every char the whole document draws
//! (which the caller knows ahead: [`crate::layout::book::BookPlan::chars`]), so that the
//! glyph ids of every run are those of the embedded fonts. Their width tables and
//! ToUnicode maps come from one more printpdf document, never written, whose single page
//! shows every one of those chars: a run's own font objects would cover only the glyphs
//! of that run.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lopdf::{Object, ObjectId};
use printpdf as pp;

use super::embed::{Fonts, text_items};
use super::images::Images;
use super::{
    DEFLATE_LEVEL, PageLink, Painter, PdfError, Resources, check_pages, lopdf_document, pack, save,
};
use crate::layout::document::{Chars, Meta, Page};
use crate::logo::Logo;

/// Writes one PDF from runs of pages: [`PdfWriter::new`], [`PdfWriter::add`] for each
/// run in order, then [`PdfWriter::finish`] into a file. The result is deterministic, like
/// [`super::pdf`]'s.
pub struct PdfWriter {
    meta: Meta,
    res: Resources,
    /// The file so far. Behind a lock so that runs can be painted on several threads
    /// ([`PdfWriter::paint`], which only reads the fonts) while another appends.
    file: Mutex<Assembled>,
}

/// The objects of the file so far.
struct Assembled {
    /// Catalogue, Info, fonts and the pages added.
    lo: lopdf::Document,
    /// The page tree's root.
    pages_id: ObjectId,
    /// The resources every page shares (the fonts).
    resources_id: ObjectId,
    /// The pages added, in order.
    kids: Vec<Object>,
    /// Each added page's links to pages of the document.
    links: Vec<Vec<PageLink>>,
}

/// Pages painted and compressed by [`PdfWriter::paint`]: each page's dictionary, content
/// stream and links to pages of the document, not yet numbered in the file.
#[derive(Debug)]
pub struct PaintedRun {
    pages: Vec<(lopdf::Dictionary, lopdf::Stream, Vec<PageLink>)>,
}

impl std::fmt::Debug for PdfWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfWriter")
            .field("pages", &self.pages())
            .finish_non_exhaustive()
    }
}

impl PdfWriter {
    /// Starts a document whose pages draw no char outside `chars` and no image but
    /// `images`.
    pub fn new(meta: &Meta, chars: &Chars, images: &[Arc<Logo>]) -> Result<PdfWriter, PdfError> {
        let mut res = Resources {
            fonts: Fonts::for_chars(chars)?,
            images: Images::default(),
        };
        for i in images {
            res.images.add(i);
        }
        let carrier = carrier_page(&res.fonts);
        let mut lo = lopdf_document(meta, &res, true, vec![carrier])?;
        let broken = |what: &str| PdfError::Build(format!("printpdf wrote no {what}"));
        let pages_id = lo
            .catalog()
            .and_then(|c| c.get(b"Pages"))
            .and_then(Object::as_reference)
            .map_err(|_| broken("page tree"))?;
        let carrier_id = lo
            .get_dictionary(pages_id)
            .and_then(|d| d.get(b"Kids"))
            .and_then(Object::as_array)
            .ok()
            .and_then(|kids| kids.first())
            .and_then(|k| k.as_reference().ok())
            .ok_or_else(|| broken("page"))?;
        let page = lo
            .objects
            .remove(&carrier_id)
            .ok_or_else(|| broken("page"))?;
        let page = page.as_dict().map_err(|_| broken("page"))?;
        let resources_id = page
            .get(b"Resources")
            .and_then(Object::as_reference)
            .map_err(|_| broken("resources"))?;
        // The carrier's drawing is never shown.
        if let Ok(contents) = page.get(b"Contents").and_then(Object::as_reference) {
            lo.objects.remove(&contents);
        }
        Ok(PdfWriter {
            meta: meta.clone(),
            res,
            file: Mutex::new(Assembled {
                lo,
                pages_id,
                resources_id,
                kids: Vec::new(),
                links: Vec::new(),
            }),
        })
    }

    /// Adds a run of pages after those added before.
    pub fn add(&self, pages: &[Page]) -> Result<(), PdfError> {
        let run = self.paint(pages, self.pages())?;
        self.append(run);
        Ok(())
    }

    fn file(&self) -> MutexGuard<'_, Assembled> {
        // A panic while appending leaves a file that is not finished anyway.
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Paints and compresses a run of pages, `before` pages coming before it, without
    /// adding it yet: runs can be painted on several threads, then appended in order.
    pub fn paint(&self, pages: &[Page], before: usize) -> Result<PaintedRun, PdfError> {
        check_pages(pages, before)?;
        let (painted, links): (Vec<_>, Vec<_>) = pages
            .iter()
            .map(|page| Painter::paint(page, &self.res))
            .unzip();
        let mut run = lopdf_document(&self.meta, &self.res, false, painted)?;
        let broken = || PdfError::Build("printpdf wrote a page without its parts".to_string());
        let kids: Vec<ObjectId> = run
            .catalog()
            .and_then(|c| c.get(b"Pages"))
            .and_then(Object::as_reference)
            .and_then(|id| run.get_dictionary(id))
            .and_then(|d| d.get(b"Kids"))
            .and_then(Object::as_array)
            .map_err(|_| broken())?
            .iter()
            .map(|k| k.as_reference().map_err(|_| broken()))
            .collect::<Result<_, _>>()?;
        let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
        let mut out = Vec::with_capacity(kids.len());
        if links.len() != kids.len() {
            return Err(broken());
        }
        for (kid, links) in kids.into_iter().zip(links) {
            let Some(Object::Dictionary(page)) = run.objects.remove(&kid) else {
                return Err(broken());
            };
            let contents_id = page
                .get(b"Contents")
                .and_then(Object::as_reference)
                .map_err(|_| broken())?;
            let Some(Object::Stream(mut contents)) = run.objects.remove(&contents_id) else {
                return Err(broken());
            };
            pack(&mut z, &mut contents);
            out.push((page, contents, links));
        }
        Ok(PaintedRun { pages: out })
    }

    /// Appends a run painted by [`PdfWriter::paint`] after the pages added before.
    pub fn append(&self, run: PaintedRun) {
        let mut file = self.file();
        let file = &mut *file;
        for (mut page, contents, links) in run.pages {
            let contents_id = file.lo.add_object(contents);
            page.set("Parent", file.pages_id);
            page.set("Resources", file.resources_id);
            page.set("Contents", contents_id);
            file.kids.push(file.lo.add_object(page).into());
            file.links.push(links);
        }
    }

    /// How many pages were added.
    pub fn pages(&self) -> usize {
        self.file().kids.len()
    }

    /// Writes the whole file to `out`.
    pub fn finish(self, out: &mut dyn std::io::Write) -> Result<(), PdfError> {
        let Assembled {
            mut lo,
            pages_id,
            kids,
            links,
            ..
        } = self
            .file
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if kids.is_empty() {
            return Err(PdfError::NoPages);
        }
        let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
        let tree = lo
            .get_dictionary_mut(pages_id)
            .map_err(|_| PdfError::Build("printpdf wrote no page tree".to_string()))?;
        tree.set("Kids", Object::Array(kids));
        tree.set("Count", count);
        save(lo, &self.meta, &links, out)
    }
}

/// A page that shows every char each subset face holds (`Fonts::covered`), so that
/// printpdf writes width tables and ToUnicode maps for all of them.
fn carrier_page(fonts: &Fonts) -> pp::PdfPage {
    let mut ops = Vec::new();
    for (font, id) in &fonts.ids {
        let text: String = fonts
            .covered
            .get(font)
            .map(|all| all.iter().collect())
            .unwrap_or_default();
        ops.extend([
            pp::Op::StartTextSection,
            pp::Op::SetFont {
                font: pp::PdfFontHandle::External(id.clone()),
                size: pp::Pt(10.0),
            },
            pp::Op::SetTextCursor {
                pos: pp::Point {
                    x: pp::Pt(0.0),
                    y: pp::Pt(0.0),
                },
            },
            pp::Op::ShowText {
                items: text_items(&text, *font),
            },
            pp::Op::EndTextSection,
        ]);
    }
    let size = pp::Rect::from_wh(pp::Pt(100.0), pp::Pt(100.0));
    pp::PdfPage {
        media_box: size.clone(),
        trim_box: size.clone(),
        crop_box: size,
        ops,
    }
}
