// The documents the bench works on: a seeded agreement (workload A) and an agreement with
// 5,000 measures (workload B). Built with @tavla/domain when it is built and exports the
// functions; otherwise directly with Yjs, mimicking the document format of DESIGN.md
// (measures: Y.Map of Y.Map with Y.Text title/description).
import * as Y from 'yjs';

export const AGREEMENT_ID = 'tromsvekstavtalen';

interface DomainLike {
  seedTromsvekstavtalen?: (
    doc: Y.Doc,
    opts: { agreementId: string; demoMeasures?: boolean },
  ) => void;
  generateLargeAgreement?: (doc: Y.Doc, opts: { measures: number }) => void;
}

let domainPromise: Promise<DomainLike | null> | undefined;

/** @tavla/domain if its build is there, else null (the bench then mimics the format). */
export function loadDomain(): Promise<DomainLike | null> {
  domainPromise ??= (async () => {
    const spec = '@tavla/domain';
    try {
      return (await import(spec)) as DomainLike;
    } catch {
      return null;
    }
  })();
  return domainPromise;
}

const LOREM =
  'Styrke samarbeidet mellom kommunene i Tromsøregionen om næringsutvikling, kompetanse, ' +
  'areal- og transportplanlegging, med vekt på bærekraft, bolig og rekruttering.';

function mimicSeed(doc: Y.Doc, measures: number) {
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('agreementId', AGREEMENT_ID);
    meta.set('title', 'Tromsvekstavtalen');
    const fas = doc.getMap<Y.Map<unknown>>('focusAreas');
    for (let i = 1; i <= 4; i++) {
      const m = new Y.Map<unknown>();
      fas.set(`fa-${i}`, m);
      m.set('id', `fa-${i}`);
      m.set('number', String(i));
      m.set('title', `Innsatsområde ${i}`);
      m.set('rank', `a${i}`);
    }
    const cols = doc.getMap<Y.Map<unknown>>('columns');
    ['Idé', 'Planlagt', 'Pågår', 'Ferdig'].forEach((title, i) => {
      const m = new Y.Map<unknown>();
      cols.set(`col-${i}`, m);
      m.set('id', `col-${i}`);
      m.set('title', title);
      m.set('rank', `a${i}`);
    });
  });
  mimicMeasures(doc, 0, measures);
}

function mimicMeasures(doc: Y.Doc, from: number, count: number) {
  const measures = doc.getMap<Y.Map<unknown>>('measures');
  // Use the focus areas and columns the document has (the domain seed's ids, if seeded so).
  const fas = [...doc.getMap('focusAreas').keys()].sort();
  const cols = [...doc.getMap('columns').keys()].sort();
  if (fas.length === 0) fas.push('fa-1');
  if (cols.length === 0) cols.push('col-0');
  doc.transact(() => {
    for (let i = from; i < from + count; i++) {
      const id = `bench-m-${i}`;
      const m = new Y.Map<unknown>();
      measures.set(id, m);
      m.set('id', id);
      m.set('focusAreaId', fas[i % fas.length]);
      m.set('columnId', cols[(i >> 2) % cols.length]);
      m.set('rank', `a${String(i).padStart(6, '0')}`);
      m.set('title', new Y.Text(`Tiltak ${i + 1}: samarbeid om vekst i regionen`));
      m.set('description', new Y.Text(`${LOREM} (${i + 1})`));
      m.set('party', ['county', 'ipr', 'joint'][i % 3]);
      m.set('health', 'green');
      m.set('dueDate', `202${5 + (i % 4)}-12-31`);
      m.set('archived', false);
    }
  });
}

export interface BuiltDoc {
  state: Uint8Array;
  source: 'domain' | 'mimic';
}

/** A seeded agreement (the Tromsvekstavtalen seed with demo measures) as one update. */
export async function seededAgreement(): Promise<BuiltDoc> {
  const domain = await loadDomain();
  const doc = new Y.Doc();
  let source: BuiltDoc['source'] = 'mimic';
  if (domain?.seedTromsvekstavtalen) {
    domain.seedTromsvekstavtalen(doc, { agreementId: AGREEMENT_ID, demoMeasures: true });
    source = 'domain';
  } else {
    mimicSeed(doc, 24);
  }
  return { state: Y.encodeStateAsUpdate(doc), source };
}

/**
 * Adds `count` measures to `doc` and returns the updates that did it, merged into chunks of
 * at most ~`chunkBytes` each (so that no single frame is enormous). With @tavla/domain's
 * generateLargeAgreement the chunking is whatever transactions it makes.
 */
export async function addMeasures(
  doc: Y.Doc,
  count: number,
  chunkBytes = 256 * 1024,
): Promise<{ chunks: Uint8Array[]; source: 'domain' | 'mimic' }> {
  const domain = await loadDomain();
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  doc.on('update', listener);
  let source: 'domain' | 'mimic' = 'mimic';
  try {
    if (domain?.generateLargeAgreement) {
      // The domain generates everything in one transaction (one update of ~2-3 MB, more than
      // a server should take in one frame). Generate into a scratch doc and copy its measures
      // and milestones over in batches, one transaction each, as an importing client would.
      const scratch = new Y.Doc();
      domain.generateLargeAgreement(scratch, { measures: count });
      for (const name of ['measures', 'milestones']) {
        const from = [...scratch.getMap<unknown>(name).entries()];
        const to = doc.getMap<unknown>(name);
        for (let i = 0; i < from.length; i += 250) {
          doc.transact(() => {
            for (const [id, v] of from.slice(i, i + 250)) {
              to.set(id, v instanceof Y.AbstractType ? v.clone() : v);
            }
          });
        }
      }
      scratch.destroy();
      source = 'domain';
    } else {
      if (doc.getMap('columns').size === 0) mimicSeed(doc, 0);
      const batch = 250;
      for (let i = 0; i < count; i += batch) mimicMeasures(doc, i, Math.min(batch, count - i));
    }
  } finally {
    doc.off('update', listener);
  }
  const chunks: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (const u of updates) {
    if (size + u.length > chunkBytes && group.length > 0) {
      chunks.push(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
      group = [];
      size = 0;
    }
    group.push(u);
    size += u.length;
  }
  if (group.length > 0) chunks.push(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
  return { chunks, source };
}

/** Ids of measures whose title is a Y.Text, sorted (targets of the fan-out edits). */
export function measureTitleTargets(doc: Y.Doc): string[] {
  const out: string[] = [];
  doc.getMap<Y.Map<unknown>>('measures').forEach((m, id) => {
    if (m instanceof Y.Map && m.get('title') instanceof Y.Text && m.get('archived') !== true) {
      out.push(id);
    }
  });
  return out.sort();
}

/** The Y.Text a client appends its edits to. */
export function editTarget(doc: Y.Doc, targets: string[], clientIndex: number): Y.Text {
  if (targets.length === 0) return doc.getText('benchNotes');
  const id = targets[clientIndex % targets.length]!;
  const m = doc.getMap<Y.Map<unknown>>('measures').get(id);
  const t = m?.get('title');
  return t instanceof Y.Text ? t : doc.getText('benchNotes');
}
