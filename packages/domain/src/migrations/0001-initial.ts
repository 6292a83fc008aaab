import * as Y from 'yjs';
import { DEFAULT_COLUMNS } from '../constants.js';
import { newEntity, newText, root, type RootName } from '../doc.js';
import { ranksAfter } from '../rank.js';
import type { Migration } from './types.js';

/**
 * v0 -> v1. A v0 document is what the first prototype wrote: no `meta.schemaVersion`, entities
 * that may be plain JSON objects instead of Y.Maps, measure and milestone titles as plain
 * strings, milestone links as plain arrays, and positions as numbers (`order`) or not at all.
 * This brings every entity to the v1 shape of docs/document-format.md without losing a value.
 */
export const migration0001: Migration = {
  version: 1,
  name: '0001-initial',
  up(doc, now) {
    for (const name of [
      'focusAreas',
      'objectives',
      'strategies',
      'outcomes',
      'actionPlans',
      'columns',
      'measures',
      'milestones',
    ] as const) {
      toMaps(doc, name);
    }
    ensureColumns(doc);
    const columnIds = new Set<string>(root(doc, 'columns').keys());
    const firstColumn = firstByRank(root(doc, 'columns'));

    root(doc, 'measures').forEach((v) => {
      const m = v as Y.Map<unknown>;
      textify(m, 'title');
      textify(m, 'description');
      if (!(m.get('checklist') instanceof Y.Map))
        m.set('checklist', checklistFrom(m.get('checklist'), now));
      if (!(m.get('comments') instanceof Y.Array)) m.set('comments', arrayFrom(m.get('comments')));
      if (!(m.get('statusUpdates') instanceof Y.Array)) {
        m.set('statusUpdates', arrayFrom(m.get('statusUpdates')));
      }
      const health = m.get('health');
      if (health !== 'green' && health !== 'yellow' && health !== 'red') m.set('health', 'green');
      const col = m.get('columnId');
      if (typeof col !== 'string' || !columnIds.has(col)) m.set('columnId', firstColumn);
      if (m.get('archived') === false) m.delete('archived');
      if (typeof m.get('createdAt') !== 'string') m.set('createdAt', now);
      if (typeof m.get('updatedAt') !== 'string') m.set('updatedAt', now);
    });
    root(doc, 'milestones').forEach((v) => {
      const m = v as Y.Map<unknown>;
      textify(m, 'title');
      const ids = m.get('measureIds');
      if (!(ids instanceof Y.Array)) {
        const a = new Y.Array<string>();
        const plain = Array.isArray(ids)
          ? ids.filter((x): x is string => typeof x === 'string')
          : [];
        if (plain.length) a.push(plain);
        m.set('measureIds', a);
      }
      if (typeof m.get('createdAt') !== 'string') m.set('createdAt', now);
      if (typeof m.get('updatedAt') !== 'string') m.set('updatedAt', now);
    });
    for (const name of [
      'focusAreas',
      'objectives',
      'strategies',
      'outcomes',
      'actionPlans',
      'columns',
    ] as const) {
      assignRanks(doc, name, () => 'all');
    }
    assignRanks(doc, 'measures', (m) => `${m.get('focusAreaId')}\u0000${m.get('columnId')}`);
  },
};

/** Plain-object entities become Y.Maps with the same fields; every entity gets its `id`. */
function toMaps(doc: Y.Doc, name: RootName): void {
  const r = root(doc, name);
  r.forEach((v, id) => {
    if (v instanceof Y.Map) {
      if (typeof v.get('id') !== 'string') v.set('id', id);
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    r.set(id, newEntity({ ...(v as Record<string, unknown>), id }));
  });
}

function textify(m: Y.Map<unknown>, key: string): void {
  const v = m.get(key);
  if (v instanceof Y.Text) return;
  m.set(key, newText(typeof v === 'string' ? v : ''));
}

function arrayFrom(v: unknown): Y.Array<unknown> {
  const a = new Y.Array<unknown>();
  if (Array.isArray(v) && v.length) a.push(v);
  return a;
}

function checklistFrom(v: unknown, now: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  if (!Array.isArray(v)) return map;
  const items = v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  const ranks = ranksAfter(null, items.length);
  items.forEach((x, i) => {
    const id = typeof x.id === 'string' ? x.id : `chk-${i + 1}-${now.slice(0, 10)}`;
    map.set(
      id,
      newEntity({ id, text: String(x.text ?? ''), done: x.done === true, rank: ranks[i] }),
    );
  });
  return map;
}

function ensureColumns(doc: Y.Doc): void {
  const cols = root(doc, 'columns');
  if (cols.size === 0) {
    const ranks = ranksAfter(null, DEFAULT_COLUMNS.length);
    DEFAULT_COLUMNS.forEach((c, i) => {
      cols.set(c.id, newEntity({ id: c.id, title: c.title, kind: c.kind, rank: ranks[i] }));
    });
    return;
  }
  for (const c of DEFAULT_COLUMNS) {
    const m = cols.get(c.id);
    if (m instanceof Y.Map && m.get('kind') === undefined) m.set('kind', c.kind);
  }
}

function firstByRank(r: Y.Map<unknown>): string {
  let best: { id: string; rank: string } | null = null;
  r.forEach((v, id) => {
    const rank =
      v instanceof Y.Map && typeof v.get('rank') === 'string' ? (v.get('rank') as string) : '';
    if (!best || rank < best.rank || (rank === best.rank && id < best.id)) best = { id, rank };
  });
  return (best as { id: string } | null)?.id ?? DEFAULT_COLUMNS[0]!.id;
}

/**
 * Entities without a string `rank` get one, per group, after the group's ranked entities,
 * ordered by their old numeric `order`/`position`, then number/code, then id.
 */
function assignRanks(doc: Y.Doc, name: RootName, group: (m: Y.Map<unknown>) => string): void {
  const groups = new Map<string, { ranked: string[]; unranked: Y.Map<unknown>[] }>();
  root(doc, name).forEach((v) => {
    if (!(v instanceof Y.Map)) return;
    const m = v as Y.Map<unknown>;
    const g = groups.get(group(m)) ?? { ranked: [], unranked: [] };
    groups.set(group(m), g);
    const rank = m.get('rank');
    if (typeof rank === 'string' && rank !== '') g.ranked.push(rank);
    else g.unranked.push(m);
  });
  for (const g of groups.values()) {
    if (g.unranked.length === 0) continue;
    g.unranked.sort((a, b) => sortKey(a).localeCompare(sortKey(b), 'en', { numeric: true }));
    const last = g.ranked.sort().at(-1) ?? null;
    const ranks = ranksAfter(last, g.unranked.length);
    g.unranked.forEach((m, i) => {
      m.set('rank', ranks[i]);
      m.delete('order');
      m.delete('position');
    });
  }
}

function sortKey(m: Y.Map<unknown>): string {
  const order = m.get('order') ?? m.get('position');
  const n = typeof order === 'number' ? String(order).padStart(12, '0') : '~';
  const code = m.get('number') ?? m.get('code') ?? '';
  return `${n}|${String(code)}|${String(m.get('id'))}`;
}
