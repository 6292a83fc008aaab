import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { demo, login, type TavlaServer, until } from './server.js';

/**
 * The stock y-websocket provider in Node, signed in as `email` (the session cookie goes on the
 * websocket upgrade, as a browser's would), on the demo agreement; resolves once it has synced.
 * The caller destroys the provider; `cookie` (name=value) signs in a browser context as the same
 * person.
 *
 * @example const { doc, provider } = await stockClient(server, demo.admin)
 */
export async function stockClient(
  server: TavlaServer,
  email: string,
  { doc = new Y.Doc(), syncTimeoutMs }: { doc?: Y.Doc; syncTimeoutMs?: number } = {},
): Promise<{ doc: Y.Doc; provider: WebsocketProvider; cookie: string }> {
  const cookie = await login(server.url, email);
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(server.wsUrl, demo.agreementId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await until(() => provider.synced, 'the stock client never synced', syncTimeoutMs);
  } catch (err) {
    provider.destroy();
    throw err;
  }
  return { doc, provider, cookie };
}
