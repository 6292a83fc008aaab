import { Alert, Link as DsLink, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import page from '../shell/Page.module.css';
import { offlineCacheName } from '../sync/session';
import { forgetWaiting } from '../sync/waitingIndex';
import { usePageTitle } from '../shell/usePageTitle';

/**
 * Shown in place of an agreement the person was just removed from (socket closed 4404). The
 * offline copy of the agreement is deleted: a former member must not keep reading it.
 */
export function AccessLostPage({ agreementId, userId }: { agreementId: string; userId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle([t('access.lostTitle')]);
  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    // Completes once the session has closed its connection to the database.
    forgetWaiting(userId, agreementId);
    try {
      globalThis.indexedDB?.deleteDatabase(offlineCacheName(userId, agreementId));
    } catch {
      // storage can be blocked; nothing was cached then
    }
  }, [agreementId, userId]);
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
