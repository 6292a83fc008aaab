import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { DEFAULT_COLUMNS, SCHEMA_VERSION } from './constants.js';
import { newEntity, nowISO, num, root, str, transact } from './doc.js';
import { DomainError, parseInput } from './errors.js';
import { assertSupportedVersion, readSchemaVersion } from './version.js';
import { migrate } from './migrations/index.js';
import { ranksAfter } from './rank.js';
import { idSchema, titleSchema } from './schema.js';
import type { AgreementMeta, TxOrigin } from './types.js';

const initSchema = z.object({ agreementId: idSchema, title: titleSchema });

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
  // A v0 document with content must be migrated first: stamping the current version on it
  // would make migrate() skip it.
  if (readSchemaVersion(doc) < SCHEMA_VERSION) migrate(doc);
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
  // Default columns only for an agreement without any: one that has its own (e.g. from a v0
  // document) keeps exactly those.
  const columns = root(doc, 'columns');
  if (columns.size > 0) return;
  const ranks = ranksAfter(null, DEFAULT_COLUMNS.length);
  DEFAULT_COLUMNS.forEach((c, i) => {
    columns.set(c.id, newEntity({ id: c.id, title: c.title, kind: c.kind, rank: ranks[i] }));
  });
}
