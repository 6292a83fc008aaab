import type * as Y from 'yjs';

/**
 * Named points in a document's lifecycle where other modules plug in (read-model projection,
 * metrics, migrations), in the spirit of Hocuspocus extensions. Called in this order:
 * afterLoad (before any client is answered) -> afterStore (after each durable commit, before
 * the next) -> beforeUnload. A hook that throws is logged; in afterLoad it fails the load.
 */
export interface DocHooks {
  afterLoad?(docId: string, doc: Y.Doc): void | Promise<void>;
  afterStore?(docId: string, doc: Y.Doc): void | Promise<void>;
  beforeUnload?(docId: string, doc: Y.Doc): void;
}
