// Process measurement from /proc (Linux): CPU ticks of a server child and its memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { repoRoot } from './servers.js';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep the Linux default
}

/** utime and stime of a process in seconds (all its threads). */
export function cpuSplit(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(rest[11]) / clkTck, system: Number(rest[12]) / clkTck };
}

/** utime + stime of a process in seconds (all its threads). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime is field 14, stime field 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / clkTck;
}

export interface MemInfo {
  rssKb: number;
  hwmKb: number;
}

/** Current resident set and its high-water mark (VmHWM) of a process. */
export function memory(pid: number): MemInfo {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : 0;
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Samples a process's RSS every `everyMs`; stop() returns the maximum over the whole time. */
export function sampleRss(
  pid: number,
  everyMs = 100,
): { stop(): number; max(): number; reset(): void } {
  let max = 0;
  let overall = 0;
  const tick = () => {
    try {
      const kb = memory(pid).rssKb;
      max = Math.max(max, kb);
      overall = Math.max(overall, kb);
    } catch {
      // process gone
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return overall;
    },
    /** Maximum since the start or the last reset(). */
    max: () => max,
    reset() {
      max = 0;
      tick();
    },
  };
}

/** CPU time of a pid over a window, as a fraction of one core. */
export function cpuWindow(pid: number): {
  stop(): { seconds: number; systemSeconds: number; wallSeconds: number };
} {
  const c0 = cpuSplit(pid);
  const t0 = performance.now();
  return {
    stop() {
      const c1 = cpuSplit(pid);
      return {
        seconds: c1.user + c1.system - c0.user - c0.system,
        systemSeconds: c1.system - c0.system,
        wallSeconds: (performance.now() - t0) / 1000,
      };
    },
  };
}

/** Busy CPU seconds of the whole machine (all cores) since boot, from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
  return (total - idle) / clkTck;
}

/**
 * The bench shares its 2 cores with whatever else runs on the machine (builds, test suites).
 * So that other work does not show up as latency or steal the servers' CPU, the generator and
 * the servers run, when the bench runs as root, under the real-time policy SCHED_FIFO
 * (`chrt -f 10`; they sleep most of the time, and the kernel's RT throttling keeps 5% of every
 * core for everyone else), else at nice -10 when permitted. Set BENCH_PRIORITY=normal to run
 * at normal priority, BENCH_PRIORITY=nice for nice -10 only. Applied by re-running the bench
 * under `chrt`/`nice`; the servers inherit it.
 */
export const PRIORITY = (process.env.BENCH_PRIORITY ?? 'rt') as 'rt' | 'nice' | 'normal';

function canRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, [...args, 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let prefix: string[] | undefined;
/** The command prefix that raises a process's priority as described above, or []. */
export function priorityPrefix(): string[] {
  if (prefix) return prefix;
  const root = process.getuid?.() === 0;
  prefix = [];
  if (root && PRIORITY === 'rt' && canRun('chrt', ['-f', '10'])) prefix = ['chrt', '-f', '10'];
  else if (root && PRIORITY !== 'normal' && canRun('nice', ['-n', '-10'])) {
    prefix = ['nice', '-n', '-10'];
  }
  return prefix;
}

/** How the bench's processes are scheduled, for the report. */
export function priorityText(): string {
  const p = process.env.BENCH_PRIORITY_APPLIED;
  if (p === 'chrt') return 'real-time (SCHED_FIFO 10, via chrt)';
  if (p === 'nice') return 'nice -10';
  return 'normal priority';
}

/** The machine and the commit a run measured, for the report's "Run:" line. */
export function machine(): string {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    // The servers run from the working tree's build: say so when it differs from the commit.
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'apps/server/src', 'packages/domain/src'],
      { cwd: repoRoot, encoding: 'utf8' },
    ).trim();
    if (dirty) commit += ' + uncommitted changes in apps/server or packages/domain';
  } catch {
    // not a git checkout
  }
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}; commit ${commit}`
  );
}
