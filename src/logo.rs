//! The office logo (`logo` in `organisasi.yaml`): its path must stay inside the folder of
//! SOPs, and its bytes must be a PNG or a JPEG whose size can be read from its header.
//! [`check_path`] is the rule on the written text (used by lowering, without the disk);
//! [`read`] finds and reads the file (used by loading).
//!
//! The header is read first, so that a file that lies about its format or is too large
//! in pixels is refused before anything is decoded; then the image is decoded once,
//! into the 8-bit RGB or RGBA [`Pixels`] that the PDF embeds.

use std::io::Read;
use std::path::{Component, Path};
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::limits;
use crate::source::Spanned;

/// An image format sopc accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
}

impl ImageFormat {
    /// The media type, for a `data:` URI.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A logo read from the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Its bytes, as in the file.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The decoded image.
    pub pixels: Arc<Pixels>,
}

/// A decoded image: 8 bits a channel, rows from the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// True for RGBA, false for RGB.
    pub alpha: bool,
    /// `width × height × (3 or 4)` bytes.
    pub data: Vec<u8>,
}

/// Decodes a PNG or JPEG into 8-bit RGB(A).
pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<Pixels, String> {
    match format {
        ImageFormat::Png => decode_png(bytes),
        ImageFormat::Jpeg => decode_jpeg(bytes),
    }
}

fn decode_png(bytes: &[u8]) -> Result<Pixels, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes and bit depths other than 8 become 8-bit RGB(A) or grey.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large to decode")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let (alpha, data) = match info.color_type {
        png::ColorType::Rgb => (false, buf),
        png::ColorType::Rgba => (true, buf),
        png::ColorType::Grayscale => (false, buf.iter().flat_map(|&g| [g, g, g]).collect()),
        png::ColorType::GrayscaleAlpha => (
            true,
            buf.chunks_exact(2)
                .flat_map(|c| [c[0], c[0], c[0], c[1]])
                .collect(),
        ),
        png::ColorType::Indexed => return Err("a palette that was not expanded".to_string()),
    };
    Ok(Pixels {
        width: info.width,
        height: info.height,
        alpha,
        data,
    })
}

fn decode_jpeg(bytes: &[u8]) -> Result<Pixels, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    // Strict: a cut-off or damaged file is an error, not an image with a grey band.
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_strict_mode(true);
    let mut decoder =
        zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(bytes), options);
    let data = decoder.decode().map_err(|e| e.to_string())?;
    let (width, height) = decoder
        .dimensions()
        .ok_or("the image has no size after decoding")?;
    let (width, height) = (
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    if data.len() != width as usize * height as usize * 3 {
        return Err("the decoded image has the wrong size".to_string());
    }
    Ok(Pixels {
        width,
        height,
        alpha: false,
        data,
    })
}

/// Largest side of a logo in pixels; a header claiming more is not believed.
const MAX_SIDE: u32 = 10_000;

fn outside(path: &Spanned<String>, why: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            "sop::file::outside-folder",
            format!("`{}` is not inside the folder of SOPs", path.value),
            path.span,
        )
        .label(why.to_string())
        .help("put the file in the folder of organisasi.yaml (or below it) and write its path from there, e.g. `logo: logo.png`"),
    )
}

/// The rule on the written path: relative, without `..`, no NUL byte.
pub fn check_path(path: &Spanned<String>) -> Result<(), Box<Diagnostic>> {
    let p = &path.value;
    if p.contains('\0') {
        return Err(outside(path, "not a file path"));
    }
    // `C:\…` and `\\server\…` are absolute on Windows, whatever this system thinks.
    let windows_absolute = p.starts_with('\\')
        || (p.len() >= 2 && p.as_bytes()[0].is_ascii_alphabetic() && p.as_bytes()[1] == b':');
    if Path::new(p).is_absolute() || windows_absolute {
        return Err(outside(path, "an absolute path"));
    }
    let up = Path::new(p).components().any(|c| c == Component::ParentDir)
        || p.split(['/', '\\']).any(|part| part == "..");
    if up {
        return Err(outside(path, "`..` leaves the folder"));
    }
    Ok(())
}

fn file_error(
    code: &'static str,
    path: &Spanned<String>,
    message: String,
    label: &str,
) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(code, message, path.span)
            .label(label.to_string())
            .help("the logo is a PNG or JPEG file in the folder of organisasi.yaml, e.g. `logo: logo.png`"),
    )
}

/// Finds the logo `path` in the folder `dir` and reads it. The file must resolve, after
/// following every symbolic link, to a regular file inside the folder.
pub fn read(dir: &Path, path: &Spanned<String>) -> Result<Logo, Box<Diagnostic>> {
    check_path(path)?;
    let missing = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            file_error(
                "sop::file::not-found",
                path,
                format!("no file `{}` in the folder of SOPs", path.value),
                "not found",
            )
        } else {
            file_error(
                "sop::file::unreadable",
                path,
                format!("cannot read `{}`", path.value),
                &e.to_string(),
            )
        }
    };
    let root = std::fs::canonicalize(dir).map_err(missing)?;
    let real = std::fs::canonicalize(dir.join(&path.value)).map_err(missing)?;
    if !real.starts_with(&root) {
        return Err(outside(path, "a symbolic link leads out of the folder"));
    }
    let meta = std::fs::metadata(&real).map_err(missing)?;
    if !meta.is_file() {
        return Err(file_error(
            "sop::file::unreadable",
            path,
            format!("`{}` is not a file", path.value),
            "not a regular file",
        ));
    }
    if meta.len() > limits::MAX_LOGO_BYTES as u64 {
        return Err(too_large(path));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .and_then(|f| {
            f.take(limits::MAX_LOGO_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(missing)?;
    if bytes.len() > limits::MAX_LOGO_BYTES {
        return Err(too_large(path));
    }
    if let Some((_, w, h)) = header(&bytes).filter(|&(_, w, h)| w > MAX_SIDE || h > MAX_SIDE) {
        return Err(file_error(
            "sop::file::too-large",
            path,
            format!(
                "`{}` is {w} × {h} pixels, more than {MAX_SIDE} on a side",
                path.value
            ),
            "too large",
        ));
    }
    sniff(&bytes).map_or_else(
        || {
            Err(file_error(
                "sop::file::image",
                path,
                format!("`{}` is not a PNG or JPEG image", path.value),
                "not a PNG or JPEG",
            ))
        },
        |(format, width, height)| {
            if u64::from(width) * u64::from(height) > limits::MAX_LOGO_PIXELS {
                return Err(file_error(
                    "sop::file::too-large",
                    path,
                    format!(
                        "`{}` is {width} × {height} pixels, more than {} million",
                        path.value,
                        limits::MAX_LOGO_PIXELS / 1_000_000
                    ),
                    "too many pixels",
                ));
            }
            let pixels = decode(&bytes, format).map_err(|why| {
                file_error(
                    "sop::file::image",
                    path,
                    format!("`{}` cannot be decoded: {why}", path.value),
                    "a damaged image",
                )
            })?;
            if (pixels.width, pixels.height) != (width, height) {
                return Err(file_error(
                    "sop::file::image",
                    path,
                    format!("`{}` is not the size its header says", path.value),
                    "a damaged image",
                ));
            }
            Ok(Logo {
                bytes,
                format,
                width,
                height,
                pixels: Arc::new(pixels),
            })
        },
    )
}

fn too_large(path: &Spanned<String>) -> Box<Diagnostic> {
    file_error(
        "sop::file::too-large",
        path,
        format!(
            "`{}` is larger than {} MiB",
            path.value,
            limits::MAX_LOGO_BYTES / (1024 * 1024)
        ),
        "too large",
    )
}

/// The format and size in pixels of a PNG or JPEG, from its header.
pub fn sniff(bytes: &[u8]) -> Option<(ImageFormat, u32, u32)> {
    let (format, w, h) = header(bytes)?;
    ((1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h)).then_some((format, w, h))
}

/// The format and size a PNG or JPEG header claims, whatever the size.
fn header(bytes: &[u8]) -> Option<(ImageFormat, u32, u32)> {
    let (format, w, h) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The first chunk is IHDR: length, "IHDR", width, height (big-endian).
        if bytes.get(12..16)? != b"IHDR" {
            return None;
        }
        let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
        let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
        (ImageFormat::Png, w, h)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        let (w, h) = jpeg_size(bytes)?;
        (ImageFormat::Jpeg, w, h)
    } else {
        return None;
    };
    Some((format, w, h))
}

/// Width and height from a JPEG's start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        i += 2;
        match marker {
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => continue,
            // End of image or start of scan before a frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
        if len < 2 {
            return None;
        }
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([*bytes.get(i + 3)?, *bytes.get(i + 4)?]);
            let w = u16::from_be_bytes([*bytes.get(i + 5)?, *bytes.get(i + 6)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        i = i.checked_add(len)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn sp(s: &str) -> Spanned<String> {
        Spanned::new(s.to_string(), Span::new(FileId(0), 0, s.len()))
    }

    /// A 1×1 PNG.
    pub(crate) const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        for p in [
            "/etc/passwd",
            "../logo.png",
            "gambar/../../logo.png",
            "..",
            "C:\\logo.png",
            "\\\\server\\logo.png",
            "a\\..\\..\\b.png",
            "logo\0.png",
        ] {
            let e = check_path(&sp(p)).unwrap_err();
            assert_eq!(e.code, "sop::file::outside-folder", "{p}");
        }
        for p in ["logo.png", "gambar/logo.png", "./logo.png", "..logo.png"] {
            assert!(check_path(&sp(p)).is_ok(), "{p}");
        }
    }

    #[test]
    fn sniffs_png_and_jpeg_headers() {
        assert_eq!(sniff(PNG), Some((ImageFormat::Png, 1, 1)));
        // SOI, APP0 (length 4), SOF0 with height 20 and width 30.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
            0x14, 0x00, 0x1E, 0x01, 0x01, 0x11, 0x00,
        ];
        assert_eq!(sniff(&jpeg), Some((ImageFormat::Jpeg, 30, 20)));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(&jpeg[..10]), None);
        assert_eq!(sniff(&PNG[..20]), None);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00]), None);
    }

    #[test]
    fn reads_a_logo_and_refuses_links_out_of_the_folder() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("sops");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("logo.png"), PNG).unwrap();
        std::fs::write(outer.path().join("secret.png"), PNG).unwrap();
        std::fs::write(dir.join("teks.png"), b"not an image").unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret.png"), dir.join("link.png")).unwrap();
        std::os::unix::fs::symlink("logo.png", dir.join("inside.png")).unwrap();
        std::os::unix::fs::symlink(outer.path(), dir.join("up")).unwrap();
        std::fs::create_dir(dir.join("folder.png")).unwrap();

        assert_eq!(read(&dir, &sp("logo.png")).unwrap().width, 1);
        assert!(read(&dir, &sp("inside.png")).is_ok());
        let code = |p: &str| read(&dir, &sp(p)).unwrap_err().code;
        assert_eq!(code("link.png"), "sop::file::outside-folder");
        assert_eq!(code("up/secret.png"), "sop::file::outside-folder");
        assert_eq!(code("../secret.png"), "sop::file::outside-folder");
        assert_eq!(code("tidak-ada.png"), "sop::file::not-found");
        assert_eq!(code("folder.png"), "sop::file::unreadable");
        assert_eq!(code("teks.png"), "sop::file::image");
    }

    #[test]
    fn decodes_png_of_any_colour_type_and_jpeg_into_8_bit_rgb() {
        for (name, w, h) in [
            ("logo.jpg", 40, 30),
            ("palette.png", 24, 16),
            ("gray16.png", 24, 16),
            ("graya.png", 20, 10),
        ] {
            let bytes = std::fs::read(format!("tests/images/{name}")).unwrap();
            let (format, sw, sh) = sniff(&bytes).unwrap();
            assert_eq!((sw, sh), (w, h), "{name}");
            let p = decode(&bytes, format).unwrap();
            assert_eq!((p.width, p.height), (w, h), "{name}");
            let channels = if p.alpha { 4 } else { 3 };
            assert_eq!(p.data.len(), (w * h) as usize * channels, "{name}");
        }
        // The JPEG runs from red at the top to blue at the bottom.
        let p = decode(
            &std::fs::read("tests/images/logo.jpg").unwrap(),
            ImageFormat::Jpeg,
        )
        .unwrap();
        let (top, bottom) = (&p.data[..3], &p.data[p.data.len() - 3..]);
        assert!(top[0] > 200 && top[2] < 60, "{top:?}");
        assert!(bottom[2] > 200 && bottom[0] < 60, "{bottom:?}");
        let one = decode(PNG, ImageFormat::Png).unwrap();
        assert!(one.alpha);
        assert_eq!(one.data.len(), 4);
    }

    #[test]
    fn a_damaged_logo_or_one_of_too_many_pixels_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        // The header of the 1×1 PNG with its image data cut short.
        std::fs::write(dir.path().join("cut.png"), &PNG[..45]).unwrap();
        // A JPEG that ends before its last rows.
        let jpeg = std::fs::read("tests/images/logo.jpg").unwrap();
        std::fs::write(dir.path().join("cut.jpg"), &jpeg[..jpeg.len() * 4 / 5]).unwrap();
        // 3,000 × 3,000 pixels: 9 million.
        let mut big = PNG.to_vec();
        big[16..20].copy_from_slice(&3000u32.to_be_bytes());
        big[20..24].copy_from_slice(&3000u32.to_be_bytes());
        std::fs::write(dir.path().join("big.png"), &big).unwrap();
        let err = |p: &str| read(dir.path(), &sp(p)).unwrap_err();
        assert_eq!(err("cut.png").code, "sop::file::image");
        assert_eq!(err("cut.jpg").code, "sop::file::image");
        // 20,000 pixels wide: too large, not "not an image".
        let mut wide = PNG.to_vec();
        wide[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        std::fs::write(dir.path().join("wide.png"), &wide).unwrap();
        let e = err("wide.png");
        assert_eq!(e.code, "sop::file::too-large");
        assert!(e.message.contains("20000 × 1 pixels"), "{}", e.message);
        // A JPEG (progressive, SOF2) 10,001 pixels high: too large too, one pixel over
        // the side limit (issue 14, item 11).
        let tall = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x27,
            0x11, 0x00, 0x1E, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9,
        ];
        std::fs::write(dir.path().join("tall.jpg"), tall).unwrap();
        let e = err("tall.jpg");
        assert_eq!(e.code, "sop::file::too-large");
        assert!(
            e.message
                .contains("30 × 10001 pixels, more than 10000 on a side"),
            "{}",
            e.message
        );
        let big = err("big.png");
        assert_eq!(big.code, "sop::file::too-large");
        assert!(
            big.message.contains("3000 × 3000 pixels"),
            "{}",
            big.message
        );
    }
}
