import { addComment, createMeasure, readMeasure, seedTromsvekstavtalen } from '@tavla/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ServerClock, stampEditsWithServerClock } from './serverClock';

const BROWSER = Date.parse('2026-11-20T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

describe('ServerClock', () => {
  it('is the browser’s clock while no server time has been seen', () => {
    const clock = new ServerClock(() => BROWSER);
    expect(clock.offset()).toBe(0);
    expect(clock.now()).toBe(BROWSER);
  });

  it('takes the server’s time as read at the midpoint of the round trip', () => {
    let local = BROWSER;
    const clock = new ServerClock(() => local);
    // Sent at BROWSER, answered 200 ms later; the server (3 minutes behind) stamped it halfway.
    clock.observe(at(BROWSER + 100 - 180_000), BROWSER, BROWSER + 200);
    expect(clock.offset()).toBe(-180_000);
    local = BROWSER + 60_000;
    expect(clock.now()).toBe(BROWSER + 60_000 - 180_000);
  });

  it('trusts the sample with the shortest round trip of the last few', () => {
    const clock = new ServerClock(() => BROWSER);
    clock.observe(at(BROWSER + 5_000 + 50), BROWSER, BROWSER + 100);
    // A slow answer (4 s): its midpoint may be 2 s off; it does not replace the quick one.
    clock.observe(at(BROWSER + 5_000 + 3_000), BROWSER, BROWSER + 4_000);
    expect(clock.offset()).toBe(5_000);
    // Once the quick one is among the last SAMPLES no more, the best of those counts.
    for (let i = 0; i < ServerClock.SAMPLES; i++)
      clock.observe(at(BROWSER + 7_000 + 150), BROWSER, BROWSER + 300);
    expect(clock.offset()).toBe(7_000);
  });

  it('ignores what is not a time, and a round trip our clock was set back during', () => {
    const clock = new ServerClock(() => BROWSER);
    clock.observe(undefined, BROWSER, BROWSER + 10);
    clock.observe('not a time', BROWSER, BROWSER + 10);
    clock.observe(1_700_000_000_000, BROWSER, BROWSER + 10);
    clock.observe(at(BROWSER + 60_000), BROWSER, BROWSER - 10);
    expect(clock.offset()).toBe(0);
  });

  it('dates edits to the document by the server’s clock once the app has started', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen' });
    const clock = new ServerClock(() => BROWSER);
    // This laptop's clock is 10 minutes ahead of the server's.
    clock.observe(at(BROWSER + 50 - 600_000), BROWSER, BROWSER + 100);
    const restore = stampEditsWithServerClock(clock);
    try {
      const id = createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Ny' });
      addComment(doc, id, { text: 'Hei', authorId: 'u-1', authorName: 'Kari' });
      const m = readMeasure(doc, id)!;
      expect(m.createdAt).toBe(at(BROWSER - 600_000));
      expect(m.comments[0]!.createdAt).toBe(at(BROWSER - 600_000));
    } finally {
      restore();
    }
    // Restored: the domain's own clock again.
    const id = createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Etter' });
    expect(Math.abs(Date.parse(readMeasure(doc, id)!.createdAt) - Date.now())).toBeLessThan(60_000);
  });
});
