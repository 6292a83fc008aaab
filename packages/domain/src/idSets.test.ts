import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createMeasure,
  generateLargeAgreement,
  LIMITS,
  listMeasures,
  measureMap,
  readMeasure,
  setMeasureOutcome,
  setMeasureOwner,
  type TxOrigin,
  updateMeasure,
} from './index.js';
import { expectDomainError, recordTransactions, seededDoc } from './test/helpers.js';

const board = { focusAreaId: 'fa-1', columnId: 'col-idea' };

/** Two replicas of one document with measure `id` (owners u-a; outcome out-1). */
function twoReplicas(): { a: Y.Doc; b: Y.Doc; id: string } {
  const a = seededDoc();
  const id = createMeasure(a, { ...board, title: 'T', owners: ['u-a'], outcomeIds: ['out-1'] });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, id };
}

/** Exchanges everything both ways, as reconnecting replicas do. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function both(a: Y.Doc, b: Y.Doc, id: string) {
  const ra = readMeasure(a, id)!;
  const rb = readMeasure(b, id)!;
  expect(rb.owners).toEqual(ra.owners);
  expect(rb.outcomeIds).toEqual(ra.outcomeIds);
  return ra;
}

describe('[F11] owners and outcome links merge as sets', () => {
  it('concurrent whole-list writes of different owners (updateMeasure) both survive', () => {
    const { a, b, id } = twoReplicas();
    // Kari ticks Per, Ola (offline) ticks himself: each UI sends the whole list it saw.
    updateMeasure(a, id, { owners: ['u-a', 'u-per'] });
    updateMeasure(b, id, { owners: ['u-a', 'u-ola'] });
    sync(a, b);
    expect(both(a, b, id).owners).toEqual(['u-a', 'u-ola', 'u-per']);
  });

  it('concurrent add of one owner and removal of another both apply', () => {
    const { a, b, id } = twoReplicas();
    updateMeasure(a, id, { owners: ['u-a', 'u-per'] });
    updateMeasure(b, id, { owners: [] });
    sync(a, b);
    expect(both(a, b, id).owners).toEqual(['u-per']);
  });

  it('setMeasureOwner: concurrent adds of A and B, and add vs remove, all apply', () => {
    const { a, b, id } = twoReplicas();
    setMeasureOwner(a, id, 'u-kari', true);
    setMeasureOwner(b, id, 'u-ola', true);
    sync(a, b);
    expect(both(a, b, id).owners).toEqual(['u-a', 'u-kari', 'u-ola']);
    setMeasureOwner(a, id, 'u-per', true);
    setMeasureOwner(b, id, 'u-kari', false);
    sync(a, b);
    expect(both(a, b, id).owners).toEqual(['u-a', 'u-ola', 'u-per']);
  });

  it('outcome links merge the same way (setMeasureOutcome and updateMeasure)', () => {
    const { a, b, id } = twoReplicas();
    setMeasureOutcome(a, id, 'out-3', true);
    updateMeasure(b, id, { outcomeIds: ['out-7'] }); // drops out-1, adds out-7
    sync(a, b);
    expect(both(a, b, id).outcomeIds).toEqual(['out-3', 'out-7']);
  });

  it('an add and a remove of the same owner at once end the same on both replicas', () => {
    const { a, b, id } = twoReplicas();
    setMeasureOwner(a, id, 'u-a', false);
    setMeasureOwner(b, id, 'u-b', true);
    setMeasureOwner(b, id, 'u-a', false);
    setMeasureOwner(b, id, 'u-a', true);
    sync(a, b);
    expect(both(a, b, id).owners).toContain('u-b');
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
  });

  it('reads in the order the ids were added, as the list did; concurrent adds by id', () => {
    const { a, b, id } = twoReplicas();
    updateMeasure(a, id, { owners: ['u-c', 'u-a', 'u-b', 'u-c'] });
    setMeasureOwner(a, id, 'u-0', true);
    expect(readMeasure(a, id)!.owners).toEqual(['u-a', 'u-c', 'u-b', 'u-0']);
    setMeasureOwner(b, id, 'u-z', true);
    setMeasureOwner(b, id, 'u-y', true);
    sync(a, b);
    // u-c and u-z were both added second, u-b and u-y third: the same order on both replicas.
    expect(both(a, b, id).owners).toEqual(['u-a', 'u-c', 'u-z', 'u-b', 'u-y', 'u-0']);
    const fresh = createMeasure(a, { ...board, title: 'T', owners: ['u-c', 'u-a', 'u-c'] });
    expect(readMeasure(a, fresh)!.owners).toEqual(['u-c', 'u-a']);
  });
});

describe('[F9] [F11] every measure has its id sets from the start', () => {
  it('the seed’s, the generator’s and createMeasure’s measures', () => {
    const doc = seededDoc(true);
    createMeasure(doc, { ...board, title: 'T' });
    const large = new Y.Doc();
    generateLargeAgreement(large, { measures: 60 });
    for (const d of [doc, large]) {
      const all = listMeasures(d, { includeArchived: true });
      expect(all.length).toBeGreaterThan(0);
      for (const { id } of all) {
        const m = measureMap(d, id)!;
        expect([id, m.get('ownerSet') instanceof Y.Map]).toEqual([id, true]);
        expect([id, m.get('outcomeSet') instanceof Y.Map]).toEqual([id, true]);
        expect([id, m.has('owners'), m.has('outcomeIds')]).toEqual([id, false, false]);
      }
    }
    expect(readMeasure(doc, 'm-1-1')!.outcomeIds).toEqual(['out-3']);
  });

  it('so the first owners of a seeded measure, added on two replicas at once, both stay', () => {
    const a = seededDoc(true);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setMeasureOwner(a, 'm-1-1', 'u-kari', true);
    setMeasureOwner(b, 'm-1-1', 'u-ola', true);
    setMeasureOutcome(b, 'm-1-1', 'out-4', true);
    sync(a, b);
    expect(both(a, b, 'm-1-1')).toMatchObject({
      owners: ['u-kari', 'u-ola'],
      outcomeIds: ['out-3', 'out-4'],
    });
  });
});

describe('setMeasureOwner / setMeasureOutcome', () => {
  it('[F10] one transaction with the given origin; a no-op writes nothing', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    const before = readMeasure(doc, id)!.updatedAt;
    const origin: TxOrigin = { source: 'local', userId: 'u1' };
    const origins = recordTransactions(doc, () => setMeasureOwner(doc, id, 'u1', true, origin));
    expect(origins).toEqual([origin]);
    expect(origins[0]).toBe(origin);
    expect(readMeasure(doc, id)!.owners).toEqual(['u1']);
    expect(readMeasure(doc, id)!.updatedAt >= before).toBe(true);
    expect(recordTransactions(doc, () => setMeasureOwner(doc, id, 'u1', true))).toHaveLength(0);
    expect(recordTransactions(doc, () => setMeasureOwner(doc, id, 'u2', false))).toHaveLength(0);
    expect(recordTransactions(doc, () => setMeasureOutcome(doc, id, 'out-2', false))).toEqual([]);
    setMeasureOwner(doc, id, 'u1', false);
    expect(readMeasure(doc, id)!.owners).toEqual([]);
  });

  it('[F3] validates ids, needs an existing outcome and measure, and keeps the limits', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    expectDomainError(doc, 'invalid', () => setMeasureOwner(doc, id, '', true));
    expectDomainError(doc, 'invalid', () => setMeasureOwner(doc, id, 'x'.repeat(101), true));
    expectDomainError(doc, 'invalid', () => setMeasureOutcome(doc, id, 'out 1', true));
    expectDomainError(doc, 'not_found', () => setMeasureOutcome(doc, id, 'out-99', true));
    expectDomainError(doc, 'not_found', () => setMeasureOwner(doc, 'm-none', 'u1', true));
    const many = Array.from({ length: LIMITS.owners }, (_, i) => `u-${i}`);
    updateMeasure(doc, id, { owners: many });
    expect(readMeasure(doc, id)!.owners).toHaveLength(LIMITS.owners);
    expectDomainError(doc, 'invalid', () => setMeasureOwner(doc, id, 'u-one-more', true));
    expectDomainError(doc, 'invalid', () =>
      updateMeasure(doc, id, { owners: [...many, 'u-one-more'] }),
    );
    // Removing stays possible at the limit.
    setMeasureOwner(doc, id, 'u-0', false);
    expect(readMeasure(doc, id)!.owners).toHaveLength(LIMITS.owners - 1);
  });

  it('trims an owner id, as the list form does', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    setMeasureOwner(doc, id, '  u1 ', true);
    expect(readMeasure(doc, id)!.owners).toEqual(['u1']);
  });
});

describe('[F11] a plain array under the old key (a v2 client’s write after the migration)', () => {
  it('is read, and the next set operation folds it into the set keeping its ids', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T', owners: ['u-a'] });
    const m = measureMap(doc, id)!;
    m.set('owners', ['u-z', 'u-b', 'u-b']);
    m.set('outcomeIds', ['out-4']);
    expect(readMeasure(doc, id)).toMatchObject({ owners: ['u-z', 'u-b'], outcomeIds: ['out-4'] });
    setMeasureOwner(doc, id, 'u-c', true);
    expect(m.has('owners')).toBe(false);
    expect(m.get('ownerSet')).toBeInstanceOf(Y.Map);
    expect(readMeasure(doc, id)!.owners).toEqual(['u-z', 'u-b', 'u-c']);
    updateMeasure(doc, id, { outcomeIds: ['out-4', 'out-5'] });
    expect(m.has('outcomeIds')).toBe(false);
    expect(readMeasure(doc, id)!.outcomeIds).toEqual(['out-4', 'out-5']);
  });

  it('two replicas folding it at the same time keep both their changes', () => {
    const { a, b, id } = twoReplicas();
    measureMap(a, id)!.set('owners', ['u-a', 'u-v2']);
    sync(a, b);
    setMeasureOwner(a, id, 'u-kari', true);
    setMeasureOwner(b, id, 'u-a', false);
    sync(a, b);
    expect(both(a, b, id).owners).toEqual(['u-v2', 'u-kari']);
  });

  it('a measure without a set (created offline by a v2 client) gets one on the first write', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    const m = measureMap(doc, id)!;
    m.delete('ownerSet');
    m.set('owners', ['u-a']);
    expect(readMeasure(doc, id)!.owners).toEqual(['u-a']);
    setMeasureOwner(doc, id, 'u-b', true);
    expect(readMeasure(doc, id)!.owners).toEqual(['u-a', 'u-b']);
    expect(m.get('ownerSet')).toBeInstanceOf(Y.Map);
  });
});
