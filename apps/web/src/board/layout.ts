import type { ColumnView, MeasureView, MilestoneView, ObjectiveView } from '@tavla/domain';
import { type Filters, isFiltering, matches } from '../filters/filters';

/** One swimlane: its measure ids per column, in rank order. `key` is '' when not grouped. */
export interface Lane {
  key: string;
  columns: Record<string, string[]>;
}

export interface BoardLayout {
  lanes: Lane[];
  /** Non-archived measures of the focus area, shown or not (for "N hidden by the filter"). */
  total: number;
  shown: number;
}

export interface LayoutInput {
  focusAreaId: string;
  filters: Filters;
  columns: ColumnView[];
  objectives: ObjectiveView[];
  milestones: MilestoneView[];
  todayISO: string;
  /** Sort key of owner lanes (names). */
  ownerName: (userId: string) => string;
}

export const NO_GROUP = '∅';

export function compareRank(
  a: Pick<MeasureView, 'rank' | 'id'>,
  b: Pick<MeasureView, 'rank' | 'id'>,
) {
  if (a.rank < b.rank) return -1;
  if (a.rank > b.rank) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Which lanes a measure belongs to (an owner lane per owner, a milestone lane per milestone). */
function laneKeys(
  m: MeasureView,
  input: LayoutInput,
  msByMeasure: Map<string, string[]>,
): string[] {
  switch (input.filters.groupBy) {
    case 'objective':
      return [m.objectiveId ?? NO_GROUP];
    case 'party':
      return [m.party ?? NO_GROUP];
    case 'owner':
      return m.owners.length ? m.owners : [NO_GROUP];
    case 'milestone': {
      const ms = msByMeasure.get(m.id);
      return ms?.length ? ms : [NO_GROUP];
    }
    default:
      return [''];
  }
}

function laneOrder(keys: string[], input: LayoutInput): string[] {
  const { groupBy } = input.filters;
  const rankOf = (k: string): string => {
    if (k === NO_GROUP) return '\uffff';
    if (groupBy === 'objective') {
      const o = input.objectives.find((x) => x.id === k);
      return o ? `${o.rank}\u0000${o.id}` : k;
    }
    if (groupBy === 'party') return String(['county', 'ipr', 'joint'].indexOf(k));
    if (groupBy === 'owner') return input.ownerName(k).toLocaleLowerCase('nb');
    if (groupBy === 'milestone') {
      const ms = input.milestones.find((x) => x.id === k);
      return ms ? `${ms.dueDate}\u0000${ms.id}` : k;
    }
    return k;
  };
  return [...keys].sort((a, b) => {
    const ra = rankOf(a);
    const rb = rankOf(b);
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
}

/** Lays out a focus area's board: filter, group into lanes, sort each column by rank. */
export function computeLayout(all: MeasureView[], input: LayoutInput): BoardLayout {
  const msByMeasure = new Map<string, string[]>();
  if (input.filters.groupBy === 'milestone') {
    for (const ms of input.milestones) {
      if (ms.focusAreaId !== input.focusAreaId) continue;
      for (const id of ms.measureIds) {
        const list = msByMeasure.get(id) ?? [];
        list.push(ms.id);
        msByMeasure.set(id, list);
      }
    }
  }
  const colIds = new Set(input.columns.map((c) => c.id));
  const byLane = new Map<string, Map<string, MeasureView[]>>();
  let total = 0;
  let shown = 0;
  for (const m of all) {
    if (m.focusAreaId !== input.focusAreaId) continue;
    if (!m.archived) total++;
    if (!matches(m, input.filters, input.todayISO, input.columns)) continue;
    if (!m.archived) shown++;
    // A measure whose column is gone shows in the first column rather than vanishing.
    const col = colIds.has(m.columnId) ? m.columnId : (input.columns[0]?.id ?? m.columnId);
    for (const key of laneKeys(m, input, msByMeasure)) {
      let lane = byLane.get(key);
      if (!lane) {
        lane = new Map();
        byLane.set(key, lane);
      }
      const list = lane.get(col) ?? [];
      list.push(m);
      lane.set(col, list);
    }
  }
  if (input.filters.groupBy === 'none' && byLane.size === 0) byLane.set('', new Map());
  // Grouped by milestone, every milestone of the focus area has its row (in date order), even
  // before any measure is linked to it; not while filtering, where empty rows would only be noise.
  if (input.filters.groupBy === 'milestone' && !isFiltering(input.filters)) {
    for (const ms of input.milestones)
      if (ms.focusAreaId === input.focusAreaId && !byLane.has(ms.id)) byLane.set(ms.id, new Map());
  }
  const lanes: Lane[] = laneOrder([...byLane.keys()], input).map((key) => {
    const cols: Record<string, string[]> = {};
    const lane = byLane.get(key)!;
    for (const c of input.columns)
      cols[c.id] = (lane.get(c.id) ?? []).sort(compareRank).map((m) => m.id);
    return { key, columns: cols };
  });
  return { lanes, total, shown };
}

export function sameLayout(a: BoardLayout, b: BoardLayout): boolean {
  if (a.total !== b.total || a.shown !== b.shown || a.lanes.length !== b.lanes.length) return false;
  for (let i = 0; i < a.lanes.length; i++) {
    const la = a.lanes[i]!;
    const lb = b.lanes[i]!;
    if (la.key !== lb.key) return false;
    const ka = Object.keys(la.columns);
    if (ka.length !== Object.keys(lb.columns).length) return false;
    for (const k of ka) {
      const x = la.columns[k]!;
      const y = lb.columns[k];
      if (!y || x.length !== y.length) return false;
      for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
    }
  }
  return true;
}

/**
 * The index to pass to moveMeasure: position among the column's other non-archived measures,
 * derived from where the card was dropped among the *visible* ones (filters may hide some).
 * We place it right after the nearest visible predecessor that is a real sibling.
 */
export function dropIndex(
  siblings: string[],
  visibleAfterDrop: string[],
  activeId: string,
): number {
  const pos = visibleAfterDrop.indexOf(activeId);
  const at = new Map(siblings.map((id, i) => [id, i]));
  for (let i = pos - 1; i >= 0; i--) {
    const idx = at.get(visibleAfterDrop[i]!);
    if (idx !== undefined) return idx + 1;
  }
  for (let i = pos + 1; i < visibleAfterDrop.length; i++) {
    const idx = at.get(visibleAfterDrop[i]!);
    if (idx !== undefined) return idx;
  }
  return pos <= 0 ? 0 : siblings.length;
}
