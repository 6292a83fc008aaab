import * as Y from 'yjs';
import * as z from 'zod/mini';
import { newEntity, newText, root, type RootName, transact } from '../doc.js';
import { setMeasureIdSets } from '../idSets.js';
import { parseInput } from '../errors.js';
import { initIn } from '../meta.js';
import { migrate } from '../migrations/index.js';
import { assertSupportedVersion } from '../version.js';
import { ranksAfter } from '../rank.js';
import { idSchema, ownerIdSchema } from '../schema.js';
import type { TxOrigin } from '../types.js';
import {
  DEMO_AUTHORS,
  DEMO_MEASURES,
  DEMO_MEETINGS,
  DEMO_MILESTONES,
  type DemoAuthor,
} from './demo.data.js';
import {
  ACTION_PLANS,
  AGREEMENT_TITLE,
  FOCUS_AREAS,
  OUTCOMES,
  PARTIES,
  seedIds,
} from './tromsvekstavtalen.data.js';

export const TROMSVEKSTAVTALEN_ID = 'tromsvekstavtalen';

/** Fixed timestamp of seeded entities: the day Fylkestinget adopted the agreement. */
export const SEED_TIME = '2025-06-17T12:00:00.000Z';

const SEED_ORIGIN: TxOrigin = Object.freeze({ source: 'seed' });

const optionsSchema = z.object({
  agreementId: z._default(idSchema, TROMSVEKSTAVTALEN_ID),
  demoMeasures: z._default(z.boolean(), false),
  demoPeople: z._default(
    z.object({ kari: z.optional(ownerIdSchema), ola: z.optional(ownerIdSchema) }),
    {},
  ),
});

/**
 * The user id of each demo person: the owner of their demo measures and the author of their
 * status updates and comments.
 */
export type DemoPeople = Partial<Record<DemoAuthor, string>>;

/** Writes the entity only when nothing is stored under its id: seeding twice is a no-op [S1]. */
function put(doc: Y.Doc, name: RootName, id: string, build: () => Y.Map<unknown>): void {
  const r = root(doc, name);
  if (!r.has(id)) r.set(id, build());
}

/**
 * Seeds Tromsvekstavtalen: meta, parties, default columns, the four focus areas with their
 * delmål and strategies, the 14 long-term results and the two action plans, and, with
 * `demoMeasures`, demo measures, milestones and meetings. Ids are fixed ('fa-1', 'obj-1.1',
 * 'str-1.1-1', 'out-1', 'ap-2025-2026', 'm-1-1', 'ms-1-mid', ...) and entities already present
 * are left alone, so seeding is deterministic and idempotent ([S1], [S2]).
 *
 * `demoPeople` gives the user ids of the demo people (the accounts are the server's, their ids
 * differ per installation): the demo measures they own get them as owners, and their status
 * updates and comments them as `authorId` ([S2]). Without it, or for a person it leaves out,
 * those measures have no owner and the texts carry a placeholder id (`seed-kari`, `seed-ola`).
 *
 * @example seedTromsvekstavtalen(doc, { demoMeasures: true, demoPeople: { kari: 'u-1', ola: 'u-2' } })
 */
export function seedTromsvekstavtalen(
  doc: Y.Doc,
  options: { agreementId?: string; demoMeasures?: boolean; demoPeople?: DemoPeople } = {},
  origin: TxOrigin = SEED_ORIGIN,
): void {
  const { agreementId, demoMeasures, demoPeople } = parseInput(
    optionsSchema,
    options,
    'seed options',
  );
  assertSupportedVersion(doc);
  // Bring a v0 document up to date first, so the seed does not stamp it as current ([M2]).
  migrate(doc);
  transact(doc, origin, () => {
    seedStructureIn(doc, agreementId, AGREEMENT_TITLE);
    if (demoMeasures) seedDemoIn(doc, demoPeople);
  });
}

/** Everything but the demo content; used by the seed and by generateLargeAgreement. */
export function seedStructureIn(doc: Y.Doc, agreementId: string, title: string): void {
  initIn(doc, agreementId, title, SEED_TIME);
  const partyRanks = ranksAfter(null, PARTIES.length);
  PARTIES.forEach((p, i) => {
    put(doc, 'parties', p.id, () =>
      newEntity({ ...p, members: [...p.members], rank: partyRanks[i] }),
    );
  });

  const faRanks = ranksAfter(null, FOCUS_AREAS.length);
  FOCUS_AREAS.forEach((fa, i) => {
    const faId = seedIds.focusArea(fa.number);
    put(doc, 'focusAreas', faId, () =>
      newEntity({
        id: faId,
        number: fa.number,
        title: fa.title,
        description: fa.description,
        rank: faRanks[i],
      }),
    );
    const objRanks = ranksAfter(null, fa.objectives.length);
    fa.objectives.forEach((o, j) => {
      const objId = seedIds.objective(o.code);
      put(doc, 'objectives', objId, () =>
        newEntity({
          id: objId,
          focusAreaId: faId,
          code: o.code,
          title: o.title,
          rank: objRanks[j],
        }),
      );
      const strRanks = ranksAfter(null, o.strategies.length);
      o.strategies.forEach((s, k) => {
        const strId = seedIds.strategy(o.code, k + 1);
        put(doc, 'strategies', strId, () =>
          newEntity({
            id: strId,
            objectiveId: objId,
            title: s.title,
            description: s.description ?? '',
            rank: strRanks[k],
          }),
        );
      });
    });
  });

  const outRanks = ranksAfter(null, OUTCOMES.length);
  OUTCOMES.forEach((title, i) => {
    const id = seedIds.outcome(i + 1);
    put(doc, 'outcomes', id, () =>
      newEntity({ id, number: String(i + 1), title, rank: outRanks[i] }),
    );
  });

  const apRanks = ranksAfter(null, ACTION_PLANS.length);
  ACTION_PLANS.forEach((ap, i) => {
    put(doc, 'actionPlans', ap.id, () => newEntity({ ...ap, rank: apRanks[i] }));
  });
}

function seedDemoIn(doc: Y.Doc, people: DemoPeople): void {
  // A status update or comment needs an author id: the person's real one when given, else the
  // placeholder (the name is right either way).
  const authorOf = (a: DemoAuthor) => ({
    authorId: people[a] ?? DEMO_AUTHORS[a].authorId,
    authorName: DEMO_AUTHORS[a].authorName,
  });
  // Ranks per board column in list order, independent of anything else in the document.
  const groups = new Map<string, string[]>();
  for (const m of DEMO_MEASURES) {
    const key = `${m.focusArea}/${m.columnId}`;
    groups.set(key, [...(groups.get(key) ?? []), m.id]);
  }
  const rankOf = new Map<string, string>();
  for (const ids of groups.values()) {
    const ranks = ranksAfter(null, ids.length);
    ids.forEach((id, i) => {
      rankOf.set(id, ranks[i]!);
    });
  }

  for (const d of DEMO_MEASURES) {
    put(doc, 'measures', d.id, () => {
      const strategyObjective = d.strategy.replace(/^str-/, 'obj-').replace(/-\d+$/, '');
      const m = newEntity({
        id: d.id,
        focusAreaId: seedIds.focusArea(d.focusArea),
        columnId: d.columnId,
        rank: rankOf.get(d.id),
        objectiveId: strategyObjective,
        strategyId: d.strategy,
        party: d.party,
        startDate: d.startDate,
        dueDate: d.dueDate,
        health: d.health,
        createdAt: SEED_TIME,
        updatedAt: SEED_TIME,
      });
      m.set('title', newText(d.title));
      m.set('description', newText(d.description));
      setMeasureIdSets(
        m,
        (d.owners ?? []).flatMap((a) => people[a] ?? []),
        d.outcomes?.map(seedIds.outcome),
      );
      const checklist = new Y.Map<unknown>();
      const ranks = ranksAfter(null, d.checklist?.length ?? 0);
      d.checklist?.forEach(([text, done], i) => {
        const id = `${d.id}-chk-${i + 1}`;
        checklist.set(id, newEntity({ id, text, done, rank: ranks[i] }));
      });
      m.set('checklist', checklist);
      const comments = new Y.Array<unknown>();
      if (d.comment) {
        const { author, ...c } = d.comment;
        comments.push([{ id: `${d.id}-cmt-1`, ...authorOf(author), ...c }]);
      }
      m.set('comments', comments);
      const updates = new Y.Array<unknown>();
      if (d.status) {
        const { author, ...s } = d.status;
        updates.push([
          {
            id: `${d.id}-su-1`,
            ...s,
            ...authorOf(author),
            createdAt: `${s.date}T10:00:00.000Z`,
          },
        ]);
      }
      m.set('statusUpdates', updates);
      return m;
    });
  }

  for (const d of DEMO_MILESTONES) {
    put(doc, 'milestones', d.id, () => {
      const m = newEntity({
        id: d.id,
        focusAreaId: seedIds.focusArea(d.focusArea),
        dueDate: d.dueDate,
        done: d.doneAt ? true : undefined,
        doneAt: d.doneAt,
        createdAt: SEED_TIME,
        updatedAt: d.doneAt ?? SEED_TIME,
      });
      m.set('title', newText(d.title));
      const links = new Y.Array<string>();
      links.push(d.measureIds);
      m.set('measureIds', links);
      return m;
    });
  }

  for (const d of DEMO_MEETINGS) {
    put(doc, 'meetings', d.id, () =>
      newEntity({ ...d, createdAt: SEED_TIME, updatedAt: SEED_TIME }),
    );
  }
}
