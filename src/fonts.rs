//! The bundled font, Liberation Sans 2.1.5 (regular, bold and italic) (SIL OFL 1.1, metric-compatible with Arial),
//! shared by layout (which measures text with it), the PDF (which embeds a subset) and
//! the HTML (which loads it through `@font-face`). Parsed once per process.

use std::sync::OnceLock;

use crate::layout::document::Font;

/// Liberation Sans Regular.
pub static REGULAR: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
/// Liberation Sans Bold.
pub static BOLD: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");
/// Liberation Sans Italic.
pub static ITALIC: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Italic.ttf");
/// The font licence, shipped next to HTML output.
pub static LICENSE: &str = include_str!("../assets/fonts/OFL.txt");

/// Advance widths and vertical metrics of one face, in font units per em.
#[derive(Debug)]
pub struct FaceMetrics {
    /// Units per em.
    pub units_per_em: f64,
    /// Ascender (positive, above the baseline).
    pub ascender: f64,
    /// Descender (positive, below the baseline).
    pub descender: f64,
    /// Line gap.
    pub line_gap: f64,
    /// Advance of every char of the Basic Multilingual Plane, 0 where the font has none.
    advances: Vec<u16>,
    /// Advance of `.notdef` (drawn for a char the font lacks).
    notdef: u16,
    /// Glyph id of every char of the Basic Multilingual Plane that the cmap lists,
    /// [`NO_GLYPH`] for the others: the PDF maps every char of every line through it.
    glyphs: Vec<u16>,
    /// The parsed face, for chars outside the Basic Multilingual Plane.
    face: Option<ttf_parser::Face<'static>>,
}

/// Marks a char without a glyph (65535 is not a valid TrueType glyph id).
const NO_GLYPH: u16 = u16::MAX;

impl FaceMetrics {
    fn load(bytes: &'static [u8]) -> FaceMetrics {
        match ttf_parser::Face::parse(bytes, 0) {
            Ok(face) => {
                let mut advances = vec![0u16; 0x1_0000];
                let mut glyphs = vec![NO_GLYPH; 0x1_0000];
                if let Some(cmap) = face.tables().cmap {
                    for sub in cmap.subtables {
                        if !sub.is_unicode() {
                            continue;
                        }
                        sub.codepoints(|cp| {
                            let Some(gid) = sub.glyph_index(cp) else {
                                return;
                            };
                            if let Some(slot) = advances.get_mut(cp as usize) {
                                *slot = face.glyph_hor_advance(gid).unwrap_or(0);
                            }
                            // The first Unicode subtable that maps the char wins, as in
                            // `Face::glyph_index` (a test checks they agree).
                            if let Some(slot @ &mut NO_GLYPH) = glyphs.get_mut(cp as usize) {
                                *slot = gid.0;
                            }
                        });
                    }
                }
                FaceMetrics {
                    units_per_em: f64::from(face.units_per_em()),
                    ascender: f64::from(face.ascender()),
                    descender: -f64::from(face.descender()),
                    line_gap: f64::from(face.line_gap()),
                    notdef: face
                        .glyph_hor_advance(ttf_parser::GlyphId(0))
                        .unwrap_or(1024),
                    advances,
                    glyphs,
                    face: Some(face),
                }
            }
            // The font is compiled in; a parse failure cannot happen at run time, but
            // Arial-like fixed metrics keep layout sane if it ever did.
            Err(_) => FaceMetrics {
                units_per_em: 2048.0,
                ascender: 1854.0,
                descender: 434.0,
                line_gap: 67.0,
                advances: vec![1139; 0x1_0000],
                notdef: 1536,
                glyphs: vec![NO_GLYPH; 0x1_0000],
                face: None,
            },
        }
    }

    /// Advance of one char in font units (the `.notdef` box for a char the font lacks).
    pub fn advance(&self, c: char) -> u16 {
        match self.advances.get(c as usize) {
            Some(&a) if a > 0 => a,
            _ if c == ' ' => 569,
            _ => self.notdef,
        }
    }

    /// The glyph id the font's cmap gives `c`, as `ttf_parser::Face::glyph_index` does.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.glyphs.get(c as usize) {
            Some(&g) if g != NO_GLYPH => Some(g),
            // Not in the table (outside the BMP, or a char such as U+FFFF that a
            // subtable maps without listing it): ask the cmap.
            _ => self.face.as_ref()?.glyph_index(c).map(|g| g.0),
        }
    }

    /// True when the font has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.advances.get(c as usize).is_some_and(|&a| a > 0) || c == ' '
    }
}

/// The metrics of a face, parsed on first use.
pub fn metrics(font: Font) -> &'static FaceMetrics {
    static REG: OnceLock<FaceMetrics> = OnceLock::new();
    static BLD: OnceLock<FaceMetrics> = OnceLock::new();
    static ITA: OnceLock<FaceMetrics> = OnceLock::new();
    match font {
        Font::Regular => REG.get_or_init(|| FaceMetrics::load(REGULAR)),
        Font::Bold => BLD.get_or_init(|| FaceMetrics::load(BOLD)),
        Font::Italic => ITA.get_or_init(|| FaceMetrics::load(ITALIC)),
    }
}

/// The font file of a face.
pub fn bytes(font: Font) -> &'static [u8] {
    match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
        Font::Italic => ITALIC,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_table_agrees_with_the_cmap() {
        for font in [Font::Regular, Font::Bold, Font::Italic] {
            let face = ttf_parser::Face::parse(bytes(font), 0).unwrap();
            let m = metrics(font);
            for cp in (0..0x1_0000).chain([0x1F642, 0x1_0000, 0x10_FFFF]) {
                if let Some(c) = char::from_u32(cp) {
                    assert_eq!(m.glyph(c), face.glyph_index(c).map(|g| g.0), "{cp:#x}");
                }
            }
        }
    }
}
