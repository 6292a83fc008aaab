import type { Limits, SyncTimings } from '../config.js';
import type { Logger } from '../log.js';
import type { DocStorage } from '../storage/types.js';
import { CloseCode } from './closeCodes.js';
import type { Connection } from './connection.js';
import type { DocHooks } from './hooks.js';
import { SharedDoc } from './sharedDoc.js';

export interface RegistryOptions {
  storage: DocStorage;
  limits: Limits;
  timings: SyncTimings;
  log: Logger;
  hooks?: DocHooks;
}

/**
 * All documents in memory, one SharedDoc per agreement. Invariants (docs/server-rules.md [S*]):
 * at most one SharedDoc — hence one load — per id at a time; a document leaves the registry
 * only when it unloaded (nothing pending, no connections) or its load failed.
 */
export class DocRegistry {
  readonly #docs = new Map<string, SharedDoc>();
  readonly #opts: RegistryOptions;
  #closing = false;

  constructor(opts: RegistryOptions) {
    this.#opts = opts;
  }

  get size(): number {
    return this.#docs.size;
  }

  get(docId: string): SharedDoc | undefined {
    return this.#docs.get(docId);
  }

  /** Attaches a connection to its document, loading the document if needed [S1]. */
  join(conn: Connection): void {
    if (this.#closing) {
      conn.close(CloseCode.GOING_AWAY, 'server shutting down');
      return;
    }
    let doc = this.#docs.get(conn.docId);
    if (!doc) {
      doc = new SharedDoc(conn.docId, {
        storage: this.#opts.storage,
        limits: this.#opts.limits,
        timings: this.#opts.timings,
        log: this.#opts.log,
        hooks: this.#opts.hooks ?? {},
        onGone: (gone) => {
          if (this.#docs.get(gone.id) === gone) this.#docs.delete(gone.id);
        },
      });
      this.#docs.set(conn.docId, doc);
      doc.add(conn);
      void doc.load();
      return;
    }
    doc.add(conn);
  }

  /**
   * Graceful shutdown: refuse new connections, close all with 1001, store everything and
   * compact. Resolves true when every document was stored before the deadline.
   */
  async shutdown(deadline: number): Promise<boolean> {
    this.#closing = true;
    const results = await Promise.all(
      [...this.#docs.values()].map((d) => d.shutdown(CloseCode.GOING_AWAY, deadline)),
    );
    return results.every(Boolean);
  }

  stats() {
    return [...this.#docs.values()].map((d) => d.stats);
  }
}
