//! The only file that talks to the YAML library (serde-saphyr). It turns the library's
//! positions into byte [`Span`]s once, here: values after a successful parse carry byte
//! offsets, but syntax errors carry only a line and a column counted in characters.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as YSpanned;

use super::{Node, Value};
use crate::diag::Diagnostic;
use crate::limits;
use crate::source::{FileId, SourceFile, Span};

/// A node as deserialized, before its span is resolved to our file.
struct Raw(RawValue);

enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<YSpanned<Raw>>),
    Map(Vec<(YSpanned<Raw>, YSpanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw(RawValue::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw(RawValue::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw(match i64::try_from(v) {
            Ok(i) => RawValue::Int(i),
            Err(_) => RawValue::Float(v as f64),
        }))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw(RawValue::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw(RawValue::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw(RawValue::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw(RawValue::Str(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw(RawValue::Str(v)))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw(RawValue::Str(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw(RawValue::Null))
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw(RawValue::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<YSpanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw(RawValue::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<YSpanned<Raw>, YSpanned<Raw>>()? {
            entries.push((k, v));
        }
        Ok(Raw(RawValue::Map(entries)))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Raw, A::Error> {
        Err(de::Error::custom("YAML tags are not supported here"))
    }
}

fn span_of(file_id: FileId, file: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    let sp = loc.span();
    match (sp.byte_offset(), sp.byte_len()) {
        (Some(off), Some(len)) => {
            let start = usize::try_from(off).unwrap_or(usize::MAX);
            let mut end = start.saturating_add(usize::try_from(len).unwrap_or(0));
            if end > file.text.len() {
                end = file.text.len();
            }
            Span::new(file_id, start.min(end), end)
        }
        _ if loc.line() > 0 => {
            let off = file.offset_of(loc.line() as usize, loc.column() as usize);
            Span::new(file_id, off, off)
        }
        _ => Span::new(file_id, 0, 0),
    }
}

/// Gives a zero-length span the length of the token it points at, so labels are
/// visible; trims the quotes and trailing blanks that some spans include.
fn widen(file: &SourceFile, span: Span) -> Span {
    let text = &file.text;
    let (mut start, mut end) = (span.start as usize, span.end as usize);
    if start >= text.len() {
        return span;
    }
    if start == end {
        let rest = &text[start..];
        let n = rest
            .char_indices()
            .find(|&(_, c)| c == '\n' || c == '\r')
            .map_or(rest.len(), |(i, _)| i);
        let first = rest.chars().next().map_or(0, char::len_utf8);
        end = start
            + if rest.starts_with(['-', '[', '{']) {
                first
            } else {
                n.max(first)
            };
    }
    while end > start && text[..end].ends_with([' ', '\t', '\r', '\n']) {
        end -= 1;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    while start < end && text[start..].starts_with([' ', '\t']) {
        start += 1;
    }
    Span::new(span.file, start, end)
}

fn convert(file_id: FileId, file: &SourceFile, raw: YSpanned<Raw>) -> Node {
    let span = widen(file, span_of(file_id, file, &raw.referenced));
    let value = match raw.value.0 {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(i) => Value::Int(i),
        RawValue::Float(f) => Value::Float(f),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|i| convert(file_id, file, i))
                .collect(),
        ),
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(file_id, file, k), convert(file_id, file, v)))
                .collect(),
        ),
    };
    let span = flow_extent(file, span, &value);
    Node { value, span }
}

/// A flow collection (`[a, b]`, `{ k: v }`) spans up to its closing bracket, so a label
/// on it marks all of it; the library gives only its first byte. A block collection
/// keeps the first line (see [`widen`]).
fn flow_extent(file: &SourceFile, span: Span, value: &Value) -> Span {
    let text = file.text.as_bytes();
    let start = span.start as usize;
    match (text.get(start), value) {
        (Some(b'['), Value::Seq(_)) | (Some(b'{'), Value::Map(_)) => {}
        _ => return span,
    }
    // The text parsed, so brackets balance; in a flow collection a plain scalar cannot
    // hold a bracket, so only quoted scalars and comments need skipping.
    let mut depth = 0usize;
    let mut at = start;
    while let Some(&b) = text.get(at) {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Span::new(span.file, start, at + 1);
                }
            }
            b'"' | b'\'' if !starts_scalar(text, start, at) => {}
            b'"' => {
                at += 1;
                while let Some(&c) = text.get(at) {
                    match c {
                        b'\\' => at += 1,
                        b'"' => break,
                        _ => {}
                    }
                    at += 1;
                }
            }
            b'\'' => {
                at += 1;
                while let Some(&c) = text.get(at) {
                    if c == b'\'' {
                        if text.get(at + 1) == Some(&b'\'') {
                            at += 1;
                        } else {
                            break;
                        }
                    }
                    at += 1;
                }
            }
            b'#' if at > 0 && matches!(text[at - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                while text.get(at).is_some_and(|&c| c != b'\n') {
                    at += 1;
                }
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    span
}

/// True when a quote at `at` opens a quoted scalar, rather than sitting inside a plain
/// one (`Surat Kadin's`): only blanks separate it from `[`, `{`, `,` or `:`.
fn starts_scalar(text: &[u8], start: usize, at: usize) -> bool {
    text[start..at]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .is_some_and(|b| matches!(b, b'[' | b'{' | b',' | b':'))
}

pub(super) fn parse(file_id: FileId, file: &SourceFile) -> Result<Node, Box<Diagnostic>> {
    let opts = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_DEPTH,
            max_nodes: limits::MAX_NODES,
            max_aliases: limits::MAX_ALIASES,
            max_documents: 1,
        },
    };
    if file.text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            span: Span::new(file_id, 0, 0),
        });
    }
    match serde_saphyr::from_str_with_options::<YSpanned<Raw>>(&file.text, opts) {
        Ok(raw) => Ok(convert(file_id, file, raw)),
        Err(err) => Err(Box::new(error(file_id, file, &err))),
    }
}

fn error(file_id: FileId, file: &SourceFile, err: &serde_saphyr::Error) -> Diagnostic {
    let full = err.to_string();
    let message = clean_message(&full);
    let span = err
        .location()
        .map_or(Span::new(file_id, 0, 0), |loc| span_of(file_id, file, &loc));
    let lower = message.to_lowercase();
    let span = if lower.contains("tab") {
        tab_at_or_after(file, span)
    } else {
        widen(file, span)
    };
    if lower.contains("duplicate") {
        Diagnostic::error("sop::yaml::duplicate-key", "duplicate key", span)
            .label("written twice")
            .help("each key may appear once in a mapping; remove or merge the second one")
    } else if lower.contains("budget breached: documents") {
        // Checked before the other limits: a second document is a mistake in the text,
        // not a file that is too big.
        Diagnostic::error(
            "sop::yaml::syntax",
            "invalid YAML: more than one document in the file",
            span,
        )
        .label("a second document starts here")
        .help(syntax_help("multiple document"))
    } else if lower.contains("budget") || lower.contains("recursion") || lower.contains("limit") {
        Diagnostic::error(
            "sop::yaml::limit",
            "file is too deeply nested or too large to read",
            span,
        )
        .label("limit reached here")
        .help(format!(
            "an SOP file may nest at most {} levels, hold at most {} values and use at most {} aliases; look for brackets that are never closed",
            limits::MAX_DEPTH,
            limits::MAX_NODES,
            limits::MAX_ALIASES
        ))
    } else {
        Diagnostic::error(
            "sop::yaml::syntax",
            format!("invalid YAML: {message}"),
            span,
        )
        .label("here")
        .help(syntax_help(&lower))
    }
}

/// The library places a tab error at the start of the scalar it was reading, which may
/// be a line above; the tab itself is the place to mark.
fn tab_at_or_after(file: &SourceFile, span: Span) -> Span {
    let text = &file.text;
    let start = (span.start as usize).min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    match text.get(line_start..).and_then(|t| t.find('\t')) {
        Some(i) => Span::new(span.file, line_start + i, line_start + i + 1),
        None => widen(file, span),
    }
}

fn syntax_help(lower: &str) -> String {
    if lower.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation".into()
    } else if lower.contains("anchor") {
        "an alias `*name` repeats the value marked `&name` above it in the file; write the anchor first, or write the value out in place of the alias".into()
    } else if lower.contains("multiple document") || lower.contains("document") {
        "an SOP file holds one YAML document; remove the `---` separator".into()
    } else {
        "check the indentation and the quotes on this line; put text in quotes when it contains `:` followed by a space, or starts with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@`".into()
    }
}

/// The library's message without its own position suffix (we show ours).
fn clean_message(full: &str) -> String {
    let first = full.lines().next().unwrap_or(full).trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let first = first.trim_end_matches(':').trim();
    if first.is_empty() {
        "cannot parse".into()
    } else {
        first.to_string()
    }
}
