import type { ColumnView, MeasureView, MilestoneState, MilestoneView } from './types.js';

/** The default "done" column, used when no column list is given. */
const DEFAULT_DONE_COLUMN = 'col-done';

function inDoneColumn(columnId: string, columns?: readonly Pick<ColumnView, 'id' | 'kind'>[]) {
  if (!columns) return columnId === DEFAULT_DONE_COLUMN;
  return columns.some((c) => c.id === columnId && c.kind === 'done');
}

/**
 * A measure is late when its due date is before today and it is not in a column of kind
 * 'done' ([R1]). Archived measures are never late. Pass `columns` (from listColumns) to honour
 * custom columns; without it only the default 'col-done' counts as done.
 *
 * @example isLate(measure, '2026-03-01', listColumns(doc))
 */
export function isLate(
  measure: Pick<MeasureView, 'dueDate' | 'columnId' | 'archived'>,
  todayISO: string,
  columns?: readonly Pick<ColumnView, 'id' | 'kind'>[],
): boolean {
  if (measure.archived || !measure.dueDate) return false;
  return measure.dueDate < todayISO && !inDoneColumn(measure.columnId, columns);
}

/**
 * State of a milestone ([R2]): 'done' if marked done; else 'late' if its due date is before
 * today; else 'at_risk' if any linked (non-archived) measure is red or late; else 'on_track'.
 *
 * @example milestoneState(ms, listMeasures(doc).filter(m => ms.measureIds.includes(m.id)), today)
 */
export function milestoneState(
  milestone: Pick<MilestoneView, 'done' | 'dueDate'>,
  linkedMeasures: readonly Pick<MeasureView, 'dueDate' | 'columnId' | 'archived' | 'health'>[],
  todayISO: string,
  columns?: readonly Pick<ColumnView, 'id' | 'kind'>[],
): MilestoneState {
  if (milestone.done) return 'done';
  if (milestone.dueDate < todayISO) return 'late';
  const risky = linkedMeasures.some(
    (m) => !m.archived && (m.health === 'red' || isLate(m, todayISO, columns)),
  );
  return risky ? 'at_risk' : 'on_track';
}

export interface HealthSummary {
  total: number;
  green: number;
  yellow: number;
  red: number;
  /** Late measures ([R1]), whatever their health. */
  late: number;
  /** Measures in a column of kind 'done'. */
  done: number;
  /** The worst health among measures not done: red > yellow > green; green when none. */
  worst: 'green' | 'yellow' | 'red';
}

/**
 * Rolls the health of a set of measures up into counts and a worst value ([R3]), e.g. for a
 * focus area on the overview page. Archived measures are left out; a measure that is late
 * counts as red for `worst`, and done measures do not count for `worst`.
 *
 * @example summariseHealth(listMeasures(doc, { focusAreaId: 'fa-1' }), today, listColumns(doc)).worst
 */
export function summariseHealth(
  measures: readonly Pick<MeasureView, 'dueDate' | 'columnId' | 'archived' | 'health'>[],
  todayISO: string,
  columns?: readonly Pick<ColumnView, 'id' | 'kind'>[],
): HealthSummary {
  const s: HealthSummary = {
    total: 0,
    green: 0,
    yellow: 0,
    red: 0,
    late: 0,
    done: 0,
    worst: 'green',
  };
  const order = { green: 0, yellow: 1, red: 2 } as const;
  for (const m of measures) {
    if (m.archived) continue;
    s.total++;
    s[m.health]++;
    const late = isLate(m, todayISO, columns);
    if (late) s.late++;
    if (inDoneColumn(m.columnId, columns)) {
      s.done++;
      continue;
    }
    const h = late ? 'red' : m.health;
    if (order[h] > order[s.worst]) s.worst = h;
  }
  return s;
}
