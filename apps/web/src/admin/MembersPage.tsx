import { Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Role } from '../api/client';
import { useMe, useMembers } from '../api/queries';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { DataTable, RemoveRowButton } from '../forms/DataTable';
import { PageSection } from '../forms/PageSection';
import { ErrorAlert, QueryFeedback, SuccessStatus } from '../forms/feedback';
import { AgreementSubPage } from '../shell/AgreementSubPage';
import css from './admin.module.css';
import { useRemoveMember, useSetRole } from './api';
import { apiErrorText } from './errors';
import { RoleOptions } from './options';
import { InviteSection } from './InviteSection';

/**
 * /a/:agreementId/medlemmer — who is in the agreement. Admins change roles, remove members and
 * invite; everyone else sees the list only.
 */
export function MembersPage({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const members = useMembers(agreementId);
  const me = useMe().data ?? null;
  const [status, setStatus] = useState('');

  return (
    <AgreementSubPage
      agreementId={agreementId}
      data-testid="members-page"
      heading={(a) => t('members.heading', { title: a.title })}
    >
      {(agreement) => {
        const isAdmin = agreement.role === 'admin';
        return (
          <>
            <Paragraph>{isAdmin ? t('members.adminIntro') : t('members.readOnlyIntro')}</Paragraph>
            {/* One polite live region for the outcome of every action on this page. */}
            <SuccessStatus message={status} aria-atomic="true" data-testid="members-status" />
            <PageSection headingId="members-list-heading" title={t('members.title')}>
              <QueryFeedback query={members} errorText={t('members.loadError')} />
              {members.data && (
                <MembersTable
                  agreementId={agreementId}
                  agreementTitle={agreement.title}
                  members={members.data}
                  meId={me?.id ?? null}
                  isAdmin={isAdmin}
                  onStatus={setStatus}
                />
              )}
            </PageSection>
            {isAdmin && <InviteSection agreementId={agreementId} onStatus={setStatus} />}
          </>
        );
      }}
    </AgreementSubPage>
  );
}

function MembersTable({
  agreementId,
  agreementTitle,
  members,
  meId,
  isAdmin,
  onStatus,
}: {
  agreementId: string;
  agreementTitle: string;
  members: Member[];
  meId: string | null;
  isAdmin: boolean;
  onStatus: (s: string) => void;
}) {
  const { t } = useTranslation();
  const setRole = useSetRole(agreementId);
  const remove = useRemoveMember(agreementId);
  const [removing, setRemoving] = useState<Member | null>(null);
  // Giving up one's own admin role cannot be undone from here: ask first.
  const [selfDemote, setSelfDemote] = useState<{ member: Member; role: Role } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastAdmin = t('members.lastAdmin');

  function requestRole(m: Member, role: Role) {
    if (m.userId === meId && m.role === 'admin' && role !== 'admin')
      setSelfDemote({ member: m, role });
    else changeRole(m, role);
  }

  function changeRole(m: Member, role: Role) {
    setError(null);
    onStatus('');
    setRole.mutate(
      { userId: m.userId, role },
      {
        onSuccess: () =>
          onStatus(t('members.roleChanged', { name: m.name, role: t(`role.${role}`) })),
        onError: (e) => setError(apiErrorText(t, e, { 409: lastAdmin })),
      },
    );
  }

  function confirmRemove() {
    const m = removing;
    if (!m) return;
    setError(null);
    onStatus('');
    remove.mutate(m.userId, {
      onSuccess: () => onStatus(t('members.removed', { name: m.name })),
      onError: (e) => setError(apiErrorText(t, e, { 409: lastAdmin })),
      onSettled: () => setRemoving(null),
    });
  }

  return (
    <>
      {error && <ErrorAlert data-testid="members-error">{error}</ErrorAlert>}
      <DataTable
        items={members}
        data-testid="members-table"
        headers={[
          t('members.name'),
          t('members.organisation'),
          t('members.role'),
          ...(isAdmin ? [t('members.actions')] : []),
        ]}
      >
        {(m) => {
          const pendingRole =
            setRole.isPending && setRole.variables?.userId === m.userId
              ? setRole.variables.role
              : m.role;
          return (
            <Table.Row key={m.userId} data-testid="member-row" data-user-id={m.userId}>
              <Table.Cell>
                {m.name} {m.userId === meId && <span>{t('members.you')}</span>}
                <span className={css.sub}>{m.email}</span>
              </Table.Cell>
              <Table.Cell>{m.organisation?.name ?? t('members.noOrganisation')}</Table.Cell>
              <Table.Cell>
                {isAdmin ? (
                  <Field data-size="sm">
                    <Label className="visually-hidden">
                      {t('members.roleOf', { name: m.name })}
                    </Label>
                    <Select
                      width="auto"
                      value={selfDemote?.member.userId === m.userId ? selfDemote.role : pendingRole}
                      disabled={setRole.isPending}
                      onChange={(e) => requestRole(m, e.target.value as Role)}
                    >
                      <RoleOptions />
                    </Select>
                  </Field>
                ) : (
                  t(`role.${m.role}`)
                )}
              </Table.Cell>
              {isAdmin && (
                <Table.Cell>
                  {m.userId !== meId && (
                    <RemoveRowButton
                      label={t('members.removeNamed', { name: m.name })}
                      onClick={() => setRemoving(m)}
                    >
                      {t('members.remove')}
                    </RemoveRowButton>
                  )}
                </Table.Cell>
              )}
            </Table.Row>
          );
        }}
      </DataTable>
      {selfDemote && (
        <ConfirmDialog
          data-testid="self-demote-dialog"
          title={t('members.selfDemoteTitle')}
          confirmLabel={t('members.confirmSelfDemote')}
          cancelLabel={t('members.cancel')}
          onConfirm={() => {
            changeRole(selfDemote.member, selfDemote.role);
            setSelfDemote(null);
          }}
          onCancel={() => setSelfDemote(null)}
        >
          <Paragraph>
            {t('members.selfDemoteBody', {
              role: t(`role.${selfDemote.role}`),
              title: agreementTitle,
            })}
          </Paragraph>
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          data-testid="remove-member-dialog"
          title={t('members.removeTitle', { name: removing.name })}
          confirmLabel={t('members.confirmRemove')}
          cancelLabel={t('members.cancel')}
          loading={remove.isPending}
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        >
          <Paragraph>
            {t('members.removeBody', { name: removing.name, title: agreementTitle })}
          </Paragraph>
        </ConfirmDialog>
      )}
    </>
  );
}
