//! Near-valid inputs for the property tests: a real file with a few of its lines
//! deleted, duplicated, swapped, cut short, indented or moved, which reaches far more of
//! the loader and the tools than random text does.

use proptest::prelude::*;
use proptest::sample::Index;

/// Applies line edits to a text: delete, duplicate, swap with another line, cut short,
/// indent by two more spaces, or, when `moves`, move a line to the end.
pub fn edit(text: &str, edits: &[(u8, Index, Index)], moves: bool) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (op, a, b) in edits {
        if lines.is_empty() {
            break;
        }
        let i = a.index(lines.len());
        match op % if moves { 6 } else { 5 } {
            0 => {
                lines.remove(i);
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            2 => {
                let j = b.index(lines.len());
                lines.swap(i, j);
            }
            3 => {
                let cut = b.index(lines[i].chars().count() + 1);
                lines[i] = lines[i].chars().take(cut).collect();
            }
            4 => lines[i].insert_str(0, "  "),
            _ => {
                let l = lines.remove(i);
                lines.push(l);
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// From one to fewer than `most` line edits for [`edit`].
pub fn edits(most: usize) -> impl Strategy<Value = Vec<(u8, Index, Index)>> {
    prop::collection::vec((any::<u8>(), any::<Index>(), any::<Index>()), 1..most)
}
