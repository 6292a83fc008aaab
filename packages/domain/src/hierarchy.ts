import type * as Y from 'yjs';
import { z } from 'zod';
import {
  entities,
  entity,
  newEntity,
  newId,
  num,
  oneOf,
  requireEntity,
  root,
  setOpt,
  str,
  strArray,
  transact,
} from './doc.js';
import { invalid, parseInput } from './errors.js';
import { compareRanked, type Ranked, ranksForInsert, sortRanked } from './rank.js';
import { descriptionSchema, idSchema, titleSchema } from './schema.js';
import type {
  ActionPlanView,
  FocusAreaView,
  ObjectiveView,
  OutcomeView,
  PartyView,
  StrategyView,
  TxOrigin,
} from './types.js';

/* ---------- reads ---------- */

export function listParties(doc: Y.Doc): PartyView[] {
  return sortRanked(
    entities(doc, 'parties').flatMap((m): PartyView[] => {
      const id = oneOf(m, 'id', ['county', 'ipr'] as const);
      if (!id) return [];
      return [
        {
          id,
          name: str(m, 'name'),
          fullName: str(m, 'fullName'),
          members: strArray(m, 'members'),
          rank: str(m, 'rank'),
        },
      ];
    }),
  );
}

function focusAreaView(m: Y.Map<unknown>): FocusAreaView {
  return {
    id: str(m, 'id'),
    number: str(m, 'number'),
    title: str(m, 'title'),
    description: str(m, 'description'),
    rank: str(m, 'rank'),
  };
}

export function listFocusAreas(doc: Y.Doc): FocusAreaView[] {
  return sortRanked(entities(doc, 'focusAreas').map(focusAreaView));
}

export function readFocusArea(doc: Y.Doc, id: string): FocusAreaView | undefined {
  const m = entity(doc, 'focusAreas', id);
  return m ? focusAreaView(m) : undefined;
}

function objectiveView(m: Y.Map<unknown>): ObjectiveView {
  return {
    id: str(m, 'id'),
    focusAreaId: str(m, 'focusAreaId'),
    code: str(m, 'code'),
    title: str(m, 'title'),
    rank: str(m, 'rank'),
  };
}

/**
 * Delmål of one focus area in order; without `focusAreaId`, all of them grouped by focus area
 * in focus-area order ([O1] within each group).
 */
export function listObjectives(doc: Y.Doc, focusAreaId?: string): ObjectiveView[] {
  const all = entities(doc, 'objectives').map(objectiveView);
  if (focusAreaId) return sortRanked(all.filter((o) => o.focusAreaId === focusAreaId));
  return groupedBy(all, (o) => o.focusAreaId, listFocusAreas(doc));
}

/** Sorts items by the position of their parent in `parents`, then by [O1]. */
function groupedBy<T extends Ranked>(
  items: T[],
  parentOf: (t: T) => string,
  parents: Ranked[],
): T[] {
  const pos = new Map(parents.map((p, i) => [p.id, i]));
  const at = (t: T) => pos.get(parentOf(t)) ?? parents.length;
  return items.sort((a, b) => at(a) - at(b) || compareRanked(a, b));
}

function strategyView(m: Y.Map<unknown>): StrategyView {
  return {
    id: str(m, 'id'),
    objectiveId: str(m, 'objectiveId'),
    title: str(m, 'title'),
    description: str(m, 'description'),
    rank: str(m, 'rank'),
  };
}

/** Strategies of one delmål in order; without `objectiveId`, all of them grouped by delmål. */
export function listStrategies(doc: Y.Doc, objectiveId?: string): StrategyView[] {
  const all = entities(doc, 'strategies').map(strategyView);
  if (objectiveId) return sortRanked(all.filter((s) => s.objectiveId === objectiveId));
  return groupedBy(all, (s) => s.objectiveId, listObjectives(doc));
}

export function listOutcomes(doc: Y.Doc): OutcomeView[] {
  return sortRanked(
    entities(doc, 'outcomes').map((m) => ({
      id: str(m, 'id'),
      number: str(m, 'number'),
      title: str(m, 'title'),
      rank: str(m, 'rank'),
    })),
  );
}

export function listActionPlans(doc: Y.Doc): ActionPlanView[] {
  return sortRanked(
    entities(doc, 'actionPlans').map((m) => ({
      id: str(m, 'id'),
      title: str(m, 'title'),
      startYear: num(m, 'startYear'),
      endYear: num(m, 'endYear'),
      startDate: str(m, 'startDate'),
      endDate: str(m, 'endDate'),
      evaluation: {
        kind: oneOf(m, 'evaluationKind', ['midterm', 'final'] as const) ?? 'midterm',
        title: str(m, 'evaluationTitle'),
        year: num(m, 'evaluationYear'),
        description: str(m, 'evaluationDescription'),
      },
      rank: str(m, 'rank'),
    })),
  );
}

/* ---------- writes ---------- */

const focusPatch = z.object({
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
});

/** Edits a focus area's title and/or description. */
export function updateFocusArea(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; description?: string },
  origin?: TxOrigin,
): void {
  const p = parseInput(focusPatch, patch, 'focus area');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'focusAreas', id, 'Focus area');
    if (p.title !== undefined) setOpt(m, 'title', p.title);
    if (p.description !== undefined) setOpt(m, 'description', p.description);
  });
}

const createObjectiveSchema = z.object({
  focusAreaId: idSchema,
  code: z.string().trim().min(1).max(20),
  title: titleSchema,
  id: idSchema.optional(),
});

/** Adds a delmål to a focus area (placed last). Returns its id. */
export function createObjective(
  doc: Y.Doc,
  input: { focusAreaId: string; code: string; title: string; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createObjectiveSchema, input, 'objective');
  return transact(doc, origin, () => {
    requireEntity(doc, 'focusAreas', v.focusAreaId, 'Focus area');
    const id = v.id ?? newId('obj');
    if (entity(doc, 'objectives', id)) throw invalid(`Objective id already used: ${id}`, 'id');
    const siblings = listObjectives(doc, v.focusAreaId);
    const { rank } = ranksForInsert(siblings, siblings.length);
    root(doc, 'objectives').set(
      id,
      newEntity({ id, focusAreaId: v.focusAreaId, code: v.code, title: v.title, rank }),
    );
    return id;
  });
}

const objectivePatch = z.object({
  code: z.string().trim().min(1).max(20).optional(),
  title: titleSchema.optional(),
});

export function updateObjective(
  doc: Y.Doc,
  id: string,
  patch: { code?: string; title?: string },
  origin?: TxOrigin,
): void {
  const p = parseInput(objectivePatch, patch, 'objective');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'objectives', id, 'Objective');
    if (p.code !== undefined) setOpt(m, 'code', p.code);
    if (p.title !== undefined) setOpt(m, 'title', p.title);
  });
}

const createStrategySchema = z.object({
  objectiveId: idSchema,
  title: titleSchema,
  description: descriptionSchema.optional(),
  id: idSchema.optional(),
});

/** Adds a strategy to a delmål (placed last). Returns its id. */
export function createStrategy(
  doc: Y.Doc,
  input: { objectiveId: string; title: string; description?: string; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createStrategySchema, input, 'strategy');
  return transact(doc, origin, () => {
    requireEntity(doc, 'objectives', v.objectiveId, 'Objective');
    const id = v.id ?? newId('str');
    if (entity(doc, 'strategies', id)) throw invalid(`Strategy id already used: ${id}`, 'id');
    const siblings = listStrategies(doc, v.objectiveId);
    const { rank } = ranksForInsert(siblings, siblings.length);
    root(doc, 'strategies').set(
      id,
      newEntity({
        id,
        objectiveId: v.objectiveId,
        title: v.title,
        description: v.description ?? '',
        rank,
      }),
    );
    return id;
  });
}

const strategyPatch = z.object({
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
});

export function updateStrategy(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; description?: string },
  origin?: TxOrigin,
): void {
  const p = parseInput(strategyPatch, patch, 'strategy');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'strategies', id, 'Strategy');
    if (p.title !== undefined) setOpt(m, 'title', p.title);
    if (p.description !== undefined) setOpt(m, 'description', p.description);
  });
}
