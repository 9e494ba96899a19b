//! The `dasar_hukum` library of `organisasi.yaml`: one regulation is one entry. Two
//! entries of the same kind, number and year are one regulation written two ways
//! (copied from two documents, one of them with a slip), so SOPs citing one or the other
//! print it differently, and the decree would cite it twice.

use crate::diag::Diagnostic;
use crate::model::Workspace;
use crate::model::regulation::{self, citations};

/// Entries of the library that name one regulation.
pub fn library(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    for group in regulation::duplicates(&ws.org.legal_bases) {
        // Entries that differ only in case and punctuation print alike; the decree
        // cites the regulation once either way.
        let first = regulation::wording(&group[0].text.value);
        if group
            .iter()
            .all(|l| regulation::wording(&l.text.value) == first)
        {
            continue;
        }
        let keep = regulation::preferred(&group, &ws.sops);
        let what = regulation::parse(&keep.text.value).map_or_else(
            || "one regulation".to_string(),
            |r| format!("one regulation, {}", r.short()),
        );
        let cited = |id: &str| cited(id, ws);
        let others: Vec<String> = group
            .iter()
            .filter(|l| l.id.value != keep.id.value)
            .map(|l| format!("`{}`", l.id.value))
            .collect();
        // At the second entry, the first being the other place: a later entry is the
        // one usually added by mistake.
        let at = group[1];
        let ids: Vec<String> = group.iter().map(|l| format!("`{}`", l.id.value)).collect();
        let mut d = Diagnostic::warning(
            "sop::dasar-hukum::duplicate",
            format!("legal bases {} are {what}, worded differently", join(&ids)),
            at.text.span,
        )
        .label(format!("`{}`, {}", at.id.value, cited(&at.id.value)));
        for l in group.iter().filter(|l| l.id.value != at.id.value) {
            d = d.with(
                l.text.span,
                format!("`{}`, {}", l.id.value, cited(&l.id.value)),
            );
        }
        out.push(d.help(format!(
            "keep `{}` ({}), correct its text against the regulation, cite it in place of {} in every SOP and in `mengingat`, and remove {}",
            keep.id.value,
            cited(&keep.id.value),
            join(&others),
            if others.len() == 1 { "that entry" } else { "those entries" },
        )));
    }
}

/// Entries of one kind, issuer and year with the same subject but different numbers:
/// one regulation, one of them with a wrong number (a Perda 8/2016 "tentang Pembentukan
/// dan Susunan Perangkat Daerah" beside the Perda 9/2016 of that title). Two
/// regulations of one title differ in their year (a later one replacing the earlier),
/// so entries of different years are not compared.
pub fn numbers(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let lib = &ws.org.legal_bases;
    let read: Vec<_> = lib
        .iter()
        .map(|l| regulation::parse(&l.text.value).zip(regulation::subject(&l.text.value)))
        .collect();
    for j in 0..lib.len() {
        let Some((b, sb)) = &read[j] else { continue };
        let earlier = (0..j).find(|&i| {
            read[i].as_ref().is_some_and(|(a, sa)| {
                a.number.is_some()
                    && b.number.is_some()
                    && a.number != b.number
                    && a.year.is_some()
                    && a.year == b.year
                    && sa == sb
                    && a.same(&regulation::Regulation {
                        number: a.number.clone(),
                        ..b.clone()
                    })
            })
        });
        let Some((i, (a, _))) = earlier.and_then(|i| read[i].as_ref().map(|r| (i, r))) else {
            continue;
        };
        let (first, second) = (&lib[i], &lib[j]);
        out.push(
            Diagnostic::warning(
                "sop::dasar-hukum::number",
                format!(
                    "legal bases `{}` and `{}` have one title but two numbers, {} and {}",
                    first.id.value,
                    second.id.value,
                    a.short(),
                    b.short()
                ),
                second.text.span,
            )
            .label(format!(
                "`{}`, {}, {}",
                second.id.value,
                b.short(),
                cited(&second.id.value, ws)
            ))
            .with(
                first.text.span,
                format!(
                    "`{}`, {}, {}",
                    first.id.value,
                    a.short(),
                    cited(&first.id.value, ws)
                ),
            )
            .help("one of them is the regulation under a wrong number: check both against the regulation, correct the wrong one's text, and cite one id for it"),
        );
    }
}

fn cited(id: &str, ws: &Workspace) -> String {
    match citations(id, &ws.sops) {
        0 => "cited by no SOP".to_string(),
        1 => "cited by 1 SOP".to_string(),
        n => format!("cited by {n} SOPs"),
    }
}

/// "`a`, `b` and `c`".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    /// (code, text under the span, other places' texts) of the library diagnostics.
    fn check(library: &str, cites: &[&str]) -> Vec<(&'static str, String, Vec<String>, String)> {
        let org = format!("pengesah: {{ jabatan: Kepala, nama: Budi }}\ndasar_hukum:\n{library}");
        let lines: Vec<String> = cites
            .iter()
            .map(|c| format!("dasar_hukum: [{c}]"))
            .collect();
        let p = crate::check::fixture::project(&org, &lines);
        let mut out = Vec::new();
        super::library(&p.workspaces[0], &mut out);
        out.iter()
            .map(|d| {
                (
                    d.code,
                    p.sources.text(d.span).to_string(),
                    d.others
                        .iter()
                        .map(|o| p.sources.text(o.span).to_string())
                        .collect(),
                    d.help.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn one_regulation_worded_two_ways_is_reported_with_the_entry_to_keep() {
        let got = check(
            "  perbup-15: Peraturan Bupati Bangka Nomor 15 Tahun 2017 tentang Perubahan atas Peraturan Bupati Bangka Nomor 58 Tahun 2016\n  perbup-15-b: Peraturan Bupati Bangka Nomor 15 Tahun 2017 tentang Perubahan atas Peraturan Bupati Bangka Nomor 58 Tahun 2015\n  perbup-14: Peraturan Bupati Bangka Nomor 14 Tahun 2013\n",
            &["perbup-15-b, perbup-14", "perbup-15-b", "perbup-15"],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        let (code, at, others, help) = &got[0];
        assert_eq!(*code, "sop::dasar-hukum::duplicate");
        assert!(at.ends_with("Nomor 58 Tahun 2015"), "{at}");
        assert_eq!(others.len(), 1);
        assert!(others[0].ends_with("Nomor 58 Tahun 2016"));
        // The entry more SOPs cite is the one to keep.
        assert!(
            help.starts_with("keep `perbup-15-b` (cited by 2 SOPs)"),
            "{help}"
        );
    }

    #[test]
    fn different_regulations_are_not_reported() {
        let got = check(
            "  a: Peraturan Bupati Bangka Nomor 14 Tahun 2013\n  b: Peraturan Daerah Nomor 14 Tahun 2013\n  c: Peraturan Menteri Dalam Negeri Nomor 14 Tahun 2013\n  d: Peraturan Menteri Keuangan Nomor 14 Tahun 2013\n  e: Pedoman Tata Naskah Dinas\n  f: Pedoman Kearsipan\n",
            &["a"],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn abbreviated_texts_are_one_regulation_and_case_alone_is_no_difference() {
        let got = check(
            "  permenpan: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012\n  pan-35: Permenpan RB No. 35 Tahun 2012\n  x: Pedoman Tata Naskah Dinas\n  y: pedoman tata naskah  dinas\n",
            &["pan-35"],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "Permenpan RB No. 35 Tahun 2012");
    }
}
