import { Avatar, Popover, Switch } from '@digdir/designsystemet-react';
import { useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/react';
import css from './PresenceBar.module.css';
import { capped, initials, type Peer, uniquePeople } from './presence';
import { usePeers } from './usePresence';

/**
 * Up to this many people are shown by name. A joint meeting has 20 people on one board: their
 * name chips took four rows on a laptop and pushed the toolbar and the board below the fold, so
 * beyond this the bar shows a few avatars and "+N", with everyone listed behind it.
 */
export const NAMED = 3;
/** Avatars shown in the compact bar, counting the "+N". */
export const AVATARS = 6;

/** The fields the bar shows: a card opened or picked up elsewhere must not re-render it. */
function sameShown(a: Peer[], b: Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        p.clientId === b[i]!.clientId &&
        p.userId === b[i]!.userId &&
        p.name === b[i]!.name &&
        p.organisation === b[i]!.organisation &&
        p.self === b[i]!.self,
    )
  );
}

/**
 * Who is here: on the agreement (overview) or on this board. Names and organisations are read
 * from awareness only; nothing about presence is stored anywhere.
 */
export function PresenceBar({
  scope,
  focusAreaId,
  compact = false,
}: {
  scope: 'agreement' | 'board';
  focusAreaId?: string;
  /**
   * Avatars and "N til stede", with the names, "nobody else" and the hide switch behind that
   * button: the board's head keeps it on the breadcrumbs' row, so that its columns get the
   * window's height (board/BoardPage.module.css).
   */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const peers = usePeers((p) => scope === 'agreement' || p.focusAreaId === focusAreaId, sameShown);
  const hidden = useSyncExternalStore(
    session.presence.hidden.subscribe,
    session.presence.hidden.get,
  );
  const people = uniquePeople(peers);
  const label = scope === 'agreement' ? t('presence.onAgreement') : t('presence.onBoard');
  const alone = people.filter((p) => !p.self).length === 0;
  return (
    <section
      className={css.bar}
      aria-label={label}
      data-testid="presence"
      data-count={people.length}
      data-compact={compact || undefined}
    >
      {compact ? (
        <Crowd people={people} label={label} compact={{ alone, hidden }}>
          <HideSwitch hidden={hidden} />
        </Crowd>
      ) : people.length > NAMED ? (
        <Crowd people={people} label={label} />
      ) : (
        <ul className={css.list}>
          {people.map((p) => (
            <li
              key={p.userId}
              className={css.person}
              data-testid="presence-person"
              data-user-id={p.userId}
            >
              <PersonLine person={p} />
            </li>
          ))}
          {alone && <li className={css.nobody}>{t('presence.nobody')}</li>}
        </ul>
      )}
      {!compact && <HideSwitch hidden={hidden} />}
    </section>
  );
}

function HideSwitch({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Switch
      data-size="sm"
      label={t('presence.hide')}
      checked={hidden}
      onChange={(e) => session.presence.setHidden(e.target.checked)}
    />
  );
}

function PersonLine({ person: p }: { person: Peer }) {
  const { t } = useTranslation();
  return (
    <>
      <Avatar
        data-size="sm"
        aria-hidden="true"
        initials={initials(p.name)}
        data-color={p.self ? 'neutral' : 'accent'}
      />
      <span className={css.text}>
        <span className={css.name}>
          {p.name} {p.self && <span className={css.you}>{t('presence.you')}</span>}
        </span>
        {p.organisation && <span className={css.org}>{p.organisation}</span>}
      </span>
    </>
  );
}

/**
 * Many people (or the compact bar): overlapping avatars, then "+N" opening the full list of
 * names. Compact, the button says how many are here ("Bare du er her" alone) and the list holds the
 * rest of the bar too (children: the hide switch).
 */
function Crowd({
  people,
  label,
  compact,
  children,
}: {
  people: Peer[];
  label: string;
  compact?: { alone: boolean; hidden: boolean };
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { shown, more } = capped(people, AVATARS);
  const titleId = useId();
  const title = (p: Peer) =>
    [p.self ? `${p.name} ${t('presence.you')}` : p.name, p.organisation].filter(Boolean).join(', ');
  return (
    <Popover.TriggerContext>
      <ul className={css.stack}>
        {shown.map((p) => (
          <li
            key={p.userId}
            className={css.stackItem}
            data-testid="presence-person"
            data-user-id={p.userId}
            title={title(p)}
          >
            <Avatar
              data-size="sm"
              aria-hidden="true"
              initials={initials(p.name)}
              data-color={p.self ? 'neutral' : 'accent'}
            />
            <span className="visually-hidden">{title(p)}</span>
          </li>
        ))}
      </ul>
      <Popover.Trigger
        variant="tertiary"
        data-size="sm"
        className={css.more}
        data-testid="presence-more"
      >
        {compact ? (
          <>
            {compact.alone ? t('presence.onlyYou') : t('presence.count', { count: people.length })}
            {compact.hidden && ` · ${t('presence.hiddenShort')}`}
          </>
        ) : (
          <>
            {more > 0 && <span>+{more}</span>}
            <span className={more > 0 ? 'visually-hidden' : undefined}>
              {more > 0 && ', '}
              {t('presence.showAll', { count: people.length })}
            </span>
          </>
        )}
      </Popover.Trigger>
      <Popover placement="bottom" className={css.popover} data-testid="presence-list">
        <p className={css.popoverTitle} id={titleId}>
          {label} ({people.length})
        </p>
        {/* A long list scrolls; focusable so it scrolls by keyboard too (axe scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus */}
        <ul className={css.fullList} tabIndex={0} aria-labelledby={titleId}>
          {people.map((p) => (
            <li key={p.userId} className={css.fullItem}>
              <PersonLine person={p} />
            </li>
          ))}
        </ul>
        {compact?.alone && <p className={css.popoverNote}>{t('presence.nobody')}</p>}
        {children && <div className={css.popoverFooter}>{children}</div>}
      </Popover>
    </Popover.TriggerContext>
  );
}
