import { Alert, Link as DsLink, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import page from '../shell/Page.module.css';

/** Shown in place of an agreement the person was just removed from (socket closed 4404). */
export function AccessLostPage() {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={page.page} data-testid="access-lost">
      <Heading level={1} data-size="md" ref={ref} tabIndex={-1}>
        {t('access.lostTitle')}
      </Heading>
      <Alert data-color="warning" role="alert">
        <Paragraph>{t('access.lost')}</Paragraph>
      </Alert>
      <DsLink asChild>
        <Link href="/">{t('access.home')}</Link>
      </DsLink>
    </div>
  );
}
