import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type WatchedProvider, watchSilentSocket } from './silentSocket';

/** The provider's fields the watchdog reads, and a socket that records what was sent. */
function fakeProvider() {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const sent: Uint8Array[] = [];
  const ws = { readyState: WebSocket.OPEN, send: (d: Uint8Array) => sent.push(d) };
  const provider = {
    ws: ws as unknown as WebSocket,
    wsconnected: true as boolean,
    synced: true as boolean,
    wsLastMessageReceived: Date.now(),
    awareness,
    doc,
  } satisfies WatchedProvider;
  /** A message from the server arrives now. */
  const hear = () => {
    provider.wsLastMessageReceived = Date.now();
  };
  return { provider, sent, hear, awareness };
}

let stop: () => void = () => undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('watchSilentSocket', () => {
  it('sends nothing while messages keep coming', () => {
    const { provider, sent, hear } = fakeProvider();
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(6_000);
      hear();
    }
    expect(sent).toEqual([]);
    expect(dead).not.toHaveBeenCalled();
  });

  it('counts an answer that comes in the same millisecond as the message before the question', () => {
    const { provider, sent } = fakeProvider();
    let heard = 0;
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead, { heard: () => heard });
    vi.advanceTimersByTime(10_100);
    expect(sent).toHaveLength(1);
    // The answer arrives, but wsLastMessageReceived reads as before (one millisecond apart at
    // most, or a clock that did not move): only the count says something came.
    heard++;
    vi.advanceTimersByTime(5_000);
    expect(dead).not.toHaveBeenCalled();
  });

  it('asks the server once after 10 s of quiet, and is content with any answer', () => {
    const { provider, sent, hear } = fakeProvider();
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(9_900);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(200);
    // y-websocket's "query awareness": one byte.
    expect(sent).toEqual([new Uint8Array([3])]);
    vi.advanceTimersByTime(300);
    hear();
    vi.advanceTimersByTime(9_000);
    expect(dead).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
  });

  it('never gives up an idle connection whose server answers (no reconnect loop)', () => {
    const { provider, sent, hear } = fakeProvider();
    const ws = provider.ws as unknown as { send: (d: Uint8Array) => void };
    ws.send = (d) => {
      sent.push(d);
      setTimeout(hear, 80);
    };
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(10 * 60_000);
    expect(dead).not.toHaveBeenCalled();
    // One question per quiet spell of 10 s, no more.
    expect(sent.length).toBeGreaterThan(50);
    expect(sent.length).toBeLessThanOrEqual(60);
  });

  it('gives the socket up when nothing arrives within 4 s of the question', () => {
    const { provider, sent } = fakeProvider();
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(10_100);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(3_800);
    expect(dead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(dead).toHaveBeenCalledTimes(1);
  });

  it('asks with a sync step 1 while our presence is hidden (the room may have none to send)', () => {
    const { provider, sent, awareness } = fakeProvider();
    awareness.setLocalState(null);
    stop = watchSilentSocket(provider, vi.fn());
    vi.advanceTimersByTime(10_100);
    expect(sent).toHaveLength(1);
    expect([...sent[0]!.slice(0, 2)]).toEqual([0, 0]); // messageSync, syncStep1
  });

  it('leaves a connection alone until its first sync (the server may still be loading)', () => {
    const { provider, sent } = fakeProvider();
    provider.synced = false;
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
    expect(dead).not.toHaveBeenCalled();
  });

  it('forgets a question asked on a socket that has since been replaced', () => {
    const { provider, sent, hear } = fakeProvider();
    const dead = vi.fn();
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(10_100);
    expect(sent).toHaveLength(1);
    // The provider reconnected on its own meanwhile; the new socket has just been heard from.
    provider.ws = { readyState: WebSocket.OPEN, send: () => undefined } as unknown as WebSocket;
    hear();
    vi.advanceTimersByTime(5_000);
    expect(dead).not.toHaveBeenCalled();
  });

  it('stops', () => {
    const { provider, sent } = fakeProvider();
    const dead = vi.fn();
    watchSilentSocket(provider, dead)();
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
    expect(dead).not.toHaveBeenCalled();
  });

  it('gives up an attempt to connect that hangs, and makes no fuss about one that opens', () => {
    const { provider } = fakeProvider();
    const dead = vi.fn();
    const hanging = { readyState: WebSocket.CONNECTING as number, send: vi.fn() };
    provider.ws = hanging as unknown as WebSocket;
    provider.wsconnected = false;
    stop = watchSilentSocket(provider, dead);
    vi.advanceTimersByTime(14_000);
    expect(dead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2_000);
    expect(dead).toHaveBeenCalledTimes(1);
    expect(hanging.send).not.toHaveBeenCalled();

    // The next attempt (a new socket) opens after 3 s: nothing more happens.
    const next = { readyState: WebSocket.CONNECTING as number, send: vi.fn() };
    provider.ws = next as unknown as WebSocket;
    vi.advanceTimersByTime(3_000);
    next.readyState = WebSocket.OPEN;
    provider.wsconnected = true;
    provider.wsLastMessageReceived = Date.now();
    vi.advanceTimersByTime(9_000); // open and heard from: the quiet watch takes over
    expect(dead).toHaveBeenCalledTimes(1);
  });
});
