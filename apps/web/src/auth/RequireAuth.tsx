import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import css from '../shell/Page.module.css';
import { useUi } from '../shell/uiStore';
import { LoginPage } from './LoginPage';

/**
 * Shows the login form in place when there is no session, so a shared link survives login.
 * When a session this page had goes away without the person signing out (it expired, or was
 * ended from another device or by "Logg ut overalt"), the form says so.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const signedOutByUser = useUi((s) => s.signedOutByUser);
  const hadSession = useRef(false);
  if (me.data) hadSession.current = true;
  if (me.isPending)
    return (
      <div className={css.center}>
        <Spinner aria-label={t('app.loading')} />
      </div>
    );
  if (me.isError)
    return (
      <div className={css.narrow}>
        <Alert data-color="danger">
          <Paragraph>{t('login.errors.network')}</Paragraph>
          <Button variant="secondary" onClick={() => me.refetch()}>
            {t('errors.retry')}
          </Button>
        </Alert>
      </div>
    );
  if (!me.data)
    return (
      <LoginPage
        notice={hadSession.current ? (signedOutByUser ? 'signedOut' : 'sessionEnded') : undefined}
      />
    );
  return <>{children}</>;
}
