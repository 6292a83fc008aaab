import net from 'node:net';

export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request over a raw socket, the request target exactly as given: `fetch` and
 * `new URL` resolve dot segments (`/api/%2e%2e/me` -> `/me`) before anything is sent.
 */
export function rawHttp(
  url: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawResponse> {
  const { port, hostname } = new URL(url);
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => {
      // Not end(): a half-closed client can lose a streamed answer (Node aborts the request).
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, split === -1 ? 0 : split).toString('latin1');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(statusLine.split(' ')[1]);
      if (split === -1 || !Number.isInteger(status)) {
        reject(
          new Error(
            `not an HTTP answer to ${method} ${target}: ${bytes.toString('latin1', 0, 200)}`,
          ),
        );
        return;
      }
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest: Buffer = bytes.subarray(split + 4);
      if (parsed['transfer-encoding'] === 'chunked') rest = dechunk(rest);
      resolve({ status, headers: parsed, body: rest.toString('utf8') });
    });
  });
}

function dechunk(bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    const size = Number.parseInt(bytes.toString('latin1', at, eol), 16);
    if (!(size > 0)) return Buffer.concat(out);
    out.push(bytes.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
