import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createMeeting,
  deleteMeeting,
  listMeetings,
  readMeeting,
  SCHEMA_VERSION,
  seedTromsvekstavtalen,
  updateMeeting,
} from './index.js';
import { expectDomainError, recordTransactions, seededDoc } from './test/helpers.js';

describe('meetings', () => {
  it('[MT1] creates a meeting with date, title, kind and note', () => {
    const doc = seededDoc();
    const id = createMeeting(doc, {
      date: '2026-04-23',
      title: ' Politisk møte vår 2026 ',
      kind: 'political',
      note: 'IPR kaller inn',
    });
    expect(id).toMatch(/^mt-[0-9a-z]{16}$/);
    expect(readMeeting(doc, id)).toMatchObject({
      id,
      date: '2026-04-23',
      title: 'Politisk møte vår 2026',
      kind: 'political',
      note: 'IPR kaller inn',
    });
    const plain = createMeeting(doc, {
      id: 'mt-x',
      date: '2026-02-11',
      title: 'Adm',
      kind: 'administrative',
      note: '  ',
    });
    expect(readMeeting(doc, plain)?.note).toBeNull();
  });

  it('[F3] validates input and refuses a used id, writing nothing', () => {
    const doc = seededDoc();
    const ok = { date: '2026-04-23', title: 'M', kind: 'political' as const };
    expectDomainError(doc, 'invalid', () => createMeeting(doc, { ...ok, date: '2026-02-30' }));
    expectDomainError(doc, 'invalid', () => createMeeting(doc, { ...ok, title: '  ' }));
    expectDomainError(doc, 'invalid', () =>
      createMeeting(doc, { ...ok, kind: 'social' as unknown as 'political' }),
    );
    expectDomainError(doc, 'invalid', () => createMeeting(doc, { ...ok, note: 'x'.repeat(2001) }));
    createMeeting(doc, { ...ok, id: 'mt-1' });
    expectDomainError(doc, 'conflict', () => createMeeting(doc, { ...ok, id: 'mt-1' }));
    expectDomainError(doc, 'invalid', () => updateMeeting(doc, 'mt-1', { date: 'soon' }));
    expectDomainError(doc, 'not_found', () => updateMeeting(doc, 'mt-2', { title: 'T' }));
    expectDomainError(doc, 'not_found', () => deleteMeeting(doc, 'mt-2'));
    expectDomainError(doc, 'invalid', () => listMeetings(doc, { from: '2026' }));
  });

  it('[MT2] lists by date then id, within an inclusive range', () => {
    const doc = seededDoc();
    const mk = (id: string, date: string) =>
      createMeeting(doc, { id, date, title: id, kind: 'administrative' });
    mk('b', '2026-05-01');
    mk('a', '2026-05-01');
    mk('c', '2025-10-23');
    mk('d', '2027-01-01');
    expect(listMeetings(doc).map((m) => m.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(listMeetings(doc, { from: '2026-05-01' }).map((m) => m.id)).toEqual(['a', 'b', 'd']);
    expect(listMeetings(doc, { to: '2026-05-01' }).map((m) => m.id)).toEqual(['c', 'a', 'b']);
    expect(listMeetings(doc, { from: '2026-01-01', to: '2026-12-31' }).map((m) => m.id)).toEqual([
      'a',
      'b',
    ]);
  });

  it('[MT3] updates only changed fields, clears the note, and a no-op writes nothing', () => {
    const doc = seededDoc();
    const id = createMeeting(doc, {
      date: '2026-04-23',
      title: 'Møte',
      kind: 'administrative',
      note: 'Sted: Tromsø',
    });
    const origin = { source: 'local' as const, userId: 'u1' };
    const origins = recordTransactions(doc, () =>
      updateMeeting(doc, id, { date: '2026-04-24', kind: 'political', note: null }, origin),
    );
    expect(origins).toEqual([origin]);
    expect(readMeeting(doc, id)).toMatchObject({
      date: '2026-04-24',
      kind: 'political',
      note: null,
      title: 'Møte',
    });
    expect(
      recordTransactions(doc, () => updateMeeting(doc, id, { title: 'Møte', note: '' })),
    ).toHaveLength(0);
  });

  it('[MT4] deletes a meeting in one transaction', () => {
    const doc = seededDoc();
    const id = createMeeting(doc, { date: '2026-04-23', title: 'M', kind: 'political' });
    expect(recordTransactions(doc, () => deleteMeeting(doc, id))).toHaveLength(1);
    expect(readMeeting(doc, id)).toBeUndefined();
    expect(listMeetings(doc)).toEqual([]);
  });

  it('[MT2] reads ignore values that are not meetings ([F2]) and fall back on an unknown kind', () => {
    const doc = seededDoc();
    doc.getMap('meetings').set('junk', 'x');
    const bad = new Y.Map<unknown>();
    bad.set('id', 'nodate');
    doc.getMap('meetings').set('nodate', bad);
    const odd = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: 'odd', date: '2026-01-01', title: 'O', kind: 'x' }))
      odd.set(k, v);
    doc.getMap('meetings').set('odd', odd);
    expect(listMeetings(doc).map((m) => [m.id, m.kind])).toEqual([['odd', 'administrative']]);
  });

  it('[F1] refuses to write meetings into a document of a newer version', () => {
    const doc = seededDoc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectDomainError(doc, 'conflict', () =>
      createMeeting(doc, { date: '2026-04-23', title: 'M', kind: 'political' }),
    );
  });

  it('concurrent edits of different fields merge; concurrent creates both survive', () => {
    const a = seededDoc();
    createMeeting(a, { id: 'mt-1', date: '2026-04-23', title: 'M', kind: 'political' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateMeeting(a, 'mt-1', { date: '2026-04-30' });
    updateMeeting(b, 'mt-1', { note: 'Sted: Finnsnes' });
    createMeeting(a, { date: '2026-09-09', title: 'A', kind: 'administrative' });
    createMeeting(b, { date: '2026-09-10', title: 'B', kind: 'administrative' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listMeetings(a)).toEqual(listMeetings(b));
    expect(listMeetings(a)).toHaveLength(3);
    expect(readMeeting(a, 'mt-1')).toMatchObject({ date: '2026-04-30', note: 'Sted: Finnsnes' });
  });

  it('[S1] the demo seed has political meetings twice a year and some administrative ones, idempotently', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { demoMeasures: true });
    const all = listMeetings(doc);
    const political = all.filter((m) => m.kind === 'political');
    for (const year of ['2026', '2027', '2028']) {
      expect(political.filter((m) => m.date.startsWith(year))).toHaveLength(2);
    }
    expect(political[0]).toMatchObject({ id: 'mt-pol-2025-2', date: '2025-10-23' });
    expect(all.filter((m) => m.kind === 'administrative').length).toBeGreaterThanOrEqual(3);
    expect(
      recordTransactions(doc, () => seedTromsvekstavtalen(doc, { demoMeasures: true })),
    ).toHaveLength(0);
    // Without demo content there are no meetings.
    expect(listMeetings(seededDoc())).toEqual([]);
  });
});
