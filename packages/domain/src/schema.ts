import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini (a fraction of the classic API's size in the browser bundle) ships no messages: use
// zod's English ones, as the classic API does. Global to zod, set once by the domain.
z.config(en());

/** Limits on values entering the document. Titles show on cards and in lists; 200 fits two lines. */
export const LIMITS = {
  title: 200,
  /** A measure description is a few paragraphs; 20k characters keeps one card far below any frame limit. */
  description: 20_000,
  comment: 5_000,
  statusText: 5_000,
  checklistText: 500,
  id: 100,
  owners: 50,
  outcomeIds: 50,
  measureIdsPerMilestone: 500,
  /** A meeting's note: an agenda line or a place, not minutes. */
  meetingNote: 2_000,
} as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is `YYYY-MM-DD` and names a real calendar date (no 2025-02-30). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export const dateSchema = z
  .string()
  .check(z.refine(isValidDate, { message: 'Expected a real date as YYYY-MM-DD' }));

export const idSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(LIMITS.id),
    z.regex(/^[A-Za-z0-9_.:-]+$/, 'Ids use letters, digits and _ . : -'),
  );

export const titleSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'Must not be empty'), z.maxLength(LIMITS.title));
export const descriptionSchema = z.string().check(z.maxLength(LIMITS.description));

export const partySchema = z.enum(['county', 'ipr', 'joint']);
export const healthSchema = z.enum(['green', 'yellow', 'red']);
export const columnKindSchema = z.enum(['todo', 'doing', 'done']);

/** A list without repeats, in first-seen order. */
const unique = <T>(a: T[]) => [...new Set(a)];

/** A user id as the owners of a measure hold it (the accounts' ids, not only `idSchema`'s). */
export const ownerIdSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.id));

export const ownersSchema = z.pipe(
  z.array(ownerIdSchema).check(z.maxLength(LIMITS.owners)),
  z.transform(unique<string>),
);

export const outcomeIdsSchema = z.pipe(
  z.array(idSchema).check(z.maxLength(LIMITS.outcomeIds)),
  z.transform(unique<string>),
);

export const indexSchema = z.int().check(z.minimum(0));
