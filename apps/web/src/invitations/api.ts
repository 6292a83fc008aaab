import type { InvitationInfo } from '@tavla/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type User } from '../api/client';
import { keys } from '../api/queries';

export type { InvitationInfo } from '@tavla/domain';

const enc = encodeURIComponent;

export const invitationEndpoints = {
  get: (token: string) => api<InvitationInfo>(`/api/invitations/${enc(token)}`),
  accept: (token: string, body: { name?: string; password?: string }) =>
    api<{ user: User }>(`/api/invitations/${enc(token)}/accept`, { method: 'POST', body }).then(
      (r) => r.user,
    ),
};

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => invitationEndpoints.get(token),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500 && e.status > 0) && n < 2,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Accepts; on success the person is signed in (a new account gets a session cookie). */
export function useAcceptInvitation(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; password?: string }) =>
      invitationEndpoints.accept(token, body),
    onSuccess: (user) => {
      const previous = qc.getQueryData<User | null>(keys.me);
      if (previous && previous.id !== user.id) {
        qc.removeQueries({
          predicate: (q) => q.queryKey[0] !== keys.me[0] && q.queryKey[0] !== 'invitation',
        });
      }
      qc.setQueryData(keys.me, user);
      void qc.invalidateQueries({ queryKey: keys.agreements });
    },
  });
}
