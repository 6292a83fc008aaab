import type * as Y from 'yjs';

/**
 * Named points in a document's lifecycle where other modules plug in (read-model projection,
 * metrics, migrations), in the spirit of Hocuspocus extensions. Called in this order:
 * afterLoad (before any client is answered) -> afterStore (after each durable commit, before
 * the next) -> beforeUnload. A hook that throws is logged; in afterLoad it fails the load.
 */
export interface DocHooks {
  afterLoad?(docId: string, doc: Y.Doc): void | Promise<void>;
  /** `updates`: what this commit wrote (Yjs updates, oldest first). */
  afterStore?(docId: string, doc: Y.Doc, updates: readonly Uint8Array[]): void | Promise<void>;
  beforeUnload?(docId: string, doc: Y.Doc): void;
}

/**
 * Calls `call` for each hook in order; a hook that returns a promise is awaited before the
 * next. All synchronous (the usual case, after every commit) costs no promise at all.
 */
function inOrder(
  hooks: readonly DocHooks[],
  call: (h: DocHooks) => void | Promise<void>,
  from = 0,
): void | Promise<void> {
  for (let i = from; i < hooks.length; i++) {
    const result = call(hooks[i]!);
    if (result) return result.then(() => inOrder(hooks, call, i + 1));
  }
}

/**
 * Runs several modules' hooks as one, in the given order (each awaited before the next), so
 * their order is fixed in one place (server.ts).
 */
export function composeHooks(...list: (DocHooks | undefined)[]): DocHooks {
  const hooks = list.filter((h): h is DocHooks => h !== undefined);
  return {
    afterLoad: (docId, doc) => inOrder(hooks, (h) => h.afterLoad?.(docId, doc)),
    afterStore: (docId, doc, updates) => inOrder(hooks, (h) => h.afterStore?.(docId, doc, updates)),
    beforeUnload(docId, doc) {
      // Every module gets its chance to let go of the document; the first error is rethrown.
      let first: unknown = null;
      for (const h of hooks) {
        try {
          h.beforeUnload?.(docId, doc);
        } catch (err) {
          first ??= err;
        }
      }
      if (first) throw first;
    },
  };
}
