import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { chunkImport, failedModuleUrl, lazyPart } from './lazyPart';
import { partLoader } from './partLoader';

const offline = () => new TypeError('Failed to fetch dynamically imported module');

describe('partLoader', () => {
  it('imports afresh after a failure, instead of keeping the rejection as React.lazy does', async () => {
    let online = false;
    const importPart = vi.fn(async () => {
      if (!online) throw offline();
      return 'panel';
    });
    const loader = partLoader(importPart);
    expect(loader.get().status).toBe('idle');
    await expect(loader.load()).rejects.toThrow(/dynamically imported/);
    expect(loader.get().status).toBe('failed');
    online = true;
    await expect(loader.load()).resolves.toBe('panel');
    expect(loader.get()).toEqual({ status: 'loaded', value: 'panel' });
    expect(importPart).toHaveBeenCalledTimes(2);
  });

  it('shares one import among callers while it runs, and none once loaded', async () => {
    const importPart = vi.fn(async () => 'dialog');
    const loader = partLoader(importPart);
    const seen: string[] = [];
    loader.subscribe(() => seen.push(loader.get().status));
    await Promise.all([loader.load(), loader.load()]);
    await loader.load();
    expect(importPart).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['loading', 'loaded']);
  });
});

function Panel({ id }: { id: string }) {
  return <p>panel {id}</p>;
}

/** A part whose import fails until `online` is set; `calls` counts the imports. */
function flakyPart() {
  const net: { online: boolean; calls: number; gate?: Promise<void> } = { online: false, calls: 0 };
  const Part = lazyPart(
    async () => {
      net.calls++;
      await net.gate;
      if (!net.online) throw offline();
      return { Panel };
    },
    (m): ComponentType<{ id: string; onClose: () => void }> => m.Panel,
    {
      unavailable: (p, { retry, retrying }) => (
        <div role="alert" data-retrying={retrying}>
          cannot open {p.id}
          <button type="button" onClick={retry}>
            retry
          </button>
          <button type="button" onClick={p.onClose}>
            close
          </button>
        </div>
      ),
      fallback: <p>loading</p>,
    },
  );
  return { net, Part };
}

describe('lazyPart', () => {
  it('shows the notice in the part’s place when the code cannot load, and the part on retry', async () => {
    const { net, Part } = flakyPart();
    render(<Part id="m-1" onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'cannot open m-1retryclose',
    );
    net.online = true;
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    expect(await screen.findByText('panel m-1')).toBeTruthy();
    expect(net.calls).toBe(2);
  });

  it('keeps the notice while a retry runs (no flicker of the dialog)', async () => {
    const { net, Part } = flakyPart();
    render(<Part id="m-2" onClose={() => {}} />);
    await screen.findByRole('alert');
    let arrive!: () => void;
    net.gate = new Promise<void>((r) => {
      arrive = r;
    });
    net.online = true;
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    expect(screen.getByRole('alert').getAttribute('data-retrying')).toBe('true');
    await act(async () => arrive());
    expect(await screen.findByText('panel m-2')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tries again by itself when the browser is online again', async () => {
    const { net, Part } = flakyPart();
    render(<Part id="m-5" onClose={() => {}} />);
    await screen.findByRole('alert');
    net.online = true;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByText('panel m-5')).toBeTruthy();
    expect(net.calls).toBe(2);
  });

  it('keeps trying while the browser says it is online, when the try on "online" itself failed', async () => {
    vi.useFakeTimers();
    try {
      const { net, Part } = flakyPart();
      render(<Part id="m-6" onClose={() => {}} />);
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(screen.getByRole('alert')).toBeTruthy();
      // The network is not quite back when "online" fires: that try fails too.
      await act(async () => {
        window.dispatchEvent(new Event('online'));
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(net.calls).toBe(2);
      expect(screen.getByRole('alert')).toBeTruthy();
      // No other "online" comes; it tries again after a while, longer each time (2 s after
      // the first failure, 4 s after the second, 8 s after the third) ...
      await act(() => vi.advanceTimersByTimeAsync(3_900));
      expect(net.calls).toBe(2);
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(net.calls).toBe(3);
      await act(() => vi.advanceTimersByTimeAsync(7_900));
      expect(net.calls).toBe(3);
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(net.calls).toBe(4);
      // ... and shows the part once the code comes.
      net.online = true;
      await act(() => vi.advanceTimersByTimeAsync(16_000));
      expect(net.calls).toBe(5);
      expect(screen.getByText('panel m-6')).toBeTruthy();
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(net.calls).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not even try the import while the browser says it is offline, and imports on "online"', async () => {
    // A failed fetch would stay failed in the page's module map (Chromium 150): no try offline.
    vi.useFakeTimers();
    let offlineNow = true;
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => !offlineNow);
    try {
      const { net, Part } = flakyPart();
      render(<Part id="m-7" onClose={() => {}} />);
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(net.calls).toBe(0);
      expect(screen.getByRole('alert')).toBeTruthy();
      offlineNow = false;
      net.online = true;
      await act(async () => {
        window.dispatchEvent(new Event('online'));
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(screen.getByText('panel m-7')).toBeTruthy();
      expect(net.calls).toBe(1);
    } finally {
      onLine.mockRestore();
      vi.useRealTimers();
    }
  });

  it('after a failed fetch, imports the chunk the error names under a new URL', async () => {
    // The same URL would fail again at once, with no request (the module map keeps the failure).
    const url = `${window.location.origin}/assets/MeasurePanel-abc123.js`;
    const importModule = vi.fn(async (): Promise<{ Panel: typeof Panel }> => {
      throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
    });
    const byUrl = vi.spyOn(chunkImport, 'byUrl').mockImplementation(async (u) => {
      if (u === `${url}?retry=1`)
        throw new TypeError(`Failed to fetch dynamically imported module: ${u}`);
      return { Panel };
    });
    try {
      const Part = lazyPart(importModule, (m) => m.Panel, {
        unavailable: (_, { retry }) => (
          <button type="button" onClick={retry}>
            retry
          </button>
        ),
      });
      render(<Part id="m-8" />);
      fireEvent.click(await screen.findByRole('button', { name: 'retry' }));
      await screen.findByRole('button', { name: 'retry' });
      fireEvent.click(screen.getByRole('button', { name: 'retry' }));
      expect(await screen.findByText('panel m-8')).toBeTruthy();
      expect(importModule).toHaveBeenCalledTimes(1);
      expect(byUrl.mock.calls.map(([u]) => u)).toEqual([`${url}?retry=1`, `${url}?retry=2`]);
    } finally {
      byUrl.mockRestore();
    }
  });

  it('names only a failed script of its own origin', () => {
    const own = `${window.location.origin}/assets/TimelinePage-x1.js`;
    expect(
      failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${own}`)),
    ).toBe(own);
    expect(
      failedModuleUrl(new TypeError(`error loading dynamically imported module: ${own}`)),
    ).toBe(own);
    expect(
      failedModuleUrl(
        new TypeError('Failed to fetch dynamically imported module: https://evil.example/x.js'),
      ),
    ).toBeNull();
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull();
  });

  it('tries again each time the part is shown, without showing an earlier failure first', async () => {
    const { net, Part } = flakyPart();
    await Part.loader.load().catch(() => {}); // the preload failed, nothing was shown
    expect(Part.loader.get().status).toBe('failed');
    net.online = true;
    render(<Part id="m-3" onClose={() => {}} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await screen.findByText('panel m-3')).toBeTruthy();
    expect(net.calls).toBe(2);
  });

  it('fetches again a stylesheet that failed before the next import', async () => {
    const { net, Part } = flakyPart();
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/assets/MeasurePanel-x.css';
    document.head.append(link);
    link.dispatchEvent(new Event('error')); // what an offline fetch of it does
    render(<Part id="m-4" onClose={() => {}} />);
    // The import waits for a fresh <link> of the same file.
    const fresh = document.head.querySelector<HTMLLinkElement>('link[rel="stylesheet"]');
    expect(fresh).not.toBe(link);
    expect(fresh?.getAttribute('href')).toBe('/assets/MeasurePanel-x.css');
    expect(net.calls).toBe(0);
    net.online = true;
    await act(async () => {
      fresh?.dispatchEvent(new Event('load'));
    });
    expect(await screen.findByText('panel m-4')).toBeTruthy();
    fresh?.remove();
  });
});
