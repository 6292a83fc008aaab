import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { entity, newEntity, newId, requireEntity, root, setOpt, transact } from './doc.js';
import { DomainError, parseInput } from './errors.js';
import { listFocusAreas, listObjectives, listOutcomes, listStrategies } from './hierarchyRead.js';
import { ranksForInsert } from './rank.js';
import { descriptionSchema, idSchema, titleSchema } from './schema.js';
import type { TxOrigin } from './types.js';

/** Edits of the goal hierarchy: focus areas, delmål, strategies and long-term results. */

function assertFree(
  doc: Y.Doc,
  name: 'focusAreas' | 'objectives' | 'strategies' | 'outcomes',
  id: string,
) {
  if (entity(doc, name, id)) throw new DomainError('conflict', `Id already used: ${id}`);
}

const createFocusAreaSchema = z.object({
  number: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  title: titleSchema,
  description: z.optional(descriptionSchema),
  id: z.optional(idSchema),
});

/** Adds a focus area (innsatsområde), placed last. Returns its id. */
export function createFocusArea(
  doc: Y.Doc,
  input: { number: string; title: string; description?: string; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createFocusAreaSchema, input, 'focus area');
  return transact(doc, origin, () => {
    const id = v.id ?? newId('fa');
    assertFree(doc, 'focusAreas', id);
    const siblings = listFocusAreas(doc);
    const { rank } = ranksForInsert(siblings, siblings.length);
    root(doc, 'focusAreas').set(
      id,
      newEntity({ id, number: v.number, title: v.title, description: v.description ?? '', rank }),
    );
    return id;
  });
}

const focusPatch = z.object({
  title: z.optional(titleSchema),
  description: z.optional(descriptionSchema),
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
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  title: titleSchema,
  id: z.optional(idSchema),
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
    assertFree(doc, 'objectives', id);
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
  code: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  title: z.optional(titleSchema),
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
  description: z.optional(descriptionSchema),
  id: z.optional(idSchema),
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
    assertFree(doc, 'strategies', id);
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
  title: z.optional(titleSchema),
  description: z.optional(descriptionSchema),
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

const createOutcomeSchema = z.object({ title: titleSchema, id: z.optional(idSchema) });

/** Adds a long-term result (langsiktig resultat), numbered after the last one. Returns its id. */
export function createOutcome(
  doc: Y.Doc,
  input: { title: string; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createOutcomeSchema, input, 'outcome');
  return transact(doc, origin, () => {
    const id = v.id ?? newId('out');
    assertFree(doc, 'outcomes', id);
    const siblings = listOutcomes(doc);
    const { rank } = ranksForInsert(siblings, siblings.length);
    const number = String(siblings.length + 1);
    root(doc, 'outcomes').set(id, newEntity({ id, number, title: v.title, rank }));
    return id;
  });
}

/** Renames a long-term result. */
export function updateOutcome(
  doc: Y.Doc,
  id: string,
  patch: { title?: string },
  origin?: TxOrigin,
): void {
  const p = parseInput(z.object({ title: z.optional(titleSchema) }), patch, 'outcome');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'outcomes', id, 'Outcome');
    if (p.title !== undefined) setOpt(m, 'title', p.title);
  });
}
