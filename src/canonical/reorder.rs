//! Finds the first collection of a file that is not in canonical form, and the edit
//! that makes it so:
//!
//! - a block mapping whose keys are out of order: each entry is a block of whole lines
//!   (the comments directly above its key, the key line, every line of its value, the
//!   blank lines after it), and the blocks are put in the order of the shape's keys;
//!   keys the shape does not know keep their order after the known ones;
//! - a flow mapping or sequence written on one line: its items in canonical order
//!   (mappings with a shape) with canonical spacing, `{ a: 1, b: 2 }` and `[a, b]`.
//!
//! Anything else (a collection written over several lines in flow style, a key not at
//! the start of its line) is left as written.

use super::lines::Lines;
use crate::model::shape::{Kind, MapShape};
use crate::source::SourceFile;
use crate::syntax::{Node, Value};

/// Replace bytes `start..end` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced.
    pub end: usize,
    /// The new text.
    pub text: String,
}

/// The mapping shape a node of this kind has, if it is a mapping with known keys.
fn map_shape(kind: Option<Kind>) -> Option<&'static MapShape> {
    match kind? {
        Kind::Map(s) => Some(s),
        Kind::Either(kinds) => kinds.iter().find_map(|k| map_shape(Some(*k))),
        Kind::OneOrList(k) => map_shape(Some(*k)),
        _ => None,
    }
}

/// The kind of the items of a sequence of this kind.
fn item_kind(kind: Option<Kind>) -> Option<Kind> {
    match kind? {
        Kind::List(k) | Kind::OneOrList(k) => Some(*k),
        _ => None,
    }
}

/// The last byte of a node and everything inside it.
fn node_end(node: &Node) -> usize {
    let own = node.span.end as usize;
    match &node.value {
        Value::Seq(items) => items.iter().map(node_end).fold(own, usize::max),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| node_end(k).max(node_end(v)))
            .fold(own, usize::max),
        _ => own,
    }
}

/// The first edit that brings a collection of the tree into canonical form, looking at
/// the collections in document order. `root` is the shape of the whole file.
pub fn first_edit(file: &SourceFile, tree: &Node, root: &'static MapShape) -> Option<Edit> {
    let lines = Lines::new(&file.text);
    visit(file, &lines, tree, Some(Kind::Map(root)), true)
}

fn visit(
    file: &SourceFile,
    lines: &Lines<'_>,
    node: &Node,
    kind: Option<Kind>,
    root: bool,
) -> Option<Edit> {
    let text: &str = &file.text;
    let at = node.span.start as usize;
    let flow = |open: char| text[at..].starts_with(open);
    match &node.value {
        Value::Map(entries) => {
            let shape = map_shape(kind);
            let ranks: Vec<usize> = entries
                .iter()
                .map(|(k, _)| {
                    shape
                        .and_then(|s| s.rank(&k.key_text(file)))
                        .unwrap_or(usize::MAX)
                })
                .collect();
            let edit = if flow('{') {
                let keys: Vec<usize> = entries.iter().map(|(k, _)| k.span.start as usize).collect();
                flow_edit(text, at, '}', Some(&keys), &ranks)
            } else if shape.is_some() {
                block_edit(lines, entries, &ranks, root)
            } else {
                None
            };
            if edit.is_some() {
                return edit;
            }
            for (k, v) in entries {
                let child = match kind {
                    Some(Kind::Dict(inner) | Kind::Glossary(inner)) => Some(*inner),
                    _ => shape
                        .and_then(|s| s.field(&k.key_text(file)))
                        .map(|f| f.kind),
                };
                if let Some(e) = visit(file, lines, v, child, false) {
                    return Some(e);
                }
            }
            None
        }
        Value::Seq(items) => {
            if flow('[') {
                let ranks = vec![0; items.len()];
                if let Some(e) = flow_edit(text, at, ']', None, &ranks) {
                    return Some(e);
                }
            }
            let inner = item_kind(kind);
            items
                .iter()
                .find_map(|i| visit(file, lines, i, inner, false))
        }
        _ => None,
    }
}

/// Positions sorted by rank; unknown keys (`usize::MAX`) keep their order at the end.
fn order(ranks: &[usize]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..ranks.len()).collect();
    idx.sort_by_key(|&i| ranks[i]);
    idx
}

/// The items of a flow collection on one line, and the byte of its closing bracket.
fn flow_items(text: &str, open: usize, close: char) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut items = Vec::new();
    let mut item_start = open + 1;
    let mut chars = text[open + 1..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let pos = open + 1 + i;
        if c == '\n' {
            return None;
        }
        if let Some(q) = quote {
            if q == '"' && c == '\\' {
                chars.next();
            } else if c == q {
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            continue;
        }
        match c {
            '"' | '\'' if matches!(prev, '{' | '[' | ',' | ':' | ' ') => quote = Some(c),
            '#' if prev == ' ' => return None,
            '[' | '{' => depth += 1,
            ']' | '}' if depth > 0 => depth -= 1,
            ']' | '}' => {
                if c != close {
                    return None;
                }
                items.push((item_start, pos));
                return Some((items, pos));
            }
            ',' if depth == 0 => {
                items.push((item_start, pos));
                item_start = pos + 1;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            prev = c;
        } else {
            prev = ' ';
        }
    }
    None
}

fn flow_edit(
    text: &str,
    open: usize,
    close: char,
    keys: Option<&[usize]>,
    ranks: &[usize],
) -> Option<Edit> {
    let (raw, end) = flow_items(text, open, close)?;
    let mut items: Vec<(usize, &str)> = raw
        .iter()
        .map(|&(a, b)| {
            let s = &text[a..b];
            let lead = s.len() - s.trim_start().len();
            (a + lead, s.trim())
        })
        .collect();
    // A trailing comma leaves an empty last item.
    if items.last().is_some_and(|(_, s)| s.is_empty()) {
        items.pop();
    }
    if items.len() != ranks.len() || items.iter().any(|(_, s)| s.is_empty()) {
        return None;
    }
    if let Some(keys) = keys {
        if items.iter().zip(keys).any(|((a, _), k)| a != k) {
            return None;
        }
    }
    let parts: Vec<&str> = order(ranks).into_iter().map(|i| items[i].1).collect();
    let canonical = match (close, parts.is_empty()) {
        ('}', true) => "{}".to_string(),
        ('}', false) => format!("{{ {} }}", parts.join(", ")),
        _ => format!("[{}]", parts.join(", ")),
    };
    (text[open..=end] != canonical).then(|| Edit {
        start: open,
        end: end + 1,
        text: canonical,
    })
}

fn block_edit(
    lines: &Lines<'_>,
    entries: &[(Node, Node)],
    ranks: &[usize],
    root: bool,
) -> Option<Edit> {
    let new_order = order(ranks);
    if new_order.iter().enumerate().all(|(i, &j)| i == j) {
        return None;
    }
    let key_at: Vec<usize> = entries.iter().map(|(k, _)| k.span.start as usize).collect();
    let key_line: Vec<usize> = key_at.iter().map(|&a| lines.of(a)).collect();
    let col = key_at[0] - lines.start(key_line[0]);
    let text_before = |j: usize| {
        let s = lines.get(key_line[j]);
        &s[..(key_at[j] - lines.start(key_line[j])).min(s.len())]
    };
    let prefix = text_before(0);
    let dashed = prefix.contains('-');
    if !prefix.chars().all(|c| c == ' ' || c == '-') {
        return None;
    }
    for j in 1..entries.len() {
        if key_line[j] <= key_line[j - 1]
            || key_at[j] - lines.start(key_line[j]) != col
            || !text_before(j).chars().all(|c| c == ' ')
        {
            return None;
        }
    }
    // The last line of each entry: its value's last line, then any deeper-indented
    // lines (comments inside it) up to the next line at the key's indentation.
    let n = entries.len();
    let mut last = Vec::with_capacity(n);
    for j in 0..n {
        let limit = if j + 1 < n {
            key_line[j + 1]
        } else {
            lines.len()
        };
        let (k, v) = &entries[j];
        let mut e = lines.of(node_end(k)
            .max(node_end(v))
            .saturating_sub(1)
            .max(key_at[j]));
        if e < key_line[j] {
            e = key_line[j];
        }
        let mut i = e + 1;
        while i < limit {
            if lines.is_blank(i) {
                i += 1;
                continue;
            }
            if lines.indent(i) > col {
                e = i;
                i += 1;
                continue;
            }
            break;
        }
        if e >= limit {
            return None;
        }
        last.push(e);
    }
    // Between two entries: comments and blank lines. Those up to the last blank line
    // stay with the entry above; the comments right above a key move with it.
    let mut first = key_line.clone();
    let mut end = last.clone();
    for j in 0..n.saturating_sub(1) {
        let gap = last[j] + 1..key_line[j + 1];
        if gap
            .clone()
            .any(|i| !lines.is_blank(i) && !lines.is_comment(i))
        {
            return None;
        }
        match gap.clone().rev().find(|&i| lines.is_blank(i)) {
            Some(b) => {
                end[j] = b;
                first[j + 1] = b + 1;
            }
            None => first[j + 1] = gap.start,
        }
    }
    if !root && !dashed {
        while first[0] > 0 && lines.is_comment(first[0] - 1) && !lines.is_blank(first[0] - 1) {
            first[0] -= 1;
        }
    }
    let block = |j: usize| -> (String, String) {
        // (comment lines above the key, key line and the rest)
        let lead = if first[j] < key_line[j] {
            lines.block(first[j], key_line[j] - 1)
        } else {
            String::new()
        };
        let mut body = lines.block(key_line[j], end[j]);
        if j == 0 && dashed {
            body = format!("{}{}", " ".repeat(col), &body[col.min(body.len())..]);
        }
        (lead, body)
    };
    let mut out = String::new();
    for (pos, &j) in new_order.iter().enumerate() {
        let (lead, body) = block(j);
        out.push_str(&lead);
        if pos == 0 && dashed {
            out.push_str(prefix);
            out.push_str(&body[col.min(body.len())..]);
        } else {
            out.push_str(&body);
        }
    }
    Some(Edit {
        start: lines.start(first[0]),
        end: lines.end(last[n - 1]),
        text: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_items_respect_quotes_and_nesting() {
        let t = "{ a: \"x, y\", b: [1, 2], c: 'it''s', d: Kasubag's }";
        let (items, end) = flow_items(t, 0, '}').unwrap();
        assert_eq!(end, t.len() - 1);
        let parts: Vec<&str> = items.iter().map(|&(a, b)| t[a..b].trim()).collect();
        assert_eq!(
            parts,
            vec!["a: \"x, y\"", "b: [1, 2]", "c: 'it''s'", "d: Kasubag's"]
        );
        assert!(flow_items("[a, b # c\n]", 0, ']').is_none());
    }

    #[test]
    fn flow_sequences_get_canonical_spacing() {
        let e = flow_edit("[ a,b ,c ]", 0, ']', None, &[0, 0, 0]).unwrap();
        assert_eq!(e.text, "[a, b, c]");
        assert!(flow_edit("[a, b]", 0, ']', None, &[0, 0]).is_none());
        assert_eq!(
            flow_edit("[a, b,]", 0, ']', None, &[0, 0]).unwrap().text,
            "[a, b]"
        );
    }
}
