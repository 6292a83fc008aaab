import { Link as DsLink, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { AppHeader } from './AppHeader';
import css from './Layout.module.css';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={css.shell}>
      <SkipLink href="#main">{t('app.skipToContent')}</SkipLink>
      <AppHeader />
      <main id="main" tabIndex={-1} className={css.main}>
        {children}
      </main>
      <footer className={css.footer}>
        <span>{t('app.footer')}</span>
        <DsLink asChild>
          <Link href="/tilgjengelighet">{t('header.accessibility')}</Link>
        </DsLink>
      </footer>
    </div>
  );
}
