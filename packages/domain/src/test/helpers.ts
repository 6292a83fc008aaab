import { expect } from 'vitest';
import * as Y from 'yjs';
import { DomainError, type DomainErrorCode } from '../errors.js';
import { MEASURE_ID_SETS, readIdSet } from '../idSets.js';
import { seedTromsvekstavtalen } from '../seed/seed.js';

/** A document with the agreement structure (and optionally the demo content). */
export function seededDoc(demoMeasures = false): Y.Doc {
  const doc = new Y.Doc();
  seedTromsvekstavtalen(doc, { demoMeasures });
  return doc;
}

/** Asserts `fn` throws a DomainError with `code` and leaves the document untouched. */
export function expectDomainError(
  doc: Y.Doc,
  code: DomainErrorCode,
  fn: () => unknown,
): DomainError {
  const before = Y.encodeStateVector(doc);
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  expect(Y.encodeStateVector(doc)).toEqual(before);
  return caught as DomainError;
}

/** Counts the transactions that changed `doc` while `fn` runs, with their origins. */
export function recordTransactions(doc: Y.Doc, fn: () => void): unknown[] {
  const origins: unknown[] = [];
  const h = (_u: Uint8Array, origin: unknown) => origins.push(origin);
  doc.on('update', h);
  try {
    fn();
  } finally {
    doc.off('update', h);
  }
  return origins;
}

/**
 * Turns every measure's id sets back into the plain arrays of a v2 document ([F11]), as v2
 * code wrote them (in the order they were added; an empty list as no key). Call inside a transaction that also sets the
 * version back.
 */
export function withPlainIdArrays(doc: Y.Doc): void {
  doc.getMap<unknown>('measures').forEach((m) => {
    if (!(m instanceof Y.Map)) return;
    for (const keys of Object.values(MEASURE_ID_SETS)) {
      if (!(m.get(keys.set) instanceof Y.Map)) continue;
      const ids = readIdSet(m as Y.Map<unknown>, keys);
      m.delete(keys.set);
      if (ids.length > 0) m.set(keys.plain, ids);
    }
  });
}
