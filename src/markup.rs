//! The small inline markup of SOP texts (kegiatan, kelengkapan, output, keterangan):
//!
//! - `_briefing_`: italics, for foreign terms. The `_` must open at the start of a word
//!   and close at its end, so a lone `_` inside a word (`file_name`) is kept as written.
//! - `[visible text](sop-id)`: a link to another SOP of the folder (checked by
//!   `sop::ref::unknown-link`); `[text](https://...)`: a link to a web address.
//! - A bare `https://...` or `http://...` address is linked as it stands.
//!
//! Anything else is plain text, kept as written; a `[...]( ... )` whose target is
//! neither an id nor a web address stays as written too.

use crate::model::lower::is_valid_id;

/// Where a piece of text links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Another SOP of the folder, by id.
    Sop(String),
    /// A web address (`http://` or `https://`).
    Web(String),
}

impl Link {
    /// The link target as the display list holds it: `<id>.html` for an SOP (the PDF
    /// renderer points it at `<id>.pdf`), the address for the web.
    pub fn target(&self) -> String {
        match self {
            Link::Sop(id) => format!("{id}.html"),
            Link::Web(url) => url.clone(),
        }
    }
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text, markup removed.
    pub text: String,
    /// Drawn in italics.
    pub italic: bool,
    /// Linked.
    pub link: Option<Link>,
}

fn is_web(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > "https://".len()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Reads `[text](target)` at the start of `s`: the text, the target and the bytes used.
fn bracket_link(s: &str) -> Option<(&str, &str, usize)> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find(']')?;
    let text = &rest[..close];
    let after = rest[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let target = after[..end].trim();
    if text.trim().is_empty() || text.contains('[') {
        return None;
    }
    let used = 1 + close + 1 + 1 + end + 1;
    Some((text, target, used))
}

/// Length of a bare web address at the start of `s`, without trailing punctuation.
fn bare_url(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let mut end = s.find(char::is_whitespace).unwrap_or(s.len());
    while end > 0 && s[..end].ends_with(['.', ',', ';', ':', ')', '!', '?', '"', '\'']) {
        end -= 1;
    }
    is_web(&s[..end]).then_some(end)
}

/// Length of `_italic_` at the start of `s` (which starts a word), when it closes at the
/// end of a word.
fn italic_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('_')?;
    if rest.starts_with(|c: char| c.is_whitespace() || c == '_') {
        return None;
    }
    let mut from = 0;
    while let Some(k) = rest[from..].find('_') {
        let at = from + k;
        let before = rest[..at].chars().next_back();
        let after = rest[at + 1..].chars().next();
        let closes = before.is_some_and(|c| !c.is_whitespace())
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if closes {
            return Some(at + 2);
        }
        from = at + 1;
    }
    None
}

/// A piece of a token: text, italic, link.
type Piece = (String, bool, Option<Link>);

/// The runs of a text.
pub fn parse(s: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: &str, italic: bool, link: Option<Link>| {
        if text.is_empty() {
            return;
        }
        if let Some(last) = runs.last_mut() {
            if last.italic == italic && last.link == link {
                last.text.push_str(text);
                return;
            }
        }
        runs.push(Run {
            text: text.to_string(),
            italic,
            link,
        });
    };
    let mut i = 0;
    let mut plain_from = 0;
    while i < s.len() {
        let rest = &s[i..];
        let word_start = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let mut token: Option<(usize, Vec<Piece>)> = None;
        if rest.starts_with('[') {
            if let Some((text, target, used)) = bracket_link(rest) {
                let link = if is_web(target) {
                    Some(Link::Web(target.to_string()))
                } else if is_valid_id(target) {
                    Some(Link::Sop(target.to_string()))
                } else {
                    None
                };
                if let Some(link) = link {
                    let pieces = parse(text)
                        .into_iter()
                        .map(|r| (r.text, r.italic, Some(link.clone())))
                        .collect();
                    token = Some((used, pieces));
                }
            }
        } else if word_start && rest.starts_with('_') {
            if let Some(n) = italic_len(rest) {
                token = Some((n, vec![(rest[1..n - 1].to_string(), true, None)]));
            }
        } else if word_start && rest.starts_with("http") {
            if let Some(n) = bare_url(rest) {
                let url = rest[..n].to_string();
                token = Some((n, vec![(url.clone(), false, Some(Link::Web(url)))]));
            }
        }
        match token {
            Some((used, pieces)) => {
                push(&s[plain_from..i], false, None);
                for (text, italic, link) in pieces {
                    push(&text, italic, link);
                }
                i += used;
                plain_from = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    push(&s[plain_from..], false, None);
    runs
}

/// The text without its markup, for plain-text outputs.
pub fn plain(s: &str) -> String {
    parse(s).into_iter().map(|r| r.text).collect()
}

/// The SOP ids a text links to, in order.
pub fn sop_links(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in parse(s) {
        if let Some(Link::Sop(id)) = r.link {
            if out.last() != Some(&id) {
                out.push(id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, italic: bool, link: Option<Link>) -> Run {
        Run {
            text: text.into(),
            italic,
            link,
        }
    }

    #[test]
    fn italics_open_and_close_at_word_edges() {
        assert_eq!(
            parse("istilah _feedback_, lalu _briefing_"),
            [
                run("istilah ", false, None),
                run("feedback", true, None),
                run(", lalu ", false, None),
                run("briefing", true, None),
            ]
        );
        assert_eq!(parse("file_name_x"), [run("file_name_x", false, None)]);
        assert_eq!(parse("_ a_"), [run("_ a_", false, None)]);
        assert_eq!(parse("snake_case _x"), [run("snake_case _x", false, None)]);
        assert_eq!(parse("_two words_"), [run("two words", true, None)]);
    }

    #[test]
    fn links_to_sops_and_web_addresses() {
        assert_eq!(
            parse("Lihat [SOP Pengolahan](pengolahan-slh); istilah _feedback_"),
            [
                run("Lihat ", false, None),
                run(
                    "SOP Pengolahan",
                    false,
                    Some(Link::Sop("pengolahan-slh".into()))
                ),
                run("; istilah ", false, None),
                run("feedback", true, None),
            ]
        );
        assert_eq!(
            parse("Buka https://pst.bps.go.id/. Atau [situs](https://bps.go.id)"),
            [
                run("Buka ", false, None),
                run(
                    "https://pst.bps.go.id/",
                    false,
                    Some(Link::Web("https://pst.bps.go.id/".into()))
                ),
                run(". Atau ", false, None),
                run("situs", false, Some(Link::Web("https://bps.go.id".into()))),
            ]
        );
        // Not a link target: kept as written.
        assert_eq!(parse("[a](Bukan Id)"), [run("[a](Bukan Id)", false, None)]);
        assert_eq!(
            sop_links("[a](x) dan [b](y) dan [c](https://z.id)"),
            ["x", "y"]
        );
        assert_eq!(plain("[SOP A](a) _b_"), "SOP A b");
        assert_eq!(Link::Sop("a".into()).target(), "a.html");
    }

    #[test]
    fn any_text_parses_back_to_itself_without_markup() {
        for s in [
            "", "_", "__", "[", "[]()", "a_b_", "é_ü_", "http://", "[x](", "_é_",
        ] {
            let joined: String = parse(s).into_iter().map(|r| r.text).collect();
            assert!(joined.len() <= s.len(), "{s}");
        }
        assert_eq!(plain("_é_"), "é");
    }
}
