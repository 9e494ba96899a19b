//! An HTML page written a run of pages at a time, for a document too long to hold whole
//! (the book): the same bytes as [`super::html`], made in pieces.
//!
//! `document.html` loops over `doc.pages` and includes `page.html` for each. To cut it
//! open, it is rendered once with two stand-in pages: what comes before the first is
//! the head, what lies between them is written between two pages, what follows the
//! second is the tail. Each real page is then rendered by `page.html` alone, with the
//! same `doc` (its `pages` empty, its `page_count` right).

use tera::Context;

use super::context::{DocumentView, PageView, page_view, paper_of, shell_view};
use super::{HtmlError, PageLinks, Templates, check_links};
use crate::layout::document::{Meta, Page, Size};

/// Writes one document's HTML from runs of pages: [`HtmlWriter::start`] gives the head,
/// [`HtmlWriter::page`] each page in order, [`HtmlWriter::finish`] the tail.
pub struct HtmlWriter<'t> {
    templates: &'t Templates,
    context: Context,
    view: DocumentView,
    /// What `document.html` writes between two pages.
    between: String,
    /// What it writes after the last page.
    tail: String,
    /// Pages written so far.
    written: usize,
}

impl std::fmt::Debug for HtmlWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlWriter")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl<'t> HtmlWriter<'t> {
    /// Starts a document whose pages have `sizes`, in order. Returns the writer and the
    /// head of the file.
    pub fn start(
        meta: &Meta,
        sizes: &[Size],
        templates: &'t Templates,
        links: &PageLinks,
    ) -> Result<(HtmlWriter<'t>, String), HtmlError> {
        check_links(links)?;
        let view = shell_view(meta, sizes, links);
        let stand_ins = [stand_in(1), stand_in(2)];
        let mut shell = view.clone();
        shell.pages = stand_ins.to_vec();
        let mut context = Context::new();
        context.insert("doc", &shell);
        let whole = templates.render("document.html", &context)?;
        context.insert("doc", &view);
        let mut rendered = Vec::new();
        for s in &stand_ins {
            context.insert("page", s);
            rendered.push(templates.render("page.html", &context)?);
        }
        let cut = |from: usize, part: &str| {
            whole[from..]
                .find(part)
                .map(|at| (from + at, from + at + part.len()))
        };
        let (Some((a_start, a_end)), true) = (cut(0, &rendered[0]), !rendered[0].is_empty()) else {
            return Err(not_cut(templates));
        };
        let Some((b_start, b_end)) = cut(a_end, &rendered[1]) else {
            return Err(not_cut(templates));
        };
        if cut(b_end, &rendered[1]).is_some() || cut(b_end, &rendered[0]).is_some() {
            return Err(not_cut(templates));
        }
        let writer = HtmlWriter {
            templates,
            context,
            view,
            between: whole[a_end..b_start].to_string(),
            tail: whole[b_end..].to_string(),
            written: 0,
        };
        Ok((writer, whole[..a_start].to_string()))
    }

    /// The next page, with what goes before it.
    pub fn page(&mut self, page: &Page) -> Result<String, HtmlError> {
        self.written += 1;
        self.render(self.written, page)
    }

    /// Page `number` (1-based), with what goes before it, without counting it as
    /// written: pages can be rendered on several threads, then written in order.
    pub fn render(&self, number: usize, page: &Page) -> Result<String, HtmlError> {
        let paper = paper_of(&self.view.page_sizes, page.size);
        let mut context = self.context.clone();
        context.insert("page", &page_view(number, paper, page));
        let html = self.templates.render("page.html", &context)?;
        Ok(if number == 1 {
            html
        } else {
            format!("{}{html}", self.between)
        })
    }

    /// The end of the file.
    pub fn finish(self) -> String {
        self.tail
    }
}

/// A page that no real document has, to find where `document.html` writes its pages.
fn stand_in(n: usize) -> PageView {
    PageView {
        number: 900_000_000 + n,
        paper: format!("sopc-stand-in-{n}"),
        width: format!("{n}pt"),
        height: format!("{n}pt"),
        view_box: format!("0 0 {n} {n}"),
        shapes: Vec::new(),
        texts: Vec::new(),
    }
}

fn not_cut(templates: &Templates) -> HtmlError {
    templates.error_in(
        "document.html",
        "to write a long document page by page, `document.html` must include \
         `page.html` once for each of `doc.pages`, with nothing that depends on the page \
         around it",
    )
}
