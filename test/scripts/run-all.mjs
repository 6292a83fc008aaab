#!/usr/bin/env node
// The whole test suite, then one summary line that CI reads: `N passed, N failed, N skipped`,
// added up from each package's vitest JSON report.
//
// Phases: lint, typecheck and build run side by side; then the test suites one package at a
// time, then the browser tests. On a 2-core machine, suites that start real servers and browsers
// must not compete with each other for the CPU, or "within a second" checks turn flaky.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectTotals, reportDirs } from './totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Stale reports from an earlier run must not be counted; turbo restores cached ones.
for (const dir of reportDirs(root)) {
  if (existsSync(dir)) for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
}

const common = ['--continue', '--output-logs=errors-only', '--log-order=grouped'];
const phases = [
  ['run', 'lint', 'typecheck', 'build', ...common],
  ['run', 'test', '--concurrency=1', ...common],
  ['run', 'e2e', '--concurrency=1', ...common],
];
let code = 0;
for (const args of phases) {
  const started = Date.now();
  const turbo = spawnSync('turbo', args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const status = turbo.status ?? 1;
  console.log(`turbo ${args[1]}: exit ${status} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (status !== 0) code = status;
}
const { failed, missing, line } = collectTotals(root);
if (code !== 0) console.log('A lint, typecheck, build or test task failed (see above).');
if (missing.length > 0) console.log(`No test report from: ${missing.join(', ')}`);
// The last line of the run: CI reads it.
console.log(line);
process.exit(code !== 0 || failed > 0 || missing.length > 0 ? 1 : 0);
