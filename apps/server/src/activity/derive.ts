import type { ColumnView, MeasureView, MilestoneView } from '@tavla/domain';

/**
 * Pure rules that turn "before" and "after" views of one measure or milestone into activity
 * events ([AL2]). Only facts the UI needs to phrase an event in the reader's language go into
 * `summary`; never presence, views or anything about who looked at what ([AL5]).
 */

export type ActivityKind =
  | 'measure.created'
  | 'measure.moved'
  | 'measure.edited'
  | 'measure.archived'
  | 'measure.restored'
  | 'milestone.created'
  | 'milestone.edited'
  | 'milestone.completed'
  | 'milestone.reopened'
  | 'milestone.linked'
  | 'milestone.unlinked'
  | 'status.added'
  | 'comment.added'
  | 'column.created'
  | 'column.renamed';

export interface DerivedEvent {
  kind: ActivityKind;
  measureId?: string;
  milestoneId?: string;
  summary: Record<string, unknown>;
  /**
   * More of the summary, read only if the event is written (most typing is coalesced away,
   * [AL4]): the title of a measure being typed into, as it reads when the event is written.
   */
  late?: () => Record<string, unknown>;
}

/** The texts of a measure, compared as they read. */
export const MEASURE_TEXTS = ['title', 'description'] as const;

/** The parts of a measure the activity log compares; kept in memory per loaded document. */
export interface MeasureSnap {
  columnId: string;
  archived: boolean;
  /**
   * Field name -> comparable value, for `measure.edited`: the texts (title, description) as
   * they read, everything else as JSON. A text is null when typing changed it since it was
   * last read: typing is told from the transaction, not by reading the text ([AL6]), and the
   * text is read again only when needed.
   */
  fields: Record<string, string | null>;
  comments: Set<string>;
  statusUpdates: Set<string>;
}

const EDITABLE = [
  'title',
  'description',
  'focusAreaId',
  'objectiveId',
  'strategyId',
  'party',
  'owners',
  'startDate',
  'dueDate',
  'health',
  'outcomeIds',
  'checklist',
] as const;

export function snapMeasure(m: MeasureView): MeasureSnap {
  const value: Record<(typeof EDITABLE)[number], unknown> = {
    title: m.title,
    description: m.description,
    focusAreaId: m.focusAreaId,
    objectiveId: m.objectiveId,
    strategyId: m.strategyId,
    party: m.party,
    owners: m.owners,
    startDate: m.startDate,
    dueDate: m.dueDate,
    health: m.health,
    outcomeIds: m.outcomeIds,
    checklist: m.checklist.map((i) => [i.id, i.text, i.done]),
  };
  const fields: Record<string, string | null> = {};
  for (const f of EDITABLE) {
    fields[f] = f === 'title' || f === 'description' ? m[f] : JSON.stringify(value[f] ?? null);
  }
  return {
    columnId: m.columnId,
    archived: m.archived,
    fields,
    comments: new Set(m.comments.map((c) => c.id)),
    statusUpdates: new Set(m.statusUpdates.map((u) => u.id)),
  };
}

const columnTitle = (columns: ReadonlyMap<string, ColumnView>, id: string) =>
  columns.get(id)?.title ?? '';

/** Events for one measure that changed in one transaction. */
export function measureEvents(
  id: string,
  before: MeasureSnap | undefined,
  after: MeasureView | undefined,
  columns: ReadonlyMap<string, ColumnView>,
): DerivedEvent[] {
  if (!after) return []; // the domain has no deletion of measures; archiving is the way
  const title = after.title;
  if (!before) {
    return [
      {
        kind: 'measure.created',
        measureId: id,
        summary: {
          title,
          focusAreaId: after.focusAreaId,
          columnId: after.columnId,
          columnTitle: columnTitle(columns, after.columnId),
        },
      },
    ];
  }
  const out: DerivedEvent[] = [];
  if (before.columnId !== after.columnId) {
    out.push({
      kind: 'measure.moved',
      measureId: id,
      summary: {
        title,
        fromColumnId: before.columnId,
        fromColumnTitle: columnTitle(columns, before.columnId),
        toColumnId: after.columnId,
        toColumnTitle: columnTitle(columns, after.columnId),
      },
    });
  }
  if (before.archived !== after.archived) {
    out.push({
      kind: after.archived ? 'measure.archived' : 'measure.restored',
      measureId: id,
      summary: { title },
    });
  }
  let statusAdded = false;
  for (const u of after.statusUpdates) {
    if (before.statusUpdates.has(u.id)) continue;
    statusAdded = true;
    out.push({
      kind: 'status.added',
      measureId: id,
      summary: { title, statusUpdateId: u.id, health: u.health, date: u.date },
    });
  }
  for (const c of after.comments) {
    if (before.comments.has(c.id)) continue;
    out.push({ kind: 'comment.added', measureId: id, summary: { title, commentId: c.id } });
  }
  const now = snapMeasure(after).fields;
  const fields = Object.keys(now).filter(
    // A status update sets the health itself: that is the status event, not an edit.
    (f) => now[f] !== before.fields[f] && !(f === 'health' && statusAdded),
  );
  if (fields.length > 0) {
    out.push({ kind: 'measure.edited', measureId: id, summary: { title, fields } });
  }
  return out;
}

/**
 * Events for the workflow columns that differ between two listings: a new column, or a new
 * name. Reordering columns (like reordering cards) is not an event; columns are never deleted
 * ([F4] in docs/document-format.md).
 */
export function columnEvents(
  before: ReadonlyMap<string, ColumnView>,
  after: readonly ColumnView[],
): DerivedEvent[] {
  const out: DerivedEvent[] = [];
  for (const c of after) {
    const old = before.get(c.id);
    if (!old) {
      out.push({ kind: 'column.created', summary: { columnId: c.id, title: c.title } });
    } else if (old.title !== c.title) {
      out.push({
        kind: 'column.renamed',
        summary: { columnId: c.id, from: old.title, to: c.title, title: c.title },
      });
    }
  }
  return out;
}

/** Events for the milestones that differ between two listings. */
export function milestoneEvents(
  before: ReadonlyMap<string, MilestoneView>,
  after: readonly MilestoneView[],
  measureTitle: (id: string) => string,
): DerivedEvent[] {
  const out: DerivedEvent[] = [];
  for (const m of after) {
    const old = before.get(m.id);
    const base = { title: m.title };
    if (!old) {
      out.push({
        kind: 'milestone.created',
        milestoneId: m.id,
        summary: {
          ...base,
          dueDate: m.dueDate,
          focusAreaId: m.focusAreaId,
          measureIds: m.measureIds,
        },
      });
      continue;
    }
    if (old.done !== m.done) {
      out.push({
        kind: m.done ? 'milestone.completed' : 'milestone.reopened',
        milestoneId: m.id,
        summary: base,
      });
    }
    const oldIds = new Set(old.measureIds);
    const newIds = new Set(m.measureIds);
    for (const id of m.measureIds) {
      if (oldIds.has(id)) continue;
      out.push({
        kind: 'milestone.linked',
        milestoneId: m.id,
        measureId: id,
        summary: { ...base, measureTitle: measureTitle(id) },
      });
    }
    for (const id of old.measureIds) {
      if (newIds.has(id)) continue;
      out.push({
        kind: 'milestone.unlinked',
        milestoneId: m.id,
        measureId: id,
        summary: { ...base, measureTitle: measureTitle(id) },
      });
    }
    const fields = (['title', 'dueDate', 'focusAreaId'] as const).filter((f) => old[f] !== m[f]);
    if (fields.length > 0) {
      out.push({ kind: 'milestone.edited', milestoneId: m.id, summary: { ...base, fields } });
    }
  }
  return out;
}
