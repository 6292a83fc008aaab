import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { AgreementSubPage } from '../shell/AgreementSubPage';
import { ActivityFeed } from './ActivityFeed';

/** /a/:agreementId/aktivitet — who did what in the agreement, newest first. */
export function ActivityPage({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  return (
    <AgreementSubPage
      agreementId={agreementId}
      data-testid="activity-page"
      heading={(a) => t('activity.heading', { title: a.title })}
    >
      {() => (
        <>
          <Paragraph>{t('activity.intro')}</Paragraph>
          <ActivityFeed agreementId={agreementId} limit={50} />
        </>
      )}
    </AgreementSubPage>
  );
}
