// Heap check of Tavla's document lifecycle: does anything stay behind when documents load, are
// edited and unload, over and over? Takes a V8 heap snapshot of the server (which collects
// garbage first) with every document unloaded, runs many more load/edit/unload cycles, takes
// another with everything unloaded again, and prints what grew, by kind of object. A leak
// shows as a count that grows with the cycles; JIT code and bounded caches grow a little.
// Not a test and writes nothing but the two snapshots (in a temp folder it prints).
//
//   npx -y pnpm@12.4.2 --filter @tavla/server... build
//   cd test && node --import tsx load/heap.ts [--cycles=12] [--agreements=8]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFocusArea,
  createMeasure,
  listColumns,
  listFocusAreas,
  listMeasures,
  measureText,
  moveMeasure,
} from '@tavla/domain';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { freePort, tavlaCli, tavlaLauncher, tavlaLogin } from './lib/servers.js';

const argv = process.argv.slice(2);
const opt = (name: string, d: number) =>
  Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const CYCLES = opt('cycles', 12);
const AGREEMENTS = opt('agreements', 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const data = mkdtempSync(join(tmpdir(), 'tavla-heap-'));
const port = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: data,
  SEED: 'demo',
  WEB_DIST: 'none',
  MAX_CONNECTIONS_PER_USER: '1000',
  MAX_CONNECTIONS_PER_IP: '1000',
  LOG_LEVEL: 'debug',
  TAVLA_NODE_FLAGS: '--heapsnapshot-signal=SIGUSR2',
};
// The snapshots land in the server's working folder.
const server = spawn(tavlaLauncher, [], { env, cwd: data, stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
server.stdout?.on('data', (d: Buffer) => {
  log += d.toString();
});
const count = (msg: string) => log.split(`"msg":"${msg}"`).length - 1;
try {
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !log.includes('"listening"'); i++) await sleep(100);
  const ids = Array.from({ length: AGREEMENTS }, (_, i) => `heap-${i}`);
  for (const id of ids) {
    execFileSync(
      'node',
      [
        tavlaCli,
        'create-agreement',
        '--id',
        id,
        '--title',
        `Avtale ${id}`,
        '--admin',
        'koordinator@fylke.example',
      ],
      { env },
    );
  }
  const cookie = await tavlaLogin(url);
  class CookieWebSocket extends WebSocket {
    constructor(u: string, p?: string | string[]) {
      super(u, p, { headers: { cookie, origin: url } });
    }
  }

  /** Three people open each agreement in turn, type and move for a moment, and leave. */
  const cycle = async (n: number) => {
    for (const id of ids) {
      const people = Array.from(
        { length: 3 },
        () =>
          new WebsocketProvider(`ws://127.0.0.1:${port}/ws`, id, new Y.Doc(), {
            WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
          }),
      );
      for (let i = 0; i < 200 && !people.every((p) => p.synced); i++) await sleep(20);
      const first = people[0]!.doc;
      if (listFocusAreas(first).length === 0)
        createFocusArea(first, { number: '1', title: 'Område' });
      if (listMeasures(first).length < 20) {
        const columnId = listColumns(first)[0]!.id;
        createMeasure(first, {
          focusAreaId: listFocusAreas(first)[0]!.id,
          columnId,
          title: `Tiltak ${n}`,
        });
      }
      await sleep(50);
      for (let k = 0; k < 60; k++) {
        const doc = people[k % 3]!.doc;
        const measures = listMeasures(doc);
        const m = measures[k % measures.length];
        if (!m) continue;
        const title = measureText(doc, m.id, 'title');
        if (k % 5 === 4 && title.length > 0) title.delete(title.length - 1, 1);
        else title.insert(title.length, 'x');
        if (k % 20 === 0)
          moveMeasure(doc, m.id, { columnId: listColumns(doc)[k % 4]!.id, index: 0 });
        await sleep(5);
      }
      await sleep(100);
      for (const p of people) {
        p.destroy();
        p.doc.destroy();
      }
    }
  };
  /** Waits until every document is unloaded, then has the server write a heap snapshot. */
  const snapshot = async (): Promise<string> => {
    for (let i = 0; i < 200 && count('document unloaded') < count('document loaded'); i++) {
      await sleep(100);
    }
    const before = new Set(readdirSync(data).filter((f) => f.endsWith('.heapsnapshot')));
    server.kill('SIGUSR2');
    for (let i = 0; i < 600; i++) {
      const made = readdirSync(data).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      if (made) {
        await sleep(2000); // written in one go after the GC; let it finish
        return join(data, made);
      }
      await sleep(100);
    }
    throw new Error('no heap snapshot within 60 s');
  };

  await cycle(0);
  await cycle(1); // code loaded and compiled, caches filled once
  const a = await snapshot();
  const loadsA = count('document loaded');
  for (let n = 0; n < CYCLES; n++) await cycle(n + 2);
  const b = await snapshot();
  const loads = count('document loaded') - loadsA;
  const [ha, hb] = [summarise(a), summarise(b)];
  console.log(
    `Heap with every document unloaded: ${(ha.total / 1e6).toFixed(2)} MB after 2 cycles, ` +
      `${(hb.total / 1e6).toFixed(2)} MB after ${CYCLES} more (${loads} loads and unloads of ` +
      `${AGREEMENTS} agreements). What grew most (kB, count):`,
  );
  const keys = new Set([...ha.kinds.keys(), ...hb.kinds.keys()]);
  const grew = [...keys]
    .map((k) => {
      const [sa, na] = ha.kinds.get(k) ?? [0, 0];
      const [sb, nb] = hb.kinds.get(k) ?? [0, 0];
      return { k, bytes: sb - sa, n: nb - na };
    })
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, 12);
  for (const g of grew) {
    console.log(`${(g.bytes / 1e3).toFixed(1).padStart(9)} ${String(g.n).padStart(7)}  ${g.k}`);
  }
  console.log(`Snapshots (open in Chrome DevTools, Memory tab, to compare): ${a} ${b}`);
} finally {
  server.kill('SIGTERM');
}

/** Self size and count per kind of object (constructor name) in a V8 heap snapshot. */
function summarise(file: string): { total: number; kinds: Map<string, [number, number]> } {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const width = snap.snapshot.meta.node_fields.length;
  const types = snap.snapshot.meta.node_types[0];
  const kinds = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i]!]!;
    const size = snap.nodes[i + 3]!;
    total += size;
    const named = type === 'object' || type === 'closure' || type === 'native';
    const key = named ? `${type} ${snap.strings[snap.nodes[i + 1]!]!.slice(0, 50)}` : type;
    const e = kinds.get(key) ?? [0, 0];
    e[0] += size;
    e[1]++;
    kinds.set(key, e);
  }
  return { total, kinds };
}
