import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MilestoneIcon } from '../board/icons';
import css from './ViewLinks.module.css';

/** The agreement's overviews for managers: the milestone timeline and the manager overview. */
export function ViewLinks({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const base = `/a/${encodeURIComponent(agreementId)}`;
  return (
    <nav aria-label={t('managerOverview.views')} className={css.nav} data-testid="view-links">
      <Button asChild variant="secondary" data-size="sm">
        <Link href={`${base}/milepaeler`}>
          <MilestoneIcon /> {t('timeline.title')}
        </Link>
      </Button>
      <Button asChild variant="secondary" data-size="sm">
        <Link href={`${base}/oversikt`}>{t('managerOverview.nav')}</Link>
      </Button>
    </nav>
  );
}
