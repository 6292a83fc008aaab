import { describe, expect, it } from 'vitest';
import {
  createColumn,
  DEFAULT_COLUMNS,
  initAgreement,
  listColumns,
  moveColumn,
  readColumn,
  renameColumn,
  setColumnKind,
} from './index.js';
import * as Y from 'yjs';
import { expectDomainError, recordTransactions } from './test/helpers.js';

function fresh(): Y.Doc {
  const doc = new Y.Doc();
  initAgreement(doc, { agreementId: 'a1', title: 'Avtale' });
  return doc;
}

describe('columns', () => {
  it('[F7] a new agreement has the default Norwegian columns', () => {
    const doc = fresh();
    expect(listColumns(doc).map((c) => [c.id, c.title, c.kind])).toEqual(
      DEFAULT_COLUMNS.map((c) => [c.id, c.title, c.kind]),
    );
  });

  it('creates, renames, re-kinds and reorders columns', () => {
    const doc = fresh();
    const id = createColumn(doc, { title: 'Til vurdering', afterId: 'col-idea' });
    expect(listColumns(doc).map((c) => c.id)).toEqual([
      'col-idea',
      id,
      'col-planned',
      'col-doing',
      'col-done',
    ]);
    renameColumn(doc, id, ' Vurderes ');
    setColumnKind(doc, id, 'todo');
    expect(readColumn(doc, id)).toMatchObject({ title: 'Vurderes', kind: 'todo' });
    moveColumn(doc, id, 4);
    expect(listColumns(doc).at(-1)!.id).toBe(id);
    moveColumn(doc, 'col-done', 0);
    expect(listColumns(doc)[0]!.id).toBe('col-done');
    const first = createColumn(doc, { title: 'Først', afterId: null });
    expect(listColumns(doc)[0]!.id).toBe(first);
  });

  it('validates titles and ids', () => {
    const doc = fresh();
    expectDomainError(doc, 'invalid', () => createColumn(doc, { title: '' }));
    expectDomainError(doc, 'not_found', () => createColumn(doc, { title: 'X', afterId: 'col-x' }));
    expectDomainError(doc, 'not_found', () => renameColumn(doc, 'col-x', 'X'));
    expectDomainError(doc, 'invalid', () => moveColumn(doc, 'col-idea', -1));
    expectDomainError(doc, 'not_found', () => moveColumn(doc, 'col-x', 0));
  });

  it('initAgreement is idempotent and refuses another agreement id', () => {
    const doc = fresh();
    expect(
      recordTransactions(doc, () => initAgreement(doc, { agreementId: 'a1', title: 'Avtale' })),
    ).toHaveLength(0);
    expectDomainError(doc, 'conflict', () =>
      initAgreement(doc, { agreementId: 'a2', title: 'Annen' }),
    );
  });
});
