//! Style checks: a kegiatan is written as an active verb without the actor as subject
//! ("Memverifikasi konsep surat", not "Sekretaris memverifikasi konsep surat"), because
//! the actor is already shown by the lane the symbol stands in.

use crate::diag::Diagnostic;
use crate::model::{Sop, Workspace, normalize};

/// Words that open a condition.
const CONDITIONS: &[&str] = &["jika", "apabila", "bila", "bilamana", "kalau", "jikalau"];
/// Words after a condition that make the step optional, not a branch: "(apabila
/// diperlukan)", "(jika ada)".
const OPTIONAL: &[&str] = &["diperlukan", "dibutuhkan", "perlu", "ada", "berkenan"];

/// The condition word of a kegiatan that branches in words ("apabila data yang diminta
/// belum diberikan maka ..."), with its byte offset.
pub fn branch_word(text: &str) -> Option<(usize, &str)> {
    let mut words = text
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphanumeric()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
        })
        .map(|(i, _)| {
            let end = text[i..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |n| i + n);
            (i, &text[i..end])
        })
        .peekable();
    while let Some((i, w)) = words.next() {
        if !CONDITIONS.iter().any(|c| w.eq_ignore_ascii_case(c)) {
            continue;
        }
        let next = words.peek().map(|(_, n)| n.to_lowercase());
        if next.is_some_and(|n| OPTIONAL.contains(&n.as_str())) {
            continue;
        }
        return Some((i, w));
    }
    None
}

/// A step that is not a decision but whose kegiatan branches in words.
fn branches(sop: &Sop, out: &mut Vec<Diagnostic>) {
    for step in &sop.steps {
        if step.is_decision() {
            continue;
        }
        let Some((at, word)) = branch_word(&step.activity.value) else {
            continue;
        };
        // The word itself, when the text is written as is in the file; else the kegiatan.
        let span = &step.activity.span;
        let text = &step.activity.value;
        let marked = if (span.end - span.start) as usize == text.len() {
            crate::source::Span::new(
                span.file,
                span.start as usize + at,
                span.start as usize + at + word.len(),
            )
        } else {
            *span
        };
        out.push(
            Diagnostic::warning(
                "sop::style::branch-in-words",
                format!(
                    "step {} branches in words (`{word}`) but is not a decision",
                    step.number
                ),
                marked,
            )
            .label("a condition")
            .help("make the condition a decision: `keputusan: { pertanyaan: …?, tidak: <step id> }`, and write each branch as its own step"),
        );
    }
}

/// The same kegiatan written for several steps of one SOP: a step copied and not
/// edited. One warning per text, at its second step, marking the others.
fn repeated(sop: &Sop, out: &mut Vec<Diagnostic>) {
    let mut groups: Vec<(String, Vec<&crate::model::Step>)> = Vec::new();
    for step in &sop.steps {
        let key = normalize(step.activity.value.trim_end_matches(['.', ';']));
        if key.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(step),
            None => groups.push((key, vec![step])),
        }
    }
    for (_, steps) in groups.into_iter().filter(|g| g.1.len() > 1) {
        let numbers: Vec<usize> = steps.iter().map(|s| s.number).collect();
        let mut d = Diagnostic::warning(
            "sop::step::duplicate-kegiatan",
            format!(
                "{} have the same kegiatan",
                super::quality::steps_list(&numbers)
            ),
            steps[1].activity.span,
        )
        .label("written again")
        .with(steps[0].activity.span, format!("step {}", steps[0].number));
        for s in &steps[2..] {
            d = d.with(s.activity.span, format!("step {}", s.number));
        }
        out.push(d.help("say what differs between the steps (what is checked, by whom, what comes out), or remove the repeated one"));
    }
}

/// One SOP's kegiatan texts.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    branches(sop, out);
    repeated(sop, out);
    for step in &sop.steps {
        let text = normalize(&step.activity.value);
        for actor in &step.actors {
            let Some(role) = ws.org.role(&actor.value) else {
                continue;
            };
            let names = [Some(&role.title), role.short.as_ref()];
            let hit = names.into_iter().flatten().find(|n| {
                let n = normalize(&n.value);
                text.starts_with(&n)
                    && text[n.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            });
            if let Some(name) = hit {
                // Skip the name in the text with its white space folded, as it was
                // matched, so "Kepala  Dinas menerima" leaves "menerima".
                let folded = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let skip = folded(&name.value).chars().count();
                let rest: String = folded(&step.activity.value)
                    .chars()
                    .skip(skip)
                    .collect::<String>()
                    .trim_start_matches([' ', ',', ':'])
                    .to_string();
                let mut chars = rest.chars();
                let suggestion = match chars.next() {
                    Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                    None => rest.clone(),
                };
                out.push(
                    Diagnostic::warning(
                        "sop::style::actor-subject",
                        format!("kegiatan of step {} starts with its actor", step.number),
                        step.activity.span,
                    )
                    .label(format!("starts with `{}`", name.value))
                    .help(format!(
                        "start with the verb; the lane already names the actor: `{}`",
                        suggestion
                    )),
                );
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::project;

    #[test]
    fn conditions_that_branch_are_found() {
        use super::branch_word;
        assert_eq!(
            branch_word("Menerima data, apabila data belum diberikan maka turun ke Kecamatan"),
            Some((15, "apabila"))
        );
        assert!(branch_word("Jika tidak, maka pengguna datang ke kantor").is_some());
        assert_eq!(branch_word("Membuat SPD (jika dibutuhkan)"), None);
        assert_eq!(
            branch_word("Menyerahkan personel (apabila diperlukan)"),
            None
        );
        assert_eq!(branch_word("Menyusun bilangan dan jikalaupun"), None);
        assert_eq!(branch_word("Mengarsipkan surat"), None);
    }

    #[test]
    fn the_suggestion_skips_the_actor_whatever_the_spacing() {
        let p = project(
            "masukan: x\npelaksana: [a]\nlangkah:\n  - { pelaksana: a, kegiatan: \"Kepala  Dinas   menerima surat\", kelengkapan: [x], waktu: 1 jam, output: y }\n",
        );
        let mut out = Vec::new();
        super::sop(&p.workspaces[0], &p.workspaces[0].sops[0], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "sop::style::actor-subject");
        assert_eq!(
            out[0].help.as_deref(),
            Some("start with the verb; the lane already names the actor: `Menerima surat`")
        );
    }
}
