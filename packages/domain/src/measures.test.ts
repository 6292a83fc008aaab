import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveMeasure,
  createMeasure,
  listMeasures,
  measureMap,
  measureText,
  moveMeasure,
  readMeasure,
  restoreMeasure,
  setMeasureText,
  stampTyping,
  TYPING_STAMP_INTERVAL_MS,
  type TxOrigin,
  updateMeasure,
} from './index.js';
import { expectDomainError, recordTransactions, seededDoc } from './test/helpers.js';

const board = { focusAreaId: 'fa-1', columnId: 'col-idea' };
const ids = (doc: Y.Doc, columnId = 'col-idea') =>
  listMeasures(doc, { focusAreaId: 'fa-1', columnId }).map((m) => m.id);

describe('createMeasure', () => {
  it('creates a measure with a trimmed title in Y.Text and sensible defaults', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: '  Felles planforum  ' });
    const m = readMeasure(doc, id)!;
    expect(m).toMatchObject({
      title: 'Felles planforum',
      description: '',
      health: 'green',
      archived: false,
      party: null,
      owners: [],
      checklist: [],
    });
    expect(measureText(doc, id, 'title')).toBeInstanceOf(Y.Text);
    expect(measureMap(doc, id)).toBeInstanceOf(Y.Map);
    expect(m.createdAt).toBe(m.updatedAt);
  });

  it('[F10] runs as one transaction with the given origin object', () => {
    const doc = seededDoc();
    const origin: TxOrigin = { source: 'local', userId: 'u1' };
    const origins = recordTransactions(doc, () =>
      createMeasure(doc, { ...board, title: 'A' }, origin),
    );
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBe(origin);
  });

  it('[O2] places new measures last, first (afterId null) or after a given measure', () => {
    const doc = seededDoc();
    const a = createMeasure(doc, { ...board, title: 'A' });
    const b = createMeasure(doc, { ...board, title: 'B' });
    const c = createMeasure(doc, { ...board, title: 'C', afterId: null });
    const d = createMeasure(doc, { ...board, title: 'D', afterId: a });
    expect(ids(doc)).toEqual([c, a, d, b]);
  });

  it('links delmål, strategy, outcomes, party and dates', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, {
      ...board,
      title: 'T',
      strategyId: 'str-1.1-2',
      outcomeIds: ['out-5', 'out-5'],
      party: 'joint',
      owners: ['u1', 'u2', 'u1'],
      startDate: '2026-01-01',
      dueDate: '2026-02-28',
    });
    expect(readMeasure(doc, id)).toMatchObject({
      objectiveId: 'obj-1.1',
      strategyId: 'str-1.1-2',
      outcomeIds: ['out-5'],
      owners: ['u1', 'u2'],
      party: 'joint',
      dueDate: '2026-02-28',
    });
  });

  it('[F3] rejects bad values without writing anything', () => {
    const doc = seededDoc();
    expectDomainError(doc, 'invalid', () => createMeasure(doc, { ...board, title: '   ' }));
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'x'.repeat(201) }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', description: 'x'.repeat(20_001) }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', dueDate: '2026-02-30' }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', dueDate: '30.06.2026' }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', startDate: '2026-03-01', dueDate: '2026-02-01' }),
    );
    expectDomainError(doc, 'invalid', () =>
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
      createMeasure(doc, { ...board, title: 'T', party: 'kommune' as any }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', objectiveId: 'obj-2.1' }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMeasure(doc, { ...board, title: 'T', objectiveId: 'obj-1.1', strategyId: 'str-1.2-1' }),
    );
  });

  it('answers not_found for unknown focus areas, columns, delmål, outcomes and afterId', () => {
    const doc = seededDoc();
    expectDomainError(doc, 'not_found', () =>
      createMeasure(doc, { ...board, focusAreaId: 'fa-9', title: 'T' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMeasure(doc, { ...board, columnId: 'col-x', title: 'T' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMeasure(doc, { ...board, title: 'T', objectiveId: 'obj-9' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMeasure(doc, { ...board, title: 'T', outcomeIds: ['out-99'] }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMeasure(doc, { ...board, title: 'T', afterId: 'm-x' }),
    );
  });

  it('refuses an id that is already used', () => {
    const doc = seededDoc();
    createMeasure(doc, { ...board, title: 'T', id: 'm-fixed' });
    expectDomainError(doc, 'conflict', () =>
      createMeasure(doc, { ...board, title: 'T', id: 'm-fixed' }),
    );
  });
});

describe('updateMeasure', () => {
  it('sets fields and clears them with null', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T', party: 'ipr', dueDate: '2026-01-01' });
    updateMeasure(doc, id, { party: null, dueDate: '2026-05-01', health: 'yellow', owners: ['a'] });
    expect(readMeasure(doc, id)).toMatchObject({
      party: null,
      dueDate: '2026-05-01',
      health: 'yellow',
      owners: ['a'],
    });
    updateMeasure(doc, id, { dueDate: null, owners: [] });
    expect(readMeasure(doc, id)).toMatchObject({ dueDate: null, owners: [] });
  });

  it('writes nothing for a patch that changes nothing', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T', party: 'ipr' });
    expect(recordTransactions(doc, () => updateMeasure(doc, id, { party: 'ipr' }))).toHaveLength(0);
  });

  it('fills in the delmål of a chosen strategy and drops a strategy outside a new delmål', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    updateMeasure(doc, id, { strategyId: 'str-1.2-2' });
    expect(readMeasure(doc, id)).toMatchObject({ objectiveId: 'obj-1.2', strategyId: 'str-1.2-2' });
    updateMeasure(doc, id, { objectiveId: 'obj-1.1' });
    expect(readMeasure(doc, id)).toMatchObject({ objectiveId: 'obj-1.1', strategyId: null });
  });

  it('validates like createMeasure and answers not_found for an unknown measure', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T', dueDate: '2026-01-01' });
    expectDomainError(doc, 'invalid', () => updateMeasure(doc, id, { startDate: '2026-02-01' }));
    expectDomainError(doc, 'invalid', () => updateMeasure(doc, id, { objectiveId: 'obj-3.1' }));
    expectDomainError(doc, 'not_found', () => updateMeasure(doc, id, { outcomeIds: ['nope'] }));
    expectDomainError(doc, 'not_found', () => updateMeasure(doc, 'm-none', { party: 'ipr' }));
  });
});

describe('setMeasureText', () => {
  it('replaces the text and keeps a concurrent edit made elsewhere in it', () => {
    const a = seededDoc();
    const id = createMeasure(a, {
      ...board,
      title: 'Felles planforum',
      description: 'Start. Midt. Slutt.',
    });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setMeasureText(a, id, 'description', 'Start. MIDT. Slutt.');
    measureText(b, id, 'description').insert(0, '>> ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMeasure(a, id)!.description).toBe('>> Start. MIDT. Slutt.');
    expect(readMeasure(b, id)!.description).toBe('>> Start. MIDT. Slutt.');
  });

  it('validates the title like createMeasure', () => {
    const doc = seededDoc();
    const id = createMeasure(doc, { ...board, title: 'T' });
    expectDomainError(doc, 'invalid', () => setMeasureText(doc, id, 'title', ' '));
    setMeasureText(doc, id, 'title', '  Ny tittel ');
    expect(readMeasure(doc, id)!.title).toBe('Ny tittel');
    expectDomainError(doc, 'not_found', () => setMeasureText(doc, 'm-x', 'title', 'x'));
  });
});

describe('stampTyping', () => {
  it("moves updatedAt with typing at most once per interval, in the edit's own transaction", () => {
    const doc = seededDoc(true);
    const t0 = Date.parse('2027-03-01T10:00:00.000Z');
    const title = measureText(doc, 'm-1-1', 'title');
    const updatedAt = () => readMeasure(doc, 'm-1-1')?.updatedAt;
    const origins = recordTransactions(doc, () => {
      doc.transact(() => {
        title.insert(title.length, '!');
        expect(stampTyping(doc, 'm-1-1', undefined, t0)).toBe(true);
      }, 'typing');
    });
    expect(origins).toEqual(['typing']); // one transaction: the stamp joined the edit's
    expect(updatedAt()).toBe('2027-03-01T10:00:00.000Z');
    // Typing on within the interval: no more map writes, so Yjs merges the characters.
    const items = () => {
      let n = 0;
      for (let i = title._start; i; i = i.right) n++;
      return n;
    };
    const before = items();
    for (let i = 1; i <= 20; i++) {
      doc.transact(() => {
        title.insert(title.length, 'x');
        expect(stampTyping(doc, 'm-1-1', undefined, t0 + i * 1000)).toBe(false);
      });
    }
    // 20 characters, one item (the stamp came between '!' and them: one split in a minute).
    expect(items()).toBe(before + 1);
    expect(updatedAt()).toBe('2027-03-01T10:00:00.000Z');
    expect(stampTyping(doc, 'm-1-1', undefined, t0 + TYPING_STAMP_INTERVAL_MS)).toBe(true);
    expect(updatedAt()).toBe('2027-03-01T10:01:00.000Z');
  });

  it('lets a deletion tell who made it, and refuses an unknown measure', () => {
    const a = seededDoc(true);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const writers: number[][] = [];
    a.on('afterTransaction', (tr: Y.Transaction) => {
      writers.push(
        [...tr.afterState].filter(([c, k]) => k > (tr.beforeState.get(c) ?? 0)).map(([c]) => c),
      );
    });
    const sv = Y.encodeStateVector(b);
    b.transact(() => {
      measureText(b, 'm-1-1', 'title').delete(0, 3);
      stampTyping(b, 'm-1-1');
    });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, sv));
    expect(writers).toEqual([[b.clientID]]);
    expectDomainError(a, 'not_found', () => stampTyping(a, 'nope'));
  });
});

describe('moveMeasure', () => {
  it('[O2] moves across columns to an index among the other measures there', () => {
    const doc = seededDoc();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createMeasure(doc, { ...board, title }));
    const d = createMeasure(doc, { ...board, columnId: 'col-doing', title: 'D' });
    moveMeasure(doc, a!, { columnId: 'col-doing', index: 1 });
    expect(ids(doc, 'col-doing')).toEqual([d, a]);
    expect(ids(doc)).toEqual([b, c]);
    moveMeasure(doc, c!, { columnId: 'col-idea', index: 0 });
    expect(ids(doc)).toEqual([c, b]);
    moveMeasure(doc, c!, { columnId: 'col-idea', index: 99 });
    expect(ids(doc)).toEqual([b, c]);
  });

  it('[O2] sets column and rank in one transaction, and none for a drop in place', () => {
    const doc = seededDoc();
    const a = createMeasure(doc, { ...board, title: 'A' });
    createMeasure(doc, { ...board, title: 'B' });
    expect(
      recordTransactions(doc, () => moveMeasure(doc, a, { columnId: 'col-done', index: 0 })),
    ).toHaveLength(1);
    expect(
      recordTransactions(doc, () => moveMeasure(doc, a, { columnId: 'col-done', index: 0 })),
    ).toHaveLength(0);
  });

  it('answers not_found for an unknown column or measure and invalid for a bad index', () => {
    const doc = seededDoc();
    const a = createMeasure(doc, { ...board, title: 'A' });
    expectDomainError(doc, 'not_found', () =>
      moveMeasure(doc, a, { columnId: 'col-nope', index: 0 }),
    );
    expectDomainError(doc, 'not_found', () =>
      moveMeasure(doc, 'm-nope', { columnId: 'col-done', index: 0 }),
    );
    expectDomainError(doc, 'invalid', () =>
      moveMeasure(doc, a, { columnId: 'col-done', index: -1 }),
    );
    expectDomainError(doc, 'invalid', () =>
      moveMeasure(doc, a, { columnId: 'col-done', index: 0.5 }),
    );
  });

  it('[O3] moves between two measures that got equal ranks on different replicas', () => {
    const a = seededDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const x = createMeasure(a, { ...board, title: 'X', id: 'm-x' });
    const y = createMeasure(b, { ...board, title: 'Y', id: 'm-y' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readMeasure(a, x)!.rank).toBe(readMeasure(a, y)!.rank);
    expect(ids(a)).toEqual(['m-x', 'm-y']);
    const z = createMeasure(a, { ...board, title: 'Z', afterId: x, id: 'm-z' });
    expect(ids(a)).toEqual(['m-x', 'm-z', 'm-y']);
    const w = createMeasure(a, { ...board, columnId: 'col-done', title: 'W', id: 'm-w' });
    moveMeasure(a, w, { columnId: 'col-idea', index: 1 });
    expect(ids(a)).toEqual(['m-x', 'm-w', 'm-z', 'm-y']);
    expect(new Set(listMeasures(a).map((m) => m.rank)).size).toBe(4);
    void z;
  });
});

describe('moveMeasure to another focus area', () => {
  it('moves the card to the other board and clears its delmål and strategy', () => {
    const doc = seededDoc();
    const a = createMeasure(doc, { ...board, title: 'A', strategyId: 'str-1.1-1' });
    const b = createMeasure(doc, { focusAreaId: 'fa-2', columnId: 'col-idea', title: 'B' });
    moveMeasure(doc, a, { focusAreaId: 'fa-2', columnId: 'col-idea', index: 0 });
    expect(readMeasure(doc, a)).toMatchObject({
      focusAreaId: 'fa-2',
      objectiveId: null,
      strategyId: null,
    });
    expect(listMeasures(doc, { focusAreaId: 'fa-2' }).map((m) => m.id)).toEqual([a, b]);
    expect(ids(doc)).toEqual([]);
    expectDomainError(doc, 'not_found', () =>
      moveMeasure(doc, a, { focusAreaId: 'fa-9', columnId: 'col-idea', index: 0 }),
    );
  });
});

describe('undo', () => {
  it('[F10] one Y.UndoManager step undoes a whole move, column and rank together', () => {
    const doc = seededDoc();
    const origin: TxOrigin = { source: 'local', userId: 'u1' };
    const a = createMeasure(doc, { ...board, title: 'A' }, origin);
    const b = createMeasure(doc, { ...board, title: 'B' }, origin);
    const c = createMeasure(doc, { ...board, title: 'C' }, origin);
    const undo = new Y.UndoManager([doc.getMap('measures')], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    });
    moveMeasure(doc, b, { columnId: 'col-done', index: 0 }, origin);
    moveMeasure(doc, a, { columnId: 'col-idea', index: 1 }, origin);
    expect(ids(doc)).toEqual([c, a]);
    undo.undo();
    expect(ids(doc)).toEqual([a, c]);
    expect(readMeasure(doc, b)!.columnId).toBe('col-done');
    undo.undo();
    expect(ids(doc)).toEqual([a, b, c]);
    // Edits with another origin (a remote peer) are not undone.
    moveMeasure(
      doc,
      a,
      { columnId: 'col-doing', index: 0 },
      { source: 'connection', userId: 'u2' },
    );
    undo.undo();
    expect(readMeasure(doc, a)!.columnId).toBe('col-doing');
  });
});

describe('archiveMeasure / restoreMeasure', () => {
  it('[F5] archives with a flag, hides the measure from lists and restores it in place', () => {
    const doc = seededDoc();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createMeasure(doc, { ...board, title }));
    archiveMeasure(doc, b!);
    expect(ids(doc)).toEqual([a, c]);
    expect(readMeasure(doc, b!)).toMatchObject({ archived: true, columnId: 'col-idea' });
    expect(listMeasures(doc, { includeArchived: true }).map((m) => m.id)).toContain(b);
    restoreMeasure(doc, b!);
    expect(ids(doc)).toEqual([a, b, c]);
    expect(recordTransactions(doc, () => restoreMeasure(doc, b!))).toHaveLength(0);
    expectDomainError(doc, 'not_found', () => archiveMeasure(doc, 'm-none'));
  });
});

describe('values written by a foreign or buggy peer', () => {
  it('[F2] reads stay total and operations repair the column', () => {
    const doc = seededDoc();
    const a = createMeasure(doc, { ...board, title: 'A' });
    const b = createMeasure(doc, { ...board, title: 'B' });
    const raw = measureMap(doc, b)!;
    raw.set('rank', 42);
    raw.set('health', 'purple');
    raw.set('owners', 'not-an-array');
    doc.getMap('measures').set('junk', 'not a map');
    expect(readMeasure(doc, b)).toMatchObject({ rank: '', health: 'green', owners: [] });
    expect(listMeasures(doc).map((m) => m.id)).toEqual([b, a]);
    const c = createMeasure(doc, { ...board, title: 'C', afterId: b });
    expect(ids(doc)).toEqual([b, c, a]);
    moveMeasure(doc, a, { columnId: 'col-idea', index: 0 });
    expect(ids(doc)).toEqual([a, b, c]);
  });
});
