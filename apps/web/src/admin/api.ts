import type { InvitationView } from '@tavla/domain';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AgreementSummary,
  ApiError,
  api,
  type Member,
  type Organisation,
  type OrganisationKind,
  type Role,
} from '../api/client';
import { keys, useMe } from '../api/queries';

/** A pending invitation as the admin sees it (the secret is only in the create answer). */
export type Invitation = InvitationView;

export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

const enc = encodeURIComponent;

export const adminEndpoints = {
  setRole: (agreementId: string, userId: string, role: Role) =>
    api<{ member: Member }>(`/api/agreements/${enc(agreementId)}/members/${enc(userId)}`, {
      method: 'PATCH',
      body: { role },
    }),
  removeMember: (agreementId: string, userId: string) =>
    api<void>(`/api/agreements/${enc(agreementId)}/members/${enc(userId)}`, { method: 'DELETE' }),
  invitations: (agreementId: string) =>
    api<{ invitations: Invitation[] }>(`/api/agreements/${enc(agreementId)}/invitations`).then(
      (r) => r.invitations,
    ),
  invite: (
    agreementId: string,
    body: { email: string; role: Role; organisationId?: string | null },
  ) =>
    api<Invitation & { token: string }>(`/api/agreements/${enc(agreementId)}/invitations`, {
      method: 'POST',
      body,
    }),
  revokeInvitation: (agreementId: string, invitationId: string) =>
    api<void>(`/api/agreements/${enc(agreementId)}/invitations/${enc(invitationId)}`, {
      method: 'DELETE',
    }),
  organisations: () =>
    api<{ organisations: Organisation[] }>('/api/organisations').then((r) => r.organisations),
  createOrganisation: (body: { name: string; kind: OrganisationKind; parentId?: string | null }) =>
    api<Organisation>('/api/organisations', { method: 'POST', body }),
  createAgreement: (body: { id: string; title: string }) =>
    api<AgreementSummary>('/api/agreements', { method: 'POST', body }),
  instanceAdmin: () =>
    api<{ isInstanceAdmin?: boolean }>('/api/me').then((r) => r.isInstanceAdmin === true),
};

export const adminKeys = {
  invitations: (id: string) => ['agreements', id, 'invitations'] as const,
  organisations: ['organisations'] as const,
  // Not under `me`: a login drops every query but `me`, and this must go with the person.
  instanceAdmin: ['instanceAdmin'] as const,
};

export function useInvitations(agreementId: string, enabled: boolean) {
  return useQuery({
    queryKey: adminKeys.invitations(agreementId),
    queryFn: () => adminEndpoints.invitations(agreementId),
    enabled,
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: adminKeys.organisations,
    queryFn: adminEndpoints.organisations,
    staleTime: 5 * 60_000,
  });
}

/** Whether the signed-in person administers this Tavla installation (GET /api/me). */
export function useIsInstanceAdmin() {
  const me = useMe();
  const q = useQuery({
    queryKey: adminKeys.instanceAdmin,
    queryFn: adminEndpoints.instanceAdmin,
    enabled: !!me.data,
    staleTime: 5 * 60_000,
  });
  return { ...q, data: me.data ? q.data : false };
}

/**
 * After a 403/404 our own role may have changed meanwhile (another admin demoted or removed us):
 * read it again, so the page turns read-only or says the agreement is gone.
 */
function recheckRoleOn(qc: QueryClient, agreementId: string) {
  return (e: unknown) => {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404))
      void qc.invalidateQueries({ queryKey: keys.agreement(agreementId), exact: true });
  };
}

export function useSetRole(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      adminEndpoints.setRole(agreementId, userId, role),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.agreement(agreementId) }),
    onError: recheckRoleOn(qc, agreementId),
  });
}

export function useRemoveMember(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => adminEndpoints.removeMember(agreementId, userId),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.agreement(agreementId) }),
    onError: recheckRoleOn(qc, agreementId),
  });
}

export function useInvite(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role; organisationId?: string | null }) =>
      adminEndpoints.invite(agreementId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.invitations(agreementId) }),
    onError: recheckRoleOn(qc, agreementId),
  });
}

export function useRevokeInvitation(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      adminEndpoints.revokeInvitation(agreementId, invitationId),
    onSettled: () => qc.invalidateQueries({ queryKey: adminKeys.invitations(agreementId) }),
    onError: recheckRoleOn(qc, agreementId),
  });
}
