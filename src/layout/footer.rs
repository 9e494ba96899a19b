//! The footer line at the bottom of a page's content box: three small grey texts,
//! left, centre and right, in the [`style::FOOTER_HEIGHT`] kept free below the body.

use super::block::{Align, Block, Para};
use super::document::{Frame, Item, Page, Point, Positioned, Size, Text};
use super::style;
use super::text;

/// What one page's footer says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Footer {
    /// Left: what the document is.
    pub left: String,
    /// Centre: the source fingerprint.
    pub middle: String,
    /// Right: the page number.
    pub right: String,
}

/// What an SOP is called in running text: "SOP " and its title, unless the title
/// already says so ("SOP Pengumpulan Data", "Standar Operasional Prosedur ...").
pub fn sop_name(title: &str) -> String {
    let lower = title.trim_start().to_lowercase();
    if lower.starts_with("sop ") || lower.starts_with("standar operasional prosedur") {
        title.trim_start().to_string()
    } else {
        format!("SOP {title}")
    }
}

/// The left footer text of an SOP's pages, `name · Nomor nomor`, on one line of
/// `max` points: a name too long is shortened with an ellipsis so that the nomor is
/// always printed whole.
pub fn sop_line(name: &str, nomor: &str, max: f64) -> String {
    let tail = format!(" · Nomor {nomor}");
    let full = format!("{name}{tail}");
    let fits = |t: &str| text::width(t, super::document::Font::Regular, style::FOOTER) <= max;
    if fits(&full) {
        return full;
    }
    let chars: Vec<char> = name.chars().collect();
    for n in (1..chars.len()).rev() {
        let short: String = chars[..n].iter().collect();
        let t = format!("{}…{tail}", short.trim_end());
        if fits(&t) {
            return t;
        }
    }
    format!("…{tail}")
}

/// The width the left footer text has on a page whose content box is `w` wide.
pub fn left_width(w: f64) -> f64 {
    w / 3.0 * 1.4
}

/// Draws the footer onto the page, after its other items.
pub fn draw(page: &mut Page, footer: &Footer) {
    let content = page.content;
    let third = content.w / 3.0;
    let top = content.bottom() - style::FOOTER_HEIGHT + 5.0;
    let parts = [
        (&footer.left, Align::Left, 0.0, 1.4),
        (&footer.middle, Align::Center, 1.4, 0.4),
        (&footer.right, Align::Right, 1.8, 1.2),
    ];
    for (s, align, from, width) in parts {
        let mut p = Para::body(s.as_str()).size(style::FOOTER).align(align);
        p.color_muted();
        let b = Block::new(&[p], third * width);
        // One line only: a footer never grows into the body.
        let Some(l) = b.lines.first() else {
            continue;
        };
        let (x, y) = (content.x + third * from + l.dx, top);
        page.items.push(line_item(&l.line, x, y));
    }
}

/// Draws, above the footer line of an electronically signed SOP's page, the square kept
/// for the page's QR code and beside it the BSrE statement, in the
/// [`style::TTE_FOOTER_HEIGHT`] kept free below the body.
pub fn draw_tte(page: &mut Page, statement: &str) {
    let content = page.content;
    let top = content.bottom() - style::FOOTER_HEIGHT - style::TTE_FOOTER_HEIGHT;
    let qr = style::TTE_FOOTER_QR;
    let qr_top = top + (style::TTE_FOOTER_HEIGHT - qr) / 2.0;
    page.items.push(Positioned {
        at: Point::new(content.x, qr_top),
        item: Item::Frame(Frame {
            size: Size::new(qr, qr),
            fill: None,
            stroke: Some(style::TTE_QR_STROKE),
        }),
        source: None,
    });
    let mut p = Para::body(statement).size(style::FOOTER);
    p.color_muted();
    let x = content.x + qr + 4.0;
    let b = Block::new(&[p], content.w * 0.6);
    // At most two lines, centred on the square.
    let shown: Vec<_> = b.lines.iter().take(2).collect();
    let h: f64 = shown.iter().map(|l| l.h).sum();
    let y0 = qr_top + (qr - h) / 2.0;
    for l in shown {
        page.items.push(line_item(&l.line, x + l.dx, y0 + l.dy));
    }
}

/// One laid-out footer line as a text item whose line box has its top at `y`.
fn line_item(line: &super::sink::TextLine, x: f64, y: f64) -> Positioned {
    let (ascent, line_height) = style::line_metrics(line.font, line.size);
    Positioned {
        at: Point::new(x, y + ascent),
        item: Item::Text(Text {
            text: line.text.clone(),
            font: line.font,
            size: line.size,
            width: text::width(&line.text, line.font, line.size),
            ascent,
            line_height,
            color: line.color,
            link: None,
        }),
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sop_is_named_once() {
        assert_eq!(
            sop_name("Pengelolaan Surat Masuk"),
            "SOP Pengelolaan Surat Masuk"
        );
        assert_eq!(
            sop_name("SOP Pengumpulan Data IDI"),
            "SOP Pengumpulan Data IDI"
        );
        assert_eq!(
            sop_name("STANDAR OPERASIONAL PROSEDUR PELAKSANAAN KONTRAK"),
            "STANDAR OPERASIONAL PROSEDUR PELAKSANAAN KONTRAK"
        );
    }

    #[test]
    fn a_long_name_is_shortened_and_the_nomor_kept_whole() {
        let max = 200.0;
        let short = sop_line("SOP Surat Masuk", "800/12/2024", max);
        assert_eq!(short, "SOP Surat Masuk · Nomor 800/12/2024");
        let long = "SOP ".to_string() + &"Pelaksanaan Kontrak Jasa Konsultansi ".repeat(4);
        let line = sop_line(&long, "SOP-095/17000/2025", max);
        assert!(line.ends_with("… · Nomor SOP-095/17000/2025"), "{line}");
        assert!(text::width(&line, crate::layout::document::Font::Regular, style::FOOTER) <= max);
    }
}
