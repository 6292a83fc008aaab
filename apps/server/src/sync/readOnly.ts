import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import { MessageType } from './protocol.js';

/** The reason sent with the permission-denied message to a read-only connection ([A3]). */
export const READ_ONLY_REASON = 'read-only: your changes were not stored';

/**
 * The standard y-protocols auth message "permission denied" (message type 2): the stock
 * `WebsocketProvider` logs it with console.warn; Tavla's client shows that its edits were refused.
 */
export const permissionDeniedFrame = (reason: string): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Auth);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
};

/**
 * Whether `update` holds anything `doc` does not have: a struct past the doc's state, or a
 * deletion of an item the doc still has (or does not know). A stock client answers the server's
 * sync step 1 with `Y.encodeStateAsUpdate(doc, serverStateVector)`, which carries the client's
 * WHOLE delete set even when it has nothing new: a viewer whose offline copy saw deletions sends
 * one on every connect. Telling that viewer "your changes were not stored" would be false, so a
 * step 2 is judged by what it would change, not by its size. Cost: reading the update (what the
 * server lacks, plus the delete ranges) and a binary search per delete range.
 *
 * Throws on a malformed update (like `Y.applyUpdate` would).
 *
 * @example addsToDoc(doc, Y.encodeStateAsUpdate(new Y.Doc())) // false: an empty update
 */
export function addsToDoc(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(store, s.id.client)) return true;
  }
  for (const [client, ranges] of ds.clients) {
    const known = store.clients.get(client);
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (!known || clock + len > state) return true;
      for (let i = Y.findIndexSS(known, clock); i < known.length; i++) {
        const struct = known[i]!;
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}
