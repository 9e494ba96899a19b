//! Lines of a source text: where each starts, its indentation, whether it is blank or
//! a comment. The rewrite of `sopc fmt` works on whole lines, so comments move with
//! the keys they stand above.

/// A text cut into lines.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Cuts `text` into lines (a last line without `\n` counts).
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() == Some(&text.len()) && !text.is_empty() {
            starts.pop();
        }
        Lines { text, starts }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Byte offset where line `i` starts.
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// Byte offset just past line `i`, its `\n` included.
    pub fn end(&self, i: usize) -> usize {
        self.start(i + 1)
    }

    /// Line `i` without its line break.
    pub fn get(&self, i: usize) -> &'a str {
        let s = &self.text[self.start(i)..self.end(i)];
        s.strip_suffix('\n').unwrap_or(s)
    }

    /// The line holding byte `offset`.
    pub fn of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Leading spaces of line `i`.
    pub fn indent(&self, i: usize) -> usize {
        let l = self.get(i);
        l.len() - l.trim_start_matches(' ').len()
    }

    /// True for a line of white space only.
    pub fn is_blank(&self, i: usize) -> bool {
        self.get(i).trim().is_empty()
    }

    /// True for a line holding only a comment.
    pub fn is_comment(&self, i: usize) -> bool {
        self.get(i).trim_start().starts_with('#')
    }

    /// The text of lines `a..=b`, each ending with `\n`.
    pub fn block(&self, a: usize, b: usize) -> String {
        let mut s = self.text[self.start(a)..self.end(b)].to_string();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_lines() {
        let l = Lines::new("a: 1\n  # c\n\nb");
        assert_eq!(l.len(), 4);
        assert_eq!(l.get(1), "  # c");
        assert!(l.is_comment(1) && l.is_blank(2) && !l.is_blank(3));
        assert_eq!(l.indent(1), 2);
        assert_eq!(l.of(6), 1);
        assert_eq!(l.block(3, 3), "b\n");
        assert_eq!(Lines::new("a\n").len(), 1);
    }
}
