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
