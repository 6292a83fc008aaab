import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import css from '../admin/admin.module.css';
import { apiErrorText, passwordProblem } from '../admin/errors';
import { useMe } from '../api/queries';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { CreatedSecret } from '../forms/CreatedSecret';
import { DataTable, DateTime, RemoveRowButton } from '../forms/DataTable';
import { PageSection } from '../forms/PageSection';
import { SubmitButton } from '../forms/SubmitButton';
import { ErrorAlert, QueryFeedback, SuccessStatus } from '../forms/feedback';
import { NewPasswordField, newPasswordError, serverPasswordError } from '../forms/NewPasswordField';
import page from '../shell/Page.module.css';
import {
  describeUserAgent,
  type SessionInfo,
  type TokenInfo,
  useChangePassword,
  useCreateToken,
  useEndSession,
  useLogoutEverywhere,
  useMySessions,
  useMyTokens,
  useRevokeToken,
} from './api';
import { usePageTitle } from '../shell/usePageTitle';

/** /konto — the signed-in person's own account: password, sessions, API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  usePageTitle([t('account.title')]);
  if (!me) return null;
  return (
    <div className={page.page} data-testid="account-page">
      <Heading level={1} data-size="lg">
        {t('account.title')}
      </Heading>
      <Paragraph>
        {me.name} · {me.email}
        {me.organisation && ` · ${me.organisation.name}`}
      </Paragraph>
      <ChangePassword email={me.email} />
      <Sessions />
      <Tokens />
    </div>
  );
}

function ChangePassword({ email }: { email: string }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [done, setDone] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!current) errs.current = t('account.password.currentRequired');
    const problem = newPasswordError(t, next);
    if (problem) errs.next = problem;
    setErrors(errs);
    setDone(false);
    if (errs.current || errs.next) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setDone(true);
          setCurrent('');
          setNext('');
        },
        onError: (err) => {
          const rule = serverPasswordError(t, err);
          if (rule) setErrors({ next: rule });
          else if ((err as { code?: string }).code === 'wrong_password')
            setErrors({ current: t('account.password.wrongCurrent') });
        },
      },
    );
  }

  const err = change.error;
  const showGeneral =
    err &&
    !passwordProblem(err) &&
    (err as { code?: string }).code !== 'wrong_password' &&
    !change.isPending;

  return (
    <PageSection headingId="password-heading" title={t('account.password.title')}>
      <form className={css.form} onSubmit={submit} noValidate aria-labelledby="password-heading">
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Textfield
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.current}
          required
        />
        <NewPasswordField
          label={t('account.password.new')}
          value={next}
          onChange={setNext}
          error={errors.next}
        />
        <SubmitButton loading={change.isPending}>{t('account.password.submit')}</SubmitButton>
      </form>
      <div role="status" aria-live="polite">
        {done && (
          <Alert data-color="success" data-testid="password-changed">
            {t('account.password.changed')}
          </Alert>
        )}
      </div>
      {showGeneral && <ErrorAlert>{apiErrorText(t, err)}</ErrorAlert>}
    </PageSection>
  );
}

function deviceName(t: (k: string, o?: Record<string, unknown>) => string, s: SessionInfo) {
  const { browser, os } = describeUserAgent(s.userAgent);
  if (browser && os) return t('account.sessions.deviceOn', { browser, os });
  return browser ?? os ?? t('account.sessions.unknownDevice');
}

function Sessions() {
  const { t } = useTranslation();
  const sessions = useMySessions();
  const end = useEndSession();
  const everywhere = useLogoutEverywhere();
  const [, navigate] = useLocation();
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState('');

  return (
    <PageSection headingId="sessions-heading" title={t('account.sessions.title')}>
      <Paragraph>{t('account.sessions.intro')}</Paragraph>
      <SuccessStatus message={status} />
      <QueryFeedback query={sessions} />
      {end.error && <ErrorAlert>{apiErrorText(t, end.error)}</ErrorAlert>}
      <DataTable
        items={sessions.data}
        data-testid="sessions-table"
        headers={[
          t('account.sessions.device'),
          t('account.sessions.lastSeen'),
          t('account.sessions.started'),
          t('members.actions'),
        ]}
      >
        {(s) => {
          const device = deviceName(t, s);
          return (
            <Table.Row key={s.id} data-testid="session-row">
              <Table.Cell>
                {device}{' '}
                {s.current && (
                  <Tag data-size="sm" data-color="success">
                    {t('account.sessions.current')}
                  </Tag>
                )}
              </Table.Cell>
              <Table.Cell>
                <DateTime value={s.lastSeenAt} />
              </Table.Cell>
              <Table.Cell>
                <DateTime value={s.createdAt} />
              </Table.Cell>
              <Table.Cell>
                <Button
                  variant="tertiary"
                  data-size="sm"
                  aria-label={t('account.sessions.endNamed', { device })}
                  loading={end.isPending && end.variables?.id === s.id}
                  onClick={() =>
                    end.mutate(s, {
                      onSuccess: () => {
                        if (s.current) navigate('/');
                        else setStatus(t('account.sessions.ended', { device }));
                      },
                    })
                  }
                >
                  {t('account.sessions.end')}
                </Button>
              </Table.Cell>
            </Table.Row>
          );
        }}
      </DataTable>
      <Heading level={3} data-size="xs">
        {t('account.everywhere.title')}
      </Heading>
      <Paragraph>{t('account.everywhere.intro')}</Paragraph>
      <div>
        <Button variant="secondary" data-color="danger" onClick={() => setConfirm(true)}>
          {t('account.everywhere.button')}
        </Button>
      </div>
      {confirm && (
        <ConfirmDialog
          title={t('account.everywhere.confirmTitle')}
          confirmLabel={t('account.everywhere.button')}
          cancelLabel={t('account.cancel')}
          loading={everywhere.isPending}
          onConfirm={() => everywhere.mutate(undefined, { onSuccess: () => navigate('/') })}
          onCancel={() => setConfirm(false)}
        >
          <Paragraph>{t('account.everywhere.confirmBody')}</Paragraph>
          {everywhere.error && <ErrorAlert>{apiErrorText(t, everywhere.error)}</ErrorAlert>}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const tokens = useMyTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<(TokenInfo & { token: string }) | null>(null);
  const [status, setStatus] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('account.tokens.nameRequired'));
    setNameError(undefined);
    setCreated(null);
    setStatus('');
    create.mutate(name.trim(), {
      onSuccess: (tok) => {
        setCreated(tok);
        setName('');
      },
    });
  }

  return (
    <PageSection headingId="tokens-heading" title={t('account.tokens.title')}>
      <Paragraph>{t('account.tokens.intro')}</Paragraph>
      <form className={css.form} onSubmit={submit} noValidate aria-labelledby="tokens-heading">
        <Textfield
          label={t('account.tokens.name')}
          description={t('account.tokens.nameHelp')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          required
        />
        <SubmitButton loading={create.isPending}>{t('account.tokens.create')}</SubmitButton>
      </form>
      {create.error && (
        <ErrorAlert>
          {apiErrorText(t, create.error, {
            session_required: t('account.tokens.sessionRequired'),
            409: t('account.tokens.tooMany'),
          })}
        </ErrorAlert>
      )}
      {created && (
        <CreatedSecret
          data-testid="token-created"
          heading={t('account.tokens.created', { name: created.name })}
          label={t('account.tokens.secret')}
          value={created.token}
          fieldTestId="token-secret"
          copyLabel={t('account.tokens.copy')}
          copiedText={t('account.tokens.copied')}
        >
          <Paragraph>{t('account.tokens.createdHelp')}</Paragraph>
        </CreatedSecret>
      )}
      <SuccessStatus message={status} />
      {revoke.error && <ErrorAlert>{apiErrorText(t, revoke.error)}</ErrorAlert>}
      <QueryFeedback query={tokens} />
      <DataTable
        items={tokens.data}
        empty={t('account.tokens.none')}
        data-testid="tokens-table"
        headers={[
          t('account.tokens.name'),
          t('account.tokens.createdAt'),
          t('account.tokens.lastUsed'),
          t('members.actions'),
        ]}
      >
        {(tok) => (
          <Table.Row key={tok.id} data-testid="token-row">
            <Table.Cell>{tok.name}</Table.Cell>
            <Table.Cell>
              <DateTime value={tok.createdAt} />
            </Table.Cell>
            <Table.Cell>
              {tok.lastUsedAt ? <DateTime value={tok.lastUsedAt} /> : t('account.tokens.never')}
            </Table.Cell>
            <Table.Cell>
              <RemoveRowButton
                label={t('account.tokens.revokeNamed', { name: tok.name })}
                loading={revoke.isPending && revoke.variables?.id === tok.id}
                onClick={() => {
                  setStatus('');
                  revoke.mutate(tok, {
                    onSuccess: () => {
                      setStatus(t('account.tokens.revoked', { name: tok.name }));
                      if (created?.id === tok.id) setCreated(null);
                    },
                  });
                }}
              >
                {t('account.tokens.revoke')}
              </RemoveRowButton>
            </Table.Cell>
          </Table.Row>
        )}
      </DataTable>
    </PageSection>
  );
}
