import { Button, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { HeaderLinks } from '../account/HeaderLinks';
import { useLogout, useMe } from '../api/queries';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { closeAllSessions, unsentOf } from '../sync/session';
import css from './AppHeader.module.css';
import { ConnectionIndicator } from './ConnectionIndicator';
import { useUi } from './uiStore';

export function AppHeader() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const [location, navigate] = useLocation();
  /** On a phone or at high zoom, the account part of the header folds behind "Meny". */
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  // Following a link in the menu (Min konto, Administrasjon) folds it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the location changes
  useEffect(() => setMenuOpen(false), [location]);
  // Escape folds an open menu and puts focus back on its button (a disclosure, as in GOV.UK's
  // service navigation). Not when a dialog is open: there Escape is the dialog's.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const session = useUi((s) => s.activeSession);
  const user = me.data ?? null;
  /**
   * Edits not sent yet when "Logg ut" was pressed, and whether some are kept nowhere but in
   * this tab (lost when signing out): ask first (null: not asking).
   */
  const [unsentAtLogout, setUnsentAtLogout] = useState<{ count: number; lost: boolean } | null>(
    null,
  );
  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        // The offline copy of an agreement with unsent edits is kept (closeAllSessions).
        void closeAllSessions({ clearCache: true });
        navigate('/');
      },
    });

  return (
    <header className={css.header}>
      <Link href="/" className={css.brand}>
        <svg aria-hidden="true" focusable="false" className={css.logo} viewBox="0 0 24 24">
          <rect x="1.5" y="3" width="21" height="18" rx="3" className={css.logoFrame} />
          <rect x="4.5" y="6" width="4" height="9" rx="1" />
          <rect x="10" y="6" width="4" height="12" rx="1" />
          <rect x="15.5" y="6" width="4" height="6" rx="1" />
        </svg>
        {t('app.name')}
      </Link>
      <div className={css.spacer} />
      {session && <ConnectionIndicator session={session} />}
      {user ? (
        <>
          <button
            type="button"
            ref={menuButton}
            className={css.menuButton}
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className={css.menuIcon}>
              <path d={menuOpen ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
            </svg>
            {t('header.menu')}
          </button>
          {/* Inline beside the brand on a wide screen (display: contents); on a narrow one a
              panel under the header row, open or shut with the button above. */}
          <div id={menuId} className={css.menu} data-open={menuOpen || undefined}>
            <LanguagePicker />
            <HeaderLinks />
            <span className="visually-hidden">{t('header.loggedInAs', { name: user.name })}</span>
            <span className={css.user} aria-hidden="true" data-testid="current-user">
              <span className={css.userName}>{user.name}</span>
              {user.organisation && <span className={css.org}>{user.organisation.name}</span>}
            </span>
            <Button
              variant="tertiary"
              data-size="sm"
              loading={logout.isPending}
              onClick={() => {
                // This page's agreement, and every other one whose edits wait in this browser
                // (copies not open, sessions kept after their pages closed).
                const waiting = unsentOf(user.id);
                const here = session?.connection.get();
                const count = Math.max(waiting.count, here?.unsynced ?? 0);
                if (count > 0)
                  setUnsentAtLogout({
                    count,
                    lost: !waiting.kept || here?.noOfflineCopy === true,
                  });
                else signOut();
              }}
            >
              {t('header.logout')}
            </Button>
          </div>
        </>
      ) : (
        <LanguagePicker />
      )}
      {/* Part of the header's own code, not split off: this question comes when edits wait,
          i.e. offline, when a chunk that was not fetched yet cannot load. Lazily, it was fetched
          by the idle preload a second or more after a board opened, and signing out offline
          before that blanked the page. ConfirmDialog is a few lines around Designsystemet's
          Dialog. */}
      {unsentAtLogout !== null && (
        <ConfirmDialog
          data-testid="logout-unsent-dialog"
          title={t('header.logoutUnsyncedTitle')}
          confirmLabel={t('header.logoutAnyway')}
          cancelLabel={t('header.stayLoggedIn')}
          onConfirm={() => {
            setUnsentAtLogout(null);
            signOut();
          }}
          onCancel={() => setUnsentAtLogout(null)}
        >
          <Paragraph>
            {t(
              unsentAtLogout.lost
                ? 'header.logoutUnsyncedLostBody'
                : session?.connection.get().refused
                  ? 'header.logoutRefusedBody'
                  : 'header.logoutUnsyncedBody',
              { count: unsentAtLogout.count },
            )}
          </Paragraph>
        </ConfirmDialog>
      )}
    </header>
  );
}

function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <Field className={css.lang} data-size="sm">
      <Label className="visually-hidden">{t('header.language')}</Label>
      <Select
        width="auto"
        value={i18n.resolvedLanguage ?? 'nb'}
        onChange={(e) => void setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <Select.Option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
