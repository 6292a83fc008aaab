import { Alert, Card, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreements } from '../api/queries';
import page from '../shell/Page.module.css';
import css from './AgreementsPage.module.css';
import { usePageTitle } from '../shell/usePageTitle';

export function AgreementsPage() {
  const { t } = useTranslation();
  const q = useAgreements();
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
          {q.data.map((a) => (
            <li key={a.id}>
              <Card asChild data-color="accent" variant="tinted">
                <Link href={`/a/${encodeURIComponent(a.id)}`} data-testid="agreement-link">
                  <Heading level={2} data-size="sm">
                    {a.title}
                  </Heading>
                  <Tag data-color="neutral" data-size="sm">
                    {t('agreements.yourRole', { role: t(`role.${a.role}`) })}
                  </Tag>
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
