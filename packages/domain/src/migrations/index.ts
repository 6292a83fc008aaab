import type * as Y from 'yjs';
import { SCHEMA_VERSION } from '../constants.js';
import { nowISO, root, transact } from '../doc.js';
import { DomainError } from '../errors.js';
import { readSchemaVersion } from '../version.js';
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-meetings.js';
import { migration0003 } from './0003-id-sets.js';
import type { Migration } from './types.js';

/** All migrations, in order; the last one's version is SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];

const MIGRATION_ORIGIN = Object.freeze({ source: 'migration' as const });

function isEmpty(doc: Y.Doc): boolean {
  for (const name of [
    'meta',
    'focusAreas',
    'columns',
    'measures',
    'milestones',
    'meetings',
  ] as const) {
    if (root(doc, name).size > 0) return false;
  }
  return true;
}

/**
 * Brings a document up to SCHEMA_VERSION in one transaction with origin `{ source: 'migration' }`
 * ([M1]–[M4]). Idempotent: a current document is left untouched, and so is an empty one (it
 * has no version yet; initAgreement/seed write the current one). A document from a newer
 * version throws DomainError('conflict') and is never touched ([M3]).
 *
 * Run it where a document is loaded with authority (the server, before serving it); clients
 * only check `readSchemaVersion(doc) <= SCHEMA_VERSION` before editing.
 *
 * @example const { from, to } = migrate(doc) // { from: 0, to: 3 } for a v0 document
 */
export function migrate(doc: Y.Doc): { from: number; to: number } {
  const from = readSchemaVersion(doc);
  if (from > SCHEMA_VERSION) {
    throw new DomainError(
      'conflict',
      `Document has schema version ${from}; this build supports up to ${SCHEMA_VERSION}`,
    );
  }
  if (from === SCHEMA_VERSION || isEmpty(doc)) return { from, to: from };
  const now = nowISO();
  transact(doc, MIGRATION_ORIGIN, () => {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      m.up(doc, now);
      root(doc, 'meta').set('schemaVersion', m.version);
    }
  });
  return { from, to: SCHEMA_VERSION };
}
