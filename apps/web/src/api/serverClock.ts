import { setClock } from '@tavla/domain';

/**
 * The server's clock, as well as this browser can tell it. Activity events carry the server's
 * times; a laptop whose clock is some minutes off (common on municipal laptops) would otherwise
 * count "Siden sist du var her" from the wrong moment (changes missed, or shown again) and say
 * "om 3 minutter" of a change just made. Wherever the client compares its "now" with a server
 * time, or records a time to compare with one later, it asks `serverClock.now()`.
 *
 * Responses that carry `serverTime` (GET /api/me, the activity log: docs/api.md) are samples: the
 * server read its clock somewhere between sending the request and getting the answer, so the
 * offset is taken at the midpoint of that round trip (as NTP and Cristian's algorithm do) and is
 * off by at most half of it. Of the last few samples the one with the shortest round trip
 * counts: a slow answer (a busy server, a train's network) says least about the moment it was
 * stamped. Only the last few, so that a clock set right while the page is open is followed.
 *
 * No sample yet (the first moments of a page, no network, an older server): the browser's own
 * clock, as before. A large offset is not refused: the server's clock is the one the events were
 * stamped with, whatever ours says, so it is the right one to compare them with.
 */
export class ServerClock {
  /** How many recent samples are kept to choose the best one from. */
  static readonly SAMPLES = 5;
  readonly #local: () => number;
  #samples: { offset: number; roundTrip: number }[] = [];
  #offset = 0;

  constructor(local: () => number = () => Date.now()) {
    this.#local = local;
  }

  /**
   * A server time read from a response: the request was sent at `sentAt` and its answer came at
   * `receivedAt`, both by this browser's clock (ms). Anything that is not a time is ignored.
   *
   * @example
   * const sentAt = Date.now(); const res = await fetch('/api/me'); const receivedAt = Date.now();
   * serverClock.observe((await res.json()).serverTime, sentAt, receivedAt);
   */
  observe(serverTime: unknown, sentAt: number, receivedAt: number): void {
    const server = typeof serverTime === 'string' ? Date.parse(serverTime) : Number.NaN;
    const roundTrip = receivedAt - sentAt;
    // A negative round trip: our clock was set back meanwhile; the sample says nothing.
    if (!Number.isFinite(server) || !Number.isFinite(roundTrip) || roundTrip < 0) return;
    this.#samples.push({ offset: server - (sentAt + roundTrip / 2), roundTrip });
    if (this.#samples.length > ServerClock.SAMPLES) this.#samples.shift();
    let best = this.#samples[0]!;
    for (const s of this.#samples) if (s.roundTrip < best.roundTrip) best = s;
    this.#offset = Math.round(best.offset);
  }

  /** How far the server's clock is ahead of this browser's (ms); 0 while unknown. */
  offset(): number {
    return this.#offset;
  }

  /** The server's time now, estimated (ms since the epoch); the browser's while unknown. */
  now = (): number => this.#local() + this.#offset;
}

/** The page's estimate, fed by every API response with a `serverTime` (api/client.ts). */
export const serverClock = new ServerClock();

/**
 * Makes the document's own clock (`@tavla/domain`'s `nowISO`: when a comment or a status update
 * was written, a measure created, changed or archived) this page's estimate of the server's,
 * so that a laptop whose clock is off does not date its edits wrong for everyone else. Called
 * once at start (main.tsx); returns a function that restores the previous clock.
 */
export function stampEditsWithServerClock(clock: ServerClock = serverClock): () => void {
  return setClock(() => new Date(clock.now()));
}
