import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useUi } from '../shell/uiStore';
import { ApiError, endpoints, type User } from './client';
import { forgetOffline, rememberOffline, withOfflineCopy } from './offlineCopy';

export const keys = {
  me: ['me'] as const,
  agreements: ['agreements'] as const,
  agreement: (id: string) => ['agreements', id] as const,
  members: (id: string) => ['agreements', id, 'members'] as const,
};

/**
 * The signed-in user, or null when there is no session (401 is an answer, not an error). With no
 * network at all, the person last seen here (api/offlineCopy.ts): a board reloaded on a train
 * opens from the browser's copy, and the server checks the session again when it is reachable.
 */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<User | null> => {
      try {
        return await withOfflineCopy('me', endpoints.me);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          forgetOffline();
          return null;
        }
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useAgreements() {
  return useQuery({ queryKey: keys.agreements, queryFn: endpoints.agreements, staleTime: 60_000 });
}

export function useAgreement(id: string) {
  return useQuery({
    queryKey: keys.agreement(id),
    queryFn: () => withOfflineCopy(`agreement:${id}`, () => endpoints.agreement(id)),
    staleTime: 60_000,
    retry: (n, e) => !(e instanceof ApiError && (e.status === 404 || e.status === 401)) && n < 2,
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: keys.members(id),
    queryFn: () => withOfflineCopy(`members:${id}`, () => endpoints.members(id)),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) =>
      endpoints.login(email, password),
    onSuccess: (user) => {
      // Drop the previous person's data but keep the `me` query alive: observers stay attached.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      useUi.getState().setSignedOutByUser(false);
      forgetOffline(); // nothing of a previous person's answers stays
      rememberOffline('me', user);
      qc.setQueryData(keys.me, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: endpoints.logout,
    onMutate: () => useUi.getState().setSignedOutByUser(true),
    onSettled: () => {
      forgetOffline();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.setQueryData(keys.me, null);
    },
  });
}
