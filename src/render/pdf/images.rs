//! Images for the PDF (the office logo): each distinct image of a document is embedded
//! once, under a name fixed by its order of first use (`Im1`, `Im2`, …), so the same
//! document always gives the same bytes. printpdf writes the pixels as an image
//! XObject, with the alpha channel as a soft mask.

use std::sync::Arc;

use printpdf as pp;

use crate::layout::document::{Item, Page};
use crate::logo::Logo;

/// The images a document shows.
#[derive(Debug, Default)]
pub(super) struct Images {
    named: Vec<(Arc<Logo>, pp::XObjectId)>,
}

impl Images {
    /// The distinct images of `pages`, in order of first use.
    pub(super) fn of(pages: &[Page]) -> Images {
        let mut images = Images::default();
        for page in pages {
            for p in &page.items {
                if let Item::Image(i) = &p.item {
                    images.add(&i.logo);
                }
            }
        }
        images
    }

    /// Adds `logo` unless it is there already.
    pub(super) fn add(&mut self, logo: &Arc<Logo>) {
        if self.id(logo).is_none() {
            let id = pp::XObjectId(format!("Im{}", self.named.len() + 1));
            self.named.push((Arc::clone(logo), id));
        }
    }

    /// The resource name of `logo`, if it was added.
    pub(super) fn id(&self, logo: &Arc<Logo>) -> Option<&pp::XObjectId> {
        self.named
            .iter()
            .find(|(l, _)| Arc::ptr_eq(l, logo) || **l == **logo)
            .map(|(_, id)| id)
    }

    /// Registers every image with the printpdf document.
    pub(super) fn register(&self, doc: &mut pp::PdfDocument) {
        for (logo, id) in &self.named {
            let p = &logo.pixels;
            let raw = pp::RawImage {
                pixels: pp::RawImageData::U8(p.data.clone()),
                width: p.width as usize,
                height: p.height as usize,
                data_format: if p.alpha {
                    pp::RawImageFormat::RGBA8
                } else {
                    pp::RawImageFormat::RGB8
                },
                tag: Vec::new(),
            };
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), pp::XObject::Image(raw));
        }
    }
}
