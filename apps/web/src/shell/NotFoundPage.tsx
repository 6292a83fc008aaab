import { Link as DsLink, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import css from './Page.module.css';
import { usePageTitle } from './usePageTitle';

/**
 * A page that is not there ("Fant ikke siden"), or one that failed to load when `title` says so
 * ("Noe gikk galt"). `back` leads somewhere nearer than the front page, e.g. the agreement whose
 * focus area is missing.
 */
export function NotFoundPage({
  message,
  title,
  back,
}: {
  message?: string;
  title?: string;
  back?: { href: string; label: string };
}) {
  const { t } = useTranslation();
  const heading = title ?? t('errors.notFoundTitle');
  usePageTitle([heading]);
  return (
    <div className={css.page}>
      <Heading level={1} data-size="md">
        {heading}
      </Heading>
      <Paragraph>{message ?? t('errors.notFoundHelp')}</Paragraph>
      <DsLink asChild>
        <Link href={back?.href ?? '/'}>{back?.label ?? t('errors.home')}</Link>
      </DsLink>
    </div>
  );
}
