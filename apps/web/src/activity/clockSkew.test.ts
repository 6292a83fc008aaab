// A laptop whose clock is 5 minutes ahead of the server's (common on municipal laptops): the
// activity log's times are the server's, so "Siden sist du var her" and "for 5 minutter siden"
// must count by the server's clock, as the browser learns it from /api/me (api/serverClock.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../admin/testing';
import { endpoints } from '../api/client';
import type { ActivityEvent } from './api';
import { visitTracker } from './lastVisit';
import { when } from './phrase';
import { changesSince } from './sinceLast';

const MIN = 60_000;
const SERVER_NOW = Date.parse('2026-11-20T12:00:00.000Z');
const AHEAD = 5 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const KEY = 'tavla.lastVisit:u-kari:tromsvekstavtalen';

/** Both clocks move on by `ms`. */
const wait = (ms: number) => vi.setSystemTime(Date.now() + ms);
const serverNow = () => Date.now() - AHEAD;

describe('with the browser’s clock 5 minutes ahead of the server’s', () => {
  beforeEach(async () => {
    localStorage.clear();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(SERVER_NOW + AHEAD);
    stubApi([
      {
        path: '/api/me',
        body: () => ({
          user: { id: 'u-kari', name: 'Kari Nordmann' },
          isInstanceAdmin: false,
          serverTime: iso(serverNow()),
        }),
      },
    ]);
    await endpoints.me();
  });
  afterEach(() => {
    visitTracker().leave();
    localStorage.clear();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says a change made a minute ago was made a minute ago, not 6 minutes ago', () => {
    expect(when(iso(SERVER_NOW - MIN), 'nb').relative).toBe('for 1 minutt siden');
    expect(when(iso(SERVER_NOW - 10 * MIN), 'en').relative).toBe('10 minutes ago');
  });

  it('counts "since last visit" from when Kari left by the server’s clock', () => {
    const tracker = visitTracker();
    tracker.enter('u-kari', 'tromsvekstavtalen');
    wait(10 * MIN);
    tracker.leave();
    const left = serverNow();
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').seenAt).toBe(iso(left));

    // Two minutes after she left, Ola comments (the server stamps it); an hour later she is back.
    const event: ActivityEvent = {
      id: 'd1',
      at: iso(left + 2 * MIN),
      actor: { id: 'u-ola', name: 'Ola Hansen' },
      kind: 'comment.added',
      measureId: 'm-1',
      summary: { title: 'Tiltak' },
    };
    const before: ActivityEvent = { ...event, id: 'd0', at: iso(left - 2 * MIN) };
    wait(60 * MIN);
    tracker.enter('u-kari', 'tromsvekstavtalen');
    const previous = tracker.get()?.previous ?? '';
    expect(previous).toBe(iso(left));
    const changes = changesSince([event, before], previous, 'u-kari');
    expect(changes.map((c) => c.events.map((e) => e.id))).toEqual([['d1']]);
  });
});
