import type * as Y from 'yjs';

/** One numbered step of the document format; `up` runs inside the migration transaction. */
export interface Migration {
  /** The schema version the document has after this step. */
  version: number;
  name: string;
  up(doc: Y.Doc, nowISO: string): void;
}
