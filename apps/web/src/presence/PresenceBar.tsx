import { Avatar, Switch } from '@digdir/designsystemet-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/react';
import css from './PresenceBar.module.css';
import { initials, uniquePeople } from './presence';
import { usePeers } from './usePresence';

/**
 * Who is here: on the agreement (overview) or on this board. Names and organisations are read
 * from awareness only; nothing about presence is stored anywhere.
 */
export function PresenceBar({
  scope,
  focusAreaId,
}: {
  scope: 'agreement' | 'board';
  focusAreaId?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const peers = usePeers((p) => scope === 'agreement' || p.focusAreaId === focusAreaId);
  const hidden = useSyncExternalStore(
    session.presence.hidden.subscribe,
    session.presence.hidden.get,
  );
  const people = uniquePeople(peers);
  const label = scope === 'agreement' ? t('presence.onAgreement') : t('presence.onBoard');
  return (
    <section className={css.bar} aria-label={label} data-testid="presence">
      <ul className={css.list}>
        {people.map((p) => (
          <li
            key={p.userId}
            className={css.person}
            data-testid="presence-person"
            data-user-id={p.userId}
          >
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
          </li>
        ))}
        {people.filter((p) => !p.self).length === 0 && (
          <li className={css.nobody}>{t('presence.nobody')}</li>
        )}
      </ul>
      <Switch
        data-size="sm"
        label={t('presence.hide')}
        checked={hidden}
        onChange={(e) => session.presence.setHidden(e.target.checked)}
      />
    </section>
  );
}
