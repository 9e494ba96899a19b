//! Text measurement and line breaking: the only place text is measured. Widths come
//! from the same font files that the PDF embeds and the HTML loads, with plain advance
//! widths (the PDF applies no kerning), so a line breaks the same way everywhere.

use crate::fonts::metrics;
use crate::layout::document::Font;

/// Width of `text` in points.
pub fn width(text: &str, font: Font, size: f64) -> f64 {
    let m = metrics(font);
    let units: u64 = text.chars().map(|c| u64::from(m.advance(c))).sum();
    units as f64 * size / m.units_per_em
}

/// Distance from the top of a line box to the baseline.
pub fn ascent(font: Font, size: f64) -> f64 {
    let m = metrics(font);
    (m.ascender + m.line_gap / 2.0) * size / m.units_per_em
}

/// Height of one line box (ascender + descender + line gap).
pub fn line_height(font: Font, size: f64) -> f64 {
    let m = metrics(font);
    (m.ascender + m.descender + m.line_gap) * size / m.units_per_em
}

/// Words that name a unit of time or a count, after the number of a quantity.
pub const UNITS: [&str; 8] = [
    "detik", "menit", "jam", "hari", "minggu", "bulan", "tahun", "kali",
];

/// True when `number` and `unit` make one quantity ("19 hari", "3 jam,"), which a
/// line never breaks between.
pub fn quantity_pair(number: &str, unit: &str) -> bool {
    let digits = number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | '-'));
    let unit = unit
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .to_lowercase();
    digits && UNITS.contains(&unit.as_str())
}

/// The words of a paragraph, a number and the unit after it kept as one word where the
/// two fit in `max` points.
fn glued_words(para: &str, font: Font, size: f64, max: f64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in para.split(' ').filter(|w| !w.is_empty()) {
        match out.last_mut() {
            Some(prev)
                if quantity_pair(prev, word)
                    && width(&format!("{prev} {word}"), font, size) <= max =>
            {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max` points: at spaces where possible (never
/// between a number and its unit, "19 hari", where the two fit on one line), and
/// inside a word that is wider than a whole line (so nothing is drawn past the edge).
/// Explicit line breaks in the text are kept. Tabs count as spaces.
pub fn wrap(text: &str, font: Font, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = para.replace(['\t', '\r'], " ");
        let mut line = String::new();
        let mut line_w = 0.0;
        let space = width(" ", font, size);
        for word in glued_words(&para, font, size, max) {
            let word = word.as_str();
            let ww = width(word, font, size);
            if line.is_empty() && ww <= max {
                line.push_str(word);
                line_w = ww;
            } else if !line.is_empty() && line_w + space + ww <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + ww;
            } else if ww <= max {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
                line_w = ww;
            } else {
                // A word wider than the line: fill the current line with its start up
                // to a slash or hyphen ("subkegiatan/" | "output"), never inside a
                // part of it, then break the rest by characters.
                let mut rest = word;
                if !line.is_empty() {
                    let room = max - line_w - space;
                    let n = fit(rest, font, size, room);
                    let n = rest[..n].rfind(['/', '-']).map_or(0, |k| k + 1);
                    if n > 1 && n < rest.len() {
                        line.push(' ');
                        line.push_str(&rest[..n]);
                        rest = &rest[n..];
                    }
                    lines.push(std::mem::take(&mut line));
                }
                loop {
                    let n = fit(rest, font, size, max).max(first_char_len(rest));
                    // Break after a slash or hyphen that fits ("Persyaratan/" |
                    // "Kelengkapan") rather than inside a word.
                    let n = match rest[..n].rfind(['/', '-']) {
                        Some(k) if n < rest.len() && k + 1 < n && k > 0 => k + 1,
                        _ => n,
                    };
                    if n >= rest.len() {
                        line.push_str(rest);
                        line_w = width(rest, font, size);
                        break;
                    }
                    lines.push(rest[..n].to_string());
                    rest = &rest[n..];
                }
            }
        }
        lines.push(line);
    }
    // Drop trailing empty lines, keep at least one.
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn first_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// How many bytes of `s` fit in `max` points (on a char boundary).
fn fit(s: &str, font: Font, size: f64, max: f64) -> usize {
    let m = metrics(font);
    let scale = size / m.units_per_em;
    let mut w = 0.0;
    for (i, c) in s.char_indices() {
        w += f64::from(m.advance(c)) * scale;
        if w > max {
            return i;
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arial_metrics() {
        // Liberation Sans has Arial's widths: "a" is 1139 units of 2048.
        let w = width("a", Font::Regular, 2048.0);
        assert!((w - 1139.0).abs() < 0.001, "{w}");
        assert!(width("W", Font::Bold, 10.0) > width("W", Font::Regular, 10.0) - 0.01);
    }

    #[test]
    fn never_breaks_between_a_number_and_its_unit() {
        let one = width("Maksimal waktu tunggu 3", Font::Regular, 8.0);
        let lines = wrap(
            "Maksimal waktu tunggu 3 hari kerja",
            Font::Regular,
            8.0,
            one + 1.0,
        );
        assert_eq!(lines[0], "Maksimal waktu tunggu");
        assert!(lines[1].starts_with("3 hari"), "{lines:?}");
        assert!(quantity_pair("14", "hari,"));
        assert!(!quantity_pair("Bab", "hari"));
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let t = "Memverifikasi konsep surat dan memberi paraf sebelum diteruskan";
        let lines = wrap(t, Font::Regular, 8.0, 80.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, Font::Regular, 8.0) <= 80.0 + 1e-9, "{l}");
        }
        assert_eq!(lines.join(" "), t);
    }

    #[test]
    fn breaks_a_long_word() {
        let word = "a".repeat(200);
        let lines = wrap(&word, Font::Regular, 8.0, 50.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(width(l, Font::Regular, 8.0) <= 50.0 + 1e-9);
        }
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn a_long_word_breaks_after_a_slash() {
        let lines = wrap("Persyaratan/Kelengkapan", Font::Bold, 8.0, 90.0);
        assert_eq!(lines, ["Persyaratan/", "Kelengkapan"]);
    }

    #[test]
    fn a_long_word_after_others_is_not_broken_inside_a_part() {
        let f = |s: &str| width(s, Font::Regular, 8.0);
        // "Dok subkegiatan/" fits, the whole text does not, and the long word alone
        // does not fit either: the line ends after the slash.
        let max = f("Dok subkegiatan/k") + 0.5;
        assert!(f("subkegiatan/keluaranutama") > max);
        let lines = wrap("Dok subkegiatan/keluaranutama", Font::Regular, 8.0, max);
        assert_eq!(lines, ["Dok subkegiatan/", "keluaranutama"]);
        // Without a slash, the long word starts on a line of its own.
        let word = "Subkegiatanoutputnya";
        let max = f("Dokumen Subkegiat") + 0.5;
        let lines = wrap(&format!("Dokumen {word}"), Font::Regular, 8.0, max);
        assert_eq!(lines[0], "Dokumen");
        assert_eq!(lines[1..].concat(), word);
    }

    #[test]
    fn keeps_multibyte_chars_whole() {
        let word = "é–ü".repeat(50);
        let lines = wrap(&word, Font::Regular, 8.0, 30.0);
        assert_eq!(lines.concat(), word);
    }
}
