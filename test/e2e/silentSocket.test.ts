// A socket that goes silent without closing: on a train in a tunnel or a laptop that changed
// network, nothing arrives and no close event comes either, while the browser still says it is
// online. The stock provider noticed after 30 s; until then the header said "Tilkoblet" and
// edits were sent into nothing without being counted. Here Ola's sockets go through a route
// that can swallow every frame both ways (and refuses new sockets meanwhile, as a dead network
// does), while Kari is connected normally.
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  columnOf,
  connected,
  createMeasure,
  describeInBrowser,
  openBoard,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('a socket that goes silent without closing', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-1' });
  const ola = usePerson(t, demo.editor);
  let silent = false;

  beforeAll(async () => {
    await ola.context.routeWebSocket(/\/ws\//, (page) => {
      if (silent) {
        void page.close({ code: 1006 });
        return;
      }
      const server = page.connectToServer();
      page.onMessage((m) => {
        if (!silent) server.send(m);
      });
      server.onMessage((m) => {
        if (!silent) page.send(m);
      });
    });
    await openBoard(ola.page, t.server);
  });

  it('stops saying "Tilkoblet" within seconds, counts the edit made meanwhile, and sends it once the network is back', async () => {
    const status = ola.page.getByTestId('connection-status');
    await createMeasure(ola.page, 'Idé', 'Før tunnelen');
    await expect.poll(() => columnOf(kari.page, 'Før tunnelen')).toBe('Idé');

    silent = true;
    await createMeasure(ola.page, 'Idé', 'I tunnelen');
    // The watchdog asks after ~10 s of quiet and gives up ~4 s later; y-websocket alone: 30 s.
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 22_000 })
      .not.toBe('connected');
    expect(Number(await status.getAttribute('data-unsynced'))).toBeGreaterThan(0);
    expect(await status.textContent()).toMatch(/venter/);
    expect(await columnOf(kari.page, 'I tunnelen')).toBeNull();

    silent = false;
    await connected(ola.page);
    await expect.poll(() => columnOf(kari.page, 'I tunnelen'), { timeout: 10_000 }).toBe('Idé');
    expect(await status.getAttribute('data-unsynced')).toBe('0');
    expect(ola.errors).toEqual([]);
  });

  it('keeps a healthy idle connection (no reconnect while nothing happens)', async () => {
    const status = ola.page.getByTestId('connection-status');
    await connected(ola.page);
    const socket = () =>
      ola.page.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: the session the app exposes for tests
        const w = window as any;
        const ws = w.__tavla.session.provider.ws;
        w.__firstSocket ??= ws;
        return ws !== null && ws === w.__firstSocket;
      });
    expect(await socket()).toBe(true);
    // Longer than a quiet spell and its question (~14 s), with nobody doing anything.
    for (let i = 0; i < 25; i++) {
      expect(await status.getAttribute('data-status')).toBe('connected');
      await ola.page.waitForTimeout(1_000);
    }
    expect(await socket()).toBe(true);
  });
});
