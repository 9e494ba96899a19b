//! The line style of a canonical file: `\n` line ends, no white space at the end of a
//! line, no two blank lines in a row, no blank lines at the start or the end, and one
//! line break at the end. Lines inside a scalar written over several lines (block
//! scalars `|` and `>`, and multi-line plain or quoted text) are left alone, because
//! there blank lines and trailing spaces can be part of the value.

use super::lines::Lines;
use crate::source::SourceFile;
use crate::syntax::{Node, Value};

/// True when the scalar at `start` is a block scalar (`|` or `>` before it).
fn is_block_scalar(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let before = before.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    before.ends_with('|') || before.ends_with('>')
}

fn protect(node: &Node, text: &str, lines: &Lines<'_>, keep: &mut [bool]) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|i| protect(i, text, lines, keep)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            protect(k, text, lines, keep);
            protect(v, text, lines, keep);
        }),
        _ => {
            let (a, b) = (node.span.start as usize, node.span.end as usize);
            let (la, lb) = (lines.of(a), lines.of(b.saturating_sub(1).max(a)));
            if la != lb || is_block_scalar(text, a) {
                for k in keep.iter_mut().take(lb + 1).skip(la) {
                    *k = true;
                }
            }
        }
    }
}

/// The text in canonical line style; `tree` is its parse.
pub fn tidy(file: &SourceFile, tree: &Node) -> String {
    let text: &str = &file.text;
    let lines = Lines::new(text);
    let mut keep = vec![false; lines.len()];
    protect(tree, text, &lines, &mut keep);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, &kept) in keep.iter().enumerate() {
        let line = lines.get(i).strip_suffix('\r').unwrap_or(lines.get(i));
        if kept {
            out.push(line.to_string());
            continue;
        }
        let line = line.trim_end();
        let blank = line.is_empty();
        if blank && out.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        out.push(line.to_string());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn run(text: &str) -> String {
        let mut sm = SourceMap::new();
        let id = sm.add("t.yaml", text);
        let tree = crate::syntax::parse(id, sm.get(id)).unwrap();
        tidy(sm.get(id), &tree)
    }

    #[test]
    fn trims_and_collapses_outside_scalars() {
        assert_eq!(run("\n\na: 1   \n\n\n\nb: 2\n\n"), "a: 1\n\nb: 2\n");
        assert_eq!(run("a: 1\r\nb: 2"), "a: 1\nb: 2\n");
    }

    #[test]
    fn leaves_block_and_multi_line_scalars_alone() {
        let t = "a: |\n  x  \n\n\n  y\nb: >-\n  one  \nc: satu\n  dua\n";
        assert_eq!(run(t), t);
    }
}
