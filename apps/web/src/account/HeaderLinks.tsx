import { Link as DsLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useIsInstanceAdmin } from '../admin/api';
import css from './HeaderLinks.module.css';

/** "Min konto" and, for instance administrators, "Administrasjon" in the header. */
export function HeaderLinks() {
  const { t } = useTranslation();
  const admin = useIsInstanceAdmin();
  return (
    <nav aria-label={t('account.nav')} className={css.links}>
      {admin.data && (
        <DsLink asChild data-size="sm">
          <Link href="/admin" data-testid="instance-admin-link">
            {t('admin.link')}
          </Link>
        </DsLink>
      )}
      <DsLink asChild data-size="sm">
        <Link href="/konto" data-testid="account-link">
          {t('account.link')}
        </Link>
      </DsLink>
    </nav>
  );
}
