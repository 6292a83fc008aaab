import { describe, expect, it } from 'vitest';
import { isLate, milestoneState, summariseHealth } from './index.js';

const today = '2026-06-15';
const measure = (
  over: Partial<{
    dueDate: string | null;
    columnId: string;
    archived: boolean;
    health: 'green' | 'yellow' | 'red';
  }> = {},
) => ({
  dueDate: null,
  columnId: 'col-doing',
  archived: false,
  health: 'green' as const,
  ...over,
});

describe('isLate', () => {
  it('[R1] is late when the due date has passed and the measure is not done', () => {
    expect(isLate(measure({ dueDate: '2026-06-14' }), today)).toBe(true);
    expect(isLate(measure({ dueDate: '2026-06-15' }), today)).toBe(false);
    expect(isLate(measure({ dueDate: null }), today)).toBe(false);
    expect(isLate(measure({ dueDate: '2026-01-01', columnId: 'col-done' }), today)).toBe(false);
    expect(isLate(measure({ dueDate: '2026-01-01', archived: true }), today)).toBe(false);
  });

  it('[R1] honours custom columns of kind done', () => {
    const columns = [
      { id: 'col-x', kind: 'done' as const },
      { id: 'col-done', kind: 'doing' as const },
    ];
    expect(isLate(measure({ dueDate: '2026-01-01', columnId: 'col-x' }), today, columns)).toBe(
      false,
    );
    expect(isLate(measure({ dueDate: '2026-01-01', columnId: 'col-done' }), today, columns)).toBe(
      true,
    );
  });
});

describe('milestoneState', () => {
  const ms = (over: Partial<{ done: boolean; dueDate: string }> = {}) => ({
    done: false,
    dueDate: '2026-12-01',
    ...over,
  });

  it('[R2] decides done, late, at risk and on track in that order', () => {
    expect(
      milestoneState(
        ms({ done: true, dueDate: '2020-01-01' }),
        [measure({ health: 'red' })],
        today,
      ),
    ).toBe('done');
    expect(milestoneState(ms({ dueDate: '2026-06-14' }), [], today)).toBe('late');
    expect(milestoneState(ms(), [measure({ health: 'red' })], today)).toBe('at_risk');
    expect(milestoneState(ms(), [measure({ dueDate: '2026-01-01' })], today)).toBe('at_risk');
    expect(milestoneState(ms(), [measure({ health: 'yellow' })], today)).toBe('on_track');
    expect(milestoneState(ms(), [measure({ health: 'red', archived: true })], today)).toBe(
      'on_track',
    );
    expect(milestoneState(ms({ dueDate: today }), [], today)).toBe('on_track');
  });
});

describe('summariseHealth', () => {
  it('[R3] counts health, lateness and done, and finds the worst open health', () => {
    const s = summariseHealth(
      [
        measure({ health: 'green' }),
        measure({ health: 'yellow' }),
        measure({ health: 'red', columnId: 'col-done' }),
        measure({ health: 'red', archived: true }),
        measure({ health: 'green', dueDate: '2026-01-01' }),
      ],
      today,
    );
    expect(s).toEqual({ total: 4, green: 2, yellow: 1, red: 1, late: 1, done: 1, worst: 'red' });
    expect(summariseHealth([measure({ health: 'yellow' })], today).worst).toBe('yellow');
    expect(summariseHealth([], today).worst).toBe('green');
  });
});
