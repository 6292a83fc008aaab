import type { Health } from '@tavla/domain';
import {
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  listObjectives,
  listStrategies,
  type MeasureView,
  readMeasure,
  readMeasureTitle,
  readMeta,
} from '@tavla/domain';
import type * as Y from 'yjs';

/**
 * The read model's rows for one agreement document, derived only through the domain's typed
 * reads ([RM2]). Pure: the same document always gives the same rows, so a projection kept up to
 * date incrementally can be compared with a fresh one ([RM4]).
 */

/** Bump when the rows or their meaning change: every stored projection is rebuilt on start. */
export const PROJECTION_VERSION = 1;

export interface MeasureRow {
  id: string;
  focusAreaId: string;
  columnId: string;
  rank: string;
  title: string;
  party: string | null;
  objectiveId: string | null;
  strategyId: string | null;
  owners: string[];
  startDate: string | null;
  dueDate: string | null;
  health: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StatusUpdateRow {
  id: string;
  measureId: string;
  date: string;
  /** The domain's view keeps only valid healths (statusUpdatesView), so the table holds no other. */
  health: Health;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

export interface MilestoneRow {
  id: string;
  focusAreaId: string;
  title: string;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Linked measure ids in link order (deduplicated by the domain). */
  measureIds: string[];
}

export interface ColumnRow {
  id: string;
  title: string;
  kind: string | null;
  position: number;
}

export interface FocusAreaRow {
  id: string;
  number: string;
  title: string;
  position: number;
}

export interface ObjectiveRow {
  id: string;
  focusAreaId: string;
  code: string;
  title: string;
  position: number;
}

export interface StrategyRow {
  id: string;
  objectiveId: string;
  title: string;
  position: number;
}

/** Everything but the measures: small sets, re-projected whole when any of them changes. */
export interface StructureRows {
  title: string;
  columns: ColumnRow[];
  focusAreas: FocusAreaRow[];
  objectives: ObjectiveRow[];
  strategies: StrategyRow[];
  milestones: MilestoneRow[];
}

export interface MeasureRows {
  measure: MeasureRow;
  statusUpdates: StatusUpdateRow[];
}

/** What typing in a measure's title changes in its row ([RM7]). */
export type MeasureTitle = Pick<MeasureRow, 'title' | 'updatedAt'>;

export interface Projection extends StructureRows {
  measures: MeasureRow[];
  statusUpdates: StatusUpdateRow[];
}

export function measureRows(m: MeasureView): MeasureRows {
  return {
    measure: {
      id: m.id,
      focusAreaId: m.focusAreaId,
      columnId: m.columnId,
      rank: m.rank,
      title: m.title,
      party: m.party,
      objectiveId: m.objectiveId,
      strategyId: m.strategyId,
      owners: m.owners,
      startDate: m.startDate,
      dueDate: m.dueDate,
      health: m.health,
      archived: m.archived,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    },
    statusUpdates: m.statusUpdates.map((u) => ({
      id: u.id,
      measureId: m.id,
      date: u.date,
      health: u.health,
      text: u.text,
      authorId: u.authorId,
      authorName: u.authorName,
      createdAt: u.createdAt,
    })),
  };
}

/** A measure's title and updatedAt as `measureRows` has them, or null when there is none. */
export function projectTitle(doc: Y.Doc, id: string): MeasureTitle | null {
  return readMeasureTitle(doc, id) ?? null;
}

/** One measure's rows, or null when the document has no measure with that id. */
export function projectMeasure(doc: Y.Doc, id: string): MeasureRows | null {
  const m = readMeasure(doc, id);
  return m ? measureRows(m) : null;
}

export function projectStructure(doc: Y.Doc): StructureRows {
  return {
    title: readMeta(doc).title,
    columns: listColumns(doc).map((c, position) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      position,
    })),
    focusAreas: listFocusAreas(doc).map((f, position) => ({
      id: f.id,
      number: f.number,
      title: f.title,
      position,
    })),
    objectives: listObjectives(doc).map((o, position) => ({
      id: o.id,
      focusAreaId: o.focusAreaId,
      code: o.code,
      title: o.title,
      position,
    })),
    strategies: listStrategies(doc).map((s, position) => ({
      id: s.id,
      objectiveId: s.objectiveId,
      title: s.title,
      position,
    })),
    milestones: listMilestones(doc).map((m) => ({
      id: m.id,
      focusAreaId: m.focusAreaId,
      title: m.title,
      dueDate: m.dueDate,
      done: m.done,
      doneAt: m.doneAt,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      measureIds: m.measureIds,
    })),
  };
}

/** The full projection of a document (archived measures included; queries leave them out). */
export function projectDoc(doc: Y.Doc): Projection {
  const measures: MeasureRow[] = [];
  const statusUpdates: StatusUpdateRow[] = [];
  for (const m of listMeasures(doc, { includeArchived: true })) {
    const rows = measureRows(m);
    measures.push(rows.measure);
    statusUpdates.push(...rows.statusUpdates);
  }
  return { ...projectStructure(doc), measures, statusUpdates };
}
