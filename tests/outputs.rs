//! `sopc build` output checked with real PDF tools, on `sops/` and every example:
//! `qpdf --check` passes, `pdftotext` finds every line of text the layout placed (every
//! kegiatan and identity field), the page count equals the layout's, and two builds are
//! byte-identical. The tools come from Debian's qpdf and poppler-utils; CI installs them.
//! The links of each PDF are read with lopdf: a keterkaitan goes to the related PDF.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use sopc::build;
use sopc::layout::LayoutOptions;
use sopc::layout::document::Item;
use support::build;

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "`{name}` is needed for this test on CI"
        );
        eprintln!("note: `{name}` is not installed; skipping its checks");
    }
    found
}

fn folders() -> Vec<PathBuf> {
    support::source_folders()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdfs_pass_qpdf_hold_all_text_and_build_identically() {
    let (qpdf, poppler) = (tool("qpdf"), tool("pdftotext"));
    let tmp = tempfile::tempdir().unwrap();
    for (n, src) in folders().iter().enumerate() {
        let a = tmp.path().join(format!("a{n}"));
        let b = tmp.path().join(format!("b{n}"));
        build(src, &a);
        build(src, &b);
        let (project, diags) = sopc::cli::compile(std::slice::from_ref(src)).unwrap();
        assert_eq!(diags.errors(), 0);
        for ws in &project.workspaces {
            let opts = LayoutOptions {
                paper: ws.org.paper,
                worksheets: true,
                hours_per_day: ws.org.hours_per_day,
            };
            for sop in &ws.sops {
                for ext in ["pdf", "html"] {
                    let name = format!("{}.{ext}", sop.id);
                    assert_eq!(
                        std::fs::read(a.join(&name)).unwrap(),
                        std::fs::read(b.join(&name)).unwrap(),
                        "{name} differs between two builds"
                    );
                }
                let pdf = a.join(format!("{}.pdf", sop.id));
                let doc = build::layout_sop(&project, ws, sop, &opts).unwrap();
                if qpdf {
                    let o = Command::new("qpdf")
                        .arg("--check")
                        .arg(&pdf)
                        .output()
                        .unwrap();
                    assert!(
                        o.status.success(),
                        "qpdf --check {}: {}",
                        pdf.display(),
                        String::from_utf8_lossy(&o.stdout)
                    );
                }
                if poppler {
                    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
                    let info = String::from_utf8_lossy(&info.stdout);
                    let pages: usize = info
                        .lines()
                        .find_map(|l| l.strip_prefix("Pages:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap();
                    assert_eq!(pages, doc.pages.len(), "{}", pdf.display());
                    let text = Command::new("pdftotext")
                        .args(["-raw", "-enc", "UTF-8"])
                        .arg(&pdf)
                        .arg("-")
                        .output()
                        .unwrap();
                    let text = squash(&String::from_utf8_lossy(&text.stdout));
                    for page in &doc.pages {
                        for it in &page.items {
                            if let Item::Text(t) = &it.item {
                                let line = squash(&t.text);
                                assert!(
                                    text.contains(&line),
                                    "{}: pdftotext misses {:?}",
                                    pdf.display(),
                                    line
                                );
                            }
                        }
                    }
                    for step in &sop.steps {
                        let plain = sopc::markup::plain(&step.activity.value);
                        let first = plain.split_whitespace().next().unwrap_or("");
                        assert!(
                            text.contains(first),
                            "{}: kegiatan {:?}",
                            pdf.display(),
                            step.activity.value
                        );
                    }
                }
            }
        }
    }
}

/// The URIs of every link annotation of a PDF, in page order.
fn link_uris(pdf: &Path) -> Vec<String> {
    let lo = lopdf::Document::load(pdf).unwrap();
    let mut uris = Vec::new();
    for page in lo.get_pages().into_values() {
        let annots = lo
            .get_dictionary(page)
            .and_then(|d| d.get(b"Annots"))
            .and_then(lopdf::Object::as_array)
            .cloned()
            .unwrap_or_default();
        for a in annots {
            let a = match a {
                lopdf::Object::Reference(id) => lo.get_dictionary(id).unwrap().clone(),
                o => o.as_dict().unwrap().clone(),
            };
            if let Ok(uri) = a
                .get(b"A")
                .and_then(lopdf::Object::as_dict)
                .and_then(|act| act.get(b"URI"))
                .and_then(lopdf::Object::as_str)
            {
                uris.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    uris
}

/// In the PDF of an SOP, each keterkaitan in the folder links to that SOP's PDF next to
/// it (the HTML page links to its HTML page). Issue #16, "Outputs for the archive".
#[test]
fn keterkaitan_in_a_pdf_links_to_the_related_pdf() {
    use sopc::model::RelatedSop;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    build(Path::new("sops"), &out);
    let (project, _) = sopc::cli::compile(&[PathBuf::from("sops")]).unwrap();
    let mut linked = 0;
    for sop in &project.workspaces[0].sops {
        let want: Vec<String> = sop
            .related
            .iter()
            .filter_map(|r| match r {
                RelatedSop::Internal(id) => Some(format!("{}.pdf", id.value)),
                RelatedSop::External(_) => None,
            })
            .collect();
        let got = link_uris(&out.join(format!("{}.pdf", sop.id)));
        for f in &want {
            assert!(
                got.contains(f),
                "{}.pdf lacks a link to {f}: {got:?}",
                sop.id
            );
        }
        // Any other link is a web address written in a text, or another SOP's PDF.
        for f in got.iter().filter(|f| !f.starts_with("http")) {
            assert!(f.ends_with(".pdf"), "{}.pdf links to {f}", sop.id);
            assert!(
                out.join(f).is_file(),
                "{}.pdf links to {f}, not written",
                sop.id
            );
        }
        let html = std::fs::read_to_string(out.join(format!("{}.html", sop.id))).unwrap();
        for f in &want {
            let page = f.replace(".pdf", ".html");
            assert!(
                html.contains(&format!("href=\"{page}\"")),
                "{}.html",
                sop.id
            );
        }
        linked += want.len();
    }
    assert!(linked > 0, "sops/ has keterkaitan to link");
}

/// The rows of an index: each SOP id, with whether it links to its PDF.
fn index_rows(index: &Path) -> Vec<(String, bool)> {
    let html = std::fs::read_to_string(index).unwrap();
    html.split("<tr id=\"sop-")
        .skip(1)
        .map(|row| {
            let id = row.split('"').next().unwrap().to_string();
            let row = row.split("</tr>").next().unwrap();
            let linked = row.contains(&format!("href=\"{id}.pdf\""));
            (id, linked)
        })
        .collect()
}

/// #16: building one file of a folder writes an index of the whole folder, which links
/// the SOPs built earlier to their files and lists the others without links.
#[test]
fn index_describes_the_whole_folder_when_one_file_is_built() {
    let tmp = tempfile::tempdir().unwrap();
    let ids: Vec<String> = std::fs::read_dir("sops")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|id| id != "organisasi")
        .collect();
    let one = Path::new("sops/peminjaman-arsip.yaml");

    // Into an empty folder: every SOP is listed, only the one built links.
    let fresh = tmp.path().join("fresh");
    build(one, &fresh);
    let rows = index_rows(&fresh.join("index.html"));
    assert_eq!(rows.len(), ids.len(), "{rows:?}");
    for (id, linked) in &rows {
        assert_eq!(*linked, id == "peminjaman-arsip", "{id}");
    }

    // Into the output of the whole folder: every SOP still links to its files.
    let full = tmp.path().join("full");
    build(Path::new("sops"), &full);
    let before = std::fs::read_to_string(full.join("index.html")).unwrap();
    build(one, &full);
    let rows = index_rows(&full.join("index.html"));
    assert_eq!(rows.len(), ids.len(), "{rows:?}");
    assert!(rows.iter().all(|(_, linked)| *linked), "{rows:?}");
    assert_eq!(
        std::fs::read_to_string(full.join("index.html")).unwrap(),
        before
    );
}
