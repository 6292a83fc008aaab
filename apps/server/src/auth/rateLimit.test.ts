import { describe, expect, it } from 'vitest';
import { FailureCounter } from './rateLimit.js';

describe('FailureCounter', () => {
  it('blocks after the allowed failures until the window ends', () => {
    const counter = new FailureCounter(3, 1000, 100);
    for (let i = 0; i < 3; i++) {
      expect(counter.blockedFor('k', 0)).toBe(0);
      counter.recordFailure('k', 10);
    }
    expect(counter.blockedFor('k', 500)).toBe(510);
    expect(counter.blockedFor('other', 500)).toBe(0);
    expect(counter.blockedFor('k', 1010)).toBe(0);
  });

  it('forgets a key on reset', () => {
    const counter = new FailureCounter(1, 1000, 100);
    counter.recordFailure('k', 0);
    expect(counter.blockedFor('k', 1)).toBeGreaterThan(0);
    counter.reset('k');
    expect(counter.blockedFor('k', 1)).toBe(0);
  });

  it('stays within its size bound under a flood of distinct keys', () => {
    const counter = new FailureCounter(5, 60_000, 1000);
    for (let i = 0; i < 50_000; i++) counter.recordFailure(`user${i}@example`, i);
    expect(counter.size).toBeLessThanOrEqual(1000);
  });
});
