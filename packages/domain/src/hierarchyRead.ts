/**
 * Reads of the goal hierarchy and the agreement's fixed parts: parties, focus areas, delmål,
 * strategies, long-term results and action plans.
 */
import type * as Y from 'yjs';
import { entities, entity, num, oneOf, str, strArray } from './doc.js';
import { compareRanked, type Ranked, sortRanked } from './rank.js';
import type {
  ActionPlanView,
  FocusAreaView,
  ObjectiveView,
  OutcomeView,
  PartyView,
  StrategyView,
} from './types.js';

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
