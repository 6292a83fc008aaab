import { describe, expect, it } from 'vitest';
import {
  addChecklistItem,
  addComment,
  addStatusUpdate,
  createMeasure,
  readMeasure,
  removeChecklistItem,
  setChecklistItem,
  setClock,
} from './index.js';
import { expectDomainError, seededDoc } from './test/helpers.js';

const author = { authorId: 'u-kari', authorName: 'Kari Nordmann' };

function withMeasure() {
  const doc = seededDoc();
  const id = createMeasure(doc, {
    focusAreaId: 'fa-3',
    columnId: 'col-doing',
    title: 'Klimastatus',
  });
  return { doc, id };
}

describe('checklist', () => {
  it('adds items in order, edits and removes them', () => {
    const { doc, id } = withMeasure();
    const a = addChecklistItem(doc, id, ' Innhente data ');
    const b = addChecklistItem(doc, id, 'Skrive rapport');
    setChecklistItem(doc, id, a, { done: true });
    setChecklistItem(doc, id, b, { text: 'Skrive sluttrapport' });
    expect(readMeasure(doc, id)!.checklist.map((i) => [i.text, i.done])).toEqual([
      ['Innhente data', true],
      ['Skrive sluttrapport', false],
    ]);
    removeChecklistItem(doc, id, a);
    expect(readMeasure(doc, id)!.checklist.map((i) => i.id)).toEqual([b]);
  });

  it('rejects empty text and unknown items', () => {
    const { doc, id } = withMeasure();
    expectDomainError(doc, 'invalid', () => addChecklistItem(doc, id, '  '));
    expectDomainError(doc, 'not_found', () => setChecklistItem(doc, id, 'chk-x', { done: true }));
    expectDomainError(doc, 'not_found', () => removeChecklistItem(doc, id, 'chk-x'));
    expectDomainError(doc, 'not_found', () => addChecklistItem(doc, 'm-x', 'T'));
  });
});

describe('comments', () => {
  it('appends comments in time order', () => {
    const { doc, id } = withMeasure();
    const restore = setClock(() => new Date('2026-03-01T10:00:00Z'));
    try {
      addComment(doc, id, { ...author, text: 'Første' });
      setClock(() => new Date('2026-03-02T10:00:00Z'));
      addComment(doc, id, { ...author, text: 'Andre' });
    } finally {
      restore();
    }
    expect(readMeasure(doc, id)!.comments.map((c) => [c.text, c.createdAt])).toEqual([
      ['Første', '2026-03-01T10:00:00.000Z'],
      ['Andre', '2026-03-02T10:00:00.000Z'],
    ]);
    expectDomainError(doc, 'invalid', () => addComment(doc, id, { ...author, text: '' }));
  });
});

describe('addStatusUpdate', () => {
  it('[F8] records a dated update and sets the measure health', () => {
    const { doc, id } = withMeasure();
    addStatusUpdate(doc, id, {
      ...author,
      health: 'red',
      text: 'Mangler data fra to kommuner',
      date: '2026-04-01',
    });
    const m = readMeasure(doc, id)!;
    expect(m.health).toBe('red');
    expect(m.statusUpdates).toHaveLength(1);
    expect(m.statusUpdates[0]).toMatchObject({
      date: '2026-04-01',
      health: 'red',
      text: 'Mangler data fra to kommuner',
      authorId: 'u-kari',
      authorName: 'Kari Nordmann',
    });
  });

  it('[F8] needs a text when the health changes, but not when it stays', () => {
    const { doc, id } = withMeasure();
    const e = expectDomainError(doc, 'invalid', () =>
      addStatusUpdate(doc, id, { ...author, health: 'yellow', text: '  ' }),
    );
    expect(e.issues?.[0]?.path).toBe('text');
    addStatusUpdate(doc, id, { ...author, health: 'green', text: '' });
    expect(readMeasure(doc, id)!.statusUpdates).toHaveLength(1);
    expectDomainError(doc, 'invalid', () =>
      addStatusUpdate(doc, id, { ...author, health: 'green', text: 'x', date: '2026-02-31' }),
    );
  });
});
