import { Breadcrumbs } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

/**
 * The way back from an agreement's pages (board, milestone timeline, manager overview, members,
 * activity): "Avtaler › <the agreement>".
 */
export function AgreementBreadcrumbs({
  agreementId,
  title,
  className,
}: {
  agreementId: string;
  title: string;
  className?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Breadcrumbs aria-label={t('app.mainNav')} className={className}>
      <Breadcrumbs.List>
        <Breadcrumbs.Item>
          <Breadcrumbs.Link asChild>
            <Link href="/">{t('header.agreements')}</Link>
          </Breadcrumbs.Link>
        </Breadcrumbs.Item>
        <Breadcrumbs.Item>
          <Breadcrumbs.Link asChild>
            <Link href={`/a/${encodeURIComponent(agreementId)}`}>{title}</Link>
          </Breadcrumbs.Link>
        </Breadcrumbs.Item>
      </Breadcrumbs.List>
    </Breadcrumbs>
  );
}
