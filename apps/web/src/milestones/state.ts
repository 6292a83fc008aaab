import {
  type ColumnView,
  isLate,
  type MeasureView,
  type MilestoneState,
  type MilestoneView,
  milestoneState,
} from '@tavla/domain';

/** A milestone with its derived state and the progress of its linked measures. */
export interface MilestoneInfo {
  milestone: MilestoneView;
  state: MilestoneState;
  /** Linked, non-archived measures. */
  measures: MeasureView[];
  total: number;
  /** Linked measures in a column of kind 'done'. */
  done: number;
  red: number;
  late: number;
}

export const MILESTONE_STATES: readonly MilestoneState[] = ['done', 'on_track', 'at_risk', 'late'];

/**
 * State and progress of every milestone, from the domain's rule ([R2] `milestoneState`) and the
 * measures as they are in the document now. Pure: the timeline and the board call it on every
 * change of the document.
 */
export function milestoneInfos(
  milestones: readonly MilestoneView[],
  measures: readonly MeasureView[],
  todayISO: string,
  columns: readonly Pick<ColumnView, 'id' | 'kind'>[],
): Map<string, MilestoneInfo> {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const doneCols = new Set(columns.filter((c) => c.kind === 'done').map((c) => c.id));
  const out = new Map<string, MilestoneInfo>();
  for (const ms of milestones) {
    const linked: MeasureView[] = [];
    for (const id of ms.measureIds) {
      const m = byId.get(id);
      if (m && !m.archived) linked.push(m);
    }
    let done = 0;
    let red = 0;
    let late = 0;
    for (const m of linked) {
      if (doneCols.has(m.columnId)) done++;
      if (m.health === 'red') red++;
      if (isLate(m, todayISO, columns)) late++;
    }
    out.set(ms.id, {
      milestone: ms,
      state: milestoneState(ms, linked, todayISO, columns),
      measures: linked,
      total: linked.length,
      done,
      red,
      late,
    });
  }
  return out;
}
