import { defineConfig } from 'vitest/config';

// Two projects: `integration` (real server, real sockets, no browser) runs in `pnpm test`;
// `e2e` drives Debian's Chromium through playwright-core. Each writes its own JSON report,
// which test/scripts/totals.mjs adds up for CI's one-line summary.
const project = process.argv.includes('e2e') ? 'e2e' : 'integration';

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: `.vitest/${project}.json` },
    projects: [
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // One after the other in one process: each file starts its own server and browser, and
          // sets nothing global in this process, so a fresh process per file only cost ~1 s each.
          isolate: false,
        },
      },
    ],
  },
});
