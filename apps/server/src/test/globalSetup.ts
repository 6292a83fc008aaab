import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The process tests spawn `node dist/main.js`; build it when any source file is newer than
 * the build (turbo builds dependencies before `test`, not the package itself).
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const main = path.join(root, 'dist/main.js');
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'test' ? max : Math.max(max, newest(p));
      return e.name.endsWith('.test.ts') ? max : Math.max(max, fs.statSync(p).mtimeMs);
    }, 0);
  if (newest(path.join(root, 'src')) > built) {
    execFileSync(
      process.execPath,
      [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
}
