//! Style checks: a kegiatan is written as an active verb without the actor as subject
//! ("Memverifikasi konsep surat", not "Sekretaris memverifikasi konsep surat"), because
//! the actor is already shown by the lane the symbol stands in.

use crate::diag::Diagnostic;
use crate::model::{Sop, Workspace, normalize};

/// One SOP's kegiatan texts.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
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
