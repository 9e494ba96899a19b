//! A line diff for `sopc fmt --check`: the lines that would change, as hunks with one
//! line of context, numbered as in the file (`-12 old`, `+12 new`).

/// Lines of the longest common subsequence, as pairs of line indices.
fn common(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The lines that differ between `old` and `new`; empty when they are equal.
pub fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a == b {
        return String::new();
    }
    // Very long files: name the first line that differs only.
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        let k = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        return format!("  first difference at line {}\n", k + 1);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Op {
        Same(usize, usize),
        Del(usize),
        Add(usize),
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (ci, cj) in common(&a, &b).into_iter().chain([(a.len(), b.len())]) {
        while i < ci {
            ops.push(Op::Del(i));
            i += 1;
        }
        while j < cj {
            ops.push(Op::Add(j));
            j += 1;
        }
        if ci < a.len() {
            ops.push(Op::Same(ci, cj));
        }
        i = ci + 1;
        j = cj + 1;
    }
    let changed: Vec<bool> = ops.iter().map(|o| !matches!(o, Op::Same(..))).collect();
    let near = |k: usize| {
        changed[k.saturating_sub(1)..(k + 2).min(ops.len())]
            .iter()
            .any(|&c| c)
    };
    let mut out = String::new();
    let mut gap = false;
    for (k, op) in ops.iter().enumerate() {
        if !near(k) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push_str("  ...\n");
        }
        gap = false;
        match *op {
            Op::Same(x, _) => out.push_str(&format!(" {:>4} {}\n", x + 1, a[x])),
            Op::Del(x) => out.push_str(&format!("-{:>4} {}\n", x + 1, a[x])),
            Op::Add(y) => out.push_str(&format!("+{:>4} {}\n", y + 1, b[y])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let d = diff("a\nb\nc\nd\ne\nf\n", "a\nc\nb\nd\ne\nf\n");
        assert_eq!(d, "    1 a\n-   2 b\n    3 c\n+   3 b\n    4 d\n");
        assert_eq!(diff("x\n", "x\n"), "");
    }
}
