// The soak bench (test/load/soak.ts) must not rot: a few seconds of it against the real built
// server, checking only its correctness part — a fresh client, and one after SIGTERM and a
// restart on the same data, sees every edit any client made ([D1], [S3], [S5], [S6]). Nothing
// about time or memory is asserted; the bench itself is run by hand (docs/performance.md).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function runSoak(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'load/soak.ts', ...args], {
      cwd: testDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the soak bench', () => {
  it('churns a few people over two agreements and loses no edit, also after a restart', async () => {
    const { code, output } = await runSoak([
      '--servers=tavla',
      '--minutes=0.1',
      '--clients=4',
      '--agreements=1',
      '--no-write',
      '--no-lock',
    ]);
    expect(output).toContain('tavla: lost edits: 0');
    expect(output).toMatch(
      /lost edits after SIGTERM \+ restart on the same data \| \*\*0\*\* \(exit 0/,
    );
    expect(code).toBe(0);
  });
});
