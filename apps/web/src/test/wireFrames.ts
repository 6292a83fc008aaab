/**
 * y-websocket frames built and read by hand, and the socket they travel on, for the played
 * servers of the sync tests (sync/writeRefusals.test.ts, sync/deadConnection.test.ts): what the
 * server side of the protocol puts on the wire, without the code under test building it.
 */

function writeVarUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

/** A frame of `type` with one sub-type byte and a length-prefixed payload (sync, auth). */
export function frame(type: number, sub: number, payload: Uint8Array): Uint8Array {
  const head: number[] = [type, sub];
  writeVarUint(head, payload.length);
  return new Uint8Array([...head, ...payload]);
}

/** An auth frame: permission denied, with `reason`. */
export function permissionDenied(reason: string): Uint8Array {
  return frame(2, 0, new TextEncoder().encode(reason));
}

/** [type, sync type, payload] of a sync frame (type 0); other frames are only typed. */
export function parse(data: Uint8Array): [number, number, Uint8Array] {
  const type = data[0]!;
  if (type !== 0) return [type, -1, new Uint8Array()];
  let pos = 2;
  let len = 0;
  for (let shift = 0; ; shift += 7) {
    const b = data[pos++]!;
    len |= (b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  return [type, data[1]!, data.slice(pos, pos + len)];
}

/**
 * What y-websocket uses of a browser WebSocket, for the played servers' sockets to extend: they
 * open, deliver and close on their own schedule, and call these handlers.
 */
export class PlayedSocketBase {
  static readonly OPEN = 1;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
}
