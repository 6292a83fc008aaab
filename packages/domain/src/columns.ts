import type * as Y from 'yjs';
import * as z from 'zod/mini';
import {
  entities,
  newEntity,
  newId,
  oneOf,
  requireEntity,
  root,
  setOpt,
  str,
  transact,
} from './doc.js';
import { invalid, parseInput } from './errors.js';
import { ranksForInsert, sortRanked } from './rank.js';
import { columnKindSchema, idSchema, indexSchema, titleSchema } from './schema.js';
import type { ColumnKind, ColumnView, TxOrigin } from './types.js';

const KINDS: readonly ColumnKind[] = ['todo', 'doing', 'done'];

function columnView(m: Y.Map<unknown>): ColumnView {
  return {
    id: str(m, 'id'),
    title: str(m, 'title'),
    kind: oneOf(m, 'kind', KINDS),
    rank: str(m, 'rank'),
  };
}

/** The workflow columns shared by all boards of the agreement, in board order. */
export function listColumns(doc: Y.Doc): ColumnView[] {
  return sortRanked(entities(doc, 'columns').map(columnView));
}

export function readColumn(doc: Y.Doc, id: string): ColumnView | undefined {
  return listColumns(doc).find((c) => c.id === id);
}

const createSchema = z.object({
  title: titleSchema,
  kind: z.nullish(columnKindSchema),
  afterId: z.nullish(idSchema),
  id: z.optional(idSchema),
});

/**
 * Adds a column after `afterId` (null = first, undefined = last). Returns its id.
 * @example const id = createColumn(doc, { title: 'Til vurdering', afterId: 'col-idea' })
 */
export function createColumn(
  doc: Y.Doc,
  input: { title: string; kind?: ColumnKind | null; afterId?: string | null; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createSchema, input, 'column');
  return transact(doc, origin, () => {
    const cols = listColumns(doc);
    const id = v.id ?? newId('col');
    if (cols.some((c) => c.id === id)) throw invalid(`Column id already used: ${id}`, 'id');
    let index = cols.length;
    if (v.afterId === null) index = 0;
    else if (v.afterId !== undefined) {
      requireEntity(doc, 'columns', v.afterId, 'Column');
      index = cols.findIndex((c) => c.id === v.afterId) + 1;
    }
    const { rank, rerank } = ranksForInsert(cols, index);
    applyRerank(doc, rerank);
    root(doc, 'columns').set(id, newEntity({ id, title: v.title, kind: v.kind ?? null, rank }));
    return id;
  });
}

function applyRerank(doc: Y.Doc, rerank: Array<{ id: string; rank: string }>): void {
  for (const r of rerank) requireEntity(doc, 'columns', r.id, 'Column').set('rank', r.rank);
}

export function renameColumn(doc: Y.Doc, id: string, title: string, origin?: TxOrigin): void {
  const t = parseInput(titleSchema, title, 'column title');
  transact(doc, origin, () => setOpt(requireEntity(doc, 'columns', id, 'Column'), 'title', t));
}

/** Sets what a column means for lateness ('done' columns never make a measure late). */
export function setColumnKind(
  doc: Y.Doc,
  id: string,
  kind: ColumnKind | null,
  origin?: TxOrigin,
): void {
  const k = parseInput(z.nullable(columnKindSchema), kind, 'column kind');
  transact(doc, origin, () => setOpt(requireEntity(doc, 'columns', id, 'Column'), 'kind', k));
}

/** Moves a column to `index` among the other columns. */
export function moveColumn(doc: Y.Doc, id: string, index: number, origin?: TxOrigin): void {
  const i = parseInput(indexSchema, index, 'column index');
  transact(doc, origin, () => {
    const col = requireEntity(doc, 'columns', id, 'Column');
    const others = listColumns(doc).filter((c) => c.id !== id);
    const { rank, rerank } = ranksForInsert(others, i);
    applyRerank(doc, rerank);
    col.set('rank', rank);
  });
}
