import { Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import page from '../shell/Page.module.css';
import { neededOffline } from '../shell/offlineCode';

// The timeline and the manager overview load on first visit: the board does not pay for them.
// The timeline is drawn from the live document, so it works offline once its code is here.
const TimelinePage = lazy(neededOffline(() => import('./TimelinePage')));
const ManagerOverviewPage = lazy(() => import('../overview/ManagerOverviewPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <div className={page.center}>
      <Spinner aria-label={t('app.loading')} />
    </div>
  );
}

/** /a/:agreementId/milepaeler */
export function TimelineRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <TimelinePage />
    </Suspense>
  );
}

/** /a/:agreementId/oversikt */
export function ManagerOverviewRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <ManagerOverviewPage />
    </Suspense>
  );
}
