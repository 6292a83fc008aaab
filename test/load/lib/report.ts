// Tables, ratios and goal verdicts, as plain text for the console and Markdown for
// docs/performance.md.
import type { FanoutResult } from './fanout.js';
import { type InitSyncResult, median } from './initsync.js';

export interface Goal {
  name: string;
  met: boolean | null; // null = not measured
  detail: string;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const mb = (kb: number) => (kb > 0 ? (kb / 1024).toFixed(1) : '—');
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

export function deliveryText(r: FanoutResult): string {
  if (r.expected === 0) return '—';
  if (r.delivered === r.expected) return '100%';
  return `${((r.delivered / r.expected) * 100).toFixed(2)}% (${r.expected - r.delivered} missing)`;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fanoutTable(results: FanoutResult[]): string {
  return table(
    [
      'N',
      'server',
      'p50 ms',
      'p99 ms',
      'max ms',
      'delivery',
      'server CPU (1 core)',
      'RSS peak in workload MB',
      'VmHWM MB',
      'frames/s to clients',
      'generator CPU',
      'other processes',
    ],
    results.map((r) => [
      String(r.clients),
      r.server,
      f1(r.p50),
      f1(r.p99),
      f1(r.max),
      deliveryText(r),
      pct(r.serverCpu),
      mb(r.workloadPeakRssKb),
      mb(r.peakRssKb),
      String(Math.round(r.framesPerSecond)),
      `${pct(r.generatorCpu)}${r.generatorCpu >= 0.85 ? ' ⚠ generator-bound' : ''}`,
      pct(r.othersCpu),
    ]),
  );
}

export function ratioTable(results: FanoutResult[], ns: number[]): string {
  const get = (n: number, s: string) => results.find((r) => r.clients === n && r.server === s);
  return table(
    [
      'N',
      'CPU tavla/reference',
      'CPU tavla/relay',
      'CPU durable relay/relay',
      'CPU relay/reference',
      'p99 tavla/reference',
      'RSS peak tavla/reference',
      'VmHWM tavla/reference',
    ],
    ns.map((n) => {
      const t = get(n, 'tavla');
      const ref = get(n, 'reference');
      const rel = get(n, 'relay');
      const dur = get(n, 'durable-relay');
      return [
        String(n),
        ratio(t?.serverCpu, ref?.serverCpu),
        ratio(t?.serverCpu, rel?.serverCpu),
        ratio(dur?.serverCpu, rel?.serverCpu),
        ratio(rel?.serverCpu, ref?.serverCpu),
        ratio(t?.p99, ref?.p99),
        ratio(t?.workloadPeakRssKb, ref?.workloadPeakRssKb),
        ratio(t?.peakRssKb, ref?.peakRssKb),
      ];
    }),
  );
}

export function initSyncTable(results: InitSyncResult[]): string {
  return table(
    [
      'server',
      'measures',
      'sync step 2 ms (median)',
      'min–max ms',
      'connect → step 2 ms',
      'bytes received',
      'RSS after load MB',
      'RSS peak loading + serving MB',
      'VmHWM MB',
      'cold (unload, reload from storage): step 2 ms / RSS peak MB',
    ],
    results.map((r) => [
      r.server,
      String(r.measuresInDoc),
      f1(median(r.step2Ms)),
      `${f1(Math.min(...r.step2Ms))}–${f1(Math.max(...r.step2Ms))}`,
      f1(median(r.connectMs)),
      String(r.bytes),
      mb(r.rssAfterLoadKb),
      mb(r.workloadPeakRssKb),
      mb(r.peakRssKb),
      r.coldStep2Ms === undefined ? '—' : `${f1(r.coldStep2Ms)} / ${mb(r.phasePeakKb.cold ?? 0)}`,
    ]),
  );
}

export function goals(a: FanoutResult[], b: InitSyncResult[], ns: number[]): Goal[] {
  const get = (n: number, s: string) => a.find((r) => r.clients === n && r.server === s);
  const out: Goal[] = [];
  // 1. CPU within 1.15x of the relay at every N.
  {
    const parts: string[] = [];
    let met: boolean | null = true;
    for (const n of ns) {
      const t = get(n, 'tavla');
      const rel = get(n, 'relay');
      if (!t || !rel) {
        met = null;
        continue;
      }
      const x = t.serverCpu / rel.serverCpu;
      // The durable relay (durability rule, nothing else) shows how much of it the rule takes.
      const dur = get(n, 'durable-relay');
      parts.push(
        `N=${n}: ${f2(x)}×` + (dur ? ` (durable relay ${f2(dur.serverCpu / rel.serverCpu)}×)` : ''),
      );
      if (x > 1.15 && met !== null) met = false;
    }
    out.push({
      name: 'Server CPU within 1.15× of the relay at every N',
      met: parts.length ? met : null,
      detail: parts.join(', ') || 'not measured',
    });
  }
  // 2. p99 at 50 clients no worse than the reference.
  {
    const t = get(50, 'tavla');
    const ref = get(50, 'reference');
    out.push({
      name: 'p99 at 50 clients no worse than the reference',
      met: t && ref ? t.p99 <= ref.p99 : null,
      detail: t && ref ? `tavla ${f1(t.p99)} ms vs reference ${f1(ref.p99)} ms` : 'not measured',
    });
  }
  // 3. Sync step 2 of 5,000 measures at most half the reference's.
  {
    const t = b.find((r) => r.server === 'tavla');
    const ref = b.find((r) => r.server === 'reference');
    const tm = t ? median(t.step2Ms) : Number.NaN;
    const rm = ref ? median(ref.step2Ms) : Number.NaN;
    out.push({
      name: 'Sync step 2 of 5,000 measures at most half the reference’s',
      met: t && ref ? tm <= rm / 2 : null,
      detail: t && ref ? `tavla ${f1(tm)} ms vs reference ${f1(rm)} ms (${f2(tm / rm)}×)` : '—',
    });
  }
  // 4. Peak memory no more than the reference's (every fan-out point and the initial sync):
  // judged on the RSS peak while the workload runs; the lifetime peak (VmHWM, which includes
  // seeding and the login, i.e. scrypt) is reported beside it.
  const memGoal = (
    name: string,
    pick: (r: { workloadPeakRssKb: number; peakRssKb: number }) => number,
  ) => {
    const parts: string[] = [];
    let met: boolean | null = true;
    let any = false;
    for (const n of ns) {
      const t = get(n, 'tavla');
      const ref = get(n, 'reference');
      if (!t || !ref) continue;
      any = true;
      parts.push(`N=${n}: ${mb(pick(t))} vs ${mb(pick(ref))} MB`);
      if (pick(t) > pick(ref)) met = false;
    }
    const t = b.find((r) => r.server === 'tavla');
    const ref = b.find((r) => r.server === 'reference');
    if (t && ref) {
      any = true;
      parts.push(`5,000 measures: ${mb(pick(t))} vs ${mb(pick(ref))} MB`);
      if (pick(t) > pick(ref)) met = false;
    }
    out.push({ name, met: any ? met : null, detail: parts.join('; ') || 'not measured' });
  };
  memGoal(
    'Peak memory no more than the reference’s (RSS peak during the workloads)',
    (r) => r.workloadPeakRssKb,
  );
  memGoal('… and over the whole process life (VmHWM, incl. seeding and login)', (r) => r.peakRssKb);
  // 5. 100% delivery.
  {
    const ts = a.filter((r) => r.server === 'tavla');
    out.push({
      name: '100% delivery',
      met: ts.length ? ts.every((r) => r.delivered === r.expected) : null,
      detail: ts.map((r) => `N=${r.clients}: ${deliveryText(r)}`).join(', ') || 'not measured',
    });
  }
  return out;
}

export function goalsTable(gs: Goal[]): string {
  return table(
    ['goal', 'result', 'measured'],
    gs.map((g) => [
      g.name,
      g.met === null ? 'not measured' : g.met ? '**met**' : '**not met**',
      g.detail,
    ]),
  );
}
