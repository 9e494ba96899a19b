//! Every layout number: paper sizes, margins, font sizes, paddings, column minimums,
//! symbol sizes and colours. Change the look of the document here.

use super::document::{Color, Font, Rect, Size, Stroke};
use crate::model::Paper;

/// Points per millimetre.
pub const MM: f64 = 72.0 / 25.4;

/// Options that change a layout (from `organisasi.yaml` and the command line).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Paper, always landscape.
    pub paper: Paper,
    /// Include the worksheets (identifikasi judul, lembar kerja A/B/C).
    pub worksheets: bool,
    /// Hours in one working day, for the total waktu.
    pub hours_per_day: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            paper: Paper::A4,
            worksheets: true,
            hours_per_day: 8.0,
        }
    }
}

/// Landscape page size of a paper, in points.
pub fn page_size(paper: Paper) -> Size {
    match paper {
        Paper::A4 => Size::new(297.0 * MM, 210.0 * MM),
        Paper::F4 => Size::new(330.0 * MM, 215.0 * MM),
        Paper::Letter => Size::new(792.0, 612.0),
        Paper::Legal => Size::new(1008.0, 612.0),
    }
}

/// Left margin (binding side).
pub const MARGIN_LEFT: f64 = 15.0 * MM;
/// Right margin.
pub const MARGIN_RIGHT: f64 = 10.0 * MM;
/// Top margin.
pub const MARGIN_TOP: f64 = 10.0 * MM;
/// Bottom margin (below the footer).
pub const MARGIN_BOTTOM: f64 = 8.0 * MM;
/// Height kept for the footer line at the bottom of the content box.
pub const FOOTER_HEIGHT: f64 = 14.0;

/// The area inside the margins.
pub fn content_box(size: Size) -> Rect {
    Rect::new(
        MARGIN_LEFT,
        MARGIN_TOP,
        size.w - MARGIN_LEFT - MARGIN_RIGHT,
        size.h - MARGIN_TOP - MARGIN_BOTTOM,
    )
}

/// The area for the body: the content box less the footer.
pub fn body_box(size: Size) -> Rect {
    let c = content_box(size);
    Rect::new(c.x, c.y, c.w, c.h - FOOTER_HEIGHT)
}

/// Body text size in table cells.
pub const BODY: f64 = 8.0;
/// Table heading size.
pub const HEADING: f64 = 8.0;
/// Lane heading size.
pub const LANE_HEADING: f64 = 7.5;
/// Section title size.
pub const TITLE: f64 = 11.0;
/// Footer size.
pub const FOOTER: f64 = 6.5;
/// Size of the labels on decision exits and connectors.
pub const LABEL: f64 = 6.5;
/// Padding inside a table cell.
pub const CELL_PAD: f64 = 3.0;
/// Text colour.
pub const INK: Color = Color::BLACK;
/// Header cell background.
pub const HEADER_FILL: Color = Color::rgb(0xe6, 0xe6, 0xe6);
/// Grey for the footer.
pub const MUTED: Color = Color::rgb(0x55, 0x55, 0x55);
/// Table rules.
pub const RULE: Stroke = Stroke {
    width: 0.6,
    color: Color::BLACK,
    dash: None,
};
/// Symbol outlines.
pub const SYMBOL_STROKE: Stroke = Stroke {
    width: 0.9,
    color: Color::BLACK,
    dash: None,
};
/// Symbol fill.
pub const SYMBOL_FILL: Color = Color::WHITE;
/// Arrow lines.
pub const ARROW_STROKE: Stroke = Stroke {
    width: 0.75,
    color: Color::BLACK,
    dash: None,
};
/// Arrowhead length.
pub const ARROW_HEAD: f64 = 5.0;

/// Flowchart column minimums and preferences (points).
pub mod flow {
    /// "No" column.
    pub const NO: f64 = 20.0;
    /// Kegiatan column: minimum and preferred.
    pub const KEGIATAN: (f64, f64) = (110.0, 190.0);
    /// Kelengkapan.
    pub const KELENGKAPAN: (f64, f64) = (58.0, 90.0);
    /// Waktu.
    pub const WAKTU: (f64, f64) = (38.0, 48.0);
    /// Output.
    pub const OUTPUT: (f64, f64) = (58.0, 90.0);
    /// Keterangan.
    pub const KETERANGAN: (f64, f64) = (48.0, 80.0);
    /// Lane width: minimum and the widest worth giving.
    pub const LANE: (f64, f64) = (40.0, 96.0);
    /// Free space on each side of a symbol in its lane, where arrows run.
    pub const LANE_GAP: f64 = 7.0;
    /// Narrowest symbol (when many arrows need tracks beside it).
    pub const SYMBOL_MIN_W: f64 = 22.0;
    /// Widest symbol.
    pub const SYMBOL_MAX_W: f64 = 64.0;
    /// Symbol heights.
    pub const PROCESS_H: f64 = 20.0;
    /// Terminator height.
    pub const TERMINATOR_H: f64 = 18.0;
    /// Decision height.
    pub const DECISION_H: f64 = 28.0;
    /// Space above and below a symbol in its row.
    pub const SYMBOL_PAD: f64 = 12.0;
    /// Off-page connector size.
    pub const CONNECTOR: f64 = 16.0;
    /// Height of a band of connectors at the top or bottom of a page.
    pub const BAND: f64 = 28.0;
    /// Distance between parallel arrow tracks.
    pub const TRACK: f64 = 3.0;
}

/// Text metrics of a face at a size: (ascent, line height).
pub fn line_metrics(font: Font, size: f64) -> (f64, f64) {
    (
        super::text::ascent(font, size),
        super::text::line_height(font, size),
    )
}
