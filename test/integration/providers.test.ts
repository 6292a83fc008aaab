// Cross-package: the domain's operations, made through stock y-websocket providers against the
// real built server, converge between people and survive a restart (issues 2 and 3).
import { createMeasure, listColumns, listMeasures, moveMeasure, readMeasure } from '@tavla/domain';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { demo, login, startServer, type TavlaServer, until } from '../support/server.js';

const servers: TavlaServer[] = [];
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

/** The stock provider, in Node, with the person's session cookie on the upgrade. */
function connect(
  server: TavlaServer,
  cookie: string,
  room = demo.agreementId,
): { doc: Y.Doc; provider: WebsocketProvider } {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider };
}

async function synced(provider: WebsocketProvider): Promise<void> {
  await until(() => provider.synced, 'provider never synced');
}

describe('domain operations through the real server', () => {
  it('converge between an editor and an admin, and are all there after a restart', async () => {
    let server = await startServer();
    servers.push(server);
    const [adminCookie, editorCookie] = await Promise.all([
      login(server.url, demo.admin),
      login(server.url, demo.editor),
    ]);
    const kari = connect(server, adminCookie);
    const ola = connect(server, editorCookie);
    await Promise.all([synced(kari.provider), synced(ola.provider)]);

    const columns = listColumns(kari.doc);
    expect(columns.length).toBeGreaterThanOrEqual(3);
    const [first, second] = columns as [(typeof columns)[0], (typeof columns)[0]];
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const who = i % 2 === 0 ? kari : ola;
      ids.push(
        createMeasure(who.doc, { focusAreaId: 'fa-2', columnId: first.id, title: `Tiltak ${i}` }),
      );
    }
    await until(
      () => ids.every((id) => readMeasure(ola.doc, id) && readMeasure(kari.doc, id)),
      'the new measures never reached both',
    );
    // Both move the same card at once, to different places.
    moveMeasure(kari.doc, ids[0] as string, { columnId: second.id, index: 0 });
    moveMeasure(ola.doc, ids[0] as string, { columnId: first.id, index: 5 });

    const snapshot = (doc: Y.Doc) => JSON.stringify(listMeasures(doc, { focusAreaId: 'fa-2' }));
    await until(() => snapshot(kari.doc) === snapshot(ola.doc), 'the two people never converged');
    const measures = listMeasures(kari.doc, { focusAreaId: 'fa-2' });
    for (const id of ids) expect(measures.filter((m) => m.id === id)).toHaveLength(1);

    const before = snapshot(kari.doc);
    for (const p of providers.splice(0)) p.destroy();
    server = await server.restart();
    servers.splice(0, 1, server);
    const leder = connect(server, await login(server.url, demo.viewer));
    await synced(leder.provider);
    expect(snapshot(leder.doc)).toBe(before);
  });

  it('serves a 5,000-measure agreement to a fresh client and keeps it across a restart', async () => {
    let server = await startServer();
    servers.push(server);
    const cookie = await login(server.url, demo.admin);
    const writer = connect(server, cookie);
    await synced(writer.provider);
    // 5,000 measures arrive as 20 updates of 250: one frame may be at most 1 MiB (server config).
    const columnIds = listColumns(writer.doc).map((c) => c.id);
    for (let batch = 0; batch < 20; batch++) {
      writer.doc.transact(() => {
        for (let i = 0; i < 250; i++) {
          const n = batch * 250 + i;
          createMeasure(writer.doc, {
            focusAreaId: `fa-${(n % 4) + 1}`,
            columnId: columnIds[n % columnIds.length] as string,
            title: `Tiltak nummer ${n}`,
            description:
              'Beskrivelse av tiltaket, med litt tekst slik at dokumentet får en realistisk størrelse.',
          });
        }
      });
    }
    const total = listMeasures(writer.doc, { includeArchived: true }).length;
    expect(total).toBeGreaterThanOrEqual(5000);

    const reader = connect(server, await login(server.url, demo.editor));
    await until(
      () =>
        reader.provider.synced &&
        listMeasures(reader.doc, { includeArchived: true }).length === total,
      'the fresh client did not get every measure',
      20_000,
    );
    const sample = listMeasures(writer.doc)[1234];
    expect(sample && readMeasure(reader.doc, sample.id)?.title).toBe(sample?.title);

    await until(
      () => writer.provider.wsconnected && !writer.provider.ws?.bufferedAmount,
      'the writer did not flush',
    );
    for (const p of providers.splice(0)) p.destroy();
    server = await server.restart();
    servers.splice(0, 1, server);
    const again = connect(server, await login(server.url, demo.viewer));
    await until(
      () =>
        again.provider.synced &&
        listMeasures(again.doc, { includeArchived: true }).length === total,
      'measures were lost over the restart',
      20_000,
    );
  });
});
