import type { WebSocket } from 'ws';

/**
 * [P2] A broadcast is framed once for the wire: the complete websocket frame (RFC 6455 §5.2:
 * FIN, binary opcode, unmasked as every server frame is, payload length, payload) in one
 * buffer, written to each peer's socket as it is. `ws.send` would build a new header per peer,
 * and write header and payload as two buffers (cork, writev, uncork) each time; at 200 peers
 * that per-send work is most of a server's CPU (docs/performance.md).
 */
export interface WireFrame {
  /** The protocol message (what `ws.send` would take). */
  readonly payload: Uint8Array;
  /** The same message as one complete websocket frame. */
  readonly bytes: Buffer;
}

export function wireFrame(payload: Uint8Array): WireFrame {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const bytes = Buffer.allocUnsafe(head + n);
  bytes[0] = 0x82; // FIN + binary
  if (n < 126) {
    bytes[1] = n;
  } else if (n < 65536) {
    bytes[1] = 126;
    bytes.writeUInt16BE(n, 2);
  } else {
    bytes[1] = 127;
    bytes.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    bytes.writeUInt32BE(n >>> 0, 6);
  }
  bytes.set(payload, head);
  return { payload, bytes };
}

/** The parts of `ws` internals the raw path relies on (ws 8.x). */
interface WsInternals {
  _socket?: RawSocket | null;
  _sender?: { _state?: number; _bufferedBytes?: number } | null;
  _extensions?: Record<string, unknown>;
}

interface RawSocket {
  write(chunk: Buffer): boolean;
}

/**
 * A way to write complete frames to the socket of `ws`, or null when `ws` must frame them
 * itself. Only when no extension (compression) was negotiated — ours never is:
 * `perMessageDeflate: false` — so that `ws` never holds frames back; and `write` checks at
 * every frame that its sender has nothing queued, so raw frames and frames `ws` writes itself
 * (pings, close) never interleave. Anything else (another `ws` major version) gets null.
 */
export function rawWriter(ws: WebSocket): ((bytes: Buffer) => boolean) | null {
  const w = ws as unknown as WsInternals;
  const socket = w._socket;
  const sender = w._sender;
  if (!socket || typeof socket.write !== 'function' || !sender || sender._state !== 0) return null;
  if (w._extensions && Object.keys(w._extensions).length > 0) return null;
  return (bytes) => {
    if (sender._state !== 0 || (sender._bufferedBytes ?? 0) !== 0) return false;
    socket.write(bytes);
    return true;
  };
}
