import * as Y from 'yjs';
import * as z from 'zod/mini';
import {
  bool,
  entities,
  entity,
  newEntity,
  newId,
  newText,
  nowISO,
  replaceText,
  requireEntity,
  root,
  setOpt,
  str,
  strArray,
  transact,
} from './doc.js';
import { DomainError, notFound, parseInput } from './errors.js';
import { dateSchema, idSchema, LIMITS, titleSchema } from './schema.js';
import type { MilestoneView, TxOrigin } from './types.js';

function milestoneView(m: Y.Map<unknown>): MilestoneView {
  const doneAt = m.get('doneAt');
  return {
    id: str(m, 'id'),
    focusAreaId: str(m, 'focusAreaId'),
    title: str(m, 'title'),
    dueDate: str(m, 'dueDate'),
    done: bool(m, 'done'),
    doneAt: typeof doneAt === 'string' ? doneAt : null,
    // [F6] concurrent links can leave duplicates in the Y.Array; reads deduplicate.
    measureIds: strArray(m, 'measureIds'),
    createdAt: str(m, 'createdAt'),
    updatedAt: str(m, 'updatedAt'),
  };
}

function byDueDate(a: MilestoneView, b: MilestoneView): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Milestones sorted by due date, then id ([O4]). */
export function listMilestones(doc: Y.Doc, filter: { focusAreaId?: string } = {}): MilestoneView[] {
  const all = entities(doc, 'milestones').map(milestoneView);
  const out = filter.focusAreaId ? all.filter((m) => m.focusAreaId === filter.focusAreaId) : all;
  return out.sort(byDueDate);
}

/** Milestones that link `measureId`, by due date ([O4]); for a measure's detail view. */
export function listMilestonesForMeasure(doc: Y.Doc, measureId: string): MilestoneView[] {
  return listMilestones(doc).filter((m) => m.measureIds.includes(measureId));
}

export function readMilestone(doc: Y.Doc, id: string): MilestoneView | undefined {
  const m = entity(doc, 'milestones', id);
  return m ? milestoneView(m) : undefined;
}

/** The live Y.Text of a milestone title, for collaborative editing. */
export function milestoneTitle(doc: Y.Doc, id: string): Y.Text {
  const t = requireEntity(doc, 'milestones', id, 'Milestone').get('title');
  if (!(t instanceof Y.Text)) throw notFound('Milestone title text', id);
  return t;
}

const createSchema = z.object({
  focusAreaId: idSchema,
  title: titleSchema,
  dueDate: dateSchema,
  measureIds: z.optional(z.array(idSchema).check(z.maxLength(LIMITS.measureIdsPerMilestone))),
  id: z.optional(idSchema),
});

/**
 * Creates a milestone (milepæl) on a focus area, optionally linked to measures. Returns its id.
 * @example createMilestone(doc, { focusAreaId: 'fa-1', title: 'Midtveisevaluering 2026', dueDate: '2026-12-01' })
 */
export function createMilestone(
  doc: Y.Doc,
  input: {
    focusAreaId: string;
    title: string;
    dueDate: string;
    measureIds?: string[];
    id?: string;
  },
  origin?: TxOrigin,
): string {
  const v = parseInput(createSchema, input, 'milestone');
  return transact(doc, origin, () => createMilestoneIn(doc, v, nowISO()));
}

export function createMilestoneIn(
  doc: Y.Doc,
  v: z.output<typeof createSchema>,
  now: string,
): string {
  requireEntity(doc, 'focusAreas', v.focusAreaId, 'Focus area');
  const ids = [...new Set(v.measureIds ?? [])];
  for (const mid of ids) requireEntity(doc, 'measures', mid, 'Measure');
  const id = v.id ?? newId('ms');
  if (root(doc, 'milestones').has(id)) {
    throw new DomainError('conflict', `Milestone id already used: ${id}`);
  }
  const m = newEntity({
    id,
    focusAreaId: v.focusAreaId,
    dueDate: v.dueDate,
    createdAt: now,
    updatedAt: now,
  });
  m.set('title', newText(v.title));
  const links = new Y.Array<string>();
  if (ids.length) links.push(ids);
  m.set('measureIds', links);
  root(doc, 'milestones').set(id, m);
  return id;
}

const patchSchema = z.object({
  dueDate: z.optional(dateSchema),
  focusAreaId: z.optional(idSchema),
  title: z.optional(titleSchema),
});

/** Changes a milestone's due date, focus area or (whole) title. */
export function updateMilestone(
  doc: Y.Doc,
  id: string,
  patch: { dueDate?: string; focusAreaId?: string; title?: string },
  origin?: TxOrigin,
): void {
  const p = parseInput(patchSchema, patch, 'milestone patch');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'milestones', id, 'Milestone');
    if (p.focusAreaId) requireEntity(doc, 'focusAreas', p.focusAreaId, 'Focus area');
    let changed = false;
    if (p.dueDate) changed = setOpt(m, 'dueDate', p.dueDate) || changed;
    if (p.focusAreaId) changed = setOpt(m, 'focusAreaId', p.focusAreaId) || changed;
    if (p.title !== undefined) {
      const t = m.get('title');
      if (t instanceof Y.Text && t.toString() !== p.title) {
        replaceText(t, p.title);
        changed = true;
      }
    }
    if (changed) m.set('updatedAt', nowISO());
  });
}

/** Marks a milestone done (idempotent). */
export function completeMilestone(doc: Y.Doc, id: string, origin?: TxOrigin): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'milestones', id, 'Milestone');
    if (m.get('done') === true) return;
    const now = nowISO();
    m.set('done', true);
    m.set('doneAt', now);
    m.set('updatedAt', now);
  });
}

/** Marks a milestone not done (idempotent). */
export function reopenMilestone(doc: Y.Doc, id: string, origin?: TxOrigin): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'milestones', id, 'Milestone');
    if (m.get('done') !== true) return;
    m.delete('done');
    m.delete('doneAt');
    m.set('updatedAt', nowISO());
  });
}

function links(m: Y.Map<unknown>, id: string): Y.Array<string> {
  const a = m.get('measureIds');
  if (a instanceof Y.Array) return a as Y.Array<string>;
  throw new DomainError(
    'conflict',
    `Milestone ${id} has no measureIds; migrate the document first`,
  );
}

/** Links a measure to a milestone (idempotent locally; concurrent links may duplicate, [F6]). */
export function linkMeasure(
  doc: Y.Doc,
  milestoneId: string,
  measureId: string,
  origin?: TxOrigin,
): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'milestones', milestoneId, 'Milestone');
    requireEntity(doc, 'measures', measureId, 'Measure');
    const a = links(m, milestoneId);
    if (a.toArray().includes(measureId)) return;
    a.push([measureId]);
    m.set('updatedAt', nowISO());
  });
}

/** Unlinks a measure from a milestone, removing every occurrence ([F6]). */
export function unlinkMeasure(
  doc: Y.Doc,
  milestoneId: string,
  measureId: string,
  origin?: TxOrigin,
): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'milestones', milestoneId, 'Milestone');
    const a = links(m, milestoneId);
    const arr = a.toArray();
    let removed = false;
    for (let i = arr.length - 1; i >= 0; i--) {
      if (arr[i] === measureId) {
        a.delete(i, 1);
        removed = true;
      }
    }
    if (removed) m.set('updatedAt', nowISO());
  });
}
