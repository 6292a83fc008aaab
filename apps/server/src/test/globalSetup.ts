import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The process tests spawn the server as production runs it: bin/tavla-server on the bundle
 * dist/tavla-server.mjs. Build it (tsc, then scripts/bundle.mjs) when any source file, the
 * domain package it bundles, or the bundle script is newer than the bundle (turbo builds
 * dependencies before `test`, not the package itself).
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const require = createRequire(import.meta.url);
  const bundle = path.join(root, 'dist/tavla-server.mjs');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'test' ? max : Math.max(max, newest(p));
      return e.name.endsWith('.test.ts') ? max : Math.max(max, fs.statSync(p).mtimeMs);
    }, 0);
  const domainDist = path.join(root, '../../packages/domain/dist');
  const inputs = Math.max(
    newest(path.join(root, 'src')),
    newest(domainDist),
    fs.statSync(path.join(root, 'scripts/bundle.mjs')).mtimeMs,
  );
  if (inputs <= built) return;
  const run = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  run([path.join(root, 'scripts/bundle.mjs')]);
}
