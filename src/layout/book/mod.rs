//! Layout of the SOP book (*dokumen SOP*): one [`Document`] for a folder of SOPs.
//!
//! In order: the cover ([`cover`]), the decree that enacts the SOPs and its lampiran
//! listing them ([`decree`]), the daftar isi ([`contents`]), the penjelasan singkat
//! ([`explanation`]), every SOP as [`crate::layout::pages`] lays it out, and the
//! monitoring form ([`monitoring`]). The parts are laid out first; the daftar isi is laid
//! out last, with the final page numbers, again if its own length changed them. Every
//! page's footer says "Buku hal. N"; an SOP's pages keep their "Halaman i dari n".
//!
//! The text of the book's own pages comes from [`wording`]: `buku:` in
//! `organisasi.yaml`, and generated text for what it leaves out.

pub mod contents;
pub mod cover;
pub mod decree;
pub mod explanation;
pub mod monitoring;
pub mod outline;
pub mod wording;
pub mod words;

use super::block::{Align, Block, Para};
use super::document::{Chars, Document, Item, Meta, Page, PageLabels, Size, add_chars};
use super::footer::{self, Footer};
use super::sink::Sink;
use super::{LayoutOptions, style};
use crate::diag::Diagnostic;
use crate::model::{Paper, Sop, Workspace};
use wording::Wording;

/// One SOP of the book, with the fingerprint printed in its footers.
#[derive(Debug, Clone, Copy)]
pub struct Chapter<'a> {
    /// The SOP.
    pub sop: &'a Sop,
    /// The short fingerprint of its sources.
    pub fingerprint: &'a str,
}

/// What the book is made of.
#[derive(Debug, Clone)]
pub struct BookInput<'a> {
    /// The folder.
    pub ws: &'a Workspace,
    /// The SOPs, in the book's order ([`crate::model::book::order`]).
    pub chapters: Vec<Chapter<'a>>,
    /// Paper, worksheets and working hours, as for single SOPs.
    pub opts: &'a LayoutOptions,
    /// The short fingerprint of all the book's sources.
    pub fingerprint: &'a str,
    /// The document id (the output file stem, e.g. `buku`).
    pub id: &'a str,
}

/// Which part of the book a run of pages is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    /// The cover (*sampul*).
    Cover,
    /// The decree of enactment (*keputusan*).
    Decree,
    /// The decree's lampiran: the list of SOPs.
    DecreeList,
    /// The daftar isi.
    Contents,
    /// The penjelasan singkat.
    Explanation,
    /// One SOP, by id.
    Sop(String),
    /// The monitoring form.
    Monitoring,
}

/// A run of pages of one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Which part.
    pub kind: PartKind,
    /// Its title, as the daftar isi prints it.
    pub title: String,
    /// Book number of its first page (1-based).
    pub first: usize,
    /// Number of pages.
    pub pages: usize,
}

/// The laid-out book.
#[derive(Debug, Clone)]
pub struct LaidBook {
    /// The pages, ready for both renderers.
    pub document: Document,
    /// The parts, in order; their pages add up to the document's.
    pub parts: Vec<Part>,
    /// The daftar isi as printed: each entry's text and page number.
    pub contents: Vec<contents::Printed>,
}

/// The book before its SOPs are drawn: every part with its first page and length, the
/// book's own pages laid out, and what the renderers need to know of the whole book
/// ahead (each page's size, the chars of each face). The SOPs' pages are laid out again,
/// one SOP at a time, by [`BookPlan::runs`], so that a book of a thousand SOPs never
/// holds more than one of them.
#[derive(Debug)]
pub struct BookPlan<'a> {
    input: &'a BookInput<'a>,
    /// Cover, decree, list, daftar isi and penjelasan, with their footers.
    front: Vec<Page>,
    /// The monitoring form, with its footers.
    back: Vec<Page>,
    /// Book number of the first page of each chapter.
    firsts: Vec<usize>,
    /// The parts, in order; their pages add up to the book's.
    pub parts: Vec<Part>,
    /// The daftar isi as printed.
    pub contents: Vec<contents::Printed>,
    /// The book's metadata.
    pub meta: Meta,
    /// The size of every page, in order.
    pub sizes: Vec<Size>,
    /// The chars of every face on every page. A chapter's footer is measured with a
    /// stand-in book page number, so the ten digits are included for every face.
    pub chars: Chars,
    /// The images any page may show: the office logo.
    pub images: Vec<std::sync::Arc<crate::logo::Logo>>,
}

/// Plans the book (see [`BookPlan`]). Fails with every SOP's layout diagnostic when some
/// SOP cannot be laid out.
pub fn plan<'a>(input: &'a BookInput<'a>) -> Result<BookPlan<'a>, Vec<Diagnostic>> {
    let ws = input.ws;
    let paper = input.opts.paper;
    let sops: Vec<&Sop> = input.chapters.iter().map(|c| c.sop).collect();
    let w = wording::wording(ws, &sops);

    // Every SOP laid out once, for its length, page sizes and chars, then dropped.
    let mut lengths = Vec::new();
    let mut chapter_sizes = Vec::new();
    let mut chars = Chars::new();
    let mut errors = Vec::new();
    for c in &input.chapters {
        match chapter(input, c, 1) {
            Ok(pages) => {
                lengths.push(pages.len());
                chapter_sizes.extend(pages.iter().map(|p| p.size));
                add_chars(&mut chars, &pages);
            }
            Err(e) => errors.push(*e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let cover = cover::cover(ws, &w, paper);
    let decree = decree::decree(&w, paper);
    let list = decree::list(&w, &sops, paper);
    let explanation = explanation::explanation(&w, paper);
    let monitoring = monitoring::monitoring(&w, &sops, paper);

    // The daftar isi needs the final page numbers, which depend on its own length:
    // lay it out until its length stops changing (twice, unless an entry moves it
    // onto one more page).
    let mut toc_len = 1;
    let (parts, toc) = loop {
        let mut parts = Vec::new();
        let mut next = 1;
        let mut add = |kind: PartKind, title: String, pages: usize| {
            parts.push(Part {
                kind,
                title,
                first: next,
                pages,
            });
            next += pages;
        };
        add(PartKind::Cover, "Sampul".into(), cover.len());
        add(
            PartKind::Decree,
            format!("Keputusan {}", w.official.text),
            decree.len(),
        );
        add(
            PartKind::DecreeList,
            "Lampiran Keputusan: Daftar Standar Operasional Prosedur".into(),
            list.len(),
        );
        add(PartKind::Contents, "Daftar Isi".into(), toc_len);
        add(
            PartKind::Explanation,
            "Penjelasan Singkat".into(),
            explanation.len(),
        );
        for (c, &len) in input.chapters.iter().zip(&lengths) {
            add(
                PartKind::Sop(c.sop.id.clone()),
                c.sop.title().to_string(),
                len,
            );
        }
        add(
            PartKind::Monitoring,
            "Formulir Monitoring Pelaksanaan Standar Operasional Prosedur".into(),
            monitoring.len(),
        );
        let toc = contents::contents(&parts, &sops, paper);
        if toc.pages.len() == toc_len || toc_len > 8 {
            break (parts, toc);
        }
        toc_len = toc.pages.len();
    };

    let mut front: Vec<Page> = Vec::new();
    for part in [cover, decree, list, toc.pages, explanation] {
        for mut p in part {
            let n = front.len() + 1;
            footer::draw(&mut p, &own_footer(&w, input.fingerprint, n));
            front.push(p);
        }
    }
    let firsts: Vec<usize> = lengths
        .iter()
        .scan(front.len() + 1, |next, len| {
            let first = *next;
            *next += len;
            Some(first)
        })
        .collect();
    let before_back = front.len() + lengths.iter().sum::<usize>();
    let back: Vec<Page> = monitoring
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            footer::draw(
                &mut p,
                &own_footer(&w, input.fingerprint, before_back + i + 1),
            );
            p
        })
        .collect();
    add_chars(&mut chars, &front);
    add_chars(&mut chars, &back);
    for faces in chars.values_mut() {
        faces.extend('0'..='9');
    }
    let sizes = front
        .iter()
        .map(|p| p.size)
        .chain(chapter_sizes)
        .chain(back.iter().map(|p| p.size))
        .collect();

    Ok(BookPlan {
        input,
        front,
        back,
        firsts,
        parts,
        contents: toc.printed,
        meta: Meta {
            outline: toc.bookmarks,
            // Every page's footer prints its book number ("Buku hal. N"), counted from
            // the cover; an SOP's own "Halaman i dari n" stands beside it.
            page_labels: vec![PageLabels { page: 1, start: 1 }],
            ..meta(input, &w, sops.len())
        },
        sizes,
        chars,
        images: ws.logo.iter().cloned().collect(),
    })
}

impl BookPlan<'_> {
    /// The pages of the book in order, in runs: the book's own pages before the SOPs,
    /// each SOP (laid out again here), then the monitoring form.
    pub fn runs(&self) -> impl Iterator<Item = Result<Vec<Page>, Box<Diagnostic>>> + '_ {
        (0..self.run_count()).map(|k| self.run(k))
    }

    /// How many runs [`BookPlan::runs`] gives: one per SOP and two more.
    pub fn run_count(&self) -> usize {
        self.input.chapters.len() + 2
    }

    /// Run `k` of [`BookPlan::runs`], on its own (runs can be laid out on several
    /// threads).
    pub fn run(&self, k: usize) -> Result<Vec<Page>, Box<Diagnostic>> {
        match k.checked_sub(1) {
            None => Ok(self.front.clone()),
            Some(c) => match (self.input.chapters.get(c), self.firsts.get(c)) {
                (Some(chapter_of), Some(&first)) => chapter(self.input, chapter_of, first),
                _ => Ok(self.back.clone()),
            },
        }
    }

    /// The book page number of the first page of run `k`.
    pub fn run_first(&self, k: usize) -> usize {
        match k.checked_sub(1) {
            None => 1,
            Some(c) => self
                .firsts
                .get(c)
                .copied()
                .unwrap_or(self.sizes.len() - self.back.len() + 1),
        }
    }

    /// The whole book laid out in memory (for `--dump` and tests; `sopc buku` writes
    /// the runs as they come).
    pub fn lay_out(self) -> Result<LaidBook, Box<Diagnostic>> {
        let mut pages = Vec::with_capacity(self.sizes.len());
        for run in self.runs() {
            pages.extend(run?);
        }
        Ok(LaidBook {
            document: Document {
                meta: self.meta,
                pages,
            },
            parts: self.parts,
            contents: self.contents,
        })
    }
}

/// Lays out the whole book in memory (see [`plan`] and [`BookPlan::lay_out`]).
pub fn book(input: &BookInput<'_>) -> Result<LaidBook, Vec<Diagnostic>> {
    plan(input)?.lay_out().map_err(|e| vec![*e])
}

/// The pages of one SOP of the book, its first page being book page `first`.
fn chapter(
    input: &BookInput<'_>,
    c: &Chapter<'_>,
    first: usize,
) -> Result<Vec<Page>, Box<Diagnostic>> {
    let mut pages = super::pages(input.ws, c.sop, input.opts)?;
    // The book stands alone: links to other output files would not resolve.
    for page in &mut pages {
        for it in &mut page.items {
            if let Item::Text(t) = &mut it.item {
                t.link = None;
            }
        }
    }
    super::footers(&mut pages, c.sop, c.fingerprint, Some(first));
    Ok(pages)
}

fn own_footer(w: &Wording<'_>, fingerprint: &str, n: usize) -> Footer {
    let year = w.year.map(|y| format!(" Tahun {y}")).unwrap_or_default();
    Footer {
        left: format!("Dokumen SOP {}{year}", w.short),
        middle: format!("sumber {fingerprint}"),
        right: format!("Buku hal. {n}"),
    }
}

fn meta(input: &BookInput<'_>, w: &Wording<'_>, n: usize) -> Meta {
    let year = w.year.map(|y| format!(" Tahun {y}")).unwrap_or_default();
    Meta {
        title: format!("Standar Operasional Prosedur {}{year}", w.agency.text),
        author: w.agency.text.clone(),
        subject: format!(
            "Dokumen SOP: {} Standar Operasional Prosedur dan keputusan pengesahannya",
            words::count(n)
        ),
        keywords: vec![
            "SOP".into(),
            "Standar Operasional Prosedur".into(),
            "dokumen SOP".into(),
        ],
        date: w.date.as_ref().map(|(d, _)| d.iso()),
        fingerprint: input.fingerprint.to_string(),
        id: input.id.to_string(),
        lang: "id".into(),
        ..Meta::default()
    }
}

/// A sink for portrait pages whose text column is inset from the margins.
fn portrait(paper: Paper) -> Sink {
    let mut sink = Sink::new(style::book::portrait_size(paper));
    let inset = style::book::INSET;
    sink.body.x += inset;
    sink.body.w -= 2.0 * inset;
    sink
}

/// A paragraph of book text.
fn text(s: impl Into<String>) -> Para {
    Para::body(s).size(style::book::TEXT)
}

/// A bold, centred line of book text.
fn centred(s: impl Into<String>, size: f64) -> Para {
    Para::bold(s).size(size).align(Align::Center)
}

/// Draws paragraphs across the text column from the cursor, going on on the next page
/// (between lines) when they do not fit.
fn flow(sink: &mut Sink, paras: &[Para], x: f64, width: f64) {
    let mut block = Block::new(paras, width);
    if sink.pages.is_empty() {
        sink.new_page();
    }
    loop {
        if block.height <= sink.space_left() + 1e-6 {
            block.draw(sink, x, sink.y);
            sink.y += block.height;
            return;
        }
        let (first, rest) = block.split(sink.space_left());
        if first.lines.is_empty() && sink.y <= sink.body.y + 1e-6 {
            // Not even one line fits on an empty page: draw it anyway, once.
            block.draw(sink, x, sink.y);
            sink.y += block.height;
            return;
        }
        first.draw(sink, x, sink.y);
        sink.new_page();
        block = rest;
    }
}

/// Draws a block that must stay on one page (a heading with what follows it, a
/// signature): on the next page when it does not fit here.
fn keep(sink: &mut Sink, block: &Block, x: f64) {
    if sink.pages.is_empty() || block.height > sink.space_left() + 1e-6 {
        sink.new_page();
    }
    block.draw(sink, x, sink.y);
    sink.y += block.height;
}

/// Centred paragraphs in `width`, each broken into lines of even length: each is laid
/// out in the narrowest width that needs no more lines than the full width, so a
/// heading does not end in one lone word.
fn balanced(paras: &[Para], width: f64) -> Block {
    let mut out = Block::default();
    for p in paras {
        let one = std::slice::from_ref(p);
        let count = |w: f64| Block::new(one, w).lines.len();
        let lines = count(width);
        let (mut lo, mut hi) = (width / 3.0, width);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if count(mid) <= lines {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let b = Block::new(one, hi);
        let shift = (width - hi) / 2.0;
        for mut l in b.lines {
            l.dx += shift;
            l.dy += out.height;
            out.lines.push(l);
        }
        out.height += b.height;
    }
    out
}

/// The page title of a part, centred over the text column.
fn title(sink: &mut Sink, lines: &[&str]) {
    let paras: Vec<Para> = lines
        .iter()
        .map(|l| centred(*l, style::book::HEADING))
        .collect();
    let b = balanced(&paras, sink.body.w);
    keep(sink, &b, sink.body.x);
    sink.y += style::book::SECTION_GAP;
}

/// Bold text in the book's text size.
fn bold(s: impl Into<String>) -> Para {
    Para::bold(s).size(style::book::TEXT)
}
