import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useStructure } from '../sync/react';
import css from './OfflineMovesNotice.module.css';

/** At most this many moves are listed; a long absence should not fill the screen. */
const SHOWN = 8;

/** "While you were offline, Kari moved ..." — shown once after a resync, never silent. */
export function OfflineMovesNotice() {
  const { t } = useTranslation();
  const session = useSession();
  const moves = useSyncExternalStore(session.offlineMoves.subscribe, session.offlineMoves.get);
  const { columns } = useStructure(session);
  if (moves.length === 0) return null;
  const latest = new Map(moves.map((m) => [m.id, m]));
  return (
    <Alert data-color="info" data-size="sm" className={css.notice} data-testid="offline-moves">
      <Paragraph data-size="sm">{t('conflict.whileOffline', { count: latest.size })}</Paragraph>
      <ul className={css.list}>
        {[...latest.values()].slice(0, SHOWN).map((c) => {
          const who =
            c.authors.map((a) => session.presence.nameOf(a)).find(Boolean) ?? t('conflict.someone');
          const column = columns.find((x) => x.id === c.after?.columnId)?.title ?? '';
          return (
            <li key={c.id}>
              {t('conflict.movedBy', { name: who, title: c.after?.title ?? '', column })}
            </li>
          );
        })}
      </ul>
      {latest.size > SHOWN && (
        <Paragraph data-size="sm">
          {t('conflict.andMore', { count: latest.size - SHOWN })}
        </Paragraph>
      )}
      <Button variant="tertiary" data-size="sm" onClick={() => session.dismissOfflineMoves()}>
        {t('conflict.dismiss')}
      </Button>
    </Alert>
  );
}
