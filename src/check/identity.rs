//! Identity checks: dates in order, a signing official with a valid NIP, unique nomor.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::style::Signature;
use crate::model::{Signer, Sop, Workspace};

/// The organisation's own fields.
pub fn org(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    if let Some(s) = &ws.org.signer {
        signer(s, out);
    }
    // A statement for electronic signatures that no SOP of the run prints.
    if let Some(t) = &ws.org.style.tte_statement {
        if !ws.sops.is_empty()
            && ws
                .sops
                .iter()
                .all(|s| s.style.signature != Signature::Electronic)
        {
            out.push(unused_tte(
                t.span,
                "no SOP of the folder is signed electronically",
            ));
        }
    }
}

fn unused_tte(span: crate::source::Span, why: &str) -> Diagnostic {
    Diagnostic::warning(
        "sop::gaya::unused-tte",
        "`pernyataan_tte` is never printed",
        span,
    )
    .label(why)
    .help("add `tanda_tangan: elektronik` to the same `gaya`, or remove `pernyataan_tte`")
}

/// One SOP's identity.
pub fn sop(ws: &Workspace, sop: &Sop, out: &mut Vec<Diagnostic>) {
    if let Some(t) = &sop.style_spec.tte_statement {
        if sop.style.signature != Signature::Electronic {
            out.push(unused_tte(t.span, "this SOP is signed in wet ink"));
        }
    }
    match (&sop.signer, &ws.org.signer) {
        (Some(s), _) => signer(s, out),
        (None, Some(_)) => {}
        (None, None) => out.push(
            Diagnostic::error(
                "sop::identity::no-signer",
                "nobody signs this SOP",
                sop.name.as_ref().map_or(sop.span, |n| n.span),
            )
            .label("no `pengesah`")
            .help(
                "add `pengesah:` (jabatan, nama, pangkat, nip) to organisasi.yaml or to this SOP",
            ),
        ),
    }
    let d = &sop.dates;
    // Permenpan RB 35/2012: the SOP is made (pembuatan) before it takes force (efektif),
    // and a revision cannot precede the first version.
    if let (Some(c), Some(e)) = (&d.created, &d.effective) {
        if e.value.before(&c.value) {
            out.push(
                Diagnostic::error(
                    "sop::identity::date-order",
                    "the SOP takes force before it was made",
                    e.span,
                )
                .label(format!("efektif {}", e.value.long()))
                .with(c.span, format!("pembuatan {}", c.value.long()))
                .help("correct one of the dates: tgl. efektif is on or after tgl. pembuatan"),
            );
        }
    }
    if let (Some(c), Some(r)) = (&d.created, &d.revised) {
        if r.value.before(&c.value) {
            out.push(
                Diagnostic::error(
                    "sop::identity::date-order",
                    "the SOP is revised before it was made",
                    r.span,
                )
                .label(format!("revisi {}", r.value.long()))
                .with(c.span, format!("pembuatan {}", c.value.long()))
                .help("correct one of the dates: tgl. revisi is on or after tgl. pembuatan"),
            );
        }
    }
}

fn signer(s: &Signer, out: &mut Vec<Diagnostic>) {
    let Some(nip) = &s.nip else {
        return;
    };
    let digits: String = nip.value.chars().filter(|c| !c.is_whitespace()).collect();
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    if !all_digits || digits.len() != 18 {
        out.push(
            Diagnostic::error(
                "sop::identity::nip",
                format!("NIP `{}` is not 18 digits", nip.value),
                nip.span,
            )
            .label(if all_digits {
                format!("{} digits", digits.len())
            } else {
                "not only digits".to_string()
            })
            .help("copy the NIP again: 18 digits, birth date (8), appointment month (6), sex (1), number (3), e.g. \"19641222 198903 1 009\""),
        );
        return;
    }
    // The first eight digits are the date of birth, the next six the month of appointment.
    let month = &digits[4..6];
    let day = &digits[6..8];
    let tmt_month = &digits[12..14];
    let ok = |m: &str| matches!(m.parse::<u8>(), Ok(1..=12));
    let ok_day = matches!(day.parse::<u8>(), Ok(1..=31));
    if !ok(month) || !ok_day || !ok(tmt_month) {
        out.push(
            Diagnostic::error(
                "sop::identity::nip",
                format!("NIP `{}` does not hold a valid date", nip.value),
                nip.span,
            )
            .label("birth date or appointment month out of range")
            .help("copy the NIP again: it starts with the birth date YYYYMMDD, then the appointment month YYYYMM"),
        );
    }
}

/// A nomor that still has a blank where the number goes ("188.4/ /DINPMP2KUKM/2020") is
/// not numbered yet: it is filled in at pengesahan, so it is not compared.
pub fn is_unnumbered(nomor: &str) -> bool {
    nomor
        .split('/')
        .any(|part| part.trim().is_empty() || part.trim().chars().all(|c| c == '.' || c == '-'))
}

/// SOPs in force (`tanggal.efektif` set) that share one nomor with its number left
/// blank (`188.4/ /DINPMP2KUKM/2020`): enacted, they were given numbers that the files
/// lack. One warning per blank nomor, at the first SOP, marking the others.
fn shared_blank_numbers(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<String, Vec<&Sop>> = BTreeMap::new();
    for sop in &ws.sops {
        let Some(n) = &sop.number else { continue };
        if sop.dates.effective.is_some() && is_unnumbered(&n.value) {
            groups
                .entry(crate::model::normalize(&n.value))
                .or_default()
                .push(sop);
        }
    }
    for sops in groups.into_values().filter(|g| g.len() > 1) {
        let Some(first) = sops[0].number.as_ref() else {
            continue;
        };
        let mut d = Diagnostic::warning(
            "sop::identity::shared-blank-nomor",
            format!(
                "{} SOPs in force share the blank nomor `{}`",
                sops.len(),
                first.value
            ),
            first.span,
        )
        .label(format!("`{}` is in force", sops[0].id));
        for s in &sops[1..] {
            if let Some(n) = &s.number {
                d = d.with(n.span, format!("`{}` too", s.id));
            }
        }
        out.push(d.help("an SOP in force has its own number: write the nomor it was enacted with in each file, or leave `efektif` out until it is enacted"));
    }
}

/// No two SOPs of the folder have the same nomor.
pub fn unique_numbers(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    shared_blank_numbers(ws, out);
    let mut seen: BTreeMap<String, &Sop> = BTreeMap::new();
    for sop in &ws.sops {
        let Some(n) = &sop.number else { continue };
        if is_unnumbered(&n.value) {
            continue;
        }
        let key = crate::model::normalize(&n.value);
        match seen.get(&key) {
            Some(first) => {
                let first_span = first.number.as_ref().map_or(first.span, |x| x.span);
                out.push(
                    Diagnostic::error(
                        "sop::identity::duplicate-nomor",
                        format!("nomor `{}` is used by two SOPs", n.value),
                        n.span,
                    )
                    .label("used again here")
                    .with(first_span, format!("first used by `{}`", first.id))
                    .help("give each SOP its own nomor"),
                );
            }
            None => {
                seen.insert(key, sop);
            }
        }
    }
}
