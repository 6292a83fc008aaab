import type { TFunction } from 'i18next';
import { serverClock } from '../api/serverClock';
import { formatDateTime, locale } from '../i18n';
import type { ActivityEvent } from './api';

/**
 * A non-blank text, without the spaces around it: a title is recorded as it read at the time,
 * often mid-typing ("Felles velkomstprogram "), and «… » would show them.
 */
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** "tittel, frist og ansvarlige" in the person's language. */
export function fieldList(t: TFunction, fields: unknown, lang: string): string | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const names = [
    ...new Set(
      fields
        .filter((f): f is string => typeof f === 'string')
        .map((f) => t(`activity.field.${f}`, { defaultValue: f })),
    ),
  ];
  if (names.length === 0) return undefined;
  return listOf(names, lang);
}

/** "A, B og C" in the person's language (a plain comma list where Intl.ListFormat is missing). */
export function listOf(items: readonly string[], lang: string): string {
  try {
    return new Intl.ListFormat(locale(lang), { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

function roleName(t: TFunction, role: unknown): string {
  return typeof role === 'string' && ['admin', 'editor', 'viewer'].includes(role)
    ? t(`role.${role}`)
    : (str(role) ?? '?');
}

/**
 * One activity event as a sentence, e.g. "Kari Nordmann flyttet «X» fra Idé til Pågår". Built
 * from the event kind and the facts in `summary`, so it follows the chosen language. Accepts
 * both the read model's kinds (`member.role_changed`) and the audit log's (`membership.*`).
 */
export function phrase(t: TFunction, e: ActivityEvent, lang: string): string {
  const s = (e.summary ?? {}) as Record<string, unknown>;
  const subject = (e as { subject?: { name?: string } | null }).subject;
  const actor = e.actor?.name || t('activity.someone');
  const title = str(s.title) ?? str(s.measureTitle) ?? str(s.milestoneTitle) ?? '…';
  const user = str(s.userName) ?? str(subject?.name) ?? t('activity.someoneElse');
  switch (e.kind) {
    case 'measure.created': {
      const column = str(s.columnTitle) ?? str(s.toColumnTitle);
      return column
        ? t('activity.kind.measureCreatedIn', { actor, title, column })
        : t('activity.kind.measureCreated', { actor, title });
    }
    case 'measure.moved': {
      const from = str(s.fromColumnTitle);
      const to = str(s.toColumnTitle) ?? str(s.columnTitle);
      if (from && to) return t('activity.kind.measureMoved', { actor, title, from, to });
      if (to) return t('activity.kind.measureMovedTo', { actor, title, to });
      return t('activity.kind.measureEditedAny', { actor, title });
    }
    case 'measure.edited': {
      const fields = fieldList(t, s.fields, lang);
      return fields
        ? t('activity.kind.measureEdited', { actor, title, fields })
        : t('activity.kind.measureEditedAny', { actor, title });
    }
    case 'measure.archived':
      return t('activity.kind.measureArchived', { actor, title });
    case 'measure.restored':
      return t('activity.kind.measureRestored', { actor, title });
    case 'milestone.created':
      return t('activity.kind.milestoneCreated', { actor, title });
    case 'milestone.edited':
      return t('activity.kind.milestoneEdited', { actor, title });
    case 'milestone.completed':
      return t('activity.kind.milestoneCompleted', { actor, title });
    case 'milestone.reopened':
      return t('activity.kind.milestoneReopened', { actor, title });
    case 'milestone.linked':
    case 'milestone.unlinked': {
      const milestone = str(s.milestoneTitle) ?? str(s.title) ?? '…';
      const measure = str(s.measureTitle) ?? '…';
      return t(
        e.kind === 'milestone.linked'
          ? 'activity.kind.milestoneLinked'
          : 'activity.kind.milestoneUnlinked',
        { actor, milestone, measure },
      );
    }
    case 'status.added': {
      const health = str(s.health);
      return health && ['green', 'yellow', 'red'].includes(health)
        ? t('activity.kind.statusAdded', { actor, title, health: t(`health.${health}`) })
        : t('activity.kind.statusAddedPlain', { actor, title });
    }
    case 'comment.added':
      return t('activity.kind.commentAdded', { actor, title });
    case 'column.created':
      return t('activity.kind.columnCreated', { actor, title });
    case 'column.renamed': {
      const from = str(s.from);
      const to = str(s.to) ?? title;
      return from
        ? t('activity.kind.columnRenamed', { actor, from, to })
        : t('activity.kind.columnCreated', { actor, title: to });
    }
    case 'member.role_changed':
    case 'membership.role_changed': {
      const d = { ...((e as { detail?: Record<string, unknown> }).detail ?? {}), ...s };
      return t('activity.kind.roleChanged', {
        actor,
        user,
        from: roleName(t, d.from),
        to: roleName(t, d.to),
      });
    }
    case 'member.removed':
    case 'membership.removed':
      return t('activity.kind.memberRemoved', { actor, user });
    case 'membership.added': {
      const d = { ...((e as { detail?: Record<string, unknown> }).detail ?? {}), ...s };
      return t('activity.kind.memberAdded', { actor, user, role: roleName(t, d.to ?? d.role) });
    }
    case 'member.invited':
    case 'invitation.created': {
      const d = { ...((e as { detail?: Record<string, unknown> }).detail ?? {}), ...s };
      const email = str(d.email);
      return email
        ? t('activity.kind.memberInvitedEmail', { actor, email, role: roleName(t, d.role) })
        : t('activity.kind.memberInvited', { actor, role: roleName(t, d.role) });
    }
    case 'member.joined':
    case 'invitation.accepted': {
      const d = { ...((e as { detail?: Record<string, unknown> }).detail ?? {}), ...s };
      const who = str(s.userName) ?? e.actor?.name ?? user;
      return d.role
        ? t('activity.kind.memberJoined', { user: who, role: roleName(t, d.role) })
        : t('activity.kind.memberJoinedPlain', { user: who });
    }
    case 'invitation.revoked':
    case 'member.invitation_revoked':
      return t('activity.kind.invitationRevoked', { actor });
    default:
      return t('activity.kind.other', { actor });
  }
}

/**
 * "for 5 minutter siden" up to a week back, then the date and time; `absolute` always, for the
 * element's title and for screen readers that want the exact time. `now` is the server's (the
 * times are), not this browser's: a clock ahead by 3 minutes said "om 3 minutter" of a change
 * just made.
 */
export function when(
  iso: string,
  lang: string,
  now = serverClock.now(),
): { relative: string; absolute: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { relative: iso, absolute: iso };
  const absolute = formatDateTime(iso, lang);
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = relativeFormat(lang);
  let relative: string;
  if (abs < 45) relative = rtf.format(0, 'second');
  else if (abs < 45 * 60) relative = rtf.format(Math.round(seconds / 60), 'minute');
  else if (abs < 22 * 3600) relative = rtf.format(Math.round(seconds / 3600), 'hour');
  else if (abs < 7 * 86400) relative = rtf.format(Math.round(seconds / 86400), 'day');
  else relative = absolute;
  return { relative, absolute };
}

/** One RelativeTimeFormat per language: a feed of 50 events asked for 50 of them per render. */
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' });
    relativeFormats.set(lang, f);
  }
  return f;
}
