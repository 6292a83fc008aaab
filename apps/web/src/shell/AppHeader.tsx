import { Button, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { HeaderLinks } from '../account/HeaderLinks';
import { useLogout, useMe } from '../api/queries';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { closeAllSessions } from '../sync/session';
import css from './AppHeader.module.css';
import { ConnectionIndicator } from './ConnectionIndicator';
import { useUi } from './uiStore';

export function AppHeader() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const [, navigate] = useLocation();
  const session = useUi((s) => s.activeSession);
  const user = me.data ?? null;
  /** Edits not sent yet when "Logg ut" was pressed: ask first (null: not asking). */
  const [unsentAtLogout, setUnsentAtLogout] = useState<number | null>(null);
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
      {user && (
        <>
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
              const unsent = session?.connection.get().unsynced ?? 0;
              if (unsent > 0) setUnsentAtLogout(unsent);
              else signOut();
            }}
          >
            {t('header.logout')}
          </Button>
        </>
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
              session?.connection.get().noOfflineCopy
                ? 'header.logoutUnsyncedLostBody'
                : session?.connection.get().refused
                  ? 'header.logoutRefusedBody'
                  : 'header.logoutUnsyncedBody',
              { count: unsentAtLogout },
            )}
          </Paragraph>
        </ConfirmDialog>
      )}
    </header>
  );
}
