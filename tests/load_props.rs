//! Property tests of loading and checking: no input makes them panic, every diagnostic
//! points inside its file on character boundaries (the fuzz target's promises, checked
//! by `support::entry::load_check`), and a byte order mark or CRLF line ends change
//! nothing but the bytes.

mod support;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sopc::check;
use sopc::load::{SopText, load_texts};

fn real_sops() -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sops");
    let org = std::fs::read(dir.join("organisasi.yaml")).unwrap();
    let mut sops: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "organisasi.yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    sops.sort();
    (org, sops)
}

/// (code, line, column) of every diagnostic of one SOP checked with the real roster.
fn positions(org: &[u8], name: &str, sop: &[u8]) -> Vec<(String, usize, usize)> {
    let p = load_texts(
        PathBuf::from("sops"),
        SopText {
            path: "sops/organisasi.yaml".into(),
            bytes: org.to_vec(),
        },
        vec![SopText {
            path: PathBuf::from("sops").join(name),
            bytes: sop.to_vec(),
        }],
    );
    let mut diags = p.diags.clone();
    diags.extend(check::run(&p.workspaces[0]));
    diags.sort();
    diags
        .iter()
        .map(|d| {
            let (line, col) = p.sources.get(d.span.file).line_col(d.span.start as usize);
            (d.code.to_string(), line, col)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_load_and_check(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        support::entry::load_check(&bytes);
    }

    #[test]
    fn yaml_like_text_loads_and_checks(text in "[-a-z0-9:{}\\[\\],*&!|>'\" \n\t#é–\u{feff}\r]{0,600}") {
        support::entry::load_check(text.as_bytes());
    }

    #[test]
    fn damaged_real_sops_load_and_check(
        which in 0usize..14,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let (org, sops) = real_sops();
        let (_, sop) = &sops[which % sops.len()];
        let mut bytes = sop.clone();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 if i < bytes.len() => { bytes.remove(i); }
                1 => bytes.insert(i.min(bytes.len()), byte),
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        let mut input = org.clone();
        input.push(0);
        input.extend(bytes);
        support::entry::load_check(&input);
    }

    #[test]
    fn bom_and_crlf_change_nothing(which in 0usize..14, bom: bool, crlf: bool) {
        let (org, sops) = real_sops();
        let (name, sop) = &sops[which % sops.len()];
        let text = String::from_utf8(sop.clone()).unwrap();
        let mut changed = if crlf { text.replace('\n', "\r\n") } else { text };
        if bom {
            changed.insert(0, '\u{feff}');
        }
        prop_assert_eq!(positions(&org, name, sop), positions(&org, name, changed.as_bytes()));
    }
}
