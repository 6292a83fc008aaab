import { Link as DsLink, Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import css from '../admin/admin.module.css';
import { ApiError, type AgreementSummary } from '../api/client';
import { useAgreement } from '../api/queries';
import { PageSpinner } from '../forms/feedback';
import { NotFoundPage } from './NotFoundPage';
import page from './Page.module.css';
import { usePageTitle } from './usePageTitle';

/**
 * A page under /a/:agreementId (members, activity): "not found" or an error when the agreement
 * cannot be read, a spinner while it loads, then the heading with a link back to the agreement
 * and the page's own content.
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
      <div className={css.top}>
        <Heading level={1} data-size="lg">
          {heading(agreement.data)}
        </Heading>
        <DsLink asChild>
          <Link href={`/a/${encodeURIComponent(agreementId)}`}>{t('members.back')}</Link>
        </DsLink>
      </div>
      {children(agreement.data)}
    </div>
  );
}
