//! The arrows of one page: which arrows go straight down to the next row and which
//! side every other one leaves by, then each routed in turn (along the tracks beside the
//! symbols, see [`route`](super::route)), with the page's connectors placed in their
//! bands on the way, and last the exit labels of decisions.

use std::collections::{BTreeMap, BTreeSet};

use super::connectors::{Bands, Conn};
use super::grid::Grid;
use super::labels::place_labels;
use super::route::{
    self, Band, Obstacles, Segment, Shape, Side, Slots, clear, nearest_first, place_near,
    search_band,
};
use crate::layout::document::{Arrow, Item, Point, Rect, SymbolKind};
use crate::layout::sink::Sink;
use crate::layout::style::{self, clear, flow};
use crate::source::Span;

/// The end of an arrow on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum End {
    Step(usize),
    Conn(usize),
}

/// An arrow to draw on one page.
#[derive(Debug, Clone)]
pub(super) struct Want {
    pub(super) from: End,
    pub(super) to: End,
    /// The exit label (decisions only, at the step end).
    pub(super) label: Option<String>,
    /// The arrow that enters its target from above (the flow to the next row).
    pub(super) natural: bool,
    /// For an arrow into a connector: the x of the step the connector stands for.
    pub(super) toward: Option<f64>,
    /// An information arrow (`informasi`): drawn dotted.
    pub(super) dotted: bool,
}

/// The rows laid out on one page, for routing.
pub(super) struct PageRows<'a> {
    /// Number of rows of the SOP: a key from `n` on is a `lalu` symbol.
    pub(super) n: usize,
    /// Symbol of each step on the page, by key (see [`super::key`]).
    pub(super) steps: &'a BTreeMap<usize, Shape>,
    /// The steps on the page, in order.
    pub(super) rows: &'a [usize],
    /// Each step's row, across the table.
    pub(super) rects: &'a BTreeMap<usize, Rect>,
    /// The connector bands.
    pub(super) bands: &'a Bands,
    /// The span of every step of the SOP, by index.
    pub(super) spans: &'a [Span],
    /// The other symbols of steps of several actors.
    pub(super) twins: &'a BTreeMap<usize, Vec<Shape>>,
}

/// Routes and draws the arrows of one page and places its connectors, then the exit
/// labels of decisions. False when some arrow could only be routed along another.
pub(super) fn route_page(
    sink: &mut Sink,
    grid: &Grid,
    page: &PageRows<'_>,
    conns: &mut [Conn],
    wants: &[Want],
) -> bool {
    let mut router = Router::new(grid, page, conns);
    let mut order: Vec<usize> = (0..wants.len()).collect();
    order.sort_by_key(|&k| (!wants[k].natural, k));
    let plan = router.plan(wants, &order);
    for &k in &order {
        router.route(&wants[k], plan[k]);
    }
    router.finish(sink)
}

/// The kinds of arrow on a page, each routed its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Out of the bottom of a symbol into the top of the next row's (or a connector's).
    RowToRow,
    /// From a step's symbol to its `lalu` in the same row: straight across.
    SameRow,
    /// From a step's side up to an earlier step.
    LoopBack,
    /// From a step's side down to a later step, past the rows between.
    JumpForward,
    /// The side exit of a decision.
    DecisionExit,
    /// From a step's side into a connector in the bottom band.
    ToConnector,
    /// From a connector in the top band to a step's side.
    FromConnector,
}

/// The router of one page: what is already drawn, and the choices made so far.
struct Router<'a> {
    page: &'a PageRows<'a>,
    conns: &'a mut [Conn],
    lanes: Vec<(f64, f64)>,
    /// Vertical tracks beside the symbols.
    tracks: Vec<f64>,
    /// Tracks packed closer, for when these are all taken.
    tight: Vec<f64>,
    /// Candidate connector centres: tracks first (so that a straight line can reach
    /// them past the symbols), then lane centres, then every 2 pt across the lanes.
    xs: Vec<f64>,
    slots: Slots,
    /// Left edge of the first lane.
    l0: f64,
    obstacles: Obstacles,
    /// Arrows leaving each side of each end.
    exit_side: BTreeMap<(End, Side), usize>,
    /// Arrows entering each side of each end so far.
    entries: BTreeMap<(End, Side), usize>,
    /// Connectors placed.
    placed: Vec<Rect>,
    /// Bottom-band connectors placed before their arrow was routed.
    placed_conn: BTreeSet<usize>,
    /// The vertical parts of the arrows into each end, which later arrows join.
    trunks: BTreeMap<End, Vec<Trunk>>,
    /// Exit labels to place once every arrow is drawn: path, text, the step's row.
    labels: Vec<(Vec<Point>, String, Rect, Option<Span>)>,
    /// The arrows routed, drawn once all are (with jumps where they cross).
    drawn: Vec<(Arrow, Option<Span>)>,
    /// Pairs of symbols of one row already joined straight across.
    same_rows: BTreeSet<(usize, usize)>,
}

impl<'a> Router<'a> {
    fn new(grid: &Grid, page: &'a PageRows<'a>, conns: &'a mut [Conn]) -> Self {
        let lanes: Vec<(f64, f64)> = (0..grid.lanes).map(|k| grid.lane(k)).collect();
        let tracks = route::tracks(&lanes, grid.symbol_width());
        let tight = route::tight_tracks(&lanes, grid.symbol_width());
        let (l0, l1) = grid.lanes_span();
        let half = flow::CONNECTOR / 2.0;

        let mut xs: Vec<f64> = tracks.clone();
        xs.extend(lanes.iter().map(|(x, w)| x + w / 2.0));
        let mut x = l0 + half + 1.5;
        while x <= l1 - half - 1.5 {
            xs.push(x);
            x += 2.0;
        }
        Router {
            obstacles: Obstacles {
                shapes: page
                    .steps
                    .iter()
                    .flat_map(|(i, s)| {
                        let mut all = vec![s.rect];
                        all.extend(page.twins.get(i).into_iter().flatten().map(|t| t.rect));
                        all
                    })
                    .collect(),
                segments: Vec::new(),
                near: clear::PARALLEL,
                margin: clear::SYMBOL,
            },
            slots: Slots {
                top: page.bands.top,
                bottom: page.bands.bottom,
                lanes: lanes.clone(),
            },
            l0,
            page,
            conns,
            lanes,
            tracks,
            tight,
            xs,
            exit_side: BTreeMap::new(),
            entries: BTreeMap::new(),
            placed: Vec::new(),
            placed_conn: BTreeSet::new(),
            trunks: BTreeMap::new(),
            labels: Vec::new(),
            drawn: Vec::new(),
            same_rows: BTreeSet::new(),
        }
    }

    /// The row of a symbol's key.
    fn row_key(&self, i: usize) -> usize {
        let n = self.page.n;
        if i == 2 * n {
            0
        } else if i > 2 * n {
            n.saturating_sub(1)
        } else if i >= n {
            i - n
        } else {
            i
        }
    }

    /// The position on the page of a symbol's row.
    fn row_of(&self, i: usize) -> Option<usize> {
        let row = self.row_key(i);
        self.page.rows.iter().position(|&r| r == row)
    }

    fn centre(&self, e: End, w: &Want) -> f64 {
        match e {
            End::Step(i) => self
                .page
                .steps
                .get(&i)
                .map_or(0.0, |s| s.rect.x + s.rect.w / 2.0),
            End::Conn(_) => w.toward.unwrap_or(0.0),
        }
    }

    /// True when the arrow can go straight down: into the next row, or from the last
    /// row into the bottom band, or from the top band into the first row.
    fn adjacent(&self, w: &Want) -> bool {
        let rows = self.page.rows;
        match (w.from, w.to) {
            (End::Step(a), End::Step(b)) => {
                matches!((self.row_of(a), self.row_of(b)), (Some(x), Some(y)) if y == x + 1)
            }
            (End::Step(i), End::Conn(c)) => {
                rows.last() == Some(&self.row_key(i)) && !self.conns[c].top
            }
            (End::Conn(c), End::Step(j)) => {
                rows.first() == Some(&self.row_key(j)) && self.conns[c].top
            }
            (End::Conn(_), End::Conn(_)) => false,
        }
    }

    /// Which arrows go straight down (`None`), and which side each other arrow leaves
    /// by: decided first, so that entries into a side keep clear of the exits from it.
    fn plan(&mut self, wants: &[Want], order: &[usize]) -> Vec<Option<Side>> {
        let mut bottom_used: BTreeSet<End> = BTreeSet::new();
        let mut top_used: BTreeSet<End> = BTreeSet::new();
        let mut plan: Vec<Option<Side>> = vec![None; wants.len()];
        for &k in order {
            let w = &wants[k];
            if w.natural
                && self.adjacent(w)
                && !bottom_used.contains(&w.from)
                && !top_used.contains(&w.to)
            {
                bottom_used.insert(w.from);
                top_used.insert(w.to);
                continue;
            }
            if let End::Step(_) = w.from {
                let (fc, tc) = (self.centre(w.from, w), self.centre(w.to, w));
                let pref = if tc < fc - 0.5 {
                    Side::Left
                } else {
                    Side::Right
                };
                let side = if self.exit_side.contains_key(&(w.from, pref)) {
                    other(pref)
                } else {
                    pref
                };
                *self.exit_side.entry((w.from, side)).or_default() += 1;
                // An arrow across a row to the `lalu` symbol takes the facing side of
                // its target: the target's own exits leave by the other.
                if let (End::Step(i), End::Step(j)) = (w.from, w.to) {
                    if self.row_of(i) == self.row_of(j) {
                        *self.exit_side.entry((w.to, other(side))).or_default() += 1;
                    }
                }
                plan[k] = Some(side);
            } else {
                plan[k] = Some(Side::Right);
            }
        }
        plan
    }

    /// The kind of an arrow, given the side planned for it.
    fn kind(&self, w: &Want, side: Option<Side>) -> Option<Kind> {
        Some(match (w.from, w.to, side) {
            (End::Step(i), End::Step(j), _) if self.row_of(i) == self.row_of(j) => Kind::SameRow,
            (_, _, None) => Kind::RowToRow,
            (End::Step(i), End::Step(j), Some(_)) => {
                let decision = self
                    .page
                    .steps
                    .get(&i)
                    .is_some_and(|s| s.kind == SymbolKind::Decision);
                if decision && w.label.is_some() {
                    Kind::DecisionExit
                } else if self.row_of(j) < self.row_of(i) {
                    Kind::LoopBack
                } else {
                    Kind::JumpForward
                }
            }
            (End::Step(_), End::Conn(_), Some(_)) => Kind::ToConnector,
            (End::Conn(_), End::Step(_), Some(_)) => Kind::FromConnector,
            (End::Conn(_), End::Conn(_), Some(_)) => return None,
        })
    }

    /// Routes one arrow and draws it.
    fn route(&mut self, w: &Want, side: Option<Side>) {
        let Some(kind) = self.kind(w, side) else {
            return;
        };
        let side = side.unwrap_or(Side::Right);
        let routed = match (kind, w.from, w.to) {
            (Kind::RowToRow, from, to) => self.row_to_row(from, to).map(|p| (p, true)),
            (Kind::SameRow, End::Step(i), End::Step(j)) => self.same_row(i, j),
            (Kind::LoopBack, End::Step(i), End::Step(j)) => self.loop_back(w, i, j, side),
            (Kind::JumpForward, End::Step(i), End::Step(j)) => self.jump_forward(w, i, j, side),
            (Kind::DecisionExit, End::Step(i), End::Step(j)) => self.decision_exit(w, i, j, side),
            (Kind::ToConnector, End::Step(i), End::Conn(c)) => {
                self.exit_to_connector(w, i, c, side).map(|p| (p, true))
            }
            (Kind::FromConnector, End::Conn(c), End::Step(j)) => {
                self.entry_from_connector(w, c, j).map(|p| (p, true))
            }
            _ => None,
        };
        if let Some((path, head)) = routed {
            self.commit(w, path, head);
        }
    }

    /// The one step every arrow ends with: its segments become obstacles for the
    /// arrows after it, its exit label waits for the labels' turn, and it is drawn
    /// (with a head, or without one when it joins another arrow), carrying the span
    /// of the step it leaves.
    fn commit(&mut self, w: &Want, path: Vec<Point>, head: bool) {
        for pair in path.windows(2) {
            self.obstacles.segments.push(Segment {
                a: pair[0],
                b: pair[1],
            });
        }
        if let (Some(l), End::Step(i)) = (&w.label, w.from) {
            if let Some(fs) = self.page.steps.get(&i) {
                let row = self
                    .page
                    .rects
                    .get(&self.row_key(i))
                    .copied()
                    .unwrap_or(fs.rect);
                let source = self.source_of(w.from);
                self.labels.push((path.clone(), l.clone(), row, source));
            }
        }
        let source = self.source_of(w.from);
        self.drawn.push((
            Arrow {
                path,
                head: if head { style::ARROW_HEAD } else { 0.0 },
                jumps: Vec::new(),
                stroke: if w.dotted {
                    style::INFO_STROKE
                } else {
                    style::ARROW_STROKE
                },
            },
            source,
        ));
    }

    /// The symbol of step `i` an arrow leaves by its `side`: for a step drawn in several
    /// lanes (a joint step, alternative performers), the outermost on that side, so that
    /// the arrow does not pass through the step's other symbols.
    fn outer(&self, i: usize, side: Side) -> Option<Shape> {
        let own = *self.page.steps.get(&i)?;
        let twins = self.page.twins.get(&i).into_iter().flatten().copied();
        Some(
            std::iter::once(own)
                .chain(twins)
                .fold(own, |best, s| match side {
                    Side::Left if s.rect.x < best.rect.x => s,
                    Side::Right if s.rect.right() > best.rect.right() => s,
                    _ => best,
                }),
        )
    }

    /// The span of the step an arrow leaves (none for a connector).
    fn source_of(&self, from: End) -> Option<Span> {
        match from {
            End::Step(i) if i < 2 * self.page.n => self.page.spans.get(self.row_key(i)).copied(),
            End::Step(_) => None,
            End::Conn(_) => None,
        }
    }

    /// The exit labels, then whether every arrow found a track of its own and every
    /// label a free place beside its own line.
    fn finish(mut self, sink: &mut Sink) -> bool {
        route::add_jumps(&mut self.drawn);
        for (arrow, source) in std::mem::take(&mut self.drawn) {
            sink.push(arrow.path[0], Item::Arrow(arrow), source);
        }
        let mut step_shapes: Vec<Shape> = self.page.steps.values().copied().collect();
        step_shapes.extend(self.page.twins.values().flatten().copied());
        let labels_free = place_labels(
            sink,
            &self.obstacles,
            &step_shapes,
            &self.lanes,
            self.labels,
        );
        let segs = &self.obstacles.segments;
        labels_free
            && !segs
                .iter()
                .enumerate()
                .any(|(i, a)| segs[..i].iter().any(|b| a.overlaps(b)))
    }

    fn band(&self) -> Band<'_> {
        Band {
            slots: &self.slots,
            xs: &self.xs,
            placed: &self.placed,
            obstacles: &self.obstacles,
        }
    }

    /// Puts connector `c` at `r`.
    fn place(&mut self, c: usize, r: Rect) -> Shape {
        self.conns[c].shape.rect = r;
        self.placed.push(r);
        self.obstacles.shapes.push(r);
        self.conns[c].shape
    }

    /// The lane that holds `x`.
    fn lane_at(&self, x: f64) -> Option<(f64, f64)> {
        self.lanes
            .iter()
            .copied()
            .find(|&(lx, lw)| x >= lx && x <= lx + lw)
    }

    /// The candidate connector centres in the lane that holds `x`.
    fn xs_in_lane(&self, x: f64) -> Vec<f64> {
        let lane = self.lane_at(x);
        self.xs
            .iter()
            .copied()
            .filter(|&c| lane.is_none_or(|(lx, lw)| c >= lx && c <= lx + lw))
            .collect()
    }

    /// A free connector place in the top or bottom band nearest to `pref`: in the lane
    /// of `pref` where it has room, else anywhere.
    fn band_place(&self, top: bool, pref: f64) -> Option<Rect> {
        let slots = &self.slots;
        let rect = |t, x, row| slots.rect(t, x, row);
        let lane = self.lane_at(pref);
        let in_lane = |r: &Rect| lane.is_none_or(|(lx, lw)| r.x >= lx && r.right() <= lx + lw);
        let segs = &self.obstacles.segments;
        place_near(&rect, top, pref, &self.xs, &self.placed, segs, &in_lane)
            .or_else(|| place_near(&rect, top, pref, &self.xs, &self.placed, segs, &|_| true))
    }

    /// Straight down into the next row, or into or out of a connector band.
    fn row_to_row(&mut self, from: End, to: End) -> Option<Vec<Point>> {
        let l0 = self.l0;
        let fs = match from {
            End::Step(i) => self.page.steps.get(&i).copied(),
            End::Conn(c) => {
                // A connector at the top, above the step it leads to.
                let tx = match to {
                    End::Step(j) => self.page.steps.get(&j).map(|s| s.rect.x + s.rect.w / 2.0),
                    End::Conn(_) => None,
                };
                self.band_place(true, tx.unwrap_or(l0))
                    .map(|r| self.place(c, r))
            }
        };
        let ts = match to {
            End::Step(j) => self.page.steps.get(&j).copied(),
            End::Conn(c) if self.placed_conn.contains(&c) => Some(self.conns[c].shape),
            End::Conn(c) => {
                let fx = fs.map_or(l0, |s| s.rect.x + s.rect.w / 2.0);
                self.band_place(false, fx).map(|r| {
                    self.placed_conn.insert(c);
                    self.place(c, r)
                })
            }
        };
        let rule_y = match (from, to) {
            (End::Step(i), _) => self.page.rects.get(&i).map(|r| r.bottom()),
            (_, End::Step(j)) => self.page.rects.get(&j).map(|r| r.y),
            _ => None,
        };
        let (fs, ts) = (fs?, ts?);
        let rule_y = rule_y.unwrap_or((fs.rect.bottom() + ts.rect.y) / 2.0);
        let others: Vec<Rect> = self
            .obstacles
            .shapes
            .iter()
            .filter(|r| **r != fs.rect && **r != ts.rect)
            .copied()
            .collect();
        Some(route::direct(&fs, &ts, rule_y, &others))
    }

    /// Straight across a row, from the side of one symbol to the facing side of the
    /// other (both are centred on the row's middle); the way back between the same
    /// two symbols (a decision's exit to the step before it in its row) over the top.
    fn same_row(&mut self, i: usize, j: usize) -> Option<(Vec<Point>, bool)> {
        if !self.same_rows.insert((i.min(j), i.max(j))) {
            return self.back_over_the_top(i, j);
        }
        self.straight_across(i, j).map(|p| (p, true))
    }

    /// Out of the top of `i`, along the space above the symbols of the row, and into
    /// the top of `j`: joining the arrow that enters `j` from above where there is one
    /// (then without a head of its own).
    fn back_over_the_top(&mut self, i: usize, j: usize) -> Option<(Vec<Point>, bool)> {
        let (fs, ts) = (*self.page.steps.get(&i)?, *self.page.steps.get(&j)?);
        let row = *self.page.rects.get(&self.row_key(i))?;
        let (s, t) = (fs.top(), ts.top());
        let lo = row.y + clear::RULE;
        let hi = s.y.min(t.y) - clear::LAST_SEGMENT;
        if lo > hi {
            return None;
        }
        let y = (lo + hi) / 2.0;
        let joins = self.obstacles.segments.iter().any(|g| {
            (g.a.x - t.x).abs() < 0.01
                && (g.b.x - t.x).abs() < 0.01
                && g.a.y.min(g.b.y) < y
                && g.a.y.max(g.b.y) >= t.y - 0.01
        });
        let path = vec![s, Point::new(s.x, y), Point::new(t.x, y)];
        Some(if joins {
            (path, false)
        } else {
            let mut path = path;
            path.push(t);
            (path, true)
        })
    }

    /// Straight across a row from the side of one symbol to the facing side of the
    /// other.
    fn straight_across(&mut self, i: usize, j: usize) -> Option<Vec<Point>> {
        let (fs, ts) = (*self.page.steps.get(&i)?, *self.page.steps.get(&j)?);
        let (f, t) = (fs.rect, ts.rect);
        if f.x < t.x + t.w && t.x < f.x + f.w {
            // One above the other (an empty terminator and its step): straight down.
            let x = if t.y > f.y {
                t.x + t.w / 2.0
            } else {
                f.x + f.w / 2.0
            };
            return Some(if t.y > f.y {
                vec![Point::new(x, f.y + f.h), Point::new(x, t.y)]
            } else {
                vec![Point::new(x, f.y), Point::new(x, t.y + t.h)]
            });
        }
        let y = fs.rect.y + fs.rect.h / 2.0;
        let (x0, x1) = if ts.rect.x >= fs.rect.x {
            (fs.rect.x + fs.rect.w, ts.rect.x)
        } else {
            (fs.rect.x, ts.rect.x + ts.rect.w)
        };
        Some(vec![Point::new(x0, y), Point::new(x1, y)])
    }

    /// A loop back to an earlier step, beside the symbols between.
    fn loop_back(
        &mut self,
        w: &Want,
        i: usize,
        j: usize,
        side: Side,
    ) -> Option<(Vec<Point>, bool)> {
        self.beside(w, i, j, side)
    }

    /// A jump forward past the rows between, beside their symbols.
    fn jump_forward(
        &mut self,
        w: &Want,
        i: usize,
        j: usize,
        side: Side,
    ) -> Option<(Vec<Point>, bool)> {
        self.beside(w, i, j, side)
    }

    /// The side exit of a decision.
    fn decision_exit(
        &mut self,
        w: &Want,
        i: usize,
        j: usize,
        side: Side,
    ) -> Option<(Vec<Point>, bool)> {
        self.beside(w, i, j, side)
    }

    /// Step to step beside the symbols: joining an arrow already running into the same
    /// step where one faces this exit (then without a head), else along a free track.
    fn beside(&mut self, w: &Want, i: usize, j: usize, side: Side) -> Option<(Vec<Point>, bool)> {
        let (fs, ts) = (self.outer(i, side)?, *self.page.steps.get(&j)?);
        let from_y = fs.rect.y + fs.rect.h / 2.0;
        // A dotted information arrow neither joins a flow arrow nor is joined by one.
        if !w.dotted {
            if let Some(path) = self.join(w.to, &fs, side, from_y) {
                return Some((path, false));
            }
        }
        let found = self.channel(w.to, &fs, side, from_y, &ts);
        Some((
            match found {
                Some((p, s)) => {
                    *self.entries.entry((w.to, s)).or_default() += 1;
                    if !w.dotted {
                        self.trunks.entry(w.to).or_default().push(Trunk {
                            x: p[1].x,
                            lo: p[1].y.min(p[2].y),
                            hi: p[1].y.max(p[2].y),
                        });
                    }
                    p
                }
                None => {
                    let s = fs.side_at(side == Side::Right, from_y);
                    let t = ts.top();
                    vec![s, Point::new(t.x, s.y), t]
                }
            },
            true,
        ))
    }

    /// The search for a track from the side of `fs` into `ts`: first into the middle
    /// of a side of `ts` that nothing enters or leaves yet, clear of every arrow; then
    /// into any side, spread along it; last letting it run along another arrow.
    fn channel(
        &self,
        to: End,
        fs: &Shape,
        side: Side,
        from_y: f64,
        ts: &Shape,
    ) -> Option<(Vec<Point>, Side)> {
        let (entries, exit_side) = (&self.entries, &self.exit_side);
        let count = |s: Side| entries.get(&(to, s)).copied().unwrap_or(0);
        let taken = |s: Side| exit_side.contains_key(&(to, s));
        let middle = |s: Side| (count(s) == 0 && !taken(s)).then(|| ts.rect.y + ts.rect.h / 2.0);
        let spread = |s: Side| Some(route::entry_y(ts, count(s), taken(s)));
        let (tracks, obstacles) = (&self.tracks, &self.obstacles);
        let tight = &self.tight;
        route::channel(fs, side, from_y, ts, &middle, tracks, obstacles, true)
            .or_else(|| route::channel(fs, side, from_y, ts, &spread, tracks, obstacles, true))
            .or_else(|| {
                // Packed closer: 3 pt from the other arrows, 1 pt from the symbols.
                let loose = obstacles.loose();
                route::channel(fs, side, from_y, ts, &spread, tight, &loose, true)
                    .or_else(|| route::channel(fs, side, from_y, ts, &spread, tight, &loose, false))
            })
    }

    /// A line from the side of `fs` onto the trunk of an arrow already running into
    /// `to`, as flowcharts do when several exits lead back to one step.
    fn join(&mut self, to: End, fs: &Shape, side: Side, from_y: f64) -> Option<Vec<Point>> {
        let s = fs.side_at(side == Side::Right, from_y);
        let obstacles = &self.obstacles;
        let (n, path) = self
            .trunks
            .get(&to)?
            .iter()
            .enumerate()
            .find_map(|(n, t)| {
                let faces = match side {
                    Side::Right => t.x >= s.x + 3.0,
                    Side::Left => t.x <= s.x - 3.0,
                };
                if !faces {
                    return None;
                }
                let mut path = vec![s, Point::new(t.x, s.y)];
                if s.y < t.lo {
                    path.push(Point::new(t.x, t.lo));
                } else if s.y > t.hi {
                    path.push(Point::new(t.x, t.hi));
                }
                clear(&path, obstacles, &[fs.rect], true).then_some((n, path))
            })?;
        if let Some(t) = self.trunks.get_mut(&to).and_then(|l| l.get_mut(n)) {
            t.lo = t.lo.min(s.y);
            t.hi = t.hi.max(s.y);
        }
        Some(path)
    }

    /// From a step's side into a connector in the bottom band: along the connector's
    /// own vertical when it is placed already, else to a free place in the band.
    fn exit_to_connector(
        &mut self,
        w: &Want,
        i: usize,
        c: usize,
        side: Side,
    ) -> Option<Vec<Point>> {
        let fs = self.outer(i, side)?;
        if self.placed_conn.contains(&c) {
            return self.along_placed_connector(w, &fs, c, side);
        }
        let s = fs.side_at(side == Side::Right, fs.rect.y + fs.rect.h / 2.0);
        let on_side = |x: f64| match side {
            Side::Right => x >= s.x + flow::TRACK_SYMBOL,
            Side::Left => x <= s.x - flow::TRACK_SYMBOL,
        };
        let chosen = self.bottom_place(&fs, s, side, &on_side);
        let (r, path) = chosen?;
        self.placed_conn.insert(c);
        self.place(c, r);
        Some(path)
    }

    /// A free place in the bottom band for a connector that an arrow from `s` (on
    /// the `side` of `fs`) reaches: in the lane of the step first, straight down or
    /// through the corridor above a band row, then anywhere in the band, last packed
    /// closer to the other arrows.
    fn bottom_place(
        &self,
        fs: &Shape,
        s: Point,
        side: Side,
        on_side: &dyn Fn(f64) -> bool,
    ) -> Option<(Rect, Vec<Point>)> {
        let lane_xs = self.xs_in_lane(fs.rect.x + fs.rect.w / 2.0);
        let near = |xs: &[f64]| {
            let mut c: Vec<f64> = xs.iter().copied().filter(|&x| on_side(x)).collect();
            nearest_first(&mut c, s.x);
            c
        };
        let (lane_cands, all_cands) = (near(&lane_xs), near(&self.xs));
        let make = |x: f64, r: Rect| {
            (
                vec![s, Point::new(x, s.y), Point::new(x, r.y)],
                [fs.rect, r],
                (),
            )
        };
        let slots = &self.slots;
        let bottom = |x, row| slots.rect(false, x, row);
        let (placed, obstacles, loose) = (&self.placed, &self.obstacles, self.obstacles.loose());
        // Tracks and connector places nearest to the exit first, so that an arrow
        // keeps to its own lane and does not cross the page to a far one.
        let mut side_tracks: Vec<f64> = self
            .tracks
            .iter()
            .copied()
            .filter(|&x| on_side(x))
            .collect();
        nearest_first(&mut side_tracks, s.x);
        let lane = self.lane_at(fs.rect.x + fs.rect.w / 2.0);
        let lane_tracks: Vec<f64> = side_tracks
            .iter()
            .copied()
            .filter(|&x| lane.is_none_or(|(lx, lw)| x >= lx && x <= lx + lw))
            .collect();
        let mut lane_xs = lane_xs.clone();
        nearest_first(&mut lane_xs, s.x);
        let straight = |cands: &[f64], obstacles: &Obstacles, levels: std::ops::Range<usize>| {
            search_band(levels, cands, &bottom, placed, obstacles, &make).map(|(r, p, ())| (r, p))
        };
        let corridor = |xs: &[f64], tracks: &[f64]| {
            let band = Band { xs, ..self.band() };
            route::corridor_down(&band, s, tracks, fs.rect)
        };
        straight(&lane_cands, obstacles, 0..1)
            .or_else(|| corridor(&lane_xs, &lane_tracks))
            .or_else(|| straight(&all_cands, obstacles, 0..1))
            .or_else(|| corridor(&self.xs, &side_tracks))
            .or_else(|| straight(&all_cands, &loose, 0..1))
            .or_else(|| {
                // Any free place, reached through the corridor above it.
                let mut xts = side_tracks.clone();
                xts.extend(self.tight.iter().copied().filter(|&x| on_side(x)));
                xts.push(match side {
                    Side::Right => s.x + 3.0,
                    Side::Left => s.x - 3.0,
                });
                let band = Band {
                    obstacles: &loose,
                    ..self.band()
                };
                route::anywhere_down(&band, s, &xts, fs.rect)
            })
            .or_else(|| straight(&all_cands, &loose, 1..3))
    }

    /// From a step's side into a connector placed already, along its vertical.
    fn along_placed_connector(
        &mut self,
        w: &Want,
        fs: &Shape,
        c: usize,
        side: Side,
    ) -> Option<Vec<Point>> {
        let ts = self.conns[c].shape;
        let from_y = fs.rect.y + fs.rect.h / 2.0;
        let (p, s) = self.channel(w.to, fs, side, from_y, &ts)?;
        *self.entries.entry((w.to, s)).or_default() += 1;
        Some(p)
    }

    /// From a connector in the top band down to a step's side.
    fn entry_from_connector(&mut self, w: &Want, c: usize, j: usize) -> Option<Vec<Point>> {
        let ts = *self.page.steps.get(&j)?;
        let tc = ts.rect.x + ts.rect.w / 2.0;
        // In the lane of the step the arrow enters.
        let lane_xs = self.xs_in_lane(tc);
        let mut cands: Vec<f64> = lane_xs
            .iter()
            .copied()
            .filter(|&x| {
                x >= ts.rect.right() + clear::LAST_SEGMENT || x <= ts.rect.x - clear::LAST_SEGMENT
            })
            .collect();
        nearest_first(&mut cands, tc);
        // Anywhere beside the step, when its lane has no room.
        let mut wide: Vec<f64> = self
            .xs
            .iter()
            .copied()
            .filter(|&x| x >= ts.rect.right() + 3.0 || x <= ts.rect.x - 3.0)
            .collect();
        nearest_first(&mut wide, tc);
        let (entries, exit_side) = (&self.entries, &self.exit_side);
        let entry = |side: Side| {
            let n = entries.get(&(w.to, side)).copied().unwrap_or(0);
            route::entry_y(&ts, n, exit_side.contains_key(&(w.to, side)))
        };
        let make = |x: f64, r: Rect| {
            let side = if x > tc { Side::Right } else { Side::Left };
            let ty = entry(side);
            let t = ts.side_at(side == Side::Right, ty);
            (
                vec![Point::new(x, r.bottom()), Point::new(x, ty), t],
                [ts.rect, r],
                side,
            )
        };
        let slots = &self.slots;
        let top = |x, row| slots.rect(true, x, row);
        let (placed, obstacles) = (&self.placed, &self.obstacles);
        let chosen = search_band(0..1, &cands, &top, placed, obstacles, &make)
            .or_else(|| {
                let band = Band {
                    xs: &lane_xs,
                    ..self.band()
                };
                // The tracks nearest the step first, so that the arrow does not cross
                // the page to a far lane and back.
                let mut tracks = self.tracks.clone();
                nearest_first(&mut tracks, tc);
                route::corridor_up(&band, &ts, &tracks, &entry)
            })
            .or_else(|| search_band(0..1, &wide, &top, placed, obstacles, &make))
            .or_else(|| search_band(1..3, &wide, &top, placed, &obstacles.loose(), &make))
            .or_else(|| {
                // No clear way: the nearest free place beside the step.
                let half = flow::CONNECTOR / 2.0;
                let beside =
                    |r: &Rect| r.x + half >= ts.rect.right() + 3.0 || r.x + half <= ts.rect.x - 3.0;
                let r = place_near(
                    &|t, x, row| slots.rect(t, x, row),
                    true,
                    tc,
                    &wide,
                    placed,
                    &[],
                    &beside,
                )?;
                let x = r.x + half;
                let side = if x > tc { Side::Right } else { Side::Left };
                let ty = ts.rect.y + ts.rect.h / 2.0;
                let t = ts.side_at(side == Side::Right, ty);
                Some((
                    r,
                    vec![Point::new(x, r.bottom()), Point::new(x, ty), t],
                    side,
                ))
            });
        let (r, path, side) = chosen?;
        *self.entries.entry((w.to, side)).or_default() += 1;
        self.place(c, r);
        Some(path)
    }
}

/// The other side.
fn other(side: Side) -> Side {
    match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

/// The vertical part of an arrow into a step, which later arrows to that step join.
struct Trunk {
    x: f64,
    lo: f64,
    hi: f64,
}
