// Workload A (fan-out): N clients on one agreement, a steady stream of small edits totalling
// `rate` edits/s across clients (round robin). Each edit appends a marker with its global
// index and send time to a measure title (Y.Text insert, a real Yjs update from the sender's
// own Y.Doc). Every receiving client scans incoming updates for markers: latency = receive
// time - send time (same process, same clock), delivery = distinct (edit, receiver) pairs.
import { LightClient } from './client.js';
import { editTarget, measureTitleTargets } from './docs.js';
import { cpuWindow, machineBusySeconds, memory, sampleRss } from './proc.js';
import type { RunningServer } from './servers.js';

export interface FanoutOptions {
  clients: number;
  rate: number;
  warmupSeconds: number;
  measureSeconds: number;
  /** Initial state for the first client to push (reference) or hold (relay). */
  baseState: Uint8Array | undefined;
  applyRemote: boolean;
  /** Started on the server's pid when the measured window starts, stopped when it ends. */
  sampler?: (pid: number) => { stop(): Promise<void> };
}

export interface FanoutResult {
  server: RunningServer['kind'];
  clients: number;
  edits: number;
  expected: number;
  delivered: number;
  /** Receipts of all edits including warm-up (for the record). */
  deliveredAll: number;
  expectedAll: number;
  p50: number;
  p99: number;
  max: number;
  serverCpu: number; // fraction of one core
  serverSystemCpu: number; // the kernel-side part of serverCpu
  generatorCpu: number; // fraction of one core
  /** CPU used by other processes on the machine during the window (cores). */
  othersCpu: number;
  /** VmHWM of the server process (fresh per point): includes its start and the login. */
  peakRssKb: number;
  /** Highest RSS sampled (every 100 ms) from connecting the clients to the end of the point. */
  workloadPeakRssKb: number;
  framesPerSecond: number; // frames received by all clients per second in the window
  wallSeconds: number;
  setupMs: number;
  /** Clients whose socket the server closed during the point, by close code. */
  closedByServer: Record<string, number>;
  /** The edits of the window with the highest worst-receiver latency (for finding stalls). */
  slowest: { edit: number; atSeconds: number; wallClock: string; worstMs: number }[];
}

const MARK = Buffer.from('[[b:');
const END = 0x5d; // ']'

/** Calls fn(editIndex, sentAt) for every marker `[[b:<g>:<t>]]` in `bytes`. */
function scanMarkers(bytes: Uint8Array, fn: (g: number, t: number) => void) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf(MARK);
  while (at !== -1) {
    const start = at + MARK.length;
    let end = start;
    while (end < buf.length && buf[end] !== END) end++;
    const [g, t] = buf.toString('latin1', start, end).split(':');
    fn(Number(g), Number(t));
    at = buf.indexOf(MARK, end);
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFanout(server: RunningServer, o: FanoutOptions): Promise<FanoutResult> {
  const rss = sampleRss(server.pid, 100);
  const setupStart = performance.now();
  const total = Math.round((o.warmupSeconds + o.measureSeconds) * o.rate);
  const firstInWindow = Math.round(o.warmupSeconds * o.rate);
  const sentAt = new Float64Array(total);
  const senderOf = new Int32Array(total).fill(-1);
  const recvCount = new Int32Array(total);
  const worst = new Float64Array(total);
  const seen: Uint8Array[] = [];
  const latencies: number[] = [];

  const onUpdate = (client: LightClient, update: Uint8Array, receivedAt: number) => {
    scanMarkers(update, (g, t) => {
      if (!(g >= 0 && g < total) || senderOf[g] === client.id) return; // own echo
      const mine = seen[client.id]!;
      if (mine[g]) return; // duplicate
      mine[g] = 1;
      recvCount[g]!++;
      if (g >= firstInWindow) {
        const ms = receivedAt - t;
        latencies.push(ms);
        if (ms > worst[g]!) worst[g] = ms;
      }
    });
  };

  const clients: LightClient[] = [];
  const open = (id: number, initialState: Uint8Array | undefined) => {
    seen[id] = new Uint8Array(total);
    const c = new LightClient(id, {
      url: server.wsUrl,
      headers: server.headers,
      initialState,
      applyRemote: o.applyRemote,
      onUpdate,
    });
    clients[id] = c;
    return c;
  };

  try {
    // Client 0 first: on Tavla it receives the seeded agreement; on the reference it pushes the
    // same seed (its answer to the server's sync step 1); on the relay it just holds it.
    const first = open(0, server.kind === 'tavla' ? undefined : o.baseState);
    await first.synced;
    await first.barrier();
    const { encodeStateAsUpdate } = await import('yjs');
    const state = encodeStateAsUpdate(first.doc);
    const targets = measureTitleTargets(first.doc);
    // The others start from the same state, so connecting costs a small sync only.
    for (let id = 1; id < o.clients; id += 25) {
      const batch: Promise<void>[] = [];
      for (let j = id; j < Math.min(o.clients, id + 25); j++) batch.push(open(j, state).synced);
      await Promise.all(batch);
    }
    await Promise.all(clients.map((c) => c.barrier()));
    await sleep(500);
    const setupMs = performance.now() - setupStart;

    let serverCpu: ReturnType<typeof cpuWindow> | undefined;
    let sampling: { stop(): Promise<void> } | undefined;
    let genCpu0: NodeJS.CpuUsage | undefined;
    let frames0 = 0;
    let machine0 = 0;
    const interval = 1000 / o.rate;
    const edit = (g: number) => {
      if (g === firstInWindow) {
        serverCpu = cpuWindow(server.pid);
        sampling = o.sampler?.(server.pid);
        genCpu0 = process.cpuUsage();
        machine0 = machineBusySeconds();
        frames0 = clients.reduce((s, c) => s + c.framesIn, 0);
      }
      const sender = clients[g % o.clients]!;
      const text = editTarget(sender.doc, targets, sender.id);
      const t = performance.now();
      sentAt[g] = t;
      senderOf[g] = sender.id;
      sender.edit(() => {
        text.insert(text.length, `[[b:${g}:${t.toFixed(3)}]]`);
      });
    };
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let sent = 0;
      const tick = () => {
        const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
        // Catch up after a late timer, but never in bursts of more than 10.
        for (let burst = 0; sent < due && burst < 10; burst++) edit(sent++);
        if (sent >= total) {
          resolve();
          return;
        }
        setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
      };
      tick();
    });
    await sleep(interval);
    const cpu = serverCpu!.stop();
    const gen = process.cpuUsage(genCpu0);
    const machine = machineBusySeconds() - machine0;
    const frames = clients.reduce((s, c) => s + c.framesIn, 0) - frames0;
    // After the window's figures: perf writing its file is no one's CPU in the window.
    await sampling?.stop();
    // Drain: wait (bounded) for late deliveries of the window's edits.
    const expectedPer = o.clients - 1;
    const drainEnd = performance.now() + 5000;
    while (performance.now() < drainEnd) {
      let missing = false;
      for (let g = firstInWindow; g < total; g++) {
        if (recvCount[g]! < expectedPer) {
          missing = true;
          break;
        }
      }
      if (!missing) break;
      await sleep(20);
    }
    let delivered = 0;
    let deliveredAll = 0;
    for (let g = 0; g < total; g++) {
      deliveredAll += recvCount[g]!;
      if (g >= firstInWindow) delivered += recvCount[g]!;
    }
    const sorted = Float64Array.from(latencies).sort();
    const slowest = [...worst.keys()]
      .filter((g) => g >= firstInWindow)
      .sort((x, y) => worst[y]! - worst[x]!)
      .slice(0, 10)
      .map((g) => ({
        edit: g,
        atSeconds: (sentAt[g]! - sentAt[firstInWindow]!) / 1000,
        wallClock: new Date(performance.timeOrigin + sentAt[g]!).toISOString().slice(11, 23),
        worstMs: worst[g]!,
      }));
    const closedByServer: Record<string, number> = {};
    for (const c of clients) {
      if (c.closed) closedByServer[c.closeCode] = (closedByServer[c.closeCode] ?? 0) + 1;
    }
    const mem = memory(server.pid);
    const windowMax = rss.stop();
    return {
      server: server.kind,
      clients: o.clients,
      edits: total - firstInWindow,
      expected: (total - firstInWindow) * expectedPer,
      delivered,
      deliveredAll,
      expectedAll: total * expectedPer,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
      serverCpu: cpu.seconds / cpu.wallSeconds,
      serverSystemCpu: cpu.systemSeconds / cpu.wallSeconds,
      generatorCpu: (gen.user + gen.system) / 1e6 / cpu.wallSeconds,
      othersCpu:
        Math.max(0, machine - cpu.seconds - (gen.user + gen.system) / 1e6) / cpu.wallSeconds,
      peakRssKb: mem.hwmKb,
      workloadPeakRssKb: windowMax,
      framesPerSecond: frames / cpu.wallSeconds,
      wallSeconds: cpu.wallSeconds,
      setupMs,
      closedByServer,
      slowest,
    };
  } finally {
    rss.stop();
    for (const c of clients) c?.terminate();
  }
}
