// Checks BPMN files written by `sopc graph --format bpmn` with the BPMN ecosystem's own
// tools:
//
// - bpmn-moddle (the model behind bpmn.io) reads the file with no warning: every
//   element, attribute and reference is known BPMN 2.0, and every id resolves;
// - bpmnlint with its `bpmnlint:recommended` rules reports no problem, or only those
//   listed in ALLOWED below, each with the reason it is accepted.
//
// Usage: node check.mjs FILE_OR_FOLDER...   (a folder means its *.bpmn files)
// Prints one line per check and a last line `N passed, M failed`; exits 1 when a check
// failed.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

// Findings accepted on purpose: rule name -> reason (also written in docs/tools.md).
const ALLOWED = {
  // An SOP may have several start terminators, one per way in ("Langsung ke Kantor",
  // "Via Email"): each is a start event of the process with no trigger of its own, as
  // the printed SOP draws it (docs/format.md, Terminators).
  'single-blank-start-event': true,
};

function files(args) {
  const out = [];
  for (const a of args) {
    if (statSync(a).isDirectory()) {
      for (const f of readdirSync(a).sort()) {
        if (f.endsWith('.bpmn')) out.push(join(a, f));
      }
    } else {
      out.push(a);
    }
  }
  return out;
}

let passed = 0;
let failed = 0;

function report(ok, what, details = []) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failed += 1;
    console.log(`FAIL ${what}`);
    for (const d of details) console.log(`       ${d}`);
  }
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node check.mjs FILE_OR_FOLDER...');
  process.exit(2);
}

for (const file of files(args)) {
  const xml = readFileSync(file, 'utf8');
  let definitions;
  try {
    const moddle = new BpmnModdle();
    const result = await moddle.fromXML(xml);
    definitions = result.rootElement;
    const warnings = result.warnings.map((w) => w.message);
    report(warnings.length === 0, `${file}: bpmn-moddle reads it with no warning`, warnings);
  } catch (e) {
    report(false, `${file}: bpmn-moddle reads it`, [String(e && e.message || e)]);
    continue;
  }

  const participants = definitions.rootElements
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .flatMap((c) => c.participants || []);
  const processes = definitions.rootElements.filter((e) => e.$type === 'bpmn:Process');
  const shapes = new Set(
    (definitions.diagrams || []).flatMap((d) => d.plane.planeElement || [])
      .map((p) => p.bpmnElement && p.bpmnElement.id),
  );
  const missing = processes
    .flatMap((p) => [...(p.flowElements || []), ...((p.laneSets || []).flatMap((s) => s.lanes || []))])
    .concat(participants)
    .filter((e) => !shapes.has(e.id))
    .map((e) => `${e.id} has no shape or edge in the diagram`);
  report(
    participants.length > 0 && participants.length === processes.length && missing.length === 0,
    `${file}: one participant per process, ${participants.length} in all, every element laid out`,
    missing,
  );

  // A new linter per file: some rules keep state between runs of one linter (e.g.
  // no-duplicate-sequence-flows remembers the flows it has seen).
  const linter = new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver(),
  });
  const results = await linter.lint(definitions);
  const problems = [];
  for (const [rule, reports] of Object.entries(results)) {
    if (ALLOWED[rule]) continue;
    for (const r of reports) {
      problems.push(`${r.category || 'error'} ${rule}: ${r.id}: ${r.message}`);
    }
  }
  report(problems.length === 0, `${file}: bpmnlint:recommended finds nothing`, problems);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
