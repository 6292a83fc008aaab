import type * as Y from 'yjs';
import { z } from 'zod';
import { DEFAULT_COLUMNS, SCHEMA_VERSION } from './constants.js';
import { entity, newEntity, nowISO, num, root, str, transact } from './doc.js';
import { DomainError, parseInput } from './errors.js';
import { ranksAfter } from './rank.js';
import { idSchema, titleSchema } from './schema.js';
import type { AgreementMeta, TxOrigin } from './types.js';

const initSchema = z.object({ agreementId: idSchema, title: titleSchema });

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

export function readMeta(doc: Y.Doc): AgreementMeta {
  const m = root(doc, 'meta');
  const createdAt = m.get('createdAt');
  return {
    schemaVersion: num(m, 'schemaVersion', 0),
    agreementId: str(m, 'agreementId'),
    title: str(m, 'title'),
    createdAt: typeof createdAt === 'string' ? createdAt : null,
  };
}

/**
 * Makes `doc` an agreement: writes meta (with the current SCHEMA_VERSION) and the default
 * columns. Idempotent; throws 'conflict' if the document already belongs to another agreement.
 *
 * @example initAgreement(doc, { agreementId: 'tromsvekstavtalen', title: 'Tromsvekstavtalen' })
 */
export function initAgreement(
  doc: Y.Doc,
  input: { agreementId: string; title: string },
  origin?: TxOrigin,
): void {
  const { agreementId, title } = parseInput(initSchema, input, 'agreement');
  assertSupportedVersion(doc);
  transact(doc, origin, () => initIn(doc, agreementId, title, nowISO()));
}

/** Body of initAgreement, for use inside an existing transaction (seed). */
export function initIn(doc: Y.Doc, agreementId: string, title: string, createdAt: string): void {
  const meta = root(doc, 'meta');
  const existing = meta.get('agreementId');
  if (typeof existing === 'string' && existing !== agreementId) {
    throw new DomainError('conflict', `Document belongs to agreement ${existing}`);
  }
  if (existing === undefined) {
    meta.set('agreementId', agreementId);
    meta.set('title', title);
    meta.set('createdAt', createdAt);
  }
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', SCHEMA_VERSION);
  const columns = root(doc, 'columns');
  const ranks = ranksAfter(null, DEFAULT_COLUMNS.length);
  DEFAULT_COLUMNS.forEach((c, i) => {
    if (entity(doc, 'columns', c.id)) return;
    columns.set(c.id, newEntity({ id: c.id, title: c.title, kind: c.kind, rank: ranks[i] }));
  });
}
