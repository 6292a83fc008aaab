import * as Y from 'yjs';
import * as z from 'zod/mini';
import { newEntity, newId, nowISO, requireEntity, setOpt, todayISO, transact } from './doc.js';
import { DomainError, notFound, parseInput } from './errors.js';
import { checklistView, HEALTHS } from './measureRead.js';
import { ranksForInsert } from './rank.js';
import { dateSchema, healthSchema, LIMITS } from './schema.js';
import type { Health, TxOrigin } from './types.js';

function nested<K extends 'checklist' | 'comments' | 'statusUpdates'>(
  m: Y.Map<unknown>,
  key: K,
  id: string,
): K extends 'checklist' ? Y.Map<unknown> : Y.Array<unknown> {
  const v = m.get(key);
  const ok = key === 'checklist' ? v instanceof Y.Map : v instanceof Y.Array;
  // biome-ignore lint/suspicious/noExplicitAny: narrowed by the check above
  if (ok) return v as any;
  // Created with the measure (and by migration 0001); missing only in a corrupt document.
  throw new DomainError('conflict', `Measure ${id} has no ${key}; migrate the document first`);
}

const itemText = z
  .string()
  .check(z.trim(), z.minLength(1, 'Must not be empty'), z.maxLength(LIMITS.checklistText));

/** Adds a checklist item at the end of a measure's checklist. Returns the item id. */
export function addChecklistItem(
  doc: Y.Doc,
  measureId: string,
  text: string,
  origin?: TxOrigin,
): string {
  const t = parseInput(itemText, text, 'checklist item');
  return transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const list = nested(m, 'checklist', measureId);
    const items = checklistView(m);
    const { rank } = ranksForInsert(items, items.length);
    const id = newId('chk');
    list.set(id, newEntity({ id, text: t, done: false, rank }));
    m.set('updatedAt', nowISO());
    return id;
  });
}

const itemPatch = z.object({ text: z.optional(itemText), done: z.optional(z.boolean()) });

/** Edits the text and/or done flag of a checklist item. */
export function setChecklistItem(
  doc: Y.Doc,
  measureId: string,
  itemId: string,
  patch: { text?: string; done?: boolean },
  origin?: TxOrigin,
): void {
  const p = parseInput(itemPatch, patch, 'checklist item');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const item = nested(m, 'checklist', measureId).get(itemId);
    if (!(item instanceof Y.Map)) throw notFound('Checklist item', itemId);
    let changed = false;
    if (p.text !== undefined) changed = setOpt(item, 'text', p.text) || changed;
    if (p.done !== undefined) changed = setOpt(item, 'done', p.done) || changed;
    if (changed) m.set('updatedAt', nowISO());
  });
}

/** Removes a checklist item (checklist items, unlike measures, are really deleted). */
export function removeChecklistItem(
  doc: Y.Doc,
  measureId: string,
  itemId: string,
  origin?: TxOrigin,
): void {
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const list = nested(m, 'checklist', measureId);
    if (!list.has(itemId)) throw notFound('Checklist item', itemId);
    list.delete(itemId);
    m.set('updatedAt', nowISO());
  });
}

const author = {
  authorId: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.id)),
  authorName: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.title)),
};
const commentSchema = z.object({
  ...author,
  text: z
    .string()
    .check(z.trim(), z.minLength(1, 'Must not be empty'), z.maxLength(LIMITS.comment)),
});

/** Appends a comment to a measure. Returns its id. */
export function addComment(
  doc: Y.Doc,
  measureId: string,
  input: { authorId: string; authorName: string; text: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(commentSchema, input, 'comment');
  return transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const list = nested(m, 'comments', measureId);
    const id = newId('cmt');
    list.push([{ id, ...v, createdAt: nowISO() }]);
    return id;
  });
}

const statusSchema = z.object({
  ...author,
  health: healthSchema,
  text: z.string().check(z.trim(), z.maxLength(LIMITS.statusText)),
  date: z.optional(dateSchema),
});

/**
 * Records a dated status update and sets the measure's health to it. A change of health needs
 * an explanation: empty text is 'invalid' when `health` differs from the current health ([F8]).
 *
 * @example addStatusUpdate(doc, id, { health: 'red', text: 'Mangler finansiering', authorId, authorName })
 */
export function addStatusUpdate(
  doc: Y.Doc,
  measureId: string,
  input: { health: Health; text: string; authorId: string; authorName: string; date?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(statusSchema, input, 'status update');
  return transact(doc, origin, () => {
    const m = requireEntity(doc, 'measures', measureId, 'Measure');
    const list = nested(m, 'statusUpdates', measureId);
    const cur = m.get('health');
    const current: Health = HEALTHS.includes(cur as Health) ? (cur as Health) : 'green';
    if (v.health !== current && v.text === '') {
      throw new DomainError('invalid', 'A change of health needs a text', [
        { path: 'text', message: 'Required when health changes' },
      ]);
    }
    const id = newId('su');
    const now = nowISO();
    list.push([
      {
        id,
        date: v.date ?? todayISO(),
        health: v.health,
        text: v.text,
        authorId: v.authorId,
        authorName: v.authorName,
        createdAt: now,
      },
    ]);
    setOpt(m, 'health', v.health);
    m.set('updatedAt', now);
    return id;
  });
}
