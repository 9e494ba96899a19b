//! Images for the PDF (the office logo): each distinct image of a document is embedded
//! once, under a name fixed by its order of first use (`Im1`, `Im2`, …), so the same
//! document always gives the same bytes. printpdf writes the pixels as an image
//! XObject. PDF/A-1 forbids transparency (soft masks), so a logo with an alpha channel
//! is flattened onto the white page first: it prints the same.

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
                pixels: pp::RawImageData::U8(if p.alpha {
                    on_white(&p.data)
                } else {
                    p.data.clone()
                }),
                width: p.width as usize,
                height: p.height as usize,
                data_format: pp::RawImageFormat::RGB8,
                tag: Vec::new(),
            };
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), pp::XObject::Image(raw));
        }
    }
}

/// RGBA pixels composited onto white, as RGB: what the page shows under the image.
fn on_white(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        let a = u16::from(px[3]);
        for &c in &px[..3] {
            // c·a + 255·(255 − a), rounded, over 255: at most 255.
            let v = (u16::from(c) * a + 255 * (255 - a) + 127) / 255;
            out.push(u8::try_from(v).unwrap_or(u8::MAX));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::on_white;

    #[test]
    fn transparent_pixels_become_white_and_opaque_ones_stay() {
        let rgba = [10, 20, 30, 255, 10, 20, 30, 0, 0, 0, 0, 128];
        assert_eq!(
            on_white(&rgba),
            vec![10, 20, 30, 255, 255, 255, 127, 127, 127]
        );
    }
}
