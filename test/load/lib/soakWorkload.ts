// The soak bench's people (test/load/soak.ts): a steady number of seats, each seating one
// person after another. A person opens a random agreement (some far busier than others, so that
// quiet agreements are left empty, unloaded and loaded again all the time), types at human speed
// into measure titles and descriptions through @tavla/domain (as the web's text binding does:
// Y.Text insert and stampTyping in one transaction), now and then moves or creates a measure,
// and leaves after a while. Some lose the connection mid-word (socket terminated, a train in a
// tunnel), keep typing offline and reconnect with the same Y.Doc. Everything a person typed or
// moved is written into the agreement's ledger, and each person's whole Y.Doc is merged into
// the ledger's `truth` when they leave: the union of everything any client did, which the
// server's copy must contain (lib/soakVerify.ts).
import {
  createMeasure,
  listColumns,
  listFocusAreas,
  listMeasures,
  measureText,
  moveMeasure,
  seededRandom,
  stampTyping,
} from '@tavla/domain';
import * as Y from 'yjs';
import { LightClient } from './client.js';

export interface Ledger {
  agreementId: string;
  /** Popularity: a session picks an agreement with probability weight / total. */
  weight: number;
  /** The agreement as set up, then with every session's document merged in as it ends. */
  truth: Y.Doc;
  /** Every word typed: marker -> where it went. */
  markers: Map<string, { measureId: string; field: 'title' | 'description' }>;
  /** Measures someone moved (their final column is compared with `truth`'s). */
  moved: Set<string>;
  /** Sessions on this agreement right now. */
  present: number;
}

export interface Counters {
  sessions: number;
  keystrokes: number;
  typos: number;
  words: number;
  moves: number;
  creates: number;
  /** Sockets terminated mid-word by the bench (the person then types offline). */
  dropped: number;
  reconnects: number;
  offlineKeystrokes: number;
  cleanCloses: number;
  /** Sessions that ended with terminate() (after a barrier: nothing unsent). */
  abruptEnds: number;
  /** Connections that did not get sync step 2 in time (the person retries). */
  syncFailures: number;
  /** Sockets the server closed by itself, by close code. */
  serverCloses: Record<string, number>;
  errors: string[];
}

export interface WorkloadOptions {
  /** ws://host:port/ws — the agreement id is appended. */
  wsBase: string;
  headers: Record<string, string>;
  ledgers: Ledger[];
  seats: number;
  /** Marker prefix, unique per run and server. */
  tag: string;
  seed: number;
}

/** Timings of a person, in ms. Typing ~4 characters/s in bursts, a word every few seconds. */
const KEY_MS: [number, number] = [100, 350];
const PAUSE_MS: [number, number] = [1000, 6000];
const SESSION_MS: [number, number] = [8000, 60_000];
const BETWEEN_SESSIONS_MS: [number, number] = [200, 3000];
const OFFLINE_MS: [number, number] = [2000, 10_000];
/** Share of sessions that lose their connection once, mid-word. */
const P_DROP = 0.3;
const P_MOVE = 0.12;
const P_CREATE = 0.02;
const P_TYPO = 0.1;
/** Share of sessions that end with terminate() after a barrier instead of a close frame. */
const P_ABRUPT_END = 0.3;
/** Texts are kept below these lengths (the domain's limits are 200 and 20,000). */
const TITLE_MAX = 120;
const DESCRIPTION_MAX = 3000;

interface Session {
  n: number;
  ledger: Ledger;
  doc: Y.Doc;
  client: LightClient | null;
  /** When the person is back from the tunnel (0 = online). */
  offlineUntil: number;
  words: number;
}

export class Workload {
  readonly counters: Counters = {
    sessions: 0,
    keystrokes: 0,
    typos: 0,
    words: 0,
    moves: 0,
    creates: 0,
    dropped: 0,
    reconnects: 0,
    offlineKeystrokes: 0,
    cleanCloses: 0,
    abruptEnds: 0,
    syncFailures: 0,
    serverCloses: {},
    errors: [],
  };
  private readonly rand: () => number;
  private stopping = false;
  private wake: () => void = () => {};
  private readonly stopped = new Promise<void>((r) => {
    this.wake = r;
  });
  private seats: Promise<void>[] = [];
  private sessionNo = 0;
  private live = new Set<Session>();

  constructor(private readonly o: WorkloadOptions) {
    this.rand = seededRandom(o.seed);
  }

  /** People connected right now. */
  connected(): number {
    let n = 0;
    for (const s of this.live) if (s.client && !s.client.closed && s.offlineUntil === 0) n++;
    return n;
  }

  start(): void {
    for (let i = 0; i < this.o.seats; i++) this.seats.push(this.seat(i));
  }

  /**
   * Lets everyone finish: each person completes the word being typed, reconnects if offline,
   * and leaves. Resolves when all have left, or after `timeoutMs` (then returns how many had not).
   */
  async stop(timeoutMs = 60_000): Promise<number> {
    this.stopping = true;
    this.wake();
    let left = this.seats.length;
    const all = Promise.all(this.seats.map((p) => p.finally(() => left--)));
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs))]);
    return left;
  }

  private between(range: [number, number]): number {
    return range[0] + this.rand() * (range[1] - range[0]);
  }

  /** Sleeps `ms`, or less when the workload is being stopped. */
  private nap(ms: number): Promise<void> {
    return Promise.race([new Promise<void>((r) => setTimeout(r, ms)), this.stopped]);
  }

  private async seat(i: number): Promise<void> {
    // Stagger the first sessions over a few seconds, as people arrive.
    await this.nap(i * 150);
    while (!this.stopping) {
      try {
        await this.session();
      } catch (e) {
        this.error(`session failed: ${e}`);
      }
      await this.nap(this.between(BETWEEN_SESSIONS_MS));
    }
  }

  private pickAgreement(): Ledger {
    const total = this.o.ledgers.reduce((t, l) => t + l.weight, 0);
    let x = this.rand() * total;
    for (const l of this.o.ledgers) {
      x -= l.weight;
      if (x < 0) return l;
    }
    return this.o.ledgers[this.o.ledgers.length - 1]!;
  }

  private error(msg: string) {
    if (this.counters.errors.length < 20) this.counters.errors.push(msg);
  }

  /** Opens a socket for the session's doc and waits for sync step 2; retries a few times. */
  private async connect(s: Session): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const client = new LightClient(s.n, {
        url: `${this.o.wsBase}/${s.ledger.agreementId}`,
        headers: this.o.headers,
        doc: s.doc,
      });
      try {
        await client.synced;
        s.client = client;
        s.offlineUntil = 0;
        return true;
      } catch (e) {
        this.counters.syncFailures++;
        if (client.closed && client.closeCode !== 1006) this.serverClosed(client.closeCode);
        this.error(`session ${s.n} (${s.ledger.agreementId}): ${e}`);
        client.terminate();
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    return false;
  }

  private serverClosed(code: number) {
    this.counters.serverCloses[code] = (this.counters.serverCloses[code] ?? 0) + 1;
  }

  private async session(): Promise<void> {
    const ledger = this.pickAgreement();
    const s: Session = {
      n: ++this.sessionNo,
      ledger,
      doc: new Y.Doc(),
      client: null,
      offlineUntil: 0,
      words: 0,
    };
    this.counters.sessions++;
    ledger.present++;
    this.live.add(s);
    try {
      if (!(await this.connect(s))) return;
      const started = performance.now();
      const lifetime = Math.exp(
        Math.log(SESSION_MS[0]) + this.rand() * Math.log(SESSION_MS[1] / SESSION_MS[0]),
      );
      const dropAt =
        this.rand() < P_DROP ? started + this.rand() * lifetime : Number.POSITIVE_INFINITY;
      let dropPending = dropAt !== Number.POSITIVE_INFINITY;
      while (!this.stopping && performance.now() - started < lifetime) {
        const x = this.rand();
        if (x < P_MOVE) await this.step(s, () => this.move(s));
        else if (x < P_MOVE + P_CREATE) await this.step(s, () => this.create(s));
        else {
          await this.typeWord(s, () => {
            // The tunnel: the socket goes mid-word, the person keeps typing.
            if (!dropPending || performance.now() < dropAt) return;
            dropPending = false;
            this.counters.dropped++;
            s.client?.terminate();
            s.offlineUntil = performance.now() + this.between(OFFLINE_MS);
          });
        }
        await this.nap(this.between(PAUSE_MS));
      }
      // Back online before leaving: the offline edits must reach the server.
      while (s.offlineUntil !== 0 || !s.client || s.client.closed) {
        if (!(await this.reconnect(s))) return;
      }
      const client = s.client;
      if (this.rand() < P_ABRUPT_END) {
        await client.barrier();
        client.terminate();
        this.counters.abruptEnds++;
      } else {
        client.close();
        this.counters.cleanCloses++;
      }
    } finally {
      // Everything this person's doc holds (own edits, and what it received) joins the truth.
      Y.applyUpdate(ledger.truth, Y.encodeStateAsUpdate(s.doc, Y.encodeStateVector(ledger.truth)));
      ledger.present--;
      this.live.delete(s);
    }
  }

  private async reconnect(s: Session): Promise<boolean> {
    const wait = s.offlineUntil - performance.now();
    if (wait > 0 && !this.stopping) await this.nap(wait);
    this.counters.reconnects++;
    const ok = await this.connect(s);
    if (!ok) this.error(`session ${s.n}: could not reconnect; its offline edits are not sent`);
    return ok;
  }

  /**
   * One local transaction on the session's doc: sent at once when connected, kept in the doc
   * when offline. Reconnects first when the person is back from the tunnel, or when the
   * server closed the socket (as y-websocket's provider would).
   */
  private async step(s: Session, fn: () => void): Promise<void> {
    if (s.client?.closed && s.offlineUntil === 0) {
      if (s.client.closeCode !== 1006) this.serverClosed(s.client.closeCode);
      else this.error(`session ${s.n}: connection lost (1006)`);
      s.offlineUntil = performance.now() + 1000;
    }
    if (s.offlineUntil !== 0 && performance.now() >= s.offlineUntil) await this.reconnect(s);
    const online = s.client && !s.client.closed && s.offlineUntil === 0;
    if (online) s.client!.edit(fn);
    else {
      s.doc.transact(fn);
      this.counters.offlineKeystrokes++;
    }
  }

  /** Types one word `[tag.session.n] ` character by character at a word boundary. */
  private async typeWord(s: Session, maybeDrop: () => void): Promise<void> {
    const measures = listMeasures(s.doc);
    if (measures.length === 0) return;
    const m = measures[Math.floor(this.rand() * measures.length)]!;
    let field: 'title' | 'description' = this.rand() < 0.4 ? 'title' : 'description';
    if (field === 'title' && m.title.length >= TITLE_MAX) field = 'description';
    if (field === 'description' && m.description.length >= DESCRIPTION_MAX) {
      await this.step(s, () => this.create(s));
      return;
    }
    const text = measureText(s.doc, m.id, field);
    const str = text.toString();
    // Word boundaries only (start, or after a space): never inside someone's word.
    const bounds = [0];
    for (let i = 1; i <= str.length; i++) if (str[i - 1] === ' ') bounds.push(i);
    const at = bounds[Math.floor(this.rand() * bounds.length)]!;
    const marker = `[${this.o.tag}${s.n}.${++s.words}]`;
    s.ledger.markers.set(marker, { measureId: m.id, field });
    this.counters.words++;
    // The cursor sticks to the character on its left (our last one), whatever others insert.
    let cursor = Y.createRelativePositionFromTypeIndex(text, at, -1);
    const typoAt = this.rand() < P_TYPO ? Math.floor(this.rand() * marker.length) : -1;
    const keys = [...marker, ' '];
    for (let k = 0; k < keys.length; k++) {
      const typo = k === typoAt;
      for (const ch of typo ? ['q', '\b', keys[k]!] : [keys[k]!]) {
        await this.step(s, () => {
          const pos = Y.createAbsolutePositionFromRelativePosition(cursor, s.doc)?.index ?? 0;
          if (ch === '\b') {
            text.delete(pos - 1, 1);
            cursor = Y.createRelativePositionFromTypeIndex(text, pos - 1, -1);
          } else {
            text.insert(pos, ch);
            cursor = Y.createRelativePositionFromTypeIndex(text, pos + 1, -1);
          }
          stampTyping(s.doc, m.id);
        });
        this.counters.keystrokes++;
        if (ch === '\b') this.counters.typos++;
        maybeDrop();
        // A word is finished even when stopping: the ledger expects it whole.
        await new Promise((r) => setTimeout(r, this.between(KEY_MS)));
      }
    }
  }

  private move(s: Session) {
    const measures = listMeasures(s.doc);
    const columns = listColumns(s.doc);
    if (measures.length === 0 || columns.length === 0) return;
    const m = measures[Math.floor(this.rand() * measures.length)]!;
    const col = columns[Math.floor(this.rand() * columns.length)]!;
    moveMeasure(s.doc, m.id, { columnId: col.id, index: Math.floor(this.rand() * 4) });
    s.ledger.moved.add(m.id);
    this.counters.moves++;
  }

  private create(s: Session) {
    const areas = listFocusAreas(s.doc);
    const columns = listColumns(s.doc);
    if (areas.length === 0 || columns.length === 0) return;
    const marker = `[${this.o.tag}${s.n}.${++s.words}]`;
    const id = createMeasure(s.doc, {
      focusAreaId: areas[Math.floor(this.rand() * areas.length)]!.id,
      columnId: columns[Math.floor(this.rand() * columns.length)]!.id,
      title: `Nytt tiltak ${marker}`,
    });
    s.ledger.markers.set(marker, { measureId: id, field: 'title' });
    this.counters.creates++;
  }
}
