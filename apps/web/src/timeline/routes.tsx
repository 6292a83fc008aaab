import { Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import page from '../shell/Page.module.css';
import { useAgreementContext } from '../agreements/agreementContext';
import { lazyPart, type Retry } from '../shell/lazyPart';
import { PartUnavailable } from '../shell/PartUnavailable';

// The timeline and the manager overview load on first visit: the board does not pay for them.
// The timeline is drawn from the live document, so it works offline once its code is here.
// Offline before the preload fetched it, the page says so and opens once the network is back.
const TimelinePage = lazyPart(
  () => import('./TimelinePage'),
  (m) => m.default,
  {
    neededOffline: true,
    unavailable: (_, retry) => <TimelineUnavailable {...retry} />,
    fallback: <Loading />,
  },
);
const ManagerOverviewPage = lazy(() => import('../overview/ManagerOverviewPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <div className={page.center}>
      <Spinner aria-label={t('app.loading')} />
    </div>
  );
}

function TimelineUnavailable(retry: Retry) {
  const { agreementId } = useAgreementContext();
  return (
    <PartUnavailable
      part="timeline"
      agreementHref={`/a/${encodeURIComponent(agreementId)}`}
      {...retry}
    />
  );
}

/** /a/:agreementId/milepaeler */
export function TimelineRoute() {
  return <TimelinePage />;
}

/** /a/:agreementId/oversikt */
export function ManagerOverviewRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <ManagerOverviewPage />
    </Suspense>
  );
}
