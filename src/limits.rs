//! Limits that keep hostile or mistaken input from taking unbounded time, memory or
//! output. Each is far above what a real SOP needs (the largest SOP of `sops/` is 7 KB
//! with 11 steps and 7 lanes; its roster has 36 roles), and each one exceeded is a
//! diagnostic with a `sop::limit::…`, `sop::yaml::limit` or `sop::file::…` code, never a
//! crash or a hang. `docs/format.md` lists them.
//!
//! With every limit at its maximum, `sopc check` answers within a second on one core
//! (release build): parsing is linear in the file size, and every check that compares
//! items with each other is quadratic only in a bounded count (lanes, roles, items).

/// Largest file read (an SOP, `organisasi.yaml`), in bytes: 4 MiB, 600 times the
/// largest real SOP; parsing a file of this size takes about 0.5 s.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Most bytes of all files read in one run (64 MiB): the parsed trees of a run are held
/// in memory together.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting of YAML collections. An SOP nests 4 levels deep
/// (`langkah` → step → `keputusan` → `label`).
pub const MAX_DEPTH: usize = 32;
/// Most YAML values in one file. A 200-step SOP has about 6,000.
pub const MAX_NODES: usize = 50_000;
/// Most alias references (`*name`) in one file; with the node limit, this stops
/// "billion laughs" expansion.
pub const MAX_ALIASES: usize = 1_000;
/// Most steps in one SOP: a flowchart of 200 rows is about 20 pages. Permenpan RB
/// 35/2012 asks for a procedure to be split when it grows long.
pub const MAX_STEPS: usize = 200;
/// Most lanes (actors) in one SOP, and so actors of one step: 12 lanes of the
/// narrowest width still fit a landscape A4 page beside the text columns.
pub const MAX_LANES: usize = 12;
/// Most roles in the roster of `organisasi.yaml`, and most legal bases in its
/// `dasar_hukum` library. The roster is compared pairwise for double spellings.
pub const MAX_ROLES: usize = 500;
/// Most items in any other list: kelengkapan of a step, keterkaitan, dasar hukum of an
/// SOP, peralatan, and so on.
pub const MAX_ITEMS: usize = 100;
/// Most characters in one text (a kegiatan, a keterangan, a list item): about a page
/// of text, 15 times the longest text of `sops/`. A kegiatan this long already does not
/// fit one flowchart row (`sop::layout::too-tall`).
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Largest logo file, in bytes (1 MiB): it is embedded in every PDF and HTML page.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// Largest logo in pixels (width × height): it is decoded in memory, 4 bytes a pixel.
/// A logo printed 2 cm high needs some 250 pixels a side even at 300 dpi.
pub const MAX_LOGO_PIXELS: u64 = 4_000_000;
/// Most candidates compared for "did you mean" suggestions while checking one SOP
/// (each comparison is bounded by the 64-character word limit of `suggest`): a file
/// with thousands of misspelt ids gets its first suggestions, not minutes of work.
pub const MAX_SUGGESTION_COMPARISONS: usize = 100_000;
/// Most diagnostics shown for one file; the rest are counted in one last note. A file
/// at the other limits can otherwise produce tens of thousands.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 200;

/// Largest template file of `--templates` read, in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// Longest time one page of a template from `--templates` may take to render, in
/// seconds; a template that loops longer ends the build with an error.
pub const MAX_TEMPLATE_SECONDS: u64 = 10;
