import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { type AwarenessIdentity, type AwarenessPeer, AwarenessRoom } from './awareness.js';

function update(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

const identity = (id: string): AwarenessIdentity => ({ id, name: id, organisation: null });
const peer = (id: string): AwarenessPeer & { payload?: Uint8Array } => ({
  identity: identity(id),
  clientIds: new Set(),
});

describe('AwarenessRoom tombstones', () => {
  it('keep who left, for a reconnect of the same user only', () => {
    const room = new AwarenessRoom(4);
    const first = peer('kari');
    room.apply(first, update([{ clientId: 7, clock: 1, state: { a: 1 } }]));
    expect(room.removePeer(first)).not.toBeNull();
    // Someone else cannot take the id; the same user, reconnecting, can.
    const other = peer('ola');
    expect(room.apply(other, update([{ clientId: 7, clock: 3, state: {} }])).broadcast).toBeNull();
    const again = peer('kari');
    expect(
      room.apply(again, update([{ clientId: 7, clock: 3, state: {} }])).broadcast,
    ).not.toBeNull();
    expect(again.clientIds.has(7)).toBe(true);
  });

  it('do not keep the departed connection itself in memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const room = new AwarenessRoom(4);
    let gone: (AwarenessPeer & { payload?: Uint8Array }) | null = peer('kari');
    // Stands in for a connection's socket and buffers.
    gone.payload = new Uint8Array(1024 * 1024);
    room.apply(gone, update([{ clientId: 9, clock: 1, state: { a: 1 } }]));
    room.removePeer(gone);
    const ref = new WeakRef(gone);
    gone = null;
    for (let i = 0; i < 5 && ref.deref(); i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc();
    }
    expect(ref.deref()).toBeUndefined();
    // The tombstone is still there: the id stays taken for others.
    expect(
      room.apply(peer('ola'), update([{ clientId: 9, clock: 5, state: {} }])).broadcast,
    ).toBeNull();
  });
});
