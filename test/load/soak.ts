// Tavla soak bench: runs the server for a while under churn — people opening agreements,
// typing, moving cards, leaving, losing the connection mid-word and coming back with their
// offline edits — so that documents load and unload all the time, and tells whether it leaks
// (RSS trend after warm-up, sampled every second) or loses anything (a fresh client per
// agreement must see every edit any client made; for Tavla also after SIGTERM and a restart on
// the same data). The same workload runs, in the same run, against the reference
// @y/websocket-server. Not a test: nothing about timing is asserted; it prints a table and
// writes its section of docs/performance.md. Exit code 1 when Tavla lost an edit.
//
//   npx -y pnpm@12.4.2 --filter @tavla/test bench:soak     ~3 min per server, writes the docs
//   cd test && node --import tsx load/soak.ts --minutes=0.2 --clients=6 --agreements=2 --no-write
//
// Options: --minutes=3 (churn per server), --clients=30 (people connected at once),
// --agreements=8 (created besides Tromsvekstavtalen), --servers=tavla,reference, --seed=1,
// --no-write, --no-lock (do not wait for another bench run: the integration test's quick run,
// which measures nothing). Environment: BENCH_KEEP_DATA=1 keeps Tavla's data directory and log.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createFocusArea,
  createMeasure,
  initAgreement,
  listColumns,
  listFocusAreas,
} from '@tavla/domain';
import * as Y from 'yjs';
import { LightClient } from './lib/client.js';
import { seededAgreement } from './lib/docs.js';
import { takeLock } from './lib/lock.js';
import { cpuSeconds, machine, memory } from './lib/proc.js';
import { ServerLog } from './lib/serverLog.js';
import {
  type Sample,
  type SoakResult,
  soakProblems,
  soakTable,
  writeSoakSection,
} from './lib/soakReport.js';
import { nothingLost, verifyAll } from './lib/soakVerify.js';
import { type Ledger, Workload } from './lib/soakWorkload.js';
import {
  benchLimits,
  DEMO_EMAIL,
  repoRoot,
  type RunningServer,
  type ServerKind,
  startServer,
  TAVLA_AGREEMENT,
  tavlaAvailable,
  tavlaCli,
} from './lib/servers.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const opt = (name: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined;

const minutes = Number(opt('minutes') ?? 3);
const seats = Number(opt('clients') ?? 30);
const extraAgreements = Number(opt('agreements') ?? 8);
const seed = Number(opt('seed') ?? 1);
const kinds = (opt('servers') ?? 'tavla,reference').split(',') as ServerKind[];
const write = !flag('no-write');
const churnSeconds = minutes * 60;
/** The first minute (a third of a shorter run) is warm-up: JIT, caches, every agreement loaded once. */
const warmupSeconds = Math.min(60, churnSeconds / 3);
/** Tavla logs document loads and unloads at debug level (lib/serverLog.ts). */
const TAVLA_ENV = { LOG_LEVEL: 'debug' };

/** Tromsvekstavtalen is the busy one; the others get few visitors and are often left empty. */
const AGREEMENTS: { id: string; title: string; weight: number }[] = [
  { id: TAVLA_AGREEMENT, title: 'Tromsvekstavtalen', weight: 8 },
  ...Array.from({ length: extraAgreements }, (_, i) => ({
    id: `soak-${i + 1}`,
    title: `Vekstavtale ${i + 1}`,
    weight: [5, 3, 2][i] ?? 1,
  })),
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last `n` lines of a log file ('' when it cannot be read). */
function logTail(file: string, n: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** What a new agreement gets before the churn: two focus areas and twelve measures. */
function furnish(doc: Y.Doc) {
  if (listFocusAreas(doc).length > 0) return;
  const areas = [
    createFocusArea(doc, { number: '1', title: 'Næringsutvikling' }),
    createFocusArea(doc, { number: '2', title: 'Kompetanse og rekruttering' }),
  ];
  const columns = listColumns(doc);
  for (let i = 0; i < 12; i++) {
    createMeasure(doc, {
      focusAreaId: areas[i % 2]!,
      columnId: columns[i % columns.length]!.id,
      title: `Tiltak ${i + 1} for regionen`,
      description: 'Samarbeid mellom kommunene om næringsutvikling og kompetanse. ',
    });
  }
}

/**
 * Tavla: the agreements are created with the admin CLI on the live database (WAL; the demo
 * coordinator is their admin), then furnished by a client through the server, which has
 * already given each its meta and columns on first load ([S8]).
 */
async function setupTavla(server: RunningServer, wsBase: string): Promise<Map<string, Uint8Array>> {
  for (const a of AGREEMENTS.slice(1)) {
    execFileSync(
      process.execPath,
      [tavlaCli, 'create-agreement', '--id', a.id, '--title', a.title, '--admin', DEMO_EMAIL],
      { env: { ...process.env, DATA_DIR: server.dataDir!, LOG_LEVEL: 'warn' }, stdio: 'pipe' },
    );
  }
  const bases = new Map<string, Uint8Array>();
  for (const a of AGREEMENTS) {
    const client = new LightClient(0, { url: `${wsBase}/${a.id}`, headers: server.headers });
    await client.synced;
    client.edit(() => furnish(client.doc));
    await client.barrier();
    bases.set(a.id, Y.encodeStateAsUpdate(client.doc));
    client.close();
  }
  return bases;
}

/** The reference starts empty: the same content, built here, is pushed by one client each. */
async function setupReference(wsBase: string): Promise<Map<string, Uint8Array>> {
  const bases = new Map<string, Uint8Array>();
  bases.set(TAVLA_AGREEMENT, (await seededAgreement()).state);
  for (const a of AGREEMENTS.slice(1)) {
    const doc = new Y.Doc();
    initAgreement(doc, { agreementId: a.id, title: a.title });
    furnish(doc);
    bases.set(a.id, Y.encodeStateAsUpdate(doc));
  }
  for (const a of AGREEMENTS) {
    const client = new LightClient(0, { url: `${wsBase}/${a.id}`, initialState: bases.get(a.id) });
    await client.synced;
    await client.barrier();
    client.close();
  }
  return bases;
}

async function soak(kind: ServerKind): Promise<SoakResult> {
  let server = await startServer(kind, {
    env: TAVLA_ENV,
    keepData: true,
  });
  const dataDir = server.dataDir;
  const log = server.logFile ? new ServerLog(server.logFile) : undefined;
  try {
    const wsBase = `ws://127.0.0.1:${server.port}/ws`;
    const bases =
      kind === 'tavla' ? await setupTavla(server, wsBase) : await setupReference(wsBase);
    const ledgers: Ledger[] = AGREEMENTS.map((a) => {
      const truth = new Y.Doc();
      Y.applyUpdate(truth, bases.get(a.id)!);
      return {
        agreementId: a.id,
        weight: a.weight,
        truth,
        markers: new Map(),
        moved: new Set(),
        present: 0,
      };
    });
    const workload = new Workload({
      wsBase,
      headers: server.headers,
      ledgers,
      seats,
      tag: kind === 'tavla' ? 't' : 'r',
      seed,
    });
    // Sampling every second, from the start of the churn.
    const samples: Sample[] = [];
    const pid = server.pid;
    const t0 = performance.now();
    let cpu0 = cpuSeconds(pid);
    let tPrev = t0;
    log?.poll();
    const rssAfterSetupKb = memory(pid).rssKb;
    const gen0 = process.cpuUsage();
    // A server that exits during the churn is the finding of the run: say so, with its log.
    let died: string | null = null;
    let wake = () => {};
    const death = new Promise<void>((r) => {
      wake = r;
    });
    const sample = () => {
      if (died) return;
      const now = performance.now();
      let cpu1: number;
      let rssKb: number;
      try {
        cpu1 = cpuSeconds(pid);
        rssKb = memory(pid).rssKb;
      } catch {
        died = `${kind} (pid ${pid}) exited ${Math.round((now - t0) / 1000)} s into the churn`;
        wake();
        return;
      }
      log?.poll();
      samples.push({
        t: (now - t0) / 1000,
        rssKb,
        cpu: (cpu1 - cpu0) / ((now - tPrev) / 1000),
        loaded: log?.loaded.size,
        connected: workload.connected(),
      });
      cpu0 = cpu1;
      tPrev = now;
      const last = samples.at(-1)!;
      if (samples.length % 30 === 0) {
        console.log(
          `  ${kind} ${Math.round(last.t)} s: RSS ${(last.rssKb / 1024).toFixed(1)} MB, ` +
            `CPU ${(last.cpu * 100).toFixed(0)}%, ${last.connected} connected` +
            (last.loaded !== undefined ? `, ${last.loaded} documents loaded` : '') +
            `, ${workload.counters.keystrokes} keystrokes, ${workload.counters.sessions} sessions`,
        );
      }
    };
    const timer = setInterval(sample, 1000);
    workload.start();
    await Promise.race([sleep(churnSeconds * 1000), death]);
    // The churn's samples end here; the drain (people finishing their word) is not churn.
    clearInterval(timer);
    if (died) {
      await workload.stop().catch(() => 0);
      const tail = server.logFile ? logTail(server.logFile, 20) : '';
      throw new Error(`${died}${tail ? `; the end of its log:\n${tail}` : ''}`);
    }
    const drainLeft = await workload.stop();
    const gen = process.cpuUsage(gen0);
    const generatorCpu = (gen.user + gen.system) / 1e6 / ((performance.now() - t0) / 1000);
    // Everyone has left: Tavla unloads each document 1 s after its last connection ([S3]).
    const idleBy = performance.now() + 15_000;
    await sleep(2000);
    while (log && performance.now() < idleBy) {
      log.poll();
      if (log.loaded.size === 0) break;
      await sleep(250);
    }
    // Before the check below, which loads every document again.
    const loadedIdle = log ? [...log.loaded] : [];
    const mem = memory(pid);
    console.log(`  ${kind}: churn done; checking every agreement with a fresh client`);
    const checks = await verifyAll(wsBase, server.headers, ledgers);
    log?.poll();
    const result: SoakResult = {
      server: kind,
      churnSeconds,
      warmupSeconds,
      samples,
      rssAfterSetupKb,
      baseBytes: [...bases.values()].reduce((t, b) => t + b.byteLength, 0),
      rssIdleKb: mem.rssKb,
      hwmKb: mem.hwmKb,
      generatorCpu,
      counters: workload.counters,
      drainLeft,
      checks,
    };
    if (log) {
      result.log = {
        loads: log.loads,
        unloads: log.unloads,
        compactions: log.compactions,
        warnings: log.warnings,
        errors: log.errors,
        problems: log.problems,
        loadedAfter: loadedIdle.length,
        loadsPerDoc: [...log.loadsByDoc].map(([d, n]) => `${d}: ${n}`).join(', '),
      };
    }
    if (kind === 'tavla') {
      // Graceful stop, then a new process on the same data: everything must still be there.
      const exitCode = await server.stop();
      const started = performance.now();
      server = await startServer('tavla', { env: TAVLA_ENV, dataDir });
      const startMs = performance.now() - started;
      const again = await verifyAll(`ws://127.0.0.1:${server.port}/ws`, server.headers, ledgers);
      result.restart = { exitCode, startMs, checks: again };
    }
    return result;
  } catch (e) {
    if (server.logFile) console.error(`  (${kind} log: ${server.logFile})`);
    throw e;
  } finally {
    await server.stop();
    if (dataDir && !process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    if (dataDir && process.env.BENCH_KEEP_DATA) console.log(`  ${kind} data kept: ${dataDir}`);
  }
}

function render(results: SoakResult[], secs: number): string {
  const problems = soakProblems(results);
  const tavla = results.find((r) => r.server === 'tavla');
  const lines = [
    `Run: ${new Date().toISOString()} · ${machine()} · took ${Math.round(secs)} s`,
    '',
    `Command: \`npx -y pnpm@12.4.2 --filter @tavla/test bench:soak\` (= \`${['node --import tsx load/soak.ts', ...argv].join(' ')}\` in test/)`,
    '',
    `Settings: ${minutes} min of churn per server (the first ${Math.round(warmupSeconds)} s are warm-up, ` +
      `left out of the RSS slope), ${seats} people at once over ${AGREEMENTS.length} agreements ` +
      `(weights ${AGREEMENTS.map((a) => a.weight).join('/')}), seed ${seed}; servers and generator ` +
      `at normal priority. Tavla is started as production starts it (\`apps/server/bin/tavla-server\`) ` +
      `with its defaults except ${Object.entries({ ...benchLimits, ...TAVLA_ENV })
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(', ')}; the reference is \`@y/websocket-server\` 0.1.1 without persistence.`,
    '',
    soakTable(results),
    '',
  ];
  if (tavla) {
    lines.push(
      nothingLost(tavla.checks) && (!tavla.restart || nothingLost(tavla.restart.checks))
        ? 'Tavla lost no edit: every word, move and Yjs item of every client is in the document a fresh client gets, before and after the restart.'
        : '**⚠ Tavla LOST EDITS — see the list below.**',
      '',
    );
  }
  if (tavla?.log?.loadsPerDoc)
    lines.push(`Tavla document loads per agreement: ${tavla.log.loadsPerDoc}.`, '');
  if (problems.length) {
    lines.push('Problems seen:', '', ...problems.map((p) => `- \`${p.replaceAll('`', "'")}\``), '');
  }
  return lines.join('\n');
}

async function main() {
  if (kinds.includes('tavla') && !tavlaAvailable()) {
    throw new Error(
      'apps/server/dist/tavla-server.mjs not found: npx -y pnpm@12.4.2 --filter @tavla/server... build',
    );
  }
  if (!flag('no-lock')) await takeLock(15 * 60_000);
  const started = Date.now();
  console.log(
    `Tavla soak: servers ${kinds.join(', ')}; ${minutes} min each, ${seats} people, ` +
      `${AGREEMENTS.length} agreements, seed ${seed}`,
  );
  const results: SoakResult[] = [];
  for (const kind of kinds) {
    console.log(`\n${kind}:`);
    results.push(await soak(kind));
  }
  const body = render(results, (Date.now() - started) / 1000);
  console.log(`\n${body}`);
  if (write) {
    const file = join(repoRoot, 'docs/performance.md');
    writeSoakSection(file, body);
    console.log(`\nWrote ${file}`);
  }
  const lostBy = (r: SoakResult) =>
    !(nothingLost(r.checks) && nothingLost(r.restart?.checks ?? []));
  console.log(
    `\n${results.map((r) => `${r.server}: ${lostBy(r) ? '⚠ LOST EDITS (see above)' : 'lost edits: 0'}`).join('; ')}`,
  );
  const tavla = results.find((r) => r.server === 'tavla');
  return tavla && lostBy(tavla) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
