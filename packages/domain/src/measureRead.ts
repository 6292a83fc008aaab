import * as Y from 'yjs';
import { bool, entities, entity, oneOf, optStr, str } from './doc.js';
import { OUTCOME_KEYS, OWNER_KEYS, readIdSet } from './idSets.js';
import { notFound } from './errors.js';
import { compareRanked, sortRanked } from './rank.js';
import type {
  ChecklistItemView,
  CommentView,
  Health,
  MeasureView,
  Party,
  StatusUpdateView,
} from './types.js';

const PARTIES: readonly Party[] = ['county', 'ipr', 'joint'];
export const HEALTHS: readonly Health[] = ['green', 'yellow', 'red'];

export type MeasureTextField = 'title' | 'description';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function checklistView(m: Y.Map<unknown>): ChecklistItemView[] {
  const list = m.get('checklist');
  if (!(list instanceof Y.Map)) return [];
  const out: ChecklistItemView[] = [];
  list.forEach((item) => {
    if (!(item instanceof Y.Map)) return;
    const it = item as Y.Map<unknown>;
    out.push({
      id: str(it, 'id'),
      text: str(it, 'text'),
      done: bool(it, 'done'),
      rank: str(it, 'rank'),
    });
  });
  return sortRanked(out);
}

function plainEntries(m: Y.Map<unknown>, key: string): Record<string, unknown>[] {
  const a = m.get(key);
  if (!(a instanceof Y.Array)) return [];
  return a.toArray().filter(isRecord);
}

/** Comments in time order (createdAt, then id), duplicates by id dropped. */
export function commentsView(m: Y.Map<unknown>): CommentView[] {
  const seen = new Set<string>();
  const out: CommentView[] = [];
  for (const c of plainEntries(m, 'comments')) {
    const id = s(c.id);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      authorId: s(c.authorId),
      authorName: s(c.authorName),
      text: s(c.text),
      createdAt: s(c.createdAt),
    });
  }
  return out.sort(byTime);
}

/** Status updates in time order (date, createdAt, id). */
export function statusUpdatesView(m: Y.Map<unknown>): StatusUpdateView[] {
  const seen = new Set<string>();
  const out: StatusUpdateView[] = [];
  for (const u of plainEntries(m, 'statusUpdates')) {
    const id = s(u.id);
    const health = HEALTHS.includes(u.health as Health) ? (u.health as Health) : null;
    if (!id || !health || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      date: s(u.date),
      health,
      text: s(u.text),
      authorId: s(u.authorId),
      authorName: s(u.authorName),
      createdAt: s(u.createdAt),
    });
  }
  return out.sort(
    (a, b) => cmp(a.date, b.date) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTime(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) {
  return cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
}

export function measureView(m: Y.Map<unknown>): MeasureView {
  return {
    id: str(m, 'id'),
    focusAreaId: str(m, 'focusAreaId'),
    columnId: str(m, 'columnId'),
    rank: str(m, 'rank'),
    title: str(m, 'title'),
    description: str(m, 'description'),
    objectiveId: optStr(m, 'objectiveId'),
    strategyId: optStr(m, 'strategyId'),
    party: oneOf(m, 'party', PARTIES),
    owners: readIdSet(m, OWNER_KEYS),
    startDate: optStr(m, 'startDate'),
    dueDate: optStr(m, 'dueDate'),
    health: oneOf(m, 'health', HEALTHS) ?? 'green',
    archived: bool(m, 'archived'),
    outcomeIds: readIdSet(m, OUTCOME_KEYS),
    checklist: checklistView(m),
    comments: commentsView(m),
    statusUpdates: statusUpdatesView(m),
    createdAt: str(m, 'createdAt'),
    updatedAt: str(m, 'updatedAt'),
  };
}

/** A snapshot of one measure, or undefined when there is none with that id. */
export function readMeasure(doc: Y.Doc, id: string): MeasureView | undefined {
  const m = entity(doc, 'measures', id);
  return m ? measureView(m) : undefined;
}

/**
 * Just the title and `updatedAt` of a measure, read as `readMeasure` reads them, without the
 * rest: what typing in a title changes (for projections that keep a copy of the title).
 */
export function readMeasureTitle(
  doc: Y.Doc,
  id: string,
): Pick<MeasureView, 'title' | 'updatedAt'> | undefined {
  const m = entity(doc, 'measures', id);
  return m ? { title: str(m, 'title'), updatedAt: str(m, 'updatedAt') } : undefined;
}

export interface MeasureFilter {
  focusAreaId?: string;
  columnId?: string;
  includeArchived?: boolean;
}

/**
 * Measures sorted by rank, then id ([O1]). Archived measures are left out unless asked for.
 * @example listMeasures(doc, { focusAreaId: 'fa-1', columnId: 'col-doing' })
 */
export function listMeasures(doc: Y.Doc, filter: MeasureFilter = {}): MeasureView[] {
  const out: MeasureView[] = [];
  for (const m of entities(doc, 'measures')) {
    if (filter.focusAreaId !== undefined && m.get('focusAreaId') !== filter.focusAreaId) continue;
    if (filter.columnId !== undefined && m.get('columnId') !== filter.columnId) continue;
    if (!filter.includeArchived && m.get('archived') === true) continue;
    out.push(measureView(m));
  }
  return out.sort(compareRanked);
}

/**
 * The live Y.Text of a measure's title or description, for binding an editor to it
 * (character-level collaborative editing). Throws not_found for an unknown measure.
 */
export function measureText(doc: Y.Doc, id: string, field: MeasureTextField): Y.Text {
  const m = entity(doc, 'measures', id);
  if (!m) throw notFound('Measure', id);
  const t = m.get(field);
  if (!(t instanceof Y.Text)) throw notFound(`Measure ${field} text`, id);
  return t;
}

/** The live Y.Map of a measure, for per-card `observeDeep` subscriptions. Read-only use. */
export function measureMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return entity(doc, 'measures', id);
}
