import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { queryAwarenessFrame, syncStep1Frame } from './frames';

/** Timings of the watchdog (`watchSilentSocket`). */
export interface SilentSocketTimings {
  /**
   * Quiet on a synced socket before we ask the server something. Default 10 s: y-protocols
   * renews each person's presence every 15 s and our server sends it to everyone, the sender
   * too ([A6] in docs/server-rules.md), so a healthy socket is rarely quiet this long, and a
   * busy room never. y-websocket itself waits 30 s (its fixed `messageReconnectTimeout`), and
   * for those 30 s a socket that died without closing (a train in a tunnel, a laptop that
   * changed network) said "Tilkoblet" while edits went nowhere.
   */
  quietMs: number;
  /**
   * Time for the answer before the socket counts as dead. Default 4 s: the answer is one frame
   * of presence (or a sync step 2) from memory; a connection slower than that to answer at all
   * is not one to promise "Tilkoblet" on.
   */
  answerMs: number;
  /**
   * Time for a new socket to open before the attempt is given up and made again. Default 15 s:
   * a TLS handshake and the upgrade take a few round trips, seconds on a weak mobile link. On a
   * network that died without the browser noticing, an attempt hangs until TCP gives up (minutes
   * in Chromium), and y-websocket makes no other attempt meanwhile: when the train left the
   * tunnel, the board stayed "Kobler til på nytt" until then.
   */
  connectMs: number;
}

export const SILENT_SOCKET_TIMINGS: SilentSocketTimings = {
  quietMs: 10_000,
  answerMs: 4_000,
  connectMs: 15_000,
};

/** How often the watchdog looks while there is no open socket (for an attempt that hangs). */
const CLOSED_POLL_MS = 1_000;

/** The provider's state the watchdog reads (all public fields of the stock WebsocketProvider). */
export type WatchedProvider = Pick<
  WebsocketProvider,
  'ws' | 'wsconnected' | 'synced' | 'wsLastMessageReceived' | 'awareness' | 'doc'
>;

/**
 * Finds a socket that went silent without closing, well before y-websocket's own 30 s: after
 * `quietMs` without a message on a synced connection it sends one cheap question that the
 * server always answers, and when nothing at all arrives within `answerMs` after it, calls
 * `dead` (the session then starts a fresh connection, so the indicator says what is true and
 * edits count as waiting). Any message counts as an answer, so while messages flow nothing is
 * sent, and a healthy idle connection costs one small question and answer per quiet spell.
 *
 * The question is y-websocket's "query awareness" (answered from memory with the room's live
 * presence, ours among it) while our presence is published; hidden (presence set to null, and
 * then perhaps nobody's is live), the server might have nothing to answer it with, so it is a
 * sync step 1 instead, which is always answered. Not before the first sync of a connection:
 * the server answers nothing until the document has loaded, which may take a while.
 *
 * An attempt to open a socket that has not opened after `connectMs` is given up the same way
 * (`dead`), so a network that comes back is used within seconds, not after TCP's timeout.
 *
 * Returns a function that stops the watchdog.
 *
 * @example const stop = watchSilentSocket(provider, () => restart(provider))
 */
export function watchSilentSocket(
  provider: WatchedProvider,
  dead: () => void,
  options: Partial<SilentSocketTimings> & {
    /**
     * A count of the messages received, if the caller keeps one: whether anything came after
     * the question is then a comparison of counts, not of `wsLastMessageReceived` (milliseconds,
     * the same for two messages within one millisecond).
     */
    heard?: () => number;
  } = {},
): () => void {
  const { quietMs, answerMs, connectMs } = { ...SILENT_SOCKET_TIMINGS, ...options };
  const heard = options.heard ?? (() => provider.wsLastMessageReceived);
  /** The question in flight: on which socket, and the last message heard before it. */
  let asked: { ws: WebSocket; heardBefore: number; at: number } | null = null;
  /** The socket being opened, and since when (as first seen by the watchdog). */
  let opening: { ws: WebSocket; since: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(tick, Math.max(ms, 50));
  };

  function tick(): void {
    const now = Date.now();
    const ws = provider.ws;
    if (ws && ws.readyState === WebSocket.CONNECTING) {
      asked = null;
      if (opening?.ws !== ws) opening = { ws, since: now };
      const waited = now - opening.since;
      if (waited < connectMs) {
        schedule(Math.min(connectMs - waited, CLOSED_POLL_MS));
        return;
      }
      opening = null;
      dead(); // a fresh attempt now, instead of one that may hang for minutes
      schedule(CLOSED_POLL_MS);
      return;
    }
    opening = null;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      asked = null;
      schedule(CLOSED_POLL_MS);
      return;
    }
    if (!provider.wsconnected || !provider.synced) {
      asked = null;
      schedule(quietMs);
      return;
    }
    if (asked && asked.ws === ws && heard() === asked.heardBefore) {
      const waited = now - asked.at;
      if (waited < answerMs) {
        schedule(answerMs - waited);
        return;
      }
      asked = null;
      dead();
      schedule(CLOSED_POLL_MS); // and watch the new attempt from its start
      return;
    }
    asked = null;
    const quiet = now - provider.wsLastMessageReceived;
    if (quiet < quietMs) {
      schedule(quietMs - quiet);
      return;
    }
    const hidden = provider.awareness.getLocalState() === null;
    try {
      ws.send(hidden ? syncStep1Frame(Y.encodeStateVector(provider.doc)) : queryAwarenessFrame());
    } catch {
      // A socket that throws on send is as good as dead: the answer will not come either.
    }
    asked = { ws, heardBefore: heard(), at: now };
    schedule(answerMs);
  }

  schedule(CLOSED_POLL_MS); // soon: the first socket may be opening (and hang) already
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
