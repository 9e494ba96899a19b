//! "Did you mean `…`?" for misspelt keys, ids and names.

use std::cell::Cell;

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

/// True when the edit distance between `a` and `b` is at most `k`.
pub fn within(a: &str, b: &str, k: usize) -> bool {
    bounded(a, b, k).is_some()
}

/// The edit distance between `a` and `b` when it is at most `k`. Only a band of width
/// 2k + 1 around the diagonal is computed (a path outside it costs more than `k`), and
/// the loop stops as soon as the whole band exceeds `k`, so the cost is O(len × k)
/// whatever the strings.
pub fn bounded(a: &str, b: &str, k: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let far = k + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut cur = vec![far; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let lo = (i + 1).saturating_sub(k);
        let hi = (i + 1 + k).min(b.len());
        // Cells just outside the band count as too far; the band moves right by one
        // per row, so only its two neighbours need resetting.
        let mut best = far;
        if lo == 0 {
            cur[0] = (i + 1).min(far);
            best = cur[0];
        } else {
            cur[lo - 1] = far;
        }
        if hi < b.len() {
            cur[hi + 1] = far;
        }
        for j in lo.max(1)..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let v = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            cur[j] = v.min(far);
            best = best.min(cur[j]);
        }
        if best > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= k).then_some(d)
}

/// Longest word (in characters) for which a suggestion is looked for: ids, keys and
/// short names; a longer text is not a typo of anything.
const MAX_WORD: usize = 64;

thread_local! {
    /// Candidate comparisons left in the current [`with_budget`] scope.
    static LEFT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Runs `f` with at most `comparisons` candidate comparisons for suggestions; past that,
/// diagnostics are made without "did you mean". A file with thousands of misspelt ids
/// would otherwise compare each with every candidate. The order of the checks is fixed,
/// so the same input always gets the same suggestions.
pub fn with_budget<T>(comparisons: usize, f: impl FnOnce() -> T) -> T {
    let old = LEFT.replace(comparisons);
    let out = f();
    LEFT.set(old);
    out
}

/// Takes one comparison from the budget; false when none is left.
fn spend() -> bool {
    let left = LEFT.get();
    LEFT.set(left.saturating_sub(1));
    left > 0
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = word.chars().count();
    if n > MAX_WORD {
        return None;
    }
    let lw = word.to_lowercase();
    let limit = (n / 3).clamp(1, 4);
    candidates
        .into_iter()
        .filter(|c| c.len() <= 4 * MAX_WORD && c.chars().count().abs_diff(n) <= limit)
        .take_while(|_| spend())
        .filter_map(|c| bounded(&lw, &c.to_lowercase(), limit).map(|d| (d, c)))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// The words of a name, lower-cased, without punctuation around them.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == ';')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when the words of `short` appear in `long` in the same order, one after the
/// other ("Kartu Kendali Barang" in "Kartu Kendali Barang Persediaan").
fn contains_words(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.len() > short.len() && long.windows(short.len()).any(|w| w == short)
}

/// The candidate that most likely means the same as the text `name`: a near spelling
/// ([`closest`]), else one holding all its words in order or held whole in it ("Disposisi"
/// and "Disposisi surat"), else the one sharing most of its words (at least two, and
/// two thirds of the longer). For document names and titles, where a word is left out
/// or added more often than a letter is mistyped.
pub fn similar<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(c) = closest(name, candidates.iter().copied()) {
        return Some(c);
    }
    let w = words(name);
    if w.is_empty() || w.len() > MAX_WORD {
        return None;
    }
    let mut best: Option<(usize, usize, &str)> = None;
    for c in candidates {
        if !spend() {
            break;
        }
        let cw = words(c);
        if cw.len() > MAX_WORD {
            continue;
        }
        let score = if contains_words(&cw, &w) || contains_words(&w, &cw) {
            // Containment: rank by the words left over, fewer first.
            (2, usize::MAX - w.len().abs_diff(cw.len()))
        } else {
            let shared = w.iter().filter(|x| cw.contains(x)).count();
            let longer = w.len().max(cw.len());
            if shared >= 2 && shared * 3 >= longer * 2 {
                (1, shared)
            } else {
                continue;
            }
        };
        if best.is_none_or(|b| (score.0, score.1) > (b.0, b.1)) {
            best = Some((score.0, score.1, c));
        }
    }
    best.map(|b| b.2)
}

/// "did you mean `x`?" for a text, by [`similar`].
pub fn did_you_mean_text<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    similar(name, candidates).map(|c| format!("did you mean `{c}`?"))
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
    fn bounded_agrees_with_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "kitten",
            "sitting",
            "pelaksana",
            "pelaksna",
            "Kepala – Umum",
            "Kepala - Umum",
            "aaaaaaaa",
            "aaaaaaab",
            "baaaaaaa",
        ];
        for a in words {
            for b in words {
                for k in 0..5 {
                    let d = distance(a, b);
                    assert_eq!(bounded(a, b, k), (d <= k).then_some(d), "{a:?} {b:?} {k}");
                }
            }
        }
    }

    #[test]
    fn suggestions_stop_when_the_budget_is_spent() {
        let ids = ["pelaksana", "peringatan"];
        assert_eq!(
            with_budget(1, || closest("pelaksna", ids)),
            Some("pelaksana")
        );
        assert_eq!(with_budget(0, || closest("pelaksna", ids)), None);
        assert_eq!(closest("pelaksna", ids), Some("pelaksana"));
    }

    #[test]
    fn texts_are_matched_by_their_words() {
        let docs = [
            "Kartu Kendali Barang Persediaan",
            "Disposisi surat",
            "Nota Dinas",
        ];
        assert_eq!(
            similar("Kartu Kendali Barang", docs),
            Some("Kartu Kendali Barang Persediaan")
        );
        assert_eq!(similar("Disposisi", docs), Some("Disposisi surat"));
        assert_eq!(similar("Nota  dinas", docs), Some("Nota Dinas"));
        assert_eq!(
            similar(
                "Laporan Hasil Survei Lapangan",
                ["Hasil Survei Lapangan dan Laporan"]
            ),
            Some("Hasil Survei Lapangan dan Laporan")
        );
        assert_eq!(similar("Surat tugas", docs), None);
    }

    #[test]
    fn long_words_are_not_compared() {
        let long = "a".repeat(100_000);
        assert_eq!(closest(&long, [long.as_str()]), None);
        assert_eq!(closest("abc", [long.as_str()]), None);
    }
}
