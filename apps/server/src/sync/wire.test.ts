import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { rawWriter, wireFrame } from './wire.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

/** A real `ws` server and client on loopback; resolves the server side of the connection. */
async function pair(perMessageDeflate: boolean) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  servers.push(wss);
  await new Promise((r) => wss.once('listening', r));
  const { port } = wss.address() as AddressInfo;
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  const received: Buffer[] = [];
  client.on('message', (data) => received.push(data as Buffer));
  await new Promise((r) => client.once('open', r));
  return { server: await serverSide, client, received };
}

const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * seed) & 255);

describe('frames written to the socket as they are [P2]', () => {
  it('arrive whole and in order, at every header size, between frames ws writes itself', async () => {
    const { server, client, received } = await pair(false);
    const write = rawWriter(server);
    expect(write).not.toBeNull();
    let pongs = 0;
    client.on('pong', () => pongs++);
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const sent: Uint8Array[] = [];
    for (const [i, n] of sizes.entries()) {
      const payload = bytes(n, i + 3);
      sent.push(payload);
      expect(write!(wireFrame(payload).bytes)).toBe(true);
      // ws's own frames in between: a message and a ping must not cut into ours.
      const own = bytes(10, i + 100);
      sent.push(own);
      server.send(own);
      server.ping();
      client.ping();
    }
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const check = () => {
        if (received.length >= sent.length) resolve();
        else if (Date.now() - t0 > 5000) reject(new Error(`got ${received.length} frames`));
        else setTimeout(check, 10);
      };
      check();
    });
    expect(received.map((b) => [...b])).toEqual(sent.map((b) => [...b]));
    expect(client.readyState).toBe(WebSocket.OPEN);
    await new Promise((r) => setTimeout(r, 50));
    expect(pongs).toBeGreaterThan(0);
  });

  it('is not used when an extension (compression) was negotiated', async () => {
    const { server } = await pair(true);
    expect(rawWriter(server)).toBeNull();
  });
});
