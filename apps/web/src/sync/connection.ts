/**
 * Connection state of one agreement's document, as the person sees it. Plain TypeScript: the
 * React indicator only subscribes.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'denied';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Local changes made since the server last confirmed a sync (sent when we reconnect). */
  unsynced: number;
  /** True once the document has content to show (from the offline cache or the server). */
  ready: boolean;
  /**
   * True once the offline copy has been read, or when there is none to read (refused, failed,
   * not kept): if nothing is `ready` by then, only the server can bring the document, and a
   * page waiting for it while `offline` says so instead of loading forever.
   */
  copyRead?: boolean;
  /**
   * True once an attempt to reach the server failed (or the browser went offline) since the
   * last sync. y-websocket says "disconnected" only for a connection that had opened, so a
   * server that was never reached leaves the status at "connecting" while it keeps trying.
   */
  unreachable?: boolean;
  /**
   * True when the browser refused the offline copy (IndexedDB blocked by a private mode, a
   * policy or site settings): edits that wait then live only in this tab's memory. False again
   * once a copy opened again is kept (OfflineCopyKeeper).
   */
  noOfflineCopy?: boolean;
  /**
   * True when the offline copy stopped taking writes during this visit (storage full, evicted,
   * or deleted by another tab): `noOfflineCopy` is then true too. Told even while connected,
   * since the person was told before that edits were kept on this machine. False again once a
   * copy opened again has been read and written (OfflineCopyKeeper).
   */
  offlineCopyFailed?: boolean;
  /**
   * True when the server dropped edits of ours because we may only read ([A3] in
   * docs/server-rules.md): e.g. made offline, and meanwhile an admin made us a viewer. They are
   * still in the document and the offline copy, counted in `unsynced`, and are sent if we may
   * edit again; false again once the server has taken them.
   */
  refused?: boolean;
  /** Close code when the server refused us for good (4401/4403/4404). */
  closeCode?: number;
}

type Listener = () => void;

/** A tiny observable value: `get` returns a stable object until something changes. */
export class Observable<T> {
  private listeners = new Set<Listener>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }
  update(patch: Partial<T>): void {
    const cur = this.value as Record<string, unknown>;
    const changed = Object.entries(patch).some(([k, v]) => !Object.is(cur[k], v));
    if (changed) this.set({ ...this.value, ...patch });
  }
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}
