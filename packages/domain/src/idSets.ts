import * as Y from 'yjs';
import { strArray } from './doc.js';

/**
 * Where a measure keeps one of its id sets ([F11]): `set`, the nested `Y.Map` id -> position
 * (the order it was added in) that version 3 writes, and `plain`, the key of the plain string
 * array that version 2 wrote whole.
 */
export interface IdSetKeys {
  set: string;
  plain: string;
}

export const OWNER_KEYS: IdSetKeys = Object.freeze({ set: 'ownerSet', plain: 'owners' });
export const OUTCOME_KEYS: IdSetKeys = Object.freeze({ set: 'outcomeSet', plain: 'outcomeIds' });

/** The id sets of a measure, by the name of its field in MeasureView. */
export const MEASURE_ID_SETS = { owners: OWNER_KEYS, outcomeIds: OUTCOME_KEYS } as const;

/** An id's place in a set: the position it was added at; `true` (a foreign writer) sorts last. */
function position(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return v === true ? Number.MAX_SAFE_INTEGER : null;
}

function holdsPlainIds(m: Y.Map<unknown>, key: string): boolean {
  const v = m.get(key);
  return Array.isArray(v) || v instanceof Y.Array;
}

/**
 * The ids of an id set ([F11]), deduplicated, in the order they were added (by the position
 * stored with each id, then by id: the same order on every replica), as the owners showed when
 * they were a list. A plain array under the old key is what a v2 client wrote after the
 * migration (it edited offline before it saw v3; the migration deleted that key, and a
 * concurrent write outlives a delete): it is the newest intent there is and is read, in its own
 * order, instead of the set, until the next write folds it into the set.
 */
export function readIdSet(m: Y.Map<unknown>, keys: IdSetKeys): string[] {
  if (holdsPlainIds(m, keys.plain)) return strArray(m, keys.plain);
  const set = m.get(keys.set);
  if (!(set instanceof Y.Map)) return [];
  const out: Array<{ id: string; at: number }> = [];
  set.forEach((v, id) => {
    const at = position(v);
    if (at !== null) out.push({ id, at });
  });
  return out
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => e.id);
}

/** A new id set holding `ids`, at positions 0, 1, ... in their order. */
export function newIdSet(ids: Iterable<string> = []): Y.Map<unknown> {
  const set = new Y.Map<unknown>();
  let at = 0;
  for (const id of new Set(ids)) set.set(id, at++);
  return set;
}

/**
 * Gives a new measure entity its id sets (before it is added to the document: nested types
 * are created with their entity, never lazily, [F9]).
 */
export function setMeasureIdSets(
  m: Y.Map<unknown>,
  owners: Iterable<string> = [],
  outcomeIds: Iterable<string> = [],
): void {
  m.set(OWNER_KEYS.set, newIdSet(owners));
  m.set(OUTCOME_KEYS.set, newIdSet(outcomeIds));
}

/** The position after every id in `set`. */
function nextPosition(set: Y.Map<unknown>): number {
  let next = 0;
  set.forEach((v) => {
    if (typeof v === 'number' && Number.isFinite(v) && v >= next) next = Math.floor(v) + 1;
  });
  return next;
}

/**
 * Adds and removes single ids of `set` until it holds exactly `want`: ids it has keep their
 * position, new ones are added after all others, in `want`'s order.
 */
function diffInto(set: Y.Map<unknown>, want: readonly string[]): void {
  let next = nextPosition(set);
  const keep = new Set(want);
  for (const id of [...set.keys()]) if (!keep.has(id)) set.delete(id);
  for (const id of keep) if (position(set.get(id)) === null) set.set(id, next++);
}

/**
 * The live set, for writing, with what the measure reads as folded into it: a plain array under
 * the old key becomes the set's content, each id at its place in the array (single writes, so two
 * replicas folding it at the same time agree), and the old key is deleted. Creates the set (with
 * those ids) only for a measure that has none: a v2 document's (the migration), or a measure a
 * v2 client created offline. Call inside a transaction.
 */
export function foldIdSet(m: Y.Map<unknown>, keys: IdSetKeys): Y.Map<unknown> {
  const cur = m.get(keys.set);
  let set: Y.Map<unknown>;
  if (cur instanceof Y.Map) {
    set = cur as Y.Map<unknown>;
    if (m.has(keys.plain)) {
      const ids = readIdSet(m, keys);
      const keep = new Set(ids);
      for (const id of [...set.keys()]) if (!keep.has(id)) set.delete(id);
      ids.forEach((id, at) => {
        if (set.get(id) !== at) set.set(id, at);
      });
    }
  } else {
    set = newIdSet(readIdSet(m, keys));
    m.set(keys.set, set);
  }
  if (m.has(keys.plain)) m.delete(keys.plain);
  return set;
}

/**
 * Adds (`on`) or removes one id, leaving the other ids alone, so that concurrent changes of
 * different ids all survive. A no-op writes nothing. Returns whether it wrote.
 */
export function setInIdSet(m: Y.Map<unknown>, keys: IdSetKeys, id: string, on: boolean): boolean {
  if (readIdSet(m, keys).includes(id) === on) return false;
  const set = foldIdSet(m, keys);
  if (on) set.set(id, nextPosition(set));
  else set.delete(id);
  return true;
}

/**
 * Makes the id set hold exactly `ids` by adding the missing ids (after the others, in the order
 * of `ids`) and removing the others one by one (a diff, not a replacement): an id someone else
 * adds or removes at the same time keeps their change. Writes nothing when it already holds
 * `ids` (in any order). Returns whether it wrote.
 */
export function writeIdSet(m: Y.Map<unknown>, keys: IdSetKeys, ids: readonly string[]): boolean {
  const want = new Set(ids);
  const have = readIdSet(m, keys);
  if (have.length === want.size && have.every((id) => want.has(id))) return false;
  diffInto(foldIdSet(m, keys), ids);
  return true;
}
