import * as authProtocol from 'y-protocols/auth';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_AUTH, MESSAGE_SYNC, SYNC_STEP2, syncStep1Frame } from './frames';

type MessageHandler = WebsocketProvider['messageHandlers'][number];
/** lib0's decoder as the provider passes it (lib0 is not a dependency of this package). */
type Decoder = Parameters<MessageHandler>[1] & { arr: Uint8Array; pos: number };

export interface WriteRefusalEvents {
  /** The server dropped a change of ours: this connection is read-only ([A3]). */
  refused(reason: string): void;
  /** The server answered `check()`: everything sent before it was taken, nothing refused. */
  accepted(): void;
}

export interface WriteRefusalWatch {
  /**
   * Asks the server whether it took what we sent on this connection. The server handles one
   * connection's messages in order and tells a read-only one at once when it drops a change
   * ([A3] in docs/server-rules.md), so the answer to a sync step 1 sent after our changes
   * comes after any refusal of them: `accepted` then means they reached the server.
   */
  check(): void;
  /** Forgets an unanswered check (the connection it was sent on is gone). */
  reset(): void;
}

/**
 * Makes the session hear the server's "permission denied" (the y-protocols auth message, which
 * the stock provider only logs with console.warn) and whether changes were taken after all.
 * The stock handlers are kept and still run: this only listens. They are swapped in the
 * provider's own `messageHandlers` (a copy per provider), so `provider.destroy()` removes them.
 *
 * @example watchWriteRefusals(provider, { refused: (r) => warn(r), accepted: () => clear() })
 */
export function watchWriteRefusals(
  provider: WebsocketProvider,
  events: WriteRefusalEvents,
): WriteRefusalWatch {
  const handlers = provider.messageHandlers;
  const stockAuth = handlers[MESSAGE_AUTH];
  const stockSync = handlers[MESSAGE_SYNC];
  let checking = false;

  if (stockAuth) {
    handlers[MESSAGE_AUTH] = (encoder, decoder, p, emitSynced, type) => {
      const d = decoder as Decoder;
      const start = d.pos;
      let reason: string | null = null;
      authProtocol.readAuthMessage(decoder, p.doc, (_doc, r) => {
        reason = r;
      });
      d.pos = start;
      stockAuth(encoder, decoder, p, emitSynced, type);
      if (reason !== null) {
        checking = false;
        events.refused(reason);
      }
    };
  }

  if (stockSync) {
    handlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      const d = decoder as Decoder;
      // The sync type is one byte (0..2). A step 2 that arrives on the socket (emitSynced;
      // other tabs' answers come over BroadcastChannel) after the first one of the connection
      // answers our check: the provider sends no other step 1.
      const answersCheck = checking && emitSynced && p.synced && d.arr[d.pos] === SYNC_STEP2;
      stockSync(encoder, decoder, p, emitSynced, type);
      if (answersCheck && checking) {
        checking = false;
        events.accepted();
      }
    };
  }

  return {
    check() {
      const ws = provider.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      checking = true;
      ws.send(syncStep1Frame(Y.encodeStateVector(provider.doc)));
    },
    reset() {
      checking = false;
    },
  };
}
