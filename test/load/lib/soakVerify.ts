// The soak bench's check that nothing was lost: a fresh client (empty Y.Doc) syncs an agreement
// from the server, and its document must hold everything in the ledger's `truth` (the union of
// every session's document, lib/soakWorkload.ts): every word typed, every moved card in the
// column the fully merged document has, and, struct by struct, every insert and delete any
// client made.
import { readMeasure } from '@tavla/domain';
import * as Y from 'yjs';
import { LightClient } from './client.js';
import type { Ledger } from './soakWorkload.js';

export interface AgreementCheck {
  agreementId: string;
  /** Words typed by some client that the server's document does not contain. */
  missingWords: string[];
  /** Moved measures whose column (or rank) differs from the merged clients' document. */
  wrongMoves: { measureId: string; expected: string; got: string }[];
  /** Items (characters, map entries) created by clients that the server lacks. */
  missingItems: number;
  /** Applying the clients' union to the server's state changes it (inserts or deletes missing). */
  lacksClientState: boolean;
  /** The server's state holds changes no client made (server-side writes: informative). */
  hasOtherState: boolean;
  words: number;
  moved: number;
  stateBytes: number;
  measures: number;
  error?: string;
}

/** What a client's sync step 2 gives a newcomer: the server's whole document. */
export async function fetchState(
  wsUrl: string,
  headers: Record<string, string>,
): Promise<Uint8Array> {
  const client = new LightClient(0, { url: wsUrl, headers });
  try {
    await client.synced;
    return Y.encodeStateAsUpdate(client.doc);
  } finally {
    client.close();
  }
}

function changes(base: Uint8Array, extra: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  let changed = false;
  doc.on('update', () => {
    changed = true;
  });
  Y.applyUpdate(doc, extra);
  return changed;
}

/** Compares the server's state of one agreement with the ledger. */
export function compareWithLedger(ledger: Ledger, serverState: Uint8Array): AgreementCheck {
  const server = new Y.Doc();
  Y.applyUpdate(server, serverState);
  const truthState = Y.encodeStateAsUpdate(ledger.truth);
  const missingWords: string[] = [];
  for (const [marker, where] of ledger.markers) {
    let text = '';
    try {
      const m = server.getMap<Y.Map<unknown>>('measures').get(where.measureId);
      const t = m?.get(where.field);
      text = t instanceof Y.Text ? t.toString() : '';
    } catch {
      // no such measure: the word is missing
    }
    if (!text.includes(marker)) missingWords.push(`${marker} (${where.measureId}.${where.field})`);
  }
  const wrongMoves: AgreementCheck['wrongMoves'] = [];
  for (const id of ledger.moved) {
    const want = readMeasure(ledger.truth, id);
    const got = readMeasure(server, id);
    const w = want ? `${want.columnId}@${want.rank}` : 'absent';
    const g = got ? `${got.columnId}@${got.rank}` : 'absent';
    if (w !== g) wrongMoves.push({ measureId: id, expected: w, got: g });
  }
  const have = Y.decodeStateVector(Y.encodeStateVector(server));
  let missingItems = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(ledger.truth))) {
    missingItems += Math.max(0, clock - (have.get(client) ?? 0));
  }
  return {
    agreementId: ledger.agreementId,
    missingWords,
    wrongMoves,
    missingItems,
    lacksClientState: changes(serverState, truthState),
    hasOtherState: changes(truthState, serverState),
    words: ledger.markers.size,
    moved: ledger.moved.size,
    stateBytes: serverState.byteLength,
    measures: server.getMap('measures').size,
  };
}

/** Syncs every agreement afresh from the server and compares each with its ledger. */
export async function verifyAll(
  wsBase: string,
  headers: Record<string, string>,
  ledgers: Ledger[],
): Promise<AgreementCheck[]> {
  const out: AgreementCheck[] = [];
  for (const ledger of ledgers) {
    try {
      const state = await fetchState(`${wsBase}/${ledger.agreementId}`, headers);
      out.push(compareWithLedger(ledger, state));
    } catch (e) {
      out.push({
        agreementId: ledger.agreementId,
        missingWords: [],
        wrongMoves: [],
        missingItems: 0,
        lacksClientState: true,
        hasOtherState: false,
        words: ledger.markers.size,
        moved: ledger.moved.size,
        stateBytes: 0,
        measures: 0,
        error: String(e),
      });
    }
  }
  return out;
}

/** Lost edits of one check: words, moves, and (beyond those) client items the server lacks. */
export function lostCount(c: AgreementCheck): number {
  return c.missingWords.length + c.wrongMoves.length + (c.error ? 1 : 0);
}

/** One line per problem, for the report; empty when nothing was lost. */
export function lossLines(checks: AgreementCheck[]): string[] {
  const lines: string[] = [];
  for (const c of checks) {
    if (c.error) lines.push(`${c.agreementId}: could not sync: ${c.error}`);
    if (c.missingWords.length) {
      lines.push(
        `${c.agreementId}: ${c.missingWords.length} of ${c.words} words missing: ${c.missingWords.slice(0, 30).join(', ')}${c.missingWords.length > 30 ? ' …' : ''}`,
      );
    }
    for (const w of c.wrongMoves.slice(0, 30)) {
      lines.push(
        `${c.agreementId}: measure ${w.measureId} expected ${w.expected}, server has ${w.got}`,
      );
    }
    if (c.missingItems > 0 || c.lacksClientState) {
      lines.push(
        `${c.agreementId}: the server's document lacks client state (${c.missingItems} items behind the clients' state vector${c.lacksClientState ? '; applying the clients’ union changes it' : ''})`,
      );
    }
  }
  return lines;
}

/** True when nothing any client did is missing. */
export function nothingLost(checks: AgreementCheck[]): boolean {
  return checks.every((c) => lostCount(c) === 0 && c.missingItems === 0 && !c.lacksClientState);
}
