import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { neededOffline, preloadOfflineCode, resetOfflineCode } from './offlineCode';

describe('preloadOfflineCode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetOfflineCode();
  });
  afterEach(() => vi.useRealTimers());

  it('fetches the registered code after the delay, once, not during the first render', async () => {
    const load = vi.fn(async () => ({ default: 'panel' }));
    const same = neededOffline(load);
    expect(same).toBe(load); // usable as lazy()'s loader unchanged
    preloadOfflineCode(1000);
    preloadOfflineCode(1000);
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);
    preloadOfflineCode(0); // done: nothing more to fetch
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed fetch (the page was offline) on the next call', async () => {
    let online = false;
    const load = neededOffline(
      vi.fn(async () => {
        if (!online) throw new TypeError('Failed to fetch dynamically imported module');
        return { default: 'dialog' };
      }),
    );
    preloadOfflineCode(0);
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);
    online = true;
    window.dispatchEvent(new Event('online'));
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(2);
    preloadOfflineCode(0);
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not fetch while the browser says it is offline, and does on "online"', async () => {
    // A fetch that fails stays failed in the page's module map: none is tried offline.
    let offline = true;
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => !offline);
    try {
      const load = neededOffline(vi.fn(async () => ({ default: 'timeline' })));
      preloadOfflineCode(0);
      await vi.runAllTimersAsync();
      expect(load).not.toHaveBeenCalled();
      offline = false;
      window.dispatchEvent(new Event('online'));
      await vi.runAllTimersAsync();
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      onLine.mockRestore();
    }
  });
});
