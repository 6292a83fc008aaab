import { messageQueryAwareness } from 'y-websocket';

/** y-websocket message types and y-protocols sync types (y-websocket/src/y-websocket.js). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AUTH = 2;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;

/**
 * `[messageSync, syncStep1, varUint8Array(stateVector)]`, as y-protocols writes it (lib0 is not
 * a dependency of this package, and the frame is this simple).
 */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = stateVector.length;
  while (n > 0x7f) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  const frame = new Uint8Array(2 + length.length + stateVector.length);
  frame.set([MESSAGE_SYNC, SYNC_STEP1, ...length]);
  frame.set(stateVector, 2 + length.length);
  return frame;
}

/**
 * `[messageQueryAwareness]`: "send me everybody's presence". One byte (a varUint below 128).
 * The server answers with every live awareness state of the room, our own among them.
 */
export function queryAwarenessFrame(): Uint8Array {
  return new Uint8Array([messageQueryAwareness]);
}
