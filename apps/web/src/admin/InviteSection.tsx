import { Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/client';
import { CreatedSecret } from '../forms/CreatedSecret';
import { DataTable, DateTime, RemoveRowButton } from '../forms/DataTable';
import { PageSection } from '../forms/PageSection';
import { SubmitButton } from '../forms/SubmitButton';
import { ErrorAlert, QueryFeedback } from '../forms/feedback';
import { SelectField } from '../forms/SelectField';
import { formatDateTime } from '../i18n';
import css from './admin.module.css';
import { type Invitation, useInvitations, useInvite, useRevokeInvitation } from './api';
import { apiErrorText } from './errors';
import { OrganisationOptions, RoleOptions } from './options';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The link an invitee opens (the token is in the path; the server keeps only its hash). */
export function invitationUrl(token: string): string {
  return `${location.origin}/invitasjon/${encodeURIComponent(token)}`;
}

/** Invite by e-mail (a one-time link to copy) and the pending invitations, for admins. */
export function InviteSection({
  agreementId,
  onStatus,
}: {
  agreementId: string;
  onStatus: (s: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const invite = useInvite(agreementId);
  const pending = useInvitations(agreementId, true);
  const revoke = useRevokeInvitation(agreementId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [organisationId, setOrganisationId] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [created, setCreated] = useState<(Invitation & { url: string }) | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = email.trim();
    if (!value) return setEmailError(t('invite.emailRequired'));
    if (!EMAIL.test(value)) return setEmailError(t('invite.emailInvalid'));
    setEmailError(undefined);
    setCreated(null);
    onStatus('');
    invite.mutate(
      { email: value, role, organisationId: organisationId || null },
      {
        onSuccess: (inv) => {
          setCreated({ ...inv, url: invitationUrl(inv.token) });
          setEmail('');
        },
      },
    );
  }

  const inviteError = invite.error
    ? apiErrorText(t, invite.error, {
        409: t('invite.alreadyMember'),
        400: t('invite.emailInvalid'),
      })
    : null;

  return (
    <>
      <PageSection headingId="invite-heading" title={t('invite.title')}>
        <Paragraph>{t('invite.intro')}</Paragraph>
        <form
          className={css.form}
          onSubmit={submit}
          noValidate
          aria-labelledby="invite-heading"
          data-testid="invite-form"
        >
          <Textfield
            label={t('invite.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={emailError}
            required
          />
          <div className={css.row}>
            <SelectField label={t('invite.role')} value={role} onChange={(v) => setRole(v as Role)}>
              <RoleOptions />
            </SelectField>
            <SelectField
              label={t('invite.organisation')}
              value={organisationId}
              onChange={setOrganisationId}
            >
              <OrganisationOptions noneLabel={t('invite.organisationNone')} />
            </SelectField>
          </div>
          <SubmitButton loading={invite.isPending}>{t('invite.submit')}</SubmitButton>
        </form>
        {inviteError && <ErrorAlert data-testid="invite-error">{inviteError}</ErrorAlert>}
        {created && (
          <CreatedSecret
            data-testid="invite-result"
            heading={t('invite.created', { email: created.email })}
            label={t('invite.linkLabel')}
            value={created.url}
            fieldTestId="invite-link"
            copyLabel={t('invite.copy')}
            copiedText={t('invite.copied')}
          >
            <Paragraph>
              {t('invite.linkHelp', {
                role: t(`role.${created.role}`),
                expires: formatDateTime(created.expiresAt, lang),
              })}
            </Paragraph>
          </CreatedSecret>
        )}
      </PageSection>
      <PageSection headingId="pending-heading" title={t('invite.pending')}>
        <QueryFeedback query={pending} />
        {revokeError && <ErrorAlert>{revokeError}</ErrorAlert>}
        <DataTable
          items={pending.data}
          empty={t('invite.noPending')}
          data-testid="pending-invitations"
          headers={[t('invite.email'), t('invite.role'), t('invite.expires'), t('members.actions')]}
        >
          {(inv) => (
            <Table.Row key={inv.id} data-testid="pending-invitation">
              <Table.Cell>{inv.email}</Table.Cell>
              <Table.Cell>{t(`role.${inv.role}`)}</Table.Cell>
              <Table.Cell>
                <DateTime value={inv.expiresAt} />
              </Table.Cell>
              <Table.Cell>
                <RemoveRowButton
                  label={t('invite.revokeNamed', { email: inv.email })}
                  loading={revoke.isPending && revoke.variables === inv.id}
                  onClick={() => {
                    setRevokeError(null);
                    onStatus('');
                    revoke.mutate(inv.id, {
                      onSuccess: () => {
                        onStatus(t('invite.revoked', { email: inv.email }));
                        if (created?.id === inv.id) setCreated(null);
                      },
                      onError: (e) => setRevokeError(apiErrorText(t, e)),
                    });
                  }}
                >
                  {t('invite.revoke')}
                </RemoveRowButton>
              </Table.Cell>
            </Table.Row>
          )}
        </DataTable>
      </PageSection>
    </>
  );
}
