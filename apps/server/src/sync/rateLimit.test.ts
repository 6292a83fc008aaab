import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rateLimit.js';

describe('TokenBucket', () => {
  it('takes one token per message and refills at its rate up to the burst', () => {
    const b = new TokenBucket(10, 3, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(100)).toBe(true); // 0.1 s at 10/s: one more
    expect(b.take(100)).toBe(false);
    expect(b.take(10_000)).toBe(true); // refilled, but never above the burst
    expect(b.take(10_000) && b.take(10_000)).toBe(true);
    expect(b.take(10_000)).toBe(false);
  });

  it('takes a cost (bytes) at once, or nothing when too few are left', () => {
    const b = new TokenBucket(1000, 2000, 0);
    expect(b.take(0, 1500)).toBe(true);
    expect(b.take(0, 600)).toBe(false); // 500 left: refused, and nothing taken
    expect(b.take(0, 500)).toBe(true);
    expect(b.take(1000, 1000)).toBe(true); // 1 s later: 1000 back
    expect(b.take(1000, 1)).toBe(false);
  });
});
