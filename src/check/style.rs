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
                let skip = normalize(&name.value).chars().count();
                let rest: String = step
                    .activity
                    .value
                    .trim()
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
