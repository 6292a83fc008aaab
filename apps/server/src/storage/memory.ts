import type { DocStorage, StoredDoc } from './types.js';

interface Entry {
  snapshot: { state: Uint8Array; upTo: number } | null;
  updates: { id: number; data: Uint8Array }[];
}

/**
 * In-memory storage: for tests and as the second engine that keeps the contract suite honest.
 * Copies bytes in and out so callers cannot mutate what is "stored".
 */
export class MemoryDocStorage implements DocStorage {
  readonly #docs = new Map<string, Entry>();
  #nextId = 1;

  async load(docId: string): Promise<StoredDoc | null> {
    const e = this.#docs.get(docId);
    if (!e) return null;
    const updates = e.updates.map((u) => u.data.slice());
    const last = e.updates[e.updates.length - 1];
    const bytes =
      (e.snapshot?.state.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    return {
      snapshot: e.snapshot ? e.snapshot.state.slice() : null,
      updates,
      lastUpdateId: last ? last.id : (e.snapshot?.upTo ?? 0),
      bytes,
    };
  }

  async appendUpdates(docId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new RangeError('appendUpdates: nothing to append');
    let e = this.#docs.get(docId);
    if (!e) {
      e = { snapshot: null, updates: [] };
      this.#docs.set(docId, e);
    }
    for (const u of updates) e.updates.push({ id: this.#nextId++, data: u.slice() });
    return this.#nextId - 1;
  }

  async writeSnapshot(docId: string, state: Uint8Array, upToUpdateId: number): Promise<void> {
    let e = this.#docs.get(docId);
    if (!e) {
      e = { snapshot: null, updates: [] };
      this.#docs.set(docId, e);
    }
    e.snapshot = { state: state.slice(), upTo: upToUpdateId };
    e.updates = e.updates.filter((u) => u.id > upToUpdateId);
  }

  async has(docId: string): Promise<boolean> {
    return this.#docs.has(docId);
  }

  async list(): Promise<string[]> {
    return [...this.#docs.keys()].sort();
  }
}
