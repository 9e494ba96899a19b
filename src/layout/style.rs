//! Every layout number: paper sizes, margins, font sizes, paddings, column minimums,
//! symbol sizes and colours. Change the look of the document here.

use super::document::{Color, Font, Rect, Size, Stroke};
use crate::model::{Orientation, Paper};

/// Points per millimetre.
pub const MM: f64 = 72.0 / 25.4;

/// Options that change a layout (from `organisasi.yaml` and the command line).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Paper (in the orientation of `orientasi` in `organisasi.yaml`).
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

/// The page size of a paper in an orientation, in points.
pub fn page_size_in(paper: Paper, orientation: Orientation) -> Size {
    let s = page_size(paper);
    match orientation {
        Orientation::Landscape => s,
        Orientation::Portrait => Size::new(s.h, s.w),
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

/// Height kept above the footer line, on every page of an electronically signed SOP,
/// for the BSrE statement and the square of the page's QR code.
pub const TTE_FOOTER_HEIGHT: f64 = 22.0;
/// The side of the square kept for the QR code in the footer of an electronically
/// signed SOP.
pub const TTE_FOOTER_QR: f64 = 20.0;
/// The side of the square kept for the QR code of the signature (TTE) on the identity
/// page.
pub const TTE_QR: f64 = 38.0;
/// The outline of a square kept for a QR code: where the signing system stamps it.
pub const TTE_QR_STROKE: Stroke = Stroke {
    width: 0.5,
    color: Color::rgb(0x88, 0x88, 0x88),
    dash: Some((2.0, 2.0)),
};

/// `gaya.satu_halaman`: the space between the identity section and the flowchart below
/// it on the same page.
pub const ONE_PAGE_GAP: f64 = 8.0;
/// `gaya.satu_halaman`: below this much room under the identity section, the flowchart
/// is not tried there.
pub const ONE_PAGE_MIN: f64 = 80.0;

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

/// Largest height of the office logo on the identity page (2 cm), and the gap between
/// it and the office's name below.
pub const LOGO_HEIGHT: f64 = 56.7;
/// See [`LOGO_HEIGHT`].
pub const LOGO_GAP: f64 = 8.0;
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
/// The dashed line between the symbols of alternative performers (`atau`).
pub const ALTERNATIVE_STROKE: Stroke = Stroke {
    width: 0.75,
    color: Color::BLACK,
    dash: Some((3.0, 2.0)),
};
/// The dotted line of an information arrow (`informasi`).
pub const INFO_STROKE: Stroke = Stroke {
    width: 0.75,
    color: Color::BLACK,
    dash: Some((1.0, 1.5)),
};
/// Arrowhead length.
pub const ARROW_HEAD: f64 = 5.0;
/// Radius of the line jump (a small arc) where an arrow crosses another.
pub const JUMP: f64 = 2.5;

/// The clearances every flowchart page keeps (`layout::flowchart::verify::clearance`).
pub mod clear {
    use super::{ARROW_HEAD, MM};
    /// Least distance between an arrow and a table rule it runs along.
    pub const RULE: f64 = 2.0 * MM;
    /// Least distance between parallel segments of two arrows with different targets.
    pub const PARALLEL: f64 = 2.0 * MM;
    /// Least distance between an arrow and a symbol it does not connect.
    pub const SYMBOL: f64 = 1.5 * MM;
    /// Shortest last segment before an arrowhead.
    pub const LAST_SEGMENT: f64 = 2.0 * ARROW_HEAD;
    /// Least distance between an exit label or a connector and a table rule.
    pub const LABEL: f64 = 1.0 * MM;
    /// Farthest an exit label stands from the first segments of a decision's exit.
    pub const LABEL_REACH: f64 = 3.0 * MM;
}

/// Flowchart column minimums and preferences (points).
pub mod flow {
    /// "No" column.
    pub const NO: f64 = 20.0;
    /// Kegiatan column: minimum and preferred.
    pub const KEGIATAN: (f64, f64) = (110.0, 190.0);
    /// Kelengkapan.
    pub const KELENGKAPAN: (f64, f64) = (58.0, 90.0);
    /// Waktu.
    pub const WAKTU: (f64, f64) = (46.0, 52.0);
    /// Output.
    pub const OUTPUT: (f64, f64) = (58.0, 90.0);
    /// Keterangan.
    pub const KETERANGAN: (f64, f64) = (48.0, 80.0);
    /// Lane width: minimum and the widest worth giving. The minimum holds the
    /// narrowest symbol with one arrow track on each side of it, each track
    /// [`TRACK_EDGE`] from the rule and [`TRACK_SYMBOL`] from the symbol.
    pub const LANE: (f64, f64) = (SYMBOL_MIN_W + 2.0 * (TRACK_EDGE + TRACK_SYMBOL), 96.0);
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
    pub const BAND: f64 = 38.0;
    /// Distance between parallel arrow tracks (2 mm and a little).
    pub const TRACK: f64 = 5.75;
    /// Distance from a lane rule to the nearest track (2 mm and a little).
    pub const TRACK_EDGE: f64 = 5.75;
    /// Distance from a symbol to the nearest track (1.5 mm and a little).
    pub const TRACK_SYMBOL: f64 = 4.5;
    /// Least room between a symbol and a rule for an arrow's elbow between them.
    pub const ARROW_ROOM: f64 = 5.75;
}

/// Text metrics of a face at a size: (ascent, line height).
pub fn line_metrics(font: Font, size: f64) -> (f64, f64) {
    (
        super::text::ascent(font, size),
        super::text::line_height(font, size),
    )
}

/// The SOP book's own pages: the cover, the decree and its lampiran, the daftar isi and
/// the penjelasan singkat are portrait; the monitoring form is landscape like the SOPs.
pub mod book {
    use super::{MM, page_size};
    use crate::layout::document::{Color, Size, Stroke};
    use crate::model::Paper;

    /// Portrait page size of a paper.
    pub fn portrait_size(paper: Paper) -> Size {
        let s = page_size(paper);
        Size::new(s.h, s.w)
    }
    /// Extra margin on each side of the text column of the portrait pages.
    pub const INSET: f64 = 10.0 * MM;
    /// Body text of the decree, daftar isi and penjelasan.
    pub const TEXT: f64 = 10.5;
    /// Their headings.
    pub const HEADING: f64 = 12.0;
    /// Space between paragraphs.
    pub const PARA_GAP: f64 = 4.0;
    /// Space between sections.
    pub const SECTION_GAP: f64 = 12.0;
    /// Cover: "STANDAR OPERASIONAL PROSEDUR".
    pub const COVER_TITLE: f64 = 24.0;
    /// Cover: "ADMINISTRASI PEMERINTAHAN".
    pub const COVER_SUBTITLE: f64 = 15.0;
    /// Cover: pemerintah and instansi.
    pub const COVER_OFFICE: f64 = 14.0;
    /// Cover: the year.
    pub const COVER_YEAR: f64 = 18.0;
    /// Cover: distance between the two lines of the double border.
    pub const COVER_BORDER_GAP: f64 = 4.0;
    /// Cover: margin between the inner border and the text.
    pub const COVER_PAD: f64 = 16.0;
    /// Cover: where the centres of the title, the office and the year stand, as shares
    /// of the height inside the border.
    pub const COVER_AT: [f64; 3] = [0.3, 0.58, 0.86];
    /// Cover: the rule under the title, its distance below the title and its share of
    /// the text width.
    pub const COVER_RULE: (f64, f64) = (18.0, 0.6);
    /// Cover and decree: space between the lines of a heading block.
    pub const HEADING_GAP: f64 = 8.0;
    /// Cover: the outer border.
    pub const COVER_BORDER: Stroke = Stroke {
        width: 2.0,
        color: Color::BLACK,
        dash: None,
    };
    /// Cover: the inner border.
    pub const COVER_BORDER_INNER: Stroke = Stroke {
        width: 0.6,
        color: Color::BLACK,
        dash: None,
    };
    /// Decree: the label column ("Menimbang", "KESATU").
    pub const LABEL_W: f64 = 82.0;
    /// Decree: the colon column.
    pub const COLON_W: f64 = 10.0;
    /// Decree: the signature block's share of the text width, from the right.
    pub const SIGNATURE_W: f64 = 0.5;
    /// Room for the signature and stamp (tanda tangan dan cap).
    pub const SIGNATURE_SPACE: f64 = 56.0;
    /// Lampiran: the share of the text width its heading block takes, from the right.
    pub const LAMPIRAN_W: f64 = 0.6;
    /// Lampiran: its heading block and its list of SOPs (smaller than the decree).
    pub const LAMPIRAN_TEXT: f64 = 9.5;
    /// Lampiran's list of SOPs.
    pub const LIST_TEXT: f64 = 9.0;
    /// Lampiran: the label column ("NOMOR").
    pub const LAMPIRAN_LABEL_W: f64 = 58.0;
    /// Lampiran's list of SOPs: column shares (No, Nama SOP, Nomor SOP, Unit Kerja).
    pub const LIST_COLS: [f64; 4] = [0.06, 0.36, 0.29, 0.29];
    /// Daftar isi: the page-number column.
    pub const TOC_PAGE_W: f64 = 30.0;
    /// Daftar isi: indent of the SOP entries.
    pub const TOC_INDENT: f64 = 16.0;
    /// Daftar isi: the column of the SOP numbers ("14."), right-aligned.
    pub const TOC_MARKER_W: f64 = 18.0;
    /// Daftar isi: gap between a title and its dot leader, and the leader and the number.
    pub const TOC_LEADER_GAP: f64 = 4.0;
    /// Daftar isi: space between entries.
    pub const TOC_GAP: f64 = 5.0;
    /// Daftar isi: the nomor under an SOP's name.
    pub const TOC_NOMOR: f64 = 8.0;
    /// Daftar isi: the shortest dot leader, in dots.
    pub const TOC_MIN_DOTS: f64 = 4.0;
    /// Penjelasan: the term column of the definitions.
    pub const TERM_W: f64 = 150.0;
    /// Monitoring form: column shares (No, Prosedur, berjalan dengan baik, tidak
    /// berjalan dengan baik, catatan, tindakan, paraf).
    pub const MONITOR_COLS: [f64; 7] = [0.035, 0.315, 0.09, 0.09, 0.185, 0.185, 0.1];
    /// Monitoring form: room to write in each row.
    pub const MONITOR_ROW: f64 = 24.0;
    /// Monitoring form: the fields above the table.
    pub const MONITOR_TEXT: f64 = 9.5;
    /// Monitoring form: the nomor under an SOP's name.
    pub const MONITOR_NOMOR: f64 = 7.0;
    /// Monitoring form: the label column of its heading ("Unit Kerja").
    pub const MONITOR_LABEL_W: f64 = 110.0;
}
