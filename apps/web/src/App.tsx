import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Route, Switch } from 'wouter';
import { AgreementVisits } from './activity/useLastVisit';
import { AgreementScope } from './agreements/AgreementScope';
import { AgreementsPage } from './agreements/AgreementsPage';
import { RequireAuth } from './auth/RequireAuth';
import { SendWaitingEdits } from './auth/SendWaitingEdits';
import { ErrorBoundary } from './shell/ErrorBoundary';
import {
  AccessibilityPage,
  AccountPage,
  ActivityPage,
  InstanceAdminPage,
  InvitationPage,
  MembersPage,
} from './shell/lazyPages';
import { Layout } from './shell/Layout';
import { NotFoundPage } from './shell/NotFoundPage';
import { ManagerOverviewRoute, TimelineRoute } from './timeline/routes';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
  });
}

export function App({ client }: { client?: QueryClient }) {
  const [qc] = useState(() => client ?? createQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <SendWaitingEdits />
      <AgreementVisits />
      <Layout>
        <ErrorBoundary>
          <Switch>
            <Route path="/tilgjengelighet" component={AccessibilityPage} />
            <Route path="/">
              <RequireAuth>
                <AgreementsPage />
              </RequireAuth>
            </Route>
            <Route path="/invitasjon/:token">{(p) => <InvitationPage token={p.token} />}</Route>
            <Route path="/konto">
              <RequireAuth>
                <AccountPage />
              </RequireAuth>
            </Route>
            <Route path="/admin">
              <RequireAuth>
                <InstanceAdminPage />
              </RequireAuth>
            </Route>
            <Route path="/a/:agreementId/medlemmer">
              {(p) => (
                <RequireAuth>
                  <MembersPage agreementId={p.agreementId} />
                </RequireAuth>
              )}
            </Route>
            <Route path="/a/:agreementId/aktivitet">
              {(p) => (
                <RequireAuth>
                  <ActivityPage agreementId={p.agreementId} />
                </RequireAuth>
              )}
            </Route>
            <Route path="/a/:agreementId/milepaeler">
              {(p) => (
                <RequireAuth>
                  <AgreementScope agreementId={p.agreementId}>
                    <TimelineRoute />
                  </AgreementScope>
                </RequireAuth>
              )}
            </Route>
            <Route path="/a/:agreementId/oversikt">
              {(p) => (
                <RequireAuth>
                  <AgreementScope agreementId={p.agreementId}>
                    <ManagerOverviewRoute />
                  </AgreementScope>
                </RequireAuth>
              )}
            </Route>
            <Route path="/a/:agreementId/fa/:focusAreaId">
              {(p) => (
                <RequireAuth>
                  <AgreementScope agreementId={p.agreementId} focusAreaId={p.focusAreaId} />
                </RequireAuth>
              )}
            </Route>
            <Route path="/a/:agreementId">
              {(p) => (
                <RequireAuth>
                  <AgreementScope agreementId={p.agreementId} />
                </RequireAuth>
              )}
            </Route>
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </ErrorBoundary>
      </Layout>
    </QueryClientProvider>
  );
}
