import { Link as DsLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import css from './admin.module.css';

/** Links from an agreement's overview to its members and its activity log. */
export function AgreementLinks({
  agreementId,
  isAdmin,
}: {
  agreementId: string;
  isAdmin: boolean;
}) {
  const { t } = useTranslation();
  const base = `/a/${encodeURIComponent(agreementId)}`;
  return (
    <nav aria-label={t('agreementNav.label')} data-testid="agreement-links">
      <ul className={css.nav}>
        <li>
          <DsLink asChild>
            <Link href={`${base}/medlemmer`} data-testid="members-link">
              {isAdmin ? t('agreementNav.manageMembers') : t('agreementNav.members')}
            </Link>
          </DsLink>
        </li>
        <li>
          <DsLink asChild>
            <Link href={`${base}/aktivitet`} data-testid="activity-link">
              {t('agreementNav.activity')}
            </Link>
          </DsLink>
        </li>
      </ul>
    </nav>
  );
}
