import * as Y from 'yjs';
import * as z from 'zod/mini';
import {
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
  transact,
} from './doc.js';
import { DomainError, invalid, parseInput } from './errors.js';
import {
  type IdSetKeys,
  MEASURE_ID_SETS,
  OUTCOME_KEYS,
  OWNER_KEYS,
  readIdSet,
  setInIdSet,
  setMeasureIdSets,
  writeIdSet,
} from './idSets.js';
import { type MeasureTextField, measureText } from './measureRead.js';
import { compareRanked, type Ranked, ranksForInsert } from './rank.js';
import {
  dateSchema,
  descriptionSchema,
  healthSchema,
  idSchema,
  indexSchema,
  LIMITS,
  outcomeIdsSchema,
  ownerIdSchema,
  ownersSchema,
  partySchema,
  titleSchema,
} from './schema.js';
import type { Health, Party, TxOrigin } from './types.js';

/** Non-archived measures of one board column, except `exceptId`, in order. [O2] */
export function columnSiblings(
  doc: Y.Doc,
  focusAreaId: string,
  columnId: string,
  exceptId?: string,
): Ranked[] {
  const out: Ranked[] = [];
  // Keyed by the map key (not the entity's `id` field), so re-ranking always finds the entity.
  root(doc, 'measures').forEach((v, id) => {
    if (!(v instanceof Y.Map) || id === exceptId) return;
    if (v.get('focusAreaId') !== focusAreaId || v.get('columnId') !== columnId) return;
    if (v.get('archived') === true) return;
    out.push({ id, rank: str(v, 'rank') });
  });
  return out.sort(compareRanked);
}

function applyRerank(doc: Y.Doc, rerank: Array<{ id: string; rank: string }>): void {
  for (const r of rerank) entity(doc, 'measures', r.id)?.set('rank', r.rank);
}

/** Checks the goal-hierarchy links of a measure; returns the objective id implied by a strategy. */
function checkLinks(
  doc: Y.Doc,
  focusAreaId: string,
  objectiveId: string | null | undefined,
  strategyId: string | null | undefined,
  outcomeIds: string[] | null | undefined,
): string | null | undefined {
  let objective = objectiveId;
  if (objectiveId) {
    const o = requireEntity(doc, 'objectives', objectiveId, 'Objective');
    if (o.get('focusAreaId') !== focusAreaId) {
      throw invalid(`Objective ${objectiveId} is not in focus area ${focusAreaId}`, 'objectiveId');
    }
  }
  if (strategyId) {
    const s = requireEntity(doc, 'strategies', strategyId, 'Strategy');
    const sObj = str(s, 'objectiveId');
    if (objectiveId && sObj !== objectiveId) {
      throw invalid(`Strategy ${strategyId} is not under objective ${objectiveId}`, 'strategyId');
    }
    if (!objectiveId) {
      const o = requireEntity(doc, 'objectives', sObj, 'Objective');
      if (o.get('focusAreaId') !== focusAreaId) {
        throw invalid(`Strategy ${strategyId} is not in focus area ${focusAreaId}`, 'strategyId');
      }
      objective = sObj;
    }
  }
  for (const oid of outcomeIds ?? []) requireEntity(doc, 'outcomes', oid, 'Outcome');
  return objective;
}

function checkDates(start: string | null | undefined, due: string | null | undefined): void {
  if (start && due && start > due) throw invalid('startDate is after dueDate', 'startDate');
}

const createSchema = z.object({
  focusAreaId: idSchema,
  columnId: idSchema,
  title: titleSchema,
  description: z.optional(descriptionSchema),
  objectiveId: z.nullish(idSchema),
  strategyId: z.nullish(idSchema),
  party: z.nullish(partySchema),
  owners: z.optional(ownersSchema),
  startDate: z.nullish(dateSchema),
  dueDate: z.nullish(dateSchema),
  health: z.optional(healthSchema),
  outcomeIds: z.optional(outcomeIdsSchema),
  afterId: z.nullish(idSchema),
  id: z.optional(idSchema),
});

export type CreateMeasureInput = z.input<typeof createSchema>;

/**
 * Creates a measure (tiltak) on a board column. Placed after `afterId`, first when
 * `afterId` is null, last when it is left out. Returns the new id.
 *
 * @example
 * const id = createMeasure(doc, { focusAreaId: 'fa-2', columnId: 'col-idea', title: 'Planforum' })
 */
export function createMeasure(doc: Y.Doc, input: CreateMeasureInput, origin?: TxOrigin): string {
  const v = parseInput(createSchema, input, 'measure');
  return transact(doc, origin, () => createMeasureIn(doc, v, nowISO()));
}

/** Body of createMeasure for use inside a transaction (seed, generators). */
export function createMeasureIn(doc: Y.Doc, v: z.output<typeof createSchema>, now: string): string {
  requireEntity(doc, 'focusAreas', v.focusAreaId, 'Focus area');
  requireEntity(doc, 'columns', v.columnId, 'Column');
  const objectiveId = checkLinks(doc, v.focusAreaId, v.objectiveId, v.strategyId, v.outcomeIds);
  checkDates(v.startDate, v.dueDate);
  const id = v.id ?? newId('m');
  if (root(doc, 'measures').has(id)) {
    throw new DomainError('conflict', `Measure id already used: ${id}`);
  }
  const siblings = columnSiblings(doc, v.focusAreaId, v.columnId);
  let index = siblings.length;
  if (v.afterId === null) index = 0;
  else if (v.afterId !== undefined) {
    const after = requireEntity(doc, 'measures', v.afterId, 'Measure');
    index = siblings.findIndex((s) => s.id === v.afterId) + 1;
    if (index === 0 || after.get('focusAreaId') !== v.focusAreaId) {
      throw invalid(`Measure ${v.afterId} is not in that column`, 'afterId');
    }
  }
  const { rank, rerank } = ranksForInsert(siblings, index);
  applyRerank(doc, rerank);
  const m = newEntity({
    id,
    focusAreaId: v.focusAreaId,
    columnId: v.columnId,
    rank,
    objectiveId,
    strategyId: v.strategyId,
    party: v.party,
    startDate: v.startDate,
    dueDate: v.dueDate,
    health: v.health ?? 'green',
    createdAt: now,
    updatedAt: now,
  });
  // Nested shared types are created with the measure, never lazily: two replicas creating the
  // same nested type concurrently would each create one, and one replica's content would be lost.
  m.set('title', newText(v.title));
  m.set('description', newText(v.description ?? ''));
  m.set('checklist', new Y.Map());
  m.set('comments', new Y.Array());
  m.set('statusUpdates', new Y.Array());
  // Id sets ([F11]), also empty: an add on one replica and an add on another then both land in
  // the same map.
  setMeasureIdSets(m, v.owners, v.outcomeIds);
  root(doc, 'measures').set(id, m);
  return id;
}

const patchSchema = z.object({
  objectiveId: z.nullish(idSchema),
  strategyId: z.nullish(idSchema),
  party: z.nullish(partySchema),
  owners: z.nullish(ownersSchema),
  startDate: z.nullish(dateSchema),
  dueDate: z.nullish(dateSchema),
  health: z.optional(healthSchema),
  outcomeIds: z.nullish(outcomeIdsSchema),
});

export interface MeasurePatch {
  objectiveId?: string | null;
  strategyId?: string | null;
  party?: Party | null;
  owners?: string[] | null;
  startDate?: string | null;
  dueDate?: string | null;
  health?: Health;
  outcomeIds?: string[] | null;
}

/**
 * Changes plain fields of a measure; a field set to null is cleared, a field left out is kept.
 * @example updateMeasure(doc, id, { dueDate: '2026-06-30', party: 'joint' })
 */
export function updateMeasure(
  doc: Y.Doc,
  id: string,
  patch: MeasurePatch,
  origin?: TxOrigin,
): void {
  const p = parseInput(patchSchema, patch, 'measure patch');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', id, 'Measure');
    const stored = (key: string) => (m.get(key) as string | undefined) ?? null;
    const linksTouched = p.objectiveId !== undefined || p.strategyId !== undefined;
    let objectiveId = p.objectiveId !== undefined ? p.objectiveId : stored('objectiveId');
    let strategyId = p.strategyId !== undefined ? p.strategyId : stored('strategyId');
    // Changing the objective drops a stored strategy that does not belong to the new one.
    if (p.objectiveId !== undefined && p.strategyId === undefined && strategyId) {
      const s = entity(doc, 'strategies', strategyId);
      if (!objectiveId || !s || s.get('objectiveId') !== objectiveId) strategyId = null;
    }
    // All checks before the first write: Yjs has no rollback, a throw after a write would
    // leave half an operation in the document.
    if (linksTouched || p.outcomeIds) {
      const implied = checkLinks(doc, str(m, 'focusAreaId'), objectiveId, strategyId, p.outcomeIds);
      if (strategyId && !objectiveId) objectiveId = implied ?? null;
    }
    const start = p.startDate !== undefined ? p.startDate : stored('startDate');
    const due = p.dueDate !== undefined ? p.dueDate : stored('dueDate');
    checkDates(start, due);

    const { owners, outcomeIds, ...rest } = p;
    const fields: Record<string, unknown> = { ...rest };
    if (linksTouched) Object.assign(fields, { objectiveId, strategyId });
    // The id sets are written as a diff against what is there ([F11]): concurrent changes of
    // other ids survive.
    let changed = false;
    if (owners !== undefined) changed = writeIdSet(m, OWNER_KEYS, owners ?? []) || changed;
    if (outcomeIds !== undefined) {
      changed = writeIdSet(m, OUTCOME_KEYS, outcomeIds ?? []) || changed;
    }
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      changed = setOpt(m, key, value) || changed;
    }
    if (changed) m.set('updatedAt', nowISO());
  });
}

const setOneSchema = z.object({ id: ownerIdSchema, on: z.boolean() });
const setOutcomeSchema = z.object({ id: idSchema, on: z.boolean() });

/**
 * Adds (`on`) or removes one owner (a user id) of a measure, leaving the other owners alone:
 * concurrent changes of different owners, also offline, all survive ([F11]). A measure has at
 * most LIMITS.owners owners. A no-op writes nothing.
 *
 * @example setMeasureOwner(doc, measureId, 'u-ola', true, origin) // Ola ticks himself
 */
export function setMeasureOwner(
  doc: Y.Doc,
  measureId: string,
  userId: string,
  on: boolean,
  origin?: TxOrigin,
): void {
  const v = parseInput(setOneSchema, { id: userId, on }, 'owner');
  setInMeasureSet(doc, measureId, 'owners', v.id, v.on, LIMITS.owners, origin);
}

/**
 * Links (`on`) or unlinks one long-term outcome of a measure, leaving the other links alone
 * ([F11]). Linking needs an existing outcome (not_found); at most LIMITS.outcomeIds.
 *
 * @example setMeasureOutcome(doc, measureId, 'out-3', true)
 */
export function setMeasureOutcome(
  doc: Y.Doc,
  measureId: string,
  outcomeId: string,
  on: boolean,
  origin?: TxOrigin,
): void {
  const v = parseInput(setOutcomeSchema, { id: outcomeId, on }, 'outcome link');
  setInMeasureSet(doc, measureId, 'outcomeIds', v.id, v.on, LIMITS.outcomeIds, origin);
}

function setInMeasureSet(
  doc: Y.Doc,
  measureId: string,
  key: keyof typeof MEASURE_ID_SETS,
  id: string,
  on: boolean,
  limit: number,
  origin: TxOrigin | undefined,
): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const keys: IdSetKeys = MEASURE_ID_SETS[key];
    const ids = readIdSet(m, keys);
    if (ids.includes(id) === on) return;
    if (on) {
      if (key === 'outcomeIds') requireEntity(doc, 'outcomes', id, 'Outcome');
      if (ids.length >= limit) throw invalid(`A measure has at most ${limit} ${key}`, key);
    }
    setInIdSet(m, keys, id, on);
    m.set('updatedAt', nowISO());
  });
}

/**
 * Replaces the whole title or description (the UI binds `measureText` for character edits).
 * Only the changed middle part is rewritten, so concurrent edits elsewhere survive.
 */
export function setMeasureText(
  doc: Y.Doc,
  id: string,
  field: MeasureTextField,
  value: string,
  origin?: TxOrigin,
): void {
  const f = parseInput(z.enum(['title', 'description']), field, 'text field');
  const v = parseInput(f === 'title' ? titleSchema : descriptionSchema, value, `measure ${f}`);
  transact(doc, origin, () => {
    const t = measureText(doc, id, f);
    if (t.toString() === v) return;
    replaceText(t, v);
    requireEntity(doc, 'measures', id, 'Measure').set('updatedAt', nowISO());
  });
}

/**
 * How often typing into a measure's title or description (bound to its Y.Text, character by
 * character) moves `updatedAt`. Every keystroke would put a map write between the typed
 * characters, and Yjs could no longer merge them into one item: the document would grow by an
 * item per character. Once a minute keeps "changed recently" true at a fraction of that.
 */
export const TYPING_STAMP_INTERVAL_MS = 60_000;

/**
 * For text bindings: called with each local edit of a measure's text, inside that edit's
 * transaction. Sets `updatedAt` when it is older than TYPING_STAMP_INTERVAL_MS (or missing, or
 * unreadable); returns whether it did. (A stamped edit also names its writer to other clients
 * when it only deletes: a deletion adds no struct of its own.)
 *
 * @example doc.transact(() => { ytext.delete(3, 1); stampTyping(doc, id) }, origin)
 */
export function stampTyping(
  doc: Y.Doc,
  id: string,
  origin?: TxOrigin,
  now = Date.parse(nowISO()),
): boolean {
  return transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', id, 'Measure');
    const prev = m.get('updatedAt');
    const at = typeof prev === 'string' ? Date.parse(prev) : Number.NaN;
    if (Number.isFinite(at) && now - at < TYPING_STAMP_INTERVAL_MS) return false;
    m.set('updatedAt', new Date(now).toISOString());
    return true;
  });
}

const moveSchema = z.object({
  columnId: idSchema,
  index: indexSchema,
  focusAreaId: z.optional(idSchema),
});

/**
 * Moves a measure to `index` among the other non-archived measures of its focus area in
 * `columnId` (clamped to the end). Sets columnId and rank in one transaction ([O2]).
 * With `focusAreaId` it moves to another board too; a delmål/strategy of the old focus area
 * is then cleared, since it cannot belong to the new one.
 *
 * @example moveMeasure(doc, id, { columnId: 'col-doing', index: 0 }) // top of "Pågår"
 */
export function moveMeasure(
  doc: Y.Doc,
  id: string,
  to: { columnId: string; index: number; focusAreaId?: string },
  origin?: TxOrigin,
): void {
  const v = parseInput(moveSchema, to, 'move');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', id, 'Measure');
    requireEntity(doc, 'columns', v.columnId, 'Column');
    const fromFocusArea = str(m, 'focusAreaId');
    const focusAreaId = v.focusAreaId ?? fromFocusArea;
    if (focusAreaId !== fromFocusArea) requireEntity(doc, 'focusAreas', focusAreaId, 'Focus area');
    const others = columnSiblings(doc, focusAreaId, v.columnId, id);
    const index = Math.min(v.index, others.length);
    const self = { id, rank: str(m, 'rank') };
    const sameBoard = focusAreaId === fromFocusArea && m.get('columnId') === v.columnId;
    if (sameBoard && fitsAt(others, index, self)) return;
    const { rank, rerank } = ranksForInsert(others, index);
    applyRerank(doc, rerank);
    if (focusAreaId !== fromFocusArea) {
      m.set('focusAreaId', focusAreaId);
      m.delete('objectiveId');
      m.delete('strategyId');
    }
    m.set('columnId', v.columnId);
    m.set('rank', rank);
    m.set('updatedAt', nowISO());
  });
}

function fitsAt(others: Ranked[], index: number, self: Ranked): boolean {
  const prev = others[index - 1];
  const next = others[index];
  return (!prev || compareRanked(prev, self) < 0) && (!next || compareRanked(self, next) < 0);
}

/** Archives a measure: a flag, never a delete ([F5]); it keeps its column and rank. */
export function archiveMeasure(doc: Y.Doc, id: string, origin?: TxOrigin): void {
  setArchived(doc, id, true, origin);
}

/** Brings an archived measure back to its column, at its old rank. */
export function restoreMeasure(doc: Y.Doc, id: string, origin?: TxOrigin): void {
  setArchived(doc, id, false, origin);
}

function setArchived(doc: Y.Doc, id: string, archived: boolean, origin?: TxOrigin): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', id, 'Measure');
    if ((m.get('archived') === true) === archived) return;
    if (archived) {
      m.set('archived', true);
      m.set('archivedAt', nowISO());
    } else {
      m.delete('archived');
      m.delete('archivedAt');
    }
    m.set('updatedAt', nowISO());
  });
}
