//! The bundled font for the browser: each face subset to the chars of Indonesian
//! office text ([`RANGES`]) and packed as WOFF 1.0 (its tables compressed with zlib),
//! about a tenth of the TrueType file. `style.css` declares the subset for these ranges
//! only (`unicode-range`) after the whole TrueType face, so a browser checks the subset
//! first and fetches the whole face only for a page with a char outside them. Both are
//! the same font, with the same advance widths, so a line measures the same whichever
//! face draws a char.

use std::io::Write;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tag;

use crate::fonts;
use crate::layout::document::Font;

/// The chars of the subset: Basic Latin and Latin-1 (Latin Extended-A and the rest come
/// from the whole face when a page shows them), the general
/// punctuation (dashes, quotes, bullet, ellipsis, per mille), the euro and trade mark
/// signs, the arrows, the minus sign and the black circle of the index's roster.
/// `style.css` repeats them as its `unicode-range` (a test holds the two together).
pub const RANGES: [(u32, u32); 9] = [
    (0x20, 0x7E),
    (0xA0, 0xFF),
    (0x2010, 0x2027),
    (0x2030, 0x203A),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x25CF, 0x25CF),
];

/// [`RANGES`] as a CSS `unicode-range` value: `U+20-7E, U+A0-17F, …`.
pub fn unicode_range() -> String {
    RANGES
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!("U+{a:X}")
            } else {
                format!("U+{a:X}-{b:X}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The WOFF file of a face subset to [`RANGES`], made once per process. `None` when the
/// bundled face cannot be subset (then the pages use the TrueType face alone).
pub fn woff(font: Font) -> Option<&'static [u8]> {
    static REGULAR: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    static BOLD: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    static ITALIC: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    let cell = match font {
        Font::Regular => &REGULAR,
        Font::Bold => &BOLD,
        Font::Italic => &ITALIC,
    };
    cell.get_or_init(|| subset(font).and_then(|sfnt| pack(&sfnt)))
        .as_deref()
}

/// The face subset to the glyphs of [`RANGES`] (and `.notdef`), with the tables a
/// browser needs and the hinting programs its glyphs call.
fn subset(font: Font) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(fonts::bytes(font), 0).ok()?;
    let mut gids: Vec<u16> = vec![0];
    for &(a, b) in &RANGES {
        for c in (a..=b).filter_map(char::from_u32) {
            if let Some(g) = face.glyph_index(c) {
                gids.push(g.0);
            }
        }
    }
    gids.sort_unstable();
    gids.dedup();
    let data = ReadScope::new(fonts::bytes(font))
        .read::<FontData<'_>>()
        .ok()?;
    let provider = data.table_provider(0).ok()?;
    let profile = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::CVT,
        tag::FPGM,
        tag::PREP,
    ]);
    allsorts::subset::subset(&provider, &gids, &profile, CmapTarget::Unicode).ok()
}

/// Packs a TrueType file as WOFF 1.0: the same tables, each compressed with zlib when
/// that makes it smaller, at 4-byte boundaries, with the original checksums.
fn pack(sfnt: &[u8]) -> Option<Vec<u8>> {
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_be_bytes(sfnt.get(at..at + 2)?.try_into().ok()?))
    };
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(sfnt.get(at..at + 4)?.try_into().ok()?))
    };
    let flavor = u32_at(0)?;
    let count = usize::from(u16_at(4)?);
    // (tag, checksum, data) of each table, by tag as the directory must be.
    let mut tables = Vec::with_capacity(count);
    for i in 0..count {
        let rec = 12 + 16 * i;
        let (offset, length) = (u32_at(rec + 8)? as usize, u32_at(rec + 12)? as usize);
        let data = sfnt.get(offset..offset.checked_add(length)?)?;
        tables.push((u32_at(rec)?, u32_at(rec + 4)?, data));
    }
    tables.sort_by_key(|t| t.0);
    let pad4 = |n: usize| (n + 3) & !3;
    let sfnt_size = 12 + 16 * count + tables.iter().map(|t| pad4(t.2.len())).sum::<usize>();

    let mut blocks: Vec<Vec<u8>> = Vec::with_capacity(count);
    for (_, _, data) in &tables {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).ok()?;
        let packed = z.finish().ok()?;
        blocks.push(if packed.len() < data.len() {
            packed
        } else {
            data.to_vec()
        });
    }
    let header = 44 + 20 * count;
    let mut out = Vec::with_capacity(header + blocks.iter().map(|b| pad4(b.len())).sum::<usize>());
    let push32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_be_bytes());
    let push16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_be_bytes());
    push32(&mut out, 0x774F_4646); // "wOFF"
    push32(&mut out, flavor);
    push32(&mut out, 0); // length, set below
    push16(&mut out, u16::try_from(count).ok()?);
    push16(&mut out, 0);
    push32(&mut out, u32::try_from(sfnt_size).ok()?);
    push16(&mut out, 1); // font version 1.0
    push16(&mut out, 0);
    for _ in 0..5 {
        push32(&mut out, 0); // no metadata, no private data
    }
    let mut offset = header;
    for ((tag, checksum, data), block) in tables.iter().zip(&blocks) {
        push32(&mut out, *tag);
        push32(&mut out, u32::try_from(offset).ok()?);
        push32(&mut out, u32::try_from(block.len()).ok()?);
        push32(&mut out, u32::try_from(data.len()).ok()?);
        push32(&mut out, *checksum);
        offset += pad4(block.len());
    }
    for block in &blocks {
        out.extend_from_slice(block);
        out.resize(pad4(out.len()), 0);
    }
    let length = u32::try_from(out.len()).ok()?;
    out[8..12].copy_from_slice(&length.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_packs_into_a_small_woff_with_the_glyphs_of_its_ranges() {
        for font in [Font::Regular, Font::Bold, Font::Italic] {
            let woff = woff(font).expect("the bundled face subsets");
            assert_eq!(&woff[..4], b"wOFF");
            assert_eq!(woff.len() % 4, 0);
            assert_eq!(
                u32::from_be_bytes(woff[8..12].try_into().unwrap()) as usize,
                woff.len()
            );
            assert!(
                woff.len() * 8 < fonts::bytes(font).len(),
                "{font:?}: {} bytes",
                woff.len()
            );
            // Unpacked, it is a font with the glyphs of every char of the ranges that
            // the whole face has.
            let sfnt = unpack(woff);
            let sub = ttf_parser::Face::parse(&sfnt, 0).unwrap();
            let whole = ttf_parser::Face::parse(fonts::bytes(font), 0).unwrap();
            for &(a, b) in &RANGES {
                for c in (a..=b).filter_map(char::from_u32) {
                    let (Some(w), s) = (whole.glyph_index(c), sub.glyph_index(c)) else {
                        continue;
                    };
                    let s = s.unwrap_or_else(|| panic!("{font:?} lost {c:?}"));
                    assert_eq!(
                        whole.glyph_hor_advance(w),
                        sub.glyph_hor_advance(s),
                        "{c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn style_css_declares_the_subset_for_its_ranges() {
        let css = include_str!("../../../templates/style.css");
        assert_eq!(
            css.matches(&format!("unicode-range: {};", unicode_range()))
                .count(),
            3,
            "{}",
            unicode_range()
        );
    }

    /// A WOFF file back to the TrueType file it packs.
    fn unpack(woff: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let u32_at = |at: usize| u32::from_be_bytes(woff[at..at + 4].try_into().unwrap());
        let count = u16::from_be_bytes(woff[12..14].try_into().unwrap()) as usize;
        let mut tables = Vec::new();
        for i in 0..count {
            let rec = 44 + 20 * i;
            let (offset, comp, orig) = (
                u32_at(rec + 4) as usize,
                u32_at(rec + 8) as usize,
                u32_at(rec + 12) as usize,
            );
            let block = &woff[offset..offset + comp];
            let data = if comp < orig {
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(block)
                    .read_to_end(&mut out)
                    .unwrap();
                out
            } else {
                block.to_vec()
            };
            assert_eq!(data.len(), orig);
            tables.push((u32_at(rec), u32_at(rec + 16), data));
        }
        let mut out = Vec::new();
        out.extend_from_slice(&woff[4..8]);
        out.extend_from_slice(&(count as u16).to_be_bytes());
        out.extend_from_slice(&[0; 6]);
        let mut offset = 12 + 16 * count;
        for (tag, sum, data) in &tables {
            for v in [*tag, *sum, offset as u32, data.len() as u32] {
                out.extend_from_slice(&v.to_be_bytes());
            }
            offset += (data.len() + 3) & !3;
        }
        for (_, _, data) in &tables {
            out.extend_from_slice(data);
            out.resize((out.len() + 3) & !3, 0);
        }
        out
    }
}
