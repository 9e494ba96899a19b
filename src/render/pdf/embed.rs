//! Fonts for the PDF: each face of the bundled Liberation Sans is subset with allsorts
//! before printpdf sees it, and named with a subset tag derived from its glyph set, so
//! the same document always gets the same font names.
//!
//! A subset holds the glyphs the document uses and, always, those of printable ASCII
//! ([`REPERTOIRE`]). Most SOPs use no other chars, so the documents of one process share
//! a few glyph sets: each is subset once ([`SUBSETS`]) and its font program compressed
//! once (`render::pdf::compress`). That costs about 4 KB per face in a file and saved a
//! tenth of the CPU time of `sopc build` (docs/performance.md).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::sync::{Mutex, OnceLock};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf as pp;
use sha2::{Digest, Sha256};

use super::PdfError;
use crate::fonts;
use crate::layout::document::{Chars, Document, Font, add_chars};

/// The PostScript name of a face (the part of `/BaseFont` after the subset tag).
fn postscript_name(font: Font) -> &'static str {
    match font {
        Font::Regular => "LiberationSans",
        Font::Bold => "LiberationSans-Bold",
        Font::Italic => "LiberationSans-Italic",
    }
}

/// A face of the bundled font, parsed once per process (for its cmap).
pub(super) fn face(font: Font) -> Result<&'static ttf_parser::Face<'static>, PdfError> {
    static REGULAR: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    static BOLD: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    static ITALIC: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    let cell = match font {
        Font::Regular => &REGULAR,
        Font::Bold => &BOLD,
        Font::Italic => &ITALIC,
    };
    cell.get_or_init(|| ttf_parser::Face::parse(fonts::bytes(font), 0).ok())
        .as_ref()
        .ok_or(PdfError::Font {
            face: postscript_name(font),
            reason: "not a valid TrueType file".to_string(),
        })
}

/// The chars every subset holds, used or not: printable ASCII.
const REPERTOIRE: RangeInclusive<char> = ' '..='~';

/// How many subsets a process keeps for reuse. Documents of one folder share a few;
/// when the cache is full, new subsets are made and not kept.
const KEPT_SUBSETS: usize = 16;

/// Subsets made in this process, by face and glyph ids.
type SubsetCache = Vec<((Font, Vec<u16>), (pp::FontId, pp::ParsedFont))>;
static SUBSETS: Mutex<SubsetCache> = Mutex::new(Vec::new());

/// The faces a document uses, subset to its glyphs and [`REPERTOIRE`].
pub(super) struct Fonts {
    /// Resource name of each face used.
    pub(super) ids: BTreeMap<Font, pp::FontId>,
    /// The subset faces, ready to embed.
    pub(super) parsed: Vec<(pp::FontId, pp::ParsedFont)>,
    /// The chars each subset face holds: those used and [`REPERTOIRE`].
    pub(super) covered: Chars,
}

impl Fonts {
    /// Collects the chars of every text item per face and subsets each face to them.
    pub(super) fn embed(doc: &Document) -> Result<Fonts, PdfError> {
        let mut chars = Chars::new();
        add_chars(&mut chars, &doc.pages);
        Fonts::for_chars(&chars)
    }

    /// Subsets each face of `chars` to its chars and [`REPERTOIRE`].
    pub(super) fn for_chars(chars: &Chars) -> Result<Fonts, PdfError> {
        let mut fonts = Fonts {
            ids: BTreeMap::new(),
            parsed: Vec::new(),
            covered: Chars::new(),
        };
        for (&font, used) in chars {
            let mut all: BTreeSet<char> = REPERTOIRE.collect();
            all.extend(used);
            let (id, parsed) = subset(font, &all)?;
            fonts.ids.insert(font, id.clone());
            fonts.parsed.push((id, parsed));
            fonts.covered.insert(font, all);
        }
        Ok(fonts)
    }
}

/// Subsets one face to the glyphs of `chars` (plus `.notdef`) and names it
/// `TAG+PostScriptName`, which marks it as a subset (ISO 32000-1, 9.6.4). Reuses a
/// subset of the same glyphs made earlier in the process.
fn subset(font: Font, chars: &BTreeSet<char>) -> Result<(pp::FontId, pp::ParsedFont), PdfError> {
    let face = face(font)?;
    // Sorted, without duplicates, and starting with glyph 0 (`.notdef`), as allsorts
    // requires.
    let gids: Vec<u16> = std::iter::once(0)
        .chain(
            chars
                .iter()
                .filter_map(|&c| face.glyph_index(c))
                .map(|g| g.0),
        )
        .collect::<BTreeSet<u16>>()
        .into_iter()
        .collect();
    let key = (font, gids);
    let cache = || {
        SUBSETS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some((_, made)) = cache().iter().find(|(k, _)| *k == key) {
        return Ok(made.clone());
    }
    let made = make_subset(font, &key.1)?;
    let mut kept = cache();
    if kept.len() < KEPT_SUBSETS && !kept.iter().any(|(k, _)| *k == key) {
        kept.push((key, made.clone()));
    }
    Ok(made)
}

/// [`subset`], without the cache.
fn make_subset(font: Font, gids: &[u16]) -> Result<(pp::FontId, pp::ParsedFont), PdfError> {
    let name = postscript_name(font);
    let err = |reason: String| PdfError::Font { face: name, reason };
    let data = ReadScope::new(fonts::bytes(font))
        .read::<FontData<'_>>()
        .map_err(|e| err(e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| err(e.to_string()))?;
    let bytes = allsorts::subset::subset(&provider, gids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| err(e.to_string()))?;
    let mut warnings = Vec::new();
    let parsed = pp::ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| err("printpdf cannot read the subset".to_string()))?;
    let id = pp::FontId(format!("{}+{name}", subset_tag(name, gids)));
    Ok((id, parsed))
}

/// Six capital letters derived from the face and its glyph set: the same subset always
/// gets the same tag, and different subsets (in two SOPs merged into one file) almost
/// surely get different ones, as the PDF specification asks.
fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    for g in gids {
        h.update(g.to_be_bytes());
    }
    h.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// A line of text as printpdf items: runs of chars the face has, and `.notdef` glyphs for
/// the chars it lacks. `.notdef` is written as glyph 0 explicitly, so that its width goes
/// into the font's width table (layout measured it with the `.notdef` advance) and so
/// that text extraction gives U+FFFD for it.
pub(super) fn text_items(text: &str, font: Font) -> Vec<pp::TextItem> {
    let metrics = fonts::metrics(font);
    let mut items = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if metrics.glyph(c).is_some() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            items.push(pp::TextItem::Text(std::mem::take(&mut run)));
        }
        let notdef = pp::Codepoint::with_cid(0, 0.0, char::REPLACEMENT_CHARACTER.to_string());
        match items.last_mut() {
            Some(pp::TextItem::GlyphIds(glyphs)) => glyphs.push(notdef),
            _ => items.push(pp::TextItem::GlyphIds(vec![notdef])),
        }
    }
    if !run.is_empty() {
        items.push(pp::TextItem::Text(run));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::super::pdf;
    use super::super::tests::{doc, p, small, text_at};
    use super::*;

    #[test]
    fn embeds_only_the_faces_used_under_subset_names() {
        let fonts = Fonts::embed(&small()).expect("fonts");
        let names: Vec<&str> = fonts.ids.values().map(|id| id.0.as_str()).collect();
        assert_eq!(names.len(), 2);
        assert!(names[0].ends_with("+LiberationSans"), "{names:?}");
        assert!(names[1].ends_with("+LiberationSans-Bold"), "{names:?}");
        let only_bold = doc(vec![text_at(p(50.0, 60.0), "x", Font::Bold)]);
        let fonts = Fonts::embed(&only_bold).expect("fonts");
        assert_eq!(fonts.ids.keys().collect::<Vec<_>>(), [&Font::Bold]);
        // The subset is far smaller than the 400 KB face (the file also carries about
        // 2 KB of PDF/A metadata and colour profile).
        let bytes = pdf(&only_bold).expect("pdf");
        assert!(bytes.len() < 24_000, "{}", bytes.len());
    }

    #[test]
    fn documents_with_ascii_text_share_one_subset_per_face() {
        let a = Fonts::embed(&doc(vec![text_at(
            p(50.0, 60.0),
            "Surat masuk",
            Font::Regular,
        )]))
        .expect("fonts");
        let b = Fonts::embed(&doc(vec![text_at(
            p(50.0, 60.0),
            "Kepala Dinas",
            Font::Regular,
        )]))
        .expect("fonts");
        assert_eq!(a.ids, b.ids);
        // A char beyond printable ASCII gives another subset, under another tag.
        let c = Fonts::embed(&doc(vec![text_at(
            p(50.0, 60.0),
            "Surat – masuk",
            Font::Regular,
        )]))
        .expect("fonts");
        assert_ne!(a.ids, c.ids);
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_glyph_set() {
        let a = subset_tag("LiberationSans", &[0, 3, 4]);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag("LiberationSans", &[0, 3, 4]));
        assert_ne!(a, subset_tag("LiberationSans", &[0, 3, 5]));
    }

    #[test]
    fn chars_the_font_lacks_become_notdef() {
        let items = text_items("a漢字b", Font::Regular);
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0], pp::TextItem::Text(s) if s == "a"));
        assert!(matches!(&items[1], pp::TextItem::GlyphIds(g) if g.len() == 2 && g[0].gid == 0));
        assert!(matches!(&items[2], pp::TextItem::Text(s) if s == "b"));
        let d = doc(vec![text_at(p(50.0, 60.0), "🙂 漢字", Font::Regular)]);
        assert!(pdf(&d).is_ok());
    }
}
