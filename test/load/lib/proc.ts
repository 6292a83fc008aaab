// Process measurement from /proc (Linux): CPU ticks of a server child and its memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep the Linux default
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

/** Samples a process's RSS every `everyMs` and keeps the maximum; stop() returns it. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number; max(): number } {
  let max = 0;
  const tick = () => {
    try {
      max = Math.max(max, memory(pid).rssKb);
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
      return max;
    },
    max: () => max,
  };
}

/** CPU time of a pid over a window, as a fraction of one core. */
export function cpuWindow(pid: number): { stop(): { seconds: number; wallSeconds: number } } {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  return {
    stop() {
      const c1 = cpuSeconds(pid);
      return { seconds: c1 - c0, wallSeconds: (performance.now() - t0) / 1000 };
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
 * The bench shares its 2 cores with whatever else runs on the machine. The servers under test
 * and the generator run at nice -10 (root only; `BENCH_NICE=0` turns it off), so that ordinary
 * processes get ~1/10 of their CPU weight and other work does not show up as latency. Applied
 * by starting the process under `nice`, so that all its threads inherit it.
 */
export const NICE = Number(process.env.BENCH_NICE ?? -10);

let niceWorks: boolean | undefined;
/** The command prefix that starts a process at NICE, or [] when that is not permitted. */
export function nicePrefix(): string[] {
  if (NICE === 0) return [];
  if (niceWorks === undefined) {
    // Lowering niceness needs root (CAP_SYS_NICE); `nice` would only warn and run anyway.
    niceWorks = process.getuid?.() === 0 && NICE < 0;
  }
  return niceWorks ? ['nice', '-n', String(NICE)] : [];
}
