import * as Y from 'yjs';
import { SCHEMA_VERSION } from './constants.js';
import { DomainError, notFound } from './errors.js';
import type { TxOrigin } from './types.js';

/**
 * The only place that knows the names of the document's top-level shared types and how to read
 * loosely typed Y.Map values. Everything else goes through these helpers.
 */
export const ROOT = {
  meta: 'meta',
  parties: 'parties',
  focusAreas: 'focusAreas',
  objectives: 'objectives',
  strategies: 'strategies',
  outcomes: 'outcomes',
  actionPlans: 'actionPlans',
  columns: 'columns',
  measures: 'measures',
  milestones: 'milestones',
  meetings: 'meetings',
} as const;

export type RootName = keyof typeof ROOT;
export type YEntity = Y.Map<unknown>;

export function root(doc: Y.Doc, name: RootName): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT[name]);
}

/** The entity map stored under `id` in a top-level collection, if it is one. */
export function entity(doc: Y.Doc, name: RootName, id: string): YEntity | undefined {
  const v = root(doc, name).get(id);
  return v instanceof Y.Map ? (v as YEntity) : undefined;
}

export function requireEntity(doc: Y.Doc, name: RootName, id: string, kind: string): YEntity {
  const e = entity(doc, name, id);
  if (!e) throw notFound(kind, id);
  return e;
}

/** All entity maps of a collection (values that are not Y.Maps are ignored, see [F2]). */
export function entities(doc: Y.Doc, name: RootName): YEntity[] {
  const out: YEntity[] = [];
  root(doc, name).forEach((v) => {
    if (v instanceof Y.Map) out.push(v as YEntity);
  });
  return out;
}

export function str(m: Y.Map<unknown>, key: string, fallback = ''): string {
  const v = m.get(key);
  if (typeof v === 'string') return v;
  if (v instanceof Y.Text) return v.toString();
  return fallback;
}

export function optStr(m: Y.Map<unknown>, key: string): string | null {
  const v = m.get(key);
  return typeof v === 'string' && v !== '' ? v : null;
}

export function num(m: Y.Map<unknown>, key: string, fallback = 0): number {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function bool(m: Y.Map<unknown>, key: string): boolean {
  return m.get(key) === true;
}

export function strArray(m: Y.Map<unknown>, key: string): string[] {
  const v = m.get(key);
  const raw = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : [];
  const seen = new Set<string>();
  for (const x of raw) if (typeof x === 'string') seen.add(x);
  return [...seen];
}

export function oneOf<T extends string>(
  m: Y.Map<unknown>,
  key: string,
  allowed: readonly T[],
): T | null {
  const v = m.get(key);
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/**
 * Sets `key` to `value`, deleting the key for null/undefined, and skipping no-op writes (a no-op
 * write would still send an update to every peer). Returns whether it wrote.
 */
export function setOpt(m: Y.Map<unknown>, key: string, value: unknown): boolean {
  if (value === null || value === undefined) {
    if (!m.has(key)) return false;
    m.delete(key);
    return true;
  }
  const cur = m.get(key);
  if (Array.isArray(value) && Array.isArray(cur) && sameArray(value, cur)) return false;
  if (cur === value) return false;
  m.set(key, value);
  return true;
}

function sameArray(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Replaces the whole content of a Y.Text with `value`, skipping a no-op. */
export function replaceText(t: Y.Text, value: string): void {
  const cur = t.toString();
  if (cur === value) return;
  // Keep the common prefix and suffix so concurrent edits elsewhere in the text survive.
  let p = 0;
  const max = Math.min(cur.length, value.length);
  while (p < max && cur.charCodeAt(p) === value.charCodeAt(p)) p++;
  let s = 0;
  while (
    s < max - p &&
    cur.charCodeAt(cur.length - 1 - s) === value.charCodeAt(value.length - 1 - s)
  )
    s++;
  const delLen = cur.length - p - s;
  if (delLen > 0) t.delete(p, delLen);
  const ins = value.slice(p, value.length - s);
  if (ins) t.insert(p, ins);
}

export function newText(value: string): Y.Text {
  const t = new Y.Text();
  if (value) t.insert(0, value);
  return t;
}

/** A new entity map with the given plain fields (undefined/null fields are left out). */
export function newEntity(fields: Record<string, unknown>): YEntity {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) m.set(k, v);
  return m;
}

export const LOCAL_ORIGIN: TxOrigin = Object.freeze({ source: 'local' }) as TxOrigin;

/**
 * Runs `fn` in one transaction with `origin` ([F10]: one operation = one transaction).
 * Refuses to write into a document of a newer format than this build knows ([F1]).
 */
export function transact<T>(doc: Y.Doc, origin: TxOrigin | undefined, fn: () => T): T {
  const version = doc.getMap<unknown>(ROOT.meta).get('schemaVersion');
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new DomainError(
      'conflict',
      `Document has schema version ${version}; this build supports up to ${SCHEMA_VERSION}`,
    );
  }
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, origin ?? LOCAL_ORIGIN);
  return result;
}

/** Current time as an ISO timestamp. The domain's only clock; overridable for tests. */
let clock: () => Date = () => new Date();
export function nowISO(): string {
  return clock().toISOString();
}
export function todayISO(): string {
  return nowISO().slice(0, 10);
}
/** Replaces the clock (tests, deterministic benches). Returns a function restoring the old one. */
export function setClock(next: () => Date): () => void {
  const prev = clock;
  clock = next;
  return () => {
    clock = prev;
  };
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random id such as `m-k3j9x0q2w8e1r7t5`. Uses crypto.getRandomValues, which (unlike
 * randomUUID) also exists on plain-http origins, e.g. a laptop on the meeting room's LAN.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % 36];
  return `${prefix}-${s}`;
}
