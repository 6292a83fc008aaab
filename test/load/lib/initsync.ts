// Workload B (initial sync): an agreement with 5,000 measures is loaded into the server once
// (by a holder client that stays connected, so the document stays loaded), then fresh clients
// with empty docs connect one after the other; for each: time from sending sync step 1 (on
// open) until the server's sync step 2 has fully arrived, also from the start of the
// connection (upgrade + auth), and bytes received up to then.
import * as Y from 'yjs';
import { LightClient } from './client.js';
import { addMeasures } from './docs.js';
import { memory, sampleRss } from './proc.js';
import type { RunningServer } from './servers.js';

export interface InitSyncOptions {
  measures: number;
  fresh: number;
  /** Full state to push (reference); undefined = build it on the server's own state (Tavla). */
  state: Uint8Array | undefined;
}

export interface InitSyncResult {
  server: RunningServer['kind'];
  measuresInDoc: number;
  docBytes: number;
  loadMs: number;
  step2Ms: number[]; // step 1 sent -> step 2 received
  connectMs: number[]; // connect started -> step 2 received
  bytes: number; // received up to and including step 2 (median client)
  rssAfterLoadKb: number;
  peakRssKb: number;
  /** Highest RSS sampled (every 100 ms) while loading and serving (after start and login). */
  workloadPeakRssKb: number;
  /** RSS peak by phase: loading the document, serving the fresh clients, the cold load. */
  phasePeakKb: { load: number; fresh: number; cold?: number };
  /** Tavla only: first fresh client after the document was unloaded (loaded from storage). */
  coldStep2Ms?: number;
  coldConnectMs?: number;
  /** The full state, to load the same document into the next server. */
  state: Uint8Array;
  source: 'domain' | 'mimic' | 'given';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function freshClient(server: RunningServer, id: number, verify: boolean) {
  const c = new LightClient(id, {
    url: server.wsUrl,
    headers: server.headers,
    applyRemote: false,
  });
  try {
    await c.synced;
    const r = {
      step2Ms: c.step2At - c.step1SentAt,
      connectMs: c.step2At - c.connectStartedAt,
      bytes: c.step2Bytes,
      measures: verify ? c.doc.getMap('measures').size : -1,
    };
    return r;
  } finally {
    c.close();
    const end = performance.now() + 2000;
    while (!c.closed && performance.now() < end) await sleep(5);
  }
}

export async function runInitSync(
  server: RunningServer,
  o: InitSyncOptions,
): Promise<InitSyncResult> {
  const rss = sampleRss(server.pid, 100);
  const loadStart = performance.now();
  const holder = new LightClient(0, {
    url: server.wsUrl,
    headers: server.headers,
    initialState: o.state,
    applyRemote: true,
  });
  let source: InitSyncResult['source'] = 'given';
  try {
    await holder.synced;
    if (!o.state) {
      // Build the large agreement on top of the server's own (seeded) document; the holder's
      // doc sends every transaction as an update.
      const built = await addMeasures(holder.doc, o.measures);
      source = built.source;
      for (const chunk of built.chunks) holder.sendUpdate(chunk);
    }
    await holder.drained(60_000);
    await holder.barrier(60_000);
    const loadMs = performance.now() - loadStart;
    const state = Y.encodeStateAsUpdate(holder.doc);
    const measuresInDoc = holder.doc.getMap('measures').size;
    await sleep(500);
    const rssAfterLoadKb = memory(server.pid).rssKb;
    const loadPeak = rss.max();
    rss.reset();

    const step2Ms: number[] = [];
    const connectMs: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < o.fresh; i++) {
      const verify = i === 0 || i === o.fresh - 1;
      const r = await freshClient(server, i + 1, verify);
      if (verify && r.measures !== measuresInDoc) {
        throw new Error(
          `${server.kind}: fresh client got ${r.measures} measures, expected ${measuresInDoc}`,
        );
      }
      step2Ms.push(r.step2Ms);
      connectMs.push(r.connectMs);
      bytes.push(r.bytes);
      await sleep(100);
    }
    const result: InitSyncResult = {
      server: server.kind,
      measuresInDoc,
      docBytes: state.length,
      loadMs,
      step2Ms,
      connectMs,
      bytes: median(bytes),
      rssAfterLoadKb,
      peakRssKb: 0,
      workloadPeakRssKb: 0,
      state,
      source,
      phasePeakKb: { load: loadPeak, fresh: rss.max() },
    };
    if (server.kind === 'tavla') {
      // Cold: let the server store and unload the document, then sync a fresh client.
      rss.reset();
      holder.close();
      await sleep(2500);
      const r = await freshClient(server, 99, true);
      if (r.measures !== measuresInDoc) {
        throw new Error(`tavla (cold): fresh client got ${r.measures} measures`);
      }
      result.coldStep2Ms = r.step2Ms;
      result.phasePeakKb.cold = rss.max();
      result.coldConnectMs = r.connectMs;
    }
    result.peakRssKb = memory(server.pid).hwmKb;
    // Comparable across servers: loading and serving warm (the reference never unloads, so
    // the cold cycle, Tavla only, is reported apart in phasePeakKb.cold).
    result.workloadPeakRssKb = Math.max(result.phasePeakKb.load, result.phasePeakKb.fresh);
    rss.stop();
    return result;
  } finally {
    rss.stop();
    holder.terminate();
  }
}
