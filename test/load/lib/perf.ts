// Whole-process CPU profiles of a server with Linux `perf` (bench option --perf).
//
// `--cpu-prof` sees only the main thread's JavaScript. Much of a websocket server's CPU is
// elsewhere: the kernel's TCP work for every frame (on loopback the sender also pays for the
// receiver's delivery and wake-up), V8's helper threads (concurrent compilation, parallel
// scavenges), SQLite's native code and its file writes. `perf record -e cpu-clock -g` samples
// all of it; with node's `--perf-basic-prof` the JIT frames have names. Each sample is then
// attributed to the innermost frame that belongs to a known part (leaf first), so that the
// kernel time of a `write` counts as sending and a GC during Yjs work counts as GC.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sampling frequency (Hz) of `perf record`. */
export const PERF_HZ = 999;

/** Parts of a server's CPU, matched against one frame (symbol and object) at a time. */
const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'GC',
    /Scaveng|MarkCompact|Sweeper|ConcurrentMarking|IncrementalMarking|MinorM[CS]|Heap::Collect|GarbageCollect|Evacuat|MemoryReducer/,
  ],
  [
    'JIT compilation',
    /compiler::|Compiler::|Maglev|maglev::|CompileLazy|Builtins_Compile|BaselineBatch|baseline::|Parser::|BytecodeGenerator|OptimizingCompileDispatcher/,
  ],
  ['SQLite', /better_sqlite3|sqlite3|Statement::JS_run|Database::JS_/],
  // Paths of the server's own build (dist/*.js) or, for the bundle, its sources (bundleSource).
  ['activity log', /apps\/server\/(dist|src)\/activity\//],
  ['read model', /apps\/server\/(dist|src)\/readmodel\//],
  ['domain', /packages\/domain\/(dist|src)\//],
  ['Yjs', /\/yjs\/(dist|src)\/|\/lib0\//],
  [
    'send',
    /tcp_sendmsg|sock_write_iter|StreamBase::Write|WriteBuffer|Writev|WriteString|__libc_write|__libc_writev|Socket\._write|writeGeneric|\/ws\/lib\/sender\.js|#broadcast|sync\/wire\.[jt]s/,
  ],
  [
    'receive',
    /tcp_recvmsg|sock_read_iter|uv__read|OnStreamRead|onStreamRead|\/ws\/lib\/receiver\.js|__libc_read/,
  ],
  ['server code', /apps\/server\/(dist|src)\/|servers\/(relay|reference)\.mjs|websocket-server/],
  ['event loop', /epoll|uv__io_poll|uv_run|uv__run|processTimers|processImmediate|listOnTimeout/],
];

export interface PerfSummary {
  samples: number;
  /** Samples on the main thread (the rest: V8 helper threads, libuv's pool). */
  mainThread: number;
  /** Samples per part, in the order of PARTS, then 'other'. */
  parts: Array<{ part: string; samples: number }>;
}

/** Whether `perf` can sample this machine (it needs root or perf_event_paranoid <= 1). */
export function perfAvailable(): string | null {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
  } catch {
    return '`perf` is not installed (Debian: apt-get install linux-perf)';
  }
  return null;
}

/** Starts `perf record` on every thread of `pid`; `stop` ends it and waits for the file. */
export function startPerf(pid: number, file: string): { stop(): Promise<void> } {
  const child: ChildProcess = spawn(
    'perf',
    ['record', '-q', '-e', 'cpu-clock', '-F', String(PERF_HZ), '-g', '-p', String(pid), '-o', file],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
      if (!existsSync(file)) throw new Error(`perf record wrote nothing: ${err.trim()}`);
    },
  };
}

/** The part a sample belongs to: the innermost frame (leaf first) that matches one. */
export function partOf(frames: readonly string[]): string {
  for (const frame of frames) {
    for (const [part, re] of PARTS) if (re.test(frame)) return part;
  }
  return 'other';
}

/** Source maps of bundles seen in frames, by the bundle's path (null: it has none). */
const bundleMaps = new Map<string, { map: SourceMap; dir: string } | null>();

/**
 * The production server is one minified bundle ([P7]): a JIT frame names a line and column of
 * `tavla-server.mjs`, not the module it came from. This puts the original source file (from the
 * bundle's linked source map) in its place, so that the parts above can be told apart.
 */
export function bundleSource(frame: string): string {
  const m = /file:\/\/(\S+\.mjs):(\d+):(\d+)/.exec(frame);
  if (!m) return frame;
  const file = fileURLToPath(`file://${m[1]}`);
  let entry = bundleMaps.get(file);
  if (entry === undefined) {
    entry = existsSync(`${file}.map`)
      ? { map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))), dir: dirname(file) }
      : null;
    bundleMaps.set(file, entry);
  }
  if (!entry) return frame;
  const found = entry.map.findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as {
    originalSource?: string;
  };
  if (!found.originalSource) return frame;
  const source = found.originalSource.startsWith('file://')
    ? fileURLToPath(found.originalSource)
    : resolve(entry.dir, found.originalSource);
  return frame.replace(m[0], source);
}

/** Reads a `perf record` file of process `pid` and attributes its samples. */
export function summarizePerf(file: string, pid: number): PerfSummary {
  const text = execFileSync('perf', ['script', '-i', file, '-F', 'tid,ip,sym,dso'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const counts = new Map<string, number>();
  let samples = 0;
  let mainThread = 0;
  let tid = -1;
  let frames: string[] = [];
  const flush = () => {
    if (tid < 0) return;
    samples++;
    if (tid === pid) mainThread++;
    const part = partOf(frames);
    counts.set(part, (counts.get(part) ?? 0) + 1);
    tid = -1;
    frames = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
    } else if (!line.startsWith('\t')) {
      // A sample's header (its thread id, padded); its frames follow, each after a tab.
      flush();
      tid = Number.parseInt(line.trim(), 10);
    } else {
      frames.push(bundleSource(line.trim()));
    }
  }
  flush();
  const order = [...PARTS.map(([p]) => p), 'other'];
  return {
    samples,
    mainThread,
    parts: order.map((part) => ({ part, samples: counts.get(part) ?? 0 })),
  };
}

/**
 * A markdown table: for each server and N, each part's share of one core and its CPU time per
 * edit, from all the points sampled (samples / (PERF_HZ × window seconds)).
 */
export function renderPerf(
  runs: ReadonlyMap<string, { summaries: PerfSummary[]; seconds: number; edits: number }>,
): string {
  const keys = [...runs.keys()];
  if (keys.length === 0) return 'perf: no samples';
  const parts = runs.get(keys[0]!)!.summaries[0]!.parts.map((p) => p.part);
  const lines = [
    `Where the servers' CPU went (perf, ${PERF_HZ} Hz, all threads and the kernel; each cell: % of one core · µs of CPU per edit):`,
    '',
    `| server, N | total | main thread | ${parts.join(' | ')} |`,
    `| --- | --- | --- | ${parts.map(() => '---').join(' | ')} |`,
  ];
  for (const [key, { summaries, seconds, edits }] of runs) {
    const sum = (f: (s: PerfSummary) => number) => summaries.reduce((a, s) => a + f(s), 0);
    const cell = (samples: number) =>
      `${((samples / (PERF_HZ * seconds)) * 100).toFixed(2)}% · ${((samples / PERF_HZ / edits) * 1e6).toFixed(0)}`;
    const byPart = parts.map((p) => cell(sum((s) => s.parts.find((x) => x.part === p)!.samples)));
    lines.push(
      `| ${key} | ${cell(sum((s) => s.samples))} | ${cell(sum((s) => s.mainThread))} | ${byPart.join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
