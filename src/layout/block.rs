//! Paragraphs broken into lines and measured: the content of table cells.

use super::document::{Font, Link};
use super::sink::{Sink, TextLine};
use super::style;
use super::text;
use crate::markup::{self, Run};
use crate::source::Span;

/// A piece of a line in one face, with its link and measured width.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    font: Font,
    link: Option<Link>,
    width: f64,
}

/// Appends `c` in this face and link to a list of pieces, joining it to the last piece
/// when they look the same.
fn push_char(pieces: &mut Vec<Piece>, c: char, font: Font, link: &Option<Link>) {
    match pieces.last_mut() {
        Some(last) if last.font == font && &last.link == link => last.text.push(c),
        _ => pieces.push(Piece {
            text: c.to_string(),
            font,
            link: link.clone(),
            width: 0.0,
        }),
    }
}

fn measure(mut pieces: Vec<Piece>, size: f64) -> Vec<Piece> {
    for q in &mut pieces {
        q.width = text::width(&q.text, q.font, size);
    }
    pieces
}

/// The words of a paragraph with a number and the unit after it ("19 hari") joined into
/// one word where the two fit on one line, so that no line breaks inside a quantity.
fn glue_quantities(words: Vec<Option<Vec<Piece>>>, p: &Para, max: f64) -> Vec<Option<Vec<Piece>>> {
    let text_of = |w: &[Piece]| w.iter().map(|q| q.text.as_str()).collect::<String>();
    let width_of =
        |w: &[Piece]| -> f64 { w.iter().map(|q| text::width(&q.text, q.font, p.size)).sum() };
    let mut out: Vec<Option<Vec<Piece>>> = Vec::new();
    for w in words {
        if let (Some(Some(prev)), Some(next)) = (out.last_mut(), &w) {
            let space = text::width(" ", p.font, p.size);
            if text::quantity_pair(&text_of(prev), &text_of(next))
                && width_of(prev) + space + width_of(next) <= max
            {
                let (font, link) = prev
                    .last()
                    .map_or((p.font, None), |q| (q.font, q.link.clone()));
                push_char(prev, ' ', font, &link);
                for q in next {
                    for c in q.text.chars() {
                        push_char(prev, c, q.font, &q.link);
                    }
                }
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// Breaks runs of styled text into lines no wider than `max`, as [`text::wrap`] does for
/// plain text: at spaces, inside a word only when the word is wider than a line, and at
/// every explicit line break.
fn rich_lines(runs: &[Run], p: &Para, max: f64) -> Vec<Vec<Piece>> {
    // Words: each a list of pieces; `None` is a line break.
    let mut words: Vec<Option<Vec<Piece>>> = Vec::new();
    let mut word: Vec<Piece> = Vec::new();
    for r in runs {
        let font = if r.italic { Font::Italic } else { p.font };
        let link = r.link.as_ref().map(|l| Link::Uri(l.target()));
        for c in r.text.chars() {
            match c {
                '\n' => {
                    if !word.is_empty() {
                        words.push(Some(std::mem::take(&mut word)));
                    }
                    words.push(None);
                }
                ' ' | '\t' | '\r' => {
                    if !word.is_empty() {
                        words.push(Some(std::mem::take(&mut word)));
                    }
                }
                c => push_char(&mut word, c, font, &link),
            }
        }
    }
    if !word.is_empty() {
        words.push(Some(word));
    }
    let words = glue_quantities(words, p, max);
    let space = text::width(" ", p.font, p.size);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut line_w = 0.0;
    for w in words {
        let Some(w) = w else {
            lines.push(measure(std::mem::take(&mut line), p.size));
            line_w = 0.0;
            continue;
        };
        let ww: f64 = w.iter().map(|q| text::width(&q.text, q.font, p.size)).sum();
        if !line.is_empty() && line_w + space + ww <= max {
            // The space takes the face and link of the word before it when the word
            // after it has them too (one linked phrase), else the paragraph's.
            let (font, link) = match (line.last(), w.first()) {
                (Some(a), Some(b)) if a.font == b.font && a.link == b.link => {
                    (a.font, a.link.clone())
                }
                _ => (p.font, None),
            };
            push_char(&mut line, ' ', font, &link);
            for q in w {
                for c in q.text.chars() {
                    push_char(&mut line, c, q.font, &q.link);
                }
            }
            line_w += space + ww;
        } else if ww <= max {
            if !line.is_empty() {
                lines.push(measure(std::mem::take(&mut line), p.size));
            }
            line = w;
            line_w = ww;
        } else {
            // A word wider than a line: by characters.
            if !line.is_empty() {
                lines.push(measure(std::mem::take(&mut line), p.size));
            }
            line_w = 0.0;
            for q in w {
                for c in q.text.chars() {
                    let cw = text::width(c.encode_utf8(&mut [0; 4]), q.font, p.size);
                    if !line.is_empty() && line_w + cw > max {
                        lines.push(measure(std::mem::take(&mut line), p.size));
                        line_w = 0.0;
                    }
                    push_char(&mut line, c, q.font, &q.link);
                    line_w += cw;
                }
            }
        }
    }
    lines.push(measure(line, p.size));
    while lines.len() > 1 && lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A paragraph to lay out in a given width.
#[derive(Debug, Clone)]
pub struct Para {
    /// Text (may hold `\n`).
    pub text: String,
    /// Face.
    pub font: Font,
    /// Size.
    pub size: f64,
    /// Alignment.
    pub align: Align,
    /// A list marker ("1.") hung left of the text.
    pub marker: Option<String>,
    /// Link target for every line.
    pub link: Option<Link>,
    /// Extra space above, in points.
    pub space_before: f64,
    /// The source it shows.
    pub source: Option<Span>,
    /// Grey instead of black.
    pub muted: bool,
    /// The text carries inline markup ([`crate::markup`]): italics and links.
    pub rich: bool,
}

impl Para {
    /// Makes the text grey.
    pub fn color_muted(&mut self) {
        self.muted = true;
    }

    /// Regular body text.
    pub fn body(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            font: Font::Regular,
            size: style::BODY,
            align: Align::Left,
            marker: None,
            link: None,
            space_before: 0.0,
            source: None,
            muted: false,
            rich: false,
        }
    }
    /// Body text with inline markup (`_italic_`, `[text](sop-id)`, web addresses).
    pub fn rich(text: impl Into<String>) -> Para {
        Para {
            rich: true,
            ..Para::body(text)
        }
    }
    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Para {
        Para {
            font: Font::Italic,
            ..Para::body(text)
        }
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Para {
        Para {
            font: Font::Bold,
            ..Para::body(text)
        }
    }
    /// Sets the alignment.
    pub fn align(mut self, a: Align) -> Para {
        self.align = a;
        self
    }
    /// Sets the size.
    pub fn size(mut self, s: f64) -> Para {
        self.size = s;
        self
    }
    /// Sets the list marker.
    pub fn marker(mut self, m: impl Into<String>) -> Para {
        self.marker = Some(m.into());
        self
    }
    /// Sets the source span.
    pub fn source(mut self, s: Option<Span>) -> Para {
        self.source = s;
        self
    }
    /// Sets the link.
    pub fn link(mut self, l: Option<Link>) -> Para {
        self.link = l;
        self
    }
    /// Adds space above.
    pub fn space_before(mut self, s: f64) -> Para {
        self.space_before = s;
        self
    }
}

/// One placed line of a laid-out block, relative to the block's top-left corner.
#[derive(Debug, Clone)]
pub struct PlacedLine {
    /// X offset.
    pub dx: f64,
    /// Top of the line box.
    pub dy: f64,
    /// Height of the line box.
    pub h: f64,
    /// The line.
    pub line: TextLine,
    /// Source.
    pub source: Option<Span>,
}

/// Paragraphs broken into lines for a width.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The lines.
    pub lines: Vec<PlacedLine>,
    /// Total height.
    pub height: f64,
}

impl Block {
    /// Lays out paragraphs in `width` points. A paragraph with inline markup
    /// ([`Para::rich`]) is drawn as pieces in their faces, each line of it one text item
    /// per piece.
    pub fn new(paras: &[Para], width: f64) -> Block {
        let mut lines = Vec::new();
        let mut y = 0.0;
        for p in paras {
            y += p.space_before;
            let lh = text::line_height(p.font, p.size);
            let marker_w = p
                .marker
                .as_ref()
                .map_or(0.0, |m| text::width(m, p.font, p.size) + 3.0);
            // A marker wider than a third of the cell would leave no room: drop it.
            let marker_w = if marker_w > width / 3.0 {
                0.0
            } else {
                marker_w
            };
            let avail = (width - marker_w).max(1.0);
            let runs = if p.rich {
                markup::parse(&p.text)
            } else {
                Vec::new()
            };
            if runs.iter().any(|r| r.italic || r.link.is_some()) {
                let color = if p.muted { style::MUTED } else { style::INK };
                for (i, pieces) in rich_lines(&runs, p, avail).into_iter().enumerate() {
                    if i == 0 && marker_w > 0.0 {
                        if let Some(m) = &p.marker {
                            let mut ml = TextLine::new(m.clone(), p.font, p.size);
                            ml.color = color;
                            lines.push(PlacedLine {
                                dx: 0.0,
                                dy: y,
                                h: lh,
                                line: ml,
                                source: p.source,
                            });
                        }
                    }
                    let w: f64 = pieces.iter().map(|q| q.width).sum();
                    let mut dx = marker_w
                        + match p.align {
                            Align::Left => 0.0,
                            Align::Center => ((avail - w) / 2.0).max(0.0),
                            Align::Right => (avail - w).max(0.0),
                        };
                    for q in pieces {
                        let mut tl = TextLine::new(q.text, q.font, p.size);
                        tl.link = q.link.or_else(|| p.link.clone());
                        tl.color = color;
                        lines.push(PlacedLine {
                            dx,
                            dy: y,
                            h: lh,
                            line: tl,
                            source: p.source,
                        });
                        dx += q.width;
                    }
                    y += lh;
                }
                continue;
            }
            let wrapped = text::wrap(&p.text, p.font, p.size, avail);
            for (i, l) in wrapped.into_iter().enumerate() {
                if i == 0 && marker_w > 0.0 {
                    if let Some(m) = &p.marker {
                        let mut ml = TextLine::new(m.clone(), p.font, p.size);
                        if p.muted {
                            ml.color = style::MUTED;
                        }
                        lines.push(PlacedLine {
                            dx: 0.0,
                            dy: y,
                            h: lh,
                            line: ml,
                            source: p.source,
                        });
                    }
                }
                let w = text::width(&l, p.font, p.size);
                let dx = marker_w
                    + match p.align {
                        Align::Left => 0.0,
                        Align::Center => ((avail - w) / 2.0).max(0.0),
                        Align::Right => (avail - w).max(0.0),
                    };
                let mut tl = TextLine::new(l, p.font, p.size);
                tl.link = p.link.clone();
                if p.muted {
                    tl.color = style::MUTED;
                }
                lines.push(PlacedLine {
                    dx,
                    dy: y,
                    h: lh,
                    line: tl,
                    source: p.source,
                });
                y += lh;
            }
        }
        Block { lines, height: y }
    }

    /// Draws the block with its top-left corner at (x, y).
    pub fn draw(&self, sink: &mut Sink, x: f64, y: f64) {
        for l in &self.lines {
            if !l.line.text.is_empty() {
                sink.text(x + l.dx, y + l.dy, l.line.clone(), l.source);
            }
        }
    }

    /// Splits the block so that the first part is at most `h` high (at a line
    /// boundary); the rest is moved up to start at 0.
    pub fn split(&self, h: f64) -> (Block, Block) {
        let cut = self
            .lines
            .iter()
            .filter(|l| l.dy + l.h <= h + 1e-6)
            .map(|l| l.dy + l.h)
            .fold(0.0, f64::max);
        let mut first = Block::default();
        let mut rest = Block::default();
        for l in &self.lines {
            if l.dy + l.h <= cut + 1e-6 {
                first.lines.push(l.clone());
            } else {
                let mut m = l.clone();
                m.dy -= cut;
                rest.lines.push(m);
            }
        }
        first.height = cut;
        rest.height = (self.height - cut).max(0.0);
        (first, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italics_and_links_are_pieces_of_a_line_measured_in_their_face() {
        let b = Block::new(
            &[Para::rich("istilah _feedback_ dan [SOP A](sop-a)")],
            400.0,
        );
        let pieces: Vec<(&str, Font, Option<&str>)> = b
            .lines
            .iter()
            .map(|l| {
                let link = match &l.line.link {
                    Some(Link::Uri(u)) => Some(u.as_str()),
                    Some(Link::Page(_)) | None => None,
                };
                (l.line.text.as_str(), l.line.font, link)
            })
            .collect();
        assert_eq!(
            pieces,
            [
                ("istilah ", Font::Regular, None),
                ("feedback", Font::Italic, None),
                (" dan ", Font::Regular, None),
                ("SOP A", Font::Regular, Some("sop-a.html")),
            ]
        );
        // Each piece starts where the one before it ends, measured in its own face.
        for pair in b.lines.windows(2) {
            let end = pair[0].dx + text::width(&pair[0].line.text, pair[0].line.font, style::BODY);
            assert!((pair[1].dx - end).abs() < 1e-9);
        }
        // The italic face is its own file (Arial metrics: the same advances).
        assert!(
            crate::fonts::metrics(Font::Italic).has_glyph('f')
                && !std::ptr::eq(
                    crate::fonts::bytes(Font::Italic),
                    crate::fonts::bytes(Font::Regular)
                )
        );
    }

    #[test]
    fn rich_text_wraps_within_the_width_and_keeps_plain_text_as_before() {
        let t = "Memverifikasi _briefing_ konsep surat dan memberi paraf sebelum diteruskan";
        let b = Block::new(&[Para::rich(t)], 80.0);
        let mut rows: std::collections::BTreeMap<i64, f64> = Default::default();
        for l in &b.lines {
            let right = l.dx + text::width(&l.line.text, l.line.font, style::BODY);
            let r = rows.entry((l.dy * 100.0) as i64).or_default();
            *r = r.max(right);
        }
        assert!(rows.len() > 1);
        assert!(rows.values().all(|&r| r <= 80.0 + 1e-9), "{rows:?}");
        let mut by_line: std::collections::BTreeMap<i64, String> = Default::default();
        for l in &b.lines {
            by_line
                .entry((l.dy * 100.0) as i64)
                .or_default()
                .push_str(&l.line.text);
        }
        let words: Vec<String> = by_line.into_values().collect();
        assert_eq!(words.join(" "), t.replace('_', ""));
        // Without markup a rich paragraph is laid out as a plain one.
        let plain = Block::new(&[Para::body("file_name biasa")], 80.0);
        let rich = Block::new(&[Para::rich("file_name biasa")], 80.0);
        assert_eq!(plain.lines.len(), rich.lines.len());
        assert_eq!(plain.lines[0].line, rich.lines[0].line);
    }
}
