import type * as Y from 'yjs';
import * as z from 'zod/mini';
import {
  entities,
  entity,
  newEntity,
  newId,
  nowISO,
  oneOf,
  optStr,
  requireEntity,
  root,
  setOpt,
  str,
  transact,
} from './doc.js';
import { DomainError, parseInput } from './errors.js';
import { dateSchema, idSchema, LIMITS, titleSchema } from './schema.js';
import type { MeetingKind, MeetingView, TxOrigin } from './types.js';

export const MEETING_KINDS: readonly MeetingKind[] = Object.freeze([
  'political',
  'administrative',
] as const);

const kindSchema = z.enum(['political', 'administrative']);
const noteSchema = z.string().check(z.trim(), z.maxLength(LIMITS.meetingNote));

function meetingView(m: Y.Map<unknown>): MeetingView {
  return {
    id: str(m, 'id'),
    date: str(m, 'date'),
    title: str(m, 'title'),
    // [MT1] an unknown kind (a foreign writer) reads as administrative rather than failing.
    kind: oneOf(m, 'kind', MEETING_KINDS) ?? 'administrative',
    note: optStr(m, 'note'),
    createdAt: str(m, 'createdAt'),
    updatedAt: str(m, 'updatedAt'),
  };
}

function byDate(a: MeetingView, b: MeetingView): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const rangeSchema = z.object({ from: z.optional(dateSchema), to: z.optional(dateSchema) });

/**
 * Meetings sorted by date, then id ([MT2]); `from`/`to` (inclusive, `YYYY-MM-DD`) narrow the
 * range. Entries without a valid date are left out.
 * @example listMeetings(doc, { from: '2026-01-01', to: '2026-12-31' })
 */
export function listMeetings(
  doc: Y.Doc,
  range: { from?: string; to?: string } = {},
): MeetingView[] {
  const { from, to } = parseInput(rangeSchema, range, 'meeting range');
  return entities(doc, 'meetings')
    .map(meetingView)
    .filter((m) => dateSchema.safeParse(m.date).success)
    .filter((m) => (from === undefined || m.date >= from) && (to === undefined || m.date <= to))
    .sort(byDate);
}

export function readMeeting(doc: Y.Doc, id: string): MeetingView | undefined {
  const m = entity(doc, 'meetings', id);
  return m ? meetingView(m) : undefined;
}

const createSchema = z.object({
  date: dateSchema,
  title: titleSchema,
  kind: kindSchema,
  note: z.optional(noteSchema),
  id: z.optional(idSchema),
});

/**
 * Adds a joint meeting (møte) to the agreement's calendar. Returns its id.
 * @example createMeeting(doc, { date: '2026-04-22', title: 'Politisk møte vår 2026', kind: 'political' })
 */
export function createMeeting(
  doc: Y.Doc,
  input: { date: string; title: string; kind: MeetingKind; note?: string; id?: string },
  origin?: TxOrigin,
): string {
  const v = parseInput(createSchema, input, 'meeting');
  return transact(doc, origin, () => createMeetingIn(doc, v, nowISO()));
}

export function createMeetingIn(doc: Y.Doc, v: z.output<typeof createSchema>, now: string): string {
  const id = v.id ?? newId('mt');
  if (root(doc, 'meetings').has(id)) {
    throw new DomainError('conflict', `Meeting id already used: ${id}`);
  }
  root(doc, 'meetings').set(
    id,
    newEntity({
      id,
      date: v.date,
      title: v.title,
      kind: v.kind,
      note: v.note ? v.note : undefined,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}

const patchSchema = z.object({
  date: z.optional(dateSchema),
  title: z.optional(titleSchema),
  kind: z.optional(kindSchema),
  /** An empty string or null clears the note. */
  note: z.optional(z.nullable(noteSchema)),
});

/**
 * Changes a meeting's date, title, kind or note (`note: null` or `''` clears it). Only the
 * changed keys are written ([MT3]), so concurrent edits of different fields all survive.
 */
export function updateMeeting(
  doc: Y.Doc,
  id: string,
  patch: { date?: string; title?: string; kind?: MeetingKind; note?: string | null },
  origin?: TxOrigin,
): void {
  const p = parseInput(patchSchema, patch, 'meeting patch');
  transact(doc, origin, () => {
    const m = requireEntity(doc, 'meetings', id, 'Meeting');
    let changed = false;
    if (p.date !== undefined) changed = setOpt(m, 'date', p.date) || changed;
    if (p.title !== undefined) changed = setOpt(m, 'title', p.title) || changed;
    if (p.kind !== undefined) changed = setOpt(m, 'kind', p.kind) || changed;
    if (p.note !== undefined) changed = setOpt(m, 'note', p.note ? p.note : null) || changed;
    if (changed) m.set('updatedAt', nowISO());
  });
}

/**
 * Deletes a meeting ([MT4]). Meetings are calendar entries that nothing links to, so unlike
 * measures they may be deleted. A concurrent update of a deleted meeting is lost with it.
 */
export function deleteMeeting(doc: Y.Doc, id: string, origin?: TxOrigin): void {
  transact(doc, origin, () => {
    requireEntity(doc, 'meetings', id, 'Meeting');
    root(doc, 'meetings').delete(id);
  });
}
