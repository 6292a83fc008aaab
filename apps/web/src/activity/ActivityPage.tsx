import { Link as DsLink, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import css from '../admin/admin.module.css';
import { ApiError } from '../api/client';
import { useAgreement } from '../api/queries';
import { NotFoundPage } from '../shell/NotFoundPage';
import page from '../shell/Page.module.css';
import { ActivityFeed } from './ActivityFeed';

/** /a/:agreementId/aktivitet — who did what in the agreement, newest first. */
export function ActivityPage({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(agreementId);
  if (agreement.isError) {
    const notFound = agreement.error instanceof ApiError && agreement.error.status === 404;
    return (
      <NotFoundPage message={notFound ? t('errors.agreementNotFound') : t('errors.generic')} />
    );
  }
  if (!agreement.data)
    return (
      <div className={page.center}>
        <Spinner aria-label={t('app.loading')} />
      </div>
    );
  return (
    <div className={page.page} data-testid="activity-page">
      <div className={css.top}>
        <Heading level={1} data-size="lg">
          {t('activity.heading', { title: agreement.data.title })}
        </Heading>
        <DsLink asChild>
          <Link href={`/a/${encodeURIComponent(agreementId)}`}>{t('members.back')}</Link>
        </DsLink>
      </div>
      <Paragraph>{t('activity.intro')}</Paragraph>
      <ActivityFeed agreementId={agreementId} limit={50} />
    </div>
  );
}
