//! Source files and positions: the [`SourceMap`] of every file read in one run, and the
//! byte-offset [`Span`]s that diagnostics and the display list point with.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span of `file` from `start` to `end` (bytes).
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The byte range, for slicing the source text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start as usize, span.len()).into()
    }
}

/// A value together with the place in the source it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// One file read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given or found (relative to the working directory when possible).
    pub path: PathBuf,
    /// Name shown in diagnostics.
    pub name: String,
    /// The text, with a leading byte order mark removed.
    pub text: Arc<str>,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Makes a source file from its name and text.
    pub fn new(path: PathBuf, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A line ends at LF, CRLF or a CR alone (old Mac files), as YAML has it. A CR
        // alone becomes an LF: one byte for one, so every offset stays, and every stage
        // and report then counts the same lines.
        let normalised;
        let text = if text.contains('\r') {
            let bytes = text.as_bytes();
            let mut out = bytes.to_vec();
            for (i, b) in out.iter_mut().enumerate() {
                if *b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                    *b = b'\n';
                }
            }
            // Only an ASCII byte changed for another: still UTF-8.
            normalised = String::from_utf8(out).unwrap_or_else(|_| text.to_string());
            normalised.as_str()
        } else {
            text
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: path.display().to_string(),
            path,
            text: Arc::from(text),
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The bytes of the line that holds `offset`, without its line end.
    pub fn line_range(&self, offset: usize) -> std::ops::Range<usize> {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// Byte offset of a 1-based line and a 1-based column counted in characters.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let byte_col = line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + byte_col
    }
}

/// Every file read in one run.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl AsRef<Path>, text: &str) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files
            .push(SourceFile::new(path.as_ref().to_path_buf(), text));
        id
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        self.get(span.file).text.get(span.range()).unwrap_or("")
    }

    /// All files, in the order added.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.yaml".into(), "a: Kepala – Umum\nb: x\n");
        let off = f.text.find("Umum").unwrap();
        assert_eq!(f.line_col(off), (1, 13));
        assert_eq!(f.offset_of(1, 13), off);
        assert_eq!(f.line_col(f.text.find('b').unwrap()), (2, 1));
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line() {
        let f = SourceFile::new("a.yaml".into(), "a: 1\rb: 2\r\nc: 3\nd: 4");
        assert_eq!(f.line_col(f.text.find('b').unwrap()), (2, 1));
        assert_eq!(f.line_col(f.text.find('c').unwrap()), (3, 1));
        assert_eq!(f.line_col(f.text.find('d').unwrap()), (4, 1));
        assert_eq!(&f.text[f.line_range(f.text.find('b').unwrap())], "b: 2");
        assert_eq!(&f.text[f.line_range(0)], "a: 1");
    }

    #[test]
    fn bom_is_removed() {
        let f = SourceFile::new("a.yaml".into(), "\u{feff}a: 1");
        assert_eq!(&*f.text, "a: 1");
    }
}
