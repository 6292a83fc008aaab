import {
  Alert,
  Button,
  Card,
  Link as DsLink,
  Heading,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { apiErrorText, passwordProblem } from '../admin/errors';
import { ApiError, type User } from '../api/client';
import { useLogin, useLogout, useMe } from '../api/queries';
import { loginErrorKey } from '../auth/LoginPage';
import { ErrorAlert, PageSpinner } from '../forms/feedback';
import { NewPasswordField, newPasswordError, serverPasswordError } from '../forms/NewPasswordField';
import { formatDateTime } from '../i18n';
import page from '../shell/Page.module.css';
import { closeAllSessions } from '../sync/session';
import { type InvitationInfo, useAcceptInvitation, useInvitation } from './api';
import css from './InvitationPage.module.css';
import { usePageTitle } from '../shell/usePageTitle';

/**
 * /invitasjon/:token — the invitee's side of an invitation link. A new person chooses a name
 * and a password and is signed in; someone with an account signs in as the invited address.
 */
export function InvitationPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const invitation = useInvitation(token);
  const me = useMe();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Set when the person signs in on this page: accept as soon as we know who they are.
  const [autoAcceptFor, setAutoAcceptFor] = useState<string | null>(null);
  const ready = invitation.isSuccess || invitation.isError;
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready]);
  const gone = invitation.error instanceof ApiError && invitation.error.status === 404;
  usePageTitle([
    invitation.data
      ? t('invitation.title', { title: invitation.data.agreement.title })
      : invitation.isError
        ? gone
          ? t('invitation.goneTitle')
          : t('errors.title')
        : undefined,
  ]);

  if (invitation.isPending || me.isPending) return <PageSpinner />;
  if (invitation.isError) {
    return (
      <div className={page.narrow} data-testid="invitation-gone">
        <Heading level={1} data-size="md" ref={headingRef} tabIndex={-1}>
          {gone ? t('invitation.goneTitle') : t('errors.title')}
        </Heading>
        <Alert data-color={gone ? 'warning' : 'danger'}>
          <Paragraph>{gone ? t('invitation.gone') : apiErrorText(t, invitation.error)}</Paragraph>
        </Alert>
        {!gone && (
          <div>
            <Button variant="secondary" onClick={() => invitation.refetch()}>
              {t('errors.retry')}
            </Button>
          </div>
        )}
        <DsLink asChild>
          <Link href="/">{t('errors.home')}</Link>
        </DsLink>
      </div>
    );
  }
  const inv = invitation.data;
  const user = me.data ?? null;
  const autoAccept = autoAcceptFor === inv.email.toLowerCase();
  return (
    <div className={page.narrow} data-testid="invitation-page">
      <Card className={css.card}>
        <Heading level={1} data-size="md" ref={headingRef} tabIndex={-1}>
          {t('invitation.title', { title: inv.agreement.title })}
        </Heading>
        <Paragraph>
          {inv.invitedBy?.name
            ? t('invitation.introBy', {
                name: inv.invitedBy.name,
                title: inv.agreement.title,
                role: t(`role.${inv.role}`),
              })
            : t('invitation.intro', { title: inv.agreement.title, role: t(`role.${inv.role}`) })}
        </Paragraph>
        <Paragraph data-size="sm">
          {t('invitation.forEmail', { email: inv.email })}{' '}
          {t('invitation.expires', { date: formatDateTime(inv.expiresAt, lang) })}
        </Paragraph>
        {user ? (
          user.email.toLowerCase() === inv.email.toLowerCase() ? (
            <AcceptAsMe token={token} inv={inv} auto={autoAccept} />
          ) : (
            <WrongUser user={user} inv={inv} />
          )
        ) : (
          <SignedOut
            token={token}
            inv={inv}
            onSigningIn={(email) => setAutoAcceptFor(email.trim().toLowerCase())}
          />
        )}
      </Card>
    </div>
  );
}

function useGoToAgreement(inv: InvitationInfo) {
  const [, navigate] = useLocation();
  return () => navigate(`/a/${encodeURIComponent(inv.agreement.id)}`);
}

function acceptErrorText(t: ReturnType<typeof useTranslation>['t'], e: unknown, email: string) {
  return apiErrorText(t, e, {
    404: t('invitation.gone'),
    403: t('invitation.wrongUserShort', { email }),
    401: t('invitation.existingAccount', { email }),
  });
}

function AcceptAsMe({ token, inv, auto }: { token: string; inv: InvitationInfo; auto: boolean }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(token);
  const go = useGoToAgreement(inv);
  const me = useMe().data;
  const started = useRef(false);
  useEffect(() => {
    if (!auto || started.current) return;
    started.current = true;
    accept.mutate({}, { onSuccess: go });
  }, [auto, accept, go]);
  return (
    <div className={css.block}>
      <Paragraph>
        {t('invitation.signedInAs', { name: me?.name ?? '', email: inv.email })}
      </Paragraph>
      {accept.error && <ErrorAlert>{acceptErrorText(t, accept.error, inv.email)}</ErrorAlert>}
      <div>
        <Button loading={accept.isPending} onClick={() => accept.mutate({}, { onSuccess: go })}>
          {t('invitation.accept')}
        </Button>
      </div>
    </div>
  );
}

function WrongUser({ user, inv }: { user: User; inv: InvitationInfo }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className={css.block}>
      <Alert data-color="warning" data-testid="invitation-wrong-user">
        <Paragraph>
          {t('invitation.wrongUser', { current: user.email, email: inv.email })}
        </Paragraph>
      </Alert>
      <div>
        <Button
          variant="secondary"
          loading={logout.isPending}
          onClick={() =>
            logout.mutate(undefined, {
              onSettled: () => void closeAllSessions({ clearCache: true }),
            })
          }
        >
          {t('invitation.logout')}
        </Button>
      </div>
    </div>
  );
}

function SignedOut({
  token,
  inv,
  onSigningIn,
}: {
  token: string;
  inv: InvitationInfo;
  onSigningIn: (email: string) => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'new' | 'login'>('new');
  const [notice, setNotice] = useState<string | null>(null);
  return mode === 'new' ? (
    <NewAccount
      token={token}
      inv={inv}
      onHasAccount={(why) => {
        setNotice(why ?? null);
        setMode('login');
      }}
    />
  ) : (
    <div className={css.block}>
      {notice && (
        <Alert data-color="info" role="status">
          {notice}
        </Alert>
      )}
      <LoginAndAccept inv={inv} onSigningIn={onSigningIn} />
      <div>
        <Button
          variant="tertiary"
          onClick={() => {
            setNotice(null);
            setMode('new');
          }}
        >
          {t('invitation.noAccount')}
        </Button>
      </div>
    </div>
  );
}

function NewAccount({
  token,
  inv,
  onHasAccount,
}: {
  token: string;
  inv: InvitationInfo;
  onHasAccount: (notice?: string) => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(token);
  const go = useGoToAgreement(inv);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!name.trim()) errs.name = t('invitation.nameRequired');
    const problem = newPasswordError(t, password);
    if (problem) errs.password = problem;
    setErrors(errs);
    if (errs.name || errs.password) return;
    accept.mutate(
      { name: name.trim(), password },
      {
        onSuccess: go,
        onError: (err) => {
          const rule = serverPasswordError(t, err);
          if (rule) setErrors({ password: rule });
          // The address already has an account: sign in with it instead.
          else if (err instanceof ApiError && err.status === 401)
            onHasAccount(t('invitation.existingAccount', { email: inv.email }));
        },
      },
    );
  }

  const err = accept.error;
  const general =
    err && !passwordProblem(err) && !(err instanceof ApiError && err.status === 401)
      ? acceptErrorText(t, err, inv.email)
      : null;

  return (
    <div className={css.block}>
      <Heading level={2} data-size="xs">
        {t('invitation.newAccount')}
      </Heading>
      <Paragraph data-size="sm">{t('invitation.newAccountIntro', { email: inv.email })}</Paragraph>
      {general && <ErrorAlert>{general}</ErrorAlert>}
      <form
        onSubmit={submit}
        noValidate
        className={css.form}
        aria-label={t('invitation.newAccount')}
      >
        <input
          type="email"
          name="email"
          autoComplete="username"
          value={inv.email}
          readOnly
          hidden
        />
        <Textfield
          label={t('invitation.name')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          required
        />
        <NewPasswordField
          label={t('invitation.password')}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <Button type="submit" loading={accept.isPending}>
          {t('invitation.create')}
        </Button>
      </form>
      <Paragraph data-size="sm">
        {t('invitation.haveAccount')}{' '}
        <Button variant="tertiary" data-size="sm" onClick={() => onHasAccount()}>
          {t('invitation.loginInstead', { email: inv.email })}
        </Button>
      </Paragraph>
    </div>
  );
}

function LoginAndAccept({
  inv,
  onSigningIn,
}: {
  inv: InvitationInfo;
  onSigningIn: (email: string) => void;
}) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState(inv.email);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) return setPasswordError(t('login.errors.passwordRequired'));
    setPasswordError(undefined);
    // Signed in as the invited address, the page accepts at once (one click less); signed in
    // as someone else, it explains that the invitation is for another address.
    onSigningIn(email);
    login.mutate({ email: email.trim(), password });
  }

  return (
    <div className={css.block}>
      <Heading level={2} data-size="xs">
        {t('invitation.loginTitle', { email: inv.email })}
      </Heading>
      {login.error && <ErrorAlert>{t(loginErrorKey(login.error))}</ErrorAlert>}
      <form onSubmit={submit} noValidate className={css.form} aria-label={t('login.submit')}>
        <Textfield
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <Textfield
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
          required
        />
        <Button type="submit" loading={login.isPending}>
          {t('invitation.loginAndAccept')}
        </Button>
      </form>
    </div>
  );
}
