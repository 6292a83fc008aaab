import { describe, expect, it } from 'vitest';
import { ServerClock } from './serverClock';

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
});
