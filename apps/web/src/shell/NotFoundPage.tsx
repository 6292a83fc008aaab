import { Heading, Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import css from './Page.module.css';

export function NotFoundPage({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <div className={css.page}>
      <Heading level={1} data-size="md">
        {t('errors.title')}
      </Heading>
      <Paragraph>{message ?? t('errors.notFound')}</Paragraph>
      <DsLink asChild>
        <Link href="/">{t('errors.home')}</Link>
      </DsLink>
    </div>
  );
}
