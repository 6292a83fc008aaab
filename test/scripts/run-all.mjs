#!/usr/bin/env node
// The whole test suite: lint, typecheck, unit/integration tests and browser tests in every
// package (through turbo, which builds what each needs first), then one summary line that CI
// reads: `N passed, N failed, N skipped`, added up from each vitest JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTotals, reportDirs } from './totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Stale reports from an earlier run must not be counted; turbo restores cached ones.
for (const dir of reportDirs(root)) {
  if (existsSync(dir)) for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
}

const turbo = spawnSync(
  'turbo',
  [
    'run',
    'lint',
    'typecheck',
    'test',
    'e2e',
    '--continue',
    '--output-logs=errors-only',
    '--log-order=grouped',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);
const { failed, missing } = printTotals(root);
const code = turbo.status ?? 1;
if (code !== 0)
  console.error(
    `turbo exited with ${code}: a lint, typecheck, build or test task failed (see above).`,
  );
if (missing.length > 0) console.error(`No test report from: ${missing.join(', ')}`);
process.exit(code !== 0 || failed > 0 || missing.length > 0 ? 1 : 0);
