//! Pagination of the flowchart: rows fill a page in order until the next would not
//! fit under the title and the repeated header, with the total row on the last page.
//! A page that an arrow leaves or enters across a page break gets a band of
//! off-page connectors at its bottom or top, which takes room from its rows.

use std::collections::{BTreeMap, BTreeSet};

use super::Edge;
use super::grid::Grid;
use super::rows::RowBox;
use crate::diag::Diagnostic;
use crate::layout::style::flow;
use crate::model::Sop;

/// The steps on each page, and the height of each page's connector bands.
pub(super) struct Pagination {
    /// The steps on each page, in order.
    pub(super) pages: Vec<Vec<usize>>,
    /// Height of each page's top connector band (0 for none).
    pub(super) top_h: Vec<f64>,
    /// Height of each page's bottom connector band (0 for none).
    pub(super) bottom_h: Vec<f64>,
}

/// Splits the rows into pages, `base` being the room a page has for rows (less its
/// connector bands) and `total_h` the height of the total row that ends the last page.
/// `spare_rows` more band rows are kept for connectors when an earlier try was crowded.
/// A row that does not fit on a page is `sop::layout::too-tall`.
pub(super) fn paginate(
    sop: &Sop,
    grid: &Grid,
    rows: &[RowBox],
    total_h: f64,
    base: f64,
    edges: &[Edge],
    spare_rows: usize,
) -> Result<Pagination, Box<Diagnostic>> {
    let fresh = base - 2.0 * flow::BAND;
    if let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| r.height > fresh) {
        return Err(too_tall(sop, i, r.height, fresh));
    }
    // Paginate; bands for connectors change the room on a page, so repeat until the set
    // of pages that need bands no longer grows.
    let bands = BandRows {
        per_row: slots_per_row(grid),
        spare_rows,
    };
    let keep = keep_with_next(rows.len(), edges);
    let heights: Vec<f64> = rows.iter().map(|r| r.height).collect();
    let mut top: BTreeMap<usize, usize> = BTreeMap::new();
    let mut bottom: BTreeMap<usize, usize> = BTreeMap::new();
    let mut pages: Vec<Vec<usize>>;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let cap = |p: usize| {
            base - bands.height(top.get(&p).copied().unwrap_or(0))
                - bands.height(bottom.get(&p).copied().unwrap_or(0))
        };
        pages = fill(&heights, total_h, &cap, &keep);
        balance(&mut pages, &heights, total_h, &cap, &keep);
        let (mut new_top, mut new_bottom) = crossings(&pages, rows.len(), edges);
        // Only ever grow the bands, so the loop ends.
        for (p, n) in &top {
            let e = new_top.entry(*p).or_default();
            *e = (*e).max(*n);
        }
        for (p, n) in &bottom {
            let e = new_bottom.entry(*p).or_default();
            *e = (*e).max(*n);
        }
        if (new_top == top && new_bottom == bottom) || rounds > 12 {
            break;
        }
        top = new_top;
        bottom = new_bottom;
    }
    let band_of = |counts: &BTreeMap<usize, usize>| -> Vec<f64> {
        (0..pages.len())
            .map(|p| bands.height(counts.get(&p).copied().unwrap_or(0)))
            .collect()
    };
    let paged = Pagination {
        top_h: band_of(&top),
        bottom_h: band_of(&bottom),
        pages,
    };
    check_room(sop, rows, total_h, base, &paged)?;
    Ok(paged)
}

/// How many band rows the connectors of a page take.
struct BandRows {
    per_row: usize,
    spare_rows: usize,
}

impl BandRows {
    /// The height of a band of `count` connectors.
    fn height(&self, count: usize) -> f64 {
        let rows = if count == 0 {
            0
        } else {
            // With few lanes a connector may not find room on the side its arrow
            // comes from: keep a spare row (more when a first try was crowded).
            let spare = usize::from(self.per_row < 3) + self.spare_rows;
            (count.div_ceil(self.per_row) + spare).min(count)
        };
        rows as f64 * flow::BAND
    }
}

/// For each row, whether it is a decision whose nearest target is the next row: a page
/// break between the two is avoided where the page after can take both, so that the
/// reader sees a decision and its nearest exit's step on one page.
fn keep_with_next(n: usize, edges: &[Edge]) -> Vec<bool> {
    let mut nearest: Vec<Option<usize>> = vec![None; n];
    for e in edges
        .iter()
        .filter(|e| e.labelled && e.to_row != e.from_row)
    {
        if let Some(slot) = nearest.get_mut(e.from_row) {
            let d = e.to_row.abs_diff(e.from_row);
            if slot.is_none_or(|best| d < best.abs_diff(e.from_row)) {
                *slot = Some(e.to_row);
            }
        }
    }
    nearest
        .iter()
        .enumerate()
        .map(|(r, t)| *t == Some(r + 1))
        .collect()
}

/// Rows in order onto pages, each page holding what fits in `cap(page)`, the last one
/// the total row too. A decision kept with the next row (`keep`) moves to the next page
/// with it when the break would fall between them and that page can take both.
fn fill(rows: &[f64], total_h: f64, cap: &dyn Fn(usize) -> f64, keep: &[bool]) -> Vec<Vec<usize>> {
    let mut pages = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut used = 0.0;
    for (i, &h) in rows.iter().enumerate() {
        if !cur.is_empty() && used + h > cap(pages.len()) {
            let carried = match cur[..] {
                [.., before, last] if keep[last] && before + 1 == last => {
                    let both = rows[last] + h;
                    (both <= cap(pages.len() + 1)).then_some(last)
                }
                _ => None,
            };
            if carried.is_some() {
                cur.pop();
            }
            pages.push(std::mem::take(&mut cur));
            cur.extend(carried);
            used = carried.map_or(0.0, |c| rows[c]);
        }
        cur.push(i);
        used += h;
    }
    if used + total_h > cap(pages.len()) && cur.len() > 1 {
        // The last row goes on a page of its own with the total row, with the decision
        // before it when that is kept with it.
        let k = cur.len();
        let pair = rows[cur[k - 2]] + rows[cur[k - 1]] + total_h;
        let at = if k > 2 && keep[cur[k - 2]] && pair <= cap(pages.len() + 1) {
            k - 2
        } else {
            k - 1
        };
        let last: Vec<usize> = cur.drain(at..).collect();
        pages.push(std::mem::take(&mut cur));
        cur.extend(last);
    }
    pages.push(cur);
    pages
}

/// One lonely row on the last page after a full one: one more row moves over when
/// it fits with room to spare for a band of connectors; two, when the one before it is
/// a decision kept with it (`keep`) and both fit.
fn balance(
    pages: &mut [Vec<usize>],
    rows: &[f64],
    total_h: f64,
    cap: &dyn Fn(usize) -> f64,
    keep: &[bool],
) {
    let n = pages.len();
    if n < 2 || pages[n - 1].len() != 1 || pages[n - 2].len() < 3 {
        return;
    }
    let before = &pages[n - 2];
    let Some(&moved) = before.last() else {
        return;
    };
    let lonely = rows[pages[n - 1][0]] + total_h;
    let room = cap(n - 1) - 2.0 * flow::BAND;
    let decision = before[before.len() - 2];
    let pair = rows[decision] + rows[moved];
    let count = if keep[decision] && before.len() >= 4 && lonely + pair <= room {
        2
    } else if lonely + rows[moved] <= room {
        1
    } else {
        0
    };
    let at = pages[n - 2].len() - count;
    let carried: Vec<usize> = pages[n - 2].drain(at..).collect();
    pages[n - 1].splice(0..0, carried);
}

/// The connectors each page needs at its top and its bottom for the arrows that cross
/// its page breaks.
fn crossings(
    pages: &[Vec<usize>],
    n: usize,
    edges: &[Edge],
) -> (BTreeMap<usize, usize>, BTreeMap<usize, usize>) {
    let page_of = page_index(pages, n);
    let mut top: BTreeMap<usize, usize> = BTreeMap::new();
    let mut bottom: BTreeMap<usize, usize> = BTreeMap::new();
    let mut seen_top = BTreeSet::new();
    for e in edges {
        let (pf, pt) = (page_of[e.from_row], page_of[e.to_row]);
        if pf != pt {
            *bottom.entry(pf).or_default() += 1;
            if seen_top.insert(e.to) {
                *top.entry(pt).or_default() += 1;
            }
        }
    }
    (top, bottom)
}

/// A row starts a page even when it is taller than the room its page's connector
/// bands leave; such a page would run off the paper: `sop::layout::too-tall`.
fn check_room(
    sop: &Sop,
    rows: &[RowBox],
    total_h: f64,
    base: f64,
    paged: &Pagination,
) -> Result<(), Box<Diagnostic>> {
    for (p, page_rows) in paged.pages.iter().enumerate() {
        let room = base - paged.top_h[p] - paged.bottom_h[p];
        let last = p + 1 == paged.pages.len();
        let used: f64 = page_rows.iter().map(|&i| rows[i].height).sum::<f64>()
            + if last { total_h } else { 0.0 };
        if used > room + 1e-6 {
            let tallest = page_rows
                .iter()
                .copied()
                .max_by(|&a, &b| rows[a].height.total_cmp(&rows[b].height));
            if let Some(i) = tallest {
                let others = used - rows[i].height;
                return Err(too_tall(sop, i, rows[i].height, room - others));
            }
        }
    }
    Ok(())
}

/// Step `i` (a row `height` pt tall) does not fit in the `room` a page has for it.
fn too_tall(sop: &Sop, i: usize, height: f64, room: f64) -> Box<Diagnostic> {
    let step = &sop.steps[i];
    Box::new(
        Diagnostic::error(
            "sop::layout::too-tall",
            format!("step {} does not fit on one page", step.number),
            step.activity.span,
        )
        .label(format!(
            "needs {height:.0} pt, a page has room for {:.0} pt",
            room.max(0.0)
        ))
        .help("shorten the kegiatan, kelengkapan or keterangan, or split the step in two"),
    )
}

/// The page of each step, from the steps on each page.
pub(super) fn page_index(pages: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut page_of = vec![0; n];
    for (p, rows) in pages.iter().enumerate() {
        for &i in rows {
            page_of[i] = p;
        }
    }
    page_of
}

/// How many connectors a band row holds: one per lane, so each can stand beside the
/// symbols of its lane whichever side its arrow comes from.
fn slots_per_row(grid: &Grid) -> usize {
    grid.lanes.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(heights: &[f64], cap: f64, keep: &[bool]) -> Vec<Vec<usize>> {
        let mut p = fill(heights, 10.0, &|_| cap, keep);
        balance(&mut p, heights, 10.0, &|_| cap, keep);
        p
    }

    #[test]
    fn rows_fill_pages_in_order() {
        let none = [false; 6];
        assert_eq!(
            pages(&[40.0; 6], 130.0, &none),
            vec![vec![0, 1, 2], vec![3, 4, 5]]
        );
    }

    #[test]
    fn a_decision_goes_over_the_page_break_with_its_nearest_target() {
        // Row 2 is a decision whose nearest exit is row 3, which does not fit on page 1.
        let mut keep = [false; 6];
        keep[2] = true;
        assert_eq!(
            pages(&[40.0; 6], 130.0, &keep),
            vec![vec![0, 1], vec![2, 3, 4], vec![5]]
        );
        // Not when the next page cannot take both.
        assert_eq!(
            pages(
                &[40.0, 40.0, 40.0, 100.0, 40.0],
                130.0,
                &[false, false, true, false, false]
            ),
            vec![vec![0, 1, 2], vec![3], vec![4]]
        );
    }

    #[test]
    fn a_lonely_last_row_takes_the_decision_before_it_along() {
        // 0..=5 fill page 1 and 6 is alone with the total: 5 moves over, and 4 with it
        // when 4 is a decision kept with 5.
        let rows = [30.0; 7];
        let mut keep = [false; 7];
        assert_eq!(
            pages(&rows, 200.0, &keep),
            vec![vec![0, 1, 2, 3, 4], vec![5, 6]]
        );
        keep[4] = true;
        assert_eq!(
            pages(&rows, 200.0, &keep),
            vec![vec![0, 1, 2, 3], vec![4, 5, 6]]
        );
    }

    #[test]
    fn only_a_decision_exit_to_the_next_row_keeps_rows_together() {
        let edge = |from_row: usize, to_row: usize, labelled: bool| Edge {
            from: from_row,
            to: to_row,
            from_row,
            to_row,
            to_lanes: (0, 0),
            source: crate::graph::StepId::default(),
            kind: crate::graph::EdgeKind::Next,
            labelled,
            dotted: false,
        };
        let keep = keep_with_next(
            5,
            &[
                edge(0, 1, false),
                edge(1, 2, true),
                edge(1, 4, true),
                edge(3, 1, true),
                edge(3, 4, false),
            ],
        );
        assert_eq!(keep, vec![false, true, false, false, false]);
    }
}
