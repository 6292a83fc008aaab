import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type AgreementSummary } from '../api/client';
import { useAgreement } from '../api/queries';
import { PageSpinner } from '../forms/feedback';
import { NotFoundPage } from './NotFoundPage';
import page from './Page.module.css';
import { usePageTitle } from './usePageTitle';
import { AgreementBreadcrumbs } from './AgreementBreadcrumbs';

/**
 * A page under /a/:agreementId (members, activity): "not found" or an error when the agreement
 * cannot be read, a spinner while it loads, then the breadcrumbs back to the agreement, the
 * heading and the page's own content.
 */
export function AgreementSubPage({
  agreementId,
  heading,
  children,
  'data-testid': testId,
}: {
  agreementId: string;
  heading: (agreement: AgreementSummary) => string;
  children: (agreement: AgreementSummary) => ReactNode;
  'data-testid': string;
}) {
  const { t } = useTranslation();
  const agreement = useAgreement(agreementId);
  usePageTitle(agreement.isError ? null : [agreement.data && heading(agreement.data)]);
  if (agreement.isError) {
    const notFound = agreement.error instanceof ApiError && agreement.error.status === 404;
    return (
      <NotFoundPage
        message={notFound ? t('errors.agreementNotFound') : t('errors.generic')}
        title={notFound ? undefined : t('errors.title')}
      />
    );
  }
  if (!agreement.data) return <PageSpinner />;
  return (
    <div className={page.page} data-testid={testId}>
      {/* The same way back as on the agreement's other pages (board, timeline, manager overview). */}
      <AgreementBreadcrumbs agreementId={agreementId} title={agreement.data.title} />
      <Heading level={1} data-size="lg">
        {heading(agreement.data)}
      </Heading>
      {children(agreement.data)}
    </div>
  );
}
