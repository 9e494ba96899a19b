//! Diagnostics: every error and warning of a run, collected (never bailed on), sorted by
//! file and position, and printed as miette reports, short lines, JSON or GitHub
//! workflow annotations.
//!
//! Every diagnostic has a stable `code` (`sop::<area>::<problem>`), listed with its meaning
//! in `docs/diagnostics.md`; tests and CI scripts match on it.

use std::fmt::Write as _;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::source::{FileId, SourceMap, Span};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The SOP is wrong: `check` fails and `build` does not render it.
    Error,
    /// Worth fixing, but the SOP can still be rendered.
    Warning,
}

/// A marked place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// A few words shown under the marked text.
    pub text: String,
}

/// One problem found in the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable identifier, e.g. `sop::flow::unreachable`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Headline: lower case, no full stop, names in backticks.
    pub message: String,
    /// The primary place.
    pub span: Span,
    /// Text under the primary place.
    pub label: String,
    /// Other places, possibly in other files ("first defined here").
    pub others: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            others: Vec::new(),
            help: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }

    /// Sets the text under the primary place.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = text.into();
        self
    }

    /// Adds a secondary place.
    pub fn with(mut self, span: Span, text: impl Into<String>) -> Self {
        self.others.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Sets the help line when there is one.
    pub fn maybe_help(mut self, text: Option<String>) -> Self {
        if text.is_some() {
            self.help = text;
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The collected diagnostics of a run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    /// Warnings left out by `periksa: { code: allow }`.
    pub allowed: usize,
    /// Diagnostics left out because the baseline accepts them.
    pub baselined: usize,
}

impl Diagnostics {
    /// No diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    /// Adds many.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(ds);
    }

    /// Keeps each diagnostic that `f` returns, changed as it returns it, in order.
    pub fn filter_map(&mut self, f: impl FnMut(Diagnostic) -> Option<Diagnostic>) {
        self.list = std::mem::take(&mut self.list)
            .into_iter()
            .filter_map(f)
            .collect();
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    /// True when some diagnostic is an error in `file`.
    pub fn has_errors_in(&self, file: FileId) -> bool {
        self.list
            .iter()
            .any(|d| d.is_error() && d.span.file == file)
    }

    /// Sorts by file, position, severity and code, and drops exact duplicates, so that
    /// output is the same on every run.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (
                a.span.file,
                a.span.start,
                a.span.end,
                a.severity,
                a.code,
                &a.message,
            )
                .cmp(&(
                    b.span.file,
                    b.span.start,
                    b.span.end,
                    b.severity,
                    b.code,
                    &b.message,
                ))
        });
        self.list.dedup();
    }

    /// Keeps the first `max` diagnostics of each file (call after [`Self::sort`]); the
    /// rest of a file are counted in one last diagnostic, `sop::limit::diagnostics`,
    /// which is an error when an error was left out.
    pub fn limit_per_file(&mut self, max: usize) {
        let mut out: Vec<Diagnostic> = Vec::with_capacity(self.list.len().min(max * 4));
        let mut i = 0;
        while i < self.list.len() {
            let file = self.list[i].span.file;
            let end = self.list[i..]
                .iter()
                .position(|d| d.span.file != file)
                .map_or(self.list.len(), |n| i + n);
            let group = &self.list[i..end];
            out.extend(group.iter().take(max).cloned());
            if let Some(first) = group.get(max) {
                let rest = &group[max..];
                let errors = rest.iter().filter(|d| d.is_error()).count();
                let warnings = rest.len() - errors;
                let message = format!(
                    "{} more problems in this file are not shown ({errors} errors, {warnings} warnings)",
                    rest.len()
                );
                let d = if errors > 0 {
                    Diagnostic::error("sop::limit::diagnostics", message, first.span)
                } else {
                    Diagnostic::warning("sop::limit::diagnostics", message, first.span)
                };
                out.push(d.label("from here on").help(format!(
                    "fix the problems shown and run again; at most {max} are shown per file"
                )));
            }
            i = end;
        }
        self.list = out;
    }

    /// The diagnostics, in their current order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.list.len()
    }
}

/// A file's text as miette reads it. miette's own sources count the column of the
/// `[file:line:column]` header in bytes; this one counts characters, like the short,
/// JSON and GitHub forms, so all four agree on a line with non-ASCII text before the mark.
#[derive(Debug)]
struct Source {
    name: String,
    text: Arc<str>,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let mut column = inner.column();
        // miette reports a column only for a span read without context lines.
        if context_lines_before == 0 {
            let start = span.offset();
            let line_start = self
                .text
                .get(..start)
                .and_then(|before| before.rfind(['\n', '\r']))
                .map_or(0, |i| i + 1);
            if let Some(before) = self.text.get(line_start..start) {
                column = before.chars().count();
            }
        }
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line(),
                column,
                inner.line_count(),
            )
            .with_language("yaml"),
        ))
    }
}

/// A diagnostic bound to its source text, in the form miette renders.
#[derive(Debug)]
struct Report {
    code: &'static str,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    /// `None` when a marked line is too long to show.
    source: Option<Source>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn named_source(sources: &SourceMap, file: FileId) -> Source {
    let f = sources.get(file);
    Source {
        name: f.name.clone(),
        text: f.text.clone(),
    }
}

fn labeled(span: Span, text: &str, primary: bool) -> LabeledSpan {
    let text = (!text.is_empty()).then(|| text.to_string());
    let span = miette::SourceSpan::from(span);
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

/// Longest line shown in a snippet, in bytes. miette prints a marked line whole (and
/// cannot place a label past column 65,535), so a diagnostic on a longer line (a
/// minified or hostile file) is shown with its position instead.
const MAX_SNIPPET_LINE: usize = 1_000;
/// Most lines a label may cover in a snippet; a longer one marks its first line only.
const MAX_SNIPPET_LINES: usize = 8;

/// The span as marked in a snippet, or `None` when a line of the snippet (the marked
/// lines and one line of context on each side) is too long to show.
fn shown(sources: &SourceMap, span: Span) -> Option<Span> {
    let f = sources.get(span.file);
    let first = f.line_range(span.start as usize);
    let text = f.text.get(span.range()).unwrap_or("");
    let span = if text.matches('\n').count() >= MAX_SNIPPET_LINES {
        Span::new(span.file, span.start as usize, first.end)
    } else {
        span
    };
    let last = f.line_range(span.end as usize);
    let before = f.line_range(first.start.saturating_sub(1));
    let after = f.line_range((last.end + 1).min(f.text.len()));
    [first, last, before, after]
        .iter()
        .all(|l| l.len() <= MAX_SNIPPET_LINE)
        .then_some(span)
}

fn report(sources: &SourceMap, d: &Diagnostic) -> Report {
    let Some(primary) = shown(sources, d.span) else {
        return plain_report(sources, d);
    };
    let mut labels = vec![labeled(primary, &d.label, true)];
    let mut related = Vec::new();
    for other in &d.others {
        let Some(span) = shown(sources, other.span) else {
            return plain_report(sources, d);
        };
        if span.file == d.span.file {
            labels.push(labeled(span, &other.text, false));
        } else {
            // Advice, not a second error or warning: it is the same problem's other place.
            related.push(Report {
                code: d.code,
                severity: miette::Severity::Advice,
                message: format!("see {}", sources.get(span.file).name),
                help: None,
                source: Some(named_source(sources, span.file)),
                labels: vec![labeled(span, &other.text, true)],
                related: Vec::new(),
            });
        }
    }
    Report {
        code: d.code,
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        message: d.message.clone(),
        help: d.help.clone(),
        source: Some(named_source(sources, d.span.file)),
        labels,
        related,
    }
}

/// A report without a snippet: the positions are written out.
fn plain_report(sources: &SourceMap, d: &Diagnostic) -> Report {
    let at = |span: Span| {
        let f = sources.get(span.file);
        let (line, col) = f.line_col(span.start as usize);
        format!("{}:{line}:{col}", f.name)
    };
    let mut message = format!("{}\n  at {}", d.message, at(d.span));
    if !d.label.is_empty() {
        message.push_str(&format!(": {}", d.label));
    }
    for other in &d.others {
        message.push_str(&format!("\n  see {}: {}", at(other.span), other.text));
    }
    Report {
        code: d.code,
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        message,
        help: d.help.clone(),
        source: None,
        labels: Vec::new(),
        related: Vec::new(),
    }
}

/// Renders one diagnostic as a miette graphical report.
pub fn render_human(sources: &SourceMap, d: &Diagnostic, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &report(sources, d))
        .is_err()
    {
        out = render_short(sources, d);
    }
    out
}

/// `path:line:col: severity[code]: message`.
pub fn render_short(sources: &SourceMap, d: &Diagnostic) -> String {
    let f = sources.get(d.span.file);
    let (line, col) = f.line_col(d.span.start as usize);
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{}:{line}:{col}: {sev}[{}]: {}", f.name, d.code, d.message)
}

/// A GitHub Actions workflow command (`::error file=…,line=…,col=…::…`).
pub fn render_github(sources: &SourceMap, d: &Diagnostic) -> String {
    render_github_at(sources, d, &sources.get(d.span.file).name)
}

/// [`render_github`] with the file written as `path` (relative to the repository root).
pub fn render_github_at(sources: &SourceMap, d: &Diagnostic, path: &str) -> String {
    let f = sources.get(d.span.file);
    let (line, col) = f.line_col(d.span.start as usize);
    let (end_line, end_col) = f.line_col(d.span.end as usize);
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut msg = d.message.clone();
    if let Some(h) = &d.help {
        let _ = write!(msg, "\nhelp: {h}");
    }
    format!(
        "::{sev} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
        escape_property(path),
        escape_property(d.code),
        escape_data(&msg)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One place in the JSON output.
#[derive(Debug, Serialize)]
pub struct JsonLocation {
    /// File path as shown.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in characters (exclusive).
    pub end_column: usize,
    /// Byte offset of the start.
    pub offset: u32,
    /// Length in bytes.
    pub length: u32,
}

/// A diagnostic in the JSON output (schema in `docs/diagnostics.md`).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// File path as shown.
    pub file: String,
    /// 1-based line of the primary place.
    pub line: usize,
    /// 1-based column of the primary place, in characters.
    pub column: usize,
    /// Stable code.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Headline.
    pub message: String,
    /// Text under the primary place.
    pub label: String,
    /// What to do, if known.
    pub help: Option<String>,
    /// The primary place, with its end.
    pub span: JsonLocation,
    /// Secondary places.
    pub related: Vec<JsonRelated>,
}

/// A secondary place in the JSON output.
#[derive(Debug, Serialize)]
pub struct JsonRelated {
    /// Text under the place.
    pub label: String,
    /// The place.
    pub span: JsonLocation,
}

fn json_location(sources: &SourceMap, span: Span) -> JsonLocation {
    let f = sources.get(span.file);
    let (line, column) = f.line_col(span.start as usize);
    let (end_line, end_column) = f.line_col(span.end as usize);
    JsonLocation {
        file: f.name.clone(),
        line,
        column,
        end_line,
        end_column,
        offset: span.start,
        length: span.end - span.start,
    }
}

/// The JSON form of a diagnostic.
pub fn to_json(sources: &SourceMap, d: &Diagnostic) -> JsonDiagnostic {
    let span = json_location(sources, d.span);
    JsonDiagnostic {
        file: span.file.clone(),
        line: span.line,
        column: span.column,
        code: d.code,
        severity: d.severity,
        message: d.message.clone(),
        label: d.label.clone(),
        help: d.help.clone(),
        span,
        related: d
            .others
            .iter()
            .map(|l| JsonRelated {
                label: l.text.clone(),
                span: json_location(sources, l.span),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_counts_characters_like_the_short_form() {
        let mut sm = SourceMap::new();
        let text = "nama: Kepala Sub Bagian – Umum é 📄 x\n";
        let id = sm.add("t.yaml", text);
        let at = text.find(" x").unwrap() + 1;
        let d = Diagnostic::error("sop::test", "test", Span::new(id, at, at + 1)).label("here");
        assert_eq!(render_short(&sm, &d), "t.yaml:1:36: error[sop::test]: test");
        let human = render_human(&sm, &d, false, 80);
        assert!(human.contains("[t.yaml:1:36]"), "{human}");
    }

    #[test]
    fn a_place_in_another_file_is_advice() {
        let mut sm = SourceMap::new();
        let a = sm.add("a.yaml", "nomor: \"1\"\n");
        let b = sm.add("b.yaml", "nomor: \"1\"\n");
        let d = Diagnostic::error("sop::test", "test", Span::new(b, 7, 10))
            .label("again")
            .with(Span::new(a, 7, 10), "first");
        let human = render_human(&sm, &d, false, 80);
        assert!(human.contains("Advice: sop::test"), "{human}");
        assert!(!human.contains("Warning"), "{human}");
    }

    fn at(sm: &SourceMap, file: FileId, needle: &str) -> Span {
        let start = sm.get(file).text.find(needle).unwrap();
        Span::new(file, start, start + needle.len())
    }

    #[test]
    fn a_label_past_column_65535_is_shown_by_position() {
        // miette panicked ("Formatting argument out of range") on such a label, and
        // printed the whole line for every diagnostic on it.
        let mut sm = SourceMap::new();
        let text = format!("a: 1\nb: [{}, kunci]\nc: 2\n", "x".repeat(70_000));
        let id = sm.add("t.yaml", &text);
        let d = Diagnostic::error("sop::field::unknown", "unknown key", at(&sm, id, "kunci"))
            .label("here");
        let out = render_human(&sm, &d, false, 80);
        assert!(out.contains("t.yaml:2:70007"), "{out}");
        assert!(out.len() < 1_000, "{}", out.len());
        // The line after a long one is shown without it.
        let d = Diagnostic::error("sop::field::unknown", "unknown key", at(&sm, id, "c"));
        assert!(render_human(&sm, &d, false, 80).len() < 1_000);
    }

    #[test]
    fn a_label_over_many_lines_marks_its_first() {
        let mut sm = SourceMap::new();
        let text = format!("a: |\n{}b: 1\n", "  teks\n".repeat(5_000));
        let id = sm.add("t.yaml", &text);
        let span = Span::new(id, 3, text.find("b:").unwrap());
        let out = render_human(&sm, &Diagnostic::error("sop::x", "m", span), false, 80);
        assert!(out.lines().count() < 20, "{out}");
    }

    #[test]
    fn only_the_first_diagnostics_of_a_file_are_kept() {
        let mut sm = SourceMap::new();
        let a = sm.add("a.yaml", &"x\n".repeat(300));
        let b = sm.add("b.yaml", "y\n");
        let mut ds = Diagnostics::new();
        for i in 0..250 {
            ds.push(Diagnostic::warning(
                "sop::w",
                "w",
                Span::new(a, i * 2, i * 2 + 1),
            ));
        }
        ds.push(Diagnostic::error("sop::e", "e", Span::new(a, 599, 600)));
        ds.push(Diagnostic::error("sop::e", "e", Span::new(b, 0, 1)));
        ds.sort();
        ds.limit_per_file(200);
        assert_eq!(ds.len(), 202);
        let note = ds.iter().nth(200).unwrap();
        assert_eq!(note.code, "sop::limit::diagnostics");
        assert!(note.is_error(), "an error was left out");
        assert!(
            note.message.starts_with("51 more problems"),
            "{}",
            note.message
        );
        assert_eq!(ds.iter().nth(201).unwrap().span.file, b);
    }
}
