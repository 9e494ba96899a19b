//! Stage 1: YAML text → a spanned tree ([`Node`]) in which every key and every scalar
//! knows the bytes it was written at. Lowering into the model (`model::lower`) reads
//! this tree, so that one run can report every problem of a file, each at its place.

mod yaml;

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceFile, Span};

/// A YAML value with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value was written: a scalar's text; a flow collection (`[…]`, `{…}`)
    /// up to its closing bracket; a block collection, the rest of its first line.
    pub span: Span,
}

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (plain or quoted).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in written order, with keys as nodes.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What kind of value this is, for "expected a list, found a number" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The text of a scalar: a string as parsed, any other scalar exactly as written
    /// (so `nomor: 188.4` stays `188.4`, not a float). `None` for collections and null.
    pub fn scalar_text(&self, file: &SourceFile) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => Some(
                file.text
                    .get(self.span.range())
                    .map(str::trim)
                    .unwrap_or_default()
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// The key of a mapping entry as text (keys are scalars).
    pub fn key_text(&self, file: &SourceFile) -> String {
        self.scalar_text(file).unwrap_or_default()
    }
}

/// Parses one YAML document. A syntax error stops the parse of that file (a YAML
/// parser cannot go on after one), and is returned as a diagnostic at its place.
pub fn parse(file_id: FileId, file: &SourceFile) -> Result<Node, Box<Diagnostic>> {
    yaml::parse(file_id, file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn parse_str(text: &str) -> (SourceMap, Result<Node, Box<Diagnostic>>) {
        let mut sm = SourceMap::new();
        let id = sm.add("t.yaml", text);
        let r = parse(id, sm.get(id));
        (sm, r)
    }

    #[test]
    fn every_scalar_has_its_byte_span() {
        let (sm, r) = parse_str("nama: Kepala Sub Bagian – Umum\nlangkah:\n  - waktu: 5 menit\n");
        let root = r.unwrap();
        let Value::Map(entries) = &root.value else {
            panic!("not a map")
        };
        let (k, v) = &entries[0];
        assert_eq!(sm.text(k.span), "nama");
        assert_eq!(sm.text(v.span), "Kepala Sub Bagian – Umum");
        let Value::Seq(steps) = &entries[1].1.value else {
            panic!("not a seq")
        };
        let Value::Map(step) = &steps[0].value else {
            panic!("not a map")
        };
        assert_eq!(sm.text(step[0].1.span), "5 menit");
    }

    #[test]
    fn numbers_keep_their_written_text() {
        let (sm, r) = parse_str("nomor: 188.40\n");
        let root = r.unwrap();
        let Value::Map(entries) = &root.value else {
            panic!()
        };
        assert_eq!(
            entries[0].1.scalar_text(sm.get(FileId(0))).unwrap(),
            "188.40"
        );
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        let (sm, r) = parse_str("nama: \"unclosed\nlangkah: []\n");
        let d = r.unwrap_err();
        assert_eq!(d.code, "sop::yaml::syntax");
        let (line, _) = sm.get(FileId(0)).line_col(d.span.start as usize);
        assert!(line >= 1);
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let (sm, r) = parse_str("nama: a\nnama: b\n");
        let d = r.unwrap_err();
        assert_eq!(d.code, "sop::yaml::duplicate-key");
        assert_eq!(sm.text(d.span), "nama");
    }

    #[test]
    fn a_second_document_is_a_syntax_error_not_a_limit() {
        let (sm, r) = parse_str("nama: a\n---\nnama: b\n");
        let d = r.unwrap_err();
        assert_eq!(d.code, "sop::yaml::syntax");
        assert_eq!(sm.text(d.span), "---");
        let (_, r) = parse_str("---\nnama: a\n");
        assert!(r.is_ok());
    }

    #[test]
    fn a_tab_error_marks_the_tab() {
        let (sm, r) = parse_str("nomor: \"1\"\nnama: Contoh\n\tlangkah: 1\n");
        let d = r.unwrap_err();
        assert_eq!(d.code, "sop::yaml::syntax");
        assert_eq!(sm.text(d.span), "\t");
    }

    #[test]
    fn a_flow_collection_spans_to_its_closing_bracket() {
        let (sm, r) = parse_str(
            "a: { b: [x, \"]\"] , c: 1 } # }\nd: []\ne:\n  - 1\nf: { g: , h: [Kadin's] }\n",
        );
        let root = r.unwrap();
        let Value::Map(entries) = &root.value else {
            panic!("not a map")
        };
        assert_eq!(sm.text(entries[0].1.span), "{ b: [x, \"]\"] , c: 1 }");
        let Value::Map(inner) = &entries[0].1.value else {
            panic!("not a map")
        };
        assert_eq!(sm.text(inner[0].1.span), "[x, \"]\"]");
        assert_eq!(sm.text(entries[1].1.span), "[]");
        assert_eq!(sm.text(entries[2].1.span), "-");
        assert_eq!(sm.text(entries[3].1.span), "{ g: , h: [Kadin's] }");
    }

    #[test]
    fn billion_laughs_is_stopped() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            s.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let (_, r) = parse_str(&s);
        assert_eq!(r.unwrap_err().code, "sop::yaml::limit");
    }
}
