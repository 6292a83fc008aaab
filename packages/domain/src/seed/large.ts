import * as Y from 'yjs';
import { DEFAULT_COLUMNS } from '../constants.js';
import { newEntity, newText, root, transact } from '../doc.js';
import { setMeasureIdSets } from '../idSets.js';
import { invalid } from '../errors.js';
import { ranksAfter } from '../rank.js';
import type { Health, Party, TxOrigin } from '../types.js';
import { SEED_TIME, seedStructureIn } from './seed.js';
import { FOCUS_AREAS } from './tromsvekstavtalen.data.js';

const PARTIES: Party[] = ['county', 'ipr', 'joint'];
const HEALTHS: Health[] = ['green', 'green', 'green', 'yellow', 'red'];

/**
 * A small deterministic PRNG (mulberry32): numbers in [0, 1) that repeat for the same seed, so
 * the same options give the same content (and a fuzz or soak run can be replayed).
 *
 * @example const rnd = seededRandom(7); rnd() // 0.0.. to 0.99.., the same sequence every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills `doc` with the agreement structure and `measures` generated measures (ids
 * 'gen-m-00001'...), spread over the four focus areas and default columns, plus one milestone
 * per 50 measures linked to measures of its focus area. Deterministic in content (not in
 * Yjs client ids); for tests and the 2,000/5,000-measure benchmarks. One transaction.
 *
 * @example generateLargeAgreement(doc, { measures: 5000 })
 */
export function generateLargeAgreement(
  doc: Y.Doc,
  options: { measures: number; agreementId?: string; seed?: number },
  origin: TxOrigin = { source: 'seed' },
): void {
  const n = options.measures;
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw invalid('measures must be 0..100000');
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  transact(doc, origin, () => {
    seedStructureIn(doc, options.agreementId ?? 'generated', `Generert avtale (${n} tiltak)`);
    const measures = root(doc, 'measures');
    const groups = new Map<string, string[]>();
    const plan: Array<{ id: string; fa: string; col: string }> = [];
    for (let i = 1; i <= n; i++) {
      const id = `gen-m-${String(i).padStart(5, '0')}`;
      const fa = `fa-${FOCUS_AREAS[i % FOCUS_AREAS.length]!.number}`;
      const col = pick(DEFAULT_COLUMNS).id;
      plan.push({ id, fa, col });
      const key = `${fa}/${col}`;
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    const rankOf = new Map<string, string>();
    for (const ids of groups.values()) {
      const ranks = ranksAfter(null, ids.length);
      ids.forEach((id, i) => {
        rankOf.set(id, ranks[i]!);
      });
    }
    for (const [i, p] of plan.entries()) {
      if (measures.has(p.id)) continue;
      const due =
        rnd() < 0.6
          ? `202${6 + Math.floor(rnd() * 3)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`
          : undefined;
      const m = newEntity({
        id: p.id,
        focusAreaId: p.fa,
        columnId: p.col,
        rank: rankOf.get(p.id),
        party: pick(PARTIES),
        health: pick(HEALTHS),
        dueDate: due,
        createdAt: SEED_TIME,
        updatedAt: SEED_TIME,
      });
      m.set('title', newText(`Tiltak ${i + 1}: samarbeid om ${pick(WORDS)} i ${pick(PLACES)}`));
      m.set(
        'description',
        newText(`Generert tiltak for ytelsestester. Gjelder ${pick(WORDS)} og ${pick(WORDS)}.`),
      );
      m.set('checklist', new Y.Map());
      m.set('comments', new Y.Array());
      m.set('statusUpdates', new Y.Array());
      setMeasureIdSets(m);
      measures.set(p.id, m);
    }
    const milestones = root(doc, 'milestones');
    for (let k = 1; k <= Math.floor(n / 50); k++) {
      const id = `gen-ms-${String(k).padStart(4, '0')}`;
      if (milestones.has(id)) continue;
      const fa = plan[(k - 1) * 50]!.fa;
      const linked = plan
        .filter((p) => p.fa === fa)
        .slice(k, k + 3)
        .map((p) => p.id);
      const m = newEntity({
        id,
        focusAreaId: fa,
        dueDate: `202${6 + (k % 3)}-${String(1 + (k % 12)).padStart(2, '0')}-01`,
        createdAt: SEED_TIME,
        updatedAt: SEED_TIME,
      });
      m.set('title', newText(`Milepæl ${k}`));
      const a = new Y.Array<string>();
      a.push(linked);
      m.set('measureIds', a);
      milestones.set(id, m);
    }
  });
}

const WORDS = [
  'mobilitet',
  'arealplaner',
  'klimatilpasning',
  'besøksforvaltning',
  'kompetanse',
  'sirkulær økonomi',
  'ungdomsmedvirkning',
];
const PLACES = ['Tromsø', 'Balsfjord', 'Karlsøy', 'Lyngen', 'Storfjord', 'Tromsøregionen'];
