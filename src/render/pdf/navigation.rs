//! Moving about a finished PDF: links to pages of the same document, the bookmarks
//! (outline) and the page labels. Added with lopdf once every page has its object,
//! since the pages of a book come from several printpdf documents (its runs) and a link
//! on the daftar isi goes to a page of a later run.
//!
//! Everything stays within PDF/A-1b: each link is a Link annotation with a destination
//! in the file (`/Dest`, no action, no JavaScript), printable (`/F 4`) and without a
//! border; bookmarks go to destinations too.

use lopdf::{Dictionary, Object, ObjectId};

use super::archive::text;
use super::paint::PageLink;
use crate::layout::document::{Bookmark, Meta, PageLabels};

/// Adds to `lo` the links of each page (`links[i]` are those of page `i + 1`) and the
/// outline and page labels of `meta`.
pub(super) fn add(lo: &mut lopdf::Document, meta: &Meta, links: &[Vec<PageLink>]) {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let dests: Vec<Object> = pages.iter().map(|&id| destination(lo, id)).collect();
    for (&page, page_links) in pages.iter().zip(links) {
        add_links(lo, page, page_links, &dests);
    }
    let outline = (!meta.outline.is_empty()).then(|| outline(lo, &meta.outline, &dests));
    let labels = (!meta.page_labels.is_empty()).then(|| page_labels(&meta.page_labels));
    let Ok(root) = lo.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    let Ok(catalog) = lo.get_dictionary_mut(root) else {
        return;
    };
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        // Open with the bookmarks shown: they are the book's table of contents.
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if let Some(labels) = labels {
        catalog.set("PageLabels", labels);
    }
}

/// The top of page `id`, at the reader's zoom: `[page /XYZ 0 top null]`.
fn destination(lo: &lopdf::Document, id: ObjectId) -> Object {
    let top = lo
        .get_dictionary(id)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(Object::as_array)
        .ok()
        .and_then(|b| b.get(3))
        .and_then(|t| t.as_float().ok())
        .map_or(Object::Null, Object::Real);
    Object::Array(vec![
        Object::Reference(id),
        Object::Name(b"XYZ".to_vec()),
        Object::Integer(0),
        top,
        Object::Null,
    ])
}

/// The destination of the 1-based page `n`, if the document has it.
fn page(dests: &[Object], n: usize) -> Option<Object> {
    n.checked_sub(1).and_then(|i| dests.get(i)).cloned()
}

/// Adds a Link annotation to `page` for each of `links` that goes to a page of the
/// document.
fn add_links(lo: &mut lopdf::Document, page: ObjectId, links: &[PageLink], dests: &[Object]) {
    let mut annots = Vec::new();
    for link in links {
        let Some(dest) = self::page(dests, link.page) else {
            continue;
        };
        let annot = Dictionary::from_iter([
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Link".to_vec())),
            (
                "Rect",
                Object::Array(link.rect.iter().map(|&v| Object::Real(v)).collect()),
            ),
            ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
            ("F", Object::Integer(4)),
            ("Dest", dest),
        ]);
        annots.push(Object::Reference(lo.add_object(annot)));
    }
    if annots.is_empty() {
        return;
    }
    let Ok(dict) = lo.get_dictionary_mut(page) else {
        return;
    };
    match dict.get_mut(b"Annots") {
        Ok(Object::Array(existing)) => existing.extend(annots),
        _ => dict.set("Annots", Object::Array(annots)),
    }
}

/// Writes the outline (every item open) and returns its root.
fn outline(lo: &mut lopdf::Document, marks: &[Bookmark], dests: &[Object]) -> ObjectId {
    let root = lo.new_object_id();
    let (first, last, count) = items(lo, root, marks, dests);
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(first)),
        ("Last", Object::Reference(last)),
        ("Count", Object::Integer(count)),
    ]);
    lo.objects.insert(root, Object::Dictionary(dict));
    root
}

/// Writes the outline items of `marks` (not empty) under `parent`, and those under
/// them: returns the first and last item and how many items are shown under `parent`.
fn items(
    lo: &mut lopdf::Document,
    parent: ObjectId,
    marks: &[Bookmark],
    dests: &[Object],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = marks.iter().map(|_| lo.new_object_id()).collect();
    let mut count = 0;
    for (i, mark) in marks.iter().enumerate() {
        let mut dict = Dictionary::from_iter([
            ("Title", text(&mark.title)),
            ("Parent", Object::Reference(parent)),
        ]);
        if let Some(dest) = page(dests, mark.page) {
            dict.set("Dest", dest);
        }
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(&next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(next));
        }
        count += 1;
        if !mark.children.is_empty() {
            let (first, last, shown) = items(lo, ids[i], &mark.children, dests);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Positive: the item is open.
            dict.set("Count", Object::Integer(shown));
            count += shown;
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// The page labels number tree: each run from its first page, in arabic numerals.
fn page_labels(runs: &[PageLabels]) -> Object {
    let mut nums = Vec::new();
    for run in runs {
        let Some(index) = run.page.checked_sub(1) else {
            continue;
        };
        nums.push(Object::Integer(i64::try_from(index).unwrap_or(i64::MAX)));
        nums.push(Object::Dictionary(Dictionary::from_iter([
            ("S", Object::Name(b"D".to_vec())),
            (
                "St",
                Object::Integer(i64::try_from(run.start).unwrap_or(i64::MAX)),
            ),
        ])));
    }
    Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))]))
}
