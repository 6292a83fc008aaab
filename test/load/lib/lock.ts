// One bench at a time on the machine (load and soak benches alike): two runs would measure each
// other (and, at real-time priority, starve each other).
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One bench at a time on the machine: two runs would measure each other (and, at real-time
 * priority, starve each other). Waits (at most `waitMs`) for a running bench to finish.
 */
export async function takeLock(waitMs = 6 * 60_000): Promise<void> {
  const file = join(os.tmpdir(), 'tavla-bench.lock');
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.once('exit', () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      });
      return;
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(file, 'utf8'));
      } catch {
        continue; // removed meanwhile: try again
      }
      if (!(holder > 0)) {
        await sleep(200); // being written
        continue;
      }
      try {
        process.kill(holder, 0); // alive?
      } catch {
        // stale lock (its process is gone): remove it and try again
        try {
          unlinkSync(file);
        } catch {
          // raced with someone else
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`another bench (pid ${holder}) is still running; ${file}`);
      }
      if (!told) {
        console.log(`Waiting for another bench run (pid ${holder}) to finish ...`);
        told = true;
      }
      await sleep(2000);
    }
  }
}
