import { Spinner } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { AccessLostPage } from '../admin/AccessLostPage';
import { ApiError } from '../api/client';
import { keys, useAgreement, useMe, useMembers } from '../api/queries';
import { BoardPage } from '../board/BoardPage';
import { FindMeasure } from '../find/FindMeasure';
import { NotFoundPage } from '../shell/NotFoundPage';
import page from '../shell/Page.module.css';
import { useUi } from '../shell/uiStore';
import {
  SessionProvider,
  useAgreementSession,
  useNewerFormat,
  useWarnBeforeLeavingUnsent,
} from '../sync/react';
import { AgreementContext, type AgreementContextValue, canEditAgreement } from './agreementContext';
import { OverviewPage } from './OverviewPage';

/** Everything under /a/:agreementId: role from REST, the live document from the session. */
export function AgreementScope({
  agreementId,
  focusAreaId,
  children,
}: {
  agreementId: string;
  focusAreaId?: string;
  /** A page of its own under the agreement (timeline, manager overview) instead of board/overview. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const agreement = useAgreement(agreementId);
  const members = useMembers(agreementId);
  const allowed = agreement.isSuccess;
  const session = useAgreementSession(agreementId, allowed ? me : null);
  const newerFormat = useNewerFormat(session);
  const setActive = useUi((s) => s.setActiveSession);
  useWarnBeforeLeavingUnsent(session);

  useEffect(() => {
    setActive(session);
    // Handle for browser tests and benchmarks (test/e2e, test/load): the open session.
    (globalThis as { __tavla?: unknown }).__tavla = session
      ? { session, applyUpdate: (u: Uint8Array) => Y.applyUpdate(session.doc, u, 'bench') }
      : undefined;
    return () => setActive(null);
  }, [session, setActive]);

  // A socket refused as unauthenticated means the session expired: ask who we are again, which
  // shows the login form in place (the URL is kept).
  const qc = useQueryClient();
  useEffect(() => {
    if (!session) return;
    return session.connection.subscribe(() => {
      const c = session.connection.get();
      if (c.status === 'denied' && c.closeCode === 4401)
        void qc.invalidateQueries({ queryKey: keys.me });
    });
  }, [session, qc]);
  // The server closes the socket when an admin changes our role or removes us: read the role
  // again (the board turns read-only or gives way to "no longer access") without a reload.
  useEffect(() => {
    if (!session) return;
    return session.accessChecks.subscribe(
      () => void qc.invalidateQueries({ queryKey: keys.agreements }),
    );
  }, [session, qc]);

  const ctx = useMemo<AgreementContextValue | null>(
    () =>
      agreement.data && me
        ? {
            agreementId,
            title: agreement.data.title,
            role: agreement.data.role,
            canEdit: canEditAgreement(agreement.data.role, newerFormat),
            newerFormat,
            me,
            members: members.data ?? [],
          }
        : null,
    [agreementId, agreement.data, me, members.data, newerFormat],
  );

  if (agreement.isError) {
    const notFound = agreement.error instanceof ApiError && agreement.error.status === 404;
    // We had the agreement and now get 404: we were removed while it was open.
    if (notFound && agreement.data && me)
      return <AccessLostPage agreementId={agreementId} userId={me.id} />;
    return (
      <NotFoundPage
        message={notFound ? t('errors.agreementNotFound') : t('errors.generic')}
        title={notFound ? undefined : t('errors.title')}
      />
    );
  }
  if (!ctx || !session)
    return (
      <div className={page.center}>
        <Spinner aria-label={t('app.loading')} />
      </div>
    );
  return (
    <AgreementContext.Provider value={ctx}>
      <SessionProvider session={session}>
        {children ?? (focusAreaId ? <BoardPage focusAreaId={focusAreaId} /> : <OverviewPage />)}
        <FindMeasure />
      </SessionProvider>
    </AgreementContext.Provider>
  );
}
