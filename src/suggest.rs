//! "Did you mean `…`?" for misspelt keys, ids and names.

/// Edit distance (Levenshtein) between two strings, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// True when the edit distance between `a` and `b` is at most `max`: the same answer
/// as `distance(a, b) <= max`, but it stops as soon as the answer is known (strings whose
/// lengths differ by more than `max`, or a row of the table all above it).
pub fn within(a: &str, b: &str, max: usize) -> bool {
    let b: Vec<char> = b.chars().collect();
    let la = a.chars().count();
    if la.abs_diff(b.len()) > max {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        // Every path to the last cell crosses this row, and costs never go down.
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lw = word.to_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (distance(&lw, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or `None`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(
            closest("pelaksna", ["pelaksana", "peringatan"]),
            Some("pelaksana")
        );
        assert_eq!(closest("xyz", ["pelaksana"]), None);
    }

    #[test]
    fn within_agrees_with_distance() {
        let words = [
            "",
            "a",
            "kepala dinas",
            "kepala dinass",
            "kepala dinas koperasi",
            "kepala bidang",
            "sekretaris",
            "sekertaris",
            "kasubbag umum – é",
            "kasubbag umum - e",
        ];
        for a in words {
            for b in words {
                for max in 0..4 {
                    assert_eq!(
                        within(a, b, max),
                        distance(a, b) <= max,
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }
}
