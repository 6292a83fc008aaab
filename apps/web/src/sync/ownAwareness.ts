import type { WebsocketProvider } from 'y-websocket';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type Handler = (change: AwarenessChange, origin: unknown) => void;

/**
 * Makes the provider send only this tab's own presence. The stock `WebsocketProvider` sends
 * every awareness change it sees, the others' too: each change of anyone's presence came back
 * to the server from every other tab in the room (N − 1 copies that the server drops unread,
 * [A6]/[L7] in docs/server-rules.md), and a laptop on a train uploaded everybody's presence.
 *
 * Our own entry still goes out on every change, including when y-protocols re-announces it
 * after the server removed it (a reconnect, [A6]), since that change names our client id.
 * The stock handler is swapped in place, so `provider.destroy()` removes this one.
 *
 * @example sendOnlyOwnAwareness(new WebsocketProvider(url, room, doc))
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const p = provider as unknown as { _awarenessUpdateHandler?: Handler };
  const stock = p._awarenessUpdateHandler;
  // A future y-websocket without this field keeps its own behaviour (correct, only chattier).
  if (typeof stock !== 'function') return;
  const awareness = provider.awareness;
  const own: Handler = ({ added, updated, removed }, origin) => {
    const me = awareness.clientID;
    const mine = (ids: number[]) => ids.filter((id) => id === me);
    const change = { added: mine(added), updated: mine(updated), removed: mine(removed) };
    if (change.added.length + change.updated.length + change.removed.length === 0) return;
    stock(change, origin);
  };
  awareness.off('update', stock);
  awareness.on('update', own);
  p._awarenessUpdateHandler = own;
}
