import { useTranslation } from 'react-i18next';
import { useConnection } from '../sync/react';
import type { AgreementSession } from '../sync/session';
import css from './ConnectionIndicator.module.css';

const ICON: Record<string, string> = {
  connected: '●',
  connecting: '◌',
  reconnecting: '◌',
  offline: '○',
  denied: '⊘',
};

/** Connection state in words and a shape (never colour alone); a polite live region. */
export function ConnectionIndicator({ session }: { session: AgreementSession }) {
  const { t } = useTranslation();
  const c = useConnection(session);
  // Without an offline copy (IndexedDB refused) waiting edits are only in this tab: say so.
  const tabOnly = c.noOfflineCopy ? 'TabOnly' : '';
  let text: string;
  // Connected, but the server refused edits of ours (we may only read now): never "Tilkoblet"
  // alone, which read as "everything is saved" ([A3]).
  if (c.status === 'connected' && c.refused)
    text = t('connection.connectedRefused', { count: c.unsynced });
  else if (c.status === 'offline' && c.unsynced > 0)
    text = t(`connection.offlineUnsynced${tabOnly}`, { count: c.unsynced });
  // "connecting" with edits waiting: the page was opened (or reloaded) without the server and
  // edits were made from the browser's copy.
  else if ((c.status === 'reconnecting' || c.status === 'connecting') && c.unsynced > 0)
    text = t(`connection.reconnectingUnsynced${tabOnly}`, { count: c.unsynced });
  // The offline copy stopped working during this visit: the header said edits were kept on
  // this machine, so it says they no longer are, also while nothing waits.
  else if (c.offlineCopyFailed && c.status === 'connected')
    text = t('connection.connectedCopyFailed');
  else if (c.offlineCopyFailed && c.status === 'offline') text = t('connection.offlineCopyFailed');
  else text = t(`connection.${c.status === 'denied' ? 'denied' : c.status}`);
  return (
    <output
      className={css.indicator}
      data-status={c.status}
      data-testid="connection-status"
      data-unsynced={c.unsynced}
      data-refused={c.refused ? 'true' : undefined}
      data-offline-copy={c.offlineCopyFailed ? 'failed' : c.noOfflineCopy ? 'none' : undefined}
      aria-live="polite"
      title={
        c.refused
          ? t('connection.refusedHelp')
          : c.unsynced > 0
            ? t(`connection.unsyncedHelp${tabOnly}`)
            : c.offlineCopyFailed
              ? t('connection.copyFailedHelp')
              : undefined
      }
    >
      <span aria-hidden="true" className={css.icon}>
        {c.status === 'connected' && c.refused ? '◐' : ICON[c.status]}
      </span>
      <span className="visually-hidden">{t('connection.label')}: </span>
      {text}
    </output>
  );
}
