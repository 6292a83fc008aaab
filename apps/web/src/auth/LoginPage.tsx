import {
  Alert,
  Button,
  Card,
  ErrorSummary,
  Heading,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLogin } from '../api/queries';
import css from './LoginPage.module.css';
import { usePageTitle } from '../shell/usePageTitle';
import type { Unsent } from '../sync/session';

type FieldErrors = { email?: string; password?: string };

/** Why the form is shown again: the person signed out, or their session ended under them. */
export type LoginNotice = 'signedOut' | 'sessionEnded';

export interface LoginPageProps {
  notice?: LoginNotice;
  /** The e-mail address of the person whose session ended under the page, filled in. */
  email?: string;
  /** Their edits that were not sent when the session ended. */
  unsent?: Unsent;
}

/** Login with email and password; errors in plain Norwegian, focus moved to them. */
export function LoginPage({ notice, email: endedEmail, unsent }: LoginPageProps = {}) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState(endedEmail ?? '');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const errorRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const serverError = login.error ? loginErrorKey(login.error) : null;
  usePageTitle([t('login.submit')]);

  useEffect(() => {
    if (serverError) errorRef.current?.focus();
  }, [serverError]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!email.trim()) errs.email = t('login.errors.emailRequired');
    if (!password) errs.password = t('login.errors.passwordRequired');
    setFieldErrors(errs);
    if (errs.email || errs.password) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <div className={css.wrap}>
      <Card className={css.card}>
        <Heading level={1} data-size="md" ref={headingRef} tabIndex={-1} className={css.heading}>
          {t('login.title')}
        </Heading>
        <Paragraph className={css.intro}>{t('login.intro')}</Paragraph>
        {notice && !serverError && (
          <Alert
            data-color={notice === 'signedOut' ? 'success' : 'info'}
            data-testid="login-notice"
            className={css.notice}
          >
            <Paragraph>{t(`login.notice.${notice}`)}</Paragraph>
            {unsent && unsent.count > 0 && (
              <Paragraph data-testid="login-unsent">
                {t(unsent.kept ? 'login.notice.unsentKept' : 'login.notice.unsentInTab', {
                  count: unsent.count,
                })}
              </Paragraph>
            )}
          </Alert>
        )}
        {(fieldErrors.email || fieldErrors.password) && (
          <ErrorSummary>
            <ErrorSummary.Heading>{t('login.errors.title')}</ErrorSummary.Heading>
            <ErrorSummary.List>
              {fieldErrors.email && (
                <ErrorSummary.Item>
                  <ErrorSummary.Link href="#login-email">{fieldErrors.email}</ErrorSummary.Link>
                </ErrorSummary.Item>
              )}
              {fieldErrors.password && (
                <ErrorSummary.Item>
                  <ErrorSummary.Link href="#login-password">
                    {fieldErrors.password}
                  </ErrorSummary.Link>
                </ErrorSummary.Item>
              )}
            </ErrorSummary.List>
          </ErrorSummary>
        )}
        {serverError && (
          <Alert
            data-color="danger"
            ref={errorRef}
            tabIndex={-1}
            role="alert"
            data-testid="login-error"
          >
            <Heading level={2} data-size="xs">
              {t('login.errors.title')}
            </Heading>
            <Paragraph>{t(serverError)}</Paragraph>
          </Alert>
        )}
        <form onSubmit={submit} noValidate className={css.form}>
          <Textfield
            id="login-email"
            label={t('login.email')}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email}
            required
          />
          <Textfield
            id="login-password"
            label={t('login.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldErrors.password}
            required
          />
          <Button type="submit" loading={login.isPending} className={css.submit}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </Button>
        </form>
      </Card>
    </div>
  );
}

export function loginErrorKey(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429 || e.code === 'rate_limited') return 'login.errors.rateLimited';
    if (e.status === 401 || e.code === 'invalid_credentials')
      return 'login.errors.invalidCredentials';
    if (e.status === 0) return 'login.errors.network';
    if (e.status === 400) return 'login.errors.invalidCredentials';
  }
  return 'login.errors.unknown';
}
