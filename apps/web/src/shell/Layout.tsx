import { Link as DsLink, SkipLink, Spinner } from '@digdir/designsystemet-react';
import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import css from './Layout.module.css';
import page from './Page.module.css';
import { Shortcuts } from './Shortcuts';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [path] = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of path is the trigger
  useEffect(() => {
    // A new page starts at the top, and screen readers land on its content (not on the
    // link that was activated on the previous page).
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <div className={css.shell}>
      <SkipLink href="#main">{t('app.skipToContent')}</SkipLink>
      {/* A fault in the header must not blank the page (and the board with unsent edits). */}
      <ErrorBoundary>
        <AppHeader />
      </ErrorBoundary>
      <main id="main" tabIndex={-1} className={css.main}>
        <Suspense
          fallback={
            <div className={page.center}>
              <Spinner aria-label={t('app.loading')} />
            </div>
          }
        >
          {children}
        </Suspense>
      </main>
      <footer className={css.footer}>
        <span>{t('app.footer')}</span>
        <Shortcuts />
        <DsLink asChild>
          <Link href="/tilgjengelighet">{t('header.accessibility')}</Link>
        </DsLink>
      </footer>
    </div>
  );
}
