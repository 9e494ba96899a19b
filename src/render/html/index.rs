//! The office's `index.html`: what the build fills in ([`IndexContext`]) and the view
//! the template receives ([`IndexView`]), with every lookup between SOPs, roles and
//! keterkaitan already done.

use serde::Serialize;

use super::{HtmlError, href};

/// Everything `index.html` shows, filled in by the build from the model. Every field is
/// plain text: the template escapes it.
#[derive(Debug, Clone, Default)]
pub struct IndexContext {
    /// *Pemerintah*, e.g. "Pemerintah Kabupaten Bangka".
    pub government: String,
    /// *Instansi*: the office's name.
    pub office: String,
    /// The SOPs, in the order to list them (by id).
    pub sops: Vec<IndexSop>,
    /// The roster of *pelaksana*, in written order: the rows of the roster × SOP table.
    pub roster: Vec<IndexRole>,
}

/// One SOP in the catalogue.
#[derive(Debug, Clone, Default)]
pub struct IndexSop {
    /// The SOP id (file stem), as used in [`IndexSop::related`].
    pub id: String,
    /// *Nomor SOP*, as written ("" when missing).
    pub number: String,
    /// *Nama SOP* (the id when missing).
    pub name: String,
    /// *Unit kerja*.
    pub unit: String,
    /// *Jenis kegiatan*: "Rutin" or "Penugasan" ("" when not given).
    pub kind: String,
    /// Number of steps (*langkah*).
    pub steps: usize,
    /// Total *waktu*, as printed ("3 jam 20 menit").
    pub total_time: String,
    /// *Tgl. efektif*, as printed ("02 Januari 2020").
    pub effective: String,
    /// Its HTML page, relative to the index (`<id>.html`); `None` when not written.
    pub html_href: Option<String>,
    /// Its PDF, relative to the index (`<id>.pdf`); `None` when not written.
    pub pdf_href: Option<String>,
    /// Ids of the roster roles taking part (its lanes).
    pub roles: Vec<String>,
    /// *Keterkaitan* with SOPs of this folder, by id.
    pub related: Vec<String>,
    /// *Keterkaitan* with SOPs outside this folder, by title.
    pub related_external: Vec<String>,
    /// More text the search box finds it by, not shown in its row: the text of its
    /// steps (kegiatan, text in the symbols, questions).
    pub words: Vec<String>,
}

/// A role of the roster.
#[derive(Debug, Clone, Default)]
pub struct IndexRole {
    /// The id SOPs cite (matched against [`IndexSop::roles`]).
    pub id: String,
    /// *Jabatan*.
    pub title: String,
    /// *Singkatan*, the lane heading ("" when none).
    pub short: String,
}

/// What `index.html` receives as `index`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// `id`.
    pub lang: &'static str,
    /// *Pemerintah*.
    pub government: String,
    /// *Instansi*.
    pub office: String,
    /// The catalogue rows.
    pub sops: Vec<SopRow>,
    /// The roster × SOP table rows.
    pub roster: Vec<RoleRow>,
    /// Every keterkaitan, one entry per pair.
    pub related: Vec<RelatedPair>,
}

/// A link, or plain text when there is nothing to link to.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Shown text.
    pub text: String,
    /// Target, already checked.
    pub href: Option<String>,
}

/// One catalogue row.
#[derive(Debug, Clone, Serialize)]
pub struct SopRow {
    /// 1-based row number, also the column heading of the roster table.
    pub no: usize,
    /// SOP id.
    pub id: String,
    /// *Nomor SOP*.
    pub number: String,
    /// *Nama SOP*.
    pub name: String,
    /// *Unit kerja*.
    pub unit: String,
    /// *Jenis*.
    pub kind: String,
    /// Number of steps.
    pub steps: usize,
    /// Total waktu.
    pub total_time: String,
    /// Tgl. efektif.
    pub effective: String,
    /// HTML page.
    pub html_href: Option<String>,
    /// PDF.
    pub pdf_href: Option<String>,
    /// The jabatan of the roles taking part, in roster order.
    pub roles: Vec<String>,
    /// Keterkaitan, linked when the SOP is in the folder and was written.
    pub related: Vec<LinkView>,
    /// What the search box finds besides the row's text, in lower case: the SOP's id,
    /// the short forms and ids of its pelaksana and the text of its steps.
    pub search: String,
}

/// One row of the roster × SOP table.
#[derive(Debug, Clone, Serialize)]
pub struct RoleRow {
    /// Role id.
    pub id: String,
    /// *Jabatan*.
    pub title: String,
    /// *Singkatan*, the lane heading ("" when none).
    pub short: String,
    /// One cell per SOP, in catalogue order: true when the role takes part.
    pub cells: Vec<bool>,
    /// Number of SOPs it takes part in.
    pub count: usize,
}

/// One keterkaitan: `from` names `to`.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedPair {
    /// The SOP whose identity lists the other.
    pub from: LinkView,
    /// The related SOP.
    pub to: LinkView,
    /// True when `to` is outside this folder.
    pub external: bool,
}

/// Builds the view, checking every link target.
pub(super) fn index_view(ctx: &IndexContext) -> Result<IndexView, HtmlError> {
    let checked = |target: &Option<String>| -> Result<Option<String>, HtmlError> {
        match target {
            None => Ok(None),
            Some(t) => href(t)
                .map(Some)
                .ok_or_else(|| HtmlError::UnsafeLink { href: t.clone() }),
        }
    };
    let mut hrefs = Vec::with_capacity(ctx.sops.len());
    for s in &ctx.sops {
        hrefs.push((checked(&s.html_href)?, checked(&s.pdf_href)?));
    }
    let link_to = |id: &str| -> LinkView {
        match ctx.sops.iter().zip(&hrefs).find(|(s, _)| s.id == id) {
            Some((s, (html, _))) => LinkView {
                text: display_name(s),
                href: html.clone(),
            },
            None => LinkView {
                text: id.to_string(),
                href: None,
            },
        }
    };

    let mut sops = Vec::with_capacity(ctx.sops.len());
    let mut related = Vec::new();
    for (i, (s, (html_href, pdf_href))) in ctx.sops.iter().zip(&hrefs).enumerate() {
        let mut links = Vec::new();
        for id in &s.related {
            let to = link_to(id);
            related.push(RelatedPair {
                from: link_to(&s.id),
                to: to.clone(),
                external: false,
            });
            links.push(to);
        }
        for title in &s.related_external {
            let to = LinkView {
                text: title.clone(),
                href: None,
            };
            related.push(RelatedPair {
                from: link_to(&s.id),
                to: to.clone(),
                external: true,
            });
            links.push(to);
        }
        let roles = ctx
            .roster
            .iter()
            .filter(|r| s.roles.contains(&r.id))
            .map(|r| r.title.clone())
            .chain(
                // A role missing from the roster is still listed, by its id.
                s.roles
                    .iter()
                    .filter(|id| !ctx.roster.iter().any(|r| &r.id == *id))
                    .cloned(),
            )
            .collect();
        sops.push(SopRow {
            no: i + 1,
            id: s.id.clone(),
            number: s.number.clone(),
            name: display_name(s),
            unit: s.unit.clone(),
            kind: s.kind.clone(),
            steps: s.steps,
            total_time: s.total_time.clone(),
            effective: s.effective.clone(),
            html_href: html_href.clone(),
            pdf_href: pdf_href.clone(),
            roles,
            related: links,
            search: search_words(s, &ctx.roster),
        });
    }

    let roster = ctx
        .roster
        .iter()
        .map(|r| {
            let cells: Vec<bool> = ctx.sops.iter().map(|s| s.roles.contains(&r.id)).collect();
            RoleRow {
                id: r.id.clone(),
                short: r.short.clone(),
                title: r.title.clone(),
                count: cells.iter().filter(|c| **c).count(),
                cells,
            }
        })
        .collect();

    Ok(IndexView {
        lang: "id",
        government: ctx.government.clone(),
        office: ctx.office.clone(),
        sops,
        roster,
        related,
    })
}

fn display_name(s: &IndexSop) -> String {
    if s.name.trim().is_empty() {
        s.id.clone()
    } else {
        s.name.clone()
    }
}

/// The words the search box finds an SOP by that its row does not show.
fn search_words(s: &IndexSop, roster: &[IndexRole]) -> String {
    let mut words: Vec<&str> = vec![&s.id];
    for id in &s.roles {
        words.push(id);
        if let Some(r) = roster.iter().find(|r| &r.id == id) {
            words.push(&r.short);
        }
    }
    words.extend(s.words.iter().map(String::as_str));
    let mut out = String::new();
    for w in words.into_iter().filter(|w| !w.trim().is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}
