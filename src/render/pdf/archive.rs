//! PDF/A-1b: what an archived SOP needs beyond a printable PDF (ISO 19005-1, level B).
//!
//! Applied to the finished lopdf document of every PDF sopc writes (one SOP or the
//! book), just before it is compressed and saved:
//!
//! - the header says PDF 1.4 (the version PDF/A-1 is based on);
//! - the catalog carries the XMP metadata (with the PDF/A identification and the same
//!   title, author, subject, keywords, tool and dates as the Info dictionary, made from
//!   it so the two cannot disagree), an sRGB output intent with its ICC profile, the
//!   document's language (`/Lang`) and `DisplayDocTitle`;
//! - every subset CID font gets a `/CIDSet` naming the glyphs its program holds;
//! - every annotation is printable (`/F 4`).
//!
//! Transparency is forbidden by PDF/A-1: images are flattened onto white before they
//! are embedded (`images`). The result is validated with Apache PDFBox Preflight in the
//! test suite (tests/pdfa.rs).

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::layout::document::Meta;

/// The ICC profile of the output intent: sRGB IEC 61966-2.1, made by [`srgb_profile`].
const OUTPUT_CONDITION: &str = "sRGB IEC61966-2.1";

/// Makes `lo` a PDF/A-1b file (see the module documentation).
pub(super) fn conform(lo: &mut lopdf::Document, meta: &Meta) {
    lo.version = "1.4".to_string();
    printable_annotations(lo);
    add_cid_sets(lo);
    let info = info_entries(lo);
    let Some(catalog_id) = catalog_id(lo) else {
        return;
    };
    let metadata = lo.add_object(metadata_stream(&info, meta));
    let profile = lo.add_object(icc_stream());
    let intent = Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text(OUTPUT_CONDITION)),
        ("Info", text(OUTPUT_CONDITION)),
        ("RegistryName", text("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let Ok(catalog) = lo.get_dictionary_mut(catalog_id) else {
        return;
    };
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    if !meta.lang.is_empty() {
        catalog.set("Lang", text(&meta.lang));
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
}

/// A PDF text string: ASCII as it is, anything else as UTF-16BE with a byte order mark.
pub(super) fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The reference of the document catalog.
fn catalog_id(lo: &lopdf::Document) -> Option<ObjectId> {
    lo.trailer.get(b"Root").and_then(Object::as_reference).ok()
}

/// Sets the print flag (and only it) on every annotation: PDF/A-1 requires annotations
/// to print and forbids hidden or invisible ones.
fn printable_annotations(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(d) => d,
            _ => continue,
        };
        if dict.get(b"Subtype").and_then(Object::as_name).is_ok()
            && dict.has(b"Rect")
            && is_annotation(dict)
        {
            dict.set("F", 4);
        }
    }
    // Annotations may also sit directly in a page's /Annots array.
    for object in lo.objects.values_mut() {
        let Object::Dictionary(page) = object else {
            continue;
        };
        if let Ok(Object::Array(annots)) = page.get_mut(b"Annots") {
            for a in annots.iter_mut() {
                if let Object::Dictionary(d) = a {
                    d.set("F", 4);
                }
            }
        }
    }
}

/// True for an annotation dictionary (by `/Type /Annot`, or a link's `/Subtype`).
fn is_annotation(dict: &Dictionary) -> bool {
    dict.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Annot")
        || dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Link")
}

/// Adds a `/CIDSet` to the descriptor of every embedded TrueType CID font: one bit per
/// CID, set for each glyph the font program holds (sopc's fonts map CIDs to glyphs one
/// to one).
fn add_cid_sets(lo: &mut lopdf::Document) {
    let mut wanted = Vec::new();
    for (&id, object) in &lo.objects {
        let Object::Dictionary(d) = object else {
            continue;
        };
        let is_descriptor = d
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"FontDescriptor");
        if !is_descriptor || d.has(b"CIDSet") {
            continue;
        }
        let Ok(program) = d.get(b"FontFile2").and_then(Object::as_reference) else {
            continue;
        };
        let glyphs = match lo.get_object(program) {
            Ok(Object::Stream(s)) => glyph_count(s),
            _ => None,
        };
        if let Some(n) = glyphs {
            wanted.push((id, n));
        }
    }
    for (descriptor, glyphs) in wanted {
        let set = lo.add_object(Stream::new(Dictionary::new(), cid_set(glyphs)));
        if let Ok(d) = lo.get_dictionary_mut(descriptor) {
            d.set("CIDSet", Object::Reference(set));
        }
    }
}

/// The number of glyphs of a TrueType program stream (not yet compressed, or
/// compressed with FlateDecode).
fn glyph_count(s: &Stream) -> Option<u16> {
    let bytes = if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content().ok()?
    } else {
        s.content.clone()
    };
    Some(ttf_parser::Face::parse(&bytes, 0).ok()?.number_of_glyphs())
}

/// A CIDSet bit string with the first `n` bits set (most significant bit first).
fn cid_set(n: u16) -> Vec<u8> {
    let n = usize::from(n);
    let mut bits = vec![0u8; n.div_ceil(8)];
    for i in 0..n {
        bits[i / 8] |= 0x80 >> (i % 8);
    }
    bits
}

/// The Info dictionary's text entries, decoded, in a fixed order. Empty entries are
/// removed from the dictionary (an empty Author has no XMP equivalent).
fn info_entries(lo: &mut lopdf::Document) -> Vec<(&'static str, String)> {
    const KEYS: [&str; 8] = [
        "Title",
        "Author",
        "Subject",
        "Keywords",
        "Creator",
        "Producer",
        "CreationDate",
        "ModDate",
    ];
    let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let Ok(info) = lo.get_dictionary_mut(info_id) else {
        return Vec::new();
    };
    // PDF/A-1 requires every Info entry to have its XMP equivalent; these have none.
    info.remove(b"Trapped");
    info.remove(b"GTS_PDFXVersion");
    let mut out = Vec::new();
    for key in KEYS {
        let value = match info.get(key.as_bytes()) {
            Ok(Object::String(bytes, _)) => decode_text(bytes),
            _ => continue,
        };
        if value.is_empty() {
            info.remove(key.as_bytes());
        } else {
            out.push((key, value));
        }
    }
    out
}

/// Decodes a PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding
/// (taken as Latin-1, which it equals for the chars sopc writes there).
fn decode_text(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// A PDF date `D:YYYYMMDDHHmmSS+HH'mm'` as an XMP date `YYYY-MM-DDTHH:mm:SS+HH:mm`.
fn xmp_date(pdf: &str) -> Option<String> {
    let d = pdf.strip_prefix("D:")?;
    let digits = |r: std::ops::Range<usize>| {
        d.get(r)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    let (y, mo, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (h, mi, s) = (digits(8..10)?, digits(10..12)?, digits(12..14)?);
    let zone = match d.get(14..) {
        Some(z) if z.starts_with('+') || z.starts_with('-') => {
            let sign = &z[..1];
            let hh = z.get(1..3)?;
            let mm = z.get(4..6).unwrap_or("00");
            format!("{sign}{hh}:{mm}")
        }
        _ => "Z".to_string(),
    };
    Some(format!("{y}-{mo}-{day}T{h}:{mi}:{s}{zone}"))
}

/// Escapes `s` for XML text.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet of the document: PDF/A identification plus the Info entries.
fn xmp(info: &[(&'static str, String)], meta: &Meta) -> String {
    let get = |key: &str| info.iter().find(|(k, _)| *k == key).map(|(_, v)| xml(v));
    let mut dc = String::from("<dc:format>application/pdf</dc:format>");
    if let Some(t) = get("Title") {
        dc += &format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{t}</rdf:li></rdf:Alt></dc:title>"
        );
    }
    if let Some(a) = get("Author") {
        dc += &format!("<dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>");
    }
    if let Some(s) = get("Subject") {
        dc += &format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{s}</rdf:li></rdf:Alt></dc:description>"
        );
    }
    if !meta.lang.is_empty() {
        dc += &format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            xml(&meta.lang)
        );
    }
    let mut tool = String::new();
    if let Some(c) = get("Creator") {
        tool += &format!("<xmp:CreatorTool>{c}</xmp:CreatorTool>");
    }
    let created = get("CreationDate").and_then(|d| xmp_date(&d));
    let modified = get("ModDate").and_then(|d| xmp_date(&d));
    if let Some(d) = &created {
        tool += &format!("<xmp:CreateDate>{d}</xmp:CreateDate>");
    }
    if let Some(d) = &modified {
        tool += &format!("<xmp:ModifyDate>{d}</xmp:ModifyDate>");
    }
    if let Some(d) = modified.or(created) {
        tool += &format!("<xmp:MetadataDate>{d}</xmp:MetadataDate>");
    }
    let mut pdf = String::new();
    if let Some(p) = get("Producer") {
        pdf += &format!("<pdf:Producer>{p}</pdf:Producer>");
    }
    if let Some(k) = get("Keywords") {
        pdf += &format!("<pdf:Keywords>{k}</pdf:Keywords>");
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\
         <pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{dc}</rdf:Description>\n\
         <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">{tool}</rdf:Description>\n\
         <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">{pdf}</rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}

/// The metadata stream: XMP, never compressed (so archive tools can read it as text).
fn metadata_stream(info: &[(&'static str, String)], meta: &Meta) -> Stream {
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"Metadata".to_vec())),
        ("Subtype", Object::Name(b"XML".to_vec())),
    ]);
    let mut s = Stream::new(dict, xmp(info, meta).into_bytes());
    s.allows_compression = false;
    s
}

/// The output intent's profile stream.
fn icc_stream() -> Stream {
    let dict = Dictionary::from_iter([("N", Object::Integer(3))]);
    Stream::new(dict, srgb_profile())
}

/// A 4-byte big-endian signature or number.
fn be32(v: u32) -> [u8; 4] {
    v.to_be_bytes()
}

/// A number as ICC `s15Fixed16Number`.
fn s15f16(v: f64) -> [u8; 4] {
    // The values are constants below 2, so the product fits an i32.
    #[allow(clippy::cast_possible_truncation)]
    let fixed = (v * 65536.0).round() as i32;
    fixed.to_be_bytes()
}

/// An ICC version 2.1 display profile of sRGB (IEC 61966-2.1): the D50-adapted sRGB
/// primaries, the D65 white point and the sRGB tone curve sampled at 256 points. Made
/// here rather than bundled, so its bytes and licence are the project's own.
pub(super) fn srgb_profile() -> Vec<u8> {
    let xyz = |x: f64, y: f64, z: f64| {
        let mut t = b"XYZ \0\0\0\0".to_vec();
        for v in [x, y, z] {
            t.extend(s15f16(v));
        }
        t
    };
    let curve = {
        let mut t = b"curv\0\0\0\0".to_vec();
        let n: u32 = 256;
        t.extend(be32(n));
        for i in 0..n {
            let v = f64::from(i) / f64::from(n - 1);
            let lin = if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            };
            // In 0..=1, so the scaled value fits a u16.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let q = (lin * 65535.0).round() as u16;
            t.extend(q.to_be_bytes());
        }
        t
    };
    let desc = {
        let name = b"sRGB IEC61966-2.1\0";
        let mut t = b"desc\0\0\0\0".to_vec();
        t.extend(be32(name.len() as u32));
        t.extend(name);
        t.extend([0u8; 4 + 4 + 2 + 1 + 67]);
        t
    };
    let cprt = b"text\0\0\0\0No copyright, use freely\0".to_vec();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", cprt),
        (b"wtpt", xyz(0.9505, 1.0, 1.0891)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
    ];
    // gTRC and bTRC share rTRC's data, as usual in sRGB profiles.
    let entries = tags.len() + 2;
    let table_len = 4 + 12 * entries;
    let mut data = Vec::new();
    let mut table = be32(entries as u32).to_vec();
    let mut trc = (0u32, 0u32);
    for (sig, body) in &tags {
        let offset = (128 + table_len + data.len()) as u32;
        table.extend(*sig);
        table.extend(be32(offset));
        table.extend(be32(body.len() as u32));
        if *sig == b"rTRC" {
            trc = (offset, body.len() as u32);
        }
        data.extend(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    for sig in [b"gTRC", b"bTRC"] {
        table.extend(sig);
        table.extend(be32(trc.0));
        table.extend(be32(trc.1));
    }
    let size = (128 + table.len() + data.len()) as u32;
    let mut header = Vec::with_capacity(128);
    header.extend(be32(size));
    header.extend([0u8; 4]); // preferred CMM
    header.extend(be32(0x0210_0000)); // version 2.1
    header.extend(b"mntr");
    header.extend(b"RGB ");
    header.extend(b"XYZ ");
    for v in [2026u16, 1, 1, 0, 0, 0] {
        header.extend(v.to_be_bytes());
    }
    header.extend(b"acsp");
    header.extend([0u8; 4 + 4 + 4 + 4 + 8]); // platform, flags, manufacturer, model, attributes
    header.extend(be32(0)); // perceptual
    for v in [0.9642, 1.0, 0.8249] {
        header.extend(s15f16(v));
    }
    header.resize(128, 0);
    let mut out = header;
    out.extend(table);
    out.extend(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_a_well_formed_icc_v2_display_profile() {
        let p = srgb_profile();
        assert_eq!(
            u32::from_be_bytes(p[0..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(p[8], 2, "version 2, as PDF/A-1 requires");
        let count = u32::from_be_bytes(p[128..132].try_into().unwrap()) as usize;
        assert_eq!(count, 9);
        let mut sigs = Vec::new();
        for i in 0..count {
            let e = &p[132 + 12 * i..144 + 12 * i];
            let offset = u32::from_be_bytes(e[4..8].try_into().unwrap()) as usize;
            let len = u32::from_be_bytes(e[8..12].try_into().unwrap()) as usize;
            assert_eq!(offset % 4, 0, "tags are 4-byte aligned");
            assert!(offset + len <= p.len());
            sigs.push(String::from_utf8_lossy(&e[..4]).to_string());
        }
        for tag in [
            "desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC",
        ] {
            assert!(sigs.iter().any(|s| s == tag), "{tag}");
        }
        assert_eq!(srgb_profile(), p, "deterministic");
    }

    #[test]
    fn cid_sets_have_one_bit_per_glyph() {
        assert_eq!(cid_set(0), Vec::<u8>::new());
        assert_eq!(cid_set(1), vec![0x80]);
        assert_eq!(cid_set(9), vec![0xFF, 0x80]);
        assert_eq!(cid_set(16), vec![0xFF, 0xFF]);
    }

    #[test]
    fn pdf_dates_become_xmp_dates() {
        assert_eq!(
            xmp_date("D:20240305000000+00'00'").as_deref(),
            Some("2024-03-05T00:00:00+00:00")
        );
        assert_eq!(
            xmp_date("D:20201231235959Z").as_deref(),
            Some("2020-12-31T23:59:59Z")
        );
        assert_eq!(xmp_date("2024-03-05"), None);
    }

    #[test]
    fn xmp_repeats_the_info_entries_escaped() {
        let meta = Meta {
            lang: "id".to_string(),
            ..Meta::default()
        };
        let info = vec![
            ("Title", "Surat <Keluar> & Masuk".to_string()),
            ("Producer", "sopc 0.1.0".to_string()),
            ("CreationDate", "D:20240305000000+00'00'".to_string()),
        ];
        let x = xmp(&info, &meta);
        assert!(
            x.contains("<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>")
        );
        assert!(x.contains(">Surat &lt;Keluar&gt; &amp; Masuk</rdf:li>"));
        assert!(x.contains("<pdf:Producer>sopc 0.1.0</pdf:Producer>"));
        assert!(x.contains("<xmp:CreateDate>2024-03-05T00:00:00+00:00</xmp:CreateDate>"));
        assert!(x.contains("<rdf:li>id</rdf:li>"));
        assert!(!x.contains("dc:creator"), "no Author, no creator");
    }

    #[test]
    fn text_strings_are_ascii_or_utf16() {
        assert_eq!(
            text("id"),
            Object::String(b"id".to_vec(), StringFormat::Literal)
        );
        let Object::String(b, _) = text("é") else {
            panic!("string")
        };
        assert_eq!(b, vec![0xFE, 0xFF, 0x00, 0xE9]);
        assert_eq!(decode_text(&b), "é");
    }
}
