// Adds up vitest JSON reports (`numPassedTests` ...) into CI's one-line summary.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Packages that run vitest, each writing JSON reports into its `.vitest/` folder. */
export const testedPackages = ['packages/domain', 'apps/server', 'apps/web', 'test'];

export function reportDirs(root) {
  return testedPackages.map((p) => join(root, p, '.vitest'));
}

/** Adds up the reports; `line` is the summary CI reads. */
export function collectTotals(root) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const missing = [];
  for (const pkg of testedPackages) {
    const dir = join(root, pkg, '.vitest');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    if (files.length === 0) missing.push(pkg);
    for (const f of files) {
      const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      passed += r.numPassedTests ?? 0;
      failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
      skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    }
  }
  const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  return { passed, failed, skipped, missing, line };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(collectTotals(process.argv[2] ?? process.cwd()).line);
}
