import { afterEach, describe, expect, it } from 'vitest';
import { VISIT, VisitTracker } from './lastVisit';

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** One browser: shared storage and clock; each `tab()` a page load of its own. */
function browser() {
  const data = new Map<string, string>();
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
  const clock = { now: T0 };
  const tabs: VisitTracker[] = [];
  return {
    data,
    clock,
    tab(opts: { reload?: boolean } = {}) {
      const tracker = new VisitTracker({
        now: () => clock.now,
        storage: () => storage,
        isReload: () => opts.reload ?? false,
      });
      tabs.push(tracker);
      return tracker;
    },
    /** Stops the heartbeats of every tab (their timers). */
    close() {
      for (const t of tabs) t.pageHide();
    },
  };
}

describe('VisitTracker', () => {
  let b = browser();
  afterEach(() => {
    b.close();
    b = browser();
  });

  it('has no previous visit the first time, and the time of leaving the next time', () => {
    const tab = b.tab();
    tab.enter('u-kari', 'tv');
    expect(tab.get()).toEqual({ userId: 'u-kari', agreementId: 'tv', previous: null });
    b.clock.now += 5 * MIN;
    tab.leave();
    expect(tab.get()).toBeNull();

    b.clock.now += 3 * 60 * MIN;
    tab.enter('u-kari', 'tv');
    expect(tab.get()?.previous).toBe(iso(T0 + 5 * MIN));
  });

  it('keeps the previous visit for the whole visit while the time seen moves on', () => {
    const tab = b.tab();
    tab.enter('u-kari', 'tv');
    tab.leave();
    b.clock.now += 24 * 60 * MIN;
    tab.enter('u-kari', 'tv');
    const visit = tab.get();
    expect(visit?.previous).toBe(iso(T0));
    for (let i = 0; i < 10; i++) {
      b.clock.now += VISIT.heartbeatMs;
      tab.beat();
      tab.enter('u-kari', 'tv'); // another page of the agreement: the same visit
    }
    expect(tab.get()).toBe(visit);
    const stored = JSON.parse(b.data.get('tavla.lastVisit:u-kari:tv') ?? '{}');
    expect(stored.seenAt).toBe(iso(b.clock.now));
    expect(stored.previous).toBe(iso(T0));
  });

  it('continues the visit after a reload, and begins a new one on coming back later', () => {
    const first = b.tab();
    first.enter('u-kari', 'tv');
    first.leave();
    b.clock.now += 2 * 60 * MIN;
    const visiting = b.tab();
    visiting.enter('u-kari', 'tv');
    b.clock.now += 10 * MIN;
    visiting.pageHide();

    const reloaded = b.tab({ reload: true });
    reloaded.enter('u-kari', 'tv');
    expect(reloaded.get()?.previous).toBe(iso(T0));

    b.clock.now += 5 * MIN;
    reloaded.pageHide();
    b.clock.now += VISIT.gapMs + MIN;
    const later = b.tab({ reload: true });
    later.enter('u-kari', 'tv');
    expect(later.get()?.previous).toBe(iso(T0 + 2 * 60 * MIN + 15 * MIN));
  });

  it('lets a second tab join a visit under way', () => {
    const one = b.tab();
    one.enter('u-kari', 'tv');
    one.leave();
    b.clock.now += 60 * MIN;
    const a = b.tab();
    a.enter('u-kari', 'tv');
    b.clock.now += VISIT.heartbeatMs;
    a.beat();
    const other = b.tab();
    other.enter('u-kari', 'tv');
    expect(other.get()?.previous).toBe(iso(T0));
  });

  it('begins a new visit when the tab comes back into view after a long time hidden', () => {
    const tab = b.tab();
    tab.enter('u-kari', 'tv');
    b.clock.now += 5 * MIN;
    tab.hidden();
    b.clock.now += 10 * MIN;
    tab.visible();
    expect(tab.get()?.previous).toBeNull();

    b.clock.now += 2 * MIN;
    tab.hidden();
    b.clock.now += 12 * 60 * MIN;
    tab.visible();
    expect(tab.get()?.previous).toBe(iso(T0 + 17 * MIN));
  });

  it('keeps visits apart per person and agreement', () => {
    const tab = b.tab();
    tab.enter('u-kari', 'tv');
    tab.enter('u-kari', 'other'); // leaves tv
    tab.enter('u-ola', 'tv');
    expect(tab.get()).toEqual({ userId: 'u-ola', agreementId: 'tv', previous: null });
    tab.enter('u-kari', 'tv');
    expect(tab.get()?.previous).toBe(iso(T0));
  });

  it('works without storage, as a first visit each time', () => {
    const tab = new VisitTracker({
      now: () => T0,
      storage: () => {
        throw new Error('SecurityError');
      },
      isReload: () => false,
    });
    tab.enter('u-kari', 'tv');
    expect(tab.get()?.previous).toBeNull();
    tab.leave();
  });
});
