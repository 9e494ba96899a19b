//! Reference checks: keterkaitan and the links of step texts name SOP files that exist
//! (and not itself), and dasar hukum ids exist in the organisation's library.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::markup;
use crate::model::{RelatedSop, Sop, Workspace};
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

/// One SOP's references.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
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
            out.push(
                Diagnostic::error(
                    "sop::ref::self",
                    "the SOP lists itself under keterkaitan",
                    id.span,
                )
                .label("this SOP's own id")
                .help("keterkaitan names other SOPs; remove this entry"),
            );
        } else if ws.known_ids.binary_search(&id.value).is_err() {
            let hint = suggest::did_you_mean(&id.value, ws.known_ids.iter().map(String::as_str));
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
