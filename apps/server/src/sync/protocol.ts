import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (y-websocket/src/y-websocket.js). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** y-protocols/sync message types. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type IncomingMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; step2: boolean }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'queryAwareness' };

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/**
 * Parses one client frame. `data` must be an exact-size copy (its own ArrayBuffer): lib0 reads
 * sub-arrays with `new Uint8Array(arr.buffer, ...)`, which on a pooled Buffer slice would read
 * past the frame instead of throwing.
 */
export function parseMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.Step1) return { kind: 'step1', stateVector: payload };
        if (syncType === SyncType.Step2) return { kind: 'update', update: payload, step2: true };
        if (syncType === SyncType.Update) return { kind: 'update', update: payload, step2: false };
        throw new ProtocolError(`unknown sync message type ${syncType}`);
      }
      case MessageType.Awareness:
        return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
      case MessageType.QueryAwareness:
        return { kind: 'queryAwareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed frame: ${(err as Error).message}`);
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export const syncStep1Frame = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const syncStep2Frame = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, update);
  });

export const updateFrame = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessFrame = (payload: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, payload);
  });

/** A state vector with no clients: a fresh client asking for everything. */
export const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0;

/** The update inside a sync step 2 frame (a view, no copy). */
export function stateOfStep2Frame(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}
