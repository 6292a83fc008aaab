import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { type ReactNode, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import css from '../shell/Page.module.css';
import { useUi } from '../shell/uiStore';
import { resumeSessionsOf, type Unsent, unsentOf } from '../sync/session';
import { LoginPage } from './LoginPage';
import { onSignOutElsewhere } from './signOutChannel';

/** Who was signed in when their session ended under the page, and what they had not sent. */
interface Ended {
  email: string;
  unsent: Unsent;
}

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
  const lastUser = useRef<{ id: string; email: string } | null>(null);
  const ended = useRef<Ended | null>(null);
  if (me.data) {
    hadSession.current = true;
    lastUser.current = me.data;
    ended.current = null;
  } else if (me.isSuccess && lastUser.current && !signedOutByUser && !ended.current) {
    // Taken once, as the session goes: the board (and its session) is about to unmount.
    ended.current = { email: lastUser.current.email, unsent: unsentOf(lastUser.current.id) };
  }
  // Counted again once the page has gone: what it wrote as it went (a date typed and not yet
  // left, written as its field unmounted) waits too, and the notice and the warning must know.
  const [, recount] = useReducer((n: number) => n + 1, 0);
  const endedNow = ended.current;
  useEffect(() => {
    if (!endedNow || ended.current !== endedNow || !lastUser.current) return;
    const unsent = unsentOf(lastUser.current.id);
    if (unsent.count === endedNow.unsent.count && unsent.kept === endedNow.unsent.kept) return;
    ended.current = { ...endedNow, unsent };
    recount();
  }, [endedNow]);
  useWarnBeforeClosingWithLostEdits(ended.current?.unsent);
  // Signed in (again): what waited in this tab is sent now, whichever page they are on. What
  // waits in the offline copies of agreements not open here is sent by SendWaitingEdits.tsx.
  const userId = me.data?.id;
  useEffect(() => {
    if (userId) resumeSessionsOf(userId);
  }, [userId]);
  // Signed out in another tab: this one says "logged out" too, and fills in nobody.
  useEffect(() => onSignOutElsewhere(() => useUi.getState().setSignedOutByUser(true)), []);
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
        // A new form when that changes: an address filled in before is not kept in its state.
        key={signedOutByUser ? 'signedOut' : 'other'}
        notice={hadSession.current ? (signedOutByUser ? 'signedOut' : 'sessionEnded') : undefined}
        email={signedOutByUser ? undefined : ended.current?.email}
        unsent={signedOutByUser ? undefined : ended.current?.unsent}
      />
    );
  return <>{children}</>;
}

/**
 * On the login form after a session ended, edits that only this tab holds (the browser keeps
 * no offline copy) are gone if the tab closes: ask first, as the board does.
 */
function useWarnBeforeClosingWithLostEdits(unsent: Unsent | undefined): void {
  const atRisk = !!unsent && unsent.count > 0 && !unsent.kept;
  useEffect(() => {
    if (!atRisk) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set to ask
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [atRisk]);
}
