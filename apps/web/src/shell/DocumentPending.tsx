import { Alert, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useConnection, useSession } from '../sync/react';

/**
 * In place of a page's content while the agreement's document has nothing to show yet: a
 * spinner while it comes (from the offline copy or the server), or, once the copy was read (or
 * there is none) and the server cannot be reached, a notice that it is not on this machine and
 * appears when the connection is back — not a spinner that never ends (a first visit on a
 * train, a browser that keeps nothing, a copy that could not be read).
 */
export function DocumentPending({ className }: { className?: string | undefined }) {
  const { t } = useTranslation();
  const conn = useConnection(useSession());
  const unreachable =
    conn.unreachable || conn.status === 'offline' || conn.status === 'reconnecting';
  if (conn.copyRead && unreachable)
    return (
      <Alert
        data-color="warning"
        role="status"
        data-testid="document-not-here"
        className={className}
      >
        {t('overview.notHere')}
      </Alert>
    );
  return (
    <div className={className}>
      <Spinner aria-label={t('overview.loadingDoc')} />
    </div>
  );
}
