import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from './protocol.js';

/** Who a connection is, as stamped into every awareness state it sends ([A5]). */
export interface AwarenessIdentity {
  id: string;
  name: string;
  organisation: { id: string; name: string; kind: string } | null;
}

/** What the awareness room needs to know about a connection. */
export interface AwarenessPeer {
  readonly identity: AwarenessIdentity;
  /** clientIDs this connection owns (first claimed ones, at most maxClientIdsPerConnection). */
  readonly clientIds: Set<number>;
}

interface Entry {
  clock: number;
  /** Stamped state as JSON, or null once removed. */
  json: string | null;
  owner: AwarenessPeer;
  updatedAt: number;
  /** The owner has left: a tombstone, reclaimable by the same user only (a reconnect). */
  departed: boolean;
}

/** What a tombstone keeps of its departed owner: who it was, not the connection itself. */
const NO_IDS: ReadonlySet<number> = new Set();
const departedOwner = (peer: AwarenessPeer): AwarenessPeer => ({
  identity: peer.identity,
  clientIds: NO_IDS as Set<number>,
});

/** A client's own presence state is larger than the limit ([L7]): the connection is closed. */
export class AwarenessStateTooLarge extends Error {}

/** States not renewed for this long are not sent to newcomers (y-protocols outdatedTimeout). */
const OUTDATED_MS = 30_000;
/** Tombstones of departed clientIDs are kept this long, so late echoes cannot claim them. */
const TOMBSTONE_MS = 5 * 60_000;

/**
 * Server side of y-protocols awareness for one document, without a Y.Doc-bound `Awareness`:
 * the server has no local state and must rewrite what clients send.
 *
 * - The `user` field of every state is overwritten with the sending connection's identity.
 * - A connection may only set states for clientIDs it owns. It owns a clientID when it is the
 *   first to send a non-null state for an id no one else owns (and never owned before), up to a
 *   small maximum. Entries for other ids are dropped silently: stock clients echo the states of
 *   others they received (y-websocket re-broadcasts every awareness change), so this is normal
 *   traffic, not an attack.
 * - The one exception: a departed connection's ids may be claimed by a connection of the same
 *   user. The stock provider keeps its clientID across reconnects; without this, a network blip
 *   made a person invisible to everyone until the tombstone expired (5 minutes).
 * - Only a client's own states are parsed and size-checked (`maxStateBytes`): the echoes are
 *   skipped unread. A stock client that joins a room echoes everyone's state in one message
 *   (~250 bytes a person), so a limit on the whole message would shut out the newcomers of
 *   large rooms.
 */
export class AwarenessRoom {
  readonly #entries = new Map<number, Entry>();
  readonly #maxIdsPerPeer: number;
  readonly #maxStateBytes: number;

  constructor(maxIdsPerPeer: number, maxStateBytes = Number.POSITIVE_INFINITY) {
    this.#maxIdsPerPeer = maxIdsPerPeer;
    this.#maxStateBytes = maxStateBytes;
  }

  get size(): number {
    let n = 0;
    for (const e of this.#entries.values()) if (e.json !== null) n++;
    return n;
  }

  /**
   * Applies a client's awareness update. Returns the accepted, stamped entries encoded as an
   * awareness update to broadcast (null when nothing was accepted), and what to answer the
   * sender alone (null mostly; see the reconnect case below).
   * Throws ProtocolError on a malformed payload, AwarenessStateTooLarge when one of the
   * sender's own states is over the limit (nothing is applied then).
   */
  apply(
    peer: AwarenessPeer,
    payload: Uint8Array,
    now = Date.now(),
  ): { broadcast: Uint8Array | null; reply: Uint8Array | null } {
    const parsed: { clientId: number; clock: number; state: unknown }[] = [];
    try {
      const d = decoding.createDecoder(payload);
      const len = decoding.readVarUint(d);
      // Each entry takes at least 3 bytes: a count larger than the payload is a lie.
      if (len > payload.length) throw new ProtocolError('awareness entry count exceeds payload');
      for (let i = 0; i < len; i++) {
        const clientId = decoding.readVarUint(d);
        const clock = decoding.readVarUint(d);
        const json = decoding.readVarString(d);
        // Someone else's state (an echo) is never applied: skip it unread.
        if (!this.#mayWrite(peer, clientId)) continue;
        if (json.length > this.#maxStateBytes) {
          throw new AwarenessStateTooLarge(
            `awareness state of ${json.length} characters (at most ${this.#maxStateBytes})`,
          );
        }
        parsed.push({ clientId, clock, state: JSON.parse(json) });
      }
    } catch (err) {
      throw err instanceof ProtocolError || err instanceof AwarenessStateTooLarge
        ? err
        : new ProtocolError(`malformed awareness update: ${(err as Error).message}`);
    }
    const out: { clientId: number; clock: number; json: string }[] = [];
    const reply: { clientId: number; clock: number; json: string }[] = [];
    for (const { clientId, clock, state } of parsed) {
      const entry = this.#entries.get(clientId);
      if (!peer.clientIds.has(clientId)) {
        const free =
          entry === undefined || (entry.departed && entry.owner.identity.id === peer.identity.id);
        const claimable = free && state !== null && peer.clientIds.size < this.#maxIdsPerPeer;
        if (!claimable) continue;
        peer.clientIds.add(clientId);
        if (entry) {
          entry.owner = peer;
          entry.departed = false;
        }
      }
      const current = entry?.clock ?? 0;
      // Same acceptance rule as y-protocols' applyAwarenessUpdate.
      const newer = current < clock || (current === clock && state === null && entry?.json);
      if (entry && !newer) {
        // A reconnecting stock client announces itself with the clock it had, which the removal
        // of its departed state has passed: everyone would ignore it until its next renewal.
        // Echo the removal to it alone: y-protocols then raises its clock past it and resends.
        if (entry.json === null && state !== null) {
          reply.push({ clientId, clock: entry.clock, json: 'null' });
        }
        continue;
      }
      const json = state === null ? null : stamp(state, peer.identity);
      this.#entries.set(clientId, { clock, json, owner: peer, updatedAt: now, departed: false });
      out.push({ clientId, clock, json: json ?? 'null' });
    }
    return {
      broadcast: out.length > 0 ? encodeEntries(out) : null,
      reply: reply.length > 0 ? encodeEntries(reply) : null,
    };
  }

  /** Whether `peer` owns `clientId` or may claim it (the checks in `apply` decide which). */
  #mayWrite(peer: AwarenessPeer, clientId: number): boolean {
    if (peer.clientIds.has(clientId)) return true;
    const entry = this.#entries.get(clientId);
    return entry === undefined || (entry.departed && entry.owner.identity.id === peer.identity.id);
  }

  /** All live states, for a newcomer; null when there are none. */
  encodeAll(now = Date.now()): Uint8Array | null {
    const out: { clientId: number; clock: number; json: string }[] = [];
    for (const [clientId, e] of this.#entries) {
      if (e.json !== null && now - e.updatedAt < OUTDATED_MS) {
        out.push({ clientId, clock: e.clock, json: e.json });
      }
    }
    return out.length > 0 ? encodeEntries(out) : null;
  }

  /**
   * Removes the states of a departing connection. Returns the removal update for the others,
   * or null. The entries stay as tombstones, so the ids can never be claimed by someone else.
   */
  removePeer(peer: AwarenessPeer, now = Date.now()): Uint8Array | null {
    const out: { clientId: number; clock: number; json: string }[] = [];
    for (const clientId of peer.clientIds) {
      const e = this.#entries.get(clientId);
      if (!e || e.owner !== peer) continue;
      // Tombstones live for minutes and a busy room has hundreds: holding the connection
      // (socket, buffers, logger) that long would keep all of it in memory.
      e.owner = departedOwner(peer);
      e.departed = true;
      if (e.json === null) continue;
      e.clock += 1;
      e.json = null;
      e.updatedAt = now;
      out.push({ clientId, clock: e.clock, json: 'null' });
    }
    for (const [clientId, e] of this.#entries) {
      if (e.json === null && now - e.updatedAt > TOMBSTONE_MS) this.#entries.delete(clientId);
    }
    return out.length > 0 ? encodeEntries(out) : null;
  }
}

function stamp(state: unknown, identity: AwarenessIdentity): string {
  const base =
    typeof state === 'object' && state !== null && !Array.isArray(state)
      ? (state as Record<string, unknown>)
      : {};
  return JSON.stringify({ ...base, user: identity });
}

function encodeEntries(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}
