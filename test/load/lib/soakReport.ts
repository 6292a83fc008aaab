// The soak bench's numbers (test/load/soak.ts): memory trend, CPU, churn and lost edits per
// server, side by side, as Markdown for the console and for docs/performance.md.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ServerKind } from './servers.js';
import type { Counters } from './soakWorkload.js';
import { type AgreementCheck, lossLines, nothingLost } from './soakVerify.js';

export interface Sample {
  /** Seconds since the churn started. */
  t: number;
  rssKb: number;
  /** Server CPU over the last second, as a share of one core. */
  cpu: number;
  /** Tavla: documents in memory (from its log). */
  loaded?: number;
  /** People connected. */
  connected: number;
}

export interface SoakResult {
  server: ServerKind;
  churnSeconds: number;
  warmupSeconds: number;
  samples: Sample[];
  rssAfterSetupKb: number;
  /** Size of all agreements' states before the churn. */
  baseBytes: number;
  rssIdleKb: number;
  hwmKb: number;
  generatorCpu: number;
  counters: Counters;
  /** Seats still busy when the drain timed out (0 normally). */
  drainLeft: number;
  log?: {
    loads: number;
    unloads: number;
    compactions: number;
    warnings: number;
    errors: number;
    problems: string[];
    loadedAfter: number;
    loadsPerDoc: string;
  };
  checks: AgreementCheck[];
  /** Tavla: the same check after SIGTERM and a start on the same data directory. */
  restart?: { exitCode: number | null; startMs: number; checks: AgreementCheck[] };
}

const mb = (kb: number) => (kb > 0 ? (kb / 1024).toFixed(1) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/** Least-squares slope of RSS over time, in MB per minute, over the samples after warm-up. */
export function rssSlope(samples: Sample[], fromSeconds: number): number {
  const pts = samples.filter((s) => s.t >= fromSeconds);
  if (pts.length < 3) return Number.NaN;
  const n = pts.length;
  const mx = pts.reduce((a, p) => a + p.t / 60, 0) / n;
  const my = pts.reduce((a, p) => a + p.rssKb / 1024, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.t / 60 - mx) * (p.rssKb / 1024 - my);
    sxx += (p.t / 60 - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Lost edits as one cell: "0" or the count, with the details in lossDetails(). */
function lostCell(checks: AgreementCheck[] | undefined): string {
  if (!checks) return '—';
  if (nothingLost(checks)) return '**0**';
  const words = checks.reduce((t, c) => t + c.missingWords.length, 0);
  const moves = checks.reduce((t, c) => t + c.wrongMoves.length, 0);
  const items = checks.reduce((t, c) => t + c.missingItems, 0);
  const broken = checks.filter((c) => c.error).length;
  return `**⚠ ${words} words, ${moves} moves, ${items} items${broken ? `, ${broken} agreements unreadable` : ''}**`;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function soakTable(results: SoakResult[]): string {
  const row = (name: string, f: (r: SoakResult) => string) => [name, ...results.map(f)];
  const churn = (r: SoakResult) => r.samples;
  const c = (r: SoakResult) => r.counters;
  const rows = [
    row('RSS slope after warm-up (MB/min, least squares)', (r) => {
      const s = rssSlope(r.samples, r.warmupSeconds);
      return Number.isFinite(s) ? `${s >= 0 ? '+' : ''}${s.toFixed(2)}` : '—';
    }),
    row('RSS after setup → end of churn → idle (all gone) MB', (r) => {
      const last = churn(r).at(-1)?.rssKb ?? 0;
      return `${mb(r.rssAfterSetupKb)} → ${mb(last)} → ${mb(r.rssIdleKb)}`;
    }),
    row('RSS peak sampled / VmHWM MB', (r) => {
      const peak = Math.max(0, ...churn(r).map((s) => s.rssKb));
      return `${mb(peak)} / ${mb(r.hwmKb)}`;
    }),
    row('RSS by minute MB (mean of each minute)', (r) => {
      const out: string[] = [];
      for (let m = 0; m * 60 < r.churnSeconds; m++) {
        const xs = r.samples.filter((s) => s.t >= m * 60 && s.t < (m + 1) * 60);
        if (xs.length) out.push(mb(xs.reduce((a, s) => a + s.rssKb, 0) / xs.length));
      }
      return out.join(', ');
    }),
    row('server CPU: mean / p95 / max of 1-s samples (1 core)', (r) => {
      const xs = churn(r).map((s) => s.cpu);
      const mean = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
      return `${pct(mean)} / ${pct(quantile(xs, 0.95))} / ${pct(Math.max(0, ...xs))}`;
    }),
    row('people connected (mean, min–max)', (r) => {
      const xs = churn(r).map((s) => s.connected);
      const mean = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
      return `${mean.toFixed(1)} (${Math.min(...xs)}–${Math.max(...xs)})`;
    }),
    row(
      'sessions; drops mid-word (→ offline, reconnect); ends clean / terminated',
      (r) =>
        `${c(r).sessions}; ${c(r).dropped} (${c(r).offlineKeystrokes} keystrokes offline, ${c(r).reconnects} reconnects); ${c(r).cleanCloses} / ${c(r).abruptEnds}`,
    ),
    row(
      'edits: keystrokes (typos deleted) / words / moves / new measures',
      (r) => `${c(r).keystrokes} (${c(r).typos}) / ${c(r).words} / ${c(r).moves} / ${c(r).creates}`,
    ),
    row('documents in memory during churn (mean, min–max); after all left', (r) => {
      const xs = churn(r).flatMap((s) => (s.loaded === undefined ? [] : [s.loaded]));
      if (!xs.length || !r.log) return 'all (kept for the process life)';
      const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
      return `${mean.toFixed(1)} (${Math.min(...xs)}–${Math.max(...xs)}); ${r.log.loadedAfter}`;
    }),
    row('document loads / unloads / compactions', (r) =>
      r.log ? `${r.log.loads} / ${r.log.unloads} / ${r.log.compactions}` : '—',
    ),
    row('state at the end (all agreements)', (r) => {
      const bytes = r.checks.reduce((t, x) => t + x.stateBytes, 0);
      const measures = r.checks.reduce((t, x) => t + x.measures, 0);
      return `${(bytes / 1024).toFixed(0)} KB (${(r.baseBytes / 1024).toFixed(0)} KB before), ${measures} measures`;
    }),
    row('lost edits (fresh client after all left)', (r) => lostCell(r.checks)),
    row('lost edits after SIGTERM + restart on the same data', (r) =>
      r.restart
        ? `${lostCell(r.restart.checks)} (exit ${r.restart.exitCode}, up again in ${Math.round(r.restart.startMs)} ms)`
        : '— (no storage)',
    ),
    row('server log: warnings / errors', (r) =>
      r.log ? `${r.log.warnings} / ${r.log.errors}` : '—',
    ),
    row(
      'client side: sync failures / server closes / errors',
      (r) =>
        `${c(r).syncFailures} / ${JSON.stringify(c(r).serverCloses)} / ${c(r).errors.length}${r.drainLeft ? `; ${r.drainLeft} seats did not finish` : ''}`,
    ),
    row('generator CPU (1 core)', (r) => pct(r.generatorCpu)),
  ];
  return table(['', ...results.map((r) => r.server)], rows);
}

/** Everything that went wrong, line by line (empty when nothing did). */
export function soakProblems(results: SoakResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const l of lossLines(r.checks)) out.push(`${r.server}: LOST: ${l}`);
    for (const l of lossLines(r.restart?.checks ?? []))
      out.push(`${r.server} after restart: LOST: ${l}`);
    if (r.restart && r.restart.exitCode !== 0) {
      out.push(`${r.server}: SIGTERM exit code ${r.restart.exitCode} (expected 0)`);
    }
    if (r.log && r.log.loadedAfter > 0) {
      out.push(`${r.server}: ${r.log.loadedAfter} documents still loaded after everyone left`);
    }
    for (const p of r.log?.problems ?? []) out.push(`${r.server} log: ${p}`);
    for (const e of r.counters.errors) out.push(`${r.server} client: ${e}`);
  }
  return out;
}

export const SOAK_START =
  '<!-- soak:start (generated by test/load/soak.ts; edit outside these markers) -->';
export const SOAK_END = '<!-- soak:end -->';

/** Replaces the soak section of `file` (appended at the end when its markers are missing). */
export function writeSoakSection(file: string, body: string): void {
  let text = readFileSync(file, 'utf8');
  if (text.indexOf(SOAK_START) === -1 || text.indexOf(SOAK_END) < text.indexOf(SOAK_START)) {
    text = `${text.trimEnd()}\n\n${SOAK_START}\n${SOAK_END}\n`;
  }
  const s = text.indexOf(SOAK_START);
  const e = text.indexOf(SOAK_END);
  writeFileSync(file, `${text.slice(0, s + SOAK_START.length)}\n${body}\n${text.slice(e)}`);
}
