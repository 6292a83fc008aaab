import { seededRandom } from '@tavla/domain';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.js';
import { CloseCode } from '../sync/closeCodes.js';
import { addUser, storedDoc, synced, TestContext, until } from './harness.js';
import { awarenessMessage, frame, RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

const canonical = (map: Y.Map<unknown>) => JSON.stringify([...map.entries()].sort());

/** Valid frames to mutate: what a real client sends. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getMap('m').set('fuzz', 1);
  doc.getText('t').insert(0, 'abc');
  doc.getText('t').delete(1, 1);
  doc.getArray('a').insert(0, [1, 'x', { y: true }, new Uint8Array([1, 2])]);
  const msg = (type: number, sub: number | null, payload: Uint8Array) =>
    frame((e) => {
      encoding.writeVarUint(e, type);
      if (sub !== null) encoding.writeVarUint(e, sub);
      encoding.writeVarUint8Array(e, payload);
    });
  return [
    msg(0, 0, Y.encodeStateVector(doc)),
    msg(0, 1, Y.encodeStateAsUpdate(doc)),
    ...updates.map((u) => msg(0, 2, u)),
    awarenessMessage([{ clientId: 99, clock: 1, state: { openMeasureId: 'x' } }]),
    frame((e) => encoding.writeVarUint(e, 3)),
  ];
}

function mutate(rnd: () => number, input: Uint8Array): Uint8Array {
  const bytes = [...input];
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const op = Math.floor(rnd() * 5);
    const at = Math.floor(rnd() * (bytes.length + 1));
    if (op === 0 && bytes.length > 0) bytes[at % bytes.length] = Math.floor(rnd() * 256);
    else if (op === 1) bytes.splice(at, 0, Math.floor(rnd() * 256));
    else if (op === 2) bytes.splice(at, 1 + Math.floor(rnd() * 8));
    else if (op === 3) bytes.length = Math.floor(rnd() * bytes.length);
    else bytes.splice(at, 0, 0xff, 0xff, 0xff, 0xff, 0x7f);
  }
  return new Uint8Array(bytes);
}

function randomFrame(rnd: () => number, valid: Uint8Array[]): Uint8Array {
  const kind = Math.floor(rnd() * 6);
  const randomBytes = (n: number) => new Uint8Array(Array.from({ length: n }, () => rnd() * 256));
  switch (kind) {
    case 0:
      return randomBytes(Math.floor(rnd() * 64));
    case 1: // a known envelope with a random payload
      return frame((e) => {
        encoding.writeVarUint(e, Math.floor(rnd() * 5));
        encoding.writeVarUint(e, Math.floor(rnd() * 4));
        encoding.writeVarUint8Array(e, randomBytes(Math.floor(rnd() * 64)));
      });
    case 2: // awareness with garbage JSON or odd states
      return rnd() < 0.5
        ? frame((e) => {
            encoding.writeVarUint(e, 1);
            encoding.writeVarUint8Array(
              e,
              frame((i) => {
                encoding.writeVarUint(i, 1);
                encoding.writeVarUint(i, Math.floor(rnd() * 1000));
                encoding.writeVarUint(i, 1);
                encoding.writeVarString(i, '{"user": {"name": "x"');
              }),
            );
          })
        : awarenessMessage([
            { clientId: Math.floor(rnd() * 2 ** 31), clock: 1, state: [1, 2, 3] },
            { clientId: 7, clock: 2 ** 40, state: 'string' },
          ]);
    case 3: // a length prefix that lies
      return new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]);
    default:
      return mutate(rnd, valid[Math.floor(rnd() * valid.length)]!);
  }
}

// Seeds that once broke the server: their frames left pending structs that Yjs could read as
// V1 but not as the V2 it keeps them in, so the next compaction (and every sync step 2) threw.
const REGRESSIONS = [40, 47];

describe('fuzz', () => {
  it.each([
    ...REGRESSIONS.map((seed) => ({ seed, kind: 'regression' })),
    { seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000), kind: 'random' },
  ])(
    'random and mutated frames close only their own sockets; the server keeps serving ($kind seed $seed)',
    async ({ seed }) => {
      const rnd = seededRandom(seed); // replayable with FUZZ_SEED
      const errors: string[] = [];
      const log = createLogger({
        level: 'error',
        write: (line) => errors.push(line),
      });
      const dataDir = ctx.dir();
      const server = await ctx.start({ dataDir, log });
      const honestUser = addUser(server, 'fuzzed');
      const attacker = addUser(server, 'fuzzed');
      const viewerAttacker = addUser(server, 'fuzzed', 'viewer');
      const a = ctx.provider(server, 'fuzzed', honestUser);
      const b = ctx.provider(server, 'fuzzed', honestUser);
      await Promise.all([synced(a), synced(b)]);
      const valid = validFrames();
      const url = `${server.url.replace('http', 'ws')}/ws/fuzzed`;
      const codes = new Map<number, number>();
      const rounds = 60;
      for (let round = 0; round < rounds; round += 6) {
        // Six attackers at once, while the honest clients keep editing.
        // Editors and viewers: a viewer's frames take the drop path, which must hold too.
        const batch = Array.from({ length: 6 }, (_, i) =>
          RawPeer.connect(url, (i % 2 ? viewerAttacker : attacker).headers),
        );
        await Promise.all(batch.map((p) => p.opened));
        for (let k = 0; k < 8; k++) {
          for (const p of batch) p.send(randomFrame(rnd, valid));
          a.doc.getMap('honest').set(`a${round}-${k}`, k);
          b.doc.getMap('honest').set(`b${round}-${k}`, k);
          await new Promise((r) => setTimeout(r, 2));
        }
        await new Promise((r) => setTimeout(r, 20));
        for (const p of batch) {
          const code = p.closeCode ?? 0;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          p.close();
        }
      }
      const context = `FUZZ_SEED=${seed} close codes ${JSON.stringify([...codes])}`;
      // Every socket that was closed got a named code (0 = still open: its frames were valid).
      const named = new Set<number>([0, ...Object.values(CloseCode)]);
      for (const code of codes.keys()) expect(named.has(code), context).toBe(true);
      expect(codes.get(CloseCode.BAD_MESSAGE) ?? 0, context).toBeGreaterThan(0);
      // No bad input reached the catch-all.
      expect(
        errors.filter((e) => e.includes('message handling failed')),
        context,
      ).toEqual([]);

      // Honest clients converge with all their edits.
      const expected = (rounds / 6) * 8 * 2;
      await until(
        () =>
          a.doc.getMap('honest').size === expected &&
          canonical(a.doc.getMap('honest')) === canonical(b.doc.getMap('honest')),
        { message: `honest clients converge (${context})` },
      );
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);

      // What was stored can be read back after a restart.
      a.destroy();
      b.destroy();
      await server.shutdown();
      const again = await ctx.start({ dataDir });
      const fresh = ctx.provider(again, 'fuzzed', honestUser);
      await synced(fresh);
      expect(fresh.doc.getMap('honest').size, context).toBe(expected);
      expect((await storedDoc(again.storage, 'fuzzed')).getMap('honest').size).toBe(expected);
    },
  );
});
