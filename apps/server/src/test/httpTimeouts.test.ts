import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { addUser, sleep, synced, TestContext, until } from './harness.js';

/**
 * [L11] Request timeouts on a real server (port 0) with a raw `net` socket: a client that stops
 * in the middle of its headers or body is cut off after the configured time, and nothing that
 * has its request behind it (an answer read slowly, a websocket) is. Timeouts are a few hundred
 * ms here, set through the configuration.
 */

const HEADERS_MS = 300;
const REQUEST_MS = 600;
const limits = { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS };

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

interface RawExchange {
  socket: net.Socket;
  /** Everything the server sent, and when the connection closed (ms after it was opened). */
  closed: Promise<{ text: string; afterMs: number }>;
}

/** Opens a raw connection and writes `head`; the caller decides what else to send. */
function rawRequest(url: string, head: string): RawExchange {
  const { port, hostname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const opened = performance.now();
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => {
    text += d;
  });
  socket.write(head);
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) => {
    socket.on('error', () => {});
    socket.on('close', () => resolve({ text, afterMs: performance.now() - opened }));
  });
  return { socket, closed };
}

describe('[L11] HTTP request timeouts', () => {
  it('cuts off a request whose body never arrives with 408 after requestTimeoutMs; others are served meanwhile', async () => {
    const server = await ctx.start({ overrides: { limits } });
    // A sign-in reads its body before anything else: the handler waits for the rest.
    const body = '{"email":"koordinator@fylke.example","pass';
    const stalled = rawRequest(
      server.url,
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length + 100}\r\n\r\n${body}`,
    );
    let open = true;
    void stalled.closed.then(() => {
      open = false;
    });
    // Meanwhile the server answers everyone else.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(open).toBe(true);
    const { text, afterMs } = await stalled.closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_MS * 0.9);
    expect(afterMs).toBeLessThan(REQUEST_MS + 1_000);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('cuts off a client that sends its headers slowly (slowloris) after headersTimeoutMs', async () => {
    const server = await ctx.start({ overrides: { limits } });
    const slow = rawRequest(server.url, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A header line every 50 ms: never idle, never done.
    let n = 0;
    const drip = setInterval(() => {
      if (!slow.socket.destroyed) slow.socket.write(`X-Drip-${n++}: a\r\n`);
    }, 50);
    try {
      const { text, afterMs } = await slow.closed;
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(afterMs).toBeGreaterThanOrEqual(HEADERS_MS * 0.9);
      expect(afterMs).toBeLessThan(HEADERS_MS + 1_000);
    } finally {
      clearInterval(drip);
    }
  });

  it('keeps websockets open long past the timeouts', async () => {
    const server = await ctx.start({ overrides: { limits } });
    const a = addUser(server, 'langvarig');
    const b = addUser(server, 'langvarig');
    const pa = ctx.provider(server, 'langvarig', a);
    const pb = ctx.provider(server, 'langvarig', b);
    await Promise.all([synced(pa), synced(pb)]);
    const conns = [...server.gateway.conns];
    expect(conns).toHaveLength(2);
    const statuses: string[] = [];
    for (const p of [pa, pb]) p.on('status', (e: { status: string }) => statuses.push(e.status));
    await sleep(REQUEST_MS * 3);
    expect(statuses).toEqual([]);
    expect([...server.gateway.conns]).toEqual(conns);
    expect(conns.every((c) => !c.closed)).toBe(true);
    pa.doc.getMap('m').set('etter', 'tidsavbrudd');
    await until(() => pb.doc.getMap('m').get('etter') === 'tidsavbrudd');
  });

  it('lets a slow reader download a large file for longer than requestTimeoutMs', async () => {
    const dist = ctx.dir();
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tavla</title>');
    // Far more than loopback socket buffers hold, so the answer is still being written
    // while the client does not read.
    const size = 48 * 1024 * 1024;
    fs.writeFileSync(path.join(dist, 'assets', 'stor-abc123.bin'), Buffer.alloc(size, 0x61));
    const server = await ctx.start({ overrides: { limits, webDist: dist } });
    const started = performance.now();
    const download = rawRequest(
      server.url,
      'GET /assets/stor-abc123.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    await until(() => download.socket.bytesRead > 0);
    download.socket.pause();
    await sleep(REQUEST_MS * 2);
    download.socket.resume();
    const { text } = await download.closed;
    expect(performance.now() - started).toBeGreaterThan(REQUEST_MS * 2);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text.length - text.indexOf('\r\n\r\n') - 4).toBe(size);
  });

  it('reads the timeouts from the environment, with the documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.limits.headersTimeoutMs).toBe(15_000);
    expect(defaults.limits.requestTimeoutMs).toBe(30_000);
    const set = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '9000' });
    expect(set.limits).toMatchObject({ headersTimeoutMs: 5_000, requestTimeoutMs: 9_000 });
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '0' }).limits.requestTimeoutMs).toBe(0);
  });
});
