import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Test files that replace modules (`vi.mock`, `vi.doMock`) or set globals before their imports
 * (`vi.hoisted`) need a module graph of their own; every other file shares one per worker, which
 * saves starting jsdom and importing React, Designsystemet and Yjs for each of ~55 files (the
 * suite takes a fifth of the time). Found by reading the files, so a new test that mocks is
 * isolated without anyone having to list it here.
 */
const needsIsolation = /\bvi\.(?:mock|doMock|hoisted)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const root = import.meta.dirname;
const isolated = testFiles(join(root, 'src'))
  .filter((file) => needsIsolation.test(readFileSync(file, 'utf8')))
  .map((file) => file.slice(root.length + 1));

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/polyfills.ts', 'src/test/setup.ts'],
    css: false,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/report.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: isolated,
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'isolated', include: isolated.length > 0 ? isolated : ['-'] },
      },
    ],
  },
});
