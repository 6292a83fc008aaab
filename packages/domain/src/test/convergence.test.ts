/**
 * Property-based convergence tests ([C1]–[C5] in docs/document-format.md): 2–4 replicas of one
 * agreement make random, conflicting edits offline (with occasional partial syncs), then
 * exchange their updates in a random order. fast-check prints the seed and the shrunk
 * counterexample on failure; rerun one with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveMeasure,
  compareRanked,
  createMeasure,
  createMilestone,
  linkMeasure,
  listColumns,
  listMeasures,
  listMilestones,
  measureText,
  moveColumn,
  moveMeasure,
  restoreMeasure,
  ROOT,
  setClock,
  setMeasureOwner,
  unlinkMeasure,
  updateMeasure,
} from '../index.js';
import { seedTromsvekstavtalen } from '../seed/seed.js';

/** FC_RUNS=5000 for a deeper search; the default keeps `pnpm test` fast. */
const RUNS = Number(process.env.FC_RUNS ?? 120);
const FOCUS = ['fa-1', 'fa-2'];
const COLUMNS = ['col-idea', 'col-planned', 'col-doing', 'col-done'];
const BASE_MEASURES = ['m-b1', 'm-b2', 'm-b3', 'm-b4', 'm-b5'];
const MILESTONES = ['ms-b1', 'ms-b2'];
const USERS = ['u-kari', 'u-ola', 'u-per'];

let restoreClock: () => void;
beforeAll(() => {
  // A fixed clock keeps runs reproducible from their seed (updatedAt is written by every op).
  restoreClock = setClock(() => new Date('2026-05-01T12:00:00.000Z'));
});
afterAll(() => restoreClock());

function baseUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1000;
  seedTromsvekstavtalen(doc, {});
  BASE_MEASURES.forEach((id, i) => {
    createMeasure(doc, {
      id,
      focusAreaId: FOCUS[i % 2]!,
      columnId: 'col-idea',
      title: `Tiltak ${id}`,
    });
  });
  for (const id of MILESTONES) {
    createMilestone(doc, {
      id,
      focusAreaId: 'fa-1',
      title: id,
      dueDate: '2026-12-01',
      measureIds: ['m-b1'],
    });
  }
  return Y.encodeStateAsUpdate(doc);
}
const BASE = baseUpdate();

type Op =
  | { kind: 'create'; focus: number; column: number; at: number | null; title: string }
  | { kind: 'move'; measure: number; column: number; index: number }
  | { kind: 'reorder'; measure: number; index: number }
  | { kind: 'editTitle'; measure: number; pos: number }
  | { kind: 'archive' | 'restore'; measure: number }
  | { kind: 'health'; measure: number; health: 'green' | 'yellow' | 'red' }
  | { kind: 'link' | 'unlink'; milestone: number; measure: number }
  | { kind: 'moveColumn'; column: number; index: number }
  | { kind: 'owner'; measure: number; user: number; on: boolean }
  | { kind: 'sync'; to: number };

const pick = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      focus: fc.nat(1),
      column: fc.nat(3),
      at: fc.option(fc.nat(6)),
      title: fc.string({ minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      measure: pick,
      column: fc.nat(3),
      index: fc.nat(6),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('reorder' as const),
      measure: pick,
      index: fc.nat(6),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editTitle' as const),
      measure: pick,
      pos: fc.nat(30),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('archive' as const, 'restore' as const),
      measure: pick,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('health' as const),
      measure: pick,
      health: fc.constantFrom('green' as const, 'yellow' as const, 'red' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('link' as const, 'unlink' as const),
      milestone: fc.nat(1),
      measure: pick,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('moveColumn' as const),
      column: fc.nat(3),
      index: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('owner' as const),
      measure: pick,
      user: fc.nat(USERS.length - 1),
      on: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), to: fc.nat(3) }) },
);

interface Replica {
  doc: Y.Doc;
  created: string[];
  tokens: Map<string, string[]>;
  /** `measure user` pairs this replica asked to add / to remove as owner. */
  ownerAdds: Set<string>;
  ownerRemoves: Set<string>;
}

/** Measure ids a replica knows, base measures first so conflicting edits on them are common. */
function known(r: Replica): string[] {
  const all = listMeasures(r.doc, { includeArchived: true }).map((m) => m.id);
  return [...BASE_MEASURES, ...all.filter((id) => !BASE_MEASURES.includes(id)).sort()];
}

function apply(replicas: Replica[], ri: number, op: Op, step: number): void {
  const r = replicas[ri]!;
  const doc = r.doc;
  const ids = known(r);
  const measure = 'measure' in op ? ids[op.measure % ids.length]! : '';
  switch (op.kind) {
    case 'create': {
      const focusAreaId = FOCUS[op.focus]!;
      const columnId = COLUMNS[op.column]!;
      const siblings = listMeasures(doc, { focusAreaId, columnId });
      const afterId =
        op.at === null || siblings.length === 0 ? null : siblings[op.at % siblings.length]!.id;
      const id = `m-r${ri}-${step}`;
      createMeasure(doc, { id, focusAreaId, columnId, title: op.title.trim() || 'x', afterId });
      r.created.push(id);
      return;
    }
    case 'move':
      moveMeasure(doc, measure, { columnId: COLUMNS[op.column]!, index: op.index });
      return;
    case 'reorder': {
      const m = listMeasures(doc, { includeArchived: true }).find((x) => x.id === measure)!;
      moveMeasure(doc, measure, { columnId: m.columnId, index: op.index });
      return;
    }
    case 'editTitle': {
      const t = measureText(doc, measure, 'title');
      const token = `[${ri}.${step}]`;
      // At either end, so a later insert never lands inside an earlier token.
      t.insert(op.pos % 2 === 0 ? 0 : t.length, token);
      r.tokens.set(measure, [...(r.tokens.get(measure) ?? []), token]);
      return;
    }
    case 'archive':
      archiveMeasure(doc, measure);
      return;
    case 'restore':
      restoreMeasure(doc, measure);
      return;
    case 'health':
      updateMeasure(doc, measure, { health: op.health });
      return;
    case 'link':
      linkMeasure(doc, MILESTONES[op.milestone]!, measure);
      return;
    case 'unlink':
      unlinkMeasure(doc, MILESTONES[op.milestone]!, measure);
      return;
    case 'moveColumn':
      moveColumn(doc, COLUMNS[op.column]!, op.index);
      return;
    case 'owner': {
      const user = USERS[op.user]!;
      setMeasureOwner(doc, measure, user, op.on);
      (op.on ? r.ownerAdds : r.ownerRemoves).add(`${measure} ${user}`);
      return;
    }
    case 'sync': {
      const to = replicas[op.to % replicas.length]!.doc;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(to)));
      return;
    }
  }
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    steps: fc.array(fc.record({ replica: fc.nat(n - 1), op: opArb }), { maxLength: 40 }),
    // Order in which the final (replica -> replica) deliveries happen.
    deliveries: fc.shuffledSubarray(
      Array.from({ length: n * n }, (_, i) => [Math.floor(i / n), i % n] as const).filter(
        ([a, b]) => a !== b,
      ),
      { minLength: n * (n - 1), maxLength: n * (n - 1) },
    ),
    insertAt: fc.nat(10),
  }),
);

/**
 * Every top-level type as canonical JSON: keys sorted, because a Y.Map's key order follows the
 * order updates arrived in (and Y.Doc.toJSON only shows types this replica has opened).
 */
function snapshot(doc: Y.Doc): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canon(o[k])]),
    );
  };
  const roots = Object.values(ROOT).map((n) => [n, doc.getMap(n).toJSON()]);
  return JSON.stringify(canon(Object.fromEntries(roots)));
}

/** Byte equality; expect().toEqual on large Uint8Arrays is slow. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface Scenario {
  n: number;
  steps: Array<{ replica: number; op: Op }>;
  deliveries: ReadonlyArray<readonly [number, number]>;
  insertAt: number;
}

function runScenario(s: Scenario): Replica[] {
  const replicas: Replica[] = Array.from({ length: s.n }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1; // deterministic conflict resolution, so a seed reproduces the run
    Y.applyUpdate(doc, BASE);
    return { doc, created: [], tokens: new Map(), ownerAdds: new Set(), ownerRemoves: new Set() };
  });
  for (const [step, st] of s.steps.entries()) apply(replicas, st.replica, st.op, step);
  // Each replica's full state, delivered to every other replica in a random order.
  const finals = replicas.map((r) => Y.encodeStateAsUpdate(r.doc));
  for (const [from, to] of s.deliveries) Y.applyUpdate(replicas[to]!.doc, finals[from]!);
  return replicas;
}

describe('convergence of concurrent offline edits', () => {
  it('[C1] replicas converge to identical state after exchanging updates in any order', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const replicas = runScenario(s);
        const first = replicas[0]!.doc;
        const json = snapshot(first);
        const list = listMeasures(first, { includeArchived: true });
        for (const r of replicas.slice(1)) {
          expect(sameBytes(Y.encodeStateVector(r.doc), Y.encodeStateVector(first))).toBe(true);
          expect(snapshot(r.doc)).toBe(json);
          expect(sameBytes(Y.encodeStateAsUpdate(r.doc), Y.encodeStateAsUpdate(first))).toBe(true);
          expect(listMeasures(r.doc, { includeArchived: true })).toEqual(list);
          expect(listMilestones(r.doc)).toEqual(listMilestones(first));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('[C2][C3][C6] no measure or owner is duplicated or lost, and every measure is in an existing column', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const replicas = runScenario(s);
        const doc = replicas[0]!.doc;
        const all = listMeasures(doc, { includeArchived: true });
        const ids = all.map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        const expected = [...BASE_MEASURES, ...replicas.flatMap((r) => r.created)].sort();
        expect([...ids].sort()).toEqual(expected);
        const columns = new Set(listColumns(doc).map((c) => c.id));
        for (const m of all) expect(columns.has(m.columnId)).toBe(true);
        // Concurrent text inserts are all kept.
        for (const r of replicas) {
          for (const [id, tokens] of r.tokens) {
            const title = all.find((m) => m.id === id)!.title;
            for (const t of tokens) expect(title).toContain(t);
          }
        }
        // [C6] an owner some replica added and none removed is there; one only removed is not.
        const adds = new Set(replicas.flatMap((r) => [...r.ownerAdds]));
        const removes = new Set(replicas.flatMap((r) => [...r.ownerRemoves]));
        for (const m of all) {
          for (const user of USERS) {
            const key = `${m.id} ${user}`;
            if (adds.has(key) && !removes.has(key)) expect(m.owners).toContain(user);
            if (removes.has(key) && !adds.has(key)) expect(m.owners).not.toContain(user);
          }
          expect(new Set(m.owners).size).toBe(m.owners.length);
        }
        // [F6] links are deduplicated on read.
        for (const ms of listMilestones(doc))
          expect(new Set(ms.measureIds).size).toBe(ms.measureIds.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('[C4][O3] order is total and an insert at any position of any column still lands exactly there', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const replicas = runScenario(s);
        const doc = replicas[0]!.doc;
        for (const focusAreaId of FOCUS) {
          for (const columnId of COLUMNS) {
            const before = listMeasures(doc, { focusAreaId, columnId });
            for (let i = 1; i < before.length; i++) {
              expect(compareRanked(before[i - 1]!, before[i]!)).toBeLessThan(0);
            }
            const index = s.insertAt % (before.length + 1);
            const afterId = index === 0 ? null : before[index - 1]!.id;
            const id = createMeasure(doc, { focusAreaId, columnId, title: 'Ny', afterId });
            const after = listMeasures(doc, { focusAreaId, columnId }).map((m) => m.id);
            const expected = before.map((m) => m.id);
            expected.splice(index, 0, id);
            expect(after).toEqual(expected);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 1.5) },
    );
  });

  it('[C5] the same card moved to different columns on every replica ends in exactly one of them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
        fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }),
        (n, cols, idx) => {
          const docs = Array.from({ length: n }, (_, i) => {
            const d = new Y.Doc();
            d.clientID = i + 1;
            Y.applyUpdate(d, BASE);
            return d;
          });
          for (const [i, d] of docs.entries()) {
            moveMeasure(d, 'm-b1', { columnId: COLUMNS[cols[i]!]!, index: idx[i]! });
          }
          const updates = docs.map((d) => Y.encodeStateAsUpdate(d));
          for (const d of docs) for (const u of updates) Y.applyUpdate(d, u);
          const placements = docs.map((d) =>
            COLUMNS.filter((c) => listMeasures(d, { columnId: c }).some((m) => m.id === 'm-b1')),
          );
          for (const p of placements) expect(p).toHaveLength(1);
          expect(new Set(placements.map((p) => p[0])).size).toBe(1);
          expect(cols.slice(0, n).map((c) => COLUMNS[c])).toContain(placements[0]![0]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 1.5) },
    );
  });
});
