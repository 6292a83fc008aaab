import { describe, expect, it } from 'vitest';
import type { MeasureRow, Projection } from './project.js';
import { addDays, agreementSummary, todayIn } from './queries.js';

const m = (id: string, over: Partial<MeasureRow> = {}): MeasureRow => ({
  id,
  focusAreaId: 'fa-1',
  columnId: 'col-idea',
  rank: 'a0',
  title: `Tiltak ${id}`,
  party: null,
  objectiveId: 'o1',
  strategyId: null,
  owners: ['Kari'],
  startDate: null,
  dueDate: null,
  health: 'green',
  archived: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const projection = (measures: MeasureRow[]): Projection => ({
  title: 'Avtale',
  columns: [
    { id: 'col-idea', title: 'Idé', kind: 'todo', position: 0 },
    { id: 'col-done', title: 'Ferdig', kind: 'done', position: 1 },
  ],
  focusAreas: [{ id: 'fa-1', number: '1', title: 'Område', position: 0 }],
  objectives: [{ id: 'o1', focusAreaId: 'fa-1', code: '1.1', title: 'Delmål', position: 0 }],
  strategies: [],
  milestones: [
    {
      id: 'soon',
      focusAreaId: 'fa-1',
      title: 'Snart',
      dueDate: '2026-03-01',
      done: false,
      doneAt: null,
      createdAt: '',
      updatedAt: '',
      measureIds: ['late', 'gone'],
    },
    {
      id: 'past',
      focusAreaId: 'fa-1',
      title: 'Før',
      dueDate: '2026-01-15',
      done: false,
      doneAt: null,
      createdAt: '',
      updatedAt: '',
      measureIds: [],
    },
    {
      id: 'far',
      focusAreaId: 'fa-1',
      title: 'Senere',
      dueDate: '2027-01-01',
      done: false,
      doneAt: null,
      createdAt: '',
      updatedAt: '',
      measureIds: [],
    },
  ],
  measures,
  statusUpdates: [
    {
      id: 's1',
      measureId: 'red',
      date: '2026-01-20',
      health: 'red',
      text: 'Stopp',
      authorId: 'u',
      authorName: 'Ola',
      createdAt: 'b',
    },
    {
      id: 's0',
      measureId: 'red',
      date: '2026-01-10',
      health: 'yellow',
      text: 'Tregt',
      authorId: 'u',
      authorName: 'Ola',
      createdAt: 'a',
    },
  ],
});

describe('the manager overview [RM5]', () => {
  const today = '2026-02-01';
  const summary = agreementSummary(
    projection([
      m('late', { dueDate: '2026-01-01' }),
      m('donelate', { dueDate: '2026-01-01', columnId: 'col-done' }),
      m('red', { health: 'red', owners: [], objectiveId: null, updatedAt: '2026-01-25T10:00:00Z' }),
      m('gone', { archived: true, health: 'red' }),
    ]),
    { id: 'a', title: 'Avtale' },
    today,
    new Date('2026-02-01T12:00:00Z'),
  );
  const fa = summary.focusAreas[0]!;

  it('[RM5] counts leave archived measures out and link every number to its measures', () => {
    expect(fa.measures).toEqual({
      total: 3,
      perColumn: { 'col-idea': 2, 'col-done': 1 },
      perHealth: { green: 2, yellow: 0, red: 1, none: 0 },
      late: 1,
      noOwner: 1,
      noObjective: 1,
      changedLast14Days: 1,
    });
    expect(fa.measureIds.late).toEqual(['late']);
    expect(fa.measureIds.changedLast14Days).toEqual(['red']);
  });

  it('[RM5] milestones next 90 days and overdue, with their state from the domain rules', () => {
    expect(fa.milestones.next90Days.map((x) => [x.id, x.state, x.measureIds])).toEqual([
      ['soon', 'at_risk', ['late']],
    ]);
    expect(fa.milestones.overdue.map((x) => [x.id, x.state])).toEqual([['past', 'late']]);
  });

  it('[RM5] a delmål shows its measures health and the latest status update per measure', () => {
    expect(fa.objectives[0]!.health).toEqual({ green: 2, yellow: 0, red: 0, none: 0 });
    expect(
      agreementSummary(projection([m('red', { health: 'red' })]), { id: 'a', title: 'A' }, today)
        .focusAreas[0]!.objectives[0]!.latestStatusUpdates,
    ).toEqual([
      {
        measureId: 'red',
        measureTitle: 'Tiltak red',
        date: '2026-01-20',
        health: 'red',
        text: 'Stopp',
        authorName: 'Ola',
      },
    ]);
  });

  it("takes today from the time zone's calendar, not UTC's", () => {
    // 00:30 in Tromsø on 6 March (winter time, UTC+1) and on 2 July (summer time, UTC+2).
    expect(todayIn('Europe/Oslo', new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-06');
    expect(todayIn('Europe/Oslo', new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(todayIn('UTC', new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-05');
    expect(todayIn('Europe/Oslo', new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(todayIn('Europe/Oslo', new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-01', -14)).toBe('2026-02-15');
  });
});
