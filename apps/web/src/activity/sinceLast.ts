import type { TFunction } from 'i18next';
import { type ActivityEvent, fetchActivity } from './api';
import { fieldList, listOf } from './phrase';

/** How much "Siden sist du var her" reads and shows. */
export const SINCE_LAST = {
  /** Events per request (the server allows up to 200). */
  pageSize: 100,
  /**
   * At most this many pages back: a front page must not page through a year of a busy
   * agreement's log. Beyond it the list says there may be more (the activity log has it all).
   */
  maxPages: 5,
  /** Measures listed; "Vis alle i aktivitetsloggen" for the rest. */
  shown: 10,
};

/** What one measure went through since the last visit, by others. */
export interface MeasureChanges {
  measureId: string;
  /** The title as the newest event recorded it (the live document's is better, when there). */
  title: string | undefined;
  /** The newest change's time (the server's ISO time). */
  latestAt: string;
  /** Newest first. */
  events: ActivityEvent[];
  /** Who made them, newest first, each once. */
  actors: { id: string; name: string }[];
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** The measure's title as an event recorded it (a milestone's events name the milestone too). */
const measureTitle = (e: ActivityEvent): string | undefined =>
  e.kind.startsWith('milestone.') ? text(e.summary?.measureTitle) : text(e.summary?.title);

/**
 * The measures others changed after `since`, one entry per measure, the most recently changed
 * first. Left out: the person's own changes, events of no measure (members, columns, milestones
 * on their own) and server-made ones (no actor).
 *
 * @example changesSince(page.events, '2026-11-20T15:00:00.000Z', 'u-kari')
 */
export function changesSince(
  events: readonly ActivityEvent[],
  since: string,
  myId: string,
): MeasureChanges[] {
  const from = Date.parse(since);
  const byMeasure = new Map<string, MeasureChanges>();
  for (const e of events) {
    if (!e.measureId || !e.actor || e.actor.id === myId) continue;
    if (!(Date.parse(e.at) > from)) continue;
    let c = byMeasure.get(e.measureId);
    if (!c) {
      c = { measureId: e.measureId, title: undefined, latestAt: e.at, events: [], actors: [] };
      byMeasure.set(e.measureId, c);
    }
    c.events.push(e);
    if (Date.parse(e.at) > Date.parse(c.latestAt)) c.latestAt = e.at;
    if (!c.actors.some((a) => a.id === e.actor?.id)) c.actors.push(e.actor);
  }
  const out = [...byMeasure.values()];
  for (const c of out) {
    c.events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    c.title = c.events.map(measureTitle).find((title) => title !== undefined);
  }
  return out.sort((a, b) => Date.parse(b.latestAt) - Date.parse(a.latestAt));
}

/** More than this many kinds of change read better as "5 endringer av Ola Hansen". */
const MAX_PHRASES = 3;

/**
 * One measure's changes in a few words: "Ola Hansen endret status og frist", "Ola Hansen
 * flyttet det til Pågår og kommenterte", or "3 endringer av Kari Nordmann og Ola Hansen".
 */
export function summarise(t: TFunction, c: MeasureChanges, lang: string): string {
  const count = c.events.length;
  const actors = listOf(
    c.actors.map((a) => a.name || t('activity.someone')),
    lang,
  );
  if (c.actors.length !== 1) return t('sinceLast.changes', { count, actors });
  const what = whatChanged(t, c.events, lang);
  if (what.length === 0 || what.length > MAX_PHRASES)
    return t('sinceLast.changes', { count, actors });
  return t('sinceLast.did', { actor: actors, what: listOf(what, lang) });
}

/** The kinds of change, oldest first ("opprettet tiltaket og endret frist"), each once. */
function whatChanged(t: TFunction, newestFirst: readonly ActivityEvent[], lang: string): string[] {
  // One phrase per kind; a later event of a kind replaces the text but keeps its place.
  const out = new Map<string, string>();
  const fields: unknown[] = [];
  for (const e of [...newestFirst].reverse()) {
    const s = (e.summary ?? {}) as Record<string, unknown>;
    switch (e.kind) {
      case 'measure.created':
        out.set(e.kind, t('sinceLast.what.created'));
        break;
      case 'measure.moved': {
        const to = text(s.toColumnTitle) ?? text(s.columnTitle);
        out.set(e.kind, to ? t('sinceLast.what.moved', { to }) : t('sinceLast.what.movedAny'));
        break;
      }
      case 'measure.edited':
        if (Array.isArray(s.fields)) fields.push(...s.fields);
        out.set(e.kind, '');
        break;
      case 'measure.archived':
        out.set(e.kind, t('sinceLast.what.archived'));
        break;
      case 'measure.restored':
        out.set(e.kind, t('sinceLast.what.restored'));
        break;
      case 'status.added': {
        const health = text(s.health);
        out.set(
          e.kind,
          health && ['green', 'yellow', 'red'].includes(health)
            ? t('sinceLast.what.statusAdded', { health: t(`health.${health}`) })
            : t('sinceLast.what.statusAddedPlain'),
        );
        break;
      }
      case 'comment.added':
        out.set(e.kind, t('sinceLast.what.commented'));
        break;
      case 'milestone.linked':
      case 'milestone.unlinked': {
        const milestone = text(s.milestoneTitle) ?? text(s.title) ?? '…';
        const key = e.kind === 'milestone.linked' ? 'linked' : 'unlinked';
        out.set(
          `${e.kind}:${e.milestoneId ?? milestone}`,
          t(`sinceLast.what.${key}`, { milestone }),
        );
        break;
      }
      default:
        out.set('other', t('sinceLast.what.other'));
    }
  }
  if (out.has('measure.edited')) {
    const list = fieldList(t, fields, lang);
    out.set(
      'measure.edited',
      list ? t('sinceLast.what.edited', { fields: list }) : t('sinceLast.what.editedAny'),
    );
  }
  return [...out.values()];
}

/** What the front page shows: the first `SINCE_LAST.shown` measures, and how many more. */
export interface ChangesSinceLast {
  /** The last visit these are counted from. */
  since: string;
  changes: MeasureChanges[];
  more: number;
  /** False: the log was read only so far back, there may be more. */
  complete: boolean;
}

/** Reads the log back to `since` and groups what others changed (what the front page shows). */
export async function loadChangesSince(
  agreementId: string,
  since: string,
  myId: string,
  fetchPage = fetchActivity,
): Promise<ChangesSinceLast> {
  const { events, complete } = await fetchChangesSince(agreementId, since, fetchPage);
  const all = changesSince(events, since, myId);
  return {
    since,
    changes: all.slice(0, SINCE_LAST.shown),
    more: Math.max(0, all.length - SINCE_LAST.shown),
    complete,
  };
}

/**
 * The agreement's activity after `since`, newest first, read page by page until an older event
 * (or `maxPages`). `complete` false: there may be more than was read.
 *
 * `since` is recorded by the server's clock as this browser estimates it (api/serverClock.ts),
 * like the events' times: a laptop clock some minutes off does not move the boundary. Until the
 * first estimate (or with an older server) it is the browser's clock, off by as much as it is.
 */
export async function fetchChangesSince(
  agreementId: string,
  since: string,
  fetchPage = fetchActivity,
): Promise<{ events: ActivityEvent[]; complete: boolean }> {
  const from = Date.parse(since);
  const events: ActivityEvent[] = [];
  let before: string | undefined;
  for (let i = 0; i < SINCE_LAST.maxPages; i++) {
    const page = await fetchPage(agreementId, { limit: SINCE_LAST.pageSize, before });
    for (const e of page.events) {
      if (!(Date.parse(e.at) > from)) return { events, complete: true };
      events.push(e);
    }
    if (!page.nextCursor) return { events, complete: true };
    before = page.nextCursor;
  }
  return { events, complete: false };
}
