//! Actor checks: every lane and every step actor is a roster role, every step's actor
//! has a lane, every lane is used, and one role has one spelling.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::model::{Organisation, Sop, Workspace, normalize};
use crate::source::Spanned;
use crate::suggest;

/// True for a word that numbers or letters a role among its like: "1", "II", "B",
/// also within brackets or marks ("(2)", "«23»").
fn ordinal(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()))
        || word
            .chars()
            .all(|c| matches!(c.to_ascii_uppercase(), 'I' | 'V' | 'X' | 'L'))
}

/// True when two names differ only in words that number or letter them ("Seksi
/// Wilayah I" and "Seksi Wilayah II"): two roles, not one spelled two ways.
fn numbered_apart(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    wa.len() == wb.len()
        && wa != wb
        && wa
            .iter()
            .zip(&wb)
            .all(|(x, y)| x == y || (ordinal(x) && ordinal(y)))
}

/// True when two role names are probably one role spelled two ways: equal, or, when
/// long enough for a typo to show, a few letters apart (Perijinan/Perizinan,
/// Kepegawain/Kepegawaian), but not when only their numbers or letters differ.
pub fn near_names(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return true;
    }
    if numbered_apart(&a, &b) {
        return false;
    }
    let n = a.chars().count().min(b.chars().count());
    (n > 8 && suggest::within(&a, &b, 2)) || (n >= 5 && suggest::within(&a, &b, 1))
}

/// The roster itself: no role listed twice under two ids or two spellings, by title
/// or by short form.
pub fn roster(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let roles = &ws.org.roster;
    // Pairwise, so the roster is limited (limits::MAX_ROLES) and the distance is the
    // banded one.
    for (i, a) in roles.iter().enumerate() {
        for b in &roles[..i] {
            let close = near_names(&a.title.value, &b.title.value);
            let shorts = match (&a.short, &b.short) {
                (Some(sa), Some(sb)) if !close && near_names(&sa.value, &sb.value) => {
                    Some((sa, sb))
                }
                _ => None,
            };
            if let Some((sa, sb)) = shorts {
                out.push(
                    Diagnostic::warning(
                        "sop::roster::duplicate-role",
                        format!(
                            "roles `{}` and `{}` look like one role spelled two ways",
                            b.id.value, a.id.value
                        ),
                        sa.span,
                    )
                    .label(format!("`{}`", sa.value))
                    .with(sb.span, format!("`{}`", sb.value))
                    .help("keep one id and one spelling per role, and cite that id in every SOP"),
                );
                continue;
            }
            if close {
                out.push(
                    Diagnostic::warning(
                        "sop::roster::duplicate-role",
                        format!(
                            "roles `{}` and `{}` look like one role spelled two ways",
                            b.id.value, a.id.value
                        ),
                        a.title.span,
                    )
                    .label(format!("`{}`", a.title.value))
                    .with(b.title.span, format!("`{}`", b.title.value))
                    .help("keep one id and one spelling per role, and cite that id in every SOP"),
                );
            }
        }
    }
}

/// Every role's jabatan and singkatan, normalized, with the role's id: a name written
/// where an id belongs is looked up here.
fn spellings(org: &Organisation) -> BTreeMap<String, &str> {
    let mut map = BTreeMap::new();
    for r in org.roster.iter().rev() {
        // The first role written wins, as a search in written order would.
        map.insert(normalize(&r.title.value), r.id.value.as_str());
        if let Some(s) = &r.short {
            map.insert(normalize(&s.value), r.id.value.as_str());
        }
    }
    map
}

fn unknown_role(
    org: &Organisation,
    spellings: &BTreeMap<String, &str>,
    name: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(id) = spellings.get(&normalize(&name.value.replace('-', " "))) {
        out.push(
            Diagnostic::error(
                "sop::actor::spelling",
                format!("`{}` is a role's name, not its id", name.value),
                name.span,
            )
            .label("written as a name")
            .help(format!("cite the role by its roster id: `{id}`")),
        );
        return;
    }
    let hint = suggest::did_you_mean(&name.value, org.roster.iter().map(|r| r.id.value.as_str()));
    out.push(
        Diagnostic::error(
            "sop::actor::unknown",
            format!("`{}` is not in the roster", name.value),
            name.span,
        )
        .label("unknown role")
        .help(match hint {
            Some(h) => h,
            None => {
                "add the role under `pelaksana:` in organisasi.yaml, or use a role listed there"
                    .into()
            }
        }),
    );
}

/// A lane of the SOP that is probably the same person as the role `actor`: a title
/// or short form spelled nearly the same, or an id a typo apart.
fn same_person<'a>(org: &Organisation, sop: &'a Sop, actor: &str) -> Option<&'a str> {
    let role = org.role(actor)?;
    let names = |r: &crate::model::Role| {
        let mut v = vec![r.title.value.clone()];
        v.extend(r.short.as_ref().map(|s| s.value.clone()));
        v
    };
    let mine = names(role);
    sop.lanes
        .iter()
        .filter(|l| l.value != actor)
        .find(|l| {
            org.role(&l.value).is_some_and(|r| {
                names(r)
                    .iter()
                    .any(|n| mine.iter().any(|m| near_names(m, n)))
            }) || (!numbered_apart(&l.value.replace('-', " "), &actor.replace('-', " "))
                && suggest::within(&l.value, actor, 1)
                && actor.len() >= 5)
        })
        .map(|l| l.value.as_str())
}

/// One SOP's lanes and step actors.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    let org = &ws.org;
    let spellings = spellings(org);
    let mut lanes: Vec<&Spanned<String>> = Vec::new();
    for lane in &sop.lanes {
        if let Some(first) = lanes.iter().find(|l| l.value == lane.value) {
            out.push(
                Diagnostic::error(
                    "sop::actor::duplicate-lane",
                    format!("lane `{}` is listed twice", lane.value),
                    lane.span,
                )
                .label("listed again")
                .with(first.span, "first listed here")
                .help("list each lane once in `pelaksana`"),
            );
            continue;
        }
        lanes.push(lane);
        if org.role(&lane.value).is_none() {
            unknown_role(org, &spellings, lane, out);
        }
    }
    let mut used = BTreeSet::new();
    // The actors of each symbol: the step's own, and its `lalu`'s.
    let symbols = sop.steps.iter().flat_map(|s| {
        std::iter::once((s, &s.actors)).chain(s.then.iter().map(move |t| (s, &t.actors)))
    });
    for (step, actors) in symbols {
        let mut seen = BTreeSet::new();
        for actor in actors {
            if !seen.insert(actor.value.as_str()) {
                out.push(
                    Diagnostic::error(
                        "sop::actor::duplicate-lane",
                        format!("`{}` is named twice in step {}", actor.value, step.number),
                        actor.span,
                    )
                    .label("named again")
                    .help("name each actor of a step once"),
                );
                continue;
            }
            used.insert(actor.value.as_str());
            // A role written by its name, or misspelt, is reported below; the lane it
            // most likely means is not also reported unused.
            if org.role(&actor.value).is_none() {
                let meant = spellings
                    .get(&normalize(&actor.value.replace('-', " ")))
                    .copied()
                    .or_else(|| {
                        suggest::closest(
                            &actor.value,
                            org.roster.iter().map(|r| r.id.value.as_str()),
                        )
                    });
                used.extend(meant);
            }
            if lanes.iter().any(|l| l.value == actor.value) {
                continue;
            }
            if org.role(&actor.value).is_none() {
                unknown_role(org, &spellings, actor, out);
                continue;
            }
            let lane_list = sop.lanes.first().map_or(sop.span, |l| l.span);
            let add = format!(
                "add `{}` to `pelaksana:` at the top of the SOP",
                actor.value
            );
            let help = match same_person(org, sop, &actor.value) {
                Some(lane) => {
                    format!("is this the lane `{lane}`? if so, write `{lane}`; if not, {add}")
                }
                None => add,
            };
            out.push(
                Diagnostic::error(
                    "sop::actor::not-a-lane",
                    format!(
                        "`{}` acts in step {} but has no lane",
                        actor.value, step.number
                    ),
                    actor.span,
                )
                .label("not among the lanes")
                .with(lane_list, "lanes of this SOP")
                .help(help),
            );
        }
    }
    for step in &sop.steps {
        let Some(then) = &step.then else { continue };
        let lanes_of = |actors: &[crate::source::Spanned<String>]| -> Vec<usize> {
            actors
                .iter()
                .filter_map(|a| sop.lanes.iter().position(|l| l.value == a.value))
                .collect()
        };
        let span = |l: &[usize]| l.iter().min().zip(l.iter().max()).map(|(a, b)| (*a, *b));
        if let (Some((a0, a1)), Some((b0, b1))) =
            (span(&lanes_of(&step.actors)), span(&lanes_of(&then.actors)))
        {
            if a0 <= b1 && b0 <= a1 {
                let at = then.actors.first().map_or(then.span, |a| a.span);
                out.push(
                    Diagnostic::error(
                        "sop::step::lalu-lane",
                        format!(
                            "the `lalu` of step {} is drawn in the lanes of the step itself",
                            step.number
                        ),
                        at,
                    )
                    .label("shares a lane with the step's own symbol")
                    .help("two symbols of one row stand in different lanes: give the `lalu` another performer, or make it a step of its own"),
                );
            }
        }
    }
    for lane in lanes {
        // A lane that is not a roster role has its error already, and so does an SOP
        // without steps.
        if !used.contains(lane.value.as_str())
            && org.role(&lane.value).is_some()
            && !sop.steps.is_empty()
        {
            out.push(
                Diagnostic::warning(
                    "sop::actor::unused-lane",
                    format!("no step is done by `{}`", lane.value),
                    lane.span,
                )
                .label("empty lane")
                .help("remove the lane, or give it the steps it does"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::check_sop;

    const STEP: &str = "kelengkapan: [x], waktu: 1 jam, output: y";

    #[test]
    fn numbered_roles_are_different_roles() {
        use super::near_names;
        assert!(!near_names(
            "Kepala Seksi Wilayah I",
            "Kepala Seksi Wilayah II"
        ));
        assert!(!near_names("Kepala Seksi 1", "Kepala Seksi 2"));
        assert!(!near_names("Staf Seksi A", "Staf Seksi B"));
        assert!(!near_names("Seksi (1)", "Seksi (2)"));
        assert!(!near_names("«23» Staf", "«25» Staf"));
        assert!(near_names("Kadim", "Kadin"));
        assert!(near_names(
            "Kepala Bidang Perijinan",
            "Kepala Bidang Perizinan"
        ));
        assert!(near_names("Tim Survei", "Tim Survey"));
        assert!(near_names(
            "Kasubbag Umum dan Kepegawain",
            "Kasubbag Umum dan Kepegawaian"
        ));
        assert!(!near_names("Kasi UMKM", "Kasi Koperasi"));
        assert!(!near_names("Kabid", "Kasi"));
    }

    #[test]
    fn a_role_written_by_its_name_is_reported_once() {
        let sop = format!(
            "masukan: x\npelaksana: [a, Kepala Sub Bagian Umum]\nlangkah:\n  - {{ pelaksana: a, kegiatan: Menulis, {STEP} }}\n  - {{ pelaksana: Kepala Sub Bagian Umum, kegiatan: Memeriksa, {STEP} }}\n"
        );
        assert_eq!(
            check_sop(&sop),
            [("sop::actor::spelling", "Kepala Sub Bagian Umum".to_string())]
        );
    }

    #[test]
    fn an_actor_written_by_its_name_does_not_leave_its_lane_unused() {
        let sop = format!(
            "masukan: x\npelaksana: [a]\nlangkah:\n  - {{ pelaksana: Kadin, kegiatan: Menulis, {STEP} }}\n"
        );
        assert_eq!(
            check_sop(&sop),
            [("sop::actor::spelling", "Kadin".to_string())]
        );
    }

    #[test]
    fn a_misspelt_actor_does_not_leave_its_lane_unused() {
        let sop = format!(
            "masukan: x\npelaksana: [a, b]\nlangkah:\n  - {{ pelaksana: bb, kegiatan: Menulis, {STEP} }}\n  - {{ pelaksana: a, kegiatan: Membaca, kelengkapan: [y], waktu: 1 jam, output: z }}\n"
        );
        assert_eq!(check_sop(&sop), [("sop::actor::unknown", "bb".to_string())]);
    }

    #[test]
    fn an_unknown_lane_is_not_also_unused() {
        let sop = format!(
            "masukan: x\npelaksana: [a, kabid]\nlangkah:\n  - {{ pelaksana: a, kegiatan: Menulis, {STEP} }}\n"
        );
        assert_eq!(
            check_sop(&sop),
            [("sop::actor::unknown", "kabid".to_string())]
        );
    }
}
