// Checks sopc's HTML output in a real browser (Debian's chromium, through playwright-core).
//
//   node check.mjs OUT_DIR [--artifacts DIR]
//
// For every OUT_DIR/*.html: it loads from file:// with no console error and no request
// other than file://; every link resolves to an existing file, or is a web address
// written in an SOP text. For an SOP page (one
// <section class="page"> per page): every line sits on the baseline layout gave it, the
// bundled font is used (each line as wide as layout measured it), no text line leaves
// its page or its table cell or cuts into a symbol, a narrow window scales the pages
// without horizontal scrolling, printing to PDF gives as many pages (and the same page
// size) as sopc's own OUT_DIR/<id>.pdf (or as the sections, when there is no PDF), and
// a screenshot of each page is saved. For index.html: typing in the search box narrows
// the catalogue. On every page, at 1400 px and at 400 px: axe-core finds no violation
// of WCAG 2.2 level A or AA.
//
// Prints one line per check and a last line "N passed, M failed"; exits 1 on failure.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
// Wide enough for Legal landscape (1008 pt = 1344 px) at scale 1.
const VIEWPORT = { width: 1400, height: 1000 };
const NARROW = { width: 400, height: 800 };
// axe-core's rules of WCAG 2.0, 2.1 and 2.2, levels A and AA.
const AXE = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules", "axe-core", "axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// The smallest text an SOP page may show in a narrow window, in CSS px.
const MIN_TEXT_PX = 12;
const PX_PER_PT = 96 / 72;
// Tolerances, in CSS px. Chromium quantizes a font size to 1/64 px (8 pt = 10.667 px is
// drawn at 10.656 px), so a line may come out narrower by up to that share of its width:
// 0.1 % to 0.2 % at table text sizes, 0.8 px on a line of 800 px.
const WIDTH_TOLERANCE = 0.75;
const SIZE_QUANTUM = 1 / 64;
const BOX_TOLERANCE = 0.5;
const BASELINE_TOLERANCE = 0.25;

function usage() {
  console.error("usage: node check.mjs OUT_DIR [--artifacts DIR]");
  process.exit(2);
}

const argv = process.argv.slice(2);
let outDir = null;
let artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--artifacts" && i + 1 < argv.length) artifacts = argv[++i];
  else if (argv[i].startsWith("-")) usage();
  else if (outDir === null) outDir = argv[i];
  else usage();
}
if (outDir === null) usage();
outDir = path.resolve(outDir);
artifacts = path.resolve(artifacts);
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
function report(file, name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${file}: ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${file}: ${name}`);
    for (const p of problems.slice(0, 10)) console.log(`       ${p}`);
    if (problems.length > 10) console.log(`       … and ${problems.length - 10} more`);
  }
}

function pdfInfo(file) {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, w: size ? Number(size[1]) : NaN, h: size ? Number(size[2]) : NaN };
}

// Runs in the page: the boxes of every text line, frame and symbol of every page, in CSS
// px relative to the page's section. A line's baseline is measured with a zero-size
// inline-block put on it; its glyph box is its em box around that baseline (ascender and
// descender of Liberation Sans, hhea: 1854 / 434 per 2048). Layout's baseline is the
// element's `top` plus its ascent `--a` (both in pt).
function measure() {
  const ASC = 1854 / 2048;
  const DESC = 434 / 2048;
  const PX = 96 / 72;
  const rel = (r, o) => ({ l: r.left - o.left, t: r.top - o.top, r: r.right - o.left, b: r.bottom - o.top });
  return [...document.querySelectorAll("section.page")].map((section, i) => {
    const o = section.getBoundingClientRect();
    const texts = [...section.querySelectorAll(".t")].map((el) => {
      const box = rel(el.getBoundingClientRect(), o);
      const style = getComputedStyle(el);
      const fs = parseFloat(style.fontSize);
      const marker = document.createElement("span");
      marker.style.cssText = "display: inline-block; width: 0; height: 0; vertical-align: baseline";
      el.insertBefore(marker, el.firstChild);
      const baseline = marker.getBoundingClientRect().top - o.top;
      marker.remove();
      const wanted = (parseFloat(el.style.top) + parseFloat(style.getPropertyValue("--a"))) * PX;
      return {
        text: el.textContent.replace(/\n$/, ""),
        box,
        ink: { l: box.l, r: box.r, t: baseline - ASC * fs, b: baseline + DESC * fs },
        baseline,
        wanted,
        fontSize: fs,
        layoutWidth: parseFloat(el.getAttribute("data-w")),
      };
    });
    // A shape's outline in px relative to the section: a rect's corners or a
    // polygon's points, through the SVG's own transform.
    const outline = (el) => {
      let pts;
      if (el.tagName === "rect") {
        const [x, y, w, h] = ["x", "y", "width", "height"].map((a) => parseFloat(el.getAttribute(a)));
        pts = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
      } else {
        pts = el.getAttribute("points").trim().split(/\s+/).map((p) => p.split(",").map(Number));
      }
      const m = el.getScreenCTM();
      return pts.map(([x, y]) => {
        const q = new DOMPoint(x, y).matrixTransform(m);
        return [q.x - o.left, q.y - o.top];
      });
    };
    const shapes = (sel) =>
      [...section.querySelectorAll(sel)].map((el) => ({
        cls: el.getAttribute("class"),
        box: rel(el.getBoundingClientRect(), o),
        outline: outline(el),
      }));
    return {
      number: i + 1,
      width: o.width,
      height: o.height,
      texts,
      frames: shapes("svg .frame"),
      symbols: shapes("svg .symbol"),
    };
  });
}

// Convex polygons (as [[x, y], …]): do they share more than a hairline (separating axis
// test), and does `b` hold every corner of `a`?
const corners = (r) => [[r.l, r.t], [r.r, r.t], [r.r, r.b], [r.l, r.b]];
function axes(poly) {
  return poly.map(([x, y], i) => {
    const [nx, ny] = poly[(i + 1) % poly.length];
    return [y - ny, nx - x];
  });
}
function project(poly, [ax, ay]) {
  const len = Math.hypot(ax, ay) || 1;
  const d = poly.map(([x, y]) => (x * ax + y * ay) / len);
  return [Math.min(...d), Math.max(...d)];
}
function polysOverlap(a, b, tol) {
  for (const axis of [...axes(a), ...axes(b)]) {
    const [a0, a1] = project(a, axis);
    const [b0, b1] = project(b, axis);
    if (a1 <= b0 + tol || b1 <= a0 + tol) return false;
  }
  return true;
}
function polyHolds(poly, pts, tol) {
  return pts.every((p) =>
    axes(poly).every((axis, i) => {
      const [ox, oy] = poly[i];
      const len = Math.hypot(axis[0], axis[1]) || 1;
      const side = ((p[0] - ox) * axis[0] + (p[1] - oy) * axis[1]) / len;
      return side >= -tol;
    }),
  );
}
// Outward normals need a consistent winding: make polygons clockwise on screen (y down).
function clockwise(poly) {
  let a = 0;
  poly.forEach(([x, y], i) => {
    const [nx, ny] = poly[(i + 1) % poly.length];
    a += x * ny - nx * y;
  });
  return a >= 0 ? poly : [...poly].reverse();
}

const inside = (a, b, tol) => a.l >= b.l - tol && a.t >= b.t - tol && a.r <= b.r + tol && a.b <= b.b + tol;
const area = (a) => (a.r - a.l) * (a.b - a.t);
const show = (t) => JSON.stringify(t.length > 40 ? t.slice(0, 40) + "…" : t);
const fmt = (b) => `[${b.l.toFixed(1)}, ${b.t.toFixed(1)} – ${b.r.toFixed(1)}, ${b.b.toFixed(1)}]`;

function textChecks(pages) {
  const baselines = [];
  const widths = [];
  const bounds = [];
  const symbols = [];
  for (const p of pages) {
    const pageBox = { l: 0, t: 0, r: p.width, b: p.height };
    for (const t of p.texts) {
      const where = `page ${p.number} ${show(t.text)}`;
      if (!(Math.abs(t.baseline - t.wanted) <= BASELINE_TOLERANCE)) {
        baselines.push(`${where}: baseline at ${t.baseline.toFixed(2)} px, layout put it at ${t.wanted.toFixed(2)} px`);
      }
      const want = t.layoutWidth * PX_PER_PT;
      const got = t.box.r - t.box.l;
      const tolerance = WIDTH_TOLERANCE + (want * SIZE_QUANTUM) / t.fontSize;
      if (!(Math.abs(got - want) <= tolerance)) {
        widths.push(`${where}: ${got.toFixed(2)} px wide, layout measured ${want.toFixed(2)} px`);
      }
      if (!inside(t.box, pageBox, BOX_TOLERANCE)) {
        bounds.push(`${where} ${fmt(t.box)} leaves the page ${fmt(pageBox)}`);
        continue;
      }
      // Its cell: the smallest frame around the start of the line.
      const x = t.ink.l + 0.5;
      const y = (t.ink.t + t.ink.b) / 2;
      const cells = p.frames
        .filter((f) => x >= f.box.l && x <= f.box.r && y >= f.box.t && y <= f.box.b)
        .sort((a, b) => area(a.box) - area(b.box));
      if (cells.length > 0 && !inside(t.ink, cells[0].box, BOX_TOLERANCE)) {
        bounds.push(`${where} ${fmt(t.ink)} overflows its cell ${fmt(cells[0].box)}`);
      }
      // A label sits inside a symbol (a connector's letter) or clear of its outline.
      const ink = corners(t.ink);
      for (const s of p.symbols) {
        const shape = clockwise(s.outline);
        if (polysOverlap(ink, shape, BOX_TOLERANCE) && !polyHolds(shape, ink, BOX_TOLERANCE)) {
          symbols.push(`${where} ${fmt(t.ink)} cuts into ${s.cls} ${fmt(s.box)}`);
        }
      }
    }
  }
  return { baselines, widths, bounds, symbols };
}

async function visibleRows(page) {
  return page.$$eval("#katalog tbody tr", (rows) =>
    rows
      .filter((r) => !r.hidden && r.offsetParent !== null)
      .map((r) => `${r.textContent} ${r.getAttribute("data-cari") ?? ""}`.toLowerCase()),
  );
}

async function checkSearch(page) {
  const problems = [];
  const all = await visibleRows(page);
  if (all.length === 0) return ["the catalogue has no rows"];
  await page.fill("#cari", "");
  await page.type("#cari", "zzqxjv");
  const none = await visibleRows(page);
  if (none.length !== 0) problems.push(`"zzqxjv" leaves ${none.length} rows visible`);
  // A word of the first row that some other row lacks (any word when there is one row).
  const words = [...new Set(all[0].split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4))];
  const word = words.find((w) => all.some((r) => !r.includes(w))) ?? words[0];
  if (word === undefined) return [...problems, "no word to search for in the first row"];
  await page.fill("#cari", "");
  await page.type("#cari", word);
  const some = await visibleRows(page);
  const expected = all.filter((r) => r.includes(word)).length;
  if (some.length !== expected || some.length === 0 || (all.length > 1 && some.length >= all.length)) {
    problems.push(`"${word}": ${some.length} of ${all.length} rows visible, expected ${expected}`);
  }
  await page.fill("#cari", "");
  const back = await visibleRows(page);
  if (back.length !== all.length) problems.push(`clearing the search shows ${back.length} of ${all.length} rows`);
  return problems;
}

// Runs axe-core in the page (injected inline, so no request) and returns one problem
// per rule it finds broken, with the elements that break it.
//
// One exception, WCAG 2.5.8's "equivalent": a link on a drawn page (`a.t`, a line of
// small print placed as in the PDF, often right above another) is too small a target
// by itself, so the page lists every such target again (`nav.links`). Such a line is
// only excused when that list holds a link to the same place that is visible and at
// least 24 x 24 px.
async function checkAxe(page) {
  if ((await page.evaluate(() => typeof window.axe)) === "undefined") await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
      elementRef: true,
    });
    const equivalent = (el) => {
      if (!el || !el.matches("section.page a.t")) return false;
      return [...document.querySelectorAll("nav.links a")].some((a) => {
        const b = a.getBoundingClientRect();
        return a.href === el.href && b.width >= 24 && b.height >= 24;
      });
    };
    for (const v of r.violations) {
      if (v.id === "target-size") v.nodes = v.nodes.filter((n) => !equivalent(n.element));
    }
    return r.violations.filter((v) => v.nodes.length > 0).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const why = (n.failureSummary ?? "").split("\n").slice(1).join(" ").trim();
        return `${n.target.join(" ")}${why ? ` (${why})` : ""}`;
      }),
    }));
  }, AXE_TAGS);
  return violations.map(
    (v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.length} element(s), first ${v.nodes[0]?.slice(0, 300)}`,
  );
}

// Runs in the page: every visible text drawn under MIN_TEXT_PX (its font size times
// the zoom it is drawn at).
function smallText(MIN) {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.nodeValue.trim() || el.closest("script, style, .sr")) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom ?? 1);
    if (px < MIN - 0.01) out.push({ text: n.nodeValue.trim(), px });
  }
  return out;
}

// The index in a narrow window: no sideways scrolling, each SOP a card (the table's
// header hidden), and every link of a card (HTML, PDF, keterkaitan) inside the window
// and at least 24 px high.
async function checkCards(page) {
  const r = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const rows = [...document.querySelectorAll("#katalog tbody tr")].filter((tr) => !tr.hidden);
    const links = rows.flatMap((tr) => [...tr.querySelectorAll("a")]).map((a) => {
      const b = a.getBoundingClientRect();
      return { text: a.textContent, l: b.left, r: b.right, h: b.height };
    });
    return {
      client,
      scroll: document.scrollingElement.scrollWidth,
      head: document.querySelector("#katalog thead")?.checkVisibility() ?? false,
      pdf: rows.filter((tr) => tr.querySelector('a[type="application/pdf"]')).length,
      rows: rows.length,
      links,
    };
  });
  const problems = [];
  if (r.scroll > r.client + 1) problems.push(`the page scrolls sideways: ${r.scroll} px in a ${r.client} px window`);
  if (r.head) problems.push("the table header is still shown");
  if (r.rows > 0 && r.pdf === 0) problems.push("no card has a PDF link");
  for (const a of r.links) {
    if (a.l < -0.5 || a.r > r.client + 0.5) {
      problems.push(`link ${show(a.text)} at ${a.l.toFixed(0)}–${a.r.toFixed(0)} px, outside the window`);
    }
    if (a.h < 24 - 0.5) problems.push(`link ${show(a.text)} is ${a.h.toFixed(1)} px high`);
  }
  return problems;
}

// The roster matrix by keyboard, in the narrow window where it is wider than its box:
// Tab reaches its scroll region (named), and the right arrow key scrolls it.
async function checkRosterKeys(page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.activeElement?.blur();
  });
  const region = page.locator("#pelaksana").locator("xpath=..");
  const problems = [];
  const name = await region.evaluate((el) => {
    const by = el.getAttribute("aria-labelledby");
    return (by && document.getElementById(by)?.textContent.trim()) || el.getAttribute("aria-label") || "";
  });
  if (!name) problems.push("its scroll region has no name");
  let reached = false;
  for (let i = 0; i < 400 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await region.evaluate((el) => document.activeElement === el);
  }
  if (!reached) return [...problems, "Tab never reaches the scroll region of the matrix"];
  const wide = await region.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  if (wide) {
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(200);
    const after = await region.evaluate((el) => el.scrollLeft);
    if (!(after > before)) problems.push("the right arrow key does not scroll the matrix");
  }
  return problems;
}

// Opens the index with ?q=<the short form of a pelaksana> (one word, from the roster
// matrix, like "kadin") and expects the search box filled, every SOP the matrix gives
// that pelaksana shown, and every row shown to hold the word (in its text or its
// search data).
async function checkQuery(page, file) {
  const pick = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("#katalog tbody tr")].map((tr) => tr.id);
    for (const row of document.querySelectorAll("#pelaksana tbody tr")) {
      const short = row.querySelector("th .short")?.textContent.replace(/[()]/g, "").trim().toLowerCase();
      if (!short || /\s/.test(short)) continue;
      const cells = [...row.querySelectorAll("td.c")];
      const want = ids.filter((_, i) => cells[i]?.textContent.trim() !== "");
      if (want.length > 0 && want.length < ids.length) return { word: short, want: want.sort() };
    }
    return null;
  });
  if (pick === null) return [];
  const url = new URL(pathToFileURL(file).href);
  url.searchParams.set("q", pick.word);
  await page.goto(url.href, { waitUntil: "load" });
  const got = await page.evaluate(() => ({
    value: document.getElementById("cari").value,
    shown: [...document.querySelectorAll("#katalog tbody tr")]
      .filter((tr) => !tr.hidden)
      .map((tr) => ({ id: tr.id, text: `${tr.textContent} ${tr.getAttribute("data-cari") ?? ""}`.toLowerCase() })),
  }));
  const problems = [];
  const q = `?q=${pick.word}`;
  if (got.value !== pick.word) problems.push(`${q} left the search box at ${JSON.stringify(got.value)}`);
  const shown = new Set(got.shown.map((r) => r.id));
  for (const id of pick.want) if (!shown.has(id)) problems.push(`${q} hides ${id}, which has that pelaksana`);
  for (const r of got.shown) if (!r.text.includes(pick.word)) problems.push(`${q} shows ${r.id}, which lacks the word`);
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return problems;
}

// The page's font requests: a whole TrueType face (fonts/*.ttf) is loaded only when
// the page shows a char outside the unicode-range of the WOFF subset in its CSS.
async function checkFontFiles(page, requested) {
  const ttf = requested.filter((u) => /\/fonts\/[^/]+\.ttf$/.test(u));
  if (ttf.length === 0) return [];
  const outside = await page.evaluate(() => {
    const rule = [...document.styleSheets]
      .flatMap((s) => [...s.cssRules])
      .find((r) => r instanceof CSSFontFaceRule && r.style.getPropertyValue("unicode-range"));
    if (!rule) return null;
    const ranges = rule.style
      .getPropertyValue("unicode-range")
      .split(",")
      .map((r) => r.trim().replace(/^U\+/i, "").split("-").map((h) => parseInt(h, 16)))
      .map(([a, b]) => [a, b ?? a]);
    const chars = new Set(document.body.innerText.replace(/\s/g, ""));
    return [...chars].filter((c) => !ranges.some(([a, b]) => c.codePointAt(0) >= a && c.codePointAt(0) <= b));
  });
  if (outside === null) return [];
  if (outside.length > 0) return [];
  return ttf.map((u) => `loads ${u.split("/").pop()} though every char it shows is in the subset`);
}

async function checkLinks(page) {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => [a.getAttribute("href"), a.href]));
  const problems = [];
  for (const [raw, abs] of hrefs) {
    const url = new URL(abs);
    // A web address written in an SOP text ([teks](https://...)) is linked, not loaded.
    if ((url.protocol === "https:" || url.protocol === "http:") && /^https?:\/\//.test(raw)) {
      continue;
    }
    if (url.protocol !== "file:") {
      problems.push(`${raw}: not a file next to the page`);
      continue;
    }
    url.hash = "";
    const file = fileURLToPath(url);
    if (!existsSync(file)) problems.push(`${raw}: ${file} does not exist`);
  }
  return problems;
}

async function checkFile(browser, file) {
  const stem = path.basename(file, ".html");
  const name = path.basename(file);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  const network = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`script error: ${e.message}`));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  const requested = [];
  page.on("request", (r) => {
    requested.push(r.url());
    if (!r.url().startsWith("file:")) network.push(r.url());
  });
  // A request cut short because the check moved on (the favicon, fetched after "load",
  // when the next navigation starts) is not a missing file: that fails as
  // ERR_FILE_NOT_FOUND.
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText;
    if (why !== "net::ERR_ABORTED") errors.push(`failed to load ${r.url()}: ${why}`);
  });

  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`));
    for (const f of fonts) if (f.endsWith(" error")) errors.push(`font ${f}`);

    const sections = await page.locator("section.page").count();
    if (sections > 0) {
      const pages = await page.evaluate(measure);
      const { baselines, widths, bounds, symbols } = textChecks(pages);
      report(name, "every line sits on the baseline layout gave it", baselines);
      report(name, "every line is as wide as layout measured it (bundled font)", widths);
      report(name, "no text line leaves its page or its cell", bounds);
      report(name, "no text line cuts into a symbol", symbols);

      const shots = [];
      for (let i = 0; i < sections; i++) {
        const shot = path.join(artifacts, `${stem}-page-${i + 1}.png`);
        try {
          await page.locator("section.page").nth(i).screenshot({ path: shot, timeout: 5000 });
        } catch (e) {
          shots.push(`page ${i + 1}: ${String(e?.message ?? e).split("\n")[0]}`);
        }
        if (!existsSync(shot)) shots.push(`no screenshot ${shot}`);
      }
      report(name, `screenshot of each of the ${sections} pages saved`, shots);

      await page.setViewportSize(NARROW);
      await page.waitForFunction((w) => document.documentElement.clientWidth <= w, NARROW.width);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const narrow = await page.evaluate(() => ({
        scroll: document.scrollingElement.scrollWidth,
        client: document.documentElement.clientWidth,
        rights: [...document.querySelectorAll("section.page")].map((s) => s.getBoundingClientRect().right),
      }));
      const narrowProblems = [];
      if (narrow.scroll > narrow.client + 1) {
        narrowProblems.push(`the page scrolls sideways: ${narrow.scroll} px in a ${narrow.client} px window`);
      }
      narrow.rights.forEach((r, i) => {
        if (r > narrow.client + 1) narrowProblems.push(`page ${i + 1} ends at ${r.toFixed(1)} px`);
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(artifacts, `${stem}-narrow.png`), fullPage: true });
      report(name, `fits a ${NARROW.width} px window without sideways scrolling`, narrowProblems);
      // An SOP (not the book) shows its steps as a list there, in readable text.
      if ((await page.locator(".steps").count()) > 0) {
        const small = await page.evaluate(smallText, MIN_TEXT_PX);
        const listed = await page.locator(".steps li").count();
        const problems = small.map((t) => `${show(t.text)} drawn at ${t.px.toFixed(1)} px`);
        if (!(await page.locator(".steps").isVisible())) problems.push("the list of steps is not shown");
        if (listed === 0) problems.push("the list of steps is empty");
        if (await page.locator("section.page").first().isVisible()) problems.push("the drawn pages are shown too");
        report(name, `a ${NARROW.width} px window shows the ${listed} steps as a list, no text under ${MIN_TEXT_PX} px`, problems);
      }
      await page.setViewportSize(VIEWPORT);

      const printed = path.join(artifacts, `${stem}.print.pdf`);
      await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
      const got = pdfInfo(printed);
      const sibling = path.join(path.dirname(file), `${stem}.pdf`);
      const printProblems = [];
      let against;
      let want;
      if (existsSync(sibling)) {
        want = pdfInfo(sibling);
        against = `${stem}.pdf`;
      } else {
        const size = pages[0] ?? { width: NaN, height: NaN };
        want = { pages: sections, w: size.width / PX_PER_PT, h: size.height / PX_PER_PT };
        against = "its sections (no PDF next to it)";
      }
      if (got.pages !== want.pages) printProblems.push(`${got.pages} pages printed, ${want.pages} in ${against}`);
      if (Math.abs(got.w - want.w) > 1 || Math.abs(got.h - want.h) > 1) {
        printProblems.push(`printed page ${got.w} x ${got.h} pt, ${want.w.toFixed(2)} x ${want.h.toFixed(2)} pt in ${against}`);
      }
      report(name, `printing gives the pages of ${against}`, printProblems);
    }

    if ((await page.locator("#cari").count()) > 0) {
      report(name, "typing in the search box narrows the catalogue", await checkSearch(page));
      report(name, "?q= in the address fills the search box", await checkQuery(page, file));
      await page.setViewportSize(NARROW);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      report(name, `a ${NARROW.width} px window shows the catalogue as cards, every link in reach`, await checkCards(page));
      if ((await page.locator("#pelaksana").count()) > 0) {
        report(name, "the keyboard reaches the roster matrix and scrolls it", await checkRosterKeys(page));
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(artifacts, `${stem}-narrow.png`), fullPage: true });
      await page.setViewportSize(VIEWPORT);
    }
    for (const size of [VIEWPORT, NARROW]) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      report(name, `axe-core finds no WCAG 2.2 AA violation at ${size.width} px`, await checkAxe(page));
    }
    await page.setViewportSize(VIEWPORT);
    report(name, "every link resolves to an existing file", await checkLinks(page));
    report(name, "loads the WOFF subset of the font, the whole face only for a char outside it", await checkFontFiles(page, requested));
    report(name, "loads with no console error", errors);
    report(name, "makes no network request", network.map((u) => `request to ${u}`));
  } catch (e) {
    report(name, "runs", [String(e?.stack ?? e)]);
  } finally {
    await context.close();
  }
}

const files = existsSync(outDir)
  ? readdirSync(outDir)
      .filter((f) => f.endsWith(".html"))
      .sort()
      .map((f) => path.join(outDir, f))
  : [];
if (files.length === 0) {
  report(outDir, "has HTML files", ["no *.html found"]);
} else {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    for (const f of files) await checkFile(browser, f);
  } finally {
    await browser.close();
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
