import { Avatar } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import css from './PresenceBar.module.css';
import { capped, initials, uniquePeople } from './presence';
import { usePeers } from './usePresence';

/** Small avatars of the other people who have this focus area's board open (overview tiles). */
export function FocusAreaPeers({ focusAreaId }: { focusAreaId: string }) {
  const { t } = useTranslation();
  const people = uniquePeople(usePeers((p) => !p.self && p.focusAreaId === focusAreaId));
  if (people.length === 0) return null;
  // A tile is narrow: a few avatars, then "+N" (a joint meeting puts 20 people on one board).
  const { shown, more } = capped(people, 5);
  return (
    <span className={css.tilePeers} data-testid="focus-area-presence">
      <span className="visually-hidden">{t('presence.onBoard')}: </span>
      {shown.map((p) => (
        <span key={p.userId} className={css.tilePeer}>
          <Avatar
            data-size="xs"
            aria-hidden="true"
            initials={initials(p.name)}
            data-color="accent"
          />
          <span className="visually-hidden">{p.name}</span>
        </span>
      ))}
      {more > 0 && (
        <span className={css.tileMore} data-testid="focus-area-presence-more">
          <span aria-hidden="true">+{more}</span>
          <span className="visually-hidden">{t('presence.andMore', { count: more })}</span>
        </span>
      )}
    </span>
  );
}
