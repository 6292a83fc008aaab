import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Disk, fillUp, openOn, quota } from '../test/offlineCopyStandIn';
import { OfflineCopyKeeper, type OfflineCopyEvents } from './offlineCopyKeeper';
import * as retryCode from './offlineCopyRetry';
import { COPY_RETRY } from './offlineCopyRetry';

function events() {
  return {
    read: vi.fn<OfflineCopyEvents['read']>(),
    kept: vi.fn<OfflineCopyEvents['kept']>(),
    lost: vi.fn<OfflineCopyEvents['lost']>(),
  };
}

let keeper: OfflineCopyKeeper | undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  keeper?.destroy();
  keeper = undefined;
  vi.useRealTimers();
});

/** A keeper on `disk` whose probe answers as `probe` says (ok unless told). */
function keep(
  disk: Disk,
  opts: { probe?: () => Promise<void>; mayRetry?: () => boolean } = {},
): { keeper: OfflineCopyKeeper; ev: ReturnType<typeof events>; probe: ReturnType<typeof vi.fn> } {
  const ev = events();
  const probe = vi.fn(opts.probe ?? (() => Promise.resolve()));
  keeper = new OfflineCopyKeeper({
    name: 'tavla:u-ola:tromsvekstavtalen',
    doc: new Y.Doc(),
    events: ev,
    mayRetry: opts.mayRetry ?? (() => true),
    open: openOn(disk),
    probe,
    loadRetry: () => Promise.resolve(retryCode),
  });
  return { keeper, ev, probe };
}

describe('OfflineCopyKeeper', () => {
  it('opens the copy again after a failure mid-visit, 2 s then twice as long each time, and trusts it once read and written', async () => {
    const disk = new Disk();
    let full = true;
    const { keeper, ev, probe } = keep(disk, {
      probe: () => (full ? Promise.reject(quota()) : Promise.resolve()),
    });
    await disk.copies[0]!.load();
    expect(ev.read).toHaveBeenCalledWith(expect.anything(), true);
    const first = keeper.unsent;
    expect(first).not.toBeNull();

    fillUp(disk.copies[0]!);
    expect(ev.lost).toHaveBeenCalledWith('failed');
    expect(keeper.unsent).toBeNull();
    expect(keeper.persistence).toBeNull();

    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs - 1);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * COPY_RETRY.firstDelayMs - 1);
    expect(probe).toHaveBeenCalledTimes(1);
    full = false; // the disk has room again
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(disk.copies).toHaveLength(2);

    const again = disk.copies[1]!;
    await again.load();
    expect(ev.read).toHaveBeenLastCalledWith(expect.anything(), false);
    expect(ev.kept).not.toHaveBeenCalled(); // not before its first write has committed
    expect(keeper.unsent).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(ev.kept).toHaveBeenCalledTimes(1);
    expect(keeper.unsent).not.toBeNull();
    expect(keeper.unsent).not.toBe(first);
    expect(keeper.persistence).toBe(again);
    // One copy at a time: the lost one was closed before the next was opened.
    expect(disk.copies[0]!.destroyed).toBe(true);
    expect(disk.mostOpen).toBe(1);
    expect(ev.lost).toHaveBeenCalledTimes(1);

    // Lost again later: the next round starts at 2 s again.
    fillUp(again);
    expect(ev.lost).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('stops its timed tries after COPY_RETRY.tries, and tries at once when the browser comes online or the page becomes visible', async () => {
    const disk = new Disk();
    const { probe } = keep(disk, { probe: () => Promise.reject(quota()) });
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);

    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(probe).toHaveBeenCalledTimes(COPY_RETRY.tries);
    // 2 s, 4 s, 8 s … up to a minute apart.
    const spent = Array.from({ length: COPY_RETRY.tries }, (_, i) =>
      Math.min(COPY_RETRY.maxDelayMs, COPY_RETRY.firstDelayMs * 2 ** i),
    ).reduce((a, b) => a + b);
    expect(spent).toBeLessThan(5 * 60_000);

    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(COPY_RETRY.tries + 1);

    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    visibility.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(COPY_RETRY.tries + 1);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(COPY_RETRY.tries + 2);
    visibility.mockRestore();

    // Such a try starts a new round of timed ones.
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(COPY_RETRY.tries + 3);
  });

  it('opens again a copy the browser refused at first, and reads it as the first copy of the visit', async () => {
    const disk = new Disk();
    disk.refuse = true;
    const { keeper, ev, probe } = keep(disk);
    await disk.copies[0]!.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(ev.lost).toHaveBeenCalledWith('refused');
    expect(keeper.unsent).toBeNull();

    disk.refuse = false;
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(1);
    await disk.copies[1]!.load();
    // What the copy holds (edits of an earlier visit) is news: counted as for a first read.
    expect(ev.read).toHaveBeenCalledWith(expect.anything(), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(ev.kept).toHaveBeenCalledTimes(1);
    expect(keeper.persistence).toBe(disk.copies[1]);
  });

  it('expects the refusal y-indexeddb leaves unhandled, and only that one', async () => {
    const disk = new Disk();
    disk.refuse = true;
    keep(disk);
    await disk.copies[0]!.load();
    const reason = await disk.copies[0]!._db.catch((e: unknown) => e);
    const unhandled = (r: unknown) => {
      const ev = new Event('unhandledrejection', { cancelable: true });
      Object.assign(ev, { reason: r, promise: Promise.resolve() });
      window.dispatchEvent(ev);
      return ev.defaultPrevented;
    };
    expect(unhandled(reason)).toBe(true);
    expect(unhandled(new Error('something else'))).toBe(false);
  });

  it('never makes again a copy deleted on purpose (another tab signed out, access removed)', async () => {
    const disk = new Disk();
    const { ev, probe } = keep(disk);
    await disk.copies[0]!.load();
    disk.copies[0]!.db!.dispatchEvent(
      Object.assign(new Event('versionchange'), { oldVersion: 1, newVersion: null }),
    );
    expect(ev.lost).toHaveBeenCalledWith('failed');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).not.toHaveBeenCalled();
    expect(disk.copies).toHaveLength(1);
  });

  it('does not try while it may not (the server refuses us), and tries when kicked', async () => {
    const disk = new Disk();
    let may = false;
    const { keeper, probe } = keep(disk, { mayRetry: () => may });
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(probe).not.toHaveBeenCalled();
    may = true;
    keeper.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(disk.copies).toHaveLength(2);
  });

  it('tells nothing of a copy opened again whose first write fails, and tries later', async () => {
    const disk = new Disk();
    const { keeper, ev, probe } = keep(disk);
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    const again = disk.copies[1]!;
    await again.load();
    fillUp(again); // the write made on opening is aborted at commit
    await vi.advanceTimersByTimeAsync(0);
    expect(ev.kept).not.toHaveBeenCalled();
    expect(ev.lost).toHaveBeenCalledTimes(1); // the header said "not kept" all along
    expect(keeper.persistence).toBeNull();
    expect(again.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(2 * COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('gives up a copy opened again that does not open, and tries later', async () => {
    const disk = new Disk();
    const { ev, probe } = keep(disk);
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    expect(disk.copies).toHaveLength(2); // and it never opens
    await vi.advanceTimersByTimeAsync(COPY_RETRY.openTimeoutMs);
    expect(disk.copies[1]!.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(2 * COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(ev.kept).not.toHaveBeenCalled();
  });

  it('loads the code of its tries when the network is back, if it could not before', async () => {
    const disk = new Disk();
    const probe = vi.fn(() => Promise.resolve());
    let network = false;
    keeper = new OfflineCopyKeeper({
      name: 'tavla:u-ola:tromsvekstavtalen',
      doc: new Y.Doc(),
      events: events(),
      mayRetry: () => true,
      open: openOn(disk),
      probe,
      loadRetry: () =>
        network ? Promise.resolve(retryCode) : Promise.reject(new TypeError('Failed to fetch')),
    });
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).not.toHaveBeenCalled();
    network = true;
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('stops trying when destroyed, and closes its copy', async () => {
    const disk = new Disk();
    const { keeper, probe } = keep(disk);
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!);
    keeper.destroy();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    window.dispatchEvent(new Event('online'));
    expect(probe).not.toHaveBeenCalled();
    expect(disk.open).toBe(0);
  });

  it('leaves no listener of its copy on the page once destroyed', async () => {
    const disk = new Disk();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const { keeper } = keep(disk, { probe: () => Promise.reject(quota()) });
    await disk.copies[0]!.load();
    fillUp(disk.copies[0]!); // the retry listens too, from then on
    await vi.advanceTimersByTimeAsync(COPY_RETRY.firstDelayMs);
    keeper.destroy();
    const count = (spy: typeof added, type: string) =>
      spy.mock.calls.filter(([t]) => t === type).length;
    for (const type of ['unhandledrejection', 'online'])
      expect(count(removed, type), type).toBe(count(added, type));
    added.mockRestore();
    removed.mockRestore();
  });
});
