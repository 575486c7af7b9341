#!/usr/bin/env node
// `npm test`: everything on a fresh clone. Installs, lints (Biome), generates, typechecks and builds, then
// runs every vitest suite (unit, API on a real PostgreSQL, browser in Chromium). Extra
// arguments go to vitest, e.g. `npm test -- --project api`.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureChromium } from './chromium.mjs';
import { pnpm } from './pnpm.mjs';
import { install, root, run } from './setup.mjs';

install();
const chromium = ensureChromium();
// Lint and format first: a finding fails the run before the slower steps (biome.json).
run(['run', 'lint']);
// Two runs, not one: the console's typecheck (svelte-kit sync) and its build both rewrite
// .svelte-kit/, and run side by side one can read the other's half-written types.
run(['exec', 'turbo', 'run', 'typecheck', 'typecheck:tests', '--output-logs=errors-only']);
run(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

const report = join(tmpdir(), `ring-vitest-${process.pid}.json`);
let status = pnpm(['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, CHROMIUM_PATH: chromium },
});

// One plain closing line, whatever the runner printed above it.
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  rmSync(report, { force: true });
  if (results.numTotalTests === 0) process.exit(1);
  // The report decides as much as the runner's exit code: a failed test always fails the run.
  if (results.numFailedTests > 0 || results.numFailedTestSuites > 0) status ||= 1;
} catch {
  console.log('\ntests: the run ended without a report.');
}
process.exit(status);
