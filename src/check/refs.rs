//! Reference checks: keterkaitan and the links of step texts name SOP files that exist
//! (and not itself), and dasar hukum ids exist in the organisation's library.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::markup;
use crate::model::{RelatedSop, Sop, Workspace, normalize};
use crate::source::{Span, Spanned};
use crate::suggest;

/// The place of `needle` inside a text written at `span`: exact when the text is the
/// source as written (a plain scalar, or one in quotes without escapes), else the whole
/// text.
fn inside(text: &str, span: Span, needle: &str) -> Span {
    let Some(k) = text.find(needle) else {
        return span;
    };
    let len = (span.end - span.start) as usize;
    let start = if len == text.len() {
        span.start as usize + k
    } else if len == text.len() + 2 {
        span.start as usize + 1 + k
    } else {
        return span;
    };
    Span {
        file: span.file,
        start: start as u32,
        end: (start + needle.len()) as u32,
    }
}

/// Links to other SOPs written in the texts of the steps and of the identity lists
/// (`[SOP Pengolahan](pengolahan-slh)`): each names an SOP file of the folder.
fn links(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    let lists = sop
        .qualifications
        .iter()
        .chain(&sop.equipment)
        .chain(&sop.cautions)
        .chain(&sop.records)
        .map(|t| ("the identity page".to_string(), t));
    let steps = sop.steps.iter().flat_map(|step| {
        std::iter::once(&step.activity)
            .chain(&step.requirements)
            .chain(&step.output)
            .chain(&step.note)
            .map(move |t| (format!("step {}", step.number), t))
    });
    for (place, t) in lists.chain(steps) {
        {
            for id in markup::sop_links(&t.value) {
                if ws.known_ids.binary_search(&id).is_ok() {
                    continue;
                }
                let hint = suggest::did_you_mean(&id, ws.known_ids.iter().map(String::as_str));
                out.push(
                    Diagnostic::error(
                        "sop::ref::unknown-link",
                        format!("{place} links to `{id}`, which is not an SOP of this folder"),
                        inside(&t.value, t.span, &format!("]({id})")),
                    )
                    .label("unknown SOP")
                    .help(match hint {
                        Some(h) => h,
                        None => "link an SOP of this folder by its file name without `.yaml`: `[SOP Pengolahan](pengolahan-slh)`, or a web address `[teks](https://...)`".into(),
                    }),
                );
            }
        }
    }
}

/// A title as compared: lower case, white space folded, without a leading "SOP
/// tentang" and trailing punctuation.
fn title_key(t: &str) -> String {
    let n = normalize(t.trim().trim_end_matches(['.', ',', ';', ':']));
    let mut rest = n.as_str();
    for prefix in [
        "standar operasional prosedur tentang ",
        "standar operasional prosedur ",
        "sop tentang ",
        "sop ",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    rest.to_string()
}

/// The SOP of the folder whose nama `title` is, or nearly is: its id, and whether the
/// match is exact.
fn sop_titled<'a>(ws: &'a Workspace, title: &str) -> Option<(&'a Sop, bool)> {
    let key = title_key(title);
    let keys: Vec<(String, &Sop)> = ws
        .sops
        .iter()
        .filter_map(|s| s.name.as_ref().map(|n| (title_key(&n.value), s)))
        .collect();
    if let Some((_, s)) = keys.iter().find(|(k, _)| *k == key) {
        return Some((s, true));
    }
    // A title is near when a few letters differ (a typo, "Penyimpangan" for
    // "Penyimpanan"); titles of one office share many words, so shared words are not
    // enough.
    let limit = (key.chars().count() / 10).clamp(1, 4);
    keys.iter()
        .filter_map(|(k, s)| suggest::bounded(&key, k, limit).map(|d| (d, *s)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| (s, false))
}

/// Keterkaitan written as a title: the SOP of the folder it names, if any.
fn titles(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    for r in &sop.related {
        let RelatedSop::External(t) = r else {
            continue;
        };
        match sop_titled(ws, &t.value) {
            Some((s, exact)) if s.id == sop.id => {
                out.push(self_reference(
                    t.span,
                    if exact {
                        "this SOP's own title"
                    } else {
                        "this SOP's own title, misspelt"
                    },
                ));
            }
            Some((s, exact)) => {
                let message = if exact {
                    format!("`{}` is the SOP `{}` of this folder", t.value, s.id)
                } else {
                    format!(
                        "`{}` is close to the title of the SOP `{}` of this folder",
                        t.value, s.id
                    )
                };
                let help = if exact {
                    format!(
                        "cite it by its id, `{}`, so that the reference follows the file",
                        s.id
                    )
                } else {
                    format!(
                        "did you mean the SOP `{}` ({})? cite it by its id, `{}`",
                        s.id,
                        s.title(),
                        s.id
                    )
                };
                out.push(
                    Diagnostic::warning("sop::ref::luar-in-folder", message, t.span)
                        .label(if exact {
                            "a title of this folder"
                        } else {
                            "near a title of this folder"
                        })
                        .help(help),
                );
            }
            None => {}
        }
    }
    for t in &sop.related_titles {
        match sop_titled(ws, &t.value) {
            Some((s, exact)) if s.id == sop.id => {
                out.push(self_reference(
                    t.span,
                    if exact {
                        "this SOP's own title"
                    } else {
                        "this SOP's own title, misspelt"
                    },
                ));
            }
            found => {
                let hint = match found {
                    Some((s, _)) => format!(
                        "did you mean the SOP `{}` ({})? cite it by its id, `{}`",
                        s.id,
                        s.title(),
                        s.id
                    ),
                    None => format!(
                        "cite an SOP of this folder by its file name without `.yaml`, or an SOP outside the folder as `{{ luar: \"{}\" }}`",
                        t.value
                    ),
                };
                out.push(
                    Diagnostic::error(
                        "sop::ref::not-an-id",
                        format!("`{}` is not the id of an SOP file", t.value),
                        t.span,
                    )
                    .label("a title, not an id")
                    .help(hint),
                );
            }
        }
    }
}

fn self_reference(span: crate::source::Span, label: &str) -> Diagnostic {
    Diagnostic::error(
        "sop::ref::self",
        "the SOP lists itself under keterkaitan",
        span,
    )
    .label(label)
    .help("keterkaitan names other SOPs; remove this entry")
}

/// One SOP's references.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    titles(ws, sop, out);
    links(ws, sop, out);
    let mut seen = BTreeSet::new();
    for r in &sop.related {
        let RelatedSop::Internal(id) = r else {
            continue;
        };
        if !seen.insert(id.value.as_str()) {
            out.push(
                Diagnostic::warning(
                    "sop::ref::duplicate",
                    format!("`{}` is listed twice in keterkaitan", id.value),
                    id.span,
                )
                .label("listed again")
                .help("list each related SOP once"),
            );
            continue;
        }
        if id.value == sop.id {
            out.push(self_reference(id.span, "this SOP's own id"));
        } else if ws.known_ids.binary_search(&id.value).is_err() {
            let hint = suggest::did_you_mean(&id.value, ws.known_ids.iter().map(String::as_str))
                .or_else(|| {
                    // An id made from a title: the SOP whose title it spells.
                    let words = id.value.replace(['-', '_'], " ");
                    let others: Vec<(String, &Sop)> = ws
                        .sops
                        .iter()
                        .filter(|s| s.id != sop.id)
                        .filter_map(|s| s.name.as_ref().map(|n| (title_key(&n.value), s)))
                        .collect();
                    let near = suggest::similar(&words, others.iter().map(|(k, _)| k.as_str()))?;
                    others
                        .iter()
                        .find(|(k, _)| k == near)
                        .map(|(_, s)| format!("did you mean the SOP `{}` ({})?", s.id, s.title()))
                });
            out.push(
                Diagnostic::error(
                    "sop::ref::unknown-sop",
                    format!("no SOP file `{}.yaml` in this folder", id.value),
                    id.span,
                )
                .label("unknown SOP")
                .help(match hint {
                    Some(h) => h,
                    None => "cite an SOP of this folder by its file name without `.yaml`, or one outside the folder as `{ luar: \"SOP tentang ...\" }`".into(),
                }),
            );
        }
    }
    let mut seen = BTreeSet::new();
    for id in &sop.legal_bases {
        if !seen.insert(id.value.as_str()) {
            out.push(
                Diagnostic::warning(
                    "sop::ref::duplicate",
                    format!("`{}` is listed twice in dasar_hukum", id.value),
                    id.span,
                )
                .label("listed again")
                .help("list each legal basis once"),
            );
            continue;
        }
        if let Some(d) = unknown_legal_basis(
            ws,
            id,
            "add it under `dasar_hukum:` in organisasi.yaml with its full text",
        ) {
            out.push(d);
        }
    }
}

/// `sop::ref::unknown-dasar-hukum` when `id` is not in the `dasar_hukum` of
/// `organisasi.yaml`, with a suggestion when one is close, else `fallback` as help.
pub(super) fn unknown_legal_basis(
    ws: &Workspace,
    id: &Spanned<String>,
    fallback: &str,
) -> Option<Diagnostic> {
    ws.org.legal_basis(&id.value).is_none().then(|| {
        let hint = suggest::did_you_mean(
            &id.value,
            ws.org.legal_bases.iter().map(|l| l.id.value.as_str()),
        );
        Diagnostic::error(
            "sop::ref::unknown-dasar-hukum",
            format!(
                "`{}` is not in the dasar_hukum of organisasi.yaml",
                id.value
            ),
            id.span,
        )
        .label("unknown legal basis")
        .help(hint.unwrap_or_else(|| fallback.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use crate::test_util::check_sop;

    #[test]
    fn a_legal_basis_written_as_a_title_is_reported_once() {
        let sop = "dasar_hukum: [Perda 1, perda-1]\nmasukan: x\npelaksana: [a]\nlangkah:
  - { pelaksana: a, kegiatan: Menulis, kelengkapan: [x], waktu: 1 jam, output: y }
";
        assert_eq!(
            check_sop(sop),
            [("sop::ref::unknown-dasar-hukum", "Perda 1".to_string())]
        );
    }
}
