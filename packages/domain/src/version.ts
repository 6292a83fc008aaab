import type * as Y from 'yjs';
import { SCHEMA_VERSION } from './constants.js';
import { num, root } from './doc.js';
import { DomainError } from './errors.js';

/** The schema version stored in the document; 0 when absent (a v0 or empty document). */
export function readSchemaVersion(doc: Y.Doc): number {
  return num(root(doc, 'meta'), 'schemaVersion', 0);
}

/** Throws DomainError('conflict') when the document was written by a newer format ([F1]). */
export function assertSupportedVersion(doc: Y.Doc): void {
  const v = readSchemaVersion(doc);
  if (v > SCHEMA_VERSION) {
    throw new DomainError(
      'conflict',
      `Document has schema version ${v}; this build supports up to ${SCHEMA_VERSION}`,
    );
  }
}
