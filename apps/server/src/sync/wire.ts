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
  _socket?: { write(chunk: Buffer): boolean; writable?: boolean } | null;
  _sender?: { _state?: number; _bufferedBytes?: number } | null;
  _extensions?: Record<string, unknown>;
}

/**
 * Whether `ws` lets us write complete frames to its socket. Only when no compression was
 * negotiated (ours never is: `perMessageDeflate: false`) and its sender has nothing queued,
 * so that raw frames and frames `ws` writes itself (pings, close) never interleave. Anything
 * else (another `ws` major version, a deflating sender) falls back to `ws.send`.
 */
export function rawSocketOf(ws: WebSocket): WsInternals['_socket'] | null {
  const w = ws as unknown as WsInternals;
  const sender = w._sender;
  if (!w._socket || typeof w._socket.write !== 'function' || !sender) return null;
  if (sender._state !== 0 || (sender._bufferedBytes ?? 0) !== 0) return null;
  if (w._extensions && Object.keys(w._extensions).length > 0) return null;
  return w._socket;
}
