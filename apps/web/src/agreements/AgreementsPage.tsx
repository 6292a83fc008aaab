import { Alert, Card, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreements, useMe } from '../api/queries';
import page from '../shell/Page.module.css';
import { usePageTitle } from '../shell/usePageTitle';
import { useWaitingEdits } from '../sync/react';
import css from './AgreementsPage.module.css';
import { WaitingNotice, WaitingSentAnnouncer } from './WaitingNotice';

export function AgreementsPage() {
  const { t } = useTranslation();
  const q = useAgreements();
  const userId = useMe().data?.id ?? null;
  // Edits of this person that wait in this browser, per agreement (sent in the background).
  const waiting = useWaitingEdits(userId);
  const titles = useMemo(() => new Map(q.data?.map((a) => [a.id, a.title])), [q.data]);
  usePageTitle([t('agreements.title')]);
  return (
    <div className={page.page}>
      <Heading level={1} data-size="lg">
        {t('agreements.title')}
      </Heading>
      <Paragraph>{t('agreements.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('app.loading')} />}
      {q.isError && <Alert data-color="danger">{t('errors.generic')}</Alert>}
      {q.data && q.data.length === 0 && <Alert data-color="info">{t('agreements.empty')}</Alert>}
      {q.data && q.data.length > 0 && (
        <ul className={css.list}>
          {q.data.map((a) => {
            const w = waiting.get(a.id);
            return (
              <li key={a.id}>
                <Card asChild data-color="accent" variant="tinted">
                  <Link href={`/a/${encodeURIComponent(a.id)}`} data-testid="agreement-link">
                    <Heading level={2} data-size="sm">
                      {a.title}
                    </Heading>
                    <Tag data-color="neutral" data-size="sm">
                      {t('agreements.yourRole', { role: t(`role.${a.role}`) })}
                    </Tag>
                    {w && <WaitingNotice waiting={w} role={a.role} />}
                  </Link>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <WaitingSentAnnouncer waiting={waiting} titles={titles} />
    </div>
  );
}
