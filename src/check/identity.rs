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

/// A name as compared for one person: without academic and religious titles (before
/// the name, "Drs.", "Ir.", "H."; after its comma, "M.Si", "S.H."), punctuation, case and
/// spacing.
fn name_key(name: &str) -> String {
    let core = name.split(',').next().unwrap_or(name);
    let words: Vec<String> = core
        .split_whitespace()
        // A word ending in a full stop before the name is a title ("Drs.", "Ir.",
        // "Dr.", "H.", "Prof."); so are these written without one.
        .filter(|w| {
            !w.ends_with('.')
                && !matches!(
                    w.to_lowercase().as_str(),
                    "drs" | "dra" | "dr" | "ir" | "h" | "hj" | "prof"
                )
        })
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        })
        .filter(|w: &String| !w.is_empty())
        .collect();
    words.join(" ")
}

/// One pengesah written in two ways across the SOPs and the decree (which
/// `organisasi.yaml`'s pengesah signs): the same NIP with two names, or the same jabatan
/// with names that differ only by titles, spacing or case. The printed name of an
/// official is the same on every document the office enacts.
pub fn signer_spellings(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    // (signer, printed name, whom it signs for), the organisation's first.
    let mut signers: Vec<(&Signer, String, String)> = Vec::new();
    let printed = |s: &Signer| {
        s.name
            .as_ref()
            .map(|n| n.value.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    if let Some(s) = &ws.org.signer {
        if let Some(p) = printed(s) {
            signers.push((s, p, "the decree and the SOPs without a `pengesah`".into()));
        }
    }
    for sop in &ws.sops {
        if let Some(s) = &sop.signer {
            if let Some(p) = printed(s) {
                signers.push((s, p, format!("`{}`", sop.id)));
            }
        }
    }
    let nip = |s: &Signer| {
        s.nip
            .as_ref()
            .map(|n| {
                n.value
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty())
    };
    let jabatan = |s: &Signer| s.title.as_ref().map(|t| crate::model::normalize(&t.value));
    let same_person = |a: &Signer, b: &Signer| -> bool {
        match (nip(a), nip(b)) {
            (Some(x), Some(y)) => x == y,
            _ => {
                jabatan(a).is_some()
                    && jabatan(a) == jabatan(b)
                    && a.name.as_ref().map(|n| name_key(&n.value))
                        == b.name.as_ref().map(|n| name_key(&n.value))
            }
        }
    };
    // Group the signers that are one person (by NIP, or by jabatan and name, through
    // any chain of them); a group's head is its first, the organisation's when in it.
    let mut group: Vec<usize> = (0..signers.len()).collect();
    fn root(group: &mut [usize], mut k: usize) -> usize {
        while group[k] != k {
            k = group[k];
        }
        k
    }
    for i in 0..signers.len() {
        for j in 0..i {
            if same_person(signers[i].0, signers[j].0) {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    for k in 0..signers.len() {
        group[k] = root(&mut group, k);
    }
    for head in 0..signers.len() {
        if group[head] != head {
            continue;
        }
        let members: Vec<usize> = (0..signers.len()).filter(|k| group[*k] == head).collect();
        let (first, first_printed, first_for) = &signers[head];
        let Some(first_name) = &first.name else {
            continue;
        };
        // Each other spelling, with every place it is written.
        let mut variants: Vec<(&str, Vec<usize>)> = Vec::new();
        for &k in &members[1..] {
            let p = signers[k].1.as_str();
            if p == first_printed {
                continue;
            }
            match variants.iter_mut().find(|(v, _)| *v == p) {
                Some((_, places)) => places.push(k),
                None => variants.push((p, vec![k])),
            }
        }
        for (variant, places) in variants {
            let (at, _, at_for) = &signers[places[0]];
            let Some(at_name) = &at.name else { continue };
            let mut d = Diagnostic::warning(
                "sop::identity::signer-spelling",
                format!("the pengesah `{first_printed}` is also written `{variant}`"),
                at_name.span,
            )
            .label(format!("for {at_for}"));
            for k in &places[1..] {
                if let Some(n) = &signers[*k].0.name {
                    d = d.with(n.span, format!("also for {}", signers[*k].2));
                }
            }
            d = d.with(first_name.span, format!("for {first_for}"));
            let why = match (nip(first), nip(at)) {
                (Some(x), Some(y)) if x == y => "the same NIP",
                _ => "the same jabatan",
            };
            let help = if head == 0 && ws.org.signer.is_some() {
                format!(
                    "one official ({why}) is printed with one name: write `{first_printed}` as in organisasi.yaml, or remove this `pengesah` so that the SOP takes the one of organisasi.yaml"
                )
            } else {
                format!(
                    "one official ({why}) is printed with one name: write it the same way in every SOP, e.g. `{first_printed}`"
                )
            };
            out.push(d.help(help));
        }
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

#[cfg(test)]
mod tests {
    /// (text under the span, texts of the other places) of the signer warnings, for an
    /// organisation's pengesah and one SOP per `pengesah` mapping.
    fn spellings(org: &str, sops: &[&str]) -> Vec<(String, Vec<String>)> {
        let lines: Vec<String> = sops.iter().map(|p| format!("pengesah: {p}")).collect();
        let p = crate::check::fixture::project(&format!("pengesah: {org}\n"), &lines);
        let mut out = Vec::new();
        super::signer_spellings(&p.workspaces[0], &mut out);
        out.iter()
            .map(|d| {
                assert_eq!(d.code, "sop::identity::signer-spelling");
                (
                    p.sources.text(d.span).to_string(),
                    d.others
                        .iter()
                        .map(|o| p.sources.text(o.span).to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn titles_spacing_and_case_alone_are_one_official() {
        let got = spellings(
            "{ jabatan: Kepala Dinas, nama: \"Drs. Budi Santoso, M.Si\" }",
            &[
                "{ jabatan: Kepala Dinas, nama: Budi Santoso }",
                "{ jabatan: kepala  dinas, nama: BUDI SANTOSO }",
                "{ jabatan: Kepala Dinas, nama: Budi Santoso }",
                "{ jabatan: Kepala Dinas, nama: \"Drs. Budi Santoso, M.Si\" }",
            ],
        );
        assert_eq!(
            got,
            [
                (
                    "Budi Santoso".to_string(),
                    vec![
                        "Budi Santoso".to_string(),
                        "\"Drs. Budi Santoso, M.Si\"".to_string()
                    ]
                ),
                (
                    "BUDI SANTOSO".to_string(),
                    vec!["\"Drs. Budi Santoso, M.Si\"".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn the_same_nip_with_another_name_is_reported() {
        let got = spellings(
            "{ jabatan: Kepala DINPMP2KUKM, nama: \"Ir. ASMAWI ALIE, M.T.\", nip: \"19641222 198903 1 009\" }",
            &[
                "{ jabatan: Kepala Dinas, nama: \"Ir. ASMAWI AJE, M.T.\", nip: \"196412221989031009\" }",
            ],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "\"Ir. ASMAWI AJE, M.T.\"");
    }

    #[test]
    fn other_officials_are_not_reported() {
        let got = spellings(
            "{ jabatan: Kepala Dinas, nama: Budi Santoso, nip: \"19641222 198903 1 009\" }",
            &[
                // A successor: the same jabatan, another name and NIP.
                "{ jabatan: Kepala Dinas, nama: Siti Aminah, nip: \"19700101 199503 2 001\" }",
                // The same name under another jabatan, without a NIP.
                "{ jabatan: Plt. Kepala Dinas, nama: Drs. Budi Santoso }",
                // The same jabatan, another name, no NIP.
                "{ jabatan: Kepala Dinas, nama: Budi Santosa }",
            ],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
